#pragma once

// Projects and real git repositories for the release tests (diff,
// comparison, the compare dialog), built with the git command line: a linear
// history 001 <- 002 <- 003 <- 004 tagged v1, then a squash commit.

#include "inspection/inspector.h"
#include "release/revisiondiff.h"
#include "testsupport.h"

#include <QFile>
#include <QList>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <functional>

namespace TestSupport {

inline bool hasGit()
{
    return !QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty();
}

// A migration script; an empty `down` is a base.
inline QByteArray migrationScript(const QByteArray &rev, const QByteArray &down,
                                  const QByteArray &message)
{
    return "\"\"\"" + message + "\n\nRevision ID: " + rev + "\n\"\"\"\nrevision = '" + rev +
           "'\ndown_revision = " + (down.isEmpty() ? QByteArray("None") : "'" + down + "'") +
           "\nbranch_labels = None\ndepends_on = None\n";
}

inline QString versionsFolder(const QString &project)
{
    return project + QLatin1String("/migrations/versions/");
}

// Runs git in `repo` with a fixed identity, ignoring the user's settings.
inline bool git(const QString &repo, const QStringList &arguments)
{
    const ProcessResult r =
        run(QStringLiteral("git"),
            QStringList{QStringLiteral("-c"), QStringLiteral("user.name=t"), QStringLiteral("-c"),
                        QStringLiteral("user.email=t@t"), QStringLiteral("-c"),
                        QStringLiteral("commit.gpgsign=false")} +
                arguments,
            repo);
    if (r.exitCode != 0) {
        qWarning("git %s: %s", qPrintable(arguments.join(QLatin1Char(' '))), r.err.constData());
    }
    return r.exitCode == 0;
}

inline bool commitAll(const QString &repo, const QString &message)
{
    return git(repo, {QStringLiteral("add"), QStringLiteral("-A")}) &&
           git(repo,
               {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), message});
}

// alembic.ini, env.py and 001 <- 002 <- 003 <- 004.
inline void writeLinearProject(const QString &project)
{
    writeFile(project + QLatin1String("/alembic.ini"), "[alembic]\nscript_location = migrations\n");
    writeFile(project + QLatin1String("/migrations/env.py"), "# env\n");
    const QString versions = versionsFolder(project);
    writeFile(versions + QLatin1String("001_a.py"), migrationScript("001", "", "first"));
    writeFile(versions + QLatin1String("002_b.py"), migrationScript("002", "001", "second"));
    writeFile(versions + QLatin1String("003_c.py"), migrationScript("003", "002", "third"));
    writeFile(versions + QLatin1String("004_d.py"), migrationScript("004", "003", "fourth"));
}

inline void removeScripts(const QString &project, const QStringList &names)
{
    for (const QString &name : names) {
        QFile::remove(versionsFolder(project) + name);
    }
}

// The careful squash: 001..003 become the new base b891, and 004 follows it.
inline void squashIntoNewBase(const QString &project)
{
    removeScripts(project, {QStringLiteral("001_a.py"), QStringLiteral("002_b.py"),
                            QStringLiteral("003_c.py")});
    writeFile(versionsFolder(project) + QLatin1String("b891_initial.py"),
              migrationScript("b891", "", "initial migration"));
    writeFile(versionsFolder(project) + QLatin1String("004_d.py"),
              migrationScript("004", "b891", "fourth"));
}

// The squash reused the newest id: 004 is now the only script, a base.
inline void squashReusingLastId(const QString &project)
{
    removeScripts(project, {QStringLiteral("001_a.py"), QStringLiteral("002_b.py"),
                            QStringLiteral("003_c.py"), QStringLiteral("004_d.py")});
    writeFile(versionsFolder(project) + QLatin1String("004_squashed.py"),
              migrationScript("004", "", "squashed"));
}

// Everything squashed into one new base, b891, that is also the head.
inline void squashEverything(const QString &project)
{
    removeScripts(project, {QStringLiteral("001_a.py"), QStringLiteral("002_b.py"),
                            QStringLiteral("003_c.py"), QStringLiteral("004_d.py")});
    writeFile(versionsFolder(project) + QLatin1String("b891_initial.py"),
              migrationScript("b891", "", "initial squashed migration"));
}

// Two versions as folders: `before` the linear history, `after` the same
// with `change` made to it.
inline void writeTwoVersions(const QString &before, const QString &after,
                             const std::function<void(const QString &)> &change)
{
    writeLinearProject(before);
    writeLinearProject(after);
    change(after);
}

// A repository with the project in `sub` (may be empty): the linear history
// tagged v1, then what `squash` does to the project, committed.
inline bool makeSquashRepository(const QString &repo, const QString &sub,
                                 const std::function<void(const QString &)> &squash)
{
    const QString project = sub.isEmpty() ? repo : repo + QLatin1Char('/') + sub;
    writeLinearProject(project);
    if (!git(repo, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral(".")}) ||
        !commitAll(repo, QStringLiteral("Linear history")) ||
        !git(repo, {QStringLiteral("tag"), QStringLiteral("v1")})) {
        return false;
    }
    squash(project);
    return commitAll(repo, QStringLiteral("Squash migrations"));
}

// `git clone --depth 1` of `origin` into `parent`/`name`; its path, or empty.
inline QString shallowClone(const QString &origin, const QString &parent, const QString &name)
{
    const bool cloned =
        git(parent, {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--depth"),
                     QStringLiteral("1"), QStringLiteral("file://") + origin, name});
    return cloned ? parent + QLatin1Char('/') + name : QString();
}

inline Revscope::InspectionPtr inspectFolder(const QString &root)
{
    Revscope::InspectOptions options;
    options.root = root;
    return Revscope::Inspector::inspect(options);
}

// The codes of `findings`, sorted.
inline QStringList findingCodes(const Revscope::Findings &findings)
{
    QStringList out;
    for (const Revscope::Finding &finding : findings) {
        out.append(finding.code);
    }
    out.sort();
    return out;
}

// "b891<-001,002,003?" per entry, '!' when confirmed.
inline QString squashMappingText(const QList<Revscope::SquashMapping> &squash)
{
    QStringList out;
    for (const Revscope::SquashMapping &mapping : squash) {
        out.append(mapping.replacedBy + QLatin1String("<-") +
                   mapping.removed.join(QLatin1Char(',')) +
                   (mapping.confirmed ? QLatin1String("!") : QLatin1String("?")));
    }
    return out.join(QLatin1Char(' '));
}

} // namespace TestSupport
