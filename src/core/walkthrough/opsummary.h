#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Revscope {

// One `op.<name>(...)` call (or `batch_op.<name>`, or a bare
// `<alias>.<name>` of alembic.op) found statically in a migration function.
struct OpCall
{
    QString name; // "create_table", "add_column", "execute", ...
    // The table it acts on when a literal (for a batch_op call, the table of
    // its batch_alter_table; for drop_index without table_name, empty).
    QString target;
    // The other name that tells what it does, when a literal: the column of
    // add_column / drop_column / alter_column, the index of create_index /
    // drop_index, the constraint of create_*_constraint / create_foreign_key /
    // drop_constraint, the new name of rename_table. Else empty.
    QString detail;
    QString statement; // for execute(): the SQL text when a literal (shortened), else empty
    int line = 0;
    // Added for richer one-liners; empty when not literal or not relevant.
    QStringList columns;     // create_table: the names of its sa.Column(...) arguments
    QString newName;         // rename_table: the new table name; alter_column: new_column_name
    QString referencedTable; // create_foreign_key: the referent table
    QStringList keywords;    // names of the keyword arguments given (alter_column: "nullable", ...)
    bool batch = false;      // called on the operations object of a batch_alter_table block
};

// The op.* calls of a script's upgrade() and downgrade(), parsed statically
// (nothing is imported or run), and a one-line description of each.
struct OpSummary
{
    QList<OpCall> upgrade;
    QList<OpCall> downgrade;
    bool upgradeEmpty = true; // upgrade() is only `pass` / a docstring / comments
    QString error;            // why the script could not be read, empty when it could
    int errorLine = 0;        // 1-based line of `error`, 0 when it concerns the whole file

    // Translated one-liners such as "creates table users", "adds column
    // users.email", "runs SQL: UPDATE …".
    static QString describe(const OpCall &call);
    QStringList describeUpgrade() const;
    QStringList describeDowngrade() const;

    // Calls found before a tokenizer error are kept (with `error` set), so a
    // truncated script still shows what it does up to the break.
    static OpSummary read(const QString &file);
    static OpSummary parse(const QByteArray &source);

    // Scripts larger than this are not parsed (`error` says so).
    static constexpr qsizetype kMaxSourceBytes = 16 * 1024 * 1024;
};

} // namespace Revscope
