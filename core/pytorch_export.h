// Export to PyTorch and conversion between file formats: the model's state_dict as a .pth file that Python's
// torch.load reads and ContextUnet.load_state_dict accepts with strict=True (tools/contextunet.py). Free of
// torch headers.
#pragma once

#include "work_types.h"

namespace de {

// Reads a checkpoint (native or .pth) and writes its state_dict atomically. Throws UserError.
void exportCheckpointToPth(const QString &checkpointPath, const QString &pthPath);

// Converts IN to the format OUT's suffix names: ".pth" writes a PyTorch state_dict, anything else a native
// checkpoint with the model, its configuration and what IN says of itself. A native-to-native conversion is
// refused (it would only drop the optimizer state). Returns what was read from IN. Throws UserError.
CheckpointInfo convertCheckpoint(const QString &inPath, const QString &outPath);

} // namespace de
