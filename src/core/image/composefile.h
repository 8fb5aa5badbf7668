#pragma once

#include "analysis/finding.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Revscope {

// One entry of a service's `volumes`, short or long syntax, normalised.
struct ComposeVolume
{
    QString type;   // "bind", "volume" or "tmpfs"
    QString source; // bind: absolute host path; volume: its name (empty: anonymous)
    QString target; // path in the container
    bool readOnly = false;
    QString file; // compose file that declared it
    int line = 0;
};

// A service of a Compose project, after interpolation and override merging.
// Paths are absolute: relative ones resolve against the project folder (the
// folder of the first compose file); `dockerfile` resolves against `context`.
struct ComposeService
{
    QString name;
    QString file; // the compose file that first declared the service
    int line = 0;

    bool hasBuild = false;
    QString context;
    QString dockerfile;
    bool hasInlineDockerfile = false;
    QString dockerfileInline;
    QString target;
    QHash<QString, QString> args;
    int buildLine = 0;

    QString image;
    QString workingDir;
    bool commandSet = false;
    QStringList command; // a string command is split as Compose splits it
    int commandLine = 0;
    bool entrypointSet = false;
    QStringList entrypoint;
    int entrypointLine = 0;
    QList<ComposeVolume> volumes;
};

// A Compose project read with yaml-cpp: `services.<name>` with `build`
// (short or long form), `image`, `working_dir`, `command`/`entrypoint`
// (string or list) and `volumes` (short or long syntax); `${VAR}`,
// `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR:+alt}` and `$$`
// interpolated from the `.env` file beside the first file (the given
// environment wins over it); override files merged the way Compose merges
// them (mappings merged, `volumes` merged by target, `command` and
// `entrypoint` replaced). Problems are `compose-error` findings with file and line.
class ComposeFile
{
public:
    // `files`: the main file first, then overrides in order.
    static ComposeFile load(const QStringList &files,
                            const QHash<QString, QString> &environment = {});

    // Compose files of a folder: compose.yaml / compose.yml / docker-compose*.y(a)ml.
    static QStringList discover(const QString &directory);
    // The default file set for a main file: `docker-compose.yml` also takes
    // `docker-compose.override.yml` beside it, as `docker compose` does.
    static QStringList withOverride(const QString &mainFile);

    static QHash<QString, QString> readEnvFile(const QString &path);
    // Compose interpolation of one value; `error` is set for `${VAR:?msg}`.
    static QString interpolate(const QString &text, const QHash<QString, QString> &values,
                               QString *error = nullptr);

    QStringList files() const { return m_files; }
    QString projectDirectory() const { return m_projectDirectory; }
    const QList<ComposeService> &services() const { return m_services; }
    const ComposeService *service(const QString &name) const;
    const Findings &findings() const { return m_findings; }

private:
    QStringList m_files;
    QString m_projectDirectory;
    QList<ComposeService> m_services;
    Findings m_findings;
};

} // namespace Revscope
