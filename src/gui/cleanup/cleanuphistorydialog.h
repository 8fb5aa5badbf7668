#pragma once

#include "cleanup/cleanupexecutor.h"
#include "journal/journal.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace Revscope {

// The cleanups of one project as the journal records them (so it survives
// restarts), newest first, with Undo for the selected one run off the GUI
// thread.
class CleanupHistoryDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column { TimeColumn, SummaryColumn, StateColumn, UndoneColumn, ColumnCount };
    // The operation id on the items of the list.
    static constexpr int OperationIdRole = Qt::UserRole + 1;

    explicit CleanupHistoryDialog(QWidget *parent = nullptr);
    ~CleanupHistoryDialog() override;

    // `journal` must outlive the dialog; `projectRoot` empty: every project.
    void setJournal(Journal *journal, const QString &projectRoot);

    QList<JournalOperation> operations() const { return m_operations; }
    qint64 selectedOperationId() const;
    void selectOperation(qint64 operationId);
    bool isBusy() const { return m_watcher.isRunning(); }
    // "Restored 3 items." after the last undo; empty before.
    QString resultMessage() const;

public Q_SLOTS:
    void reload();
    void undoSelected();

Q_SIGNALS:
    void undone(qint64 journalId);
    void operationFinished(bool ok, const QString &message);

private:
    void showDetails();
    void updateButtons();
    void onFinished();

    Journal *m_journal = nullptr;
    QString m_projectRoot;
    QList<JournalOperation> m_operations;
    qint64 m_undoing = 0;

    QTreeWidget *m_list = nullptr;
    QPlainTextEdit *m_details = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_undo = nullptr;
    QPushButton *m_refresh = nullptr;
    QFutureWatcher<CleanupResult> m_watcher;
};

} // namespace Revscope
