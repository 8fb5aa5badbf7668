#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Revscope {

// A database URL as SQLAlchemy 1.4 reads it (sqlalchemy/engine/url.py
// `make_url`): `dialect+driver://user:password@host:port/database?query`,
// plus what Revscope needs to open it with QtSql.
class DatabaseUrl
{
public:
    enum class Backend { Unknown, Sqlite, PostgreSql, MySql, MariaDb };

    // One query key with every value given for it, in first-seen order.
    using QueryItem = QPair<QString, QStringList>;

    DatabaseUrl() = default;

    // Parses `text`. A relative SQLite path is taken relative to `baseDir`
    // (the current directory when empty), as SQLAlchemy takes it relative to
    // the process's working directory. Check isValid() / error().
    static DatabaseUrl parse(const QString &text, const QString &baseDir = QString());
    // Parses the value of environment variable `name`; an error names the
    // variable when it is unset or empty.
    static DatabaseUrl fromEnvironment(const QString &name, const QString &baseDir = QString());

    // Python's urllib.parse.quote(text, safe=''): UTF-8, every byte but the
    // unreserved ones %-escaped, so the text can stand in any URL field and
    // unquoting gives it back; with `spaceAsPlus`, quote_plus (query values).
    static QString percentEncoded(const QString &text, bool spaceAsPlus = false);

    bool isValid() const { return m_error.isEmpty() && !m_driverName.isEmpty(); }
    QString error() const { return m_error; }

    // SQLAlchemy's `drivername` ("postgresql+psycopg2"), backend ("postgresql")
    // and DBAPI driver ("psycopg2"; empty when the URL names none).
    QString driverName() const { return m_driverName; }
    QString backendName() const;
    QString dbapiName() const;
    Backend backend() const { return m_backend; }

    // Absent parts are null strings / -1; `hasX` tells absent from empty.
    bool hasUsername() const { return m_hasUsername; }
    QString username() const { return m_username; }
    bool hasPassword() const { return m_hasPassword; }
    QString password() const { return m_password; }
    QString host() const { return m_host; }
    bool hasPort() const { return m_hasPort; }
    int port() const { return m_port; }
    bool hasDatabase() const { return m_hasDatabase; }
    QString database() const { return m_database; }
    QList<QueryItem> query() const { return m_query; }
    QStringList queryValues(const QString &key) const;
    // The last value given for `key` (SQLAlchemy dialects use the last), or null.
    QString queryValue(const QString &key) const;

    // SQLAlchemy's render_as_string(): the password shows as `***` unless
    // `hidePassword` is false. Use redacted() for anything shown or logged.
    QString toString(bool hidePassword = true) const;
    QString redacted() const { return toString(true); }

    // SQLite: the in-memory database (`sqlite://`, `sqlite:///:memory:`).
    bool isSqliteMemory() const;
    // SQLite with `uri=true`: sqliteFileName() is then a `file:` URI.
    bool isSqliteUri() const { return m_sqliteUri; }
    // SQLite: the absolute file path (or URI, or ":memory:") SQLAlchemy's
    // pysqlite dialect would open.
    QString sqliteFileName() const { return m_sqliteFileName; }

    // QtSql driver for the backend ("QSQLITE", "QPSQL", "QMYSQL", "QMARIADB"),
    // empty when unknown; and the Debian package that ships it.
    QString qtDriver() const;
    QString debianPackage() const;
    // Whether the Qt driver (or, for MariaDB, its QMYSQL alias) is installed;
    // otherwise a sentence naming the package that provides it.
    bool isDriverAvailable(QString *error = nullptr) const;
    // The driver name to pass to QSqlDatabase::addDatabase: qtDriver(), or
    // QMYSQL when QMARIADB is not registered.
    QString availableQtDriver() const;

private:
    void interpretBackend();
    void interpretSqlite(const QString &baseDir);

    QString m_text;
    QString m_error;
    QString m_driverName;
    Backend m_backend = Backend::Unknown;
    bool m_hasUsername = false;
    QString m_username;
    bool m_hasPassword = false;
    QString m_password;
    QString m_host;
    bool m_hasPort = false;
    int m_port = -1;
    bool m_hasDatabase = false;
    QString m_database;
    QList<QueryItem> m_query;
    bool m_sqliteUri = false;
    QString m_sqliteFileName;
};

} // namespace Revscope
