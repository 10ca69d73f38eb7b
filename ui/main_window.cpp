#include "main_window.h"

#include "transpose_conv_widget.h"

#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace de {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Diffusion Explorer"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/diffusion-explorer.svg")));

    auto *tabs = new QTabWidget(this);
    tabs->setDocumentMode(true);
    m_transposeConv = new TransposeConvWidget(tabs);
    tabs->addTab(m_transposeConv, tr("Transpose convolution"));
    tabs->setTabToolTip(0, tr("Step through ConvTranspose2d, number by number, in three equivalent views"));

    auto *diffusion = new QWidget(tabs);
    auto *layout = new QVBoxLayout(diffusion);
    layout->setContentsMargins(32, 32, 32, 32);
    auto *intro = new QLabel(
        tr("<h2>Diffusion</h2>"
           "<p>The diffusion pages of this window are being built:</p>"
           "<ul>"
           "<li><b>Forward diffusion</b>: watch noise swallow an image, timestep by timestep.</li>"
           "<li><b>Denoising</b>: DDPM and DDIM sampling, every step, steered by context sliders.</li>"
           "<li><b>Training</b>: train the course's ContextUnet live and watch the loss fall.</li>"
           "<li><b>Model</b>: inspect a checkpoint's layers and parameters.</li>"
           "</ul>"
           "<p>Today, <tt>diffusion-explorer-cli</tt> already trains and samples models: "
           "run <tt>diffusion-explorer-cli --help</tt>.</p>"),
        diffusion);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);
    layout->addWidget(intro);
    layout->addStretch(1);
    tabs->addTab(diffusion, tr("Diffusion"));
    setCentralWidget(tabs);
    m_transposeConv->setFocus();

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setToolTip(tr("Close the window and exit"));
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Diffusion Explorer"), this, &MainWindow::showAbout);
    statusBar()->showMessage(tr("Ready"));

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 860);
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
