// BytecodeScanner on real trees: .pyc files compiled at test time by the
// system Python, then sources deleted, edited or the bytecode broken.

#include "projecttesthelpers.h"

#include "project/bytecodescanner.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;

namespace {

const char *kMigration = "\"\"\"%1\n\nRevision ID: %1\nRevises: %2\n\"\"\"\n"
                         "revision = '%1'\ndown_revision = %3\n"
                         "branch_labels = None\ndepends_on = None\n";

QString migration(const char *revision, const char *downRevision)
{
    const QString rev = QString::fromLatin1(revision);
    const QString down = QString::fromLatin1(downRevision);
    return QString::fromLatin1(kMigration)
        .arg(rev, down,
             down.isEmpty() ? QStringLiteral("None")
                            : QLatin1Char('\'') + down + QLatin1Char('\''));
}

bool haveCompiler()
{
    return QFileInfo::exists(QString::fromLatin1(ProjectTest::python()));
}

// python3 -m compileall [extra...] folder; true when it worked.
bool compileAll(const QString &folder, const QStringList &extra = {})
{
    QProcess process;
    process.start(
        QString::fromLatin1(ProjectTest::python()),
        QStringList{QStringLiteral("-m"), QStringLiteral("compileall"), QStringLiteral("-q")} +
            extra + QStringList{folder});
    return process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit &&
           process.exitCode() == 0;
}

QString pycOf(const QString &folder, const QString &stem, const QString &opt = QString())
{
    const QDir cache(folder + QStringLiteral("/__pycache__"));
    const QStringList names = cache.entryList(
        {stem + QStringLiteral(".cpython-*") +
         (opt.isEmpty() ? QString() : QLatin1Char('.') + opt) + QStringLiteral(".pyc")},
        QDir::Files);
    for (const QString &name : names) {
        if (opt.isEmpty() && name.count(QLatin1Char('.')) != 2) {
            continue;
        }
        return cache.filePath(name);
    }
    return QString();
}

AlembicEnvironment environment(const QString &root, const QString &scriptLocation,
                               bool recursive = false)
{
    AlembicEnvironment env;
    env.root = root;
    env.configFile = root + QStringLiteral("/alembic.ini");
    env.label = QStringLiteral("alembic.ini");
    env.scriptLocation = root + QLatin1Char('/') + scriptLocation;
    env.versionLocations = {env.scriptLocation + QStringLiteral("/versions")};
    env.recursiveVersionLocations = recursive;
    return env;
}

const BytecodeInfo *find(const BytecodeScan &scan, const QString &suffix)
{
    for (const BytecodeInfo &file : scan.files) {
        if (file.path.endsWith(suffix)) {
            return &file;
        }
    }
    return nullptr;
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

} // namespace

class TestBytecodeScanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseName_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("optimization");
        QTest::addColumn<bool>("legacy");
        QTest::newRow("pep3147") << QStringLiteral(
                                        "/p/v/__pycache__/a2242b61af45_x.cpython-311.pyc")
                                 << QStringLiteral("/p/v/a2242b61af45_x.py")
                                 << QStringLiteral("cpython-311") << QString() << false;
        QTest::newRow("opt-1") << QStringLiteral("/p/v/__pycache__/x.cpython-39.opt-1.pyc")
                               << QStringLiteral("/p/v/x.py") << QStringLiteral("cpython-39")
                               << QStringLiteral("1") << false;
        QTest::newRow("opt-2") << QStringLiteral("/p/v/__pycache__/x.cpython-312.opt-2.pyc")
                               << QStringLiteral("/p/v/x.py") << QStringLiteral("cpython-312")
                               << QStringLiteral("2") << false;
        QTest::newRow("pypy tag") << QStringLiteral("/p/__pycache__/m.pypy39.pyc")
                                  << QStringLiteral("/p/m.py") << QStringLiteral("pypy39")
                                  << QString() << false;
        QTest::newRow("3.4 pyo") << QStringLiteral("/p/__pycache__/m.cpython-34.pyo")
                                 << QStringLiteral("/p/m.py") << QStringLiteral("cpython-34")
                                 << QString() << false;
        QTest::newRow("legacy pyc")
            << QStringLiteral("/p/v/001_first.pyc") << QStringLiteral("/p/v/001_first.py")
            << QString() << QString() << true;
        QTest::newRow("legacy pyo")
            << QStringLiteral("/p/v/001_first.pyo") << QStringLiteral("/p/v/001_first.py")
            << QString() << QString() << true;
        QTest::newRow("cache without tag")
            << QStringLiteral("/p/v/__pycache__/x.pyc") << QStringLiteral("/p/v/x.py") << QString()
            << QString() << false;
    }

    void parseName()
    {
        QFETCH(QString, path);
        QFETCH(QString, source);
        QFETCH(QString, tag);
        QFETCH(QString, optimization);
        QFETCH(bool, legacy);
        const BytecodeName name = BytecodeScanner::parseName(path);
        QCOMPARE(name.sourcePath, source);
        QCOMPARE(name.cacheTag, tag);
        QCOMPARE(name.optimization, optimization);
        QCOMPARE(name.legacy, legacy);
    }

    // Delete one source (stray), edit one (stale), break one .pyc (corrupt),
    // leave one alone (ok), with each invalidation mode.
    void classification_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("invalidation");
        QTest::newRow("timestamp") << QStringLiteral("timestamp") << QStringLiteral("timestamp");
        QTest::newRow("checked-hash")
            << QStringLiteral("checked-hash") << QStringLiteral("checked-hash");
        QTest::newRow("unchecked-hash")
            << QStringLiteral("unchecked-hash") << QStringLiteral("unchecked-hash");
    }

    void classification()
    {
        QFETCH(QString, mode);
        QFETCH(QString, invalidation);
        if (!haveCompiler()) {
            QSKIP("/usr/bin/python3 is not installed: cannot compile .pyc files");
        }
        QTemporaryDir dir;
        const QString root = dir.path();
        const QString versions = root + QStringLiteral("/migrations/versions");
        QVERIFY(ProjectTest::writeTree(
            root,
            {QStringLiteral("migrations/versions/0001_ok.py=") + migration("0001", ""),
             QStringLiteral("migrations/versions/0002_gone.py=") + migration("0002", "0001"),
             QStringLiteral("migrations/versions/0003_edited.py=") + migration("0003", "0002"),
             QStringLiteral("migrations/versions/0004_broken.py=") + migration("0004", "0003")}));
        QVERIFY(compileAll(versions, {QStringLiteral("--invalidation-mode"), mode}));
        QVERIFY(QFile::remove(versions + QStringLiteral("/0002_gone.py")));
        // Same size, different content and a later mtime: every mode sees it.
        QFile edited(versions + QStringLiteral("/0003_edited.py"));
        QVERIFY(edited.open(QIODevice::ReadWrite));
        QByteArray content = edited.readAll();
        content.replace("'0003'", "'0333'");
        edited.seek(0);
        edited.write(content);
        edited.close();
        QVERIFY(edited.open(QIODevice::ReadWrite));
        QVERIFY(edited.setFileTime(QDateTime::currentDateTimeUtc().addSecs(3600),
                                   QFileDevice::FileModificationTime));
        edited.close();
        QVERIFY(
            writeBytes(pycOf(versions, QStringLiteral("0004_broken")), "this is not bytecode\n"));

        const BytecodeScan scan =
            BytecodeScanner::scan(root, {environment(root, QStringLiteral("migrations"))});
        QCOMPARE(scan.files.size(), 4);

        const BytecodeInfo *ok = find(scan, QStringLiteral("0001_ok.cpython-311.pyc"));
        const BytecodeInfo *stray = find(scan, QStringLiteral("0002_gone.cpython-311.pyc"));
        const BytecodeInfo *stale = find(scan, QStringLiteral("0003_edited.cpython-311.pyc"));
        const BytecodeInfo *corrupt = find(scan, QStringLiteral("0004_broken.cpython-311.pyc"));
        if (!ok) {
            QSKIP("/usr/bin/python3 is not CPython 3.11; the names below assume it");
        }
        QVERIFY(stray && stale && corrupt);
        QCOMPARE(bytecodeStatusName(ok->status), QStringLiteral("ok"));
        QCOMPARE(bytecodeStatusName(stray->status), QStringLiteral("stray"));
        QCOMPARE(bytecodeStatusName(stale->status), QStringLiteral("stale"));
        QCOMPARE(bytecodeStatusName(corrupt->status), QStringLiteral("corrupt"));
        QVERIFY(!stale->staleReason.isEmpty());
        QVERIFY(!corrupt->pyc.error.isEmpty());

        QCOMPARE(ok->sourcePath(), versions + QStringLiteral("/0001_ok.py"));
        QCOMPARE(stray->sourcePath(), QString());
        QCOMPARE(stray->name.sourcePath, versions + QStringLiteral("/0002_gone.py"));
        QCOMPARE(pycInvalidationName(ok->pyc.header.invalidation), invalidation);
        QCOMPARE(ok->pythonVersion(), QStringLiteral("3.11"));
        QCOMPARE(stray->revision(), QStringLiteral("0002"));
        QCOMPARE(stray->pyc.module.downRevisions, QStringList{QStringLiteral("0001")});
        QCOMPARE(stray->pyc.module.filename, versions + QStringLiteral("/0002_gone.py"));
        for (const BytecodeInfo &file : scan.files) {
            QVERIFY(file.inVersionLocation);
            QCOMPARE(file.environments, QList<int>{0});
            QCOMPARE(file.environment, QStringLiteral("alembic.ini"));
        }
    }

    // A touched source with the same content: stale for a timestamp .pyc,
    // still ok for a hash-based one (CPython compares the hash only).
    void touchedSource_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("status");
        QTest::newRow("timestamp") << QStringLiteral("timestamp") << QStringLiteral("stale");
        QTest::newRow("checked-hash") << QStringLiteral("checked-hash") << QStringLiteral("ok");
    }

    void touchedSource()
    {
        QFETCH(QString, mode);
        QFETCH(QString, status);
        if (!haveCompiler()) {
            QSKIP("/usr/bin/python3 is not installed: cannot compile .pyc files");
        }
        QTemporaryDir dir;
        const QString root = dir.path();
        const QString versions = root + QStringLiteral("/migrations/versions");
        QVERIFY(ProjectTest::writeTree(
            root, {QStringLiteral("migrations/versions/0001_a.py=") + migration("0001", "")}));
        QVERIFY(compileAll(versions, {QStringLiteral("--invalidation-mode"), mode}));
        QFile source(versions + QStringLiteral("/0001_a.py"));
        QVERIFY(source.open(QIODevice::ReadWrite));
        QVERIFY(source.setFileTime(QDateTime::currentDateTimeUtc().addDays(2),
                                   QFileDevice::FileModificationTime));
        source.close();
        const BytecodeScan scan =
            BytecodeScanner::scan(root, {environment(root, QStringLiteral("migrations"))});
        QCOMPARE(scan.files.size(), 1);
        QCOMPARE(bytecodeStatusName(scan.files.first().status), status);
    }

    // Optimisation levels and legacy bytecode beside the source.
    void optimizedAndLegacy()
    {
        if (!haveCompiler()) {
            QSKIP("/usr/bin/python3 is not installed: cannot compile .pyc files");
        }
        QTemporaryDir dir;
        const QString root = dir.path();
        const QString versions = root + QStringLiteral("/migrations/versions");
        QVERIFY(ProjectTest::writeTree(
            root, {QStringLiteral("migrations/versions/0001_a.py=") + migration("0001", ""),
                   QStringLiteral("migrations/versions/0002_b.py=") + migration("0002", "0001")}));
        QVERIFY(
            compileAll(versions, {QStringLiteral("-o"), QStringLiteral("0"), QStringLiteral("-o"),
                                  QStringLiteral("1"), QStringLiteral("-o"), QStringLiteral("2")}));
        // compileall -b writes legacy x.pyc beside x.py.
        QVERIFY(compileAll(versions, {QStringLiteral("-b")}));
        QVERIFY(QFile::remove(versions + QStringLiteral("/0002_b.py")));

        const BytecodeScan scan =
            BytecodeScanner::scan(root, {environment(root, QStringLiteral("migrations"))});
        QCOMPARE(scan.files.size(), 8);
        int strays = 0;
        for (const BytecodeInfo &file : scan.files) {
            QVERIFY2(file.pyc.ok, qPrintable(file.path + QLatin1String(": ") + file.pyc.error));
            if (file.path.contains(QLatin1String("0002_b"))) {
                QCOMPARE(file.status, BytecodeStatus::Stray);
                QCOMPARE(file.revision(), QStringLiteral("0002"));
                ++strays;
            } else {
                QCOMPARE(file.status, BytecodeStatus::Ok);
            }
        }
        QCOMPARE(strays, 4);
        const BytecodeInfo *legacy = find(scan, QStringLiteral("/versions/0002_b.pyc"));
        QVERIFY(legacy);
        QVERIFY(legacy->name.legacy);
        const BytecodeInfo *opt2 = find(scan, QStringLiteral("0002_b.cpython-311.opt-2.pyc"));
        if (opt2) {
            QCOMPARE(opt2->name.optimization, QStringLiteral("2"));
            // -OO drops docstrings; the revision still comes from the assignment.
            QCOMPARE(opt2->revision(), QStringLiteral("0002"));
        }
    }

    // Outside version locations: reported separately; virtualenvs, .git and
    // node_modules skipped; symlinks out of the root never followed.
    void restOfProject()
    {
        if (!haveCompiler()) {
            QSKIP("/usr/bin/python3 is not installed: cannot compile .pyc files");
        }
        QTemporaryDir dir;
        QTemporaryDir outside;
        const QString root = dir.path();
        QVERIFY(ProjectTest::writeTree(
            outside.path(), {QStringLiteral("lib/__pycache__/x.cpython-311.pyc=garbage")}));
        QVERIFY(ProjectTest::writeTree(
            root, {QStringLiteral("migrations/versions/0001_a.py=") + migration("0001", ""),
                   QStringLiteral("app/main.py=print('hi')\n"),
                   QStringLiteral(".venv/pyvenv.cfg=home = /usr/bin\n"),
                   QStringLiteral(".venv/lib/__pycache__/site.cpython-311.pyc=x"),
                   QStringLiteral(".git/objects/__pycache__/y.cpython-311.pyc=x"),
                   QStringLiteral("node_modules/pkg/z.pyc=x"),
                   QStringLiteral("linked->") + outside.path() + QStringLiteral("/lib")}));
        QVERIFY(compileAll(root + QStringLiteral("/migrations")));
        QVERIFY(compileAll(root + QStringLiteral("/app")));

        const BytecodeScan scan =
            BytecodeScanner::scan(root, {environment(root, QStringLiteral("migrations"))});
        QStringList found;
        for (const BytecodeInfo &file : scan.files) {
            found.append(ProjectTest::relativeTo(root, file.path));
        }
        QCOMPARE(found,
                 (QStringList{
                     QStringLiteral("app/__pycache__/main.cpython-311.pyc"),
                     QStringLiteral("migrations/versions/__pycache__/0001_a.cpython-311.pyc")}));
        QVERIFY(!scan.files.at(0).inVersionLocation);
        QVERIFY(scan.files.at(0).environments.isEmpty());
        QCOMPARE(scan.files.at(0).status, BytecodeStatus::Ok);
        QVERIFY(scan.files.at(1).inVersionLocation);
    }

    // Subfolders of a version location count as version locations only with
    // recursive_version_locations, as Alembic walks them.
    void recursiveVersionLocations_data()
    {
        QTest::addColumn<bool>("recursive");
        QTest::newRow("flat") << false;
        QTest::newRow("recursive") << true;
    }

    void recursiveVersionLocations()
    {
        QFETCH(bool, recursive);
        QTemporaryDir dir;
        const QString root = dir.path();
        QVERIFY(ProjectTest::writeTree(
            root,
            {QStringLiteral("migrations/versions/sub/__pycache__/0001_a.cpython-311.pyc=x")}));
        const BytecodeScan scan = BytecodeScanner::scan(
            root, {environment(root, QStringLiteral("migrations"), recursive)});
        QCOMPARE(scan.files.size(), 1);
        QCOMPARE(scan.files.first().inVersionLocation, recursive);
        QCOMPARE(scan.files.first().status, BytecodeStatus::Corrupt);
    }

    // Two environments sharing a version location: one file, both environments.
    void sharedVersionLocation()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        QVERIFY(ProjectTest::writeTree(
            root, {QStringLiteral("migrations/versions/__pycache__/0001_a.cpython-311.pyc=x")}));
        AlembicEnvironment first = environment(root, QStringLiteral("migrations"));
        AlembicEnvironment second = first;
        second.label = QStringLiteral("other.ini");
        const BytecodeScan scan = BytecodeScanner::scan(root, {first, second});
        QCOMPARE(scan.files.size(), 1);
        QCOMPARE(scan.files.first().environments, (QList<int>{0, 1}));
    }

    // Hostile input: text files, truncated headers, empty files: all corrupt,
    // none crash; the file limit holds.
    void badFilesAndLimits()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        QStringList tree;
        for (int i = 0; i < 6; ++i) {
            tree.append(
                QStringLiteral("migrations/versions/__pycache__/%1_x.cpython-311.pyc=").arg(i) +
                QString(i, QLatin1Char('\x01')));
        }
        QVERIFY(ProjectTest::writeTree(root, tree));
        BytecodeScan scan =
            BytecodeScanner::scan(root, {environment(root, QStringLiteral("migrations"))});
        QCOMPARE(scan.files.size(), 6);
        for (const BytecodeInfo &file : scan.files) {
            QCOMPARE(file.status, BytecodeStatus::Corrupt);
            QVERIFY(!file.pyc.error.isEmpty());
        }
        BytecodeScanLimits limits;
        limits.maxFiles = 2;
        scan =
            BytecodeScanner::scan(root, {environment(root, QStringLiteral("migrations"))}, limits);
        QCOMPARE(scan.files.size(), 2);
        QCOMPARE(scan.findings.size(), 1);
        QCOMPARE(scan.findings.first().severity, Severity::Info);
    }
};

QTEST_GUILESS_MAIN(TestBytecodeScanner)
#include "tst_bytecodescanner.moc"
