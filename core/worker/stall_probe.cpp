#include "worker/stall_probe.h"

#include <algorithm>
#include <cmath>

namespace de {

StallProbe::StallProbe(int intervalMs, QObject *parent)
    : QObject(parent)
    , m_intervalMs(intervalMs)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        m_lateMs.push_back(std::max(0.0, double(now - m_lastNs) / 1e6 - m_intervalMs));
        m_lastNs = now;
    });
}

void StallProbe::start()
{
    m_lateMs.clear();
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

void StallProbe::stop()
{
    m_timer.stop();
}

StallStats StallProbe::stats() const
{
    StallStats s;
    s.ticks = int(m_lateMs.size());
    if (m_lateMs.isEmpty())
        return s;
    QVector<double> sorted = m_lateMs;
    std::sort(sorted.begin(), sorted.end());
    const qsizetype at = std::min(sorted.size() - 1, qsizetype(std::ceil(0.99 * double(sorted.size())) - 1));
    s.p99Ms = sorted[std::max<qsizetype>(0, at)];
    s.maxMs = sorted.last();
    return s;
}

} // namespace de
