#include "pytorch_export.h"

#include "checkpoint.h"
#include "user_error.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace de {

void exportCheckpointToPth(const QString &checkpointPath, const QString &pthPath)
{
    LoadedCheckpoint loaded = loadCheckpoint(checkpointPath);
    // A plain dict of name -> tensor, parameters and buffers (BatchNorm statistics) alike, in the module's
    // order.
    c10::Dict<std::string, at::Tensor> state;
    for (const auto &p : loaded.model->named_parameters())
        state.insert(p.key(), p.value().detach().clone());
    for (const auto &b : loaded.model->named_buffers())
        state.insert(b.key(), b.value().detach().clone());
    std::vector<char> bytes;
    try {
        bytes = torch::pickle_save(c10::IValue(state));
    } catch (const c10::Error &e) {
        throw UserError(QCoreApplication::translate("PytorchExport", "Could not serialise the state_dict: %1")
                            .arg(QString::fromStdString(e.what_without_backtrace())));
    }
    QSaveFile file(pthPath);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()) || !file.commit())
        throw UserError(QCoreApplication::translate("PytorchExport", "Could not write %1: %2")
                            .arg(pthPath, file.errorString()));
}

} // namespace de
