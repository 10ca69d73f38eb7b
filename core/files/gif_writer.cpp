#include "files/gif_writer.h"

#include "atomic_file.h"

#include <QCoreApplication>

#include <gif_lib.h>

namespace de {

namespace {

// A 6×7×6 colour cube (252 colours) and four extra greys.
constexpr int kRed = 6, kGreen = 7, kBlue = 6;

int paletteIndex(QRgb rgb)
{
    const int r = (qRed(rgb) * (kRed - 1) + 127) / 255;
    const int g = (qGreen(rgb) * (kGreen - 1) + 127) / 255;
    const int b = (qBlue(rgb) * (kBlue - 1) + 127) / 255;
    return (r * kGreen + g) * kBlue + b;
}

int appendBytes(GifFileType *gif, const GifByteType *data, int length)
{
    static_cast<QByteArray *>(gif->UserData)->append(reinterpret_cast<const char *>(data), length);
    return length;
}

QString gifError(int code)
{
    const char *text = GifErrorString(code);
    return QString::fromLatin1(text ? text : "unknown giflib error");
}

} // namespace

QString writeAnimatedGif(const QString &path, const QVector<QImage> &frames, int delayCentiseconds)
{
    if (frames.isEmpty())
        return QCoreApplication::translate("GifWriter", "There are no frames to write");
    const QSize size = frames.first().size();
    for (const QImage &f : frames)
        if (f.size() != size || f.isNull())
            return QCoreApplication::translate(
                "GifWriter", "All frames of an animation must have the same size");
    if (size.width() > 65535 || size.height() > 65535)
        return QCoreApplication::translate("GifWriter", "The frames are too large for a GIF");

    QByteArray bytes;
    int error = 0;
    GifFileType *gif = EGifOpen(&bytes, appendBytes, &error);
    if (!gif)
        return QCoreApplication::translate("GifWriter", "Could not start the GIF encoder: %1")
            .arg(gifError(error));
    GifColorType colours[256] = {};
    for (int r = 0; r < kRed; ++r)
        for (int g = 0; g < kGreen; ++g)
            for (int b = 0; b < kBlue; ++b)
                colours[(r * kGreen + g) * kBlue + b] = {GifByteType(r * 255 / (kRed - 1)),
                    GifByteType(g * 255 / (kGreen - 1)), GifByteType(b * 255 / (kBlue - 1))};
    ColorMapObject *map = GifMakeMapObject(256, colours);
    bool ok = map && EGifPutScreenDesc(gif, size.width(), size.height(), 8, 0, map) == GIF_OK;
    GifFreeMapObject(map);
    EGifSetGifVersion(gif, true);
    // Loop forever (the NETSCAPE2.0 application extension).
    const GifByteType loop[3] = {1, 0, 0};
    ok = ok && EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_OK
        && EGifPutExtensionBlock(gif, 11, "NETSCAPE2.0") == GIF_OK
        && EGifPutExtensionBlock(gif, 3, loop) == GIF_OK && EGifPutExtensionTrailer(gif) == GIF_OK;
    QVector<GifPixelType> line(size.width());
    for (const QImage &frame : frames) {
        if (!ok)
            break;
        GraphicsControlBlock control {DISPOSE_DO_NOT, false, delayCentiseconds, NO_TRANSPARENT_COLOR};
        GifByteType extension[4];
        const size_t length = EGifGCBToExtension(&control, extension);
        ok = EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, int(length), extension) == GIF_OK
            && EGifPutImageDesc(gif, 0, 0, size.width(), size.height(), false, nullptr) == GIF_OK;
        const QImage rgb = frame.convertToFormat(QImage::Format_RGB32);
        for (int y = 0; ok && y < size.height(); ++y) {
            const auto *pixels = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
            for (int x = 0; x < size.width(); ++x)
                line[x] = GifPixelType(paletteIndex(pixels[x]));
            ok = EGifPutLine(gif, line.data(), size.width()) == GIF_OK;
        }
    }
    const int lastError = gif->Error;
    if (EGifCloseFile(gif, &error) != GIF_OK)
        ok = false;
    if (!ok)
        return QCoreApplication::translate("GifWriter", "The GIF encoder failed: %1")
            .arg(gifError(lastError ? lastError : error));

    return writeFileAtomically(path, bytes);
}

} // namespace de
