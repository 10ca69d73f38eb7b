// GELU(BatchNorm2d(x)) in training mode as one autograd function: training runs it after each of the model's
// 3x3 convolutions instead of LibTorch's two layers. Those read or write tensors of the activation's size 13
// times between them, forward and backward, allocate four and keep two for the backward pass; this one reads
// or writes 9 times, allocates two and keeps only x. Forward: the batch statistics in one pass, then the
// normalisation and GELU in another; backward: GELU's and BatchNorm's gradients in two passes, recomputing the
// normalised value instead of keeping it.
#pragma once

#include <torch/torch.h>

namespace de {

// GELU (exact, erf) of BatchNorm2d in training mode, with its running statistics updated as LibTorch's layer
// updates them. Float32 (N, C, H, W) input and a BatchNorm2d with affine parameters, running statistics and a
// fixed momentum; otherwise (or with fewer than 2 values per channel, which LibTorch refuses) it returns an
// undefined tensor and changes nothing, for the caller to run LibTorch's layers. Values and gradients equal
// LibTorch's within rounding (tests/test_context_unet.cpp compares them, also against float64).
torch::Tensor batchNormGelu(const torch::Tensor &x, torch::nn::BatchNorm2dImpl &bn);

} // namespace de
