// oneDNN scratchpads that the caller owns. The library's own scratchpad is kept per thread: a primitive made
// on one thread and run on another (the worker threads share models and the cached training kernels) would
// find none there, or a smaller one, and its kernels would write through a null pointer. LibTorch makes its
// primitives the same way.
#pragma once

#include <dnnl.hpp>

namespace de {

// `attr` with the scratchpad left to the caller.
inline dnnl::primitive_attr userScratchpad(dnnl::primitive_attr attr = {})
{
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    return attr;
}

// Copies `from` into `to` (another layout of the same tensor) and waits.
inline void reorderNow(const dnnl::memory &from, const dnnl::memory &to, dnnl::stream &stream)
{
    const dnnl::engine engine = stream.get_engine();
    const dnnl::reorder::primitive_desc pd(engine, from.get_desc(), engine, to.get_desc(), userScratchpad());
    dnnl::reorder(pd).execute(stream,
        {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to},
            {DNNL_ARG_SCRATCHPAD, dnnl::memory(pd.scratchpad_desc(), engine)}});
    stream.wait();
}

} // namespace de
