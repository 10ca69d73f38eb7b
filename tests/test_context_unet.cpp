// ContextUnet: parameter names and counts, every shape, and the forward pass against PyTorch.
#include "data/tensor_images.h"
#include "diffusion/benchmark.h"
#include "diffusion/embeddings.h"
#include "diffusion/layer_slice.h"
#include "fixture_tensors.h"
#include "model/batchnorm_gelu.h"
#include "model/blocked_loops.h"
#include "model/compute_precision.h"
#include "model/context_unet.h"
#include "model/winograd_conv.h"
#include "test_support.h"
#include "user_error.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QTest>

#include <functional>
#include <thread>

using namespace de;

namespace {

ContextUnet makeModel(const ModelConfig &config)
{
    torch::manual_seed(0);
    return ContextUnet(config);
}

// BatchNorm statistics and BatchNorm/GroupNorm scales away from their initial 0 and 1, so that folding them
// into the convolutions is really exercised.
void randomiseNormalisation(ContextUnet &m)
{
    torch::NoGradGuard noGrad;
    for (auto &b : m->named_buffers()) {
        if (b.key().find("running_mean") != std::string::npos)
            b.value().normal_(0.0, 0.2);
        else if (b.key().find("running_var") != std::string::npos)
            b.value().uniform_(0.3, 2.0);
    }
    for (auto &p : m->named_parameters())
        if (p.key().find(".1.weight") != std::string::npos || p.key().find("up0.1") != std::string::npos)
            p.value().uniform_(0.5, 1.5);
}

} // namespace

class ContextUnetTest : public QObject
{
    Q_OBJECT
private slots:
    void spriteModelHasTheCourseCounts()
    {
        ContextUnet m = makeModel({3, 64, 5, 16});
        QCOMPARE(parameterCount(*m), int64_t(1481027));
        QCOMPARE(stateEntryCount(*m), int64_t(158));
    }

    void forwardFlopsOfTheSpriteModel()
    {
        // 150,618,112 multiply-adds in the convolutions (counted by hand layer by layer) plus 42,112 in the
        // four embeddings (1·128 + 128·128, 1·64 + 64·64, 5·128 + 128·128, 5·64 + 64·64): 0.301 GFLOP.
        const double flops = forwardFlopsPerSample({3, 64, 5, 16});
        QVERIFY2(std::abs(flops - 2.0 * (150618112.0 + 42112.0)) < 1.0,
            qPrintable(QString::number(flops, 'f', 0)));
        QVERIFY(forwardFlopsPerSample({1, 64, 10, 28}) > 2.5 * flops); // 28x28 is about three times 16x16
    }

    void parameterNamesMatchThePyTorchStateDict()
    {
        ContextUnet m = makeModel({3, 64, 5, 16});
        std::set<std::string> names;
        for (const auto &p : m->named_parameters())
            names.insert(p.key());
        for (const auto &b : m->named_buffers())
            names.insert(b.key());
        for (const char *key : {"init_conv.conv1.0.weight", "init_conv.conv1.1.running_mean",
                 "init_conv.conv1.1.num_batches_tracked", "init_conv.shortcut.weight",
                 "init_conv.shortcut.bias", "down1.model.0.conv2.1.weight", "down2.model.1.conv1.0.bias",
                 "timeembed1.model.0.weight", "timeembed2.model.2.bias", "contextembed1.model.0.weight",
                 "contextembed2.model.2.weight", "up0.0.weight", "up0.1.weight", "up1.model.0.weight",
                 "up1.model.2.conv2.1.running_var", "up2.model.0.bias", "out.0.weight", "out.1.bias",
                 "out.3.bias"})
            QVERIFY2(names.count(key) == 1, key);
        // Only the shortcut of init_conv exists: the other residual blocks keep their channel count.
        int shortcuts = 0;
        for (const auto &name : names)
            shortcuts += name.find("shortcut") != std::string::npos;
        QCOMPARE(shortcuts, 2);
    }

    void shapes_data()
    {
        QTest::addColumn<int>("inChannels");
        QTest::addColumn<int>("nFeat");
        QTest::addColumn<int>("nCFeat");
        QTest::addColumn<int>("height");
        QTest::newRow("sprites (3, 64, 5, 16)") << 3 << 64 << 5 << 16;
        QTest::newRow("fashion (1, 64, 10, 28)") << 1 << 64 << 10 << 28;
    }

    void shapes()
    {
        QFETCH(int, inChannels);
        QFETCH(int, nFeat);
        QFETCH(int, nCFeat);
        QFETCH(int, height);
        torch::NoGradGuard noGrad;
        ContextUnet m = makeModel({inChannels, nFeat, nCFeat, height});
        m->eval();
        const int64_t b = 2, f = nFeat, h = height;
        const torch::Tensor x = torch::randn({b, inChannels, h, h});
        const torch::Tensor t = torch::rand({b});
        const torch::Tensor c = torch::rand({b, nCFeat});

        const torch::Tensor x1 = m->initConv->forward(x);
        QCOMPARE(x1.sizes().vec(), (std::vector<int64_t> {b, f, h, h}));
        const torch::Tensor d1 = m->down1->forward(x1);
        QCOMPARE(d1.sizes().vec(), (std::vector<int64_t> {b, f, h / 2, h / 2}));
        const torch::Tensor d2 = m->down2->forward(d1);
        QCOMPARE(d2.sizes().vec(), (std::vector<int64_t> {b, 2 * f, h / 4, h / 4}));
        const torch::Tensor hv = m->toVec->forward(d2);
        QCOMPARE(hv.sizes().vec(), (std::vector<int64_t> {b, 2 * f, 1, 1}));
        QCOMPARE(m->timeEmbed1->forward(t).sizes().vec(), (std::vector<int64_t> {b, 2 * f}));
        QCOMPARE(m->timeEmbed2->forward(t).sizes().vec(), (std::vector<int64_t> {b, f}));
        QCOMPARE(m->contextEmbed1->forward(c).sizes().vec(), (std::vector<int64_t> {b, 2 * f}));
        QCOMPARE(m->contextEmbed2->forward(c).sizes().vec(), (std::vector<int64_t> {b, f}));
        const torch::Tensor u1 = m->up0->forward(hv);
        QCOMPARE(u1.sizes().vec(), (std::vector<int64_t> {b, 2 * f, h / 4, h / 4}));
        const torch::Tensor u2 = m->up1->forward(u1, d2);
        QCOMPARE(u2.sizes().vec(), (std::vector<int64_t> {b, f, h / 2, h / 2}));
        const torch::Tensor u3 = m->up2->forward(u2, d1);
        QCOMPARE(u3.sizes().vec(), (std::vector<int64_t> {b, f, h, h}));
        const torch::Tensor y = m->forward(x, t, c);
        QCOMPARE(y.sizes().vec(), (std::vector<int64_t> {b, inChannels, h, h}));
        QVERIFY(torch::isfinite(y).all().item<bool>());
        // No context is the same as a zero context.
        QVERIFY(torch::equal(m->forward(x, t), m->forward(x, t, torch::zeros({b, nCFeat}))));
    }

    void impossibleConfigurationsAreRefusedWithTheRule()
    {
        QVERIFY((ModelConfig {3, 12, 5, 16}.validate().contains(QStringLiteral("GroupNorm"))));
        QVERIFY((ModelConfig {3, 64, 5, 18}.validate().contains(QStringLiteral("multiple of 4"))));
        QVERIFY((ModelConfig {0, 64, 5, 16}.validate().contains(QStringLiteral("in_channels"))));
        QVERIFY((ModelConfig {3, 64, 5, 16}.validate().isEmpty()));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ContextUnet(ModelConfig {3, 12, 5, 16}));
    }

    // Eval-mode BatchNorm folding gives the plain path's outputs (within 1e-4), and follows every change of a
    // weight or a statistic.
    void foldedBatchNormMatchesThePlainPath()
    {
        torch::manual_seed(3);
        ContextUnet m = makeModel({3, 16, 5, 16});
        torch::NoGradGuard noGrad;
        randomiseNormalisation(m);
        m->eval();
        m->setOneDnn(false); // this test is about the LibTorch path; oneDnnMatchesThePlainPath below
        const torch::Tensor x = torch::randn({4, 3, 16, 16}), t = torch::rand({4}),
                            c = torch::one_hot(torch::arange(4) % 5, 5).to(torch::kFloat32);
        auto plainAndFolded = [&] {
            m->setFoldBatchNorm(false);
            const torch::Tensor plain = m->forward(x, t, c);
            m->setFoldBatchNorm(true);
            return std::make_pair(plain, m->forward(x, t, c));
        };
        const auto [plain1, before] = plainAndFolded();
        const double d1 = (plain1 - before).abs().max().item<double>();
        QVERIFY2(d1 < 1e-4, qPrintable(QString::number(d1)));
        m->named_buffers()["down1.model.0.conv1.1.running_var"].mul_(3.0);
        m->named_parameters()["up2.model.1.conv2.0.weight"].add_(0.05);
        const auto [plain2, after] = plainAndFolded();
        const double d2 = (plain2 - after).abs().max().item<double>();
        QVERIFY2(d2 < 1e-4, qPrintable(QString::number(d2)));
        QVERIFY((before - after).abs().max().item<double>() > 1e-3); // the change reached the folded path
        {
            c10::InferenceMode inference; // as the samplers run
            const torch::Tensor inInference = m->forward(x, t, c);
            QVERIFY((inInference - after).abs().max().item<double>() < 1e-6);
        }
    }

    // The oneDNN pass (blocked layout, folded BatchNorm, fused GELU, Winograd or direct convolutions) gives
    // the plain path's outputs for every algorithm, batch size and model shape, and follows weight changes.
    // Tolerance 2e-4 for outputs of magnitude about 1: Winograd F(4x4, 3x3) rounds differently from the
    // direct method (the measured differences are printed).
    void oneDnnMatchesThePlainPath_data()
    {
        QTest::addColumn<int>("inChannels");
        QTest::addColumn<int>("nFeat");
        QTest::addColumn<int>("nCFeat");
        QTest::addColumn<int>("height");
        QTest::addColumn<bool>("courseShortcut");
        QTest::newRow("sprites (3, 64, 5, 16)") << 3 << 64 << 5 << 16 << false;
        QTest::newRow("fashion (1, 32, 10, 28)") << 1 << 32 << 10 << 28 << false;
        QTest::newRow("tiny (3, 8, 5, 16), course shortcut") << 3 << 8 << 5 << 16 << true;
        QTest::newRow("odd width (4, 24, 3, 20)") << 4 << 24 << 3 << 20 << false;
    }
    void oneDnnMatchesThePlainPath()
    {
        QFETCH(int, inChannels);
        QFETCH(int, nFeat);
        QFETCH(int, nCFeat);
        QFETCH(int, height);
        QFETCH(bool, courseShortcut);
        ModelConfig config {inChannels, nFeat, nCFeat, height};
        config.courseShortcut = courseShortcut;
        torch::manual_seed(5);
        ContextUnet m(config);
        torch::NoGradGuard noGrad;
        randomiseNormalisation(m);
        m->eval();
        auto plain = [&](const torch::Tensor &x, const torch::Tensor &t, const torch::Tensor &c) {
            m->setOneDnn(false);
            m->setFoldBatchNorm(false);
            m->setShortcutGenerator(at::detail::createCPUGenerator(11));
            torch::Tensor y = m->forward(x, t, c);
            m->setOneDnn(true);
            m->setFoldBatchNorm(true);
            return y;
        };
        auto fast2 = [&](const torch::Tensor &x, const torch::Tensor &t) { // whichever path the model takes
            m->setShortcutGenerator(at::detail::createCPUGenerator(11));
            return m->forward(x, t, {});
        };
        auto fast = [&](const torch::Tensor &x, const torch::Tensor &t, const torch::Tensor &c) {
            m->setShortcutGenerator(at::detail::createCPUGenerator(11));
            const int64_t before = m->oneDnn().passes();
            torch::Tensor y = m->forward(x, t, c);
            if (m->oneDnn().passes() != before + 1)
                return torch::Tensor(); // the fast path did not run
            return y;
        };
        for (const ConvAlgorithm algorithm :
            {ConvAlgorithm::Auto, ConvAlgorithm::Direct, ConvAlgorithm::Winograd})
            for (const int64_t batch : {1, 5, 32}) {
                m->oneDnn().setConvAlgorithm(algorithm);
                const torch::Tensor x = torch::randn({batch, inChannels, height, height});
                const torch::Tensor t = torch::rand({batch});
                const torch::Tensor c
                    = torch::one_hot(torch::arange(batch) % nCFeat, nCFeat).to(torch::kFloat32);
                const torch::Tensor expected = plain(x, t, c);
                const torch::Tensor got = fast(x, t, c);
                QVERIFY2(got.defined(), "the oneDNN path did not run");
                QCOMPARE(got.sizes(), expected.sizes());
                const double d = (got - expected).abs().max().item<double>();
                const double scale = expected.abs().max().item<double>();
                qInfo("batch %lld, %s: max |difference| %.2e (outputs up to %.2f); convolutions: %s",
                    static_cast<long long>(batch),
                    algorithm == ConvAlgorithm::Auto         ? "auto"
                        : algorithm == ConvAlgorithm::Direct ? "direct"
                                                             : "winograd",
                    d, scale, m->oneDnn().lastPlanSummary().c_str());
                QVERIFY2(d < 2e-5 * std::max(1.0, scale), qPrintable(QString::number(d)));
                QVERIFY(scale > 0.05); // a real output, not zeros on both sides
                // no context: the plain path's zeros
                const double dNone = (fast(x, t, {}) - plain(x, t, {})).abs().max().item<double>();
                QVERIFY2(dNone < 2e-5 * std::max(1.0, scale), qPrintable(QString::number(dNone)));
            }
        // Weights that change after the plan was made reach it.
        m->oneDnn().setConvAlgorithm(ConvAlgorithm::Auto);
        const torch::Tensor x = torch::randn({5, inChannels, height, height}), t = torch::rand({5});
        const torch::Tensor before = fast(x, t, {});
        m->named_buffers()["down1.model.0.conv1.1.running_var"].mul_(3.0);
        m->named_parameters()["up2.model.1.conv2.0.weight"].add_(0.05);
        m->named_parameters()["out.1.bias"].add_(0.5);
        m->named_parameters()["up0.0.weight"].mul_(1.5);
        const torch::Tensor after = fast(x, t, {});
        QVERIFY((before - after).abs().max().item<double>() > 1e-3);
        QVERIFY((after - plain(x, t, {})).abs().max().item<double>() < 2e-5);
        // So do tensors given new storage, as a checkpoint's loading (set_) and a change of type (set_data).
        torch::Tensor weight = m->named_parameters()["up2.model.2.conv1.0.weight"];
        weight.set_data(weight.detach().clone() * 2.0);
        torch::Tensor mean = m->named_buffers()["up2.model.2.conv2.1.running_mean"];
        mean.set_(mean.clone() + 1.0);
        const torch::Tensor replaced = fast(x, t, {});
        QVERIFY((replaced - after).abs().max().item<double>() > 1e-3);
        QVERIFY((replaced - plain(x, t, {})).abs().max().item<double>() < 2e-5);
        // One time value for the whole batch: the plain path broadcasts it, and the shortcut of a
        // course-compatible model is drawn exactly once either way.
        const torch::Tensor oneT = torch::full({1}, 0.3);
        const double dBroadcast = (fast2(x, oneT) - plain(x, oneT, {})).abs().max().item<double>();
        QVERIFY2(dBroadcast < 2e-5, qPrintable(QString::number(dBroadcast)));
        // Many batch sizes in turn (more than the plans kept at once), each still right.
        for (int round = 0; round < 2; ++round)
            for (int64_t batch = 1; batch <= 9; ++batch) {
                const torch::Tensor xb = torch::randn({batch, inChannels, height, height}),
                                    tb = torch::rand({batch});
                const double db = (fast(xb, tb, {}) - plain(xb, tb, {})).abs().max().item<double>();
                QVERIFY2(db < 2e-5, qPrintable(QStringLiteral("batch %1: %2").arg(batch).arg(db)));
            }
        if (courseShortcut) { // each pass draws a new shortcut from the generator, as the plain path does
            m->setShortcutGenerator(at::detail::createCPUGenerator(11));
            const torch::Tensor first = m->forward(x, t, {});
            const torch::Tensor second = m->forward(x, t, {});
            QVERIFY((first - second).abs().max().item<double>() > 1e-4);
        }
    }

    // The fused pass's own rounding to bfloat16 (its copies into convolution inputs) is LibTorch's, bit for
    // bit: to nearest, ties to even, for every magnitude, signed zeros, infinities and a tail shorter than a
    // vector. (Denormals are left out: the CPU's instruction flushes them, as oneDNN's conversions do.)
    void bfloat16RoundingMatchesLibTorch()
    {
        torch::manual_seed(9);
        std::vector<float> values;
        const torch::Tensor r = torch::randn({4000}) * torch::exp(torch::randn({4000}) * 8);
        values.assign(r.data_ptr<float>(), r.data_ptr<float>() + r.numel());
        for (const float v : {0.0f, -0.0f, 1.0f, -2.5f, 1.00390625f, 1.01171875f, 3.0e38f, -3.3e38f,
                 std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(), 1e-30f})
            values.push_back(v); // 1.00390625 and 1.01171875: ties that round down and up to even
        for (const int64_t n : {int64_t(values.size()), int64_t(7)}) {
            std::vector<uint16_t> ours(static_cast<size_t>(n));
            toBfloat16(values.data(), ours.data(), n);
            const torch::Tensor theirs
                = torch::from_blob(values.data(), {n}).to(torch::kBFloat16).view(torch::kInt16).contiguous();
            const int16_t *t = theirs.data_ptr<int16_t>();
            for (int64_t i = 0; i < n; ++i)
                QVERIFY2(ours[size_t(i)] == uint16_t(t[i]),
                    qPrintable(QStringLiteral("%1: %2 against LibTorch's %3")
                                   .arg(double(values[size_t(i)]))
                                   .arg(ours[size_t(i)], 4, 16)
                                   .arg(uint16_t(t[i]), 4, 16)));
        }
    }

    // Bfloat16 sampling (compute_precision.h): the 3x3 convolutions and the transposed convolutions in
    // bfloat16, and the activations only they read; everything else as in float32. Against the plain
    // float32 path the error is bfloat16's rounding, not a mistake: bound
    // 1.5e-2 × max(1, largest output) (measured: at most 4.6e-3); widths that are not multiples
    // of 16 keep float32 and its bound.
    void bfloat16PassMatchesThePlainPath_data()
    {
        QTest::addColumn<int>("inChannels");
        QTest::addColumn<int>("nFeat");
        QTest::addColumn<int>("nCFeat");
        QTest::addColumn<int>("height");
        QTest::newRow("sprites (3, 64, 5, 16)") << 3 << 64 << 5 << 16;
        QTest::newRow("fashion (1, 64, 10, 28)") << 1 << 64 << 10 << 28;
        QTest::newRow("width 32 (3, 32, 5, 16)") << 3 << 32 << 5 << 16;
        QTest::newRow("odd width (4, 24, 3, 20): float32") << 4 << 24 << 3 << 20;
    }
    void bfloat16PassMatchesThePlainPath()
    {
        if (!bfloat16Supported())
            QSKIP("this CPU has no bfloat16 arithmetic (AVX512_BF16)");
        QFETCH(int, inChannels);
        QFETCH(int, nFeat);
        QFETCH(int, nCFeat);
        QFETCH(int, height);
        struct Restore
        {
            ~Restore() { setSamplingPrecision(Precision::Float32); }
        } restore;
        torch::manual_seed(5);
        ContextUnet m(ModelConfig {inChannels, nFeat, nCFeat, height});
        torch::NoGradGuard noGrad;
        randomiseNormalisation(m);
        m->eval();
        const bool wide = nFeat % 16 == 0;
        for (const int64_t batch : {1, 5, 16}) {
            const torch::Tensor x = torch::randn({batch, inChannels, height, height});
            const torch::Tensor t = torch::rand({batch});
            const torch::Tensor c = torch::one_hot(torch::arange(batch) % nCFeat, nCFeat).to(torch::kFloat32);
            setSamplingPrecision(Precision::Float32);
            m->setOneDnn(false);
            const torch::Tensor expected = m->forward(x, t, c);
            m->setOneDnn(true);
            const torch::Tensor exact = m->forward(x, t, c);
            QVERIFY(m->oneDnn().lastPlanSummary().find("bf16") == std::string::npos);
            setSamplingPrecision(Precision::BFloat16);
            const int64_t before = m->oneDnn().passes();
            const torch::Tensor got = m->forward(x, t, c);
            QCOMPARE(m->oneDnn().passes(), before + 1); // the fused pass ran, not the plain path
            const std::string summary = m->oneDnn().lastPlanSummary();
            // Every 3x3 convolution is a bfloat16 one (the first, from 3 or 1 image channels, with
            // oneDNN's first-layer kernel).
            QCOMPARE(summary.find("bf16") != std::string::npos, wide);
            QCOMPARE(summary.find("direct") == std::string::npos, wide);
            QCOMPARE(summary.find("winograd") == std::string::npos || !wide, true);
            const double scale = expected.abs().max().item<double>();
            const double d = (got - expected).abs().max().item<double>();
            const double dExact = (exact - expected).abs().max().item<double>();
            qInfo("batch %lld: max |bfloat16 - plain| %.2e, |float32 - plain| %.2e (outputs up to %.2f); %s",
                static_cast<long long>(batch), d, dExact, scale, summary.c_str());
            QVERIFY(scale > 0.05);
            QVERIFY2(d < (wide ? 1.5e-2 : 2e-5) * std::max(1.0, scale), qPrintable(QString::number(d)));
            if (wide) // rounding really happened: the bfloat16 pass is not the float32 one
                QVERIFY2(d > 10 * dExact, qPrintable(QStringLiteral("%1 against %2").arg(d).arg(dExact)));
            QCOMPARE(effectivePrecision(), Precision::BFloat16);
        }
    }

    // The window's worker threads share models and the cached training kernels: a plan or kernel made on
    // one thread runs on another, after the first has ended. oneDNN's own scratchpad is per thread, so the
    // primitives bring their own (on AVX-512 the second thread's pass wrote through a null pointer).
    void primitivesRunOnAnotherThread()
    {
        torch::manual_seed(6);
        ContextUnet m(ModelConfig {3, 64, 5, 16});
        m->eval();
        const torch::Tensor x = torch::randn({8, 3, 16, 16}), t = torch::rand({8});
        const torch::Tensor xc = torch::randn({8, 64, 16, 16}), w = torch::randn({64, 64, 3, 3}) * 0.1,
                            b = torch::randn({64}), g = torch::randn({8, 64, 16, 16});
        auto onThread = [](const std::function<void()> &f) {
            std::thread worker(f);
            worker.join();
        };
        std::vector<torch::Tensor> outputs, convs;
        for (int round = 0; round < 2; ++round)
            onThread([&] {
                torch::NoGradGuard noGrad;
                outputs.push_back(m->forward(x, t, {}));
                torch::AutoGradMode grad(true);
                const torch::Tensor xg = xc.clone().requires_grad_(true);
                const torch::Tensor y = winogradConv2d(xg, w, b);
                y.backward(g);
                convs.push_back(y.detach());
                convs.push_back(xg.grad());
            });
        QVERIFY(m->oneDnn().passes() >= 2);
        torch::NoGradGuard noGrad;
        m->setOneDnn(false);
        const torch::Tensor expected = m->forward(x, t, {});
        m->setOneDnn(true);
        for (const torch::Tensor &y : outputs)
            QVERIFY2((y - expected).abs().max().item<double>()
                    < 2e-5 * std::max(1.0, expected.abs().max().item<double>()),
                "the fused pass");
        QVERIFY((convs[0] - convs[2]).abs().max().item<double>() == 0.0); // the same kernels, the same values
        QVERIFY((convs[1] - convs[3]).abs().max().item<double>() == 0.0);
        const double scale = convs[0].abs().max().item<double>();
        QVERIFY((convs[0] - torch::conv2d(xc, w, b, 1, 1)).abs().max().item<double>() <= 1e-4 * scale);
    }

    // winogradConv2d gives LibTorch's conv2d values and gradients (for the input, the weight and the bias)
    // within 1e-4 of the largest value, for shapes of the model and batch sizes of training.
    void winogradConvMatchesLibTorch_data()
    {
        QTest::addColumn<QVector<int>>("shape"); // batch, in, out, side
        QTest::newRow("64 to 64 at 16x16, batch 8") << QVector<int> {8, 64, 64, 16};
        QTest::newRow("64 to 128 at 8x8, batch 20") << QVector<int> {20, 64, 128, 8};
        QTest::newRow("128 to 64 at 16x16, batch 4") << QVector<int> {4, 128, 64, 16};
        QTest::newRow("32 to 32 at 14x14, batch 6") << QVector<int> {6, 32, 32, 14};
    }
    void winogradConvMatchesLibTorch()
    {
        QFETCH(QVector<int>, shape);
        torch::manual_seed(2);
        const torch::Tensor x0 = torch::randn({shape[0], shape[1], shape[3], shape[3]});
        const torch::Tensor w0 = torch::randn({shape[2], shape[1], 3, 3}) * 0.1;
        const torch::Tensor b0 = torch::randn({shape[2]});
        const torch::Tensor g = torch::randn({shape[0], shape[2], shape[3], shape[3]});
        auto run = [&](bool winograd) {
            const torch::Tensor x = x0.clone().requires_grad_(true), w = w0.clone().requires_grad_(true),
                                b = b0.clone().requires_grad_(true);
            const torch::Tensor y = winograd ? winogradConv2d(x, w, b) : torch::conv2d(x, w, b, 1, 1);
            y.backward(g);
            return std::vector<torch::Tensor> {y.detach(), x.grad(), w.grad(), b.grad()};
        };
        const auto expected = run(false), got = run(true);
        const char *names[] = {"output", "input gradient", "weight gradient", "bias gradient"};
        for (int i = 0; i < 4; ++i) {
            const double scale = expected[i].abs().max().item<double>();
            const double d = (got[i] - expected[i]).abs().max().item<double>();
            qInfo("%s: max |difference| %.2e, largest value %.2f", names[i], d, scale);
            QVERIFY2(d <= 1e-4 * scale, names[i]);
        }
    }

    void transposedConvAsScatterMatchesLibTorch_data()
    {
        QTest::addColumn<QVector<int>>("shape"); // batch, in, out, side, kernel (= stride)
        QTest::newRow("up2: 128 to 64, 8x8 to 16x16, batch 3") << QVector<int> {3, 128, 64, 8, 2};
        QTest::newRow("up1: 256 to 64, 4x4 to 8x8, batch 5") << QVector<int> {5, 256, 64, 4, 2};
        QTest::newRow("up0: 128 to 128, 1x1 to 4x4, batch 4") << QVector<int> {4, 128, 128, 1, 4};
        QTest::newRow("fashion up0: 64 to 64, 1x1 to 7x7, batch 2") << QVector<int> {2, 64, 64, 1, 7};
        QTest::newRow("odd: 24 to 40, 5x3 input, kernel 3") << QVector<int> {2, 24, 40, 5, 3};
    }
    void transposedConvAsScatterMatchesLibTorch()
    {
        QFETCH(QVector<int>, shape);
        torch::manual_seed(3);
        const int64_t k = shape[4];
        torch::nn::ConvTranspose2d deconv(torch::nn::ConvTranspose2dOptions(shape[1], shape[2], k).stride(k));
        const torch::Tensor x0 = torch::randn({shape[0], shape[1], shape[3], shape[3] == 5 ? 3 : shape[3]});
        const torch::Tensor g = torch::randn_like(deconv->forward(x0));
        auto run = [&](bool scatter) {
            deconv->zero_grad();
            const torch::Tensor x = x0.clone().requires_grad_(true);
            const torch::Tensor y = scatter ? transposedConvAsScatter(*deconv, x) : deconv->forward(x);
            y.backward(g);
            return std::vector<torch::Tensor> {
                y.detach(), x.grad(), deconv->weight.grad().clone(), deconv->bias.grad().clone()};
        };
        const auto expected = run(false), got = run(true);
        const char *names[] = {"output", "input gradient", "weight gradient", "bias gradient"};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(got[i].sizes(), expected[i].sizes());
            const double scale = expected[i].abs().max().item<double>();
            const double d = (got[i] - expected[i]).abs().max().item<double>();
            qInfo("%s: max |difference| %.2e, largest value %.2f", names[i], d, scale);
            QVERIFY2(d <= 1e-5 * scale, names[i]);
            QVERIFY(scale > 0.1);
        }
        // a layer whose kernel is not its stride goes to the module itself
        torch::nn::ConvTranspose2d overlapping(
            torch::nn::ConvTranspose2dOptions(shape[1], shape[2], 3).stride(2));
        QVERIFY(torch::equal(transposedConvAsScatter(*overlapping, x0), overlapping->forward(x0)));
    }

    void batchNormGeluMatchesLibTorch_data()
    {
        QTest::addColumn<QVector<int>>("shape"); // batch, channels, height, width
        QTest::newRow("64 channels at 16x16, batch 6") << QVector<int> {6, 64, 16, 16};
        QTest::newRow("128 channels at 8x8, batch 20") << QVector<int> {20, 128, 8, 8};
        QTest::newRow("fashion: 32 channels at 7x7, batch 3") << QVector<int> {3, 32, 7, 7};
        QTest::newRow("two values per channel") << QVector<int> {2, 8, 1, 1};
    }
    // GELU(BatchNorm2d(x)) in training mode as one function against LibTorch's two layers in float32 and in
    // float64 (the same parameters, input and output gradient): the output, the gradients of the input, γ and
    // β, and the running statistics. Each of ours is within 3 times LibTorch's own float32 error of the
    // float64 values (floor: 1e-6 of the largest value), and within 1e-4 of the largest value of LibTorch's.
    void batchNormGeluMatchesLibTorch()
    {
        QFETCH(QVector<int>, shape);
        torch::manual_seed(3);
        const int64_t channels = shape[1];
        const torch::Tensor x0 = torch::randn({shape[0], channels, shape[2], shape[3]}) * 2 + 0.5;
        const torch::Tensor g = torch::randn_like(x0);
        const torch::Tensor gamma = torch::rand({channels}) + 0.5, beta = torch::randn({channels});
        auto run = [&](bool fused, torch::Dtype type) {
            torch::nn::BatchNorm2d bn(channels);
            torch::NoGradGuard noGrad;
            bn->to(type);
            bn->weight.copy_(gamma);
            bn->bias.copy_(beta);
            bn->running_mean.fill_(0.3);
            bn->running_var.fill_(2.0);
            bn->train();
            torch::AutoGradMode grad(true);
            const torch::Tensor x = x0.to(type).clone().requires_grad_(true);
            const torch::Tensor y = fused ? batchNormGelu(x, *bn) : torch::gelu(bn->forward(x));
            if (!y.defined())
                return std::map<std::string, torch::Tensor>();
            y.backward(g.to(type));
            auto d = [](const torch::Tensor &t) { return t.detach().to(torch::kFloat64).clone(); };
            return std::map<std::string, torch::Tensor> {{"output", d(y)}, {"input gradient", d(x.grad())},
                {"gamma gradient", d(bn->weight.grad())}, {"beta gradient", d(bn->bias.grad())},
                {"running mean", d(bn->running_mean)}, {"running variance", d(bn->running_var)},
                {"batches tracked", d(bn->num_batches_tracked)}};
        };
        const auto ours = run(true, torch::kFloat32), libtorch = run(false, torch::kFloat32),
                   exact = run(false, torch::kFloat64);
        QVERIFY2(!ours.empty(), "the fused function did not run");
        QVERIFY(run(true, torch::kFloat64).empty()); // float64: left to LibTorch's layers
        for (const auto &[name, e] : exact) {
            const double scale = e.abs().max().item<double>();
            const double d = (ours.at(name) - e).abs().max().item<double>();
            const double dLibTorch = (libtorch.at(name) - e).abs().max().item<double>();
            const double dBetween = (ours.at(name) - libtorch.at(name)).abs().max().item<double>();
            qInfo("%s: ours %.2e, LibTorch's %.2e from float64 (largest value %.2e)", name.c_str(), d,
                dLibTorch, scale);
            QVERIFY2(d <= std::max(3.0 * dLibTorch, 1e-6 * scale), name.c_str());
            QVERIFY2(dBetween <= 1e-4 * std::max(scale, 1e-3), name.c_str());
        }
    }

    // A training pass of the sprite model with the Winograd convolutions is as accurate as LibTorch's own
    // float32 pass: against the same pass in float64, its loss is within 1e-5 relative, and no gradient is
    // further from the float64 one than 3 times LibTorch's float32 gradient is (floor: 1e-5 of the largest
    // gradient, for the near-zero gradients of convolution biases ahead of training-mode BatchNorm).
    void winogradTrainingIsAsAccurateAsThePlainPath()
    {
        torch::manual_seed(4);
        ContextUnet m(ModelConfig {3, 64, 5, 16});
        m->train();
        const torch::Tensor x = torch::randn({8, 3, 16, 16}), t = torch::rand({8}),
                            c = torch::one_hot(torch::arange(8) % 5, 5).to(torch::kFloat32),
                            target = torch::randn({8, 3, 16, 16});
        auto pass = [&](bool winograd, torch::Dtype dtype) {
            m->to(dtype);
            m->setWinograd(winograd);
            m->zero_grad();
            const torch::Tensor loss
                = torch::mse_loss(m->forward(x.to(dtype), t.to(dtype), c.to(dtype)), target.to(dtype));
            loss.backward();
            std::map<std::string, torch::Tensor> grads;
            for (const auto &p : m->named_parameters())
                grads[p.key()] = p.value().grad().to(torch::kFloat64).clone();
            m->to(torch::kFloat32);
            return std::make_pair(loss.item<double>(), grads);
        };
        const auto [exactLoss, exact] = pass(false, torch::kFloat64);
        const auto [plainLoss, plain] = pass(false, torch::kFloat32);
        const auto [loss, grads] = pass(true, torch::kFloat32);
        QVERIFY2(
            std::abs(loss - exactLoss) <= 1e-5 * exactLoss, qPrintable(QString::number(loss - exactLoss)));
        double largest = 0, worst = 0;
        for (const auto &[name, g] : exact)
            largest = std::max(largest, g.abs().max().item<double>());
        for (const auto &[name, g] : exact) {
            const double plainError = (plain.at(name) - g).abs().max().item<double>();
            const double error = (grads.at(name) - g).abs().max().item<double>();
            const double allowed = std::max(3.0 * plainError, 1e-5 * largest);
            worst = std::max(worst, error / std::max(plainError, 1e-5 * largest));
            QVERIFY2(error <= allowed,
                qPrintable(
                    QStringLiteral("%1: %2 > %3").arg(QString::fromStdString(name)).arg(error).arg(allowed)));
        }
        qInfo("worst gradient error relative to LibTorch float32's: %.2f", worst);
    }

    // tests/fixtures/make_fixtures.py built the same model in PyTorch, with random weights and BatchNorm
    // statistics; copying those into ours must give PyTorch's outputs to within 1e-5.
    void forwardMatchesPyTorch()
    {
        const test::FixtureTensors fx
            = test::loadFixtureTensors(test::fixture(QStringLiteral("contextunet_tiny.json")),
                test::fixture(QStringLiteral("contextunet_tiny.bin")));
        QVERIFY(fx.ok);
        ContextUnet m = makeModel({3, 8, 5, 16});
        int copied = 0;
        {
            torch::NoGradGuard noGrad;
            for (auto &p : m->named_parameters()) {
                const auto it = fx.tensors.find(p.key());
                QVERIFY2(it != fx.tensors.end(), p.key().c_str());
                QCOMPARE(it->second.sizes().vec(), p.value().sizes().vec());
                p.value().copy_(it->second);
                ++copied;
            }
            for (auto &b : m->named_buffers()) {
                const auto it = fx.tensors.find(b.key());
                QVERIFY2(it != fx.tensors.end(), b.key().c_str());
                b.value().copy_(it->second.to(b.value().dtype()));
                ++copied;
            }
        }
        QCOMPARE(copied, int(fx.tensors.size()) - 5); // all but the inputs and the two outputs
        const torch::Tensor x = fx.tensors.at("input.x"), t = fx.tensors.at("input.t"),
                            c = fx.tensors.at("input.c");
        torch::NoGradGuard noGrad;
        m->eval();
        const torch::Tensor evalOut = m->forward(x, t, c);
        const double evalError = (evalOut - fx.tensors.at("output.eval")).abs().max().item<double>();
        QVERIFY2(evalError < 1e-5, qPrintable(QStringLiteral("eval max error %1").arg(evalError)));
        m->train();
        const torch::Tensor trainOut = m->forward(x, t, c);
        const double trainError = (trainOut - fx.tensors.at("output.train")).abs().max().item<double>();
        QVERIFY2(trainError < 1e-5, qPrintable(QStringLiteral("train max error %1").arg(trainError)));
        // The test can fail: a changed weight changes the output well beyond the tolerance.
        m->eval();
        m->out->ptr(3)->as<torch::nn::Conv2d>()->bias.add_(1e-3);
        QVERIFY((m->forward(x, t, c) - fx.tensors.at("output.eval")).abs().max().item<double>() > 1e-4);
    }

    // The embedding view's maps: what computeModulation calls "after" must be exactly what up1 and up2 take
    // in, so feeding it through up1 with the skip connection gives the recorded output of up1. The scale
    // depends on the context only and the shift on t only.
    void modulationIsWhatTheUpPathTakesIn()
    {
        const ModelConfig config {3, 8, 5, 16};
        ContextUnet m = makeModel(config);
        randomiseNormalisation(m);
        torch::manual_seed(3);
        const torch::Tensor x = torch::randn({1, 3, 16, 16});
        const ImageBatch image = toImageBatch(x);
        const QVector<float> context {0.0f, 1.0f, 0.0f, 0.5f, 0.0f};
        const ModulationMaps maps = computeModulation(m, 500, image, 200, context);
        QCOMPARE(maps.t, 200);
        QCOMPARE(maps.before1.n, 16); // 2·n_feat channels of side 4
        QCOMPARE(maps.before1.h, 4);
        QCOMPARE(maps.after2.n, 8); // n_feat channels of side 8
        QCOMPARE(maps.after2.h, 8);
        QCOMPARE(maps.cemb1.size(), 16);
        QCOMPARE(maps.temb2.size(), 8);

        torch::NoGradGuard noGrad;
        m->eval();
        const torch::Tensor t = torch::full({1}, 200.0 / 500.0);
        const torch::Tensor c
            = torch::tensor(std::vector<float>(context.begin(), context.end())).view({1, 5});
        std::vector<std::pair<std::string, torch::Tensor>> blocks;
        m->forward(x, t, c, &blocks);
        torch::Tensor down2;
        for (const auto &[name, value] : blocks)
            if (name == "down2")
                down2 = value;
        const auto tensorOf = [](const ImageBatch &b) {
            return torch::tensor(std::vector<float>(b.values.begin(), b.values.end()))
                .view({1, b.n, b.h, b.w});
        };
        const double error = (m->up1->forward(tensorOf(maps.after1), down2) - tensorOf(maps.before2))
                                 .abs()
                                 .max()
                                 .item<double>();
        QVERIFY2(
            error < 1e-5, qPrintable(QStringLiteral("up1 of the modulated maps is off by %1").arg(error)));
        // Per channel: after = cemb · before + temb, on every pixel.
        for (int ch : {0, 7, 15}) {
            const qsizetype size = maps.before1.imageSize();
            for (qsizetype k = 0; k < size; ++k)
                QVERIFY(std::abs(maps.after1.values[ch * size + k]
                            - (maps.cemb1[ch] * maps.before1.values[ch * size + k] + maps.temb1[ch]))
                    < 1e-5);
        }
        // The unmodulated map can't pass as the modulated one: the test above can fail.
        QVERIFY((m->up1->forward(tensorOf(maps.before1), down2) - tensorOf(maps.before2))
                    .abs()
                    .max()
                    .item<double>()
            > 1e-3);

        // Another context changes the scale, not the shift; another t the shift, not the scale.
        const ModulationMaps other = computeModulation(m, 500, image, 200, {1.0f, 0.0f, 0.0f, 0.0f, 0.0f});
        QCOMPARE(other.temb1, maps.temb1);
        QVERIFY(other.cemb1 != maps.cemb1);
        QCOMPARE(other.before1.values, maps.before1.values); // up0 sees only the image
        const ModulationMaps later = computeModulation(m, 500, image, 400, context);
        QCOMPARE(later.cemb1, maps.cemb1);
        QVERIFY(later.temb1 != maps.temb1);

        // Bad input is named.
        QVERIFY_THROWS_EXCEPTION(UserError, computeModulation(m, 500, image, 501, context));
        QVERIFY_THROWS_EXCEPTION(UserError, computeModulation(m, 500, image, 10, {1.0f}));
        ImageBatch small = image;
        small.h = small.w = 8;
        small.values.resize(small.imageSize());
        QVERIFY_THROWS_EXCEPTION(UserError, computeModulation(m, 500, small, 10, context));
    }

    // The step-by-step page's slice is the layer's own: its weights are weight[in][out] of the block's
    // ConvTranspose2d, and its input is that channel of what the block really takes in.
    void layerSliceIsTheLayersOwn()
    {
        const ModelConfig config {3, 8, 5, 16};
        ContextUnet m = makeModel(config);
        randomiseNormalisation(m);
        torch::manual_seed(4);
        const ImageBatch image = toImageBatch(torch::randn({1, 3, 16, 16}));
        const QVector<float> context {0.0f, 0.0f, 1.0f, 0.0f, 0.0f};
        torch::NoGradGuard noGrad;
        for (const QString &block : {QStringLiteral("up0"), QStringLiteral("up1"), QStringLiteral("up2")}) {
            const TransposedConvSlice s = sliceTransposedConvolution(m, 500, block, image, 120, context);
            const torch::Tensor w = block == QLatin1String("up0")
                ? m->up0->ptr(0)->as<torch::nn::ConvTranspose2d>()->weight
                : (block == QLatin1String("up1") ? m->up1 : m->up2)
                      ->model->ptr(0)
                      ->as<torch::nn::ConvTranspose2d>()
                      ->weight;
            QCOMPARE(s.inChannels, int(w.size(0)));
            QCOMPARE(s.outChannels, int(w.size(1)));
            QCOMPARE(s.kernel, block == QLatin1String("up0") ? 4 : 2);
            QCOMPARE(s.stride, block == QLatin1String("up0") ? 4 : 2);
            QCOMPARE(s.inputSide, block == QLatin1String("up0") ? 1 : block == QLatin1String("up1") ? 4 : 8);
            const torch::Tensor kernel = w[s.inChannel][s.outChannel].contiguous();
            QCOMPARE(s.weights,
                QVector<float>(kernel.data_ptr<float>(), kernel.data_ptr<float>() + kernel.numel()));
            // The chosen output channel is the one this input channel's kernels weigh most.
            QCOMPARE(s.outChannel, int(w[s.inChannel].abs().sum({1, 2}).argmax().item<int64_t>()));
            // The one-channel transposed convolution of the slice is that channel's share of the layer's
            // output.
            const torch::Tensor in = torch::tensor(std::vector<float>(s.input.begin(), s.input.end()))
                                         .view({1, 1, s.inputSide, s.inputSide});
            const torch::Tensor share
                = torch::conv_transpose2d(in, kernel.view({1, 1, s.kernel, s.kernel}), {}, s.stride);
            QCOMPARE(share.size(2), int64_t(s.inputSide * s.stride));
        }
        // up1's input: the modulated up0 maps, then the skip from down2; the slice takes its channel from
        // there.
        const ModulationMaps maps = computeModulation(m, 500, image, 120, context);
        const TransposedConvSlice s
            = sliceTransposedConvolution(m, 500, QStringLiteral("up1"), image, 120, context);
        if (s.inChannel < maps.after1.n) {
            const qsizetype size = maps.after1.imageSize();
            QCOMPARE(s.input, maps.after1.values.mid(s.inChannel * size, size));
        }
        QVERIFY_THROWS_EXCEPTION(
            UserError, sliceTransposedConvolution(m, 500, QStringLiteral("down1"), image, 1, context));
    }
};

QTEST_GUILESS_MAIN(ContextUnetTest)
#include "test_context_unet.moc"
