// The embedding view in the real window: the heat map holds temb for every t, the maps and the formula follow
// t, the context and the level with the numbers the model computed, the previous context stays faintly, and a
// click on a purple block of the Model page opens the view at that block's level.
#include "context_controls.h"
#include "embedding_page.h"
#include "explorer_session.h"
#include "main_window.h"
#include "model_page.h"
#include "test_support.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace de;

namespace {
// Within float rounding: the table embeds 501 timesteps in one batch, the maps one.
bool close(const QVector<float> &a, const QVector<float> &b)
{
    if (a.size() != b.size())
        return false;
    for (int i = 0; i < a.size(); ++i)
        if (std::abs(a[i] - b[i]) > 1e-5f)
            return false;
    return true;
}
} // namespace

class EmbeddingPageTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QSettings().setValue(QStringLiteral("lessons/hintShown"), true);
    }

    void showsTheEmbeddingsOfTheOpenModel()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        EmbeddingPage *page = window.embeddingPage();
        window.tabs()->setCurrentWidget(page);
        // Settled: the table is for the context the sliders show (the first class).
        const auto sliders = [page] {
            QVector<float> v;
            for (double x : page->contextControls()->vector())
                v << float(x);
            return v;
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            page->hasMaps() && page->table().temb1.size() == 501 && page->table().context == sliders(),
            30000);
        const int f = int(window.session()->checkpointInfo().config.nFeat);
        QCOMPARE(page->table().cemb1.size(), 2 * f);
        QCOMPARE(page->table().temb2.constFirst().size(), f);
        QCOMPARE(page->maps().before1.n, 2 * f);
        QCOMPARE(page->maps().after2.n, f);
        // The view's context is the first class, as the sliders say, and the maps' embeddings are the
        // table's.
        QCOMPARE(page->contextControls()->vector().constFirst(), 1.0);
        const int t = page->timestep();
        QCOMPARE(page->maps().t, t);
        for (int ch = 0; ch < 2 * f; ++ch) {
            QVERIFY(std::abs(page->maps().temb1[ch] - page->table().temb1[t][ch]) < 1e-5);
            QVERIFY(std::abs(page->maps().cemb1[ch] - page->table().cemb1[ch]) < 1e-5);
        }

        // The formula shows the chosen channel's own numbers.
        page->setChannel(5);
        const QString scale = QString::number(page->maps().cemb1[5], 'f', 3);
        QVERIFY2(page->formulaText().contains(scale), qPrintable(page->formulaText()));
        QVERIFY(page->formulaText().contains(QStringLiteral("cemb1")));

        // Another t: new shifts, the same scales; timed for the note, not asserted.
        const QVector<float> cembBefore = page->maps().cemb1, tembBefore = page->maps().temb1;
        QElapsedTimer clock;
        clock.start();
        page->setTimestep(40);
        QTRY_COMPARE_WITH_TIMEOUT(page->maps().t, 40, 10000);
        qInfo("maps for a new t after %lld ms", clock.elapsed());
        QCOMPARE(page->maps().cemb1, cembBefore);
        QVERIFY(page->maps().temb1 != tembBefore);

        // Another context: new scales, the same shifts.
        QVector<double> other(page->contextControls()->vector().size(), 0.0);
        other[2] = 1.0;
        clock.restart();
        page->contextControls()->setVector(other);
        QTRY_VERIFY_WITH_TIMEOUT(page->maps().cemb1 != cembBefore, 10000);
        qInfo("maps for a new context after %lld ms", clock.elapsed());
        QTRY_VERIFY_WITH_TIMEOUT(close(page->table().cemb1, page->maps().cemb1), 10000);
        QVERIFY(close(page->maps().temb1, page->table().temb1[40]));
        QVERIFY(page->contextControls()->presetBox()->currentText().contains(QStringLiteral("Only")));

        // Level 2 and the screenshot.
        page->setLevel(2);
        QVERIFY(page->formulaText().contains(QStringLiteral("cemb2")));
        QVERIFY(page->formulaText().contains(QString::number(page->maps().cemb2[5], 'f', 3)));
        QVERIFY(window.grab().save(test::screenshotPath(QStringLiteral("embedding-view.png"))));
    }

    void aPurpleBlockOpensTheView()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.tabs()->setCurrentWidget(window.modelPage());
        UnetDiagram *diagram = window.modelPage()->diagram();
        QTRY_VERIFY(!diagram->blockRect(QStringLiteral("contextembed2")).isEmpty());
        QTest::mouseClick(diagram, Qt::LeftButton, {},
            diagram->blockRect(QStringLiteral("contextembed2")).center().toPoint());
        QCOMPARE(window.tabs()->currentWidget(), window.embeddingPage());
        QCOMPARE(window.embeddingPage()->level(), 2);
        window.tabs()->setCurrentWidget(window.modelPage());
        QTest::mouseClick(
            diagram, Qt::LeftButton, {}, diagram->blockRect(QStringLiteral("timeembed1")).center().toPoint());
        QCOMPARE(window.tabs()->currentWidget(), window.embeddingPage());
        QCOMPARE(window.embeddingPage()->level(), 1);
        // Other blocks keep the Model page.
        window.tabs()->setCurrentWidget(window.modelPage());
        QTest::mouseClick(
            diagram, Qt::LeftButton, {}, diagram->blockRect(QStringLiteral("up1")).center().toPoint());
        QCOMPARE(window.tabs()->currentWidget(), window.modelPage());
    }

    void anotherModelReplacesEverything()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        EmbeddingPage *page = window.embeddingPage();
        window.tabs()->setCurrentWidget(page);
        QTRY_VERIFY_WITH_TIMEOUT(page->hasMaps(), 30000);
        const int spriteChannels = page->maps().before1.n;
        QVERIFY(window.openBundledModel(QStringLiteral("fashion")));
        window.tabs()->setCurrentWidget(page);
        QTRY_VERIFY_WITH_TIMEOUT(page->hasMaps() && page->maps().before1.h == 28 / 4, 30000);
        QCOMPARE(page->contextControls()->classNames().size(), 10);
        QTRY_COMPARE_WITH_TIMEOUT(page->table().cemb1.size(), page->maps().before1.n, 10000);
        qInfo("sprite model: %d channels at level 1; fashion model: %d", spriteChannels,
            page->maps().before1.n);
    }
};

QTEST_MAIN(EmbeddingPageTest)
#include "test_embedding_page.moc"
