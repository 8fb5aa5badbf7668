#include "stampplan.h"

#include "versiontablereader.h"

#include <QHash>

namespace Revscope {

namespace {

QString literal(QString value)
{
    value.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

StampStatement makeStatement(StampStatement::Kind kind, const QString &table,
                             DatabaseUrl::Backend backend, const QStringList &values)
{
    const QString column =
        VersionTableReader::quoteIdentifier(QStringLiteral("version_num"), backend);
    StampStatement statement;
    statement.kind = kind;
    statement.values = values;
    // The display text is built from the same pieces rather than by
    // substituting `?`, which a hostile identifier may contain.
    switch (kind) {
    case StampStatement::Kind::Update:
        statement.sql = QStringLiteral("UPDATE %1 SET %2 = ? WHERE %2 = ?").arg(table, column);
        statement.displaySql =
            QStringLiteral("UPDATE %1 SET %2 = %3 WHERE %2 = %4")
                .arg(table, column, literal(values.value(0)), literal(values.value(1)));
        break;
    case StampStatement::Kind::Insert:
        statement.sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (?)").arg(table, column);
        statement.displaySql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                                   .arg(table, column, literal(values.value(0)));
        break;
    case StampStatement::Kind::Delete:
        statement.sql = QStringLiteral("DELETE FROM %1 WHERE %2 = ?").arg(table, column);
        statement.displaySql = QStringLiteral("DELETE FROM %1 WHERE %2 = %3")
                                   .arg(table, column, literal(values.value(0)));
        break;
    }
    return statement;
}

} // namespace

QString StampPlan::shownTable() const
{
    return schema.isEmpty() ? versionTable : schema + QLatin1Char('.') + versionTable;
}

QString StampPlan::qualifiedTable() const
{
    return (schema.isEmpty()
                ? QString()
                : VersionTableReader::quoteIdentifier(schema, backend) + QLatin1Char('.')) +
           VersionTableReader::quoteIdentifier(versionTable, backend);
}

QString StampPlan::keyOf(const DatabaseUrl &url)
{
    if (!url.isValid()) {
        return {};
    }
    if (url.backend() == DatabaseUrl::Backend::Sqlite) {
        return QStringLiteral("sqlite:///") + url.sqliteFileName();
    }
    QString key = url.backendName() + QLatin1String("://");
    if (!url.username().isEmpty()) {
        key += url.username() + QLatin1Char('@');
    }
    key += url.host();
    if (url.hasPort()) {
        key += QLatin1Char(':') + QString::number(url.port());
    }
    key += QLatin1Char('/') + url.database();
    return key;
}

QList<StampStatement> StampPlan::statementsFor(const QStringList &before, const QStringList &after,
                                               const QString &qualifiedTable,
                                               DatabaseUrl::Backend backend)
{
    QHash<QString, int> count;
    QStringList distinctBefore;
    for (const QString &row : before) {
        if (count[row]++ == 0) {
            distinctBefore.append(row);
        }
    }
    QStringList wanted = after;
    wanted.removeDuplicates();

    QStringList replaceable; // single rows that go: an UPDATE can turn them into a new one
    QStringList deletions;
    QStringList reinserts; // duplicated rows that stay once: deleted, then inserted again
    for (const QString &row : std::as_const(distinctBefore)) {
        const int n = count.value(row);
        if (wanted.contains(row)) {
            if (n > 1) {
                deletions.append(row);
                reinserts.append(row);
            }
        } else if (n == 1) {
            replaceable.append(row);
        } else {
            deletions.append(row); // one DELETE removes every copy
        }
    }
    QStringList additions;
    for (const QString &row : std::as_const(wanted)) {
        if (!count.contains(row)) {
            additions.append(row);
        }
    }

    QList<StampStatement> statements;
    while (!replaceable.isEmpty() && !additions.isEmpty()) {
        statements.append(makeStatement(StampStatement::Kind::Update, qualifiedTable, backend,
                                        {additions.takeFirst(), replaceable.takeFirst()}));
    }
    deletions = replaceable + deletions;
    for (const QString &row : std::as_const(deletions)) {
        statements.append(
            makeStatement(StampStatement::Kind::Delete, qualifiedTable, backend, {row}));
    }
    for (const QString &row : reinserts + additions) {
        statements.append(
            makeStatement(StampStatement::Kind::Insert, qualifiedTable, backend, {row}));
    }
    return statements;
}

} // namespace Revscope
