// One training run of ContextUnet on an ImageSet: the DDPM noise-prediction objective with context dropout,
// Adam, and a learning rate that decays linearly to zero over the run.
#pragma once

#include "data/image_set.h"
#include "diffusion/noise_schedule.h"
#include "model/context_unet.h"

#include <ATen/core/Generator.h>

#include <memory>
#include <random>

namespace de {

struct TrainerSettings
{
    int batch = 100;
    double lr = 1e-3;
    qint64 totalSteps = 1000;
    quint64 seed = 0;
    double contextKeep = 0.9; // probability that a sample keeps its context
};

class Trainer
{
public:
    // A fresh model, initialised from the seed.
    Trainer(const ModelConfig &config, const TrainerSettings &settings);
    // Continues with a model (and optionally optimizer state) that has already taken `startStep` steps.
    Trainer(ContextUnet model, const TrainerSettings &settings, qint64 startStep,
        torch::serialize::InputArchive *optimizerState = nullptr);

    // One optimisation step on a batch x0 (B, C, H, W) in [-1, 1] with contexts (B, nCFeat).
    // Returns the loss; throws UserError, without changing the weights, when the loss is not finite.
    double step(const torch::Tensor &x0, const torch::Tensor &context);

    // The learning rate for the step about to be taken.
    double currentLearningRate() const;
    qint64 stepsDone() const { return m_step; }
    const TrainerSettings &settings() const { return m_settings; }
    ContextUnet &model() { return m_model; }
    torch::optim::Adam &optimizer() { return *m_optimizer; }
    const NoiseSchedule &schedule() const { return m_schedule; }

private:
    ContextUnet m_model {nullptr};
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
