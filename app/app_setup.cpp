#include "app_setup.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <unistd.h>

namespace de {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("DiffusionExplorer"));
    QCoreApplication::setApplicationName(QStringLiteral("diffusion-explorer"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DE_VERSION));
}

void ensureRuntimeDirectory()
{
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        return;
    const QString dir = QDir::tempPath() + QStringLiteral("/runtime-") + QString::number(getuid());
    if (!QDir().mkpath(dir))
        return;
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(dir));
}

void installTranslations(QCoreApplication &app)
{
    QString forced = qEnvironmentVariable("DE_LANG");
    if (forced.isEmpty())
        forced = QSettings().value(QStringLiteral("ui/language")).toString();
    const QLocale locale = forced.isEmpty() ? QLocale() : QLocale(forced);
    QLocale::setDefault(locale); // lessons and numbers follow the chosen language too
    auto *ours = new QTranslator(&app);
    if (ours->load(
            locale, QStringLiteral("diffusion-explorer"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(ours);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
}

} // namespace de
