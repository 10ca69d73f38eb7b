// diffusion-explorer: the window.
#include "app_setup.h"
#include "compute_threads.h"
#include "main_window.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    de::setApplicationIdentity();
    de::ensureRuntimeDirectory();
    QApplication app(argc, argv);
    de::installTranslations(app);
    de::applyThreadCount(de::configuredThreadCount());
    de::MainWindow window;
    window.show();
    return QApplication::exec();
}
