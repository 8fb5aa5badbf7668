#include "findingsdecorator.h"

#include "analysis/finding.h"
#include "models/findingsmodel.h"

#include <QApplication>
#include <QIcon>
#include <QStyle>

namespace Revscope {

FindingsDecorator::FindingsDecorator(QObject *parent) : QIdentityProxyModel(parent) {}

QVariant FindingsDecorator::data(const QModelIndex &index, int role) const
{
    if (index.column() == FindingsModel::SeverityColumn &&
        (role == Qt::DecorationRole || role == Qt::DisplayRole)) {
        const auto severity =
            Severity(QIdentityProxyModel::data(index, FindingsModel::SeverityRole).toInt());
        if (role == Qt::DisplayRole) {
            switch (severity) {
            case Severity::Error:
                return tr("Error");
            case Severity::Warning:
                return tr("Warning");
            case Severity::Info:
                return tr("Info");
            }
        }
        QStyle *style = QApplication::style();
        switch (severity) {
        case Severity::Error:
            return style->standardIcon(QStyle::SP_MessageBoxCritical);
        case Severity::Warning:
            return style->standardIcon(QStyle::SP_MessageBoxWarning);
        case Severity::Info:
            return style->standardIcon(QStyle::SP_MessageBoxInformation);
        }
    }
    return QIdentityProxyModel::data(index, role);
}

} // namespace Revscope
