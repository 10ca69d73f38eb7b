// The commands of diffusion-explorer-cli, one file each in this folder (their shared option handling is
// options.h). Each takes the arguments after the command's name and returns the process exit status:
// 0 success, 1 the work failed, 2 bad usage or input, 130 interrupted (work so far saved).
#pragma once

#include <QStringList>

namespace de::cli {

int train(const QStringList &arguments);
int sample(const QStringList &arguments);
int interpolate(const QStringList &arguments);
int info(const QStringList &arguments);
int dataset(const QStringList &arguments);
int tconv(const QStringList &arguments);
int exportPth(const QStringList &arguments);
int convert(const QStringList &arguments);
int bench(const QStringList &arguments);
int trainClassifier(const QStringList &arguments);
int evaluate(const QStringList &arguments);
int embeddings(const QStringList &arguments);

struct Command
{
    const char *name;
    int (*run)(const QStringList &arguments);
};

// Every command by the name it is called with, in the order the usage text lists them.
inline constexpr Command kCommands[] = {
    {"train", train},
    {"sample", sample},
    {"interpolate", interpolate},
    {"info", info},
    {"dataset", dataset},
    {"tconv", tconv},
    {"export", exportPth},
    {"convert", convert},
    {"bench", bench},
    {"train-classifier", trainClassifier},
    {"evaluate", evaluate},
    {"embeddings", embeddings},
};

} // namespace de::cli
