#include "versiontablereader.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Revscope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("VersionTableReader", text);
}

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("revscope-readonly-%1").arg(counter.fetchAndAddRelaxed(1));
}

// A libpq connection-string value: single-quoted, ' and \ escaped.
QString libpqValue(QString value)
{
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    value.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

QString sqlErrorText(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty()) {
        text = error.driverText().trimmed();
    }
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text.simplified();
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

ReadOnlyConnection::ReadOnlyConnection(const DatabaseUrl &url, const ConnectionSettings &settings)
    : m_url(url), m_name(uniqueConnectionName())
{
    m_open = open(settings);
}

ReadOnlyConnection::~ReadOnlyConnection()
{
    if (m_database.isValid()) {
        m_database.close();
    }
    m_database = QSqlDatabase();
    if (QSqlDatabase::contains(m_name)) {
        QSqlDatabase::removeDatabase(m_name);
    }
}

QString ReadOnlyConnection::scrub(const QString &text) const
{
    QString result = text;
    const QString password = m_url.password();
    // Very short passwords would match ordinary words; drivers do not echo
    // passwords anyway, this only guards against one that does.
    if (password.size() >= 4) {
        result.replace(password, QStringLiteral("***"));
    }
    return result;
}

bool ReadOnlyConnection::fail(const QString &message)
{
    m_error = scrub(message);
    if (m_database.isValid()) {
        m_database.close();
    }
    return false;
}

bool ReadOnlyConnection::open(const ConnectionSettings &settings)
{
    if (!m_url.isValid()) {
        m_error = m_url.error();
        return false;
    }
    QString driverError;
    if (!m_url.isDriverAvailable(&driverError)) {
        m_error = driverError;
        return false;
    }
    m_database = QSqlDatabase::addDatabase(m_url.availableQtDriver(), m_name);
    switch (m_url.backend()) {
    case DatabaseUrl::Backend::Sqlite:
        return openSqlite(settings);
    case DatabaseUrl::Backend::PostgreSql:
        return openPostgres(settings);
    case DatabaseUrl::Backend::MySql:
    case DatabaseUrl::Backend::MariaDb:
        return openMysql(settings);
    case DatabaseUrl::Backend::Unknown:
        break;
    }
    return fail(tr("Revscope cannot read database URL %1").arg(m_url.redacted()));
}

bool ReadOnlyConnection::openSqlite(const ConnectionSettings &settings)
{
    QString fileName = m_url.sqliteFileName();
    QStringList options = {QStringLiteral("QSQLITE_OPEN_READONLY"),
                           QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1")
                               .arg(qMax(0, settings.statementTimeoutSeconds) * 1000)};
    if (m_url.isSqliteUri()) {
        options.append(QStringLiteral("QSQLITE_OPEN_URI"));
        // A URI asking for more than read-only access conflicts with the
        // read-only flag; read-only is what we want anyway.
        for (const QString &mode : {QStringLiteral("mode=rwc"), QStringLiteral("mode=rw")}) {
            fileName.replace(mode, QStringLiteral("mode=ro"));
        }
    } else if (!m_url.isSqliteMemory()) {
        const QFileInfo info(fileName);
        if (!info.exists()) {
            return fail(tr("The SQLite database file %1 (from %2) does not exist")
                            .arg(fileName, m_url.redacted()));
        }
        if (!info.isFile() || !info.isReadable()) {
            return fail(tr("The SQLite database file %1 (from %2) is not a readable file")
                            .arg(fileName, m_url.redacted()));
        }
    }
    m_database.setDatabaseName(fileName);
    m_database.setConnectOptions(options.join(QLatin1Char(';')));
    if (!m_database.open()) {
        return fail(tr("Could not open the SQLite database %1: %2")
                        .arg(m_url.redacted(), sqlErrorText(m_database.lastError())));
    }
    // SQLite opens lazily: make it read the file header now, so a file that
    // is not a database fails here rather than in the first query.
    QSqlQuery probe(m_database);
    if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"))) {
        const QString message = sqlErrorText(probe.lastError());
        probe = QSqlQuery();
        return fail(tr("Could not read the SQLite database %1: %2").arg(m_url.redacted(), message));
    }
    return true;
}

bool ReadOnlyConnection::openPostgres(const ConnectionSettings &settings)
{
    // Query keys psycopg2 passes on to libpq, which QPSQL accepts as connect options.
    static const QStringList passThrough = {
        QStringLiteral("sslmode"),         QStringLiteral("sslrootcert"),
        QStringLiteral("sslcert"),         QStringLiteral("sslkey"),
        QStringLiteral("sslcrl"),          QStringLiteral("target_session_attrs"),
        QStringLiteral("gssencmode"),      QStringLiteral("krbsrvname"),
        QStringLiteral("service"),         QStringLiteral("passfile"),
        QStringLiteral("channel_binding"), QStringLiteral("options"),
        QStringLiteral("connect_timeout"), QStringLiteral("application_name")};
    QString host = m_url.host();
    if (!m_url.queryValue(QStringLiteral("host")).isEmpty()) {
        host = m_url.queryValue(QStringLiteral("host")); // a socket folder, as libpq takes it
    }
    if (!host.isEmpty()) {
        m_database.setHostName(host);
    }
    int port = m_url.hasPort() ? m_url.port() : -1;
    if (!m_url.queryValue(QStringLiteral("port")).isEmpty()) {
        port = m_url.queryValue(QStringLiteral("port")).toInt();
    }
    if (port >= 0) {
        m_database.setPort(port);
    }
    if (!m_url.database().isEmpty()) {
        m_database.setDatabaseName(m_url.database());
    }
    if (!m_url.username().isEmpty()) {
        m_database.setUserName(m_url.username());
    }
    if (m_url.hasPassword()) {
        m_database.setPassword(m_url.password());
    }
    QStringList options;
    if (m_url.queryValue(QStringLiteral("connect_timeout")).isEmpty()) {
        options.append(
            QStringLiteral("connect_timeout=%1").arg(qMax(1, settings.connectTimeoutSeconds)));
    }
    if (m_url.queryValue(QStringLiteral("application_name")).isEmpty()) {
        options.append(QStringLiteral("application_name='revscope'"));
    }
    // asyncpg spells sslmode as ssl.
    const QString ssl = m_url.queryValue(QStringLiteral("ssl"));
    if (!ssl.isEmpty() && m_url.queryValue(QStringLiteral("sslmode")).isEmpty()) {
        options.append(QStringLiteral("sslmode=") + libpqValue(ssl));
    }
    for (const QString &key : passThrough) {
        const QString value = m_url.queryValue(key);
        if (value.isEmpty()) {
            continue;
        }
        // QPSQL turns every ';' of the option string into a separator.
        if (value.contains(QLatin1Char(';'))) {
            return fail(tr("In database URL %1, the value of %2 contains ';', which the Qt "
                           "PostgreSQL driver cannot pass on")
                            .arg(m_url.redacted(), key));
        }
        options.append(key + QLatin1Char('=') + libpqValue(value));
    }
    m_database.setConnectOptions(options.join(QLatin1Char(';')));
    if (!m_database.open()) {
        return fail(tr("Could not connect to %1: %2")
                        .arg(m_url.redacted(), sqlErrorText(m_database.lastError())));
    }
    QSqlQuery query(m_database);
    const QStringList setup = {
        QStringLiteral("SET default_transaction_read_only = on"),
        QStringLiteral("SET statement_timeout = %1")
            .arg(qMax(0, settings.statementTimeoutSeconds) * 1000),
    };
    for (const QString &statement : setup) {
        if (!query.exec(statement)) {
            const QString message = sqlErrorText(query.lastError());
            query = QSqlQuery();
            return fail(tr("Connected to %1, but could not make the session read-only: %2")
                            .arg(m_url.redacted(), message));
        }
    }
    return true;
}

bool ReadOnlyConnection::openMysql(const ConnectionSettings &settings)
{
    if (!m_url.host().isEmpty()) {
        m_database.setHostName(m_url.host());
    }
    if (m_url.hasPort()) {
        m_database.setPort(m_url.port());
    }
    if (!m_url.database().isEmpty()) {
        m_database.setDatabaseName(m_url.database());
    }
    if (!m_url.username().isEmpty()) {
        m_database.setUserName(m_url.username());
    }
    if (m_url.hasPassword()) {
        m_database.setPassword(m_url.password());
    }
    QStringList options = {
        QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=%1").arg(qMax(1, settings.connectTimeoutSeconds)),
        QStringLiteral("MYSQL_OPT_READ_TIMEOUT=%1").arg(qMax(1, settings.statementTimeoutSeconds))};
    const QList<QPair<QString, QString>> mapped = {
        {QStringLiteral("unix_socket"), QStringLiteral("UNIX_SOCKET")},
        {QStringLiteral("ssl_ca"), QStringLiteral("SSL_CA")},
        {QStringLiteral("ssl_cert"), QStringLiteral("SSL_CERT")},
        {QStringLiteral("ssl_key"), QStringLiteral("SSL_KEY")}};
    for (const auto &pair : mapped) {
        const QString value = m_url.queryValue(pair.first);
        if (!value.isEmpty() && !value.contains(QLatin1Char(';'))) {
            options.append(pair.second + QLatin1Char('=') + value);
        }
    }
    m_database.setConnectOptions(options.join(QLatin1Char(';')));
    if (!m_database.open()) {
        return fail(tr("Could not connect to %1: %2")
                        .arg(m_url.redacted(), sqlErrorText(m_database.lastError())));
    }
    QSqlQuery query(m_database);
    if (!query.exec(QStringLiteral("SET SESSION TRANSACTION READ ONLY"))) {
        const QString message = sqlErrorText(query.lastError());
        query = QSqlQuery();
        return fail(tr("Connected to %1, but could not make the session read-only: %2")
                        .arg(m_url.redacted(), message));
    }
    return true;
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
        state.error = tr("The version table name '%1' is not a usable table name").arg(m_table);
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
            state.error =
                connection.scrub(tr("Could not look up the table %1 in %2: %3")
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
                connection.scrub(tr("Could not read the table %1 in %2: %3")
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
