#include "cleanupexecutor.h"

#include "cleanup/cleanupplanner.h"
#include "project/directoryreader.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>

namespace Revscope {

namespace {

const QString kBegin = QStringLiteral("-begin");

QString sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// Whether anything, even a dangling symlink, is at `path`.
bool occupied(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() || info.isSymLink();
}

// `path` is reached from `root` without symbolic links and stays inside it.
bool confined(const QString &root, const QString &canonicalRoot, const QString &path)
{
    const QString relative = QDir(root).relativeFilePath(path);
    if (canonicalRoot.isEmpty() || relative.startsWith(QLatin1String("../")) ||
        relative == QLatin1String("..") || QDir::isAbsolutePath(relative)) {
        return false;
    }
    const QString canonical = DirectoryReader::canonicalPath(path);
    const QString expected = relative == QLatin1String(".")
                                 ? canonicalRoot
                                 : canonicalRoot + QLatin1Char('/') + relative;
    return !canonical.isEmpty() && canonical == expected;
}

// rename(2), or copy, check and remove across file systems; never overwrites.
bool moveFile(const QString &from, const QString &to, const QString &sha256, QString *error)
{
    if (occupied(to)) {
        *error = QCoreApplication::translate("CleanupExecutor", "%1 already exists").arg(to);
        return false;
    }
    if (!QDir().mkpath(QFileInfo(to).absolutePath())) {
        *error = QCoreApplication::translate("CleanupExecutor", "cannot create the folder of %1")
                     .arg(to);
        return false;
    }
    if (QDir().rename(from, to)) {
        return true;
    }
    QFile source(from);
    const QDateTime mtime = QFileInfo(from).lastModified();
    if (!source.copy(to)) {
        *error = source.errorString();
        return false;
    }
    if (!sha256.isEmpty() && CleanupPlanner::fileSha256(to) != sha256) {
        QFile::remove(to);
        *error = QCoreApplication::translate("CleanupExecutor",
                                             "the copy of %1 differs from the original")
                     .arg(from);
        return false;
    }
    if (!QFile::remove(from)) {
        QFile::remove(to);
        *error = QCoreApplication::translate("CleanupExecutor", "%1 cannot be removed").arg(from);
        return false;
    }
    QFile copy(to);
    if (copy.open(QIODevice::ReadOnly)) {
        copy.setFileTime(mtime, QFileDevice::FileModificationTime);
    }
    return true;
}

bool writeAtomically(const QString &path, const QByteArray &content, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() ||
        !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

// The freedesktop.org trash keeps `files/<name>` with `info/<name>.trashinfo`.
QString trashInfoOf(const QString &trashedPath)
{
    const QFileInfo info(trashedPath);
    const QDir files = info.dir();
    if (files.dirName() != QLatin1String("files")) {
        return {};
    }
    return QDir::cleanPath(files.absolutePath() + QStringLiteral("/../info/") + info.fileName() +
                           QStringLiteral(".trashinfo"));
}

// A file trashed from `originalPath` with content `sha256`, when the journal
// did not get to record where it went (a crash right after the move).
QString findInTrash(const QString &originalPath, const QString &sha256)
{
    const QString trash = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                          QStringLiteral("/Trash");
    const QDir infoDir(trash + QStringLiteral("/info"));
    const QStringList names = infoDir.entryList({QStringLiteral("*.trashinfo")}, QDir::Files);
    for (const QString &name : names) {
        QFile info(infoDir.filePath(name));
        if (!info.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QList<QByteArray> lines = info.readAll().split('\n');
        for (const QByteArray &line : lines) {
            if (!line.startsWith("Path=") ||
                QUrl::fromPercentEncoding(line.mid(5).trimmed()) != originalPath) {
                continue;
            }
            const QString file = trash + QStringLiteral("/files/") + name.chopped(10);
            if (CleanupPlanner::fileSha256(file) == sha256) {
                return file;
            }
        }
    }
    return {};
}

} // namespace

int CleanupResult::count(CleanupOutcome::Status status) const
{
    return int(std::count_if(outcomes.cbegin(), outcomes.cend(),
                             [status](const CleanupOutcome &o) { return o.status == status; }));
}

bool CleanupResult::ok() const
{
    return error.isEmpty() && count(CleanupOutcome::Status::Failed) == 0 &&
           count(CleanupOutcome::Status::NotRun) == 0;
}

CleanupExecutor::CleanupExecutor(Journal *journal)
    : m_journal(journal),
      m_quarantineRoot(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                       QStringLiteral("/quarantine"))
{}

bool CleanupExecutor::journal(qint64 operationId, const JournalFileEntry &entry,
                              CleanupOutcome *outcome, bool *stop)
{
    if (m_journal->recordFile(operationId, entry)) {
        return true;
    }
    outcome->status = CleanupOutcome::Status::Failed;
    outcome->message = m_journal->error();
    *stop = true;
    return false;
}

CleanupResult CleanupExecutor::execute(const CleanupPlan &plan)
{
    CleanupResult result;
    m_canonicalRoot = DirectoryReader::canonicalPath(plan.root);
    if (plan.enabledCount() == 0) {
        return result;
    }
    if (!m_journal) {
        result.error =
            QCoreApplication::translate("CleanupExecutor", "No journal: nothing was changed.");
        return result;
    }
    const QString summary =
        QCoreApplication::translate("CleanupExecutor", "Clean up %1 item(s), %2 byte(s)")
            .arg(plan.enabledCount())
            .arg(plan.enabledBytes());
    result.journalId =
        m_journal->beginOperation(JournalOperation::Kind::Cleanup, plan.root, summary);
    if (result.journalId <= 0) {
        result.error = m_journal->error();
        return result;
    }
    bool stop = false;
    for (int i = 0; i < plan.actions.size(); ++i) {
        const CleanupAction &action = plan.actions.at(i);
        if (!action.enabled) {
            continue;
        }
        if (stop) {
            CleanupOutcome outcome;
            outcome.kind = action.kind;
            outcome.path = action.path;
            outcome.reason = action.reason;
            outcome.bytes = action.bytes;
            outcome.sha256 = action.sha256;
            outcome.status = CleanupOutcome::Status::NotRun;
            result.outcomes.append(outcome);
            continue;
        }
        result.outcomes.append(runAction(result.journalId, i, action, plan, &stop));
        if (stop && result.error.isEmpty()) {
            result.error = QCoreApplication::translate("CleanupExecutor", "Stopped at %1: %2")
                               .arg(plan.relativePath(action.path), result.outcomes.last().message);
        }
    }
    const int done = result.count(CleanupOutcome::Status::Done);
    const QString note = done == 0 && result.error.isEmpty()
                             ? QCoreApplication::translate(
                                   "CleanupExecutor", "Nothing changed: every action was skipped.")
                             : result.error;
    m_journal->finishOperation(
        result.journalId,
        done > 0 ? JournalOperation::State::Done : JournalOperation::State::Failed, note);
    return result;
}

CleanupOutcome CleanupExecutor::runAction(qint64 operationId, int index,
                                          const CleanupAction &action, const CleanupPlan &plan,
                                          bool *stop)
{
    CleanupOutcome outcome;
    outcome.kind = action.kind;
    outcome.path = action.path;
    outcome.reason = action.reason;
    outcome.bytes = action.bytes;
    outcome.sha256 = action.sha256;
    const auto skipped = [&outcome](const QString &why) {
        outcome.status = CleanupOutcome::Status::Skipped;
        outcome.message = why;
        return outcome;
    };
    const auto failed = [&outcome, stop](const QString &why) {
        outcome.status = CleanupOutcome::Status::Failed;
        outcome.message = why;
        *stop = true;
        return outcome;
    };
    const QFileInfo info(action.path);
    if (info.isSymLink()) {
        return skipped(QCoreApplication::translate(
            "CleanupExecutor", "it is a symbolic link; links are never followed"));
    }
    const bool exists = info.exists();
    const QString confinedPath = exists || action.kind != CleanupAction::Kind::EditIgnore
                                     ? action.path
                                     : info.absolutePath();
    if (!confined(plan.root, m_canonicalRoot, confinedPath)) {
        return skipped(QCoreApplication::translate(
            "CleanupExecutor", "it is outside the project root after resolving symbolic links"));
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();

    if (action.kind == CleanupAction::Kind::Trash) {
        if (action.path.endsWith(QLatin1String(".py"))) {
            return skipped(
                QCoreApplication::translate("CleanupExecutor", "a Python source is never removed"));
        }
        if (!exists || !info.isFile()) {
            return skipped(
                QCoreApplication::translate("CleanupExecutor", "it is no longer a regular file"));
        }
        if (info.size() != action.bytes ||
            info.lastModified().toMSecsSinceEpoch() != action.mtime.toMSecsSinceEpoch() ||
            CleanupPlanner::fileSha256(action.path) != action.sha256) {
            return skipped(QCoreApplication::translate("CleanupExecutor",
                                                       "it changed since the plan was made"));
        }
        JournalFileEntry entry{QStringLiteral("trash") + kBegin,
                               action.path,
                               action.bytes,
                               action.sha256,
                               action.mtime,
                               QString(),
                               now};
        if (m_preferQuarantine) {
            entry.action = QStringLiteral("quarantine") + kBegin;
            entry.destination = m_quarantineRoot + QLatin1Char('/') + QString::number(operationId) +
                                QLatin1Char('/') + plan.relativePath(action.path);
        }
        if (!journal(operationId, entry, &outcome, stop)) {
            return outcome;
        }
        if (m_hook && !m_hook(index, action)) {
            return failed(
                QCoreApplication::translate("CleanupExecutor", "the action was interrupted"));
        }
        QString error;
        QString destination;
        QString kind = QStringLiteral("trash");
        if (!m_preferQuarantine) {
            // The trash is made inside the data folder, which must exist.
            QDir().mkpath(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation));
        }
        if (!m_preferQuarantine && QFile::moveToTrash(action.path, &destination)) {
            // moved
        } else {
            if (!m_preferQuarantine) {
                // The trash could not take it: journal the new destination first.
                entry.action = QStringLiteral("quarantine") + kBegin;
                entry.destination = m_quarantineRoot + QLatin1Char('/') +
                                    QString::number(operationId) + QLatin1Char('/') +
                                    plan.relativePath(action.path);
                if (!journal(operationId, entry, &outcome, stop)) {
                    return outcome;
                }
            }
            kind = QStringLiteral("quarantine");
            destination = entry.destination;
            if (!moveFile(action.path, destination, action.sha256, &error)) {
                return failed(
                    QCoreApplication::translate("CleanupExecutor",
                                                "cannot move it to the trash or the quarantine: %1")
                        .arg(error));
            }
        }
        entry.action = kind;
        entry.destination = destination;
        entry.time = QDateTime::currentDateTimeUtc();
        outcome.destination = destination;
        if (!journal(operationId, entry, &outcome, stop)) {
            return outcome;
        }
        outcome.status = CleanupOutcome::Status::Done;
        return outcome;
    }

    if (action.kind == CleanupAction::Kind::RemoveFolder) {
        if (!exists || !info.isDir()) {
            return skipped(
                QCoreApplication::translate("CleanupExecutor", "it is no longer a folder"));
        }
        if (!QDir(action.path)
                 .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)
                 .isEmpty()) {
            return skipped(QCoreApplication::translate("CleanupExecutor", "it is not empty"));
        }
        JournalFileEntry entry{QStringLiteral("rmdir") + kBegin,
                               action.path,
                               -1,
                               QString(),
                               action.mtime,
                               QString(),
                               now};
        if (!journal(operationId, entry, &outcome, stop)) {
            return outcome;
        }
        if (m_hook && !m_hook(index, action)) {
            return failed(
                QCoreApplication::translate("CleanupExecutor", "the action was interrupted"));
        }
        if (!QDir().rmdir(action.path)) {
            return failed(
                QCoreApplication::translate("CleanupExecutor", "the folder cannot be removed"));
        }
        entry.action = QStringLiteral("rmdir");
        entry.time = QDateTime::currentDateTimeUtc();
        if (!journal(operationId, entry, &outcome, stop)) {
            return outcome;
        }
        outcome.status = CleanupOutcome::Status::Done;
        return outcome;
    }

    // EditIgnore: the original content is kept in the quarantine.
    if (exists != action.fileExisted || (exists && !info.isFile())) {
        return skipped(
            QCoreApplication::translate("CleanupExecutor", "it changed since the plan was made"));
    }
    QByteArray current;
    if (exists) {
        QFile in(action.path);
        if (!in.open(QIODevice::ReadOnly)) {
            return skipped(QCoreApplication::translate("CleanupExecutor", "it cannot be read"));
        }
        current = in.readAll();
        if (sha256Of(current) != action.sha256) {
            return skipped(QCoreApplication::translate("CleanupExecutor",
                                                       "it changed since the plan was made"));
        }
    }
    const QString backup = m_quarantineRoot + QLatin1Char('/') + QString::number(operationId) +
                           QStringLiteral("/edits/") + plan.relativePath(action.path);
    QString error;
    if (exists && (!QDir().mkpath(QFileInfo(backup).absolutePath()) ||
                   !writeAtomically(backup, current, &error))) {
        return failed(QCoreApplication::translate("CleanupExecutor",
                                                  "cannot keep a copy of the original in %1: %2")
                          .arg(backup, error));
    }
    const QString kind = exists ? QStringLiteral("edit") : QStringLiteral("create");
    JournalFileEntry entry{kind + kBegin,
                           action.path,
                           exists ? action.bytes : -1,
                           action.sha256,
                           action.mtime,
                           exists ? backup : QString(),
                           now};
    if (!journal(operationId, entry, &outcome, stop)) {
        return outcome;
    }
    if (m_hook && !m_hook(index, action)) {
        return failed(QCoreApplication::translate("CleanupExecutor", "the action was interrupted"));
    }
    if (!writeAtomically(action.path, action.newContent, &error)) {
        return failed(
            QCoreApplication::translate("CleanupExecutor", "cannot write it: %1").arg(error));
    }
    entry.action = kind;
    entry.size = action.newContent.size();
    entry.sha256 = sha256Of(action.newContent);
    entry.mtime = QFileInfo(action.path).lastModified().toUTC();
    entry.time = QDateTime::currentDateTimeUtc();
    outcome.destination = entry.destination;
    if (!journal(operationId, entry, &outcome, stop)) {
        return outcome;
    }
    outcome.status = CleanupOutcome::Status::Done;
    return outcome;
}

std::optional<JournalOperation> CleanupExecutor::latestCleanup(const Journal &journal,
                                                               const QString &root)
{
    const QString clean = QDir::cleanPath(root);
    const QList<JournalOperation> operations = journal.operations(JournalOperation::Kind::Cleanup);
    for (const JournalOperation &operation : operations) {
        if (QDir::cleanPath(operation.projectRoot) == clean && !operation.isUndone() &&
            operation.state != JournalOperation::State::Failed) {
            return journal.operation(operation.id);
        }
    }
    return std::nullopt;
}

CleanupResult CleanupExecutor::undo(qint64 operationId)
{
    CleanupResult result;
    result.journalId = operationId;
    if (!m_journal) {
        result.error =
            QCoreApplication::translate("CleanupExecutor", "No journal: nothing can be undone.");
        return result;
    }
    const std::optional<JournalOperation> operation = m_journal->operation(operationId);
    if (!operation) {
        result.error = m_journal->error();
        return result;
    }
    if (operation->kind != JournalOperation::Kind::Cleanup) {
        result.error =
            QCoreApplication::translate("CleanupExecutor", "Journal operation %1 is not a cleanup.")
                .arg(operationId);
        return result;
    }
    if (operation->isUndone()) {
        result.error = QCoreApplication::translate("CleanupExecutor",
                                                   "Journal operation %1 is already undone.")
                           .arg(operationId);
        return result;
    }
    // Pair each action's "begin" entry with its "after" entry.
    struct Step
    {
        JournalFileEntry begin;
        std::optional<JournalFileEntry> after;
    };
    QList<Step> steps;
    for (const JournalFileEntry &entry : operation->files) {
        if (entry.action.endsWith(kBegin)) {
            if (!steps.isEmpty() && !steps.last().after &&
                steps.last().begin.originalPath == entry.originalPath) {
                steps.last().begin = entry; // the trash refused it: re-journaled for the quarantine
            } else {
                steps.append({entry, std::nullopt});
            }
        } else if (!steps.isEmpty() && steps.last().begin.originalPath == entry.originalPath &&
                   !steps.last().after) {
            steps.last().after = entry;
        } else {
            steps.append({entry, entry});
        }
    }

    for (qsizetype i = steps.size() - 1; i >= 0; --i) {
        const Step &step = steps.at(i);
        const QString kind = step.begin.action.chopped(step.begin.action.endsWith(kBegin) ? 6 : 0);
        const QString path = step.begin.originalPath;
        CleanupOutcome outcome;
        outcome.path = path;
        outcome.reason = kind;
        outcome.bytes = step.begin.size < 0 ? 0 : step.begin.size;
        outcome.sha256 = step.begin.sha256;
        outcome.status = CleanupOutcome::Status::Done;
        const auto refuse = [&outcome](const QString &why) {
            outcome.status = CleanupOutcome::Status::Failed;
            outcome.message = why;
        };
        const QFileInfo info(path);

        if (kind == QLatin1String("rmdir")) {
            outcome.kind = CleanupAction::Kind::RemoveFolder;
            if (info.isSymLink() || (info.exists() && !info.isDir())) {
                refuse(QCoreApplication::translate(
                           "CleanupExecutor", "something else appeared at %1 since the cleanup")
                           .arg(path));
            } else if (!info.exists() && !QDir().mkpath(path)) {
                refuse(QCoreApplication::translate("CleanupExecutor", "cannot create the folder %1")
                           .arg(path));
            }
            result.outcomes.append(outcome);
            continue;
        }

        if (kind == QLatin1String("edit") || kind == QLatin1String("create")) {
            outcome.kind = CleanupAction::Kind::EditIgnore;
            const QString currentSha =
                occupied(path) ? CleanupPlanner::fileSha256(path) : QString();
            const QString writtenSha = step.after ? step.after->sha256 : QString();
            if (currentSha == step.begin.sha256) {
                // never written, or already restored
            } else if (!step.after || info.isSymLink() || currentSha != writtenSha) {
                refuse(QCoreApplication::translate(
                           "CleanupExecutor", "%1 changed since the cleanup; it is left as it is")
                           .arg(path));
            } else if (kind == QLatin1String("create")) {
                if (!QFile::remove(path)) {
                    refuse(QCoreApplication::translate("CleanupExecutor", "cannot remove %1")
                               .arg(path));
                }
            } else {
                QFile backup(step.begin.destination);
                QString error;
                if (!backup.open(QIODevice::ReadOnly)) {
                    refuse(QCoreApplication::translate("CleanupExecutor",
                                                       "the original of %1 is missing from %2")
                               .arg(path, step.begin.destination));
                } else {
                    const QByteArray original = backup.readAll();
                    if (sha256Of(original) != step.begin.sha256) {
                        refuse(QCoreApplication::translate("CleanupExecutor",
                                                           "the kept original %1 changed")
                                   .arg(step.begin.destination));
                    } else if (!writeAtomically(path, original, &error)) {
                        refuse(QCoreApplication::translate("CleanupExecutor", "cannot write %1: %2")
                                   .arg(path, error));
                    } else {
                        outcome.destination = step.begin.destination;
                    }
                }
            }
            result.outcomes.append(outcome);
            continue;
        }

        // A moved file: from the trash or the quarantine.
        outcome.kind = CleanupAction::Kind::Trash;
        QString source = step.after ? step.after->destination : step.begin.destination;
        if (!step.after && kind == QLatin1String("trash") && !occupied(path)) {
            source = findInTrash(path, step.begin.sha256);
        }
        if (occupied(path)) {
            if (!info.isSymLink() && info.isFile() &&
                CleanupPlanner::fileSha256(path) == step.begin.sha256 &&
                (source.isEmpty() || !occupied(source))) {
                // never moved (stopped before), or already restored
            } else {
                refuse(QCoreApplication::translate(
                           "CleanupExecutor",
                           "a file appeared at %1 since the cleanup; it is left as it is, and "
                           "the original stays at %2")
                           .arg(path, source));
            }
            result.outcomes.append(outcome);
            continue;
        }
        QString error;
        if (source.isEmpty() || !QFileInfo::exists(source)) {
            refuse(QCoreApplication::translate("CleanupExecutor",
                                               "%1 cannot be found in the trash or the quarantine")
                       .arg(path));
        } else if (CleanupPlanner::fileSha256(source) != step.begin.sha256) {
            refuse(QCoreApplication::translate("CleanupExecutor", "the copy of %1 at %2 changed")
                       .arg(path, source));
        } else if (!moveFile(source, path, step.begin.sha256, &error)) {
            refuse(QCoreApplication::translate("CleanupExecutor", "cannot restore %1: %2")
                       .arg(path, error));
        } else {
            outcome.destination = source;
            const QString trashInfo = trashInfoOf(source);
            if (!trashInfo.isEmpty()) {
                QFile::remove(trashInfo);
            }
            QFile restored(path);
            if (step.begin.mtime.isValid() && restored.open(QIODevice::ReadOnly)) {
                restored.setFileTime(step.begin.mtime, QFileDevice::FileModificationTime);
            }
        }
        result.outcomes.append(outcome);
    }

    if (result.count(CleanupOutcome::Status::Failed) > 0) {
        const int failed = static_cast<int>(result.count(CleanupOutcome::Status::Failed));
        result.error = QCoreApplication::translate(
                           "CleanupExecutor",
                           "%n item(s) could not be restored; journal operation %1 stays open "
                           "for another undo.",
                           nullptr, failed)
                           .arg(operationId);
    } else if (!m_journal->markUndone(operationId)) {
        result.error = m_journal->error();
    }
    return result;
}

} // namespace Revscope
