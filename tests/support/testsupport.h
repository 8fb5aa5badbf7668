#pragma once

// Small helpers shared by the tests: writing project trees and running
// processes (the revscope binary, the real Alembic).

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace TestSupport {

inline bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return false;
    }
    return file.write(content) == content.size();
}

struct ProcessResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool started = false;
};

// Runs `program` to the end. `environment`: the child's whole environment
// (empty: this process's own).
inline ProcessResult run(const QString &program, const QStringList &arguments,
                         const QString &workingDirectory = QString(), int timeoutMs = 120000,
                         const QProcessEnvironment &environment = QProcessEnvironment())
{
    QProcess process;
    if (!workingDirectory.isEmpty()) {
        process.setWorkingDirectory(workingDirectory);
    }
    if (!environment.isEmpty()) {
        process.setProcessEnvironment(environment);
    }
    process.start(program, arguments);
    ProcessResult result;
    result.started = process.waitForStarted(10000);
    if (!result.started) {
        return result;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

inline ProcessResult revscope(const QStringList &arguments,
                              const QString &workingDirectory = QString())
{
    return run(QStringLiteral(REVSCOPE_BINARY), arguments, workingDirectory);
}

// The system Python that has Debian's Alembic; empty when unavailable.
inline QString alembicPython()
{
    static const QString python = [] {
        const QString candidate = QStringLiteral("/usr/bin/python3");
        if (!QFileInfo(candidate).isExecutable()) {
            return QString();
        }
        const ProcessResult r =
            run(candidate, {QStringLiteral("-c"), QStringLiteral("import alembic")});
        return r.exitCode == 0 ? candidate : QString();
    }();
    return python;
}

inline ProcessResult alembic(const QString &projectDir, const QStringList &arguments)
{
    return run(alembicPython(),
               QStringList{QStringLiteral("-m"), QStringLiteral("alembic")} + arguments,
               projectDir);
}

inline QJsonObject parseJson(const QByteArray &bytes, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = parseError.errorString();
        return {};
    }
    return doc.object();
}

} // namespace TestSupport
