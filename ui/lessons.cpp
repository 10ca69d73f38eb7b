#include "lessons.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QStandardPaths>

namespace de {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Lessons", text);
}

// A {"en": …, "zh_CN": …} object; both are required and must not be empty.
bool readText(const QJsonValue &value, const QString &where, LessonText *text, QString *problem)
{
    if (!value.isObject()) {
        *problem = tr("%1 must be an object with \"en\" and \"zh_CN\" texts").arg(where);
        return false;
    }
    const QJsonObject o = value.toObject();
    text->en = o.value(QStringLiteral("en")).toString().trimmed();
    text->zhCN = o.value(QStringLiteral("zh_CN")).toString().trimmed();
    if (text->en.isEmpty() || text->zhCN.isEmpty()) {
        *problem = tr("%1 needs both an \"en\" and a \"zh_CN\" text").arg(where);
        return false;
    }
    return true;
}

bool readStep(const QJsonValue &value, int number, LessonStep *step, QString *problem)
{
    const QString where = tr("step %1").arg(number);
    if (!value.isObject()) {
        *problem = tr("%1 is not an object").arg(where);
        return false;
    }
    const QJsonObject o = value.toObject();
    static const QStringList known {QStringLiteral("text"), QStringLiteral("page"), QStringLiteral("model"),
        QStringLiteral("set"), QStringLiteral("block"), QStringLiteral("highlight"), QStringLiteral("click")};
    for (const QString &key : o.keys())
        if (!known.contains(key)) {
            *problem = tr("%1 has an unknown key \"%2\" (known: %3)")
                           .arg(where, key, known.join(QStringLiteral(", ")));
            return false;
        }
    if (!readText(o.value(QStringLiteral("text")), tr("%1's \"text\"").arg(where), &step->text, problem))
        return false;
    step->page = o.value(QStringLiteral("page")).toString();
    if (o.contains(QStringLiteral("page")) && !lessonPages().contains(step->page)) {
        *problem = tr("%1 opens the page \"%2\"; pages are %3")
                       .arg(where, o.value(QStringLiteral("page")).toVariant().toString(),
                           lessonPages().join(QStringLiteral(", ")));
        return false;
    }
    step->model = o.value(QStringLiteral("model")).toString();
    if (o.contains(QStringLiteral("set")) && !o.value(QStringLiteral("set")).isObject()) {
        *problem = tr("%1's \"set\" must be an object of widget names and values").arg(where);
        return false;
    }
    step->set = o.value(QStringLiteral("set")).toObject();
    step->block = o.value(QStringLiteral("block")).toString();
    step->highlight = o.value(QStringLiteral("highlight")).toString();
    const QJsonValue click = o.value(QStringLiteral("click"));
    if (click.isString()) {
        step->click = {click.toString()};
    } else if (click.isArray()) {
        for (const QJsonValue &c : click.toArray())
            step->click << c.toString();
    } else if (!click.isUndefined()) {
        *problem = tr("%1's \"click\" must be a widget name or a list of them").arg(where);
        return false;
    }
    return true;
}

void loadFolder(const QString &folder, bool bundled, LessonLibrary *library)
{
    const QDir dir(folder);
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const QString path = dir.filePath(name);
        QFile file(path);
        Lesson lesson;
        QString problem;
        if (!file.open(QIODevice::ReadOnly))
            problem = file.errorString();
        else if (file.size() > 1 << 20)
            problem = tr("the file is larger than 1 MB");
        else
            parseLesson(file.readAll(), &lesson, &problem);
        if (!problem.isEmpty()) {
            library->problems
                << tr("The lesson %1 was not loaded: %2").arg(QDir::toNativeSeparators(path), problem);
            continue;
        }
        lesson.id = QFileInfo(name).completeBaseName();
        lesson.source = path;
        lesson.bundled = bundled;
        auto same = std::find_if(library->lessons.begin(), library->lessons.end(),
            [&lesson](const Lesson &l) { return l.id == lesson.id; });
        if (same != library->lessons.end())
            *same = lesson; // a teacher's version of a bundled lesson
        else
            library->lessons.push_back(lesson);
    }
}

} // namespace

QString LessonText::current() const
{
    return QLocale().language() == QLocale::Chinese ? zhCN : en;
}

QStringList lessonPages()
{
    return {QStringLiteral("transpose"), QStringLiteral("forward"), QStringLiteral("denoising"),
        QStringLiteral("training"), QStringLiteral("model"), QStringLiteral("evaluate"),
        QStringLiteral("embeddings"), QStringLiteral("play")};
}

bool parseLesson(const QByteArray &json, Lesson *lesson, QString *problem)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        *problem = tr("it is not valid JSON (%1 at character %2)").arg(error.errorString()).arg(error.offset);
        return false;
    }
    if (!doc.isObject()) {
        *problem = tr("it must hold one JSON object with \"title\" and \"steps\"");
        return false;
    }
    const QJsonObject o = doc.object();
    if (!readText(o.value(QStringLiteral("title")), tr("\"title\""), &lesson->title, problem))
        return false;
    if (o.contains(QStringLiteral("summary"))
        && !readText(o.value(QStringLiteral("summary")), tr("\"summary\""), &lesson->summary, problem))
        return false;
    const QJsonArray steps = o.value(QStringLiteral("steps")).toArray();
    if (steps.isEmpty()) {
        *problem = tr("it has no \"steps\" (a list of at least one step)");
        return false;
    }
    lesson->steps.clear();
    for (int i = 0; i < steps.size(); ++i) {
        LessonStep step;
        if (!readStep(steps[i], i + 1, &step, problem))
            return false;
        lesson->steps.push_back(step);
    }
    return true;
}

QString userLessonFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/lessons");
}

LessonLibrary loadLessons(const QString &userFolder)
{
    LessonLibrary library;
    loadFolder(QStringLiteral(":/lessons"), true, &library);
    loadFolder(userFolder.isEmpty() ? userLessonFolder() : userFolder, false, &library);
    return library;
}

} // namespace de
