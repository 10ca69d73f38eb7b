// The worker that trains and samples on its own thread, and the engine that owns that thread.
// Requests go in through DiffusionEngine; results come back as queued signals carrying values.
#pragma once

#include "work_types.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace de {

class DiffusionWorker : public QObject
{
    Q_OBJECT
public:
    DiffusionWorker();
    ~DiffusionWorker() override;

    // Thread-safe: asks the running job to stop before its next step.
    void requestCancel() { m_cancel.store(true); }
    void clearCancel() { m_cancel.store(false); }
    bool isBusy() const { return m_busy.load(); }

    // These run on the worker thread (DiffusionEngine queues them there).
    void train(const de::TrainRequest &request);
    void sample(const de::SampleRequest &request);

signals:
    void status(const QString &message);
    void datasetReady(const de::DatasetSummary &summary);
    void trainingProgress(const de::TrainProgress &progress);
    void trainingFinished(const de::TrainResult &result);
    void samplingStep(const de::SampleStep &step);
    void samplingFinished(const de::SampleResult &result);
    // A job stopped on an error; the message names the problem. No files were left half-written.
    void failed(const QString &message);

private:
    struct ModelCache;
    std::unique_ptr<ModelCache> m_cache;
    std::atomic<bool> m_cancel {false};
    std::atomic<bool> m_busy {false};
};

class DiffusionEngine : public QObject
{
    Q_OBJECT
public:
    // threads: LibTorch/OpenBLAS threads for the worker; 0 reads the setting.
    explicit DiffusionEngine(int threads = 0, QObject *parent = nullptr);
    // Cancels any job, waits for the worker to stop, and joins the thread.
    ~DiffusionEngine() override;

    DiffusionWorker *worker() const { return m_worker; }

    void startTraining(const TrainRequest &request);
    void startSampling(const SampleRequest &request);
    void cancel();
    bool isBusy() const;

private:
    QThread m_thread;
    DiffusionWorker *m_worker;
};

void registerWorkTypes();

} // namespace de
