// A small paint canvas at the model's size, for the play tools: the picture to start from, and over it a mask
// of the pixels the model repaints (drawn in translucent blue). Pencil, flood fill and colour picker, on the
// picture or on the mask; every pixel is shown as a square as large as the widget allows.
#pragma once

#include <QColor>
#include <QImage>
#include <QWidget>

namespace de {

class PaintCanvas : public QWidget
{
    Q_OBJECT
public:
    enum class Tool { Pencil, Fill, Picker };
    enum class Layer { Picture, Mask };

    explicit PaintCanvas(QWidget *parent = nullptr);

    // A white picture of size×size and an empty mask (nothing repainted).
    void reset(int size);
    int pictureSize() const { return m_picture.width(); }
    // The picture, scaled to the canvas's size when it differs; the mask is cleared.
    void setPicture(const QImage &picture);
    const QImage &picture() const { return m_picture; }
    // White where the model repaints, black where the picture is kept.
    const QImage &mask() const { return m_mask; }
    bool maskIsEmpty() const;
    void clearMask();

    void setTool(Tool tool) { m_tool = tool; }
    Tool tool() const { return m_tool; }
    void setLayer(Layer layer);
    Layer layer() const { return m_layer; }
    void setColor(const QColor &color);
    QColor color() const { return m_color; }
    void setBrushSize(int pixels) { m_brush = std::clamp(pixels, 1, 4); }

    // Paints at a picture pixel as a click there would (erase: as the right button would), for tests and
    // lessons.
    void applyAt(int x, int y, bool erase = false);

    QSize sizeHint() const override { return {320, 320}; }
    QSize minimumSizeHint() const override { return {128, 128}; }

signals:
    void changed();
    void colorPicked(const QColor &color);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    QRect pictureRect() const;
    bool pixelAt(const QPoint &position, int *x, int *y) const;
    void fill(QImage &image, int x, int y, QRgb colour);

    QImage m_picture, m_mask;
    Tool m_tool = Tool::Pencil;
    Layer m_layer = Layer::Picture;
    QColor m_color = Qt::black;
    int m_brush = 1;
};

} // namespace de
