// The worker that trains and samples on its own thread, and the engine that owns that thread.
// Requests go in through DiffusionEngine; results come back as queued signals carrying values.
#pragma once

#include "data/image_set.h"
#include "worker/work_types.h"

#include <QMutex>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace de {

class ContextUnet;

class DiffusionWorker : public QObject
{
    Q_OBJECT
public:
    DiffusionWorker();
    ~DiffusionWorker() override;

    // Thread-safe: asks the running job to stop before its next step.
    void requestCancel() { m_cancel.store(true); }
    void setCancel(bool cancel) { m_cancel.store(cancel); }
    // Thread-safe: a paused training waits between steps until resumed or cancelled.
    void setPaused(bool paused) { m_paused.store(paused); }
    bool isPaused() const { return m_paused.load(); }
    bool isBusy() const { return m_busy.load(); }
    // Thread-safe: where a training waiting after trainingSaveFailed saves instead (and saves from then on).
    void saveTrainingTo(const QString &path);
    // Thread-safe: a training waiting after trainingSaveFailed gives up and ends unsaved. A cancel alone does
    // not end the wait: stopping a run is when its checkpoint matters most.
    void abandonSave() { m_abandonSave.store(true); }

    // These run on the worker thread (DiffusionEngine queues them there).
    void train(const de::TrainRequest &request);
    void sample(const de::SampleRequest &request);
    // Loads "emoji", "fashion-mnist" or "idx:DIR" and hands the images over in datasetLoaded.
    void loadDataset(const QString &name, const QString &cacheDir = QString());
    // Runs the model once on one x_t and reports every block's output.
    void computeActivations(const de::ActivationRequest &request);
    // Evaluates the time and context embeddings (diffusion/embeddings.h).
    void computeEmbeddings(const de::EmbeddingRequest &request);
    // Runs one x_t and reports how the embeddings scale and shift the up path (diffusion/embeddings.h).
    void computeModulation(const de::ActivationRequest &request);
    // Takes a slice of an up block's transposed convolution for one x_t (diffusion/layer_slice.h).
    void computeLayerSlice(const de::ActivationRequest &request);
    // Trains a classifier for a data set and writes it (judge/classifier.h).
    void trainClassifier(const de::ClassifierTrainRequest &request);
    // Samples every class and judges the samples (judge/evaluation.h).
    void evaluate(const de::EvaluateRequest &request);

signals:
    void status(const QString &message);
    void datasetReady(const de::DatasetSummary &summary);
    // Training is about to take its first step; a resumed run brings the losses of its earlier steps.
    void trainingStarted(qint64 firstStep, const QVector<float> &earlierLosses);
    void trainingProgress(const de::TrainProgress &progress);
    void trainingFinished(const de::TrainResult &result);
    // TrainRequest::askWhereToSave: the checkpoint could not be written to path; the run waits.
    void trainingSaveFailed(const QString &path, const QString &message);
    // A grid sampled with a fixed seed every TrainRequest::previewEvery steps.
    void trainingPreview(qint64 step, const de::ImageBatch &images);
    void trainingQuality(const de::TrainQuality &quality);
    void datasetLoaded(const de::ImageSet &set);
    void activationsReady(const QVector<de::BlockActivation> &activations);
    void activationsFailed(const QString &message);
    void embeddingsReady(const de::EmbeddingTable &table);
    void modulationReady(const de::ModulationMaps &maps);
    void layerSliceReady(const de::TransposedConvSlice &slice);
    // The embeddings or the modulation could not be computed.
    void embeddingsFailed(const QString &message);
    void samplingStep(const de::SampleStep &step);
    void samplingFinished(const de::SampleResult &result);
    void classifierProgress(const de::TrainProgress &progress);
    void classifierFinished(const de::ClassifierTrainResult &result);
    void evaluationProgress(const de::EvaluateProgress &progress);
    void evaluationFinished(const de::EvaluationResult &result);
    // A job stopped on an error; the message names the problem. No files were left half-written. badInput:
    // an input file (checkpoint, data set, image) was missing, unreadable or damaged.
    void failed(const QString &message, bool badInput = false);

private:
    struct ModelCache;
    // Emits failed() with the exception's message, flagged as bad input for an InputError.
    void reportFailure(const std::exception &e);
    // The model of a checkpoint, loaded once and kept while the file is unchanged. Throws UserError.
    // The model file's weights, loaded once while the file is unchanged. Throws UserError.
    ContextUnet &cachedModel(const QString &path, WeightChoice weights = WeightChoice::Average);
    std::unique_ptr<ModelCache> m_cache;
    std::atomic<bool> m_cancel {false};
    std::atomic<bool> m_busy {false};
    std::atomic<bool> m_paused {false};
    std::atomic<bool> m_abandonSave {false};
    QMutex m_saveToMutex;
    QString m_saveTo; // set by saveTrainingTo()
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
    void startLoadingDataset(const QString &name, const QString &cacheDir = QString());
    void startActivations(const ActivationRequest &request);
    void startEmbeddings(const EmbeddingRequest &request);
    void startModulation(const ActivationRequest &request);
    void startLayerSlice(const ActivationRequest &request);
    void startClassifierTraining(const ClassifierTrainRequest &request);
    void startEvaluation(const EvaluateRequest &request);
    // Stops the running job before its next step, and every job queued so far.
    void cancel();
    void setPaused(bool paused) { m_worker->setPaused(paused); }
    void saveTrainingTo(const QString &path) { m_worker->saveTrainingTo(path); }
    void abandonSave() { m_worker->abandonSave(); }
    bool isBusy() const;

private:
    // Queues a job on the worker thread; it starts cancelled when cancel() came after it was queued.
    template<typename Job> void queue(Job job);

    QThread m_thread;
    DiffusionWorker *m_worker;
    std::atomic<quint64> m_queued {0};
    std::atomic<quint64> m_cancelUpTo {0};
};

void registerWorkTypes();

} // namespace de
