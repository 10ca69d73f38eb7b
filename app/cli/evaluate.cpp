// evaluate: judge a model (conditional accuracy, diversity and memorisation per class).
#include "commands.h"
#include "options.h"

#include "files/model_file.h"
#include "user_error.h"
#include "worker/diffusion_worker.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace de::cli {

static QVector<double> parseGuidanceList(const QString &text, bool *ok)
{
    QVector<double> values;
    *ok = !text.trimmed().isEmpty();
    for (const QString &part : text.split(QLatin1Char(','))) {
        bool good = false;
        const double v = part.trimmed().toDouble(&good);
        if (!good || !std::isfinite(v) || v < 0.0 || v > 100.0)
            *ok = false;
        values.push_back(v);
    }
    return values;
}

static QJsonObject classJson(const ClassEvaluation &e)
{
    return {{QStringLiteral("class"), e.name}, {QStringLiteral("samples"), e.samples},
        {QStringLiteral("accuracy"), e.accuracy}, {QStringLiteral("diversity"), e.diversity},
        {QStringLiteral("memorisation"), e.memorisation}, {QStringLiteral("fid"), e.fid}};
}

int evaluate(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addOptions({
        weightsOption(),
        {QStringLiteral("checkpoint"),
            QCoreApplication::translate(
                "Cli", "The model to judge: a file, bundled:sprites or bundled:fashion."),
            QCoreApplication::translate("Cli", "FILE")},
        {QStringLiteral("classifier"),
            QCoreApplication::translate("Cli",
                "The classifier that judges the samples. Default: the bundled model's own, "
                "NAME-classifier.ckpt "
                "beside the checkpoint, or a bundled one for the same data set."),
            QCoreApplication::translate("Cli", "FILE")},
        {QStringLiteral("dataset"),
            QCoreApplication::translate("Cli",
                "The data set the model learned, for files that do not say (PyTorch .pth). Default: the "
                "checkpoint's."),
            QCoreApplication::translate("Cli", "NAME")},
        {QStringLiteral("n-per-class"),
            QCoreApplication::translate("Cli", "Samples of each class. Default 100."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("sampler"),
            QCoreApplication::translate("Cli", "ddim, dpm-solver++, unipc or ddpm. Default ddim."),
            QStringLiteral("ddim|dpm-solver++|unipc|ddpm"), QStringLiteral("ddim")},
        {QStringLiteral("steps"),
            QCoreApplication::translate("Cli", "Steps of DDIM, DPM-Solver++ or UniPC. Default 50."),
            QCoreApplication::translate("Cli", "N")},
        {QStringLiteral("guidance"),
            QCoreApplication::translate("Cli",
                "Classifier-free guidance weight, or several separated by commas (e.g. 0,1,2,4), one table "
                "each. Default 2."),
            QCoreApplication::translate("Cli", "W")},
        {QStringLiteral("seed"), QCoreApplication::translate("Cli", "Seed for the samples. Default 0."),
            QCoreApplication::translate("Cli", "N")},
        cacheDirOption(),
        {QStringLiteral("json"), QCoreApplication::translate("Cli", "Print the figures as JSON.")},
        threadsOption(),
        precisionOption(),
    });
    const int parsed = parse(p, arguments,
        QCoreApplication::translate("Cli",
            "Is this model any good? Samples every class and reports, per class and overall: conditional "
            "accuracy (the share of samples a classifier trained on the real images assigns to the class "
            "asked for), diversity (mean pairwise distance of the samples divided by that of real images of "
            "the class; about 1 is as varied as the data) and memorisation (mean distance from a sample to "
            "its nearest training image divided by the mean distance between nearest training images; near "
            "0 means copying)."));
    if (parsed >= 0)
        return parsed;
    EvaluateRequest r;
    r.checkpointPath = p.value(QStringLiteral("checkpoint"));
    r.classifierPath = p.value(QStringLiteral("classifier"));
    r.dataset = p.value(QStringLiteral("dataset"));
    r.cacheDir = p.value(QStringLiteral("cache-dir"));
    if (r.checkpointPath.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "evaluate needs --checkpoint FILE."));
    int status = 0;
    if (!samplerOption(p, &r.kind, &status) || !weightsValue(p, &r.weights, &status))
        return status;
    qint64 perClass = r.perClass, steps = r.ddimSteps, seed = 0;
    if (!toInt(p, QStringLiteral("n-per-class"), 2, 10000, &perClass, &status)
        || !toInt(p, QStringLiteral("steps"), 1, 500, &steps, &status)
        || !toInt(p, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &seed, &status))
        return status;
    r.perClass = int(perClass);
    r.ddimSteps = int(steps);
    r.seed = quint64(seed);
    if (p.isSet(QStringLiteral("guidance"))) {
        bool ok = false;
        r.guidance = parseGuidanceList(p.value(QStringLiteral("guidance")), &ok);
        if (!ok)
            return usageError(QCoreApplication::translate("Cli",
                "--guidance must be a number from 0 to 100, or several separated by commas (got \"%1\").")
                                  .arg(p.value(QStringLiteral("guidance"))));
    }
    try {
        readCheckpointInfo(r.checkpointPath); // a clear message before any work starts
    } catch (const UserError &e) {
        return fail(e.message(), 2);
    }
    const int threads = applyThreads(p, &status);
    if (threads == 0)
        return status;
    if (!applyPrecision(p, &status))
        return status;
    const bool json = p.isSet(QStringLiteral("json"));
    DiffusionEngine engine(threads);
    DiffusionWorker *w = engine.worker();
    QObject::connect(w, &DiffusionWorker::status, &engine, [json](const QString &m) {
        if (!json)
            out() << m << Qt::endl;
    });
    int lastPercent = -1;
    QObject::connect(
        w, &DiffusionWorker::evaluationProgress, &engine, [json, &lastPercent](const EvaluateProgress &pr) {
            const int percent = pr.total > 0 ? int(100 * pr.done / pr.total) : 0;
            if (json || (percent / 10 == lastPercent / 10 && pr.done != 0))
                return;
            lastPercent = percent;
            err() << QStringLiteral("%1% %2").arg(percent, 3).arg(pr.phase) << Qt::endl;
        });
    QObject::connect(w, &DiffusionWorker::evaluationFinished, &engine, [json](const EvaluationResult &res) {
        if (res.cancelled) {
            err() << QCoreApplication::translate("Cli", "Stopped before the evaluation was complete.")
                  << Qt::endl;
            QCoreApplication::exit(130);
            return;
        }
        if (json) {
            QJsonArray reports;
            for (const EvaluationReport &rep : res.reports) {
                QJsonArray classes;
                for (const ClassEvaluation &e : rep.classes)
                    classes.append(classJson(e));
                reports.append(QJsonObject {{QStringLiteral("guidance"), rep.guidance},
                    {QStringLiteral("classes"), classes}, {QStringLiteral("overall"), classJson(rep.overall)},
                    {QStringLiteral("seconds"), rep.seconds}});
            }
            const QJsonObject o {{QStringLiteral("checkpoint"), res.checkpointPath},
                {QStringLiteral("model"), res.modelDescription}, {QStringLiteral("dataset"), res.dataset},
                {QStringLiteral("classifier"), res.classifierDescription},
                {QStringLiteral("sampler"), res.samplerDescription},
                {QStringLiteral("precision"), res.precision}, {QStringLiteral("per_class"), res.perClass},
                {QStringLiteral("reports"), reports}};
            out() << QJsonDocument(o).toJson(QJsonDocument::Indented);
            QCoreApplication::exit(0);
            return;
        }
        out() << QCoreApplication::translate("Cli", "Model: %1 (%2), data set %3")
                     .arg(res.checkpointPath, res.modelDescription, res.dataset)
              << Qt::endl;
        out() << QCoreApplication::translate("Cli", "Judge: %1").arg(res.classifierDescription) << Qt::endl;
        out() << QCoreApplication::translate("Cli", "Sampler: %1, %2 samples per class")
                     .arg(res.samplerDescription)
                     .arg(res.perClass)
              << Qt::endl;
        out() << QCoreApplication::translate("Cli", "Sampling precision: %1").arg(res.precision) << Qt::endl;
        const EvaluationReport *best = nullptr;
        for (const EvaluationReport &rep : res.reports) {
            out() << '\n'
                  << QCoreApplication::translate("Cli", "Guidance w = %1 (%2)")
                         .arg(rep.guidance)
                         .arg(duration(rep.seconds))
                  << '\n';
            out() << QStringLiteral("  %1 %2 %3 %4 %5\n")
                         .arg(QCoreApplication::translate("Cli", "class"), -14)
                         .arg(QCoreApplication::translate("Cli", "accuracy"), 9)
                         .arg(QCoreApplication::translate("Cli", "diversity"), 10)
                         .arg(QCoreApplication::translate("Cli", "memorisation"), 13)
                         .arg(QCoreApplication::translate("Cli", "FID"), 8);
            QVector<ClassEvaluation> rows = rep.classes;
            rows.push_back(rep.overall);
            rows.back().name = QCoreApplication::translate("Cli", "overall");
            for (const ClassEvaluation &e : rows)
                out() << QStringLiteral("  %1 %2% %3 %4 %5\n")
                             .arg(e.name, -14)
                             .arg(100.0 * e.accuracy, 8, 'f', 1)
                             .arg(e.diversity, 10, 'f', 2)
                             .arg(e.memorisation, 13, 'f', 2)
                             .arg(e.fid, 8, 'f', 2);
            if (!best || rep.overall.accuracy > best->overall.accuracy)
                best = &rep;
        }
        if (res.reports.size() > 1 && best)
            out() << '\n'
                  << QCoreApplication::translate("Cli", "Best conditional accuracy: %1% at guidance w = %2.")
                         .arg(100.0 * best->overall.accuracy, 0, 'f', 1)
                         .arg(best->guidance)
                  << '\n';
        out().flush();
        QCoreApplication::exit(0);
    });
    engine.startEvaluation(r);
    return runUntilDone(engine);
}

} // namespace de::cli
