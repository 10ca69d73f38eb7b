#include "files/npy_writer.h"

#include "atomic_file.h"

#include <QCoreApplication>
#include <QtEndian>

namespace de {

// descr: the dtype as NumPy names it ('<f4', '|u1'); elementBytes: its size.
static QString writeNpy(const QString &path, const char *descr, int elementBytes,
    const QVector<qint64> &shape, const void *data, qint64 count)
{
    qint64 expected = 1;
    QStringList dims;
    for (qint64 d : shape) {
        expected *= d;
        dims.push_back(QString::number(d));
    }
    if (expected != count)
        return QCoreApplication::translate("NpyWriter", "The array has %1 values but its shape %2 needs %3")
            .arg(count)
            .arg(dims.join(QLatin1Char('x')))
            .arg(expected);
    static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "the .npy header below says little-endian");
    QString shapeText = dims.join(QStringLiteral(", "));
    if (shape.size() == 1)
        shapeText += QLatin1Char(',');
    QByteArray header = QStringLiteral("{'descr': '%1', 'fortran_order': False, 'shape': (%2), }")
                            .arg(QLatin1String(descr), shapeText)
                            .toLatin1();
    // magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of 64, ending in
    // \n.
    const qsizetype unpadded = 10 + header.size() + 1;
    header += QByteArray((64 - unpadded % 64) % 64, ' ');
    header += '\n';
    QByteArray prefix("\x93NUMPY\x01\x00", 8);
    const quint16 len = qToLittleEndian<quint16>(quint16(header.size()));
    prefix.append(reinterpret_cast<const char *>(&len), 2);

    return writeFileAtomically(path, [&](QIODevice &device) {
        const qint64 dataBytes = count * elementBytes;
        if (device.write(prefix) != prefix.size() || device.write(header) != header.size()
            || device.write(static_cast<const char *>(data), dataBytes) != dataBytes)
            return device.errorString();
        return QString();
    });
}

QString writeNpyFloat32(const QString &path, const QVector<qint64> &shape, const float *data, qint64 count)
{
    return writeNpy(path, "<f4", sizeof(float), shape, data, count);
}

QString writeNpyFloat64(const QString &path, const QVector<qint64> &shape, const double *data, qint64 count)
{
    return writeNpy(path, "<f8", sizeof(double), shape, data, count);
}

QString writeNpyUint8(const QString &path, const QVector<qint64> &shape, const quint8 *data, qint64 count)
{
    return writeNpy(path, "|u1", 1, shape, data, count);
}

} // namespace de
