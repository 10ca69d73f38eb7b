// One slice of a trained transposed convolution, for the step-by-step page: one input channel of the layer's
// real input (for one x_t) and the kernel that carries it to one output channel. Free of torch headers.
#pragma once

#include "data/image_batch.h"

#include <QMetaType>
#include <QString>
#include <QVector>

namespace de {

class ContextUnet;

struct TransposedConvSlice
{
    QString block; // up0, up1 or up2
    int t = 0;
    int inChannel = 0, outChannel = 0; // the slice shown
    int inChannels = 0, outChannels = 0; // the layer's
    int kernel = 0, stride = 0, inputSide = 0;
    QVector<float> input; // inputSide², row by row: channel inChannel of the layer's input
    QVector<float> weights; // kernel², row by row: weight[inChannel][outChannel]
    float bias = 0.0f; // of outChannel
};

// Runs the model once on x (n = 1) at timestep t with one context (empty: none) and takes the slice of the
// ConvTranspose2d that opens `block`: the input channel that is most active (largest mean magnitude) and the
// output channel its kernel weighs most (largest sum of magnitudes). Throws UserError for an unknown block or
// an input that does not fit.
TransposedConvSlice sliceTransposedConvolution(ContextUnet &model, int timesteps, const QString &block,
    const ImageBatch &x, int t, const QVector<float> &context);

} // namespace de

Q_DECLARE_METATYPE(de::TransposedConvSlice)
