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
        const test::CliRun r = test::runCli(args, 30000);
        *status = r.status;
        return r.out;
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

    // tconv --overlap prints the counts of a stack of transposed convolutions: the output of running them on
    // an all-ones input with all-ones kernels, which torch::conv_transpose2d computes here.
    void overlapCountsAgreeWithPyTorch_data()
    {
        QTest::addColumn<QVector<int>>(
            "setting"); // size, kernel, stride, padding, output padding, dilation, layers
        QTest::newRow("checkerboard k3 s2 p1, 1 layer") << QVector<int> {4, 3, 2, 1, 0, 1, 1};
        QTest::newRow("checkerboard k3 s2 p1, 3 layers") << QVector<int> {4, 3, 2, 1, 0, 1, 3};
        QTest::newRow("k3 s2 p1 output_padding 1, 2 layers") << QVector<int> {3, 3, 2, 1, 1, 1, 2};
        QTest::newRow("k4 s2 p1 (no checkerboard), 2 layers") << QVector<int> {4, 4, 2, 1, 0, 1, 2};
        QTest::newRow("k2 s2 (the U-Net's), 3 layers") << QVector<int> {2, 2, 2, 0, 0, 1, 3};
        QTest::newRow("k5 s3 p2 dilation 2, 2 layers") << QVector<int> {3, 5, 3, 2, 0, 2, 2};
        QTest::newRow("stride 1 k3 p0, 3 layers") << QVector<int> {1, 3, 1, 0, 0, 1, 3};
    }
    void overlapCountsAgreeWithPyTorch()
    {
        QFETCH(QVector<int>, setting);
        const int size = setting[0], k = setting[1], layers = setting[6];
        int status = 0;
        const QString printed
            = run({QStringLiteral("tconv"), QStringLiteral("--overlap"), QStringLiteral("--size"),
                      QString::number(size), QStringLiteral("--kernel-size"), QString::number(k),
                      QStringLiteral("--stride"), QString::number(setting[2]), QStringLiteral("--padding"),
                      QString::number(setting[3]), QStringLiteral("--output-padding"),
                      QString::number(setting[4]), QStringLiteral("--dilation"), QString::number(setting[5]),
                      QStringLiteral("--layers"), QString::number(layers)},
                &status);
        QCOMPARE(status, 0);
        torch::Tensor x = torch::ones({1, 1, size, size}, torch::kFloat64);
        for (int l = 0; l < layers; ++l)
            x = torch::conv_transpose2d(x, torch::ones({1, 1, k, k}, torch::kFloat64), {}, setting[2],
                setting[3], setting[4], 1, setting[5]);
        const torch::Tensor expected = x[0][0];
        const QStringList lines = printed.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), int(expected.size(0)));
        for (int r = 0; r < lines.size(); ++r) {
            const QStringList cells = lines[r].split(QLatin1Char(' '));
            QCOMPARE(cells.size(), int(expected.size(1)));
            for (int c = 0; c < cells.size(); ++c)
                QCOMPARE(cells[c].toDouble(), expected[r][c].item<double>());
        }
    }

    void impossibleStacksAreRefused()
    {
        int status = 0;
        QProcess p;
        p.start(QStringLiteral(DE_CLI_PATH),
            {QStringLiteral("tconv"), QStringLiteral("--overlap"), QStringLiteral("--size"),
                QStringLiteral("1"), QStringLiteral("--kernel-size"), QStringLiteral("3"),
                QStringLiteral("--stride"), QStringLiteral("1"), QStringLiteral("--padding"),
                QStringLiteral("2")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("empty output")));
        run({QStringLiteral("tconv"), QStringLiteral("--overlap"), QStringLiteral("--layers"),
                QStringLiteral("4")},
            &status);
        QCOMPARE(status, 2);
    }

    // tconv --code prints a script that PyTorch runs: its `out` is conv_transpose2d's output for every case
    // of the table, and it confirms the direct convolution gives the same. Needs Python with torch
    // (/usr/bin/python3, python3-torch); without it the test says so and skips (fails with the ci preset).
    void printedCodeRunsInPyTorch()
    {
        QProcess probe;
        probe.start(
            QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("import torch")});
        if (!probe.waitForFinished(60000) || probe.exitCode() != 0) {
#ifdef DE_REQUIRE_PYTORCH // the ci preset: scripts/test installs it, so its absence is a failure
            QFAIL("/usr/bin/python3 with torch (python3-torch) is not installed");
#else
            QSKIP("/usr/bin/python3 with torch (python3-torch) is not installed");
#endif
        }
        // Every case's script runs in its own namespace of one Python process (importing torch takes
        // seconds), marked off by a line naming the case.
        const auto cases = test::transposeConvCases();
        QString program;
        std::vector<torch::Tensor> expected;
        for (int i = 0; i < cases.size(); ++i) {
            const test::TransposeConvCase &c = cases[i];
            torch::Generator gen = at::detail::createCPUGenerator(3000 + i);
            const torch::Tensor input = torch::randint(-5, 6, {c.inRows, c.inCols}, gen, torch::kFloat64) / 4;
            const torch::Tensor kernel = torch::randint(-5, 6, {c.kRows, c.kCols}, gen, torch::kFloat64) / 2;
            QStringList args {QStringLiteral("tconv"), QStringLiteral("--code"), QStringLiteral("--input"),
                matrixText(input), QStringLiteral("--kernel"), matrixText(kernel), QStringLiteral("--stride"),
                QString::number(c.params.stride), QStringLiteral("--padding"),
                QString::number(c.params.padding), QStringLiteral("--output-padding"),
                QString::number(c.params.outputPadding), QStringLiteral("--dilation"),
                QString::number(c.params.dilation)};
            if (c.params.hasBias)
                args << QStringLiteral("--bias") << QString::number(c.params.bias);
            int status = 0;
            const QString code = run(args, &status);
            QCOMPARE(status, 0);
            program += QStringLiteral("print('case %1')\nexec(\"\"\"%2\"\"\", {})\n")
                           .arg(i)
                           .arg(code
                               + QStringLiteral(
                                   "print('values', ' '.join(repr(v) for v in out.flatten().tolist()))\n"));
            const torch::Tensor bias
                = c.params.hasBias ? torch::full({1}, c.params.bias, torch::kFloat64) : torch::Tensor();
            expected.push_back(torch::conv_transpose2d(input.view({1, 1, c.inRows, c.inCols}),
                kernel.view({1, 1, c.kRows, c.kCols}), bias, c.params.stride, c.params.padding,
                c.params.outputPadding, 1, c.params.dilation)
                                   .flatten());
        }
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-")});
        python.write(program.toUtf8());
        python.closeWriteChannel();
        QVERIFY(python.waitForFinished(120000));
        QVERIFY2(python.exitCode() == 0, qPrintable(QString::fromUtf8(python.readAllStandardError())));
        // Each script prints whether its direct convolution agrees ("True"), out as a tensor, and its values.
        const QStringList lines = QString::fromUtf8(python.readAllStandardOutput()).split(QLatin1Char('\n'));
        int checked = 0;
        for (int i = 0; i < lines.size(); ++i) {
            if (!lines[i].startsWith(QLatin1String("case ")))
                continue;
            const int index = lines[i].mid(5).toInt();
            QVERIFY2(i + 1 < lines.size() && lines[i + 1] == QLatin1String("True"), cases[index].name);
            int at = i + 1;
            while (at < lines.size() && !lines[at].startsWith(QLatin1String("values ")))
                ++at;
            QVERIFY(at < lines.size());
            const QStringList values = lines[at].mid(7).split(QLatin1Char(' '));
            QCOMPARE(values.size(), int(expected[index].numel()));
            for (int k = 0; k < values.size(); ++k)
                QVERIFY2(std::abs(values[k].toDouble() - expected[index][k].item<double>()) < 1e-9,
                    cases[index].name);
            ++checked;
        }
        QCOMPARE(checked, int(cases.size()));
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
