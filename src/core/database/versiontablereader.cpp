#include "versiontablereader.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Revscope {

namespace {

QString sqlErrorText(const QSqlError &error)
{
    return DatabaseConnection::errorText(error);
}

} // namespace

QString databaseStatusName(DatabaseState::Status status)
{
    switch (status) {
    case DatabaseState::Ok:
        return QStringLiteral("ok");
    case DatabaseState::NoTable:
        return QStringLiteral("no-table");
    case DatabaseState::Empty:
        return QStringLiteral("empty");
    case DatabaseState::Unreachable:
        return QStringLiteral("unreachable");
    case DatabaseState::Error:
        return QStringLiteral("error");
    }
    return {};
}

VersionTableReader::VersionTableReader(const DatabaseUrl &url) : m_url(url) {}

QString VersionTableReader::quoteIdentifier(const QString &name, DatabaseUrl::Backend backend)
{
    const QChar quote =
        (backend == DatabaseUrl::Backend::MySql || backend == DatabaseUrl::Backend::MariaDb)
            ? QLatin1Char('`')
            : QLatin1Char('"');
    QString escaped = name;
    escaped.replace(quote, QString(quote) + quote);
    return quote + escaped + quote;
}

DatabaseState VersionTableReader::read() const
{
    DatabaseState state;
    state.url = m_url.redacted();
    state.versionTable = m_table;
    state.schema = m_schema;

    if (m_table.isEmpty() || m_table.contains(QChar(0)) || m_schema.contains(QChar(0))) {
        state.status = DatabaseState::Error;
        state.error =
            QCoreApplication::translate("VersionTableReader",
                                        "The version table name '%1' is not a usable table name")
                .arg(m_table);
        return state;
    }

    ReadOnlyConnection connection(m_url, m_settings);
    if (!connection.isOpen()) {
        state.status = DatabaseState::Unreachable;
        state.error = connection.error();
        return state;
    }

    const DatabaseUrl::Backend backend = m_url.backend();
    const QString qualified =
        (m_schema.isEmpty() ? QString() : quoteIdentifier(m_schema, backend) + QLatin1Char('.')) +
        quoteIdentifier(m_table, backend);
    const QString shownName = m_schema.isEmpty() ? m_table : m_schema + QLatin1Char('.') + m_table;

    {
        // Look the table up through the catalog with bound values first, so
        // "no table" is told apart from "cannot read it".
        QSqlQuery lookup(connection.database());
        switch (backend) {
        case DatabaseUrl::Backend::Sqlite:
            // SQLite table names compare without case.
            lookup.prepare(QStringLiteral("SELECT 1 FROM %1sqlite_master WHERE type IN ('table', "
                                          "'view') AND name = ? COLLATE NOCASE")
                               .arg(m_schema.isEmpty()
                                        ? QString()
                                        : quoteIdentifier(m_schema, backend) + QLatin1Char('.')));
            lookup.addBindValue(m_table);
            break;
        case DatabaseUrl::Backend::PostgreSql:
            if (m_schema.isEmpty()) {
                lookup.prepare(QStringLiteral(
                    "SELECT 1 FROM pg_catalog.pg_class c WHERE c.relname = ? AND c.relkind IN "
                    "('r', 'p', 'v', 'm', 'f') AND pg_catalog.pg_table_is_visible(c.oid)"));
                lookup.addBindValue(m_table);
            } else {
                lookup.prepare(QStringLiteral(
                    "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid "
                    "= c.relnamespace WHERE c.relname = ? AND n.nspname = ? AND c.relkind IN "
                    "('r', 'p', 'v', 'm', 'f')"));
                lookup.addBindValue(m_table);
                lookup.addBindValue(m_schema);
            }
            break;
        case DatabaseUrl::Backend::MySql:
        case DatabaseUrl::Backend::MariaDb:
            if (m_schema.isEmpty()) {
                lookup.prepare(QStringLiteral("SELECT 1 FROM information_schema.tables WHERE "
                                              "table_schema = DATABASE() AND table_name = ?"));
                lookup.addBindValue(m_table);
            } else {
                lookup.prepare(QStringLiteral("SELECT 1 FROM information_schema.tables WHERE "
                                              "table_schema = ? AND table_name = ?"));
                lookup.addBindValue(m_schema);
                lookup.addBindValue(m_table);
            }
            break;
        case DatabaseUrl::Backend::Unknown:
            break;
        }
        if (!lookup.exec()) {
            state.status = DatabaseState::Error;
            state.error = connection.scrub(
                QCoreApplication::translate("VersionTableReader",
                                            "Could not look up the table %1 in %2: %3")
                    .arg(shownName, state.url, sqlErrorText(lookup.lastError())));
            return state;
        }
        if (!lookup.next()) {
            state.status = DatabaseState::NoTable;
            return state;
        }
    }

    {
        QSqlQuery rows(connection.database());
        rows.setForwardOnly(true);
        if (!rows.exec(QStringLiteral("SELECT version_num FROM %1").arg(qualified))) {
            state.status = DatabaseState::Error;
            state.error =
                connection.scrub(QCoreApplication::translate(
                                     "VersionTableReader", "Could not read the table %1 in %2: %3")
                                     .arg(shownName, state.url, sqlErrorText(rows.lastError())));
            return state;
        }
        while (rows.next()) {
            if (!rows.value(0).isNull()) {
                state.versions.append(rows.value(0).toString());
            }
        }
    }
    state.status = state.versions.isEmpty() ? DatabaseState::Empty : DatabaseState::Ok;
    return state;
}

} // namespace Revscope
