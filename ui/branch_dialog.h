// "Paths not taken": the endings of a sample branched from one step of a run (the Denoising page's Branch
// here), beside the run's own ending.
#pragma once

#include "worker/work_types.h"

#include <QDialog>

class QLabel;

namespace de {

class ImageGridView;

class BranchDialog : public QDialog
{
    Q_OBJECT
public:
    explicit BranchDialog(QWidget *parent = nullptr);

    ImageGridView *view() const { return m_view; }
    // The run's own ending of sample `sample` (from runEnding, one image per sample), then the branches,
    // which started from `from`; shows the window.
    void showBranches(
        const ImageBatch &runEnding, int sample, const ImageBatch &branches, const SampleStep &from);
    // Forgets the branches (their run is gone) and hides the window.
    void clear();

signals:
    void branchAgain();

private:
    ImageGridView *m_view = nullptr;
    QLabel *m_label = nullptr;
};

} // namespace de
