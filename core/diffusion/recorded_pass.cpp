#include "diffusion/recorded_pass.h"

#include "user_error.h"

#include <QCoreApplication>

namespace de {

torch::Tensor RecordedPass::block(const char *name) const
{
    for (const auto &[key, value] : blocks)
        if (key == name)
            return value;
    return {};
}

void checkTimestep(int t, int timesteps)
{
    if (t < 0 || t > timesteps)
        throw UserError(QCoreApplication::translate("Embeddings", "The timestep %1 is outside 0..%2")
                            .arg(t)
                            .arg(timesteps));
}

void checkContext(const QVector<float> &context, const ModelConfig &config)
{
    if (!context.isEmpty() && context.size() != config.nCFeat)
        throw UserError(QCoreApplication::translate("Embeddings", "The context has %1 values; %2 needs %3")
                            .arg(context.size())
                            .arg(config.describe())
                            .arg(config.nCFeat));
}

RecordedPass recordPass(
    ContextUnet &model, int timesteps, const ImageBatch &x, int t, const QVector<float> &context)
{
    const ModelConfig &config = model->config;
    checkTimestep(t, timesteps);
    checkContext(context, config);
    if (x.n != 1 || x.c != config.inChannels || x.h != config.height || x.w != config.height
        || x.values.size() != x.imageSize())
        throw UserError(QCoreApplication::translate("Embeddings", "The image (%1×%2×%3) does not fit %4")
                            .arg(x.c)
                            .arg(x.h)
                            .arg(x.w)
                            .arg(config.describe()));
    torch::NoGradGuard noGrad;
    model->eval();
    RecordedPass pass;
    const torch::Tensor input
        = torch::from_blob(const_cast<float *>(x.values.constData()), {1, x.c, x.h, x.w}, torch::kFloat32)
              .clone();
    pass.time = torch::full({1}, double(t) / timesteps);
    pass.context = context.isEmpty()
        ? torch::zeros({1, config.nCFeat})
        : torch::from_blob(const_cast<float *>(context.constData()), {1, config.nCFeat}, torch::kFloat32)
              .clone();
    model->forward(input, pass.time, pass.context, &pass.blocks);
    return pass;
}

Modulation modulationOf(ContextUnet &model, const RecordedPass &pass)
{
    torch::NoGradGuard noGrad;
    Modulation m;
    // The embedding step is deterministic: asked again, it gives what the pass used.
    m.embeddings = model->embed(pass.time, pass.context, 1, pass.time.options());
    const int64_t f = model->config.nFeat;
    m.after1 = m.embeddings.context1.view({1, 2 * f, 1, 1}) * pass.block("up0")
        + m.embeddings.time1.view({1, 2 * f, 1, 1});
    m.after2 = m.embeddings.context2.view({1, f, 1, 1}) * pass.block("up1")
        + m.embeddings.time2.view({1, f, 1, 1});
    return m;
}

} // namespace de
