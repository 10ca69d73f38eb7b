#include "model/batchnorm_gelu.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <cstring>

// The loops below are plain code the compiler vectorises; on x86-64 GCC also compiles each for AVX-512 and
// AVX2 and picks the CPU's version at load time (the helpers are inlined into each version).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define DE_KERNEL __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define DE_KERNEL
#endif
#define DE_INLINE __attribute__((always_inline)) inline

namespace de {

namespace {

// e^x for x ≤ 0, without branches: x = n·ln 2 + r, |r| ≤ ln 2 / 2, e^r by its Taylor polynomial to r^7
// (relative error below 2e-7), 2^n from the exponent bits. Below -87 it gives e^-87 rather than a denormal,
// and for NaN too (the callers' results stay NaN through their other factor).
DE_INLINE float expNonPositive(float x)
{
    x = x > -87.0f ? x : -87.0f;
    const float n = (x * 1.44269504f + 12582912.0f) - 12582912.0f; // round to nearest: 1.5·2^23
    const float r = (x - n * 0.693145751953125f) - n * 1.428606765330187e-06f; // ln 2 in two parts
    float p = 1.0f / 5040.0f;
    p = p * r + 1.0f / 720.0f;
    p = p * r + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    p = p * r + 0.5f;
    p = (p * r + 1.0f) * r + 1.0f;
    const int32_t bits = (int32_t(n) + 127) << 23;
    float twoToN;
    std::memcpy(&twoToN, &bits, sizeof twoToN);
    return p * twoToN;
}

// Φ(z) = (1 + erf(z/√2))/2, with erf from Abramowitz and Stegun 7.1.26 (|error| ≤ 1.5e-7, as oneDNN computes
// it), and e = e^(-z²/2), which φ(z) needs too.
DE_INLINE float normalCdf(float z, float *e)
{
    const float u = std::fabs(z) * 0.70710678118654752f;
    const float t = 1.0f / (1.0f + 0.3275911f * u);
    float poly = 1.061405429f;
    poly = poly * t - 1.453152027f;
    poly = poly * t + 1.421413741f;
    poly = poly * t - 0.284496736f;
    poly = poly * t + 0.254829592f;
    *e = expNonPositive(-u * u);
    const float erfAbs = 1.0f - poly * t * *e;
    return 0.5f * (1.0f + std::copysign(erfAbs, z));
}

// Adds Σ(x - shift) and Σ(x - shift)² over n floats to *s and *q (a shift near the mean keeps the variance
// E[(x-shift)²] - E[x-shift]² from cancelling). The sums are in double, vectorised (`omp simd`).
DE_KERNEL void shiftedSums(const float *x, int64_t n, float shift, double *s, double *q)
{
    double ds = 0.0, dq = 0.0;
#pragma omp simd reduction(+ : ds, dq)
    for (int64_t i = 0; i < n; ++i) {
        const double v = double(x[i] - shift);
        ds += v;
        dq += v * v;
    }
    *s += ds;
    *q += dq;
}

// out = GELU(x·a + b).
DE_KERNEL void normGelu(const float *x, int64_t n, float a, float b, float *out)
{
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) {
        const float z = x[i] * a + b;
        float e;
        out[i] = z * normalCdf(z, &e);
    }
}

// gz = g·GELU'(z) with z = x·a + b, GELU'(z) = Φ(z) + z·φ(z); adds Σgz and Σgz·x̂ (x̂ = (x - mean)·rstd) to
// *sumGz and *sumGzXhat.
DE_KERNEL void geluGradSums(const float *x, const float *g, int64_t n, float a, float b, float mean,
    float rstd, float *gz, double *sumGz, double *sumGzXhat)
{
    double ds = 0.0, dx = 0.0;
#pragma omp simd reduction(+ : ds, dx)
    for (int64_t i = 0; i < n; ++i) {
        const float z = x[i] * a + b;
        float e;
        const float cdf = normalCdf(z, &e);
        const float v = g[i] * (cdf + z * e * 0.39894228040143268f); // φ(z) = e^(-z²/2)/√(2π)
        gz[i] = v;
        ds += double(v);
        dx += double(v * (x[i] - mean) * rstd);
    }
    *sumGz += ds;
    *sumGzXhat += dx;
}

// In place: gz → dx = k·(gz - meanGz - x̂·meanGzXhat), BatchNorm's input gradient (k = γ·rstd).
DE_KERNEL void batchNormInputGrad(
    const float *x, int64_t n, float mean, float rstd, float k, float meanGz, float meanGzXhat, float *gz)
{
#pragma omp simd
    for (int64_t i = 0; i < n; ++i)
        gz[i] = k * (gz[i] - meanGz - (x[i] - mean) * rstd * meanGzXhat);
}

// Per channel over an (N, C, P) tensor: f(plane, n, c) for every (n, c) plane, on LibTorch's threads.
template<typename F> void forEachPlane(int64_t images, int64_t channels, const F &f)
{
    at::parallel_for(0, images * channels, 1, [&](int64_t i0, int64_t i1) {
        for (int64_t i = i0; i < i1; ++i)
            f(i, i / channels, i % channels);
    });
}

// Sums per (n, c) plane, then per channel in plane order (the result does not depend on the threads).
std::vector<double> channelTotals(const std::vector<double> &perPlane, int64_t images, int64_t channels)
{
    std::vector<double> totals(size_t(channels), 0.0);
    for (int64_t n = 0; n < images; ++n)
        for (int64_t c = 0; c < channels; ++c)
            totals[size_t(c)] += perPlane[size_t(n * channels + c)];
    return totals;
}

struct BatchNormGeluFunction : torch::autograd::Function<BatchNormGeluFunction>
{
    static torch::Tensor forward(torch::autograd::AutogradContext *ctx, const torch::Tensor &xIn,
        const torch::Tensor &gamma, const torch::Tensor &beta, torch::Tensor runningMean,
        torch::Tensor runningVar, double momentum, double eps)
    {
        const torch::Tensor x = xIn.contiguous();
        const int64_t images = x.size(0), channels = x.size(1), plane = x.size(2) * x.size(3);
        const int64_t count = images * plane;
        const float *xp = x.data_ptr<float>();
        // the shift: each channel's first value
        std::vector<float> shift(static_cast<size_t>(channels));
        for (int64_t c = 0; c < channels; ++c)
            shift[size_t(c)] = xp[c * plane];
        std::vector<double> s(size_t(images * channels), 0.0), q(s.size(), 0.0);
        forEachPlane(images, channels, [&](int64_t i, int64_t, int64_t c) {
            shiftedSums(xp + i * plane, plane, shift[size_t(c)], &s[size_t(i)], &q[size_t(i)]);
        });
        const std::vector<double> sums = channelTotals(s, images, channels);
        const std::vector<double> squares = channelTotals(q, images, channels);
        torch::Tensor mean = torch::empty({channels}), rstd = torch::empty({channels});
        torch::Tensor variance = torch::empty({channels}, torch::kFloat64);
        float *meanP = mean.data_ptr<float>(), *rstdP = rstd.data_ptr<float>();
        double *varianceP = variance.data_ptr<double>();
        for (int64_t c = 0; c < channels; ++c) {
            const double m = sums[size_t(c)] / double(count);
            const double var = std::max(0.0, squares[size_t(c)] / double(count) - m * m);
            meanP[c] = float(m + shift[size_t(c)]);
            rstdP[c] = float(1.0 / std::sqrt(var + eps));
            varianceP[c] = var;
        }
        {
            torch::NoGradGuard noGrad; // the running statistics, as LibTorch's layer updates them
            runningMean.mul_(1.0 - momentum).add_(mean.to(runningMean.scalar_type()), momentum);
            runningVar.mul_(1.0 - momentum)
                .add_(
                    (variance * (double(count) / double(count - 1))).to(runningVar.scalar_type()), momentum);
        }
        const torch::Tensor g = gamma.to(torch::kFloat32).contiguous(),
                            b = beta.to(torch::kFloat32).contiguous();
        // z = x·a + b per channel: a = γ·rstd, b = β - mean·γ·rstd
        const torch::Tensor a = g * rstd, shiftZ = b - mean * a;
        torch::Tensor out = torch::empty_like(x);
        const float *ap = a.data_ptr<float>(), *bp = shiftZ.data_ptr<float>();
        float *op = out.data_ptr<float>();
        forEachPlane(images, channels, [&](int64_t i, int64_t, int64_t c) {
            normGelu(xp + i * plane, plane, ap[c], bp[c], op + i * plane);
        });
        ctx->save_for_backward({x, mean, rstd, a, shiftZ});
        return out;
    }

    static torch::autograd::variable_list backward(
        torch::autograd::AutogradContext *ctx, torch::autograd::variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor &x = saved[0], &mean = saved[1], &rstd = saved[2], &a = saved[3],
                            &shiftZ = saved[4];
        const torch::Tensor g = grads[0].to(torch::kFloat32).contiguous();
        const int64_t images = x.size(0), channels = x.size(1), plane = x.size(2) * x.size(3);
        const double count = double(images * plane);
        const float *xp = x.data_ptr<float>(), *gp = g.data_ptr<float>();
        const float *ap = a.data_ptr<float>(), *bp = shiftZ.data_ptr<float>();
        const float *mp = mean.data_ptr<float>(), *rp = rstd.data_ptr<float>();
        torch::Tensor dx = torch::empty_like(x);
        float *dp = dx.data_ptr<float>();
        std::vector<double> s(size_t(images * channels), 0.0), sx(s.size(), 0.0);
        forEachPlane(images, channels, [&](int64_t i, int64_t, int64_t c) {
            geluGradSums(xp + i * plane, gp + i * plane, plane, ap[c], bp[c], mp[c], rp[c], dp + i * plane,
                &s[size_t(i)], &sx[size_t(i)]);
        });
        const std::vector<double> dBeta = channelTotals(s, images, channels);
        const std::vector<double> dGamma = channelTotals(sx, images, channels);
        forEachPlane(images, channels, [&](int64_t i, int64_t, int64_t c) { // a = γ·rstd
            batchNormInputGrad(xp + i * plane, plane, mp[c], rp[c], ap[c], float(dBeta[size_t(c)] / count),
                float(dGamma[size_t(c)] / count), dp + i * plane);
        });
        torch::Tensor gradGamma = torch::empty({channels}), gradBeta = torch::empty({channels});
        float *gammaP = gradGamma.data_ptr<float>(), *betaP = gradBeta.data_ptr<float>();
        for (int64_t c = 0; c < channels; ++c) {
            gammaP[c] = float(dGamma[size_t(c)]);
            betaP[c] = float(dBeta[size_t(c)]);
        }
        return {dx, gradGamma, gradBeta, {}, {}, {}, {}};
    }
};

} // namespace

torch::Tensor batchNormGelu(const torch::Tensor &x, torch::nn::BatchNorm2dImpl &bn)
{
    const auto &o = bn.options;
    if (x.scalar_type() != torch::kFloat32 || !x.device().is_cpu() || x.dim() != 4 || !o.affine()
        || !o.track_running_stats() || !o.momentum().has_value() || x.size(1) != o.num_features()
        || x.size(0) * x.size(2) * x.size(3) < 2 || bn.weight.scalar_type() != torch::kFloat32)
        return {};
    {
        torch::NoGradGuard noGrad;
        bn.num_batches_tracked.add_(1);
    }
    return BatchNormGeluFunction::apply(
        x, bn.weight, bn.bias, bn.running_mean, bn.running_var, *o.momentum(), o.eps());
}

} // namespace de
