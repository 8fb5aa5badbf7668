// Inspector end to end on real trees with real bytecode: the seed incident
// (a squashed-away revision whose .pyc stayed behind), sourceless on and off,
// checked against the real Alembic where it can run.

#include "testsupport.h"

#include "inspection/inspector.h"
#include "report/jsonreport.h"
#include "report/textreport.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;
using namespace TestSupport;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");

QByteArray script(const QByteArray &rev, const QByteArray &down, const QByteArray &message)
{
    return "\"\"\"" + message + "\n\nRevision ID: " + rev + "\nRevises: " + down +
           "\nCreate Date: 2026-01-10 10:00:00.000000\n\n\"\"\"\n"
           "from alembic import op\n\n"
           "revision = '" +
           rev + "'\ndown_revision = " + (down.isEmpty() ? QByteArray("None") : "'" + down + "'") +
           "\nbranch_labels = None\ndepends_on = None\n\n\n"
           "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n";
}

bool compileAll(const QString &folder)
{
    const ProcessResult r = run(kPython, {QStringLiteral("-m"), QStringLiteral("compileall"),
                                          QStringLiteral("-q"), folder});
    return r.exitCode == 0;
}

// The seed: 0f1e2d3c4b5a <- a2242b61af45 squashed into b891cb8863b5, with
// c3d4e5f6a7b8 on top of `topParent`. The chain's sources are deleted after
// compiling; their .pyc files remain in __pycache__.
QString makeSeedProject(const QTemporaryDir &dir, bool sourceless,
                        const QByteArray &topParent = "b891cb8863b5")
{
    const QString root = dir.path();
    const QString versions = root + QStringLiteral("/migrations/versions");
    writeFile(root + QStringLiteral("/alembic.ini"),
              QByteArray("[alembic]\nscript_location = migrations\nsourceless = ") +
                  (sourceless ? "true" : "false") + "\n");
    writeFile(root + QStringLiteral("/migrations/env.py"), "# env\n");
    writeFile(versions + QStringLiteral("/0f1e2d3c4b5a_create_users.py"),
              script("0f1e2d3c4b5a", "", "create users"));
    writeFile(versions + QStringLiteral("/a2242b61af45_add_email.py"),
              script("a2242b61af45", "0f1e2d3c4b5a", "add email"));
    if (!compileAll(versions)) {
        return QString();
    }
    QFile::remove(versions + QStringLiteral("/0f1e2d3c4b5a_create_users.py"));
    QFile::remove(versions + QStringLiteral("/a2242b61af45_add_email.py"));
    writeFile(versions + QStringLiteral("/b891cb8863b5_initial_squashed_migration.py"),
              script("b891cb8863b5", "", "initial squashed migration"));
    writeFile(versions + QStringLiteral("/c3d4e5f6a7b8_add_orders.py"),
              script("c3d4e5f6a7b8", topParent, "add orders"));
    return root;
}

// An SQLite file whose alembic_version holds `versions`.
bool makeDatabase(const QString &path, const QStringList &versions)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString name = QStringLiteral("tst-inspector-") + path;
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        ok = ok && query.exec(QStringLiteral(
                       "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)"));
        for (const QString &version : versions) {
            ok =
                ok && query.exec(
                          QStringLiteral("INSERT INTO alembic_version VALUES ('%1')").arg(version));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QStringList alembicHeads(const QString &root, QString *error)
{
    const ProcessResult r = alembic(root, {QStringLiteral("heads")});
    if (r.exitCode != 0) {
        *error = QString::fromUtf8(r.err);
        return {};
    }
    QStringList heads;
    for (const QByteArray &line : r.out.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (!trimmed.isEmpty()) {
            heads.append(QString::fromUtf8(trimmed.left(trimmed.indexOf(' '))));
        }
    }
    heads.sort();
    return heads;
}

Findings withCode(const Inspection &inspection, const QString &code)
{
    Findings out;
    for (const Finding &finding : inspection.findings) {
        if (finding.code == code) {
            out.append(finding);
        }
    }
    return out;
}

const BytecodeInfo *bytecodeFor(const Inspection &inspection, const QString &revision)
{
    for (const BytecodeInfo &file : inspection.bytecode) {
        if (file.revision() == revision) {
            return &file;
        }
    }
    return nullptr;
}

} // namespace

class TestInspector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFileInfo(kPython).isExecutable()) {
            QSKIP("/usr/bin/python3 is not installed: cannot compile .pyc files");
        }
    }

    void seed_data()
    {
        QTest::addColumn<bool>("sourceless");
        QTest::addColumn<QStringList>("heads");
        QTest::addColumn<QStringList>("bases");
        QTest::addColumn<int>("severity"); // of bytecode-only-revision
        QTest::newRow("sourceless = false")
            << false << QStringList{QStringLiteral("c3d4e5f6a7b8")}
            << QStringList{QStringLiteral("b891cb8863b5")} << int(Severity::Warning);
        QTest::newRow("sourceless = true")
            << true << QStringList{QStringLiteral("a2242b61af45"), QStringLiteral("c3d4e5f6a7b8")}
            << QStringList{QStringLiteral("0f1e2d3c4b5a"), QStringLiteral("b891cb8863b5")}
            << int(Severity::Error);
    }

    void seed()
    {
        QFETCH(bool, sourceless);
        QFETCH(QStringList, heads);
        QFETCH(QStringList, bases);
        QFETCH(int, severity);
        QTemporaryDir dir;
        const QString root = makeSeedProject(dir, sourceless);
        QVERIFY2(!root.isEmpty(), "compileall failed");

        const InspectionPtr inspection = Inspector::inspect({root, QString(), {}});
        QVERIFY(inspection);
        QCOMPARE(inspection->environments.size(), 1);
        const RevisionGraph &graph = inspection->environments.first().graph;
        QCOMPARE(graph.heads(), heads);
        QCOMPARE(graph.bases(), bases);

        // The squashed-away revision is a node of its own kind either way,
        // loaded only with sourceless.
        const Revision *ghost = graph.revision(QStringLiteral("a2242b61af45"));
        QVERIFY(ghost);
        QCOMPARE(ghost->origin, RevisionOrigin::Bytecode);
        QCOMPARE(ghost->downRevisions, QStringList{QStringLiteral("0f1e2d3c4b5a")});
        QVERIFY(ghost->file.contains(QLatin1String("/__pycache__/a2242b61af45_add_email.")));
        QCOMPARE(graph.isLoaded(QStringLiteral("a2242b61af45")), sourceless);

        const BytecodeInfo *pyc = bytecodeFor(*inspection, QStringLiteral("a2242b61af45"));
        QVERIFY(pyc);
        QCOMPARE(pyc->status, BytecodeStatus::Stray);
        QVERIFY(pyc->inVersionLocation);
        QCOMPARE(pyc->environment, QStringLiteral("alembic.ini"));

        const Findings only = withCode(*inspection, QStringLiteral("bytecode-only-revision"));
        QCOMPARE(only.size(), 2); // a2242b61af45 and 0f1e2d3c4b5a
        for (const Finding &finding : only) {
            QCOMPARE(int(finding.severity), severity);
        }
        QCOMPARE(withCode(*inspection, QStringLiteral("stray-bytecode")).size(), 2);
        QVERIFY(withCode(*inspection, QStringLiteral("missing-parent")).isEmpty());

        if (sourceless) {
            if (alembicPython().isEmpty()) {
                QSKIP("/usr/bin/python3 cannot import alembic: oracle comparison skipped");
            }
            QString error;
            QCOMPARE(alembicHeads(root, &error), heads);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
    }

    // A script still pointing at the squashed-away revision: Alembic stops
    // without sourceless; with it, the .pyc fills the gap.
    void parentOnlyInBytecode_data()
    {
        QTest::addColumn<bool>("sourceless");
        QTest::newRow("sourceless = false") << false;
        QTest::newRow("sourceless = true") << true;
    }

    void parentOnlyInBytecode()
    {
        QFETCH(bool, sourceless);
        QTemporaryDir dir;
        const QString root = makeSeedProject(dir, sourceless, "a2242b61af45");
        QVERIFY2(!root.isEmpty(), "compileall failed");
        const InspectionPtr inspection = Inspector::inspect({root, QString(), {}});
        QVERIFY(inspection);
        const Findings missing = withCode(*inspection, QStringLiteral("missing-parent"));
        const RevisionGraph &graph = inspection->environments.first().graph;
        if (!sourceless) {
            QCOMPARE(missing.size(), 1);
            QVERIFY2(missing.first().message.contains(QLatin1String("exists only as bytecode")),
                     qPrintable(missing.first().message));
            QCOMPARE(missing.first().revision, QStringLiteral("c3d4e5f6a7b8"));
            if (!alembicPython().isEmpty()) {
                QString error;
                alembicHeads(root, &error);
                QVERIFY2(error.contains(QLatin1String("a2242b61af45")), qPrintable(error));
            }
            return;
        }
        QVERIFY(missing.isEmpty());
        const QStringList heads{QStringLiteral("b891cb8863b5"), QStringLiteral("c3d4e5f6a7b8")};
        QCOMPARE(graph.heads(), heads);
        if (alembicPython().isEmpty()) {
            QSKIP("/usr/bin/python3 cannot import alembic: oracle comparison skipped");
        }
        QString error;
        QCOMPARE(alembicHeads(root, &error), heads);
    }

    // The reports carry the bytecode: JSON per the contract, text per environment.
    void reports()
    {
        QTemporaryDir dir;
        const QString root = makeSeedProject(dir, false);
        QVERIFY2(!root.isEmpty(), "compileall failed");
        writeFile(root + QStringLiteral("/app/tool.py"), "x = 1\n");
        QVERIFY(compileAll(root + QStringLiteral("/app")));
        QFile::remove(root + QStringLiteral("/app/tool.py"));

        const InspectionPtr inspection = Inspector::inspect({root, QString(), {}});
        QVERIFY(inspection);
        QString error;
        const QJsonObject report = parseJson(JsonReport::check(*inspection), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonArray bytecode = report.value(QLatin1String("bytecode")).toArray();
        QCOMPARE(bytecode.size(), 3); // 2 in versions/__pycache__, 1 in app
        QJsonObject ghost;
        QJsonObject tool;
        for (const QJsonValue &value : bytecode) {
            const QJsonObject object = value.toObject();
            if (object.value(QLatin1String("revision")).toString() ==
                QLatin1String("a2242b61af45")) {
                ghost = object;
            }
            if (object.value(QLatin1String("file")).toString().startsWith(QLatin1String("app/"))) {
                tool = object;
            }
        }
        QCOMPARE(ghost.value(QLatin1String("file")).toString(),
                 QStringLiteral("migrations/versions/__pycache__/"
                                "a2242b61af45_add_email.cpython-311.pyc"));
        QCOMPARE(ghost.value(QLatin1String("python")).toString(), QStringLiteral("3.11"));
        QVERIFY(ghost.value(QLatin1String("source")).isNull());
        QCOMPARE(ghost.value(QLatin1String("status")).toString(), QStringLiteral("stray"));
        QCOMPARE(ghost.value(QLatin1String("down_revisions")).toArray(),
                 QJsonArray{QStringLiteral("0f1e2d3c4b5a")});
        QCOMPARE(ghost.value(QLatin1String("revision_from")).toString(),
                 QStringLiteral("assignment"));
        QCOMPARE(ghost.value(QLatin1String("compiled_as")).toString(),
                 root + QStringLiteral("/migrations/versions/a2242b61af45_add_email.py"));
        QCOMPARE(ghost.value(QLatin1String("in_version_location")).toBool(), true);
        QCOMPARE(tool.value(QLatin1String("in_version_location")).toBool(true), false);
        QVERIFY(tool.value(QLatin1String("environment")).isNull());
        QVERIFY(tool.value(QLatin1String("revision")).isNull());

        const QJsonObject env =
            report.value(QLatin1String("environments")).toArray().first().toObject();
        bool bytecodeNode = false;
        for (const QJsonValue &value : env.value(QLatin1String("revisions")).toArray()) {
            const QJsonObject revision = value.toObject();
            if (revision.value(QLatin1String("id")).toString() == QLatin1String("a2242b61af45")) {
                bytecodeNode =
                    revision.value(QLatin1String("origin")).toString() == QLatin1String("bytecode");
            }
        }
        QVERIFY(bytecodeNode);

        const QString text = TextReport::check(*inspection, {});
        // "file(s)": no translator is loaded here.
        QVERIFY2(text.contains(QLatin1String("bytecode: 2 file")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("(2 stray, 0 stale, 0 corrupt)")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("defines a2242b61af45, a revision only bytecode "
                                             "defines")),
                 qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("(1 stray, 0 stale, 0 corrupt)")), qPrintable(text));
    }

    // The database's version table read into the inspection: per-revision
    // state, db findings, and a stamped bytecode-only revision made an error.
    void database_data()
    {
        QTest::addColumn<bool>("sourceless");
        QTest::addColumn<QString>("url"); // empty: no database; "ini": sqlalchemy.url
        QTest::addColumn<QStringList>("versions");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QStringList>("states"); // a2242b61af45, b891cb8863b5, c3d4e5f6a7b8
        QTest::addColumn<QStringList>("dbCodes");
        QTest::addColumn<int>("bytecodeOnlySeverity"); // of a2242b61af45

        QTest::newRow("no database") << false << QString() << QStringList() << QString()
                                     << QStringList{QString(), QString(), QString()}
                                     << QStringList() << int(Severity::Warning);
        QTest::newRow("stamped at stray bytecode")
            << false << QStringLiteral("ini") << QStringList{QStringLiteral("a2242b61af45")}
            << QStringLiteral("ok")
            << QStringList{QStringLiteral("current"), QStringLiteral("pending"),
                           QStringLiteral("pending")}
            << QStringList{QStringLiteral("db-unknown-revision")} << int(Severity::Error);
        QTest::newRow("at head") << false << QStringLiteral("ini")
                                 << QStringList{QStringLiteral("c3d4e5f6a7b8")}
                                 << QStringLiteral("ok")
                                 << QStringList{QString(), QStringLiteral("applied"),
                                                QStringLiteral("current")}
                                 << QStringList() << int(Severity::Warning);
        QTest::newRow("behind") << false << QStringLiteral("ini")
                                << QStringList{QStringLiteral("b891cb8863b5")}
                                << QStringLiteral("ok")
                                << QStringList{QString(), QStringLiteral("current"),
                                               QStringLiteral("pending")}
                                << QStringList{QStringLiteral("db-pending-migrations")}
                                << int(Severity::Warning);
        QTest::newRow("sourceless, stamped at the bytecode revision")
            << true << QStringLiteral("ini") << QStringList{QStringLiteral("a2242b61af45")}
            << QStringLiteral("ok")
            << QStringList{QStringLiteral("current"), QStringLiteral("pending"),
                           QStringLiteral("pending")}
            << QStringList{QStringLiteral("db-pending-migrations")} << int(Severity::Error);
        QTest::newRow("missing file")
            << false << QStringLiteral("sqlite:////nonexistent-revscope/app.db") << QStringList()
            << QStringLiteral("unreachable") << QStringList{QString(), QString(), QString()}
            << QStringList{QStringLiteral("db-unreachable")} << int(Severity::Warning);
    }

    void database()
    {
        QFETCH(bool, sourceless);
        QFETCH(QString, url);
        QFETCH(QStringList, versions);
        QFETCH(QString, status);
        QFETCH(QStringList, states);
        QFETCH(QStringList, dbCodes);
        QFETCH(int, bytecodeOnlySeverity);
        QTemporaryDir dir;
        const QString root = makeSeedProject(dir, sourceless);
        QVERIFY2(!root.isEmpty(), "compileall failed");
        // Relative to the config's folder, where Alembic runs.
        QFile ini(root + QStringLiteral("/alembic.ini"));
        QVERIFY(ini.open(QIODevice::Append));
        ini.write("sqlalchemy.url = sqlite:///db/app.db\n");
        ini.close();
        QVERIFY(makeDatabase(root + QStringLiteral("/db/app.db"), versions));

        InspectOptions options;
        options.root = root;
        options.database.url = url;
        const InspectionPtr inspection = Inspector::inspect(options);
        QVERIFY(inspection);
        QCOMPARE(inspection->environments.size(), 1);
        const EnvironmentInspection &env = inspection->environments.first();
        QCOMPARE(bool(env.database), !url.isEmpty());
        if (env.database) {
            const DatabaseState &state = env.database->database();
            QCOMPARE(databaseStatusName(state.status), status);
            QCOMPARE(state.versions, status == QLatin1String("ok") ? versions : QStringList());
        }
        const QStringList ids{QStringLiteral("a2242b61af45"), QStringLiteral("b891cb8863b5"),
                              QStringLiteral("c3d4e5f6a7b8")};
        QStringList got;
        for (const QString &id : ids) {
            got.append(dbStateName(env.dbState(id)));
        }
        QCOMPARE(got, states);

        QStringList codes;
        for (const Finding &finding : inspection->findings) {
            if (finding.code.startsWith(QLatin1String("db-"))) {
                codes.append(finding.code);
                QCOMPARE(finding.environment, env.label);
            }
        }
        QCOMPARE(codes, dbCodes);
        const Findings only = withCode(*inspection, QStringLiteral("bytecode-only-revision"));
        int severity = -1;
        for (const Finding &finding : only) {
            if (finding.revision == QLatin1String("a2242b61af45")) {
                severity = int(finding.severity);
            }
        }
        if (!sourceless) {
            QCOMPARE(severity, bytecodeOnlySeverity);
        }

        // The reports: the contract's `database` object and `db_state`.
        QString error;
        const QJsonObject report = parseJson(JsonReport::check(*inspection), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject jsonEnv =
            report.value(QLatin1String("environments")).toArray().first().toObject();
        const QJsonValue database = jsonEnv.value(QLatin1String("database"));
        const QString text = TextReport::check(*inspection, {});
        if (url.isEmpty()) {
            QVERIFY(database.isNull());
            QVERIFY(!text.contains(QLatin1String("database:")));
        } else {
            const QJsonObject object = database.toObject();
            QCOMPARE(object.value(QLatin1String("url")).toString(),
                     url == QLatin1String("ini") ? QStringLiteral("sqlite:///db/app.db") : url);
            QCOMPARE(object.value(QLatin1String("error")).isNull(),
                     status != QLatin1String("unreachable"));
            QVERIFY2(text.contains(QLatin1String("database: ") +
                                   object.value(QLatin1String("url")).toString()),
                     qPrintable(text));
        }
        for (const QJsonValue &value : jsonEnv.value(QLatin1String("revisions")).toArray()) {
            const QJsonObject revision = value.toObject();
            const int index = int(ids.indexOf(revision.value(QLatin1String("id")).toString()));
            if (index >= 0) {
                QCOMPARE(revision.value(QLatin1String("db_state")).toString(), states.at(index));
                QCOMPARE(revision.value(QLatin1String("db_state")).isNull(),
                         states.at(index).isEmpty());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestInspector)
#include "tst_inspector.moc"
