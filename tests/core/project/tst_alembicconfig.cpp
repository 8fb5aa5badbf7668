#include "project/alembicconfig.h"
#include "project/scriptdirectory.h"

#include "projecttesthelpers.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace Revscope;

namespace {

// "code:severity:file:line" for each finding, file relative to root.
QStringList describe(const Findings &findings, const QString &root)
{
    QStringList out;
    for (const Finding &finding : findings) {
        out.append(QStringLiteral("%1:%2:%3:%4")
                       .arg(finding.code, severityName(finding.severity),
                            ProjectTest::relativeTo(root, finding.file),
                            QString::number(finding.line)));
    }
    return out;
}

QString canonicalRoot(const QTemporaryDir &dir)
{
    return QFileInfo(dir.path()).canonicalFilePath();
}

AlembicEnvironment load(const QString &root, const QString &config, const QString &section,
                        bool pair)
{
    const QString path = root + QLatin1Char('/') + config;
    if (config.endsWith(QLatin1String("pyproject.toml"))) {
        return AlembicConfig::fromPyProject(PyProjectFile::read(path), root);
    }
    const IniFile ini = AlembicConfig::readIni(path);
    if (pair) {
        const PyProjectFile pyproject =
            PyProjectFile::read(QFileInfo(path).absolutePath() + QStringLiteral("/pyproject.toml"));
        return AlembicConfig::fromIni(ini, section, &pyproject, root);
    }
    return AlembicConfig::fromIni(ini, section, nullptr, root);
}

QString ini(const char *body)
{
    return QStringLiteral("alembic.ini=") + QString::fromUtf8(body);
}

QString toml(const char *body)
{
    return QStringLiteral("pyproject.toml=") + QString::fromUtf8(body);
}

} // namespace

class TestAlembicConfig : public QObject
{
    Q_OBJECT

private slots:
    void resolve_data();
    void resolve();
    void findingsCarryLabel();
    void environmentSections_data();
    void environmentSections();
    void label_data();
    void label();
    void oracle_data();
    void oracle();
};

void TestAlembicConfig::resolve_data()
{
    QTest::addColumn<QStringList>("tree");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("section");
    QTest::addColumn<bool>("pair");
    QTest::addColumn<QString>("scriptLocation");
    QTest::addColumn<QStringList>("versionLocations");
    QTest::addColumn<bool>("versionLocationsSet");
    QTest::addColumn<bool>("sourceless");
    QTest::addColumn<QString>("fileTemplate");
    QTest::addColumn<bool>("usable");
    QTest::addColumn<QStringList>("findings");

    const QString alembicIni = QStringLiteral("alembic.ini");
    const QString pyproject = QStringLiteral("pyproject.toml");
    const QString alembic = QStringLiteral("alembic");
    const QString tmpl = QStringLiteral("%(rev)s_%(slug)s");
    const QStringList defaultVersions{QStringLiteral("migrations/versions")};
    const QString m = QStringLiteral("migrations");
    const QString mv = QStringLiteral("migrations/versions/");
    const QString ab = QStringLiteral("a/");
    const QString bb = QStringLiteral("b/");
    const QStringList abList{QStringLiteral("a"), QStringLiteral("b")};

    QTest::newRow("relative") << QStringList{ini("[alembic]\nscript_location = migrations\n"), mv}
                              << alembicIni << alembic << false << m << defaultVersions << false
                              << false << tmpl << true << QStringList();
    QTest::newRow("here") << QStringList{ini("[alembic]\nscript_location = %(here)s/migrations\n"),
                                         mv}
                          << alembicIni << alembic << false << m << defaultVersions << false
                          << false << tmpl << true << QStringList();
    QTest::newRow("cleaned") << QStringList{ini("[alembic]\nscript_location = "
                                                "%(here)s/x/../migrations/\n"),
                                            mv}
                             << alembicIni << alembic << false << m << defaultVersions << false
                             << false << tmpl << true << QStringList();
    QTest::newRow("from DEFAULT")
        << QStringList{ini("[DEFAULT]\nscript_location = migrations\n[alembic]\n"), mv}
        << alembicIni << alembic << false << m << defaultVersions << false << false << tmpl << true
        << QStringList();
    QTest::newRow("named section")
        << QStringList{ini("[alembic]\nscript_location = x\n[db2]\nscript_location = migrations\n"),
                       mv}
        << alembicIni << QStringLiteral("db2") << false << m << defaultVersions << false << false
        << tmpl << true << QStringList();
    QTest::newRow("missing key") << QStringList{ini(
                                        "# config\n[alembic]\nsqlalchemy.url = sqlite://\n")}
                                 << alembicIni << alembic << false << QString() << QStringList()
                                 << false << false << tmpl << false
                                 << QStringList{QStringLiteral("config-error:error:alembic.ini:2")};
    QTest::newRow("no section") << QStringList{ini("[other]\nscript_location = m\n")} << alembicIni
                                << alembic << false << QString() << QStringList() << false << false
                                << tmpl << false
                                << QStringList{QStringLiteral("config-error:error:alembic.ini:0")};
    QTest::newRow("missing folder")
        << QStringList{ini("[alembic]\nscript_location = nothere\n")} << alembicIni << alembic
        << false << QStringLiteral("nothere") << QStringList{QStringLiteral("nothere/versions")}
        << false << false << tmpl << false
        << QStringList{QStringLiteral("script-location-missing:error:alembic.ini:2")};
    QTest::newRow("empty script_location")
        << QStringList{ini("[alembic]\nscript_location =\n")} << alembicIni << alembic << false
        << QStringLiteral(".") << QStringList{QStringLiteral("versions")} << false << false << tmpl
        << false << QStringList{QStringLiteral("script-location-missing:error:alembic.ini:2")};
    QTest::newRow("script_location is a file")
        << QStringList{ini("[alembic]\nscript_location = migrations\n"),
                       QStringLiteral("migrations=not a folder")}
        << alembicIni << alembic << false << m << defaultVersions << false << false << tmpl << false
        << QStringList{QStringLiteral("script-location-missing:error:alembic.ini:2")};

    // version_locations and its separators
    QTest::newRow("os") << QStringList{ini("[alembic]\nscript_location = migrations\n"
                                           "version_locations = %(here)s/a:%(here)s/b\n"
                                           "version_path_separator = os\n"),
                                       mv, ab, bb}
                        << alembicIni << alembic << false << m << abList << true << false << tmpl
                        << true << QStringList();
    QTest::newRow("space") << QStringList{ini("[alembic]\nscript_location = migrations\n"
                                              "version_locations = a  b\n"
                                              "version_path_separator = space\n"),
                                          mv}
                           << alembicIni << alembic << false << m << abList << true << false << tmpl
                           << true << QStringList();
    QTest::newRow("newline") << QStringList{ini("[alembic]\nscript_location = migrations\n"
                                                "version_locations =\n    a\n    b\n"
                                                "path_separator = newline\n"),
                                            mv}
                             << alembicIni << alembic << false << m << abList << true << false
                             << tmpl << true << QStringList();
    QTest::newRow("colon") << QStringList{ini("[alembic]\nscript_location = migrations\n"
                                              "version_locations = a:b\n"
                                              "version_path_separator = :\n"),
                                          mv}
                           << alembicIni << alembic << false << m << abList << true << false << tmpl
                           << true << QStringList();
    QTest::newRow("semicolon stripped")
        << QStringList{ini("[alembic]\nscript_location = migrations\n"
                           "version_locations = a; b;\n"
                           "path_separator = ;\n"),
                       mv}
        << alembicIni << alembic << false << m << abList << true << false << tmpl << true
        << QStringList();
    QTest::newRow("path_separator wins")
        << QStringList{ini("[alembic]\nscript_location = migrations\n"
                           "version_locations = a;b c\npath_separator = ;\n"
                           "version_path_separator = space\n"),
                       mv}
        << alembicIni << alembic << false << m
        << QStringList{QStringLiteral("a"), QStringLiteral("b c")} << true << false << tmpl << true
        << QStringList();
    QTest::newRow("legacy split") << QStringList{ini("[alembic]\nscript_location = migrations\n"
                                                     "version_locations = a, b  c\n"),
                                                 mv}
                                  << alembicIni << alembic << false << m
                                  << QStringList{QStringLiteral("a"), QStringLiteral("b"),
                                                 QStringLiteral("c")}
                                  << true << false << tmpl << true
                                  << QStringList{QStringLiteral("config-error:info:alembic.ini:3")};
    QTest::newRow("legacy empty entry")
        << QStringList{ini("[alembic]\nscript_location = migrations\n"
                           "version_locations = a,,b\n"),
                       mv}
        << alembicIni << alembic << false << m
        << QStringList{QStringLiteral("a"), QStringLiteral("."), QStringLiteral("b")} << true
        << false << tmpl << true
        << QStringList{QStringLiteral("config-error:info:alembic.ini:3"),
                       QStringLiteral("config-error:warning:alembic.ini:3")};
    QTest::newRow("invalid separator")
        << QStringList{ini("[alembic]\nscript_location = migrations\n"
                           "version_locations = a,b\nversion_path_separator = comma\n"),
                       mv}
        << alembicIni << alembic << false << m << defaultVersions << false << false << tmpl << false
        << QStringList{QStringLiteral("config-error:error:alembic.ini:4")};
    QTest::newRow("separator with inline comment")
        << QStringList{ini("[alembic]\nscript_location = migrations\n"
                           "version_locations = a:b\nversion_path_separator = os  # os sep\n"),
                       mv}
        << alembicIni << alembic << false << m << defaultVersions << false << false << tmpl << false
        << QStringList{QStringLiteral("config-error:error:alembic.ini:4")};
    QTest::newRow("separator unused") << QStringList{ini("[alembic]\nscript_location = migrations\n"
                                                         "version_path_separator = bogus\n"),
                                                     mv}
                                      << alembicIni << alembic << false << m << defaultVersions
                                      << false << false << tmpl << true << QStringList();
    QTest::newRow("empty version_locations")
        << QStringList{ini("[alembic]\nscript_location = migrations\nversion_locations =\n"), mv}
        << alembicIni << alembic << false << m << defaultVersions << false << false << tmpl << true
        << QStringList();

    // package:path
    QTest::newRow("package") << QStringList{ini("[alembic]\nscript_location = myapp:migrations\n"),
                                            QStringLiteral("myapp/__init__.py="),
                                            QStringLiteral("myapp/migrations/versions/")}
                             << alembicIni << alembic << false << QStringLiteral("myapp/migrations")
                             << QStringList{QStringLiteral("myapp/migrations/versions")} << false
                             << false << tmpl << true << QStringList();
    QTest::newRow("dotted package")
        << QStringList{ini("[alembic]\nscript_location = myapp.db:migrations\n"),
                       QStringLiteral("myapp/__init__.py="),
                       QStringLiteral("myapp/db/__init__.py="),
                       QStringLiteral("myapp/db/migrations/")}
        << alembicIni << alembic << false << QStringLiteral("myapp/db/migrations")
        << QStringList{QStringLiteral("myapp/db/migrations/versions")} << false << false << tmpl
        << true << QStringList();
    QTest::newRow("package on prepend_sys_path")
        << QStringList{ini("[alembic]\nprepend_sys_path = src\npath_separator = os\n"
                           "script_location = myapp:migrations\n"),
                       QStringLiteral("src/myapp/__init__.py="),
                       QStringLiteral("src/myapp/migrations/")}
        << alembicIni << alembic << false << QStringLiteral("src/myapp/migrations")
        << QStringList{QStringLiteral("src/myapp/migrations/versions")} << false << false << tmpl
        << true << QStringList();
    QTest::newRow("prepend_sys_path legacy split")
        << QStringList{ini("[alembic]\nprepend_sys_path = . src\n"
                           "script_location = myapp:migrations\n"),
                       QStringLiteral("src/myapp/__init__.py="),
                       QStringLiteral("src/myapp/migrations/")}
        << alembicIni << alembic << false << QStringLiteral("src/myapp/migrations")
        << QStringList{QStringLiteral("src/myapp/migrations/versions")} << false << false << tmpl
        << true << QStringList{QStringLiteral("config-error:info:alembic.ini:2")};
    QTest::newRow("package not found")
        << QStringList{ini("[alembic]\nscript_location = nopkg:migrations\n")} << alembicIni
        << alembic << false << QString() << QStringList() << false << false << tmpl << false
        << QStringList{QStringLiteral("config-error:error:alembic.ini:2")};
    QTest::newRow("package version location")
        << QStringList{ini("[alembic]\nscript_location = migrations\n"
                           "version_locations = myapp:extra\nversion_path_separator = space\n"),
                       mv, QStringLiteral("myapp/__init__.py="), QStringLiteral("myapp/extra/")}
        << alembicIni << alembic << false << m << QStringList{QStringLiteral("myapp/extra")} << true
        << false << tmpl << true << QStringList();
    // A package found from a folder above the config (the project's own
    // package, installed), as aodh's `aodh.storage.sqlalchemy:alembic`.
    QTest::newRow("package above the config folder")
        << QStringList{QStringLiteral("pkg/db/alembic/alembic.ini=[alembic]\n"
                                      "script_location = pkg.db:alembic\n"),
                       QStringLiteral("pkg/__init__.py="), QStringLiteral("pkg/db/__init__.py="),
                       QStringLiteral("pkg/db/alembic/versions/")}
        << QStringLiteral("pkg/db/alembic/alembic.ini") << alembic << false
        << QStringLiteral("pkg/db/alembic")
        << QStringList{QStringLiteral("pkg/db/alembic/versions")} << false << false << tmpl << true
        << QStringList();

    // A relative path is relative to where Alembic runs: the config's folder,
    // else the project root (mistral's `script_location =
    // mistral/db/sqlalchemy/migration/alembic_migrations` beside its ini).
    QTest::newRow("relative to the root")
        << QStringList{QStringLiteral("sub/alembic.ini=[alembic]\nscript_location = sub/m\n"
                                      "version_locations = sub/extra sub/m/versions\n"
                                      "path_separator = space\n"),
                       QStringLiteral("sub/m/versions/"), QStringLiteral("sub/extra/")}
        << QStringLiteral("sub/alembic.ini") << alembic << false << QStringLiteral("sub/m")
        << QStringList{QStringLiteral("sub/extra"), QStringLiteral("sub/m/versions")} << true
        << false << tmpl << true
        << QStringList{QStringLiteral("config-error:info:sub/alembic.ini:2")};
    QTest::newRow("config folder before the root")
        << QStringList{QStringLiteral("sub/alembic.ini=[alembic]\nscript_location = m\n"),
                       QStringLiteral("sub/m/versions/"), QStringLiteral("m/versions/")}
        << QStringLiteral("sub/alembic.ini") << alembic << false << QStringLiteral("sub/m")
        << QStringList{QStringLiteral("sub/m/versions")} << false << false << tmpl << true
        << QStringList();
    QTest::newRow("not a folder in between")
        << QStringList{QStringLiteral("a/b/alembic.ini=[alembic]\nscript_location = m\n"),
                       QStringLiteral("a/m/versions/")}
        << QStringLiteral("a/b/alembic.ini") << alembic << false << QStringLiteral("a/b/m")
        << QStringList{QStringLiteral("a/b/m/versions")} << false << false << tmpl << false
        << QStringList{QStringLiteral("script-location-missing:error:a/b/alembic.ini:2")};

    // booleans and templates
    QTest::newRow("sourceless") << QStringList{ini("[alembic]\nscript_location = migrations\n"
                                                   "sourceless = true\n"),
                                               mv}
                                << alembicIni << alembic << false << m << defaultVersions << false
                                << true << tmpl << true << QStringList();
    QTest::newRow("sourceless True is false")
        << QStringList{ini("[alembic]\nscript_location = migrations\nsourceless = True\n"), mv}
        << alembicIni << alembic << false << m << defaultVersions << false << false << tmpl << true
        << QStringList{QStringLiteral("config-error:warning:alembic.ini:3")};
    QTest::newRow("file_template")
        << QStringList{ini("[alembic]\nscript_location = migrations\n"
                           "file_template = "
                           "%%(year)d_%%(rev)s_%%(slug)s\n"),
                       mv}
        << alembicIni << alembic << false << m << defaultVersions << false << false
        << QStringLiteral("%(year)d_%(rev)s_%(slug)s") << true << QStringList();

    // errors
    QTest::newRow("broken interpolation")
        << QStringList{ini("[alembic]\nscript_location = %(nope)s/migrations\n"), mv} << alembicIni
        << alembic << false << QString() << QStringList() << false << false << tmpl << false
        << QStringList{QStringLiteral("config-error:error:alembic.ini:2")};
    QTest::newRow("broken url keeps scripts")
        << QStringList{ini("[alembic]\nscript_location = migrations\nsqlalchemy.url = 50%\n"), mv}
        << alembicIni << alembic << false << m << defaultVersions << false << false << tmpl << true
        << QStringList{QStringLiteral("config-error:error:alembic.ini:3")};
    QTest::newRow("bad truncate_slug_length")
        << QStringList{ini("[alembic]\nscript_location = migrations\n"
                           "truncate_slug_length = forty\n"),
                       mv}
        << alembicIni << alembic << false << m << defaultVersions << false << false << tmpl << false
        << QStringList{QStringLiteral("config-error:error:alembic.ini:3")};
    QTest::newRow("broken hook")
        << QStringList{ini("[alembic]\nscript_location = migrations\n"
                           "[post_write_hooks]\nhooks = black\nblack.options = %(x)s\n"),
                       mv}
        << alembicIni << alembic << false << m << defaultVersions << false << false << tmpl << false
        << QStringList{QStringLiteral("config-error:error:alembic.ini:5")};
    QTest::newRow("parse error")
        << QStringList{ini("[alembic]\nscript_location = migrations\nnot an option\n"), mv}
        << alembicIni << alembic << false << m << defaultVersions << false << false << tmpl << false
        << QStringList{QStringLiteral("config-error:error:alembic.ini:3")};

    // pyproject.toml
    QTest::newRow("pyproject")
        << QStringList{toml("[tool.alembic]\nscript_location = \"%(here)s/migrations\"\n"
                            "version_locations = [\"%(here)s/a\", \"b\"]\nsourceless = true\n"
                            "file_template = \"%%(rev)s\"\n"),
                       mv}
        << pyproject << QStringLiteral("tool.alembic") << false << m << abList << true << true
        << QStringLiteral("%(rev)s") << true << QStringList();
    QTest::newRow("ini wins")
        << QStringList{ini("[alembic]\nscript_location = migrations\nsourceless = false\n"),
                       toml("[tool.alembic]\nscript_location = \"other\"\nsourceless = true\n"
                            "file_template = \"t\"\n"),
                       mv}
        << alembicIni << alembic << true << m << defaultVersions << false << false
        << QStringLiteral("t") << true << QStringList();
    QTest::newRow("empty ini version_locations falls back")
        << QStringList{ini("[alembic]\nscript_location = migrations\nversion_locations =\n"),
                       toml("[tool.alembic]\nversion_locations = [\"a\", \"b\"]\n"), mv}
        << alembicIni << alembic << true << m << abList << true << false << tmpl << true
        << QStringList();
    QTest::newRow("ini without section")
        << QStringList{ini("[loggers]\nkeys = root\n"),
                       toml("[tool.alembic]\nscript_location = \"migrations\"\n"), mv}
        << alembicIni << alembic << true << m << defaultVersions << false << false << tmpl << true
        << QStringList();
    QTest::newRow("toml boolean as string")
        << QStringList{toml("[tool.alembic]\nscript_location = \"migrations\"\n"
                            "sourceless = \"true\"\n"),
                       mv}
        << pyproject << QStringLiteral("tool.alembic") << false << m << defaultVersions << false
        << false << tmpl << false
        << QStringList{QStringLiteral("config-error:error:pyproject.toml:3")};
    QTest::newRow("toml version_locations string")
        << QStringList{toml("[tool.alembic]\nscript_location = \"migrations\"\n"
                            "version_locations = \"a\"\n"),
                       mv}
        << pyproject << QStringLiteral("tool.alembic") << false << m << defaultVersions << false
        << false << tmpl << false
        << QStringList{QStringLiteral("config-error:error:pyproject.toml:3")};
    QTest::newRow("toml unknown key")
        << QStringList{toml("[tool.alembic]\nscript_location = \"%(root)s/migrations\"\n"), mv}
        << pyproject << QStringLiteral("tool.alembic") << false << QString() << QStringList()
        << false << false << tmpl << false
        << QStringList{QStringLiteral("config-error:error:pyproject.toml:2")};
    QTest::newRow("toml parse error")
        << QStringList{toml("[tool.alembic]\nscript_location = \"migrations\"\nbroken = \n"), mv}
        << pyproject << QStringLiteral("tool.alembic") << false << QString() << QStringList()
        << false << false << tmpl << false
        << QStringList{QStringLiteral("config-error:error:pyproject.toml:3"),
                       QStringLiteral("config-error:error:pyproject.toml:0")};
    QTest::newRow("legacy split of one path is quiet")
        << QStringList{ini("[alembic]\nscript_location = migrations\nprepend_sys_path = .\n"
                           "version_locations = a\n"),
                       mv}
        << alembicIni << alembic << false << m << QStringList{QStringLiteral("a")} << true << false
        << tmpl << true << QStringList();
    QTest::newRow("recursive") << QStringList{ini("[alembic]\nscript_location = migrations\n"
                                                  "recursive_version_locations = true\n"),
                                              mv}
                               << alembicIni << alembic << false << m << defaultVersions << false
                               << false << tmpl << true << QStringList();
}

void TestAlembicConfig::resolve()
{
    QFETCH(QStringList, tree);
    QFETCH(QString, config);
    QFETCH(QString, section);
    QFETCH(bool, pair);
    QFETCH(QString, scriptLocation);
    QFETCH(QStringList, versionLocations);
    QFETCH(bool, versionLocationsSet);
    QFETCH(bool, sourceless);
    QFETCH(QString, fileTemplate);
    QFETCH(bool, usable);
    QFETCH(QStringList, findings);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = canonicalRoot(dir);
    QVERIFY(ProjectTest::writeTree(root, tree));

    const AlembicEnvironment env = load(root, config, section, pair);
    QCOMPARE(describe(env.findings, root), findings);
    QCOMPARE(env.usable, usable);
    QCOMPARE(ProjectTest::relativeTo(root, env.scriptLocation), scriptLocation);
    QCOMPARE(ProjectTest::relativeTo(root, env.versionLocations), versionLocations);
    QCOMPARE(env.versionLocationsSet, versionLocationsSet);
    QCOMPARE(env.sourceless, sourceless);
    QCOMPARE(env.fileTemplate, fileTemplate);
    QCOMPARE(env.configFile, root + QLatin1Char('/') + config);
    QCOMPARE(env.section, section);
    if (QTest::currentDataTag() == QByteArrayLiteral("recursive")) {
        QVERIFY(env.recursiveVersionLocations);
    }
    if (QTest::currentDataTag() == QByteArrayLiteral("missing key")) {
        QCOMPARE(env.findings.constFirst().message,
                 QStringLiteral("No 'script_location' key found in configuration."));
    }
}

void TestAlembicConfig::findingsCarryLabel()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = canonicalRoot(dir);
    QVERIFY(ProjectTest::writeTree(
        root, {QStringLiteral("back/alembic.ini=[alembic]\nsqlalchemy.url = postgresql://h/db\n"
                              "[two]\nscript_location = m\n")}));
    const IniFile ini = AlembicConfig::readIni(root + QStringLiteral("/back/alembic.ini"));
    const AlembicEnvironment first =
        AlembicConfig::fromIni(ini, QStringLiteral("alembic"), nullptr, root);
    QCOMPARE(first.label, QStringLiteral("back/alembic.ini"));
    QCOMPARE(first.sqlalchemyUrl, QStringLiteral("postgresql://h/db"));
    QCOMPARE(first.sqlalchemyUrlLine, 2);
    QVERIFY(!first.findings.isEmpty());
    for (const Finding &finding : first.findings) {
        QCOMPARE(finding.environment, QStringLiteral("back/alembic.ini"));
    }
    const AlembicEnvironment second =
        AlembicConfig::fromIni(ini, QStringLiteral("two"), nullptr, root);
    QCOMPARE(second.label, QStringLiteral("back/alembic.ini#two"));
    QCOMPARE(second.findings.constFirst().environment, QStringLiteral("back/alembic.ini#two"));
    QCOMPARE(second.findings.constFirst().code, QStringLiteral("script-location-missing"));
    QCOMPARE(second.scriptLocationLine, 4);
    QCOMPARE(second.scriptLocationRaw, QStringLiteral("m"));
}

void TestAlembicConfig::environmentSections_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("alembicIni");
    QTest::addColumn<bool>("withPyProject");
    QTest::addColumn<QStringList>("expected");

    const QString alembic = QStringLiteral("alembic");
    QTest::newRow("alembic") << QByteArray("[alembic]\nscript_location = m\n") << true << false
                             << QStringList{alembic};
    QTest::newRow("alembic without key")
        << QByteArray("[alembic]\nsqlalchemy.url = x\n") << true << false << QStringList{alembic};
    QTest::newRow("named sections only")
        << QByteArray("[db1]\nscript_location = a\n[db2]\nscript_location = b\n[loggers]\n") << true
        << false << QStringList{QStringLiteral("db1"), QStringLiteral("db2")};
    QTest::newRow("named sections and pyproject")
        << QByteArray("[db1]\nscript_location = a\n") << true << true
        << QStringList{alembic, QStringLiteral("db1")};
    QTest::newRow("empty alembic.ini") << QByteArray("") << true << false << QStringList{alembic};
    QTest::newRow("other ini without key")
        << QByteArray("[tox]\nenvlist = py3\n") << false << false << QStringList();
    QTest::newRow("other ini with key") << QByteArray("[tests]\nscript_location = m\n") << false
                                        << false << QStringList{QStringLiteral("tests")};
    QTest::newRow("other ini, key in DEFAULT")
        << QByteArray("[DEFAULT]\nscript_location = m\n[alembic]\n[loggers]\n") << false << false
        << QStringList{alembic};
    QTest::newRow("other ini, alembic without key")
        << QByteArray("[alembic]\nurl = x\n") << false << false << QStringList();
}

void TestAlembicConfig::environmentSections()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, alembicIni);
    QFETCH(bool, withPyProject);
    QFETCH(QStringList, expected);
    const IniFile ini = IniFile::fromData(text, QStringLiteral("/x/a.ini"));
    QCOMPARE(AlembicConfig::environmentSections(ini, alembicIni, withPyProject), expected);
}

void TestAlembicConfig::label_data()
{
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("section");
    QTest::addColumn<QString>("root");
    QTest::addColumn<QString>("expected");

    QTest::newRow("root") << QStringLiteral("/p/alembic.ini") << QStringLiteral("alembic")
                          << QStringLiteral("/p") << QStringLiteral("alembic.ini");
    QTest::newRow("nested") << QStringLiteral("/p/back/alembic.ini") << QStringLiteral("alembic")
                            << QStringLiteral("/p") << QStringLiteral("back/alembic.ini");
    QTest::newRow("named") << QStringLiteral("/p/back/alembic.ini") << QStringLiteral("db2")
                           << QStringLiteral("/p") << QStringLiteral("back/alembic.ini#db2");
    QTest::newRow("pyproject") << QStringLiteral("/p/svc/pyproject.toml")
                               << QStringLiteral("tool.alembic") << QStringLiteral("/p/")
                               << QStringLiteral("svc/pyproject.toml");
    QTest::newRow("outside root") << QStringLiteral("/q/alembic.ini") << QStringLiteral("alembic")
                                  << QStringLiteral("/p") << QStringLiteral("/q/alembic.ini");
}

void TestAlembicConfig::label()
{
    QFETCH(QString, config);
    QFETCH(QString, section);
    QFETCH(QString, root);
    QFETCH(QString, expected);
    AlembicEnvironment env;
    env.configFile = config;
    env.section = section;
    QCOMPARE(environmentLabel(env, root), expected);
}

void TestAlembicConfig::oracle_data()
{
    QTest::addColumn<QStringList>("tree");
    QTest::addColumn<QString>("section");
    QTest::addColumn<QString>("configName");

    const QString alembic = QStringLiteral("alembic");
    const QStringList scripts{
        QStringLiteral("migrations/env.py="),
        QStringLiteral("migrations/versions/001_a.py="),
        QStringLiteral("migrations/versions/002_b.py="),
        QStringLiteral("migrations/versions/__init__.py="),
        QStringLiteral("migrations/versions/.#002_b.py="),
        QStringLiteral("migrations/versions/notes.txt="),
        QStringLiteral("migrations/versions/003_c.pyc="),
        QStringLiteral("migrations/versions/004_d.pyo="),
        QStringLiteral("migrations/versions/003_c.pyo="),
        QStringLiteral("migrations/versions/001_a.pyc="),
        QStringLiteral("migrations/versions/__pycache__/001_a.cpython-311.pyc="),
        QStringLiteral("migrations/versions/__pycache__/005_e.cpython-311.pyc="),
        QStringLiteral("migrations/versions/__pycache__/"
                       "__init__.cpython-311.pyc=")};
    auto row = [&](const char *name, const char *config, QStringList extra = {},
                   const QString &section = QStringLiteral("alembic")) {
        QStringList tree = scripts;
        tree.append(ini(config));
        tree += extra;
        QTest::newRow(name) << tree << section << QStringLiteral("alembic.ini");
    };
    row("relative", "[alembic]\nscript_location = migrations\n");
    row("here", "[alembic]\nscript_location = %(here)s/migrations\n");
    row("sourceless", "[alembic]\nscript_location = migrations\nsourceless = true\n");
    row("sourceless True", "[alembic]\nscript_location = migrations\nsourceless = True\n");
    row("file_template", "[alembic]\nscript_location = migrations\n"
                         "file_template = %%(year)d_%%(rev)s\n");
    row("default file_template", "[alembic]\nscript_location = migrations\n");
    row("from DEFAULT", "[DEFAULT]\nscript_location = migrations\n[alembic]\n");
    row("named section", "[alembic]\nscript_location = nope\n[two]\nscript_location = migrations\n",
        {}, QStringLiteral("two"));
    row("missing key", "[alembic]\nsqlalchemy.url = sqlite://\n");
    row("no section", "[other]\nscript_location = migrations\n");
    row("missing folder", "[alembic]\nscript_location = elsewhere\n");
    row("os separator",
        "[alembic]\nscript_location = migrations\n"
        "version_locations = %(here)s/a:%(here)s/migrations/versions\n"
        "version_path_separator = os\n",
        {QStringLiteral("a/010_x.py="), QStringLiteral("a/README=")});
    row("space separator",
        "[alembic]\nscript_location = migrations\n"
        "version_locations = a  b\nversion_path_separator = space\n",
        {QStringLiteral("a/010_x.py="), QStringLiteral("b/020_y.py=")});
    row("semicolon separator",
        "[alembic]\nscript_location = migrations\n"
        "version_locations = a;b\nversion_path_separator = ;\n",
        {QStringLiteral("a/010_x.py="), QStringLiteral("b/020_y.py=")});
    row("legacy split",
        "[alembic]\nscript_location = migrations\n"
        "version_locations = a, b\n",
        {QStringLiteral("a/010_x.py="), QStringLiteral("b/020_y.py=")});
    row("legacy empty entry",
        "[alembic]\nscript_location = migrations\n"
        "version_locations = a,,migrations/versions\n",
        {QStringLiteral("a/010_x.py="), QStringLiteral("top.py=")});
    row("invalid separator", "[alembic]\nscript_location = migrations\n"
                             "version_locations = a\nversion_path_separator = comma\n");
    row("separator inline comment", "[alembic]\nscript_location = migrations\n"
                                    "version_locations = a\nversion_path_separator = os # c\n");
    row("missing version location", "[alembic]\nscript_location = migrations\n"
                                    "version_locations = gone:migrations/versions\n"
                                    "version_path_separator = :\n");
    row("same location twice",
        "[alembic]\nscript_location = migrations\n"
        "version_locations = migrations/versions %(here)s/link\n"
        "version_path_separator = space\n",
        {QStringLiteral("link->$ROOT/migrations/versions")});
    row("package", "[alembic]\nscript_location = myapp:db\n",
        {QStringLiteral("myapp/__init__.py="), QStringLiteral("myapp/db/versions/100_p.py=")});
    row("dotted package", "[alembic]\nscript_location = myapp.sub:db\n",
        {QStringLiteral("myapp/__init__.py="), QStringLiteral("myapp/sub/__init__.py="),
         QStringLiteral("myapp/sub/db/versions/100_p.py=")});
    row("sourceless bytecode of __init__",
        "[alembic]\nscript_location = migrations\n"
        "sourceless = true\nversion_locations = c\n",
        {QStringLiteral("c/x.py="), QStringLiteral("c/__pycache__/__init__.cpython-311.pyc="),
         QStringLiteral("c/__pycache__/x.cpython-311.pyc="),
         QStringLiteral("c/__pycache__/y.cpython-311.pyc="), QStringLiteral("c/.#z.pyc=")});
    row("broken interpolation", "[alembic]\nscript_location = %(nope)s\n");
    row("bad truncate_slug_length", "[alembic]\nscript_location = migrations\n"
                                    "truncate_slug_length = x\n");
    row("parse error", "[alembic]\nscript_location = migrations\nnonsense\n");
    row("duplicate option", "[alembic]\nscript_location = migrations\nscript_location = x\n");
    row("bom", "\xEF\xBB\xBF[alembic]\nscript_location = migrations\n");
    row("inline comment in location", "[alembic]\nscript_location = migrations # the scripts\n");

    // Configs below the root, with Alembic run from the root.
    QTest::newRow("relative to the root")
        << QStringList{QStringLiteral("sub/alembic.ini=[alembic]\nscript_location = sub/m\n"),
                       QStringLiteral("sub/m/versions/001_a.py=")}
        << alembic << QStringLiteral("sub/alembic.ini");
    QTest::newRow("package above the config folder")
        << QStringList{QStringLiteral("pkg/db/alembic/alembic.ini=[alembic]\n"
                                      "script_location = pkg.db:alembic\n"),
                       QStringLiteral("pkg/__init__.py="), QStringLiteral("pkg/db/__init__.py="),
                       QStringLiteral("pkg/db/alembic/versions/001_a.py=")}
        << alembic << QStringLiteral("pkg/db/alembic/alembic.ini");
}

// Reads the same config with Alembic 1.8.1 (Config + ScriptDirectory.from_config,
// then _load_revisions with the module loader replaced by a recorder), run from
// the root (the config's folder, except in the rows that put it deeper), and
// compares what both would load.
void TestAlembicConfig::oracle()
{
    if (!ProjectTest::pythonCanImport("alembic")) {
        QSKIP("/usr/bin/python3 cannot import alembic: Alembic oracle skipped");
    }
    QFETCH(QStringList, tree);
    QFETCH(QString, section);
    QFETCH(QString, configName);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = canonicalRoot(dir);
    QVERIFY(ProjectTest::writeTree(root, tree));
    const QString config = root + QLatin1Char('/') + configName;

    static const QString script = QStringLiteral(R"PY(
import json, os, sys, types, warnings
warnings.simplefilter("ignore")
import alembic.util
from alembic.config import Config
from alembic.script import ScriptDirectory
path, section = sys.argv[1], sys.argv[2]
os.chdir(sys.argv[3])
sys.path.insert(0, sys.argv[3])
loaded = []
def record(dir_, filename):
    loaded.append(os.path.normpath(os.path.join(dir_, filename)))
    return types.SimpleNamespace(revision="r%d" % len(loaded), down_revision=None)
alembic.util.load_python_file = record
out = {}
try:
    cfg = Config(path, ini_section=section)
    sd = ScriptDirectory.from_config(cfg)
    out["dir"] = os.path.abspath(sd.dir)
    out["version_locations"] = [str(p) for p in sd._version_locations]
    out["sourceless"] = sd.sourceless
    out["file_template"] = sd.file_template
    try:
        list(sd._load_revisions())
        out["files"] = sorted(loaded)
    except Exception as e:
        out["load_error"] = "%s: %s" % (type(e).__name__, e)
except Exception as e:
    out["error"] = "%s: %s" % (type(e).__name__, e)
print(json.dumps(out))
)PY");
    QString error;
    const QJsonDocument doc = ProjectTest::runPython(script, {config, section, root}, &error);
    QVERIFY2(doc.isObject(), qPrintable(error));
    const QJsonObject expected = doc.object();

    const AlembicEnvironment env = load(root, configName, section, false);
    const QString ours = describe(env.findings, root).join(QLatin1Char(' '));
    if (expected.contains(QLatin1String("error"))) {
        QVERIFY2(!env.usable,
                 qPrintable(QStringLiteral("Alembic refused the config (%1), "
                                           "Revscope did not")
                                .arg(expected.value(QLatin1String("error")).toString())));
        const QString message = expected.value(QLatin1String("error")).toString();
        if (message.contains(QLatin1String("No 'script_location' key"))) {
            QCOMPARE(env.findings.constFirst().message,
                     QStringLiteral("No 'script_location' key found in configuration."));
        }
        return;
    }
    QVERIFY2(env.usable, qPrintable(ours));
    QCOMPARE(env.scriptLocation, expected.value(QLatin1String("dir")).toString());
    QStringList versions;
    for (const QJsonValue &value : expected.value(QLatin1String("version_locations")).toArray()) {
        versions.append(value.toString());
    }
    QCOMPARE(env.versionLocations, versions);
    QCOMPARE(env.sourceless, expected.value(QLatin1String("sourceless")).toBool());
    QCOMPARE(env.fileTemplate, expected.value(QLatin1String("file_template")).toString());

    Findings listing;
    const QList<ScriptFile> files = ScriptDirectory::listScriptFiles(env, &listing);
    if (expected.contains(QLatin1String("load_error"))) {
        QVERIFY2(!listing.isEmpty(), "Alembic failed loading scripts, Revscope saw no problem");
        return;
    }
    QStringList paths;
    for (const ScriptFile &file : files) {
        paths.append(file.path);
        QCOMPARE(file.bytecode, !file.path.endsWith(QLatin1String(".py")));
    }
    // Alembic 1.8.1 lists folders in os.listdir() order; compare as sets.
    std::sort(paths.begin(), paths.end());
    QStringList pyFiles;
    for (const QJsonValue &value : expected.value(QLatin1String("files")).toArray()) {
        pyFiles.append(value.toString());
    }
    QCOMPARE(paths, pyFiles);
}

QTEST_GUILESS_MAIN(TestAlembicConfig)
#include "tst_alembicconfig.moc"
