#include "data/tensor_images.h"

#include <cstring>

namespace de {

ImageBatch toImageBatch(const torch::Tensor &t)
{
    ImageBatch b;
    if (!t.defined())
        return b;
    const torch::Tensor c = t.detach().to(torch::kFloat32).contiguous();
    b.n = int(c.size(0));
    b.c = int(c.size(1));
    b.h = int(c.size(2));
    b.w = int(c.size(3));
    b.values.resize(c.numel());
    std::memcpy(b.values.data(), c.data_ptr<float>(), size_t(c.numel()) * sizeof(float));
    return b;
}

torch::Tensor toTensor(const ImageBatch &b)
{
    if (b.isEmpty())
        return {};
    return torch::from_blob(const_cast<float *>(b.values.constData()), {b.n, b.c, b.h, b.w}, torch::kFloat32)
        .clone();
}

QVector<float> toFloatVector(const torch::Tensor &t)
{
    const torch::Tensor c = t.detach().to(torch::kFloat32).contiguous();
    return QVector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

} // namespace de
