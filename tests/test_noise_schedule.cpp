// The noise schedule against values computed by hand, the cosine schedule against PyTorch
// (tests/fixtures/recipe_expected.json), and the DDIM timestep plan.
#include "diffusion/noise_schedule.h"
#include "diffusion/sampler.h"
#include "diffusion/schedule_table.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using de::NoiseSchedule;

class NoiseScheduleTest : public QObject
{
    Q_OBJECT
private slots:
    void betaIsLinearOverTPlusOnePoints()
    {
        const NoiseSchedule s = NoiseSchedule::linear(500, 1e-4, 0.02);
        QCOMPARE(s.beta.size(0), 501);
        QCOMPARE(s.timesteps, 500);
        QVERIFY(qAbs(s.betaAt(0) - 1e-4) < 1e-15);
        QVERIFY(qAbs(s.betaAt(500) - 0.02) < 1e-15);
        // beta[250] = 1e-4 + (0.02 - 1e-4) * 250/500 = 0.01005
        QVERIFY(qAbs(s.betaAt(250) - 0.01005) < 1e-15);
        QVERIFY(qAbs(s.betaAt(1) - (1e-4 + 0.0199 / 500.0)) < 1e-15);
    }

    void alphaBarIsTheRunningProduct()
    {
        const NoiseSchedule s = NoiseSchedule::linear(500, 1e-4, 0.02);
        QCOMPARE(s.alphaBarAt(0), 1.0);
        // As in the course, the product runs from alpha[0] = 0.9999 and only alphaBar[0] is set to 1.
        // By hand: alpha[1] = 1 - (1e-4 + 0.0199/500) = 0.9998602, so alphaBar[1] = 0.9999 * 0.9998602.
        QVERIFY(qAbs(s.alphaBarAt(1) - 0.99976021398) < 1e-12);
        QVERIFY(qAbs(s.alphaBarAt(2) - 0.99976021398 * (1.0 - (1e-4 + 2 * 0.0199 / 500.0))) < 1e-12);
        double product = 0.9999;
        for (int t = 1; t <= 500; ++t) {
            product *= 1.0 - (1e-4 + 0.0199 * t / 500.0);
            if (t % 50 == 0)
                QVERIFY2(qAbs(s.alphaBarAt(t) - product) < 1e-12, qPrintable(QString::number(t)));
        }
        // The end point, as PyTorch computes it (torch.cumprod in float64): 0.006288760165501338.
        QVERIFY(qAbs(s.alphaBarAt(500) - 0.006288760165501338) < 1e-15);
        for (int t = 1; t <= 500; ++t)
            QVERIFY(s.alphaBarAt(t) < s.alphaBarAt(t - 1));
    }

    void alphaIsOneMinusBeta()
    {
        const NoiseSchedule s = NoiseSchedule::linear(500, 1e-4, 0.02);
        QVERIFY(torch::allclose(s.alpha, 1.0 - s.beta, 0.0, 0.0));
    }

    void cosineMatchesImprovedDiffusion()
    {
        QFile f(QStringLiteral(DE_FIXTURES_DIR "/recipe_expected.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray expected = QJsonDocument::fromJson(f.readAll())
                                        .object()
                                        .value(QStringLiteral("cosine_alpha_bar"))
                                        .toArray();
        QCOMPARE(expected.size(), 500);
        const NoiseSchedule s = NoiseSchedule::cosine(500);
        QCOMPARE(s.alphaBarAt(0), 1.0);
        QCOMPARE(s.betaAt(0), 0.0);
        for (int t = 1; t <= 500; ++t)
            QVERIFY2(qAbs(s.alphaBarAt(t) - expected[t - 1].toDouble())
                    <= 1e-12 * std::max(1.0, expected[t - 1].toDouble()),
                qPrintable(QStringLiteral("t=%1: %2 vs %3")
                               .arg(t)
                               .arg(s.alphaBarAt(t))
                               .arg(expected[t - 1].toDouble())));
        QCOMPARE(s.betaAt(500), 0.999); // clipped, as the paper does at the end
        QVERIFY(torch::allclose(s.alpha, 1.0 - s.beta, 0.0, 0.0));
        // It differs from the linear schedule where it should: more signal kept in the middle.
        QVERIFY(s.alphaBarAt(250) > NoiseSchedule::linear().alphaBarAt(250) + 0.2);
        QVERIFY(torch::equal(NoiseSchedule::of(de::ScheduleKind::Cosine).alphaBar, s.alphaBar));
        QVERIFY(torch::equal(
            NoiseSchedule::of(de::ScheduleKind::Linear).alphaBar, NoiseSchedule::linear().alphaBar));
    }

    void scheduleKeysRoundTrip()
    {
        for (const auto kind : {de::ScheduleKind::Linear, de::ScheduleKind::Cosine}) {
            de::ScheduleKind back = de::ScheduleKind::Linear;
            QVERIFY(de::scheduleFromKey(de::scheduleKey(kind), &back));
            QCOMPARE(back, kind);
        }
        de::ScheduleKind unchanged = de::ScheduleKind::Cosine;
        QVERIFY(!de::scheduleFromKey(QStringLiteral("sigmoid"), &unchanged));
        QCOMPARE(unchanged, de::ScheduleKind::Cosine);
    }

    void rejectsImpossibleSchedules()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, NoiseSchedule::linear(0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, NoiseSchedule::linear(500, 0.0, 0.02));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, NoiseSchedule::linear(500, 0.02, 1e-4));
    }

    void ddimTimesteps_data()
    {
        QTest::addColumn<int>("steps");
        QTest::addColumn<QVector<int>>("expected");
        QTest::newRow("one step jumps straight to zero") << 1 << QVector<int> {500, 0};
        QTest::newRow("five steps of 100") << 5 << QVector<int> {500, 400, 300, 200, 100, 0};
        QTest::newRow("three steps round to the nearest timestep") << 3 << QVector<int> {500, 333, 167, 0};
    }

    void ddimTimesteps()
    {
        QFETCH(int, steps);
        QFETCH(QVector<int>, expected);
        const std::vector<int> ts = de::ddimTimesteps(500, steps);
        QCOMPARE(QVector<int>(ts.begin(), ts.end()), expected);
    }

    void ddimTwentyFiveStepsOfTwenty()
    {
        const std::vector<int> ts = de::ddimTimesteps(500, 25);
        QCOMPARE(int(ts.size()), 26);
        for (size_t i = 0; i < ts.size(); ++i)
            QCOMPARE(ts[i], 500 - 20 * int(i));
    }
};

QTEST_GUILESS_MAIN(NoiseScheduleTest)
#include "test_noise_schedule.moc"
