// embeddings: the time and context embeddings of a model, the vectors that scale and shift its up path
// (cemb1·up1 + temb1, cemb2·up2 + temb2), for some timesteps and one context.
#include "commands.h"
#include "options.h"

#include "diffusion/schedule_table.h"
#include "files/model_file.h"
#include "user_error.h"
#include "worker/diffusion_worker.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace de::cli {

static QJsonArray jsonArray(const QVector<float> &values)
{
    QJsonArray a;
    for (float v : values)
        a.append(double(v));
    return a;
}

static QString textRow(const QVector<float> &values)
{
    QStringList parts;
    for (float v : values)
        parts << QString::number(v, 'f', 4);
    return parts.join(QLatin1Char(' '));
}

int embeddings(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("checkpoint"),
            QCoreApplication::translate("Cli", "The model: a file, bundled:sprites or bundled:fashion."),
            QCoreApplication::translate("Cli", "FILE")},
        {QStringLiteral("t"),
            QCoreApplication::translate("Cli",
                "Timesteps from 0 to T (500), separated by commas; the model sees t/T. Default 0,250,500."),
            QCoreApplication::translate("Cli", "T1,T2,...")},
        {QStringLiteral("context"),
            QCoreApplication::translate(
                "Cli", "A context vector v1,v2,... of n_cfeat values, or \"none\" (zeros, the default)."),
            QCoreApplication::translate("Cli", "VALUES")},
        {QStringLiteral("json"),
            QCoreApplication::translate(
                "Cli", "Print one JSON object: t, temb1 and temb2 (one vector per t), cemb1 and cemb2.")},
        threadsOption(),
    });
    const int parsed = parse(p, arguments,
        QCoreApplication::translate("Cli",
            "Print how time and context enter the network: the outputs of timeembed1/2 (temb) for each t and "
            "of "
            "contextembed1/2 (cemb) for the context, which the up path uses as cemb1*up1 + temb1 and "
            "cemb2*up2 + temb2."));
    if (parsed >= 0)
        return parsed;
    EmbeddingRequest r;
    r.checkpointPath = p.value(QStringLiteral("checkpoint"));
    if (r.checkpointPath.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "embeddings needs --checkpoint FILE."));
    const int timesteps = kDiffusionTimesteps; // every schedule has T = 500 steps
    const QString tText = p.isSet(QStringLiteral("t"))
        ? p.value(QStringLiteral("t"))
        : QStringLiteral("0,%1,%2").arg(timesteps / 2).arg(timesteps);
    for (const QString &part : tText.split(QLatin1Char(','))) {
        bool ok = false;
        const int t = part.trimmed().toInt(&ok);
        if (!ok || t < 0 || t > timesteps)
            return usageError(QCoreApplication::translate(
                "Cli", "--t takes whole timesteps from 0 to %1, separated by commas (got \"%2\").")
                                  .arg(timesteps)
                                  .arg(part));
        r.t.push_back(t);
    }
    CheckpointInfo info;
    try {
        info = readCheckpointInfo(r.checkpointPath);
    } catch (const UserError &e) {
        return fail(e.message(), 2);
    }
    int status = 0;
    if (!contextOption(p, info.config.nCFeat, &r.context, &status))
        return status;
    const int threads = applyThreads(p, &status);
    if (threads == 0)
        return status;
    const bool json = p.isSet(QStringLiteral("json"));

    DiffusionEngine engine(threads);
    QObject::connect(
        engine.worker(), &DiffusionWorker::embeddingsReady, &engine, [json](const EmbeddingTable &e) {
            if (json) {
                QJsonArray t, temb1, temb2;
                for (int i = 0; i < e.t.size(); ++i) {
                    t.append(e.t[i]);
                    temb1.append(jsonArray(e.temb1[i]));
                    temb2.append(jsonArray(e.temb2[i]));
                }
                const QJsonObject o {{QStringLiteral("t"), t}, {QStringLiteral("temb1"), temb1},
                    {QStringLiteral("temb2"), temb2}, {QStringLiteral("cemb1"), jsonArray(e.cemb1)},
                    {QStringLiteral("cemb2"), jsonArray(e.cemb2)}};
                out() << QJsonDocument(o).toJson(QJsonDocument::Compact) << Qt::endl;
            } else {
                out() << QCoreApplication::translate(
                    "Cli", "context %1: cemb1 (scales up0's output, %2 channels)")
                             .arg(textRow(e.context))
                             .arg(e.cemb1.size())
                      << '\n'
                      << textRow(e.cemb1) << '\n'
                      << QCoreApplication::translate("Cli", "cemb2 (scales up1's output, %1 channels)")
                             .arg(e.cemb2.size())
                      << '\n'
                      << textRow(e.cemb2) << '\n';
                for (int i = 0; i < e.t.size(); ++i)
                    out() << QCoreApplication::translate(
                        "Cli", "t = %1 (the model sees %2): temb1, then temb2")
                                 .arg(e.t[i])
                                 .arg(double(e.t[i]) / e.timesteps)
                          << '\n'
                          << textRow(e.temb1[i]) << '\n'
                          << textRow(e.temb2[i]) << '\n';
                out().flush();
            }
            QCoreApplication::exit(0);
        });
    QObject::connect(engine.worker(), &DiffusionWorker::embeddingsFailed, &engine,
        [](const QString &m) { QCoreApplication::exit(fail(m, 1)); });
    engine.startEmbeddings(r);
    return runUntilDone(engine);
}

} // namespace de::cli
