// The DDPM noise schedule as plain numbers (no torch): T+1 values of beta, alpha = 1 - beta and alpha-bar,
// the running product, with alpha-bar[0] = 1. Linear (the course: beta linear over T+1 points) or cosine
// (Nichol & Dhariwal 2021). NoiseSchedule turns it into tensors; the UI plots it.
#pragma once

#include "model/model_config.h"

#include <QString>
#include <QVector>

namespace de {

// T: the number of noising steps of every schedule here (the course's 500).
inline constexpr int kDiffusionTimesteps = 500;

struct ScheduleTable
{
    int timesteps = 0;
    QVector<double> beta, alpha, alphaBar; // T+1 values each

    // Throws std::invalid_argument for impossible settings.
    static ScheduleTable linear(
        int timesteps = kDiffusionTimesteps, double betaStart = 1e-4, double betaEnd = 0.02);
    // alpha-bar(t) = f(t) / f(0), f(t) = cos²((t/T + s) / (1 + s) · π/2), beta clipped at 0.999 (as the
    // paper does near t = T) and alpha-bar recomputed as the product of the clipped alphas.
    static ScheduleTable cosine(int timesteps = kDiffusionTimesteps, double offset = 0.008);
    // The schedule a model of that kind samples with (T = kDiffusionTimesteps for both).
    static ScheduleTable of(ScheduleKind kind);
    // Signal-to-noise ratio alpha-bar / (1 - alpha-bar); infinite at t = 0.
    double snr(int t) const { return alphaBar[t] / (1.0 - alphaBar[t]); }
};

// "linear" / "cosine", as the checkpoint and the command line spell them; the name shown to people.
QString scheduleKey(ScheduleKind kind);
bool scheduleFromKey(const QString &key, ScheduleKind *kind);
QString scheduleName(ScheduleKind kind);

} // namespace de
