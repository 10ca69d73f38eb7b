#include "data/image_batch.h"

#include <QPainter>

#include <algorithm>

namespace de {

static int toByte(float v)
{
    const float clamped = std::clamp(v, -1.0f, 1.0f);
    return static_cast<int>(std::lround((clamped + 1.0f) * 127.5f));
}

QImage ImageBatch::image(int index) const
{
    if (index < 0 || index >= n)
        return {};
    QImage img(w, h, QImage::Format_RGB32);
    const float *base = values.constData() + qsizetype(index) * imageSize();
    const qsizetype plane = qsizetype(h) * w;
    for (int y = 0; y < h; ++y) {
        auto *line = reinterpret_cast<QRgb *>(img.scanLine(y));
        for (int x = 0; x < w; ++x) {
            const qsizetype at = qsizetype(y) * w + x;
            const int r = toByte(base[at]);
            const int g = c >= 3 ? toByte(base[plane + at]) : r;
            const int b = c >= 3 ? toByte(base[2 * plane + at]) : r;
            line[x] = qRgb(r, g, b);
        }
    }
    return img;
}

QImage ImageBatch::grid(int columns, int scale, int gap, QColor background) const
{
    if (n == 0)
        return {};
    columns = std::clamp(columns, 1, n);
    scale = std::max(scale, 1);
    gap = std::max(gap, 0);
    const int rows = (n + columns - 1) / columns;
    const int cellW = w * scale, cellH = h * scale;
    QImage out(columns * cellW + (columns + 1) * gap, rows * cellH + (rows + 1) * gap, QImage::Format_RGB32);
    out.fill(background);
    QPainter painter(&out);
    for (int i = 0; i < n; ++i) {
        const int col = i % columns, row = i / columns;
        const QRect target(gap + col * (cellW + gap), gap + row * (cellH + gap), cellW, cellH);
        painter.drawImage(target, image(i));
    }
    return out;
}

} // namespace de
