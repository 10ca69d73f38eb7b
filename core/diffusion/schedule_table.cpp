#include "diffusion/schedule_table.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace de {

static constexpr double kPi = 3.14159265358979323846;

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

ScheduleTable ScheduleTable::cosine(int timesteps, double offset)
{
    if (timesteps < 1)
        throw std::invalid_argument("the number of diffusion timesteps must be at least 1");
    if (!(offset > 0.0 && offset < 1.0))
        throw std::invalid_argument("the cosine schedule's offset must lie in (0, 1)");
    const auto f = [&](int t) {
        const double c = std::cos((double(t) / timesteps + offset) / (1.0 + offset) * kPi / 2.0);
        return c * c;
    };
    ScheduleTable s;
    s.timesteps = timesteps;
    double product = 1.0;
    for (int t = 0; t <= timesteps; ++t) {
        const double beta = t == 0 ? 0.0 : std::min(1.0 - f(t) / f(t - 1), 0.999);
        s.beta.push_back(beta);
        s.alpha.push_back(1.0 - beta);
        product *= 1.0 - beta;
        s.alphaBar.push_back(product);
    }
    return s;
}

ScheduleTable ScheduleTable::of(ScheduleKind kind)
{
    return kind == ScheduleKind::Cosine ? cosine() : linear();
}

QString scheduleKey(ScheduleKind kind)
{
    return kind == ScheduleKind::Cosine ? QStringLiteral("cosine") : QStringLiteral("linear");
}

bool scheduleFromKey(const QString &key, ScheduleKind *kind)
{
    if (key == QLatin1String("linear"))
        *kind = ScheduleKind::Linear;
    else if (key == QLatin1String("cosine"))
        *kind = ScheduleKind::Cosine;
    else
        return false;
    return true;
}

QString scheduleName(ScheduleKind kind)
{
    return kind == ScheduleKind::Cosine ? QCoreApplication::translate("Schedule", "cosine")
                                        : QCoreApplication::translate("Schedule", "linear");
}

} // namespace de
