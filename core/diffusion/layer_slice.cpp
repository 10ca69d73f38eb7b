#include "diffusion/layer_slice.h"

#include "diffusion/embeddings.h"
#include "model/context_unet.h"
#include "user_error.h"

#include <QCoreApplication>

namespace de {

namespace {

QVector<float> values(const torch::Tensor &t)
{
    const torch::Tensor c = t.contiguous().to(torch::kFloat32);
    return QVector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

torch::Tensor asTensor(const ImageBatch &b)
{
    return torch::tensor(std::vector<float>(b.values.begin(), b.values.end())).view({1, b.n, b.h, b.w});
}

} // namespace

TransposedConvSlice sliceTransposedConvolution(ContextUnet &model, int timesteps, const QString &block,
    const ImageBatch &x, int t, const QVector<float> &context)
{
    torch::nn::ConvTranspose2d layer {nullptr};
    const auto transposed = [](const std::shared_ptr<torch::nn::Module> &m) {
        return torch::nn::ConvTranspose2d(std::dynamic_pointer_cast<torch::nn::ConvTranspose2dImpl>(m));
    };
    if (block == QLatin1String("up0"))
        layer = transposed(model->up0->ptr(0));
    else if (block == QLatin1String("up1"))
        layer = transposed(model->up1->model->ptr(0));
    else if (block == QLatin1String("up2"))
        layer = transposed(model->up2->model->ptr(0));
    if (!layer)
        throw UserError(QCoreApplication::translate(
            "LayerSlice", "%1 has no transposed convolution (up0, up1 and up2 have)")
                            .arg(block));
    // The modulation pass checks x, t and the context and gives the modulated maps up1 and up2 take in.
    const ModulationMaps maps = computeModulation(model, timesteps, x, t, context);
    torch::NoGradGuard noGrad;
    const QVector<float> c = context.isEmpty() ? QVector<float>(model->config.nCFeat, 0.0f) : context;
    std::vector<std::pair<std::string, torch::Tensor>> blocks;
    model->forward(
        torch::tensor(std::vector<float>(x.values.begin(), x.values.end())).view({1, x.c, x.h, x.w}),
        torch::full({1}, double(t) / timesteps),
        torch::tensor(std::vector<float>(c.begin(), c.end())).view({1, model->config.nCFeat}), &blocks);
    const auto recorded = [&blocks](const char *name) {
        for (const auto &[key, value] : blocks)
            if (key == name)
                return value;
        return torch::Tensor();
    };
    // up0 takes the bottleneck vector; up1 takes [cemb1·up0 + temb1, down2]; up2 [cemb2·up1 + temb2, down1].
    const torch::Tensor input = block == QLatin1String("up0") ? recorded("to_vec")
        : block == QLatin1String("up1") ? torch::cat({asTensor(maps.after1), recorded("down2")}, 1)
                                        : torch::cat({asTensor(maps.after2), recorded("down1")}, 1);
    const torch::Tensor weight = layer->weight.detach(); // (in, out, k, k)
    TransposedConvSlice slice;
    slice.block = block;
    slice.t = t;
    slice.inChannels = int(weight.size(0));
    slice.outChannels = int(weight.size(1));
    slice.kernel = int(weight.size(2));
    slice.stride = int(layer->options.stride()->at(0));
    slice.inputSide = int(input.size(2));
    slice.inChannel = int(input[0].abs().mean({1, 2}).argmax().item<int64_t>());
    slice.outChannel = int(weight[slice.inChannel].abs().sum({1, 2}).argmax().item<int64_t>());
    slice.input = values(input[0][slice.inChannel]);
    slice.weights = values(weight[slice.inChannel][slice.outChannel]);
    slice.bias = layer->bias.defined() ? layer->bias[slice.outChannel].item<float>() : 0.0f;
    return slice;
}

} // namespace de
