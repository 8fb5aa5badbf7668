#pragma once

#include "database/databaseurl.h"
#include "database/stampexecutor.h"
#include "database/stampplan.h"
#include "inspection/inspection.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QStringList>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Revscope {

class Journal;

// Rewrites the version table of one environment's database: shows
// Revscope's suggestion and why, lets the user pick the target revisions,
// previews the rows before and after and the exact SQL, and runs the stamp
// (and its undo) through StampExecutor off the GUI thread.
class StampDialog : public QDialog
{
    Q_OBJECT

public:
    explicit StampDialog(QWidget *parent = nullptr);
    ~StampDialog() override;

    // `environment` must have its database read; `url` is the URL it was read
    // from (password included, never shown); `journal` must outlive the dialog.
    void setEnvironment(const EnvironmentInspection &environment, const DatabaseUrl &url,
                        Journal *journal);

    QStringList targets() const;
    void setTargets(const QStringList &targets);
    // The plan the preview shows.
    StampPlan plan() const { return m_plan; }
    bool isBusy() const { return m_watcher.isRunning(); }
    // The journal operation of the last successful stamp, or 0.
    qint64 lastJournalId() const { return m_lastJournalId; }

Q_SIGNALS:
    void stamped(qint64 journalId);
    void undone(qint64 journalId);
    // After every stamp or undo attempt, successful or not.
    void operationFinished(bool ok, const QString &message);

private:
    void replan();
    void showSuggestion(const StampSuggestion &suggestion);
    void startStamp();
    void startUndo();
    void onFinished();
    void updateButtons();

    EnvironmentInspection m_environment;
    DatabaseUrl m_url;
    Journal *m_journal = nullptr;
    StampPlan m_plan;
    qint64 m_lastJournalId = 0;
    bool m_runningUndo = false;

    QLabel *m_database = nullptr;
    QLabel *m_suggestion = nullptr;
    QPushButton *m_useSuggestion = nullptr;
    QLineEdit *m_targets = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_stamp = nullptr;
    QPushButton *m_undo = nullptr;
    QFutureWatcher<StampResult> m_watcher;
};

} // namespace Revscope
