#include "squashmappingmodel.h"

#include <QMap>

namespace Revscope {

SquashMappingModel::SquashMappingModel(QObject *parent) : QAbstractTableModel(parent) {}

void SquashMappingModel::setComparison(const Comparison &comparison, const QString &environment)
{
    beginResetModel();
    m_environment = environment;
    m_rows.clear();
    m_candidates.clear();
    const EnvironmentDiff *diff = comparison.environment(environment);
    const EnvironmentInspection *before = comparison.from().environment(environment);
    const EnvironmentInspection *after = comparison.to().environment(environment);
    if (diff) {
        for (const QString &id : diff->removed) {
            Row row;
            row.removed = id;
            const Revision *revision = before ? before->graph.revision(id) : nullptr;
            row.message = revision ? revision->message : QString();
            for (const SquashMapping &mapping : diff->squash) {
                if (mapping.removed.contains(id)) {
                    row.replacement = mapping.replacedBy;
                    row.confirmed = mapping.confirmed;
                    row.evidence = mapping.evidence;
                }
            }
            m_rows.append(row);
        }
        m_candidates = diff->added;
        for (const RewiredRevision &rewired : diff->rewired) {
            m_candidates.append(rewired.id);
        }
        if (after) {
            QStringList others;
            for (const Revision &node : after->graph.nodes()) {
                if (node.origin == RevisionOrigin::Source && !m_candidates.contains(node.id)) {
                    others.append(node.id);
                }
            }
            others.sort();
            m_candidates += others;
        }
    }
    const QString previous = m_current;
    if (!m_candidates.contains(m_current)) {
        m_current.clear();
        for (const Row &row : std::as_const(m_rows)) {
            if (!row.replacement.isEmpty()) {
                m_current = row.replacement;
                break;
            }
        }
        if (m_current.isEmpty() && !m_candidates.isEmpty()) {
            m_current = m_candidates.constFirst();
        }
    }
    endResetModel();
    if (m_current != previous) {
        Q_EMIT currentReplacementChanged(m_current);
    }
}

void SquashMappingModel::setCurrentReplacement(const QString &id)
{
    if (id == m_current || (!id.isEmpty() && !m_candidates.contains(id))) {
        return;
    }
    m_current = id;
    if (!m_rows.isEmpty()) {
        Q_EMIT dataChanged(index(0, RemovedColumn), index(rowCount() - 1, RemovedColumn),
                           {Qt::CheckStateRole});
    }
    Q_EMIT currentReplacementChanged(m_current);
}

QList<SquashMapping> SquashMappingModel::mapping() const
{
    QMap<QString, SquashMapping> entries;
    for (const Row &row : m_rows) {
        if (row.replacement.isEmpty()) {
            continue;
        }
        SquashMapping &entry = entries[row.replacement];
        const bool fresh = entry.replacedBy.isEmpty();
        entry.replacedBy = row.replacement;
        entry.removed.append(row.removed);
        entry.confirmed = fresh ? row.confirmed : entry.confirmed && row.confirmed;
        if (entry.evidence.isEmpty()) {
            entry.evidence = row.evidence;
        }
    }
    QList<SquashMapping> result = entries.values();
    for (SquashMapping &entry : result) {
        entry.removed.sort();
    }
    return result;
}

bool SquashMappingModel::isConfirmed() const
{
    for (const Row &row : m_rows) {
        if (row.replacement.isEmpty() || !row.confirmed) {
            return false;
        }
    }
    return true;
}

QString SquashMappingModel::replacementAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).replacement : QString();
}

bool SquashMappingModel::setReplacement(int row, const QString &id)
{
    if (row < 0 || row >= m_rows.size() || (!id.isEmpty() && !m_candidates.contains(id))) {
        return false;
    }
    Row &target = m_rows[row];
    if (target.replacement == id && target.confirmed) {
        return true;
    }
    target.replacement = id;
    target.confirmed = true; // the user said so
    target.evidence.clear();
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    Q_EMIT mappingEdited();
    return true;
}

int SquashMappingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SquashMappingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SquashMappingModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_rows.size()) {
        return {};
    }
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case RemovedColumn:
            return row.removed;
        case MessageColumn:
            return row.message;
        case ReplacedByColumn:
            if (role == Qt::DisplayRole && row.replacement.isEmpty()) {
                return tr("(none)");
            }
            return row.replacement;
        case StateColumn:
            if (row.replacement.isEmpty()) {
                return tr("not replaced");
            }
            if (row.confirmed) {
                return tr("confirmed");
            }
            return row.evidence.isEmpty() ? tr("inferred") : tr("inferred: %1").arg(row.evidence);
        }
        return {};
    case Qt::CheckStateRole:
        if (index.column() == RemovedColumn) {
            return !m_current.isEmpty() && row.replacement == m_current ? Qt::Checked
                                                                        : Qt::Unchecked;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == RemovedColumn) {
            return tr("Tick to say that %1 replaces %2").arg(m_current, row.removed);
        }
        if (index.column() == ReplacedByColumn) {
            return tr("The revision of the newer version that replaces %1").arg(row.removed);
        }
        return data(index, Qt::DisplayRole);
    case RevisionRole:
        return row.removed;
    case ReplacementRole:
        return row.replacement;
    case ConfirmedRole:
        return row.confirmed;
    }
    return {};
}

bool SquashMappingModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.model() != this || index.row() >= m_rows.size()) {
        return false;
    }
    if (role == Qt::CheckStateRole && index.column() == RemovedColumn) {
        if (m_current.isEmpty()) {
            return false;
        }
        const bool ticked = value.value<Qt::CheckState>() == Qt::Checked;
        const QString now = m_rows.at(index.row()).replacement;
        if (ticked) {
            return setReplacement(index.row(), m_current);
        }
        return setReplacement(index.row(), now == m_current ? QString() : now);
    }
    if (role == Qt::EditRole && index.column() == ReplacedByColumn) {
        return setReplacement(index.row(), value.toString().trimmed());
    }
    return false;
}

Qt::ItemFlags SquashMappingModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_rows.size()) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == RemovedColumn && !m_current.isEmpty()) {
        result |= Qt::ItemIsUserCheckable;
    }
    if (index.column() == ReplacedByColumn) {
        result |= Qt::ItemIsEditable;
    }
    return result;
}

QVariant SquashMappingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case RemovedColumn:
        return tr("Removed");
    case MessageColumn:
        return tr("Message");
    case ReplacedByColumn:
        return tr("Replaced by");
    case StateColumn:
        return tr("Mapping");
    }
    return {};
}

} // namespace Revscope
