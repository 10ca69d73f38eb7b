// The lesson card: plays a lesson (lessons.h) on the main window, a step at a time, with Back, Next and Leave
// (Alt+←, Alt+→, Alt+A). Each step opens its page, sets its widgets, selects its block, clicks its buttons
// and draws a frame around the widget it is about. The card floats over a corner of the window, away from
// that widget. Also the first-launch hint that lessons exist, and the chooser behind Help ▸ Lessons.
#pragma once

#include "lessons.h"

#include <QElapsedTimer>
#include <QFrame>
#include <QPointer>
#include <QTimer>

class QLabel;
class QPushButton;

namespace de {

class MainWindow;

// The orange frame around the widget a step is about; it lets the mouse through.
class LessonHighlight : public QWidget
{
    Q_OBJECT
public:
    explicit LessonHighlight(QWidget *parent);
    void setTarget(QWidget *target);
    QWidget *target() const { return m_target; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void follow();

    QPointer<QWidget> m_target;
    QTimer m_follow;
};

class LessonPlayer : public QFrame
{
    Q_OBJECT
public:
    explicit LessonPlayer(MainWindow *window);

    void start(const Lesson &lesson);
    bool isPlaying() const { return !m_lesson.steps.isEmpty(); }
    const Lesson &lesson() const { return m_lesson; }
    int stepIndex() const { return m_step; }
    // What the last step could not do (a widget not found, a value refused); empty when all went well.
    QStringList problems() const { return m_problems; }
    QWidget *highlighted() const { return m_highlight->target(); }
    // Clicks of the current step still waiting for their button (disabled while a run is under way).
    bool hasPendingClicks() const { return !m_pendingClicks.isEmpty(); }
    // The card as a first-launch hint: lessons exist, and where to find them.
    void showHint();
    bool isShowingHint() const { return m_hint; }

    // Finds a widget by its object name; "a/b" is the widget b inside the widget a.
    static QWidget *findWidget(QWidget *root, const QString &path);

public slots:
    void next();
    void back();
    void leave();

signals:
    // The hint's "Show lessons" button.
    void chooseLessonRequested();
    void stepShown(int index);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showStep();
    void applyStep(const LessonStep &step);
    QString setValue(QWidget *widget, const QJsonValue &value) const;
    void place();
    void clickPending();

    MainWindow *m_window;
    Lesson m_lesson;
    int m_step = -1;
    bool m_hint = false;
    QStringList m_problems;
    QStringList m_pendingClicks;
    QTimer m_clickRetry;
    QElapsedTimer m_clickWait;
    LessonHighlight *m_highlight;
    QLabel *m_title, *m_counter, *m_text;
    QPushButton *m_back, *m_next, *m_leave, *m_choose;
};

// Help ▸ Lessons: a list of the lessons with their summaries, and the files that could not be read. Returns
// the chosen lesson's index, or -1.
int chooseLesson(QWidget *parent, const LessonLibrary &library);

} // namespace de
