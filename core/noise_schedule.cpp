#include "noise_schedule.h"

#include <stdexcept>

namespace de {

NoiseSchedule NoiseSchedule::linear(int timesteps, double betaStart, double betaEnd)
{
    if (timesteps < 1)
        throw std::invalid_argument("the number of diffusion timesteps must be at least 1");
    if (!(betaStart > 0.0 && betaEnd < 1.0 && betaStart <= betaEnd))
        throw std::invalid_argument("beta must rise within (0, 1)");
    NoiseSchedule s;
    s.timesteps = timesteps;
    const auto f64 = torch::TensorOptions().dtype(torch::kFloat64);
    s.beta = (betaEnd - betaStart) * torch::linspace(0.0, 1.0, timesteps + 1, f64) + betaStart;
    s.alpha = 1.0 - s.beta;
    s.alphaBar = torch::cumprod(s.alpha, 0);
    s.alphaBar[0] = 1.0;
    return s;
}

} // namespace de
