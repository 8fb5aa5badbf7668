#include "mainwindow.h"

#include "demo/demoproject.h"
#include "findingsdecorator.h"
#include "inspection/inspectionrunner.h"
#include "models/findingsmodel.h"
#include "report/textreport.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>

namespace Revscope {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_runner(new InspectionRunner(this)), m_model(new FindingsModel(this)),
      m_filter(new FindingsFilterModel(this)), m_decorator(new FindingsDecorator(this))
{
    setWindowTitle(tr("Revscope"));
    m_filter->setSourceModel(m_model);
    m_decorator->setSourceModel(m_filter);
    createCentralWidget();
    createActions();

    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(200);
    m_progress->setVisible(false);
    statusBar()->addPermanentWidget(m_progress);

    connect(m_runner, &InspectionRunner::progress, this, &MainWindow::onProgress);
    connect(m_runner, &InspectionRunner::finished, this, &MainWindow::onFinished);
    resize(1100, 700);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Folder…"), this, &MainWindow::chooseFolder);
    open->setShortcut(QKeySequence::Open);
    QAction *demo = file->addAction(tr("Open &Demo Project"), this, &MainWindow::openDemo);
    file->addAction(tr("Re&set Demo Project…"), this, &MainWindow::resetDemo);
    QAction *reloadAction = file->addAction(tr("&Reload"), this, &MainWindow::reload);
    reloadAction->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Revscope"), this, &MainWindow::showAbout);

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->addAction(open);
    toolbar->addAction(demo);
    toolbar->addAction(reloadAction);
}

void MainWindow::createCentralWidget()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);

    m_summary = new QLabel(central);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    auto *filters = new QHBoxLayout;
    m_environment = new QComboBox(central);
    m_environment->setToolTip(tr("Alembic environment"));
    m_environment->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    filters->addWidget(m_environment);
    m_severity = new QComboBox(central);
    m_severity->addItem(tr("All severities"), int(Severity::Info));
    m_severity->addItem(tr("Warnings and errors"), int(Severity::Warning));
    m_severity->addItem(tr("Errors only"), int(Severity::Error));
    filters->addWidget(m_severity);
    m_search = new QLineEdit(central);
    m_search->setPlaceholderText(tr("Filter findings…"));
    m_search->setClearButtonEnabled(true);
    filters->addWidget(m_search, 1);
    layout->addLayout(filters);

    m_table = new QTableView(central);
    m_table->setModel(m_decorator);
    m_table->setIconSize(QSize(16, 16));
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(FindingsModel::MessageColumn,
                                                      QHeaderView::Stretch);
    m_details = new QTextBrowser(central);
    m_details->setOpenExternalLinks(false);
    m_details->setMaximumHeight(140);
    m_details->setPlaceholderText(tr("Select a finding to see what it means and how to fix it."));
    auto *splitter = new QSplitter(Qt::Vertical, central);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 1);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showFindingDetails);

    connect(m_severity, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setMinimumSeverity(Severity(m_severity->currentData().toInt())); });
    connect(m_search, &QLineEdit::textChanged, m_filter, &FindingsFilterModel::setText);
    connect(m_environment, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setEnvironment(m_environment->currentData().toString()); });
}

void MainWindow::openProject(const QString &path, const QString &databaseUrl)
{
    m_projectPath = path;
    m_databaseUrl = databaseUrl;
    setWindowTitle(tr("%1 — Revscope").arg(QDir(path).dirName()));
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

void MainWindow::chooseFolder()
{
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Open Alembic Project"), m_projectPath);
    if (!dir.isEmpty()) {
        openProject(dir);
    }
}

void MainWindow::reload()
{
    if (m_projectPath.isEmpty()) {
        return;
    }
    InspectOptions options;
    options.root = m_projectPath;
    options.database.url = m_databaseUrl;
    m_status->setText(tr("Inspecting %1…").arg(QDir::toNativeSeparators(m_projectPath)));
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_runner->start(options);
}

void MainWindow::onProgress(int done, int total, const QString &what)
{
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    m_status->setText(what);
}

void MainWindow::onFinished(const InspectionPtr &inspection)
{
    m_inspection = inspection;
    m_details->clear();
    m_progress->setVisible(false);
    m_model->setInspection(inspection);
    m_table->sortByColumn(FindingsModel::SeverityColumn, Qt::DescendingOrder);
    m_table->resizeColumnsToContents();
    // Long paths must not squeeze the message, which says what is wrong.
    const int maxLocation = m_table->viewport()->width() / 3;
    if (m_table->columnWidth(FindingsModel::LocationColumn) > maxLocation) {
        m_table->setColumnWidth(FindingsModel::LocationColumn, maxLocation);
    }
    m_table->horizontalHeader()->setSectionResizeMode(FindingsModel::MessageColumn,
                                                      QHeaderView::Stretch);
    if (m_decorator->rowCount() > 0) {
        m_table->setCurrentIndex(m_decorator->index(0, FindingsModel::MessageColumn));
    }
    updateEnvironmentSelector();
    updateSummary();
    m_status->setText(TextReport::summaryLine(*inspection));
    Q_EMIT inspectionReady();
}

void MainWindow::showFindingDetails(const QModelIndex &current)
{
    const QModelIndex source = m_filter->mapToSource(m_decorator->mapToSource(current));
    const Finding *finding = m_model->findingAt(source.siblingAtColumn(0));
    if (!finding) {
        m_details->clear();
        return;
    }
    QString where = m_inspection->relativePath(finding->file);
    if (!where.isEmpty() && finding->line > 0) {
        where += QLatin1Char(':') + QString::number(finding->line);
    }
    QString html = QStringLiteral("<p><b>%1</b> &nbsp;<code>%2</code></p><p>%3</p>")
                       .arg(where.toHtmlEscaped(), finding->code.toHtmlEscaped(),
                            finding->message.toHtmlEscaped());
    if (!finding->fix.isEmpty()) {
        html += tr("<p><b>Fix:</b> %1</p>").arg(finding->fix.toHtmlEscaped());
    }
    m_details->setHtml(html);
}

void MainWindow::updateEnvironmentSelector()
{
    const QSignalBlocker blocker(m_environment);
    m_environment->clear();
    m_environment->addItem(tr("All environments"), QString());
    for (const EnvironmentInspection &env : m_inspection->environments) {
        m_environment->addItem(env.label, env.label);
    }
    m_environment->setVisible(m_inspection->environments.size() > 1);
    m_filter->setEnvironment(QString());
}

void MainWindow::updateSummary()
{
    QStringList lines;
    lines << tr("<b>%1</b>").arg(QDir::toNativeSeparators(m_inspection->root).toHtmlEscaped());
    if (m_inspection->environments.isEmpty()) {
        lines << tr("No Alembic environment found in this folder.");
    }
    for (const EnvironmentInspection &env : m_inspection->environments) {
        const RevisionGraph &graph = env.graph;
        lines << tr("%1: %n revision(s), heads %2, bases %3", nullptr, int(graph.nodes().size()))
                     .arg(env.label.toHtmlEscaped(),
                          graph.heads().join(QLatin1String(", ")).toHtmlEscaped(),
                          graph.bases().join(QLatin1String(", ")).toHtmlEscaped());
        if (env.database) {
            lines << TextReport::databaseLine(*env.database).trimmed().toHtmlEscaped();
        }
    }
    m_summary->setText(lines.join(QLatin1String("<br>")));
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
