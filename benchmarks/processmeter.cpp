#include "processmeter.h"

#include <QByteArray>
#include <QList>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace Revscope {

qint64 ProcessMeter::argumentBytes(const QString &program, const QStringList &arguments)
{
    qint64 bytes = program.toLocal8Bit().size() + 1 + qint64(sizeof(char *));
    for (const QString &argument : arguments) {
        bytes += argument.toLocal8Bit().size() + 1 + qint64(sizeof(char *));
    }
    for (char **env = environ; *env; ++env) {
        bytes += qint64(std::strlen(*env)) + 1 + qint64(sizeof(char *));
    }
    return bytes;
}

ProcessSample ProcessMeter::run(const QString &program, const QStringList &arguments,
                                const QString &workdir, const QStringList &extraEnvironment,
                                const QString &stderrPath, int timeoutSeconds)
{
    ProcessSample sample;

    // Everything the child needs is prepared before fork(): after it, only
    // async-signal-safe calls are allowed.
    QList<QByteArray> storage;
    storage.append(program.toLocal8Bit());
    for (const QString &argument : arguments) {
        storage.append(argument.toLocal8Bit());
    }
    std::vector<char *> argv;
    for (QByteArray &item : storage) {
        argv.push_back(item.data());
    }
    argv.push_back(nullptr);

    QList<QByteArray> envStorage;
    for (const QString &entry : extraEnvironment) {
        envStorage.append(entry.toLocal8Bit());
    }
    std::vector<char *> envp;
    for (char **env = environ; *env; ++env) {
        const char *eq = std::strchr(*env, '=');
        const QByteArray name(*env, eq ? int(eq - *env) : int(std::strlen(*env)));
        bool overridden = false;
        for (const QByteArray &extra : std::as_const(envStorage)) {
            if (extra.startsWith(name + '=')) {
                overridden = true;
            }
        }
        if (!overridden) {
            envp.push_back(*env);
        }
    }
    for (QByteArray &item : envStorage) {
        envp.push_back(item.data());
    }
    envp.push_back(nullptr);

    const QByteArray dir = workdir.toLocal8Bit();
    const QByteArray errPath = stderrPath.toLocal8Bit();
    int execPipe[2];
    if (pipe2(execPipe, O_CLOEXEC) != 0) {
        sample.error = QStringLiteral("pipe: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return sample;
    }

    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid < 0) {
        sample.error = QStringLiteral("fork: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        close(execPipe[0]);
        close(execPipe[1]);
        return sample;
    }
    if (pid == 0) {
        setpgid(0, 0);
        const int devNull = open("/dev/null", O_WRONLY);
        const int err = open(errPath.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int in = open("/dev/null", O_RDONLY);
        if (devNull < 0 || err < 0 || in < 0 || dup2(in, 0) < 0 || dup2(devNull, 1) < 0 ||
            dup2(err, 2) < 0 || chdir(dir.constData()) != 0) {
            const int code = errno;
            (void)!write(execPipe[1], &code, sizeof code);
            _exit(127);
        }
        execve(argv[0], argv.data(), envp.data());
        const int code = errno;
        (void)!write(execPipe[1], &code, sizeof code);
        _exit(127);
    }
    close(execPipe[1]);

    // A watchdog kills the child's process group when the time is up, so the
    // main thread can block in wait4() and time the child precisely.
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
    bool killed = false;
    std::thread watchdog([&]() {
        std::unique_lock<std::mutex> lock(mutex);
        if (!finished.wait_for(lock, std::chrono::seconds(timeoutSeconds), [&] { return done; })) {
            killed = true;
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
        }
    });

    int status = 0;
    struct rusage usage = {};
    pid_t waited;
    do {
        waited = wait4(pid, &status, 0, &usage);
    } while (waited < 0 && errno == EINTR);
    const auto end = std::chrono::steady_clock::now();
    {
        std::lock_guard<std::mutex> lock(mutex);
        done = true;
    }
    finished.notify_all();
    watchdog.join();

    int execErrno = 0;
    const ssize_t got = read(execPipe[0], &execErrno, sizeof execErrno);
    close(execPipe[0]);
    if (got == ssize_t(sizeof execErrno)) {
        sample.error = QStringLiteral("cannot run %1: %2")
                           .arg(program, QString::fromLocal8Bit(std::strerror(execErrno)));
        return sample;
    }

    sample.started = true;
    sample.timedOut = killed;
    sample.seconds = std::chrono::duration<double>(end - start).count();
    sample.peakRssKb = usage.ru_maxrss; // kilobytes on Linux
    if (waited == pid && WIFEXITED(status)) {
        sample.exitCode = WEXITSTATUS(status);
    }
    return sample;
}

} // namespace Revscope
