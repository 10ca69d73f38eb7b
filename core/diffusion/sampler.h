// DDPM, DDIM, DPM-Solver++(2M) and UniPC samplers with classifier-free guidance; each step is reported, and
// each run can be cancelled.
#pragma once

#include "diffusion/noise_schedule.h"
#include "diffusion/sampler_kind.h"
#include "model/context_unet.h"

#include <atomic>
#include <functional>
#include <optional>

namespace de {

struct SamplerSettings
{
    SamplerKind kind = SamplerKind::Ddim;
    int ddimSteps = 25; // DDIM, DPM-Solver++ and UniPC: number of denoising steps
    double eta = 0.0; // DDIM only: 0 is deterministic, 1 is DDPM-like noise
    std::optional<double> guidance; // classifier-free guidance weight w; none: plain sampling
    uint64_t seed = 0;
    int count = 16; // number of samples
    torch::Tensor context; // (count, nCFeat) or undefined for none (zeros)
    bool addNoise = true; // DDPM only: false is the course's "incorrect" sampler, with no z added
    torch::Tensor start; // x at startT to start from, (count or 1, C, H, W); undefined: noise from the seed
    // The timestep the run starts from (1..T); 0 is T, pure noise.
    int startT = 0;
    // SDEdit: a clean image (count or 1, C, H, W) in [-1, 1]; the run starts from it noised to startT
    // (√ᾱ·init + √(1−ᾱ)·z, z drawn from the seed).
    torch::Tensor init;
    // Inpainting (needs init): (count or 1, 1 or C, H, W), 1 where the model repaints, 0 where init is kept.
    // After every step the kept part is init noised to the step's timestep (fresh noise), and at t = 0 it is
    // init itself, so the kept pixels of the result equal init exactly.
    torch::Tensor mask;
    // The timesteps to visit, descending from startT (or T) to 0, instead of the sampler's own: a branch of a
    // run continues on that run's remaining timesteps.
    std::vector<int> timesteps;
};

struct SamplerStep
{
    int index = 0; // 0 is the initial noise; the last is the finished sample
    int total = 0; // number of denoising steps
    int t = 0; // the timestep x is at after this step
    torch::Tensor x; // x_t (UniPC: before the next step corrects it, where the model is asked)
    torch::Tensor eps; // predicted noise (undefined at index 0)
    torch::Tensor x0; // predicted clean image (undefined at index 0)
};

using SamplerCallback = std::function<void(const SamplerStep &)>;

// The timesteps DDIM visits, from T down to 0: round(T * k / n) for k = n .. 0.
std::vector<int> ddimTimesteps(int timesteps, int steps);

// Spherical interpolation between two noise tensors of equal shape, at share a (0 gives a, 1 gives b):
// sin((1−a)θ)/sin θ · za + sin(aθ)/sin θ · zb, θ the angle between them (linear when they are parallel).
torch::Tensor slerp(const torch::Tensor &za, const torch::Tensor &zb, double a);

// Runs the sampler. Returns the final x, or nothing when cancel was set (checked before every step).
// The model is put in eval mode; gradients are off while it runs.
std::optional<torch::Tensor> runSampler(ContextUnet &model, const NoiseSchedule &schedule,
    const SamplerSettings &settings, const SamplerCallback &onStep = {},
    const std::atomic<bool> *cancel = nullptr);

// One DPM-Solver++(2M) step from x at timestep t to timestep s, in the data-prediction form: with
// λ = log(√ᾱ/√(1−ᾱ)) and h = λ_s − λ_t, x_s = (σ_s/σ_t)·x + α_s·(1 − e^(−h))·D, where D is x0 (first order,
// as DDIM) or, given the previous step's prediction x0Prev and its h (hPrev), (1 + 1/(2r))·x0 − 1/(2r)·x0Prev
// with r = hPrev/h. At s = 0 (ᾱ = 1) the result is D itself. Returns x_s and sets *h to this step's h.
torch::Tensor dpmSolverUpdate(const torch::Tensor &x, const torch::Tensor &x0, const torch::Tensor &x0Prev,
    double hPrev, const NoiseSchedule &schedule, int t, int s, double *h);

// UniC, the corrector of UniPC (Zhao et al. 2023, B(h) = e^h − 1, the data-prediction form), for the step
// that went from xFrom at timestep `from` to timestep `to`, once the model's prediction there (x0To) is
// known: x_to = (σ_to/σ_from)·xFrom − α_to·(e^(−h) − 1)·x0From − α_to·B(−h)·(ρ_1·D_1 + ρ_t·(x0To − x0From)),
// with h = λ_to − λ_from. At order 1 (x0Before undefined) ρ_t = 1/2 and there is no D_1. At order 2, x0Before
// is the prediction at the timestep `before` the step started from, r_1 = (λ_before − λ_from)/h, D_1 =
// (x0Before − x0From)/r_1, and (ρ_1, ρ_t) solve [[1, 1], [r_1, 1]]·ρ = (φ_2/B, 2·φ_3/B) with φ_2 = φ_1/(−h) −
// 1, φ_3 = φ_2/(−h) − 1/2 and φ_1 = e^(−h) − 1 (UniPC's h·φ_k(h) at −h).
torch::Tensor uniPcCorrect(const torch::Tensor &xFrom, const torch::Tensor &x0From, const torch::Tensor &x0To,
    const torch::Tensor &x0Before, const NoiseSchedule &schedule, int before, int from, int to);

// One DDPM step from x_t, given the predicted noise eps: (x − eps·(1−α_t)/√(1−ᾱ_t)) / √α_t, plus √β_t·noise
// when noise is defined. The sampler and the benchmarks take the same step.
torch::Tensor ddpmUpdate(const torch::Tensor &x, const torch::Tensor &eps, const NoiseSchedule &schedule,
    int t, const torch::Tensor &noise = {});

// The guided noise estimate eps = (1+w) eps(x,t,c) - w eps(x,t,0), computed as one doubled batch.
torch::Tensor guidedNoise(ContextUnet &model, const torch::Tensor &x, const torch::Tensor &t,
    const torch::Tensor &context, double w);

} // namespace de
