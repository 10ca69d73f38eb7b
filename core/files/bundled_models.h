// The trained models that ship inside the program, and the names that reach them: "bundled:sprites" and
// "bundled:fashion" stand for the checkpoints compiled in as Qt resources (resources/models/). The small
// classifier that judges each one's samples belongs to the judge (judge/classifier.h). Free of torch headers.
#pragma once

#include <QString>
#include <QVector>

namespace de {

struct BundledModel
{
    QString id; // "sprites", "fashion"
    QString title; // translated, for menus
    QString description; // translated, for tooltips
    QString checkpointPath; // the resource path, e.g. ":/models/sprites.ckpt"
};

// Every bundled model, sprites first (the one the window opens on first launch).
QVector<BundledModel> bundledModels();
// The entry named "bundled:ID" or with that resource path, or null.
const BundledModel *findBundledModel(const QString &nameOrPath);

// "bundled:NAME" becomes the model's resource path; anything else is returned unchanged. Throws UserError
// for an unknown bundled name, listing the known ones.
QString resolveModelPath(const QString &nameOrPath);
// What to call a checkpoint in messages and titles: "bundled:sprites" for a bundled one, else the path.
QString displayModelPath(const QString &path);

} // namespace de
