#pragma once

#include "inspection/inspector.h"
#include "release/comparison.h"
#include "release/comparisonoverlay.h"
#include "release/gitrefs.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QStringList>

#include <atomic>
#include <memory>

class QComboBox;
class QFrame;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;

namespace Revscope {

class ComparisonChangesModel;
class FindingsDecorator;
class FindingsModel;
class GraphPanel;
class SquashMappingModel;

// "Compare…": reviews a squash by comparing two versions of the project (git
// refs or folders). Runs Comparison off the GUI thread with progress and
// Cancel, then shows both graphs as one (GraphPanel in compare mode), the
// removed, added, rewired and edited revisions, the squash mapping for the
// user to confirm or correct (which re-runs the checks), and the checks.
// With a database set, it says whether the version table still names a
// removed revision and offers the stamp that repairs it. Non-modal.
class CompareDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CompareDialog(QWidget *parent = nullptr);
    ~CompareDialog() override;

    // The project to compare: its folder (git refs are read from the
    // repository holding it) and its current inspection (which environment
    // to show first). Fills the From / To pickers off the GUI thread.
    void setProject(const QString &root, const InspectionPtr &current);
    // The database to check the squash against, as the window reads it (an
    // empty URL: none). Takes effect with the next comparison.
    void setDatabase(const InspectOptions::Database &database);

Q_SIGNALS:
    // The user asks to stamp `environment`'s database to `targets` (full
    // revision ids, or "base"); the window opens its stamp dialog.
    void stampRequested(const QString &environment, const QStringList &targets);
    // A revision was double-clicked (graph, tables or checks).
    void revisionActivated(const QString &id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillRefs();
    void onRefsListed();
    void browse(QComboBox *combo);
    // What the worker hands back: a comparison and one environment's union
    // graph, both built off the GUI thread.
    struct Prepared
    {
        Comparison comparison;
        QString environment;
        std::shared_ptr<const ComparisonOverlay> overlay;
        bool fresh = false; // a new comparison, not a re-check or another environment
    };

    void startComparison();
    void prepare(const Comparison &comparison, const QString &environment,
                 const QList<SquashMapping> &mapping, bool remap);
    void cancelComparison();
    void onPrepared();
    void setBusy(bool busy, bool comparing);
    void display(const Prepared &prepared);
    void showEnvironment();
    void applyMapping();
    void updateDatabaseBanner();
    void updateTabTitles();
    QString currentEnvironment() const;
    QString refOf(const QComboBox *combo) const;

    QString m_root;
    InspectionPtr m_current;
    InspectOptions::Database m_database;
    Comparison m_comparison;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QFutureWatcher<Prepared> m_watcher;
    QFutureWatcher<QList<GitRef>> m_refsWatcher;

    QComboBox *m_from = nullptr;
    QComboBox *m_to = nullptr;
    QPushButton *m_compare = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QLabel *m_status = nullptr;
    QComboBox *m_environment = nullptr;
    QLabel *m_environmentLabel = nullptr;
    GraphPanel *m_graph = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTabWidget *m_review = nullptr;
    ComparisonChangesModel *m_removed = nullptr;
    ComparisonChangesModel *m_added = nullptr;
    ComparisonChangesModel *m_rewired = nullptr;
    ComparisonChangesModel *m_edited = nullptr;
    SquashMappingModel *m_mapping = nullptr;
    QWidget *m_mappingPage = nullptr;
    QComboBox *m_replacement = nullptr;
    QPushButton *m_confirm = nullptr;
    QLabel *m_mappingState = nullptr;
    FindingsModel *m_findings = nullptr;
    FindingsDecorator *m_findingsView = nullptr;
    QFrame *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    QPushButton *m_stamp = nullptr;
};

} // namespace Revscope
