#include "judge/sample_metrics.h"

#include <limits>
#include <stdexcept>

namespace de {

static torch::Tensor flat(const torch::Tensor &x)
{
    return x.reshape({x.size(0), -1}).to(torch::kFloat64);
}

double meanPairwiseDistance(const torch::Tensor &x)
{
    const int64_t n = x.size(0);
    if (n < 2)
        return 0.0;
    const torch::Tensor v = flat(x);
    double sum = 0.0;
    constexpr int64_t kBlock = 1024;
    for (int64_t i = 0; i < n; i += kBlock) {
        const torch::Tensor d = torch::cdist(v.narrow(0, i, std::min(kBlock, n - i)), v);
        sum += d.sum().item<double>();
    }
    return sum / double(n * (n - 1)); // every pair counted twice, the zero diagonal once
}

Neighbours nearestNeighbours(const torch::Tensor &queries, const torch::Tensor &reference,
    const torch::Tensor &selfIndices, const std::atomic<bool> *cancel)
{
    const int64_t nq = queries.size(0), nr = reference.size(0);
    if (nr < (selfIndices.defined() ? 2 : 1))
        throw std::invalid_argument(
            "nearestNeighbours needs a reference set with another image to compare with");
    if (selfIndices.defined() && selfIndices.numel() != nq)
        throw std::invalid_argument("nearestNeighbours: one self index per query");
    const torch::Tensor q = flat(queries), r = flat(reference);
    Neighbours result {torch::empty({nq}, torch::kFloat64), torch::empty({nq}, torch::kLong)};
    constexpr int64_t kBlock = 512;
    for (int64_t i = 0; i < nq && !(cancel && cancel->load()); i += kBlock) {
        const int64_t m = std::min(kBlock, nq - i);
        torch::Tensor d = torch::cdist(q.narrow(0, i, m), r);
        if (selfIndices.defined()) // each query's own row in the reference does not count
            d.scatter_(1, selfIndices.narrow(0, i, m).to(torch::kLong).unsqueeze(1),
                std::numeric_limits<double>::infinity());
        const auto [best, where] = d.min(1);
        result.distances.narrow(0, i, m).copy_(best);
        result.indices.narrow(0, i, m).copy_(where);
    }
    return result;
}

torch::Tensor nearestDistances(const torch::Tensor &queries, const torch::Tensor &reference, bool excludeSelf)
{
    if (excludeSelf && queries.size(0) != reference.size(0))
        throw std::invalid_argument("nearestDistances: excludeSelf compares a set with itself");
    return nearestNeighbours(
        queries, reference, excludeSelf ? torch::arange(queries.size(0), torch::kLong) : torch::Tensor())
        .distances;
}

static torch::Tensor symmetricSqrt(const torch::Tensor &m)
{
    // m is symmetric and positive semi-definite; rounding can leave tiny negative eigenvalues.
    const auto [values, vectors] = torch::linalg::eigh(m, "L");
    return vectors.matmul(torch::diag(values.clamp_min(0.0).sqrt())).matmul(vectors.transpose(0, 1));
}

double frechetDistance(const torch::Tensor &a, const torch::Tensor &b)
{
    if (a.dim() != 2 || b.dim() != 2 || a.size(1) != b.size(1) || a.size(0) < 2 || b.size(0) < 2)
        throw std::invalid_argument("frechetDistance: two sets of at least two rows of the same width");
    const torch::Tensor x = a.to(torch::kFloat64), y = b.to(torch::kFloat64);
    const torch::Tensor muX = x.mean(0), muY = y.mean(0);
    const auto covariance = [](const torch::Tensor &rows, const torch::Tensor &mu) {
        const torch::Tensor centred = rows - mu;
        return centred.transpose(0, 1).matmul(centred) / double(rows.size(0) - 1);
    };
    const torch::Tensor sx = covariance(x, muX), sy = covariance(y, muY);
    const torch::Tensor rootX = symmetricSqrt(sx);
    const torch::Tensor middle = rootX.matmul(sy).matmul(rootX);
    const double crossTrace = symmetricSqrt(0.5 * (middle + middle.transpose(0, 1))).trace().item<double>();
    const double d = (muX - muY).pow(2).sum().item<double>() + sx.trace().item<double>()
        + sy.trace().item<double>() - 2.0 * crossTrace;
    return std::max(d, 0.0);
}

double diversityRatio(const torch::Tensor &samples, const torch::Tensor &real)
{
    const double realSpread = meanPairwiseDistance(real);
    return realSpread > 0.0 ? meanPairwiseDistance(samples) / realSpread : 0.0;
}

double memorisationRatio(const torch::Tensor &samples, const torch::Tensor &training)
{
    const double within = nearestDistances(training, training, true).mean().item<double>();
    const double toTraining = nearestDistances(samples, training, false).mean().item<double>();
    return within > 0.0 ? toTraining / within : 0.0;
}

} // namespace de
