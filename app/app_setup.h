// What both programs do first: name the application (for settings and caches) and load translations.
#pragma once

class QCoreApplication;

namespace de {

void setApplicationIdentity();
// Gives the process a private runtime folder when XDG_RUNTIME_DIR is unset (as under xvfb-run or in CI), as
// Qt would, but without its warning on every start. Call before creating the application.
void ensureRuntimeDirectory();
// Loads the translation for the user's locale (or DE_LANG, for example "zh_CN") into the application.
void installTranslations(QCoreApplication &app);

} // namespace de
