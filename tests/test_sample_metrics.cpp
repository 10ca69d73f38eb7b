// The distance figures of the evaluation (diversity, memorisation) against plain loops over every pair, and
// the Fréchet distance against its closed forms.
#include "judge/sample_metrics.h"
#include "test_support.h"

#include <QTest>

using namespace de;

namespace {

double distance(const torch::Tensor &a, const torch::Tensor &b)
{
    return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).pow(2).sum().sqrt().item<double>();
}

} // namespace

class SampleMetricsTest : public QObject
{
    Q_OBJECT
private slots:
    // Against a loop over all pairs, for sets smaller and larger than the blocks the functions work in.
    void pairwiseAndNearestMatchLoops_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("m");
        QTest::newRow("small") << 7 << 5;
        QTest::newRow("more than one block") << 600 << 530;
    }
    void pairwiseAndNearestMatchLoops()
    {
        QFETCH(int, n);
        QFETCH(int, m);
        torch::manual_seed(1);
        const torch::Tensor a = torch::randn({n, 1, 4, 4}), b = torch::randn({m, 1, 4, 4});
        const int64_t loopRows = std::min(n, 40); // the loops are slow; check a prefix where it is costly
        double sum = 0.0;
        for (int i = 0; i < n; ++i)
            for (int j = i + 1; j < n; ++j)
                sum += distance(a[i], a[j]);
        const double expected = sum / (double(n) * (n - 1) / 2.0);
        QVERIFY(std::abs(meanPairwiseDistance(a) - expected) < 1e-9 * expected);

        const torch::Tensor toB = nearestDistances(a, b, false), self = nearestDistances(a, a, true);
        QCOMPARE(toB.size(0), int64_t(n));
        for (int64_t i = 0; i < loopRows; ++i) {
            double best = 1e300, bestOther = 1e300;
            for (int j = 0; j < m; ++j)
                best = std::min(best, distance(a[i], b[j]));
            for (int j = 0; j < n; ++j)
                if (j != i)
                    bestOther = std::min(bestOther, distance(a[i], a[j]));
            QVERIFY(std::abs(toB[i].item<double>() - best) < 1e-9 * best);
            QVERIFY(std::abs(self[i].item<double>() - bestOther) < 1e-9 * bestOther);
        }
        // Rows in the second block too: their own zero distance is skipped there as well.
        QVERIFY(self.min().item<double>() > 0.0);
    }

    // The ratios say what they should in the clear cases.
    void ratiosInClearCases()
    {
        torch::manual_seed(2);
        const torch::Tensor training = torch::randn({200, 1, 8, 8});
        // Copies of training images: memorisation 0. Fresh draws from the same distribution: about 1.
        QVERIFY(memorisationRatio(training.narrow(0, 0, 50), training) < 1e-6); // cdist rounds: not exactly 0
        const double fresh = memorisationRatio(torch::randn({50, 1, 8, 8}), training);
        QVERIFY2(fresh > 0.8 && fresh < 1.3, qPrintable(QString::number(fresh)));
        // The same image 50 times: diversity 0. Another draw of the data: about 1.
        QVERIFY(diversityRatio(training[0].expand({50, 1, 8, 8}), training) < 1e-9);
        const double spread = diversityRatio(torch::randn({100, 1, 8, 8}), training);
        QVERIFY2(spread > 0.9 && spread < 1.1, qPrintable(QString::number(spread)));
        // Too few images to compare is refused, not a division by zero.
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument, nearestDistances(training, training.narrow(0, 0, 1), true));
        QCOMPARE(meanPairwiseDistance(training.narrow(0, 0, 1)), 0.0);
    }

    // The Fréchet distance against its closed forms: 0 for a set and itself; for diagonal covariances it is
    // |mu_a − mu_b|² + Σ (√var_a − √var_b)²; and it is symmetric.
    void frechetDistanceMatchesItsClosedForms()
    {
        torch::manual_seed(3);
        const torch::Tensor a = torch::randn({400, 6}, torch::kFloat64);
        QVERIFY(frechetDistance(a, a) < 1e-9);
        // Exactly diagonal covariances: independent columns scaled and shifted from one standardised set.
        const torch::Tensor base = torch::randn({5000, 3}, torch::kFloat64);
        const torch::Tensor standard = (base - base.mean(0)) / base.std(0);
        // Decorrelate the columns exactly (Gram–Schmidt on the centred columns), so both covariances are
        // diagonal.
        const torch::Tensor q = std::get<0>(torch::linalg::qr(standard, "reduced")) * std::sqrt(4999.0);
        const torch::Tensor mu1 = torch::tensor({0.0, 1.0, -2.0}, torch::kFloat64);
        const torch::Tensor sd1 = torch::tensor({1.0, 2.0, 0.5}, torch::kFloat64);
        const torch::Tensor mu2 = torch::tensor({0.5, 1.0, 0.0}, torch::kFloat64);
        const torch::Tensor sd2 = torch::tensor({3.0, 2.0, 1.5}, torch::kFloat64);
        const torch::Tensor x = q * sd1 + mu1, y = q * sd2 + mu2;
        const double expected
            = (mu1 - mu2).pow(2).sum().item<double>() + (sd1 - sd2).pow(2).sum().item<double>();
        const double got = frechetDistance(x, y);
        QVERIFY2(std::abs(got - expected) < 1e-6 * expected,
            qPrintable(QStringLiteral("%1 against %2").arg(got).arg(expected)));
        QVERIFY(std::abs(frechetDistance(y, x) - got) < 1e-6 * got);
        // Too few rows, or rows of different widths, are refused.
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, frechetDistance(a.narrow(0, 0, 1), a));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, frechetDistance(a, a.narrow(1, 0, 3)));
    }
};

QTEST_GUILESS_MAIN(SampleMetricsTest)
#include "test_sample_metrics.moc"
