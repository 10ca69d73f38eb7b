// A batch of images as plain floats (N, C, H, W), values nominally in [-1, 1]; carried by signals.
#pragma once

#include <QImage>
#include <QMetaType>
#include <QVector>

namespace de {

struct ImageBatch
{
    int n = 0, c = 0, h = 0, w = 0;
    QVector<float> values; // n*c*h*w, row-major

    bool isEmpty() const { return n == 0; }
    qsizetype imageSize() const { return qsizetype(c) * h * w; }

    // One image as RGB; values are clamped to [-1, 1] and mapped to 0..255.
    QImage image(int index) const;
    // All images in a grid, each scaled up by `scale` with nearest-neighbour, `gap` pixels apart.
    QImage grid(int columns, int scale = 1, int gap = 0, QColor background = Qt::white) const;

    // One image of `channels` channels (1: grey, 3: RGB) at size×size, values in [-1, 1]; a picture of
    // another size is scaled smoothly (non-square ones stretched). Alpha is laid on white.
    static ImageBatch fromImage(const QImage &picture, int channels, int size);
    // A one-channel mask at size×size from a picture's brightness: white 1 (repaint), black 0 (keep).
    static ImageBatch maskFromImage(const QImage &picture, int size);
};

} // namespace de

Q_DECLARE_METATYPE(de::ImageBatch)
