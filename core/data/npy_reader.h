// Reader for NumPy .npy files: format versions 1.0 to 3.0, little- and big-endian, C and Fortran order, and
// the dtypes u1, f4, f8 and i8. Values come out in C order.
#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

namespace de {

struct NpyArray
{
    QString dtype; // "u1", "f4", "f8" or "i8"
    QVector<qint64> shape; // empty for a scalar
    QByteArray data; // the elements in C order, native byte order

    qint64 count() const;
    double at(qint64 index) const; // C-order index
};

// Throws UserError naming the file and the problem. `what` names the file in messages.
NpyArray parseNpy(const QByteArray &bytes, const QString &what);
NpyArray readNpy(const QString &path);

} // namespace de
