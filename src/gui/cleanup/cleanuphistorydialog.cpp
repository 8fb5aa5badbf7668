#include "cleanuphistorydialog.h"

#include "cleanup/cleanupdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QtConcurrent>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Revscope {

namespace {

QString stateText(JournalOperation::State state)
{
    switch (state) {
    case JournalOperation::State::Pending:
        return CleanupHistoryDialog::tr("Interrupted");
    case JournalOperation::State::Done:
        return CleanupHistoryDialog::tr("Done");
    case JournalOperation::State::Failed:
        return CleanupHistoryDialog::tr("Failed");
    }
    return {};
}

QString timeText(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat)
                          : QString();
}

bool canUndo(const JournalOperation &operation)
{
    // A pending operation may have moved files before it stopped; its
    // journal says which, so undo can follow it.
    return !operation.isUndone() && operation.state != JournalOperation::State::Failed;
}

} // namespace

CleanupHistoryDialog::CleanupHistoryDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Cleanup history"));
    m_list = new QTreeWidget(this);
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({tr("Time"), tr("Summary"), tr("State"), tr("Undone")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(SummaryColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(StateColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(UndoneColumn, QHeaderView::ResizeToContents);
    m_details = new QPlainTextEdit(this);
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_undo = new QPushButton(tr("&Undo"), this);
    m_undo->setAutoDefault(false);
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setAutoDefault(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_undo, QDialogButtonBox::ActionRole);
    buttons->addButton(m_refresh, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    resize(760, 480);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_undo, &QPushButton::clicked, this, &CleanupHistoryDialog::undoSelected);
    connect(m_refresh, &QPushButton::clicked, this, &CleanupHistoryDialog::reload);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this] {
        showDetails();
        updateButtons();
    });
    connect(&m_watcher, &QFutureWatcher<CleanupResult>::finished, this,
            &CleanupHistoryDialog::onFinished);
    updateButtons();
}

CleanupHistoryDialog::~CleanupHistoryDialog()
{
    m_watcher.waitForFinished();
}

void CleanupHistoryDialog::setJournal(Journal *journal, const QString &projectRoot)
{
    m_journal = journal;
    m_projectRoot = projectRoot;
    m_result->clear();
    reload();
}

void CleanupHistoryDialog::reload()
{
    const qint64 selected = selectedOperationId();
    m_operations.clear();
    m_list->clear();
    if (m_journal) {
        const QList<JournalOperation> all = m_journal->operations(JournalOperation::Kind::Cleanup);
        for (const JournalOperation &operation : all) {
            if (m_projectRoot.isEmpty() ||
                QDir::cleanPath(operation.projectRoot) == QDir::cleanPath(m_projectRoot)) {
                m_operations.append(operation);
            }
        }
        if (all.isEmpty() && !m_journal->error().isEmpty()) {
            m_result->setText(m_journal->error());
        }
    }
    for (const JournalOperation &operation : std::as_const(m_operations)) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setData(TimeColumn, OperationIdRole, operation.id);
        item->setText(TimeColumn, timeText(operation.created));
        item->setText(SummaryColumn, operation.summary);
        item->setToolTip(SummaryColumn, operation.summary);
        item->setText(StateColumn, stateText(operation.state));
        if (!operation.note.isEmpty()) {
            item->setToolTip(StateColumn, operation.note);
        }
        item->setText(UndoneColumn, timeText(operation.undone));
    }
    if (selected > 0) {
        selectOperation(selected);
    }
    if (!m_list->currentItem() && m_list->topLevelItemCount() > 0) {
        m_list->setCurrentItem(m_list->topLevelItem(0));
    }
    showDetails();
    updateButtons();
}

qint64 CleanupHistoryDialog::selectedOperationId() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(TimeColumn, OperationIdRole).toLongLong() : 0;
}

void CleanupHistoryDialog::selectOperation(qint64 operationId)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(TimeColumn, OperationIdRole).toLongLong() == operationId) {
            m_list->setCurrentItem(item);
            return;
        }
    }
}

QString CleanupHistoryDialog::resultMessage() const
{
    return m_result->text();
}

void CleanupHistoryDialog::showDetails()
{
    m_details->clear();
    const qint64 id = selectedOperationId();
    if (!m_journal || id <= 0) {
        return;
    }
    // One operation's entries: a single small query.
    const std::optional<JournalOperation> operation = m_journal->operation(id);
    if (!operation) {
        m_details->setPlainText(m_journal->error());
        return;
    }
    QStringList lines;
    if (!operation->note.isEmpty()) {
        lines.append(operation->note);
    }
    // A "-begin" entry followed by its outcome says nothing more: show the
    // outcome only; a lone one is an action a crash interrupted.
    QSet<QString> finished;
    for (const JournalFileEntry &file : operation->files) {
        if (!file.action.endsWith(QLatin1String("-begin"))) {
            finished.insert(file.originalPath);
        }
    }
    const QDir root(operation->projectRoot);
    for (const JournalFileEntry &file : operation->files) {
        if (file.action.endsWith(QLatin1String("-begin")) && finished.contains(file.originalPath)) {
            continue;
        }
        const QString relative = root.relativeFilePath(file.originalPath);
        const QString original = QDir::toNativeSeparators(
            relative.startsWith(QLatin1String("..")) ? file.originalPath : relative);
        const QString destination = QDir::toNativeSeparators(file.destination);
        lines.append(destination.isEmpty()
                         ? tr("%1  %2").arg(file.action, original)
                         : tr("%1  %2 -> %3").arg(file.action, original, destination));
    }
    m_details->setPlainText(lines.join(QLatin1Char('\n')));
}

void CleanupHistoryDialog::updateButtons()
{
    const qint64 id = selectedOperationId();
    bool undoable = false;
    for (const JournalOperation &operation : std::as_const(m_operations)) {
        if (operation.id == id) {
            undoable = canUndo(operation);
        }
    }
    m_undo->setEnabled(!isBusy() && m_journal && undoable);
    m_refresh->setEnabled(!isBusy());
}

void CleanupHistoryDialog::undoSelected()
{
    const qint64 id = selectedOperationId();
    if (isBusy() || !m_journal || id <= 0) {
        return;
    }
    m_undoing = id;
    m_result->setText(tr("Undoing..."));
    Journal *journal = m_journal;
    m_watcher.setFuture(
        QtConcurrent::run([journal, id] { return CleanupExecutor(journal).undo(id); }));
    updateButtons();
}

void CleanupHistoryDialog::onFinished()
{
    const CleanupResult result = m_watcher.result();
    const QString message = CleanupDialog::resultText(result, true);
    m_result->setText(message);
    const qint64 id = m_undoing;
    m_undoing = 0;
    reload();
    if (result.ok()) {
        Q_EMIT undone(id);
    }
    Q_EMIT operationFinished(result.ok(), message);
}

} // namespace Revscope
