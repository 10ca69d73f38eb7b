// Long and rough use of the engine the window drives: a storm of 1,000 random requests (start, cancel, pause,
// resume, sample, switch model) from the calling thread with random delays ends with every job reporting
// exactly once, no deadlock and no memory kept; 200 generations of 64 samples in a row keep the resident
// memory flat. Figures go to the log (docs/reliability.md quotes them).
#include "test_support.h"
#include "worker/diffusion_worker.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <iterator>

#include <malloc.h>

using namespace de;

namespace {

// Resident memory in KiB, after handing freed heap back to the system (so that it counts what is kept).
qint64 residentKiB()
{
    malloc_trim(0);
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

} // namespace

class ReliabilityTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_data, m_modelA, m_modelB;

    TrainRequest training(const QString &out, int steps, int seed) const
    {
        TrainRequest r;
        r.dataset = QStringLiteral("idx:") + m_data;
        r.outPath = out;
        r.nFeat = 8;
        r.steps = steps;
        r.batch = 4;
        r.seed = seed;
        r.previewEvery = 0;
        return r;
    }

    SampleRequest sampling(const QString &checkpoint, int count, int steps, quint64 seed) const
    {
        SampleRequest r;
        r.checkpointPath = checkpoint;
        r.kind = SamplerKind::Ddim;
        r.ddimSteps = steps;
        r.count = count;
        r.seed = seed;
        return r;
    }

private slots:
    void initTestCase()
    {
        registerWorkTypes();
        m_data = m_dir.filePath(QStringLiteral("idx"));
        QVERIFY(test::writeSquaresIdx(m_data));
        m_modelA = m_dir.filePath(QStringLiteral("a.ckpt"));
        m_modelB = m_dir.filePath(QStringLiteral("b.ckpt"));
        DiffusionEngine engine(1);
        QSignalSpy finished(engine.worker(), &DiffusionWorker::trainingFinished);
        engine.startTraining(training(m_modelA, 5, 1));
        engine.startTraining(training(m_modelB, 5, 2));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 120000);
    }

    void stormOfRandomRequests()
    {
        DiffusionEngine engine(1);
        DiffusionWorker *w = engine.worker();
        int started = 0, finished = 0, failures = 0;
        QStringList problems;
        connect(w, &DiffusionWorker::samplingFinished, this, [&] { ++finished; });
        connect(w, &DiffusionWorker::trainingFinished, this, [&] { ++finished; });
        connect(w, &DiffusionWorker::failed, this, [&](const QString &m) {
            ++finished;
            ++failures;
            problems << m;
        });
        const QString out = m_dir.filePath(QStringLiteral("storm.ckpt"));
        QRandomGenerator random(17);
        int counts[6] = {};
        auto storm = [&](int requests) {
            for (int i = 0; i < requests; ++i) {
                const int what = int(random.bounded(6));
                ++counts[what];
                switch (what) {
                case 0:
                    engine.startSampling(sampling(m_modelA, 2, 3, random.generate()));
                    ++started;
                    break;
                case 1: // another model: the worker's cache switches
                    engine.startSampling(sampling(m_modelB, 2, 3, random.generate()));
                    ++started;
                    break;
                case 2:
                    engine.startTraining(training(out, 3, int(random.bounded(1000))));
                    ++started;
                    break;
                case 3:
                    engine.cancel();
                    break;
                case 4:
                    engine.setPaused(true);
                    break;
                default:
                    engine.setPaused(false);
                    break;
                }
                QTest::qWait(int(random.bounded(4))); // 0–3 ms, with the events delivered
            }
            engine.setPaused(false);
            // The watchdog: every job ends within two minutes of the last request, or this fails.
            return QTest::qWaitFor([&] { return finished == started; }, 120000);
        };
        QVERIFY(storm(100)); // warm-up: models loaded, kernels made, caches filled
        const qint64 before = residentKiB();
        const int warmUpJobs = started;
        std::fill(std::begin(counts), std::end(counts), 0);
        QVERIFY2(storm(1000), qPrintable(QStringLiteral("%1 of %2 jobs ended").arg(finished).arg(started)));
        QTest::qWait(500); // no job reports twice
        QCOMPARE(finished, started);
        QVERIFY2(failures == 0, qPrintable(problems.join(QLatin1Char('\n'))));
        const qint64 after = residentKiB();
        qInfo("storm of 1,000 requests: %d jobs (%d samplings of model A, %d of model B, %d trainings), %d "
              "cancels, %d pauses, %d resumes; resident memory %lld KiB before, %lld KiB after (%+.1f%%)",
            started - warmUpJobs, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], before,
            after, 100.0 * (after - before) / before);
        QVERIFY(before > 0);
        QVERIFY2(after <= before * 105 / 100, "the storm kept more than 5% of memory");
    }

    void soakOfGenerations()
    {
        DiffusionEngine engine(1);
        int done = 0;
        connect(engine.worker(), &DiffusionWorker::samplingFinished, this, [&] { ++done; });
        qint64 afterTen = 0;
        for (int i = 0; i < 200; ++i) {
            SampleRequest r = sampling(m_modelA, 64, 25, quint64(i));
            r.reportSteps = true; // as the window asks: every step's images cross the threads
            engine.startSampling(r);
            QVERIFY(QTest::qWaitFor([&] { return done == i + 1; }, 60000));
            if (i == 9)
                afterTen = residentKiB();
        }
        const qint64 end = residentKiB();
        qInfo(
            "soak: 200 DDIM generations of 64 samples (25 steps); resident memory after 10: %lld KiB, after "
            "200: %lld KiB (%+.1f%%)",
            afterTen, end, 100.0 * (end - afterTen) / afterTen);
        QVERIFY(afterTen > 0);
        QVERIFY2(end <= afterTen * 105 / 100, "memory grew by more than 5% over 190 generations");
    }
};

QTEST_GUILESS_MAIN(ReliabilityTest)
#include "test_reliability.moc"
