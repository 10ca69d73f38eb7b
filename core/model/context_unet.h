// ContextUnet: the small conditional U-Net of the course, with the course's parameter names.
#pragma once

#include "model/model_config.h"
#include "model/onednn_forward.h"

#include <torch/torch.h>

#include <optional>

namespace de {

// Two 3x3 conv + BatchNorm + GELU; with isRes, adds the input (through a 1x1 shortcut when the channel
// counts differ) and divides by 1.414 as the course does. With courseShortcut the 1x1 shortcut is not a
// trained module: every forward pass draws a new one with PyTorch's default Conv2d initialisation (weights,
// then bias, uniform in ±1/sqrt(in_channels)) from the generator, exactly as the course's code does.
struct ResidualConvBlockImpl : torch::nn::Module
{
    ResidualConvBlockImpl(
        int64_t inChannels, int64_t outChannels, bool isRes = false, bool courseShortcut = false);
    torch::Tensor forward(const torch::Tensor &x);

    torch::nn::Sequential conv1 {nullptr};
    torch::nn::Sequential conv2 {nullptr};
    torch::nn::Conv2d shortcut {nullptr};
    bool isRes;
    bool sameChannels;
    bool courseShortcut;
    int64_t outChannels;
    std::optional<at::Generator> generator; // none: LibTorch's default generator, as torch.manual_seed sets

    // In eval mode each BatchNorm is folded into the convolution before it (one convolution with rescaled
    // weights and bias instead of a convolution and a normalisation pass). The folded weights are recomputed
    // whenever a weight or statistic changes (tracked by the tensors' version counters). false: the plain
    // path.
    bool foldBatchNorm = true;
    // With autograd, wide 3x3 convolutions go through winogradConv2d (where winogradIsFaster says so), and in
    // training BatchNorm and GELU through batchNormGelu. false: LibTorch's layers.
    bool winograd = true;
    struct Folded
    {
        torch::Tensor weight, bias;
        int64_t version = -1;
        const void *data = nullptr;
    };
    Folded folded1, folded2;
};
TORCH_MODULE(ResidualConvBlock);

// Two residual blocks, then MaxPool2d(2).
struct UnetDownImpl : torch::nn::Module
{
    UnetDownImpl(int64_t inChannels, int64_t outChannels);
    torch::Tensor forward(const torch::Tensor &x);
    torch::nn::Sequential model {nullptr};
};
TORCH_MODULE(UnetDown);

// ConvTranspose2d(k=2, s=2) on cat(x, skip), then two residual blocks.
struct UnetUpImpl : torch::nn::Module
{
    UnetUpImpl(int64_t inChannels, int64_t outChannels);
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &skip);
    torch::nn::Sequential model {nullptr};
    bool fastTransposedConv = true; // see transposedConvAsScatter
};
TORCH_MODULE(UnetUp);

// Linear, GELU, Linear: embeds a time value or a context vector.
struct EmbedFCImpl : torch::nn::Module
{
    EmbedFCImpl(int64_t inputDim, int64_t embedDim);
    torch::Tensor forward(const torch::Tensor &x);
    int64_t inputDim;
    torch::nn::Sequential model {nullptr};
};
TORCH_MODULE(EmbedFC);

struct ContextUnetImpl : torch::nn::Module
{
    explicit ContextUnetImpl(const ModelConfig &config);

    // x: (B, C, H, W); t: B time values in [0, 1] (any shape with B elements);
    // c: (B, nCFeat) context, or an undefined tensor for "no context" (zeros).
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &t, const torch::Tensor &c = {});
    // The same pass, also returning each block's output by block name (init_conv, down1, down2, to_vec, up0,
    // up1, up2, out), in order.
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &t, const torch::Tensor &c,
        std::vector<std::pair<std::string, torch::Tensor>> *activations);

    // Course-compatible models draw init_conv's shortcut from this generator (none: the default generator).
    // The samplers and the trainer point it at their seeded generator for the run.
    void setShortcutGenerator(std::optional<at::Generator> generator);
    // Eval-mode BatchNorm folding in every residual block (on by default; see ResidualConvBlockImpl).
    void setFoldBatchNorm(bool fold);
    // Eval-mode passes without autograd go through OneDnnForward (on by default). The plain path is what runs
    // with this and BatchNorm folding both off; the tests compare the two.
    void setOneDnn(bool enabled) { useOneDnn = enabled; }
    // Training (and any pass with autograd) computes the wide 3x3 convolutions with oneDNN's Winograd
    // kernels (on by default; see winograd_conv.h) and the transposed convolutions with
    // transposedConvAsScatter. Off: LibTorch's conv2d and conv_transpose2d.
    void setWinograd(bool enabled);
    OneDnnForward &oneDnn() { return *oneDnnForward; }

    // The four embeddings of a pass, each (B, width): context and time for up1 (2·n_feat), for up2 (n_feat).
    // An undefined c stands for "no context" (zeros); t holds B time values (any shape).
    struct Embeddings
    {
        torch::Tensor context1, time1, context2, time2;
    };
    Embeddings embed(
        const torch::Tensor &t, const torch::Tensor &c, int64_t batch, const torch::TensorOptions &options);

    ModelConfig config;
    ResidualConvBlock initConv {nullptr};
    UnetDown down1 {nullptr}, down2 {nullptr};
    torch::nn::Sequential toVec {nullptr};
    EmbedFC timeEmbed1 {nullptr}, timeEmbed2 {nullptr}, contextEmbed1 {nullptr}, contextEmbed2 {nullptr};
    torch::nn::Sequential up0 {nullptr};
    UnetUp up1 {nullptr}, up2 {nullptr};
    torch::nn::Sequential out {nullptr};

private:
    bool useOneDnn = true;
    bool useWinograd = true;
    std::shared_ptr<OneDnnForward> oneDnnForward = std::make_shared<OneDnnForward>();
};
TORCH_MODULE(ContextUnet);

// conv -> BatchNorm (eval) as one convolution: w' = w·γ/√(σ²+ε), b' = (b − μ)·γ/√(σ²+ε) + β.
std::pair<torch::Tensor, torch::Tensor> foldConvBatchNorm(
    const torch::nn::Conv2dImpl &conv, const torch::nn::BatchNorm2dImpl &bn);
// The weight and bias of the course's `nn.Conv2d(in, out, 1)` shortcut, drawn as PyTorch initialises it.
std::pair<torch::Tensor, torch::Tensor> courseShortcutWeights(int64_t inChannels, int64_t outChannels,
    const torch::TensorOptions &options, const std::optional<at::Generator> &generator);

// A ConvTranspose2d whose kernel equals its stride (no padding, dilation or groups, as every one in the
// model) paints each input pixel's own k×k patch of the output: the same values and gradients come from a
// 1x1 convolution to k·k·out channels and a pixel shuffle, or from one matrix product when the input is a
// single pixel (up0). On the training shapes this is 2.4 to 16 times faster than LibTorch's
// conv_transpose2d, forward and backward. Other layers, and types other than float32, go to the module.
torch::Tensor transposedConvAsScatter(torch::nn::ConvTranspose2dImpl &deconv, const torch::Tensor &x);

// Number of trainable parameters.
int64_t parameterCount(const torch::nn::Module &module);
// Number of state entries (parameters and buffers), as in a PyTorch state_dict.
int64_t stateEntryCount(const torch::nn::Module &module);

} // namespace de
