#include "model/compute_threads.h"

#include <QSettings>
#include <QThread>

#include <dlfcn.h>

namespace de {

int configuredThreadCount()
{
    const int fromSettings = QSettings().value(QStringLiteral("compute/threads"), 0).toInt();
    return fromSettings > 0 ? fromSettings : std::max(QThread::idealThreadCount(), 1);
}

void applyThreadCount(int threads)
{
    threads = std::max(threads, 1);
    at::set_num_threads(threads);
    // OpenBLAS starts with one thread. Its setter exists only when the BLAS in use is OpenBLAS.
    using SetThreads = void (*)(int);
    if (auto setter = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        setter(threads);
}

} // namespace de
