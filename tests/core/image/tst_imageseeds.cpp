// Both seed incidents end to end: fixture project -> Inspector ->
// ImageSimulator (compose or Dockerfile) -> ImageAnalyzer findings.

#include "image/composefile.h"
#include "image/imageanalyzer.h"
#include "image/imagesimulator.h"
#include "inspection/inspector.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;

namespace {

// Copies a fixture into a temporary folder (the repository ignores __pycache__
// folders, so the stray bytecode is stored beside the fixture and put in place here).
bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + path.mid(from.size());
        QDir().mkpath(QFileInfo(target).absolutePath());
        if (!QFile::copy(path, target)) {
            return false;
        }
    }
    return true;
}

QList<ImageTarget> composeTargets(const QString &file)
{
    QList<ImageTarget> targets;
    const ComposeFile compose = ComposeFile::load({file});
    for (const ComposeService &service : compose.services()) {
        ImageBuildRequest request;
        request.dockerfile = service.dockerfile;
        request.context = service.context;
        request.target = service.target;
        ImageTarget target;
        target.simulation = ImageSimulator::simulate(request);
        target.applyService(&service);
        targets.append(target);
    }
    return targets;
}

QStringList codes(const Findings &findings)
{
    QStringList list;
    for (const Finding &finding : findings) {
        list.append(finding.code);
    }
    return list;
}

} // namespace

class TestImageSeeds : public QObject
{
    Q_OBJECT

private slots:
    void seed003MissingConfig();
    void seed001BytecodeCopied();
};

void TestImageSeeds::seed003MissingConfig()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    QVERIFY(copyTree(QStringLiteral(REVSCOPE_TEST_DATA "/image/seed003"), root));
    InspectOptions options;
    options.root = root;
    const InspectionPtr inspection = Inspector::inspect(options);
    QCOMPARE(inspection->environments.size(), 1);

    const QList<ImageTarget> prod =
        composeTargets(root + QStringLiteral("/docker-compose.prod.yml"));
    const QList<ImageTarget> dev = composeTargets(root + QStringLiteral("/docker-compose.yml"));
    QCOMPARE(prod.size(), 1);
    const ImageTarget &api = prod.first();
    QCOMPARE(api.workdir, QStringLiteral("/app"));
    QVERIFY(api.simulation.find(QStringLiteral("/app/main.py")));
    QVERIFY(!api.simulation.find(QStringLiteral("/app/alembic.ini")));

    const Findings findings = ImageAnalyzer::analyze(api, *inspection, dev);
    QVERIFY2(codes(findings).contains(QStringLiteral("image-missing-config")),
             qPrintable(codes(findings).join(u' ')));
    QVERIFY(codes(findings).contains(QStringLiteral("image-volume-masks")));
    for (const Finding &finding : findings) {
        if (finding.code == u"image-missing-config") {
            QCOMPARE(finding.severity, Severity::Error);
            QVERIFY(finding.file.endsWith(QStringLiteral("docker-compose.prod.yml")));
            QCOMPARE(finding.line, 6);
            QVERIFY(finding.message.contains(QStringLiteral("/app/alembic.ini")));
            QVERIFY(finding.fix.contains(QStringLiteral("back/alembic.ini")));
        } else if (finding.code == u"image-volume-masks") {
            QVERIFY(finding.file.endsWith(QStringLiteral("docker-compose.yml")));
            QCOMPARE(finding.line, 8);
            QVERIFY(finding.message.contains(QStringLiteral("./back")));
        }
    }
    QVERIFY(!codes(findings).contains(QStringLiteral("dockerignore-no-bytecode-rule")));

    // Under docker-compose.yml the same image works: ./back is mounted at /app
    // and supplies alembic.ini, so the development service is not reported.
    QCOMPARE(dev.size(), 1);
    const Findings devFindings = ImageAnalyzer::analyze(dev.first(), *inspection, prod);
    QVERIFY2(!codes(devFindings).contains(QStringLiteral("image-missing-config")),
             qPrintable(codes(devFindings).join(u' ')));

    // The fix from the incident: copy the config and the scripts.
    QFile dockerfile(root + QStringLiteral("/back/api/Dockerfile.prod"));
    QVERIFY(dockerfile.open(QIODevice::Append));
    dockerfile.write("COPY ./back/alembic.ini ./alembic.ini\nCOPY ./back/alembic ./alembic\n");
    dockerfile.close();
    const QList<ImageTarget> fixed =
        composeTargets(root + QStringLiteral("/docker-compose.prod.yml"));
    const Findings after = ImageAnalyzer::analyze(fixed.first(), *inspection, dev);
    QVERIFY2(after.isEmpty(), qPrintable(codes(after).join(u' ')));
    QVERIFY(fixed.first().simulation.find(QStringLiteral("/app/alembic/versions/001_init.py")));
}

void TestImageSeeds::seed001BytecodeCopied()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    QVERIFY(copyTree(QStringLiteral(REVSCOPE_TEST_DATA "/image/seed001"), root));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/alembic/versions/__pycache__")));
    QVERIFY(QFile::copy(
        QStringLiteral(REVSCOPE_TEST_DATA
                       "/image/seed001-stray-a2242b61af45_add_thing.cpython-311.pyc"),
        root + QStringLiteral(
                   "/alembic/versions/__pycache__/a2242b61af45_add_thing.cpython-311.pyc")));
    InspectOptions options;
    options.root = root;
    const InspectionPtr inspection = Inspector::inspect(options);

    ImageBuildRequest request;
    request.dockerfile = root + QStringLiteral("/Dockerfile");
    request.context = root;
    ImageTarget target;
    target.simulation = ImageSimulator::simulate(request);
    target.applyService(nullptr);
    // "__pycache__" and "*.pyc" only match at the root: the stray file is copied.
    QVERIFY(target.simulation.find(QStringLiteral(
        "/app/alembic/versions/__pycache__/a2242b61af45_add_thing.cpython-311.pyc")));
    const Findings findings = ImageAnalyzer::analyze(target, *inspection);
    QVERIFY2(codes(findings).contains(QStringLiteral("image-bytecode-copied")),
             qPrintable(codes(findings).join(u' ')));
    QVERIFY(codes(findings).contains(QStringLiteral("dockerignore-no-bytecode-rule")));
    for (const Finding &finding : findings) {
        if (finding.code == u"image-bytecode-copied") {
            QVERIFY2(finding.message.contains(QStringLiteral("a2242b61af45")),
                     qPrintable(finding.message));
            QCOMPARE(finding.line, 3);
        }
    }

    // The incident's fixes: a RUN clean-up after the COPY removes it from the image.
    QFile dockerfile(root + QStringLiteral("/Dockerfile"));
    QVERIFY(dockerfile.open(QIODevice::Append));
    dockerfile.write("RUN find /app -type d -name \"__pycache__\" -exec rm -rf {} + 2>/dev/null "
                     "|| true && \\\n    find /app -type f -name \"*.pyc\" -delete\n");
    dockerfile.close();
    ImageTarget cleaned;
    cleaned.simulation = ImageSimulator::simulate(request);
    cleaned.applyService(nullptr);
    QVERIFY(!codes(ImageAnalyzer::analyze(cleaned, *inspection))
                 .contains(QStringLiteral("image-bytecode-copied")));
    QCOMPARE(cleaned.simulation.runs.size(), 1);
    QVERIFY(cleaned.simulation.runs.first().simulated);
}

QTEST_GUILESS_MAIN(TestImageSeeds)
#include "tst_imageseeds.moc"
