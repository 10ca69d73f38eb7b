// The trained models that ship inside the program, and the names that reach them: "bundled:sprites" and
// "bundled:fashion" stand for the checkpoints compiled in as Qt resources (resources/models/), each with
// the small classifier that judges its samples (classifier.h). Free of torch headers.
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
    QString classifierPath; // ":/models/sprites-classifier.ckpt"
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

// Writes IN's model again with its weights in half precision and without optimizer state (how the bundled
// models are made small), then loads the copy and compares its output with IN's on a fixed batch. Returns
// the largest absolute difference. Throws UserError, leaving OUT as it was, when it exceeds `tolerance` or
// OUT is IN.
double writeHalfPrecisionCopy(const QString &inPath, const QString &outPath, double tolerance = 1e-2);

} // namespace de
