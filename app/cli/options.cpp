#include "options.h"

#include "files/png_writer.h"
#include "model/compute_threads.h"
#include "worker/diffusion_worker.h"

#include <QCoreApplication>
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

int runUntilDone(DiffusionEngine &engine)
{
    QObject::connect(engine.worker(), &DiffusionWorker::failed, &engine,
        [](const QString &m) { QCoreApplication::exit(fail(m, 1)); });
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
    } else {
        *status = usageError(
            QCoreApplication::translate("Cli", "--sampler must be ddpm, ddim or dpm-solver++ (got \"%1\").")
                .arg(sampler));
        return false;
    }
    if (p.isSet(QStringLiteral("steps")) && *kind == SamplerKind::Ddpm) {
        *status = usageError(QCoreApplication::translate(
            "Cli", "--steps is for DDIM and DPM-Solver++; DDPM always takes every timestep."));
        return false;
    }
    return true;
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

bool contextOption(const QCommandLineParser &p, int k, QVector<float> *context, int *status)
{
    context->clear();
    const QString text = p.value(QStringLiteral("context"));
    if (!p.isSet(QStringLiteral("context")) || text.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return true;
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != k) {
        *status = usageError(QCoreApplication::translate(
            "Cli", "--context needs %1 comma-separated values for this model (got %2).")
                                 .arg(k)
                                 .arg(parts.size()));
        return false;
    }
    for (const QString &part : parts) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v)) {
            *status = usageError(
                QCoreApplication::translate("Cli", "--context value \"%1\" is not a number.").arg(part));
            return false;
        }
        context->push_back(float(v));
    }
    return true;
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

} // namespace de::cli
