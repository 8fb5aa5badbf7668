#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <vector>

namespace Revscope {

struct MarshalCode;

// One value of CPython's marshal format. Containers share their children, so a
// back-reference costs a pointer, never a copy.
struct MarshalValue
{
    enum class Type {
        Null, // the dict terminator; also what an unfinished reference would be
        None,
        False,
        True,
        StopIteration,
        Ellipsis,
        Int,
        Float,
        Complex,
        Bytes,
        String,
        Tuple,
        List,
        Dict, // items: key, value, key, value, …
        Set,
        FrozenSet,
        Code,
        Slice // items: start, stop, step
    };
    using Ptr = std::shared_ptr<const MarshalValue>;

    Type type = Type::None;
    QString text;     // String; Int as decimal digits (or "0x…" when very long)
    QByteArray bytes; // Bytes
    double real = 0;  // Float, Complex
    double imag = 0;  // Complex
    std::vector<Ptr> items;
    std::shared_ptr<const MarshalCode> code;

    bool isString() const { return type == Type::String; }
    bool isSequence() const
    {
        return type == Type::Tuple || type == Type::List || type == Type::Set ||
               type == Type::FrozenSet;
    }
    QString typeName() const;
};

// A code object, with the fields every marshal layout from 3.0 to 3.14 writes.
// Fields a version does not write stay empty.
struct MarshalCode
{
    qint32 argCount = 0;
    qint32 posOnlyArgCount = 0; // 3.8+
    qint32 kwOnlyArgCount = 0;
    qint32 nLocals = 0; // up to 3.10
    qint32 stackSize = 0;
    qint32 flags = 0;
    QByteArray code;
    MarshalValue::Ptr consts;
    MarshalValue::Ptr names;
    MarshalValue::Ptr varNames;        // up to 3.10
    MarshalValue::Ptr freeVars;        // up to 3.10
    MarshalValue::Ptr cellVars;        // up to 3.10
    MarshalValue::Ptr localsPlusNames; // 3.11+
    QByteArray localsPlusKinds;        // 3.11+
    QString filename;
    QString name;
    QString qualName; // 3.11+
    qint32 firstLineNo = 0;
    QByteArray lineTable;      // co_lnotab up to 3.9, co_linetable since 3.10
    QByteArray exceptionTable; // 3.11+

    // Items of a tuple field (consts, names), or none.
    static const std::vector<MarshalValue::Ptr> &itemsOf(const MarshalValue::Ptr &value);
};

// Reads CPython's marshal format (the body of a .pyc) without executing anything.
// Every declared length is checked against the bytes left, nesting and object
// counts are bounded, and a reference must name an object already complete, so
// any input ends in a value or an error in bounded time and memory.
class MarshalReader
{
public:
    // Which code-object layout the data uses, by CPython minor version.
    enum class CodeLayout {
        Py30,  // 3.0–3.7: argcount, kwonlyargcount, nlocals, stacksize, flags, …, lnotab
        Py38,  // 3.8–3.10: adds posonlyargcount
        Py311, // 3.11+: localsplusnames/kinds, qualname, linetable, exceptiontable
    };

    static constexpr int DefaultMaxDepth = 1000;
    static constexpr qint64 DefaultMaxObjects = 1000000;

    explicit MarshalReader(const QByteArray &data, CodeLayout layout);

    // The layout that CPython 3.<minor> writes.
    static CodeLayout layoutForMinor(int minor);

    void setMaxDepth(int depth) { m_maxDepth = depth; }
    void setMaxObjects(qint64 count) { m_maxObjects = count; }

    // Reads one object starting at `offset`. Null on error; see error().
    MarshalValue::Ptr read(qsizetype offset = 0);

    QString error() const { return m_error; }
    qsizetype errorOffset() const { return m_errorOffset; }
    qsizetype position() const { return m_pos; }
    qint64 objectCount() const { return m_objects; }

private:
    MarshalValue::Ptr readObject(int depth);
    MarshalValue::Ptr readCode(int depth);
    MarshalValue::Ptr readLong();
    MarshalValue::Ptr readFloatText();
    bool readCodeField(int depth, MarshalValue::Ptr *value);
    bool readCodeBytes(int depth, QByteArray *bytes);
    bool readCodeString(int depth, QString *text);
    bool need(qint64 count);
    bool readByte(quint8 *value);
    bool readInt32(qint32 *value);
    bool readLength(qint64 minItemSize, qint32 *length);
    bool fail(const QString &message);

    QByteArray m_data;
    CodeLayout m_layout;
    qsizetype m_pos = 0;
    int m_maxDepth = DefaultMaxDepth;
    qint64 m_maxObjects = DefaultMaxObjects;
    qint64 m_objects = 0;
    std::vector<MarshalValue::Ptr> m_refs; // null while reserved for an unfinished object
    QString m_error;
    qsizetype m_errorOffset = -1;
};

} // namespace Revscope
