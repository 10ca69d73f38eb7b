// The values that cross between the UI/CLI and the worker thread: requests in, progress and results out.
// Free of torch headers.
#pragma once

#include "data/image_batch.h"
#include "diffusion/embeddings.h"
#include "diffusion/layer_slice.h"
#include "diffusion/sampler_kind.h"
#include "files/checkpoint_info.h"
#include "judge/evaluation_report.h"
#include "model/model_config.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace de {

struct TrainRequest
{
    QString dataset = QStringLiteral("emoji"); // "emoji", "fashion-mnist" or "idx:DIR"
    QString outPath; // checkpoint to write
    QString resumePath; // optional checkpoint to continue from
    int nFeat
        = 32; // the course uses 64; 32 trains three times as many steps in the same time (docs/training.md)
    qint64 steps = 0; // total steps; 0: use epochs
    int epochs = 0; // used when steps is 0
    int batch = 100;
    double lr = 1e-3; // initial learning rate; it decays linearly to zero over the run
    quint64 seed = 0;
    int autosaveEvery = 0; // write the checkpoint every N steps; 0: only at the end
    QString cacheDir; // emoji sprite cache; empty: the user's cache location
    int maxPerClass = 0; // emoji only: limit each class (quick runs)
    int imageSize = 16; // folder: images are resized to this side
    bool grayscale = false; // folder: one channel instead of three
    bool smoothScaling = true; // folder: smooth or nearest-neighbour resizing
    int previewEvery = 0; // sample a preview grid every N steps; 0: never
    int previewCount = 10; // samples in each preview (they cycle through the classes)
    // The recipe (diffusion/trainer.h). A resumed native checkpoint keeps its own.
    double minutes = 0.0; // a time budget instead of steps or epochs; the learning rate decays over it
    qint64 warmupSteps = 0;
    bool minSnr = false; // Min-SNR-γ loss weights instead of plain MSE
    double minSnrGamma = 5.0;
    double inputPerturbation = 0.0;
    // Classifier-free guidance: the share of training samples whose context is dropped, so that the same
    // network also learns the unconditional prediction that guidance extrapolates from.
    double contextDropout = 0.1;
    double emaHalfLife = 0.0; // 0: no weight average
    ScheduleKind schedule = ScheduleKind::Linear;
    // Flips and one-pixel shifts of the training images: 0 off (the default: on the emoji sprites they cost
    // accuracy, docs/training.md), 1 on. The classifiers keep their data set's own augmentation.
    int augment = 0;
    // Every N steps, sample judgeCount images of each class (DPM-Solver++ 12 steps, guidance 2) and let the
    // data set's classifier judge them: the live quality curve. 0: never.
    int judgeEvery = 0;
    int judgeCount = 5;
    // The window: a checkpoint that cannot be written (a full disk) pauses the run, which keeps what it has
    // learned, and reports trainingSaveFailed until saveTrainingTo() names another file or the run is
    // cancelled. Otherwise the run stops with failed().
    bool askWhereToSave = false;
};

struct TrainQuality
{
    qint64 step = 0;
    double accuracy = 0.0; // share of the judged samples classified as the class they were asked for
    int samples = 0;
    double seconds = 0.0; // how long the judging took
};

struct DatasetSummary
{
    QString name;
    int count = 0, channels = 0, height = 0, width = 0;
    QStringList classNames;
    QVector<int> classCounts;
    bool fromCache = false;
};

struct TrainProgress
{
    qint64 step = 0; // steps done
    qint64 totalSteps = 0;
    double loss = 0.0;
    double learningRate = 0.0;
    double stepsPerSecond = 0.0;
    double secondsLeft = 0.0;
};

struct TrainResult
{
    qint64 step = 0;
    qint64 totalSteps = 0;
    bool cancelled = false;
    bool saved = false; // false when no step was taken, so nothing was written
    // The checkpoint could not be written and the run was stopped instead of saved elsewhere.
    bool saveAbandoned = false;
    double lastLoss = 0.0;
    double stepsPerSecond = 0.0;
    QString checkpointPath; // where it was saved (another file when the first could not be written)
};

struct SampleRequest
{
    QString checkpointPath;
    WeightChoice weights = WeightChoice::Average;
    SamplerKind kind = SamplerKind::Ddim;
    int ddimSteps = 25;
    double eta = 0.0;
    bool useGuidance = false;
    double guidance = 0.0;
    quint64 seed = 0;
    int count = 16;
    QVector<float> context; // count * n_cfeat values, or empty for none (zeros)
    bool reportSteps = true;
    bool addNoise = true; // DDPM only: false reproduces the course's "incorrect" sampler (no noise added)
    int tag = 0; // echoed in the result, so a caller can tell its requests apart
    // SDEdit and inpainting (diffusion/sampler.h): a start image (1 or count images, values in [-1, 1])
    // noised to startT (0: T) to start from, and a mask (1 or count, 1 or C channels; 1 = repaint, 0 = keep).
    ImageBatch init;
    ImageBatch mask;
    int startT = 0;
    // A branch of a run: x at startT (1 or count images) and the timesteps still to visit, down to 0.
    ImageBatch start;
    QVector<int> timesteps;
    // A walk between noises (frames >= 2): one sample per frame, from seed's noise to seedB's along the great
    // circle; the context (one row, or none) moves in a straight line to contextB when that is given. The end
    // frames are exactly the samples that seed and seedB give alone (count 1). count is ignored.
    int frames = 0;
    quint64 seedB = 0;
    QVector<float> contextB;
};

struct SampleStep
{
    int index = 0; // 0: the initial noise
    int total = 0;
    int t = 0;
    ImageBatch x; // x_t
    ImageBatch eps; // predicted noise (empty at index 0)
    ImageBatch x0; // predicted clean image (empty at index 0)
    int tag = 0; // the request's tag
};

struct SampleResult
{
    ImageBatch images;
    ModelConfig config;
    QStringList classNames;
    bool cancelled = false;
    int tag = 0;
};

// One block's output for one sample: its channels as single-channel images (n = channels, c = 1).
struct BlockActivation
{
    QString block; // init_conv, down1, down2, to_vec, up0, up1, up2, out
    ImageBatch maps;
};

// One x_t through the model (diffusion/recorded_pass.h): for the Model page's activation maps and the
// embedding view's modulation; with a block, for the slice of that block's transposed convolution.
struct ActivationRequest
{
    QString checkpointPath;
    ImageBatch x; // one image x_t (n = 1)
    int t = 0; // its timestep
    QVector<float> context; // n_cfeat values, or empty for none
    QString block; // layer slices only: up0, up1 or up2
};

// The time and context embeddings of a model (diffusion/embeddings.h) for some timesteps and one context.
struct EmbeddingRequest
{
    QString checkpointPath;
    QVector<int> t; // timesteps, 0..T
    QVector<float> context; // n_cfeat values, or empty for none (zeros)
};

// A classifier for a data set (judge/classifier.h), trained on the worker thread and written to outPath.
struct ClassifierTrainRequest
{
    QString dataset = QStringLiteral("emoji");
    QString outPath;
    QString cacheDir;
    int epochs = 4;
    int batch = 128;
    double lr = 2e-3;
    quint64 seed = 0;
    double heldOutShare = 0.2; // for data sets without their own test set (Fashion-MNIST has one)
};

struct ClassifierTrainResult
{
    bool cancelled = false; // nothing was written
    QString path;
    QString description; // ClassifierInfo::describe()
    QStringList classNames;
    QVector<double> classAccuracy;
    double heldOutAccuracy = 0.0;
    int trainCount = 0, heldOutCount = 0;
    double seconds = 0.0;
};

} // namespace de

Q_DECLARE_METATYPE(de::TrainRequest)
Q_DECLARE_METATYPE(de::DatasetSummary)
Q_DECLARE_METATYPE(de::TrainProgress)
Q_DECLARE_METATYPE(de::TrainResult)
Q_DECLARE_METATYPE(de::TrainQuality)
Q_DECLARE_METATYPE(de::SampleRequest)
Q_DECLARE_METATYPE(de::SampleStep)
Q_DECLARE_METATYPE(de::SampleResult)
Q_DECLARE_METATYPE(de::ClassifierTrainRequest)
Q_DECLARE_METATYPE(de::ClassifierTrainResult)
Q_DECLARE_METATYPE(de::BlockActivation)
Q_DECLARE_METATYPE(de::ActivationRequest)
Q_DECLARE_METATYPE(de::EmbeddingRequest)
