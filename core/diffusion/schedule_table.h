// The DDPM noise schedule as plain numbers (no torch): beta linear over T+1 points, alpha = 1 - beta,
// alpha-bar the running product with alpha-bar[0] = 1, as in the course. NoiseSchedule turns it into tensors;
// the UI plots it.
#pragma once

#include <QVector>

namespace de {

struct ScheduleTable
{
    int timesteps = 0;
    QVector<double> beta, alpha, alphaBar; // T+1 values each

    // Throws std::invalid_argument for impossible settings.
    static ScheduleTable linear(int timesteps = 500, double betaStart = 1e-4, double betaEnd = 0.02);
    // Signal-to-noise ratio alpha-bar / (1 - alpha-bar); infinite at t = 0.
    double snr(int t) const { return alphaBar[t] / (1.0 - alphaBar[t]); }
};

} // namespace de
