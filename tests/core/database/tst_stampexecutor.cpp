// StampExecutor against real databases: SQLite files in a temporary folder
// and a throwaway PostgreSQL server (skipped, visibly, without initdb).

#include "database/stampexecutor.h"
#include "database/stampplanner.h"
#include "database/versiontablereader.h"
#include "journal/journal.h"
#include "postgresserver.h"

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

QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

// 1000 <- 2000a <- 3000a and 1000 <- 2000b, plus the seed's squash
// b891cb8863b5 (a second base) and a2242b61af45 known only from bytecode.
RevisionGraph graph()
{
    Revisions loaded;
    const auto add = [&loaded](const char *id, const char *down) {
        Revision revision;
        revision.id = QString::fromLatin1(id);
        if (*down) {
            revision.downRevisions = {QString::fromLatin1(down)};
        }
        loaded.append(revision);
    };
    add("1000", "");
    add("2000a", "1000");
    add("3000a", "2000a");
    add("2000b", "1000");
    add("b891cb8863b5", "");
    loaded[3].branchLabels = {QStringLiteral("side")};
    Revision stray;
    stray.id = QStringLiteral("a2242b61af45");
    stray.origin = RevisionOrigin::Bytecode;
    return RevisionGraph(loaded, {stray});
}

QString createTable(const QString &qualified)
{
    return QStringLiteral("CREATE TABLE %1 (version_num VARCHAR(32) NOT NULL, CONSTRAINT pk "
                          "PRIMARY KEY (version_num))")
        .arg(qualified);
}

QString insert(const QString &qualified, const QString &version)
{
    return QStringLiteral("INSERT INTO %1 (version_num) VALUES ('%2')").arg(qualified, version);
}

} // namespace

class TestStampExecutor : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<PostgresServer> m_pg;
    QString m_pgProblem;
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString m_backend;
    QString m_database; // SQLite file or PostgreSQL database of the last prepare()
    std::unique_ptr<Journal> m_journal;

    bool postgresReady()
    {
        if (!m_pg || !m_pg->isRunning()) {
            qWarning("SKIPPED: no PostgreSQL test server: %s", qPrintable(m_pgProblem));
            return false;
        }
        return true;
    }

    // Statements on the last prepared database, outside Revscope.
    bool exec(const QStringList &statements)
    {
        if (m_backend == QLatin1String("postgresql")) {
            return m_pg->execute(
                QStringList{QStringLiteral("SET ROLE %1").arg(appUser)} + statements, m_database);
        }
        const QString name = QStringLiteral("tst-stamp-raw-%1").arg(++m_counter);
        bool ok = true;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_database);
            ok = db.open();
            QSqlQuery query(db);
            for (const QString &statement : statements) {
                if (ok && !query.exec(statement)) {
                    qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
                    ok = false;
                }
            }
            query = QSqlQuery();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

    QStringList values(const QString &sql)
    {
        if (m_backend == QLatin1String("postgresql")) {
            return m_pg->values(sql, m_database);
        }
        const QString name = QStringLiteral("tst-stamp-raw-%1").arg(++m_counter);
        QStringList result;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_database);
            if (db.open()) {
                QSqlQuery query(db);
                if (query.exec(sql)) {
                    while (query.next()) {
                        result.append(query.value(0).toString());
                    }
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return result;
    }

    // A fresh database of `backend` with keep_me (two rows) and `statements`.
    QString prepare(const QString &backend, const QStringList &statements)
    {
        m_backend = backend;
        const int n = ++m_counter;
        QStringList all = {QStringLiteral("CREATE TABLE keep_me (id INTEGER)"),
                           QStringLiteral("INSERT INTO keep_me VALUES (1)"),
                           QStringLiteral("INSERT INTO keep_me VALUES (2)")};
        all += statements;
        if (backend == QLatin1String("sqlite")) {
            m_database = m_dir.filePath(QStringLiteral("db%1.sqlite").arg(n));
            if (!exec(all)) {
                qWarning("could not prepare %s", qPrintable(m_database));
            }
            return QStringLiteral("sqlite:///") + m_database;
        }
        m_database = QStringLiteral("s%1").arg(n);
        if (!m_pg->execute(
                {QStringLiteral("CREATE DATABASE %1 OWNER %2").arg(m_database, appUser)})) {
            qWarning("%s", qPrintable(m_pg->error()));
        }
        if (!exec(all)) {
            qWarning("%s", qPrintable(m_pg->error()));
        }
        return m_pg->url(appUser, appPassword, m_database);
    }

    bool keepMeIntact()
    {
        return sorted(values(QStringLiteral("SELECT id FROM keep_me"))) == words("1 2");
    }

    StampPlan planFor(const DatabaseUrl &url, const QString &table, const QString &schema,
                      const QStringList &targets)
    {
        VersionTableReader reader(url);
        reader.setVersionTable(table);
        reader.setSchema(schema);
        return StampPlanner::plan(graph(), reader.read(), url, targets);
    }

    static void addBackends(const char *name)
    {
        QTest::addRow("sqlite %s", name) << QStringLiteral("sqlite");
        QTest::addRow("postgresql %s", name) << QStringLiteral("postgresql");
    }

    bool skipBackend(const QString &backend)
    {
        return backend == QLatin1String("postgresql") && !postgresReady();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_journal = std::make_unique<Journal>(m_dir.filePath(QStringLiteral("journal.sqlite")));
        QVERIFY2(m_journal->open(), qPrintable(m_journal->error()));
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
        QVERIFY2(
            m_pg->execute(
                {QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(appUser, appPassword)}),
            qPrintable(m_pg->error()));
    }

    void cleanupTestCase() { m_pg.reset(); }

    // Stamp, check, undo, check: in custom tables and schemas, hostile
    // names, one row to two heads and back.
    void stampThenUndo_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<QStringList>("targets");
        QTest::addColumn<QStringList>("after");
        QTest::addColumn<QString>("kinds");
        const auto add = [](const char *name, const QString &schema, const QString &table,
                            const QStringList &before, const QStringList &targets,
                            const QStringList &after, const QString &kinds,
                            const QStringList &backends = {QStringLiteral("sqlite"),
                                                           QStringLiteral("postgresql")}) {
            for (const QString &backend : backends) {
                QTest::addRow("%s %s", qPrintable(backend), name)
                    << backend << schema << table << before << targets << after << kinds;
            }
        };
        const QString plain = QStringLiteral("alembic_version");
        add("seed: removed revision to its squash", QString(), plain, words("a2242b61af45"),
            words("b891"), words("b891cb8863b5"), QStringLiteral("update"));
        add("two heads", QString(), plain, words("1000"), words("3000 side"), words("3000a 2000b"),
            QStringLiteral("update insert"));
        add("two heads to one", QString(), plain, words("3000a 2000b"), words("2000a"),
            words("2000a"), QStringLiteral("update delete"));
        add("empty table", QString(), plain, QStringList(), words("3000a"), words("3000a"),
            QStringLiteral("insert"));
        add("base", QString(), plain, words("3000a"), words("base"), QStringList(),
            QStringLiteral("delete"));
        add("hostile table name", QString(), QStringLiteral("x\"; DROP TABLE keep_me; --"),
            words("1000"), words("2000a"), words("2000a"), QStringLiteral("update"));
        add("placeholder characters in the name", QString(), QStringLiteral("v?:x $1 'y'"),
            words("1000"), words("2000b 3000a"), words("2000b 3000a"),
            QStringLiteral("update insert"));
        add("custom table in main", QStringLiteral("main"), QStringLiteral("my_versions"),
            words("1000"), words("2000b"), words("2000b"), QStringLiteral("update"),
            {QStringLiteral("sqlite")});
        add("custom table and schema", QStringLiteral("audit \"trail\""),
            QStringLiteral("My Versions"), words("1000"), words("2000b"), words("2000b"),
            QStringLiteral("update"), {QStringLiteral("postgresql")});
    }

    void stampThenUndo()
    {
        QFETCH(QString, backend);
        QFETCH(QString, schema);
        QFETCH(QString, table);
        QFETCH(QStringList, before);
        QFETCH(QStringList, targets);
        QFETCH(QStringList, after);
        QFETCH(QString, kinds);
        if (skipBackend(backend)) {
            QSKIP("SKIPPED: PostgreSQL test server unavailable (see warning)");
        }
        const DatabaseUrl::Backend kind = backend == QLatin1String("sqlite")
                                              ? DatabaseUrl::Backend::Sqlite
                                              : DatabaseUrl::Backend::PostgreSql;
        const QString qualified =
            (schema.isEmpty() || schema == QLatin1String("main")
                 ? QString()
                 : VersionTableReader::quoteIdentifier(schema, kind) + QLatin1Char('.')) +
            VersionTableReader::quoteIdentifier(table, kind);
        QStringList statements;
        if (!schema.isEmpty() && schema != QLatin1String("main")) {
            statements.append(QStringLiteral("CREATE SCHEMA %1")
                                  .arg(VersionTableReader::quoteIdentifier(schema, kind)));
        }
        statements.append(createTable(qualified));
        for (const QString &row : before) {
            statements.append(insert(qualified, row));
        }
        const DatabaseUrl url = DatabaseUrl::parse(prepare(backend, statements));
        const QString select = QStringLiteral("SELECT version_num FROM %1").arg(qualified);
        QCOMPARE(sorted(values(select)), sorted(before));

        const StampPlan plan = planFor(url, table, schema, targets);
        QVERIFY2(plan.isValid(), qPrintable(plan.error));
        QVERIFY(!plan.url.contains(appPassword));
        QStringList gotKinds;
        for (const StampStatement &statement : plan.statements) {
            gotKinds.append(statement.sql.section(QLatin1Char(' '), 0, 0).toLower());
            QVERIFY(statement.displaySql.contains(qualified));
        }
        QCOMPARE(gotKinds.join(QLatin1Char(' ')), kinds);

        StampExecutor executor(url, m_journal.get());
        const StampResult result = executor.execute(plan);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QVERIFY(!result.message.contains(appPassword));
        QCOMPARE(sorted(values(select)), sorted(after));
        QCOMPARE(result.rowsAfter, sorted(after));
        QVERIFY2(keepMeIntact(), "another table changed");
        QVERIFY(result.journalId > 0);
        std::optional<JournalOperation> op = m_journal->operation(result.journalId);
        QVERIFY(op);
        QCOMPARE(op->state, JournalOperation::State::Done);
        QCOMPARE(op->stamps.first().rowsBefore, before);
        QCOMPARE(op->stamps.first().rowsAfter, plan.rowsAfter);
        QCOMPARE(op->stamps.first().versionTable, table);
        QCOMPARE(op->stamps.first().schema, schema);
        QVERIFY(!op->stamps.first().url.contains(appPassword));
        QCOMPARE(StampExecutor::latestStamp(*m_journal, StampPlan::keyOf(url))->id,
                 result.journalId);

        const StampResult undone = executor.undo(result.journalId);
        QVERIFY2(undone.ok(), qPrintable(undone.message));
        QCOMPARE(sorted(values(select)), sorted(before));
        QVERIFY(keepMeIntact());
        QVERIFY(m_journal->operation(result.journalId)->isUndone());
        QVERIFY(!StampExecutor::latestStamp(*m_journal, StampPlan::keyOf(url)));
        // Twice is refused, and writes nothing.
        const StampResult again = executor.undo(result.journalId);
        QCOMPARE(again.status, StampResult::Status::Refused);
        QCOMPARE(sorted(values(select)), sorted(before));
    }

    // The rows change between the preview and the stamp: aborted, nothing
    // written, the journal says it failed.
    void rowsChangedSincePreview_data()
    {
        QTest::addColumn<QString>("backend");
        addBackends("changed");
    }

    void rowsChangedSincePreview()
    {
        QFETCH(QString, backend);
        if (skipBackend(backend)) {
            QSKIP("SKIPPED: PostgreSQL test server unavailable (see warning)");
        }
        const QString table = QStringLiteral("alembic_version");
        const DatabaseUrl url = DatabaseUrl::parse(
            prepare(backend, {createTable(table), insert(table, QStringLiteral("a2242b61af45"))}));
        const StampPlan plan = planFor(url, table, QString(), words("b891cb8863b5"));
        QVERIFY2(plan.isValid(), qPrintable(plan.error));
        // Someone migrates meanwhile.
        QVERIFY(exec({QStringLiteral("UPDATE alembic_version SET version_num = '1000'")}));

        StampExecutor executor(url, m_journal.get());
        const StampResult result = executor.execute(plan);
        QCOMPARE(result.status, StampResult::Status::RowsChanged);
        QCOMPARE(result.rowsFound, words("1000"));
        QVERIFY2(result.message.contains(QLatin1String("Nothing was written")),
                 qPrintable(result.message));
        QCOMPARE(values(QStringLiteral("SELECT version_num FROM alembic_version")), words("1000"));
        QVERIFY(keepMeIntact());
        const std::optional<JournalOperation> op = m_journal->operation(result.journalId);
        QVERIFY(op);
        QCOMPARE(op->state, JournalOperation::State::Failed);
        QVERIFY(!StampExecutor::latestStamp(*m_journal, StampPlan::keyOf(url)));
        QCOMPARE(executor.undo(result.journalId).status, StampResult::Status::Refused);
    }

    // Undo refuses when the table changed after the stamp.
    void undoRefusedAfterLaterChange_data()
    {
        QTest::addColumn<QString>("backend");
        addBackends("later change");
    }

    void undoRefusedAfterLaterChange()
    {
        QFETCH(QString, backend);
        if (skipBackend(backend)) {
            QSKIP("SKIPPED: PostgreSQL test server unavailable (see warning)");
        }
        const QString table = QStringLiteral("alembic_version");
        const DatabaseUrl url = DatabaseUrl::parse(
            prepare(backend, {createTable(table), insert(table, QStringLiteral("1000"))}));
        StampExecutor executor(url, m_journal.get());
        const StampResult stamped =
            executor.execute(planFor(url, table, QString(), words("2000a")));
        QVERIFY2(stamped.ok(), qPrintable(stamped.message));
        QVERIFY(exec({QStringLiteral("UPDATE alembic_version SET version_num = '3000a'")}));
        const StampResult undone = executor.undo(stamped.journalId);
        QCOMPARE(undone.status, StampResult::Status::RowsChanged);
        QVERIFY2(undone.message.contains(QLatin1String("changed after journal operation")),
                 qPrintable(undone.message));
        QCOMPARE(values(QStringLiteral("SELECT version_num FROM alembic_version")), words("3000a"));
        QVERIFY(!m_journal->operation(stamped.journalId)->isUndone());

        // Undo through another URL of another database is refused.
        const QString otherUrl = prepare(backend, {createTable(table)});
        StampExecutor other(DatabaseUrl::parse(otherUrl), m_journal.get());
        const StampResult wrong = other.undo(stamped.journalId);
        QCOMPARE(wrong.status, StampResult::Status::Refused);
        QVERIFY2(wrong.message.contains(QLatin1String("give the URL")), qPrintable(wrong.message));
    }

    // The table disappears between plan and stamp: the stamp fails and never
    // creates it (no DDL).
    void tableGoneNeverCreated_data()
    {
        QTest::addColumn<QString>("backend");
        addBackends("table gone");
    }

    void tableGoneNeverCreated()
    {
        QFETCH(QString, backend);
        if (skipBackend(backend)) {
            QSKIP("SKIPPED: PostgreSQL test server unavailable (see warning)");
        }
        const QString table = QStringLiteral("alembic_version");
        const DatabaseUrl url = DatabaseUrl::parse(
            prepare(backend, {createTable(table), insert(table, QStringLiteral("1000"))}));
        const StampPlan plan = planFor(url, table, QString(), words("2000a"));
        QVERIFY(plan.isValid());
        QVERIFY(exec({QStringLiteral("DROP TABLE alembic_version")}));
        StampExecutor executor(url, m_journal.get());
        const StampResult result = executor.execute(plan);
        QCOMPARE(result.status, StampResult::Status::Failed);
        QVERIFY(!result.message.contains(appPassword));
        const QString catalog = backend == QLatin1String("sqlite")
                                    ? QStringLiteral("SELECT name FROM sqlite_master WHERE name = "
                                                     "'alembic_version'")
                                    : QStringLiteral("SELECT relname FROM pg_class WHERE relname "
                                                     "= 'alembic_version'");
        QVERIFY(values(catalog).isEmpty());
        // And a plan for a missing table is refused before anything runs.
        const StampPlan none = planFor(url, table, QString(), words("2000a"));
        QCOMPARE(none.problem, StampPlan::Problem::NoTable);
        QCOMPARE(executor.execute(none).status, StampResult::Status::Refused);
    }

    // No server: Unreachable, quickly, without the password; a missing
    // SQLite file is not created.
    void serverDown()
    {
        const DatabaseUrl pg =
            DatabaseUrl::parse(QStringLiteral("postgresql+psycopg2://app:%1@127.0.0.1:%2/appdb")
                                   .arg(appPassword)
                                   .arg(PostgresServer::freePort()));
        if (QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
            StampPlan plan;
            plan.url = pg.redacted();
            plan.databaseKey = StampPlan::keyOf(pg);
            plan.backend = pg.backend();
            plan.versionTable = QStringLiteral("alembic_version");
            plan.rowsBefore = words("1000");
            plan.rowsAfter = words("2000a");
            plan.statements = StampPlan::statementsFor(plan.rowsBefore, plan.rowsAfter,
                                                       plan.qualifiedTable(), plan.backend);
            StampExecutor executor(pg, m_journal.get());
            QElapsedTimer timer;
            timer.start();
            const StampResult result = executor.execute(plan);
            QCOMPARE(result.status, StampResult::Status::Unreachable);
            QVERIFY(timer.elapsed() < 15000);
            QVERIFY(!result.message.contains(appPassword));
            QVERIFY2(result.message.contains(QLatin1String("app:***@")),
                     qPrintable(result.message));
            QCOMPARE(m_journal->operation(result.journalId)->state,
                     JournalOperation::State::Failed);
        }
        const QString missing = m_dir.filePath(QStringLiteral("missing.sqlite"));
        const DatabaseUrl sqlite = DatabaseUrl::parse(QStringLiteral("sqlite:///") + missing);
        StampPlan plan;
        plan.url = sqlite.redacted();
        plan.databaseKey = StampPlan::keyOf(sqlite);
        plan.backend = sqlite.backend();
        plan.versionTable = QStringLiteral("alembic_version");
        plan.rowsAfter = words("1000");
        plan.statements =
            StampPlan::statementsFor({}, plan.rowsAfter, plan.qualifiedTable(), plan.backend);
        StampExecutor executor(sqlite, m_journal.get());
        QCOMPARE(executor.execute(plan).status, StampResult::Status::Unreachable);
        QVERIFY(!QFileInfo::exists(missing));
    }

    // A plan runs only against the database it was made for.
    void otherDatabaseRefused()
    {
        const QString table = QStringLiteral("alembic_version");
        const DatabaseUrl first =
            DatabaseUrl::parse(prepare(QStringLiteral("sqlite"), {createTable(table)}));
        const StampPlan plan = planFor(first, table, QString(), words("1000"));
        const DatabaseUrl second =
            DatabaseUrl::parse(prepare(QStringLiteral("sqlite"), {createTable(table)}));
        StampExecutor executor(second, m_journal.get());
        const StampResult result = executor.execute(plan);
        QCOMPARE(result.status, StampResult::Status::Refused);
        QVERIFY(values(QStringLiteral("SELECT version_num FROM alembic_version")).isEmpty());
    }

    // Without a writable journal nothing is stamped.
    void noJournalNoStamp()
    {
        const QString table = QStringLiteral("alembic_version");
        const DatabaseUrl url = DatabaseUrl::parse(prepare(
            QStringLiteral("sqlite"), {createTable(table), insert(table, QStringLiteral("1000"))}));
        const QString blocker = m_dir.filePath(QStringLiteral("blocker"));
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        Journal broken(blocker + QStringLiteral("/journal.sqlite"));
        StampExecutor executor(url, &broken);
        const StampResult result = executor.execute(planFor(url, table, QString(), words("2000a")));
        QCOMPARE(result.status, StampResult::Status::Refused);
        QCOMPARE(values(QStringLiteral("SELECT version_num FROM alembic_version")), words("1000"));
    }

    // The executor runs off the calling thread (as the GUI runs it).
    void runsOnAWorkerThread()
    {
        const QString table = QStringLiteral("alembic_version");
        const DatabaseUrl url = DatabaseUrl::parse(prepare(
            QStringLiteral("sqlite"), {createTable(table), insert(table, QStringLiteral("1000"))}));
        const StampPlan plan = planFor(url, table, QString(), words("3000a"));
        Journal *journal = m_journal.get();
        const StampResult result = QtConcurrent::run([url, plan, journal] {
                                       return StampExecutor(url, journal).execute(plan);
                                   }).result();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(values(QStringLiteral("SELECT version_num FROM alembic_version")), words("3000a"));
    }
};

QTEST_GUILESS_MAIN(TestStampExecutor)
#include "tst_stampexecutor.moc"
