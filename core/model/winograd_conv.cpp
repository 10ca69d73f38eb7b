#include "model/winograd_conv.h"

#include "model/onednn_scratchpad.h"

#include <ATen/Parallel.h>
#include <dnnl.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <mutex>

using dnnl::memory;

namespace de {

bool winogradIsFaster(int64_t batch, int64_t inChannels, int64_t outChannels, int64_t height, int64_t width)
{
    const int64_t tiles = batch * ((height + 3) / 4) * ((width + 3) / 4);
    const bool wholeTiles = height % 4 == 0 && width % 4 == 0;
    return inChannels >= 32 && outChannels >= 32 && inChannels % 16 == 0 && outChannels % 16 == 0
        && (tiles >= 64 || (tiles >= 4 && wholeTiles));
}

namespace {

// The three primitives of one convolution shape, made once and kept.
struct Kernels
{
    dnnl::engine engine {dnnl::engine::kind::cpu, 0};
    memory::desc src, dst, weights, bias; // LibTorch's plain layouts
    dnnl::convolution_forward::primitive_desc forwardPd;
    dnnl::convolution_backward_data::primitive_desc dataPd;
    dnnl::convolution_backward_weights::primitive_desc weightsPd;
    dnnl::convolution_forward forward;
    dnnl::convolution_backward_data backwardData;
    dnnl::convolution_backward_weights backwardWeights;

    Kernels(int64_t n, int64_t c, int64_t o, int64_t h, int64_t w)
        : src({n, c, h, w}, memory::data_type::f32, memory::format_tag::nchw)
        , dst({n, o, h, w}, memory::data_type::f32, memory::format_tag::nchw)
        , weights({o, c, 3, 3}, memory::data_type::f32, memory::format_tag::oihw)
        , bias({o}, memory::data_type::f32, memory::format_tag::x)
    {
        auto any = [](const memory::desc &d) {
            return memory::desc(d.dims(), d.data_type(), memory::format_tag::any);
        };
        const memory::dims one {1, 1};
        const auto algorithm = dnnl::algorithm::convolution_winograd;
        forwardPd = {{dnnl::prop_kind::forward_training, algorithm, any(src), any(weights), bias, any(dst),
                         one, one, one},
            userScratchpad(), engine};
        dataPd = {{algorithm, any(src), any(weights), any(dst), one, one, one}, userScratchpad(), engine,
            forwardPd};
        weightsPd = {{algorithm, any(src), any(weights), bias, any(dst), one, one, one}, userScratchpad(),
            engine, forwardPd};
        forward = dnnl::convolution_forward(forwardPd);
        backwardData = dnnl::convolution_backward_data(dataPd);
        backwardWeights = dnnl::convolution_backward_weights(weightsPd);
    }
};

std::mutex cacheMutex;
std::map<std::array<int64_t, 6>, std::shared_ptr<Kernels>> cache;

std::shared_ptr<Kernels> kernels(int64_t n, int64_t c, int64_t o, int64_t h, int64_t w)
{
    std::lock_guard lock(cacheMutex);
    const std::array<int64_t, 6> key {n, c, o, h, w, at::get_num_threads()};
    const auto it = cache.find(key);
    if (it != cache.end())
        return it->second;
    if (cache.size() >= 64) // the shapes of a few models and batch sizes; start over past that
        cache.clear();
    std::shared_ptr<Kernels> made;
    try {
        made = std::make_shared<Kernels>(n, c, o, h, w);
    } catch (const dnnl::error &) {
        // oneDNN has Winograd kernels only for some CPUs (AVX-512 on x86): remembered as unavailable.
    }
    return cache[key] = made;
}

// This thread's scratchpad for one of the shared kernels: kept and grown to the largest asked for, so that a
// training step does not allocate (and fault in) fresh pages for every convolution.
memory threadScratchpad(const dnnl::primitive_desc_base &pd, const dnnl::engine &engine)
{
    thread_local torch::Tensor buffer;
    const memory::desc desc = pd.scratchpad_desc();
    const int64_t bytes = std::max<int64_t>(int64_t(desc.get_size()), 1);
    if (!buffer.defined() || buffer.numel() < bytes)
        buffer = torch::empty({bytes}, torch::kUInt8);
    return memory(desc, engine, buffer.data_ptr());
}

// A memory in the layout a primitive wants: the tensor itself when the layouts agree, else a reordered copy
// held by `holder`.
memory inLayout(Kernels &k, dnnl::stream &stream, const torch::Tensor &t, const memory::desc &plain,
    const memory::desc &wanted, torch::Tensor &holder)
{
    memory user(plain, k.engine, t.data_ptr());
    if (wanted == plain)
        return user;
    holder = torch::empty({int64_t(wanted.get_size())}, torch::kUInt8);
    memory out(wanted, k.engine, holder.data_ptr());
    reorderNow(user, out, stream);
    return out;
}

// Runs `produce` into a memory of layout `produced` and leaves the result in t (plain layout).
template<typename Produce>
void intoPlain(Kernels &k, dnnl::stream &stream, torch::Tensor &t, const memory::desc &plain,
    const memory::desc &produced, Produce produce)
{
    memory user(plain, k.engine, t.data_ptr());
    if (produced == plain) {
        produce(user);
        return;
    }
    torch::Tensor holder = torch::empty({int64_t(produced.get_size())}, torch::kUInt8);
    memory out(produced, k.engine, holder.data_ptr());
    produce(out);
    reorderNow(out, user, stream);
}

struct WinogradConvFunction : torch::autograd::Function<WinogradConvFunction>
{
    static torch::Tensor forward(torch::autograd::AutogradContext *ctx, const torch::Tensor &xIn,
        const torch::Tensor &weightIn, const torch::Tensor &biasIn)
    {
        at::internal::lazy_init_num_threads(); // oneDNN runs on this thread's OpenMP team
        const torch::Tensor x = xIn.contiguous(), weight = weightIn.contiguous(), bias = biasIn.contiguous();
        const int64_t n = x.size(0), c = x.size(1), o = weight.size(0), h = x.size(2), w = x.size(3);
        const std::shared_ptr<Kernels> kept = kernels(n, c, o, h, w);
        TORCH_CHECK(kept, "no Winograd kernel for this convolution");
        Kernels &k = *kept;
        dnnl::stream stream(k.engine);
        torch::Tensor srcHolder, weightsHolder;
        const memory src = inLayout(k, stream, x, k.src, k.forwardPd.src_desc(), srcHolder);
        const memory wts = inLayout(k, stream, weight, k.weights, k.forwardPd.weights_desc(), weightsHolder);
        const memory b(k.bias, k.engine, bias.data_ptr());
        torch::Tensor y = torch::empty({n, o, h, w}, x.options());
        intoPlain(k, stream, y, k.dst, k.forwardPd.dst_desc(), [&](const memory &dst) {
            // The kernels are shared by every thread that trains: each run brings its own scratchpad.
            k.forward.execute(stream,
                {{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, wts}, {DNNL_ARG_BIAS, b}, {DNNL_ARG_DST, dst},
                    {DNNL_ARG_SCRATCHPAD, threadScratchpad(k.forwardPd, k.engine)}});
        });
        stream.wait();
        ctx->save_for_backward({x, weight});
        // The input in the kernels' layout, so that the weight gradient need not reorder it again.
        ctx->saved_data["src"] = srcHolder.defined() ? srcHolder : torch::Tensor();
        return y;
    }

    static torch::autograd::variable_list backward(
        torch::autograd::AutogradContext *ctx, torch::autograd::variable_list grads)
    {
        at::internal::lazy_init_num_threads();
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor &x = saved[0], &weight = saved[1];
        const torch::Tensor g = grads[0].contiguous();
        const int64_t n = x.size(0), c = x.size(1), o = weight.size(0), h = x.size(2), w = x.size(3);
        const std::shared_ptr<Kernels> kept = kernels(n, c, o, h, w);
        TORCH_CHECK(kept, "no Winograd kernel for this convolution");
        Kernels &k = *kept;
        dnnl::stream stream(k.engine);
        torch::Tensor gradX, gradWeight, gradBias;
        torch::Tensor diffDstHolder;
        const memory diffDst = inLayout(k, stream, g, k.dst, k.dataPd.diff_dst_desc(), diffDstHolder);
        if (ctx->needs_input_grad(0)) {
            torch::Tensor weightsHolder;
            const memory wts = inLayout(k, stream, weight, k.weights, k.dataPd.weights_desc(), weightsHolder);
            gradX = torch::empty_like(x);
            intoPlain(k, stream, gradX, k.src, k.dataPd.diff_src_desc(), [&](const memory &diffSrc) {
                k.backwardData.execute(stream,
                    {{DNNL_ARG_DIFF_DST, diffDst}, {DNNL_ARG_WEIGHTS, wts}, {DNNL_ARG_DIFF_SRC, diffSrc},
                        {DNNL_ARG_SCRATCHPAD, threadScratchpad(k.dataPd, k.engine)}});
            });
        }
        if (ctx->needs_input_grad(1) || ctx->needs_input_grad(2)) {
            torch::Tensor srcHolder = ctx->saved_data["src"].toTensor(), dstHolder;
            const memory src = srcHolder.defined() && k.weightsPd.src_desc() == k.forwardPd.src_desc()
                ? memory(k.forwardPd.src_desc(), k.engine, srcHolder.data_ptr())
                : inLayout(k, stream, x, k.src, k.weightsPd.src_desc(), srcHolder);
            const memory diffDstW = k.weightsPd.diff_dst_desc() == k.dataPd.diff_dst_desc()
                ? diffDst
                : inLayout(k, stream, g, k.dst, k.weightsPd.diff_dst_desc(), dstHolder);
            gradWeight = torch::empty_like(weight);
            gradBias = torch::empty({o}, weight.options());
            const memory diffBias(k.bias, k.engine, gradBias.data_ptr());
            intoPlain(k, stream, gradWeight, k.weights, k.weightsPd.diff_weights_desc(),
                [&](const memory &diffWeights) {
                    k.backwardWeights.execute(stream,
                        {{DNNL_ARG_SRC, src}, {DNNL_ARG_DIFF_DST, diffDstW},
                            {DNNL_ARG_DIFF_WEIGHTS, diffWeights}, {DNNL_ARG_DIFF_BIAS, diffBias},
                            {DNNL_ARG_SCRATCHPAD, threadScratchpad(k.weightsPd, k.engine)}});
                });
        }
        stream.wait();
        return {gradX, gradWeight, gradBias};
    }
};

} // namespace

bool winogradAvailable(int64_t batch, int64_t inChannels, int64_t outChannels, int64_t height, int64_t width)
{
    return kernels(batch, inChannels, outChannels, height, width) != nullptr;
}

torch::Tensor winogradConv2d(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias)
{
    if (x.scalar_type() != torch::kFloat32 || x.dim() != 4
        || !kernels(x.size(0), x.size(1), weight.size(0), x.size(2), x.size(3)))
        return torch::conv2d(x, weight, bias, 1, 1); // LibTorch where oneDNN has no Winograd kernel
    return WinogradConvFunction::apply(x, weight, bias);
}

} // namespace de
