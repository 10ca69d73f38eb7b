// The main window. For now it opens, names the pages that are coming, and offers About and Quit.
#pragma once

#include <QMainWindow>

namespace de {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void showAbout();
};

} // namespace de
