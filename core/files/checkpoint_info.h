// What a model file says about itself (a native checkpoint or a PyTorch .pth); free of torch headers.
#pragma once

#include "model/model_config.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace de {

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

    QString describe() const;
};

} // namespace de

Q_DECLARE_METATYPE(de::CheckpointInfo)
