#include "database/versiontablereader.h"
#include "postgresserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QtConcurrent>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Revscope;

namespace {

const QString appUser = QStringLiteral("app");
const QString appPassword = QStringLiteral("Sup3r-Secret_pw");
const QString createVersionTable =
    QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
const QString hostileTable = QStringLiteral("x\"; DROP TABLE y; --");

QString insertVersion(const QString &table, const QString &version)
{
    return QStringLiteral("INSERT INTO %1 (version_num) VALUES ('%2')").arg(table, version);
}

} // namespace

class TestVersionTableReader : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<PostgresServer> m_pg;
    QString m_pgProblem;
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString m_lastDatabase; // PostgreSQL database (or SQLite file) made by the last prepare()

    bool postgresReady()
    {
        if (!m_pg || !m_pg->isRunning()) {
            qWarning("SKIPPED: no PostgreSQL test server: %s", qPrintable(m_pgProblem));
            return false;
        }
        return true;
    }

    // A fresh database of `backend` after `statements`; returns its URL.
    // PostgreSQL statements run as the `app` role, which owns the database.
    QString prepare(const QString &backend, const QStringList &statements)
    {
        const int n = ++m_counter;
        if (backend == QLatin1String("sqlite")) {
            m_lastDatabase = m_dir.filePath(QStringLiteral("db%1.sqlite").arg(n));
            const QString name = QStringLiteral("tst-writer-%1").arg(n);
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                db.setDatabaseName(m_lastDatabase);
                if (!db.open()) {
                    qWarning("cannot create %s", qPrintable(m_lastDatabase));
                }
                QSqlQuery query(db);
                query.exec(QStringLiteral("CREATE TABLE keep_me (id INTEGER)"));
                for (const QString &statement : statements) {
                    if (!query.exec(statement)) {
                        qWarning("%s: %s", qPrintable(statement),
                                 qPrintable(query.lastError().text()));
                    }
                }
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
            // Relative to the base folder given to DatabaseUrl::parse.
            return QStringLiteral("sqlite:///db%1.sqlite").arg(n);
        }
        m_lastDatabase = QStringLiteral("t%1").arg(n);
        if (!m_pg->execute(
                {QStringLiteral("CREATE DATABASE %1 OWNER %2").arg(m_lastDatabase, appUser)})) {
            qWarning("%s", qPrintable(m_pg->error()));
        }
        if (!m_pg->execute(QStringList{QStringLiteral("SET ROLE %1").arg(appUser),
                                       QStringLiteral("CREATE TABLE keep_me (id INTEGER)")} +
                               statements,
                           m_lastDatabase)) {
            qWarning("%s", qPrintable(m_pg->error()));
        }
        return m_pg->url(appUser, appPassword, m_lastDatabase);
    }

    // Whether keep_me still exists in the last prepared database.
    bool keepMeExists(const QString &backend)
    {
        if (backend == QLatin1String("sqlite")) {
            bool found = false;
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                            QStringLiteral("tst-check"));
                db.setDatabaseName(m_lastDatabase);
                db.open();
                QSqlQuery query(db);
                found = query.exec(QStringLiteral("SELECT 1 FROM sqlite_master WHERE name = "
                                                  "'keep_me'")) &&
                        query.next();
                db.close();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("tst-check"));
            return found;
        }
        return m_pg->values(QStringLiteral("SELECT 1 FROM pg_class WHERE relname = 'keep_me'"),
                            m_lastDatabase) == QStringList{QStringLiteral("1")};
    }

    DatabaseState readWith(const QString &url, const QString &table, const QString &schema)
    {
        VersionTableReader reader(DatabaseUrl::parse(url, m_dir.path()));
        if (!table.isNull()) {
            reader.setVersionTable(table);
        }
        reader.setSchema(schema);
        return reader.read();
    }

    static void addBackendRows(const char *name, const QStringList &statements,
                               const QString &table, const QString &schema, int status,
                               const QStringList &versions,
                               const QStringList &backends = {QStringLiteral("sqlite"),
                                                              QStringLiteral("postgresql")})
    {
        for (const QString &backend : backends) {
            QTest::addRow("%s %s", qPrintable(backend), name)
                << backend << statements << table << schema << status << versions;
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (PostgresServer::binDir().isEmpty()) {
            m_pgProblem = QStringLiteral("PostgreSQL is not installed (apt install postgresql)");
            return;
        }
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
            m_pgProblem = QStringLiteral("the Qt PostgreSQL driver is missing (apt install "
                                         "libqt6sql6-psql)");
            return;
        }
        m_pg = std::make_unique<PostgresServer>();
        if (!m_pg->start()) {
            m_pgProblem = m_pg->error();
            qWarning("PostgreSQL test server did not start: %s", qPrintable(m_pgProblem));
            m_pg.reset();
            return;
        }
        qInfo("PostgreSQL test server up on 127.0.0.1:%d in %lld ms", m_pg->port(),
              m_pg->startMilliseconds());
        QVERIFY2(
            m_pg->execute(
                {QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(appUser, appPassword)}),
            qPrintable(m_pg->error()));
    }

    void cleanupTestCase()
    {
        QElapsedTimer timer;
        timer.start();
        m_pg.reset();
        qInfo("PostgreSQL test server stopped in %lld ms", timer.elapsed());
    }

    void readsVersionTable_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QStringList>("statements");
        QTest::addColumn<QString>("table"); // null: the default
        QTest::addColumn<QString>("schema");
        QTest::addColumn<int>("status");
        QTest::addColumn<QStringList>("versions");

        const QString table = QStringLiteral("alembic_version");
        addBackendRows("no version table", {}, QString(), QString(), DatabaseState::NoTable, {});
        addBackendRows("empty table", {createVersionTable}, QString(), QString(),
                       DatabaseState::Empty, {});
        addBackendRows("one row",
                       {createVersionTable, insertVersion(table, QStringLiteral("c3d4e5f6a7b8"))},
                       QString(), QString(), DatabaseState::Ok, {QStringLiteral("c3d4e5f6a7b8")});
        addBackendRows("removed revision (seed)",
                       {createVersionTable, insertVersion(table, QStringLiteral("a2242b61af45"))},
                       QString(), QString(), DatabaseState::Ok, {QStringLiteral("a2242b61af45")});
        addBackendRows("two heads",
                       {createVersionTable, insertVersion(table, QStringLiteral("aaaa1111")),
                        insertVersion(table, QStringLiteral("bbbb2222"))},
                       QString(), QString(), DatabaseState::Ok,
                       {QStringLiteral("aaaa1111"), QStringLiteral("bbbb2222")});
        addBackendRows("partial id row",
                       {createVersionTable, insertVersion(table, QStringLiteral("c3d4"))},
                       QString(), QString(), DatabaseState::Ok, {QStringLiteral("c3d4")});
        addBackendRows(
            "custom table, default name absent",
            {QStringLiteral("CREATE TABLE my_versions (version_num VARCHAR(32) NOT NULL)"),
             insertVersion(QStringLiteral("my_versions"), QStringLiteral("abc123"))},
            QString(), QString(), DatabaseState::NoTable, {});
        addBackendRows(
            "custom table",
            {QStringLiteral("CREATE TABLE my_versions (version_num VARCHAR(32) NOT NULL)"),
             insertVersion(QStringLiteral("my_versions"), QStringLiteral("abc123"))},
            QStringLiteral("my_versions"), QString(), DatabaseState::Ok,
            {QStringLiteral("abc123")});
        addBackendRows(
            "custom table in main",
            {QStringLiteral("CREATE TABLE my_versions (version_num VARCHAR(32) NOT NULL)"),
             insertVersion(QStringLiteral("my_versions"), QStringLiteral("abc123"))},
            QStringLiteral("my_versions"), QStringLiteral("main"), DatabaseState::Ok,
            {QStringLiteral("abc123")}, {QStringLiteral("sqlite")});
        const QStringList inSchema = {
            QStringLiteral("CREATE SCHEMA meta"),
            QStringLiteral("CREATE TABLE meta.versions (version_num VARCHAR(32) NOT NULL)"),
            insertVersion(QStringLiteral("meta.versions"), QStringLiteral("def456"))};
        addBackendRows("custom table and schema", inSchema, QStringLiteral("versions"),
                       QStringLiteral("meta"), DatabaseState::Ok, {QStringLiteral("def456")},
                       {QStringLiteral("postgresql")});
        addBackendRows("custom table, schema not given", inSchema, QStringLiteral("versions"),
                       QString(), DatabaseState::NoTable, {}, {QStringLiteral("postgresql")});
        addBackendRows("schema does not exist", {createVersionTable}, QString(),
                       QStringLiteral("nowhere"), DatabaseState::NoTable, {},
                       {QStringLiteral("postgresql")});
        addBackendRows("mixed-case table",
                       {QStringLiteral("CREATE TABLE \"Versions\" (version_num VARCHAR(32))"),
                        insertVersion(QStringLiteral("\"Versions\""), QStringLiteral("f00d"))},
                       QStringLiteral("Versions"), QString(), DatabaseState::Ok,
                       {QStringLiteral("f00d")}, {QStringLiteral("postgresql")});
        addBackendRows("hostile table name",
                       {QStringLiteral("CREATE TABLE \"x\"\"; DROP TABLE keep_me; --\" "
                                       "(version_num VARCHAR(32) NOT NULL)"),
                        insertVersion(QStringLiteral("\"x\"\"; DROP TABLE keep_me; --\""),
                                      QStringLiteral("beef"))},
                       QStringLiteral("x\"; DROP TABLE keep_me; --"), QString(), DatabaseState::Ok,
                       {QStringLiteral("beef")});
        addBackendRows("hostile name, absent", {createVersionTable},
                       QStringLiteral("alembic_version\"; DROP TABLE keep_me; --"), QString(),
                       DatabaseState::NoTable, {});
        addBackendRows("hostile schema", {createVersionTable}, QString(),
                       QStringLiteral("public\".\"alembic_version\"; DROP TABLE keep_me; --"),
                       DatabaseState::NoTable, {}, {QStringLiteral("postgresql")});
        addBackendRows("quote and backslash in name",
                       {QStringLiteral("CREATE TABLE \"it's\\here\" (version_num VARCHAR(32))"),
                        insertVersion(QStringLiteral("\"it's\\here\""), QStringLiteral("cafe"))},
                       QStringLiteral("it's\\here"), QString(), DatabaseState::Ok,
                       {QStringLiteral("cafe")});
    }

    void readsVersionTable()
    {
        QFETCH(QString, backend);
        QFETCH(QStringList, statements);
        QFETCH(QString, table);
        QFETCH(QString, schema);
        QFETCH(int, status);
        QFETCH(QStringList, versions);
        if (backend == QLatin1String("postgresql") && !postgresReady()) {
            QSKIP("SKIPPED: PostgreSQL test server unavailable (see warning)");
        }
        const QString url = prepare(backend, statements);
        const DatabaseState state = readWith(url, table, schema);
        QVERIFY2(state.status == status,
                 qPrintable(databaseStatusName(state.status) + QStringLiteral(": ") + state.error));
        QStringList got = state.versions;
        got.sort();
        QCOMPARE(got, versions);
        QCOMPARE(state.versionTable, table.isNull() ? QStringLiteral("alembic_version") : table);
        QCOMPARE(state.schema, schema);
        QVERIFY(!state.url.contains(appPassword));
        QVERIFY2(keepMeExists(backend), "a table other than the version table changed");
    }

    void quoting_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("backend");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain pg") << "alembic_version" << int(DatabaseUrl::Backend::PostgreSql)
                                  << "\"alembic_version\"";
        QTest::newRow("hostile pg") << hostileTable << int(DatabaseUrl::Backend::PostgreSql)
                                    << "\"x\"\"; DROP TABLE y; --\"";
        QTest::newRow("dotted sqlite") << "a.b" << int(DatabaseUrl::Backend::Sqlite) << "\"a.b\"";
        QTest::newRow("quoted already")
            << "\"x\"" << int(DatabaseUrl::Backend::Sqlite) << "\"\"\"x\"\"\"";
        QTest::newRow("hostile mysql") << "x`; DROP TABLE y; --" << int(DatabaseUrl::Backend::MySql)
                                       << "`x``; DROP TABLE y; --`";
    }

    void quoting()
    {
        QFETCH(QString, name);
        QFETCH(int, backend);
        QFETCH(QString, quoted);
        QCOMPARE(VersionTableReader::quoteIdentifier(name, DatabaseUrl::Backend(backend)), quoted);
    }

    void readOnlyEnforced_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    void readOnlyEnforced()
    {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgresql") && !postgresReady()) {
            QSKIP("SKIPPED: PostgreSQL test server unavailable (see warning)");
        }
        const QString url =
            prepare(backend, {createVersionTable, insertVersion(QStringLiteral("alembic_version"),
                                                                QStringLiteral("aaaa"))});
        {
            ReadOnlyConnection connection(DatabaseUrl::parse(url, m_dir.path()));
            QVERIFY2(connection.isOpen(), qPrintable(connection.error()));
            QSqlQuery query(connection.database());
            QVERIFY(!query.exec(
                insertVersion(QStringLiteral("alembic_version"), QStringLiteral("bbbb"))));
            QVERIFY(!query.exec(QStringLiteral("UPDATE alembic_version SET version_num = 'cccc'")));
            QVERIFY(!query.exec(QStringLiteral("DELETE FROM alembic_version")));
            QVERIFY(!query.exec(QStringLiteral("CREATE TABLE intruder (id INTEGER)")));
            QVERIFY(!query.exec(QStringLiteral("DROP TABLE keep_me")));
            if (backend == QLatin1String("postgresql")) {
                // An explicit transaction is read-only too.
                QVERIFY(query.exec(QStringLiteral("BEGIN")));
                QVERIFY(!query.exec(QStringLiteral("DELETE FROM alembic_version")));
                QVERIFY(query.exec(QStringLiteral("ROLLBACK")));
            }
        }
        const DatabaseState state = readWith(url, QString(), QString());
        QCOMPARE(state.versions, QStringList{QStringLiteral("aaaa")});
        QVERIFY(keepMeExists(backend));
    }

    void wrongPassword()
    {
        if (!postgresReady()) {
            QSKIP("SKIPPED: PostgreSQL test server unavailable (see warning)");
        }
        prepare(QStringLiteral("postgresql"), {createVersionTable});
        const QString wrong = QStringLiteral("Wr0ng-Passw0rd-x");
        const DatabaseState state =
            readWith(m_pg->url(appUser, wrong, m_lastDatabase), QString(), QString());
        QCOMPARE(state.status, DatabaseState::Unreachable);
        QVERIFY2(state.error.contains(QLatin1String("password authentication failed")),
                 qPrintable(state.error));
        QVERIFY2(state.error.contains(QLatin1String(":***@127.0.0.1")), qPrintable(state.error));
        QVERIFY(!state.error.contains(wrong));
        QVERIFY(!state.url.contains(wrong));
        QVERIFY(!state.error.contains(appPassword));
    }

    void serverDown()
    {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
            QSKIP("SKIPPED: the Qt PostgreSQL driver is missing (apt install libqt6sql6-psql)");
        }
        const int port = PostgresServer::freePort();
        QElapsedTimer timer;
        timer.start();
        const DatabaseState state = readWith(
            QStringLiteral("postgresql+psycopg://app:Sup3r-Secret_pw@127.0.0.1:%1/app").arg(port),
            QString(), QString());
        QCOMPARE(state.status, DatabaseState::Unreachable);
        QVERIFY2(state.error.contains(QLatin1String("refused")), qPrintable(state.error));
        QVERIFY(!state.error.contains(appPassword));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }

    void statementTimeout()
    {
        if (!postgresReady()) {
            QSKIP("SKIPPED: PostgreSQL test server unavailable (see warning)");
        }
        const QString url = prepare(QStringLiteral("postgresql"), {createVersionTable});
        const QString name = QStringLiteral("tst-locker");
        {
            QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            locker.setHostName(m_pg->socketDir());
            locker.setPort(m_pg->port());
            locker.setUserName(m_pg->superuser());
            locker.setDatabaseName(m_lastDatabase);
            QVERIFY(locker.open());
            QSqlQuery lock(locker);
            QVERIFY(lock.exec(QStringLiteral("BEGIN")));
            QVERIFY(
                lock.exec(QStringLiteral("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE")));

            VersionTableReader reader(DatabaseUrl::parse(url));
            ConnectionSettings settings;
            settings.statementTimeoutSeconds = 1;
            reader.setSettings(settings);
            QElapsedTimer timer;
            timer.start();
            const DatabaseState state = reader.read();
            QCOMPARE(state.status, DatabaseState::Error);
            QVERIFY2(state.error.contains(QLatin1String("statement timeout")),
                     qPrintable(state.error));
            QVERIFY2(timer.elapsed() < 4000, qPrintable(QString::number(timer.elapsed())));
            QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
            locker.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    void permissionDenied()
    {
        if (!postgresReady()) {
            QSKIP("SKIPPED: PostgreSQL test server unavailable (see warning)");
        }
        prepare(QStringLiteral("postgresql"), {});
        // Created by the superuser: `app` may not read it.
        QVERIFY(m_pg->execute(
            {createVersionTable, QStringLiteral("REVOKE ALL ON alembic_version FROM PUBLIC")},
            m_lastDatabase));
        const DatabaseState state =
            readWith(m_pg->url(appUser, appPassword, m_lastDatabase), QString(), QString());
        QCOMPARE(state.status, DatabaseState::Error);
        QVERIFY2(state.error.contains(QLatin1String("permission denied")), qPrintable(state.error));
    }

    void sqliteUnreadable_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content"); // null: do not create
        QTest::addColumn<QString>("mentions");
        QTest::newRow("missing file") << "missing.db" << QByteArray() << "does not exist";
        QTest::newRow("not a database") << "text.db" << QByteArray(4096, 'x') << "not a database";
        QTest::newRow("a folder") << "folder.db" << QByteArray("dir") << "not a readable file";
    }

    void sqliteUnreadable()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(QString, mentions);
        const QString path = m_dir.filePath(file);
        if (content == "dir") {
            QVERIFY(QDir().mkpath(path));
        } else if (!content.isNull()) {
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(content);
        }
        const DatabaseState state =
            readWith(QStringLiteral("sqlite:///") + file, QString(), QString());
        QCOMPARE(state.status, DatabaseState::Unreachable);
        QVERIFY2(state.error.contains(mentions), qPrintable(state.error));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("missing.db"))));
    }

    void sqliteUriAndMemory()
    {
        prepare(QStringLiteral("sqlite"),
                {createVersionTable,
                 insertVersion(QStringLiteral("alembic_version"), QStringLiteral("abcd"))});
        const QString file = QFileInfo(m_lastDatabase).fileName();
        for (const QString &mode : {QStringLiteral("ro"), QStringLiteral("rwc")}) {
            const DatabaseState state =
                readWith(QStringLiteral("sqlite:///file:%1?mode=%2&uri=true").arg(file, mode),
                         QString(), QString());
            QVERIFY2(state.status == DatabaseState::Ok, qPrintable(state.error));
            QCOMPARE(state.versions, QStringList{QStringLiteral("abcd")});
        }
        QCOMPARE(readWith(QStringLiteral("sqlite://"), QString(), QString()).status,
                 DatabaseState::NoTable);
    }

    void concurrentReads_data() { readOnlyEnforced_data(); }

    void concurrentReads()
    {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgresql") && !postgresReady()) {
            QSKIP("SKIPPED: PostgreSQL test server unavailable (see warning)");
        }
        const QString url =
            prepare(backend, {createVersionTable, insertVersion(QStringLiteral("alembic_version"),
                                                                QStringLiteral("abcd"))});
        const DatabaseUrl parsed = DatabaseUrl::parse(url, m_dir.path());
        QList<QFuture<DatabaseState>> futures;
        for (int i = 0; i < 8; ++i) {
            futures.append(
                QtConcurrent::run([parsed] { return VersionTableReader(parsed).read(); }));
        }
        for (QFuture<DatabaseState> &future : futures) {
            const DatabaseState state = future.result();
            QVERIFY2(state.status == DatabaseState::Ok, qPrintable(state.error));
            QCOMPARE(state.versions, QStringList{QStringLiteral("abcd")});
        }
        // Every connection was removed after use.
        for (const QString &name : QSqlDatabase::connectionNames()) {
            QVERIFY2(!name.startsWith(QLatin1String("revscope-readonly-")), qPrintable(name));
        }
    }
};

QTEST_GUILESS_MAIN(TestVersionTableReader)
#include "tst_versiontablereader.moc"
