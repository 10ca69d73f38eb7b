// PyTorch .pth files: reading their state_dict with the restricted
// unpickler (pickle_reader.h), inferring the ContextUnet configuration from the tensor shapes, and loading
// the weights and BatchNorm statistics with every mismatch named.
#pragma once

#include "files/checkpoint.h"

#include <string>
#include <utility>
#include <vector>

namespace de {

struct StateDict
{
    std::vector<std::pair<std::string, torch::Tensor>> entries; // in file order, prefixes removed
    QStringList notes; // how it was found (a nested key, a stripped prefix, ignored entries)
};

// The state_dict inside a .pth: at the top level, under "model" or "state_dict", or behind a prefix such
// as "nn_model." or "module.", when that is unambiguous.
StateDict readPthStateDict(const QByteArray &bytes, const QString &path);

// The configuration the shapes imply; notes say what was inferred from which key. A state_dict without
// init_conv.shortcut gets the course-compatible shortcut.
ModelConfig inferModelConfig(const StateDict &state, const QString &path, QStringList *notes);

// Copies every parameter and buffer; a missing, unexpected or misshapen key is named in the error.
void loadStateDict(ContextUnet &model, const StateDict &state, const QString &path);

// The reader behind files/model_file.h, for bytes already told to be a .pth file.
LoadedCheckpoint loadPthCheckpoint(const QByteArray &bytes, const QString &path);

// The model's state_dict (parameters and buffers) as a .pth that Python's torch.load reads; atomic.
void writePth(ContextUnet &model, const QString &path);

} // namespace de
