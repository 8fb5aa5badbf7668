#pragma once

#include "analysis/finding.h"
#include "databasestate.h"
#include "graph/revisiongraph.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Revscope {

// A revision's state against the database (the contract's `db_state`).
enum class DbState {
    None, // no database read, or a revision Alembic does not load that the database never reached
    Current, // named by a row of the version table
    Applied, // an ancestor of a current revision (depends_on followed)
    Pending, // loaded by Alembic and not applied yet
};

// "current", "applied", "pending"; empty for None.
QString dbStateName(DbState state);  // the contract's db_state values
QString dbStateLabel(DbState state); // translated, for people

// How one row of the version table maps onto the graph.
struct VersionRow
{
    enum Kind {
        Exact,     // the full id of a revision Alembic loads
        Resolved,  // a unique partial id (or a branch label): Alembic accepts it
        Ambiguous, // a prefix of several revisions: Alembic stops ("Multiple revisions start with")
        Unknown,   // Alembic stops ("Can't locate revision identified by")
    };
    QString value; // the row as stored
    Kind kind = Unknown;
    QStringList revisions;  // Exact / Resolved: what it stands for
    QStringList candidates; // Ambiguous: the revisions it is a prefix of
    QString alembicError;   // Ambiguous / Unknown: the error Alembic prints
    // Unknown rows, triage: the graph node with this id that Alembic does not
    // load (bytecode-only revision or ghost), or empty when nothing has the id.
    QString node;
    RevisionOrigin nodeOrigin = RevisionOrigin::Missing;
    // A loaded revision whose script mentions the row's id (a squash that
    // replaced it, most likely), or empty.
    QString replacedBy;
    // Exact / Resolved: revisions of other rows that are ancestors of this
    // one. Alembic then stops ("Requested revision X overlaps with other
    // requested revisions Y").
    QStringList overlaps;
};

// Per-revision database state by Alembic 1.8.1's rules
// (RevisionMap._collect_upgrade_revisions): the rows are resolved like
// `get_revisions` (full ids, unique partial ids, labels); applied means an
// ancestor of a current revision, depends_on included; everything else that
// Alembic loads is pending. A row naming a revision Alembic does not load but
// the graph shows (a bytecode-only revision) still marks that node current and
// its ancestors applied, so the picture shows where the database stands.
class DbStateCalculator
{
public:
    // Computes everything at once; `graph` is not kept. `environment` labels
    // the findings (the config, as in Finding::environment).
    DbStateCalculator(const RevisionGraph &graph, const DatabaseState &database,
                      const QString &environment = QString());

    const DatabaseState &database() const { return m_database; }
    DbState state(const QString &revisionId) const;
    QList<VersionRow> rows() const { return m_rows; }
    // Resolved current revisions, sorted.
    QStringList currentRevisions() const { return m_current; }
    // Rows Alembic cannot place (Ambiguous or Unknown).
    QList<VersionRow> unknownRows() const;
    // Pending revisions `alembic upgrade <head>` would run, per head of
    // graph.heads(), in that order.
    QList<QPair<QString, int>> pendingPerHead() const { return m_pendingPerHead; }
    // Distinct pending revisions over all heads (`alembic upgrade heads`).
    int pendingCount() const { return m_pendingCount; }

    // db-unreachable, db-no-version-table, db-unknown-revision,
    // db-overlapping-revisions, db-pending-migrations.
    Findings findings() const { return m_findings; }

private:
    void classifyRows(const RevisionGraph &graph);
    void computeStates(const RevisionGraph &graph);
    void computeFindings(const RevisionGraph &graph);
    Finding unknownRowFinding(const RevisionGraph &graph, const VersionRow &row) const;
    static QString findReplacement(const RevisionGraph &graph, const QString &id);
    QStringList keptRevisions() const;
    QString stampAdvice(const QStringList &targets) const;

    DatabaseState m_database;
    QString m_environment;
    QList<VersionRow> m_rows;
    QStringList m_current;
    QHash<QString, DbState> m_states;
    QList<QPair<QString, int>> m_pendingPerHead;
    int m_pendingCount = 0;
    Findings m_findings;
};

} // namespace Revscope
