#include "png_writer.h"

#include <QCoreApplication>
#include <QImageWriter>
#include <QSaveFile>

namespace de {

QString writePngAtomically(const QString &path, const QImage &image)
{
    QSaveFile file(path);
    QImageWriter writer(&file, "png");
    if (file.open(QIODevice::WriteOnly) && writer.write(image) && file.commit())
        return {};
    return QCoreApplication::translate("PngWriter", "Could not write %1: %2")
        .arg(path, writer.error() != QImageWriter::UnknownError ? writer.errorString() : file.errorString());
}

} // namespace de
