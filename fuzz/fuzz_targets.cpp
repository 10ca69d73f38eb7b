// libFuzzer targets for the readers of untrusted files. One source, one target per reader, chosen at compile
// time by DE_FUZZ_TARGET: each feeds the bytes to the reader and accepts only a UserError as a refusal; any
// other exception, a crash or a sanitizer report is a finding.
#include "data/idx_reader.h"
#include "data/npy_reader.h"
#include "files/checkpoint.h"
#include "files/pickle_reader.h"
#include "user_error.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

#if DE_FUZZ_TARGET == 5
#include "files/pth_import.h"

#include "files/model_file.h"
#include "zip_checksums.h"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString name = QStringLiteral("fuzz-input");
    try {
#if DE_FUZZ_TARGET == 1
        const de::NpyArray a = de::parseNpy(bytes, name);
        if (a.count() > 0)
            (void)a.at(a.count() - 1);
#elif DE_FUZZ_TARGET == 2
        (void)de::parseIdx(bytes, name);
#elif DE_FUZZ_TARGET == 3
        (void)de::pickle::unpickle(bytes.constData(), size_t(bytes.size()));
#elif DE_FUZZ_TARGET == 4
        (void)de::loadCheckpointData(bytes, name);
#elif DE_FUZZ_TARGET == 5
        // .pth files with valid checksums: our unpickler, state_dict search, shape inference and loading.
        // Native checkpoints are left out here: behind valid checksums they reach LibTorch's TorchScript
        // importer.
        QByteArray crafted = bytes;
        de::test::fixZipChecksums(crafted); // as a crafted file would have them
        if (de::detectCheckpointFormat(crafted, name) == de::CheckpointFormat::Pth)
            (void)de::loadCheckpointData(crafted, name);
#else
#error "DE_FUZZ_TARGET must be 1 to 5"
#endif
    } catch (const de::UserError &) {
        // a clear refusal: what bad input should get
    }
    return 0;
}
