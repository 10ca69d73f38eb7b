#include "files/bundled_models.h"

#include "user_error.h"

#include <QCoreApplication>

// The resource object made by qt_add_big_resources (core/CMakeLists.txt) registers itself only when linked;
// naming its initialiser here makes the linker keep it.
static void registerModelResources()
{
    static const bool once = [] {
        Q_INIT_RESOURCE(models);
        return true;
    }();
    Q_UNUSED(once);
}

namespace de {

static const QString kPrefix = QStringLiteral("bundled:");

QVector<BundledModel> bundledModels()
{
    registerModelResources();
    const auto make = [](const QString &id, const QString &title, const QString &description) {
        return BundledModel {id, title, description, QStringLiteral(":/models/%1.ckpt").arg(id)};
    };
    return {make(QStringLiteral("sprites"), QCoreApplication::translate("BundledModels", "Sprites"),
                QCoreApplication::translate("BundledModels",
                    "16×16 colour emoji sprites in five classes (faces, people, animals, food, objects), "
                    "trained with this program")),
        make(QStringLiteral("fashion"), QCoreApplication::translate("BundledModels", "Fashion-MNIST"),
            QCoreApplication::translate(
                "BundledModels", "28×28 grey clothing images in ten classes, trained with this program"))};
}

const BundledModel *findBundledModel(const QString &nameOrPath)
{
    static const QVector<BundledModel> models = bundledModels();
    for (const BundledModel &m : models)
        if (kPrefix + m.id == nameOrPath || m.checkpointPath == nameOrPath)
            return &m;
    return nullptr;
}

QString resolveModelPath(const QString &nameOrPath)
{
    registerModelResources();
    if (!nameOrPath.startsWith(kPrefix))
        return nameOrPath;
    if (const BundledModel *m = findBundledModel(nameOrPath))
        return m->checkpointPath;
    QStringList known;
    for (const BundledModel &m : bundledModels())
        known << kPrefix + m.id;
    throw UserError(QCoreApplication::translate("BundledModels", "There is no bundled model \"%1\"; use %2")
                        .arg(nameOrPath.mid(kPrefix.size()), known.join(QStringLiteral(" or "))));
}

QString displayModelPath(const QString &path)
{
    if (const BundledModel *m = findBundledModel(path))
        return kPrefix + m->id;
    return path;
}

} // namespace de
