// One 2-D transposed convolution (one input channel, one output channel, optional bias), planned step by step
// in three views that compute the same output as PyTorch's ConvTranspose2d:
//   scatter  - each input cell scales the kernel and adds it into the full output canvas (PyTorch semantics),
//              then the padding ring is cropped and output_padding added;
//   direct   - zeros inserted between input cells, padding added, the kernel rotated 180 degrees and slid
//              with stride 1: one output cell per step;
//   matrix   - the direct convolution as a sparse matrix C; the transposed convolution is C^T times the
//              flattened input, one row of C^T per step.
// Free of torch and widgets.
#pragma once

#include <QString>
#include <QVector>

namespace de {

// A small dense matrix of numbers, row-major.
struct Grid
{
    int rows = 0, cols = 0;
    QVector<double> values;

    Grid() = default;
    Grid(int r, int c, double fill = 0.0)
        : rows(r)
        , cols(c)
        , values(qsizetype(r) * c, fill)
    { }
    double at(int r, int c) const { return values[qsizetype(r) * cols + c]; }
    double &at(int r, int c) { return values[qsizetype(r) * cols + c]; }
    bool contains(int r, int c) const { return r >= 0 && r < rows && c >= 0 && c < cols; }
    bool operator==(const Grid &o) const { return rows == o.rows && cols == o.cols && values == o.values; }

    // "1,2;3,4": rows separated by ';' (or new lines), values by ',' or spaces. Empty string on success,
    // otherwise a message naming the problem.
    static QString parse(const QString &text, Grid *out);
    // Rows separated by new lines, values by spaces; whole numbers print without decimals.
    QString toText(int precision = 6) const;
};

struct CellRef
{
    int row = 0, col = 0;
    bool operator==(const CellRef &o) const { return row == o.row && col == o.col; }
};

struct TransposeConvParams
{
    int stride = 2;
    int padding = 1;
    int outputPadding = 0;
    int dilation = 1;
    bool hasBias = false;
    double bias = 0.0;
};

// One product input[i][j] * kernel[a][b] that lands on output cell (y, x).
struct Contribution
{
    CellRef input;
    CellRef kernel;
    CellRef output; // in output coordinates (after cropping); may lie outside the output in the scatter view
    double inputValue = 0.0;
    double kernelValue = 0.0;
    double product() const { return inputValue * kernelValue; }
};

enum class TransposeConvView { Scatter, Direct, Matrix };

struct TransposeConvStep
{
    enum class Kind { Scatter, Crop, Bias, OutputCell };
    Kind kind = Kind::OutputCell;
    CellRef input; // Scatter: the input cell being spread
    CellRef output; // OutputCell: the output cell being computed
    QVector<Contribution> terms;
    double sum = 0.0; // OutputCell: the finished value (with bias); Scatter: the input value
    QString equation; // e.g. "out[1][2] = 3×1 + 4×2 + 0 = 11"
};

class TransposeConvPlan
{
public:
    // Validates everything; on a broken rule returns false and names it in *error.
    static bool validate(
        const Grid &input, const Grid &kernel, const TransposeConvParams &params, QString *error);
    // "H_out = (4-1)×2 - 2×1 + 1×(3-1) + 0 + 1 = 7" for any numbers, valid or not.
    static QString sizeFormula(const QString &name, int in, int kernel, const TransposeConvParams &params);
    // Throws UserError when validate() fails.
    TransposeConvPlan(const Grid &input, const Grid &kernel, const TransposeConvParams &params);

    const Grid &input() const { return m_input; }
    const Grid &kernel() const { return m_kernel; }
    const TransposeConvParams &params() const { return m_params; }

    int outputRows() const { return m_outRows; }
    int outputCols() const { return m_outCols; }
    // The formula with the numbers put in, e.g. "H_out = (4-1)×2 - 2×1 + 1×(3-1) + 0 + 1 = 7".
    QString heightFormula() const;
    QString widthFormula() const;

    // The output computed directly from the definition.
    Grid output() const;
    // Every product that lands on output cell (y, x), in input order.
    QVector<Contribution> contributionsTo(int y, int x) const;
    // How many kernel placements touch each output cell (the checkerboard of kernel 3, stride 2).
    Grid overlapCounts() const;

    // Scatter view: the full, uncropped canvas and where the output sits in it.
    int canvasRows() const { return m_canvasRows; }
    int canvasCols() const { return m_canvasCols; }
    // The canvas after the first `scatterSteps` input cells have been spread.
    Grid canvasAfter(int scatterSteps) const;
    // The output cut out of a canvas (padding ring removed, output_padding cells added as zeros, bias added).
    Grid cropCanvas(const Grid &canvas, bool addBias) const;

    // Direct view: the zero-inserted, padded input and the rotated kernel it slides over.
    Grid directInput() const;
    Grid rotatedKernel() const;
    // Padding around the zero-inserted input: top/left and bottom/right.
    int directPadBefore() const;
    int directPadAfterRows() const;
    int directPadAfterCols() const;

    // Matrix view: C has one row per input cell and one column per output cell;
    // output = C^T · flatten(input) (+ bias).
    Grid convolutionMatrix() const;

    QVector<TransposeConvStep> steps(TransposeConvView view) const;
    // The output as far as the first `count` steps of a view have computed it (scatter: cropped canvas).
    Grid outputAfter(TransposeConvView view, int count) const;

private:
    // The products of input cell (i, j) with every kernel cell, at their output coordinates (which may lie in
    // the cropped padding ring, outside the output).
    QVector<Contribution> placementsOf(int i, int j) const;

    Grid m_input, m_kernel;
    TransposeConvParams m_params;
    int m_outRows = 0, m_outCols = 0;
    int m_canvasRows = 0, m_canvasCols = 0;
};

QString formatNumber(double value, int precision = 6);

// The overlap counts through a stack of `layers` (1 to 3) equal transposed convolutions: the outputs of
// running them on an all-ones size×size input with all-ones kernels, layer 1 first, i.e. how many paths lead
// from the input to each cell (kernel 3, stride 2 makes a checkerboard that grows layer by layer). Empty,
// with *error naming the problem, when the parameters are invalid (the rules of TransposeConvPlan::validate),
// a layer's output would be empty, or the last would exceed 256 cells a side.
QVector<Grid> stackedOverlapCounts(
    int size, int kernelSize, const TransposeConvParams &params, int layers, QString *error);
// The same for resize-then-convolve, the alternative without checkerboards: each layer repeats every cell
// stride×stride times (nearest neighbour) and convolves with an all-ones kernelSize kernel, zero-padded to
// keep the size ("same"); interior cells all get kernelSize² paths per layer.
QVector<Grid> resizeConvolveCounts(int size, int kernelSize, int stride, int layers);

// A self-contained PyTorch script (float64) that builds nn.ConvTranspose2d with this kernel, bias, stride,
// padding, output padding and dilation, applies it to this input and binds the 2-D result to `out`; then
// computes the same as conv2d on the zero-inserted, padded input with the kernel turned 180 degrees
// (`direct`) and prints whether they agree and `out`.
QString pytorchCode(const Grid &input, const Grid &kernel, const TransposeConvParams &params);

} // namespace de
