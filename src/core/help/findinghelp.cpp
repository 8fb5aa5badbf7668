#include "findinghelp.h"

#include "report/findingcatalog.h"

#include <QCoreApplication>
#include <QPair>
#include <QSet>

#include <algorithm>

namespace Revscope {

namespace {

// One page's text. Literals stay untranslated here and are translated when a
// page is built, so a language loaded later still applies.
struct HelpText
{
    const char *code;
    const char *cause;
    const char *story;
    const char *fix; // one step per line
};

// clang-format off
const HelpText kTexts[] = {
    // --- files
    {"unreadable-file",
     QT_TRANSLATE_NOOP("FindingHelp",
        "Revscope could not open a file or folder it needs: a migration script, an Alembic "
        "config, a Dockerfile, a compose file, an ignore file or a folder of the build context. "
        "Alembic imports every script of the versions folder before any command, so one script it "
        "cannot read stops every command, not only the one migration; Docker likewise refuses to "
        "send a build context holding a file it cannot read."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A developer on a logistics team generated a migration inside the api container, which "
        "ran as root on a bind mount. The new `4c2d9e1f0a7b_add_orders.py` landed on the shared "
        "staging host owned by root with mode 0600. The deploy user's next `alembic upgrade head` "
        "stopped with `PermissionError: [Errno 13] Permission denied: "
        "'/srv/app/alembic/versions/4c2d9e1f0a7b_add_orders.py'`, and `docker compose build` failed "
        "on the same file with `error from sender: open "
        "alembic/versions/4c2d9e1f0a7b_add_orders.py: permission denied`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Read the finding's message: it names the file and the reason the system gave.\n"
        "Give the file back to the right user and make it readable, e.g. `sudo chown $USER: "
        "FILE` and `chmod 644 FILE`.\n"
        "Run containers that write into bind mounts as your own user (`docker run --user "
        "$(id -u):$(id -g)`, or `user:` in compose) so they stop creating root-owned files.\n"
        "Reload the project (or run `revscope check` again).")},
    {"unparsable-script",
     QT_TRANSLATE_NOOP("FindingHelp",
        "Python cannot read or compile a migration script (or env.py): a syntax error, an "
        "encoding it cannot decode, or a script without the module-level `revision` and "
        "`down_revision` Alembic needs. Alembic imports every script of the versions folder to "
        "build the revision graph, so one broken file makes every command fail (`upgrade`, "
        "`downgrade`, `current`, `history`), even commands about other revisions."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Two developers on a payments team changed the same migration on different branches, and "
        "a rebase left conflict markers in it. The diff view folded the conflicting block, so the "
        "review looked clean. On deploy the release job stopped before migrating anything, with "
        "`SyntaxError: invalid syntax` pointing at `<<<<<<< HEAD` in `7e1b0c9d2a44_add_refunds.py`. "
        "Because Alembic imports every script, even the rollback, `alembic downgrade -1`, failed "
        "the same way."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Open the file at the line the finding names and fix the syntax error or the conflict "
        "markers; `python -m py_compile FILE` confirms that it compiles.\n"
        "If the file is not text (saved as UTF-16, or binary), restore it from version control "
        "as UTF-8, or with the encoding its coding line declares.\n"
        "Keep `revision = \"...\"` and `down_revision = ...` as plain assignments at module "
        "level.\n"
        "Run `revscope check` in CI before building images: it exits with 1 on errors.")},
    {"non-literal-metadata",
     QT_TRANSLATE_NOOP("FindingHelp",
        "Revscope reads `revision`, `down_revision`, `branch_labels` and `depends_on` without "
        "running Python, so it needs them as literals: a string, a tuple of strings, or None. "
        "Here one is computed (a name, a call, an f-string) or assigned inside an `if` or `try` "
        "block. Alembic runs the script and uses whatever value comes out; Revscope cannot know "
        "it, so its graph may lack an edge Alembic sees. Values computed from the environment or "
        "from other modules can also give different graphs on different machines."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A data team wanted to end merge conflicts in migrations and wrote `down_revision = "
        "REVISIONS[-1]`, with the list kept in a shared module. Each branch computed the parent "
        "from its own copy of the list. When two feature branches merged, both new migrations "
        "named the same parent, and the deploy stopped with `Multiple head revisions are present "
        "for given argument 'head'`. No reviewer could have seen it: the scripts only said "
        "`REVISIONS[-1]`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Write the value as a literal in the script: `down_revision = \"a2242b61af45\"`, "
        "`branch_labels = (\"reporting\",)`, `depends_on = None`.\n"
        "Move the assignments out of `if` and `try` blocks to module level.\n"
        "If the values were computed to avoid merge conflicts, let two heads happen and join "
        "them with `alembic merge heads -m \"merge heads\"` instead.")},
    {"filename-mismatch",
     QT_TRANSLATE_NOOP("FindingHelp",
        "The file name does not match what `file_template` in the Alembic config gives for this "
        "revision (by default `<revision>_<slug>.py`). Alembic ignores file names and takes the "
        "id from the `revision` variable, so nothing breaks by itself. But people and scripts go "
        "by the name: a search for an id finds the wrong file, and a name that still carries "
        "another id usually means the whole script was copied from that revision."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Before a squash, an engineer deleted the scripts of the squashed revisions by name, with "
        "`git rm versions/3f1a9c2e7d40_*`. One of those files had been copied as a template months "
        "earlier: its name still said 3f1a9c2e7d40, but it defined `revision = "
        "\"7b2e0d5c9a18\"`, a revision after the squash point. The next `alembic upgrade head` "
        "stopped with `KeyError: '7b2e0d5c9a18'`, raised for the later script that named it as "
        "its parent."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Rename the file to the name the finding suggests, with `git mv` so history follows.\n"
        "If the file was copied from another script, check that its `revision` is new and that "
        "`down_revision` names the revision it really follows.\n"
        "Renaming is safe for databases already at this revision: they store the id, not the "
        "file name.")},
    {"docstring-mismatch",
     QT_TRANSLATE_NOOP("FindingHelp",
        "The docstring's `Revision ID:` or `Revises:` line disagrees with the `revision` or "
        "`down_revision` variable. Alembic uses only the variables; the docstring is what people "
        "read in reviews, and `alembic history --verbose` prints it under the real values. When "
        "they disagree, one of them is wrong, and a review can approve the wrong one."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A developer rebased a migration onto a teammate's newer one and changed the docstring's "
        "`Revises:` line to `8e4f2b6a1c03`, but not the `down_revision` variable. The reviewer "
        "read the docstring and approved a straight line of history. Alembic read the variable, "
        "which still named the old parent, so the branch now had two heads, and the deploy "
        "stopped with `Multiple head revisions are present for given argument 'head'`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Decide which value is right; Alembic uses the variable.\n"
        "If the docstring had the intended value, correct `down_revision` (or `revision`); "
        "otherwise make the docstring's lines match the variables.\n"
        "Run `revscope check` again: a wrong variable often shows up next as multiple-heads.")},
    {"invalid-revision-id",
     QT_TRANSLATE_NOOP("FindingHelp",
        "A revision identifier Alembic rejects: it contains `@`, `-` or `+` (Alembic reserves "
        "them for `branch@head` and relative steps like `-1` or `+2`), it is empty, or it is not "
        "a string. Entries of `down_revision` and `depends_on` that are not strings get this code "
        "too. Alembic raises the error while loading the scripts, so no command runs."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A team started naming revisions by hand to make them readable, beginning with "
        "`revision = \"2024-03-add-users\"`. Until then every id had come from `alembic "
        "revision`, so nobody knew the rule. From that commit on, every command failed with "
        "`Character(s) '-' not allowed in revision identifier '2024-03-add-users'`, including "
        "`alembic current` in the production health check, which paged the on-call engineer at "
        "night."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Use ids of letters, digits and underscores only; `alembic revision` generates 12 hex "
        "digits.\n"
        "Change the id in the script and in every `down_revision` and `depends_on` that names "
        "it; `revscope check` lists the ones you missed as missing-parent.\n"
        "Rename the file to match the new id.")},

    // --- config
    {"config-error",
     QT_TRANSLATE_NOOP("FindingHelp",
        "Alembic would stop on, or silently misread, its configuration: alembic.ini or "
        "`[tool.alembic]` in pyproject.toml. Examples: no `[alembic]` section, no "
        "`script_location`, a `%` that configparser's interpolation rejects, `sourceless = True` "
        "(Alembic accepts only the lowercase word `true`), an unknown path separator, a version "
        "location that does not exist. Errors in Revscope's own lock file, revscope.lock, are "
        "reported under this code as well."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A team moved its database URL into alembic.ini with the password URL-encoded: "
        "`sqlalchemy.url = postgresql://app:p%40ss@db/app`. Every Alembic command then died "
        "before connecting, with `configparser.InterpolationSyntaxError: '%' must be followed by "
        "'%' or '(', found: '%40ss@db/app'`. Alembic reads the ini with Python's configparser, "
        "which takes `%` as the start of `%(name)s`. The fix was one character: `p%%40ss`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Read the message: it quotes the error Alembic would give and names the line.\n"
        "In alembic.ini, write a literal `%` as `%%`; refer to other options as `%(name)s` and to "
        "the ini's folder as `%(here)s`.\n"
        "Set `script_location` in the `[alembic]` section (or in `[tool.alembic]`), and write "
        "booleans as `true` or `false`.\n"
        "Check the result with `alembic -c FILE heads` or `revscope check --config FILE`.")},
    {"script-location-missing",
     QT_TRANSLATE_NOOP("FindingHelp",
        "The folder `script_location` names does not exist, or is a file. Alembic resolves a "
        "relative `script_location` against the folder it is run from, not against the config's "
        "folder, so one config can work from one folder and fail from another. Alembic stops "
        "with `Path doesn't exist`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A CI job ran `alembic -c backend/alembic.ini upgrade head` from the repository root. The "
        "ini said `script_location = alembic`, which worked for every developer because they ran "
        "Alembic from inside `backend/`. In CI it looked for `./alembic` at the root and stopped "
        "with `FAILED: Path doesn't exist: '/builds/shop/alembic'.  Please use the 'init' command "
        "to create a new scripts folder.` The job had passed for months, until a cleanup removed "
        "its `cd backend`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Anchor the path to the config: `script_location = %(here)s/alembic`.\n"
        "Or use the package form, `script_location = myapp:migrations`, when the migrations ship "
        "inside a Python package.\n"
        "In a Docker image, check that the folder is copied where the config expects it: "
        "`revscope image` shows where every file lands.")},

    // --- graph
    {"missing-parent",
     QT_TRANSLATE_NOOP("FindingHelp",
        "A script's `down_revision` names a revision that no script Alembic loads defines. "
        "Alembic builds the whole graph before any command, so it warns `Revision X referenced "
        "from Y is not present` and stops with `KeyError: 'X'`. Usually the parent was deleted "
        "(by a squash, or a reverted branch) or only its bytecode is left. Revscope draws the "
        "missing revision as a ghost node."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "An API team squashed its migrations into `b891cb8863b5_initial_squashed_migration.py` "
        "on main. A feature branch cut a week earlier carried `c7d2e4f1a9b0_add_webhooks.py` "
        "with `down_revision = 'a2242b61af45'`, one of the squashed revisions. Git saw no "
        "conflict and the branch merged; the next deploy stopped with `KeyError: "
        "'a2242b61af45'` before running a single migration."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "If a squash removed the parent, point `down_revision` at the revision that replaced it; "
        "`revscope diff --from <tag before the squash> --to HEAD` shows the mapping.\n"
        "If the parent's script was deleted by mistake, restore it from version control (`git "
        "log --diff-filter=D --name-only` finds the commit).\n"
        "If only the parent's bytecode is left, restore its source rather than turning on "
        "`sourceless`.\n"
        "Run `revscope check` in CI: branches cut before a squash are the usual source.")},
    {"missing-dependency",
     QT_TRANSLATE_NOOP("FindingHelp",
        "A `depends_on` entry names neither a revision nor a branch label that Alembic loads. "
        "Alembic resolves `depends_on` while building the graph and stops with a `KeyError` "
        "naming the entry. Unlike `down_revision`, `depends_on` accepts branch labels, so a "
        "renamed label breaks it too."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A reporting service kept its migrations on a branch labelled `reporting`, and one of its "
        "scripts said `depends_on = \"billing\"` to wait for the billing tables. When the "
        "billing team renamed their label to `payments`, their own pipeline stayed green. The "
        "next reporting deploy stopped with `KeyError: 'billing'` while Alembic was still "
        "loading the scripts."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Change the entry to an existing revision id or branch label.\n"
        "Or remove it, if the dependency is no longer needed or is already an ancestor through "
        "`down_revision`.\n"
        "When you rename a branch label, search every `depends_on` and every `label@head` for "
        "the old name.")},
    {"duplicate-revision",
     QT_TRANSLATE_NOOP("FindingHelp",
        "Two script files define the same `revision` id. Alembic warns `Revision X is present "
        "more than once` and keeps only the one it loads last; the other is silently ignored. "
        "Alembic 1.8 loads files in the order the file system lists them, which differs between "
        "machines, so a laptop and a container can pick different files."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A developer copied `3c1e9a0b7d21_add_invoices.py` as a template for a new migration, "
        "rewrote `upgrade()`, and forgot to change `revision`. On the laptop Alembic picked the "
        "new copy and the tests passed; in the image, where the files were listed in another "
        "order, it picked the original, and the new column was never created. The `UserWarning: "
        "Revision 3c1e9a0b7d21 is present more than once` scrolled by in the logs until requests "
        "failed with `column invoices.due_date does not exist`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Decide which file is the real revision; give the other a new id (12 new hex digits, as "
        "`alembic revision` makes) and rename its file to match.\n"
        "Set the new revision's `down_revision` to the revision it follows, and update the "
        "scripts that follow it.\n"
        "If both versions already ran somewhere, write a new migration for the difference rather "
        "than editing either.")},
    {"cycle",
     QT_TRANSLATE_NOOP("FindingHelp",
        "Revisions form a loop through `down_revision` (or `depends_on`): following the parents "
        "never reaches a base. Alembic detects most loops while loading and refuses to run "
        "anything (`Cycle is detected in revisions (...)`, `Self-loop is detected in revisions "
        "(...)`); a few loops through `depends_on` it misses, and then upgrades in an order that "
        "breaks the dependency."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Resolving a merge conflict between two migrations, a developer set the older one's "
        "`down_revision` to the newer one, believing the arrows pointed the other way. Now each "
        "script named the other as its parent. `alembic upgrade head` failed at once with "
        "`Cycle is detected in revisions (5e2a7c1d9f03, 9b7c4e0a2d16)`, and so did `alembic "
        "downgrade`, so there was no way back through Alembic until the scripts were fixed."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Decide which revision really comes first and point its `down_revision` back at the "
        "revision before the loop.\n"
        "A self-loop (`down_revision` equal to `revision`) usually comes from a copied script: "
        "give it its real parent.\n"
        "For a loop through `depends_on`, remove the entry that points at a newer revision.")},
    {"branch-label-conflict",
     QT_TRANSLATE_NOOP("FindingHelp",
        "A branch label Alembic rejects: one label on two revisions, a label given twice, or a "
        "label equal to a revision id. Labels and revision ids share one name space, so Alembic "
        "stops loading with `Branch name 'X' in revision A already used by revision B`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Two teams each started an independent migration branch with `alembic revision "
        "--head=base --branch-label=analytics`, and both chose `analytics`. Each worked fine "
        "alone. When the migrations were combined in one repository, every Alembic command "
        "stopped with `Branch name 'analytics' in revision 0d4e8b2c6f17 already used by revision "
        "7a91c3e5d2b8`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Rename one label in `branch_labels`, and update every `depends_on` and `label@head` "
        "that meant that branch.\n"
        "Databases store revision ids, not labels, so renaming a label needs no stamp.\n"
        "Avoid labels that look like revision ids.")},
    {"multiple-heads",
     QT_TRANSLATE_NOOP("FindingHelp",
        "More than one revision has no child. `alembic upgrade head` then stops with `Multiple "
        "head revisions are present for given argument 'head'`; it needs `heads`, a "
        "`label@head`, or a merge revision. It usually means two branches each added a migration "
        "on top of the same parent. Labelled branches kept apart on purpose are reported as "
        "information only."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Two developers on a checkout team each added a migration on top of `6d39478753c0` in "
        "their own branches, and both pull requests passed CI. After both merged, the deploy's "
        "`alembic upgrade head` stopped with `Multiple head revisions are present for given "
        "argument 'head'; please specify a specific target revision, '<branchname>@head' to "
        "narrow to a specific head, or 'heads' for all heads`. The API container restarted in a "
        "loop until someone merged the heads."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Add a merge revision: `alembic merge heads -m \"merge heads\"`, then review and commit "
        "it.\n"
        "Or, if one migration does not need to run before the other, rebase it: set its "
        "`down_revision` to the other head.\n"
        "For branches kept apart on purpose, deploy with `alembic upgrade heads`.\n"
        "Run `revscope check --fail-on warning` in CI so the second pull request fails before "
        "it merges.")},
    {"multiple-bases",
     QT_TRANSLATE_NOOP("FindingHelp",
        "More than one revision has `down_revision = None`. Unless they start separate labelled "
        "branches on purpose, one of them lost its parent: a squash that kept the old first "
        "migration, or a script written by hand. Each base starts its own history, so `alembic "
        "upgrade heads` runs both from the start, and there are usually two heads as well."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "An API team squashed its history into `b891cb8863b5_initial_squashed_migration.py` "
        "with `down_revision = None`, but left `001_initial.py`, the old first migration, in the "
        "folder. `alembic upgrade head` refused with multiple heads, so the CI job was changed "
        "to `alembic upgrade heads`. That ran both bases on the fresh test database and stopped "
        "with `psycopg.errors.DuplicateTable: relation \"users\" already exists`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "If a base should follow another revision, set its `down_revision` to that revision.\n"
        "If it is a leftover of a squash, delete it once `revscope diff` confirms the squash "
        "replaces it.\n"
        "If the histories are meant to be independent, give each a branch label (`alembic "
        "revision --head=base --branch-label=NAME`).")},

    // --- bytecode
    {"stray-bytecode",
     QT_TRANSLATE_NOOP("FindingHelp",
        "A `.pyc` file whose source is gone, typically left in `__pycache__` after a migration "
        "was deleted or squashed (git does not track `__pycache__`, so every checkout keeps its "
        "own). With `sourceless = false`, the default, Alembic ignores it, and Python never "
        "imports a `__pycache__` file without its source. With `sourceless = true`, Alembic "
        "loads it as a migration and the deleted revision comes back. A Docker COPY of the "
        "folder carries it into the image unless `.dockerignore` excludes it."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "After squashing into `b891cb8863b5_initial_squashed_migration.py`, a team's GitHub "
        "Actions deploy failed with `Can't locate revision identified by 'a2242b61af45'`. They "
        "found `alembic/versions/__pycache__/a2242b61af45_….cpython-311.pyc` in the image and "
        "added bytecode clean-ups to .dockerignore, the Dockerfile and the start script. The file "
        "was real, and their `*.pyc` rule had indeed missed it (it matches only at the context "
        "root). But with `sourceless = false` Alembic never read it: the id came from the "
        "database, still stamped at the removed revision (see `db-unknown-revision`)."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Delete it: `revscope clean --apply` (in the app: Clean Up…) moves stray bytecode to "
        "the trash, journaled; `revscope clean --undo` puts it back.\n"
        "Keep bytecode out of images: `revscope clean` also adds `**/__pycache__` and `**/*.pyc` "
        "to `.dockerignore` (unless `--no-dockerignore`).\n"
        "If Alembic reported an error, read the database and release findings too: stray "
        "bytecode alone does not break an environment with `sourceless = false`.")},
    {"bytecode-only-revision",
     QT_TRANSLATE_NOOP("FindingHelp",
        "A revision that only bytecode defines: its `.py` is gone, but a `.pyc` in a version "
        "location still holds it. With `sourceless = true` Alembic loads it like any script, so "
        "a deleted migration is still part of the graph, often as an extra head or base next to "
        "the squash that replaced it. With `sourceless = false` Alembic ignores it, but the file "
        "still misleads people and ends up in images."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A team that ships bytecode only (`sourceless = true`, sources stripped from the image) "
        "squashed its history. Their build agent reused its workspace, and "
        "`versions/__pycache__/` still held the bytecode of every squashed migration, among "
        "them `a2242b61af45_add_index.cpython-311.pyc`. Alembic in the image loaded the old "
        "chain next to the squash, found two heads, and the release stopped with `Multiple head "
        "revisions are present for given argument 'head'`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "If the revision is meant to be gone, delete its bytecode: `revscope clean --apply` (in "
        "the app: Clean Up…).\n"
        "If it is still needed, restore its `.py` from version control.\n"
        "Build images from a clean checkout, exclude `**/__pycache__` and `**/*.pyc` in "
        "`.dockerignore`, and compile inside the image if you ship bytecode (`python -m "
        "compileall`).")},
    {"stale-bytecode",
     QT_TRANSLATE_NOOP("FindingHelp",
        "A `.pyc` compiled from an earlier version of its source. Usually harmless: Python "
        "compares the source's time stamp and size (or hash) and recompiles, and Alembic prefers "
        "the source. It matters in two cases: an unchecked-hash `.pyc` is never compared with its "
        "source, so the old code runs; and with `sourceless = true`, deleting the source would "
        "make this older bytecode the migration."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "To start containers faster, a team compiled its image with `python -m compileall "
        "--invalidation-mode unchecked-hash`. A hotfix later copied one corrected migration into "
        "the image in a new layer, after the compile step. Python kept running the old bytecode, "
        "because unchecked-hash files are never checked against their source: `alembic upgrade "
        "head` reported success, and the index the hotfix added never appeared."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Delete it; Python writes fresh bytecode when it needs it: `revscope clean --stale "
        "--apply` (in the app: Clean Up… with stale bytecode included).\n"
        "Compile as the last step of an image, after every COPY of Python code, or keep the "
        "default time-stamp mode (or `checked-hash`).\n"
        "Exclude `**/__pycache__` from the build context so host bytecode never mixes in.")},
    {"corrupt-bytecode",
     QT_TRANSLATE_NOOP("FindingHelp",
        "A `.pyc` Revscope cannot read as bytecode: truncated, with an unknown magic number or "
        "broken marshal data, or not bytecode at all. Python recompiles it when its source "
        "exists. With `sourceless = true` and no source, Alembic tries to load it and stops, "
        "typically with `ImportError: bad magic number` or `EOFError: marshal data too short`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A team deployed sourceless releases to a virtual machine by copying only the compiled "
        "migrations. One transfer was cut off halfway, and the job still reported success. The "
        "next `alembic upgrade head` on that machine stopped with `EOFError: marshal data too "
        "short`, raised while Alembic loaded the truncated file."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Delete the file (`revscope clean` leaves corrupt bytecode alone, so remove it by "
        "hand); Python recompiles it from the source.\n"
        "For a sourceless release, rebuild the bytecode from the sources with the Python version "
        "that runs it, and copy it again.\n"
        "Exclude `**/__pycache__` and `**/*.pyc` from the Docker build context.")},

    // --- database
    {"db-unreachable",
     QT_TRANSLATE_NOOP("FindingHelp",
        "Revscope could not connect to the database given with `--db` (or in the Connect "
        "dialog), or connected but could not read the version table. Nothing is known about "
        "the database's state, so the other database findings are missing. The command line "
        "exits with code 3."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A developer ran `revscope check --db ini` on a laptop. The ini's `sqlalchemy.url` "
        "pointed at host `db`, the compose service name, which resolves only inside the compose "
        "network, so the connection failed with `could not translate host name \"db\" to "
        "address`. The containers were fine: the URL was right for them and wrong for the "
        "laptop."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Check host, port, user, password and database name; from the host, use the published "
        "port, e.g. `--db postgresql+psycopg://app:PASSWORD@localhost:5432/app`.\n"
        "Check that the server accepts connections from this machine (pg_hba.conf, "
        "bind-address, firewalls).\n"
        "If Revscope connected but could not read, check that the user may SELECT from the "
        "version table, and that its name and schema match env.py (`--version-table`, "
        "`--version-table-schema`).")},
    {"db-no-version-table",
     QT_TRANSLATE_NOOP("FindingHelp",
        "The database has no version table (`alembic_version` by default), or an empty one. "
        "Alembic treats it as never migrated: `alembic upgrade head` runs every migration from "
        "the first. That is right for a new database, and wrong for one whose tables were "
        "created another way, or when env.py names another version table than the one Revscope "
        "read."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A team had created its schema with `Base.metadata.create_all()` at application start "
        "for a year, then introduced Alembic with an initial migration creating the same "
        "tables. The first deploy ran `alembic upgrade head` against production, and the "
        "initial migration stopped with `psycopg.errors.DuplicateTable: relation \"users\" "
        "already exists`. The database had never been stamped, so Alembic could not know the "
        "tables were already there."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "For a new, empty database, run `alembic upgrade head`.\n"
        "For a database whose schema already matches a revision, record that without migrating: "
        "`alembic stamp <revision>`, or `revscope db stamp --db URL <revision> --yes` (in the "
        "app: Database ▸ Stamp…). Compare the schema first: an autogenerated revision "
        "(`alembic revision --autogenerate`) should come out empty.\n"
        "If env.py passes `version_table=` or `version_table_schema=`, give Revscope the same "
        "names (`--version-table`, `--version-table-schema`).")},
    {"db-unknown-revision",
     QT_TRANSLATE_NOOP("FindingHelp",
        "The version table holds a revision id that no script Alembic loads defines (or a prefix "
        "of several). Every command that reads the database (`upgrade`, `downgrade`, `current`, "
        "`stamp` without `--purge`) stops with `Can't locate revision identified by '...'`. It "
        "follows a squash or a deleted migration, or a database migrated from another branch or "
        "a newer release."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A team squashed its migrations into `b891cb8863b5_initial_squashed_migration.py` and "
        "deleted `a2242b61af45` with the others. Production's `alembic_version` still said "
        "`a2242b61af45`, so the GitHub Actions deploy failed with `Can't locate revision "
        "identified by 'a2242b61af45'`. The team blamed a stale `.pyc` of that revision found in "
        "the image and added cache clean-ups in three places. But Alembic had read the id from "
        "the database, and only a stamp at the revision whose schema the database had would let "
        "it continue."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Find the revision of this checkout whose schema the database has; after a squash, the "
        "replacing revision (`revscope diff --from <last release> --to HEAD` shows which "
        "replaced which).\n"
        "Stamp it without migrating: `revscope db stamp --db URL <revision> --yes` (in the app: "
        "Database ▸ Stamp…, undoable), or `alembic stamp --purge <revision>`.\n"
        "If the database came from another branch or a newer release, check that out and run "
        "`alembic downgrade` there instead.\n"
        "Then delete stray bytecode of the removed revision (`revscope clean --apply`) so it "
        "cannot mislead anyone again.")},
    {"db-overlapping-revisions",
     QT_TRANSLATE_NOOP("FindingHelp",
        "The version table holds a revision and also one of its ancestors. Alembic keeps one "
        "row per branch head, so this state comes from editing the table by hand or from a "
        "broken tool. `alembic upgrade` stops with `Requested revision X overlaps with other "
        "requested revisions Y`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A deploy failed halfway, and the on-call engineer repaired the version table by hand "
        "with `INSERT INTO alembic_version VALUES ('c3d4e5f6a7b8')` instead of an `UPDATE`. The "
        "table now held the new revision and its parent. Every following deploy stopped with "
        "`Requested revision c3d4e5f6a7b8 overlaps with other requested revisions "
        "9a8b7c6d5e4f`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Keep one row per branch, the newest: `revscope db stamp --db URL <revision> --yes` (in "
        "the app: Database ▸ Stamp…), or `alembic stamp --purge <revision>`.\n"
        "Do not edit `alembic_version` by hand; `alembic stamp` writes it consistently.")},
    {"db-pending-migrations",
     QT_TRANSLATE_NOOP("FindingHelp",
        "The database is behind a head: there are migrations it has not run yet. That is normal "
        "just before a deploy. It is a problem when the application's code already expects the "
        "new schema, or when a deploy believes it ran the migrations."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A team moved `alembic upgrade head` out of the API's start command into a one-off "
        "`migrate` service of its development compose file. The production compose file never "
        "got that service. Releases went out for a week with three migrations pending, and the "
        "API failed only when a request touched a new column: `column "
        "subscriptions.trial_ends_at does not exist`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Run `alembic upgrade head` (or `alembic upgrade heads` with several heads) against the "
        "database.\n"
        "Run migrations as part of every deploy, before the new code serves requests, and check "
        "that the production service really runs them: `revscope image --compose FILE --service "
        "NAME` shows its command.\n"
        "`revscope db status --db URL` lists what is pending.")},
    {"non-literal-version-table",
     QT_TRANSLATE_NOOP("FindingHelp",
        "env.py passes `version_table=` or `version_table_schema=` to `context.configure()` as "
        "an expression (a variable, a call, `**kwargs`) that Revscope cannot read without "
        "running Python. Revscope then reads the default `alembic_version` (or the name it was "
        "given), which may not be the table Alembic uses, so its database findings may describe "
        "the wrong table."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A multi-tenant service kept one version table per tenant, with `version_table="
        "f\"alembic_version_{tenant}\"`. Read with the default name, the database looked never "
        "migrated (`db-no-version-table`), and a developer nearly stamped it. The table existed; "
        "only its name was computed."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "If the name is fixed, pass a string literal in env.py.\n"
        "Otherwise tell Revscope the name: `--version-table NAME` and `--version-table-schema "
        "SCHEMA` on the command line, or the override in the Connect dialog.")},
    {"conflicting-version-table",
     QT_TRANSLATE_NOOP("FindingHelp",
        "env.py calls `context.configure()` more than once (for example in offline and online "
        "mode) with different `version_table` or `version_table_schema` values. Alembic uses "
        "the call of the mode it runs in; Revscope reads the first. When they differ by mistake, "
        "SQL scripts generated offline and online migrations record versions in different "
        "tables."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A team generated SQL for its DBA with `alembic upgrade head --sql`. The offline branch "
        "of env.py still used the default table, while the online branch had moved to "
        "`version_table_schema=\"meta\"`. The DBA's script recorded the revision in "
        "`public.alembic_version`; the next online `alembic upgrade head` read "
        "`meta.alembic_version`, found it behind, and tried to run the same migrations again."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Make every `configure()` call pass the same `version_table` and `version_table_schema`: "
        "set them once in a variable both calls use.\n"
        "Tell Revscope which one the online migration uses: `--version-table` and "
        "`--version-table-schema`, or the Connect dialog.")},

    // --- release
    {"edited-after-release",
     QT_TRANSLATE_NOOP("FindingHelp",
        "A script recorded in revscope.lock (written by `revscope lock` at a release) has "
        "changed since: its sha256 differs. Databases that already ran the revision never run "
        "it again, so new databases and upgraded ones end up with different schemas."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "After v2.3 shipped, a developer fixed a misspelt column in a released migration, "
        "renaming `emial` to `email` in place. New CI databases got `email`; production, which "
        "had run the migration weeks before, kept `emial`. The next migration's "
        "`op.alter_column(\"users\", \"email\", nullable=False)` then failed in production with "
        "`column \"email\" of relation \"users\" does not exist`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Revert the edit (`git diff <release tag> -- FILE` shows it) and make the change in a "
        "new migration.\n"
        "If the edit is harmless (a comment, formatting), accept it: run `revscope lock` and "
        "commit revscope.lock.\n"
        "`revscope diff --from <release tag> --to HEAD` lists every edited revision.")},
    {"removed-after-release",
     QT_TRANSLATE_NOOP("FindingHelp",
        "A revision recorded in revscope.lock is no longer defined by any script. Databases "
        "stamped at it stop with `Can't locate revision identified by '...'`, and scripts that "
        "still follow it stop with a missing parent. A squash is the usual cause."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A team squashed forty migrations into `b891cb8863b5_initial_squashed_migration.py` to "
        "speed up test databases. The lock file written at the v1.4.0 release still listed "
        "`a2242b61af45`, the revision production was at. The squash was merged without a plan "
        "for the databases already out there, and the next deploy failed with `Can't locate "
        "revision identified by 'a2242b61af45'`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "If the removal was a mistake, restore the script from the release tag.\n"
        "If it is a reviewed squash, keep the old revisions until every database is past them, "
        "or stamp each database at the replacing revision (`revscope db stamp --db URL "
        "<revision> --yes`) as part of the deploy.\n"
        "Then run `revscope lock` to record the new state; `revscope diff --from <release tag> "
        "--to HEAD` shows which revision replaced which.")},
    {"squash-uncovered-head",
     QT_TRANSLATE_NOOP("FindingHelp",
        "Comparing two versions (`revscope diff`, or Compare in the app), a head of the older "
        "graph was removed and no revision of the newer one replaces it. Every database that "
        "was up to date with the older version is at that head, and has nothing to upgrade "
        "from: Alembic cannot locate its revision."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A developer squashed migrations on a branch and, to start clean, also deleted the "
        "newest migration, `f0e1d2c3b4a5`, planning to add it again later. The squash replaced "
        "everything before it, but nothing replaced the head itself. Staging, which was at "
        "`f0e1d2c3b4a5`, failed the next deploy with `Can't locate revision identified by "
        "'f0e1d2c3b4a5'`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Make the squash include the old head: its schema is what every up-to-date database "
        "has.\n"
        "If a new revision does replace it, tell Revscope: `revscope diff --from <old> --to "
        "<new> --squash NEW=OLD1,OLD2`; saying \"squash\" in the new revision's message helps "
        "it infer that by itself.\n"
        "Plan a stamp for every database at the old head: `revscope db stamp --db URL "
        "<replacing revision> --yes`.")},
    {"squash-lost-head",
     QT_TRANSLATE_NOOP("FindingHelp",
        "Revscope maps each head of the older graph to the newer one: to itself if it survived, "
        "or to the revision that replaced it. This head maps to a revision that no head of the "
        "newer graph descends from, so a database at it cannot reach any head by upgrading."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A project with two environments, `alembic.ini` and `reporting.ini`, squashed both "
        "histories, and the reporting squash landed in the main environment's versions folder by "
        "mistake. Comparing the releases, the old reporting head `5b6c7d8e9f01` had no "
        "counterpart among the new reporting heads. Shipped as it was, `alembic -c reporting.ini "
        "upgrade head` would have stopped on every reporting database with `Can't locate "
        "revision identified by '5b6c7d8e9f01'`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Find the revision that should continue the old head's history, and make the newer "
        "heads descend from it (the `down_revision` of the first migration after the squash).\n"
        "Check the mapping Revscope inferred with `revscope diff --from <old> --to <new>`, and "
        "correct it with `--squash NEW=OLD1,OLD2` when it is wrong.\n"
        "Plan a stamp for the databases at the old head.")},
    {"squash-new-head",
     QT_TRANSLATE_NOOP("FindingHelp",
        "A head of the newer graph corresponds to no head of the older one: it descends from "
        "no old head and from no revision that replaced one. Often a migration written before "
        "the squash still hangs off a revision the squash kept, so the new version has two "
        "heads and only one continues the old history."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A team squashed everything after `001_initial` into `b891cb8863b5`. A long-lived "
        "branch, merged a week later, added `d4e5f6a7b8c9_add_audit_log.py` with `down_revision "
        "= '001'`. The new version had two heads, `b891cb8863b5` and `d4e5f6a7b8c9`, and the "
        "deploy's `alembic upgrade head` stopped with `Multiple head revisions are present for "
        "given argument 'head'`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "If the new head is a migration written before the squash, set its `down_revision` to "
        "the current head so there is one history.\n"
        "If two heads are intended, deploy with `alembic upgrade heads`; otherwise join them "
        "with `alembic merge heads`.\n"
        "Compare again with `revscope diff`.")},
    {"squash-dangling-reference",
     QT_TRANSLATE_NOOP("FindingHelp",
        "After a squash, a remaining script still names a removed revision in `down_revision` "
        "or `depends_on`. Alembic stops loading with a `KeyError` on that id, as for any missing "
        "parent, so nothing runs."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A squash replaced `a2242b61af45` and its ancestors with `b891cb8863b5`. The migration "
        "after it, `c3d4e5f6a7b8_add_catch_all.py`, was kept, but the author of the squash "
        "updated only its docstring: `down_revision` still said `a2242b61af45`. Every "
        "environment failed at the next deploy with `KeyError: 'a2242b61af45'`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Point the reference at the revision that replaces the removed one (the finding names "
        "it), e.g. `down_revision = \"b891cb8863b5\"`.\n"
        "Update the docstring's `Revises:` line to match.\n"
        "Compare again with `revscope diff --from <before> --to <after>`: no dangling "
        "reference should remain.")},
    {"squash-removed-in-bytecode",
     QT_TRANSLATE_NOOP("FindingHelp",
        "After a squash, a `.pyc` of the newer version still defines a removed revision. With "
        "`sourceless = true` Alembic loads it and the removed revision comes back next to its "
        "replacement; copied into an image, it misleads whoever debugs the next failure."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A team squashed into `b891cb8863b5` and pushed. Their CI restored "
        "`alembic/versions/__pycache__` from a cache keyed on the dependency lock file, not on "
        "the sources, so the image still held `a2242b61af45_add_index.cpython-311.pyc`. In their "
        "`sourceless = true` build, Alembic loaded it, found two heads, and stopped with "
        "`Multiple head revisions are present for given argument 'head'`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Delete the bytecode: `revscope clean --apply` (in the app: Clean Up…).\n"
        "Keep `__pycache__` out of CI caches and Docker build contexts (`**/__pycache__` and "
        "`**/*.pyc` in `.dockerignore`).\n"
        "Rebuild the image: once the files are out of the context, the COPY layer changes and "
        "the cached one is not used.")},
    {"squash-db-stamped-removed",
     QT_TRANSLATE_NOOP("FindingHelp",
        "Comparing two versions with a database (`revscope diff --from <old> --to <new> --db "
        "URL`), "
        "the database's version table holds a revision that the squash removed. Once the newer "
        "version is deployed, every Alembic command that reads this database stops with `Can't "
        "locate revision identified by '...'`. The squash's replacing revision stands for the "
        "removed one: when the database's schema is what that revision produces, stamping the "
        "database at it lets Alembic continue."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A squash replaced `a2242b61af45`, the revision production was at, with "
        "`b891cb8863b5_initial_squashed_migration.py`. The deploy failed with `Can't locate "
        "revision identified by 'a2242b61af45'`, and the team first went hunting for stale "
        "bytecode. The schema already matched the squash: one stamp at `b891cb8863b5`, without "
        "migrating, was the whole fix, and the next `alembic upgrade head` ran only the "
        "migrations added after the squash."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Check that the database's schema is what the replacing revision produces. It is when "
        "the database was at the newest revision the squash covers; if it was at an older one, "
        "the finding says so: upgrade it with the older version's migrations first.\n"
        "If Revscope inferred the wrong replacement, name it: `revscope diff --from <old> --to "
        "<new> --squash <replacing revision>=<removed revision>`.\n"
        "Stamp the replacing revision without migrating: `revscope db stamp --db URL "
        "<replacing revision> --yes` (in the app: Database ▸ Stamp…, undoable), or `alembic "
        "stamp --purge <replacing revision>`.\n"
        "Do this for every database (staging, production, developers' copies) before or as "
        "part of the deploy that ships the squash; then `alembic upgrade head` works as "
        "usual.")},

    // --- image
    {"image-missing-config",
     QT_TRANSLATE_NOOP("FindingHelp",
        "The image's command runs Alembic (for example `alembic upgrade head`) in its working "
        "directory, but no COPY puts the Alembic config there. Alembic then stops with `No "
        "config file 'alembic.ini' found, or file has no '[alembic]' section` or, in newer "
        "releases, `No 'script_location' key found in configuration`. It typically happens when "
        "the Dockerfile sits in a subfolder and copies only that folder, while alembic.ini lives "
        "one level up."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "An e-mail hosting team built its API image from `back/api/Dockerfile.prod`, which "
        "copied only `./back/api`; `alembic.ini` and the `alembic/` folder lived in `back/`. "
        "After the deploy the containers restarted in a loop printing `FAILED: No "
        "'script_location' key found in configuration.` Local development had never shown it: "
        "docker-compose mounted `./back` over `/app`, so the files were always there."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Copy the config and its script folder into the image, e.g. `COPY ./back/alembic.ini "
        "./alembic.ini` and `COPY ./back/alembic ./alembic`.\n"
        "Or move alembic.ini and the migrations into the folder the Dockerfile already copies.\n"
        "Check with `revscope image --compose FILE --service NAME` (in the app: the Image tab), "
        "or run the built image without mounts: `docker run --rm IMAGE alembic current`.")},
    {"image-missing-scripts",
     QT_TRANSLATE_NOOP("FindingHelp",
        "The image has the Alembic config, but not the folder its `script_location` names, its "
        "env.py, or some revision scripts: the COPY instructions leave them out, or "
        "`.dockerignore` excludes them. Alembic then stops (`Path doesn't exist`, a missing "
        "env.py or versions folder), or sees a shorter history than the repository and fails "
        "with a missing parent or `Can't locate revision`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A team added `**/versions` to `.dockerignore` to keep a frontend's build output out of "
        "the context. It also matched `alembic/versions`. The image had alembic.ini and env.py "
        "but no migrations, and the first deploy stopped with `FileNotFoundError: [Errno 2] No "
        "such file or directory: '/app/alembic/versions'`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Copy the whole `script_location` folder to where the config points inside the image "
        "(a relative `script_location` resolves against the working directory).\n"
        "Look for `.dockerignore` patterns that match the migrations: `revscope image --format "
        "json` gives the deciding line for every excluded file.\n"
        "Smoke-test the image without mounts: `docker run --rm IMAGE alembic heads`.")},
    {"image-bytecode-copied",
     QT_TRANSLATE_NOOP("FindingHelp",
        "COPY or ADD carries `.pyc` files from the build context into the image: the "
        "`__pycache__` folders of a developer's or CI's checkout. When they define revisions no "
        "source defines, Alembic with `sourceless = true` loads them, and the finding is an "
        "error; otherwise they are stale leftovers that make the image differ from the "
        "repository."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A team's `.dockerignore` said `__pycache__` and `*.pyc`, which they believed excluded "
        "all bytecode. Docker anchors those patterns at the context root, so "
        "`alembic/versions/__pycache__/` went into every image. When a deploy failed after a "
        "squash, they found the old revision's `.pyc` in the image and added "
        "`alembic/**/__pycache__`, plus `find ... -delete` steps in the Dockerfile and the start "
        "script."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Exclude bytecode at every depth in `.dockerignore`: `**/__pycache__` and `**/*.pyc`; "
        "`revscope clean --apply` adds both lines (in the app: Clean Up…).\n"
        "Rebuild: the smaller context changes the COPY layer, so no `--no-cache` is needed.\n"
        "`revscope image` lists every bytecode file that still reaches the image, with the "
        "instruction that copies it.")},
    {"image-volume-masks",
     QT_TRANSLATE_NOOP("FindingHelp",
        "A compose file mounts a host folder over part of the image (e.g. `./back:/app`), so the "
        "files Alembic needs come from the host, not from the image. It works in that setup and "
        "hides that the image lacks them; another compose file, production's, runs the same "
        "image without the mount and fails."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A team's development compose file mounted `./back:/app` for live reload, so "
        "`alembic.ini` and the migrations were always in the container. Production ran the same "
        "image without the mount, and every API container restarted in a loop with `FAILED: No "
        "'script_location' key found in configuration.` CI had never run the image on its own."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Copy what the mount provides in the Dockerfile (e.g. `COPY ./back/alembic.ini "
        "./alembic.ini` and `COPY ./back/alembic ./alembic`); keep the mount for live reload "
        "only.\n"
        "Test the image without the mount before a release: `revscope image --compose "
        "docker-compose.prod.yml --service api`, or `docker run --rm IMAGE alembic current`.")},
    {"dockerignore-no-bytecode-rule",
     QT_TRANSLATE_NOOP("FindingHelp",
        "The build context holds Python files, but its ignore file has no rule excluding "
        "`__pycache__` folders at every depth (or there is no `.dockerignore` at all). Docker "
        "matches `.dockerignore` patterns from the context root: `__pycache__` and `*.pyc` "
        "exclude only the root's, while `**/__pycache__` and `**/*.pyc` exclude them everywhere. "
        "A `<Dockerfile>.dockerignore` next to the Dockerfile replaces the root one."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A team's CI cached the whole workspace between jobs to speed up dependency installs. "
        "The cache kept every `__pycache__` the test job wrote, and the Docker build sent them "
        "all, because the `.dockerignore` line `*.pyc` only matched files at the context root. "
        "Months later, images still carried bytecode of migrations that had been squashed away, "
        "and the first person to debug a failed deploy spent a day on them."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Add two lines to the `.dockerignore` the build uses (the one next to the Dockerfile, "
        "if there is one): `**/__pycache__` and `**/*.pyc`.\n"
        "`revscope clean --apply` (in the app: Clean Up…) adds them for you; "
        "`--no-dockerignore` skips that.\n"
        "Check with `revscope image`: no `.pyc` file should be listed as included.")},
    {"dockerfile-error",
     QT_TRANSLATE_NOOP("FindingHelp",
        "The Dockerfile has an error that makes Docker refuse to build: an unknown instruction, "
        "a missing argument, a stage or `--from` that does not exist. Revscope cannot simulate "
        "the image past it, so the other image findings may be incomplete."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A merge of two Dockerfile changes left conflict markers in `back/api/Dockerfile.prod`. "
        "The CI build failed at once with `dockerfile parse error on line 18: unknown "
        "instruction: <<<<<<<`. The release waited an hour for someone to look at a red build "
        "that a local check would have caught before the push."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Fix the line the finding names.\n"
        "Recent Docker releases validate a Dockerfile without building: `docker build --check "
        ".`.\n"
        "Run `revscope image` again to see the simulated image.")},
    {"compose-error",
     QT_TRANSLATE_NOOP("FindingHelp",
        "A compose file Docker Compose would refuse: invalid YAML (tabs, broken indentation), a "
        "top level that is not a mapping, `services` that is not a mapping. Revscope cannot tell "
        "which image, command and volumes the services use."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A developer edited `docker-compose.prod.yml` in an editor that inserted a tab before "
        "`command:`. Compose refused the file with `yaml: line 14: found character that cannot "
        "start any token`, and the release pipeline stopped before pulling any image. The "
        "editor showed the tab as spaces, so the line looked exactly like its neighbours."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Fix the YAML at the line given; indent with spaces only.\n"
        "`docker compose -f FILE config` validates the file and prints it as Compose reads "
        "it.")},
    {"dockerignore-invalid-pattern",
     QT_TRANSLATE_NOOP("FindingHelp",
        "A `.dockerignore` line is not a valid pattern, for example an unclosed `[` or a lone "
        "`!`. Docker refuses to build with this ignore file."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "To exclude local build folders, a developer added `build[` to `.dockerignore`, a typo "
        "for `build*`. Every build then failed with `syntax error in pattern`, a message that "
        "names neither the file nor the line. Two people spent the afternoon bisecting the "
        "Dockerfile before anyone looked at `.dockerignore`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Fix or remove the line the finding names; escape a literal `[` as `[[]`.\n"
        "A `!` line needs a pattern after it, e.g. `!keep/this.txt`.")},
    {"image-archive-error",
     QT_TRANSLATE_NOOP("FindingHelp",
        "ADD unpacks a local tar archive (plain, gzip, bzip2 or xz) into the image. This file "
        "looks like an archive but cannot be read as one, so Docker copies it as it is, and the "
        "files it was meant to contain are missing from the image."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "A team shipped its migrations as `migrations.tar.gz`, stored with Git LFS, and "
        "unpacked it with `ADD migrations.tar.gz /app/`. A new CI runner checked out without "
        "LFS, so the file in the context was the small text pointer. Docker copied the pointer "
        "instead of unpacking it, and the container stopped with `Path doesn't exist: "
        "'/app/alembic'`."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "Check the archive in the build context: `tar -tf FILE` must list its contents (with "
        "Git LFS, run `git lfs pull` first).\n"
        "Or COPY the folder itself instead of an archive.")},
    {"image-build-error",
     QT_TRANSLATE_NOOP("FindingHelp",
        "The Docker build would fail at this instruction: a COPY source that is not in the "
        "build context or is excluded by `.dockerignore`, a target stage that does not exist, "
        "and the like. Revscope stops simulating the image there."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "To keep local credentials out of images, a team added `**/*.ini` to `.dockerignore`. "
        "That also excluded `back/alembic.ini`, and the build stopped at `COPY "
        "./back/alembic.ini ./alembic.ini` with `failed to compute cache key: ... "
        "\"/back/alembic.ini\": not found`. The message did not mention `.dockerignore`, so it "
        "took a while to connect the two."),
     QT_TRANSLATE_NOOP("FindingHelp",
        "For an excluded source, add an exception after the excluding line, e.g. "
        "`!back/alembic.ini`.\n"
        "For a missing source, check the build context (`context:` in compose, or the last "
        "argument of `docker build`): COPY paths are relative to it, not to the Dockerfile.\n"
        "`revscope image --format json` shows the deciding `.dockerignore` line for every "
        "file.")},
};
// clang-format on

const HelpText *findText(const QString &code)
{
    for (const HelpText &t : kTexts) {
        if (code == QLatin1String(t.code)) {
            return &t;
        }
    }
    return nullptr;
}

QString translated(const char *text)
{
    return QCoreApplication::translate("FindingHelp", text);
}

QStringList fixSteps(const QString &fix)
{
    QStringList steps;
    for (const QString &line : fix.split(QLatin1Char('\n'))) {
        const QString step = line.trimmed();
        if (!step.isEmpty()) {
            steps.append(step);
        }
    }
    return steps;
}

QSet<QString> knownCodes()
{
    QSet<QString> codes;
    for (const FindingKind &kind : FindingCatalog::kinds()) {
        codes.insert(kind.code);
    }
    for (const HelpText &t : kTexts) {
        codes.insert(QLatin1String(t.code));
    }
    return codes;
}

// Escapes `text` for HTML and turns `code` spans into <code>; spans naming
// another page become links to it.
QString inlineHtml(const QString &text, const QString &self)
{
    static const QSet<QString> codes = knownCodes();
    QString out;
    const QStringList parts = text.split(QLatin1Char('`'));
    // An odd number of backticks leaves the last one unmatched: shown as is.
    const bool unmatchedLast = parts.size() % 2 == 0;
    for (int i = 0; i < parts.size(); ++i) {
        const QString escaped = parts.at(i).toHtmlEscaped();
        const bool isCode = i % 2 == 1 && !(unmatchedLast && i == parts.size() - 1);
        if (!isCode) {
            if (i % 2 == 1) {
                out += QLatin1Char('`');
            }
            out += escaped;
            continue;
        }
        if (parts.at(i) != self && codes.contains(parts.at(i))) {
            out += QStringLiteral("<a href=\"#help-%1\"><code>%2</code></a>")
                       .arg(parts.at(i), escaped);
        } else {
            out += QStringLiteral("<code>%1</code>").arg(escaped);
        }
    }
    return out;
}

int editDistance(const QString &a, const QString &b)
{
    QList<int> previous(b.size() + 1);
    QList<int> current(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j) {
        previous[j] = j;
    }
    for (int i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a.at(i - 1) == b.at(j - 1) ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

} // namespace

FindingHelpPage FindingHelp::page(const QString &code)
{
    const FindingKind kind = FindingCatalog::kind(code);
    FindingHelpPage page;
    page.code = code;
    page.area = kind.area;
    page.title = kind.title;
    page.defaultSeverity = kind.defaultSeverity;
    if (const HelpText *text = findText(code)) {
        page.cause = translated(text->cause);
        page.story = translated(text->story);
        page.fix = translated(text->fix);
        return page;
    }
    page.cause = QCoreApplication::translate(
                     "FindingHelp",
                     "This version of Revscope has no page for the finding code %1. It may come "
                     "from a newer Revscope, or from another tool writing the same report format.")
                     .arg(code);
    page.fix = QCoreApplication::translate(
        "FindingHelp", "Read the finding's message and its fix line: they describe this case.\n"
                       "Run `revscope help` for the codes this version explains.");
    return page;
}

bool FindingHelp::hasPage(const QString &code)
{
    return findText(code) != nullptr;
}

QList<FindingHelpPage> FindingHelp::pages()
{
    QList<FindingHelpPage> result;
    for (const QString &area : areas()) {
        for (const FindingKind &kind : FindingCatalog::kinds()) {
            if (kind.area == area) {
                result.append(page(kind.code));
            }
        }
    }
    return result;
}

QStringList FindingHelp::areas()
{
    QStringList result;
    for (const FindingKind &kind : FindingCatalog::kinds()) {
        if (!result.contains(kind.area)) {
            result.append(kind.area);
        }
    }
    return result;
}

QString FindingHelp::areaName(const QString &area)
{
    if (area == QLatin1String("files")) {
        return QCoreApplication::translate("FindingHelp", "Files");
    }
    if (area == QLatin1String("config")) {
        return QCoreApplication::translate("FindingHelp", "Configuration");
    }
    if (area == QLatin1String("graph")) {
        return QCoreApplication::translate("FindingHelp", "Revision graph");
    }
    if (area == QLatin1String("bytecode")) {
        return QCoreApplication::translate("FindingHelp", "Bytecode");
    }
    if (area == QLatin1String("database")) {
        return QCoreApplication::translate("FindingHelp", "Database");
    }
    if (area == QLatin1String("release")) {
        return QCoreApplication::translate("FindingHelp", "Releases and squashes");
    }
    if (area == QLatin1String("image")) {
        return QCoreApplication::translate("FindingHelp", "Docker image");
    }
    if (area.isEmpty()) {
        return QCoreApplication::translate("FindingHelp", "Other");
    }
    return area;
}

QString FindingHelp::html(const QString &code)
{
    return html(page(code));
}

QString FindingHelp::html(const FindingHelpPage &page)
{
    const QString self = page.code;
    const QString severity = severityLabel(page.defaultSeverity);
    const QString area = areaName(page.area);
    const QString meta =
        QCoreApplication::translate("FindingHelp", "%1 · %2 · default severity: %3")
            .arg(self, area, severity);
    QString out;
    out += QStringLiteral("<a name=\"help-%1\"></a>").arg(self.toHtmlEscaped());
    out += QStringLiteral("<h2>%1</h2>\n").arg(page.title.toHtmlEscaped());
    out += QStringLiteral("<p><small>%1</small></p>\n").arg(meta.toHtmlEscaped());
    if (!page.cause.isEmpty()) {
        out +=
            QStringLiteral("<h3>%1</h3>\n<p>%2</p>\n")
                .arg(
                    QCoreApplication::translate("FindingHelp", "What Revscope saw").toHtmlEscaped(),
                    inlineHtml(page.cause, self));
    }
    if (!page.story.isEmpty()) {
        out += QStringLiteral("<h3>%1</h3>\n<blockquote><p>%2</p></blockquote>\n")
                   .arg(QCoreApplication::translate("FindingHelp", "How it bites").toHtmlEscaped(),
                        inlineHtml(page.story, self));
    }
    const QStringList steps = fixSteps(page.fix);
    if (!steps.isEmpty()) {
        out +=
            QStringLiteral("<h3>%1</h3>\n<ol>\n")
                .arg(QCoreApplication::translate("FindingHelp", "How to fix it").toHtmlEscaped());
        for (const QString &step : steps) {
            out += QStringLiteral("<li>%1</li>\n").arg(inlineHtml(step, self));
        }
        out += QStringLiteral("</ol>\n");
    }
    return out;
}

QString FindingHelp::anchorCode(const QString &href)
{
    static const QString prefix = QStringLiteral("#help-");
    if (!href.startsWith(prefix)) {
        return QString();
    }
    return href.mid(prefix.size());
}

QStringList FindingHelp::wrap(const QString &text, int width, const QString &first,
                              const QString &rest)
{
    QStringList lines;
    QString line = first;
    bool empty = true;
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        if (empty) {
            line += word;
            empty = false;
        } else if (width > 0 && line.size() + 1 + word.size() > width) {
            lines.append(line);
            line = rest + word;
        } else {
            line += QLatin1Char(' ') + word;
        }
    }
    if (!empty) {
        lines.append(line);
    }
    return lines;
}

QString FindingHelp::text(const QString &code, int width)
{
    return text(page(code), width);
}

QString FindingHelp::text(const FindingHelpPage &page, int width)
{
    const QString indent(2, QLatin1Char(' '));
    QStringList out;
    out += wrap(page.code + QLatin1String(": ") + page.title, width, QString(), indent);
    const QString severity = severityLabel(page.defaultSeverity);
    out += wrap(QCoreApplication::translate("FindingHelp", "%1 · default severity: %2")
                    .arg(areaName(page.area), severity),
                width, QString(), indent);
    const auto section = [&](const QString &heading, const QString &body) {
        if (body.isEmpty()) {
            return;
        }
        out.append(QString());
        out.append(heading);
        out += wrap(body, width, indent, indent);
    };
    section(QCoreApplication::translate("FindingHelp", "What Revscope saw"), page.cause);
    section(QCoreApplication::translate("FindingHelp", "How it bites"), page.story);
    const QStringList steps = fixSteps(page.fix);
    if (!steps.isEmpty()) {
        out.append(QString());
        out.append(QCoreApplication::translate("FindingHelp", "How to fix it"));
        for (int i = 0; i < steps.size(); ++i) {
            const QString number = QStringLiteral("  %1. ").arg(i + 1);
            out += wrap(steps.at(i), width, number, QString(number.size(), QLatin1Char(' ')));
        }
    }
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString FindingHelp::markdown(const QString &code)
{
    const FindingHelpPage p = page(code);
    QString out;
    if (!p.cause.isEmpty()) {
        out += QStringLiteral("**%1.** %2\n\n")
                   .arg(QCoreApplication::translate("FindingHelp", "What Revscope saw"), p.cause);
    }
    if (!p.story.isEmpty()) {
        out += QStringLiteral("**%1.** %2\n\n")
                   .arg(QCoreApplication::translate("FindingHelp", "How it bites"), p.story);
    }
    const QStringList steps = fixSteps(p.fix);
    if (!steps.isEmpty()) {
        out += QStringLiteral("**%1**\n\n")
                   .arg(QCoreApplication::translate("FindingHelp", "How to fix it"));
        for (int i = 0; i < steps.size(); ++i) {
            out += QStringLiteral("%1. %2\n").arg(i + 1).arg(steps.at(i));
        }
    }
    return out.trimmed() + QLatin1Char('\n');
}

QStringList FindingHelp::closestCodes(const QString &code, int max)
{
    const QString wanted = code.trimmed().toLower();
    QList<QPair<int, QString>> scored;
    for (const QString &known : knownCodes()) {
        int score = editDistance(wanted, known);
        // A fragment of a code ("heads", "bytecode") is a good hint too.
        if (!wanted.isEmpty() && known.contains(wanted)) {
            score = std::min(score, 1 + int(known.size() - wanted.size()) / 4);
        }
        // Beyond about a third of the length the guess is noise.
        if (score <= std::max(2, int(known.size()) / 3)) {
            scored.append({score, known});
        }
    }
    std::sort(scored.begin(), scored.end());
    QStringList result;
    for (const auto &entry : std::as_const(scored)) {
        if (result.size() >= max) {
            break;
        }
        result.append(entry.second);
    }
    return result;
}

} // namespace Revscope
