// 3x3 convolutions (stride 1, padding 1) through oneDNN's Winograd F(4x4, 3x3) kernels, forward and backward,
// as a LibTorch autograd function: training uses it for the model's wide convolutions.
#pragma once

#include <torch/torch.h>

namespace de {

// Whether Winograd beats the direct method for a 3x3 convolution of this shape on this project's kind of
// machine (measured layer by layer, see docs/performance.md): from 32 channels on, with 4 whole 4x4 output
// tiles (one 8x8 image; oneDNN then uses its F(2x2, 3x3) kernel) or 64 tiles of any kind. oneDNN's kernels
// also need channel counts that are multiples of 16.
bool winogradIsFaster(int64_t batch, int64_t inChannels, int64_t outChannels, int64_t height, int64_t width);
// Whether this CPU has oneDNN's Winograd kernels for that convolution (on x86: AVX-512), so that
// winogradConv2d runs them rather than LibTorch's conv2d.
bool winogradAvailable(int64_t batch, int64_t inChannels, int64_t outChannels, int64_t height, int64_t width);

// conv2d(x, weight, bias, stride 1, padding 1) for float32 (N, C, H, W) x, with gradients for all three.
// Where this CPU has no Winograd kernel for the shape, LibTorch's conv2d computes it.
// Results equal LibTorch's conv2d within rounding (the tests compare values and gradients).
torch::Tensor winogradConv2d(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias);

} // namespace de
