// The main window opens with its pages and menus, renders (a screenshot is saved for a person to look at),
// and remembers its page and size between runs.
#include "context_controls.h"
#include "data/class_names.h"
#include "explorer_session.h"
#include "file_names.h"
#include "main_window.h"
#include "test_support.h"

#include <QDir>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTranslator>

class MainWindowTest : public QObject
{
    Q_OBJECT
private slots:
    // The window reports the time from launch to its first paint (scripts/bench --startup times it).
    void reportsItsFirstPaint()
    {
        QProcess gui;
        gui.start(QStringLiteral(DE_GUI_PATH), {QStringLiteral("--startup-time")});
        QVERIFY(gui.waitForFinished(60000));
        QCOMPARE(gui.exitCode(), 0);
        const QString out = QString::fromUtf8(gui.readAllStandardOutput());
        const QRegularExpressionMatch m = QRegularExpression(
            QStringLiteral("^first paint after (\\d+) ms$"), QRegularExpression::MultilineOption)
                                              .match(out);
        QVERIFY2(m.hasMatch(), qPrintable(out));
        QVERIFY(m.captured(1).toInt() > 0);
    }

    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void opensAndRenders()
    {
        de::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Diffusion Explorer"));
        QStringList menus;
        for (const QAction *a : window.menuBar()->actions())
            menus << a->text();
        QCOMPARE(menus,
            (QStringList {QStringLiteral("&File"), QStringLiteral("&Model"), QStringLiteral("&View"),
                QStringLiteral("&Help")}));
        QCOMPARE(window.tabs()->count(), 7);
        QCOMPARE(window.tabs()->tabText(0), QStringLiteral("Transpose convolution"));
        // A first launch opens the bundled sprite model on the Denoising page.
        QCOMPARE(window.tabs()->currentIndex(), int(de::MainWindow::DenoisingPageIndex));
        QCOMPARE(window.session()->checkpointPath(), QStringLiteral(":/models/sprites.ckpt"));
        const QImage shot = window.grab().toImage();
        QVERIFY(!shot.isNull());
        QVERIFY(shot.save(de::test::screenshotPath(QStringLiteral("main_window.png"))));
    }

    // The class names of the known data sets appear in Chinese in a Chinese window (checkpoints keep them in
    // English); names the program does not know stay as they are.
    void classNamesAreTranslated()
    {
        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(DE_QM_ZH_CN)));
        QCoreApplication::installTranslator(&zh);
        struct Remove
        {
            QTranslator *t;
            ~Remove() { QCoreApplication::removeTranslator(t); }
        } remove {&zh};
        for (const QString &name : de::knownClassNames())
            QVERIFY2(de::displayClassName(name) != name, qPrintable(name));
        QCOMPARE(de::displayClassName(QStringLiteral("faces")), QString::fromUtf8("表情"));
        QCOMPARE(de::displayClassName(QStringLiteral("Ankle boot")), QString::fromUtf8("短靴"));
        QCOMPARE(de::displayClassName(QStringLiteral("my own class")), QStringLiteral("my own class"));
        de::ContextControls controls;
        controls.setClassNames({QStringLiteral("faces"), QStringLiteral("people")});
        QCOMPARE(controls.classNames(), QStringList({QString::fromUtf8("表情"), QString::fromUtf8("人物")}));
    }

    // A name typed into a save dialog gets the format's suffix when it lacks it, and keeps one it has.
    void savedNamesGetTheirSuffix_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("saved");
        QTest::newRow("bare name") << QStringLiteral("/tmp/grid") << QStringLiteral("/tmp/grid.png");
        QTest::newRow("has it") << QStringLiteral("/tmp/grid.png") << QStringLiteral("/tmp/grid.png");
        QTest::newRow("upper case") << QStringLiteral("/tmp/GRID.PNG") << QStringLiteral("/tmp/GRID.PNG");
        QTest::newRow("a dot in a folder")
            << QStringLiteral("/tmp/run.1/grid") << QStringLiteral("/tmp/run.1/grid.png");
        QTest::newRow("another format")
            << QStringLiteral("/tmp/grid.jpg") << QStringLiteral("/tmp/grid.jpg.png");
    }

    void savedNamesGetTheirSuffix()
    {
        QFETCH(QString, typed);
        QFETCH(QString, saved);
        QCOMPARE(de::withSuffix(typed, QStringLiteral("png")), saved);
        // Checkpoints: .ckpt, unless the name asks for PyTorch's format.
        QCOMPARE(de::withSuffix(QStringLiteral("mine"), QStringLiteral("ckpt"), {QStringLiteral("pth")}),
            QStringLiteral("mine.ckpt"));
        QCOMPARE(de::withSuffix(QStringLiteral("mine.pth"), QStringLiteral("ckpt"), {QStringLiteral("pth")}),
            QStringLiteral("mine.pth"));
    }

    void remembersPageAndSize()
    {
        {
            de::MainWindow window;
            window.show();
            window.resize(1111, 777);
            window.tabs()->setCurrentIndex(de::MainWindow::TrainingPageIndex);
            QVERIFY(window.close());
        }
        de::MainWindow again;
        again.show();
        QCOMPARE(again.tabs()->currentIndex(), int(de::MainWindow::TrainingPageIndex));
        QCOMPARE(again.size(), QSize(1111, 777));
    }
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
