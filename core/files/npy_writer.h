// Writes float32 arrays as NumPy .npy files (format 1.0, little-endian, C order), atomically.
#pragma once

#include <QString>
#include <QVector>

namespace de {

// Returns an empty string on success, otherwise a message naming the problem.
QString writeNpyFloat32(const QString &path, const QVector<qint64> &shape, const float *data, qint64 count);

} // namespace de
