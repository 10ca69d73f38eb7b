// Writes arrays as NumPy .npy files (format 1.0, little-endian, C order), atomically: float32 (sample
// trajectories, walks), and uint8 images with float64 one-hot labels (data sets in the course's layout).
#pragma once

#include <QString>
#include <QVector>

namespace de {

// Each returns an empty string on success, otherwise a message naming the problem.
QString writeNpyFloat32(const QString &path, const QVector<qint64> &shape, const float *data, qint64 count);
QString writeNpyFloat64(const QString &path, const QVector<qint64> &shape, const double *data, qint64 count);
QString writeNpyUint8(const QString &path, const QVector<qint64> &shape, const quint8 *data, qint64 count);

} // namespace de
