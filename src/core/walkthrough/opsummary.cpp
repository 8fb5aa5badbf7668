#include "opsummary.h"

#include "python/pythonliteral.h"
#include "python/pythonsource.h"
#include "python/pythontokenizer.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QSet>

#include <initializer_list>
#include <vector>

namespace Revscope {

namespace {

constexpr qsizetype kMaxStatementLength = 100;
constexpr int kMaxListedColumns = 8;
// Open batch blocks tracked at once; more only happen in hostile input, and
// the bound keeps each lookup cheap.
constexpr size_t kMaxBatchScopes = 64;

// Where the table, the telling name and the referent table sit in an op's
// signature (alembic/operations/ops.py), as position and keyword. Batch
// operations take the same arguments minus the table.
struct Signature
{
    const char *name;
    int table;
    const char *tableKeyword;
    int detail;
    const char *detailKeyword;
    int reference;
    const char *referenceKeyword;
};

const Signature kSignatures[] = {
    {"create_table", 0, "table_name", -1, nullptr, -1, nullptr},
    {"drop_table", 0, "table_name", -1, nullptr, -1, nullptr},
    {"rename_table", 0, "old_table_name", 1, "new_table_name", -1, nullptr},
    {"add_column", 0, "table_name", 1, "column", -1, nullptr},
    {"drop_column", 0, "table_name", 1, "column_name", -1, nullptr},
    {"alter_column", 0, "table_name", 1, "column_name", -1, nullptr},
    {"create_index", 1, "table_name", 0, "index_name", -1, nullptr},
    {"drop_index", 1, "table_name", 0, "index_name", -1, nullptr},
    {"create_unique_constraint", 1, "table_name", 0, "constraint_name", -1, nullptr},
    {"create_primary_key", 1, "table_name", 0, "constraint_name", -1, nullptr},
    {"create_check_constraint", 1, "table_name", 0, "constraint_name", -1, nullptr},
    {"create_exclude_constraint", 1, "table_name", 0, "constraint_name", -1, nullptr},
    {"drop_constraint", 1, "table_name", 0, "constraint_name", -1, nullptr},
    {"create_foreign_key", 1, "source_table", 0, "constraint_name", 2, "referent_table"},
    {"create_table_comment", 0, "table_name", -1, nullptr, -1, nullptr},
    {"drop_table_comment", 0, "table_name", -1, nullptr, -1, nullptr},
    {"bulk_insert", 0, "table", -1, nullptr, -1, nullptr},
    {"batch_alter_table", 0, "table_name", -1, nullptr, -1, nullptr},
};

const Signature *signatureOf(QStringView name)
{
    for (const Signature &signature : kSignatures) {
        if (name == QLatin1String(signature.name)) {
            return &signature;
        }
    }
    return nullptr;
}

// Helpers of alembic.op that change nothing by themselves.
bool isHelper(QStringView name)
{
    static const QLatin1String helpers[] = {
        QLatin1String("f"),
        QLatin1String("get_bind"),
        QLatin1String("get_context"),
        QLatin1String("inline_literal"),
        QLatin1String("invoke"),
        QLatin1String("implementation_for"),
        QLatin1String("register_operation"),
        QLatin1String("run_async"),
    };
    for (const QLatin1String &helper : helpers) {
        if (name == helper) {
            return true;
        }
    }
    return false;
}

enum class Section { None, Upgrade, Downgrade };

Section sectionOf(QStringView function)
{
    // The multi-db template dispatches to upgrade_<name>() / downgrade_<name>().
    if (function == QLatin1String("upgrade") || function.startsWith(QLatin1String("upgrade_"))) {
        return Section::Upgrade;
    }
    if (function == QLatin1String("downgrade") ||
        function.startsWith(QLatin1String("downgrade_"))) {
        return Section::Downgrade;
    }
    return Section::None;
}

QString shortened(const QString &sql)
{
    const QString simple = sql.simplified();
    if (simple.size() <= kMaxStatementLength) {
        return simple;
    }
    return simple.left(kMaxStatementLength - 1) + QChar(0x2026);
}

struct Argument
{
    int begin = 0; // token range of the value
    int end = 0;
    QStringView keyword; // empty for a positional argument
};

// The operations object of a batch_alter_table block.
struct BatchScope
{
    QString alias;
    QString table;
    int ownerDepth = 0; // indentation depth of the `with` line
    bool lineOnly = true;
};

class Scanner
{
public:
    Scanner(const QString &text, OpSummary *summary) : m_text(text), m_summary(summary)
    {
        PythonTokenizer tokenizer(m_text);
        for (;;) {
            const PythonToken token = tokenizer.next();
            m_tokens.push_back(token);
            if (token.type == PythonToken::EndMarker || token.type == PythonToken::Error) {
                break;
            }
        }
        if (tokenizer.hasError()) {
            m_summary->error =
                QCoreApplication::translate("OpSummary", "Python cannot read this script: %1.")
                    .arg(tokenizer.errorMessage());
            m_summary->errorLine = tokenizer.errorLine();
        }
    }

    void run()
    {
        collectAliases();
        scan();
    }

private:
    const PythonToken &at(int i) const
    {
        // The last token is always EndMarker or Error: reads outside the
        // stream (before it, or past its end) see that token.
        if (i < 0 || i >= int(m_tokens.size())) {
            return m_tokens.back();
        }
        return m_tokens[size_t(i)];
    }
    QStringView text(int i) const
    {
        const PythonToken &token = at(i);
        return QStringView(m_text).mid(token.offset, token.length);
    }
    bool isOp(int i, char16_t op) const { return PythonTokenizer::isOp(at(i), m_text, op); }
    bool isName(int i) const { return at(i).type == PythonToken::Name; }
    bool isName(int i, QLatin1String name) const
    {
        return PythonTokenizer::isName(at(i), m_text, name);
    }
    bool isEnd(int i) const
    {
        const PythonToken::Type type = at(i).type;
        return type == PythonToken::EndMarker || type == PythonToken::Error;
    }

    // `from alembic import op [as o]`, anywhere in the script.
    void collectAliases()
    {
        m_opAliases.insert(QStringLiteral("op"));
        const int n = int(m_tokens.size());
        for (int i = 0; i + 2 < n; ++i) {
            if (!isName(i, QLatin1String("from")) || !isName(i + 1, QLatin1String("alembic")) ||
                !isName(i + 2, QLatin1String("import"))) {
                continue;
            }
            int k = i + 3;
            if (isOp(k, u'(')) {
                ++k;
            }
            while (isName(k)) {
                const QStringView imported = text(k);
                QStringView bound = imported;
                ++k;
                if (isName(k, QLatin1String("as")) && isName(k + 1)) {
                    bound = text(k + 1);
                    k += 2;
                }
                if (imported == QLatin1String("op")) {
                    m_opAliases.insert(bound.toString());
                }
                if (!isOp(k, u',')) {
                    break;
                }
                ++k;
            }
            i = k - 1;
        }
    }

    // Fills *args with the arguments of the call whose '(' is at `open`;
    // returns the index of the matching ')', or of the token that ended the
    // line or the input when the call is not closed.
    int parseArguments(int open, std::vector<Argument> *args, int limit) const
    {
        int depth = 0;
        int argBegin = open + 1;
        int i = open;
        auto finish = [&](int end) {
            if (end > argBegin) {
                Argument arg;
                arg.begin = argBegin;
                arg.end = end;
                if (end - argBegin >= 2 && isName(argBegin) && isOp(argBegin + 1, u'=')) {
                    arg.keyword = text(argBegin);
                    arg.begin += 2;
                }
                args->push_back(arg);
            }
        };
        for (; i < limit; ++i) {
            const PythonToken &token = at(i);
            if (token.type == PythonToken::Newline || isEnd(i)) {
                finish(i);
                return i;
            }
            if (token.type != PythonToken::Op || token.length != 1) {
                continue;
            }
            const char16_t c = m_text.at(token.offset).unicode();
            if (c == u'(' || c == u'[' || c == u'{') {
                ++depth;
            } else if (c == u')' || c == u']' || c == u'}') {
                if (--depth == 0) {
                    finish(i);
                    return i;
                }
            } else if (c == u',' && depth == 1) {
                finish(i);
                argBegin = i + 1;
            }
        }
        finish(i);
        return i;
    }

    // The concatenated value of string literals [begin, end); false when the
    // range is anything else (f-strings and bytes included).
    bool stringValue(int begin, int end, QString *value) const
    {
        if (begin >= end) {
            return false;
        }
        QString out;
        for (int i = begin; i < end; ++i) {
            const PythonToken &token = at(i);
            if (token.type != PythonToken::String ||
                (token.stringFlags & (PythonToken::Formatted | PythonToken::Bytes))) {
                return false;
            }
            QString decoded;
            QByteArray bytes;
            QString error;
            if (PythonLiteral::decodeString(text(i), token.stringFlags, token.prefixLength,
                                            &decoded, &bytes,
                                            &error) == PythonLiteral::DecodeStatus::SyntaxError) {
                return false;
            }
            out += decoded;
        }
        *value = out;
        return true;
    }

    // For `a.b.name(first, ...)` spanning exactly [begin, end): "name", and
    // the range of its first positional argument.
    QStringView callee(int begin, int end, int *firstBegin, int *firstEnd) const
    {
        int i = begin;
        if (!isName(i)) {
            return {};
        }
        while (isOp(i + 1, u'.') && isName(i + 2) && i + 2 < end) {
            i += 2;
        }
        if (!isOp(i + 1, u'(')) {
            return {};
        }
        std::vector<Argument> args;
        const int close = parseArguments(i + 1, &args, end);
        if (close != end - 1 || !isOp(close, u')')) {
            return {};
        }
        *firstBegin = *firstEnd = 0;
        for (const Argument &arg : args) {
            if (arg.keyword.isEmpty()) {
                *firstBegin = arg.begin;
                *firstEnd = arg.end;
                break;
            }
        }
        return text(i);
    }

    // The string first argument of `arg` when it is a call to one of
    // `functions` (`sa.Column('x', ...)`, `op.f('x')`); a null string otherwise.
    QString calledWith(const Argument &arg, std::initializer_list<QLatin1String> functions) const
    {
        int b = 0;
        int e = 0;
        const QStringView name = callee(arg.begin, arg.end, &b, &e);
        QString value;
        for (const QLatin1String &function : functions) {
            if (name == function && stringValue(b, e, &value)) {
                return value;
            }
        }
        return QString();
    }

    // A literal name: 'x', or op.f('x') / quoted_name('x', ...).
    QString literal(const Argument &arg) const
    {
        QString value;
        if (stringValue(arg.begin, arg.end, &value)) {
            return value;
        }
        return calledWith(
            arg, {QLatin1String("f"), QLatin1String("quoted_name"), QLatin1String("conv")});
    }

    // The name of sa.Column('x', ...) (or a plain literal).
    QString columnName(const Argument &arg) const
    {
        const QString column = calledWith(arg, {QLatin1String("Column")});
        return column.isNull() ? literal(arg) : column;
    }

    // bulk_insert's table: sa.table('x', ...), or a name assigned one.
    QString tableObjectName(const Argument &arg) const
    {
        const QString table = calledWith(arg, {QLatin1String("table"), QLatin1String("Table")});
        if (!table.isNull()) {
            return table;
        }
        if (arg.end == arg.begin + 1 && isName(arg.begin)) {
            return m_tableVariables.value(text(arg.begin).toString());
        }
        return literal(arg);
    }

    // execute()'s SQL: 'UPDATE ...' or sa.text('UPDATE ...').
    QString sqlText(const Argument &arg) const
    {
        QString value;
        if (stringValue(arg.begin, arg.end, &value)) {
            return value;
        }
        return calledWith(arg, {QLatin1String("text")});
    }

    // The argument at `position` (shifted for batch calls, which have no
    // table argument) or given as `keyword`; nullptr when absent.
    const Argument *argument(const std::vector<Argument> &args, int position, const char *keyword,
                             int tablePosition, bool batch) const
    {
        if (position < 0) {
            return nullptr;
        }
        if (keyword) {
            for (const Argument &arg : args) {
                if (arg.keyword == QLatin1String(keyword)) {
                    return &arg;
                }
            }
        }
        if (batch && tablePosition >= 0) {
            if (position == tablePosition) {
                return nullptr;
            }
            if (position > tablePosition) {
                --position;
            }
        }
        int index = 0;
        for (const Argument &arg : args) {
            if (!arg.keyword.isEmpty()) {
                continue;
            }
            // `*args` / `**kwargs` hide where the rest sits.
            if (isStarred(arg)) {
                return nullptr;
            }
            if (index++ == position) {
                return &arg;
            }
        }
        return nullptr;
    }

    static bool isStarredText(QStringView first) { return first == u"*" || first == u"**"; }
    bool isStarred(const Argument &arg) const
    {
        return at(arg.begin).type == PythonToken::Op && isStarredText(text(arg.begin));
    }

    OpCall makeCall(const QString &name, int line, const std::vector<Argument> &args,
                    const BatchScope *batch) const
    {
        OpCall call;
        call.name = name;
        call.line = line;
        call.batch = batch != nullptr;
        for (const Argument &arg : args) {
            if (!arg.keyword.isEmpty()) {
                call.keywords.append(arg.keyword.toString());
            }
        }
        if (name == QLatin1String("execute")) {
            for (const Argument &arg : args) {
                if (arg.keyword.isEmpty() || arg.keyword == QLatin1String("sqltext")) {
                    call.statement = shortened(sqlText(arg));
                    break;
                }
            }
            if (batch) {
                call.target = batch->table;
            }
            return call;
        }
        const Signature *signature = signatureOf(name);
        if (!signature) {
            if (batch) {
                call.target = batch->table;
            }
            return call;
        }
        if (batch) {
            call.target = batch->table;
        } else if (const Argument *arg =
                       argument(args, signature->table, signature->tableKeyword, -1, false)) {
            call.target =
                name == QLatin1String("bulk_insert") ? tableObjectName(*arg) : literal(*arg);
        }
        if (const Argument *arg = argument(args, signature->detail, signature->detailKeyword,
                                           signature->table, batch != nullptr)) {
            call.detail = name == QLatin1String("add_column") ? columnName(*arg) : literal(*arg);
        }
        if (const Argument *arg = argument(args, signature->reference, signature->referenceKeyword,
                                           signature->table, batch != nullptr)) {
            call.referencedTable = literal(*arg);
        }
        if (name == QLatin1String("rename_table")) {
            call.newName = call.detail;
        } else if (name == QLatin1String("alter_column")) {
            for (const Argument &arg : args) {
                if (arg.keyword == QLatin1String("new_column_name")) {
                    call.newName = literal(arg);
                }
            }
        } else if (name == QLatin1String("create_table")) {
            bool first = true;
            for (const Argument &arg : args) {
                if (!arg.keyword.isEmpty()) {
                    continue;
                }
                if (first) {
                    first = false;
                    continue;
                }
                const QString column = calledWith(arg, {QLatin1String("Column")});
                if (!column.isNull()) {
                    call.columns.append(column);
                }
            }
        }
        return call;
    }

    // `x = sa.table('name', ...)` at the start of a statement.
    void noteTableVariable(int i)
    {
        if (!isName(i) || !isOp(i + 1, u'=') || !isName(i + 2)) {
            return;
        }
        int k = i + 2;
        while (isOp(k + 1, u'.') && isName(k + 2)) {
            k += 2;
        }
        if (!isOp(k + 1, u'(') ||
            (text(k) != QLatin1String("table") && text(k) != QLatin1String("Table"))) {
            return;
        }
        int close = k + 2;
        while (close < int(m_tokens.size()) && at(close).type == PythonToken::String) {
            ++close;
        }
        QString value;
        if (close > k + 2 && (isOp(close, u',') || isOp(close, u')')) &&
            stringValue(k + 2, close, &value)) {
            m_tableVariables.insert(text(i).toString(), value);
        }
    }

    // Whether the statement starting at `i` changes nothing: pass, ..., a
    // string (docstring), or the multi-db template's globals() dispatcher.
    bool isTrivialStatement(int i) const
    {
        auto ends = [this](int k) {
            return at(k).type == PythonToken::Newline || isOp(k, u';') || isEnd(k);
        };
        if (isName(i, QLatin1String("pass")) && ends(i + 1)) {
            return true;
        }
        if (PythonTokenizer::isOp(at(i), m_text, QLatin1String("...")) && ends(i + 1)) {
            return true;
        }
        if (at(i).type == PythonToken::String) {
            int k = i;
            while (at(k).type == PythonToken::String) {
                ++k;
            }
            return ends(k);
        }
        return isName(i, QLatin1String("globals")) && isOp(i + 1, u'(') && isOp(i + 2, u')') &&
               isOp(i + 3, u'[');
    }

    // From the `def` at `i`: the index of the ':' ending its header, or -1.
    int defHeaderEnd(int i) const
    {
        int k = i + 2; // after `def name`
        if (!isOp(k, u'(')) {
            return -1;
        }
        std::vector<Argument> ignored;
        k = parseArguments(k, &ignored, int(m_tokens.size()));
        if (!isOp(k, u')')) {
            return -1;
        }
        int depth = 0;
        for (++k; !isEnd(k) && at(k).type != PythonToken::Newline; ++k) {
            if (isOp(k, u'(') || isOp(k, u'[') || isOp(k, u'{')) {
                ++depth;
            } else if (isOp(k, u')') || isOp(k, u']') || isOp(k, u'}')) {
                --depth;
            } else if (depth == 0 && isOp(k, u':')) {
                return k;
            }
        }
        return -1;
    }

    const BatchScope *batchScope(QStringView alias) const
    {
        for (auto it = m_batchScopes.rbegin(); it != m_batchScopes.rend(); ++it) {
            if (it->alias == alias) {
                return &*it;
            }
        }
        return nullptr;
    }

    void scan()
    {
        const int n = int(m_tokens.size());
        int depth = 0;
        bool lineStart = true;
        Section section = Section::None;
        bool sectionBlock = false; // body is an indented block (else the rest of the def line)
        bool upgradeOpen = false;  // inside an upgrade body that has not ended yet
        bool upgradeClosed = false;
        auto endSection = [&] {
            if (section == Section::Upgrade) {
                upgradeOpen = false;
                upgradeClosed = true;
            }
            section = Section::None;
            m_batchScopes.clear();
        };

        for (int i = 0; i < n && !isEnd(i); ++i) {
            const PythonToken &token = at(i);
            switch (token.type) {
            case PythonToken::Indent:
                ++depth;
                lineStart = true;
                continue;
            case PythonToken::Dedent:
                --depth;
                while (!m_batchScopes.empty() && !m_batchScopes.back().lineOnly &&
                       m_batchScopes.back().ownerDepth >= depth) {
                    m_batchScopes.pop_back();
                }
                if (section != Section::None && sectionBlock && depth == 0) {
                    endSection();
                }
                lineStart = true;
                continue;
            case PythonToken::Newline: {
                lineStart = true;
                const bool blockFollows = at(i + 1).type == PythonToken::Indent;
                for (auto it = m_batchScopes.begin(); it != m_batchScopes.end();) {
                    if (!it->lineOnly) {
                        ++it;
                    } else if (blockFollows) {
                        it->lineOnly = false;
                        ++it;
                    } else {
                        it = m_batchScopes.erase(it);
                    }
                }
                if (section != Section::None && !sectionBlock) {
                    endSection();
                }
                continue;
            }
            default:
                break;
            }

            if (lineStart) {
                lineStart = false;
                if (depth == 0) {
                    int def = i;
                    if (isName(def, QLatin1String("async"))) {
                        ++def;
                    }
                    if (isName(def, QLatin1String("def")) && isName(def + 1)) {
                        if (section != Section::None) {
                            endSection();
                        }
                        const Section next = sectionOf(text(def + 1));
                        const int colon = defHeaderEnd(def);
                        if (colon < 0) {
                            continue;
                        }
                        section = next;
                        i = colon;
                        sectionBlock = at(colon + 1).type == PythonToken::Newline;
                        if (section == Section::Upgrade) {
                            upgradeOpen = true;
                        }
                        // The body's first statement follows the ':' directly
                        // or after NEWLINE INDENT.
                        lineStart = true;
                        continue;
                    }
                    if (section != Section::None && sectionBlock) {
                        endSection(); // a module-level statement after an unindented body
                    }
                }
                noteTableVariable(i);
                if (section == Section::Upgrade && !isTrivialStatement(i)) {
                    m_summary->upgradeEmpty = false;
                }
            }

            if (isOp(i, u';')) {
                lineStart = true;
                continue;
            }
            if (section == Section::None || token.type != PythonToken::Name || isOp(i - 1, u'.') ||
                !isOp(i + 1, u'.') || !isName(i + 2) || !isOp(i + 3, u'(')) {
                continue;
            }
            const QStringView object = text(i);
            const BatchScope *batch = batchScope(object);
            if (!batch && !m_opAliases.contains(object.toString())) {
                continue;
            }
            const QStringView name = text(i + 2);
            std::vector<Argument> args;
            const int close = parseArguments(i + 3, &args, n);
            if (!isHelper(name)) {
                const OpCall call = makeCall(name.toString(), token.line, args, batch);
                if (section == Section::Upgrade) {
                    m_summary->upgrade.append(call);
                    m_summary->upgradeEmpty = false;
                } else {
                    m_summary->downgrade.append(call);
                }
                if (!batch && name == QLatin1String("batch_alter_table") &&
                    isName(close + 1, QLatin1String("as")) && isName(close + 2) &&
                    m_batchScopes.size() < kMaxBatchScopes) {
                    BatchScope scope;
                    scope.alias = text(close + 2).toString();
                    scope.table = call.target;
                    scope.ownerDepth = depth;
                    m_batchScopes.push_back(scope);
                }
            }
            // Nested calls inside the arguments are not operations of their
            // own; skipping them also keeps hostile nesting linear.
            i = isOp(close, u')') ? close : close - 1;
        }
        // A break before upgrade() ended: whether it changes anything is unknown.
        if (!m_summary->error.isEmpty() && (upgradeOpen || !upgradeClosed)) {
            m_summary->upgradeEmpty = false;
        }
    }

    const QString &m_text;
    OpSummary *m_summary;
    std::vector<PythonToken> m_tokens;
    QSet<QString> m_opAliases;
    QHash<QString, QString> m_tableVariables;
    std::vector<BatchScope> m_batchScopes;
};

QString orEllipsis(const QString &name)
{
    return name.isEmpty() ? QString(QChar(0x2026)) : name;
}

// "users.email", "users.…", or "email" when the table is not known.
QString qualified(const QString &table, const QString &column)
{
    if (table.isEmpty()) {
        return orEllipsis(column);
    }
    return table + QLatin1Char('.') + orEllipsis(column);
}

QStringList describeAll(const QList<OpCall> &calls)
{
    QStringList out;
    for (const OpCall &call : calls) {
        out.append(OpSummary::describe(call));
    }
    return out;
}

QString columnList(const QStringList &columns)
{
    if (columns.size() <= kMaxListedColumns) {
        return columns.join(QLatin1String(", "));
    }
    return columns.mid(0, kMaxListedColumns).join(QLatin1String(", ")) + QLatin1String(", ") +
           QChar(0x2026);
}

} // namespace

QString OpSummary::describe(const OpCall &call)
{
    const QString &name = call.name;
    const QString table = orEllipsis(call.target);
    if (name == QLatin1String("create_table")) {
        if (call.columns.isEmpty()) {
            return QCoreApplication::translate("OpSummary", "creates table %1").arg(table);
        }
        const QString columns = columnList(call.columns);
        return QCoreApplication::translate("OpSummary", "creates table %1 (%2)")
            .arg(table, columns);
    }
    if (name == QLatin1String("drop_table")) {
        return QCoreApplication::translate("OpSummary", "drops table %1").arg(table);
    }
    if (name == QLatin1String("rename_table")) {
        const QString to = orEllipsis(call.detail);
        return QCoreApplication::translate("OpSummary", "renames table %1 to %2").arg(table, to);
    }
    const QString column = qualified(call.target, call.detail);
    if (name == QLatin1String("add_column")) {
        return QCoreApplication::translate("OpSummary", "adds column %1").arg(column);
    }
    if (name == QLatin1String("drop_column")) {
        return QCoreApplication::translate("OpSummary", "drops column %1").arg(column);
    }
    if (name == QLatin1String("alter_column")) {
        if (!call.newName.isEmpty()) {
            return QCoreApplication::translate("OpSummary", "renames column %1 to %2")
                .arg(column, call.newName);
        }
        QStringList changed = call.keywords;
        changed.removeAll(QStringLiteral("table_name"));
        changed.removeAll(QStringLiteral("column_name"));
        changed.removeAll(QStringLiteral("schema"));
        changed.removeAll(QStringLiteral("existing_type"));
        changed.removeAll(QStringLiteral("existing_nullable"));
        changed.removeAll(QStringLiteral("existing_server_default"));
        changed.removeAll(QStringLiteral("existing_comment"));
        if (changed.isEmpty()) {
            return QCoreApplication::translate("OpSummary", "alters column %1").arg(column);
        }
        const QString what = changed.join(QLatin1String(", "));
        return QCoreApplication::translate("OpSummary", "alters column %1 (%2)").arg(column, what);
    }
    const QString object = orEllipsis(call.detail);
    const bool onTable = !call.target.isEmpty();
    if (name == QLatin1String("create_index")) {
        return QCoreApplication::translate("OpSummary", "creates index %1 on %2")
            .arg(object, table);
    }
    if (name == QLatin1String("drop_index")) {
        if (!onTable) {
            return QCoreApplication::translate("OpSummary", "drops index %1").arg(object);
        }
        return QCoreApplication::translate("OpSummary", "drops index %1 on %2").arg(object, table);
    }
    if (name == QLatin1String("create_unique_constraint")) {
        return QCoreApplication::translate("OpSummary", "adds unique constraint %1 on %2")
            .arg(object, table);
    }
    if (name == QLatin1String("create_primary_key")) {
        return QCoreApplication::translate("OpSummary", "adds primary key %1 on %2")
            .arg(object, table);
    }
    if (name == QLatin1String("create_check_constraint")) {
        return QCoreApplication::translate("OpSummary", "adds check constraint %1 on %2")
            .arg(object, table);
    }
    if (name == QLatin1String("create_exclude_constraint")) {
        return QCoreApplication::translate("OpSummary", "adds exclude constraint %1 on %2")
            .arg(object, table);
    }
    if (name == QLatin1String("create_foreign_key")) {
        const QString referent = orEllipsis(call.referencedTable);
        return QCoreApplication::translate("OpSummary", "adds foreign key %1 from %2 to %3")
            .arg(object, table, referent);
    }
    if (name == QLatin1String("drop_constraint")) {
        return QCoreApplication::translate("OpSummary", "drops constraint %1 from %2")
            .arg(object, table);
    }
    if (name == QLatin1String("create_table_comment")) {
        return QCoreApplication::translate("OpSummary", "sets the comment of table %1").arg(table);
    }
    if (name == QLatin1String("drop_table_comment")) {
        return QCoreApplication::translate("OpSummary", "drops the comment of table %1").arg(table);
    }
    if (name == QLatin1String("bulk_insert")) {
        return QCoreApplication::translate("OpSummary", "inserts rows into %1").arg(table);
    }
    if (name == QLatin1String("batch_alter_table")) {
        return QCoreApplication::translate("OpSummary", "alters table %1 in batch mode").arg(table);
    }
    if (name == QLatin1String("execute")) {
        if (call.statement.isEmpty()) {
            return QCoreApplication::translate("OpSummary", "runs SQL built at run time");
        }
        return QCoreApplication::translate("OpSummary", "runs SQL: %1").arg(call.statement);
    }
    if (onTable) {
        return QCoreApplication::translate("OpSummary", "calls op.%1 on %2").arg(name, table);
    }
    return QCoreApplication::translate("OpSummary", "calls op.%1").arg(name);
}

QStringList OpSummary::describeUpgrade() const
{
    return describeAll(upgrade);
}

QStringList OpSummary::describeDowngrade() const
{
    return describeAll(downgrade);
}

OpSummary OpSummary::read(const QString &file)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        OpSummary summary;
        summary.upgradeEmpty = false;
        summary.error = QCoreApplication::translate("OpSummary", "Cannot read the script: %1.")
                            .arg(in.errorString());
        return summary;
    }
    if (in.size() > kMaxSourceBytes) {
        OpSummary summary;
        summary.upgradeEmpty = false;
        summary.error = QCoreApplication::translate(
                            "OpSummary", "The script is too large to summarise (%1 bytes).")
                            .arg(in.size());
        return summary;
    }
    return parse(in.read(kMaxSourceBytes + 1));
}

OpSummary OpSummary::parse(const QByteArray &source)
{
    OpSummary summary;
    if (source.size() > kMaxSourceBytes) {
        summary.upgradeEmpty = false;
        summary.error = QCoreApplication::translate(
                            "OpSummary", "The script is too large to summarise (%1 bytes).")
                            .arg(source.size());
        return summary;
    }
    const PythonSourceText decoded = PythonSource::decode(source);
    if (!decoded.ok) {
        summary.upgradeEmpty = false;
        summary.error =
            QCoreApplication::translate("OpSummary", "Python cannot read this script: %1.")
                .arg(decoded.error);
        summary.errorLine = decoded.errorLine;
        return summary;
    }
    Scanner scanner(decoded.text, &summary);
    scanner.run();
    return summary;
}

} // namespace Revscope
