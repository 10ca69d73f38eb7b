#include "explorer_session.h"

#include "checkpoint_info.h"
#include "user_error.h"

#include <QFileInfo>
#include <QSettings>

namespace de {

ExplorerSession::ExplorerSession(QObject *parent)
    : QObject(parent)
    , m_sampling(std::make_unique<DiffusionEngine>())
    , m_training(std::make_unique<DiffusionEngine>())
    , m_data(std::make_unique<DiffusionEngine>())
{
    connect(m_data->worker(), &DiffusionWorker::datasetLoaded, this, &ExplorerSession::setDataset);
}

ExplorerSession::~ExplorerSession()
{
    shutDown();
}

QString ExplorerSession::openCheckpoint(const QString &path)
{
    try {
        m_info = readCheckpointInfo(path);
    } catch (const UserError &e) {
        return e.message();
    }
    m_checkpointPath = QFileInfo(path).absoluteFilePath();
    QSettings().setValue(QStringLiteral("session/lastCheckpoint"), m_checkpointPath);
    emit checkpointChanged();
    return {};
}

void ExplorerSession::setDataset(const ImageSet &set)
{
    m_dataset = set;
    emit datasetChanged();
}

void ExplorerSession::shutDown()
{
    for (DiffusionEngine *engine : {m_sampling.get(), m_training.get(), m_data.get()})
        if (engine)
            engine->cancel();
    m_sampling.reset();
    m_training.reset();
    m_data.reset();
}

} // namespace de
