// Training: the loss falls on a tiny configuration, the learning rate warms up and decays linearly (over the
// steps or a time budget), a NaN loss is refused without touching the weights, batches are drawn as
// described; the recipe's Min-SNR weights and EMA decay match PyTorch (tests/fixtures/recipe_expected.json),
// the weight average follows its rule, and the loss weighting changes the gradient but not the reported loss.
#include "diffusion/trainer.h"
#include "test_support.h"
#include "user_error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

    void warmupRisesThenTheBudgetDecays()
    {
        TrainerSettings settings;
        settings.totalSteps = 8;
        settings.lr = 1e-3;
        settings.batch = 2;
        settings.warmupSteps = 4;
        Trainer trainer(ModelConfig {3, 8, 4, 16}, settings);
        const ImageSet set = test::squaresSet(4, 16, 3, 4);
        BatchSource batches(set, 2, 0);
        const auto [x0, c] = batches.next();
        // Step k (0-based) takes lr · min(1, (k + 1) / warm-up) · (1 - k / total).
        for (int k = 0; k < 6; ++k) {
            const double expected = 1e-3 * std::min(1.0, (k + 1) / 4.0) * (1.0 - k / 8.0);
            QVERIFY2(qAbs(trainer.currentLearningRate() - expected) < 1e-15,
                qPrintable(QStringLiteral("step %1: %2 vs %3")
                               .arg(k)
                               .arg(trainer.currentLearningRate())
                               .arg(expected)));
            trainer.step(x0, c);
        }
        // With a time budget the decay follows the time that has passed, not the steps.
        trainer.setBudgetProgress(0.25);
        QCOMPARE(trainer.currentLearningRate(), 0.75e-3);
        trainer.setBudgetProgress(1.5);
        QCOMPARE(trainer.currentLearningRate(), 0.0);
    }

    static QJsonObject recipeFixture()
    {
        QFile f(QStringLiteral(DE_FIXTURES_DIR "/recipe_expected.json"));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

    void minSnrWeightsMatchPyTorch()
    {
        const QJsonObject fixture = recipeFixture();
        const QJsonObject m = fixture.value(QStringLiteral("min_snr")).toObject();
        QVERIFY(!m.isEmpty());
        std::vector<int64_t> ts;
        for (const QJsonValue &v : m.value(QStringLiteral("t")).toArray())
            ts.push_back(v.toInteger());
        const torch::Tensor t = torch::tensor(ts, torch::kLong);
        const double gamma = m.value(QStringLiteral("gamma")).toDouble();
        for (const auto &[key, schedule] : {std::pair {QStringLiteral("linear"), NoiseSchedule::linear()},
                 std::pair {QStringLiteral("cosine"), NoiseSchedule::cosine()}}) {
            const torch::Tensor w = lossWeights(schedule, t, LossWeighting::MinSnr, gamma);
            const QJsonArray expected = m.value(key).toArray();
            QCOMPARE(w.size(0), expected.size());
            for (int i = 0; i < expected.size(); ++i)
                QVERIFY2(qAbs(w[i].item<double>() - expected[i].toDouble()) < 1e-6,
                    qPrintable(QStringLiteral("%1 t=%2: %3 vs %4")
                                   .arg(key)
                                   .arg(ts[size_t(i)])
                                   .arg(w[i].item<double>())
                                   .arg(expected[i].toDouble())));
            // Nearly clean steps count little, noisy ones fully: the weighting does something.
            QVERIFY(w[0].item<double>() < 0.01);
            QCOMPARE(w[w.size(0) - 1].item<double>(), 1.0);
            QVERIFY(
                torch::equal(lossWeights(schedule, t, LossWeighting::Mse, gamma), torch::ones({t.size(0)})));
        }
    }

    void emaDecayMatchesEdm()
    {
        const QJsonArray cases = recipeFixture().value(QStringLiteral("ema")).toArray();
        QVERIFY(!cases.isEmpty());
        for (const QJsonValue &v : cases) {
            const QJsonObject o = v.toObject();
            const double decay = emaDecay(o.value(QStringLiteral("half_life")).toDouble(),
                o.value(QStringLiteral("images_seen")).toInteger(), o.value(QStringLiteral("batch")).toInt());
            QVERIFY2(qAbs(decay - o.value(QStringLiteral("decay")).toDouble()) < 1e-12,
                qPrintable(QString::number(decay)));
        }
    }

    void averageFollowsItsRule()
    {
        const ImageSet set = test::squaresSet(16, 16, 3, 4);
        TrainerSettings settings;
        settings.batch = 8;
        settings.totalSteps = 100;
        settings.seed = 3;
        settings.lr = 2e-3;
        settings.emaHalfLife = 0.5; // long enough to lag visibly after a few steps
        Trainer trainer(ModelConfig {3, 8, 4, 16}, settings);
        QVERIFY(trainer.average());
        QVERIFY(trainer.samplingModel().ptr() == trainer.average().ptr());
        BatchSource batches(set, settings.batch, settings.seed);
        for (int k = 0; k < 6; ++k) {
            std::vector<torch::Tensor> before;
            for (const auto &p : trainer.average()->parameters())
                before.push_back(p.detach().clone());
            const auto [x0, c] = batches.next();
            trainer.step(x0, c);
            const double decay = emaDecay(0.5, trainer.stepsDone() * settings.batch, settings.batch);
            QCOMPARE(trainer.lastEmaDecay(), decay);
            const auto raw = trainer.model()->parameters(), avg = trainer.average()->parameters();
            for (size_t i = 0; i < raw.size(); ++i)
                QVERIFY(
                    torch::allclose(avg[i], decay * before[i] + (1.0 - decay) * raw[i].detach(), 1e-5, 1e-7));
        }
        // After six steps the half-life is 24 images, three steps: the average lags the raw weights.
        double apart = 0.0;
        const auto raw = trainer.model()->parameters(), avg = trainer.average()->parameters();
        for (size_t i = 0; i < raw.size(); ++i)
            apart = std::max(apart, (raw[i] - avg[i]).abs().max().item<double>());
        QVERIFY2(apart > 1e-4, qPrintable(QString::number(apart)));

        settings.emaHalfLife = 0.0;
        Trainer plain(ModelConfig {3, 8, 4, 16}, settings);
        QVERIFY(!plain.average());
        QVERIFY(plain.samplingModel().ptr() == plain.model().ptr());
    }

    void weightingChangesTheStepNotTheReportedLoss()
    {
        const ImageSet set = test::squaresSet(64, 16, 3, 4);
        TrainerSettings settings;
        settings.batch = 64; // so that some timesteps have SNR above γ (t below about 45)
        settings.seed = 9;
        const auto run = [&](LossWeighting weighting, double perturbation) {
            settings.weighting = weighting;
            settings.inputPerturbation = perturbation;
            Trainer trainer(ModelConfig {3, 8, 4, 16}, settings);
            BatchSource batches(set, settings.batch, settings.seed);
            const auto [x0, c] = batches.next();
            const double loss = trainer.step(x0, c);
            // The gradient, not the weights: Adam's first step has the same size whatever the scale.
            return std::pair {loss, trainer.model()->parameters()[0].grad().clone()};
        };
        const auto [mseLoss, mseWeights] = run(LossWeighting::Mse, 0.0);
        const auto [snrLoss, snrWeights] = run(LossWeighting::MinSnr, 0.0);
        QCOMPARE(snrLoss, mseLoss); // the same draws; the reported loss is the plain MSE either way
        QVERIFY(!torch::allclose(snrWeights, mseWeights, 1e-3, 1e-9)); // but the gradient was weighted
        const auto [ipLoss, ipWeights] = run(LossWeighting::Mse, 0.1);
        QVERIFY(ipLoss != mseLoss); // x_t was made with perturbed noise
    }

    // Context dropout (classifier-free guidance): a sample trained without its class teaches the class
    // embedding nothing. Dropping every class leaves the embedding's first layer without a gradient; keeping
    // every class does not.
    void contextDropoutHidesTheClass()
    {
        const ImageSet set = test::squaresSet(64, 16, 3, 4);
        TrainerSettings settings;
        settings.batch = 16;
        settings.seed = 5;
        const auto classGradient = [&](double dropout) {
            settings.contextDropout = dropout;
            Trainer trainer(ModelConfig {3, 8, 4, 16}, settings);
            BatchSource batches(set, settings.batch, settings.seed);
            const auto [x0, c] = batches.next();
            trainer.step(x0, c);
            const auto named = trainer.model()->named_parameters();
            const torch::Tensor *weight = named.find("contextembed1.model.0.weight");
            return weight ? weight->grad().abs().max().item<double>() : -1.0;
        };
        QCOMPARE(classGradient(1.0), 0.0);
        QVERIFY(classGradient(0.0) > 0.0);
    }

    void trainsWithTheModelsSchedule()
    {
        ModelConfig config {3, 8, 4, 16};
        config.schedule = ScheduleKind::Cosine;
        TrainerSettings settings;
        Trainer trainer(config, settings);
        QVERIFY(torch::equal(trainer.schedule().alphaBar, NoiseSchedule::cosine().alphaBar));
        Trainer linear(ModelConfig {3, 8, 4, 16}, settings);
        QVERIFY(torch::equal(linear.schedule().alphaBar, NoiseSchedule::linear().alphaBar));
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
