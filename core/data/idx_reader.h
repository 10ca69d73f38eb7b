// Reader for MNIST-format IDX files (images and labels), plain or gzip-compressed.
#pragma once

#include "data/image_set.h"

namespace de {

struct IdxArray
{
    QVector<int> dims;
    QByteArray data; // unsigned bytes, product(dims) of them
};

// Reads a whole file, inflating it when it starts with the gzip magic. Throws UserError.
QByteArray readMaybeGzipFile(const QString &path);
// Parses an unsigned-byte IDX array. `what` names the file in messages. Throws UserError.
IdxArray parseIdx(const QByteArray &bytes, const QString &what);

// Images (N, H, W) and labels (N) into an ImageSet with one channel. Throws UserError.
ImageSet loadIdxPair(
    const QString &imagesPath, const QString &labelsPath, const QStringList &classNames = {});
// Finds train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz] (or the t10k pair) in a folder.
ImageSet loadIdxDirectory(const QString &dir, const QStringList &classNames = {});

QString fashionMnistDirectory();
QStringList fashionMnistClassNames();
ImageSet loadFashionMnist(const QString &dir = fashionMnistDirectory());
// The 10,000 images of Fashion-MNIST's test set (t10k), named "fashion-mnist" like the training set.
ImageSet loadFashionMnistTest(const QString &dir = fashionMnistDirectory());

} // namespace de
