// ProjectWatcher on real folders: it sees the changes that alter an
// inspection (a revision edited, added or removed, the config edited, an
// editor's save-by-rename) and reports a burst of them once.

#include "testsupport.h"

#include "inspection/inspector.h"
#include "inspection/projectwatcher.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;
using namespace TestSupport;

class TestProjectWatcher : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_root;

    InspectionPtr inspect()
    {
        InspectOptions options;
        options.root = m_root;
        return Inspector::inspect(options);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_root = m_dir.path() + QStringLiteral("/p");
        writeFile(m_root + QStringLiteral("/alembic.ini"), "[alembic]\nscript_location = m\n");
        writeFile(m_root + QStringLiteral("/m/versions/001_a.py"),
                  "revision = '001'\ndown_revision = None\n");
        writeFile(m_root + QStringLiteral("/m/versions/002_b.py"),
                  "revision = '002'\ndown_revision = '001'\n");
        writeFile(m_root + QStringLiteral("/docs/notes.txt"), "not watched\n");
    }

    void cleanup() { QDir(m_root).removeRecursively(); }

    void watchesWhatTheInspectionReads()
    {
        const InspectionPtr inspection = inspect();
        const QStringList paths = ProjectWatcher::pathsOf(*inspection);
        QVERIFY(paths.contains(m_root));
        QVERIFY(paths.contains(m_root + QStringLiteral("/alembic.ini")));
        QVERIFY(paths.contains(m_root + QStringLiteral("/m/versions")));
        QVERIFY(paths.contains(m_root + QStringLiteral("/m/versions/001_a.py")));
        QVERIFY(!paths.contains(m_root + QStringLiteral("/docs")));
        QVERIFY(!paths.contains(m_root + QStringLiteral("/docs/notes.txt")));
        // A missing __pycache__ is not watched (the versions folder sees it appear).
        QVERIFY(!paths.contains(m_root + QStringLiteral("/m/versions/__pycache__")));
        QCOMPARE(ProjectWatcher::pathsOf(*inspection, 2).size(), 2);
    }

    void changeKinds_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("revision edited") << QStringLiteral("edit");
        QTest::newRow("revision added") << QStringLiteral("add");
        QTest::newRow("revision removed") << QStringLiteral("remove");
        QTest::newRow("config edited") << QStringLiteral("config");
        QTest::newRow("saved by rename") << QStringLiteral("rename");
    }

    void changeKinds()
    {
        QFETCH(QString, kind);
        ProjectWatcher watcher;
        watcher.setSettleTime(100);
        watcher.watch(inspect());
        QSignalSpy changed(&watcher, &ProjectWatcher::changed);
        const QString versions = m_root + QStringLiteral("/m/versions");
        if (kind == QLatin1String("edit")) {
            writeFile(versions + QStringLiteral("/002_b.py"),
                      "revision = '002'\ndown_revision = None\n");
        } else if (kind == QLatin1String("add")) {
            writeFile(versions + QStringLiteral("/003_c.py"),
                      "revision = '003'\ndown_revision = '002'\n");
        } else if (kind == QLatin1String("remove")) {
            QVERIFY(QFile::remove(versions + QStringLiteral("/002_b.py")));
        } else if (kind == QLatin1String("config")) {
            writeFile(m_root + QStringLiteral("/alembic.ini"),
                      "[alembic]\nscript_location = m\nsourceless = true\n");
        } else {
            writeFile(versions + QStringLiteral("/002_b.py.tmp"),
                      "revision = '002'\ndown_revision = None\n");
            QVERIFY(QFile::remove(versions + QStringLiteral("/002_b.py")));
            QVERIFY(QFile::rename(versions + QStringLiteral("/002_b.py.tmp"),
                                  versions + QStringLiteral("/002_b.py")));
        }
        QVERIFY(changed.wait(5000));
        // One burst, one signal.
        QTest::qWait(300);
        QCOMPARE(changed.count(), 1);

        if (kind == QLatin1String("rename")) {
            // The replaced file is watched again: a second save is seen too.
            writeFile(versions + QStringLiteral("/002_b.py"),
                      "revision = '002'\ndown_revision = '001'\n");
            QVERIFY(changed.wait(5000));
        }
    }

    void unrelatedFileIsIgnored()
    {
        ProjectWatcher watcher;
        watcher.setSettleTime(50);
        watcher.watch(inspect());
        QSignalSpy changed(&watcher, &ProjectWatcher::changed);
        writeFile(m_root + QStringLiteral("/docs/notes.txt"), "edited\n");
        QTest::qWait(500);
        QCOMPARE(changed.count(), 0);
    }

    void stopEndsWatching()
    {
        ProjectWatcher watcher;
        watcher.setSettleTime(50);
        watcher.watch(inspect());
        QVERIFY(!watcher.watchedPaths().isEmpty());
        watcher.stop();
        QVERIFY(watcher.watchedPaths().isEmpty());
        QSignalSpy changed(&watcher, &ProjectWatcher::changed);
        writeFile(m_root + QStringLiteral("/m/versions/004_d.py"), "revision = '004'\n");
        QTest::qWait(400);
        QCOMPARE(changed.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestProjectWatcher)
#include "tst_projectwatcher.moc"
