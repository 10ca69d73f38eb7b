#include "diffusion/embeddings.h"

#include "model/context_unet.h"
#include "user_error.h"

#include <QCoreApplication>

namespace de {

static QVector<float> values(const torch::Tensor &row)
{
    const torch::Tensor r = row.contiguous().to(torch::kFloat32);
    return QVector<float>(r.data_ptr<float>(), r.data_ptr<float>() + r.numel());
}

EmbeddingTable computeEmbeddings(
    ContextUnet &model, int timesteps, const QVector<int> &t, const QVector<float> &context)
{
    const ModelConfig &config = model->config;
    for (int step : t)
        if (step < 0 || step > timesteps)
            throw UserError(QCoreApplication::translate("Embeddings", "The timestep %1 is outside 0..%2")
                                .arg(step)
                                .arg(timesteps));
    if (!context.isEmpty() && context.size() != config.nCFeat)
        throw UserError(QCoreApplication::translate("Embeddings", "The context has %1 values; %2 needs %3")
                            .arg(context.size())
                            .arg(config.describe())
                            .arg(config.nCFeat));
    EmbeddingTable table;
    table.timesteps = timesteps;
    table.t = t;
    table.context = context.isEmpty() ? QVector<float>(config.nCFeat, 0.0f) : context;
    torch::NoGradGuard noGrad;
    model->eval();
    const int64_t n = t.size();
    torch::Tensor time = torch::empty({n}, torch::kFloat32);
    for (int64_t i = 0; i < n; ++i)
        time[i] = float(double(t[int(i)]) / timesteps);
    const torch::Tensor c
        = torch::from_blob(table.context.data(), {1, config.nCFeat}, torch::kFloat32).clone();
    // The same embedding step a forward pass takes; one context row serves every t.
    const ContextUnetImpl::Embeddings times = model->embed(time, torch::Tensor(), n, time.options());
    const ContextUnetImpl::Embeddings ctx = model->embed(torch::zeros({1}), c, 1, c.options());
    for (int64_t i = 0; i < n; ++i) {
        table.temb1.push_back(values(times.time1[i]));
        table.temb2.push_back(values(times.time2[i]));
    }
    table.cemb1 = values(ctx.context1[0]);
    table.cemb2 = values(ctx.context2[0]);
    return table;
}

} // namespace de
