// The eval-mode forward pass of a ContextUnet as one prepared chain of oneDNN primitives: activations stay in
// oneDNN's blocked layout from the first convolution to the last, every BatchNorm is folded into its
// convolution, GELU rides on the convolution where the algorithm allows it, and the large 3x3 convolutions
// use Winograd F(4x4, 3x3), a quarter of the direct method's multiplications (about half its time, with the
// transforms). Weights are prepared once per model state (re-prepared when a weight or statistic changes)
// and primitives once per batch size, so a sampling step does no set-up work at all. With bfloat16 sampling
// (compute_precision.h) the 3x3 convolutions run oneDNN's bfloat16 direct kernels instead, GELU as their
// post-op (the first on the image rounded to bfloat16), the transposed convolutions its bfloat16 1x1
// kernels, and every activation that only these read (a block's output for the next block, the
// concatenations, the input of up0's transposed convolution) is written in bfloat16 by its producer, so
// that no separate conversion runs.
#pragma once

#include "model/conv_algorithm.h"

#include <torch/torch.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <tuple>
#include <vector>

namespace de {

struct ContextUnetImpl;

class OneDnnForward
{
public:
    OneDnnForward();
    ~OneDnnForward();
    OneDnnForward(const OneDnnForward &) = delete;
    OneDnnForward &operator=(const OneDnnForward &) = delete;

    // The model's output for x (B, C, H, W), t (B values) and c (B, n_cfeat) or undefined, or an undefined
    // tensor when this input cannot take the fast path (not float32, a shape the plan cannot express), in
    // which case the caller runs the plain path.
    torch::Tensor forward(
        ContextUnetImpl &model, const torch::Tensor &x, const torch::Tensor &t, const torch::Tensor &c);

    void setConvAlgorithm(ConvAlgorithm algorithm);
    ConvAlgorithm convAlgorithm() const { return m_algorithm; }
    // Forward passes this object has computed (for tests: proves the fast path ran).
    int64_t passes() const { return m_passes; }
    // Which algorithm each 3x3 convolution of the most recent plan uses, e.g. "winograd winograd direct …",
    // "bf16" for one in bfloat16 (samplingPrecision(), compute_precision.h; the algorithm set here applies
    // to float32 convolutions).
    std::string lastPlanSummary() const;

private:
    struct Plan;
    using PlanKey = std::tuple<int64_t, int, bool>; // batch, threads, bfloat16
    mutable std::mutex m_mutex;
    std::map<PlanKey, std::unique_ptr<Plan>> m_plans;
    std::set<PlanKey> m_unsupported; // keys whose plan oneDNN cannot make
    Plan *m_last = nullptr;
    ConvAlgorithm m_algorithm = ConvAlgorithm::Auto;
    std::atomic<int64_t> m_passes {0};
    std::weak_ptr<const torch::nn::Module> m_owner; // the model the plans were made for
    // The owner's parameters and buffers, gathered once: walking the module tree on every pass took 55 µs,
    // a tenth of a batch-1 pass. A module's tensors are made with it and only ever changed in place (an
    // optimizer step, copy_, set_ and set_data when a checkpoint loads or the model changes type), which
    // these handles see, as they share the tensors' storage pointers and version counters.
    std::vector<torch::Tensor> m_watched;
};

} // namespace de
