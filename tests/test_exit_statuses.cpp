// The command line's exit statuses agree in every command: a missing, unreadable or damaged input file
// (checkpoint, --resume, classifier, data set, start image, mask) gives status 2 and a message naming the
// file; work that fails midway (here: the output cannot be written) gives 1.
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using de::test::CliRun;
using de::test::runCli;

class ExitStatusTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    void write(const QString &name, const QByteArray &bytes) const
    {
        QFile f(path(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(bytes), bytes.size());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QByteArray noise(4096, Qt::Uninitialized);
        QRandomGenerator rng(7);
        for (char &c : noise)
            c = char(rng.bounded(256));
        for (const char *name : {"noise.ckpt", "noise.png", "noise.npy"})
            write(QString::fromLatin1(name), noise);
        QVERIFY(de::test::writeSquaresIdx(path(QStringLiteral("squares"))));
        QImage picture(16, 16, QImage::Format_RGB32);
        picture.fill(Qt::darkCyan);
        QVERIFY(picture.save(path(QStringLiteral("picture.png"))));
        // A real checkpoint cut short, as a copy interrupted halfway leaves it.
        const CliRun trained = runCli({QStringLiteral("train"), QStringLiteral("--dataset"),
            QStringLiteral("idx:") + path(QStringLiteral("squares")), QStringLiteral("--n-feat"),
            QStringLiteral("8"), QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--batch"),
            QStringLiteral("4"), QStringLiteral("--out"), path(QStringLiteral("whole.ckpt"))});
        QVERIFY2(trained.status == 0, qPrintable(trained.err));
        QFile whole(path(QStringLiteral("whole.ckpt")));
        QVERIFY(whole.open(QIODevice::ReadOnly));
        const QByteArray bytes = whole.readAll();
        write(QStringLiteral("cut.ckpt"), bytes.left(bytes.size() / 2));
        // Images with the wrong name: a "PNG" that holds text.
        write(QStringLiteral("text.png"), "not an image\n");
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("empty-folder")));
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("empty-folder.pth")));
    }

    void damagedInputGivesTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("named"); // the file the message must name
        const QString noise = path(QStringLiteral("noise.ckpt")), cut = path(QStringLiteral("cut.ckpt")),
                      missing = path(QStringLiteral("missing.ckpt")), out = path(QStringLiteral("out.png"));
        const QString bundled = QStringLiteral("bundled:sprites");
        auto sample = [&](const QStringList &extra) {
            return QStringList {QStringLiteral("sample"), QStringLiteral("--checkpoint"), bundled,
                       QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--out"), out}
            + extra;
        };
        auto train = [&](const QStringList &extra) {
            return QStringList {QStringLiteral("train"), QStringLiteral("--steps"), QStringLiteral("2"),
                       QStringLiteral("--n-feat"), QStringLiteral("8"), QStringLiteral("--out"),
                       path(QStringLiteral("t.ckpt"))}
            + extra;
        };
        const QString noiseNpy = QStringLiteral("npy:") + path(QStringLiteral("noise.npy"));
        const QString squares = path(QStringLiteral("squares"));
        for (const auto &[kind, file] :
            {std::pair {"noise", noise}, {"cut short", cut}, {"missing", missing}}) {
            const QString k = QString::fromLatin1(kind);
            QTest::newRow(qPrintable(QStringLiteral("info, checkpoint ") + k))
                << QStringList {QStringLiteral("info"), file} << file;
            QTest::newRow(qPrintable(QStringLiteral("sample, checkpoint ") + k)) << QStringList {
                QStringLiteral("sample"), QStringLiteral("--checkpoint"), file, QStringLiteral("--out"),
                out} << file;
            QTest::newRow(qPrintable(QStringLiteral("interpolate, checkpoint ") + k))
                << QStringList {QStringLiteral("interpolate"), QStringLiteral("--checkpoint"), file,
                       QStringLiteral("--seeds"), QStringLiteral("1,2"), QStringLiteral("--out"), out}
                << file;
            QTest::newRow(qPrintable(QStringLiteral("evaluate, checkpoint ") + k))
                << QStringList {QStringLiteral("evaluate"), QStringLiteral("--checkpoint"), file} << file;
            QTest::newRow(qPrintable(QStringLiteral("evaluate, classifier ") + k)) << QStringList {
                QStringLiteral("evaluate"), QStringLiteral("--checkpoint"), bundled,
                QStringLiteral("--classifier"), file, QStringLiteral("--n-per-class"),
                QStringLiteral("2")} << file;
            QTest::newRow(qPrintable(QStringLiteral("embeddings, checkpoint ") + k))
                << QStringList {QStringLiteral("embeddings"), QStringLiteral("--checkpoint"), file} << file;
            QTest::newRow(qPrintable(QStringLiteral("export, checkpoint ") + k))
                << QStringList {QStringLiteral("export"), file, path(QStringLiteral("x.pth"))} << file;
            QTest::newRow(qPrintable(QStringLiteral("convert, checkpoint ") + k))
                << QStringList {QStringLiteral("convert"), file, path(QStringLiteral("x.pth"))} << file;
            QTest::newRow(qPrintable(QStringLiteral("train --resume ") + k)) << train(
                {QStringLiteral("--dataset"), QStringLiteral("idx:") + squares, QStringLiteral("--resume"),
                    file}) << file;
        }
        const QString noisePng = path(QStringLiteral("noise.png")),
                      textPng = path(QStringLiteral("text.png"));
        const QString goodPng = path(QStringLiteral("picture.png"));
        QTest::newRow("sample, start image of noise")
            << sample({QStringLiteral("--init"), noisePng, QStringLiteral("--start-t"), QStringLiteral("10")})
            << noisePng;
        QTest::newRow("sample, start image of text")
            << sample({QStringLiteral("--init"), textPng, QStringLiteral("--start-t"), QStringLiteral("10")})
            << textPng;
        QTest::newRow("sample, mask of noise") << sample({QStringLiteral("--init"), goodPng,
            QStringLiteral("--start-t"), QStringLiteral("10"), QStringLiteral("--mask"), noisePng})
                                               << noisePng;
        const QString folder = path(QStringLiteral("empty-folder"));
        const QString missingFolder = path(QStringLiteral("no-folder"));
        const QList<std::pair<QString, QString>> sets {{noiseNpy, path(QStringLiteral("noise.npy"))},
            {QStringLiteral("idx:") + missingFolder, missingFolder},
            {QStringLiteral("folder:") + folder, folder}};
        for (const auto &[set, named] : sets) {
            QTest::newRow(
                qPrintable(QStringLiteral("train, data set ") + set.section(QLatin1Char(':'), 0, 0)))
                << train({QStringLiteral("--dataset"), set}) << named;
            QTest::newRow(qPrintable(
                QStringLiteral("train-classifier, data set ") + set.section(QLatin1Char(':'), 0, 0)))
                << QStringList {QStringLiteral("train-classifier"), QStringLiteral("--dataset"), set,
                       QStringLiteral("--out"), path(QStringLiteral("c.ckpt"))}
                << named;
            QTest::newRow(
                qPrintable(QStringLiteral("dataset, data set ") + set.section(QLatin1Char(':'), 0, 0)))
                << QStringList {QStringLiteral("dataset"), QStringLiteral("--dataset"), set} << named;
            QTest::newRow(
                qPrintable(QStringLiteral("evaluate, data set ") + set.section(QLatin1Char(':'), 0, 0)))
                << QStringList {QStringLiteral("evaluate"), QStringLiteral("--checkpoint"), bundled,
                       QStringLiteral("--dataset"), set, QStringLiteral("--n-per-class"), QStringLiteral("2")}
                << named;
        }
    }

    void damagedInputGivesTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, named);
        const CliRun r = runCli(args);
        QVERIFY2(r.status == 2, qPrintable(QStringLiteral("status %1: %2").arg(r.status).arg(r.err)));
        QVERIFY2(
            r.err.contains(QDir::toNativeSeparators(named)) || r.err.contains(QFileInfo(named).fileName()),
            qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("Usage:")), qPrintable(r.err)); // a named problem, not help
    }

    // Good input, but the result cannot be written (the output path is a folder, or is in a folder that does
    // not exist): the work failed, status 1, and the message names the path.
    void failedWorkGivesOne_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("named");
        const QString folder = path(QStringLiteral("empty-folder"));
        const QString missing = path(QStringLiteral("no-such-folder/out"));
        for (const QString &out : {folder, missing}) {
            const char *where = out == folder ? "a folder" : "a missing folder";
            QTest::addRow("sample into %s", where) << QStringList {QStringLiteral("sample"),
                QStringLiteral("--checkpoint"), QStringLiteral("bundled:sprites"), QStringLiteral("--steps"),
                QStringLiteral("2"), QStringLiteral("--n"), QStringLiteral("1"), QStringLiteral("--out"), out}
                                                   << out;
            QTest::addRow("export into %s", where)
                << QStringList {QStringLiteral("export"), QStringLiteral("bundled:sprites"), out} << out;
            QTest::addRow("dataset into %s", where) << QStringList {QStringLiteral("dataset"),
                QStringLiteral("--dataset"), QStringLiteral("idx:") + path(QStringLiteral("squares")),
                QStringLiteral("--out"), out} << out;
        }
        QTest::newRow("convert into a folder") << QStringList {QStringLiteral("convert"),
            path(QStringLiteral("whole.ckpt")), path(QStringLiteral("empty-folder.pth"))}
                                               << path(QStringLiteral("empty-folder.pth"));
        QTest::newRow("convert into a missing folder") << QStringList {QStringLiteral("convert"),
            path(QStringLiteral("whole.ckpt")), missing + QStringLiteral(".pth")}
                                                       << missing + QStringLiteral(".pth");
    }

    void failedWorkGivesOne()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, named);
        const CliRun r = runCli(args);
        QVERIFY2(r.status == 1, qPrintable(QStringLiteral("status %1: %2").arg(r.status).arg(r.err)));
        QVERIFY2(r.err.contains(named), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(ExitStatusTest)
#include "test_exit_statuses.moc"
