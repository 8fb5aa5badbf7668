#pragma once

#include "inspection/inspection.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTabWidget;
class QToolButton;

namespace Revscope {

class CleanupController;
class CompareDialog;
class DatabaseController;
class DetailsPane;
class Journal;
class FindingHelpDialog;
class FindingsPanel;
class GraphPanel;
class ImagePanel;
class InspectionRunner;
class ProjectWatcher;
class RecentProjectsModel;
class SourcePreview;
class WalkthroughPanel;
class WelcomePage;

// The explorer window: a welcome page until a project is open, then the
// History (graph) and Image tabs with the Findings, Details and Source docks.
// Projects are inspected off the GUI thread and reloaded when their files
// change on disk, keeping what the user was looking at.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // `databaseUrl`: an SQLAlchemy URL, `ini` for the configs' sqlalchemy.url,
    // or empty for no database.
    void openProject(const QString &path, const QString &databaseUrl = QString());
    void openDemo();
    void resetDemo();
    void closeProject();
    void reload();
    void cancelLoading();
    // Reads no database from now on (until Connect… or reopening).
    void disconnectDatabase();
    // Opens the cleanup dialog; `path` preselects one file (a finding's Fix).
    void cleanUp(const QString &path = QString());
    // Edit ▸ Undo Cleanup: the project's latest cleanup, off the GUI thread.
    void undoLastCleanup();

    QString projectPath() const { return m_projectPath; }
    InspectionPtr inspection() const { return m_inspection; }
    int environmentIndex() const { return m_environmentIndex; }
    void setEnvironmentIndex(int index);
    bool isWelcomeShown() const;

    GraphPanel *graphPanel() const { return m_graph; }
    ImagePanel *imagePanel() const { return m_image; }
    FindingsPanel *findingsPanel() const { return m_findings; }
    DetailsPane *detailsPane() const { return m_details; }
    SourcePreview *sourcePreview() const { return m_source; }
    WelcomePage *welcomePage() const { return m_welcome; }
    WalkthroughPanel *walkthroughPanel() const { return m_walkthrough; }
    QDockWidget *walkthroughDock() const { return m_walkthroughDock; }
    // Shows the walkthrough dock on the current environment.
    void startWalkthrough();
    void showImageTab();
    // Release ▸ Compare Versions…: the non-modal comparison of two git refs
    // or folders of the open project.
    void compare();
    CompareDialog *compareDialog() const { return m_compareDialog; }
    // Help ▸ About This Finding (and the Findings dock's About): the page of
    // `code`, or the list of every finding's page when empty.
    void showFindingHelp(const QString &code);
    FindingHelpDialog *findingHelpDialog() const { return m_helpDialog; }
    // File ▸ Export Report…: an HTML page or Markdown document (by the
    // file's extension) of the walkthrough and the findings, written off the
    // GUI thread. Empty `file`: asks for one.
    void exportReport(const QString &file = QString());
    RecentProjectsModel *recentProjects() const { return m_recent; }
    ProjectWatcher *projectWatcher() const { return m_watcher; }

Q_SIGNALS:
    // An inspection arrived (the findings are listed; the graph may still be
    // laid out).
    void inspectionReady();
    // The inspection is shown and its graph laid out (or known to be empty).
    void viewReady();
    void loadingCancelled();
    void reportWritten(const QString &file);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createWidgets();
    void createDocks();
    void createActions();
    void createStatusBar();
    void restoreSettings();
    void saveSettings() const;
    void chooseFolder();
    void rebuildRecentMenu();
    void showAbout();
    // View ▸ Language picked another language: it applies from the next
    // start, which the user may ask for now.
    void offerRestart(const QString &code, const QString &name);
    void onProgress(int done, int total, const QString &what);
    void onFinished(const Revscope::InspectionPtr &inspection);
    void onCancelled();
    void onRevisionSelected(const QString &id);
    void onFindingSelected(const Finding &finding);
    void onFindingActivated(const Finding &finding);
    void showRevisionMenu(const QString &id, const QPoint &globalPos);
    void showFindingMenu(const Finding &finding, const QPoint &globalPos);
    void updateEnvironmentSelector();
    void updateWalkthrough();
    void updateStatus();
    void setLoading(bool loading);
    void showError(const QString &message);
    void setWelcomeShown(bool shown);
    const Revision *revision(const QString &id) const;

    QString m_projectPath;
    bool m_isDemo = false;
    InspectionPtr m_inspection;
    int m_environmentIndex = 0;
    bool m_viewReadyPending = false;

    InspectionRunner *m_runner = nullptr;
    ProjectWatcher *m_watcher = nullptr;
    RecentProjectsModel *m_recent = nullptr;
    std::unique_ptr<Journal> m_journal;
    CleanupController *m_cleanup = nullptr;
    DatabaseController *m_databases = nullptr;

    QStackedWidget *m_stack = nullptr;
    WelcomePage *m_welcome = nullptr;
    QTabWidget *m_tabs = nullptr;
    GraphPanel *m_graph = nullptr;
    ImagePanel *m_image = nullptr;
    FindingsPanel *m_findings = nullptr;
    DetailsPane *m_details = nullptr;
    SourcePreview *m_source = nullptr;
    QDockWidget *m_findingsDock = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    QDockWidget *m_sourceDock = nullptr;
    WalkthroughPanel *m_walkthrough = nullptr;
    QDockWidget *m_walkthroughDock = nullptr;
    QAction *m_walkthroughAction = nullptr;
    QAction *m_reportAction = nullptr;
    FindingHelpDialog *m_helpDialog = nullptr;
    CompareDialog *m_compareDialog = nullptr;
    QAction *m_compareAction = nullptr;

    QComboBox *m_environment = nullptr;
    QAction *m_environmentAction = nullptr;
    QAction *m_reloadAction = nullptr;
    QAction *m_closeAction = nullptr;
    QMenu *m_recentMenu = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_database = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancel = nullptr;
};

} // namespace Revscope
