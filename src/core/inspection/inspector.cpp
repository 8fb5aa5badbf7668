#include "inspector.h"

#include "analysis/bytecodeanalyzer.h"
#include "analysis/graphanalyzer.h"
#include "database/databaseurl.h"
#include "database/dbstate.h"
#include "database/versiontablereader.h"
#include "image/imagescanner.h"
#include "project/bytecodescanner.h"
#include "project/envpyreader.h"
#include "project/projectscanner.h"
#include "project/scriptdirectory.h"
#include "python/scriptreader.h"
#include "release/gittriage.h"
#include "release/releaseanalyzer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSet>
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

// A revision as a .pyc defines it.
Revision revisionFromBytecode(const BytecodeInfo &file)
{
    const PycModule &module = file.pyc.module;
    Revision revision;
    revision.id = module.revision;
    revision.downRevisions = module.downRevisions;
    revision.dependsOn = module.dependsOn;
    revision.branchLabels = module.branchLabels;
    revision.message = module.message;
    revision.createDate = module.createDate;
    revision.origin = RevisionOrigin::Bytecode;
    revision.file = file.path;
    return revision;
}

// Reads the version table each environment's database request names, once
// per distinct database and table, and computes the per-revision state.
void readDatabases(Inspection &inspection, const InspectOptions::Database &request,
                   const std::atomic_bool *cancel)
{
    QHash<QString, DatabaseState> read;
    for (EnvironmentInspection &ei : inspection.environments) {
        if (cancelled(cancel)) {
            return;
        }
        // The user's names win; env.py's literal version_table= /
        // version_table_schema= fill in what the user left out.
        QString table = request.versionTable;
        QString schema = request.schema;
        if ((table.isEmpty() || schema.isEmpty()) && !ei.environment.scriptLocation.isEmpty()) {
            const EnvPySettings envPy = EnvPyReader::read(ei.environment.scriptLocation, ei.label);
            inspection.findings += envPy.findings;
            if (table.isEmpty()) {
                table = envPy.versionTable.value;
                inspection.findings += envPy.versionTable.findings;
            }
            if (schema.isEmpty()) {
                schema = envPy.versionTableSchema.value;
                inspection.findings += envPy.versionTableSchema.findings;
            }
        }
        if (table.isEmpty()) {
            table = QStringLiteral("alembic_version");
        }
        QString text = request.url;
        QString baseDir = request.baseDir;
        if (request.fromIni()) {
            // Alembic runs where the config is: a relative SQLite path in
            // sqlalchemy.url is relative to that folder.
            text = ei.environment.sqlalchemyUrl.trimmed();
            baseDir = QFileInfo(ei.environment.configFile).absolutePath();
        }
        DatabaseState state;
        if (text.isEmpty()) {
            state.versionTable = table;
            state.schema = schema;
            state.status = DatabaseState::Unreachable;
            state.error =
                QCoreApplication::translate("Inspector", "%1 sets no sqlalchemy.url to connect to")
                    .arg(ei.config);
        } else {
            const DatabaseUrl url = DatabaseUrl::parse(text, baseDir);
            // The full URL (password included) only keys the cache; it is never shown.
            const QString key = url.toString(false) + QChar(0) + url.sqliteFileName() + QChar(0) +
                                table + QChar(0) + schema;
            auto it = read.constFind(key);
            if (it != read.constEnd()) {
                state = it.value();
            } else {
                VersionTableReader reader(url);
                reader.setVersionTable(table);
                reader.setSchema(schema);
                reader.setSettings(request.settings);
                state = reader.read();
                read.insert(key, state);
            }
        }
        ei.database = std::make_shared<const DbStateCalculator>(ei.graph, state, ei.label);
        inspection.findings += ei.database->findings();
    }
}

// The Docker images: found by a shallow walk that skips the version
// locations, so a project without a Dockerfile pays next to nothing.
void inspectImages(Inspection &inspection, const Inspector::Progress &progress, int total)
{
    QSet<QString> skip;
    for (const EnvironmentInspection &ei : std::as_const(inspection.environments)) {
        for (const QString &folder : ei.environment.versionLocations) {
            skip.insert(QDir::cleanPath(folder));
        }
    }
    QStringList dockerfiles;
    QStringList composeFiles;
    ImageScanner::discover(inspection.root, skip, &dockerfiles, &composeFiles);
    if (dockerfiles.isEmpty() && composeFiles.isEmpty()) {
        return;
    }
    if (progress) {
        progress(total, total,
                 QCoreApplication::translate("Inspector", "Simulating the Docker images"));
    }
    ImageScan scan = ImageScanner::scan(inspection, dockerfiles, composeFiles,
                                        ImageScanner::systemEnvironment());
    inspection.imageFiles = dockerfiles + composeFiles;
    inspection.imageFiles.sort();
    // Targets sharing a Dockerfile or ignore file report its problems once.
    Findings findings = scan.findings;
    for (const ImageTarget &target : std::as_const(scan.targets)) {
        for (const Finding &finding : target.findings) {
            const bool known =
                std::any_of(findings.cbegin(), findings.cend(), [&finding](const Finding &other) {
                    return other.code == finding.code && other.file == finding.file &&
                           other.line == finding.line && other.message == finding.message;
                });
            if (!known) {
                findings.append(finding);
            }
        }
    }
    inspection.findings += findings;
    inspection.images = std::move(scan.targets);
}

// The squash mapping from the deleting commit: of the loaded revisions it
// added, the one that starts the new chain. Revisions pointing at the lost id
// are its children, not its replacement; those built on another added
// revision are the squash's successors. Empty when that leaves no single one.
QString squashReplacement(const RevisionGraph &graph, const TriageAnswer &answer)
{
    QStringList roots;
    for (const QString &added : answer.addedInCommit) {
        const Revision *revision = graph.revision(added);
        if (!revision || !graph.isLoaded(added) ||
            revision->downRevisions.contains(answer.revision) ||
            revision->dependsOn.contains(answer.revision)) {
            continue;
        }
        const bool successor = std::any_of(
            revision->downRevisions.cbegin(), revision->downRevisions.cend(),
            [&answer](const QString &down) { return answer.addedInCommit.contains(down); });
        if (!successor) {
            roots.append(added);
        }
    }
    if (roots.size() == 1) {
        return roots.front();
    }
    QStringList bases;
    for (const QString &root : std::as_const(roots)) {
        if (graph.revision(root)->isBase()) {
            bases.append(root);
        }
    }
    return bases.size() == 1 ? bases.front() : QString();
}

// Where git says the unknown revisions went, appended to the findings that
// name them. Runs only when such findings exist, so healthy projects pay
// nothing; a folder outside git adds nothing.
void triageWithGit(Inspection &inspection)
{
    struct Item
    {
        int finding;
        QString id;
        TriageAnswer::Use use;
    };
    QHash<int, QList<Item>> perEnvironment;
    for (int f = 0; f < inspection.findings.size(); ++f) {
        const Finding &finding = inspection.findings.at(f);
        const bool row = finding.code == QLatin1String("db-unknown-revision");
        const bool parent = finding.code == QLatin1String("missing-parent");
        const bool dependency = finding.code == QLatin1String("missing-dependency");
        if ((!row && !parent && !dependency) || finding.revision.isEmpty()) {
            continue;
        }
        for (int e = 0; e < inspection.environments.size(); ++e) {
            const EnvironmentInspection &ei = inspection.environments.at(e);
            if (ei.label != finding.environment) {
                continue;
            }
            if (row) {
                // A prefix of loaded ids is ambiguous, not lost.
                const auto nodes = ei.graph.nodes();
                const bool prefixOfLoaded =
                    std::any_of(nodes.cbegin(), nodes.cend(), [&](const Revision &revision) {
                        return revision.id.startsWith(finding.revision) &&
                               ei.graph.isLoaded(revision.id);
                    });
                if (!prefixOfLoaded) {
                    perEnvironment[e].append({f, finding.revision, TriageAnswer::Use::DatabaseRow});
                }
                continue;
            }
            const auto pairs = parent ? ei.graph.missingParents() : ei.graph.missingDependencies();
            for (const auto &pair : pairs) {
                if (pair.first == finding.revision && finding.message.contains(pair.second)) {
                    perEnvironment[e].append({f, pair.second, TriageAnswer::Use::Reference});
                    break;
                }
            }
        }
    }
    if (perEnvironment.isEmpty()) {
        return;
    }
    for (auto it = perEnvironment.cbegin(); it != perEnvironment.cend(); ++it) {
        const EnvironmentInspection &ei = inspection.environments.at(it.key());
        QStringList ids;
        for (const Item &item : it.value()) {
            if (!ids.contains(item.id)) {
                ids.append(item.id);
            }
        }
        QStringList locations = ei.environment.versionLocations;
        if (locations.isEmpty() && !ei.environment.scriptLocation.isEmpty()) {
            locations.append(ei.environment.scriptLocation + QStringLiteral("/versions"));
        }
        QList<TriageAnswer> answers = GitTriage::triage(inspection.root, locations, ids);
        for (TriageAnswer &answer : answers) {
            if (answer.kind != TriageAnswer::Kind::Deleted) {
                continue;
            }
            // The database's own replacement logic first, then the squash mapping.
            if (ei.database) {
                const QList<VersionRow> rows = ei.database->rows();
                for (const VersionRow &row : rows) {
                    if (row.value == answer.revision && !row.replacedBy.isEmpty()) {
                        answer.replacedBy = row.replacedBy;
                    }
                }
            }
            if (answer.replacedBy.isEmpty()) {
                answer.replacedBy = squashReplacement(ei.graph, answer);
            }
        }
        for (const Item &item : it.value()) {
            const TriageAnswer &answer = answers.at(ids.indexOf(item.id));
            const QString text = answer.text(item.use);
            if (text.isEmpty()) {
                continue;
            }
            Finding &finding = inspection.findings[item.finding];
            const QString sentence = QCoreApplication::translate("Inspector", "Git: %1.").arg(text);
            finding.message += QLatin1Char(' ') + sentence;
        }
    }
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

    if (progress) {
        progress(0, int(jobs.size()),
                 QCoreApplication::translate("Inspector", "Looking for bytecode"));
    }
    BytecodeScan bytecodeScan = BytecodeScanner::scan(inspection->root, environments);
    inspection->findings += bytecodeScan.findings;
    inspection->bytecode = std::move(bytecodeScan.files);
    QHash<QString, int> bytecodeIndex;
    for (int i = 0; i < inspection->bytecode.size(); ++i) {
        BytecodeInfo &file = inspection->bytecode[i];
        if (!file.environments.isEmpty()) {
            file.environment = inspection->environments.at(file.environments.first()).label;
        }
        bytecodeIndex.insert(file.path, i);
    }
    if (cancelled(cancel)) {
        return nullptr;
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
        const EnvironmentInspection &ei = inspection->environments.at(job.environment);
        if (!job.bytecode) {
            results[i] = ScriptReader::read(job.path, ei.environment.fileTemplate, ei.label);
        } else {
            // sourceless = true: Alembic imports the .pyc itself. Files the
            // scan did not reach (over its limits) are read here.
            const int index = bytecodeIndex.value(job.path, -1);
            BytecodeInfo file = index >= 0 ? inspection->bytecode.at(index)
                                           : BytecodeScanner::inspectFile(job.path);
            file.inVersionLocation = true; // Alembic lists it from one
            if (file.pyc.ok && !file.revision().isEmpty()) {
                results[i].isRevision = true;
                results[i].revision = revisionFromBytecode(file);
            }
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
    QList<QSet<QString>> loadedBytecode(inspection->environments.size());
    for (int i = 0; i < total; ++i) {
        ScriptReadResult &result = results[i];
        inspection->findings += result.findings;
        if (result.isRevision) {
            loaded[jobs.at(i).environment].append(result.revision);
            if (jobs.at(i).bytecode) {
                loadedBytecode[jobs.at(i).environment].insert(jobs.at(i).path);
            }
        }
    }
    // Stray bytecode in a version location that Alembic does not load (all
    // of it with sourceless = false) is still shown in the graph, outside
    // Alembic's view, so an edge to a squashed-away revision has its end.
    QList<Revisions> extra(inspection->environments.size());
    for (const BytecodeInfo &file : std::as_const(inspection->bytecode)) {
        if (file.status != BytecodeStatus::Stray || file.revision().isEmpty()) {
            continue;
        }
        for (int e : file.environments) {
            if (!loadedBytecode.at(e).contains(file.path)) {
                extra[e].append(revisionFromBytecode(file));
            }
        }
    }

    if (progress) {
        progress(total, total,
                 QCoreApplication::translate("Inspector", "Building revision graphs"));
    }
    for (int e = 0; e < inspection->environments.size(); ++e) {
        EnvironmentInspection &ei = inspection->environments[e];
        ei.graph = RevisionGraph(loaded.at(e), extra.at(e));
        inspection->findings += GraphAnalyzer::analyze(ei.graph, ei.label);
    }
    inspection->findings += ReleaseAnalyzer::analyze(*inspection, options.configFile.isEmpty());
    if (options.database.isSet()) {
        if (progress) {
            progress(
                total, total,
                QCoreApplication::translate("Inspector", "Reading the database's version table"));
        }
        readDatabases(*inspection, options.database, cancel);
        if (cancelled(cancel)) {
            return nullptr;
        }
    }
    QList<BytecodeAnalyzer::Environment> bytecodeEnvironments;
    for (const EnvironmentInspection &ei : std::as_const(inspection->environments)) {
        BytecodeAnalyzer::Environment env;
        env.label = ei.label;
        env.sourceless = ei.environment.sourceless;
        env.graph = &ei.graph;
        if (ei.database) {
            // Includes the node a row Alembic cannot place names (a
            // bytecode-only revision): the database stands there.
            env.stampedRevisions = ei.database->currentRevisions();
        }
        bytecodeEnvironments.append(env);
    }
    inspection->findings += BytecodeAnalyzer::analyze(inspection->bytecode, bytecodeEnvironments);
    if (cancelled(cancel)) {
        return nullptr;
    }
    inspectImages(*inspection, progress, total);
    triageWithGit(*inspection);

    sortFindings(inspection->findings);
    return inspection;
}

} // namespace Revscope
