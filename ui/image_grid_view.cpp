#include "image_grid_view.h"

#include <QMouseEvent>
#include <QPainter>

#include <cmath>

namespace de {

namespace {
constexpr int kGap = 2;
constexpr int kTitle = 20;
} // namespace

ImageGridView::ImageGridView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageGridView::setImages(const ImageBatch &images, int columns)
{
    m_images = images;
    m_columns = columns > 0 ? columns : std::max(1, int(std::ceil(std::sqrt(double(std::max(images.n, 1))))));
    if (m_selected >= images.n)
        m_selected = -1;
    update();
}

void ImageGridView::setTitle(const QString &title)
{
    m_title = title;
    update();
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

QRect ImageGridView::cellRect(int index, int *scaleOut) const
{
    if (m_images.isEmpty())
        return {};
    const int rows = (m_images.n + m_columns - 1) / m_columns;
    const int top = m_title.isEmpty() ? 0 : kTitle;
    const int byWidth = (width() - kGap * (m_columns + 1)) / (m_columns * m_images.w);
    const int byHeight = (height() - top - kGap * (rows + 1)) / (rows * m_images.h);
    const int scale = std::max(1, std::min(byWidth, byHeight));
    if (scaleOut)
        *scaleOut = scale;
    const int cellW = m_images.w * scale, cellH = m_images.h * scale;
    const int gridW = m_columns * cellW + (m_columns + 1) * kGap;
    const int left = std::max(0, (width() - gridW) / 2);
    const int col = index % m_columns, row = index / m_columns;
    return QRect(left + kGap + col * (cellW + kGap), top + kGap + row * (cellH + kGap), cellW, cellH);
}

void ImageGridView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    if (!m_title.isEmpty()) {
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.drawText(QRect(0, 0, width(), kTitle), Qt::AlignHCenter | Qt::AlignVCenter,
            QFontMetrics(bold).elidedText(m_title, Qt::ElideRight, width()));
    }
    if (m_images.isEmpty())
        return;
    const ImageBatch shown = displayBatch();
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    for (int i = 0; i < shown.n; ++i) {
        const QRect r = cellRect(i, nullptr);
        p.drawImage(r, shown.image(i));
        if (i == m_selected) {
            p.setPen(QPen(QColor(255, 140, 0), 3));
            p.drawRect(r.adjusted(-1, -1, 0, 0));
        }
    }
}

void ImageGridView::mousePressEvent(QMouseEvent *event)
{
    for (int i = 0; i < m_images.n; ++i)
        if (cellRect(i, nullptr).contains(event->position().toPoint())) {
            setSelected(i);
            emit imageClicked(i);
            return;
        }
}

} // namespace de
