// info: describe a checkpoint or a PyTorch .pth file.
#include "commands.h"
#include "options.h"

#include "files/model_file.h"
#include "user_error.h"

#include <QCoreApplication>

namespace de::cli {

int info(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addPositionalArgument(QCoreApplication::translate("Cli", "FILE"),
        QCoreApplication::translate("Cli", "The checkpoint or PyTorch .pth file to describe."));
    const int parsed = parse(p, arguments, QCoreApplication::translate("Cli", "Describe a checkpoint."));
    if (parsed >= 0)
        return parsed;
    if (p.positionalArguments().size() != 1)
        return usageError(QCoreApplication::translate("Cli", "info needs one checkpoint file."));
    const QString path = p.positionalArguments().constFirst();
    try {
        out() << readCheckpointInfo(path).describe();
    } catch (const UserError &e) {
        return fail(e.message(), 2);
    }
    return 0;
}

} // namespace de::cli
