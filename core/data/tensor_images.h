// Between tensors and the torch-free ImageBatch that signals carry.
#pragma once

#include "data/image_batch.h"

#include <torch/torch.h>

namespace de {

// A (N, C, H, W) tensor of any floating type as float32 values; an undefined tensor gives an empty batch.
ImageBatch toImageBatch(const torch::Tensor &t);
// A batch's values as a (N, C, H, W) float32 tensor of its own; an empty batch gives an undefined tensor.
torch::Tensor toTensor(const ImageBatch &b);
// Any tensor's values, row-major, as float32.
QVector<float> toFloatVector(const torch::Tensor &t);

} // namespace de
