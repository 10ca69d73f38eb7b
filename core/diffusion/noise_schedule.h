// The DDPM noise schedule: beta linear over T+1 points, alpha = 1 - beta, alpha-bar its running product.
#pragma once

#include <torch/torch.h>

namespace de {

struct NoiseSchedule
{
    int timesteps = 500; // T
    torch::Tensor beta; // (T+1), float64
    torch::Tensor alpha; // (T+1), float64
    torch::Tensor alphaBar; // (T+1), float64, alphaBar[0] = 1

    static NoiseSchedule linear(int timesteps = 500, double betaStart = 1e-4, double betaEnd = 0.02);

    double betaAt(int t) const { return beta[t].item<double>(); }
    double alphaAt(int t) const { return alpha[t].item<double>(); }
    double alphaBarAt(int t) const { return alphaBar[t].item<double>(); }
};

} // namespace de
