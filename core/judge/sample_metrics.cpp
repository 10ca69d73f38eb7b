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
