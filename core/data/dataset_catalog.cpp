#include "data/dataset_catalog.h"

#include "data/emoji_sprites.h"
#include "data/idx_reader.h"
#include "user_error.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace de {

ImageSet loadDataset(const DatasetSpec &spec, bool *fromCache)
{
    if (fromCache)
        *fromCache = false;
    const QString &name = spec.name;
    if (name == QLatin1String("emoji")) {
        EmojiSpriteOptions options;
        options.cacheDir = spec.cacheDir;
        options.maxPerClass = spec.maxPerClass;
        return loadEmojiSprites(options, fromCache);
    }
    if (name == QLatin1String("fashion-mnist"))
        return loadFashionMnist();
    if (name.startsWith(QLatin1String("idx:")))
        return loadIdxDirectory(name.mid(4));
    if (name.startsWith(QLatin1String("folder:")))
        return loadImageFolder(name.mid(7), spec.folder);
    if (name.startsWith(QLatin1String("npy:"))) {
        const QString rest = name.mid(4);
        if (QFileInfo(rest).isDir()) { // a folder that dataset --export wrote
            const QDir dir(rest);
            const QString labels = dir.filePath(QLatin1String(kExportLabels));
            return loadNpyImages(
                dir.filePath(QLatin1String(kExportImages)), QFileInfo::exists(labels) ? labels : QString());
        }
        const QStringList files = rest.split(QLatin1Char(','));
        return loadNpyImages(files.value(0), files.value(1));
    }
    throw UserError(QCoreApplication::translate("DatasetCatalog",
        "Unknown data set \"%1\": use emoji, fashion-mnist, idx:FOLDER, "
        "npy:IMAGES.npy[,LABELS.npy], npy:FOLDER or folder:FOLDER")
                        .arg(name));
}

} // namespace de
