#include "database/databaseurl.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QtTest>

using namespace Revscope;

namespace {

// SQLAlchemy's own reading of each URL, and what its pysqlite dialect would open.
const char *oracleScript = R"PY(
import json, sys, os
from sqlalchemy.engine import make_url
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
out = []
for text in json.load(sys.stdin):
    try:
        u = make_url(text)
    except Exception as e:
        out.append({"error": type(e).__name__})
        continue
    q = {k: list(v) if isinstance(v, tuple) else [v] for k, v in u.query.items()}
    item = {"drivername": u.drivername, "username": u.username, "password": u.password,
            "host": u.host, "port": u.port, "database": u.database, "query": q,
            "redacted": u.render_as_string(hide_password=True), "error": None}
    if u.get_backend_name() == "sqlite":
        try:
            args, kw = SQLiteDialect_pysqlite().create_connect_args(u)
            item["sqlite"] = args[0]
        except Exception as e:
            item["sqlite_error"] = type(e).__name__
    out.append(item)
json.dump(out, sys.stdout)
)PY";

QJsonValue optionalString(bool present, const QString &value)
{
    return present ? QJsonValue(value) : QJsonValue();
}

} // namespace

class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private:
    QStringList oracleUrls() const
    {
        return {
            QStringLiteral("sqlite:///relative.db"),
            QStringLiteral("sqlite:////absolute/path/app.db"),
            QStringLiteral("sqlite://"),
            QStringLiteral("sqlite:///"),
            QStringLiteral("sqlite:///:memory:"),
            QStringLiteral("sqlite:///sub/dir/../x.db"),
            QStringLiteral("sqlite+pysqlite:///x.db?timeout=10"),
            QStringLiteral("sqlite:///file:data.db?mode=ro&uri=true"),
            QStringLiteral("sqlite:///file:/abs/data.db?mode=ro&uri=true&timeout=3"),
            QStringLiteral("postgresql://scott:tiger@localhost/test"),
            QStringLiteral("postgresql+psycopg2://scott:tiger@localhost:5432/mydb"),
            QStringLiteral("postgresql+psycopg://u:p%40ss%3Aw%2Fd@db.example.com:6543/app"),
            QStringLiteral("postgresql+asyncpg://user:secret@[::1]:5432/db"),
            QStringLiteral("postgresql+pg8000://u@h/d"),
            QStringLiteral("postgresql://u:@h/d"),
            QStringLiteral("postgresql://@h/d"),
            QStringLiteral("postgresql://user@/db?host=/var/run/postgresql"),
            QStringLiteral("postgresql://h/d?sslmode=require&application_name=a+b&x=1&x=2"),
            QStringLiteral("postgresql://u:p@h/d?empty=&noval&a=%20sp&&b=%zz"),
            QStringLiteral("postgresql://u:pa:ss@h/d"),
            QStringLiteral("postgresql://u:p@ss@h/d"),
            QStringLiteral("postgresql://u:p%25zz@h/d"),
            QStringLiteral("postgresql://h: 12 /d"),
            QStringLiteral("postgresql://h:+5432/d"),
            QStringLiteral("postgresql://h:5_432/d"),
            QStringLiteral("postgresql://h:abc/d"),
            QStringLiteral("postgresql://h:/d"),
            QStringLiteral("postgresql://[fe80::1%25eth0]:5432/db"),
            QStringLiteral("postgresql://h"),
            QStringLiteral("postgresql://"),
            QStringLiteral("mysql+pymysql://root:pw@127.0.0.1:3306/db?charset=utf8mb4"),
            QStringLiteral("mysql+mysqldb://u:p@h/d?unix_socket=/tmp/mysql.sock"),
            QStringLiteral("mariadb+pymysql://u:p@h/d"),
            QStringLiteral("mariadb://u:p@h/d"),
            QString::fromUtf8("postgresql://\xc3\xbcser:p\xc3\xa4ss@h\xc3\xb3st/d\xc3\xa4tabase?"
                              "k\xc3\xa9y=v\xc3\xa2lue"),
            QStringLiteral("postgresql://u:%E2%82%AC%zz@h/d"),
            QStringLiteral("postgresql://u:p@h/d?z=1&a=2&m=%26"),
            QStringLiteral("not a url"),
            QStringLiteral("postgresql:/x"),
            QStringLiteral("://h/d"),
        };
    }

private slots:
    void matchesSqlalchemy()
    {
        QProcess probe;
        probe.start(QStringLiteral("/usr/bin/python3"),
                    {QStringLiteral("-c"), QStringLiteral("import sqlalchemy")});
        if (!probe.waitForFinished(30000) || probe.exitCode() != 0) {
            QSKIP("SKIPPED: /usr/bin/python3 cannot import sqlalchemy; the oracle test needs "
                  "python3-sqlalchemy");
        }
        QTemporaryDir base;
        QVERIFY(base.isValid());
        const QStringList urls = oracleUrls();
        QProcess oracle;
        oracle.setWorkingDirectory(base.path());
        oracle.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral("-c"), QString::fromUtf8(oracleScript)});
        QVERIFY(oracle.waitForStarted());
        oracle.write(QJsonDocument(QJsonArray::fromStringList(urls)).toJson());
        oracle.closeWriteChannel();
        QVERIFY(oracle.waitForFinished(60000));
        QCOMPARE(oracle.exitCode(), 0);
        const QJsonArray expected = QJsonDocument::fromJson(oracle.readAllStandardOutput()).array();
        QCOMPARE(expected.size(), urls.size());

        int compared = 0;
        int sqliteCompared = 0;
        for (int i = 0; i < urls.size(); ++i) {
            const QString &text = urls[i];
            const QJsonObject want = expected[i].toObject();
            const DatabaseUrl url = DatabaseUrl::parse(text, base.path());
            if (!want.value(QStringLiteral("error")).isNull()) {
                QVERIFY2(!url.isValid(), qPrintable(text));
                QVERIFY2(!url.error().isEmpty(), qPrintable(text));
                continue;
            }
            QVERIFY2(url.isValid(), qPrintable(text + QStringLiteral(": ") + url.error()));
            QJsonObject query;
            for (const auto &item : url.query()) {
                query.insert(item.first, QJsonArray::fromStringList(item.second));
            }
            QJsonObject got{
                {QStringLiteral("drivername"), url.driverName()},
                {QStringLiteral("username"), optionalString(url.hasUsername(), url.username())},
                {QStringLiteral("password"), optionalString(url.hasPassword(), url.password())},
                {QStringLiteral("host"), optionalString(!url.host().isEmpty(), url.host())},
                {QStringLiteral("port"), url.hasPort() ? QJsonValue(url.port()) : QJsonValue()},
                {QStringLiteral("database"), optionalString(url.hasDatabase(), url.database())},
                {QStringLiteral("query"), query},
                {QStringLiteral("redacted"), url.redacted()},
                {QStringLiteral("error"), QJsonValue()},
            };
            QJsonObject wantCore = want;
            wantCore.remove(QStringLiteral("sqlite"));
            wantCore.remove(QStringLiteral("sqlite_error"));
            QVERIFY2(
                got == wantCore,
                qPrintable(
                    text + QStringLiteral("\n got: ") +
                    QString::fromUtf8(QJsonDocument(got).toJson(QJsonDocument::Compact)) +
                    QStringLiteral("\nwant: ") +
                    QString::fromUtf8(QJsonDocument(wantCore).toJson(QJsonDocument::Compact))));
            // The file pysqlite would open (relative paths against the same folder);
            // a relative `file:` URI is made absolute on purpose, so skip those.
            if (want.contains(QStringLiteral("sqlite")) &&
                !(url.isSqliteUri() && !url.database().startsWith(QLatin1String("file:/")))) {
                QCOMPARE(url.sqliteFileName(), want.value(QStringLiteral("sqlite")).toString());
                ++sqliteCompared;
            }
            ++compared;
        }
        // Guards against the oracle silently answering nothing useful.
        QVERIFY2(compared >= 30, qPrintable(QString::number(compared)));
        QVERIFY2(sqliteCompared >= 7, qPrintable(QString::number(sqliteCompared)));
    }

    void drivers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("backend");
        QTest::addColumn<QString>("qtDriver");
        QTest::addColumn<QString>("package");
        QTest::addColumn<QString>("dbapi");
        QTest::newRow("sqlite") << "sqlite:///a.db" << int(DatabaseUrl::Backend::Sqlite)
                                << "QSQLITE"
                                << "libqt6sql6-sqlite"
                                << "";
        QTest::newRow("psycopg2") << "postgresql+psycopg2://u:p@h/d"
                                  << int(DatabaseUrl::Backend::PostgreSql) << "QPSQL"
                                  << "libqt6sql6-psql"
                                  << "psycopg2";
        QTest::newRow("psycopg") << "postgresql+psycopg://u:p@h/d"
                                 << int(DatabaseUrl::Backend::PostgreSql) << "QPSQL"
                                 << "libqt6sql6-psql"
                                 << "psycopg";
        QTest::newRow("asyncpg") << "postgresql+asyncpg://u:p@h/d"
                                 << int(DatabaseUrl::Backend::PostgreSql) << "QPSQL"
                                 << "libqt6sql6-psql"
                                 << "asyncpg";
        QTest::newRow("pg8000") << "postgresql+pg8000://u:p@h/d"
                                << int(DatabaseUrl::Backend::PostgreSql) << "QPSQL"
                                << "libqt6sql6-psql"
                                << "pg8000";
        QTest::newRow("pymysql") << "mysql+pymysql://u:p@h/d" << int(DatabaseUrl::Backend::MySql)
                                 << "QMYSQL"
                                 << "libqt6sql6-mysql"
                                 << "pymysql";
        QTest::newRow("mysqldb") << "mysql+mysqldb://u:p@h/d" << int(DatabaseUrl::Backend::MySql)
                                 << "QMYSQL"
                                 << "libqt6sql6-mysql"
                                 << "mysqldb";
        QTest::newRow("mariadb") << "mariadb+pymysql://u:p@h/d"
                                 << int(DatabaseUrl::Backend::MariaDb) << "QMARIADB"
                                 << "libqt6sql6-mysql"
                                 << "pymysql";
    }

    void drivers()
    {
        QFETCH(QString, text);
        QFETCH(int, backend);
        QFETCH(QString, qtDriver);
        QFETCH(QString, package);
        QFETCH(QString, dbapi);
        const DatabaseUrl url = DatabaseUrl::parse(text);
        QVERIFY2(url.isValid(), qPrintable(url.error()));
        QCOMPARE(int(url.backend()), backend);
        QCOMPARE(url.qtDriver(), qtDriver);
        QCOMPARE(url.debianPackage(), package);
        QCOMPARE(url.dbapiName(), dbapi);
        QString error;
        const bool available = url.isDriverAvailable(&error);
        QCOMPARE(available, QSqlDatabase::isDriverAvailable(qtDriver) ||
                                (qtDriver == QLatin1String("QMARIADB") &&
                                 QSqlDatabase::isDriverAvailable(QStringLiteral("QMYSQL"))));
        if (!available) {
            QVERIFY2(error.contains(package), qPrintable(error));
            QVERIFY2(!error.contains(QLatin1String(":p@")), qPrintable(error));
        }
    }

    void rejected_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown backend") << "oracle://u:p@h/d"
                                         << "oracle";
        QTest::newRow("unknown driver") << "postgresql+foo://u:p@h/d"
                                        << "foo";
        QTest::newRow("old postgres name") << "postgres://u:p@h/d"
                                           << "postgresql://";
        QTest::newRow("sqlite with host") << "sqlite://host/x.db"
                                          << "sqlite:////";
        QTest::newRow("sqlite bad uri flag") << "sqlite:///x.db?uri=maybe"
                                             << "maybe";
        QTest::newRow("bad port") << "postgresql://u:secretpw@h:xyz/d"
                                  << "xyz";
        QTest::newRow("no scheme") << "just text"
                                   << "just text";
        QTest::newRow("malformed with password") << "postgresql:/u:secretpw@h/d"
                                                 << "not a database URL";
    }

    void rejected()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        const DatabaseUrl url = DatabaseUrl::parse(text);
        QVERIFY(!url.isValid());
        QVERIFY2(url.error().contains(mentions), qPrintable(url.error()));
        QVERIFY2(!url.error().contains(QLatin1String("secretpw")), qPrintable(url.error()));
    }

    void redactedNeverShowsPassword_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("redacted");
        QTest::newRow("plain") << "postgresql://u:hunter22@h/d"
                               << "postgresql://u:***@h/d";
        QTest::newRow("escaped") << "postgresql+psycopg://u:p%40ss@h:5432/d"
                                 << "postgresql+psycopg://u:***@h:5432/d";
        QTest::newRow("empty") << "postgresql://u:@h/d"
                               << "postgresql://u:***@h/d";
        QTest::newRow("no password") << "postgresql://u@h/d"
                                     << "postgresql://u@h/d";
        QTest::newRow("ipv6") << "postgresql://u:x@[::1]:5/d"
                              << "postgresql://u:***@[::1]:5/d";
    }

    void redactedNeverShowsPassword()
    {
        QFETCH(QString, text);
        QFETCH(QString, redacted);
        const DatabaseUrl url = DatabaseUrl::parse(text);
        QCOMPARE(url.redacted(), redacted);
        QCOMPARE(url.toString(), redacted);
        QCOMPARE(url.toString(false), DatabaseUrl::parse(url.toString(false)).toString(false));
    }

    void sqliteFiles()
    {
        QTemporaryDir base;
        QVERIFY(base.isValid());
        QCOMPARE(
            DatabaseUrl::parse(QStringLiteral("sqlite:///app.db"), base.path()).sqliteFileName(),
            base.path() + QStringLiteral("/app.db"));
        QCOMPARE(DatabaseUrl::parse(QStringLiteral("sqlite:////srv/app.db"), base.path())
                     .sqliteFileName(),
                 QStringLiteral("/srv/app.db"));
        QVERIFY(DatabaseUrl::parse(QStringLiteral("sqlite://")).isSqliteMemory());
        QVERIFY(DatabaseUrl::parse(QStringLiteral("sqlite:///:memory:")).isSqliteMemory());
        const DatabaseUrl uri = DatabaseUrl::parse(
            QStringLiteral("sqlite:///file:data/app.db?mode=ro&uri=true&timeout=5"), base.path());
        QVERIFY(uri.isSqliteUri());
        QCOMPARE(uri.sqliteFileName(),
                 QStringLiteral("file:") + base.path() + QStringLiteral("/data/app.db?mode=ro"));
    }

    void fromEnvironment()
    {
        qputenv("REVSCOPE_TEST_DATABASE_URL", "postgresql+psycopg2://app:s3cret@db:5432/app");
        const DatabaseUrl url =
            DatabaseUrl::fromEnvironment(QStringLiteral("REVSCOPE_TEST_DATABASE_URL"));
        QVERIFY2(url.isValid(), qPrintable(url.error()));
        QCOMPARE(url.host(), QStringLiteral("db"));
        QCOMPARE(url.password(), QStringLiteral("s3cret"));
        qunsetenv("REVSCOPE_TEST_DATABASE_URL");
        const DatabaseUrl unset =
            DatabaseUrl::fromEnvironment(QStringLiteral("REVSCOPE_TEST_DATABASE_URL"));
        QVERIFY(!unset.isValid());
        QVERIFY2(unset.error().contains(QLatin1String("REVSCOPE_TEST_DATABASE_URL")),
                 qPrintable(unset.error()));
    }

    // Python's urllib.parse.quote(safe='') and quote_plus(safe=''), whose
    // outputs these are.
    void percentEncoded_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("quoted");
        QTest::addColumn<QString>("quotedPlus");
        QTest::newRow("URL delimiters and space")
            << QStringLiteral("p@ss w/rd:%?#") << QStringLiteral("p%40ss%20w%2Frd%3A%25%3F%23")
            << QStringLiteral("p%40ss+w%2Frd%3A%25%3F%23");
        QTest::newRow("unreserved and UTF-8")
            << QStringLiteral("\u00e9~_.-Az09") << QStringLiteral("%C3%A9~_.-Az09")
            << QStringLiteral("%C3%A9~_.-Az09");
        QTest::newRow("empty") << QString() << QString() << QString();
    }

    void percentEncoded()
    {
        QFETCH(QString, text);
        QFETCH(QString, quoted);
        QFETCH(QString, quotedPlus);
        QCOMPARE(DatabaseUrl::percentEncoded(text), quoted);
        QCOMPARE(DatabaseUrl::percentEncoded(text, true), quotedPlus);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
