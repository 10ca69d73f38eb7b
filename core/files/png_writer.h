// PNG export, written atomically (QSaveFile): an existing file is replaced only by a complete new one.
#pragma once

#include <QImage>
#include <QString>

namespace de {

// Returns an empty string on success, otherwise a message naming the file and the problem.
QString writePngAtomically(const QString &path, const QImage &image);

} // namespace de
