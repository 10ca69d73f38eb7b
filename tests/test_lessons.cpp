// Lessons: every bundled lesson is complete in both languages and every step of every lesson finds the
// widgets it names in the real window; malformed files are refused with the file and the problem named while
// the others load; a teacher's own lesson appears and may replace a bundled one; the card answers its keys;
// the first launch shows the hint once.
#include "denoising_page.h"
#include "explorer_session.h"
#include "lesson_player.h"
#include "lessons.h"
#include "main_window.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace de;

namespace {

void write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

const QByteArray kGoodLesson = R"({
  "title": {"en": "My lesson", "zh_CN": "我的课"},
  "steps": [
    {"text": {"en": "Look at the schedule.", "zh_CN": "看噪声表。"}, "page": "denoising",
     "highlight": "denoising.schedulePlot"},
    {"text": {"en": "Ten steps.", "zh_CN": "十步。"}, "set": {"denoising.steps": 10}}
  ]
})";

} // namespace

class LessonsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QSettings().setValue(QStringLiteral("lessons/hintShown"), true); // the hint has its own test
    }

    void bundledLessonsAreCompleteInBothLanguages()
    {
        QTemporaryDir empty;
        const LessonLibrary library = loadLessons(empty.path());
        QVERIFY2(library.problems.isEmpty(), qPrintable(library.problems.join(QLatin1Char('\n'))));
        QVERIFY(library.lessons.size() >= 6);
        QSet<QString> pages;
        for (const Lesson &lesson : library.lessons) {
            QVERIFY(lesson.bundled);
            QVERIFY2(lesson.steps.size() >= 5, qPrintable(lesson.id));
            QVERIFY(!lesson.title.en.isEmpty() && !lesson.title.zhCN.isEmpty());
            for (const LessonStep &step : lesson.steps) {
                QVERIFY(!step.text.en.isEmpty() && !step.text.zhCN.isEmpty());
                QVERIFY2(step.text.en != step.text.zhCN, qPrintable(step.text.en));
                pages.insert(step.page);
            }
        }
        // Together the lessons visit every page.
        for (const QString &page : lessonPages())
            QVERIFY2(pages.contains(page), qPrintable(page));
    }

    void textsFollowTheLanguage()
    {
        const LessonText text {QStringLiteral("noise"), QStringLiteral("噪声")};
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
        QCOMPARE(text.current(), QStringLiteral("噪声"));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
        QCOMPARE(text.current(), QStringLiteral("noise"));
    }

    void malformedFilesAreRefusedWithTheirProblem_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("problem");
        QTest::newRow("not JSON") << QByteArray("{\"title\": ") << QStringLiteral("not valid JSON");
        QTest::newRow("a list") << QByteArray("[1, 2]") << QStringLiteral("one JSON object");
        QTest::newRow("no title") << QByteArray(R"({"steps": [{"text": {"en": "a", "zh_CN": "b"}}]})")
                                  << QStringLiteral("\"title\"");
        QTest::newRow("title without Chinese")
            << QByteArray(R"({"title": {"en": "A"}, "steps": [{"text": {"en": "a", "zh_CN": "b"}}]})")
            << QStringLiteral("\"zh_CN\"");
        QTest::newRow("no steps") << QByteArray(R"({"title": {"en": "A", "zh_CN": "甲"}, "steps": []})")
                                  << QStringLiteral("no \"steps\"");
        QTest::newRow("step without Chinese")
            << QByteArray(R"({"title": {"en": "A", "zh_CN": "甲"}, "steps": [
                 {"text": {"en": "a", "zh_CN": "b"}}, {"text": {"en": "only English"}}]})")
            << QStringLiteral("step 2");
        QTest::newRow("unknown key") << QByteArray(R"({"title": {"en": "A", "zh_CN": "甲"}, "steps": [
                 {"text": {"en": "a", "zh_CN": "b"}, "colour": "red"}]})")
                                     << QStringLiteral("unknown key \"colour\"");
        QTest::newRow("unknown page") << QByteArray(R"({"title": {"en": "A", "zh_CN": "甲"}, "steps": [
                 {"text": {"en": "a", "zh_CN": "b"}, "page": "kitchen"}]})")
                                      << QStringLiteral("\"kitchen\"");
        QTest::newRow("set is a list") << QByteArray(R"({"title": {"en": "A", "zh_CN": "甲"}, "steps": [
                 {"text": {"en": "a", "zh_CN": "b"}, "set": [1]}]})")
                                       << QStringLiteral("\"set\"");
    }

    void malformedFilesAreRefusedWithTheirProblem()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("broken.json")), json);
        write(dir.filePath(QStringLiteral("mine.json")), kGoodLesson);
        const LessonLibrary library = loadLessons(dir.path());
        QCOMPARE(library.problems.size(), 1);
        QVERIFY2(
            library.problems[0].contains(QStringLiteral("broken.json")), qPrintable(library.problems[0]));
        QVERIFY2(library.problems[0].contains(problem), qPrintable(library.problems[0]));
        // The others still load: the bundled ones and the good file beside the broken one.
        QCOMPARE(library.lessons.size(), loadLessons(QStringLiteral("/nonexistent")).lessons.size() + 1);
        QCOMPARE(library.lessons.constLast().id, QStringLiteral("mine"));
        QVERIFY(!library.lessons.constLast().bundled);
    }

    void aTeachersLessonReplacesTheBundledOneOfTheSameName()
    {
        QTemporaryDir dir;
        const LessonLibrary bundled = loadLessons(QStringLiteral("/nonexistent"));
        const QString id = bundled.lessons.constFirst().id;
        write(dir.filePath(id + QStringLiteral(".json")), kGoodLesson);
        const LessonLibrary library = loadLessons(dir.path());
        QCOMPARE(library.lessons.size(), bundled.lessons.size());
        QCOMPARE(library.lessons.constFirst().id, id);
        QCOMPARE(library.lessons.constFirst().title.en, QStringLiteral("My lesson"));
    }

    // The heart of it: each step of each bundled lesson, played in the real window, finds every widget it
    // names, sets every value it gives and opens its page.
    void everyStepOfEveryLessonFindsItsWidgets()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(!window.denoisingPage()->isRunning(), 60000);
        LessonPlayer *player = window.lessonPlayer();
        const LessonLibrary library = loadLessons(QStringLiteral("/nonexistent"));
        int steps = 0;
        for (const Lesson &lesson : library.lessons) {
            player->start(lesson);
            for (int i = 0; i < lesson.steps.size(); ++i) {
                const LessonStep &step = lesson.steps[i];
                QCOMPARE(player->stepIndex(), i);
                // A click waits while a run (the start-up grid, a preview, a load) keeps its button disabled.
                QTRY_VERIFY_WITH_TIMEOUT(!player->hasPendingClicks(), 70000);
                QVERIFY2(player->problems().isEmpty(),
                    qPrintable(QStringLiteral("%1, step %2: %3")
                                   .arg(lesson.id)
                                   .arg(i + 1)
                                   .arg(player->problems().join(QStringLiteral("; ")))));
                if (!step.page.isEmpty() && step.click.isEmpty()) // a click may open another page
                    QCOMPARE(window.tabs()->currentIndex(), int(lessonPages().indexOf(step.page)));
                if (!step.highlight.isEmpty()) {
                    QVERIFY(player->highlighted());
                    QCOMPARE(
                        player->highlighted()->objectName(), step.highlight.section(QLatin1Char('/'), -1));
                }
                QVERIFY(player->isVisible());
                // The card never covers the widget the step is about.
                if (player->highlighted() && player->highlighted()->isVisible()) {
                    const QRect target(
                        player->highlighted()->mapTo(&window, QPoint(0, 0)), player->highlighted()->size());
                    const QRect card = player->geometry();
                    if (target.width() < window.width() / 2 && target.height() < window.height() / 2)
                        QVERIFY2(!card.intersects(target),
                            qPrintable(QStringLiteral("%1, step %2").arg(lesson.id).arg(i + 1)));
                }
                if (lesson.id.contains(QStringLiteral("embeddings")) && i == 3) {
                    QTest::qWait(1500); // the view computes on its worker
                    QVERIFY(
                        window.grab().save(test::screenshotPath(QStringLiteral("lesson-embeddings.png"))));
                }
                ++steps;
                player->next();
            }
            QVERIFY(!player->isPlaying());
            QVERIFY(!player->isVisible());
            // Whatever a step started is stopped before the next lesson.
            window.denoisingPage()->cancel();
            QTRY_VERIFY_WITH_TIMEOUT(!window.denoisingPage()->isRunning(), 60000);
        }
        qInfo("walked %d steps of %d lessons", steps, int(library.lessons.size()));
        QVERIFY(steps >= 30);
    }

    void aStepNamingAMissingWidgetSaysSo()
    {
        MainWindow window;
        window.show();
        Lesson lesson;
        QString problem;
        QVERIFY(parseLesson(R"({"title": {"en": "A", "zh_CN": "甲"}, "steps": [
            {"text": {"en": "a", "zh_CN": "b"}, "set": {"denoising.nothing": 1, "denoising.steps": 99999},
             "highlight": "nowhere", "click": "denoising.nothingEither"}]})",
            &lesson, &problem));
        window.lessonPlayer()->start(lesson);
        const QString said = window.lessonPlayer()->problems().join(QLatin1Char('\n'));
        QCOMPARE(window.lessonPlayer()->problems().size(), 4);
        for (const char *name :
            {"denoising.nothing", "denoising.steps", "nowhere", "denoising.nothingEither"})
            QVERIFY2(said.contains(QLatin1String(name)), qPrintable(said));
    }

    void theCardAnswersItsKeys()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.startLesson(loadLessons(QStringLiteral("/nonexistent")).lessons.constFirst().id));
        LessonPlayer *player = window.lessonPlayer();
        QCOMPARE(player->stepIndex(), 0);
        QTest::keyClick(&window, Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(player->stepIndex(), 1);
        QTest::keyClick(&window, Qt::Key_Right, Qt::AltModifier);
        QTest::keyClick(&window, Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(player->stepIndex(), 1);
        QTest::keyClick(&window, Qt::Key_A, Qt::AltModifier); // Leave
        QVERIFY(!player->isVisible());
        QVERIFY(!player->isPlaying());
        QVERIFY(!window.startLesson(QStringLiteral("no-such-lesson")));
    }

    void theFirstLaunchShowsTheHintOnce()
    {
        QSettings().remove(QStringLiteral("lessons/hintShown"));
        {
            MainWindow window;
            window.resize(1024, 768);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QTRY_VERIFY(window.lessonPlayer()->isShowingHint());
            QVERIFY(window.lessonPlayer()->isVisible());
            QVERIFY(window.grab().save(test::screenshotPath(QStringLiteral("lesson-hint.png"))));
        }
        MainWindow again;
        again.show();
        QTest::qWait(50);
        QVERIFY(!again.lessonPlayer()->isShowingHint());
        QVERIFY(!again.lessonPlayer()->isVisible());
    }
};

QTEST_MAIN(LessonsTest)
#include "test_lessons.moc"
