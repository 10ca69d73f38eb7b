// The transposed-convolution explorer as a person uses it: it opens ready to play on the course's 3x3, p=1,
// s=2 example, answers the keyboard, plays to the end, switches views, edits cells, explains an output cell
// under the pointer, and survives impossible parameters with a message.
#include "main_window.h"
#include "test_support.h"
#include "transpose_conv_widget.h"

#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using namespace de;

class TransposeConvWidgetTest : public QObject
{
    Q_OBJECT
private:
    static void key(QWidget *w, Qt::Key k) { QTest::keyClick(w, k); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // the main window below must not read the user's settings
        QSettings().clear();
    }

    void opensReadyOnTheCourseExample()
    {
        TransposeConvWidget w;
        w.resize(1100, 760);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.plan() != nullptr);
        QCOMPARE(w.plan()->kernel().rows, 3);
        QCOMPARE(w.plan()->params().padding, 1);
        QCOMPARE(w.plan()->params().stride, 2);
        QCOMPARE(w.plan()->outputRows(), 5);
        QCOMPARE(w.view(), TransposeConvView::Scatter);
        QCOMPARE(w.stepsDone(), 0);
        QCOMPARE(w.stepCount(), 3 * 3 + 1);
        QCOMPARE(w.formulaText(), QStringLiteral("H_out = (3-1)×2 - 2×1 + 1×(3-1) + 0 + 1 = 5"));
        QVERIFY(w.equationText().contains(QStringLiteral("Space")));
    }

    void keyboardMovesThroughSteps()
    {
        TransposeConvWidget w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setFocus();
        key(&w, Qt::Key_Right);
        key(&w, Qt::Key_Right);
        QCOMPARE(w.stepsDone(), 2);
        QVERIFY(w.equationText().startsWith(QStringLiteral("in[0][1] = 2:")));
        key(&w, Qt::Key_Left);
        QCOMPARE(w.stepsDone(), 1);
        key(&w, Qt::Key_End);
        QCOMPARE(w.stepsDone(), w.stepCount());
        QVERIFY(w.equationText().startsWith(QStringLiteral("crop: out = canvas[1..5][1..5]")));
        key(&w, Qt::Key_Home);
        QCOMPARE(w.stepsDone(), 0);
        key(&w, Qt::Key_Space);
        QVERIFY(w.isPlaying());
        key(&w, Qt::Key_Space);
        QVERIFY(!w.isPlaying());
    }

    void playsToTheEndAndMatchesTheOutput()
    {
        TransposeConvWidget w;
        w.show();
        w.findChild<QDoubleSpinBox *>()->setValue(20.0);
        w.play();
        QTRY_COMPARE_WITH_TIMEOUT(w.stepsDone(), w.stepCount(), 10000);
        QTRY_VERIFY(!w.isPlaying());
        QCOMPARE(w.plan()->outputAfter(w.view(), w.stepsDone()), w.plan()->output());
    }

    void everyViewReachesTheSameOutput()
    {
        TransposeConvWidget w;
        w.show();
        for (auto view : {TransposeConvView::Direct, TransposeConvView::Matrix, TransposeConvView::Scatter}) {
            w.setView(view);
            QCOMPARE(w.view(), view);
            QCOMPARE(w.stepsDone(), 0);
            w.goToEnd();
            QCOMPARE(w.plan()->outputAfter(view, w.stepsDone()), w.plan()->output());
        }
        w.setView(TransposeConvView::Direct);
        w.stepForward();
        QCOMPARE(w.equationText(), QStringLiteral("out[0][0] = 1×2 = 2"));
    }

    void impossibleParametersExplainAndRecover()
    {
        TransposeConvWidget w;
        w.show();
        const auto boxes = w.findChildren<QSpinBox *>();
        QSpinBox *outputPadding = nullptr;
        for (QSpinBox *b : boxes)
            if (b->toolTip().startsWith(QStringLiteral("Output padding")))
                outputPadding = b;
        QVERIFY(outputPadding);
        outputPadding->setValue(2); // equal to the stride: PyTorch refuses it
        QVERIFY(w.plan() == nullptr);
        QVERIFY2(
            w.errorText().contains(QStringLiteral("smaller than the stride")), qPrintable(w.errorText()));
        w.stepForward(); // no crash, nothing to step
        QCOMPARE(w.stepsDone(), 0);
        outputPadding->setValue(1);
        QVERIFY(w.plan() != nullptr);
        QCOMPARE(w.plan()->outputRows(), 6);
        QVERIFY(w.errorText().isEmpty());
    }

    void editingACellChangesTheOutput()
    {
        TransposeConvWidget w;
        w.resize(1100, 760);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const double before = w.plan()->output().at(0, 0);
        const QRect cell = w.canvas()->cellRect(TransposeConvCanvas::Region::Input, 0, 0);
        QVERIFY(!cell.isNull());
        QTest::mouseClick(w.canvas(), Qt::LeftButton, {}, cell.center());
        auto *editor = w.canvas()->findChild<QLineEdit *>();
        QVERIFY(editor && editor->isVisible());
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("7"));
        QTest::keyClick(editor, Qt::Key_Return);
        QCOMPARE(w.input().at(0, 0), 7.0);
        QVERIFY(w.plan()->output().at(0, 0) != before);
        // Escape cancels.
        QTest::mouseClick(w.canvas(), Qt::LeftButton, {}, cell.center());
        QTest::keyClicks(editor, QStringLiteral("9"));
        QTest::keyClick(editor, Qt::Key_Escape);
        QCOMPARE(w.input().at(0, 0), 7.0);
    }

    void hoverExplainsAnOutputCell()
    {
        TransposeConvWidget w;
        w.resize(1100, 760);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.fillOnes();
        const QRect cell = w.canvas()->cellRect(TransposeConvCanvas::Region::Output, 1, 1);
        QTest::mouseMove(w.canvas(), cell.center());
        QTRY_VERIFY(!w.hoverText().isEmpty());
        // With ones everywhere, out[1][1] of kernel 3, stride 2, padding 1 collects four products.
        QVERIFY2(w.hoverText().startsWith(QStringLiteral("out[1][1] = in[0][0]·k[2][2]")),
            qPrintable(w.hoverText()));
        QVERIFY(w.hoverText().contains(QStringLiteral("= 4")));
        QVERIFY(w.hoverText().contains(QStringLiteral("4 kernel placement(s)")));
    }

    void courseExampleDoublesFourToEight()
    {
        TransposeConvWidget w;
        w.loadCourseExample();
        QCOMPARE(w.plan()->input().rows, 4);
        QCOMPARE(w.plan()->outputRows(), 8);
        QCOMPARE(w.plan()->params().outputPadding, 1);
        w.setHeatMap(true);
        QVERIFY(w.canvas()->heatMap());
    }

    // The picture for docs/: the default example mid-animation in the main window.
    void screenshotMidAnimation()
    {
        MainWindow window;
        window.resize(1280, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        TransposeConvWidget *w = window.transposeConvWidget();
        window.tabs()->setCurrentWidget(w); // a first launch opens on the Denoising page
        w->setStepsDone(5);
        QTest::mouseMove(
            w->canvas(), w->canvas()->cellRect(TransposeConvCanvas::Region::Output, 2, 2).center());
        QTRY_VERIFY(!w->hoverText().isEmpty());
        const QImage shot = window.grab().toImage();
        QVERIFY(shot.save(de::test::screenshotPath(QStringLiteral("transpose-convolution.png"))));
        w->setView(TransposeConvView::Direct);
        w->setStepsDone(7);
        QVERIFY(window.grab().toImage().save(
            de::test::screenshotPath(QStringLiteral("transpose-convolution-direct.png"))));
        w->setView(TransposeConvView::Matrix);
        w->setStepsDone(7);
        QVERIFY(window.grab().toImage().save(
            de::test::screenshotPath(QStringLiteral("transpose-convolution-matrix.png"))));
        w->setView(TransposeConvView::Scatter);
        w->loadCourseExample();
        w->fillOnes();
        w->setHeatMap(true);
        w->goToEnd();
        QVERIFY(window.grab().toImage().save(
            de::test::screenshotPath(QStringLiteral("transpose-convolution-heatmap.png"))));
        QCOMPARE(w->plan()->output(), w->plan()->overlapCounts()); // with ones, the output counts overlaps
    }
};

QTEST_MAIN(TransposeConvWidgetTest)
#include "test_transpose_conv_widget.moc"
