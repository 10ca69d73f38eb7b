// Reading what a checkpoint says about itself, without torch headers.
#pragma once

#include "work_types.h"

namespace de {

// Parses the file and returns its description. Throws UserError naming the problem.
CheckpointInfo readCheckpointInfo(const QString &path);

} // namespace de
