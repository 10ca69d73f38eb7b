// The main window opens, is titled and translated, and renders (a screenshot is saved for a person to look
// at).
#include "main_window.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QMenuBar>
#include <QTabWidget>
#include <QTest>

class MainWindowTest : public QObject
{
    Q_OBJECT
private slots:
    void opensAndRenders()
    {
        de::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Diffusion Explorer"));
        QCOMPARE(window.menuBar()->actions().size(), 2);
        const auto *tabs = window.findChild<QTabWidget *>();
        QVERIFY(tabs);
        QCOMPARE(tabs->tabText(0), QStringLiteral("Transpose convolution"));
        QCOMPARE(tabs->currentIndex(), 0);
        const QImage shot = window.grab().toImage();
        QVERIFY(!shot.isNull());
        QVERIFY(shot.save(QDir::current().filePath(QStringLiteral("main_window.png"))));
    }
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
