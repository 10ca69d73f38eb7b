// The DDPM noise schedule as tensors: beta, alpha = 1 - beta and alpha-bar, its running product, over T+1
// points (diffusion/schedule_table.h computes them).
#pragma once

#include "model/model_config.h"

#include <torch/torch.h>

namespace de {

struct NoiseSchedule
{
    int timesteps = 500; // T
    torch::Tensor beta; // (T+1), float64
    torch::Tensor alpha; // (T+1), float64
    torch::Tensor alphaBar; // (T+1), float64, alphaBar[0] = 1

    static NoiseSchedule linear(int timesteps = 500, double betaStart = 1e-4, double betaEnd = 0.02);
    static NoiseSchedule cosine(int timesteps = 500);
    // The schedule a model of that kind was trained with.
    static NoiseSchedule of(ScheduleKind kind);

    double betaAt(int t) const { return beta[t].item<double>(); }
    double alphaAt(int t) const { return alpha[t].item<double>(); }
    double alphaBarAt(int t) const { return alphaBar[t].item<double>(); }
};

} // namespace de
