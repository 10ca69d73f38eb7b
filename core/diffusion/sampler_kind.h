// Which sampler draws the samples; free of torch headers, so requests and pages can name it.
#pragma once

namespace de {

// DDPM: every timestep, with fresh noise. DDIM: a few deterministic steps. DpmSolver: DPM-Solver++(2M)
// (Lu et al. 2022), a second-order multistep solver of the same ODE as DDIM in the data-prediction form; its
// first and last steps are first order, where it equals DDIM. UniPc: UniPC (Zhao et al. 2023), the same
// steps, each then corrected with the model's prediction at the point it reached (which the next step needs
// anyway), so it costs no extra model evaluation.
enum class SamplerKind { Ddpm, Ddim, DpmSolver, UniPc };

// Samplers that take a chosen number of steps (SamplerSettings::ddimSteps) rather than every timestep.
constexpr bool takesSteps(SamplerKind kind)
{
    return kind != SamplerKind::Ddpm;
}

} // namespace de
