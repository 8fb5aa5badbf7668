#pragma once

#include "image/imageexplainer.h"
#include "inspection/inspection.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QModelIndex;
class QPushButton;
class QStackedWidget;
class QTreeView;
class QTreeWidget;
class QTreeWidgetItem;

namespace Revscope {

class ImageTreeFilterModel;
class ImageTreeModel;

// The Image tab: what each Docker image of the project will contain, and why.
// A target selector (compose service or Dockerfile), the image's file system
// as a tree (path, from, size, why), a toggle for the context files that do
// not reach the image, a search, "Explain path…" for one context path, and
// the image findings. It only reads the Inspection: the simulation ran in
// the Inspector, off the GUI thread.
class ImagePanel final : public QWidget
{
    Q_OBJECT
public:
    explicit ImagePanel(QWidget *parent = nullptr);

    void setInspection(const InspectionPtr &inspection);

    int targetCount() const;
    int currentTarget() const;
    void setCurrentTarget(int target);
    void setShowExcluded(bool show);
    bool showExcluded() const;
    void setSearchText(const QString &text);
    // Shows and returns why `contextPath` (relative to the build context)
    // does or does not reach the current target's image.
    PathExplanation explainPath(const QString &contextPath);

    bool isEmptyStateShown() const;
    QTreeView *treeView() const { return m_tree; }
    QTreeWidget *findingsView() const { return m_findings; }
    ImageTreeModel *treeModel() const { return m_model; }

Q_SIGNALS:
    // The user wants to see a file (a Dockerfile line, an ignore line, a
    // compose file): the window shows it in its source preview.
    void fileActivated(const QString &path, int line);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showTarget(int target);
    void updateSummary();
    void updateFindings();
    void expandDefault();
    void onTreeActivated(const QModelIndex &index);
    void onFindingActivated(QTreeWidgetItem *item);
    void onLinkActivated(const QString &link);
    void toggleExplain();

    InspectionPtr m_inspection;
    ImageTreeModel *m_model;
    ImageTreeFilterModel *m_filter;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QComboBox *m_targets = nullptr;
    QLineEdit *m_search = nullptr;
    QCheckBox *m_excluded = nullptr;
    QPushButton *m_explainButton = nullptr;
    QLabel *m_summary = nullptr;
    QTreeView *m_tree = nullptr;
    QFrame *m_explainBox = nullptr;
    QLineEdit *m_explainPath = nullptr;
    QLabel *m_explainResult = nullptr;
    QLabel *m_findingsTitle = nullptr;
    QTreeWidget *m_findings = nullptr;
};

} // namespace Revscope
