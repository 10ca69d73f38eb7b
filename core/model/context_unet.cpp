#include "model/context_unet.h"

#include "model/batchnorm_gelu.h"
#include "model/winograd_conv.h"

#include <QCoreApplication>

namespace nn = torch::nn;

namespace de {

QString ModelConfig::validate() const
{
    if (inChannels < 1 || inChannels > 4)
        return QCoreApplication::translate("ModelConfig", "in_channels must be between 1 and 4 (got %1)")
            .arg(inChannels);
    if (nFeat < 8 || nFeat > 512 || nFeat % 8 != 0)
        return QCoreApplication::translate("ModelConfig",
            "n_feat must be a multiple of 8 between 8 and 512, because GroupNorm "
            "uses 8 groups (got %1)")
            .arg(nFeat);
    if (nCFeat < 1 || nCFeat > 1000)
        return QCoreApplication::translate("ModelConfig", "n_cfeat must be between 1 and 1000 (got %1)")
            .arg(nCFeat);
    if (height < 16 || height > 256 || height % 4 != 0)
        return QCoreApplication::translate("ModelConfig",
            "height must be a multiple of 4 between 16 and 256, because the U-Net halves it twice and then "
            "averages 4×4 blocks (got %1)")
            .arg(height);
    return {};
}

QString ModelConfig::describe() const
{
    return QStringLiteral("ContextUnet(in_channels=%1, n_feat=%2, n_cfeat=%3, height=%4)")
        .arg(inChannels)
        .arg(nFeat)
        .arg(nCFeat)
        .arg(height);
}

static nn::Sequential convBnGelu(int64_t in, int64_t out)
{
    return nn::Sequential(
        nn::Conv2d(nn::Conv2dOptions(in, out, 3).stride(1).padding(1)), nn::BatchNorm2d(out), nn::GELU());
}

ResidualConvBlockImpl::ResidualConvBlockImpl(
    int64_t inChannels, int64_t outChannels_, bool isRes_, bool courseShortcut_)
    : isRes(isRes_)
    , sameChannels(inChannels == outChannels_)
    , courseShortcut(courseShortcut_)
    , outChannels(outChannels_)
{
    conv1 = register_module("conv1", convBnGelu(inChannels, outChannels));
    conv2 = register_module("conv2", convBnGelu(outChannels, outChannels));
    if (isRes && !sameChannels && !courseShortcut)
        shortcut = register_module("shortcut", nn::Conv2d(nn::Conv2dOptions(inChannels, outChannels, 1)));
}

// What the course's `nn.Conv2d(x.shape[1], x2.shape[1], 1)` draws: kaiming_uniform_(a=sqrt(5)) for the
// weight, then uniform(±1/sqrt(fan_in)) for the bias, computed in the same order and precision as PyTorch.
std::pair<torch::Tensor, torch::Tensor> courseShortcutWeights(int64_t fanIn, int64_t outChannels,
    const torch::TensorOptions &options, const std::optional<at::Generator> &generator)
{
    const double a = std::sqrt(5.0);
    const double gain = std::sqrt(2.0 / (1.0 + a * a));
    const double weightBound = std::sqrt(3.0) * (gain / std::sqrt(double(fanIn)));
    const double biasBound = 1.0 / std::sqrt(double(fanIn));
    torch::Tensor weight = torch::empty({outChannels, fanIn, 1, 1}, options.requires_grad(false));
    torch::Tensor bias = torch::empty({outChannels}, options.requires_grad(false));
    const c10::optional<at::Generator> gen
        = generator ? c10::optional<at::Generator>(*generator) : c10::optional<at::Generator>();
    weight.uniform_(-weightBound, weightBound, gen);
    bias.uniform_(-biasBound, biasBound, gen);
    return {weight, bias};
}

static torch::Tensor courseRandomShortcut(
    const torch::Tensor &x, int64_t outChannels, const std::optional<at::Generator> &generator)
{
    const auto [weight, bias] = courseShortcutWeights(x.size(1), outChannels, x.options(), generator);
    return torch::conv2d(x, weight, bias);
}

std::pair<torch::Tensor, torch::Tensor> foldConvBatchNorm(
    const torch::nn::Conv2dImpl &conv, const torch::nn::BatchNorm2dImpl &bn)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor scale = bn.weight / torch::sqrt(bn.running_var + bn.options.eps());
    return {conv.weight * scale.view({-1, 1, 1, 1}), (conv.bias - bn.running_mean) * scale + bn.bias};
}

// conv -> BatchNorm (eval) -> GELU as one convolution (foldConvBatchNorm) and GELU.
static torch::Tensor foldedConvBnGelu(
    nn::Sequential &seq, ResidualConvBlockImpl::Folded &cache, const torch::Tensor &x)
{
    auto *conv = seq[0]->as<nn::Conv2d>();
    auto *bn = seq[1]->as<nn::BatchNorm2d>();
    const torch::Tensor *parts[]
        = {&conv->weight, &conv->bias, &bn->weight, &bn->bias, &bn->running_mean, &bn->running_var};
    int64_t version = 0;
    for (const torch::Tensor *t : parts)
        version += t->is_inference() ? 0 : int64_t(t->_version());
    if (version != cache.version || conv->weight.data_ptr() != cache.data || !cache.weight.defined()) {
        std::tie(cache.weight, cache.bias) = foldConvBatchNorm(*conv, *bn);
        cache.version = version;
        cache.data = conv->weight.data_ptr();
    }
    return torch::gelu(torch::conv2d(x, cache.weight, cache.bias, 1, 1));
}

// A 3x3 convolution with autograd: Winograd where faster (winograd_conv.h), else LibTorch's.
static torch::Tensor conv3x3(nn::Conv2dImpl &conv, const torch::Tensor &x, bool winograd)
{
    if (winograd && x.dim() == 4 // float32 or not: winogradConv2d hands other types to LibTorch
        && winogradIsFaster(
            x.size(0), conv.options.in_channels(), conv.options.out_channels(), x.size(2), x.size(3)))
        return winogradConv2d(x, conv.weight, conv.bias);
    return conv.forward(x);
}

// With `winograd`, also BatchNorm and GELU in training mode as one pass (batchnorm_gelu.h).
static torch::Tensor convBnGelu(nn::Sequential &seq, const torch::Tensor &x, bool winograd)
{
    const torch::Tensor y = conv3x3(*seq[0]->as<nn::Conv2d>(), x, winograd);
    auto *bn = seq[1]->as<nn::BatchNorm2d>();
    auto *gelu = seq[2]->as<nn::GELU>();
    if (winograd && bn->is_training() && gelu->options.approximate() == "none")
        if (torch::Tensor fused = batchNormGelu(y, *bn); fused.defined())
            return fused;
    return gelu->forward(bn->forward(y));
}

torch::Tensor ResidualConvBlockImpl::forward(const torch::Tensor &x)
{
    const bool fold = foldBatchNorm && !is_training() && !torch::GradMode::is_enabled();
    torch::Tensor x2 = fold ? foldedConvBnGelu(conv2, folded2, foldedConvBnGelu(conv1, folded1, x))
                            : convBnGelu(conv2, convBnGelu(conv1, x, winograd), winograd);
    if (!isRes)
        return x2;
    torch::Tensor skip = x;
    if (!sameChannels)
        skip = courseShortcut ? courseRandomShortcut(x, outChannels, generator) : shortcut->forward(x);
    return (skip + x2) / 1.414;
}

UnetDownImpl::UnetDownImpl(int64_t inChannels, int64_t outChannels)
{
    model = register_module("model",
        nn::Sequential(ResidualConvBlock(inChannels, outChannels),
            ResidualConvBlock(outChannels, outChannels), nn::MaxPool2d(nn::MaxPool2dOptions(2))));
}

torch::Tensor UnetDownImpl::forward(const torch::Tensor &x)
{
    return model->forward(x);
}

UnetUpImpl::UnetUpImpl(int64_t inChannels, int64_t outChannels)
{
    model = register_module("model",
        nn::Sequential(nn::ConvTranspose2d(nn::ConvTranspose2dOptions(inChannels, outChannels, 2).stride(2)),
            ResidualConvBlock(outChannels, outChannels), ResidualConvBlock(outChannels, outChannels)));
}

torch::Tensor UnetUpImpl::forward(const torch::Tensor &x, const torch::Tensor &skip)
{
    const torch::Tensor joined = torch::cat({x, skip}, 1);
    auto &deconv = *model[0]->as<nn::ConvTranspose2d>();
    const torch::Tensor y
        = fastTransposedConv ? transposedConvAsScatter(deconv, joined) : deconv.forward(joined);
    return model[2]->as<ResidualConvBlock>()->forward(model[1]->as<ResidualConvBlock>()->forward(y));
}

torch::Tensor transposedConvAsScatter(nn::ConvTranspose2dImpl &deconv, const torch::Tensor &x)
{
    const auto &o = deconv.options;
    const int64_t k = o.kernel_size()->at(0);
    const auto *padding = c10::get_if<torch::ExpandingArray<2>>(&o.padding());
    const bool scatter = o.kernel_size()->at(1) == k && o.stride()->at(0) == k && o.stride()->at(1) == k
        && padding && (*padding)->at(0) == 0 && (*padding)->at(1) == 0 && o.output_padding()->at(0) == 0
        && o.output_padding()->at(1) == 0 && o.dilation()->at(0) == 1 && o.dilation()->at(1) == 1
        && o.groups() == 1 && deconv.bias.defined() && x.dim() == 4 && x.scalar_type() == torch::kFloat32
        && deconv.weight.scalar_type() == torch::kFloat32;
    if (!scatter)
        return deconv.forward(x);
    const int64_t n = x.size(0), in = x.size(1), out = o.out_channels();
    if (x.size(2) == 1 && x.size(3) == 1) // weight (in, out, k, k) read as (in, out·k·k): one product
        return torch::addmm(deconv.bias.repeat_interleave(k * k), x.reshape({n, in}),
            deconv.weight.reshape({in, out * k * k}))
            .view({n, out, k, k});
    // channel o·k·k + ky·k + kx of the 1x1 convolution is output channel o at (ky, kx) of the patch
    const torch::Tensor w = deconv.weight.permute({1, 2, 3, 0}).reshape({out * k * k, in, 1, 1});
    return torch::pixel_shuffle(torch::conv2d(x, w, deconv.bias.repeat_interleave(k * k)), k);
}

EmbedFCImpl::EmbedFCImpl(int64_t inputDim_, int64_t embedDim)
    : inputDim(inputDim_)
{
    model = register_module(
        "model", nn::Sequential(nn::Linear(inputDim, embedDim), nn::GELU(), nn::Linear(embedDim, embedDim)));
}

torch::Tensor EmbedFCImpl::forward(const torch::Tensor &x)
{
    return model->forward(x.reshape({-1, inputDim}));
}

ContextUnetImpl::ContextUnetImpl(const ModelConfig &config_)
    : config(config_)
{
    const QString problem = config.validate();
    if (!problem.isEmpty())
        throw std::invalid_argument(problem.toStdString());
    const int64_t c = config.inChannels, f = config.nFeat, k = config.nCFeat, h = config.height;
    initConv = register_module("init_conv", ResidualConvBlock(c, f, true, config.courseShortcut));
    down1 = register_module("down1", UnetDown(f, f));
    down2 = register_module("down2", UnetDown(f, 2 * f));
    toVec = register_module("to_vec", nn::Sequential(nn::AvgPool2d(nn::AvgPool2dOptions(4)), nn::GELU()));
    timeEmbed1 = register_module("timeembed1", EmbedFC(1, 2 * f));
    timeEmbed2 = register_module("timeembed2", EmbedFC(1, f));
    contextEmbed1 = register_module("contextembed1", EmbedFC(k, 2 * f));
    contextEmbed2 = register_module("contextembed2", EmbedFC(k, f));
    up0 = register_module("up0",
        nn::Sequential(nn::ConvTranspose2d(nn::ConvTranspose2dOptions(2 * f, 2 * f, h / 4).stride(h / 4)),
            nn::GroupNorm(nn::GroupNormOptions(8, 2 * f)), nn::ReLU()));
    up1 = register_module("up1", UnetUp(4 * f, f));
    up2 = register_module("up2", UnetUp(2 * f, f));
    out = register_module("out",
        nn::Sequential(nn::Conv2d(nn::Conv2dOptions(2 * f, f, 3).padding(1)),
            nn::GroupNorm(nn::GroupNormOptions(8, f)), nn::ReLU(),
            nn::Conv2d(nn::Conv2dOptions(f, c, 3).padding(1))));
}

torch::Tensor ContextUnetImpl::forward(
    const torch::Tensor &xIn, const torch::Tensor &t, const torch::Tensor &cIn)
{
    return forward(xIn, t, cIn, nullptr);
}

torch::Tensor ContextUnetImpl::forward(const torch::Tensor &xIn, const torch::Tensor &t,
    const torch::Tensor &cIn, std::vector<std::pair<std::string, torch::Tensor>> *activations)
{
    const auto keep = [activations](const char *name, const torch::Tensor &value) {
        if (activations)
            activations->emplace_back(name, value);
    };
    if (!activations && useOneDnn && !is_training() && !torch::GradMode::is_enabled()) {
        torch::Tensor fast = oneDnnForward->forward(*this, xIn, t, cIn);
        if (fast.defined())
            return fast;
    }
    const int64_t batch = xIn.size(0), f = config.nFeat;
    const torch::Tensor x = initConv->forward(xIn);
    const torch::Tensor d1 = down1->forward(x);
    const torch::Tensor d2 = down2->forward(d1);
    const torch::Tensor hiddenVec = toVec->forward(d2);
    keep("init_conv", x);
    keep("down1", d1);
    keep("down2", d2);
    keep("to_vec", hiddenVec);

    const Embeddings e = embed(t, cIn, batch, xIn.options());
    const torch::Tensor cemb1 = e.context1.view({-1, 2 * f, 1, 1});
    const torch::Tensor temb1 = e.time1.view({-1, 2 * f, 1, 1});
    const torch::Tensor cemb2 = e.context2.view({-1, f, 1, 1});
    const torch::Tensor temb2 = e.time2.view({-1, f, 1, 1});

    auto &up0Deconv = *up0[0]->as<nn::ConvTranspose2d>();
    const torch::Tensor u1 = up0[2]->as<nn::ReLU>()->forward(up0[1]->as<nn::GroupNorm>()->forward(
        useWinograd ? transposedConvAsScatter(up0Deconv, hiddenVec) : up0Deconv.forward(hiddenVec)));
    const torch::Tensor u2 = up1->forward(cemb1 * u1 + temb1, d2);
    const torch::Tensor u3 = up2->forward(cemb2 * u2 + temb2, d1);
    auto &outConv = *out[0]->as<nn::Conv2d>();
    torch::Tensor o;
    if (useWinograd && torch::GradMode::is_enabled() && u3.scalar_type() == torch::kFloat32
        && winogradIsFaster(batch, f, f, u3.size(2), u3.size(3))
        && winogradAvailable(batch, f, f, u3.size(2), u3.size(3))) {
        // With autograd, conv(cat(u3, x)) as conv(u3, W[:, :f]) + conv(x, W[:, f:]): oneDNN's Winograd
        // kernels take 5.9 ms forward at batch 100 for 128→64 channels at 16x16 but 1.85 ms for 64→64, and
        // the gradients likewise; the concatenation and its gradient go too
        const torch::Tensor &w = outConv.weight;
        o = winogradConv2d(u3, w.narrow(1, 0, f), outConv.bias)
            + winogradConv2d(x, w.narrow(1, f, f), torch::zeros_like(outConv.bias));
    } else {
        o = conv3x3(outConv, torch::cat({u3, x}, 1), useWinograd);
    }
    const torch::Tensor result = out[3]->as<nn::Conv2d>()->forward(
        out[2]->as<nn::ReLU>()->forward(out[1]->as<nn::GroupNorm>()->forward(o)));
    keep("up0", u1);
    keep("up1", u2);
    keep("up2", u3);
    keep("out", result);
    return result;
}

ContextUnetImpl::Embeddings ContextUnetImpl::embed(
    const torch::Tensor &t, const torch::Tensor &c, int64_t batch, const torch::TensorOptions &options)
{
    const torch::Tensor context = c.defined() ? c : torch::zeros({batch, config.nCFeat}, options);
    const torch::Tensor time = t.reshape({-1, 1}).to(options.dtype());
    return {contextEmbed1->forward(context), timeEmbed1->forward(time), contextEmbed2->forward(context),
        timeEmbed2->forward(time)};
}

void ContextUnetImpl::setFoldBatchNorm(bool fold)
{
    for (const auto &m : modules())
        if (auto *block = m->as<ResidualConvBlockImpl>())
            block->foldBatchNorm = fold;
}

void ContextUnetImpl::setWinograd(bool enabled)
{
    useWinograd = enabled;
    for (const auto &m : modules())
        if (auto *block = m->as<ResidualConvBlockImpl>())
            block->winograd = enabled;
        else if (auto *up = m->as<UnetUpImpl>())
            up->fastTransposedConv = enabled;
}

void ContextUnetImpl::setShortcutGenerator(std::optional<at::Generator> generator)
{
    initConv->generator = std::move(generator);
}

int64_t parameterCount(const torch::nn::Module &module)
{
    int64_t n = 0;
    for (const auto &p : module.parameters())
        n += p.numel();
    return n;
}

int64_t stateEntryCount(const torch::nn::Module &module)
{
    return static_cast<int64_t>(module.named_parameters().size() + module.named_buffers().size());
}

} // namespace de

#include "model/model_blocks.h"

namespace de {

QVector<BlockInfo> describeBlocks(const ModelConfig &config)
{
    ContextUnet model(config);
    const int c = config.inChannels, f = config.nFeat, h = config.height;
    const std::map<std::string, QVector<int>> shapes {{"init_conv", {f, h, h}}, {"down1", {f, h / 2, h / 2}},
        {"down2", {2 * f, h / 4, h / 4}}, {"to_vec", {2 * f, 1, 1}}, {"timeembed1", {2 * f}},
        {"timeembed2", {f}}, {"contextembed1", {2 * f}}, {"contextembed2", {f}},
        {"up0", {2 * f, h / 4, h / 4}}, {"up1", {f, h / 2, h / 2}}, {"up2", {f, h, h}}, {"out", {c, h, h}}};
    QVector<BlockInfo> blocks;
    for (const auto &child : model->named_children()) {
        BlockInfo b;
        b.name = QString::fromStdString(child.key());
        b.parameters = parameterCount(*child.value());
        const auto it = shapes.find(child.key());
        if (it != shapes.end())
            b.shape = it->second;
        blocks.push_back(b);
    }
    return blocks;
}

} // namespace de
