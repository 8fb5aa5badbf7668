#include "stampexecutor.h"

#include "versiontablereader.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace Revscope {

namespace {

QString shown(const QStringList &rows)
{
    return rows.isEmpty() ? QCoreApplication::translate("StampExecutor", "no row")
                          : rows.join(QLatin1String(", "));
}

QStringList sorted(QStringList rows)
{
    std::sort(rows.begin(), rows.end());
    return rows;
}

QStringList uniqueSorted(QStringList rows)
{
    rows.removeDuplicates();
    return sorted(rows);
}

QString summaryOf(const StampPlan &plan)
{
    return QCoreApplication::translate("StampExecutor", "stamp %1 of %2: %3 -> %4")
        .arg(plan.shownTable(), plan.url, shown(plan.rowsBefore), shown(plan.rowsAfter));
}

// One transaction on a read-write connection; rolls back unless committed.
class Transaction
{
public:
    explicit Transaction(DatabaseConnection &connection) : m_connection(connection) {}
    ~Transaction()
    {
        if (m_open) {
            rollback();
        }
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool begin(QString *error)
    {
        QSqlDatabase db = m_connection.database();
        if (m_connection.url().backend() == DatabaseUrl::Backend::Sqlite) {
            // IMMEDIATE takes the write lock now: nobody can change the rows
            // between our re-read and our writes.
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
                *error = DatabaseConnection::errorText(query.lastError());
                return false;
            }
        } else if (!db.transaction()) {
            *error = DatabaseConnection::errorText(db.lastError());
            return false;
        }
        m_open = true;
        return true;
    }
    bool commit(QString *error)
    {
        QSqlDatabase db = m_connection.database();
        bool ok = false;
        if (m_connection.url().backend() == DatabaseUrl::Backend::Sqlite) {
            QSqlQuery query(db);
            ok = query.exec(QStringLiteral("COMMIT"));
            if (!ok) {
                *error = DatabaseConnection::errorText(query.lastError());
            }
        } else {
            ok = db.commit();
            if (!ok) {
                *error = DatabaseConnection::errorText(db.lastError());
            }
        }
        if (ok) {
            m_open = false;
        }
        return ok;
    }
    void rollback()
    {
        QSqlDatabase db = m_connection.database();
        if (m_connection.url().backend() == DatabaseUrl::Backend::Sqlite) {
            QSqlQuery query(db);
            query.exec(QStringLiteral("ROLLBACK"));
        } else {
            db.rollback();
        }
        m_open = false;
    }

private:
    DatabaseConnection &m_connection;
    bool m_open = false;
};

// Every row of the version table; false with `error` when it cannot be read
// or holds NULL (which Alembic never writes).
bool readRows(DatabaseConnection &connection, const StampPlan &plan, QStringList *rows,
              QString *error)
{
    const QString column =
        VersionTableReader::quoteIdentifier(QStringLiteral("version_num"), plan.backend);
    QString sql = QStringLiteral("SELECT %1 FROM %2").arg(column, plan.qualifiedTable());
    if (plan.backend == DatabaseUrl::Backend::MySql ||
        plan.backend == DatabaseUrl::Backend::MariaDb) {
        sql += QStringLiteral(" FOR UPDATE"); // InnoDB: locks the rows and the gaps between
    }
    QSqlQuery query(connection.database());
    query.setForwardOnly(true);
    if (!query.exec(sql)) {
        *error =
            connection.scrub(QCoreApplication::translate(
                                 "StampExecutor", "Could not read the version table %1 of %2: %3")
                                 .arg(plan.shownTable(), plan.url,
                                      DatabaseConnection::errorText(query.lastError())));
        return false;
    }
    rows->clear();
    while (query.next()) {
        if (query.value(0).isNull()) {
            *error = QCoreApplication::translate(
                         "StampExecutor",
                         "The version table %1 of %2 holds a NULL row, which Alembic never "
                         "writes; Revscope leaves such a table alone.")
                         .arg(plan.shownTable(), plan.url);
            return false;
        }
        rows->append(query.value(0).toString());
    }
    return true;
}

} // namespace

StampExecutor::StampExecutor(const DatabaseUrl &url, Journal *journal)
    : m_url(url), m_journal(journal)
{}

StampResult StampExecutor::apply(const StampPlan &plan) const
{
    StampResult result;
    DatabaseConnection connection(m_url, DatabaseConnection::Access::ReadWrite, m_settings);
    if (!connection.isOpen()) {
        result.status = StampResult::Status::Unreachable;
        result.message = connection.error();
        return result;
    }
    QString error;
    {
        Transaction transaction(connection);
        if (!transaction.begin(&error)) {
            result.message =
                connection.scrub(QCoreApplication::translate(
                                     "StampExecutor", "Could not start a transaction on %1: %2")
                                     .arg(plan.url, error));
            return result;
        }
        if (plan.backend == DatabaseUrl::Backend::PostgreSql) {
            // Other sessions may still read the table, but not write it until we commit.
            QSqlQuery lock(connection.database());
            if (!lock.exec(QStringLiteral("LOCK TABLE %1 IN SHARE ROW EXCLUSIVE MODE")
                               .arg(plan.qualifiedTable()))) {
                result.message = connection.scrub(
                    QCoreApplication::translate("StampExecutor",
                                                "Could not lock the version table %1 of %2: %3")
                        .arg(plan.shownTable(), plan.url,
                             DatabaseConnection::errorText(lock.lastError())));
                return result;
            }
        }
        QStringList found;
        if (!readRows(connection, plan, &found, &error)) {
            result.message = error;
            return result;
        }
        if (sorted(found) != sorted(plan.rowsBefore)) {
            result.status = StampResult::Status::RowsChanged;
            result.rowsFound = found;
            result.message =
                QCoreApplication::translate(
                    "StampExecutor",
                    "The version table %1 of %2 changed since the plan was made: it held %3 and "
                    "now holds %4. Nothing was written; look at the new state and plan again.")
                    .arg(plan.shownTable(), plan.url, shown(plan.rowsBefore), shown(found));
            return result;
        }
        for (const StampStatement &statement : plan.statements) {
            QSqlQuery query(connection.database());
            if (!query.prepare(statement.sql)) {
                result.message =
                    connection.scrub(QCoreApplication::translate(
                                         "StampExecutor", "Could not prepare \"%1\" on %2: %3")
                                         .arg(statement.displaySql, plan.url,
                                              DatabaseConnection::errorText(query.lastError())));
                return result;
            }
            for (const QString &value : statement.values) {
                query.addBindValue(value);
            }
            if (!query.exec()) {
                result.message = connection.scrub(
                    QCoreApplication::translate("StampExecutor",
                                                "\"%1\" failed on %2: %3. Nothing was written.")
                        .arg(statement.displaySql, plan.url,
                             DatabaseConnection::errorText(query.lastError())));
                return result;
            }
        }
        QStringList after;
        if (!readRows(connection, plan, &after, &error)) {
            result.message = error;
            return result;
        }
        if (sorted(after) != uniqueSorted(plan.rowsAfter)) {
            result.message =
                QCoreApplication::translate(
                    "StampExecutor",
                    "After the statements the version table %1 of %2 held %3 instead of %4, so "
                    "the transaction was rolled back. Nothing was written.")
                    .arg(plan.shownTable(), plan.url, shown(after), shown(plan.rowsAfter));
            return result;
        }
        if (!transaction.commit(&error)) {
            result.message = connection.scrub(
                QCoreApplication::translate(
                    "StampExecutor", "Could not commit the stamp on %1: %2. Nothing was written.")
                    .arg(plan.url, error));
            return result;
        }
        result.rowsAfter = sorted(after);
    }
    result.status = StampResult::Status::Done;
    return result;
}

StampResult StampExecutor::execute(const StampPlan &plan) const
{
    StampResult result;
    result.status = StampResult::Status::Refused;
    if (!plan.isValid()) {
        result.message = plan.error;
        return result;
    }
    if (StampPlan::keyOf(m_url) != plan.databaseKey) {
        result.message =
            QCoreApplication::translate(
                "StampExecutor", "The plan was made for %1, not for %2; nothing was written.")
                .arg(plan.url, m_url.redacted());
        return result;
    }
    if (plan.changesNothing()) {
        // Still confirm the table holds what was shown.
        result = apply(plan);
        if (result.ok()) {
            result.message = QCoreApplication::translate(
                                 "StampExecutor",
                                 "The version table %1 of %2 already holds %3; nothing to write.")
                                 .arg(plan.shownTable(), plan.url, shown(plan.rowsAfter));
        }
        return result;
    }
    if (!m_journal || !m_journal->open()) {
        result.message =
            QCoreApplication::translate(
                "StampExecutor",
                "Revscope journals every stamp so it can be undone, and the journal "
                "cannot be written (%1); nothing was written.")
                .arg(m_journal ? m_journal->error()
                               : QCoreApplication::translate("StampExecutor", "no journal"));
        return result;
    }
    JournalStampEntry entry;
    entry.url = plan.url;
    entry.databaseKey = plan.databaseKey;
    entry.versionTable = plan.versionTable;
    entry.schema = plan.schema;
    entry.rowsBefore = plan.rowsBefore;
    entry.rowsAfter = plan.rowsAfter;
    const qint64 id = m_journal->beginOperation(JournalOperation::Kind::Stamp, plan.projectRoot,
                                                summaryOf(plan), {entry});
    if (id <= 0) {
        result.message = QCoreApplication::translate(
                             "StampExecutor",
                             "Revscope journals every stamp so it can be undone, and the journal "
                             "cannot be written (%1); nothing was written.")
                             .arg(m_journal->error());
        return result;
    }
    result = apply(plan);
    result.journalId = id;
    if (result.ok()) {
        if (!m_journal->finishOperation(id, JournalOperation::State::Done)) {
            result.message =
                QCoreApplication::translate(
                    "StampExecutor", "Stamped, but the journal could not mark operation %1 as done "
                                     "(%2); it stays pending and can still be undone.")
                    .arg(id)
                    .arg(m_journal->error());
        } else {
            result.message =
                QCoreApplication::translate("StampExecutor",
                                            "Stamped %1 of %2: %3 -> %4 (journal operation %5).")
                    .arg(plan.shownTable(), plan.url, shown(plan.rowsBefore), shown(plan.rowsAfter))
                    .arg(id);
        }
    } else {
        m_journal->finishOperation(id, JournalOperation::State::Failed, result.message);
    }
    return result;
}

StampResult StampExecutor::undo(qint64 journalId) const
{
    StampResult result;
    result.status = StampResult::Status::Refused;
    result.journalId = journalId;
    if (!m_journal) {
        result.message = QCoreApplication::translate("StampExecutor", "No journal to undo from.");
        return result;
    }
    const std::optional<JournalOperation> op = m_journal->operation(journalId);
    if (!op) {
        result.message = m_journal->error();
        return result;
    }
    const StampPlan plan = undoPlan(*op, m_url);
    if (!plan.isValid()) {
        result.message = plan.error;
        return result;
    }
    const JournalStampEntry &entry = op->stamps.front();
    result = apply(plan);
    result.journalId = journalId;
    if (result.status == StampResult::Status::RowsChanged) {
        result.message = QCoreApplication::translate(
                             "StampExecutor",
                             "The version table %1 of %2 changed after journal operation %3: that "
                             "stamp left %4, and it now holds %5. Undoing would overwrite a later "
                             "change, so nothing was written.")
                             .arg(plan.shownTable(), plan.url)
                             .arg(journalId)
                             .arg(shown(entry.rowsAfter), shown(result.rowsFound));
        return result;
    }
    if (!result.ok()) {
        return result;
    }
    if (!m_journal->markUndone(journalId)) {
        result.message =
            QCoreApplication::translate(
                "StampExecutor",
                "Restored %1 of %2 to %3, but the journal could not record the undo "
                "(%4).")
                .arg(plan.shownTable(), plan.url, shown(entry.rowsBefore), m_journal->error());
        return result;
    }
    result.message = QCoreApplication::translate(
                         "StampExecutor", "Undid journal operation %1: %2 of %3 holds %4 again.")
                         .arg(journalId)
                         .arg(plan.shownTable(), plan.url, shown(entry.rowsBefore));
    return result;
}

StampPlan StampExecutor::undoPlan(const JournalOperation &operation, const DatabaseUrl &url)
{
    StampPlan plan;
    plan.projectRoot = operation.projectRoot;
    plan.url = url.redacted();
    plan.databaseKey = StampPlan::keyOf(url);
    plan.backend = url.backend();
    plan.problem = StampPlan::Problem::BadTarget;
    const qint64 id = operation.id;
    if (operation.kind != JournalOperation::Kind::Stamp || operation.stamps.isEmpty()) {
        plan.error = QCoreApplication::translate(
                         "StampExecutor",
                         "Journal operation %1 is not a stamp (it is a %2); `revscope clean "
                         "--undo` undoes cleanups.")
                         .arg(id)
                         .arg(journalKindName(operation.kind));
        return plan;
    }
    const JournalStampEntry &entry = operation.stamps.front();
    plan.versionTable = entry.versionTable;
    plan.schema = entry.schema;
    if (operation.isUndone()) {
        plan.error = QCoreApplication::translate("StampExecutor",
                                                 "Journal operation %1 was already undone on %2.")
                         .arg(id)
                         .arg(operation.undone.toString(Qt::ISODate));
        return plan;
    }
    if (operation.state == JournalOperation::State::Failed) {
        plan.error = QCoreApplication::translate(
                         "StampExecutor",
                         "Journal operation %1 changed nothing (it failed: %2), so there is "
                         "nothing to undo.")
                         .arg(id)
                         .arg(operation.note);
        return plan;
    }
    if (plan.databaseKey != entry.databaseKey) {
        plan.error = QCoreApplication::translate(
                         "StampExecutor",
                         "Journal operation %1 stamped %2, not %3; give the URL of that database.")
                         .arg(id)
                         .arg(entry.url, url.redacted());
        return plan;
    }
    plan.problem = StampPlan::Problem::None;
    plan.targets = entry.rowsBefore;
    plan.rowsBefore = entry.rowsAfter;
    plan.rowsAfter = entry.rowsBefore;
    plan.statements = StampPlan::statementsFor(plan.rowsBefore, plan.rowsAfter,
                                               plan.qualifiedTable(), plan.backend);
    return plan;
}

std::optional<JournalOperation> StampExecutor::latestStamp(const Journal &journal,
                                                           const QString &databaseKey,
                                                           const QString &versionTable,
                                                           const QString &schema)
{
    const QList<JournalOperation> stamps = journal.operations(JournalOperation::Kind::Stamp, true);
    for (const JournalOperation &op : stamps) {
        if (op.isUndone() || op.state == JournalOperation::State::Failed || op.stamps.isEmpty()) {
            continue;
        }
        const JournalStampEntry &entry = op.stamps.front();
        if (entry.databaseKey != databaseKey) {
            continue;
        }
        if (!versionTable.isNull() && entry.versionTable != versionTable) {
            continue;
        }
        if (!schema.isNull() && entry.schema != schema) {
            continue;
        }
        return op;
    }
    return std::nullopt;
}

} // namespace Revscope
