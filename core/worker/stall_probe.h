// Measures how long the event loop of the thread it lives on is kept from running: a timer asks to fire every
// few milliseconds and records how late each tick comes. Used by the GUI tests and `bench --ui`. QtCore only.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QVector>

namespace de {

struct StallStats
{
    int ticks = 0;
    double p99Ms = 0.0; // 99th percentile of the gaps between ticks, less the requested interval
    double maxMs = 0.0;
};

class StallProbe : public QObject
{
public:
    explicit StallProbe(int intervalMs = 5, QObject *parent = nullptr);
    void start();
    void stop();
    StallStats stats() const;

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    int m_intervalMs;
    QVector<double> m_lateMs;
};

} // namespace de
