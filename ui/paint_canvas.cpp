#include "paint_canvas.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace de {

PaintCanvas::PaintCanvas(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setCursor(Qt::CrossCursor);
    reset(16);
}

void PaintCanvas::reset(int size)
{
    m_picture = QImage(size, size, QImage::Format_RGB32);
    m_picture.fill(Qt::white);
    m_mask = QImage(size, size, QImage::Format_RGB32);
    m_mask.fill(Qt::black);
    update();
    emit changed();
}

void PaintCanvas::setPicture(const QImage &picture)
{
    const int size = pictureSize();
    QImage flat(picture.size(), QImage::Format_RGB32);
    flat.fill(Qt::white);
    QPainter(&flat).drawImage(0, 0, picture);
    m_picture = flat.size() == QSize(size, size)
        ? flat
        : flat.scaled(size, size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    clearMask();
}

bool PaintCanvas::maskIsEmpty() const
{
    for (int y = 0; y < m_mask.height(); ++y)
        for (int x = 0; x < m_mask.width(); ++x)
            if (qGray(m_mask.pixel(x, y)) > 127)
                return false;
    return true;
}

void PaintCanvas::clearMask()
{
    m_mask.fill(Qt::black);
    update();
    emit changed();
}

void PaintCanvas::setLayer(Layer layer)
{
    m_layer = layer;
    update();
}

void PaintCanvas::setColor(const QColor &color)
{
    m_color = color;
}

QRect PaintCanvas::pictureRect() const
{
    const int size = pictureSize();
    const int scale = std::max(1, std::min(width(), height()) / std::max(1, size));
    const int side = scale * size;
    return {(width() - side) / 2, (height() - side) / 2, side, side};
}

bool PaintCanvas::pixelAt(const QPoint &position, int *x, int *y) const
{
    const QRect r = pictureRect();
    if (!r.contains(position))
        return false;
    const int scale = r.width() / pictureSize();
    *x = std::clamp((position.x() - r.left()) / scale, 0, pictureSize() - 1);
    *y = std::clamp((position.y() - r.top()) / scale, 0, pictureSize() - 1);
    return true;
}

void PaintCanvas::fill(QImage &image, int x, int y, QRgb colour)
{
    const QRgb from = image.pixel(x, y);
    if (from == colour)
        return;
    QVector<QPoint> todo {{x, y}};
    while (!todo.isEmpty()) {
        const QPoint p = todo.takeLast();
        if (!image.rect().contains(p) || image.pixel(p) != from)
            continue;
        image.setPixel(p, colour);
        todo << QPoint(p.x() + 1, p.y()) << QPoint(p.x() - 1, p.y()) << QPoint(p.x(), p.y() + 1)
             << QPoint(p.x(), p.y() - 1);
    }
}

void PaintCanvas::applyAt(int x, int y, bool erase)
{
    QImage &target = m_layer == Layer::Picture ? m_picture : m_mask;
    // On the mask, painting marks pixels to repaint and erasing (the right button) unmarks them; on the
    // picture, erasing paints white.
    const QRgb colour = m_layer == Layer::Mask ? (erase ? qRgb(0, 0, 0) : qRgb(255, 255, 255))
        : erase                                ? qRgb(255, 255, 255)
                                               : m_color.rgb();
    switch (m_tool) {
    case Tool::Pencil:
        for (int dy = 0; dy < m_brush; ++dy)
            for (int dx = 0; dx < m_brush; ++dx)
                if (target.rect().contains(x + dx, y + dy))
                    target.setPixel(x + dx, y + dy, colour);
        break;
    case Tool::Fill:
        fill(target, x, y, colour);
        break;
    case Tool::Picker:
        m_color = QColor(m_picture.pixel(x, y));
        emit colorPicked(m_color);
        return;
    }
    update();
    emit changed();
}

void PaintCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRect r = pictureRect();
    p.drawImage(r, m_picture);
    QImage overlay(m_mask.size(), QImage::Format_ARGB32);
    for (int y = 0; y < m_mask.height(); ++y)
        for (int x = 0; x < m_mask.width(); ++x)
            overlay.setPixel(
                x, y, qGray(m_mask.pixel(x, y)) > 127 ? qRgba(40, 90, 255, 150) : qRgba(0, 0, 0, 0));
    p.drawImage(r, overlay);
    const int scale = r.width() / pictureSize();
    if (scale >= 8) { // a faint pixel grid where pixels are large enough to aim at
        p.setPen(QColor(0, 0, 0, 30));
        for (int i = 0; i <= pictureSize(); ++i) {
            p.drawLine(r.left() + i * scale, r.top(), r.left() + i * scale, r.bottom());
            p.drawLine(r.left(), r.top() + i * scale, r.right(), r.top() + i * scale);
        }
    }
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(r.adjusted(0, 0, -1, -1));
}

void PaintCanvas::mousePressEvent(QMouseEvent *event)
{
    int x = 0, y = 0;
    if ((event->button() == Qt::LeftButton || event->button() == Qt::RightButton)
        && pixelAt(event->position().toPoint(), &x, &y))
        applyAt(x, y, event->button() == Qt::RightButton);
}

void PaintCanvas::mouseMoveEvent(QMouseEvent *event)
{
    int x = 0, y = 0;
    if ((event->buttons() & (Qt::LeftButton | Qt::RightButton)) && m_tool == Tool::Pencil
        && pixelAt(event->position().toPoint(), &x, &y))
        applyAt(x, y, !(event->buttons() & Qt::LeftButton));
}

} // namespace de
