// diffusion-explorer: the window.
#include "app_setup.h"
#include "compute_threads.h"
#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char *argv[])
{
    de::setApplicationIdentity();
    de::ensureRuntimeDirectory();
    QApplication app(argc, argv);
    de::installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("Gui",
        "Run, watch and take apart diffusion models "
        "and transpose convolution."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QCoreApplication::translate("Gui",
            "Save a picture of the window to FILE and "
            "quit (for documentation)."),
        QCoreApplication::translate("Gui", "FILE"));
    parser.addOption(screenshot);
    parser.addPositionalArgument(QCoreApplication::translate("Gui", "FILE"),
        QCoreApplication::translate("Gui", "A checkpoint or a PyTorch .pth state_dict to open."),
        QCoreApplication::translate("Gui", "[FILE]"));
    parser.process(app);

    de::applyThreadCount(de::configuredThreadCount());
    de::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openCheckpoint(parser.positionalArguments().constFirst()); // a problem is shown in a message box
    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        QTimer::singleShot(
            300, &window, [&window, path] { QApplication::exit(window.grab().save(path) ? 0 : 1); });
    }
    return QApplication::exec();
}
