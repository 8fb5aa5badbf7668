#pragma once

#include "release/comparison.h"

#include <QAbstractTableModel>

namespace Revscope {

// One kind of change of a comparison's environment (removed, added, rewired
// or edited revisions) as a table. Headless (QtCore only), so it is tested
// without a display.
class ComparisonChangesModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Kind { Removed, Added, Rewired, Edited };
    enum Column { RevisionColumn, MessageColumn, DetailColumn, FileColumn, ColumnCount };
    enum Role {
        RevisionRole = Qt::UserRole + 1,
        FileRole, // absolute path in the version that has the revision
    };

    explicit ComparisonChangesModel(Kind kind, QObject *parent = nullptr);

    Kind kind() const { return m_kind; }
    void setComparison(const Comparison &comparison, const QString &environment);
    QString revisionAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const final;
    int columnCount(const QModelIndex &parent = {}) const final;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const final;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const final;

private:
    struct Row
    {
        QString revision;
        QString message;
        QString detail;
        QString file;     // absolute
        QString location; // relative to the version's root
    };

    Kind m_kind;
    QList<Row> m_rows;
};

} // namespace Revscope
