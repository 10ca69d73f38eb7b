// The models that ship inside the program: they load by their bundled: names, describe how they were made,
// stay under the size limit, sample finite and varied images, and come with classifiers that know their data
// set. Half-precision storage keeps a model's output within 1e-2.
#include "diffusion/sampler.h"
#include "files/bundled_models.h"
#include "files/checkpoint.h"
#include "files/checkpoint_info.h"
#include "files/conversion.h"
#include "files/model_file.h"
#include "judge/classifier.h"
#include "test_support.h"
#include "user_error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace de;

class BundledModelsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { torch::set_num_threads(1); }

    void bundledModelsLoad_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("classes");
        QTest::addColumn<int>("height");
        QTest::addColumn<QString>("dataset");
        QTest::newRow("sprites") << QStringLiteral("sprites") << 3 << 5 << 16 << QStringLiteral("emoji");
        QTest::newRow("fashion") << QStringLiteral("fashion") << 1 << 10 << 28
                                 << QStringLiteral("fashion-mnist");
    }
    void bundledModelsLoad()
    {
        QFETCH(QString, id);
        QFETCH(int, channels);
        QFETCH(int, classes);
        QFETCH(int, height);
        QFETCH(QString, dataset);
        const BundledModel *m = findBundledModel(QStringLiteral("bundled:") + id);
        QVERIFY(m);
        QCOMPARE(resolveModelPath(QStringLiteral("bundled:") + id), m->checkpointPath);
        QCOMPARE(displayModelPath(m->checkpointPath), QStringLiteral("bundled:") + id);
        for (const QString &path : {m->checkpointPath, bundledClassifierPath(*m)}) {
            QFile file(path);
            QVERIFY2(file.exists(), qPrintable(path));
            QVERIFY2(file.size() < 8 * 1000 * 1000,
                qPrintable(QStringLiteral("%1: %2 bytes").arg(path).arg(file.size())));
        }
        const LoadedCheckpoint loaded = loadCheckpoint(QStringLiteral("bundled:") + id);
        const CheckpointInfo &info = loaded.info;
        QCOMPARE(info.config.inChannels, channels);
        QCOMPARE(info.config.nCFeat, classes);
        QCOMPARE(info.config.height, height);
        QCOMPARE(info.dataset, dataset);
        QVERIFY(info.halfPrecision);
        QVERIFY(!loaded.optimizerState);
        QVERIFY(!info.programVersion.isEmpty());
        QVERIFY(info.step > 0 && info.step == info.totalSteps); // a finished run
        QCOMPARE(info.classNames.size(), classes);
        for (const auto &p : loaded.model->parameters())
            QCOMPARE(p.scalar_type(), torch::kFloat32);

        const LoadedClassifier judge = loadClassifier(bundledClassifierPath(*m));
        QCOMPARE(judge.info.dataset, dataset);
        QCOMPARE(judge.info.classNames, info.classNames);
        QCOMPARE(judge.info.channels, channels);
        QCOMPARE(judge.info.height, height);
        if (id == QLatin1String("fashion")) {
            QCOMPARE(judge.info.heldOutSource, QStringLiteral("test set"));
            QCOMPARE(judge.info.heldOutCount, 10000);
            QVERIFY2(judge.info.heldOutAccuracy > 0.85, qPrintable(judge.info.describe()));
        } else {
            QVERIFY2(judge.info.heldOutAccuracy > 0.6, qPrintable(judge.info.describe()));
        }
    }

    // A few DDIM samples of every class: finite, in range, and not one picture repeated.
    void bundledModelsSampleFiniteImages()
    {
        for (const BundledModel &m : bundledModels()) {
            LoadedCheckpoint loaded = loadCheckpoint(m.checkpointPath);
            const int k = int(loaded.info.config.nCFeat);
            SamplerSettings s;
            s.kind = SamplerKind::Ddim;
            s.ddimSteps = 10;
            s.guidance = 2.0;
            s.count = 2 * k;
            s.context = torch::one_hot(torch::arange(k, torch::kLong).repeat(2), k).to(torch::kFloat32);
            const auto x = runSampler(loaded.model, NoiseSchedule::linear(), s);
            QVERIFY(x.has_value());
            QVERIFY2(x->isfinite().all().item<bool>(), qPrintable(m.id));
            QVERIFY2(x->abs().max().item<double>() < 3.0, qPrintable(m.id));
            QVERIFY2(x->std().item<double>() > 0.1, qPrintable(m.id)); // not a flat field
            QVERIFY((x->narrow(0, 0, 1) - x->narrow(0, 1, 1)).abs().max().item<double>() > 0.1);
        }
    }

    void unknownBundledNamesAreRefused()
    {
        try {
            loadCheckpoint(QStringLiteral("bundled:unicorns"));
            QFAIL("an unknown bundled name was accepted");
        } catch (const UserError &e) {
            QVERIFY(e.message().contains(QStringLiteral("unicorns")));
            QVERIFY(e.message().contains(QStringLiteral("bundled:sprites")));
        }
        QCOMPARE(resolveModelPath(QStringLiteral("/some/file.ckpt")), QStringLiteral("/some/file.ckpt"));
    }

    // Half precision rounds each weight (so the file shrinks) but moves the output by less than 1e-2; a
    // tighter tolerance is refused and leaves no file behind.
    void halfPrecisionStaysWithinTolerance()
    {
        QTemporaryDir dir;
        const QString full = dir.filePath(QStringLiteral("full.ckpt")),
                      half = dir.filePath(QStringLiteral("half.ckpt"));
        torch::manual_seed(4);
        ContextUnet model(ModelConfig {3, 32, 5, 16});
        CheckpointInfo info;
        info.config = model->config;
        info.dataset = QStringLiteral("emoji");
        info.seed = 77;
        saveCheckpoint(full, model, nullptr, info);
        const double diff = writeHalfPrecisionCopy(full, half);
        QVERIFY2(diff > 0.0 && diff <= 1e-2, qPrintable(QString::number(diff)));
        QVERIFY(QFile(half).size() < QFile(full).size() * 6 / 10);
        const LoadedCheckpoint a = loadCheckpoint(full), b = loadCheckpoint(half);
        QVERIFY(b.info.halfPrecision);
        QVERIFY(!a.info.halfPrecision);
        QCOMPARE(b.info.seed, quint64(77));
        const auto pa = a.model->named_parameters(), pb = b.model->named_parameters();
        for (const auto &p : pa) {
            const torch::Tensor q = pb[p.key()];
            QCOMPARE(q.scalar_type(), torch::kFloat32);
            QVERIFY(q.equal(p.value().to(torch::kHalf).to(torch::kFloat32)));
        }
        const QString refused = dir.filePath(QStringLiteral("refused.ckpt"));
        QVERIFY(test::writeFile(refused, "keep me"));
        QVERIFY_THROWS_EXCEPTION(UserError, writeHalfPrecisionCopy(full, refused, 1e-12));
        QFile kept(refused);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("keep me")); // a refused copy leaves the target as it was
        // and nothing else behind
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files),
            (QStringList {
                QStringLiteral("full.ckpt"), QStringLiteral("half.ckpt"), QStringLiteral("refused.ckpt")}));
        // A copy onto its own source is refused before anything is written.
        const QByteArray before = [&] {
            QFile f(full);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        QVERIFY_THROWS_EXCEPTION(UserError, writeHalfPrecisionCopy(full, full));
        QFile same(full);
        QVERIFY(same.open(QIODevice::ReadOnly));
        QCOMPARE(same.readAll(), before);
    }
};

QTEST_GUILESS_MAIN(BundledModelsTest)
#include "test_bundled_models.moc"
