// The images part of an Inspection: the Inspector finds the Dockerfiles and
// compose files, simulates them, and adds the image findings to the rest.

#include "inspection/inspector.h"

#include "testsupport.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;
using TestSupport::writeFile;

namespace {

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

int countCode(const Findings &findings, const QString &code)
{
    return int(std::count_if(findings.cbegin(), findings.cend(),
                             [&code](const Finding &f) { return f.code == code; }));
}

} // namespace

class TestInspectionImages : public QObject
{
    Q_OBJECT

private slots:
    void noDockerfile();
    void seed003();
    void sharedFindingsOnce();
    void versionLocationsNotSearched();
};

void TestInspectionImages::noDockerfile()
{
    QTemporaryDir dir;
    writeFile(dir.path() + QStringLiteral("/alembic.ini"), "[alembic]\nscript_location = m\n");
    writeFile(dir.path() + QStringLiteral("/m/env.py"), "\n");
    InspectOptions options;
    options.root = dir.path();
    const InspectionPtr inspection = Inspector::inspect(options);
    QVERIFY(inspection->images.isEmpty());
    QVERIFY(inspection->imageFiles.isEmpty());
}

void TestInspectionImages::seed003()
{
    QTemporaryDir dir;
    const QString root = QDir(dir.path()).canonicalPath();
    QVERIFY(copyTree(QStringLiteral(REVSCOPE_TEST_DATA "/image/seed003"), root));
    InspectOptions options;
    options.root = root;
    QStringList steps;
    const InspectionPtr inspection =
        Inspector::inspect(options, [&steps](int, int, const QString &what) { steps << what; });
    QVERIFY(steps.contains(QStringLiteral("Simulating the Docker images")));
    QCOMPARE(inspection->imageFiles,
             (QStringList{root + QStringLiteral("/back/api/Dockerfile.prod"),
                          root + QStringLiteral("/docker-compose.prod.yml"),
                          root + QStringLiteral("/docker-compose.yml")}));
    QCOMPARE(inspection->images.size(), 2);
    QCOMPARE(inspection->images.at(0).label(root), QStringLiteral("api (docker-compose.prod.yml)"));
    QCOMPARE(inspection->images.at(1).label(root), QStringLiteral("api (docker-compose.yml)"));
    for (const ImageTarget &target : inspection->images) {
        QVERIFY(target.simulation.find(QStringLiteral("/app/main.py")));
        QVERIFY(!target.simulation.find(QStringLiteral("/app/alembic.ini")));
    }
    // Production lacks the config; development gets it from its ./back mount,
    // which is what hid the gap.
    QCOMPARE(countCode(inspection->images.at(0).findings, QStringLiteral("image-missing-config")),
             1);
    QCOMPARE(countCode(inspection->images.at(0).findings, QStringLiteral("image-volume-masks")), 1);
    QCOMPARE(countCode(inspection->images.at(1).findings, QStringLiteral("image-missing-config")),
             0);
    // In the project's findings, sorted with the rest: errors first.
    QCOMPARE(countCode(inspection->findings, QStringLiteral("image-missing-config")), 1);
    QCOMPARE(inspection->findings.first().severity, Severity::Error);
    QVERIFY(inspection->count(Severity::Error) >= 1);
}

void TestInspectionImages::sharedFindingsOnce()
{
    // Two services build the same Dockerfile: its own problem is reported once.
    QTemporaryDir dir;
    const QString root = dir.path();
    writeFile(root + QStringLiteral("/Dockerfile"), "FROM python:3.12\nFROBNICATE x\n");
    writeFile(root + QStringLiteral("/compose.yaml"),
              "services:\n  a:\n    build: .\n  b:\n    build: .\n");
    InspectOptions options;
    options.root = root;
    const InspectionPtr inspection = Inspector::inspect(options);
    QCOMPARE(inspection->images.size(), 2);
    QCOMPARE(countCode(inspection->images.at(0).findings, QStringLiteral("dockerfile-error")), 1);
    QCOMPARE(countCode(inspection->images.at(1).findings, QStringLiteral("dockerfile-error")), 1);
    QCOMPARE(countCode(inspection->findings, QStringLiteral("dockerfile-error")), 1);
}

void TestInspectionImages::versionLocationsNotSearched()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    writeFile(root + QStringLiteral("/alembic.ini"),
              "[alembic]\nscript_location = db\nversion_locations = db/v1 db/v2\n");
    writeFile(root + QStringLiteral("/db/env.py"), "\n");
    writeFile(root + QStringLiteral("/db/v1/Dockerfile"), "FROM scratch\n");
    writeFile(root + QStringLiteral("/db/v2/Dockerfile"), "FROM scratch\n");
    writeFile(root + QStringLiteral("/db/Dockerfile"), "FROM scratch\n");
    InspectOptions options;
    options.root = root;
    const InspectionPtr inspection = Inspector::inspect(options);
    QCOMPARE(inspection->imageFiles, QStringList{root + QStringLiteral("/db/Dockerfile")});
}

QTEST_GUILESS_MAIN(TestInspectionImages)
#include "tst_inspectionimages.moc"
