// interpolate: walk between the initial noises of two seeds (and, optionally, two contexts) as a strip of
// frames.
#include "commands.h"
#include "options.h"

#include "files/gif_writer.h"
#include "files/model_file.h"
#include "files/npy_writer.h"
#include "user_error.h"
#include "worker/diffusion_worker.h"

#include <QCoreApplication>

namespace de::cli {

int interpolate(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addOptions({
        modelOption(),
        weightsOption(),
        {QStringLiteral("seeds"),
            QCoreApplication::translate("Cli",
                "Two different seeds A,B: the first frame is exactly what sample --seed A --n 1 draws, the "
                "last what --seed B draws."),
            QCoreApplication::translate("Cli", "A,B")},
        {QStringLiteral("frames"),
            QCoreApplication::translate("Cli", "Number of frames, 2 to 256, ends included. Default 8."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("contexts"),
            QCoreApplication::translate("Cli",
                "Two context vectors v1;v2 (n_cfeat values each, or \"none\") to move between in a straight "
                "line while the noise moves."),
            QCoreApplication::translate("Cli", "V1;V2")},
        {QStringLiteral("sampler"),
            QCoreApplication::translate("Cli",
                "ddim (with eta 0), dpm-solver++ or unipc: a walk needs a sampler that adds no noise. "
                "Default ddim."),
            QStringLiteral("ddim|dpm-solver++|unipc"), QStringLiteral("ddim")},
        stepsOption(),
        {QStringLiteral("eta"), QCoreApplication::translate("Cli", "DDIM noise; only 0 is accepted here."),
            QCoreApplication::translate("Cli", "X")},
        {QStringLiteral("class"), QCoreApplication::translate("Cli", "Class index or name for every frame."),
            QCoreApplication::translate("Cli", "K")},
        {QStringLiteral("context"),
            QCoreApplication::translate("Cli", "A context vector v1,v2,... for every frame, or \"none\"."),
            QCoreApplication::translate("Cli", "VALUES")},
        guidanceOption(),
        {QStringLiteral("out"),
            QCoreApplication::translate("Cli", "PNG strip to write, one frame per column."),
            QCoreApplication::translate("Cli", "FILE")},
        {QStringLiteral("npy"),
            QCoreApplication::translate(
                "Cli", "Also write the frames as a .npy array (N, C, H, W), float32."),
            QCoreApplication::translate("Cli", "FILE")},
        {QStringLiteral("gif"),
            QCoreApplication::translate("Cli", "Also write the walk as an animated GIF, there and back."),
            QCoreApplication::translate("Cli", "FILE")},
        {QStringLiteral("scale"), QCoreApplication::translate("Cli", "Pixels per image pixel. Default 4."),
            QCoreApplication::translate("Cli", "N")},
        threadsOption(),
        precisionOption(),
    });
    const int parsed = parse(p, arguments,
        QCoreApplication::translate("Cli",
            "Walk between the initial noises of two seeds (spherical interpolation) and, optionally, between "
            "two contexts, sampling one image per frame."));
    if (parsed >= 0)
        return parsed;
    int status = 0;
    const QString checkpoint = p.value(QStringLiteral("checkpoint"));
    const QString outPath = p.value(QStringLiteral("out"));
    if (checkpoint.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "interpolate needs --checkpoint FILE."));
    if (outPath.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "interpolate needs --out FILE.png."));
    if (!p.isSet(QStringLiteral("seeds")))
        return usageError(QCoreApplication::translate("Cli", "interpolate needs --seeds A,B."));
    SampleRequest r;
    r.checkpointPath = checkpoint;
    r.frames = 8;
    r.reportSteps = false;
    if (!samplerOption(p, &r.kind, &status) || !weightsValue(p, &r.weights, &status))
        return status;
    const QStringList seeds = p.value(QStringLiteral("seeds")).split(QLatin1Char(','));
    bool okA = false, okB = false;
    if (seeds.size() == 2) {
        r.seed = seeds[0].trimmed().toULongLong(&okA);
        r.seedB = seeds[1].trimmed().toULongLong(&okB);
    }
    if (!okA || !okB)
        return usageError(
            QCoreApplication::translate("Cli", "--seeds needs two whole numbers A,B (got \"%1\").")
                .arg(p.value(QStringLiteral("seeds"))));
    if (r.seed == r.seedB)
        return usageError(
            QCoreApplication::translate("Cli", "--seeds needs two different seeds (both are %1).")
                .arg(r.seed));
    qint64 steps = r.ddimSteps, frames = r.frames, scale = 4;
    if (!toInt(p, QStringLiteral("steps"), 1, 500, &steps, &status)
        || !toInt(p, QStringLiteral("frames"), 2, 256, &frames, &status)
        || !toInt(p, QStringLiteral("scale"), 1, 64, &scale, &status)
        || !toDouble(p, QStringLiteral("eta"), 0.0, 1.0, &r.eta, &status))
        return status;
    if (r.kind == SamplerKind::Ddpm || r.eta > 0.0)
        return usageError(QCoreApplication::translate("Cli",
            "interpolate needs a sampler that adds no noise: --sampler ddim (eta 0), dpm-solver++ or "
            "unipc."));
    r.ddimSteps = int(steps);
    r.frames = int(frames);
    if (!guidanceValue(p, &r.useGuidance, &r.guidance, &status))
        return status;
    const int given = int(p.isSet(QStringLiteral("class"))) + int(p.isSet(QStringLiteral("context")))
        + int(p.isSet(QStringLiteral("contexts")));
    if (given > 1)
        return usageError(
            QCoreApplication::translate("Cli", "Give one of --class, --context and --contexts."));

    CheckpointInfo info;
    try {
        info = readCheckpointInfo(checkpoint);
    } catch (const UserError &e) {
        return fail(e.message(), 2);
    }
    const int k = info.config.nCFeat;
    if (p.isSet(QStringLiteral("class"))) {
        int cls = 0;
        if (!classIndex(p.value(QStringLiteral("class")), info, &cls, &status))
            return status;
        r.context.fill(0.0f, k);
        r.context[cls] = 1.0f;
    } else if (p.isSet(QStringLiteral("context"))) {
        if (!contextOption(p, k, &r.context, &status))
            return status;
    } else if (p.isSet(QStringLiteral("contexts"))) {
        const QStringList two = p.value(QStringLiteral("contexts")).split(QLatin1Char(';'));
        if (two.size() != 2)
            return usageError(QCoreApplication::translate(
                "Cli", "--contexts needs two context vectors separated by ';' (got %1).")
                                  .arg(two.size()));
        if (!contextValues(two[0], QStringLiteral("contexts"), k, &r.context, &status)
            || !contextValues(two[1], QStringLiteral("contexts"), k, &r.contextB, &status))
            return status;
        if (r.contextB.isEmpty()) // "v1;none": moving to no context means moving to zeros
            r.contextB.fill(0.0f, k);
    }
    const int threads = applyThreads(p, &status);
    if (threads == 0)
        return status;
    if (!applyPrecision(p, &status))
        return status;

    const QString npyPath = p.value(QStringLiteral("npy")), gifPath = p.value(QStringLiteral("gif"));
    DiffusionEngine engine(threads);
    DiffusionWorker *w = engine.worker();
    QObject::connect(w, &DiffusionWorker::status, &engine, [](const QString &m) { out() << m << Qt::endl; });
    QObject::connect(w, &DiffusionWorker::samplingFinished, &engine, [&](const SampleResult &res) {
        if (res.cancelled) {
            err() << QCoreApplication::translate("Cli", "Sampling was stopped; nothing was written.")
                  << Qt::endl;
            QCoreApplication::exit(130);
            return;
        }
        const ImageBatch &b = res.images;
        if (!savePng(outPath, b.grid(b.n, int(scale), 2))) {
            QCoreApplication::exit(1);
            return;
        }
        out() << QCoreApplication::translate("Cli", "Wrote %1 frames to %2.").arg(b.n).arg(outPath)
              << Qt::endl;
        if (!npyPath.isEmpty()) {
            const QString problem
                = writeNpyFloat32(npyPath, {b.n, b.c, b.h, b.w}, b.values.constData(), b.values.size());
            if (!problem.isEmpty()) {
                QCoreApplication::exit(fail(problem, 1));
                return;
            }
            out() << QCoreApplication::translate("Cli", "Wrote the frames to %1.").arg(npyPath) << Qt::endl;
        }
        if (!gifPath.isEmpty()) {
            QVector<QImage> frames;
            for (int i = 0; i < b.n; ++i) {
                const QImage frame = b.image(i);
                frames.push_back(frame.scaled(frame.size() * int(scale)));
            }
            for (int i = b.n - 2; i > 0; --i) // and back, so that the loop has no jump
                frames.push_back(frames[i]);
            const QString problem = writeAnimatedGif(gifPath, frames, 12);
            if (!problem.isEmpty()) {
                QCoreApplication::exit(fail(problem, 1));
                return;
            }
            out() << QCoreApplication::translate("Cli", "Wrote the animation to %1.").arg(gifPath)
                  << Qt::endl;
        }
        QCoreApplication::exit(0);
    });
    engine.startSampling(r);
    return runUntilDone(engine);
}

} // namespace de::cli
