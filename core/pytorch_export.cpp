#include "pytorch_export.h"

#include "checkpoint.h"
#include "pth_import.h"
#include "user_error.h"

#include <QCoreApplication>

namespace de {

void exportCheckpointToPth(const QString &checkpointPath, const QString &pthPath)
{
    LoadedCheckpoint loaded = loadCheckpoint(checkpointPath);
    writePth(loaded.model, pthPath);
}

CheckpointInfo convertCheckpoint(const QString &inPath, const QString &outPath)
{
    LoadedCheckpoint loaded = loadCheckpoint(inPath);
    const bool toPth = outPath.endsWith(QStringLiteral(".pth"), Qt::CaseInsensitive)
        || outPath.endsWith(QStringLiteral(".pt"), Qt::CaseInsensitive);
    if (toPth) {
        writePth(loaded.model, outPath);
    } else {
        if (loaded.info.format == CheckpointInfo::Format::Native)
            throw UserError(QCoreApplication::translate("PytorchExport",
                "%1 is already a Diffusion Explorer checkpoint; to make a PyTorch file, give the output a "
                ".pth "
                "suffix")
                                .arg(inPath));
        saveCheckpoint(outPath, loaded.model, nullptr, loaded.info);
    }
    return loaded.info;
}

} // namespace de
