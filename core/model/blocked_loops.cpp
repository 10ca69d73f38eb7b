#include "model/blocked_loops.h"

#include <ATen/Parallel.h>
#include <c10/util/BFloat16.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include <immintrin.h>

namespace de {

namespace {

uint16_t roundToBfloat16(float v)
{
    return c10::BFloat16(v).x; // to nearest, ties to even
}

__attribute__((target("avx512f,avx512bf16"))) void toBfloat16Native(
    const float *from, uint16_t *to, int64_t n)
{
    int64_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m256bh v = _mm512_cvtneps_pbh(_mm512_loadu_ps(from + i));
        std::memcpy(to + i, &v, sizeof v);
    }
    for (; i < n; ++i)
        to[i] = roundToBfloat16(from[i]);
}

__attribute__((target("avx512f,avx512bf16"))) void gatherToBfloat16Native(
    const float *const *from, int64_t vectors, uint16_t *to)
{
    for (int64_t i = 0; i < vectors; ++i) {
        const __m256bh v = _mm512_cvtneps_pbh(_mm512_loadu_ps(from[i]));
        std::memcpy(to + 16 * i, &v, sizeof v);
    }
}

const bool native = __builtin_cpu_supports("avx512bf16");

} // namespace

void toBfloat16(const float *from, uint16_t *to, int64_t n)
{
    if (native) {
        toBfloat16Native(from, to, n);
        return;
    }
    for (int64_t i = 0; i < n; ++i)
        to[i] = roundToBfloat16(from[i]);
}

void gatherToBfloat16(const float *const *from, int64_t vectors, uint16_t *to)
{
    if (native) {
        gatherToBfloat16Native(from, vectors, to);
        return;
    }
    for (int64_t i = 0; i < vectors; ++i)
        for (int j = 0; j < 16; ++j)
            to[16 * i + j] = roundToBfloat16(from[i][j]);
}

template<int L>
void groupNormReluBlocked(float *x, const Blocked &b, int64_t batch, const std::vector<float> &weight,
    const std::vector<float> &bias, float eps, const float *sc, const float *sh)
{
    const int64_t groups = 8, perGroup = b.channels / groups, padded = b.blocks * L;
    std::vector<double> sums(size_t(batch * padded)), squares(size_t(batch * padded));
    at::parallel_for(0, batch * b.blocks, 1, [&](int64_t i0, int64_t i1) {
        for (int64_t i = i0; i < i1; ++i) {
            const float *p = x + i * b.pixels * L;
            double s[L] = {}, q[L] = {};
            for (int64_t s0 = 0; s0 < b.pixels; s0 += 64) {
                float fs[L] = {}, fq[L] = {};
                for (int64_t px = s0; px < std::min(b.pixels, s0 + 64); ++px)
                    for (int j = 0; j < L; ++j) {
                        const float v = p[px * L + j];
                        fs[j] += v;
                        fq[j] += v * v;
                    }
                for (int j = 0; j < L; ++j) {
                    s[j] += fs[j];
                    q[j] += fq[j];
                }
            }
            std::copy(s, s + L, sums.begin() + i * L);
            std::copy(q, q + L, squares.begin() + i * L);
        }
    });
    // each group's mean and 1/σ, once
    std::vector<double> means(size_t(batch * groups)), rstds(size_t(batch * groups));
    for (int64_t n = 0; n < batch; ++n)
        for (int64_t g = 0; g < groups; ++g) {
            double sum = 0.0, sumSquares = 0.0;
            for (int64_t c = g * perGroup; c < (g + 1) * perGroup; ++c) {
                sum += sums[size_t(n * padded + c)];
                sumSquares += squares[size_t(n * padded + c)];
            }
            const double count = double(perGroup * b.pixels), mean = sum / count;
            means[size_t(n * groups + g)] = mean;
            rstds[size_t(n * groups + g)]
                = 1.0 / std::sqrt(std::max(0.0, sumSquares / count - mean * mean) + double(eps));
        }
    at::parallel_for(0, batch * b.blocks, 1, [&](int64_t i0, int64_t i1) {
        for (int64_t i = i0; i < i1; ++i) {
            const int64_t n = i / b.blocks, first = (i % b.blocks) * L;
            float a[L], o[L], m[L], k[L];
            for (int j = 0; j < L; ++j) {
                const int64_t c = first + j;
                if (c >= b.channels) { // padding channels stay zero
                    a[j] = o[j] = m[j] = k[j] = 0.0f;
                    continue;
                }
                const double mean = means[size_t(n * groups + c / perGroup)];
                const double rstd = rstds[size_t(n * groups + c / perGroup)];
                a[j] = float(rstd * weight[size_t(c)]);
                o[j] = float(bias[size_t(c)] - mean * rstd * weight[size_t(c)]);
                m[j] = sc ? sc[n * b.channels + c] : 1.0f;
                k[j] = sh ? sh[n * b.channels + c] : 0.0f;
            }
            float *p = x + i * b.pixels * L;
            for (int64_t px = 0; px < b.pixels; ++px)
                for (int j = 0; j < L; ++j) {
                    float &v = p[px * L + j];
                    v = std::max(v * a[j] + o[j], 0.0f) * m[j] + k[j];
                }
        }
    });
}

template<int L>
void sumTapsBlocked(const float *x, const std::vector<int64_t> &t, const std::vector<float> &bias, float *y)
{
    const int64_t channels = t[1] / 9, h = t[2], w = t[3], blocks = (t[1] + L - 1) / L;
    at::parallel_for(0, t[0] * channels * h, 4, [&](int64_t i0, int64_t i1) {
        for (int64_t i = i0; i < i1; ++i) {
            const int64_t oy = i % h, o = i / h % channels, n = i / h / channels;
            for (int64_t ox = 0; ox < w; ++ox) {
                float sum = bias[size_t(o)];
                for (int64_t ky = 0; ky < 3; ++ky) {
                    const int64_t sy = oy + ky - 1;
                    if (sy < 0 || sy >= h)
                        continue;
                    for (int64_t kx = 0; kx < 3; ++kx) {
                        const int64_t sx = ox + kx - 1;
                        if (sx < 0 || sx >= w)
                            continue;
                        const int64_t c = (ky * 3 + kx) * channels + o;
                        sum += x[((n * blocks + c / L) * h * w + sy * w + sx) * L + c % L];
                    }
                }
                y[i * w + ox] = sum;
            }
        }
    });
}

template void sumTapsBlocked<8>(
    const float *, const std::vector<int64_t> &, const std::vector<float> &, float *);
template void sumTapsBlocked<16>(
    const float *, const std::vector<int64_t> &, const std::vector<float> &, float *);

template void groupNormReluBlocked<8>(float *, const Blocked &, int64_t, const std::vector<float> &,
    const std::vector<float> &, float, const float *, const float *);
template void groupNormReluBlocked<16>(float *, const Blocked &, int64_t, const std::vector<float> &,
    const std::vector<float> &, float, const float *, const float *);

} // namespace de
