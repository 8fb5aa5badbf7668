#include "recentprojectsdelegate.h"

#include "models/recentprojectsmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDir>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace Revscope {

namespace {

constexpr int kPadding = 9;
constexpr int kIconSize = 24;
constexpr int kButtonSize = 22;
constexpr int kLineGap = 2;

QColor mix(const QColor &a, const QColor &b, qreal amountOfB)
{
    return QColor::fromRgbF(float(a.redF() * (1 - amountOfB) + b.redF() * amountOfB),
                            float(a.greenF() * (1 - amountOfB) + b.greenF() * amountOfB),
                            float(a.blueF() * (1 - amountOfB) + b.blueF() * amountOfB));
}

QFont nameFont(const QFont &base)
{
    QFont font = base;
    font.setWeight(QFont::DemiBold);
    return font;
}

QFont pathFont(const QFont &base)
{
    QFont font = base;
    if (font.pointSizeF() > 0) {
        font.setPointSizeF(font.pointSizeF() * 0.92);
    }
    return font;
}

} // namespace

RecentProjectsDelegate::RecentProjectsDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

QRect RecentProjectsDelegate::removeButtonRect(const QRect &itemRect)
{
    return QRect(itemRect.right() - kPadding - kButtonSize + 1,
                 itemRect.center().y() - kButtonSize / 2 + 1, kButtonSize, kButtonSize);
}

QSize RecentProjectsDelegate::sizeHint(const QStyleOptionViewItem &option,
                                       const QModelIndex &index) const
{
    Q_UNUSED(index);
    const int text = QFontMetrics(nameFont(option.font)).height() + kLineGap +
                     QFontMetrics(pathFont(option.font)).height();
    return QSize(200, std::max(text, kIconSize) + 2 * kPadding);
}

void RecentProjectsDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    const QPalette &palette = option.palette;
    const bool exists = index.data(RecentProjectsModel::ExistsRole).toBool();
    const bool hovered = option.state & QStyle::State_MouseOver;
    const bool selected = option.state & QStyle::State_Selected;
    const QColor background = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor muted = mix(background, text, 0.6);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF card = QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5);
    if (selected || hovered) {
        QColor fill = selected ? mix(background, palette.color(QPalette::Highlight), 0.16)
                               : mix(background, text, 0.06);
        painter->setPen(selected && (option.state & QStyle::State_HasFocus)
                            ? QPen(mix(background, palette.color(QPalette::Highlight), 0.6), 1)
                            : Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(card, 6, 6);
    }

    const QRect icon(option.rect.left() + kPadding, option.rect.center().y() - kIconSize / 2 + 1,
                     kIconSize, kIconSize);
    const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    style->standardIcon(QStyle::SP_DirIcon, nullptr, option.widget)
        .paint(painter, icon, Qt::AlignCenter, exists ? QIcon::Normal : QIcon::Disabled);

    const bool showButton = hovered;
    const int textLeft = icon.right() + 1 + kPadding + 2;
    const int textRight = (showButton ? removeButtonRect(option.rect).left() - kPadding
                                      : option.rect.right() - kPadding);
    const int width = std::max(0, textRight - textLeft);
    const QFont nameF = nameFont(option.font);
    const QFont pathF = pathFont(option.font);
    const QFontMetrics nameMetrics(nameF);
    const QFontMetrics pathMetrics(pathF);
    const int textHeight = nameMetrics.height() + kLineGap + pathMetrics.height();
    int y = option.rect.top() + (option.rect.height() - textHeight) / 2;

    const QString name = index.data(RecentProjectsModel::NameRole).toString();
    const QString missing = exists ? QString() : tr("(missing)");
    const int missingWidth =
        missing.isEmpty() ? 0
                          : pathMetrics.horizontalAdvance(missing) + pathMetrics.averageCharWidth();
    painter->setFont(nameF);
    painter->setPen(exists ? text : muted);
    const QString elidedName =
        nameMetrics.elidedText(name, Qt::ElideRight, std::max(0, width - missingWidth));
    painter->drawText(QRect(textLeft, y, width, nameMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, elidedName);
    if (!missing.isEmpty()) {
        QFont italic = pathF;
        italic.setItalic(true);
        painter->setFont(italic);
        const int x =
            textLeft + nameMetrics.horizontalAdvance(elidedName) + pathMetrics.averageCharWidth();
        painter->drawText(QRect(x, y, std::max(0, textRight - x), nameMetrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, missing);
    }
    y += nameMetrics.height() + kLineGap;
    painter->setFont(pathF);
    painter->setPen(exists ? muted : mix(background, text, 0.42));
    const QString path =
        QDir::toNativeSeparators(index.data(RecentProjectsModel::PathRole).toString());
    painter->drawText(QRect(textLeft, y, width, pathMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      pathMetrics.elidedText(path, Qt::ElideMiddle, width));

    if (showButton) {
        const QRectF button = removeButtonRect(option.rect);
        if (m_hoveredButton == index) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(mix(background, text, 0.16));
            painter->drawRoundedRect(button, 4, 4);
        }
        const qreal inset = button.width() * 0.32;
        painter->setPen(
            QPen(m_hoveredButton == index ? text : muted, 1.5, Qt::SolidLine, Qt::RoundCap));
        const QRectF cross = button.adjusted(inset, inset, -inset, -inset);
        painter->drawLine(cross.topLeft(), cross.bottomRight());
        painter->drawLine(cross.topRight(), cross.bottomLeft());
    }
    painter->restore();
}

bool RecentProjectsDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                       const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() == QEvent::ToolTip && removeButtonRect(option.rect).contains(event->pos())) {
        QToolTip::showText(event->globalPos(), tr("Remove from List"), view->viewport(),
                           removeButtonRect(option.rect));
        return true;
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace Revscope
