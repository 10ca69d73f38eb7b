// Shows an ImageBatch as a grid of pixel-exact images (nearest-neighbour scaling, never blurred).
// Clicking an image selects it.
#pragma once

#include "data/image_batch.h"

#include <QWidget>

namespace de {

class ImageGridView : public QWidget
{
    Q_OBJECT
public:
    explicit ImageGridView(QWidget *parent = nullptr);

    void setImages(const ImageBatch &images, int columns = 0); // columns 0: about square
    const ImageBatch &images() const { return m_images; }
    void setTitle(const QString &title);
    // Each image stretched to its own range before display (for activations and noise), instead of [-1, 1].
    void setNormalizeEach(bool on);
    void setSelected(int index);
    int selected() const { return m_selected; }
    // The grid as shown, at `scale` pixels per image pixel.
    QImage render(int scale) const;

    QSize sizeHint() const override { return {320, 320}; }
    QSize minimumSizeHint() const override { return {96, 96}; }

signals:
    void imageClicked(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    ImageBatch displayBatch() const;
    QRect cellRect(int index, int *scale) const;

    ImageBatch m_images;
    int m_columns = 1;
    QString m_title;
    bool m_normalizeEach = false;
    int m_selected = -1;
};

} // namespace de
