#pragma once

#include "database/databaseurl.h"
#include "database/dbstate.h"
#include "inspection/inspector.h"
#include "release/gitsnapshot.h"
#include "release/revisiondiff.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

class QTemporaryDir;

namespace Revscope {

struct ComparisonOptions
{
    // The project folder: git refs are read from the repository holding it.
    QString project;
    // The older and the newer version: each a folder (an existing folder wins
    // over a ref of the same name) or a git ref.
    QString from;
    QString to;
    // A database whose version table is checked against the squash; none
    // when its URL is empty. `ini` reads each environment's sqlalchemy.url:
    // from the `to` folder, or from the project folder when `to` is a ref.
    InspectOptions::Database database;
    // How the stamp command of a fix names the database, e.g. "--db-env
    // DATABASE_URL"; empty: `--db` and the URL with its password as ***.
    QString databaseArguments;
};

// One version of the project, inspected.
struct ComparisonSide
{
    QString name; // as given: a ref or a folder
    QString root; // the folder inspected: the folder itself, or the ref extracted
    bool fromGit = false;
    InspectionPtr inspection;
    // The extracted ref: removed when the last copy of the side goes.
    std::shared_ptr<const QTemporaryDir> extracted;

    // The inspected environment labelled `label`, or null.
    const EnvironmentInspection *environment(const QString &label) const;
};

// The version table of one environment's database, against the `to` graph,
// and what the squash means for it.
struct DatabaseCheck
{
    QString environment; // label
    DatabaseUrl url;     // holds the password: pass on, never show (url.redacted())
    std::shared_ptr<const DbStateCalculator> state;
    QStringList stampedRemoved; // rows naming revisions the squash removed, sorted
    // What to stamp instead (full ids; "base" for none); empty when Revscope
    // cannot tell or nothing needs stamping.
    QStringList targets;
    QString command; // the `revscope db stamp` command for `targets`, or empty

    bool needsStamp() const { return !stampedRemoved.isEmpty(); }
};

// Two versions of a project compared: both loaded (a folder, or a git ref
// extracted with libgit2; the extracted folders live as long as any copy of
// the result), both inspected, the commits between them read, RevisionDiff
// run, and optionally a database checked. A value: copies are cheap and
// share the inspections. Built off the GUI thread; read-only afterwards.
class Comparison
{
public:
    // A step has begun; `what` is a short sentence for a status line.
    using Progress = std::function<void(const QString &what)>;

    enum class Problem {
        None,
        Usage,     // a side cannot be read: not a repository, unknown ref, shallow clone
        Cancelled, // the cancel flag was set
    };

    Comparison() = default;

    // Runs every step, checking `cancel` between them (and inside the
    // inspections). A database that cannot be read is no failure: see
    // databaseErrors().
    static Comparison run(const ComparisonOptions &options, const Progress &progress = {},
                          const std::atomic_bool *cancel = nullptr);

    bool ok() const { return m_problem == Problem::None; }
    Problem problem() const { return m_problem; }
    // One plain sentence, ending with a period, when !ok().
    QString error() const { return m_error; }

    const ComparisonOptions &options() const { return m_options; }
    const ComparisonSide &from() const { return m_from; }
    const ComparisonSide &to() const { return m_to; }
    // The commits reachable from `to` but not from `from` when both are refs
    // and the history is there, oldest first.
    const QList<CommitChange> &commits() const { return m_commits; }
    // One per environment label of either side, sorted by label.
    const QList<EnvironmentDiff> &environments() const { return m_environments; }
    const EnvironmentDiff *environment(const QString &label) const;

    bool hasDatabase() const { return m_options.database.isSet(); }
    // One per environment whose database was read (readable or not).
    const QList<DatabaseCheck> &databaseChecks() const { return m_databases; }
    const DatabaseCheck *databaseCheck(const QString &label) const;
    // The inspection the version tables were read with (its findings hold
    // db-unreachable and friends), or null without a database.
    InspectionPtr databaseInspection() const { return m_databaseInspection; }
    // One sentence per database that could not be reached or read.
    QStringList databaseErrors() const;

    // The same comparison with `mapping` as environment `label`'s squash
    // mapping (every entry confirmed: the user supplies it) and its checks
    // run again, the database's included. Unchanged for an unknown label.
    Comparison withSquash(const QString &label, QList<SquashMapping> mapping) const;
    // The same comparison with each entry of `given` (confirmed) merged into
    // the mapping (RevisionDiff::merged) of every environment where it
    // applies: its replacement is a revision of `to` there and it names only
    // removed ids.
    // False with a sentence in *error when an entry applies nowhere.
    bool overrideSquash(const QList<SquashMapping> &given, Comparison *result,
                        QString *error) const;

    // Findings of every environment at `severity` or above.
    bool hasFindingAtLeast(Severity severity) const;

    // The shell command that stamps `targets` into `check`'s database.
    QString stampCommand(const DatabaseCheck &check, const QStringList &targets) const;

private:
    bool fail(Problem problem, const QString &sentence);
    bool load(const QString &value, ComparisonSide *side, const Progress &progress,
              const std::atomic_bool *cancel, bool withDatabase);
    void readDatabases();
    void checkDatabase(EnvironmentDiff *diff, DatabaseCheck *check) const;
    void checkDatabases();

    ComparisonOptions m_options;
    Problem m_problem = Problem::None;
    QString m_error;
    ComparisonSide m_from;
    ComparisonSide m_to;
    QList<CommitChange> m_commits;
    QList<EnvironmentDiff> m_environments;
    QList<DatabaseCheck> m_databases;
    InspectionPtr m_databaseInspection;
};

} // namespace Revscope
