#include "main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QVBoxLayout>

namespace de {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Diffusion Explorer"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/diffusion-explorer.svg")));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(32, 32, 32, 32);
    auto *title = new QLabel(tr("<h1>Diffusion Explorer</h1>"), central);
    auto *intro = new QLabel(
        tr("<p>Run diffusion models and transpose convolution, watch them work, and take them apart.</p>"
           "<p>The pages of this window are being built:</p>"
           "<ul>"
           "<li><b>Transpose convolution</b>: a numeric, step-through animation of ConvTranspose2d.</li>"
           "<li><b>Forward diffusion</b>: watch noise swallow an image, timestep by timestep.</li>"
           "<li><b>Denoising</b>: DDPM and DDIM sampling, every step, steered by context sliders.</li>"
           "<li><b>Training</b>: train the course's ContextUnet live and watch the loss fall.</li>"
           "<li><b>Model</b>: inspect a checkpoint's layers and parameters.</li>"
           "</ul>"
           "<p>Today, <tt>diffusion-explorer-cli</tt> already trains and samples models: "
           "run <tt>diffusion-explorer-cli --help</tt>.</p>"),
        central);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addStretch(1);
    setCentralWidget(central);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setToolTip(tr("Close the window and exit"));
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Diffusion Explorer"), this, &MainWindow::showAbout);
    statusBar()->showMessage(tr("Ready"));

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(760, 520);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    event->accept();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Diffusion Explorer"),
        tr("<h3>Diffusion Explorer %1</h3>"
           "<p>Teaches how diffusion models and transpose convolution work by letting you run "
           "them, watch them and take them apart.</p>")
            .arg(QApplication::applicationVersion()));
}

} // namespace de
