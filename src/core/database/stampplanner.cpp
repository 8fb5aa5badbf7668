#include "stampplanner.h"

#include "inspection/inspection.h"

#include <QCoreApplication>
#include <QSet>

namespace Revscope {

namespace {

QString list(const QStringList &ids)
{
    return ids.join(QLatin1String(", "));
}

// `ids` without those that are ancestors of another one (one row per branch).
QStringList newestOnly(const RevisionGraph &graph, const QStringList &ids)
{
    QStringList result;
    for (const QString &id : ids) {
        bool below = false;
        for (const QString &other : ids) {
            below = below || (other != id && graph.ancestors(other, true).contains(id));
        }
        if (!below && !result.contains(id)) {
            result.append(id);
        }
    }
    return result;
}

QString describe(const RevisionGraph &graph, const QString &id)
{
    const Revision *revision = graph.revision(id);
    if (!revision || revision->message.isEmpty()) {
        return id;
    }
    return QStringLiteral("%1 (\"%2\")").arg(id, revision->message);
}

// Where an Unknown row's revision stood, judged from what the graph still
// knows of it (bytecode, references). Appends to `keep` and `reasons`;
// false when Revscope cannot tell.
bool placeLostRevision(const RevisionGraph &graph, const VersionRow &row, QStringList *keep,
                       QStringList *reasons)
{
    if (!row.replacedBy.isEmpty()) {
        keep->append(row.replacedBy);
        reasons->append(
            QCoreApplication::translate(
                "StampPlanner",
                "%1 is no longer a revision Alembic loads, and the script of %2 mentions it: %2 "
                "most likely replaced it (a squash), so a database that was at %1 has the schema "
                "of %2.")
                .arg(row.value, describe(graph, row.replacedBy)));
        return true;
    }
    if (row.node.isEmpty()) {
        reasons->append(QCoreApplication::translate(
                            "StampPlanner",
                            "Nothing in this checkout defines or mentions %1, so Revscope cannot "
                            "tell where it stood (it may come from another branch or a newer "
                            "checkout). Pick the revision whose schema the database has.")
                            .arg(row.value));
        return false;
    }
    const QString lost = row.node;
    const QString source =
        row.nodeOrigin == RevisionOrigin::Bytecode
            ? QCoreApplication::translate("StampPlanner", "only a stray .pyc file defines it")
            : QCoreApplication::translate("StampPlanner",
                                          "other scripts refer to it, none defines it");
    QSet<QString> loadedBelow;
    const QSet<QString> below = graph.ancestors(lost, true);
    for (const QString &id : below) {
        if (graph.isLoaded(id)) {
            loadedBelow.insert(id);
        }
    }
    bool loadedAbove = false;
    const QSet<QString> above = graph.descendants(lost, true);
    QStringList lostAbove; // newer revisions that are gone too
    for (const QString &id : above) {
        loadedAbove = loadedAbove || graph.isLoaded(id);
        if (!graph.isLoaded(id)) {
            lostAbove.append(id);
        }
    }
    lostAbove.sort();
    if (loadedAbove) {
        reasons->append(QCoreApplication::translate(
                            "StampPlanner",
                            "%1 is gone (%2), yet revisions Alembic loads still build on it: "
                            "restore its script rather than stamping around it.")
                            .arg(lost, source));
        return false;
    }
    if (loadedBelow.isEmpty() && !lostAbove.isEmpty()) {
        reasons->append(QCoreApplication::translate(
                            "StampPlanner",
                            "%1 is gone (%2) with its whole history, and so are newer revisions "
                            "built on it (%3). A squash that replaced them stands for the newest, "
                            "not for %1, so Revscope cannot tell which revision has the "
                            "database's schema.")
                            .arg(lost, source, list(lostAbove)));
        return false;
    }
    if (loadedBelow.isEmpty()) {
        // Its whole history is gone: a squash started a new one.
        const QStringList bases = graph.bases();
        if (bases.size() != 1) {
            reasons->append(QCoreApplication::translate(
                                "StampPlanner",
                                "%1 is gone (%2) with its whole history, and this checkout has %3 "
                                "bases (%4): Revscope cannot tell which one replaced it.")
                                .arg(lost, source)
                                .arg(bases.size())
                                .arg(list(bases)));
            return false;
        }
        const QString base = bases.front();
        keep->append(base);
        QString reason =
            QCoreApplication::translate(
                "StampPlanner",
                "%1 is gone (%2), with every revision before it, and it was the newest of its "
                "history: nothing built on it remains. Its history was replaced. A squash starts "
                "a new history at a base, and this checkout has exactly one, %3, which most "
                "likely stands where %1 stood.")
                .arg(lost, source, describe(graph, base));
        const QStringList heads = graph.heads();
        if (heads == QStringList{base}) {
            reason += QLatin1Char(' ') +
                      QCoreApplication::translate("StampPlanner", "It is also the head.");
        } else {
            const QSet<QString> after = graph.descendants(base, true);
            reason += QLatin1Char(' ') +
                      QCoreApplication::translate(
                          "StampPlanner",
                          "The %n revision(s) after it stay pending; `alembic upgrade head` "
                          "applies them after the stamp.",
                          nullptr, int(after.size()));
        }
        reasons->append(reason);
        return true;
    }
    // Part of its history remains: the newest revisions below it.
    QStringList nearest = newestOnly(graph, QStringList(loadedBelow.begin(), loadedBelow.end()));
    nearest.sort();
    keep->append(nearest);
    reasons->append(
        QCoreApplication::translate(
            "StampPlanner",
            "%1 is gone (%2); it came after %3. Stamping %3 is the careful choice: `alembic "
            "upgrade` then re-runs what came after it, and stops loudly if %1's changes are "
            "already in the database, instead of silently skipping them.")
            .arg(lost, source, list(nearest)));
    return true;
}

} // namespace

StampSuggestion StampPlanner::suggest(const RevisionGraph &graph, const DbStateCalculator &db)
{
    StampSuggestion suggestion;
    const DatabaseState &state = db.database();
    const QString table = state.schema.isEmpty()
                              ? state.versionTable
                              : state.schema + QLatin1Char('.') + state.versionTable;
    if (!state.isReadable()) {
        suggestion.reason =
            QCoreApplication::translate("StampPlanner", "The version table could not be read: %1")
                .arg(state.error);
        return suggestion;
    }
    const QStringList heads = graph.heads();
    if (state.status == DatabaseState::NoTable) {
        suggestion.reason =
            QCoreApplication::translate(
                "StampPlanner", "There is no version table %1, and Revscope never creates one. "
                                "If the schema already matches the newest migration, `alembic "
                                "stamp %2` creates it.")
                .arg(table, heads.size() == 1 ? heads.front() : QStringLiteral("heads"));
        return suggestion;
    }
    if (state.status == DatabaseState::Empty) {
        suggestion.reason =
            QCoreApplication::translate(
                "StampPlanner",
                "The version table %1 holds no row, so Alembic takes the database for new. "
                "Revscope cannot tell from the table which schema it has: if it matches the "
                "newest migration, stamp %2.")
                .arg(table, list(heads));
        return suggestion;
    }

    QStringList keep;
    QStringList reasons;
    bool known = true;
    bool changed = false;
    const QList<VersionRow> rows = db.rows();
    for (const VersionRow &row : rows) {
        switch (row.kind) {
        case VersionRow::Exact:
        case VersionRow::Resolved: {
            for (const QString &id : row.revisions) {
                bool redundant = false;
                QString newer;
                for (const VersionRow &other : rows) {
                    if (other.overlaps.contains(id)) {
                        redundant = true;
                        newer = other.value;
                    }
                }
                if (redundant) {
                    changed = true;
                    reasons.append(QCoreApplication::translate(
                                       "StampPlanner",
                                       "%1 is an ancestor of %2, also stored; Alembic refuses the "
                                       "pair, so only %2 stays.")
                                       .arg(id, newer));
                } else {
                    keep.append(id);
                }
            }
            if (row.kind == VersionRow::Resolved) {
                changed = true;
                reasons.append(QCoreApplication::translate(
                                   "StampPlanner",
                                   "The row '%1' stands for %2; the full id is written instead.")
                                   .arg(row.value, list(row.revisions)));
            }
            break;
        }
        case VersionRow::Ambiguous:
            known = false;
            changed = true;
            reasons.append(QCoreApplication::translate(
                               "StampPlanner",
                               "The row '%1' is the start of several ids (%2); Revscope cannot "
                               "tell which one the database is at.")
                               .arg(row.value, list(row.candidates)));
            break;
        case VersionRow::Unknown:
            changed = true;
            known = placeLostRevision(graph, row, &keep, &reasons) && known;
            break;
        }
    }
    keep = newestOnly(graph, keep);
    if (!known) {
        suggestion.reason = reasons.join(QLatin1Char(' '));
        return suggestion;
    }
    suggestion.available = true;
    suggestion.revisions = keep;
    if (!changed) {
        suggestion.changesNothing = true;
        reasons.append(QCoreApplication::translate(
            "StampPlanner",
            "Every row names a revision Alembic loads: there is nothing to repair."));
        if (db.pendingCount() > 0) {
            reasons.append(QCoreApplication::translate(
                "StampPlanner",
                "Stamping never migrates: to apply the %n pending migration(s), run "
                "`alembic upgrade heads`.",
                nullptr, db.pendingCount()));
        }
    } else if (keep.size() > 1) {
        reasons.append(
            QCoreApplication::translate("StampPlanner", "One row per branch: %1.").arg(list(keep)));
    }
    reasons.append(QCoreApplication::translate(
        "StampPlanner", "Compare the schema with the suggested revision before stamping: "
                        "stamping records a state, it does not create it."));
    suggestion.reason = reasons.join(QLatin1Char(' '));
    return suggestion;
}

StampPlan StampPlanner::plan(const RevisionGraph &graph, const DatabaseState &state,
                             const DatabaseUrl &url, const QStringList &targets)
{
    StampPlan plan;
    plan.url = url.isValid() ? url.redacted() : state.url;
    plan.databaseKey = StampPlan::keyOf(url);
    plan.backend = url.backend();
    plan.versionTable = state.versionTable;
    plan.schema = state.schema;
    plan.targets = targets;
    plan.rowsBefore = state.versions;
    const DbStateCalculator calculator(graph, state);
    plan.suggestion = suggest(graph, calculator);

    if (!state.isReadable()) {
        plan.problem = StampPlan::Problem::Unreadable;
        plan.error = state.error.isEmpty()
                         ? QCoreApplication::translate(
                               "StampPlanner", "The version table %1 of %2 could not be read.")
                               .arg(plan.shownTable(), plan.url)
                         : state.error;
        return plan;
    }
    if (state.status == DatabaseState::NoTable) {
        plan.problem = StampPlan::Problem::NoTable;
        plan.error = QCoreApplication::translate(
                         "StampPlanner",
                         "The database %1 has no version table %2, and Revscope never creates "
                         "tables. Check --version-table and --version-table-schema against "
                         "env.py; for a database Alembic has never touched, `alembic stamp` "
                         "creates the table.")
                         .arg(plan.url, plan.shownTable());
        return plan;
    }
    if (targets.isEmpty()) {
        plan.problem = StampPlan::Problem::BadTarget;
        plan.error = QCoreApplication::translate("StampPlanner", "No revision to stamp was given.");
        return plan;
    }
    QStringList errors;
    QStringList resolved;
    for (const QString &target : targets) {
        const RevisionGraph::Resolution resolution = graph.resolve(target.trimmed());
        if (!resolution.error.isEmpty()) {
            QString error =
                QCoreApplication::translate("StampPlanner",
                                            "'%1' is not a revision Alembic can stamp here: %2.")
                    .arg(target, resolution.error);
            const Revision *node = graph.revision(target.trimmed());
            if (node && !graph.isLoaded(node->id)) {
                error += QLatin1Char(' ') +
                         (node->origin == RevisionOrigin::Bytecode
                              ? QCoreApplication::translate(
                                    "StampPlanner",
                                    "Only a stray .pyc file defines it, and Alembic does not load "
                                    "bytecode-only revisions.")
                              : QCoreApplication::translate(
                                    "StampPlanner", "Scripts refer to it, but none defines it."));
            }
            errors.append(error);
            continue;
        }
        for (const QString &id : resolution.ids) {
            if (!resolved.contains(id)) {
                resolved.append(id);
            }
        }
    }
    for (const QString &id : std::as_const(resolved)) {
        QStringList older;
        const QSet<QString> below = graph.ancestors(id, true);
        for (const QString &other : std::as_const(resolved)) {
            if (below.contains(other)) {
                older.append(other);
            }
        }
        if (!older.isEmpty()) {
            errors.append(QCoreApplication::translate(
                              "StampPlanner",
                              "Requested revision %1 overlaps with other requested revisions %2: "
                              "%2 is an ancestor of %1, and Alembic refuses to stamp both. Stamp "
                              "only the newest revision of each branch.")
                              .arg(id, list(older)));
        }
    }
    if (!errors.isEmpty()) {
        plan.problem = StampPlan::Problem::BadTarget;
        plan.error = errors.join(QLatin1Char(' '));
        return plan;
    }
    plan.rowsAfter = resolved;
    plan.statements = StampPlan::statementsFor(plan.rowsBefore, plan.rowsAfter,
                                               plan.qualifiedTable(), plan.backend);
    return plan;
}

StampPlan StampPlanner::plan(const EnvironmentInspection &environment, const DatabaseUrl &url,
                             const QStringList &targets)
{
    DatabaseState state;
    if (environment.database) {
        state = environment.database->database();
    } else {
        state.url = url.redacted();
        state.versionTable = QStringLiteral("alembic_version");
        state.error = QCoreApplication::translate("StampPlanner", "No database was read for %1.")
                          .arg(environment.label);
    }
    StampPlan result = plan(environment.graph, state, url, targets);
    result.projectRoot = environment.environment.root;
    result.environment = environment.label;
    return result;
}

} // namespace Revscope
