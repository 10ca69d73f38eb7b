#include "files/conversion.h"

#include "atomic_file.h"
#include "files/checkpoint.h"
#include "files/model_file.h"
#include "files/pth_import.h"
#include "user_error.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace de {

void exportCheckpointToPth(const QString &checkpointPath, const QString &pthPath, WeightChoice choice)
{
    LoadedCheckpoint loaded = loadCheckpoint(checkpointPath, choice);
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
            throw UserError(QCoreApplication::translate("Conversion",
                "%1 is already a Diffusion Explorer checkpoint; to make a PyTorch file, give the output a "
                ".pth "
                "suffix")
                                .arg(inPath));
        saveCheckpoint(outPath, loaded.model, nullptr, loaded.info);
    }
    return loaded.info;
}

double writeHalfPrecisionCopy(const QString &inPath, const QString &outPath, double tolerance)
{
    if (QFileInfo(inPath).canonicalFilePath() == QFileInfo(outPath).canonicalFilePath()
        && QFileInfo::exists(outPath))
        throw UserError(QCoreApplication::translate("Conversion",
            "Write the half-precision copy of %1 to another file: it would replace its own source")
                            .arg(inPath));
    LoadedCheckpoint in = loadCheckpoint(inPath);
    // Made and checked in memory; the target is written only when the copy passes.
    CheckpointInfo info = in.info;
    info.averageOnly = in.info.hasAverage || in.info.averageOnly; // in.model is the average when there is one
    const QByteArray bytes = checkpointBytes(in.model, nullptr, info, WeightStorage::Float16);
    LoadedCheckpoint copy = loadCheckpointData(bytes, outPath);
    const ModelConfig &c = in.info.config;
    torch::NoGradGuard noGrad;
    in.model->eval();
    copy.model->eval();
    // Noisy images at every tenth of the schedule, each class in turn and no context: what samplers ask.
    const int n = 20;
    auto gen = at::detail::createCPUGenerator(7);
    const torch::Tensor x = torch::randn({n, c.inChannels, c.height, c.height}, gen);
    const torch::Tensor t = torch::linspace(0.05, 1.0, n);
    torch::Tensor ctx = torch::zeros({n, c.nCFeat});
    for (int i = 0; i < n / 2; ++i)
        ctx[i][i % c.nCFeat] = 1.0;
    // A course-compatible model draws its shortcut on every pass: both draw the same one.
    in.model->setShortcutGenerator(at::detail::createCPUGenerator(11));
    copy.model->setShortcutGenerator(at::detail::createCPUGenerator(11));
    const torch::Tensor a = in.model->forward(x, t, ctx);
    const double diff = (a - copy.model->forward(x, t, ctx)).abs().max().item<double>();
    if (!(diff <= tolerance))
        throw UserError(QCoreApplication::translate("Conversion",
            "Half precision changes the output of %1 by %2, more than the allowed %3; keep it in float32")
                            .arg(inPath)
                            .arg(diff, 0, 'g', 3)
                            .arg(tolerance, 0, 'g', 3));
    writeFileOrThrow(outPath, bytes);
    return diff;
}

} // namespace de
