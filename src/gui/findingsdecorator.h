#pragma once

#include "analysis/finding.h"

#include <QIcon>
#include <QIdentityProxyModel>

namespace Revscope {

// Adds the GUI's look to the headless FindingsModel: severity icons.
class FindingsDecorator final : public QIdentityProxyModel
{
    Q_OBJECT
public:
    explicit FindingsDecorator(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const final;

    // The style's icon for a severity, wherever findings are listed.
    static QIcon severityIcon(Severity severity);
};

} // namespace Revscope
