#include "diffusion/embeddings.h"

#include "data/tensor_images.h"
#include "model/context_unet.h"
#include "user_error.h"

#include <QCoreApplication>

#include <algorithm>

namespace de {

static QVector<float> values(const torch::Tensor &row)
{
    const torch::Tensor r = row.contiguous().to(torch::kFloat32);
    return QVector<float>(r.data_ptr<float>(), r.data_ptr<float>() + r.numel());
}

static void checkTimestep(int step, int timesteps)
{
    if (step < 0 || step > timesteps)
        throw UserError(QCoreApplication::translate("Embeddings", "The timestep %1 is outside 0..%2")
                            .arg(step)
                            .arg(timesteps));
}

static void checkContext(const QVector<float> &context, const ModelConfig &config)
{
    if (!context.isEmpty() && context.size() != config.nCFeat)
        throw UserError(QCoreApplication::translate("Embeddings", "The context has %1 values; %2 needs %3")
                            .arg(context.size())
                            .arg(config.describe())
                            .arg(config.nCFeat));
}

EmbeddingTable computeEmbeddings(
    ContextUnet &model, int timesteps, const QVector<int> &t, const QVector<float> &context)
{
    const ModelConfig &config = model->config;
    for (int step : t)
        checkTimestep(step, timesteps);
    checkContext(context, config);
    EmbeddingTable table;
    table.timesteps = timesteps;
    table.t = t;
    table.context = context.isEmpty() ? QVector<float>(config.nCFeat, 0.0f) : context;
    torch::NoGradGuard noGrad;
    model->eval();
    const int64_t n = t.size();
    const int64_t rows = std::max<int64_t>(n, 1); // the context is embedded even when no t is asked for
    torch::Tensor time = torch::zeros({rows}, torch::kFloat32);
    for (int64_t i = 0; i < n; ++i)
        time[i] = float(double(t[int(i)]) / timesteps);
    const torch::Tensor c = torch::from_blob(table.context.data(), {1, config.nCFeat}, torch::kFloat32)
                                .expand({rows, config.nCFeat});
    // The same embedding step a forward pass takes, once for every t and the context.
    const ContextUnetImpl::Embeddings e = model->embed(time, c, rows, time.options());
    for (int64_t i = 0; i < n; ++i) {
        table.temb1.push_back(values(e.time1[i]));
        table.temb2.push_back(values(e.time2[i]));
    }
    table.cemb1 = values(e.context1[0]);
    table.cemb2 = values(e.context2[0]);
    return table;
}

ModulationMaps computeModulation(
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
    const torch::Tensor input
        = torch::from_blob(const_cast<float *>(x.values.constData()), {1, x.c, x.h, x.w}, torch::kFloat32)
              .clone();
    const torch::Tensor time = torch::full({1}, double(t) / timesteps);
    QVector<float> contextValues = context.isEmpty() ? QVector<float>(config.nCFeat, 0.0f) : context;
    const torch::Tensor c = torch::from_blob(contextValues.data(), {1, config.nCFeat}, torch::kFloat32);
    // One ordinary pass records up0's and up1's outputs; the embeddings are the ones that pass used.
    std::vector<std::pair<std::string, torch::Tensor>> blocks;
    model->forward(input, time, c, &blocks);
    torch::Tensor up0, up1;
    for (const auto &[name, value] : blocks) {
        if (name == "up0")
            up0 = value;
        else if (name == "up1")
            up1 = value;
    }
    const ContextUnetImpl::Embeddings e = model->embed(time, c, 1, time.options());
    const int64_t f = config.nFeat;
    const torch::Tensor after1 = e.context1.view({1, 2 * f, 1, 1}) * up0 + e.time1.view({1, 2 * f, 1, 1});
    const torch::Tensor after2 = e.context2.view({1, f, 1, 1}) * up1 + e.time2.view({1, f, 1, 1});
    ModulationMaps maps;
    maps.t = t;
    // (1, C, H, W) -> C one-channel images.
    maps.before1 = toImageBatch(up0[0].unsqueeze(1));
    maps.after1 = toImageBatch(after1[0].unsqueeze(1));
    maps.before2 = toImageBatch(up1[0].unsqueeze(1));
    maps.after2 = toImageBatch(after2[0].unsqueeze(1));
    maps.cemb1 = values(e.context1[0]);
    maps.temb1 = values(e.time1[0]);
    maps.cemb2 = values(e.context2[0]);
    maps.temb2 = values(e.time2[0]);
    return maps;
}

} // namespace de
