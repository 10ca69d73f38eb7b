#include "overlap_stack_view.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace de {

CountGridView::CountGridView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void CountGridView::setGrid(const Grid &grid, const QString &title)
{
    m_grid = grid;
    m_title = title;
    update();
}

void CountGridView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const int titleHeight = fontMetrics().height() + 4;
    p.drawText(QRect(0, 0, width(), titleHeight), Qt::AlignCenter, m_title);
    if (m_grid.rows == 0)
        return;
    const double cell = std::min(double(width()) / m_grid.cols, double(height() - titleHeight) / m_grid.rows);
    const double left = (width() - cell * m_grid.cols) / 2;
    const double top = titleHeight;
    double low = m_grid.values.isEmpty() ? 0 : *std::min_element(m_grid.values.begin(), m_grid.values.end());
    double high = m_grid.values.isEmpty() ? 1 : *std::max_element(m_grid.values.begin(), m_grid.values.end());
    if (high <= low)
        high = low + 1;
    QFont small = font();
    small.setPixelSize(std::max(8, int(cell * 0.42)));
    p.setFont(small);
    for (int r = 0; r < m_grid.rows; ++r)
        for (int c = 0; c < m_grid.cols; ++c) {
            const double v = m_grid.at(r, c);
            const double share = (v - low) / (high - low);
            const QColor colour = QColor::fromRgbF(1.0, 1.0 - 0.75 * share, 1.0 - 0.85 * share);
            const QRectF rect(left + c * cell, top + r * cell, cell, cell);
            p.fillRect(rect, colour);
            if (cell >= 20) {
                p.setPen(share > 0.6 ? Qt::white : Qt::black);
                p.drawText(rect, Qt::AlignCenter, formatNumber(v));
            }
        }
    if (cell >= 6) {
        p.setPen(QColor(0, 0, 0, 40));
        for (int r = 0; r <= m_grid.rows; ++r)
            p.drawLine(QPointF(left, top + r * cell), QPointF(left + m_grid.cols * cell, top + r * cell));
        for (int c = 0; c <= m_grid.cols; ++c)
            p.drawLine(QPointF(left + c * cell, top), QPointF(left + c * cell, top + m_grid.rows * cell));
    }
}

OverlapStackView::OverlapStackView(QWidget *parent)
    : QWidget(parent)
{
    m_layers = new QSpinBox(this);
    m_layers->setObjectName(QStringLiteral("tconv.layers"));
    m_layers->setRange(1, 3);
    m_layers->setValue(2);
    m_layers->setToolTip(tr("How many equal transposed convolutions to stack"));
    connect(m_layers, &QSpinBox::valueChanged, this, &OverlapStackView::rebuild);
    m_problem = new QLabel(this);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->setWordWrap(true);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    auto *grids = new QGridLayout;
    grids->addWidget(new QLabel(tr("Transposed convolution"), this), 0, 0);
    grids->addWidget(new QLabel(tr("Resize, then convolve"), this), 1, 0);
    for (int layer = 0; layer < 3; ++layer) {
        m_transposed << new CountGridView(this);
        m_resized << new CountGridView(this);
        m_transposed.last()->setObjectName(QStringLiteral("tconv.stack%1").arg(layer + 1));
        grids->addWidget(m_transposed.last(), 0, layer + 1);
        grids->addWidget(m_resized.last(), 1, layer + 1);
        grids->setColumnStretch(layer + 1, 1);
    }
    grids->setRowStretch(0, 1);
    grids->setRowStretch(1, 1);
    auto *form = new QFormLayout;
    form->addRow(tr("Layers:"), m_layers);
    auto *explain = new QLabel(
        tr("Each number counts the paths from the input to that output cell: the result of the layers on an "
           "all-ones input with all-ones kernels. Where the kernel size is not a multiple of the stride, "
           "neighbouring cells get different counts, and stacking layers multiplies the pattern: the "
           "checkerboard artefacts of generated images. Resizing first (nearest neighbour) and then "
           "convolving reaches every inner cell equally."),
        this);
    explain->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(explain);
    layout->addWidget(m_problem);
    layout->addLayout(grids, 1);
    layout->addWidget(m_summary);
    rebuild();
}

void OverlapStackView::setLayer(int inputSize, int kernelSize, const TransposeConvParams &params)
{
    m_inputSize = inputSize;
    m_kernelSize = kernelSize;
    m_params = params;
    rebuild();
}

void OverlapStackView::setLayers(int layers)
{
    m_layers->setValue(layers);
}

int OverlapStackView::layers() const
{
    return m_layers->value();
}

QString OverlapStackView::problem() const
{
    return m_problem->text();
}

void OverlapStackView::rebuild()
{
    QString problem;
    const int layers = m_layers->value();
    m_counts = stackedOverlapCounts(m_inputSize, m_kernelSize, m_params, layers, &problem);
    const QVector<Grid> resized = resizeConvolveCounts(m_inputSize, m_kernelSize, m_params.stride, layers);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    for (int layer = 0; layer < 3; ++layer) {
        const bool shown = layer < layers;
        m_transposed[layer]->setVisible(shown);
        m_resized[layer]->setVisible(shown);
        const QString title = tr("after layer %1").arg(layer + 1);
        m_transposed[layer]->setGrid(layer < m_counts.size() ? m_counts[layer] : Grid(), title);
        m_resized[layer]->setGrid(layer < resized.size() ? resized[layer] : Grid(), title);
    }
    if (m_counts.isEmpty()) {
        m_summary->clear();
        return;
    }
    // How uneven the inner cells are: the largest count over the smallest, away from the border.
    const Grid &last = m_counts.last();
    const int margin = std::min(last.rows / 4, m_kernelSize * layers);
    double low = 1e300, high = 0;
    for (int r = margin; r < last.rows - margin; ++r)
        for (int c = margin; c < last.cols - margin; ++c) {
            low = std::min(low, last.at(r, c));
            high = std::max(high, last.at(r, c));
        }
    m_summary->setText(high > 0 && low < 1e300
            ? tr("Inner cells after %1 layer(s): from %2 to %3 paths (%4 to 1); resize-then-convolve gives "
                 "every inner cell the same count.")
                  .arg(layers)
                  .arg(formatNumber(low))
                  .arg(formatNumber(high))
                  .arg(formatNumber(low > 0 ? high / low : 0, 3))
            : QString());
}

} // namespace de
