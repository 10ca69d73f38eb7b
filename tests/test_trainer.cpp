// Training: the loss falls on a tiny configuration, the learning rate decays linearly, a NaN loss is refused
// without touching the weights, and batches are drawn as described.
#include "diffusion/trainer.h"
#include "test_support.h"
#include "user_error.h"

#include <QTest>

using namespace de;

class TrainerTest : public QObject
{
    Q_OBJECT
private slots:
    void lossGoesDown()
    {
        const ImageSet set = test::squaresSet(64, 16, 3, 4);
        TrainerSettings settings;
        settings.batch = 32;
        settings.totalSteps = 60;
        settings.seed = 1;
        settings.lr = 2e-3;
        Trainer trainer(ModelConfig {3, 16, 4, 16}, settings);
        BatchSource batches(set, settings.batch, settings.seed);
        std::vector<double> losses;
        while (trainer.stepsDone() < settings.totalSteps) {
            const auto [x0, c] = batches.next();
            losses.push_back(trainer.step(x0, c));
        }
        const double first = (losses[0] + losses[1] + losses[2] + losses[3] + losses[4]) / 5;
        double last = 0;
        for (size_t i = losses.size() - 10; i < losses.size(); ++i)
            last += losses[i] / 10;
        QVERIFY2(last < 0.6 * first, qPrintable(QStringLiteral("first %1, last %2").arg(first).arg(last)));
    }

    void sameSeedSameRun()
    {
        const ImageSet set = test::squaresSet(16, 16, 3, 4);
        TrainerSettings settings;
        settings.batch = 8;
        settings.totalSteps = 3;
        settings.seed = 5;
        auto run = [&] {
            Trainer trainer(ModelConfig {3, 8, 4, 16}, settings);
            BatchSource batches(set, settings.batch, settings.seed);
            std::vector<double> losses;
            for (int i = 0; i < 3; ++i) {
                const auto [x0, c] = batches.next();
                losses.push_back(trainer.step(x0, c));
            }
            return losses;
        };
        QCOMPARE(run(), run());
    }

    void learningRateDecaysLinearlyToZero()
    {
        TrainerSettings settings;
        settings.totalSteps = 4;
        settings.lr = 1e-3;
        settings.batch = 2;
        Trainer trainer(ModelConfig {3, 8, 4, 16}, settings);
        const ImageSet set = test::squaresSet(4, 16, 3, 4);
        BatchSource batches(set, 2, 0);
        QCOMPARE(trainer.currentLearningRate(), 1e-3);
        const auto [x0, c] = batches.next();
        trainer.step(x0, c);
        QCOMPARE(trainer.currentLearningRate(), 0.75e-3);
        trainer.step(x0, c);
        QCOMPARE(trainer.currentLearningRate(), 0.5e-3);
        QCOMPARE(
            static_cast<torch::optim::AdamOptions &>(trainer.optimizer().param_groups()[0].options()).lr(),
            0.75e-3);
    }

    void nonFiniteLossIsRefusedAndWeightsAreKept()
    {
        TrainerSettings settings;
        settings.totalSteps = 10;
        Trainer trainer(ModelConfig {3, 8, 4, 16}, settings);
        std::vector<torch::Tensor> before;
        for (const auto &p : trainer.model()->parameters())
            before.push_back(p.detach().clone());
        torch::Tensor x0 = torch::zeros({2, 3, 16, 16});
        x0[0][0][0][0] = std::numeric_limits<float>::quiet_NaN();
        try {
            trainer.step(x0, torch::zeros({2, 4}));
            QFAIL("a NaN loss was accepted");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("nan")), qPrintable(e.message()));
            QVERIFY(e.message().contains(QStringLiteral("step 1")));
        }
        QCOMPARE(trainer.stepsDone(), qint64(0));
        const auto after = trainer.model()->parameters();
        for (size_t i = 0; i < before.size(); ++i)
            QVERIFY(torch::equal(before[i], after[i]));
    }

    void batchesAreScaledOneHotAndAugmented()
    {
        ImageSet set = test::squaresSet(10, 16, 3, 4);
        BatchSource plain(set, 10, 3);
        const auto [x, c] = plain.next();
        QCOMPARE(x.sizes().vec(), (std::vector<int64_t> {10, 3, 16, 16}));
        QVERIFY(x.min().item<float>() >= -1.0f && x.max().item<float>() <= 1.0f);
        QVERIFY(torch::equal(c.sum(1), torch::ones({10})));
        // Without augmentation every image appears exactly as stored (one epoch, shuffled).
        const torch::Tensor sums = x.sum({1, 2, 3}); // all squares have the same area
        QVERIFY(torch::allclose(sums, sums[0].expand_as(sums)));
        set.augment = true;
        set.background = 20;
        BatchSource augmented(set, 10, 3);
        bool changed = false;
        for (int round = 0; round < 5 && !changed; ++round) {
            const auto [xa, ca] = augmented.next();
            // Shifts move the square: some image no longer matches its class's stored position.
            const torch::Tensor stored
                = torch::from_blob(const_cast<char *>(set.pixels.constData()), {10, 3, 16, 16}, torch::kUInt8)
                        .to(torch::kFloat32)
                    / 127.5
                - 1.0;
            for (int i = 0; i < 10 && !changed; ++i) {
                bool matchesAny = false;
                for (int j = 0; j < 10; ++j)
                    matchesAny = matchesAny || torch::allclose(xa[i], stored[j]);
                changed = !matchesAny;
            }
        }
        QVERIFY(changed);
    }

    void emptySetIsRefused()
    {
        ImageSet empty;
        empty.name = QStringLiteral("nothing");
        QVERIFY_THROWS_EXCEPTION(UserError, BatchSource(empty, 4, 0));
    }
};

QTEST_GUILESS_MAIN(TrainerTest)
#include "test_trainer.moc"
