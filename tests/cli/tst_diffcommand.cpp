// `revscope diff` end to end on real git repositories built by the test
// with the git command line, and on plain folders.

#include "testsupport.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace TestSupport;

namespace {

QByteArray script(const QByteArray &rev, const QByteArray &down, const QByteArray &message)
{
    return "\"\"\"" + message + "\n\nRevision ID: " + rev + "\n\"\"\"\nrevision = '" + rev +
           "'\ndown_revision = " + (down.isEmpty() ? QByteArray("None") : "'" + down + "'") +
           "\nbranch_labels = None\ndepends_on = None\n";
}

QString versions(const QString &project)
{
    return project + QLatin1String("/migrations/versions/");
}

void writeLinear(const QString &project)
{
    writeFile(project + QLatin1String("/alembic.ini"), "[alembic]\nscript_location = migrations\n");
    writeFile(project + QLatin1String("/migrations/env.py"), "# env\n");
    writeFile(versions(project) + QLatin1String("001_a.py"), script("001", "", "first"));
    writeFile(versions(project) + QLatin1String("002_b.py"), script("002", "001", "second"));
    writeFile(versions(project) + QLatin1String("003_c.py"), script("003", "002", "third"));
    writeFile(versions(project) + QLatin1String("004_d.py"), script("004", "003", "fourth"));
}

bool git(const QString &repo, const QStringList &arguments)
{
    const ProcessResult r =
        run(QStringLiteral("git"),
            QStringList{QStringLiteral("-c"), QStringLiteral("user.name=t"), QStringLiteral("-c"),
                        QStringLiteral("user.email=t@t"), QStringLiteral("-c"),
                        QStringLiteral("commit.gpgsign=false")} +
                arguments,
            repo);
    if (r.exitCode != 0) {
        qWarning("git %s: %s", qPrintable(arguments.join(QLatin1Char(' '))), r.err.constData());
    }
    return r.exitCode == 0;
}

bool commitAll(const QString &repo, const QString &message)
{
    return git(repo, {QStringLiteral("add"), QStringLiteral("-A")}) &&
           git(repo,
               {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), message});
}

// A repository with the project in `sub` (may be empty): the linear
// history tagged v1, then the squash `squash` makes, committed.
bool makeRepository(const QString &repo, const QString &sub,
                    const std::function<void(const QString &)> &squash)
{
    const QString project = sub.isEmpty() ? repo : repo + QLatin1Char('/') + sub;
    writeLinear(project);
    if (!git(repo, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral(".")}) ||
        !commitAll(repo, QStringLiteral("Linear history")) ||
        !git(repo, {QStringLiteral("tag"), QStringLiteral("v1")})) {
        return false;
    }
    squash(project);
    return commitAll(repo, QStringLiteral("Squash migrations"));
}

void squashIntoNewBase(const QString &project)
{
    for (const char *name : {"001_a.py", "002_b.py", "003_c.py"}) {
        QFile::remove(versions(project) + QLatin1String(name));
    }
    writeFile(versions(project) + QLatin1String("b891_initial.py"),
              script("b891", "", "initial migration"));
    writeFile(versions(project) + QLatin1String("004_d.py"), script("004", "b891", "fourth"));
}

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
        if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty()) {
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
        QVERIFY(makeRepository(dir.path(), sub, squashIntoNewBase));
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
        QVERIFY(!QFile::exists(versions(project) + QLatin1String("001_a.py")));
    }

    void squashCommitText()
    {
        QTemporaryDir dir;
        QVERIFY(makeRepository(dir.path(), QString(), squashIntoNewBase));
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
        QVERIFY(makeRepository(dir.path(), QString(), [](const QString &project) {
            for (const char *name : {"001_a.py", "002_b.py", "003_c.py"}) {
                QFile::remove(versions(project) + QLatin1String(name));
            }
            writeFile(versions(project) + QLatin1String("b891_initial.py"),
                      script("b891", "", "initial squashed migration"));
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
        QVERIFY(makeRepository(dir.path(), QString(), [](const QString &project) {
            for (const char *name : {"001_a.py", "002_b.py", "003_c.py", "004_d.py"}) {
                QFile::remove(versions(project) + QLatin1String(name));
            }
            writeFile(versions(project) + QLatin1String("004_squashed.py"),
                      script("004", "", "squashed"));
        }));
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
        QVERIFY(
            makeRepository(dir.path() + QLatin1String("/origin"), QString(), squashIntoNewBase));
        QVERIFY(git(dir.path(), {QStringLiteral("clone"), QStringLiteral("-q"),
                                 QStringLiteral("--depth"), QStringLiteral("1"),
                                 QStringLiteral("file://") + dir.path() + QLatin1String("/origin"),
                                 QStringLiteral("shallow")}));
        const QString shallow = dir.path() + QLatin1String("/shallow");
        const ProcessResult missing =
            diffJson(shallow, QStringLiteral("HEAD~1"), QStringLiteral("HEAD"));
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("shallow clone"), missing.err.constData());
        QVERIFY(missing.out.isEmpty());
        // What the clone has can still be compared, with the working tree too.
        QVERIFY(writeFile(versions(shallow) + QLatin1String("005_e.py"),
                          script("005", "004", "fifth")));
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
        writeLinear(before.path());
        writeLinear(after.path());
        squashIntoNewBase(after.path());
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
