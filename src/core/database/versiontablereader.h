#pragma once

#include "databaseconnection.h"
#include "databasestate.h"
#include "databaseurl.h"

#include <QString>

namespace Revscope {

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
