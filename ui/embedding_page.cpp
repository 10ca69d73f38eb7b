#include "embedding_page.h"

#include "context_controls.h"
#include "denoising_page.h"
#include "diffusion/schedule_table.h"
#include "explorer_session.h"
#include "image_grid_view.h"
#include "plot_legend.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace de {

namespace {

const QColor kScale(150, 100, 200); // the purple of the embedding blocks on the Model page
const QColor kShift(230, 130, 30);
const QColor kCursor(255, 140, 0);

// Each channel's values divided by that channel's largest magnitude in before and after together, so that
// ImageBatch's [-1, 1] shows them and both maps of a channel share one scale: a scale above 1 shows as more
// contrast, a negative one as an inverted map, a shift as a brighter or darker map.
ImageBatch scaled(const ImageBatch &b, const ImageBatch &other)
{
    ImageBatch out = b;
    const qsizetype size = b.imageSize();
    for (int ch = 0; ch < b.n; ++ch) {
        float m = 1e-6f;
        for (const ImageBatch *batch : {&b, &other})
            for (qsizetype k = 0; k < size && batch->values.size() >= (ch + 1) * size; ++k)
                m = std::max(m, std::abs(batch->values[ch * size + k]));
        for (qsizetype k = 0; k < size; ++k)
            out.values[ch * size + k] /= m;
    }
    return out;
}

ImageBatch channelOf(const ImageBatch &b, int channel)
{
    if (channel < 0 || channel >= b.n)
        return {};
    const qsizetype size = b.imageSize();
    return ImageBatch {1, b.c, b.h, b.w, b.values.mid(channel * size, size)};
}

double mean(const ImageBatch &b, int channel)
{
    const qsizetype size = b.imageSize();
    if (size == 0 || channel < 0 || channel >= b.n)
        return 0.0;
    double sum = 0.0;
    for (qsizetype k = 0; k < size; ++k)
        sum += b.values[channel * size + k];
    return sum / double(size);
}

QString signedNumber(double v)
{
    return v < 0 ? QStringLiteral("(−%1)").arg(-v, 0, 'f', 3) : QString::number(v, 'f', 3);
}

QVector<double> range(int n)
{
    QVector<double> r(n);
    std::iota(r.begin(), r.end(), 0.0);
    return r;
}

} // namespace

EmbeddingPage::EmbeddingPage(ExplorerSession *session, DenoisingPage *denoising, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_denoising(denoising)
{
    const int T = kDiffusionTimesteps;
    m_level = new QComboBox(this);
    m_level->setObjectName(QStringLiteral("embeddings.level"));
    m_level->addItem(tr("Level 1: up0 → up1 (cemb1, temb1)"));
    m_level->addItem(tr("Level 2: up1 → up2 (cemb2, temb2)"));
    m_level->setToolTip(
        tr("The network adds time and context twice on its way up: to up0's output, with 2·n_feat channels, "
           "and to up1's output, with n_feat channels"));
    m_t = new QSlider(Qt::Horizontal, this);
    m_t->setObjectName(QStringLiteral("embeddings.t"));
    m_t->setRange(0, T);
    m_t->setValue(T / 2);
    m_t->setToolTip(tr("The timestep t; the network sees t/T. It moves the cursor on the heat map and the "
                       "shift of every channel"));
    m_tBox = new QSpinBox(this);
    m_tBox->setRange(0, T);
    m_tBox->setValue(T / 2);
    m_tBox->setPrefix(QStringLiteral("t = "));
    m_playButton = new QToolButton(this);
    m_playButton->setObjectName(QStringLiteral("embeddings.play"));
    m_playButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_playButton->setToolTip(tr("Sweep t from 0 to T and watch the shifts change (Space)"));
    m_channel = new QSpinBox(this);
    m_channel->setObjectName(QStringLiteral("embeddings.channel"));
    m_channel->setPrefix(tr("channel "));
    m_channel->setToolTip(tr("The channel the formula, the curves and the large maps show; or click a map"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_level);
    controls->addSpacing(12);
    controls->addWidget(m_playButton);
    controls->addWidget(m_t, 1);
    controls->addWidget(m_tBox);
    controls->addSpacing(12);
    controls->addWidget(m_channel);

    // The time embedding: heat map (t × channel) and a few channels' curves.
    m_heat = new QCustomPlot(this);
    m_heat->setObjectName(QStringLiteral("embeddings.heatMap"));
    m_heat->setMinimumSize(220, 150);
    m_heat->setToolTip(tr("temb for every t (across) and channel (up): what the network adds to each channel "
                          "at each time. Click to choose t and the channel"));
    m_heatMap = new QCPColorMap(m_heat->xAxis, m_heat->yAxis);
    QCPColorGradient gradient;
    gradient.setColorStopAt(0.0, QColor(30, 80, 200));
    gradient.setColorStopAt(0.5, Qt::white);
    gradient.setColorStopAt(1.0, QColor(200, 40, 30));
    m_heatMap->setInterpolate(false);
    auto *scale = new QCPColorScale(m_heat);
    m_heat->plotLayout()->addElement(0, 1, scale);
    scale->setBarWidth(10);
    m_heatMap->setColorScale(scale);
    scale->setGradient(gradient); // the map takes its scale's gradient
    m_heat->xAxis->setLabel(tr("timestep t"));
    m_heat->yAxis->setLabel(tr("channel of temb"));
    m_heatCursor = new QCPItemStraightLine(m_heat);
    m_heatCursor->setPen(QPen(kCursor, 2));
    m_heatChannel = new QCPItemStraightLine(m_heat);
    m_heatChannel->setPen(QPen(kCursor, 1, Qt::DashLine));

    m_curves = new QCustomPlot(this);
    m_curves->setMinimumSize(220, 120);
    m_curves->setToolTip(tr("The time embedding of the chosen channel (thick) and of the three channels that "
                            "change most with t"));
    putLegendAbove(m_curves, 2);
    m_curves->legend->setFont(font());
    for (int i = 0; i < 4; ++i) {
        QCPGraph *g = m_curves->addGraph();
        g->setPen(i == 0 ? QPen(kCursor, 3) : QPen(QColor::fromHsv(200 + 40 * i, 160, 170), 1.5));
    }
    m_curves->xAxis->setLabel(tr("timestep t"));
    m_curves->yAxis->setLabel(tr("temb"));
    m_curveCursor = new QCPItemStraightLine(m_curves);
    m_curveCursor->setPen(QPen(kCursor, 2));

    // The context: sliders and the scale and shift of every channel.
    m_context = new ContextControls(this);
    m_context->setObjectName(QStringLiteral("embeddings.context"));
    m_context->setLivePreviewVisible(false);
    auto *contextScroll = new QScrollArea(this);
    contextScroll->setWidget(m_context);
    contextScroll->setWidgetResizable(true);
    contextScroll->setFrameShape(QFrame::NoFrame);
    contextScroll->setMinimumWidth(220);
    m_bars = new QCustomPlot(this);
    m_bars->setObjectName(QStringLiteral("embeddings.bars"));
    m_bars->setMinimumSize(220, 150);
    m_bars->setToolTip(tr("Per channel: the scale cemb (from the context), the scale before the last change "
                          "of context (grey), and the shift temb at the current t"));
    putLegendAbove(m_bars);
    m_bars->legend->setFont(font());
    auto *group = new QCPBarsGroup(m_bars);
    m_previousBars = new QCPBars(m_bars->xAxis, m_bars->yAxis);
    m_previousBars->setName(tr("cemb before"));
    m_previousBars->setBrush(QColor(190, 190, 190));
    m_previousBars->setPen(Qt::NoPen);
    m_scaleBars = new QCPBars(m_bars->xAxis, m_bars->yAxis);
    m_scaleBars->setName(tr("scale cemb"));
    m_scaleBars->setBrush(kScale);
    m_scaleBars->setPen(Qt::NoPen);
    m_shiftBars = new QCPBars(m_bars->xAxis, m_bars->yAxis);
    m_shiftBars->setName(tr("shift temb(t)"));
    m_shiftBars->setBrush(kShift);
    m_shiftBars->setPen(Qt::NoPen);
    for (QCPBars *b : {m_previousBars, m_scaleBars, m_shiftBars}) {
        b->setWidth(0.3);
        b->setBarsGroup(group);
    }
    m_bars->xAxis->setLabel(tr("channel"));
    m_barChannel = new QCPItemStraightLine(m_bars);
    m_barChannel->setPen(QPen(kCursor, 1, Qt::DashLine));

    // The modulation: one x_t, the maps before and after, the chosen channel large, the formula.
    m_input = new ImageGridView(this);
    m_input->setTitle(tr("x_t"));
    m_input->setToolTip(
        tr("The input: the first sample of the last generation (or a grey image), noised to t "
           "with a fixed noise"));
    m_beforeOne = new ImageGridView(this);
    m_afterOne = new ImageGridView(this);
    m_before = new ImageGridView(this);
    m_before->setObjectName(QStringLiteral("embeddings.before"));
    m_after = new ImageGridView(this);
    m_after->setObjectName(QStringLiteral("embeddings.after"));
    for (ImageGridView *v : {m_beforeOne, m_afterOne, m_before, m_after})
        v->setToolTip(
            tr("Each channel's maps before and after share one grey scale (black: its most negative "
               "value, white: its most positive): the scale changes the contrast, a negative scale "
               "inverts the map, the shift makes it brighter or darker. Click a map to choose its "
               "channel"));
    m_before->setTitle(tr("before: every channel"));
    m_after->setTitle(tr("after: cemb · u + temb"));
    m_formula = new QLabel(this);
    m_formula->setObjectName(QStringLiteral("embeddings.formula"));
    m_formula->setWordWrap(true);
    m_formula->setTextFormat(Qt::RichText);
    m_formula->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_formula->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_formula->setFont(big);

    auto *one = new QHBoxLayout;
    one->addWidget(m_input, 1);
    one->addWidget(m_beforeOne, 2);
    one->addWidget(m_afterOne, 2);
    auto *all = new QHBoxLayout;
    all->addWidget(m_before);
    all->addWidget(m_after);
    auto *right = new QVBoxLayout;
    right->addWidget(m_formula);
    right->addLayout(one, 2);
    right->addLayout(all, 3);

    auto *left = new QVBoxLayout;
    left->addWidget(m_heat, 3);
    left->addWidget(m_curves, 2);
    auto *middle = new QVBoxLayout;
    middle->addWidget(contextScroll);
    middle->addWidget(m_bars, 1);
    auto *body = new QHBoxLayout;
    body->addLayout(left, 4);
    body->addLayout(middle, 3);
    body->addLayout(right, 4);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addLayout(body, 1);
    layout->addWidget(m_status);

    connect(m_t, &QSlider::valueChanged, this, [this](int t) {
        m_tBox->setValue(t);
        showTable();
        requestMaps();
    });
    connect(m_tBox, &QSpinBox::valueChanged, m_t, &QSlider::setValue);
    connect(m_level, &QComboBox::currentIndexChanged, this, [this] {
        showTable();
        showMaps();
    });
    connect(m_channel, &QSpinBox::valueChanged, this, [this] {
        showTable();
        showMaps();
    });
    connect(m_context, &ContextControls::contextChanged, this, &EmbeddingPage::contextChanged);
    for (ImageGridView *v : {m_before, m_after})
        connect(v, &ImageGridView::imageClicked, this, &EmbeddingPage::setChannel);
    connect(m_heat, &QCustomPlot::mousePress, this, [this](QMouseEvent *event) {
        setTimestep(int(std::lround(m_heat->xAxis->pixelToCoord(event->position().x()))));
        setChannel(int(std::lround(m_heat->yAxis->pixelToCoord(event->position().y()))));
    });
    connect(m_playButton, &QToolButton::clicked, this, &EmbeddingPage::togglePlay);
    m_play.setInterval(60);
    connect(&m_play, &QTimer::timeout, this, [this] {
        if (timestep() >= m_t->maximum()) {
            togglePlay();
            return;
        }
        stepForward();
    });

    DiffusionWorker *worker = session->inspection()->worker();
    connect(worker, &DiffusionWorker::embeddingsReady, this, [this](const EmbeddingTable &table) {
        if (!m_tableRequest.answered()) { // asked for by the model before
            requestTable();
            return;
        }
        m_table = table;
        showTable();
        if (m_tableRequest.again)
            requestTable();
    });
    connect(worker, &DiffusionWorker::modulationReady, this, [this](const ModulationMaps &maps) {
        if (!m_mapsRequest.answered()) {
            requestMaps();
            return;
        }
        m_maps = maps;
        showMaps();
        if (m_mapsRequest.again)
            requestMaps();
    });
    connect(worker, &DiffusionWorker::embeddingsFailed, this, [this](const QString &message) {
        m_tableRequest.inFlight = m_mapsRequest.inFlight = false;
        m_status->setText(message);
    });
    connect(session, &ExplorerSession::checkpointChanged, this, &EmbeddingPage::checkpointChanged);
    checkpointChanged();
}

int EmbeddingPage::level() const
{
    return m_level->currentIndex() + 1;
}

void EmbeddingPage::setLevel(int level)
{
    m_level->setCurrentIndex(std::clamp(level, 1, 2) - 1);
}

int EmbeddingPage::timestep() const
{
    return m_t->value();
}

void EmbeddingPage::setTimestep(int t)
{
    m_t->setValue(t);
}

int EmbeddingPage::channel() const
{
    return m_channel->value();
}

void EmbeddingPage::setChannel(int channel)
{
    m_channel->setValue(channel);
}

void EmbeddingPage::stepForward()
{
    setTimestep(timestep() + std::max(1, m_t->maximum() / 50));
}

void EmbeddingPage::stepBack()
{
    setTimestep(timestep() - std::max(1, m_t->maximum() / 50));
}

void EmbeddingPage::togglePlay()
{
    if (m_play.isActive()) {
        m_play.stop();
    } else {
        if (timestep() >= m_t->maximum())
            setTimestep(0);
        m_play.start();
    }
    m_playButton->setIcon(
        style()->standardIcon(m_play.isActive() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void EmbeddingPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    syncContext();
    requestMaps(); // the last generation may have changed x0
}

void EmbeddingPage::syncContext()
{
    if (!m_synced && m_session->hasCheckpoint()) {
        // The Denoising page's context, so both pages start from the same sliders; "each class in turn" has
        // no one context, so it becomes the first class.
        const ContextControls *theirs = m_denoising->contextControls();
        QVector<double> v = theirs->vector();
        if (theirs->eachClassInTurn() && !v.isEmpty()) {
            std::fill(v.begin(), v.end(), 0.0);
            v[0] = 1.0;
        }
        m_synced = true;
        m_context->setVector(v);
    }
}

void EmbeddingPage::checkpointChanged()
{
    m_table = {};
    m_maps = {};
    m_tableRequest.drop = m_tableRequest.inFlight; // what comes back belongs to the model before
    m_mapsRequest.drop = m_mapsRequest.inFlight;
    m_previousCemb1.clear();
    m_previousCemb2.clear();
    m_synced = false;
    m_status->clear();
    const bool open = m_session->hasCheckpoint();
    const ModelConfig &config = m_session->checkpointInfo().config;
    m_context->setClassNames(open ? m_session->checkpointInfo().classNames : QStringList());
    m_channel->setRange(0, open ? std::max(0, 2 * int(config.nFeat) - 1) : 0);
    if (open) {
        QVector<double> first(config.nCFeat, 0.0);
        if (!first.isEmpty())
            first[0] = 1.0;
        m_context->setVector(first);
    }
    showTable();
    showMaps();
    if (isVisible()) {
        syncContext();
        requestMaps();
    }
}

void EmbeddingPage::contextChanged()
{
    if (!m_table.cemb1.isEmpty()) {
        m_previousCemb1 = m_table.cemb1;
        m_previousCemb2 = m_table.cemb2;
    }
    requestTable();
    requestMaps();
}

QVector<float> EmbeddingPage::currentContext() const
{
    QVector<float> c;
    for (double v : m_context->vector())
        c.push_back(float(v));
    return c;
}

ImageBatch EmbeddingPage::currentInput() const
{
    const ModelConfig &config = m_session->checkpointInfo().config;
    const int c = int(config.inChannels), h = int(config.height);
    ImageBatch x0 {1, c, h, h, QVector<float>(qsizetype(c) * h * h, 0.0f)};
    // The first sample of the last finished generation; grey (zeros) while there is none.
    if (m_denoising->frameCount() > 0 && !m_denoising->isRunning()) {
        const SampleStep &step = m_denoising->frames().constLast();
        const ImageBatch &last = step.x;
        if (step.index == step.total && last.c == c && last.h == h && last.w == h && last.n > 0)
            x0.values = last.values.mid(0, last.imageSize());
    }
    // x_t = √ᾱ_t x0 + √(1 − ᾱ_t) eps, with one fixed eps.
    const ScheduleTable table = ScheduleTable::of(m_session->checkpointInfo().config.schedule);
    const double ab = table.alphaBar[std::clamp(timestep(), 0, table.timesteps)];
    std::mt19937 rng(7);
    std::normal_distribution<float> normal;
    ImageBatch xt = x0;
    for (float &v : xt.values)
        v = float(std::sqrt(ab) * v + std::sqrt(1.0 - ab) * normal(rng));
    return xt;
}

void EmbeddingPage::requestTable()
{
    if (!m_session->hasCheckpoint())
        return;
    if (!m_tableRequest.begin())
        return;
    EmbeddingRequest r;
    r.checkpointPath = m_session->checkpointPath();
    r.t = QVector<int>(m_t->maximum() + 1);
    std::iota(r.t.begin(), r.t.end(), 0);
    r.context = currentContext();
    m_session->inspection()->startEmbeddings(r);
}

void EmbeddingPage::requestMaps()
{
    if (!m_session->hasCheckpoint() || !isVisible())
        return;
    if (!m_mapsRequest.begin())
        return;
    ActivationRequest r;
    r.checkpointPath = m_session->checkpointPath();
    r.x = currentInput();
    r.t = timestep();
    r.context = currentContext();
    m_session->inspection()->startModulation(r);
}

void EmbeddingPage::showTable()
{
    const int t = timestep();
    m_heatCursor->point1->setCoords(t, 0);
    m_heatCursor->point2->setCoords(t, 1);
    m_curveCursor->point1->setCoords(t, 0);
    m_curveCursor->point2->setCoords(t, 1);
    const QVector<QVector<float>> &temb = level() == 1 ? m_table.temb1 : m_table.temb2;
    const QVector<float> &cemb = level() == 1 ? m_table.cemb1 : m_table.cemb2;
    const int channels = cemb.size();
    if (channels == 0 || temb.isEmpty()) {
        m_heatMap->data()->clear();
        for (int i = 0; i < m_curves->graphCount(); ++i)
            m_curves->graph(i)->data()->clear();
        for (QCPBars *b : {m_previousBars, m_scaleBars, m_shiftBars})
            b->data()->clear();
        m_heat->replot();
        m_curves->replot();
        m_bars->replot();
        if (!m_session->hasCheckpoint())
            m_formula->setText(tr("Open a model to see how it embeds time and context."));
        return;
    }
    m_channel->setMaximum(channels - 1);
    const int chosen = std::min(channel(), channels - 1);
    const int rows = int(temb.size());

    m_heatMap->data()->setSize(rows, channels);
    m_heatMap->data()->setRange(QCPRange(0, rows - 1), QCPRange(0, channels - 1));
    float extreme = 1e-6f;
    for (int i = 0; i < rows; ++i)
        for (int ch = 0; ch < channels; ++ch) {
            m_heatMap->data()->setCell(i, ch, temb[i][ch]);
            extreme = std::max(extreme, std::abs(temb[i][ch]));
        }
    m_heatMap->setDataRange(QCPRange(-extreme, extreme));
    m_heat->xAxis->setRange(-0.5, rows - 0.5);
    m_heat->yAxis->setRange(-0.5, channels - 0.5);
    m_heatChannel->point1->setCoords(0, chosen);
    m_heatChannel->point2->setCoords(1, chosen);
    m_heat->replot();

    // The chosen channel and the three that vary most over t.
    QVector<QPair<double, int>> spread;
    for (int ch = 0; ch < channels; ++ch) {
        float lo = temb[0][ch], hi = lo;
        for (int i = 1; i < rows; ++i) {
            lo = std::min(lo, temb[i][ch]);
            hi = std::max(hi, temb[i][ch]);
        }
        if (ch != chosen)
            spread.push_back({double(hi - lo), ch});
    }
    std::sort(spread.begin(), spread.end(), std::greater<>());
    QVector<int> shown {chosen};
    for (int i = 0; i < 3 && i < spread.size(); ++i)
        shown.push_back(spread[i].second);
    const QVector<double> ts = range(rows);
    for (int g = 0; g < m_curves->graphCount(); ++g) {
        QCPGraph *graph = m_curves->graph(g);
        if (g >= shown.size()) {
            graph->data()->clear();
            graph->setVisible(false);
            continue;
        }
        QVector<double> v(rows);
        for (int i = 0; i < rows; ++i)
            v[i] = temb[i][shown[g]];
        graph->setData(ts, v);
        graph->setName(tr("channel %1").arg(shown[g]));
        graph->setVisible(true);
    }
    m_curves->xAxis->setRange(0, rows - 1);
    m_curves->yAxis->rescale();
    m_curves->replot();

    const QVector<double> x = range(channels);
    const QVector<float> &previous = level() == 1 ? m_previousCemb1 : m_previousCemb2;
    QVector<double> scaleValues, shiftValues, previousValues;
    const int row = std::clamp(t, 0, rows - 1);
    for (int ch = 0; ch < channels; ++ch) {
        scaleValues.push_back(cemb[ch]);
        shiftValues.push_back(temb[row][ch]);
        previousValues.push_back(ch < previous.size() ? previous[ch] : qQNaN());
    }
    m_scaleBars->setData(x, scaleValues);
    m_shiftBars->setData(x, shiftValues);
    m_previousBars->setData(x, previousValues);
    m_previousBars->setVisible(previous.size() == channels);
    m_bars->xAxis->setRange(-1, channels);
    m_bars->yAxis->rescale();
    m_barChannel->point1->setCoords(chosen, 0);
    m_barChannel->point2->setCoords(chosen, 1);
    m_bars->replot();
    showFormula();
}

void EmbeddingPage::showMaps()
{
    if (!hasMaps()) {
        for (ImageGridView *v : {m_input, m_beforeOne, m_afterOne, m_before, m_after})
            v->setImages({});
        showFormula();
        return;
    }
    const bool first = level() == 1;
    const ImageBatch &before = first ? m_maps.before1 : m_maps.before2;
    const ImageBatch &after = first ? m_maps.after1 : m_maps.after2;
    const QVector<float> &cemb = first ? m_maps.cemb1 : m_maps.cemb2;
    const QVector<float> &temb = first ? m_maps.temb1 : m_maps.temb2;
    const int chosen = std::min(channel(), before.n - 1);
    m_before->setImages(scaled(before, after));
    m_after->setImages(scaled(after, before));
    QStringList captions;
    for (int ch = 0; ch < cemb.size(); ++ch)
        captions << QStringLiteral("×%1 %2%3")
                        .arg(cemb[ch], 0, 'f', 2)
                        .arg(temb[ch] < 0 ? QStringLiteral("−") : QStringLiteral("+"))
                        .arg(std::abs(temb[ch]), 0, 'f', 2);
    m_after->setCaptions(captions);
    m_before->setSelected(chosen);
    m_after->setSelected(chosen);
    const ImageBatch beforeOne = channelOf(before, chosen), afterOne = channelOf(after, chosen);
    m_beforeOne->setImages(scaled(beforeOne, afterOne));
    m_afterOne->setImages(scaled(afterOne, beforeOne));
    m_beforeOne->setTitle(
        tr("%1[%2]").arg(first ? QStringLiteral("up0") : QStringLiteral("up1")).arg(chosen));
    m_afterOne->setTitle(
        tr("× %1 + %2").arg(cemb.value(chosen), 0, 'f', 3).arg(signedNumber(temb.value(chosen))));
    m_input->setImages(currentInput());
    m_input->setTitle(tr("x_t at t = %1").arg(m_maps.t));
    showFormula();
}

void EmbeddingPage::showFormula()
{
    if (!m_session->hasCheckpoint())
        return;
    const bool first = level() == 1;
    const QString source = first ? QStringLiteral("up0") : QStringLiteral("up1");
    const QString target = first ? QStringLiteral("up1") : QStringLiteral("up2");
    const QString k = first ? QStringLiteral("1") : QStringLiteral("2");
    const int c = channel();
    QString text = tr("<b>%1's input</b>, channel %2:&nbsp; <b>cemb%3 · %4 + temb%3</b>")
                       .arg(target)
                       .arg(c)
                       .arg(k, source);
    if (hasMaps()) {
        const ImageBatch &before = first ? m_maps.before1 : m_maps.before2;
        const ImageBatch &after = first ? m_maps.after1 : m_maps.after2;
        const double scale = (first ? m_maps.cemb1 : m_maps.cemb2).value(c);
        const double shift = (first ? m_maps.temb1 : m_maps.temb2).value(c);
        text += tr("<br>= %1 · %2[%3] + %4 &nbsp;&nbsp;(t = %5, context %6)")
                    .arg(scale, 0, 'f', 3)
                    .arg(source)
                    .arg(c)
                    .arg(signedNumber(shift))
                    .arg(m_maps.t)
                    .arg(m_context->describe());
        text += tr("<br>mean over the %1×%1 map: %2 · %3 + %4 = %5")
                    .arg(before.h)
                    .arg(scale, 0, 'f', 3)
                    .arg(signedNumber(mean(before, c)))
                    .arg(signedNumber(shift))
                    .arg(mean(after, c), 0, 'f', 3);
    }
    m_formula->setText(text);
}

QString EmbeddingPage::formulaText() const
{
    return m_formula->text();
}

} // namespace de
