// The one way the program writes a file: through QSaveFile, so an existing file is replaced only by a
// complete new one, and a failed write leaves neither a partial file nor a temporary one behind.
#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <functional>

namespace de {

// Writes `bytes` to path. Returns an empty string, or a message naming the file and the problem (for a full
// disk, the system's own words: "No space left on device").
QString writeFileAtomically(const QString &path, const QByteArray &bytes);
// Opens the file's temporary twin and lets `write` fill it: `write` returns an empty string, or a reason
// that abandons the write (the old file stays). Returns an empty string, or a message naming the file and
// the problem.
QString writeFileAtomically(const QString &path, const std::function<QString(QIODevice &)> &write);
// writeFileAtomically(path, bytes), throwing WriteError (a UserError) with the message.
void writeFileOrThrow(const QString &path, const QByteArray &bytes);

} // namespace de
