#include "explain/transpose_conv_plan.h"

#include "user_error.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace de {

QString formatNumber(double value, int precision)
{
    if (std::isnan(value))
        return QString();
    if (std::abs(value) < 1e15 && value == std::round(value))
        return QString::number(qint64(std::llround(value)));
    return QString::number(value, 'g', precision);
}

QString Grid::parse(const QString &text, Grid *out)
{
    const QStringList rowTexts = text.split(QRegularExpression(QStringLiteral("[;\\n]")), Qt::SkipEmptyParts);
    Grid g;
    for (int r = 0; r < rowTexts.size(); ++r) {
        const QStringList cells
            = rowTexts[r].split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
        if (cells.isEmpty())
            continue;
        if (g.rows > 0 && cells.size() != g.cols)
            return QCoreApplication::translate("Grid", "Row %1 has %2 values but row 1 has %3")
                .arg(g.rows + 1)
                .arg(cells.size())
                .arg(g.cols);
        for (const QString &cell : cells) {
            bool ok = false;
            const double v = cell.toDouble(&ok);
            if (!ok || !std::isfinite(v))
                return QCoreApplication::translate("Grid", "\"%1\" in row %2 is not a number")
                    .arg(cell)
                    .arg(g.rows + 1);
            g.values.push_back(v);
        }
        g.cols = int(cells.size());
        ++g.rows;
    }
    if (g.rows == 0)
        return QCoreApplication::translate("Grid", "The matrix is empty");
    *out = g;
    return {};
}

QString Grid::toText(int precision) const
{
    QStringList lines;
    for (int r = 0; r < rows; ++r) {
        QStringList cells;
        for (int c = 0; c < cols; ++c)
            cells.push_back(formatNumber(at(r, c), precision));
        lines.push_back(cells.join(QLatin1Char(' ')));
    }
    return lines.join(QLatin1Char('\n'));
}

static int outputSize(int in, int k, const TransposeConvParams &p)
{
    return (in - 1) * p.stride - 2 * p.padding + p.dilation * (k - 1) + p.outputPadding + 1;
}

bool TransposeConvPlan::validate(
    const Grid &input, const Grid &kernel, const TransposeConvParams &p, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (input.rows < 1 || input.rows > 16 || input.cols < 1 || input.cols > 16)
        return fail(QCoreApplication::translate(
            "TransposeConv", "The input must have 1 to 16 cells on each side (got %1×%2)")
                        .arg(input.rows)
                        .arg(input.cols));
    if (kernel.rows < 1 || kernel.rows > 7 || kernel.cols < 1 || kernel.cols > 7)
        return fail(QCoreApplication::translate(
            "TransposeConv", "The kernel must have 1 to 7 cells on each side (got %1×%2)")
                        .arg(kernel.rows)
                        .arg(kernel.cols));
    if (input.values.size() != qsizetype(input.rows) * input.cols
        || kernel.values.size() != qsizetype(kernel.rows) * kernel.cols)
        return fail(QCoreApplication::translate(
            "TransposeConv", "A matrix has the wrong number of values for its size"));
    if (p.stride < 1 || p.stride > 4)
        return fail(QCoreApplication::translate("TransposeConv", "The stride must be from 1 to 4 (got %1)")
                        .arg(p.stride));
    if (p.dilation < 1 || p.dilation > 3)
        return fail(QCoreApplication::translate("TransposeConv", "The dilation must be from 1 to 3 (got %1)")
                        .arg(p.dilation));
    const int smallestKernelSide = std::min(kernel.rows, kernel.cols);
    if (p.padding < 0 || p.padding > smallestKernelSide - 1)
        return fail(QCoreApplication::translate(
            "TransposeConv", "The padding must be from 0 to kernel size - 1 = %1 (got %2)")
                        .arg(smallestKernelSide - 1)
                        .arg(p.padding));
    if (p.outputPadding < 0 || p.outputPadding >= std::max(p.stride, p.dilation))
        return fail(QCoreApplication::translate("TransposeConv",
            "output_padding must be smaller than the stride or the dilation, as "
            "PyTorch requires (got %1 with stride %2 and dilation %3)")
                        .arg(p.outputPadding)
                        .arg(p.stride)
                        .arg(p.dilation));
    const int rows = outputSize(input.rows, kernel.rows, p), cols = outputSize(input.cols, kernel.cols, p);
    if (rows < 1 || cols < 1)
        return fail(QCoreApplication::translate("TransposeConv",
            "Padding %1 leaves an empty output (%2×%3): lower the padding or "
            "enlarge the input")
                        .arg(p.padding)
                        .arg(rows)
                        .arg(cols));
    for (const Grid *g : {&input, &kernel})
        for (double v : g->values)
            if (!std::isfinite(v))
                return fail(
                    QCoreApplication::translate("TransposeConv", "Every value must be a finite number"));
    if (p.hasBias && !std::isfinite(p.bias))
        return fail(QCoreApplication::translate("TransposeConv", "The bias must be a finite number"));
    return true;
}

TransposeConvPlan::TransposeConvPlan(const Grid &input, const Grid &kernel, const TransposeConvParams &params)
    : m_input(input)
    , m_kernel(kernel)
    , m_params(params)
{
    QString error;
    if (!validate(input, kernel, params, &error))
        throw UserError(error);
    m_outRows = outputSize(input.rows, kernel.rows, params);
    m_outCols = outputSize(input.cols, kernel.cols, params);
    m_canvasRows = (input.rows - 1) * params.stride + params.dilation * (kernel.rows - 1) + 1;
    m_canvasCols = (input.cols - 1) * params.stride + params.dilation * (kernel.cols - 1) + 1;
}

QString TransposeConvPlan::sizeFormula(const QString &name, int in, int k, const TransposeConvParams &p)
{
    const int out = outputSize(in, k, p);
    return QStringLiteral("%1 = (%2-1)×%3 - 2×%4 + %5×(%6-1) + %7 + 1 = %8")
        .arg(name)
        .arg(in)
        .arg(p.stride)
        .arg(p.padding)
        .arg(p.dilation)
        .arg(k)
        .arg(p.outputPadding)
        .arg(out);
}

QString TransposeConvPlan::heightFormula() const
{
    return sizeFormula(QStringLiteral("H_out"), m_input.rows, m_kernel.rows, m_params);
}

QString TransposeConvPlan::widthFormula() const
{
    return sizeFormula(QStringLiteral("W_out"), m_input.cols, m_kernel.cols, m_params);
}

QVector<Contribution> TransposeConvPlan::placementsOf(int i, int j) const
{
    QVector<Contribution> list;
    const int s = m_params.stride, d = m_params.dilation, p = m_params.padding;
    for (int a = 0; a < m_kernel.rows; ++a)
        for (int b = 0; b < m_kernel.cols; ++b)
            list.push_back({{i, j}, {a, b}, {i * s + a * d - p, j * s + b * d - p}, m_input.at(i, j),
                m_kernel.at(a, b)});
    return list;
}

QVector<Contribution> TransposeConvPlan::contributionsTo(int y, int x) const
{
    // Output (y, x) receives input (i, j) times kernel (a, b) where y = i*s + a*d - p and x = j*s + b*d - p.
    const int s = m_params.stride, d = m_params.dilation, p = m_params.padding;
    QVector<Contribution> list;
    for (int a = m_kernel.rows - 1; a >= 0; --a) { // descending a: ascending input row
        const int rowOffset = y + p - a * d;
        if (rowOffset < 0 || rowOffset % s != 0 || rowOffset / s >= m_input.rows)
            continue;
        for (int b = m_kernel.cols - 1; b >= 0; --b) {
            const int colOffset = x + p - b * d;
            if (colOffset < 0 || colOffset % s != 0 || colOffset / s >= m_input.cols)
                continue;
            const int i = rowOffset / s, j = colOffset / s;
            list.push_back({{i, j}, {a, b}, {y, x}, m_input.at(i, j), m_kernel.at(a, b)});
        }
    }
    return list; // in input order
}

Grid TransposeConvPlan::output() const
{
    return cropCanvas(canvasAfter(m_input.rows * m_input.cols), true);
}

Grid TransposeConvPlan::overlapCounts() const
{
    Grid counts(m_outRows, m_outCols);
    for (int i = 0; i < m_input.rows; ++i)
        for (int j = 0; j < m_input.cols; ++j)
            for (const Contribution &c : placementsOf(i, j))
                if (counts.contains(c.output.row, c.output.col))
                    counts.at(c.output.row, c.output.col) += 1.0;
    return counts;
}

Grid TransposeConvPlan::canvasAfter(int scatterSteps) const
{
    Grid canvas(m_canvasRows, m_canvasCols);
    const int p = m_params.padding;
    const int n = std::clamp(scatterSteps, 0, m_input.rows * m_input.cols);
    for (int step = 0; step < n; ++step)
        for (const Contribution &c : placementsOf(step / m_input.cols, step % m_input.cols))
            canvas.at(c.output.row + p, c.output.col + p) += c.product();
    return canvas;
}

Grid TransposeConvPlan::cropCanvas(const Grid &canvas, bool addBias) const
{
    Grid out(m_outRows, m_outCols);
    const int p = m_params.padding;
    for (int y = 0; y < m_outRows; ++y)
        for (int x = 0; x < m_outCols; ++x) {
            const double v = canvas.contains(y + p, x + p) ? canvas.at(y + p, x + p) : 0.0;
            out.at(y, x) = v + (addBias && m_params.hasBias ? m_params.bias : 0.0);
        }
    return out;
}

int TransposeConvPlan::directPadBefore() const
{
    // Both sides use the same rule; rows and columns differ only through the kernel's size.
    return m_params.dilation * (m_kernel.rows - 1) - m_params.padding;
}

int TransposeConvPlan::directPadAfterRows() const
{
    return m_params.dilation * (m_kernel.rows - 1) - m_params.padding + m_params.outputPadding;
}

int TransposeConvPlan::directPadAfterCols() const
{
    return m_params.dilation * (m_kernel.cols - 1) - m_params.padding + m_params.outputPadding;
}

Grid TransposeConvPlan::directInput() const
{
    const int s = m_params.stride;
    const int beforeRows = directPadBefore();
    const int beforeCols = m_params.dilation * (m_kernel.cols - 1) - m_params.padding;
    Grid g((m_input.rows - 1) * s + 1 + beforeRows + directPadAfterRows(),
        (m_input.cols - 1) * s + 1 + beforeCols + directPadAfterCols());
    for (int i = 0; i < m_input.rows; ++i)
        for (int j = 0; j < m_input.cols; ++j)
            g.at(beforeRows + i * s, beforeCols + j * s) = m_input.at(i, j);
    return g;
}

Grid TransposeConvPlan::rotatedKernel() const
{
    Grid r(m_kernel.rows, m_kernel.cols);
    for (int a = 0; a < m_kernel.rows; ++a)
        for (int b = 0; b < m_kernel.cols; ++b)
            r.at(a, b) = m_kernel.at(m_kernel.rows - 1 - a, m_kernel.cols - 1 - b);
    return r;
}

Grid TransposeConvPlan::convolutionMatrix() const
{
    Grid c(m_input.rows * m_input.cols, m_outRows * m_outCols);
    for (int i = 0; i < m_input.rows; ++i)
        for (int j = 0; j < m_input.cols; ++j)
            for (const Contribution &t : placementsOf(i, j))
                if (t.output.row >= 0 && t.output.row < m_outRows && t.output.col >= 0
                    && t.output.col < m_outCols)
                    c.at(i * m_input.cols + j, t.output.row * m_outCols + t.output.col) = t.kernelValue;
    return c;
}

static QString productsText(const QVector<Contribution> &terms)
{
    QStringList parts;
    for (const Contribution &t : terms)
        parts.push_back(QStringLiteral("%1×%2").arg(formatNumber(t.inputValue), formatNumber(t.kernelValue)));
    return parts.isEmpty() ? QStringLiteral("0") : parts.join(QStringLiteral(" + "));
}

QVector<TransposeConvStep> TransposeConvPlan::steps(TransposeConvView view) const
{
    QVector<TransposeConvStep> steps;
    const int s = m_params.stride, d = m_params.dilation, p = m_params.padding;
    if (view == TransposeConvView::Scatter) {
        for (int i = 0; i < m_input.rows; ++i)
            for (int j = 0; j < m_input.cols; ++j) {
                TransposeConvStep step;
                step.kind = TransposeConvStep::Kind::Scatter;
                step.input = {i, j};
                step.sum = m_input.at(i, j);
                step.terms = placementsOf(i, j);
                step.equation = QStringLiteral("in[%1][%2] = %3:  canvas[%4..%5][%6..%7] += %3 × kernel")
                                    .arg(i)
                                    .arg(j)
                                    .arg(formatNumber(m_input.at(i, j)))
                                    .arg(i * s)
                                    .arg(i * s + d * (m_kernel.rows - 1))
                                    .arg(j * s)
                                    .arg(j * s + d * (m_kernel.cols - 1));
                steps.push_back(step);
            }
        TransposeConvStep crop;
        crop.kind = TransposeConvStep::Kind::Crop;
        crop.equation = QStringLiteral("crop: out = canvas[%1..%2][%3..%4]")
                            .arg(p)
                            .arg(p + m_outRows - 1)
                            .arg(p)
                            .arg(p + m_outCols - 1);
        steps.push_back(crop);
        if (m_params.hasBias) {
            TransposeConvStep bias;
            bias.kind = TransposeConvStep::Kind::Bias;
            bias.sum = m_params.bias;
            bias.equation = QStringLiteral("out += bias = %1").arg(formatNumber(m_params.bias));
            steps.push_back(bias);
        }
        return steps;
    }
    const Grid out = output();
    for (int y = 0; y < m_outRows; ++y)
        for (int x = 0; x < m_outCols; ++x) {
            TransposeConvStep step;
            step.kind = TransposeConvStep::Kind::OutputCell;
            step.output = {y, x};
            step.terms = contributionsTo(y, x);
            step.sum = out.at(y, x);
            QString rhs = productsText(step.terms);
            if (m_params.hasBias)
                rhs += QStringLiteral(" + %1").arg(formatNumber(m_params.bias));
            step.equation = (view == TransposeConvView::Matrix
                    ? QStringLiteral("out[%1][%2] = (Cᵀ row %3) · in = %4 = %5")
                          .arg(y)
                          .arg(x)
                          .arg(y * m_outCols + x)
                          .arg(rhs, formatNumber(step.sum))
                    : QStringLiteral("out[%1][%2] = %3 = %4").arg(y).arg(x).arg(rhs, formatNumber(step.sum)));
            steps.push_back(step);
        }
    return steps;
}

Grid TransposeConvPlan::outputAfter(TransposeConvView view, int count) const
{
    const int cells = m_input.rows * m_input.cols;
    if (view == TransposeConvView::Scatter)
        return cropCanvas(canvasAfter(std::min(count, cells)), m_params.hasBias && count > cells + 1);
    Grid out(m_outRows, m_outCols, std::numeric_limits<double>::quiet_NaN());
    const int d = m_params.dilation;
    const Grid dIn = view == TransposeConvView::Direct ? directInput() : Grid();
    const Grid rot = view == TransposeConvView::Direct ? rotatedKernel() : Grid();
    const Grid c = view == TransposeConvView::Matrix ? convolutionMatrix() : Grid();
    const int n = std::clamp(count, 0, m_outRows * m_outCols);
    for (int k = 0; k < n; ++k) {
        const int y = k / m_outCols, x = k % m_outCols;
        double sum = 0.0;
        if (view == TransposeConvView::Direct) {
            // Slide the rotated kernel (with dilation) over the zero-inserted, padded input.
            for (int a = 0; a < rot.rows; ++a)
                for (int b = 0; b < rot.cols; ++b)
                    sum += dIn.at(y + a * d, x + b * d) * rot.at(a, b);
        } else {
            // Row (y, x) of C^T times the flattened input.
            for (int i = 0; i < m_input.rows * m_input.cols; ++i)
                sum += c.at(i, y * m_outCols + x) * m_input.values[i];
        }
        out.at(y, x) = sum + (m_params.hasBias ? m_params.bias : 0.0);
    }
    return out;
}

QVector<Grid> stackedOverlapCounts(
    int size, int kernelSize, const TransposeConvParams &params, int layers, QString *error)
{
    auto failed = [error](const QString &message) {
        if (error)
            *error = message;
        return QVector<Grid> {};
    };
    if (layers < 1 || layers > 3)
        return failed(
            QCoreApplication::translate("TransposeConv", "The stack must have 1 to 3 layers (got %1)")
                .arg(layers));
    TransposeConvParams ones = params;
    ones.hasBias = false;
    QString problem;
    if (!TransposeConvPlan::validate(
            Grid(size, size, 1.0), Grid(kernelSize, kernelSize, 1.0), ones, &problem))
        return failed(problem);
    QVector<Grid> out;
    Grid current(size, size, 1.0);
    for (int layer = 1; layer <= layers; ++layer) {
        const int side = outputSize(current.rows, kernelSize, ones);
        if (side < 1)
            return failed(QCoreApplication::translate("TransposeConv",
                "Layer %1 of the stack would have an empty output (%2×%2): lower the padding, enlarge the "
                "input or use fewer layers")
                              .arg(layer)
                              .arg(side));
        if (side > 256)
            return failed(QCoreApplication::translate("TransposeConv",
                "Layer %1 of the stack would be %2×%2 cells; at most 256 a side can be shown")
                              .arg(layer)
                              .arg(side));
        // The definition: input cell (i, j) times kernel cell (a, b) lands on (i·s − p + a·d, j·s − p + b·d).
        Grid next(side, side);
        for (int i = 0; i < current.rows; ++i)
            for (int j = 0; j < current.cols; ++j)
                for (int a = 0; a < kernelSize; ++a)
                    for (int b = 0; b < kernelSize; ++b) {
                        const int y = i * ones.stride - ones.padding + a * ones.dilation;
                        const int x = j * ones.stride - ones.padding + b * ones.dilation;
                        if (next.contains(y, x))
                            next.at(y, x) += current.at(i, j);
                    }
        out.push_back(next);
        current = next;
    }
    return out;
}

QVector<Grid> resizeConvolveCounts(int size, int kernelSize, int stride, int layers)
{
    QVector<Grid> out;
    Grid current(size, size, 1.0);
    const int before = (kernelSize - 1) / 2;
    for (int layer = 0; layer < layers && current.rows * stride <= 256; ++layer) {
        const int side = current.rows * stride;
        Grid next(side, side);
        for (int y = 0; y < side; ++y)
            for (int x = 0; x < side; ++x)
                for (int a = 0; a < kernelSize; ++a)
                    for (int b = 0; b < kernelSize; ++b) {
                        const int yy = y - before + a, xx = x - before + b;
                        if (yy >= 0 && yy < side && xx >= 0 && xx < side)
                            next.at(y, x) += current.at(yy / stride, xx / stride);
                    }
        out.push_back(next);
        current = next;
    }
    return out;
}

static QString pythonMatrix(const Grid &g)
{
    QStringList rows;
    for (int r = 0; r < g.rows; ++r) {
        QStringList cells;
        for (int c = 0; c < g.cols; ++c)
            cells << QString::number(g.at(r, c), 'g', QLocale::FloatingPointShortest);
        rows << QLatin1Char('[') + cells.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    return QLatin1Char('[') + rows.join(QStringLiteral(",\n     ")) + QLatin1Char(']');
}

QString pytorchCode(const Grid &input, const Grid &kernel, const TransposeConvParams &p)
{
    const QString bias = QString::number(p.hasBias ? p.bias : 0.0, 'g', QLocale::FloatingPointShortest);
    QString code;
    code += QStringLiteral("import torch\nimport torch.nn.functional as F\n\n");
    code += QStringLiteral("# The input (%1x%2) and the kernel (%3x%4), one channel each.\n")
                .arg(input.rows)
                .arg(input.cols)
                .arg(kernel.rows)
                .arg(kernel.cols);
    code += QStringLiteral("x = torch.tensor(%1, dtype=torch.float64)\n").arg(pythonMatrix(input));
    code += QStringLiteral("w = torch.tensor(%1, dtype=torch.float64)\n\n").arg(pythonMatrix(kernel));
    code += QStringLiteral(
        "layer = torch.nn.ConvTranspose2d(1, 1, kernel_size=(%1, %2), stride=%3, padding=%4,\n"
        "                                 output_padding=%5, dilation=%6, bias=%7,\n"
        "                                 dtype=torch.float64)\n")
                .arg(kernel.rows)
                .arg(kernel.cols)
                .arg(p.stride)
                .arg(p.padding)
                .arg(p.outputPadding)
                .arg(p.dilation)
                .arg(p.hasBias ? QStringLiteral("True") : QStringLiteral("False"));
    code += QStringLiteral("with torch.no_grad():\n"
                           "    layer.weight.copy_(w.view(1, 1, %1, %2))\n")
                .arg(kernel.rows)
                .arg(kernel.cols);
    if (p.hasBias)
        code += QStringLiteral("    layer.bias.fill_(%1)\n").arg(bias);
    code += QStringLiteral("    out = layer(x.view(1, 1, %1, %2))[0, 0]\n\n").arg(input.rows).arg(input.cols);
    code += QStringLiteral(
        "# The same as an ordinary convolution: stride - 1 zeros between the input cells, dilation*(k-1) -\n"
        "# padding zeros around them (output_padding more at the bottom and right; a negative amount "
        "crops),\n"
        "# the kernel turned 180 degrees, stride 1.\n");
    code += QStringLiteral("z = torch.zeros(1, 1, %1, %2, dtype=torch.float64)\n")
                .arg((input.rows - 1) * p.stride + 1)
                .arg((input.cols - 1) * p.stride + 1);
    code += QStringLiteral("z[0, 0, ::%1, ::%1] = x\n").arg(p.stride);
    const int padRows = p.dilation * (kernel.rows - 1) - p.padding;
    const int padCols = p.dilation * (kernel.cols - 1) - p.padding;
    code += QStringLiteral("z = F.pad(z, (%1, %2, %3, %4))\n")
                .arg(padCols)
                .arg(padCols + p.outputPadding)
                .arg(padRows)
                .arg(padRows + p.outputPadding);
    code
        += QStringLiteral("direct = F.conv2d(z, w.flip(0, 1).view(1, 1, %1, %2), dilation=%3)[0, 0] + %4\n\n")
               .arg(kernel.rows)
               .arg(kernel.cols)
               .arg(p.dilation)
               .arg(bias);
    code += QStringLiteral("print(torch.allclose(out, direct))\nprint(out)\n");
    return code;
}

} // namespace de
