#include "data/emoji_sprites.h"

#include "atomic_file.h"
#include "user_error.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QMutex>
#include <QPainter>
#include <QStandardPaths>
#include <QTextStream>

namespace de {

static constexpr quint32 kCacheMagic = 0x44454553; // "DEES"
static constexpr quint32 kCacheVersion = 1;
static constexpr quint8 kBackground = 255; // white

QStringList emojiClassNames()
{
    return {QStringLiteral("faces"), QStringLiteral("people"), QStringLiteral("animals"),
        QStringLiteral("food"), QStringLiteral("objects")};
}

int emojiClassOf(const EmojiEntry &e)
{
    if (e.group == QLatin1String("Smileys & Emotion") && e.subgroup.startsWith(QLatin1String("face-")))
        return 0;
    if (e.group == QLatin1String("People & Body")
        && (e.subgroup.startsWith(QLatin1String("person")) || e.subgroup == QLatin1String("family")))
        return 1;
    if (e.group == QLatin1String("Animals & Nature") && e.subgroup.startsWith(QLatin1String("animal-")))
        return 2;
    if (e.group == QLatin1String("Food & Drink"))
        return 3;
    if (e.group == QLatin1String("Objects"))
        return 4;
    return -1;
}

static bool hasSkinTone(const QString &codepoints)
{
    for (const QString &cp : codepoints.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const uint v = cp.toUInt(nullptr, 16);
        if (v >= 0x1F3FB && v <= 0x1F3FF)
            return true;
    }
    return false;
}

QVector<EmojiEntry> parseEmojiTest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        throw UserError(QCoreApplication::translate(
            "EmojiSprites", "Cannot read the emoji list %1: %2 (install the unicode-data package)")
                            .arg(path, file.errorString()));
    QVector<EmojiEntry> entries;
    QString group, subgroup;
    QTextStream in(&file);
    int lineNo = 0;
    while (!in.atEnd()) {
        const QString line = in.readLine();
        ++lineNo;
        if (line.startsWith(QLatin1String("# group: "))) {
            group = line.mid(9).trimmed();
        } else if (line.startsWith(QLatin1String("# subgroup: "))) {
            subgroup = line.mid(12).trimmed();
        } else if (!line.startsWith(QLatin1Char('#')) && !line.trimmed().isEmpty()) {
            const qsizetype semi = line.indexOf(QLatin1Char(';'));
            const qsizetype hash = line.indexOf(QLatin1Char('#'));
            if (semi < 0 || hash < semi)
                throw UserError(
                    QCoreApplication::translate("EmojiSprites", "%1 line %2 is not an emoji-test entry")
                        .arg(path)
                        .arg(lineNo));
            const QString status = line.mid(semi + 1, hash - semi - 1).trimmed();
            if (status != QLatin1String("fully-qualified"))
                continue;
            const QString codepoints = line.left(semi).trimmed();
            if (hasSkinTone(codepoints))
                continue;
            QString text;
            for (const QString &cp : codepoints.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                bool ok = false;
                const char32_t v = cp.toUInt(&ok, 16);
                if (!ok)
                    throw UserError(
                        QCoreApplication::translate("EmojiSprites", "%1 line %2 has a bad code point %3")
                            .arg(path)
                            .arg(lineNo)
                            .arg(cp));
                text += QString::fromUcs4(&v, 1);
            }
            // "# 😀 E1.0 grinning face": the name follows the version.
            const QStringList words
                = line.mid(hash + 1).trimmed().split(QLatin1Char(' '), Qt::SkipEmptyParts);
            const QString name = words.size() > 2 ? words.mid(2).join(QLatin1Char(' ')) : QString();
            entries.push_back({text, name, group, subgroup});
        }
    }
    if (entries.isEmpty())
        throw UserError(
            QCoreApplication::translate("EmojiSprites", "%1 lists no fully-qualified emoji").arg(path));
    return entries;
}

static QString cacheKey(const EmojiSpriteOptions &o)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (const QString &path : {o.emojiTestPath, o.fontPath}) {
        const QFileInfo info(path);
        hash.addData(path.toUtf8());
        hash.addData(QByteArray::number(info.size()));
        hash.addData(QByteArray::number(info.lastModified().toSecsSinceEpoch()));
    }
    hash.addData(QByteArray::number(o.size));
    hash.addData(QByteArray::number(o.maxPerClass));
    hash.addData(QByteArray::number(kCacheVersion));
    return QString::fromLatin1(hash.result().toHex().left(16));
}

static QString cachePath(const EmojiSpriteOptions &o)
{
    QString dir = o.cacheDir;
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    return QDir(dir).filePath(QStringLiteral("emoji-sprites-%1.bin").arg(cacheKey(o)));
}

static bool readCache(const QString &path, ImageSet &set)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QDataStream in(&file);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0, version = 0;
    in >> magic >> version;
    if (magic != kCacheMagic || version != kCacheVersion)
        return false;
    qint32 count = 0, channels = 0, height = 0, width = 0;
    in >> count >> channels >> height >> width >> set.classNames >> set.labels >> set.pixels;
    if (in.status() != QDataStream::Ok || count <= 0 || set.labels.size() != count
        || set.pixels.size() != qsizetype(count) * channels * height * width)
        return false; // a damaged cache is simply rendered again
    set.count = count;
    set.channels = channels;
    set.height = height;
    set.width = width;
    return true;
}

static void writeCache(const QString &path, const ImageSet &set)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    // The cache is an optimisation: failing to write it costs only time, so the message is dropped.
    writeFileAtomically(path, [&set](QIODevice &device) {
        QDataStream out(&device);
        out.setVersion(QDataStream::Qt_6_4);
        out << kCacheMagic << kCacheVersion << qint32(set.count) << qint32(set.channels) << qint32(set.height)
            << qint32(set.width) << set.classNames << set.labels << set.pixels;
        return out.status() == QDataStream::Ok ? QString() : device.errorString();
    });
}

static QString emojiFontFamily(const QString &fontPath)
{
    static QMutex mutex;
    static QHash<QString, QString> families;
    QMutexLocker lock(&mutex);
    auto it = families.constFind(fontPath);
    if (it != families.constEnd())
        return *it;
    const int id = QFontDatabase::addApplicationFont(fontPath);
    const QStringList names = id >= 0 ? QFontDatabase::applicationFontFamilies(id) : QStringList();
    if (names.isEmpty())
        throw UserError(QCoreApplication::translate(
            "EmojiSprites", "Cannot load the emoji font %1 (install the fonts-noto-color-emoji package)")
                            .arg(fontPath));
    families.insert(fontPath, names.first());
    return names.first();
}

// Draws one emoji large, then scales it down smoothly; returns false when the font has no glyph for it.
static bool renderSprite(const QString &text, const QFont &font, int size, uchar *out)
{
    constexpr int canvas = 128;
    QImage big(canvas, canvas, QImage::Format_ARGB32_Premultiplied);
    big.fill(Qt::white);
    {
        QPainter p(&big);
        p.setFont(font);
        p.drawText(QRect(0, 0, canvas, canvas), Qt::AlignCenter, text);
    }
    const QImage small = big.scaled(size, size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                             .convertToFormat(QImage::Format_RGB32);
    bool anyInk = false;
    const qsizetype plane = qsizetype(size) * size;
    for (int y = 0; y < size; ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(small.constScanLine(y));
        for (int x = 0; x < size; ++x) {
            const QRgb px = line[x];
            out[y * size + x] = uchar(qRed(px));
            out[plane + y * size + x] = uchar(qGreen(px));
            out[2 * plane + y * size + x] = uchar(qBlue(px));
            anyInk = anyInk || qRed(px) < 250 || qGreen(px) < 250 || qBlue(px) < 250;
        }
    }
    return anyInk;
}

ImageSet loadEmojiSprites(const EmojiSpriteOptions &options, bool *fromCache)
{
    if (options.size < 4 || options.size > 128)
        throw UserError(QCoreApplication::translate(
            "EmojiSprites", "The sprite size must be between 4 and 128 pixels (got %1)")
                            .arg(options.size));
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        throw UserError(
            QCoreApplication::translate("EmojiSprites", "Rendering emoji needs a QGuiApplication"));

    ImageSet set;
    set.name = QStringLiteral("emoji");
    set.augment = true;
    set.background = kBackground;
    const QString cache = cachePath(options);
    if (readCache(cache, set)) {
        if (fromCache)
            *fromCache = true;
        return set;
    }
    if (fromCache)
        *fromCache = false;

    const QVector<EmojiEntry> entries = parseEmojiTest(options.emojiTestPath);
    QFont font(emojiFontFamily(options.fontPath));
    font.setPixelSize(96);
    set.classNames = emojiClassNames();
    set.channels = 3;
    set.height = set.width = options.size;
    QVector<int> perClass(set.classNames.size(), 0);
    QByteArray sprite(set.imageBytes(), Qt::Uninitialized);
    for (const EmojiEntry &e : entries) {
        const int cls = emojiClassOf(e);
        if (cls < 0 || (options.maxPerClass > 0 && perClass[cls] >= options.maxPerClass))
            continue;
        if (!renderSprite(e.text, font, options.size, reinterpret_cast<uchar *>(sprite.data())))
            continue;
        set.pixels += sprite;
        set.labels.push_back(cls);
        ++perClass[cls];
    }
    set.count = set.labels.size();
    if (set.count == 0)
        throw UserError(QCoreApplication::translate("EmojiSprites", "No emoji could be rendered with %1")
                            .arg(options.fontPath));
    writeCache(cache, set);
    return set;
}

} // namespace de
