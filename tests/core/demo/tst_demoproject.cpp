#include "demo/demoproject.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using Revscope::DemoProject;

namespace {

const QString RemovedRevision = QStringLiteral("a2242b61af45");
const QString StrayPyc = QStringLiteral(
    "back/alembic/versions/__pycache__/a2242b61af45_add_dmarc_policy_to_domains.cpython-311.pyc");
const QString Python = QStringLiteral("/usr/bin/python3");

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

bool writeText(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QStringList versionsOf(const QString &dbPath)
{
    const QString connection = QStringLiteral("tst-demo-%1").arg(qHash(dbPath));
    QStringList versions;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(dbPath);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT version_num FROM alembic_version"))) {
                while (query.next()) {
                    versions.append(query.value(0).toString());
                }
            }
            query.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return versions;
}

int tableCount(const QString &dbPath)
{
    const QString connection = QStringLiteral("tst-demo-tables");
    int count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(dbPath);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(
                    QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) &&
                query.next()) {
                count = query.value(0).toInt();
            }
            query.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return count;
}

struct ProcessResult
{
    bool started = false;
    int exitCode = -1;
    QString output; // stdout and stderr together
};

ProcessResult run(const QString &workdir, const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // The demo's env.py prefers this variable over the ini.
    env.remove(QStringLiteral("SMTPY_DATABASE_URL"));
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(workdir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(Python, arguments);
    ProcessResult result;
    result.started = process.waitForStarted(10000);
    if (result.started && process.waitForFinished(120000)) {
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    result.output = QString::fromUtf8(process.readAll());
    return result;
}

bool alembicAvailable()
{
    if (!QFileInfo(Python).isExecutable()) {
        return false;
    }
    const ProcessResult r =
        run(QDir::tempPath(), {QStringLiteral("-c"), QStringLiteral("import alembic")});
    return r.started && r.exitCode == 0;
}

} // namespace

class TestDemoProject : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void embeddedTree_data();
    void embeddedTree();
    void embeddedBytecodeIsOnlyTheStrayFile();
    void defaultLocation();
    void materializeFresh_data();
    void materializeFresh();
    void materializeKeepsAndRepairs();
    void resetRestoresAndStaysInside();
    void refusesForeignTargets_data();
    void refusesForeignTargets();
    void splitSql_data();
    void splitSql();
    void alembicOracle_data();
    void alembicOracle();
    void alembicSourcelessLoadsStrayBytecode();

private:
    QString materializedCopy(QTemporaryDir &tmp);
};

void TestDemoProject::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

QString TestDemoProject::materializedCopy(QTemporaryDir &tmp)
{
    const QString root = tmp.path() + QStringLiteral("/demo");
    QString error;
    if (!DemoProject::materialize(root, false, &error)) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    return root;
}

void TestDemoProject::embeddedTree_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = {
        QStringLiteral(".dockerignore"),
        QStringLiteral(".env"),
        QStringLiteral("README.md"),
        QStringLiteral("docker-compose.yml"),
        QStringLiteral("docker-compose.prod.yml"),
        QStringLiteral("back/alembic.ini"),
        QStringLiteral("back/alembic/env.py"),
        QStringLiteral("back/alembic/script.py.mako"),
        QStringLiteral("back/alembic/versions/b891cb8863b5_initial_squashed_migration.py"),
        QStringLiteral("back/api/main.py"),
        QStringLiteral("back/api/Dockerfile"),
        QStringLiteral("back/api/Dockerfile.prod"),
        QStringLiteral("back/smtp/server.py"),
        QStringLiteral("back/smtpy.sql"),
        StrayPyc,
    };
    for (const QString &file : files) {
        QTest::newRow(qPrintable(file)) << file;
    }
}

void TestDemoProject::embeddedTree()
{
    QFETCH(QString, file);
    QVERIFY2(DemoProject::embeddedFiles().contains(file), qPrintable(file));
}

void TestDemoProject::embeddedBytecodeIsOnlyTheStrayFile()
{
    const QStringList files = DemoProject::embeddedFiles();
    const QStringList bytecode = files.filter(QRegularExpression(QStringLiteral("\\.py[co]$")));
    QCOMPARE(bytecode, QStringList{StrayPyc});
    QVERIFY(!files.contains(DemoProject::databasePath()));

    const QStringList scripts = files.filter(
        QRegularExpression(QStringLiteral("^back/alembic/versions/[0-9a-f]{12}_\\w+\\.py$")));
    QVERIFY2(scripts.size() >= 20 && scripts.size() <= 30, qPrintable(scripts.join(u',')));
    QVERIFY(scripts.filter(RemovedRevision).isEmpty());
}

void TestDemoProject::defaultLocation()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QVERIFY(!base.isEmpty());
    QCOMPARE(DemoProject::defaultLocation(), base + QStringLiteral("/demo"));
}

void TestDemoProject::materializeFresh_data()
{
    QTest::addColumn<bool>("precreate");
    QTest::addColumn<bool>("reset");
    QTest::newRow("missing folder") << false << false;
    QTest::newRow("empty folder") << true << false;
    QTest::newRow("missing folder, reset") << false << true;
    QTest::newRow("empty folder, reset") << true << true;
}

void TestDemoProject::materializeFresh()
{
    QFETCH(bool, precreate);
    QFETCH(bool, reset);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString root = tmp.path() + QStringLiteral("/nested/demo");
    if (precreate) {
        QVERIFY(QDir().mkpath(root));
    }
    const QDateTime before = QDateTime::currentDateTime().addSecs(-2);
    QString error;
    QVERIFY2(DemoProject::materialize(root, reset, &error), qPrintable(error));
    QVERIFY(DemoProject::isDemoCopy(root));

    for (const QString &relative : DemoProject::embeddedFiles()) {
        const QString path = root + QLatin1Char('/') + relative;
        const QFileInfo info(path);
        QVERIFY2(info.isFile(), qPrintable(path));
        QVERIFY2(info.permissions().testFlag(QFileDevice::WriteOwner), qPrintable(path));
        QVERIFY2(info.lastModified() >= before, qPrintable(path));
        QVERIFY2(info.lastModified() <= QDateTime::currentDateTime().addSecs(2), qPrintable(path));
        QCOMPARE(readAll(path), readAll(QStringLiteral(":/demo/") + relative));
    }
    // The stray bytecode is a real CPython 3.11 file (magic 3495).
    QCOMPARE(readAll(root + QLatin1Char('/') + StrayPyc).left(4),
             QByteArray("\xa7\x0d\x0d\x0a", 4));

    const QString db = root + QLatin1Char('/') + DemoProject::databasePath();
    QCOMPARE(versionsOf(db), QStringList{RemovedRevision});
    QCOMPARE(tableCount(db), 7);
    QVERIFY(!QFileInfo::exists(db + QStringLiteral(".part")));
}

void TestDemoProject::materializeKeepsAndRepairs()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString root = materializedCopy(tmp);
    QVERIFY(!root.isEmpty());

    const QString ini = root + QStringLiteral("/back/alembic.ini");
    const QString compose = root + QStringLiteral("/docker-compose.yml");
    const QString db = root + QLatin1Char('/') + DemoProject::databasePath();
    QVERIFY(writeText(ini, "[alembic]\nscript_location = edited\n"));
    QVERIFY(QFile::remove(compose));
    QVERIFY(QFile::remove(root + QLatin1Char('/') + StrayPyc));
    QVERIFY(QFile::remove(db));

    QString error;
    QVERIFY2(DemoProject::materialize(root, false, &error), qPrintable(error));
    QCOMPARE(readAll(ini), QByteArray("[alembic]\nscript_location = edited\n"));
    QCOMPARE(readAll(compose), readAll(QStringLiteral(":/demo/docker-compose.yml")));
    QVERIFY(QFileInfo(root + QLatin1Char('/') + StrayPyc).isFile());
    QCOMPARE(versionsOf(db), QStringList{RemovedRevision});
}

void TestDemoProject::resetRestoresAndStaysInside()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString root = materializedCopy(tmp);
    QVERIFY(!root.isEmpty());

    // Things outside the demo that links inside it point to.
    const QString outsideDir = tmp.path() + QStringLiteral("/outside");
    QVERIFY(QDir().mkpath(outsideDir + QStringLiteral("/sub")));
    QVERIFY(writeText(outsideDir + QStringLiteral("/keep.txt"), "precious"));
    QVERIFY(writeText(outsideDir + QStringLiteral("/sub/keep.txt"), "precious too"));
    QVERIFY(QFile::link(outsideDir, root + QStringLiteral("/back/linked-dir")));
    QVERIFY(QFile::link(outsideDir + QStringLiteral("/keep.txt"),
                        root + QStringLiteral("/linked-file")));
    QVERIFY(
        QFile::link(tmp.path() + QStringLiteral("/nowhere"), root + QStringLiteral("/dangling")));

    const QString ini = root + QStringLiteral("/back/alembic.ini");
    QVERIFY(writeText(ini, "edited"));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/back/extra/deeper")));
    QVERIFY(writeText(root + QStringLiteral("/back/extra/deeper/new.py"), "x = 1\n"));
    QVERIFY(writeText(root + QStringLiteral("/back/alembic/versions/ffffffffffff_local.py"), "\n"));
    const QString db = root + QLatin1Char('/') + DemoProject::databasePath();
    QVERIFY(QFile::remove(db));
    QVERIFY(writeText(db, "not a database"));

    QString error;
    QVERIFY2(DemoProject::materialize(root, true, &error), qPrintable(error));

    QCOMPARE(readAll(ini), readAll(QStringLiteral(":/demo/back/alembic.ini")));
    QVERIFY(!QFileInfo::exists(root + QStringLiteral("/back/extra")));
    QVERIFY(
        !QFileInfo::exists(root + QStringLiteral("/back/alembic/versions/ffffffffffff_local.py")));
    QVERIFY(!QFileInfo(root + QStringLiteral("/back/linked-dir")).isSymLink());
    QVERIFY(!QFileInfo(root + QStringLiteral("/linked-file")).isSymLink());
    QVERIFY(!QFileInfo(root + QStringLiteral("/dangling")).isSymLink());
    QCOMPARE(readAll(outsideDir + QStringLiteral("/keep.txt")), QByteArray("precious"));
    QCOMPARE(readAll(outsideDir + QStringLiteral("/sub/keep.txt")), QByteArray("precious too"));
    QCOMPARE(versionsOf(db), QStringList{RemovedRevision});
    QVERIFY(DemoProject::isDemoCopy(root));

    // Exactly the embedded tree, the marker and the database remain.
    QStringList present;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        present.append(QDir(root).relativeFilePath(it.next()));
    }
    present.sort();
    QStringList expected = DemoProject::embeddedFiles();
    expected << DemoProject::markerFileName() << DemoProject::databasePath();
    expected.sort();
    QCOMPARE(present, expected);
}

void TestDemoProject::refusesForeignTargets_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("reset");
    for (const bool reset : {false, true}) {
        const char *suffix = reset ? ", reset" : "";
        QTest::addRow("user folder%s", suffix) << QStringLiteral("userfolder") << reset;
        QTest::addRow("hidden file only%s", suffix) << QStringLiteral("hiddenfile") << reset;
        QTest::addRow("marker is a folder%s", suffix) << QStringLiteral("markerdir") << reset;
        QTest::addRow("marker is a symlink%s", suffix) << QStringLiteral("markerlink") << reset;
        QTest::addRow("target is a file%s", suffix) << QStringLiteral("file") << reset;
        QTest::addRow("target is a symlink to a demo%s", suffix)
            << QStringLiteral("symlink") << reset;
    }
}

void TestDemoProject::refusesForeignTargets()
{
    QFETCH(QString, kind);
    QFETCH(bool, reset);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString target = tmp.path() + QStringLiteral("/target");
    const QString sentinel = target + QStringLiteral("/notes.txt");
    const QString marker = target + QLatin1Char('/') + DemoProject::markerFileName();
    QString watched = sentinel;

    if (kind == QLatin1String("file")) {
        QVERIFY(writeText(target, "a file"));
        watched = target;
    } else if (kind == QLatin1String("symlink")) {
        const QString real = materializedCopy(tmp);
        QVERIFY(!real.isEmpty());
        QVERIFY(QFile::link(real, target));
        watched = real + QStringLiteral("/notes.txt");
        QVERIFY(writeText(watched, "mine"));
    } else {
        QVERIFY(QDir().mkpath(target));
        if (kind == QLatin1String("hiddenfile")) {
            watched = target + QStringLiteral("/.profile");
        }
        QVERIFY(writeText(watched, "mine"));
        if (kind == QLatin1String("markerdir")) {
            QVERIFY(QDir().mkpath(marker));
        } else if (kind == QLatin1String("markerlink")) {
            QVERIFY(writeText(tmp.path() + QStringLiteral("/marker"), "x"));
            QVERIFY(QFile::link(tmp.path() + QStringLiteral("/marker"), marker));
        }
    }
    const QByteArray before = readAll(watched);
    QVERIFY(!before.isEmpty());

    QString error;
    QVERIFY(!DemoProject::materialize(target, reset, &error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(target)), qPrintable(error));
    QCOMPARE(readAll(watched), before);
    if (kind != QLatin1String("symlink")) {
        QVERIFY(!QFileInfo::exists(target + QStringLiteral("/back")));
    }
}

void TestDemoProject::splitSql_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("statements");
    QTest::newRow("two") << QStringLiteral("CREATE TABLE t (a);\nINSERT INTO t VALUES(1);\n")
                         << QStringList{QStringLiteral("CREATE TABLE t (a)"),
                                        QStringLiteral("INSERT INTO t VALUES(1)")};
    QTest::newRow("no final semicolon")
        << QStringLiteral("SELECT 1;\nSELECT 2")
        << QStringList{QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2")};
    QTest::newRow("semicolon in string")
        << QStringLiteral("INSERT INTO t VALUES('a;b');")
        << QStringList{QStringLiteral("INSERT INTO t VALUES('a;b')")};
    QTest::newRow("doubled quote")
        << QStringLiteral("INSERT INTO t VALUES('it''s; fine');SELECT 2;")
        << QStringList{QStringLiteral("INSERT INTO t VALUES('it''s; fine')"),
                       QStringLiteral("SELECT 2")};
    QTest::newRow("quoted identifier")
        << QStringLiteral("CREATE TABLE \"we;ird\" (`a;b`);")
        << QStringList{QStringLiteral("CREATE TABLE \"we;ird\" (`a;b`)")};
    QTest::newRow("line comment")
        << QStringLiteral("-- header; not a statement\nSELECT 1; -- trailing; note\n")
        << QStringList{QStringLiteral("SELECT 1")};
    QTest::newRow("block comment") << QStringLiteral("/* a; b */ SELECT /* c */ 1;")
                                   << QStringList{QStringLiteral("SELECT   1")};
    QTest::newRow("dashes in string")
        << QStringLiteral("SELECT '--x';") << QStringList{QStringLiteral("SELECT '--x'")};
    QTest::newRow("only comments") << QStringLiteral("-- nothing\n/* here */;;\n") << QStringList{};
    QTest::newRow("unterminated string")
        << QStringLiteral("SELECT 'abc;") << QStringList{QStringLiteral("SELECT 'abc;")};
}

void TestDemoProject::splitSql()
{
    QFETCH(QString, script);
    QFETCH(QStringList, statements);
    QCOMPARE(DemoProject::splitSqlStatements(script), statements);
}

void TestDemoProject::alembicOracle_data()
{
    QTest::addColumn<QString>("workdir");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<QStringList>("expected");

    const QString root = QStringLiteral(".");
    const QString back = QStringLiteral("back");
    const QStringList fromRoot = {QStringLiteral("-m"), QStringLiteral("alembic"),
                                  QStringLiteral("-c"), QStringLiteral("back/alembic.ini")};
    const QStringList fromBack = {QStringLiteral("-m"), QStringLiteral("alembic")};

    QTest::newRow("heads") << root << (fromRoot + QStringList{QStringLiteral("heads")}) << true
                           << QStringList{QStringLiteral("5f0a3e7b2c84 (head)"),
                                          QStringLiteral("0d9e3f5b7a18 (audit) (head)")};
    QTest::newRow("branches") << root << (fromRoot + QStringList{QStringLiteral("branches")})
                              << true << QStringList{QStringLiteral("4a9c3f8e1d62 (branchpoint)")};
    QTest::newRow("history")
        << root << (fromRoot + QStringList{QStringLiteral("history")}) << true
        << QStringList{QStringLiteral("e3f81a4c6b90, 0c4e6f2b8a75 -> 6d39478753c0 (mergepoint)"),
                       QStringLiteral("4d2c8e1f9b70 (2f6a7c913e05) -> 8b1f6d3a0e25 (audit)"),
                       QStringLiteral("<base> -> b891cb8863b5, initial squashed migration")};
    const QStringList locate{
        QStringLiteral("Can't locate revision identified by '%1'").arg(RemovedRevision)};
    QTest::newRow("current from root")
        << root << (fromRoot + QStringList{QStringLiteral("current")}) << false << locate;
    QTest::newRow("current from back")
        << back << (fromBack + QStringList{QStringLiteral("current")}) << false << locate;
}

void TestDemoProject::alembicOracle()
{
    QFETCH(QString, workdir);
    QFETCH(QStringList, arguments);
    QFETCH(bool, succeeds);
    QFETCH(QStringList, expected);
    if (!alembicAvailable()) {
        QSKIP("/usr/bin/python3 cannot import alembic; install python3-alembic to run this test");
    }
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString root = materializedCopy(tmp);
    QVERIFY(!root.isEmpty());

    const ProcessResult result = run(QDir(root).filePath(workdir), arguments);
    QVERIFY(result.started);
    QVERIFY2((result.exitCode == 0) == succeeds, qPrintable(result.output));
    for (const QString &line : expected) {
        QVERIFY2(result.output.contains(line), qPrintable(result.output));
    }
}

void TestDemoProject::alembicSourcelessLoadsStrayBytecode()
{
    if (!alembicAvailable()) {
        QSKIP("/usr/bin/python3 cannot import alembic; install python3-alembic to run this test");
    }
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString root = materializedCopy(tmp);
    QVERIFY(!root.isEmpty());

    // With sourceless on, Alembic loads the stray .pyc as a revision whose
    // parent was deleted with the rest of the squashed chain.
    const QString ini = root + QStringLiteral("/back/alembic.ini");
    QByteArray text = readAll(ini);
    QVERIFY(text.contains("# sourceless = false"));
    text.replace("# sourceless = false", "sourceless = true");
    QVERIFY(writeText(ini, text));

    const ProcessResult result =
        run(root, {QStringLiteral("-m"), QStringLiteral("alembic"), QStringLiteral("-c"),
                   QStringLiteral("back/alembic.ini"), QStringLiteral("heads")});
    QVERIFY(result.started);
    QVERIFY2(result.exitCode != 0, qPrintable(result.output));
    QVERIFY2(result.output.contains(QStringLiteral("0f1e2d3c4b5a")), qPrintable(result.output));
    QVERIFY2(result.output.contains(RemovedRevision), qPrintable(result.output));
}

QTEST_GUILESS_MAIN(TestDemoProject)
#include "tst_demoproject.moc"
