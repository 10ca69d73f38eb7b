// What a model file says about itself (a native checkpoint or a PyTorch .pth); free of torch headers.
#pragma once

#include "model/model_config.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace de {

// Which weights to use from a file that keeps a weight average beside its raw weights: the average
// (sampling, previews, evaluation and export do by default) or the raw ones (--weights raw). A file without
// an average has only its raw weights either way.
enum class WeightChoice { Average, Raw };

// What a checkpoint says about itself.
struct CheckpointInfo
{
    enum class Format { Native, Pth };
    Format format = Format::Native; // how the file was read
    QStringList notes; // Pth: what was inferred and how the state_dict was found
    ModelConfig config;
    QStringList classNames;
    QString dataset;
    qint64 step = 0;
    qint64 totalSteps = 0;
    quint64 seed = 0;
    double lr = 1e-3;
    int batch = 100;
    double lastLoss = 0.0;
    QString programVersion;
    QString savedAt; // ISO 8601, UTC
    bool halfPrecision = false; // the weights are stored as float16 (read back into float32)
    QVector<float> lossHistory; // the loss of every step taken, so a resumed run continues its curve
    // The training recipe (diffusion/trainer.h), so a resumed run goes on with it. recipeKnown: the file
    // records it (files written before the recipe had options do not: they were trained with the course's).
    bool recipeKnown = false;
    qint64 warmupSteps = 0;
    QString lossWeighting = QStringLiteral("mse"); // "mse" or "min-snr"
    double minSnrGamma = 5.0;
    double inputPerturbation = 0.0;
    double contextDropout = 0.1; // the share of samples trained without their context (files before it: 0.1)
    bool augment = false;
    double budgetMinutes = 0.0; // the run had a time budget instead of a number of steps
    // The exponential moving average of the weights: its half-life as a fraction of the images seen (0: none)
    // and the decay of its last update. hasAverage: the file keeps it beside the raw weights.
    // averageOnly: the file's only weights are that average (a half-precision copy).
    double emaHalfLife = 0.0;
    double emaDecay = 0.0;
    bool hasAverage = false;
    bool averageOnly = false;
    // Pth: the sidecar JSON that tools/train_ddp.py wrote beside the file (files/pth_sidecar.h), when one was
    // read; then the fields above describe its training, which took trainedSteps steps.
    QString sidecar;
    qint64 trainedSteps = 0;

    QString describe() const;
};

} // namespace de

Q_DECLARE_METATYPE(de::CheckpointInfo)
