// diffusion-explorer-cli: train, sample and inspect diffusion models without a window.
#include "app_setup.h"
#include "commands.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

static QString usage()
{
    return QCoreApplication::translate("Cli",
        "Usage: diffusion-explorer-cli COMMAND [options]\n"
        "Train, sample and inspect diffusion models without a window.\n"
        "\n"
        "Commands:\n"
        "  train    train a ContextUnet on a data set and write a checkpoint\n"
        "  sample   draw samples from a checkpoint with DDPM or DDIM into a PNG grid\n"
        "  interpolate  walk between the noises of two seeds (and two contexts) as a strip\n"
        "  info     describe a checkpoint or a PyTorch .pth file\n"
        "  dataset  load a data set, count its classes, and draw examples of each\n"
        "  tconv    compute a transposed convolution by hand, step by step\n"
        "  export   write a checkpoint's state_dict as a PyTorch .pth file\n"
        "  convert  convert between checkpoints and PyTorch .pth files\n"
        "  bench    time training and sampling, and the machine's convolution speed\n"
        "  train-classifier  train the classifier that judges a data set's samples\n"
        "  evaluate  judge a model: conditional accuracy, diversity and memorisation\n"
        "  embeddings  how time and context enter the network: temb and cemb vectors\n"
        "\n"
        "A checkpoint can be a file or a bundled model: bundled:sprites, bundled:fashion.\n"
        "\n"
        "Run 'diffusion-explorer-cli COMMAND --help' for the options of a command.\n"
        "\n"
        "Exit statuses:\n"
        "  0    success\n"
        "  1    the work failed midway (a file could not be written, the loss became NaN)\n"
        "  2    bad usage or input: an unknown option, a value out of range, a missing, unreadable or\n"
        "       damaged file (checkpoint, data set, image, mask)\n"
        "  130  interrupted by Ctrl+C or SIGTERM; training saves its checkpoint first\n"
        "\n"
        "Environment:\n"
        "  DE_LANG  the language of messages (en, zh_CN); the default follows the system\n"
        "  OMP_NUM_THREADS  ignored: --threads, or the window's setting, sets the thread count\n"
        "\n"
        "Files:\n"
        "  ~/.config/DiffusionExplorer/diffusion-explorer.conf  settings shared with the window (threads,\n"
        "       sampling precision, language)\n"
        "  ~/.cache/DiffusionExplorer/diffusion-explorer/  the emoji sprites, rendered once from the\n"
        "       Noto Color Emoji font\n"
        "  MODEL.json  beside a PyTorch MODEL.pth: class names, data set and schedule written by\n"
        "       tools/train_ddp.py, read by info, sample, evaluate and the window\n"
        "\n"
        "Examples:\n"
        "  diffusion-explorer-cli train --dataset emoji --steps 2000 --out sprites.ckpt\n"
        "  diffusion-explorer-cli sample --checkpoint sprites.ckpt --sampler ddim --steps 25 --out grid.png\n"
        "  diffusion-explorer-cli evaluate --checkpoint bundled:fashion --n-per-class 50\n"
        "  diffusion-explorer-cli dataset --dataset emoji --export sprites-npy\n"
        "  diffusion-explorer-cli export sprites.ckpt sprites.pth\n");
}

int main(int argc, char *argv[])
{
    // Emoji rendering needs fonts, hence a GUI application, but never a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    de::setApplicationIdentity();
    de::ensureRuntimeDirectory();
    QGuiApplication app(argc, argv);
    de::installTranslations(app);

    QStringList args = app.arguments();
    QTextStream err(stderr);
    if (args.size() < 2) {
        err << usage();
        return 2;
    }
    if (args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h")) {
        QTextStream(stdout) << usage();
        return 0;
    }
    if (args[1] == QLatin1String("--version")) {
        QTextStream(stdout) << "diffusion-explorer-cli " << QCoreApplication::applicationVersion() << '\n';
        return 0;
    }
    const QString command = args[1];
    args.removeAt(1);
    args[0] = QStringLiteral("diffusion-explorer-cli ") + command; // how --help names it
    for (const de::cli::Command &c : de::cli::kCommands)
        if (command == QLatin1String(c.name))
            return c.run(args);
    err << QCoreApplication::translate("Cli", "Unknown command \"%1\".").arg(command) << "\n\n" << usage();
    return 2;
}
