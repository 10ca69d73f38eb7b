// The emoji sprite data set: fully-qualified emoji rendered with Noto Color Emoji to small RGB sprites on a
// plain background, in five classes chosen from their Unicode groups. Rendered once, then cached.
#pragma once

#include "data/image_set.h"

namespace de {

struct EmojiEntry
{
    QString text; // the emoji itself
    QString name; // its CLDR short name
    QString group; // e.g. "Food & Drink"
    QString subgroup; // e.g. "food-fruit"
};

struct EmojiSpriteOptions
{
    QString emojiTestPath = QStringLiteral("/usr/share/unicode/emoji/emoji-test.txt");
    QString fontPath = QStringLiteral("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf");
    int size = 16; // sprite side in pixels
    QString cacheDir; // empty: the user's cache location
    int maxPerClass = 0; // 0: all; otherwise the first N of each class (for quick tests)
};

// The fully-qualified entries of emoji-test.txt, skin-tone variants left out. Throws UserError.
QVector<EmojiEntry> parseEmojiTest(const QString &path);
QStringList emojiClassNames();
// The class of an entry, or -1 when it belongs to none of the five.
int emojiClassOf(const EmojiEntry &entry);

// Renders (or reads from the cache) the sprite set. `fromCache` tells which happened. Throws UserError.
// Needs a QGuiApplication (fonts).
ImageSet loadEmojiSprites(const EmojiSpriteOptions &options = {}, bool *fromCache = nullptr);

} // namespace de
