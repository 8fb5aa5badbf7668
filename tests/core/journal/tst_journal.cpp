#include "journal/journal.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QtConcurrent>
#include <QTemporaryDir>
#include <QtTest>

using namespace Revscope;

namespace {

// Runs `statements` on the journal file directly, outside the Journal class.
bool rawExec(const QString &path, const QStringList &statements, QVariant *last = nullptr)
{
    static int counter = 0;
    const QString name = QStringLiteral("tst-journal-raw-%1").arg(++counter);
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        for (const QString &statement : statements) {
            ok = ok && query.exec(statement);
        }
        if (ok && last && query.next()) {
            *last = query.value(0);
        }
        query = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

JournalStampEntry stampEntry(const QStringList &before, const QStringList &after)
{
    JournalStampEntry entry;
    entry.url = QStringLiteral("postgresql://app:***@db/app");
    entry.databaseKey = QStringLiteral("postgresql://app@db/app");
    entry.versionTable = QStringLiteral("alembic_version");
    entry.schema = QStringLiteral("audit");
    entry.rowsBefore = before;
    entry.rowsAfter = after;
    return entry;
}

} // namespace

class TestJournal : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString freshPath()
    {
        return m_dir.filePath(QStringLiteral("j%1/journal.sqlite").arg(++m_counter));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void defaultPathIsAppData()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCOMPARE(Journal().path(),
                 QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                     QStringLiteral("/journal.sqlite"));
        QStandardPaths::setTestModeEnabled(false);
    }

    // open() creates the folder, the tables and records the schema version.
    void createsSchema()
    {
        const QString path = freshPath();
        Journal journal(path);
        QVERIFY2(journal.open(), qPrintable(journal.error()));
        QVERIFY(QFileInfo::exists(path));
        QVariant version;
        QVERIFY(rawExec(path, {QStringLiteral("PRAGMA user_version")}, &version));
        QCOMPARE(version.toInt(), Journal::SchemaVersion);
        QVariant tables;
        QVERIFY(rawExec(path,
                        {QStringLiteral("SELECT group_concat(name, ' ') FROM (SELECT name FROM "
                                        "sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                        "'sqlite_%' ORDER BY name)")},
                        &tables));
        QCOMPARE(tables.toString(), QStringLiteral("file_entries operations stamp_entries"));
        // Opening again keeps what is there.
        QVERIFY(journal.beginOperation(JournalOperation::Kind::Stamp, QStringLiteral("/p"),
                                       QStringLiteral("s")) > 0);
        Journal again(path);
        QVERIFY(again.open());
        QCOMPARE(again.operations().size(), 1);
    }

    void refusesNewerFormat()
    {
        const QString path = freshPath();
        Journal journal(path);
        QVERIFY(journal.open());
        QVERIFY(rawExec(path, {QStringLiteral("PRAGMA user_version = 99")}));
        Journal newer(path);
        QVERIFY(!newer.open());
        QVERIFY2(newer.error().contains(QLatin1String("newer")), qPrintable(newer.error()));
        QVERIFY2(newer.error().contains(path), qPrintable(newer.error()));
        QCOMPARE(newer.beginOperation(JournalOperation::Kind::Stamp, QStringLiteral("/p"),
                                      QStringLiteral("s")),
                 qint64(0));
    }

    void unwritableLocation()
    {
        const QString blocker = m_dir.filePath(QStringLiteral("a-file"));
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        Journal journal(blocker + QStringLiteral("/journal.sqlite"));
        QVERIFY(!journal.open());
        QVERIFY(!journal.error().isEmpty());
    }

    // A stamp: begin with its entry, finish, load it back, undo once only.
    void stampLifecycle()
    {
        Journal journal(freshPath());
        const JournalStampEntry entry =
            stampEntry({QStringLiteral("a2242b61af45")}, {QStringLiteral("b891cb8863b5")});
        const qint64 id =
            journal.beginOperation(JournalOperation::Kind::Stamp, QStringLiteral("/work/project"),
                                   QStringLiteral("stamp it"), {entry});
        QVERIFY2(id > 0, qPrintable(journal.error()));

        std::optional<JournalOperation> op = journal.operation(id);
        QVERIFY(op);
        QCOMPARE(op->state, JournalOperation::State::Pending);
        QVERIFY(!op->finished.isValid());
        QVERIFY(op->created.isValid());
        QVERIFY(qAbs(op->created.secsTo(QDateTime::currentDateTimeUtc())) < 60);

        QVERIFY(journal.finishOperation(id, JournalOperation::State::Done));
        // Finished once: a second finish is refused.
        QVERIFY(!journal.finishOperation(id, JournalOperation::State::Failed));

        op = journal.operation(id);
        QVERIFY(op);
        QCOMPARE(op->kind, JournalOperation::Kind::Stamp);
        QCOMPARE(op->projectRoot, QStringLiteral("/work/project"));
        QCOMPARE(op->summary, QStringLiteral("stamp it"));
        QCOMPARE(op->state, JournalOperation::State::Done);
        QVERIFY(op->finished.isValid());
        QVERIFY(!op->isUndone());
        QCOMPARE(op->stamps.size(), 1);
        QCOMPARE(op->stamps.first().url, entry.url);
        QCOMPARE(op->stamps.first().databaseKey, entry.databaseKey);
        QCOMPARE(op->stamps.first().versionTable, entry.versionTable);
        QCOMPARE(op->stamps.first().schema, entry.schema);
        QCOMPARE(op->stamps.first().rowsBefore, entry.rowsBefore);
        QCOMPARE(op->stamps.first().rowsAfter, entry.rowsAfter);

        QVERIFY(journal.markUndone(id));
        QVERIFY(journal.operation(id)->isUndone());
        QVERIFY(!journal.markUndone(id));
        QVERIFY(!journal.operation(id + 100));
        QVERIFY(!journal.error().isEmpty());
    }

    // Rows survive the round trip whatever they hold, and an empty list too.
    void rowsRoundTrip_data()
    {
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<QStringList>("after");
        QTest::newRow("none to two")
            << QStringList() << QStringList{QStringLiteral("aaaa"), QStringLiteral("bbbb")};
        QTest::newRow("odd characters")
            << QStringList{QStringLiteral("x'\"; DROP TABLE operations; --"),
                           QStringLiteral("ünïcödé")}
            << QStringList();
    }

    void rowsRoundTrip()
    {
        QFETCH(QStringList, before);
        QFETCH(QStringList, after);
        Journal journal(freshPath());
        const qint64 id =
            journal.beginOperation(JournalOperation::Kind::Stamp, QStringLiteral("/p"),
                                   QStringLiteral("s"), {stampEntry(before, after)});
        QVERIFY(id > 0);
        const std::optional<JournalOperation> op = journal.operation(id);
        QVERIFY(op);
        QCOMPARE(op->stamps.first().rowsBefore, before);
        QCOMPARE(op->stamps.first().rowsAfter, after);
        QCOMPARE(journal.operations().size(), 1);
    }

    // The cleanup journal's per-file facts.
    void fileEntries()
    {
        Journal journal(freshPath());
        JournalFileEntry first;
        first.action = QStringLiteral("trash");
        first.originalPath = QStringLiteral("/p/migrations/versions/__pycache__/a.cpython-311.pyc");
        first.size = 1234;
        first.sha256 = QStringLiteral("ab12");
        first.mtime = QDateTime(QDate(2026, 2, 8), QTime(10, 0, 0, 123), Qt::UTC);
        first.destination = QStringLiteral("/trash/a.pyc");
        const qint64 id =
            journal.beginOperation(JournalOperation::Kind::Cleanup, QStringLiteral("/p"),
                                   QStringLiteral("clean"), {}, {first});
        QVERIFY(id > 0);
        JournalFileEntry second;
        second.action = QStringLiteral("trash");
        second.originalPath = QStringLiteral("/p/b.pyc");
        QVERIFY(journal.recordFile(id, second));
        QVERIFY(!journal.recordFile(id + 7, second));

        const std::optional<JournalOperation> op = journal.operation(id);
        QVERIFY(op);
        QCOMPARE(op->kind, JournalOperation::Kind::Cleanup);
        QCOMPARE(op->files.size(), 2);
        QCOMPARE(op->files[0].originalPath, first.originalPath);
        QCOMPARE(op->files[0].size, qint64(1234));
        QCOMPARE(op->files[0].sha256, first.sha256);
        QCOMPARE(op->files[0].mtime, first.mtime);
        QCOMPARE(op->files[0].destination, first.destination);
        QVERIFY(op->files[0].time.isValid());
        QCOMPARE(op->files[1].size, qint64(-1));
        QVERIFY(op->files[1].sha256.isEmpty());
        QVERIFY(!op->files[1].mtime.isValid());
    }

    // Newest first, filtered by kind, entries only when asked.
    void listsNewestFirst()
    {
        Journal journal(freshPath());
        const qint64 a = journal.beginOperation(JournalOperation::Kind::Stamp, QStringLiteral("/p"),
                                                QStringLiteral("a"), {stampEntry({}, {})});
        const qint64 b = journal.beginOperation(JournalOperation::Kind::Cleanup,
                                                QStringLiteral("/p"), QStringLiteral("b"));
        const qint64 c = journal.beginOperation(JournalOperation::Kind::Stamp, QStringLiteral("/p"),
                                                QStringLiteral("c"), {stampEntry({}, {})});
        QVERIFY(a > 0 && b > a && c > b);
        const QList<JournalOperation> all = journal.operations();
        QCOMPARE(all.size(), 3);
        QCOMPARE(all[0].id, c);
        QCOMPARE(all[1].id, b);
        QCOMPARE(all[2].id, a);
        QVERIFY(all[0].stamps.isEmpty());
        const QList<JournalOperation> stamps =
            journal.operations(JournalOperation::Kind::Stamp, true);
        QCOMPARE(stamps.size(), 2);
        QCOMPARE(stamps[0].summary, QStringLiteral("c"));
        QCOMPARE(stamps[0].stamps.size(), 1);
        QCOMPARE(journal.operations(JournalOperation::Kind::Cleanup).size(), 1);
    }

    // A write that fails half-way leaves nothing behind: the operation row
    // and its entries go in one transaction.
    void failedWriteLeavesNothing()
    {
        const QString path = freshPath();
        Journal journal(path);
        QVERIFY(journal.open());
        QVERIFY(rawExec(
            path, {QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON stamp_entries BEGIN "
                                  "SELECT RAISE(ABORT, 'disk trouble'); END")}));
        const qint64 id =
            journal.beginOperation(JournalOperation::Kind::Stamp, QStringLiteral("/p"),
                                   QStringLiteral("s"), {stampEntry({}, {})});
        QCOMPARE(id, qint64(0));
        QVERIFY2(journal.error().contains(QLatin1String("disk trouble")),
                 qPrintable(journal.error()));
        QVERIFY(journal.operations().isEmpty());
    }

    // Usable from another thread (one at a time), and by two instances on
    // one file (two processes, in effect).
    void threadsAndInstances()
    {
        const QString path = freshPath();
        Journal journal(path);
        QVERIFY(journal.open());
        const qint64 fromThread =
            QtConcurrent::run([&journal] {
                return journal.beginOperation(JournalOperation::Kind::Stamp, QStringLiteral("/p"),
                                              QStringLiteral("thread"), {stampEntry({}, {})});
            }).result();
        QVERIFY(fromThread > 0);
        Journal other(path);
        const qint64 fromOther = other.beginOperation(
            JournalOperation::Kind::Cleanup, QStringLiteral("/q"), QStringLiteral("other"));
        QVERIFY(fromOther > fromThread);
        QCOMPARE(journal.operations().size(), 2);
        QVERIFY(journal.finishOperation(fromOther, JournalOperation::State::Failed,
                                        QStringLiteral("why")));
        const std::optional<JournalOperation> op = other.operation(fromOther);
        QVERIFY(op);
        QCOMPARE(op->state, JournalOperation::State::Failed);
        QCOMPARE(op->note, QStringLiteral("why"));
        // No connection is left behind.
        for (const QString &name : QSqlDatabase::connectionNames()) {
            QVERIFY2(!name.startsWith(QLatin1String("revscope-journal")), qPrintable(name));
        }
    }
};

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
