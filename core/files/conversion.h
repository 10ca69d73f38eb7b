// Conversions between model files: the model's state_dict as a .pth file that Python's torch.load reads and
// ContextUnet.load_state_dict accepts with strict=True (tools/contextunet.py), checkpoints from .pth files,
// and half-precision copies. Free of torch headers.
#pragma once

#include "files/checkpoint_info.h"

namespace de {

// Reads a checkpoint (native or .pth) and writes its state_dict atomically. Throws UserError.
// The weight average is exported when the checkpoint keeps one, unless `choice` asks for the raw weights.
void exportCheckpointToPth(
    const QString &checkpointPath, const QString &pthPath, WeightChoice choice = WeightChoice::Average);

// Converts IN to the format OUT's suffix names: ".pth" writes a PyTorch state_dict, anything else a native
// checkpoint with the model, its configuration and what IN says of itself. A native-to-native conversion is
// refused (it would only drop the optimizer state). Returns what was read from IN. Throws UserError.
CheckpointInfo convertCheckpoint(const QString &inPath, const QString &outPath);

// Writes IN's model again with its weights in half precision and without optimizer state (how the bundled
// models are made small), then loads the copy and compares its output with IN's on a fixed batch. Returns
// the largest absolute difference. Throws UserError, leaving OUT as it was, when it exceeds `tolerance` or
// OUT is IN.
// The copy keeps the weight average when IN has one (and says so: CheckpointInfo::averageOnly).
double writeHalfPrecisionCopy(const QString &inPath, const QString &outPath, double tolerance = 1e-2);

} // namespace de
