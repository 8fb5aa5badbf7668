#include "envpyreader.h"

#include "python/pythonliteral.h"
#include "python/pythonsource.h"
#include "python/pythontokenizer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <array>
#include <vector>

namespace Revscope {

namespace {

// env.py files are small; anything bigger is not one Alembic generated and
// is not worth holding in memory.
constexpr qint64 kMaxEnvPySize = 8 * 1024 * 1024;

enum Key { VersionTable, VersionTableSchema, KeyCount };

const std::array<QLatin1String, KeyCount> kKeyNames = {QLatin1String("version_table"),
                                                       QLatin1String("version_table_schema")};

// One keyword as one configure() call passes it.
struct Argument
{
    enum State { Absent, Literal, NonLiteral };
    State state = Absent;
    QString value;      // Literal
    QString expression; // NonLiteral: the source text, shortened
    QString problem;    // NonLiteral: why it is not a string literal
    int line = 0;
};

struct Call
{
    int line = 0;
    int splatLine = 0; // a `**kwargs` argument that may hide either keyword
    std::array<Argument, KeyCount> arguments;
};

QString cleanPath(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

QString shortened(QStringView text)
{
    QString simple = text.toString().simplified();
    if (simple.size() > 60) {
        simple = simple.left(59) + QChar(0x2026);
    }
    return simple;
}

// Whether tokens[i] (`configure`, followed by `(`) calls Alembic's configure:
// `context.configure(` or a bare `configure(` (`from alembic.context import
// configure`), not a definition or another object's method.
bool isConfigureCall(const QList<PythonToken> &tokens, qsizetype i, QStringView source)
{
    if (!PythonTokenizer::isName(tokens.at(i), source, QLatin1String("configure")) ||
        i + 1 >= tokens.size() || !PythonTokenizer::isOp(tokens.at(i + 1), source, u'(')) {
        return false;
    }
    if (i == 0) {
        return true;
    }
    const PythonToken &before = tokens.at(i - 1);
    if (PythonTokenizer::isName(before, source, QLatin1String("def"))) {
        return false;
    }
    if (PythonTokenizer::isOp(before, source, u'.')) {
        return i >= 2 &&
               PythonTokenizer::isName(tokens.at(i - 2), source, QLatin1String("context"));
    }
    return true;
}

bool isOpening(const PythonToken &token, QStringView source)
{
    return PythonTokenizer::isOp(token, source, u'(') ||
           PythonTokenizer::isOp(token, source, u'[') || PythonTokenizer::isOp(token, source, u'{');
}

bool isClosing(const PythonToken &token, QStringView source)
{
    return PythonTokenizer::isOp(token, source, u')') ||
           PythonTokenizer::isOp(token, source, u']') || PythonTokenizer::isOp(token, source, u'}');
}

// Reads one argument, tokens [begin, end), into `call`.
void readArgument(const QList<PythonToken> &tokens, qsizetype begin, qsizetype end,
                  QStringView source, Call *call)
{
    if (begin >= end) {
        return;
    }
    if (PythonTokenizer::isOp(tokens.at(begin), source, QLatin1String("**"))) {
        call->splatLine = tokens.at(begin).line;
        return;
    }
    if (end - begin < 3 || tokens.at(begin).type != PythonToken::Name ||
        !PythonTokenizer::isOp(tokens.at(begin + 1), source, u'=')) {
        return;
    }
    const QStringView name = source.mid(tokens.at(begin).offset, tokens.at(begin).length);
    for (int key = 0; key < KeyCount; ++key) {
        if (name != kKeyNames[key]) {
            continue;
        }
        Argument &argument = call->arguments[key];
        argument.line = tokens.at(begin).line;
        const PythonToken &first = tokens.at(begin + 2);
        const PythonToken &last = tokens.at(end - 1);
        argument.expression =
            shortened(source.mid(first.offset, last.offset + last.length - first.offset));
        const PythonLiteralParse parse =
            PythonLiteral::parse(source, tokens.constData() + begin + 2, tokens.constData() + end);
        if (parse.ok() && parse.value.isString()) {
            argument.state = Argument::Literal;
            argument.value = parse.value.stringValue();
        } else if (parse.ok() && parse.value.isNone() && key == VersionTableSchema) {
            // Alembic's own default: the connection's default schema.
            argument.state = Argument::Literal;
            argument.value.clear();
        } else {
            argument.state = Argument::NonLiteral;
            if (parse.ok()) {
                const QString type = parse.value.typeName();
                argument.problem =
                    QCoreApplication::translate("EnvPyReader", "a %1, not a string").arg(type);
            } else {
                argument.problem = parse.error;
            }
        }
    }
}

// Every configure() call of the module, in source order.
std::vector<Call> findCalls(const QList<PythonToken> &tokens, QStringView source)
{
    std::vector<Call> calls;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (!isConfigureCall(tokens, i, source)) {
            continue;
        }
        Call call;
        call.line = tokens.at(i).line;
        int depth = 0;
        qsizetype argumentBegin = i + 2;
        qsizetype j = i + 2;
        for (; j < tokens.size(); ++j) {
            const PythonToken &token = tokens.at(j);
            if (token.type == PythonToken::EndMarker || token.type == PythonToken::Error) {
                break;
            }
            if (isOpening(token, source)) {
                ++depth;
            } else if (isClosing(token, source)) {
                if (depth == 0) {
                    readArgument(tokens, argumentBegin, j, source, &call);
                    break;
                }
                --depth;
            } else if (depth == 0 && PythonTokenizer::isOp(token, source, u',')) {
                readArgument(tokens, argumentBegin, j, source, &call);
                argumentBegin = j + 1;
            }
        }
        calls.push_back(call);
        // A configure() nested in the arguments of another is still found:
        // the scan goes on right after this call's name.
    }
    return calls;
}

// The value one call gives a key, for comparing calls: Alembic's default
// when absent. False when it cannot be known.
bool effectiveValue(const Call &call, int key, QString *value)
{
    const Argument &argument = call.arguments[key];
    switch (argument.state) {
    case Argument::Literal:
        *value = argument.value;
        return true;
    case Argument::Absent:
        if (call.splatLine > 0) {
            return false;
        }
        *value = key == VersionTable ? QStringLiteral("alembic_version") : QString();
        return true;
    case Argument::NonLiteral:
        break;
    }
    return false;
}

QString describeValue(int key, const QString &value, bool isDefault)
{
    if (key == VersionTableSchema && value.isEmpty()) {
        return QCoreApplication::translate("EnvPyReader", "no schema (the connection's default)");
    }
    const QString repr = PythonLiteral::stringRepr(value);
    if (isDefault) {
        return QCoreApplication::translate("EnvPyReader", "%1 (Alembic's default)").arg(repr);
    }
    return repr;
}

Finding makeFinding(const QString &code, Severity severity, const QString &message,
                    const QString &file, int line, const QString &fix, const QString &envLabel)
{
    Finding finding = Finding::make(code, severity, message, file, line);
    finding.fix = fix;
    finding.environment = envLabel;
    return finding;
}

void evaluate(const std::vector<Call> &calls, const QString &file, const QString &envLabel,
              EnvPySettings *settings)
{
    settings->configureCalls = int(calls.size());
    if (calls.empty()) {
        return;
    }
    const Call &first = calls.front();
    for (int key = 0; key < KeyCount; ++key) {
        const QString keyName = kKeyNames[key];
        EnvPyValue &result =
            key == VersionTable ? settings->versionTable : settings->versionTableSchema;
        const Argument &chosen = first.arguments[key];
        if (chosen.state == Argument::Literal) {
            result.isSet = true;
            result.value = chosen.value;
            result.line = chosen.line;
        }
        const QString used =
            result.isSet
                ? describeValue(key, result.value, false)
                : describeValue(key,
                                key == VersionTable ? QStringLiteral("alembic_version") : QString(),
                                true);
        const QString option = key == VersionTable ? QStringLiteral("--version-table")
                                                   : QStringLiteral("--version-table-schema");

        for (const Call &call : calls) {
            const Argument &argument = call.arguments[key];
            if (argument.state == Argument::NonLiteral) {
                const QString message =
                    QCoreApplication::translate(
                        "EnvPyReader",
                        "Revscope cannot read %1=%2 without running Python (%3); it reads "
                        "the version table with %4.")
                        .arg(keyName, argument.expression, argument.problem, used);
                const QString fix =
                    QCoreApplication::translate(
                        "EnvPyReader",
                        "Pass a string literal in env.py, or give Revscope the value: %1 on the "
                        "command line, or the override in the Connect dialog.")
                        .arg(option);
                result.findings.append(makeFinding(QStringLiteral("non-literal-version-table"),
                                                   Severity::Warning, message, file, argument.line,
                                                   fix, envLabel));
            }
        }
        if (chosen.state == Argument::Absent && first.splatLine > 0) {
            const QString message =
                QCoreApplication::translate(
                    "EnvPyReader",
                    "configure() receives keyword arguments through ** here; Revscope cannot "
                    "see whether they set %1, and reads the version table with %2.")
                    .arg(keyName, used);
            const QString fix =
                QCoreApplication::translate(
                    "EnvPyReader",
                    "If they set %1, give Revscope the same value (%2 on the command line).")
                    .arg(keyName, option);
            result.findings.append(makeFinding(QStringLiteral("non-literal-version-table"),
                                               Severity::Info, message, file, first.splatLine, fix,
                                               envLabel));
        }

        QString firstValue;
        if (!effectiveValue(first, key, &firstValue)) {
            continue;
        }
        for (std::size_t c = 1; c < calls.size(); ++c) {
            QString value;
            if (!effectiveValue(calls[c], key, &value) || value == firstValue) {
                continue;
            }
            const Argument &other = calls[c].arguments[key];
            const int otherLine = other.line > 0 ? other.line : calls[c].line;
            const int firstLine = chosen.line > 0 ? chosen.line : first.line;
            const QString firstText =
                describeValue(key, firstValue, chosen.state == Argument::Absent);
            const QString otherText = describeValue(key, value, other.state == Argument::Absent);
            const QString fileName = QFileInfo(file).fileName();
            const QString message =
                QCoreApplication::translate(
                    "EnvPyReader",
                    "%1 calls configure() with different %2 values: %3 at line %4, %5 at line "
                    "%6. Revscope reads %3, from the first call.")
                    // One pass: values from env.py may hold "%4" themselves.
                    .arg(fileName, keyName, firstText, QString::number(firstLine), otherText,
                         QString::number(otherLine));
            const QString fix =
                QCoreApplication::translate(
                    "EnvPyReader",
                    "Make every configure() call pass the same %1, or give Revscope the one the "
                    "online migration uses (%2 on the command line).")
                    .arg(keyName, option);
            result.findings.append(makeFinding(QStringLiteral("conflicting-version-table"),
                                               Severity::Info, message, file, otherLine, fix,
                                               envLabel));
            break; // one finding per key says it
        }
    }
}

} // namespace

EnvPySettings EnvPyReader::read(const QString &scriptLocation, const QString &envLabel)
{
    return readFile(QDir(scriptLocation).filePath(QStringLiteral("env.py")), envLabel);
}

EnvPySettings EnvPyReader::readFile(const QString &path, const QString &envLabel)
{
    EnvPySettings settings;
    settings.file = cleanPath(path);
    const QFileInfo info(settings.file);
    if (!info.exists()) {
        return settings;
    }
    QString error;
    QByteArray bytes;
    if (!info.isFile()) {
        error = QCoreApplication::translate("EnvPyReader", "it is not a regular file");
    } else if (info.size() > kMaxEnvPySize) {
        error = QCoreApplication::translate("EnvPyReader", "it is larger than %1 MiB")
                    .arg(kMaxEnvPySize / (1024 * 1024));
    } else {
        QFile file(settings.file);
        if (!file.open(QIODevice::ReadOnly)) {
            error = file.errorString();
        } else {
            bytes = file.read(kMaxEnvPySize + 1);
        }
    }
    if (!error.isEmpty()) {
        const QString message =
            QCoreApplication::translate("EnvPyReader",
                                        "Revscope cannot read %1 (%2), so it reads the version "
                                        "table alembic_version, Alembic's default.")
                .arg(info.fileName(), error);
        const QString fix = QCoreApplication::translate(
            "EnvPyReader", "Make env.py a readable file, or give Revscope the version table.");
        settings.findings.append(makeFinding(QStringLiteral("unreadable-file"), Severity::Warning,
                                             message, settings.file, 0, fix, envLabel));
        return settings;
    }
    settings.exists = true;
    const PythonSourceText source = PythonSource::decode(bytes);
    if (!source.ok) {
        const QString message =
            QCoreApplication::translate("EnvPyReader", "Python cannot read %1: %2.")
                .arg(info.fileName(), source.error);
        const QString fix = QCoreApplication::translate(
            "EnvPyReader", "Save env.py as text (UTF-8, or the encoding its coding line "
                           "declares): Alembic cannot run any command until then.");
        settings.findings.append(makeFinding(QStringLiteral("unparsable-script"), Severity::Error,
                                             message, settings.file, source.errorLine, fix,
                                             envLabel));
        return settings;
    }
    return readText(source.text, settings.file, envLabel);
}

EnvPySettings EnvPyReader::readText(const QString &text, const QString &path,
                                    const QString &envLabel)
{
    EnvPySettings settings;
    settings.file = cleanPath(path);
    settings.exists = true;
    const QStringView source(text);
    PythonTokenizer tokenizer(source);
    QList<PythonToken> tokens;
    for (;;) {
        const PythonToken token = tokenizer.next();
        tokens.append(token);
        if (token.type == PythonToken::EndMarker || token.type == PythonToken::Error) {
            break;
        }
    }
    if (tokenizer.hasError()) {
        const QString fileName = QFileInfo(settings.file).fileName();
        const QString message =
            QCoreApplication::translate("EnvPyReader",
                                        "Python cannot compile %1: %2. Alembic cannot run any "
                                        "command, and Revscope reads the version table "
                                        "alembic_version, Alembic's default.")
                .arg(fileName, tokenizer.errorMessage());
        const QString fix =
            QCoreApplication::translate("EnvPyReader", "Fix the syntax error in env.py.");
        settings.findings.append(makeFinding(QStringLiteral("unparsable-script"), Severity::Error,
                                             message, settings.file, tokenizer.errorLine(), fix,
                                             envLabel));
        return settings;
    }
    evaluate(findCalls(tokens, source), settings.file, envLabel, &settings);
    return settings;
}

} // namespace Revscope
