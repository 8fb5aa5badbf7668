#include "databaseconnection.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Revscope {

namespace {

QString uniqueConnectionName(DatabaseConnection::Access access)
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("revscope-%1-%2")
        .arg(access == DatabaseConnection::Access::ReadOnly ? QLatin1String("readonly")
                                                            : QLatin1String("readwrite"))
        .arg(counter.fetchAndAddRelaxed(1));
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
    return DatabaseConnection::errorText(error);
}

} // namespace

QString DatabaseConnection::errorText(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty()) {
        text = error.driverText().trimmed();
    }
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text.simplified();
}

DatabaseConnection::DatabaseConnection(const DatabaseUrl &url, Access access,
                                       const ConnectionSettings &settings)
    : m_url(url), m_access(access), m_name(uniqueConnectionName(access))
{
    m_open = open(settings);
}

DatabaseConnection::~DatabaseConnection()
{
    if (m_database.isValid()) {
        m_database.close();
    }
    m_database = QSqlDatabase();
    if (QSqlDatabase::contains(m_name)) {
        QSqlDatabase::removeDatabase(m_name);
    }
}

QString DatabaseConnection::scrub(const QString &text) const
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

bool DatabaseConnection::fail(const QString &message)
{
    m_error = scrub(message);
    if (m_database.isValid()) {
        m_database.close();
    }
    return false;
}

bool DatabaseConnection::open(const ConnectionSettings &settings)
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
    return fail(
        QCoreApplication::translate("DatabaseConnection", "Revscope cannot read database URL %1")
            .arg(m_url.redacted()));
}

bool DatabaseConnection::openSqlite(const ConnectionSettings &settings)
{
    QString fileName = m_url.sqliteFileName();
    const bool readOnly = m_access == Access::ReadOnly;
    QStringList options = {QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1")
                               .arg(qMax(0, settings.statementTimeoutSeconds) * 1000)};
    if (readOnly) {
        options.append(QStringLiteral("QSQLITE_OPEN_READONLY"));
    }
    if (m_url.isSqliteUri()) {
        options.append(QStringLiteral("QSQLITE_OPEN_URI"));
        if (readOnly) {
            // A URI asking for more than read-only access conflicts with the
            // read-only flag; read-only is what we want anyway.
            for (const QString &mode : {QStringLiteral("mode=rwc"), QStringLiteral("mode=rw")}) {
                fileName.replace(mode, QStringLiteral("mode=ro"));
            }
        } else {
            // Writing never creates a database that is not there.
            fileName.replace(QStringLiteral("mode=rwc"), QStringLiteral("mode=rw"));
        }
    } else if (!m_url.isSqliteMemory()) {
        const QFileInfo info(fileName);
        if (!info.exists()) {
            return fail(
                QCoreApplication::translate("DatabaseConnection",
                                            "The SQLite database file %1 (from %2) does not exist")
                    .arg(fileName, m_url.redacted()));
        }
        if (!info.isFile() || !info.isReadable()) {
            return fail(QCoreApplication::translate(
                            "DatabaseConnection",
                            "The SQLite database file %1 (from %2) is not a readable file")
                            .arg(fileName, m_url.redacted()));
        }
        if (!readOnly && !info.isWritable()) {
            return fail(
                QCoreApplication::translate("DatabaseConnection",
                                            "The SQLite database file %1 (from %2) is not writable")
                    .arg(fileName, m_url.redacted()));
        }
    }
    m_database.setDatabaseName(fileName);
    m_database.setConnectOptions(options.join(QLatin1Char(';')));
    if (!m_database.open()) {
        return fail(QCoreApplication::translate("DatabaseConnection",
                                                "Could not open the SQLite database %1: %2")
                        .arg(m_url.redacted(), sqlErrorText(m_database.lastError())));
    }
    // SQLite opens lazily: make it read the file header now, so a file that
    // is not a database fails here rather than in the first query.
    QSqlQuery probe(m_database);
    if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"))) {
        const QString message = sqlErrorText(probe.lastError());
        probe = QSqlQuery();
        return fail(QCoreApplication::translate("DatabaseConnection",
                                                "Could not read the SQLite database %1: %2")
                        .arg(m_url.redacted(), message));
    }
    return true;
}

bool DatabaseConnection::openPostgres(const ConnectionSettings &settings)
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
            return fail(QCoreApplication::translate(
                            "DatabaseConnection",
                            "In database URL %1, the value of %2 contains ';', which the Qt "
                            "PostgreSQL driver cannot pass on")
                            .arg(m_url.redacted(), key));
        }
        options.append(key + QLatin1Char('=') + libpqValue(value));
    }
    m_database.setConnectOptions(options.join(QLatin1Char(';')));
    if (!m_database.open()) {
        return fail(QCoreApplication::translate("DatabaseConnection", "Could not connect to %1: %2")
                        .arg(m_url.redacted(), sqlErrorText(m_database.lastError())));
    }
    QSqlQuery query(m_database);
    const int timeout = qMax(0, settings.statementTimeoutSeconds) * 1000;
    QStringList setup = {QStringLiteral("SET statement_timeout = %1").arg(timeout)};
    if (m_access == Access::ReadOnly) {
        setup.prepend(QStringLiteral("SET default_transaction_read_only = on"));
    } else {
        // Waiting for another session's lock counts against the same limit,
        // so a stamp never hangs behind a long transaction.
        setup.append(QStringLiteral("SET lock_timeout = %1").arg(timeout));
    }
    for (const QString &statement : setup) {
        if (!query.exec(statement)) {
            const QString message = sqlErrorText(query.lastError());
            query = QSqlQuery();
            return fail(m_access == Access::ReadOnly
                            ? QCoreApplication::translate(
                                  "DatabaseConnection",
                                  "Connected to %1, but could not make the session read-only: %2")
                                  .arg(m_url.redacted(), message)
                            : QCoreApplication::translate(
                                  "DatabaseConnection",
                                  "Connected to %1, but could not set its timeouts: %2")
                                  .arg(m_url.redacted(), message));
        }
    }
    return true;
}

bool DatabaseConnection::openMysql(const ConnectionSettings &settings)
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
        return fail(QCoreApplication::translate("DatabaseConnection", "Could not connect to %1: %2")
                        .arg(m_url.redacted(), sqlErrorText(m_database.lastError())));
    }
    if (m_access == Access::ReadWrite) {
        QSqlQuery query(m_database);
        // Row locks wait no longer than a statement may take.
        query.exec(QStringLiteral("SET SESSION innodb_lock_wait_timeout = %1")
                       .arg(qMax(1, settings.statementTimeoutSeconds)));
        return true;
    }
    QSqlQuery query(m_database);
    if (!query.exec(QStringLiteral("SET SESSION TRANSACTION READ ONLY"))) {
        const QString message = sqlErrorText(query.lastError());
        query = QSqlQuery();
        return fail(QCoreApplication::translate(
                        "DatabaseConnection",
                        "Connected to %1, but could not make the session read-only: %2")
                        .arg(m_url.redacted(), message));
    }
    return true;
}

} // namespace Revscope
