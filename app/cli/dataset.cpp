// dataset: load a data set, count its classes, and draw examples of each.
#include "commands.h"
#include "options.h"

#include "data/dataset_catalog.h"
#include "data/image_batch.h"
#include "files/dataset_export.h"
#include "user_error.h"

#include <QCoreApplication>
#include <QDir>

namespace de::cli {

int dataset(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("dataset"),
            QCoreApplication::translate("Cli",
                "Data set: emoji, fashion-mnist, idx:FOLDER, npy:IMAGES.npy[,LABELS.npy], npy:FOLDER "
                "(written "
                "by --export) or folder:FOLDER."),
            QCoreApplication::translate("Cli", "NAME"), QStringLiteral("emoji")},
        {QStringLiteral("out"),
            QCoreApplication::translate("Cli", "PNG with examples of each class, one row per class."),
            QCoreApplication::translate("Cli", "FILE")},
        {QStringLiteral("export"),
            QCoreApplication::translate("Cli",
                "Write the data set to FOLDER in the course's layout, for PyTorch (tools/train_ddp.py): "
                "images.npy (N, H, W, C) uint8, labels.npy (N, classes) one-hot and classes.json."),
            QCoreApplication::translate("Cli", "FOLDER")},
        {QStringLiteral("per-class"),
            QCoreApplication::translate("Cli", "Examples per class in the PNG. Default 12."),
            QCoreApplication::translate("Cli", "N")},
        cacheDirOption(),
    });
    addFolderOptions(p);
    const int parsed
        = parse(p, arguments, QCoreApplication::translate("Cli", "Load a data set and describe it."));
    if (parsed >= 0)
        return parsed;
    int status = 0;
    qint64 perClass = 12;
    if (!toInt(p, QStringLiteral("per-class"), 1, 64, &perClass, &status))
        return status;
    const QString name = p.value(QStringLiteral("dataset"));
    ImageSet set;
    try {
        DatasetSpec spec;
        spec.name = name;
        spec.cacheDir = p.value(QStringLiteral("cache-dir"));
        if (!folderOptions(p, &spec.folder, &status))
            return status;
        set = de::loadDataset(spec);
    } catch (const UserError &e) { // a missing, unreadable or damaged data set
        return fail(e.message(), 2);
    }
    out() << set.summary() << Qt::endl;
    const QString exportPath = p.value(QStringLiteral("export"));
    if (!exportPath.isEmpty()) {
        try {
            exportCourseLayout(set, exportPath);
        } catch (const UserError &e) {
            return fail(e.message(), 1);
        }
        out() << QCoreApplication::translate(
            "Cli", "Wrote %n images to %1 (images.npy, labels.npy, classes.json).", nullptr, set.count)
                     .arg(QDir::toNativeSeparators(exportPath))
              << Qt::endl;
    }
    const QString outPath = p.value(QStringLiteral("out"));
    if (outPath.isEmpty())
        return 0;
    const int classes = int(set.classNames.size());
    ImageBatch grid;
    grid.n = classes * int(perClass);
    grid.c = set.channels;
    grid.h = set.height;
    grid.w = set.width;
    grid.values.fill(1.0f, grid.n * grid.imageSize());
    QVector<int> used(classes, 0);
    for (int i = 0; i < set.count; ++i) {
        const int label = set.labels[i];
        if (used[label] >= perClass)
            continue;
        const uchar *src = set.imageData(i);
        float *dst = grid.values.data() + (qsizetype(label) * perClass + used[label]) * grid.imageSize();
        for (qsizetype k = 0; k < grid.imageSize(); ++k)
            dst[k] = float(src[k]) / 127.5f - 1.0f;
        ++used[label];
    }
    if (!savePng(outPath, grid.grid(int(perClass), 4, 2, Qt::lightGray)))
        return 1;
    out() << QCoreApplication::translate("Cli", "Wrote examples to %1.").arg(outPath) << Qt::endl;
    return 0;
}

} // namespace de::cli
