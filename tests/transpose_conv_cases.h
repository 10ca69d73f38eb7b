// The named transposed-convolution cases that the engine tests and the CLI tests share.
#pragma once

#include "explain/transpose_conv_plan.h"

#include <QVector>

namespace de::test {

struct TransposeConvCase
{
    const char *name;
    int inRows, inCols, kRows, kCols;
    TransposeConvParams params;
};

inline TransposeConvParams tcParams(
    int stride, int padding, int outputPadding = 0, int dilation = 1, bool bias = false)
{
    TransposeConvParams p;
    p.stride = stride;
    p.padding = padding;
    p.outputPadding = outputPadding;
    p.dilation = dilation;
    p.hasBias = bias;
    p.bias = bias ? 0.75 : 0.0;
    return p;
}

inline QVector<TransposeConvCase> transposeConvCases()
{
    return {
        {"course default 3x3 p1 s2", 4, 4, 3, 3, tcParams(2, 1)},
        {"course default 3x3 p1 s2 output_padding 1", 4, 4, 3, 3, tcParams(2, 1, 1)},
        {"course up1/up2 layers k2 s2", 4, 4, 2, 2, tcParams(2, 0)},
        {"course up0 layer k4 s4", 1, 1, 4, 4, tcParams(4, 0)},
        {"course up0 layer k4 s4 on 2x2", 2, 2, 4, 4, tcParams(4, 0)},
        {"stride 1 is a full convolution", 3, 3, 3, 3, tcParams(1, 0)},
        {"stride 3 padding 2 kernel 5", 3, 4, 5, 5, tcParams(3, 2)},
        {"stride 4 output_padding 3", 3, 3, 3, 3, tcParams(4, 1, 3)},
        {"dilation 2", 4, 4, 3, 3, tcParams(1, 1, 0, 2)},
        {"dilation 3 output_padding 2 stride 1", 3, 3, 3, 3, tcParams(1, 0, 2, 3)},
        {"dilation 2 stride 2 padding 2", 3, 3, 3, 3, tcParams(2, 2, 1, 2)},
        {"kernel 1x1 stride 2", 3, 3, 1, 1, tcParams(2, 0, 1)},
        {"kernel 7x7 padding 6 stride 4", 5, 5, 7, 7, tcParams(4, 6)},
        {"rectangular input 3x5", 3, 5, 3, 3, tcParams(2, 1)},
        {"rectangular kernel 2x3", 4, 3, 2, 3, tcParams(2, 1, 1)},
        {"single input cell", 1, 1, 3, 3, tcParams(2, 0)},
        {"largest input 16x16", 16, 16, 3, 3, tcParams(2, 1, 1)},
        {"with bias", 4, 4, 3, 3, tcParams(2, 1, 0, 1, true)},
        {"everything at once", 5, 4, 4, 3, tcParams(3, 2, 2, 2, true)},
    };
}

} // namespace de::test
