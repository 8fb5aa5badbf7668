// `revscope diff` end to end on real git repositories built by the test
// with the git command line, and on plain folders.

#include "releasefixture.h"
#include "versiontable.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace TestSupport;

namespace {

QJsonObject onlyEnvironment(const QByteArray &json)
{
    QString error;
    const QJsonObject report = parseJson(json, &error);
    return report.value(QLatin1String("environments")).toArray().at(0).toObject();
}

QStringList strings(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray()) {
        out.append(v.toString());
    }
    return out;
}

QStringList findingCodes(const QJsonObject &environment)
{
    QStringList out;
    for (const QJsonValue &v : environment.value(QLatin1String("findings")).toArray()) {
        out.append(v.toObject().value(QLatin1String("code")).toString());
    }
    out.sort();
    return out;
}

ProcessResult diffJson(const QString &path, const QString &from, const QString &to)
{
    return revscope({QStringLiteral("diff"), path, QStringLiteral("--from"), from,
                     QStringLiteral("--to"), to, QStringLiteral("--format"),
                     QStringLiteral("json")});
}

} // namespace

class TestDiffCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!hasGit()) {
            QSKIP("git is not installed: the diff tests build real repositories with it");
        }
    }

    void squashCommitJson_data()
    {
        QTest::addColumn<QString>("sub");
        QTest::newRow("project at the top") << QString();
        QTest::newRow("project in a subfolder") << QStringLiteral("back");
    }
    void squashCommitJson()
    {
        QFETCH(QString, sub);
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), sub, squashIntoNewBase));
        const QString project = sub.isEmpty() ? dir.path() : dir.path() + QLatin1Char('/') + sub;
        const ProcessResult r = diffJson(project, QStringLiteral("v1"), QStringLiteral("HEAD"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(report.keys().size(), 5);
        QCOMPARE(report.value(QLatin1String("schema")).toString(),
                 QStringLiteral("revscope.diff/1"));
        QCOMPARE(report.value(QLatin1String("from")).toString(), QStringLiteral("v1"));
        QCOMPARE(report.value(QLatin1String("to")).toString(), QStringLiteral("HEAD"));
        const QJsonObject env = onlyEnvironment(r.out);
        QCOMPARE(env.value(QLatin1String("config")).toString(), QStringLiteral("alembic.ini"));
        QCOMPARE(
            strings(env.value(QLatin1String("removed"))),
            (QStringList{QStringLiteral("001"), QStringLiteral("002"), QStringLiteral("003")}));
        QCOMPARE(strings(env.value(QLatin1String("added"))), QStringList{QStringLiteral("b891")});
        QCOMPARE(strings(env.value(QLatin1String("edited"))), QStringList{QStringLiteral("004")});
        const QJsonObject rewired = env.value(QLatin1String("rewired")).toArray().at(0).toObject();
        QCOMPARE(rewired.value(QLatin1String("id")).toString(), QStringLiteral("004"));
        QCOMPARE(strings(rewired.value(QLatin1String("from"))), QStringList{QStringLiteral("003")});
        QCOMPARE(strings(rewired.value(QLatin1String("to"))), QStringList{QStringLiteral("b891")});
        const QJsonArray squash = env.value(QLatin1String("squash")).toArray();
        QCOMPARE(squash.size(), 1);
        QCOMPARE(squash.at(0).toObject().value(QLatin1String("replaced_by")).toString(),
                 QStringLiteral("b891"));
        QCOMPARE(
            strings(squash.at(0).toObject().value(QLatin1String("removed"))),
            (QStringList{QStringLiteral("001"), QStringLiteral("002"), QStringLiteral("003")}));
        QCOMPARE(squash.at(0).toObject().value(QLatin1String("confirmed")).toBool(true), false);
        QVERIFY(findingCodes(env).isEmpty());
        // The work tree is not touched: still at HEAD.
        QVERIFY(!QFile::exists(versionsFolder(project) + QLatin1String("001_a.py")));
    }

    void squashCommitText()
    {
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QString(), squashIntoNewBase));
        const ProcessResult r =
            revscope({QStringLiteral("diff"), dir.path(), QStringLiteral("--from"),
                      QStringLiteral("v1"), QStringLiteral("--to"), QStringLiteral("HEAD")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("  removed: 001, 002, 003\n"), r.out.constData());
        QVERIFY2(r.out.contains("  rewired: 004: 003 -> b891\n"), r.out.constData());
        QVERIFY2(r.out.contains("  squash:  b891 replaces 001, 002, 003 (inferred: added in "),
                 r.out.constData());
        QVERIFY2(r.out.contains("'Squash migrations', which removed them)"), r.out.constData());
    }

    void forgotToRepointNextRevision()
    {
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QString(), [](const QString &project) {
            removeScripts(project, {QStringLiteral("001_a.py"), QStringLiteral("002_b.py"),
                                    QStringLiteral("003_c.py")});
            writeFile(versionsFolder(project) + QLatin1String("b891_initial.py"),
                      migrationScript("b891", "", "initial squashed migration"));
        }));
        const ProcessResult r = diffJson(dir.path(), QStringLiteral("v1"), QStringLiteral("HEAD"));
        QCOMPARE(r.exitCode, 1);
        const QJsonObject env = onlyEnvironment(r.out);
        QVERIFY(findingCodes(env).contains(QStringLiteral("squash-dangling-reference")));
        for (const QJsonValue &v : env.value(QLatin1String("findings")).toArray()) {
            const QJsonObject f = v.toObject();
            if (f.value(QLatin1String("code")).toString() ==
                QLatin1String("squash-dangling-reference")) {
                QCOMPARE(f.value(QLatin1String("file")).toString(),
                         QStringLiteral("migrations/versions/004_d.py"));
                QCOMPARE(f.value(QLatin1String("revision")).toString(), QStringLiteral("004"));
                QVERIFY(f.value(QLatin1String("fix")).toString().contains(QLatin1String("b891")));
            }
        }
    }

    void squashReusedLastId()
    {
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QString(), squashReusingLastId));
        const ProcessResult r = diffJson(dir.path(), QStringLiteral("v1"), QStringLiteral("HEAD"));
        QCOMPARE(r.exitCode, 0);
        const QJsonObject env = onlyEnvironment(r.out);
        QVERIFY(strings(env.value(QLatin1String("added"))).isEmpty());
        QCOMPARE(strings(env.value(QLatin1String("edited"))), QStringList{QStringLiteral("004")});
        const QJsonObject squash = env.value(QLatin1String("squash")).toArray().at(0).toObject();
        QCOMPARE(squash.value(QLatin1String("replaced_by")).toString(), QStringLiteral("004"));
        QCOMPARE(
            strings(squash.value(QLatin1String("removed"))),
            (QStringList{QStringLiteral("001"), QStringLiteral("002"), QStringLiteral("003")}));
    }

    void shallowClone()
    {
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path() + QLatin1String("/origin"), QString(),
                                     squashIntoNewBase));
        const QString shallow = TestSupport::shallowClone(dir.path() + QLatin1String("/origin"),
                                                          dir.path(), QStringLiteral("shallow"));
        QVERIFY(!shallow.isEmpty());
        const ProcessResult missing =
            diffJson(shallow, QStringLiteral("HEAD~1"), QStringLiteral("HEAD"));
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("shallow clone"), missing.err.constData());
        QVERIFY(missing.out.isEmpty());
        // What the clone has can still be compared, with the working tree too.
        QVERIFY(writeFile(versionsFolder(shallow) + QLatin1String("005_e.py"),
                          migrationScript("005", "004", "fifth")));
        const ProcessResult r = diffJson(shallow, QStringLiteral("HEAD"), shallow);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(strings(onlyEnvironment(r.out).value(QLatin1String("added"))),
                 QStringList{QStringLiteral("005")});
        QVERIFY(strings(onlyEnvironment(r.out).value(QLatin1String("removed"))).isEmpty());
    }

    void nonGitFolder()
    {
        QTemporaryDir before;
        QTemporaryDir after;
        writeTwoVersions(before.path(), after.path(), squashIntoNewBase);
        const ProcessResult refs =
            diffJson(before.path(), QStringLiteral("v1"), QStringLiteral("HEAD"));
        QCOMPARE(refs.exitCode, 2);
        QVERIFY2(refs.err.contains("is not inside a git repository"), refs.err.constData());
        QVERIFY2(refs.err.contains("two folders"), refs.err.constData());

        const ProcessResult folders = diffJson(before.path(), before.path(), after.path());
        QCOMPARE(folders.exitCode, 0);
        const QJsonObject env = onlyEnvironment(folders.out);
        QCOMPARE(strings(env.value(QLatin1String("added"))), QStringList{QStringLiteral("b891")});
        const QJsonObject squash = env.value(QLatin1String("squash")).toArray().at(0).toObject();
        QCOMPARE(squash.value(QLatin1String("replaced_by")).toString(), QStringLiteral("b891"));
    }

    void squashOption()
    {
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QString(), squashIntoNewBase));
        const QStringList base{QStringLiteral("diff"),   dir.path(),
                               QStringLiteral("--from"), QStringLiteral("v1"),
                               QStringLiteral("--to"),   QStringLiteral("HEAD")};
        const ProcessResult r = revscope(
            base + QStringList{QStringLiteral("--squash"), QStringLiteral("b891=001,002,003"),
                               QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject squash =
            onlyEnvironment(r.out).value(QLatin1String("squash")).toArray().at(0).toObject();
        QCOMPARE(squash.value(QLatin1String("replaced_by")).toString(), QStringLiteral("b891"));
        QCOMPARE(squash.value(QLatin1String("confirmed")).toBool(), true);

        // Narrowed by the user: 003 now has no replacement, and 004 came after it.
        const ProcessResult narrowed = revscope(
            base + QStringList{QStringLiteral("--squash"), QStringLiteral("b891=001,002")});
        QCOMPARE(narrowed.exitCode, 0);
        QVERIFY2(narrowed.out.contains("  squash:  b891 replaces 001, 002 (confirmed)\n"),
                 narrowed.out.constData());
    }

    void squashOptionErrors_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no removed ids")
            << QStringLiteral("b891") << QByteArray("--squash takes NEW=OLD1,OLD2");
        QTest::newRow("no replacement")
            << QStringLiteral("=001") << QByteArray("--squash takes NEW=OLD1,OLD2");
        QTest::newRow("not removed") << QStringLiteral("b891=004")
                                     << QByteArray("004 was not removed between the two versions");
        QTest::newRow("not a revision") << QStringLiteral("zzz=001")
                                        << QByteArray("zzz is not a revision of the newer version");
    }
    void squashOptionErrors()
    {
        QFETCH(QString, value);
        QFETCH(QByteArray, message);
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QString(), squashIntoNewBase));
        const ProcessResult r = revscope(
            {QStringLiteral("diff"), dir.path(), QStringLiteral("--from"), QStringLiteral("v1"),
             QStringLiteral("--to"), QStringLiteral("HEAD"), QStringLiteral("--squash"), value});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains(message), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
    }

    // The seed's incident: the database is still at a revision the squash removed.
    void databaseStampedAtRemovedRevision_data()
    {
        QTest::addColumn<bool>("fromEnvironment");
        QTest::newRow("--db") << false;
        QTest::newRow("--db-env") << true;
    }
    void databaseStampedAtRemovedRevision()
    {
        QFETCH(bool, fromEnvironment);
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QStringLiteral("back"), squashIntoNewBase));
        const QString project = dir.path() + QLatin1String("/back");
        QVERIFY(writeSqliteVersionTable(dir.path() + QLatin1String("/prod.db"),
                                        {QStringLiteral("003")}));
        QStringList arguments{QStringLiteral("diff"),     project,
                              QStringLiteral("--from"),   QStringLiteral("v1"),
                              QStringLiteral("--to"),     QStringLiteral("HEAD"),
                              QStringLiteral("--format"), QStringLiteral("json")};
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        if (fromEnvironment) {
            environment.insert(QStringLiteral("PROD_DB"), QStringLiteral("sqlite:///prod.db"));
            arguments << QStringLiteral("--db-env") << QStringLiteral("PROD_DB");
        } else {
            arguments << QStringLiteral("--db") << QStringLiteral("sqlite:///prod.db");
        }
        // A relative SQLite path is taken against the working directory.
        const ProcessResult r =
            run(QStringLiteral(REVSCOPE_BINARY), arguments, dir.path(), 120000, environment);
        QVERIFY2(r.exitCode == 1, r.err.constData());
        const QJsonObject env = onlyEnvironment(r.out);
        QCOMPARE(findingCodes(env), QStringList{QStringLiteral("squash-db-stamped-removed")});
        const QJsonObject finding = env.value(QLatin1String("findings")).toArray().at(0).toObject();
        QCOMPARE(finding.value(QLatin1String("severity")).toString(), QStringLiteral("error"));
        QCOMPARE(finding.value(QLatin1String("revision")).toString(), QStringLiteral("003"));
        QVERIFY(finding.value(QLatin1String("message")).toString().contains(QLatin1String("b891")));
        const QString fix = finding.value(QLatin1String("fix")).toString();
        const QString database = fromEnvironment ? QStringLiteral("--db-env PROD_DB")
                                                 : QStringLiteral("--db sqlite:///prod.db");
        QCOMPARE(fix, QStringLiteral("revscope db stamp %1 %2 b891").arg(project, database));

        // The fix does what it says: the dry run plans 003 -> b891.
        const QStringList stamp = QProcess::splitCommand(fix).mid(1);
        const ProcessResult dry =
            run(QStringLiteral(REVSCOPE_BINARY), stamp, dir.path(), 120000, environment);
        QVERIFY2(dry.exitCode == 0, dry.err.constData());
        QVERIFY2(dry.out.contains("Rows after:    b891"), dry.out.constData());

        // Once stamped, nothing is left to say.
        const ProcessResult stamped =
            run(QStringLiteral(REVSCOPE_BINARY), stamp + QStringList{QStringLiteral("--yes")},
                dir.path(), 120000, environment);
        QVERIFY2(stamped.exitCode == 0, stamped.err.constData());
        const ProcessResult again =
            run(QStringLiteral(REVSCOPE_BINARY), arguments, dir.path(), 120000, environment);
        QCOMPARE(again.exitCode, 0);
        QVERIFY(findingCodes(onlyEnvironment(again.out)).isEmpty());
    }

    void databaseUnreachable()
    {
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QString(), squashIntoNewBase));
        const ProcessResult r = revscope(
            {QStringLiteral("diff"), dir.path(), QStringLiteral("--from"), QStringLiteral("v1"),
             QStringLiteral("--to"), QStringLiteral("HEAD"), QStringLiteral("--db"),
             QStringLiteral("postgresql://u:Secret9@127.0.0.1:1/none?connect_timeout=2")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.out.contains("  removed: 001, 002, 003\n")); // the diff itself stands
        QVERIFY2(r.err.startsWith("revscope diff: "), r.err.constData());
        QVERIFY(!r.err.contains("Secret9"));
        QVERIFY(!r.out.contains("Secret9"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no --to") << QStringList{QStringLiteral("--from"), QStringLiteral("v1")};
        QTest::newRow("bad format") << QStringList{
            QStringLiteral("--from"), QStringLiteral("a"),        QStringLiteral("--to"),
            QStringLiteral("b"),      QStringLiteral("--format"), QStringLiteral("xml")};
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        const ProcessResult r = revscope(QStringList{QStringLiteral("diff")} + arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDiffCommand)
#include "tst_diffcommand.moc"
