#include "diffusion/trainer.h"

#include "user_error.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace de {

static at::Generator makeGenerator(quint64 seed, qint64 step)
{
    // Resumed runs draw a different, still reproducible, stream.
    return at::detail::createCPUGenerator(seed * 0x9E3779B97F4A7C15ull + quint64(step));
}

torch::Tensor lossWeights(
    const NoiseSchedule &schedule, const torch::Tensor &t, LossWeighting weighting, double gamma)
{
    if (weighting == LossWeighting::Mse)
        return torch::ones({t.size(0)}, torch::kFloat32);
    const torch::Tensor ab = schedule.alphaBar.index_select(0, t);
    const torch::Tensor snr = ab / (1.0 - ab);
    return (torch::clamp_max(snr, gamma) / snr).to(torch::kFloat32);
}

double emaDecay(double halfLife, qint64 imagesSeen, int batch)
{
    return std::pow(0.5, double(batch) / std::max(halfLife * double(imagesSeen), 1e-8));
}

void copyWeights(ContextUnet &from, ContextUnet &to)
{
    torch::NoGradGuard noGrad;
    const auto fromParams = from->parameters(), toParams = to->parameters();
    for (size_t i = 0; i < fromParams.size(); ++i)
        toParams[i].copy_(fromParams[i]);
    const auto fromBuffers = from->buffers(), toBuffers = to->buffers();
    for (size_t i = 0; i < fromBuffers.size(); ++i)
        toBuffers[i].copy_(fromBuffers[i]);
}

Trainer::Trainer(const ModelConfig &config, const TrainerSettings &settings)
    : m_settings(settings)
    , m_schedule(NoiseSchedule::of(config.schedule))
    , m_generator(makeGenerator(settings.seed, 0))
{
    torch::manual_seed(settings.seed);
    m_model = ContextUnet(config);
    m_model->train();
    m_optimizer
        = std::make_unique<torch::optim::Adam>(m_model->parameters(), torch::optim::AdamOptions(settings.lr));
    startAverage(nullptr);
}

Trainer::Trainer(ContextUnet model, const TrainerSettings &settings, qint64 startStep,
    torch::serialize::InputArchive *optimizerState, ContextUnet average)
    : m_model(std::move(model))
    , m_settings(settings)
    , m_schedule(NoiseSchedule::of(m_model->config.schedule))
    , m_generator(makeGenerator(settings.seed, startStep))
    , m_step(startStep)
{
    m_model->train();
    m_optimizer
        = std::make_unique<torch::optim::Adam>(m_model->parameters(), torch::optim::AdamOptions(settings.lr));
    if (optimizerState)
        m_optimizer->load(*optimizerState);
    startAverage(std::move(average));
}

void Trainer::startAverage(ContextUnet average)
{
    if (m_settings.emaHalfLife <= 0.0)
        return;
    if (average && average->config == m_model->config) {
        m_average = std::move(average);
    } else {
        m_average = ContextUnet(m_model->config);
        copyWeights(m_model, m_average);
    }
    m_average->eval();
    for (auto &p : m_average->parameters())
        p.set_requires_grad(false);
}

void Trainer::updateAverage(int batch)
{
    if (!m_average)
        return;
    torch::NoGradGuard noGrad;
    m_lastDecay = emaDecay(m_settings.emaHalfLife, m_step * qint64(batch), batch);
    const auto params = m_model->parameters(), averaged = m_average->parameters();
    for (size_t i = 0; i < params.size(); ++i)
        averaged[i].mul_(m_lastDecay).add_(params[i].detach(), 1.0 - m_lastDecay);
    // The BatchNorm statistics are already running averages: copied, as EDM does with buffers.
    const auto buffers = m_model->buffers(), averagedBuffers = m_average->buffers();
    for (size_t i = 0; i < buffers.size(); ++i)
        averagedBuffers[i].copy_(buffers[i]);
}

double Trainer::currentLearningRate() const
{
    const double progress = m_budgetProgress >= 0.0
        ? m_budgetProgress
        : double(m_step) / double(std::max<qint64>(m_settings.totalSteps, 1));
    const double warmup = m_settings.warmupSteps > 0
        ? std::min(1.0, double(m_step + 1) / double(m_settings.warmupSteps))
        : 1.0;
    return m_settings.lr * warmup * std::clamp(1.0 - progress, 0.0, 1.0);
}

double Trainer::step(const torch::Tensor &x0, const torch::Tensor &context)
{
    const int64_t b = x0.size(0);
    const int T = m_schedule.timesteps;
    const auto f32 = torch::TensorOptions().dtype(torch::kFloat32);
    for (auto &group : m_optimizer->param_groups())
        static_cast<torch::optim::AdamOptions &>(group.options()).lr(currentLearningRate());

    m_model->train();
    m_optimizer->zero_grad();
    const torch::Tensor noise = torch::randn(x0.sizes(), m_generator, f32);
    const torch::Tensor t
        = torch::randint(1, T + 1, {b}, m_generator, torch::TensorOptions().dtype(torch::kLong));
    const torch::Tensor ab = m_schedule.alphaBar.index_select(0, t).to(torch::kFloat32).view({b, 1, 1, 1});
    const torch::Tensor perturbed = m_settings.inputPerturbation > 0.0
        ? noise + m_settings.inputPerturbation * torch::randn(x0.sizes(), m_generator, f32)
        : noise;
    const torch::Tensor xt = ab.sqrt() * x0 + (1.0 - ab).sqrt() * perturbed;
    const torch::Tensor keep
        = torch::bernoulli(torch::full({b, 1}, 1.0 - m_settings.contextDropout, f32), m_generator);
    m_model->setShortcutGenerator(m_generator); // course-compatible models draw their shortcut from it
    const torch::Tensor predicted = m_model->forward(xt, t.to(torch::kFloat32) / double(T), context * keep);
    const torch::Tensor perSample = (predicted - noise).square().mean({1, 2, 3});
    const double value = perSample.mean().item<double>();
    if (!std::isfinite(value))
        throw UserError(QCoreApplication::translate("Trainer",
            "The loss became %1 at step %2; the weights were left as they "
            "were before that step. Try a lower learning rate.")
                            .arg(value)
                            .arg(m_step + 1));
    const torch::Tensor loss = m_settings.weighting == LossWeighting::Mse
        ? perSample.mean()
        : (perSample * lossWeights(m_schedule, t, m_settings.weighting, m_settings.minSnrGamma)).mean();
    loss.backward();
    m_optimizer->step();
    ++m_step;
    updateAverage(int(b));
    return value;
}

BatchSource::BatchSource(const ImageSet &set, int batch, quint64 seed)
    : m_set(set)
    , m_batch(std::clamp(batch, 1, std::max(set.count, 1)))
    , m_rng(seed ^ 0xD1B54A32D192ED03ull)
{
    if (set.count < 1)
        throw UserError(QCoreApplication::translate("Trainer", "The data set %1 is empty").arg(set.name));
    m_order.resize(size_t(set.count));
    std::iota(m_order.begin(), m_order.end(), 0);
    std::shuffle(m_order.begin(), m_order.end(), m_rng);
}

int BatchSource::stepsPerEpoch() const
{
    return (m_set.count + m_batch - 1) / m_batch;
}

std::pair<torch::Tensor, torch::Tensor> BatchSource::next()
{
    const int c = m_set.channels, h = m_set.height, w = m_set.width;
    const int classes = std::max<int>(int(m_set.classNames.size()), 1);
    torch::Tensor x = torch::empty({m_batch, c, h, w}, torch::kFloat32);
    torch::Tensor ctx = torch::zeros({m_batch, classes}, torch::kFloat32);
    float *xp = x.data_ptr<float>();
    float *cp = ctx.data_ptr<float>();
    std::uniform_int_distribution<int> shift(-1, 1), coin(0, 1);
    for (int i = 0; i < m_batch; ++i) {
        if (m_cursor == m_order.size()) {
            std::shuffle(m_order.begin(), m_order.end(), m_rng);
            m_cursor = 0;
        }
        const int index = m_order[m_cursor++];
        const uchar *src = m_set.imageData(index);
        const bool flip = m_set.augment && coin(m_rng) == 1;
        const int dx = m_set.augment ? shift(m_rng) : 0, dy = m_set.augment ? shift(m_rng) : 0;
        float *dst = xp + qsizetype(i) * c * h * w;
        for (int ch = 0; ch < c; ++ch)
            for (int y = 0; y < h; ++y)
                for (int xx = 0; xx < w; ++xx) {
                    const int sy = y - dy, sxRaw = xx - dx;
                    const int sx = flip ? w - 1 - sxRaw : sxRaw;
                    const bool inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
                    const uchar v = inside ? src[(ch * h + sy) * w + sx] : m_set.background;
                    dst[(ch * h + y) * w + xx] = float(v) / 127.5f - 1.0f;
                }
        const int label = m_set.labels[index];
        if (label >= 0 && label < classes)
            cp[i * classes + label] = 1.0f;
    }
    return {x, ctx};
}

} // namespace de
