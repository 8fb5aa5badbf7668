#include "comparison.h"

#include "database/stampplanner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

#include <algorithm>

namespace Revscope {

namespace {

bool isCancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load();
}

// A word of a shell command: bare when only harmless characters make it up,
// else in single quotes (a quote inside becomes '\'').
QString shellQuoted(const QString &word)
{
    static const QRegularExpression bare(QStringLiteral("^[A-Za-z0-9_./:=@%+,-]+$"));
    if (bare.match(word).hasMatch()) {
        return word;
    }
    QString inner = word;
    inner.replace(QStringLiteral("'"), QStringLiteral("'\\''"));
    return QStringLiteral("'%1'").arg(inner);
}

// `ids` without those below another of them: Alembic refuses to stamp both.
QStringList withoutAncestors(const RevisionGraph &graph, const QStringList &ids)
{
    QStringList kept;
    for (const QString &id : ids) {
        const bool below = std::any_of(ids.cbegin(), ids.cend(), [&](const QString &other) {
            return other != id && graph.ancestors(other, true).contains(id);
        });
        if (!below && !kept.contains(id)) {
            kept.append(id);
        }
    }
    return kept;
}

} // namespace

const EnvironmentInspection *ComparisonSide::environment(const QString &label) const
{
    if (inspection) {
        for (const EnvironmentInspection &ei : inspection->environments) {
            if (ei.label == label) {
                return &ei;
            }
        }
    }
    return nullptr;
}

bool Comparison::fail(Problem problem, const QString &sentence)
{
    m_problem = problem;
    m_error = sentence;
    return false;
}

bool Comparison::load(const QString &value, ComparisonSide *side, const Progress &progress,
                      const std::atomic_bool *cancel, bool withDatabase)
{
    side->name = value;
    const QFileInfo folder(value);
    if (folder.isDir()) {
        // An existing folder wins over a ref of the same name.
        side->root = QDir::cleanPath(folder.absoluteFilePath());
    } else {
        if (!GitSnapshot::isRepository(m_options.project)) {
            return fail(Problem::Usage,
                        QCoreApplication::translate(
                            "Comparison",
                            "%1 is not inside a git repository, so '%2' cannot be read as a git "
                            "ref; to compare two folders, pass both to --from and --to.")
                            .arg(m_options.project, value));
        }
        if (progress) {
            progress(QCoreApplication::translate("Comparison", "Reading %1 from git").arg(value));
        }
        auto extracted = std::make_shared<QTemporaryDir>(
            QDir::tempPath() + QStringLiteral("/revscope-compare-XXXXXX"));
        if (!extracted->isValid()) {
            return fail(Problem::Usage,
                        QCoreApplication::translate("Comparison",
                                                    "A temporary folder for %1 cannot be made: %2.")
                            .arg(value, extracted->errorString()));
        }
        QString error;
        if (!GitSnapshot::extract(m_options.project, value, extracted->path(), &error)) {
            return fail(Problem::Usage, error + QLatin1Char('.'));
        }
        side->root = extracted->path();
        side->fromGit = true;
        side->extracted = extracted;
    }
    if (isCancelled(cancel)) {
        return fail(Problem::Cancelled,
                    QCoreApplication::translate("Comparison", "The comparison was cancelled."));
    }
    if (progress) {
        progress(QCoreApplication::translate("Comparison", "Inspecting %1").arg(value));
    }
    InspectOptions options;
    options.root = side->root;
    if (withDatabase) {
        options.database = m_options.database;
    }
    side->inspection = Inspector::inspect(options, {}, cancel);
    if (!side->inspection) {
        return fail(Problem::Cancelled,
                    QCoreApplication::translate("Comparison", "The comparison was cancelled."));
    }
    return true;
}

Comparison Comparison::run(const ComparisonOptions &options, const Progress &progress,
                           const std::atomic_bool *cancel)
{
    Comparison result;
    result.m_options = options;
    result.m_options.project = QDir::cleanPath(QFileInfo(options.project).absoluteFilePath());
    // The `to` inspection reads the database itself unless `ini` must come
    // from the project's own configs (an extracted ref is not where Alembic runs).
    const bool toIsFolder = QFileInfo(options.to).isDir();
    const bool databaseWithTo =
        options.database.isSet() && (toIsFolder || !options.database.fromIni());
    if (!result.load(options.from, &result.m_from, progress, cancel, false) ||
        !result.load(options.to, &result.m_to, progress, cancel, databaseWithTo)) {
        return result;
    }
    if (result.m_from.fromGit && result.m_to.fromGit) {
        if (progress) {
            progress(QCoreApplication::translate("Comparison", "Reading the commits in between"));
        }
        QString ignored; // without the history the mapping rests on the other clues
        result.m_commits =
            GitSnapshot::changes(result.m_options.project, options.from, options.to, &ignored);
    }
    if (isCancelled(cancel)) {
        result.fail(Problem::Cancelled,
                    QCoreApplication::translate("Comparison", "The comparison was cancelled."));
        return result;
    }
    if (progress) {
        progress(QCoreApplication::translate("Comparison", "Comparing the revision graphs"));
    }
    result.m_environments =
        RevisionDiff::compare(*result.m_from.inspection, *result.m_to.inspection, result.m_commits);
    if (options.database.isSet()) {
        if (databaseWithTo) {
            result.m_databaseInspection = result.m_to.inspection;
        } else {
            if (progress) {
                progress(QCoreApplication::translate("Comparison",
                                                     "Reading the database's version table"));
            }
            InspectOptions project;
            project.root = result.m_options.project;
            project.database = options.database;
            result.m_databaseInspection = Inspector::inspect(project, {}, cancel);
            if (!result.m_databaseInspection) {
                result.fail(Problem::Cancelled, QCoreApplication::translate(
                                                    "Comparison", "The comparison was cancelled."));
                return result;
            }
        }
        result.readDatabases();
        result.checkDatabases();
    }
    return result;
}

void Comparison::readDatabases()
{
    const bool sameInspection = m_databaseInspection == m_to.inspection;
    ComparisonSide source;
    source.inspection = m_databaseInspection;
    for (const EnvironmentInspection &target : m_to.inspection->environments) {
        const EnvironmentInspection *read = source.environment(target.label);
        if (!read || !read->database) {
            continue;
        }
        DatabaseCheck check;
        check.environment = target.label;
        if (m_options.database.fromIni()) {
            // Alembic runs where the config is: relative SQLite paths start there.
            check.url = DatabaseUrl::parse(read->environment.sqlalchemyUrl.trimmed(),
                                           QFileInfo(read->environment.configFile).absolutePath());
        } else {
            check.url = DatabaseUrl::parse(m_options.database.url, m_options.database.baseDir);
        }
        check.state = sameInspection ? read->database
                                     : std::make_shared<const DbStateCalculator>(
                                           target.graph, read->database->database(), target.label);
        m_databases.append(check);
    }
}

void Comparison::checkDatabases()
{
    for (EnvironmentDiff &diff : m_environments) {
        for (DatabaseCheck &check : m_databases) {
            if (check.environment == diff.config) {
                checkDatabase(&diff, &check);
            }
        }
    }
}

void Comparison::checkDatabase(EnvironmentDiff *diff, DatabaseCheck *check) const
{
    check->stampedRemoved.clear();
    check->targets.clear();
    check->command.clear();
    const DatabaseState &state = check->state->database();
    const EnvironmentInspection *before = m_from.environment(diff->config);
    const EnvironmentInspection *after = m_to.environment(diff->config);
    if (!state.isReadable() || !after) {
        return;
    }
    QSet<QString> stamped;
    for (const QString &row : state.versions) {
        if (diff->removed.contains(row)) {
            stamped.insert(row);
        }
    }
    if (stamped.isEmpty()) {
        return;
    }
    check->stampedRemoved = QStringList(stamped.cbegin(), stamped.cend());
    check->stampedRemoved.sort();

    QHash<QString, const SquashMapping *> mappingOf;
    for (const SquashMapping &mapping : std::as_const(diff->squash)) {
        for (const QString &id : mapping.removed) {
            mappingOf.insert(id, &mapping);
        }
    }
    // What each stamped row lacks of its replacement: revisions the squash
    // folded in that came after the row (the replacement itself too when it
    // existed before, as when the squash reused the newest id).
    QHash<QString, QStringList> lacking;
    QStringList targets;
    bool known = true;
    for (const QString &row : state.versions) {
        if (!stamped.contains(row)) {
            targets.append(row);
            continue;
        }
        const SquashMapping *mapping = mappingOf.value(row, nullptr);
        if (!mapping) {
            known = false;
            continue;
        }
        QStringList missing;
        if (before) {
            const QSet<QString> later = before->graph.descendants(row, false);
            for (const QString &id : mapping->removed + QStringList{mapping->replacedBy}) {
                if (later.contains(id) && !missing.contains(id)) {
                    missing.append(id);
                }
            }
        }
        missing.sort();
        if (!missing.isEmpty()) {
            lacking.insert(row, missing);
            known = false;
        }
        targets.append(mapping->replacedBy);
    }
    if (known) {
        targets = withoutAncestors(after->graph, targets);
        const StampPlan plan = StampPlanner::plan(after->graph, state, check->url, targets);
        if (plan.isValid()) {
            check->targets = plan.rowsAfter;
        }
    } else if (lacking.isEmpty()) {
        // No replacement is known: the planner's own reading of the rows.
        const StampSuggestion suggestion = StampPlanner::suggest(after->graph, *check->state);
        if (suggestion.available) {
            check->targets = suggestion.revisions.isEmpty() ? QStringList{QStringLiteral("base")}
                                                            : suggestion.revisions;
        }
    }
    if (!check->targets.isEmpty()) {
        check->command = stampCommand(*check, check->targets);
    }

    const QString url = check->url.isValid() ? check->url.redacted() : state.url;
    for (const QString &row : std::as_const(check->stampedRemoved)) {
        const SquashMapping *mapping = mappingOf.value(row, nullptr);
        QString message;
        QString fix = check->command;
        if (!mapping) {
            message = QCoreApplication::translate(
                          "Comparison",
                          "The database %1 is stamped at %2, which the squash removed, and no "
                          "revision replaces it: Alembic stops with \"Can't locate revision "
                          "identified by '%2'\".")
                          .arg(url, row);
            if (fix.isEmpty()) {
                fix = QCoreApplication::translate(
                          "Comparison",
                          "Confirm which revision replaces %1 (the squash mapping; on the "
                          "command line, --squash NEW=%1), or stamp the revision whose schema "
                          "the database has: %2")
                          .arg(row, stampCommand(*check, {QStringLiteral("REV")}));
            }
        } else if (lacking.contains(row)) {
            const QString missing = lacking.value(row).join(QLatin1String(", "));
            message =
                QCoreApplication::translate(
                    "Comparison", "The database %1 is stamped at %2, which the squash removed; %3 "
                                  "replaces it, but also holds %4, which came after %2 and this "
                                  "database has not applied.")
                    .arg(url, row, mapping->replacedBy, missing);
            const QString command = stampCommand(*check, {mapping->replacedBy});
            fix = QCoreApplication::translate("Comparison",
                                              "Upgrade it to %1 with the migrations of %2 "
                                              "first, then run: %3")
                      .arg(lacking.value(row).constLast(), m_from.name, command);
        } else {
            message = QCoreApplication::translate(
                          "Comparison",
                          "The database %1 is stamped at %2, which the squash removed: Alembic "
                          "stops with \"Can't locate revision identified by '%2'\"; %3 replaces "
                          "it.")
                          .arg(url, row, mapping->replacedBy);
        }
        Finding finding =
            Finding::make(QStringLiteral("squash-db-stamped-removed"), Severity::Error, message);
        finding.environment = diff->config;
        finding.revision = row;
        finding.fix = fix;
        diff->findings.append(finding);
    }
}

QString Comparison::stampCommand(const DatabaseCheck &check, const QStringList &targets) const
{
    QStringList words{QStringLiteral("revscope"), QStringLiteral("db"), QStringLiteral("stamp"),
                      shellQuoted(m_options.project)};
    const EnvironmentInspection *target = m_to.environment(check.environment);
    if (target && m_to.inspection->environments.size() > 1) {
        // `db stamp` needs the environment named when the project has several.
        words << QStringLiteral("--config")
              << shellQuoted(m_options.project + QLatin1Char('/') + target->config);
    }
    if (!m_options.databaseArguments.isEmpty()) {
        words << m_options.databaseArguments;
    } else if (m_options.database.fromIni()) {
        words << QStringLiteral("--db") << QStringLiteral("ini");
    } else {
        words << QStringLiteral("--db") << shellQuoted(check.url.redacted());
    }
    if (!m_options.database.versionTable.isEmpty()) {
        words << QStringLiteral("--version-table") << shellQuoted(m_options.database.versionTable);
    }
    if (!m_options.database.schema.isEmpty()) {
        words << QStringLiteral("--version-table-schema") << shellQuoted(m_options.database.schema);
    }
    for (const QString &id : targets) {
        words << shellQuoted(id);
    }
    return words.join(QLatin1Char(' '));
}

const EnvironmentDiff *Comparison::environment(const QString &label) const
{
    for (const EnvironmentDiff &diff : m_environments) {
        if (diff.config == label) {
            return &diff;
        }
    }
    return nullptr;
}

const DatabaseCheck *Comparison::databaseCheck(const QString &label) const
{
    for (const DatabaseCheck &check : m_databases) {
        if (check.environment == label) {
            return &check;
        }
    }
    return nullptr;
}

QStringList Comparison::databaseErrors() const
{
    QStringList sentences;
    if (!m_databaseInspection) {
        return sentences;
    }
    for (const EnvironmentInspection &ei : m_databaseInspection->environments) {
        if (!ei.database || ei.database->database().isReadable()) {
            continue;
        }
        const DatabaseState &state = ei.database->database();
        const QString sentence =
            state.error.isEmpty()
                ? QCoreApplication::translate("Comparison", "The database %1 could not be read.")
                      .arg(state.url)
                : state.error;
        if (!sentences.contains(sentence)) {
            sentences.append(sentence);
        }
    }
    return sentences;
}

Comparison Comparison::withSquash(const QString &label, QList<SquashMapping> mapping) const
{
    Comparison result = *this;
    for (SquashMapping &entry : mapping) {
        entry.confirmed = true;
    }
    for (EnvironmentDiff &diff : result.m_environments) {
        if (diff.config != label) {
            continue;
        }
        diff = RevisionDiff::withMapping(diff, mapping, *m_from.inspection, *m_to.inspection);
        for (DatabaseCheck &check : result.m_databases) {
            if (check.environment == label) {
                result.checkDatabase(&diff, &check);
            }
        }
    }
    return result;
}

bool Comparison::overrideSquash(const QList<SquashMapping> &given, Comparison *result,
                                QString *error) const
{
    QList<QList<SquashMapping>> perEnvironment(m_environments.size());
    for (const SquashMapping &entry : given) {
        QString reason;
        bool applied = false;
        for (qsizetype e = 0; e < m_environments.size(); ++e) {
            const QString why =
                RevisionDiff::validate(m_environments.at(e), *m_to.inspection, entry);
            if (why.isEmpty()) {
                perEnvironment[e].append(entry);
                applied = true;
            } else if (reason.isEmpty()) {
                reason = why;
            }
        }
        if (!applied) {
            if (reason.isEmpty()) {
                reason = QCoreApplication::translate("Comparison", "no Alembic environment found");
            }
            *error = QCoreApplication::translate("Comparison", "%1 cannot replace %2: %3.")
                         .arg(entry.replacedBy, entry.removed.join(QLatin1String(", ")), reason);
            return false;
        }
    }
    *result = *this;
    for (qsizetype e = 0; e < m_environments.size(); ++e) {
        if (perEnvironment.at(e).isEmpty()) {
            continue;
        }
        EnvironmentDiff &diff = result->m_environments[e];
        diff =
            RevisionDiff::withMapping(diff, RevisionDiff::merged(diff.squash, perEnvironment.at(e)),
                                      *m_from.inspection, *m_to.inspection);
        for (DatabaseCheck &check : result->m_databases) {
            if (check.environment == diff.config) {
                result->checkDatabase(&diff, &check);
            }
        }
    }
    return true;
}

bool Comparison::hasFindingAtLeast(Severity severity) const
{
    for (const EnvironmentDiff &diff : m_environments) {
        for (const Finding &finding : diff.findings) {
            if (int(finding.severity) >= int(severity)) {
                return true;
            }
        }
    }
    return false;
}

} // namespace Revscope
