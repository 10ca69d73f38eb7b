// bench: time training and sampling and the machine's convolution speed; --ui: the event loop's stalls while
// the worker runs.
#include "commands.h"
#include "options.h"

#include "diffusion/benchmark.h"
#include "model/compute_precision.h"
#include "worker/diffusion_worker.h"
#include "worker/stall_probe.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QThread>

namespace de::cli {

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
        return fail(failure, 1);
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
        threadsOption(),
        precisionOption(),
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
            QStringLiteral("onednn|libtorch")},
        {QStringLiteral("conv"),
            QCoreApplication::translate("Cli",
                "3x3 convolution method: auto (default), direct or winograd. direct also trains with "
                "LibTorch's "
                "convolutions instead of the Winograd kernels."),
            QStringLiteral("auto|direct|winograd")},
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
    const int threads = applyThreads(p, &status);
    if (threads == 0)
        return status;
    if (!applyPrecision(p, &status))
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
    if (settings.convAlgorithm != ConvAlgorithm::Auto) // a float32 method, forced to be measured
        setSamplingPrecision(Precision::Float32);
    // What the sampling keys measure: bfloat16 only in the fused pass, on a CPU that has it.
    const QString precision = precisionName(settings.oneDnn ? precisionFor(nFeat) : Precision::Float32);
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
            "\"dpm_preview_s\": %10, \"dpm_steps\": 12, \"conv_gflops\": %8, \"forward_gflop_per_sample\": "
            "%9, \"precision\": \"%11\"}")
                     .arg(QCoreApplication::applicationVersion())
                     .arg(threads)
                     .arg(nFeat)
                     .arg(r.trainStepSeconds, 0, 'f', 5)
                     .arg(r.ddpmStepSeconds, 0, 'f', 5)
                     .arg(r.ddpmStepBatch1Seconds, 0, 'f', 5)
                     .arg(r.ddimPreviewSeconds, 0, 'f', 5)
                     .arg(r.convGflops, 0, 'f', 1)
                     .arg(gflop, 0, 'f', 4)
                     .arg(r.dpmPreviewSeconds, 0, 'f', 5)
                     .arg(precision)
              << Qt::endl;
        return 0;
    }
    out() << QCoreApplication::translate("Cli",
        "ContextUnet(3, %1, 5, 16), %2 thread(s); forward pass %3 GFLOP per sample\n"
        "training step, batch 100:        %4 s\n"
        "DDPM step, batch 32:             %5 s  (%6 GFLOP/s, %7% of the convolution speed)\n"
        "DDPM step, batch 1:              %8 s\n"
        "DDIM preview, 16 samples x 25:   %9 s\n"
        "3x3 convolution 64->64:          %10 GFLOP/s\n"
        "DPM-Solver++ preview, 16 x 12:   %11 s\n"
        "sampling precision:              %12")
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
                 .arg(r.dpmPreviewSeconds, 0, 'f', 3)
                 .arg(precision)
          << Qt::endl;
    return 0;
}

} // namespace de::cli
