#pragma once

#include "databasestate.h"
#include "databaseurl.h"

#include <QSqlDatabase>
#include <QString>

namespace Revscope {

struct ConnectionSettings
{
    int connectTimeoutSeconds = 5;    // a `connect_timeout` in the URL's query wins
    int statementTimeoutSeconds = 10; // per statement, where the driver allows it
};

// A read-only QtSql connection under its own unique connection name, removed
// again when this object dies. Read-only wherever the driver allows it:
// SQLite opens with QSQLITE_OPEN_READONLY, PostgreSQL sets
// default_transaction_read_only, MySQL/MariaDB sets the session read only.
// Use it (and every QSqlQuery on it) only in the thread that created it, and
// destroy the queries before the connection.
class ReadOnlyConnection
{
public:
    explicit ReadOnlyConnection(const DatabaseUrl &url, const ConnectionSettings &settings = {});
    ~ReadOnlyConnection();
    ReadOnlyConnection(const ReadOnlyConnection &) = delete;
    ReadOnlyConnection &operator=(const ReadOnlyConnection &) = delete;

    bool isOpen() const { return m_open; }
    // One sentence naming the (redacted) URL; never contains the password.
    QString error() const { return m_error; }
    QSqlDatabase database() const { return m_database; }
    QString connectionName() const { return m_name; }
    const DatabaseUrl &url() const { return m_url; }

    // Removes the URL's password from a driver message, in case a driver echoes it.
    QString scrub(const QString &text) const;

private:
    bool open(const ConnectionSettings &settings);
    bool openSqlite(const ConnectionSettings &settings);
    bool openPostgres(const ConnectionSettings &settings);
    bool openMysql(const ConnectionSettings &settings);
    bool fail(const QString &message);

    DatabaseUrl m_url;
    QString m_name;
    QSqlDatabase m_database;
    bool m_open = false;
    QString m_error;
};

// Reads the rows of Alembic's version table without ever writing. Each read()
// uses its own connection, so it may run on any thread, several at once.
class VersionTableReader
{
public:
    explicit VersionTableReader(const DatabaseUrl &url);

    // Defaults: "alembic_version", no schema (the connection's default).
    void setVersionTable(const QString &table) { m_table = table; }
    void setSchema(const QString &schema) { m_schema = schema; }
    void setSettings(const ConnectionSettings &settings) { m_settings = settings; }

    DatabaseState read() const;

    // The identifier quoted for the backend: "name" with " doubled
    // (SQLite, PostgreSQL), `name` with ` doubled (MySQL, MariaDB).
    static QString quoteIdentifier(const QString &name, DatabaseUrl::Backend backend);

private:
    DatabaseUrl m_url;
    QString m_table = QStringLiteral("alembic_version");
    QString m_schema;
    ConnectionSettings m_settings;
};

} // namespace Revscope
