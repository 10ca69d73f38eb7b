// The sidecar MODEL.json that tools/train_ddp.py writes beside MODEL.pth: what a bare state_dict cannot
// say (class names, data set, noise schedule, how it was trained), so that they survive the trip through
// PyTorch. Every reader of .pth files (info, sample, evaluate, the window) goes through pth_import.h, which
// applies it.
#pragma once

#include "files/checkpoint_info.h"

namespace de {

// MODEL.json for MODEL.pth (the same name with .json); for any other name, NAME.json.
QString sidecarPath(const QString &pthPath);

// Reads the sidecar of pthPath, when there is one, into info (whose config was inferred from the tensor
// shapes): class names, data set and schedule, and a note saying how the model was trained. A sidecar that
// is damaged or describes another model is ignored with a note that says why; it never stops the weights
// from loading.
void applySidecar(const QString &pthPath, CheckpointInfo *info);

} // namespace de
