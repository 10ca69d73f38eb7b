// The tools for poking a model, on the bundled sprite model: SDEdit (start from an image noised to t),
// inpainting (repaint a masked part, keep the rest exactly), branches (continue a run from one of its steps)
// and the walk between two seeds' noises, whose end frames are the seeds' own samples bit for bit.
#include "data/tensor_images.h"
#include "diffusion/sampler.h"
#include "files/bundled_models.h"
#include "files/checkpoint.h"
#include "files/model_file.h"
#include "test_support.h"
#include "worker/diffusion_worker.h"

#include <QSignalSpy>
#include <QTest>

using namespace de;

namespace {

// A 16x16 RGB picture the sprite model has not seen: a yellow disc on white, in [-1, 1].
torch::Tensor disc()
{
    const torch::Tensor ys = torch::arange(16).view({16, 1}).to(torch::kFloat32) - 7.5;
    const torch::Tensor xs = torch::arange(16).view({1, 16}).to(torch::kFloat32) - 7.5;
    const torch::Tensor inside = (ys * ys + xs * xs < 36.0).to(torch::kFloat32);
    const torch::Tensor colour = torch::tensor({1.0f, 0.6f, -1.0f}).view({3, 1, 1});
    return (inside * colour + (1 - inside) * torch::ones({3, 1, 1})).unsqueeze(0);
}

SamplerSettings settings(SamplerKind kind, int count, uint64_t seed)
{
    SamplerSettings s;
    s.kind = kind;
    s.ddimSteps = 20;
    s.count = count;
    s.seed = seed;
    s.guidance = 2.0;
    s.context = torch::one_hot(torch::zeros({count}, torch::kLong), 5).to(torch::kFloat32);
    return s;
}

double meanDistance(const torch::Tensor &a, const torch::Tensor &b)
{
    return (a - b).abs().mean().item<double>();
}

} // namespace

class PlayToolsTest : public QObject
{
    Q_OBJECT

    ContextUnet m_model {nullptr};

private slots:
    void initTestCase()
    {
        registerWorkTypes();
        torch::set_num_threads(1);
        m_model = loadCheckpoint(findBundledModel(QStringLiteral("bundled:sprites"))->checkpointPath).model;
    }

    // SDEdit: noised a little (t = 40 of 500) the sample stays near the start image; from t = T it is a new
    // image, at least twice as far from it (measured with the 13,000-step sprite model: 0.11 against 0.37
    // with DDPM, 0.08 against 0.32 with DDIM; the sprites share the start image's white background). The
    // first x is exactly the start image noised to t with the seed's first draw.
    void sdeditTradesFaithfulnessForFreedom()
    {
        const NoiseSchedule schedule = NoiseSchedule::linear();
        auto distanceAt = [&](int startT, SamplerKind kind) {
            SamplerSettings s = settings(kind, 8, 5);
            // Asked for objects: a face drawn from pure noise is itself a yellow disc on white, near the
            // start.
            s.context = torch::one_hot(torch::full({8}, 4, torch::kLong), 5).to(torch::kFloat32);
            s.init = disc();
            s.startT = startT;
            std::vector<SamplerStep> steps;
            const auto x
                = runSampler(m_model, schedule, s, [&](const SamplerStep &st) { steps.push_back(st); });
            if (!x)
                return -1.0;
            const double ab = schedule.alphaBarAt(startT);
            const torch::Tensor z = torch::randn({8, 3, 16, 16}, at::detail::createCPUGenerator(5));
            const double first = (steps.front().x - (std::sqrt(ab) * s.init + std::sqrt(1 - ab) * z))
                                     .abs()
                                     .max()
                                     .item<double>();
            if (first > 1e-5 || steps.front().t != startT)
                return -2.0;
            if (kind == SamplerKind::Ddpm && int(steps.size()) != startT + 1)
                return -3.0;
            return meanDistance(*x, s.init.expand_as(*x));
        };
        const double near = distanceAt(40, SamplerKind::Ddpm), far = distanceAt(500, SamplerKind::Ddpm);
        const double nearDdim = distanceAt(40, SamplerKind::Ddim),
                     farDdim = distanceAt(500, SamplerKind::Ddim);
        qInfo("mean |sample - start image| over 8 samples: DDPM from t = 40 %.3f, from t = 500 %.3f; DDIM "
              "%.3f, %.3f",
            near, far, nearDdim, farDdim);
        QVERIFY(near >= 0 && nearDdim >= 0);
        QVERIFY2(
            near < 0.15 && nearDdim < 0.15, "a lightly noised start image should come back nearly as it was");
        QVERIFY2(far > 2 * near && farDdim > 2 * nearDdim, "from pure noise the start image should be lost");
    }

    // Inpainting keeps every unmasked pixel of the start image exactly and repaints the masked ones.
    void inpaintingKeepsTheUnmaskedPixels_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("ddpm") << int(SamplerKind::Ddpm);
        QTest::newRow("ddim") << int(SamplerKind::Ddim);
        QTest::newRow("dpm-solver++") << int(SamplerKind::DpmSolver);
        QTest::newRow("unipc") << int(SamplerKind::UniPc);
    }
    void inpaintingKeepsTheUnmaskedPixels()
    {
        QFETCH(int, kind);
        SamplerSettings s = settings(SamplerKind(kind), 4, 9);
        s.init = disc();
        s.mask = torch::zeros({1, 1, 16, 16});
        s.mask.narrow(2, 0, 8).fill_(1.0); // repaint the top half
        const auto x = runSampler(m_model, NoiseSchedule::linear(), s);
        QVERIFY(x.has_value());
        const torch::Tensor kept = x->narrow(2, 8, 8), start = s.init.narrow(2, 8, 8).expand_as(kept);
        QVERIFY2(torch::equal(kept, start), "the kept half must be the start image, bit for bit");
        const double repainted
            = meanDistance(x->narrow(2, 0, 8), s.init.narrow(2, 0, 8).expand({4, 3, 8, 16}));
        qInfo("mean |repainted half - start image| %.3f", repainted);
        QVERIFY(repainted > 0.1);
    }

    // A branch continues a run from one of its steps on the run's remaining timesteps: with DDIM eta 0 it
    // ends exactly where the run ended; with DDPM the branches differ, and differ less the later they start.
    void branchesContinueARun()
    {
        const NoiseSchedule schedule = NoiseSchedule::linear();
        SamplerSettings s = settings(SamplerKind::Ddim, 2, 4);
        std::vector<SamplerStep> steps;
        const auto x = runSampler(m_model, schedule, s, [&](const SamplerStep &st) { steps.push_back(st); });
        QVERIFY(x.has_value());
        const std::vector<int> ts = ddimTimesteps(schedule.timesteps, s.ddimSteps);
        const int k = 8;
        SamplerSettings branch = s;
        branch.seed = 99;
        branch.start = steps[k].x;
        branch.startT = ts[k];
        branch.timesteps.assign(ts.begin() + k, ts.end());
        const auto again = runSampler(m_model, schedule, branch);
        QVERIFY(again.has_value());
        QVERIFY(torch::equal(*again, *x));

        std::vector<SamplerStep> ddpmSteps;
        SamplerSettings d = settings(SamplerKind::Ddpm, 1, 4);
        QVERIFY(runSampler(m_model, schedule, d, [&](const SamplerStep &st) { ddpmSteps.push_back(st); }));
        auto spread = [&](int t) { // four branches from x_t: how far apart their results are
            SamplerSettings b = settings(SamplerKind::Ddpm, 4, 17);
            b.start = ddpmSteps[schedule.timesteps - t].x;
            b.startT = t;
            const torch::Tensor r = *runSampler(m_model, schedule, b);
            return (r - r.mean(0, true)).abs().mean().item<double>();
        };
        const double early = spread(400), late = spread(30);
        qInfo("spread of four DDPM branches from t = 400: %.3f, from t = 30: %.3f", early, late);
        QVERIFY(early > 0.0 && late > 0.0);
        QVERIFY(late < early);

        branch.timesteps = {ts[k], ts[k] + 1, 0}; // not falling: refused
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runSampler(m_model, schedule, branch));
    }

    void slerpKeepsTheEndsAndTheNorm()
    {
        const torch::Tensor a = torch::randn({1, 3, 16, 16}), b = torch::randn({1, 3, 16, 16});
        QVERIFY(torch::allclose(slerp(a, b, 0.0), a, 0, 1e-6));
        QVERIFY(torch::allclose(slerp(a, b, 1.0), b, 0, 1e-5));
        const double mid = slerp(a, b, 0.5).norm().item<double>();
        const double lerp = (0.5 * a + 0.5 * b).norm().item<double>();
        QVERIFY(mid > 1.3 * lerp); // a straight line passes near the origin; the great circle does not
        QVERIFY(std::abs(mid - a.norm().item<double>()) < 0.15 * a.norm().item<double>());
    }

    // The worker's walk: N frames, the end frames equal to the plain samples of the two seeds bit for bit,
    // with a context walk too; and the requests a walk refuses.
    void walkEndsAreThePlainSamples()
    {
        DiffusionEngine engine(1);
        QSignalSpy finished(engine.worker(), &DiffusionWorker::samplingFinished);
        QSignalSpy failed(engine.worker(), &DiffusionWorker::failed);
        auto run = [&](const SampleRequest &r) {
            finished.clear();
            failed.clear();
            engine.startSampling(r);
            if (!QTest::qWaitFor([&] { return finished.size() + failed.size() == 1; }, 120000))
                return ImageBatch {};
            return failed.isEmpty() ? finished.first().first().value<SampleResult>().images : ImageBatch {};
        };
        SampleRequest walk;
        walk.checkpointPath = QStringLiteral("bundled:sprites");
        walk.kind = SamplerKind::DpmSolver;
        walk.ddimSteps = 12;
        walk.useGuidance = true;
        walk.guidance = 2.0;
        walk.reportSteps = false;
        walk.seed = 11;
        walk.seedB = 12;
        walk.frames = 5;
        walk.context = {0, 1, 0, 0, 0};
        walk.contextB = {0, 0, 0, 1, 0};
        const ImageBatch frames = run(walk);
        QCOMPARE(frames.n, 5);

        SampleRequest plain = walk;
        plain.frames = 0;
        plain.count = 1;
        const ImageBatch a = run(plain);
        plain.seed = 12;
        plain.context = walk.contextB;
        const ImageBatch b = run(plain);
        QCOMPARE(a.n, 1);
        const qsizetype size = a.imageSize();
        QVERIFY(std::equal(a.values.begin(), a.values.end(), frames.values.begin()));
        QVERIFY(std::equal(b.values.begin(), b.values.end(), frames.values.begin() + 4 * size));
        // The frames between are new images, each different from its neighbours.
        for (int f = 1; f < 5; ++f) {
            double d = 0;
            for (qsizetype i = 0; i < size; ++i)
                d += std::abs(frames.values[f * size + i] - frames.values[(f - 1) * size + i]);
            QVERIFY2(d / size > 0.01, qPrintable(QString::number(f)));
        }

        SampleRequest bad = walk;
        bad.seedB = bad.seed;
        QVERIFY(run(bad).isEmpty());
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("different seeds")));
        bad = walk;
        bad.kind = SamplerKind::Ddpm;
        QVERIFY(run(bad).isEmpty());
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("deterministic")));
        for (int frames : {-3, 1, 257}) {
            bad = walk;
            bad.frames = frames;
            QVERIFY(run(bad).isEmpty());
            QVERIFY2(failed.first().first().toString().contains(QStringLiteral("2 to 256 frames")),
                qPrintable(failed.first().first().toString()));
        }
    }

    void badStartImagesAreNamed()
    {
        DiffusionEngine engine(1);
        QSignalSpy failed(engine.worker(), &DiffusionWorker::failed);
        SampleRequest r;
        r.checkpointPath = QStringLiteral("bundled:sprites");
        r.count = 2;
        r.init = toImageBatch(torch::zeros({1, 1, 16, 16})); // one channel for an RGB model
        engine.startSampling(r);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 60000);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("start image")),
            qPrintable(failed.first().first().toString()));
        failed.clear();
        r.init = toImageBatch(torch::zeros({1, 3, 16, 16}));
        r.startT = 501;
        engine.startSampling(r);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 60000);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("500")),
            qPrintable(failed.first().first().toString()));
    }
};

QTEST_GUILESS_MAIN(PlayToolsTest)
#include "test_play_tools.moc"
