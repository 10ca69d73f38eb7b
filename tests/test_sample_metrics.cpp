// The distance figures of the evaluation (diversity, memorisation) against plain loops over every pair.
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
};

QTEST_GUILESS_MAIN(SampleMetricsTest)
#include "test_sample_metrics.moc"
