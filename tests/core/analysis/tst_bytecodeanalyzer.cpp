// BytecodeAnalyzer on hand-made BytecodeInfo values: which finding, which
// severity, and what the message says about sourceless and Docker.

#include "analysis/bytecodeanalyzer.h"

#include <QTest>

using namespace Revscope;

namespace {

const QString kVersions = QStringLiteral("/p/migrations/versions");

BytecodeInfo bytecode(const QString &stem, BytecodeStatus status, bool inVersionLocation,
                      const QString &revision = QString(), const QStringList &down = {})
{
    BytecodeInfo file;
    file.path =
        kVersions + QStringLiteral("/__pycache__/") + stem + QStringLiteral(".cpython-311.pyc");
    file.name = BytecodeScanner::parseName(file.path);
    file.sourceExists = status != BytecodeStatus::Stray;
    file.status = status;
    file.pyc.path = file.path;
    file.pyc.ok = status != BytecodeStatus::Corrupt;
    file.pyc.headerOk = file.pyc.ok;
    file.pyc.header.pythonVersion = QStringLiteral("3.11");
    file.pyc.module.revision = revision;
    file.pyc.module.downRevisions = down;
    file.pyc.module.revisionSource =
        revision.isEmpty() ? PycFieldSource::None : PycFieldSource::Assignment;
    file.pyc.module.filename =
        QStringLiteral("/app/migrations/versions/") + stem + QStringLiteral(".py");
    if (status == BytecodeStatus::Corrupt) {
        file.pyc.error = QStringLiteral("bad magic number");
    }
    if (status == BytecodeStatus::Stale) {
        file.staleReason = QStringLiteral("the source changed");
    }
    file.inVersionLocation = inVersionLocation;
    if (inVersionLocation) {
        file.environments = {0};
        file.environment = QStringLiteral("alembic.ini");
    }
    return file;
}

Revision sourceRevision(const QString &id, const QStringList &down)
{
    Revision revision;
    revision.id = id;
    revision.downRevisions = down;
    revision.file = kVersions + QLatin1Char('/') + id + QStringLiteral("_x.py");
    revision.line = 5;
    return revision;
}

Revision bytecodeRevision(const BytecodeInfo &file)
{
    Revision revision;
    revision.id = file.revision();
    revision.downRevisions = file.pyc.module.downRevisions;
    revision.origin = RevisionOrigin::Bytecode;
    revision.file = file.path;
    return revision;
}

Findings withCode(const Findings &findings, const QString &code)
{
    Findings out;
    for (const Finding &finding : findings) {
        if (finding.code == code) {
            out.append(finding);
        }
    }
    return out;
}

} // namespace

class TestBytecodeAnalyzer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void perFile_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("inVersionLocation");
        QTest::addColumn<bool>("sourceless");
        QTest::addColumn<bool>("unchecked");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("severity");
        QTest::addColumn<QString>("says"); // a phrase the message must contain

        const int stray = int(BytecodeStatus::Stray);
        const int stale = int(BytecodeStatus::Stale);
        const int corrupt = int(BytecodeStatus::Corrupt);
        const int info = int(Severity::Info);
        const int warning = int(Severity::Warning);
        QTest::newRow("stray, version location, sourceless off")
            << stray << true << false << false << QStringLiteral("stray-bytecode") << warning
            << QStringLiteral("sourceless = false, so Alembic ignores it");
        QTest::newRow("stray, version location, sourceless on")
            << stray << true << true << false << QStringLiteral("stray-bytecode") << warning
            << QStringLiteral("sourceless = true, so Alembic loads this file");
        QTest::newRow("stray elsewhere")
            << stray << false << false << false << QStringLiteral("stray-bytecode") << info
            << QStringLiteral("outside every version location");
        QTest::newRow("stale, sourceless off")
            << stale << true << false << false << QStringLiteral("stale-bytecode") << info
            << QStringLiteral("recompiles it");
        QTest::newRow("stale, sourceless on")
            << stale << true << true << false << QStringLiteral("stale-bytecode") << warning
            << QStringLiteral("sourceless = true");
        QTest::newRow("stale, unchecked hash")
            << stale << true << false << true << QStringLiteral("stale-bytecode") << warning
            << QStringLiteral("runs this old bytecode");
        QTest::newRow("stale elsewhere")
            << stale << false << true << true << QStringLiteral("stale-bytecode") << info
            << QStringLiteral("unchecked-hash");
        QTest::newRow("corrupt, sourceless off")
            << corrupt << true << false << false << QStringLiteral("corrupt-bytecode") << warning
            << QStringLiteral("bad magic number");
        QTest::newRow("stray __init__, version location")
            << stray << true << true << false << QStringLiteral("stray-bytecode") << info
            << QStringLiteral("never loads a file named like this");
        QTest::newRow("corrupt elsewhere")
            << corrupt << false << true << false << QStringLiteral("corrupt-bytecode") << warning
            << QStringLiteral("never loads it");
    }

    void perFile()
    {
        QFETCH(int, status);
        QFETCH(bool, inVersionLocation);
        QFETCH(bool, sourceless);
        QFETCH(bool, unchecked);
        QFETCH(QString, code);
        QFETCH(int, severity);
        QFETCH(QString, says);
        const QString stem =
            QString::fromLatin1(QTest::currentDataTag()).contains(QLatin1String("__init__"))
                ? QStringLiteral("__init__")
                : QStringLiteral("0002_x");
        BytecodeInfo file = bytecode(stem, BytecodeStatus(status), inVersionLocation);
        if (unchecked) {
            file.pyc.header.invalidation = PycInvalidation::UncheckedHash;
        }
        BytecodeAnalyzer::Environment env;
        env.label = QStringLiteral("alembic.ini");
        env.sourceless = sourceless;
        const Findings findings = BytecodeAnalyzer::analyze({file}, {env});
        QCOMPARE(findings.size(), 1);
        const Finding &finding = findings.first();
        QCOMPARE(finding.code, code);
        QCOMPARE(int(finding.severity), severity);
        QCOMPARE(finding.file, file.path);
        QCOMPARE(finding.environment,
                 inVersionLocation ? QStringLiteral("alembic.ini") : QString());
        QVERIFY2(finding.message.contains(says), qPrintable(finding.message));
        QVERIFY2(finding.message.contains(QLatin1String("Docker COPY")),
                 qPrintable(finding.message));
        QVERIFY(!finding.fix.isEmpty());
    }

    // A corrupt .pyc Alembic would try to import (sourceless, no source) stops it.
    void corruptLoadedBytecodeIsAnError()
    {
        BytecodeInfo file = bytecode(QStringLiteral("0002_x"), BytecodeStatus::Corrupt, true);
        file.sourceExists = false;
        BytecodeAnalyzer::Environment env;
        env.sourceless = true;
        const Findings findings = BytecodeAnalyzer::analyze({file}, {env});
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().severity, Severity::Error);
        QVERIFY(findings.first().message.contains(QLatin1String("stops with an error")));
    }

    void bytecodeOnlyRevision_data()
    {
        QTest::addColumn<bool>("sourceless");
        QTest::addColumn<bool>("stamped");
        QTest::addColumn<int>("severity");
        QTest::newRow("sourceless off") << false << false << int(Severity::Warning);
        QTest::newRow("sourceless on") << true << false << int(Severity::Error);
        QTest::newRow("stamped database") << false << true << int(Severity::Error);
    }

    // The seed: b891cb8863b5 replaced a chain holding a2242b61af45, whose .pyc stayed.
    void bytecodeOnlyRevision()
    {
        QFETCH(bool, sourceless);
        QFETCH(bool, stamped);
        QFETCH(int, severity);
        const BytecodeInfo ghost =
            bytecode(QStringLiteral("a2242b61af45_add_users"), BytecodeStatus::Stray, true,
                     QStringLiteral("a2242b61af45"), {QStringLiteral("0f1e2d3c4b5a")});
        const BytecodeInfo ghost39 = [&] {
            BytecodeInfo other = ghost;
            other.path.replace(QLatin1String("cpython-311"), QLatin1String("cpython-39"));
            return other;
        }();
        const Revisions sources{
            sourceRevision(QStringLiteral("b891cb8863b5"), {}),
            sourceRevision(QStringLiteral("c3d4e5f6a7b8"), {QStringLiteral("b891cb8863b5")})};
        const RevisionGraph graph =
            sourceless ? RevisionGraph(sources + Revisions{bytecodeRevision(ghost)})
                       : RevisionGraph(sources, {bytecodeRevision(ghost)});
        BytecodeAnalyzer::Environment env;
        env.label = QStringLiteral("alembic.ini");
        env.sourceless = sourceless;
        env.graph = &graph;
        if (stamped) {
            env.stampedRevisions = {QStringLiteral("a2242b61af45")};
        }
        const Findings findings = BytecodeAnalyzer::analyze({ghost, ghost39}, {env});
        QCOMPARE(withCode(findings, QStringLiteral("stray-bytecode")).size(), 2);
        const Findings only = withCode(findings, QStringLiteral("bytecode-only-revision"));
        QCOMPARE(only.size(), 1); // one per revision, naming both files
        const Finding &finding = only.first();
        QCOMPARE(int(finding.severity), severity);
        QCOMPARE(finding.revision, QStringLiteral("a2242b61af45"));
        QCOMPARE(finding.file, ghost.path);
        QCOMPARE(finding.environment, QStringLiteral("alembic.ini"));
        QVERIFY(finding.message.contains(QLatin1String("cpython-39")));
        QVERIFY(finding.message.contains(QLatin1String("/app/migrations/versions/")));
        QVERIFY(finding.message.contains(QLatin1String("Docker COPY")));
        QVERIFY(finding.message.contains(sourceless ? QLatin1String("sourceless = true")
                                                    : QLatin1String("sourceless = false")));
        QCOMPARE(finding.message.contains(QLatin1String("A database is stamped")), stamped);
    }

    // Stray bytecode of a revision a source still defines (say, renamed) is
    // stray, not a bytecode-only revision.
    void sourceStillDefinesIt()
    {
        const BytecodeInfo old = bytecode(QStringLiteral("0002_old_name"), BytecodeStatus::Stray,
                                          true, QStringLiteral("0002"), {QStringLiteral("0001")});
        const RevisionGraph graph(
            {sourceRevision(QStringLiteral("0001"), {}),
             sourceRevision(QStringLiteral("0002"), {QStringLiteral("0001")})},
            {bytecodeRevision(old)});
        BytecodeAnalyzer::Environment env;
        env.graph = &graph;
        const Findings findings = BytecodeAnalyzer::analyze({old}, {env});
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().code, QStringLiteral("stray-bytecode"));
    }

    // Outside version locations nothing is a revision, and ok files say nothing.
    void quietCases()
    {
        const BytecodeInfo elsewhere =
            bytecode(QStringLiteral("a2242b61af45_x"), BytecodeStatus::Stray, false,
                     QStringLiteral("a2242b61af45"));
        const BytecodeInfo fine =
            bytecode(QStringLiteral("0001_x"), BytecodeStatus::Ok, true, QStringLiteral("0001"));
        BytecodeAnalyzer::Environment env;
        const Findings findings = BytecodeAnalyzer::analyze({elsewhere, fine}, {env});
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().code, QStringLiteral("stray-bytecode"));
        QCOMPARE(findings.first().severity, Severity::Info);
    }
};

QTEST_GUILESS_MAIN(TestBytecodeAnalyzer)
#include "tst_bytecodeanalyzer.moc"
