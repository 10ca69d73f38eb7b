// A labelled set of small 8-bit images held in memory, ready to be batched for training.
#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace de {

struct ImageSet
{
    QString name; // how to ask for it again: "emoji", "fashion-mnist", "idx:DIR"
    int count = 0; // number of images
    int channels = 0; // 1 (grey) or 3 (RGB)
    int height = 0, width = 0;
    QByteArray pixels; // count * channels * height * width bytes, each image channel-major (C, H, W)
    QVector<int> labels; // count labels in [0, classNames.size())
    QStringList classNames;
    bool augment = false; // horizontal flips and 1-pixel shifts suit this set
    quint8 background = 0; // the plain background value, used to fill shifted-in pixels

    qsizetype imageBytes() const { return qsizetype(channels) * height * width; }
    const uchar *imageData(int index) const
    {
        return reinterpret_cast<const uchar *>(pixels.constData()) + qsizetype(index) * imageBytes();
    }
    QVector<int> classCounts() const;
    // One line per class, "name: count", for logs and the CLI.
    QString summary() const;
};

} // namespace de

Q_DECLARE_METATYPE(de::ImageSet)
