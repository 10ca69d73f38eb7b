// The data set readers on good and broken files: IDX (plain and gzip), Fashion-MNIST, and the emoji sprites.
#include "data/emoji_sprites.h"
#include "data/idx_reader.h"
#include "test_support.h"
#include "user_error.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

using namespace de;

namespace {

QByteArray gzip(const QByteArray &raw)
{
    z_stream zs {};
    deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&zs, uLong(raw.size()))), Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(raw.constData()));
    zs.avail_in = uInt(raw.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.truncate(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return out;
}

QByteArray ramp(int n)
{
    QByteArray b(n, Qt::Uninitialized);
    for (int i = 0; i < n; ++i)
        b[i] = char(i % 251);
    return b;
}

} // namespace

class DatasetsTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString writePair(
        const QString &folder, const QByteArray &images, const QByteArray &labels, bool compressed)
    {
        QDir(m_dir.path()).mkpath(folder);
        const QString dir = m_dir.filePath(folder);
        const QString suffix = compressed ? QStringLiteral(".gz") : QString();
        test::writeFile(
            dir + QStringLiteral("/train-images-idx3-ubyte") + suffix, compressed ? gzip(images) : images);
        test::writeFile(
            dir + QStringLiteral("/train-labels-idx1-ubyte") + suffix, compressed ? gzip(labels) : labels);
        return dir;
    }

private slots:
    void idxPair_data()
    {
        QTest::addColumn<bool>("compressed");
        QTest::newRow("plain IDX") << false;
        QTest::newRow("gzipped IDX") << true;
    }

    void idxPair()
    {
        QFETCH(bool, compressed);
        const QByteArray images = test::idxBytes({5, 4, 6}, ramp(5 * 4 * 6));
        const QByteArray labels = test::idxBytes({5}, QByteArray("\x00\x01\x02\x01\x00", 5));
        const QString dir = writePair(
            compressed ? QStringLiteral("gz") : QStringLiteral("plain"), images, labels, compressed);
        const ImageSet set = loadIdxDirectory(dir);
        QCOMPARE(set.count, 5);
        QCOMPARE(set.channels, 1);
        QCOMPARE(set.height, 4);
        QCOMPARE(set.width, 6);
        QCOMPARE(set.labels, (QVector<int> {0, 1, 2, 1, 0}));
        QCOMPARE(
            set.classNames, (QStringList {QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2")}));
        QCOMPARE(set.classCounts(), (QVector<int> {2, 2, 1}));
        QCOMPARE(set.pixels, ramp(120));
        QVERIFY(set.name.startsWith(QStringLiteral("idx:")));
    }

    void brokenIdx_data()
    {
        QTest::addColumn<QByteArray>("images");
        QTest::addColumn<QByteArray>("labels");
        QTest::addColumn<bool>("compressed");
        QTest::addColumn<QString>("message");
        const QByteArray goodLabels = test::idxBytes({3}, QByteArray(3, 0));
        QTest::newRow("wrong magic number") << QByteArray("\x12\x34\x08\x03", 4) + QByteArray(40, 0)
                                            << goodLabels << false << QStringLiteral("magic");
        QTest::newRow("truncated data") << test::idxBytes({3, 4, 4}, QByteArray(40, 0)) << goodLabels << false
                                        << QStringLiteral("truncated");
        QTest::newRow("truncated header")
            << QByteArray("\x00\x00\x08\x03\x00\x00", 6) << goodLabels << false << QStringLiteral("header");
        QTest::newRow("label count differs from image count")
            << test::idxBytes({3, 2, 2}, QByteArray(12, 0)) << test::idxBytes({4}, QByteArray(4, 0)) << false
            << QStringLiteral("4 labels");
        QTest::newRow("labels given as images")
            << test::idxBytes({3, 2, 2}, QByteArray(12, 0)) << test::idxBytes({3, 2, 2}, QByteArray(12, 0))
            << false << QStringLiteral("1 dimension");
        QTest::newRow("float data") << QByteArray("\x00\x00\x0d\x03", 4) + QByteArray(60, 0) << goodLabels
                                    << false << QStringLiteral("unsigned bytes");
    }

    void brokenIdx()
    {
        QFETCH(QByteArray, images);
        QFETCH(QByteArray, labels);
        QFETCH(bool, compressed);
        QFETCH(QString, message);
        const QString dir = writePair(
            QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')), images,
            labels, compressed);
        try {
            loadIdxDirectory(dir);
            QFAIL("a broken file loaded");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(message), qPrintable(e.message()));
            QVERIFY2(e.message().contains(dir), qPrintable(e.message()));
        }
    }

    void corruptGzipIsNamed()
    {
        QByteArray zipped = gzip(test::idxBytes({3, 2, 2}, QByteArray(12, 7)));
        const QString dir = m_dir.filePath(QStringLiteral("corrupt"));
        QDir().mkpath(dir);
        test::writeFile(dir + QStringLiteral("/train-images-idx3-ubyte.gz"), zipped.left(zipped.size() / 2));
        test::writeFile(
            dir + QStringLiteral("/train-labels-idx1-ubyte.gz"), gzip(test::idxBytes({3}, QByteArray(3, 0))));
        try {
            loadIdxDirectory(dir);
            QFAIL("a truncated gzip loaded");
        } catch (const UserError &e) {
            QVERIFY2(
                e.message().contains(QStringLiteral("train-images-idx3-ubyte.gz")), qPrintable(e.message()));
        }
        zipped[12] = char(zipped[12] ^ 0x5a);
        zipped[13] = char(zipped[13] ^ 0x33);
        test::writeFile(dir + QStringLiteral("/train-images-idx3-ubyte.gz"), zipped);
        QVERIFY_THROWS_EXCEPTION(UserError, loadIdxDirectory(dir));
    }

    void missingFilesAreNamed()
    {
        try {
            loadIdxDirectory(m_dir.filePath(QStringLiteral("absent")));
            QFAIL("a missing folder loaded");
        } catch (const UserError &e) {
            QVERIFY(e.message().contains(QStringLiteral("absent")));
        }
        QDir().mkpath(m_dir.filePath(QStringLiteral("emptyfolder")));
        try {
            loadIdxDirectory(m_dir.filePath(QStringLiteral("emptyfolder")));
            QFAIL("an empty folder loaded");
        } catch (const UserError &e) {
            QVERIFY(e.message().contains(QStringLiteral("train-images-idx3-ubyte")));
        }
    }

    void fashionMnist()
    {
        if (!QFile::exists(fashionMnistDirectory() + QStringLiteral("/train-images-idx3-ubyte.gz")))
            QSKIP("dataset-fashion-mnist is not installed");
        const ImageSet set = loadFashionMnist();
        QCOMPARE(set.count, 60000);
        QCOMPARE(set.height, 28);
        QCOMPARE(set.width, 28);
        QCOMPARE(set.classNames.size(), 10);
        QCOMPARE(set.classNames[9], QStringLiteral("Ankle boot"));
        for (int count : set.classCounts())
            QCOMPARE(count, 6000);
        QCOMPARE(set.name, QStringLiteral("fashion-mnist"));
    }

    void emojiTestParsing()
    {
        const QVector<EmojiEntry> entries = parseEmojiTest(EmojiSpriteOptions().emojiTestPath);
        QVERIFY(entries.size() > 1000);
        QCOMPARE(entries.first().text, QString::fromUtf8("\xF0\x9F\x98\x80")); // grinning face
        QCOMPARE(entries.first().name, QStringLiteral("grinning face"));
        QCOMPARE(entries.first().group, QStringLiteral("Smileys & Emotion"));
        QCOMPARE(emojiClassOf(entries.first()), 0);
        QVector<int> perClass(5, 0);
        for (const EmojiEntry &e : entries) {
            QVERIFY2(!e.name.contains(QStringLiteral("skin tone")), qPrintable(e.name));
            const int cls = emojiClassOf(e);
            if (cls >= 0)
                ++perClass[cls];
        }
        for (int count : perClass)
            QVERIFY(count >= 50);
        const EmojiEntry banana {QString(), QStringLiteral("banana"), QStringLiteral("Food & Drink"),
            QStringLiteral("food-fruit")};
        QCOMPARE(emojiClassOf(banana), 3);
        const EmojiEntry flag {
            QString(), QStringLiteral("flag"), QStringLiteral("Flags"), QStringLiteral("flag")};
        QCOMPARE(emojiClassOf(flag), -1);
    }

    void brokenEmojiList()
    {
        const QString bad = m_dir.filePath(QStringLiteral("emoji-bad.txt"));
        test::writeFile(
            bad, "# group: Food & Drink\n# subgroup: food-fruit\n1F34C fully-qualified without separators\n");
        try {
            parseEmojiTest(bad);
            QFAIL("a broken emoji list parsed");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("line 3")), qPrintable(e.message()));
        }
        QVERIFY_THROWS_EXCEPTION(UserError, parseEmojiTest(m_dir.filePath(QStringLiteral("missing.txt"))));
    }

    void emojiSpritesRenderThenCache()
    {
        EmojiSpriteOptions options;
        options.cacheDir = m_dir.filePath(QStringLiteral("cache"));
        options.maxPerClass = 6;
        bool fromCache = true;
        const ImageSet first = loadEmojiSprites(options, &fromCache);
        QVERIFY(!fromCache);
        QCOMPARE(first.count, 30);
        QCOMPARE(first.channels, 3);
        QCOMPARE(first.height, 16);
        QCOMPARE(first.classCounts(), (QVector<int> {6, 6, 6, 6, 6}));
        QVERIFY(first.augment);
        // Sprites are coloured shapes on a white background: corners white, centres not, colours present.
        int colourful = 0;
        for (int i = 0; i < first.count; ++i) {
            const uchar *img = first.imageData(i);
            QCOMPARE(int(img[0]), 255);
            const int centre = 8 * 16 + 8;
            const int r = img[centre], g = img[256 + centre], b = img[512 + centre];
            QVERIFY2(r < 250 || g < 250 || b < 250, qPrintable(QString::number(i)));
            colourful += (qMax(r, qMax(g, b)) - qMin(r, qMin(g, b))) > 40;
        }
        QVERIFY(colourful > first.count / 2);

        const ImageSet second = loadEmojiSprites(options, &fromCache);
        QVERIFY(fromCache);
        QCOMPARE(second.pixels, first.pixels);
        QCOMPARE(second.labels, first.labels);

        // A damaged cache is rendered again, not trusted.
        const QStringList cached = QDir(options.cacheDir).entryList(QDir::Files);
        QCOMPARE(cached.size(), 1);
        test::writeFile(QDir(options.cacheDir).filePath(cached.first()), QByteArray("garbage"));
        const ImageSet third = loadEmojiSprites(options, &fromCache);
        QVERIFY(!fromCache);
        QCOMPARE(third.pixels, first.pixels);
    }

    void missingFontIsNamed()
    {
        EmojiSpriteOptions options;
        options.cacheDir = m_dir.filePath(QStringLiteral("cache2"));
        options.fontPath = m_dir.filePath(QStringLiteral("NoSuchFont.ttf"));
        try {
            loadEmojiSprites(options);
            QFAIL("a missing font rendered");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("NoSuchFont.ttf")), qPrintable(e.message()));
        }
    }
};

QTEST_MAIN(DatasetsTest)
#include "test_datasets.moc"
