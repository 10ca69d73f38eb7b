// diffusion-explorer: the window.
#include "app_setup.h"
#include "denoising_page.h"
#include "lesson_player.h"
#include "main_window.h"
#include "model/compute_precision.h"
#include "model/compute_threads.h"
#include "presentation.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>

#include <unistd.h>

// Seconds since this process started, from the kernel's accounting (so the time to load the libraries
// counts).
static double secondsSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat")), uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1.0;
    const QByteArray line = stat.readAll();
    // Field 22 (starttime, in clock ticks since boot) counted after the command name, which may hold spaces.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    const double started = fields.size() > 19 ? fields[19].toDouble() / double(sysconf(_SC_CLK_TCK)) : 0.0;
    return uptime.readAll().split(' ').value(0).toDouble() - started;
}

// Reports the time from process start to the window's first paint, then quits.
class FirstPaintProbe : public QObject
{
public:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            QTimer::singleShot(0, [] {
                QTextStream(stdout) << "first paint after " << qRound(secondsSinceProcessStart() * 1000.0)
                                    << " ms\n";
                QApplication::exit(0);
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_done = false;
};

int main(int argc, char *argv[])
{
    de::setApplicationIdentity();
    de::ensureRuntimeDirectory();
    QApplication app(argc, argv);
    QGuiApplication::setDesktopFileName(
        QStringLiteral(DE_APP_ID)); // the desktop entry, for the window's icon
    de::installTranslations(app);

    QCommandLineParser parser;
    // The description carries what the manual page (generated from --help) says beyond the options.
    parser.setApplicationDescription(QCoreApplication::translate("Gui",
                                         "Run, watch and take apart diffusion models "
                                         "and transpose convolution.")
        + QStringLiteral("\n\n")
        + QCoreApplication::translate("Gui",
            "Exit statuses:\n"
            "  0  the window was closed, or --screenshot saved its picture\n"
            "  1  an unknown option, or --screenshot could not save its picture\n"
            "  2  --page or --lesson names a page or lesson that does not exist\n"
            "\n"
            "Files:\n"
            "  ~/.config/DiffusionExplorer/diffusion-explorer.conf  settings: language, threads, zoom,\n"
            "       the page and size of the window, the last model\n"
            "  ~/.cache/DiffusionExplorer/diffusion-explorer/  the emoji sprites, rendered once from the\n"
            "       Noto Color Emoji font\n"
            "  MODEL.json  beside a PyTorch MODEL.pth: its class names, data set and schedule, written by\n"
            "       tools/train_ddp.py\n"
            "\n"
            "Examples:\n"
            "  diffusion-explorer sprites.ckpt\n"
            "  diffusion-explorer --presentation --page 3\n"
            "  diffusion-explorer --lesson 04-sampling:2"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QCoreApplication::translate("Gui",
            "Save a picture of the window to FILE and "
            "quit (for documentation)."),
        QCoreApplication::translate("Gui", "FILE"));
    parser.addOption(screenshot);
    const QCommandLineOption startupTime(QStringLiteral("startup-time"),
        QCoreApplication::translate(
            "Gui", "Print the time from launch to the first painted window, and quit."));
    parser.addOption(startupTime);
    const QCommandLineOption page(QStringLiteral("page"),
        QCoreApplication::translate("Gui",
            "Open on page N (1 to 8: transpose convolution, forward diffusion, denoising, training, model, "
            "evaluate, embeddings, play)."),
        QCoreApplication::translate("Gui", "N"));
    parser.addOption(page);
    const QCommandLineOption presentation(QStringLiteral("presentation"),
        QCoreApplication::translate(
            "Gui", "Start in presentation mode (full screen, large text; Esc leaves)."));
    parser.addOption(presentation);
    const QCommandLineOption lesson(QStringLiteral("lesson"),
        QCoreApplication::translate("Gui",
            "Start the lesson NAME (a file name in Help ▸ Lessons, without .json), at step STEP if given."),
        QCoreApplication::translate("Gui", "NAME[:STEP]"));
    parser.addOption(lesson);
    parser.addPositionalArgument(QCoreApplication::translate("Gui", "FILE"),
        QCoreApplication::translate("Gui", "A checkpoint or a PyTorch .pth state_dict to open."),
        QCoreApplication::translate("Gui", "[FILE]"));
    parser.process(app);

    de::applyThreadCount(de::configuredThreadCount());
    de::setSamplingPrecision(de::configuredPrecision());
    de::MainWindow window;
    FirstPaintProbe probe;
    if (parser.isSet(startupTime))
        window.installEventFilter(&probe);
    window.show();
    // A problem is shown in a message box; the file's own grid replaces the start-up one.
    if (!parser.positionalArguments().isEmpty()
        && window.openCheckpoint(parser.positionalArguments().constFirst()))
        window.sampleStartGrid();
    if (parser.isSet(page)) {
        bool ok = false;
        const int index = parser.value(page).toInt(&ok) - 1;
        if (!ok || index < 0 || index >= window.tabs()->count()) {
            QTextStream(stderr) << QCoreApplication::translate(
                "Gui", "There is no page %1; pages are 1 to %2.")
                                       .arg(parser.value(page))
                                       .arg(window.tabs()->count())
                                << Qt::endl;
            return 2;
        }
        window.tabs()->setCurrentIndex(index);
    }
    if (parser.isSet(presentation))
        window.presentation()->setPresenting(true);
    if (parser.isSet(lesson)) {
        const QString name = parser.value(lesson).section(QLatin1Char(':'), 0, 0);
        const int step = parser.value(lesson).section(QLatin1Char(':'), 1).toInt();
        if (!window.startLesson(name)) {
            QTextStream(stderr) << QCoreApplication::translate("Gui", "There is no lesson %1.").arg(name)
                                << Qt::endl;
            return 2;
        }
        for (int i = 1; i < step; ++i)
            window.lessonPlayer()->next();
    }
    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        // Once the start-up grid has been sampled (at most 30 s), so the picture shows it.
        auto *poll = new QTimer(&window);
        QElapsedTimer waited;
        waited.start();
        QObject::connect(poll, &QTimer::timeout, &window, [&window, path, waited] {
            // Views that compute on their own worker get a second after the grid.
            static qint64 settled = -1;
            if (window.denoisingPage()->isRunning() && waited.elapsed() < 30000)
                return;
            if (settled < 0)
                settled = waited.elapsed();
            if (waited.elapsed() - settled < 1000)
                return;
            QApplication::exit(window.grab().save(path) ? 0 : 1);
        });
        poll->start(300);
    }
    return QApplication::exec();
}
