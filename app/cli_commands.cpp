#include "cli_commands.h"

#include "data/dataset_catalog.h"
#include "diffusion/benchmark.h"
#include "explain/transpose_conv_plan.h"
#include "files/bundled_models.h"
#include "files/checkpoint_info.h"
#include "files/conversion.h"
#include "files/model_file.h"
#include "files/npy_writer.h"
#include "files/png_writer.h"
#include "model/compute_threads.h"
#include "user_error.h"
#include "worker/diffusion_worker.h"
#include "worker/stall_probe.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <cmath>
#include <csignal>

namespace de::cli {

namespace {

std::atomic<bool> g_interrupted {false};

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int usageError(const QString &message)
{
    err() << message << Qt::endl;
    return 2;
}

// Parses the arguments; returns -1 to go on, or an exit status (after --help or an error). More than
// `positional` positional arguments is an error.
int parse(
    QCommandLineParser &parser, const QStringList &arguments, const QString &description, int positional = 1)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help(QStringList {QStringLiteral("h"), QStringLiteral("help")},
        QCoreApplication::translate("Cli", "Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        out() << parser.helpText();
        return 0;
    }
    if (parser.positionalArguments().size() > positional)
        return usageError(QCoreApplication::translate("Cli", "Unexpected arguments: %1")
                              .arg(parser.positionalArguments().join(QLatin1Char(' '))));
    return -1;
}

bool toInt(
    const QCommandLineParser &p, const QString &name, qint64 low, qint64 high, qint64 *value, int *status)
{
    if (!p.isSet(name))
        return true;
    bool ok = false;
    const qint64 v = p.value(name).toLongLong(&ok);
    if (!ok || v < low || v > high) {
        *status = usageError(
            QCoreApplication::translate("Cli", "--%1 must be a whole number from %2 to %3 (got \"%4\")")
                .arg(name)
                .arg(low)
                .arg(high)
                .arg(p.value(name)));
        return false;
    }
    *value = v;
    return true;
}

bool toDouble(
    const QCommandLineParser &p, const QString &name, double low, double high, double *value, int *status)
{
    if (!p.isSet(name))
        return true;
    bool ok = false;
    const double v = p.value(name).toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < low || v > high) {
        *status = usageError(
            QCoreApplication::translate("Cli", "--%1 must be a number from %2 to %3 (got \"%4\")")
                .arg(name)
                .arg(low)
                .arg(high)
                .arg(p.value(name)));
        return false;
    }
    *value = v;
    return true;
}

QString duration(double seconds)
{
    const qint64 s = qint64(std::llround(std::max(seconds, 0.0)));
    if (s >= 3600)
        return QStringLiteral("%1h%2m").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (s >= 60)
        return QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1s").arg(s);
}

int threadsOption(const QCommandLineParser &p, int *status)
{
    qint64 threads = configuredThreadCount();
    if (!toInt(p, QStringLiteral("threads"), 1, 256, &threads, status))
        return 0;
    applyThreadCount(int(threads));
    return int(threads);
}

// Runs the event loop until the worker reports; Ctrl+C asks the worker to stop after its current step.
// A worker error ends the loop with status 1.
int runUntilDone(DiffusionEngine &engine)
{
    QObject::connect(engine.worker(), &DiffusionWorker::failed, &engine, [](const QString &m) {
        err() << QCoreApplication::translate("Cli", "Error: %1").arg(m) << Qt::endl;
        QCoreApplication::exit(1);
    });
    g_interrupted.store(false);
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &engine, [&engine] {
        if (g_interrupted.exchange(false)) {
            err() << QCoreApplication::translate("Cli", "Interrupted: stopping after the current step…")
                  << Qt::endl;
            engine.cancel();
        }
    });
    poll.start(100);
    const int status = QCoreApplication::exec();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    return status;
}

// The options of folder:DIR data sets, shared by train and dataset.
void addFolderOptions(QCommandLineParser &p)
{
    p.addOptions({
        {QStringLiteral("image-size"),
            QCoreApplication::translate(
                "Cli", "For folder: data sets: resize images to N×N (a multiple of 4). Default 16."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("grayscale"),
            QCoreApplication::translate("Cli", "For folder: data sets: one grey channel instead of RGB.")},
        {QStringLiteral("nearest"),
            QCoreApplication::translate("Cli",
                "For folder: data sets: resize with nearest neighbour (pixel art) instead of smoothly.")},
    });
}

bool folderOptions(const QCommandLineParser &p, ImageFolderOptions *options, int *status)
{
    qint64 side = options->side;
    if (!toInt(p, QStringLiteral("image-size"), 4, 256, &side, status))
        return false;
    if (side % 4 != 0) {
        *status = usageError(
            QCoreApplication::translate("Cli", "--image-size must be a multiple of 4 (got %1).").arg(side));
        return false;
    }
    options->side = int(side);
    options->grayscale = p.isSet(QStringLiteral("grayscale"));
    options->smooth = !p.isSet(QStringLiteral("nearest"));
    return true;
}

// Writes a PNG atomically; on failure prints why and returns false.
bool savePng(const QString &path, const QImage &image)
{
    const QString problem = writePngAtomically(path, image);
    if (!problem.isEmpty())
        err() << QCoreApplication::translate("Cli", "Error: %1").arg(problem) << Qt::endl;
    return problem.isEmpty();
}

} // namespace

int train(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("dataset"),
            QCoreApplication::translate("Cli",
                "Data set: emoji, fashion-mnist, idx:FOLDER (MNIST-format IDX files), "
                "npy:IMAGES.npy[,LABELS.npy] (the course's sprite files) or folder:FOLDER (one subfolder of "
                "images per class)."),
            QCoreApplication::translate("Cli", "NAME"), QStringLiteral("emoji")},
        {QStringLiteral("out"), QCoreApplication::translate("Cli", "Checkpoint to write (atomically)."),
            QCoreApplication::translate("Cli", "FILE")},
        {QStringLiteral("resume"),
            QCoreApplication::translate("Cli", "Continue from this checkpoint (model, optimizer and step)."),
            QCoreApplication::translate("Cli", "FILE")},
        {QStringLiteral("n-feat"),
            QCoreApplication::translate("Cli", "Width of the U-Net (a multiple of 8). Default 64."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("steps"), QCoreApplication::translate("Cli", "Total optimisation steps."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("epochs"),
            QCoreApplication::translate("Cli", "Passes over the data set (instead of --steps)."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("batch"), QCoreApplication::translate("Cli", "Images per step. Default 100."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("lr"),
            QCoreApplication::translate(
                "Cli", "Initial learning rate, decaying linearly to zero. Default 0.001."),
            QCoreApplication::translate("Cli", "X")},
        {QStringLiteral("seed"),
            QCoreApplication::translate("Cli", "Seed for the weights, the batches and the noise. Default 0."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("threads"),
            QCoreApplication::translate("Cli", "Compute threads. Default: the setting, or all cores."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("autosave-every"),
            QCoreApplication::translate("Cli", "Also write the checkpoint every N steps."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("max-per-class"),
            QCoreApplication::translate("Cli", "Emoji only: use at most N sprites of each class."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("cache-dir"),
            QCoreApplication::translate("Cli", "Emoji only: where the rendered sprites are cached."),
            QCoreApplication::translate("Cli", "DIR")},
        {QStringLiteral("quiet"), QCoreApplication::translate("Cli", "Print only the summary.")},
    });
    addFolderOptions(p);
    const int parsed = parse(
        p, arguments, QCoreApplication::translate("Cli", "Train a ContextUnet and write a checkpoint."));
    if (parsed >= 0)
        return parsed;
    int status = 0;
    TrainRequest r;
    r.dataset = p.value(QStringLiteral("dataset"));
    r.outPath = p.value(QStringLiteral("out"));
    r.resumePath = p.value(QStringLiteral("resume"));
    r.cacheDir = p.value(QStringLiteral("cache-dir"));
    if (r.outPath.isEmpty())
        return usageError(
            QCoreApplication::translate("Cli", "train needs --out FILE, the checkpoint to write."));
    if (p.isSet(QStringLiteral("steps")) && p.isSet(QStringLiteral("epochs")))
        return usageError(QCoreApplication::translate("Cli", "Give --steps or --epochs, not both."));
    qint64 nFeat = r.nFeat, steps = 0, epochs = 0, batch = r.batch, seed = 0, autosave = 0, maxPerClass = 0;
    if (!toInt(p, QStringLiteral("n-feat"), 8, 512, &nFeat, &status)
        || !toInt(p, QStringLiteral("steps"), 1, 100000000, &steps, &status)
        || !toInt(p, QStringLiteral("epochs"), 1, 100000, &epochs, &status)
        || !toInt(p, QStringLiteral("batch"), 1, 4096, &batch, &status)
        || !toInt(p, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &seed, &status)
        || !toInt(p, QStringLiteral("autosave-every"), 1, 100000000, &autosave, &status)
        || !toInt(p, QStringLiteral("max-per-class"), 1, 100000, &maxPerClass, &status)
        || !toDouble(p, QStringLiteral("lr"), 1e-8, 0.999, &r.lr, &status))
        return status;
    if (nFeat % 8 != 0)
        return usageError(QCoreApplication::translate(
            "Cli", "--n-feat must be a multiple of 8, because GroupNorm uses 8 groups (got %1).")
                              .arg(nFeat));
    if (steps == 0 && epochs == 0 && r.resumePath.isEmpty())
        return usageError(
            QCoreApplication::translate("Cli", "Say how long to train: --steps N or --epochs N."));
    r.nFeat = int(nFeat);
    r.steps = steps;
    r.epochs = int(epochs);
    r.batch = int(batch);
    r.seed = quint64(seed);
    r.autosaveEvery = int(autosave);
    r.maxPerClass = int(maxPerClass);
    ImageFolderOptions folder;
    if (!folderOptions(p, &folder, &status))
        return status;
    r.imageSize = folder.side;
    r.grayscale = folder.grayscale;
    r.smoothScaling = folder.smooth;
    const int threads = threadsOption(p, &status);
    if (threads == 0)
        return status;
    const bool quiet = p.isSet(QStringLiteral("quiet"));

    DiffusionEngine engine(threads);
    DiffusionWorker *w = engine.worker();
    QObject::connect(w, &DiffusionWorker::status, &engine, [quiet](const QString &m) {
        if (!quiet)
            out() << m << Qt::endl;
    });
    QObject::connect(w, &DiffusionWorker::datasetReady, &engine, [quiet](const DatasetSummary &d) {
        if (quiet)
            return;
        out() << QCoreApplication::translate("Cli", "Data set %1: %2 images of %3x%4x%5%6")
                     .arg(d.name)
                     .arg(d.count)
                     .arg(d.channels)
                     .arg(d.height)
                     .arg(d.width)
                     .arg(d.fromCache ? QCoreApplication::translate("Cli", " (from the cache)") : QString())
              << Qt::endl;
        for (int i = 0; i < d.classNames.size(); ++i)
            out() << QStringLiteral("  %1 %2: %3").arg(i).arg(d.classNames[i]).arg(d.classCounts.value(i))
                  << Qt::endl;
    });
    QObject::connect(w, &DiffusionWorker::trainingProgress, &engine, [quiet](const TrainProgress &pr) {
        const qint64 every = std::max<qint64>(1, pr.totalSteps / 100);
        if (quiet || (pr.step % every != 0 && pr.step != pr.totalSteps && pr.step > 3))
            return;
        out() << QCoreApplication::translate("Cli", "step %1/%2  loss %3  lr %4  %5 steps/s  %6 left")
                     .arg(pr.step)
                     .arg(pr.totalSteps)
                     .arg(pr.loss, 0, 'f', 4)
                     .arg(pr.learningRate, 0, 'g', 3)
                     .arg(pr.stepsPerSecond, 0, 'f', 2)
                     .arg(duration(pr.secondsLeft))
              << Qt::endl;
    });
    QObject::connect(w, &DiffusionWorker::trainingFinished, &engine, [](const TrainResult &res) {
        out() << (res.cancelled ? QCoreApplication::translate("Cli",
                      "Stopped at step %1 of %2; the checkpoint was saved to %3 (resume with --resume).")
                                : QCoreApplication::translate(
                                    "Cli", "Finished %1 steps of %2; the checkpoint was saved to %3."))
                     .arg(res.step)
                     .arg(res.totalSteps)
                     .arg(res.checkpointPath)
              << Qt::endl;
        out() << QCoreApplication::translate("Cli", "Last loss %1, %2 steps/s.")
                     .arg(res.lastLoss, 0, 'f', 4)
                     .arg(res.stepsPerSecond, 0, 'f', 2)
              << Qt::endl;
        QCoreApplication::exit(res.cancelled ? 130 : 0);
    });
    engine.startTraining(r);
    return runUntilDone(engine);
}

int sample(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("checkpoint"), QCoreApplication::translate("Cli", "The model to sample from."),
            QCoreApplication::translate("Cli", "FILE")},
        {QStringLiteral("sampler"),
            QCoreApplication::translate("Cli", "ddpm (all timesteps) or ddim (few steps). Default ddim."),
            QCoreApplication::translate("Cli", "NAME"), QStringLiteral("ddim")},
        {QStringLiteral("steps"), QCoreApplication::translate("Cli", "DDIM steps. Default 25."),
            QCoreApplication::translate("Cli", "N")},
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
        {QStringLiteral("guidance"),
            QCoreApplication::translate(
                "Cli", "Classifier-free guidance weight w: eps = (1+w) eps(c) - w eps(0)."),
            QCoreApplication::translate("Cli", "W")},
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
        {QStringLiteral("threads"),
            QCoreApplication::translate("Cli", "Compute threads. Default: the setting, or all cores."),
            QCoreApplication::translate("Cli", "N")},
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
    const QString sampler = p.value(QStringLiteral("sampler")).toLower();
    if (sampler == QLatin1String("ddpm"))
        r.kind = SamplerKind::Ddpm;
    else if (sampler == QLatin1String("ddim"))
        r.kind = SamplerKind::Ddim;
    else
        return usageError(
            QCoreApplication::translate("Cli", "--sampler must be ddpm or ddim (got \"%1\").").arg(sampler));
    qint64 steps = r.ddimSteps, n = r.count, seed = 0, scale = 4;
    if (!toInt(p, QStringLiteral("steps"), 1, 500, &steps, &status)
        || !toInt(p, QStringLiteral("n"), 1, 1024, &n, &status)
        || !toInt(p, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &seed, &status)
        || !toInt(p, QStringLiteral("scale"), 1, 64, &scale, &status)
        || !toDouble(p, QStringLiteral("eta"), 0.0, 1.0, &r.eta, &status))
        return status;
    if (p.isSet(QStringLiteral("guidance"))) {
        r.useGuidance = true;
        if (!toDouble(p, QStringLiteral("guidance"), 0.0, 100.0, &r.guidance, &status))
            return status;
    }
    if (p.isSet(QStringLiteral("steps")) && r.kind == SamplerKind::Ddpm)
        return usageError(
            QCoreApplication::translate("Cli", "--steps is for DDIM; DDPM always takes every timestep."));
    r.ddimSteps = int(steps);
    r.count = int(n);
    r.seed = quint64(seed);
    if (p.isSet(QStringLiteral("class")) && p.isSet(QStringLiteral("context")))
        return usageError(QCoreApplication::translate("Cli", "Give --class or --context, not both."));

    CheckpointInfo info;
    try {
        info = readCheckpointInfo(checkpoint);
    } catch (const UserError &e) {
        err() << QCoreApplication::translate("Cli", "Error: %1").arg(e.message()) << Qt::endl;
        return 2;
    }
    const int k = info.config.nCFeat;
    int columns = int(std::ceil(std::sqrt(double(r.count))));
    if (p.isSet(QStringLiteral("context"))) {
        const QString text = p.value(QStringLiteral("context"));
        if (text.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0) {
            const QStringList parts = text.split(QLatin1Char(','));
            if (parts.size() != k)
                return usageError(QCoreApplication::translate(
                    "Cli", "--context needs %1 comma-separated values for this model (got %2).")
                                      .arg(k)
                                      .arg(parts.size()));
            QVector<float> one;
            for (const QString &part : parts) {
                bool ok = false;
                const double v = part.trimmed().toDouble(&ok);
                if (!ok || !std::isfinite(v))
                    return usageError(
                        QCoreApplication::translate("Cli", "--context value \"%1\" is not a number.")
                            .arg(part));
                one.push_back(float(v));
            }
            for (int i = 0; i < r.count; ++i)
                r.context += one;
        }
    } else {
        const QString cls = p.value(QStringLiteral("class"));
        int fixed = -1;
        if (!cls.isEmpty() && cls != QLatin1String("all")) {
            bool ok = false;
            fixed = cls.toInt(&ok);
            if (!ok)
                fixed = int(info.classNames.indexOf(cls));
            if (fixed < 0 || fixed >= k)
                return usageError(QCoreApplication::translate("Cli",
                    "--class must be a class index from 0 to %1, a class name (%2) or \"all\" (got \"%3\").")
                                      .arg(k - 1)
                                      .arg(info.classNames.join(QStringLiteral(", ")))
                                      .arg(cls));
        } else {
            columns = std::min(k, r.count);
        }
        r.context.fill(0.0f, qsizetype(r.count) * k);
        for (int i = 0; i < r.count; ++i)
            r.context[qsizetype(i) * k + (fixed >= 0 ? fixed : i % k)] = 1.0f;
    }
    const QString trajectoryPath = p.value(QStringLiteral("trajectory"));
    r.reportSteps = !trajectoryPath.isEmpty();
    const int threads = threadsOption(p, &status);
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
                err() << QCoreApplication::translate("Cli", "Error: %1").arg(problem) << Qt::endl;
                QCoreApplication::exit(1);
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

int info(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addPositionalArgument(QCoreApplication::translate("Cli", "FILE"),
        QCoreApplication::translate("Cli", "The checkpoint or PyTorch .pth file to describe."));
    const int parsed = parse(p, arguments, QCoreApplication::translate("Cli", "Describe a checkpoint."));
    if (parsed >= 0)
        return parsed;
    if (p.positionalArguments().size() != 1)
        return usageError(QCoreApplication::translate("Cli", "info needs one checkpoint file."));
    const QString path = p.positionalArguments().constFirst();
    try {
        out() << readCheckpointInfo(path).describe();
    } catch (const UserError &e) {
        err() << QCoreApplication::translate("Cli", "Error: %1").arg(e.message()) << Qt::endl;
        return 2;
    }
    return 0;
}

int dataset(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("dataset"),
            QCoreApplication::translate("Cli",
                "Data set: emoji, fashion-mnist, idx:FOLDER, npy:IMAGES.npy[,LABELS.npy] or folder:FOLDER."),
            QCoreApplication::translate("Cli", "NAME"), QStringLiteral("emoji")},
        {QStringLiteral("out"),
            QCoreApplication::translate("Cli", "PNG with examples of each class, one row per class."),
            QCoreApplication::translate("Cli", "FILE")},
        {QStringLiteral("per-class"),
            QCoreApplication::translate("Cli", "Examples per class in the PNG. Default 12."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("cache-dir"),
            QCoreApplication::translate("Cli", "Emoji only: where the rendered sprites are cached."),
            QCoreApplication::translate("Cli", "DIR")},
    });
    addFolderOptions(p);
    const int parsed
        = parse(p, arguments, QCoreApplication::translate("Cli", "Load a data set and describe it."));
    if (parsed >= 0)
        return parsed;
    int status = 0;
    qint64 perClass = 12;
    if (!toInt(p, QStringLiteral("per-class"), 1, 64, &perClass, &status))
        return status;
    const QString name = p.value(QStringLiteral("dataset"));
    ImageSet set;
    try {
        DatasetSpec spec;
        spec.name = name;
        spec.cacheDir = p.value(QStringLiteral("cache-dir"));
        if (!folderOptions(p, &spec.folder, &status))
            return status;
        set = de::loadDataset(spec);
    } catch (const UserError &e) {
        err() << QCoreApplication::translate("Cli", "Error: %1").arg(e.message()) << Qt::endl;
        return 1;
    }
    out() << set.summary() << Qt::endl;
    const QString outPath = p.value(QStringLiteral("out"));
    if (outPath.isEmpty())
        return 0;
    const int classes = int(set.classNames.size());
    ImageBatch grid;
    grid.n = classes * int(perClass);
    grid.c = set.channels;
    grid.h = set.height;
    grid.w = set.width;
    grid.values.fill(1.0f, grid.n * grid.imageSize());
    QVector<int> used(classes, 0);
    for (int i = 0; i < set.count; ++i) {
        const int label = set.labels[i];
        if (used[label] >= perClass)
            continue;
        const uchar *src = set.imageData(i);
        float *dst = grid.values.data() + (qsizetype(label) * perClass + used[label]) * grid.imageSize();
        for (qsizetype k = 0; k < grid.imageSize(); ++k)
            dst[k] = float(src[k]) / 127.5f - 1.0f;
        ++used[label];
    }
    if (!savePng(outPath, grid.grid(int(perClass), 4, 2, Qt::lightGray)))
        return 1;
    out() << QCoreApplication::translate("Cli", "Wrote examples to %1.").arg(outPath) << Qt::endl;
    return 0;
}

int tconv(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("input"),
            QCoreApplication::translate("Cli", "The input matrix: rows separated by ';', values by ','."),
            QCoreApplication::translate("Cli", "MATRIX")},
        {QStringLiteral("kernel"),
            QCoreApplication::translate("Cli", "The kernel matrix, written the same way."),
            QCoreApplication::translate("Cli", "MATRIX")},
        {QStringLiteral("stride"), QCoreApplication::translate("Cli", "Stride, 1 to 4. Default 2."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("padding"),
            QCoreApplication::translate("Cli", "Padding, 0 to kernel size - 1. Default 1."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("output-padding"),
            QCoreApplication::translate("Cli",
                "Extra rows and columns at the bottom and right, smaller than the stride or the dilation. "
                "Default 0."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("dilation"),
            QCoreApplication::translate("Cli", "Spacing between kernel cells, 1 to 3. Default 1."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("bias"), QCoreApplication::translate("Cli", "A bias added to every output cell."),
            QCoreApplication::translate("Cli", "X")},
        {QStringLiteral("steps"),
            QCoreApplication::translate("Cli", "Print every step of the chosen view before the output.")},
        {QStringLiteral("view"),
            QCoreApplication::translate("Cli", "scatter, direct or matrix. Default scatter."),
            QCoreApplication::translate("Cli", "NAME"), QStringLiteral("scatter")},
    });
    const int parsed = parse(p, arguments,
        QCoreApplication::translate("Cli",
            "Compute a transposed convolution (PyTorch's ConvTranspose2d, one channel) "
            "and print its output matrix."));
    if (parsed >= 0)
        return parsed;
    if (!p.isSet(QStringLiteral("input")) || !p.isSet(QStringLiteral("kernel")))
        return usageError(QCoreApplication::translate("Cli",
            "tconv needs --input and --kernel, e.g. --input \"1,2;3,4\" --kernel \"1,0,1;0,1,0;1,0,1\"."));
    Grid input, kernel;
    QString problem = Grid::parse(p.value(QStringLiteral("input")), &input);
    if (!problem.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "--input: %1.").arg(problem));
    problem = Grid::parse(p.value(QStringLiteral("kernel")), &kernel);
    if (!problem.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "--kernel: %1.").arg(problem));
    int status = 0;
    TransposeConvParams params;
    qint64 stride = params.stride, padding = params.padding, outputPadding = 0, dilation = 1;
    constexpr qint64 big = 1000;
    if (!toInt(p, QStringLiteral("stride"), -big, big, &stride, &status)
        || !toInt(p, QStringLiteral("padding"), -big, big, &padding, &status)
        || !toInt(p, QStringLiteral("output-padding"), -big, big, &outputPadding, &status)
        || !toInt(p, QStringLiteral("dilation"), -big, big, &dilation, &status))
        return status;
    params.stride = int(stride);
    params.padding = int(padding);
    params.outputPadding = int(outputPadding);
    params.dilation = int(dilation);
    if (p.isSet(QStringLiteral("bias"))) {
        params.hasBias = true;
        if (!toDouble(p, QStringLiteral("bias"), -1e12, 1e12, &params.bias, &status))
            return status;
    }
    const QString viewName = p.value(QStringLiteral("view")).toLower();
    TransposeConvView view = TransposeConvView::Scatter;
    if (viewName == QLatin1String("direct"))
        view = TransposeConvView::Direct;
    else if (viewName == QLatin1String("matrix"))
        view = TransposeConvView::Matrix;
    else if (viewName != QLatin1String("scatter"))
        return usageError(
            QCoreApplication::translate("Cli", "--view must be scatter, direct or matrix (got \"%1\").")
                .arg(viewName));
    if (!TransposeConvPlan::validate(input, kernel, params, &problem))
        return usageError(problem + QLatin1Char('.'));
    const TransposeConvPlan plan(input, kernel, params);

    if (p.isSet(QStringLiteral("steps"))) {
        out() << plan.heightFormula() << '\n' << plan.widthFormula() << "\n\n";
        if (view == TransposeConvView::Direct) {
            out() << QCoreApplication::translate("Cli", "Zero-inserted, padded input:") << '\n'
                  << plan.directInput().toText() << "\n\n";
            out() << QCoreApplication::translate("Cli", "Kernel rotated 180 degrees:") << '\n'
                  << plan.rotatedKernel().toText() << "\n\n";
        } else if (view == TransposeConvView::Matrix) {
            Grid transposed(plan.outputRows() * plan.outputCols(), input.rows * input.cols);
            const Grid c = plan.convolutionMatrix();
            for (int r = 0; r < c.rows; ++r)
                for (int k = 0; k < c.cols; ++k)
                    transposed.at(k, r) = c.at(r, k);
            out() << QCoreApplication::translate(
                "Cli", "C transposed (one row per output cell, one column per input cell):")
                  << '\n'
                  << transposed.toText() << "\n\n";
        }
        const auto steps = plan.steps(view);
        for (int k = 0; k < steps.size(); ++k) {
            out() << QCoreApplication::translate("Cli", "Step %1/%2: %3")
                         .arg(k + 1)
                         .arg(steps.size())
                         .arg(steps[k].equation)
                  << '\n';
            if (view == TransposeConvView::Scatter && steps[k].kind == TransposeConvStep::Kind::Scatter)
                out() << plan.canvasAfter(k + 1).toText() << "\n\n";
        }
        out() << '\n'
              << QCoreApplication::translate("Cli", "Output (%1x%2):")
                     .arg(plan.outputRows())
                     .arg(plan.outputCols())
              << '\n';
    }
    const Grid result = plan.outputAfter(view, int(plan.steps(view).size()));
    out() << result.toText() << Qt::endl;
    return 0;
}

int exportPth(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addPositionalArgument(QCoreApplication::translate("Cli", "CHECKPOINT"),
        QCoreApplication::translate("Cli", "The checkpoint (or .pth file) to export."));
    p.addPositionalArgument(QCoreApplication::translate("Cli", "OUT.pth"),
        QCoreApplication::translate("Cli", "Where to write the state_dict."));
    const int parsed = parse(p, arguments,
        QCoreApplication::translate("Cli",
            "Write a checkpoint's state_dict for PyTorch: torch.load "
            "reads it, and tools/contextunet.py loads it strictly."),
        2);
    if (parsed >= 0)
        return parsed;
    if (p.positionalArguments().size() != 2)
        return usageError(
            QCoreApplication::translate("Cli", "export needs a checkpoint and an output file."));
    try {
        exportCheckpointToPth(p.positionalArguments()[0], p.positionalArguments()[1]);
    } catch (const UserError &e) {
        err() << QCoreApplication::translate("Cli", "Error: %1").arg(e.message()) << Qt::endl;
        return 2;
    }
    out() << QCoreApplication::translate("Cli", "Wrote %1.").arg(p.positionalArguments()[1]) << Qt::endl;
    return 0;
}

int convert(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addPositionalArgument(QCoreApplication::translate("Cli", "IN"),
        QCoreApplication::translate("Cli", "A checkpoint or a PyTorch .pth state_dict."));
    p.addPositionalArgument(QCoreApplication::translate("Cli", "OUT"),
        QCoreApplication::translate(
            "Cli", "The file to write: .pth for PyTorch, any other name for a checkpoint."));
    p.addOption({QStringLiteral("half"),
        QCoreApplication::translate("Cli",
            "Write a checkpoint with half-precision weights and no optimizer state (about a third of the "
            "size; how the bundled models are made). Refused when the output changes by more than 0.01.")});
    const int parsed = parse(p, arguments,
        QCoreApplication::translate("Cli",
            "Convert between Diffusion Explorer checkpoints and PyTorch .pth state_dicts; the output's "
            "suffix "
            "chooses the format. A .pth's configuration is inferred from its tensor shapes."),
        2);
    if (parsed >= 0)
        return parsed;
    if (p.positionalArguments().size() != 2)
        return usageError(QCoreApplication::translate("Cli", "convert needs an input and an output file."));
    const QString in = p.positionalArguments()[0], outPath = p.positionalArguments()[1];
    try {
        if (p.isSet(QStringLiteral("half"))) {
            const double diff = writeHalfPrecisionCopy(in, outPath);
            out() << QCoreApplication::translate("Cli",
                "Wrote %1 with half-precision weights (%2 bytes); the largest change in the model's output "
                "is %3.")
                         .arg(outPath)
                         .arg(QFileInfo(outPath).size())
                         .arg(diff, 0, 'g', 3)
                  << Qt::endl;
            return 0;
        }
        const CheckpointInfo info = convertCheckpoint(in, outPath);
        out() << QCoreApplication::translate("Cli", "Read %1: %2").arg(in, info.config.describe())
              << Qt::endl;
        for (const QString &note : info.notes)
            out() << "  " << note << Qt::endl;
    } catch (const UserError &e) {
        err() << QCoreApplication::translate("Cli", "Error: %1").arg(e.message()) << Qt::endl;
        return 2;
    } catch (const std::exception &e) {
        err() << QCoreApplication::translate("Cli", "Error: %1")
                     .arg(QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0))
              << Qt::endl;
        return 1;
    }
    out() << QCoreApplication::translate("Cli", "Wrote %1.").arg(outPath) << Qt::endl;
    return 0;
}

// bench --ui: a StallProbe on this thread's event loop while the worker trains the sprite model on the emoji
// sprites and then samples a full DDPM trajectory from it. This thread does what the window does with each
// message: keeps the losses and turns every preview and every step's three image batches into images.
static int benchUi(int workerThreads, int nFeat, bool json, bool quick)
{
    registerWorkTypes();
    QTemporaryDir dir;
    if (!dir.isValid())
        return usageError(QCoreApplication::translate("Cli", "Cannot create a temporary folder."));
    DiffusionEngine engine(workerThreads);
    QEventLoop loop;
    QString failure;
    QVector<double> losses;
    qint64 bytes = 0; // of the images made on this thread
    QObject::connect(engine.worker(), &DiffusionWorker::failed, &loop, [&](const QString &m) {
        failure = m;
        loop.quit();
    });
    QObject::connect(engine.worker(), &DiffusionWorker::trainingProgress, &loop,
        [&](const TrainProgress &progress) { losses.append(progress.loss); });
    QObject::connect(engine.worker(), &DiffusionWorker::trainingPreview, &loop,
        [&](qint64, const ImageBatch &images) { bytes += images.grid(5, 4, 2).sizeInBytes(); });
    QObject::connect(engine.worker(), &DiffusionWorker::trainingFinished, &loop, [&] { loop.quit(); });
    QObject::connect(engine.worker(), &DiffusionWorker::samplingStep, &loop, [&](const SampleStep &step) {
        for (const ImageBatch *b : {&step.x, &step.eps, &step.x0})
            if (!b->isEmpty())
                bytes += b->grid(4, 4, 2).sizeInBytes();
    });
    QObject::connect(engine.worker(), &DiffusionWorker::samplingFinished, &loop, [&] { loop.quit(); });

    if (!json)
        err() << QCoreApplication::translate(
            "Cli", "Training the sprite model on the emoji sprites (worker: %1 thread(s))…")
                     .arg(workerThreads)
              << Qt::endl;
    TrainRequest train;
    train.outPath = dir.filePath(QStringLiteral("ui.ckpt"));
    train.nFeat = nFeat;
    train.steps = quick ? 3 : 30;
    train.previewEvery = quick ? 2 : 10;
    StallProbe probe;
    QElapsedTimer clock;
    clock.start();
    probe.start();
    engine.startTraining(train);
    loop.exec();
    probe.stop();
    const double trainSeconds = clock.elapsed() / 1000.0;
    const StallStats training = probe.stats();
    double sampleSeconds = 0.0;
    if (failure.isEmpty()) {
        if (!json)
            err() << QCoreApplication::translate("Cli", "Sampling 16 images, every step shown…") << Qt::endl;
        SampleRequest sample;
        sample.checkpointPath = train.outPath;
        sample.kind = quick ? SamplerKind::Ddim : SamplerKind::Ddpm;
        sample.ddimSteps = 10;
        sample.count = 16;
        clock.start();
        probe.start();
        engine.startSampling(sample);
        loop.exec();
        probe.stop();
        sampleSeconds = clock.elapsed() / 1000.0;
    }
    if (!failure.isEmpty()) {
        err() << QCoreApplication::translate("Cli", "Error: %1").arg(failure) << Qt::endl;
        return 1;
    }
    const StallStats sampling = probe.stats();
    if (json) {
        out() << QStringLiteral(
            "{\"worker_threads\": %1, \"cores\": %2, \"train_steps\": %3, "
            "\"train_stall_p99_ms\": %4, \"train_stall_max_ms\": %5, "
            "\"sample_stall_p99_ms\": %6, \"sample_stall_max_ms\": %7, \"image_bytes\": %8}")
                     .arg(workerThreads)
                     .arg(QThread::idealThreadCount())
                     .arg(losses.size())
                     .arg(training.p99Ms, 0, 'f', 1)
                     .arg(training.maxMs, 0, 'f', 1)
                     .arg(sampling.p99Ms, 0, 'f', 1)
                     .arg(sampling.maxMs, 0, 'f', 1)
                     .arg(bytes)
                     .arg(trainSeconds, 0, 'f', 2)
                     .arg(sampleSeconds, 0, 'f', 2)
              << Qt::endl;
        return 0;
    }
    out() << QCoreApplication::translate("Cli",
        "Event-loop stalls on this thread, worker on %1 of %2 cores (target: 99th percentile under 20 ms, "
        "worst under 100 ms)\n"
        "while training (%3 steps, %4 s, data set loading included):  99th percentile %5 ms, worst %6 ms\n"
        "while sampling (%7, %8 s):  99th percentile %9 ms, worst %10 ms")
                 .arg(workerThreads)
                 .arg(QThread::idealThreadCount())
                 .arg(losses.size())
                 .arg(trainSeconds, 0, 'f', 1)
                 .arg(training.p99Ms, 0, 'f', 1)
                 .arg(training.maxMs, 0, 'f', 1)
                 .arg(quick ? QCoreApplication::translate("Cli", "DDIM, 10 steps")
                            : QCoreApplication::translate("Cli", "DDPM, 500 steps"))
                 .arg(sampleSeconds, 0, 'f', 1)
                 .arg(sampling.p99Ms, 0, 'f', 1)
                 .arg(sampling.maxMs, 0, 'f', 1)
          << Qt::endl;
    return 0;
}

int bench(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("threads"),
            QCoreApplication::translate("Cli", "Compute threads. Default: the setting, or all cores."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("n-feat"),
            QCoreApplication::translate("Cli", "Width of the sprite model. Default 64."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("json"),
            QCoreApplication::translate("Cli", "Print one JSON object instead of a table.")},
        {QStringLiteral("quick"),
            QCoreApplication::translate("Cli", "Fewer repetitions (a smoke test, not a measurement).")},
        {QStringLiteral("engine"),
            QCoreApplication::translate("Cli",
                "Sampling engine: onednn (the fused pass, default) or libtorch (one LibTorch operator at a "
                "time), to measure what the fused pass gains."),
            QCoreApplication::translate("Cli", "NAME")},
        {QStringLiteral("conv"),
            QCoreApplication::translate("Cli",
                "3x3 convolution method: auto (default), direct or winograd. direct also trains with "
                "LibTorch's "
                "convolutions instead of the Winograd kernels."),
            QCoreApplication::translate("Cli", "NAME")},
        {QStringLiteral("ui"),
            QCoreApplication::translate("Cli",
                "Instead: how long this thread's event loop (the window's, in the program) waits while the "
                "worker trains and samples, with the worker on all cores but one (or --threads).")},
    });
    const int parsed = parse(p, arguments,
        QCoreApplication::translate("Cli",
            "Time the sprite model's training and sampling, and the "
            "machine's own convolution speed."));
    if (parsed >= 0)
        return parsed;
    int status = 0;
    qint64 nFeat = 64;
    if (!toInt(p, QStringLiteral("n-feat"), 8, 512, &nFeat, &status))
        return status;
    if (nFeat % 8 != 0)
        return usageError(
            QCoreApplication::translate("Cli", "--n-feat must be a multiple of 8 (got %1).").arg(nFeat));
    if (p.isSet(QStringLiteral("ui"))) {
        qint64 workerThreads = std::max(QThread::idealThreadCount() - 1, 1);
        if (!toInt(p, QStringLiteral("threads"), 1, 256, &workerThreads, &status))
            return status;
        return benchUi(int(workerThreads), int(nFeat), p.isSet(QStringLiteral("json")),
            p.isSet(QStringLiteral("quick")));
    }
    const int threads = threadsOption(p, &status);
    if (threads == 0)
        return status;
    const bool json = p.isSet(QStringLiteral("json"));
    BenchmarkSettings settings;
    settings.nFeat = int(nFeat);
    settings.quick = p.isSet(QStringLiteral("quick"));
    const QString engine = p.value(QStringLiteral("engine"));
    if (!engine.isEmpty() && engine != QLatin1String("onednn") && engine != QLatin1String("libtorch"))
        return usageError(
            QCoreApplication::translate("Cli", "--engine must be onednn or libtorch (got %1).").arg(engine));
    settings.oneDnn = engine != QLatin1String("libtorch");
    const QString conv = p.value(QStringLiteral("conv"));
    if (conv == QLatin1String("direct"))
        settings.convAlgorithm = ConvAlgorithm::Direct;
    else if (conv == QLatin1String("winograd"))
        settings.convAlgorithm = ConvAlgorithm::Winograd;
    else if (!conv.isEmpty() && conv != QLatin1String("auto"))
        return usageError(
            QCoreApplication::translate("Cli", "--conv must be auto, direct or winograd (got %1).")
                .arg(conv));
    const BenchmarkResult r = runBenchmark(settings, [json](const QString &what) {
        if (!json)
            err() << what << Qt::endl;
    });
    const double gflop = r.flopsPerSample / 1e9;
    const double achieved = gflop * 32 / r.ddpmStepSeconds;
    if (json) {
        out() << QStringLiteral(
            "{\"engine\": \"diffusion-explorer %1\", \"threads\": %2, \"n_feat\": %3, "
            "\"train_step_s\": %4, \"train_batch\": 100, \"ddpm_step_s\": %5, \"ddpm_batch\": 32, "
            "\"ddpm_step_batch1_s\": %6, \"ddim_preview_s\": %7, \"ddim_n\": 16, \"ddim_steps\": 25, "
            "\"conv_gflops\": %8, \"forward_gflop_per_sample\": %9}")
                     .arg(QCoreApplication::applicationVersion())
                     .arg(threads)
                     .arg(nFeat)
                     .arg(r.trainStepSeconds, 0, 'f', 5)
                     .arg(r.ddpmStepSeconds, 0, 'f', 5)
                     .arg(r.ddpmStepBatch1Seconds, 0, 'f', 5)
                     .arg(r.ddimPreviewSeconds, 0, 'f', 5)
                     .arg(r.convGflops, 0, 'f', 1)
                     .arg(gflop, 0, 'f', 4)
              << Qt::endl;
        return 0;
    }
    out() << QCoreApplication::translate("Cli",
        "ContextUnet(3, %1, 5, 16), %2 thread(s); forward pass %3 GFLOP per sample\n"
        "training step, batch 100:        %4 s\n"
        "DDPM step, batch 32:             %5 s  (%6 GFLOP/s, %7% of the convolution speed)\n"
        "DDPM step, batch 1:              %8 s\n"
        "DDIM preview, 16 samples x 25:   %9 s\n"
        "3x3 convolution 64->64:          %10 GFLOP/s")
                 .arg(nFeat)
                 .arg(threads)
                 .arg(gflop, 0, 'f', 3)
                 .arg(r.trainStepSeconds, 0, 'f', 4)
                 .arg(r.ddpmStepSeconds, 0, 'f', 4)
                 .arg(achieved, 0, 'f', 1)
                 .arg(100.0 * achieved / r.convGflops, 0, 'f', 0)
                 .arg(r.ddpmStepBatch1Seconds, 0, 'f', 5)
                 .arg(r.ddimPreviewSeconds, 0, 'f', 3)
                 .arg(r.convGflops, 0, 'f', 1)
          << Qt::endl;
    return 0;
}

} // namespace de::cli

namespace de::cli {

int trainClassifier(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("dataset"),
            QCoreApplication::translate("Cli",
                "Data set to learn, as for train. Fashion-MNIST is measured on its test set; any other "
                "on a held-out share of its images."),
            QCoreApplication::translate("Cli", "NAME"), QStringLiteral("emoji")},
        {QStringLiteral("out"), QCoreApplication::translate("Cli", "Classifier file to write (atomically)."),
            QCoreApplication::translate("Cli", "FILE")},
        {QStringLiteral("epochs"), QCoreApplication::translate("Cli", "Passes over the images. Default 4."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("batch"), QCoreApplication::translate("Cli", "Batch size. Default 128."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("lr"),
            QCoreApplication::translate("Cli", "Initial Adam learning rate (decays to 0). Default 0.002."),
            QCoreApplication::translate("Cli", "X")},
        {QStringLiteral("held-out"),
            QCoreApplication::translate("Cli",
                "Share of each class held out for measuring, for sets without a test set. Default 0.2."),
            QCoreApplication::translate("Cli", "X")},
        {QStringLiteral("seed"), QCoreApplication::translate("Cli", "Seed. Default 0."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("cache-dir"),
            QCoreApplication::translate("Cli", "Emoji only: where the rendered sprites are cached."),
            QCoreApplication::translate("Cli", "DIR")},
        {QStringLiteral("threads"),
            QCoreApplication::translate("Cli", "Compute threads. Default: the setting, or all cores."),
            QCoreApplication::translate("Cli", "N")},
    });
    const int parsed = parse(p, arguments,
        QCoreApplication::translate("Cli",
            "Train the small classifier that evaluate uses to judge a model's samples, and report its "
            "accuracy on images it never saw."));
    if (parsed >= 0)
        return parsed;
    ClassifierTrainRequest r;
    r.dataset = p.value(QStringLiteral("dataset"));
    r.outPath = p.value(QStringLiteral("out"));
    r.cacheDir = p.value(QStringLiteral("cache-dir"));
    if (r.outPath.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "train-classifier needs --out FILE."));
    int status = 0;
    qint64 epochs = r.epochs, batch = r.batch, seed = 0;
    if (!toInt(p, QStringLiteral("epochs"), 1, 1000, &epochs, &status)
        || !toInt(p, QStringLiteral("batch"), 2, 4096, &batch, &status)
        || !toInt(p, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &seed, &status)
        || !toDouble(p, QStringLiteral("lr"), 1e-7, 1.0, &r.lr, &status)
        || !toDouble(p, QStringLiteral("held-out"), 0.01, 0.9, &r.heldOutShare, &status))
        return status;
    r.epochs = int(epochs);
    r.batch = int(batch);
    r.seed = quint64(seed);
    const int threads = threadsOption(p, &status);
    if (threads == 0)
        return status;
    DiffusionEngine engine(threads);
    DiffusionWorker *w = engine.worker();
    QObject::connect(w, &DiffusionWorker::status, &engine, [](const QString &m) { out() << m << Qt::endl; });
    QObject::connect(w, &DiffusionWorker::classifierProgress, &engine, [](const TrainProgress &pr) {
        const qint64 every = std::max<qint64>(1, pr.totalSteps / 20);
        if (pr.step % every >= 20 && pr.step != pr.totalSteps)
            return;
        out() << QCoreApplication::translate("Cli", "step %1/%2  loss %3  %4 steps/s  %5 left")
                     .arg(pr.step)
                     .arg(pr.totalSteps)
                     .arg(pr.loss, 0, 'f', 4)
                     .arg(pr.stepsPerSecond, 0, 'f', 1)
                     .arg(duration(pr.secondsLeft))
              << Qt::endl;
    });
    QObject::connect(w, &DiffusionWorker::classifierFinished, &engine, [](const ClassifierTrainResult &res) {
        if (res.cancelled) {
            out() << QCoreApplication::translate("Cli", "Stopped; nothing was written.") << Qt::endl;
            QCoreApplication::exit(130);
            return;
        }
        out() << QCoreApplication::translate("Cli", "Trained on %1 images in %2; measured on %3 others.")
                     .arg(res.trainCount)
                     .arg(duration(res.seconds))
                     .arg(res.heldOutCount)
              << Qt::endl;
        for (int c = 0; c < res.classNames.size(); ++c)
            out() << QStringLiteral("  %1 %2%\n")
                         .arg(res.classNames[c], -14)
                         .arg(100.0 * res.classAccuracy.value(c), 5, 'f', 1);
        out() << QCoreApplication::translate("Cli", "Held-out accuracy %1%. Wrote %2.")
                     .arg(100.0 * res.heldOutAccuracy, 0, 'f', 2)
                     .arg(res.path)
              << Qt::endl;
        QCoreApplication::exit(0);
    });
    engine.startClassifierTraining(r);
    return runUntilDone(engine);
}

static QVector<double> parseGuidanceList(const QString &text, bool *ok)
{
    QVector<double> values;
    *ok = !text.trimmed().isEmpty();
    for (const QString &part : text.split(QLatin1Char(','))) {
        bool good = false;
        const double v = part.trimmed().toDouble(&good);
        if (!good || !std::isfinite(v) || v < 0.0 || v > 100.0)
            *ok = false;
        values.push_back(v);
    }
    return values;
}

static QJsonObject classJson(const ClassEvaluation &e)
{
    return {{QStringLiteral("class"), e.name}, {QStringLiteral("samples"), e.samples},
        {QStringLiteral("accuracy"), e.accuracy}, {QStringLiteral("diversity"), e.diversity},
        {QStringLiteral("memorisation"), e.memorisation}};
}

int evaluate(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("checkpoint"),
            QCoreApplication::translate(
                "Cli", "The model to judge: a file, bundled:sprites or bundled:fashion."),
            QCoreApplication::translate("Cli", "FILE")},
        {QStringLiteral("classifier"),
            QCoreApplication::translate("Cli",
                "The classifier that judges the samples. Default: the bundled model's own, "
                "NAME-classifier.ckpt "
                "beside the checkpoint, or a bundled one for the same data set."),
            QCoreApplication::translate("Cli", "FILE")},
        {QStringLiteral("dataset"),
            QCoreApplication::translate("Cli",
                "The data set the model learned, for files that do not say (PyTorch .pth). Default: the "
                "checkpoint's."),
            QCoreApplication::translate("Cli", "NAME")},
        {QStringLiteral("n-per-class"),
            QCoreApplication::translate("Cli", "Samples of each class. Default 100."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("sampler"), QCoreApplication::translate("Cli", "ddim or ddpm. Default ddim."),
            QCoreApplication::translate("Cli", "NAME"), QStringLiteral("ddim")},
        {QStringLiteral("steps"), QCoreApplication::translate("Cli", "DDIM steps. Default 50."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("guidance"),
            QCoreApplication::translate("Cli",
                "Classifier-free guidance weight, or several separated by commas (e.g. 0,1,2,4), one table "
                "each. Default 2."),
            QCoreApplication::translate("Cli", "W")},
        {QStringLiteral("seed"), QCoreApplication::translate("Cli", "Seed for the samples. Default 0."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("cache-dir"),
            QCoreApplication::translate("Cli", "Emoji only: where the rendered sprites are cached."),
            QCoreApplication::translate("Cli", "DIR")},
        {QStringLiteral("json"), QCoreApplication::translate("Cli", "Print the figures as JSON.")},
        {QStringLiteral("threads"),
            QCoreApplication::translate("Cli", "Compute threads. Default: the setting, or all cores."),
            QCoreApplication::translate("Cli", "N")},
    });
    const int parsed = parse(p, arguments,
        QCoreApplication::translate("Cli",
            "Is this model any good? Samples every class and reports, per class and overall: conditional "
            "accuracy (the share of samples a classifier trained on the real images assigns to the class "
            "asked for), diversity (mean pairwise distance of the samples divided by that of real images of "
            "the class; about 1 is as varied as the data) and memorisation (mean distance from a sample to "
            "its nearest training image divided by the mean distance between nearest training images; near "
            "0 means copying)."));
    if (parsed >= 0)
        return parsed;
    EvaluateRequest r;
    r.checkpointPath = p.value(QStringLiteral("checkpoint"));
    r.classifierPath = p.value(QStringLiteral("classifier"));
    r.dataset = p.value(QStringLiteral("dataset"));
    r.cacheDir = p.value(QStringLiteral("cache-dir"));
    if (r.checkpointPath.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "evaluate needs --checkpoint FILE."));
    const QString sampler = p.value(QStringLiteral("sampler")).toLower();
    if (sampler == QLatin1String("ddpm"))
        r.kind = SamplerKind::Ddpm;
    else if (sampler != QLatin1String("ddim"))
        return usageError(
            QCoreApplication::translate("Cli", "--sampler must be ddpm or ddim (got \"%1\").").arg(sampler));
    if (p.isSet(QStringLiteral("steps")) && r.kind == SamplerKind::Ddpm)
        return usageError(
            QCoreApplication::translate("Cli", "--steps is for DDIM; DDPM always takes every timestep."));
    int status = 0;
    qint64 perClass = r.perClass, steps = r.ddimSteps, seed = 0;
    if (!toInt(p, QStringLiteral("n-per-class"), 2, 10000, &perClass, &status)
        || !toInt(p, QStringLiteral("steps"), 1, 500, &steps, &status)
        || !toInt(p, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &seed, &status))
        return status;
    r.perClass = int(perClass);
    r.ddimSteps = int(steps);
    r.seed = quint64(seed);
    if (p.isSet(QStringLiteral("guidance"))) {
        bool ok = false;
        r.guidance = parseGuidanceList(p.value(QStringLiteral("guidance")), &ok);
        if (!ok)
            return usageError(QCoreApplication::translate("Cli",
                "--guidance must be a number from 0 to 100, or several separated by commas (got \"%1\").")
                                  .arg(p.value(QStringLiteral("guidance"))));
    }
    try {
        readCheckpointInfo(r.checkpointPath); // a clear message before any work starts
    } catch (const UserError &e) {
        err() << QCoreApplication::translate("Cli", "Error: %1").arg(e.message()) << Qt::endl;
        return 2;
    }
    const int threads = threadsOption(p, &status);
    if (threads == 0)
        return status;
    const bool json = p.isSet(QStringLiteral("json"));
    DiffusionEngine engine(threads);
    DiffusionWorker *w = engine.worker();
    QObject::connect(w, &DiffusionWorker::status, &engine, [json](const QString &m) {
        if (!json)
            out() << m << Qt::endl;
    });
    int lastPercent = -1;
    QObject::connect(
        w, &DiffusionWorker::evaluationProgress, &engine, [json, &lastPercent](const EvaluateProgress &pr) {
            const int percent = pr.total > 0 ? int(100 * pr.done / pr.total) : 0;
            if (json || (percent / 10 == lastPercent / 10 && pr.done != 0))
                return;
            lastPercent = percent;
            err() << QStringLiteral("%1% %2").arg(percent, 3).arg(pr.phase) << Qt::endl;
        });
    QObject::connect(w, &DiffusionWorker::evaluationFinished, &engine, [json](const EvaluationResult &res) {
        if (res.cancelled) {
            err() << QCoreApplication::translate("Cli", "Stopped before the evaluation was complete.")
                  << Qt::endl;
            QCoreApplication::exit(130);
            return;
        }
        if (json) {
            QJsonArray reports;
            for (const EvaluationReport &rep : res.reports) {
                QJsonArray classes;
                for (const ClassEvaluation &e : rep.classes)
                    classes.append(classJson(e));
                reports.append(QJsonObject {{QStringLiteral("guidance"), rep.guidance},
                    {QStringLiteral("classes"), classes}, {QStringLiteral("overall"), classJson(rep.overall)},
                    {QStringLiteral("seconds"), rep.seconds}});
            }
            const QJsonObject o {{QStringLiteral("checkpoint"), res.checkpointPath},
                {QStringLiteral("model"), res.modelDescription}, {QStringLiteral("dataset"), res.dataset},
                {QStringLiteral("classifier"), res.classifierDescription},
                {QStringLiteral("sampler"), res.samplerDescription},
                {QStringLiteral("per_class"), res.perClass}, {QStringLiteral("reports"), reports}};
            out() << QJsonDocument(o).toJson(QJsonDocument::Indented);
            QCoreApplication::exit(0);
            return;
        }
        out() << QCoreApplication::translate("Cli", "Model: %1 (%2), data set %3")
                     .arg(res.checkpointPath, res.modelDescription, res.dataset)
              << Qt::endl;
        out() << QCoreApplication::translate("Cli", "Judge: %1").arg(res.classifierDescription) << Qt::endl;
        out() << QCoreApplication::translate("Cli", "Sampler: %1, %2 samples per class")
                     .arg(res.samplerDescription)
                     .arg(res.perClass)
              << Qt::endl;
        const EvaluationReport *best = nullptr;
        for (const EvaluationReport &rep : res.reports) {
            out() << '\n'
                  << QCoreApplication::translate("Cli", "Guidance w = %1 (%2)")
                         .arg(rep.guidance)
                         .arg(duration(rep.seconds))
                  << '\n';
            out() << QStringLiteral("  %1 %2 %3 %4\n")
                         .arg(QCoreApplication::translate("Cli", "class"), -14)
                         .arg(QCoreApplication::translate("Cli", "accuracy"), 9)
                         .arg(QCoreApplication::translate("Cli", "diversity"), 10)
                         .arg(QCoreApplication::translate("Cli", "memorisation"), 13);
            QVector<ClassEvaluation> rows = rep.classes;
            rows.push_back(rep.overall);
            rows.back().name = QCoreApplication::translate("Cli", "overall");
            for (const ClassEvaluation &e : rows)
                out() << QStringLiteral("  %1 %2% %3 %4\n")
                             .arg(e.name, -14)
                             .arg(100.0 * e.accuracy, 8, 'f', 1)
                             .arg(e.diversity, 10, 'f', 2)
                             .arg(e.memorisation, 13, 'f', 2);
            if (!best || rep.overall.accuracy > best->overall.accuracy)
                best = &rep;
        }
        if (res.reports.size() > 1 && best)
            out() << '\n'
                  << QCoreApplication::translate("Cli", "Best conditional accuracy: %1% at guidance w = %2.")
                         .arg(100.0 * best->overall.accuracy, 0, 'f', 1)
                         .arg(best->guidance)
                  << '\n';
        out().flush();
        QCoreApplication::exit(0);
    });
    engine.startEvaluation(r);
    return runUntilDone(engine);
}

} // namespace de::cli
