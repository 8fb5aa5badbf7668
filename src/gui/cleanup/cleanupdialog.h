#pragma once

#include "cleanup/cleanupexecutor.h"
#include "cleanup/cleanupplan.h"
#include "inspection/inspection.h"

#include <QDialog>
#include <QFutureWatcher>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QTabWidget;
class QTreeView;
class QTreeWidget;

namespace Revscope {

class CleanupPlanModel;
class Journal;

// Cleans stray (and optionally stale) bytecode out of a project: shows what
// CleanupPlanner would do with checkboxes, what it leaves alone and why, and
// the .dockerignore diff; runs the ticked actions (and their undo) through
// CleanupExecutor off the GUI thread. Planning also runs off the GUI thread
// since it hashes every file.
class CleanupDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CleanupDialog(QWidget *parent = nullptr);
    ~CleanupDialog() override;

    // `journal` must outlive the dialog; without one nothing can be undone.
    void setInspection(const InspectionPtr &inspection, Journal *journal);
    // Ticks only the action on `path` (absolute) in this and later plans, as
    // "Fix" on one finding does; empty: everything planned is ticked.
    void setPreselectedPath(const QString &path);

    CleanupOptions options() const;
    void setOptions(const CleanupOptions &options);
    bool preferQuarantine() const;
    void setPreferQuarantine(bool prefer);
    // Tests point it into a temporary folder; empty: the executor's default.
    void setQuarantineRoot(const QString &folder) { m_quarantineRoot = folder; }

    // The plan as shown, with the user's ticks.
    CleanupPlan plan() const;
    CleanupPlanModel *model() const { return m_model; }
    bool isPlanning() const { return m_planWatcher.isRunning(); }
    bool isBusy() const { return m_runWatcher.isRunning(); }
    // The journal operation of the last apply, while it can be undone; 0 otherwise.
    qint64 lastJournalId() const { return m_lastJournalId; }
    CleanupResult lastResult() const { return m_lastResult; }

    // One paragraph about an apply (`undo` false) or an undo, for people.
    static QString resultText(const CleanupResult &result, bool undo);

public Q_SLOTS:
    void apply();
    void undo();
    void replan();

Q_SIGNALS:
    // A new plan is shown.
    void planned();
    void applied(qint64 journalId);
    void undone(qint64 journalId);
    // After every apply or undo attempt, successful or not.
    void operationFinished(bool ok, const QString &message);

private:
    void onPlanned();
    void onRunFinished();
    void showSkipped();
    void showDiff();
    void updateTotals();
    void updateButtons();

    InspectionPtr m_inspection;
    Journal *m_journal = nullptr;
    QString m_preselected;
    QString m_quarantineRoot;
    qint64 m_lastJournalId = 0;
    CleanupResult m_lastResult;
    bool m_runningUndo = false;
    bool m_replanPending = false;

    QLabel *m_project = nullptr;
    QRadioButton *m_versionScope = nullptr;
    QRadioButton *m_projectScope = nullptr;
    QCheckBox *m_includeStale = nullptr;
    QCheckBox *m_dockerignore = nullptr;
    CleanupPlanModel *m_model = nullptr;
    QTreeView *m_actions = nullptr;
    QLabel *m_totals = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTreeWidget *m_skipped = nullptr;
    QPlainTextEdit *m_diff = nullptr;
    QCheckBox *m_quarantine = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_undo = nullptr;
    QFutureWatcher<CleanupPlan> m_planWatcher;
    QFutureWatcher<CleanupResult> m_runWatcher;
};

} // namespace Revscope
