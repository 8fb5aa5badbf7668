#include "cleanupcontroller.h"

#include "cleanup/cleanupdialog.h"
#include "cleanup/cleanupexecutor.h"
#include "cleanup/cleanuphistorydialog.h"
#include "journal/journal.h"

#include <QAction>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QMessageBox>
#include <QStyle>
#include <QtConcurrent>
#include <QTimer>
#include <QToolButton>

namespace Revscope {

CleanupController::CleanupController(Journal *journal, QWidget *window)
    : QObject(window), m_journal(journal), m_window(window)
{
    m_cleanAction =
        new QAction(window->style()->standardIcon(QStyle::SP_TrashIcon), tr("Clean Up…"), this);
    m_cleanAction->setToolTip(
        tr("Move stray bytecode to the trash, previewed, journaled and undoable"));
    connect(m_cleanAction, &QAction::triggered, this, [this] { cleanUp(); });

    m_undoAction = new QAction(tr("&Undo Cleanup"), this);
    m_undoAction->setShortcut(QKeySequence::Undo);
    connect(m_undoAction, &QAction::triggered, this, &CleanupController::undoLast);

    m_historyAction = new QAction(tr("Cleanup &History…"), this);
    connect(m_historyAction, &QAction::triggered, this, &CleanupController::showHistory);

    // "Cleaned up N files — Undo", shown for a while after a cleanup.
    m_notice = new QWidget(window);
    auto *layout = new QHBoxLayout(m_notice);
    layout->setContentsMargins(0, 0, 0, 0);
    m_noticeText = new QLabel(m_notice);
    layout->addWidget(m_noticeText);
    auto *undoButton = new QToolButton(m_notice);
    undoButton->setText(tr("Undo"));
    undoButton->setAutoRaise(true);
    layout->addWidget(undoButton);
    m_notice->setVisible(false);
    connect(undoButton, &QToolButton::clicked, this, &CleanupController::undoLast);

    setProject(QString(), nullptr);
}

void CleanupController::setProject(const QString &root, const InspectionPtr &inspection)
{
    if (root != m_root) {
        m_undoJournalId = 0;
        m_notice->setVisible(false);
    }
    m_root = root;
    m_inspection = inspection;
    m_cleanAction->setEnabled(!root.isEmpty());
    m_historyAction->setEnabled(!root.isEmpty());
    m_undoAction->setEnabled(!root.isEmpty() && m_undoJournalId > 0);
}

void CleanupController::cleanUp(const QString &path)
{
    if (!m_inspection) {
        return;
    }
    CleanupDialog dialog(m_window);
    if (!path.isEmpty()) {
        dialog.setPreselectedPath(path);
    }
    qint64 applied = 0;
    connect(&dialog, &CleanupDialog::applied, this, [&applied](qint64 id) { applied = id; });
    connect(&dialog, &CleanupDialog::undone, this, [&applied](qint64) { applied = 0; });
    dialog.setInspection(m_inspection, m_journal);
    dialog.exec();
    if (applied > 0) {
        offerUndo(applied, dialog.lastResult().count(CleanupOutcome::Status::Done));
    }
}

void CleanupController::offerUndo(qint64 journalId, int actions)
{
    m_undoJournalId = journalId;
    m_noticeText->setText(tr("Cleaned up: %n action(s) done.", nullptr, actions));
    m_notice->setVisible(true);
    m_undoAction->setEnabled(true);
    QTimer::singleShot(30000, m_notice, [this, journalId] {
        if (m_undoJournalId == journalId) {
            m_notice->setVisible(false);
        }
    });
}

void CleanupController::undoLast()
{
    if (m_root.isEmpty()) {
        return;
    }
    qint64 id = m_undoJournalId;
    if (id <= 0) {
        const std::optional<JournalOperation> latest =
            CleanupExecutor::latestCleanup(*m_journal, m_root);
        if (!latest) {
            Q_EMIT statusMessage(tr("There is no cleanup of this project to undo."));
            return;
        }
        id = latest->id;
    }
    m_notice->setVisible(false);
    m_undoJournalId = 0;
    m_undoAction->setEnabled(false);
    Q_EMIT statusMessage(tr("Undoing the cleanup…"));
    // Moving files back may take a while: off the GUI thread.
    Journal *journal = m_journal;
    auto *watcher = new QFutureWatcher<CleanupResult>(this);
    connect(watcher, &QFutureWatcher<CleanupResult>::finished, this, [this, watcher] {
        const CleanupResult result = watcher->result();
        watcher->deleteLater();
        const QString text = CleanupDialog::resultText(result, true);
        Q_EMIT statusMessage(text);
        if (!result.ok()) {
            QMessageBox::warning(m_window, tr("Undo Cleanup"), text);
        }
    });
    watcher->setFuture(QtConcurrent::run([journal, id] {
        CleanupExecutor executor(journal);
        return executor.undo(id);
    }));
}

void CleanupController::showHistory()
{
    if (m_root.isEmpty()) {
        return;
    }
    CleanupHistoryDialog dialog(m_window);
    dialog.setJournal(m_journal, m_root);
    dialog.exec();
}

} // namespace Revscope
