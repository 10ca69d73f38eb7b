// The distance figures of "is this model any good?": how varied the samples of a class are compared with the
// real images of that class, and how close samples come to the training images (copying). Images are
// compared as flat vectors, by Euclidean distance.
#pragma once

#include <torch/torch.h>

#include <atomic>

namespace de {

// Mean Euclidean distance over all pairs i < j of the rows of x (N, ...); 0 for fewer than two rows.
double meanPairwiseDistance(const torch::Tensor &x);

// For each row of queries (Nq, ...), the distance to its nearest row of reference (Nr, ...). With
// excludeSelf, queries and reference are the same set and each row's own zero distance is skipped (the
// distance to its nearest other row). Works in blocks, so large reference sets need little memory.
torch::Tensor nearestDistances(
    const torch::Tensor &queries, const torch::Tensor &reference, bool excludeSelf);

struct Neighbours
{
    torch::Tensor distances; // (Nq) float64
    torch::Tensor indices; // (Nq) int64 rows of the reference
};

// For each row of queries, its nearest row of reference and the distance to it. selfIndices (Nq), when
// given, are the queries' own rows in reference (queries drawn from it), which do not count. A raised cancel
// flag stops the work between blocks (the rest of the result is then undefined). A float64 reference is used
// as it is; any other is converted once per call.
Neighbours nearestNeighbours(const torch::Tensor &queries, const torch::Tensor &reference,
    const torch::Tensor &selfIndices = {}, const std::atomic<bool> *cancel = nullptr);

// The Fréchet distance between two sets of feature rows (N, D), each taken as a Gaussian:
// |mu_a − mu_b|² + tr(S_a) + tr(S_b) − 2 tr((S_a^½ S_b S_a^½)^½), in float64, with the covariances S of
// the rows (divided by N − 1). Computed on the judge's features it is a domain FID, not Inception's: compare
// it only between runs with the same sample counts. Needs at least two rows in each set.
double frechetDistance(const torch::Tensor &a, const torch::Tensor &b);

// Diversity: mean pairwise distance among samples divided by the same figure for real images (about 1 when
// the samples vary as much as the data; near 0 when they collapse onto one image).
double diversityRatio(const torch::Tensor &samples, const torch::Tensor &real);

// Memorisation: mean distance from each sample to its nearest training image, divided by the mean distance
// from each training image to its nearest other training image (near 0: the samples copy training images;
// about 1 or more: they are as new as the training images are to one another).
double memorisationRatio(const torch::Tensor &samples, const torch::Tensor &training);

} // namespace de
