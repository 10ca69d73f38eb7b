#include "files/pth_import.h"

#include "atomic_file.h"
#include "data/extra_datasets.h"
#include "files/pickle_reader.h"
#include "files/pth_sidecar.h"
#include "files/zip_archive.h"
#include "user_error.h"

#include <cstring>
#include <limits>
#include <map>
#include <set>

namespace de {

namespace {

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
    const QByteArray pkl = zipRecord(*zip, "data.pkl", path);
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
        const QByteArray order = zipRecord(*zip, "byteorder", path);
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
            const QByteArray bytes = zipRecord(*zip, "data/" + storage.key, path);
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
    applySidecar(path, &info); // class names, data set and schedule, when tools/train_ddp.py wrote them
    if (info.sidecar.isEmpty()) {
        info.dataset = QCoreApplication::translate("PthImport", "unknown (PyTorch file)");
        if (info.config.nCFeat == 5) {
            info.classNames = courseSpriteClassNames();
            info.notes << QCoreApplication::translate(
                "PthImport", "class names assumed to be the course's sprite classes");
        } else {
            for (int k = 0; k < info.config.nCFeat; ++k)
                info.classNames << QCoreApplication::translate("PthImport", "class %1").arg(k);
        }
    }
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
    writeFileOrThrow(path, QByteArray::fromRawData(bytes.data(), qsizetype(bytes.size())));
}

} // namespace de
