#pragma once

#include "databaseconnection.h"
#include "databaseurl.h"
#include "journal/journal.h"
#include "stampplan.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace Revscope {

struct StampResult
{
    enum class Status {
        Done,        // written, verified, committed (or nothing to write)
        RowsChanged, // the table no longer held what the plan showed: nothing written
        Refused,     // not attempted (invalid plan, other database, no journal...)
        Unreachable, // no connection
        Failed,      // a statement failed: rolled back, nothing written
    };
    Status status = Status::Failed;
    QString message;       // plain sentences; never contains a password
    QStringList rowsFound; // RowsChanged: what the table held instead
    QStringList rowsAfter; // Done: what the table holds now (sorted)
    qint64 journalId = 0;  // the journal operation (0 when nothing was journaled)

    bool ok() const { return status == Status::Done; }
};

// Runs a StampPlan against the database: a read-write connection of its own,
// one transaction that locks the version table, re-reads it, aborts without
// writing unless it still holds plan.rowsBefore, runs the plan's statements
// (only UPDATE / INSERT / DELETE on that table, values bound), re-reads again
// to verify, and commits. The operation is written to the journal (pending)
// before the transaction and marked done or failed after it, so the journal
// knows of every change even after a crash. Each call opens its own
// connections, so an executor may run on any one thread at a time.
class StampExecutor
{
public:
    // `url` carries the password; `journal` must outlive the executor.
    StampExecutor(const DatabaseUrl &url, Journal *journal);

    void setSettings(const ConnectionSettings &settings) { m_settings = settings; }

    StampResult execute(const StampPlan &plan) const;
    // Restores the rows a journaled stamp replaced, if the table still holds
    // exactly what that stamp wrote; then marks the operation undone.
    StampResult undo(qint64 journalId) const;

    // The plan that undoes journaled stamp `operation` on `url`: from the rows
    // that stamp wrote back to the rows it replaced. Invalid (with an error)
    // when the operation is not an undoable stamp of that database.
    static StampPlan undoPlan(const JournalOperation &operation, const DatabaseUrl &url);

    // The newest stamp of the database `databaseKey` (StampPlan::keyOf) that
    // changed something and is not undone; `versionTable` / `schema` filter
    // when not null.
    static std::optional<JournalOperation> latestStamp(const Journal &journal,
                                                       const QString &databaseKey,
                                                       const QString &versionTable = QString(),
                                                       const QString &schema = QString());

private:
    StampResult apply(const StampPlan &plan) const;

    DatabaseUrl m_url;
    Journal *m_journal = nullptr;
    ConnectionSettings m_settings;
};

} // namespace Revscope
