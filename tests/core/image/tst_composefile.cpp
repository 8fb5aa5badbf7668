// ComposeFile: build short/long form, runtime keys, interpolation with .env,
// override merging, malformed YAML.

#include "image/composefile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    file.write(content);
    return true;
}

} // namespace

class TestComposeFile : public QObject
{
    Q_OBJECT

private slots:
    void buildForms();
    void runtimeKeys();
    void interpolation_data();
    void interpolation();
    void requiredVariableIsAFinding();
    void overrideMerge();
    void malformedYaml_data();
    void malformedYaml();
    void discover();
};

void TestComposeFile::buildForms()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    QVERIFY(writeFile(root + QStringLiteral("/compose.yaml"),
                      "services:\n"
                      "  short:\n"
                      "    build: ./back\n"
                      "  long:\n"
                      "    build:\n"
                      "      context: ./backend\n"
                      "      dockerfile: ../docker/backend.Dockerfile\n"
                      "      target: prod\n"
                      "      args:\n"
                      "        PY: \"3.12\"\n"
                      "        UNSET:\n"
                      "  listargs:\n"
                      "    build:\n"
                      "      context: .\n"
                      "      args: [\"A=1\", \"B=two\"]\n"
                      "  pulled:\n"
                      "    image: nginx\n"));
    const ComposeFile compose = ComposeFile::load({root + QStringLiteral("/compose.yaml")});
    QVERIFY(compose.findings().isEmpty());
    QCOMPARE(compose.services().size(), 4);
    const ComposeService *shortForm = compose.service(QStringLiteral("short"));
    QVERIFY(shortForm && shortForm->hasBuild);
    QCOMPARE(shortForm->context, root + QStringLiteral("/back"));
    QCOMPARE(shortForm->dockerfile, root + QStringLiteral("/back/Dockerfile"));
    QCOMPARE(shortForm->line, 2);
    const ComposeService *longForm = compose.service(QStringLiteral("long"));
    QCOMPARE(longForm->context, root + QStringLiteral("/backend"));
    // The Dockerfile resolves against the context, not the compose file.
    QCOMPARE(longForm->dockerfile, root + QStringLiteral("/docker/backend.Dockerfile"));
    QCOMPARE(longForm->target, QStringLiteral("prod"));
    QCOMPARE(longForm->args.value(QStringLiteral("PY")), QStringLiteral("3.12"));
    QVERIFY(!longForm->args.contains(QStringLiteral("UNSET")));
    QCOMPARE(compose.service(QStringLiteral("listargs"))->args.value(QStringLiteral("B")),
             QStringLiteral("two"));
    QVERIFY(!compose.service(QStringLiteral("pulled"))->hasBuild);
    QCOMPARE(compose.service(QStringLiteral("pulled"))->image, QStringLiteral("nginx"));
}

void TestComposeFile::runtimeKeys()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    QVERIFY(writeFile(root + QStringLiteral("/docker-compose.yml"),
                      "services:\n"
                      "  api:\n"
                      "    build: .\n"
                      "    working_dir: /app\n"
                      "    command: sh -c \"alembic upgrade head && uvicorn main:app\"\n"
                      "    entrypoint: [\"/entry.sh\", \"--wait\"]\n"
                      "    volumes:\n"
                      "      - ./back:/app\n"
                      "      - data:/var/lib/data:ro\n"
                      "      - /cache\n"
                      "      - type: bind\n"
                      "        source: ./conf\n"
                      "        target: /etc/app/\n"
                      "        read_only: true\n"));
    const ComposeFile compose = ComposeFile::load({root + QStringLiteral("/docker-compose.yml")});
    QVERIFY(compose.findings().isEmpty());
    const ComposeService *api = compose.service(QStringLiteral("api"));
    QVERIFY(api);
    QCOMPARE(api->workingDir, QStringLiteral("/app"));
    QCOMPARE(api->command,
             QStringList({QStringLiteral("sh"), QStringLiteral("-c"),
                          QStringLiteral("alembic upgrade head && uvicorn main:app")}));
    QCOMPARE(api->commandLine, 5);
    QCOMPARE(api->entrypoint, QStringList({QStringLiteral("/entry.sh"), QStringLiteral("--wait")}));
    QCOMPARE(api->volumes.size(), 4);
    QCOMPARE(api->volumes.at(0).type, QStringLiteral("bind"));
    QCOMPARE(api->volumes.at(0).source, root + QStringLiteral("/back"));
    QCOMPARE(api->volumes.at(0).target, QStringLiteral("/app"));
    QCOMPARE(api->volumes.at(0).line, 8);
    QCOMPARE(api->volumes.at(1).type, QStringLiteral("volume"));
    QCOMPARE(api->volumes.at(1).source, QStringLiteral("data"));
    QVERIFY(api->volumes.at(1).readOnly);
    QCOMPARE(api->volumes.at(2).type, QStringLiteral("volume"));
    QVERIFY(api->volumes.at(2).source.isEmpty());
    QCOMPARE(api->volumes.at(3).source, root + QStringLiteral("/conf"));
    QCOMPARE(api->volumes.at(3).target, QStringLiteral("/etc/app"));
    QVERIFY(api->volumes.at(3).readOnly);
}

void TestComposeFile::interpolation_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("braces") << QStringLiteral("${TAG}") << QStringLiteral("v1");
    QTest::newRow("bare") << QStringLiteral("img:$TAG") << QStringLiteral("img:v1");
    QTest::newRow("default-unset") << QStringLiteral("${NOPE:-x}") << QStringLiteral("x");
    QTest::newRow("default-empty") << QStringLiteral("${EMPTY:-x}") << QStringLiteral("x");
    QTest::newRow("dash-empty") << QStringLiteral("${EMPTY-x}") << QString();
    QTest::newRow("plus") << QStringLiteral("${TAG:+yes}") << QStringLiteral("yes");
    QTest::newRow("dollar-dollar") << QStringLiteral("$$HOME") << QStringLiteral("$HOME");
    QTest::newRow("nested-default") << QStringLiteral("${NOPE:-${TAG}}") << QStringLiteral("v1");
}

void TestComposeFile::interpolation()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const QHash<QString, QString> values = {{QStringLiteral("TAG"), QStringLiteral("v1")},
                                            {QStringLiteral("EMPTY"), QString()}};
    QString error;
    QCOMPARE(ComposeFile::interpolate(text, values, &error), expected);
    QVERIFY(error.isEmpty());
}

void TestComposeFile::requiredVariableIsAFinding()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    QVERIFY(writeFile(root + QStringLiteral("/.env"), "# env\nCTX=./back\nexport DIR=\"/srv\"\n"));
    QVERIFY(writeFile(root + QStringLiteral("/compose.yaml"),
                      "services:\n"
                      "  api:\n"
                      "    build: ${CTX}\n"
                      "    working_dir: ${DIR:-/app}\n"
                      "    image: ${REGISTRY:?set REGISTRY}/api\n"));
    const ComposeFile compose = ComposeFile::load({root + QStringLiteral("/compose.yaml")});
    const ComposeService *api = compose.service(QStringLiteral("api"));
    QVERIFY(api);
    QCOMPARE(api->context, root + QStringLiteral("/back"));
    QCOMPARE(api->workingDir, QStringLiteral("/srv"));
    QCOMPARE(compose.findings().size(), 1);
    QCOMPARE(compose.findings().first().code, QStringLiteral("compose-error"));
    QCOMPARE(compose.findings().first().line, 5);
    QVERIFY(compose.findings().first().message.contains(QStringLiteral("REGISTRY")));

    // The environment given wins over .env.
    const ComposeFile withEnv =
        ComposeFile::load({root + QStringLiteral("/compose.yaml")},
                          {{QStringLiteral("REGISTRY"), QStringLiteral("r")},
                           {QStringLiteral("DIR"), QStringLiteral("/x")}});
    QVERIFY(withEnv.findings().isEmpty());
    QCOMPARE(withEnv.service(QStringLiteral("api"))->image, QStringLiteral("r/api"));
    QCOMPARE(withEnv.service(QStringLiteral("api"))->workingDir, QStringLiteral("/x"));
}

void TestComposeFile::overrideMerge()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    QVERIFY(writeFile(root + QStringLiteral("/docker-compose.yml"),
                      "services:\n"
                      "  api:\n"
                      "    build:\n"
                      "      context: .\n"
                      "      dockerfile: back/api/Dockerfile.prod\n"
                      "    command: [\"alembic\", \"upgrade\", \"head\"]\n"
                      "    volumes:\n"
                      "      - ./data:/data\n"
                      "      - ./a:/app/a\n"));
    QVERIFY(writeFile(root + QStringLiteral("/docker-compose.override.yml"),
                      "services:\n"
                      "  api:\n"
                      "    build:\n"
                      "      target: dev\n"
                      "    command: uvicorn main:app --reload\n"
                      "    volumes:\n"
                      "      - ./back:/app\n"
                      "      - ./other:/app/a\n"
                      "  worker:\n"
                      "    image: worker\n"));
    const QStringList files =
        ComposeFile::withOverride(root + QStringLiteral("/docker-compose.yml"));
    QCOMPARE(files.size(), 2);
    const ComposeFile compose = ComposeFile::load(files);
    QVERIFY(compose.findings().isEmpty());
    const ComposeService *api = compose.service(QStringLiteral("api"));
    QVERIFY(api);
    // Mappings merge: the base's dockerfile stays, the override adds target.
    QCOMPARE(api->dockerfile, root + QStringLiteral("/back/api/Dockerfile.prod"));
    QCOMPARE(api->target, QStringLiteral("dev"));
    // command is replaced.
    QCOMPARE(api->command.first(), QStringLiteral("uvicorn"));
    // volumes merge by target.
    QCOMPARE(api->volumes.size(), 3);
    QStringList targets;
    for (const ComposeVolume &volume : api->volumes) {
        targets.append(volume.target);
        if (volume.target == u"/app/a") {
            QCOMPARE(volume.source, root + QStringLiteral("/other"));
            QVERIFY(volume.file.endsWith(QStringLiteral("override.yml")));
        }
    }
    targets.sort();
    QCOMPARE(targets, QStringList({QStringLiteral("/app"), QStringLiteral("/app/a"),
                                   QStringLiteral("/data")}));
    QVERIFY(compose.service(QStringLiteral("worker")));
}

void TestComposeFile::malformedYaml_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::newRow("bad-indent") << QByteArray("services:\n  api:\n    image: x\n   build: [\n")
                                << 4;
    QTest::newRow("unclosed-flow") << QByteArray("services:\n  api: {image: x\n") << 3;
    QTest::newRow("top-level-list") << QByteArray("- a\n- b\n") << 1;
    QTest::newRow("services-list") << QByteArray("services:\n  - api\n") << 2;
}

void TestComposeFile::malformedYaml()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QTemporaryDir dir;
    const QString path = dir.path() + QStringLiteral("/compose.yaml");
    QVERIFY(writeFile(path, text));
    const ComposeFile compose = ComposeFile::load({path});
    QVERIFY(!compose.findings().isEmpty());
    QCOMPARE(compose.findings().first().code, QStringLiteral("compose-error"));
    QCOMPARE(compose.findings().first().file, path);
    QVERIFY2(compose.findings().first().line >= line - 1 && compose.findings().first().line <= line,
             qPrintable(QString::number(compose.findings().first().line)));
}

void TestComposeFile::discover()
{
    QTemporaryDir dir;
    for (const char *name : {"compose.yaml", "docker-compose.prod.yml", "docker-compose.yaml",
                             "other.yml", "Dockerfile"}) {
        QVERIFY(writeFile(dir.path() + u'/' + QString::fromLatin1(name), "services: {}\n"));
    }
    QStringList found = ComposeFile::discover(dir.path());
    for (QString &path : found) {
        path = QFileInfo(path).fileName();
    }
    QCOMPARE(found,
             QStringList({QStringLiteral("compose.yaml"), QStringLiteral("docker-compose.prod.yml"),
                          QStringLiteral("docker-compose.yaml")}));
}

QTEST_GUILESS_MAIN(TestComposeFile)
#include "tst_composefile.moc"
