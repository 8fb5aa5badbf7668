#include "cleanup/cleanupexecutor.h"
#include "cleanup/cleanupplanner.h"
#include "compare/comparedialog.h"
#include "demo/demoproject.h"
#include "details/detailspane.h"
#include "details/sourcepreview.h"
#include "findings/findingspanel.h"
#include "graph/graphpanel.h"
#include "graph/graphscene.h"
#include "help/findinghelpdialog.h"
#include "inspection/projectwatcher.h"
#include "journal/journal.h"
#include "mainwindow.h"
#include "models/findingsmodel.h"
#include "models/recentprojectsmodel.h"
#include "testsupport.h"
#include "walkthrough/walkthroughpanel.h"
#include "welcome/welcomepage.h"

#include <QDockWidget>
#include <QMimeData>
#include <QSettings>
#include <QUrl>

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;

class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    // A project of three revisions, one with a missing parent.
    static QString writeProject(const QTemporaryDir &dir)
    {
        const QString root = dir.path();
        TestSupport::writeFile(root + QLatin1String("/alembic.ini"),
                               "[alembic]\nscript_location = m\n");
        TestSupport::writeFile(root + QLatin1String("/m/versions/001_a.py"),
                               "\"\"\"first\"\"\"\nrevision = '001'\ndown_revision = None\n");
        TestSupport::writeFile(root + QLatin1String("/m/versions/002_b.py"),
                               "\"\"\"second\"\"\"\nrevision = '002'\ndown_revision = '001'\n");
        TestSupport::writeFile(root + QLatin1String("/m/versions/003_c.py"),
                               "\"\"\"third\"\"\"\nrevision = '003'\ndown_revision = 'gone'\n");
        return QDir::cleanPath(root);
    }

    // Shows the window, opens `root` and waits until its graph is laid out.
    static bool openAndWait(MainWindow &window, const QString &root)
    {
        window.show();
        QSignalSpy ready(&window, &MainWindow::viewReady);
        window.openProject(root);
        return ready.wait(20000) && window.inspection();
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The demo is copied under the test-mode data folder, and settings
        // (recent projects, window state) go to the test-mode config folder.
        QStandardPaths::setTestModeEnabled(true);
    }

    void init() { QSettings().clear(); }

    void startsOnWelcomePageAndClosesBackToIt()
    {
        QTemporaryDir dir;
        const QString root = writeProject(dir);
        MainWindow window;
        window.show();
        QVERIFY(window.isWelcomeShown());
        QSignalSpy ready(&window, &MainWindow::viewReady);
        window.openProject(root);
        QVERIFY(!window.isWelcomeShown());
        QVERIFY(ready.wait(20000));
        // Opened projects join the recent list (shown on the welcome page).
        QCOMPARE(window.recentProjects()->paths().value(0), root);
        window.closeProject();
        QVERIFY(window.isWelcomeShown());
        QVERIFY(!window.inspection());
        QVERIFY(!window.graphPanel()->inspection());
    }

    void welcomePageOpensRecentProject()
    {
        QTemporaryDir dir;
        const QString root = writeProject(dir);
        MainWindow window;
        window.recentProjects()->add(root);
        QSignalSpy ready(&window, &MainWindow::inspectionReady);
        Q_EMIT window.welcomePage()->openProjectRequested(root);
        QVERIFY(ready.wait(20000));
        QCOMPARE(window.inspection()->root, root);
    }

    void graphShowsEveryRevisionAndGhost()
    {
        QTemporaryDir dir;
        const QString root = writeProject(dir);
        MainWindow window;
        QVERIFY(openAndWait(window, root));
        const RevisionGraph &graph = window.inspection()->environments.first().graph;
        QCOMPARE(graph.nodes().size(), 4); // three revisions and the ghost "gone"
        QVERIFY(window.graphPanel()->graphScene());
        QCOMPARE(window.graphPanel()->graphScene()->nodeItems().size(), size_t(4));
    }

    void findingActivationSelectsItsRevision()
    {
        QTemporaryDir dir;
        const QString root = writeProject(dir);
        MainWindow window;
        QVERIFY(openAndWait(window, root));
        const Finding *missing = nullptr;
        for (const Finding &finding : window.inspection()->findings) {
            if (finding.code == QLatin1String("missing-parent")) {
                missing = &finding;
            }
        }
        QVERIFY(missing);
        QCOMPARE(missing->revision, QStringLiteral("003"));
        QVERIFY(window.findingsPanel()->selectFindingOf(QStringLiteral("003")));
        const QModelIndex current = window.findingsPanel()->view()->currentIndex();
        Q_EMIT window.findingsPanel()->view()->activated(current);
        QTRY_COMPARE(window.graphPanel()->selectedRevision(), QStringLiteral("003"));
        // Selecting it shows its details and its source at the revision line.
        QTRY_COMPARE(window.detailsPane()->revisionId(), QStringLiteral("003"));
        QTRY_VERIFY(window.sourcePreview()->filePath().endsWith(QLatin1String("003_c.py")));
        QCOMPARE(window.sourcePreview()->markedLine(), 2);
    }

    // The walkthrough and the graph follow each other, without echo.
    void walkthroughDrivesTheGraph()
    {
        QTemporaryDir dir;
        const QString root = writeProject(dir);
        MainWindow window;
        QVERIFY(openAndWait(window, root));
        QVERIFY(!window.walkthroughDock()->isVisible());
        WalkthroughPanel *walk = window.walkthroughPanel();
        QSignalSpy ready(walk, &WalkthroughPanel::stepsReady);
        window.startWalkthrough();
        QVERIFY(window.walkthroughDock()->isVisible());
        QVERIFY(ready.wait(10000));
        QCOMPARE(walk->steps().size(), 4);
        walk->next();
        QTRY_COMPARE(window.graphPanel()->selectedRevision(), walk->steps().at(1).revisionId);
        QTRY_COMPARE(window.detailsPane()->revisionId(), walk->currentRevision());
        walk->previous();
        QTRY_COMPARE(window.graphPanel()->selectedRevision(), walk->steps().first().revisionId);
        // A click on the graph moves the walkthrough.
        window.graphPanel()->selectRevision(QStringLiteral("003"));
        QTRY_COMPARE(walk->currentRevision(), QStringLiteral("003"));
        // Closing the project closes the walkthrough with it.
        window.closeProject();
        QVERIFY(!window.walkthroughDock()->isVisible());
        QVERIFY(walk->steps().isEmpty());
    }

    void exportsReports()
    {
        QTemporaryDir dir;
        const QString root = writeProject(dir);
        MainWindow window;
        QVERIFY(openAndWait(window, root));
        QSignalSpy written(&window, &MainWindow::reportWritten);
        const QString html = dir.filePath(QStringLiteral("out/report.html"));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("out")));
        window.exportReport(html);
        QVERIFY(written.wait(20000));
        QCOMPARE(written.last().first().toString(), html);
        QFile page(html);
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QByteArray content = page.readAll();
        QVERIFY(content.contains("<svg"));
        QVERIFY(content.contains("missing-parent"));
        const QString markdown = dir.filePath(QStringLiteral("out/report.md"));
        window.exportReport(markdown);
        QVERIFY(written.wait(20000));
        QFile document(markdown);
        QVERIFY(document.open(QIODevice::ReadOnly));
        QVERIFY(document.readAll().contains("```mermaid"));
    }

    void findingHelpOpensFromTheFindingsDock()
    {
        QTemporaryDir dir;
        const QString root = writeProject(dir);
        MainWindow window;
        QVERIFY(openAndWait(window, root));
        QVERIFY(!window.findingHelpDialog());
        QVERIFY(window.findingsPanel()->selectFindingOf(QStringLiteral("003")));
        QVERIFY(window.findingsPanel()->aboutFindingAction()->isEnabled());
        window.findingsPanel()->aboutFindingAction()->trigger();
        QTRY_VERIFY(window.findingHelpDialog() && window.findingHelpDialog()->isVisible());
        QCOMPARE(window.findingHelpDialog()->currentCode(), QStringLiteral("missing-parent"));
    }

    void compareDialogFollowsTheProject()
    {
        QTemporaryDir dir;
        const QString root = writeProject(dir);
        MainWindow window;
        QVERIFY(openAndWait(window, root));
        QVERIFY(!window.compareDialog());
        window.compare();
        QVERIFY(window.compareDialog());
        QVERIFY(window.compareDialog()->isVisible());
        // A revision picked in the comparison is shown in the main graph.
        Q_EMIT window.compareDialog()->revisionActivated(QStringLiteral("002"));
        QTRY_COMPARE(window.graphPanel()->selectedRevision(), QStringLiteral("002"));
        window.closeProject();
        QVERIFY(!window.compareDialog()->isVisible());
    }

    void detailsLinkMovesTheGraph()
    {
        QTemporaryDir dir;
        const QString root = writeProject(dir);
        MainWindow window;
        QVERIFY(openAndWait(window, root));
        window.graphPanel()->selectRevision(QStringLiteral("002"));
        QTRY_COMPARE(window.detailsPane()->revisionId(), QStringLiteral("002"));
        Q_EMIT window.detailsPane()->revisionLinkActivated(QStringLiteral("001"));
        QTRY_COMPARE(window.graphPanel()->selectedRevision(), QStringLiteral("001"));
        QTRY_COMPARE(window.detailsPane()->revisionId(), QStringLiteral("001"));
    }

    void reloadsWhenFilesChangeKeepingSelection()
    {
        QTemporaryDir dir;
        const QString root = writeProject(dir);
        MainWindow window;
        window.show();
        window.projectWatcher()->setSettleTime(100);
        QSignalSpy ready(&window, &MainWindow::viewReady);
        window.openProject(root);
        QVERIFY(ready.wait(20000));
        window.graphPanel()->selectRevision(QStringLiteral("002"));
        QTRY_COMPARE(window.graphPanel()->selectedRevision(), QStringLiteral("002"));
        const InspectionPtr before = window.inspection();

        // A new revision appears on disk: the window reloads by itself.
        TestSupport::writeFile(root + QLatin1String("/m/versions/004_d.py"),
                               "revision = '004'\ndown_revision = '002'\n");
        QTRY_VERIFY_WITH_TIMEOUT(window.inspection() != before, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 2, 20000);
        QCOMPARE(window.inspection()->environments.first().graph.nodes().size(), 5);
        QCOMPARE(window.graphPanel()->graphScene()->nodeItems().size(), size_t(5));
        QCOMPARE(window.graphPanel()->selectedRevision(), QStringLiteral("002"));
        QCOMPARE(window.detailsPane()->revisionId(), QStringLiteral("002"));
    }

    void dropOpensFolder()
    {
        QTemporaryDir dir;
        const QString root = writeProject(dir);
        MainWindow window;
        window.show();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(root)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy ready(&window, &MainWindow::inspectionReady);
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY(ready.wait(20000));
        QCOMPARE(window.inspection()->root, root);

        // A file is not a project: refused at the door.
        QMimeData fileMime;
        fileMime.setUrls({QUrl::fromLocalFile(root + QLatin1String("/alembic.ini"))});
        QDragEnterEvent fileEnter(QPoint(10, 10), Qt::CopyAction, &fileMime, Qt::LeftButton,
                                  Qt::NoModifier);
        fileEnter.setAccepted(false);
        QApplication::sendEvent(&window, &fileEnter);
        QVERIFY(!fileEnter.isAccepted());
    }

    void stampNeedsAReadableDatabase()
    {
        MainWindow window;
        QSignalSpy ready(&window, &MainWindow::inspectionReady);
        window.openDemo();
        QVERIFY(ready.wait(20000));
        auto *stamp = window.findChild<QAction *>(QStringLiteral("stampAction"));
        QVERIFY(stamp);
        // The demo's database is stamped at a squashed revision: the fix is offered.
        QVERIFY(stamp->isEnabled());
        QVERIFY(window.inspection()->environments.first().database);

        window.disconnectDatabase();
        QVERIFY(ready.wait(20000));
        QVERIFY(!window.inspection()->environments.first().database);
        QVERIFY(!stamp->isEnabled());
    }

    // Edit ▸ Undo Cleanup finds the project's latest cleanup in the journal
    // (even one made by `revscope clean`) and restores the files.
    void undoCleanupFromTheEditMenu()
    {
        QTemporaryDir dir;
        const QString root = writeProject(dir);
        const QString source = root + QLatin1String("/m/versions/002_b.py");
        const TestSupport::ProcessResult compiled =
            TestSupport::run(QStringLiteral("/usr/bin/python3"),
                             {QStringLiteral("-m"), QStringLiteral("compileall"),
                              QStringLiteral("-q"), root + QLatin1String("/m/versions")});
        if (!compiled.started || compiled.exitCode != 0) {
            QSKIP("/usr/bin/python3 cannot compile: no bytecode to clean up");
        }
        QVERIFY(QFile::remove(source)); // its .pyc is now stray
        MainWindow window;
        QVERIFY(openAndWait(window, root));
        const BytecodeInfos bytecode = window.inspection()->bytecode;
        QString stray;
        for (const BytecodeInfo &file : bytecode) {
            if (file.status == BytecodeStatus::Stray) {
                stray = file.path;
            }
        }
        QVERIFY(!stray.isEmpty());
        QFile strayFile(stray);
        QVERIFY(strayFile.open(QIODevice::ReadOnly));
        const QByteArray bytes = strayFile.readAll();
        strayFile.close();

        Journal journal; // the application's journal, as the window uses it
        CleanupExecutor executor(&journal);
        const CleanupResult result =
            executor.execute(CleanupPlanner::plan(*window.inspection(), CleanupOptions()));
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(!QFile::exists(stray));

        window.undoLastCleanup();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(stray), 10000);
        QVERIFY(strayFile.open(QIODevice::ReadOnly));
        QCOMPARE(strayFile.readAll(), bytes);
    }

    void windowStateIsRemembered()
    {
        {
            MainWindow window;
            window.graphPanel()->setDirection(LayoutDirection::LeftToRight);
            window.graphPanel()->setCollapsed(true);
            window.close();
        }
        MainWindow again;
        QCOMPARE(again.graphPanel()->direction(), LayoutDirection::LeftToRight);
        QVERIFY(again.graphPanel()->isCollapsed());
    }

    void cancelKeepsTheWindowUsable()
    {
        MainWindow window;
        QSignalSpy cancelled(&window, &MainWindow::loadingCancelled);
        QSignalSpy ready(&window, &MainWindow::inspectionReady);
        window.openDemo();
        window.cancelLoading();
        // Either the run was stopped, or it had already finished.
        QTRY_VERIFY_WITH_TIMEOUT(cancelled.count() + ready.count() > 0, 20000);
        window.reload();
        QVERIFY(ready.wait(20000));
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
