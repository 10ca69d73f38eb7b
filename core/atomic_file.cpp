#include "atomic_file.h"

#include "user_error.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace de {

QString writeFileAtomically(const QString &path, const std::function<QString(QIODevice &)> &write)
{
    QSaveFile file(path);
    QString reason;
    if (!file.open(QIODevice::WriteOnly))
        reason = file.errorString();
    else if (reason = write(file); reason.isEmpty() && !file.commit())
        reason = file.errorString(); // a failed write() is remembered and makes commit() fail
    if (reason.isEmpty())
        return {};
    file.cancelWriting(); // the destructor then removes the temporary file
    return QCoreApplication::translate("AtomicFile", "Could not write %1: %2").arg(path, reason);
}

QString writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    return writeFileAtomically(path, [&bytes](QIODevice &device) {
        return device.write(bytes) == bytes.size() ? QString() : device.errorString();
    });
}

void writeFileOrThrow(const QString &path, const QByteArray &bytes)
{
    const QString problem = writeFileAtomically(path, bytes);
    if (!problem.isEmpty())
        throw UserError(problem);
}

} // namespace de
