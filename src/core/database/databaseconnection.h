#pragma once

#include "databaseurl.h"

#include <QSqlDatabase>
#include <QString>

class QSqlError;

namespace Revscope {

struct ConnectionSettings
{
    int connectTimeoutSeconds = 5;    // a `connect_timeout` in the URL's query wins
    int statementTimeoutSeconds = 10; // per statement, where the driver allows it
};

// A QtSql connection under its own unique connection name, removed again
// when this object dies. ReadOnly wherever the driver allows it: SQLite opens
// with QSQLITE_OPEN_READONLY, PostgreSQL sets default_transaction_read_only,
// MySQL/MariaDB sets the session read only. ReadWrite never creates a
// missing SQLite file. Use it (and every QSqlQuery on it) only in the thread
// that created it, and destroy the queries before the connection.
class DatabaseConnection
{
public:
    enum class Access { ReadOnly, ReadWrite };

    DatabaseConnection(const DatabaseUrl &url, Access access,
                       const ConnectionSettings &settings = {});
    ~DatabaseConnection();
    DatabaseConnection(const DatabaseConnection &) = delete;
    DatabaseConnection &operator=(const DatabaseConnection &) = delete;

    bool isOpen() const { return m_open; }
    Access access() const { return m_access; }
    // One sentence naming the (redacted) URL; never contains the password.
    QString error() const { return m_error; }
    QSqlDatabase database() const { return m_database; }
    QString connectionName() const { return m_name; }
    const DatabaseUrl &url() const { return m_url; }

    // Removes the URL's password from a driver message, in case a driver echoes it.
    QString scrub(const QString &text) const;

    // The database's message (else the driver's) on one line.
    static QString errorText(const QSqlError &error);

private:
    bool open(const ConnectionSettings &settings);
    bool openSqlite(const ConnectionSettings &settings);
    bool openPostgres(const ConnectionSettings &settings);
    bool openMysql(const ConnectionSettings &settings);
    bool fail(const QString &message);

    DatabaseUrl m_url;
    Access m_access = Access::ReadOnly;
    QString m_name;
    QSqlDatabase m_database;
    bool m_open = false;
    QString m_error;
};

// The read-only connection VersionTableReader reads through.
class ReadOnlyConnection : public DatabaseConnection
{
public:
    explicit ReadOnlyConnection(const DatabaseUrl &url, const ConnectionSettings &settings = {})
        : DatabaseConnection(url, Access::ReadOnly, settings)
    {}
};

} // namespace Revscope
