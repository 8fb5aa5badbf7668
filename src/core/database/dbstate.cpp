#include "dbstate.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <algorithm>

namespace Revscope {

namespace {

QString quoted(const QStringList &ids)
{
    QStringList result;
    for (const QString &id : ids) {
        result.append(id);
    }
    return result.join(QLatin1String(", "));
}

bool fileMentions(const QString &path, const QString &text)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        return false;
    }
    // Docstrings sit at the top; a bounded read keeps huge files cheap.
    return QString::fromUtf8(file.read(256 * 1024)).contains(text);
}

} // namespace

QString dbStateName(DbState state)
{
    switch (state) {
    case DbState::Current:
        return QStringLiteral("current");
    case DbState::Applied:
        return QStringLiteral("applied");
    case DbState::Pending:
        return QStringLiteral("pending");
    case DbState::None:
        break;
    }
    return {};
}

QString dbStateLabel(DbState state)
{
    switch (state) {
    case DbState::Current:
        return QCoreApplication::translate("DbState", "current");
    case DbState::Applied:
        return QCoreApplication::translate("DbState", "applied");
    case DbState::Pending:
        return QCoreApplication::translate("DbState", "pending");
    case DbState::None:
        break;
    }
    return {};
}

DbStateCalculator::DbStateCalculator(const RevisionGraph &graph, const DatabaseState &database,
                                     const QString &environment)
    : m_database(database), m_environment(environment)
{
    if (m_database.isReadable()) {
        classifyRows(graph);
        computeStates(graph);
    }
    computeFindings(graph);
}

DbState DbStateCalculator::state(const QString &revisionId) const
{
    return m_states.value(revisionId, DbState::None);
}

QList<VersionRow> DbStateCalculator::unknownRows() const
{
    QList<VersionRow> result;
    for (const VersionRow &row : m_rows) {
        if (row.kind == VersionRow::Ambiguous || row.kind == VersionRow::Unknown) {
            result.append(row);
        }
    }
    return result;
}

void DbStateCalculator::classifyRows(const RevisionGraph &graph)
{
    for (const QString &value : m_database.versions) {
        VersionRow row;
        row.value = value;
        if (graph.isLoaded(value)) {
            row.kind = VersionRow::Exact;
            row.revisions = {value};
            m_rows.append(row);
            continue;
        }
        // Alembic resolves each row with get_revisions(): partial ids of four
        // or more characters, branch labels, even "heads".
        const RevisionGraph::Resolution resolution = graph.resolve(value);
        if (resolution.error.isEmpty()) {
            row.kind = VersionRow::Resolved;
            row.revisions = resolution.ids;
            m_rows.append(row);
            continue;
        }
        for (const Revision &node : graph.nodes()) {
            if (graph.isLoaded(node.id) && node.id.size() > 3 && node.id.startsWith(value)) {
                row.candidates.append(node.id);
            }
        }
        if (row.candidates.size() > 1) {
            row.kind = VersionRow::Ambiguous;
            row.alembicError = resolution.error;
            row.candidates.sort();
            m_rows.append(row);
            continue;
        }
        row.candidates.clear();
        row.kind = VersionRow::Unknown;
        row.alembicError = QStringLiteral("Can't locate revision identified by '%1'").arg(value);
        // Triage: a node Alembic does not load (bytecode-only, ghost), by full
        // id or, failing that, as the only one the row is a prefix of.
        const Revision *node = graph.revision(value);
        if (!node && value.size() > 3) {
            for (const Revision &other : graph.nodes()) {
                if (!graph.isLoaded(other.id) && other.id.startsWith(value)) {
                    if (node) {
                        node = nullptr;
                        break;
                    }
                    node = &other;
                }
            }
        }
        if (node) {
            row.node = node->id;
            row.nodeOrigin = node->origin;
        }
        row.replacedBy = findReplacement(graph, row.node.isEmpty() ? value : row.node);
        m_rows.append(row);
    }
}

void DbStateCalculator::computeStates(const RevisionGraph &graph)
{
    QSet<QString> current;
    for (const VersionRow &row : m_rows) {
        for (const QString &id : row.revisions) {
            current.insert(id);
        }
        if (row.kind == VersionRow::Unknown && !row.node.isEmpty()) {
            current.insert(row.node);
        }
    }
    QSet<QString> applied;
    for (const QString &id : current) {
        applied.unite(graph.ancestors(id, true));
    }
    // Alembic's _get_ancestor_nodes(check=True) refuses rows that are
    // ancestors of other rows.
    for (VersionRow &row : m_rows) {
        QSet<QString> below;
        for (const QString &id : std::as_const(row.revisions)) {
            below.unite(graph.ancestors(id, true));
        }
        for (const VersionRow &other : std::as_const(m_rows)) {
            for (const QString &id : other.revisions) {
                if (below.contains(id) && !row.overlaps.contains(id)) {
                    row.overlaps.append(id);
                }
            }
        }
    }
    for (const Revision &node : graph.nodes()) {
        if (current.contains(node.id)) {
            m_states.insert(node.id, DbState::Current);
        } else if (applied.contains(node.id)) {
            m_states.insert(node.id, DbState::Applied);
        } else if (graph.isLoaded(node.id)) {
            m_states.insert(node.id, DbState::Pending);
        }
    }
    m_current = QStringList(current.begin(), current.end());
    m_current.sort();

    QSet<QString> allPending;
    for (const QString &head : graph.heads()) {
        QSet<QString> needed = graph.ancestors(head, true);
        needed.insert(head);
        int count = 0;
        for (const QString &id : std::as_const(needed)) {
            if (state(id) == DbState::Pending) {
                ++count;
                allPending.insert(id);
            }
        }
        m_pendingPerHead.append({head, count});
    }
    m_pendingCount = int(allPending.size());
}

QString DbStateCalculator::findReplacement(const RevisionGraph &graph, const QString &id)
{
    // Keep it simple: a loaded revision whose message or script text names the
    // lost id, and that does not merely point at it (a child with a missing
    // parent is not a replacement). Bases first: a squash starts a new base.
    if (id.size() < 4) {
        return {};
    }
    QString firstMatch;
    for (const Revision &revision : graph.nodes()) {
        if (!graph.isLoaded(revision.id) || revision.id == id ||
            revision.downRevisions.contains(id) || revision.dependsOn.contains(id)) {
            continue;
        }
        if (!revision.message.contains(id) && !fileMentions(revision.file, id)) {
            continue;
        }
        if (revision.isBase()) {
            return revision.id;
        }
        if (firstMatch.isEmpty()) {
            firstMatch = revision.id;
        }
    }
    return firstMatch;
}

QStringList DbStateCalculator::keptRevisions() const
{
    // What a corrected version table keeps: the revisions of rows Alembic can
    // place, minus those another row descends from.
    QStringList keep;
    for (const VersionRow &row : m_rows) {
        if (row.kind != VersionRow::Exact && row.kind != VersionRow::Resolved) {
            continue;
        }
        for (const QString &id : row.revisions) {
            bool redundant = false;
            for (const VersionRow &other : m_rows) {
                redundant = redundant || other.overlaps.contains(id);
            }
            if (!redundant && !keep.contains(id)) {
                keep.append(id);
            }
        }
    }
    return keep;
}

QString DbStateCalculator::stampAdvice(const QStringList &targets) const
{
    // --purge: without it Alembic first locates the rows already stored, and
    // stops on the unknown one.
    QStringList unique = targets;
    unique.removeDuplicates();
    const QString revisions = unique.join(QLatin1Char(' '));
    const bool hasPassword = m_database.url.contains(QLatin1String(":***@"));
    const QString url =
        hasPassword ? QCoreApplication::translate("DbStateCalculator", "URL") : m_database.url;
    return QCoreApplication::translate(
               "DbStateCalculator",
               "`alembic stamp --purge %1` (or `revscope db stamp --db %2 %1 --yes`)")
        .arg(revisions, url);
}

Finding DbStateCalculator::unknownRowFinding(const RevisionGraph &graph,
                                             const VersionRow &row) const
{
    Finding finding;
    finding.code = QStringLiteral("db-unknown-revision");
    finding.severity = Severity::Error;
    finding.environment = m_environment;
    finding.revision = row.value;

    // Rows Alembic can place stay in the stamp, so other branches keep their place.
    const QStringList keep = keptRevisions();

    const QString table = m_database.versionTable;
    if (row.kind == VersionRow::Ambiguous) {
        finding.message =
            QCoreApplication::translate(
                "DbStateCalculator",
                "The version table %1 of %2 holds '%3', which is the start of several "
                "revision ids (%4), so Alembic stops with \"%5\".")
                .arg(table, m_database.url, row.value, quoted(row.candidates), row.alembicError);
        finding.fix = QCoreApplication::translate(
                          "DbStateCalculator",
                          "Stamp the full id of the revision the database is really at, e.g. %1.")
                          .arg(stampAdvice(QStringList(keep) << row.candidates.front()));
        return finding;
    }

    QString message = QCoreApplication::translate(
                          "DbStateCalculator",
                          "The version table %1 of %2 holds %3, which no migration script Alembic "
                          "loads defines, so Alembic stops with \"%4\".")
                          .arg(table, m_database.url, row.value, row.alembicError);
    const Revision *node = row.node.isEmpty() ? nullptr : graph.revision(row.node);
    if (node && node->origin == RevisionOrigin::Bytecode) {
        finding.file = node->file;
        message += QLatin1Char(' ') +
                   QCoreApplication::translate(
                       "DbStateCalculator",
                       "Only the stray bytecode file %1 defines %2: its .py source is gone "
                       "(deleted, or replaced by a squash), and Alembic does not load "
                       "bytecode-only revisions.")
                       .arg(QFileInfo(node->file).fileName(), row.node);
    } else if (node && node->origin == RevisionOrigin::Missing) {
        message += QLatin1Char(' ') +
                   QCoreApplication::translate("DbStateCalculator",
                                               "Other scripts refer to %1 (as down_revision or "
                                               "depends_on), but none defines it.")
                       .arg(row.node);
    } else if (node) {
        message += QLatin1Char(' ') + QCoreApplication::translate(
                                          "DbStateCalculator",
                                          "The script %1 defines %2, but Alembic does not load it.")
                                          .arg(QFileInfo(node->file).fileName(), row.node);
    } else {
        message += QLatin1Char(' ') +
                   QCoreApplication::translate(
                       "DbStateCalculator",
                       "Nothing in this checkout defines it: the database was migrated from "
                       "another branch or a newer checkout, or its script was deleted.");
    }
    if (!row.replacedBy.isEmpty()) {
        message += QLatin1Char(' ') +
                   QCoreApplication::translate("DbStateCalculator",
                                               "Revision %1 mentions %2 in its script, so it most "
                                               "likely replaced it (a squash).")
                       .arg(row.replacedBy, row.node.isEmpty() ? row.value : row.node);
    }
    finding.message = message;

    if (!row.replacedBy.isEmpty()) {
        finding.fix =
            QCoreApplication::translate(
                "DbStateCalculator",
                "If the schema matches %1, rewrite the version table without migrating: "
                "%2. Revscope suggests %1 only because its script mentions %3; compare "
                "the schema before stamping.")
                .arg(row.replacedBy, stampAdvice(QStringList(keep) << row.replacedBy), row.value);
    } else if (node && !node->downRevisions.isEmpty()) {
        finding.fix =
            QCoreApplication::translate(
                "DbStateCalculator",
                "Find the revision of this checkout whose schema the database has, then stamp it "
                "without migrating: %1. The lost revision came right after %2.")
                .arg(stampAdvice(QStringList(keep)
                                 << QCoreApplication::translate("DbStateCalculator", "<revision>")),
                     node->downRevisions.join(QLatin1String(", ")));
    } else {
        finding.fix =
            QCoreApplication::translate(
                "DbStateCalculator",
                "Check out the branch or version that has the script for %1 and run `alembic "
                "downgrade` there; or, if the schema matches a revision of this checkout, stamp "
                "it without migrating: %2.")
                .arg(row.value, stampAdvice(QStringList(keep) << QCoreApplication::translate(
                                                "DbStateCalculator", "<revision>")));
    }
    if (node && node->origin == RevisionOrigin::Bytecode) {
        finding.fix += QLatin1Char(' ') + QCoreApplication::translate(
                                              "DbStateCalculator",
                                              "Then delete the stray bytecode (`revscope clean`) "
                                              "so it cannot mislead again.");
    }
    return finding;
}

void DbStateCalculator::computeFindings(const RevisionGraph &graph)
{
    if (!m_database.isReadable()) {
        Finding finding;
        finding.code = QStringLiteral("db-unreachable");
        finding.severity = Severity::Error;
        finding.environment = m_environment;
        finding.message =
            m_database.status == DatabaseState::Error
                ? QCoreApplication::translate(
                      "DbStateCalculator",
                      "Revscope connected to %1 but could not read its version "
                      "table: %2")
                      .arg(m_database.url, m_database.error)
                : QCoreApplication::translate("DbStateCalculator",
                                              "Revscope could not reach the database %1: %2")
                      .arg(m_database.url, m_database.error);
        finding.fix = m_database.status == DatabaseState::Error
                          ? QCoreApplication::translate(
                                "DbStateCalculator",
                                "Check that the user may SELECT from the version table, and that "
                                "the version table name and schema match env.py.")
                          : QCoreApplication::translate(
                                "DbStateCalculator",
                                "Check that the server runs and accepts connections from this "
                                "machine, and the host, port, user name, password and database "
                                "name in the URL.");
        m_findings.append(finding);
        return;
    }

    const QStringList heads = graph.heads();
    const QString headTarget = heads.size() == 1 ? heads.front() : QStringLiteral("heads");
    const QString shownTable = m_database.schema.isEmpty()
                                   ? m_database.versionTable
                                   : m_database.schema + QLatin1Char('.') + m_database.versionTable;
    if (m_database.status == DatabaseState::NoTable || m_database.status == DatabaseState::Empty) {
        Finding finding;
        finding.code = QStringLiteral("db-no-version-table");
        finding.severity = Severity::Warning;
        finding.environment = m_environment;
        finding.message =
            m_database.status == DatabaseState::NoTable
                ? QCoreApplication::translate(
                      "DbStateCalculator",
                      "The database %1 has no version table %2: Alembic has never migrated or "
                      "stamped it (or env.py names another version table).")
                      .arg(m_database.url, shownTable)
                : QCoreApplication::translate(
                      "DbStateCalculator",
                      "The version table %2 of %1 exists but holds no row: Alembic treats the "
                      "database as never migrated, and `alembic upgrade` would run every "
                      "migration from the first.")
                      .arg(m_database.url, shownTable);
        finding.fix = QCoreApplication::translate(
                          "DbStateCalculator",
                          "If the database is new, run `alembic upgrade %1`. If its schema already "
                          "matches the newest migration, record that without migrating: `alembic "
                          "stamp %1`. If env.py passes version_table= or version_table_schema=, "
                          "give Revscope the same names.")
                          .arg(headTarget);
        m_findings.append(finding);
    }

    const QList<VersionRow> unknown = unknownRows();
    for (const VersionRow &row : unknown) {
        m_findings.append(unknownRowFinding(graph, row));
    }
    bool overlapping = false;
    for (const VersionRow &row : std::as_const(m_rows)) {
        if (row.overlaps.isEmpty()) {
            continue;
        }
        overlapping = true;
        const QStringList keep = keptRevisions();
        Finding finding;
        finding.code = QStringLiteral("db-overlapping-revisions");
        finding.severity = Severity::Error;
        finding.environment = m_environment;
        finding.revision = row.value;
        finding.message =
            QCoreApplication::translate(
                "DbStateCalculator",
                "The version table %1 of %2 holds %3 and also its ancestor %4, so Alembic stops "
                "with \"Requested revision %3 overlaps with other requested revisions %4\".")
                .arg(m_database.versionTable, m_database.url, row.value,
                     row.overlaps.join(QLatin1String(", ")));
        finding.fix = QCoreApplication::translate("DbStateCalculator",
                                                  "Keep one row per branch, the newest: %1.")
                          .arg(stampAdvice(keep));
        m_findings.append(finding);
    }
    // While a row is unknown or redundant Alembic cannot upgrade at all; that
    // fix comes first.
    if (!unknown.isEmpty() || overlapping) {
        return;
    }
    for (const auto &pair : std::as_const(m_pendingPerHead)) {
        if (pair.second == 0) {
            continue;
        }
        Finding finding;
        finding.code = QStringLiteral("db-pending-migrations");
        finding.severity = Severity::Info;
        finding.environment = m_environment;
        finding.revision = pair.first;
        finding.message =
            QCoreApplication::translate("DbStateCalculator",
                                        "The database %1 is %n migration(s) behind head %2.",
                                        nullptr, pair.second)
                .arg(m_database.url, pair.first);
        finding.fix =
            heads.size() == 1
                ? QCoreApplication::translate("DbStateCalculator", "Run `alembic upgrade head`.")
                : QCoreApplication::translate(
                      "DbStateCalculator",
                      "Run `alembic upgrade %1` (or `alembic upgrade heads` for every "
                      "head).")
                      .arg(pair.first);
        m_findings.append(finding);
    }
}

} // namespace Revscope
