// Precompiled header for core and the torch-using tests: LibTorch is slow to parse.
#pragma once
#include <torch/torch.h>
