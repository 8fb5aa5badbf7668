#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QString>
#include <QStringList>

// Helpers shared by the project tests: temporary trees and the Python oracle.
namespace ProjectTest {

// Writes a tree under `root`. Each entry is "path/" (a folder),
// "path=content" (a file; parents created), or "path->target" (a symlink).
inline bool writeTree(const QString &root, const QStringList &spec)
{
    for (const QString &item : spec) {
        const qsizetype arrow = item.indexOf(QLatin1String("->"));
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        if (arrow > 0 && (equals < 0 || arrow < equals)) {
            const QString link = root + QLatin1Char('/') + item.left(arrow);
            QDir().mkpath(QFileInfo(link).absolutePath());
            QString target = item.mid(arrow + 2);
            target.replace(QLatin1String("$ROOT"), root);
            if (!QFile::link(target, link)) {
                return false;
            }
        } else if (equals > 0) {
            const QString path = root + QLatin1Char('/') + item.left(equals);
            QDir().mkpath(QFileInfo(path).absolutePath());
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly)) {
                return false;
            }
            QString content = item.mid(equals + 1);
            content.replace(QLatin1String("$ROOT"), root);
            file.write(content.toUtf8());
        } else if (!QDir().mkpath(root + QLatin1Char('/') + item)) {
            return false;
        }
    }
    return true;
}

inline QString relativeTo(const QString &root, const QString &path)
{
    if (path.isEmpty()) {
        return path;
    }
    return QDir(root).relativeFilePath(path);
}

inline QStringList relativeTo(const QString &root, const QStringList &paths)
{
    QStringList out;
    for (const QString &path : paths) {
        out.append(relativeTo(root, path));
    }
    return out;
}

inline const char *python()
{
    return "/usr/bin/python3";
}

// Runs `script` with the system Python; empty document on failure.
inline QJsonDocument runPython(const QString &script, const QStringList &arguments,
                               QString *error = nullptr)
{
    QProcess process;
    QStringList args{QStringLiteral("-c"), script};
    args += arguments;
    process.start(QString::fromLatin1(python()), args);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        if (error) {
            *error = QString::fromUtf8(process.readAllStandardError());
        }
        return QJsonDocument();
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(process.readAllStandardOutput(), &parseError);
    if (error && parseError.error != QJsonParseError::NoError) {
        *error = parseError.errorString();
    }
    return doc;
}

inline bool pythonCanImport(const char *module)
{
    if (!QFileInfo::exists(QString::fromLatin1(python()))) {
        return false;
    }
    QProcess process;
    process.start(QString::fromLatin1(python()),
                  {QStringLiteral("-c"), QStringLiteral("import %1").arg(QLatin1String(module))});
    return process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit &&
           process.exitCode() == 0;
}

} // namespace ProjectTest
