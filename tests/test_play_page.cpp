// The play tools in the window, as a learner uses them: the Play page shows a denoised picture of the data
// set on its first visit; a drawing is noised to t and denoised; a painted mask repaints only its part, the
// rest staying the picture exactly; the walk fills its strip and plays; the Denoising page branches a DDPM
// run; the Transpose convolution page paints cells by dragging, stacks layers into checkerboards and shows
// the layer's PyTorch code. Screenshots of each go to $DE_SCREENSHOT_DIR (or the build's tests/screenshots).
#include "denoising_page.h"
#include "explorer_session.h"
#include "image_grid_view.h"
#include "main_window.h"
#include "overlap_stack_view.h"
#include "paint_canvas.h"
#include "play_page.h"
#include "test_support.h"
#include "transpose_conv_widget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace de;

namespace {

template<typename T> T *child(QWidget *parent, const char *name)
{
    return parent->findChild<T *>(QString::fromLatin1(name));
}

bool grabTo(QWidget *w, const QString &name)
{
    QTest::qWait(200);
    return w->grab().save(test::screenshotPath(name));
}

// The window at 1400×900, on screen.
bool showWindow(MainWindow &w)
{
    w.resize(1400, 900);
    w.show();
    return QTest::qWaitForWindowExposed(&w);
}

} // namespace

class PlayPageTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QSettings().setValue(QStringLiteral("lessons/hintShown"), true);
        registerWorkTypes();
    }

    void drawDenoiseAndRepaint()
    {
        MainWindow w;
        QVERIFY(showWindow(w));
        PlayPage *page = w.playPage();
        // The first visit: a picture of the data set, noised and denoised at once.
        w.tabs()->setCurrentIndex(MainWindow::PlayPageIndex);
        QTRY_VERIFY_WITH_TIMEOUT(page->results().n > 0, 120000);
        QCOMPARE(page->results().n, 8);
        QVERIFY(grabTo(&w, QStringLiteral("play-sdedit.png")));

        // A drawing: a red bar on white, noised to t = 120 and denoised with DDIM.
        PaintCanvas *canvas = page->canvas();
        child<QPushButton>(page, "play.clear")->click();
        canvas->setColor(QColor(220, 30, 30));
        canvas->setBrushSize(4);
        for (int x = 2; x < 14; x += 4)
            canvas->applyAt(x, 6);
        QCOMPARE(QColor(canvas->picture().pixel(5, 7)), QColor(220, 30, 30));
        child<QSlider>(page, "play.startT")->setValue(120);
        child<QComboBox>(page, "play.sampler")->setCurrentIndex(1); // DDIM
        child<QSpinBox>(page, "play.count")->setValue(4);
        child<QPushButton>(page, "play.run")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning() && page->results().n == 4, 120000);

        // A mask over the top half: only that half is repainted; the rest is the picture exactly.
        child<QComboBox>(page, "play.layer")->setCurrentIndex(1);
        canvas->setTool(PaintCanvas::Tool::Fill);
        canvas->applyAt(0, 0); // fills the whole (empty) mask; the pencil unmarks the bottom half again
        canvas->setTool(PaintCanvas::Tool::Pencil);
        canvas->setBrushSize(4);
        for (int y = 8; y < 16; y += 4)
            for (int x = 0; x < 16; x += 4)
                canvas->applyAt(x, y, true);
        QVERIFY(!canvas->maskIsEmpty());
        QVERIFY(child<QCheckBox>(page, "play.useMask")->isChecked());
        child<QPushButton>(page, "play.run")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning() && page->results().n == 4, 120000);
        const ImageBatch start = ImageBatch::fromImage(canvas->picture(), 3, 16);
        const ImageBatch &out = page->results();
        const qsizetype plane = 16 * 16;
        bool keptExactly = true, repainted = false;
        for (int i = 0; i < out.n; ++i)
            for (int c = 0; c < 3; ++c)
                for (int y = 0; y < 16; ++y)
                    for (int x = 0; x < 16; ++x) {
                        const float got = out.values[i * 3 * plane + c * plane + y * 16 + x];
                        const float was = start.values[c * plane + y * 16 + x];
                        if (y >= 8)
                            keptExactly = keptExactly && got == was;
                        else
                            repainted = repainted || std::abs(got - was) > 0.2f;
                    }
        QVERIFY(keptExactly);
        QVERIFY(repainted);
        QVERIFY(grabTo(&w, QStringLiteral("play-inpaint.png")));

        // Another model clears the results (nothing stale).
        QVERIFY(w.openCheckpoint(QStringLiteral("bundled:fashion")));
        QTRY_COMPARE(page->results().n, 0);
        QCOMPARE(canvas->pictureSize(), 28);
    }

    void walkBetweenNoises()
    {
        MainWindow w;
        QVERIFY(showWindow(w));
        PlayPage *page = w.playPage();
        w.tabs()->setCurrentIndex(MainWindow::PlayPageIndex);
        child<QTabWidget>(page, "play.tabs")->setCurrentIndex(1);
        child<QSpinBox>(page, "play.frames")->setValue(6);
        child<QSpinBox>(page, "play.seedA")->setValue(5);
        child<QSpinBox>(page, "play.seedB")->setValue(5);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning(), 120000); // the first visit's run
        child<QPushButton>(page, "play.walk")->click(); // equal seeds: refused, with a word why
        QCOMPARE(page->walkFrames().n, 0);
        QVERIFY(child<QLabel>(page, "play.walkProblem")->text().contains(QStringLiteral("different seeds")));
        child<QSpinBox>(page, "play.seedB")->setValue(9);
        child<QComboBox>(page, "play.classB")->setCurrentIndex(3);
        child<QPushButton>(page, "play.walk")->click();
        QTRY_COMPARE_WITH_TIMEOUT(page->walkFrames().n, 6, 120000);
        QVERIFY(child<QPushButton>(page, "play.animate")->isChecked());
        const ImageGridView *frame = child<ImageGridView>(page, "play.frame");
        QTRY_VERIFY(frame->images().n == 1);
        const QVector<float> first = frame->images().values;
        QTRY_VERIFY_WITH_TIMEOUT(frame->images().values != first, 3000); // it plays
        QVERIFY(grabTo(&w, QStringLiteral("play-interpolate.png")));
    }

    void branchAFinishedRun()
    {
        MainWindow w;
        QVERIFY(showWindow(w));
        DenoisingPage *page = w.denoisingPage();
        w.tabs()->setCurrentIndex(MainWindow::DenoisingPageIndex);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning(), 120000);
        auto *branch = child<QPushButton>(page, "denoising.branch");
        page->configure(SamplerKind::Ddim, 25, 4, 1); // deterministic: nothing to branch
        page->generate();
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning() && page->frameCount() == 26, 120000);
        page->setCurrentFrame(10);
        QVERIFY(!branch->isEnabled());
        page->configure(SamplerKind::Ddpm, 25, 4, 1);
        page->generate();
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning() && page->frameCount() == 501, 300000);
        page->setCurrentFrame(250);
        QVERIFY(branch->isEnabled());
        branch->click();
        auto *dialog = child<QDialog>(page, "denoising.branchDialog");
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible() && page->branchView()->images().n == 5, 120000);
        // The run's own ending first, then four endings that differ from it and from each other.
        const ImageBatch &b = page->branchView()->images();
        const qsizetype size = b.imageSize();
        QCOMPARE(QVector<float>(b.values.mid(0, size)), page->frames().last().x.values.mid(0, size));
        for (int i = 1; i < b.n; ++i)
            QVERIFY(b.values.mid(i * size, size) != b.values.mid(0, size));
        QTest::qWait(200);
        QVERIFY(dialog->grab().save(test::screenshotPath(QStringLiteral("branch-dialog.png"))));
        QVERIFY(grabTo(&w, QStringLiteral("branch-denoising.png")));
    }

    void transposedConvolutionTools()
    {
        MainWindow w;
        QVERIFY(showWindow(w));
        TransposeConvWidget *tconv = w.transposeConvWidget();
        w.tabs()->setCurrentIndex(MainWindow::TransposeConvolutionPage);
        tconv->loadCourseExample();

        // Dragging over input cells with painting on sets each to the brush value.
        child<QCheckBox>(tconv, "tconv.paint")->setChecked(true);
        child<QDoubleSpinBox>(tconv, "tconv.brush")->setValue(7);
        TransposeConvCanvas *canvas = tconv->canvas();
        const QRect a = canvas->cellRect(TransposeConvCanvas::Region::Input, 0, 0);
        const QRect b = canvas->cellRect(TransposeConvCanvas::Region::Input, 0, 2);
        QTest::mousePress(canvas, Qt::LeftButton, {}, a.center());
        QMouseEvent move(QEvent::MouseMove, QPointF(b.center()), canvas->mapToGlobal(QPointF(b.center())),
            Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(canvas, &move);
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, b.center());
        QCOMPARE(tconv->input().at(0, 0), 7.0);
        QCOMPARE(tconv->input().at(0, 2), 7.0);
        QVERIFY(tconv->input().at(1, 1) != 7.0);

        // The stack: the counts of three course layers, as stackedOverlapCounts computes them.
        child<QPushButton>(tconv, "tconv.stackButton")->click();
        OverlapStackView *stack = tconv->stackView();
        QTRY_VERIFY(stack->isVisible());
        stack->setLayers(3);
        QCOMPARE(stack->counts().size(), 3);
        QString problem;
        QCOMPARE(stack->counts().last().values,
            stackedOverlapCounts(4, 3, tconv->plan()->params(), 3, &problem).last().values);
        QVERIFY(stack->window()->grab().save(test::screenshotPath(QStringLiteral("checkerboard-stack.png"))));

        // The code panel follows the numbers.
        child<QPushButton>(tconv, "tconv.codeButton")->click();
        auto *code = child<QPlainTextEdit>(tconv, "tconv.code");
        QTRY_VERIFY(code->isVisible());
        QVERIFY(code->toPlainText().contains(
            QStringLiteral("torch.nn.ConvTranspose2d(1, 1, kernel_size=(3, 3), stride=2")));
        QVERIFY(code->toPlainText().contains(QStringLiteral("x = torch.tensor([[7, ")));
        child<QSpinBox>(tconv, "tconv.stride")->setValue(3);
        QVERIFY(code->toPlainText().contains(QStringLiteral("stride=3")));
        QVERIFY(code->window()->grab().save(test::screenshotPath(QStringLiteral("checkerboard-code.png"))));
    }
};

QTEST_MAIN(PlayPageTest)
#include "test_play_page.moc"
