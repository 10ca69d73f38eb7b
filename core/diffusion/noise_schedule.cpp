#include "diffusion/noise_schedule.h"

#include "diffusion/schedule_table.h"

namespace de {

NoiseSchedule NoiseSchedule::linear(int timesteps, double betaStart, double betaEnd)
{
    const ScheduleTable table = ScheduleTable::linear(timesteps, betaStart, betaEnd);
    const auto tensor = [](const QVector<double> &v) {
        return torch::from_blob(const_cast<double *>(v.constData()), {v.size()}, torch::kFloat64).clone();
    };
    NoiseSchedule s;
    s.timesteps = timesteps;
    s.beta = tensor(table.beta);
    s.alpha = tensor(table.alpha);
    s.alphaBar = tensor(table.alphaBar);
    return s;
}

} // namespace de
