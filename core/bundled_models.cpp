#include "bundled_models.h"

#include "checkpoint.h"
#include "user_error.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>

// The resource object made by qt_add_big_resources (core/CMakeLists.txt) registers itself only when linked;
// naming its initialiser here makes the linker keep it.
static void registerModelResources()
{
    static const bool once = [] {
        Q_INIT_RESOURCE(models);
        return true;
    }();
    Q_UNUSED(once);
}

namespace de {

static const QString kPrefix = QStringLiteral("bundled:");

QVector<BundledModel> bundledModels()
{
    registerModelResources();
    const auto make = [](const QString &id, const QString &title, const QString &description) {
        return BundledModel {id, title, description, QStringLiteral(":/models/%1.ckpt").arg(id),
            QStringLiteral(":/models/%1-classifier.ckpt").arg(id)};
    };
    return {make(QStringLiteral("sprites"), QCoreApplication::translate("BundledModels", "Sprites"),
                QCoreApplication::translate("BundledModels",
                    "16×16 colour emoji sprites in five classes (faces, people, animals, food, objects), "
                    "trained with this program")),
        make(QStringLiteral("fashion"), QCoreApplication::translate("BundledModels", "Fashion-MNIST"),
            QCoreApplication::translate(
                "BundledModels", "28×28 grey clothing images in ten classes, trained with this program"))};
}

const BundledModel *findBundledModel(const QString &nameOrPath)
{
    static const QVector<BundledModel> models = bundledModels();
    for (const BundledModel &m : models)
        if (kPrefix + m.id == nameOrPath || m.checkpointPath == nameOrPath)
            return &m;
    return nullptr;
}

QString resolveModelPath(const QString &nameOrPath)
{
    registerModelResources();
    if (!nameOrPath.startsWith(kPrefix))
        return nameOrPath;
    if (const BundledModel *m = findBundledModel(nameOrPath))
        return m->checkpointPath;
    QStringList known;
    for (const BundledModel &m : bundledModels())
        known << kPrefix + m.id;
    throw UserError(QCoreApplication::translate("BundledModels", "There is no bundled model \"%1\"; use %2")
                        .arg(nameOrPath.mid(kPrefix.size()), known.join(QStringLiteral(" or "))));
}

QString displayModelPath(const QString &path)
{
    if (const BundledModel *m = findBundledModel(path))
        return kPrefix + m->id;
    return path;
}

double writeHalfPrecisionCopy(const QString &inPath, const QString &outPath, double tolerance)
{
    if (QFileInfo(inPath).canonicalFilePath() == QFileInfo(outPath).canonicalFilePath()
        && QFileInfo::exists(outPath))
        throw UserError(QCoreApplication::translate("BundledModels",
            "Write the half-precision copy of %1 to another file: it would replace its own source")
                            .arg(inPath));
    LoadedCheckpoint in = loadCheckpoint(inPath);
    // Made and checked in memory; the target is written only when the copy passes.
    const QByteArray bytes = checkpointBytes(in.model, nullptr, in.info, WeightStorage::Float16);
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
        throw UserError(QCoreApplication::translate("BundledModels",
            "Half precision changes the output of %1 by %2, more than the allowed %3; keep it in float32")
                            .arg(inPath)
                            .arg(diff, 0, 'g', 3)
                            .arg(tolerance, 0, 'g', 3));
    QSaveFile out(outPath);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
        throw UserError(QCoreApplication::translate("BundledModels", "Could not write %1: %2")
                            .arg(outPath, out.errorString()));
    return diff;
}

} // namespace de
