// Checkpoints: the model, the optimizer state and what is needed to resume or explain a run,
// in one file written atomically.
#pragma once

#include "checkpoint_info.h"
#include "context_unet.h"
#include "work_types.h"

#include <memory>

namespace de {

struct LoadedCheckpoint
{
    CheckpointInfo info;
    ContextUnet model {nullptr};
    std::shared_ptr<torch::serialize::InputArchive> optimizerState; // null when the file has none
};

// How the weights are stored. Half precision halves the file (the bundled models); it is read back into
// float32.
enum class WeightStorage { Float32, Float16 };

// Writes atomically (QSaveFile): an existing file is replaced only when the new one is complete. With
// WeightStorage::Float16 the parameters are rounded to half precision (buffers stay as they are) and no
// optimizer state is written.
void saveCheckpoint(const QString &path, ContextUnet &model, torch::optim::Optimizer *optimizer,
    const CheckpointInfo &info, WeightStorage storage = WeightStorage::Float32);
// The bytes saveCheckpoint writes (loadCheckpointData reads them back). Throws UserError.
QByteArray checkpointBytes(ContextUnet &model, torch::optim::Optimizer *optimizer, const CheckpointInfo &info,
    WeightStorage storage = WeightStorage::Float32);
// Reads a native checkpoint or a PyTorch .pth state_dict (see pth_import.h); "bundled:NAME" names a model
// that ships inside the program (bundled_models.h). Throws UserError naming the problem.
LoadedCheckpoint loadCheckpoint(const QString &path);
// The same from the file's bytes; path only names it in messages.
LoadedCheckpoint loadCheckpointData(const QByteArray &bytes, const QString &path);

} // namespace de
