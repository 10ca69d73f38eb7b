#include "app_setup.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace de {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("DiffusionExplorer"));
    QCoreApplication::setApplicationName(QStringLiteral("diffusion-explorer"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DE_VERSION));
}

void installTranslations(QCoreApplication &app)
{
    const QString forced = qEnvironmentVariable("DE_LANG");
    const QLocale locale = forced.isEmpty() ? QLocale() : QLocale(forced);
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
