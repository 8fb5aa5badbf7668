#include "lockcommand.h"

#include "commandoptions.h"
#include "inspection/inspector.h"
#include "release/releaselock.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QSaveFile>
#include <QSet>
#include <QTextStream>

namespace Revscope {

int LockCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "LockCommand",
        "Write revscope.lock at the project root: the sha256 of every revision script of "
        "every environment. Commit it with a release; 'revscope check' then reports released "
        "migrations that were edited (edited-after-release) or removed "
        "(removed-after-release)."));
    parser.addPositionalArgument(
        QStringLiteral("PATH"),
        QCoreApplication::translate("LockCommand", "Project folder (default: the current folder)."),
        QStringLiteral("[PATH]"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("LockCommand", "Show this help."));
    parser.addOptions({help});
    int exitCode = 0;
    if (!CommandOptions::parse(parser, help, arguments, QStringLiteral("lock"), out, err,
                               &exitCode)) {
        return exitCode;
    }
    QString root;
    if (!CommandOptions::projectPath(parser, QStringLiteral("lock"), &root, err)) {
        return 2;
    }
    InspectOptions options;
    options.root = root;
    const InspectionPtr inspection = Inspector::inspect(options);
    const ReleaseLock lock = ReleaseLock::fromInspection(*inspection);
    const QString path = QDir(inspection->root).filePath(ReleaseLock::fileName());

    // What changed since the previous lock, so the user sees what they accept.
    QHash<QString, QString> previous;
    {
        QFile old(path);
        if (old.open(QIODevice::ReadOnly)) {
            Findings ignored;
            const ReleaseLock oldLock = ReleaseLock::parse(old.readAll(), path, &ignored);
            for (const LockEntry &entry : oldLock.entries()) {
                previous.insert(entry.environment + QChar(0) + entry.revision, entry.sha256);
            }
        }
    }
    int added = 0;
    int changed = 0;
    QSet<QString> environments;
    for (const LockEntry &entry : lock.entries()) {
        environments.insert(entry.environment);
        const QString key = entry.environment + QChar(0) + entry.revision;
        const auto it = previous.constFind(key);
        if (it == previous.constEnd()) {
            ++added;
        } else {
            if (it.value() != entry.sha256) {
                ++changed;
            }
            previous.erase(it);
        }
    }
    const int dropped = int(previous.size());

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(lock.serialize()) < 0 || !file.commit()) {
        err << QCoreApplication::translate("LockCommand", "revscope lock: cannot write %1: %2.")
                   .arg(path, file.errorString())
            << '\n';
        return 2;
    }
    const int count = int(lock.entries().size());
    const int environmentCount = int(environments.size());
    out << QCoreApplication::translate("LockCommand",
                                       "Wrote %1: %2 revision(s) in %3 environment(s); %4 new, "
                                       "%5 changed, %6 dropped.")
               .arg(ReleaseLock::fileName())
               .arg(count)
               .arg(environmentCount)
               .arg(added)
               .arg(changed)
               .arg(dropped)
        << '\n';
    return 0;
}

} // namespace Revscope
