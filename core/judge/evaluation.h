// "Is this model any good?" in numbers: sample every class of a conditional model, let a classifier trained
// on the real images say which class each sample looks like (conditional accuracy), and compare the samples
// with the real images: how much they vary (diversity) and how close they come to a training image
// (memorisation).
#pragma once

#include "files/checkpoint_info.h"
#include "judge/classifier.h"
#include "judge/evaluation_report.h"
#include "model/context_unet.h"

#include <atomic>
#include <functional>

namespace de {

using EvaluateProgressCallback = std::function<void(const EvaluateProgress &)>;

// The classifier that judges a checkpoint's samples: a bundled model's own; else `NAME-classifier.ckpt`
// beside the checkpoint; else a bundled classifier that learned the same data set. Throws UserError saying
// how to make one when there is none.
QString findClassifierFor(const QString &checkpointPath, const CheckpointInfo &info);

// Judges batches of samples against one data set: the reference figures of the real images (each class's
// spread, each training image's distance to its nearest other one, on up to 1000 and 300 images a class,
// drawn with the seed) are measured once, on construction.
class SampleJudge
{
public:
    // A raised cancel flag cuts the measuring short (the judge is then unusable; the caller checks the flag).
    SampleJudge(LoadedClassifier &classifier, const ImageSet &training, quint64 seed,
        const std::atomic<bool> *cancel = nullptr);

    // samples (N, C, H, W) in [-1, 1]: perClass samples of class 0, then of class 1, and so on. The
    // report's examples are the first examplesPerClass samples of each class and their nearest training
    // images.
    EvaluationReport judge(const torch::Tensor &samples, int perClass, int examplesPerClass,
        const std::atomic<bool> *cancel = nullptr) const;

private:
    LoadedClassifier &m_classifier;
    torch::Tensor m_real, m_labels;
    std::vector<double> m_realSpread, m_withinTraining;
    std::vector<torch::Tensor> m_realFeatures; // per class: the judge's features of up to 1000 real images
    double m_withinOverall = 0.0;
};

// Runs the evaluation for each guidance weight of the request. `training` is the data set the model
// learned (its images are the reference for diversity and memorisation). Returns with `cancelled` set when
// cancel was raised. Throws UserError when the model, classifier and data set do not fit together.
EvaluationResult evaluateModel(ContextUnet &model, const CheckpointInfo &info, LoadedClassifier &classifier,
    const ImageSet &training, const EvaluateRequest &request, const EvaluateProgressCallback &progress = {},
    const std::atomic<bool> *cancel = nullptr);

} // namespace de
