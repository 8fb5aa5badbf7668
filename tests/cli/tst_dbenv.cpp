// `--db-env NAME` on check, db status and db stamp: the URL comes from the
// environment variable the user names; a missing or empty variable is a usage
// error (exit 2), and the URL's password never reaches the output.

#include "testsupport.h"

#include <QJsonArray>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace TestSupport;

namespace {

const QString kVariable = QStringLiteral("REVSCOPE_TEST_DATABASE_URL");
const QString kPassword = QStringLiteral("Env-S3cret%pa55");
const QString kEncodedPassword = QStringLiteral("Env-S3cret%25pa55");

QByteArray script(const QByteArray &rev, const QByteArray &down)
{
    return "\"\"\"step " + rev + "\n\nRevision ID: " + rev + "\nRevises: " + down +
           "\nCreate Date: 2026-01-10 10:00:00.000000\n\n\"\"\"\n"
           "revision = '" +
           rev + "'\ndown_revision = " + (down.isEmpty() ? QByteArray("None") : "'" + down + "'") +
           "\nbranch_labels = None\ndepends_on = None\n\n\n"
           "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n";
}

// A version table `table` holding `version` in a new SQLite file.
bool makeDatabase(const QString &path, const QString &table, const QString &version)
{
    static int counter = 0;
    const QString name = QStringLiteral("tst-dbenv-%1").arg(++counter);
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        ok = ok && query.exec(QStringLiteral("CREATE TABLE \"%1\" (version_num VARCHAR(32) NOT "
                                             "NULL PRIMARY KEY)")
                                  .arg(table));
        ok = ok &&
             query.exec(QStringLiteral("INSERT INTO \"%1\" VALUES ('%2')").arg(table, version));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// Runs revscope with `variable` set to `value` (unset when `value` is null).
ProcessResult revscopeWith(const QStringList &arguments, const QString &variable,
                           const QString &value)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(variable);
    if (!value.isNull()) {
        environment.insert(variable, value);
    }
    return TestSupport::run(QStringLiteral(REVSCOPE_BINARY), arguments, QString(), 120000,
                            environment);
}

// A TCP port on 127.0.0.1 nothing listens on: bound, read back, closed.
int closedPort()
{
    int port = 1;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return port;
    }
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
        port = ntohs(address.sin_port);
    }
    ::close(fd);
    return port;
}

} // namespace

class TestDbEnv : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_home; // the journal of stamps goes under its XDG_DATA_HOME
    QString m_root;
    QString m_sqliteUrl;

private slots:
    void initTestCase();
    void badVariable_data();
    void badVariable();
    void readsTheUrl_data();
    void readsTheUrl();
    void passwordNeverPrinted_data();
    void passwordNeverPrinted();
    void stampUndoCommandNamesTheVariable();
};

void TestDbEnv::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_home.isValid());
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.path()));
    m_root = m_dir.filePath(QStringLiteral("project"));
    QVERIFY(writeFile(m_root + QStringLiteral("/alembic.ini"),
                      "[alembic]\nscript_location = migrations\n"));
    QVERIFY(writeFile(m_root + QStringLiteral("/migrations/env.py"),
                      "from alembic import context\n"
                      "context.configure(url=None, version_table='app_version')\n"));
    QVERIFY(writeFile(m_root + QStringLiteral("/migrations/versions/001_a.py"), script("001", "")));
    QVERIFY(
        writeFile(m_root + QStringLiteral("/migrations/versions/002_b.py"), script("002", "001")));
    const QString dbPath = m_dir.filePath(QStringLiteral("app.db"));
    QVERIFY(makeDatabase(dbPath, QStringLiteral("app_version"), QStringLiteral("001")));
    m_sqliteUrl = QStringLiteral("sqlite:///") + dbPath;
}

void TestDbEnv::badVariable_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("value"); // null: unset
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QByteArray>("expected");

    const QList<QStringList> commands = {{QStringLiteral("check")},
                                         {QStringLiteral("db"), QStringLiteral("status")},
                                         {QStringLiteral("db"), QStringLiteral("stamp")}};
    for (const QStringList &command : commands) {
        const QByteArray name = command.join(QLatin1Char(' ')).toUtf8();
        QTest::newRow(name + " unset") << command << QString() << QStringList()
                                       << QByteArray("REVSCOPE_TEST_DATABASE_URL (named by "
                                                     "--db-env) is not set");
        QTest::newRow(name + " empty") << command << QStringLiteral("  ") << QStringList()
                                       << QByteArray("REVSCOPE_TEST_DATABASE_URL (named by "
                                                     "--db-env) is empty");
        QTest::newRow(name + " with --db too")
            << command << QStringLiteral("sqlite://")
            << QStringList{QStringLiteral("--db"), QStringLiteral("sqlite://")}
            << QByteArray("either --db or --db-env, not both");
    }
}

void TestDbEnv::badVariable()
{
    QFETCH(QStringList, command);
    QFETCH(QString, value);
    QFETCH(QStringList, extra);
    QFETCH(QByteArray, expected);

    const ProcessResult result =
        revscopeWith(command + QStringList{m_root, QStringLiteral("--db-env"), kVariable} + extra,
                     kVariable, value);
    QVERIFY(result.started);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(expected), result.err.constData());
    // One sentence, naming the command.
    QVERIFY2(result.err.startsWith("revscope " + command.join(QLatin1Char(' ')).toUtf8() + ": "),
             result.err.constData());
    QCOMPARE(result.err.count('\n'), 1);
}

void TestDbEnv::readsTheUrl_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<int>("exitCode");

    QTest::newRow("check") << QStringList{QStringLiteral("check"), QStringLiteral("--format"),
                                          QStringLiteral("json"), QStringLiteral("--fail-on"),
                                          QStringLiteral("never")}
                           << 0;
    QTest::newRow("db status") << QStringList{QStringLiteral("db"), QStringLiteral("status"),
                                              QStringLiteral("--format"), QStringLiteral("json")}
                               << 0;
}

void TestDbEnv::readsTheUrl()
{
    QFETCH(QStringList, command);
    QFETCH(int, exitCode);

    const ProcessResult result =
        revscopeWith(command + QStringList{m_root, QStringLiteral("--db-env"), kVariable},
                     kVariable, m_sqliteUrl);
    QVERIFY(result.started);
    QVERIFY2(result.exitCode == exitCode, result.err.constData());
    QString error;
    const QJsonObject report = parseJson(result.out, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QJsonObject database = report.value(QLatin1String("environments"))
                                     .toArray()
                                     .first()
                                     .toObject()
                                     .value(QLatin1String("database"))
                                     .toObject();
    QCOMPARE(database.value(QLatin1String("url")).toString(), m_sqliteUrl);
    // env.py's version table, read through the URL from the variable.
    QCOMPARE(database.value(QLatin1String("version_table")).toString(),
             QStringLiteral("app_version"));
    QCOMPARE(database.value(QLatin1String("versions")).toArray().first().toString(),
             QStringLiteral("001"));
}

void TestDbEnv::passwordNeverPrinted_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<int>("exitCode");

    QTest::newRow("check") << QStringList{QStringLiteral("check")} << 3;
    QTest::newRow("check json") << QStringList{QStringLiteral("check"), QStringLiteral("--format"),
                                               QStringLiteral("json")}
                                << 3;
    QTest::newRow("db status") << QStringList{QStringLiteral("db"), QStringLiteral("status")} << 3;
    QTest::newRow("db stamp") << QStringList{QStringLiteral("db"), QStringLiteral("stamp"),
                                             QStringLiteral("002")}
                              << 3;
}

void TestDbEnv::passwordNeverPrinted()
{
    QFETCH(QStringList, command);
    QFETCH(int, exitCode);

    const QString url = QStringLiteral("postgresql+psycopg2://alice:%1@127.0.0.1:%2/app")
                            .arg(kEncodedPassword)
                            .arg(closedPort());
    const ProcessResult result = revscopeWith(
        command + QStringList{m_root, QStringLiteral("--db-env"), kVariable}, kVariable, url);
    QVERIFY(result.started);
    QVERIFY2(result.exitCode == exitCode, result.err.constData());
    const QByteArray all = result.out + result.err;
    QVERIFY2(!all.contains(kPassword.toUtf8()), all.constData());
    QVERIFY2(!all.contains(kEncodedPassword.toUtf8()), all.constData());
    QVERIFY2(!all.contains("S3cret"), all.constData());
    // The database is named, redacted (unless the PostgreSQL driver is missing,
    // which is said instead).
    QVERIFY2(all.contains("alice:***@127.0.0.1") || all.contains("libqt6sql6-psql"),
             all.constData());
}

void TestDbEnv::stampUndoCommandNamesTheVariable()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dbPath = dir.filePath(QStringLiteral("stamp.db"));
    QVERIFY(makeDatabase(dbPath, QStringLiteral("app_version"), QStringLiteral("001")));
    const QString url = QStringLiteral("sqlite:///") + dbPath;
    const ProcessResult stamped = revscopeWith({QStringLiteral("db"), QStringLiteral("stamp"),
                                                m_root, QStringLiteral("--db-env"), kVariable,
                                                QStringLiteral("002"), QStringLiteral("--yes")},
                                               kVariable, url);
    QVERIFY(stamped.started);
    QVERIFY2(stamped.exitCode == 0, stamped.err.constData());
    QVERIFY2(stamped.out.contains("--db-env REVSCOPE_TEST_DATABASE_URL --undo "),
             stamped.out.constData());
    // The stamp went to env.py's table: the plan shows it.
    QVERIFY2(stamped.out.contains("app_version"), stamped.out.constData());

    const ProcessResult status = revscopeWith({QStringLiteral("db"), QStringLiteral("status"),
                                               m_root, QStringLiteral("--db-env"), kVariable,
                                               QStringLiteral("--format"), QStringLiteral("json")},
                                              kVariable, url);
    QVERIFY2(status.exitCode == 0, status.err.constData());
    QString error;
    const QJsonObject report = parseJson(status.out, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(report.value(QLatin1String("environments"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("database"))
                 .toObject()
                 .value(QLatin1String("versions"))
                 .toArray()
                 .first()
                 .toString(),
             QStringLiteral("002"));

    const ProcessResult undo = revscopeWith({QStringLiteral("db"), QStringLiteral("stamp"), m_root,
                                             QStringLiteral("--db-env"), kVariable,
                                             QStringLiteral("--undo"), QStringLiteral("--yes")},
                                            kVariable, url);
    QVERIFY2(undo.exitCode == 0, undo.err.constData() + undo.out);
}

QTEST_GUILESS_MAIN(TestDbEnv)
#include "tst_dbenv.moc"
