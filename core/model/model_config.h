// The shape of a ContextUnet, free of torch headers so the UI and the CLI can carry it.
#pragma once

#include <QString>

namespace de {

// The noise schedule a model was trained with, and so must be sampled with: the course's linear betas, or
// the cosine alpha-bar of Nichol & Dhariwal (2021).
enum class ScheduleKind { Linear, Cosine };

struct ModelConfig
{
    int inChannels = 3; // image channels
    int nFeat = 64; // width of the first feature maps
    int nCFeat = 5; // length of the context vector (number of classes)
    int height = 16; // image side; must be a multiple of 4
    // The course's models have no trained 1x1 shortcut in init_conv: the course draws a fresh random one
    // (PyTorch's default initialisation) on every forward pass. True reproduces that; false (new models)
    // learns it.
    bool courseShortcut = false;
    ScheduleKind schedule = ScheduleKind::Linear; // a .pth says nothing of it: linear, as in the course

    bool operator==(const ModelConfig &o) const
    {
        return inChannels == o.inChannels && nFeat == o.nFeat && nCFeat == o.nCFeat && height == o.height
            && courseShortcut == o.courseShortcut && schedule == o.schedule;
    }
    bool operator!=(const ModelConfig &o) const { return !(*this == o); }

    // Empty when the configuration can be built; otherwise names the broken rule.
    QString validate() const;
    QString describe() const;
};

} // namespace de
