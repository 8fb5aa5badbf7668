#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;

namespace Revscope {

class RecentProjectsModel;
class RecentProjectsView;

// The start page shown while no project is open: open a folder, open the
// demo, reopen a recent project, or drop a folder onto it. It only asks;
// the window opens projects (and adds them to the recent list).
class WelcomePage final : public QWidget
{
    Q_OBJECT
public:
    // `recentProjects` is not owned; may be null (no recent list shown).
    explicit WelcomePage(RecentProjectsModel *recentProjects = nullptr, QWidget *parent = nullptr);

    void setRecentProjects(RecentProjectsModel *recentProjects);
    RecentProjectsModel *recentProjects() const { return m_recent; }
    RecentProjectsView *recentProjectsView() const { return m_recentView; }

Q_SIGNALS:
    void openFolderRequested();
    void openDemoRequested();
    void openProjectRequested(const QString &path);

protected:
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void updateColors();
    void updateRecentState();
    void setDropActive(bool active);

    RecentProjectsModel *m_recent = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_tagline = nullptr;
    QPushButton *m_openFolder = nullptr;
    QPushButton *m_openDemo = nullptr;
    QLabel *m_recentHeading = nullptr;
    QPushButton *m_clear = nullptr;
    QStackedWidget *m_recentStack = nullptr;
    RecentProjectsView *m_recentView = nullptr;
    QLabel *m_noRecent = nullptr;
    QLabel *m_dropHint = nullptr;
    bool m_dropActive = false;
    bool m_updatingColors = false;
};

} // namespace Revscope
