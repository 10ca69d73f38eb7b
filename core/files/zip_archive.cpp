#include "files/zip_archive.h"

#include "user_error.h"

#include <caffe2/serialize/read_adapter_interface.h>

#include <QCoreApplication>

#include <cstring>
#include <zlib.h>

namespace de {

namespace {

// Reads the zip from memory; never past the end, whatever the archive claims.
class BoundedReadAdapter final : public caffe2::serialize::ReadAdapterInterface
{
public:
    explicit BoundedReadAdapter(const QByteArray &bytes)
        : m_bytes(bytes)
    { }
    size_t size() const override { return size_t(m_bytes.size()); }
    size_t read(uint64_t pos, void *buf, size_t n, const char * = "") const override
    {
        const uint64_t size = uint64_t(m_bytes.size());
        if (pos >= size)
            return 0;
        const size_t count = size_t(std::min<uint64_t>(n, size - pos));
        std::memcpy(buf, m_bytes.constData() + pos, count);
        return count;
    }

private:
    QByteArray m_bytes; // implicitly shared: no copy of the file
};

} // namespace

std::unique_ptr<caffe2::serialize::PyTorchStreamReader> openZip(const QByteArray &bytes, const QString &path)
{
    try {
        return std::make_unique<caffe2::serialize::PyTorchStreamReader>(
            std::make_shared<BoundedReadAdapter>(bytes));
    } catch (const std::exception &e) {
        throw UserError(
            QCoreApplication::translate("ZipArchive", "%1 is a damaged or truncated zip archive (%2)")
                .arg(path, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
}

QByteArray zipRecord(
    caffe2::serialize::PyTorchStreamReader &zip, const std::string &name, const QString &path)
{
    try {
        if (!zip.hasRecord(name))
            throw UserError(QCoreApplication::translate("ZipArchive", "%1 has no record '%2'")
                                .arg(path, QString::fromStdString(name)));
        auto [data, size] = zip.getRecord(name);
        return QByteArray(static_cast<const char *>(data.get()), qsizetype(size));
    } catch (const UserError &) {
        throw;
    } catch (const std::bad_alloc &) {
        throw UserError(QCoreApplication::translate(
            "ZipArchive", "%1: the record '%2' claims to be larger than the memory available")
                            .arg(path, QString::fromStdString(name)));
    } catch (const std::exception &e) {
        throw UserError(QCoreApplication::translate("ZipArchive", "%1: the record '%2' cannot be read (%3)")
                            .arg(path, QString::fromStdString(name),
                                QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
}

// The zip's central directory, read by hand before LibTorch's reader trusts it: every record must lie inside
// the file, and a record's size must be one it could have (else a small file could make the reader allocate
// gigabytes). Files over 4 GB (zip64) are left to LibTorch.
void checkZipDirectory(const QByteArray &bytes, const QString &path)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    const qsizetype size = bytes.size();
    auto u16 = [p](qsizetype at) { return quint32(p[at]) | quint32(p[at + 1]) << 8; };
    auto u32 = [u16](qsizetype at) { return u16(at) | u16(at + 2) << 16; };
    auto damaged = [&](const QString &what) {
        return UserError(
            QCoreApplication::translate("ZipArchive", "%1 is a damaged or truncated zip archive (%2)")
                .arg(path, what));
    };
    qsizetype eocd = -1;
    for (qsizetype at = size - 22; at >= 0 && at >= size - 22 - 65535; --at)
        if (p[at] == 'P' && p[at + 1] == 'K' && p[at + 2] == 5 && p[at + 3] == 6) {
            eocd = at;
            break;
        }
    if (eocd < 0)
        throw damaged(QCoreApplication::translate("ZipArchive", "its directory is missing"));
    const quint32 entries = u16(eocd + 10), dirSize = u32(eocd + 12), dirOffset = u32(eocd + 16);
    // Files this program can hold in memory never need zip64's large fields; an archive that uses them is
    // refused.
    if (entries == 0xffff || dirSize == 0xffffffffu || dirOffset == 0xffffffffu)
        throw damaged(QCoreApplication::translate(
            "ZipArchive", "it uses zip64 sizes, which this program does not read"));
    // PyTorch also writes a zip64 end record, which LibTorch's reader prefers when its locator is present: it
    // must describe the same directory as the one checked here.
    if (eocd >= 20 && u32(eocd - 20) == 0x07064b50u) {
        auto u64 = [u32](qsizetype at) { return quint64(u32(at)) | quint64(u32(at + 4)) << 32; };
        const quint64 record = u64(eocd - 12);
        if (record > quint64(eocd - 20) || quint64(eocd - 20) - record < 56
            || u32(qsizetype(record)) != 0x06064b50u || u64(qsizetype(record) + 32) != entries
            || u64(qsizetype(record) + 40) != dirSize || u64(qsizetype(record) + 48) != dirOffset)
            throw damaged(QCoreApplication::translate("ZipArchive", "its two directory records disagree"));
    }
    if (quint64(dirOffset) + dirSize > quint64(eocd))
        throw damaged(QCoreApplication::translate("ZipArchive", "its directory lies outside the file"));
    qsizetype at = qsizetype(dirOffset);
    QByteArray folder;
    bool hasVersion = false;
    for (quint32 i = 0; i < entries; ++i) {
        if (at + 46 > eocd || u32(at) != 0x02014b50u)
            throw damaged(QCoreApplication::translate("ZipArchive", "directory entry %1 is broken").arg(i));
        const quint32 method = u16(at + 10), packed = u32(at + 20), unpacked = u32(at + 24);
        const quint32 nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32);
        const quint32 local = u32(at + 42);
        if (u16(at + 8) & 0x41) // encrypted: never written by PyTorch, and not readable by LibTorch
            throw damaged(QCoreApplication::translate("ZipArchive", "the record %1 is encrypted").arg(i));
        // Tensor data is stored uncompressed; LibTorch deflates small records (code, debug information) of
        // native checkpoints. A deflated record is inflated here, within a bound, to check its size and
        // checksum.
        constexpr quint32 maxInflated = 16u << 20;
        if (method != 0 && method != 8)
            throw damaged(QCoreApplication::translate(
                "ZipArchive", "the record %1 is compressed with method %2, which this program does not read")
                              .arg(i)
                              .arg(method));
        const bool sizesAgree = method == 0
            ? packed == unpacked
            : unpacked <= maxInflated && quint64(unpacked) <= quint64(packed) * 1032 + 1024;
        if (!sizesAgree || quint64(local) + 30 + packed > quint64(size))
            throw damaged(
                QCoreApplication::translate("ZipArchive", "directory entry %1 claims impossible sizes")
                    .arg(i));
        // LibTorch's reader does not compare checksums: a record changed since it was written is refused
        // here, before LibTorch parses it.
        const quint64 data = quint64(local) + 30 + u16(qsizetype(local) + 26) + u16(qsizetype(local) + 28);
        if (u32(qsizetype(local)) != 0x04034b50u || data + packed > quint64(size))
            throw damaged(QCoreApplication::translate("ZipArchive", "record %1 is broken").arg(i));
        uLong crc = 0;
        if (method == 0) {
            crc = crc32(crc32(0L, Z_NULL, 0), p + data, uInt(packed));
        } else {
            QByteArray inflated(qsizetype(unpacked), Qt::Uninitialized);
            z_stream zs {};
            bool ok = inflateInit2(&zs, -MAX_WBITS) == Z_OK;
            if (ok) {
                zs.next_in = const_cast<Bytef *>(p + data);
                zs.avail_in = uInt(packed);
                zs.next_out = reinterpret_cast<Bytef *>(inflated.data());
                zs.avail_out = uInt(unpacked);
                ok = inflate(&zs, Z_FINISH) == Z_STREAM_END && zs.total_out == unpacked;
                inflateEnd(&zs);
            }
            if (!ok)
                throw damaged(QCoreApplication::translate("ZipArchive", "record %1 is broken").arg(i));
            crc = crc32(
                crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef *>(inflated.constData()), uInt(unpacked));
        }
        if (crc != u32(at + 16))
            throw damaged(
                QCoreApplication::translate("ZipArchive", "the checksum of '%1' does not match its contents")
                    .arg(QString::fromLatin1(reinterpret_cast<const char *>(p + at + 46),
                        std::min<qsizetype>(nameLength, eocd - at - 46))));
        // PyTorch archives keep every record in one folder and always have a version record; LibTorch's
        // reader checks both only after it has set up, and leaks that set-up when it then refuses the file.
        if (at + 46 + qsizetype(nameLength) > eocd)
            throw damaged(QCoreApplication::translate("ZipArchive", "directory entry %1 is broken").arg(i));
        const QByteArray name(reinterpret_cast<const char *>(p + at + 46), qsizetype(nameLength));
        if (i == 0)
            folder = name.left(name.indexOf('/') + 1);
        if (folder.isEmpty() || !name.startsWith(folder))
            throw damaged(
                QCoreApplication::translate("ZipArchive", "the record '%1' is outside the archive's folder")
                    .arg(QString::fromLatin1(name)));
        hasVersion = hasVersion || name == folder + "version" || name == folder + ".data/version";
        at += 46 + qsizetype(nameLength) + extraLength + commentLength;
    }
    if (!hasVersion)
        throw damaged(QCoreApplication::translate("ZipArchive", "it has no version record"));
}

} // namespace de
