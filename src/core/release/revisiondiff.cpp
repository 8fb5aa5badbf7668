#include "revisiondiff.h"

#include "inspection/inspection.h"
#include "release/releaselock.h"

#include <QCoreApplication>
#include <QHash>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace Revscope {

namespace {

const EnvironmentInspection *findEnvironment(const Inspection &inspection, const QString &label)
{
    for (const EnvironmentInspection &ei : inspection.environments) {
        if (ei.label == label) {
            return &ei;
        }
    }
    return nullptr;
}

// The revisions scripts define (Alembic loads them), by id.
QHash<QString, const Revision *> defined(const EnvironmentInspection *ei)
{
    QHash<QString, const Revision *> out;
    if (!ei) {
        return out;
    }
    for (const Revision &node : ei->graph.nodes()) {
        if (node.origin == RevisionOrigin::Source) {
            out.insert(node.id, ei->graph.revision(node.id));
        }
    }
    return out;
}

QStringList sortedKeys(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}

QString shortId(const QString &commit)
{
    return commit.left(7);
}

Finding make(const QString &code, Severity severity, const QString &message, const QString &label,
             const QString &file = QString(), int line = 0)
{
    Finding finding = Finding::make(code, severity, message, file, line);
    finding.environment = label;
    return finding;
}

// The squash checks of one environment, with the mapping `diff.squash`.
Findings squashChecks(const EnvironmentDiff &diff, const Inspection &to,
                      const EnvironmentInspection *before, const EnvironmentInspection *after)
{
    const QString &label = diff.config;
    const QHash<QString, const Revision *> now = defined(after);
    const QSet<QString> removed(diff.removed.cbegin(), diff.removed.cend());
    Findings findings;
    QHash<QString, QString> replacementOf;
    for (const SquashMapping &mapping : std::as_const(diff.squash)) {
        for (const QString &id : mapping.removed) {
            replacementOf.insert(id, mapping.replacedBy);
        }
    }

    // Every removed head is covered.
    const QStringList headsBefore = before ? before->graph.heads() : QStringList();
    const QStringList headsAfter = after ? after->graph.heads() : QStringList();
    for (const QString &head : headsBefore) {
        if (removed.contains(head) && !replacementOf.contains(head)) {
            Finding finding =
                make(QStringLiteral("squash-uncovered-head"), Severity::Error,
                     QCoreApplication::translate("RevisionDiff",
                                                 "Head %1 was removed and no revision replaces "
                                                 "it; a database at %1 cannot upgrade")
                         .arg(head),
                     label);
            finding.revision = head;
            findings.append(finding);
        }
    }
    // Heads after correspond to heads before.
    if (after) {
        QSet<QString> matchedBefore;
        for (const QString &head : headsAfter) {
            const QSet<QString> ancestors = after->graph.ancestors(head, false);
            bool matched = false;
            for (const QString &oldHead : headsBefore) {
                const QString stand = replacementOf.value(oldHead, oldHead);
                // A head removed with no replacement falls back to what survived below it.
                const bool fellBack = removed.contains(oldHead) &&
                                      !replacementOf.contains(oldHead) && before &&
                                      before->graph.ancestors(oldHead, false).contains(head);
                if (stand == head || ancestors.contains(stand) || fellBack) {
                    matchedBefore.insert(oldHead);
                    matched = true;
                }
            }
            if (!matched && !headsBefore.isEmpty()) {
                Finding finding =
                    make(QStringLiteral("squash-new-head"), Severity::Warning,
                         QCoreApplication::translate("RevisionDiff",
                                                     "Head %1 corresponds to no head before; the "
                                                     "squash may have split the history")
                             .arg(head),
                         label, now.contains(head) ? now.value(head)->file : QString(),
                         now.contains(head) ? now.value(head)->line : 0);
                finding.revision = head;
                findings.append(finding);
            }
        }
        for (const QString &oldHead : headsBefore) {
            if (!matchedBefore.contains(oldHead) &&
                (!removed.contains(oldHead) || replacementOf.contains(oldHead))) {
                Finding finding =
                    make(QStringLiteral("squash-lost-head"), Severity::Error,
                         QCoreApplication::translate("RevisionDiff",
                                                     "Head %1 before corresponds to no head "
                                                     "after; databases at it cannot reach a head")
                             .arg(oldHead),
                         label);
                finding.revision = oldHead;
                findings.append(finding);
            }
        }
    }
    // No remaining script names a removed revision.
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        const Revision *revision = it.value();
        for (const QString &parent : revision->downRevisions + revision->dependsOn) {
            if (!removed.contains(parent)) {
                continue;
            }
            const QString replacement = replacementOf.value(parent);
            const bool isDown = revision->downRevisions.contains(parent);
            Finding finding =
                make(QStringLiteral("squash-dangling-reference"), Severity::Error,
                     QCoreApplication::translate("RevisionDiff",
                                                 "Revision %1 still names removed revision %2")
                         .arg(it.key(), parent),
                     label, revision->file,
                     isDown ? revision->downRevisionLine : revision->dependsOnLine);
            finding.revision = it.key();
            if (!replacement.isEmpty()) {
                finding.fix =
                    QCoreApplication::translate("RevisionDiff", "Point it at %1, which replaces %2")
                        .arg(replacement, parent);
            }
            findings.append(finding);
        }
    }
    // No bytecode defines a removed revision.
    for (const BytecodeInfo &file : to.bytecode) {
        const QString id = file.revision();
        if (!id.isEmpty() && removed.contains(id)) {
            Finding finding = make(QStringLiteral("squash-removed-in-bytecode"), Severity::Error,
                                   QCoreApplication::translate(
                                       "RevisionDiff", "%1 still defines removed revision %2; with "
                                                       "sourceless or a stale cache it comes back")
                                       .arg(to.relativePath(file.path), id),
                                   label, file.path);
            finding.revision = id;
            findings.append(finding);
        }
    }
    return findings;
}

} // namespace

Findings RevisionDiff::check(const EnvironmentDiff &diff, const Inspection &from,
                             const Inspection &to)
{
    return squashChecks(diff, to, findEnvironment(from, diff.config),
                        findEnvironment(to, diff.config));
}

EnvironmentDiff RevisionDiff::withMapping(const EnvironmentDiff &diff,
                                          const QList<SquashMapping> &mapping,
                                          const Inspection &from, const Inspection &to)
{
    // Later entries win an id; the mapping is rebuilt from the id's owner.
    QHash<QString, int> owner;
    for (int i = 0; i < mapping.size(); ++i) {
        for (const QString &id : mapping.at(i).removed) {
            if (diff.removed.contains(id)) {
                owner.insert(id, i);
            }
        }
    }
    QMap<QString, SquashMapping> joined;
    for (int i = 0; i < mapping.size(); ++i) {
        const SquashMapping &entry = mapping.at(i);
        if (entry.replacedBy.isEmpty()) {
            continue;
        }
        QStringList ids;
        for (const QString &id : entry.removed) {
            if (owner.value(id, -1) == i && !ids.contains(id)) {
                ids.append(id);
            }
        }
        if (ids.isEmpty()) {
            continue;
        }
        const bool fresh = !joined.contains(entry.replacedBy);
        SquashMapping &target = joined[entry.replacedBy];
        target.replacedBy = entry.replacedBy;
        target.removed += ids;
        target.removed.sort();
        target.confirmed = fresh ? entry.confirmed : target.confirmed && entry.confirmed;
        if (target.evidence.isEmpty()) {
            target.evidence = entry.evidence;
        }
    }
    EnvironmentDiff result = diff;
    result.squash = joined.values();
    result.findings = check(result, from, to);
    return result;
}

QList<SquashMapping> RevisionDiff::merged(const QList<SquashMapping> &current,
                                          const QList<SquashMapping> &given)
{
    QSet<QString> taken;
    QSet<QString> replacements;
    for (const SquashMapping &entry : given) {
        replacements.insert(entry.replacedBy);
        for (const QString &id : entry.removed) {
            taken.insert(id);
        }
    }
    QList<SquashMapping> result;
    for (SquashMapping entry : current) {
        if (replacements.contains(entry.replacedBy)) {
            continue;
        }
        entry.removed.removeIf([&taken](const QString &id) { return taken.contains(id); });
        if (!entry.removed.isEmpty()) {
            result.append(entry);
        }
    }
    for (SquashMapping entry : given) {
        entry.confirmed = true;
        result.append(entry);
    }
    return result;
}

QString RevisionDiff::validate(const EnvironmentDiff &diff, const Inspection &to,
                               const SquashMapping &entry)
{
    if (!defined(findEnvironment(to, diff.config)).contains(entry.replacedBy)) {
        return QCoreApplication::translate("RevisionDiff",
                                           "%1 is not a revision of the newer version")
            .arg(entry.replacedBy);
    }
    if (entry.removed.isEmpty()) {
        return QCoreApplication::translate("RevisionDiff", "%1 replaces no revision")
            .arg(entry.replacedBy);
    }
    for (const QString &id : entry.removed) {
        if (!diff.removed.contains(id)) {
            return QCoreApplication::translate("RevisionDiff",
                                               "%1 was not removed between the two versions")
                .arg(id);
        }
    }
    return {};
}

bool RevisionDiff::mentionsSquash(const QString &message)
{
    return message.contains(QLatin1String("squash"), Qt::CaseInsensitive) ||
           message.contains(QLatin1String("replace"), Qt::CaseInsensitive);
}

QList<EnvironmentDiff> RevisionDiff::compare(const Inspection &from, const Inspection &to,
                                             const QList<CommitChange> &commits)
{
    QSet<QString> labelSet;
    for (const EnvironmentInspection &ei : from.environments) {
        labelSet.insert(ei.label);
    }
    for (const EnvironmentInspection &ei : to.environments) {
        labelSet.insert(ei.label);
    }
    QList<EnvironmentDiff> result;
    for (const QString &label : sortedKeys(labelSet)) {
        const EnvironmentInspection *before = findEnvironment(from, label);
        const EnvironmentInspection *after = findEnvironment(to, label);
        const QHash<QString, const Revision *> old = defined(before);
        const QHash<QString, const Revision *> now = defined(after);
        EnvironmentDiff diff;
        diff.config = label;

        QSet<QString> removed;
        QSet<QString> added;
        QSet<QString> edited;
        QSet<QString> candidates; // revisions that may stand for removed ones
        for (auto it = old.cbegin(); it != old.cend(); ++it) {
            if (!now.contains(it.key())) {
                removed.insert(it.key());
            }
        }
        for (auto it = now.cbegin(); it != now.cend(); ++it) {
            const Revision *revision = it.value();
            const Revision *was = old.value(it.key(), nullptr);
            if (!was) {
                added.insert(it.key());
                candidates.insert(it.key());
                continue;
            }
            if (was->downRevisions != revision->downRevisions) {
                diff.rewired.append(
                    RewiredRevision{it.key(), was->downRevisions, revision->downRevisions});
                candidates.insert(it.key());
            }
            if (ReleaseLock::hashFile(was->file) != ReleaseLock::hashFile(revision->file)) {
                edited.insert(it.key());
            }
        }
        diff.removed = sortedKeys(removed);
        diff.added = sortedKeys(added);
        diff.edited = sortedKeys(edited);
        std::sort(diff.rewired.begin(), diff.rewired.end(),
                  [](const RewiredRevision &a, const RewiredRevision &b) { return a.id < b.id; });

        // Removed revisions fall into connected runs; each run is replaced by one revision.
        QHash<QString, QString> component; // removed id -> representative
        for (const QString &id : std::as_const(diff.removed)) {
            component.insert(id, id);
        }
        const auto findRoot = [&component](QString id) {
            while (component.value(id) != id) {
                id = component.value(id);
            }
            return id;
        };
        for (const QString &id : std::as_const(diff.removed)) {
            for (const QString &parent : old.value(id)->downRevisions) {
                if (removed.contains(parent)) {
                    const QString a = findRoot(id);
                    const QString b = findRoot(parent);
                    if (a != b) {
                        component.insert(std::max(a, b), std::min(a, b));
                    }
                }
            }
        }
        QMap<QString, QStringList> runs;
        for (const QString &id : std::as_const(diff.removed)) {
            runs[findRoot(id)].append(id);
        }

        // Which file defined which revision, to read the commits.
        QHash<QString, QString> oldByFile;
        QHash<QString, QString> newByFile;
        for (auto it = old.cbegin(); it != old.cend(); ++it) {
            oldByFile.insert(from.relativePath(it.value()->file), it.key());
        }
        for (auto it = now.cbegin(); it != now.cend(); ++it) {
            newByFile.insert(to.relativePath(it.value()->file), it.key());
        }
        const QStringList sortedCandidates = sortedKeys(candidates);
        const QStringList beforeBases = before ? before->graph.bases() : QStringList();

        QMap<QString, SquashMapping> mappings;
        for (auto run = runs.cbegin(); run != runs.cend(); ++run) {
            const QStringList &members = run.value();
            const QSet<QString> memberSet(members.cbegin(), members.cend());
            QString replacement;
            QString evidence;
            // 1. A commit deleted their scripts and added (or rewrote) the replacement's.
            for (const CommitChange &commit : commits) {
                const bool deletes = std::any_of(
                    commit.deleted.cbegin(), commit.deleted.cend(),
                    [&](const QString &p) { return memberSet.contains(oldByFile.value(p)); });
                if (!deletes) {
                    continue;
                }
                QStringList touched;
                for (const QString &p : commit.added) {
                    const QString id = newByFile.value(p);
                    if (candidates.contains(id)) {
                        touched.append(id);
                    }
                }
                touched.sort();
                if (!touched.isEmpty()) {
                    replacement = touched.first();
                    evidence = QCoreApplication::translate("RevisionDiff",
                                                           "added in %1 '%2', which removed them")
                                   .arg(shortId(commit.id), commit.summary);
                    break;
                }
            }
            // 2. A new base where a removed base was.
            const bool hasBase =
                std::any_of(members.cbegin(), members.cend(),
                            [&](const QString &id) { return beforeBases.contains(id); });
            if (replacement.isEmpty() && hasBase) {
                for (const QString &id : sortedCandidates) {
                    if (now.value(id)->isBase() &&
                        (!old.contains(id) || !old.value(id)->isBase())) {
                        replacement = id;
                        evidence = QCoreApplication::translate(
                            "RevisionDiff", "a new base where a removed base was");
                        break;
                    }
                }
            }
            // 3. A revision that moved off the run now follows the replacement.
            if (replacement.isEmpty()) {
                for (const RewiredRevision &rewired : std::as_const(diff.rewired)) {
                    const bool leftRun =
                        std::any_of(rewired.from.cbegin(), rewired.from.cend(),
                                    [&](const QString &id) { return memberSet.contains(id); });
                    if (!leftRun) {
                        continue;
                    }
                    for (const QString &id : rewired.to) {
                        if (added.contains(id)) {
                            replacement = id;
                            evidence = QCoreApplication::translate("RevisionDiff",
                                                                   "%1 now follows it instead")
                                           .arg(rewired.id);
                            break;
                        }
                    }
                    if (!replacement.isEmpty()) {
                        break;
                    }
                }
            }
            // 4. Its docstring says it squashes or replaces.
            if (replacement.isEmpty()) {
                for (const QString &id : sortedCandidates) {
                    if (mentionsSquash(now.value(id)->message)) {
                        replacement = id;
                        evidence = QCoreApplication::translate("RevisionDiff",
                                                               "its message mentions a squash");
                        break;
                    }
                }
            }
            if (replacement.isEmpty()) {
                continue;
            }
            SquashMapping &mapping = mappings[replacement];
            mapping.replacedBy = replacement;
            mapping.removed += members;
            mapping.removed.sort();
            if (mapping.evidence.isEmpty()) {
                mapping.evidence = evidence;
            }
        }
        diff.squash = mappings.values();

        diff.findings = squashChecks(diff, to, before, after);
        result.append(diff);
    }
    return result;
}

} // namespace Revscope
