// Stacked transposed convolutions and their checkerboards: for 1 to 3 layers of the current kernel, stride,
// padding, output padding and dilation on an all-ones input, how many paths reach each output cell (a heat
// map with the counts), beside resize-then-convolve, which reaches every inner cell equally.
#pragma once

#include "explain/transpose_conv_plan.h"

#include <QWidget>

class QLabel;
class QSpinBox;

namespace de {

// One count matrix as a heat map (white to dark red), with the numbers where cells are large enough.
class CountGridView : public QWidget
{
    Q_OBJECT
public:
    explicit CountGridView(QWidget *parent = nullptr);
    void setGrid(const Grid &grid, const QString &title);
    const Grid &grid() const { return m_grid; }
    QSize sizeHint() const override { return {220, 240}; }
    QSize minimumSizeHint() const override { return {80, 100}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    Grid m_grid;
    QString m_title;
};

class OverlapStackView : public QWidget
{
    Q_OBJECT
public:
    explicit OverlapStackView(QWidget *parent = nullptr);
    // The layer's parameters (the explorer's current ones) and the input size.
    void setLayer(int inputSize, int kernelSize, const TransposeConvParams &params);
    void setLayers(int layers);
    int layers() const;
    // The transposed convolutions' counts, layer 1 first (empty when the stack is impossible).
    const QVector<Grid> &counts() const { return m_counts; }
    QString problem() const;

private:
    void rebuild();

    int m_inputSize = 4, m_kernelSize = 3;
    TransposeConvParams m_params;
    QVector<Grid> m_counts;
    QSpinBox *m_layers = nullptr;
    QLabel *m_problem = nullptr, *m_summary = nullptr;
    QVector<CountGridView *> m_transposed, m_resized;
};

} // namespace de
