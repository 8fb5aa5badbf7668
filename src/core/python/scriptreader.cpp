#include "scriptreader.h"

#include "pythonliteral.h"
#include "pythonsource.h"
#include "pythontokenizer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

namespace Revscope {

namespace {

// The module attributes Alembic reads, plus __doc__ which a script may assign.
enum FieldId { Revision_, DownRevision, BranchLabels, DependsOn, Doc, FieldCount };

// QLatin1String, not const char *: these are compared against every name
// token of every script, so their lengths are computed once.
const QLatin1String kFieldNames[FieldCount] = {
    QLatin1String("revision"), QLatin1String("down_revision"), QLatin1String("branch_labels"),
    QLatin1String("depends_on"), QLatin1String("__doc__")};

int fieldOf(QStringView name)
{
    for (int i = 0; i < FieldCount; ++i) {
        if (name == kFieldNames[i]) {
            return i;
        }
    }
    return -1;
}

// The state of one module attribute after the module body "ran".
struct Field
{
    bool bound = false;   // an unconditional module-level binding exists
    bool literal = false; // ... and its value is a literal
    PythonLiteral value;
    int line = 0;
    QString problem;         // why the value is not a literal
    int conditionalLine = 0; // last binding inside a module-level block, 0 if none
    // Source range of a plain `name = value` whose value is not a literal.
    qsizetype exprBegin = -1;
    qsizetype exprEnd = -1;
};

// Python's str.isspace() for strip().
bool isPySpace(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x09 && u <= 0x0D) || (u >= 0x1C && u <= 0x20) || u == 0x85 || u == 0xA0 ||
           u == 0x1680 || (u >= 0x2000 && u <= 0x200A) || u == 0x2028 || u == 0x2029 ||
           u == 0x202F || u == 0x205F || u == 0x3000;
}

QString pyStrip(const QString &s, qsizetype *leading = nullptr)
{
    qsizetype begin = 0;
    qsizetype end = s.size();
    while (begin < end && isPySpace(s.at(begin))) {
        ++begin;
    }
    while (end > begin && isPySpace(s.at(end - 1))) {
        --end;
    }
    if (leading) {
        *leading = begin;
    }
    return s.mid(begin, end - begin);
}

// ---- file_template ------------------------------------------------------------

struct TemplatePart
{
    bool literal = true;
    QString text; // literal text
    QString key;
    QString flags;
    int width = -1;
    int precision = -1;
    QChar conversion;
};

const QStringList &templateKeys()
{
    static const QStringList keys = {
        QStringLiteral("rev"),  QStringLiteral("slug"),   QStringLiteral("epoch"),
        QStringLiteral("year"), QStringLiteral("month"),  QStringLiteral("day"),
        QStringLiteral("hour"), QStringLiteral("minute"), QStringLiteral("second"),
    };
    return keys;
}

// Python's printf-style mapping format, as `file_template % {...}` reads it.
bool parseTemplate(const QString &tpl, std::vector<TemplatePart> *parts)
{
    QString literal;
    const qsizetype n = tpl.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = tpl.at(i);
        if (c != QLatin1Char('%')) {
            literal += c;
            continue;
        }
        if (++i >= n) {
            return false; // incomplete format
        }
        if (tpl.at(i) == QLatin1Char('%')) {
            literal += QLatin1Char('%');
            continue;
        }
        if (tpl.at(i) != QLatin1Char('(')) {
            return false; // positional: "format requires a mapping"
        }
        const qsizetype close = tpl.indexOf(QLatin1Char(')'), i);
        if (close < 0) {
            return false;
        }
        TemplatePart part;
        part.literal = false;
        part.key = tpl.mid(i + 1, close - i - 1);
        i = close + 1;
        while (i < n && QStringLiteral("#0- +").contains(tpl.at(i))) {
            part.flags += tpl.at(i++);
        }
        if (i < n && tpl.at(i).isDigit()) {
            part.width = 0;
            while (i < n && tpl.at(i).isDigit()) {
                part.width = part.width * 10 + tpl.at(i++).digitValue();
            }
        }
        if (i < n && tpl.at(i) == QLatin1Char('.')) {
            ++i;
            part.precision = 0;
            while (i < n && tpl.at(i).isDigit()) {
                part.precision = part.precision * 10 + tpl.at(i++).digitValue();
            }
        }
        while (i < n && QStringLiteral("hlL").contains(tpl.at(i))) {
            ++i;
        }
        if (i >= n || !QStringLiteral("diouxXeEfFgGcrsa").contains(tpl.at(i))) {
            return false;
        }
        part.conversion = tpl.at(i);
        if (!literal.isEmpty()) {
            parts->push_back(TemplatePart{true, literal, {}, {}, -1, -1, {}});
            literal.clear();
        }
        parts->push_back(part);
    }
    if (!literal.isEmpty()) {
        parts->push_back(TemplatePart{true, literal, {}, {}, -1, -1, {}});
    }
    return true;
}

QString pad(const QString &value, const TemplatePart &part)
{
    if (part.width <= value.size()) {
        return value;
    }
    const QString fill(part.width - value.size(), QLatin1Char(' '));
    return part.flags.contains(QLatin1Char('-')) ? value + fill : fill + value;
}

// A string conversion (%s, %r, %a) of a str value.
QString formatString(const QString &value, const TemplatePart &part)
{
    QString s = part.conversion == QLatin1Char('s') ? value : PythonLiteral::stringRepr(value);
    if (part.precision >= 0) {
        s = s.left(part.precision);
    }
    return pad(s, part);
}

// An integer conversion of a non-negative int; empty when we do not render it.
QString formatInt(int value, const TemplatePart &part)
{
    const QChar conv = part.conversion;
    if (conv == QLatin1Char('s') || conv == QLatin1Char('r') || conv == QLatin1Char('a')) {
        return formatString(QString::number(value), part);
    }
    int base = 10;
    if (conv == QLatin1Char('x') || conv == QLatin1Char('X')) {
        base = 16;
    } else if (conv == QLatin1Char('o')) {
        base = 8;
    } else if (conv != QLatin1Char('d') && conv != QLatin1Char('i') && conv != QLatin1Char('u')) {
        return QString();
    }
    QString digits = QString::number(value, base);
    if (conv == QLatin1Char('X')) {
        digits = digits.toUpper();
    }
    if (part.precision > digits.size()) {
        digits = QString(part.precision - digits.size(), QLatin1Char('0')) + digits;
    }
    QString sign;
    if (part.flags.contains(QLatin1Char('+'))) {
        sign = QStringLiteral("+");
    } else if (part.flags.contains(QLatin1Char(' '))) {
        sign = QStringLiteral(" ");
    }
    if (part.flags.contains(QLatin1Char('0')) && !part.flags.contains(QLatin1Char('-')) &&
        part.width > sign.size() + digits.size()) {
        digits = QString(part.width - sign.size() - digits.size(), QLatin1Char('0')) + digits;
    }
    return pad(sign + digits, part);
}

// ---- the module scanner ---------------------------------------------------------

// Walks the token stream once, keeping only the current logical line, and records
// the module-level bindings Alembic reads, the module docstring, and the first
// error CPython would raise that we can see without a full parser.
class ModuleScanner
{
public:
    explicit ModuleScanner(QStringView source) : m_source(source), m_tokenizer(source) {}

    bool run()
    {
        for (;;) {
            const PythonToken t = m_tokenizer.next();
            switch (t.type) {
            case PythonToken::Error:
                return syntaxError(m_tokenizer.errorMessage(), m_tokenizer.errorLine());
            case PythonToken::Indent:
                if (!m_expectIndent) {
                    return syntaxError(
                        QCoreApplication::translate("ScriptReader", "unexpected indent"), t.line);
                }
                m_expectIndent = false;
                m_blocks.push_back(m_pendingFunction);
                if (m_pendingFunction) {
                    ++m_functionDepth;
                }
                break;
            case PythonToken::Dedent:
                if (m_expectIndent) {
                    return expectedBlock(t.line);
                }
                if (!m_blocks.empty()) {
                    if (m_blocks.back()) {
                        --m_functionDepth;
                    }
                    m_blocks.pop_back();
                }
                break;
            case PythonToken::Newline:
                if (!processLine()) {
                    return false;
                }
                m_line.clear();
                break;
            case PythonToken::EndMarker:
                if (!m_line.empty() && !processLine()) {
                    return false;
                }
                if (m_expectIndent) {
                    return expectedBlock(t.line);
                }
                return true;
            default:
                if (m_expectIndent && m_line.empty()) {
                    return expectedBlock(t.line);
                }
                if (t.type == PythonToken::String && !checkString(t)) {
                    return false;
                }
                m_line.push_back(t);
                break;
            }
        }
    }

    std::array<Field, FieldCount> fields;
    bool hasDocstring = false;
    QString docstring;
    int docstringLine = 0;
    int starImportLine = 0;
    // Names bound by imports, in order; see imports().
    struct ImportBinding
    {
        QStringView name;
        QStringView module; // "from" part; empty for "import x"
        QStringView dotted; // the imported name
        bool known = true;  // false: conditional or relative
        bool isFrom = false;
        bool aliased = false;
    };
    std::vector<ImportBinding> importBindings;

    // Names bound by unconditional module-level absolute imports -> the dotted
    // name they stand for ("from a.b import c" binds c to "a.b.c"). Built on
    // demand: most scripts never need it.
    QHash<QString, QString> imports() const
    {
        QHash<QString, QString> map;
        for (const ImportBinding &b : importBindings) {
            const QString name = b.name.toString();
            if (!b.known) {
                map.remove(name);
                continue;
            }
            QString dotted = b.dotted.toString();
            if (!b.isFrom && !b.aliased) {
                dotted = dotted.section(QLatin1Char('.'), 0, 0); // "import a.b" binds a
            } else if (b.isFrom) {
                dotted = b.module.toString() + QLatin1Char('.') + dotted;
            }
            dotted.remove(QLatin1Char(' ')).remove(QLatin1Char('\t'));
            map.insert(name, dotted);
        }
        return map;
    }
    QString error;
    int errorLine = 0;

private:
    using Iter = std::vector<PythonToken>::const_iterator;

    QStringView text(const PythonToken &t) const { return m_source.mid(t.offset, t.length); }
    bool isOp(const PythonToken &t, char16_t c) const
    {
        return PythonTokenizer::isOp(t, m_source, c);
    }
    bool isName(const PythonToken &t, const char *name) const
    {
        return PythonTokenizer::isName(t, m_source, QLatin1String(name));
    }

    bool syntaxError(const QString &message, int line)
    {
        error = message;
        errorLine = line;
        return false;
    }

    bool expectedBlock(int line)
    {
        return syntaxError(
            QCoreApplication::translate(
                "ScriptReader", "expected an indented block after '%1' statement on line %2")
                .arg(m_pendingKeyword.toString())
                .arg(m_pendingLine),
            line);
    }

    // Escape errors in any string make the whole module fail to compile.
    bool checkString(const PythonToken &t)
    {
        const quint8 flags = t.stringFlags;
        if (flags & PythonToken::Formatted) {
            return true;
        }
        const QStringView s = text(t);
        if (!(flags & PythonToken::Bytes) &&
            ((flags & PythonToken::Raw) || !s.contains(QLatin1Char('\\')))) {
            return true;
        }
        QString decoded;
        QByteArray bytes;
        QString message;
        if (PythonLiteral::decodeString(s, flags, t.prefixLength, &decoded, &bytes, &message) ==
            PythonLiteral::DecodeStatus::SyntaxError) {
            return syntaxError(message, t.line);
        }
        return true;
    }

    static bool isCompoundKeyword(QStringView s)
    {
        static const QLatin1String keywords[] = {
            QLatin1String("if"),     QLatin1String("elif"),    QLatin1String("else"),
            QLatin1String("while"),  QLatin1String("for"),     QLatin1String("try"),
            QLatin1String("except"), QLatin1String("finally"), QLatin1String("with"),
            QLatin1String("def"),    QLatin1String("class"),   QLatin1String("async")};
        if (s.isEmpty() || s.size() > 7) {
            return false;
        }
        for (const QLatin1String &k : keywords) {
            if (s == k) {
                return true;
            }
        }
        return false;
    }

    bool processLine()
    {
        if (m_line.empty()) {
            return true;
        }
        const Iter begin = m_line.cbegin();
        const Iter end = m_line.cend();
        const PythonToken &first = *begin;
        const bool endsWithColon = isOp(m_line.back(), u':');
        const QStringView firstText = text(first);
        bool compound = first.type == PythonToken::Name && isCompoundKeyword(firstText);
        if (!compound && first.type == PythonToken::Name && endsWithColon && m_line.size() > 1 &&
            (firstText == QLatin1String("match") || firstText == QLatin1String("case"))) {
            compound = true; // soft keywords: a statement that ends in ':' is the header
        }
        if (isOp(first, u'@')) {
            m_firstStatement = false;
            return true; // a decorator: the def/class follows on its own line
        }
        if (compound) {
            m_firstStatement = false;
            const bool isAsyncDef = firstText == QLatin1String("async") && m_line.size() > 1 &&
                                    isName(m_line[1], "def");
            const bool isFunction = firstText == QLatin1String("def") ||
                                    firstText == QLatin1String("class") || isAsyncDef;
            if (isFunction && m_blocks.empty()) {
                const size_t nameIndex = isAsyncDef ? 2 : 1;
                if (nameIndex < m_line.size()) {
                    const int field = fieldOf(text(m_line[nameIndex]));
                    if (field >= 0) {
                        bindUnknown(field, first.line,
                                    firstText == QLatin1String("class")
                                        ? QCoreApplication::translate("ScriptReader", "a class")
                                        : QCoreApplication::translate("ScriptReader", "a function"),
                                    false);
                    }
                }
            }
            if (endsWithColon) {
                m_expectIndent = true;
                m_pendingFunction = isFunction;
                m_pendingKeyword =
                    isAsyncDef
                        ? QStringView(m_source).mid(
                              first.offset, m_line[1].offset + m_line[1].length - first.offset)
                        : firstText;
                m_pendingLine = first.line;
                return true;
            }
            // A one-line body ("if x: y = 1") runs conditionally; a def's never runs here.
            if (isFunction || m_functionDepth > 0) {
                return true;
            }
            int depth = 0;
            for (Iter it = begin; it != end; ++it) {
                if (it->type == PythonToken::Op) {
                    const char16_t c = m_source[it->offset].unicode();
                    if (it->length == 1 && (c == u'(' || c == u'[' || c == u'{')) {
                        ++depth;
                    } else if (it->length == 1 && (c == u')' || c == u']' || c == u'}')) {
                        --depth;
                    } else if (depth == 0 && isOp(*it, u':')) {
                        return processStatements(it + 1, end, true);
                    }
                }
            }
            return true;
        }
        if (m_functionDepth > 0) {
            return true;
        }
        return processStatements(begin, end, !m_blocks.empty());
    }

    // Simple statements separated by ';'.
    bool processStatements(Iter begin, Iter end, bool conditional)
    {
        int depth = 0;
        Iter start = begin;
        for (Iter it = begin; it != end; ++it) {
            if (it->type != PythonToken::Op || it->length != 1) {
                continue;
            }
            const char16_t c = m_source[it->offset].unicode();
            if (c == u'(' || c == u'[' || c == u'{') {
                ++depth;
            } else if (c == u')' || c == u']' || c == u'}') {
                --depth;
            } else if (c == u';' && depth == 0) {
                if (start != it && !processSimple(start, it, conditional)) {
                    return false;
                }
                start = it + 1;
            }
        }
        if (start != end) {
            return processSimple(start, end, conditional);
        }
        return true;
    }

    bool processSimple(Iter begin, Iter end, bool conditional)
    {
        if (m_firstStatement) {
            m_firstStatement = false;
            if (!conditional && !checkDocstring(begin, end)) {
                return false;
            }
        }
        const PythonToken &first = *begin;
        if (first.type == PythonToken::Name) {
            const QStringView word = text(first);
            if (word == QLatin1String("import") || word == QLatin1String("from")) {
                processImport(begin, end, conditional);
                return true;
            }
            if (word == QLatin1String("del")) {
                if (!conditional) {
                    for (Iter it = begin + 1; it != end; ++it) {
                        const int field = it->type == PythonToken::Name ? fieldOf(text(*it)) : -1;
                        if (field >= 0 && (it + 1 == end || isOp(*(it + 1), u','))) {
                            fields[field] = Field();
                        }
                    }
                }
                return true;
            }
        }

        // Assignment expressions bind in the module scope wherever they appear.
        for (Iter it = begin + 1; it != end; ++it) {
            if (PythonTokenizer::isOp(*it, m_source, QLatin1String(":=")) &&
                (it - 1)->type == PythonToken::Name) {
                const int field = fieldOf(text(*(it - 1)));
                if (field >= 0) {
                    bindUnknown(
                        field, it->line,
                        QCoreApplication::translate("ScriptReader", "an assignment expression"),
                        conditional);
                }
            }
        }

        // '=' at bracket depth 0, up to a lambda (whose defaults also use '=').
        std::vector<Iter> equals;
        int depth = 0;
        for (Iter it = begin; it != end; ++it) {
            if (it->type == PythonToken::Name && depth == 0 && isName(*it, "lambda")) {
                break;
            }
            if (it->type != PythonToken::Op) {
                continue;
            }
            const char16_t c = m_source[it->offset].unicode();
            if (it->length == 1 && (c == u'(' || c == u'[' || c == u'{')) {
                ++depth;
            } else if (it->length == 1 && (c == u')' || c == u']' || c == u'}')) {
                --depth;
            } else if (depth == 0 && it->length == 1 && c == u'=') {
                equals.push_back(it);
            }
        }

        if (equals.empty()) {
            // Augmented assignment: "revision += '…'".
            if (first.type == PythonToken::Name && end - begin >= 2) {
                const PythonToken &op = *(begin + 1);
                const QStringView opText = text(op);
                const int field = fieldOf(text(first));
                if (field >= 0 && op.type == PythonToken::Op && opText.size() >= 2 &&
                    opText.endsWith(QLatin1Char('=')) && opText != QLatin1String("==") &&
                    opText != QLatin1String("<=") && opText != QLatin1String(">=") &&
                    opText != QLatin1String("!=") && opText != QLatin1String(":=")) {
                    bindUnknown(
                        field, first.line,
                        QCoreApplication::translate("ScriptReader", "an augmented assignment"),
                        conditional);
                }
            }
            return true;
        }

        // Annotated assignment: "name: annotation = value" (no value: no binding).
        if (first.type == PythonToken::Name && end - begin >= 2 && isOp(*(begin + 1), u':')) {
            const int field = fieldOf(text(first));
            if (field >= 0) {
                return bindValue(field, first.line, equals.front() + 1, end, conditional);
            }
            return true;
        }

        // "a = b = value": every segment but the last is a target.
        const Iter valueBegin = equals.back() + 1;
        Iter targetBegin = begin;
        for (const Iter &eq : equals) {
            if (!processTarget(targetBegin, eq, valueBegin, end, conditional)) {
                return false;
            }
            targetBegin = eq + 1;
        }
        return true;
    }

    bool processTarget(Iter begin, Iter end, Iter valueBegin, Iter valueEnd, bool conditional)
    {
        if (begin == end) {
            return true;
        }
        if (end - begin == 1) {
            if (begin->type == PythonToken::Name) {
                const int field = fieldOf(text(*begin));
                if (field >= 0) {
                    return bindValue(field, begin->line, valueBegin, valueEnd, conditional);
                }
            }
            return true;
        }
        // Unpacking: "revision, down_revision = 'a', None" (also in () or []).
        std::vector<int> targets; // field id or -1 per name
        bool anyField = false;
        bool simple = true;
        Iter b = begin;
        Iter e = end;
        if ((isOp(*b, u'(') && isOp(*(e - 1), u')')) || (isOp(*b, u'[') && isOp(*(e - 1), u']'))) {
            ++b;
            --e;
        }
        for (Iter it = b; it != e; ++it) {
            const bool nameSlot = ((it - b) % 2) == 0;
            if (nameSlot) {
                if (it->type != PythonToken::Name) {
                    simple = false;
                    break;
                }
                targets.push_back(fieldOf(text(*it)));
            } else if (!isOp(*it, u',')) {
                simple = false;
                break;
            }
        }
        for (Iter it = begin; it != end; ++it) {
            // A field name that is not an attribute ("x.revision") nor a subscript
            // base is bound by the unpacking.
            if (it->type == PythonToken::Name && fieldOf(text(*it)) >= 0 &&
                (it == begin || !isOp(*(it - 1), u'.')) &&
                (it + 1 == end || !(isOp(*(it + 1), u'.') || isOp(*(it + 1), u'[')))) {
                anyField = true;
            }
        }
        if (!anyField) {
            return true;
        }
        PythonLiteralParse parsed;
        if (simple) {
            parsed = PythonLiteral::parse(m_source, &*valueBegin, &*(valueEnd - 1) + 1);
            if (parsed.status == PythonLiteralParse::SyntaxError) {
                return syntaxError(parsed.error, parsed.line);
            }
        }
        const PythonLiteral::Kind kind = parsed.value.kind();
        const bool sequence =
            kind == PythonLiteral::Kind::Tuple || kind == PythonLiteral::Kind::List;
        if (simple && parsed.ok() && sequence && parsed.value.items().size() == targets.size()) {
            for (size_t i = 0; i < targets.size(); ++i) {
                if (targets[i] >= 0) {
                    bind(targets[i], begin->line, true, parsed.value.items()[i], QString(),
                         conditional);
                }
            }
            return true;
        }
        for (Iter it = begin; it != end; ++it) {
            const int field = it->type == PythonToken::Name ? fieldOf(text(*it)) : -1;
            if (field >= 0 && (it == begin || !isOp(*(it - 1), u'.'))) {
                bindUnknown(field, it->line,
                            QCoreApplication::translate("ScriptReader", "an unpacking assignment"),
                            conditional);
            }
        }
        return true;
    }

    bool bindValue(int field, int line, Iter valueBegin, Iter valueEnd, bool conditional)
    {
        if (conditional) {
            fields[field].conditionalLine = line;
            return true;
        }
        if (valueBegin == valueEnd) {
            return syntaxError(QCoreApplication::translate("ScriptReader", "invalid syntax"), line);
        }
        const PythonLiteralParse parsed =
            PythonLiteral::parse(m_source, &*valueBegin, &*(valueEnd - 1) + 1);
        if (parsed.status == PythonLiteralParse::SyntaxError) {
            return syntaxError(parsed.error, parsed.line ? parsed.line : line);
        }
        bind(field, line, parsed.ok(), parsed.value, parsed.error, false);
        if (!parsed.ok()) {
            fields[field].exprBegin = valueBegin->offset;
            fields[field].exprEnd = (valueEnd - 1)->offset + (valueEnd - 1)->length;
        }
        return true;
    }

    void bind(int field, int line, bool literal, const PythonLiteral &value, const QString &problem,
              bool conditional)
    {
        Field &f = fields[field];
        if (conditional) {
            f.conditionalLine = line;
            return;
        }
        f.bound = true;
        f.literal = literal;
        f.value = literal ? value : PythonLiteral();
        f.line = line;
        f.problem = problem;
        f.exprBegin = -1;
        f.exprEnd = -1;
    }

    void bindUnknown(int field, int line, const QString &what, bool conditional)
    {
        bind(field, line, false, PythonLiteral(), what, conditional);
    }

    void processImport(Iter begin, Iter end, bool conditional)
    {
        // "import a.b as c, d" binds c and d; "from m import (x as y, z)" binds y and z.
        Iter it = begin;
        QStringView fromModule;
        const bool isFrom = isName(*begin, "from");
        if (isFrom) {
            while (it != end && !isName(*it, "import")) {
                ++it;
            }
            if (it == end) {
                return;
            }
            if (it - begin >= 2) {
                const PythonToken &last = *(it - 1);
                fromModule = m_source.mid((begin + 1)->offset,
                                          last.offset + last.length - (begin + 1)->offset);
            }
        }
        ++it;
        while (it != end) {
            if (isOp(*it, u'*')) {
                if (!conditional) {
                    starImportLine = it->line;
                }
                return;
            }
            if (isOp(*it, u'(') || isOp(*it, u')') || isOp(*it, u',')) {
                ++it;
                continue;
            }
            // A dotted name, then an optional "as name".
            const Iter nameStart = it;
            while (it != end && !isOp(*it, u',') && !isOp(*it, u')') && !isName(*it, "as")) {
                ++it;
            }
            ImportBinding binding;
            binding.isFrom = isFrom;
            binding.module = fromModule;
            if (it != nameStart) {
                binding.dotted = m_source.mid(
                    nameStart->offset, (it - 1)->offset + (it - 1)->length - nameStart->offset);
            }
            binding.known =
                !conditional &&
                !(isFrom && (fromModule.isEmpty() || fromModule.startsWith(QLatin1Char('.'))));
            Iter bound = nameStart;
            if (it != end && isName(*it, "as")) {
                binding.aliased = true;
                ++it;
                if (it != end) {
                    bound = it++;
                }
            }
            if (bound->type == PythonToken::Name) {
                binding.name = text(*bound);
                importBindings.push_back(binding);
                const int field = fieldOf(text(*bound));
                if (field >= 0) {
                    bindUnknown(field, bound->line,
                                QCoreApplication::translate("ScriptReader", "an import"),
                                conditional);
                }
            }
        }
    }

    // The module docstring: an expression statement made of string literals only.
    bool checkDocstring(Iter begin, Iter end)
    {
        while (end - begin >= 2 && isOp(*begin, u'(') && isOp(*(end - 1), u')')) {
            ++begin;
            --end;
        }
        bool isBytes = false;
        for (Iter it = begin; it != end; ++it) {
            if (it->type != PythonToken::String) {
                return true;
            }
            if (it == begin) {
                isBytes = it->stringFlags & PythonToken::Bytes;
            } else if (bool(it->stringFlags & PythonToken::Bytes) != isBytes) {
                return syntaxError(QCoreApplication::translate(
                                       "ScriptReader", "cannot mix bytes and nonbytes literals"),
                                   it->line);
            }
        }
        for (Iter it = begin; it != end; ++it) {
            if (it->stringFlags & PythonToken::Formatted) {
                return true;
            }
        }
        if (isBytes) {
            return true;
        }
        QString doc;
        for (Iter it = begin; it != end; ++it) {
            QString part;
            QByteArray unused;
            QString message;
            const auto status = PythonLiteral::decodeString(
                text(*it), it->stringFlags, it->prefixLength, &part, &unused, &message);
            if (status == PythonLiteral::DecodeStatus::SyntaxError) {
                return syntaxError(message, it->line);
            }
            doc += part;
        }
        hasDocstring = true;
        docstring = doc;
        docstringLine = begin->line;
        return true;
    }

    QStringView m_source;
    PythonTokenizer m_tokenizer;
    std::vector<PythonToken> m_line;
    std::vector<bool> m_blocks; // per open block: true for def/class bodies
    int m_functionDepth = 0;
    bool m_expectIndent = false;
    bool m_pendingFunction = false;
    QStringView m_pendingKeyword; // into m_source: no allocation per block header
    int m_pendingLine = 0;
    bool m_firstStatement = true;
};

// ---- turning values into revision lists ----------------------------------------------

class ResultBuilder
{
public:
    ResultBuilder(ScriptReadResult *result, const QString &envLabel)
        : m_result(result), m_env(envLabel)
    {}

    Finding &add(const QString &code, Severity severity, const QString &message, int line,
                 const QString &fix = QString())
    {
        Finding f;
        f.code = code;
        f.severity = severity;
        f.message = message;
        f.environment = m_env;
        f.file = m_result->revision.file;
        f.line = line;
        f.revision = m_result->revision.id;
        f.fix = fix;
        m_result->findings.append(f);
        return m_result->findings.last();
    }

    // util.to_tuple() plus the checks Revision.__init__ implies; non-string items are
    // reported and dropped.
    QStringList revisionList(const Field &field, const QString &name, bool falsyIsEmpty)
    {
        QStringList out;
        const PythonLiteral &v = field.value;
        if (v.isNone() || (falsyIsEmpty && !v.isTruthy())) {
            return out;
        }
        if (v.isString()) {
            addItem(v, name, field.line, &out);
            return out;
        }
        switch (v.kind()) {
        case PythonLiteral::Kind::Tuple:
        case PythonLiteral::Kind::List:
        case PythonLiteral::Kind::Set:
            for (const PythonLiteral &item : v.items()) {
                addItem(item, name, field.line, &out);
            }
            return out;
        case PythonLiteral::Kind::Dict:
            for (size_t i = 0; i < v.items().size(); i += 2) {
                addItem(v.items()[i], name, field.line, &out);
            }
            return out;
        default:
            break;
        }
        add(QStringLiteral("invalid-revision-id"), Severity::Error,
            QCoreApplication::translate(
                "ScriptReader", "%1 must be a string, a tuple of strings or None, not %2 (%3).")
                .arg(name, v.typeName(), v.repr()),
            field.line,
            QCoreApplication::translate("ScriptReader",
                                        "Write %1 as a string, a tuple of strings or None.")
                .arg(name));
        return out;
    }

private:
    void addItem(const PythonLiteral &item, const QString &name, int line, QStringList *out)
    {
        if (item.isString() && !item.stringValue().isEmpty()) {
            out->append(item.stringValue());
            return;
        }
        add(QStringLiteral("invalid-revision-id"), Severity::Error,
            item.isString()
                ? QCoreApplication::translate("ScriptReader",
                                              "%1 contains an empty string; it is ignored here.")
                      .arg(name)
                : QCoreApplication::translate(
                      "ScriptReader", "%1 contains %2, which is a %3, not a string; it is ignored "
                                      "here.")
                      .arg(name, item.repr(), item.typeName()),
            line,
            QCoreApplication::translate("ScriptReader", "List only revision ids (strings) in %1.")
                .arg(name));
    }

    ScriptReadResult *m_result;
    QString m_env;
};

struct DocFields
{
    QString revisionId;
    int revisionIdLine = 0;
    bool hasRevises = false;
    QString revises;
    int revisesLine = 0;
    QString createDate;
};

DocFields docFields(const QString &doc, int docLine)
{
    DocFields fields;
    qsizetype leading = 0;
    const QString longdoc = pyStrip(doc, &leading);
    // The docstring's first line is docLine; lines of longdoc start after the
    // newlines pyStrip dropped in front of it.
    int line = docLine + int(QStringView(doc).left(leading).count(QLatin1Char('\n')));
    for (qsizetype start = 0; start <= longdoc.size(); ++line) {
        qsizetype end = longdoc.indexOf(QLatin1Char('\n'), start);
        if (end < 0) {
            end = longdoc.size();
        }
        const QStringView l = QStringView(longdoc).mid(start, end - start).trimmed();
        start = end + 1;
        if (fields.revisionIdLine == 0 && l.startsWith(QLatin1String("Revision ID:"))) {
            fields.revisionId = l.mid(12).trimmed().toString();
            fields.revisionIdLine = line;
        } else if (!fields.hasRevises && l.startsWith(QLatin1String("Revises:"))) {
            fields.hasRevises = true;
            fields.revises = l.mid(8).trimmed().toString();
            fields.revisesLine = line;
        } else if (fields.createDate.isEmpty() && l.startsWith(QLatin1String("Create Date:"))) {
            fields.createDate = l.mid(12).trimmed().toString();
        }
    }
    return fields;
}

// re.split(r"[,\s]+", text) without empty parts.
QStringList splitRevises(const QString &text)
{
    QStringList parts;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const bool separator =
            i == text.size() || text.at(i) == QLatin1Char(',') || text.at(i).isSpace();
        if (separator && start >= 0) {
            parts << text.mid(start, i - start);
            start = -1;
        } else if (!separator && start < 0) {
            start = i;
        }
    }
    return parts;
}

// The scanner hands over clean absolute paths: keep them without QDir's work.
QString cleanAbsolutePath(const QString &path)
{
    bool clean = path.startsWith(QLatin1Char('/')) && !path.endsWith(QLatin1Char('/'));
    for (qsizetype i = 0; clean && i + 1 < path.size(); ++i) {
        // "//", and "/." which may start a "." or ".." segment.
        clean = !(path[i] == QLatin1Char('/') &&
                  (path[i + 1] == QLatin1Char('/') || path[i + 1] == QLatin1Char('.')));
    }
    if (clean) {
        return path;
    }
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

// Set equality of two short lists (down_revision tuples have a few entries).
bool sameElements(const QStringList &a, const QStringList &b)
{
    for (const QString &x : a) {
        if (!b.contains(x)) {
            return false;
        }
    }
    for (const QString &x : b) {
        if (!a.contains(x)) {
            return false;
        }
    }
    return true;
}

QString moduleId(const QString &fileName)
{
    // util.load_python_file(): re.sub(r"\W", "_", filename)
    static const QRegularExpression nonWord(QStringLiteral("\\W"),
                                            QRegularExpression::UseUnicodePropertiesOption);
    return QString(fileName).replace(nonWord, QStringLiteral("_"));
}

QString listRepr(const QStringList &ids)
{
    if (ids.isEmpty()) {
        return QStringLiteral("None");
    }
    QStringList quoted;
    for (const QString &id : ids) {
        quoted << PythonLiteral::stringRepr(id);
    }
    return quoted.size() == 1
               ? quoted.front()
               : QLatin1Char('(') + quoted.join(QStringLiteral(", ")) + QLatin1Char(')');
}

} // namespace

QString ScriptReader::docSummary(const QString &docstring)
{
    const QString longdoc = pyStrip(docstring);
    const qsizetype blank = longdoc.indexOf(QStringLiteral("\n\n"));
    return blank < 0 ? longdoc : longdoc.left(blank);
}

namespace {

// A file_template split around its %(rev)s field: the text before and after
// the revision id as anchored patterns. Compiled once per template and
// thread, since every script of an environment is checked against it.
struct CompiledTemplate
{
    bool checkable = false;
    int revisionPart = -1;
    QRegularExpression before;
    QRegularExpression after;
    std::vector<TemplatePart> parts;
    // Shortcuts for Alembic's default "%(rev)s_%(slug)s", so most files skip
    // the regular expressions: nothing before the id, "_" and a slug after.
    bool beforeEmpty = false;
    bool afterUnderscoreSlug = false;
};

// `text` matches ^_\w*$ for certain: ASCII word characters only. Anything
// else is left to the regular expression (Unicode word characters).
bool isAsciiUnderscoreSlug(QStringView text)
{
    if (text.isEmpty() || text.front() != u'_') {
        return false;
    }
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') ||
              u == u'_')) {
            return false;
        }
    }
    return true;
}

std::shared_ptr<const CompiledTemplate> compileTemplate(const QString &fileTemplate)
{
    auto compiled = std::make_shared<CompiledTemplate>();
    std::vector<TemplatePart> &parts = compiled->parts;
    if (fileTemplate.contains(QLatin1Char('/')) || fileTemplate.contains(QLatin1Char('\\')) ||
        !parseTemplate(fileTemplate, &parts)) {
        return compiled;
    }
    QString patterns[2] = {QStringLiteral("^"), QStringLiteral("^")};
    int side = 0;
    for (int i = 0; i < int(parts.size()); ++i) {
        const TemplatePart &part = parts[i];
        QString &pattern = patterns[side];
        if (part.literal) {
            pattern += QRegularExpression::escape(part.text);
            continue;
        }
        if (!templateKeys().contains(part.key)) {
            return compiled; // Alembic itself would fail with a KeyError
        }
        const QChar conv = part.conversion;
        const bool stringConv =
            conv == QLatin1Char('s') || conv == QLatin1Char('r') || conv == QLatin1Char('a');
        if (part.key == QLatin1String("rev")) {
            if (!stringConv || side == 1) {
                return compiled; // a second %(rev)s: not worth guessing
            }
            compiled->revisionPart = i;
            side = 1;
        } else if (part.key == QLatin1String("slug")) {
            if (!stringConv) {
                return compiled;
            }
            QString body = part.precision >= 0 ? QStringLiteral("\\w{0,%1}").arg(part.precision)
                                               : QStringLiteral("\\w*");
            if (conv != QLatin1Char('s')) {
                body = QLatin1Char('\'') + body + QLatin1Char('\'');
            }
            pattern += part.width > 0 ? QStringLiteral(" *") + body + QStringLiteral(" *") : body;
        } else if (stringConv || conv == QLatin1Char('d') || conv == QLatin1Char('i') ||
                   conv == QLatin1Char('u')) {
            pattern += QStringLiteral("[ +\\-]*\\d+ *");
        } else {
            pattern += QStringLiteral("[ +\\-0-9A-Za-z.]+");
        }
    }
    if (compiled->revisionPart < 0) {
        return compiled;
    }
    compiled->before = QRegularExpression(patterns[0] + QLatin1Char('$'),
                                          QRegularExpression::UseUnicodePropertiesOption);
    compiled->after = QRegularExpression(patterns[1] + QLatin1Char('$'),
                                         QRegularExpression::UseUnicodePropertiesOption);
    compiled->beforeEmpty = patterns[0] == QLatin1String("^");
    compiled->afterUnderscoreSlug = patterns[1] == QLatin1String("^_\\w*");
    compiled->checkable = true;
    return compiled;
}

std::shared_ptr<const CompiledTemplate> cachedTemplate(const QString &fileTemplate)
{
    thread_local QHash<QString, std::shared_ptr<const CompiledTemplate>> cache;
    auto it = cache.constFind(fileTemplate);
    if (it != cache.constEnd()) {
        return *it;
    }
    auto compiled = compileTemplate(fileTemplate);
    cache.insert(fileTemplate, compiled);
    return compiled;
}

} // namespace

bool ScriptReader::fileNameFitsTemplate(const QString &fileName, const QString &fileTemplate,
                                        const QString &revisionId, bool *checkable)
{
    const auto compiled = cachedTemplate(fileTemplate);
    if (checkable) {
        *checkable = compiled->checkable;
    }
    if (!compiled->checkable) {
        return true;
    }
    QStringView stem(fileName);
    if (stem.endsWith(QLatin1String(".py"))) {
        stem.chop(3);
    }
    const QString rev = formatString(revisionId, compiled->parts[compiled->revisionPart]);
    // The id may occur more than once in the name: any split that fits counts.
    for (qsizetype at = stem.indexOf(rev); at >= 0; at = stem.indexOf(rev, at + 1)) {
        const QStringView after = stem.mid(at + rev.size());
        if (compiled->beforeEmpty && compiled->afterUnderscoreSlug && at == 0 &&
            isAsciiUnderscoreSlug(after)) {
            return true;
        }
        if (compiled->before.match(stem.left(at)).hasMatch() &&
            compiled->after.match(after).hasMatch()) {
            return true;
        }
        if (rev.isEmpty()) {
            break;
        }
    }
    return false;
}

QString ScriptReader::expectedFileName(const QString &fileTemplate, const QString &revisionId,
                                       const QString &message, const QString &createDate)
{
    std::vector<TemplatePart> parts;
    if (!parseTemplate(fileTemplate, &parts)) {
        return QString();
    }
    // ScriptDirectory._rev_path(), with the default truncate_slug_length of 40.
    static const QRegularExpression word(QStringLiteral("\\w+"),
                                         QRegularExpression::UseUnicodePropertiesOption);
    QStringList words;
    auto it = word.globalMatch(message);
    while (it.hasNext()) {
        words << it.next().captured();
    }
    QString slug = words.join(QLatin1Char('_')).toLower();
    if (slug.size() > 40) {
        slug = slug.left(40);
        const qsizetype cut = slug.lastIndexOf(QLatin1Char('_'));
        slug = (cut >= 0 ? slug.left(cut) : slug) + QLatin1Char('_');
    }
    static const QRegularExpression date(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})"));
    const QRegularExpressionMatch dateMatch = date.match(createDate);

    QString out;
    for (const TemplatePart &part : parts) {
        if (part.literal) {
            out += part.text;
            continue;
        }
        const QChar conv = part.conversion;
        const bool stringConv =
            conv == QLatin1Char('s') || conv == QLatin1Char('r') || conv == QLatin1Char('a');
        if (part.key == QLatin1String("rev") || part.key == QLatin1String("slug")) {
            if (!stringConv) {
                return QString();
            }
            out += formatString(part.key == QLatin1String("rev") ? revisionId : slug, part);
            continue;
        }
        static const QStringList dateKeys = {
            QStringLiteral("year"), QStringLiteral("month"),  QStringLiteral("day"),
            QStringLiteral("hour"), QStringLiteral("minute"), QStringLiteral("second"),
        };
        const qsizetype index = dateKeys.indexOf(part.key);
        if (index < 0 || !dateMatch.hasMatch()) {
            return QString(); // epoch needs the time zone; unknown keys fail in Alembic
        }
        const QString rendered = formatInt(dateMatch.captured(int(index) + 1).toInt(), part);
        if (rendered.isEmpty()) {
            return QString();
        }
        out += rendered;
    }
    return out;
}

namespace {

// Reads a whole file with plain POSIX calls (open, fstat, read, close): the
// same system calls `cat` makes, where QFile adds several stat()s per file.
bool readWholeFile(const QString &path, QByteArray *bytes, QString *error)
{
#ifdef Q_OS_UNIX
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    struct stat info;
    if (::fstat(fd, &info) != 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        ::close(fd);
        return false;
    }
    if (!S_ISREG(info.st_mode)) {
        *error = QCoreApplication::translate("ScriptReader", "not a regular file");
        ::close(fd);
        return false;
    }
    bytes->resize(qsizetype(info.st_size) + 1);
    qsizetype filled = 0;
    for (;;) {
        if (filled == bytes->size()) {
            bytes->resize(bytes->size() * 2); // the file grew while we read it
        }
        const ssize_t n = ::read(fd, bytes->data() + filled, size_t(bytes->size() - filled));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            *error = QString::fromLocal8Bit(std::strerror(errno));
            ::close(fd);
            return false;
        }
        if (n == 0) {
            break;
        }
        filled += n;
    }
    ::close(fd);
    bytes->resize(filled);
    return true;
#else
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    *bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        *error = file.errorString();
        return false;
    }
    return true;
#endif
}

// ---- constants of the project's own modules ----------------------------------------

// The file of module `dotted` ("pkg.sub.mod") as found from a sys.path entry
// that is a folder above `scriptDir`: a project imports its own package from
// its root (run from there, or installed in development mode).
QString findModuleFile(const QString &scriptDir, const QString &dotted)
{
    const QString relative = QString(dotted).replace(QLatin1Char('.'), QLatin1Char('/'));
    QDir dir(scriptDir);
    for (int depth = 0; depth < 64; ++depth) {
        const QString base = dir.filePath(relative);
        if (QFileInfo(base + QStringLiteral(".py")).isFile()) {
            return base + QStringLiteral(".py");
        }
        if (QFileInfo(base + QStringLiteral("/__init__.py")).isFile()) {
            return base + QStringLiteral("/__init__.py");
        }
        if (!dir.cdUp()) {
            break;
        }
    }
    return QString();
}

// The value of `name` in a module whose only binding of it is a module-level
// `name = <literal>` (the last one wins); false when it is bound any other
// way, inside a block, or not at all.
bool moduleConstant(const QString &file, const QString &name, PythonLiteral *value)
{
    QByteArray bytes;
    QString error;
    if (!readWholeFile(file, &bytes, &error)) {
        return false;
    }
    const PythonSourceText source = PythonSource::decode(bytes);
    if (!source.ok) {
        return false;
    }
    const QStringView text(source.text);
    PythonTokenizer tokenizer(text);
    std::vector<PythonToken> line;
    int depth = 0;
    bool found = false;
    for (;;) {
        const PythonToken t = tokenizer.next();
        if (t.type == PythonToken::Error) {
            return false;
        }
        if (t.type == PythonToken::Indent || t.type == PythonToken::Dedent) {
            depth += t.type == PythonToken::Indent ? 1 : -1;
            continue;
        }
        if (t.type != PythonToken::Newline && t.type != PythonToken::EndMarker) {
            line.push_back(t);
            continue;
        }
        for (size_t i = 0; i < line.size(); ++i) {
            if (line[i].type != PythonToken::Name || tokenizer.text(line[i]) != name ||
                (i > 0 && PythonTokenizer::isOp(line[i - 1], text, u'.'))) {
                continue;
            }
            const bool plainAssignment =
                i == 0 && line.size() > 2 && PythonTokenizer::isOp(line[1], text, u'=');
            if (plainAssignment && depth == 0) {
                const PythonLiteralParse parsed =
                    PythonLiteral::parse(text, line.data() + 2, line.data() + line.size());
                if (!parsed.ok()) {
                    return false;
                }
                *value = parsed.value;
                found = true;
                break;
            }
            // Any other statement naming it may rebind it (imports, def, class,
            // for, augmented or nested assignments): give up rather than guess.
            const QStringView first = tokenizer.text(line[0]);
            if (plainAssignment || i == 0 || first == QLatin1String("import") ||
                first == QLatin1String("from") || first == QLatin1String("def") ||
                first == QLatin1String("class") || first == QLatin1String("for") ||
                first == QLatin1String("global")) {
                return false;
            }
        }
        line.clear();
        if (t.type == PythonToken::EndMarker) {
            return found;
        }
    }
}

// A non-literal value made of literals and imported constants, such as
// `branch_labels = (cli.EXPAND_BRANCH,)` after `from pkg.db.migration import
// cli`: each dotted reference is replaced by the string the project's module
// assigns, and the result read as a literal. The field is left alone when any
// part cannot be resolved that way.
void resolveImportedConstants(QStringView source, const QHash<QString, QString> &imports,
                              const QString &scriptDir, Field *field)
{
    const QStringView expression = source.mid(field->exprBegin, field->exprEnd - field->exprBegin);
    const QList<PythonToken> tokens = PythonTokenizer::tokenize(expression);
    QString rewritten;
    bool substituted = false;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const PythonToken &t = tokens.at(i);
        if (t.type == PythonToken::Error) {
            return;
        }
        if (t.type != PythonToken::Name ||
            !imports.contains(expression.mid(t.offset, t.length).toString())) {
            rewritten += expression.mid(t.offset, t.length);
            rewritten += QLatin1Char(' ');
            continue;
        }
        QString dotted = imports.value(expression.mid(t.offset, t.length).toString());
        while (i + 2 < tokens.size() && PythonTokenizer::isOp(tokens.at(i + 1), expression, u'.') &&
               tokens.at(i + 2).type == PythonToken::Name) {
            dotted += QLatin1Char('.');
            dotted += expression.mid(tokens.at(i + 2).offset, tokens.at(i + 2).length);
            i += 2;
        }
        const qsizetype dot = dotted.lastIndexOf(QLatin1Char('.'));
        PythonLiteral value;
        if (dot <= 0 ||
            !moduleConstant(findModuleFile(scriptDir, dotted.left(dot)), dotted.mid(dot + 1),
                            &value) ||
            !value.isString()) {
            return;
        }
        rewritten += PythonLiteral::stringRepr(value.stringValue()) + QLatin1Char(' ');
        substituted = true;
    }
    if (!substituted) {
        return;
    }
    const PythonLiteralParse parsed = PythonLiteral::parse(rewritten);
    if (parsed.ok()) {
        field->literal = true;
        field->value = parsed.value;
        field->problem.clear();
    }
}

} // namespace

ScriptReadResult ScriptReader::read(const QString &path, const QString &fileTemplate,
                                    const QString &envLabel)
{
    QByteArray bytes;
    QString error;
    if (!readWholeFile(path, &bytes, &error)) {
        ScriptReadResult result;
        result.revision.file = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
        result.revision.origin = RevisionOrigin::Source;
        ResultBuilder builder(&result, envLabel);
        builder.add(
            QStringLiteral("unreadable-file"), Severity::Error,
            QCoreApplication::translate("ScriptReader", "Cannot read the script: %1.").arg(error),
            0,
            QCoreApplication::translate("ScriptReader",
                                        "Check that the file exists and is readable."));
        return result;
    }
    return readBytes(bytes, path, fileTemplate, envLabel);
}

ScriptReadResult ScriptReader::readBytes(const QByteArray &bytes, const QString &path,
                                         const QString &fileTemplate, const QString &envLabel)
{
    ScriptReadResult result;
    Revision &rev = result.revision;
    rev.origin = RevisionOrigin::Source;
    rev.file = cleanAbsolutePath(path);
    const QString fileName = rev.file.mid(rev.file.lastIndexOf(QLatin1Char('/')) + 1);
    ResultBuilder builder(&result, envLabel);

    const PythonSourceText source = PythonSource::decode(bytes);
    if (!source.ok) {
        builder.add(
            QStringLiteral("unparsable-script"), Severity::Error,
            QCoreApplication::translate("ScriptReader", "Python cannot read this script: %1.")
                .arg(source.error),
            source.errorLine,
            QCoreApplication::translate(
                "ScriptReader", "Remove the file from the versions folder, or restore it as text "
                                "(UTF-8, or the encoding its coding line declares)."));
        return result;
    }

    ModuleScanner scanner(source.text);
    const bool parsed = scanner.run();
    if (parsed && !scanner.importBindings.empty()) {
        QHash<QString, QString> imports;
        for (const int id : {Revision_, DownRevision, BranchLabels, DependsOn}) {
            Field &field = scanner.fields[id];
            if (field.bound && !field.literal && field.exprBegin >= 0) {
                if (imports.isEmpty()) {
                    imports = scanner.imports();
                }
                resolveImportedConstants(source.text, imports, QFileInfo(rev.file).absolutePath(),
                                         &field);
            }
        }
    }
    const Field &revField = scanner.fields[Revision_];
    if (revField.bound && revField.literal && revField.value.isString()) {
        rev.id = revField.value.stringValue(); // known even if the script fails later
    }
    if (!parsed) {
        builder.add(
            QStringLiteral("unparsable-script"), Severity::Error,
            QCoreApplication::translate("ScriptReader", "Python cannot compile this script: %1.")
                .arg(scanner.error),
            scanner.errorLine,
            QCoreApplication::translate(
                "ScriptReader", "Fix the syntax error: until then every Alembic command fails."));
        return result;
    }

    // Docstring: Script.doc / longdoc, unless the module assigns __doc__ itself.
    QString doc = scanner.hasDocstring ? scanner.docstring : QString();
    int docLine = scanner.docstringLine;
    const Field &docField = scanner.fields[Doc];
    if (docField.bound) {
        doc = docField.literal && docField.value.isString() ? docField.value.stringValue()
                                                            : QString();
        docLine = docField.line;
    }
    const DocFields fields = docFields(doc, docLine);
    rev.message = docSummary(doc);
    rev.createDate = fields.createDate;
    result.docRevisionId = fields.revisionId;
    result.docRevises = splitRevises(fields.revises);

    auto conditionalWarning = [&](int fieldId) {
        const Field &f = scanner.fields[fieldId];
        if (f.conditionalLine > 0 && f.conditionalLine > f.line) {
            const QString name = QString(kFieldNames[fieldId]);
            builder.add(QStringLiteral("non-literal-metadata"), Severity::Warning,
                        QCoreApplication::translate(
                            "ScriptReader",
                            "%1 is assigned inside a block on line %2; Revscope reads only "
                            "unconditional module-level assignments, so that one is ignored.")
                            .arg(name)
                            .arg(f.conditionalLine),
                        f.conditionalLine,
                        QCoreApplication::translate(
                            "ScriptReader", "Assign %1 once, at module level, as a literal.")
                            .arg(name));
        }
    };
    auto nonLiteral = [&](int fieldId, const QString &consequence) {
        const Field &f = scanner.fields[fieldId];
        const QString name = QString(kFieldNames[fieldId]);
        builder.add(
            QStringLiteral("non-literal-metadata"), Severity::Error,
            QCoreApplication::translate(
                "ScriptReader", "%1 is not a literal (%2): Revscope does not run Python, so %3.")
                .arg(name, f.problem, consequence),
            f.line,
            QCoreApplication::translate("ScriptReader",
                                        "Write %1 as a literal string, tuple of strings or None.")
                .arg(name));
    };

    // revision: Script._from_filename() and Revision.verify_rev_id().
    bool idKnown = false;
    bool fromVariable = false;
    if (!revField.bound) {
        conditionalWarning(Revision_);
        static const QRegularExpression legacy(QStringLiteral("^([a-f0-9]+)\\.py$"));
        const QRegularExpressionMatch m = legacy.match(fileName);
        if (!m.hasMatch()) {
            QString message =
                QCoreApplication::translate(
                    "ScriptReader",
                    "Could not determine revision id from filename %1. Be sure the 'revision' "
                    "variable is declared inside the script (please see 'Upgrading from "
                    "Alembic 0.1 to 0.2' in the documentation).")
                    .arg(fileName);
            if (scanner.starImportLine > 0) {
                message += QLatin1Char(' ') +
                           QCoreApplication::translate(
                               "ScriptReader",
                               "(The star import on line %1 may define it; Revscope does not "
                               "follow imports.)")
                               .arg(scanner.starImportLine);
            }
            builder.add(QStringLiteral("unparsable-script"), Severity::Error, message,
                        revField.conditionalLine,
                        QCoreApplication::translate(
                            "ScriptReader",
                            "Declare the revision id at module level: revision = \"<id>\"."));
            return result;
        }
        rev.id = m.captured(1);
        idKnown = true;
    } else {
        rev.line = revField.line;
        if (!revField.literal) {
            nonLiteral(Revision_, QCoreApplication::translate(
                                      "ScriptReader",
                                      "the revision id is unknown and the script is left out of "
                                      "the graph"));
        } else if (!revField.value.isString()) {
            builder.add(
                QStringLiteral("invalid-revision-id"), Severity::Error,
                QCoreApplication::translate(
                    "ScriptReader", "The revision identifier must be a string, not %1 (%2).")
                    .arg(revField.value.typeName(), revField.value.repr()),
                revField.line,
                QCoreApplication::translate("ScriptReader",
                                            "Write the revision id as a string literal."));
        } else if (rev.id.isEmpty()) {
            builder.add(
                QStringLiteral("invalid-revision-id"), Severity::Error,
                QCoreApplication::translate("ScriptReader", "The revision identifier is empty."),
                revField.line,
                QCoreApplication::translate("ScriptReader",
                                            "Give the revision a unique id, e.g. 12 hex digits."));
        } else {
            idKnown = true;
            fromVariable = true;
            QStringList illegal;
            for (const char c : {'+', '-', '@'}) {
                if (rev.id.contains(QLatin1Char(c))) {
                    illegal << QString(QLatin1Char(c));
                }
            }
            if (!illegal.isEmpty()) {
                builder.add(
                    QStringLiteral("invalid-revision-id"), Severity::Error,
                    QCoreApplication::translate(
                        "ScriptReader", "Character(s) '%1' not allowed in revision identifier '%2'")
                        .arg(illegal.join(QStringLiteral(", ")), rev.id),
                    revField.line,
                    QCoreApplication::translate(
                        "ScriptReader",
                        "Use only letters, digits and underscores in revision ids."));
            }
        }
        conditionalWarning(Revision_);
    }
    if (!idKnown) {
        rev.id.clear();
    }

    // down_revision: Script.__init__ reads module.down_revision (AttributeError if absent).
    const Field &down = scanner.fields[DownRevision];
    bool downKnown = false;
    if (!down.bound) {
        QString message =
            QCoreApplication::translate(
                "ScriptReader", "Alembic cannot load this script: module '%1' has no attribute "
                                "'down_revision'.")
                .arg(moduleId(fileName));
        if (down.conditionalLine > 0) {
            message += QLatin1Char(' ') +
                       QCoreApplication::translate(
                           "ScriptReader", "(It is only assigned inside a block, on line %1.)")
                           .arg(down.conditionalLine);
        } else if (scanner.starImportLine > 0) {
            message +=
                QLatin1Char(' ') +
                QCoreApplication::translate(
                    "ScriptReader", "(The star import on line %1 may define it; Revscope does not "
                                    "follow imports.)")
                    .arg(scanner.starImportLine);
        }
        builder.add(QStringLiteral("unparsable-script"), Severity::Error, message,
                    down.conditionalLine,
                    QCoreApplication::translate(
                        "ScriptReader",
                        "Add down_revision = None for a base revision, or the id of its parent."));
        return result;
    }
    rev.downRevisionLine = down.line;
    if (!down.literal) {
        nonLiteral(DownRevision,
                   QCoreApplication::translate("ScriptReader",
                                               "it is treated as empty (as if this were a base)"));
    } else {
        rev.downRevisions = builder.revisionList(down, QStringLiteral("down_revision"), true);
        downKnown = true;
    }
    conditionalWarning(DownRevision);

    // depends_on and branch_labels: getattr(module, name, None) through util.to_tuple().
    const Field &depends = scanner.fields[DependsOn];
    if (depends.bound) {
        rev.dependsOnLine = depends.line;
        if (!depends.literal) {
            nonLiteral(DependsOn,
                       QCoreApplication::translate("ScriptReader", "it is treated as empty"));
        } else {
            rev.dependsOn = builder.revisionList(depends, QStringLiteral("depends_on"), true);
        }
    }
    conditionalWarning(DependsOn);
    const Field &labels = scanner.fields[BranchLabels];
    if (labels.bound) {
        rev.branchLabelsLine = labels.line;
        if (!labels.literal) {
            nonLiteral(BranchLabels,
                       QCoreApplication::translate("ScriptReader", "it is treated as empty"));
        } else {
            const QStringList list =
                builder.revisionList(labels, QStringLiteral("branch_labels"), false);
            for (const QString &label : list) {
                if (!rev.branchLabels.contains(label)) {
                    rev.branchLabels << label; // a set in Alembic
                }
            }
        }
    }
    conditionalWarning(BranchLabels);

    // The docstring is only informative for Alembic: mismatches are worth a note.
    if (idKnown && fromVariable && !result.docRevisionId.isEmpty() &&
        result.docRevisionId != rev.id) {
        builder.add(
            QStringLiteral("docstring-mismatch"), Severity::Info,
            QCoreApplication::translate(
                "ScriptReader", "The docstring says \"Revision ID: %1\" but revision is %2.")
                .arg(result.docRevisionId, PythonLiteral::stringRepr(rev.id)),
            fields.revisionIdLine,
            QCoreApplication::translate(
                "ScriptReader",
                "Make the docstring match the revision variable; Alembic uses only the "
                "variable."));
    }
    if (downKnown && fields.hasRevises) {
        QStringList documented = result.docRevises;
        if (documented == QStringList{QStringLiteral("None")}) {
            documented.clear();
        }
        if (!sameElements(documented, rev.downRevisions)) {
            builder.add(
                QStringLiteral("docstring-mismatch"), Severity::Info,
                QCoreApplication::translate(
                    "ScriptReader", "The docstring says \"Revises: %1\" but down_revision is %2.")
                    .arg(fields.revises, listRepr(rev.downRevisions)),
                fields.revisesLine,
                QCoreApplication::translate(
                    "ScriptReader", "Make the docstring match down_revision; Alembic uses only the "
                                    "variable."));
        }
    }

    if (idKnown && fromVariable) {
        bool checkable = false;
        const QString tpl =
            fileTemplate.isEmpty() ? QStringLiteral("%(rev)s_%(slug)s") : fileTemplate;
        if (!fileNameFitsTemplate(fileName, tpl, rev.id, &checkable) && checkable) {
            const QString expected = expectedFileName(tpl, rev.id, rev.message, rev.createDate);
            builder.add(
                QStringLiteral("filename-mismatch"), Severity::Info,
                QCoreApplication::translate(
                    "ScriptReader",
                    "The file name %1 does not match file_template %2 for revision %3.")
                    .arg(fileName, tpl, rev.id),
                rev.line,
                expected.isEmpty()
                    ? QCoreApplication::translate("ScriptReader",
                                                  "Rename the file so it matches file_template %1.")
                          .arg(tpl)
                    : QCoreApplication::translate("ScriptReader", "Rename the file to %1.py.")
                          .arg(expected));
        }
    }

    result.isRevision = idKnown;
    return result;
}

} // namespace Revscope
