#pragma once

#include <QString>
#include <QStringList>

namespace Revscope {

// One run of a child process: wall time and the peak resident set size the
// kernel reports for it (and any children it waited for) through wait4().
struct ProcessSample
{
    bool started = false;
    bool timedOut = false;
    int exitCode = -1; // -1 when killed by a signal
    double seconds = 0;
    qint64 peakRssKb = 0;
    QString error;
};

class ProcessMeter
{
public:
    // program must be an absolute path. stdout goes to /dev/null, stderr to
    // stderrPath. extraEnvironment holds NAME=value entries added to ours.
    static ProcessSample run(const QString &program, const QStringList &arguments,
                             const QString &workdir, const QStringList &extraEnvironment,
                             const QString &stderrPath, int timeoutSeconds);

    // Bytes execve() needs for these arguments plus our environment, to stay
    // under the kernel's limit.
    static qint64 argumentBytes(const QString &program, const QStringList &arguments);
};

} // namespace Revscope
