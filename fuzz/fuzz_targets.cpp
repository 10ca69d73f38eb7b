// libFuzzer targets for the readers of untrusted files. One source, one target per reader, chosen at compile time
// by DE_FUZZ_TARGET: each feeds the bytes to the reader and accepts only a UserError as a refusal; any other
// exception, a crash or a sanitizer report is a finding.
#include "checkpoint.h"
#include "idx_reader.h"
#include "npy_reader.h"
#include "pickle_reader.h"
#include "user_error.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

#if DE_FUZZ_TARGET == 5
#include "pth_import.h"

#include <zlib.h>

// Gives every stored record the checksum of its (mutated) contents, as a deliberately crafted file would, so that
// the mutations reach the readers behind the checksum check.
static void fixChecksums(QByteArray &zip)
{
    auto u16 = [&zip](qsizetype at) { return quint32(uchar(zip[at])) | quint32(uchar(zip[at + 1])) << 8; };
    auto u32 = [&](qsizetype at) { return u16(at) | u16(at + 2) << 16; };
    for (qsizetype at = zip.indexOf("PK\x01\x02"); at >= 0 && at + 46 <= zip.size();
         at = zip.indexOf("PK\x01\x02", at + 4)) {
        const qsizetype local = qsizetype(u32(at + 42)), packed = qsizetype(u32(at + 20));
        if (u16(at + 10) != 0 || local < 0 || local + 30 > zip.size())
            continue;
        const qsizetype data = local + 30 + qsizetype(u16(local + 26)) + qsizetype(u16(local + 28));
        if (data + packed > zip.size())
            continue;
        const quint32 crc = quint32(crc32(0, reinterpret_cast<const Bytef *>(zip.constData() + data), uInt(packed)));
        for (int i = 0; i < 4; ++i) {
            zip[at + 16 + i] = char((crc >> (8 * i)) & 0xff);
            zip[local + 14 + i] = char((crc >> (8 * i)) & 0xff);
        }
    }
}
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
        // .pth files with valid checksums: our unpickler, state_dict search, shape inference and loading. Native
        // checkpoints are left out here: behind valid checksums they reach LibTorch's TorchScript importer.
        QByteArray crafted = bytes;
        fixChecksums(crafted);
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
