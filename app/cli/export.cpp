// export: write a checkpoint's state_dict as a PyTorch .pth file.
#include "commands.h"
#include "options.h"

#include "diffusion/schedule_table.h"
#include "files/conversion.h"
#include "files/model_file.h"
#include "user_error.h"

#include <QCoreApplication>

namespace de::cli {

int exportPth(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addOption(weightsOption());
    p.addPositionalArgument(QCoreApplication::translate("Cli", "CHECKPOINT"),
        QCoreApplication::translate("Cli", "The checkpoint (or .pth file) to export."));
    p.addPositionalArgument(QCoreApplication::translate("Cli", "OUT.pth"),
        QCoreApplication::translate("Cli", "Where to write the state_dict."));
    const int parsed = parse(p, arguments,
        QCoreApplication::translate("Cli",
            "Write a checkpoint's state_dict for PyTorch: torch.load "
            "reads it, and tools/contextunet.py loads it strictly."),
        2);
    if (parsed >= 0)
        return parsed;
    if (p.positionalArguments().size() != 2)
        return usageError(
            QCoreApplication::translate("Cli", "export needs a checkpoint and an output file."));
    int status = 0;
    WeightChoice weights = WeightChoice::Average;
    if (!weightsValue(p, &weights, &status))
        return status;
    try {
        const CheckpointInfo info = readCheckpointInfo(p.positionalArguments()[0]);
        if (info.config.schedule != ScheduleKind::Linear)
            err() << QCoreApplication::translate("Cli",
                "Note: this model was trained with the %1 noise schedule; a .pth does not say so, and "
                "the course's code samples with the linear one.")
                         .arg(scheduleName(info.config.schedule))
                  << Qt::endl;
        exportCheckpointToPth(p.positionalArguments()[0], p.positionalArguments()[1], weights);
    } catch (const WriteError &e) { // the input was fine; writing failed
        return fail(e.message(), 1);
    } catch (const UserError &e) {
        return fail(e.message(), 2);
    }
    out() << QCoreApplication::translate("Cli", "Wrote %1.").arg(p.positionalArguments()[1]) << Qt::endl;
    return 0;
}

} // namespace de::cli
