// What the pages share: the worker engines (sampling, training, data), the open checkpoint and the loaded
// data set. Pages talk to the core only through this and the engines' signals.
#pragma once

#include "data/image_set.h"
#include "worker/diffusion_worker.h"
#include "worker/work_types.h"

#include <QObject>

#include <memory>

namespace de {

class ExplorerSession : public QObject
{
    Q_OBJECT
public:
    explicit ExplorerSession(QObject *parent = nullptr);
    ~ExplorerSession() override;

    DiffusionEngine *sampling() const { return m_sampling.get(); }
    DiffusionEngine *training() const { return m_training.get(); }
    DiffusionEngine *data() const { return m_data.get(); }
    DiffusionEngine *evaluation() const { return m_evaluation.get(); }
    // Short single passes for the views that inspect the model (the embedding view), so that they never wait
    // behind a generation or an evaluation.
    DiffusionEngine *inspection() const { return m_inspection.get(); }
    // The Play page's runs (drawings denoised, walks), apart from the Denoising page's.
    DiffusionEngine *play() const { return m_play.get(); }

    // Reads the checkpoint's description; on failure leaves the current one open and returns the reason.
    // "bundled:NAME" opens a bundled model.
    // With remember, the next start opens it again.
    QString openCheckpoint(const QString &path, bool remember = true);
    // Writes the open model to path (atomically) and opens the copy: a .pth name gets a PyTorch state_dict,
    // any other name a checkpoint (a checkpoint is copied whole, optimizer state included). Empty, or the
    // problem.
    QString saveCheckpointAs(const QString &path);
    bool hasCheckpoint() const { return !m_checkpointPath.isEmpty(); }
    QString checkpointPath() const { return m_checkpointPath; }
    const CheckpointInfo &checkpointInfo() const { return m_info; }

    void setDataset(const ImageSet &set);
    const ImageSet &dataset() const { return m_dataset; }

    // Stops every job (training saves its checkpoint first) and waits for the workers.
    void shutDown();

signals:
    void checkpointChanged();
    void datasetChanged();

private:
    std::unique_ptr<DiffusionEngine> m_sampling, m_training, m_data, m_evaluation, m_inspection, m_play;
    QString m_checkpointPath;
    CheckpointInfo m_info;
    ImageSet m_dataset;
};

} // namespace de
