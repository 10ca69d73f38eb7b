#include "main_window.h"

#include "denoising_page.h"
#include "embedding_page.h"
#include "evaluate_page.h"
#include "explorer_session.h"
#include "file_names.h"
#include "files/bundled_models.h"
#include "forward_diffusion_page.h"
#include "help_dialog.h"
#include "lesson_player.h"
#include "model/compute_precision.h"
#include "model_page.h"
#include "play_page.h"
#include "presentation.h"
#include "training_page.h"
#include "transpose_conv_widget.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QImageReader>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSaveFile>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

namespace de {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Diffusion Explorer"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/diffusion-explorer.svg")));
    setAcceptDrops(true); // checkpoints, .pth files and pictures (openDroppedFile)
    m_session = new ExplorerSession(this);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_transposeConv = new TransposeConvWidget(m_tabs);
    m_forward = new ForwardDiffusionPage(m_session, m_tabs);
    m_denoising = new DenoisingPage(m_session, m_tabs);
    m_training = new TrainingPage(m_session, m_tabs);
    m_model = new ModelPage(m_session, m_denoising, m_tabs);
    m_evaluate = new EvaluatePage(m_session, m_tabs);
    m_embedding = new EmbeddingPage(m_session, m_denoising, m_tabs);
    m_play = new PlayPage(m_session, m_tabs);
    m_tabs->addTab(m_transposeConv, tr("Transpose convolution"));
    m_tabs->setTabToolTip(0, tr("Step through ConvTranspose2d, number by number, in three equivalent views"));
    m_tabs->addTab(m_forward, tr("Forward diffusion"));
    m_tabs->setTabToolTip(1, tr("Watch noise swallow an image as t grows"));
    m_tabs->addTab(m_denoising, tr("Denoising"));
    m_tabs->setTabToolTip(2, tr("Sample a model and step through every timestep"));
    m_tabs->addTab(m_training, tr("Training"));
    m_tabs->setTabToolTip(3, tr("Train a model live and watch the loss fall"));
    m_tabs->addTab(m_model, tr("Model"));
    m_tabs->setTabToolTip(4, tr("The U-Net's blocks, shapes, parameters and activations"));
    m_tabs->addTab(m_evaluate, tr("Evaluate"));
    m_tabs->setTabToolTip(
        5, tr("Is this model any good? Accuracy, diversity and copying, measured per class"));
    m_tabs->addTab(m_embedding, tr("Embeddings"));
    m_tabs->setTabToolTip(6, tr("How time and context enter the network: cemb · up + temb, live"));
    m_tabs->addTab(m_play, tr("Play"));
    m_tabs->setTabToolTip(7, tr("Start from your own drawing, repaint a part, walk between noises"));
    setCentralWidget(m_tabs);

    // A page's status messages are its own: shown while it is the current page, and again on returning to it.
    const auto pageStatus = [this](QWidget *page) {
        return [this, page](const QString &message) {
            m_pageStatus[page] = message;
            if (m_tabs->currentWidget() == page)
                statusBar()->showMessage(message);
        };
    };
    connect(m_denoising, &DenoisingPage::statusMessage, this, pageStatus(m_denoising));
    connect(m_training, &TrainingPage::statusMessage, this, pageStatus(m_training));
    connect(m_evaluate, &EvaluatePage::statusMessage, this, pageStatus(m_evaluate));
    connect(m_play, &PlayPage::statusMessage, this, pageStatus(m_play));
    connect(m_tabs, &QTabWidget::currentChanged, this,
        [this] { statusBar()->showMessage(m_pageStatus.value(m_tabs->currentWidget())); });
    connect(m_training, &TrainingPage::checkpointReady, this, [this](const QString &path) {
        if (openCheckpoint(path))
            sampleStartGrid(); // "Sample this model" samples at once
    });
    connect(m_model, &ModelPage::showTransposeConvolution, this,
        [this](
            const Grid &input, const Grid &kernel, const TransposeConvParams &params, const QString &note) {
            m_transposeConv->showSlice(input, kernel, params, note);
            m_tabs->setCurrentWidget(m_transposeConv);
        });
    connect(m_model, &ModelPage::showEmbeddings, this, [this](int level) {
        m_embedding->setLevel(level);
        m_tabs->setCurrentWidget(m_embedding);
    });
    m_presentation = new Presentation(this, m_tabs);
    m_lessons = new LessonPlayer(this);
    connect(m_lessons, &LessonPlayer::chooseLessonRequested, this, &MainWindow::showLessons);
    buildMenus();
    statusBar()->showMessage(tr("Ready"));

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // 1280×860, or the whole screen where it is smaller (a 1024×768 projector).
        const QRect screen = this->screen()->availableGeometry();
        resize(std::min(1280, screen.width()), std::min(860, screen.height()));
    }
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    // The last model, or on first launch (or when it is gone) the bundled sprite model, with a grid of
    // every class already sampled.
    const QString last = settings.value(QStringLiteral("session/lastCheckpoint")).toString();
    bool opened = !last.isEmpty() && openCheckpoint(last, true); // quiet: a vanished file is no error
    if (!opened)
        opened = openCheckpoint(bundledModels().constFirst().checkpointPath, true, last.isEmpty());
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("window/page"), int(DenoisingPageIndex)).toInt());
    if (opened)
        sampleStartGrid();
    // Once, on the first launch: lessons exist.
    if (!settings.value(QStringLiteral("lessons/hintShown")).toBool()) {
        settings.setValue(QStringLiteral("lessons/hintShown"), true);
        QTimer::singleShot(0, m_lessons, &LessonPlayer::showHint);
    }
}

void MainWindow::showLessons()
{
    const LessonLibrary library = loadLessons();
    const int chosen = chooseLesson(this, library);
    if (chosen >= 0)
        m_lessons->start(library.lessons[chosen]);
}

bool MainWindow::startLesson(const QString &id)
{
    const LessonLibrary library = loadLessons();
    for (const Lesson &lesson : library.lessons)
        if (lesson.id == id) {
            m_lessons->start(lesson);
            return true;
        }
    return false;
}

// Guidance for the start-up grid: where the bundled models' classes come out most clearly
// (docs/bundled-models.md).
static constexpr double kStartGuidance = 2.0;
// DPM-Solver++ in 12 steps is within a point of DDIM in 50 on both bundled models (docs/diffusion.md).
static constexpr int kStartSteps = 12;

void MainWindow::sampleStartGrid()
{
    const int classes = int(m_session->checkpointInfo().config.nCFeat);
    m_denoising->configure(
        SamplerKind::DpmSolver, kStartSteps, std::clamp(classes * (classes > 5 ? 2 : 4), 1, 64), 0);
    m_denoising->setGuidance(kStartGuidance);
    m_denoising->generate();
}

bool MainWindow::openBundledModel(const QString &id)
{
    const BundledModel *model = findBundledModel(QStringLiteral("bundled:") + id);
    if (!model || !openCheckpoint(model->checkpointPath))
        return false;
    sampleStartGrid();
    return true;
}

void MainWindow::buildModelMenu()
{
    m_modelMenu = menuBar()->addMenu(tr("&Model"));
    auto *group = new QActionGroup(m_modelMenu);
    group->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
    int key = 0;
    for (const BundledModel &m : bundledModels()) {
        QAction *a = m_modelMenu->addAction(
            tr("Bundled: %1").arg(m.title), this, [this, id = m.id] { openBundledModel(id); });
        a->setCheckable(true);
        a->setData(m.checkpointPath);
        a->setToolTip(m.description);
        a->setStatusTip(m.description);
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key(Qt::Key_1 + key++)));
        group->addAction(a);
    }
    m_modelMenu->setToolTipsVisible(true);
    m_modelMenu->addSeparator();
    QAction *file = m_modelMenu->addAction(tr("From a &file…"), this, &MainWindow::openCheckpointDialog);
    file->setStatusTip(tr("Open a checkpoint you trained, or a PyTorch .pth state_dict"));
    m_modelMenu->addSeparator();
    QAction *evaluate
        = m_modelMenu->addAction(tr("&Evaluate…"), this, [this] { m_tabs->setCurrentWidget(m_evaluate); });
    evaluate->setStatusTip(tr("Measure how good the open model is"));
    m_modelMenu->addSeparator();
    QAction *bf16 = m_modelMenu->addAction(tr("Sample in &bfloat16 (faster)"));
    bf16->setObjectName(QStringLiteral("bfloat16Action"));
    bf16->setCheckable(true);
    bf16->setChecked(bfloat16Supported() && samplingPrecision() == Precision::BFloat16);
    bf16->setEnabled(bfloat16Supported());
    bf16->setToolTip(bfloat16Supported()
            ? tr(
                "The denoiser's 3×3 convolutions read their inputs rounded to bfloat16 (8 significant bits) "
                "and add in float32: sampling gets faster (by a tenth to a third where it was measured), "
                "and the bundled models' samples were judged as good as in float32. Off: float32 throughout.")
            : tr("This CPU has no bfloat16 arithmetic (AVX512_BF16): sampling runs in float32."));
    // The status bar shows one line: the short form (the tooltip has the rest).
    bf16->setStatusTip(bfloat16Supported()
            ? tr("Faster sampling: 3×3 convolutions in bfloat16, samples judged as good as in float32")
            : tr("This CPU has no bfloat16 arithmetic: sampling runs in float32"));
    connect(bf16, &QAction::toggled, this, [](bool on) {
        const Precision p = on ? Precision::BFloat16 : Precision::Float32;
        setSamplingPrecision(p);
        storePrecision(p);
    });
    connect(m_session, &ExplorerSession::checkpointChanged, this, &MainWindow::updateModelMenu);
    updateModelMenu();
}

void MainWindow::updateModelMenu()
{
    for (QAction *a : m_modelMenu->actions())
        if (a->isCheckable() && a->data().isValid()) // the bundled models
            a->setChecked(a->data().toString() == m_session->checkpointPath());
}

MainWindow::~MainWindow()
{
    m_session->shutDown();
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open checkpoint…"), this, &MainWindow::openCheckpointDialog);
    open->setShortcut(QKeySequence::Open);
    QAction *save = file->addAction(tr("&Save checkpoint as…"), this, &MainWindow::saveCheckpointAs);
    save->setShortcut(QKeySequence::SaveAs);
    save->setObjectName(QStringLiteral("window.saveCheckpointAs"));
    file->addAction(tr("Open &data set folder…"), this, &MainWindow::openDatasetDialog);
    file->addSeparator();
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    QAction *frame = exportMenu->addAction(tr("Current &frame as PNG…"), this, &MainWindow::exportFrame);
    frame->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    frame->setObjectName(QStringLiteral("window.exportFrame"));
    exportMenu->addAction(tr("Whole &trajectory as animated GIF…"), this, &MainWindow::exportGif)
        ->setObjectName(QStringLiteral("window.exportGif"));
    exportMenu->addAction(tr("Final &grid as PNG at a chosen scale…"), this, &MainWindow::exportFinal)
        ->setObjectName(QStringLiteral("window.exportFinal"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    buildModelMenu();

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction *page = view->addAction(m_tabs->tabText(i), this, [this, i] { m_tabs->setCurrentIndex(i); });
        page->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    view->addSeparator();
    QAction *present
        = view->addAction(tr("&Presentation mode"), m_presentation, &Presentation::setPresenting);
    present->setCheckable(true);
    present->setShortcut(QKeySequence(Qt::Key_F5));
    present->setStatusTip(
        tr("Full screen, large text, thick lines, high contrast; PageDown/PageUp step, Space "
           "plays, Esc leaves"));
    connect(m_presentation, &Presentation::presentingChanged, present, &QAction::setChecked);
    addAction(present); // F5 works in full screen, where the menu bar may be out of reach
    QAction *zoomIn = view->addAction(tr("Zoom &in"), m_presentation, &Presentation::zoomIn);
    zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    QAction *zoomOut = view->addAction(tr("Zoom &out"), m_presentation, &Presentation::zoomOut);
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction *actual = view->addAction(tr("&Actual size"), m_presentation, &Presentation::resetZoom);
    actual->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    view->addSeparator();
    QMenu *language = view->addMenu(tr("&Language"));
    auto *group = new QActionGroup(language);
    const QString current = QSettings().value(QStringLiteral("ui/language")).toString();
    const QList<QPair<QString, QString>> languages {{QString(), tr("System language")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
    for (const auto &[code, name] : languages) {
        QAction *a = language->addAction(name, this, [this, code = code] { setLanguage(code); });
        a->setCheckable(true);
        a->setChecked(code == current);
        group->addAction(a);
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *how = help->addAction(tr("&How diffusion works"), this, &MainWindow::showHelp);
    how->setShortcut(QKeySequence::HelpContents);
    QAction *lessons = help->addAction(tr("&Lessons…"), this, &MainWindow::showLessons);
    lessons->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    lessons->setStatusTip(tr("Guided tours through the pages, step by step"));
    help->addAction(tr("&About Diffusion Explorer"), this, &MainWindow::showAbout);
}

bool MainWindow::openCheckpoint(const QString &path, bool quiet, bool remember)
{
    const QString problem = m_session->openCheckpoint(path, remember);
    if (!problem.isEmpty()) {
        if (!quiet)
            reportError(tr("Cannot open the checkpoint"), problem);
        return false;
    }
    statusBar()->showMessage(tr("Opened %1").arg(displayModelPath(m_session->checkpointPath())));
    m_tabs->setCurrentWidget(m_denoising);
    return true;
}

void MainWindow::openCheckpointDialog()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open checkpoint"), m_session->checkpointPath(),
            tr("Checkpoints and PyTorch files (*.ckpt *.pth *.pt);;Diffusion Explorer checkpoints (*.ckpt);;"
               "PyTorch state_dicts (*.pth *.pt);;All files (*)"));
    if (!path.isEmpty() && openCheckpoint(path))
        sampleStartGrid();
}

void MainWindow::saveCheckpointAs()
{
    if (!m_session->hasCheckpoint()) {
        reportError(tr("Nothing to save"), tr("Open or train a checkpoint first."));
        return;
    }
    const QString typed
        = QFileDialog::getSaveFileName(this, tr("Save checkpoint as"), m_session->checkpointPath(),
            tr("Diffusion Explorer checkpoints (*.ckpt);;PyTorch state_dicts (*.pth)"));
    if (typed.isEmpty())
        return;
    const QString path
        = withSuffix(typed, QStringLiteral("ckpt"), {QStringLiteral("pth"), QStringLiteral("pt")});
    const QString problem = m_session->saveCheckpointAs(path);
    if (!problem.isEmpty()) {
        reportError(tr("Cannot save the checkpoint"), problem);
        return;
    }
    if (openCheckpoint(path, true))
        sampleStartGrid();
}

void MainWindow::openDatasetDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder with MNIST-format IDX files"));
    if (dir.isEmpty())
        return;
    m_session->data()->startLoadingDataset(QStringLiteral("idx:") + dir);
    m_tabs->setCurrentWidget(m_forward);
}

void MainWindow::exportTo(const QString &title, const QString &filter, const QString &suffix,
    const std::function<QString(const QString &)> &write)
{
    const QString typed = QFileDialog::getSaveFileName(this, title, QString(), filter);
    if (typed.isEmpty())
        return;
    const QString path = withSuffix(typed, suffix);
    const QString problem = write(path);
    if (problem.isEmpty())
        statusBar()->showMessage(tr("Wrote %1").arg(path));
    else
        reportError(tr("Export failed"), problem);
}

void MainWindow::exportFrame()
{
    exportTo(tr("Export the current frame"), tr("PNG images (*.png)"), QStringLiteral("png"),
        [this](const QString &path) { return m_denoising->exportFramePng(path); });
}

void MainWindow::exportGif()
{
    bool ok = false;
    const int scale = QInputDialog::getInt(this, tr("Export the trajectory"),
        tr("Pixels per image pixel (each frame also shows its step and t):"), 3, 1, 16, 1, &ok);
    if (ok)
        exportTo(tr("Export the trajectory"), tr("Animated GIF (*.gif)"), QStringLiteral("gif"),
            [this, scale](const QString &path) { return m_denoising->exportTrajectoryGif(path, scale); });
}

void MainWindow::exportFinal()
{
    bool ok = false;
    const int scale = QInputDialog::getInt(this, tr("Export the final grid"),
        tr("Pixels per image pixel (nearest-neighbour, never blurred):"), 8, 1, 64, 1, &ok);
    if (ok)
        exportTo(tr("Export the final grid"), tr("PNG images (*.png)"), QStringLiteral("png"),
            [this, scale](const QString &path) { return m_denoising->exportFinalGrid(path, scale); });
}

void MainWindow::setLanguage(const QString &code)
{
    QSettings().setValue(QStringLiteral("ui/language"), code);
    QMessageBox::information(this, tr("Language"), tr("The new language is used from the next start."));
}

void MainWindow::reportError(const QString &title, const QString &message)
{
    statusBar()->showMessage(message);
    QMessageBox::warning(this, title, message);
}

enum class DroppedKind { None, Model, Picture };

static DroppedKind droppedKind(const QString &path)
{
    const QFileInfo file(path);
    if (!file.isFile())
        return DroppedKind::None;
    const QString suffix = file.suffix().toLower();
    if (suffix == QLatin1String("ckpt") || suffix == QLatin1String("pth") || suffix == QLatin1String("pt"))
        return DroppedKind::Model;
    if (QImageReader::supportedImageFormats().contains(suffix.toLatin1()))
        return DroppedKind::Picture;
    return DroppedKind::None;
}

// The first local file of a drag, or nothing.
static QString draggedFile(const QMimeData *data)
{
    if (!data || !data->hasUrls())
        return {};
    for (const QUrl &url : data->urls())
        if (url.isLocalFile())
            return url.toLocalFile();
    return {};
}

bool MainWindow::openDroppedFile(const QString &path)
{
    switch (droppedKind(path)) {
    case DroppedKind::Model:
        if (!openCheckpoint(path))
            return false;
        sampleStartGrid();
        return true;
    case DroppedKind::Picture:
        if (!m_session->hasCheckpoint()) {
            statusBar()->showMessage(tr("Open a model first: the picture goes to the Play page's canvas, "
                                        "which draws at the model's size."));
            return false;
        }
        m_tabs->setCurrentWidget(m_play);
        return m_play->importPictureFrom(path);
    case DroppedKind::None:
        break;
    }
    statusBar()->showMessage(tr("%1 cannot be opened here: drop a checkpoint (.ckpt), a PyTorch .pth file "
                                "or a picture.")
                                 .arg(QDir::toNativeSeparators(path)));
    return false;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (droppedKind(draggedFile(event->mimeData())) != DroppedKind::None)
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString path = draggedFile(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    // After the drop returns: the file manager that started the drag is not kept waiting by a message box.
    QTimer::singleShot(0, this, [this, path] { openDroppedFile(path); });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // A running training stops after its current step and writes its checkpoint before the window goes, so
    // that a checkpoint that cannot be written (a full disk) is known while the model is still in memory.
    if (m_stoppingTraining) { // a second close while the first waits for the training
        event->ignore();
        return;
    }
    if (m_training->isTraining() && !m_training->isWaitingForSave()) {
        m_stoppingTraining = true;
        m_training->cancel();
        QElapsedTimer clock;
        clock.start();
        QEventLoop wait;
        QTimer poll;
        connect(&poll, &QTimer::timeout, &wait, [&] {
            if (!m_training->isTraining() || m_training->isWaitingForSave() || clock.elapsed() > 30000)
                wait.quit();
        });
        poll.start(10);
        wait.exec();
        m_stoppingTraining = false;
    }
    // A training whose checkpoint could not be written holds its model only in memory: ask before losing it.
    if (m_training->isWaitingForSave()) {
        QMessageBox ask(QMessageBox::Warning, tr("Quit without saving the training?"),
            tr("The training's checkpoint could not be written, so what it has learned exists only in "
               "memory. "
               "Quit and lose it, or go back and save it elsewhere?"),
            QMessageBox::NoButton, this);
        ask.setObjectName(QStringLiteral("window.quitUnsaved"));
        QPushButton *quit = ask.addButton(tr("Quit without saving"), QMessageBox::DestructiveRole);
        ask.setDefaultButton(ask.addButton(tr("Go back"), QMessageBox::RejectRole));
        ask.exec();
        if (ask.clickedButton() != quit) {
            event->ignore();
            return;
        }
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/page"), m_tabs->currentIndex());
    // Training stops after its current step and saves its checkpoint; sampling just stops.
    m_session->shutDown();
    event->accept();
}

void MainWindow::showHelp()
{
    HelpDialog(this).exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Diffusion Explorer"),
        tr("<h3>Diffusion Explorer %1</h3>"
           "<p>Teaches how diffusion models and transpose convolution work by letting you run "
           "them, watch them and take them apart.</p>")
            .arg(QApplication::applicationVersion()));
}

} // namespace de
