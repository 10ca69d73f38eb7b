// DDPM, DDIM and DPM-Solver++(2M) samplers on a tiny model: shapes, finiteness, the update rules,
// reproducibility, guidance, cancellation, and DPM-Solver++ against a PyTorch reference written from the
// paper.
#include "diffusion/sampler.h"
#include "fixture_tensors.h"
#include "test_support.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace de;

namespace {

ContextUnet tinyModel()
{
    torch::manual_seed(7);
    return ContextUnet(ModelConfig {3, 8, 5, 16});
}

torch::Tensor oneHot(int n, int classes)
{
    return torch::one_hot(torch::arange(n) % classes, classes).to(torch::kFloat32);
}

// The fixture's ContextUnet(3, 8, 5, 16), weights and statistics as PyTorch had them.
ContextUnet fixtureModel()
{
    const test::FixtureTensors fx
        = test::loadFixtureTensors(test::fixture(QStringLiteral("contextunet_tiny.json")),
            test::fixture(QStringLiteral("contextunet_tiny.bin")));
    ContextUnet m(ModelConfig {3, 8, 5, 16});
    torch::NoGradGuard noGrad;
    for (auto &p : m->named_parameters())
        p.value().copy_(fx.tensors.at(p.key()));
    for (auto &b : m->named_buffers())
        b.value().copy_(fx.tensors.at(b.key()).to(b.value().dtype()));
    return m;
}

torch::Tensor fromJson(const QJsonArray &values, const std::vector<int64_t> &shape)
{
    std::vector<float> v;
    for (const QJsonValue &x : values)
        v.push_back(float(x.toDouble()));
    return torch::tensor(v).view(shape);
}

struct Recorded
{
    std::vector<SamplerStep> steps;
    SamplerCallback callback()
    {
        return [this](const SamplerStep &s) { steps.push_back(s); };
    }
};

// The multistep solvers' checks: four guided samples of the tiny model, from the same noise each time.
SamplerSettings solverCheck(SamplerKind kind, int steps)
{
    SamplerSettings s;
    s.kind = kind;
    s.ddimSteps = steps;
    s.count = 4;
    s.seed = 5;
    s.context = oneHot(4, 5);
    s.guidance = 1.0;
    return s;
}

// A solver's single step is DDIM's (first order, landing on x0 at t = 0).
bool oneStepIsDdim(ContextUnet &model, const NoiseSchedule &schedule, SamplerKind kind)
{
    return torch::allclose(*runSampler(model, schedule, solverCheck(kind, 1)),
        *runSampler(model, schedule, solverCheck(SamplerKind::Ddim, 1)), 1e-6, 1e-6);
}

} // namespace

class SamplerTest : public QObject
{
    Q_OBJECT
private slots:
    void ddpmTakesEveryTimestep()
    {
        ContextUnet m = tinyModel();
        const NoiseSchedule schedule = NoiseSchedule::linear();
        SamplerSettings s;
        s.kind = SamplerKind::Ddpm;
        s.count = 3;
        s.seed = 11;
        s.context = oneHot(3, 5);
        Recorded rec;
        const auto x = runSampler(m, schedule, s, rec.callback());
        QVERIFY(x.has_value());
        QCOMPARE(x->sizes().vec(), (std::vector<int64_t> {3, 3, 16, 16}));
        QVERIFY(torch::isfinite(*x).all().item<bool>());
        QCOMPARE(int(rec.steps.size()), 501);
        QCOMPARE(rec.steps.front().t, 500);
        QCOMPARE(rec.steps.back().t, 0);
        QVERIFY(torch::equal(rec.steps.back().x, *x));
        // One DDPM step by hand, at a step with noise (t = 500) and at the last step (t = 1, no noise).
        const SamplerStep &first = rec.steps[1];
        const double a = schedule.alphaAt(500), ab = schedule.alphaBarAt(500);
        const torch::Tensor mean
            = (rec.steps[0].x - first.eps * ((1 - a) / std::sqrt(1 - ab))) / std::sqrt(a);
        const torch::Tensor z = (first.x - mean) / std::sqrt(schedule.betaAt(500));
        QVERIFY(z.std().item<double>() > 0.8 && z.std().item<double>() < 1.2);
        const SamplerStep &last = rec.steps[500];
        const double a1 = schedule.alphaAt(1), ab1 = schedule.alphaBarAt(1);
        const torch::Tensor lastMean
            = (rec.steps[499].x - last.eps * ((1 - a1) / std::sqrt(1 - ab1))) / std::sqrt(a1);
        QVERIFY(torch::allclose(last.x, lastMean, 1e-5, 1e-5));
    }

    // The cosine schedule ends at alpha-bar ≈ 1e-8, so its x0 estimates are clipped to the data's range; the
    // linear schedule's are not (the course's samplers, exactly). An untrained model shows the difference.
    void cosineScheduleClipsItsEstimates()
    {
        ContextUnet m = tinyModel();
        for (const SamplerKind kind :
            {SamplerKind::Ddim, SamplerKind::DpmSolver, SamplerKind::UniPc, SamplerKind::Ddpm}) {
            SamplerSettings s;
            s.kind = kind;
            s.ddimSteps = 8;
            s.count = 4;
            s.seed = 5;
            s.context = oneHot(4, 5);
            Recorded rec;
            const auto cosine = runSampler(m, NoiseSchedule::cosine(), s, rec.callback());
            QVERIFY(cosine.has_value());
            QVERIFY2(cosine->abs().max().item<double>() <= 1.0 + 1e-5,
                qPrintable(QString::number(cosine->abs().max().item<double>())));
            for (size_t k = 1; k < rec.steps.size(); ++k)
                QVERIFY(rec.steps[k].x0.abs().max().item<double>() <= 1.0 + 1e-6);
            Recorded linearSteps;
            runSampler(m, NoiseSchedule::linear(), s, linearSteps.callback());
            double largest = 0.0;
            for (size_t k = 1; k < linearSteps.steps.size(); ++k)
                largest = std::max(largest, linearSteps.steps[k].x0.abs().max().item<double>());
            QVERIFY2(largest > 1.5, qPrintable(QString::number(largest))); // left as the model says
        }
    }

    void incorrectSamplerAddsNoNoise()
    {
        ContextUnet m = tinyModel();
        const NoiseSchedule schedule = NoiseSchedule::linear();
        SamplerSettings s;
        s.kind = SamplerKind::Ddpm;
        s.count = 2;
        s.seed = 4;
        s.addNoise = false;
        Recorded rec;
        QVERIFY(runSampler(m, schedule, s, rec.callback()).has_value());
        // Every step is the bare mean: x_{t-1} = (x_t - eps (1-a)/sqrt(1-ab)) / sqrt(a).
        for (int k : {1, 250, 499}) {
            const int t = 500 - (k - 1);
            const double a = schedule.alphaAt(t), ab = schedule.alphaBarAt(t);
            const torch::Tensor mean
                = (rec.steps[size_t(k - 1)].x - rec.steps[size_t(k)].eps * ((1 - a) / std::sqrt(1 - ab)))
                / std::sqrt(a);
            QVERIFY(torch::allclose(rec.steps[size_t(k)].x, mean, 1e-5, 1e-5));
        }
    }

    void ddimFollowsTheCourseUpdate()
    {
        ContextUnet m = tinyModel();
        const NoiseSchedule schedule = NoiseSchedule::linear();
        SamplerSettings s;
        s.kind = SamplerKind::Ddim;
        s.ddimSteps = 20;
        s.count = 4;
        s.seed = 3;
        Recorded rec;
        const auto x = runSampler(m, schedule, s, rec.callback());
        QVERIFY(x.has_value());
        QCOMPARE(x->sizes().vec(), (std::vector<int64_t> {4, 3, 16, 16}));
        QVERIFY(torch::isfinite(*x).all().item<bool>());
        QCOMPARE(int(rec.steps.size()), 21);
        for (int k = 1; k <= 20; ++k) {
            const SamplerStep &step = rec.steps[size_t(k)];
            const int t = 500 - 25 * (k - 1), tPrev = 500 - 25 * k;
            QCOMPARE(step.t, tPrev);
            const double ab = schedule.alphaBarAt(t), abPrev = schedule.alphaBarAt(tPrev);
            const torch::Tensor &xt = rec.steps[size_t(k - 1)].x;
            // The course's denoise_ddim: sqrt(ab_prev)/sqrt(ab) (x - sqrt(1-ab) eps) + sqrt(1-ab_prev) eps.
            const torch::Tensor expected
                = std::sqrt(abPrev) / std::sqrt(ab) * (xt - std::sqrt(1 - ab) * step.eps)
                + std::sqrt(1 - abPrev) * step.eps;
            QVERIFY2(torch::allclose(step.x, expected, 1e-4, 1e-4), qPrintable(QString::number(k)));
            QVERIFY(
                torch::allclose(step.x0, (xt - std::sqrt(1 - ab) * step.eps) / std::sqrt(ab), 1e-4, 1e-4));
        }
    }

    void ddimEtaZeroIsBitForBitReproducible()
    {
        ContextUnet m = tinyModel();
        const NoiseSchedule schedule = NoiseSchedule::linear();
        SamplerSettings s;
        s.count = 4;
        s.seed = 42;
        s.context = oneHot(4, 5);
        const torch::Tensor a = *runSampler(m, schedule, s);
        const torch::Tensor b = *runSampler(m, schedule, s);
        QVERIFY(torch::equal(a, b));
        s.seed = 43;
        QVERIFY(!torch::equal(a, *runSampler(m, schedule, s)));
    }

    void etaAddsSeededNoise()
    {
        ContextUnet m = tinyModel();
        const NoiseSchedule schedule = NoiseSchedule::linear();
        SamplerSettings s;
        s.count = 2;
        s.seed = 5;
        const torch::Tensor deterministic = *runSampler(m, schedule, s);
        s.eta = 1.0;
        const torch::Tensor noisy1 = *runSampler(m, schedule, s);
        const torch::Tensor noisy2 = *runSampler(m, schedule, s);
        QVERIFY(torch::equal(noisy1, noisy2));
        QVERIFY(!torch::allclose(deterministic, noisy1, 1e-3, 1e-3));
        s.eta = 1.5;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runSampler(m, schedule, s));
    }

    void guidanceWeightZeroIsPlainConditionalSampling()
    {
        ContextUnet m = tinyModel();
        const NoiseSchedule schedule = NoiseSchedule::linear();
        SamplerSettings s;
        s.count = 4;
        s.seed = 9;
        s.context = oneHot(4, 5);
        const torch::Tensor plain = *runSampler(m, schedule, s);
        s.guidance = 0.0; // computed through the doubled batch
        const torch::Tensor guidedZero = *runSampler(m, schedule, s);
        QVERIFY(torch::allclose(plain, guidedZero, 1e-5, 1e-5));
        s.guidance = 2.0;
        const torch::Tensor guided = *runSampler(m, schedule, s);
        // An untrained model barely listens to its context; make it listen so that guidance shows.
        {
            torch::NoGradGuard noGrad;
            for (auto &p : m->named_parameters())
                if (p.key().find("contextembed") != std::string::npos)
                    p.value().mul_(10.0);
        }
        s.guidance.reset();
        const torch::Tensor plainListening = *runSampler(m, schedule, s);
        s.guidance = 2.0;
        const torch::Tensor guidedListening = *runSampler(m, schedule, s);
        QVERIFY((plainListening - guidedListening).abs().max().item<double>() > 1e-2);
        QVERIFY((plain - guided).abs().max().item<double>() > 0.0);
    }

    void guidedNoiseIsTheWeightedDifference()
    {
        ContextUnet m = tinyModel();
        torch::NoGradGuard noGrad;
        m->eval();
        const torch::Tensor x = torch::randn({3, 3, 16, 16});
        const torch::Tensor t = torch::full({3}, 0.4);
        const torch::Tensor c = oneHot(3, 5);
        const torch::Tensor cond = m->forward(x, t, c), uncond = m->forward(x, t, torch::zeros_like(c));
        const torch::Tensor expected = 4.0 * cond - 3.0 * uncond;
        QVERIFY(torch::allclose(guidedNoise(m, x, t, c, 3.0), expected, 1e-4, 1e-4));
    }

    void contextMixturesAreAccepted()
    {
        ContextUnet m = tinyModel();
        SamplerSettings s;
        s.count = 2;
        s.context = torch::tensor({0.0f, 0.0f, 0.0f, 0.6f, 0.4f, 0.0f, 0.0f, 0.0f, 0.6f, 0.4f}).view({2, 5});
        QVERIFY(runSampler(m, NoiseSchedule::linear(), s).has_value());
        s.context = torch::zeros({2, 4});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runSampler(m, NoiseSchedule::linear(), s));
    }

    void cancelStopsWithinOneStep_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("cancelAt");
        QTest::newRow("DDPM, cancelled at the noise") << int(SamplerKind::Ddpm) << 0;
        QTest::newRow("DDPM, cancelled mid-way") << int(SamplerKind::Ddpm) << 37;
        QTest::newRow("DDIM, cancelled mid-way") << int(SamplerKind::Ddim) << 4;
    }

    // tests/fixtures/make_fixtures.py runs DPM-Solver++(2M) and UniPC as the papers write them, in PyTorch
    // (for UniPC solving the paper's linear system for its coefficients), on the same model from the same
    // x_T: the runs (guided and unguided) must visit the same timesteps and agree to 1e-4.
    void solverMatchesThePaperInPyTorch_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("runs");
        QTest::addColumn<int>("other"); // a sampler that lands elsewhere from the same start
        QTest::newRow("DPM-Solver++")
            << int(SamplerKind::DpmSolver) << QStringLiteral("runs") << int(SamplerKind::Ddim);
        QTest::newRow("UniPC") << int(SamplerKind::UniPc) << QStringLiteral("unipc_runs")
                               << int(SamplerKind::DpmSolver); // without its corrector
    }
    void solverMatchesThePaperInPyTorch()
    {
        QFETCH(int, kind);
        QFETCH(QString, runs);
        QFETCH(int, other);
        QFile file(test::fixture(QStringLiteral("dpm_solver_expected.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject fx = QJsonDocument::fromJson(file.readAll()).object();
        ContextUnet model = fixtureModel();
        const NoiseSchedule schedule = NoiseSchedule::linear();
        const QJsonArray runList = fx.value(runs).toArray();
        QCOMPARE(runList.size(), 2);
        for (const QJsonValue &runValue : runList) {
            const QJsonObject run = runValue.toObject();
            SamplerSettings s;
            s.kind = SamplerKind(kind);
            s.ddimSteps = run.value(QStringLiteral("steps")).toInt();
            if (!run.value(QStringLiteral("guidance")).isNull())
                s.guidance = run.value(QStringLiteral("guidance")).toDouble();
            s.count = 3;
            s.start = fromJson(fx.value(QStringLiteral("start")).toArray(), {3, 3, 16, 16});
            s.context = fromJson(fx.value(QStringLiteral("context")).toArray(), {3, 5});
            Recorded rec;
            const torch::Tensor x = *runSampler(model, schedule, s, rec.callback());
            std::vector<int> visited {schedule.timesteps};
            for (size_t i = 1; i < rec.steps.size(); ++i)
                visited.push_back(rec.steps[i].t);
            std::vector<int> expectedSteps;
            for (const QJsonValue &t : run.value(QStringLiteral("timesteps")).toArray())
                expectedSteps.push_back(t.toInt());
            QCOMPARE(visited, expectedSteps);
            const torch::Tensor expected
                = fromJson(run.value(QStringLiteral("expected")).toArray(), {3, 3, 16, 16});
            const double error = (x - expected).abs().max().item<double>();
            qInfo("%d steps, guidance %s: largest difference from PyTorch %.2e", s.ddimSteps,
                s.guidance ? "2" : "none", error);
            QVERIFY2(error < 1e-4, qPrintable(QStringLiteral("off by %1").arg(error)));
            // The check can fail: the other sampler from the same start lands elsewhere.
            s.kind = SamplerKind(other);
            QVERIFY((*runSampler(model, schedule, s) - expected).abs().max().item<double>() > 1e-3);
        }
    }

    // UniPC's predictor is DPM-Solver++(2M): its first step reaches the same point, and one step is DDIM.
    // From the second step on, the corrected points differ, and at 6 and 8 steps UniPC lands nearer than
    // DPM-Solver++ to the 500-step solution of the same ODE, with as many model evaluations.
    void uniPcCorrectsDpmSolver()
    {
        ContextUnet model = tinyModel();
        const NoiseSchedule schedule = NoiseSchedule::linear();
        QVERIFY(oneStepIsDdim(model, schedule, SamplerKind::UniPc));
        const torch::Tensor exact = *runSampler(model, schedule, solverCheck(SamplerKind::Ddim, 500));
        for (const int steps : {6, 8}) {
            Recorded uni, dpm;
            const torch::Tensor uniX
                = *runSampler(model, schedule, solverCheck(SamplerKind::UniPc, steps), uni.callback());
            const torch::Tensor dpmX
                = *runSampler(model, schedule, solverCheck(SamplerKind::DpmSolver, steps), dpm.callback());
            QCOMPARE(int(uni.steps.size()), steps + 1);
            QVERIFY(torch::allclose(uni.steps[1].x, dpm.steps[1].x, 1e-6, 1e-6));
            QVERIFY(!torch::allclose(uni.steps[2].x, dpm.steps[2].x, 1e-4, 1e-4));
            const double uniError = (uniX - exact).abs().mean().item<double>();
            const double dpmError = (dpmX - exact).abs().mean().item<double>();
            qInfo("%d steps from the 500-step solution: UniPC %.5f, DPM-Solver++ %.5f", steps, uniError,
                dpmError);
            QVERIFY(uniError < dpmError);
        }
    }

    // Its first step is DDIM's (first order); with one step it is DDIM exactly. With several steps it is the
    // better solver of the same ODE: nearer than DDIM to a 500-step DDIM solution at the same step count.
    void dpmSolverIsSecondOrderDdim()
    {
        ContextUnet model = tinyModel();
        const NoiseSchedule schedule = NoiseSchedule::linear();
        QVERIFY(oneStepIsDdim(model, schedule, SamplerKind::DpmSolver));
        Recorded dpm, ddim;
        SamplerSettings s = solverCheck(SamplerKind::DpmSolver, 8);
        const torch::Tensor dpm8 = *runSampler(model, schedule, s, dpm.callback());
        s.kind = SamplerKind::Ddim;
        const torch::Tensor ddim8 = *runSampler(model, schedule, s, ddim.callback());
        QVERIFY(
            torch::allclose(dpm.steps[1].x, ddim.steps[1].x, 1e-6, 1e-6)); // the first step is first order
        QVERIFY(!torch::allclose(dpm.steps[2].x, ddim.steps[2].x, 1e-4, 1e-4)); // the second is not
        s.ddimSteps = 500;
        const torch::Tensor exact = *runSampler(model, schedule, s);
        const double dpmError = (dpm8 - exact).abs().mean().item<double>();
        const double ddimError = (ddim8 - exact).abs().mean().item<double>();
        qInfo("8 steps from the 500-step solution: DPM-Solver++ %.4f, DDIM %.4f", dpmError, ddimError);
        QVERIFY(dpmError < ddimError);
    }

    void aStartingNoiseOfTheWrongShapeIsRefused()
    {
        ContextUnet model = tinyModel();
        SamplerSettings s;
        s.count = 2;
        s.start = torch::zeros({2, 3, 8, 8});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runSampler(model, NoiseSchedule::linear(), s));
    }

    void cancelStopsWithinOneStep()
    {
        QFETCH(int, kind);
        QFETCH(int, cancelAt);
        ContextUnet m = tinyModel();
        SamplerSettings s;
        s.kind = SamplerKind(kind);
        s.count = 1;
        std::atomic<bool> cancel {false};
        int lastIndex = -1;
        const auto result = runSampler(
            m, NoiseSchedule::linear(), s,
            [&](const SamplerStep &step) {
                lastIndex = step.index;
                if (step.index == cancelAt)
                    cancel.store(true);
            },
            &cancel);
        QVERIFY(!result.has_value());
        QCOMPARE(lastIndex, cancelAt);
    }
};

QTEST_GUILESS_MAIN(SamplerTest)
#include "test_sampler.moc"
