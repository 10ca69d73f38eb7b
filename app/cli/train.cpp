// train: train a ContextUnet on a data set and write a checkpoint.
#include "commands.h"
#include "options.h"

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
        threadsOption(),
        {QStringLiteral("autosave-every"),
            QCoreApplication::translate("Cli", "Also write the checkpoint every N steps."),
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
    const int threads = applyThreads(p, &status);
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

} // namespace de::cli
