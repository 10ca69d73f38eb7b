// The class names of the data sets this program knows (the emoji groups, Fashion-MNIST, the course's
// sprites), translated for display. Checkpoints, files and the command line keep the English names, which
// `sample --class NAME` matches.
#pragma once

#include <QStringList>

namespace de {

// The translation of a known class name; any other name (a folder's, "class 3") comes back as it is.
QString displayClassName(const QString &name);
QStringList displayClassNames(const QStringList &names);
// Every name displayClassName knows, in English.
QStringList knownClassNames();

} // namespace de
