// Help ▸ How diffusion works: a short illustrated-in-words introduction, in the user's language.
#pragma once

#include <QDialog>

namespace de {

class HelpDialog : public QDialog
{
    Q_OBJECT
public:
    explicit HelpDialog(QWidget *parent = nullptr);
    static QString text();
};

} // namespace de
