// Paints one moment of a transposed convolution: the input, the kernel and the output as grids of numbers,
// with the current placement highlighted, in the scatter, direct or matrix view. Hit-tests cells for hover
// and editing. Holds no playback state of its own: TransposeConvWidget drives it.
#pragma once

#include "explain/transpose_conv_plan.h"

#include <QWidget>

#include <memory>

namespace de {

class TransposeConvCanvas : public QWidget
{
    Q_OBJECT
public:
    enum class Region { None, Input, Kernel, Output };

    explicit TransposeConvCanvas(QWidget *parent = nullptr);

    // The plan to show, the view, and how many of the view's steps are done (0 .. steps).
    void setPlan(std::shared_ptr<const TransposeConvPlan> plan, TransposeConvView view, int stepsDone);
    void setHeatMap(bool on);
    bool heatMap() const { return m_heatMap; }

    // Where a cell of the input, kernel or output grid is drawn (for placing an editor); null if not shown.
    QRect cellRect(Region region, int row, int col) const;

    QSize minimumSizeHint() const override { return {480, 320}; }
    QSize sizeHint() const override { return {900, 520}; }

signals:
    void cellClicked(de::TransposeConvCanvas::Region region, int row, int col);
    // The pointer moved onto an input or kernel cell with the left button held (painting cells).
    void cellDragged(de::TransposeConvCanvas::Region region, int row, int col);
    // row and col are -1 when the pointer leaves the output grid.
    void outputCellHovered(int row, int col);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Panel
    {
        Panel() = default;
        Panel(QString t, Region r, Grid g)
            : title(std::move(t))
            , region(r)
            , grid(std::move(g))
        { }
        QString title;
        Region region = Region::None; // which grid the cells belong to, for hit-testing
        Grid grid;
        QRect rect; // cells area
        double cell = 0; // cell side in pixels
        double scale = 1; // largest absolute value, for colours
        bool editable = false;
        bool paddedInput = false; // the direct view's zero-inserted, padded input: shade zeros and padding
        int titleWidth = 0;
    };

    void layoutPanels();
    void paintPanel(QPainter &p, const Panel &panel) const;
    const Panel *panelFor(Region region) const;
    bool hit(const QPoint &pos, Region *region, int *row, int *col) const;

    std::shared_ptr<const TransposeConvPlan> m_plan;
    TransposeConvView m_view = TransposeConvView::Scatter;
    int m_stepsDone = 0;
    bool m_heatMap = false;
    QVector<Panel> m_panels;
    QString m_legend; // one line under the grids explaining the view
    QVector<TransposeConvStep> m_steps;
    int m_hoverRow = -1, m_hoverCol = -1;
};

} // namespace de
