#include "atomic_file.h"

#include "user_error.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace de {

namespace {

// Hands writes on to the file whole: a file device reports a write cut short (the disk filled up in the
// middle) as a short count without an error, so the rest is written again, which then fails with the
// system's reason ("No space left on device"); that reason becomes this device's error.
class WholeWrites : public QIODevice
{
public:
    explicit WholeWrites(QSaveFile &file)
        : m_file(file)
    {
        QIODevice::open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    }
    QString problem() const { return m_problem; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        for (qint64 done = 0; done < size;) {
            const qint64 written = m_file.write(data + done, size - done);
            if (written <= 0) {
                m_problem = m_file.errorString();
                setErrorString(m_problem);
                return -1;
            }
            done += written;
        }
        return size;
    }

private:
    QSaveFile &m_file;
    QString m_problem;
};

} // namespace

QString writeFileAtomically(const QString &path, const std::function<QString(QIODevice &)> &write)
{
    QSaveFile file(path);
    QString reason;
    // Unbuffered, so that a failing write fails at once, where WholeWrites learns why.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        reason = file.errorString();
    } else {
        WholeWrites device(file);
        reason = write(device);
        if (!device.problem().isEmpty()) // the system's reason beats a writer's "Write Error"
            reason = device.problem();
        else if (reason.isEmpty() && !file.commit())
            reason = file.errorString(); // a failed flush is remembered and makes commit() fail
    }
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
        throw WriteError(problem);
}

} // namespace de
