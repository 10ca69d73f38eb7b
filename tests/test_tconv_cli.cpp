// `diffusion-explorer-cli tconv` agrees with torch::conv_transpose2d for every case of the engine's table, in
// every view, and prints its steps.
#include "test_support.h"
#include "transpose_conv_cases.h"

#include <QProcess>
#include <QTest>

using namespace de;

namespace {

QString matrixText(const torch::Tensor &t)
{
    QStringList rows;
    for (int64_t r = 0; r < t.size(0); ++r) {
        QStringList cells;
        for (int64_t c = 0; c < t.size(1); ++c)
            cells.push_back(QString::number(t[r][c].item<double>()));
        rows.push_back(cells.join(QLatin1Char(',')));
    }
    return rows.join(QLatin1Char(';'));
}

} // namespace

class TconvCliTest : public QObject
{
    Q_OBJECT
private:
    static QString run(const QStringList &args, int *status)
    {
        QProcess p;
        p.start(QStringLiteral(DE_CLI_PATH), args);
        if (!p.waitForFinished(30000)) {
            *status = -1;
            return {};
        }
        *status = p.exitCode();
        return QString::fromUtf8(p.readAllStandardOutput());
    }

private slots:
    void agreesWithPyTorch_data()
    {
        QTest::addColumn<int>("caseIndex");
        QTest::addColumn<QString>("view");
        const auto cases = test::transposeConvCases();
        for (int i = 0; i < cases.size(); ++i)
            for (const char *view : {"scatter", "direct", "matrix"})
                QTest::addRow("%s, %s", cases[i].name, view) << i << QString::fromLatin1(view);
    }

    void agreesWithPyTorch()
    {
        QFETCH(int, caseIndex);
        QFETCH(QString, view);
        const test::TransposeConvCase c = test::transposeConvCases()[caseIndex];
        torch::Generator gen = at::detail::createCPUGenerator(2000 + caseIndex);
        // Small integers and a bias of 0.75 print exactly, so the comparison can be tight.
        const torch::Tensor input = torch::randint(-5, 6, {c.inRows, c.inCols}, gen, torch::kFloat64);
        const torch::Tensor kernel = torch::randint(-5, 6, {c.kRows, c.kCols}, gen, torch::kFloat64);
        QStringList args {QStringLiteral("tconv"), QStringLiteral("--input"), matrixText(input),
            QStringLiteral("--kernel"), matrixText(kernel), QStringLiteral("--stride"),
            QString::number(c.params.stride), QStringLiteral("--padding"), QString::number(c.params.padding),
            QStringLiteral("--output-padding"), QString::number(c.params.outputPadding),
            QStringLiteral("--dilation"), QString::number(c.params.dilation), QStringLiteral("--view"), view};
        if (c.params.hasBias)
            args << QStringLiteral("--bias") << QString::number(c.params.bias);
        int status = 0;
        const QString printed = run(args, &status);
        QCOMPARE(status, 0);

        const torch::Tensor bias
            = c.params.hasBias ? torch::full({1}, c.params.bias, torch::kFloat64) : torch::Tensor();
        const torch::Tensor expected = torch::conv_transpose2d(input.view({1, 1, c.inRows, c.inCols}),
            kernel.view({1, 1, c.kRows, c.kCols}), bias, c.params.stride, c.params.padding,
            c.params.outputPadding, 1, c.params.dilation)[0][0];
        const QStringList lines = printed.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), int(expected.size(0)));
        for (int r = 0; r < lines.size(); ++r) {
            const QStringList cells = lines[r].split(QLatin1Char(' '));
            QCOMPARE(cells.size(), int(expected.size(1)));
            for (int k = 0; k < cells.size(); ++k)
                QCOMPARE(cells[k].toDouble(), expected[r][k].item<double>());
        }
    }

    void printsSteps()
    {
        int status = 0;
        const QString text = run(
            {QStringLiteral("tconv"), QStringLiteral("--input"), QStringLiteral("1,2;3,4"),
                QStringLiteral("--kernel"), QStringLiteral("1,0,1;0,1,0;1,0,1"), QStringLiteral("--steps")},
            &status);
        QCOMPARE(status, 0);
        QVERIFY(text.contains(QStringLiteral("H_out = (2-1)×2 - 2×1 + 1×(3-1) + 0 + 1 = 3")));
        QVERIFY(text.contains(QStringLiteral("Step 1/5: in[0][0] = 1:  canvas[0..2][0..2] += 1 × kernel")));
        QVERIFY(text.contains(QStringLiteral("Step 5/5: crop")));
        QVERIFY(text.trimmed().endsWith(QStringLiteral("1 0 2\n0 10 0\n3 0 4")));
        const QString matrix
            = run({QStringLiteral("tconv"), QStringLiteral("--input"), QStringLiteral("1,2;3,4"),
                      QStringLiteral("--kernel"), QStringLiteral("1,0,1;0,1,0;1,0,1"),
                      QStringLiteral("--steps"), QStringLiteral("--view"), QStringLiteral("matrix")},
                &status);
        QVERIFY(matrix.contains(
            QStringLiteral("Step 5/9: out[1][1] = (Cᵀ row 4) · in = 1×1 + 2×1 + 3×1 + 4×1 = 10")));
    }
};

QTEST_GUILESS_MAIN(TconvCliTest)
#include "test_tconv_cli.moc"
