// How the fast paths compute 3x3 convolutions. Free of torch headers.
#pragma once

namespace de {

// Auto: Winograd F(4x4, 3x3) where it is faster (wide layers and enough pixels), the direct method
// elsewhere. Direct and Winograd force one method wherever oneDNN offers it (for measurements and tests).
enum class ConvAlgorithm {
    Auto,
    Direct,
    Winograd,
};

} // namespace de
