// Gives every stored (uncompressed) record of a zip the CRC-32 of its current contents, in the central
// directory and the local header, as a deliberately crafted file would: damaged bytes then get past the
// checksum check and reach the readers behind it. Used by test_pth_import and the pth_crafted fuzz target.
// Bounds-checked, so it accepts any bytes.
#pragma once

#include <QByteArray>

#include <zlib.h>

namespace de::test {

inline void fixZipChecksums(QByteArray &zip)
{
    auto u16 = [&zip](qsizetype at) { return quint32(uchar(zip[at])) | quint32(uchar(zip[at + 1])) << 8; };
    auto u32 = [&](qsizetype at) { return u16(at) | u16(at + 2) << 16; };
    for (qsizetype at = zip.indexOf("PK\x01\x02"); at >= 0 && at + 46 <= zip.size();
         at = zip.indexOf("PK\x01\x02", at + 4)) {
        const qsizetype local = qsizetype(u32(at + 42)), packed = qsizetype(u32(at + 20));
        if (u16(at + 10) != 0 || local + 30 > zip.size())
            continue; // deflated records keep their checksum
        const qsizetype data = local + 30 + qsizetype(u16(local + 26)) + qsizetype(u16(local + 28));
        if (data + packed > zip.size())
            continue;
        const quint32 crc
            = quint32(crc32(0, reinterpret_cast<const Bytef *>(zip.constData() + data), uInt(packed)));
        for (int i = 0; i < 4; ++i) {
            zip[at + 16 + i] = char((crc >> (8 * i)) & 0xff);
            zip[local + 14 + i] = char((crc >> (8 * i)) & 0xff);
        }
    }
}

} // namespace de::test
