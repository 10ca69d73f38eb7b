#include "diffusion/schedule_table.h"

#include <stdexcept>

namespace de {

ScheduleTable ScheduleTable::linear(int timesteps, double betaStart, double betaEnd)
{
    if (timesteps < 1)
        throw std::invalid_argument("the number of diffusion timesteps must be at least 1");
    if (!(betaStart > 0.0 && betaEnd < 1.0 && betaStart <= betaEnd))
        throw std::invalid_argument("beta must rise within (0, 1)");
    ScheduleTable s;
    s.timesteps = timesteps;
    double product = 1.0;
    for (int t = 0; t <= timesteps; ++t) {
        const double beta = (betaEnd - betaStart) * double(t) / timesteps + betaStart;
        s.beta.push_back(beta);
        s.alpha.push_back(1.0 - beta);
        product *= 1.0 - beta;
        s.alphaBar.push_back(t == 0 ? 1.0 : product);
    }
    return s;
}

} // namespace de
