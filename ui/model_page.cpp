#include "model_page.h"

#include "denoising_page.h"
#include "explorer_session.h"
#include "image_grid_view.h"

#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace de {

namespace {

// Where each block sits, in a 3 × 5 grid: the encoder down the left, the decoder up the right.
QPointF gridPosition(const QString &name)
{
    static const QHash<QString, QPointF> positions {{QStringLiteral("init_conv"), {0, 0}},
        {QStringLiteral("down1"), {0, 1}}, {QStringLiteral("down2"), {0, 2}},
        {QStringLiteral("to_vec"), {0.5, 3.2}}, {QStringLiteral("up0"), {2, 3}},
        {QStringLiteral("up1"), {2, 2}}, {QStringLiteral("up2"), {2, 1}}, {QStringLiteral("out"), {2, 0}},
        {QStringLiteral("timeembed1"), {1, 2.35}}, {QStringLiteral("contextembed1"), {1, 1.85}},
        {QStringLiteral("timeembed2"), {1, 1.25}}, {QStringLiteral("contextembed2"), {1, 0.75}}};
    return positions.value(name, {1, 4});
}

QString shapeText(const QVector<int> &shape)
{
    QStringList parts;
    for (int d : shape)
        parts << QString::number(d);
    return parts.join(QStringLiteral("×"));
}

QString roleOf(const QString &name)
{
    if (name == QLatin1String("init_conv"))
        return ModelPage::tr(
            "Residual block: two 3×3 convolutions with BatchNorm and GELU, plus a 1×1 shortcut; "
            "lifts the image to n_feat feature maps.");
    if (name.startsWith(QLatin1String("down")))
        return ModelPage::tr(
            "Two residual blocks, then 2×2 max pooling: half the size, more abstract features.");
    if (name == QLatin1String("to_vec"))
        return ModelPage::tr("Average pooling to a single vector per channel, then GELU: the bottleneck.");
    if (name.startsWith(QLatin1String("timeembed")))
        return ModelPage::tr(
            "Linear, GELU, Linear: turns the time t/T into a vector that is added to the decoder's "
            "features.");
    if (name.startsWith(QLatin1String("contextembed")))
        return ModelPage::tr(
            "Linear, GELU, Linear: turns the context (class) vector into a vector that multiplies "
            "the decoder's features.");
    if (name == QLatin1String("up0"))
        return ModelPage::tr(
            "Transposed convolution with kernel and stride height/4, GroupNorm and ReLU: grows the "
            "bottleneck vector back into a small feature map.");
    if (name.startsWith(QLatin1String("up")))
        return ModelPage::tr(
            "Transposed convolution (kernel 2, stride 2) on the features joined with the skip "
            "connection, then two residual blocks: double the size.");
    return ModelPage::tr(
        "3×3 convolution, GroupNorm, ReLU, 3×3 convolution: from features back to the predicted "
        "noise, one value per pixel and channel.");
}

} // namespace

UnetDiagram::UnetDiagram(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(420, 320);
    setToolTip(tr("Click a block to see its parameters and, after a generation, its activation maps"));
}

void UnetDiagram::setBlocks(const QVector<BlockInfo> &blocks)
{
    m_blocks = blocks;
    update();
}

void UnetDiagram::select(const QString &block)
{
    m_selected = block;
    update();
}

QRectF UnetDiagram::blockRect(const QString &block) const
{
    const QPointF s = gridPosition(block);
    const double cellW = width() / 3.0, cellH = (height() - 20) / 4.4;
    const double w = cellW * 0.8, h = std::min(cellH * 0.7, 70.0);
    return QRectF(s.x() * cellW + (cellW - w) / 2, 10 + s.y() * cellH + (cellH - h) / 2, w, h);
}

UnetDiagram::Detail UnetDiagram::blockDetail(const QString &block) const
{
    const auto b = std::find_if(
        m_blocks.begin(), m_blocks.end(), [&](const BlockInfo &info) { return info.name == block; });
    if (b == m_blocks.end())
        return {};
    const QRectF box = blockRect(block);
    Detail d {tr("%1 · %2 params").arg(shapeText(b->shape), QLocale().toString(b->parameters)), font(),
        box.adjusted(4, box.height() / 2 - 2, -4, -2)};
    if (QFontMetricsF(d.font).horizontalAdvance(d.text) > d.rect.width())
        d.text.replace(QStringLiteral(" · "), QStringLiteral("\n"));
    const auto fits = [&d] {
        const QRectF needed = QFontMetricsF(d.font).boundingRect(d.rect, Qt::AlignCenter, d.text);
        return needed.width() <= d.rect.width() && needed.height() <= d.rect.height();
    };
    while (d.font.pointSizeF() > 6.0 && !fits())
        d.font.setPointSizeF(d.font.pointSizeF() - 0.5);
    return d;
}

void UnetDiagram::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (m_blocks.isEmpty()) {
        p.drawText(rect(), Qt::AlignCenter, tr("Open a checkpoint to see its model."));
        return;
    }
    auto arrow = [&p](QPointF a, QPointF b, const QColor &colour, Qt::PenStyle style = Qt::SolidLine) {
        p.setPen(QPen(colour, 2, style));
        p.drawLine(a, b);
        const QLineF line(b, a);
        const double angle = std::atan2(-line.dy(), line.dx());
        const QPointF left = b + QPointF(std::sin(angle + M_PI / 3) * 8, std::cos(angle + M_PI / 3) * 8);
        const QPointF right
            = b + QPointF(std::sin(angle + M_PI - M_PI / 3) * 8, std::cos(angle + M_PI - M_PI / 3) * 8);
        p.setBrush(colour);
        p.drawPolygon(QPolygonF {b, left, right});
        p.setBrush(Qt::NoBrush);
    };
    const QColor flow(60, 60, 60), skip(30, 120, 220), embed(150, 100, 200);
    auto r = [this](const char *name) { return blockRect(QString::fromLatin1(name)); };
    arrow(r("init_conv").bottomLeft() + QPointF(r("init_conv").width() / 2, 0),
        r("down1").topLeft() + QPointF(r("down1").width() / 2, 0), flow);
    arrow(r("down1").bottomLeft() + QPointF(r("down1").width() / 2, 0),
        r("down2").topLeft() + QPointF(r("down2").width() / 2, 0), flow);
    arrow(QPointF(r("down2").center().x(), r("down2").bottom()),
        QPointF(r("to_vec").left() + 10, r("to_vec").top()), flow);
    arrow(QPointF(r("to_vec").right(), r("to_vec").center().y()),
        QPointF(r("up0").left(), r("up0").center().y()), flow);
    arrow(QPointF(r("up0").center().x(), r("up0").top()), QPointF(r("up1").center().x(), r("up1").bottom()),
        flow);
    arrow(QPointF(r("up1").center().x(), r("up1").top()), QPointF(r("up2").center().x(), r("up2").bottom()),
        flow);
    arrow(QPointF(r("up2").center().x(), r("up2").top()), QPointF(r("out").center().x(), r("out").bottom()),
        flow);
    arrow(QPointF(r("down2").right(), r("down2").center().y() + 8),
        QPointF(r("up1").left(), r("up1").center().y() + 8), skip, Qt::DashLine);
    arrow(QPointF(r("down1").right(), r("down1").center().y() + 8),
        QPointF(r("up2").left(), r("up2").center().y() + 8), skip, Qt::DashLine);
    arrow(QPointF(r("init_conv").right(), r("init_conv").center().y()),
        QPointF(r("out").left(), r("out").center().y()), skip, Qt::DashLine);
    for (const char *e : {"timeembed1", "contextembed1"})
        arrow(QPointF(r(e).right(), r(e).center().y()), QPointF(r("up1").left(), r("up1").top() + 6), embed,
            Qt::DotLine);
    for (const char *e : {"timeembed2", "contextembed2"})
        arrow(QPointF(r(e).right(), r(e).center().y()), QPointF(r("up2").left(), r("up2").top() + 6), embed,
            Qt::DotLine);

    QFont bold = font();
    bold.setBold(true);
    for (const BlockInfo &b : m_blocks) {
        const QRectF box = blockRect(b.name);
        const bool embedding = b.shape.size() == 1;
        const bool selected = b.name == m_selected;
        p.setPen(QPen(selected ? QColor(255, 140, 0) : QColor(90, 90, 90), selected ? 3 : 1));
        p.setBrush(embedding                             ? QColor(240, 232, 250)
                : b.name.startsWith(QLatin1String("up")) ? QColor(226, 240, 252)
                                                         : QColor(245, 245, 240));
        p.drawRoundedRect(box, 6, 6);
        p.setPen(palette().color(QPalette::Text));
        p.setFont(bold);
        p.drawText(box.adjusted(4, 2, -4, -box.height() / 2), Qt::AlignCenter, b.name);
        const Detail detail = blockDetail(b.name);
        p.setFont(detail.font);
        p.drawText(detail.rect, Qt::AlignCenter, detail.text);
    }
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QRectF(0, height() - 20, width(), 20), Qt::AlignCenter,
        tr("solid: main path   dashed: skip connections   dotted: time and context embeddings"));
}

void UnetDiagram::mousePressEvent(QMouseEvent *event)
{
    for (const BlockInfo &b : m_blocks)
        if (blockRect(b.name).contains(event->position())) {
            select(b.name);
            emit blockClicked(b.name);
            return;
        }
}

ModelPage::ModelPage(ExplorerSession *session, DenoisingPage *denoising, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_denoising(denoising)
{
    m_diagram = new UnetDiagram(this);
    m_diagram->setObjectName(QStringLiteral("model.diagram"));
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("model.details"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_maps = new ImageGridView(this);
    m_maps->setObjectName(QStringLiteral("model.maps"));
    m_maps->setNormalizeEach(true);
    m_maps->setToolTip(
        tr("Each small image is one channel of the block's output for the first sample, stretched to "
           "its own range"));
    m_tconv = new QPushButton(tr("See this transposed convolution step by step"), this);
    m_tconv->setObjectName(QStringLiteral("model.tconv"));
    m_tconv->hide();
    m_embeddings = new QPushButton(tr("Open the embedding view"), this);
    m_embeddings->setObjectName(QStringLiteral("model.embeddings"));
    m_embeddings->setToolTip(
        tr("See this embedding for every t and context, and how it scales and shifts the feature maps"));
    m_embeddings->hide();
    auto *side = new QVBoxLayout;
    side->addWidget(m_details);
    side->addWidget(m_tconv);
    side->addWidget(m_embeddings);
    side->addWidget(m_maps, 1);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_diagram, 3);
    layout->addLayout(side, 2);

    m_delay.setSingleShot(true);
    m_delay.setInterval(200);
    connect(&m_delay, &QTimer::timeout, this, &ModelPage::requestActivations);
    connect(m_diagram, &UnetDiagram::blockClicked, this, [this](const QString &block) {
        selectBlock(block);
        if (block.contains(QLatin1String("embed"))) // the purple blocks open their view
            emit showEmbeddings(block.endsWith(QLatin1Char('2')) ? 2 : 1);
    });
    connect(m_embeddings, &QPushButton::clicked, this,
        [this] { emit showEmbeddings(m_diagram->selected().endsWith(QLatin1Char('2')) ? 2 : 1); });
    connect(session, &ExplorerSession::checkpointChanged, this, &ModelPage::checkpointChanged);
    connect(denoising, &DenoisingPage::frameChanged, this, [this] { m_delay.start(); });
    connect(session->sampling()->worker(), &DiffusionWorker::activationsReady, this,
        [this](const QVector<BlockActivation> &a) {
            m_activations = a;
            showDetails();
        });
    connect(session->sampling()->worker(), &DiffusionWorker::activationsFailed, this,
        [this](const QString &message) {
            m_activations.clear();
            showDetails();
            m_details->setText(
                m_details->text() + QStringLiteral("<p><i>%1</i></p>").arg(message.toHtmlEscaped()));
        });
    connect(m_tconv, &QPushButton::clicked, this, &ModelPage::requestSlice);
    connect(session->inspection()->worker(), &DiffusionWorker::layerSliceReady, this, &ModelPage::showSlice);
    checkpointChanged();
}

void ModelPage::checkpointChanged()
{
    m_sliceSource.clear();
    m_activations.clear();
    if (!m_session->hasCheckpoint()) {
        m_blocks.clear();
        m_diagram->setBlocks({});
        showDetails();
        return;
    }
    m_blocks = describeBlocks(m_session->checkpointInfo().config);
    m_diagram->setBlocks(m_blocks);
    selectBlock(QStringLiteral("up1"));
}

void ModelPage::selectBlock(const QString &block)
{
    m_diagram->select(block);
    showDetails();
}

ActivationRequest ModelPage::shownStep() const
{
    // The first sample of the frame on show on the Denoising page, with its t and context.
    const SampleStep &step = m_denoising->frames()[m_denoising->currentFrame()];
    ActivationRequest a;
    a.checkpointPath = m_session->checkpointPath();
    a.x = ImageBatch {1, step.x.c, step.x.h, step.x.w, step.x.values.mid(0, step.x.imageSize())};
    a.t = step.t;
    a.context = m_denoising->lastRequest().context.mid(0, m_session->checkpointInfo().config.nCFeat);
    return a;
}

void ModelPage::requestActivations()
{
    if (!m_session->hasCheckpoint() || m_denoising->frameCount() == 0)
        return;
    m_activationStep = m_denoising->frames()[m_denoising->currentFrame()].index;
    m_session->sampling()->startActivations(shownStep());
}

void ModelPage::requestSlice()
{
    if (!m_session->hasCheckpoint())
        return;
    const ModelConfig &config = m_session->checkpointInfo().config;
    ActivationRequest r;
    // The x_t on show on the Denoising page, or a grey image half way through.
    if (m_denoising->frameCount() > 0) {
        r = shownStep();
        m_sliceSource = tr("the first sample at step %1 of the last generation")
                            .arg(m_denoising->frames()[m_denoising->currentFrame()].index);
    } else {
        r.checkpointPath = m_session->checkpointPath();
        const int h = config.height, c = config.inChannels;
        r.x = ImageBatch {1, c, h, h, QVector<float>(qsizetype(c) * h * h, 0.0f)};
        r.t = 250;
        m_sliceSource = tr("a grey image (generate on the Denoising page to use a real one)");
    }
    r.block = m_diagram->selected();
    m_session->inspection()->startLayerSlice(r);
}

void ModelPage::showSlice(const TransposedConvSlice &slice)
{
    if (m_sliceSource.isEmpty())
        return; // not asked for (or asked for by a model since closed)
    // Two decimals: the cells show the numbers, and the arithmetic on the page stays readable.
    const auto grid = [](const QVector<float> &values, int side) {
        Grid g(side, side);
        for (int i = 0; i < values.size() && i < g.values.size(); ++i)
            g.values[i] = std::round(values[i] * 100.0) / 100.0;
        return g;
    };
    TransposeConvParams p;
    p.stride = slice.stride;
    p.padding = 0;
    p.outputPadding = 0;
    const QString note = tr(
        "The trained %1 layer: input channel %2 of %3 and its kernel to output channel %4 of %5, at t = %6 "
        "for %7. Values are rounded to two decimals. This is one channel's share: the layer adds the "
        "shares of all %3 input channels and the bias %8 to make output channel %4.")
                             .arg(slice.block)
                             .arg(slice.inChannel)
                             .arg(slice.inChannels)
                             .arg(slice.outChannel)
                             .arg(slice.outChannels)
                             .arg(slice.t)
                             .arg(m_sliceSource)
                             .arg(double(slice.bias), 0, 'f', 3);
    m_sliceSource.clear();
    emit showTransposeConvolution(
        grid(slice.input, slice.inputSide), grid(slice.weights, slice.kernel), p, note);
}

void ModelPage::showDetails()
{
    const QString name = m_diagram->selected();
    BlockInfo info;
    for (const BlockInfo &b : m_blocks)
        if (b.name == name)
            info = b;
    if (info.name.isEmpty()) {
        m_details->setText(tr("Open a checkpoint to see its model."));
        m_maps->setImages({});
        m_tconv->hide();
        m_embeddings->hide();
        return;
    }
    QString text
        = tr("<h3>%1</h3><p>%2</p><p>Output per sample: <b>%3</b><br>Parameters: <b>%4</b></p>")
              .arg(info.name, roleOf(info.name), shapeText(info.shape), QLocale().toString(info.parameters));
    if (name == QLatin1String("init_conv") && m_session->checkpointInfo().config.courseShortcut)
        text += tr("<p><b>Course-compatible mode.</b> This model came without trained weights for the 1×1 "
                   "shortcut, as the course's models do: the course creates a new, randomly initialised 1×1 "
                   "convolution on every forward pass, and so does this program (from the run's seed, so a "
                   "run can be repeated). Each pass therefore adds a slightly different projection of the "
                   "input.</p>");
    const BlockActivation *maps = nullptr;
    for (const BlockActivation &a : m_activations)
        if (a.block == name)
            maps = &a;
    const bool embedding = name.contains(QLatin1String("embed"));
    if (embedding) {
        text += tr("<p>An embedding is a vector, not a feature map: the embedding view shows it for every t "
                   "and context, and how it scales and shifts the decoder's feature maps.</p>");
        m_maps->setImages({});
    } else if (maps) {
        text += tr("<p>Activations of the first sample at step %1 of the last generation:</p>")
                    .arg(m_activationStep);
        m_maps->setImages(maps->maps);
    } else {
        text += tr("<p>Generate on the Denoising page to see this block's activation maps.</p>");
        m_maps->setImages({});
    }
    m_details->setText(text);
    m_tconv->setVisible(name.startsWith(QLatin1String("up")));
    m_embeddings->setVisible(embedding);
}

QString ModelPage::detailsText() const
{
    return m_details->text();
}

} // namespace de
