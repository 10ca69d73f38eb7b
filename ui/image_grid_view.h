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
    // A bold title above the images, wrapped over up to three lines where the view is narrow.
    void setTitle(const QString &title);
    // The height the title takes at this width (0 without a title); the images start below it.
    int titleHeight(int width) const;
    // A line of text under each image (empty: none), e.g. a channel's scale and shift or a class name.
    void setCaptions(const QStringList &captions);
    // A label left of each row (e.g. the class of that row), with a thin line between rows.
    void setRowLabels(const QStringList &labels);
    // With fitted columns: class columns (or rows) give way to a free arrangement where they would show the
    // images below this many pixels per image pixel and the free one would not, e.g. 2 for 16×16 sprites.
    void setMinimumScale(int scale);
    // Columns chosen to make the images as large as the view allows, instead of about square. With a column
    // count given to setImages (one column per class), the grid may turn so that each class is a row instead,
    // where that makes the images larger.
    void setFitColumns(bool on);
    bool isTransposed() const { return m_transposed; }
    int columns() const { return m_columns; }
    // Each image stretched to its own range before display (for activations and noise), instead of [-1, 1].
    void setNormalizeEach(bool on);
    void setSelected(int index);
    int selected() const { return m_selected; }
    // The grid as shown, at `scale` pixels per image pixel.
    QImage render(int scale) const;

    QSize sizeHint() const override { return {320, 320}; }
    QSize minimumSizeHint() const override;

signals:
    void imageClicked(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    ImageBatch displayBatch() const;
    struct Layout
    {
        int scale = 1; // pixels per image pixel
        int caption = 0; // the height of the caption line under each image, 0 when captions do not fit
        int labels = 0; // the width of the row labels' column
        int top = 0; // the title's height: where the images start
    };
    // The scale, caption line and label column of a grid of this many columns in a view of this size.
    Layout layoutFor(int columns, int width, int height) const;
    QRect cellRect(int index, const Layout &layout) const;
    int rowCount() const;
    int rowLabelWidth() const;
    void chooseColumns();

    ImageBatch m_images;
    int m_columns = 1;
    int m_askedColumns = 0;
    int m_minimumScale = 1;
    bool m_fitColumns = false;
    bool m_transposed = false; // filled column by column: the given columns became rows
    QString m_title;
    QStringList m_captions;
    QStringList m_rowLabels;
    bool m_normalizeEach = false;
    int m_selected = -1;
};

} // namespace de
