#include "diffusion/embeddings.h"

#include "data/tensor_images.h"
#include "diffusion/recorded_pass.h"

#include <algorithm>

namespace de {

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
        table.temb1.push_back(toFloatVector(e.time1[i]));
        table.temb2.push_back(toFloatVector(e.time2[i]));
    }
    table.cemb1 = toFloatVector(e.context1[0]);
    table.cemb2 = toFloatVector(e.context2[0]);
    return table;
}

ModulationMaps computeModulation(
    ContextUnet &model, int timesteps, const ImageBatch &x, int t, const QVector<float> &context)
{
    const RecordedPass pass = recordPass(model, timesteps, x, t, context);
    const Modulation m = modulationOf(model, pass);
    ModulationMaps maps;
    maps.t = t;
    // (1, C, H, W) -> C one-channel images.
    maps.before1 = toImageBatch(pass.block("up0")[0].unsqueeze(1));
    maps.after1 = toImageBatch(m.after1[0].unsqueeze(1));
    maps.before2 = toImageBatch(pass.block("up1")[0].unsqueeze(1));
    maps.after2 = toImageBatch(m.after2[0].unsqueeze(1));
    maps.cemb1 = toFloatVector(m.embeddings.context1[0]);
    maps.temb1 = toFloatVector(m.embeddings.time1[0]);
    maps.cemb2 = toFloatVector(m.embeddings.context2[0]);
    maps.temb2 = toFloatVector(m.embeddings.time2[0]);
    return maps;
}

} // namespace de
