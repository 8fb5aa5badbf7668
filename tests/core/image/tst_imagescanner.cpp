// ImageScanner: which files of a project are Dockerfiles and compose files,
// which folders the discovery walk leaves alone, and the targets made of them.

#include "image/imagescanner.h"
#include "inspection/inspection.h"

#include "testsupport.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;
using TestSupport::writeFile;

class TestImageScanner : public QObject
{
    Q_OBJECT

private slots:
    void dockerfileNames_data();
    void dockerfileNames();
    void composeNames_data();
    void composeNames();
    void discoverySkips();
    void targetsFromComposeAndDockerfiles();
    void bareDockerfileContext();
    void brokenComposeFile();
    void discoveryCost();
};

void TestImageScanner::dockerfileNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("dockerfile");
    QTest::newRow("plain") << QStringLiteral("Dockerfile") << true;
    QTest::newRow("suffix") << QStringLiteral("Dockerfile.prod") << true;
    QTest::newRow("prefix") << QStringLiteral("api.Dockerfile") << true;
    QTest::newRow("ignore file") << QStringLiteral("Dockerfile.dockerignore") << false;
    QTest::newRow("prefixed ignore file") << QStringLiteral("api.Dockerfile.dockerignore") << false;
    QTest::newRow("bare suffix") << QStringLiteral(".Dockerfile") << false;
    QTest::newRow("lower case") << QStringLiteral("dockerfile") << false;
    QTest::newRow("other") << QStringLiteral("Dockerfiles") << false;
}

void TestImageScanner::dockerfileNames()
{
    QFETCH(QString, name);
    QFETCH(bool, dockerfile);
    QCOMPARE(ImageScanner::isDockerfileName(name), dockerfile);
}

void TestImageScanner::composeNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("compose");
    QTest::newRow("compose.yaml") << QStringLiteral("compose.yaml") << true;
    QTest::newRow("compose.yml") << QStringLiteral("compose.yml") << true;
    QTest::newRow("docker-compose.yml") << QStringLiteral("docker-compose.yml") << true;
    QTest::newRow("prod") << QStringLiteral("docker-compose.prod.yaml") << true;
    QTest::newRow("override") << QStringLiteral("docker-compose.override.yml") << true;
    QTest::newRow("json") << QStringLiteral("docker-compose.json") << false;
    QTest::newRow("other yaml") << QStringLiteral("config.yml") << false;
}

void TestImageScanner::composeNames()
{
    QFETCH(QString, name);
    QFETCH(bool, compose);
    QCOMPARE(ImageScanner::isComposeFileName(name), compose);
}

void TestImageScanner::discoverySkips()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    const QByteArray df = "FROM scratch\n";
    writeFile(root + QStringLiteral("/Dockerfile"), df);
    writeFile(root + QStringLiteral("/docker-compose.yml"), "services: {}\n");
    writeFile(root + QStringLiteral("/deploy/api.Dockerfile"), df);
    writeFile(root + QStringLiteral("/a/b/c/Dockerfile"), df);         // depth 4: found
    writeFile(root + QStringLiteral("/a/b/c/d/Dockerfile"), df);       // depth 5: too deep
    writeFile(root + QStringLiteral("/.git/Dockerfile"), df);          // hidden
    writeFile(root + QStringLiteral("/.devcontainer/Dockerfile"), df); // hidden
    writeFile(root + QStringLiteral("/node_modules/x/Dockerfile"), df);
    writeFile(root + QStringLiteral("/tools/pyvenv.cfg"), "home = /usr\n");
    writeFile(root + QStringLiteral("/tools/Dockerfile"), df); // a virtualenv
    writeFile(root + QStringLiteral("/migrations/versions/Dockerfile"), df);
    writeFile(root + QStringLiteral("/Dockerfile.dockerignore"), "*\n");
    QVERIFY(QFile::link(root + QStringLiteral("/deploy"), root + QStringLiteral("/linked")));

    QStringList dockerfiles;
    QStringList composeFiles;
    ImageScanner::discover(root, {root + QStringLiteral("/migrations/versions")}, &dockerfiles,
                           &composeFiles);
    QCOMPARE(dockerfiles, (QStringList{root + QStringLiteral("/Dockerfile"),
                                       root + QStringLiteral("/a/b/c/Dockerfile"),
                                       root + QStringLiteral("/deploy/api.Dockerfile")}));
    QCOMPARE(composeFiles, QStringList{root + QStringLiteral("/docker-compose.yml")});
}

void TestImageScanner::targetsFromComposeAndDockerfiles()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    writeFile(root + QStringLiteral("/api/Dockerfile"),
              "FROM python:3.12\nWORKDIR /app\nCOPY api/ .\n");
    writeFile(root + QStringLiteral("/api/main.py"), "x = 1\n");
    writeFile(root + QStringLiteral("/worker.Dockerfile"), "FROM python:3.12\nCOPY jobs /jobs\n");
    writeFile(root + QStringLiteral("/jobs/run.py"), "x = 1\n");
    writeFile(root + QStringLiteral("/.dockerignore"), "**/__pycache__\n**/*.pyc\n");
    writeFile(root + QStringLiteral("/docker-compose.yml"),
              "services:\n  api:\n    build:\n      context: .\n      dockerfile: api/Dockerfile\n"
              "  web:\n    build:\n      context: .\n      dockerfile: api/Dockerfile\n"
              "    working_dir: /srv\n  db:\n    image: postgres\n");
    writeFile(root + QStringLiteral("/docker-compose.override.yml"),
              "services:\n  api:\n    command: [\"python\", \"main.py\"]\n");
    Inspection inspection;
    inspection.root = root;
    QStringList dockerfiles;
    QStringList composeFiles;
    ImageScanner::discover(root, {}, &dockerfiles, &composeFiles);
    QCOMPARE(composeFiles.size(), 2);
    const ImageScan scan = ImageScanner::scan(inspection, dockerfiles, composeFiles, {});
    QVERIFY2(scan.findings.isEmpty(), qPrintable(scan.findings.value(0).message));
    // Two services (the db has no build), then the Dockerfile no service builds.
    QCOMPARE(scan.targets.size(), 3);
    QCOMPARE(scan.targets.at(0).label(root), QStringLiteral("api (docker-compose.yml)"));
    QCOMPARE(scan.targets.at(0).command,
             (QStringList{QStringLiteral("python"), QStringLiteral("main.py")}));
    QCOMPARE(scan.targets.at(1).label(root), QStringLiteral("web (docker-compose.yml)"));
    QCOMPARE(scan.targets.at(1).workdir, QStringLiteral("/srv"));
    QCOMPARE(scan.targets.at(2).label(root), QStringLiteral("worker.Dockerfile"));
    QVERIFY(scan.targets.at(2).simulation.find(QStringLiteral("/jobs/run.py")));
    // One walk of the shared context.
    QCOMPARE(scan.targets.at(0).simulation.buildContext.get(),
             scan.targets.at(2).simulation.buildContext.get());
    QVERIFY(scan.targets.at(0).simulation.find(QStringLiteral("/app/main.py")));
}

void TestImageScanner::bareDockerfileContext()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    // Built as `docker build service/`: its COPY sources are relative to its folder.
    writeFile(root + QStringLiteral("/service/Dockerfile"),
              "FROM python:3.12\nCOPY app.py /srv/app.py\n");
    writeFile(root + QStringLiteral("/service/app.py"), "x = 1\n");
    // Built from the root: its sources exist only there.
    writeFile(root + QStringLiteral("/ops/Dockerfile"),
              "FROM python:3.12\nCOPY service/app.py /srv/app.py\n");
    Inspection inspection;
    inspection.root = root;
    const ImageScan scan = ImageScanner::scan(
        inspection,
        {root + QStringLiteral("/ops/Dockerfile"), root + QStringLiteral("/service/Dockerfile")},
        {}, {});
    QCOMPARE(scan.targets.size(), 2);
    QCOMPARE(scan.targets.at(0).simulation.context, root);
    QCOMPARE(scan.targets.at(1).simulation.context, root + QStringLiteral("/service"));
    for (const ImageTarget &target : scan.targets) {
        QVERIFY(!target.simulation.failed);
        QVERIFY(target.simulation.find(QStringLiteral("/srv/app.py")));
    }
}

void TestImageScanner::brokenComposeFile()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    const QString compose = root + QStringLiteral("/compose.yaml");
    writeFile(compose, "services:\n  api:\n    build: [\n");
    Inspection inspection;
    inspection.root = root;
    const ImageScan scan = ImageScanner::scan(inspection, {}, {compose}, {});
    QVERIFY(scan.targets.isEmpty());
    QCOMPARE(scan.findings.size(), 1);
    QCOMPARE(scan.findings.first().code, QStringLiteral("compose-error"));
    QCOMPARE(scan.findings.first().file, compose);
    QVERIFY(scan.findings.first().line > 0);

    // Put into an inspection, it belongs to no target.
    inspection.imageFiles = {compose};
    inspection.findings = scan.findings;
    QCOMPARE(ImageScanner::untargetedFindings(inspection).size(), 1);
}

// What a project without Dockerfiles pays for the image part of an
// inspection: run by hand on a generated project, e.g.
// REVSCOPE_DISCOVERY_PROJECT=/tmp/p5000 tst_imagescanner discoveryCost
void TestImageScanner::discoveryCost()
{
    const QString root = qEnvironmentVariable("REVSCOPE_DISCOVERY_PROJECT");
    if (root.isEmpty()) {
        QSKIP("set REVSCOPE_DISCOVERY_PROJECT to a project folder to time the discovery walk");
    }
    QStringList dockerfiles;
    QStringList composeFiles;
    QBENCHMARK
    {
        dockerfiles.clear();
        composeFiles.clear();
        ImageScanner::discover(root, {}, &dockerfiles, &composeFiles);
    }
}

QTEST_GUILESS_MAIN(TestImageScanner)
#include "tst_imagescanner.moc"
