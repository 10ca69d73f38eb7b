#include "files/model_file.h"

#include "files/bundled_models.h"
#include "files/checkpoint.h"
#include "files/pth_import.h"
#include "files/zip_archive.h"
#include "user_error.h"

#include <QCoreApplication>
#include <QFile>

namespace de {

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
            checkNativeRecords(*zip, path);
            return CheckpointFormat::Native;
        }
        if (pth)
            return CheckpointFormat::Pth;
        throw UserError(QCoreApplication::translate("ModelFile",
            "%1 is a zip archive, but neither a Diffusion Explorer checkpoint nor a PyTorch "
            ".pth file (it has no data.pkl)")
                            .arg(path));
    }
    // torch.save before PyTorch 1.6 (or with _use_new_zipfile_serialization=False) wrote a bare pickle that
    // begins with a magic number.
    static const QByteArray legacyMagic = QByteArray::fromHex("80028a0a6cfc9c46f9206aa85019");
    if (bytes.startsWith(legacyMagic)
        || (bytes.size() > 2 && uchar(bytes[0]) == 0x80 && uchar(bytes[1]) <= 5))
        throw UserError(QCoreApplication::translate("ModelFile",
            "%1 is in PyTorch's legacy file format (written before PyTorch 1.6, or with "
            "_use_new_zipfile_serialization=False), which this program does not read. Re-save it "
            "with a current PyTorch: torch.save(torch.load(\"%1\"), \"new.pth\")")
                            .arg(path));
    if (bytes.isEmpty())
        throw UserError(QCoreApplication::translate("ModelFile", "%1 is empty").arg(path));
    throw UserError(QCoreApplication::translate("ModelFile",
        "%1 is neither a Diffusion Explorer checkpoint nor a PyTorch .pth file (it does not begin "
        "like a zip archive)")
                        .arg(path));
}

// The file's bytes; path is already resolved.
static QByteArray readModelFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        throw UserError(QCoreApplication::translate("ModelFile", "Checkpoint not found: %1").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        throw UserError(
            QCoreApplication::translate("ModelFile", "Cannot read %1: %2").arg(path, file.errorString()));
    return file.readAll();
}

CheckpointInfo readCheckpointInfo(const QString &nameOrPath)
{
    const QString path = resolveModelPath(nameOrPath);
    const QByteArray bytes = readModelFile(path);
    if (detectCheckpointFormat(bytes, path) == CheckpointFormat::Pth)
        return loadPthCheckpoint(bytes, path).info; // the shapes are only known once the tensors are read
    return readNativeCheckpointInfo(bytes, path);
}

LoadedCheckpoint loadCheckpoint(const QString &nameOrPath, WeightChoice choice)
{
    const QString path = resolveModelPath(nameOrPath);
    return loadCheckpointData(readModelFile(path), path, choice);
}

LoadedCheckpoint loadCheckpointData(const QByteArray &bytes, const QString &path, WeightChoice choice)
{
    if (detectCheckpointFormat(bytes, path) == CheckpointFormat::Pth) {
        LoadedCheckpoint loaded = loadPthCheckpoint(bytes, path); // a state_dict has one set of weights
        loaded.raw = loaded.model;
        return loaded;
    }
    return readNativeCheckpoint(bytes, path, choice);
}

} // namespace de
