// The main window opens with its pages and menus, renders (a screenshot is saved for a person to look at),
// and remembers its page and size between runs.
#include "context_controls.h"
#include "data/class_names.h"
#include "denoising_page.h"
#include "embedding_page.h"
#include "explorer_session.h"
#include "file_names.h"
#include "image_grid_view.h"
#include "main_window.h"
#include "model/compute_precision.h"
#include "model_page.h"
#include "paint_canvas.h"
#include "play_page.h"
#include "presentation.h"
#include "test_support.h"
#include "training_page.h"
#include "transpose_conv_widget.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFontMetricsF>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTranslator>
#include <qcustomplot.h>

// Answers the dialogs a menu command opens, as a user would: an input dialog with its default, the file
// dialog with `path`, the question whether to replace that file with Yes. The text of any other message box
// is kept and the box closed.
class DialogAnswerer : public QObject
{
public:
    explicit DialogAnswerer(const QString &path)
        : m_path(path)
    {
        // Each answer runs as an event of its own: an answer that opens the next dialog runs that dialog's
        // event loop inside it, and Qt does not fire a timer again while its own handler runs.
        connect(&m_timer, &QTimer::timeout, this,
            [this] { QMetaObject::invokeMethod(this, &DialogAnswerer::answer, Qt::QueuedConnection); });
        m_timer.start(50);
    }
    QStringList messages;

private:
    void answer()
    {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *files = qobject_cast<QFileDialog *>(modal)) {
            // Typed, as a user does: selectFile() leaves alone the name field that has the focus.
            auto *name = files->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
            if (!name)
                return;
            name->setText(m_path);
            static_cast<QDialog *>(files)->accept(); // QFileDialog's own, which asks before replacing a file
        } else if (auto *input = qobject_cast<QInputDialog *>(modal)) {
            input->accept();
        } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            if (QAbstractButton *replace = box->button(QMessageBox::Yes)) {
                replace->click();
            } else {
                messages << box->text();
                box->accept();
            }
        }
    }

    QString m_path;
    QTimer m_timer;
};

// The program's Chinese translation, installed for as long as this lives (when `install` is set).
class ChineseTranslation
{
public:
    explicit ChineseTranslation(bool install = true)
    {
        m_loaded = m_zh.load(QStringLiteral(DE_QM_ZH_CN));
        m_installed = m_loaded && install && QCoreApplication::installTranslator(&m_zh);
    }
    ~ChineseTranslation()
    {
        if (m_installed)
            QCoreApplication::removeTranslator(&m_zh);
    }
    ChineseTranslation(const ChineseTranslation &) = delete;
    ChineseTranslation &operator=(const ChineseTranslation &) = delete;
    bool loaded() const { return m_loaded; }

private:
    QTranslator m_zh;
    bool m_loaded = false;
    bool m_installed = false;
};

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
        // The scalable icon draws (Qt's SVG icon engine, libqt6svg6, is there).
        QVERIFY(!window.windowIcon().pixmap(64, 64).isNull());
        QStringList menus;
        for (const QAction *a : window.menuBar()->actions())
            menus << a->text();
        QCOMPARE(menus,
            (QStringList {QStringLiteral("&File"), QStringLiteral("&Model"), QStringLiteral("&View"),
                QStringLiteral("&Help")}));
        QCOMPARE(window.tabs()->count(), 8);
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
        const ChineseTranslation zh;
        QVERIFY(zh.loaded());
        for (const QString &name : de::knownClassNames())
            QVERIFY2(de::displayClassName(name) != name, qPrintable(name));
        QCOMPARE(de::displayClassName(QStringLiteral("faces")), QString::fromUtf8("表情"));
        QCOMPARE(de::displayClassName(QStringLiteral("Ankle boot")), QString::fromUtf8("短靴"));
        QCOMPARE(de::displayClassName(QStringLiteral("my own class")), QStringLiteral("my own class"));
        de::ContextControls controls;
        controls.setClassNames({QStringLiteral("faces"), QStringLiteral("people")});
        QCOMPARE(controls.classNames(), QStringList({QString::fromUtf8("表情"), QString::fromUtf8("人物")}));
    }

    // On a 1024×768 screen, in English and in Chinese, the Denoising page shows every panel title whole
    // (wrapped, with the images below it) and its side panel without a horizontal scroll bar or a clipped
    // control; the Model page's blocks show their shape and parameters whole; no page's legend sits over its
    // curves; and the window can be that small.
    void smallScreenShowsEverythingWhole_data()
    {
        QTest::addColumn<bool>("chinese");
        QTest::newRow("en") << false;
        QTest::newRow("zh_CN") << true;
    }
    void smallScreenShowsEverythingWhole()
    {
        QFETCH(bool, chinese);
        const ChineseTranslation zh(chinese);
        QVERIFY(zh.loaded());
        QSettings().clear();
        QSettings().setValue(QStringLiteral("lessons/hintShown"), true);
        de::MainWindow w;
        w.resize(1024, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        de::DenoisingPage *page = w.denoisingPage();
        w.tabs()->setCurrentWidget(page);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning() && page->frameCount() == 13, 60000);
        QCoreApplication::processEvents();
        // Every page fits the screen: the window can be made that small.
        QVERIFY2(w.minimumSizeHint().width() <= 1024 && w.minimumSizeHint().height() <= 768,
            qPrintable(
                QStringLiteral("%1×%2").arg(w.minimumSizeHint().width()).arg(w.minimumSizeHint().height())));
        QCOMPARE(w.size(), QSize(1024, 768));

        for (const char *name : {"denoising.xt", "denoising.eps", "denoising.x0"}) {
            auto *view = page->findChild<de::ImageGridView *>(QLatin1String(name));
            QVERIFY(view);
            const int top = view->titleHeight(view->width());
            QVERIFY2(top > 0, name);
            // The first image starts below the title: nothing above it answers a click.
            QSignalSpy clicked(view, &de::ImageGridView::imageClicked);
            int firstHit = -1;
            for (int y = 0; y < view->height() && firstHit < 0; ++y)
                for (int x : {view->width() / 4, view->width() / 2, 3 * view->width() / 4}) {
                    QTest::mouseClick(view, Qt::LeftButton, {}, QPoint(x, y));
                    if (!clicked.isEmpty()) {
                        firstHit = y;
                        break;
                    }
                }
            QVERIFY2(firstHit >= top, name);
        }
        auto *x0 = page->findChild<de::ImageGridView *>(QStringLiteral("denoising.x0"));
        QFont bold = x0->font();
        bold.setBold(true);
        const QFontMetrics metrics(bold);
        if (!chinese) { // the Chinese title fits on one line
            QVERIFY2(metrics.horizontalAdvance(QStringLiteral("predicted clean image x0")) > x0->width(),
                "the view is wide enough for the title on one line: this test no longer tests wrapping");
            QVERIFY(x0->titleHeight(x0->width()) >= 2 * metrics.lineSpacing());
            const int oneLine = metrics.horizontalAdvance(QStringLiteral("predicted clean image x0")) + 1;
            QCOMPARE(x0->titleHeight(10000), x0->titleHeight(oneLine));
        }

        auto *controls = page->findChild<QScrollArea *>(QStringLiteral("denoising.controls"));
        QVERIFY(controls);
        QVERIFY(!controls->horizontalScrollBar()->isVisible());
        for (QWidget *child : controls->widget()->findChildren<QWidget *>()) {
            if (!child->isVisibleTo(controls->widget()) || child->isWindow())
                continue;
            const QRect r(child->mapTo(controls->widget(), QPoint(0, 0)), child->size());
            const QString what = child->objectName() + QLatin1Char(' ')
                + QString::fromLatin1(child->metaObject()->className());
            QVERIFY2(r.right() < controls->viewport()->width(), qPrintable(what));
        }

        de::ModelPage *model = w.modelPage();
        w.tabs()->setCurrentWidget(model);
        QCoreApplication::processEvents();
        de::UnetDiagram *diagram = model->diagram();
        int wrapped = 0;
        for (const QString &block :
            {QStringLiteral("init_conv"), QStringLiteral("down1"), QStringLiteral("down2"),
                QStringLiteral("to_vec"), QStringLiteral("up0"), QStringLiteral("up1"), QStringLiteral("up2"),
                QStringLiteral("out"), QStringLiteral("timeembed1"), QStringLiteral("contextembed2")}) {
            const de::UnetDiagram::Detail d = diagram->blockDetail(block);
            QVERIFY2(!d.text.isEmpty(), qPrintable(block));
            const QRectF needed = QFontMetricsF(d.font).boundingRect(d.rect, Qt::AlignCenter, d.text);
            QVERIFY2(
                needed.width() <= d.rect.width() && needed.height() <= d.rect.height(), qPrintable(block));
            QVERIFY(diagram->rect().toRectF().contains(d.rect));
            wrapped += d.text.contains(QLatin1Char('\n'));
        }
        QVERIFY2(
            wrapped > 0, "every block's line fits at this size: this test no longer tests the narrow case");

        for (QWidget *page :
            {static_cast<QWidget *>(w.trainingPage()), static_cast<QWidget *>(w.embeddingPage())}) {
            w.tabs()->setCurrentWidget(page);
            QCoreApplication::processEvents();
        }
        int legends = 0;
        for (QCustomPlot *plot : w.findChildren<QCustomPlot *>()) {
            if (!plot->legend->visible())
                continue;
            plot->replot();
            ++legends;
            QVERIFY2(!plot->legend->outerRect().intersects(plot->axisRect()->rect()),
                qPrintable(plot->objectName()));
        }
        QCOMPARE(legends, 5); // the Denoising page's two, the Training page's and the Embeddings page's two
        QVERIFY(w.minimumSizeHint().width() <= 1024); // after every page has laid itself out
        QCOMPARE(w.size(), QSize(1024, 768));
        QVERIFY(w.grab().save(
            de::test::screenshotPath(QStringLiteral("main_window-1024x768-%1.png")
                                         .arg(chinese ? QStringLiteral("zh_CN") : QStringLiteral("en")))));
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

    // F5: full screen, text 1.6 times larger, a light high-contrast palette; PageDown/PageUp step the page's
    // animation, as a clicker sends them; Esc leaves and everything is as before.
    void presentationMode()
    {
        QSettings().setValue(QStringLiteral("lessons/hintShown"), true);
        de::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        const double base = QApplication::font().pointSizeF();
        const QColor baseWindow = QApplication::palette().color(QPalette::Window);
        window.tabs()->setCurrentIndex(de::MainWindow::TransposeConvolutionPage);
        de::TransposeConvWidget *tconv = window.transposeConvWidget();
        tconv->setFocus();
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(window.presentation()->isPresenting());
        QVERIFY(window.isFullScreen());
        QVERIFY(std::abs(QApplication::font().pointSizeF() - 1.6 * base) < 0.1);
        QCOMPARE(QApplication::palette().color(QPalette::Base), QColor(Qt::white));
        QCOMPARE(QApplication::palette().color(QPalette::Text), QColor(Qt::black));
        const int before = tconv->stepsDone();
        QTest::keyClick(tconv, Qt::Key_PageDown);
        QTest::keyClick(tconv, Qt::Key_PageDown);
        QCOMPARE(tconv->stepsDone(), before + 2);
        QTest::keyClick(tconv, Qt::Key_PageUp);
        QCOMPARE(tconv->stepsDone(), before + 1);
        QVERIFY(window.grab().save(de::test::screenshotPath(QStringLiteral("presentation-mode.png"))));
        QTest::keyClick(tconv, Qt::Key_Escape);
        QVERIFY(!window.presentation()->isPresenting());
        QVERIFY(!window.isFullScreen());
        QCOMPARE(QApplication::font().pointSizeF(), base);
        QCOMPARE(QApplication::palette().color(QPalette::Window), baseWindow);
        // PageDown outside presentation mode is the widgets' own.
        QTest::keyClick(tconv, Qt::Key_PageDown);
        QCOMPARE(tconv->stepsDone(), before + 1);
    }

    void zoomScalesTheTextAndIsRemembered()
    {
        const double base = QApplication::font().pointSizeF();
        {
            de::MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QTest::keyClick(&window, Qt::Key_Equal, Qt::ControlModifier);
            QVERIFY(std::abs(QApplication::font().pointSizeF() - 1.15 * base) < 0.05);
            QCOMPARE(window.presentation()->zoom(), 1.15);
        }
        QCOMPARE(QApplication::font().pointSizeF(), base); // the window gives the font back when it goes
        {
            de::MainWindow again;
            QVERIFY(std::abs(QApplication::font().pointSizeF() - 1.15 * base) < 0.05);
            again.show();
            QVERIFY(QTest::qWaitForWindowExposed(&again));
            QTest::keyClick(&again, Qt::Key_0, Qt::ControlModifier);
            QCOMPARE(again.presentation()->zoom(), 1.0);
            QCOMPARE(QApplication::font().pointSizeF(), base);
        }
    }

    // The status bar shows the current page's messages only.
    void statusMessagesBelongToTheirPage()
    {
        de::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(!window.denoisingPage()->isRunning(), 60000);
        window.tabs()->setCurrentIndex(de::MainWindow::DenoisingPageIndex);
        const QString sampled = window.statusBar()->currentMessage();
        QVERIFY2(sampled.contains(QStringLiteral("Sampled")), qPrintable(sampled));
        window.tabs()->setCurrentIndex(de::MainWindow::ModelPageIndex);
        QCOMPARE(window.statusBar()->currentMessage(), QString());
        window.tabs()->setCurrentIndex(de::MainWindow::DenoisingPageIndex);
        QCOMPARE(window.statusBar()->currentMessage(), sampled);
    }

    // Files dropped on the window: a .pth opens with the class names of its sidecar (tools/train_ddp.py), a
    // picture goes to the Play page's canvas, anything else is refused with a message and changes nothing.
    void acceptsDroppedFiles()
    {
        QTemporaryDir dir;
        const QString pth = dir.filePath(QStringLiteral("clothes.pth"));
        QProcess cli;
        cli.start(
            QStringLiteral(DE_CLI_PATH), {QStringLiteral("export"), QStringLiteral("bundled:fashion"), pth});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        QStringList names;
        for (int k = 0; k < 10; ++k)
            names << QStringLiteral("garment %1").arg(k);
        QFile sidecar(dir.filePath(QStringLiteral("clothes.json")));
        QVERIFY(sidecar.open(QIODevice::WriteOnly));
        sidecar.write(QJsonDocument(
            QJsonObject {{QStringLiteral("format"), QStringLiteral("diffusion-explorer-sidecar")},
                {QStringLiteral("classes"), QJsonArray::fromStringList(names)},
                {QStringLiteral("dataset"), QStringLiteral("fashion-mnist")},
                {QStringLiteral("world_size"), 2}, {QStringLiteral("backend"), QStringLiteral("gloo")}})
                          .toJson());
        sidecar.close();
        QImage red(20, 20, QImage::Format_RGB32);
        red.fill(Qt::red);
        QVERIFY(red.save(dir.filePath(QStringLiteral("red.png"))));
        QFile text(dir.filePath(QStringLiteral("notes.txt")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("not a model");
        text.close();

        de::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(!window.denoisingPage()->isRunning(), 60000);
        const auto drop = [&window](const QString &path) {
            QMimeData data;
            data.setUrls({QUrl::fromLocalFile(path)});
            QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(&window, &enter);
            if (!enter.isAccepted())
                return false;
            QDropEvent dropped(QPointF(50, 50), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(&window, &dropped);
            return dropped.isAccepted();
        };
        QVERIFY(drop(pth));
        QTRY_COMPARE(window.session()->checkpointPath(), pth);
        QCOMPARE(window.session()->checkpointInfo().classNames, names);
        QCOMPARE(window.session()->checkpointInfo().dataset, QStringLiteral("fashion-mnist"));
        QCOMPARE(window.tabs()->currentIndex(), int(de::MainWindow::DenoisingPageIndex));
        QTRY_VERIFY_WITH_TIMEOUT(!window.denoisingPage()->isRunning(), 60000);

        QVERIFY(drop(dir.filePath(QStringLiteral("red.png"))));
        QTRY_COMPARE(window.tabs()->currentWidget(), static_cast<QWidget *>(window.playPage()));
        const QImage picture = window.playPage()->canvas()->picture();
        QCOMPARE(picture.size(), QSize(28, 28)); // scaled to the model
        QVERIFY(qRed(picture.pixel(14, 14)) > 200 || qGray(picture.pixel(14, 14)) > 60); // red, or its grey

        QVERIFY(!drop(dir.filePath(QStringLiteral("notes.txt")))); // the drag is refused at once
        QVERIFY(window.openDroppedFile(dir.filePath(QStringLiteral("notes.txt"))) == false);
        QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("cannot be opened here")),
            qPrintable(window.statusBar()->currentMessage()));
        QCOMPARE(window.session()->checkpointPath(), pth);
    }

    // Saving from the window onto a full disk (a file-size limit of 512 bytes in this process, "File too
    // large"), with each command that saves: a message box names the file and the reason, the earlier file at
    // that path is unchanged, nothing partial is left and the window keeps its model.
    void savingOnAFullDiskSaysSo()
    {
        de::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(!window.denoisingPage()->isRunning(), 60000);
        const QString model = window.session()->checkpointPath();
        const QByteArray earlier("the earlier file, which must survive");
        const QList<std::pair<const char *, const char *>> saves {{"window.saveCheckpointAs", "model.ckpt"},
            {"window.saveCheckpointAs", "model.pth"}, {"window.exportFrame", "frame.png"},
            {"window.exportGif", "steps.gif"}, {"window.exportFinal", "grid.png"}};
        for (const auto &[action, file] : saves) {
            QTemporaryDir dir;
            const QString target = dir.filePath(QLatin1String(file));
            QVERIFY(de::test::writeFile(target, earlier));
            auto *command = window.findChild<QAction *>(QLatin1String(action));
            QVERIFY2(command, action);
            DialogAnswerer answerer(target);
            {
                de::test::FileSizeLimit disk(512);
                QVERIFY(disk.isActive());
                command->trigger(); // returns when its dialogs are answered
            }
            QVERIFY2(answerer.messages.size() == 1, file);
            QVERIFY2(answerer.messages[0].contains(target), qPrintable(answerer.messages[0]));
            QVERIFY2(answerer.messages[0].contains(QStringLiteral("File too large")),
                qPrintable(answerer.messages[0]));
            QFile f(target);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(f.readAll() == earlier, file);
            QCOMPARE(
                QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList {QLatin1String(file)});
            QCOMPARE(window.session()->checkpointPath(), model);
        }
    }

    // Model ▸ Sample in bfloat16: sets the precision of every sampling pass, is remembered for the next start
    // (app/gui_main.cpp reads it), and stays checked when another model opens.
    void bfloat16ChoiceIsAppliedAndRemembered()
    {
        struct Restore
        {
            ~Restore()
            {
                de::setSamplingPrecision(de::Precision::Float32);
                QSettings().remove(QStringLiteral("compute/precision"));
            }
        } restore;
        de::MainWindow window;
        window.show();
        auto *action = window.findChild<QAction *>(QStringLiteral("bfloat16Action"));
        QVERIFY(action);
        QVERIFY(!action->toolTip().isEmpty());
        // Its status tip fits the status bar of a 1024-pixel-wide window on one line.
        const int tipWidth = QFontMetrics(window.statusBar()->font()).horizontalAdvance(action->statusTip());
        QVERIFY2(tipWidth > 0 && tipWidth < 900, qPrintable(QString::number(tipWidth)));
        if (!de::bfloat16Supported()) {
            QVERIFY(!action->isEnabled());
            QVERIFY(!action->isChecked());
            return;
        }
        QVERIFY(action->isEnabled());
        QCOMPARE(action->isChecked(), de::samplingPrecision() == de::Precision::BFloat16);
        if (!action->isChecked())
            action->trigger();
        action->trigger(); // off
        QVERIFY(!action->isChecked());
        QCOMPARE(de::samplingPrecision(), de::Precision::Float32);
        QCOMPARE(
            QSettings().value(QStringLiteral("compute/precision")).toString(), QStringLiteral("float32"));
        action->trigger();
        QVERIFY(action->isChecked());
        QCOMPARE(de::samplingPrecision(), de::Precision::BFloat16);
        QCOMPARE(de::effectivePrecision(), de::Precision::BFloat16);
        QCOMPARE(de::configuredPrecision(), de::Precision::BFloat16);
        // Opening a bundled model checks that model's item and leaves this one alone.
        QAction *fashion = nullptr;
        for (QAction *a : window.findChildren<QAction *>())
            if (a->data().toString() == QStringLiteral(":/models/fashion.ckpt"))
                fashion = a;
        QVERIFY(fashion);
        fashion->trigger();
        QTRY_COMPARE(window.session()->checkpointPath(), QStringLiteral(":/models/fashion.ckpt"));
        QVERIFY(fashion->isChecked());
        QVERIFY(action->isChecked());
        QCOMPARE(de::samplingPrecision(), de::Precision::BFloat16);
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
