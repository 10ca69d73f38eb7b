#include "files/pickle_reader.h"

#include "user_error.h"

#include <cstring>
#include <limits>
#include <unordered_map>

namespace de::pickle {

int elementSize(StorageType type)
{
    switch (type) {
    case StorageType::Double:
    case StorageType::Long:
        return 8;
    case StorageType::Float:
    case StorageType::Int:
        return 4;
    case StorageType::Half:
    case StorageType::BFloat16:
    case StorageType::Short:
        return 2;
    case StorageType::Char:
    case StorageType::Byte:
    case StorageType::Bool:
        return 1;
    }
    return 1;
}

int64_t TensorRef::numel() const
{
    int64_t n = 1;
    for (int64_t s : sizes)
        n *= s; // sizes were checked against the storage, so this cannot overflow
    return n;
}

namespace {

struct StorageName
{
    const char *name;
    StorageType type;
};
constexpr StorageName kStorageNames[]
    = {{"FloatStorage", StorageType::Float}, {"DoubleStorage", StorageType::Double},
        {"HalfStorage", StorageType::Half}, {"BFloat16Storage", StorageType::BFloat16},
        {"LongStorage", StorageType::Long}, {"IntStorage", StorageType::Int},
        {"ShortStorage", StorageType::Short}, {"CharStorage", StorageType::Char},
        {"ByteStorage", StorageType::Byte}, {"BoolStorage", StorageType::Bool}};

const QString kOrderedDict = QStringLiteral("collections.OrderedDict");
const QString kRebuildTensor = QStringLiteral("torch._utils._rebuild_tensor_v2");
const QString kRebuildParameter = QStringLiteral("torch._utils._rebuild_parameter");
const QString kTypeTag = QStringLiteral("torch.jit._pickle.restore_type_tag");

constexpr int kMaxDims = 16;
constexpr size_t kMaxValues = 4'000'000;

class Reader
{
public:
    Reader(const char *data, size_t size)
        : m_data(reinterpret_cast<const unsigned char *>(data))
        , m_size(size)
    { }

    Document run()
    {
        while (true) {
            m_opStart = m_pos;
            const unsigned char op = byte();
            if (op == '.') // STOP
                break;
            dispatch(op);
        }
        if (!m_marks.empty())
            fail(QCoreApplication::translate("Pickle", "the pickle ends inside an unfinished MARK"));
        if (m_stack.size() != 1)
            fail(QCoreApplication::translate("Pickle", "the pickle ends with %n value(s) left on its stack",
                nullptr, int(m_stack.size())));
        m_doc.root = m_stack.back();
        return std::move(m_doc);
    }

private:
    [[noreturn]] void fail(const QString &what) const
    {
        throw UserError(QCoreApplication::translate("Pickle", "Unreadable pickle at byte %1: %2")
                            .arg(m_opStart)
                            .arg(what));
    }

    // --- raw input
    const unsigned char *take(uint64_t n)
    {
        if (n > m_size - m_pos)
            fail(QCoreApplication::translate("Pickle", "the data ends in the middle of a value"));
        const unsigned char *p = m_data + m_pos;
        m_pos += size_t(n);
        return p;
    }
    unsigned char byte() { return *take(1); }
    uint64_t unsignedLE(int n)
    {
        const unsigned char *p = take(uint64_t(n));
        uint64_t v = 0;
        for (int i = n - 1; i >= 0; --i)
            v = (v << 8) | p[i];
        return v;
    }
    std::string bytes(uint64_t n)
    {
        const unsigned char *p = take(n);
        return std::string(reinterpret_cast<const char *>(p), size_t(n));
    }

    // --- values and the stack
    int add(Value v)
    {
        // A state_dict needs about ten values per tensor; the bound keeps a hostile pickle from asking for
        // gigabytes of them.
        if (m_doc.values.size() >= kMaxValues)
            fail(QCoreApplication::translate("Pickle", "it holds more than %1 values").arg(kMaxValues));
        m_doc.values.push_back(std::move(v));
        return int(m_doc.values.size() - 1);
    }
    int addInt(int64_t i)
    {
        Value v;
        v.kind = Kind::Int;
        v.integer = i;
        return add(std::move(v));
    }
    void push(int index) { m_stack.push_back(index); }
    int pop()
    {
        if (m_stack.empty() || (!m_marks.empty() && m_stack.size() <= m_marks.back()))
            fail(QCoreApplication::translate("Pickle", "an operation needs a value, but the stack is empty"));
        const int v = m_stack.back();
        m_stack.pop_back();
        return v;
    }
    int top()
    {
        if (m_stack.empty() || (!m_marks.empty() && m_stack.size() <= m_marks.back()))
            fail(QCoreApplication::translate("Pickle", "an operation needs a value, but the stack is empty"));
        return m_stack.back();
    }
    std::vector<int> popToMark()
    {
        if (m_marks.empty())
            fail(QCoreApplication::translate("Pickle", "a MARK is missing"));
        const size_t mark = m_marks.back();
        m_marks.pop_back();
        std::vector<int> items(m_stack.begin() + std::ptrdiff_t(mark), m_stack.end());
        m_stack.resize(mark);
        return items;
    }
    Value &value(int index) { return m_doc.values[size_t(index)]; }
    Value &expect(int index, Kind kind, const QString &what)
    {
        Value &v = value(index);
        if (v.kind != kind)
            fail(what);
        return v;
    }

    void memoPut(uint64_t key) { m_memo[key] = top(); }
    void memoGet(uint64_t key)
    {
        const auto it = m_memo.find(key);
        if (it == m_memo.end())
            fail(QCoreApplication::translate("Pickle", "it refers to memo entry %1, which was never stored")
                     .arg(key));
        push(it->second);
    }

    int tuple(std::vector<int> items)
    {
        Value v;
        v.kind = Kind::Tuple;
        v.items = std::move(items);
        return add(std::move(v));
    }
    int string(std::string s)
    {
        Value v;
        v.kind = Kind::String;
        v.text = std::move(s);
        return add(std::move(v));
    }

    // --- globals: only the allow-list is ever named
    void global(const std::string &module, const std::string &name)
    {
        const QString full = QString::fromUtf8(module.data(), qsizetype(module.size())) + QLatin1Char('.')
            + QString::fromUtf8(name.data(), qsizetype(name.size()));
        bool allowed
            = full == kOrderedDict || full == kRebuildTensor || full == kRebuildParameter || full == kTypeTag;
        if (module == "torch")
            for (const StorageName &s : kStorageNames)
                allowed = allowed || name == s.name;
        if (!allowed)
            throw UserError(QCoreApplication::translate("Pickle",
                "The file names the Python global '%1', which is not allowed in a state_dict; it was "
                "refused and nothing was run. Save the model's state_dict() rather than the model "
                "object.")
                                .arg(full.left(200)));
        Value v;
        v.kind = Kind::Global;
        v.text = full.toStdString();
        push(add(std::move(v)));
    }

    int64_t asInt(int index, const QString &what)
    {
        const Value &v = value(index);
        if (v.kind != Kind::Int && v.kind != Kind::Bool)
            fail(what);
        return v.integer;
    }

    std::vector<int64_t> intTuple(int index, const QString &what)
    {
        const Value &v = expect(index, Kind::Tuple, what);
        if (v.items.size() > size_t(kMaxDims))
            fail(QCoreApplication::translate("Pickle", "a tensor has more than %1 dimensions").arg(kMaxDims));
        std::vector<int64_t> out;
        for (int item : v.items)
            out.push_back(asInt(item, what));
        return out;
    }

    int rebuildTensor(const std::vector<int> &args)
    {
        if (args.size() < 6 || args.size() > 7)
            fail(QCoreApplication::translate("Pickle", "_rebuild_tensor_v2 takes 6 or 7 arguments, not %1")
                     .arg(args.size()));
        const Value &storage = expect(args[0], Kind::Storage,
            QCoreApplication::translate("Pickle", "a tensor's storage is not a storage"));
        TensorRef t;
        t.storage = int(storage.integer);
        t.offset = asInt(
            args[1], QCoreApplication::translate("Pickle", "a tensor's storage offset is not an integer"));
        t.sizes = intTuple(
            args[2], QCoreApplication::translate("Pickle", "a tensor's size is not a tuple of integers"));
        t.strides = intTuple(
            args[3], QCoreApplication::translate("Pickle", "a tensor's stride is not a tuple of integers"));
        if (t.sizes.size() != t.strides.size())
            fail(QCoreApplication::translate("Pickle", "a tensor has %1 sizes but %2 strides")
                     .arg(t.sizes.size())
                     .arg(t.strides.size()));
        if (t.offset < 0)
            fail(QCoreApplication::translate("Pickle", "a tensor has a negative storage offset"));
        // The last element the view touches must lie inside the storage.
        const int64_t numel = m_doc.storages[size_t(t.storage)].numel;
        int64_t last = t.offset;
        bool empty = false;
        for (size_t i = 0; i < t.sizes.size(); ++i) {
            if (t.sizes[i] < 0 || t.strides[i] < 0)
                fail(QCoreApplication::translate("Pickle", "a tensor has a negative size or stride"));
            if (t.sizes[i] == 0)
                empty = true;
        }
        if (!empty) {
            for (size_t i = 0; i < t.sizes.size(); ++i) {
                int64_t reach = 0;
                if (__builtin_mul_overflow(t.sizes[i] - 1, t.strides[i], &reach)
                    || __builtin_add_overflow(last, reach, &last))
                    fail(QCoreApplication::translate("Pickle", "a tensor's shape overflows"));
            }
            if (last >= numel)
                fail(QCoreApplication::translate(
                    "Pickle", "a tensor of shape (%1) needs %2 elements of its storage, which holds only %3")
                         .arg(joined(t.sizes))
                         .arg(last + 1)
                         .arg(numel));
        }
        Value v;
        v.kind = Kind::Tensor;
        v.integer = int64_t(m_doc.tensors.size());
        m_doc.tensors.push_back(std::move(t));
        return add(std::move(v));
    }

    static QString joined(const std::vector<int64_t> &v)
    {
        QStringList parts;
        for (int64_t x : v)
            parts << QString::number(x);
        return parts.join(QStringLiteral(", "));
    }

    void reduce()
    {
        const int argsIndex = pop();
        const int callable = pop();
        const Value &f = expect(callable, Kind::Global,
            QCoreApplication::translate("Pickle", "REDUCE calls something that is not a global"));
        const std::vector<int> args = expect(argsIndex, Kind::Tuple,
            QCoreApplication::translate("Pickle", "REDUCE's arguments are not a tuple"))
                                          .items;
        const QString name = QString::fromStdString(f.text);
        if (name == kOrderedDict) {
            if (!args.empty())
                fail(QCoreApplication::translate("Pickle", "OrderedDict is rebuilt with arguments"));
            Value d;
            d.kind = Kind::Dict;
            push(add(std::move(d)));
        } else if (name == kRebuildTensor) {
            push(rebuildTensor(args));
        } else if (name == kRebuildParameter) {
            if (args.size() != 3)
                fail(QCoreApplication::translate("Pickle", "_rebuild_parameter takes 3 arguments, not %1")
                         .arg(args.size()));
            expect(args[0], Kind::Tensor,
                QCoreApplication::translate("Pickle", "a parameter holds something that is not a tensor"));
            push(args[0]);
        } else if (name == kTypeTag) {
            if (args.size() != 2)
                fail(QCoreApplication::translate("Pickle", "restore_type_tag takes 2 arguments, not %1")
                         .arg(args.size()));
            push(args[0]);
        } else {
            fail(QCoreApplication::translate("Pickle", "'%1' cannot be called").arg(name));
        }
    }

    void persistentLoad()
    {
        const Value &pid = expect(
            pop(), Kind::Tuple, QCoreApplication::translate("Pickle", "a persistent id is not a tuple"));
        const std::vector<int> items = pid.items;
        if (items.size() != 5 || value(items[0]).kind != Kind::String || value(items[0]).text != "storage")
            fail(QCoreApplication::translate(
                "Pickle", "a persistent id is not ('storage', type, key, location, size)"));
        const Value &type = expect(
            items[1], Kind::Global, QCoreApplication::translate("Pickle", "a storage type is not a global"));
        StorageRef s;
        bool known = false;
        for (const StorageName &n : kStorageNames)
            if (type.text == std::string("torch.") + n.name) {
                s.type = n.type;
                known = true;
            }
        if (!known)
            fail(QCoreApplication::translate("Pickle", "'%1' is not a storage type")
                     .arg(QString::fromStdString(type.text)));
        s.key = expect(
            items[2], Kind::String, QCoreApplication::translate("Pickle", "a storage key is not a string"))
                    .text;
        expect(items[3], Kind::String,
            QCoreApplication::translate("Pickle", "a storage location is not a string"));
        s.numel = asInt(items[4], QCoreApplication::translate("Pickle", "a storage size is not an integer"));
        if (s.numel < 0 || s.numel > std::numeric_limits<int64_t>::max() / 8)
            fail(QCoreApplication::translate("Pickle", "a storage has an impossible size"));
        Value v;
        v.kind = Kind::Storage;
        v.integer = int64_t(m_doc.storages.size());
        m_doc.storages.push_back(std::move(s));
        push(add(std::move(v)));
    }

    void setItems(int dict, const std::vector<int> &items)
    {
        if (items.size() % 2 != 0)
            fail(QCoreApplication::translate("Pickle", "a dict is given a key without a value"));
        Value &d = expect(dict, Kind::Dict,
            QCoreApplication::translate("Pickle", "items are set on something that is not a dict"));
        d.items.insert(d.items.end(), items.begin(), items.end());
    }

    void appendItems(int list, const std::vector<int> &items)
    {
        Value &l = expect(list, Kind::List,
            QCoreApplication::translate("Pickle", "items are appended to something that is not a list"));
        l.items.insert(l.items.end(), items.begin(), items.end());
    }

    void dispatch(unsigned char op)
    {
        switch (op) {
        case 0x80: // PROTO
            if (byte() > 5)
                fail(QCoreApplication::translate("Pickle", "the pickle protocol is newer than 5"));
            break;
        case 0x95: // FRAME
            unsignedLE(8);
            break;
        case '(': // MARK
            m_marks.push_back(m_stack.size());
            break;
        case '0': // POP
            pop();
            break;
        case '1': // POP_MARK
            popToMark();
            break;
        case '2': // DUP
            push(top());
            break;
        case 'N': {
            push(add(Value {}));
            break;
        }
        case 0x88: // NEWTRUE
        case 0x89: { // NEWFALSE
            Value v;
            v.kind = Kind::Bool;
            v.integer = op == 0x88;
            push(add(std::move(v)));
            break;
        }
        case 'J': // BININT
            push(addInt(int32_t(uint32_t(unsignedLE(4)))));
            break;
        case 'K': // BININT1
            push(addInt(byte()));
            break;
        case 'M': // BININT2
            push(addInt(int64_t(unsignedLE(2))));
            break;
        case 0x8a: // LONG1
        case 0x8b: { // LONG4
            const uint64_t n = op == 0x8a ? byte() : unsignedLE(4);
            if (n > 8)
                fail(QCoreApplication::translate("Pickle", "an integer is longer than 8 bytes"));
            if (n == 0) {
                push(addInt(0));
                break;
            }
            uint64_t v = unsignedLE(int(n));
            if (n < 8 && (v >> (8 * n - 1)) & 1) // sign-extend
                v |= ~uint64_t(0) << (8 * n);
            push(addInt(int64_t(v)));
            break;
        }
        case 'G': { // BINFLOAT, big-endian
            const unsigned char *p = take(8);
            uint64_t bits = 0;
            for (int i = 0; i < 8; ++i)
                bits = (bits << 8) | p[i];
            Value v;
            v.kind = Kind::Float;
            std::memcpy(&v.real, &bits, sizeof bits);
            push(add(std::move(v)));
            break;
        }
        case 'X': // BINUNICODE
        case 'B': // BINBYTES
            push(string(bytes(unsignedLE(4))));
            break;
        case 'T': { // BINSTRING (signed length)
            const int32_t n = int32_t(uint32_t(unsignedLE(4)));
            if (n < 0)
                fail(QCoreApplication::translate("Pickle", "a string has a negative length"));
            push(string(bytes(uint64_t(n))));
            break;
        }
        case 0x8c: // SHORT_BINUNICODE
        case 'U': // SHORT_BINSTRING
        case 'C': // SHORT_BINBYTES
            push(string(bytes(byte())));
            break;
        case 0x8d: // BINUNICODE8
        case 0x8e: // BINBYTES8
            push(string(bytes(unsignedLE(8))));
            break;
        case ')': // EMPTY_TUPLE
            push(tuple({}));
            break;
        case 't': // TUPLE
            push(tuple(popToMark()));
            break;
        case 0x85: // TUPLE1
        case 0x86: // TUPLE2
        case 0x87: { // TUPLE3
            std::vector<int> items(size_t(op - 0x84));
            for (auto it = items.rbegin(); it != items.rend(); ++it)
                *it = pop();
            push(tuple(std::move(items)));
            break;
        }
        case ']': // EMPTY_LIST
        case 'l': { // LIST
            Value v;
            v.kind = Kind::List;
            if (op == 'l')
                v.items = popToMark();
            push(add(std::move(v)));
            break;
        }
        case 'a': { // APPEND
            const int item = pop();
            appendItems(top(), {item});
            break;
        }
        case 'e': { // APPENDS
            const std::vector<int> items = popToMark();
            appendItems(top(), items);
            break;
        }
        case '}': // EMPTY_DICT
        case 'd': { // DICT
            Value v;
            v.kind = Kind::Dict;
            const int index = add(std::move(v));
            if (op == 'd')
                setItems(index, popToMark());
            push(index);
            break;
        }
        case 's': { // SETITEM
            const int val = pop();
            const int key = pop();
            setItems(top(), {key, val});
            break;
        }
        case 'u': { // SETITEMS
            const std::vector<int> items = popToMark();
            setItems(top(), items);
            break;
        }
        case 'c': { // GLOBAL "module\nname\n"
            const std::string module = line();
            const std::string name = line();
            global(module, name);
            break;
        }
        case 0x93: { // STACK_GLOBAL
            const int name = pop();
            const int module = pop();
            global(expect(module, Kind::String,
                       QCoreApplication::translate("Pickle", "a global's module is not a string"))
                       .text,
                expect(name, Kind::String,
                    QCoreApplication::translate("Pickle", "a global's name is not a string"))
                    .text);
            break;
        }
        case 'R': // REDUCE
        case 0x81: // NEWOBJ (cls, args): the same for the allow-listed globals
            reduce();
            break;
        case 'b': { // BUILD: an OrderedDict's attributes (PyTorch's _metadata); kept out of the values
            pop();
            expect(top(), Kind::Dict,
                QCoreApplication::translate(
                    "Pickle", "BUILD sets the state of something that is not a dict"));
            break;
        }
        case 'Q': // BINPERSID
            persistentLoad();
            break;
        case 'q': // BINPUT
            memoPut(byte());
            break;
        case 'r': // LONG_BINPUT
            memoPut(unsignedLE(4));
            break;
        case 0x94: // MEMOIZE
            memoPut(m_memo.size());
            break;
        case 'h': // BINGET
            memoGet(byte());
            break;
        case 'j': // LONG_BINGET
            memoGet(unsignedLE(4));
            break;
        default:
            fail(QCoreApplication::translate("Pickle", "opcode 0x%1 is not one that state dicts use")
                     .arg(int(op), 2, 16, QLatin1Char('0')));
        }
    }

    std::string line()
    {
        const void *end = std::memchr(m_data + m_pos, '\n', m_size - m_pos);
        if (!end)
            fail(QCoreApplication::translate("Pickle", "a global's name is not terminated"));
        const size_t n = size_t(static_cast<const unsigned char *>(end) - (m_data + m_pos));
        std::string s = bytes(n);
        m_pos += 1;
        return s;
    }

    const unsigned char *m_data;
    size_t m_size;
    size_t m_pos = 0;
    size_t m_opStart = 0;
    Document m_doc;
    std::vector<int> m_stack;
    std::vector<size_t> m_marks;
    std::unordered_map<uint64_t, int> m_memo;
};

} // namespace

Document unpickle(const char *data, size_t size)
{
    return Reader(data, size).run();
}

QString checkStructure(const char *data, size_t size)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data);
    size_t pos = 0;
    auto problem = [&](size_t at) {
        return QCoreApplication::translate("Pickle", "a value at byte %1 runs past the end of the data")
            .arg(at);
    };
    auto lengthLE = [&](int n, uint64_t *v) {
        if (size - pos < size_t(n))
            return false;
        *v = 0;
        for (int i = n - 1; i >= 0; --i)
            *v = (*v << 8) | p[pos + size_t(i)];
        pos += size_t(n);
        return true;
    };
    auto skipLine = [&]() {
        const void *end = std::memchr(p + pos, '\n', size - pos);
        if (!end)
            return false;
        pos = size_t(static_cast<const unsigned char *>(end) - p) + 1;
        return true;
    };
    uint64_t stored = 0; // memo entries so far: LibTorch reserves room for any id a PUT or GET names
    while (pos < size) {
        const size_t at = pos;
        const unsigned char op = p[pos++];
        uint64_t n = 0;
        bool ok = true;
        if (op == 0x94) // MEMOIZE
            ++stored;
        switch (op) {
        case '.':
            return {};
        case '(':
        case '0':
        case '1':
        case '2':
        case 'N':
        case 0x88:
        case 0x89:
        case ')':
        case 't':
        case 0x85:
        case 0x86:
        case 0x87:
        case ']':
        case 'l':
        case 'a':
        case 'e':
        case '}':
        case 'd':
        case 's':
        case 'u':
        case 'R':
        case 0x81:
        case 0x92:
        case 'b':
        case 'Q':
        case 0x94:
        case 0x8f:
        case 0x90:
        case 0x91:
        case 0x93:
        case 0x97:
        case 0x98:
        case 'o':
            break;
        case 'K':
        case 'q':
        case 'h':
        case 0x80:
        case 0x82:
            ok = lengthLE(1, &n);
            break;
        case 'M':
        case 0x83:
            ok = lengthLE(2, &n);
            break;
        case 'J':
        case 'r':
        case 'j':
        case 0x84:
            ok = lengthLE(4, &n);
            break;
        case 'G':
        case 0x95:
            ok = lengthLE(8, &n);
            break;
        case 'U':
        case 'C':
        case 0x8c:
        case 0x8a:
            ok = lengthLE(1, &n) && n <= size - pos;
            pos += ok ? size_t(n) : 0;
            break;
        case 'X':
        case 'B':
        case 'T':
        case 0x8b:
            ok = lengthLE(4, &n) && n <= size - pos;
            pos += ok ? size_t(n) : 0;
            break;
        case 0x8d:
        case 0x8e:
        case 0x96:
            ok = lengthLE(8, &n) && n <= size - pos;
            pos += ok ? size_t(n) : 0;
            break;
        case 'c':
        case 'i':
            ok = skipLine() && skipLine();
            break;
        case 'I':
        case 'L':
        case 'F':
        case 'S':
        case 'V':
        case 'P':
        case 'g':
        case 'p':
            ok = skipLine();
            break;
        default:
            return QCoreApplication::translate("Pickle", "byte %1 holds 0x%2, which is not a pickle opcode")
                .arg(at)
                .arg(int(op), 2, 16, QLatin1Char('0'));
        }
        if (ok && (op == 'q' || op == 'r')) { // BINPUT, LONG_BINPUT: the next id, or one already stored
            if (n > stored)
                return QCoreApplication::translate("Pickle", "byte %1 stores memo entry %2 out of sequence")
                    .arg(at)
                    .arg(n);
            stored += n == stored;
        }
        if (ok && (op == 'h' || op == 'j') && n >= stored) // BINGET, LONG_BINGET
            return QCoreApplication::translate(
                "Pickle", "byte %1 refers to memo entry %2, which was never stored")
                .arg(at)
                .arg(n);
        if (!ok)
            return problem(at);
    }
    return QCoreApplication::translate("Pickle", "the data ends without a STOP opcode");
}

} // namespace de::pickle
