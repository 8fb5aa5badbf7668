#include "inspector.h"

#include "analysis/graphanalyzer.h"
#include "project/projectscanner.h"
#include "project/scriptdirectory.h"
#include "python/scriptreader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <atomic>

namespace Revscope {

namespace {

bool cancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load();
}

QString labelFor(const AlembicEnvironment &env, const QString &config)
{
    const bool defaultSection = env.section.isEmpty() || env.section == QLatin1String("alembic") ||
                                env.section == QLatin1String("tool.alembic");
    return defaultSection ? config : config + QLatin1Char('#') + env.section;
}

// Most severe first, then by file, line and code, so output is stable.
void sortFindings(Findings &findings)
{
    std::stable_sort(findings.begin(), findings.end(), [](const Finding &a, const Finding &b) {
        if (a.severity != b.severity) {
            return a.severity > b.severity;
        }
        if (a.environment != b.environment) {
            return a.environment < b.environment;
        }
        if (a.file != b.file) {
            return a.file < b.file;
        }
        if (a.line != b.line) {
            return a.line < b.line;
        }
        return a.code < b.code;
    });
}

} // namespace

InspectionPtr Inspector::inspect(const InspectOptions &options, const Progress &progress,
                                 const std::atomic_bool *cancel)
{
    auto inspection = std::make_shared<Inspection>();
    inspection->root = QDir::cleanPath(QFileInfo(options.root).absoluteFilePath());
    const QDir rootDir(inspection->root);

    if (progress) {
        progress(0, 0,
                 QCoreApplication::translate("Inspector", "Looking for Alembic environments"));
    }
    ProjectScan scan = ProjectScanner::scan(inspection->root);
    inspection->findings += scan.findings;

    AlembicEnvironments environments = scan.environments;
    if (!options.configFile.isEmpty()) {
        const QString wanted = QDir::cleanPath(rootDir.absoluteFilePath(options.configFile));
        const QString wantedCanonical = QFileInfo(wanted).canonicalFilePath();
        environments.erase(
            std::remove_if(environments.begin(), environments.end(),
                           [&](const AlembicEnvironment &env) {
                               return env.configFile != wanted &&
                                      QFileInfo(env.configFile).canonicalFilePath() !=
                                          wantedCanonical;
                           }),
            environments.end());
        if (environments.isEmpty()) {
            environments =
                ProjectScanner::loadConfig(wanted, inspection->root, &inspection->findings);
        }
    }

    // List every script first so progress has a total.
    struct Job
    {
        int environment;
        QString path;
        bool bytecode;
    };
    QList<Job> jobs;
    for (int e = 0; e < environments.size(); ++e) {
        const AlembicEnvironment &env = environments.at(e);
        EnvironmentInspection ei;
        ei.environment = env;
        ei.config = inspection->relativePath(env.configFile);
        ei.label = labelFor(env, ei.config);
        for (Finding finding : env.findings) {
            finding.environment = ei.label;
            inspection->findings.append(finding);
        }
        if (env.usable) {
            Findings listing;
            const QList<ScriptFile> files = ScriptDirectory::listScriptFiles(env, &listing);
            for (Finding &finding : listing) {
                finding.environment = ei.label;
            }
            inspection->findings += listing;
            for (const ScriptFile &file : files) {
                jobs.append(Job{e, file.path, file.bytecode});
            }
        }
        inspection->environments.append(ei);
    }

    // Read scripts in parallel; results land in their job's slot, so the
    // load order Alembic uses is kept.
    QList<ScriptReadResult> results(jobs.size());
    std::atomic_int done{0};
    const int total = int(jobs.size());
    QList<int> indexes(total);
    for (int i = 0; i < total; ++i) {
        indexes[i] = i;
    }
    QtConcurrent::blockingMap(indexes, [&](int i) {
        if (cancelled(cancel)) {
            return;
        }
        const Job &job = jobs.at(i);
        if (!job.bytecode) {
            const EnvironmentInspection &ei = inspection->environments.at(job.environment);
            results[i] = ScriptReader::read(job.path, ei.environment.fileTemplate, ei.label);
        }
        const int n = ++done;
        if (progress && (n % 64 == 0 || n == total)) {
            progress(n, total,
                     QCoreApplication::translate("Inspector", "Reading migration scripts"));
        }
    });
    if (cancelled(cancel)) {
        return nullptr;
    }

    QList<Revisions> loaded(inspection->environments.size());
    for (int i = 0; i < total; ++i) {
        ScriptReadResult &result = results[i];
        inspection->findings += result.findings;
        if (result.isRevision) {
            loaded[jobs.at(i).environment].append(result.revision);
        }
    }

    if (progress) {
        progress(total, total,
                 QCoreApplication::translate("Inspector", "Building revision graphs"));
    }
    for (int e = 0; e < inspection->environments.size(); ++e) {
        EnvironmentInspection &ei = inspection->environments[e];
        ei.graph = RevisionGraph(loaded.at(e));
        inspection->findings += GraphAnalyzer::analyze(ei.graph, ei.label);
    }

    sortFindings(inspection->findings);
    return inspection;
}

} // namespace Revscope
