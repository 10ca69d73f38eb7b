// How time and context enter the network: the outputs of timeembed1/2 and contextembed1/2, which scale and
// shift the up path as cemb1·up1 + temb1 (2·n_feat channels) and cemb2·up2 + temb2 (n_feat channels). The
// model sees a timestep t as t/T, as in the course. Free of torch headers.
#pragma once

#include "data/image_batch.h"

#include <QMetaType>
#include <QVector>

namespace de {

class ContextUnet;

struct EmbeddingTable
{
    int timesteps = 0; // T
    QVector<int> t; // the timesteps asked for, in order
    QVector<QVector<float>> temb1, temb2; // one vector per t: 2·n_feat and n_feat values
    QVector<float> context; // the context used (n_cfeat values; zeros for "none")
    QVector<float> cemb1, cemb2; // 2·n_feat and n_feat values
};

// Evaluates the four embedding networks (in eval mode, without gradients) for each t in 0..T and one context
// (empty: none, as zeros). Throws UserError for a t outside 0..T or a context of the wrong length.
EmbeddingTable computeEmbeddings(
    ContextUnet &model, int timesteps, const QVector<int> &t, const QVector<float> &context);

// The modulation of the up path for one input x_t: up0's output before and after cemb1·u + temb1 (the input
// of up1, 2·n_feat maps of side h/4), and up1's output before and after cemb2·u + temb2 (the input of up2,
// n_feat maps of side h/2), each map as a one-channel image (n = channels, c = 1).
struct ModulationMaps
{
    int t = 0;
    ImageBatch before1, after1, before2, after2;
    QVector<float> cemb1, temb1, cemb2, temb2; // the scale and shift of each channel
};

// Runs the model once on x (one image, n = 1) at timestep t with one context (empty: none) and returns both
// levels' feature maps before and after the embeddings act. Throws UserError for an image that does not fit
// the model, a t outside 0..T or a context of the wrong length.
ModulationMaps computeModulation(
    ContextUnet &model, int timesteps, const ImageBatch &x, int t, const QVector<float> &context);

} // namespace de

Q_DECLARE_METATYPE(de::EmbeddingTable)
Q_DECLARE_METATYPE(de::ModulationMaps)
