#include "bytecodeanalyzer.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>

namespace Revscope {

namespace {

QString dockerSentence()
{
    return QCoreApplication::translate(
        "BytecodeAnalyzer",
        "A Docker COPY of its folder carries it into an image unless .dockerignore "
        "excludes it.");
}

QString ignoreFix()
{
    return QCoreApplication::translate(
        "BytecodeAnalyzer",
        "Add __pycache__/ and *.pyc to .dockerignore so images never receive bytecode.");
}

Finding makeFinding(const QString &code, Severity severity, const BytecodeInfo &file,
                    const QString &environment)
{
    Finding finding;
    finding.code = code;
    finding.severity = severity;
    finding.environment = environment;
    finding.file = file.path;
    finding.revision = file.revision();
    return finding;
}

const BytecodeAnalyzer::Environment *environmentOf(const BytecodeInfo &file,
                                                   const QList<BytecodeAnalyzer::Environment> &envs)
{
    if (file.environments.isEmpty()) {
        return nullptr;
    }
    const int index = file.environments.first();
    return index >= 0 && index < envs.size() ? &envs.at(index) : nullptr;
}

// Whether Alembic sees no source defining `id` in this environment.
bool bytecodeOnly(const QString &id, const BytecodeAnalyzer::Environment &env)
{
    if (!env.graph) {
        return true;
    }
    const Revision *revision = env.graph->revision(id);
    return !revision || revision->origin != RevisionOrigin::Source;
}

QString sourcelessSentence(bool sourceless)
{
    return sourceless ? QCoreApplication::translate(
                            "BytecodeAnalyzer",
                            "This environment has sourceless = true, so Alembic loads this file "
                            "as a migration script, just as if its source were there.")
                      : QCoreApplication::translate(
                            "BytecodeAnalyzer",
                            "This environment has sourceless = false, so Alembic ignores it; with "
                            "sourceless = true Alembic would load it as a migration script.");
}

Finding strayFinding(const BytecodeInfo &file, const BytecodeAnalyzer::Environment *env)
{
    const QString name = QFileInfo(file.path).fileName();
    // Alembic skips names starting with "__init__" or ".#" in a version location.
    const bool skipped =
        name.startsWith(QLatin1String("__init__")) || name.startsWith(QLatin1String(".#"));
    Finding finding = makeFinding(QStringLiteral("stray-bytecode"),
                                  env && !skipped ? Severity::Warning : Severity::Info, file,
                                  env ? env->label : QString());
    QString message =
        file.revision().isEmpty()
            ? QCoreApplication::translate("BytecodeAnalyzer",
                                          "%1 was compiled from %2, which no longer exists.")
                  .arg(name, QFileInfo(file.name.sourcePath).fileName())
            : QCoreApplication::translate(
                  "BytecodeAnalyzer", "%1 was compiled from %2, which no longer exists; it defines "
                                      "revision %3.")
                  .arg(name, QFileInfo(file.name.sourcePath).fileName(), file.revision());
    message += QLatin1Char(' ');
    if (env && skipped) {
        message += QCoreApplication::translate(
            "BytecodeAnalyzer", "Alembic never loads a file named like this as a migration, "
                                "whether sourceless is true or false.");
    } else if (env) {
        message += sourcelessSentence(env->sourceless);
    } else if (file.name.legacy) {
        message += QCoreApplication::translate(
            "BytecodeAnalyzer",
            "It is outside every version location, so Alembic never loads it as a "
            "migration, whether sourceless is true or false; but Python imports a "
            "legacy .pyc found where its source used to be.");
    } else {
        message += QCoreApplication::translate(
            "BytecodeAnalyzer",
            "It is outside every version location, so Alembic never loads it as a "
            "migration, whether sourceless is true or false, and Python ignores a "
            "__pycache__ file whose source is gone.");
    }
    finding.message = message + QLatin1Char(' ') + dockerSentence();
    finding.fix = QCoreApplication::translate("BytecodeAnalyzer",
                                              "Delete %1 (it is not source, nothing is lost). %2")
                      .arg(name, ignoreFix());
    return finding;
}

Finding staleFinding(const BytecodeInfo &file, const BytecodeAnalyzer::Environment *env)
{
    const QString name = QFileInfo(file.path).fileName();
    const bool unchecked = file.pyc.header.invalidation == PycInvalidation::UncheckedHash;
    const bool serious = env && (env->sourceless || unchecked);
    Finding finding =
        makeFinding(QStringLiteral("stale-bytecode"), serious ? Severity::Warning : Severity::Info,
                    file, env ? env->label : QString());
    QString message = QCoreApplication::translate(
                          "BytecodeAnalyzer", "%1 was compiled from an earlier version of %2: %3.")
                          .arg(name, QFileInfo(file.name.sourcePath).fileName(), file.staleReason);
    message += QLatin1Char(' ');
    if (unchecked) {
        message += QCoreApplication::translate(
            "BytecodeAnalyzer",
            "It is an unchecked-hash .pyc, so Python never compares it with the "
            "source: importing the source runs this old bytecode instead, whatever "
            "sourceless says.");
    } else {
        message += QCoreApplication::translate(
            "BytecodeAnalyzer",
            "Python notices and recompiles it when it imports the source, and Alembic "
            "prefers the source while it exists, with sourceless true or false; but "
            "with sourceless = true, deleting the source would make this older "
            "bytecode the migration.");
    }
    finding.message = message + QLatin1Char(' ') + dockerSentence();
    finding.fix =
        QCoreApplication::translate("BytecodeAnalyzer",
                                    "Delete %1; Python writes fresh bytecode when it needs it. %2")
            .arg(name, ignoreFix());
    return finding;
}

Finding corruptFinding(const BytecodeInfo &file, const BytecodeAnalyzer::Environment *env)
{
    const QString name = QFileInfo(file.path).fileName();
    // With sourceless on and no source, Alembic tries to import it and fails.
    const bool fatal = env && env->sourceless && !file.sourceExists;
    Finding finding =
        makeFinding(QStringLiteral("corrupt-bytecode"), fatal ? Severity::Error : Severity::Warning,
                    file, env ? env->label : QString());
    QString message =
        QCoreApplication::translate("BytecodeAnalyzer", "%1 cannot be read as bytecode: %2.")
            .arg(name, file.pyc.error.isEmpty()
                           ? QCoreApplication::translate("BytecodeAnalyzer", "unknown error")
                           : file.pyc.error);
    message += QLatin1Char(' ');
    if (fatal) {
        message += QCoreApplication::translate(
            "BytecodeAnalyzer",
            "This environment has sourceless = true and the source is gone, so "
            "Alembic tries to load this file as a migration and stops with an error.");
    } else if (env && !file.sourceExists) {
        message += QCoreApplication::translate(
            "BytecodeAnalyzer",
            "This environment has sourceless = false, so Alembic ignores it; with "
            "sourceless = true Alembic would try to load it and stop with an error.");
    } else if (env) {
        message += QCoreApplication::translate(
            "BytecodeAnalyzer",
            "Alembic loads the source beside it instead, with sourceless true or "
            "false, and Python recompiles it.");
    } else {
        message += QCoreApplication::translate(
            "BytecodeAnalyzer", "It is outside every version location, so Alembic never loads it, "
                                "whether sourceless is true or false.");
    }
    finding.message = message + QLatin1Char(' ') + dockerSentence();
    finding.fix =
        QCoreApplication::translate("BytecodeAnalyzer", "Delete %1. %2").arg(name, ignoreFix());
    return finding;
}

Finding bytecodeOnlyFinding(const QString &id, const QList<const BytecodeInfo *> &files,
                            const BytecodeAnalyzer::Environment &env)
{
    const BytecodeInfo &first = *files.first();
    const bool stamped = env.stampedRevisions.contains(id);
    Finding finding = makeFinding(QStringLiteral("bytecode-only-revision"),
                                  env.sourceless || stamped ? Severity::Error : Severity::Warning,
                                  first, env.label);
    finding.revision = id;
    QStringList names;
    for (const BytecodeInfo *file : files) {
        names.append(QFileInfo(file->path).fileName());
    }
    const QString compiledAs =
        first.pyc.module.filename.isEmpty() ? first.name.sourcePath : first.pyc.module.filename;
    QString message = QCoreApplication::translate(
                          "BytecodeAnalyzer",
                          "Revision %1 is defined only by bytecode: %2 (compiled from %3), whose "
                          "source is gone.")
                          .arg(id, names.join(QLatin1String(", ")), compiledAs);
    message += QLatin1Char(' ');
    if (env.sourceless) {
        message += QCoreApplication::translate(
            "BytecodeAnalyzer",
            "This environment has sourceless = true, so Alembic loads it like any "
            "other revision: it counts in heads, `alembic upgrade` runs it, and no "
            "source file shows it.");
    } else {
        message += QCoreApplication::translate(
                       "BytecodeAnalyzer",
                       "This environment has sourceless = false, so Alembic ignores it: a script "
                       "whose down_revision names %1, or a database stamped at it, makes Alembic "
                       "stop with \"Can't locate revision identified by '%1'\". With sourceless = "
                       "true Alembic would load it as a revision again.")
                       .arg(id);
    }
    if (stamped) {
        message += QLatin1Char(' ') +
                   QCoreApplication::translate(
                       "BytecodeAnalyzer",
                       "A database is stamped at %1, so this bytecode is all that tells Alembic "
                       "where that database stands.")
                       .arg(id);
    }
    finding.message = message + QLatin1Char(' ') +
                      QCoreApplication::translate(
                          "BytecodeAnalyzer",
                          "A Docker COPY of the versions folder carries it into an image, where "
                          "the revision comes back even after it was squashed away.");
    finding.fix = QCoreApplication::translate(
                      "BytecodeAnalyzer",
                      "If %1 was squashed or removed on purpose, delete the bytecode and stamp "
                      "databases at the revision that replaced it; if it is still needed, restore "
                      "its source from version control. %2")
                      .arg(id, ignoreFix());
    return finding;
}

} // namespace

Findings BytecodeAnalyzer::analyze(const BytecodeInfos &files,
                                   const QList<Environment> &environments)
{
    Findings findings;
    // environment -> revision -> its stray files, in path order
    QList<QList<QPair<QString, QList<const BytecodeInfo *>>>> only(environments.size());
    for (const BytecodeInfo &file : files) {
        const Environment *env =
            file.inVersionLocation ? environmentOf(file, environments) : nullptr;
        switch (file.status) {
        case BytecodeStatus::Ok:
            break;
        case BytecodeStatus::Stray:
            findings.append(strayFinding(file, env));
            break;
        case BytecodeStatus::Stale:
            findings.append(staleFinding(file, env));
            break;
        case BytecodeStatus::Corrupt:
            findings.append(corruptFinding(file, env));
            break;
        }
        if (file.status != BytecodeStatus::Stray || file.revision().isEmpty() ||
            !file.inVersionLocation) {
            continue;
        }
        for (int index : file.environments) {
            if (index < 0 || index >= environments.size() ||
                !bytecodeOnly(file.revision(), environments.at(index))) {
                continue;
            }
            auto &perRevision = only[index];
            auto it = std::find_if(perRevision.begin(), perRevision.end(),
                                   [&](const auto &pair) { return pair.first == file.revision(); });
            if (it == perRevision.end()) {
                perRevision.append({file.revision(), {&file}});
            } else {
                it->second.append(&file);
            }
        }
    }
    for (int e = 0; e < environments.size(); ++e) {
        for (const auto &pair : std::as_const(only[e])) {
            findings.append(bytecodeOnlyFinding(pair.first, pair.second, environments.at(e)));
        }
    }
    return findings;
}

} // namespace Revscope
