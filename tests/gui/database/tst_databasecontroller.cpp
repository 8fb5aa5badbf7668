#include "database/databasecontroller.h"
#include "inspection/inspector.h"
#include "journal/journal.h"

#include "testsupport.h"
#include "versiontable.h"

#include <QAction>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

using namespace Revscope;

class TestDatabaseController : public QObject
{
    Q_OBJECT
private:
    // Two revisions and an SQLite database (app.db) stamped at the first.
    static QString writeProject(const QTemporaryDir &dir, bool withDatabase)
    {
        const QString root = dir.path();
        TestSupport::writeFile(
            root + QLatin1String("/alembic.ini"),
            "[alembic]\nscript_location = m\nsqlalchemy.url = sqlite:///app.db\n");
        TestSupport::writeFile(root + QLatin1String("/m/versions/001_a.py"),
                               "revision = '001'\ndown_revision = None\n");
        TestSupport::writeFile(root + QLatin1String("/m/versions/002_b.py"),
                               "revision = '002'\ndown_revision = '001'\n");
        if (withDatabase) {
            TestSupport::writeSqliteVersionTable(root + QLatin1String("/app.db"),
                                                 {QStringLiteral("001")});
        }
        return root;
    }

    static InspectionPtr inspect(const QString &root, const DatabaseController &controller)
    {
        InspectOptions options;
        options.root = root;
        options.database = controller.options(root);
        return Inspector::inspect(options);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void startsWithNothingToDo()
    {
        QWidget window;
        Journal journal;
        DatabaseController controller(&journal, &window);
        QVERIFY(!controller.connectAction()->isEnabled());
        QVERIFY(!controller.disconnectAction()->isEnabled());
        QVERIFY(!controller.stampAction()->isEnabled());
        QVERIFY(!controller.canStamp());
        QVERIFY(!controller.options(QStringLiteral("/p")).isSet());
    }

    // The URL given on opening reaches the inspection; a readable version
    // table enables Stamp…, relative SQLite paths are taken from the project.
    void readableDatabaseEnablesStamp()
    {
        QTemporaryDir dir;
        const QString root = writeProject(dir, true);
        QWidget window;
        Journal journal;
        DatabaseController controller(&journal, &window);
        controller.setUrl(QStringLiteral("sqlite:///app.db"));
        const InspectOptions::Database options = controller.options(root);
        QCOMPARE(options.url, QStringLiteral("sqlite:///app.db"));
        QCOMPARE(options.baseDir, root);
        const InspectionPtr inspection = inspect(root, controller);
        controller.setProject(root, inspection, 0);
        QVERIFY(controller.connectAction()->isEnabled());
        QVERIFY(controller.disconnectAction()->isEnabled());
        QVERIFY(controller.canStamp());
        QVERIFY(controller.stampAction()->isEnabled());
        // Another environment index that does not exist: nothing to stamp.
        controller.setProject(root, inspection, 3);
        QVERIFY(!controller.stampAction()->isEnabled());
    }

    void missingDatabaseCannotBeStamped()
    {
        QTemporaryDir dir;
        const QString root = writeProject(dir, false);
        QWidget window;
        Journal journal;
        DatabaseController controller(&journal, &window);
        controller.setUrl(QStringLiteral("ini"));
        controller.setProject(root, inspect(root, controller), 0);
        QVERIFY(controller.disconnectAction()->isEnabled());
        QVERIFY(!controller.canStamp());
        QVERIFY(!controller.stampAction()->isEnabled());
    }

    void disconnectForgetsTheDatabaseAndAsksForAReload()
    {
        QTemporaryDir dir;
        const QString root = writeProject(dir, true);
        QWidget window;
        Journal journal;
        DatabaseController controller(&journal, &window);
        controller.setUrl(QStringLiteral("ini"));
        controller.setProject(root, inspect(root, controller), 0);
        QSignalSpy reload(&controller, &DatabaseController::reloadRequested);
        controller.disconnectAction()->trigger();
        QCOMPARE(reload.count(), 1);
        QVERIFY(!controller.options(root).isSet());
        QVERIFY(!controller.disconnectAction()->isEnabled());
        // The reloaded inspection has no database: Stamp… goes away.
        controller.setProject(root, inspect(root, controller), 0);
        QVERIFY(!controller.stampAction()->isEnabled());
        // Closing the project disables everything.
        controller.setProject(QString(), nullptr, 0);
        QVERIFY(!controller.connectAction()->isEnabled());
    }
};

QTEST_MAIN(TestDatabaseController)
#include "tst_databasecontroller.moc"
