// The native checkpoint format: the model, the optimizer state and what is needed to resume or explain a run,
// in one file written atomically. Files are opened through files/model_file.h, which tells the formats apart.
#pragma once

#include "files/checkpoint_info.h"
#include "model/context_unet.h"

#include <memory>

namespace caffe2::serialize {
class PyTorchStreamReader;
}

namespace de {

struct LoadedCheckpoint
{
    CheckpointInfo info;
    ContextUnet model {nullptr}; // the weights asked for (WeightChoice): the average when asked and kept
    ContextUnet raw {nullptr}; // the trained weights themselves (the average when the file keeps only that)
    ContextUnet average {nullptr}; // the weight average kept beside them; null when there is none
    std::shared_ptr<torch::serialize::InputArchive> optimizerState; // null when the file has none
};

// The weights of `loaded` that `choice` asks for: the average when asked and kept, else the raw ones. Throws
// UserError (naming path) for the raw weights of a file that keeps only the average.
ContextUnet &chosenWeights(LoadedCheckpoint &loaded, WeightChoice choice, const QString &path);

// How the weights are stored. Half precision halves the file (the bundled models); it is read back into
// float32.
enum class WeightStorage { Float32, Float16 };

// Writes atomically (QSaveFile): an existing file is replaced only when the new one is complete. With
// WeightStorage::Float16 the parameters are rounded to half precision (buffers stay as they are) and no
// optimizer state is written.
// `average`, when given (and the storage is float32), is kept beside the weights (info.hasAverage follows).
void saveCheckpoint(const QString &path, ContextUnet &model, torch::optim::Optimizer *optimizer,
    const CheckpointInfo &info, WeightStorage storage = WeightStorage::Float32,
    ContextUnet *average = nullptr);
// The bytes saveCheckpoint writes (loadCheckpointData reads them back). Throws UserError.
QByteArray checkpointBytes(ContextUnet &model, torch::optim::Optimizer *optimizer, const CheckpointInfo &info,
    WeightStorage storage = WeightStorage::Float32, ContextUnet *average = nullptr);

// The readers behind files/model_file.h, for bytes already told to be a native checkpoint (whose records
// checkNativeRecords has passed); path only names the file in messages. Throw UserError.
CheckpointInfo readNativeCheckpointInfo(const QByteArray &bytes, const QString &path);
LoadedCheckpoint readNativeCheckpoint(
    const QByteArray &bytes, const QString &path, WeightChoice choice = WeightChoice::Average);
// Checks a native checkpoint's records before LibTorch reads them: its unpickler believes every length it
// finds, and its TorchScript importer crashes on some damaged code records. Throws UserError.
void checkNativeRecords(caffe2::serialize::PyTorchStreamReader &zip, const QString &path);

} // namespace de
