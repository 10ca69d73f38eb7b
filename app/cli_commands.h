// The subcommands of diffusion-explorer-cli. Each returns the process exit status:
// 0 success, 1 the work failed, 2 bad usage or input, 130 interrupted (work so far saved).
#pragma once

#include <QStringList>

namespace de::cli {

int train(const QStringList &arguments);
int sample(const QStringList &arguments);
int info(const QStringList &arguments);
int dataset(const QStringList &arguments);
int tconv(const QStringList &arguments);
int exportPth(const QStringList &arguments);
int convert(const QStringList &arguments);
int bench(const QStringList &arguments);
int trainClassifier(const QStringList &arguments);
int evaluate(const QStringList &arguments);

} // namespace de::cli
