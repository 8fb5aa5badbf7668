#include "python/scriptreader.h"
#include "scriptcases.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Revscope;

namespace {

const QString kEnv = QStringLiteral("back/alembic.ini");

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        return QString();
    }
    return path;
}

QStringList findingKeys(const Findings &findings)
{
    QStringList keys;
    for (const Finding &f : findings) {
        keys << QStringLiteral("%1@%2").arg(f.code).arg(f.line);
    }
    keys.sort();
    return keys;
}

const Finding *findCode(const Findings &findings, const QString &code)
{
    for (const Finding &f : findings) {
        if (f.code == code) {
            return &f;
        }
    }
    return nullptr;
}

ScriptCase caseNamed(const char *name)
{
    for (const ScriptCase &c : scriptCases()) {
        if (qstrcmp(c.name, name) == 0) {
            return c;
        }
    }
    qFatal("no script case named %s", name);
}

bool hasError(const Findings &findings)
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [](const Finding &f) { return f.severity == Severity::Error; });
}

} // namespace

class TestScriptReader : public QObject
{
    Q_OBJECT

private slots:
    void scripts_data();
    void scripts();
    void findingFields();
    void messages_data();
    void messages();
    void docstring_data();
    void docstring();
    void assignmentLines();
    void unreadableFile();
    void readBytesPath();
    void importedConstants_data();
    void importedConstants();
    void fileTemplate_data();
    void fileTemplate();
    void expectedFileName_data();
    void expectedFileName();
    void docSummary_data();
    void docSummary();
    void largeFile();
    void mutationsNeverCrash();
    void alembicOracle();
};

void TestScriptReader::scripts_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("fileTemplate");
    QTest::addColumn<bool>("isRevision");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QStringList>("downRevisions");
    QTest::addColumn<QStringList>("dependsOn");
    QTest::addColumn<QStringList>("branchLabels");
    QTest::addColumn<QStringList>("findings");

    for (const ScriptCase &c : scriptCases()) {
        QStringList findings = c.findings;
        findings.sort();
        QTest::newRow(c.name) << c.fileName << c.content << c.fileTemplate << c.isRevision << c.id
                              << c.downRevisions << c.dependsOn << c.branchLabels << findings;
    }
}

void TestScriptReader::scripts()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, content);
    QFETCH(QString, fileTemplate);
    QFETCH(bool, isRevision);
    QFETCH(QString, id);
    QFETCH(QStringList, downRevisions);
    QFETCH(QStringList, dependsOn);
    QFETCH(QStringList, branchLabels);
    QFETCH(QStringList, findings);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, fileName, content);
    QVERIFY(!path.isEmpty());
    const QString tpl = fileTemplate.isEmpty() ? QStringLiteral("%(rev)s_%(slug)s") : fileTemplate;
    const ScriptReadResult result = ScriptReader::read(path, tpl, kEnv);

    if (findingKeys(result.findings) != findings) {
        for (const Finding &f : result.findings) {
            qWarning().noquote() << f.code << f.line << f.message;
        }
    }
    QCOMPARE(findingKeys(result.findings), findings);
    QCOMPARE(result.isRevision, isRevision);
    QCOMPARE(result.revision.id, id);
    QCOMPARE(result.revision.downRevisions, downRevisions);
    QCOMPARE(result.revision.dependsOn, dependsOn);
    QCOMPARE(result.revision.branchLabels, branchLabels);
    QCOMPARE(result.revision.origin, RevisionOrigin::Source);
    QCOMPARE(result.revision.file, QFileInfo(path).absoluteFilePath());
    // A script Alembic would not load always says why, as an error.
    if (!isRevision) {
        QVERIFY(hasError(result.findings));
    }
}

void TestScriptReader::findingFields()
{
    QTemporaryDir dir;
    const QString path = writeFile(
        dir, QStringLiteral("1a2b3c4d5e6f_add_users.py"),
        standardScript("revision = '1a2b3c4d5e6f'\ndown_revision = OTHER_REV  # from elsewhere\n"));
    const ScriptReadResult result = ScriptReader::read(path, QString(), kEnv);
    QCOMPARE(result.findings.size(), 1);
    const Finding &f = result.findings.front();
    QCOMPARE(f.code, QStringLiteral("non-literal-metadata"));
    QCOMPARE(f.severity, Severity::Error);
    QCOMPARE(f.file, QFileInfo(path).absoluteFilePath());
    QVERIFY(QFileInfo(f.file).isAbsolute());
    QCOMPARE(f.line, 14);
    QCOMPARE(f.environment, kEnv);
    QCOMPARE(f.revision, QStringLiteral("1a2b3c4d5e6f"));
    QVERIFY2(f.message.contains(QLatin1String("down_revision")), qPrintable(f.message));
    QVERIFY2(f.message.contains(QLatin1String("name 'OTHER_REV'")), qPrintable(f.message));
    QVERIFY2(f.message.contains(QLatin1String("empty")), qPrintable(f.message));
    QVERIFY(!f.fix.isEmpty());
    QVERIFY(result.isRevision);
    QCOMPARE(result.revision.downRevisionLine, 14);
    QVERIFY(result.revision.downRevisions.isEmpty());
}

void TestScriptReader::messages_data()
{
    QTest::addColumn<QString>("caseName");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("severity");
    QTest::addColumn<QString>("message"); // substring
    QTest::addColumn<QString>("fix");     // substring

    auto row = [](const char *caseName, const char *code, Severity severity, const char *message,
                  const char *fix) {
        QTest::newRow(caseName) << QString::fromUtf8(caseName) << QString::fromUtf8(code)
                                << int(severity) << QString::fromUtf8(message)
                                << QString::fromUtf8(fix);
    };
    row("at and plus in revision id", "invalid-revision-id", Severity::Error,
        "Character(s) '+, @' not allowed in revision identifier 'a@b+c'", "letters, digits");
    row("integer revision id", "invalid-revision-id", Severity::Error,
        "must be a string, not int (123)", "string");
    row("empty revision id", "invalid-revision-id", Severity::Error, "is empty", "unique id");
    row("integer down_revision", "invalid-revision-id", Severity::Error,
        "down_revision must be a string, a tuple of strings or None, not int (5)", "None");
    row("non-string item in down_revision", "invalid-revision-id", Severity::Error,
        "down_revision contains 5, which is a int", "strings");
    row("no revision variable", "unparsable-script", Severity::Error,
        "Could not determine revision id from filename add_users.py. Be sure the 'revision' "
        "variable is declared inside the script",
        "revision = ");
    row("no down_revision", "unparsable-script", Severity::Error,
        "module '1a2b3c4d5e6f_add_users_py' has no attribute 'down_revision'",
        "down_revision = None");
    row("star import cannot stand in for down_revision", "unparsable-script", Severity::Error,
        "star import on line 13", "down_revision = None");
    row("unterminated string", "unparsable-script", Severity::Error,
        "unterminated string literal (detected at line 28)", "syntax error");
    row("binary file named .py", "unparsable-script", Severity::Error, "binary or undecodable file",
        "Remove the file");
    row("unexpected indent", "unparsable-script", Severity::Error, "unexpected indent", "");
    row("missing indented block", "unparsable-script", Severity::Error,
        "expected an indented block after 'if' statement on line 17", "");
    row("truncated \\x escape in upgrade()", "unparsable-script", Severity::Error,
        "truncated \\xXX escape", "");
    row("computed revision", "non-literal-metadata", Severity::Error,
        "revision is not a literal (name 'uuid')", "literal");
    row("f-string revision", "non-literal-metadata", Severity::Error, "an f-string", "literal");
    row("imported down_revision", "non-literal-metadata", Severity::Error, "an import", "");
    row("one-line if body", "non-literal-metadata", Severity::Warning,
        "down_revision is assigned inside a block on line 17", "module level");
    row("docstring disagrees", "docstring-mismatch", Severity::Info,
        "The docstring says \"Revision ID: 999999999999\" but revision is '1a2b3c4d5e6f'",
        "docstring");
    row("file name without the id", "filename-mismatch", Severity::Info,
        "deadbeef0000_add_users.py does not match file_template %(rev)s_%(slug)s for revision "
        "1a2b3c4d5e6f",
        "Rename the file to 1a2b3c4d5e6f_add_users.py.");
    row("dated template mismatch", "filename-mismatch", Severity::Info, "file_template",
        "Rename the file to 2024_01_02_1a2b3c4d5e6f_add_users.py.");
}

void TestScriptReader::messages()
{
    QFETCH(QString, caseName);
    QFETCH(QString, code);
    QFETCH(int, severity);
    QFETCH(QString, message);
    QFETCH(QString, fix);

    const ScriptCase c = caseNamed(caseName.toUtf8().constData());
    QTemporaryDir dir;
    const QString path = writeFile(dir, c.fileName, c.content);
    const QString tpl =
        c.fileTemplate.isEmpty() ? QStringLiteral("%(rev)s_%(slug)s") : c.fileTemplate;
    const ScriptReadResult result = ScriptReader::read(path, tpl, kEnv);
    const Finding *f = findCode(result.findings, code);
    QVERIFY(f);
    QCOMPARE(int(f->severity), severity);
    QVERIFY2(f->message.contains(message), qPrintable(f->message));
    QVERIFY2(f->fix.contains(fix), qPrintable(f->fix));
    QVERIFY(!f->fix.isEmpty());
    QCOMPARE(f->environment, kEnv);
    QCOMPARE(f->file, QFileInfo(path).absoluteFilePath());
}

void TestScriptReader::docstring_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("createDate");
    QTest::addColumn<QString>("docRevisionId");
    QTest::addColumn<QStringList>("docRevises");

    const QByteArray meta("revision = '1a2b3c4d5e6f'\ndown_revision = None\n");
    QTest::newRow("generic template")
        << standardScript(meta) << QStringLiteral("add users")
        << QStringLiteral("2024-01-02 03:04:05.000000") << QStringLiteral("1a2b3c4d5e6f")
        << QStringList{QStringLiteral("0f1e2d3c4b5a")};
    QTest::newRow("message up to the first blank line")
        << QByteArray(
               "\"\"\"first line\nsecond line\n\nRevision ID: abc\nRevises: d, e\n\"\"\"\n") +
               meta
        << QStringLiteral("first line\nsecond line") << QString() << QStringLiteral("abc")
        << QStringList{QStringLiteral("d"), QStringLiteral("e")};
    QTest::newRow("stripped")
        << QByteArray("\"\"\"\n\n   add things  \n\nRevises: a b\t c\n\n\"\"\"\n") + meta
        << QStringLiteral("add things  ") << QString() << QString()
        << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    QTest::newRow("no blank line")
        << QByteArray("'''one\ntwo'''\n") + meta << QStringLiteral("one\ntwo") << QString()
        << QString() << QStringList();
    QTest::newRow("single quoted") << QByteArray("'simple'\n") + meta << QStringLiteral("simple")
                                   << QString() << QString() << QStringList();
    QTest::newRow("parenthesized concatenation")
        << QByteArray("(\"a\"\n 'b')\n") + meta << QStringLiteral("ab") << QString() << QString()
        << QStringList();
    QTest::newRow("escapes") << QByteArray("\"tab\\there\\u00e9\"\n") + meta
                             << QStringLiteral("tab\there\u00e9") << QString() << QString()
                             << QStringList();
    QTest::newRow("raw") << QByteArray("r'''a\\nb'''\n") + meta << QStringLiteral("a\\nb")
                         << QString() << QString() << QStringList();
    QTest::newRow("after comments and coding line")
        << QByteArray("#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n\n\"\"\"doc\"\"\"\n") + meta
        << QStringLiteral("doc") << QString() << QString() << QStringList();
    QTest::newRow("followed by a statement on the same line")
        << QByteArray("'doc'; import os\n") + meta << QStringLiteral("doc") << QString()
        << QString() << QStringList();
    QTest::newRow("f-string is no docstring")
        << QByteArray("f'doc'\n") + meta << QString() << QString() << QString() << QStringList();
    QTest::newRow("bytes is no docstring")
        << QByteArray("b'doc'\n") + meta << QString() << QString() << QString() << QStringList();
    QTest::newRow("expression is no docstring") << QByteArray("'doc' + 'x'\n") + meta << QString()
                                                << QString() << QString() << QStringList();
    QTest::newRow("not the first statement") << QByteArray("import os\n'doc'\n") + meta << QString()
                                             << QString() << QString() << QStringList();
    QTest::newRow("__doc__ assignment wins")
        << QByteArray("'doc'\n__doc__ = 'other\\n\\nRevision ID: zzz'\n") + meta
        << QStringLiteral("other") << QString() << QStringLiteral("zzz") << QStringList();
    QTest::newRow("latin-1 docstring")
        << QByteArray("# coding: latin-1\n'caf\xe9'\n") + meta << QStringLiteral("caf\u00e9")
        << QString() << QString() << QStringList();
    QTest::newRow("unresolvable \\N{} kept verbatim")
        << QByteArray("'x \\N{SOME RARE NAME}'\n") + meta << QStringLiteral("x \\N{SOME RARE NAME}")
        << QString() << QString() << QStringList();
}

void TestScriptReader::docstring()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QFETCH(QString, createDate);
    QFETCH(QString, docRevisionId);
    QFETCH(QStringList, docRevises);

    const ScriptReadResult result =
        ScriptReader::readBytes(content, QStringLiteral("/tmp/1a2b3c4d5e6f_x.py"), QString(), kEnv);
    QVERIFY(result.isRevision);
    QCOMPARE(result.revision.message, message);
    QCOMPARE(result.revision.createDate, createDate);
    QCOMPARE(result.docRevisionId, docRevisionId);
    QCOMPARE(result.docRevises, docRevises);
}

void TestScriptReader::assignmentLines()
{
    const QByteArray content = R"PY("""doc"""
from typing import Union

revision: str = (
    '1a2b3c4d5e6f'
)
branch_labels = ('a',
                 'b')
down_revision: Union[str, None] = \
    '0f1e2d3c4b5a'
def f():
    depends_on = 'x'
depends_on = None
)PY";
    const ScriptReadResult result =
        ScriptReader::readBytes(content, QStringLiteral("/v/1a2b3c4d5e6f_x.py"), QString(), kEnv);
    QVERIFY(result.isRevision);
    QCOMPARE(result.revision.line, 4);
    QCOMPARE(result.revision.branchLabelsLine, 7);
    QCOMPARE(result.revision.downRevisionLine, 9);
    QCOMPARE(result.revision.dependsOnLine, 13);
    QCOMPARE(result.revision.branchLabels, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(result.findings.isEmpty());
}

void TestScriptReader::unreadableFile()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("gone_1234.py"));
    const ScriptReadResult result = ScriptReader::read(missing, QString(), kEnv);
    QVERIFY(!result.isRevision);
    QCOMPARE(findingKeys(result.findings), QStringList{QStringLiteral("unreadable-file@0")});
    QCOMPARE(result.findings.front().file, missing);
    QCOMPARE(result.findings.front().severity, Severity::Error);
    QCOMPARE(result.findings.front().environment, kEnv);

    const ScriptReadResult directory = ScriptReader::read(dir.path(), QString(), kEnv);
    QVERIFY(!directory.isRevision);
    QVERIFY(hasError(directory.findings));
}

void TestScriptReader::readBytesPath()
{
    const ScriptReadResult result = ScriptReader::readBytes(
        standardScript("revision = '1a2b3c4d5e6f'\ndown_revision = None\n"),
        QStringLiteral("migrations/versions/../versions/1a2b3c4d5e6f_a.py"), QString(), kEnv);
    QCOMPARE(result.revision.file, QDir::cleanPath(QDir::current().absoluteFilePath(
                                       QStringLiteral("migrations/versions/1a2b3c4d5e6f_a.py"))));
    QVERIFY(result.isRevision);
}

void TestScriptReader::importedConstants_data()
{
    QTest::addColumn<QStringList>("tree"); // "path=content"; the script is the first entry
    QTest::addColumn<QStringList>("downRevisions");
    QTest::addColumn<QStringList>("branchLabels");
    QTest::addColumn<bool>("resolved");

    const QString cli = QStringLiteral("pkg/db/cli.py=EXPAND_BRANCH = 'expand'\n");
    const QString init = QStringLiteral("pkg/__init__.py=");
    const QString dbInit = QStringLiteral("pkg/db/__init__.py=PARENT = 'p1'\n");
    auto script = [](const char *body) {
        return QStringLiteral("pkg/db/versions/a1_x.py=") + QString::fromUtf8(body) +
               QStringLiteral("\nrevision = 'a1'\n");
    };
    const QStringList none;
    const QStringList expand{QStringLiteral("expand")};

    // neutron: `from neutron.db.migration import cli` ... `(cli.EXPAND_BRANCH,)`
    QTest::newRow("module imported from its package")
        << QStringList{script("from pkg.db import cli\ndown_revision = None\n"
                              "branch_labels = (cli.EXPAND_BRANCH,)"),
                       init, dbInit, cli}
        << none << expand << true;
    // glance: `branch_labels = ('ocata01', migration.CONTRACT_BRANCH)`
    QTest::newRow("mixed with literals")
        << QStringList{script("from pkg.db.cli import EXPAND_BRANCH as E\ndown_revision = None\n"
                              "branch_labels = ['x', E]"),
                       init, dbInit, cli}
        << none << QStringList{QStringLiteral("x"), QStringLiteral("expand")} << true;
    QTest::newRow("dotted import")
        << QStringList{script("import pkg.db.cli\ndown_revision = None\n"
                              "branch_labels = pkg.db.cli.EXPAND_BRANCH"),
                       init, dbInit, cli}
        << none << expand << true;
    QTest::newRow("constant of a package")
        << QStringList{script("from pkg import db\ndown_revision = db.PARENT"), init, dbInit}
        << QStringList{QStringLiteral("p1")} << none << true;
    QTest::newRow("last assignment wins")
        << QStringList{script("from pkg.db import cli\ndown_revision = None\n"
                              "branch_labels = cli.EXPAND_BRANCH"),
                       init, dbInit,
                       QStringLiteral("pkg/db/cli.py=EXPAND_BRANCH = 'old'\n"
                                      "EXPAND_BRANCH = 'expand'  # now\n")}
        << none << expand << true;

    // Left as non-literal: what Python would bind cannot be known statically.
    QTest::newRow("module outside the project")
        << QStringList{script("from elsewhere import cli\ndown_revision = None\n"
                              "branch_labels = (cli.EXPAND_BRANCH,)"),
                       init, dbInit}
        << none << none << false;
    QTest::newRow("rebound in a block")
        << QStringList{script("from pkg.db import cli\ndown_revision = None\n"
                              "branch_labels = cli.EXPAND_BRANCH"),
                       init, dbInit,
                       QStringLiteral("pkg/db/cli.py=EXPAND_BRANCH = 'expand'\nif True:\n"
                                      "    EXPAND_BRANCH = 'other'\n")}
        << none << none << false;
    QTest::newRow("computed constant")
        << QStringList{script("from pkg.db import cli\ndown_revision = None\n"
                              "branch_labels = cli.EXPAND_BRANCH"),
                       init, dbInit,
                       QStringLiteral("pkg/db/cli.py=EXPAND_BRANCH = 'ex' + 'pand'\n")}
        << none << none << false;
    QTest::newRow("conditional import")
        << QStringList{script("try:\n    from pkg.db import cli\nexcept ImportError:\n"
                              "    cli = None\ndown_revision = None\n"
                              "branch_labels = cli.EXPAND_BRANCH"),
                       init, dbInit, cli}
        << none << none << false;
    QTest::newRow("relative import")
        << QStringList{script("from .. import cli\ndown_revision = None\n"
                              "branch_labels = cli.EXPAND_BRANCH"),
                       init, dbInit, cli}
        << none << none << false;
    QTest::newRow("call on a constant")
        << QStringList{script("from pkg.db import cli\ndown_revision = None\n"
                              "branch_labels = cli.EXPAND_BRANCH.upper()"),
                       init, dbInit, cli}
        << none << none << false;
}

// Scripts that take metadata from constants of the project's own modules,
// checked against Alembic run from the project root where it can import them.
void TestScriptReader::importedConstants()
{
    QFETCH(QStringList, tree);
    QFETCH(QStringList, downRevisions);
    QFETCH(QStringList, branchLabels);
    QFETCH(bool, resolved);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const QString &entry : tree) {
        const QString name = entry.section(QLatin1Char('='), 0, 0);
        QVERIFY(QDir(dir.path()).mkpath(QFileInfo(name).path()));
        QVERIFY(!writeFile(dir, name, entry.section(QLatin1Char('='), 1).toUtf8()).isEmpty());
    }
    const QString path = dir.filePath(tree.constFirst().section(QLatin1Char('='), 0, 0));
    const ScriptReadResult result = ScriptReader::read(path, QString(), kEnv);
    QVERIFY(result.isRevision);
    QCOMPARE(result.revision.downRevisions, downRevisions);
    QCOMPARE(result.revision.branchLabels, branchLabels);
    QCOMPARE(findCode(result.findings, QStringLiteral("non-literal-metadata")) == nullptr,
             resolved);
    if (!resolved) {
        return;
    }

    QProcess probe;
    probe.start(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral("-c"), QStringLiteral("import alembic")});
    if (!probe.waitForFinished(30000) || probe.exitStatus() != QProcess::NormalExit ||
        probe.exitCode() != 0) {
        QSKIP("/usr/bin/python3 cannot import alembic: the Alembic check is skipped");
    }
    QProcess python;
    python.setWorkingDirectory(dir.path());
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import json, os, sys\nsys.path.insert(0, os.getcwd())\n"
                                 "from alembic.util import load_python_file\n"
                                 "from alembic.util import to_tuple\n"
                                 "m = load_python_file(*os.path.split(sys.argv[1]))\n"
                                 "print(json.dumps([list(to_tuple(m.down_revision, ())), "
                                 "list(to_tuple(getattr(m, 'branch_labels', None), ()))]))\n"),
                  path});
    QVERIFY(python.waitForFinished(30000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QJsonArray alembic = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
    QStringList down;
    for (const QJsonValue &v : alembic.at(0).toArray()) {
        down << v.toString();
    }
    QStringList labels;
    for (const QJsonValue &v : alembic.at(1).toArray()) {
        labels << v.toString();
    }
    QCOMPARE(down, downRevisions);
    QCOMPARE(labels, branchLabels);
}

void TestScriptReader::fileTemplate_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("tpl");
    QTest::addColumn<QString>("rev");
    QTest::addColumn<bool>("fits");
    QTest::addColumn<bool>("checkable");

    auto row = [](const char *name, const char *fileName, const char *tpl, const char *rev,
                  bool fits, bool checkable) {
        QTest::newRow(name) << QString::fromUtf8(fileName) << QString::fromUtf8(tpl)
                            << QString::fromUtf8(rev) << fits << checkable;
    };
    row("default", "abc_add_users.py", "%(rev)s_%(slug)s", "abc", true, true);
    row("default without .py", "abc_add_users", "%(rev)s_%(slug)s", "abc", true, true);
    row("default wrong id", "abd_add_users.py", "%(rev)s_%(slug)s", "abc", false, true);
    row("id prefix only", "abcd_x.py", "%(rev)s_%(slug)s", "abc", false, true);
    row("slug with hyphen", "abc_add-users.py", "%(rev)s_%(slug)s", "abc", false, true);
    row("unicode slug", "abc_caf\u00e9.py", "%(rev)s_%(slug)s", "abc", true, true);
    row("id with regex characters", "a.c_x.py", "%(rev)s_%(slug)s", "a.c", true, true);
    row("dot in id is literal", "abc_x.py", "%(rev)s_%(slug)s", "a.c", false, true);
    row("rev only", "abc.py", "%(rev)s", "abc", true, true);
    row("dated", "2024_01_02_0304-abc_x.py",
        "%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d-%(rev)s_%(slug)s", "abc", true,
        true);
    row("dated mismatch", "abc_x.py", "%(year)d_%(month).2d_%(day).2d_%(rev)s_%(slug)s", "abc",
        false, true);
    row("epoch", "1700000000_abc.py", "%(epoch)s_%(rev)s", "abc", true, true);
    row("truncated rev", "abcd_x.py", "%(rev).4s_%(slug)s", "abcdef", true, true);
    row("padded rev", "  abc_x.py", "%(rev)5s_%(slug)s", "abc", true, true);
    row("left-aligned rev", "abc  _x.py", "%(rev)-5s_%(slug)s", "abc", true, true);
    row("repr rev", "'abc'_x.py", "%(rev)r_%(slug)s", "abc", true, true);
    row("literal percent", "100%_abc.py", "100%%_%(rev)s", "abc", true, true);
    row("no rev", "anything.py", "%(slug)s", "abc", true, false);
    row("path separator", "anything.py", "%(year)d/%(rev)s", "abc", true, false);
    row("unknown key", "anything.py", "%(nope)s_%(rev)s", "abc", true, false);
    row("positional format", "anything.py", "%s_%(rev)s", "abc", true, false);
    row("incomplete format", "anything.py", "%(rev)s_%", "abc", true, false);
    row("numeric conversion of rev", "anything.py", "%(rev)d", "abc", true, false);
}

void TestScriptReader::fileTemplate()
{
    QFETCH(QString, fileName);
    QFETCH(QString, tpl);
    QFETCH(QString, rev);
    QFETCH(bool, fits);
    QFETCH(bool, checkable);
    bool actualCheckable = !checkable;
    QCOMPARE(ScriptReader::fileNameFitsTemplate(fileName, tpl, rev, &actualCheckable), fits);
    QCOMPARE(actualCheckable, checkable);
}

void TestScriptReader::expectedFileName_data()
{
    QTest::addColumn<QString>("tpl");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("createDate");
    QTest::addColumn<QString>("expected");

    auto row = [](const char *name, const char *tpl, const char *message, const char *date,
                  const char *expected) {
        QTest::newRow(name) << QString::fromUtf8(tpl) << QString::fromUtf8(message)
                            << QString::fromUtf8(date) << QString::fromUtf8(expected);
    };
    row("default", "%(rev)s_%(slug)s", "Add users table!", "", "abc_add_users_table");
    row("no message", "%(rev)s_%(slug)s", "", "", "abc_");
    row("long slug truncated at a word", "%(rev)s_%(slug)s",
        "add a very long message that goes on and on beyond forty chars", "",
        "abc_add_a_very_long_message_that_goes_on_");
    row("dated", "%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d-%(rev)s_%(slug)s", "x y",
        "2024-01-02 03:04:05.123456", "2024_01_02_0304-abc_x_y");
    row("zero padded width", "%(month)02d_%(rev)s", "", "2024-03-09 00:00:00", "03_abc");
    row("dates without a create date", "%(year)d_%(rev)s", "x", "", "");
    row("epoch needs the time zone", "%(epoch)s_%(rev)s", "x", "2024-01-02 03:04:05", "");
}

void TestScriptReader::expectedFileName()
{
    QFETCH(QString, tpl);
    QFETCH(QString, message);
    QFETCH(QString, createDate);
    QFETCH(QString, expected);
    QCOMPARE(ScriptReader::expectedFileName(tpl, QStringLiteral("abc"), message, createDate),
             expected);
}

void TestScriptReader::docSummary_data()
{
    QTest::addColumn<QString>("doc");
    QTest::addColumn<QString>("summary");
    QTest::newRow("plain") << QStringLiteral("hello") << QStringLiteral("hello");
    QTest::newRow("paragraphs") << QStringLiteral("a\nb\n\nc") << QStringLiteral("a\nb");
    QTest::newRow("strip") << QStringLiteral("\n\t a \x1c\n") << QStringLiteral("a");
    QTest::newRow("blank line with spaces is no separator")
        << QStringLiteral("a\n \nb") << QStringLiteral("a\n \nb");
    QTest::newRow("empty") << QString() << QString();
}

void TestScriptReader::docSummary()
{
    QFETCH(QString, doc);
    QFETCH(QString, summary);
    QCOMPARE(ScriptReader::docSummary(doc), summary);
}

void TestScriptReader::largeFile()
{
    // A 50 MB script: it must come back quickly with the right answer.
    const QByteArray function = "def step_%1():\n"
                                "    op.add_column('users', sa.Column('c', sa.String(50), "
                                "nullable=True))  # c\n"
                                "    op.execute(\"\"\"UPDATE users SET c = 'x'\n"
                                "                  WHERE id IN (1, 2, 3)\"\"\")\n\n";
    QByteArray content = standardScript("revision = '1a2b3c4d5e6f'\ndown_revision = None\n");
    content.reserve(52 * 1024 * 1024);
    for (int i = 0; content.size() < 50 * 1024 * 1024; ++i) {
        content += QByteArray(function).replace("%1", QByteArray::number(i));
    }
    content += "depends_on = 'abcdef123456'\n";
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("1a2b3c4d5e6f_add_users.py"), content);
    QVERIFY(!path.isEmpty());

    QElapsedTimer timer;
    timer.start();
    const ScriptReadResult result = ScriptReader::read(path, QString(), kEnv);
    const qint64 ms = timer.elapsed();
    QVERIFY(result.isRevision);
    QCOMPARE(result.revision.dependsOn, QStringList{QStringLiteral("abcdef123456")});
    const double mb = double(content.size()) / (1024.0 * 1024.0);
    qInfo("ScriptReader: %.1f MB script read in %lld ms (%.1f MB/s)", mb, ms,
          mb / (double(ms) / 1000.0));
}

void TestScriptReader::mutationsNeverCrash()
{
    // Truncations and random byte flips of real scripts: every result is consistent,
    // nothing crashes or hangs.
    QRandomGenerator random(20240102);
    int checked = 0;
    for (const ScriptCase &c : scriptCases()) {
        const QByteArray base = c.content;
        for (int i = 0; i < 40; ++i) {
            QByteArray mutated = base;
            if (i < 10) {
                mutated.truncate(random.bounded(qMax<qsizetype>(1, base.size())));
            } else {
                const char pool[] = "\"'\\()[]{}:=#\n\t x\xff\x00f";
                for (int k = 0; k < 1 + i % 4; ++k) {
                    const int at = random.bounded(int(qMax<qsizetype>(1, mutated.size())));
                    if (!mutated.isEmpty()) {
                        mutated[at] = pool[random.bounded(int(sizeof(pool) - 1))];
                    }
                }
            }
            const ScriptReadResult result = ScriptReader::readBytes(
                mutated, QStringLiteral("/v/") + c.fileName, QString(), kEnv);
            if (!result.isRevision) {
                QVERIFY2(hasError(result.findings), c.name);
            } else {
                QVERIFY2(!result.revision.id.isEmpty(), c.name);
            }
            for (const Finding &f : result.findings) {
                QVERIFY(!f.message.isEmpty());
                QVERIFY(f.line >= 0);
            }
            ++checked;
        }
    }
    QVERIFY(checked > 1000);
}

void TestScriptReader::alembicOracle()
{
    const QString python = QStringLiteral("/usr/bin/python3");
    QProcess probe;
    probe.start(python, {QStringLiteral("-c"), QStringLiteral("import alembic")});
    if (!probe.waitForFinished(30000) || probe.exitStatus() != QProcess::NormalExit ||
        probe.exitCode() != 0) {
        QSKIP("/usr/bin/python3 cannot import alembic: the Alembic oracle cannot run");
    }

    // Every case gets its own directory so the file names stay as written.
    QTemporaryDir dir;
    QJsonArray paths;
    QList<ScriptCase> cases;
    int index = 0;
    for (const ScriptCase &c : scriptCases()) {
        if (!c.oracle) {
            continue;
        }
        const QString sub = QStringLiteral("case%1").arg(index++);
        QVERIFY(QDir(dir.path()).mkdir(sub));
        const QString path = writeFile(dir, sub + QLatin1Char('/') + c.fileName, c.content);
        QVERIFY(!path.isEmpty());
        paths.append(path);
        cases << c;
    }
    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.start(python, {QStringLiteral(REVSCOPE_TEST_DATA "/python/alembic_oracle.py")});
    QVERIFY(process.waitForStarted());
    process.write(QJsonDocument(paths).toJson(QJsonDocument::Compact));
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(120000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    const QJsonArray verdicts = QJsonDocument::fromJson(process.readAllStandardOutput()).array();
    QCOMPARE(verdicts.size(), paths.size());

    auto strings = [](const QJsonValue &value) {
        QStringList out;
        for (const QJsonValue &v : value.toArray()) {
            out << v.toString();
        }
        return out;
    };
    int mismatches = 0;
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const ScriptCase &c = cases[i];
        const QJsonObject alembic = verdicts.at(i).toObject();
        const QString tpl =
            c.fileTemplate.isEmpty() ? QStringLiteral("%(rev)s_%(slug)s") : c.fileTemplate;
        const ScriptReadResult ours = ScriptReader::read(paths.at(i).toString(), tpl, kEnv);
        QStringList problems;
        if (alembic.contains(QLatin1String("error"))) {
            // Alembic refuses the script: we must say so with an error.
            if (!hasError(ours.findings)) {
                problems << QStringLiteral("Alembic fails (%1) but no error finding")
                                .arg(alembic.value(QLatin1String("error")).toString());
            }
        } else {
            if (ours.revision.id != alembic.value(QLatin1String("id")).toString()) {
                problems << QStringLiteral("id %1 vs %2")
                                .arg(ours.revision.id,
                                     alembic.value(QLatin1String("id")).toString());
            }
            if (ours.revision.downRevisions != strings(alembic.value(QLatin1String("down")))) {
                problems << QStringLiteral("down_revision differs");
            }
            if (ours.revision.dependsOn != strings(alembic.value(QLatin1String("depends_on")))) {
                problems << QStringLiteral("depends_on differs");
            }
            QStringList labels = ours.revision.branchLabels;
            labels.sort();
            if (labels != strings(alembic.value(QLatin1String("branch_labels")))) {
                problems << QStringLiteral("branch_labels differ");
            }
            if (ours.revision.message != alembic.value(QLatin1String("doc")).toString()) {
                problems << QStringLiteral("doc %1 vs %2")
                                .arg(ours.revision.message,
                                     alembic.value(QLatin1String("doc")).toString());
            }
        }
        if (!problems.isEmpty()) {
            ++mismatches;
            qWarning().noquote() << c.name << ":" << problems.join(QStringLiteral("; "));
        }
    }
    qInfo("compared %lld scripts with Alembic %s", qlonglong(cases.size()),
          qPrintable(verdicts.isEmpty() ? QString() : QStringLiteral("1.8")));
    QCOMPARE(mismatches, 0);
}

QTEST_GUILESS_MAIN(TestScriptReader)
#include "tst_scriptreader.moc"
