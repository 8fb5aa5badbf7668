#include "cleanupplanmodel.h"

#include <QFileInfo>
#include <QLocale>

namespace Revscope {

CleanupPlanModel::CleanupPlanModel(QObject *parent) : QAbstractTableModel(parent) {}

void CleanupPlanModel::setPlan(const CleanupPlan &plan)
{
    beginResetModel();
    m_plan = plan;
    endResetModel();
    emitTotalsIfChanged();
}

const CleanupAction *CleanupPlanModel::actionAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_plan.actions.size()) {
        return nullptr;
    }
    return &m_plan.actions.at(index.row());
}

int CleanupPlanModel::rowOf(const QString &path) const
{
    const QString wanted = QFileInfo(path).absoluteFilePath();
    for (int row = 0; row < m_plan.actions.size(); ++row) {
        if (QFileInfo(m_plan.actions.at(row).path).absoluteFilePath() == wanted) {
            return row;
        }
    }
    return -1;
}

void CleanupPlanModel::setAllEnabled(bool enabled)
{
    for (CleanupAction &action : m_plan.actions) {
        action.enabled = enabled;
    }
    if (!m_plan.actions.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(int(m_plan.actions.size()) - 1, 0),
                           {Qt::CheckStateRole});
    }
    emitTotalsIfChanged();
}

bool CleanupPlanModel::setOnlyEnabled(const QString &path)
{
    const int row = rowOf(path);
    if (row < 0) {
        return false;
    }
    // The folder that held the file may go too once it is empty; the
    // executor removes it only if nothing else is left in it.
    const QString folder = QFileInfo(m_plan.actions.at(row).path).absolutePath();
    for (int i = 0; i < m_plan.actions.size(); ++i) {
        CleanupAction &action = m_plan.actions[i];
        action.enabled = i == row || (action.kind == CleanupAction::Kind::RemoveFolder &&
                                      QFileInfo(action.path).absoluteFilePath() == folder);
    }
    Q_EMIT dataChanged(index(0, 0), index(int(m_plan.actions.size()) - 1, 0), {Qt::CheckStateRole});
    emitTotalsIfChanged();
    return true;
}

QString CleanupPlanModel::kindText(CleanupAction::Kind kind)
{
    switch (kind) {
    case CleanupAction::Kind::Trash:
        return tr("Move to trash");
    case CleanupAction::Kind::RemoveFolder:
        return tr("Remove empty folder");
    case CleanupAction::Kind::EditIgnore:
        return tr("Edit .dockerignore");
    }
    return {};
}

QString CleanupPlanModel::reasonText(const QString &code)
{
    if (code == QLatin1String("stray-bytecode")) {
        return tr("Stray bytecode (no source)");
    }
    if (code == QLatin1String("stale-bytecode")) {
        return tr("Stale bytecode (source changed)");
    }
    if (code == QLatin1String("dockerignore-no-bytecode-rule")) {
        return tr("No bytecode rule in .dockerignore");
    }
    return code;
}

QString CleanupPlanModel::sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

int CleanupPlanModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plan.actions.size());
}

int CleanupPlanModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CleanupPlanModel::data(const QModelIndex &index, int role) const
{
    const CleanupAction *action = actionAt(index);
    if (!action) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ActionColumn:
            return kindText(action->kind);
        case PathColumn:
            return m_plan.relativePath(action->path);
        case ReasonColumn:
            return reasonText(action->reason);
        case SizeColumn:
            return action->kind == CleanupAction::Kind::Trash ? sizeText(action->bytes) : QString();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == PathColumn) {
            return action->revision.isEmpty()
                       ? action->path
                       : tr("%1\nDefines revision %2").arg(action->path, action->revision);
        }
        return {};
    case Qt::CheckStateRole:
        if (index.column() == ActionColumn) {
            return action->enabled ? Qt::Checked : Qt::Unchecked;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn) {
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case PathRole:
        return action->path;
    case KindRole:
        return int(action->kind);
    case BytesRole:
        return action->bytes;
    case ReasonCodeRole:
        return action->reason;
    }
    return {};
}

bool CleanupPlanModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || index.column() != ActionColumn || !actionAt(index)) {
        return false;
    }
    const bool enabled = value.toInt() == Qt::Checked;
    CleanupAction &action = m_plan.actions[index.row()];
    if (action.enabled != enabled) {
        action.enabled = enabled;
        Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
        emitTotalsIfChanged();
    }
    return true;
}

Qt::ItemFlags CleanupPlanModel::flags(const QModelIndex &index) const
{
    if (!actionAt(index)) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == ActionColumn) {
        result |= Qt::ItemIsUserCheckable;
    }
    return result;
}

QVariant CleanupPlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case ActionColumn:
        return tr("Action");
    case PathColumn:
        return tr("Path");
    case ReasonColumn:
        return tr("Reason");
    case SizeColumn:
        return tr("Size");
    }
    return {};
}

void CleanupPlanModel::emitTotalsIfChanged()
{
    const int count = enabledCount();
    const qint64 bytes = enabledBytes();
    if (count != m_lastCount || bytes != m_lastBytes) {
        m_lastCount = count;
        m_lastBytes = bytes;
        Q_EMIT totalsChanged(count, bytes);
    }
}

} // namespace Revscope
