#include "data/npy_reader.h"

#include "user_error.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QtEndian>

#include <cstring>
#include <limits>

namespace de {

namespace {

int itemSize(const QString &dtype)
{
    if (dtype == QLatin1String("u1"))
        return 1;
    if (dtype == QLatin1String("f4"))
        return 4;
    return 8; // f8, i8
}

} // namespace

qint64 NpyArray::count() const
{
    qint64 n = 1;
    for (qint64 d : shape)
        n *= d;
    return n;
}

double NpyArray::at(qint64 index) const
{
    const char *p = data.constData() + index * itemSize(dtype);
    if (dtype == QLatin1String("u1"))
        return double(uchar(*p));
    if (dtype == QLatin1String("f4")) {
        float v;
        std::memcpy(&v, p, 4);
        return v;
    }
    if (dtype == QLatin1String("f8")) {
        double v;
        std::memcpy(&v, p, 8);
        return v;
    }
    qint64 v;
    std::memcpy(&v, p, 8);
    return double(v);
}

NpyArray parseNpy(const QByteArray &bytes, const QString &what)
{
    if (bytes.size() < 10 || !bytes.startsWith("\x93NUMPY"))
        throw UserError(
            QCoreApplication::translate("NpyReader", "%1 is not a NumPy .npy file (wrong magic)").arg(what));
    const int major = uchar(bytes[6]);
    if (major < 1 || major > 3)
        throw UserError(QCoreApplication::translate(
            "NpyReader", "%1 uses .npy format version %2, which this program does not read")
                            .arg(what)
                            .arg(major));
    const int lengthBytes = major == 1 ? 2 : 4;
    if (bytes.size() < 8 + lengthBytes)
        throw UserError(
            QCoreApplication::translate("NpyReader", "%1 is truncated inside its header").arg(what));
    const qint64 headerLength = major == 1 ? qFromLittleEndian<quint16>(bytes.constData() + 8)
                                           : qFromLittleEndian<quint32>(bytes.constData() + 8);
    const qint64 dataStart = 8 + lengthBytes + headerLength;
    if (bytes.size() < dataStart)
        throw UserError(
            QCoreApplication::translate("NpyReader", "%1 is truncated inside its header").arg(what));
    const QString header = major == 3 ? QString::fromUtf8(bytes.mid(8 + lengthBytes, headerLength))
                                      : QString::fromLatin1(bytes.mid(8 + lengthBytes, headerLength));

    const QRegularExpression descrRe(QStringLiteral("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'"));
    const QRegularExpression orderRe(QStringLiteral("'fortran_order'\\s*:\\s*(True|False)"));
    const QRegularExpression shapeRe(QStringLiteral("'shape'\\s*:\\s*\\(([^)]*)\\)"));
    const auto descr = descrRe.match(header), order = orderRe.match(header),
               shapeMatch = shapeRe.match(header);
    if (!descr.hasMatch() || !order.hasMatch() || !shapeMatch.hasMatch())
        throw UserError(
            QCoreApplication::translate("NpyReader", "%1 has a header this program cannot read: %2")
                .arg(what, header.trimmed().left(120)));
    NpyArray array;
    array.dtype = descr.captured(2) + descr.captured(3);
    if (array.dtype != QLatin1String("u1") && array.dtype != QLatin1String("f4")
        && array.dtype != QLatin1String("f8") && array.dtype != QLatin1String("i8"))
        throw UserError(
            QCoreApplication::translate("NpyReader", "%1 holds dtype %2; supported are u1, f4, f8 and i8")
                .arg(what, array.dtype));
    const bool bigEndian = descr.captured(1) == QLatin1String(">");
    const bool fortran = order.captured(1) == QLatin1String("True");
    const int size = itemSize(array.dtype);
    const qint64 limit = (qint64(1) << 32) / size; // elements this program will read
    qint64 elements = 1;
    for (const QString &part : shapeMatch.captured(1).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 d = part.trimmed().toLongLong(&ok);
        if (!ok || d < 0 || d > std::numeric_limits<int>::max())
            throw UserError(QCoreApplication::translate("NpyReader", "%1 has an impossible shape (%2)")
                                .arg(what, shapeMatch.captured(1)));
        if (d > 0 && elements > limit / d) // checked before multiplying, so the product cannot overflow
            throw UserError(
                QCoreApplication::translate("NpyReader", "%1 declares more data than this program will read")
                    .arg(what));
        elements *= d;
        array.shape.push_back(d);
    }
    const qint64 n = elements;
    if (bytes.size() - dataStart < n * size)
        throw UserError(QCoreApplication::translate(
            "NpyReader", "%1 is truncated: its shape needs %2 bytes of data but only %3 follow")
                            .arg(what)
                            .arg(n * size)
                            .arg(bytes.size() - dataStart));
    QByteArray raw = bytes.mid(dataStart, n * size);
    if (bigEndian && size > 1)
        for (qint64 i = 0; i < n; ++i)
            std::reverse(raw.data() + i * size, raw.data() + (i + 1) * size);
    if (!fortran || array.shape.size() < 2) {
        array.data = raw;
        return array;
    }
    // Fortran order: the first index varies fastest. Reorder into C order.
    array.data.resize(raw.size());
    const int dims = int(array.shape.size());
    QVector<qint64> index(dims, 0);
    for (qint64 c = 0; c < n; ++c) {
        qint64 f = 0, stride = 1;
        for (int k = 0; k < dims; ++k) {
            f += index[k] * stride;
            stride *= array.shape[k];
        }
        std::memcpy(array.data.data() + c * size, raw.constData() + f * size, size_t(size));
        for (int k = dims - 1; k >= 0; --k) { // next C-order index
            if (++index[k] < array.shape[k])
                break;
            index[k] = 0;
        }
    }
    return array;
}

NpyArray readNpy(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        throw UserError(QCoreApplication::translate("NpyReader", "File not found: %1").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        throw UserError(
            QCoreApplication::translate("NpyReader", "Cannot read %1: %2").arg(path, file.errorString()));
    return parseNpy(file.readAll(), path);
}

} // namespace de
