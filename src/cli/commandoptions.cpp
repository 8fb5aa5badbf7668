#include "commandoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QTextStream>

namespace Revscope {

bool CommandOptions::parse(QCommandLineParser &parser, const QCommandLineOption &help,
                           const QStringList &arguments, const QString &command, QTextStream &out,
                           QTextStream &err, int *exitCode)
{
    if (!parser.parse(arguments)) {
        err << QStringLiteral("revscope %1: %2").arg(command, parser.errorText()) << '\n';
        *exitCode = 2;
        return false;
    }
    if (parser.isSet(help)) {
        printHelp(parser, command, out);
        *exitCode = 0;
        return false;
    }
    return true;
}

void CommandOptions::printHelp(const QCommandLineParser &parser, const QString &command,
                               QTextStream &out)
{
    // The usage line names the program as it was started (argv[0]): show the
    // command instead, however revscope was called.
    QString text = parser.helpText();
    const QString program = QCoreApplication::arguments().value(0);
    const qsizetype at = program.isEmpty() ? -1 : text.indexOf(program);
    if (at >= 0) {
        text.replace(at, program.size(), QLatin1String("revscope ") + command);
    }
    out << text;
}

bool CommandOptions::projectPath(const QCommandLineParser &parser, const QString &command,
                                 QString *path, QTextStream &err)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        err << QCoreApplication::translate("CommandOptions",
                                           "revscope %1: expected at most one PATH, got %2.")
                   .arg(command)
                   .arg(positional.size())
            << '\n';
        return false;
    }
    const QString given = positional.isEmpty() ? QDir::currentPath() : positional.first();
    const QFileInfo info(given);
    if (!info.exists()) {
        err << QCoreApplication::translate("CommandOptions", "revscope %1: %2 does not exist.")
                   .arg(command, given)
            << '\n';
        return false;
    }
    if (!info.isDir()) {
        err << QCoreApplication::translate("CommandOptions", "revscope %1: %2 is not a folder.")
                   .arg(command, given)
            << '\n';
        return false;
    }
    if (!info.isReadable() || !QDir(info.absoluteFilePath()).isReadable()) {
        err << QCoreApplication::translate("CommandOptions", "revscope %1: %2 cannot be read.")
                   .arg(command, given)
            << '\n';
        return false;
    }
    *path = QDir::cleanPath(info.absoluteFilePath());
    return true;
}

bool CommandOptions::textOrJson(const QString &value, const QString &command, bool *json,
                                QTextStream &err)
{
    if (value != QLatin1String("text") && value != QLatin1String("json")) {
        err << QCoreApplication::translate("CommandOptions",
                                           "revscope %1: unknown format '%2' (use text or json).")
                   .arg(command, value)
            << '\n';
        return false;
    }
    *json = value == QLatin1String("json");
    return true;
}

bool CommandOptions::configFile(const QString &given, const QString &command, QString *path,
                                QTextStream &err)
{
    const QFileInfo ini(given);
    if (!ini.isFile() || !ini.isReadable()) {
        err << QCoreApplication::translate("CommandOptions",
                                           "revscope %1: cannot read config file %2.")
                   .arg(command, given)
            << '\n';
        return false;
    }
    *path = ini.absoluteFilePath();
    return true;
}

CommandOptions::DatabaseOptions::DatabaseOptions()
    : db(QStringLiteral("db"),
         QCoreApplication::translate("CommandOptions",
                                     "Database URL (SQLAlchemy form), or 'ini' for each config's "
                                     "sqlalchemy.url. The password is never printed."),
         QStringLiteral("URL")),
      dbEnv(QStringLiteral("db-env"),
            QCoreApplication::translate(
                "CommandOptions",
                "Read the database URL from environment variable NAME (for example "
                "DATABASE_URL), instead of --db. The password is never printed."),
            QStringLiteral("NAME")),
      versionTable(
          QStringLiteral("version-table"),
          QCoreApplication::translate(
              "CommandOptions", "Name of Alembic's version table (default: alembic_version)."),
          QStringLiteral("NAME")),
      schema(QStringLiteral("version-table-schema"),
             QCoreApplication::translate(
                 "CommandOptions",
                 "Schema of the version table (default: the connection's default schema)."),
             QStringLiteral("SCHEMA"))
{}

bool CommandOptions::DatabaseOptions::isSet(const QCommandLineParser &parser) const
{
    return parser.isSet(db) || parser.isSet(dbEnv);
}

bool CommandOptions::databaseRequest(const QCommandLineParser &parser,
                                     const DatabaseOptions &options, const QString &command,
                                     InspectOptions::Database *request, QTextStream &err)
{
    if (!options.isSet(parser)) {
        if (parser.isSet(options.versionTable) || parser.isSet(options.schema)) {
            err << QCoreApplication::translate("CommandOptions",
                                               "revscope %1: --version-table and "
                                               "--version-table-schema need --db or --db-env.")
                       .arg(command)
                << '\n';
            return false;
        }
        return true;
    }
    if (parser.isSet(options.db) && parser.isSet(options.dbEnv)) {
        err << QCoreApplication::translate("CommandOptions",
                                           "revscope %1: give either --db or --db-env, not both.")
                   .arg(command)
            << '\n';
        return false;
    }
    QString url;
    if (parser.isSet(options.dbEnv)) {
        const QString name = parser.value(options.dbEnv).trimmed();
        if (name.isEmpty()) {
            err << QCoreApplication::translate(
                       "CommandOptions",
                       "revscope %1: --db-env needs the name of an environment variable.")
                       .arg(command)
                << '\n';
            return false;
        }
        if (!qEnvironmentVariableIsSet(name.toLocal8Bit().constData())) {
            err << QCoreApplication::translate(
                       "CommandOptions",
                       "revscope %1: environment variable %2 (named by --db-env) is not set.")
                       .arg(command, name)
                << '\n';
            return false;
        }
        url = qEnvironmentVariable(name.toLocal8Bit().constData()).trimmed();
        if (url.isEmpty()) {
            err << QCoreApplication::translate("CommandOptions",
                                               "revscope %1: environment variable %2 (named by "
                                               "--db-env) is empty; it should hold a database "
                                               "URL.")
                       .arg(command, name)
                << '\n';
            return false;
        }
    } else {
        url = parser.value(options.db).trimmed();
    }
    if (url.isEmpty()) {
        err << QCoreApplication::translate("CommandOptions",
                                           "revscope %1: --db needs a database URL or 'ini'.")
                   .arg(command)
            << '\n';
        return false;
    }
    if (parser.isSet(options.versionTable) && parser.value(options.versionTable).isEmpty()) {
        err << QCoreApplication::translate("CommandOptions",
                                           "revscope %1: --version-table needs a table name.")
                   .arg(command)
            << '\n';
        return false;
    }
    request->url = url;
    // SQLAlchemy takes a relative SQLite path against the working directory.
    request->baseDir = QDir::currentPath();
    request->versionTable = parser.value(options.versionTable);
    request->schema = parser.value(options.schema);
    return true;
}

int CommandOptions::reportUnreachable(const Inspection &inspection, const QString &command,
                                      QTextStream &err)
{
    QSet<QString> said;
    for (const EnvironmentInspection &env : inspection.environments) {
        if (!env.database || env.database->database().isReadable()) {
            continue;
        }
        const DatabaseState &state = env.database->database();
        QString sentence = state.error;
        if (sentence.isEmpty()) {
            sentence =
                QCoreApplication::translate("CommandOptions", "the database %1 could not be read")
                    .arg(state.url);
        } else if (!state.url.isEmpty() && !sentence.contains(state.url)) {
            sentence = QCoreApplication::translate("CommandOptions", "database %1: %2")
                           .arg(state.url, sentence);
        }
        // Driver messages end in their own punctuation, or in none.
        if (!sentence.endsWith(QLatin1Char('.')) && !sentence.endsWith(QLatin1Char('?')) &&
            !sentence.endsWith(QLatin1Char('!'))) {
            sentence += QLatin1Char('.');
        }
        if (!said.contains(sentence)) {
            said.insert(sentence);
            err << QStringLiteral("revscope %1: %2").arg(command, sentence) << '\n';
        }
    }
    return int(said.size());
}

} // namespace Revscope
