// The NumPy reader (versions, byte orders, memory orders, dtypes, broken files), the course's sprite files,
// and folders of images, down to the CLI.
#include "data/dataset_catalog.h"
#include "data/extra_datasets.h"
#include "data/npy_reader.h"
#include "files/dataset_export.h"
#include "test_support.h"
#include "user_error.h"

#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace de;

namespace {

// A .npy file: version `major`, a dtype such as "<f4", and the raw element bytes as they should be stored.
QByteArray npyBytes(
    int major, const QString &descr, bool fortran, const QVector<qint64> &shape, const QByteArray &raw)
{
    QStringList dims;
    for (qint64 d : shape)
        dims << QString::number(d);
    QString shapeText = dims.join(QStringLiteral(", "));
    if (shape.size() == 1)
        shapeText += QLatin1Char(',');
    QByteArray header = QStringLiteral("{'descr': '%1', 'fortran_order': %2, 'shape': (%3), }")
                            .arg(descr, fortran ? QStringLiteral("True") : QStringLiteral("False"), shapeText)
                            .toLatin1();
    const int lengthBytes = major == 1 ? 2 : 4;
    const qsizetype unpadded = 8 + lengthBytes + header.size() + 1;
    header += QByteArray((64 - unpadded % 64) % 64, ' ') + '\n';
    QByteArray out("\x93NUMPY", 6);
    out += char(major);
    out += char(0);
    if (major == 1) {
        const quint16 n = qToLittleEndian<quint16>(quint16(header.size()));
        out.append(reinterpret_cast<const char *>(&n), 2);
    } else {
        const quint32 n = qToLittleEndian<quint32>(quint32(header.size()));
        out.append(reinterpret_cast<const char *>(&n), 4);
    }
    return out + header + raw;
}

template<typename T> QByteArray rawOf(const QVector<T> &values, bool bigEndian)
{
    QByteArray raw;
    for (T v : values) {
        QByteArray one(reinterpret_cast<const char *>(&v), sizeof(T));
        if (bigEndian)
            std::reverse(one.begin(), one.end());
        raw += one;
    }
    return raw;
}

} // namespace

class ExtraDatasetsTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void npyVariants_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("dtype");
        const QVector<double> values {1, 2, 3, 4, 5, 6}; // C order of [[1, 2, 3], [4, 5, 6]]
        const QVector<double> fortranValues {1, 4, 2, 5, 3, 6};
        QTest::newRow("v1 little-endian f8")
            << npyBytes(1, QStringLiteral("<f8"), false, {2, 3}, rawOf(values, false)) << "f8";
        QTest::newRow("v2 big-endian f8")
            << npyBytes(2, QStringLiteral(">f8"), false, {2, 3}, rawOf(values, true)) << "f8";
        QTest::newRow("v3 Fortran order f8")
            << npyBytes(3, QStringLiteral("<f8"), true, {2, 3}, rawOf(fortranValues, false)) << "f8";
        QTest::newRow("big-endian Fortran f4") << npyBytes(
            1, QStringLiteral(">f4"), true, {2, 3}, rawOf(QVector<float> {1, 4, 2, 5, 3, 6}, true))
                                               << "f4";
        QTest::newRow("i8") << npyBytes(
            1, QStringLiteral("<i8"), false, {2, 3}, rawOf(QVector<qint64> {1, 2, 3, 4, 5, 6}, false))
                            << "i8";
        QTest::newRow("u1") << npyBytes(
            1, QStringLiteral("|u1"), false, {2, 3}, QByteArray("\x01\x02\x03\x04\x05\x06", 6))
                            << "u1";
    }

    void npyVariants()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, dtype);
        const NpyArray a = parseNpy(file, QStringLiteral("test.npy"));
        QCOMPARE(a.dtype, dtype);
        QCOMPARE(a.shape, (QVector<qint64> {2, 3}));
        for (int i = 0; i < 6; ++i)
            QCOMPARE(a.at(i), double(i + 1));
    }

    void brokenNpy_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("message");
        const QByteArray good = npyBytes(1, QStringLiteral("<f8"), false, {2, 3}, QByteArray(48, 0));
        QTest::newRow("wrong magic") << QByteArray("PK\x03\x04 not numpy at all", 22)
                                     << QStringLiteral("wrong magic");
        QByteArray v9 = good;
        v9[6] = 9;
        QTest::newRow("unknown version") << v9 << QStringLiteral("version 9");
        QTest::newRow("truncated data") << good.left(good.size() - 8) << QStringLiteral("truncated");
        QTest::newRow("truncated header") << good.left(20) << QStringLiteral("header");
        QTest::newRow("complex numbers")
            << npyBytes(1, QStringLiteral("<c16"), false, {2}, QByteArray(32, 0)) << QStringLiteral("c16");
        QTest::newRow("shape whose product overflows")
            << npyBytes(1, QStringLiteral("<f8"), false, {1073741824, 1073741824, 16}, QByteArray(8, 0))
            << QStringLiteral("more data than");
        QTest::newRow("negative shape") << npyBytes(1, QStringLiteral("<f8"), false, {-2, 3},
            QByteArray(48, 0)) << QStringLiteral("impossible shape");
    }

    void brokenNpy()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, message);
        try {
            parseNpy(file, QStringLiteral("bad.npy"));
            QFAIL("a broken file parsed");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(message), qPrintable(e.message()));
            QVERIFY(e.message().contains(QStringLiteral("bad.npy")));
        }
    }

    void courseSpriteFiles()
    {
        // Three 16x16 RGB sprites, HWC, with the course's one-hot float64 labels.
        QByteArray pixels(3 * 16 * 16 * 3, 0);
        for (int n = 0; n < 3; ++n)
            for (int c = 0; c < 3; ++c)
                pixels[((n * 16 + 2) * 16 + 5) * 3 + c] = char(10 * n + c + 1); // pixel (y=2, x=5)
        QVERIFY(test::writeFile(path(QStringLiteral("sprites.npy")),
            npyBytes(1, QStringLiteral("|u1"), false, {3, 16, 16, 3}, pixels)));
        QVector<double> onehot(15, 0.0);
        onehot[0 * 5 + 2] = 1; // food
        onehot[1 * 5 + 0] = 1; // hero
        onehot[2 * 5 + 4] = 1; // side-facing
        QVERIFY(test::writeFile(path(QStringLiteral("labels.npy")),
            npyBytes(1, QStringLiteral("<f8"), false, {3, 5}, rawOf(onehot, false))));
        const ImageSet set
            = loadNpyImages(path(QStringLiteral("sprites.npy")), path(QStringLiteral("labels.npy")));
        QCOMPARE(set.count, 3);
        QCOMPARE(set.channels, 3);
        QCOMPARE(set.height, 16);
        QCOMPARE(set.labels, (QVector<int> {2, 0, 4}));
        QCOMPARE(set.classNames, courseSpriteClassNames());
        // Channel-major in memory: green of sprite 1 at (2, 5).
        QCOMPARE(int(set.imageData(1)[1 * 256 + 2 * 16 + 5]), 12);

        QVERIFY(test::writeFile(path(QStringLiteral("labels4.npy")),
            npyBytes(1, QStringLiteral("<i8"), false, {4}, rawOf(QVector<qint64> {0, 1, 1, 0}, false))));
        try {
            loadNpyImages(path(QStringLiteral("sprites.npy")), path(QStringLiteral("labels4.npy")));
            QFAIL("mismatched counts loaded");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("3 images"))
                    && e.message().contains(QStringLiteral("4 labels")),
                qPrintable(e.message()));
        }
        QVERIFY(test::writeFile(path(QStringLiteral("flat.npy")),
            npyBytes(1, QStringLiteral("|u1"), false, {3, 768}, QByteArray(3 * 768, 0))));
        QVERIFY_THROWS_EXCEPTION(UserError, loadNpyImages(path(QStringLiteral("flat.npy"))));
    }

    void floatImagesInZeroOneAreScaled()
    {
        QVERIFY(test::writeFile(path(QStringLiteral("float.npy")),
            npyBytes(1, QStringLiteral("<f4"), false, {1, 4, 4}, rawOf(QVector<float>(16, 0.5f), false))));
        const ImageSet set = loadNpyImages(path(QStringLiteral("float.npy")));
        QCOMPARE(set.channels, 1);
        QCOMPARE(int(set.imageData(0)[0]), 128);
        QCOMPARE(set.classNames, QStringList {QStringLiteral("all")});
    }

    void imageFolder()
    {
        const QString root = path(QStringLiteral("folder"));
        QDir().mkpath(root + QStringLiteral("/apples"));
        QDir().mkpath(root + QStringLiteral("/berries"));
        QImage red(20, 20, QImage::Format_RGB32);
        red.fill(Qt::red);
        QVERIFY(red.save(root + QStringLiteral("/apples/a.png")));
        QImage blue(8, 8, QImage::Format_RGB32);
        blue.fill(Qt::blue);
        QVERIFY(blue.save(root + QStringLiteral("/berries/b.jpg")));
        QVERIFY(test::writeFile(root + QStringLiteral("/berries/notes.txt"), "not an image"));
        ImageFolderOptions options;
        const ImageSet set = loadImageFolder(root, options);
        QCOMPARE(set.count, 2);
        QCOMPARE(set.classNames, (QStringList {QStringLiteral("apples"), QStringLiteral("berries")}));
        QCOMPARE(set.height, 16);
        QCOMPARE(int(set.imageData(0)[0]), 255); // red channel of the apple
        QCOMPARE(int(set.imageData(0)[256]), 0); // its green
        QVERIFY(int(set.imageData(1)[2 * 256]) > 240); // blue channel of the berry (JPEG: nearly 255)
        options.grayscale = true;
        options.side = 8;
        const ImageSet grey = loadImageFolder(root, options);
        QCOMPARE(grey.channels, 1);
        QCOMPARE(grey.width, 8);

        QDir().mkpath(path(QStringLiteral("flatfolder")));
        try {
            loadImageFolder(path(QStringLiteral("flatfolder")));
            QFAIL("a folder without classes loaded");
        } catch (const UserError &e) {
            QVERIFY(e.message().contains(QStringLiteral("subfolder")));
        }
    }

    // dataset --export writes the course's layout; npy:FOLDER reads it back exactly, class names included.
    // (tests/check_ddp.sh reads the same files with NumPy.)
    void exportReadsBackExactly()
    {
        ImageSet set;
        set.name = QStringLiteral("folder:/somewhere");
        set.count = 5;
        set.channels = 3;
        set.height = set.width = 4;
        set.classNames = {QStringLiteral("round"), QStringLiteral("square"), QStringLiteral("星形")};
        set.labels = {2, 0, 1, 2, 0};
        for (qsizetype i = 0; i < set.count * set.imageBytes(); ++i)
            set.pixels.append(char((i * 37 + 11) % 256));
        const QString folder = m_dir.filePath(QStringLiteral("export/course"));
        exportCourseLayout(set, folder);

        const NpyArray images = readNpy(folder + QStringLiteral("/images.npy"));
        QCOMPARE(images.dtype, QStringLiteral("u1"));
        QCOMPARE(images.shape, (QVector<qint64> {5, 4, 4, 3}));
        // Pixel (n=1, y=2, x=3, c=1) of the file is channel-major byte c*16 + y*4 + x of image 1.
        QCOMPARE(images.at(((1 * 4 + 2) * 4 + 3) * 3 + 1), double(uchar(set.imageData(1)[16 + 2 * 4 + 3])));
        const NpyArray labels = readNpy(folder + QStringLiteral("/labels.npy"));
        QCOMPARE(labels.dtype, QStringLiteral("f8"));
        QCOMPARE(labels.shape, (QVector<qint64> {5, 3}));
        QCOMPARE(labels.at(0 * 3 + 2), 1.0);
        QCOMPARE(labels.at(0 * 3 + 0), 0.0);

        DatasetSpec spec;
        spec.name = QStringLiteral("npy:") + folder;
        const ImageSet back = loadDataset(spec);
        QCOMPARE(back.pixels, set.pixels);
        QCOMPARE(back.labels, set.labels);
        QCOMPARE(back.classNames, set.classNames);
        QCOMPARE(back.channels, 3);

        // A classes.json that is not ours is left alone; ours naming another number of classes is refused.
        QFile other(folder + QStringLiteral("/classes.json"));
        QVERIFY(other.open(QIODevice::WriteOnly | QIODevice::Truncate));
        other.write(R"({"0": "tench", "1": "goldfish"})");
        other.close();
        QCOMPARE(loadDataset(spec).classNames,
            (QStringList {QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2")}));
        QFile classes(folder + QStringLiteral("/classes.json"));
        QVERIFY(classes.open(QIODevice::WriteOnly | QIODevice::Truncate));
        classes.write(R"({"classes": ["a", "b"]})");
        classes.close();
        try {
            loadDataset(spec);
            QFAIL("two class names for three classes were accepted");
        } catch (const UserError &e) {
            QVERIFY2(
                e.message().contains(QStringLiteral("classes.json names 2 classes but the labels have 3")),
                qPrintable(e.message()));
        }
        // A folder that is a file cannot be written to.
        QFile blocker(m_dir.filePath(QStringLiteral("export/blocker")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        try {
            exportCourseLayout(set, blocker.fileName());
            QFAIL("exported into a file");
        } catch (const WriteError &e) {
            QVERIFY2(
                e.message().contains(QStringLiteral("is a file, not a folder")), qPrintable(e.message()));
        }
    }

    void cliTrainsOnTheNewDataSets()
    {
        const QString root = path(QStringLiteral("cli"));
        QDir().mkpath(root + QStringLiteral("/one"));
        QDir().mkpath(root + QStringLiteral("/two"));
        for (int i = 0; i < 3; ++i) {
            QImage img(16, 16, QImage::Format_RGB32);
            img.fill(QColor(40 * i, 100, 200));
            QVERIFY(img.save(root
                + QStringLiteral("/%1/%2.png")
                      .arg(i % 2 ? QStringLiteral("one") : QStringLiteral("two"))
                      .arg(i)));
        }
        QProcess p;
        p.start(QStringLiteral(DE_CLI_PATH),
            {QStringLiteral("train"), QStringLiteral("--dataset"), QStringLiteral("folder:") + root,
                QStringLiteral("--image-size"), QStringLiteral("20"), QStringLiteral("--steps"),
                QStringLiteral("2"), QStringLiteral("--n-feat"), QStringLiteral("8"),
                QStringLiteral("--batch"), QStringLiteral("2"), QStringLiteral("--out"),
                path(QStringLiteral("folder.ckpt"))});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(p.readAllStandardOutput().contains("3x20x20"));
        // A size the U-Net cannot take is refused with the rule, before any training.
        p.start(QStringLiteral(DE_CLI_PATH),
            {QStringLiteral("train"), QStringLiteral("--dataset"), QStringLiteral("folder:") + root,
                QStringLiteral("--image-size"), QStringLiteral("8"), QStringLiteral("--steps"),
                QStringLiteral("2"), QStringLiteral("--out"), path(QStringLiteral("small.ckpt"))});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("between 16 and 256"));
    }
};

QTEST_MAIN(ExtraDatasetsTest)
#include "test_extra_datasets.moc"
