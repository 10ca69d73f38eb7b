// Every data set by name: "emoji", "fashion-mnist", "idx:DIR", "npy:IMAGES.npy[,LABELS.npy]", "npy:FOLDER"
// (dataset --export), "folder:DIR".
#pragma once

#include "data/extra_datasets.h"
#include "data/image_set.h"

namespace de {

struct DatasetSpec
{
    QString name;
    QString cacheDir; // emoji: where rendered sprites are cached (empty: the user's cache)
    int maxPerClass = 0; // emoji: at most N per class (0: all)
    ImageFolderOptions folder; // folder: size, colour and scaling
};

// Throws UserError naming the problem; `fromCache` says whether emoji came from the cache.
ImageSet loadDataset(const DatasetSpec &spec, bool *fromCache = nullptr);

} // namespace de
