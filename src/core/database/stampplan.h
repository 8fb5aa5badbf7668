#pragma once

#include "databaseurl.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Revscope {

// One statement of a stamp: the SQL with `?` placeholders and quoted
// identifiers, executed with `values` bound in order.
struct StampStatement
{
    enum class Kind { Update, Insert, Delete };
    Kind kind = Kind::Update;
    QString sql;
    QStringList values;
    // The same statement with the values written in as string literals
    // (' doubled): what is shown to the user. Never executed.
    QString displaySql;
};

// Which revisions Revscope proposes to stamp, and why.
struct StampSuggestion
{
    bool available = false;      // false: Revscope cannot tell; `reason` says why
    QStringList revisions;       // full ids; empty with `available`: stamp base (no row)
    QString reason;              // plain sentences
    bool changesNothing = false; // the suggestion equals the current rows
};

// What `db stamp` will do to one version table, computed before anything is
// written and shown as it is. Holds no password: `url` is redacted.
struct StampPlan
{
    QString projectRoot;
    QString environment; // the environment's label ("alembic.ini")
    QString url;         // redacted
    QString databaseKey; // which database, without credentials
    DatabaseUrl::Backend backend = DatabaseUrl::Backend::Unknown;
    QString versionTable;   // unquoted
    QString schema;         // unquoted; empty: the connection's default
    QStringList targets;    // as the user gave them
    QStringList rowsBefore; // as read, in the database's order
    QStringList rowsAfter;  // the resolved targets, in the order given
    QList<StampStatement> statements;
    StampSuggestion suggestion;
    // Non-empty: the plan must not run; one or more plain sentences.
    QString error;
    // Why it cannot run: a bad target (usage), or the database's state.
    enum class Problem { None, BadTarget, NoTable, Unreadable };
    Problem problem = Problem::None;

    bool isValid() const { return error.isEmpty(); }
    bool changesNothing() const { return statements.isEmpty(); }
    // "schema.table" unquoted, for messages.
    QString shownTable() const;
    // The quoted, schema-qualified table as the SQL names it.
    QString qualifiedTable() const;

    // A database without credentials: "sqlite:////abs/file.db" for SQLite,
    // "backend://user@host:port/database" otherwise. The journal keys undo by it.
    static QString keyOf(const DatabaseUrl &url);

    // The minimal statements turning `before` into `after` (a multiset of
    // rows into a set): UPDATE where a row is replaced, DELETE / INSERT when
    // the count changes. Identifiers quoted for `backend`.
    static QList<StampStatement> statementsFor(const QStringList &before, const QStringList &after,
                                               const QString &qualifiedTable,
                                               DatabaseUrl::Backend backend);
};

} // namespace Revscope
