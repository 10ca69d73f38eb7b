// train-classifier: train the classifier that judges a data set's samples.
#include "commands.h"
#include "options.h"

#include "worker/diffusion_worker.h"

#include <QCoreApplication>

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
        cacheDirOption(),
        threadsOption(),
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
    const int threads = applyThreads(p, &status);
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

} // namespace de::cli
