#include "explorer_session.h"

#include "atomic_file.h"
#include "files/bundled_models.h"
#include "files/checkpoint_info.h"
#include "files/conversion.h"
#include "files/model_file.h"
#include "user_error.h"

#include <QFileInfo>
#include <QSettings>

namespace de {

ExplorerSession::ExplorerSession(QObject *parent)
    : QObject(parent)
    , m_sampling(std::make_unique<DiffusionEngine>())
    , m_training(std::make_unique<DiffusionEngine>())
    , m_data(std::make_unique<DiffusionEngine>())
    , m_evaluation(std::make_unique<DiffusionEngine>())
    , m_inspection(std::make_unique<DiffusionEngine>())
    , m_play(std::make_unique<DiffusionEngine>())
{
    connect(m_data->worker(), &DiffusionWorker::datasetLoaded, this, &ExplorerSession::setDataset);
}

ExplorerSession::~ExplorerSession()
{
    shutDown();
}

QString ExplorerSession::openCheckpoint(const QString &path, bool remember)
{
    QString resolved;
    try {
        resolved = resolveModelPath(path);
        m_info = readCheckpointInfo(resolved);
    } catch (const UserError &e) {
        return e.message();
    }
    // Resource paths (the bundled models) are absolute already.
    m_checkpointPath
        = resolved.startsWith(QLatin1Char(':')) ? resolved : QFileInfo(resolved).absoluteFilePath();
    if (remember)
        QSettings().setValue(QStringLiteral("session/lastCheckpoint"), m_checkpointPath);
    emit checkpointChanged();
    return {};
}

QString ExplorerSession::saveCheckpointAs(const QString &path)
{
    if (!hasCheckpoint())
        return tr("Open or train a checkpoint first.");
    const bool toPth = path.endsWith(QStringLiteral(".pth"), Qt::CaseInsensitive)
        || path.endsWith(QStringLiteral(".pt"), Qt::CaseInsensitive);
    if (QFileInfo(path).absoluteFilePath() == m_checkpointPath)
        return {};
    if (!toPth && m_info.format == CheckpointInfo::Format::Native) {
        QFile in(m_checkpointPath);
        if (!in.open(QIODevice::ReadOnly))
            return tr("Could not read %1: %2").arg(m_checkpointPath, in.errorString());
        const QString problem = writeFileAtomically(path, in.readAll());
        if (!problem.isEmpty())
            return problem;
    } else {
        try {
            convertCheckpoint(m_checkpointPath, path);
        } catch (const UserError &e) {
            return e.message();
        }
    }
    return openCheckpoint(path);
}

void ExplorerSession::setDataset(const ImageSet &set)
{
    m_dataset = set;
    emit datasetChanged();
}

void ExplorerSession::shutDown()
{
    for (DiffusionEngine *engine : {m_sampling.get(), m_training.get(), m_data.get(), m_evaluation.get(),
             m_inspection.get(), m_play.get()})
        if (engine)
            engine->cancel();
    m_play.reset();
    m_inspection.reset();
    m_sampling.reset();
    m_training.reset();
    m_data.reset();
    m_evaluation.reset();
}

} // namespace de
