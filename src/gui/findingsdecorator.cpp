#include "findingsdecorator.h"

#include "models/findingsmodel.h"

#include <QApplication>
#include <QIcon>
#include <QStyle>

namespace Revscope {

FindingsDecorator::FindingsDecorator(QObject *parent) : QIdentityProxyModel(parent) {}

QVariant FindingsDecorator::data(const QModelIndex &index, int role) const
{
    if (index.column() == FindingsModel::SeverityColumn && role == Qt::DecorationRole) {
        return severityIcon(
            Severity(QIdentityProxyModel::data(index, FindingsModel::SeverityRole).toInt()));
    }
    return QIdentityProxyModel::data(index, role);
}

QIcon FindingsDecorator::severityIcon(Severity severity)
{
    QStyle *style = QApplication::style();
    switch (severity) {
    case Severity::Error:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case Severity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case Severity::Info:
        return style->standardIcon(QStyle::SP_MessageBoxInformation);
    }
    return QIcon();
}

} // namespace Revscope
