#include "files/pth_sidecar.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace de {

QString sidecarPath(const QString &pthPath)
{
    const QFileInfo file(pthPath);
    const QString base = file.suffix().compare(QLatin1String("pth"), Qt::CaseInsensitive) == 0
        ? file.completeBaseName()
        : file.fileName();
    return file.dir().filePath(base + QStringLiteral(".json"));
}

// Why the sidecar's JSON does not describe this model, or an empty string when it does.
static QString mismatch(const QJsonObject &o, const ModelConfig &config)
{
    if (o.value(QStringLiteral("format")).toString() != QLatin1String("diffusion-explorer-sidecar"))
        return QCoreApplication::translate("PthSidecar",
            "it is not a Diffusion Explorer sidecar (no \"format\": \"diffusion-explorer-sidecar\")");
    const QJsonArray classes = o.value(QStringLiteral("classes")).toArray();
    if (classes.size() != config.nCFeat)
        return QCoreApplication::translate(
            "PthSidecar", "it names %1 classes but the model has a context of length %2")
            .arg(classes.size())
            .arg(config.nCFeat);
    const struct
    {
        const char *key;
        int value;
    } sizes[] = {{"channels", config.inChannels}, {"height", config.height}, {"width", config.height},
        {"n_feat", config.nFeat}, {"n_cfeat", config.nCFeat}};
    for (const auto &s : sizes) {
        const QJsonValue v = o.value(QLatin1String(s.key));
        if (!v.isUndefined() && v.toInt(-1) != s.value)
            return QCoreApplication::translate("PthSidecar", "it says %1 = %2 but the weights have %3")
                .arg(QLatin1String(s.key))
                .arg(v.toVariant().toString())
                .arg(s.value);
    }
    const QString schedule = o.value(QStringLiteral("schedule")).toString(QStringLiteral("linear"));
    if (schedule != QLatin1String("linear") && schedule != QLatin1String("cosine"))
        return QCoreApplication::translate("PthSidecar", "its schedule \"%1\" is neither linear nor cosine")
            .arg(schedule);
    const int timesteps = o.value(QStringLiteral("timesteps")).toInt(500);
    if (timesteps != 500)
        return QCoreApplication::translate(
            "PthSidecar", "it was trained with %1 timesteps; the program's models have 500")
            .arg(timesteps);
    return {};
}

void applySidecar(const QString &pthPath, CheckpointInfo *info)
{
    const QString path = sidecarPath(pthPath);
    QFile file(path);
    if (!file.exists())
        return;
    const QString shown = QDir::toNativeSeparators(path);
    QJsonParseError error;
    const QJsonDocument doc = file.open(QIODevice::ReadOnly) && file.size() < (1 << 20)
        ? QJsonDocument::fromJson(file.readAll(), &error)
        : QJsonDocument();
    if (!doc.isObject()) {
        info->notes
            << QCoreApplication::translate("PthSidecar", "%1 ignored: it is not readable JSON").arg(shown);
        return;
    }
    const QJsonObject o = doc.object();
    const QString problem = mismatch(o, info->config);
    if (!problem.isEmpty()) {
        info->notes << QCoreApplication::translate("PthSidecar", "%1 ignored: %2").arg(shown, problem);
        return;
    }
    info->sidecar = path;
    info->classNames.clear();
    for (const QJsonValue &name : o.value(QStringLiteral("classes")).toArray())
        info->classNames << name.toString();
    info->dataset = o.value(QStringLiteral("dataset")).toString(info->dataset);
    info->config.schedule = o.value(QStringLiteral("schedule")).toString() == QLatin1String("cosine")
        ? ScheduleKind::Cosine
        : ScheduleKind::Linear;
    info->trainedSteps = o.value(QStringLiteral("steps")).toInteger();
    info->batch = o.value(QStringLiteral("batch")).toInt(info->batch);
    info->lr = o.value(QStringLiteral("lr")).toDouble(info->lr);
    info->seed = quint64(o.value(QStringLiteral("seed")).toInteger());
    info->lastLoss = o.value(QStringLiteral("last_loss")).toDouble();
    info->savedAt = o.value(QStringLiteral("saved_at")).toString();
    info->lossWeighting = o.value(QStringLiteral("loss_weighting")).toString(info->lossWeighting);
    info->minSnrGamma = o.value(QStringLiteral("min_snr_gamma")).toDouble(info->minSnrGamma);
    info->inputPerturbation = o.value(QStringLiteral("input_perturbation")).toDouble();
    info->contextDropout = 1.0 - o.value(QStringLiteral("context_keep")).toDouble(0.9);
    info->warmupSteps = o.value(QStringLiteral("warmup")).toInteger();
    info->emaHalfLife = o.value(QStringLiteral("ema_half_life")).toDouble();
    info->emaDecay = o.value(QStringLiteral("ema_decay")).toDouble();
    info->averageOnly = o.value(QStringLiteral("weights")).toString() == QLatin1String("ema");
    info->notes << QCoreApplication::translate("PthSidecar",
        "class names, data set and schedule from %1 (trained by tools/train_ddp.py, world size %2, %3)")
                       .arg(shown)
                       .arg(o.value(QStringLiteral("world_size")).toInt(1))
                       .arg(o.value(QStringLiteral("backend")).toString(QStringLiteral("?")));
}

} // namespace de
