#include "transpose_conv_canvas.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QResizeEvent>

#include <cmath>

namespace de {

namespace {

constexpr int kMargin = 12;
constexpr int kTitleHeight = 22;
constexpr int kGap = 28;
constexpr double kMaxCell = 110.0; // cells grow with the window up to this (a projector wants them large)
constexpr int kLegendHeight = 22;

const QColor kHighlight(255, 140, 0);
const QColor kHover(30, 120, 220);

QColor valueColour(double v, double scale)
{
    if (std::isnan(v))
        return QColor(250, 250, 250);
    const double t = scale > 0 ? std::clamp(v / scale, -1.0, 1.0) : 0.0;
    const QColor hot(236, 112, 72), cold(72, 132, 206);
    const QColor &end = t >= 0 ? hot : cold;
    const double a = std::abs(t) * 0.85;
    return QColor(int(255 + (end.red() - 255) * a), int(255 + (end.green() - 255) * a),
        int(255 + (end.blue() - 255) * a));
}

QColor heatColour(double count, double maxCount)
{
    const double t = maxCount > 0 ? std::clamp(count / maxCount, 0.0, 1.0) : 0.0;
    return QColor(int(255 - 20 * t), int(250 - 150 * t), int(235 - 200 * t));
}

double largestMagnitude(const Grid &g)
{
    double m = 0.0;
    for (double v : g.values)
        if (!std::isnan(v))
            m = std::max(m, std::abs(v));
    return m;
}

} // namespace

TransposeConvCanvas::TransposeConvCanvas(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::ClickFocus);
}

void TransposeConvCanvas::setPlan(
    std::shared_ptr<const TransposeConvPlan> plan, TransposeConvView view, int stepsDone)
{
    const bool planChanged = plan != m_plan || view != m_view;
    m_plan = std::move(plan);
    m_view = view;
    if (planChanged)
        m_steps = m_plan ? m_plan->steps(view) : QVector<TransposeConvStep>();
    m_stepsDone = std::clamp(stepsDone, 0, int(m_steps.size()));
    layoutPanels();
    update();
}

void TransposeConvCanvas::setHeatMap(bool on)
{
    m_heatMap = on;
    layoutPanels();
    update();
}

void TransposeConvCanvas::layoutPanels()
{
    m_panels.clear();
    m_legend.clear();
    if (!m_plan)
        return;
    const TransposeConvPlan &plan = *m_plan;
    QVector<Panel> top, bottom;
    top.push_back(
        {tr("input %1×%2").arg(plan.input().rows).arg(plan.input().cols), Region::Input, plan.input()});
    top.back().editable = true;
    top.push_back(
        {tr("kernel %1×%2").arg(plan.kernel().rows).arg(plan.kernel().cols), Region::Kernel, plan.kernel()});
    top.back().editable = true;
    const Grid output = plan.outputAfter(m_view, m_stepsDone);
    switch (m_view) {
    case TransposeConvView::Scatter:
        bottom.push_back({tr("full canvas %1×%2").arg(plan.canvasRows()).arg(plan.canvasCols()), Region::None,
            plan.canvasAfter(m_stepsDone)});
        m_legend = tr(
            "Dashed outline: the part of the full canvas kept as the output; the padding ring around it is "
            "cropped away.");
        break;
    case TransposeConvView::Direct:
        bottom.push_back({tr("zero-inserted, padded input"), Region::None, plan.directInput()});
        bottom.back().paddedInput = true;
        bottom.push_back({tr("kernel rotated 180°"), Region::None, plan.rotatedKernel()});
        m_legend = tr("Grey: %1 zero(s) inserted between input cells (stride - 1) and a border of "
                      "dilation×(kernel-1) - "
                      "padding = %2 cell(s). The rotated kernel slides over it with stride 1.")
                       .arg(plan.params().stride - 1)
                       .arg(plan.directPadBefore());
        break;
    case TransposeConvView::Matrix: {
        const Grid c = plan.convolutionMatrix();
        Grid ct(c.cols, c.rows);
        for (int r = 0; r < c.rows; ++r)
            for (int k = 0; k < c.cols; ++k)
                ct.at(k, r) = c.at(r, k);
        bottom.push_back({QStringLiteral("Cᵀ %1×%2").arg(ct.rows).arg(ct.cols), Region::None, ct});
        Grid column(plan.input().rows * plan.input().cols, 1);
        column.values = plan.input().values;
        bottom.push_back({tr("input, flattened"), Region::None, column});
        m_legend = tr(
            "C is the matrix of the ordinary convolution with this kernel (one row per input cell). Each row "
            "of Cᵀ holds, for one output cell, the kernel weight that multiplies each input cell.");
        break;
    }
    }
    const QString outputTitle = m_heatMap ? tr("output %1×%2, coloured by overlaps (1 to %3)")
                                                .arg(plan.outputRows())
                                                .arg(plan.outputCols())
                                                .arg(largestMagnitude(plan.overlapCounts()))
                                          : tr("output %1×%2").arg(plan.outputRows()).arg(plan.outputCols());
    bottom.push_back({outputTitle, Region::Output, output});

    // One cell size for every panel, as large as fits: the two rows above, or everything in one row.
    auto cellsAcross = [](const QVector<Panel> &row) {
        int cells = 0;
        for (const Panel &p : row)
            cells += p.grid.cols;
        return cells;
    };
    auto cellsDown = [](const QVector<Panel> &row) {
        int cells = 0;
        for (const Panel &p : row)
            cells = std::max(cells, p.grid.rows);
        return cells;
    };
    const int usableWidth = width() - 2 * kMargin;
    const int usableHeight = height() - 2 * kMargin - kLegendHeight;
    auto fit = [&](const QVector<QVector<Panel>> &rows) {
        double cell = kMaxCell;
        int down = 0;
        for (const auto &row : rows) {
            cell = std::min(cell, double(usableWidth - kGap * (row.size() - 1)) / cellsAcross(row));
            down += cellsDown(row);
        }
        const int chrome = int(rows.size()) * kTitleHeight + (int(rows.size()) - 1) * kGap;
        return std::min(cell, double(usableHeight - chrome) / down);
    };
    QVector<QVector<Panel>> rows {top, bottom};
    const QVector<QVector<Panel>> single {top + bottom};
    if (fit(single) > fit(rows))
        rows = single;
    const double cell = std::max(4.0, fit(rows));

    int y = kMargin + kTitleHeight;
    for (QVector<Panel> &row : rows) {
        int x = kMargin;
        for (Panel &p : row) {
            p.cell = cell;
            p.rect = QRect(x, y, int(std::ceil(cell * p.grid.cols)), int(std::ceil(cell * p.grid.rows)));
            p.scale = largestMagnitude(p.grid);
            x += p.rect.width() + kGap;
            m_panels.push_back(p);
        }
        y += int(std::ceil(cell * cellsDown(row))) + kGap + kTitleHeight;
    }
    // Titles may use the room up to the next panel on their row.
    for (int i = 0; i < m_panels.size(); ++i) {
        const bool lastOnRow
            = i + 1 == m_panels.size() || m_panels[i + 1].rect.top() != m_panels[i].rect.top();
        m_panels[i].titleWidth = lastOnRow ? width() - kMargin - m_panels[i].rect.left()
                                           : m_panels[i + 1].rect.left() - m_panels[i].rect.left() - 6;
    }
}

const TransposeConvCanvas::Panel *TransposeConvCanvas::panelFor(Region region) const
{
    for (const Panel &p : m_panels)
        if (p.region == region)
            return &p;
    return nullptr;
}

QRect TransposeConvCanvas::cellRect(Region region, int row, int col) const
{
    const Panel *p = panelFor(region);
    if (!p || !p->grid.contains(row, col))
        return {};
    return QRectF(p->rect.left() + col * p->cell, p->rect.top() + row * p->cell, p->cell, p->cell)
        .toAlignedRect();
}

bool TransposeConvCanvas::hit(const QPoint &pos, Region *region, int *row, int *col) const
{
    for (const Panel &p : m_panels) {
        if (p.region == Region::None || !p.rect.contains(pos))
            continue;
        const int c = int((pos.x() - p.rect.left()) / p.cell), r = int((pos.y() - p.rect.top()) / p.cell);
        if (p.grid.contains(r, c)) {
            *region = p.region;
            *row = r;
            *col = c;
            return true;
        }
    }
    return false;
}

void TransposeConvCanvas::paintPanel(QPainter &painter, const Panel &panel) const
{
    const TransposeConvPlan &plan = *m_plan;
    const bool isOutput = panel.region == Region::Output;
    const Grid counts = isOutput && m_heatMap ? plan.overlapCounts() : Grid();
    const double maxCount = counts.rows ? largestMagnitude(counts) : 0.0;

    // Which cells of the direct view's padded input came from the input, and which are padding.
    const bool paddedInput = panel.paddedInput;
    const int padTop = plan.directPadBefore();
    const int padLeft = plan.params().dilation * (plan.kernel().cols - 1) - plan.params().padding;
    const int zeroRows = (plan.input().rows - 1) * plan.params().stride + 1;
    const int zeroCols = (plan.input().cols - 1) * plan.params().stride + 1;

    painter.setPen(palette().color(QPalette::WindowText));
    QFont titleFont = font();
    titleFont.setBold(true);
    painter.setFont(titleFont);
    painter.drawText(
        QRect(panel.rect.left(), panel.rect.top() - kTitleHeight, panel.titleWidth, kTitleHeight),
        Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(titleFont).elidedText(panel.title, Qt::ElideRight, panel.titleWidth));

    QFont numberFont = font();
    numberFont.setPixelSize(std::clamp(int(panel.cell * 0.36), 6, 36));
    painter.setFont(numberFont);
    const QFontMetrics metrics(numberFont);
    for (int r = 0; r < panel.grid.rows; ++r)
        for (int c = 0; c < panel.grid.cols; ++c) {
            const QRectF cell(panel.rect.left() + c * panel.cell, panel.rect.top() + r * panel.cell,
                panel.cell, panel.cell);
            const double v = panel.grid.at(r, c);
            QColor fill
                = isOutput && m_heatMap ? heatColour(counts.at(r, c), maxCount) : valueColour(v, panel.scale);
            bool padding = false, insertedZero = false;
            if (paddedInput) {
                const int zr = r - padTop, zc = c - padLeft;
                padding = zr < 0 || zc < 0 || zr >= zeroRows || zc >= zeroCols;
                insertedZero = !padding && (zr % plan.params().stride != 0 || zc % plan.params().stride != 0);
                if (padding)
                    fill = QColor(236, 236, 236);
                else if (insertedZero)
                    fill = QColor(246, 246, 246);
            }
            painter.fillRect(cell, fill);
            painter.setPen(QPen(QColor(180, 180, 180), 1));
            painter.drawRect(cell);
            if (std::isnan(v) || panel.cell < 11)
                continue;
            const QString text = formatNumber(v, 3);
            painter.setPen(padding || insertedZero ? QColor(150, 150, 150) : QColor(20, 20, 20));
            if (metrics.horizontalAdvance(text) < panel.cell - 2)
                painter.drawText(cell, Qt::AlignCenter, text);
        }
}

void TransposeConvCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    if (!m_plan)
        return;
    painter.setRenderHint(QPainter::Antialiasing, false);
    for (const Panel &panel : m_panels)
        paintPanel(painter, panel);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.setFont(font());
    painter.drawText(QRect(kMargin, height() - kMargin - kLegendHeight, width() - 2 * kMargin, kLegendHeight),
        Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(font()).elidedText(m_legend, Qt::ElideRight, width() - 2 * kMargin));

    const TransposeConvPlan &plan = *m_plan;
    const TransposeConvParams &params = plan.params();
    auto outline
        = [&painter](const QRectF &r, const QColor &colour, qreal width, Qt::PenStyle style = Qt::SolidLine) {
              painter.setBrush(Qt::NoBrush);
              painter.setPen(QPen(colour, width, style));
              painter.drawRect(r.adjusted(1, 1, -1, -1));
          };
    auto cellOf = [](const Panel &p, int r, int c) {
        return QRectF(p.rect.left() + c * p.cell, p.rect.top() + r * p.cell, p.cell, p.cell);
    };
    const Panel &inputPanel = m_panels[0];
    const Panel &kernelPanel = m_panels[1];
    const Panel &outputPanel = m_panels.last();

    if (m_view == TransposeConvView::Scatter) {
        // The crop: the part of the canvas that becomes the output.
        const Panel &canvas = m_panels[2];
        outline(QRectF(canvas.rect.left() + params.padding * canvas.cell,
                    canvas.rect.top() + params.padding * canvas.cell, plan.outputCols() * canvas.cell,
                    plan.outputRows() * canvas.cell),
            QColor(60, 60, 60), 2, Qt::DashLine);
    }

    const TransposeConvStep *step = m_stepsDone > 0 ? &m_steps[m_stepsDone - 1] : nullptr;
    if (step) {
        switch (step->kind) {
        case TransposeConvStep::Kind::Scatter: {
            outline(cellOf(inputPanel, step->input.row, step->input.col), kHighlight, 3);
            outline(QRectF(kernelPanel.rect), kHighlight, 3);
            const Panel &canvas = m_panels[2];
            for (const Contribution &t : step->terms) {
                outline(cellOf(canvas, t.output.row + params.padding, t.output.col + params.padding),
                    kHighlight, 2);
                if (outputPanel.grid.contains(t.output.row, t.output.col))
                    outline(cellOf(outputPanel, t.output.row, t.output.col), kHighlight, 2);
            }
            break;
        }
        case TransposeConvStep::Kind::Crop:
        case TransposeConvStep::Kind::Bias:
            outline(QRectF(outputPanel.rect), kHighlight, 3);
            break;
        case TransposeConvStep::Kind::OutputCell: {
            const int y = step->output.row, x = step->output.col;
            outline(cellOf(outputPanel, y, x), kHighlight, 3);
            for (const Contribution &t : step->terms) {
                outline(cellOf(inputPanel, t.input.row, t.input.col), kHighlight, 2);
                outline(cellOf(kernelPanel, t.kernel.row, t.kernel.col), kHighlight, 2);
            }
            if (m_view == TransposeConvView::Direct) {
                const Panel &padded = m_panels[2];
                const int d = params.dilation;
                for (int a = 0; a < plan.kernel().rows; ++a)
                    for (int b = 0; b < plan.kernel().cols; ++b)
                        outline(cellOf(padded, y + a * d, x + b * d), kHighlight, 2);
                outline(QRectF(m_panels[3].rect), kHighlight, 3);
            } else {
                const Panel &ct = m_panels[2];
                outline(QRectF(ct.rect.left(), ct.rect.top() + (y * plan.outputCols() + x) * ct.cell,
                            ct.rect.width(), ct.cell),
                    kHighlight, 3);
                outline(QRectF(m_panels[3].rect), kHighlight, 3);
            }
            break;
        }
        }
    }

    // Hovering an output cell shows where it comes from.
    if (outputPanel.grid.contains(m_hoverRow, m_hoverCol)) {
        outline(cellOf(outputPanel, m_hoverRow, m_hoverCol), kHover, 3, Qt::DotLine);
        for (const Contribution &t : plan.contributionsTo(m_hoverRow, m_hoverCol)) {
            outline(cellOf(inputPanel, t.input.row, t.input.col), kHover, 3, Qt::DotLine);
            outline(cellOf(kernelPanel, t.kernel.row, t.kernel.col), kHover, 3, Qt::DotLine);
        }
    }
}

void TransposeConvCanvas::mouseMoveEvent(QMouseEvent *event)
{
    Region region = Region::None;
    int row = -1, col = -1;
    const bool onCell = hit(event->position().toPoint(), &region, &row, &col);
    if (!onCell || region != Region::Output)
        row = col = -1;
    if (row != m_hoverRow || col != m_hoverCol) {
        m_hoverRow = row;
        m_hoverCol = col;
        update();
        emit outputCellHovered(row, col);
    }
    if (onCell && (event->buttons() & Qt::LeftButton)
        && (region == Region::Input || region == Region::Kernel)) {
        int r = -1, c = -1;
        hit(event->position().toPoint(), &region, &r, &c);
        emit cellDragged(region, r, c);
    }
    setCursor(onCell && region != Region::Output ? Qt::IBeamCursor : Qt::ArrowCursor);
}

void TransposeConvCanvas::mousePressEvent(QMouseEvent *event)
{
    Region region = Region::None;
    int row = -1, col = -1;
    if (event->button() == Qt::LeftButton && hit(event->position().toPoint(), &region, &row, &col))
        emit cellClicked(region, row, col);
}

void TransposeConvCanvas::resizeEvent(QResizeEvent *)
{
    layoutPanels();
}

void TransposeConvCanvas::leaveEvent(QEvent *)
{
    if (m_hoverRow >= 0) {
        m_hoverRow = m_hoverCol = -1;
        update();
        emit outputCellHovered(-1, -1);
    }
}

} // namespace de
