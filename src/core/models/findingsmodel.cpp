#include "findingsmodel.h"

namespace Revscope {

FindingsModel::FindingsModel(QObject *parent) : QAbstractTableModel(parent) {}

void FindingsModel::setInspection(const InspectionPtr &inspection)
{
    beginResetModel();
    m_inspection = inspection;
    endResetModel();
}

const Finding *FindingsModel::findingAt(const QModelIndex &index) const
{
    if (!m_inspection || !index.isValid() || index.model() != this ||
        index.row() >= m_inspection->findings.size()) {
        return nullptr;
    }
    return &m_inspection->findings.at(index.row());
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_inspection) {
        return 0;
    }
    return int(m_inspection->findings.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FindingsModel::locationText(const Finding &finding) const
{
    QString text = m_inspection->relativePath(finding.file);
    if (!text.isEmpty() && finding.line > 0) {
        text += QLatin1Char(':') + QString::number(finding.line);
    }
    return text;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    const Finding *finding = findingAt(index);
    if (!finding) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return severityLabel(finding->severity);
        case CodeColumn:
            return finding->code;
        case MessageColumn:
            return finding->message;
        case LocationColumn:
            return locationText(*finding);
        case RevisionColumn:
            return finding->revision;
        }
        return {};
    case Qt::ToolTipRole:
        if (finding->fix.isEmpty()) {
            return finding->message;
        }
        return tr("%1\nFix: %2").arg(finding->message, finding->fix);
    case SeverityRole:
        return int(finding->severity);
    case CodeRole:
        return finding->code;
    case FileRole:
        return finding->file;
    case LineRole:
        return finding->line;
    case RevisionRole:
        return finding->revision;
    case EnvironmentRole:
        return finding->environment;
    case FixRole:
        return finding->fix;
    }
    return {};
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case CodeColumn:
        return tr("Code");
    case MessageColumn:
        return tr("Message");
    case LocationColumn:
        return tr("Location");
    case RevisionColumn:
        return tr("Revision");
    }
    return {};
}

FindingsFilterModel::FindingsFilterModel(QObject *parent) : QSortFilterProxyModel(parent) {}

void FindingsFilterModel::setMinimumSeverity(Severity severity)
{
    m_minimum = severity;
    invalidateFilter();
}

void FindingsFilterModel::setEnvironment(const QString &label)
{
    m_environment = label;
    invalidateFilter();
}

void FindingsFilterModel::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool FindingsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    const QModelIndex index = source->index(sourceRow, 0, sourceParent);
    if (source->data(index, FindingsModel::SeverityRole).toInt() < int(m_minimum)) {
        return false;
    }
    if (!m_environment.isEmpty()) {
        const QString env = source->data(index, FindingsModel::EnvironmentRole).toString();
        if (!env.isEmpty() && env != m_environment) {
            return false;
        }
    }
    if (m_text.isEmpty()) {
        return true;
    }
    for (int column = 0; column < FindingsModel::ColumnCount; ++column) {
        const QString cell = source->index(sourceRow, column, sourceParent).data().toString();
        if (cell.contains(m_text, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

bool FindingsFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == FindingsModel::SeverityColumn) {
        return left.data(FindingsModel::SeverityRole).toInt() <
               right.data(FindingsModel::SeverityRole).toInt();
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace Revscope
