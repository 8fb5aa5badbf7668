#pragma once

// Test helper: a throwaway PostgreSQL server (Debian `postgresql`) in a
// temporary folder, listening on 127.0.0.1 at a free port, stopped and
// deleted when the object dies. When the tests run as root, initdb and
// pg_ctl run as the `postgres` user (or `nobody`), as PostgreSQL refuses root.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QVersionNumber>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>

class PostgresServer
{
public:
    PostgresServer() = default;
    ~PostgresServer() { stop(); }
    PostgresServer(const PostgresServer &) = delete;
    PostgresServer &operator=(const PostgresServer &) = delete;

    // The newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl, or empty.
    static QString binDir()
    {
        const QDir root(QStringLiteral("/usr/lib/postgresql"));
        QString best;
        QVersionNumber bestVersion;
        for (const QString &entry : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QString bin = root.filePath(entry + QStringLiteral("/bin"));
            const QVersionNumber version = QVersionNumber::fromString(entry);
            if (QFile::exists(bin + QStringLiteral("/initdb")) &&
                QFile::exists(bin + QStringLiteral("/pg_ctl")) && version >= bestVersion) {
                best = bin;
                bestVersion = version;
            }
        }
        return best;
    }

    // Initializes and starts the server; false with error() on failure.
    bool start()
    {
        QElapsedTimer timer;
        timer.start();
        m_bin = binDir();
        if (m_bin.isEmpty()) {
            m_error =
                QStringLiteral("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)");
            return false;
        }
        m_dir = std::make_unique<QTemporaryDir>(QStringLiteral("/tmp/revscope-pg-XXXXXX"));
        if (!m_dir->isValid()) {
            m_error = QStringLiteral("cannot create a temporary folder");
            return false;
        }
        if (::geteuid() == 0 && !dropPrivileges()) {
            return false;
        }
        const QString data = m_dir->filePath(QStringLiteral("data"));
        if (!run(m_bin + QStringLiteral("/initdb"),
                 {QStringLiteral("-D"), data, QStringLiteral("-U"), superuser(),
                  QStringLiteral("--auth-local=trust"), QStringLiteral("--auth-host=scram-sha-256"),
                  QStringLiteral("--encoding=UTF8"), QStringLiteral("--locale=C"),
                  QStringLiteral("--no-sync")})) {
            return false;
        }
        // A free port can be taken between probing and binding: retry a little.
        for (int attempt = 0; attempt < 3; ++attempt) {
            m_port = freePort();
            const QString options =
                QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2 -c fsync=off "
                               "-c full_page_writes=off -c synchronous_commit=off")
                    .arg(m_port)
                    .arg(m_dir->path());
            if (run(m_bin + QStringLiteral("/pg_ctl"),
                    {QStringLiteral("-D"), data, QStringLiteral("-l"),
                     m_dir->filePath(QStringLiteral("server.log")), QStringLiteral("-w"),
                     QStringLiteral("-t"), QStringLiteral("30"), QStringLiteral("-o"), options,
                     QStringLiteral("start")})) {
                m_running = true;
                m_startMilliseconds = timer.elapsed();
                return true;
            }
        }
        QFile log(m_dir->filePath(QStringLiteral("server.log")));
        if (log.open(QIODevice::ReadOnly)) {
            m_error += QStringLiteral("\nserver log:\n") + QString::fromLocal8Bit(log.readAll());
        }
        return false;
    }

    void stop()
    {
        if (m_running) {
            run(m_bin + QStringLiteral("/pg_ctl"),
                {QStringLiteral("-D"), m_dir->filePath(QStringLiteral("data")),
                 QStringLiteral("-m"), QStringLiteral("immediate"), QStringLiteral("-w"),
                 QStringLiteral("stop")});
            m_running = false;
        }
    }

    bool isRunning() const { return m_running; }
    QString error() const { return m_error; }
    int port() const { return m_port; }
    QString socketDir() const { return m_dir ? m_dir->path() : QString(); }
    QString superuser() const { return QStringLiteral("postgres"); }
    qint64 startMilliseconds() const { return m_startMilliseconds; }

    // postgresql://user:password@127.0.0.1:port/database
    QString url(const QString &user, const QString &password, const QString &database,
                const QString &driver = QStringLiteral("postgresql+psycopg2")) const
    {
        return QStringLiteral("%1://%2:%3@127.0.0.1:%4/%5")
            .arg(driver, user, password)
            .arg(m_port)
            .arg(database);
    }

    // Runs statements as the superuser over the Unix socket (trusted), each on
    // its own; false with error() at the first failure.
    bool execute(const QStringList &statements,
                 const QString &database = QStringLiteral("postgres"))
    {
        const QString name = QStringLiteral("revscope-test-admin-%1").arg(++m_connections);
        bool ok = true;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(socketDir());
            db.setPort(m_port);
            db.setUserName(superuser());
            db.setDatabaseName(database);
            if (!db.open()) {
                m_error = db.lastError().text();
                ok = false;
            } else {
                QSqlQuery query(db);
                for (const QString &statement : statements) {
                    if (!query.exec(statement)) {
                        m_error = statement + QStringLiteral(": ") + query.lastError().text();
                        ok = false;
                        break;
                    }
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

    // The first column of every row of `sql` (superuser), or an empty list.
    QStringList values(const QString &sql, const QString &database)
    {
        const QString name = QStringLiteral("revscope-test-admin-%1").arg(++m_connections);
        QStringList result;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(socketDir());
            db.setPort(m_port);
            db.setUserName(superuser());
            db.setDatabaseName(database);
            if (db.open()) {
                QSqlQuery query(db);
                if (query.exec(sql)) {
                    while (query.next()) {
                        result.append(query.value(0).toString());
                    }
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return result;
    }

private:
    bool dropPrivileges()
    {
        for (const char *user : {"postgres", "nobody"}) {
            if (const passwd *entry = ::getpwnam(user)) {
                m_runAs = QString::fromLocal8Bit(user);
                if (::chown(QFile::encodeName(m_dir->path()).constData(), entry->pw_uid,
                            entry->pw_gid) != 0) {
                    m_error = QStringLiteral("cannot chown %1 to %2").arg(m_dir->path(), m_runAs);
                    return false;
                }
                return true;
            }
        }
        m_error =
            QStringLiteral("running as root, and neither the postgres nor the nobody user exists");
        return false;
    }

    bool run(const QString &program, const QStringList &arguments)
    {
        QProcess process;
        process.setWorkingDirectory(m_dir->path());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        process.setProcessEnvironment(environment);
        if (m_runAs.isEmpty()) {
            process.start(program, arguments);
        } else {
            const QString runuser = QStandardPaths::findExecutable(QStringLiteral("runuser"));
            if (!runuser.isEmpty()) {
                process.start(runuser, QStringList{QStringLiteral("-u"), m_runAs,
                                                   QStringLiteral("--"), program} +
                                           arguments);
            } else {
                process.start(QStringLiteral("setpriv"),
                              QStringList{QStringLiteral("--reuid=") + m_runAs,
                                          QStringLiteral("--regid=") + m_runAs,
                                          QStringLiteral("--clear-groups"), program} +
                                  arguments);
            }
        }
        // pg_ctl start -w leaves the server running, with its output going to the log file.
        if (!process.waitForFinished(90000) || process.exitStatus() != QProcess::NormalExit ||
            process.exitCode() != 0) {
            m_error = QStringLiteral("%1 failed: %2%3")
                          .arg(QFileInfo(program).fileName(),
                               QString::fromLocal8Bit(process.readAllStandardError()),
                               QString::fromLocal8Bit(process.readAllStandardOutput()));
            return false;
        }
        return true;
    }

public:
    // A TCP port on 127.0.0.1 nothing listens on right now.
    static int freePort()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) {
            return 54329;
        }
        sockaddr_in address = {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        socklen_t length = sizeof(address);
        int port = 54329;
        if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0 &&
            ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
            port = ntohs(address.sin_port);
        }
        ::close(fd);
        return port;
    }

private:
    QString m_bin;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_runAs;
    QString m_error;
    int m_port = 0;
    bool m_running = false;
    int m_connections = 0;
    qint64 m_startMilliseconds = 0;
};
