#pragma once

#include "inspection/inspector.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>

class QCommandLineParser;
class QTextStream;

namespace Revscope {

// Option handling shared by the commands.
class CommandOptions
{
public:
    // The PATH positional argument (default: the current folder), made
    // absolute. Prints the contract's one-sentence error and returns false
    // when it is missing or unreadable.
    // Parses `arguments` (the command's name first). False when the command
    // is done already: a usage error, said on `err` as "revscope <command>:
    // …" (*exitCode 2), or --help, printed on `out` (*exitCode 0).
    static bool parse(QCommandLineParser &parser, const QCommandLineOption &help,
                      const QStringList &arguments, const QString &command, QTextStream &out,
                      QTextStream &err, int *exitCode);
    // The parser's help, with `revscope <command>` as the program.
    static void printHelp(const QCommandLineParser &parser, const QString &command,
                          QTextStream &out);

    static bool projectPath(const QCommandLineParser &parser, const QString &command, QString *path,
                            QTextStream &err);

    // `--format text|json`: sets *json, or prints the one-sentence usage
    // error on `err` and returns false for any other value.
    static bool textOrJson(const QString &value, const QString &command, bool *json,
                           QTextStream &err);

    // `--config INI`: the file made absolute, or an error sentence and false
    // when it cannot be read.
    static bool configFile(const QString &given, const QString &command, QString *path,
                           QTextStream &err);

    // --db, --db-env, --version-table and --version-table-schema, shared by
    // check and db.
    struct DatabaseOptions
    {
        DatabaseOptions();
        QCommandLineOption db;
        QCommandLineOption dbEnv; // the name of an environment variable holding the URL
        QCommandLineOption versionTable;
        QCommandLineOption schema;
        QList<QCommandLineOption> all() const { return {db, dbEnv, versionTable, schema}; }
        // Whether a database was asked for, by --db or --db-env.
        bool isSet(const QCommandLineParser &parser) const;
    };
    // Fills `request` from the parsed options (nothing when neither --db nor
    // --db-env is set); false with an error sentence on a bad value: both
    // given, or the variable --db-env names unset or empty. The variable's
    // value (which may hold a password) is never printed.
    static bool databaseRequest(const QCommandLineParser &parser, const DatabaseOptions &options,
                                const QString &command, InspectOptions::Database *request,
                                QTextStream &err);
    // One sentence on `err` per database that could not be reached or read
    // (each named once, redacted); returns how many there were.
    static int reportUnreachable(const Inspection &inspection, const QString &command,
                                 QTextStream &err);
};

} // namespace Revscope
