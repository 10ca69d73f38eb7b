// Timings of the model's real work (a training step, sampler steps, a DDIM preview) and of the machine's own
// convolution speed, for `diffusion-explorer-cli bench`. Free of torch headers.
#pragma once

#include "model/conv_algorithm.h"
#include "model/model_config.h"

#include <functional>

namespace de {

// Floating-point operations of one forward pass for one sample (multiply-adds count two): convolutions,
// transposed convolutions and linear layers. 0.301 GFLOP for the sprite model (3, 64, 5, 16).
double forwardFlopsPerSample(const ModelConfig &config);

struct BenchmarkSettings
{
    int nFeat = 64;
    int trainSteps = 5; // timed training steps at batch 100 (after 2 warm-up steps)
    int samplerSteps = 30; // timed DDPM steps at batch 32 and at batch 1 (after warm-up)
    bool quick = false; // fewer repetitions, for tests
    bool oneDnn = true; // false: the LibTorch path (BatchNorm folded), for comparison
    ConvAlgorithm convAlgorithm = ConvAlgorithm::Auto; // Direct also trains without the Winograd kernels
};

struct BenchmarkResult
{
    double trainStepSeconds = 0;
    double ddpmStepSeconds = 0; // batch 32
    double ddpmStepBatch1Seconds = 0; // batch 1
    double ddimPreviewSeconds = 0; // 16 samples, 25 steps
    double dpmPreviewSeconds
        = 0; // 16 samples, 12 DPM-Solver++ steps: what a learner waits after a slider moves
    double convGflops = 0; // 3x3, 64 -> 64 channels, on (32, 64, 16, 16)
    double flopsPerSample = 0;
};

// Runs on the calling thread with the thread count already set; reports what it is timing.
BenchmarkResult runBenchmark(
    const BenchmarkSettings &settings, const std::function<void(const QString &)> &progress = {});

} // namespace de
