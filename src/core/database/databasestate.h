#pragma once

#include <QString>
#include <QStringList>

namespace Revscope {

// What the version table of one database said, as read by VersionTableReader.
struct DatabaseState
{
    enum Status {
        Ok,          // the table has rows
        NoTable,     // no version table: never migrated or stamped
        Empty,       // the table exists without a row (Alembic reads it as "base")
        Unreachable, // no connection (bad URL, driver missing, refused, wrong password...)
        Error,       // connected, but the table could not be read
    };

    QString url;          // redacted: the password is `***`
    QString versionTable; // "alembic_version" unless configured
    QString schema;       // empty: the connection's default schema
    QStringList versions; // every row of version_num, in the order the database returned
    Status status = Unreachable;
    QString error; // one plain sentence when status is Unreachable or Error

    bool isReadable() const { return status == Ok || status == NoTable || status == Empty; }
};

// "ok", "no-table", "empty", "unreachable", "error".
QString databaseStatusName(DatabaseState::Status status);

} // namespace Revscope
