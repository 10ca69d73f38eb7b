// More data sets: the course's sprite files as NumPy arrays, and a folder of images with one subfolder per
// class.
#pragma once

#include "data/image_set.h"

namespace de {

// hero, non-hero, food, spell, side-facing: the classes of the course's sprite labels.
QStringList courseSpriteClassNames();

// Images (N, H, W, C) or (N, H, W), of u1 (0..255) or floats (0..1 or 0..255), and optionally labels, either
// one-hot (N, K) or class indices (N). The class names come from classes.json beside the images when there is
// one (a folder that dataset --export wrote, files/dataset_export.h); otherwise five one-hot classes get the
// course's sprite names. Throws UserError.
ImageSet loadNpyImages(const QString &imagesPath, const QString &labelsPath = QString());

// The files of a folder in the course's layout (files/dataset_export.h writes them; npy:FOLDER reads them).
inline constexpr char kExportImages[] = "images.npy";
inline constexpr char kExportLabels[] = "labels.npy";
inline constexpr char kExportClasses[] = "classes.json";

struct ImageFolderOptions
{
    int side = 16; // images are resized to side × side
    bool grayscale = false; // one channel instead of three
    bool smooth = true; // smooth scaling; false: nearest neighbour (pixel art)
};

// DIR/<class>/<image>: every file QImageReader can read. Throws UserError.
ImageSet loadImageFolder(const QString &dir, const ImageFolderOptions &options = {});

} // namespace de
