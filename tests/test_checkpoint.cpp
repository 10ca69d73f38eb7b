// Checkpoints: a round trip keeps weights, statistics, optimizer state and the description; damaged files are
// refused with a message naming them; writes are atomic.
#include "diffusion/trainer.h"
#include "files/checkpoint.h"
#include "files/model_file.h"
#include "test_support.h"
#include "user_error.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace de;

class CheckpointTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    CheckpointInfo sampleInfo() const
    {
        CheckpointInfo info;
        info.config = {3, 8, 4, 16};
        info.classNames
            = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")};
        info.dataset = QStringLiteral("squares");
        info.step = 2;
        info.totalSteps = 10;
        info.seed = 123456789012345ull;
        info.lr = 5e-4;
        info.batch = 4;
        info.lastLoss = 0.25;
        info.lossHistory = {1.0f, 0.5f};
        return info;
    }

private slots:
    void roundTripKeepsEverything()
    {
        TrainerSettings settings;
        settings.batch = 4;
        settings.totalSteps = 10;
        Trainer trainer(ModelConfig {3, 8, 4, 16}, settings);
        const ImageSet set = test::squaresSet(8, 16, 3, 4);
        BatchSource batches(set, 4, 0);
        for (int i = 0; i < 2; ++i) {
            const auto [x0, c] = batches.next();
            trainer.step(x0, c);
        }
        saveCheckpoint(path(QStringLiteral("a.ckpt")), trainer.model(), &trainer.optimizer(), sampleInfo());

        LoadedCheckpoint loaded = loadCheckpoint(path(QStringLiteral("a.ckpt")));
        QCOMPARE(loaded.info.config, (ModelConfig {3, 8, 4, 16}));
        QCOMPARE(loaded.info.classNames, sampleInfo().classNames);
        QCOMPARE(loaded.info.step, qint64(2));
        QCOMPARE(loaded.info.seed, 123456789012345ull);
        QCOMPARE(loaded.info.lr, 5e-4);
        QCOMPARE(loaded.info.programVersion, QStringLiteral(DE_VERSION));
        QVERIFY(!loaded.info.savedAt.isEmpty());
        QVERIFY(loaded.optimizerState != nullptr);
        QCOMPARE(loaded.info.lossHistory, (QVector<float> {1.0f, 0.5f}));

        const auto original = trainer.model()->named_buffers();
        for (const auto &b : loaded.model->named_buffers())
            QVERIFY2(torch::equal(b.value(), original[b.key()]), b.key().c_str());
        torch::NoGradGuard noGrad;
        trainer.model()->eval();
        loaded.model->eval();
        const torch::Tensor x = torch::randn({2, 3, 16, 16}), t = torch::rand({2}), c = torch::rand({2, 4});
        QVERIFY(torch::equal(trainer.model()->forward(x, t, c), loaded.model->forward(x, t, c)));

        // The optimizer state resumes: Adam's step count and moments come back.
        Trainer resumed(loaded.model, settings, loaded.info.step, loaded.optimizerState.get());
        const auto &stateA = trainer.optimizer().state();
        const auto &stateB = resumed.optimizer().state();
        QCOMPARE(stateB.size(), stateA.size());
        QCOMPARE(readCheckpointInfo(path(QStringLiteral("a.ckpt"))).step, qint64(2));
    }

    // The weight average travels beside the raw weights; which one a reader gets is its choice; the recipe
    // and the schedule come back; a cosine model is written as format 3, so older builds refuse it rather
    // than sample it with the wrong schedule.
    void averageRecipeAndScheduleRoundTrip()
    {
        TrainerSettings settings;
        settings.batch = 4;
        settings.totalSteps = 10;
        settings.lr = 2e-3;
        settings.emaHalfLife = 0.05;
        ModelConfig config {3, 8, 4, 16};
        config.schedule = ScheduleKind::Cosine;
        Trainer trainer(config, settings);
        const ImageSet set = test::squaresSet(8, 16, 3, 4);
        BatchSource batches(set, 4, 0);
        for (int i = 0; i < 4; ++i) {
            const auto [x0, c] = batches.next();
            trainer.step(x0, c);
        }
        CheckpointInfo info = sampleInfo();
        info.config = config;
        info.lossWeighting = QStringLiteral("min-snr");
        info.minSnrGamma = 4.0;
        info.warmupSteps = 7;
        info.inputPerturbation = 0.1;
        info.contextDropout = 0.05;
        info.augment = true;
        info.budgetMinutes = 2.5;
        info.emaHalfLife = 0.05;
        info.emaDecay = trainer.lastEmaDecay();
        const QString file = path(QStringLiteral("ema.ckpt"));
        saveCheckpoint(
            file, trainer.model(), &trainer.optimizer(), info, WeightStorage::Float32, &trainer.average());

        LoadedCheckpoint averaged = loadCheckpoint(file);
        LoadedCheckpoint raw = loadCheckpoint(file, WeightChoice::Raw);
        QCOMPARE(averaged.info.config.schedule, ScheduleKind::Cosine);
        QCOMPARE(averaged.info.config, config);
        QVERIFY(averaged.info.hasAverage);
        QVERIFY(!averaged.info.averageOnly);
        QCOMPARE(averaged.info.lossWeighting, QStringLiteral("min-snr"));
        QCOMPARE(averaged.info.minSnrGamma, 4.0);
        QCOMPARE(averaged.info.warmupSteps, qint64(7));
        QCOMPARE(averaged.info.inputPerturbation, 0.1);
        QCOMPARE(averaged.info.contextDropout, 0.05);
        QVERIFY(averaged.info.augment);
        QCOMPARE(averaged.info.budgetMinutes, 2.5);
        QCOMPARE(averaged.info.emaDecay, trainer.lastEmaDecay());
        const auto expectSame = [](ContextUnet &a, ContextUnet &b) {
            const auto pa = a->parameters(), pb = b->parameters();
            for (size_t i = 0; i < pa.size(); ++i)
                if (!torch::equal(pa[i], pb[i]))
                    return false;
            return true;
        };
        QVERIFY(expectSame(averaged.model, trainer.average()));
        QVERIFY(expectSame(raw.model, trainer.model()));
        QVERIFY(!expectSame(averaged.model, raw.model));
        QVERIFY(expectSame(averaged.raw, trainer.model()));
        QVERIFY(expectSame(raw.average, trainer.average()));
        const QString described = averaged.info.describe();
        QVERIFY2(described.contains(QStringLiteral("cosine")) && described.contains(QStringLiteral("Min-SNR"))
                && described.contains(QStringLiteral("used for sampling")),
            qPrintable(described));

        // Format 3 for a cosine model; a linear float32 model stays at format 1.
        const auto version = [](const QString &f) {
            QFile in(f);
            in.open(QIODevice::ReadOnly);
            const QByteArray bytes = in.readAll();
            return bytes.contains("\"format_version\":3") ? 3
                : bytes.contains("\"format_version\":1")  ? 1
                                                          : 0;
        };
        QCOMPARE(version(file), 3);
        saveCheckpoint(path(QStringLiteral("linear.ckpt")), raw.raw, nullptr, sampleInfo());
        QCOMPARE(version(path(QStringLiteral("linear.ckpt"))), 1);
        const LoadedCheckpoint old = loadCheckpoint(path(QStringLiteral("linear.ckpt")));
        QCOMPARE(old.info.config.schedule, ScheduleKind::Linear);
        QVERIFY(!old.info.hasAverage && !old.average);
        QVERIFY(old.model.ptr() == old.raw.ptr());
    }

    void damagedFilesAreRefusedByName_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty file") << QByteArray();
        QTest::newRow("text file") << QByteArray("this is not a checkpoint\n");
        QTest::newRow("zip header only") << QByteArray("PK\x03\x04garbage", 12);
    }

    void damagedFilesAreRefusedByName()
    {
        QFETCH(QByteArray, content);
        const QString p = path(QStringLiteral("bad.ckpt"));
        QVERIFY(test::writeFile(p, content));
        try {
            loadCheckpoint(p);
            QFAIL("a damaged file loaded");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(p), qPrintable(e.message()));
        }
    }

    void truncatedCheckpointIsRefused()
    {
        ContextUnet model(ModelConfig {3, 8, 4, 16});
        const QString good = path(QStringLiteral("good.ckpt"));
        saveCheckpoint(good, model, nullptr, sampleInfo());
        QFile f(good);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const QString cut = path(QStringLiteral("cut.ckpt"));
        QVERIFY(test::writeFile(cut, bytes.left(bytes.size() / 2)));
        QVERIFY_THROWS_EXCEPTION(UserError, loadCheckpoint(cut));
        QVERIFY(loadCheckpoint(good).optimizerState == nullptr);
    }

    void missingFileIsNamed()
    {
        try {
            readCheckpointInfo(path(QStringLiteral("nowhere.ckpt")));
            QFAIL("a missing file was read");
        } catch (const UserError &e) {
            QVERIFY(e.message().contains(QStringLiteral("nowhere.ckpt")));
        }
    }

    void unwritablePathIsReportedAndOtherFilesKept()
    {
        ContextUnet model(ModelConfig {3, 8, 4, 16});
        const QString p = path(QStringLiteral("keep.ckpt"));
        saveCheckpoint(p, model, nullptr, sampleInfo());
        const QByteArray before = [&] {
            QFile f(p);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        QVERIFY(!before.isEmpty());
        QVERIFY_THROWS_EXCEPTION(UserError,
            saveCheckpoint(path(QStringLiteral("no/such/dir/x.ckpt")), model, nullptr, sampleInfo()));
        QFile f(p);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }
};

QTEST_GUILESS_MAIN(CheckpointTest)
#include "test_checkpoint.moc"
