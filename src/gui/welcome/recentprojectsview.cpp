#include "recentprojectsview.h"

#include "models/recentprojectsmodel.h"
#include "recentprojectsdelegate.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDir>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QToolTip>

namespace Revscope {

RecentProjectsView::RecentProjectsView(QWidget *parent)
    : QListView(parent), m_delegate(new RecentProjectsDelegate(this))
{
    setItemDelegate(m_delegate);
    setFrameShape(QFrame::NoFrame);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setUniformItemSizes(true);
    setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_Hover);
    setCursor(Qt::PointingHandCursor);
    setAccessibleName(tr("Recent projects"));
}

void RecentProjectsView::setRecentProjects(RecentProjectsModel *model)
{
    m_model = model;
    setModel(model);
}

void RecentProjectsView::openRow(int row)
{
    if (!m_model || row < 0 || row >= m_model->rowCount()) {
        return;
    }
    const QModelIndex index = m_model->index(row);
    // The folder may have come back (a drive mounted again) or gone since listing.
    if (m_model->refreshExists(row)) {
        Q_EMIT openRequested(index.data(RecentProjectsModel::PathRole).toString());
        return;
    }
    const QRect rect = visualRect(index);
    QToolTip::showText(viewport()->mapToGlobal(rect.bottomLeft()),
                       tr("This folder no longer exists. Press Delete to remove it from the list."),
                       viewport(), rect);
}

void RecentProjectsView::removeRow(int row)
{
    if (m_model) {
        m_model->remove(row);
    }
}

bool RecentProjectsView::onRemoveButton(const QModelIndex &index, const QPoint &pos) const
{
    return index.isValid() &&
           RecentProjectsDelegate::removeButtonRect(visualRect(index)).contains(pos);
}

void RecentProjectsView::setHoveredButton(const QModelIndex &index)
{
    if (QModelIndex(m_hoveredButton) == index) {
        return;
    }
    const QModelIndex previous = m_hoveredButton;
    m_hoveredButton = index;
    m_delegate->setHoveredButton(index);
    if (previous.isValid()) {
        viewport()->update(visualRect(previous));
    }
    if (index.isValid()) {
        viewport()->update(visualRect(index));
    }
}

void RecentProjectsView::mousePressEvent(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    m_pressed = index;
    m_pressedOnButton =
        event->button() == Qt::LeftButton && onRemoveButton(index, event->position().toPoint());
    if (m_pressedOnButton) {
        event->accept();
        return;
    }
    QListView::mousePressEvent(event);
}

void RecentProjectsView::mouseReleaseEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    const QModelIndex index = indexAt(pos);
    const bool sameItem = index.isValid() && index == QModelIndex(m_pressed);
    if (m_pressedOnButton) {
        m_pressedOnButton = false;
        m_pressed = QModelIndex();
        if (sameItem && onRemoveButton(index, pos)) {
            setHoveredButton(QModelIndex());
            removeRow(index.row());
        }
        event->accept();
        return;
    }
    QListView::mouseReleaseEvent(event);
    m_pressed = QModelIndex();
    if (sameItem && event->button() == Qt::LeftButton) {
        openRow(index.row());
    }
}

void RecentProjectsView::mouseDoubleClickEvent(QMouseEvent *event)
{
    // A single click opens already; a double click must not open twice.
    event->accept();
}

void RecentProjectsView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    const QModelIndex index = indexAt(pos);
    setHoveredButton(onRemoveButton(index, pos) ? index : QModelIndex());
    QListView::mouseMoveEvent(event);
}

void RecentProjectsView::leaveEvent(QEvent *event)
{
    setHoveredButton(QModelIndex());
    QListView::leaveEvent(event);
}

void RecentProjectsView::keyPressEvent(QKeyEvent *event)
{
    const QModelIndex current = currentIndex();
    if (current.isValid() &&
        (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Delete ||
         event->key() == Qt::Key_Backspace)) {
        const int row = current.row();
        removeRow(row);
        if (m_model && m_model->rowCount() > 0) {
            setCurrentIndex(m_model->index(std::min(row, m_model->rowCount() - 1)));
        }
        event->accept();
        return;
    }
    if (current.isValid() && (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)) {
        openRow(current.row());
        event->accept();
        return;
    }
    QListView::keyPressEvent(event);
}

void RecentProjectsView::contextMenuEvent(QContextMenuEvent *event)
{
    if (!m_model) {
        return;
    }
    const QPersistentModelIndex index = indexAt(event->pos());
    QMenu menu(this);
    if (index.isValid()) {
        setCurrentIndex(index);
        const QString path = index.data(RecentProjectsModel::PathRole).toString();
        QAction *open = menu.addAction(tr("Open"), this, [this, index] {
            if (index.isValid()) {
                openRow(index.row());
            }
        });
        open->setEnabled(index.data(RecentProjectsModel::ExistsRole).toBool());
        menu.addAction(tr("Copy Path"), this, [path] {
            QApplication::clipboard()->setText(QDir::toNativeSeparators(path));
        });
        menu.addSeparator();
        menu.addAction(tr("Remove from List"), this, [this, index] {
            if (index.isValid()) {
                removeRow(index.row());
            }
        });
    }
    QAction *clearAction = menu.addAction(tr("Clear List"), m_model, &RecentProjectsModel::clear);
    clearAction->setEnabled(m_model->rowCount() > 0);
    menu.exec(event->globalPos());
}

} // namespace Revscope
