#include "files/dataset_export.h"

#include "atomic_file.h"
#include "files/npy_writer.h"
#include "user_error.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace de {

static void throwIfFailed(const QString &problem)
{
    if (!problem.isEmpty())
        throw WriteError(problem);
}

void exportCourseLayout(const ImageSet &set, const QString &folder)
{
    if (QFileInfo(folder).exists() && !QFileInfo(folder).isDir())
        throw WriteError(QCoreApplication::translate("DatasetExport", "%1 is a file, not a folder")
                             .arg(QDir::toNativeSeparators(folder)));
    if (!QDir().mkpath(folder))
        throw WriteError(QCoreApplication::translate("DatasetExport", "The folder %1 cannot be created")
                             .arg(QDir::toNativeSeparators(folder)));
    const QDir dir(folder);

    // Channel-major in memory, pixel-major (H, W, C) in the course's file.
    const qsizetype plane = qsizetype(set.height) * set.width;
    QByteArray pixels(set.pixels.size(), Qt::Uninitialized);
    for (int n = 0; n < set.count; ++n) {
        const uchar *src = set.imageData(n);
        char *dst = pixels.data() + qsizetype(n) * set.imageBytes();
        for (qsizetype p = 0; p < plane; ++p)
            for (int c = 0; c < set.channels; ++c)
                dst[p * set.channels + c] = char(src[c * plane + p]);
    }
    throwIfFailed(writeNpyUint8(dir.filePath(QLatin1String(kExportImages)),
        {set.count, set.height, set.width, set.channels},
        reinterpret_cast<const quint8 *>(pixels.constData()), pixels.size()));

    const qsizetype classes = set.classNames.size();
    QVector<double> oneHot(qsizetype(set.count) * classes, 0.0);
    for (int n = 0; n < set.count; ++n)
        oneHot[n * classes + set.labels[n]] = 1.0;
    throwIfFailed(writeNpyFloat64(
        dir.filePath(QLatin1String(kExportLabels)), {set.count, classes}, oneHot.constData(), oneHot.size()));

    const QJsonObject description {{QStringLiteral("classes"), QJsonArray::fromStringList(set.classNames)},
        {QStringLiteral("dataset"), set.name}, {QStringLiteral("channels"), set.channels},
        {QStringLiteral("height"), set.height}, {QStringLiteral("width"), set.width},
        {QStringLiteral("count"), set.count}};
    writeFileOrThrow(dir.filePath(QLatin1String(kExportClasses)),
        QJsonDocument(description).toJson(QJsonDocument::Indented));
}

} // namespace de
