// The worker thread: training and sampling happen off the calling thread, report through signals, stop when
// cancelled (saving what was trained), and report errors as messages.
#include "files/checkpoint_info.h"
#include "files/model_file.h"
#include "test_support.h"
#include "worker/diffusion_worker.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace de;

class DiffusionWorkerTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_data;
    QString m_checkpoint;

    TrainRequest tinyRequest(qint64 steps, const QString &out) const
    {
        return test::tinyTraining(m_data, out, steps, 8, 3);
    }

private slots:
    void initTestCase()
    {
        registerWorkTypes();
        m_data = m_dir.filePath(QStringLiteral("idx"));
        QVERIFY(test::writeSquaresIdx(m_data)); // 32 grey 16x16 images of two classes
        m_checkpoint = m_dir.filePath(QStringLiteral("tiny.ckpt"));
    }

    void trainsOffTheCallingThread()
    {
        DiffusionEngine engine(1);
        QThread *caller = QThread::currentThread();
        std::atomic<int> offThread {0}, onCaller {0};
        connect(
            engine.worker(), &DiffusionWorker::trainingProgress, engine.worker(),
            [&](const TrainProgress &) { (QThread::currentThread() == caller ? onCaller : offThread)++; },
            Qt::DirectConnection);
        QSignalSpy progress(engine.worker(), &DiffusionWorker::trainingProgress);
        QSignalSpy finished(engine.worker(), &DiffusionWorker::trainingFinished);
        QSignalSpy failed(engine.worker(), &DiffusionWorker::failed);
        engine.startTraining(tinyRequest(6, m_checkpoint));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size() + failed.size(), 1, 60000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(progress.size(), 6);
        QCOMPARE(offThread.load(), 6);
        QCOMPARE(onCaller.load(), 0);
        const auto result = finished.first().first().value<TrainResult>();
        QCOMPARE(result.step, qint64(6));
        QVERIFY(!result.cancelled);
        QCOMPARE(readCheckpointInfo(m_checkpoint).step, qint64(6));
    }

    void cancelledTrainingSavesWhatItHas()
    {
        DiffusionEngine engine(1);
        const QString out = m_dir.filePath(QStringLiteral("cancelled.ckpt"));
        QSignalSpy finished(engine.worker(), &DiffusionWorker::trainingFinished);
        connect(
            engine.worker(), &DiffusionWorker::trainingProgress, &engine, [&engine](const TrainProgress &p) {
                if (p.step == 3)
                    engine.cancel();
            });
        engine.startTraining(tinyRequest(100000, out));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        const auto result = finished.first().first().value<TrainResult>();
        QVERIFY(result.cancelled);
        QVERIFY(result.step >= 3 && result.step < 100);
        QCOMPARE(readCheckpointInfo(out).step, result.step);
        // Resuming brings back the losses so far, so the curve continues where it stopped.
        QSignalSpy started(engine.worker(), &DiffusionWorker::trainingStarted);
        finished.clear();
        TrainRequest more = tinyRequest(result.step + 2, out);
        more.resumePath = out;
        engine.startTraining(more);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(started.first().at(0).toLongLong(), result.step);
        QCOMPARE(started.first().at(1).value<QVector<float>>().size(), qsizetype(result.step));
        QCOMPARE(readCheckpointInfo(out).lossHistory.size(), qsizetype(result.step + 2));
    }

    void samplesEveryStepAndCancels()
    {
        DiffusionEngine engine(1);
        QSignalSpy steps(engine.worker(), &DiffusionWorker::samplingStep);
        QSignalSpy finished(engine.worker(), &DiffusionWorker::samplingFinished);
        QSignalSpy failed(engine.worker(), &DiffusionWorker::failed);
        SampleRequest r;
        r.checkpointPath = m_checkpoint;
        r.ddimSteps = 10;
        r.count = 3;
        r.context = {1, 0, 0, 1, 0.5f, 0.5f};
        engine.startSampling(r);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size() + failed.size(), 1, 60000);
        QVERIFY(failed.isEmpty());
        QCOMPARE(steps.size(), 11);
        const auto last = steps.last().first().value<SampleStep>();
        QCOMPARE(last.index, 10);
        QCOMPARE(last.x.n, 3);
        QCOMPARE(last.x.c, 1);
        QCOMPARE(last.x0.h, 16);
        const auto result = finished.first().first().value<SampleResult>();
        QCOMPARE(result.images.values, last.x.values);
        QCOMPARE(result.classNames.size(), 2);

        // Cancel from the receiving side as soon as the first step arrives: the sampler stops early.
        steps.clear();
        finished.clear();
        connect(engine.worker(), &DiffusionWorker::samplingStep, &engine, [&engine](const SampleStep &s) {
            if (s.index == 0)
                engine.cancel();
        });
        r.kind = SamplerKind::Ddpm;
        engine.startSampling(r);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QVERIFY(finished.first().first().value<SampleResult>().cancelled);
        QVERIFY2(steps.size() < 500, qPrintable(QString::number(steps.size())));
    }

    void errorsArriveAsMessages_data()
    {
        QTest::addColumn<QString>("checkpoint");
        QTest::addColumn<int>("contextValues");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing checkpoint")
            << QStringLiteral("/nonexistent/model.ckpt") << 0 << QStringLiteral("/nonexistent/model.ckpt");
        QTest::newRow("context of the wrong length") << QString() << 5 << QStringLiteral("context");
    }

    void errorsArriveAsMessages()
    {
        QFETCH(QString, checkpoint);
        QFETCH(int, contextValues);
        QFETCH(QString, message);
        DiffusionEngine engine(1);
        QSignalSpy failed(engine.worker(), &DiffusionWorker::failed);
        SampleRequest r;
        r.checkpointPath = checkpoint.isEmpty() ? m_checkpoint : checkpoint;
        r.count = 2;
        r.context = QVector<float>(contextValues, 1.0f);
        engine.startSampling(r);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
        QVERIFY2(failed.first().first().toString().contains(message),
            qPrintable(failed.first().first().toString()));
    }

    void previewsPauseAndResume()
    {
        DiffusionEngine engine(1);
        QSignalSpy previews(engine.worker(), &DiffusionWorker::trainingPreview);
        QSignalSpy progress(engine.worker(), &DiffusionWorker::trainingProgress);
        QSignalSpy finished(engine.worker(), &DiffusionWorker::trainingFinished);
        TrainRequest r = tinyRequest(8, m_dir.filePath(QStringLiteral("preview.ckpt")));
        r.previewEvery = 4;
        r.previewCount = 4;
        engine.setPaused(true);
        engine.startTraining(r);
        QTest::qWait(300);
        QCOMPARE(progress.size(), 0); // paused before the first step
        engine.setPaused(false);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(previews.size(), 2);
        QCOMPARE(previews.at(0).at(0).toLongLong(), 4);
        const auto grid = previews.at(1).at(1).value<ImageBatch>();
        QCOMPARE(grid.n, 4);
        QCOMPARE(grid.h, 16);
    }

    void stoppedBeforeTheFirstStepWritesNothing()
    {
        DiffusionEngine engine(1);
        QSignalSpy finished(engine.worker(), &DiffusionWorker::trainingFinished);
        QSignalSpy started(engine.worker(), &DiffusionWorker::trainingStarted);
        const QString out = m_dir.filePath(QStringLiteral("never-stepped.ckpt"));
        engine.setPaused(true);
        engine.startTraining(tinyRequest(50, out));
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 30000); // waiting, paused, before step 1
        engine.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        const auto result = finished.first().first().value<TrainResult>();
        QVERIFY(result.cancelled);
        QVERIFY(!result.saved);
        QCOMPARE(result.step, qint64(0));
        QVERIFY(!QFile::exists(out));
    }

    void loadsDatasetsOffThread()
    {
        DiffusionEngine engine(1);
        QSignalSpy loaded(engine.worker(), &DiffusionWorker::datasetLoaded);
        QSignalSpy failed(engine.worker(), &DiffusionWorker::failed);
        engine.startLoadingDataset(QStringLiteral("idx:") + m_data);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        QCOMPARE(loaded.first().first().value<ImageSet>().count, 32);
        engine.startLoadingDataset(QStringLiteral("idx:/nowhere"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("/nowhere")));
    }

    void reportsEveryBlocksActivations()
    {
        DiffusionEngine engine(1);
        QSignalSpy ready(engine.worker(), &DiffusionWorker::activationsReady);
        ActivationRequest r;
        r.checkpointPath = m_checkpoint;
        r.x = ImageBatch {1, 1, 16, 16, QVector<float>(256, 0.1f)};
        r.t = 250;
        r.context = {1.0f, 0.0f};
        engine.startActivations(r);
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 30000);
        const auto blocks = ready.first().first().value<QVector<BlockActivation>>();
        QStringList names;
        for (const BlockActivation &b : blocks)
            names << b.block;
        QCOMPARE(names,
            (QStringList {QStringLiteral("init_conv"), QStringLiteral("down1"), QStringLiteral("down2"),
                QStringLiteral("to_vec"), QStringLiteral("up0"), QStringLiteral("up1"), QStringLiteral("up2"),
                QStringLiteral("out")}));
        QCOMPARE(blocks[1].maps.n, 8); // n_feat channels
        QCOMPARE(blocks[1].maps.h, 8); // halved
        QCOMPARE(blocks[2].maps.n, 16); // 2 n_feat
        QCOMPARE(blocks[7].maps.n, 1); // back to the image's channels
        QCOMPARE(blocks[7].maps.h, 16);
    }

    void unknownDatasetIsNamed()
    {
        DiffusionEngine engine(1);
        QSignalSpy failed(engine.worker(), &DiffusionWorker::failed);
        TrainRequest r = tinyRequest(2, m_dir.filePath(QStringLiteral("never.ckpt")));
        r.dataset = QStringLiteral("cifar");
        engine.startTraining(r);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("cifar")));
        QVERIFY(!QFile::exists(r.outPath));
    }
};

QTEST_GUILESS_MAIN(DiffusionWorkerTest)
#include "test_diffusion_worker.moc"
