#include "model/onednn_forward.h"

#include "model/blocked_loops.h"
#include "model/compute_precision.h"
#include "model/context_unet.h"
#include "model/onednn_scratchpad.h"
#include "model/winograd_conv.h"

#include <ATen/Parallel.h>
#include <dnnl.hpp>

#include <cmath>
#include <cstring>
#include <functional>
#include <optional>
#include <unordered_map>

namespace nn = torch::nn;
using dnnl::memory;
using Tag = memory::format_tag;

namespace de {

namespace {

float gelu(float v)
{
    return 0.5f * v * (1.0f + std::erf(v * float(M_SQRT1_2)));
}

} // namespace

struct OneDnnForward::Plan
{
    dnnl::engine engine {dnnl::engine::kind::cpu, 0};
    dnnl::stream stream {engine};

    struct Act
    {
        memory::desc md;
        bool external = false; // bound to a caller's tensor on every pass
        int lastUse = -1;
        memory mem;
    };
    std::vector<Act> acts;

    struct Step
    {
        dnnl::primitive primitive;
        std::vector<std::pair<int, int>> actArgs; // oneDNN argument → activation
        std::unordered_map<int, memory> args; // weights, biases
        std::function<void()> custom;
        std::unordered_map<int, memory> bound; // resolved arguments
    };
    std::vector<Step> steps;

    // A convolution (or transposed convolution) whose weights come from the model.
    struct Layer
    {
        Layer(nn::Conv2dImpl *c = nullptr, nn::BatchNorm2dImpl *b = nullptr)
            : conv(c)
            , bn(b)
        { }
        nn::Conv2dImpl *conv = nullptr;
        nn::BatchNorm2dImpl *bn = nullptr;
        nn::ConvTranspose2dImpl *deconv = nullptr;
        nn::LinearImpl *linear = nullptr;
        bool courseShortcut = false; // weights drawn anew on every pass
        bool taps = false; // a 3x3 convolution computed as a 1x1 convolution to its nine taps (lastConv)
        memory weights, bias;
        memory::desc userWeights;
    };
    std::vector<Layer> layers;
    std::vector<std::string> convKinds;

    std::vector<torch::Tensor> buffers; // the buffers activations share
    int input = -1, output = -1;
    int64_t batch = 0;
    bool bf16 = false; // the convolutions in bfloat16 (compute_precision.h)
    std::optional<size_t> weightsStamp; // of the weights prepared (the plans are the owner model's alone)

    // The inputs of the time and context embeddings (external), and a context of zeros for passes without
    // one.
    int timeIn = -1, contextIn = -1;
    torch::Tensor noContext;
    // The GroupNorm parameters the custom steps read, and the last convolution's bias.
    std::vector<float> lastBias;
    std::vector<float> gn0Weight, gn0Bias, gnOutWeight, gnOutBias;
    float gn0Eps = 1e-5f, gnOutEps = 1e-5f;

    float *data(int act) { return static_cast<float *>(acts[act].mem.get_data_handle()); }
    uint16_t *bf16Data(int act) { return static_cast<uint16_t *>(acts[act].mem.get_data_handle()); }
    bool isBf16(int act) const { return md(act).data_type() == memory::data_type::bf16; }

    // Every activation is blocked by 16 channels when the CPU has AVX-512 and the model's widths allow it,
    // else by 8 (widths are multiples of 8): oneDNN has only its slow reference kernels for partly filled
    // 16-channel blocks, and for 16-channel blocks at all without AVX-512.
    int64_t block = 16;
    // A new blocked activation; in bfloat16 where asked for and the plan may (its convolutions read it).
    int newAct(const memory::dims &dims, bool bf16Wanted = false)
    {
        if (bf16Wanted && bf16 && dims[1] % 16 == 0)
            return newAct(memory::desc(dims, memory::data_type::bf16, Tag::nChw16c));
        return newAct(memory::desc(dims, memory::data_type::f32, block == 16 ? Tag::nChw16c : Tag::nChw8c));
    }
    int newAct(const memory::dims &dims, Tag tag)
    {
        return newAct(memory::desc(dims, memory::data_type::f32, tag));
    }
    int newAct(const memory::desc &md)
    {
        Act a;
        a.md = md;
        acts.push_back(a);
        return int(acts.size()) - 1;
    }
    const memory::desc &md(int act) const { return acts[act].md; }
    memory::dims dims(int act) const { return acts[act].md.dims(); }

    // oneDNN's reference kernels are far slower than LibTorch: a plan that would need one is not made.
    template<typename Desc> static const Desc &fast(const Desc &pd)
    {
        if (std::string(pd.impl_info_str()).rfind("ref", 0) == 0)
            throw dnnl::error(dnnl_unimplemented, "only a reference implementation");
        return pd;
    }

    // The largest scratchpad a step needs (every primitive is made with userScratchpad()): one buffer serves
    // them all, as the steps run one after another.
    size_t scratchBytes = 0;
    memory scratch;

    void add(dnnl::primitive p, std::vector<std::pair<int, int>> actArgs,
        std::unordered_map<int, memory> args = {})
    {
        const dnnl_memory_desc_t *scratchMd
            = dnnl_primitive_desc_query_md(p.get_primitive_desc(), dnnl_query_scratchpad_md, 0);
        if (scratchMd)
            scratchBytes = std::max(scratchBytes, dnnl_memory_desc_get_size(scratchMd));
        steps.push_back({std::move(p), std::move(actArgs), std::move(args), {}, {}});
    }
    void addCustom(std::function<void()> f, std::vector<int> uses)
    {
        Step s;
        s.custom = std::move(f);
        for (int a : uses)
            s.actArgs.emplace_back(0, a);
        steps.push_back(std::move(s));
    }

    // A primitive attribute with GELU as its post-op, or none.
    static dnnl::primitive_attr geluAfter(bool gelu)
    {
        dnnl::primitive_attr attr;
        if (gelu) {
            dnnl::post_ops ops;
            ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_gelu_erf, 0.0f, 0.0f);
            attr.set_post_ops(ops);
        }
        return attr;
    }

    // Adds a step src → dst that reads the weights and bias `layer` names (prepareWeights loads them from
    // the model in the layout userWeights describes), and keeps the layer.
    template<typename Primitive, typename Pd>
    void addWeighted(const Pd &pd, int src, int dst, Layer layer, const memory::desc &userWeights)
    {
        layer.weights = memory(pd.weights_desc(), engine);
        layer.bias = memory(pd.bias_desc(), engine);
        layer.userWeights = userWeights;
        add(Primitive(fast(pd)), {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}},
            {{DNNL_ARG_WEIGHTS, layer.weights}, {DNNL_ARG_BIAS, layer.bias}});
        layers.push_back(layer);
    }

    // Whether a 3x3 convolution from `inChannels` runs in bfloat16 (its output may then be bfloat16 too).
    bool bf16Conv(int64_t inChannels, int64_t outChannels) const
    {
        return bf16 && inChannels % 16 == 0 && outChannels % 16 == 0;
    }
    // A new activation of a block's first convolution for its second: bfloat16 where the second runs in it.
    int newMid(const memory::dims &dims) { return newAct(dims, bf16Conv(dims[1], dims[1])); }
    // src in bfloat16 (in `tag`, or its own layout): itself, or a copy made by a conversion step.
    int asBf16(int src, std::optional<Tag> tag = {})
    {
        if (isBf16(src))
            return src;
        const int copy = newAct(memory::desc(dims(src), memory::data_type::bf16, tag.value_or(Tag::nChw16c)));
        add(dnnl::reorder(dnnl::reorder::primitive_desc(engine, md(src), engine, md(copy), userScratchpad())),
            {{DNNL_ARG_FROM, src}, {DNNL_ARG_TO, copy}});
        return copy;
    }
    // The first 3x3 convolution, from the image's few channels, into a bfloat16 dst: on the image rounded to
    // bfloat16, with oneDNN's bfloat16 first-layer kernel; where there is none, in float32 and then
    // converted.
    void firstConvBf16(int src, int dst, Layer layer, int64_t outChannels, bool gelu)
    {
        bool kernel = true;
        try {
            const dnnl::convolution_forward::primitive_desc pd(
                {dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct,
                    memory::desc(dims(src), memory::data_type::bf16, Tag::nchw),
                    memory::desc({outChannels, dims(src)[1], 3, 3}, memory::data_type::bf16, Tag::any),
                    memory::desc({outChannels}, memory::data_type::f32, Tag::x), md(dst), {1, 1}, {1, 1},
                    {1, 1}},
                userScratchpad(geluAfter(gelu)), engine);
            fast(pd);
        } catch (const dnnl::error &) {
            kernel = false;
        }
        if (kernel) {
            convBf16(asBf16(src, Tag::nchw), dst, layer, outChannels, gelu);
            return;
        }
        const int f32 = newAct(dims(dst));
        conv(src, f32, layer, outChannels, 3, gelu, ConvAlgorithm::Direct);
        add(dnnl::reorder(dnnl::reorder::primitive_desc(engine, md(f32), engine, md(dst), userScratchpad())),
            {{DNNL_ARG_FROM, f32}, {DNNL_ARG_TO, dst}});
    }

    // 3x3 (or 1x1) convolution, optionally followed by GELU.
    void conv(int src, int dst, Layer layer, int64_t outChannels, int kernel, bool gelu, ConvAlgorithm choice)
    {
        const memory::dims srcDims = dims(src);
        const int64_t inChannels = layer.conv ? layer.conv->options.in_channels() : srcDims[1];
        if (kernel == 3 && bf16Conv(inChannels, outChannels)) {
            convBf16(asBf16(src), dst, layer, outChannels, gelu);
            return;
        }
        if (kernel == 3 && isBf16(dst)) {
            firstConvBf16(src, dst, layer, outChannels, gelu);
            return;
        }
        const memory::dims w {outChannels, inChannels, kernel, kernel};
        const memory::dims pad {kernel / 2, kernel / 2};
        const auto anyWeights = memory::desc(w, memory::data_type::f32, Tag::any);
        const auto biasMd = memory::desc({outChannels}, memory::data_type::f32, Tag::x);
        bool winograd
            = kernel == 3 && choice != ConvAlgorithm::Direct && inChannels % 16 == 0 && outChannels % 16 == 0;
        if (choice == ConvAlgorithm::Auto)
            winograd
                = winograd && winogradIsFaster(srcDims[0], inChannels, outChannels, srcDims[2], srcDims[3]);
        dnnl::convolution_forward::primitive_desc pd;
        bool made = false;
        if (winograd) {
            try {
                pd = {{dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_winograd, md(src),
                          anyWeights, biasMd, md(dst), {1, 1}, pad, pad},
                    userScratchpad(), engine};
                made = true;
            } catch (const dnnl::error &) {
                winograd = false;
            }
        }
        if (!made)
            pd = {{dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, md(src),
                      anyWeights, biasMd, md(dst), {1, 1}, pad, pad},
                userScratchpad(geluAfter(gelu)), engine};
        if (kernel == 3)
            convKinds.push_back(winograd ? "winograd" : "direct");
        addWeighted<dnnl::convolution_forward>(
            pd, src, dst, layer, memory::desc(w, memory::data_type::f32, Tag::oihw));
        if (winograd && gelu)
            eltwiseGelu(dst);
    }

    // A 3x3 convolution of bfloat16 src to dst (float32 or bfloat16), GELU as its post-op: oneDNN 2.6 has
    // bfloat16 kernels for the direct method only.
    void convBf16(int src, int dst, Layer layer, int64_t outChannels, bool gelu)
    {
        const memory::dims w {outChannels, dims(src)[1], 3, 3};
        const dnnl::convolution_forward::primitive_desc pd(
            {dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, md(src),
                memory::desc(w, memory::data_type::bf16, Tag::any),
                memory::desc({outChannels}, memory::data_type::f32, Tag::x), md(dst), {1, 1}, {1, 1}, {1, 1}},
            userScratchpad(geluAfter(gelu)), engine);
        convKinds.push_back("bf16");
        addWeighted<dnnl::convolution_forward>(
            fast(pd), src, dst, layer, memory::desc(w, memory::data_type::f32, Tag::oihw));
    }

    // Linear (B, in) → (B, out), optionally followed by GELU.
    int linear(int src, nn::LinearImpl *module, bool gelu)
    {
        const int64_t in = module->options.in_features(), out = module->options.out_features();
        const int dst = newAct({batch, out}, Tag::nc);
        const dnnl::inner_product_forward::primitive_desc pd(
            {dnnl::prop_kind::forward_inference, md(src),
                memory::desc({out, in}, memory::data_type::f32, Tag::any),
                memory::desc({out}, memory::data_type::f32, Tag::x), md(dst)},
            userScratchpad(geluAfter(gelu)), engine);
        Layer layer;
        layer.linear = module;
        addWeighted<dnnl::inner_product_forward>(
            pd, src, dst, layer, memory::desc({out, in}, memory::data_type::f32, Tag::oi));
        return dst;
    }

    // EmbedFC: Linear, GELU, Linear.
    int embed(int src, EmbedFCImpl &e)
    {
        return linear(linear(src, e.model[0]->as<nn::Linear>(), true), e.model[2]->as<nn::Linear>(), false);
    }

    void eltwiseGelu(int act)
    {
        const dnnl::eltwise_forward::primitive_desc pd(
            {dnnl::prop_kind::forward_inference, dnnl::algorithm::eltwise_gelu_erf, md(act), 0.0f, 0.0f},
            userScratchpad(), engine);
        add(dnnl::eltwise_forward(pd), {{DNNL_ARG_SRC, act}, {DNNL_ARG_DST, act}});
    }

    // ConvTranspose2d with kernel = stride = k, no padding: each input pixel paints its own k×k patch of the
    // output, so the layer is a 1x1 convolution to k·k·out channels (channel (ky·k + kx)·out + o is output
    // channel o at offset (ky, kx) of the patch) followed by moving each channel block to its place. oneDNN's
    // 1x1 kernels run three to four times faster than its transposed convolutions on these shapes.
    void deconv(int src, int dst, nn::ConvTranspose2dImpl *module)
    {
        const auto &o = module->options;
        const int64_t k = o.kernel_size()->at(0), out = o.out_channels();
        if (o.stride()->at(0) != k || out % block != 0 || o.in_channels() != dims(src)[1])
            throw dnnl::error(dnnl_unimplemented, "a transposed convolution that is not a k×k scatter");
        Layer layer;
        layer.deconv = module;
        scatterPatches(conv1x1(src, k * k * out, layer), dst, k);
    }

    // A 1x1 convolution of src to a new float32 activation of `outChannels`, with the weights `layer` names
    // (loaded in the form prepareWeights gives them; bfloat16 when src is); returns the new activation.
    int conv1x1(int src, int64_t outChannels, Layer layer)
    {
        const memory::dims srcDims = dims(src);
        const int dst = newAct({srcDims[0], outChannels, srcDims[2], srcDims[3]});
        const memory::dims w {outChannels, srcDims[1], 1, 1};
        const dnnl::convolution_forward::primitive_desc pd(
            {dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, md(src),
                memory::desc(w, isBf16(src) ? memory::data_type::bf16 : memory::data_type::f32, Tag::any),
                memory::desc({outChannels}, memory::data_type::f32, Tag::x), md(dst), {1, 1}, {0, 0}, {0, 0}},
            userScratchpad(), engine);
        addWeighted<dnnl::convolution_forward>(
            pd, src, dst, layer, memory::desc(w, memory::data_type::f32, Tag::oihw));
        return dst;
    }

    // dst[n, o, y·k + ky, x·k + kx] = patches[n, (ky·k + kx)·out + o, y, x], a block of channels at a time.
    void scatterPatches(int patches, int dst, int64_t k)
    {
        addCustom(
            [this, patches, dst, k] {
                if (block == 16)
                    scatterPatches<16>(patches, dst, k);
                else
                    scatterPatches<8>(patches, dst, k);
            },
            {patches, dst});
    }
    template<int L> void scatterPatches(int patches, int dst, int64_t k)
    {
        const memory::dims in = dims(patches), out = dims(dst);
        const int64_t outBlocks = out[1] / L, inPixels = in[2] * in[3], outPixels = out[2] * out[3];
        const float *x = data(patches);
        const bool toBf16 = isBf16(dst);
        // one output row of one block of one image per task, written in order
        at::parallel_for(0, out[0] * outBlocks * out[2], 4, [&](int64_t i0, int64_t i1) {
            std::vector<const float *> row(static_cast<size_t>(out[3]));
            for (int64_t i = i0; i < i1; ++i) {
                const int64_t oy = i % out[2], nb = i / out[2], n = nb / outBlocks, b = nb % outBlocks;
                const int64_t yy = oy / k, ky = oy % k, to = (nb * outPixels + oy * out[3]) * L;
                for (int64_t ox = 0; ox < out[3]; ++ox) {
                    const int64_t xx = ox / k, kx = ox % k;
                    row[size_t(ox)]
                        = x + (((n * k * k + ky * k + kx) * outBlocks + b) * inPixels + yy * in[3] + xx) * L;
                    if (!toBf16)
                        std::memcpy(data(dst) + to + ox * L, row[size_t(ox)], L * sizeof(float));
                }
                if (toBf16) // (L is 16: bfloat16 plans are AVX-512 ones)
                    gatherToBfloat16(row.data(), out[3], bf16Data(dst) + to);
            }
        });
    }

    // The last 3x3 convolution (to the model's few image channels) into the plain output: a 1x1 convolution
    // to its nine taps (channel (ky·3 + kx)·out + o is tap (ky, kx) of output channel o), then each output
    // pixel sums its nine neighbours' taps. A direct 3x3 convolution would compute a whole block of 16 (or 8)
    // output channels for 3, and a layout change after it.
    void lastConv(int src, int dst, nn::Conv2dImpl *module)
    {
        if (module->options.in_channels() != dims(src)[1])
            throw dnnl::error(dnnl_unimplemented, "the last convolution does not meet its input");
        Layer layer(module);
        layer.taps = true;
        const int taps = conv1x1(src, 9 * module->options.out_channels(), layer);
        addCustom(
            [this, taps, dst] {
                if (block == 16)
                    sumTapsBlocked<16>(data(taps), dims(taps), lastBias, data(dst));
                else
                    sumTapsBlocked<8>(data(taps), dims(taps), lastBias, data(dst));
            },
            {taps, dst});
    }
    void maxPool2(int src, int dst)
    {
        const dnnl::pooling_forward::primitive_desc pd(
            {dnnl::prop_kind::forward_inference, dnnl::algorithm::pooling_max, md(src), md(dst), {2, 2},
                {2, 2}, {0, 0}, {0, 0}},
            userScratchpad(), engine);
        add(dnnl::pooling_forward(fast(pd)), {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}});
    }

    // Along channels: with whole blocks of channels in a, each image is a's blocks followed by b's, so the
    // concatenation is two copies per image (oneDNN's generic concat takes several times longer); into a
    // bfloat16 dst, a float32 source is rounded on the way.
    void concat(int a, int b, int dst)
    {
        if (dims(a)[1] % block != 0 || (!isBf16(dst) && (isBf16(a) || isBf16(b)))) {
            const dnnl::concat::primitive_desc pd(md(dst), 1, {md(a), md(b)}, engine, userScratchpad());
            add(dnnl::concat(pd),
                {{DNNL_ARG_MULTIPLE_SRC, a}, {DNNL_ARG_MULTIPLE_SRC + 1, b}, {DNNL_ARG_DST, dst}});
            return;
        }
        addCustom(
            [this, a, b, dst] {
                const int64_t images = dims(dst)[0];
                const size_t unit = isBf16(dst) ? 2 : 4; // bytes of an element of dst
                const int64_t aCount = int64_t(md(a).get_size() / size_t(images) / (isBf16(a) ? 2 : 4)),
                              bCount = int64_t(md(b).get_size() / size_t(images) / (isBf16(b) ? 2 : 4));
                auto *z = static_cast<char *>(acts[dst].mem.get_data_handle());
                at::parallel_for(0, 2 * images, 1, [&](int64_t i0, int64_t i1) {
                    for (int64_t i = i0; i < i1; ++i) {
                        const int64_t n = i / 2, count = i % 2 == 0 ? aCount : bCount;
                        const int src = i % 2 == 0 ? a : b;
                        char *to = z + size_t(n * (aCount + bCount) + (i % 2 == 0 ? 0 : aCount)) * unit;
                        if (isBf16(dst) && !isBf16(src))
                            toBfloat16(data(src) + n * count, reinterpret_cast<uint16_t *>(to), count);
                        else
                            std::memcpy(to,
                                static_cast<const char *>(acts[src].mem.get_data_handle())
                                    + size_t(n * count) * unit,
                                size_t(count) * unit);
                    }
                });
            },
            {a, b, dst});
    }

    // dst = (a + b) · scale; a and b float32, dst float32 or bfloat16
    void addScaled(int a, int b, int dst, float scale)
    {
        // A plain loop: oneDNN 2.6's binary kernel with a post-op writes past the end of nChw8c buffers.
        addCustom(
            [this, a, b, dst, scale] {
                const float *x = data(a), *y = data(b);
                const int64_t n = int64_t(md(a).get_size() / sizeof(float)), chunk = 256;
                at::parallel_for(0, (n + chunk - 1) / chunk, 64, [&](int64_t c0, int64_t c1) {
                    float sum[chunk];
                    for (int64_t c = c0; c < c1; ++c) {
                        const int64_t first = c * chunk, count = std::min(chunk, n - first);
                        float *z = isBf16(dst) ? sum : data(dst) + first;
                        for (int64_t i = 0; i < count; ++i)
                            z[i] = (x[first + i] + y[first + i]) * scale;
                        if (isBf16(dst))
                            toBfloat16(sum, bf16Data(dst) + first, count);
                    }
                });
            },
            {a, b, dst});
    }

    // AvgPool2d(4) then GELU (to_vec), written straight into the blocked layout (float32 or bfloat16),
    // padding channels zeroed.
    void avgPool4Gelu(int src, int dst)
    {
        addCustom(
            [this, src, dst] {
                const memory::dims in = dims(src), out = dims(dst);
                const Blocked bi(md(src).dims(), block), bo(md(dst).dims(), block);
                const float *x = data(src);
                // block by block, lane by lane in memory order; each pixel's sum over its 4×4 window in the
                // same order as before (rows, then columns)
                at::parallel_for(0, out[0] * bo.blocks, 1, [&](int64_t i0, int64_t i1) {
                    for (int64_t i = i0; i < i1; ++i) {
                        const int64_t n = i / bo.blocks, cb = i % bo.blocks;
                        for (int64_t oy = 0; oy < out[2]; ++oy)
                            for (int64_t ox = 0; ox < out[3]; ++ox) {
                                float v[16] = {};
                                for (int64_t ky = 0; ky < 4; ++ky)
                                    for (int64_t kx = 0; kx < 4; ++kx) {
                                        const float *p
                                            = x + bi.at(n, cb * block, (oy * 4 + ky) * in[3] + ox * 4 + kx);
                                        for (int64_t j = 0; j < block; ++j)
                                            v[j] += p[j];
                                    }
                                for (int64_t j = 0; j < block; ++j) // padding channels zeroed
                                    v[j] = cb * block + j < out[1] ? gelu(v[j] / 16.0f) : 0.0f;
                                const int64_t at = bo.at(n, cb * block, oy * out[3] + ox);
                                if (isBf16(dst))
                                    toBfloat16(v, bf16Data(dst) + at, block);
                                else
                                    std::memcpy(data(dst) + at, v, size_t(block) * sizeof(float));
                            }
                    }
                });
            },
            {src, dst});
    }

    // In place: GroupNorm, ReLU, then optionally y·scale[n, c] + shift[n, c] (blocked_loops.h).
    void groupNormRelu(int act, const std::vector<float> *weight, const std::vector<float> *bias,
        const float *eps, int scale = -1, int shift = -1)
    {
        addCustom(
            [=] {
                const float *sc = scale >= 0 ? data(scale) : nullptr;
                const float *sh = shift >= 0 ? data(shift) : nullptr;
                const Blocked b(md(act).dims(), block);
                if (block == 16)
                    groupNormReluBlocked<16>(data(act), b, batch, *weight, *bias, *eps, sc, sh);
                else
                    groupNormReluBlocked<8>(data(act), b, batch, *weight, *bias, *eps, sc, sh);
            },
            scale >= 0 ? std::vector<int> {act, scale, shift} : std::vector<int> {act});
    }
    // In place: x·scale[n, c] + shift[n, c] (the context and time modulation of the up path).
    void modulate(int act, int scale, int shift)
    {
        addCustom(
            [=] {
                const Blocked b(md(act).dims(), block);
                float *x = data(act);
                const float *sc = data(scale);
                const float *sh = data(shift);
                at::parallel_for(0, batch * b.blocks, 1, [&](int64_t i0, int64_t i1) {
                    for (int64_t i = i0; i < i1; ++i) {
                        const int64_t n = i / b.blocks, blockIndex = i % b.blocks;
                        float m[16], k[16];
                        for (int64_t j = 0; j < b.block; ++j) {
                            const int64_t c = blockIndex * b.block + j;
                            m[j] = c < b.channels ? sc[n * b.channels + c] : 0.0f;
                            k[j] = c < b.channels ? sh[n * b.channels + c] : 0.0f;
                        }
                        float *p = x + i * b.pixels * b.block;
                        for (int64_t s = 0; s < b.pixels; ++s)
                            for (int64_t j = 0; j < b.block; ++j)
                                p[s * b.block + j] = p[s * b.block + j] * m[j] + k[j];
                    }
                });
            },
            {act, scale, shift});
    }

    // Gives every activation a buffer: an activation's buffer goes back to the pool after its last use.
    void allocate()
    {
        for (size_t i = 0; i < steps.size(); ++i)
            for (const auto &[arg, act] : steps[i].actArgs)
                acts[act].lastUse = int(i);
        struct Slot
        {
            size_t bytes;
            int freeFrom; // step index after which the slot is free again
        };
        std::vector<Slot> slotInfo;
        std::vector<int> slotOf(acts.size(), -1);
        for (size_t i = 0; i < steps.size(); ++i)
            for (const auto &[arg, act] : steps[i].actArgs) {
                if (acts[act].external || slotOf[act] >= 0)
                    continue;
                const size_t bytes = acts[act].md.get_size();
                int best = -1;
                for (size_t s = 0; s < slotInfo.size(); ++s)
                    if (slotInfo[s].freeFrom < int(i) && slotInfo[s].bytes >= bytes
                        && (best < 0 || slotInfo[s].bytes < slotInfo[best].bytes))
                        best = int(s);
                if (best < 0) {
                    slotInfo.push_back({bytes, 0});
                    best = int(slotInfo.size()) - 1;
                }
                slotOf[act] = best;
                slotInfo[best].freeFrom = acts[act].lastUse;
            }
        for (const Slot &s : slotInfo)
            buffers.push_back(torch::zeros({int64_t(s.bytes)}, torch::kUInt8));
        for (size_t a = 0; a < acts.size(); ++a)
            acts[a].mem = acts[a].external ? memory(acts[a].md, engine, DNNL_MEMORY_NONE)
                                           : memory(acts[a].md, engine, buffers[slotOf[a]].data_ptr());
        scratch = memory(memory::desc({int64_t(scratchBytes)}, memory::data_type::u8, Tag::x), engine);
        for (Step &s : steps) {
            s.bound = s.args;
            if (!s.custom)
                s.bound[DNNL_ARG_SCRATCHPAD] = scratch;
            for (const auto &[arg, act] : s.actArgs)
                if (!s.custom)
                    s.bound[arg] = acts[act].mem;
        }
    }

    void prepareWeights(ContextUnetImpl &model)
    {
        torch::NoGradGuard noGrad;
        for (torch::Tensor &buffer : buffers) // no value from earlier weights survives in padding channels
            std::memset(buffer.data_ptr(), 0, buffer.nbytes()); // (zero_() refuses inference tensors)
        auto copy = [](const torch::Tensor &t) {
            const torch::Tensor c = t.detach().to(torch::kFloat32).contiguous();
            return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
        };
        for (Layer &l : layers) {
            if (l.courseShortcut)
                continue;
            torch::Tensor w, b;
            if (l.linear) {
                w = l.linear->weight;
                b = l.linear->bias;
            } else if (l.deconv) { // (in, out, k, k) → ((ky·k + kx)·out + o, in, 1, 1), as deconv() reads it
                const int64_t k = l.deconv->options.kernel_size()->at(0);
                w = l.deconv->weight.permute({2, 3, 1, 0})
                        .reshape({-1, l.deconv->options.in_channels(), 1, 1});
                b = l.deconv->bias.repeat({k * k});
            } else if (l.taps) { // (out, in, 3, 3) → ((ky·3 + kx)·out + o, in, 1, 1), as lastConv() reads it
                w = l.conv->weight.permute({2, 3, 0, 1}).reshape({-1, l.conv->options.in_channels(), 1, 1});
                b = torch::zeros({w.size(0)});
                lastBias = copy(l.conv->bias);
            } else if (l.bn) {
                std::tie(w, b) = foldConvBatchNorm(*l.conv, *l.bn);
            } else {
                w = l.conv->weight;
                b = l.conv->bias;
            }
            load(l, w, b);
        }
        auto *gn0 = model.up0[1]->as<nn::GroupNorm>();
        auto *gnOut = model.out[1]->as<nn::GroupNorm>();
        gn0Weight = copy(gn0->weight);
        gn0Bias = copy(gn0->bias);
        gnOutWeight = copy(gnOut->weight);
        gnOutBias = copy(gnOut->bias);
        gn0Eps = float(gn0->options.eps());
        gnOutEps = float(gnOut->options.eps());
    }

    void load(Layer &l, const torch::Tensor &w, const torch::Tensor &b)
    {
        const torch::Tensor wc = w.detach().to(torch::kFloat32).contiguous();
        const torch::Tensor bc = b.detach().to(torch::kFloat32).contiguous();
        memory user(l.userWeights, engine, wc.data_ptr());
        reorderNow(user, l.weights, stream);
        std::memcpy(l.bias.get_data_handle(), bc.data_ptr(), size_t(bc.numel()) * sizeof(float));
    }

    void run()
    {
        for (Step &s : steps) {
            if (s.custom) {
                stream.wait();
                s.custom();
            } else {
                s.primitive.execute(stream, s.bound);
            }
        }
        stream.wait();
    }
};

OneDnnForward::OneDnnForward() = default;
OneDnnForward::~OneDnnForward() = default;

void OneDnnForward::setConvAlgorithm(ConvAlgorithm algorithm)
{
    std::lock_guard lock(m_mutex);
    if (algorithm != m_algorithm)
        m_plans.clear();
    m_last = nullptr;
    m_algorithm = algorithm;
}

std::string OneDnnForward::lastPlanSummary() const
{
    std::lock_guard lock(m_mutex);
    std::string s;
    if (m_last)
        for (const std::string &k : m_last->convKinds)
            s += (s.empty() ? "" : " ") + k;
    return s;
}

// A fingerprint of the model's weights: changes when a parameter or buffer gets new storage or is written to.
static size_t weightsStamp(const std::vector<torch::Tensor> &tensors)
{
    size_t stamp = 0;
    for (const torch::Tensor &t : tensors) {
        stamp = stamp * 1000003u + reinterpret_cast<size_t>(t.data_ptr());
        stamp = stamp * 1000003u + (t.is_inference() ? 0u : size_t(t._version()));
    }
    return stamp;
}

torch::Tensor OneDnnForward::forward(
    ContextUnetImpl &model, const torch::Tensor &xIn, const torch::Tensor &t, const torch::Tensor &cIn)
{
    const ModelConfig &cfg = model.config;
    if (xIn.scalar_type() != torch::kFloat32 || !xIn.device().is_cpu() || xIn.dim() != 4
        || xIn.size(1) != cfg.inChannels || xIn.size(2) != cfg.height || xIn.size(3) != cfg.height)
        return {};
    std::unique_lock lock(m_mutex);
    at::internal::lazy_init_num_threads(); // oneDNN runs on this thread's OpenMP team
    const int64_t batch = xIn.size(0);
    const int threads = at::get_num_threads();
    // Plans point into the model's modules: a copy of the model makes its own. The owner is held weakly, so
    // that a new model that the allocator places where a freed one was is not taken for it.
    if (m_owner.lock().get() != &model) { // (an expired owner locks to null)
        m_plans.clear();
        m_unsupported.clear();
        m_last = nullptr;
        m_owner = model.weak_from_this();
        m_watched = model.parameters();
        for (const torch::Tensor &b : model.buffers())
            m_watched.push_back(b);
    }
    // bfloat16 where asked for and the CPU has it (16-channel blocks, so AVX-512), else float32.
    bool bf16 = precisionFor(cfg.nFeat) == Precision::BFloat16;
    if (bf16 && m_unsupported.count({batch, threads, true}))
        bf16 = false;
    const PlanKey key {batch, threads, bf16};
    if (m_unsupported.count(key))
        return {};
    auto found = m_plans.find(key);
    if (found == m_plans.end()) {
        if (m_plans.size() >= 6) { // a handful of batch sizes is what a session uses
            m_plans.clear();
            m_last = nullptr;
        }
        auto plan = std::make_unique<Plan>();
        Plan &p = *plan;
        p.batch = batch;
        p.bf16 = bf16;
        // 16-channel blocks are AVX-512's own layout; on other CPUs (AVX2) oneDNN has fast kernels only for
        // 8-channel blocks, and the plan would be refused for needing a reference kernel.
        static const bool avx512
            = (int(dnnl::get_effective_cpu_isa()) & dnnl_cpu_isa_avx512_core) == dnnl_cpu_isa_avx512_core;
        p.block = cfg.nFeat % 16 == 0 && avx512 ? 16 : 8;
        const int64_t f = cfg.nFeat, c = cfg.inChannels, h = cfg.height, B = batch;
        const int64_t h2 = h / 2, h4 = h2 / 2;
        const int64_t q = h4 / 4; // to_vec: AvgPool2d(4)
        auto *up0 = model.up0[0]->as<nn::ConvTranspose2d>();
        const int64_t k0 = up0->options.kernel_size()->at(0);
        if (q < 1 || q * k0 != h4 || up0->options.stride()->at(0) != k0) {
            m_unsupported.insert(key);
            return {}; // up0 would not meet down2's size: the plain path reports it
        }
        // A residual block; `toConv`: its output feeds only the next block's first convolution (so it may be
        // bfloat16 where that convolution runs in it).
        auto block = [&](ResidualConvBlockImpl &r, int src, int64_t out, int64_t side, bool toConv = false) {
            auto conv = [&](nn::Sequential &seq, int from, int to) {
                p.conv(from, to, Plan::Layer(seq[0]->as<nn::Conv2d>(), seq[1]->as<nn::BatchNorm2d>()), out, 3,
                    true, m_algorithm);
                return to;
            };
            const int mid = conv(r.conv1, src, p.newMid({B, out, side, side}));
            return conv(r.conv2, mid, p.newAct({B, out, side, side}, toConv && p.bf16Conv(out, out)));
        };
        auto residual = [](nn::Sequential &seq, size_t i) { return seq[i]->as<ResidualConvBlockImpl>(); };
        try {
            p.input = p.newAct({B, c, h, h}, Tag::nchw);
            p.acts[p.input].external = true;
            p.timeIn = p.newAct({B, 1}, Tag::nc);
            p.acts[p.timeIn].external = true;
            p.contextIn = p.newAct({B, cfg.nCFeat}, Tag::nc);
            p.acts[p.contextIn].external = true;
            p.noContext = torch::zeros({B, cfg.nCFeat});
            const int cemb1 = p.embed(p.contextIn, *model.contextEmbed1);
            const int temb1 = p.embed(p.timeIn, *model.timeEmbed1);
            const int cemb2 = p.embed(p.contextIn, *model.contextEmbed2);
            const int temb2 = p.embed(p.timeIn, *model.timeEmbed2);
            ResidualConvBlockImpl &init = *model.initConv;
            const int x2 = block(init, p.input, f, h);
            const int skip = p.newAct({B, f, h, h});
            Plan::Layer shortcut;
            shortcut.conv = init.shortcut ? init.shortcut.get() : nullptr;
            shortcut.courseShortcut = init.courseShortcut;
            if (!shortcut.conv && !shortcut.courseShortcut)
                throw dnnl::error(
                    dnnl_unimplemented, "init_conv without a shortcut"); // no configuration has one
            p.conv(p.input, skip, shortcut, f, 1, false, ConvAlgorithm::Direct);
            // In a bfloat16 plan, every activation that only convolutions (and copies into their inputs) read
            // is bfloat16: x, down1's output, the to_vec vector and the joined inputs of the up path.
            const int x = p.newAct({B, f, h, h}, true);
            p.addScaled(x2, skip, x, 1.0f / 1.414f);

            auto down = [&](UnetDownImpl &d, int src, int64_t out, int64_t side, bool bf16Out) {
                const int a = block(*residual(d.model, 0), src, out, side, true);
                const int b = block(*residual(d.model, 1), a, out, side, bf16Out);
                const int pooled = p.newAct({B, out, side / 2, side / 2}, bf16Out && p.isBf16(b));
                p.maxPool2(b, pooled);
                return pooled;
            };
            const int d1 = down(*model.down1, x, f, h, true);
            const int d2 = down(*model.down2, d1, 2 * f, h2, false); // avgPool4Gelu reads float32
            const int hidden = p.newAct({B, 2 * f, q, q}, true);
            p.avgPool4Gelu(d2, hidden);

            const int u1 = p.newAct({B, 2 * f, h4, h4});
            p.deconv(hidden, u1, up0);
            p.groupNormRelu(u1, &p.gn0Weight, &p.gn0Bias, &p.gn0Eps, cemb1, temb1);
            auto up = [&](UnetUpImpl &u, int a, int b, int64_t out, int64_t side) {
                const int joined = p.newAct({B, p.dims(a)[1] + p.dims(b)[1], side / 2, side / 2}, true);
                p.concat(a, b, joined);
                const int y = p.newAct({B, out, side, side}, p.bf16Conv(out, out));
                p.deconv(joined, y, u.model[0]->as<nn::ConvTranspose2d>());
                return block(
                    *residual(u.model, 2), block(*residual(u.model, 1), y, out, side, true), out, side);
            };
            const int u2 = up(*model.up1, u1, d2, f, h2);
            p.modulate(u2, cemb2, temb2);
            const int u3 = up(*model.up2, u2, d1, f, h);

            const int joined = p.newAct({B, 2 * f, h, h}, true);
            p.concat(u3, x, joined);
            const int o1 = p.newAct({B, f, h, h});
            p.conv(joined, o1, Plan::Layer(model.out[0]->as<nn::Conv2d>()), f, 3, false, m_algorithm);
            p.groupNormRelu(o1, &p.gnOutWeight, &p.gnOutBias, &p.gnOutEps);
            p.output = p.newAct({B, c, h, h}, Tag::nchw);
            p.acts[p.output].external = true;
            p.lastConv(o1, p.output, model.out[3]->as<nn::Conv2d>());
            p.allocate();
        } catch (const dnnl::error &) {
            m_unsupported.insert(key); // a shape or layout this oneDNN cannot do: the plain path runs instead
            if (bf16) { // or, first, the same pass in float32
                lock.unlock();
                return forward(model, xIn, t, cIn);
            }
            return {};
        }
        found = m_plans.emplace(key, std::move(plan)).first;
    }
    Plan &p = *found->second;
    m_last = &p;

    torch::NoGradGuard noGrad;
    const size_t stamp = weightsStamp(m_watched);
    if (p.weightsStamp != stamp) {
        p.prepareWeights(model);
        p.weightsStamp = stamp;
    }
    const torch::Tensor x = xIn.contiguous();
    // One time or context for the whole batch: the plain path broadcasts it.
    const torch::Tensor time = t.reshape({-1}).to(torch::kFloat32).contiguous();
    if (time.numel() != batch)
        return {};
    torch::Tensor context = p.noContext;
    if (cIn.defined()) {
        if (cIn.dim() != 2 || cIn.size(0) != batch || cIn.size(1) != cfg.nCFeat)
            return {};
        context = cIn.to(torch::kFloat32).contiguous();
    }
    ResidualConvBlockImpl &init = *model.initConv;
    if (init.courseShortcut) { // drawn once per pass, as the plain path does, and only when this path runs
        auto [w, b] = courseShortcutWeights(cfg.inChannels, cfg.nFeat, x.options(), init.generator);
        for (Plan::Layer &l : p.layers)
            if (l.courseShortcut)
                p.load(l, w, b);
    }

    torch::Tensor result = torch::empty({batch, cfg.inChannels, cfg.height, cfg.height}, x.options());
    p.acts[p.input].mem.set_data_handle(x.data_ptr<float>());
    p.acts[p.timeIn].mem.set_data_handle(time.data_ptr<float>());
    p.acts[p.contextIn].mem.set_data_handle(context.data_ptr<float>());
    p.acts[p.output].mem.set_data_handle(result.data_ptr<float>()); // the steps hold the same handles
    p.run();
    ++m_passes;
    return result;
}

} // namespace de
