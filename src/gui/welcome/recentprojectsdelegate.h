#pragma once

#include <QPersistentModelIndex>
#include <QStyledItemDelegate>

namespace Revscope {

// Paints a recent project on two lines, name above full path, greyed with
// "(missing)" when the folder is gone, and a small remove button while the
// mouse is over the row. Reads the roles of RecentProjectsModel.
class RecentProjectsDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit RecentProjectsDelegate(QObject *parent = nullptr);

    // Where the remove button of an item with `itemRect` is drawn.
    static QRect removeButtonRect(const QRect &itemRect);
    // The item whose remove button is under the mouse (drawn emphasized).
    void setHoveredButton(const QModelIndex &index) { m_hoveredButton = index; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

private:
    QPersistentModelIndex m_hoveredButton;
};

} // namespace Revscope
