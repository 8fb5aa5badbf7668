#pragma once

#include "inspection/inspection.h"

#include <QObject>
#include <QString>

class QAction;
class QLabel;
class QWidget;

namespace Revscope {

class Journal;

// The window's side of cleanups: Clean Up… (the dialog), the "Cleaned up —
// Undo" notice shown for a while afterwards, Edit ▸ Undo Cleanup (off the
// GUI thread) and Cleanup History…. The main window places the actions and
// the notice; this class owns what they do.
class CleanupController final : public QObject
{
    Q_OBJECT
public:
    // `window` parents the dialogs; `journal` outlives this controller.
    CleanupController(Journal *journal, QWidget *window);

    QAction *cleanAction() const { return m_cleanAction; }
    QAction *undoAction() const { return m_undoAction; }
    QAction *historyAction() const { return m_historyAction; }
    QWidget *undoNotice() const { return m_notice; } // for the status bar

    // The open project (empty `root`: none); enables the actions.
    void setProject(const QString &root, const InspectionPtr &inspection);

    // Opens the cleanup dialog; `path` preselects one file (a finding's Fix).
    void cleanUp(const QString &path = QString());
    // The cleanup just applied, or else the project's latest one.
    void undoLast();
    void showHistory();

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void offerUndo(qint64 journalId, int actions);

    Journal *m_journal = nullptr;
    QWidget *m_window = nullptr;
    QString m_root;
    InspectionPtr m_inspection;
    qint64 m_undoJournalId = 0;
    QAction *m_cleanAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_historyAction = nullptr;
    QWidget *m_notice = nullptr;
    QLabel *m_noticeText = nullptr;
};

} // namespace Revscope
