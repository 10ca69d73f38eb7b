#include "branch_dialog.h"

#include "image_grid_view.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace de {

BranchDialog::BranchDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("denoising.branchDialog"));
    setWindowTitle(tr("Paths not taken"));
    m_view = new ImageGridView(this);
    m_view->setObjectName(QStringLiteral("denoising.branchView"));
    m_label = new QLabel(this);
    m_label->setWordWrap(true);
    auto *again = new QPushButton(tr("Branch again"), this);
    again->setToolTip(tr("Four more branches from the same step, with other noise"));
    connect(again, &QPushButton::clicked, this, &BranchDialog::branchAgain);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_label);
    layout->addWidget(m_view, 1);
    layout->addWidget(again, 0, Qt::AlignRight);
    resize(720, 300);
}

void BranchDialog::showBranches(
    const ImageBatch &runEnding, int sample, const ImageBatch &branches, const SampleStep &from)
{
    ImageBatch all = branches;
    all.values = runEnding.values.mid(sample * runEnding.imageSize(), runEnding.imageSize()) + all.values;
    all.n += 1;
    m_view->setImages(all, all.n);
    QStringList captions {tr("the run")};
    for (int i = 1; i < all.n; ++i)
        captions << tr("branch %1").arg(i);
    m_view->setCaptions(captions);
    m_label->setText(
        tr("Sample %1 branched at step %2 of %3 (t = %4): the same x_t, fresh noise from there on.")
            .arg(sample + 1)
            .arg(from.index)
            .arg(from.total)
            .arg(from.t));
    show();
    raise();
}

void BranchDialog::clear()
{
    m_view->setImages(ImageBatch());
    hide();
}

} // namespace de
