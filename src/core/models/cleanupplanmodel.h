#pragma once

#include "cleanup/cleanupplan.h"

#include <QAbstractTableModel>

namespace Revscope {

// The actions of a CleanupPlan as a checkable table. Headless (QtCore only)
// so it is tested without a display. Ticking a row toggles
// CleanupAction::enabled; plan() hands back the plan with the user's ticks.
class CleanupPlanModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ActionColumn, PathColumn, ReasonColumn, SizeColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // absolute path
        KindRole,                    // int(CleanupAction::Kind)
        BytesRole,                   // qint64
        ReasonCodeRole,              // the finding code, e.g. "stray-bytecode"
    };

    explicit CleanupPlanModel(QObject *parent = nullptr);

    void setPlan(const CleanupPlan &plan);
    CleanupPlan plan() const { return m_plan; }
    const CleanupAction *actionAt(const QModelIndex &index) const;
    // The row of the action on `path` (absolute), or -1.
    int rowOf(const QString &path) const;

    void setAllEnabled(bool enabled);
    // Ticks only the action on `path` (and what it needs: the removal of its
    // __pycache__ folder); false when no action is on `path`.
    bool setOnlyEnabled(const QString &path);

    int enabledCount() const { return m_plan.enabledCount(); }
    qint64 enabledBytes() const { return m_plan.enabledBytes(); }

    // "Move to trash", "Remove empty folder", "Edit .dockerignore".
    static QString kindText(CleanupAction::Kind kind);
    // A short human label for a finding code; the code itself when unknown.
    static QString reasonText(const QString &code);
    // "3.4 kB": 1024-based units, as file managers show them.
    static QString sizeText(qint64 bytes);

    int rowCount(const QModelIndex &parent = {}) const final;
    int columnCount(const QModelIndex &parent = {}) const final;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const final;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) final;
    Qt::ItemFlags flags(const QModelIndex &index) const final;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const final;

Q_SIGNALS:
    void totalsChanged(int count, qint64 bytes);

private:
    void emitTotalsIfChanged();

    CleanupPlan m_plan;
    int m_lastCount = -1;
    qint64 m_lastBytes = -1;
};

} // namespace Revscope
