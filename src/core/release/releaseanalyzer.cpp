#include "releaseanalyzer.h"

#include "inspection/inspection.h"
#include "release/releaselock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>

namespace Revscope {

Findings ReleaseAnalyzer::analyze(const Inspection &inspection, bool wholeProject)
{
    Findings findings;
    const QString lockPath = QDir(inspection.root).filePath(ReleaseLock::fileName());
    QFile file(lockPath);
    if (!file.exists()) {
        return findings;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        findings.append(
            Finding::make(QStringLiteral("unreadable-file"), Severity::Error,
                          QCoreApplication::translate("ReleaseAnalyzer", "%1 cannot be read: %2")
                              .arg(ReleaseLock::fileName(), file.errorString()),
                          lockPath));
        return findings;
    }
    const ReleaseLock lock = ReleaseLock::parse(file.readAll(), lockPath, &findings);

    QHash<QString, const EnvironmentInspection *> environments;
    for (const EnvironmentInspection &ei : inspection.environments) {
        environments.insert(ei.label, &ei);
    }
    for (const LockEntry &entry : lock.entries()) {
        const EnvironmentInspection *ei = environments.value(entry.environment, nullptr);
        if (!ei && !wholeProject) {
            continue; // an environment this inspection did not look at
        }
        const Revision *revision = ei ? ei->graph.revision(entry.revision) : nullptr;
        if (!revision || revision->origin != RevisionOrigin::Source) {
            Finding finding = Finding::make(
                QStringLiteral("removed-after-release"), Severity::Error,
                QCoreApplication::translate("ReleaseAnalyzer",
                                            "Released revision %1 (%2) is no longer defined by "
                                            "any script; databases stamped at it will fail with "
                                            "\"Can't locate revision\"")
                    .arg(entry.revision, entry.file),
                lockPath, entry.line);
            finding.environment = entry.environment;
            finding.revision = entry.revision;
            finding.fix = QCoreApplication::translate(
                "ReleaseAnalyzer",
                "Restore the script, or if the removal is intended (a reviewed squash), run "
                "'revscope lock' to record it");
            findings.append(finding);
            continue;
        }
        const QString hash = ReleaseLock::hashFile(revision->file);
        if (hash.isEmpty() || hash == entry.sha256) {
            continue;
        }
        const QString relative = inspection.relativePath(revision->file);
        Finding finding = Finding::make(
            QStringLiteral("edited-after-release"), Severity::Error,
            QCoreApplication::translate("ReleaseAnalyzer",
                                        "Released revision %1 was edited after release: %2 "
                                        "hashes to sha256 %3, the lock file recorded %4")
                .arg(entry.revision, relative, hash, entry.sha256),
            revision->file, 1);
        finding.environment = entry.environment;
        finding.revision = entry.revision;
        finding.fix = QCoreApplication::translate(
            "ReleaseAnalyzer",
            "Databases that already ran it will not run the new version: revert the edit and "
            "add a new revision, or run 'revscope lock' if the change is harmless");
        findings.append(finding);
    }
    return findings;
}

} // namespace Revscope
