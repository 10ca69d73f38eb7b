#include "judge/evaluation.h"

#include "data/tensor_images.h"
#include "diffusion/noise_schedule.h"
#include "diffusion/sampler.h"
#include "files/bundled_models.h"
#include "judge/sample_metrics.h"
#include "model/compute_precision.h"
#include "user_error.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <random>

namespace de {

QString findClassifierFor(const QString &checkpointPath, const CheckpointInfo &info)
{
    if (const BundledModel *m = findBundledModel(checkpointPath))
        return bundledClassifierPath(*m);
    const QFileInfo file(checkpointPath);
    const QString beside = file.dir().filePath(file.completeBaseName() + QStringLiteral("-classifier.ckpt"));
    if (QFileInfo::exists(beside))
        return beside;
    for (const BundledModel &m : bundledModels()) {
        try {
            const LoadedClassifier c = loadClassifier(bundledClassifierPath(m));
            if (c.info.dataset == info.dataset && c.info.channels == info.config.inChannels
                && c.info.height == info.config.height && c.info.classNames.size() == info.config.nCFeat)
                return bundledClassifierPath(m);
        } catch (const UserError &) { }
    }
    throw UserError(QCoreApplication::translate("Evaluation",
        "No classifier knows the data set \"%1\" of %2. Train one with "
        "\"diffusion-explorer-cli train-classifier --dataset %1 --out %3\" and it is found beside the "
        "checkpoint (or pass it with --classifier)")
                        .arg(info.dataset, checkpointPath, beside));
}

// Up to `limit` indices of each class, drawn with the seed, class after class.
static std::vector<std::vector<int64_t>> perClassIndices(
    const torch::Tensor &labels, int classes, int limit, quint64 seed)
{
    std::mt19937_64 rng(seed);
    std::vector<std::vector<int64_t>> out(static_cast<size_t>(classes));
    const auto *l = labels.data_ptr<int64_t>();
    for (int64_t i = 0; i < labels.numel(); ++i)
        if (l[i] >= 0 && l[i] < classes)
            out[size_t(l[i])].push_back(i);
    for (auto &members : out) {
        std::shuffle(members.begin(), members.end(), rng);
        if (int(members.size()) > limit)
            members.resize(size_t(limit));
        std::sort(members.begin(), members.end());
    }
    return out;
}

static torch::Tensor indexTensor(const std::vector<int64_t> &v)
{
    return torch::tensor(v, torch::kLong);
}

SampleJudge::SampleJudge(
    LoadedClassifier &classifier, const ImageSet &training, quint64 seed, const std::atomic<bool> *cancel)
    : m_classifier(classifier)
    , m_real(imageSetTensor(training).to(torch::kFloat64)) // converted once: the distances work in float64
    , m_labels(imageSetLabels(training))
{
    const int classes = int(classifier.info.classNames.size());
    const auto spreadSets = perClassIndices(m_labels, classes, 1000, seed + 1);
    const auto nnSets = perClassIndices(m_labels, classes, 300, seed + 2);
    std::vector<int64_t> queries;
    for (const auto &s : nnSets)
        queries.insert(queries.end(), s.begin(), s.end());
    const torch::Tensor queryIndex = indexTensor(queries);
    const torch::Tensor within
        = nearestNeighbours(m_real.index_select(0, queryIndex), m_real, queryIndex, cancel).distances;
    if (cancel && cancel->load())
        return;
    const torch::Tensor queryLabels = m_labels.index_select(0, queryIndex);
    for (int c = 0; c < classes; ++c) {
        const auto &spread = spreadSets[size_t(c)];
        m_realFeatures.push_back(spread.empty()
                ? torch::empty({0, 0}, torch::kFloat64)
                : classifierFeatures(classifier.model, m_real.index_select(0, indexTensor(spread))));
        m_realSpread.push_back(
            spread.size() >= 2 ? meanPairwiseDistance(m_real.index_select(0, indexTensor(spread))) : 0.0);
        const torch::Tensor mask = queryLabels.eq(c);
        m_withinTraining.push_back(
            mask.any().item<bool>() ? within.masked_select(mask).mean().item<double>() : 0.0);
    }
    m_withinOverall = within.numel() > 0 ? within.mean().item<double>() : 0.0;
}

EvaluationReport SampleJudge::judge(
    const torch::Tensor &samples, int perClass, int examplesPerClass, const std::atomic<bool> *cancel) const
{
    const int classes = int(m_realSpread.size());
    if (samples.size(0) != int64_t(perClass) * classes)
        throw std::invalid_argument("SampleJudge::judge: perClass samples of every class");
    const torch::Tensor x = samples.to(torch::kFloat32).clamp(-1.0, 1.0);
    const torch::Tensor asked = torch::arange(classes, torch::kLong).repeat_interleave(perClass);
    const torch::Tensor right = classify(m_classifier.model, x).eq(asked);
    const torch::Tensor features = classifierFeatures(m_classifier.model, x);
    const auto fid = [](const torch::Tensor &samples, const torch::Tensor &real) {
        return samples.size(0) >= 2 && real.dim() == 2 && real.size(0) >= 2 ? frechetDistance(samples, real)
                                                                            : 0.0;
    };
    const Neighbours nearest = nearestNeighbours(x, m_real, {}, cancel);
    if (cancel && cancel->load())
        return {};
    EvaluationReport r;
    double diversitySum = 0.0;
    std::vector<int64_t> exampleRows;
    const int shown = std::clamp(examplesPerClass, 0, perClass);
    for (int c = 0; c < classes; ++c) {
        const int64_t first = int64_t(c) * perClass;
        ClassEvaluation e;
        e.name = m_classifier.info.classNames.value(c);
        e.samples = perClass;
        e.accuracy = right.narrow(0, first, perClass).to(torch::kDouble).mean().item<double>();
        const double spread = m_realSpread[size_t(c)];
        e.diversity = spread > 0.0 ? meanPairwiseDistance(x.narrow(0, first, perClass)) / spread : 0.0;
        const double within = m_withinTraining[size_t(c)];
        e.memorisation = within > 0.0
            ? nearest.distances.narrow(0, first, perClass).mean().item<double>() / within
            : 0.0;
        e.fid = fid(features.narrow(0, first, perClass), m_realFeatures[size_t(c)]);
        diversitySum += e.diversity;
        r.classes.push_back(e);
        for (int j = 0; j < shown; ++j)
            exampleRows.push_back(first + j);
    }
    r.overall.name = QStringLiteral("overall"); // a key, as in --json; displays translate it
    r.overall.samples = int(x.size(0));
    r.overall.accuracy = right.to(torch::kDouble).mean().item<double>();
    r.overall.diversity = classes > 0 ? diversitySum / classes : 0.0;
    r.overall.memorisation
        = m_withinOverall > 0.0 ? nearest.distances.mean().item<double>() / m_withinOverall : 0.0;
    std::vector<torch::Tensor> real;
    for (const torch::Tensor &f : m_realFeatures)
        if (f.dim() == 2 && f.size(0) > 0)
            real.push_back(f);
    r.overall.fid = real.empty() ? 0.0 : fid(features, torch::cat(real));
    if (!exampleRows.empty()) {
        const torch::Tensor rows = indexTensor(exampleRows);
        r.examples = toImageBatch(x.index_select(0, rows));
        r.neighbours = toImageBatch(m_real.index_select(0, nearest.indices.index_select(0, rows)));
        const torch::Tensor d = nearest.distances.index_select(0, rows).contiguous();
        r.neighbourDistances = QVector<double>(d.data_ptr<double>(), d.data_ptr<double>() + d.numel());
    }
    return r;
}

EvaluationResult evaluateModel(ContextUnet &model, const CheckpointInfo &info, LoadedClassifier &classifier,
    const ImageSet &training, const EvaluateRequest &request, const EvaluateProgressCallback &progress,
    const std::atomic<bool> *cancel)
{
    const ModelConfig &config = info.config;
    const int classes = int(config.nCFeat);
    const ClassifierInfo &ci = classifier.info;
    if (ci.channels != config.inChannels || ci.height != config.height || ci.width != config.height
        || ci.classNames.size() != classes)
        throw UserError(QCoreApplication::translate("Evaluation",
            "The classifier judges %1×%2×%3 images in %4 classes, but the model makes %5×%6×%6 images in %7")
                            .arg(ci.channels)
                            .arg(ci.height)
                            .arg(ci.width)
                            .arg(ci.classNames.size())
                            .arg(config.inChannels)
                            .arg(config.height)
                            .arg(classes));
    if (ci.classNames != training.classNames)
        throw UserError(QCoreApplication::translate("Evaluation",
            "The classifier knows the classes %1 but the data set %2 has %3: it cannot judge this model")
                            .arg(ci.classNames.join(QStringLiteral(", ")), training.name,
                                training.classNames.join(QStringLiteral(", "))));
    if (training.channels != config.inChannels || training.height != config.height
        || training.width != config.height || training.count < 2)
        throw UserError(
            QCoreApplication::translate("Evaluation", "The data set %1 does not match the model's images")
                .arg(training.name));
    if (request.perClass < 2 || request.perClass > 10000)
        throw UserError(
            QCoreApplication::translate("Evaluation", "Samples per class must be from 2 to 10000 (got %1)")
                .arg(request.perClass));
    if (request.guidance.isEmpty())
        throw UserError(QCoreApplication::translate("Evaluation", "No guidance weight to evaluate"));

    EvaluationResult result;
    result.checkpointPath = request.checkpointPath;
    result.modelDescription = config.describe();
    result.precision = precisionName(precisionFor(config.nFeat));
    result.classifierDescription = ci.describe();
    result.dataset = training.name;
    result.samplerDescription = request.kind == SamplerKind::Ddim
        ? QCoreApplication::translate("Evaluation", "DDIM, %1 steps").arg(request.ddimSteps)
        : request.kind == SamplerKind::DpmSolver
        ? QCoreApplication::translate("Evaluation", "DPM-Solver++(2M), %1 steps").arg(request.ddimSteps)
        : request.kind == SamplerKind::UniPc
        ? QCoreApplication::translate("Evaluation", "UniPC, %1 steps").arg(request.ddimSteps)
        : QCoreApplication::translate("Evaluation", "DDPM, every timestep");
    result.perClass = request.perClass;
    result.examplesPerClass = std::clamp(request.examplesPerClass, 0, request.perClass);

    const NoiseSchedule schedule = NoiseSchedule::of(model->config.schedule);
    const int stepsPerRun = takesSteps(request.kind) ? request.ddimSteps : schedule.timesteps;
    const int total = request.perClass * classes;
    const int chunk = std::min(total, 250);
    const int chunks = (total + chunk - 1) / chunk;
    EvaluateProgress p;
    p.total = qint64(stepsPerRun) * chunks * request.guidance.size();
    const auto report = [&](const QString &phase) {
        p.phase = phase;
        if (progress)
            progress(p);
    };

    report(QCoreApplication::translate("Evaluation", "Measuring the real images…"));
    const SampleJudge judge(classifier, training, request.seed, cancel);
    if (cancel && cancel->load()) {
        result.cancelled = true;
        return result;
    }

    // Samples are asked for class after class: sample i has class i / perClass.
    const torch::Tensor context
        = torch::one_hot(torch::arange(classes, torch::kLong).repeat_interleave(request.perClass), classes)
              .to(torch::kFloat32);
    for (double w : request.guidance) {
        QElapsedTimer timer;
        timer.start();
        std::vector<torch::Tensor> parts;
        for (int k = 0; k < chunks; ++k) {
            const int first = k * chunk, count = std::min(chunk, total - first);
            report(QCoreApplication::translate("Evaluation", "Sampling with guidance %1: batch %2 of %3…")
                       .arg(w)
                       .arg(k + 1)
                       .arg(chunks));
            SamplerSettings s;
            s.kind = request.kind;
            s.ddimSteps = request.ddimSteps;
            s.guidance = w > 0.0 ? std::optional<double>(w) : std::nullopt;
            s.seed = request.seed + quint64(k);
            s.count = count;
            s.context = context.narrow(0, first, count);
            const auto x = runSampler(
                model, schedule, s,
                [&](const SamplerStep &step) {
                    if (step.index > 0) {
                        ++p.done;
                        if (progress)
                            progress(p);
                    }
                },
                cancel);
            if (!x) {
                result.cancelled = true;
                return result;
            }
            parts.push_back(*x); // the judge clamps to [-1, 1]
        }
        report(QCoreApplication::translate("Evaluation", "Judging the samples with guidance %1…").arg(w));
        EvaluationReport r
            = judge.judge(torch::cat(parts), request.perClass, result.examplesPerClass, cancel);
        if (cancel && cancel->load()) {
            result.cancelled = true;
            return result;
        }
        r.guidance = w;
        r.seconds = double(timer.nsecsElapsed()) * 1e-9;
        result.reports.push_back(r);
    }
    return result;
}

} // namespace de
