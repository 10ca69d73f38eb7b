// The zip archives that LibTorch writes (native checkpoints and PyTorch .pth files), read from memory with
// every length checked before LibTorch's reader believes it.
#pragma once

#include <caffe2/serialize/inline_container.h>

#include <QByteArray>
#include <QString>

#include <memory>
#include <string>

namespace de {

// The zip's central directory, read by hand: every record must lie inside the file, sizes must be ones the
// record could have, deflated records are inflated within a bound and checksummed. Throws UserError naming
// the problem.
void checkZipDirectory(const QByteArray &bytes, const QString &path);

// LibTorch's reader over the bytes (never reading past their end). Throws UserError for a damaged archive.
std::unique_ptr<caffe2::serialize::PyTorchStreamReader> openZip(const QByteArray &bytes, const QString &path);

// One record's bytes. Throws UserError when it is missing or cannot be read.
QByteArray zipRecord(
    caffe2::serialize::PyTorchStreamReader &zip, const std::string &name, const QString &path);

} // namespace de
