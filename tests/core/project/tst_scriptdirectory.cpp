#include "project/scriptdirectory.h"

#include "projecttesthelpers.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Revscope;

namespace {

QString canonical(const QTemporaryDir &dir)
{
    return QFileInfo(dir.path()).canonicalFilePath();
}

QStringList codes(const Findings &findings)
{
    QStringList out;
    for (const Finding &finding : findings) {
        out.append(finding.code + QLatin1Char(':') + severityName(finding.severity));
    }
    return out;
}

} // namespace

class TestScriptDirectory : public QObject
{
    Q_OBJECT

private slots:
    void list_data();
    void list();
    void unusableEnvironment();
    void bytecodeOnlyRevision();
};

namespace {

// `names` (relative to `folder`, '*' marking bytecode) ordered as readdir()
// lists them: the folder's entries first, then __pycache__'s.
QStringList inDirectoryOrder(const QString &folder, const QStringList &names)
{
    auto readdirOrder = [](const QString &dir) {
        QStringList order;
        QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
        while (it.hasNext()) {
            order.append(QFileInfo(it.next()).fileName());
        }
        return order;
    };
    const QStringList top = readdirOrder(folder);
    const QStringList cache = readdirOrder(folder + QStringLiteral("/__pycache__"));
    auto rank = [&](const QString &name) {
        QString bare = name;
        if (bare.endsWith(QLatin1Char('*'))) {
            bare.chop(1);
        }
        if (bare.startsWith(QLatin1String("__pycache__/"))) {
            return int(top.size() + cache.indexOf(bare.mid(12)));
        }
        return int(top.indexOf(bare));
    };
    QStringList sorted = names;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](const QString &a, const QString &b) { return rank(a) < rank(b); });
    return sorted;
}

} // namespace

void TestScriptDirectory::list_data()
{
    QTest::addColumn<QStringList>("tree");
    QTest::addColumn<QStringList>("versionLocations"); // empty: <script_location>/versions
    QTest::addColumn<bool>("sourceless");
    QTest::addColumn<bool>("recursive");
    QTest::addColumn<QStringList>("expected"); // relative to migrations/versions; '*' = bytecode
    QTest::addColumn<QStringList>("findings");

    const QStringList none;
    QTest::newRow("name order")
        << QStringList{QStringLiteral("b.py="),    QStringLiteral("a.py="),
                       QStringLiteral("c.py="),    QStringLiteral("9_y.py="),
                       QStringLiteral("10_x.py="), QStringLiteral("B.py=")}
        << none << false << false
        << QStringList{QStringLiteral("10_x.py"), QStringLiteral("9_y.py"), QStringLiteral("B.py"),
                       QStringLiteral("a.py"),    QStringLiteral("b.py"),   QStringLiteral("c.py")}
        << none;
    QTest::newRow("exclusions") << QStringList{QStringLiteral("__init__.py="),
                                               QStringLiteral("__init__x.py="),
                                               QStringLiteral(".#a.py="),
                                               QStringLiteral("a.py="),
                                               QStringLiteral("a.pyc="),
                                               QStringLiteral("b.pyc="),
                                               QStringLiteral("README="),
                                               QStringLiteral("c.py.bak="),
                                               QStringLiteral("d.pyw="),
                                               QStringLiteral("__pycache__/e.cpython-311.pyc="),
                                               QStringLiteral("sub/f.py="),
                                               QStringLiteral(".hidden.py=")}
                                << none << false << false
                                << QStringList{QStringLiteral(".hidden.py"), QStringLiteral("a.py")}
                                << none;
    QTest::newRow("sourceless")
        << QStringList{QStringLiteral("a.py="),
                       QStringLiteral("a.pyc="),
                       QStringLiteral("b.pyc="),
                       QStringLiteral("c.pyc="),
                       QStringLiteral("c.pyo="),
                       QStringLiteral("d.pyo="),
                       QStringLiteral("__init__.pyc="),
                       QStringLiteral(".#g.pyc="),
                       QStringLiteral("__pycache__/a.cpython-311.pyc="),
                       QStringLiteral("__pycache__/e.cpython-311.pyc="),
                       QStringLiteral("__pycache__/f.cpython-311.opt-1.pyc="),
                       QStringLiteral("__pycache__/b.cpython-39.pyc=")}
        << none << true << false
        << QStringList{QStringLiteral("a.py"),
                       QStringLiteral("b.pyc*"),
                       QStringLiteral("c.pyc*"),
                       QStringLiteral("d.pyo*"),
                       QStringLiteral("__pycache__/e.cpython-311.pyc*"),
                       QStringLiteral("__pycache__/f.cpython-311.opt-1.pyc*")}
        << none;
    // Alembic 1.8.1 matches "__pycache__/..." against its exclusions, so
    // bytecode of an __init__ without source is loaded.
    QTest::newRow("sourceless __init__ bytecode")
        << QStringList{QStringLiteral("x.py="),
                       QStringLiteral("__pycache__/__init__.cpython-311.pyc=")}
        << none << true << false
        << QStringList{QStringLiteral("x.py"),
                       QStringLiteral("__pycache__/__init__.cpython-311.pyc*")}
        << none;
    QTest::newRow("sourceless stem of a folder")
        << QStringList{QStringLiteral("e/"), QStringLiteral("__pycache__/e.cpython-311.pyc=")}
        << none << true << false << QStringList() << none;
    QTest::newRow("not sourceless ignores bytecode")
        << QStringList{QStringLiteral("b.pyc="), QStringLiteral("__pycache__/e.cpython-311.pyc=")}
        << none << false << false << QStringList() << none;

    const QStringList nested{QStringLiteral("a.py="),
                             QStringLiteral("sub/b.py="),
                             QStringLiteral("sub/deeper/c.py="),
                             QStringLiteral("z/d.py="),
                             QStringLiteral("sub/__pycache__/b.cpython-311.pyc="),
                             QStringLiteral("sub/__pycache__/c.cpython-311.pyc="),
                             QStringLiteral("__pycache__/__init__.cpython-311.pyc="),
                             QStringLiteral("a_sub/e.py=")};
    QTest::newRow("flat") << nested << none << false << false << QStringList{QStringLiteral("a.py")}
                          << none;
    QTest::newRow("recursive") << nested << none << false << true
                               << QStringList{QStringLiteral("a.py"), QStringLiteral("a_sub/e.py"),
                                              QStringLiteral("sub/b.py"),
                                              QStringLiteral("sub/deeper/c.py"),
                                              QStringLiteral("z/d.py")}
                               << none;
    QTest::newRow("recursive sourceless")
        << nested << none << true << true
        << QStringList{QStringLiteral("a.py"),
                       QStringLiteral("a_sub/e.py"),
                       QStringLiteral("sub/b.py"),
                       QStringLiteral("sub/__pycache__/c.cpython-311.pyc*"),
                       QStringLiteral("sub/deeper/c.py"),
                       QStringLiteral("z/d.py")}
        << none;
    QTest::newRow("recursive skips symlinked folder")
        << QStringList{QStringLiteral("a.py="), QStringLiteral("../../other/b.py="),
                       QStringLiteral("link->$ROOT/other")}
        << none << false << true << QStringList{QStringLiteral("a.py")} << none;

    QTest::newRow("same folder twice")
        << QStringList{QStringLiteral("a.py="),
                       QStringLiteral("../alias->$ROOT/migrations/versions")}
        << QStringList{QStringLiteral("migrations/versions"), QStringLiteral("migrations/alias")}
        << false << false << QStringList{QStringLiteral("a.py")}
        << QStringList{QStringLiteral("config-error:info")};
    QTest::newRow("file linked twice")
        << QStringList{QStringLiteral("a.py="),
                       QStringLiteral("b.py->$ROOT/migrations/versions/a.py")}
        << none << false << false << QStringList{QStringLiteral("a.py")}
        << QStringList{QStringLiteral("config-error:info")};
    QTest::newRow("missing explicit location")
        << QStringList{QStringLiteral("a.py=")}
        << QStringList{QStringLiteral("gone"), QStringLiteral("migrations/versions")} << false
        << false << QStringList{QStringLiteral("a.py")}
        << QStringList{QStringLiteral("config-error:warning")};
    QTest::newRow("missing versions folder")
        << QStringList{QStringLiteral("../other.py=")} << QStringList{QStringLiteral("")} << false
        << false << QStringList() << QStringList{QStringLiteral("config-error:warning")};
    QTest::newRow("location symlinked outside root")
        << QStringList{QStringLiteral("a.py="), QStringLiteral("../out->$OUTSIDE")}
        << QStringList{QStringLiteral("migrations/versions"), QStringLiteral("migrations/out")}
        << false << false << QStringList{QStringLiteral("a.py")}
        << QStringList{QStringLiteral("unreadable-file:warning")};
    QTest::newRow("bytecode folder symlinked outside root")
        << QStringList{QStringLiteral("a.py="), QStringLiteral("__pycache__->$OUTSIDE")} << none
        << true << false << QStringList{QStringLiteral("a.py")}
        << QStringList{QStringLiteral("unreadable-file:warning")};
    QTest::newRow("folder named like a script")
        << QStringList{QStringLiteral("x.py/"), QStringLiteral("y.py=")} << none << false << false
        << QStringList{QStringLiteral("y.py")}
        << QStringList{QStringLiteral("unreadable-file:error")};
    QTest::newRow("broken symlink script")
        << QStringList{QStringLiteral("x.py->$ROOT/nowhere.py"), QStringLiteral("y.py=")} << none
        << false << false << QStringList{QStringLiteral("y.py")}
        << QStringList{QStringLiteral("unreadable-file:warning")};
}

void TestScriptDirectory::list()
{
    QFETCH(QStringList, tree);
    QFETCH(QStringList, versionLocations);
    QFETCH(bool, sourceless);
    QFETCH(bool, recursive);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, findings);

    QTemporaryDir dir;
    QTemporaryDir outside;
    QVERIFY(dir.isValid() && outside.isValid());
    const QString root = canonical(dir);
    QVERIFY(ProjectTest::writeTree(
        canonical(outside), {QStringLiteral("z.py="), QStringLiteral("z.cpython-311.pyc=")}));
    QStringList spec{QStringLiteral("migrations/env.py=")};
    const bool missingVersions =
        QTest::currentDataTag() == QByteArrayLiteral("missing versions folder");
    if (!missingVersions) {
        spec.append(QStringLiteral("migrations/versions/"));
    }
    for (QString item : tree) {
        item.replace(QLatin1String("$OUTSIDE"), canonical(outside));
        spec.append(QStringLiteral("migrations/versions/") + item);
    }
    if (missingVersions) {
        spec = QStringList{QStringLiteral("migrations/env.py=")};
    }
    QVERIFY(ProjectTest::writeTree(root, spec));

    AlembicEnvironment env;
    env.configFile = root + QStringLiteral("/alembic.ini");
    env.section = QStringLiteral("alembic");
    env.root = root;
    env.scriptLocation = root + QStringLiteral("/migrations");
    env.versionLocationsSet = !versionLocations.isEmpty() && !versionLocations.contains(QString());
    if (env.versionLocationsSet) {
        for (const QString &location : versionLocations) {
            env.versionLocations.append(root + QLatin1Char('/') + location);
        }
    } else {
        env.versionLocations = QStringList{root + QStringLiteral("/migrations/versions")};
    }
    env.sourceless = sourceless;
    env.recursiveVersionLocations = recursive;

    Findings found;
    const QList<ScriptFile> files = ScriptDirectory::listScriptFiles(env, &found);
    QStringList listed;
    const QString versions = root + QStringLiteral("/migrations/versions");
    for (const ScriptFile &file : files) {
        QVERIFY(QFileInfo(file.path).isAbsolute());
        listed.append(ProjectTest::relativeTo(versions, file.path) +
                      (file.bytecode ? QStringLiteral("*") : QString()));
    }
    if (!recursive) {
        // Alembic 1.8.1 keeps os.listdir()'s order (the folder's own); the
        // rows name the expected files, the folder decides their order.
        expected = inDirectoryOrder(versions, expected);
    }
    QCOMPARE(listed, expected);
    QCOMPARE(codes(found), findings);
    for (const Finding &finding : found) {
        QVERIFY(!finding.message.isEmpty());
        QVERIFY(!finding.file.isEmpty());
    }
}

void TestScriptDirectory::unusableEnvironment()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(ProjectTest::writeTree(dir.path(), {QStringLiteral("m/versions/a.py=")}));
    AlembicEnvironment env;
    env.scriptLocation = dir.path() + QStringLiteral("/m");
    env.versionLocations = QStringList{dir.path() + QStringLiteral("/m/versions")};
    env.usable = false;
    Findings findings;
    QVERIFY(ScriptDirectory::listScriptFiles(env, &findings).isEmpty());
    env.usable = true;
    QCOMPARE(ScriptDirectory::listScriptFiles(env, nullptr).size(), 1);
}

// The incident this product exists for: a deleted migration whose bytecode
// stayed in __pycache__ comes back as a revision with sourceless = true.
void TestScriptDirectory::bytecodeOnlyRevision()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = canonical(dir);
    QVERIFY(ProjectTest::writeTree(
        root, {QStringLiteral("m/versions/0f1e2d3c4b5a_base.py="),
               QStringLiteral("m/versions/__pycache__/0f1e2d3c4b5a_base.cpython-311.pyc="),
               QStringLiteral("m/versions/__pycache__/a2242b61af45_x.cpython-311.pyc=")}));
    AlembicEnvironment env;
    env.root = root;
    env.scriptLocation = root + QStringLiteral("/m");
    env.versionLocations = QStringList{root + QStringLiteral("/m/versions")};
    env.sourceless = true;
    const QList<ScriptFile> files = ScriptDirectory::listScriptFiles(env, nullptr);
    QCOMPARE(files.size(), 2);
    QCOMPARE(files.at(1).path,
             root + QStringLiteral("/m/versions/__pycache__/a2242b61af45_x.cpython-311.pyc"));
    QVERIFY(files.at(1).bytecode);

    env.sourceless = false;
    QCOMPARE(ScriptDirectory::listScriptFiles(env, nullptr).size(), 1);
}

QTEST_GUILESS_MAIN(TestScriptDirectory)
#include "tst_scriptdirectory.moc"
