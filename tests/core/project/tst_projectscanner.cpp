#include "project/projectscanner.h"

#include "projecttesthelpers.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace Revscope;

namespace {

QString canonical(const QTemporaryDir &dir)
{
    return QFileInfo(dir.path()).canonicalFilePath();
}

QStringList labels(const ProjectScan &scan)
{
    QStringList out;
    for (const AlembicEnvironment &env : scan.environments) {
        out.append(env.label);
    }
    return out;
}

const char *kIni = "[alembic]\nscript_location = %(here)s/migrations\n";

QString iniAt(const QString &path)
{
    return path + QStringLiteral("=") + QString::fromLatin1(kIni);
}

} // namespace

class TestProjectScanner : public QObject
{
    Q_OBJECT

private slots:
    void scan_data();
    void scan();
    void pairIsOneEnvironment();
    void brokenPyprojectBesideIni();
    void environmentFields();
    void rootProblems();
    void unreadableFolder();
    void loadConfig_data();
    void loadConfig();
    void bigTree();
};

void TestProjectScanner::scan_data()
{
    QTest::addColumn<QStringList>("tree");
    QTest::addColumn<QStringList>("expected");

    const QString toolAlembic =
        QStringLiteral("pyproject.toml=[project]\nname = \"x\"\n[tool.alembic]\n"
                       "script_location = \"%(here)s/migrations\"\n");
    QTest::newRow("nested")
        << QStringList{iniAt(QStringLiteral("alembic.ini")),
                       iniAt(QStringLiteral("back/alembic.ini")),
                       QStringLiteral("svc/db.ini=[one]\nscript_location = a\n[two]\n"
                                      "script_location = b\n[loggers]\nkeys = root\n"),
                       QStringLiteral("tools/") + toolAlembic,
                       iniAt(QStringLiteral("pair/alembic.ini")),
                       QStringLiteral("pair/") + toolAlembic,
                       QStringLiteral("tox.ini=[tox]\nenvlist = py311\n"),
                       QStringLiteral("docs/conf.INI=[x]\nScript_Location = m\n")}
        << QStringList{QStringLiteral("alembic.ini"),         QStringLiteral("back/alembic.ini"),
                       QStringLiteral("docs/conf.INI#x"),     QStringLiteral("pair/alembic.ini"),
                       QStringLiteral("svc/db.ini#one"),      QStringLiteral("svc/db.ini#two"),
                       QStringLiteral("tools/pyproject.toml")};
    QTest::newRow("skipped folders")
        << QStringList{iniAt(QStringLiteral(".git/alembic.ini")),
                       iniAt(QStringLiteral("node_modules/pkg/alembic.ini")),
                       QStringLiteral("myenv/pyvenv.cfg=home = /usr/bin\n"),
                       iniAt(QStringLiteral("myenv/alembic.ini")),
                       QStringLiteral("venv/bin/python="),
                       iniAt(QStringLiteral("venv/alembic.ini")),
                       QStringLiteral(".venv/pyvenv.cfg="),
                       iniAt(QStringLiteral(".venv/x/alembic.ini")),
                       iniAt(QStringLiteral("env/alembic.ini")),
                       iniAt(QStringLiteral("build/alembic.ini")),
                       iniAt(QStringLiteral("dist/alembic.ini")),
                       iniAt(QStringLiteral("__pycache__/alembic.ini")),
                       iniAt(QStringLiteral(".tox/py/alembic.ini")),
                       iniAt(QStringLiteral(".mypy_cache/alembic.ini")),
                       iniAt(QStringLiteral(".pytest_cache/alembic.ini")),
                       iniAt(QStringLiteral("lib/site-packages/pkg/alembic.ini"))}
        << QStringList{QStringLiteral("env/alembic.ini")};
    QTest::newRow("symlink outside root not followed")
        << QStringList{QStringLiteral("out->$OUTSIDE"), iniAt(QStringLiteral("in/alembic.ini"))}
        << QStringList{QStringLiteral("in/alembic.ini")};
    QTest::newRow("symlink inside root read once")
        << QStringList{iniAt(QStringLiteral("real/alembic.ini")),
                       QStringLiteral("alias->$ROOT/real"), QStringLiteral("zz->$ROOT/real")}
        << QStringList{QStringLiteral("real/alembic.ini")};
    QTest::newRow("symlink is the only way in")
        << QStringList{iniAt(QStringLiteral("build/app/alembic.ini")),
                       QStringLiteral("app->$ROOT/build/app")}
        << QStringList{QStringLiteral("app/alembic.ini")};
    QTest::newRow("symlink loops") << QStringList{iniAt(QStringLiteral("a/alembic.ini")),
                                                  QStringLiteral("a/up->$ROOT"),
                                                  QStringLiteral("a/self->$ROOT/a"),
                                                  QStringLiteral("b/c/back->$ROOT/b"),
                                                  QStringLiteral("b/c/d->$ROOT/b/c"),
                                                  QStringLiteral("dangling->$ROOT/nope")}
                                   << QStringList{QStringLiteral("a/alembic.ini")};
    QTest::newRow("symlinked config file")
        << QStringList{iniAt(QStringLiteral("real/config.ini")),
                       QStringLiteral("app/alembic.ini->$ROOT/real/config.ini")}
        << QStringList{QStringLiteral("app/alembic.ini"), QStringLiteral("real/config.ini")};
    QTest::newRow("pyproject without tool.alembic")
        << QStringList{QStringLiteral("pyproject.toml=[project]\nname = \"x\"\n"
                                      "dependencies = [\"alembic\"]\n")}
        << QStringList();
    QTest::newRow("pyproject beside another ini")
        << QStringList{toolAlembic, QStringLiteral("pytest.ini=[pytest]\naddopts = -q\n")}
        << QStringList{QStringLiteral("pyproject.toml")};
    QTest::newRow("broken pyproject with tool.alembic")
        << QStringList{QStringLiteral("pyproject.toml=[tool.alembic]\nscript_location = \n")}
        << QStringList{QStringLiteral("pyproject.toml")};
    QTest::newRow("venv with a dangling python")
        << QStringList{QStringLiteral("venv/bin/python->/nonexistent/python3"),
                       iniAt(QStringLiteral("venv/alembic.ini"))}
        << QStringList();
    QTest::newRow("broken alembic.ini") << QStringList{QStringLiteral("alembic.ini=garbage\n")}
                                        << QStringList{QStringLiteral("alembic.ini")};
    QTest::newRow("multidb alembic.ini")
        << QStringList{QStringLiteral("alembic.ini=[db1]\nscript_location = a\n[db2]\n"
                                      "script_location = b\n")}
        << QStringList{QStringLiteral("alembic.ini#db1"), QStringLiteral("alembic.ini#db2")};
}

void TestProjectScanner::scan()
{
    QFETCH(QStringList, tree);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    QTemporaryDir outside;
    QVERIFY(dir.isValid() && outside.isValid());
    QVERIFY(ProjectTest::writeTree(canonical(outside), {iniAt(QStringLiteral("alembic.ini"))}));
    const QString root = canonical(dir);
    for (QString &item : tree) {
        item.replace(QLatin1String("$OUTSIDE"), canonical(outside));
    }
    QVERIFY(ProjectTest::writeTree(root, tree));

    const ProjectScan result = ProjectScanner::scan(root);
    QCOMPARE(result.root, root);
    QCOMPARE(labels(result), expected);
    QVERIFY(result.findings.isEmpty());
    for (const AlembicEnvironment &env : result.environments) {
        QCOMPARE(env.root, root);
        QVERIFY(env.configFile.startsWith(root + QLatin1Char('/')));
    }
}

void TestProjectScanner::pairIsOneEnvironment()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = canonical(dir);
    QVERIFY(ProjectTest::writeTree(
        root, {QStringLiteral("back/alembic.ini=[alembic]\nsqlalchemy.url = sqlite://\n"),
               QStringLiteral("back/pyproject.toml=[tool.alembic]\n"
                              "script_location = \"%(here)s/migrations\"\nsourceless = true\n"),
               QStringLiteral("back/migrations/versions/")}));
    const ProjectScan result = ProjectScanner::scan(root);
    QCOMPARE(result.environments.size(), 1);
    const AlembicEnvironment &env = result.environments.constFirst();
    QCOMPARE(env.label, QStringLiteral("back/alembic.ini"));
    QCOMPARE(env.configFile, root + QStringLiteral("/back/alembic.ini"));
    QCOMPARE(env.pyprojectFile, root + QStringLiteral("/back/pyproject.toml"));
    QCOMPARE(env.scriptLocation, root + QStringLiteral("/back/migrations"));
    QCOMPARE(env.sqlalchemyUrl, QStringLiteral("sqlite://"));
    QVERIFY(env.sourceless);
    QVERIFY(env.usable);
    QVERIFY(env.findings.isEmpty());
}

void TestProjectScanner::brokenPyprojectBesideIni()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = canonical(dir);
    QVERIFY(ProjectTest::writeTree(root, {iniAt(QStringLiteral("alembic.ini")),
                                          QStringLiteral("migrations/versions/"),
                                          QStringLiteral("pyproject.toml=[project\nname = 1\n")}));
    const ProjectScan result = ProjectScanner::scan(root);
    QCOMPARE(labels(result), QStringList{QStringLiteral("alembic.ini")});
    const AlembicEnvironment &env = result.environments.constFirst();
    QVERIFY(env.usable);
    QCOMPARE(env.findings.size(), 1);
    QCOMPARE(env.findings.constFirst().code, QStringLiteral("config-error"));
    QCOMPARE(env.findings.constFirst().severity, Severity::Warning);
    QCOMPARE(env.findings.constFirst().file, root + QStringLiteral("/pyproject.toml"));
    QCOMPARE(env.findings.constFirst().line, 1);
}

void TestProjectScanner::environmentFields()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = canonical(dir);
    QVERIFY(ProjectTest::writeTree(
        root, {QStringLiteral("alembic.ini=[alembic]\nscript_location = missing\n"),
               QStringLiteral("ok/alembic.ini=[alembic]\nscript_location = %(here)s/m\n"),
               QStringLiteral("ok/m/versions/")}));
    const ProjectScan result = ProjectScanner::scan(root);
    QCOMPARE(labels(result),
             (QStringList{QStringLiteral("alembic.ini"), QStringLiteral("ok/alembic.ini")}));
    const AlembicEnvironment &broken = result.environments.at(0);
    QVERIFY(!broken.usable);
    QCOMPARE(broken.findings.size(), 1);
    QCOMPARE(broken.findings.constFirst().code, QStringLiteral("script-location-missing"));
    QCOMPARE(broken.findings.constFirst().environment, QStringLiteral("alembic.ini"));
    QCOMPARE(broken.findings.constFirst().line, 2);
    // Environment findings stay with the environment.
    QVERIFY(result.findings.isEmpty());
    const AlembicEnvironment &ok = result.environments.at(1);
    QVERIFY(ok.usable);
    QCOMPARE(ok.versionLocations, QStringList{root + QStringLiteral("/ok/m/versions")});
}

void TestProjectScanner::rootProblems()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const ProjectScan missing = ProjectScanner::scan(dir.path() + QStringLiteral("/nope"));
    QVERIFY(missing.environments.isEmpty());
    QCOMPARE(missing.findings.size(), 1);
    QCOMPARE(missing.findings.constFirst().code, QStringLiteral("unreadable-file"));
    QCOMPARE(missing.findings.constFirst().severity, Severity::Error);

    // A relative root is made absolute.
    QVERIFY(ProjectTest::writeTree(dir.path(), {iniAt(QStringLiteral("p/alembic.ini"))}));
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    const ProjectScan relative = ProjectScanner::scan(QStringLiteral("p"));
    QDir::setCurrent(previous);
    QCOMPARE(relative.root, QDir::cleanPath(dir.path() + QStringLiteral("/p")));
    QCOMPARE(labels(relative), QStringList{QStringLiteral("alembic.ini")});
}

void TestProjectScanner::unreadableFolder()
{
    if (::geteuid() == 0) {
        QSKIP("Running as root: permissions do not stop root from reading a folder, so the "
              "unreadable-folder case cannot be set up");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = canonical(dir);
    QVERIFY(ProjectTest::writeTree(root, {iniAt(QStringLiteral("locked/alembic.ini")),
                                          iniAt(QStringLiteral("open/alembic.ini"))}));
    const QString locked = root + QStringLiteral("/locked");
    QVERIFY(QFile::setPermissions(locked, QFileDevice::Permissions()));
    const ProjectScan result = ProjectScanner::scan(root);
    QFile::setPermissions(locked,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QCOMPARE(labels(result), QStringList{QStringLiteral("open/alembic.ini")});
    QCOMPARE(result.findings.size(), 1);
    QCOMPARE(result.findings.constFirst().code, QStringLiteral("unreadable-file"));
    QCOMPARE(result.findings.constFirst().severity, Severity::Warning);
    QCOMPARE(result.findings.constFirst().file, locked);
}

void TestProjectScanner::loadConfig_data()
{
    QTest::addColumn<QStringList>("tree");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("findings");

    QTest::newRow("in a skipped folder") << QStringList{iniAt(QStringLiteral("build/alembic.ini"))}
                                         << QStringLiteral("build/alembic.ini")
                                         << QStringList{QStringLiteral("build/alembic.ini")} << 0;
    QTest::newRow("any name") << QStringList{QStringLiteral(
                                     "conf/db.ini=[alembic]\nscript_location = m\n[x]\n")}
                              << QStringLiteral("conf/db.ini")
                              << QStringList{QStringLiteral("conf/db.ini")} << 0;
    QTest::newRow("pyproject with ini beside")
        << QStringList{iniAt(QStringLiteral("alembic.ini")),
                       QStringLiteral("pyproject.toml=[tool.alembic]\nsourceless = true\n")}
        << QStringLiteral("pyproject.toml") << QStringList{QStringLiteral("alembic.ini")} << 0;
    QTest::newRow("pyproject alone")
        << QStringList{QStringLiteral("pyproject.toml=[tool.alembic]\nscript_location = \"m\"\n")}
        << QStringLiteral("pyproject.toml") << QStringList{QStringLiteral("pyproject.toml")} << 0;
    QTest::newRow("missing file") << QStringList() << QStringLiteral("nope.ini") << QStringList()
                                  << 1;
    QTest::newRow("a folder") << QStringList{QStringLiteral("d/")} << QStringLiteral("d")
                              << QStringList() << 1;
}

void TestProjectScanner::loadConfig()
{
    QFETCH(QStringList, tree);
    QFETCH(QString, config);
    QFETCH(QStringList, expected);
    QFETCH(int, findings);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = canonical(dir);
    QVERIFY(ProjectTest::writeTree(root, tree));
    Findings found;
    const AlembicEnvironments environments = ProjectScanner::loadConfig(config, root, &found);
    QStringList got;
    for (const AlembicEnvironment &env : environments) {
        got.append(env.label);
    }
    QCOMPARE(got, expected);
    QCOMPARE(found.size(), findings);
    if (QTest::currentDataTag() == QByteArrayLiteral("pyproject with ini beside")) {
        QVERIFY(environments.constFirst().sourceless);
    }
}

// A tree the size of a real monorepo checkout, with node_modules and a
// virtualenv: only the real environments are found.
void TestProjectScanner::bigTree()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = canonical(dir);
    QStringList tree;
    for (int d = 0; d < 200; ++d) {
        const QString folder = QStringLiteral("src/pkg%1/").arg(d);
        for (int f = 0; f < 20; ++f) {
            tree.append(folder + QStringLiteral("mod%1.py=").arg(f));
        }
        tree.append(QStringLiteral("node_modules/lib%1/index.js=").arg(d));
        tree.append(QStringLiteral(".venv/lib/python3.11/site-packages/p%1/__init__.py=").arg(d));
    }
    tree.append(QStringLiteral(".venv/pyvenv.cfg="));
    tree.append(iniAt(QStringLiteral("src/pkg7/alembic.ini")));
    tree.append(iniAt(QStringLiteral("node_modules/lib3/alembic.ini")));
    QVERIFY(ProjectTest::writeTree(root, tree));

    QElapsedTimer timer;
    timer.start();
    const ProjectScan result = ProjectScanner::scan(root);
    qInfo("scanned %lld files in %lld ms", qlonglong(tree.size()), qlonglong(timer.elapsed()));
    QCOMPARE(labels(result), QStringList{QStringLiteral("src/pkg7/alembic.ini")});
}

QTEST_GUILESS_MAIN(TestProjectScanner)
#include "tst_projectscanner.moc"
