// GitTriage on real git repositories built with the git CLI: a revision
// deleted by a squash commit, one that lives only on another branch, a
// shallow clone, a folder outside git, and `check --db --format json` end to
// end.

#include "release/gittriage.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;
using namespace TestSupport;

namespace {

QByteArray script(const QByteArray &rev, const QByteArray &down, const QByteArray &message,
                  const QByteArray &dependsOn = QByteArray())
{
    return "\"\"\"" + message + "\n\nRevision ID: " + rev + "\nRevises: " + down +
           "\nCreate Date: 2026-01-10 10:00:00.000000\n\n\"\"\"\n"
           "from alembic import op\n\n"
           "revision = '" +
           rev + "'\ndown_revision = " + (down.isEmpty() ? QByteArray("None") : "'" + down + "'") +
           "\nbranch_labels = None\ndepends_on = " +
           (dependsOn.isEmpty() ? QByteArray("None") : "'" + dependsOn + "'") +
           "\n\n\n"
           "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n";
}

QString gitProgram()
{
    return QStandardPaths::findExecutable(QStringLiteral("git"));
}

// Runs git in `dir` as Jane Doe at `date`; false (with the output) on failure.
bool git(const QString &dir, const QStringList &arguments,
         const QString &date = QStringLiteral("2026-01-10T10:00:00+00:00"),
         QByteArray *output = nullptr)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Jane Doe"));
    env.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("jane@example.com"));
    env.insert(QStringLiteral("GIT_COMMITTER_NAME"), QStringLiteral("Jane Doe"));
    env.insert(QStringLiteral("GIT_COMMITTER_EMAIL"), QStringLiteral("jane@example.com"));
    env.insert(QStringLiteral("GIT_AUTHOR_DATE"), date);
    env.insert(QStringLiteral("GIT_COMMITTER_DATE"), date);
    env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    env.insert(QStringLiteral("HOME"), dir);
    const ProcessResult result = run(gitProgram(), arguments, dir, 60000, env);
    if (output) {
        *output = result.out + result.err;
    }
    if (result.exitCode != 0) {
        qWarning("git %s: %s %s", qPrintable(arguments.join(QLatin1Char(' '))),
                 result.out.constData(), result.err.constData());
    }
    return result.exitCode == 0;
}

QString versionsOf(const QString &root)
{
    return root + QStringLiteral("/migrations/versions");
}

// The seed's history: 0f1e2d3c4b5a <- a2242b61af45, then a commit "Squash
// migrations" (2026-02-08) replacing both with b891cb8863b5 and adding
// c3d4e5f6a7b8 on top (Stale::DownRevision: still on a2242b61af45;
// Stale::DependsOn: depending on it). Then a
// branch feature/x with d4e5f6a7b8c9 that main never merged.
enum class Stale { None, DownRevision, DependsOn };

bool makeSquashRepository(const QString &root, Stale stale = Stale::None)
{
    const QString versions = versionsOf(root);
    writeFile(root + QStringLiteral("/alembic.ini"), "[alembic]\nscript_location = migrations\n");
    writeFile(root + QStringLiteral("/migrations/env.py"), "# env\n");
    writeFile(versions + QStringLiteral("/0f1e2d3c4b5a_create_users.py"),
              script("0f1e2d3c4b5a", "", "create users"));
    writeFile(versions + QStringLiteral("/a2242b61af45_add_domains.py"),
              script("a2242b61af45", "0f1e2d3c4b5a", "add domains"));
    if (!git(root, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
                    QStringLiteral("main")}) ||
        !git(root, {QStringLiteral("add"), QStringLiteral(".")}) ||
        !git(root, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                    QStringLiteral("Linear history")})) {
        return false;
    }
    QFile::remove(versions + QStringLiteral("/0f1e2d3c4b5a_create_users.py"));
    QFile::remove(versions + QStringLiteral("/a2242b61af45_add_domains.py"));
    writeFile(versions + QStringLiteral("/b891cb8863b5_initial_squashed_migration.py"),
              script("b891cb8863b5", "", "initial squashed migration"));
    writeFile(versions + QStringLiteral("/c3d4e5f6a7b8_add_orders.py"),
              script("c3d4e5f6a7b8", stale == Stale::DownRevision ? "a2242b61af45" : "b891cb8863b5",
                     "add orders", stale == Stale::DependsOn ? "a2242b61af45" : ""));
    const QString squashDate = QStringLiteral("2026-02-08T09:30:00+01:00");
    if (!git(root, {QStringLiteral("add"), QStringLiteral("-A")}) ||
        !git(root,
             {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
              QStringLiteral("Squash migrations\n\nOne base instead of the old chain.")},
             squashDate) ||
        !git(root, {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"),
                    QStringLiteral("feature/x")})) {
        return false;
    }
    writeFile(versions + QStringLiteral("/d4e5f6a7b8c9_feature.py"),
              script("d4e5f6a7b8c9", "c3d4e5f6a7b8", "feature"));
    return git(root, {QStringLiteral("add"), QStringLiteral("-A")}) &&
           git(root,
               {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                QStringLiteral("Feature work")},
               QStringLiteral("2026-02-10T10:00:00+00:00")) &&
           git(root, {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main")});
}

QString squashCommit(const QString &root)
{
    QByteArray out;
    git(root, {QStringLiteral("rev-parse"), QStringLiteral("main")}, QString(), &out);
    return QString::fromLatin1(out.trimmed());
}

} // namespace

class TestGitTriage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void definesRevision_data();
    void definesRevision();
    void triage_data();
    void triage();
    void deletedBySquash();
    void shallowClone();
    void notARepository();
    void boundedWalk();
    void cancelledWalk();
    void checkCommand_data();
    void checkCommand();
};

void TestGitTriage::initTestCase()
{
    if (gitProgram().isEmpty()) {
        QSKIP("SKIPPED: the git command-line tool is not installed");
    }
}

void TestGitTriage::definesRevision_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("defines");

    QTest::newRow("plain") << QByteArray("revision = 'abc123'\n") << QStringLiteral("abc123")
                           << true;
    QTest::newRow("double quotes")
        << QByteArray("x = 1\nrevision = \"abc123\"\n") << QStringLiteral("abc123") << true;
    QTest::newRow("annotated") << QByteArray("revision: str = 'abc123'\n")
                               << QStringLiteral("abc123") << true;
    QTest::newRow("down_revision only")
        << QByteArray("revision = 'zzz'\ndown_revision = 'abc123'\n") << QStringLiteral("abc123")
        << false;
    QTest::newRow("in a docstring")
        << QByteArray("\"\"\"Revision ID: abc123\"\"\"\n") << QStringLiteral("abc123") << false;
    QTest::newRow("prefix only") << QByteArray("revision = 'abc1234'\n") << QStringLiteral("abc123")
                                 << false;
}

void TestGitTriage::definesRevision()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, id);
    QFETCH(bool, defines);
    QCOMPARE(GitTriage::definesRevision(text, id), defines);
}

void TestGitTriage::triage_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("branch");

    QTest::newRow("deleted by the squash")
        << QStringLiteral("a2242b61af45") << int(TriageAnswer::Kind::Deleted) << QString();
    QTest::newRow("deleted base") << QStringLiteral("0f1e2d3c4b5a")
                                  << int(TriageAnswer::Kind::Deleted) << QString();
    QTest::newRow("only on another branch")
        << QStringLiteral("d4e5f6a7b8c9") << int(TriageAnswer::Kind::OnBranch)
        << QStringLiteral("feature/x");
    QTest::newRow("never existed")
        << QStringLiteral("ffffffffffff") << int(TriageAnswer::Kind::NotFound) << QString();
}

void TestGitTriage::triage()
{
    QFETCH(QString, id);
    QFETCH(int, kind);
    QFETCH(QString, branch);

    QTemporaryDir dir;
    QVERIFY(makeSquashRepository(dir.path()));
    const QList<TriageAnswer> answers =
        GitTriage::triage(dir.path(), {versionsOf(dir.path())}, {id});
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.front().revision, id);
    QCOMPARE(int(answers.front().kind), kind);
    QCOMPARE(answers.front().branch, branch);
    if (!branch.isEmpty()) {
        QCOMPARE(answers.front().text(TriageAnswer::Use::DatabaseRow),
                 QStringLiteral("defined on branch feature/x (not merged here)"));
    }
}

void TestGitTriage::deletedBySquash()
{
    QTemporaryDir dir;
    QVERIFY(makeSquashRepository(dir.path()));
    const QString commit = squashCommit(dir.path());
    QCOMPARE(commit.size(), 40);

    // Both ids in one walk, from a subfolder of the project.
    QList<TriageAnswer> answers =
        GitTriage::triage(dir.path() + QStringLiteral("/migrations"), {versionsOf(dir.path())},
                          {QStringLiteral("a2242b61af45"), QStringLiteral("0f1e2d3c4b5a")});
    QCOMPARE(answers.size(), 2);
    TriageAnswer &answer = answers[0];
    QCOMPARE(answer.kind, TriageAnswer::Kind::Deleted);
    QCOMPARE(answer.commit, commit);
    QCOMPARE(answer.summary, QStringLiteral("Squash migrations"));
    QCOMPARE(answer.author, QStringLiteral("Jane Doe"));
    QCOMPARE(answer.date, QDate(2026, 2, 8));
    QCOMPARE(answer.addedInCommit,
             QStringList({QStringLiteral("b891cb8863b5"), QStringLiteral("c3d4e5f6a7b8")}));
    QCOMPARE(answers[1].commit, commit);

    const QString deleted =
        QStringLiteral("deleted in %1 'Squash migrations' (2026-02-08, Jane Doe)")
            .arg(commit.left(7));
    QCOMPARE(answer.text(TriageAnswer::Use::DatabaseRow), deleted);
    answer.replacedBy = QStringLiteral("b891cb8863b5");
    QCOMPARE(answer.text(TriageAnswer::Use::DatabaseRow),
             deleted + QStringLiteral("; replaced by b891cb8863b5 → stamp the database to "
                                      "b891cb8863b5"));
    QVERIFY(answer.text(TriageAnswer::Use::Reference)
                .endsWith(QStringLiteral("→ point the reference at b891cb8863b5")));

    // A location outside the repository's scripts finds nothing.
    const QList<TriageAnswer> elsewhere = GitTriage::triage(
        dir.path(), {dir.path() + QStringLiteral("/other")}, {QStringLiteral("a2242b61af45")});
    QCOMPARE(elsewhere.front().kind, TriageAnswer::Kind::NotFound);
}

void TestGitTriage::shallowClone()
{
    QTemporaryDir dir;
    const QString origin = dir.path() + QStringLiteral("/origin");
    QVERIFY(QDir().mkpath(origin));
    QVERIFY(makeSquashRepository(origin));
    QVERIFY(git(dir.path(), {QStringLiteral("clone"), QStringLiteral("-q"),
                             QStringLiteral("--depth"), QStringLiteral("1"),
                             QStringLiteral("file://") + origin, QStringLiteral("clone")}));
    const QString clone = dir.path() + QStringLiteral("/clone");
    const QList<TriageAnswer> answers =
        GitTriage::triage(clone, {versionsOf(clone)}, {QStringLiteral("a2242b61af45")});
    QCOMPARE(answers.front().kind, TriageAnswer::Kind::NoHistory);
    const QString text = answers.front().text(TriageAnswer::Use::DatabaseRow);
    QVERIFY2(text.contains(QStringLiteral("shallow clone")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("git fetch --unshallow")), qPrintable(text));
}

void TestGitTriage::notARepository()
{
    QTemporaryDir dir;
    writeFile(versionsOf(dir.path()) + QStringLiteral("/x.py"), script("x1", "", "x"));
    const QList<TriageAnswer> answers = GitTriage::triage(
        dir.path(), {versionsOf(dir.path())}, {QStringLiteral("x1"), QStringLiteral("x2")});
    QCOMPARE(answers.size(), 2);
    for (const TriageAnswer &answer : answers) {
        QCOMPARE(answer.kind, TriageAnswer::Kind::NoRepository);
        QVERIFY(answer.text(TriageAnswer::Use::DatabaseRow).isEmpty());
    }
}

void TestGitTriage::boundedWalk()
{
    // 30 commits after the deletion: a walk bounded to 10 stops and says so.
    QTemporaryDir dir;
    QVERIFY(makeSquashRepository(dir.path()));
    for (int i = 0; i < 30; ++i) {
        QVERIFY(git(dir.path(), {QStringLiteral("commit"), QStringLiteral("-q"),
                                 QStringLiteral("--allow-empty"), QStringLiteral("-m"),
                                 QStringLiteral("empty %1").arg(i)}));
    }
    GitTriage::Limits limits;
    limits.maxCommits = 10;
    const QList<TriageAnswer> bounded = GitTriage::triage(dir.path(), {versionsOf(dir.path())},
                                                          {QStringLiteral("a2242b61af45")}, limits);
    QCOMPARE(bounded.front().kind, TriageAnswer::Kind::NotFound);
    QVERIFY(bounded.front().searchLimitReached);
    QVERIFY(bounded.front()
                .text(TriageAnswer::Use::DatabaseRow)
                .contains(QStringLiteral("newest ones searched")));
    const QList<TriageAnswer> full =
        GitTriage::triage(dir.path(), {versionsOf(dir.path())}, {QStringLiteral("a2242b61af45")});
    QCOMPARE(full.front().kind, TriageAnswer::Kind::Deleted);
}

void TestGitTriage::cancelledWalk()
{
    QTemporaryDir dir;
    QVERIFY(makeSquashRepository(dir.path()));
    const std::atomic_bool cancel(true);
    GitTriage::Limits limits;
    limits.cancel = &cancel;
    const QList<TriageAnswer> stopped = GitTriage::triage(dir.path(), {versionsOf(dir.path())},
                                                          {QStringLiteral("a2242b61af45")}, limits);
    QCOMPARE(stopped.front().kind, TriageAnswer::Kind::NotFound);
    QVERIFY(stopped.front().searchLimitReached);
    const std::atomic_bool running(false);
    limits.cancel = &running;
    const QList<TriageAnswer> answers = GitTriage::triage(dir.path(), {versionsOf(dir.path())},
                                                          {QStringLiteral("a2242b61af45")}, limits);
    QCOMPARE(answers.front().kind, TriageAnswer::Kind::Deleted);
}

void TestGitTriage::checkCommand_data()
{
    QTest::addColumn<int>("stale");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("advice");

    QTest::newRow("database stamped at the squashed id")
        << int(Stale::None) << QStringLiteral("db-unknown-revision")
        << QStringLiteral("; replaced by b891cb8863b5 → stamp the database to b891cb8863b5.");
    QTest::newRow("squash forgot to re-point the next revision")
        << int(Stale::DownRevision) << QStringLiteral("missing-parent")
        << QStringLiteral("; replaced by b891cb8863b5 → point the reference at b891cb8863b5.");
    QTest::newRow("depends_on names the squashed id")
        << int(Stale::DependsOn) << QStringLiteral("missing-dependency")
        << QStringLiteral("; replaced by b891cb8863b5 → point the reference at b891cb8863b5.");
}

void TestGitTriage::checkCommand()
{
    QFETCH(int, stale);
    QFETCH(QString, code);
    QFETCH(QString, advice);

    QTemporaryDir dir;
    const QString root = dir.path();
    QVERIFY(makeSquashRepository(root, Stale(stale)));
    const QString dbPath = root + QStringLiteral("/app.db");
    const ProcessResult created =
        run(QStringLiteral("sqlite3"),
            {dbPath, QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT "
                                    "NULL PRIMARY KEY); INSERT INTO alembic_version VALUES "
                                    "('a2242b61af45');")});
    if (!created.started) {
        QSKIP("SKIPPED: the sqlite3 command-line tool is not installed");
    }
    QCOMPARE(created.exitCode, 0);

    const ProcessResult result = revscope({QStringLiteral("check"), root, QStringLiteral("--db"),
                                           QStringLiteral("sqlite:///") + dbPath,
                                           QStringLiteral("--format"), QStringLiteral("json")});
    QString error;
    const QJsonObject report = parseJson(result.out, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error + QLatin1Char(' ') + QString::fromUtf8(result.err)));
    const QString expected = QStringLiteral("Git: deleted in %1 'Squash migrations' (2026-02-08, "
                                            "Jane Doe)")
                                 .arg(squashCommit(root).left(7)) +
                             advice;
    bool seen = false;
    for (const QJsonValue &value : report.value(QLatin1String("findings")).toArray()) {
        const QJsonObject finding = value.toObject();
        if (finding.value(QLatin1String("code")).toString() != code) {
            continue;
        }
        seen = true;
        const QString message = finding.value(QLatin1String("message")).toString();
        QVERIFY2(message.endsWith(expected), qPrintable(message));
    }
    QVERIFY2(seen, result.out.constData());
}

QTEST_GUILESS_MAIN(TestGitTriage)
#include "tst_gittriage.moc"
