// Animated GIF export (giflib), written atomically. Frames are mapped onto one fixed 256-colour palette.
#pragma once

#include <QImage>
#include <QString>
#include <QVector>

namespace de {

// Returns an empty string on success, otherwise a message naming the problem. All frames must have the size
// of the first. delay: per frame, in hundredths of a second; the animation loops forever.
QString writeAnimatedGif(const QString &path, const QVector<QImage> &frames, int delayCentiseconds = 8);

} // namespace de
