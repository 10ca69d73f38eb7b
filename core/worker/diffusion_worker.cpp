#include "worker/diffusion_worker.h"

#include <ATen/CPUGeneratorImpl.h>

#include "data/dataset_catalog.h"
#include "data/idx_reader.h"
#include "data/tensor_images.h"
#include "diffusion/recorded_pass.h"
#include "diffusion/sampler.h"
#include "diffusion/schedule_table.h"
#include "diffusion/trainer.h"
#include "files/bundled_models.h"
#include "files/checkpoint.h"
#include "files/model_file.h"
#include "judge/classifier.h"
#include "judge/evaluation.h"
#include "model/compute_threads.h"
#include "user_error.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

namespace de {

void registerWorkTypes()
{
    qRegisterMetaType<de::ImageBatch>();
    qRegisterMetaType<de::TrainRequest>();
    qRegisterMetaType<de::DatasetSummary>();
    qRegisterMetaType<de::TrainProgress>();
    qRegisterMetaType<de::TrainResult>();
    qRegisterMetaType<de::TrainQuality>();
    qRegisterMetaType<de::SampleRequest>();
    qRegisterMetaType<de::SampleStep>();
    qRegisterMetaType<de::SampleResult>();
    qRegisterMetaType<de::CheckpointInfo>();
    qRegisterMetaType<de::ImageSet>();
    qRegisterMetaType<de::BlockActivation>();
    qRegisterMetaType<QVector<de::BlockActivation>>();
    qRegisterMetaType<de::EmbeddingRequest>();
    qRegisterMetaType<de::EmbeddingTable>();
    qRegisterMetaType<de::ModulationMaps>();
    qRegisterMetaType<de::ActivationRequest>();
    qRegisterMetaType<de::TransposedConvSlice>();
    qRegisterMetaType<de::EvaluateRequest>();
    qRegisterMetaType<de::ClassifierTrainRequest>();
    qRegisterMetaType<de::ClassifierTrainResult>();
    qRegisterMetaType<de::EvaluationResult>();
    qRegisterMetaType<de::EvaluateProgress>();
}

struct DiffusionWorker::ModelCache
{
    QString path;
    QDateTime modified;
    LoadedCheckpoint checkpoint;
};

DiffusionWorker::DiffusionWorker() = default;
DiffusionWorker::~DiffusionWorker() = default;

namespace {

struct BusyScope
{
    std::atomic<bool> &flag;
    explicit BusyScope(std::atomic<bool> &f)
        : flag(f)
    {
        flag.store(true);
    }
    ~BusyScope() { flag.store(false); }
};

ImageSet loadImageSet(const TrainRequest &r, bool *fromCache)
{
    DatasetSpec spec;
    spec.name = r.dataset;
    spec.cacheDir = r.cacheDir;
    spec.maxPerClass = r.maxPerClass;
    spec.folder.side = r.imageSize;
    spec.folder.grayscale = r.grayscale;
    spec.folder.smooth = r.smoothScaling;
    return loadDataset(spec, fromCache);
}

QString describeException(const std::exception &e)
{
    if (const auto *user = dynamic_cast<const UserError *>(&e))
        return user->message();
    if (const auto *c10 = dynamic_cast<const c10::Error *>(&e))
        return QString::fromStdString(c10->what_without_backtrace());
    return QString::fromLocal8Bit(e.what());
}

} // namespace

void DiffusionWorker::train(const TrainRequest &r)
{
    BusyScope busy(m_busy);
    m_abandonSave.store(false); // "Stop without saving" belongs to the run it was given for
    try {
        if (r.outPath.isEmpty())
            throw UserError(QCoreApplication::translate("DiffusionWorker", "No output checkpoint was given"));
        if (r.batch < 1 || r.batch > 4096)
            throw UserError(QCoreApplication::translate(
                "DiffusionWorker", "The batch size must be between 1 and 4096 (got %1)")
                                .arg(r.batch));
        if (!(r.lr > 0.0 && r.lr < 1.0))
            throw UserError(QCoreApplication::translate(
                "DiffusionWorker", "The learning rate must be between 0 and 1 (got %1)")
                                .arg(r.lr));
        if (r.steps < 0 || r.epochs < 0 || r.minutes < 0.0
            || (r.steps == 0 && r.epochs == 0 && r.minutes == 0.0 && r.resumePath.isEmpty()))
            throw UserError(QCoreApplication::translate(
                "DiffusionWorker", "Give a positive number of steps or epochs, or a time budget"));
        if (!(r.minutes <= 100000.0) || r.warmupSteps < 0 || !(r.minSnrGamma > 0.0 && r.minSnrGamma <= 1000.0)
            || !(r.inputPerturbation >= 0.0 && r.inputPerturbation <= 1.0)
            || !(r.emaHalfLife >= 0.0 && r.emaHalfLife <= 1.0)
            || !(r.contextDropout >= 0.0 && r.contextDropout <= 1.0))
            throw UserError(QCoreApplication::translate("DiffusionWorker",
                "The recipe is out of range: time budget %1 min, warm-up %2 steps, Min-SNR γ %3 (0 to 1000), "
                "input perturbation %4 (0 to 1), average half-life %5 (0 to 1), context dropout %6 (0 to 1)")
                                .arg(r.minutes)
                                .arg(r.warmupSteps)
                                .arg(r.minSnrGamma)
                                .arg(r.inputPerturbation)
                                .arg(r.emaHalfLife)
                                .arg(r.contextDropout));

        emit status(
            QCoreApplication::translate("DiffusionWorker", "Loading the data set %1…").arg(r.dataset));
        bool fromCache = false;
        ImageSet set = readingInput([&] { return loadImageSet(r, &fromCache); });
        if (set.height != set.width || set.height % 4 != 0)
            throw UserError(QCoreApplication::translate("DiffusionWorker",
                "The images of %1 are %2x%3; ContextUnet needs square images whose side is a "
                "multiple of 4")
                                .arg(set.name)
                                .arg(set.height)
                                .arg(set.width));
        emit datasetReady({set.name, set.count, set.channels, set.height, set.width, set.classNames,
            set.classCounts(), fromCache});

        ModelConfig config {set.channels, r.nFeat, int(set.classNames.size()), set.height};
        config.schedule = r.schedule;
        const QString problem = config.validate();
        if (!problem.isEmpty())
            throw UserError(problem);

        TrainerSettings settings;
        settings.batch = r.batch;
        settings.lr = r.lr;
        settings.seed = r.seed;
        settings.warmupSteps = r.warmupSteps;
        settings.weighting = r.minSnr ? LossWeighting::MinSnr : LossWeighting::Mse;
        settings.minSnrGamma = r.minSnrGamma;
        settings.inputPerturbation = r.inputPerturbation;
        settings.emaHalfLife = r.emaHalfLife;
        settings.contextDropout = r.contextDropout;
        // The data set's own flag is the classifiers' choice; a diffusion model is augmented only when asked.
        set.augment = r.augment == 1;
        const bool budgeted = r.minutes > 0.0;
        // A budgeted run does not know its steps: it stops when the time is up.
        const qint64 unbounded = std::numeric_limits<qint64>::max() / 2;

        QVector<float> history; // the whole run's losses, carried on across resumes
        std::unique_ptr<Trainer> trainer;
        LoadedCheckpoint resumed;
        if (!r.resumePath.isEmpty()) {
            resumed = readingInput([&] { return loadCheckpoint(r.resumePath, WeightChoice::Raw); });
            history = resumed.info.lossHistory;
            if (resumed.info.config.inChannels != config.inChannels
                || resumed.info.config.height != config.height || resumed.info.config.nCFeat != config.nCFeat)
                throw UserError(QCoreApplication::translate(
                    "DiffusionWorker", "%1 holds %2, which does not fit the data set %3")
                                    .arg(r.resumePath, resumed.info.config.describe(), set.name));
            if (resumed.info.format == CheckpointInfo::Format::Native) {
                // A .pth knows none of this: fine-tuning it uses the request's recipe. A checkpoint from
                // before the recipe had options was trained with the course's.
                const CheckpointInfo &i = resumed.info;
                settings.seed = i.seed;
                settings.lr = i.lr;
                settings.warmupSteps = i.warmupSteps;
                settings.weighting = i.lossWeighting == QLatin1String("min-snr") ? LossWeighting::MinSnr
                                                                                 : LossWeighting::Mse;
                settings.minSnrGamma = i.minSnrGamma;
                settings.inputPerturbation = i.inputPerturbation;
                settings.emaHalfLife = i.emaHalfLife;
                settings.contextDropout = i.contextDropout;
                if (i.recipeKnown)
                    set.augment = i.augment;
            }
        }
        BatchSource batches(set, r.batch, settings.seed);
        settings.totalSteps = budgeted ? unbounded
            : r.steps > 0              ? r.steps
                                       : qint64(r.epochs) * batches.stepsPerEpoch();
        if (!r.resumePath.isEmpty()) {
            if (r.steps == 0 && r.epochs == 0 && !budgeted)
                settings.totalSteps = resumed.info.totalSteps;
            if (settings.totalSteps <= resumed.info.step)
                throw UserError(QCoreApplication::translate(
                    "DiffusionWorker", "%1 has already taken %2 steps; ask for more than that")
                                    .arg(r.resumePath)
                                    .arg(resumed.info.step));
            trainer = std::make_unique<Trainer>(
                resumed.raw, settings, resumed.info.step, resumed.optimizerState.get(), resumed.average);
        } else {
            trainer = std::make_unique<Trainer>(config, settings);
        }

        CheckpointInfo info;
        info.config = trainer->model()->config;
        info.classNames = set.classNames;
        info.dataset = set.name;
        info.totalSteps = settings.totalSteps;
        info.seed = settings.seed;
        info.lr = settings.lr;
        info.batch = settings.batch;
        info.warmupSteps = settings.warmupSteps;
        info.lossWeighting
            = settings.weighting == LossWeighting::MinSnr ? QStringLiteral("min-snr") : QStringLiteral("mse");
        info.minSnrGamma = settings.minSnrGamma;
        info.inputPerturbation = settings.inputPerturbation;
        info.augment = set.augment;
        info.budgetMinutes = r.minutes;
        info.emaHalfLife = settings.emaHalfLife;
        info.contextDropout = settings.contextDropout;
        QString outPath = r.outPath;
        // The user stopped the run rather than save elsewhere: nothing more is written.
        bool saveAbandoned = false;
        qint64 savedStep = 0; // the step of the last checkpoint this run wrote
        // Writes the checkpoint; false when it was not written (the user gave up after a failed write).
        auto save = [&](double loss) {
            info.step = trainer->stepsDone();
            if (budgeted)
                info.totalSteps = info.step;
            info.lastLoss = loss;
            info.lossHistory = history;
            info.emaDecay = trainer->lastEmaDecay();
            while (!saveAbandoned) {
                try {
                    saveCheckpoint(outPath, trainer->model(), &trainer->optimizer(), info,
                        WeightStorage::Float32, &trainer->average());
                    savedStep = info.step;
                    return true;
                } catch (const WriteError &e) {
                    if (!r.askWhereToSave)
                        throw;
                    {
                        QMutexLocker lock(&m_saveToMutex);
                        m_saveTo.clear();
                    }
                    // The model stays in memory while the user finds room for it.
                    emit trainingSaveFailed(outPath, e.message());
                    QString next;
                    while (next.isEmpty() && !m_abandonSave.load()) {
                        QThread::msleep(20);
                        QMutexLocker lock(&m_saveToMutex);
                        next = m_saveTo;
                    }
                    if (next.isEmpty())
                        saveAbandoned = true;
                    else
                        outPath = next;
                }
            }
            return false;
        };

        emit status(QCoreApplication::translate("DiffusionWorker", "Training %1 on %2…")
                        .arg(config.describe(), set.name));
        QElapsedTimer clock;
        clock.start();
        const qint64 firstStep = trainer->stepsDone();
        emit trainingStarted(firstStep, history);
        double loss = 0.0;
        TrainResult result;
        result.totalSteps = settings.totalSteps;
        result.checkpointPath = r.outPath;
        // Previews: the same noise and classes every time, so the grid shows the model learning.
        SamplerSettings preview;
        preview.kind = SamplerKind::DpmSolver; // as good in 12 steps as DDIM in 50 (docs/diffusion.md)
        preview.ddimSteps = 12;
        preview.seed = settings.seed + 1;
        preview.count = std::max(1, r.previewCount);
        preview.context
            = torch::one_hot(torch::arange(preview.count) % config.nCFeat, config.nCFeat).to(torch::kFloat32);
        auto emitPreview = [&] {
            const std::optional<torch::Tensor> images
                = runSampler(trainer->samplingModel(), trainer->schedule(), preview, {}, &m_cancel);
            trainer->model()->train();
            if (images)
                emit trainingPreview(trainer->stepsDone(), toImageBatch(*images));
        };
        // The live quality curve: the same noise and classes every time, judged by the data set's classifier.
        std::optional<LoadedClassifier> judge;
        SamplerSettings judged;
        torch::Tensor judgedLabels;
        if (r.judgeEvery > 0) {
            try {
                judge = loadClassifier(findClassifierFor(r.outPath, info));
                if (judge->info.channels != config.inChannels || judge->info.height != config.height
                    || judge->info.classNames.size() != config.nCFeat)
                    judge.reset();
            } catch (const UserError &e) {
                emit status(e.message());
            }
            const int perClass = std::clamp(r.judgeCount, 1, 100);
            judgedLabels = torch::arange(config.nCFeat, torch::kLong).repeat_interleave(perClass);
            judged.kind = SamplerKind::DpmSolver;
            judged.ddimSteps = 12;
            judged.guidance = 2.0;
            judged.seed = settings.seed + 2;
            judged.count = int(judgedLabels.size(0));
            judged.context = torch::one_hot(judgedLabels, config.nCFeat).to(torch::kFloat32);
        }
        auto emitQuality = [&] {
            if (!judge)
                return;
            QElapsedTimer judging;
            judging.start();
            const std::optional<torch::Tensor> images
                = runSampler(trainer->samplingModel(), trainer->schedule(), judged, {}, &m_cancel);
            trainer->model()->train();
            if (!images)
                return;
            const torch::Tensor predicted = classify(judge->model, *images);
            TrainQuality q;
            q.step = trainer->stepsDone();
            q.samples = judged.count;
            q.accuracy = predicted.eq(judgedLabels).to(torch::kFloat64).mean().item<double>();
            q.seconds = judging.nsecsElapsed() * 1e-9;
            emit trainingQuality(q);
        };
        const double budgetSeconds = r.minutes * 60.0;
        auto finished = [&] {
            return budgeted ? clock.nsecsElapsed() * 1e-9 >= budgetSeconds
                            : trainer->stepsDone() >= settings.totalSteps;
        };
        if (r.judgeEvery > 0)
            emitQuality(); // where the curve starts
        while (!finished()) {
            while (m_paused.load() && !m_cancel.load())
                QThread::msleep(20);
            if (m_cancel.load()) {
                result.cancelled = true;
                break;
            }
            const auto [x0, context] = batches.next();
            if (budgeted)
                trainer->setBudgetProgress(clock.nsecsElapsed() * 1e-9 / budgetSeconds);
            TrainProgress p;
            p.learningRate = trainer->currentLearningRate();
            try {
                loss = trainer->step(x0, context);
                history.push_back(float(loss));
            } catch (const UserError &e) {
                // A loss that is not finite: the weights it would save are the ones that produced it, so the
                // last checkpoint written stays as it is.
                const QString kept = savedStep > 0
                    ? QCoreApplication::translate(
                        "DiffusionWorker", "The last checkpoint, of step %1, is kept in %2.")
                          .arg(savedStep)
                          .arg(outPath)
                    : QCoreApplication::translate(
                        "DiffusionWorker", "This run wrote no checkpoint; a file at %1 was left as it was.")
                          .arg(outPath);
                emit failed(e.message() + QLatin1Char(' ') + kept);
                return;
            }
            const double seconds = std::max(clock.nsecsElapsed() * 1e-9, 1e-9);
            p.step = trainer->stepsDone();
            p.loss = loss;
            p.stepsPerSecond = double(p.step - firstStep) / seconds;
            if (budgeted) {
                p.secondsLeft = std::max(budgetSeconds - seconds, 0.0);
                p.totalSteps = p.step + qint64(p.secondsLeft * p.stepsPerSecond); // the estimate so far
            } else {
                p.totalSteps = settings.totalSteps;
                p.secondsLeft = double(settings.totalSteps - p.step) / std::max(p.stepsPerSecond, 1e-9);
            }
            result.stepsPerSecond = p.stepsPerSecond;
            emit trainingProgress(p);
            const bool last = finished();
            if (r.autosaveEvery > 0 && p.step % r.autosaveEvery == 0 && !last)
                save(loss);
            if (r.previewEvery > 0 && (p.step % r.previewEvery == 0 || last))
                emitPreview();
            if (r.judgeEvery > 0 && (p.step % r.judgeEvery == 0 || last))
                emitQuality();
        }
        if (budgeted)
            result.totalSteps = trainer->stepsDone();
        // Only steps taken are saved: a run stopped before its first step leaves any existing file alone.
        result.saved = trainer->stepsDone() > firstStep && save(loss);
        result.saveAbandoned = saveAbandoned;
        result.checkpointPath = outPath;
        result.step = trainer->stepsDone();
        result.lastLoss = loss;
        emit trainingFinished(result);
    } catch (const std::exception &e) {
        reportFailure(e);
    }
}

ContextUnet &DiffusionWorker::cachedModel(const QString &nameOrPath, WeightChoice weights)
{
    const QString path = readingInput([&] { return resolveModelPath(nameOrPath); });
    const QFileInfo file(path);
    if (!m_cache || m_cache->path != file.absoluteFilePath() || m_cache->modified != file.lastModified()) {
        emit status(QCoreApplication::translate("DiffusionWorker", "Loading %1…").arg(path));
        auto cache = std::make_unique<ModelCache>();
        cache->checkpoint = readingInput([&] { return loadCheckpoint(path); });
        cache->path = file.absoluteFilePath();
        cache->modified = file.lastModified();
        m_cache = std::move(cache);
    }
    return chosenWeights(m_cache->checkpoint, weights, path);
}

void DiffusionWorker::loadDataset(const QString &name, const QString &cacheDir)
{
    BusyScope busy(m_busy);
    try {
        emit status(QCoreApplication::translate("DiffusionWorker", "Loading the data set %1…").arg(name));
        TrainRequest r;
        r.dataset = name;
        r.cacheDir = cacheDir;
        bool fromCache = false;
        emit datasetLoaded(readingInput([&] { return loadImageSet(r, &fromCache); }));
    } catch (const std::exception &e) {
        reportFailure(e);
    }
}

void DiffusionWorker::computeEmbeddings(const EmbeddingRequest &r)
{
    BusyScope busy(m_busy);
    try {
        emit embeddingsReady(
            de::computeEmbeddings(cachedModel(r.checkpointPath), kDiffusionTimesteps, r.t, r.context));
    } catch (const std::exception &e) {
        emit embeddingsFailed(describeException(e));
    }
}

void DiffusionWorker::computeModulation(const ActivationRequest &r)
{
    BusyScope busy(m_busy);
    try {
        emit modulationReady(
            de::computeModulation(cachedModel(r.checkpointPath), kDiffusionTimesteps, r.x, r.t, r.context));
    } catch (const std::exception &e) {
        emit embeddingsFailed(describeException(e));
    }
}

void DiffusionWorker::computeActivations(const ActivationRequest &r)
{
    BusyScope busy(m_busy);
    try {
        const RecordedPass pass
            = recordPass(cachedModel(r.checkpointPath), kDiffusionTimesteps, r.x, r.t, r.context);
        QVector<BlockActivation> result;
        for (const auto &[name, value] : pass.blocks) {
            // (1, C, H, W) -> C single-channel images.
            const torch::Tensor maps = value[0].unsqueeze(1);
            result.push_back({QString::fromStdString(name), toImageBatch(maps)});
        }
        emit activationsReady(result);
    } catch (const std::exception &e) {
        emit activationsFailed(describeException(e));
    }
}

void DiffusionWorker::sample(const SampleRequest &r)
{
    BusyScope busy(m_busy);
    try {
        ContextUnet &model = cachedModel(r.checkpointPath, r.weights);
        const ModelConfig &config = model->config;
        if (r.count < 1 || r.count > 1024)
            throw UserError(QCoreApplication::translate(
                "DiffusionWorker", "The number of samples must be between 1 and 1024 (got %1)")
                                .arg(r.count));
        if (takesSteps(r.kind) && (r.ddimSteps < 1 || r.ddimSteps > 500))
            throw UserError(QCoreApplication::translate(
                "DiffusionWorker", "The number of steps must be between 1 and 500 (got %1)")
                                .arg(r.ddimSteps));
        if (!(r.eta >= 0.0 && r.eta <= 1.0))
            throw UserError(
                QCoreApplication::translate("DiffusionWorker", "eta must be between 0 and 1 (got %1)")
                    .arg(r.eta));
        if (r.useGuidance && !(r.guidance >= 0.0 && r.guidance <= 100.0))
            throw UserError(QCoreApplication::translate(
                "DiffusionWorker", "The guidance weight must be between 0 and 100 (got %1)")
                                .arg(r.guidance));
        const int T = NoiseSchedule::of(config.schedule).timesteps;
        if (r.startT < 0 || r.startT > T)
            throw UserError(QCoreApplication::translate(
                "DiffusionWorker", "The starting timestep must be between 1 and %1 (got %2)")
                                .arg(T)
                                .arg(r.startT));
        auto checkImages = [&](const ImageBatch &b, const QString &what, bool oneChannel) {
            if (b.isEmpty())
                return;
            if ((b.n != 1 && b.n != r.count) || (b.c != config.inChannels && !(oneChannel && b.c == 1))
                || b.h != config.height || b.w != config.height)
                throw UserError(QCoreApplication::translate(
                    "DiffusionWorker", "The %1 is %2 image(s) of %3×%4×%5; this model needs %6×%7×%7")
                                    .arg(what)
                                    .arg(b.n)
                                    .arg(b.c)
                                    .arg(b.h)
                                    .arg(b.w)
                                    .arg(config.inChannels)
                                    .arg(config.height));
            for (float v : b.values)
                if (!std::isfinite(v))
                    throw UserError(QCoreApplication::translate(
                        "DiffusionWorker", "The %1 holds a value that is not a finite number")
                                        .arg(what));
        };
        checkImages(r.init, QCoreApplication::translate("DiffusionWorker", "start image"), false);
        checkImages(r.mask, QCoreApplication::translate("DiffusionWorker", "mask"), true);
        checkImages(r.start, QCoreApplication::translate("DiffusionWorker", "starting x"), false);
        if (!r.mask.isEmpty() && r.init.isEmpty())
            throw UserError(QCoreApplication::translate(
                "DiffusionWorker", "A mask needs a start image to keep parts of"));
        if (r.frames < 0 || r.frames == 1 || r.frames > 256)
            throw UserError(QCoreApplication::translate(
                "DiffusionWorker", "A walk between noises needs 2 to 256 frames (got %1)")
                                .arg(r.frames));
        if (r.frames >= 2 && r.seed == r.seedB)
            throw UserError(QCoreApplication::translate(
                "DiffusionWorker", "A walk between noises needs two different seeds (both are %1)")
                                .arg(r.seed));
        if (r.frames >= 2 && (r.kind == SamplerKind::Ddpm || (r.kind == SamplerKind::Ddim && r.eta > 0.0)))
            throw UserError(QCoreApplication::translate("DiffusionWorker",
                "A walk between noises needs a deterministic sampler: DDIM with eta 0 or DPM-Solver++"));
        const qsizetype rows = r.frames >= 2 ? 1 : r.count;
        for (const QVector<float> *c : {&r.context, &r.contextB})
            if (!c->isEmpty() && c->size() != rows * config.nCFeat)
                throw UserError(QCoreApplication::translate(
                    "DiffusionWorker", "The context has %1 values; this model needs %2 per sample")
                                    .arg(c->size())
                                    .arg(config.nCFeat));
        for (const QVector<float> *c : {&r.context, &r.contextB})
            for (float v : *c)
                if (!std::isfinite(v))
                    throw UserError(QCoreApplication::translate(
                        "DiffusionWorker", "The context holds a value that is not a finite number"));

        SamplerSettings s;
        s.kind = r.kind;
        s.ddimSteps = r.ddimSteps;
        s.eta = r.eta;
        if (r.useGuidance)
            s.guidance = r.guidance;
        s.seed = r.seed;
        s.count = r.count;
        s.addNoise = r.addNoise;
        s.startT = r.startT;
        s.init = toTensor(r.init);
        s.mask = toTensor(r.mask);
        s.start = toTensor(r.start);
        s.timesteps.assign(r.timesteps.begin(), r.timesteps.end());
        auto contextTensor = [&](const QVector<float> &values, int64_t n) {
            return values.isEmpty() ? torch::Tensor()
                                    : torch::from_blob(const_cast<float *>(values.constData()),
                                        {n, config.nCFeat}, torch::kFloat32)
                                          .clone();
        };
        s.context = contextTensor(r.context, rows);
        const NoiseSchedule schedule = NoiseSchedule::of(config.schedule);
        SampleResult result;
        result.config = config;
        result.classNames = m_cache->checkpoint.info.classNames;
        result.tag = r.tag;
        if (r.frames >= 2) {
            // The noise each seed's plain sample starts from: the first draw of its generator.
            const std::vector<int64_t> shape {1, config.inChannels, config.height, config.height};
            const torch::Tensor za = torch::randn(shape, at::detail::createCPUGenerator(r.seed));
            const torch::Tensor zb = torch::randn(shape, at::detail::createCPUGenerator(r.seedB));
            const torch::Tensor ca = s.context, cb = contextTensor(r.contextB, 1);
            std::vector<torch::Tensor> frames;
            for (int f = 0; f < r.frames; ++f) {
                emit status(
                    QCoreApplication::translate("DiffusionWorker", "Walking between noises: frame %1 of %2…")
                        .arg(f + 1)
                        .arg(r.frames));
                const double a = double(f) / (r.frames - 1);
                SamplerSettings frame = s;
                frame.count = 1;
                // The end frames are plain samples of their seeds; the frames between start from the path.
                frame.seed = f == r.frames - 1 ? r.seedB : r.seed;
                frame.start = f == 0 || f == r.frames - 1 ? torch::Tensor() : slerp(za, zb, a);
                if (cb.defined() && f == r.frames - 1)
                    frame.context = cb;
                else if (cb.defined() && f > 0)
                    frame.context = (ca.defined() ? ca : torch::zeros_like(cb)) * (1.0 - a) + cb * a;
                const std::optional<torch::Tensor> x = runSampler(model, schedule, frame, {}, &m_cancel);
                if (!x) {
                    result.cancelled = true;
                    emit samplingFinished(result);
                    return;
                }
                frames.push_back(*x);
            }
            result.images = toImageBatch(torch::cat(frames));
            emit samplingFinished(result);
            return;
        }
        SamplerCallback onStep;
        if (r.reportSteps)
            onStep = [this, tag = r.tag](const SamplerStep &step) {
                emit samplingStep({step.index, step.total, step.t, toImageBatch(step.x),
                    toImageBatch(step.eps), toImageBatch(step.x0), tag});
            };
        const std::optional<torch::Tensor> x = runSampler(model, schedule, s, onStep, &m_cancel);
        result.cancelled = !x.has_value();
        if (x)
            result.images = toImageBatch(*x);
        emit samplingFinished(result);
    } catch (const std::exception &e) {
        reportFailure(e);
    }
}

void DiffusionWorker::trainClassifier(const ClassifierTrainRequest &r)
{
    BusyScope busy(m_busy);
    try {
        if (r.outPath.isEmpty())
            throw UserError(
                QCoreApplication::translate("DiffusionWorker", "No file to write the classifier to"));
        if (r.epochs < 1 || r.batch < 2 || !(r.lr > 0.0) || !(r.heldOutShare > 0.0 && r.heldOutShare < 1.0))
            throw UserError(QCoreApplication::translate("DiffusionWorker",
                "Impossible classifier settings: epochs %1, batch %2, learning rate %3, held-out share %4")
                                .arg(r.epochs)
                                .arg(r.batch)
                                .arg(r.lr)
                                .arg(r.heldOutShare));
        emit status(
            QCoreApplication::translate("DiffusionWorker", "Loading the data set %1…").arg(r.dataset));
        DatasetSpec spec;
        spec.name = r.dataset;
        spec.cacheDir = r.cacheDir;
        ImageSet train = readingInput([&] { return de::loadDataset(spec); }), heldOut;
        QString source;
        if (train.name == QLatin1String("fashion-mnist")) {
            heldOut = readingInput([] { return loadFashionMnistTest(); });
            source = QStringLiteral("test set");
        } else {
            std::tie(train, heldOut) = splitHeldOut(train, r.heldOutShare, r.seed);
            source = QStringLiteral("held out");
        }
        ClassifierSettings settings;
        settings.epochs = r.epochs;
        settings.batch = r.batch;
        settings.lr = r.lr;
        settings.seed = r.seed;
        QElapsedTimer timer;
        timer.start();
        const auto trained = de::trainClassifier(
            train, heldOut, source, settings,
            [this, &timer](qint64 step, qint64 total, double loss) {
                if (step % 20 != 0 && step != total)
                    return;
                TrainProgress p;
                p.step = step;
                p.totalSteps = total;
                p.loss = loss;
                const double s = double(timer.nsecsElapsed()) * 1e-9;
                p.stepsPerSecond = s > 0.0 ? double(step) / s : 0.0;
                p.secondsLeft = p.stepsPerSecond > 0.0 ? double(total - step) / p.stepsPerSecond : 0.0;
                emit classifierProgress(p);
            },
            &m_cancel);
        ClassifierTrainResult result;
        result.seconds = double(timer.nsecsElapsed()) * 1e-9;
        result.trainCount = train.count;
        result.heldOutCount = heldOut.count;
        if (!trained) {
            result.cancelled = true;
            emit classifierFinished(result);
            return;
        }
        LoadedClassifier c = *trained;
        saveClassifier(r.outPath, c.model, c.info);
        result.path = r.outPath;
        result.description = c.info.describe();
        result.classNames = c.info.classNames;
        result.classAccuracy = c.info.classAccuracy;
        result.heldOutAccuracy = c.info.heldOutAccuracy;
        emit classifierFinished(result);
    } catch (const std::exception &e) {
        reportFailure(e);
    }
}

void DiffusionWorker::evaluate(const EvaluateRequest &r)
{
    BusyScope busy(m_busy);
    try {
        ContextUnet &model = cachedModel(r.checkpointPath, r.weights);
        CheckpointInfo info = m_cache->checkpoint.info;
        if (!r.dataset.isEmpty())
            info.dataset = r.dataset;
        if (info.dataset.isEmpty())
            throw UserError(QCoreApplication::translate("DiffusionWorker",
                "%1 does not say which data set it learned, so there are no real images to compare with; "
                "name it (--dataset on the command line, Data set on the Evaluate page)")
                                .arg(displayModelPath(r.checkpointPath)));
        if (takesSteps(r.kind) && (r.ddimSteps < 1 || r.ddimSteps > 500))
            throw UserError(QCoreApplication::translate(
                "DiffusionWorker", "The number of steps must be between 1 and 500 (got %1)")
                                .arg(r.ddimSteps));
        for (double w : r.guidance)
            if (!(w >= 0.0 && w <= 100.0))
                throw UserError(QCoreApplication::translate(
                    "DiffusionWorker", "The guidance weight must be between 0 and 100 (got %1)")
                                    .arg(w));
        const QString classifierPath
            = r.classifierPath.isEmpty() ? findClassifierFor(r.checkpointPath, info) : r.classifierPath;
        emit status(QCoreApplication::translate("DiffusionWorker", "Loading the classifier %1…")
                        .arg(displayModelPath(classifierPath)));
        LoadedClassifier classifier = readingInput([&] { return loadClassifier(classifierPath); });
        emit status(
            QCoreApplication::translate("DiffusionWorker", "Loading the data set %1…").arg(info.dataset));
        DatasetSpec spec;
        spec.name = info.dataset;
        spec.cacheDir = r.cacheDir;
        const ImageSet training = readingInput([&] { return de::loadDataset(spec); });
        EvaluationResult result = evaluateModel(
            model, info, classifier, training, r,
            [this](const EvaluateProgress &p) { emit evaluationProgress(p); }, &m_cancel);
        result.checkpointPath = r.checkpointPath;
        emit evaluationFinished(result);
    } catch (const std::exception &e) {
        reportFailure(e);
    }
}

DiffusionEngine::DiffusionEngine(int threads, QObject *parent)
    : QObject(parent)
    , m_worker(new DiffusionWorker)
{
    registerWorkTypes();
    const int count = threads > 0 ? threads : configuredThreadCount();
    m_thread.setObjectName(QStringLiteral("diffusion-worker"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, m_worker, [count] { applyThreadCount(count); });
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

DiffusionEngine::~DiffusionEngine()
{
    cancel();
    m_worker->abandonSave(); // a training waiting for another file ends unsaved
    m_worker->setPaused(false);
    m_thread.quit();
    m_thread.wait();
}

template<typename Job> void DiffusionEngine::queue(Job job)
{
    const quint64 id = ++m_queued;
    QMetaObject::invokeMethod(
        m_worker,
        [this, id, job] {
            m_worker->setCancel(id <= m_cancelUpTo.load());
            if (id <= m_cancelUpTo.load()) // a cancel() may have come between the load and the store
                m_worker->setCancel(true);
            job(m_worker);
        },
        Qt::QueuedConnection);
}

void DiffusionEngine::startTraining(const TrainRequest &request)
{
    queue([request](DiffusionWorker *w) { w->train(request); });
}

void DiffusionEngine::startSampling(const SampleRequest &request)
{
    queue([request](DiffusionWorker *w) { w->sample(request); });
}

void DiffusionEngine::startLoadingDataset(const QString &name, const QString &cacheDir)
{
    queue([name, cacheDir](DiffusionWorker *w) { w->loadDataset(name, cacheDir); });
}

void DiffusionEngine::startEmbeddings(const EmbeddingRequest &request)
{
    queue([request](DiffusionWorker *w) { w->computeEmbeddings(request); });
}

void DiffusionWorker::computeLayerSlice(const ActivationRequest &r)
{
    BusyScope busy(m_busy);
    try {
        emit layerSliceReady(sliceTransposedConvolution(
            cachedModel(r.checkpointPath), kDiffusionTimesteps, r.block, r.x, r.t, r.context));
    } catch (const std::exception &e) {
        emit embeddingsFailed(describeException(e));
    }
}

void DiffusionEngine::startLayerSlice(const ActivationRequest &request)
{
    queue([request](DiffusionWorker *w) { w->computeLayerSlice(request); });
}

void DiffusionEngine::startModulation(const ActivationRequest &request)
{
    queue([request](DiffusionWorker *w) { w->computeModulation(request); });
}

void DiffusionEngine::startActivations(const ActivationRequest &request)
{
    queue([request](DiffusionWorker *w) { w->computeActivations(request); });
}

void DiffusionEngine::startClassifierTraining(const ClassifierTrainRequest &request)
{
    queue([request](DiffusionWorker *w) { w->trainClassifier(request); });
}

void DiffusionEngine::startEvaluation(const EvaluateRequest &request)
{
    queue([request](DiffusionWorker *w) { w->evaluate(request); });
}

void DiffusionWorker::reportFailure(const std::exception &e)
{
    emit failed(describeException(e), dynamic_cast<const InputError *>(&e) != nullptr);
}

void DiffusionWorker::saveTrainingTo(const QString &path)
{
    QMutexLocker lock(&m_saveToMutex);
    m_saveTo = path;
}

void DiffusionEngine::cancel()
{
    m_cancelUpTo.store(m_queued.load());
    m_worker->requestCancel();
}

bool DiffusionEngine::isBusy() const
{
    return m_worker->isBusy();
}

} // namespace de
