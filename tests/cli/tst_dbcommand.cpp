// `revscope check --db` and `revscope db status` end to end: the binary on
// real temporary projects and real SQLite files, checked against the
// command-line contract (the `database` object, `db_state`, exit code 3).

#include "testsupport.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace TestSupport;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");
const QString kPassword = QStringLiteral("S3cret-Pa55word");

QByteArray script(const QByteArray &rev, const QByteArray &down, const QByteArray &message)
{
    return "\"\"\"" + message + "\n\nRevision ID: " + rev + "\nRevises: " + down +
           "\nCreate Date: 2026-01-10 10:00:00.000000\n\n\"\"\"\n"
           "from alembic import op\n\n"
           "revision = '" +
           rev + "'\ndown_revision = " + (down.isEmpty() ? QByteArray("None") : "'" + down + "'") +
           "\nbranch_labels = None\ndepends_on = None\n\n\n"
           "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n";
}

// An SQLite file at `path` with a table of its own and, when `versionTable`,
// an alembic_version table holding `versions`.
bool makeDatabase(const QString &path, const QStringList &versions, bool versionTable = true)
{
    static int counter = 0;
    const QString name = QStringLiteral("tst-dbcommand-%1").arg(++counter);
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        ok = ok && query.exec(QStringLiteral("CREATE TABLE users (id INTEGER)"));
        if (versionTable) {
            ok = ok && query.exec(QStringLiteral("CREATE TABLE alembic_version (version_num "
                                                 "VARCHAR(32) NOT NULL PRIMARY KEY)"));
            for (const QString &version : versions) {
                ok = ok &&
                     query.exec(
                         QStringLiteral("INSERT INTO alembic_version VALUES ('%1')").arg(version));
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// 001 <- 002 <- 003, sqlalchemy.url relative to the config's folder.
QString makeLinearProject(const QTemporaryDir &dir)
{
    const QString root = dir.path();
    writeFile(root + QStringLiteral("/alembic.ini"),
              "[alembic]\nscript_location = migrations\nsqlalchemy.url = sqlite:///data/app.db\n");
    writeFile(root + QStringLiteral("/migrations/env.py"), "# env\n");
    const QString versions = root + QStringLiteral("/migrations/versions");
    writeFile(versions + QStringLiteral("/001_first.py"), script("001", "", "first"));
    writeFile(versions + QStringLiteral("/002_second.py"), script("002", "001", "second"));
    writeFile(versions + QStringLiteral("/003_third.py"), script("003", "002", "third"));
    QDir(root).mkpath(QStringLiteral("data"));
    return root;
}

// The seed: 0f1e2d3c4b5a <- a2242b61af45 squashed into b891cb8863b5, with
// c3d4e5f6a7b8 on top; the chain's .pyc files stay in __pycache__.
QString makeSeedProject(const QTemporaryDir &dir)
{
    const QString root = dir.path();
    const QString versions = root + QStringLiteral("/migrations/versions");
    writeFile(root + QStringLiteral("/alembic.ini"),
              "[alembic]\nscript_location = migrations\nsqlalchemy.url = sqlite:///app.db\n");
    writeFile(root + QStringLiteral("/migrations/env.py"), "# env\n");
    writeFile(versions + QStringLiteral("/0f1e2d3c4b5a_create_users.py"),
              script("0f1e2d3c4b5a", "", "create users"));
    writeFile(versions + QStringLiteral("/a2242b61af45_add_email.py"),
              script("a2242b61af45", "0f1e2d3c4b5a", "add email"));
    const ProcessResult compiled = run(kPython, {QStringLiteral("-m"), QStringLiteral("compileall"),
                                                 QStringLiteral("-q"), versions});
    if (compiled.exitCode != 0) {
        return QString();
    }
    QFile::remove(versions + QStringLiteral("/0f1e2d3c4b5a_create_users.py"));
    QFile::remove(versions + QStringLiteral("/a2242b61af45_add_email.py"));
    writeFile(versions + QStringLiteral("/b891cb8863b5_initial_squashed_migration.py"),
              script("b891cb8863b5", "", "initial squashed migration"));
    writeFile(versions + QStringLiteral("/c3d4e5f6a7b8_add_orders.py"),
              script("c3d4e5f6a7b8", "b891cb8863b5", "add orders"));
    return root;
}

QJsonObject findingWithCode(const QJsonObject &report, const QString &code)
{
    for (const QJsonValue &value : report.value(QLatin1String("findings")).toArray()) {
        if (value.toObject().value(QLatin1String("code")).toString() == code) {
            return value.toObject();
        }
    }
    return {};
}

QJsonObject firstEnvironment(const QJsonObject &report)
{
    return report.value(QLatin1String("environments")).toArray().first().toObject();
}

QHash<QString, QJsonValue> dbStates(const QJsonObject &env)
{
    QHash<QString, QJsonValue> states;
    for (const QJsonValue &value : env.value(QLatin1String("revisions")).toArray()) {
        const QJsonObject revision = value.toObject();
        states.insert(revision.value(QLatin1String("id")).toString(),
                      revision.value(QLatin1String("db_state")));
    }
    return states;
}

QStringList keys(const QJsonObject &object)
{
    return object.keys();
}

// An env.py that really connects, so the real Alembic can read the database.
const QByteArray kEnvPy =
    "from alembic import context\n"
    "from sqlalchemy import engine_from_config, pool\n"
    "config = context.config\n"
    "connectable = engine_from_config(config.get_section(config.config_ini_section),\n"
    "                                 prefix='sqlalchemy.', poolclass=pool.NullPool)\n"
    "with connectable.connect() as connection:\n"
    "    context.configure(connection=connection, target_metadata=None)\n"
    "    with context.begin_transaction():\n"
    "        context.run_migrations()\n";

// The rows of alembic_version in the SQLite file at `path`, sorted.
QStringList versionRows(const QString &path)
{
    static int counter = 0;
    const QString name = QStringLiteral("tst-dbcommand-rows-%1").arg(++counter);
    QStringList rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT version_num FROM alembic_version"))) {
                while (query.next()) {
                    rows.append(query.value(0).toString());
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    rows.sort();
    return rows;
}

// 001 <- 002a, 001 <- 002b (two heads), with a working env.py.
QString makeBranchedProject(const QTemporaryDir &dir)
{
    const QString root = dir.path();
    writeFile(root + QStringLiteral("/alembic.ini"),
              "[alembic]\nscript_location = migrations\nsqlalchemy.url = sqlite:///app.db\n");
    writeFile(root + QStringLiteral("/migrations/env.py"), kEnvPy);
    const QString versions = root + QStringLiteral("/migrations/versions");
    writeFile(versions + QStringLiteral("/001_first.py"), script("001", "", "first"));
    writeFile(versions + QStringLiteral("/002a_left.py"), script("002a", "001", "left"));
    writeFile(versions + QStringLiteral("/002b_right.py"), script("002b", "001", "right"));
    return root;
}

QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

class TestDbCommand : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home; // the journal goes under its XDG_DATA_HOME, not the user's

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.path()));
    }

    // The seed, end to end: the suggestion names the squash, the dry run
    // writes nothing, --yes stamps it (the real Alembic agrees), --undo
    // restores the row.
    void stampSeedThenUndo()
    {
        if (alembicPython().isEmpty()) {
            QSKIP("SKIPPED: /usr/bin/python3 cannot import alembic (apt install python3-alembic)");
        }
        QTemporaryDir dir;
        const QString root = makeSeedProject(dir);
        QVERIFY2(!root.isEmpty(), "compileall failed");
        writeFile(root + QStringLiteral("/migrations/env.py"), kEnvPy);
        const QString dbPath = root + QStringLiteral("/app.db");
        QVERIFY(makeDatabase(dbPath, {QStringLiteral("a2242b61af45")}));
        const QStringList base = {QStringLiteral("db"), QStringLiteral("stamp"), root,
                                  QStringLiteral("--db"), QStringLiteral("ini")};

        // No REV: the suggestion, and nothing written.
        const ProcessResult suggestion = revscope(base);
        QCOMPARE(suggestion.exitCode, 0);
        QVERIFY2(suggestion.out.contains("Suggestion:    b891cb8863b5"),
                 suggestion.out.constData());
        QVERIFY2(suggestion.out.contains("most likely stands where a2242b61af45 stood"),
                 suggestion.out.constData());
        QVERIFY2(suggestion.out.contains("UPDATE \"alembic_version\" SET \"version_num\" = "
                                         "'b891cb8863b5' WHERE \"version_num\" = 'a2242b61af45';"),
                 suggestion.out.constData());
        QCOMPARE(versionRows(dbPath), words("a2242b61af45"));
        // --yes never applies an unnamed suggestion.
        QCOMPARE(revscope(base + QStringList{QStringLiteral("--yes")}).exitCode, 2);
        QCOMPARE(versionRows(dbPath), words("a2242b61af45"));

        // A dry run with the revision named.
        const ProcessResult dry = revscope(base + QStringList{QStringLiteral("b891")});
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(dry.out.contains("Rows now:      a2242b61af45"), dry.out.constData());
        QVERIFY2(dry.out.contains("Rows after:    b891cb8863b5"), dry.out.constData());
        QVERIFY2(dry.out.contains("Dry run: nothing was written."), dry.out.constData());
        QCOMPARE(versionRows(dbPath), words("a2242b61af45"));

        const ProcessResult stamped =
            revscope(base + QStringList{QStringLiteral("b891"), QStringLiteral("--yes")});
        QCOMPARE(stamped.exitCode, 0);
        QVERIFY2(stamped.err.isEmpty(), stamped.err.constData());
        QVERIFY2(stamped.out.contains("(journal operation "), stamped.out.constData());
        QVERIFY2(stamped.out.contains("--db ini --undo "), stamped.out.constData());
        QCOMPARE(versionRows(dbPath), words("b891cb8863b5"));
        const ProcessResult current = alembic(root, {QStringLiteral("current")});
        QCOMPARE(current.exitCode, 0);
        QVERIFY2(current.out.contains("b891cb8863b5"), (current.out + current.err).constData());

        // Undo: a dry run first, then for real; a second undo finds nothing.
        const ProcessResult undoDry = revscope(base + QStringList{QStringLiteral("--undo")});
        QCOMPARE(undoDry.exitCode, 0);
        QVERIFY2(undoDry.out.contains("Rows after:    a2242b61af45"), undoDry.out.constData());
        QCOMPARE(versionRows(dbPath), words("b891cb8863b5"));
        const ProcessResult undone =
            revscope(base + QStringList{QStringLiteral("--undo"), QStringLiteral("--yes"),
                                        QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(undone.exitCode, 0);
        QString error;
        const QJsonObject report = parseJson(undone.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(report.value(QLatin1String("schema")).toString(),
                 QStringLiteral("revscope.db-stamp/1"));
        QCOMPARE(report.value(QLatin1String("applied")).toBool(), true);
        QCOMPARE(report.value(QLatin1String("result")).toString(), QStringLiteral("done"));
        QVERIFY(report.value(QLatin1String("undo")).toInt() > 0);
        QCOMPARE(versionRows(dbPath), words("a2242b61af45"));
        const ProcessResult again =
            revscope(base + QStringList{QStringLiteral("--undo"), QStringLiteral("--yes")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("no stamp"), again.err.constData());
    }

    // Two heads: several revisions in one stamp; JSON shows the plan.
    void stampTwoHeadsJson()
    {
        QTemporaryDir dir;
        const QString root = makeBranchedProject(dir);
        const QString dbPath = root + QStringLiteral("/app.db");
        QVERIFY(makeDatabase(dbPath, {QStringLiteral("001")}));
        const ProcessResult r = revscope(
            {QStringLiteral("db"), QStringLiteral("stamp"), QStringLiteral("--db"),
             QStringLiteral("sqlite:///app.db"), QStringLiteral("002a"), QStringLiteral("002b"),
             QStringLiteral("--yes"), QStringLiteral("--format"), QStringLiteral("json")},
            root);
        QCOMPARE(r.exitCode, 0);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(report.value(QLatin1String("rows_before")).toArray(),
                 QJsonArray{QStringLiteral("001")});
        QCOMPARE(report.value(QLatin1String("rows_after")).toArray(),
                 (QJsonArray{QStringLiteral("002a"), QStringLiteral("002b")}));
        const QJsonArray statements = report.value(QLatin1String("statements")).toArray();
        QCOMPARE(statements.size(), 2);
        QCOMPARE(statements[0].toObject().value(QLatin1String("kind")).toString(),
                 QStringLiteral("update"));
        QCOMPARE(statements[0].toObject().value(QLatin1String("values")).toArray(),
                 (QJsonArray{QStringLiteral("002a"), QStringLiteral("001")}));
        QCOMPARE(statements[1].toObject().value(QLatin1String("kind")).toString(),
                 QStringLiteral("insert"));
        QVERIFY(report.value(QLatin1String("journal")).toInt() > 0);
        QVERIFY(report.value(QLatin1String("error")).isNull());
        QCOMPARE(versionRows(dbPath), words("002a 002b"));
        if (!alembicPython().isEmpty()) {
            const ProcessResult current = alembic(root, {QStringLiteral("current")});
            QCOMPARE(current.exitCode, 0);
            QVERIFY2(current.out.contains("002a") && current.out.contains("002b"),
                     (current.out + current.err).constData());
        } else {
            qWarning("SKIPPED oracle: /usr/bin/python3 cannot import alembic");
        }
    }

    // Refusals: each with its exit code, and nothing written.
    void stampRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("table");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("unknown revision")
            << words("--db ini nope --yes") << true << 2 << QByteArray("'nope' is not a revision");
        QTest::newRow("ancestors of each other")
            << words("--db ini 003 002 --yes") << true << 2 << QByteArray("overlaps");
        QTest::newRow("no version table")
            << words("--db ini 003 --yes") << false << 1 << QByteArray("never creates tables");
        QTest::newRow("unreachable") << words("--db sqlite:///data/missing.db 003 --yes") << true
                                     << 3 << QByteArray("does not exist");
        QTest::newRow("undo with nothing journaled")
            << words("--db ini --undo --yes") << true << 1 << QByteArray("no stamp");
        QTest::newRow("undo of an unknown id")
            << words("--db ini --undo 999999 --yes") << true << 2 << QByteArray("no operation");
        QTest::newRow("bad format")
            << words("--db ini 003 --format sarif") << true << 2 << QByteArray("unknown format");
    }

    void stampRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, table);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, message);
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        const QString dbPath = root + QStringLiteral("/data/app.db");
        QVERIFY(makeDatabase(dbPath, {QStringLiteral("001")}, table));
        const ProcessResult r =
            revscope(QStringList{QStringLiteral("db"), QStringLiteral("stamp")} + arguments, root);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QCOMPARE(versionRows(dbPath), table ? words("001") : QStringList());
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/data/missing.db")));
    }
    // The seed incident: the database is stamped at a revision only a stray
    // .pyc defines. Alembic stops with "Can't locate revision"; so does check.
    void seedStampedAtStrayBytecode()
    {
        if (!QFileInfo(kPython).isExecutable()) {
            QSKIP("/usr/bin/python3 is not installed: cannot compile .pyc files");
        }
        QTemporaryDir dir;
        const QString root = makeSeedProject(dir);
        QVERIFY2(!root.isEmpty(), "compileall failed");
        const QString dbPath = root + QStringLiteral("/app.db");
        QVERIFY(makeDatabase(dbPath, {QStringLiteral("a2242b61af45")}));

        const ProcessResult r = revscope({QStringLiteral("check"), root, QStringLiteral("--db"),
                                          QStringLiteral("sqlite:///") + dbPath,
                                          QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 1);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject unknown = findingWithCode(report, QStringLiteral("db-unknown-revision"));
        QVERIFY2(!unknown.isEmpty(), r.out.constData());
        QCOMPARE(unknown.value(QLatin1String("severity")).toString(), QStringLiteral("error"));
        QCOMPARE(unknown.value(QLatin1String("revision")).toString(),
                 QStringLiteral("a2242b61af45"));
        // sourceless = false makes a bytecode-only revision a warning, unless
        // a database is stamped at it.
        const QJsonObject only = findingWithCode(report, QStringLiteral("bytecode-only-revision"));
        bool stampedOnlyIsError = false;
        for (const QJsonValue &value : report.value(QLatin1String("findings")).toArray()) {
            const QJsonObject finding = value.toObject();
            if (finding.value(QLatin1String("code")).toString() ==
                    QLatin1String("bytecode-only-revision") &&
                finding.value(QLatin1String("revision")).toString() ==
                    QLatin1String("a2242b61af45")) {
                stampedOnlyIsError =
                    finding.value(QLatin1String("severity")).toString() == QLatin1String("error");
            }
        }
        QVERIFY2(stampedOnlyIsError, r.out.constData());

        const QJsonObject env = firstEnvironment(report);
        const QJsonObject database = env.value(QLatin1String("database")).toObject();
        QCOMPARE(database.value(QLatin1String("versions")).toArray(),
                 QJsonArray{QStringLiteral("a2242b61af45")});
        QCOMPARE(database.value(QLatin1String("version_table")).toString(),
                 QStringLiteral("alembic_version"));
        QVERIFY(database.value(QLatin1String("schema")).isNull());
        QVERIFY(database.value(QLatin1String("error")).isNull());
        const QHash<QString, QJsonValue> states = dbStates(env);
        QCOMPARE(states.value(QStringLiteral("a2242b61af45")).toString(),
                 QStringLiteral("current"));
        QCOMPARE(states.value(QStringLiteral("c3d4e5f6a7b8")).toString(),
                 QStringLiteral("pending"));

        // db status with the config's URL (relative to the config's folder),
        // run from elsewhere: the row is unknown, exit 1.
        const ProcessResult status =
            revscope({QStringLiteral("db"), QStringLiteral("status"), root, QStringLiteral("--db"),
                      QStringLiteral("ini"), QStringLiteral("--format"), QStringLiteral("json")},
                     QDir::tempPath());
        QCOMPARE(status.exitCode, 1);
        const QJsonObject statusReport = parseJson(status.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(statusReport.value(QLatin1String("schema")).toString(),
                 QStringLiteral("revscope.db-status/1"));
        const QJsonArray rows = firstEnvironment(statusReport)
                                    .value(QLatin1String("database"))
                                    .toObject()
                                    .value(QLatin1String("rows"))
                                    .toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().toObject().value(QLatin1String("resolution")).toString(),
                 QStringLiteral("unknown"));
        QCOMPARE(rows.first().toObject().value(QLatin1String("node_origin")).toString(),
                 QStringLiteral("bytecode"));
        QVERIFY(!findingWithCode(statusReport, QStringLiteral("db-unknown-revision")).isEmpty());
        QVERIFY(findingWithCode(statusReport, QStringLiteral("stray-bytecode")).isEmpty());
    }

    void linearStates_data()
    {
        QTest::addColumn<bool>("table");
        QTest::addColumn<QStringList>("versions");
        QTest::addColumn<QStringList>("states"); // of 001, 002, 003
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("finding");
        QTest::addColumn<int>("pending");
        QTest::newRow("at head") << true << QStringList{QStringLiteral("003")}
                                 << QStringList{QStringLiteral("applied"),
                                                QStringLiteral("applied"),
                                                QStringLiteral("current")}
                                 << QStringLiteral("ok") << QString() << 0;
        QTest::newRow("behind") << true << QStringList{QStringLiteral("001")}
                                << QStringList{QStringLiteral("current"), QStringLiteral("pending"),
                                               QStringLiteral("pending")}
                                << QStringLiteral("ok") << QStringLiteral("db-pending-migrations")
                                << 2;
        QTest::newRow("in the middle")
            << true << QStringList{QStringLiteral("002")}
            << QStringList{QStringLiteral("applied"), QStringLiteral("current"),
                           QStringLiteral("pending")}
            << QStringLiteral("ok") << QStringLiteral("db-pending-migrations") << 1;
        QTest::newRow("no version table")
            << false << QStringList()
            << QStringList{QStringLiteral("pending"), QStringLiteral("pending"),
                           QStringLiteral("pending")}
            << QStringLiteral("no-table") << QStringLiteral("db-no-version-table") << 3;
        QTest::newRow("empty version table")
            << true << QStringList()
            << QStringList{QStringLiteral("pending"), QStringLiteral("pending"),
                           QStringLiteral("pending")}
            << QStringLiteral("empty") << QStringLiteral("db-no-version-table") << 3;
    }

    // check --db with a URL relative to the working directory, as SQLAlchemy
    // reads it, and db status on the same database.
    void linearStates()
    {
        QFETCH(bool, table);
        QFETCH(QStringList, versions);
        QFETCH(QStringList, states);
        QFETCH(QString, status);
        QFETCH(QString, finding);
        QFETCH(int, pending);
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        QVERIFY(makeDatabase(root + QStringLiteral("/data/app.db"), versions, table));

        const ProcessResult r =
            revscope({QStringLiteral("check"), QStringLiteral("."), QStringLiteral("--db"),
                      QStringLiteral("sqlite:///data/app.db"), QStringLiteral("--format"),
                      QStringLiteral("json")},
                     root);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject env = firstEnvironment(report);
        const QJsonObject database = env.value(QLatin1String("database")).toObject();
        for (const QString &key :
             {QStringLiteral("url"), QStringLiteral("version_table"), QStringLiteral("schema"),
              QStringLiteral("versions"), QStringLiteral("error")}) {
            QVERIFY2(database.contains(key), qPrintable(keys(database).join(QLatin1Char(' '))));
        }
        QCOMPARE(database.value(QLatin1String("url")).toString(),
                 QStringLiteral("sqlite:///data/app.db"));
        QCOMPARE(database.value(QLatin1String("versions")).toArray(),
                 QJsonArray::fromStringList(versions));
        QVERIFY(database.value(QLatin1String("error")).isNull());
        QCOMPARE(database.value(QLatin1String("status")).toString(), status);
        QCOMPARE(database.value(QLatin1String("pending")).toInt(-1), pending);
        const QHash<QString, QJsonValue> got = dbStates(env);
        QCOMPARE((QStringList{got.value(QStringLiteral("001")).toString(),
                              got.value(QStringLiteral("002")).toString(),
                              got.value(QStringLiteral("003")).toString()}),
                 states);
        if (finding.isEmpty()) {
            for (const QJsonValue &value : report.value(QLatin1String("findings")).toArray()) {
                QVERIFY2(!value.toObject()
                              .value(QLatin1String("code"))
                              .toString()
                              .startsWith(QLatin1String("db-")),
                         r.out.constData());
            }
        } else {
            QVERIFY2(!findingWithCode(report, finding).isEmpty(), r.out.constData());
        }

        const ProcessResult text = revscope(
            {QStringLiteral("check"), root, QStringLiteral("--db"), QStringLiteral("ini")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("database: sqlite:///data/app.db"), text.out.constData());

        const ProcessResult statusText =
            revscope({QStringLiteral("db"), QStringLiteral("status"), root, QStringLiteral("--db"),
                      QStringLiteral("ini")});
        QCOMPARE(statusText.exitCode, 0);
        if (status == QLatin1String("ok")) {
            QVERIFY2(
                statusText.out.contains(QStringLiteral("pending to 003: %1").arg(pending).toUtf8()),
                statusText.out.constData());
            QVERIFY2(statusText.out.contains(
                         (QStringLiteral("    ") + versions.first() + QStringLiteral("  exact"))
                             .toUtf8()),
                     statusText.out.constData());
        }
    }

    // A database that cannot be reached: exit 3, one sentence on stderr
    // naming the URL, and the report still printed.
    void unreachable_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QString>("format");
        QTest::newRow("check text")
            << QStringList{QStringLiteral("check")} << QStringLiteral("text");
        QTest::newRow("check json")
            << QStringList{QStringLiteral("check")} << QStringLiteral("json");
        QTest::newRow("db status text")
            << QStringList{QStringLiteral("db"), QStringLiteral("status")}
            << QStringLiteral("text");
        QTest::newRow("db status json")
            << QStringList{QStringLiteral("db"), QStringLiteral("status")}
            << QStringLiteral("json");
    }

    void unreachable()
    {
        QFETCH(QStringList, command);
        QFETCH(QString, format);
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        const QString url = QStringLiteral("sqlite:///data/missing.db");
        const ProcessResult r = revscope(command + QStringList{root, QStringLiteral("--db"), url,
                                                               QStringLiteral("--format"), format},
                                         root);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(url.toUtf8()), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/data/missing.db")));
        if (format == QLatin1String("json")) {
            QString error;
            const QJsonObject report = parseJson(r.out, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            const QJsonObject database =
                firstEnvironment(report).value(QLatin1String("database")).toObject();
            QCOMPARE(database.value(QLatin1String("url")).toString(), url);
            QVERIFY(!database.value(QLatin1String("error")).toString().isEmpty());
            QCOMPARE(database.value(QLatin1String("versions")).toArray(), QJsonArray());
            QVERIFY(!findingWithCode(report, QStringLiteral("db-unreachable")).isEmpty());
            if (command.first() == QLatin1String("check")) {
                QVERIFY(dbStates(firstEnvironment(report)).value(QStringLiteral("001")).isNull());
            }
        } else {
            QVERIFY2(r.out.contains("db-unreachable"), r.out.constData());
        }
    }

    // --db ini reads each config's sqlalchemy.url with a relative SQLite
    // path taken from the config's folder, wherever revscope runs.
    void iniUrlIsRelativeToTheConfig()
    {
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        QVERIFY(makeDatabase(root + QStringLiteral("/data/app.db"), {QStringLiteral("003")}));
        QTemporaryDir elsewhere;
        const ProcessResult r =
            revscope({QStringLiteral("check"), root, QStringLiteral("--config"),
                      root + QStringLiteral("/alembic.ini"), QStringLiteral("--db"),
                      QStringLiteral("ini"), QStringLiteral("--format"), QStringLiteral("json")},
                     elsewhere.path());
        QCOMPARE(r.exitCode, 0);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject env = firstEnvironment(report);
        QCOMPARE(env.value(QLatin1String("database")).toObject().value(QLatin1String("versions")),
                 QJsonValue(QJsonArray{QStringLiteral("003")}));
        QCOMPARE(dbStates(env).value(QStringLiteral("003")).toString(), QStringLiteral("current"));

        // The same relative URL given on the command line is taken from the
        // working directory, as SQLAlchemy does: not there, so exit 3.
        const ProcessResult fromCwd =
            revscope({QStringLiteral("check"), root, QStringLiteral("--db"),
                      QStringLiteral("sqlite:///data/app.db")},
                     elsewhere.path());
        QCOMPARE(fromCwd.exitCode, 3);
    }

    // A config without sqlalchemy.url cannot be read with --db ini.
    void iniWithoutUrl()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        writeFile(root + QStringLiteral("/alembic.ini"),
                  "[alembic]\nscript_location = migrations\n");
        writeFile(root + QStringLiteral("/migrations/versions/001_first.py"),
                  script("001", "", "first"));
        const ProcessResult r = revscope(
            {QStringLiteral("check"), root, QStringLiteral("--db"), QStringLiteral("ini")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("sqlalchemy.url"), r.err.constData());
    }

    // A password never appears in any output, even when the server is down.
    void passwordNeverShown_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        const QString url =
            QStringLiteral("postgresql+psycopg2://app:%1@127.0.0.1:1/appdb").arg(kPassword);
        const QString mysql =
            QStringLiteral("mysql+pymysql://app:%1@127.0.0.1:1/appdb").arg(kPassword);
        QTest::newRow("check text")
            << QStringList{QStringLiteral("check"), QStringLiteral("--db"), url} << 3;
        QTest::newRow("check json")
            << QStringList{QStringLiteral("check"), QStringLiteral("--db"), url,
                           QStringLiteral("--format"), QStringLiteral("json")}
            << 3;
        QTest::newRow("check sarif")
            << QStringList{QStringLiteral("check"), QStringLiteral("--db"), url,
                           QStringLiteral("--format"), QStringLiteral("sarif")}
            << 3;
        QTest::newRow("db status text")
            << QStringList{QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--db"),
                           url}
            << 3;
        QTest::newRow("db status json")
            << QStringList{QStringLiteral("db"),       QStringLiteral("status"),
                           QStringLiteral("--db"),     url,
                           QStringLiteral("--format"), QStringLiteral("json")}
            << 3;
        QTest::newRow("db stamp") << QStringList{QStringLiteral("db"),   QStringLiteral("stamp"),
                                                 QStringLiteral("--db"), url,
                                                 QStringLiteral("003"),  QStringLiteral("--yes")}
                                  << 3;
        QTest::newRow("db stamp json")
            << QStringList{QStringLiteral("db"),   QStringLiteral("stamp"),
                           QStringLiteral("--db"), url,
                           QStringLiteral("003"),  QStringLiteral("--format"),
                           QStringLiteral("json")}
            << 3;
        QTest::newRow("db stamp undo")
            << QStringList{QStringLiteral("db"),     QStringLiteral("stamp"),
                           QStringLiteral("--db"),   url,
                           QStringLiteral("--undo"), QStringLiteral("--yes")}
            << 1;
        QTest::newRow("mysql") << QStringList{QStringLiteral("check"), QStringLiteral("--db"),
                                              mysql}
                               << 3;
        QTest::newRow("bad port")
            << QStringList{QStringLiteral("check"), QStringLiteral("--db"),
                           QStringLiteral("postgresql://app:%1@127.0.0.1:xx/appdb").arg(kPassword)}
            << 3;
    }

    void passwordNeverShown()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        const ProcessResult r = revscope(arguments + QStringList{root});
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(!r.err.isEmpty(), "an unreachable database must be named on stderr");
        QVERIFY2(!r.out.contains(kPassword.toUtf8()), r.out.constData());
        QVERIFY2(!r.err.contains(kPassword.toUtf8()), r.err.constData());
        QVERIFY2(r.out.contains("app:***@") || r.err.contains("app:***@"),
                 (r.out + r.err).constData());
    }

    void usage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("db status without --db")
            << QStringList{QStringLiteral("db"), QStringLiteral("status")};
        QTest::newRow("db stamp unknown revision")
            << QStringList{QStringLiteral("db"),  QStringLiteral("stamp"), QStringLiteral("--db"),
                           QStringLiteral("ini"), QStringLiteral("nope"),  QStringLiteral("--yes")};
        QTest::newRow("db stamp without --db")
            << QStringList{QStringLiteral("db"), QStringLiteral("stamp"), QStringLiteral("003")};
        QTest::newRow("db alone") << QStringList{QStringLiteral("db")};
        QTest::newRow("db unknown") << QStringList{QStringLiteral("db"), QStringLiteral("upgrade")};
        QTest::newRow("empty --db")
            << QStringList{QStringLiteral("check"), QStringLiteral("--db"), QString()};
        QTest::newRow("version table without --db") << QStringList{
            QStringLiteral("check"), QStringLiteral("--version-table"), QStringLiteral("v")};
        QTest::newRow("db status sarif") << QStringList{
            QStringLiteral("db"),  QStringLiteral("status"),   QStringLiteral("--db"),
            QStringLiteral("ini"), QStringLiteral("--format"), QStringLiteral("sarif")};
    }

    void usage()
    {
        QFETCH(QStringList, arguments);
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        QVERIFY(makeDatabase(root + QStringLiteral("/data/app.db"), {QStringLiteral("001")}));
        const ProcessResult r = revscope(arguments, root);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
        // Nothing was written.
        const ProcessResult status =
            revscope({QStringLiteral("db"), QStringLiteral("status"), root, QStringLiteral("--db"),
                      QStringLiteral("ini"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(status.exitCode, 0);
        QString error;
        const QJsonObject database = firstEnvironment(parseJson(status.out, &error))
                                         .value(QLatin1String("database"))
                                         .toObject();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(database.value(QLatin1String("versions")).toArray(),
                 QJsonArray{QStringLiteral("001")});
    }

    // --version-table names another table.
    void customVersionTable()
    {
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        const QString path = root + QStringLiteral("/data/app.db");
        QVERIFY(makeDatabase(path, QStringList()));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("custom"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(
                query.exec(QStringLiteral("CREATE TABLE my_versions (version_num VARCHAR(32))")));
            QVERIFY(query.exec(QStringLiteral("INSERT INTO my_versions VALUES ('002')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("custom"));
        const ProcessResult r = revscope(
            {QStringLiteral("db"), QStringLiteral("status"), root, QStringLiteral("--db"),
             QStringLiteral("ini"), QStringLiteral("--version-table"),
             QStringLiteral("my_versions"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        QString error;
        const QJsonObject database =
            firstEnvironment(parseJson(r.out, &error)).value(QLatin1String("database")).toObject();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(database.value(QLatin1String("version_table")).toString(),
                 QStringLiteral("my_versions"));
        QCOMPARE(database.value(QLatin1String("versions")).toArray(),
                 QJsonArray{QStringLiteral("002")});
    }
};

QTEST_GUILESS_MAIN(TestDbCommand)
#include "tst_dbcommand.moc"
