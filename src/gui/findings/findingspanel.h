#pragma once

#include "analysis/finding.h"
#include "inspection/inspection.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QTableView;
class QToolButton;

namespace Revscope {

class FindingsDecorator;
class FindingsFilterModel;
class FindingsModel;

// The Findings dock: every finding of the inspection in a sortable table,
// filtered by minimum severity, environment and free text.
class FindingsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit FindingsPanel(QWidget *parent = nullptr);

    void setInspection(const InspectionPtr &inspection);
    // Findings of other environments are hidden; project-wide ones stay.
    void setEnvironment(const QString &label);
    void setMinimumSeverity(Severity severity);
    Severity minimumSeverity() const;
    void setFilterText(const QString &text);

    // Rows shown after filtering.
    int visibleCount() const;
    const Finding *currentFinding() const;
    // Makes the first shown finding naming `revision` current; false if none.
    bool selectFindingOf(const QString &revision);
    QTableView *view() const { return m_table; }
    // "About This Finding" (F1): emits helpRequested() with the current
    // finding's code; disabled without one. For the finding context menu too.
    QAction *aboutFindingAction() const { return m_aboutAction; }

Q_SIGNALS:
    void findingSelected(const Revscope::Finding &finding);
    void findingActivated(const Revscope::Finding &finding); // double-click or Enter
    void selectionCleared();
    void contextMenuRequested(const Revscope::Finding &finding, const QPoint &globalPos);
    // The user asked for the help page of a finding code.
    void helpRequested(const QString &code);

private:
    const Finding *findingAt(const QModelIndex &viewIndex) const;
    void onCurrentChanged(const QModelIndex &current);
    void updateCount();
    void updateAboutAction();

    FindingsModel *m_model;
    FindingsFilterModel *m_filter;
    FindingsDecorator *m_decorator;
    QComboBox *m_severity = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_table = nullptr;
    QAction *m_aboutAction = nullptr;
    QToolButton *m_aboutButton = nullptr;
};

} // namespace Revscope
