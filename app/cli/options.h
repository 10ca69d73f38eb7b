// What every command of diffusion-explorer-cli shares: its output streams, the parsing of its options with
// their ranges (each problem a usage error, exit status 2), the thread count, the folder: data set options,
// and running the worker until it reports. Exit statuses: 0 success, 1 the work failed, 2 bad usage or
// input, 130 interrupted (work so far saved).
#pragma once

#include "data/extra_datasets.h"
#include "diffusion/sampler_kind.h"
#include "files/checkpoint_info.h"
#include "worker/work_types.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QTextStream>
#include <QVector>

class QImage;

namespace de {
class DiffusionEngine;
}

namespace de::cli {

QTextStream &out();
QTextStream &err();

// Prints the message to standard error and returns 2.
int usageError(const QString &message);
// Prints "Error: MESSAGE" to standard error and returns status.
int fail(const QString &message, int status);

// Adds --help and parses; returns -1 to go on, or an exit status (after --help or an error). More than
// `positional` positional arguments is an error.
int parse(
    QCommandLineParser &parser, const QStringList &arguments, const QString &description, int positional = 1);

// Range-checked values. An option that is not set leaves *value as it is. A value outside [low, high] prints
// a usage error naming the option and the range, sets *status to 2 and returns false.
bool toInt(
    const QCommandLineParser &p, const QString &name, qint64 low, qint64 high, qint64 *value, int *status);
bool toDouble(
    const QCommandLineParser &p, const QString &name, double low, double high, double *value, int *status);

// --threads N, the options every command that computes takes.
QCommandLineOption threadsOption();
// Applies --threads (default: the setting, or all cores) and returns the count, or 0 after a usage error
// (with *status set).
int applyThreads(const QCommandLineParser &p, int *status);

// --precision float32|bfloat16, for the commands that sample.
QCommandLineOption precisionOption();
// Applies --precision (default: the setting, or bfloat16 where the CPU has it) to every sampling pass of the
// process; false after a usage error (with *status set).
bool applyPrecision(const QCommandLineParser &p, int *status);

// --cache-dir DIR, where the rendered emoji sprites are kept.
QCommandLineOption cacheDirOption();

// --sampler ddpm|ddim|dpm-solver++|unipc; --steps is refused with ddpm. Returns false after a usage error
// (with *status set).
bool samplerOption(const QCommandLineParser &p, SamplerKind *kind, int *status);

// --checkpoint FILE (the model to sample from), --steps N (DDIM, DPM-Solver++ or UniPC steps) and --guidance
// W, as sample and interpolate take them.
QCommandLineOption modelOption();
QCommandLineOption stepsOption();
QCommandLineOption guidanceOption();
// --guidance W, 0 to 100: sets *use and *weight when given. Returns false after a usage error (with *status
// set).
bool guidanceValue(const QCommandLineParser &p, bool *use, double *weight, int *status);

// --weights ema|raw: the weight average (the default, when the checkpoint keeps one) or the raw weights.
QCommandLineOption weightsOption();
bool weightsValue(const QCommandLineParser &p, WeightChoice *choice, int *status);

// --context v1,v2,... (k values) or "none": the values, or an empty vector for none (or when the option is
// not set). Returns false after a usage error (with *status set).
bool contextOption(const QCommandLineParser &p, int k, QVector<float> *context, int *status);
// The same for a text given to option (named in the messages).
bool contextValues(const QString &text, const QString &option, int k, QVector<float> *context, int *status);

// A class given by index or name; "all" is not one. Returns false after a usage error (with *status set).
bool classIndex(const QString &cls, const CheckpointInfo &info, int *index, int *status);

// --init IMAGE, --start-t T and --mask IMAGE into the request: the image read and resized to the model (with
// a note on standard output when it was), the mask likewise. Returns false after a usage error (with *status
// set): an unreadable image or mask, a start timestep outside 1..T, a mask without --init or of a size that
// is neither --init's nor the model's.
bool startImageOptions(const QCommandLineParser &p, const ModelConfig &config, SampleRequest *r, int *status);

// The options of folder:DIR data sets (train, dataset) and their values.
void addFolderOptions(QCommandLineParser &p);
bool folderOptions(const QCommandLineParser &p, ImageFolderOptions *options, int *status);

// "1h02m", "3m05s", "12s".
QString duration(double seconds);

// Writes a PNG atomically; on failure prints why and returns false.
bool savePng(const QString &path, const QImage &image);

// Runs the event loop until the worker reports; Ctrl+C or SIGTERM asks the worker to stop after its current
// step. A worker error ends the loop with status 1, or 2 when an input file was unreadable or damaged.
int runUntilDone(DiffusionEngine &engine);

} // namespace de::cli
