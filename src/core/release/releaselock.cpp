#include "releaselock.h"

#include "inspection/inspection.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>

#include <algorithm>

namespace Revscope {

ReleaseLock ReleaseLock::fromInspection(const Inspection &inspection)
{
    ReleaseLock lock;
    for (const EnvironmentInspection &ei : inspection.environments) {
        for (const Revision &revision : ei.graph.nodes()) {
            if (revision.origin != RevisionOrigin::Source || revision.file.isEmpty()) {
                continue;
            }
            // A duplicated id: the script Alembic loads (the graph's) is locked.
            const Revision *loaded = ei.graph.revision(revision.id);
            if (loaded && loaded->file != revision.file) {
                continue;
            }
            const QString hash = hashFile(revision.file);
            if (hash.isEmpty()) {
                continue;
            }
            LockEntry entry;
            entry.environment = ei.label;
            entry.revision = revision.id;
            entry.sha256 = hash;
            entry.file = inspection.relativePath(revision.file);
            lock.m_entries.append(entry);
        }
    }
    lock.sort();
    return lock;
}

ReleaseLock ReleaseLock::parse(const QByteArray &data, const QString &path, Findings *findings)
{
    ReleaseLock lock;
    const QList<QByteArray> lines = data.split('\n');
    QString environment;
    bool sawFormat = false;
    for (int i = 0; i < lines.size(); ++i) {
        const QString text = QString::fromUtf8(lines.at(i)).trimmed();
        const int lineNumber = i + 1;
        if (text.isEmpty() || text.startsWith(QLatin1Char('#'))) {
            continue;
        }
        if (!sawFormat) {
            sawFormat = true;
            if (text != QString::fromLatin1(formatLine())) {
                findings->append(Finding::make(
                    QStringLiteral("config-error"), Severity::Error,
                    QCoreApplication::translate("ReleaseLock",
                                                "%1 is not a lock file Revscope can read: its "
                                                "first line is '%2', expected '%3'")
                        .arg(fileName(), text, QString::fromLatin1(formatLine())),
                    path, lineNumber));
                return lock;
            }
            continue;
        }
        if (text.startsWith(QLatin1Char('[')) && text.endsWith(QLatin1Char(']'))) {
            environment = text.mid(1, text.size() - 2);
            continue;
        }
        const QStringList parts = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const bool hexHash = parts.size() >= 2 && parts.at(1).size() == 64 &&
                             std::all_of(parts.at(1).cbegin(), parts.at(1).cend(), [](QChar c) {
                                 return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                                        (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
                             });
        if (parts.size() < 3 || !hexHash || environment.isEmpty()) {
            findings->append(Finding::make(
                QStringLiteral("config-error"), Severity::Error,
                QCoreApplication::translate("ReleaseLock", "%1 line %2 is not '[environment]' nor "
                                                           "'<revision> <sha256> <script>'")
                    .arg(fileName())
                    .arg(lineNumber),
                path, lineNumber));
            continue;
        }
        LockEntry entry;
        entry.environment = environment;
        entry.revision = parts.at(0);
        entry.sha256 = parts.at(1);
        // The script path is the rest of the line: it may hold spaces.
        const int pathStart = int(text.indexOf(parts.at(1))) + 64;
        entry.file = text.mid(pathStart).trimmed();
        entry.line = lineNumber;
        lock.m_entries.append(entry);
    }
    return lock;
}

QByteArray ReleaseLock::serialize() const
{
    ReleaseLock sorted = *this;
    sorted.sort();
    QByteArray out = formatLine() + '\n';
    QString environment;
    bool first = true;
    for (const LockEntry &entry : std::as_const(sorted.m_entries)) {
        if (first || entry.environment != environment) {
            environment = entry.environment;
            first = false;
            out += '[' + environment.toUtf8() + "]\n";
        }
        out += entry.revision.toUtf8() + ' ' + entry.sha256.toLatin1() + ' ' + entry.file.toUtf8() +
               '\n';
    }
    return out;
}

QString ReleaseLock::hashFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return QString();
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) {
        return QString();
    }
    return QString::fromLatin1(hash.result().toHex());
}

void ReleaseLock::sort()
{
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [](const LockEntry &a, const LockEntry &b) {
                         if (a.environment != b.environment) {
                             return a.environment < b.environment;
                         }
                         return a.revision < b.revision;
                     });
}

} // namespace Revscope
