// Writes a data set as NumPy files in the layout of the course's sprite files, for PyTorch scripts
// (tools/train_ddp.py) and notebooks: images.npy (N, H, W, C) uint8 like sprites_1788_16x16.npy, labels.npy
// (N, classes) float64 one-hot like its labels, and classes.json (class names, data set, image size, count).
// The data set npy:DIR reads the folder back, class names included.
#pragma once

#include "data/extra_datasets.h"

namespace de {

// Creates the folder if needed and writes the three files, each atomically. Throws WriteError (a UserError)
// naming the file and the problem.
void exportCourseLayout(const ImageSet &set, const QString &folder);

} // namespace de
