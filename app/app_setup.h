// What both programs do first: name the application (for settings and caches) and load translations.
#pragma once

class QCoreApplication;

namespace de {

void setApplicationIdentity();
// Loads the translation for the user's locale (or DE_LANG, for example "zh_CN") into the application.
void installTranslations(QCoreApplication &app);

} // namespace de
