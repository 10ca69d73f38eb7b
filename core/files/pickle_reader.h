// A restricted reader for the pickles inside PyTorch .pth files. It understands the opcodes that
// torch.save and LibTorch's pickler write for state dicts, and rebuilds only what an allow-list names:
// collections.OrderedDict, torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter, the tensor
// storage types and LibTorch's type tag. Any other global (os.system, builtins.eval, a pickled model class)
// is refused by name before anything else is read, and nothing in the file is ever executed.
// Free of torch headers: tensors come back as descriptions (storage, offset, sizes, strides).
#pragma once

#include <QCoreApplication>

#include <cstdint>
#include <string>
#include <vector>

namespace de::pickle {

enum class StorageType { Float, Double, Half, BFloat16, Long, Int, Short, Char, Byte, Bool };

int elementSize(StorageType type);

// One tensor storage named by a persistent id: the zip record "data/<key>" holds numel elements.
struct StorageRef
{
    StorageType type = StorageType::Float;
    std::string key;
    int64_t numel = 0;
};

// A tensor view on a storage; checked to lie inside it.
struct TensorRef
{
    int storage = -1; // index into Document::storages
    int64_t offset = 0;
    std::vector<int64_t> sizes;
    std::vector<int64_t> strides;
    int64_t numel() const;
};

enum class Kind { None, Bool, Int, Float, String, Tuple, List, Dict, Global, Storage, Tensor };

struct Value
{
    Kind kind = Kind::None;
    int64_t integer = 0; // Bool, Int; Storage and Tensor: their index
    double real = 0.0;
    std::string text; // String (bytes as stored), Global ("module.name")
    std::vector<int> items; // Tuple, List: elements; Dict: key, value, key, value, ...
};

// The values live in one array and refer to each other by index, so a malicious pickle can make neither
// deep recursion nor reference cycles that leak.
struct Document
{
    std::vector<Value> values;
    std::vector<StorageRef> storages;
    std::vector<TensorRef> tensors;
    int root = -1;

    const Value &at(int index) const { return values[size_t(index)]; }
};

// Throws UserError naming the problem and the byte offset where it was found.
Document unpickle(const char *data, size_t size);

// Walks any pickle's opcodes (protocols 0 to 5) without building or calling anything, and checks that every
// length it declares fits in the bytes that follow. Empty when it does; otherwise names the problem. Run
// before handing a pickle to a reader that trusts those lengths (LibTorch's allocates whatever a string
// claims).
QString checkStructure(const char *data, size_t size);

} // namespace de::pickle
