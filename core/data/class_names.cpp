#include "data/class_names.h"

#include <QCoreApplication>

namespace de {

// The names as data/emoji_sprites.cpp, data/idx_reader.cpp and data/extra_datasets.cpp give them.
static const char *const kKnown[] = {
    QT_TRANSLATE_NOOP("ClassNames", "faces"),
    QT_TRANSLATE_NOOP("ClassNames", "people"),
    QT_TRANSLATE_NOOP("ClassNames", "animals"),
    QT_TRANSLATE_NOOP("ClassNames", "food"),
    QT_TRANSLATE_NOOP("ClassNames", "objects"),
    QT_TRANSLATE_NOOP("ClassNames", "T-shirt/top"),
    QT_TRANSLATE_NOOP("ClassNames", "Trouser"),
    QT_TRANSLATE_NOOP("ClassNames", "Pullover"),
    QT_TRANSLATE_NOOP("ClassNames", "Dress"),
    QT_TRANSLATE_NOOP("ClassNames", "Coat"),
    QT_TRANSLATE_NOOP("ClassNames", "Sandal"),
    QT_TRANSLATE_NOOP("ClassNames", "Shirt"),
    QT_TRANSLATE_NOOP("ClassNames", "Sneaker"),
    QT_TRANSLATE_NOOP("ClassNames", "Bag"),
    QT_TRANSLATE_NOOP("ClassNames", "Ankle boot"),
    QT_TRANSLATE_NOOP("ClassNames", "hero"),
    QT_TRANSLATE_NOOP("ClassNames", "non-hero"),
    QT_TRANSLATE_NOOP("ClassNames", "spell"),
    QT_TRANSLATE_NOOP("ClassNames", "side-facing"),
};

QStringList knownClassNames()
{
    QStringList names;
    for (const char *name : kKnown)
        names << QString::fromLatin1(name);
    return names;
}

QString displayClassName(const QString &name)
{
    for (const char *known : kKnown)
        if (name == QLatin1String(known))
            return QCoreApplication::translate("ClassNames", known);
    return name;
}

QStringList displayClassNames(const QStringList &names)
{
    QStringList shown;
    for (const QString &name : names)
        shown << displayClassName(name);
    return shown;
}

} // namespace de
