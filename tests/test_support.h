// Helpers shared by the tests: fixture paths, small synthetic data sets and a full disk.
#pragma once

#include "data/image_set.h"
#include "worker/work_types.h"

#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>

#include <csignal>

#include <sys/resource.h>

namespace de::test {

// A file-size limit for this process while it lives: write() past it fails (EFBIG, "File too large") as on a
// full disk, with SIGXFSZ ignored. lift() or the destructor restores the old limit.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_old);
        m_previous = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit small = m_old;
        small.rlim_cur = bytes;
        m_active = setrlimit(RLIMIT_FSIZE, &small) == 0;
    }
    ~FileSizeLimit() { lift(); }
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;
    bool isActive() const { return m_active; }
    void lift()
    {
        if (!m_active)
            return;
        setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_previous);
        m_active = false;
    }

private:
    struct rlimit m_old
    {
    };
    void (*m_previous)(int) = nullptr;
    bool m_active = false;
};

// One run of diffusion-explorer-cli: its exit status (-1 when it crashed or did not finish in time) and what
// it printed on each stream.
struct CliRun
{
    int status = -1;
    QString out, err;
};

inline CliRun runProgram(const QString &program, const QStringList &args, int timeoutMs = 240000)
{
    QProcess p;
    p.start(program, args);
    CliRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.status = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

inline CliRun runCli(const QStringList &args, int timeoutMs = 240000)
{
    return runProgram(QStringLiteral(DE_CLI_PATH), args, timeoutMs);
}

// diffusion-explorer-cli allowed files of 2 KiB at most (ulimit -f 2), with SIGXFSZ ignored, so that a write
// past the limit fails as on a full disk ("File too large") instead of killing the program.
inline CliRun runCliWithSmallFiles(const QStringList &args)
{
    return runProgram(QStringLiteral("/bin/bash"),
        QStringList {QStringLiteral("-c"), QStringLiteral("trap '' XFSZ; ulimit -f 2; exec \"$0\" \"$@\""),
            QStringLiteral(DE_CLI_PATH)}
            + args);
}

inline QString fixture(const QString &name)
{
    return QStringLiteral(DE_FIXTURES_DIR "/") + name;
}

// Where a test saves a screenshot for a person to look at: $DE_SCREENSHOT_DIR, or the build's
// tests/screenshots, never the folder the test was started in (so no picture lands in the source tree).
inline QString screenshotPath(const QString &name)
{
    QString dir = qEnvironmentVariable("DE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        dir = QStringLiteral(DE_TEST_OUTPUT_DIR "/screenshots");
    QDir().mkpath(dir);
    return QDir(dir).filePath(name);
}

// A labelled set whose classes differ visibly: class k is a bright square in quadrant k on a dark field.
inline ImageSet squaresSet(int count, int side, int channels, int classes)
{
    ImageSet set;
    set.name = QStringLiteral("squares");
    set.count = count;
    set.channels = channels;
    set.height = set.width = side;
    for (int k = 0; k < classes; ++k)
        set.classNames.push_back(QStringLiteral("class %1").arg(k));
    set.pixels.fill(char(20), qsizetype(count) * channels * side * side);
    for (int i = 0; i < count; ++i) {
        const int label = i % classes;
        set.labels.push_back(label);
        const int x0 = (label % 2) * side / 2, y0 = ((label / 2) % 2) * side / 2;
        uchar *img = reinterpret_cast<uchar *>(set.pixels.data()) + qsizetype(i) * set.imageBytes();
        for (int c = 0; c < channels; ++c)
            for (int y = y0; y < y0 + side / 2; ++y)
                for (int x = x0; x < x0 + side / 2; ++x)
                    img[(c * side + y) * side + x] = uchar(200 + 10 * c);
    }
    return set;
}

// Writes an IDX file of unsigned bytes with the given dimensions (no compression).
inline QByteArray idxBytes(const QVector<quint32> &dims, const QByteArray &data)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::BigEndian);
    out << quint32(0x0800 | dims.size());
    for (quint32 d : dims)
        out << d;
    bytes += data;
    return bytes;
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// A training of a width-8 model on the IDX folder `data` (writeSquaresIdx below): a few steps take a moment.
inline TrainRequest tinyTraining(
    const QString &data, const QString &out, qint64 steps, int batch, quint64 seed)
{
    TrainRequest r;
    r.dataset = QStringLiteral("idx:") + data;
    r.outPath = out;
    r.nFeat = 8;
    r.steps = steps;
    r.batch = batch;
    r.seed = seed;
    return r;
}

// Writes squaresSet(32, 16, 1, 2) as an MNIST-format IDX pair into `folder`, for "idx:FOLDER" data sets.
inline bool writeSquaresIdx(const QString &folder)
{
    const ImageSet set = squaresSet(32, 16, 1, 2);
    QByteArray labels;
    for (int l : set.labels)
        labels.append(char(l));
    return QDir().mkpath(folder)
        && writeFile(folder + QStringLiteral("/train-images-idx3-ubyte"), idxBytes({32, 16, 16}, set.pixels))
        && writeFile(folder + QStringLiteral("/train-labels-idx1-ubyte"), idxBytes({32}, labels));
}

} // namespace de::test
