// PyTorch .pth import: files written by Python's torch.save (tests/fixtures/make_fixtures.py) load with the
// configuration inferred from their shapes and give PyTorch's outputs; nested and prefixed state_dicts are
// found; bad files (forbidden globals, the legacy format, short storages, truncated zips, other
// architectures) are refused with a message that names the problem.
#include "diffusion/sampler.h"
#include "files/checkpoint.h"
#include "files/model_file.h"
#include "files/pickle_reader.h"
#include "files/pth_import.h"
#include "files/pth_sidecar.h"
#include "fixture_tensors.h"
#include "test_support.h"
#include "user_error.h"
#include "zip_checksums.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QTemporaryDir>
#include <QtTest>

using namespace de;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString pth(const char *name)
{
    return test::fixture(QStringLiteral("pth/") + QLatin1String(name));
}

// The message of the UserError that loading the bytes throws; empty when it loads.
QString loadError(const QByteArray &bytes, const QString &name = QStringLiteral("file.pth"))
{
    try {
        loadCheckpointData(bytes, name);
    } catch (const UserError &e) {
        return e.message();
    }
    return {};
}

// A freshly saved native checkpoint of a small model, as bytes to damage.
QByteArray nativeCheckpointBytes()
{
    QTemporaryDir dir;
    ContextUnet model(ModelConfig {3, 8, 5, 16});
    saveCheckpoint(dir.filePath(QStringLiteral("n.ckpt")), model, nullptr, CheckpointInfo {});
    return readFile(dir.filePath(QStringLiteral("n.ckpt")));
}

double maxDiff(const torch::Tensor &a, const torch::Tensor &b)
{
    return (a - b).abs().max().item<double>();
}

// Small pickles written opcode by opcode.
struct PickleBytes
{
    QByteArray b = QByteArray("\x80\x02", 2);
    PickleBytes &op(char c)
    {
        b += c;
        return *this;
    }
    PickleBytes &str(const QByteArray &s)
    {
        b += 'X';
        const quint32 n = quint32(s.size());
        for (int i = 0; i < 4; ++i)
            b += char((n >> (8 * i)) & 0xff);
        b += s;
        return *this;
    }
    PickleBytes &global(const char *module, const char *name)
    {
        b += 'c';
        b += module;
        b += '\n';
        b += name;
        b += '\n';
        return *this;
    }
    PickleBytes &int1(int v)
    {
        b += 'K';
        b += char(v);
        return *this;
    }
    // {"w": tensor of the given size on a float storage of storageNumel elements}
    static QByteArray tensorDict(int storageNumel, int size)
    {
        PickleBytes p;
        p.op('}').str("w").global("torch._utils", "_rebuild_tensor_v2").op('(');
        p.op('(')
            .str("storage")
            .global("torch", "FloatStorage")
            .str("0")
            .str("cpu")
            .int1(storageNumel)
            .op('t');
        p.op('Q').int1(0).op('(').int1(size).op('t').op('(').int1(1).op('t').op('\x89').op('}').op('t').op(
            'R');
        p.op('s').op('.');
        return p.b;
    }
};

QString unpickleError(const QByteArray &bytes)
{
    try {
        pickle::unpickle(bytes.constData(), size_t(bytes.size()));
    } catch (const UserError &e) {
        return e.message();
    }
    return {};
}

} // namespace

class PthImportTest : public QObject
{
    Q_OBJECT

private:
    test::FixtureTensors expected;

private slots:
    void initTestCase()
    {
        torch::set_num_threads(1);
        expected = test::loadFixtureTensors(test::fixture(QStringLiteral("pth_expected.json")),
            test::fixture(QStringLiteral("pth_expected.bin")));
        QVERIFY(expected.ok);
    }

    void learnedShortcutMatchesPyTorch()
    {
        LoadedCheckpoint loaded = loadCheckpoint(pth("with_shortcut.pth"));
        QCOMPARE(loaded.info.format, CheckpointInfo::Format::Pth);
        QCOMPARE(loaded.info.config, (ModelConfig {3, 8, 5, 16, false}));
        QVERIFY(loaded.info.notes.join(QLatin1Char(' ')).contains(QStringLiteral("n_cfeat 5")));
        // BatchNorm statistics are loaded, not only parameters.
        const auto buffers = loaded.model->named_buffers();
        QCOMPARE(buffers["init_conv.conv1.1.num_batches_tracked"].item<int64_t>(), 3);
        QVERIFY(buffers["init_conv.conv1.1.running_var"].min().item<float>() >= 0.5f);
        loaded.model->eval();
        torch::NoGradGuard g;
        const torch::Tensor out = loaded.model->forward(
            expected.tensors["learned.x"], expected.tensors["learned.t"], expected.tensors["learned.c"]);
        const double diff = maxDiff(out, expected.tensors["learned.eval"]);
        QVERIFY2(diff < 1e-5, qPrintable(QString::number(diff)));
    }

    void courseLayoutReproducesTheRandomShortcut()
    {
        LoadedCheckpoint loaded = loadCheckpoint(pth("course_no_shortcut.pth"));
        QCOMPARE(loaded.info.config, (ModelConfig {1, 8, 10, 28, true}));
        QVERIFY(loaded.info.describe().contains(QStringLiteral("course-compatible")));
        QVERIFY(loaded.info.notes.join(QLatin1Char(' ')).contains(QStringLiteral("height 28")));
        QCOMPARE(loaded.info.classNames.size(), 10);
        for (const auto &p : loaded.model->named_parameters())
            QVERIFY(p.key().find("shortcut") == std::string::npos);
        loaded.model->eval();
        torch::NoGradGuard g;
        // Python ran torch.manual_seed(77) and then two forward passes; each drew its own 1x1 shortcut.
        loaded.model->setShortcutGenerator(at::detail::createCPUGenerator(77));
        const auto &x = expected.tensors["course.x"], &t = expected.tensors["course.t"],
                   &c = expected.tensors["course.c"];
        const torch::Tensor first = loaded.model->forward(x, t, c);
        const torch::Tensor second = loaded.model->forward(x, t, c);
        const double d1 = maxDiff(first, expected.tensors["course.seed77.first"]);
        const double d2 = maxDiff(second, expected.tensors["course.seed77.second"]);
        QVERIFY2(d1 < 1e-5 && d2 < 1e-5, qPrintable(QStringLiteral("%1 %2").arg(d1).arg(d2)));
        QVERIFY(maxDiff(first, second) > 1e-3); // a fresh shortcut each pass
    }

    void bothLayoutsSample()
    {
        for (const char *name : {"course_no_shortcut.pth", "with_shortcut.pth"}) {
            LoadedCheckpoint loaded = loadCheckpoint(pth(name));
            const NoiseSchedule schedule = NoiseSchedule::linear();
            SamplerSettings s;
            s.ddimSteps = 5;
            s.count = 4;
            s.seed = 9;
            s.guidance = 2.0;
            s.context = torch::eye(loaded.info.config.nCFeat).narrow(0, 0, 4);
            const torch::Tensor a = *runSampler(loaded.model, schedule, s);
            const torch::Tensor b = *runSampler(loaded.model, schedule, s);
            QVERIFY2(torch::isfinite(a).all().item<bool>(), name);
            QCOMPARE(a.size(1), int64_t(loaded.info.config.inChannels));
            QVERIFY2(torch::equal(a, b), name); // the course's random shortcut follows the run's seed
        }
    }

    void nestedAndPrefixedStateDictsAreFound_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("note");
        QTest::newRow("under 'model'") << pth("nested_model_key.pth") << QStringLiteral("'model'");
        QTest::newRow("nn_model. prefix") << pth("nn_model_prefix.pth") << QStringLiteral("'nn_model.'");
        QTest::newRow("'state_dict' + module.") << pth("ddp_state_dict.pth") << QStringLiteral("'module.'");
    }
    void nestedAndPrefixedStateDictsAreFound()
    {
        QFETCH(QString, file);
        QFETCH(QString, note);
        LoadedCheckpoint loaded = loadCheckpoint(file);
        QVERIFY2(loaded.info.notes.join(QLatin1Char(' ')).contains(note),
            qPrintable(loaded.info.notes.join(QLatin1Char('\n'))));
        loaded.model->eval();
        torch::NoGradGuard g;
        const torch::Tensor out = loaded.model->forward(
            expected.tensors["learned.x"], expected.tensors["learned.t"], expected.tensors["learned.c"]);
        QVERIFY(maxDiff(out, expected.tensors["learned.eval"]) < 1e-5);
    }

    void prefixedFileNamesWhatItIgnored()
    {
        const CheckpointInfo info = loadCheckpoint(pth("nn_model_prefix.pth")).info;
        QVERIFY2(info.notes.join(QLatin1Char(' ')).contains(QStringLiteral("betas")),
            qPrintable(info.notes.join(QLatin1Char('\n'))));
    }

    // Files from fuzz/make_corpus.py: pickle protocol 4 (FRAME, MEMOIZE, SHORT_BINUNICODE), int64 and float16
    // storages, and a transposed view with a storage offset.
    void otherProtocolsDtypesAndViews()
    {
        const QString corpus = QStringLiteral(DE_FIXTURES_DIR "/../../fuzz/corpus/checkpoint/");
        StateDict p4
            = readPthStateDict(readFile(corpus + QStringLiteral("protocol4.pth")), QStringLiteral("p4"));
        QCOMPARE(p4.entries.size(), size_t(2));
        QCOMPARE(p4.entries[0].first, std::string("a"));
        QVERIFY(torch::equal(p4.entries[0].second, torch::arange(3)));
        QCOMPARE(p4.entries[1].second.scalar_type(), torch::kHalf);
        StateDict views
            = readPthStateDict(readFile(corpus + QStringLiteral("views.pth")), QStringLiteral("v"));
        QCOMPARE(views.entries.size(), size_t(1));
        const torch::Tensor expected = torch::arange(12.0).reshape({3, 4}).t().slice(0, 1);
        QVERIFY(torch::equal(views.entries[0].second, expected));
    }

    void badFilesAreRefusedByName_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("forbidden global")
            << pth("forbidden_global.pth")
            << QStringList {QStringLiteral("posix.system"), QStringLiteral("refused"),
                   QStringLiteral("nothing was run")};
        QTest::newRow("legacy format")
            << pth("legacy_format.pth") << QStringList {QStringLiteral("legacy"), QStringLiteral("re-save")};
        QTest::newRow("short storage") << pth("short_storage.pth")
                                       << QStringList {QStringLiteral("init_conv.conv1.0.weight"),
                                              QStringLiteral("40 bytes"), QStringLiteral("only 8")};
        QTest::newRow("other architecture")
            << pth("other_architecture.pth")
            << QStringList {QStringLiteral("not a ContextUnet"), QStringLiteral("init_conv.conv1.0.weight"),
                   QStringLiteral("0.weight")};
        // Found in review: a second directory that only a zip64 record points to (LibTorch would read it),
        // and a 799-byte file whose stride-0 view asks for 64 GiB.
        QTest::newRow("zip64 record pointing elsewhere")
            << pth("zip64_second_directory.pth") << QStringList {QStringLiteral("disagree")};
        QTest::newRow("view repeating its storage")
            << pth("repeated_view.pth") << QStringList {QStringLiteral("repeats the elements")};
        QTest::newRow("ambiguous nesting")
            << pth("ambiguous.pth") << QStringList {QStringLiteral("both"), QStringLiteral("not clear")};
    }
    void badFilesAreRefusedByName()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, words);
        QFile::remove(QStringLiteral("/tmp/diffusion-explorer-pwned"));
        const QByteArray bytes = readFile(file);
        QVERIFY(!bytes.isEmpty());
        const QString message = loadError(bytes);
        for (const QString &w : words)
            QVERIFY2(message.contains(w, Qt::CaseInsensitive), qPrintable(message));
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/diffusion-explorer-pwned")));
    }

    void truncatedZipsAndWrongMagicAreRefused()
    {
        const QByteArray good = readFile(pth("with_shortcut.pth"));
        for (qsizetype n :
            {qsizetype(3), qsizetype(100), good.size() / 2, good.size() - 22, good.size() - 1}) {
            const QString message = loadError(good.left(n));
            QVERIFY2(!message.isEmpty(), qPrintable(QString::number(n)));
        }
        QVERIFY(loadError(good.left(good.size() / 2)).contains(QStringLiteral("truncated")));
        QVERIFY(loadError(QByteArray("\x89PNG\r\n\x1a\n....")).contains(QStringLiteral("neither")));
        QVERIFY(loadError(QByteArray()).contains(QStringLiteral("empty")));
        // A native checkpoint, whole and cut short.
        QTemporaryDir dir;
        ContextUnet model(ModelConfig {3, 8, 5, 16});
        saveCheckpoint(dir.filePath(QStringLiteral("native.ckpt")), model, nullptr, CheckpointInfo {});
        const QByteArray native = readFile(dir.filePath(QStringLiteral("native.ckpt")));
        QVERIFY(loadError(native).isEmpty());
        for (qsizetype n : {native.size() / 3, native.size() - 30})
            QVERIFY(!loadError(native.left(n)).isEmpty());
    }

    // Found by fuzz_checkpoint: an attribute renamed in a native checkpoint's TorchScript code made LibTorch
    // throw std::out_of_range, which escaped as a crash instead of a refusal.
    void damagedNativeArchiveIsRefusedNotFatal()
    {
        QByteArray bytes = nativeCheckpointBytes();
        const qsizetype at = bytes.indexOf("  model : __");
        QVERIFY(at > 0);
        bytes.replace(at, 12, "  progr : __");
        test::fixZipChecksums(bytes);
        const QString message = loadError(bytes, QStringLiteral("n.ckpt"));
        QVERIFY2(message.contains(QStringLiteral("n.ckpt")), qPrintable(message));
    }

    // Found by fuzz_checkpoint: a 2 kB native checkpoint whose pickle declares a 1.7 GB string made
    // LibTorch's unpickler allocate it. The pickles are now checked before LibTorch sees them.
    void nativePickleWithImpossibleLengthIsRefusedBeforeLibTorch()
    {
        QByteArray bytes = nativeCheckpointBytes();
        const qsizetype json = bytes.indexOf("{\"batch\":");
        QVERIFY(json > 5);
        QCOMPARE(bytes[json - 5], 'X'); // BINUNICODE and its 4-byte length
        bytes.replace(json - 4, 4, QByteArray("\x00\x00\x00\x66", 4));
        // First line of defence: the record's checksum no longer matches.
        QVERIFY(loadError(bytes, QStringLiteral("n.ckpt"))
                    .contains(QStringLiteral("checksum of 'archive/data.pkl'")));
        test::fixZipChecksums(bytes); // a crafted file with a valid checksum meets the length check
        const QString message = loadError(bytes, QStringLiteral("n.ckpt"));
        QVERIFY2(message.contains(QStringLiteral("runs past the end")), qPrintable(message));
        QVERIFY(pickle::checkStructure("\x80\x02K\x01.", 5).isEmpty());
        QVERIFY(pickle::checkStructure("\x80\x02X\xff\xff\xff\x00", 7).contains(QStringLiteral("byte 2")));
        QVERIFY(pickle::checkStructure("\x80\x02K\x01", 4).contains(QStringLiteral("STOP")));
        // Found in review: a 7-byte constants.pkl with LONG_BINPUT 0x7fffffff made LibTorch reserve 68 GB.
        QVERIFY(pickle::checkStructure("\x80\x02)r\xff\xff\xff\x7f.", 9)
                    .contains(QStringLiteral("out of sequence")));
        QVERIFY(pickle::checkStructure("\x80\x02)q\x00h\x00.", 8).isEmpty());
        QVERIFY(pickle::checkStructure("\x80\x02h\x00.", 5).contains(QStringLiteral("never stored")));
    }

    // Found by fuzz_checkpoint: one changed letter in a code record ("__bzffers__ = []") made LibTorch's
    // TorchScript importer crash (SIGSEGV in parseClassConstant). Code records must now be plain module
    // declarations.
    void nativeCodeRecordsMustBeDeclarations()
    {
        QByteArray bytes = nativeCheckpointBytes();
        const qsizetype at = bytes.indexOf("  __buffers__ = []");
        QVERIFY(at > 0);
        bytes.replace(at, 18, "  __bzffers__ = []");
        test::fixZipChecksums(bytes);
        const QString message = loadError(bytes, QStringLiteral("n.ckpt"));
        QVERIFY2(message.contains(QStringLiteral("is not a module declaration")), qPrintable(message));
        // The fuzzer's next finding: the same change, plus one record moved out of the archive's folder,
        // which had made the list of records (and so the check) fail quietly.
        bytes.replace("archive/code/__torch__.py.debug_pkl", "irchive/code/__torch__.py.debug_pkl");
        const QString second = loadError(bytes, QStringLiteral("n.ckpt"));
        QVERIFY2(second.contains(QStringLiteral("outside the archive's folder")), qPrintable(second));
    }

    void shapeMismatchNamesKeyAndShapes()
    {
        StateDict state = readPthStateDict(readFile(pth("with_shortcut.pth")), QStringLiteral("x.pth"));
        for (auto &[name, tensor] : state.entries)
            if (name == "out.3.weight")
                tensor = torch::zeros({3, 8, 5, 5});
        ContextUnet model(ModelConfig {3, 8, 5, 16});
        try {
            loadStateDict(model, state, QStringLiteral("x.pth"));
            QFAIL("a misshapen tensor was loaded");
        } catch (const UserError &e) {
            QVERIFY2(
                e.message().contains(QStringLiteral("'out.3.weight' should have shape [3, 8, 3, 3], but the "
                                                    "file's has shape [3, 8, 5, 5]")),
                qPrintable(e.message()));
        }
        // A key too many, a key too few.
        state = readPthStateDict(readFile(pth("with_shortcut.pth")), QStringLiteral("x.pth"));
        state.entries.emplace_back("extra.weight", torch::zeros({1}));
        try {
            loadStateDict(model, state, QStringLiteral("x.pth"));
            QFAIL("an unexpected key was accepted");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("extra.weight")), qPrintable(e.message()));
        }
        state.entries.pop_back();
        state.entries.erase(state.entries.begin() + 3);
        try {
            loadStateDict(model, state, QStringLiteral("x.pth"));
            QFAIL("a missing key was accepted");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("init_conv.conv1.1.bias")), qPrintable(e.message()));
        }
    }

    void nanWeightsLoadButSamplingSaysSo()
    {
        QTemporaryDir dir;
        ContextUnet model(ModelConfig {3, 8, 5, 16});
        {
            torch::NoGradGuard g;
            model->named_parameters()["out.3.weight"].fill_(std::numeric_limits<float>::quiet_NaN());
        }
        writePth(model, dir.filePath(QStringLiteral("nan.pth")));
        LoadedCheckpoint loaded = loadCheckpoint(dir.filePath(QStringLiteral("nan.pth")));
        const NoiseSchedule schedule = NoiseSchedule::linear();
        SamplerSettings s;
        s.ddimSteps = 3;
        s.count = 2;
        try {
            runSampler(loaded.model, schedule, s);
            QFAIL("sampling a NaN model succeeded");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("NaN")), qPrintable(e.message()));
            QVERIFY(e.message().contains(QStringLiteral("step 1 of 3")));
        }
    }

    // MODEL.json beside MODEL.pth (tools/train_ddp.py) names the classes, the data set and the schedule;
    // one that is damaged or describes another model is ignored with a note, and the weights still load.
    void sidecarNamesClassesDataSetAndSchedule()
    {
        QTemporaryDir dir;
        ContextUnet model(ModelConfig {3, 8, 4, 16});
        const QString path = dir.filePath(QStringLiteral("ddp.pth"));
        writePth(model, path);
        QCOMPARE(sidecarPath(path), dir.filePath(QStringLiteral("ddp.json")));
        const auto writeSidecar = [&](const QByteArray &json) {
            QFile f(dir.filePath(QStringLiteral("ddp.json")));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(json);
        };
        const QByteArray good = R"({"format": "diffusion-explorer-sidecar", "version": 1,
            "classes": ["cat", "dog", "猫头鹰", "fish"], "dataset": "npy:/data/pets", "channels": 3,
            "height": 16, "width": 16, "n_feat": 8, "n_cfeat": 4, "schedule": "cosine", "timesteps": 500,
            "steps": 30, "batch": 64, "lr": 0.002, "seed": 7, "loss_weighting": "min-snr",
            "min_snr_gamma": 5.0, "input_perturbation": 0.1, "warmup": 5, "context_keep": 0.75,
            "ema_half_life": 0.05, "ema_decay": 0.6, "weights": "ema", "world_size": 2, "backend": "gloo",
            "last_loss": 0.25, "images_per_second": 300.0, "saved_at": "2026-11-27T05:00:00Z"})";
        writeSidecar(good);
        LoadedCheckpoint loaded = loadCheckpoint(path);
        const CheckpointInfo &info = loaded.info;
        QCOMPARE(info.classNames,
            QStringList({QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("猫头鹰"),
                QStringLiteral("fish")}));
        QCOMPARE(info.dataset, QStringLiteral("npy:/data/pets"));
        QCOMPARE(info.config.schedule, ScheduleKind::Cosine);
        QCOMPARE(info.trainedSteps, 30);
        QCOMPARE(info.step, 0); // fine-tuning a .pth starts a new run on its weights
        QVERIFY(info.averageOnly);
        QCOMPARE(info.contextDropout, 0.25); // tools/train_ddp.py records the share kept
        const QString text = info.describe();
        QVERIFY2(text.contains(QStringLiteral("classes: cat, dog, 猫头鹰, fish")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("world size 2, gloo")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Min-SNR")), qPrintable(text));
        QCOMPARE(readCheckpointInfo(path).classNames, info.classNames); // info reads it too

        const struct
        {
            QByteArray json;
            const char *why;
        } bad[] = {
            {"{not json", "not readable JSON"},
            {QByteArray(good).replace("diffusion-explorer-sidecar", "something-else"),
                "not a Diffusion Explorer sidecar"},
            {QByteArray(good).replace(R"(, "fish"])", "]"), "names 3 classes"},
            {QByteArray(good).replace(R"("height": 16)", R"("height": 28)"), "height = 28"},
            {QByteArray(good).replace(R"("n_feat": 8)", R"("n_feat": 64)"), "n_feat = 64"},
            {QByteArray(good).replace(R"("cosine")", R"("sigmoid")"), "sigmoid"},
            {QByteArray(good).replace(R"("timesteps": 500)", R"("timesteps": 1000)"), "1000 timesteps"},
        };
        for (const auto &b : bad) {
            writeSidecar(b.json);
            const CheckpointInfo ignored = loadCheckpoint(path).info;
            QVERIFY(ignored.sidecar.isEmpty());
            QCOMPARE(ignored.classNames.size(), 4);
            QCOMPARE(ignored.classNames.first(), QStringLiteral("class 0"));
            QCOMPARE(ignored.config.schedule, ScheduleKind::Linear);
            const QString notes = ignored.notes.join(QLatin1Char('\n'));
            QVERIFY2(
                notes.contains(QStringLiteral("ddp.json ignored")) && notes.contains(QLatin1String(b.why)),
                qPrintable(notes));
        }
    }

    void exportAndConversionRoundTrip()
    {
        QTemporaryDir dir;
        // Our export reads back with every tensor equal, buffers included.
        ContextUnet model(ModelConfig {3, 8, 5, 16});
        {
            torch::NoGradGuard g;
            for (auto &b : model->named_buffers())
                b.value().fill_(b.key().find("num_batches") != std::string::npos ? 11 : 0.75);
        }
        writePth(model, dir.filePath(QStringLiteral("ours.pth")));
        LoadedCheckpoint back = loadCheckpoint(dir.filePath(QStringLiteral("ours.pth")));
        QCOMPARE(back.info.config, model->config);
        const auto original = model->named_parameters(), loaded = back.model->named_parameters();
        for (const auto &p : original)
            QVERIFY(torch::equal(p.value(), loaded[p.key()]));
        for (const auto &b : back.model->named_buffers())
            QVERIFY(torch::equal(b.value(), model->named_buffers()[b.key()]));
        // A course-compatible model keeps its mode through a native checkpoint.
        LoadedCheckpoint course = loadCheckpoint(pth("course_no_shortcut.pth"));
        saveCheckpoint(dir.filePath(QStringLiteral("course.ckpt")), course.model, nullptr, course.info);
        LoadedCheckpoint native = loadCheckpoint(dir.filePath(QStringLiteral("course.ckpt")));
        QCOMPARE(native.info.format, CheckpointInfo::Format::Native);
        QVERIFY(native.info.config.courseShortcut);
        torch::NoGradGuard g;
        native.model->eval();
        native.model->setShortcutGenerator(at::detail::createCPUGenerator(77));
        const torch::Tensor out = native.model->forward(
            expected.tensors["course.x"], expected.tensors["course.t"], expected.tensors["course.c"]);
        QVERIFY(maxDiff(out, expected.tensors["course.seed77.first"]) < 1e-5);
    }

    void unpicklerRefusesForbiddenGlobalsBeforeAnythingElse()
    {
        PickleBytes p;
        p.global("builtins", "eval").str("1+1").op('\x85').op('R').op('.');
        const QString message = unpickleError(p.b);
        QVERIFY2(message.contains(QStringLiteral("builtins.eval")), qPrintable(message));
        PickleBytes q;
        q.global("os", "system").op('.');
        QVERIFY(unpickleError(q.b).contains(QStringLiteral("os.system")));
    }

    void unpicklerChecksTensorsAgainstTheirStorage()
    {
        QVERIFY(unpickleError(PickleBytes::tensorDict(10, 10)).isEmpty());
        const QString message = unpickleError(PickleBytes::tensorDict(4, 10));
        QVERIFY2(message.contains(QStringLiteral("holds only 4")), qPrintable(message));
        const QByteArray bytes = PickleBytes::tensorDict(10, 7);
        const pickle::Document doc = pickle::unpickle(bytes.constData(), size_t(bytes.size()));
        QCOMPARE(doc.tensors.size(), size_t(1));
        QCOMPARE(doc.tensors[0].sizes, std::vector<int64_t> {7});
    }

    void unpicklerNamesMalformedInput_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("words");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("ends");
        QTest::newRow("no stop") << QByteArray("\x80\x02}", 3) << QStringLiteral("ends");
        QTest::newRow("unknown opcode") << QByteArray("\x80\x02\xff.", 4) << QStringLiteral("opcode 0xff");
        QTest::newRow("stack underflow") << QByteArray("\x80\x02s.", 4) << QStringLiteral("stack is empty");
        QTest::newRow("missing memo") << QByteArray("\x80\x02h\x05.", 5) << QStringLiteral("memo entry 5");
        QTest::newRow("string past the end")
            << QByteArray("\x80\x02X\xff\xff\xff\x7f", 7) << QStringLiteral("ends");
        QTest::newRow("set item on a list")
            << QByteArray("\x80\x02]K\x01K\x02s.", 9) << QStringLiteral("not a dict");
        QTest::newRow("reduce on a string") << QByteArray("\x80\x02X\x01\x00\x00\x00"
                                                          "a)R.",
            11) << QStringLiteral("not a global");
        QTest::newRow("two values left")
            << QByteArray("\x80\x02K\x01K\x02.", 7) << QStringLiteral("left on its stack");
        QTest::newRow("open mark") << QByteArray("\x80\x02(K\x01.", 6) << QStringLiteral("unfinished MARK");
    }
    void unpicklerNamesMalformedInput()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, words);
        const QString message = unpickleError(bytes);
        QVERIFY2(message.contains(words), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(PthImportTest)
#include "test_pth_import.moc"
