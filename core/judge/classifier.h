// The judge of "is this model any good?": a small convolutional classifier per data set, trained by this
// program on the real images, that says which class a generated image looks like. Three 3×3 convolution
// blocks (BatchNorm, ReLU; the first two halve the size), global average pooling and one linear layer —
// about 93 thousand weights, well under a megabyte on disk.
#pragma once

#include "data/image_set.h"
#include "files/bundled_models.h"

#include <torch/torch.h>

#include <atomic>
#include <functional>

namespace de {

struct ClassifierInfo
{
    int channels = 0, height = 0, width = 0;
    QStringList classNames;
    QString dataset; // the data set it learned, by the name loadDataset takes
    double heldOutAccuracy = 0.0; // on images it never saw while training
    int heldOutCount = 0;
    QString heldOutSource; // "test set" (a data set's own test split) or "held out" (a share of its images)
    QVector<double> classAccuracy; // held-out accuracy of each class
    qint64 steps = 0;
    int batch = 0;
    quint64 seed = 0;
    QString programVersion;
    QString savedAt;

    QString describe() const;
};

class ImageClassifierImpl : public torch::nn::Module
{
public:
    ImageClassifierImpl(int channels, int classes);
    // x: (B, C, H, W) in [-1, 1]; returns the logits (B, classes).
    torch::Tensor forward(const torch::Tensor &x);
    // The penultimate features (B, 128): what the head sees, and what the Fréchet distance compares.
    torch::Tensor embed(const torch::Tensor &x);

private:
    torch::nn::Sequential features {nullptr};
    torch::nn::Linear head {nullptr};
};
TORCH_MODULE(ImageClassifier);

struct LoadedClassifier
{
    ClassifierInfo info;
    ImageClassifier model {nullptr};
};

// Atomic write (QSaveFile). Throws UserError.
void saveClassifier(const QString &path, ImageClassifier &model, const ClassifierInfo &info);
// Throws UserError naming the problem (missing, damaged, not a classifier).
LoadedClassifier loadClassifier(const QString &path);
// The classifier that ships beside a bundled model (files/bundled_models.h): ":/models/ID-classifier.ckpt".
QString bundledClassifierPath(const BundledModel &model);

// The predicted class of each image of x (N, C, H, W) in [-1, 1], in batches, in eval mode.
torch::Tensor classify(ImageClassifier &model, const torch::Tensor &x);
// The penultimate features of x, (N, 128) in float64, in eval mode and in batches.
torch::Tensor classifierFeatures(ImageClassifier &model, const torch::Tensor &x);

// All images of a set as floats in [-1, 1], (N, C, H, W).
torch::Tensor imageSetTensor(const ImageSet &set);
torch::Tensor imageSetLabels(const ImageSet &set); // (N) int64

// Splits a set into the images kept for training and a held-out share of each class (at least one image of
// every class with two or more), drawn with the seed.
std::pair<ImageSet, ImageSet> splitHeldOut(const ImageSet &set, double heldOutShare, quint64 seed);

struct ClassifierSettings
{
    int epochs = 4;
    int batch = 128;
    double lr = 2e-3; // Adam; decays linearly to zero over the run
    quint64 seed = 0;
};

// (steps done, total steps, loss of the last step)
using ClassifierProgress = std::function<void(qint64, qint64, double)>;

// Trains on `train` (with the set's augmentation) and measures accuracy on `heldOut`. Returns nothing
// when cancelled. Throws UserError for sets that do not fit together or a loss that is not finite.
std::optional<LoadedClassifier> trainClassifier(const ImageSet &train, const ImageSet &heldOut,
    const QString &heldOutSource, const ClassifierSettings &settings, const ClassifierProgress &progress = {},
    const std::atomic<bool> *cancel = nullptr);

} // namespace de
