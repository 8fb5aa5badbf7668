#include "comparisonchangesmodel.h"

namespace Revscope {

namespace {

const Revision *sourceRevision(const ComparisonSide &side, const QString &label, const QString &id)
{
    const EnvironmentInspection *ei = side.environment(label);
    const Revision *revision = ei ? ei->graph.revision(id) : nullptr;
    return revision && revision->origin == RevisionOrigin::Source ? revision : nullptr;
}

QString listText(const QStringList &ids)
{
    return ids.isEmpty() ? QStringLiteral("\u2014") : ids.join(QLatin1String(", "));
}

} // namespace

ComparisonChangesModel::ComparisonChangesModel(Kind kind, QObject *parent)
    : QAbstractTableModel(parent), m_kind(kind)
{}

void ComparisonChangesModel::setComparison(const Comparison &comparison, const QString &environment)
{
    beginResetModel();
    m_rows.clear();
    const EnvironmentDiff *diff = comparison.environment(environment);
    if (diff) {
        QHash<QString, QString> replacementOf;
        QHash<QString, QStringList> replaces;
        for (const SquashMapping &mapping : diff->squash) {
            replaces.insert(mapping.replacedBy, mapping.removed);
            for (const QString &id : mapping.removed) {
                replacementOf.insert(id, mapping.replacedBy);
            }
        }
        QStringList rewiredIds;
        for (const RewiredRevision &rewired : diff->rewired) {
            rewiredIds.append(rewired.id);
        }
        // Removed revisions are described by the older version, the rest by the newer.
        const bool older = m_kind == Kind::Removed;
        const ComparisonSide &side = older ? comparison.from() : comparison.to();
        const auto addRow = [&](const QString &id, const QString &detail) {
            Row row;
            row.revision = id;
            row.detail = detail;
            if (const Revision *revision = sourceRevision(side, environment, id)) {
                row.message = revision->message;
                row.file = revision->file;
                row.location = side.inspection->relativePath(revision->file);
            }
            m_rows.append(row);
        };
        switch (m_kind) {
        case Kind::Removed:
            for (const QString &id : diff->removed) {
                const QString by = replacementOf.value(id);
                addRow(id, by.isEmpty() ? tr("nothing replaces it") : by);
            }
            break;
        case Kind::Added:
            for (const QString &id : diff->added) {
                addRow(id, replaces.contains(id) ? listText(replaces.value(id)) : QString());
            }
            break;
        case Kind::Rewired:
            for (const RewiredRevision &rewired : diff->rewired) {
                const QString before = listText(rewired.from);
                const QString after = listText(rewired.to);
                addRow(rewired.id, tr("%1 \u2192 %2").arg(before, after));
            }
            break;
        case Kind::Edited:
            for (const QString &id : diff->edited) {
                addRow(id, rewiredIds.contains(id) ? tr("rewired") : tr("script changed"));
            }
            break;
        }
    }
    endResetModel();
}

QString ComparisonChangesModel::revisionAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).revision : QString();
}

int ComparisonChangesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ComparisonChangesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ComparisonChangesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_rows.size()) {
        return {};
    }
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case RevisionColumn:
            return row.revision;
        case MessageColumn:
            return row.message;
        case DetailColumn:
            return row.detail;
        case FileColumn:
            return row.location;
        }
        return {};
    case RevisionRole:
        return row.revision;
    case FileRole:
        return row.file;
    }
    return {};
}

QVariant ComparisonChangesModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case RevisionColumn:
        return tr("Revision");
    case MessageColumn:
        return tr("Message");
    case DetailColumn:
        switch (m_kind) {
        case Kind::Removed:
            return tr("Replaced by");
        case Kind::Added:
            return tr("Replaces");
        case Kind::Rewired:
            return tr("Down revisions");
        case Kind::Edited:
            return tr("Change");
        }
        return {};
    case FileColumn:
        return tr("File");
    }
    return {};
}

} // namespace Revscope
