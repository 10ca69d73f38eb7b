#include "diffusion/embeddings.h"

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

} // namespace de
