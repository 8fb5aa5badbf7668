#pragma once

#include "analysis/finding.h"
#include "inspection/inspection.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace Revscope {

// The findings of an Inspection as a table. Headless (QtCore only) so it is
// tested without a display; the GUI adds icons and colours in its views.
class FindingsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        SeverityColumn,
        CodeColumn,
        MessageColumn,
        LocationColumn,
        RevisionColumn,
        ColumnCount
    };
    enum Role {
        SeverityRole = Qt::UserRole + 1, // int(Severity)
        CodeRole,
        FileRole, // absolute path
        LineRole,
        RevisionRole,
        EnvironmentRole,
        FixRole,
    };

    explicit FindingsModel(QObject *parent = nullptr);

    void setInspection(const InspectionPtr &inspection);
    InspectionPtr inspection() const { return m_inspection; }
    const Finding *findingAt(const QModelIndex &index) const;

    int rowCount(const QModelIndex &parent = {}) const final;
    int columnCount(const QModelIndex &parent = {}) const final;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const final;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const final;

private:
    QString locationText(const Finding &finding) const;

    InspectionPtr m_inspection;
};

// Filters findings by minimum severity, environment and free text.
class FindingsFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit FindingsFilterModel(QObject *parent = nullptr);

    void setMinimumSeverity(Severity severity);
    Severity minimumSeverity() const { return m_minimum; }
    void setEnvironment(const QString &label); // empty: all
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const final;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const final;

private:
    Severity m_minimum = Severity::Info;
    QString m_environment;
    QString m_text;
};

} // namespace Revscope
