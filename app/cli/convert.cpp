// convert: convert between checkpoints and PyTorch .pth files, or make a half-precision copy.
#include "commands.h"
#include "options.h"

#include "files/conversion.h"
#include "user_error.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace de::cli {

int convert(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addPositionalArgument(QCoreApplication::translate("Cli", "IN"),
        QCoreApplication::translate("Cli", "A checkpoint or a PyTorch .pth state_dict."));
    p.addPositionalArgument(QCoreApplication::translate("Cli", "OUT"),
        QCoreApplication::translate(
            "Cli", "The file to write: .pth for PyTorch, any other name for a checkpoint."));
    p.addOption({QStringLiteral("half"),
        QCoreApplication::translate("Cli",
            "Write a checkpoint with half-precision weights and no optimizer state (about a third of the "
            "size; how the bundled models are made). Refused when the output changes by more than 0.01.")});
    const int parsed = parse(p, arguments,
        QCoreApplication::translate("Cli",
            "Convert between Diffusion Explorer checkpoints and PyTorch .pth state_dicts; the output's "
            "suffix "
            "chooses the format. A .pth's configuration is inferred from its tensor shapes."),
        2);
    if (parsed >= 0)
        return parsed;
    if (p.positionalArguments().size() != 2)
        return usageError(QCoreApplication::translate("Cli", "convert needs an input and an output file."));
    const QString in = p.positionalArguments()[0], outPath = p.positionalArguments()[1];
    try {
        if (p.isSet(QStringLiteral("half"))) {
            const double diff = writeHalfPrecisionCopy(in, outPath);
            out() << QCoreApplication::translate("Cli",
                "Wrote %1 with half-precision weights (%2 bytes); the largest change in the model's output "
                "is %3.")
                         .arg(outPath)
                         .arg(QFileInfo(outPath).size())
                         .arg(diff, 0, 'g', 3)
                  << Qt::endl;
            return 0;
        }
        const CheckpointInfo info = convertCheckpoint(in, outPath);
        out() << QCoreApplication::translate("Cli", "Read %1: %2").arg(in, info.config.describe())
              << Qt::endl;
        for (const QString &note : info.notes)
            out() << "  " << note << Qt::endl;
    } catch (const WriteError &e) { // the input was fine; writing failed
        return fail(e.message(), 1);
    } catch (const UserError &e) {
        return fail(e.message(), 2);
    } catch (const std::exception &e) {
        return fail(QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0), 1);
    }
    out() << QCoreApplication::translate("Cli", "Wrote %1.").arg(outPath) << Qt::endl;
    return 0;
}

} // namespace de::cli
