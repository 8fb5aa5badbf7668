// Comparison on real git repositories and folders: loading both sides,
// keeping the extracted refs alive, progress and cancellation, one-sentence
// errors, the user's squash mapping, and the database check against SQLite
// files and a throwaway PostgreSQL server.

#include "postgresserver.h"
#include "release/comparison.h"
#include "releasefixture.h"
#include "versiontable.h"

#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;
using namespace TestSupport;

namespace {

SquashMapping entry(const QString &replacedBy, const QStringList &removed)
{
    SquashMapping mapping;
    mapping.replacedBy = replacedBy;
    mapping.removed = removed;
    return mapping;
}

Comparison compare(const QString &project, const QString &from, const QString &to,
                   const QString &databaseUrl = QString())
{
    ComparisonOptions options;
    options.project = project;
    options.from = from;
    options.to = to;
    options.database.url = databaseUrl;
    options.database.baseDir = project;
    return Comparison::run(options);
}

const Finding *findingOf(const EnvironmentDiff &diff, const QString &code)
{
    for (const Finding &finding : diff.findings) {
        if (finding.code == code) {
            return &finding;
        }
    }
    return nullptr;
}

// Deletes the head 004; nothing replaces it.
void dropHead(const QString &project)
{
    removeScripts(project, {QStringLiteral("004_d.py")});
}

// Deletes 004 and adds 005 after 003. Between two folders nothing says
// that 005 replaces 004 (in git, the commit doing both would).
void replaceHeadSilently(const QString &project)
{
    removeScripts(project, {QStringLiteral("004_d.py")});
    writeFile(versionsFolder(project) + QLatin1String("005_e.py"),
              migrationScript("005", "003", "add accounts"));
}

} // namespace

class TestComparison : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!hasGit()) {
            QSKIP("git is not installed: the comparison tests build real repositories with it");
        }
    }

    void refsExtractedAndKeptAlive()
    {
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QStringLiteral("back"), squashIntoNewBase));
        const QString project = dir.path() + QLatin1String("/back");
        QStringList steps;
        ComparisonOptions options;
        options.project = project;
        options.from = QStringLiteral("v1");
        options.to = QStringLiteral("HEAD");
        auto comparison = std::make_unique<Comparison>(
            Comparison::run(options, [&steps](const QString &what) { steps.append(what); }));
        QVERIFY2(comparison->ok(), qPrintable(comparison->error()));
        QVERIFY(comparison->from().fromGit);
        QVERIFY(comparison->to().fromGit);
        QCOMPARE(comparison->from().name, QStringLiteral("v1"));
        QCOMPARE(steps.size(), 6); // extract and inspect each side, commits, compare
        QVERIFY2(steps.first().contains(QLatin1String("v1")), qPrintable(steps.first()));
        QCOMPARE(comparison->commits().size(), 1);
        QCOMPARE(comparison->commits().at(0).summary, QStringLiteral("Squash migrations"));
        QCOMPARE(comparison->environments().size(), 1);
        const EnvironmentDiff &diff = comparison->environments().at(0);
        QCOMPARE(diff.removed, (QStringList{QStringLiteral("001"), QStringLiteral("002"),
                                            QStringLiteral("003")}));
        QCOMPARE(squashMappingText(diff.squash), QStringLiteral("b891<-001,002,003?"));
        QVERIFY(diff.findings.isEmpty());
        QVERIFY(!comparison->hasDatabase());

        // The extracted folders live as long as any copy of the result.
        const QString fromRoot = comparison->from().root;
        const QString toRoot = comparison->to().root;
        QVERIFY(QFile::exists(fromRoot + QLatin1String("/migrations/versions/001_a.py")));
        QVERIFY(!QFile::exists(toRoot + QLatin1String("/migrations/versions/001_a.py")));
        auto copy = std::make_unique<Comparison>(*comparison);
        comparison.reset();
        QVERIFY(QFileInfo::exists(fromRoot));
        copy.reset();
        QVERIFY(!QFileInfo::exists(fromRoot));
        QVERIFY(!QFileInfo::exists(toRoot));
        // Nothing of the work tree was touched.
        QVERIFY(!QFile::exists(versionsFolder(project) + QLatin1String("001_a.py")));
    }

    void folderAgainstRef()
    {
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QString(), squashIntoNewBase));
        writeFile(versionsFolder(dir.path()) + QLatin1String("005_e.py"),
                  migrationScript("005", "004", "fifth"));
        const Comparison comparison = compare(dir.path(), QStringLiteral("HEAD"), dir.path());
        QVERIFY2(comparison.ok(), qPrintable(comparison.error()));
        QVERIFY(!comparison.to().fromGit);
        QCOMPARE(comparison.to().root, QDir::cleanPath(dir.path()));
        QVERIFY(comparison.commits().isEmpty());
        QCOMPARE(comparison.environments().at(0).added, QStringList{QStringLiteral("005")});
    }

    void errors_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not a git repository")
            << QStringLiteral("plain") << QStringLiteral("v1")
            << QStringLiteral("is not inside a git repository, so 'v1' cannot be read as a git "
                              "ref; to compare two folders, pass both to --from and --to.");
        QTest::newRow("unknown ref") << QStringLiteral("repo") << QStringLiteral("v9")
                                     << QStringLiteral("v9 is not a commit of this repository");
        QTest::newRow("shallow clone missing the commit")
            << QStringLiteral("shallow") << QStringLiteral("HEAD~1")
            << QStringLiteral("this is a shallow clone without that history");
    }
    void errors()
    {
        QFETCH(QString, kind);
        QFETCH(QString, from);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QString project = dir.path() + QLatin1String("/repo");
        if (kind == QLatin1String("plain")) {
            writeLinearProject(project);
        } else {
            QVERIFY(makeSquashRepository(project, QString(), squashIntoNewBase));
        }
        if (kind == QLatin1String("shallow")) {
            project = shallowClone(project, dir.path(), QStringLiteral("shallow"));
            QVERIFY(!project.isEmpty());
        }
        const Comparison comparison = compare(project, from, QStringLiteral("HEAD"));
        QVERIFY(!comparison.ok());
        QCOMPARE(comparison.problem(), Comparison::Problem::Usage);
        QVERIFY2(comparison.error().contains(expected), qPrintable(comparison.error()));
        // One plain sentence.
        QVERIFY(comparison.error().endsWith(QLatin1Char('.')));
        QVERIFY(!comparison.error().contains(QLatin1Char('\n')));
        QVERIFY(comparison.environments().isEmpty());
    }

    void foldersOutsideGit()
    {
        QTemporaryDir before;
        QTemporaryDir after;
        writeTwoVersions(before.path(), after.path(), squashIntoNewBase);
        const Comparison comparison = compare(before.path(), before.path(), after.path());
        QVERIFY2(comparison.ok(), qPrintable(comparison.error()));
        QVERIFY(!comparison.from().fromGit);
        QCOMPARE(squashMappingText(comparison.environments().at(0).squash),
                 QStringLiteral("b891<-001,002,003?"));
    }

    void cancel_data()
    {
        QTest::addColumn<int>("cancelAtStep"); // 0: before starting
        QTest::newRow("before starting") << 0;
        QTest::newRow("while extracting from") << 1;
        QTest::newRow("while inspecting to") << 4;
        QTest::newRow("while reading the commits") << 5;
    }
    void cancel()
    {
        QFETCH(int, cancelAtStep);
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QString(), squashIntoNewBase));
        std::atomic_bool cancelled(cancelAtStep == 0);
        int steps = 0;
        ComparisonOptions options;
        options.project = dir.path();
        options.from = QStringLiteral("v1");
        options.to = QStringLiteral("HEAD");
        const Comparison comparison = Comparison::run(
            options,
            [&](const QString &) {
                if (++steps == cancelAtStep) {
                    cancelled = true;
                }
            },
            &cancelled);
        QCOMPARE(comparison.problem(), Comparison::Problem::Cancelled);
        QVERIFY(!comparison.ok());
        QVERIFY(comparison.environments().isEmpty());
        QVERIFY(steps <= qMax(1, cancelAtStep)); // no step after the one that cancelled
    }

    // The user confirms or corrects the mapping, and the checks follow it.
    void userMapping()
    {
        QTemporaryDir before;
        QTemporaryDir after;
        writeTwoVersions(before.path(), after.path(), replaceHeadSilently);
        const Comparison inferred = compare(before.path(), before.path(), after.path());
        QVERIFY2(inferred.ok(), qPrintable(inferred.error()));
        const QString label = QStringLiteral("alembic.ini");
        QVERIFY(inferred.environment(label)->squash.isEmpty());
        QCOMPARE(findingCodes(inferred.environment(label)->findings),
                 (QStringList{QStringLiteral("squash-new-head"),
                              QStringLiteral("squash-uncovered-head")}));

        SquashMapping mapping;
        mapping.replacedBy = QStringLiteral("005");
        mapping.removed = {QStringLiteral("004")};
        const Comparison confirmed = inferred.withSquash(label, {mapping});
        QCOMPARE(squashMappingText(confirmed.environment(label)->squash),
                 QStringLiteral("005<-004!"));
        QVERIFY(confirmed.environment(label)->findings.isEmpty());
        // The original is a value: unchanged.
        QCOMPARE(findingCodes(inferred.environment(label)->findings).size(), 2);
        // Unknown labels change nothing.
        QCOMPARE(squashMappingText(inferred.withSquash(QStringLiteral("nope.ini"), {mapping})
                                       .environment(label)
                                       ->squash),
                 QString());

        // The CLI's form: entries checked, merged, confirmed.
        Comparison overridden;
        QString error;
        QVERIFY(inferred.overrideSquash({mapping}, &overridden, &error));
        QCOMPARE(squashMappingText(overridden.environment(label)->squash),
                 QStringLiteral("005<-004!"));
        mapping.removed = {QStringLiteral("003")};
        QVERIFY(!inferred.overrideSquash({mapping}, &overridden, &error));
        QCOMPARE(error, QStringLiteral("005 cannot replace 003: 003 was not removed between the "
                                       "two versions."));
        mapping.replacedBy = QStringLiteral("777");
        mapping.removed = {QStringLiteral("004")};
        QVERIFY(!inferred.overrideSquash({mapping}, &overridden, &error));
        QVERIFY2(error.contains(QLatin1String("777 is not a revision of the newer version")),
                 qPrintable(error));
    }

    void merged_data()
    {
        QTest::addColumn<QString>("given");
        QTest::addColumn<QString>("result");
        // Inferred: b<-1,2,3 and c<-7.
        QTest::newRow("confirm as inferred")
            << QStringLiteral("b=1,2,3") << QStringLiteral("c<-7? b<-1,2,3!");
        QTest::newRow("narrow the replacement")
            << QStringLiteral("b=1,2") << QStringLiteral("c<-7? b<-1,2!");
        QTest::newRow("move an id to another")
            << QStringLiteral("c=3") << QStringLiteral("b<-1,2? c<-3!");
        QTest::newRow("new replacement takes all")
            << QStringLiteral("d=1,2,3,7") << QStringLiteral("d<-1,2,3,7!");
    }
    void merged()
    {
        QFETCH(QString, given);
        QFETCH(QString, result);
        const QList<SquashMapping> current{
            entry(QStringLiteral("b"),
                  {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}),
            entry(QStringLiteral("c"), {QStringLiteral("7")})};
        const SquashMapping user =
            entry(given.section(QLatin1Char('='), 0, 0),
                  given.section(QLatin1Char('='), 1).split(QLatin1Char(',')));
        QCOMPARE(squashMappingText(RevisionDiff::merged(current, {user})), result);
    }

    void databaseStampedAtRemoved_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QStringList>("rows");
        QTest::addColumn<QStringList>("targets");
        QTest::addColumn<QString>("fixContains");
        QTest::newRow("at the newest squashed revision")
            << QStringLiteral("new base") << QStringList{QStringLiteral("003")}
            << QStringList{QStringLiteral("b891")} << QStringLiteral(" b891");
        QTest::newRow("in the middle of the squashed run")
            << QStringLiteral("new base") << QStringList{QStringLiteral("002")} << QStringList()
            << QStringLiteral("Upgrade it to 003 with the migrations of v1 first, then run: ");
        QTest::newRow("reused the last id, database below it")
            << QStringLiteral("reused id") << QStringList{QStringLiteral("003")} << QStringList()
            << QStringLiteral("Upgrade it to 004 with the migrations of v1 first");
        QTest::newRow("kept revision: nothing to say")
            << QStringLiteral("new base") << QStringList{QStringLiteral("004")} << QStringList()
            << QString();
        QTest::newRow("nothing replaces it")
            << QStringLiteral("silent") << QStringList{QStringLiteral("004")} << QStringList()
            << QStringLiteral("--squash NEW=004), or stamp the revision whose schema the "
                              "database has: revscope db stamp ");
    }
    void databaseStampedAtRemoved()
    {
        QFETCH(QString, scenario);
        QFETCH(QStringList, rows);
        QFETCH(QStringList, targets);
        QFETCH(QString, fixContains);
        QTemporaryDir dir;
        const auto squash = scenario == QLatin1String("new base")    ? squashIntoNewBase
                            : scenario == QLatin1String("reused id") ? squashReusingLastId
                                                                     : dropHead;
        QVERIFY(makeSquashRepository(dir.path(), QString(), squash));
        const QString file = dir.path() + QLatin1String("/state.sqlite");
        QVERIFY(writeSqliteVersionTable(file, rows));
        const QString url = QStringLiteral("sqlite:///") + file;
        const Comparison comparison =
            compare(dir.path(), QStringLiteral("v1"), QStringLiteral("HEAD"), url);
        QVERIFY2(comparison.ok(), qPrintable(comparison.error()));
        QVERIFY(comparison.databaseErrors().isEmpty());
        const DatabaseCheck *check = comparison.databaseCheck(QStringLiteral("alembic.ini"));
        QVERIFY(check);
        QCOMPARE(check->targets, targets);
        const EnvironmentDiff &diff = comparison.environments().at(0);
        const Finding *finding = findingOf(diff, QStringLiteral("squash-db-stamped-removed"));
        if (fixContains.isEmpty()) {
            QVERIFY(!finding);
            QVERIFY(!check->needsStamp());
            return;
        }
        QVERIFY(finding);
        QCOMPARE(check->stampedRemoved, rows);
        QCOMPARE(finding->severity, Severity::Error);
        QCOMPARE(finding->revision, rows.first());
        QCOMPARE(finding->environment, QStringLiteral("alembic.ini"));
        QVERIFY2(finding->message.contains(url), qPrintable(finding->message));
        QVERIFY2(finding->message.contains(rows.first()), qPrintable(finding->message));
        QVERIFY2(finding->fix.contains(fixContains), qPrintable(finding->fix));
        if (!targets.isEmpty()) {
            // Exactly the command, runnable as it is.
            QCOMPARE(finding->fix, QStringLiteral("revscope db stamp %1 --db %2 %3")
                                       .arg(dir.path(), url, targets.join(QLatin1Char(' '))));
            QCOMPARE(check->command, finding->fix);
        }
    }

    // The user's mapping reaches the database check too.
    void databaseFollowsTheMapping()
    {
        QTemporaryDir before;
        QTemporaryDir after;
        writeTwoVersions(before.path(), after.path(), replaceHeadSilently);
        const QString file = after.path() + QLatin1String("/state.sqlite");
        QVERIFY(writeSqliteVersionTable(file, {QStringLiteral("004")}));
        const Comparison inferred = compare(before.path(), before.path(), after.path(),
                                            QStringLiteral("sqlite:///") + file);
        QVERIFY(inferred.environments().at(0).findings.size() == 3);
        const Comparison confirmed = inferred.withSquash(
            QStringLiteral("alembic.ini"), {entry(QStringLiteral("005"), {QStringLiteral("004")})});
        const EnvironmentDiff &diff = confirmed.environments().at(0);
        QCOMPARE(findingCodes(diff.findings),
                 QStringList{QStringLiteral("squash-db-stamped-removed")});
        QVERIFY2(diff.findings.at(0).message.contains(QLatin1String("005 replaces it")),
                 qPrintable(diff.findings.at(0).message));
        QCOMPARE(confirmed.databaseCheck(QStringLiteral("alembic.ini"))->targets,
                 QStringList{QStringLiteral("005")});
    }

    // `ini`: the URL of the project's config, relative to its folder, even
    // when `to` is an extracted ref.
    void databaseFromIni()
    {
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QStringLiteral("back"), [](const QString &p) {
            squashIntoNewBase(p);
            writeFile(p + QLatin1String("/alembic.ini"),
                      "[alembic]\nscript_location = migrations\nsqlalchemy.url = "
                      "sqlite:///app.db\n");
        }));
        const QString project = dir.path() + QLatin1String("/back");
        QVERIFY(
            writeSqliteVersionTable(project + QLatin1String("/app.db"), {QStringLiteral("003")}));
        const Comparison comparison =
            compare(project, QStringLiteral("v1"), QStringLiteral("HEAD"), QStringLiteral("ini"));
        QVERIFY2(comparison.ok(), qPrintable(comparison.error()));
        QVERIFY2(comparison.databaseErrors().isEmpty(),
                 qPrintable(comparison.databaseErrors().join(QLatin1Char(' '))));
        QVERIFY(comparison.databaseInspection() != comparison.to().inspection);
        const Finding *finding =
            findingOf(comparison.environments().at(0), QStringLiteral("squash-db-stamped-removed"));
        QVERIFY(finding);
        QCOMPARE(finding->fix, QStringLiteral("revscope db stamp %1 --db ini b891").arg(project));
    }

    void databaseUnreachable()
    {
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QString(), squashIntoNewBase));
        const Comparison comparison =
            compare(dir.path(), QStringLiteral("v1"), QStringLiteral("HEAD"),
                    QStringLiteral("sqlite:///") + dir.path() + QLatin1String("/none/x.db"));
        QVERIFY(comparison.ok()); // the diff stands; the caller reports the database
        QCOMPARE(comparison.databaseErrors().size(), 1);
        QVERIFY2(comparison.databaseErrors().at(0).contains(QLatin1String("does not exist")),
                 qPrintable(comparison.databaseErrors().at(0)));
        QVERIFY(!findingOf(comparison.environments().at(0),
                           QStringLiteral("squash-db-stamped-removed")));
    }

    // A real server, a password in the URL: the fix and the message say ***.
    void postgresPasswordHidden()
    {
        if (PostgresServer::binDir().isEmpty() ||
            !QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
            QSKIP("PostgreSQL or the Qt PostgreSQL driver is not installed");
        }
        PostgresServer server;
        if (!server.start()) {
            QSKIP(qPrintable(
                QStringLiteral("PostgreSQL test server did not start: %1").arg(server.error())));
        }
        const QString password = QStringLiteral("S3cret-pw");
        QVERIFY2(
            server.execute({QStringLiteral("CREATE ROLE app LOGIN PASSWORD '%1'").arg(password),
                            QStringLiteral("CREATE DATABASE appdb OWNER app")}),
            qPrintable(server.error()));
        QVERIFY2(server.execute({QStringLiteral("SET ROLE app"),
                                 QStringLiteral("CREATE TABLE alembic_version (version_num "
                                                "VARCHAR(32) NOT NULL PRIMARY KEY)"),
                                 QStringLiteral("INSERT INTO alembic_version VALUES ('003')")},
                                QStringLiteral("appdb")),
                 qPrintable(server.error()));
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QString(), squashIntoNewBase));
        const Comparison comparison =
            compare(dir.path(), QStringLiteral("v1"), QStringLiteral("HEAD"),
                    server.url(QStringLiteral("app"), password, QStringLiteral("appdb")));
        QVERIFY2(comparison.databaseErrors().isEmpty(),
                 qPrintable(comparison.databaseErrors().join(QLatin1Char(' '))));
        const Finding *finding =
            findingOf(comparison.environments().at(0), QStringLiteral("squash-db-stamped-removed"));
        QVERIFY(finding);
        const QString shown =
            server.url(QStringLiteral("app"), QStringLiteral("***"), QStringLiteral("appdb"));
        QCOMPARE(finding->fix,
                 QStringLiteral("revscope db stamp %1 --db '%2' b891").arg(dir.path(), shown));
        QVERIFY(!finding->message.contains(password));
        QVERIFY(finding->message.contains(shown));
    }
};

QTEST_GUILESS_MAIN(TestComparison)
#include "tst_comparison.moc"
