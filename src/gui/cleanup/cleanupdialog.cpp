#include "cleanupdialog.h"

#include "cleanup/cleanupplanner.h"
#include "journal/journal.h"
#include "models/cleanupplanmodel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTabWidget>
#include <QtConcurrent>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Revscope {

namespace {

// At most this many skipped or failed outcomes are spelled out in the result.
constexpr int MaxOutcomeLines = 5;

} // namespace

CleanupDialog::CleanupDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Clean up bytecode"));
    m_project = new QLabel(this);
    m_project->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_project->setWordWrap(true);

    m_versionScope = new QRadioButton(tr("&Version locations"), this);
    m_versionScope->setToolTip(tr("Bytecode in the folders that hold migration scripts"));
    m_projectScope = new QRadioButton(tr("&Whole project"), this);
    m_projectScope->setToolTip(tr("Bytecode anywhere in the project except virtual environments"));
    m_versionScope->setChecked(true);
    auto *scopeGroup = new QButtonGroup(this);
    scopeGroup->addButton(m_versionScope);
    scopeGroup->addButton(m_projectScope);
    m_includeStale = new QCheckBox(tr("Include &stale bytecode (source changed since)"), this);
    m_dockerignore = new QCheckBox(tr("Update .&dockerignore files"), this);
    m_dockerignore->setChecked(true);

    auto *options = new QGroupBox(tr("What to clean"), this);
    auto *scopeRow = new QHBoxLayout;
    scopeRow->addWidget(m_versionScope);
    scopeRow->addWidget(m_projectScope);
    scopeRow->addStretch(1);
    auto *optionsLayout = new QVBoxLayout(options);
    optionsLayout->addLayout(scopeRow);
    optionsLayout->addWidget(m_includeStale);
    optionsLayout->addWidget(m_dockerignore);

    m_model = new CleanupPlanModel(this);
    m_actions = new QTreeView(this);
    m_actions->setModel(m_model);
    m_actions->setRootIsDecorated(false);
    m_actions->setUniformRowHeights(true);
    m_actions->setAlternatingRowColors(true);
    m_actions->setSelectionMode(QAbstractItemView::ExtendedSelection);
    QHeaderView *header = m_actions->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(CleanupPlanModel::ActionColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(CleanupPlanModel::PathColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(CleanupPlanModel::ReasonColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(CleanupPlanModel::SizeColumn, QHeaderView::ResizeToContents);

    m_totals = new QLabel(this);
    auto *tickAll = new QPushButton(tr("Tick all"), this);
    auto *tickNone = new QPushButton(tr("Tick none"), this);
    tickAll->setAutoDefault(false);
    tickNone->setAutoDefault(false);
    auto *totalsRow = new QHBoxLayout;
    totalsRow->addWidget(m_totals, 1);
    totalsRow->addWidget(tickAll);
    totalsRow->addWidget(tickNone);

    m_skipped = new QTreeWidget(this);
    m_skipped->setColumnCount(2);
    m_skipped->setHeaderLabels({tr("Path"), tr("Why it is left alone")});
    m_skipped->setRootIsDecorated(false);
    m_skipped->setUniformRowHeights(true);
    m_skipped->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_diff = new QPlainTextEdit(this);
    m_diff->setReadOnly(true);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_skipped, tr("Left alone"));
    m_tabs->addTab(m_diff, tr(".dockerignore changes"));

    m_quarantine = new QCheckBox(tr("Move to &quarantine instead of the trash"), this);
    m_quarantine->setToolTip(
        tr("The quarantine is a folder of Revscope's own; undo brings files back from it"));
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_apply = new QPushButton(tr("&Apply"), this);
    m_undo = new QPushButton(tr("&Undo cleanup"), this);
    m_undo->setEnabled(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_apply, QDialogButtonBox::ActionRole);
    buttons->addButton(m_undo, QDialogButtonBox::ActionRole);
    // Enter must not apply a cleanup by accident.
    m_apply->setAutoDefault(false);
    m_undo->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_project);
    layout->addWidget(options);
    layout->addWidget(m_actions, 3);
    layout->addLayout(totalsRow);
    layout->addWidget(m_tabs, 2);
    layout->addWidget(m_quarantine);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    resize(820, 620);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_versionScope, &QRadioButton::toggled, this, &CleanupDialog::replan);
    connect(m_includeStale, &QCheckBox::toggled, this, &CleanupDialog::replan);
    connect(m_dockerignore, &QCheckBox::toggled, this, &CleanupDialog::replan);
    connect(tickAll, &QPushButton::clicked, this, [this] { m_model->setAllEnabled(true); });
    connect(tickNone, &QPushButton::clicked, this, [this] { m_model->setAllEnabled(false); });
    connect(m_model, &CleanupPlanModel::totalsChanged, this, &CleanupDialog::updateTotals);
    connect(m_apply, &QPushButton::clicked, this, &CleanupDialog::apply);
    connect(m_undo, &QPushButton::clicked, this, &CleanupDialog::undo);
    connect(&m_planWatcher, &QFutureWatcher<CleanupPlan>::finished, this,
            &CleanupDialog::onPlanned);
    connect(&m_runWatcher, &QFutureWatcher<CleanupResult>::finished, this,
            &CleanupDialog::onRunFinished);
    updateTotals();
    updateButtons();
}

CleanupDialog::~CleanupDialog()
{
    // The workers use the journal and the inspection; wait rather than leave
    // them running past the dialog.
    m_planWatcher.waitForFinished();
    m_runWatcher.waitForFinished();
}

void CleanupDialog::setInspection(const InspectionPtr &inspection, Journal *journal)
{
    m_inspection = inspection;
    m_journal = journal;
    m_lastJournalId = 0;
    m_lastResult = CleanupResult();
    m_result->clear();
    const QString root = inspection ? QDir::toNativeSeparators(inspection->root) : QString();
    m_project->setText(tr("Project: %1").arg(root));
    replan();
}

void CleanupDialog::setPreselectedPath(const QString &path)
{
    m_preselected = path;
    if (!m_preselected.isEmpty()) {
        m_model->setOnlyEnabled(m_preselected);
    }
}

CleanupOptions CleanupDialog::options() const
{
    CleanupOptions result;
    result.scope = m_projectScope->isChecked() ? CleanupOptions::Scope::Project
                                               : CleanupOptions::Scope::VersionLocations;
    result.includeStale = m_includeStale->isChecked();
    result.dockerignore = m_dockerignore->isChecked();
    return result;
}

void CleanupDialog::setOptions(const CleanupOptions &options)
{
    // One plan for all three changes, not one per toggle.
    const QSignalBlocker blockVersion(m_versionScope);
    const QSignalBlocker blockProject(m_projectScope);
    const QSignalBlocker blockStale(m_includeStale);
    const QSignalBlocker blockIgnore(m_dockerignore);
    const bool project = options.scope == CleanupOptions::Scope::Project;
    m_projectScope->setChecked(project);
    m_versionScope->setChecked(!project);
    m_includeStale->setChecked(options.includeStale);
    m_dockerignore->setChecked(options.dockerignore);
    replan();
}

bool CleanupDialog::preferQuarantine() const
{
    return m_quarantine->isChecked();
}

void CleanupDialog::setPreferQuarantine(bool prefer)
{
    m_quarantine->setChecked(prefer);
}

CleanupPlan CleanupDialog::plan() const
{
    return m_model->plan();
}

void CleanupDialog::replan()
{
    if (!m_inspection) {
        m_model->setPlan(CleanupPlan());
        showSkipped();
        showDiff();
        updateButtons();
        return;
    }
    if (isPlanning() || isBusy()) {
        // Plan again once the running work is over, with the options then.
        m_replanPending = true;
        return;
    }
    m_replanPending = false;
    const InspectionPtr inspection = m_inspection;
    const CleanupOptions planOptions = options();
    m_totals->setText(tr("Planning..."));
    m_planWatcher.setFuture(QtConcurrent::run(
        [inspection, planOptions] { return CleanupPlanner::plan(*inspection, planOptions); }));
    updateButtons();
}

void CleanupDialog::onPlanned()
{
    if (m_replanPending) {
        updateButtons();
        replan();
        return;
    }
    m_model->setPlan(m_planWatcher.result());
    if (!m_preselected.isEmpty()) {
        m_model->setOnlyEnabled(m_preselected);
    }
    showSkipped();
    showDiff();
    updateTotals();
    updateButtons();
    Q_EMIT planned();
}

void CleanupDialog::showSkipped()
{
    m_skipped->clear();
    const CleanupPlan current = m_model->plan();
    for (const CleanupSkip &skip : current.skipped) {
        auto *item = new QTreeWidgetItem(m_skipped);
        item->setText(0, current.relativePath(skip.path));
        item->setToolTip(0, skip.path);
        item->setText(1, skip.why);
        item->setToolTip(1, skip.why);
    }
    const int count = int(current.skipped.size());
    m_tabs->setTabText(0, tr("Left alone (%1)").arg(count));
}

void CleanupDialog::showDiff()
{
    m_diff->clear();
    const CleanupPlan current = m_model->plan();
    QStringList diffs;
    for (const CleanupAction &action : current.actions) {
        if (action.kind == CleanupAction::Kind::EditIgnore && !action.diff.isEmpty()) {
            diffs.append(action.diff);
        }
    }
    m_tabs->setTabEnabled(1, !diffs.isEmpty());
    if (diffs.isEmpty()) {
        m_tabs->setCurrentIndex(0);
        return;
    }
    // Green and red readable on the palette's base, light or dark.
    const bool dark = m_diff->palette().color(QPalette::Base).lightness() < 128;
    QTextCharFormat added;
    added.setForeground(dark ? QColor(0x7e, 0xe7, 0x87) : QColor(0x11, 0x6b, 0x2a));
    QTextCharFormat removed;
    removed.setForeground(dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xb3, 0x1d, 0x28));
    QTextCharFormat meta;
    meta.setForeground(m_diff->palette().color(QPalette::PlaceholderText));
    QTextCharFormat plain;
    plain.setForeground(m_diff->palette().color(QPalette::Text));

    QTextCursor cursor(m_diff->document());
    bool first = true;
    for (const QString &diff : std::as_const(diffs)) {
        const QStringList lines = diff.split(QLatin1Char('\n'));
        for (const QString &line : lines) {
            if (line.isEmpty() && &line == &lines.last()) {
                continue;
            }
            if (!first) {
                cursor.insertBlock();
            }
            first = false;
            const QTextCharFormat *format = &plain;
            if (line.startsWith(QLatin1String("+++")) || line.startsWith(QLatin1String("---")) ||
                line.startsWith(QLatin1String("@@"))) {
                format = &meta;
            } else if (line.startsWith(QLatin1Char('+'))) {
                format = &added;
            } else if (line.startsWith(QLatin1Char('-'))) {
                format = &removed;
            }
            cursor.insertText(line, *format);
        }
    }
    m_diff->moveCursor(QTextCursor::Start);
}

void CleanupDialog::updateTotals()
{
    if (isPlanning()) {
        return;
    }
    const CleanupPlan current = m_model->plan();
    int files = 0;
    int others = 0;
    for (const CleanupAction &action : current.actions) {
        if (!action.enabled) {
            continue;
        }
        if (action.kind == CleanupAction::Kind::Trash) {
            ++files;
        } else {
            ++others;
        }
    }
    const QString size = CleanupPlanModel::sizeText(current.enabledBytes());
    QString text;
    if (current.actions.isEmpty()) {
        text = m_inspection ? tr("Nothing to clean up.") : QString();
    } else if (others == 0) {
        text = tr("%n file(s), %1", nullptr, files).arg(size);
    } else {
        text = tr("%n file(s), %1, and %2 other change(s)", nullptr, files)
                   .arg(size, QString::number(others));
    }
    m_totals->setText(text);
    updateButtons();
}

void CleanupDialog::updateButtons()
{
    const bool busy = isBusy();
    const bool planning = isPlanning();
    m_apply->setEnabled(!busy && !planning && m_inspection && m_model->enabledCount() > 0);
    m_undo->setEnabled(!busy && m_journal && m_lastJournalId > 0);
    m_actions->setEnabled(!busy && !planning);
    m_versionScope->setEnabled(!busy);
    m_projectScope->setEnabled(!busy);
    m_includeStale->setEnabled(!busy);
    m_dockerignore->setEnabled(!busy);
    m_quarantine->setEnabled(!busy);
}

void CleanupDialog::apply()
{
    if (isBusy() || isPlanning() || !m_inspection || m_model->enabledCount() == 0) {
        return;
    }
    m_runningUndo = false;
    m_result->setText(tr("Cleaning up..."));
    const CleanupPlan current = m_model->plan();
    Journal *journal = m_journal;
    const bool quarantine = m_quarantine->isChecked();
    const QString quarantineRoot = m_quarantineRoot;
    m_runWatcher.setFuture(QtConcurrent::run([current, journal, quarantine, quarantineRoot] {
        CleanupExecutor executor(journal);
        executor.setPreferQuarantine(quarantine);
        if (!quarantineRoot.isEmpty()) {
            executor.setQuarantineRoot(quarantineRoot);
        }
        return executor.execute(current);
    }));
    updateButtons();
}

void CleanupDialog::undo()
{
    if (isBusy() || !m_journal || m_lastJournalId <= 0) {
        return;
    }
    m_runningUndo = true;
    m_result->setText(tr("Undoing..."));
    Journal *journal = m_journal;
    const qint64 id = m_lastJournalId;
    const QString quarantineRoot = m_quarantineRoot;
    m_runWatcher.setFuture(QtConcurrent::run([journal, id, quarantineRoot] {
        CleanupExecutor executor(journal);
        if (!quarantineRoot.isEmpty()) {
            executor.setQuarantineRoot(quarantineRoot);
        }
        return executor.undo(id);
    }));
    updateButtons();
}

void CleanupDialog::onRunFinished()
{
    const CleanupResult result = m_runWatcher.result();
    m_lastResult = result;
    const QString message = resultText(result, m_runningUndo);
    m_result->setText(message);
    if (m_runningUndo) {
        if (result.ok()) {
            const qint64 id = m_lastJournalId;
            m_lastJournalId = 0;
            Q_EMIT undone(id);
        }
    } else if (result.journalId > 0) {
        // Even a partial run is journaled and can be undone.
        m_lastJournalId = m_journal ? result.journalId : 0;
        Q_EMIT applied(result.journalId);
    }
    updateButtons();
    Q_EMIT operationFinished(result.ok(), message);
    // The disk changed: show what is left to clean.
    replan();
}

QString CleanupDialog::resultText(const CleanupResult &result, bool undo)
{
    const int done = result.count(CleanupOutcome::Status::Done);
    const int skipped = result.count(CleanupOutcome::Status::Skipped);
    const int failed = result.count(CleanupOutcome::Status::Failed);
    const int notRun = result.count(CleanupOutcome::Status::NotRun);
    QStringList parts;
    if (undo) {
        parts.append(tr("Restored %n item(s).", nullptr, done));
    } else {
        parts.append(tr("Done: %n action(s).", nullptr, done));
    }
    if (skipped > 0) {
        parts.append(tr("Left alone: %n.", nullptr, skipped));
    }
    if (failed > 0) {
        parts.append(tr("Failed: %n.", nullptr, failed));
    }
    if (notRun > 0) {
        parts.append(tr("Not tried: %n.", nullptr, notRun));
    }
    if (!result.error.isEmpty()) {
        parts.append(result.error);
    }
    QString text = parts.join(QLatin1Char(' '));
    int lines = 0;
    for (const CleanupOutcome &outcome : result.outcomes) {
        if (outcome.status != CleanupOutcome::Status::Skipped &&
            outcome.status != CleanupOutcome::Status::Failed) {
            continue;
        }
        if (++lines > MaxOutcomeLines) {
            break;
        }
        const QString path = QDir::toNativeSeparators(outcome.path);
        text += QLatin1Char('\n') + tr("%1: %2").arg(path, outcome.message);
    }
    return text;
}

} // namespace Revscope
