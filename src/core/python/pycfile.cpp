#include "pycfile.h"

#include "marshalreader.h"
#include "pycmagic.h"
#include "siphash.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <optional>

namespace Revscope {

namespace {

constexpr qint64 MaxPycSize = 64 * 1024 * 1024;
constexpr int MaxStackDepth = 256;
constexpr int MaxStringConstants = 10000;

// The opcode numbers module-level assignments need, per CPython minor version
// (from each version's `opcode` module). -1: the version has no such opcode.
struct OpcodeTable
{
    bool wordcode = true;
    int haveArgument = 90; // byte code before 3.6 only
    int loadConst = 100;
    int loadSmallInt = -1;
    int storeName = 90;
    int storeGlobal = 97;
    int buildTuple = 102;
    int buildList = 103;
    int buildSet = 104;
    int listExtend = -1;
    int setUpdate = -1;
    int listToTuple = -1;
    int loadName = 101;
    int extendedArg = 144;
    int dupTop = 4;
    int copy = -1;
    int popTop = 1;
    int nop = 9;
    int notTaken = -1;
    int cache = -1;
    int resume = -1;
    int unpackSequence = 92;
    int setupAnnotations = 85;
};

OpcodeTable opcodesFor(int minor)
{
    OpcodeTable t;
    if (minor <= 5) {
        t.wordcode = false;
        t.extendedArg = minor == 0 ? 143 : 144;
        t.setupAnnotations = -1;
        return t;
    }
    if (minor >= 9) {
        t.listExtend = 162;
        t.setUpdate = 163;
        t.listToTuple = minor <= 11 ? 82 : -1;
    }
    if (minor >= 11) {
        t.dupTop = -1;
        t.copy = 120;
        t.cache = 0;
        t.resume = 151;
    }
    if (minor == 13) {
        t.loadConst = 83;
        t.storeName = 114;
        t.storeGlobal = 113;
        t.buildTuple = 52;
        t.buildList = 47;
        t.buildSet = 49;
        t.listExtend = 81;
        t.setUpdate = 107;
        t.loadName = 92;
        t.extendedArg = 71;
        t.copy = 61;
        t.popTop = 32;
        t.nop = 30;
        t.resume = 149;
        t.unpackSequence = 117;
        t.setupAnnotations = 37;
    } else if (minor >= 14) {
        t.loadConst = 82;
        t.loadSmallInt = 94;
        t.storeName = 116;
        t.storeGlobal = 115;
        t.buildTuple = 51;
        t.buildList = 46;
        t.buildSet = 48;
        t.listExtend = 79;
        t.setUpdate = 109;
        t.loadName = 93;
        t.extendedArg = 69;
        t.copy = 59;
        t.popTop = 31;
        t.nop = 27;
        t.notTaken = 28;
        t.resume = 128;
        t.unpackSequence = 119;
        t.setupAnnotations = 36;
    }
    return t;
}

struct Instruction
{
    int op;
    quint32 arg;
};

// Decodes wordcode (3.6+) or byte code (3.0–3.5), folding EXTENDED_ARG into the
// next instruction and dropping 3.11+ inline CACHE entries.
std::vector<Instruction> decode(const QByteArray &code, const OpcodeTable &t)
{
    std::vector<Instruction> out;
    const auto *p = reinterpret_cast<const uchar *>(code.constData());
    const qsizetype size = code.size();
    quint32 extended = 0;
    qsizetype i = 0;
    while (i < size) {
        int op = p[i];
        quint32 arg = 0;
        if (t.wordcode) {
            if (i + 1 >= size) {
                break;
            }
            arg = p[i + 1];
            i += 2;
        } else if (op >= t.haveArgument) {
            if (i + 2 >= size) {
                break;
            }
            arg = quint32(p[i + 1]) | (quint32(p[i + 2]) << 8);
            i += 3;
        } else {
            i += 1;
        }
        if (op == t.cache) {
            continue;
        }
        arg |= extended;
        if (op == t.extendedArg) {
            extended = arg << (t.wordcode ? 8 : 16);
            continue;
        }
        extended = 0;
        out.push_back({op, arg});
    }
    return out;
}

MarshalValue::Ptr makeContainer(MarshalValue::Type type, std::vector<MarshalValue::Ptr> items)
{
    auto value = std::make_shared<MarshalValue>();
    value->type = type;
    value->items = std::move(items);
    return value;
}

// What the module's top level binds: name -> the constant last stored into it,
// or null when the last store was not a constant. Follows a small abstract stack
// over the opcodes constant assignments compile to; any other opcode forgets the
// stack, so an unknown value is never taken for a constant.
QHash<QString, MarshalValue::Ptr> moduleAssignments(const MarshalCode &code, int minor)
{
    QHash<QString, MarshalValue::Ptr> stores;
    const OpcodeTable t = opcodesFor(minor);
    const auto &consts = MarshalCode::itemsOf(code.consts);
    const auto &names = MarshalCode::itemsOf(code.names);
    std::vector<MarshalValue::Ptr> stack; // null entries: values not known statically

    auto pop = [&]() -> MarshalValue::Ptr {
        if (stack.empty()) {
            return nullptr;
        }
        MarshalValue::Ptr top = stack.back();
        stack.pop_back();
        return top;
    };
    auto build = [&](MarshalValue::Type type, quint32 count) {
        if (count > stack.size()) {
            stack.clear();
            stack.push_back(nullptr);
            return;
        }
        std::vector<MarshalValue::Ptr> items(stack.end() - count, stack.end());
        stack.resize(stack.size() - count);
        bool known = true;
        for (const auto &item : items) {
            known = known && item;
        }
        stack.push_back(known ? makeContainer(type, std::move(items)) : nullptr);
    };

    for (const Instruction &ins : decode(code.code, t)) {
        const int op = ins.op;
        if (stack.size() > size_t(MaxStackDepth)) {
            stack.clear();
        }
        if (op == t.loadConst) {
            stack.push_back(ins.arg < consts.size() ? consts[ins.arg] : nullptr);
        } else if (op == t.loadSmallInt) {
            auto value = std::make_shared<MarshalValue>();
            value->type = MarshalValue::Type::Int;
            value->text = QString::number(ins.arg);
            stack.push_back(value);
        } else if (op == t.loadName) {
            stack.push_back(nullptr);
        } else if (op == t.storeName || op == t.storeGlobal) {
            MarshalValue::Ptr value = pop();
            if (ins.arg < names.size()) {
                stores.insert(names[ins.arg]->text, value);
            }
        } else if (op == t.buildTuple) {
            build(MarshalValue::Type::Tuple, ins.arg);
        } else if (op == t.buildList) {
            build(MarshalValue::Type::List, ins.arg);
        } else if (op == t.buildSet) {
            build(MarshalValue::Type::Set, ins.arg);
        } else if ((op == t.listExtend || op == t.setUpdate) && ins.arg == 1) {
            MarshalValue::Ptr iterable = pop();
            MarshalValue::Ptr target = pop();
            if (target && iterable && iterable->isSequence()) {
                std::vector<MarshalValue::Ptr> items = target->items;
                items.insert(items.end(), iterable->items.begin(), iterable->items.end());
                stack.push_back(makeContainer(target->type, std::move(items)));
            } else {
                stack.push_back(nullptr);
            }
        } else if (op == t.listToTuple) {
            MarshalValue::Ptr list = pop();
            stack.push_back(list ? makeContainer(MarshalValue::Type::Tuple, list->items) : nullptr);
        } else if (op == t.dupTop || (op == t.copy && ins.arg == 1)) {
            stack.push_back(stack.empty() ? nullptr : stack.back());
        } else if (op == t.unpackSequence) {
            MarshalValue::Ptr value = pop();
            const bool known =
                value && value->isSequence() && value->type != MarshalValue::Type::Set &&
                value->type != MarshalValue::Type::FrozenSet && value->items.size() == ins.arg;
            for (quint32 i = 0; i < ins.arg && i < quint32(MaxStackDepth); ++i) {
                stack.push_back(known ? value->items[ins.arg - 1 - i] : nullptr);
            }
        } else if (op == t.popTop) {
            pop();
        } else if (op == t.nop || op == t.resume || op == t.notTaken || op == t.setupAnnotations) {
            // no stack effect
        } else {
            stack.clear();
        }
    }
    return stores;
}

// Strings of a constant the way Alembic reads these attributes: a str, or a
// tuple/list/set of them. nullopt when the value has another shape.
std::optional<QStringList> stringList(const MarshalValue::Ptr &value)
{
    if (!value) {
        return std::nullopt;
    }
    if (value->type == MarshalValue::Type::None) {
        return QStringList();
    }
    if (value->isString()) {
        return QStringList{value->text};
    }
    if (!value->isSequence()) {
        return std::nullopt;
    }
    QStringList out;
    for (const auto &item : value->items) {
        if (!item->isString()) {
            return std::nullopt;
        }
        out.append(item->text);
    }
    return out;
}

void collectStrings(const MarshalValue::Ptr &value, QSet<const MarshalValue *> *seen,
                    QSet<QString> *known, QStringList *out)
{
    if (!value || seen->contains(value.get()) || out->size() >= MaxStringConstants) {
        return;
    }
    seen->insert(value.get());
    if (value->isString()) {
        if (!known->contains(value->text)) {
            known->insert(value->text);
            out->append(value->text);
        }
        return;
    }
    for (const auto &item : value->items) {
        collectStrings(item, seen, known, out);
    }
    if (value->code) {
        collectStrings(value->code->consts, seen, known, out);
    }
}

QString docstringField(const QString &doc, const QString &label, bool *present = nullptr)
{
    const QRegularExpression re(
        QStringLiteral("^[ \\t]*%1:[ \\t]*(.*?)[ \\t]*$").arg(QRegularExpression::escape(label)),
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = re.match(doc);
    if (present) {
        *present = match.hasMatch();
    }
    return match.hasMatch() ? match.captured(1) : QString();
}

// Alembic's file template starts with the revision id (`%(rev)s_%(slug)s`).
QString revisionFromFileName(const QString &path)
{
    const QString base = QFileInfo(path).fileName();
    static const QRegularExpression re(QStringLiteral("^([A-Za-z0-9]+)(?:_|\\.)"));
    const QRegularExpressionMatch match = re.match(base);
    if (!match.hasMatch()) {
        return QString();
    }
    const QString id = match.captured(1);
    static const QRegularExpression digitsOnly(QStringLiteral("^[0-9]+$"));
    if (id.size() < 4 || digitsOnly.match(id).hasMatch()) {
        return QString(); // a date-prefixed template, not an id
    }
    return id;
}

void analyzeModule(const MarshalCode &code, int minor, const QString &path, PycModule *module)
{
    module->filename = code.filename;
    for (const auto &name : MarshalCode::itemsOf(code.names)) {
        module->names.append(name->text);
    }
    QSet<const MarshalValue *> seen;
    QSet<QString> known;
    collectStrings(code.consts, &seen, &known, &module->stringConstants);

    const QHash<QString, MarshalValue::Ptr> stores = moduleAssignments(code, minor);
    const MarshalValue::Ptr doc = stores.value(QStringLiteral("__doc__"));
    if (doc && doc->isString()) {
        module->docstring = doc->text;
    }
    const QString longdoc = module->docstring.trimmed();
    module->message = longdoc.split(QStringLiteral("\n\n")).value(0);
    module->createDate = docstringField(longdoc, QStringLiteral("Create Date"));

    const MarshalValue::Ptr revision = stores.value(QStringLiteral("revision"));
    if (revision && revision->isString()) {
        module->revision = revision->text;
        module->revisionSource = PycFieldSource::Assignment;
    }
    const auto down = stringList(stores.value(QStringLiteral("down_revision")));
    if (down) {
        module->downRevisions = *down;
        module->hasDownRevision = true;
        module->downRevisionSource = PycFieldSource::Assignment;
    }
    if (const auto labels = stringList(stores.value(QStringLiteral("branch_labels")))) {
        module->branchLabels = *labels;
    }
    if (const auto depends = stringList(stores.value(QStringLiteral("depends_on")))) {
        module->dependsOn = *depends;
    }

    if (module->revisionSource == PycFieldSource::None) {
        const QString id = docstringField(module->docstring, QStringLiteral("Revision ID"));
        if (!id.isEmpty()) {
            module->revision = id;
            module->revisionSource = PycFieldSource::Docstring;
        }
    }
    if (module->downRevisionSource == PycFieldSource::None) {
        bool present = false;
        const QString revises =
            docstringField(module->docstring, QStringLiteral("Revises"), &present);
        if (present) {
            static const QRegularExpression separator(QStringLiteral(", *| +"));
            module->downRevisions = revises.split(separator, Qt::SkipEmptyParts);
            module->hasDownRevision = true;
            module->downRevisionSource = PycFieldSource::Docstring;
        }
    }
    if (module->revisionSource == PycFieldSource::None) {
        const QString id = revisionFromFileName(path);
        if (!id.isEmpty()) {
            module->revision = id;
            module->revisionSource = PycFieldSource::FileName;
        }
    }
}

quint32 le32(const QByteArray &bytes, int offset)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData() + offset);
    return quint32(p[0]) | (quint32(p[1]) << 8) | (quint32(p[2]) << 16) | (quint32(p[3]) << 24);
}

} // namespace

PycFile PycFile::read(const QString &path)
{
    PycFile result;
    result.path = path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error =
            QCoreApplication::translate("PycFile", "cannot open: %1").arg(file.errorString());
        return result;
    }
    if (file.size() > MaxPycSize) {
        result.error =
            QCoreApplication::translate("PycFile", "%1 bytes is too large for a .pyc (limit %2)")
                .arg(file.size())
                .arg(MaxPycSize);
        return result;
    }
    // Read at most the limit even if the file grows meanwhile.
    const QByteArray bytes = file.read(MaxPycSize + 1);
    if (bytes.size() > MaxPycSize) {
        result.error =
            QCoreApplication::translate("PycFile", "more than %1 bytes is too large for a .pyc")
                .arg(MaxPycSize);
        return result;
    }
    return fromBytes(bytes, path);
}

PycFile PycFile::fromBytes(const QByteArray &bytes, const QString &path)
{
    PycFile result;
    result.path = path;
    if (bytes.size() < 4) {
        result.error =
            QCoreApplication::translate("PycFile", "truncated header: %1 bytes").arg(bytes.size());
        return result;
    }
    if (bytes.at(2) != '\r' || bytes.at(3) != '\n') {
        result.error = QCoreApplication::translate("PycFile", "not a .pyc file: no magic number");
        return result;
    }
    PycHeader &header = result.header;
    header.magic = quint32(quint8(bytes.at(0))) | (quint32(quint8(bytes.at(1))) << 8);
    header.pythonVersion = PycMagic::version(header.magic);
    const int minor = PycMagic::minorVersion(header.magic);
    if (minor < 0) {
        result.error =
            QCoreApplication::translate("PycFile", "unknown magic number %1").arg(header.magic);
        return result;
    }
    header.headerSize = PycMagic::headerSize(header.magic);
    if (bytes.size() < header.headerSize) {
        result.error = QCoreApplication::translate("PycFile", "truncated header: %1 of %2 bytes")
                           .arg(bytes.size())
                           .arg(header.headerSize);
        return result;
    }
    int field = 4;
    if (PycMagic::hasFlags(header.magic)) {
        const quint32 flags = le32(bytes, 4);
        if (flags & ~quint32(0x3)) {
            result.error = QCoreApplication::translate("PycFile", "invalid header flags 0x%1")
                               .arg(flags, 0, 16);
            return result;
        }
        field = 8;
        if (flags & 0x1) {
            header.invalidation =
                (flags & 0x2) ? PycInvalidation::CheckedHash : PycInvalidation::UncheckedHash;
            header.sourceHash = bytes.mid(8, 8);
        }
    }
    if (header.invalidation == PycInvalidation::Timestamp) {
        header.sourceMtime = le32(bytes, field);
        if (header.headerSize >= field + 8) {
            header.sourceSize = le32(bytes, field + 4);
        }
    }
    result.headerOk = true;

    MarshalReader reader(bytes, MarshalReader::layoutForMinor(minor));
    const MarshalValue::Ptr value = reader.read(header.headerSize);
    if (!value) {
        result.error =
            QCoreApplication::translate("PycFile", "corrupt marshal data at offset %1: %2")
                .arg(reader.errorOffset())
                .arg(reader.error());
        return result;
    }
    if (value->type != MarshalValue::Type::Code || !value->code) {
        result.error = QCoreApplication::translate(
                           "PycFile", "the marshalled object is a %1, not a code object")
                           .arg(value->typeName());
        return result;
    }
    analyzeModule(*value->code, minor, path, &result.module);
    result.ok = true;
    return result;
}

QByteArray PycFile::sourceHash(const QByteArray &source, quint32 magic)
{
    const quint64 key = PycMagic::rawMagic(magic);
    const int minor = PycMagic::minorVersion(magic);
    const quint64 hash =
        minor >= 11 ? SipHash::hash13(key, 0, source) : SipHash::hash24(key, 0, source);
    QByteArray out(8, '\0');
    for (int i = 0; i < 8; ++i) {
        out[i] = char((hash >> (8 * i)) & 0xff);
    }
    return out;
}

QString PycFile::versionForMagic(quint32 magic)
{
    return PycMagic::version(magic);
}

} // namespace Revscope
