#include "denoising_page.h"

#include "branch_dialog.h"
#include "context_controls.h"
#include "diffusion/schedule_table.h"
#include "explorer_session.h"
#include "files/gif_writer.h"
#include "files/png_writer.h"
#include "image_grid_view.h"
#include "plot_legend.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>

namespace de {

namespace {

// The side panel as wide as its widest control needs: nothing in it cut off, no sideways scrolling.
void fitWidthToContents(QScrollArea *scroll)
{
    const int needed = scroll->widget()->minimumSizeHint().width()
        + scroll->verticalScrollBar()->sizeHint().width() + 2 * scroll->frameWidth();
    scroll->setMinimumWidth(std::max(300, needed));
    scroll->setMaximumWidth(std::max(380, needed));
}

double standardDeviation(const ImageBatch &b)
{
    if (b.values.isEmpty())
        return std::nan("");
    double sum = 0, sq = 0;
    for (float v : b.values) {
        sum += v;
        sq += double(v) * v;
    }
    const double n = double(b.values.size()), mean = sum / n;
    return std::sqrt(std::max(sq / n - mean * mean, 0.0));
}

ImageBatch single(const ImageBatch &b, int index)
{
    if (index < 0 || index >= b.n)
        return {};
    ImageBatch one {1, b.c, b.h, b.w, b.values.mid(index * b.imageSize(), b.imageSize())};
    return one;
}

} // namespace

DenoisingPage::DenoisingPage(ExplorerSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    buildUi();
    DiffusionWorker *worker = session->sampling()->worker();
    connect(worker, &DiffusionWorker::samplingStep, this, &DenoisingPage::onStep);
    connect(worker, &DiffusionWorker::samplingFinished, this, &DenoisingPage::onFinished);
    connect(worker, &DiffusionWorker::failed, this, [this](const QString &message) {
        if (!isRunning())
            return;
        m_activeTag = m_compareTag = m_branchTag = 0;
        m_generate->setEnabled(true);
        m_cancel->setEnabled(false);
        emit statusMessage(tr("Sampling failed: %1").arg(message));
    });
    connect(session, &ExplorerSession::checkpointChanged, this, &DenoisingPage::checkpointChanged);
    m_play.setInterval(80);
    connect(&m_play, &QTimer::timeout, this, [this] {
        if (m_current + 1 >= m_frames.size())
            m_play.stop();
        else
            setCurrentFrame(m_current + 1);
    });
    m_previewDelay.setSingleShot(true);
    m_previewDelay.setInterval(150);
    connect(&m_previewDelay, &QTimer::timeout, this, &DenoisingPage::preview);
    checkpointChanged();
}

void DenoisingPage::buildUi()
{
    m_modelLabel = new QLabel(this);
    m_modelLabel->setObjectName(QStringLiteral("modelLabel"));
    m_modelLabel->setWordWrap(true);
    m_sampler = new QComboBox(this);
    m_sampler->setObjectName(QStringLiteral("denoising.sampler"));
    m_sampler->addItem(tr("DDIM (few steps)"), int(SamplerKind::Ddim));
    m_sampler->addItem(tr("DDPM (all 500 steps)"), int(SamplerKind::Ddpm));
    m_sampler->addItem(tr("DPM-Solver++ (fewest steps)"), int(SamplerKind::DpmSolver));
    m_sampler->addItem(tr("UniPC (fewest steps, corrected)"), int(SamplerKind::UniPc));
    m_sampler->setToolTip(
        tr("DDPM removes a little noise at each of the 500 timesteps and adds some fresh noise back. DDIM "
           "jumps through a few timesteps deterministically: much faster. DPM-Solver++ solves the same "
           "equation as DDIM to second order: as good in fewer steps (try 12). UniPC also corrects each step "
           "with the prediction the next step makes anyway: more accurate, at no extra cost."));
    m_steps = new QSpinBox(this);
    m_steps->setObjectName(QStringLiteral("denoising.steps"));
    m_steps->setRange(1, 500);
    m_steps->setValue(25);
    m_steps->setToolTip(
        tr("How many timesteps the sampler visits from pure noise (t = 500) to the image (t = 0)"));
    m_eta = new QDoubleSpinBox(this);
    m_eta->setObjectName(QStringLiteral("denoising.eta"));
    m_eta->setRange(0.0, 1.0);
    m_eta->setSingleStep(0.1);
    m_eta->setToolTip(tr("DDIM's eta: 0 is deterministic; 1 adds as much fresh noise per step as DDPM"));
    m_count = new QSpinBox(this);
    m_count->setObjectName(QStringLiteral("denoising.count"));
    m_count->setRange(1, 64);
    m_count->setValue(20);
    m_count->setToolTip(tr("Number of samples in the grid"));
    m_seed = new QSpinBox(this);
    m_seed->setObjectName(QStringLiteral("denoising.seed"));
    m_seed->setRange(0, 999999);
    m_seed->setToolTip(
        tr("The seed fixes the starting noise and the sampler's noise: same seed, same pictures"));
    m_guidance = new QDoubleSpinBox(this);
    m_guidance->setObjectName(QStringLiteral("denoising.guidance"));
    m_guidance->setRange(0.0, 8.0);
    m_guidance->setSingleStep(0.5);
    m_guidance->setToolTip(
        tr("Classifier-free guidance w: eps = (1+w)·eps(x, t, context) - w·eps(x, t, none). "
           "Larger w follows the context more strongly, at the cost of variety."));
    m_noNoise = new QCheckBox(tr("The course's \"incorrect\" sampler"), this);
    m_noNoise->setObjectName(QStringLiteral("denoising.noNoise"));
    m_noNoise->setToolTip(
        tr("DDPM without the fresh noise added at each step: the samples collapse to blurry "
           "averages, which shows why the noise matters"));
    m_generate = new QPushButton(tr("&Generate"), this);
    m_generate->setObjectName(QStringLiteral("denoising.generate"));
    m_generate->setToolTip(tr("Run the sampler and stream every step (Ctrl+G)"));
    m_generate->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("denoising.cancel"));
    m_cancel->setEnabled(false);
    m_cancel->setToolTip(tr("Stop the sampler after its current step (Esc)"));

    auto *samplerBox = new QGroupBox(tr("Sampler"), this);
    auto *form = new QFormLayout(samplerBox);
    form->addRow(m_modelLabel);
    form->addRow(tr("Sampler"), m_sampler);
    form->addRow(tr("Steps"), m_steps);
    form->addRow(tr("eta"), m_eta);
    form->addRow(tr("Samples"), m_count);
    form->addRow(tr("Seed"), m_seed);
    form->addRow(tr("Guidance w"), m_guidance);
    form->addRow(m_noNoise);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_generate);
    buttons->addWidget(m_cancel);
    form->addRow(buttons);

    m_context = new ContextControls(this);
    m_context->setObjectName(QStringLiteral("denoising.context"));
    auto *contextBox = new QGroupBox(tr("Context"), this);
    (new QVBoxLayout(contextBox))->addWidget(m_context);

    m_compare = new QCheckBox(tr("Compare with a second run"), this);
    m_compare->setObjectName(QStringLiteral("denoising.compare"));
    m_compare->setToolTip(
        tr("Sample the same seed a second time with another guidance weight or context, and show "
           "both side by side"));
    m_compareWhat = new QComboBox(this);
    m_compareWhat->setObjectName(QStringLiteral("denoising.compareWhat"));
    m_compareWhat->addItem(tr("B uses guidance w ="));
    m_compareWhat->addItem(tr("B uses the context"));
    m_guidanceB = new QDoubleSpinBox(this);
    m_guidanceB->setObjectName(QStringLiteral("denoising.guidanceB"));
    m_guidanceB->setRange(0.0, 8.0);
    m_guidanceB->setValue(3.0);
    m_contextB = new QComboBox(this);
    m_contextB->setObjectName(QStringLiteral("denoising.contextB"));
    auto *compareBox = new QGroupBox(tr("Comparison"), this);
    auto *compareLayout = new QFormLayout(compareBox);
    compareLayout->setRowWrapPolicy(QFormLayout::WrapLongRows); // never a clipped combo box
    compareLayout->addRow(m_compare);
    compareLayout->addRow(m_compareWhat, m_guidanceB);
    compareLayout->addRow(tr("Context B"), m_contextB);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(samplerBox);
    leftLayout->addWidget(contextBox);
    leftLayout->addWidget(compareBox);
    leftLayout->addStretch(1);
    // The second context is named in full in its list and tooltip; the box itself may cut it short.
    m_contextB->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_contextB->setMinimumContentsLength(10);
    connect(m_contextB, &QComboBox::currentTextChanged, m_contextB, &QComboBox::setToolTip);
    m_controls = new QScrollArea(this);
    m_controls->setObjectName(QStringLiteral("denoising.controls"));
    m_controls->setWidget(left);
    m_controls->setWidgetResizable(true);
    fitWidthToContents(m_controls);
    left->installEventFilter(this); // its minimum width changes with the text size

    // Frames.
    const auto frameView = [this](const char *name, const QString &title) {
        auto *view = new ImageGridView(this);
        view->setObjectName(QLatin1String(name));
        view->setTitle(title);
        return view;
    };
    m_xt = frameView("denoising.xt", tr("x_t: the sample at this step"));
    m_eps = frameView("denoising.eps", tr("predicted noise"));
    m_x0 = frameView("denoising.x0", tr("predicted clean image x0"));
    m_xtB = frameView("denoising.xtB", tr("B: x_t"));
    m_xtB->hide();
    for (ImageGridView *v : {m_xt, m_eps, m_x0, m_xtB}) {
        v->setToolTip(tr("Click a sample to enlarge it"));
        v->setFitColumns(true); // as large as the room allows; classes as columns or as rows
        v->setMinimumScale(2);
    }
    m_bigXt = frameView("denoising.bigXt", tr("x_t"));
    m_bigEps = frameView("denoising.bigEps", tr("noise"));
    m_bigX0 = frameView("denoising.bigX0", tr("x0"));
    for (ImageGridView *noise : {m_eps, m_bigEps})
        noise->setNormalizeEach(true);
    auto *big = new QWidget(this);
    auto *bigLayout = new QVBoxLayout(big);
    bigLayout->setContentsMargins(0, 0, 0, 0);
    bigLayout->addWidget(m_bigXt);
    bigLayout->addWidget(m_bigEps);
    bigLayout->addWidget(m_bigX0);
    big->setMaximumWidth(200);

    auto *grids = new QHBoxLayout;
    grids->addWidget(m_xt, 1);
    grids->addWidget(m_eps, 1);
    grids->addWidget(m_x0, 1);
    grids->addWidget(m_xtB, 1);
    grids->addWidget(big);

    // Timeline.
    m_playButton = new QToolButton(this);
    m_playButton->setObjectName(QStringLiteral("denoising.playButton"));
    m_playButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_playButton->setToolTip(tr("Play the denoising from noise to image (Space)"));
    auto *back = new QToolButton(this);
    back->setObjectName(QStringLiteral("denoising.back"));
    back->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));
    back->setToolTip(tr("Previous step (Left arrow)"));
    auto *first = new QToolButton(this);
    first->setObjectName(QStringLiteral("denoising.first"));
    first->setIcon(style()->standardIcon(QStyle::SP_MediaSkipBackward));
    first->setToolTip(tr("The first step: pure noise (Home)"));
    auto *last = new QToolButton(this);
    last->setObjectName(QStringLiteral("denoising.last"));
    last->setIcon(style()->standardIcon(QStyle::SP_MediaSkipForward));
    last->setToolTip(tr("The last step: the finished images (End)"));
    auto *forward = new QToolButton(this);
    forward->setObjectName(QStringLiteral("denoising.forward"));
    forward->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
    forward->setToolTip(tr("Next step (Right arrow)"));
    m_timeline = new QSlider(Qt::Horizontal, this);
    m_timeline->setObjectName(QStringLiteral("denoising.timeline"));
    m_timeline->setToolTip(tr("Move through every step of the last run"));
    m_stepLabel = new QLabel(this);
    m_stepLabel->setObjectName(QStringLiteral("denoising.stepLabel"));
    m_stepLabel->setMinimumWidth(150);
    m_speed = new QDoubleSpinBox(this);
    m_speed->setObjectName(QStringLiteral("denoising.speed"));
    m_speed->setRange(1, 100);
    m_speed->setValue(12);
    m_speed->setSuffix(tr(" steps/s"));
    m_speed->setToolTip(tr("Playback speed"));
    m_branch = new QPushButton(tr("Branch here"), this);
    m_branch->setObjectName(QStringLiteral("denoising.branch"));
    m_branch->setToolTip(
        tr("Paths not taken: run the selected sample again from the step shown, four times "
           "with fresh noise. Early branches end as different pictures, late ones differ only "
           "in details: you see when the picture is decided. Needs DDPM or DDIM with eta > 0 "
           "(B)."));
    connect(m_branch, &QPushButton::clicked, this, &DenoisingPage::branch);
    auto *timeline = new QHBoxLayout;
    timeline->addWidget(first);
    timeline->addWidget(back);
    timeline->addWidget(m_playButton);
    timeline->addWidget(forward);
    timeline->addWidget(last);
    timeline->addWidget(m_timeline, 1);
    timeline->addWidget(m_stepLabel);
    timeline->addWidget(m_speed);
    timeline->addWidget(m_branch);
    m_explain = new QLabel(this);
    m_explain->setObjectName(QStringLiteral("denoising.explain"));
    m_explain->setWordWrap(true);

    // Plots.
    m_schedulePlot = new QCustomPlot(this);
    m_schedulePlot->setObjectName(QStringLiteral("denoising.schedulePlot"));
    m_schedulePlot->setMinimumHeight(160);
    const ScheduleTable table = ScheduleTable::linear(); // the axes; plotSchedule draws the model's
    putLegendAbove(m_schedulePlot);
    m_schedulePlot->addGraph();
    m_schedulePlot->graph(0)->setPen(QPen(QColor(30, 120, 220), 2));
    m_schedulePlot->addGraph();
    m_schedulePlot->graph(1)->setName(tr("beta_t × 50 (noise added per step)"));
    m_schedulePlot->graph(1)->setPen(QPen(QColor(220, 90, 40), 2));
    m_schedulePlot->addGraph(m_schedulePlot->xAxis, m_schedulePlot->yAxis2);
    m_schedulePlot->graph(2)->setName(tr("signal-to-noise (right, log)"));
    m_schedulePlot->graph(2)->setPen(QPen(QColor(90, 160, 60), 2, Qt::DashLine));
    m_schedulePlot->yAxis2->setVisible(true);
    m_schedulePlot->yAxis2->setScaleType(QCPAxis::stLogarithmic);
    m_schedulePlot->yAxis2->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    m_schedulePlot->xAxis->setLabel(tr("timestep t"));
    m_schedulePlot->xAxis->setRange(0, table.timesteps);
    m_schedulePlot->yAxis->setRange(0, 1.05);
    m_schedulePlot->yAxis2->setRange(1e-3, 1e4);
    m_scheduleCursor = new QCPItemStraightLine(m_schedulePlot);
    m_scheduleCursor->setPen(QPen(QColor(255, 140, 0), 2));

    m_stdPlot = new QCustomPlot(this);
    m_stdPlot->setObjectName(QStringLiteral("denoising.stdPlot"));
    m_stdPlot->setMinimumHeight(160);
    putLegendAbove(m_stdPlot);
    m_stdPlot->addGraph();
    m_stdPlot->graph(0)->setName(tr("std of x_t"));
    m_stdPlot->graph(0)->setPen(QPen(QColor(30, 120, 220), 2));
    m_stdPlot->addGraph();
    m_stdPlot->graph(1)->setName(tr("std of predicted x0"));
    m_stdPlot->graph(1)->setPen(QPen(QColor(220, 90, 40), 2));
    m_stdPlot->xAxis->setLabel(tr("timestep t"));
    m_stdPlot->xAxis->setRangeReversed(true);
    m_stdPlot->xAxis->setRange(0, table.timesteps);
    m_stdCursor = new QCPItemStraightLine(m_stdPlot);
    m_stdCursor->setPen(QPen(QColor(255, 140, 0), 2));
    auto *plots = new QHBoxLayout;
    plots->addWidget(m_schedulePlot);
    plots->addWidget(m_stdPlot);

    auto *right = new QVBoxLayout;
    right->addLayout(grids, 3);
    right->addLayout(timeline);
    right->addWidget(m_explain);
    right->addLayout(plots, 2);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_controls);
    layout->addLayout(right, 1);

    connect(m_generate, &QPushButton::clicked, this, &DenoisingPage::generate);
    connect(m_cancel, &QPushButton::clicked, this, &DenoisingPage::cancel);
    connect(m_timeline, &QSlider::valueChanged, this, &DenoisingPage::setCurrentFrame);
    connect(m_playButton, &QToolButton::clicked, this, &DenoisingPage::togglePlay);
    connect(back, &QToolButton::clicked, this, &DenoisingPage::stepBack);
    connect(forward, &QToolButton::clicked, this, &DenoisingPage::stepForward);
    connect(first, &QToolButton::clicked, this, &DenoisingPage::goToStart);
    connect(last, &QToolButton::clicked, this, &DenoisingPage::goToEnd);
    connect(m_speed, &QDoubleSpinBox::valueChanged, this,
        [this](double v) { m_play.setInterval(int(1000.0 / v)); });
    for (ImageGridView *v : {m_xt, m_eps, m_x0, m_xtB})
        connect(v, &ImageGridView::imageClicked, this, [this](int index) {
            for (ImageGridView *g : {m_xt, m_eps, m_x0, m_xtB})
                g->setSelected(index);
            showEnlarged();
        });
    connect(m_sampler, &QComboBox::currentIndexChanged, this, [this] {
        const SamplerKind kind = SamplerKind(m_sampler->currentData().toInt());
        m_steps->setEnabled(takesSteps(kind));
        m_eta->setEnabled(kind == SamplerKind::Ddim);
        m_noNoise->setEnabled(kind == SamplerKind::Ddpm);
    });
    m_noNoise->setEnabled(false);
    connect(m_context, &ContextControls::contextChanged, this, [this] {
        if (m_context->livePreview() && m_session->hasCheckpoint())
            m_previewDelay.start();
    });
    connect(m_compare, &QCheckBox::toggled, m_xtB, &QWidget::setVisible);

    auto shortcut = [this](QKeySequence key, auto slot) {
        auto *s = new QShortcut(key, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_G), [this] { generate(); });
    shortcut(QKeySequence(Qt::Key_Escape), [this] { cancel(); });
    shortcut(QKeySequence(Qt::Key_Right), [this] { stepForward(); });
    shortcut(QKeySequence(Qt::Key_Left), [this] { stepBack(); });
    shortcut(QKeySequence(Qt::Key_Home), [this] { goToStart(); });
    shortcut(QKeySequence(Qt::Key_End), [this] { goToEnd(); });
    shortcut(QKeySequence(Qt::Key_Space), [this] { togglePlay(); });
    shortcut(QKeySequence(Qt::Key_B), [this] { branch(); });
}

void DenoisingPage::stepForward()
{
    setCurrentFrame(m_current + 1);
}

void DenoisingPage::stepBack()
{
    setCurrentFrame(m_current - 1);
}

void DenoisingPage::goToStart()
{
    m_play.stop();
    setCurrentFrame(0);
}

void DenoisingPage::goToEnd()
{
    m_play.stop();
    setCurrentFrame(int(m_frames.size()) - 1);
}

void DenoisingPage::togglePlay()
{
    if (m_play.isActive()) {
        m_play.stop();
    } else {
        if (m_current + 1 >= m_frames.size())
            setCurrentFrame(0);
        m_play.start(int(1000.0 / m_speed->value()));
    }
    m_playButton->setIcon(
        style()->standardIcon(m_play.isActive() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void DenoisingPage::plotSchedule()
{
    // The schedule the open model was trained (and is sampled) with; the course's linear one without a model.
    const ScheduleKind kind
        = m_session->hasCheckpoint() ? m_session->checkpointInfo().config.schedule : ScheduleKind::Linear;
    const ScheduleTable table = ScheduleTable::of(kind);
    QVector<double> ts, beta, abar, snr;
    for (int t = 1; t <= table.timesteps; ++t) {
        ts << t;
        beta << table.beta[t] * 50.0;
        abar << table.alphaBar[t];
        snr << table.snr(t);
    }
    m_schedulePlot->graph(0)->setData(ts, abar);
    m_schedulePlot->graph(0)->setName(tr("alpha-bar_t (signal kept), %1 schedule").arg(scheduleName(kind)));
    m_schedulePlot->graph(1)->setData(ts, beta);
    m_schedulePlot->graph(2)->setData(ts, snr);
    m_schedulePlot->replot(QCustomPlot::rpQueuedReplot);
}

void DenoisingPage::checkpointChanged()
{
    cancel(); // frames of the previous model must not stream in under the new one's name
    clearFrames(); // nor stay on show under it
    plotSchedule();
    const bool has = m_session->hasCheckpoint();
    m_generate->setEnabled(has);
    if (!has) {
        m_modelLabel->setText(
            tr("No model is open. Open a checkpoint (File ▸ Open checkpoint…) or train one on the "
               "Training page."));
        return;
    }
    const CheckpointInfo &info = m_session->checkpointInfo();
    if (info.format == CheckpointInfo::Format::Pth && !info.sidecar.isEmpty())
        m_modelLabel->setText(tr("%1, trained %2 steps on %3 with PyTorch (tools/train_ddp.py)")
                                  .arg(info.config.describe())
                                  .arg(info.trainedSteps)
                                  .arg(info.dataset));
    else if (info.format == CheckpointInfo::Format::Pth)
        m_modelLabel->setText(tr("%1, from a PyTorch state_dict").arg(info.config.describe()));
    else
        m_modelLabel->setText(
            tr("%1, trained %2 steps on %3").arg(info.config.describe()).arg(info.step).arg(info.dataset));
    if (info.config.courseShortcut) {
        m_modelLabel->setText(m_modelLabel->text() + tr(" — course-compatible mode"));
        m_modelLabel->setToolTip(tr(
            "This model has no trained init_conv.shortcut, like the course's models: a fresh random 1×1 "
            "convolution is drawn on every pass, exactly as the course's code does, from the run's seed."));
    } else {
        m_modelLabel->setToolTip(QString());
    }
    m_context->setClassNames(info.classNames);
    m_contextB->clear();
    for (int i = 0; i < m_context->presetCount(); ++i)
        m_contextB->addItem(m_context->presetBox()->itemText(i));
    m_contextB->setCurrentIndex(std::min(1, m_contextB->count() - 1));
}

void DenoisingPage::configure(SamplerKind kind, int ddimSteps, int count, quint64 seed)
{
    m_sampler->setCurrentIndex(m_sampler->findData(int(kind)));
    m_steps->setValue(ddimSteps);
    m_count->setValue(count);
    m_seed->setValue(int(seed));
}

void DenoisingPage::setGuidance(double w)
{
    m_guidance->setValue(w);
}

int DenoisingPage::columns() const
{
    const int k = int(m_context->classNames().size());
    if (m_context->eachClassInTurn() && k > 0)
        return std::min(k, m_count->value());
    return 0;
}

SampleRequest DenoisingPage::makeRequest(bool quick) const
{
    SampleRequest r;
    r.checkpointPath = m_session->checkpointPath();
    // The preview takes the sampler that is most accurate in few steps.
    r.kind = quick ? SamplerKind::DpmSolver : SamplerKind(m_sampler->currentData().toInt());
    r.ddimSteps = m_steps->value(); // the preview too uses the steps shown
    r.eta = quick ? 0.0 : m_eta->value();
    r.count = m_count->value();
    r.seed = quint64(m_seed->value());
    r.useGuidance = m_guidance->value() > 0.0;
    r.guidance = m_guidance->value();
    r.context = m_context->contextFor(r.count);
    r.addNoise = !m_noNoise->isChecked();
    r.reportSteps = true;
    return r;
}

void DenoisingPage::generate()
{
    m_previewDelay.stop(); // the full run replaces any pending preview
    if (!m_session->hasCheckpoint())
        return;
    const SampleRequest a = makeRequest(false);
    if (!m_compare->isChecked()) {
        start(a, nullptr);
        return;
    }
    SampleRequest b = a;
    if (m_compareWhat->currentIndex() == 0) {
        b.useGuidance = m_guidanceB->value() > 0.0;
        b.guidance = m_guidanceB->value();
    } else {
        // Context B from its preset, applied through a scratch copy of the controls' logic.
        ContextControls scratch;
        scratch.setClassNames(m_context->classNames());
        scratch.choosePreset(m_contextB->currentIndex());
        b.context = scratch.contextFor(b.count);
    }
    start(a, &b);
}

void DenoisingPage::preview()
{
    if (m_session->hasCheckpoint())
        start(makeRequest(true), nullptr);
}

void DenoisingPage::start(const SampleRequest &request, const SampleRequest *compare)
{
    m_session->sampling()->cancel(); // a newer request replaces a running one
    m_play.stop();
    m_lastRequest = request;
    m_lastRequest.tag = m_activeTag = m_nextTag++;
    m_compareTag = 0;
    m_frames.clear();
    m_framesB.clear();
    m_stdX.clear();
    m_stdX0.clear();
    m_session->sampling()->startSampling(m_lastRequest);
    if (compare) {
        SampleRequest b = *compare;
        b.tag = m_compareTag = m_nextTag++;
        m_session->sampling()->startSampling(b);
    }
    m_generate->setEnabled(false);
    m_cancel->setEnabled(true);
    m_runClock.start();
    emit statusMessage(tr("Sampling %1 images…").arg(request.count));
}

void DenoisingPage::clearFrames()
{
    m_play.stop();
    m_frames.clear();
    m_framesB.clear();
    m_stdX.clear();
    m_stdX0.clear();
    m_current = 0;
    for (ImageGridView *view : {m_xt, m_eps, m_x0, m_xtB, m_bigXt, m_bigEps, m_bigX0})
        view->setImages(ImageBatch());
    if (m_branchDialog) // branches of a run that is gone
        m_branchDialog->clear();
    updateBranchButton();
    m_timeline->blockSignals(true);
    m_timeline->setRange(0, 0);
    m_timeline->blockSignals(false);
    m_stdPlot->graph(0)->data()->clear();
    m_stdPlot->graph(1)->data()->clear();
    m_stdPlot->replot(QCustomPlot::rpQueuedReplot);
    m_stepLabel->clear();
    m_explain->clear();
}

void DenoisingPage::cancel()
{
    if (!isRunning())
        return;
    m_session->sampling()->cancel();
}

void DenoisingPage::onStep(const SampleStep &step)
{
    if (step.tag == m_compareTag && m_compareTag != 0) {
        m_framesB.push_back(step);
        return;
    }
    if (step.tag != m_activeTag)
        return; // from a run that was replaced
    m_frames.push_back(step);
    // How long the rest will take, from the pace so far (a DDPM run of 500 steps takes a while).
    if (step.index >= 3 && step.index < step.total) {
        const double perStep = double(m_runClock.elapsed()) / step.index;
        const int secondsLeft = int(std::lround(perStep * (step.total - step.index) / 1000.0));
        if (perStep * step.total > 3000.0)
            emit statusMessage(
                tr("Sampling: step %1 of %2, about %3 left")
                    .arg(step.index)
                    .arg(step.total)
                    .arg(secondsLeft >= 60 ? tr("%1 min %2 s").arg(secondsLeft / 60).arg(secondsLeft % 60)
                                           : tr("%1 s").arg(secondsLeft)));
    }
    m_stdX.push_back(standardDeviation(step.x)); // once per step: the plot is redrawn at every step
    m_stdX0.push_back(standardDeviation(step.x0));
    // Follow the newest step while it streams in, unless the user is looking elsewhere.
    const bool following = m_current >= m_frames.size() - 2;
    m_timeline->blockSignals(true);
    m_timeline->setRange(0, int(m_frames.size()) - 1);
    m_timeline->blockSignals(false);
    if (following)
        setCurrentFrame(int(m_frames.size()) - 1);
    else
        updatePlots();
}

void DenoisingPage::onFinished(const SampleResult &result)
{
    if (result.tag == m_branchTag && m_branchTag != 0) {
        m_branchTag = 0;
        if (!result.cancelled && !m_frames.isEmpty())
            m_branchDialog->showBranches(
                m_frames.last().x, m_branchSample, result.images, m_frames[m_branchFrame]);
        emit statusMessage(result.cancelled ? tr("Branching stopped.") : tr("Four branches done."));
    } else if (result.tag == m_compareTag && m_compareTag != 0) {
        m_compareTag = 0;
        showFrame();
    } else if (result.tag == m_activeTag) {
        m_activeTag = 0;
        emit statusMessage(result.cancelled
                ? tr("Sampling stopped; the steps so far are kept.")
                : tr("Sampled %1 images in %2 steps.").arg(result.images.n).arg(m_frames.size() - 1));
    }
    if (m_activeTag == 0 && m_compareTag == 0 && m_branchTag == 0) {
        m_generate->setEnabled(m_session->hasCheckpoint());
        m_cancel->setEnabled(false);
    }
    updateBranchButton();
}

ImageGridView *DenoisingPage::branchView() const
{
    return m_branchDialog ? m_branchDialog->view() : nullptr;
}

bool DenoisingPage::eventFilter(QObject *watched, QEvent *event)
{
    if (m_controls && watched == m_controls->widget() && event->type() == QEvent::LayoutRequest)
        fitWidthToContents(m_controls);
    return QWidget::eventFilter(watched, event);
}

bool DenoisingPage::canBranch() const
{
    const bool random = m_lastRequest.kind == SamplerKind::Ddpm
        || (m_lastRequest.kind == SamplerKind::Ddim && m_lastRequest.eta > 0.0);
    return random && m_activeTag == 0 && m_compareTag == 0 && m_branchTag == 0 && m_frames.size() >= 2
        && m_current < m_frames.size() - 1 && m_frames.last().index == m_frames.last().total;
}

void DenoisingPage::updateBranchButton()
{
    if (m_branch)
        m_branch->setEnabled(canBranch());
}

void DenoisingPage::branch()
{
    if (!canBranch())
        return;
    const SampleStep &from = m_frames[m_current];
    const int sample = std::clamp(m_xt->selected(), 0, from.x.n - 1);
    const int k = m_session->checkpointInfo().config.nCFeat;
    SampleRequest r = m_lastRequest;
    r.count = 4;
    r.frames = 0;
    r.reportSteps = false;
    r.seed = QRandomGenerator::global()->generate();
    r.start = from.x;
    r.start.n = 1;
    r.start.values = from.x.values.mid(sample * from.x.imageSize(), from.x.imageSize());
    r.startT = from.t;
    r.timesteps.clear();
    for (int i = m_current; i < m_frames.size(); ++i)
        r.timesteps << m_frames[i].t;
    r.context.clear();
    if (m_lastRequest.context.size() >= qsizetype(sample + 1) * k)
        for (int i = 0; i < r.count; ++i)
            r.context += m_lastRequest.context.mid(qsizetype(sample) * k, k);
    r.tag = m_branchTag = m_nextTag++;
    m_branchSample = sample;
    m_branchFrame = m_current;
    if (!m_branchDialog) {
        m_branchDialog = new BranchDialog(this);
        connect(m_branchDialog, &BranchDialog::branchAgain, this, &DenoisingPage::branch);
    }
    m_generate->setEnabled(false);
    m_cancel->setEnabled(true);
    updateBranchButton();
    emit statusMessage(tr("Branching sample %1 at t = %2…").arg(sample + 1).arg(from.t));
    m_session->sampling()->startSampling(r);
}

void DenoisingPage::setCurrentFrame(int index)
{
    if (m_frames.isEmpty())
        return;
    m_current = std::clamp(index, 0, int(m_frames.size()) - 1);
    if (m_timeline->value() != m_current) {
        m_timeline->blockSignals(true);
        m_timeline->setValue(m_current);
        m_timeline->blockSignals(false);
    }
    showFrame();
    emit frameChanged(m_current);
}

void DenoisingPage::showFrame()
{
    if (m_frames.isEmpty())
        return;
    const SampleStep &s = m_frames[m_current];
    const int cols = columns();
    m_xt->setImages(s.x, cols);
    m_eps->setImages(s.eps, cols);
    m_x0->setImages(s.x0, cols);
    if (m_current < m_framesB.size())
        m_xtB->setImages(m_framesB[m_current].x, cols);
    m_stepLabel->setText(tr("step %1 / %2, t = %3").arg(s.index).arg(s.total).arg(s.t));
    const ScheduleTable table = ScheduleTable::of(m_session->checkpointInfo().config.schedule);
    const double ab = table.alphaBar[s.t];
    m_explain->setText(s.index == 0
            ? tr("Pure noise at t = %1: the model has not looked at it yet.").arg(s.t)
            : tr("At t = %1, x_t = %2·x0 + %3·noise: the model predicts the noise, and "
                 "from it what the clean image x0 would be.")
                  .arg(s.t)
                  .arg(std::sqrt(ab), 0, 'f', 3)
                  .arg(std::sqrt(1.0 - ab), 0, 'f', 3));
    showEnlarged();
    updatePlots();
    updateBranchButton();
}

void DenoisingPage::showEnlarged()
{
    if (m_frames.isEmpty())
        return;
    const int i = std::max(m_xt->selected(), 0);
    const SampleStep &s = m_frames[m_current];
    m_bigXt->setImages(single(s.x, i), 1);
    m_bigEps->setImages(single(s.eps, i), 1);
    m_bigX0->setImages(single(s.x0, i), 1);
}

void DenoisingPage::updatePlots()
{
    if (m_frames.isEmpty())
        return;
    const int t = m_frames[m_current].t;
    m_scheduleCursor->point1->setCoords(t, 0);
    m_scheduleCursor->point2->setCoords(t, 1);
    m_stdCursor->point1->setCoords(t, 0);
    m_stdCursor->point2->setCoords(t, 1);
    QVector<double> ts;
    double top = 1.0;
    for (int i = 0; i < m_frames.size(); ++i) {
        ts << m_frames[i].t;
        top = std::max({top, m_stdX[i], std::isnan(m_stdX0[i]) ? 0.0 : m_stdX0[i]});
    }
    const QVector<double> &xs = m_stdX, &x0s = m_stdX0;
    m_stdPlot->graph(0)->setData(ts, xs, true);
    m_stdPlot->graph(1)->setData(ts, x0s, true);
    m_stdPlot->yAxis->setRange(0, std::min(top * 1.1, 20.0));
    m_schedulePlot->replot(QCustomPlot::rpQueuedReplot);
    m_stdPlot->replot(QCustomPlot::rpQueuedReplot);
}

namespace {

// A line of text above an image (export captions): dark text on white, in the application's font.
QImage withCaption(const QImage &image, const QString &caption, int minWidth = 0)
{
    const QFontMetrics metrics(QApplication::font());
    const int band = metrics.height() + 6;
    QImage out(std::max({image.width(), minWidth, metrics.horizontalAdvance(caption) + 8}),
        image.height() + band, QImage::Format_RGB32);
    out.fill(Qt::white);
    QPainter p(&out);
    p.setFont(QApplication::font());
    p.setPen(QColor(20, 20, 20));
    p.drawText(QRect(0, 0, out.width(), band), Qt::AlignCenter, caption);
    p.drawImage((out.width() - image.width()) / 2, band, image);
    return out;
}

} // namespace

QString DenoisingPage::frameCaption(const SampleStep &s) const
{
    return tr("step %1 of %2 · t = %3").arg(s.index).arg(std::max(s.total, 1)).arg(s.t);
}

QString DenoisingPage::exportFramePng(const QString &path) const
{
    if (m_frames.isEmpty())
        return tr("There is nothing to export yet: generate first.");
    const SampleStep &s = m_frames[m_current];
    const QImage a = withCaption(m_xt->render(4), tr("x_t")),
                 b = withCaption(m_eps->render(4), tr("predicted noise")),
                 c = withCaption(m_x0->render(4), tr("predicted clean image x0"));
    const QImage panels = [&] {
        QImage row(a.width() + b.width() + c.width() + 16, std::max({a.height(), b.height(), c.height()}),
            QImage::Format_RGB32);
        row.fill(Qt::white);
        QPainter p(&row);
        p.drawImage(0, 0, a);
        p.drawImage(a.width() + 8, 0, b);
        p.drawImage(a.width() + b.width() + 16, 0, c);
        return row;
    }();
    // What and where: the step, the sampler and its settings, the model.
    const QString caption = tr("%1 · %2, guidance %3, seed %4 · %5")
                                .arg(frameCaption(s), m_sampler->currentText())
                                .arg(m_lastRequest.useGuidance ? m_lastRequest.guidance : 0.0)
                                .arg(m_lastRequest.seed)
                                .arg(QFileInfo(m_session->checkpointPath()).fileName());
    return writePngAtomically(path, withCaption(panels, caption));
}

QString DenoisingPage::exportTrajectoryGif(const QString &path, int scale) const
{
    if (m_frames.isEmpty())
        return tr("There is nothing to export yet: generate first.");
    if (scale < 1 || scale > 16)
        return tr("The scale must be between 1 and 16 pixels per image pixel (got %1).").arg(scale);
    QVector<QImage> frames;
    const int cols = columns() > 0 ? columns() : int(std::ceil(std::sqrt(double(m_frames.first().x.n))));
    // Every frame says which step it shows; all frames have the first frame's size.
    const QFontMetrics metrics(QApplication::font());
    int widest = 0;
    for (const SampleStep &s : m_frames)
        widest = std::max(widest, metrics.horizontalAdvance(frameCaption(s)) + 8);
    for (const SampleStep &s : m_frames)
        frames.push_back(
            withCaption(s.x.grid(cols, scale, 2, QColor(200, 200, 200)), frameCaption(s), widest));
    return writeAnimatedGif(path, frames, 6);
}

QString DenoisingPage::exportFinalGrid(const QString &path, int scale) const
{
    if (m_frames.isEmpty())
        return tr("There is nothing to export yet: generate first.");
    const int cols = columns() > 0 ? columns() : int(std::ceil(std::sqrt(double(m_frames.last().x.n))));
    return writePngAtomically(
        path, m_frames.last().x.grid(cols, std::clamp(scale, 1, 64), 2, QColor(200, 200, 200)));
}

} // namespace de
