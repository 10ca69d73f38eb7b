// The main window: a page per activity (the transpose convolution explorer; the diffusion pages follow).
#pragma once

#include <QMainWindow>

namespace de {

class TransposeConvWidget;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    TransposeConvWidget *transposeConvWidget() const { return m_transposeConv; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void showAbout();
    TransposeConvWidget *m_transposeConv = nullptr;
};

} // namespace de
