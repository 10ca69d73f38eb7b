#include "diffusion/benchmark.h"

#include "diffusion/sampler.h"
#include "diffusion/trainer.h"
#include "model/context_unet.h"

#include <QCoreApplication>

#include <chrono>

namespace de {

double forwardFlopsPerSample(const ModelConfig &config)
{
    const double c = config.inChannels, f = config.nFeat, k = config.nCFeat, h = config.height;
    auto conv = [](double in, double out, double kernel, double side) {
        return in * out * kernel * kernel * side * side;
    };
    auto block = [&](double in, double out, double side) {
        return conv(in, out, 3, side) + conv(out, out, 3, side);
    };
    auto linear = [](double in, double out) { return in * out; };
    const double q = h / 4;
    double macs = block(c, f, h) + conv(c, f, 1, h); // init_conv + shortcut
    macs += block(f, f, h) + block(f, f, h); // down1
    macs += block(f, 2 * f, h / 2) + block(2 * f, 2 * f, h / 2); // down2
    macs += 2 * f * 2 * f * q * q; // up0: k = s = h/4 on 1x1
    macs += 4 * f * f * 4 * q * q + 2 * block(f, f, h / 2); // up1
    macs += 2 * f * f * 4 * (h / 2) * (h / 2) + 2 * block(f, f, h); // up2
    macs += conv(2 * f, f, 3, h) + conv(f, c, 3, h); // out
    macs += linear(1, 2 * f) + linear(2 * f, 2 * f) + linear(1, f) + linear(f, f); // time embeddings
    macs += linear(k, 2 * f) + linear(2 * f, 2 * f) + linear(k, f) + linear(f, f); // context embeddings
    return 2.0 * macs;
}

namespace {

template<typename Work> double secondsPer(int repetitions, Work work)
{
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < repetitions; ++i)
        work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / repetitions;
}

} // namespace

BenchmarkResult runBenchmark(const BenchmarkSettings &s, const std::function<void(const QString &)> &progress)
{
    auto say = [&](const char *what) {
        if (progress)
            progress(QCoreApplication::translate("Benchmark", what));
    };
    const ModelConfig config {3, s.nFeat, 5, 16};
    BenchmarkResult r;
    r.flopsPerSample = forwardFlopsPerSample(config);
    const int warmUp = s.quick ? 1 : 2;
    const int samplerSteps = s.quick ? 3 : std::max(s.samplerSteps, 30);
    torch::manual_seed(0);

    say(QT_TRANSLATE_NOOP("Benchmark", "training step, batch 100…"));
    TrainerSettings ts;
    ts.batch = 100;
    ts.totalSteps = 1000;
    Trainer trainer(config, ts);
    trainer.model()->setWinograd(
        s.convAlgorithm != ConvAlgorithm::Direct); // --conv direct: LibTorch's conv2d
    const torch::Tensor x0 = torch::rand({100, 3, 16, 16}) * 2 - 1;
    const torch::Tensor context = torch::one_hot(torch::randint(0, 5, {100}), 5).to(torch::kFloat32);
    for (int i = 0; i < warmUp; ++i)
        trainer.step(x0, context);
    r.trainStepSeconds
        = secondsPer(s.quick ? 1 : std::max(s.trainSteps, 1), [&] { trainer.step(x0, context); });

    ContextUnet model = trainer.model();
    model->eval();
    model->setOneDnn(s.oneDnn);
    model->oneDnn().setConvAlgorithm(s.convAlgorithm);
    c10::InferenceMode inferenceMode; // as the sampler runs
    const NoiseSchedule schedule = NoiseSchedule::linear();
    auto ddpmStep = [&](int batch) {
        torch::Tensor x = torch::randn({batch, 3, 16, 16});
        const torch::Tensor c = torch::one_hot(torch::arange(batch) % 5, 5).to(torch::kFloat32);
        const torch::Tensor t = torch::full({batch}, 0.5);
        for (int i = 0; i < warmUp; ++i)
            model->forward(x, t, c);
        int step = schedule.timesteps;
        return secondsPer(samplerSteps, [&] {
            const torch::Tensor eps
                = model->forward(x, torch::full({batch}, double(step) / schedule.timesteps), c);
            x = ddpmUpdate(x, eps, schedule, step, torch::randn_like(x));
            --step;
        });
    };
    say(QT_TRANSLATE_NOOP("Benchmark", "DDPM step, batch 32…"));
    r.ddpmStepSeconds = ddpmStep(32);
    say(QT_TRANSLATE_NOOP("Benchmark", "DDPM step, batch 1…"));
    r.ddpmStepBatch1Seconds = ddpmStep(1);

    say(QT_TRANSLATE_NOOP("Benchmark", "DDIM preview, 16 samples in 25 steps…"));
    SamplerSettings preview;
    preview.kind = SamplerKind::Ddim;
    preview.ddimSteps = 25;
    preview.count = 16;
    preview.context = torch::one_hot(torch::arange(16) % 5, 5).to(torch::kFloat32);
    runSampler(model, schedule, preview); // warm-up
    r.ddimPreviewSeconds = secondsPer(1, [&] { runSampler(model, schedule, preview); });
    say(QT_TRANSLATE_NOOP("Benchmark", "DPM-Solver++ preview, 16 samples in 12 steps…"));
    preview.kind = SamplerKind::DpmSolver;
    preview.ddimSteps = 12;
    runSampler(model, schedule, preview); // warm-up
    r.dpmPreviewSeconds = secondsPer(1, [&] { runSampler(model, schedule, preview); });

    say(QT_TRANSLATE_NOOP("Benchmark", "3x3 convolution, 64 to 64 channels…"));
    const torch::Tensor input = torch::randn({32, 64, 16, 16});
    const torch::Tensor weight = torch::randn({64, 64, 3, 3});
    for (int i = 0; i < warmUp; ++i)
        torch::conv2d(input, weight, {}, 1, 1);
    const double convSeconds = secondsPer(s.quick ? 2 : 20, [&] { torch::conv2d(input, weight, {}, 1, 1); });
    r.convGflops = 2.0 * 32 * 64 * 64 * 9 * 16 * 16 / convSeconds / 1e9;
    return r;
}

} // namespace de
