#include "file_names.h"

#include <QFileInfo>

namespace de {

QString withSuffix(const QString &path, const QString &suffix, const QStringList &accepted)
{
    const QString has = QFileInfo(path).suffix();
    if (has.compare(suffix, Qt::CaseInsensitive) == 0 || accepted.contains(has, Qt::CaseInsensitive))
        return path;
    return path + QLatin1Char('.') + suffix;
}

} // namespace de
