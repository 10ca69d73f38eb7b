// The transposed-convolution engine: all three views give torch::conv_transpose2d's output for every case in
// the table (random values, tolerance 1e-5); the views' own pieces (zero-inserted input, rotated kernel,
// matrix C) are checked against torch too; impossible parameters are refused by the rule they break.
#include "test_support.h"
#include "transpose_conv_cases.h"
#include "user_error.h"

#include <QTest>

using namespace de;

Q_DECLARE_METATYPE(de::TransposeConvParams)

namespace {

torch::Tensor toTensor(const Grid &g)
{
    torch::Tensor t = torch::empty({1, 1, g.rows, g.cols}, torch::kFloat64);
    std::copy(g.values.begin(), g.values.end(), t.data_ptr<double>());
    return t;
}

Grid randomGrid(int rows, int cols, torch::Generator &gen)
{
    const torch::Tensor t = torch::rand({rows, cols}, gen, torch::kFloat64) * 2 - 1;
    Grid g(rows, cols);
    std::copy(t.data_ptr<double>(), t.data_ptr<double>() + t.numel(), g.values.begin());
    return g;
}

torch::Tensor reference(const Grid &input, const Grid &kernel, const TransposeConvParams &p)
{
    // PyTorch lays out ConvTranspose2d weights as (in, out, kH, kW).
    const torch::Tensor bias = p.hasBias ? torch::full({1}, p.bias, torch::kFloat64) : torch::Tensor();
    return torch::conv_transpose2d(
        toTensor(input), toTensor(kernel), bias, p.stride, p.padding, p.outputPadding, 1, p.dilation);
}

double maxError(const Grid &g, const torch::Tensor &t)
{
    if (t.size(2) != g.rows || t.size(3) != g.cols)
        return std::numeric_limits<double>::infinity();
    return (toTensor(g) - t).abs().max().item<double>();
}

} // namespace

class TransposeConvPlanTest : public QObject
{
    Q_OBJECT
private slots:
    void allViewsMatchPyTorch_data()
    {
        QTest::addColumn<int>("caseIndex");
        const auto cases = test::transposeConvCases();
        for (int i = 0; i < cases.size(); ++i)
            QTest::newRow(cases[i].name) << i;
    }

    void allViewsMatchPyTorch()
    {
        QFETCH(int, caseIndex);
        const test::TransposeConvCase c = test::transposeConvCases()[caseIndex];
        torch::Generator gen = at::detail::createCPUGenerator(1000 + caseIndex);
        const Grid input = randomGrid(c.inRows, c.inCols, gen), kernel = randomGrid(c.kRows, c.kCols, gen);
        const TransposeConvPlan plan(input, kernel, c.params);
        const torch::Tensor expected = reference(input, kernel, c.params);
        QCOMPARE(plan.outputRows(), int(expected.size(2)));
        QCOMPARE(plan.outputCols(), int(expected.size(3)));
        const double tolerance = 1e-5;
        QVERIFY(maxError(plan.output(), expected) < tolerance);
        for (auto view : {TransposeConvView::Scatter, TransposeConvView::Direct, TransposeConvView::Matrix}) {
            const auto steps = plan.steps(view);
            const int expectedSteps = view == TransposeConvView::Scatter
                ? c.inRows * c.inCols + 1 + (c.params.hasBias ? 1 : 0)
                : plan.outputRows() * plan.outputCols();
            QCOMPARE(steps.size(), expectedSteps);
            const double error = maxError(plan.outputAfter(view, int(steps.size())), expected);
            QVERIFY2(error < tolerance, qPrintable(QStringLiteral("view %1: %2").arg(int(view)).arg(error)));
        }
        // Each output cell is the sum of its listed products (and the bias).
        for (int y = 0; y < plan.outputRows(); ++y)
            for (int x = 0; x < plan.outputCols(); ++x) {
                double sum = c.params.hasBias ? c.params.bias : 0.0;
                for (const Contribution &t : plan.contributionsTo(y, x))
                    sum += t.product();
                QVERIFY(std::abs(sum - expected[0][0][y][x].item<double>()) < tolerance);
            }
        // Overlap counts are the transposed convolution of ones by ones.
        const torch::Tensor ones
            = torch::conv_transpose2d(torch::ones({1, 1, c.inRows, c.inCols}, torch::kFloat64),
                torch::ones({1, 1, c.kRows, c.kCols}, torch::kFloat64), torch::Tensor(), c.params.stride,
                c.params.padding, c.params.outputPadding, 1, c.params.dilation);
        QCOMPARE(maxError(plan.overlapCounts(), ones), 0.0);
        // The direct view's pieces: a stride-1 convolution of the padded, zero-inserted input with the
        // rotated kernel (torch::conv2d is a cross-correlation) is the transposed convolution.
        const torch::Tensor direct
            = torch::conv2d(toTensor(plan.directInput()), toTensor(plan.rotatedKernel()), torch::Tensor(),
                torch::IntArrayRef {1}, torch::IntArrayRef {0}, torch::IntArrayRef {c.params.dilation});
        const torch::Tensor noBias = expected - (c.params.hasBias ? c.params.bias : 0.0);
        QVERIFY((direct - noBias).abs().max().item<double>() < tolerance);
        // The matrix view's C is the forward convolution: C x = conv2d(x) for any x of the output's size.
        if (c.params.outputPadding < c.params.stride) {
            const Grid cm = plan.convolutionMatrix();
            const Grid probe = randomGrid(plan.outputRows(), plan.outputCols(), gen);
            const torch::Tensor conv = torch::conv2d(toTensor(probe), toTensor(kernel), torch::Tensor(),
                torch::IntArrayRef {c.params.stride}, torch::IntArrayRef {c.params.padding},
                torch::IntArrayRef {c.params.dilation});
            QCOMPARE(int(conv.numel()), cm.rows);
            for (int r = 0; r < cm.rows; ++r) {
                double v = 0.0;
                for (int k = 0; k < cm.cols; ++k)
                    v += cm.at(r, k) * probe.values[k];
                QVERIFY(std::abs(v - conv.flatten()[r].item<double>()) < tolerance);
            }
        }
    }

    void scatterCanvasAndCrop()
    {
        // 2x2 input of ones, 3x3 kernel of ones, stride 2, padding 1: the canvas is 5x5, the output its 3x3
        // centre. The middle row and column are where placements overlap.
        Grid input(2, 2, 1.0), kernel(3, 3, 1.0);
        TransposeConvParams p;
        const TransposeConvPlan plan(input, kernel, p);
        QCOMPARE(plan.canvasRows(), 5);
        QCOMPARE(plan.canvasAfter(0), Grid(5, 5));
        const Grid one = plan.canvasAfter(1);
        QCOMPARE(one.at(0, 0), 1.0);
        QCOMPARE(one.at(3, 3), 0.0);
        QCOMPARE(plan.canvasAfter(4).at(2, 2), 4.0);
        QCOMPARE(plan.output().toText(), QStringLiteral("1 2 1\n2 4 2\n1 2 1"));
        QCOMPARE(plan.heightFormula(), QStringLiteral("H_out = (2-1)×2 - 2×1 + 1×(3-1) + 0 + 1 = 3"));
        // Checkerboard of overlaps, as the classic kernel-3 stride-2 picture shows.
        QCOMPARE(plan.overlapCounts().toText(), QStringLiteral("1 2 1\n2 4 2\n1 2 1"));
    }

    void stepEquationsShowTheArithmetic()
    {
        Grid input, kernel;
        QVERIFY(Grid::parse(QStringLiteral("1,2;3,4"), &input).isEmpty());
        QVERIFY(Grid::parse(QStringLiteral("1 0 1\n0 1 0\n1 0 1"), &kernel).isEmpty());
        const TransposeConvPlan plan(input, kernel, TransposeConvParams {});
        const auto direct = plan.steps(TransposeConvView::Direct);
        // out[1][1] collects in[0][0]*k[2][2], in[0][1]*k[2][0], in[1][0]*k[0][2], in[1][1]*k[0][0].
        const TransposeConvStep &centre = direct[1 * plan.outputCols() + 1];
        QCOMPARE(centre.terms.size(), 4);
        QCOMPARE(centre.equation, QStringLiteral("out[1][1] = 1×1 + 2×1 + 3×1 + 4×1 = 10"));
        const auto scatter = plan.steps(TransposeConvView::Scatter);
        QCOMPARE(scatter.first().equation, QStringLiteral("in[0][0] = 1:  canvas[0..2][0..2] += 1 × kernel"));
        QCOMPARE(scatter.last().kind, TransposeConvStep::Kind::Crop);
        // Partial progress: after three direct steps only the first three cells are known.
        const Grid partial = plan.outputAfter(TransposeConvView::Direct, 3);
        QVERIFY(!std::isnan(partial.at(0, 2)));
        QVERIFY(std::isnan(partial.at(1, 0)));
    }

    void impossibleParameters_data()
    {
        QTest::addColumn<int>("inSide");
        QTest::addColumn<int>("kSide");
        QTest::addColumn<TransposeConvParams>("params");
        QTest::addColumn<QString>("rule");
        QTest::newRow("stride 0") << 3 << 3 << test::tcParams(0, 1)
                                  << QStringLiteral("stride must be from 1 to 4");
        QTest::newRow("stride 5") << 3 << 3 << test::tcParams(5, 1)
                                  << QStringLiteral("stride must be from 1 to 4");
        QTest::newRow("dilation 4") << 3 << 3 << test::tcParams(1, 0, 0, 4)
                                    << QStringLiteral("dilation must be from 1 to 3");
        QTest::newRow("negative padding")
            << 3 << 3 << test::tcParams(2, -1) << QStringLiteral("kernel size - 1 = 2");
        QTest::newRow("padding as large as the kernel")
            << 3 << 3 << test::tcParams(2, 3) << QStringLiteral("kernel size - 1 = 2");
        QTest::newRow("output_padding equal to stride")
            << 3 << 3 << test::tcParams(2, 1, 2) << QStringLiteral("smaller than the stride or the dilation");
        QTest::newRow("padding leaves nothing")
            << 1 << 3 << test::tcParams(1, 2) << QStringLiteral("empty output");
        QTest::newRow("input 17 wide") << 17 << 3 << test::tcParams(2, 1) << QStringLiteral("1 to 16 cells");
        QTest::newRow("kernel 8 wide") << 3 << 8 << test::tcParams(2, 1) << QStringLiteral("1 to 7 cells");
    }

    void impossibleParameters()
    {
        QFETCH(int, inSide);
        QFETCH(int, kSide);
        QFETCH(TransposeConvParams, params);
        QFETCH(QString, rule);
        const Grid input(inSide, inSide, 1.0), kernel(kSide, kSide, 1.0);
        QString error;
        QVERIFY(!TransposeConvPlan::validate(input, kernel, params, &error));
        QVERIFY2(error.contains(rule), qPrintable(error));
        try {
            TransposeConvPlan plan(input, kernel, params);
            QFAIL("an impossible plan was made");
        } catch (const UserError &e) {
            QCOMPARE(e.message(), error);
        }
    }

    void parsingMatrices_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("problem");
        QTest::newRow("ragged rows") << QStringLiteral("1,2;3")
                                     << QStringLiteral("Row 2 has 1 values but row 1 has 2");
        QTest::newRow("a word") << QStringLiteral("1,x") << QStringLiteral("\"x\" in row 1 is not a number");
        QTest::newRow("nothing") << QStringLiteral(" ; ") << QStringLiteral("The matrix is empty");
        QTest::newRow("infinity") << QStringLiteral("1,inf") << QStringLiteral("not a number");
    }

    void parsingMatrices()
    {
        QFETCH(QString, text);
        QFETCH(QString, problem);
        Grid g;
        QVERIFY(Grid::parse(text, &g).contains(problem));
        QVERIFY(Grid::parse(QStringLiteral("1.5, -2; 3 4"), &g).isEmpty());
        QCOMPARE(g.toText(), QStringLiteral("1.5 -2\n3 4"));
    }
};

QTEST_GUILESS_MAIN(TransposeConvPlanTest)
#include "test_transpose_conv_plan.moc"
