#pragma once

#include <QByteArray>
#include <QString>

#include <initializer_list>

// Builds marshal data byte by byte, following CPython's Python/marshal.c, so tests
// can write any version's layout (and any corruption) by hand.
namespace MarshalBytes {

inline QByteArray i32(qint32 value)
{
    QByteArray out(4, '\0');
    for (int i = 0; i < 4; ++i) {
        out[i] = char((quint32(value) >> (8 * i)) & 0xff);
    }
    return out;
}

inline QByteArray op(char type, const QByteArray &payload = QByteArray())
{
    return QByteArray(1, type) + payload;
}

inline QByteArray ref(char type, const QByteArray &payload = QByteArray())
{
    return QByteArray(1, char(type | 0x80)) + payload;
}

inline QByteArray shortAscii(const QByteArray &text)
{
    return op('z', QByteArray(1, char(text.size())) + text);
}

inline QByteArray unicode(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return op('u', i32(qint32(utf8.size())) + utf8);
}

inline QByteArray bytes(const QByteArray &data)
{
    return op('s', i32(qint32(data.size())) + data);
}

inline QByteArray smallTuple(std::initializer_list<QByteArray> items)
{
    QByteArray out = op(')', QByteArray(1, char(items.size())));
    for (const QByteArray &item : items) {
        out += item;
    }
    return out;
}

inline QByteArray tuple(std::initializer_list<QByteArray> items)
{
    QByteArray out = op('(', i32(qint32(items.size())));
    for (const QByteArray &item : items) {
        out += item;
    }
    return out;
}

inline QByteArray none()
{
    return op('N');
}

// Wordcode from (opcode, arg) pairs.
inline QByteArray wordcode(std::initializer_list<std::pair<int, int>> instructions)
{
    QByteArray out;
    for (const auto &[opcode, arg] : instructions) {
        out += char(opcode);
        out += char(arg);
    }
    return out;
}

enum class Layout { Py30, Py38, Py311 };

// A module code object in the given layout.
inline QByteArray module(Layout layout, const QByteArray &code, const QByteArray &consts,
                         const QByteArray &names, const QByteArray &filename = QByteArray())
{
    const QByteArray file = filename.isEmpty() ? shortAscii("/app/m.py") : filename;
    QByteArray out = op('c', i32(0));
    if (layout != Layout::Py30) {
        out += i32(0); // posonlyargcount
    }
    out += i32(0); // kwonlyargcount
    if (layout != Layout::Py311) {
        out += i32(0); // nlocals
    }
    out += i32(2) + i32(64); // stacksize, flags
    out += bytes(code) + consts + names;
    if (layout == Layout::Py311) {
        out += smallTuple({}) + bytes(QByteArray()); // localsplusnames, localspluskinds
    } else {
        out += smallTuple({}) + smallTuple({}) + smallTuple({}); // varnames, freevars, cellvars
    }
    out += file + shortAscii("<module>");
    if (layout == Layout::Py311) {
        out += shortAscii("<module>"); // qualname
    }
    out += i32(1) + bytes(QByteArray()); // firstlineno, lnotab/linetable
    if (layout == Layout::Py311) {
        out += bytes(QByteArray()); // exceptiontable
    }
    return out;
}

// A 16-byte PEP 552 timestamp header.
inline QByteArray header(quint16 magic, quint32 flags = 0, quint32 mtime = 0, quint32 size = 0)
{
    QByteArray out;
    out += char(magic & 0xff);
    out += char(magic >> 8);
    out += "\r\n";
    out += i32(qint32(flags)) + i32(qint32(mtime)) + i32(qint32(size));
    return out;
}

} // namespace MarshalBytes
