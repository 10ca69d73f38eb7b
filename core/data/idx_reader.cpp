#include "data/idx_reader.h"

#include "user_error.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <zlib.h>

namespace de {

static QByteArray inflateGzip(const QByteArray &compressed, const QString &path)
{
    z_stream zs {};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        throw UserError(
            QCoreApplication::translate("IdxReader", "Could not start the gzip decoder for %1").arg(path));
    QByteArray out;
    out.resize(std::max<qsizetype>(compressed.size() * 4, 1 << 16));
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.constData()));
    zs.avail_in = static_cast<uInt>(compressed.size());
    int rc = Z_OK;
    qsizetype produced = 0;
    while (rc != Z_STREAM_END) {
        if (produced == out.size())
            out.resize(out.size() * 2);
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + produced);
        zs.avail_out = static_cast<uInt>(out.size() - produced);
        rc = inflate(&zs, Z_NO_FLUSH);
        produced = out.size() - zs.avail_out;
        if (rc == Z_STREAM_END)
            break;
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            inflateEnd(&zs);
            throw UserError(QCoreApplication::translate("IdxReader", "%1 is not a valid gzip file (%2)")
                                .arg(path, QString::fromLatin1(zs.msg ? zs.msg : "corrupt data")));
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
            inflateEnd(&zs);
            throw UserError(
                QCoreApplication::translate("IdxReader", "%1 is truncated: the gzip stream ends early")
                    .arg(path));
        }
    }
    inflateEnd(&zs);
    out.truncate(produced);
    return out;
}

QByteArray readMaybeGzipFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        throw UserError(QCoreApplication::translate("IdxReader", "File not found: %1").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        throw UserError(
            QCoreApplication::translate("IdxReader", "Cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    if (bytes.size() >= 2 && uchar(bytes[0]) == 0x1f && uchar(bytes[1]) == 0x8b)
        return inflateGzip(bytes, path);
    return bytes;
}

static quint32 bigEndian32(const QByteArray &b, qsizetype at)
{
    const auto *p = reinterpret_cast<const uchar *>(b.constData()) + at;
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

IdxArray parseIdx(const QByteArray &bytes, const QString &what)
{
    if (bytes.size() < 4)
        throw UserError(
            QCoreApplication::translate("IdxReader", "%1 is too short to be an IDX file (%2 bytes)")
                .arg(what)
                .arg(bytes.size()));
    const quint32 magic = bigEndian32(bytes, 0);
    const int type = (magic >> 8) & 0xff, ndims = magic & 0xff;
    if ((magic >> 16) != 0 || ndims < 1 || ndims > 4)
        throw UserError(
            QCoreApplication::translate("IdxReader", "%1 has a wrong magic number 0x%2: not an IDX file")
                .arg(what, QString::number(magic, 16).rightJustified(8, QLatin1Char('0'))));
    if (type != 0x08)
        throw UserError(QCoreApplication::translate(
            "IdxReader", "%1 holds IDX type 0x%2; only unsigned bytes (0x08) are supported")
                            .arg(what, QString::number(type, 16)));
    const qsizetype header = 4 + 4 * ndims;
    if (bytes.size() < header)
        throw UserError(
            QCoreApplication::translate("IdxReader", "%1 is truncated inside its header").arg(what));
    IdxArray array;
    qint64 total = 1;
    for (int i = 0; i < ndims; ++i) {
        const quint32 d = bigEndian32(bytes, 4 + 4 * i);
        if (d == 0 || d > (1u << 28))
            throw UserError(QCoreApplication::translate("IdxReader", "%1 has an impossible dimension %2 = %3")
                                .arg(what)
                                .arg(i)
                                .arg(d));
        array.dims.push_back(int(d));
        total *= d;
        if (total > (qint64(1) << 32))
            throw UserError(
                QCoreApplication::translate("IdxReader", "%1 declares more data than this program will read")
                    .arg(what));
    }
    if (bytes.size() - header < total)
        throw UserError(QCoreApplication::translate(
            "IdxReader", "%1 is truncated: the header promises %2 bytes of data but only %3 follow")
                            .arg(what)
                            .arg(total)
                            .arg(bytes.size() - header));
    array.data = bytes.mid(header, total);
    return array;
}

ImageSet loadIdxPair(const QString &imagesPath, const QString &labelsPath, const QStringList &classNamesIn)
{
    const IdxArray images = parseIdx(readMaybeGzipFile(imagesPath), imagesPath);
    const IdxArray labels = parseIdx(readMaybeGzipFile(labelsPath), labelsPath);
    if (images.dims.size() != 3)
        throw UserError(QCoreApplication::translate(
            "IdxReader", "%1 should hold images (3 dimensions: count, rows, columns) but has %2")
                            .arg(imagesPath)
                            .arg(images.dims.size()));
    if (labels.dims.size() != 1)
        throw UserError(
            QCoreApplication::translate("IdxReader", "%1 should hold labels (1 dimension) but has %2")
                .arg(labelsPath)
                .arg(labels.dims.size()));
    if (images.dims[0] != labels.dims[0])
        throw UserError(QCoreApplication::translate("IdxReader", "%1 has %2 images but %3 has %4 labels")
                            .arg(imagesPath)
                            .arg(images.dims[0])
                            .arg(labelsPath)
                            .arg(labels.dims[0]));
    ImageSet set;
    set.count = images.dims[0];
    set.channels = 1;
    set.height = images.dims[1];
    set.width = images.dims[2];
    set.pixels = images.data;
    set.labels.reserve(set.count);
    int maxLabel = 0;
    for (char b : labels.data) {
        set.labels.push_back(uchar(b));
        maxLabel = std::max(maxLabel, int(uchar(b)));
    }
    set.classNames = classNamesIn;
    if (set.classNames.isEmpty()) {
        for (int i = 0; i <= maxLabel; ++i)
            set.classNames.push_back(QString::number(i));
    } else if (maxLabel >= set.classNames.size()) {
        throw UserError(
            QCoreApplication::translate("IdxReader", "%1 has label %2 but only %3 classes are named")
                .arg(labelsPath)
                .arg(maxLabel)
                .arg(set.classNames.size()));
    }
    set.background = 0;
    return set;
}

static QString findIdx(const QDir &dir, const QString &stem)
{
    for (const QString &name : QStringList {stem, stem + QStringLiteral(".gz")})
        if (dir.exists(name))
            return dir.filePath(name);
    return {};
}

ImageSet loadIdxDirectory(const QString &path, const QStringList &classNames)
{
    const QDir dir(path);
    if (!dir.exists())
        throw UserError(QCoreApplication::translate("IdxReader", "Data folder not found: %1").arg(path));
    for (const QString &prefix : {QStringLiteral("train"), QStringLiteral("t10k")}) {
        const QString images = findIdx(dir, prefix + QStringLiteral("-images-idx3-ubyte"));
        const QString labels = findIdx(dir, prefix + QStringLiteral("-labels-idx1-ubyte"));
        if (!images.isEmpty() && !labels.isEmpty()) {
            ImageSet set = loadIdxPair(images, labels, classNames);
            set.name = QStringLiteral("idx:") + QFileInfo(path).absoluteFilePath();
            return set;
        }
    }
    throw UserError(QCoreApplication::translate("IdxReader",
        "No IDX pair in %1: expected train-images-idx3-ubyte and train-labels-idx1-ubyte "
        "(optionally .gz), or the t10k pair")
                        .arg(path));
}

QString fashionMnistDirectory()
{
    return QStringLiteral("/usr/share/datasets/fashion-mnist");
}

QStringList fashionMnistClassNames()
{
    // Stored in checkpoints as they are; the UI translates them for display.
    return {QStringLiteral("T-shirt/top"), QStringLiteral("Trouser"), QStringLiteral("Pullover"),
        QStringLiteral("Dress"), QStringLiteral("Coat"), QStringLiteral("Sandal"), QStringLiteral("Shirt"),
        QStringLiteral("Sneaker"), QStringLiteral("Bag"), QStringLiteral("Ankle boot")};
}

ImageSet loadFashionMnistTest(const QString &path)
{
    const QDir dir(path);
    const QString images = findIdx(dir, QStringLiteral("t10k-images-idx3-ubyte"));
    const QString labels = findIdx(dir, QStringLiteral("t10k-labels-idx1-ubyte"));
    if (images.isEmpty() || labels.isEmpty())
        throw UserError(QCoreApplication::translate("IdxReader",
            "No Fashion-MNIST test set in %1: expected t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte "
            "(optionally .gz); install the package dataset-fashion-mnist")
                            .arg(path));
    ImageSet set = loadIdxPair(images, labels, fashionMnistClassNames());
    set.name = QStringLiteral("fashion-mnist");
    return set;
}

ImageSet loadFashionMnist(const QString &dir)
{
    ImageSet set = loadIdxDirectory(dir, fashionMnistClassNames());
    set.name = QStringLiteral("fashion-mnist");
    return set;
}

} // namespace de
