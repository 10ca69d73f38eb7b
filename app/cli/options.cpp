#include "options.h"

#include "diffusion/schedule_table.h"
#include "files/png_writer.h"
#include "model/compute_precision.h"
#include "model/compute_threads.h"
#include "worker/diffusion_worker.h"

#include <QCoreApplication>
#include <QImageReader>
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

} // namespace

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

int fail(const QString &message, int status)
{
    err() << QCoreApplication::translate("Cli", "Error: %1").arg(message) << Qt::endl;
    return status;
}

int parse(
    QCommandLineParser &parser, const QStringList &arguments, const QString &description, int positional)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help(QStringList {QStringLiteral("h"), QStringLiteral("help")},
        QCoreApplication::translate("Cli", "Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        // Qt names the program as it was started; the usage line names the command too (main() passes
        // "diffusion-explorer-cli COMMAND" as the first argument).
        QString text = parser.helpText();
        const QString started = QCoreApplication::arguments().value(0);
        const qsizetype at = started.isEmpty() ? -1 : text.indexOf(started);
        if (!arguments.isEmpty() && at >= 0 && at < text.indexOf(QLatin1Char('\n')))
            text.replace(at, started.size(), arguments.constFirst());
        out() << text;
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

QCommandLineOption threadsOption()
{
    return {QStringLiteral("threads"),
        QCoreApplication::translate("Cli", "Compute threads. Default: the setting, or all cores."),
        QCoreApplication::translate("Cli", "N")};
}

int applyThreads(const QCommandLineParser &p, int *status)
{
    qint64 threads = configuredThreadCount();
    if (!toInt(p, QStringLiteral("threads"), 1, 256, &threads, status))
        return 0;
    applyThreadCount(int(threads));
    return int(threads);
}

QCommandLineOption precisionOption()
{
    return {QStringLiteral("precision"),
        QCoreApplication::translate("Cli",
            "Number format of the sampling pass's 3x3 convolutions: bfloat16 (faster; the default where the "
            "CPU multiplies it natively, float32 elsewhere) or float32 (exact to about 1e-6). Default: the "
            "setting."),
        QCoreApplication::translate("Cli", "float32|bfloat16")};
}

bool applyPrecision(const QCommandLineParser &p, int *status)
{
    Precision precision = configuredPrecision();
    if (p.isSet(QStringLiteral("precision"))
        && !parsePrecision(p.value(QStringLiteral("precision")), &precision)) {
        *status = usageError(
            QCoreApplication::translate("Cli", "--precision must be float32 or bfloat16 (got \"%1\")")
                .arg(p.value(QStringLiteral("precision"))));
        return false;
    }
    setSamplingPrecision(precision);
    return true;
}

int runUntilDone(DiffusionEngine &engine)
{
    QObject::connect(engine.worker(), &DiffusionWorker::failed, &engine,
        [](const QString &m, bool badInput) { QCoreApplication::exit(fail(m, badInput ? 2 : 1)); });
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

QCommandLineOption cacheDirOption()
{
    return {QStringLiteral("cache-dir"),
        QCoreApplication::translate("Cli", "Emoji only: where the rendered sprites are cached."),
        QCoreApplication::translate("Cli", "DIR")};
}

bool samplerOption(const QCommandLineParser &p, SamplerKind *kind, int *status)
{
    const QString sampler = p.value(QStringLiteral("sampler")).toLower();
    if (sampler == QLatin1String("ddpm")) {
        *kind = SamplerKind::Ddpm;
    } else if (sampler == QLatin1String("ddim")) {
        *kind = SamplerKind::Ddim;
    } else if (sampler == QLatin1String("dpm-solver++") || sampler == QLatin1String("dpm")) {
        *kind = SamplerKind::DpmSolver;
    } else if (sampler == QLatin1String("unipc")) {
        *kind = SamplerKind::UniPc;
    } else {
        *status = usageError(QCoreApplication::translate(
            "Cli", "--sampler must be ddpm, ddim, dpm-solver++ or unipc (got \"%1\").")
                                 .arg(sampler));
        return false;
    }
    if (p.isSet(QStringLiteral("steps")) && *kind == SamplerKind::Ddpm) {
        *status = usageError(QCoreApplication::translate(
            "Cli", "--steps is for DDIM, DPM-Solver++ and UniPC; DDPM always takes every timestep."));
        return false;
    }
    return true;
}

QCommandLineOption modelOption()
{
    return {QStringLiteral("checkpoint"), QCoreApplication::translate("Cli", "The model to sample from."),
        QCoreApplication::translate("Cli", "FILE")};
}

QCommandLineOption stepsOption()
{
    return {QStringLiteral("steps"),
        QCoreApplication::translate("Cli", "Steps of DDIM, DPM-Solver++ or UniPC. Default 25."),
        QCoreApplication::translate("Cli", "N")};
}

QCommandLineOption guidanceOption()
{
    return {QStringLiteral("guidance"),
        QCoreApplication::translate(
            "Cli", "Classifier-free guidance weight w: eps = (1+w) eps(c) - w eps(0)."),
        QCoreApplication::translate("Cli", "W")};
}

bool guidanceValue(const QCommandLineParser &p, bool *use, double *weight, int *status)
{
    if (!p.isSet(QStringLiteral("guidance")))
        return true;
    *use = true;
    return toDouble(p, QStringLiteral("guidance"), 0.0, 100.0, weight, status);
}

QCommandLineOption weightsOption()
{
    return {QStringLiteral("weights"),
        QCoreApplication::translate("Cli",
            "ema (the average of the weights, when the checkpoint keeps one; the default) or raw (the "
            "weights "
            "as last trained)."),
        QCoreApplication::translate("Cli", "ema|raw")};
}

bool weightsValue(const QCommandLineParser &p, WeightChoice *choice, int *status)
{
    if (!p.isSet(QStringLiteral("weights")))
        return true;
    const QString v = p.value(QStringLiteral("weights"));
    if (v != QLatin1String("ema") && v != QLatin1String("raw")) {
        *status = usageError(
            QCoreApplication::translate("Cli", "--weights must be ema or raw (got \"%1\").").arg(v));
        return false;
    }
    *choice = v == QLatin1String("raw") ? WeightChoice::Raw : WeightChoice::Average;
    return true;
}

bool contextValues(const QString &text, const QString &option, int k, QVector<float> *context, int *status)
{
    context->clear();
    if (text.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return true;
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != k) {
        *status = usageError(QCoreApplication::translate(
            "Cli", "--%1 needs %2 comma-separated values for this model (got %3).")
                                 .arg(option)
                                 .arg(k)
                                 .arg(parts.size()));
        return false;
    }
    for (const QString &part : parts) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v)) {
            *status = usageError(
                QCoreApplication::translate("Cli", "--%1 value \"%2\" is not a number.").arg(option, part));
            return false;
        }
        context->push_back(float(v));
    }
    return true;
}

bool contextOption(const QCommandLineParser &p, int k, QVector<float> *context, int *status)
{
    context->clear();
    if (!p.isSet(QStringLiteral("context")))
        return true;
    return contextValues(p.value(QStringLiteral("context")), QStringLiteral("context"), k, context, status);
}

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

bool savePng(const QString &path, const QImage &image)
{
    const QString problem = writePngAtomically(path, image);
    if (!problem.isEmpty())
        fail(problem, 1);
    return problem.isEmpty();
}

bool classIndex(const QString &cls, const CheckpointInfo &info, int *index, int *status)
{
    const int k = info.config.nCFeat;
    bool ok = false;
    *index = cls.toInt(&ok);
    if (!ok)
        *index = int(info.classNames.indexOf(cls));
    if (*index >= 0 && *index < k)
        return true;
    *status = usageError(QCoreApplication::translate(
        "Cli", "--class must be a class index from 0 to %1, a class name (%2) or \"all\" (got \"%3\").")
                             .arg(k - 1)
                             .arg(info.classNames.join(QStringLiteral(", ")))
                             .arg(cls));
    return false;
}

bool startImageOptions(const QCommandLineParser &p, const ModelConfig &config, SampleRequest *r, int *status)
{
    const QString initPath = p.value(QStringLiteral("init")), maskPath = p.value(QStringLiteral("mask"));
    const int T = kDiffusionTimesteps;
    if (p.isSet(QStringLiteral("start-t"))) {
        qint64 startT = T;
        if (!toInt(p, QStringLiteral("start-t"), 1, T, &startT, status))
            return false;
        if (initPath.isEmpty()) {
            *status = usageError(QCoreApplication::translate("Cli", "--start-t needs --init IMAGE."));
            return false;
        }
        r->startT = int(startT);
    }
    if (!maskPath.isEmpty() && initPath.isEmpty()) {
        *status
            = usageError(QCoreApplication::translate("Cli", "--mask needs --init IMAGE to keep parts of."));
        return false;
    }
    if (initPath.isEmpty())
        return true;
    QImageReader initReader(initPath);
    const QImage init = initReader.read();
    if (init.isNull()) {
        *status = fail(QCoreApplication::translate("Cli", "Cannot read the start image %1: %2.")
                           .arg(initPath, initReader.errorString()),
            2);
        return false;
    }
    const int size = config.height;
    if (init.width() != size || init.height() != size)
        out() << QCoreApplication::translate("Cli", "The start image is %1×%2; resized to the model's %3×%3.")
                     .arg(init.width())
                     .arg(init.height())
                     .arg(size)
              << Qt::endl;
    r->init = ImageBatch::fromImage(init, config.inChannels, size);
    if (maskPath.isEmpty())
        return true;
    QImageReader maskReader(maskPath);
    const QImage mask = maskReader.read();
    if (mask.isNull()) {
        *status = fail(QCoreApplication::translate("Cli", "Cannot read the mask %1: %2.")
                           .arg(maskPath, maskReader.errorString()),
            2);
        return false;
    }
    if (mask.size() != init.size() && mask.size() != QSize(size, size)) {
        *status = fail(QCoreApplication::translate("Cli",
                           "The mask %1 is %2×%3; it must be as large as the start image (%4×%5) or the "
                           "model (%6×%6) to be resized with it.")
                           .arg(maskPath)
                           .arg(mask.width())
                           .arg(mask.height())
                           .arg(init.width())
                           .arg(init.height())
                           .arg(size),
            2);
        return false;
    }
    r->mask = ImageBatch::maskFromImage(mask, size);
    return true;
}

} // namespace de::cli
