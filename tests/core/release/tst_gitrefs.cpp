// GitRefs on a real repository: HEAD, branches, remote branches, tags and
// recent commits, each resolving to the commit git itself names.

#include "release/gitrefs.h"
#include "releasefixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;
using namespace TestSupport;

namespace {

QString revParse(const QString &repo, const QString &ref)
{
    const ProcessResult r =
        run(QStringLiteral("git"), {QStringLiteral("rev-parse"), ref + QLatin1String("^{commit}")},
            repo);
    return QString::fromLatin1(r.out.trimmed());
}

QStringList namesOf(const QList<GitRef> &refs, GitRef::Kind kind)
{
    QStringList out;
    for (const GitRef &ref : refs) {
        if (ref.kind == kind) {
            out.append(ref.name);
        }
    }
    return out;
}

} // namespace

class TestGitRefs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!hasGit()) {
            QSKIP("git is not installed: the tests build real repositories with it");
        }
    }

    void listsRefs()
    {
        QTemporaryDir dir;
        const QString origin = dir.path() + QLatin1String("/origin");
        QVERIFY(makeSquashRepository(origin, QString(), squashIntoNewBase));
        QVERIFY(git(origin,
                    {QStringLiteral("branch"), QStringLiteral("feature"), QStringLiteral("v1")}));
        QVERIFY(git(origin, {QStringLiteral("tag"), QStringLiteral("-a"), QStringLiteral("v2"),
                             QStringLiteral("-m"), QStringLiteral("release 2")}));
        QVERIFY(git(dir.path(), {QStringLiteral("clone"), QStringLiteral("-q"), origin,
                                 QStringLiteral("clone")}));
        const QString clone = dir.path() + QLatin1String("/clone");
        // Asked from a subfolder: the repository holding it.
        const QList<GitRef> refs = GitRefs::list(clone + QLatin1String("/migrations"), 5);
        QVERIFY(!refs.isEmpty());
        QCOMPARE(refs.first().kind, GitRef::Kind::Head);
        QCOMPARE(refs.first().name, QStringLiteral("HEAD"));
        QCOMPARE(refs.first().summary, QStringLiteral("Squash migrations"));
        const QString branch = namesOf(refs, GitRef::Kind::Branch).value(0);
        QVERIFY(branch == QLatin1String("main") || branch == QLatin1String("master"));
        QCOMPARE(
            namesOf(refs, GitRef::Kind::RemoteBranch),
            (QStringList{QStringLiteral("origin/feature"), QStringLiteral("origin/") + branch}));
        QCOMPARE(namesOf(refs, GitRef::Kind::Tag).size(), 2);
        QCOMPARE(namesOf(refs, GitRef::Kind::Tag).first(), QStringLiteral("v2")); // newest first
        QCOMPARE(namesOf(refs, GitRef::Kind::Commit).size(), 2); // only two commits exist
        for (const GitRef &ref : refs) {
            QCOMPARE(ref.commit, revParse(clone, ref.name));
            QVERIFY(ref.time.isValid());
            QVERIFY(ref.commit.startsWith(ref.kind == GitRef::Kind::Commit ? ref.name : QString()));
        }
    }

    void limitedCommits()
    {
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QString(), squashIntoNewBase));
        const QList<GitRef> refs = GitRefs::list(dir.path(), 1);
        QCOMPARE(namesOf(refs, GitRef::Kind::Commit).size(), 1);
        QCOMPARE(namesOf(GitRefs::list(dir.path(), 0), GitRef::Kind::Commit).size(), 0);
    }

    void notARepository()
    {
        QTemporaryDir dir;
        QVERIFY(GitRefs::list(dir.path()).isEmpty());
        QVERIFY(GitRefs::list(dir.path() + QLatin1String("/missing")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestGitRefs)
#include "tst_gitrefs.moc"
