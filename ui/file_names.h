// File names typed into save dialogs: a name without the format's suffix gets it, so "grid" is saved as
// "grid.png" and a checkpoint named "mine" as "mine.ckpt".
#pragma once

#include <QString>
#include <QStringList>

namespace de {

// PATH when it already ends in .SUFFIX or one of the accepted suffixes (any case), else PATH.SUFFIX.
QString withSuffix(const QString &path, const QString &suffix, const QStringList &accepted = {});

} // namespace de
