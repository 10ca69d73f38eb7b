// One x_t through the model with every block's output recorded: the pass behind the Model page's activation
// maps, the embedding view's modulation (embeddings.h) and the step-by-step page's layer slice
// (layer_slice.h), so that all three see the same pass and check their input the same way.
#pragma once

#include "data/image_batch.h"
#include "model/context_unet.h"

#include <QVector>

#include <string>
#include <utility>
#include <vector>

namespace de {

struct RecordedPass
{
    std::vector<std::pair<std::string, torch::Tensor>>
        blocks; // in order, named as ContextUnetImpl::forward names them
    torch::Tensor time; // (1): t/T, as the model saw it
    torch::Tensor context; // (1, n_cfeat): the context, zeros for none

    // The output of a block; undefined when the pass did not record it.
    torch::Tensor block(const char *name) const;
};

// The inputs of up1 and up2 as the pass computed them: cemb1·up0 + temb1 and cemb2·up1 + temb2, with the
// embeddings that made them.
struct Modulation
{
    ContextUnetImpl::Embeddings embeddings;
    torch::Tensor after1, after2; // (1, 2·n_feat, h/4, h/4) and (1, n_feat, h/2, h/2)
};

// Throws UserError for a timestep outside 0..T, or a context (empty: none) of the wrong length.
void checkTimestep(int t, int timesteps);
void checkContext(const QVector<float> &context, const ModelConfig &config);

// Runs the model once on x (one image, n = 1) at timestep t (seen as t/T) with one context (empty: none), in
// eval mode and without gradients. Throws UserError for an image that does not fit the model, a t outside
// 0..T or a context of the wrong length.
RecordedPass recordPass(
    ContextUnet &model, int timesteps, const ImageBatch &x, int t, const QVector<float> &context);

// The modulation of the up path in that pass.
Modulation modulationOf(ContextUnet &model, const RecordedPass &pass);

} // namespace de
