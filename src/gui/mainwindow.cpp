#include "mainwindow.h"

#include "cleanup/cleanupcontroller.h"
#include "compare/comparedialog.h"
#include "database/databasecontroller.h"
#include "demo/demoproject.h"
#include "details/detailspane.h"
#include "details/sourcepreview.h"
#include "findings/findingspanel.h"
#include "graph/graphpanel.h"
#include "help/findinghelpdialog.h"
#include "i18n/languages.h"
#include "image/imagepanel.h"
#include "inspection/inspectionrunner.h"
#include "inspection/projectwatcher.h"
#include "journal/journal.h"
#include "languagemenu.h"
#include "models/recentprojectsmodel.h"
#include "report/reportfile.h"
#include "report/textreport.h"
#include "walkthrough/walkthroughpanel.h"
#include "welcome/folderdrop.h"
#include "welcome/welcomepage.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QtConcurrent>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace Revscope {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_runner(new InspectionRunner(this)),
      m_watcher(new ProjectWatcher(this)), m_recent(new RecentProjectsModel(this)),
      m_journal(std::make_unique<Journal>()),
      m_cleanup(new CleanupController(m_journal.get(), this)),
      m_databases(new DatabaseController(m_journal.get(), this))
{
    setWindowTitle(tr("Revscope"));
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    createWidgets();
    createDocks();
    createActions();
    createStatusBar();

    connect(m_runner, &InspectionRunner::progress, this, &MainWindow::onProgress);
    connect(m_runner, &InspectionRunner::finished, this, &MainWindow::onFinished);
    connect(m_databases, &DatabaseController::reloadRequested, this, &MainWindow::reload);
    connect(m_cleanup, &CleanupController::statusMessage, this,
            [this](const QString &text) { m_status->setText(text); });
    connect(m_runner, &InspectionRunner::cancelled, this, &MainWindow::onCancelled);
    connect(m_watcher, &ProjectWatcher::changed, this, &MainWindow::reload);

    resize(1280, 800);
    restoreSettings();
    setWelcomeShown(true);
}

MainWindow::~MainWindow() = default;

void MainWindow::createWidgets()
{
    m_stack = new QStackedWidget(this);
    m_welcome = new WelcomePage(m_recent, m_stack);
    m_stack->addWidget(m_welcome);

    m_tabs = new QTabWidget(m_stack);
    m_tabs->setDocumentMode(true);
    m_graph = new GraphPanel(m_tabs);
    m_tabs->addTab(m_graph, tr("History"));
    m_image = new ImagePanel(m_tabs);
    m_tabs->addTab(m_image, tr("Image"));
    m_stack->addWidget(m_tabs);
    setCentralWidget(m_stack);

    connect(m_welcome, &WelcomePage::openFolderRequested, this, &MainWindow::chooseFolder);
    connect(m_welcome, &WelcomePage::openDemoRequested, this, &MainWindow::openDemo);
    connect(m_welcome, &WelcomePage::openProjectRequested, this,
            [this](const QString &path) { openProject(path); });

    connect(m_image, &ImagePanel::fileActivated, this, [this](const QString &path, int line) {
        m_source->showFile(path, line);
        m_sourceDock->show();
        m_sourceDock->raise();
    });
    connect(m_graph, &GraphPanel::revisionSelected, this, &MainWindow::onRevisionSelected);
    connect(m_graph, &GraphPanel::revisionActivated, this, [this](const QString &id) {
        onRevisionSelected(id);
        m_sourceDock->show();
        m_sourceDock->raise();
    });
    connect(m_graph, &GraphPanel::contextMenuRequested, this, &MainWindow::showRevisionMenu);
    auto graphSettled = [this] {
        if (m_viewReadyPending) {
            m_viewReadyPending = false;
            Q_EMIT viewReady();
        }
    };
    connect(m_graph, &GraphPanel::layoutFinished, this, graphSettled);
    connect(m_graph, &GraphPanel::layoutFailed, this, [this, graphSettled](const QString &error) {
        m_status->setText(error);
        graphSettled();
    });
}

void MainWindow::createDocks()
{
    m_findings = new FindingsPanel(this);
    m_findingsDock = new QDockWidget(tr("Findings"), this);
    m_findingsDock->setObjectName(QStringLiteral("findingsDock"));
    m_findingsDock->setWidget(m_findings);
    addDockWidget(Qt::BottomDockWidgetArea, m_findingsDock);

    m_details = new DetailsPane(this);
    m_detailsDock = new QDockWidget(tr("Details"), this);
    m_detailsDock->setObjectName(QStringLiteral("detailsDock"));
    m_detailsDock->setWidget(m_details);
    addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);

    m_source = new SourcePreview(this);
    m_sourceDock = new QDockWidget(tr("Source"), this);
    m_sourceDock->setObjectName(QStringLiteral("sourceDock"));
    m_sourceDock->setWidget(m_source);
    addDockWidget(Qt::RightDockWidgetArea, m_sourceDock);
    splitDockWidget(m_detailsDock, m_sourceDock, Qt::Vertical);

    // The walkthrough shares the bottom with the findings; hidden until asked
    // for, and fed an inspection only while shown (it reads every script).
    m_walkthrough = new WalkthroughPanel(this);
    m_walkthroughDock = new QDockWidget(tr("Walkthrough"), this);
    m_walkthroughDock->setObjectName(QStringLiteral("walkthroughDock"));
    m_walkthroughDock->setWidget(m_walkthrough);
    addDockWidget(Qt::BottomDockWidgetArea, m_walkthroughDock);
    tabifyDockWidget(m_findingsDock, m_walkthroughDock);
    m_walkthroughDock->hide();
    connect(m_walkthroughDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible) {
            updateWalkthrough();
        } else {
            m_walkthrough->stop();
        }
    });
    connect(m_walkthrough, &WalkthroughPanel::currentRevisionChanged, this,
            [this](const QString &id) {
                m_tabs->setCurrentWidget(m_graph);
                m_graph->selectRevision(id, true);
            });
    connect(m_walkthrough, &WalkthroughPanel::fileActivated, this,
            [this](const QString &file, int line) {
                m_source->showFile(file, line);
                m_sourceDock->show();
                m_sourceDock->raise();
            });
    resizeDocks({m_detailsDock}, {380}, Qt::Horizontal);
    resizeDocks({m_findingsDock}, {200}, Qt::Vertical);

    connect(m_findings, &FindingsPanel::findingSelected, this, &MainWindow::onFindingSelected);
    connect(m_findings, &FindingsPanel::findingActivated, this, &MainWindow::onFindingActivated);
    connect(m_findings, &FindingsPanel::contextMenuRequested, this, &MainWindow::showFindingMenu);
    connect(m_findings, &FindingsPanel::helpRequested, this, &MainWindow::showFindingHelp);
    connect(m_details, &DetailsPane::revisionLinkActivated, this, [this](const QString &id) {
        m_tabs->setCurrentWidget(m_graph);
        m_graph->selectRevision(id, true);
    });
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Folder…"), this, &MainWindow::chooseFolder);
    open->setShortcut(QKeySequence::Open);
    open->setIcon(style()->standardIcon(QStyle::SP_DirOpenIcon));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    QAction *demo = file->addAction(tr("Open &Demo Project"), this, &MainWindow::openDemo);
    demo->setIcon(style()->standardIcon(QStyle::SP_FileDialogInfoView));
    file->addAction(tr("Re&set Demo Project…"), this, &MainWindow::resetDemo);
    m_reloadAction = file->addAction(tr("&Reload"), this, &MainWindow::reload);
    m_reloadAction->setShortcut(QKeySequence::Refresh);
    m_reloadAction->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    file->addSeparator();
    file->addAction(m_graph->exportAction());
    file->addAction(m_graph->copyImageAction());
    m_reportAction = file->addAction(tr("Export &Report…"), this, [this] { exportReport(); });
    m_reportAction->setToolTip(
        tr("Write the walkthrough and the findings as one HTML page or a Markdown document"));
    m_reportAction->setEnabled(false);
    file->addSeparator();
    m_closeAction = file->addAction(tr("&Close Project"), this, &MainWindow::closeProject);
    m_closeAction->setShortcut(QKeySequence::Close);
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_cleanup->undoAction());
    edit->addAction(m_cleanup->historyAction());
    edit->addSeparator();
    edit->addAction(m_graph->findAction());
    QAction *copyId = edit->addAction(tr("&Copy Revision ID"), this, [this] {
        const QString id = m_graph->selectedRevision();
        if (!id.isEmpty()) {
            QGuiApplication::clipboard()->setText(id);
        }
    });
    copyId->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QAction *action : m_graph->viewActions()) {
        view->addAction(action);
    }
    view->addSeparator();
    view->addAction(m_findingsDock->toggleViewAction());
    view->addAction(m_detailsDock->toggleViewAction());
    view->addAction(m_sourceDock->toggleViewAction());
    QAction *walkthroughToggle = m_walkthroughDock->toggleViewAction();
    walkthroughToggle->setShortcut(QKeySequence(Qt::Key_F9));
    view->addAction(walkthroughToggle);
    view->addSeparator();
    auto *languages = new LanguageMenu(Languages::defaultDirectory(), view);
    view->addMenu(languages);
    connect(languages, &LanguageMenu::languageChosen, this, &MainWindow::offerRestart);

    QMenu *database = menuBar()->addMenu(tr("&Database"));
    database->addAction(m_databases->connectAction());
    database->addAction(m_databases->disconnectAction());
    database->addSeparator();
    database->addAction(m_databases->stampAction());

    QMenu *release = menuBar()->addMenu(tr("&Release"));
    m_compareAction = release->addAction(tr("&Compare Versions…"), this, &MainWindow::compare);
    m_compareAction->setToolTip(
        tr("Compare the migration graph of two git refs or folders: what a squash removed, "
           "and who would break"));
    m_compareAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_compareAction->setEnabled(false);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_findings->aboutFindingAction());
    help->addAction(tr("&Finding Reference…"), this, [this] { showFindingHelp(QString()); });
    help->addSeparator();
    help->addAction(tr("&About Revscope"), this, &MainWindow::showAbout)
        ->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)
        ->setMenuRole(QAction::AboutQtRole);

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(open);
    toolbar->addAction(demo);
    toolbar->addAction(m_reloadAction);
    m_walkthroughAction =
        new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Walkthrough"), this);
    m_walkthroughAction->setToolTip(
        tr("Step through the history from the base to the heads, one revision at a time"));
    m_walkthroughAction->setEnabled(false);
    connect(m_walkthroughAction, &QAction::triggered, this, &MainWindow::startWalkthrough);
    toolbar->addAction(m_walkthroughAction);
    toolbar->addAction(m_cleanup->cleanAction());
    file->insertAction(m_closeAction, m_cleanup->cleanAction());
    m_environment = new QComboBox(toolbar);
    m_environment->setToolTip(tr("The Alembic environment shown"));
    m_environment->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    toolbar->addSeparator();
    m_environmentAction = toolbar->addWidget(m_environment);
    m_environmentAction->setVisible(false);
    connect(m_environment, &QComboBox::currentIndexChanged, this,
            [this](int index) { setEnvironmentIndex(index); });
}

void MainWindow::offerRestart(const QString &code, const QString &name)
{
    Q_UNUSED(code)
    QMessageBox box(QMessageBox::Information, tr("Language"),
                    tr("Revscope will speak %1 from its next start.").arg(name),
                    QMessageBox::NoButton, this);
    QPushButton *restart = box.addButton(tr("Restart Now"), QMessageBox::AcceptRole);
    box.addButton(tr("Later"), QMessageBox::RejectRole);
    box.exec();
    if (box.clickedButton() != restart) {
        return;
    }
    QStringList arguments;
    if (m_isDemo) {
        arguments << QStringLiteral("--demo");
    } else if (!m_projectPath.isEmpty()) {
        arguments << m_projectPath;
    }
    // The same executable, so a build tree restarts its own build.
    if (QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments)) {
        close();
    } else {
        showError(tr("Revscope could not be restarted; start it again to use the new language."));
    }
}

void MainWindow::createStatusBar()
{
    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);
    m_database = new QLabel(this);
    statusBar()->addPermanentWidget(m_database);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(200);
    m_progress->setVisible(false);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cleanup->undoNotice());
    m_cancel = new QToolButton(this);
    m_cancel->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
    m_cancel->setToolTip(tr("Stop loading"));
    m_cancel->setAutoRaise(true);
    m_cancel->setVisible(false);
    statusBar()->addPermanentWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &MainWindow::cancelLoading);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_graph->restoreState(settings.value(QStringLiteral("graph/state")).toByteArray());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("graph/state"), m_graph->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    m_runner->cancel();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!FolderDrop::folderFrom(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString folder = FolderDrop::folderFrom(event->mimeData());
    if (!folder.isEmpty()) {
        event->acceptProposedAction();
        openProject(folder);
    }
}

void MainWindow::setWelcomeShown(bool shown)
{
    m_stack->setCurrentWidget(shown ? static_cast<QWidget *>(m_welcome) : m_tabs);
    // The docks belong to an open project; the welcome page stands alone.
    for (QDockWidget *dock : {m_findingsDock, m_detailsDock, m_sourceDock}) {
        dock->setVisible(!shown);
    }
    m_reloadAction->setEnabled(!shown);
    m_walkthroughAction->setEnabled(!shown);
    m_reportAction->setEnabled(!shown);
    m_compareAction->setEnabled(!shown);
    m_walkthroughDock->toggleViewAction()->setEnabled(!shown);
    if (shown) {
        m_walkthroughDock->hide();
    }
    m_closeAction->setEnabled(!shown);
    m_environmentAction->setVisible(!shown && m_environment->count() > 1);
}

bool MainWindow::isWelcomeShown() const
{
    return m_stack->currentWidget() == m_welcome;
}

void MainWindow::openProject(const QString &path, const QString &databaseUrl)
{
    const QString cleaned = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    if (!QFileInfo(cleaned).isDir()) {
        showError(tr("%1 is not a folder.").arg(QDir::toNativeSeparators(cleaned)));
        return;
    }
    const bool sameProject = cleaned == m_projectPath;
    m_projectPath = cleaned;
    m_databases->setUrl(databaseUrl);
    m_isDemo = DemoProject::isDemoCopy(cleaned);
    if (!m_isDemo) {
        m_recent->add(cleaned);
    }
    if (!sameProject) {
        m_inspection.reset();
        m_environmentIndex = 0;
        m_details->clear();
        m_source->clearFile();
    }
    setWindowTitle(tr("%1 — Revscope").arg(QDir(cleaned).dirName()));
    setWelcomeShown(false);
    reload();
}

void MainWindow::openDemo()
{
    QString error;
    const QString location = DemoProject::defaultLocation();
    if (!DemoProject::materialize(location, false, &error)) {
        showError(tr("The demo project could not be prepared in %1: %2").arg(location, error));
        return;
    }
    // The demo ships its SQLite database; its alembic.ini points at it.
    openProject(location, QStringLiteral("ini"));
}

void MainWindow::resetDemo()
{
    const QString location = DemoProject::defaultLocation();
    const auto answer = QMessageBox::question(
        this, tr("Reset Demo Project"),
        tr("Restore the demo project in %1 to its original state? Changes made there, such as "
           "cleanups, are lost.")
            .arg(QDir::toNativeSeparators(location)),
        QMessageBox::Reset | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Reset) {
        return;
    }
    QString error;
    if (!DemoProject::materialize(location, true, &error)) {
        showError(tr("The demo project could not be reset in %1: %2").arg(location, error));
        return;
    }
    openProject(location, QStringLiteral("ini"));
}

void MainWindow::closeProject()
{
    if (m_compareDialog) {
        m_compareDialog->hide(); // it compares versions of this project
    }
    m_runner->cancel();
    m_watcher->stop();
    m_projectPath.clear();
    m_inspection.reset();
    m_cleanup->setProject(QString(), nullptr);
    m_databases->setProject(QString(), nullptr, 0);
    m_graph->setInspection(nullptr, 0);
    m_image->setInspection(nullptr);
    m_findings->setInspection(nullptr);
    m_walkthrough->setInspection(nullptr, 0);
    m_details->clear();
    m_source->clearFile();
    m_environment->clear();
    setLoading(false);
    m_status->clear();
    m_database->clear();
    setWindowTitle(tr("Revscope"));
    setWelcomeShown(true);
}

void MainWindow::chooseFolder()
{
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Open Alembic Project"), m_projectPath);
    if (!dir.isEmpty()) {
        openProject(dir);
    }
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    m_recent->reload();
    for (int row = 0; row < m_recent->rowCount(); ++row) {
        const QModelIndex index = m_recent->index(row);
        const QString path = index.data(RecentProjectsModel::PathRole).toString();
        QAction *action = m_recentMenu->addAction(QDir::toNativeSeparators(path), this,
                                                  [this, path] { openProject(path); });
        action->setEnabled(index.data(RecentProjectsModel::ExistsRole).toBool());
    }
    if (m_recent->rowCount() == 0) {
        m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear List"), m_recent, &RecentProjectsModel::clear);
}

void MainWindow::reload()
{
    if (m_projectPath.isEmpty()) {
        return;
    }
    InspectOptions options;
    options.root = m_projectPath;
    options.database = m_databases->options(m_projectPath);
    m_status->setText(tr("Inspecting %1…").arg(QDir::toNativeSeparators(m_projectPath)));
    setLoading(true);
    m_runner->start(options);
}

void MainWindow::cancelLoading()
{
    if (m_runner->isRunning()) {
        m_runner->cancel();
    }
}

void MainWindow::setLoading(bool loading)
{
    m_progress->setVisible(loading);
    m_cancel->setVisible(loading);
    if (loading) {
        m_progress->setRange(0, 0);
    }
}

void MainWindow::onProgress(int done, int total, const QString &what)
{
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    m_status->setText(what);
}

void MainWindow::onCancelled()
{
    setLoading(false);
    m_status->setText(m_inspection ? tr("Reload stopped; showing the previous inspection.")
                                   : tr("Loading stopped."));
    Q_EMIT loadingCancelled();
}

void MainWindow::onFinished(const InspectionPtr &inspection)
{
    const bool reloadOfSame = m_inspection && m_inspection->root == inspection->root;
    const QString environmentLabel =
        reloadOfSame && m_environmentIndex < m_inspection->environments.size()
            ? m_inspection->environments.at(m_environmentIndex).label
            : QString();
    m_inspection = inspection;
    if (m_compareDialog && !reloadOfSame) {
        m_compareDialog->hide();
    }
    m_cleanup->setProject(m_projectPath, inspection);
    setLoading(false);

    // Keep the environment the user picked when it still exists.
    m_environmentIndex = 0;
    for (int i = 0; i < inspection->environments.size(); ++i) {
        if (inspection->environments.at(i).label == environmentLabel) {
            m_environmentIndex = i;
        }
    }
    updateEnvironmentSelector();
    const QString selected = m_details->revisionId();
    m_findings->setInspection(inspection);
    m_findings->setEnvironment(m_environmentIndex < inspection->environments.size()
                                   ? inspection->environments.at(m_environmentIndex).label
                                   : QString());
    m_viewReadyPending = true;
    m_image->setInspection(inspection);
    m_graph->setInspection(inspection, m_environmentIndex);
    updateWalkthrough();
    if (inspection->environments.isEmpty()) {
        // Nothing to lay out: the graph shows its empty state at once.
        m_viewReadyPending = false;
        QMetaObject::invokeMethod(this, &MainWindow::viewReady, Qt::QueuedConnection);
    }
    // Refresh the details of what is shown, against the new inspection.
    if (!selected.isEmpty() && revision(selected)) {
        onRevisionSelected(selected);
    } else if (const Finding *finding = m_findings->currentFinding()) {
        onFindingSelected(*finding);
    } else {
        m_details->clear();
    }
    m_watcher->watch(inspection);
    m_databases->setProject(m_projectPath, m_inspection, m_environmentIndex);
    updateStatus();
    Q_EMIT inspectionReady();
}

void MainWindow::setEnvironmentIndex(int index)
{
    if (!m_inspection || index < 0 || index >= m_inspection->environments.size() ||
        index == m_environmentIndex) {
        return;
    }
    m_environmentIndex = index;
    {
        const QSignalBlocker blocker(m_environment);
        m_environment->setCurrentIndex(index);
    }
    m_findings->setEnvironment(m_inspection->environments.at(index).label);
    m_details->clear();
    m_source->clearFile();
    m_graph->setInspection(m_inspection, index);
    updateWalkthrough();
    m_databases->setProject(m_projectPath, m_inspection, m_environmentIndex);
    updateStatus();
}

const Revision *MainWindow::revision(const QString &id) const
{
    if (!m_inspection || m_environmentIndex >= m_inspection->environments.size()) {
        return nullptr;
    }
    return m_inspection->environments.at(m_environmentIndex).graph.revision(id);
}

void MainWindow::exportReport(const QString &chosenFile)
{
    if (!m_inspection) {
        return;
    }
    QString file = chosenFile;
    if (file.isEmpty()) {
        const QString suggested =
            QDir(m_isDemo ? QDir::homePath() : m_projectPath)
                .filePath(QFileInfo(m_projectPath).fileName() + QStringLiteral("-report.html"));
        QString filter;
        file = QFileDialog::getSaveFileName(
            this, tr("Export Report"), suggested,
            tr("HTML page (*.html *.htm);;Markdown document (*.md *.markdown)"), &filter);
        if (file.isEmpty()) {
            return;
        }
        if (ReportFile::formatOf(file) == ReportFormat::Unknown) {
            file += filter.contains(QLatin1String("*.md")) ? QStringLiteral(".md")
                                                           : QStringLiteral(".html");
        }
    }
    const ReportFormat format = ReportFile::formatOf(file);
    if (format == ReportFormat::Unknown) {
        showError(tr("Cannot tell the format of %1: name it .html or .md.").arg(file));
        return;
    }
    // Every script is read again for the walkthrough and Graphviz draws the
    // graph: off the GUI thread.
    m_status->setText(tr("Writing the report…"));
    m_reportAction->setEnabled(false);
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, file] {
        const QString error = watcher->result();
        watcher->deleteLater();
        m_reportAction->setEnabled(!isWelcomeShown());
        if (!error.isEmpty()) {
            showError(tr("The report could not be written to %1: %2.").arg(file, error));
            return;
        }
        m_status->setText(tr("Report written to %1.").arg(QDir::toNativeSeparators(file)));
        Q_EMIT reportWritten(file);
    });
    const InspectionPtr inspection = m_inspection;
    watcher->setFuture(QtConcurrent::run([inspection, file, format] {
        QString error;
        if (!ReportFile::save(*inspection, file, format, &error)) {
            return error.isEmpty() ? QStringLiteral("?") : error;
        }
        return QString();
    }));
}

void MainWindow::updateWalkthrough()
{
    if (m_walkthroughDock->isVisible() && m_walkthrough->isEnabled()) {
        m_walkthrough->setInspection(m_inspection, m_environmentIndex);
    }
}

void MainWindow::compare()
{
    if (!m_inspection) {
        return;
    }
    if (!m_compareDialog) {
        m_compareDialog = new CompareDialog(this);
        connect(m_compareDialog, &CompareDialog::stampRequested, this,
                [this](const QString &environment, const QStringList &targets) {
                    for (int i = 0; i < m_inspection->environments.size(); ++i) {
                        if (m_inspection->environments.at(i).label == environment) {
                            setEnvironmentIndex(i);
                        }
                    }
                    m_databases->stamp(targets);
                });
        connect(m_compareDialog, &CompareDialog::revisionActivated, this,
                [this](const QString &id) {
                    if (revision(id)) {
                        m_tabs->setCurrentWidget(m_graph);
                        m_graph->selectRevision(id, true);
                        raise();
                        activateWindow();
                    }
                });
    }
    m_compareDialog->setProject(m_projectPath, m_inspection);
    m_compareDialog->setDatabase(m_databases->options(m_projectPath));
    m_compareDialog->show();
    m_compareDialog->raise();
    m_compareDialog->activateWindow();
}

void MainWindow::showFindingHelp(const QString &code)
{
    if (!m_helpDialog) {
        m_helpDialog = new FindingHelpDialog(this);
    }
    m_helpDialog->present(code);
}

void MainWindow::showImageTab()
{
    m_tabs->setCurrentWidget(m_image);
}

void MainWindow::startWalkthrough()
{
    const bool wasVisible = m_walkthroughDock->isVisible();
    m_walkthroughDock->show();
    m_walkthroughDock->raise();
    if (!wasVisible) {
        // Room for the card: message, changes and an explanation.
        resizeDocks({m_walkthroughDock}, {300}, Qt::Vertical);
    }
    m_walkthrough->setFocus();
}

void MainWindow::onRevisionSelected(const QString &id)
{
    if (id.isEmpty() || !m_inspection) {
        return;
    }
    if (m_walkthroughDock->isVisible()) {
        m_walkthrough->setCurrentRevision(id);
    }
    m_details->setRevision(m_inspection, m_environmentIndex, id);
    const Revision *rev = revision(id);
    if (rev && !rev->file.isEmpty()) {
        m_source->showFile(rev->file, rev->line);
    } else {
        m_source->clearFile();
    }
}

void MainWindow::onFindingSelected(const Finding &finding)
{
    if (!m_inspection) {
        return;
    }
    m_details->setFinding(m_inspection, finding);
    if (!finding.file.isEmpty()) {
        m_source->showFile(finding.file, finding.line);
    }
}

void MainWindow::onFindingActivated(const Finding &finding)
{
    // A finding about a revision goes to its node; any other to its file.
    if (!finding.revision.isEmpty() && revision(finding.revision)) {
        m_tabs->setCurrentWidget(m_graph);
        m_graph->selectRevision(finding.revision, true);
        return;
    }
    if (!finding.file.isEmpty()) {
        m_source->showFile(finding.file, finding.line);
        m_sourceDock->show();
        m_sourceDock->raise();
    }
}

void MainWindow::showRevisionMenu(const QString &id, const QPoint &globalPos)
{
    const Revision *rev = revision(id);
    if (!rev) {
        return;
    }
    QMenu menu(this);
    menu.addAction(tr("Copy Revision ID"), this,
                   [id] { QGuiApplication::clipboard()->setText(id); });
    const QString file = rev->file;
    if (!file.isEmpty()) {
        menu.addAction(tr("Open in Editor"), this,
                       [file] { QDesktopServices::openUrl(QUrl::fromLocalFile(file)); });
        menu.addAction(tr("Copy File Path"), this,
                       [file] { QGuiApplication::clipboard()->setText(file); });
    }
    menu.addAction(tr("Show Source"), this, [this, id] {
        onRevisionSelected(id);
        m_sourceDock->show();
        m_sourceDock->raise();
    });
    bool named = false;
    for (const Finding &finding : m_inspection->findings) {
        named = named || finding.revision == id;
    }
    if (m_databases->canStamp()) {
        menu.addSeparator();
        menu.addAction(tr("Stamp Database at This Revision…"), this,
                       [this, id] { m_databases->stamp({id}); });
    }
    if (named) {
        menu.addAction(tr("Show Findings"), this, [this, id] {
            m_findingsDock->show();
            m_findingsDock->raise();
            m_findings->selectFindingOf(id);
        });
    }
    menu.exec(globalPos);
}

void MainWindow::showFindingMenu(const Finding &finding, const QPoint &globalPos)
{
    QMenu menu(this);
    if (!finding.revision.isEmpty() && revision(finding.revision)) {
        menu.addAction(tr("Go to Revision"), this,
                       [this, finding] { onFindingActivated(finding); });
    }
    if (!finding.file.isEmpty()) {
        const QString file = finding.file;
        menu.addAction(tr("Open in Editor"), this,
                       [file] { QDesktopServices::openUrl(QUrl::fromLocalFile(file)); });
    }
    const QString text = finding.message;
    menu.addAction(tr("Copy Message"), this,
                   [text] { QGuiApplication::clipboard()->setText(text); });
    static const QStringList fixable = {
        QStringLiteral("stray-bytecode"), QStringLiteral("stale-bytecode"),
        QStringLiteral("bytecode-only-revision"), QStringLiteral("dockerignore-no-bytecode-rule")};
    if (fixable.contains(finding.code) && !finding.file.isEmpty()) {
        menu.addSeparator();
        const QString file = finding.file;
        menu.addAction(tr("Fix (Clean Up…)"), this, [this, file] { cleanUp(file); });
    }
    if (finding.code.startsWith(QLatin1String("db-")) && m_databases->canStamp()) {
        menu.addSeparator();
        menu.addAction(tr("Stamp Database…"), this, [this] { m_databases->stamp(); });
    }
    menu.addSeparator();
    menu.addAction(m_findings->aboutFindingAction());
    menu.exec(globalPos);
}

void MainWindow::disconnectDatabase()
{
    m_databases->disconnectDatabase();
}

void MainWindow::cleanUp(const QString &path)
{
    m_cleanup->cleanUp(path);
}

void MainWindow::undoLastCleanup()
{
    m_cleanup->undoLast();
}

void MainWindow::updateEnvironmentSelector()
{
    const QSignalBlocker blocker(m_environment);
    m_environment->clear();
    for (const EnvironmentInspection &env : m_inspection->environments) {
        m_environment->addItem(env.label, env.label);
    }
    m_environment->setCurrentIndex(m_environmentIndex);
    m_environmentAction->setVisible(m_inspection->environments.size() > 1);
}

void MainWindow::updateStatus()
{
    if (!m_inspection) {
        return;
    }
    if (m_inspection->environments.isEmpty()) {
        m_status->setText(tr("No Alembic environment (alembic.ini or pyproject.toml with "
                             "[tool.alembic]) was found in %1.")
                              .arg(QDir::toNativeSeparators(m_inspection->root)));
        m_database->clear();
        return;
    }
    const EnvironmentInspection &env = m_inspection->environments.at(m_environmentIndex);
    const RevisionGraph &graph = env.graph;
    const int revisions = int(graph.nodes().size());
    const int heads = int(graph.heads().size());
    const int errors = m_inspection->count(Severity::Error);
    const int warnings = m_inspection->count(Severity::Warning);
    const QString revisionText = tr("%n revision(s)", nullptr, revisions);
    const QString headText = tr("%n head(s)", nullptr, heads);
    const QString errorText = tr("%n error(s)", nullptr, errors);
    const QString warningText = tr("%n warning(s)", nullptr, warnings);
    m_status->setText(
        QStringLiteral("%1 · %2 · %3 · %4").arg(revisionText, headText, errorText, warningText));
    if (env.database) {
        m_database->setText(TextReport::databaseLine(*env.database).trimmed());
    } else {
        m_database->setText(tr("No database"));
    }
}

void MainWindow::showError(const QString &message)
{
    m_status->setText(message);
    QMessageBox::warning(this, tr("Revscope"), message);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Revscope"),
                       tr("<h3>Revscope %1</h3><p>Explore Alembic migration histories, the "
                          "database's view of them, stray bytecode and what the Docker image "
                          "will contain.</p>")
                           .arg(QApplication::applicationVersion()));
}

} // namespace Revscope
