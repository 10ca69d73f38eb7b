#include "diffusion/noise_schedule.h"

#include "diffusion/schedule_table.h"

namespace de {

static NoiseSchedule fromTable(const ScheduleTable &table)
{
    const auto tensor = [](const QVector<double> &v) {
        return torch::from_blob(const_cast<double *>(v.constData()), {v.size()}, torch::kFloat64).clone();
    };
    NoiseSchedule s;
    s.timesteps = table.timesteps;
    s.beta = tensor(table.beta);
    s.alpha = tensor(table.alpha);
    s.alphaBar = tensor(table.alphaBar);
    return s;
}

NoiseSchedule NoiseSchedule::linear(int timesteps, double betaStart, double betaEnd)
{
    return fromTable(ScheduleTable::linear(timesteps, betaStart, betaEnd));
}

NoiseSchedule NoiseSchedule::cosine(int timesteps)
{
    return fromTable(ScheduleTable::cosine(timesteps));
}

NoiseSchedule NoiseSchedule::of(ScheduleKind kind)
{
    return fromTable(ScheduleTable::of(kind));
}

} // namespace de
