#include "data/image_set.h"

#include <QCoreApplication>

namespace de {

QVector<int> ImageSet::classCounts() const
{
    QVector<int> counts(classNames.size(), 0);
    for (int label : labels)
        if (label >= 0 && label < counts.size())
            ++counts[label];
    return counts;
}

QString ImageSet::summary() const
{
    QString text = QCoreApplication::translate("ImageSet", "%1: %2 images of %3x%4x%5, %6 classes")
                       .arg(name)
                       .arg(count)
                       .arg(channels)
                       .arg(height)
                       .arg(width)
                       .arg(classNames.size());
    const QVector<int> counts = classCounts();
    for (int i = 0; i < counts.size(); ++i)
        text += QStringLiteral("\n  %1 %2: %3").arg(i).arg(classNames[i]).arg(counts[i]);
    return text;
}

} // namespace de
