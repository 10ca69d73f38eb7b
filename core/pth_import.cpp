#include "pth_import.h"

#include "extra_datasets.h"
#include "pickle_reader.h"
#include "user_error.h"

#include <caffe2/serialize/inline_container.h>
#include <caffe2/serialize/read_adapter_interface.h>

#include <QRegularExpression>
#include <QSaveFile>

#include <cstring>

#include <limits>
#include <map>
#include <set>
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

std::unique_ptr<caffe2::serialize::PyTorchStreamReader> openZip(const QByteArray &bytes, const QString &path)
{
    try {
        return std::make_unique<caffe2::serialize::PyTorchStreamReader>(
            std::make_shared<BoundedReadAdapter>(bytes));
    } catch (const std::exception &e) {
        throw UserError(
            QCoreApplication::translate("PthImport", "%1 is a damaged or truncated zip archive (%2)")
                .arg(path, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
}

QByteArray record(caffe2::serialize::PyTorchStreamReader &zip, const std::string &name, const QString &path)
{
    try {
        if (!zip.hasRecord(name))
            throw UserError(QCoreApplication::translate("PthImport", "%1 has no record '%2'")
                                .arg(path, QString::fromStdString(name)));
        auto [data, size] = zip.getRecord(name);
        return QByteArray(static_cast<const char *>(data.get()), qsizetype(size));
    } catch (const UserError &) {
        throw;
    } catch (const std::bad_alloc &) {
        throw UserError(QCoreApplication::translate(
            "PthImport", "%1: the record '%2' claims to be larger than the memory available")
                            .arg(path, QString::fromStdString(name)));
    } catch (const std::exception &e) {
        throw UserError(QCoreApplication::translate("PthImport", "%1: the record '%2' cannot be read (%3)")
                            .arg(path, QString::fromStdString(name),
                                QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
}

QString shapeText(at::IntArrayRef sizes)
{
    QStringList parts;
    for (int64_t s : sizes)
        parts << QString::number(s);
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

torch::ScalarType scalarType(pickle::StorageType type)
{
    using pickle::StorageType;
    switch (type) {
    case StorageType::Float:
        return torch::kFloat32;
    case StorageType::Double:
        return torch::kFloat64;
    case StorageType::Half:
        return torch::kFloat16;
    case StorageType::BFloat16:
        return torch::kBFloat16;
    case StorageType::Long:
        return torch::kInt64;
    case StorageType::Int:
        return torch::kInt32;
    case StorageType::Short:
        return torch::kInt16;
    case StorageType::Char:
        return torch::kInt8;
    case StorageType::Byte:
        return torch::kUInt8;
    case StorageType::Bool:
        return torch::kBool;
    }
    return torch::kFloat32;
}

bool isTensorDict(const pickle::Document &doc, const pickle::Value &dict)
{
    for (size_t i = 0; i + 1 < dict.items.size(); i += 2)
        if (doc.at(dict.items[i]).kind == pickle::Kind::String
            && doc.at(dict.items[i + 1]).kind == pickle::Kind::Tensor)
            return true;
    return false;
}

const char *const kAnchorKey = "init_conv.conv1.0.weight";

} // namespace

static LoadedCheckpoint loadPthCheckpointUnchecked(const QByteArray &bytes, const QString &path);

// The zip's central directory, read by hand before LibTorch's reader trusts it: every record must lie inside
// the file, and a record's size must be one it could have (else a small file could make the reader allocate
// gigabytes). Files over 4 GB (zip64) are left to LibTorch.
static void checkZipDirectory(const QByteArray &bytes, const QString &path)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    const qsizetype size = bytes.size();
    auto u16 = [p](qsizetype at) { return quint32(p[at]) | quint32(p[at + 1]) << 8; };
    auto u32 = [u16](qsizetype at) { return u16(at) | u16(at + 2) << 16; };
    auto damaged = [&](const QString &what) {
        return UserError(
            QCoreApplication::translate("PthImport", "%1 is a damaged or truncated zip archive (%2)")
                .arg(path, what));
    };
    qsizetype eocd = -1;
    for (qsizetype at = size - 22; at >= 0 && at >= size - 22 - 65535; --at)
        if (p[at] == 'P' && p[at + 1] == 'K' && p[at + 2] == 5 && p[at + 3] == 6) {
            eocd = at;
            break;
        }
    if (eocd < 0)
        throw damaged(QCoreApplication::translate("PthImport", "its directory is missing"));
    const quint32 entries = u16(eocd + 10), dirSize = u32(eocd + 12), dirOffset = u32(eocd + 16);
    // Files this program can hold in memory never need zip64's large fields; an archive that uses them is
    // refused.
    if (entries == 0xffff || dirSize == 0xffffffffu || dirOffset == 0xffffffffu)
        throw damaged(QCoreApplication::translate(
            "PthImport", "it uses zip64 sizes, which this program does not read"));
    // PyTorch also writes a zip64 end record, which LibTorch's reader prefers when its locator is present: it
    // must describe the same directory as the one checked here.
    if (eocd >= 20 && u32(eocd - 20) == 0x07064b50u) {
        auto u64 = [u32](qsizetype at) { return quint64(u32(at)) | quint64(u32(at + 4)) << 32; };
        const quint64 record = u64(eocd - 12);
        if (record > quint64(eocd - 20) || quint64(eocd - 20) - record < 56
            || u32(qsizetype(record)) != 0x06064b50u || u64(qsizetype(record) + 32) != entries
            || u64(qsizetype(record) + 40) != dirSize || u64(qsizetype(record) + 48) != dirOffset)
            throw damaged(QCoreApplication::translate("PthImport", "its two directory records disagree"));
    }
    if (quint64(dirOffset) + dirSize > quint64(eocd))
        throw damaged(QCoreApplication::translate("PthImport", "its directory lies outside the file"));
    qsizetype at = qsizetype(dirOffset);
    QByteArray folder;
    bool hasVersion = false;
    for (quint32 i = 0; i < entries; ++i) {
        if (at + 46 > eocd || u32(at) != 0x02014b50u)
            throw damaged(QCoreApplication::translate("PthImport", "directory entry %1 is broken").arg(i));
        const quint32 method = u16(at + 10), packed = u32(at + 20), unpacked = u32(at + 24);
        const quint32 nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32);
        const quint32 local = u32(at + 42);
        if (u16(at + 8) & 0x41) // encrypted: never written by PyTorch, and not readable by LibTorch
            throw damaged(QCoreApplication::translate("PthImport", "the record %1 is encrypted").arg(i));
        // Tensor data is stored uncompressed; LibTorch deflates small records (code, debug information) of
        // native checkpoints. A deflated record is inflated here, within a bound, to check its size and
        // checksum.
        constexpr quint32 maxInflated = 16u << 20;
        if (method != 0 && method != 8)
            throw damaged(QCoreApplication::translate(
                "PthImport", "the record %1 is compressed with method %2, which this program does not read")
                              .arg(i)
                              .arg(method));
        const bool sizesAgree = method == 0
            ? packed == unpacked
            : unpacked <= maxInflated && quint64(unpacked) <= quint64(packed) * 1032 + 1024;
        if (!sizesAgree || quint64(local) + 30 + packed > quint64(size))
            throw damaged(
                QCoreApplication::translate("PthImport", "directory entry %1 claims impossible sizes")
                    .arg(i));
        // LibTorch's reader does not compare checksums: a record changed since it was written is refused
        // here, before LibTorch parses it.
        const quint64 data = quint64(local) + 30 + u16(qsizetype(local) + 26) + u16(qsizetype(local) + 28);
        if (u32(qsizetype(local)) != 0x04034b50u || data + packed > quint64(size))
            throw damaged(QCoreApplication::translate("PthImport", "record %1 is broken").arg(i));
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
                throw damaged(QCoreApplication::translate("PthImport", "record %1 is broken").arg(i));
            crc = crc32(
                crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef *>(inflated.constData()), uInt(unpacked));
        }
        if (crc != u32(at + 16))
            throw damaged(
                QCoreApplication::translate("PthImport", "the checksum of '%1' does not match its contents")
                    .arg(QString::fromLatin1(reinterpret_cast<const char *>(p + at + 46),
                        std::min<qsizetype>(nameLength, eocd - at - 46))));
        // PyTorch archives keep every record in one folder and always have a version record; LibTorch's
        // reader checks both only after it has set up, and leaks that set-up when it then refuses the file.
        if (at + 46 + qsizetype(nameLength) > eocd)
            throw damaged(QCoreApplication::translate("PthImport", "directory entry %1 is broken").arg(i));
        const QByteArray name(reinterpret_cast<const char *>(p + at + 46), qsizetype(nameLength));
        if (i == 0)
            folder = name.left(name.indexOf('/') + 1);
        if (folder.isEmpty() || !name.startsWith(folder))
            throw damaged(
                QCoreApplication::translate("PthImport", "the record '%1' is outside the archive's folder")
                    .arg(QString::fromLatin1(name)));
        hasVersion = hasVersion || name == folder + "version" || name == folder + ".data/version";
        at += 46 + qsizetype(nameLength) + extraLength + commentLength;
    }
    if (!hasVersion)
        throw damaged(QCoreApplication::translate("PthImport", "it has no version record"));
}

// A native checkpoint's code records declare module classes and nothing else, for example
//   class Module(Module):
//     __parameters__ = ["weight", "bias", ]
//     weight : Tensor
//     model : __torch__.___torch_mangle_0.Module
// Anything outside that shape is refused, naming the line. Empty when the text passes.
static QString checkModuleDeclarations(const QByteArray &code)
{
    static const QRegularExpression allowed(
        QStringLiteral(R"(^(|class Module\(Module\):|  __(parameters|buffers)__ = \[("[A-Za-z0-9_/]+", )*\]|)"
                       R"(  __annotations__ = \[\]|)"
                       R"(  (__annotations__\["[A-Za-z0-9_/]+"\] =|[A-Za-z_][A-Za-z0-9_]* :) )"
                       R"((Tensor|str|int|float|bool|Optional\[bool\]|Tuple\[float, float\]|)"
                       R"(__torch__\.(___torch_mangle_[0-9]+\.)?Module))$)"));
    if (code.size() > (1 << 20))
        return QCoreApplication::translate("PthImport", "the code is larger than a checkpoint's");
    const QList<QByteArray> lines = code.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i)
        if (!allowed.match(QString::fromUtf8(lines[i])).hasMatch())
            return QCoreApplication::translate("PthImport", "line %1 is not a module declaration").arg(i + 1);
    return {};
}

CheckpointFormat detectCheckpointFormat(const QByteArray &bytes, const QString &path)
{
    if (bytes.startsWith("PK\x03\x04")) {
        checkZipDirectory(bytes, path);
        auto zip = openZip(bytes, path);
        bool native = false, pth = false;
        try {
            native = zip->hasRecord("constants.pkl");
            pth = zip->hasRecord("data.pkl");
        } catch (const std::exception &) { }
        if (native) {
            // LibTorch's own unpickler reads native checkpoints and believes every length it finds: check
            // them first.
            std::vector<std::string> names;
            try {
                names = zip->getAllRecords();
            } catch (const std::exception &e) { // for example a record outside the archive's folder
                throw UserError(QCoreApplication::translate("PthImport", "%1 is a damaged zip archive (%2)")
                                    .arg(path, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
            }
            // Its code records are compiled by LibTorch's TorchScript importer, which crashes on some damaged
            // source: only the plain class declarations that a checkpoint holds may reach it.
            for (const std::string &name : names) {
                const auto endsWith = [&name](const char *suffix) {
                    const size_t n = std::strlen(suffix);
                    return name.size() >= n && name.compare(name.size() - n, n, suffix) == 0;
                };
                QString problem;
                if (endsWith("pkl")) {
                    const QByteArray pkl = record(*zip, name, path);
                    problem = pickle::checkStructure(pkl.constData(), size_t(pkl.size()));
                } else if (endsWith(".py")) {
                    problem = checkModuleDeclarations(record(*zip, name, path));
                }
                if (!problem.isEmpty())
                    throw UserError(QCoreApplication::translate("PthImport", "%1 is damaged: in '%2', %3")
                                        .arg(path, QString::fromStdString(name), problem));
            }
            return CheckpointFormat::Native;
        }
        if (pth)
            return CheckpointFormat::Pth;
        throw UserError(QCoreApplication::translate("PthImport",
            "%1 is a zip archive, but neither a Diffusion Explorer checkpoint nor a PyTorch "
            ".pth file (it has no data.pkl)")
                            .arg(path));
    }
    // torch.save before PyTorch 1.6 (or with _use_new_zipfile_serialization=False) wrote a bare pickle that
    // begins with a magic number.
    static const QByteArray legacyMagic = QByteArray::fromHex("80028a0a6cfc9c46f9206aa85019");
    if (bytes.startsWith(legacyMagic)
        || (bytes.size() > 2 && uchar(bytes[0]) == 0x80 && uchar(bytes[1]) <= 5))
        throw UserError(QCoreApplication::translate("PthImport",
            "%1 is in PyTorch's legacy file format (written before PyTorch 1.6, or with "
            "_use_new_zipfile_serialization=False), which this program does not read. Re-save it "
            "with a current PyTorch: torch.save(torch.load(\"%1\"), \"new.pth\")")
                            .arg(path));
    if (bytes.isEmpty())
        throw UserError(QCoreApplication::translate("PthImport", "%1 is empty").arg(path));
    throw UserError(QCoreApplication::translate("PthImport",
        "%1 is neither a Diffusion Explorer checkpoint nor a PyTorch .pth file (it does not begin "
        "like a zip archive)")
                        .arg(path));
}

static StateDict readPthStateDictUnchecked(const QByteArray &bytes, const QString &path);

StateDict readPthStateDict(const QByteArray &bytes, const QString &path)
{
    try {
        return readPthStateDictUnchecked(bytes, path);
    } catch (const UserError &) {
        throw;
    } catch (const std::bad_alloc &) {
        throw UserError(
            QCoreApplication::translate("PthImport", "%1 asks for more memory than there is").arg(path));
    } catch (const std::exception &e) { // anything LibTorch raises on a file the checks let through
        throw UserError(QCoreApplication::translate("PthImport", "%1 cannot be read: %2")
                            .arg(path, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
}

static StateDict readPthStateDictUnchecked(const QByteArray &bytes, const QString &path)
{
    auto zip = openZip(bytes, path);
    const QByteArray pkl = record(*zip, "data.pkl", path);
    pickle::Document doc;
    try {
        doc = pickle::unpickle(pkl.constData(), size_t(pkl.size()));
    } catch (const UserError &e) {
        throw UserError(QCoreApplication::translate("PthImport", "%1: %2").arg(path, e.message()));
    }

    StateDict state;
    const pickle::Value *dict = &doc.at(doc.root);
    if (dict->kind != pickle::Kind::Dict)
        throw UserError(
            QCoreApplication::translate("PthImport", "%1 does not hold a state_dict (a dict of tensors)")
                .arg(path));
    if (!isTensorDict(doc, *dict)) {
        // A checkpoint dict with the weights under one key, as training scripts often save.
        const pickle::Value *found = nullptr;
        QString foundKey;
        for (size_t i = 0; i + 1 < dict->items.size(); i += 2) {
            const pickle::Value &key = doc.at(dict->items[i]);
            const pickle::Value &val = doc.at(dict->items[i + 1]);
            if (key.kind != pickle::Kind::String || (key.text != "model" && key.text != "state_dict"))
                continue;
            if (val.kind != pickle::Kind::Dict || !isTensorDict(doc, val))
                continue;
            if (found)
                throw UserError(QCoreApplication::translate("PthImport",
                    "%1 holds weights under both 'model' and 'state_dict'; it is not clear which to load")
                                    .arg(path));
            found = &val;
            foundKey = QString::fromStdString(key.text);
        }
        if (!found)
            throw UserError(QCoreApplication::translate(
                "PthImport", "%1 holds no tensors at its top level, nor under 'model' or 'state_dict'")
                                .arg(path));
        dict = found;
        state.notes << QCoreApplication::translate("PthImport", "the state_dict was found under the key '%1'")
                           .arg(foundKey);
    }

    // Names and tensors; a prefix in front of the anchor key (nn_model., module.) is removed.
    std::vector<std::pair<std::string, int>> named;
    std::set<std::string> prefixes;
    const std::string anchor = kAnchorKey;
    for (size_t i = 0; i + 1 < dict->items.size(); i += 2) {
        const pickle::Value &key = doc.at(dict->items[i]);
        const pickle::Value &val = doc.at(dict->items[i + 1]);
        if (key.kind != pickle::Kind::String || val.kind != pickle::Kind::Tensor)
            continue;
        named.emplace_back(key.text, int(val.integer));
        if (key.text.size() >= anchor.size()
            && key.text.compare(key.text.size() - anchor.size(), anchor.size(), anchor) == 0)
            prefixes.insert(key.text.substr(0, key.text.size() - anchor.size()));
    }
    if (prefixes.size() > 1) {
        QStringList list;
        for (const std::string &p : prefixes)
            list << QString::fromStdString(p.empty() ? std::string("(none)") : p);
        throw UserError(QCoreApplication::translate(
            "PthImport", "%1 holds more than one model (key prefixes %2); it is not clear which to load")
                            .arg(path, list.join(QStringLiteral(", "))));
    }
    const std::string prefix = prefixes.empty() ? std::string() : *prefixes.begin();
    QStringList ignored;
    std::map<std::string, torch::Tensor> storages; // each storage read once, however many tensors view it
    std::set<std::string> seen;
    std::string byteOrder = "little";
    if (zip->hasRecord("byteorder")) {
        const QByteArray order = record(*zip, "byteorder", path);
        byteOrder = order.toStdString();
    }
    // Views may overlap or repeat (stride 0): the elements they ask for together are bounded by what the file
    // holds, so that a small file cannot ask for gigabytes.
    int64_t storedElements = 0, requestedElements = 0;
    for (const pickle::StorageRef &st : doc.storages)
        storedElements = std::min<int64_t>(storedElements + st.numel, int64_t(1) << 40);
    for (const auto &[name, tensorIndex] : named) {
        if (name.compare(0, prefix.size(), prefix) != 0) {
            ignored << QString::fromStdString(name);
            continue;
        }
        if (!seen.insert(name).second)
            throw UserError(QCoreApplication::translate("PthImport", "%1 names the tensor '%2' twice")
                                .arg(path, QString::fromStdString(name)));
        const pickle::TensorRef &ref = doc.tensors[size_t(tensorIndex)];
        const pickle::StorageRef &storage = doc.storages[size_t(ref.storage)];
        int64_t numel = 1;
        for (int64_t d : ref.sizes)
            if (__builtin_mul_overflow(numel, d, &numel))
                numel = std::numeric_limits<int64_t>::max();
        if (numel > storage.numel || __builtin_add_overflow(requestedElements, numel, &requestedElements)
            || requestedElements > storedElements + 1024)
            throw UserError(QCoreApplication::translate("PthImport",
                "%1: the tensor '%2' repeats the elements of its storage (%3 elements from a storage of %4)")
                                .arg(path, QString::fromStdString(name))
                                .arg(numel)
                                .arg(storage.numel));
        auto it = storages.find(storage.key);
        if (it == storages.end()) {
            const QByteArray bytes = record(*zip, "data/" + storage.key, path);
            const int elem = pickle::elementSize(storage.type);
            if (uint64_t(bytes.size()) < uint64_t(storage.numel) * uint64_t(elem))
                throw UserError(QCoreApplication::translate("PthImport",
                    "%1: the tensor '%2' needs %3 bytes of storage '%4', but the file holds only %5")
                                    .arg(path, QString::fromStdString(name))
                                    .arg(storage.numel * elem)
                                    .arg(QString::fromStdString(storage.key))
                                    .arg(bytes.size()));
            torch::Tensor flat
                = torch::empty({storage.numel}, torch::TensorOptions().dtype(scalarType(storage.type)));
            std::memcpy(flat.data_ptr(), bytes.constData(), size_t(storage.numel) * size_t(elem));
            if (byteOrder == "big" && elem > 1) {
                auto *p = static_cast<unsigned char *>(flat.data_ptr());
                for (int64_t k = 0; k < storage.numel; ++k)
                    std::reverse(p + k * elem, p + (k + 1) * elem);
            }
            it = storages.emplace(storage.key, flat).first;
        } else if (it->second.scalar_type() != scalarType(storage.type)
            || it->second.numel() < storage.numel) {
            throw UserError(QCoreApplication::translate(
                "PthImport", "%1: the storage '%2' is described twice, differently")
                                .arg(path, QString::fromStdString(storage.key)));
        }
        torch::Tensor t = it->second.as_strided(ref.sizes, ref.strides, ref.offset).clone();
        state.entries.emplace_back(name.substr(prefix.size()), t);
    }
    if (!prefix.empty())
        state.notes << QCoreApplication::translate("PthImport", "the prefix '%1' was removed from the keys")
                           .arg(QString::fromStdString(prefix));
    if (!ignored.isEmpty())
        state.notes << QCoreApplication::translate(
            "PthImport", "%n entry(s) outside the model were ignored: %1", nullptr, int(ignored.size()))
                           .arg(ignored.mid(0, 6).join(QStringLiteral(", "))
                               + (ignored.size() > 6 ? QStringLiteral(", …") : QString()));
    return state;
}

ModelConfig inferModelConfig(const StateDict &state, const QString &path, QStringList *notes)
{
    std::map<std::string, torch::Tensor> byName(state.entries.begin(), state.entries.end());
    auto need = [&](const char *key, int64_t dims) -> const torch::Tensor & {
        const auto it = byName.find(key);
        if (it == byName.end()) {
            QStringList first;
            for (size_t i = 0; i < state.entries.size() && i < 4; ++i)
                first << QString::fromStdString(state.entries[i].first);
            throw UserError(QCoreApplication::translate(
                "PthImport", "%1 is not a ContextUnet state_dict: it has no '%2' (its first keys: %3)")
                                .arg(path, QString::fromLatin1(key),
                                    first.isEmpty() ? QCoreApplication::translate("PthImport", "none")
                                                    : first.join(QStringLiteral(", "))));
        }
        if (it->second.dim() != dims)
            throw UserError(QCoreApplication::translate(
                "PthImport", "%1: '%2' has shape %3, but a ContextUnet's has %4 dimensions")
                                .arg(path, QString::fromLatin1(key), shapeText(it->second.sizes()))
                                .arg(dims));
        return it->second;
    };
    const torch::Tensor &init = need(kAnchorKey, 4);
    const torch::Tensor &context = need("contextembed1.model.0.weight", 2);
    const torch::Tensor &up0 = need("up0.0.weight", 4);
    const auto clampInt = [](int64_t v) { return int(std::clamp<int64_t>(v, 0, 1 << 20)); };
    ModelConfig cfg;
    cfg.inChannels = clampInt(init.size(1));
    cfg.nFeat = clampInt(init.size(0));
    cfg.nCFeat = clampInt(context.size(1));
    cfg.height = clampInt(up0.size(2)) * 4;
    cfg.courseShortcut
        = !byName.count("init_conv.shortcut.weight") && !byName.count("init_conv.shortcut.bias");
    const QString problem = cfg.validate();
    if (!problem.isEmpty())
        throw UserError(QCoreApplication::translate(
            "PthImport", "%1: the tensor shapes describe a model this program cannot build: %2")
                            .arg(path, problem));
    if (notes) {
        *notes << QCoreApplication::translate(
            "PthImport", "in_channels %1 and n_feat %2 from init_conv.conv1.0.weight %3")
                      .arg(cfg.inChannels)
                      .arg(cfg.nFeat)
                      .arg(shapeText(init.sizes()));
        *notes << QCoreApplication::translate("PthImport", "n_cfeat %1 from contextembed1.model.0.weight %2")
                      .arg(cfg.nCFeat)
                      .arg(shapeText(context.sizes()));
        *notes << QCoreApplication::translate("PthImport", "height %1 from up0.0.weight's kernel size %2 × 4")
                      .arg(cfg.height)
                      .arg(up0.size(2));
        if (cfg.courseShortcut)
            *notes << QCoreApplication::translate("PthImport",
                "no init_conv.shortcut keys: course-compatible mode, a fresh random 1×1 shortcut on "
                "every forward pass, as in the course");
    }
    return cfg;
}

void loadStateDict(ContextUnet &model, const StateDict &state, const QString &path)
{
    std::map<std::string, torch::Tensor> byName(state.entries.begin(), state.entries.end());
    std::vector<std::pair<std::string, torch::Tensor>> targets;
    for (const auto &p : model->named_parameters())
        targets.emplace_back(p.key(), p.value());
    for (const auto &b : model->named_buffers())
        targets.emplace_back(b.key(), b.value());
    QStringList missing;
    std::set<std::string> used;
    torch::NoGradGuard noGrad;
    for (auto &[name, target] : targets) {
        const auto it = byName.find(name);
        if (it == byName.end()) {
            missing << QString::fromStdString(name);
            continue;
        }
        used.insert(name);
        if (it->second.sizes() != target.sizes())
            throw UserError(QCoreApplication::translate(
                "PthImport", "%1: '%2' should have shape %3, but the file's has shape %4")
                                .arg(path, QString::fromStdString(name), shapeText(target.sizes()),
                                    shapeText(it->second.sizes())));
        target.copy_(it->second);
    }
    if (!missing.isEmpty())
        throw UserError(QCoreApplication::translate(
            "PthImport", "%1 lacks %n weight(s) of %2: %3", nullptr, int(missing.size()))
                            .arg(path, model->config.describe(),
                                missing.mid(0, 6).join(QStringLiteral(", "))
                                    + (missing.size() > 6 ? QStringLiteral(", …") : QString())));
    QStringList unexpected;
    for (const auto &[name, tensor] : state.entries)
        if (!used.count(name))
            unexpected << QString::fromStdString(name);
    if (!unexpected.isEmpty())
        throw UserError(QCoreApplication::translate(
            "PthImport", "%1 has %n key(s) that %2 does not have: %3", nullptr, int(unexpected.size()))
                            .arg(path, model->config.describe(),
                                unexpected.mid(0, 6).join(QStringLiteral(", "))
                                    + (unexpected.size() > 6 ? QStringLiteral(", …") : QString())));
}

LoadedCheckpoint loadPthCheckpoint(const QByteArray &bytes, const QString &path)
{
    try {
        return loadPthCheckpointUnchecked(bytes, path);
    } catch (const UserError &) {
        throw;
    } catch (const std::exception &e) { // anything LibTorch raises on a file the checks above let through
        throw UserError(QCoreApplication::translate("PthImport", "%1 cannot be read: %2")
                            .arg(path, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
}

static LoadedCheckpoint loadPthCheckpointUnchecked(const QByteArray &bytes, const QString &path)
{
    const StateDict state = readPthStateDict(bytes, path);
    LoadedCheckpoint loaded;
    CheckpointInfo &info = loaded.info;
    info.format = CheckpointInfo::Format::Pth;
    info.notes = state.notes;
    info.config = inferModelConfig(state, path, &info.notes);
    if (info.config.nCFeat == 5) {
        info.classNames = courseSpriteClassNames();
        info.notes << QCoreApplication::translate(
            "PthImport", "class names assumed to be the course's sprite classes");
    } else {
        for (int k = 0; k < info.config.nCFeat; ++k)
            info.classNames << QCoreApplication::translate("PthImport", "class %1").arg(k);
    }
    info.dataset = QCoreApplication::translate("PthImport", "unknown (PyTorch file)");
    loaded.model = ContextUnet(info.config);
    loadStateDict(loaded.model, state, path);
    return loaded;
}

void writePth(ContextUnet &model, const QString &path)
{
    // A dict of name -> tensor, parameters and buffers (BatchNorm statistics) alike, in the module's order.
    c10::Dict<std::string, at::Tensor> state;
    for (const auto &p : model->named_parameters())
        state.insert(p.key(), p.value().detach().clone());
    for (const auto &b : model->named_buffers())
        state.insert(b.key(), b.value().detach().clone());
    std::vector<char> bytes;
    try {
        bytes = torch::pickle_save(c10::IValue(state));
    } catch (const c10::Error &e) {
        throw UserError(QCoreApplication::translate("PthImport", "Could not serialise the state_dict: %1")
                            .arg(QString::fromStdString(e.what_without_backtrace())));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()) || !file.commit())
        throw UserError(
            QCoreApplication::translate("PthImport", "Could not write %1: %2").arg(path, file.errorString()));
}

} // namespace de
