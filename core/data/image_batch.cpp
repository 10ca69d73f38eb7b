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

ImageBatch ImageBatch::fromImage(const QImage &picture, int channels, int size)
{
    QImage flat(picture.size(), QImage::Format_RGB32);
    flat.fill(Qt::white);
    {
        QPainter painter(&flat);
        painter.drawImage(0, 0, picture);
    }
    if (flat.width() != size || flat.height() != size)
        flat = flat.scaled(size, size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    ImageBatch b;
    b.n = 1;
    b.c = channels;
    b.h = b.w = size;
    b.values.resize(b.imageSize());
    const qsizetype plane = qsizetype(size) * size;
    for (int y = 0; y < size; ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(flat.constScanLine(y));
        for (int x = 0; x < size; ++x) {
            const qsizetype at = qsizetype(y) * size + x;
            const QRgb p = line[x];
            if (channels >= 3) {
                b.values[at] = qRed(p) / 127.5f - 1.0f;
                b.values[plane + at] = qGreen(p) / 127.5f - 1.0f;
                b.values[2 * plane + at] = qBlue(p) / 127.5f - 1.0f;
            } else {
                b.values[at] = qGray(p) / 127.5f - 1.0f;
            }
        }
    }
    return b;
}

ImageBatch ImageBatch::maskFromImage(const QImage &picture, int size)
{
    ImageBatch b = fromImage(picture, 1, size);
    for (float &v : b.values)
        v = (v + 1.0f) / 2.0f;
    return b;
}

} // namespace de
