#include "findingcatalog.h"

#include <QCoreApplication>

namespace Revscope {

namespace {

FindingKind make(const char *code, const char *area, Severity severity, const char *title)
{
    return FindingKind{QLatin1String(code), QLatin1String(area), severity,
                       QCoreApplication::translate("FindingCatalog", title)};
}

QList<FindingKind> buildKinds()
{
    return {
        make("unreadable-file", "files", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "A file or folder could not be read")),
        make("unparsable-script", "files", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "A migration script cannot be loaded")),
        make("non-literal-metadata", "files", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "Revision metadata is not a literal value")),
        make("filename-mismatch", "files", Severity::Info,
             QT_TRANSLATE_NOOP("FindingCatalog", "File name disagrees with the revision id")),
        make(
            "docstring-mismatch", "files", Severity::Info,
            QT_TRANSLATE_NOOP("FindingCatalog", "Docstring disagrees with the revision variables")),
        make("invalid-revision-id", "files", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "Revision id Alembic rejects")),
        make("config-error", "config", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "Alembic configuration Alembic would refuse")),
        make("script-location-missing", "config", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "The script folder does not exist")),
        make("missing-parent", "graph", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog",
                               "A down_revision names a revision defined nowhere")),
        make("missing-dependency", "graph", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "A depends_on names a revision defined nowhere")),
        make("duplicate-revision", "graph", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "Two scripts define the same revision")),
        make("cycle", "graph", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "Revisions depend on each other in a cycle")),
        make("branch-label-conflict", "graph", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "A branch label Alembic rejects")),
        make("multiple-heads", "graph", Severity::Warning,
             QT_TRANSLATE_NOOP("FindingCatalog", "More than one head")),
        make("multiple-bases", "graph", Severity::Warning,
             QT_TRANSLATE_NOOP("FindingCatalog", "More than one base")),
        make("stray-bytecode", "bytecode", Severity::Warning,
             QT_TRANSLATE_NOOP("FindingCatalog", "Bytecode without a source file")),
        make("bytecode-only-revision", "bytecode", Severity::Warning,
             QT_TRANSLATE_NOOP("FindingCatalog", "A revision defined only by bytecode")),
        make("stale-bytecode", "bytecode", Severity::Info,
             QT_TRANSLATE_NOOP("FindingCatalog", "Bytecode older than its source")),
        make("corrupt-bytecode", "bytecode", Severity::Warning,
             QT_TRANSLATE_NOOP("FindingCatalog", "Bytecode that cannot be read")),
        make("db-unreachable", "database", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "The database could not be reached")),
        make("db-no-version-table", "database", Severity::Warning,
             QT_TRANSLATE_NOOP("FindingCatalog", "The database has no version table")),
        make("db-unknown-revision", "database", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "The database is stamped at an unknown revision")),
        make("db-overlapping-revisions", "database", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "Version rows where one descends from another")),
        make("db-pending-migrations", "database", Severity::Info,
             QT_TRANSLATE_NOOP("FindingCatalog", "Migrations not yet applied to the database")),
        make("non-literal-version-table", "database", Severity::Warning,
             QT_TRANSLATE_NOOP("FindingCatalog",
                               "env.py names its version table in a way Revscope cannot read")),
        make("conflicting-version-table", "database", Severity::Info,
             QT_TRANSLATE_NOOP("FindingCatalog", "env.py configures different version tables")),
        make("edited-after-release", "release", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "A released migration was edited")),
        make("removed-after-release", "release", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "A released migration was removed")),
        make("squash-uncovered-head", "release", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "A squash removed a head nothing replaces")),
        make("squash-lost-head", "release", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "A head before the squash has no counterpart")),
        make("squash-new-head", "release", Severity::Warning,
             QT_TRANSLATE_NOOP("FindingCatalog",
                               "A head after the squash corresponds to none before")),
        make("squash-dangling-reference", "release", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog",
                               "A script still names a revision the squash removed")),
        make("squash-removed-in-bytecode", "release", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog",
                               "Bytecode still defines a revision the squash removed")),
        make("squash-db-stamped-removed", "release", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog",
                               "The database is stamped at a revision the squash removed")),
        make("image-missing-config", "image", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "The image lacks the Alembic configuration")),
        make("image-missing-scripts", "image", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "The image lacks migration scripts")),
        make("image-bytecode-copied", "image", Severity::Warning,
             QT_TRANSLATE_NOOP("FindingCatalog", "Bytecode is copied into the image")),
        make("image-volume-masks", "image", Severity::Warning,
             QT_TRANSLATE_NOOP("FindingCatalog", "A compose volume hides what the image contains")),
        make("dockerignore-no-bytecode-rule", "image", Severity::Warning,
             QT_TRANSLATE_NOOP("FindingCatalog", ".dockerignore does not exclude bytecode")),
        make("dockerfile-error", "image", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "A Dockerfile Docker would refuse")),
        make("compose-error", "image", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "A compose file Docker Compose would refuse")),
        make("dockerignore-invalid-pattern", "image", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "A .dockerignore pattern Docker rejects")),
        make("image-archive-error", "image", Severity::Warning,
             QT_TRANSLATE_NOOP("FindingCatalog", "An archive ADD would unpack cannot be read")),
        make("image-build-error", "image", Severity::Error,
             QT_TRANSLATE_NOOP("FindingCatalog", "The image build would fail")),
    };
}

} // namespace

const QList<FindingKind> &FindingCatalog::kinds()
{
    // Built on first use so the titles are translated with the loaded language.
    static const QList<FindingKind> all = buildKinds();
    return all;
}

FindingKind FindingCatalog::kind(const QString &code)
{
    for (const FindingKind &k : kinds()) {
        if (k.code == code) {
            return k;
        }
    }
    return FindingKind{code, QString(), Severity::Warning, code};
}

} // namespace Revscope
