#include "demo/demoproject.h"
#include "mainwindow.h"
#include "models/findingsmodel.h"
#include "testsupport.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // The demo is copied under the test-mode data folder, not the user's.
        QStandardPaths::setTestModeEnabled(true);
    }

    void opensDemoCopy()
    {
        MainWindow window;
        QSignalSpy ready(&window, &MainWindow::inspectionReady);
        window.openDemo();
        QVERIFY(ready.wait(20000));
        const InspectionPtr inspection = window.inspection();
        QVERIFY(inspection);
        QVERIFY(DemoProject::isDemoCopy(inspection->root));
        QVERIFY(!inspection->root.startsWith(QLatin1String(":")));
        QCOMPARE(inspection->environments.size(), 1);
        QVERIFY(inspection->environments.first().graph.nodes().size() >= 20);
        QVERIFY(QFileInfo(inspection->root + QLatin1String("/back/alembic.ini")).isWritable());
        // The demo opens with its SQLite database, stamped at the squashed
        // revision: the seed's "Can't locate revision" is on screen.
        QVERIFY(inspection->environments.first().database);
        bool unknown = false;
        for (const Finding &finding : inspection->findings) {
            unknown = unknown || (finding.code == QLatin1String("db-unknown-revision") &&
                                  finding.message.contains(QLatin1String("a2242b61af45")));
        }
        QVERIFY(unknown);
    }

    void listsFindingsOfOpenedProject()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        TestSupport::writeFile(root + QLatin1String("/alembic.ini"),
                               "[alembic]\nscript_location = migrations\n");
        TestSupport::writeFile(root + QLatin1String("/migrations/versions/001_a.py"),
                               "revision = '001'\ndown_revision = 'a2242b61af45'\n");
        MainWindow window;
        window.show();
        QSignalSpy ready(&window, &MainWindow::inspectionReady);
        window.openProject(root);
        QVERIFY(ready.wait(20000));
        QVERIFY(window.inspection());
        auto *table = window.findChild<QTableView *>();
        QVERIFY(table);
        bool found = false;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            if (table->model()->index(row, FindingsModel::CodeColumn).data().toString() ==
                QLatin1String("missing-parent")) {
                found = true;
            }
        }
        QVERIFY(found);
    }

    void reopeningReplacesTheResult()
    {
        QTemporaryDir first;
        QTemporaryDir second;
        TestSupport::writeFile(second.path() + QLatin1String("/alembic.ini"),
                               "[alembic]\nscript_location = m\n");
        TestSupport::writeFile(second.path() + QLatin1String("/m/versions/001_a.py"),
                               "revision = '001'\ndown_revision = None\n");
        MainWindow window;
        QSignalSpy ready(&window, &MainWindow::inspectionReady);
        window.openProject(first.path());
        window.openProject(second.path()); // supersedes the first run
        QVERIFY(ready.wait(20000));
        QTest::qWait(200);
        QCOMPARE(window.inspection()->root, QDir::cleanPath(second.path()));
        QCOMPARE(window.inspection()->environments.size(), 1);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
