// One training run of ContextUnet on an ImageSet: the DDPM noise-prediction objective with context dropout,
// Adam, a learning rate that warms up and then decays linearly to zero over the run (its steps or its time
// budget), optionally Min-SNR-γ loss weights and input perturbation, and an exponential moving average of the
// weights with EDM's growing half-life.
#pragma once

#include "data/image_set.h"
#include "diffusion/noise_schedule.h"
#include "model/context_unet.h"

#include <ATen/core/Generator.h>

#include <memory>
#include <random>

namespace de {

enum class LossWeighting {
    Mse, // the course: every t counts the same
    MinSnr, // Hang et al. 2023: min(SNR(t), γ) / SNR(t), which stops the nearly clean steps dominating
};

struct TrainerSettings
{
    int batch = 100;
    double lr = 1e-3;
    qint64 totalSteps = 1000;
    quint64 seed = 0;
    double contextDropout = 0.1; // probability that a sample is trained without its context
    qint64 warmupSteps = 0; // the learning rate rises linearly over these steps
    LossWeighting weighting = LossWeighting::Mse;
    double minSnrGamma = 5.0;
    double inputPerturbation = 0.0; // DDPM-IP: x_t is made with noise + this · another noise
    // Half-life of the weight average as a fraction of the images seen so far (EDM's ramp-up rule);
    // 0: no average.
    double emaHalfLife = 0.0;
};

// Each sample's weight in the loss at these timesteps (B, long): 1 for Mse; min(SNR, γ) / SNR for MinSnr.
torch::Tensor lossWeights(
    const NoiseSchedule &schedule, const torch::Tensor &t, LossWeighting weighting, double gamma);
// The average's decay for one step of `batch` images after `imagesSeen` images (this step's included):
// 0.5 ^ (batch / (halfLife · imagesSeen)).
double emaDecay(double halfLife, qint64 imagesSeen, int batch);
// Copies parameters and buffers between two models of the same configuration.
void copyWeights(ContextUnet &from, ContextUnet &to);

class Trainer
{
public:
    // A fresh model, initialised from the seed.
    Trainer(const ModelConfig &config, const TrainerSettings &settings);
    // Continues with a model (and optionally optimizer state) that has already taken `startStep` steps.
    // `average` is the weight average to continue (null: start it from the model).
    Trainer(ContextUnet model, const TrainerSettings &settings, qint64 startStep,
        torch::serialize::InputArchive *optimizerState = nullptr, ContextUnet average = nullptr);

    // One optimisation step on a batch x0 (B, C, H, W) in [-1, 1] with contexts (B, nCFeat).
    // Returns the plain mean squared error (whatever the weighting, so runs compare); throws UserError,
    // without changing the weights, when the loss is not finite.
    double step(const torch::Tensor &x0, const torch::Tensor &context);

    // The learning rate for the step about to be taken.
    double currentLearningRate() const;
    // A run with a time budget says how much of it has passed (0…1); the learning rate decays with that
    // instead of with the steps.
    void setBudgetProgress(double fraction) { m_budgetProgress = fraction; }
    qint64 stepsDone() const { return m_step; }
    const TrainerSettings &settings() const { return m_settings; }
    ContextUnet &model() { return m_model; }
    // The weight average (null without one) and the decay of its last update.
    ContextUnet &average() { return m_average; }
    double lastEmaDecay() const { return m_lastDecay; }
    // What previews sample with: the average when there is one.
    ContextUnet &samplingModel() { return m_average ? m_average : m_model; }
    torch::optim::Adam &optimizer() { return *m_optimizer; }
    const NoiseSchedule &schedule() const { return m_schedule; }

private:
    void startAverage(ContextUnet average);
    void updateAverage(int batch);

    ContextUnet m_model {nullptr};
    ContextUnet m_average {nullptr};
    double m_lastDecay = 0.0;
    double m_budgetProgress = -1.0;
    TrainerSettings m_settings;
    NoiseSchedule m_schedule;
    std::unique_ptr<torch::optim::Adam> m_optimizer;
    at::Generator m_generator;
    qint64 m_step = 0;
};

// Draws shuffled batches from an ImageSet, epoch after epoch, with the set's augmentation.
class BatchSource
{
public:
    BatchSource(const ImageSet &set, int batch, quint64 seed);
    // Returns x0 (B, C, H, W) scaled to [-1, 1] and one-hot contexts (B, classes).
    std::pair<torch::Tensor, torch::Tensor> next();
    int stepsPerEpoch() const;

private:
    const ImageSet &m_set;
    int m_batch;
    std::mt19937_64 m_rng;
    std::vector<int> m_order;
    size_t m_cursor = 0;
};

} // namespace de
