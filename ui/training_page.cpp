#include "training_page.h"

#include "data/class_names.h"
#include "explorer_session.h"
#include "file_names.h"
#include "image_grid_view.h"
#include "plot_legend.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <limits>

namespace de {

namespace {
QString duration(double seconds)
{
    const qint64 s = qint64(std::llround(std::max(seconds, 0.0)));
    if (s >= 3600)
        return QStringLiteral("%1h %2m").arg(s / 3600).arg((s % 3600) / 60);
    if (s >= 60)
        return QStringLiteral("%1m %2s").arg(s / 60).arg(s % 60);
    return QStringLiteral("%1s").arg(s);
}
} // namespace

TrainingPage::TrainingPage(ExplorerSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    buildUi();
    connect(session, &ExplorerSession::datasetChanged, this, [this] {
        if (isVisible())
            showTrainingImages();
    });
    DiffusionWorker *w = session->training()->worker();
    connect(w, &DiffusionWorker::trainingProgress, this, &TrainingPage::onProgress);
    connect(w, &DiffusionWorker::trainingStarted, this, [this](qint64, const QVector<float> &earlier) {
        // A resumed run continues the curve where it stopped.
        for (int i = 0; i < earlier.size(); ++i) {
            TrainProgress p;
            p.step = i + 1;
            p.loss = earlier[i];
            addLossPoint(p);
        }
    });
    connect(w, &DiffusionWorker::trainingFinished, this, &TrainingPage::onFinished);
    connect(w, &DiffusionWorker::failed, this, &TrainingPage::onFailed);
    connect(w, &DiffusionWorker::trainingSaveFailed, this, &TrainingPage::onSaveFailed);
    connect(w, &DiffusionWorker::trainingPreview, this, [this](qint64 step, const ImageBatch &images) {
        m_showingData = false;
        m_preview->setImages(images, 5);
        m_preview->setTitle(tr("preview at step %1 (same seed every time)").arg(step));
    });
    connect(w, &DiffusionWorker::trainingQuality, this, &TrainingPage::onQuality);
    connect(w, &DiffusionWorker::datasetReady, this, &TrainingPage::showDatasetSummary);
    connect(w, &DiffusionWorker::status, this, [this](const QString &m) {
        if (m_running)
            emit statusMessage(m);
    });
}

void TrainingPage::buildUi()
{
    m_dataset = new QComboBox(this);
    m_dataset->setObjectName(QStringLiteral("training.dataset"));
    m_dataset->addItem(tr("Emoji sprites (16×16, 5 classes)"), QStringLiteral("emoji"));
    m_dataset->addItem(tr("Fashion-MNIST (28×28, 10 classes)"), QStringLiteral("fashion-mnist"));
    m_dataset->addItem(tr("IDX folder…"), QStringLiteral("idx"));
    m_dataset->addItem(tr("The course's sprite files (.npy)…"), QStringLiteral("npy"));
    m_dataset->addItem(
        tr("Folder of images, one subfolder per class (16×16 RGB)…"), QStringLiteral("folder"));
    m_dataset->setToolTip(
        tr("The images the model learns to make: emoji rendered on this machine, clothes from "
           "Fashion-MNIST, or any folder of MNIST-format IDX files"));
    connect(m_dataset, &QComboBox::activated, this, [this] {
        const QString kind = m_dataset->currentData().toString();
        QString chosen;
        if (kind == QLatin1String("idx") || kind == QLatin1String("folder")) {
            chosen = QFileDialog::getExistingDirectory(this,
                kind == QLatin1String("idx") ? tr("Folder with IDX files") : tr("Folder of class folders"));
        } else if (kind == QLatin1String("npy")) {
            const QString images = QFileDialog::getOpenFileName(
                this, tr("Sprite images (.npy)"), QString(), tr("NumPy arrays (*.npy)"));
            const QString labels = images.isEmpty()
                ? QString()
                : QFileDialog::getOpenFileName(this,
                    tr("Sprite labels (.npy), or "
                       "cancel for none"),
                    QFileInfo(images).absolutePath(), tr("NumPy arrays (*.npy)"));
            chosen = labels.isEmpty() ? images : images + QLatin1Char(',') + labels;
        } else {
            return;
        }
        if (chosen.isEmpty())
            m_dataset->setCurrentIndex(0);
        else
            m_chosenPath = chosen;
    });
    auto spin = [this](int low, int high, int value, const QString &tip) {
        auto *s = new QSpinBox(this);
        s->setRange(low, high);
        s->setValue(value);
        s->setToolTip(tip);
        return s;
    };
    m_nFeat = spin(8, 256, 32,
        tr("Width of the U-Net (feature maps in its first layer; a multiple of 8). 64 is "
           "the course's; 32 trains four times faster."));
    m_nFeat->setSingleStep(8);
    m_batch = spin(1, 1024, 100, tr("Images per training step"));
    // The length of a lesson: ten minutes gives a recognisable sprite model with the recommended recipe.
    m_length = spin(1, 10000000, 10, tr("How long to train: steps, passes over the data set, or minutes"));
    m_seed = spin(0, 999999, 0,
        tr("Fixes the initial weights, the batches and the noise: the same seed trains the "
           "same model"));
    m_autosave = spin(0, 1000000, 250, tr("Write the checkpoint every N steps (0: only at the end)"));
    m_previewEvery = spin(0, 1000000, 100, tr("Sample a small preview grid every N steps (0: never)"));
    m_nFeat->setObjectName(QStringLiteral("training.nFeat"));
    m_batch->setObjectName(QStringLiteral("training.batch"));
    m_length->setObjectName(QStringLiteral("training.length"));
    m_seed->setObjectName(QStringLiteral("training.seed"));
    m_autosave->setObjectName(QStringLiteral("training.autosave"));
    m_previewEvery->setObjectName(QStringLiteral("training.previewEvery"));
    m_bySteps = new QRadioButton(tr("steps"), this);
    m_bySteps->setObjectName(QStringLiteral("training.bySteps"));
    m_byEpochs = new QRadioButton(tr("epochs"), this);
    m_byEpochs->setObjectName(QStringLiteral("training.byEpochs"));
    m_byMinutes = new QRadioButton(tr("minutes"), this);
    // Steps, epochs and minutes differ by orders of magnitude: switching keeps the spin box sensible.
    connect(m_byMinutes, &QRadioButton::toggled, this, [this](bool on) {
        if (on && m_length->value() > 600)
            m_length->setValue(10);
    });
    m_byMinutes->setObjectName(QStringLiteral("training.byMinutes"));
    m_byMinutes->setToolTip(
        tr("Train until this many minutes have passed; the learning rate falls to zero over the time, so "
           "the run ends as a finished model, not a cut-off one"));
    m_byMinutes->setChecked(true);
    m_lr = new QDoubleSpinBox(this);
    m_lr->setObjectName(QStringLiteral("training.lr"));
    m_lr->setDecimals(5);
    m_lr->setRange(0.00001, 0.1);
    m_lr->setSingleStep(0.0001);
    m_lr->setValue(0.001);
    m_lr->setToolTip(tr("Adam's learning rate at the start; it falls linearly to zero by the end"));
    m_out = new QLineEdit(this);
    m_out->setObjectName(QStringLiteral("training.out"));
    m_out->setToolTip(
        tr("Where the checkpoint is written (atomically: an old file is replaced only by a complete "
           "new one)"));
    m_out->setText(defaultOutPath());
    auto *browse = new QToolButton(this);
    browse->setText(QStringLiteral("…"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString f = askCheckpointPath(m_out->text());
        if (!f.isEmpty())
            m_out->setText(f);
    });
    m_resume = new QLineEdit(this);
    m_resume->setObjectName(QStringLiteral("training.resume"));
    m_resume->setPlaceholderText(tr("(start from scratch)"));
    m_resume->setToolTip(tr("Continue an earlier run from its checkpoint: weights, optimizer and step"));
    auto *browseResume = new QToolButton(this);
    browseResume->setText(QStringLiteral("…"));
    connect(browseResume, &QToolButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(
            this, tr("Resume from"), m_out->text(), tr("Checkpoints (*.ckpt)"));
        if (!f.isEmpty())
            m_resume->setText(f);
    });

    m_start = new QPushButton(tr("&Start training"), this);
    m_start->setObjectName(QStringLiteral("training.start"));
    m_start->setToolTip(tr("Train on a worker thread; the window stays responsive (Ctrl+Return)"));
    m_start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_pause = new QPushButton(tr("&Pause"), this);
    m_pause->setObjectName(QStringLiteral("training.pause"));
    m_pause->setToolTip(tr("Pause between two steps; press again to resume"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("training.cancel"));
    m_cancel->setToolTip(tr("Stop after the current step and save the checkpoint, so it can be resumed"));
    m_open = new QPushButton(tr("Sample this model"), this);
    m_open->setObjectName(QStringLiteral("training.open"));
    m_open->setToolTip(tr("Open the checkpoint on the Denoising page"));
    m_open->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(tr("Data set"), m_dataset);
    form->addRow(tr("Width n_feat"), m_nFeat);
    form->addRow(tr("Batch"), m_batch);
    form->addRow(tr("Learning rate"), m_lr);
    auto *length = new QHBoxLayout;
    length->addWidget(m_length);
    length->addWidget(m_bySteps);
    length->addWidget(m_byEpochs);
    length->addWidget(m_byMinutes);
    form->addRow(tr("Train for"), length);
    form->addRow(tr("Seed"), m_seed);
    form->addRow(tr("Autosave every"), m_autosave);
    form->addRow(tr("Preview every"), m_previewEvery);
    auto *out = new QHBoxLayout;
    out->addWidget(m_out);
    out->addWidget(browse);
    form->addRow(tr("Checkpoint"), out);
    auto *resume = new QHBoxLayout;
    resume->addWidget(m_resume);
    resume->addWidget(browseResume);
    form->addRow(tr("Resume from"), resume);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_cancel);
    auto *run = new QWidget(this);
    run->setLayout(form);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("training.tabs"));
    m_tabs->addTab(run, tr("Run"));
    m_tabs->addTab(buildRecipeTab(), tr("Recipe"));
    m_tabs->setTabToolTip(1,
        tr("How the model learns: the noise schedule, the loss, the weight average, the warm-up; and "
           "how often the preview is judged"));
    auto *left = new QVBoxLayout;
    left->addWidget(m_tabs);
    left->addLayout(buttons);
    left->addWidget(m_open);
    auto *recipe = new QWidget(this);
    recipe->setLayout(left);
    recipe->setMaximumWidth(440);

    m_status = new QLabel(tr("Not training."), this);
    m_status->setObjectName(QStringLiteral("training.status"));
    m_status->setWordWrap(true); // a long path wraps instead of widening the window
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("training.error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    m_datasetInfo = new QLabel(this);
    m_datasetInfo->setObjectName(QStringLiteral("training.datasetInfo"));
    m_datasetInfo->setWordWrap(true);
    m_lossPlot = new QCustomPlot(this);
    m_lossPlot->setObjectName(QStringLiteral("training.lossPlot"));
    m_lossPlot->setMinimumHeight(220);
    putLegendAbove(m_lossPlot);
    m_lossPlot->addGraph();
    m_lossPlot->graph(0)->setName(tr("loss"));
    m_lossPlot->graph(0)->setPen(QPen(QColor(120, 170, 230)));
    m_lossPlot->addGraph();
    m_lossPlot->graph(1)->setName(tr("smoothed"));
    m_lossPlot->graph(1)->setPen(QPen(QColor(20, 60, 160), 2));
    m_lossPlot->xAxis->setLabel(tr("step"));
    m_lossPlot->yAxis->setLabel(tr("MSE between true and predicted noise"));
    m_lossPlot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    m_lossPlot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    // The live quality curve on the right axis: what the loss hides (it falls long before samples look
    // right).
    m_lossPlot->addGraph(m_lossPlot->xAxis, m_lossPlot->yAxis2);
    m_lossPlot->graph(2)->setName(tr("recognised by the judge (%)"));
    m_lossPlot->graph(2)->setPen(QPen(QColor(220, 110, 20), 2));
    m_lossPlot->graph(2)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    m_lossPlot->yAxis2->setVisible(true);
    m_lossPlot->yAxis2->setRange(0, 100);
    m_lossPlot->yAxis2->setLabel(tr("preview recognised (%)"));
    m_lossPlot->legend->setFont(font());
    m_preview = new ImageGridView(this);
    m_preview->setObjectName(QStringLiteral("training.preview"));
    m_preview->setTitle(tr("preview"));
    m_preview->setMinimumWidth(260);

    auto *charts = new QHBoxLayout;
    charts->addWidget(m_lossPlot, 2);
    charts->addWidget(m_preview, 1);
    auto *right = new QVBoxLayout;
    right->addWidget(m_status);
    right->addWidget(m_error);
    right->addWidget(m_datasetInfo);
    right->addLayout(charts, 1);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(recipe);
    layout->addLayout(right, 1);

    connect(m_start, &QPushButton::clicked, this, &TrainingPage::start);
    connect(m_pause, &QPushButton::clicked, this, &TrainingPage::togglePause);
    connect(m_cancel, &QPushButton::clicked, this, &TrainingPage::cancel);
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (!m_finishedPath.isEmpty())
            emit checkpointReady(m_finishedPath);
    });
    setRunning(false);
}

QWidget *TrainingPage::buildRecipeTab()
{
    auto *tab = new QWidget(this);
    m_schedule = new QComboBox(tab);
    m_schedule->setObjectName(QStringLiteral("training.schedule"));
    m_schedule->addItem(tr("linear (the course)"), int(ScheduleKind::Linear));
    m_schedule->addItem(tr("cosine"), int(ScheduleKind::Cosine));
    m_schedule->setToolTip(
        tr("How fast noise is added over the 500 steps. Linear betas (the course) destroy the image early; "
           "the cosine schedule keeps more of it in the middle steps (Nichol & Dhariwal 2021). Stored in the "
           "checkpoint: the model is always sampled with the schedule it learned."));
    m_loss = new QComboBox(tab);
    m_loss->setObjectName(QStringLiteral("training.loss"));
    m_loss->addItem(tr("plain MSE (the course)"), false);
    m_loss->addItem(tr("Min-SNR-γ weighted"), true);
    m_loss->setToolTip(
        tr("Plain MSE counts every timestep the same, so the nearly clean steps, easy and many, dominate. "
           "Min-SNR-γ (Hang et al. 2023) weights each step by min(SNR, γ)/SNR. The loss curve always "
           "shows the plain MSE, so runs compare."));
    m_gamma = new QDoubleSpinBox(tab);
    m_gamma->setObjectName(QStringLiteral("training.gamma"));
    m_gamma->setRange(0.1, 100.0);
    m_gamma->setDecimals(1);
    m_gamma->setToolTip(tr("γ of Min-SNR: timesteps whose signal-to-noise ratio is above γ count less"));
    connect(m_loss, &QComboBox::currentIndexChanged, this,
        [this] { m_gamma->setEnabled(m_loss->currentData().toBool()); });
    m_ema = new QDoubleSpinBox(tab);
    m_ema->setObjectName(QStringLiteral("training.ema"));
    m_ema->setRange(0.0, 0.5);
    m_ema->setDecimals(3);
    m_ema->setSingleStep(0.01);
    m_ema->setSpecialValueText(tr("off"));
    m_ema->setToolTip(
        tr("Keep a moving average of the weights and sample with it: it smooths out the noise of the last "
           "steps. Its half-life is this share of the images seen so far (EDM's rule), so it suits a run "
           "of any length. The raw weights are kept too."));
    m_warmup = new QSpinBox(tab);
    m_warmup->setObjectName(QStringLiteral("training.warmup"));
    m_warmup->setRange(0, 100000);
    m_warmup->setSpecialValueText(tr("none"));
    m_warmup->setSuffix(tr(" steps"));
    m_warmup->setToolTip(tr("Raise the learning rate from zero over these first steps, while Adam's "
                            "estimates of the gradients settle"));
    m_perturbation = new QDoubleSpinBox(tab);
    m_perturbation->setObjectName(QStringLiteral("training.perturbation"));
    m_perturbation->setRange(0.0, 0.5);
    m_perturbation->setDecimals(2);
    m_perturbation->setSingleStep(0.05);
    m_perturbation->setSpecialValueText(tr("none"));
    m_perturbation->setToolTip(
        tr("Input perturbation (DDPM-IP): make x_t with slightly wrong noise, as the sampler's own errors "
           "would, while the target stays the true noise"));
    m_contextDropout = new QDoubleSpinBox(tab);
    m_contextDropout->setObjectName(QStringLiteral("training.contextDropout"));
    m_contextDropout->setRange(0.0, 1.0);
    m_contextDropout->setDecimals(2);
    m_contextDropout->setSingleStep(0.05);
    m_contextDropout->setSpecialValueText(tr("never"));
    m_contextDropout->setToolTip(
        tr("The share of training images shown without their class. On those the network learns the "
           "unconditional prediction, which classifier-free guidance pushes away from; the course drops "
           "one in ten. Fewer drops train the conditional model on more images, at some cost to "
           "guidance; at 1 the class is never seen and guidance does nothing."));
    m_augment = new QComboBox(tab);
    m_augment->setObjectName(QStringLiteral("training.augment"));
    m_augment->addItem(tr("none"), 0);
    m_augment->addItem(tr("flips and shifts"), 1);
    m_augment->setToolTip(tr("Random horizontal flips and one-pixel shifts of the training images. Off by "
                             "default: measured on the 935 emoji sprites, they cost about ten points of "
                             "conditional accuracy"));
    m_judgeEvery = new QSpinBox(tab);
    m_judgeEvery->setObjectName(QStringLiteral("training.judgeEvery"));
    m_judgeEvery->setRange(0, 1000000);
    m_judgeEvery->setSpecialValueText(tr("never"));
    m_judgeEvery->setSuffix(tr(" steps"));
    m_judgeEvery->setValue(100);
    m_judgeEvery->setToolTip(
        tr("Every N steps, sample five images of each class (DPM-Solver++, 12 steps, guidance 2) and let "
           "the data set's classifier say how many it recognises: the orange curve. About a second each."));
    auto *course = new QPushButton(tr("The course's recipe"), tab);
    course->setObjectName(QStringLiteral("training.courseRecipe"));
    course->setToolTip(
        tr("Width 64, batch 100, learning rate 0.001, plain MSE, linear schedule, no average, no "
           "warm-up: what the course trains"));
    connect(course, &QPushButton::clicked, this, &TrainingPage::useCourseRecipe);
    auto *recommended = new QPushButton(tr("Recommended"), tab);
    recommended->setObjectName(QStringLiteral("training.recommendedRecipe"));
    recommended->setToolTip(
        tr("The defaults, each measured against the course's recipe on the sprites (docs/training.md): "
           "a narrower network that takes three times as many steps, and only what helped"));
    connect(recommended, &QPushButton::clicked, this, &TrainingPage::useRecommendedRecipe);

    auto *form = new QFormLayout(tab);
    form->addRow(tr("Noise schedule"), m_schedule);
    form->addRow(tr("Loss"), m_loss);
    form->addRow(tr("Min-SNR γ"), m_gamma);
    form->addRow(tr("Weight average"), m_ema);
    form->addRow(tr("Warm-up"), m_warmup);
    form->addRow(tr("Input perturbation"), m_perturbation);
    form->addRow(tr("Context dropout"), m_contextDropout);
    form->addRow(tr("Augmentation"), m_augment);
    form->addRow(tr("Judge the preview every"), m_judgeEvery);
    auto *presets = new QHBoxLayout;
    presets->addWidget(course);
    presets->addWidget(recommended);
    form->addRow(presets);
    auto *note = new QLabel(tr("A resumed checkpoint keeps the recipe it was trained with."), tab);
    note->setWordWrap(true);
    form->addRow(note);
    setRecipe(TrainRequest {});
    return tab;
}

void TrainingPage::setRecipe(const TrainRequest &r)
{
    m_nFeat->setValue(r.nFeat);
    m_batch->setValue(r.batch);
    m_lr->setValue(r.lr);
    m_schedule->setCurrentIndex(m_schedule->findData(int(r.schedule)));
    m_loss->setCurrentIndex(r.minSnr ? 1 : 0);
    m_gamma->setValue(r.minSnrGamma);
    m_gamma->setEnabled(r.minSnr);
    m_ema->setValue(r.emaHalfLife);
    m_warmup->setValue(int(r.warmupSteps));
    m_perturbation->setValue(r.inputPerturbation);
    m_contextDropout->setValue(r.contextDropout);
    m_augment->setCurrentIndex(m_augment->findData(r.augment));
}

void TrainingPage::useCourseRecipe()
{
    TrainRequest r;
    r.nFeat = 64;
    r.batch = 100;
    r.lr = 1e-3;
    r.schedule = ScheduleKind::Linear;
    r.minSnr = false;
    r.emaHalfLife = 0.0;
    r.warmupSteps = 0;
    r.inputPerturbation = 0.0;
    r.contextDropout = 0.1;
    r.augment = 0; // the course trains on the sprites as they are
    setRecipe(r);
}

void TrainingPage::useRecommendedRecipe()
{
    setRecipe(TrainRequest {});
}

QString TrainingPage::datasetName() const
{
    const QString key = m_dataset->currentData().toString();
    if (key == QLatin1String("idx") || key == QLatin1String("npy") || key == QLatin1String("folder"))
        return key + QLatin1Char(':') + m_chosenPath;
    return key;
}

TrainRequest TrainingPage::request() const
{
    TrainRequest r;
    r.dataset = datasetName();
    r.outPath = m_out->text();
    r.resumePath = m_resume->text().trimmed();
    r.nFeat = m_nFeat->value();
    r.batch = m_batch->value();
    r.lr = m_lr->value();
    r.seed = quint64(m_seed->value());
    if (m_bySteps->isChecked())
        r.steps = m_length->value();
    else if (m_byEpochs->isChecked())
        r.epochs = m_length->value();
    else
        r.minutes = m_length->value();
    r.autosaveEvery = m_autosave->value();
    r.previewEvery = m_previewEvery->value();
    r.previewCount = 10;
    r.schedule = ScheduleKind(m_schedule->currentData().toInt());
    r.minSnr = m_loss->currentData().toBool();
    r.minSnrGamma = m_gamma->value();
    r.emaHalfLife = m_ema->value();
    r.warmupSteps = m_warmup->value();
    r.inputPerturbation = m_perturbation->value();
    r.contextDropout = m_contextDropout->value();
    r.augment = m_augment->currentData().toInt();
    r.judgeEvery = m_judgeEvery->value();
    r.askWhereToSave = true;
    return r;
}

void TrainingPage::configure(
    const QString &dataset, int nFeat, int batch, qint64 steps, const QString &outPath)
{
    const qsizetype colon = dataset.indexOf(QLatin1Char(':'));
    if (colon > 0) {
        m_chosenPath = dataset.mid(colon + 1);
        m_dataset->setCurrentIndex(m_dataset->findData(dataset.left(colon)));
    } else {
        m_dataset->setCurrentIndex(std::max(0, m_dataset->findData(dataset)));
    }
    m_nFeat->setValue(nFeat);
    m_batch->setValue(batch);
    m_bySteps->setChecked(true);
    m_length->setValue(int(steps));
    m_out->setText(outPath);
}

QString TrainingPage::defaultOutPath()
{
    const QDir models(
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/models"));
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    return unusedPath(models.filePath(QStringLiteral("model-%1.ckpt").arg(stamp)));
}

QString TrainingPage::unusedPath(const QString &path)
{
    if (!QFileInfo::exists(path))
        return path;
    const QFileInfo file(path);
    const QString suffix = file.suffix().isEmpty() ? QString() : QLatin1Char('.') + file.suffix();
    const QString stem = file.dir().filePath(file.completeBaseName());
    QString free;
    for (int n = 2; free.isEmpty() || QFileInfo::exists(free); ++n)
        free = stem + QLatin1Char('-') + QString::number(n) + suffix;
    return free;
}

void TrainingPage::start()
{
    if (m_running)
        return;
    // A run never overwrites an earlier run's checkpoint: a name that is taken becomes a free one beside it,
    // and the run (its autosaves too) writes there. Only a run that continues a file writes back into it.
    const QString wanted = m_out->text().trimmed();
    const QString resume = m_resume->text().trimmed();
    const bool continuesIt
        = !resume.isEmpty() && QFileInfo(resume).absoluteFilePath() == QFileInfo(wanted).absoluteFilePath();
    m_keptEarlier.clear();
    if (!continuesIt && QFileInfo::exists(wanted)) {
        m_out->setText(unusedPath(wanted));
        m_keptEarlier = wanted;
    }
    const TrainRequest r = request();
    m_finishedPath.clear();
    if (r.nFeat % 8 != 0) {
        onFailed(tr("The width n_feat must be a multiple of 8, because GroupNorm uses 8 groups."));
        return;
    }
    QDir().mkpath(QFileInfo(r.outPath).absolutePath());
    m_steps.clear();
    m_losses.clear();
    m_smoothed.clear();
    m_lowestLoss = std::numeric_limits<double>::infinity();
    m_highestLoss = 0.0;
    m_quality.clear();
    for (int g = 0; g < m_lossPlot->graphCount(); ++g)
        m_lossPlot->graph(g)->data()->clear();
    m_error->clear();
    m_open->setEnabled(false);
    m_session->training()->setPaused(false); // a pause left over from an earlier run must not hold this one
    m_session->training()->startTraining(r);
    setRunning(true);
    m_status->setText(m_keptEarlier.isEmpty()
            ? tr("Starting…")
            : tr("Starting… %1 holds an earlier run, so this one is saved to %2.")
                  .arg(m_keptEarlier, r.outPath));
}

void TrainingPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_running || (!m_preview->images().isEmpty() && !m_showingData))
        return;
    if (m_session->dataset().count > 0) {
        showTrainingImages();
    } else if (!m_loadRequested) {
        m_loadRequested = true;
        m_session->data()->startLoadingDataset(QStringLiteral("emoji"));
    }
}

void TrainingPage::showTrainingImages()
{
    // A few images of every class, in turn: what a model trained here learns to make.
    const ImageSet &set = m_session->dataset();
    if (set.count == 0 || m_running || (!m_preview->images().isEmpty() && !m_showingData))
        return;
    const int classes = std::max(1, int(set.classNames.size()));
    const int count = std::min(set.count, classes * (classes > 5 ? 2 : 4));
    QVector<QVector<int>> byClass(classes);
    for (int i = 0; i < set.count; ++i)
        byClass[std::clamp(set.labels.value(i), 0, classes - 1)].push_back(i);
    ImageBatch batch {0, set.channels, set.height, set.width, {}};
    for (int k = 0; batch.n < count; ++k) {
        bool any = false;
        for (int c = 0; c < classes && batch.n < count; ++c) {
            if (k >= byClass[c].size())
                continue;
            any = true;
            const uchar *src = set.imageData(byClass[c][k]);
            for (qsizetype j = 0; j < set.imageBytes(); ++j)
                batch.values.push_back(float(src[j]) / 127.5f - 1.0f);
            ++batch.n;
        }
        if (!any)
            break;
    }
    m_showingData = true;
    m_preview->setImages(batch, classes);
    m_preview->setTitle(tr("training images of %1: what the model learns to make").arg(set.name));
    if (m_datasetInfo->text().isEmpty())
        showDatasetSummary({set.name, set.count, set.channels, set.height, set.width, set.classNames,
            set.classCounts(), false});
}

void TrainingPage::showDatasetSummary(const DatasetSummary &d)
{
    QStringList counts;
    for (int i = 0; i < d.classNames.size(); ++i)
        counts << QStringLiteral("%1 %2").arg(displayClassName(d.classNames[i])).arg(d.classCounts.value(i));
    m_datasetInfo->setText(tr("%1: %2 images of %3×%4×%5 (%6)")
                               .arg(d.name)
                               .arg(d.count)
                               .arg(d.channels)
                               .arg(d.height)
                               .arg(d.width)
                               .arg(counts.join(QStringLiteral(", "))));
}

void TrainingPage::togglePause()
{
    if (!m_running)
        return;
    m_paused = !m_paused;
    m_session->training()->setPaused(m_paused);
    m_pause->setText(m_paused ? tr("&Resume") : tr("&Pause"));
    // A paused run has no speed and no time left: only where it stands.
    if (m_paused)
        m_status->setText(tr("step %1 / %2   loss %3   paused")
                              .arg(m_lastProgress.step)
                              .arg(m_lastProgress.totalSteps)
                              .arg(m_lastProgress.loss, 0, 'f', 4));
    emit statusMessage(m_paused ? tr("Training paused.") : tr("Training resumed."));
}

void TrainingPage::cancel()
{
    if (!m_running)
        return;
    m_session->training()->setPaused(false);
    m_session->training()->cancel();
    m_status->setText(tr("Stopping after the current step…"));
}

void TrainingPage::setRunning(bool running)
{
    m_running = running;
    if (!running) {
        m_paused = false;
        m_pause->setText(tr("&Pause"));
    }
    m_start->setEnabled(!running);
    m_pause->setEnabled(running);
    m_cancel->setEnabled(running);
}

void TrainingPage::onProgress(const TrainProgress &p)
{
    m_lastProgress = p;
    addLossPoint(p);
    m_lossPlot->xAxis->setRange(0, std::max<double>(p.totalSteps, 1));
    m_lossPlot->replot(QCustomPlot::rpQueuedReplot);
    if (m_paused)
        return; // the step that was under way when the pause came
    m_status->setText(tr("step %1 / %2   loss %3   %4 steps/s   %5 left")
                          .arg(p.step)
                          .arg(p.totalSteps)
                          .arg(p.loss, 0, 'f', 4)
                          .arg(p.stepsPerSecond, 0, 'f', 2)
                          .arg(duration(p.secondsLeft)));
}

void TrainingPage::addLossPoint(const TrainProgress &p)
{
    m_steps << double(p.step);
    m_losses << p.loss;
    const double previous = m_smoothed.isEmpty() ? p.loss : m_smoothed.last();
    m_smoothed << 0.95 * previous + 0.05 * p.loss;
    m_lossPlot->graph(0)->addData(double(p.step), p.loss);
    m_lossPlot->graph(1)->addData(double(p.step), m_smoothed.last());
    m_lowestLoss = std::min(m_lowestLoss, p.loss);
    m_highestLoss = std::max(m_highestLoss, p.loss);
    m_lossPlot->yAxis->setRange(std::max(1e-3, m_lowestLoss * 0.8), std::max(1.0, m_highestLoss * 1.2));
}

void TrainingPage::onQuality(const TrainQuality &q)
{
    m_quality << QPointF(double(q.step), q.accuracy);
    m_lossPlot->graph(2)->addData(double(q.step), 100.0 * q.accuracy);
    m_lossPlot->replot(QCustomPlot::rpQueuedReplot);
    emit statusMessage(tr("Step %1: the judge recognises %2% of %3 preview samples as their class.")
                           .arg(q.step)
                           .arg(100.0 * q.accuracy, 0, 'f', 0)
                           .arg(q.samples));
}

void TrainingPage::onFinished(const TrainResult &r)
{
    setRunning(false);
    m_waitingForSave = false;
    closeSaveFailedBox();
    if (r.saveAbandoned)
        m_status->setText(
            tr("Stopped at step %1 without saving: the checkpoint could not be written.").arg(r.step));
    else if (!r.saved)
        m_status->setText(tr("Stopped before the first step; nothing was written."));
    else if (r.cancelled)
        m_status->setText(tr("Stopped at step %1 of %2; the checkpoint %3 was saved and can be resumed.")
                              .arg(r.step)
                              .arg(r.totalSteps)
                              .arg(r.checkpointPath));
    else
        m_status->setText(
            tr("Finished %1 steps; the checkpoint was saved to %2.").arg(r.step).arg(r.checkpointPath));
    if (r.saved && !m_keptEarlier.isEmpty())
        m_status->setText(m_status->text() + QLatin1Char(' ')
            + tr("The earlier run in %1 was left as it was.").arg(m_keptEarlier));
    m_finishedPath = r.saved ? r.checkpointPath : QString();
    m_open->setEnabled(r.saved);
    emit statusMessage(m_status->text());
}

void TrainingPage::onSaveFailed(const QString &path, const QString &message)
{
    m_waitingForSave = true;
    m_error->setText(message);
    m_status->setText(tr("Waiting: the checkpoint could not be written to %1. The model is kept in memory.")
                          .arg(QDir::toNativeSeparators(path)));
    emit statusMessage(message);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("The checkpoint could not be saved"),
        tr("%1\n\nThe training waits and keeps everything it has learned in memory. Save it to another file, "
           "on a disk with room, to go on; or stop the training without saving it.")
            .arg(message),
        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("training.saveFailed"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *elsewhere = box->addButton(tr("Save elsewhere…"), QMessageBox::AcceptRole);
    elsewhere->setObjectName(QStringLiteral("training.saveElsewhere"));
    box->addButton(tr("Stop without saving"), QMessageBox::DestructiveRole)
        ->setObjectName(QStringLiteral("training.stopUnsaved"));
    box->setDefaultButton(elsewhere);
    connect(box, &QMessageBox::buttonClicked, this, [this, elsewhere, path, message](QAbstractButton *b) {
        if (b != elsewhere) {
            m_waitingForSave = false;
            m_session->training()->abandonSave(); // the worker stops waiting and ends the run unsaved
            m_session->training()->cancel();
            return;
        }
        const QString chosen = askCheckpointPath(unusedPath(path));
        if (chosen.isEmpty())
            onSaveFailed(path, message); // still waiting: ask again
        else
            saveElsewhere(chosen);
    });
    box->open();
}

void TrainingPage::closeSaveFailedBox()
{
    if (auto *box = findChild<QMessageBox *>(QStringLiteral("training.saveFailed")))
        box->done(QDialog::Rejected); // a message box without an escape button ignores close()
}

QString TrainingPage::askCheckpointPath(const QString &start)
{
    const QString f
        = QFileDialog::getSaveFileName(this, tr("Save the checkpoint as"), start, tr("Checkpoints (*.ckpt)"));
    return f.isEmpty() ? QString() : withSuffix(f, QStringLiteral("ckpt"));
}

void TrainingPage::saveElsewhere(const QString &path)
{
    if (!m_waitingForSave)
        return;
    m_waitingForSave = false;
    closeSaveFailedBox();
    m_out->setText(path);
    m_error->clear();
    m_status->setText(tr("Saving to %1…").arg(QDir::toNativeSeparators(path)));
    m_session->training()->saveTrainingTo(path);
}

void TrainingPage::onFailed(const QString &message)
{
    setRunning(false);
    m_error->setText(message);
    m_status->setText(tr("Training stopped."));
    emit statusMessage(message);
}

QString TrainingPage::statusText() const
{
    return m_status->text();
}

QString TrainingPage::errorText() const
{
    return m_error->text();
}

} // namespace de
