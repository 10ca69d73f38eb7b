#include "files/png_writer.h"

#include "atomic_file.h"

#include <QImageWriter>

namespace de {

QString writePngAtomically(const QString &path, const QImage &image)
{
    return writeFileAtomically(path, [&image](QIODevice &device) {
        QImageWriter writer(&device, "png");
        if (writer.write(image))
            return QString();
        return writer.error() != QImageWriter::UnknownError ? writer.errorString() : device.errorString();
    });
}

} // namespace de
