// The one door to model files. A name ("bundled:NAME", files/bundled_models.h) or a path is resolved once,
// the file read once, its format told once from its bytes, and the one reader of that format called: the
// native checkpoint (files/checkpoint.h) or a PyTorch .pth state_dict (files/pth_import.h). The worker, the
// command line and the window open model files only here. Free of torch headers: the loaded model is a
// LoadedCheckpoint, defined in files/checkpoint.h.
#pragma once

#include "files/checkpoint_info.h"

#include <QByteArray>
#include <QString>

namespace de {

struct LoadedCheckpoint;

enum class CheckpointFormat { Native, Pth };

// Looks at the bytes (zip magic, the records inside; a native checkpoint's records are checked before
// LibTorch reads them). Throws UserError for a legacy (pre-1.6) PyTorch file, a damaged or truncated zip,
// or anything else that is neither format.
CheckpointFormat detectCheckpointFormat(const QByteArray &bytes, const QString &path);

// What the file says about itself (a .pth's tensors are read, since its shapes say what model it holds).
// Throws UserError naming the problem.
CheckpointInfo readCheckpointInfo(const QString &nameOrPath);

// The model with its weights, and the optimizer state when the file has one. Throws UserError naming the
// problem.
LoadedCheckpoint loadCheckpoint(const QString &nameOrPath, WeightChoice choice = WeightChoice::Average);
// The same from the file's bytes; path only names the file in messages.
LoadedCheckpoint loadCheckpointData(
    const QByteArray &bytes, const QString &path, WeightChoice choice = WeightChoice::Average);

} // namespace de
