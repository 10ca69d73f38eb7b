// How time and context enter the network: the outputs of timeembed1/2 and contextembed1/2, which scale and
// shift the up path as cemb1·up1 + temb1 (2·n_feat channels) and cemb2·up2 + temb2 (n_feat channels). The
// model sees a timestep t as t/T, as in the course. Free of torch headers.
#pragma once

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

} // namespace de

Q_DECLARE_METATYPE(de::EmbeddingTable)
