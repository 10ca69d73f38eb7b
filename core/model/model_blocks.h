// The blocks of a ContextUnet for a given configuration, with their parameter counts and output shapes,
// for diagrams. Free of torch headers.
#pragma once

#include "model/model_config.h"

#include <QVector>

namespace de {

struct BlockInfo
{
    QString name; // the state_dict prefix, e.g. "down1"
    qint64 parameters = 0;
    QVector<int> shape; // output per sample: (C, H, W), or (C) for embeddings
};

QVector<BlockInfo> describeBlocks(const ModelConfig &config);

} // namespace de
