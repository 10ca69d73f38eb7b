// How many threads LibTorch and OpenBLAS use: read once from the settings at start-up (default: all cores).
#pragma once

namespace de {

// The thread count from QSettings "compute/threads", or all cores when it is unset or not positive.
int configuredThreadCount();
// Sets LibTorch's and OpenBLAS's thread count for the calling thread and the process. Call it at start-up
// and at the start of each worker thread, before any tensor operation there.
void applyThreadCount(int threads);

} // namespace de
