// Google Benchmark micro-benchmarks for the hot pieces: a ContextUnet forward pass at batch 1, 16 and 32
// (eval, inference mode, as the samplers run it), one DDPM sampler step, the embedding view's work (the
// modulation pass for one x_t, the time embedding of every t, a layer slice), and the emoji and IDX loaders.
// Built with -DDE_MICROBENCH=ON; run by `scripts/bench --micro`.
#include "data/dataset_catalog.h"
#include "data/emoji_sprites.h"
#include "data/idx_reader.h"
#include "data/tensor_images.h"
#include "diffusion/embeddings.h"
#include "diffusion/layer_slice.h"
#include "diffusion/noise_schedule.h"
#include "diffusion/sampler.h"
#include "model/batchnorm_gelu.h"
#include "model/compute_precision.h"
#include "model/compute_threads.h"
#include "model/context_unet.h"

#include <benchmark/benchmark.h>

#include <QGuiApplication>

#include <numeric>

namespace {

de::ContextUnet spriteModel()
{
    torch::manual_seed(0);
    de::ContextUnet model(de::ModelConfig {3, 64, 5, 16});
    model->eval();
    return model;
}

void forward(benchmark::State &state)
{
    const int64_t batch = state.range(0);
    de::ContextUnet model = spriteModel();
    c10::InferenceMode inference;
    const torch::Tensor x = torch::randn({batch, 3, 16, 16}), t = torch::full({batch}, 0.5),
                        c = torch::one_hot(torch::arange(batch) % 5, 5).to(torch::kFloat32);
    for (auto _ : state)
        benchmark::DoNotOptimize(model->forward(x, t, c));
    state.SetItemsProcessed(state.iterations() * batch);
}
BENCHMARK(forward)->Arg(1)->Arg(16)->Arg(32)->Unit(benchmark::kMillisecond);

// One DDPM step as the sampler takes it: predict the noise, update x, add fresh noise.
void ddpmStep(benchmark::State &state)
{
    const int64_t batch = state.range(0);
    de::ContextUnet model = spriteModel();
    const de::NoiseSchedule schedule = de::NoiseSchedule::linear();
    c10::InferenceMode inference;
    torch::Tensor x = torch::randn({batch, 3, 16, 16});
    const torch::Tensor c = torch::one_hot(torch::arange(batch) % 5, 5).to(torch::kFloat32);
    int step = schedule.timesteps;
    for (auto _ : state) {
        const torch::Tensor eps
            = model->forward(x, torch::full({batch}, double(step) / schedule.timesteps), c);
        x = de::ddpmUpdate(x, eps, schedule, step, torch::randn_like(x));
        step = step > 1 ? step - 1 : schedule.timesteps;
    }
}
BENCHMARK(ddpmStep)->Arg(1)->Arg(32)->Unit(benchmark::kMillisecond);

// GELU(BatchNorm2d(x)) in training mode, forward and backward, at batch 100 on the sprite model's two shapes
// (64 channels at 16x16, 128 at 8x8): the fused function (arg 1) against LibTorch's two layers (arg 0).
void batchNormGelu(benchmark::State &state)
{
    const bool fused = state.range(0) != 0;
    const int64_t side = state.range(1), channels = side == 16 ? 64 : 128;
    torch::nn::BatchNorm2d bn(channels);
    bn->train();
    const torch::Tensor input = torch::randn({100, channels, side, side});
    const torch::Tensor gradient = torch::randn_like(input);
    for (auto _ : state) {
        const torch::Tensor x = input.detach().requires_grad_(true);
        const torch::Tensor y = fused ? de::batchNormGelu(x, *bn) : torch::gelu(bn->forward(x));
        y.backward(gradient);
        benchmark::DoNotOptimize(x.grad().data_ptr());
    }
}
BENCHMARK(batchNormGelu)
    ->ArgNames({"fused", "side"})
    ->Args({0, 16})
    ->Args({1, 16})
    ->Args({0, 8})
    ->Args({1, 8})
    ->Unit(benchmark::kMillisecond);

// What the Embeddings page asks for when t or the context moves: one pass that records up0's and up1's maps
// before and after cemb·u + temb. The page must answer within a fraction of a second.
void modulation(benchmark::State &state)
{
    de::ContextUnet model = spriteModel();
    torch::manual_seed(1);
    const de::ImageBatch x = de::toImageBatch(torch::randn({1, 3, 16, 16}));
    const QVector<float> context {0.0f, 1.0f, 0.0f, 0.0f, 0.0f};
    int t = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(de::computeModulation(model, 500, x, t, context));
        t = (t + 37) % 501;
    }
}
BENCHMARK(modulation)->Unit(benchmark::kMillisecond);

// The heat map's table when the context moves: the four embeddings for all 501 timesteps.
void embeddingTable(benchmark::State &state)
{
    de::ContextUnet model = spriteModel();
    QVector<int> t(501);
    std::iota(t.begin(), t.end(), 0);
    const QVector<float> context {0.0f, 0.0f, 1.0f, 0.0f, 0.0f};
    for (auto _ : state)
        benchmark::DoNotOptimize(de::computeEmbeddings(model, 500, t, context));
}
BENCHMARK(embeddingTable)->Unit(benchmark::kMillisecond);

// The Model page's step-by-step link: a slice of up1's trained transposed convolution for one x_t.
void layerSlice(benchmark::State &state)
{
    de::ContextUnet model = spriteModel();
    torch::manual_seed(2);
    const de::ImageBatch x = de::toImageBatch(torch::randn({1, 3, 16, 16}));
    for (auto _ : state)
        benchmark::DoNotOptimize(
            de::sliceTransposedConvolution(model, 500, QStringLiteral("up1"), x, 250, {}));
}
BENCHMARK(layerSlice)->Unit(benchmark::kMillisecond);

// The emoji sprites from their cache (rendered once by the first iteration's set-up).
void emojiLoader(benchmark::State &state)
{
    de::EmojiSpriteOptions options;
    de::loadEmojiSprites(options);
    for (auto _ : state)
        benchmark::DoNotOptimize(de::loadEmojiSprites(options));
}
BENCHMARK(emojiLoader)->Unit(benchmark::kMillisecond);

// Fashion-MNIST's 60,000 training images and labels: inflating and parsing the IDX files.
void idxLoader(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(de::loadFashionMnist());
}
BENCHMARK(idxLoader)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen"); // emoji rendering needs fonts, not a display
    QGuiApplication app(argc, argv);
    de::applyThreadCount(de::configuredThreadCount()); // LibTorch and OpenBLAS, as the programs set them
    de::setSamplingPrecision(de::configuredPrecision()); // and the sampling pass's number format
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
