#include "judge/classifier.h"

#include "atomic_file.h"
#include "diffusion/trainer.h"
#include "files/bundled_models.h"
#include "user_error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <numeric>
#include <random>

namespace de {

static constexpr const char *kFormat = "diffusion-explorer-classifier";
static constexpr int kFormatVersion = 1;

QString ClassifierInfo::describe() const
{
    return QCoreApplication::translate("Classifier",
        "classifier for %1 (%2×%3×%4, %5 classes): %6% of %7 %8 images right; trained %9 steps, seed %10")
        .arg(dataset)
        .arg(channels)
        .arg(height)
        .arg(width)
        .arg(classNames.size())
        .arg(100.0 * heldOutAccuracy, 0, 'f', 1)
        .arg(heldOutCount)
        .arg(heldOutSource == QLatin1String("test set")
                ? QCoreApplication::translate("Classifier", "test-set")
                : QCoreApplication::translate("Classifier", "held-out"))
        .arg(steps)
        .arg(seed);
}

ImageClassifierImpl::ImageClassifierImpl(int channels, int classes)
{
    namespace nn = torch::nn;
    nn::Sequential s;
    const auto block = [&s](int in, int out, bool pool) {
        s->push_back(nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(1).bias(false)));
        s->push_back(nn::BatchNorm2d(out));
        s->push_back(nn::ReLU());
        if (pool)
            s->push_back(nn::MaxPool2d(2));
    };
    block(channels, 32, true);
    block(32, 64, true);
    block(64, 128, false);
    s->push_back(nn::AdaptiveAvgPool2d(1));
    features = register_module("features", s);
    head = register_module("head", nn::Linear(128, classes));
}

torch::Tensor ImageClassifierImpl::forward(const torch::Tensor &x)
{
    return head->forward(embed(x));
}

torch::Tensor ImageClassifierImpl::embed(const torch::Tensor &x)
{
    return features->forward(x).flatten(1);
}

static QByteArray infoToJson(const ClassifierInfo &info)
{
    QJsonArray perClass;
    for (double a : info.classAccuracy)
        perClass.append(a);
    const QJsonObject o {{QStringLiteral("format"), QString::fromLatin1(kFormat)},
        {QStringLiteral("format_version"), kFormatVersion}, {QStringLiteral("channels"), info.channels},
        {QStringLiteral("height"), info.height}, {QStringLiteral("width"), info.width},
        {QStringLiteral("class_names"), QJsonArray::fromStringList(info.classNames)},
        {QStringLiteral("dataset"), info.dataset},
        {QStringLiteral("held_out_accuracy"), info.heldOutAccuracy},
        {QStringLiteral("held_out_count"), info.heldOutCount},
        {QStringLiteral("held_out_source"), info.heldOutSource}, {QStringLiteral("class_accuracy"), perClass},
        {QStringLiteral("steps"), info.steps}, {QStringLiteral("batch"), info.batch},
        {QStringLiteral("seed"), QString::number(info.seed)},
        {QStringLiteral("program_version"), info.programVersion}, {QStringLiteral("saved_at"), info.savedAt}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

static ClassifierInfo infoFromJson(const QByteArray &json, const QString &path)
{
    QJsonParseError err {};
    const QJsonObject o = QJsonDocument::fromJson(json, &err).object();
    if (err.error != QJsonParseError::NoError
        || o.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        throw UserError(QCoreApplication::translate("Classifier", "%1 is not a classifier file").arg(path));
    if (o.value(QStringLiteral("format_version")).toInt() > kFormatVersion)
        throw UserError(
            QCoreApplication::translate("Classifier", "%1 was written by a newer version of this program")
                .arg(path));
    ClassifierInfo info;
    info.channels = o.value(QStringLiteral("channels")).toInt();
    info.height = o.value(QStringLiteral("height")).toInt();
    info.width = o.value(QStringLiteral("width")).toInt();
    for (const QJsonValue &v : o.value(QStringLiteral("class_names")).toArray())
        info.classNames.push_back(v.toString());
    info.dataset = o.value(QStringLiteral("dataset")).toString();
    info.heldOutAccuracy = o.value(QStringLiteral("held_out_accuracy")).toDouble();
    info.heldOutCount = o.value(QStringLiteral("held_out_count")).toInt();
    info.heldOutSource = o.value(QStringLiteral("held_out_source")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("class_accuracy")).toArray())
        info.classAccuracy.push_back(v.toDouble());
    info.steps = o.value(QStringLiteral("steps")).toInteger();
    info.batch = o.value(QStringLiteral("batch")).toInt();
    info.seed = o.value(QStringLiteral("seed")).toString().toULongLong();
    info.programVersion = o.value(QStringLiteral("program_version")).toString();
    info.savedAt = o.value(QStringLiteral("saved_at")).toString();
    if ((info.channels != 1 && info.channels != 3) || info.height < 4 || info.height > 256 || info.width < 4
        || info.width > 256 || info.classNames.size() < 2 || info.classNames.size() > 1000)
        throw UserError(
            QCoreApplication::translate("Classifier", "%1 describes an impossible classifier").arg(path));
    return info;
}

void saveClassifier(const QString &path, ImageClassifier &model, const ClassifierInfo &infoIn)
{
    ClassifierInfo info = infoIn;
    info.programVersion = QStringLiteral(DE_VERSION);
    info.savedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    QByteArray bytes;
    try {
        torch::serialize::OutputArchive archive, modelArchive;
        model->save(modelArchive);
        archive.write("classifier", modelArchive);
        archive.write("info", c10::IValue(infoToJson(info).toStdString()));
        archive.save_to([&bytes](const void *data, size_t size) -> size_t {
            bytes.append(static_cast<const char *>(data), qsizetype(size));
            return size;
        });
    } catch (const c10::Error &e) {
        throw UserError(QCoreApplication::translate("Classifier", "Could not serialise the classifier: %1")
                            .arg(QString::fromStdString(e.what_without_backtrace())));
    }
    writeFileOrThrow(path, bytes);
}

QString bundledClassifierPath(const BundledModel &model)
{
    return QStringLiteral(":/models/%1-classifier.ckpt").arg(model.id);
}

LoadedClassifier loadClassifier(const QString &pathIn)
{
    // "bundled:NAME" names the bundled model's classifier here.
    const BundledModel *bundled = findBundledModel(pathIn);
    const QString path = bundled && pathIn.startsWith(QLatin1String("bundled:"))
        ? bundledClassifierPath(*bundled)
        : resolveModelPath(pathIn);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw UserError(QCoreApplication::translate("Classifier", "Cannot read the classifier %1: %2")
                            .arg(pathIn,
                                file.exists() ? file.errorString()
                                              : QCoreApplication::translate("Classifier", "no such file")));
    const QByteArray bytes = file.readAll();
    LoadedClassifier loaded;
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(bytes.constData(), size_t(bytes.size()));
        c10::IValue value;
        if (!archive.try_read("info", value) || !value.isString())
            throw UserError(
                QCoreApplication::translate("Classifier", "%1 is not a classifier file").arg(pathIn));
        loaded.info = infoFromJson(QByteArray::fromStdString(value.toStringRef()), pathIn);
        loaded.model = ImageClassifier(loaded.info.channels, int(loaded.info.classNames.size()));
        torch::serialize::InputArchive modelArchive;
        if (!archive.try_read("classifier", modelArchive))
            throw UserError(QCoreApplication::translate("Classifier", "%1 holds no weights").arg(pathIn));
        loaded.model->load(modelArchive);
    } catch (const UserError &) {
        throw;
    } catch (const std::exception &e) {
        throw UserError(
            QCoreApplication::translate("Classifier", "%1 is not a classifier file, or it is damaged: %2")
                .arg(pathIn, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
    loaded.model->eval();
    return loaded;
}

torch::Tensor classify(ImageClassifier &model, const torch::Tensor &x)
{
    torch::NoGradGuard noGrad;
    model->eval();
    std::vector<torch::Tensor> parts;
    for (int64_t i = 0; i < x.size(0); i += 500)
        parts.push_back(model->forward(x.slice(0, i, std::min<int64_t>(i + 500, x.size(0)))).argmax(1));
    return parts.empty() ? torch::empty({0}, torch::kLong) : torch::cat(parts);
}

torch::Tensor classifierFeatures(ImageClassifier &model, const torch::Tensor &x)
{
    torch::NoGradGuard noGrad;
    model->eval();
    std::vector<torch::Tensor> parts;
    for (int64_t i = 0; i < x.size(0); i += 500)
        parts.push_back(
            model->embed(x.slice(0, i, std::min<int64_t>(i + 500, x.size(0))).to(torch::kFloat32)));
    return parts.empty() ? torch::empty({0, 0}, torch::kFloat64) : torch::cat(parts).to(torch::kFloat64);
}

torch::Tensor imageSetTensor(const ImageSet &set)
{
    const torch::Tensor bytes = torch::from_blob(const_cast<char *>(set.pixels.constData()),
        {set.count, set.channels, set.height, set.width}, torch::kUInt8);
    return bytes.to(torch::kFloat32) / 127.5 - 1.0;
}

torch::Tensor imageSetLabels(const ImageSet &set)
{
    return torch::from_blob(const_cast<int *>(set.labels.constData()), {set.count}, torch::kInt32)
        .to(torch::kLong);
}

static ImageSet subset(const ImageSet &set, const std::vector<int> &indices)
{
    ImageSet out = set;
    out.count = int(indices.size());
    out.pixels.clear();
    out.pixels.reserve(qsizetype(indices.size()) * set.imageBytes());
    out.labels.clear();
    for (int i : indices) {
        out.pixels.append(reinterpret_cast<const char *>(set.imageData(i)), set.imageBytes());
        out.labels.push_back(set.labels[i]);
    }
    return out;
}

std::pair<ImageSet, ImageSet> splitHeldOut(const ImageSet &set, double heldOutShare, quint64 seed)
{
    std::mt19937_64 rng(seed ^ 0x9E3779B97F4A7C15ull);
    std::vector<int> kept, held;
    for (int c = 0; c < set.classNames.size(); ++c) {
        std::vector<int> members;
        for (int i = 0; i < set.count; ++i)
            if (set.labels[i] == c)
                members.push_back(i);
        std::shuffle(members.begin(), members.end(), rng);
        // At least one image of a class goes each way.
        const int n = members.size() < 2
            ? 0
            : std::clamp(int(std::lround(heldOutShare * double(members.size()))), 1, int(members.size()) - 1);
        held.insert(held.end(), members.begin(), members.begin() + n);
        kept.insert(kept.end(), members.begin() + n, members.end());
    }
    std::sort(kept.begin(), kept.end());
    std::sort(held.begin(), held.end());
    return {subset(set, kept), subset(set, held)};
}

std::optional<LoadedClassifier> trainClassifier(const ImageSet &train, const ImageSet &heldOut,
    const QString &heldOutSource, const ClassifierSettings &settings, const ClassifierProgress &progress,
    const std::atomic<bool> *cancel)
{
    if (train.classNames.size() < 2)
        throw UserError(
            QCoreApplication::translate("Classifier", "A classifier needs at least two classes; %1 has %2")
                .arg(train.name)
                .arg(train.classNames.size()));
    if (train.count < 2 || heldOut.count < 1)
        throw UserError(QCoreApplication::translate(
            "Classifier", "A classifier needs training images and held-out images (got %1 and %2)")
                            .arg(train.count)
                            .arg(heldOut.count));
    if (heldOut.channels != train.channels || heldOut.height != train.height || heldOut.width != train.width
        || heldOut.classNames != train.classNames)
        throw UserError(QCoreApplication::translate(
            "Classifier", "The held-out images do not match the training images in shape or classes"));
    const int classes = int(train.classNames.size());
    torch::manual_seed(settings.seed);
    ImageClassifier model(train.channels, classes);
    torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(settings.lr));
    BatchSource batches(train, settings.batch, settings.seed);
    const qint64 total = qint64(settings.epochs) * batches.stepsPerEpoch();
    model->train();
    for (qint64 step = 0; step < total; ++step) {
        if (cancel && cancel->load())
            return std::nullopt;
        const double lr = settings.lr * (1.0 - double(step) / double(total));
        for (auto &group : optimizer.param_groups())
            static_cast<torch::optim::AdamOptions &>(group.options()).lr(lr);
        const auto [x, ctx] = batches.next();
        const torch::Tensor loss = torch::nn::functional::cross_entropy(model->forward(x), ctx.argmax(1));
        const double value = loss.item<double>();
        if (!std::isfinite(value))
            throw UserError(
                QCoreApplication::translate("Classifier", "The classifier's loss became %1 at step %2")
                    .arg(value)
                    .arg(step + 1));
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        if (progress)
            progress(step + 1, total, value);
    }
    LoadedClassifier out;
    out.model = model;
    const torch::Tensor predicted = classify(model, imageSetTensor(heldOut));
    const torch::Tensor labels = imageSetLabels(heldOut);
    const torch::Tensor right = predicted.eq(labels);
    ClassifierInfo &info = out.info;
    info.channels = train.channels;
    info.height = train.height;
    info.width = train.width;
    info.classNames = train.classNames;
    info.dataset = train.name;
    info.heldOutAccuracy = right.to(torch::kDouble).mean().item<double>();
    info.heldOutCount = heldOut.count;
    info.heldOutSource = heldOutSource;
    for (int c = 0; c < classes; ++c) {
        const torch::Tensor mask = labels.eq(c);
        const double n = mask.sum().item<double>();
        info.classAccuracy.push_back(n > 0 ? right.logical_and(mask).sum().item<double>() / n : 0.0);
    }
    info.steps = total;
    info.batch = settings.batch;
    info.seed = settings.seed;
    return out;
}

} // namespace de
