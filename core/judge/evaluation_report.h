// What an evaluation is asked and what it reports (judge/evaluation.h computes it); free of torch headers.
#pragma once

#include "data/image_batch.h"
#include "diffusion/sampler_kind.h"
#include "files/checkpoint_info.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace de {

// "Is this model any good?": sample every class, let the data set's classifier judge the samples, and compare
// them with the real images (judge/evaluation.h).
struct EvaluateRequest
{
    QString checkpointPath;
    WeightChoice weights = WeightChoice::Average; // the weight average when the checkpoint keeps one
    QString classifierPath; // empty: the one that belongs to the model (findClassifierFor)
    QString dataset; // the data set the model learned; empty: the one its checkpoint names
    QString cacheDir; // emoji sprite cache; empty: the user's cache location
    int perClass = 100; // samples of each class
    SamplerKind kind = SamplerKind::Ddim;
    int ddimSteps = 50;
    QVector<double> guidance {2.0}; // one evaluation per weight; 0 is plain conditional sampling
    quint64 seed = 0;
    int examplesPerClass = 4; // samples shown beside their nearest training images
};

struct ClassEvaluation
{
    QString name;
    int samples = 0;
    double accuracy = 0.0; // share of samples the classifier assigns to the class they were asked for
    double diversity = 0.0; // mean pairwise distance of samples / the same for real images of the class
    double memorisation = 0.0; // mean distance to the nearest training image / the same among training images
    double fid = 0.0; // Fréchet distance to the real images on the judge's features (judge/sample_metrics.h)
};

struct EvaluationReport
{
    double guidance = 0.0;
    QVector<ClassEvaluation> classes;
    ClassEvaluation overall; // accuracy over all samples, diversity averaged over classes
    // examplesPerClass samples of each class, class after class, and the nearest training image of each.
    ImageBatch examples, neighbours;
    QVector<double> neighbourDistances;
    double seconds = 0.0; // sampling and judging
};

struct EvaluationResult
{
    QString checkpointPath;
    QString modelDescription;
    QString classifierDescription;
    QString dataset;
    QString samplerDescription; // e.g. "DDIM, 50 steps"
    QString precision; // of the sampling pass's 3x3 convolutions: "float32" or "bfloat16"
    int perClass = 0;
    int examplesPerClass = 0;
    QVector<EvaluationReport> reports; // one per guidance weight, in the request's order
    bool cancelled = false;
};

struct EvaluateProgress
{
    qint64 done = 0, total = 0; // denoising steps of all batches and weights
    QString phase;
};

} // namespace de

Q_DECLARE_METATYPE(de::EvaluateRequest)
Q_DECLARE_METATYPE(de::EvaluationResult)
Q_DECLARE_METATYPE(de::EvaluateProgress)
