#include "files/png_writer.h"

#include "atomic_file.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImageWriter>

namespace de {

QString writePngAtomically(const QString &path, const QImage &image)
{
    // Encoded in memory first: libpng's error path for a failed write (a full disk) leaks Qt's row table, and
    // the bytes writer reports the system's reason by itself.
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    if (!writer.write(image))
        return QCoreApplication::translate("PngWriter", "Could not encode %1 as PNG: %2")
            .arg(path, writer.errorString());
    return writeFileAtomically(path, bytes);
}

} // namespace de
