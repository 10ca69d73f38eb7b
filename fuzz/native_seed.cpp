// Writes a small native checkpoint for the checkpoint fuzzer's seed corpus: the archive layout and
// description of a real checkpoint without its weights (a whole model is half a megabyte, which makes fuzzing
// crawl). Also writes a .pth the way LibTorch's pickler does (a typed dict), as our own export does. Usage:
// fuzz_native_seed OUT.ckpt OUT.pth
#include "files/checkpoint.h"

#include <QByteArray>
#include <QFile>

#include <cstdio>

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s OUT.ckpt OUT.pth\n", argv[0]);
        return 2;
    }
    torch::serialize::OutputArchive archive;
    const std::string info
        = R"({"format":"diffusion-explorer-checkpoint","format_version":1,)"
          R"("model":{"in_channels":3,"n_feat":8,"n_cfeat":5,"height":16,"course_shortcut":false},)"
          R"("class_names":["a","b","c","d","e"],"dataset":"emoji","step":1,"total_steps":2,)"
          R"("seed":"1","lr":0.001,"batch":4,"last_loss":0.5,"program_version":"0","saved_at":""})";
    archive.write("info", c10::IValue(info));
    archive.write("loss_history", torch::tensor({0.5f, 0.25f}));
    QByteArray bytes;
    archive.save_to([&bytes](const void *data, size_t size) -> size_t {
        bytes.append(static_cast<const char *>(data), qsizetype(size));
        return size;
    });
    QFile f(QString::fromLocal8Bit(argv[1]));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return 1;
    c10::Dict<std::string, at::Tensor> state;
    state.insert("init_conv.conv1.0.weight", torch::ones({8, 3, 3, 3}));
    state.insert("bn.num_batches_tracked", torch::tensor(int64_t(3)));
    const std::vector<char> pth = torch::pickle_save(c10::IValue(state));
    QFile g(QString::fromLocal8Bit(argv[2]));
    return g.open(QIODevice::WriteOnly) && g.write(pth.data(), qint64(pth.size())) == qint64(pth.size()) ? 0
                                                                                                         : 1;
}
