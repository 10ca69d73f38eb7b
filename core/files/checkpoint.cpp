#include "files/checkpoint.h"

#include "atomic_file.h"
#include "diffusion/schedule_table.h"
#include "files/pickle_reader.h"
#include "files/zip_archive.h"
#include "user_error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cstring>

namespace de {

static constexpr const char *kFormat = "diffusion-explorer-checkpoint";
// Version 2 added half-precision weights, version 3 the cosine schedule; a file is written with the lowest
// version that can describe it, so older builds keep reading what they can sample correctly. (The weight
// average needs no version: an older build reads the raw weights beside it.)
static constexpr int kFormatVersion = 3;

QString CheckpointInfo::describe() const
{
    QString text;
    const auto line = [&text](const QString &key, const QString &value) {
        text += key + QStringLiteral(": ") + value + QLatin1Char('\n');
    };
    line(QCoreApplication::translate("CheckpointInfo", "format"),
        format == Format::Pth
            ? QCoreApplication::translate("CheckpointInfo", "PyTorch state_dict (.pth)")
            : QCoreApplication::translate("CheckpointInfo", "Diffusion Explorer checkpoint"));
    line(QCoreApplication::translate("CheckpointInfo", "model"), config.describe());
    line(QCoreApplication::translate("CheckpointInfo", "noise schedule"), scheduleName(config.schedule));
    line(QCoreApplication::translate("CheckpointInfo", "init_conv shortcut"),
        config.courseShortcut
            ? QCoreApplication::translate(
                "CheckpointInfo", "course-compatible: a fresh random 1×1 convolution on every forward pass")
            : QCoreApplication::translate("CheckpointInfo", "learned (init_conv.shortcut)"));
    for (const QString &note : notes)
        line(QCoreApplication::translate("CheckpointInfo", "note"), note);
    const bool pth = format == Format::Pth;
    if (pth && sidecar.isEmpty())
        return text; // a bare state_dict says nothing about training
    line(QCoreApplication::translate("CheckpointInfo", "data set"), dataset);
    line(QCoreApplication::translate("CheckpointInfo", "classes"), classNames.join(QStringLiteral(", ")));
    if (pth)
        line(QCoreApplication::translate("CheckpointInfo", "training steps"), QString::number(trainedSteps));
    else
        line(QCoreApplication::translate("CheckpointInfo", "training step"),
            QStringLiteral("%1 / %2").arg(step).arg(totalSteps));
    line(QCoreApplication::translate("CheckpointInfo", "last loss"), QString::number(lastLoss, 'g', 5));
    if (!pth)
        line(QCoreApplication::translate("CheckpointInfo", "loss history"),
            QCoreApplication::translate("CheckpointInfo", "%n step(s)", nullptr, int(lossHistory.size())));
    line(QCoreApplication::translate("CheckpointInfo", "batch"), QString::number(batch));
    line(QCoreApplication::translate("CheckpointInfo", "learning rate"), QString::number(lr, 'g', 4));
    line(QCoreApplication::translate("CheckpointInfo", "seed"), QString::number(seed));
    line(QCoreApplication::translate("CheckpointInfo", "loss"),
        lossWeighting == QLatin1String("min-snr")
            ? QCoreApplication::translate("CheckpointInfo", "Min-SNR-γ weighted, γ = %1").arg(minSnrGamma)
            : QCoreApplication::translate("CheckpointInfo", "plain mean squared error"));
    if (warmupSteps > 0)
        line(QCoreApplication::translate("CheckpointInfo", "learning-rate warm-up"),
            QCoreApplication::translate("CheckpointInfo", "%n step(s)", nullptr, int(warmupSteps)));
    if (inputPerturbation > 0.0)
        line(QCoreApplication::translate("CheckpointInfo", "input perturbation"),
            QString::number(inputPerturbation));
    line(QCoreApplication::translate("CheckpointInfo", "context dropout"),
        QCoreApplication::translate("CheckpointInfo",
            "%1 of the samples trained without their context (the unconditional model of guidance)")
            .arg(contextDropout));
    if (!pth)
        line(QCoreApplication::translate("CheckpointInfo", "augmentation"),
            augment ? QCoreApplication::translate("CheckpointInfo", "flips and one-pixel shifts")
                    : QCoreApplication::translate("CheckpointInfo", "none"));
    if (budgetMinutes > 0.0)
        line(QCoreApplication::translate("CheckpointInfo", "time budget"),
            QCoreApplication::translate("CheckpointInfo", "%1 min").arg(budgetMinutes));
    line(QCoreApplication::translate("CheckpointInfo", "weight average (EMA)"),
        hasAverage ? QCoreApplication::translate("CheckpointInfo",
            "kept beside the raw weights and used for sampling (half-life %1 of the images seen, "
            "last decay %2); --weights raw uses the raw ones")
                         .arg(emaHalfLife)
                         .arg(emaDecay, 0, 'f', 5)
            : averageOnly ? QCoreApplication::translate("CheckpointInfo",
                  "the file's weights are the average (half-life %1 of the images seen, last "
                  "decay %2); the raw ones were not kept")
                                .arg(emaHalfLife)
                                .arg(emaDecay, 0, 'f', 5)
                          : QCoreApplication::translate("CheckpointInfo", "none"));
    if (!pth)
        line(QCoreApplication::translate("CheckpointInfo", "program version"), programVersion);
    line(QCoreApplication::translate("CheckpointInfo", "saved at"), savedAt);
    line(QCoreApplication::translate("CheckpointInfo", "weights"),
        halfPrecision
            ? QCoreApplication::translate("CheckpointInfo", "stored in half precision, computed in float32")
            : QCoreApplication::translate("CheckpointInfo", "float32"));
    return text;
}

static QByteArray infoToJson(const CheckpointInfo &info)
{
    QJsonObject cfg {{QStringLiteral("in_channels"), info.config.inChannels},
        {QStringLiteral("n_feat"), info.config.nFeat}, {QStringLiteral("n_cfeat"), info.config.nCFeat},
        {QStringLiteral("height"), info.config.height},
        {QStringLiteral("course_shortcut"), info.config.courseShortcut},
        {QStringLiteral("schedule"), scheduleKey(info.config.schedule)}};
    const int version = info.config.schedule != ScheduleKind::Linear ? 3 : info.halfPrecision ? 2 : 1;
    QJsonObject recipe {{QStringLiteral("warmup_steps"), info.warmupSteps},
        {QStringLiteral("loss_weighting"), info.lossWeighting},
        {QStringLiteral("min_snr_gamma"), info.minSnrGamma},
        {QStringLiteral("input_perturbation"), info.inputPerturbation},
        {QStringLiteral("context_dropout"), info.contextDropout}, {QStringLiteral("augment"), info.augment},
        {QStringLiteral("budget_minutes"), info.budgetMinutes},
        {QStringLiteral("ema_half_life"), info.emaHalfLife}, {QStringLiteral("ema_decay"), info.emaDecay},
        {QStringLiteral("has_average"), info.hasAverage}, {QStringLiteral("average_only"), info.averageOnly}};
    QJsonObject o {{QStringLiteral("format"), QString::fromLatin1(kFormat)},
        {QStringLiteral("format_version"), version}, {QStringLiteral("model"), cfg},
        {QStringLiteral("recipe"), recipe},
        {QStringLiteral("class_names"), QJsonArray::fromStringList(info.classNames)},
        {QStringLiteral("dataset"), info.dataset}, {QStringLiteral("step"), info.step},
        {QStringLiteral("total_steps"), info.totalSteps},
        {QStringLiteral("seed"), QString::number(info.seed)}, {QStringLiteral("lr"), info.lr},
        {QStringLiteral("batch"), info.batch}, {QStringLiteral("last_loss"), info.lastLoss},
        {QStringLiteral("program_version"), info.programVersion}, {QStringLiteral("saved_at"), info.savedAt},
        {QStringLiteral("weights"),
            info.halfPrecision ? QStringLiteral("float16") : QStringLiteral("float32")}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

static CheckpointInfo infoFromJson(const QByteArray &json, const QString &path)
{
    QJsonParseError err {};
    const QJsonObject o = QJsonDocument::fromJson(json, &err).object();
    if (err.error != QJsonParseError::NoError
        || o.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        throw UserError(
            QCoreApplication::translate("Checkpoint", "%1 has no readable description").arg(path));
    if (o.value(QStringLiteral("format_version")).toInt() > kFormatVersion)
        throw UserError(
            QCoreApplication::translate("Checkpoint", "%1 was written by a newer version of this program")
                .arg(path));
    CheckpointInfo info;
    const QJsonObject cfg = o.value(QStringLiteral("model")).toObject();
    info.config.inChannels = cfg.value(QStringLiteral("in_channels")).toInt();
    info.config.nFeat = cfg.value(QStringLiteral("n_feat")).toInt();
    info.config.nCFeat = cfg.value(QStringLiteral("n_cfeat")).toInt();
    info.config.height = cfg.value(QStringLiteral("height")).toInt();
    info.config.courseShortcut = cfg.value(QStringLiteral("course_shortcut")).toBool();
    const QString schedule = cfg.value(QStringLiteral("schedule")).toString(QStringLiteral("linear"));
    if (!scheduleFromKey(schedule, &info.config.schedule))
        throw UserError(QCoreApplication::translate("Checkpoint", "%1 names an unknown noise schedule '%2'")
                            .arg(path, schedule));
    const QJsonObject recipe = o.value(QStringLiteral("recipe")).toObject();
    info.recipeKnown = o.contains(QStringLiteral("recipe"));
    info.warmupSteps = recipe.value(QStringLiteral("warmup_steps")).toInteger();
    info.lossWeighting = recipe.value(QStringLiteral("loss_weighting")).toString(QStringLiteral("mse"));
    info.minSnrGamma = recipe.value(QStringLiteral("min_snr_gamma")).toDouble(5.0);
    info.inputPerturbation = recipe.value(QStringLiteral("input_perturbation")).toDouble();
    info.contextDropout = recipe.value(QStringLiteral("context_dropout")).toDouble(0.1);
    info.augment = recipe.value(QStringLiteral("augment")).toBool();
    info.budgetMinutes = recipe.value(QStringLiteral("budget_minutes")).toDouble();
    info.emaHalfLife = recipe.value(QStringLiteral("ema_half_life")).toDouble();
    info.emaDecay = recipe.value(QStringLiteral("ema_decay")).toDouble();
    info.hasAverage = recipe.value(QStringLiteral("has_average")).toBool();
    info.averageOnly = recipe.value(QStringLiteral("average_only")).toBool();
    for (const QJsonValue &v : o.value(QStringLiteral("class_names")).toArray())
        info.classNames.push_back(v.toString());
    info.dataset = o.value(QStringLiteral("dataset")).toString();
    info.step = o.value(QStringLiteral("step")).toInteger();
    info.totalSteps = o.value(QStringLiteral("total_steps")).toInteger();
    info.seed = o.value(QStringLiteral("seed")).toString().toULongLong();
    info.lr = o.value(QStringLiteral("lr")).toDouble();
    info.batch = o.value(QStringLiteral("batch")).toInt();
    info.lastLoss = o.value(QStringLiteral("last_loss")).toDouble();
    info.programVersion = o.value(QStringLiteral("program_version")).toString();
    info.savedAt = o.value(QStringLiteral("saved_at")).toString();
    info.halfPrecision = o.value(QStringLiteral("weights")).toString() == QLatin1String("float16");
    const QString problem = info.config.validate();
    if (!problem.isEmpty())
        throw UserError(QCoreApplication::translate("Checkpoint", "%1 describes an impossible model: %2")
                            .arg(path, problem));
    return info;
}

// Half-precision storage: every parameter, in named_parameters() order, flattened into one float16 tensor;
// the floating-point buffers (BatchNorm statistics) likewise in float32, the integer ones (batch counters)
// in int64; and the names in that order, so a file made for another model is recognised.
static QByteArray weightNames(ContextUnet &model)
{
    QByteArray names;
    for (const auto &p : model->named_parameters())
        names += QByteArray::fromStdString(p.key()) + '\n';
    for (const auto &b : model->named_buffers())
        names += QByteArray::fromStdString(b.key()) + '\n';
    return names;
}

static void writeHalfWeights(ContextUnet &model, torch::serialize::OutputArchive &archive)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> params, floats, ints;
    for (const auto &p : model->named_parameters())
        params.push_back(p.value().detach().reshape({-1}).to(torch::kHalf));
    for (const auto &b : model->named_buffers())
        (b.value().is_floating_point() ? floats : ints).push_back(b.value().reshape({-1}));
    archive.write("names", c10::IValue(weightNames(model).toStdString()));
    archive.write("parameters_f16", torch::cat(params));
    archive.write(
        "buffers_f32", floats.empty() ? torch::empty({0}) : torch::cat(floats).to(torch::kFloat32), true);
    archive.write("buffers_i64",
        ints.empty() ? torch::empty({0}, torch::kLong) : torch::cat(ints).to(torch::kLong), true);
}

// Reads what writeHalfWeights wrote into the model's float32 parameters and its buffers.
static void loadHalfWeights(ContextUnet &model, torch::serialize::InputArchive &archive)
{
    torch::NoGradGuard noGrad;
    c10::IValue names;
    torch::Tensor params, floats, ints;
    if (!archive.try_read("names", names) || !names.isString()
        || QByteArray::fromStdString(names.toStringRef()) != weightNames(model))
        throw std::runtime_error(
            QCoreApplication::translate("Checkpoint", "the stored weights belong to a different model")
                .toStdString());
    archive.read("parameters_f16", params);
    archive.read("buffers_f32", floats, true);
    archive.read("buffers_i64", ints, true);
    int64_t pOffset = 0, fOffset = 0, iOffset = 0;
    const auto take = [](const torch::Tensor &from, int64_t &offset, const torch::Tensor &into) {
        const int64_t n = into.numel();
        if (from.dim() != 1 || offset + n > from.numel())
            throw std::runtime_error(
                QCoreApplication::translate("Checkpoint", "the stored weights are too short").toStdString());
        into.copy_(from.narrow(0, offset, n).view(into.sizes()));
        offset += n;
    };
    for (auto &p : model->named_parameters())
        take(params, pOffset, p.value());
    for (auto &b : model->named_buffers())
        b.value().is_floating_point() ? take(floats, fOffset, b.value()) : take(ints, iOffset, b.value());
    if (pOffset != params.numel() || fOffset != floats.numel() || iOffset != ints.numel())
        throw std::runtime_error(
            QCoreApplication::translate("Checkpoint", "the stored weights are too long").toStdString());
}

QByteArray checkpointBytes(ContextUnet &model, torch::optim::Optimizer *optimizer,
    const CheckpointInfo &infoIn, WeightStorage storage, ContextUnet *average)
{
    CheckpointInfo info = infoIn;
    info.halfPrecision = storage == WeightStorage::Float16;
    if (info.halfPrecision) {
        optimizer = nullptr; // the moments of a float32 run mean nothing to rounded weights
        average = nullptr;
    }
    if (average && !*average)
        average = nullptr;
    info.hasAverage = average != nullptr;
    info.programVersion = QStringLiteral(DE_VERSION);
    info.savedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    QByteArray bytes;
    try {
        torch::serialize::OutputArchive archive;
        torch::serialize::OutputArchive modelArchive;
        if (info.halfPrecision)
            writeHalfWeights(model, modelArchive);
        else
            model->save(modelArchive);
        archive.write("model", modelArchive);
        if (average) {
            torch::serialize::OutputArchive averageArchive;
            (*average)->save(averageArchive);
            archive.write("average", averageArchive);
        }
        if (optimizer) {
            torch::serialize::OutputArchive optimizerArchive;
            optimizer->save(optimizerArchive);
            archive.write("optimizer", optimizerArchive);
        }
        archive.write("info", c10::IValue(infoToJson(info).toStdString()));
        archive.write("loss_history",
            torch::from_blob(
                const_cast<float *>(info.lossHistory.constData()), {info.lossHistory.size()}, torch::kFloat32)
                .clone());
        archive.save_to([&bytes](const void *data, size_t size) -> size_t {
            bytes.append(static_cast<const char *>(data), qsizetype(size));
            return size;
        });
    } catch (const c10::Error &e) {
        throw UserError(QCoreApplication::translate("Checkpoint", "Could not serialise the model: %1")
                            .arg(QString::fromStdString(e.what_without_backtrace())));
    }
    return bytes;
}

void saveCheckpoint(const QString &path, ContextUnet &model, torch::optim::Optimizer *optimizer,
    const CheckpointInfo &info, WeightStorage storage, ContextUnet *average)
{
    writeFileOrThrow(path, checkpointBytes(model, optimizer, info, storage, average));
}

// A native checkpoint's code records declare module classes and nothing else, for example
//   class Module(Module):
//     __parameters__ = ["weight", "bias", ]
//     weight : Tensor
//     model : __torch__.___torch_mangle_0.Module
// Anything outside that shape is refused, naming the line. Empty when the text passes.
static QString checkModuleDeclarations(const QByteArray &code)
{
    static const QRegularExpression allowed(
        QStringLiteral(R"(^(|class Module\(Module\):|  __(parameters|buffers)__ = \[("[A-Za-z0-9_/]+", )*\]|)"
                       R"(  __annotations__ = \[\]|)"
                       R"(  (__annotations__\["[A-Za-z0-9_/]+"\] =|[A-Za-z_][A-Za-z0-9_]* :) )"
                       R"((Tensor|str|int|float|bool|Optional\[bool\]|Tuple\[float, float\]|)"
                       R"(__torch__\.(___torch_mangle_[0-9]+\.)?Module))$)"));
    if (code.size() > (1 << 20))
        return QCoreApplication::translate("Checkpoint", "the code is larger than a checkpoint's");
    const QList<QByteArray> lines = code.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i)
        if (!allowed.match(QString::fromUtf8(lines[i])).hasMatch())
            return QCoreApplication::translate("Checkpoint", "line %1 is not a module declaration")
                .arg(i + 1);
    return {};
}

// A native checkpoint's records, checked before LibTorch reads them: its own unpickler believes every length
// it finds.
void checkNativeRecords(caffe2::serialize::PyTorchStreamReader &zip, const QString &path)
{
    std::vector<std::string> names;
    try {
        names = zip.getAllRecords();
    } catch (const std::exception &e) { // for example a record outside the archive's folder
        throw UserError(QCoreApplication::translate("Checkpoint", "%1 is a damaged zip archive (%2)")
                            .arg(path, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
    // Its code records are compiled by LibTorch's TorchScript importer, which crashes on some damaged
    // source: only the plain class declarations that a checkpoint holds may reach it.
    for (const std::string &name : names) {
        const auto endsWith = [&name](const char *suffix) {
            const size_t n = std::strlen(suffix);
            return name.size() >= n && name.compare(name.size() - n, n, suffix) == 0;
        };
        QString problem;
        if (endsWith("pkl")) {
            const QByteArray pkl = zipRecord(zip, name, path);
            problem = pickle::checkStructure(pkl.constData(), size_t(pkl.size()));
        } else if (endsWith(".py")) {
            problem = checkModuleDeclarations(zipRecord(zip, name, path));
        }
        if (!problem.isEmpty())
            throw UserError(QCoreApplication::translate("Checkpoint", "%1 is damaged: in '%2', %3")
                                .arg(path, QString::fromStdString(name), problem));
    }
}

static std::shared_ptr<torch::serialize::InputArchive> openArchive(
    const QByteArray &bytes, const QString &path)
{
    auto archive = std::make_shared<torch::serialize::InputArchive>();
    try {
        archive->load_from(bytes.constData(), size_t(bytes.size()));
    } catch (const std::exception &) { // c10::Error, and the std::out_of_range a damaged archive can raise
        throw UserError(QCoreApplication::translate(
            "Checkpoint", "%1 is not a Diffusion Explorer checkpoint, or it is damaged")
                            .arg(path));
    }
    return archive;
}

static CheckpointInfo readInfo(torch::serialize::InputArchive &archive, const QString &path)
{
    c10::IValue value;
    bool found = false;
    try {
        found = archive.try_read("info", value);
    } catch (const std::exception &) { }
    if (!found || !value.isString())
        throw UserError(
            QCoreApplication::translate("Checkpoint", "%1 has no readable description").arg(path));
    CheckpointInfo info = infoFromJson(QByteArray::fromStdString(value.toStringRef()), path);
    torch::Tensor history;
    try {
        found = archive.try_read("loss_history", history);
    } catch (const std::exception &) {
        found = false;
    }
    if (found && history.dim() == 1 && history.scalar_type() == torch::kFloat32 && history.numel() > 0) {
        const torch::Tensor values = history.contiguous();
        info.lossHistory.resize(values.numel());
        std::memcpy(
            info.lossHistory.data(), values.data_ptr<float>(), size_t(values.numel()) * sizeof(float));
    }
    return info;
}

CheckpointInfo readNativeCheckpointInfo(const QByteArray &bytes, const QString &path)
{
    auto archive = openArchive(bytes, path);
    return readInfo(*archive, path);
}

ContextUnet &chosenWeights(LoadedCheckpoint &loaded, WeightChoice choice, const QString &path)
{
    if (choice == WeightChoice::Average)
        return loaded.average ? loaded.average : loaded.raw;
    if (loaded.info.averageOnly)
        throw UserError(QCoreApplication::translate(
            "Checkpoint", "%1 keeps only the averaged (EMA) weights; its raw weights were not saved")
                            .arg(path));
    return loaded.raw;
}

LoadedCheckpoint readNativeCheckpoint(const QByteArray &bytes, const QString &path, WeightChoice choice)
{
    auto archive = openArchive(bytes, path);
    LoadedCheckpoint loaded;
    loaded.info = readInfo(*archive, path);
    loaded.model = ContextUnet(loaded.info.config);
    try {
        torch::serialize::InputArchive modelArchive;
        if (!archive->try_read("model", modelArchive))
            throw UserError(QCoreApplication::translate("Checkpoint", "%1 holds no model weights").arg(path));
        if (loaded.info.halfPrecision)
            loadHalfWeights(loaded.model, modelArchive);
        else
            loaded.model->load(modelArchive);
        if (loaded.info.hasAverage) {
            torch::serialize::InputArchive averageArchive;
            if (!archive->try_read("average", averageArchive))
                throw UserError(QCoreApplication::translate(
                    "Checkpoint", "%1 says it keeps averaged weights but holds none")
                                    .arg(path));
            loaded.average = ContextUnet(loaded.info.config);
            loaded.average->load(averageArchive);
        }
        loaded.raw = loaded.model;
        loaded.model = chosenWeights(loaded, choice, path);
        auto optimizerArchive = std::make_shared<torch::serialize::InputArchive>();
        if (archive->try_read("optimizer", *optimizerArchive))
            loaded.optimizerState = optimizerArchive;
    } catch (const UserError &) {
        throw;
    } catch (const std::exception &e) {
        throw UserError(
            QCoreApplication::translate("Checkpoint", "%1 does not match the model it describes: %2")
                .arg(path, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
    return loaded;
}

} // namespace de
