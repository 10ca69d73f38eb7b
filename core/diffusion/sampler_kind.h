// Which sampler draws the samples; free of torch headers, so requests and pages can name it.
#pragma once

namespace de {

enum class SamplerKind { Ddpm, Ddim };

} // namespace de
