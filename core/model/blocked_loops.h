// Loops of the fused oneDNN pass (onednn_forward.cpp) over activations in oneDNN's blocked layout.
#pragma once

#include <cstdint>
#include <vector>

namespace de {

// The offset of element (n, c, s) of an (N, C, H×W) activation in nChw16c or nChw8c: blocks of 16 (8)
// channels, the channel inside the block varying fastest, channels padded to whole blocks.
struct Blocked
{
    int64_t channels, pixels, block, blocks;
    Blocked(const std::vector<int64_t> &dims, int64_t block_) // dims: N, C, H, W
        : channels(dims[1])
        , pixels(dims[2] * dims[3])
        , block(block_)
        , blocks((dims[1] + block_ - 1) / block_)
    { }
    int64_t at(int64_t n, int64_t c, int64_t s) const
    {
        return ((n * blocks + c / block) * pixels + s) * block + c % block;
    }
};

// to[i] = from[i] rounded to bfloat16 (to nearest, ties to even, as oneDNN's conversions): the CPU's own
// instruction where it has one (AVX512_BF16), else LibTorch's c10::BFloat16.
void toBfloat16(const float *from, uint16_t *to, int64_t n);
// The same for `vectors` runs of 16 values, run i read from from[i] and written to to + 16·i (one call for a
// row of a scatter, whose pixels come from several places).
void gatherToBfloat16(const float *const *from, int64_t vectors, uint16_t *to);

// In place on x (batch images in blocks of L channels): GroupNorm with 8 groups, ReLU, then, where scale and
// shift (batch × channels) are given, y·scale[n, c] + shift[n, c]. Two passes over whole channel blocks, so
// that the loops walk memory in order and vectorise: the sums of every channel (in float over runs of 64
// pixels, then in double), then each group's statistics applied lane by lane. Padding channels stay zero.
template<int L>
void groupNormReluBlocked(float *x, const Blocked &b, int64_t batch, const std::vector<float> &weight,
    const std::vector<float> &bias, float eps, const float *scale, const float *shift);

// The last 3x3 convolution from its nine taps (the output of a 1x1 convolution to 9·C channels, channel
// (ky·3 + kx)·C + o being tap (ky, kx) of output channel o; dims N, 9·C, H, W, blocked by L): each pixel of
// the plain (N, C, H, W) output y sums its neighbours' taps and the bias.
template<int L>
void sumTapsBlocked(
    const float *taps, const std::vector<int64_t> &dims, const std::vector<float> &bias, float *y);

} // namespace de
