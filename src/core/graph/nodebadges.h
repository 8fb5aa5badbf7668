#pragma once

#include "analysis/finding.h"
#include "database/dbstate.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace Revscope {

struct EnvironmentInspection;
struct Inspection;

// What the migration graph marks on one revision: Alembic landmarks, the
// database's view, where the revision comes from and the worst finding on it.
struct NodeBadges
{
    bool head = false;        // Alembic head (down_revision) or real head (depends_on too)
    bool base = false;        // down_revision None
    bool mergePoint = false;  // several down_revisions
    bool branchPoint = false; // several down_revision children
    QStringList branchLabels; // labels the revision declares
    DbState dbState = DbState::None;
    bool ghost = false;                      // referenced, defined nowhere
    bool bytecodeOnly = false;               // only a .pyc defines it
    int bytecodeFiles = 0;                   // .pyc / .pyo files of the environment defining it
    bool strayBytecode = false;              // one of them is stray or stale
    int findings = 0;                        // findings naming the revision
    Severity worstSeverity = Severity::Info; // meaningful when findings > 0

    bool dbCurrent() const { return dbState == DbState::Current; }
    bool pending() const { return dbState == DbState::Pending; }
};

// Badges of every node of one environment's graph (revisions, ghosts and
// bytecode-only revisions), keyed by revision id.
class NodeBadgeTable
{
public:
    NodeBadgeTable() = default;
    // `inspection` supplies the findings and bytecode files; only those of
    // `environmentIndex` (or naming no environment) count.
    NodeBadgeTable(const Inspection &inspection, int environmentIndex);

    bool isEmpty() const { return m_badges.isEmpty(); }
    int size() const { return int(m_badges.size()); }
    // Default badges for an unknown id.
    NodeBadges badges(const QString &revision) const { return m_badges.value(revision); }
    bool contains(const QString &revision) const { return m_badges.contains(revision); }

private:
    QHash<QString, NodeBadges> m_badges;
};

} // namespace Revscope
