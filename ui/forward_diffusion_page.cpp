#include "forward_diffusion_page.h"

#include "data/class_names.h"
#include "diffusion/schedule_table.h"
#include "explorer_session.h"
#include "image_grid_view.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <random>

namespace de {

ForwardDiffusionPage::ForwardDiffusionPage(ExplorerSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    m_dataset = new QComboBox(this);
    m_dataset->setObjectName(QStringLiteral("forward.dataset"));
    m_dataset->addItem(tr("Emoji sprites"), QStringLiteral("emoji"));
    m_dataset->addItem(tr("Fashion-MNIST"), QStringLiteral("fashion-mnist"));
    m_load = new QPushButton(tr("&Load"), this);
    m_load->setObjectName(QStringLiteral("forward.load"));
    m_load->setToolTip(tr("Load the data set on a worker thread"));
    m_index = new QSpinBox(this);
    m_index->setObjectName(QStringLiteral("forward.index"));
    m_index->setToolTip(tr("Which image of the data set"));
    auto *random = new QPushButton(tr("&Random image"), this);
    random->setObjectName(QStringLiteral("forward.random"));
    m_noiseSeed = new QSpinBox(this);
    m_noiseSeed->setObjectName(QStringLiteral("forward.noiseSeed"));
    m_noiseSeed->setRange(0, 999999);
    m_noiseSeed->setToolTip(tr("The seed of the noise eps; the same eps is used at every t"));
    m_schedule = new QComboBox(this);
    m_schedule->setObjectName(QStringLiteral("forward.schedule"));
    m_schedule->addItem(tr("linear"), int(ScheduleKind::Linear));
    m_schedule->addItem(tr("cosine"), int(ScheduleKind::Cosine));
    m_schedule->setToolTip(
        tr("The noise schedule: the course's linear betas, or the cosine schedule, which keeps more of the "
           "image in the middle timesteps. It follows the open model; choose the other to compare."));
    m_t = new QSlider(Qt::Horizontal, this);
    m_t->setObjectName(QStringLiteral("forward.t"));
    m_t->setRange(0, kDiffusionTimesteps);
    m_t->setValue(100);
    m_t->setToolTip(tr("The timestep t: 0 is the clean image, 500 is (almost) pure noise"));
    m_play = new QToolButton(this);
    m_play->setObjectName(QStringLiteral("forward.play"));
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_play->setToolTip(tr("Play: t runs from 0 to 500 and the image dissolves into noise (Space)"));
    m_playTimer.setInterval(50);
    m_tLabel = new QLabel(this);
    m_tLabel->setObjectName(QStringLiteral("forward.tLabel"));
    m_tLabel->setMinimumWidth(60);
    m_formula = new QLabel(this);
    m_formula->setObjectName(QStringLiteral("forward.formula"));
    QFont big = m_formula->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_formula->setFont(big);
    m_formula->setWordWrap(true);
    m_formula->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_info = new QLabel(tr("Load a data set to begin."), this);
    m_info->setObjectName(QStringLiteral("forward.info"));

    m_x0View = new ImageGridView(this);
    m_x0View->setObjectName(QStringLiteral("forward.x0View"));
    m_x0View->setTitle(tr("x0: the clean image"));
    m_epsView = new ImageGridView(this);
    m_epsView->setObjectName(QStringLiteral("forward.epsView"));
    m_epsView->setTitle(tr("eps: Gaussian noise"));
    m_epsView->setNormalizeEach(true);
    m_xtView = new ImageGridView(this);
    m_xtView->setObjectName(QStringLiteral("forward.xtView"));
    m_xtView->setTitle(tr("x_t: what the model sees"));

    m_histogram = new QCustomPlot(this);
    m_histogram->setObjectName(QStringLiteral("forward.histogram"));
    m_histogram->setMinimumHeight(200);
    m_bars = new QCPBars(m_histogram->xAxis, m_histogram->yAxis);
    m_bars->setName(tr("pixel values of x_t"));
    m_bars->setWidth(0.14);
    m_bars->setBrush(QColor(30, 120, 220, 160));
    m_histogram->xAxis->setRange(-3.2, 3.2);
    m_histogram->xAxis->setLabel(tr("pixel value (clean images lie in [-1, 1])"));
    m_histogram->yAxis->setLabel(tr("pixels"));

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Data set:"), this));
    controls->addWidget(m_dataset);
    controls->addWidget(m_load);
    controls->addSpacing(16);
    controls->addWidget(new QLabel(tr("Image:"), this));
    controls->addWidget(m_index);
    controls->addWidget(random);
    controls->addSpacing(16);
    controls->addWidget(new QLabel(tr("Noise seed:"), this));
    controls->addWidget(m_noiseSeed);
    controls->addSpacing(16);
    controls->addWidget(new QLabel(tr("Schedule:"), this));
    controls->addWidget(m_schedule);
    controls->addStretch(1);
    auto *slider = new QHBoxLayout;
    slider->addWidget(m_play);
    slider->addWidget(new QLabel(tr("t"), this));
    slider->addWidget(m_t, 1);
    slider->addWidget(m_tLabel);
    auto *images = new QHBoxLayout;
    images->addWidget(m_x0View);
    images->addWidget(m_epsView);
    images->addWidget(m_xtView);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_info);
    layout->addLayout(slider);
    layout->addWidget(m_formula);
    layout->addLayout(images, 2);
    layout->addWidget(m_histogram, 1);

    connect(m_load, &QPushButton::clicked, this, &ForwardDiffusionPage::loadDataset);
    connect(random, &QPushButton::clicked, this, &ForwardDiffusionPage::randomImage);
    connect(m_index, &QSpinBox::valueChanged, this, &ForwardDiffusionPage::setImageIndex);
    connect(m_noiseSeed, &QSpinBox::valueChanged, this, [this] {
        newNoise();
        recompute();
    });
    connect(m_t, &QSlider::valueChanged, this, [this] { recompute(); });
    connect(m_schedule, &QComboBox::currentIndexChanged, this, [this] { recompute(); });
    connect(session, &ExplorerSession::checkpointChanged, this, [this] {
        if (m_session->hasCheckpoint())
            m_schedule->setCurrentIndex(
                m_schedule->findData(int(m_session->checkpointInfo().config.schedule)));
    });
    connect(m_play, &QToolButton::clicked, this, &ForwardDiffusionPage::togglePlay);
    connect(&m_playTimer, &QTimer::timeout, this, [this] {
        if (m_t->value() >= m_t->maximum())
            togglePlay();
        else
            m_t->setValue(m_t->value() + 5);
    });
    connect(session, &ExplorerSession::datasetChanged, this, &ForwardDiffusionPage::datasetChanged);
    connect(session->data()->worker(), &DiffusionWorker::failed, this, [this](const QString &message) {
        m_load->setEnabled(true);
        m_info->setText(message);
    });
    recompute();
}

void ForwardDiffusionPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loadRequested && m_session->dataset().count == 0) {
        m_dataset->setCurrentIndex(0); // the sprites: small and quick
        loadDataset();
    }
}

void ForwardDiffusionPage::stepForward()
{
    m_t->setValue(m_t->value() + 10);
}

void ForwardDiffusionPage::stepBack()
{
    m_t->setValue(m_t->value() - 10);
}

void ForwardDiffusionPage::togglePlay()
{
    if (m_playTimer.isActive()) {
        m_playTimer.stop();
    } else {
        if (m_t->value() >= m_t->maximum())
            m_t->setValue(0);
        m_playTimer.start();
    }
    m_play->setIcon(
        style()->standardIcon(m_playTimer.isActive() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void ForwardDiffusionPage::loadDataset()
{
    m_loadRequested = true;
    m_load->setEnabled(false);
    m_info->setText(tr("Loading %1…").arg(m_dataset->currentText()));
    m_session->data()->startLoadingDataset(m_dataset->currentData().toString());
}

void ForwardDiffusionPage::datasetChanged()
{
    m_load->setEnabled(true);
    const ImageSet &set = m_session->dataset();
    int index = m_dataset->findData(set.name);
    if (index < 0) { // a folder opened from the File menu
        m_dataset->addItem(set.name, set.name);
        index = m_dataset->count() - 1;
    }
    m_dataset->setCurrentIndex(index);
    m_info->setText(tr("%1: %2 images of %3×%4").arg(set.name).arg(set.count).arg(set.height).arg(set.width));
    m_index->setRange(0, std::max(0, set.count - 1));
    newNoise();
    setImageIndex(m_index->value());
}

int ForwardDiffusionPage::timestep() const
{
    return m_t->value();
}

void ForwardDiffusionPage::setTimestep(int t)
{
    m_t->setValue(t);
}

void ForwardDiffusionPage::setImageIndex(int index)
{
    const ImageSet &set = m_session->dataset();
    if (set.count == 0)
        return;
    index = std::clamp(index, 0, set.count - 1);
    if (m_index->value() != index) {
        m_index->setValue(index); // comes back here
        return;
    }
    m_x0 = ImageBatch {1, set.channels, set.height, set.width, QVector<float>(set.imageBytes())};
    const uchar *src = set.imageData(index);
    for (qsizetype k = 0; k < set.imageBytes(); ++k)
        m_x0.values[k] = float(src[k]) / 127.5f - 1.0f;
    if (m_eps.values.size() != m_x0.values.size())
        newNoise();
    const QString label = set.labels.value(index) < set.classNames.size()
        ? displayClassName(set.classNames[set.labels[index]])
        : QString();
    m_x0View->setTitle(tr("x0: image %1 (%2)").arg(index).arg(label));
    recompute();
}

void ForwardDiffusionPage::randomImage()
{
    const int count = m_session->dataset().count;
    if (count > 0)
        setImageIndex(int(QRandomGenerator::global()->bounded(count)));
}

void ForwardDiffusionPage::newNoise()
{
    m_eps = m_x0;
    std::mt19937 rng(quint32(m_noiseSeed->value()));
    std::normal_distribution<float> normal;
    for (float &v : m_eps.values)
        v = normal(rng);
}

void ForwardDiffusionPage::recompute()
{
    const ScheduleTable table = ScheduleTable::of(ScheduleKind(m_schedule->currentData().toInt()));
    const int t = m_t->value();
    const double ab = table.alphaBar[t], signal = std::sqrt(ab), noise = std::sqrt(1.0 - ab);
    m_tLabel->setText(QStringLiteral("t = %1").arg(t));
    m_formula->setText(
        tr("x_t = √ᾱ_t · x0 + √(1 − ᾱ_t) · eps  =  %1 · x0 + %2 · eps      (ᾱ_%3 = %4, signal-to-noise "
           "%5)")
            .arg(signal, 0, 'f', 3)
            .arg(noise, 0, 'f', 3)
            .arg(t)
            .arg(ab, 0, 'f', 4)
            .arg(t == 0 ? tr("infinite") : QString::number(table.snr(t), 'g', 3)));
    if (m_x0.isEmpty())
        return;
    m_xt = m_x0;
    for (qsizetype k = 0; k < m_xt.values.size(); ++k)
        m_xt.values[k] = float(signal * m_x0.values[k] + noise * m_eps.values[k]);
    m_x0View->setImages(m_x0, 1);
    m_epsView->setImages(m_eps, 1);
    m_xtView->setImages(m_xt, 1);
    // Histogram of x_t in bins of 0.15 over [-3, 3].
    QVector<double> centres, counts;
    for (double c = -3.0; c <= 3.0001; c += 0.15) {
        centres << c;
        counts << 0;
    }
    for (float v : m_xt.values) {
        const int bin = int(std::lround((std::clamp(double(v), -3.0, 3.0) + 3.0) / 0.15));
        if (bin >= 0 && bin < counts.size())
            counts[bin] += 1;
    }
    m_bars->setData(centres, counts);
    m_histogram->yAxis->setRange(0, *std::max_element(counts.begin(), counts.end()) * 1.1 + 1);
    m_histogram->replot(QCustomPlot::rpQueuedReplot);
}

QString ForwardDiffusionPage::formulaText() const
{
    return m_formula->text();
}

} // namespace de
