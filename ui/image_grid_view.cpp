#include "image_grid_view.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace de {

namespace {
constexpr int kGap = 2;
constexpr int kTitle = 20; // one line of title in the default font, with its margin
constexpr int kTitleLines = 3; // at most: a longer title is elided in its last line
constexpr int kTitleFlags = Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap;

QFont boldFont(const QFont &font)
{
    QFont bold = font;
    bold.setBold(true);
    return bold;
}

// Above and below the title's lines together; kept when the text grows (zoom, presentation mode).
int titleMargin(const QFontMetrics &metrics)
{
    return std::max(4, kTitle - metrics.height());
}
} // namespace

ImageGridView::ImageGridView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageGridView::setImages(const ImageBatch &images, int columns)
{
    m_images = images;
    m_askedColumns = columns;
    chooseColumns();
    if (m_selected >= images.n)
        m_selected = -1;
    updateGeometry();
    update();
}

void ImageGridView::chooseColumns()
{
    const int n = std::max(m_images.n, 1);
    m_transposed = false;
    m_columns = m_askedColumns > 0 ? m_askedColumns : std::max(1, int(std::ceil(std::sqrt(double(n)))));
    if (!m_fitColumns || m_images.isEmpty())
        return;
    // How large a grid of this many columns and rows could be drawn, before rounding (below 1: clipped).
    const int top = titleHeight(width());
    const int labels = rowLabelWidth();
    const auto room = [&](int columns, int rows) {
        return std::min(double(width() - labels - kGap * (columns + 1)) / (columns * m_images.w),
            double(height() - top - kGap * (rows + 1)) / (rows * m_images.h));
    };
    if (m_askedColumns > 0) {
        // One column per class, or one row per class: whichever shows the images larger.
        const int rows = (n + m_askedColumns - 1) / m_askedColumns;
        const double asked = room(m_askedColumns, rows), turned = room(rows, m_askedColumns);
        if (rows < n && (std::floor(turned) > std::floor(asked) || (asked < 1.0 && turned > asked))) {
            m_transposed = true;
            m_columns = rows; // columns of the turned grid: what were rows
        }
        // Classes keep their columns or rows unless that shows the images below the minimum scale while a
        // free arrangement would not.
        if (std::max(asked, turned) >= m_minimumScale)
            return;
    }
    // The column count that gives the largest images in this view (the fewest columns among equals).
    const bool classesFit = m_askedColumns > 0;
    const int classColumns = m_columns;
    const bool classTransposed = m_transposed;
    int best = m_columns;
    double bestRoom = room(m_columns, m_transposed ? m_askedColumns : (n + m_columns - 1) / m_columns);
    m_transposed = false;
    for (int c = 1; c <= n; ++c) {
        const double r = room(c, (n + c - 1) / c);
        if (std::floor(r) > std::floor(bestRoom) || (bestRoom < 1.0 && r > bestRoom)) {
            best = c;
            bestRoom = r;
        }
    }
    m_columns = best;
    if (classesFit && std::floor(bestRoom) < m_minimumScale && best == classColumns)
        m_transposed = classTransposed; // no better arrangement: the classes stay as they were
}

int ImageGridView::rowCount() const
{
    return m_transposed ? m_askedColumns : (m_images.n + m_columns - 1) / m_columns;
}

ImageGridView::Layout ImageGridView::layoutFor(int columns, int w, int h) const
{
    const int rows = (m_images.n + columns - 1) / columns;
    const int top = titleHeight(w);
    const int labels = rowLabelWidth();
    w -= labels;
    const auto scaleWith = [&](int caption) {
        const int byWidth = (w - kGap * (columns + 1)) / (columns * m_images.w);
        const int byHeight = (h - top - (kGap + caption) * rows - kGap) / (rows * m_images.h);
        return std::max(1, std::min(byWidth, byHeight));
    };
    // Captions get their line only where every one fits whole under its image.
    if (!m_captions.isEmpty()) {
        const int line = fontMetrics().height();
        const int scale = scaleWith(line);
        int widest = 0;
        for (const QString &c : m_captions)
            widest = std::max(widest, fontMetrics().horizontalAdvance(c));
        if (m_images.w * scale + 2 * kGap >= widest)
            return {scale, line, labels, top};
    }
    return {scaleWith(0), 0, labels, top};
}

void ImageGridView::setCaptions(const QStringList &captions)
{
    m_captions = captions;
    updateGeometry();
    update();
}

void ImageGridView::setRowLabels(const QStringList &labels)
{
    m_rowLabels = labels;
    chooseColumns();
    update();
}

int ImageGridView::rowLabelWidth() const
{
    int widest = 0;
    for (const QString &label : m_rowLabels)
        widest = std::max(widest, fontMetrics().horizontalAdvance(label));
    return widest > 0 ? widest + 10 : 0;
}

void ImageGridView::setMinimumScale(int scale)
{
    m_minimumScale = std::max(1, scale);
    chooseColumns();
    update();
}

void ImageGridView::setFitColumns(bool on)
{
    m_fitColumns = on;
    chooseColumns();
    update();
}

QSize ImageGridView::minimumSizeHint() const
{
    return {96, 96}; // never a reason for the window to outgrow the screen: the images scale instead
}

void ImageGridView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_fitColumns)
        chooseColumns();
}

void ImageGridView::setTitle(const QString &title)
{
    m_title = title;
    chooseColumns(); // a title that wraps takes room from the images
    update();
}

int ImageGridView::titleHeight(int width) const
{
    if (m_title.isEmpty())
        return 0;
    const QFontMetrics metrics(boldFont(font()));
    const QRect wrapped
        = metrics.boundingRect(QRect(0, 0, std::max(width, 1), 1 << 20), kTitleFlags, m_title);
    // The wrapped text's own height: a line with glyphs from a fallback font (Chinese) is taller than the
    // title font's line spacing.
    const int lines = std::max(1, (wrapped.height() + metrics.lineSpacing() / 2) / metrics.lineSpacing());
    return titleMargin(metrics)
        + (lines <= kTitleLines ? wrapped.height() : wrapped.height() * kTitleLines / lines);
}

void ImageGridView::setNormalizeEach(bool on)
{
    m_normalizeEach = on;
    update();
}

void ImageGridView::setSelected(int index)
{
    m_selected = index;
    update();
}

ImageBatch ImageGridView::displayBatch() const
{
    if (!m_normalizeEach || m_images.isEmpty())
        return m_images;
    ImageBatch b = m_images;
    const qsizetype size = b.imageSize();
    for (int i = 0; i < b.n; ++i) {
        float *v = b.values.data() + i * size;
        const auto [lo, hi] = std::minmax_element(v, v + size);
        const float low = *lo, range = std::max(*hi - *lo, 1e-8f);
        for (qsizetype k = 0; k < size; ++k)
            v[k] = (v[k] - low) / range * 2.0f - 1.0f;
    }
    return b;
}

QImage ImageGridView::render(int scale) const
{
    return displayBatch().grid(m_columns, scale, 2, QColor(200, 200, 200));
}

QRect ImageGridView::cellRect(int index, const Layout &layout) const
{
    const int top = layout.top; // the wrapped title's height, measured once per layout
    const int cellW = m_images.w * layout.scale, cellH = m_images.h * layout.scale;
    const int labels = layout.labels;
    const int gridW = m_columns * cellW + (m_columns + 1) * kGap;
    const int left = labels + std::max(0, (width() - labels - gridW) / 2);
    // A turned grid is filled column by column, so image i of class i mod k lands in row k.
    const int rows = rowCount();
    const int col = m_transposed ? index / rows : index % m_columns;
    const int row = m_transposed ? index % rows : index / m_columns;
    return QRect(
        left + kGap + col * (cellW + kGap), top + kGap + row * (cellH + kGap + layout.caption), cellW, cellH);
}

void ImageGridView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    if (!m_title.isEmpty()) {
        // Wrapped at word boundaries where the view is narrow, never cut short while lines are left.
        const QFont bold = boldFont(font());
        const QFontMetrics metrics(bold);
        const int height = titleHeight(width());
        const QRect box(0, titleMargin(metrics) / 2, width(), height - titleMargin(metrics) / 2);
        const QString shown = metrics.boundingRect(box, kTitleFlags, m_title).height() > box.height()
            ? metrics.elidedText(m_title, Qt::ElideRight, width() * kTitleLines - metrics.averageCharWidth())
            : m_title;
        p.setFont(bold);
        p.drawText(box, kTitleFlags, shown);
    }
    if (m_images.isEmpty())
        return;
    const Layout layout = layoutFor(m_columns, width(), height()); // once: every cell shares it
    if (!m_rowLabels.isEmpty()) {
        // The label of each row at its left, and a line between rows.
        const int rows = rowCount();
        for (int row = 0; row < rows && row < m_rowLabels.size(); ++row) {
            const QRect first = cellRect(row * (m_transposed ? 1 : m_columns), layout);
            p.setPen(palette().color(QPalette::WindowText));
            p.drawText(QRect(0, first.top(), first.left() - 6, first.height()),
                Qt::AlignRight | Qt::AlignVCenter, m_rowLabels[row]);
            if (row > 0) {
                p.setPen(QPen(palette().color(QPalette::Mid), 1));
                p.drawLine(0, first.top() - kGap / 2 - 1, width(), first.top() - kGap / 2 - 1);
            }
        }
    }
    const ImageBatch shown = displayBatch();
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    for (int i = 0; i < shown.n; ++i) {
        const QRect r = cellRect(i, layout);
        p.drawImage(r, shown.image(i));
        if (i < m_captions.size() && layout.caption > 0) {
            p.setPen(palette().color(QPalette::WindowText));
            const QRect below(r.left() - kGap, r.bottom() + 1, r.width() + 2 * kGap, layout.caption);
            p.drawText(below, Qt::AlignCenter, m_captions[i]);
        }
        if (i == m_selected) {
            p.setPen(QPen(QColor(255, 140, 0), 3));
            p.drawRect(r.adjusted(-1, -1, 0, 0));
        }
    }
}

void ImageGridView::mousePressEvent(QMouseEvent *event)
{
    if (m_images.isEmpty())
        return;
    const Layout layout = layoutFor(m_columns, width(), height());
    for (int i = 0; i < m_images.n; ++i)
        if (cellRect(i, layout).contains(event->position().toPoint())) {
            setSelected(i);
            emit imageClicked(i);
            return;
        }
}

} // namespace de
