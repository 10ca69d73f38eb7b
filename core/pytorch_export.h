// Export to PyTorch: the model's state_dict as a .pth file that Python's torch.load reads and
// ContextUnet.load_state_dict accepts with strict=True (tools/contextunet.py). Free of torch headers.
#pragma once

#include <QString>

namespace de {

// Reads a native checkpoint and writes its state_dict atomically. Throws UserError.
void exportCheckpointToPth(const QString &checkpointPath, const QString &pthPath);

} // namespace de
