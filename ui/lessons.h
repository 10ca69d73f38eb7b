// Lessons: guided tours through the pages, read from JSON files (docs/lessons.md). The bundled ones are in
// the resources (:/lessons); a teacher's own go in the user's data folder, in "lessons". Each step has a text
// in English and Simplified Chinese and actions: open a page, set widgets, select a U-Net block, highlight a
// widget, click a button.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace de {

// A text in the two languages of the program.
struct LessonText
{
    QString en, zhCN;
    // The text for the interface's language (QLocale()): Chinese for zh, English otherwise.
    QString current() const;
};

struct LessonStep
{
    LessonText text;
    QString page; // empty: stay; else one of lessonPages()
    QString model; // empty: keep; else a model to open first, e.g. "bundled:sprites"
    QJsonObject set; // widget name -> value
    QString block; // a U-Net block to select on the Model page
    QString highlight; // a widget to draw attention to
    QStringList click; // buttons to press, in order
};

struct Lesson
{
    QString id; // the file's base name
    QString source; // the file it came from
    bool bundled = false;
    LessonText title;
    LessonText summary; // optional
    QVector<LessonStep> steps;
};

// The page names a step may open, in the order of the window's tabs.
QStringList lessonPages();

// Reads one lesson; on a problem returns false and says what is wrong and where ("step 3: …").
bool parseLesson(const QByteArray &json, Lesson *lesson, QString *problem);

struct LessonLibrary
{
    QVector<Lesson> lessons; // the bundled ones first, then the user's, each sorted by file name
    QStringList problems; // one message per refused file, naming the file and the problem
};

// The folder where a user's lessons are read from.
QString userLessonFolder();
// Reads the bundled lessons and those in userFolder (empty: userLessonFolder()). A malformed file is refused
// with a message; the others still load. A user's lesson with a bundled lesson's name replaces it.
LessonLibrary loadLessons(const QString &userFolder = QString());

} // namespace de
