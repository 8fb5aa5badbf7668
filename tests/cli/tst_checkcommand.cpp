// `revscope check` end to end: the binary on real temporary projects,
// checked against the command-line contract.

#include "testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace TestSupport;

namespace {

const QByteArray kIni = "[alembic]\nscript_location = migrations\n";

QByteArray script(const QByteArray &rev, const QByteArray &down, const QByteArray &message,
                  const QByteArray &extra = QByteArray())
{
    return "\"\"\"" + message + "\n\nRevision ID: " + rev +
           "\nRevises: " + (down == "None" ? QByteArray() : down) +
           "\nCreate Date: 2025-10-27 10:00:00.000000\n\n\"\"\"\n"
           "from alembic import op\n\n"
           "revision = '" +
           rev +
           "'\n"
           "down_revision = " +
           (down == "None" ? down : "'" + down + "'") +
           "\n"
           "branch_labels = None\ndepends_on = None\n" +
           extra + "\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n";
}

QJsonObject findingWithCode(const QJsonObject &report, const QString &code)
{
    for (const QJsonValue &value : report.value(QLatin1String("findings")).toArray()) {
        if (value.toObject().value(QLatin1String("code")).toString() == code) {
            return value.toObject();
        }
    }
    return {};
}

} // namespace

class TestCheckCommand : public QObject
{
    Q_OBJECT

private:
    QString makeLinearProject(QTemporaryDir &dir)
    {
        const QString root = dir.path();
        writeFile(root + QLatin1String("/alembic.ini"), kIni);
        writeFile(root + QLatin1String("/migrations/env.py"), "# env\n");
        writeFile(root + QLatin1String("/migrations/versions/001_first.py"),
                  script("001", "None", "first"));
        writeFile(root + QLatin1String("/migrations/versions/002_second.py"),
                  script("002", "001", "second"));
        writeFile(root + QLatin1String("/migrations/versions/003_third.py"),
                  script("003", "002", "third"));
        return root;
    }

private Q_SLOTS:
    void jsonFollowsContract()
    {
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        const ProcessResult r = revscope(
            {QStringLiteral("check"), root, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(report.value(QLatin1String("schema")).toString(),
                 QStringLiteral("revscope.check/1"));
        QCOMPARE(report.value(QLatin1String("root")).toString(), QDir(root).canonicalPath());
        QVERIFY(report.value(QLatin1String("bytecode")).isArray());
        QVERIFY(report.value(QLatin1String("findings")).isArray());
        const QJsonArray envs = report.value(QLatin1String("environments")).toArray();
        QCOMPARE(envs.size(), 1);
        const QJsonObject env = envs.first().toObject();
        QCOMPARE(env.value(QLatin1String("config")).toString(), QStringLiteral("alembic.ini"));
        QCOMPARE(env.value(QLatin1String("script_location")).toString(),
                 QStringLiteral("migrations"));
        QCOMPARE(env.value(QLatin1String("version_locations")).toArray(),
                 QJsonArray{QStringLiteral("migrations/versions")});
        QCOMPARE(env.value(QLatin1String("sourceless")).toBool(true), false);
        QCOMPARE(env.value(QLatin1String("heads")).toArray(), QJsonArray{QStringLiteral("003")});
        QCOMPARE(env.value(QLatin1String("bases")).toArray(), QJsonArray{QStringLiteral("001")});
        QCOMPARE(env.value(QLatin1String("branch_points")).toArray(), QJsonArray{});
        QCOMPARE(env.value(QLatin1String("merge_points")).toArray(), QJsonArray{});
        QCOMPARE(env.value(QLatin1String("history")).toArray(),
                 (QJsonArray{QStringLiteral("003"), QStringLiteral("002"), QStringLiteral("001")}));
        QVERIFY(env.value(QLatin1String("database")).isNull());

        const QJsonArray revisions = env.value(QLatin1String("revisions")).toArray();
        QCOMPARE(revisions.size(), 3);
        QJsonObject second;
        for (const QJsonValue &v : revisions) {
            if (v.toObject().value(QLatin1String("id")).toString() == QLatin1String("002")) {
                second = v.toObject();
            }
        }
        QCOMPARE(second.value(QLatin1String("down_revisions")).toArray(),
                 QJsonArray{QStringLiteral("001")});
        QCOMPARE(second.value(QLatin1String("depends_on")).toArray(), QJsonArray{});
        QCOMPARE(second.value(QLatin1String("branch_labels")).toArray(), QJsonArray{});
        QCOMPARE(second.value(QLatin1String("message")).toString(), QStringLiteral("second"));
        QCOMPARE(second.value(QLatin1String("create_date")).toString(),
                 QStringLiteral("2025-10-27 10:00:00.000000"));
        QCOMPARE(second.value(QLatin1String("file")).toString(),
                 QStringLiteral("migrations/versions/002_second.py"));
        QCOMPARE(second.value(QLatin1String("origin")).toString(), QStringLiteral("source"));
        QVERIFY(second.value(QLatin1String("db_state")).isNull());
    }

    void missingParentIsAnErrorWithGhost()
    {
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        writeFile(root + QLatin1String("/migrations/versions/004_orphan.py"),
                  script("004", "a2242b61af45", "orphan"));
        const ProcessResult r = revscope(
            {QStringLiteral("check"), root, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 1);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject finding = findingWithCode(report, QStringLiteral("missing-parent"));
        QVERIFY2(!finding.isEmpty(), r.out.constData());
        QCOMPARE(finding.value(QLatin1String("severity")).toString(), QStringLiteral("error"));
        QCOMPARE(finding.value(QLatin1String("file")).toString(),
                 QStringLiteral("migrations/versions/004_orphan.py"));
        QVERIFY(finding.value(QLatin1String("line")).toInt() > 0);
        QCOMPARE(finding.value(QLatin1String("environment")).toString(),
                 QStringLiteral("alembic.ini"));
        QVERIFY(finding.value(QLatin1String("message"))
                    .toString()
                    .contains(QLatin1String("a2242b61af45")));
        bool ghost = false;
        const QJsonObject env =
            report.value(QLatin1String("environments")).toArray().first().toObject();
        for (const QJsonValue &v : env.value(QLatin1String("revisions")).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QLatin1String("id")).toString() == QLatin1String("a2242b61af45")) {
                ghost = o.value(QLatin1String("origin")).toString() == QLatin1String("missing") &&
                        o.value(QLatin1String("file")).isNull();
            }
        }
        QVERIFY2(ghost, "the missing parent must appear as a ghost revision");
    }

    void failOn_data()
    {
        QTest::addColumn<QString>("failOn");
        QTest::addColumn<int>("exitCode");
        // Two heads: a warning, no error.
        QTest::newRow("default error") << QString() << 0;
        QTest::newRow("error") << QStringLiteral("error") << 0;
        QTest::newRow("warning") << QStringLiteral("warning") << 1;
        QTest::newRow("info") << QStringLiteral("info") << 1;
        QTest::newRow("never") << QStringLiteral("never") << 0;
        QTest::newRow("bogus") << QStringLiteral("bogus") << 2;
    }

    void failOn()
    {
        QFETCH(QString, failOn);
        QFETCH(int, exitCode);
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        writeFile(root + QLatin1String("/migrations/versions/004_side.py"),
                  script("004", "002", "side"));
        QStringList args{QStringLiteral("check"), root};
        if (!failOn.isEmpty()) {
            args << QStringLiteral("--fail-on") << failOn;
        }
        const ProcessResult r = revscope(args);
        QCOMPARE(r.exitCode, exitCode);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("missing path")
            << QStringList{QStringLiteral("check"), QStringLiteral("/nonexistent/revscope")};
        QTest::newRow("bad format") << QStringList{
            QStringLiteral("check"), QStringLiteral("--format"), QStringLiteral("xml")};
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("check"), QStringLiteral("--frobnicate")};
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
        QTest::newRow("unreadable config")
            << QStringList{QStringLiteral("check"), QStringLiteral("--config"),
                           QStringLiteral("/nonexistent/alembic.ini")};
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        const ProcessResult r = revscope(arguments, QDir::tempPath());
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty() || arguments.first() == QLatin1String("frobnicate"));
        QVERIFY2(!r.err.trimmed().isEmpty(), "errors go to stderr");
    }

    void textOutputForPeople()
    {
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        writeFile(root + QLatin1String("/migrations/versions/004_side.py"),
                  script("004", "002", "side"));
        ProcessResult r = revscope({QStringLiteral("check"), root});
        QCOMPARE(r.exitCode, 0);
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.contains(QLatin1String("alembic.ini")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("multiple-heads")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1Char('\x1b')), "no colour when stdout is not a terminal");
        const QStringList lines = text.trimmed().split(QLatin1Char('\n'));
        const QString last = lines.last();
        QVERIFY2(last.contains(QLatin1String("1 warning,")), qPrintable(last));
        // English plural forms come from the embedded translation.
        QVERIFY2(!last.contains(QLatin1String("(s)")), qPrintable(last));
        // After the findings, one line points at the help page of each code.
        QCOMPARE(lines.at(lines.size() - 2),
                 QStringLiteral("About these findings: revscope help multiple-heads"));
        QCOMPARE(text.count(QLatin1String("About these findings")), 1);

        r = revscope(
            {QStringLiteral("check"), root, QStringLiteral("--color"), QStringLiteral("always")});
        QVERIFY(r.out.contains('\x1b'));
    }

    void textOutputNamesEachCodeOnce()
    {
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        writeFile(root + QLatin1String("/migrations/versions/004_orphan.py"),
                  script("004", "a2242b61af45", "orphan"));
        writeFile(root + QLatin1String("/migrations/versions/005_orphan.py"),
                  script("005", "b891cb8863b5", "orphan"));
        const ProcessResult r = revscope({QStringLiteral("check"), root});
        QCOMPARE(r.exitCode, 1);
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(
            text.contains(QLatin1String("\nAbout these findings: revscope help missing-parent\n")),
            qPrintable(text));

        // No findings, no pointer to help pages.
        QTemporaryDir clean;
        const ProcessResult ok = revscope({QStringLiteral("check"), makeLinearProject(clean)});
        QCOMPARE(ok.exitCode, 0);
        QVERIFY2(!ok.out.contains("About these findings"), ok.out.constData());
    }

    void sarif()
    {
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        writeFile(root + QLatin1String("/migrations/versions/004_orphan.py"),
                  script("004", "ffff", "orphan"));
        const ProcessResult r = revscope(
            {QStringLiteral("check"), root, QStringLiteral("--format"), QStringLiteral("sarif")});
        QCOMPARE(r.exitCode, 1);
        QString error;
        const QJsonObject log = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(log.value(QLatin1String("version")).toString(), QStringLiteral("2.1.0"));
        const QJsonObject run = log.value(QLatin1String("runs")).toArray().first().toObject();
        const QJsonArray results = run.value(QLatin1String("results")).toArray();
        QVERIFY(!results.isEmpty());
        const QJsonArray rules = run.value(QLatin1String("tool"))
                                     .toObject()
                                     .value(QLatin1String("driver"))
                                     .toObject()
                                     .value(QLatin1String("rules"))
                                     .toArray();
        bool found = false;
        for (const QJsonValue &v : results) {
            const QJsonObject result = v.toObject();
            const int ruleIndex = result.value(QLatin1String("ruleIndex")).toInt(-1);
            QVERIFY(ruleIndex >= 0 && ruleIndex < rules.size());
            QCOMPARE(rules.at(ruleIndex).toObject().value(QLatin1String("id")).toString(),
                     result.value(QLatin1String("ruleId")).toString());
            if (result.value(QLatin1String("ruleId")).toString() ==
                QLatin1String("missing-parent")) {
                found = true;
                QCOMPARE(result.value(QLatin1String("level")).toString(), QStringLiteral("error"));
                const QJsonObject location = result.value(QLatin1String("locations"))
                                                 .toArray()
                                                 .first()
                                                 .toObject()
                                                 .value(QLatin1String("physicalLocation"))
                                                 .toObject();
                QCOMPARE(location.value(QLatin1String("artifactLocation"))
                             .toObject()
                             .value(QLatin1String("uri"))
                             .toString(),
                         QStringLiteral("migrations/versions/004_orphan.py"));
                QVERIFY(location.value(QLatin1String("region"))
                            .toObject()
                            .value(QLatin1String("startLine"))
                            .toInt() > 0);
                // The rule carries the help page.
                const QJsonObject help =
                    rules.at(ruleIndex).toObject().value(QLatin1String("help")).toObject();
                QVERIFY(help.value(QLatin1String("text"))
                            .toString()
                            .contains(QLatin1String("KeyError")));
                QVERIFY(help.value(QLatin1String("markdown"))
                            .toString()
                            .contains(QLatin1String("`down_revision`")));
            }
        }
        QVERIFY(found);
    }

    // Each piece of bad input gives a finding that names the file, and the
    // run completes with the contract's exit code.
    void badInput_data()
    {
        QTest::addColumn<QString>("relativePath");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("code");
        QTest::newRow("binary .py") << QStringLiteral("migrations/versions/bin.py")
                                    << QByteArray("\x7f"
                                                  "ELF\x02\x01\x01\0\0\0\0\0",
                                                  12)
                                    << QStringLiteral("unparsable-script");
        QTest::newRow("syntax error") << QStringLiteral("migrations/versions/bad.py")
                                      << QByteArray("revision = 'x9'\ndown_revision = ('001'\n")
                                      << QStringLiteral("unparsable-script");
        QTest::newRow("non-literal")
            << QStringLiteral("migrations/versions/nl.py")
            << QByteArray("from x import PREV\nrevision = 'x8'\ndown_revision = PREV\n")
            << QStringLiteral("non-literal-metadata");
        QTest::newRow("broken interpolation")
            << QStringLiteral("alembic.ini")
            << QByteArray("[alembic]\nscript_location = %(nowhere)s/migrations\n")
            << QStringLiteral("config-error");
    }

    void badInput()
    {
        QFETCH(QString, relativePath);
        QFETCH(QByteArray, content);
        QFETCH(QString, code);
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        QVERIFY(writeFile(root + QLatin1Char('/') + relativePath, content));
        const ProcessResult r = revscope(
            {QStringLiteral("check"), root, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 1);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject finding = findingWithCode(report, code);
        QVERIFY2(!finding.isEmpty(), r.out.constData());
        QCOMPARE(finding.value(QLatin1String("file")).toString(), relativePath);
    }

    void hugeScriptCompletes()
    {
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        QByteArray big = script("big1", "003", "big");
        const QByteArray filler = "x = 'some filler text that goes on and on'  # comment\n";
        big.reserve(50 * 1024 * 1024 + 1024);
        while (big.size() < 50 * 1024 * 1024) {
            big += filler;
        }
        QVERIFY(writeFile(root + QLatin1String("/migrations/versions/big1_big.py"), big));
        const ProcessResult r = revscope(
            {QStringLiteral("check"), root, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject env =
            report.value(QLatin1String("environments")).toArray().first().toObject();
        QCOMPARE(env.value(QLatin1String("heads")).toArray(), QJsonArray{QStringLiteral("big1")});
    }

    void symlinkLoopCompletes()
    {
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        QVERIFY(QFile::link(root, root + QLatin1String("/migrations/loop")));
        QVERIFY(QFile::link(root + QLatin1String("/migrations"),
                            root + QLatin1String("/migrations/versions/back")));
        const ProcessResult r = revscope(
            {QStringLiteral("check"), root, QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData());
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(report.value(QLatin1String("environments")).toArray().size(), 1);
    }

    // The seed incident end to end: b891cb8863b5 squashed a chain holding
    // a2242b61af45, whose .pyc stayed in __pycache__.
    void seedBytecode_data()
    {
        QTest::addColumn<bool>("sourceless");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QJsonArray>("heads");
        QTest::addColumn<QString>("severity");
        QTest::newRow("sourceless = false")
            << false << 0 << QJsonArray{QStringLiteral("c3d4e5f6a7b8")}
            << QStringLiteral("warning");
        QTest::newRow("sourceless = true")
            << true << 1
            << QJsonArray{QStringLiteral("a2242b61af45"), QStringLiteral("c3d4e5f6a7b8")}
            << QStringLiteral("error");
    }

    void seedBytecode()
    {
        QFETCH(bool, sourceless);
        QFETCH(int, exitCode);
        QFETCH(QJsonArray, heads);
        QFETCH(QString, severity);
        if (!QFileInfo(QStringLiteral("/usr/bin/python3")).isExecutable()) {
            QSKIP("/usr/bin/python3 is not installed: cannot compile .pyc files");
        }
        QTemporaryDir dir;
        const QString root = dir.path();
        const QString versions = root + QLatin1String("/migrations/versions");
        writeFile(root + QLatin1String("/alembic.ini"),
                  kIni + (sourceless ? "sourceless = true\n" : "sourceless = false\n"));
        writeFile(root + QLatin1String("/migrations/env.py"), "# env\n");
        writeFile(versions + QLatin1String("/0f1e2d3c4b5a_create_users.py"),
                  script("0f1e2d3c4b5a", "None", "create users"));
        writeFile(versions + QLatin1String("/a2242b61af45_add_email.py"),
                  script("a2242b61af45", "0f1e2d3c4b5a", "add email"));
        const ProcessResult compiled = run(
            QStringLiteral("/usr/bin/python3"),
            {QStringLiteral("-m"), QStringLiteral("compileall"), QStringLiteral("-q"), versions});
        QCOMPARE(compiled.exitCode, 0);
        QVERIFY(QFile::remove(versions + QLatin1String("/0f1e2d3c4b5a_create_users.py")));
        QVERIFY(QFile::remove(versions + QLatin1String("/a2242b61af45_add_email.py")));
        writeFile(versions + QLatin1String("/b891cb8863b5_initial_squashed_migration.py"),
                  script("b891cb8863b5", "None", "initial squashed migration"));
        writeFile(versions + QLatin1String("/c3d4e5f6a7b8_add_orders.py"),
                  script("c3d4e5f6a7b8", "b891cb8863b5", "add orders"));

        const ProcessResult r = revscope(
            {QStringLiteral("check"), root, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, exitCode);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject env =
            report.value(QLatin1String("environments")).toArray().first().toObject();
        QCOMPARE(env.value(QLatin1String("heads")).toArray(), heads);

        QJsonObject ghost;
        for (const QJsonValue &value : report.value(QLatin1String("bytecode")).toArray()) {
            if (value.toObject().value(QLatin1String("revision")).toString() ==
                QLatin1String("a2242b61af45")) {
                ghost = value.toObject();
            }
        }
        QVERIFY2(!ghost.isEmpty(), r.out.constData());
        const QString file = ghost.value(QLatin1String("file")).toString();
        QVERIFY2(file.startsWith(QLatin1String(
                     "migrations/versions/__pycache__/a2242b61af45_add_email.cpython-3")),
                 qPrintable(file));
        QVERIFY(file.endsWith(QLatin1String(".pyc")));
        QVERIFY(ghost.value(QLatin1String("python")).toString().startsWith(QLatin1String("3.")));
        QVERIFY(ghost.value(QLatin1String("source")).isNull());
        QCOMPARE(ghost.value(QLatin1String("status")).toString(), QStringLiteral("stray"));
        QCOMPARE(ghost.value(QLatin1String("down_revisions")).toArray(),
                 QJsonArray{QStringLiteral("0f1e2d3c4b5a")});

        bool bytecodeNode = false;
        for (const QJsonValue &value : env.value(QLatin1String("revisions")).toArray()) {
            const QJsonObject revision = value.toObject();
            if (revision.value(QLatin1String("id")).toString() == QLatin1String("a2242b61af45")) {
                bytecodeNode = revision.value(QLatin1String("origin")).toString() ==
                                   QLatin1String("bytecode") &&
                               revision.value(QLatin1String("file")).toString() == file;
            }
        }
        QVERIFY2(bytecodeNode, "a2242b61af45 must be a bytecode node of the graph");

        const QJsonObject only = findingWithCode(report, QStringLiteral("bytecode-only-revision"));
        QVERIFY2(!only.isEmpty(), r.out.constData());
        QCOMPARE(only.value(QLatin1String("severity")).toString(), severity);
        QVERIFY(only.value(QLatin1String("message")).toString().contains(QLatin1String("Docker")));
        QVERIFY(!findingWithCode(report, QStringLiteral("stray-bytecode")).isEmpty());

        if (sourceless && !alembicPython().isEmpty()) {
            const ProcessResult oracle = alembic(root, {QStringLiteral("heads")});
            QCOMPARE(oracle.exitCode, 0);
            QJsonArray alembicHeads;
            QList<QByteArray> lines = oracle.out.trimmed().split('\n');
            std::sort(lines.begin(), lines.end());
            for (const QByteArray &line : lines) {
                alembicHeads.append(QString::fromUtf8(line.left(line.indexOf(' '))));
            }
            QCOMPARE(alembicHeads, heads);
        }
    }

    // Hostile .pyc files: each a corrupt-bytecode finding naming the file, quickly.
    void badBytecode_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text file") << QByteArray("revision = 'abc'\ndown_revision = None\n");
        QTest::newRow("truncated header") << QByteArray("\xa7\x0d\x0d\x0a\0\0", 6);
        QTest::newRow("wrong magic")
            << QByteArray("\x01\x02\x0d\x0a", 4) + QByteArray(12, '\0') + QByteArray("\xe3", 1);
        // 3.11 header, then a string declaring 2 GiB.
        QTest::newRow("huge length") << QByteArray("\xa7\x0d\x0d\x0a", 4) + QByteArray(12, '\0') +
                                            QByteArray("\x73\xff\xff\xff\x7f", 5);
        // 3.11 header, then a tuple of a million tuples of ... nested.
        QTest::newRow("deep nesting") << QByteArray("\xa7\x0d\x0d\x0a", 4) + QByteArray(12, '\0') +
                                             QByteArray("\x29\x01", 2).repeated(200000);
    }

    void badBytecode()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString root = makeLinearProject(dir);
        const QString relative =
            QStringLiteral("migrations/versions/__pycache__/004_gone.cpython-311.pyc");
        QVERIFY(writeFile(root + QLatin1Char('/') + relative, content));
        QElapsedTimer timer;
        timer.start();
        const ProcessResult r = revscope(
            {QStringLiteral("check"), root, QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(timer.elapsed() < 30000, "check took too long on a hostile .pyc");
        QCOMPARE(r.exitCode, 0);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject finding = findingWithCode(report, QStringLiteral("corrupt-bytecode"));
        QVERIFY2(!finding.isEmpty(), r.out.constData());
        QCOMPARE(finding.value(QLatin1String("file")).toString(), relative);
        const QJsonArray bytecode = report.value(QLatin1String("bytecode")).toArray();
        QCOMPARE(bytecode.size(), 1);
        QCOMPARE(bytecode.first().toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("corrupt"));
    }
};

QTEST_GUILESS_MAIN(TestCheckCommand)
#include "tst_checkcommand.moc"
