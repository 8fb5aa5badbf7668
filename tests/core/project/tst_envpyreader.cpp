#include "project/envpyreader.h"

#include "projecttesthelpers.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Revscope;

namespace {

// "-" for a keyword env.py does not set (literally); else "value@line".
QString shown(const EnvPyValue &value)
{
    if (!value.isSet) {
        return QStringLiteral("-");
    }
    return value.value + QLatin1Char('@') + QString::number(value.line);
}

// "code:severity@line", in order.
QStringList shown(const Findings &findings)
{
    QStringList out;
    for (const Finding &finding : findings) {
        out.append(QStringLiteral("%1:%2@%3")
                       .arg(finding.code, severityName(finding.severity))
                       .arg(finding.line));
    }
    return out;
}

const char *kOnlineHead = "from alembic import context\n"
                          "config = context.config\n"
                          "\n";

} // namespace

class TestEnvPyReader : public QObject
{
    Q_OBJECT

private slots:
    void readText_data();
    void readText();
    void findingsNameFileAndEnvironment();
    void messagesQuoteTheExpression();
    void absentEnvPy();
    void readFromScriptLocation();
    void undecodableFile();
    void folderNamedEnvPy();
};

void TestEnvPyReader::readText_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QStringList>("findings");
    QTest::addColumn<int>("calls");

    // Line 4 is the first line of `body` (after kOnlineHead).
    QTest::newRow("no configure call") << "run()\n"
                                       << "-"
                                       << "-" << QStringList() << 0;
    QTest::newRow("defaults") << "context.configure(connection=c, target_metadata=None)\n"
                              << "-"
                              << "-" << QStringList() << 1;
    QTest::newRow("literal") << "context.configure(connection=c, version_table='my_version')\n"
                             << "my_version@4"
                             << "-" << QStringList() << 1;
    QTest::newRow("literal and schema") << "context.configure(\n"
                                           "    connection=c,\n"
                                           "    version_table=\"my_version\",\n"
                                           "    version_table_schema=\"audit\",\n"
                                           ")\n"
                                        << "my_version@6"
                                        << "audit@7" << QStringList() << 1;
    QTest::newRow("schema None is the default schema")
        << "context.configure(connection=c, version_table_schema=None)\n"
        << "-"
        << "@4" << QStringList() << 1;
    QTest::newRow("implicit concatenation and escapes")
        << "context.configure(version_table=('my' '_v\\x65rsion'))\n"
        << "my_version@4"
        << "-" << QStringList() << 1;
    QTest::newRow("bare configure imported from alembic.context")
        << "configure(url=url, version_table=u'v2')\n"
        << "v2@4"
        << "-" << QStringList() << 1;
    QTest::newRow("f-string") << "prefix = 'app'\n"
                                 "context.configure(version_table=f'{prefix}_version')\n"
                              << "-"
                              << "-"
                              << QStringList{QStringLiteral("non-literal-version-table:warning@5")}
                              << 1;
    QTest::newRow("variable") << "VT = 'x'\n"
                                 "context.configure(connection=c,\n"
                                 "                  version_table=VT)\n"
                              << "-"
                              << "-"
                              << QStringList{QStringLiteral("non-literal-version-table:warning@6")}
                              << 1;
    QTest::newRow("call result with nested commas")
        << "context.configure(version_table=name('a', 'b'), include_object=f(x, y),\n"
           "                  version_table_schema=os.environ['SCHEMA'])\n"
        << "-"
        << "-"
        << QStringList{QStringLiteral("non-literal-version-table:warning@4"),
                       QStringLiteral("non-literal-version-table:warning@5")}
        << 1;
    QTest::newRow("not a string") << "context.configure(version_table=42)\n"
                                  << "-"
                                  << "-"
                                  << QStringList{QStringLiteral(
                                         "non-literal-version-table:warning@4")}
                                  << 1;
    QTest::newRow("bytes are not a string")
        << "context.configure(version_table=b'v')\n"
        << "-"
        << "-" << QStringList{QStringLiteral("non-literal-version-table:warning@4")} << 1;
    QTest::newRow("two calls agree") << "def offline():\n"
                                        "    context.configure(url=u, version_table='v')\n"
                                        "def online():\n"
                                        "    context.configure(connection=c, version_table='v')\n"
                                     << "v@5"
                                     << "-" << QStringList() << 2;
    QTest::newRow("two calls disagree")
        << "def offline():\n"
           "    context.configure(url=u, version_table='first')\n"
           "def online():\n"
           "    context.configure(connection=c,\n"
           "                      version_table='second')\n"
        << "first@5"
        << "-" << QStringList{QStringLiteral("conflicting-version-table:info@8")} << 2;
    QTest::newRow("second call leaves it out")
        << "def offline():\n"
           "    context.configure(url=u, version_table_schema='s')\n"
           "def online():\n"
           "    context.configure(connection=c)\n"
        << "-"
        << "s@5" << QStringList{QStringLiteral("conflicting-version-table:info@7")} << 2;
    QTest::newRow("percent signs in values")
        << "context.configure(url=u, version_table='v%4%6')\n"
           "context.configure(connection=c, version_table='w%1')\n"
        << "v%4%6@4"
        << "-" << QStringList{QStringLiteral("conflicting-version-table:info@5")} << 2;
    QTest::newRow("explicit default agrees with an absent one")
        << "context.configure(url=u, version_table='alembic_version')\n"
           "context.configure(connection=c)\n"
        << "alembic_version@4"
        << "-" << QStringList() << 2;
    QTest::newRow("non-literal first call, literal second")
        << "context.configure(url=u, version_table=VT)\n"
           "context.configure(connection=c, version_table='v')\n"
        << "-"
        << "-" << QStringList{QStringLiteral("non-literal-version-table:warning@4")} << 2;
    QTest::newRow("keyword arguments through **")
        << "context.configure(connection=c, **options)\n"
        << "-"
        << "-"
        << QStringList{QStringLiteral("non-literal-version-table:info@4"),
                       QStringLiteral("non-literal-version-table:info@4")}
        << 1;
    QTest::newRow("a definition is no call") << "def configure(version_table='x'):\n"
                                                "    pass\n"
                                             << "-"
                                             << "-" << QStringList() << 0;
    QTest::newRow("another object's configure") << "structlog.configure(version_table='x')\n"
                                                << "-"
                                                << "-" << QStringList() << 0;
    QTest::newRow("comments and strings are no call")
        << "# context.configure(version_table='x')\n"
           "doc = \"context.configure(version_table='y')\"\n"
        << "-"
        << "-" << QStringList() << 0;
    QTest::newRow("comparison is no keyword")
        << "context.configure(version_table == 'x', version_table='y')\n"
        << "y@4"
        << "-" << QStringList() << 1;
    QTest::newRow("syntax error") << "context.configure(version_table='v'\n"
                                     "x = ]\n"
                                  << "-"
                                  << "-" << QStringList{QStringLiteral("unparsable-script:error@5")}
                                  << 0;
    QTest::newRow("unterminated string")
        << "context.configure(version_table='v)\n"
        << "-"
        << "-" << QStringList{QStringLiteral("unparsable-script:error@4")} << 0;
    QTest::newRow("unclosed call at end of file")
        << "context.configure(version_table='v',\n"
        << "-"
        << "-" << QStringList{QStringLiteral("unparsable-script:error@4")} << 0;
}

void TestEnvPyReader::readText()
{
    QFETCH(QString, body);
    QFETCH(QString, table);
    QFETCH(QString, schema);
    QFETCH(QStringList, findings);
    QFETCH(int, calls);

    const QString text = QString::fromLatin1(kOnlineHead) + body;
    const EnvPySettings settings =
        EnvPyReader::readText(text, QStringLiteral("/p/migrations/env.py"), QStringLiteral("e"));
    QCOMPARE(shown(settings.versionTable), table);
    QCOMPARE(shown(settings.versionTableSchema), schema);
    QCOMPARE(shown(settings.allFindings()), findings);
    QCOMPARE(settings.configureCalls, calls);
    QVERIFY(settings.exists);
}

void TestEnvPyReader::findingsNameFileAndEnvironment()
{
    const EnvPySettings settings = EnvPyReader::readText(
        QStringLiteral("context.configure(version_table='a')\n"
                       "context.configure(version_table=f'{x}')\n"
                       "context.configure(version_table='b')\n"),
        QStringLiteral("/p/migrations/env.py"), QStringLiteral("alembic.ini"));
    const Findings findings = settings.allFindings();
    QCOMPARE(shown(findings), (QStringList{QStringLiteral("non-literal-version-table:warning@2"),
                                           QStringLiteral("conflicting-version-table:info@3")}));
    for (const Finding &finding : findings) {
        QCOMPARE(finding.file, QStringLiteral("/p/migrations/env.py"));
        QCOMPARE(finding.environment, QStringLiteral("alembic.ini"));
        QVERIFY(!finding.fix.isEmpty());
    }
    // The non-literal one says which table is read instead: the first call's.
    QVERIFY2(findings.at(0).message.contains(QLatin1String("'a'")),
             qPrintable(findings.at(0).message));
    // The conflict names both values and both lines.
    const QString conflict = findings.at(1).message;
    QVERIFY2(conflict.contains(QLatin1String("'a' at line 1")), qPrintable(conflict));
    QVERIFY2(conflict.contains(QLatin1String("'b' at line 3")), qPrintable(conflict));
    QCOMPARE(settings.versionTable.value, QStringLiteral("a"));

    // Values are quoted as they are, even with % signs.
    const EnvPySettings percent =
        EnvPyReader::readText(QStringLiteral("context.configure(version_table='x%4y')\n"
                                             "context.configure(version_table='%6')\n"),
                              QStringLiteral("/p/env.py"), QString());
    const QString message = percent.versionTable.findings.value(0).message;
    QVERIFY2(message.contains(QLatin1String("'x%4y' at line 1, '%6' at line 2")),
             qPrintable(message));
}

void TestEnvPyReader::messagesQuoteTheExpression()
{
    const EnvPySettings settings = EnvPyReader::readText(
        QStringLiteral("context.configure(version_table=settings.VERSION_TABLE)\n"),
        QStringLiteral("/p/env.py"), QString());
    QCOMPARE(settings.versionTable.findings.size(), 1);
    const QString message = settings.versionTable.findings.front().message;
    QVERIFY2(message.contains(QLatin1String("version_table=settings.VERSION_TABLE")),
             qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("alembic_version")), qPrintable(message));
}

void TestEnvPyReader::absentEnvPy()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const EnvPySettings settings = EnvPyReader::read(dir.path(), QStringLiteral("alembic.ini"));
    QVERIFY(!settings.exists);
    QCOMPARE(settings.file, QDir(dir.path()).filePath(QStringLiteral("env.py")));
    QVERIFY(!settings.versionTable.isSet);
    QVERIFY(!settings.versionTableSchema.isSet);
    QVERIFY(settings.allFindings().isEmpty());
}

void TestEnvPyReader::readFromScriptLocation()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(ProjectTest::writeTree(dir.path(),
                                   {QStringLiteral("migrations/env.py=# -*- coding: latin-1 -*-\n"
                                                   "from alembic import context\n"
                                                   "context.configure(version_table='v', "
                                                   "version_table_schema='s')\n")}));
    const EnvPySettings settings =
        EnvPyReader::read(dir.filePath(QStringLiteral("migrations")), QStringLiteral("e"));
    QVERIFY(settings.exists);
    QCOMPARE(shown(settings.versionTable), QStringLiteral("v@3"));
    QCOMPARE(shown(settings.versionTableSchema), QStringLiteral("s@3"));
    QVERIFY(settings.allFindings().isEmpty());
}

void TestEnvPyReader::undecodableFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("env.py"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("x = 1\ncontext.configure(version_table='\xff\xfe')\n");
    file.close();
    const EnvPySettings settings = EnvPyReader::readFile(path, QStringLiteral("e"));
    QCOMPARE(shown(settings.allFindings()),
             QStringList{QStringLiteral("unparsable-script:error@2")});
    QVERIFY(!settings.versionTable.isSet);
    QCOMPARE(settings.allFindings().front().file, path);
}

void TestEnvPyReader::folderNamedEnvPy()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("env.py")));
    const EnvPySettings settings = EnvPyReader::read(dir.path(), QStringLiteral("e"));
    QVERIFY(!settings.exists);
    QCOMPARE(shown(settings.allFindings()),
             QStringList{QStringLiteral("unreadable-file:warning@0")});
}

QTEST_GUILESS_MAIN(TestEnvPyReader)
#include "tst_envpyreader.moc"
