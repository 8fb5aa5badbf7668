// The lock file of released migrations: its text format and the findings
// check derives from it.

#include "inspection/inspector.h"
#include "release/releaseanalyzer.h"
#include "release/releaselock.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;
using namespace TestSupport;

namespace {

QByteArray script(const QByteArray &rev, const QByteArray &down)
{
    return "\"\"\"m " + rev + "\n\nRevision ID: " + rev + "\n\"\"\"\nrevision = '" + rev +
           "'\ndown_revision = " + (down.isEmpty() ? QByteArray("None") : "'" + down + "'") +
           "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n";
}

QString sha(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

void makeProject(const QString &root)
{
    writeFile(root + QLatin1String("/alembic.ini"), "[alembic]\nscript_location = migrations\n");
    writeFile(root + QLatin1String("/migrations/env.py"), "# env\n");
    writeFile(root + QLatin1String("/migrations/versions/001_a.py"), script("001", ""));
    writeFile(root + QLatin1String("/migrations/versions/002_b.py"), script("002", "001"));
}

InspectionPtr inspect(const QString &root, const QString &config = QString())
{
    InspectOptions options;
    options.root = root;
    options.configFile = config;
    return Inspector::inspect(options);
}

Findings withCode(const InspectionPtr &inspection, const QString &code)
{
    Findings out;
    for (const Finding &finding : inspection->findings) {
        if (finding.code == code) {
            out.append(finding);
        }
    }
    return out;
}

void writeLock(const QString &root)
{
    const ReleaseLock lock = ReleaseLock::fromInspection(*inspect(root));
    writeFile(root + QLatin1String("/revscope.lock"), lock.serialize());
}

} // namespace

class TestReleaseLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serializesSortedSections()
    {
        QTemporaryDir dir;
        makeProject(dir.path());
        const ReleaseLock lock = ReleaseLock::fromInspection(*inspect(dir.path()));
        const QByteArray expected =
            "revscope.lock/1\n[alembic.ini]\n001 " + sha(script("001", "")).toLatin1() +
            " migrations/versions/001_a.py\n002 " + sha(script("002", "001")).toLatin1() +
            " migrations/versions/002_b.py\n";
        QCOMPARE(lock.serialize(), expected);
    }

    void parseRoundTrip()
    {
        ReleaseLock lock;
        lock.append(LockEntry{QStringLiteral("b/alembic.ini"), QStringLiteral("x2"),
                              QString(64, QLatin1Char('b')), QStringLiteral("b/v/x2 with space.py"),
                              0});
        lock.append(LockEntry{QStringLiteral("a/alembic.ini"), QStringLiteral("x1"),
                              QString(64, QLatin1Char('a')), QStringLiteral("a/v/x1.py"), 0});
        Findings findings;
        const ReleaseLock back =
            ReleaseLock::parse(lock.serialize(), QStringLiteral("/p/revscope.lock"), &findings);
        QVERIFY(findings.isEmpty());
        QCOMPARE(back.entries().size(), 2);
        QCOMPARE(back.entries().at(0).environment, QStringLiteral("a/alembic.ini"));
        QCOMPARE(back.entries().at(0).line, 3);
        QCOMPARE(back.entries().at(1).file, QStringLiteral("b/v/x2 with space.py"));
        QCOMPARE(back.entries().at(1).line, 5);
        QCOMPARE(back.serialize(), lock.serialize());
    }

    void parseErrors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("entries");
        QTest::newRow("wrong format") << QByteArray("revscope.lock/9\n[a]\n") << 1 << 0;
        QTest::newRow("short hash") << QByteArray("revscope.lock/1\n[a]\n001 abc x.py\n") << 3 << 0;
        QTest::newRow("no section")
            << QByteArray("revscope.lock/1\n001 " + QByteArray(64, 'a') + " x.py\n") << 2 << 0;
        QTest::newRow("one bad, one good")
            << QByteArray("# c\nrevscope.lock/1\n[a]\nnonsense\n002 " + QByteArray(64, 'f') +
                          " y.py\n")
            << 4 << 1;
    }
    void parseErrors()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(int, entries);
        Findings findings;
        const ReleaseLock lock =
            ReleaseLock::parse(text, QStringLiteral("/p/revscope.lock"), &findings);
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.at(0).code, QStringLiteral("config-error"));
        QCOMPARE(findings.at(0).line, line);
        QCOMPARE(lock.entries().size(), entries);
    }

    void noLockNoFindings()
    {
        QTemporaryDir dir;
        makeProject(dir.path());
        const InspectionPtr inspection = inspect(dir.path());
        QVERIFY(ReleaseAnalyzer::analyze(*inspection, true).isEmpty());
        QVERIFY(withCode(inspection, QStringLiteral("edited-after-release")).isEmpty());
    }

    void unchangedIsClean()
    {
        QTemporaryDir dir;
        makeProject(dir.path());
        writeLock(dir.path());
        QVERIFY(ReleaseAnalyzer::analyze(*inspect(dir.path()), true).isEmpty());
    }

    void editedAfterRelease()
    {
        QTemporaryDir dir;
        makeProject(dir.path());
        writeLock(dir.path());
        const QByteArray edited = script("002", "001") + "# tweak\n";
        writeFile(dir.path() + QLatin1String("/migrations/versions/002_b.py"), edited);
        const Findings findings =
            withCode(inspect(dir.path()), QStringLiteral("edited-after-release"));
        QCOMPARE(findings.size(), 1);
        const Finding &f = findings.at(0);
        QCOMPARE(f.severity, Severity::Error);
        QCOMPARE(f.revision, QStringLiteral("002"));
        QCOMPARE(f.line, 1);
        QCOMPARE(f.environment, QStringLiteral("alembic.ini"));
        QVERIFY(f.file.endsWith(QLatin1String("/migrations/versions/002_b.py")));
        QVERIFY2(f.message.contains(sha(edited)), qPrintable(f.message));
        QVERIFY2(f.message.contains(sha(script("002", "001"))), qPrintable(f.message));
    }

    void removedAfterRelease()
    {
        QTemporaryDir dir;
        makeProject(dir.path());
        writeLock(dir.path());
        QFile::remove(dir.path() + QLatin1String("/migrations/versions/002_b.py"));
        const Findings findings =
            withCode(inspect(dir.path()), QStringLiteral("removed-after-release"));
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.at(0).revision, QStringLiteral("002"));
        QCOMPARE(findings.at(0).line, 4); // header, section, 001, 002
        QVERIFY(findings.at(0).file.endsWith(QLatin1String("/revscope.lock")));
        QCOMPARE(findings.at(0).severity, Severity::Error);
    }

    void movedScriptWithSameBytesIsClean()
    {
        QTemporaryDir dir;
        makeProject(dir.path());
        writeLock(dir.path());
        QVERIFY(QFile::rename(dir.path() + QLatin1String("/migrations/versions/002_b.py"),
                              dir.path() + QLatin1String("/migrations/versions/002_renamed.py")));
        QVERIFY(ReleaseAnalyzer::analyze(*inspect(dir.path()), true).isEmpty());
    }

    void goneEnvironmentOnlyForWholeProject()
    {
        QTemporaryDir dir;
        makeProject(dir.path());
        writeFile(dir.path() + QLatin1String("/revscope.lock"),
                  "revscope.lock/1\n[old/alembic.ini]\n009 " + QByteArray(64, 'c') +
                      " old/v/009.py\n");
        QCOMPARE(withCode(inspect(dir.path()), QStringLiteral("removed-after-release")).size(), 1);
        QCOMPARE(withCode(inspect(dir.path(), QStringLiteral("alembic.ini")),
                          QStringLiteral("removed-after-release"))
                     .size(),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestReleaseLock)
#include "tst_releaselock.moc"
