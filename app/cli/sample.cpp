// sample: draw samples from a checkpoint with DDPM or DDIM into a PNG grid (and the trajectory as .npy).
#include "commands.h"
#include "options.h"

#include "files/model_file.h"
#include "files/npy_writer.h"
#include "user_error.h"
#include "worker/diffusion_worker.h"

#include <QCoreApplication>

#include <cmath>

namespace de::cli {

int sample(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addOptions({
        modelOption(),
        weightsOption(),
        {QStringLiteral("sampler"),
            QCoreApplication::translate("Cli",
                "ddpm (all timesteps), ddim (few steps), dpm-solver++ (fewest steps) or unipc (fewest "
                "steps, each corrected). Default ddim."),
            QStringLiteral("ddpm|ddim|dpm-solver++|unipc"), QStringLiteral("ddim")},
        stepsOption(),
        {QStringLiteral("eta"),
            QCoreApplication::translate("Cli", "DDIM noise: 0 is deterministic. Default 0."),
            QCoreApplication::translate("Cli", "X")},
        {QStringLiteral("n"), QCoreApplication::translate("Cli", "Number of samples. Default 16."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("class"),
            QCoreApplication::translate("Cli",
                "Class index or name for every sample, or \"all\" to cycle through the "
                "classes (the default)."),
            QCoreApplication::translate("Cli", "K")},
        {QStringLiteral("context"),
            QCoreApplication::translate("Cli",
                "A context vector v1,v2,... of n_cfeat values for every sample (mixtures "
                "allowed), or \"none\"."),
            QCoreApplication::translate("Cli", "VALUES")},
        guidanceOption(),
        {QStringLiteral("seed"),
            QCoreApplication::translate(
                "Cli", "Seed for the initial noise and the sampler noise. Default 0."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("out"), QCoreApplication::translate("Cli", "PNG grid to write."),
            QCoreApplication::translate("Cli", "FILE")},
        {QStringLiteral("scale"),
            QCoreApplication::translate("Cli", "Pixels per image pixel in the grid. Default 4."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("trajectory"),
            QCoreApplication::translate(
                "Cli", "Also write every step's x_t as a .npy array (steps+1, n, C, H, W)."),
            QCoreApplication::translate("Cli", "FILE")},
        {QStringLiteral("init"),
            QCoreApplication::translate("Cli",
                "Start from this image (PNG, JPEG…) noised to --start-t instead of from pure noise (SDEdit); "
                "it is resized to the model's size when it differs."),
            QCoreApplication::translate("Cli", "IMAGE")},
        {QStringLiteral("start-t"),
            QCoreApplication::translate("Cli",
                "The timestep to noise --init to, 1 to T: small keeps the image, T keeps only its faintest "
                "trace. Default T."),
            QCoreApplication::translate("Cli", "T")},
        {QStringLiteral("mask"),
            QCoreApplication::translate("Cli",
                "Inpainting (needs --init): an image as large as --init or the model, white where the model "
                "repaints, black where --init is kept exactly."),
            QCoreApplication::translate("Cli", "IMAGE")},
        threadsOption(),
        precisionOption(),
    });
    const int parsed
        = parse(p, arguments, QCoreApplication::translate("Cli", "Sample a checkpoint into a PNG grid."));
    if (parsed >= 0)
        return parsed;
    int status = 0;
    const QString checkpoint = p.value(QStringLiteral("checkpoint"));
    const QString outPath = p.value(QStringLiteral("out"));
    if (checkpoint.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "sample needs --checkpoint FILE."));
    if (outPath.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "sample needs --out FILE.png."));
    SampleRequest r;
    r.checkpointPath = checkpoint;
    if (!samplerOption(p, &r.kind, &status) || !weightsValue(p, &r.weights, &status))
        return status;
    qint64 steps = r.ddimSteps, n = r.count, seed = 0, scale = 4;
    if (!toInt(p, QStringLiteral("steps"), 1, 500, &steps, &status)
        || !toInt(p, QStringLiteral("n"), 1, 1024, &n, &status)
        || !toInt(p, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &seed, &status)
        || !toInt(p, QStringLiteral("scale"), 1, 64, &scale, &status)
        || !toDouble(p, QStringLiteral("eta"), 0.0, 1.0, &r.eta, &status))
        return status;
    if (!guidanceValue(p, &r.useGuidance, &r.guidance, &status))
        return status;
    if (!applyPrecision(p, &status))
        return status;
    r.ddimSteps = int(steps);
    r.count = int(n);
    r.seed = quint64(seed);
    if (p.isSet(QStringLiteral("class")) && p.isSet(QStringLiteral("context")))
        return usageError(QCoreApplication::translate("Cli", "Give --class or --context, not both."));

    CheckpointInfo info;
    try {
        info = readCheckpointInfo(checkpoint);
    } catch (const UserError &e) {
        return fail(e.message(), 2);
    }
    const int k = info.config.nCFeat;
    int columns = int(std::ceil(std::sqrt(double(r.count))));
    if (p.isSet(QStringLiteral("context"))) {
        QVector<float> one;
        if (!contextOption(p, k, &one, &status))
            return status;
        if (!one.isEmpty())
            for (int i = 0; i < r.count; ++i)
                r.context += one;
    } else {
        const QString cls = p.value(QStringLiteral("class"));
        int fixed = -1;
        if (!cls.isEmpty() && cls != QLatin1String("all")) {
            if (!classIndex(cls, info, &fixed, &status))
                return status;
        } else {
            columns = std::min(k, r.count);
        }
        r.context.fill(0.0f, qsizetype(r.count) * k);
        for (int i = 0; i < r.count; ++i)
            r.context[qsizetype(i) * k + (fixed >= 0 ? fixed : i % k)] = 1.0f;
    }
    if (!startImageOptions(p, info.config, &r, &status))
        return status;
    const QString trajectoryPath = p.value(QStringLiteral("trajectory"));
    r.reportSteps = !trajectoryPath.isEmpty();
    const int threads = applyThreads(p, &status);
    if (threads == 0)
        return status;

    DiffusionEngine engine(threads);
    DiffusionWorker *w = engine.worker();
    QVector<float> trajectory;
    int trajectorySteps = 0;
    QObject::connect(w, &DiffusionWorker::status, &engine, [](const QString &m) { out() << m << Qt::endl; });
    QObject::connect(w, &DiffusionWorker::samplingStep, &engine, [&](const SampleStep &s) {
        trajectory += s.x.values;
        ++trajectorySteps;
    });
    QObject::connect(w, &DiffusionWorker::samplingFinished, &engine, [&](const SampleResult &res) {
        if (res.cancelled) {
            err() << QCoreApplication::translate("Cli", "Sampling was stopped; nothing was written.")
                  << Qt::endl;
            QCoreApplication::exit(130);
            return;
        }
        if (!savePng(outPath, res.images.grid(columns, int(scale), 2))) {
            QCoreApplication::exit(1);
            return;
        }
        out() << QCoreApplication::translate("Cli", "Wrote %1 samples to %2.").arg(res.images.n).arg(outPath)
              << Qt::endl;
        if (!trajectoryPath.isEmpty()) {
            const ImageBatch &b = res.images;
            const QString problem = writeNpyFloat32(trajectoryPath, {trajectorySteps, b.n, b.c, b.h, b.w},
                trajectory.constData(), trajectory.size());
            if (!problem.isEmpty()) {
                QCoreApplication::exit(fail(problem, 1));
                return;
            }
            out() << QCoreApplication::translate("Cli", "Wrote the trajectory (%1 steps) to %2.")
                         .arg(trajectorySteps)
                         .arg(trajectoryPath)
                  << Qt::endl;
        }
        QCoreApplication::exit(0);
    });
    engine.startSampling(r);
    return runUntilDone(engine);
}

} // namespace de::cli
