#pragma once

#include <QListView>
#include <QPersistentModelIndex>

namespace Revscope {

class RecentProjectsDelegate;
class RecentProjectsModel;

// The recent projects list of the welcome page. A click (or Return) opens a
// project; the hover button, the context menu and the Delete key remove one.
class RecentProjectsView final : public QListView
{
    Q_OBJECT
public:
    explicit RecentProjectsView(QWidget *parent = nullptr);

    void setRecentProjects(RecentProjectsModel *model);
    RecentProjectsModel *recentProjects() const { return m_model; }

    // Opens the project of `row` when its folder exists; otherwise says it is missing.
    void openRow(int row);
    void removeRow(int row);

Q_SIGNALS:
    void openRequested(const QString &path);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    bool onRemoveButton(const QModelIndex &index, const QPoint &pos) const;
    void setHoveredButton(const QModelIndex &index);

    RecentProjectsModel *m_model = nullptr;
    RecentProjectsDelegate *m_delegate = nullptr;
    QPersistentModelIndex m_pressed;
    QPersistentModelIndex m_hoveredButton;
    bool m_pressedOnButton = false;
};

} // namespace Revscope
