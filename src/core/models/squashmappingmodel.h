#pragma once

#include "release/comparison.h"

#include <QAbstractTableModel>

namespace Revscope {

// The squash mapping of one environment of a comparison, one row per removed
// revision, for the user to confirm or correct. The Replaced-by column is
// editable (a revision of the newer version, or empty for none); the tick of
// the Removed column says whether the row belongs to the current replacement
// (setCurrentReplacement), so ticking rows builds that replacement's entry.
// Edits change mapping() and emit mappingEdited(); the caller re-runs the
// checks (Comparison::withSquash) and hands the result back.
class SquashMappingModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { RemovedColumn, MessageColumn, ReplacedByColumn, StateColumn, ColumnCount };
    enum Role {
        RevisionRole = Qt::UserRole + 1, // the removed revision
        ReplacementRole,                 // its replacement, or empty
        ConfirmedRole,                   // bool
    };

    explicit SquashMappingModel(QObject *parent = nullptr);

    // Shows the mapping of `environment`; keeps the current replacement when
    // it is still a candidate.
    void setComparison(const Comparison &comparison, const QString &environment);
    QString environment() const { return m_environment; }

    // Revisions of the newer version that can replace removed ones: added,
    // then rewired, then the others, each group sorted.
    QStringList candidates() const { return m_candidates; }
    void setCurrentReplacement(const QString &id);
    QString currentReplacement() const { return m_current; }

    // The mapping as shown, one entry per replacement, sorted.
    QList<SquashMapping> mapping() const;
    // Whether every removed revision has a confirmed replacement.
    bool isConfirmed() const;
    QString replacementAt(int row) const;
    bool setReplacement(int row, const QString &id);

    int rowCount(const QModelIndex &parent = {}) const final;
    int columnCount(const QModelIndex &parent = {}) const final;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const final;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) final;
    Qt::ItemFlags flags(const QModelIndex &index) const final;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const final;

Q_SIGNALS:
    // The user changed the mapping (not emitted by setComparison).
    void mappingEdited();
    void currentReplacementChanged(const QString &id);

private:
    struct Row
    {
        QString removed;
        QString message;
        QString replacement;
        bool confirmed = false;
        QString evidence;
    };

    QString m_environment;
    QList<Row> m_rows;
    QStringList m_candidates;
    QString m_current;
};

} // namespace Revscope
