// The judge of "is this model any good?": the classifier learns what it should and no more, files round-trip,
// and the evaluation's figures say what they claim on samples whose answer is known: copies of training
// images (memorisation 0), fresh images from the same source (about 1), one image repeated (diversity 0),
// and images of the wrong class (accuracy 0).
#include "judge/classifier.h"
#include "judge/evaluation.h"
#include "judge/sample_metrics.h"
#include "test_support.h"
#include "user_error.h"

#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace de;

namespace {

// Class k is a bright square in quadrant k, at a jittered place, with noise on every pixel: varied images,
// so that no two are the same and a nearest neighbour is a real distance.
constexpr int kSide = 16; // the smallest image ContextUnet takes

ImageSet noisySquares(int count, int classes, quint64 seed)
{
    ImageSet set = test::squaresSet(count, kSide, 1, classes);
    set.name = QStringLiteral("noisy squares");
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> noise(-35, 35), jitter(-1, 1);
    for (int i = 0; i < count; ++i) {
        uchar *img = reinterpret_cast<uchar *>(set.pixels.data()) + qsizetype(i) * set.imageBytes();
        const QByteArray original(reinterpret_cast<const char *>(img), set.imageBytes());
        const int dx = jitter(rng), dy = jitter(rng);
        for (int y = 0; y < kSide; ++y)
            for (int x = 0; x < kSide; ++x) {
                const int sy = std::clamp(y - dy, 0, kSide - 1), sx = std::clamp(x - dx, 0, kSide - 1);
                const int v = uchar(original[sy * kSide + sx]) + noise(rng);
                img[y * kSide + x] = uchar(std::clamp(v, 0, 255));
            }
    }
    return set;
}

ClassifierSettings quickSettings()
{
    ClassifierSettings s;
    s.epochs = 12;
    s.batch = 32;
    s.lr = 3e-3;
    s.seed = 3;
    return s;
}

// perClass images of each class in turn from a set (whose labels cycle 0, 1, 2, ...), as [-1, 1] floats.
torch::Tensor byClass(const ImageSet &set, int classes, int perClass, int classOffset = 0)
{
    const torch::Tensor x = imageSetTensor(set);
    std::vector<int64_t> rows;
    for (int c = 0; c < classes; ++c)
        for (int j = 0; j < perClass; ++j)
            rows.push_back(int64_t(j) * classes + (c + classOffset) % classes);
    return x.index_select(0, torch::tensor(rows, torch::kLong));
}

} // namespace

class EvaluationTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<LoadedClassifier> m_classifier;
    ImageSet m_train, m_fresh;

private slots:
    void initTestCase()
    {
        torch::set_num_threads(1);
        m_train = noisySquares(240, 3, 1);
        m_fresh = noisySquares(240, 3, 2); // the same source, never seen
        const auto [kept, held] = splitHeldOut(m_train, 0.25, 5);
        m_classifier = trainClassifier(kept, held, QStringLiteral("held out"), quickSettings());
        QVERIFY(m_classifier.has_value());
    }

    void splitKeepsEveryClassApart()
    {
        const auto [kept, held] = splitHeldOut(m_train, 0.25, 5);
        QCOMPARE(kept.count + held.count, m_train.count);
        QCOMPARE(held.count, 60); // a quarter of each class's 80
        for (int c = 0; c < 3; ++c)
            QCOMPARE(held.labels.count(c), 20);
        // No image is in both parts.
        const torch::Tensor d = nearestDistances(imageSetTensor(held), imageSetTensor(kept), false);
        QVERIFY(d.min().item<double>() > 0.0);
        QCOMPARE(kept.pixels.size(), qsizetype(kept.count) * kept.imageBytes());
    }

    void classifierLearnsTheClasses()
    {
        const ClassifierInfo &info = m_classifier->info;
        QVERIFY2(info.heldOutAccuracy > 0.95, qPrintable(QString::number(info.heldOutAccuracy)));
        QCOMPARE(info.heldOutCount, 60);
        QCOMPARE(info.classAccuracy.size(), 3);
        const torch::Tensor predicted = classify(m_classifier->model, imageSetTensor(m_fresh));
        const double fresh = predicted.eq(imageSetLabels(m_fresh)).to(torch::kDouble).mean().item<double>();
        QVERIFY2(fresh > 0.95, qPrintable(QString::number(fresh)));
    }

    // With labels that say nothing about the images, held-out accuracy falls to chance: the figure measures
    // learning, not memory of the training images.
    void shuffledLabelsScoreNearChance()
    {
        ImageSet shuffled = m_train;
        std::mt19937_64 rng(9);
        std::shuffle(shuffled.labels.begin(), shuffled.labels.end(), rng);
        const auto [kept, held] = splitHeldOut(shuffled, 0.25, 5);
        const auto c = trainClassifier(kept, held, QStringLiteral("held out"), quickSettings());
        QVERIFY(c.has_value());
        QVERIFY2(c->info.heldOutAccuracy < 0.6, qPrintable(QString::number(c->info.heldOutAccuracy)));
    }

    void classifierFilesRoundTrip()
    {
        const QString path = m_dir.filePath(QStringLiteral("judge.ckpt"));
        saveClassifier(path, m_classifier->model, m_classifier->info);
        const LoadedClassifier loaded = loadClassifier(path);
        QCOMPARE(loaded.info.classNames, m_classifier->info.classNames);
        QCOMPARE(loaded.info.heldOutAccuracy, m_classifier->info.heldOutAccuracy);
        QCOMPARE(loaded.info.programVersion, QStringLiteral(DE_VERSION));
        QCOMPARE(loaded.info.seed, quint64(3));
        LoadedClassifier copy = loaded;
        const torch::Tensor x = imageSetTensor(m_fresh);
        QVERIFY(classify(copy.model, x).equal(classify(m_classifier->model, x)));

        // Damaged, missing and foreign files are refused with a message naming them.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const QString damaged = m_dir.filePath(QStringLiteral("damaged.ckpt"));
        QVERIFY(test::writeFile(damaged, bytes.left(bytes.size() / 2)));
        for (const QString &bad : {damaged, m_dir.filePath(QStringLiteral("missing.ckpt")),
                 test::fixture(QStringLiteral("pth/course_no_shortcut.pth"))}) {
            try {
                loadClassifier(bad);
                QFAIL(qPrintable(QStringLiteral("accepted ") + bad));
            } catch (const UserError &e) {
                QVERIFY2(e.message().contains(bad), qPrintable(e.message()));
            }
        }
    }

    void copiesOfTrainingImagesAreMemorised()
    {
        const SampleJudge judge(*m_classifier, m_train, 0);
        const EvaluationReport r = judge.judge(byClass(m_train, 3, 20), 20, 2);
        QCOMPARE(r.classes.size(), 3);
        // cdist's matrix form rounds: a distance of zero comes out within 1e-6.
        QVERIFY(r.overall.memorisation < 1e-6);
        for (const ClassEvaluation &e : r.classes) {
            QVERIFY(e.memorisation < 1e-6);
            QVERIFY(e.accuracy > 0.9);
            QVERIFY(std::isfinite(e.fid) && e.fid >= 0.0);
        }
        // Real images score a smaller Fréchet distance than noise does.
        const EvaluationReport noise
            = judge.judge(torch::rand({60, m_train.channels, m_train.height, m_train.width}) * 2 - 1, 20, 0);
        QVERIFY2(noise.overall.fid > 2.0 * r.overall.fid,
            qPrintable(QStringLiteral("noise %1, real %2").arg(noise.overall.fid).arg(r.overall.fid)));
        // The examples are the first two of each class, and their neighbours are themselves.
        QCOMPARE(r.examples.n, 6);
        QCOMPARE(r.neighbours.n, 6);
        QCOMPARE(r.examples.values, r.neighbours.values);
        for (double d : r.neighbourDistances)
            QVERIFY(d < 1e-6);
    }

    void freshImagesScoreLikeRealData()
    {
        const SampleJudge judge(*m_classifier, m_train, 0);
        const EvaluationReport r = judge.judge(byClass(m_fresh, 3, 60), 60, 3);
        QVERIFY2(r.overall.accuracy > 0.95, qPrintable(QString::number(r.overall.accuracy)));
        for (const ClassEvaluation &e : r.classes) {
            QVERIFY2(e.diversity > 0.85 && e.diversity < 1.15, qPrintable(QString::number(e.diversity)));
            QVERIFY2(
                e.memorisation > 0.8 && e.memorisation < 1.25, qPrintable(QString::number(e.memorisation)));
        }
        // Each example's neighbour is the training image nearest to it, at the distance reported.
        const torch::Tensor train = imageSetTensor(m_train).reshape({m_train.count, -1}).to(torch::kFloat64);
        for (int i = 0; i < r.examples.n; ++i) {
            const torch::Tensor sample
                = torch::tensor(std::vector<float>(r.examples.values.begin() + i * r.examples.imageSize(),
                                    r.examples.values.begin() + (i + 1) * r.examples.imageSize()))
                      .to(torch::kFloat64);
            const double best = (train - sample).pow(2).sum(1).sqrt().min().item<double>();
            QVERIFY(std::abs(best - r.neighbourDistances[i]) < 1e-4);
        }
    }

    void collapseAndWrongClassesShow()
    {
        const SampleJudge judge(*m_classifier, m_train, 0);
        // One image repeated for every sample of a class: no diversity at all.
        torch::Tensor same = byClass(m_fresh, 3, 1).repeat_interleave(10, 0);
        const EvaluationReport collapsed = judge.judge(same, 10, 1);
        for (const ClassEvaluation &e : collapsed.classes)
            QVERIFY(e.diversity < 1e-6);
        // Every sample shows the next class over: the classifier says so.
        const EvaluationReport wrong = judge.judge(byClass(m_fresh, 3, 20, 1), 20, 0);
        QVERIFY2(wrong.overall.accuracy < 0.05, qPrintable(QString::number(wrong.overall.accuracy)));
        QVERIFY(wrong.examples.isEmpty());
    }

    void badInputIsRefused()
    {
        ImageSet other = m_train;
        other.classNames = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("other")};
        try {
            trainClassifier(m_train, other, QStringLiteral("held out"), quickSettings());
            QFAIL("classes that differ were accepted");
        } catch (const UserError &e) {
            QVERIFY(e.message().contains(QStringLiteral("classes")));
        }
        // A classifier for other classes cannot judge a model of this data set.
        ContextUnet model(ModelConfig {1, 8, 3, kSide});
        CheckpointInfo info;
        info.config = model->config;
        ImageSet renamed = m_train;
        renamed.classNames = {QStringLiteral("cats"), QStringLiteral("dogs"), QStringLiteral("birds")};
        EvaluateRequest request;
        request.perClass = 2;
        request.ddimSteps = 2;
        try {
            evaluateModel(model, info, *m_classifier, renamed, request);
            QFAIL("a classifier of other classes was accepted");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("cats")), qPrintable(e.message()));
        }
        // The same data set goes through: two samples of each class, judged.
        EvaluationResult ok;
        try {
            ok = evaluateModel(model, info, *m_classifier, m_train, request);
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
        QCOMPARE(ok.reports.size(), 1);
        QCOMPARE(ok.reports[0].classes.size(), 3);
        QCOMPARE(ok.reports[0].overall.samples, 6);

        ImageSet empty = m_train;
        empty.count = 0;
        empty.pixels.clear();
        empty.labels.clear();
        QVERIFY_THROWS_EXCEPTION(UserError, trainClassifier(m_train, empty, QString(), quickSettings()));
        // Cancelled before the first step: nothing comes back.
        std::atomic<bool> cancel {true};
        QVERIFY(!trainClassifier(m_train, m_fresh, QString(), quickSettings(), {}, &cancel).has_value());
    }
};

QTEST_GUILESS_MAIN(EvaluationTest)
#include "test_evaluation.moc"
