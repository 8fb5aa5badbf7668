// End to end with the real Alembic on SQLite files: when env.py passes
// version_table= (and version_table_schema=) to context.configure(), Alembic
// writes that table, and the Inspector reads the same one unless the user
// names another.

#include "inspection/inspector.h"

#include "testsupport.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Revscope;
using namespace TestSupport;

namespace {

QByteArray envPy(const QByteArray &configureArguments)
{
    return "from alembic import context\n"
           "from sqlalchemy import engine_from_config, pool\n"
           "\n"
           "config = context.config\n"
           "\n"
           "\n"
           "def run_migrations_online():\n"
           "    connectable = engine_from_config(\n"
           "        config.get_section(config.config_ini_section), prefix='sqlalchemy.',\n"
           "        poolclass=pool.NullPool)\n"
           "    with connectable.connect() as connection:\n"
           "        context.configure(connection=connection, target_metadata=None" +
           configureArguments +
           ")\n"
           "        with context.begin_transaction():\n"
           "            context.run_migrations()\n"
           "\n"
           "\n"
           "run_migrations_online()\n";
}

QByteArray script(const QByteArray &rev, const QByteArray &down)
{
    return "\"\"\"step " + rev + "\n\nRevision ID: " + rev + "\nRevises: " + down +
           "\nCreate Date: 2026-01-10 10:00:00.000000\n\n\"\"\"\n"
           "revision = '" +
           rev + "'\ndown_revision = " + (down.isEmpty() ? QByteArray("None") : "'" + down + "'") +
           "\nbranch_labels = None\ndepends_on = None\n\n\n"
           "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n";
}

// The tables of the SQLite file at `path`, sorted.
QStringList tables(const QString &path)
{
    static int counter = 0;
    const QString name = QStringLiteral("tst-envpy-%1").arg(++counter);
    QStringList out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            out = db.tables();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    out.sort();
    return out;
}

QStringList codes(const Findings &findings)
{
    QStringList out;
    for (const Finding &finding : findings) {
        out.append(finding.code);
    }
    return out;
}

} // namespace

class TestEnvPyVersionTable : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void customTable_data();
    void customTable();
};

void TestEnvPyVersionTable::initTestCase()
{
    if (alembicPython().isEmpty()) {
        QSKIP("SKIPPED: /usr/bin/python3 cannot import alembic; these tests need python3-alembic");
    }
}

void TestEnvPyVersionTable::customTable_data()
{
    QTest::addColumn<QByteArray>("arguments");
    QTest::addColumn<QString>("userTable");       // --version-table
    QTest::addColumn<QString>("alembicTable");    // what Alembic creates
    QTest::addColumn<QString>("readTable");       // what Revscope reads
    QTest::addColumn<QString>("readSchema");      // ... in which schema
    QTest::addColumn<int>("status");              // DatabaseState::Status
    QTest::addColumn<QStringList>("envFindings"); // codes of env.py findings

    QTest::newRow("literal table")
        << QByteArray(", version_table='custom_version'") << QString() << "custom_version"
        << "custom_version" << QString() << int(DatabaseState::Ok) << QStringList();
    QTest::newRow("literal table and schema")
        << QByteArray(",\n            version_table=\"custom_version\", "
                      "version_table_schema='main'")
        << QString() << "custom_version"
        << "custom_version"
        << "main" << int(DatabaseState::Ok) << QStringList();
    QTest::newRow("user override wins")
        << QByteArray(", version_table='custom_version'") << "alembic_version"
        << "custom_version"
        << "alembic_version" << QString() << int(DatabaseState::NoTable) << QStringList();
    QTest::newRow("f-string: default read, finding")
        << QByteArray(", version_table=f\"{'custom'}_version\"") << QString() << "custom_version"
        << "alembic_version" << QString() << int(DatabaseState::NoTable)
        << QStringList{QStringLiteral("non-literal-version-table")};
    QTest::newRow("no version_table")
        << QByteArray() << QString() << "alembic_version"
        << "alembic_version" << QString() << int(DatabaseState::Ok) << QStringList();
}

void TestEnvPyVersionTable::customTable()
{
    QFETCH(QByteArray, arguments);
    QFETCH(QString, userTable);
    QFETCH(QString, alembicTable);
    QFETCH(QString, readTable);
    QFETCH(QString, readSchema);
    QFETCH(int, status);
    QFETCH(QStringList, envFindings);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = dir.path();
    QVERIFY(writeFile(root + QStringLiteral("/alembic.ini"),
                      "[alembic]\nscript_location = migrations\n"
                      "sqlalchemy.url = sqlite:///app.db\n"));
    QVERIFY(writeFile(root + QStringLiteral("/migrations/env.py"), envPy(arguments)));
    QVERIFY(
        writeFile(root + QStringLiteral("/migrations/versions/001_first.py"), script("001", "")));
    QVERIFY(writeFile(root + QStringLiteral("/migrations/versions/002_second.py"),
                      script("002", "001")));

    // The real Alembic migrates to 001 and reads its table back.
    ProcessResult upgrade = alembic(root, {QStringLiteral("upgrade"), QStringLiteral("001")});
    QVERIFY2(upgrade.exitCode == 0, upgrade.err.constData());
    QCOMPARE(tables(root + QStringLiteral("/app.db")), QStringList{alembicTable});
    const ProcessResult current = alembic(root, {QStringLiteral("current")});
    QVERIFY2(current.exitCode == 0, current.err.constData());
    QVERIFY2(current.out.contains("001"), current.out.constData());

    InspectOptions options;
    options.root = root;
    options.database.url = QStringLiteral("ini");
    options.database.versionTable = userTable;
    const InspectionPtr inspection = Inspector::inspect(options);
    QVERIFY(inspection);
    QCOMPARE(inspection->environments.size(), 1);
    const EnvironmentInspection &env = inspection->environments.front();
    QVERIFY(env.database);
    const DatabaseState &state = env.database->database();
    QCOMPARE(state.versionTable, readTable);
    QCOMPARE(state.schema, readSchema);
    QCOMPARE(int(state.status), status);
    if (status == DatabaseState::Ok) {
        // What `alembic current` printed, and 002 still to run.
        QCOMPARE(state.versions, QStringList{QStringLiteral("001")});
        QCOMPARE(env.database->currentRevisions(), QStringList{QStringLiteral("001")});
        QVERIFY(codes(inspection->findings).contains(QStringLiteral("db-pending-migrations")));
    } else {
        QVERIFY(codes(inspection->findings).contains(QStringLiteral("db-no-version-table")));
    }

    QStringList envPyCodes;
    for (const Finding &finding : inspection->findings) {
        if (finding.file.endsWith(QLatin1String("/migrations/env.py"))) {
            envPyCodes.append(finding.code);
            QVERIFY(finding.line > 0);
            QCOMPARE(finding.environment, env.label);
        }
    }
    QCOMPARE(envPyCodes, envFindings);
}

QTEST_GUILESS_MAIN(TestEnvPyVersionTable)
#include "tst_envpyversiontable.moc"
