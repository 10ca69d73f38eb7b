// The diffusion pages as a person uses them: every page opens; Generate streams a run into the timeline;
// context sliders reach the sampler; exports write a PNG and a GIF with one frame per step; the window keeps
// answering while training runs; closing during training stops it cleanly; the model page shows blocks and
// activations; forward diffusion follows the formula. Screenshots of each page are saved for a person to see
// (into $DE_SCREENSHOT_DIR, or the build's tests/screenshots); with $DE_SCREENSHOT_CHECKPOINT they show that
// model.
#include "context_controls.h"
#include "denoising_page.h"
#include "diffusion/schedule_table.h"
#include "evaluate_page.h"
#include "explorer_session.h"
#include "files/bundled_models.h"
#include "files/checkpoint_info.h"
#include "files/model_file.h"
#include "forward_diffusion_page.h"
#include "image_grid_view.h"
#include "main_window.h"
#include "model_page.h"
#include "play_page.h"
#include "test_support.h"
#include "training_page.h"
#include "transpose_conv_widget.h"
#include "worker/diffusion_worker.h"
#include "worker/stall_probe.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFontMetrics>
#include <QImageReader>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <qcustomplot.h>

#include <memory>

using namespace de;

class DiffusionPagesTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_data, m_checkpoint;

    // With a real model for the screenshots, the pages also show real data.
    static bool realContent() { return !qEnvironmentVariableIsEmpty("DE_SCREENSHOT_CHECKPOINT"); }

    // Answers the window's "Quit without saving the training?" question with the button named, when it
    // appears within 30 seconds.
    void answerQuitQuestion(const QString &button)
    {
        auto *timer = new QTimer(this);
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        connect(timer, &QTimer::timeout, timer, [timer, clock, button] {
            for (QWidget *top : QApplication::topLevelWidgets())
                if (top->objectName() == QLatin1String("window.quitUnsaved") && top->isVisible())
                    for (QPushButton *b : top->findChildren<QPushButton *>())
                        if (b->text() == button) {
                            b->click();
                            clock->invalidate();
                        }
            if (!clock->isValid() || clock->elapsed() > 30000) {
                timer->stop();
                timer->deleteLater();
            }
        });
        timer->start(50);
    }

    static bool grabTo(QWidget &w, const QString &name)
    {
        QTest::qWait(200); // let queued repaints and plots finish
        return w.grab().save(de::test::screenshotPath(name));
    }

    void generate(DenoisingPage *page, SamplerKind kind, int steps, int count)
    {
        page->configure(kind, steps, count, 1);
        page->generate();
        QTRY_VERIFY_WITH_TIMEOUT(page->isRunning(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning(), 300000);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QSettings().setValue(QStringLiteral("lessons/hintShown"), true); // test_lessons shows the hint
        registerWorkTypes();
        m_data = m_dir.filePath(QStringLiteral("idx"));
        QVERIFY(test::writeSquaresIdx(m_data)); // 32 grey 16x16 images of two classes
        m_checkpoint = qEnvironmentVariable("DE_SCREENSHOT_CHECKPOINT");
        if (m_checkpoint.isEmpty()) {
            m_checkpoint = m_dir.filePath(QStringLiteral("tiny.ckpt"));
            DiffusionEngine engine(1);
            QSignalSpy finished(engine.worker(), &DiffusionWorker::trainingFinished);
            TrainRequest r;
            r.dataset = QStringLiteral("idx:") + m_data;
            r.outPath = m_checkpoint;
            r.nFeat = 8;
            r.steps = 10;
            r.batch = 8;
            engine.startTraining(r);
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        }
    }

    void everyPageOpens()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.tabs()->count(), 8);
        const QStringList names {QStringLiteral("Transpose convolution"), QStringLiteral("Forward diffusion"),
            QStringLiteral("Denoising"), QStringLiteral("Training"), QStringLiteral("Model"),
            QStringLiteral("Evaluate"), QStringLiteral("Embeddings"), QStringLiteral("Play")};
        for (int i = 0; i < names.size(); ++i)
            QCOMPARE(w.tabs()->tabText(i), names[i]);
        w.tabs()->setCurrentIndex(0);
        w.transposeConvWidget()->setStepsDone(5);
        QVERIFY(grabTo(w, QStringLiteral("1-transpose-convolution.png")));
    }

    // A first launch opens the bundled sprite model on the Denoising page and samples a grid of every class;
    // the Model menu switches to the other bundled model, which samples its own grid.
    void firstLaunchShowsTheSpriteGrid()
    {
        {
            // A last model that has gone away: the sprite model opens instead, and the setting is kept.
            QSettings().setValue(
                QStringLiteral("session/lastCheckpoint"), QStringLiteral("/gone/model.ckpt"));
            MainWindow w;
            QCOMPARE(w.session()->checkpointPath(), QStringLiteral(":/models/sprites.ckpt"));
            QCOMPARE(QSettings().value(QStringLiteral("session/lastCheckpoint")).toString(),
                QStringLiteral("/gone/model.ckpt"));
        }
        QSettings().clear();
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.session()->checkpointPath(),
            findBundledModel(QStringLiteral("bundled:sprites"))->checkpointPath);
        QCOMPARE(w.tabs()->currentWidget(), w.denoisingPage());
        DenoisingPage *page = w.denoisingPage();
        // DPM-Solver++ in 12 steps: the start-up grid and the preview use the sampler that needs fewest.
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning() && page->frameCount() == 13, 60000);
        QCOMPARE(page->timeline()->maximum(), 12);
        QCOMPARE(page->lastRequest().kind, SamplerKind::DpmSolver);
        QCOMPARE(page->lastRequest().ddimSteps, 12);
        QCOMPARE(page->lastRequest().guidance, 2.0);
        const ImageBatch &final = page->frames().last().x;
        QCOMPARE(final.n, 20); // four of each of the five classes
        QCOMPARE(final.c, 3);
        for (float v : final.values)
            QVERIFY(std::isfinite(v));
        QVERIFY(grabTo(w, QStringLiteral("0-first-launch.png")));

        QAction *fashion = nullptr;
        for (QAction *a : w.menuBar()->actions())
            if (a->menu())
                for (QAction *item : a->menu()->actions())
                    if (item->text().contains(QStringLiteral("Fashion")))
                        fashion = item;
        QVERIFY(fashion);
        fashion->trigger();
        QCOMPARE(w.session()->checkpointInfo().config.nCFeat, 10);
        QVERIFY(fashion->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning() && page->frameCount() == 13, 60000);
        QCOMPARE(page->frames().last().x.n, 20);
        QCOMPARE(page->frames().last().x.h, 28);
    }

    // The Evaluate page judges the open model: a bar per class and figure, a table row per class and one
    // overall, and samples beside their nearest training images.
    void evaluatePageShowsFigures()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(w.openBundledModel(QStringLiteral("sprites")));
        EvaluatePage *page = w.evaluatePage();
        w.tabs()->setCurrentWidget(page);
        page->setSamplesPerClass(realContent() ? 100 : 4);
        page->setGuidanceText(QStringLiteral("0, 2"));
        QSignalSpy done(page, &EvaluatePage::finished);
        page->run();
        QVERIFY(page->isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 300000);
        QVERIFY(!page->isRunning());
        const EvaluationResult &r = page->result();
        QCOMPARE(r.reports.size(), 2);
        QCOMPARE(r.reports[0].classes.size(), 5);
        QCOMPARE(page->table()->rowCount(), 6);
        QCOMPARE(page->chart()->plottableCount(), 3);
        const auto *hint = page->chart()->findChild<QCPItemText *>(QStringLiteral("evaluate.chartHint"));
        QVERIFY(hint && !hint->visible()); // the bars say it now
        QVERIFY(page->findChild<QComboBox *>(QStringLiteral("evaluate.report"))->isEnabled());
        QCOMPARE(page->neighbourGrid()->images().n, 2 * 5 * std::min(4, r.perClass));
        // Accuracy in percent on the left axis, the ratios on the right; a class name on each row of pairs.
        QCOMPARE(page->chart()->plottable(0)->valueAxis(), page->chart()->yAxis);
        QCOMPARE(page->chart()->plottable(1)->valueAxis(), page->chart()->yAxis2);
        QVERIFY(page->chart()->yAxis->label().contains(QStringLiteral("%")));
        const auto *accuracy = static_cast<QCPBars *>(page->chart()->plottable(0));
        QCOMPARE(accuracy->data()->at(0)->value, 100.0 * r.reports[page->shownReport()].classes[0].accuracy);
        QVERIFY(grabTo(w, QStringLiteral("6-evaluate.png")));

        // Another model: the figures of the sprite model are gone, the legend with them; the Denoising page
        // samples the new model at once and shows none of the old frames meanwhile.
        QVERIFY(w.openBundledModel(QStringLiteral("fashion")));
        QVERIFY(page->result().reports.isEmpty());
        QCOMPARE(page->table()->rowCount(), 0);
        QCOMPARE(page->chart()->plottableCount(), 0);
        QVERIFY(!page->chart()->legend->visible());
        QVERIFY(hint->visible());
        QCOMPARE(page->neighbourGrid()->images().n, 0);
        DenoisingPage *denoising = w.denoisingPage();
        QVERIFY(denoising->isRunning());
        for (const SampleStep &s : denoising->frames())
            QCOMPARE(s.x.h, 28); // nothing of the 16x16 sprite grid
        QTRY_VERIFY_WITH_TIMEOUT(!denoising->isRunning() && denoising->frameCount() == 13, 60000);
        QCOMPARE(denoising->frames().last().x.h, 28);
    }

    // "Sample this model" on the Training page opens the new checkpoint and samples it at once; the frames of
    // the model open before are cleared.
    void sampleThisModelSamplesAtOnce()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openBundledModel(QStringLiteral("sprites")));
        DenoisingPage *denoising = w.denoisingPage();
        QTRY_VERIFY_WITH_TIMEOUT(!denoising->isRunning() && denoising->frameCount() == 13, 60000);
        QCOMPARE(denoising->frames().last().x.c, 3);
        emit w.trainingPage()->checkpointReady(m_checkpoint); // what "Sample this model" sends
        QCOMPARE(w.session()->checkpointPath(), QFileInfo(m_checkpoint).absoluteFilePath());
        QCOMPARE(w.tabs()->currentWidget(), denoising);
        QVERIFY(denoising->isRunning());
        for (const SampleStep &s : denoising->frames())
            QCOMPARE(s.x.c, 1); // the grey test model's frames only
        QTRY_VERIFY_WITH_TIMEOUT(!denoising->isRunning() && denoising->frameCount() > 1, 60000);
        QCOMPARE(denoising->frames().last().x.c, 1);
    }

    void generateFillsTheTimeline()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(w.openCheckpoint(m_checkpoint, true));
        QCOMPARE(w.tabs()->currentWidget(), w.denoisingPage());
        DenoisingPage *page = w.denoisingPage();
        generate(page, SamplerKind::Ddim, 8, 6);
        QCOMPARE(page->frameCount(), 9);
        QCOMPARE(page->timeline()->maximum(), 8);
        for (int i = 0; i <= 8; ++i) {
            page->timeline()->setValue(i);
            QCOMPARE(page->currentFrame(), i);
            QCOMPARE(page->frames()[i].index, i);
        }
        // DDPM streams all 500 steps.
        generate(page, SamplerKind::Ddpm, 25, 2);
        QCOMPARE(page->frameCount(), 501);
        QCOMPARE(page->frames().last().t, 0);
    }

    // A full DDPM trajectory of 64 samples at 28×28 keeps every step's three images on the Denoising page;
    // the peak resident memory afterwards is reported (a figure for docs/performance.md, not a timed
    // assertion).
    void fullTrajectoryMemoryIsReported()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(w.openCheckpoint(test::fixture(QStringLiteral("pth/course_no_shortcut.pth")), true));
        DenoisingPage *page = w.denoisingPage();
        generate(page, SamplerKind::Ddpm, 25, 64);
        QCOMPARE(page->frameCount(), 501);
        QCOMPARE(page->frames().last().x.n, 64);
        QFile status(QStringLiteral("/proc/self/status"));
        QVERIFY(status.open(QIODevice::ReadOnly));
        const QString text = QString::fromLatin1(status.readAll());
        const QRegularExpressionMatch peak
            = QRegularExpression(QStringLiteral("VmHWM:\\s+(\\d+) kB")).match(text);
        QVERIFY(peak.hasMatch());
        qInfo("peak resident memory after a 501-step DDPM trajectory of 64 samples at 28x28: %.0f MiB",
            peak.captured(1).toDouble() / 1024.0);
    }

    void pytorchFilesOpenSampleAndConvert()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        // A course-layout state_dict written by Python (no init_conv.shortcut): opens in course-compatible
        // mode.
        QVERIFY(w.openCheckpoint(test::fixture(QStringLiteral("pth/course_no_shortcut.pth")), true));
        DenoisingPage *page = w.denoisingPage();
        auto *label = page->findChild<QLabel *>(QStringLiteral("modelLabel"));
        QVERIFY(label);
        QVERIFY2(label->text().contains(QStringLiteral("course-compatible")), qPrintable(label->text()));
        QVERIFY(label->text().contains(QStringLiteral("height=28")));
        generate(page, SamplerKind::Ddim, 4, 3);
        QCOMPARE(page->frameCount(), 5);
        // Save as a checkpoint and as a .pth: both reopen with the same model and mode.
        const QString ckpt = m_dir.filePath(QStringLiteral("from-python.ckpt"));
        const QString pth = m_dir.filePath(QStringLiteral("again.pth"));
        QCOMPARE(w.session()->saveCheckpointAs(ckpt), QString());
        QCOMPARE(w.session()->checkpointInfo().format, CheckpointInfo::Format::Native);
        QVERIFY(w.session()->checkpointInfo().config.courseShortcut);
        QCOMPARE(w.session()->saveCheckpointAs(pth), QString());
        QCOMPARE(w.session()->checkpointInfo().format, CheckpointInfo::Format::Pth);
        QCOMPARE(w.session()->checkpointInfo().config.height, 28);
        // A file to refuse leaves the open model in place.
        QVERIFY(!w.openCheckpoint(test::fixture(QStringLiteral("pth/forbidden_global.pth")), true));
        QCOMPARE(w.session()->checkpointPath(), QFileInfo(pth).absoluteFilePath());
        // NaN weights load, and sampling says what is wrong instead of showing garbage.
        QVERIFY(w.openCheckpoint(test::fixture(QStringLiteral("pth/nan_weights.pth")), true));
        QSignalSpy status(page, &DenoisingPage::statusMessage);
        generate(page, SamplerKind::Ddim, 4, 2);
        bool saidNaN = false;
        for (const auto &args : status)
            saidNaN = saidNaN || args.at(0).toString().contains(QStringLiteral("NaN"));
        QVERIFY(saidNaN);
    }

    void contextSlidersReachTheSampler()
    {
        MainWindow w;
        w.show();
        DenoisingPage *page = w.denoisingPage();
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning(), 60000); // the start-up grid
        QVERIFY(w.openCheckpoint(m_checkpoint, true));
        ContextControls *context = page->contextControls();
        const int k = int(context->classNames().size());
        QVERIFY(k >= 2);
        QVector<double> v(k, 0.0);
        v[0] = 0.3;
        v[1] = 0.7;
        context->setVector(v); // live preview is on: a fast DPM-Solver++ run starts
        // Waits for the preview's request rather than for it to be seen running: with the model already
        // loaded by the start-up grid it can finish between two polls.
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning() && !page->lastRequest().context.isEmpty()
                && page->lastRequest().context[0] == 0.3f,
            60000);
        const SampleRequest &r = page->lastRequest();
        QCOMPARE(r.kind, SamplerKind::DpmSolver);
        QCOMPARE(
            r.ddimSteps, w.findChild<QSpinBox *>(QStringLiteral("denoising.steps"))->value()); // as shown
        QCOMPARE(r.context.size(), qsizetype(r.count) * k);
        // The preset box names what the sliders say: no preset is 0.3 + 0.7, so "custom".
        QVERIFY(context->isCustom());
        QVERIFY(context->presetBox()->currentText().startsWith(QStringLiteral("Custom")));
        for (int i = 0; i < r.count; ++i) {
            QCOMPARE(r.context[i * k], 0.3f);
            QCOMPARE(r.context[i * k + 1], 0.7f);
        }
        QVERIFY(page->frameCount() > 1);
        context->choosePreset(0); // each class in turn
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning() && page->lastRequest().context[k] == 0.0f, 60000);
        QCOMPARE(page->lastRequest().context[k + 1], 1.0f); // sample 1 asks for class 1
    }

    void exportsWriteImagesAndAnimations()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCheckpoint(m_checkpoint, true));
        DenoisingPage *page = w.denoisingPage();
        QVERIFY(!page->exportFramePng(m_dir.filePath(QStringLiteral("none.png"))).isEmpty()); // nothing yet
        generate(page, SamplerKind::Ddim, 6, 4);
        const QString png = m_dir.filePath(QStringLiteral("frame.png"));
        QCOMPARE(page->exportFramePng(png), QString());
        const QImage frame(png);
        QVERIFY(!frame.isNull());
        // Captions above the panels and above the whole: the frame is taller than its three grids.
        QVERIFY(
            frame.height() > 4 * page->frames().last().x.h + 2 * QFontMetrics(QApplication::font()).height());
        const QString gif = m_dir.filePath(QStringLiteral("trajectory.gif"));
        QCOMPARE(page->exportTrajectoryGif(gif, 2), QString());
        QImageReader reader(gif);
        QCOMPARE(reader.imageCount(), page->frameCount());
        const QImage first = reader.read();
        const QString gif5 = m_dir.filePath(QStringLiteral("trajectory5.gif"));
        QCOMPARE(page->exportTrajectoryGif(gif5, 5), QString());
        const QImage large = QImageReader(gif5).read();
        const int columnsShown = std::min(int(page->contextControls()->classNames().size()), 4);
        const int gridWidth = columnsShown * page->frames().last().x.w;
        // The grid grows with the scale; a band on top carries the step number and t.
        QVERIFY(large.width() >= gridWidth * 5);
        QVERIFY(large.height() - page->frames().last().x.h * 5 > QFontMetrics(QApplication::font()).height());
        QVERIFY(large.height() > first.height());
        const QColor band
            = first.pixelColor(first.width() / 2, QFontMetrics(QApplication::font()).height() / 2 + 2);
        bool text = false; // dark pixels of the caption in the band
        for (int x = 0; x < first.width(); ++x)
            text
                |= first.pixelColor(x, QFontMetrics(QApplication::font()).height() / 2 + 3).lightness() < 128;
        QVERIFY(text || band.lightness() < 128);
        QCOMPARE(page->frameCaption(page->frames().first()), QStringLiteral("step 0 of 6 · t = 500"));
        QVERIFY(!page->exportTrajectoryGif(gif, 0).isEmpty());
        const QString final = m_dir.filePath(QStringLiteral("final.png"));
        QCOMPARE(page->exportFinalGrid(final, 5), QString());
        const QImage grid(final);
        // Each class in turn: one column per class, so four samples of k classes take ceil(4 / min(k, 4))
        // rows.
        const int side = page->frames().last().x.h;
        const int columns = std::min(int(page->contextControls()->classNames().size()), 4);
        const int rows = (4 + columns - 1) / columns;
        QCOMPARE(grid.height(), rows * side * 5 + (rows + 1) * 2);
        QCOMPARE(grid.width(), columns * side * 5 + (columns + 1) * 2);
        QVERIFY(!page->exportFinalGrid(QStringLiteral("/no/such/folder/x.png"), 2).isEmpty());
    }

    // The window's event loop while its worker trains and samples on all cores but one (the setting
    // compute/threads), the configuration the stall targets are stated for.
    void windowKeepsAnsweringWhileTraining()
    {
        const int workerThreads = std::max(QThread::idealThreadCount() - 1, 1);
        QSettings().setValue(QStringLiteral("compute/threads"), workerThreads);
        struct Restore
        {
            ~Restore() { QSettings().remove(QStringLiteral("compute/threads")); }
        } restore;
        MainWindow w;
        w.show();
        TrainingPage *page = w.trainingPage();
        page->configure(realContent() ? QStringLiteral("emoji") : QStringLiteral("idx:") + m_data, 8, 16, 60,
            m_dir.filePath(QStringLiteral("live.ckpt")));
        QThread *ui = QThread::currentThread();
        std::atomic<int> offUi {0}, onUi {0};
        connect(
            w.session()->training()->worker(), &DiffusionWorker::trainingProgress,
            w.session()->training()->worker(),
            [&](const TrainProgress &) { (QThread::currentThread() == ui ? onUi : offUi)++; },
            Qt::DirectConnection);
        StallProbe probe;
        probe.start();
        page->start();
        QVERIFY(page->isTraining());
        QTRY_VERIFY_WITH_TIMEOUT(!page->isTraining(), 120000);
        probe.stop();
        const StallStats training = probe.stats();
        QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));
        QCOMPARE(offUi.load(), 60);
        QCOMPARE(onUi.load(), 0);
        QCOMPARE(page->lossPoints(), 60);
        // Reported, not asserted (timings belong to benchmarks); the bound only catches a frozen window.
        qInfo("UI-thread stalls while training (worker on %d thread(s)): 99th percentile %.1f ms, worst %.1f "
              "ms "
              "(%d ticks)",
            workerThreads, training.p99Ms, training.maxMs, training.ticks);
        QVERIFY2(training.maxMs < 1000,
            qPrintable(QStringLiteral("the UI thread stalled for %1 ms").arg(training.maxMs)));
        // The same while a DDPM run streams all of its frames to the Denoising page.
        QVERIFY(w.openCheckpoint(m_checkpoint, true));
        probe.start();
        generate(w.denoisingPage(), SamplerKind::Ddpm, 25, 16);
        probe.stop();
        const StallStats sampling = probe.stats();
        qInfo("UI-thread stalls while sampling (DDPM, 16 samples): 99th percentile %.1f ms, worst %.1f ms "
              "(%d ticks)",
            sampling.p99Ms, sampling.maxMs, sampling.ticks);
        QVERIFY(sampling.maxMs < 1000);
        w.tabs()->setCurrentWidget(page);
        QVERIFY(grabTo(w, QStringLiteral("4-training.png")));
    }

    // A second run with the same checkpoint name (the suggested one, or one the user typed) writes a new file
    // beside the first and leaves the first run's model exactly as it was.
    void secondRunNeverOverwritesTheFirst()
    {
        MainWindow w;
        w.show();
        TrainingPage *page = w.trainingPage();
        const QString out = m_dir.filePath(QStringLiteral("twice.ckpt"));
        const auto train = [&] {
            page->start();
            QVERIFY(page->isTraining());
            QTRY_VERIFY_WITH_TIMEOUT(!page->isTraining(), 60000);
            QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));
        };
        page->configure(QStringLiteral("idx:") + m_data, 8, 8, 3, out);
        train();
        QVERIFY2(QFileInfo::exists(out), qPrintable(page->statusText()));
        QFile first(out);
        QVERIFY(first.open(QIODevice::ReadOnly));
        const QByteArray firstBytes = first.readAll();
        first.close();
        QVERIFY(!firstBytes.isEmpty());

        train(); // the form still names twice.ckpt
        const QString second = m_dir.filePath(QStringLiteral("twice-2.ckpt"));
        QCOMPARE(page->request().outPath, second);
        QVERIFY2(page->statusText().contains(second), qPrintable(page->statusText()));
        QVERIFY2(page->statusText().contains(QStringLiteral("The earlier run in %1 was left").arg(out)),
            qPrintable(page->statusText()));
        w.tabs()->setCurrentWidget(page);
        QVERIFY(grabTo(w, QStringLiteral("training-second-run.png")));
        QVERIFY2(w.width() <= 1400, qPrintable(QString::number(w.width()))); // long messages wrap
        QVERIFY(first.open(QIODevice::ReadOnly));
        QCOMPARE(first.readAll(), firstBytes);
        first.close();
        QCOMPARE(readCheckpointInfo(second).step, qint64(3));

        page->configure(QStringLiteral("idx:") + m_data, 8, 8, 3, out); // typed again: a third file
        train();
        QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("twice-3.ckpt"))));
        QVERIFY(first.open(QIODevice::ReadOnly));
        QCOMPARE(first.readAll(), firstBytes);
    }

    // The Recipe tab: its two presets, its choices in the request, the judged preview as a curve beside the
    // loss, and a cosine model's schedule on the pages that show one.
    void trainingRecipeAndQualityCurve()
    {
        MainWindow w;
        w.resize(1024, 768);
        w.show();
        TrainingPage *page = w.trainingPage();
        w.tabs()->setCurrentWidget(page);
        w.findChild<QPushButton *>(QStringLiteral("training.courseRecipe"))->click();
        TrainRequest r = page->request();
        QVERIFY(
            !r.minSnr && r.emaHalfLife == 0.0 && r.warmupSteps == 0 && r.schedule == ScheduleKind::Linear);
        QCOMPARE(r.augment, 0); // the course trains on the sprites as they are
        QCOMPARE(r.contextDropout, 0.1); // the course keeps the context nine times in ten
        auto *augment = w.findChild<QComboBox *>(QStringLiteral("training.augment"));
        augment->setCurrentIndex(augment->findData(1));
        QCOMPARE(page->request().augment, 1);
        w.findChild<QPushButton *>(QStringLiteral("training.recommendedRecipe"))->click();
        r = page->request();
        const TrainRequest defaults;
        QCOMPARE(r.augment, 0); // measured to cost accuracy (docs/training.md)
        QCOMPARE(augment->currentText(), QStringLiteral("none"));
        QCOMPARE(r.minSnr, defaults.minSnr);
        QCOMPARE(r.emaHalfLife, defaults.emaHalfLife);
        QCOMPARE(r.warmupSteps, defaults.warmupSteps);
        QCOMPARE(r.schedule, defaults.schedule);
        QCOMPARE(r.nFeat, defaults.nFeat);
        QCOMPARE(r.batch, defaults.batch);
        QCOMPARE(r.contextDropout, defaults.contextDropout);

        auto *schedule = w.findChild<QComboBox *>(QStringLiteral("training.schedule"));
        schedule->setCurrentIndex(schedule->findData(int(ScheduleKind::Cosine)));
        w.findChild<QDoubleSpinBox *>(QStringLiteral("training.ema"))->setValue(0.05);
        w.findChild<QDoubleSpinBox *>(QStringLiteral("training.contextDropout"))->setValue(0.25);
        w.findChild<QSpinBox *>(QStringLiteral("training.judgeEvery"))->setValue(3);
        const QString out = m_dir.filePath(QStringLiteral("recipe.ckpt"));
        page->configure(QStringLiteral("emoji"), 8, 16, 6, out);
        QCOMPARE(page->request().schedule, ScheduleKind::Cosine);
        page->start();
        QTRY_VERIFY_WITH_TIMEOUT(!page->isTraining(), 120000);
        QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));
        // Judged before the first step, at step 3 and at the end, each a share of the 25 samples.
        QCOMPARE(page->qualityPoints().size(), 3);
        QCOMPARE(page->qualityPoints()[1].x(), 3.0);
        for (const QPointF &q : page->qualityPoints())
            QVERIFY(q.y() >= 0.0 && q.y() <= 1.0 && std::abs(q.y() * 25 - std::round(q.y() * 25)) < 1e-9);
        auto *plot = w.findChild<QCustomPlot *>(QStringLiteral("training.lossPlot"));
        QCOMPARE(plot->graph(2)->dataCount(), 3);
        QVERIFY(grabTo(w, QStringLiteral("training-recipe-1024.png")));
        const CheckpointInfo info = readCheckpointInfo(out);
        QCOMPARE(info.config.schedule, ScheduleKind::Cosine);
        QVERIFY(info.hasAverage);
        QCOMPARE(info.contextDropout, 0.25); // the page's choice reached the trainer's record

        // Opened, the model's schedule is the one plotted and the one the forward page starts from.
        QVERIFY(w.openCheckpoint(out, true));
        auto *schedulePlot = w.findChild<QCustomPlot *>(QStringLiteral("denoising.schedulePlot"));
        QVERIFY2(schedulePlot->graph(0)->name().contains(QStringLiteral("cosine")),
            qPrintable(schedulePlot->graph(0)->name()));
        QVERIFY(qAbs(schedulePlot->graph(0)->data()->at(249)->value - ScheduleTable::cosine().alphaBar[250])
            < 1e-12);
        auto *forward = w.findChild<QComboBox *>(QStringLiteral("forward.schedule"));
        QCOMPARE(forward->currentData().toInt(), int(ScheduleKind::Cosine));
        QVERIFY(w.openCheckpoint(QStringLiteral("bundled:sprites"), true));
        QVERIFY(schedulePlot->graph(0)->name().contains(QStringLiteral("linear")));
        QCOMPARE(forward->currentData().toInt(), int(ScheduleKind::Linear));
    }

    void closingDuringTrainingStopsCleanly()
    {
        const QString out = m_dir.filePath(QStringLiteral("closing.ckpt"));
        auto *w = new MainWindow;
        w->show();
        w->trainingPage()->configure(QStringLiteral("idx:") + m_data, 8, 8, 1000000, out);
        QSignalSpy progress(w->session()->training()->worker(), &DiffusionWorker::trainingProgress);
        w->trainingPage()->start();
        QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 3, 60000);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(w->close());
        delete w;
        qInfo("closed while training in %lld ms (the checkpoint saved)", clock.elapsed());
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
        const CheckpointInfo info = readCheckpointInfo(out); // complete and readable
        QVERIFY(info.step >= 3 && info.step < 1000000);
    }

    // Closing the window in the middle of a long DDPM generation, a walk between noises and an evaluation:
    // it closes within 2 seconds, nothing crashes, and no thread of its own outlives it.
    void closingDuringSamplingAndEvaluationIsQuick()
    {
        auto threads = [] {
            return QDir(QStringLiteral("/proc/self/task"))
                .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                .size();
        };
        {
            MainWindow warmUp; // the compute pools exist before counting
            warmUp.show();
            QTRY_VERIFY_WITH_TIMEOUT(!warmUp.denoisingPage()->isRunning(), 120000);
        }
        QTest::qWait(200);
        const int before = threads();
        auto *w = new MainWindow;
        w->show();
        QTRY_VERIFY_WITH_TIMEOUT(!w->denoisingPage()->isRunning(), 120000); // the start-up grid
        w->denoisingPage()->configure(SamplerKind::Ddpm, 25, 64, 3);
        w->denoisingPage()->generate();
        w->tabs()->setCurrentIndex(MainWindow::PlayPageIndex);
        w->findChild<QTabWidget *>(QStringLiteral("play.tabs"))->setCurrentIndex(1);
        w->findChild<QSpinBox *>(QStringLiteral("play.frames"))->setValue(64);
        w->findChild<QPushButton *>(QStringLiteral("play.walk"))->click();
        w->evaluatePage()->run();
        // Back to the Denoising page (the walk goes on), which the window remembers for the next tests.
        w->tabs()->setCurrentIndex(MainWindow::DenoisingPageIndex);
        QTRY_VERIFY_WITH_TIMEOUT(w->denoisingPage()->isRunning() && w->evaluatePage()->isRunning(), 30000);
        QTest::qWait(500);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(w->close());
        delete w;
        const qint64 took = clock.elapsed();
        qInfo("closed while generating, walking and evaluating in %lld ms", took);
        QVERIFY2(took < 2000, qPrintable(QString::number(took)));
        QTest::qWait(200);
        QVERIFY2(threads() <= before,
            qPrintable(QStringLiteral("%1 threads before, %2 after").arg(before).arg(threads())));
    }

    // A full disk during training (a file-size limit in this process): the autosave fails, a message box
    // says why, the run waits with its model in memory, nothing partial is left, and "Save elsewhere" goes on
    // and finishes into the other file.
    void fullDiskDuringTrainingKeepsTheModel()
    {
        const QString out = m_dir.filePath(QStringLiteral("full.ckpt"));
        const QString elsewhere = m_dir.filePath(QStringLiteral("elsewhere.ckpt"));
        MainWindow w;
        w.show();
        TrainingPage *page = w.trainingPage();
        w.tabs()->setCurrentWidget(page);
        page->configure(QStringLiteral("idx:") + m_data, 8, 8, 30, out);
        page->findChild<QSpinBox *>(QStringLiteral("training.autosave"))->setValue(10);
        test::FileSizeLimit disk(16 * 1024); // smaller than the checkpoint
        QVERIFY(disk.isActive());
        page->start();
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (box = w.findChild<QMessageBox *>(QStringLiteral("training.saveFailed"))) && box->isVisible(),
            60000);
        QVERIFY2(box->text().contains(out) && box->text().contains(QStringLiteral("File too large")),
            qPrintable(box->text()));
        QVERIFY(page->isWaitingForSave());
        QVERIFY(page->isTraining());
        QVERIFY2(
            QDir(m_dir.path()).entryList({QStringLiteral("full*")}, QDir::Files | QDir::Hidden).isEmpty(),
            qPrintable(QDir(m_dir.path()).entryList().join(QLatin1Char(' '))));
        QSignalSpy progress(w.session()->training()->worker(), &DiffusionWorker::trainingProgress);
        QTest::qWait(400);
        QCOMPARE(progress.size(), 0); // it waits
        disk.lift();
        QVERIFY(grabTo(w, QStringLiteral("training-disk-full.png")));
        QVERIFY(grabTo(*box, QStringLiteral("training-disk-full-box.png")));
        page->saveElsewhere(elsewhere);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isTraining(), 60000);
        QVERIFY(!page->isWaitingForSave());
        QCOMPARE(readCheckpointInfo(elsewhere).step, 30); // the autosaves after it went there too
        QVERIFY(!QFile::exists(out));
        QVERIFY2(page->statusText().contains(elsewhere), qPrintable(page->statusText()));
        const auto *closed = w.findChild<QMessageBox *>(QStringLiteral("training.saveFailed"));
        QVERIFY(!closed || !closed->isVisible());
    }

    // Stop on a full disk: the checkpoint the stop writes fails, the run waits with its model, and "Save
    // elsewhere" saves it there; in a second run, "Stop without saving" ends it unsaved.
    void stopOnAFullDiskAsksWhereToSave()
    {
        MainWindow w;
        w.show();
        TrainingPage *page = w.trainingPage();
        w.tabs()->setCurrentWidget(page);
        auto *autosave = page->findChild<QSpinBox *>(QStringLiteral("training.autosave"));
        QSignalSpy progress(w.session()->training()->worker(), &DiffusionWorker::trainingProgress);
        for (const bool elsewhere : {true, false}) {
            const QString out
                = m_dir.filePath(elsewhere ? QStringLiteral("stop.ckpt") : QStringLiteral("lost.ckpt"));
            const QString other = m_dir.filePath(QStringLiteral("stop-elsewhere.ckpt"));
            page->configure(QStringLiteral("idx:") + m_data, 8, 8, 1000000, out);
            autosave->setValue(0);
            test::FileSizeLimit disk(16 * 1024);
            progress.clear();
            page->start();
            QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 3, 60000);
            page->cancel(); // Stop
            QTRY_VERIFY_WITH_TIMEOUT(page->isWaitingForSave(), 60000);
            QMessageBox *box = w.findChild<QMessageBox *>(QStringLiteral("training.saveFailed"));
            QVERIFY(box && box->isVisible());
            QTest::qWait(300);
            QVERIFY(page->isTraining() && page->isWaitingForSave()); // still waiting, the model in memory
            disk.lift();
            if (elsewhere) {
                page->saveElsewhere(other);
                QTRY_VERIFY_WITH_TIMEOUT(!page->isTraining(), 60000);
                QVERIFY(readCheckpointInfo(other).step >= 3);
                QVERIFY2(page->statusText().contains(other), qPrintable(page->statusText()));
            } else {
                box->findChild<QPushButton *>(QStringLiteral("training.stopUnsaved"))->click();
                QTRY_VERIFY_WITH_TIMEOUT(!page->isTraining(), 60000);
                QVERIFY2(page->statusText().contains(QStringLiteral("without saving")),
                    qPrintable(page->statusText()));
            }
            QVERIFY(!QFile::exists(out));
        }
    }

    // Closing the window during training on a full disk: the window stops the training, whose checkpoint
    // cannot be written, and asks. "Go back" keeps the window and the run waiting; "Quit without saving"
    // closes within 2 seconds and nothing is written.
    void closingOnAFullDiskAsks()
    {
        const QString out = m_dir.filePath(QStringLiteral("unsaved.ckpt"));
        auto *w = new MainWindow;
        w->show();
        w->trainingPage()->configure(QStringLiteral("idx:") + m_data, 8, 8, 1000000, out);
        w->trainingPage()->findChild<QSpinBox *>(QStringLiteral("training.autosave"))->setValue(0);
        QSignalSpy progress(w->session()->training()->worker(), &DiffusionWorker::trainingProgress);
        test::FileSizeLimit disk(16 * 1024);
        w->trainingPage()->start();
        QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 3, 60000);
        answerQuitQuestion(MainWindow::tr("Go back"));
        QVERIFY(!w->close());
        QVERIFY(w->isVisible());
        QVERIFY(w->trainingPage()->isWaitingForSave());
        disk.lift();
        answerQuitQuestion(MainWindow::tr("Quit without saving"));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(w->close());
        delete w;
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!QFile::exists(out));
    }

    void modelPageShowsBlocksAndActivations()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(w.openCheckpoint(m_checkpoint, true));
        generate(w.denoisingPage(), SamplerKind::Ddim, 25, 20);
        w.denoisingPage()->setCurrentFrame(20);
        QVERIFY(grabTo(w, QStringLiteral("3-denoising.png")));
        ModelPage *model = w.modelPage();
        w.tabs()->setCurrentWidget(model);
        model->selectBlock(QStringLiteral("up1"));
        QTRY_COMPARE_WITH_TIMEOUT(model->activationCount(), 8, 30000);
        QVERIFY(model->detailsText().contains(QStringLiteral("Parameters")));
        QVERIFY(model->detailsText().contains(QStringLiteral("Activations")));
        QVERIFY(grabTo(w, QStringLiteral("5-model.png")));
        // The upsampling block opens the transpose convolution page preset to its kernel and stride.
        QSignalSpy show(model, &ModelPage::showTransposeConvolution);
        const auto buttons = model->findChildren<QPushButton *>();
        QVERIFY(!buttons.isEmpty());
        buttons.first()->click();
        QTRY_COMPARE_WITH_TIMEOUT(show.size(), 1, 10000);
        QCOMPARE(w.tabs()->currentWidget(), w.transposeConvWidget());
        // A real slice of up1's trained layer: kernel 2, stride 2, a 4×4 input channel, and the note says
        // which.
        TransposeConvWidget *tconv = w.transposeConvWidget();
        QCOMPARE(tconv->plan()->kernel().rows, 2);
        QCOMPARE(tconv->input().rows, 4);
        QVERIFY(std::any_of(tconv->kernel().values.begin(), tconv->kernel().values.end(),
            [](double v) { return v != 0.0 && v != 1.0; })); // trained numbers, not a preset
        QVERIFY2(
            tconv->sourceText().contains(QStringLiteral("input channel")), qPrintable(tconv->sourceText()));
        QVERIFY(tconv->sourceText().contains(QStringLiteral("step 20")));
        QVERIFY(grabTo(w, QStringLiteral("1-transpose-convolution-up1.png")));
        tconv->fillOnes(); // the user's own numbers: the note goes
        QVERIFY(tconv->sourceText().isEmpty());
    }

    // No page opens empty: Forward diffusion loads the sprites by itself and plays t; Training shows the
    // images it would learn from; the Denoising timeline answers Home and End.
    void firstVisitsShowSomething()
    {
        QSettings().setValue(QStringLiteral("window/page"), int(MainWindow::DenoisingPageIndex));
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY_WITH_TIMEOUT(!w.denoisingPage()->isRunning(), 60000);
        DenoisingPage *denoising = w.denoisingPage();
        w.tabs()->setCurrentWidget(denoising);
        denoising->setCurrentFrame(3);
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        denoising->timeline()->setFocus();
        QTest::keyClick(denoising->timeline(), Qt::Key_End);
        QCOMPARE(denoising->currentFrame(), denoising->frameCount() - 1);
        QTest::keyClick(denoising->timeline(), Qt::Key_Home);
        QCOMPARE(denoising->currentFrame(), 0);

        QCOMPARE(w.session()->dataset().count, 0); // nothing loaded yet: a first visit
        ForwardDiffusionPage *forward = w.forwardDiffusionPage();
        w.tabs()->setCurrentWidget(forward);
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->dataset().count > 0, 60000);
        QTRY_VERIFY(!forward->noisy().isEmpty());
        forward->setTimestep(0);
        forward->togglePlay();
        QTRY_VERIFY_WITH_TIMEOUT(forward->timestep() > 20, 5000);
        forward->togglePlay();
        const int stopped = forward->timestep();
        QTest::qWait(200);
        QCOMPARE(forward->timestep(), stopped);

        TrainingPage *training = w.trainingPage();
        w.tabs()->setCurrentWidget(training);
        auto *preview = w.findChild<ImageGridView *>(QStringLiteral("training.preview"));
        QTRY_VERIFY(preview && !preview->images().isEmpty());
        QCOMPARE(preview->images().h, w.session()->dataset().height);
        QVERIFY(grabTo(w, QStringLiteral("4-training-first-visit.png")));

        // The Evaluate page, before any evaluation, says in its chart and above it what fills them.
        w.tabs()->setCurrentIndex(MainWindow::EvaluatePageIndex);
        const auto *summary = w.findChild<QLabel *>(QStringLiteral("evaluate.summary"));
        QVERIFY(summary && summary->text().contains(QStringLiteral("press Evaluate")));
        const auto *hint = w.findChild<QCPItemText *>(QStringLiteral("evaluate.chartHint"));
        QVERIFY(hint && hint->visible() && hint->text().contains(QStringLiteral("press Evaluate")));
        // In the smallest window the chart is narrow; every line of the hint still fits inside it.
        w.resize(1024, 768);
        QCoreApplication::processEvents();
        hint->parentPlot()->replot();
        const QFontMetrics metrics(hint->font());
        for (const QString &line : hint->text().split(QLatin1Char('\n')))
            QVERIFY2(metrics.horizontalAdvance(line) < hint->parentPlot()->axisRect()->width(),
                qPrintable(line + QStringLiteral(" is wider than the chart")));
        QVERIFY(!w.findChild<QComboBox *>(QStringLiteral("evaluate.report"))->isEnabled()); // nothing to show
    }

    void forwardDiffusionFollowsTheFormula()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        w.session()->data()->startLoadingDataset(
            realContent() ? QStringLiteral("emoji") : QStringLiteral("idx:") + m_data);
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->dataset().count > 0, 30000);
        ForwardDiffusionPage *page = w.forwardDiffusionPage();
        page->setImageIndex(3);
        page->setTimestep(0);
        const ImageBatch clean = page->noisy();
        page->setTimestep(250);
        QVERIFY(page->formulaText().contains(QStringLiteral("ᾱ_250")));
        const ImageBatch noisy = page->noisy();
        QCOMPARE(noisy.values.size(), clean.values.size());
        QVERIFY(noisy.values != clean.values);
        w.tabs()->setCurrentWidget(page);
        QVERIFY(grabTo(w, QStringLiteral("2-forward-diffusion.png")));
    }
};

QTEST_MAIN(DiffusionPagesTest)
#include "test_diffusion_pages.moc"
