#include "diffusion/sampler.h"

#include "user_error.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace de {

std::vector<int> ddimTimesteps(int timesteps, int steps)
{
    if (steps < 1 || steps > timesteps)
        throw std::invalid_argument("DDIM steps must be between 1 and the number of timesteps");
    std::vector<int> ts;
    ts.reserve(steps + 1);
    for (int k = steps; k >= 0; --k)
        ts.push_back(static_cast<int>(std::lround(static_cast<double>(timesteps) * k / steps)));
    return ts;
}

torch::Tensor guidedNoise(ContextUnet &model, const torch::Tensor &x, const torch::Tensor &t,
    const torch::Tensor &context, double w)
{
    const int64_t n = x.size(0);
    const torch::Tensor c
        = context.defined() ? context : torch::zeros({n, model->config.nCFeat}, x.options());
    const torch::Tensor eps
        = model->forward(torch::cat({x, x}), torch::cat({t, t}), torch::cat({c, torch::zeros_like(c)}));
    const torch::Tensor conditional = eps.narrow(0, 0, n);
    const torch::Tensor unconditional = eps.narrow(0, n, n);
    return (1.0 + w) * conditional - w * unconditional;
}

torch::Tensor ddpmUpdate(const torch::Tensor &x, const torch::Tensor &eps, const NoiseSchedule &schedule,
    int t, const torch::Tensor &noise)
{
    const double a = schedule.alphaAt(t), ab = schedule.alphaBarAt(t);
    const torch::Tensor mean = (x - eps * ((1.0 - a) / std::sqrt(1.0 - ab))) / std::sqrt(a);
    return noise.defined() ? mean + std::sqrt(schedule.betaAt(t)) * noise : mean;
}

namespace {

double lambdaOf(double alphaBar) // log(α/σ) with α = √ᾱ and σ = √(1 − ᾱ)
{
    return 0.5 * std::log(alphaBar) - 0.5 * std::log1p(-alphaBar);
}

} // namespace

torch::Tensor dpmSolverUpdate(const torch::Tensor &x, const torch::Tensor &x0, const torch::Tensor &x0Prev,
    double hPrev, const NoiseSchedule &schedule, int t, int s, double *h)
{
    const double abT = schedule.alphaBarAt(t), abS = schedule.alphaBarAt(s);
    if (abS >= 1.0) { // the last step, to t = 0: σ = 0, and it is first order, so it lands on x0
        *h = std::numeric_limits<double>::infinity();
        return x0;
    }
    const bool secondOrder = x0Prev.defined() && hPrev > 0.0 && std::isfinite(hPrev);
    *h = lambdaOf(abS) - lambdaOf(abT);
    torch::Tensor d = x0;
    if (secondOrder) {
        const double r = hPrev / *h;
        d = (1.0 + 0.5 / r) * x0 - (0.5 / r) * x0Prev;
    }
    const double sigmaRatio = std::sqrt((1.0 - abS) / (1.0 - abT));
    return sigmaRatio * x - std::sqrt(abS) * std::expm1(-*h) * d;
}

torch::Tensor uniPcCorrect(const torch::Tensor &xFrom, const torch::Tensor &x0From, const torch::Tensor &x0To,
    const torch::Tensor &x0Before, const NoiseSchedule &schedule, int before, int from, int to)
{
    const double abFrom = schedule.alphaBarAt(from), abTo = schedule.alphaBarAt(to);
    if (!(abTo < 1.0) || !(abFrom < abTo))
        throw std::invalid_argument("UniPC corrects a step towards a less noisy timestep above 0");
    const double h = lambdaOf(abTo) - lambdaOf(abFrom);
    const double phi1 = std::expm1(-h); // B(−h) as well (the variant bh2)
    const double alphaTo = std::sqrt(abTo);
    const torch::Tensor firstOrder
        = std::sqrt((1.0 - abTo) / (1.0 - abFrom)) * xFrom - alphaTo * phi1 * x0From;
    const torch::Tensor change = x0To - x0From;
    if (!x0Before.defined())
        return firstOrder - alphaTo * phi1 * 0.5 * change;
    const double r1 = (lambdaOf(schedule.alphaBarAt(before)) - lambdaOf(abFrom)) / h;
    const double phi2 = phi1 / -h - 1.0;
    const double phi3 = phi2 / -h - 0.5;
    const double b1 = phi2 / phi1, b2 = 2.0 * phi3 / phi1;
    const double rho1 = (b1 - b2) / (1.0 - r1), rhoT = b1 - rho1;
    return firstOrder - alphaTo * phi1 * (rho1 / r1 * (x0Before - x0From) + rhoT * change);
}

torch::Tensor slerp(const torch::Tensor &za, const torch::Tensor &zb, double a)
{
    const torch::Tensor a64 = za.to(torch::kFloat64), b64 = zb.to(torch::kFloat64);
    const double cosine
        = (a64 * b64).sum().item<double>() / (a64.norm().item<double>() * b64.norm().item<double>());
    const double theta = std::acos(std::clamp(cosine, -1.0, 1.0));
    if (std::sin(theta) < 1e-6)
        return ((1.0 - a) * a64 + a * b64).to(za.scalar_type());
    return ((std::sin((1.0 - a) * theta) * a64 + std::sin(a * theta) * b64) / std::sin(theta))
        .to(za.scalar_type());
}

std::optional<torch::Tensor> runSampler(ContextUnet &model, const NoiseSchedule &schedule,
    const SamplerSettings &s, const SamplerCallback &onStep, const std::atomic<bool> *cancel)
{
    const ModelConfig &cfg = model->config;
    if (s.count < 1)
        throw std::invalid_argument("the number of samples must be at least 1");
    if (s.context.defined()
        && (s.context.dim() != 2 || s.context.size(0) != s.count || s.context.size(1) != cfg.nCFeat))
        throw std::invalid_argument("the context must have one row of n_cfeat values per sample");
    if (s.kind == SamplerKind::Ddim && !(s.eta >= 0.0 && s.eta <= 1.0))
        throw std::invalid_argument("eta must be between 0 and 1");
    const int T = schedule.timesteps;
    auto imagesOk = [&](const torch::Tensor &t, bool oneChannelAllowed) {
        return t.dim() == 4 && (t.size(0) == 1 || t.size(0) == s.count)
            && (t.size(1) == cfg.inChannels || (oneChannelAllowed && t.size(1) == 1))
            && t.size(2) == cfg.height && t.size(3) == cfg.height;
    };
    if (s.start.defined() && !imagesOk(s.start, false))
        throw std::invalid_argument("the starting x must have one image of the model's shape per sample");
    if (s.init.defined() && !imagesOk(s.init, false))
        throw std::invalid_argument("the start image must have the model's shape");
    if (s.mask.defined() && (!s.init.defined() || !imagesOk(s.mask, true)))
        throw std::invalid_argument("a mask needs a start image and must have the model's height and width");
    if (s.startT < 0 || s.startT > T)
        throw std::invalid_argument("the starting timestep must be between 1 and T");
    const int startT = s.startT > 0 ? s.startT : T;
    if (!s.timesteps.empty()) {
        bool ok = s.timesteps.front() == startT && s.timesteps.back() == 0 && s.timesteps.size() >= 2;
        for (size_t i = 1; ok && i < s.timesteps.size(); ++i) // DDPM steps one timestep at a time
            ok = s.timesteps[i] < s.timesteps[i - 1]
                && (s.kind != SamplerKind::Ddpm || s.timesteps[i] == s.timesteps[i - 1] - 1);
        if (!ok)
            throw std::invalid_argument("the timesteps must fall from the starting timestep to 0");
    }

    c10::InferenceMode inferenceMode; // no autograd bookkeeping at all while sampling
    model->eval();
    at::Generator gen = at::detail::createCPUGenerator(s.seed);
    // A course-compatible model draws its random shortcut from the run's generator, so runs repeat exactly.
    model->setShortcutGenerator(gen);
    struct ResetGenerator
    {
        ContextUnet &model;
        ~ResetGenerator() { model->setShortcutGenerator(std::nullopt); }
    } resetGenerator {model};
    const auto opts = torch::TensorOptions().dtype(torch::kFloat32);
    const torch::Tensor context = s.context.defined() ? s.context.to(torch::kFloat32) : torch::Tensor();

    auto predictNoise = [&](const torch::Tensor &x, int t) {
        const torch::Tensor tt = torch::full({s.count}, static_cast<double>(t) / T, opts);
        if (s.guidance)
            return guidedNoise(model, x, tt, context, *s.guidance);
        return model->forward(x, tt, context);
    };
    auto cancelled = [&] { return cancel && cancel->load(std::memory_order_relaxed); };

    const std::vector<int64_t> shape {s.count, cfg.inChannels, cfg.height, cfg.height};
    const torch::Tensor init = s.init.defined() ? s.init.to(torch::kFloat32).expand(shape) : torch::Tensor();
    const torch::Tensor mask = s.mask.defined() ? s.mask.to(torch::kFloat32).expand(shape) : torch::Tensor();
    // init noised to timestep t with fresh noise; at t = 0 init itself.
    auto noised = [&](int t) {
        if (t == 0)
            return init;
        const double ab = schedule.alphaBarAt(t);
        return std::sqrt(ab) * init + std::sqrt(1.0 - ab) * torch::randn(shape, gen, opts);
    };
    // Inpainting: the kept part of x is init at x's timestep.
    auto keep = [&](const torch::Tensor &x, int t) { return mask * x + (1.0 - mask) * noised(t); };
    torch::Tensor x;
    if (s.start.defined())
        x = s.start.to(torch::kFloat32).expand(shape).clone();
    else if (init.defined()) // SDEdit: the start image, noised to startT
        x = noised(startT);
    else
        x = torch::randn(shape, gen, opts);
    std::vector<int> ts = s.timesteps;
    if (ts.empty() && s.kind == SamplerKind::Ddpm) {
        for (int t = startT; t >= 0; --t)
            ts.push_back(t);
    } else if (ts.empty()) {
        ts = ddimTimesteps(startT, std::min(s.ddimSteps, startT));
    }
    const int total = static_cast<int>(ts.size()) - 1;
    if (onStep)
        onStep({0, total, startT, x, {}, {}});
    // A schedule that ends almost at pure noise (the cosine one: alpha-bar at T is about 1e-8) makes the
    // first estimates of x0 divide by √ᾱ ≈ 1e-4, so any error in the predicted noise comes back ten thousand
    // times larger: such estimates are clipped to the data's range [-1, 1], as improved-diffusion does
    // (clip_denoised). The course's linear schedule ends at 0.0063 and is sampled exactly as the course does.
    const bool clipX0 = schedule.alphaBarAt(T) < 1e-4;
    torch::Tensor x0Prev; // DPM-Solver++ and UniPC: the previous step's prediction of x0, and its h
    double hPrev = 0.0;
    // UniPC: the x the last step started from, and the prediction before x0Prev.
    torch::Tensor xPrev, x0Before;

    for (int k = 0; k < total; ++k) {
        if (cancelled())
            return std::nullopt;
        const int t = ts[k], tPrev = ts[k + 1];
        const double ab = schedule.alphaBarAt(t), abPrev = schedule.alphaBarAt(tPrev);
        const torch::Tensor eps = predictNoise(x, t);
        if (!torch::isfinite(eps).all().item<bool>())
            throw UserError(QCoreApplication::translate("Sampler",
                "The model produces NaN or infinite values (at step %1 of %2, t = %3): its weights are "
                "damaged or "
                "untrained to the point of diverging. Load or train another model.")
                                .arg(k + 1)
                                .arg(total)
                                .arg(t));
        torch::Tensor x0 = (x - std::sqrt(1.0 - ab) * eps) / std::sqrt(ab);
        torch::Tensor epsUsed = eps;
        if (clipX0) { // the noise that goes with the clipped x0, so every sampler agrees with it
            x0 = x0.clamp(-1.0, 1.0);
            epsUsed = (x - std::sqrt(ab) * x0) / std::sqrt(1.0 - ab);
        }
        if (s.kind == SamplerKind::Ddpm) {
            x = ddpmUpdate(x, epsUsed, schedule, t,
                t > 1 && s.addNoise ? torch::randn(x.sizes(), gen, opts) : torch::Tensor());
        } else if (s.kind == SamplerKind::DpmSolver || s.kind == SamplerKind::UniPc) {
            if (s.kind == SamplerKind::UniPc && k > 0) {
                // The step that reached x is redone with the prediction just made at x (UniC); the next step
                // starts from the corrected x but keeps that prediction. The kept part of an inpainting
                // stays.
                const torch::Tensor corrected = uniPcCorrect(
                    xPrev, x0Prev, x0, x0Before, schedule, k > 1 ? ts[k - 2] : 0, ts[k - 1], t);
                x = mask.defined() ? mask * corrected + (1.0 - mask) * x : corrected;
            }
            // UniPC's predictor with B(h) = e^h − 1 is DPM-Solver++(2M) (its last step first order too).
            double h = 0.0;
            xPrev = x;
            x = dpmSolverUpdate(x, x0, x0Prev, hPrev, schedule, t, tPrev, &h);
            x0Before = x0Prev;
            x0Prev = x0;
            hPrev = h;
        } else {
            const double sigma
                = s.eta * std::sqrt((1.0 - abPrev) / (1.0 - ab)) * std::sqrt(1.0 - ab / abPrev);
            x = std::sqrt(abPrev) * x0 + std::sqrt(std::max(0.0, 1.0 - abPrev - sigma * sigma)) * epsUsed;
            if (sigma > 0.0)
                x = x + sigma * torch::randn(x.sizes(), gen, opts);
        }
        if (mask.defined())
            x = keep(x, tPrev);
        if (onStep)
            onStep({k + 1, total, tPrev, x, eps, x0});
    }
    return x;
}

} // namespace de
