#include "play_page.h"

#include "explorer_session.h"
#include "image_grid_view.h"
#include "paint_canvas.h"

#include "data/class_names.h"
#include "diffusion/schedule_table.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRandomGenerator>
#include <QShortcut>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace de {

PlayPage::PlayPage(ExplorerSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    buildUi();
    DiffusionWorker *worker = session->play()->worker();
    connect(worker, &DiffusionWorker::samplingStep, this, &PlayPage::onStep);
    connect(worker, &DiffusionWorker::samplingFinished, this, &PlayPage::onFinished);
    connect(worker, &DiffusionWorker::status, this, &PlayPage::statusMessage);
    connect(worker, &DiffusionWorker::failed, this, [this](const QString &message) {
        m_activeTag = m_walkTag = 0;
        updateButtons();
        emit statusMessage(message);
        QMessageBox::warning(this, tr("Play"), message);
    });
    connect(session, &ExplorerSession::checkpointChanged, this, &PlayPage::checkpointChanged);
    connect(session, &ExplorerSession::datasetChanged, this, &PlayPage::datasetChanged);
    connect(&m_animation, &QTimer::timeout, this, [this] {
        const int n = m_walkFrames.n;
        if (n < 2)
            return;
        if (m_animationFrame + m_animationDirection < 0 || m_animationFrame + m_animationDirection >= n)
            m_animationDirection = -m_animationDirection; // there and back
        m_animationFrame += m_animationDirection;
        ImageBatch one;
        one.n = 1;
        one.c = m_walkFrames.c;
        one.h = m_walkFrames.h;
        one.w = m_walkFrames.w;
        one.values = m_walkFrames.values.mid(m_animationFrame * one.imageSize(), one.imageSize());
        m_frameView->setImages(one, 1);
        m_frameView->setTitle(tr("Frame %1 of %2").arg(m_animationFrame + 1).arg(n));
        m_strip->setSelected(m_animationFrame);
    });
    m_animation.setInterval(150);
    checkpointChanged();
}

void PlayPage::fillSamplerBox(QComboBox *box, bool deterministicOnly)
{
    box->addItem(tr("DPM-Solver++ (fewest steps)"), int(SamplerKind::DpmSolver));
    box->addItem(tr("DDIM (few steps)"), int(SamplerKind::Ddim));
    if (!deterministicOnly)
        box->addItem(tr("DDPM (every timestep)"), int(SamplerKind::Ddpm));
    box->addItem(tr("UniPC (fewest steps, corrected)"), int(SamplerKind::UniPc)); // last: lessons use indexes
}

void PlayPage::buildUi()
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("play.tabs"));
    m_tabs->addTab(buildDrawTab(), tr("Draw and denoise"));
    m_tabs->addTab(buildWalkTab(), tr("Walk between noises"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    auto *run = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(run, &QShortcut::activated, this, [this] { m_tabs->currentIndex() == 0 ? this->run() : walk(); });
    auto *stop = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(stop, &QShortcut::activated, this, &PlayPage::cancel);
    updateButtons();
}

QWidget *PlayPage::buildDrawTab()
{
    auto *tab = new QWidget(this);
    m_canvas = new PaintCanvas(tab);
    m_canvas->setObjectName(QStringLiteral("play.canvas"));
    m_canvas->setToolTip(
        tr("Draw with the left button; the right button erases (white on the picture, unmarks "
           "on the mask). Every square is one pixel of what the model sees."));

    auto tool = [&](const QString &text, const QString &name, const QString &tip, PaintCanvas::Tool t) {
        auto *b = new QToolButton(tab);
        b->setText(text);
        b->setObjectName(name);
        b->setToolTip(tip);
        b->setCheckable(true);
        connect(b, &QToolButton::toggled, this, [this, t](bool on) {
            if (on)
                m_canvas->setTool(t);
        });
        return b;
    };
    m_pencil = tool(tr("Pencil"), QStringLiteral("play.pencil"), tr("Paint pixels (drag to draw)"),
        PaintCanvas::Tool::Pencil);
    m_fill = tool(tr("Fill"), QStringLiteral("play.fill"), tr("Flood-fill the area of one colour"),
        PaintCanvas::Tool::Fill);
    m_picker = tool(tr("Pick colour"), QStringLiteral("play.picker"), tr("Take the colour of a pixel"),
        PaintCanvas::Tool::Picker);
    auto *tools = new QButtonGroup(tab);
    for (QToolButton *b : {m_pencil, m_fill, m_picker})
        tools->addButton(b);
    m_pencil->setChecked(true);
    m_colorButton = new QToolButton(tab);
    m_colorButton->setObjectName(QStringLiteral("play.color"));
    m_colorButton->setToolTip(tr("The colour to paint with"));
    auto showColor = [this](const QColor &c) {
        QPixmap swatch(20, 20);
        swatch.fill(c);
        m_colorButton->setIcon(QIcon(swatch));
    };
    showColor(m_canvas->color());
    connect(m_colorButton, &QToolButton::clicked, this, [this, showColor] {
        const QColor c = QColorDialog::getColor(m_canvas->color(), this, tr("Paint colour"));
        if (c.isValid()) {
            m_canvas->setColor(c);
            showColor(c);
        }
    });
    connect(m_canvas, &PaintCanvas::colorPicked, this, [this, showColor](const QColor &c) {
        showColor(c);
        m_pencil->setChecked(true);
    });
    m_brush = new QSpinBox(tab);
    m_brush->setObjectName(QStringLiteral("play.brush"));
    m_brush->setRange(1, 4);
    m_brush->setSuffix(tr(" px"));
    m_brush->setToolTip(tr("Pencil size in model pixels"));
    connect(m_brush, &QSpinBox::valueChanged, m_canvas, &PaintCanvas::setBrushSize);
    m_layer = new QComboBox(tab);
    m_layer->setObjectName(QStringLiteral("play.layer"));
    m_layer->addItem(tr("Paint the picture"));
    m_layer->addItem(tr("Paint the mask (blue: repaint)"));
    m_layer->setToolTip(tr("The mask marks in blue the pixels the model repaints; the rest of the picture is "
                           "kept exactly (inpainting)."));
    connect(m_layer, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_canvas->setLayer(i == 0 ? PaintCanvas::Layer::Picture : PaintCanvas::Layer::Mask);
    });
    auto *toolRow = new QHBoxLayout;
    for (QWidget *w :
        std::initializer_list<QWidget *> {m_pencil, m_fill, m_picker, m_colorButton, m_brush, m_layer})
        toolRow->addWidget(w);
    toolRow->addStretch();

    auto *clear = new QPushButton(tr("Clear"), tab);
    clear->setObjectName(QStringLiteral("play.clear"));
    clear->setToolTip(tr("A white picture and an empty mask"));
    connect(clear, &QPushButton::clicked, this, [this] { m_canvas->reset(m_canvas->pictureSize()); });
    auto *clearMask = new QPushButton(tr("Clear the mask"), tab);
    clearMask->setObjectName(QStringLiteral("play.clearMask"));
    connect(clearMask, &QPushButton::clicked, m_canvas, &PaintCanvas::clearMask);
    auto *import = new QPushButton(tr("Import…"), tab);
    import->setObjectName(QStringLiteral("play.import"));
    import->setToolTip(tr("Open a PNG, JPEG or other picture; it is scaled to the model's size"));
    connect(import, &QPushButton::clicked, this, &PlayPage::importPicture);
    auto *fromData = new QPushButton(tr("From the data set"), tab);
    fromData->setObjectName(QStringLiteral("play.fromData"));
    fromData->setToolTip(tr("A random training image of the model's data set"));
    connect(fromData, &QPushButton::clicked, this, &PlayPage::pickFromDataset);
    auto *sourceRow = new QHBoxLayout;
    for (QWidget *w : std::initializer_list<QWidget *> {clear, clearMask, import, fromData})
        sourceRow->addWidget(w);
    sourceRow->addStretch();

    auto *left = new QVBoxLayout;
    left->addLayout(toolRow);
    left->addWidget(m_canvas, 1);
    left->addLayout(sourceRow);

    auto *settings = new QGroupBox(tr("Noise it to t and denoise"), tab);
    auto *form = new QFormLayout(settings);
    m_startT = new QSlider(Qt::Horizontal, settings);
    m_startT->setObjectName(QStringLiteral("play.startT"));
    m_startT->setRange(1, kDiffusionTimesteps);
    m_startT->setValue(250);
    m_startT->setToolTip(tr("How far to noise the picture before the model takes over: a small t keeps it "
                            "almost as drawn, a large t keeps only its rough colours, and T = 500 forgets "
                            "it (SDEdit)."));
    m_startLabel = new QLabel(settings);
    m_startLabel->setObjectName(QStringLiteral("play.startLabel"));
    connect(m_startT, &QSlider::valueChanged, this, &PlayPage::updateStartLabel);
    form->addRow(tr("Start at t:"), m_startT);
    form->addRow(QString(), m_startLabel);
    m_sampler = new QComboBox(settings);
    m_sampler->setObjectName(QStringLiteral("play.sampler"));
    fillSamplerBox(m_sampler, false);
    form->addRow(tr("Sampler:"), m_sampler);
    m_steps = new QSpinBox(settings);
    m_steps->setObjectName(QStringLiteral("play.steps"));
    m_steps->setRange(1, kDiffusionTimesteps);
    m_steps->setValue(20);
    m_steps->setToolTip(tr("Steps from t down to 0 (DDIM and DPM-Solver++; DDPM takes every one)"));
    form->addRow(tr("Steps:"), m_steps);
    m_count = new QSpinBox(settings);
    m_count->setObjectName(QStringLiteral("play.count"));
    m_count->setRange(1, 32);
    m_count->setValue(8);
    m_count->setToolTip(tr("How many versions to draw: each gets its own noise"));
    form->addRow(tr("Samples:"), m_count);
    m_seed = new QSpinBox(settings);
    m_seed->setObjectName(QStringLiteral("play.seed"));
    m_seed->setRange(0, 1 << 30);
    form->addRow(tr("Seed:"), m_seed);
    m_class = new QComboBox(settings);
    m_class->setObjectName(QStringLiteral("play.class"));
    m_class->setToolTip(tr("What the model is told the picture is; \"no class\" lets it decide"));
    form->addRow(tr("Class:"), m_class);
    m_guidance = new QDoubleSpinBox(settings);
    m_guidance->setObjectName(QStringLiteral("play.guidance"));
    m_guidance->setRange(0, 10);
    m_guidance->setSingleStep(0.5);
    m_guidance->setValue(2);
    m_guidance->setToolTip(tr("Classifier-free guidance w: how strongly the class steers"));
    form->addRow(tr("Guidance w:"), m_guidance);
    m_useMask = new QCheckBox(tr("Repaint only the blue part"), settings);
    m_useMask->setObjectName(QStringLiteral("play.useMask"));
    m_useMask->setToolTip(tr("Inpainting: at every step the unmarked pixels are replaced by the picture "
                             "noised to that step's t, and at the end they are the picture exactly."));
    form->addRow(QString(), m_useMask);
    connect(m_canvas, &PaintCanvas::changed, this, [this] {
        const bool hasMask = !m_canvas->maskIsEmpty();
        if (hasMask != m_useMask->isChecked())
            m_useMask->setChecked(hasMask);
    });
    m_run = new QPushButton(tr("Noise and denoise"), settings);
    m_run->setObjectName(QStringLiteral("play.run"));
    m_run->setToolTip(tr("Noise the picture to t and let the model denoise it (Ctrl+Enter)"));
    m_cancel = new QPushButton(tr("Cancel"), settings);
    m_cancel->setObjectName(QStringLiteral("play.cancel"));
    m_cancel->setToolTip(tr("Stop after the current step (Esc)"));
    connect(m_run, &QPushButton::clicked, this, &PlayPage::run);
    connect(m_cancel, &QPushButton::clicked, this, &PlayPage::cancel);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    form->addRow(buttons);

    m_explain = new QLabel(tab);
    m_explain->setWordWrap(true);
    m_explain->setText(tr("Draw something (or import a picture), choose how much noise to add, and the model "
                          "turns it into something it knows. Paint a mask to repaint only part of it."));
    m_noised = new ImageGridView(tab);
    m_noised->setObjectName(QStringLiteral("play.noised"));
    m_noised->setTitle(tr("Noised to t: the start"));
    m_resultsView = new ImageGridView(tab);
    m_resultsView->setObjectName(QStringLiteral("play.results"));
    m_resultsView->setTitle(tr("Denoised by the model"));
    m_resultsView->setFitColumns(true);

    auto *right = new QVBoxLayout;
    right->addWidget(settings);
    right->addWidget(m_explain);
    auto *views = new QHBoxLayout;
    views->addWidget(m_noised, 1);
    views->addWidget(m_resultsView, 2);
    right->addLayout(views, 1);

    auto *layout = new QHBoxLayout(tab);
    layout->addLayout(left, 2);
    layout->addLayout(right, 3);
    return tab;
}

QWidget *PlayPage::buildWalkTab()
{
    auto *tab = new QWidget(this);
    auto *settings = new QGroupBox(tr("From one noise to another"), tab);
    auto *form = new QFormLayout(settings);
    auto seedBox = [&](const QString &name, int value) {
        auto *s = new QSpinBox(settings);
        s->setObjectName(name);
        s->setRange(0, 1 << 30);
        s->setValue(value);
        s->setToolTip(
            tr("The seed whose initial noise this end of the walk starts from: its frame is exactly "
               "the sample this seed gives on the Denoising page with one sample"));
        return s;
    };
    m_seedA = seedBox(QStringLiteral("play.seedA"), 1);
    m_seedB = seedBox(QStringLiteral("play.seedB"), 2);
    form->addRow(tr("Seed A:"), m_seedA);
    form->addRow(tr("Seed B:"), m_seedB);
    m_classA = new QComboBox(settings);
    m_classA->setObjectName(QStringLiteral("play.classA"));
    m_classB = new QComboBox(settings);
    m_classB->setObjectName(QStringLiteral("play.classB"));
    m_classB->setToolTip(tr("A different class here also walks the context, in a straight line"));
    form->addRow(tr("Class at A:"), m_classA);
    form->addRow(tr("Class at B:"), m_classB);
    m_frames = new QSpinBox(settings);
    m_frames->setObjectName(QStringLiteral("play.frames"));
    m_frames->setRange(2, 64);
    m_frames->setValue(10);
    form->addRow(tr("Frames:"), m_frames);
    m_walkSampler = new QComboBox(settings);
    m_walkSampler->setObjectName(QStringLiteral("play.walkSampler"));
    fillSamplerBox(m_walkSampler, true);
    m_walkSampler->setToolTip(
        tr("Only samplers that add no noise of their own, so that each frame depends on "
           "its starting noise alone"));
    form->addRow(tr("Sampler:"), m_walkSampler);
    m_walkSteps = new QSpinBox(settings);
    m_walkSteps->setObjectName(QStringLiteral("play.walkSteps"));
    m_walkSteps->setRange(1, kDiffusionTimesteps);
    m_walkSteps->setValue(12);
    form->addRow(tr("Steps:"), m_walkSteps);
    m_walkGuidance = new QDoubleSpinBox(settings);
    m_walkGuidance->setObjectName(QStringLiteral("play.walkGuidance"));
    m_walkGuidance->setRange(0, 10);
    m_walkGuidance->setSingleStep(0.5);
    m_walkGuidance->setValue(2);
    form->addRow(tr("Guidance w:"), m_walkGuidance);
    m_walk = new QPushButton(tr("Walk"), settings);
    m_walk->setObjectName(QStringLiteral("play.walk"));
    m_walk->setToolTip(tr("Sample one image per frame along the path (Ctrl+Enter)"));
    m_walkCancel = new QPushButton(tr("Cancel"), settings);
    m_walkCancel->setObjectName(QStringLiteral("play.walkCancel"));
    connect(m_walk, &QPushButton::clicked, this, &PlayPage::walk);
    connect(m_walkCancel, &QPushButton::clicked, this, &PlayPage::cancel);
    m_animate = new QPushButton(tr("Play"), settings);
    m_animate->setObjectName(QStringLiteral("play.animate"));
    m_animate->setCheckable(true);
    m_animate->setToolTip(tr("Play the walk there and back"));
    connect(m_animate, &QPushButton::clicked, this, &PlayPage::toggleAnimation);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_walk);
    buttons->addWidget(m_walkCancel);
    buttons->addWidget(m_animate);
    form->addRow(buttons);
    m_walkExplain = new QLabel(tab);
    m_walkExplain->setWordWrap(true);
    m_walkExplain->setText(tr(
        "Every sample starts from a field of noise. Here the noise moves along the great circle from seed "
        "A's "
        "to seed B's (spherical interpolation keeps it as strong as real noise all the way; a straight line "
        "would fade it in the middle), and each frame is denoised the same deterministic way: nearby "
        "noises give similar pictures, and the model's idea of the class changes smoothly or suddenly."));

    m_strip = new ImageGridView(tab);
    m_strip->setObjectName(QStringLiteral("play.strip"));
    m_strip->setTitle(tr("The walk, A to B"));
    m_frameView = new ImageGridView(tab);
    m_frameView->setObjectName(QStringLiteral("play.frame"));
    connect(m_strip, &ImageGridView::imageClicked, this, [this](int index) {
        m_animationFrame = index - m_animationDirection;
        if (!m_animation.isActive())
            emit m_animation.timeout({});
    });

    m_walkProblem = new QLabel(tab);
    m_walkProblem->setObjectName(QStringLiteral("play.walkProblem"));
    m_walkProblem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_walkProblem->hide();
    auto *left = new QVBoxLayout;
    left->addWidget(settings);
    left->addWidget(m_walkProblem);
    left->addWidget(m_walkExplain);
    left->addStretch();
    auto *right = new QVBoxLayout;
    right->addWidget(m_strip, 1);
    right->addWidget(m_frameView, 2);
    auto *layout = new QHBoxLayout(tab);
    layout->addLayout(left, 1);
    layout->addLayout(right, 2);
    return tab;
}

void PlayPage::checkpointChanged()
{
    m_animation.stop();
    m_animate->setChecked(false);
    m_results = m_walkFrames = {};
    for (ImageGridView *v : {m_noised, m_resultsView, m_strip, m_frameView})
        v->setImages({});
    if (!m_session->hasCheckpoint()) {
        updateButtons();
        return;
    }
    const CheckpointInfo &info = m_session->checkpointInfo();
    if (m_canvas->pictureSize() != info.config.height)
        m_canvas->reset(info.config.height);
    const QStringList names = info.classNames;
    for (QComboBox *box : {m_class, m_classA, m_classB}) {
        const int previous = box->currentIndex();
        box->clear();
        box->addItem(tr("No class"), -1);
        for (int k = 0; k < info.config.nCFeat; ++k)
            box->addItem(k < names.size() ? displayClassName(names[k]) : tr("class %1").arg(k), k);
        box->setCurrentIndex(
            previous > 0 && previous < box->count() ? previous : std::min(1, box->count() - 1));
    }
    if (m_classB->count() > 2 && m_classB->currentIndex() == m_classA->currentIndex())
        m_classB->setCurrentIndex(2);
    updateStartLabel();
    updateButtons();
}

void PlayPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_visited || !m_session->hasCheckpoint())
        return;
    m_visited = true;
    m_runWhenPicked = true;
    pickFromDataset();
}

void PlayPage::datasetChanged()
{
    if (m_pickWhenLoaded) {
        m_pickWhenLoaded = false;
        pickFromDataset();
    }
}

void PlayPage::updateStartLabel()
{
    const ScheduleTable table = ScheduleTable::of(
        m_session->hasCheckpoint() ? m_session->checkpointInfo().config.schedule : ScheduleKind::Linear);
    const int t = m_startT->value();
    const double ab = table.alphaBar.value(t);
    m_startLabel->setText(tr("t = %1: %2% picture, %3% noise (√ᾱ = %4, √(1−ᾱ) = %5)")
                              .arg(t)
                              .arg(std::lround(100 * std::sqrt(ab) / (std::sqrt(ab) + std::sqrt(1 - ab))))
                              .arg(std::lround(100 * std::sqrt(1 - ab) / (std::sqrt(ab) + std::sqrt(1 - ab))))
                              .arg(std::sqrt(ab), 0, 'f', 2)
                              .arg(std::sqrt(1 - ab), 0, 'f', 2));
}

void PlayPage::updateButtons()
{
    const bool busy = m_activeTag != 0 || m_walkTag != 0;
    const bool has = m_session->hasCheckpoint();
    m_run->setEnabled(has && !busy);
    m_walk->setEnabled(has && !busy);
    m_cancel->setEnabled(busy);
    m_walkCancel->setEnabled(busy);
    m_animate->setEnabled(m_walkFrames.n >= 2);
}

QVector<float> PlayPage::oneHot(int cls) const
{
    if (cls < 0)
        return {};
    QVector<float> v(m_session->checkpointInfo().config.nCFeat, 0.0f);
    v[cls] = 1.0f;
    return v;
}

void PlayPage::run()
{
    if (!m_session->hasCheckpoint() || m_activeTag != 0 || m_walkTag != 0)
        return;
    const ModelConfig &config = m_session->checkpointInfo().config;
    SampleRequest r;
    r.checkpointPath = m_session->checkpointPath();
    r.kind = SamplerKind(m_sampler->currentData().toInt());
    r.ddimSteps = m_steps->value();
    r.count = m_count->value();
    r.seed = quint64(m_seed->value());
    r.useGuidance = m_class->currentData().toInt() >= 0;
    r.guidance = m_guidance->value();
    const QVector<float> one = oneHot(m_class->currentData().toInt());
    for (int i = 0; i < r.count && !one.isEmpty(); ++i)
        r.context += one;
    r.init = ImageBatch::fromImage(m_canvas->picture(), config.inChannels, config.height);
    r.startT = m_startT->value();
    if (m_useMask->isChecked() && !m_canvas->maskIsEmpty())
        r.mask = ImageBatch::maskFromImage(m_canvas->mask(), config.height);
    r.tag = m_activeTag = m_nextTag++;
    m_resultsView->setImages({});
    m_noised->setImages({});
    updateButtons();
    emit statusMessage(r.mask.isEmpty() ? tr("Noising the picture to t = %1 and denoising it…").arg(r.startT)
                                        : tr("Repainting the blue part…"));
    m_session->play()->startSampling(r);
}

void PlayPage::walk()
{
    if (!m_session->hasCheckpoint() || m_activeTag != 0 || m_walkTag != 0)
        return;
    if (m_seedA->value() == m_seedB->value()) {
        m_walkProblem->setText(tr("Choose two different seeds to walk between."));
        m_walkProblem->show();
        return;
    }
    m_walkProblem->hide();
    SampleRequest r;
    r.checkpointPath = m_session->checkpointPath();
    r.kind = SamplerKind(m_walkSampler->currentData().toInt());
    r.ddimSteps = m_walkSteps->value();
    r.seed = quint64(m_seedA->value());
    r.seedB = quint64(m_seedB->value());
    r.frames = m_frames->value();
    r.reportSteps = false;
    const int a = m_classA->currentData().toInt(), b = m_classB->currentData().toInt();
    r.useGuidance = a >= 0 || b >= 0;
    r.guidance = m_walkGuidance->value();
    r.context = oneHot(a);
    if (b != a) {
        r.contextB = oneHot(b);
        if (r.contextB.isEmpty())
            r.contextB.fill(0.0f, m_session->checkpointInfo().config.nCFeat);
    }
    r.tag = m_walkTag = m_nextTag++;
    m_animation.stop();
    m_animate->setChecked(false);
    updateButtons();
    m_session->play()->startSampling(r);
}

void PlayPage::cancel()
{
    if (m_activeTag != 0 || m_walkTag != 0)
        m_session->play()->cancel();
}

void PlayPage::onStep(const SampleStep &step)
{
    if (step.tag == m_activeTag && step.index == 0)
        m_noised->setImages(step.x, std::min(step.x.n, 4));
}

void PlayPage::onFinished(const SampleResult &result)
{
    if (result.tag == m_activeTag && m_activeTag != 0) {
        m_activeTag = 0;
        if (!result.cancelled) {
            m_results = result.images;
            m_resultsView->setImages(m_results);
        }
        emit statusMessage(result.cancelled ? tr("Stopped.") : tr("Done: %1 samples.").arg(result.images.n));
    } else if (result.tag == m_walkTag && m_walkTag != 0) {
        m_walkTag = 0;
        if (!result.cancelled) {
            m_walkFrames = result.images;
            m_strip->setImages(m_walkFrames, m_walkFrames.n);
            QStringList captions;
            for (int i = 0; i < m_walkFrames.n; ++i)
                captions << (i == 0 ? tr("A") : i == m_walkFrames.n - 1 ? tr("B") : QString::number(i + 1));
            m_strip->setCaptions(captions);
            m_animationFrame = -1;
            m_animationDirection = 1;
            emit m_animation.timeout({});
            m_animate->setChecked(true);
            toggleAnimation();
        }
        emit statusMessage(
            result.cancelled ? tr("Stopped.") : tr("Done: a walk of %1 frames.").arg(result.images.n));
    }
    updateButtons();
}

void PlayPage::toggleAnimation()
{
    if (m_animate->isChecked() && m_walkFrames.n >= 2)
        m_animation.start();
    else
        m_animation.stop();
    m_animate->setText(m_animation.isActive() ? tr("Pause") : tr("Play"));
}

void PlayPage::importPicture()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import a picture"), QString(), tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)"));
    if (!path.isEmpty())
        importPictureFrom(path);
}

bool PlayPage::importPictureFrom(const QString &path)
{
    QImageReader reader(path);
    const QImage image = reader.read();
    if (image.isNull()) {
        QMessageBox::warning(
            this, tr("Import a picture"), tr("Cannot read %1: %2.").arg(path, reader.errorString()));
        return false;
    }
    m_tabs->setCurrentIndex(0); // the Draw and denoise tab, where the canvas is
    m_canvas->setPicture(image);
    if (image.size() != QSize(m_canvas->pictureSize(), m_canvas->pictureSize()))
        emit statusMessage(tr("The picture is %1×%2; scaled to the model's %3×%3.")
                               .arg(image.width())
                               .arg(image.height())
                               .arg(m_canvas->pictureSize()));
    return true;
}

void PlayPage::pickFromDataset()
{
    if (!m_session->hasCheckpoint())
        return;
    const CheckpointInfo &info = m_session->checkpointInfo();
    const ImageSet &set = m_session->dataset();
    if (set.count == 0 || set.name != info.dataset || set.height != info.config.height) {
        if (info.dataset.isEmpty()) {
            emit statusMessage(tr("This model does not say which data set it learned from."));
            return;
        }
        m_pickWhenLoaded = true;
        emit statusMessage(tr("Loading %1…").arg(info.dataset));
        m_session->data()->startLoadingDataset(info.dataset);
        return;
    }
    const int index = int(QRandomGenerator::global()->bounded(set.count));
    QImage image(set.width, set.height, QImage::Format_RGB32);
    const uchar *pixels = set.imageData(index);
    const qsizetype plane = qsizetype(set.height) * set.width;
    for (int y = 0; y < set.height; ++y)
        for (int x = 0; x < set.width; ++x) {
            const qsizetype at = qsizetype(y) * set.width + x;
            const int r = pixels[at];
            const int g = set.channels >= 3 ? pixels[plane + at] : r;
            const int b = set.channels >= 3 ? pixels[2 * plane + at] : r;
            image.setPixel(x, y, qRgb(r, g, b));
        }
    m_canvas->setPicture(image);
    const int label = set.labels.value(index);
    const int item = m_class->findData(label);
    if (item >= 0)
        m_class->setCurrentIndex(item);
    emit statusMessage(tr("Image %1 of %2 (%3).").arg(index + 1).arg(set.name, m_class->currentText()));
    if (m_runWhenPicked) {
        m_runWhenPicked = false;
        run();
    }
}

} // namespace de
