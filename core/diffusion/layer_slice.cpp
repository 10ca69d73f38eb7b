#include "diffusion/layer_slice.h"

#include "data/tensor_images.h"
#include "diffusion/recorded_pass.h"
#include "user_error.h"

#include <QCoreApplication>

namespace de {

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
    // One pass: up1's and up2's inputs join the modulated maps of that pass with its own skip connections.
    const RecordedPass pass = recordPass(model, timesteps, x, t, context);
    torch::NoGradGuard noGrad;
    // up0 takes the bottleneck vector; up1 takes [cemb1·up0 + temb1, down2]; up2 [cemb2·up1 + temb2, down1].
    torch::Tensor input;
    if (block == QLatin1String("up0")) {
        input = pass.block("to_vec");
    } else {
        const Modulation m = modulationOf(model, pass);
        input = block == QLatin1String("up1") ? torch::cat({m.after1, pass.block("down2")}, 1)
                                              : torch::cat({m.after2, pass.block("down1")}, 1);
    }
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
    slice.input = toFloatVector(input[0][slice.inChannel]);
    slice.weights = toFloatVector(weight[slice.inChannel][slice.outChannel]);
    slice.bias = layer->bias.defined() ? layer->bias[slice.outChannel].item<float>() : 0.0f;
    return slice;
}

} // namespace de
