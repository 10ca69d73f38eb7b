// Image grids and .npy files: what the CLI writes, and what every writer does when the disk is full.
#include "atomic_file.h"
#include "data/image_batch.h"
#include "files/gif_writer.h"
#include "files/npy_writer.h"
#include "files/png_writer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/resource.h>

using namespace de;

class ImageFilesTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    // Every writer on a full disk (a file-size limit of 4 KiB, which fails write() as a full disk does, with
    // SIGXFSZ ignored): the message names the file and the system's reason, the file that was there is
    // unchanged, and no temporary file is left. A path that is a folder is refused by name.
    void writersOnAFullDiskKeepTheEarlierFile()
    {
        QTemporaryDir dir;
        const QByteArray earlier("the earlier file");
        auto prepare = [&](const QString &name) {
            QFile f(dir.filePath(name));
            f.open(QIODevice::WriteOnly);
            f.write(earlier);
            return f.fileName();
        };
        QImage picture(200, 200, QImage::Format_RGB32);
        for (int y = 0; y < 200; ++y)
            for (int x = 0; x < 200; ++x)
                picture.setPixel(x, y, qRgb(x * 7 % 256, y * 13 % 256, (x * y) % 256)); // compresses badly
        const QVector<float> values(20000, 0.5f);
        QStringList messages;
        {
            struct rlimit old;
            QVERIFY(getrlimit(RLIMIT_FSIZE, &old) == 0);
            const auto previous = std::signal(SIGXFSZ, SIG_IGN);
            struct rlimit small = old;
            small.rlim_cur = 4096;
            QVERIFY(setrlimit(RLIMIT_FSIZE, &small) == 0);
            messages << writePngAtomically(prepare(QStringLiteral("a.png")), picture)
                     << writeAnimatedGif(prepare(QStringLiteral("a.gif")), {picture, picture.mirrored()})
                     << writeNpyFloat32(
                            prepare(QStringLiteral("a.npy")), {20000}, values.constData(), values.size())
                     << writeFileAtomically(prepare(QStringLiteral("a.ckpt")), QByteArray(10000, 'x'));
            setrlimit(RLIMIT_FSIZE, &old);
            std::signal(SIGXFSZ, previous);
        }
        const QStringList names {QStringLiteral("a.png"), QStringLiteral("a.gif"), QStringLiteral("a.npy"),
            QStringLiteral("a.ckpt")};
        for (int i = 0; i < names.size(); ++i) {
            QVERIFY2(messages[i].contains(dir.filePath(names[i])), qPrintable(messages[i]));
            QVERIFY2(messages[i].contains(QStringLiteral("File too large")), qPrintable(messages[i]));
            QFile f(dir.filePath(names[i]));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), earlier);
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
            QStringList({QStringLiteral("a.ckpt"), QStringLiteral("a.gif"), QStringLiteral("a.npy"),
                QStringLiteral("a.png")}));

        QDir(dir.path()).mkdir(QStringLiteral("folder"));
        const QString problem = writeFileAtomically(dir.filePath(QStringLiteral("folder")), QByteArray("x"));
        QVERIFY2(problem.contains(dir.filePath(QStringLiteral("folder"))), qPrintable(problem));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("folder"))).isDir());
    }

    void imageMapsMinusOneToOneOntoBytes()
    {
        ImageBatch b {1, 3, 1, 3, {-1.0f, 0.0f, 2.0f, /*g*/ -1.0f, -1.0f, 1.0f, /*b*/ -5.0f, 1.0f, 1.0f}};
        const QImage img = b.image(0);
        QCOMPARE(img.size(), QSize(3, 1));
        QCOMPARE(img.pixel(0, 0), qRgb(0, 0, 0));
        QCOMPARE(img.pixel(1, 0), qRgb(128, 0, 255));
        QCOMPARE(img.pixel(2, 0), qRgb(255, 255, 255));
        QVERIFY(b.image(1).isNull());
    }

    void greyImagesUseOneChannel()
    {
        ImageBatch b {1, 1, 1, 2, {-1.0f, 1.0f}};
        QCOMPARE(b.image(0).pixel(1, 0), qRgb(255, 255, 255));
    }

    void gridPlacesImagesInRowsWithGaps()
    {
        ImageBatch b {5, 1, 2, 2, QVector<float>(20, -1.0f)};
        const QImage g = b.grid(3, 4, 2, Qt::white);
        // 3 columns of 8 px with 4 gaps of 2; 2 rows of 8 px with 3 gaps.
        QCOMPARE(g.size(), QSize(3 * 8 + 4 * 2, 2 * 8 + 3 * 2));
        QCOMPARE(g.pixel(2, 2), qRgb(0, 0, 0)); // first image
        QCOMPARE(g.pixel(0, 0), qRgb(255, 255, 255)); // gap
        QCOMPARE(g.pixel(g.width() - 3, g.height() - 3), qRgb(255, 255, 255)); // the empty sixth cell
    }

    void animatedGifHasOneFramePerImage()
    {
        QVector<QImage> frames;
        for (int i = 0; i < 5; ++i) {
            QImage img(12, 8, QImage::Format_RGB32);
            img.fill(QColor(i * 50, 255 - i * 50, 0));
            frames.push_back(img);
        }
        const QString path = m_dir.filePath(QStringLiteral("a.gif"));
        QCOMPARE(writeAnimatedGif(path, frames, 5), QString());
        QImageReader reader(path);
        QVERIFY(reader.canRead());
        QCOMPARE(reader.imageCount(), 5);
        QCOMPARE(reader.size(), QSize(12, 8));
        const QImage first = reader.read();
        QCOMPARE(QColor(first.pixel(3, 3)), QColor(0, 255, 0)); // on the palette exactly
        QCOMPARE(reader.loopCount(), -1); // forever
        frames[2] = QImage(4, 4, QImage::Format_RGB32);
        QVERIFY(writeAnimatedGif(m_dir.filePath(QStringLiteral("b.gif")), frames)
                    .contains(QStringLiteral("same size")));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("b.gif"))));
    }

    void npyHeaderAndData()
    {
        const QString path = m_dir.filePath(QStringLiteral("a.npy"));
        const QVector<float> data {1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f};
        QCOMPARE(writeNpyFloat32(path, {2, 1, 3}, data.constData(), data.size()), QString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QCOMPARE(bytes.left(8), QByteArray("\x93NUMPY\x01\x00", 8));
        const int headerLen = uchar(bytes[8]) | (uchar(bytes[9]) << 8);
        QCOMPARE((10 + headerLen) % 64, 0);
        const QByteArray header = bytes.mid(10, headerLen);
        QVERIFY(header.contains("'descr': '<f4'"));
        QVERIFY(header.contains("'shape': (2, 1, 3)"));
        QVERIFY(header.endsWith('\n'));
        QCOMPARE(bytes.size(), 10 + headerLen + 6 * 4);
        float back[6];
        std::memcpy(back, bytes.constData() + 10 + headerLen, sizeof(back));
        QCOMPARE(back[5], 6.0f);
    }

    void npyOneDimensionalShapeHasTrailingComma()
    {
        const QString path = m_dir.filePath(QStringLiteral("b.npy"));
        const float v[2] = {1, 2};
        QCOMPARE(writeNpyFloat32(path, {2}, v, 2), QString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("'shape': (2,)"));
    }

    void npyShapeMismatchIsExplained()
    {
        const float v[3] = {1, 2, 3};
        const QString message = writeNpyFloat32(m_dir.filePath(QStringLiteral("c.npy")), {2, 2}, v, 3);
        QVERIFY2(message.contains(QStringLiteral("2x2")), qPrintable(message));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("c.npy"))));
    }
};

QTEST_GUILESS_MAIN(ImageFilesTest)
#include "test_image_files.moc"
