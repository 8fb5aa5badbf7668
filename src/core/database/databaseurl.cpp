#include "databaseurl.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QSqlDatabase>

#include <algorithm>
#include <climits>

namespace Revscope {

namespace {

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9') {
        return u - '0';
    }
    if (u >= 'a' && u <= 'f') {
        return u - 'a' + 10;
    }
    if (u >= 'A' && u <= 'F') {
        return u - 'A' + 10;
    }
    return -1;
}

// urllib.parse.unquote(text, 'utf-8', 'replace'): runs of %XX become bytes
// decoded as UTF-8; anything else, malformed escapes included, stays as is.
QString percentDecode(const QString &text)
{
    if (!text.contains(QLatin1Char('%'))) {
        return text;
    }
    QString result;
    QByteArray bytes;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == QLatin1Char('%') && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 &&
            hexValue(text[i + 2]) >= 0) {
            bytes.append(char(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2])));
            i += 2;
            continue;
        }
        if (!bytes.isEmpty()) {
            result += QString::fromUtf8(bytes);
            bytes.clear();
        }
        result += text[i];
    }
    if (!bytes.isEmpty()) {
        result += QString::fromUtf8(bytes);
    }
    return result;
}

// urllib.parse.parse_qsl(query) with its defaults: `&`-separated, fields
// without `=` or with an empty value dropped, `+` meaning a space.
QList<QPair<QString, QString>> parseQueryPairs(const QString &query)
{
    QList<QPair<QString, QString>> pairs;
    const QStringList fields = query.split(QLatin1Char('&'));
    for (const QString &field : fields) {
        const qsizetype equals = field.indexOf(QLatin1Char('='));
        if (equals < 0 || equals == field.size() - 1) {
            continue;
        }
        QString name = field.left(equals);
        QString value = field.mid(equals + 1);
        name.replace(QLatin1Char('+'), QLatin1Char(' '));
        value.replace(QLatin1Char('+'), QLatin1Char(' '));
        pairs.append({percentDecode(name), percentDecode(value)});
    }
    return pairs;
}

// Python's int(text) for base 10: surrounding whitespace, a sign, Unicode
// decimal digits, single underscores between digits.
bool parsePythonInt(const QString &text, int *value)
{
    const QString trimmed = text.trimmed();
    qsizetype i = 0;
    bool negative = false;
    if (i < trimmed.size() && (trimmed[i] == QLatin1Char('+') || trimmed[i] == QLatin1Char('-'))) {
        negative = trimmed[i] == QLatin1Char('-');
        ++i;
    }
    if (i >= trimmed.size()) {
        return false;
    }
    qint64 number = 0;
    bool lastWasDigit = false;
    for (; i < trimmed.size(); ++i) {
        const QChar c = trimmed[i];
        if (c == QLatin1Char('_')) {
            if (!lastWasDigit) {
                return false;
            }
            lastWasDigit = false;
            continue;
        }
        if (c.category() != QChar::Number_DecimalDigit) {
            return false;
        }
        number = number * 10 + c.digitValue();
        if (number > INT_MAX) {
            return false;
        }
        lastWasDigit = true;
    }
    if (!lastWasDigit) {
        return false;
    }
    *value = int(negative ? -number : number);
    return true;
}

// SQLAlchemy's _sqla_url_quote: only the characters that end the user field.
QString quoteUserField(QString text)
{
    text.replace(QLatin1Char(':'), QLatin1String("%3A"));
    text.replace(QLatin1Char('@'), QLatin1String("%40"));
    text.replace(QLatin1Char('/'), QLatin1String("%2F"));
    return text;
}

// sqlalchemy.util.asbool on a string.
bool parsePythonBool(const QString &text, bool *value)
{
    const QString t = text.trimmed().toLower();
    static const QStringList yes = {QStringLiteral("true"), QStringLiteral("yes"),
                                    QStringLiteral("on"),   QStringLiteral("y"),
                                    QStringLiteral("t"),    QStringLiteral("1")};
    static const QStringList no = {QStringLiteral("false"), QStringLiteral("no"),
                                   QStringLiteral("off"),   QStringLiteral("n"),
                                   QStringLiteral("f"),     QStringLiteral("0")};
    if (yes.contains(t)) {
        *value = true;
        return true;
    }
    if (no.contains(t)) {
        *value = false;
        return true;
    }
    return false;
}

struct BackendInfo
{
    const char *name;
    DatabaseUrl::Backend backend;
    QStringList drivers; // DBAPI names SQLAlchemy 1.4 / 2.0 ship for it
};

const QList<BackendInfo> &backends()
{
    static const QList<BackendInfo> list = {
        {"sqlite",
         DatabaseUrl::Backend::Sqlite,
         {QStringLiteral("pysqlite"), QStringLiteral("aiosqlite"), QStringLiteral("pysqlcipher")}},
        {"postgresql",
         DatabaseUrl::Backend::PostgreSql,
         {QStringLiteral("psycopg2"), QStringLiteral("psycopg"), QStringLiteral("psycopg_async"),
          QStringLiteral("asyncpg"), QStringLiteral("pg8000"), QStringLiteral("psycopg2cffi"),
          QStringLiteral("pygresql")}},
        {"mysql",
         DatabaseUrl::Backend::MySql,
         {QStringLiteral("pymysql"), QStringLiteral("mysqldb"), QStringLiteral("mysqlconnector"),
          QStringLiteral("asyncmy"), QStringLiteral("aiomysql"), QStringLiteral("cymysql"),
          QStringLiteral("mariadbconnector"), QStringLiteral("pyodbc")}},
        {"mariadb",
         DatabaseUrl::Backend::MariaDb,
         {QStringLiteral("pymysql"), QStringLiteral("mysqldb"), QStringLiteral("mysqlconnector"),
          QStringLiteral("asyncmy"), QStringLiteral("aiomysql"), QStringLiteral("cymysql"),
          QStringLiteral("mariadbconnector"), QStringLiteral("pyodbc")}},
    };
    return list;
}

} // namespace

QString DatabaseUrl::percentEncoded(const QString &text, bool spaceAsPlus)
{
    QString result;
    const QByteArray utf8 = text.toUtf8();
    for (const char byte : utf8) {
        const uchar c = uchar(byte);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '_' || c == '.' || c == '-' || c == '~') {
            result += QLatin1Char(char(c));
        } else if (c == ' ' && spaceAsPlus) {
            result += QLatin1Char('+');
        } else {
            result += QStringLiteral("%%1").arg(uint(c), 2, 16, QLatin1Char('0')).toUpper();
        }
    }
    return result;
}

DatabaseUrl DatabaseUrl::parse(const QString &text, const QString &baseDir)
{
    // The pattern of sqlalchemy.engine.url._parse_url, matched like re.match:
    // anchored at the start only, `.` stopping at a newline.
    static const QRegularExpression pattern(
        QStringLiteral("(?<name>[\\w\\+]+)://"
                       "(?:(?<username>[^:/]*)(?::(?<password>[^@]*))?@)?"
                       "(?:(?:\\[(?<ipv6host>[^/\\?]+)\\]|(?<ipv4host>[^/:\\?]+))?"
                       "(?::(?<port>[^/\\?]*))?)?"
                       "(?:/(?<database>[^\\?]*))?"
                       "(?:\\?(?<query>[^\\n]*))?"),
        QRegularExpression::UseUnicodePropertiesOption);

    DatabaseUrl url;
    url.m_text = text;
    const QRegularExpressionMatch match = pattern.match(
        text, 0, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
    if (!match.hasMatch()) {
        // Whatever precedes an '@' may be a password: never echo it.
        const qsizetype at = text.lastIndexOf(QLatin1Char('@'));
        const QString shown = at < 0 ? text : QStringLiteral("***") + text.mid(at);
        url.m_error = QCoreApplication::translate("DatabaseUrl",
                                                  "'%1' is not a database URL (expected "
                                                  "dialect+driver://user:password@host/database)")
                          .arg(shown.left(200));
        return url;
    }
    url.m_driverName = match.captured(u"name");
    if (match.hasCaptured(u"username")) {
        url.m_hasUsername = true;
        url.m_username = percentDecode(match.captured(u"username"));
    }
    if (match.hasCaptured(u"password")) {
        url.m_hasPassword = true;
        url.m_password = percentDecode(match.captured(u"password"));
    }
    url.m_host =
        match.hasCaptured(u"ipv4host") ? match.captured(u"ipv4host") : match.captured(u"ipv6host");
    if (match.hasCaptured(u"port")) {
        int port = 0;
        if (!parsePythonInt(match.captured(u"port"), &port)) {
            url.m_error = QCoreApplication::translate(
                              "DatabaseUrl", "The port '%1' in database URL %2 is not a number")
                              .arg(match.captured(u"port"), url.redacted());
            return url;
        }
        url.m_hasPort = true;
        url.m_port = port;
    }
    if (match.hasCaptured(u"database")) {
        url.m_hasDatabase = true;
        url.m_database = match.captured(u"database");
    }
    if (match.hasCaptured(u"query")) {
        for (const auto &pair : parseQueryPairs(match.captured(u"query"))) {
            auto it = std::find_if(url.m_query.begin(), url.m_query.end(),
                                   [&](const QueryItem &item) { return item.first == pair.first; });
            if (it == url.m_query.end()) {
                url.m_query.append({pair.first, {pair.second}});
            } else {
                it->second.append(pair.second);
            }
        }
    }
    url.interpretBackend();
    if (url.m_error.isEmpty() && url.m_backend == Backend::Sqlite) {
        url.interpretSqlite(baseDir);
    }
    return url;
}

DatabaseUrl DatabaseUrl::fromEnvironment(const QString &name, const QString &baseDir)
{
    const QString value = qEnvironmentVariable(name.toLocal8Bit().constData());
    if (value.trimmed().isEmpty()) {
        DatabaseUrl url;
        url.m_error =
            QCoreApplication::translate(
                "DatabaseUrl", "The environment variable %1 is not set, or empty, so it holds no "
                               "database URL")
                .arg(name);
        return url;
    }
    return parse(value.trimmed(), baseDir);
}

void DatabaseUrl::interpretBackend()
{
    const QString backend = backendName();
    const QString driver = dbapiName();
    for (const BackendInfo &info : backends()) {
        if (backend == QLatin1String(info.name)) {
            if (!driver.isEmpty() && !info.drivers.contains(driver)) {
                m_error =
                    QCoreApplication::translate(
                        "DatabaseUrl",
                        "Database URL %1 names the driver '%2', which SQLAlchemy does not "
                        "know for %3 (known: %4)")
                        .arg(redacted(), driver, backend, info.drivers.join(QLatin1String(", ")));
                return;
            }
            m_backend = info.backend;
            return;
        }
    }
    if (backend == QLatin1String("postgres")) {
        m_error = QCoreApplication::translate(
                      "DatabaseUrl",
                      "Database URL %1 uses the name 'postgres', which SQLAlchemy 1.4 and later "
                      "no longer accept; write postgresql:// instead")
                      .arg(redacted());
        return;
    }
    m_error = QCoreApplication::translate(
                  "DatabaseUrl",
                  "Database URL %1 is for '%2', which Revscope cannot read (it reads sqlite, "
                  "postgresql, mysql and mariadb)")
                  .arg(redacted(), backend);
}

void DatabaseUrl::interpretSqlite(const QString &baseDir)
{
    // sqlalchemy/dialects/sqlite/pysqlite.py create_connect_args.
    if (!m_username.isEmpty() || !m_password.isEmpty() || !m_host.isEmpty() ||
        (m_hasPort && m_port != 0)) {
        m_error =
            QCoreApplication::translate(
                "DatabaseUrl", "Invalid SQLite URL %1: valid forms are sqlite:///relative/path.db, "
                               "sqlite:////absolute/path.db and sqlite:// (in memory)")
                .arg(redacted());
        return;
    }
    const QString uriValue = queryValue(QStringLiteral("uri"));
    if (!uriValue.isNull() && !parsePythonBool(uriValue, &m_sqliteUri)) {
        m_error = QCoreApplication::translate("DatabaseUrl",
                                              "In database URL %1, uri=%2 is not true or false")
                      .arg(redacted(), uriValue);
        return;
    }
    if (m_sqliteUri) {
        // The database is an SQLite URI; query keys the Python driver does not
        // consume go into the URI, sorted.
        static const QStringList driverKeys = {QStringLiteral("uri"),
                                               QStringLiteral("timeout"),
                                               QStringLiteral("isolation_level"),
                                               QStringLiteral("detect_types"),
                                               QStringLiteral("check_same_thread"),
                                               QStringLiteral("cached_statements")};
        QStringList parts;
        QList<QueryItem> items = m_query;
        std::sort(items.begin(), items.end(),
                  [](const QueryItem &a, const QueryItem &b) { return a.first < b.first; });
        for (const QueryItem &item : items) {
            if (!driverKeys.contains(item.first)) {
                parts.append(item.first + QLatin1Char('=') + item.second.constLast());
            }
        }
        m_sqliteFileName = m_database;
        // A relative `file:` URI is relative to the working directory for
        // SQLite; make it relative to the base folder, like plain paths.
        if (m_database.startsWith(QLatin1String("file:")) && m_database.size() > 5 &&
            m_database[5] != QLatin1Char('/') && !m_database.startsWith(QLatin1String("file::"))) {
            const QDir base(baseDir.isEmpty() ? QDir::currentPath() : baseDir);
            m_sqliteFileName =
                QLatin1String("file:") + QDir::cleanPath(base.absoluteFilePath(m_database.mid(5)));
        }
        if (!parts.isEmpty()) {
            m_sqliteFileName += QLatin1Char('?') + parts.join(QLatin1Char('&'));
        }
        return;
    }
    if (m_database.isEmpty() || m_database == QLatin1String(":memory:")) {
        m_sqliteFileName = QStringLiteral(":memory:");
        return;
    }
    const QDir base(baseDir.isEmpty() ? QDir::currentPath() : baseDir);
    m_sqliteFileName = QDir::cleanPath(base.absoluteFilePath(m_database));
}

QString DatabaseUrl::backendName() const
{
    return m_driverName.section(QLatin1Char('+'), 0, 0);
}

QString DatabaseUrl::dbapiName() const
{
    return m_driverName.contains(QLatin1Char('+')) ? m_driverName.section(QLatin1Char('+'), 1, 1)
                                                   : QString();
}

QStringList DatabaseUrl::queryValues(const QString &key) const
{
    for (const QueryItem &item : m_query) {
        if (item.first == key) {
            return item.second;
        }
    }
    return {};
}

QString DatabaseUrl::queryValue(const QString &key) const
{
    const QStringList values = queryValues(key);
    return values.isEmpty() ? QString() : values.constLast();
}

QString DatabaseUrl::toString(bool hidePassword) const
{
    if (m_driverName.isEmpty()) {
        return hidePassword && m_text.contains(QLatin1Char('@'))
                   ? QStringLiteral("(unreadable URL)")
                   : m_text;
    }
    QString s = m_driverName + QLatin1String("://");
    if (m_hasUsername) {
        s += quoteUserField(m_username);
        if (m_hasPassword) {
            s += QLatin1Char(':') +
                 (hidePassword ? QStringLiteral("***") : quoteUserField(m_password));
        }
        s += QLatin1Char('@');
    }
    if (!m_host.isEmpty()) {
        s += m_host.contains(QLatin1Char(':')) ? QLatin1Char('[') + m_host + QLatin1Char(']')
                                               : m_host;
    }
    if (m_hasPort) {
        s += QLatin1Char(':') + QString::number(m_port);
    }
    if (m_hasDatabase) {
        s += QLatin1Char('/') + m_database;
    }
    if (!m_query.isEmpty()) {
        QList<QueryItem> items = m_query;
        std::sort(items.begin(), items.end(),
                  [](const QueryItem &a, const QueryItem &b) { return a.first < b.first; });
        QStringList parts;
        for (const QueryItem &item : items) {
            for (const QString &value : item.second) {
                parts.append(percentEncoded(item.first, true) + QLatin1Char('=') +
                             percentEncoded(value, true));
            }
        }
        s += QLatin1Char('?') + parts.join(QLatin1Char('&'));
    }
    return s;
}

bool DatabaseUrl::isSqliteMemory() const
{
    if (m_backend != Backend::Sqlite) {
        return false;
    }
    if (m_sqliteUri) {
        return m_database.startsWith(QLatin1String("file::memory:")) ||
               queryValue(QStringLiteral("mode")) == QLatin1String("memory");
    }
    return m_sqliteFileName == QLatin1String(":memory:");
}

QString DatabaseUrl::qtDriver() const
{
    switch (m_backend) {
    case Backend::Sqlite:
        return QStringLiteral("QSQLITE");
    case Backend::PostgreSql:
        return QStringLiteral("QPSQL");
    case Backend::MySql:
        return QStringLiteral("QMYSQL");
    case Backend::MariaDb:
        return QStringLiteral("QMARIADB");
    case Backend::Unknown:
        break;
    }
    return {};
}

QString DatabaseUrl::debianPackage() const
{
    switch (m_backend) {
    case Backend::Sqlite:
        return QStringLiteral("libqt6sql6-sqlite");
    case Backend::PostgreSql:
        return QStringLiteral("libqt6sql6-psql");
    case Backend::MySql:
    case Backend::MariaDb:
        return QStringLiteral("libqt6sql6-mysql");
    case Backend::Unknown:
        break;
    }
    return {};
}

QString DatabaseUrl::availableQtDriver() const
{
    const QString driver = qtDriver();
    if (driver.isEmpty()) {
        return {};
    }
    if (QSqlDatabase::isDriverAvailable(driver)) {
        return driver;
    }
    // The MySQL plugin registers QMARIADB as an alias only in some builds.
    if (m_backend == Backend::MariaDb &&
        QSqlDatabase::isDriverAvailable(QStringLiteral("QMYSQL"))) {
        return QStringLiteral("QMYSQL");
    }
    return {};
}

bool DatabaseUrl::isDriverAvailable(QString *error) const
{
    if (!isValid()) {
        if (error) {
            *error = m_error;
        }
        return false;
    }
    if (!availableQtDriver().isEmpty()) {
        return true;
    }
    if (error) {
        *error = QCoreApplication::translate(
                     "DatabaseUrl",
                     "The Qt SQL driver %1 needed for %2 is not installed; install the package "
                     "%3 (apt install %3)")
                     .arg(qtDriver(), redacted(), debianPackage());
    }
    return false;
}

} // namespace Revscope
