#pragma once

#include "pythontokenizer.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <vector>

namespace Revscope {

struct PythonLiteralParse;

// A Python value that ast.literal_eval() can produce: None, Ellipsis, bool, int,
// float, complex, str, bytes, tuple, list, set, dict.
class PythonLiteral
{
public:
    enum class Kind {
        None,
        Ellipsis,
        Bool,
        Int,
        Float,
        Complex,
        Str,
        Bytes,
        Tuple,
        List,
        Set,
        Dict
    };

    PythonLiteral() = default; // None

    static PythonLiteral none() { return PythonLiteral(); }
    static PythonLiteral ellipsis();
    static PythonLiteral boolean(bool value);
    // `text`: decimal digits with an optional leading '-', no leading zeros. Integers
    // too long to convert cheaply keep their source spelling ("0x…").
    static PythonLiteral integer(const QString &text);
    static PythonLiteral floating(double value);
    static PythonLiteral complex(double real, double imag);
    static PythonLiteral string(const QString &value);
    static PythonLiteral bytes(const QByteArray &value);
    static PythonLiteral tuple(std::vector<PythonLiteral> items);
    static PythonLiteral list(std::vector<PythonLiteral> items);
    // Drops items equal to an earlier one, as Python's set does. Items must be hashable.
    static PythonLiteral set(std::vector<PythonLiteral> items);
    // keysAndValues = k0, v0, k1, v1, …; a repeated key keeps its first position and
    // takes the last value, as Python's dict does. Keys must be hashable.
    static PythonLiteral dict(std::vector<PythonLiteral> keysAndValues);

    Kind kind() const { return m_kind; }
    bool isNone() const { return m_kind == Kind::None; }
    bool isString() const { return m_kind == Kind::Str; }
    bool isContainer() const;
    bool isNumeric() const; // int, float, complex (not bool, as ast.literal_eval sees it)

    bool boolValue() const { return m_bool; }
    QString intText() const { return m_text; }
    bool toInt64(qint64 *value) const;
    double floatValue() const { return m_real; }
    double real() const { return m_real; }
    double imag() const { return m_imag; }
    QString stringValue() const { return m_text; }
    QByteArray bytesValue() const { return m_bytes; }
    // Tuple, list and set items in order; for a dict, keys and values interleaved.
    const std::vector<PythonLiteral> &items() const { return m_items; }
    // len() for str, bytes and containers; 0 otherwise.
    qsizetype size() const;

    bool isTruthy() const;    // Python's bool(value)
    bool isHashable() const;  // no list, set or dict inside
    QString typeName() const; // "NoneType", "int", "str", "tuple", …
    QString repr() const;     // Python's repr()

    bool operator==(const PythonLiteral &other) const; // Python's ==
    bool operator!=(const PythonLiteral &other) const { return !(*this == other); }

    // Parses tokens [begin, end) (one expression, as on the right of `x = …`).
    // Comment and NonLogicalNewline tokens are skipped.
    static PythonLiteralParse parse(QStringView source, const PythonToken *begin,
                                    const PythonToken *end);
    // ast.literal_eval(text) for a whole expression.
    static PythonLiteralParse parse(const QString &expression);

    // Decodes one String token (prefix and quotes included) into its value.
    enum class DecodeStatus {
        Ok,
        SyntaxError, // Python refuses to compile it (bad escape, non-ASCII in bytes)
        Unsupported, // a \N{…} name we cannot resolve; `text` keeps it verbatim
    };
    static DecodeStatus decodeString(QStringView token, quint8 stringFlags, int prefixLength,
                                     QString *text, QByteArray *bytes, QString *error);

    // Python's repr() of a str / a float.
    static QString stringRepr(const QString &value);
    static QString floatRepr(double value);

private:
    QString hashKey() const; // equal for values Python considers equal

    Kind m_kind = Kind::None;
    bool m_bool = false;
    double m_real = 0.0;
    double m_imag = 0.0;
    QString m_text; // str value, or int text
    QByteArray m_bytes;
    std::vector<PythonLiteral> m_items;
};

// The outcome of PythonLiteral::parse().
struct PythonLiteralParse
{
    enum Status {
        Ok,
        NotLiteral,  // valid Python, but not something ast.literal_eval accepts
        SyntaxError, // Python would not compile the expression
    };
    Status status = NotLiteral;
    PythonLiteral value;
    QString error; // what is in the way, e.g. "name 'OTHER_REV'"
    int line = 0;
    int column = 0;

    bool ok() const { return status == Ok; }
};

} // namespace Revscope
