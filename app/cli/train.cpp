// train: train a ContextUnet on a data set and write a checkpoint.
#include "commands.h"
#include "options.h"

#include "diffusion/schedule_table.h"
#include "worker/diffusion_worker.h"

#include <QCoreApplication>

namespace de::cli {

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
            QCoreApplication::translate("Cli",
                "Width of the U-Net (a multiple of 8). Default 32 (the course uses 64, three times slower "
                "per step)."),
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
        threadsOption(),
        precisionOption(),
        {QStringLiteral("autosave-every"),
            QCoreApplication::translate("Cli", "Also write the checkpoint every N steps."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("minutes"),
            QCoreApplication::translate("Cli",
                "Train for this many minutes instead of --steps/--epochs; the learning rate decays to zero "
                "over the time."),
            QCoreApplication::translate("Cli", "X")},
        {QStringLiteral("warmup"),
            QCoreApplication::translate("Cli", "Raise the learning rate linearly over the first N steps."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("loss"),
            QCoreApplication::translate("Cli",
                "mse (every timestep counts the same, as in the course) or min-snr (Min-SNR-γ weights: the "
                "nearly clean timesteps count less)."),
            QStringLiteral("mse|min-snr")},
        {QStringLiteral("min-snr-gamma"),
            QCoreApplication::translate("Cli", "γ of --loss min-snr. Default 5."),
            QCoreApplication::translate("Cli", "X")},
        {QStringLiteral("input-perturbation"),
            QCoreApplication::translate("Cli",
                "Make x_t with noise + X·(another noise), as DDPM-IP does (for example 0.1). Default 0."),
            QCoreApplication::translate("Cli", "X")},
        {QStringLiteral("context-dropout"),
            QCoreApplication::translate("Cli",
                "Train this share of the samples without their class, so that the model also learns the "
                "unconditional prediction that guidance needs. Default 0.1."),
            QCoreApplication::translate("Cli", "X")},
        {QStringLiteral("ema"),
            QCoreApplication::translate("Cli",
                "Keep an average of the weights whose half-life is X times the images seen so far (0 turns "
                "it off); sampling uses it."),
            QCoreApplication::translate("Cli", "X")},
        {QStringLiteral("schedule"),
            QCoreApplication::translate(
                "Cli", "Noise schedule of a new model: linear (the course) or cosine (Nichol & Dhariwal)."),
            QStringLiteral("linear|cosine")},
        {QStringLiteral("augment"),
            QCoreApplication::translate("Cli",
                "on or off: random horizontal flips and one-pixel shifts of the training images. Default: "
                "off (on the emoji sprites they cost accuracy)."),
            QCoreApplication::translate("Cli", "on|off")},
        {QStringLiteral("judge-every"),
            QCoreApplication::translate("Cli",
                "Every N steps, sample each class (DPM-Solver++ 12 steps, guidance 2) and print how many the "
                "data set's classifier recognises."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("judge-count"),
            QCoreApplication::translate("Cli", "Samples of each class for --judge-every. Default 5."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("max-per-class"),
            QCoreApplication::translate("Cli", "Emoji only: use at most N sprites of each class."),
            QCoreApplication::translate("Cli", "N")},
        cacheDirOption(),
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
    if (int(p.isSet(QStringLiteral("steps"))) + int(p.isSet(QStringLiteral("epochs")))
            + int(p.isSet(QStringLiteral("minutes")))
        > 1)
        return usageError(
            QCoreApplication::translate("Cli", "Give one of --steps, --epochs and --minutes, not several."));
    qint64 nFeat = r.nFeat, steps = 0, epochs = 0, batch = r.batch, seed = 0, autosave = 0, maxPerClass = 0,
           warmup = r.warmupSteps, judgeEvery = 0, judgeCount = r.judgeCount;
    if (!toInt(p, QStringLiteral("n-feat"), 8, 512, &nFeat, &status)
        || !toInt(p, QStringLiteral("steps"), 1, 100000000, &steps, &status)
        || !toInt(p, QStringLiteral("epochs"), 1, 100000, &epochs, &status)
        || !toInt(p, QStringLiteral("batch"), 1, 4096, &batch, &status)
        || !toInt(p, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &seed, &status)
        || !toInt(p, QStringLiteral("autosave-every"), 1, 100000000, &autosave, &status)
        || !toInt(p, QStringLiteral("max-per-class"), 1, 100000, &maxPerClass, &status)
        || !toInt(p, QStringLiteral("warmup"), 0, 100000000, &warmup, &status)
        || !toInt(p, QStringLiteral("judge-every"), 1, 100000000, &judgeEvery, &status)
        || !toInt(p, QStringLiteral("judge-count"), 1, 100, &judgeCount, &status)
        || !toDouble(p, QStringLiteral("lr"), 1e-8, 0.999, &r.lr, &status)
        || !toDouble(p, QStringLiteral("minutes"), 0.01, 100000, &r.minutes, &status)
        || !toDouble(p, QStringLiteral("min-snr-gamma"), 0.01, 1000, &r.minSnrGamma, &status)
        || !toDouble(p, QStringLiteral("input-perturbation"), 0, 1, &r.inputPerturbation, &status)
        || !toDouble(p, QStringLiteral("context-dropout"), 0, 1, &r.contextDropout, &status)
        || !toDouble(p, QStringLiteral("ema"), 0, 1, &r.emaHalfLife, &status))
        return status;
    if (p.isSet(QStringLiteral("loss"))) {
        const QString loss = p.value(QStringLiteral("loss"));
        if (loss != QLatin1String("mse") && loss != QLatin1String("min-snr"))
            return usageError(
                QCoreApplication::translate("Cli", "--loss must be mse or min-snr (got \"%1\").").arg(loss));
        r.minSnr = loss == QLatin1String("min-snr");
    }
    if (p.isSet(QStringLiteral("schedule"))
        && !scheduleFromKey(p.value(QStringLiteral("schedule")), &r.schedule))
        return usageError(
            QCoreApplication::translate("Cli", "--schedule must be linear or cosine (got \"%1\").")
                .arg(p.value(QStringLiteral("schedule"))));
    if (p.isSet(QStringLiteral("augment"))) {
        const QString a = p.value(QStringLiteral("augment"));
        if (a != QLatin1String("on") && a != QLatin1String("off"))
            return usageError(
                QCoreApplication::translate("Cli", "--augment must be on or off (got \"%1\").").arg(a));
        r.augment = a == QLatin1String("on") ? 1 : 0;
    }
    r.warmupSteps = warmup;
    r.judgeEvery = int(judgeEvery);
    r.judgeCount = int(judgeCount);
    if (nFeat % 8 != 0)
        return usageError(QCoreApplication::translate(
            "Cli", "--n-feat must be a multiple of 8, because GroupNorm uses 8 groups (got %1).")
                              .arg(nFeat));
    if (steps == 0 && epochs == 0 && r.minutes == 0.0 && r.resumePath.isEmpty())
        return usageError(QCoreApplication::translate(
            "Cli", "Say how long to train: --steps N, --epochs N or --minutes X."));
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
    const int threads = applyThreads(p, &status);
    if (threads == 0)
        return status;
    if (!applyPrecision(p, &status))
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
    QObject::connect(w, &DiffusionWorker::trainingQuality, &engine, [](const TrainQuality &q) {
        out() << QCoreApplication::translate(
            "Cli", "quality at step %1: %2% of %3 samples recognised as their class (judged in %4 s)")
                     .arg(q.step)
                     .arg(100.0 * q.accuracy, 0, 'f', 1)
                     .arg(q.samples)
                     .arg(q.seconds, 0, 'f', 1)
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

} // namespace de::cli
