#pragma once

#include <QIdentityProxyModel>

namespace Revscope {

// Adds the GUI's look to the headless FindingsModel: severity icons and
// localized severity names.
class FindingsDecorator final : public QIdentityProxyModel
{
    Q_OBJECT
public:
    explicit FindingsDecorator(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const final;
};

} // namespace Revscope
