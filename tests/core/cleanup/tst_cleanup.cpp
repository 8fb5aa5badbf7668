// CleanupPlanner and CleanupExecutor on real temporary trees: the trash and
// the journal live under a temporary XDG_DATA_HOME (and HOME, so the trash
// is the one there), never the user's.

#include "testsupport.h"

#include "cleanup/cleanupexecutor.h"
#include "cleanup/cleanupplanner.h"
#include "inspection/inspector.h"
#include "journal/journal.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QMap>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Revscope;
using namespace TestSupport;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");

QByteArray script(const QByteArray &rev, const QByteArray &down)
{
    return "revision = '" + rev +
           "'\ndown_revision = " + (down.isEmpty() ? QByteArray("None") : "'" + down + "'") +
           "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n";
}

// Every entry under `root`, never following links: files by content hash,
// links by target, folders by name.
QMap<QString, QString> treeState(const QString &root)
{
    QMap<QString, QString> state;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        const QString relative = QDir(root).relativeFilePath(path);
        if (info.isSymLink()) {
            state.insert(relative, QStringLiteral("link:") + info.symLinkTarget());
        } else if (info.isDir()) {
            state.insert(relative, QStringLiteral("dir"));
        } else {
            state.insert(relative, CleanupPlanner::fileSha256(path));
        }
    }
    return state;
}

struct Project
{
    QString root;
    QString versions;
    QString cache;
};

// alembic.ini; versions 001 (source) and 002, 003 (compiled, then their
// sources deleted: stray); a source `002_second.py` elsewhere with the stray's
// stem, and a `.py` planted inside __pycache__, both of which must survive.
Project makeProject(const QString &root)
{
    Project p;
    p.root = root;
    p.versions = root + QStringLiteral("/migrations/versions");
    p.cache = p.versions + QStringLiteral("/__pycache__");
    writeFile(root + QStringLiteral("/alembic.ini"), "[alembic]\nscript_location = migrations\n");
    writeFile(root + QStringLiteral("/migrations/env.py"), "# env\n");
    writeFile(p.versions + QStringLiteral("/001_first.py"), script("001", ""));
    writeFile(p.versions + QStringLiteral("/002_second.py"), script("002", "001"));
    writeFile(p.versions + QStringLiteral("/003_third.py"), script("003", "002"));
    writeFile(root + QStringLiteral("/app/gone.py"), "x = 1\n");
    run(kPython, {QStringLiteral("-m"), QStringLiteral("compileall"), QStringLiteral("-q"),
                  p.versions, root + QStringLiteral("/app")});
    QFile::remove(p.versions + QStringLiteral("/002_second.py"));
    QFile::remove(p.versions + QStringLiteral("/003_third.py"));
    QFile::remove(root + QStringLiteral("/app/gone.py"));
    writeFile(root + QStringLiteral("/migrations/002_second.py"), "# same stem, a source\n");
    return p;
}

QStringList actionPaths(const CleanupPlan &plan, CleanupAction::Kind kind)
{
    QStringList paths;
    for (const CleanupAction &action : plan.actions) {
        if (action.kind == kind) {
            paths.append(plan.relativePath(action.path));
        }
    }
    return paths;
}

bool isSkipped(const CleanupPlan &plan, const QString &path)
{
    for (const CleanupSkip &skip : plan.skipped) {
        if (skip.path == path) {
            return true;
        }
    }
    return false;
}

CleanupPlan planFor(const QString &root, const CleanupOptions &options = CleanupOptions())
{
    InspectOptions inspectOptions;
    inspectOptions.root = root;
    const InspectionPtr inspection = Inspector::inspect(inspectOptions);
    return CleanupPlanner::plan(*inspection, options);
}

} // namespace

class TestCleanup : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    QString journalPath() const { return m_home.path() + QStringLiteral("/journal.sqlite"); }
    QString pyc(const QString &stem) const
    {
        return stem + QStringLiteral(".cpython-") + m_tag + QStringLiteral(".pyc");
    }
    QString m_tag;

    QStringList trashEntries() const
    {
        const QString trash = m_home.path() + QStringLiteral("/data/Trash");
        return QDir(trash + QStringLiteral("/info")).entryList(QDir::Files) +
               QDir(trash + QStringLiteral("/files")).entryList(QDir::Files);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.path() + QStringLiteral("/data")));
        qputenv("HOME", QFile::encodeName(m_home.path()));
        if (!QFileInfo(kPython).isExecutable()) {
            QSKIP("SKIPPED: /usr/bin/python3 is needed to compile bytecode");
        }
        const ProcessResult tag =
            run(kPython, {QStringLiteral("-c"),
                          QStringLiteral("import sys; print(sys.implementation.cache_tag[8:])")});
        m_tag = QString::fromLatin1(tag.out.trimmed());
        QVERIFY(!m_tag.isEmpty());
    }

    void plansStrayBytecodeOnly_data()
    {
        QTest::addColumn<bool>("project");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("version locations")
            << false << QStringList{QStringLiteral("002_second"), QStringLiteral("003_third")};
        QTest::newRow("whole project")
            << true
            << QStringList{QStringLiteral("gone"), QStringLiteral("002_second"),
                           QStringLiteral("003_third")};
    }
    void plansStrayBytecodeOnly()
    {
        QFETCH(bool, project);
        QFETCH(QStringList, expected);
        QTemporaryDir dir;
        const Project p = makeProject(dir.path());
        CleanupOptions options;
        options.scope =
            project ? CleanupOptions::Scope::Project : CleanupOptions::Scope::VersionLocations;
        const CleanupPlan plan = planFor(p.root, options);
        QStringList stems;
        for (const QString &path : actionPaths(plan, CleanupAction::Kind::Trash)) {
            stems.append(QFileInfo(path).fileName().section(QLatin1Char('.'), 0, 0));
            QVERIFY(path.endsWith(QLatin1String(".pyc")));
        }
        QCOMPARE(stems, expected);
        for (const CleanupAction &action : plan.actions) {
            QVERIFY(action.kind != CleanupAction::Kind::Trash ||
                    action.reason == QLatin1String("stray-bytecode"));
            QVERIFY(action.kind != CleanupAction::Kind::Trash || action.sha256.size() == 64);
        }
        // 001's cache is not empty after the plan: no folder removal there;
        // app/__pycache__ only held the stray one.
        const QStringList folders = actionPaths(plan, CleanupAction::Kind::RemoveFolder);
        QCOMPARE(folders, project ? QStringList{QStringLiteral("app/__pycache__")} : QStringList());
    }

    void staleIsOptIn()
    {
        QTemporaryDir dir;
        const Project p = makeProject(dir.path());
        writeFile(p.versions + QStringLiteral("/001_first.py"), script("001", "") + "# edited\n");
        QCOMPARE(actionPaths(planFor(p.root), CleanupAction::Kind::Trash).size(), 2);
        CleanupOptions options;
        options.includeStale = true;
        const CleanupPlan plan = planFor(p.root, options);
        QCOMPARE(actionPaths(plan, CleanupAction::Kind::Trash).size(), 3);
        QCOMPARE(actionPaths(plan, CleanupAction::Kind::RemoveFolder),
                 QStringList{QStringLiteral("migrations/versions/__pycache__")});
    }

    // A symlink in __pycache__ pointing outside the root is listed as
    // skipped, and neither it nor its target is touched.
    void symlinkInCacheIsSkipped()
    {
        QTemporaryDir dir;
        QTemporaryDir outside;
        const Project p = makeProject(dir.path());
        const QString target = outside.path() + QStringLiteral("/victim.pyc");
        writeFile(target, "precious");
        const QString link = p.cache + QLatin1Char('/') + pyc(QStringLiteral("004_evil"));
        QVERIFY(QFile::link(target, link));
        const CleanupPlan plan = planFor(p.root);
        QVERIFY(isSkipped(plan, link));
        for (const CleanupAction &action : plan.actions) {
            QVERIFY(action.path != link);
        }
        Journal journal(journalPath());
        CleanupExecutor executor(&journal);
        const CleanupResult result = executor.execute(plan);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(QFileInfo(link).isSymLink());
        QFile victim(target);
        QVERIFY(victim.open(QIODevice::ReadOnly));
        QCOMPARE(victim.readAll(), QByteArray("precious"));
    }

    // A __pycache__ that is a symlink (here to a folder inside the root) is
    // never entered.
    void symlinkedCacheFolderIsSkipped()
    {
        QTemporaryDir dir;
        const Project p = makeProject(dir.path());
        const QString store = p.root + QStringLiteral("/store");
        QVERIFY(QDir(p.cache).removeRecursively());
        QVERIFY(QDir().mkpath(store));
        writeFile(store + QLatin1Char('/') + pyc(QStringLiteral("009_gone")),
                  "not really bytecode");
        QVERIFY(QFile::link(store, p.cache));
        const QMap<QString, QString> before = treeState(p.root);
        const CleanupPlan plan = planFor(p.root);
        QVERIFY(isSkipped(plan, p.cache));
        QCOMPARE(actionPaths(plan, CleanupAction::Kind::Trash), QStringList());
        Journal journal(journalPath());
        CleanupExecutor(&journal).execute(plan);
        QCOMPARE(treeState(p.root), before);
    }

    // A file changed after planning (same size, same mtime, other bytes) is
    // skipped; the rest goes.
    void changedFileIsSkipped()
    {
        QTemporaryDir dir;
        const Project p = makeProject(dir.path());
        const CleanupPlan plan = planFor(p.root);
        const QString changed = p.cache + QLatin1Char('/') + pyc(QStringLiteral("002_second"));
        const QDateTime mtime = QFileInfo(changed).lastModified();
        QFile file(changed);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QByteArray bytes = file.readAll();
        bytes[bytes.size() - 1] = char(bytes.at(bytes.size() - 1) ^ 0x55);
        file.seek(0);
        file.write(bytes);
        file.setFileTime(mtime, QFileDevice::FileModificationTime);
        file.close();
        Journal journal(journalPath());
        const CleanupResult result = CleanupExecutor(&journal).execute(plan);
        QCOMPARE(result.count(CleanupOutcome::Status::Done), 1);
        QCOMPARE(result.count(CleanupOutcome::Status::Skipped), 1);
        QVERIFY(QFileInfo::exists(changed));
        QVERIFY(!QFileInfo::exists(p.cache + QLatin1Char('/') + pyc(QStringLiteral("003_third"))));
    }

    // A read-only __pycache__: the move fails, the run stops, the journal
    // says so and undo has nothing to restore.
    void readOnlyFolderFails()
    {
        if (::geteuid() == 0) {
            QSKIP("SKIPPED: root ignores folder permissions");
        }
        QTemporaryDir dir;
        const Project p = makeProject(dir.path());
        const QMap<QString, QString> before = treeState(p.root);
        const CleanupPlan plan = planFor(p.root);
        QFile::setPermissions(p.cache, QFile::ReadOwner | QFile::ExeOwner);
        Journal journal(journalPath());
        const CleanupResult result = CleanupExecutor(&journal).execute(plan);
        QFile::setPermissions(p.cache, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QVERIFY(!result.ok());
        QCOMPARE(result.count(CleanupOutcome::Status::Failed), 1);
        QCOMPARE(result.count(CleanupOutcome::Status::Done), 0);
        QVERIFY(!result.error.isEmpty());
        const auto operation = Journal(journalPath()).operation(result.journalId);
        QVERIFY(operation);
        QCOMPARE(operation->state, JournalOperation::State::Failed);
        QCOMPARE(treeState(p.root), before);
        const CleanupResult undone = CleanupExecutor(&journal).undo(result.journalId);
        QVERIFY2(undone.ok(), qPrintable(undone.error));
        QCOMPARE(treeState(p.root), before);
    }

    // Stopped after k actions: k are done, the journal holds them, and undo
    // (with a new Journal instance, as after a restart) restores every byte.
    void failAfterK_data()
    {
        QTest::addColumn<int>("k");
        QTest::addColumn<bool>("quarantine");
        QTest::newRow("k=0") << 0 << false;
        QTest::newRow("k=1") << 1 << false;
        QTest::newRow("k=1 quarantine") << 1 << true;
        QTest::newRow("k=2 (all files, folder left)") << 2 << false;
    }
    void failAfterK()
    {
        QFETCH(int, k);
        QFETCH(bool, quarantine);
        QTemporaryDir dir;
        const Project p = makeProject(dir.path());
        const QString ownCache = p.root + QStringLiteral("/app/__pycache__");
        const QMap<QString, QString> before = treeState(p.root);
        CleanupOptions options;
        options.scope = CleanupOptions::Scope::Project;
        const CleanupPlan plan = planFor(p.root, options);
        QCOMPARE(plan.actions.size(), 4); // app stray + its folder, two version strays
        qint64 id = 0;
        {
            Journal journal(journalPath());
            CleanupExecutor executor(&journal);
            executor.setPreferQuarantine(quarantine);
            int calls = 0;
            executor.setActionHook([&calls, k](int, const CleanupAction &) { return calls++ < k; });
            const CleanupResult result = executor.execute(plan);
            QCOMPARE(result.count(CleanupOutcome::Status::Done), k);
            QCOMPARE(result.count(CleanupOutcome::Status::Failed), 1);
            QCOMPARE(result.count(CleanupOutcome::Status::NotRun), 4 - k - 1);
            id = result.journalId;
            QVERIFY(id > 0);
            if (quarantine && k > 0) {
                QVERIFY(result.outcomes.first().destination.startsWith(
                    QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                    QStringLiteral("/quarantine/")));
            }
        }
        Q_UNUSED(ownCache);
        Journal reopened(journalPath());
        const auto operation = reopened.operation(id);
        QVERIFY(operation);
        QCOMPARE(operation->files.size(), 2 * k + 1); // begin+after each, begin of the failed one
        QCOMPARE(operation->state,
                 k > 0 ? JournalOperation::State::Done : JournalOperation::State::Failed);
        QVERIFY(!operation->note.isEmpty());
        QVERIFY(treeState(p.root) != before || k == 0);
        const CleanupResult undone = CleanupExecutor(&reopened).undo(id);
        QVERIFY2(undone.ok(), qPrintable(undone.error));
        QCOMPARE(treeState(p.root), before);
        QVERIFY(reopened.operation(id)->isUndone());
    }

    // The whole cycle with an ignore-file edit: apply, then undo from a new
    // journal instance; every byte of the tree is back, sources untouched.
    void applyThenUndoRestoresTree_data()
    {
        QTest::addColumn<bool>("quarantine");
        QTest::newRow("trash") << false;
        QTest::newRow("quarantine") << true;
    }
    void applyThenUndoRestoresTree()
    {
        QFETCH(bool, quarantine);
        QTemporaryDir dir;
        const Project p = makeProject(dir.path());
        writeFile(p.root + QStringLiteral("/Dockerfile"), "FROM python:3.11\nCOPY . /app\n");
        writeFile(p.root + QStringLiteral("/.dockerignore"), "__pycache__\n*.log");
        const QMap<QString, QString> before = treeState(p.root);
        const QStringList trashBefore = trashEntries();
        CleanupOptions options;
        options.scope = CleanupOptions::Scope::Project;
        const CleanupPlan plan = planFor(p.root, options);
        const QStringList edits = actionPaths(plan, CleanupAction::Kind::EditIgnore);
        QCOMPARE(edits, QStringList{QStringLiteral(".dockerignore")});
        QCOMPARE(plan.actions.last().diff,
                 QStringLiteral("--- a/.dockerignore\n+++ b/.dockerignore\n@@ -1,2 +1,4 @@\n"
                                " __pycache__\n-*.log\n\\ No newline at end of file\n+*.log\n"
                                "+**/__pycache__\n+**/*.py[cod]\n"));
        qint64 id = 0;
        {
            Journal journal(journalPath());
            CleanupExecutor executor(&journal);
            executor.setPreferQuarantine(quarantine);
            const CleanupResult result = executor.execute(plan);
            QVERIFY2(result.ok(), qPrintable(result.error));
            id = result.journalId;
        }
        QCOMPARE(trashEntries().size(), trashBefore.size() + (quarantine ? 0 : 6));
        QVERIFY(QFileInfo::exists(p.root + QStringLiteral("/migrations/002_second.py")));
        QVERIFY(QFileInfo::exists(p.versions + QStringLiteral("/001_first.py")));
        QVERIFY(!QFileInfo::exists(p.root + QStringLiteral("/app/__pycache__")));
        QFile ignore(p.root + QStringLiteral("/.dockerignore"));
        QVERIFY(ignore.open(QIODevice::ReadOnly));
        QCOMPARE(ignore.readAll(),
                 QByteArray("__pycache__\n*.log\n**/__pycache__\n**/*.py[cod]\n"));
        ignore.close();
        // Planning again finds nothing left to do.
        QCOMPARE(planFor(p.root, options).enabledCount(), 0);

        Journal reopened(journalPath());
        const auto latest = CleanupExecutor::latestCleanup(reopened, p.root);
        QVERIFY(latest);
        QCOMPARE(latest->id, id);
        const CleanupResult undone = CleanupExecutor(&reopened).undo(id);
        QVERIFY2(undone.ok(), qPrintable(undone.error));
        QCOMPARE(treeState(p.root), before);
        QVERIFY(!CleanupExecutor::latestCleanup(reopened, p.root));
        // The trash holds nothing of ours any more, info files included.
        QCOMPARE(trashEntries(), trashBefore);
        QVERIFY(!CleanupExecutor(&reopened).undo(id).ok()); // already undone
    }

    // Undo never overwrites a file that appeared at an original path.
    void undoRefusesToOverwrite()
    {
        QTemporaryDir dir;
        const Project p = makeProject(dir.path());
        const CleanupPlan plan = planFor(p.root);
        Journal journal(journalPath());
        const CleanupResult result = CleanupExecutor(&journal).execute(plan);
        QVERIFY(result.ok());
        const QString path = p.cache + QLatin1Char('/') + pyc(QStringLiteral("002_second"));
        writeFile(path, "new content");
        const CleanupResult undone = CleanupExecutor(&journal).undo(result.journalId);
        QVERIFY(!undone.ok());
        QCOMPARE(undone.count(CleanupOutcome::Status::Failed), 1);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("new content"));
        QVERIFY(!journal.operation(result.journalId)->isUndone());
        QVERIFY(QFileInfo::exists(p.cache + QLatin1Char('/') + pyc(QStringLiteral("003_third"))));
    }

    void unifiedDiff_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<bool>("existed");
        QTest::addColumn<QString>("expected");
        QTest::newRow("new file") << QByteArray() << false
                                  << QStringLiteral(
                                         "--- /dev/null\n+++ b/x\n@@ -0,0 +1,1 @@\n+r\n");
        QTest::newRow("five lines") << QByteArray("a\nb\nc\nd\ne\n") << true
                                    << QStringLiteral("--- a/x\n+++ b/x\n@@ -3,3 +3,4 @@\n c\n d\n"
                                                      " e\n+r\n");
        QTest::newRow("empty file")
            << QByteArray() << true << QStringLiteral("--- a/x\n+++ b/x\n@@ -0,0 +1,1 @@\n+r\n");
    }
    void unifiedDiff()
    {
        QFETCH(QByteArray, before);
        QFETCH(bool, existed);
        QFETCH(QString, expected);
        QCOMPARE(CleanupPlanner::unifiedDiff(QStringLiteral("x"), before, before + "r\n", existed),
                 expected);
    }
};

QTEST_GUILESS_MAIN(TestCleanup)
#include "tst_cleanup.moc"
