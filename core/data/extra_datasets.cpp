#include "data/extra_datasets.h"

#include "data/npy_reader.h"
#include "user_error.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace de {

QStringList courseSpriteClassNames()
{
    return {QStringLiteral("hero"), QStringLiteral("non-hero"), QStringLiteral("food"),
        QStringLiteral("spell"), QStringLiteral("side-facing")};
}

// The class names of classes.json beside exported images (files/dataset_export.h), or none when there is no
// such file or it is not ours (a JSON object with a list under "classes": other tools' files are left alone).
static QStringList exportedClassNames(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonArray names
        = QJsonDocument::fromJson(file.read(1 << 20)).object().value(QStringLiteral("classes")).toArray();
    QStringList result;
    for (const QJsonValue &name : names)
        if (name.isString())
            result.push_back(name.toString());
    return result.size() == names.size() ? result : QStringList();
}

ImageSet loadNpyImages(const QString &imagesPath, const QString &labelsPath)
{
    const NpyArray images = readNpy(imagesPath);
    const int dims = int(images.shape.size());
    if (dims != 3 && dims != 4)
        throw UserError(QCoreApplication::translate("ExtraDatasets",
            "%1 should hold images of shape (N, H, W, C) or (N, H, W), but "
            "its shape has %2 dimensions")
                            .arg(imagesPath)
                            .arg(dims));
    const qint64 channels = dims == 4 ? images.shape[3] : 1;
    if (channels != 1 && channels != 3)
        throw UserError(QCoreApplication::translate(
            "ExtraDatasets", "%1 has %2 channels per pixel; 1 (grey) or 3 (RGB) are supported")
                            .arg(imagesPath)
                            .arg(channels));
    ImageSet set;
    set.name = QStringLiteral("npy:") + imagesPath
        + (labelsPath.isEmpty() ? QString() : QLatin1Char(',') + labelsPath);
    set.count = int(images.shape[0]);
    set.height = int(images.shape[1]);
    set.width = int(images.shape[2]);
    set.channels = int(channels);
    // Floats in [0, 1] are scaled to bytes; anything else is taken as 0..255.
    double scale = 1.0;
    if (images.dtype != QLatin1String("u1")) {
        double high = 0.0;
        for (qint64 i = 0; i < images.count(); ++i)
            high = std::max(high, images.at(i));
        scale = high <= 1.0 ? 255.0 : 1.0;
    }
    set.pixels.resize(images.count());
    const qint64 plane = qint64(set.height) * set.width;
    for (qint64 n = 0; n < set.count; ++n)
        for (qint64 y = 0; y < set.height; ++y)
            for (qint64 x = 0; x < set.width; ++x)
                for (qint64 c = 0; c < channels; ++c) { // HWC in the file, CHW in memory
                    const double v = images.at(((n * set.height + y) * set.width + x) * channels + c) * scale;
                    set.pixels[n * plane * channels + c * plane + y * set.width + x]
                        = char(uchar(std::clamp(std::lround(v), 0L, 255L)));
                }

    if (labelsPath.isEmpty()) {
        set.labels.fill(0, set.count);
        set.classNames = {QStringLiteral("all")};
        return set;
    }
    const NpyArray labels = readNpy(labelsPath);
    if (labels.shape.isEmpty() || labels.shape[0] != set.count)
        throw UserError(QCoreApplication::translate("ExtraDatasets", "%1 has %2 images but %3 has %4 labels")
                            .arg(imagesPath)
                            .arg(set.count)
                            .arg(labelsPath)
                            .arg(labels.shape.isEmpty() ? 0 : labels.shape[0]));
    int classes = 0;
    if (labels.shape.size() == 2) { // one-hot (or scores): the largest entry
        classes = int(labels.shape[1]);
        for (qint64 n = 0; n < set.count; ++n) {
            int best = 0;
            for (int k = 1; k < classes; ++k)
                if (labels.at(n * classes + k) > labels.at(n * classes + best))
                    best = k;
            set.labels.push_back(best);
        }
    } else if (labels.shape.size() == 1) {
        for (qint64 n = 0; n < set.count; ++n) {
            const double v = labels.at(n);
            if (v < 0 || v > 1000 || v != std::floor(v))
                throw UserError(QCoreApplication::translate(
                    "ExtraDatasets", "%1 holds label %2, which is not a class index")
                                    .arg(labelsPath)
                                    .arg(v));
            set.labels.push_back(int(v));
            classes = std::max(classes, int(v) + 1);
        }
    } else {
        throw UserError(QCoreApplication::translate(
            "ExtraDatasets", "%1 should hold labels of shape (N, K) one-hot or (N) indices")
                            .arg(labelsPath));
    }
    const QString classesPath = QFileInfo(imagesPath).dir().filePath(QLatin1String(kExportClasses));
    const QStringList names = exportedClassNames(classesPath);
    // One-hot labels fix the number of classes; indices may leave the last classes without an image.
    if (!names.isEmpty()
        && (names.size() == classes || (labels.shape.size() == 1 && names.size() > classes))) {
        set.classNames = names;
        return set;
    }
    if (!names.isEmpty())
        throw UserError(
            QCoreApplication::translate("ExtraDatasets", "%1 names %2 classes but the labels have %3")
                .arg(QDir::toNativeSeparators(classesPath))
                .arg(names.size())
                .arg(classes));
    if (classes == 5)
        set.classNames = courseSpriteClassNames();
    else
        for (int k = 0; k < classes; ++k)
            set.classNames.push_back(QString::number(k));
    return set;
}

ImageSet loadImageFolder(const QString &path, const ImageFolderOptions &options)
{
    const QDir dir(path);
    if (!dir.exists())
        throw UserError(QCoreApplication::translate("ExtraDatasets", "Image folder not found: %1").arg(path));
    if (options.side < 4 || options.side > 256 || options.side % 4 != 0)
        throw UserError(QCoreApplication::translate(
            "ExtraDatasets", "The image size must be a multiple of 4 from 4 to 256 (got %1)")
                            .arg(options.side));
    const QStringList classes = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    if (classes.isEmpty())
        throw UserError(QCoreApplication::translate("ExtraDatasets",
            "%1 has no subfolders: put the images of each class in a "
            "subfolder named after the class")
                            .arg(path));
    ImageSet set;
    set.name = QStringLiteral("folder:") + QFileInfo(path).absoluteFilePath();
    set.channels = options.grayscale ? 1 : 3;
    set.height = set.width = options.side;
    set.classNames = classes;
    const qsizetype plane = qsizetype(options.side) * options.side;
    int unreadable = 0;
    for (int k = 0; k < classes.size(); ++k) {
        QStringList files = QDir(dir.filePath(classes[k])).entryList(QDir::Files, QDir::Name);
        for (const QString &name : files) {
            QImageReader reader(dir.filePath(classes[k] + QLatin1Char('/') + name));
            const QImage image = reader.read();
            if (image.isNull()) {
                ++unreadable;
                continue;
            }
            const QImage scaled = image.convertToFormat(QImage::Format_ARGB32)
                                      .scaled(options.side, options.side, Qt::IgnoreAspectRatio,
                                          options.smooth ? Qt::SmoothTransformation : Qt::FastTransformation);
            QByteArray pixels(plane * set.channels, Qt::Uninitialized);
            for (int y = 0; y < options.side; ++y) {
                const auto *line = reinterpret_cast<const QRgb *>(scaled.constScanLine(y));
                for (int x = 0; x < options.side; ++x) {
                    // Transparent pixels are laid on white.
                    const QRgb px = line[x];
                    const int a = qAlpha(px);
                    const int r = (qRed(px) * a + 255 * (255 - a)) / 255,
                              g = (qGreen(px) * a + 255 * (255 - a)) / 255,
                              b = (qBlue(px) * a + 255 * (255 - a)) / 255;
                    const qsizetype at = qsizetype(y) * options.side + x;
                    if (options.grayscale) {
                        pixels[at] = char(qGray(r, g, b));
                    } else {
                        pixels[at] = char(r);
                        pixels[plane + at] = char(g);
                        pixels[2 * plane + at] = char(b);
                    }
                }
            }
            set.pixels += pixels;
            set.labels.push_back(k);
        }
    }
    set.count = int(set.labels.size());
    if (set.count == 0)
        throw UserError(QCoreApplication::translate("ExtraDatasets",
            "No readable images in the subfolders of %1 (%2 "
            "files could not be read)")
                            .arg(path)
                            .arg(unreadable));
    set.background = 255;
    return set;
}

} // namespace de
