// tconv: compute a transposed convolution by hand, step by step.
#include "commands.h"
#include "options.h"

#include "explain/transpose_conv_plan.h"

#include <QCoreApplication>

namespace de::cli {

namespace {

// --stride, --padding, --output-padding, --dilation and --bias (TransposeConvPlan::validate checks the
// ranges).
bool parameters(const QCommandLineParser &p, TransposeConvParams *params, int *status)
{
    qint64 stride = params->stride, padding = params->padding, outputPadding = 0, dilation = 1;
    constexpr qint64 big = 1000;
    if (!toInt(p, QStringLiteral("stride"), -big, big, &stride, status)
        || !toInt(p, QStringLiteral("padding"), -big, big, &padding, status)
        || !toInt(p, QStringLiteral("output-padding"), -big, big, &outputPadding, status)
        || !toInt(p, QStringLiteral("dilation"), -big, big, &dilation, status))
        return false;
    params->stride = int(stride);
    params->padding = int(padding);
    params->outputPadding = int(outputPadding);
    params->dilation = int(dilation);
    if (p.isSet(QStringLiteral("bias"))) {
        params->hasBias = true;
        if (!toDouble(p, QStringLiteral("bias"), -1e12, 1e12, &params->bias, status))
            return false;
    }
    return true;
}

// tconv --overlap: the count matrix of the last layer (with --steps, every layer's).
int overlap(const QCommandLineParser &p)
{
    int status = 0;
    TransposeConvParams params;
    qint64 size = 4, kernelSize = 3, layers = 1;
    if (!parameters(p, &params, &status) || !toInt(p, QStringLiteral("size"), 1, 16, &size, &status)
        || !toInt(p, QStringLiteral("kernel-size"), 1, 7, &kernelSize, &status)
        || !toInt(p, QStringLiteral("layers"), 1, 3, &layers, &status))
        return status;
    QString problem;
    const QVector<Grid> counts
        = stackedOverlapCounts(int(size), int(kernelSize), params, int(layers), &problem);
    if (counts.isEmpty())
        return usageError(problem + QLatin1Char('.'));
    for (int layer = p.isSet(QStringLiteral("steps")) ? 0 : int(counts.size()) - 1; layer < counts.size();
         ++layer) {
        if (p.isSet(QStringLiteral("steps")))
            out() << QCoreApplication::translate("Cli", "After layer %1 (%2x%3):")
                         .arg(layer + 1)
                         .arg(counts[layer].rows)
                         .arg(counts[layer].cols)
                  << '\n';
        out() << counts[layer].toText() << '\n';
    }
    out() << Qt::flush;
    return 0;
}

} // namespace

int tconv(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("input"),
            QCoreApplication::translate("Cli", "The input matrix: rows separated by ';', values by ','."),
            QCoreApplication::translate("Cli", "MATRIX")},
        {QStringLiteral("kernel"),
            QCoreApplication::translate("Cli", "The kernel matrix, written the same way."),
            QCoreApplication::translate("Cli", "MATRIX")},
        {QStringLiteral("stride"), QCoreApplication::translate("Cli", "Stride, 1 to 4. Default 2."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("padding"),
            QCoreApplication::translate("Cli", "Padding, 0 to kernel size - 1. Default 1."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("output-padding"),
            QCoreApplication::translate("Cli",
                "Extra rows and columns at the bottom and right, smaller than the stride or the dilation. "
                "Default 0."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("dilation"),
            QCoreApplication::translate("Cli", "Spacing between kernel cells, 1 to 3. Default 1."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("bias"), QCoreApplication::translate("Cli", "A bias added to every output cell."),
            QCoreApplication::translate("Cli", "X")},
        {QStringLiteral("steps"),
            QCoreApplication::translate("Cli", "Print every step of the chosen view before the output.")},
        {QStringLiteral("view"),
            QCoreApplication::translate("Cli", "scatter, direct or matrix. Default scatter."),
            QStringLiteral("scatter|direct|matrix"), QStringLiteral("scatter")},
        {QStringLiteral("code"),
            QCoreApplication::translate("Cli",
                "Print a PyTorch script that builds this nn.ConvTranspose2d, applies it (the result is "
                "`out`) and checks it against conv2d on the zero-inserted input, instead of the output.")},
        {QStringLiteral("overlap"),
            QCoreApplication::translate("Cli",
                "Instead: print how many kernel placements reach each output cell through a stack of "
                "--layers transposed convolutions of an all-ones --size input (the checkerboard).")},
        {QStringLiteral("size"),
            QCoreApplication::translate("Cli", "--overlap: input cells a side, 1 to 16. Default 4."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("kernel-size"),
            QCoreApplication::translate("Cli", "--overlap: kernel cells a side, 1 to 7. Default 3."),
            QCoreApplication::translate("Cli", "K")},
        {QStringLiteral("layers"),
            QCoreApplication::translate("Cli", "--overlap: layers in the stack, 1 to 3. Default 1."),
            QCoreApplication::translate("Cli", "L")},
    });
    const int parsed = parse(p, arguments,
        QCoreApplication::translate("Cli",
            "Compute a transposed convolution (PyTorch's ConvTranspose2d, one channel) "
            "and print its output matrix."));
    if (parsed >= 0)
        return parsed;
    if (p.isSet(QStringLiteral("overlap")))
        return overlap(p);
    if (!p.isSet(QStringLiteral("input")) || !p.isSet(QStringLiteral("kernel")))
        return usageError(QCoreApplication::translate("Cli",
            "tconv needs --input and --kernel, e.g. --input \"1,2;3,4\" --kernel \"1,0,1;0,1,0;1,0,1\"."));
    Grid input, kernel;
    QString problem = Grid::parse(p.value(QStringLiteral("input")), &input);
    if (!problem.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "--input: %1.").arg(problem));
    problem = Grid::parse(p.value(QStringLiteral("kernel")), &kernel);
    if (!problem.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "--kernel: %1.").arg(problem));
    int status = 0;
    TransposeConvParams params;
    if (!parameters(p, &params, &status))
        return status;
    const QString viewName = p.value(QStringLiteral("view")).toLower();
    TransposeConvView view = TransposeConvView::Scatter;
    if (viewName == QLatin1String("direct"))
        view = TransposeConvView::Direct;
    else if (viewName == QLatin1String("matrix"))
        view = TransposeConvView::Matrix;
    else if (viewName != QLatin1String("scatter"))
        return usageError(
            QCoreApplication::translate("Cli", "--view must be scatter, direct or matrix (got \"%1\").")
                .arg(viewName));
    if (!TransposeConvPlan::validate(input, kernel, params, &problem))
        return usageError(problem + QLatin1Char('.'));
    if (p.isSet(QStringLiteral("code"))) {
        out() << pytorchCode(input, kernel, params) << Qt::flush;
        return 0;
    }
    const TransposeConvPlan plan(input, kernel, params);

    if (p.isSet(QStringLiteral("steps"))) {
        out() << plan.heightFormula() << '\n' << plan.widthFormula() << "\n\n";
        if (view == TransposeConvView::Direct) {
            out() << QCoreApplication::translate("Cli", "Zero-inserted, padded input:") << '\n'
                  << plan.directInput().toText() << "\n\n";
            out() << QCoreApplication::translate("Cli", "Kernel rotated 180 degrees:") << '\n'
                  << plan.rotatedKernel().toText() << "\n\n";
        } else if (view == TransposeConvView::Matrix) {
            Grid transposed(plan.outputRows() * plan.outputCols(), input.rows * input.cols);
            const Grid c = plan.convolutionMatrix();
            for (int r = 0; r < c.rows; ++r)
                for (int k = 0; k < c.cols; ++k)
                    transposed.at(k, r) = c.at(r, k);
            out() << QCoreApplication::translate(
                "Cli", "C transposed (one row per output cell, one column per input cell):")
                  << '\n'
                  << transposed.toText() << "\n\n";
        }
        const auto steps = plan.steps(view);
        for (int k = 0; k < steps.size(); ++k) {
            out() << QCoreApplication::translate("Cli", "Step %1/%2: %3")
                         .arg(k + 1)
                         .arg(steps.size())
                         .arg(steps[k].equation)
                  << '\n';
            if (view == TransposeConvView::Scatter && steps[k].kind == TransposeConvStep::Kind::Scatter)
                out() << plan.canvasAfter(k + 1).toText() << "\n\n";
        }
        out() << '\n'
              << QCoreApplication::translate("Cli", "Output (%1x%2):")
                     .arg(plan.outputRows())
                     .arg(plan.outputCols())
              << '\n';
    }
    const Grid result = plan.outputAfter(view, int(plan.steps(view).size()));
    out() << result.toText() << Qt::endl;
    return 0;
}

} // namespace de::cli
