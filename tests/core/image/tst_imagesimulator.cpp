// ImageSimulator against the 47 end-to-end COPY cases of ../shared (derived
// from BuildKit's sources and tests), plus Dockerfile parsing and RUN
// clean-up recognition.

#include "image/dockerfile.h"
#include "image/imagesimulator.h"
#include "image/shellword.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Revscope;

namespace {

QString casesPath()
{
    return QStringLiteral(REVSCOPE_SHARED_DIR "/testdata/docker/copy_cases.json");
}

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

QStringList sortedStrings(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        list.append(item.toString());
    }
    std::sort(list.begin(), list.end());
    return list;
}

ImageSimulation simulateText(const QString &dockerfile, const QStringList &files,
                             const QByteArray &ignore = QByteArray(), QTemporaryDir *keep = nullptr)
{
    QTemporaryDir local;
    QTemporaryDir &dir = keep ? *keep : local;
    const QString context = dir.path();
    for (const QString &file : files) {
        if (file.endsWith(u'/')) {
            QDir().mkpath(context + u'/' + file);
        } else {
            writeFile(context + u'/' + file, file.toUtf8());
        }
    }
    writeFile(context + QStringLiteral("/Dockerfile"), dockerfile.toUtf8());
    if (!ignore.isNull()) {
        writeFile(context + QStringLiteral("/.dockerignore"), ignore);
    }
    ImageBuildRequest request;
    request.dockerfile = context + QStringLiteral("/Dockerfile");
    request.context = context;
    return ImageSimulator::simulate(request);
}

QStringList imageFiles(const ImageSimulation &simulation)
{
    QStringList files;
    for (const ImageNode &node : simulation.image) {
        if (!node.directory) {
            files.append(node.path);
        }
    }
    return files;
}

} // namespace

class TestImageSimulator : public QObject
{
    Q_OBJECT

private slots:
    void copyCases_data();
    void copyCases();
    void parseDirectivesAndContinuations();
    void parseHeredocs();
    void parseErrors_data();
    void parseErrors();
    void variableExpansion_data();
    void variableExpansion();
    void runCleanup_data();
    void runCleanup();
    void fatesAndReasons();
    void fromStageUnknownContent();
    void symlinkedFolderNotFollowed();
};

void TestImageSimulator::copyCases_data()
{
    QTest::addColumn<QJsonObject>("testCase");
    QFile file(casesPath());
    if (!file.open(QIODevice::ReadOnly)) {
        QTest::newRow("cases-absent") << QJsonObject();
        return;
    }
    const QJsonArray cases = QJsonDocument::fromJson(file.readAll()).array();
    for (const QJsonValue &value : cases) {
        const QJsonObject testCase = value.toObject();
        QTest::newRow(qPrintable(testCase.value(QStringLiteral("id")).toString())) << testCase;
    }
}

void TestImageSimulator::copyCases()
{
    if (!QFile::exists(casesPath())) {
        QSKIP(qPrintable(QStringLiteral("Docker's COPY cases are absent: %1 (the shared "
                                        "reference data is not checked out)")
                             .arg(casesPath())));
    }
    QFETCH(QJsonObject, testCase);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString context = dir.path() + QStringLiteral("/ctx");
    QDir().mkpath(context);
    const QStringList contextFiles = sortedStrings(testCase.value(QStringLiteral("context_files")));
    const QByteArray dockerfileText =
        testCase.value(QStringLiteral("dockerfile")).toString().toUtf8();
    QString dockerfilePath = testCase.value(QStringLiteral("dockerfile_path")).toString();
    if (dockerfilePath.isEmpty()) {
        dockerfilePath = QStringLiteral("Dockerfile");
    }
    QString dockerfile = QDir::cleanPath(context + u'/' + dockerfilePath);
    if (!contextFiles.contains(dockerfilePath) &&
        !dockerfilePath.startsWith(QStringLiteral(".."))) {
        // The Dockerfile is not part of this context: keep it beside it.
        dockerfile = dir.path() + QStringLiteral("/outside/") + dockerfilePath;
    }
    const QString specificIgnore =
        testCase.value(QStringLiteral("dockerfile_specific_ignore")).toString();
    for (const QString &file : contextFiles) {
        const QString path = context + u'/' + file;
        if (file.endsWith(u'/')) {
            QVERIFY(QDir().mkpath(path));
        } else if (file == u".dockerignore") {
            QVERIFY(writeFile(path,
                              testCase.value(QStringLiteral("dockerignore")).toString().toUtf8()));
        } else if (QDir::cleanPath(path) == dockerfile) {
            QVERIFY(writeFile(path, dockerfileText));
        } else if (QDir::cleanPath(path) == dockerfile + QStringLiteral(".dockerignore")) {
            QVERIFY(writeFile(path, specificIgnore.toUtf8()));
        } else {
            QVERIFY(writeFile(path, file.toUtf8()));
        }
    }
    if (!QFile::exists(dockerfile)) {
        QVERIFY(writeFile(dockerfile, dockerfileText));
    }
    if (!specificIgnore.isEmpty()) {
        QVERIFY(writeFile(dockerfile + QStringLiteral(".dockerignore"), specificIgnore.toUtf8()));
    }
    const QJsonValue ignoreText = testCase.value(QStringLiteral("dockerignore"));
    if (ignoreText.isString() && !QFile::exists(context + QStringLiteral("/.dockerignore"))) {
        QVERIFY(
            writeFile(context + QStringLiteral("/.dockerignore"), ignoreText.toString().toUtf8()));
    }

    ImageBuildRequest request;
    request.dockerfile = dockerfile;
    request.context = context;
    request.target = testCase.value(QStringLiteral("target")).toString();
    const QJsonObject buildArgs = testCase.value(QStringLiteral("build_args")).toObject();
    for (auto it = buildArgs.begin(); it != buildArgs.end(); ++it) {
        request.buildArgs.insert(it.key(), it.value().toString());
    }
    const ImageSimulation simulation = ImageSimulator::simulate(request);

    if (testCase.value(QStringLiteral("expected_error")).toBool()) {
        QVERIFY2(simulation.failed, "BuildKit fails this build");
        QVERIFY(!simulation.findings.isEmpty());
        QVERIFY(simulation.findings.first().line > 0);
        return;
    }
    QVERIFY2(!simulation.failed, simulation.findings.isEmpty()
                                     ? "failed"
                                     : qPrintable(simulation.findings.first().message));

    QStringList files = imageFiles(simulation);
    std::sort(files.begin(), files.end());
    QCOMPARE(files, sortedStrings(testCase.value(QStringLiteral("expected_image_files"))));

    const QJsonObject origins = testCase.value(QStringLiteral("expected_origins")).toObject();
    for (auto it = origins.begin(); it != origins.end(); ++it) {
        if (it.value().isNull()) {
            continue;
        }
        const ImageNode *node = simulation.find(it.key());
        QVERIFY2(node, qPrintable(it.key()));
        QString origin;
        if (node->origin == ImageNode::Origin::Heredoc) {
            origin = QStringLiteral("<heredoc>");
        } else if (node->origin == ImageNode::Origin::Context) {
            origin = simulation.buildContext->entries().at(node->contextIndex).path;
        }
        QCOMPARE(origin, it.value().toString());
        QVERIFY(node->line > 0);
    }

    QStringList emptyDirs;
    for (qsizetype i = 0; i < simulation.image.size(); ++i) {
        const ImageNode &node = simulation.image.at(i);
        const bool hasChild = i + 1 < simulation.image.size() &&
                              simulation.image.at(i + 1).path.startsWith(node.path + u'/');
        if (node.directory && !hasChild) {
            emptyDirs.append(node.path + u'/');
        }
    }
    std::sort(emptyDirs.begin(), emptyDirs.end());
    QCOMPARE(emptyDirs, sortedStrings(testCase.value(QStringLiteral("expected_empty_dirs"))));
    QCOMPARE(simulation.workdir,
             testCase.value(QStringLiteral("expected_final_workdir")).toString());
}

void TestImageSimulator::parseDirectivesAndContinuations()
{
    const Dockerfile df = Dockerfile::parse(QByteArrayLiteral("# syntax=docker/dockerfile:1\n"
                                                              "# escape=`\n"
                                                              "\n"
                                                              "# a comment\n"
                                                              "FROM python:3.12 AS Build\n"
                                                              "  run echo a `\n"
                                                              "# dropped\n"
                                                              "    b\n"
                                                              "COPY --from=build --chown=1:1 "
                                                              "[\"a b\", \"/x/\"]\n"
                                                              "CMD python -m app\n"),
                                            QStringLiteral("Dockerfile"));
    QVERIFY(df.isValid());
    QCOMPARE(df.escape(), QChar(u'`'));
    QCOMPARE(df.syntax(), QStringLiteral("docker/dockerfile:1"));
    QCOMPARE(df.instructions().size(), 4);
    const DockerInstruction &from = df.instructions().at(0);
    QCOMPARE(from.line, 5);
    QCOMPARE(from.args, QStringList({QStringLiteral("python:3.12"), QStringLiteral("AS"),
                                     QStringLiteral("Build")}));
    const DockerInstruction &run = df.instructions().at(1);
    QCOMPARE(run.keyword, QStringLiteral("RUN"));
    QCOMPARE(run.line, 6);
    QCOMPARE(run.arguments, QStringLiteral("echo a     b"));
    const DockerInstruction &copy = df.instructions().at(2);
    QCOMPARE(copy.line, 9);
    QVERIFY(copy.jsonForm);
    QCOMPARE(copy.args, QStringList({QStringLiteral("a b"), QStringLiteral("/x/")}));
    QCOMPARE(copy.flag(QStringLiteral("from")), QStringLiteral("build"));
    QCOMPARE(copy.flag(QStringLiteral("chown")), QStringLiteral("1:1"));
    QVERIFY(!df.instructions().at(3).jsonForm);

    // A directive after a comment is only a comment.
    const Dockerfile late =
        Dockerfile::parse(QByteArrayLiteral("# hello\n# escape=`\nFROM scratch\n"));
    QCOMPARE(late.escape(), QChar(u'\\'));
}

void TestImageSimulator::parseHeredocs()
{
    const Dockerfile df = Dockerfile::parse(QByteArrayLiteral("FROM scratch\n"
                                                              "COPY <<-\"EOF\" <<B /dst/\n"
                                                              "\tone $X\n"
                                                              "\tEOF\n"
                                                              "two\n"
                                                              "B\n"
                                                              "RUN echo hi\n"));
    QVERIFY(df.isValid());
    QCOMPARE(df.instructions().size(), 3);
    const DockerInstruction &copy = df.instructions().at(1);
    QCOMPARE(copy.heredocs.size(), 2);
    QCOMPARE(copy.heredocs.at(0).name, QStringLiteral("EOF"));
    QVERIFY(copy.heredocs.at(0).chomp);
    QVERIFY(!copy.heredocs.at(0).expand);
    QCOMPARE(copy.heredocs.at(0).content, QStringLiteral("one $X\n"));
    QCOMPARE(copy.heredocs.at(1).content, QStringLiteral("two\n"));
    QCOMPARE(copy.endLine, 6);
    QCOMPARE(df.instructions().at(2).line, 7);
}

void TestImageSimulator::parseErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown-instruction")
        << QByteArray("FROM scratch\n\nCOPPY a /b\n") << 3 << QStringLiteral("COPPY");
    QTest::newRow("unterminated-heredoc")
        << QByteArray("FROM scratch\nRUN <<EOF\necho hi\n") << 2 << QStringLiteral("EOF");
    QTest::newRow("copy-one-arg") << QByteArray("FROM scratch\nCOPY onlyone\n") << 2
                                  << QStringLiteral("COPY");
    QTest::newRow("bad-escape") << QByteArray("# escape=x\nFROM scratch\n") << 1
                                << QStringLiteral("x");
    QTest::newRow("no-from") << QByteArray("RUN true\n") << 1 << QStringLiteral("RUN");
    QTest::newRow("json-non-string")
        << QByteArray("FROM scratch\nCMD [\"a\", 1]\n") << 2 << QStringLiteral("CMD");
}

void TestImageSimulator::parseErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, mentions);
    const Dockerfile df = Dockerfile::parse(text, QStringLiteral("/p/Dockerfile"));
    QVERIFY(!df.isValid());
    QVERIFY(!df.findings().isEmpty());
    const Finding &finding = df.findings().first();
    QCOMPARE(finding.code, QStringLiteral("dockerfile-error"));
    QCOMPARE(finding.file, QStringLiteral("/p/Dockerfile"));
    QCOMPARE(finding.line, line);
    QVERIFY2(finding.message.contains(mentions), qPrintable(finding.message));
}

void TestImageSimulator::variableExpansion_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("expanded");
    QTest::newRow("plain") << QStringLiteral("$A/x") << QStringLiteral("one/x");
    QTest::newRow("braces") << QStringLiteral("${A}x") << QStringLiteral("onex");
    QTest::newRow("default-unset") << QStringLiteral("${NOPE:-d}") << QStringLiteral("d");
    QTest::newRow("default-empty") << QStringLiteral("${EMPTY:-d}") << QStringLiteral("d");
    QTest::newRow("dash-empty-is-set") << QStringLiteral("${EMPTY-d}") << QString();
    QTest::newRow("plus-set") << QStringLiteral("${A:+alt}") << QStringLiteral("alt");
    QTest::newRow("plus-unset") << QStringLiteral("${NOPE:+alt}") << QString();
    QTest::newRow("single-quotes") << QStringLiteral("'$A'") << QStringLiteral("$A");
    QTest::newRow("double-quotes") << QStringLiteral("\"$A b\"") << QStringLiteral("one b");
    QTest::newRow("escaped-dollar") << QStringLiteral("\\$A") << QStringLiteral("$A");
    QTest::newRow("suffix-trim") << QStringLiteral("${F%.py}") << QStringLiteral("main");
    QTest::newRow("prefix-trim") << QStringLiteral("${F#ma}") << QStringLiteral("in.py");
}

void TestImageSimulator::variableExpansion()
{
    QFETCH(QString, word);
    QFETCH(QString, expanded);
    BuildVariables vars;
    vars.set(QStringLiteral("A"), QStringLiteral("one"));
    vars.set(QStringLiteral("EMPTY"), QString());
    vars.set(QStringLiteral("F"), QStringLiteral("main.py"));
    QCOMPARE(ShellWord::expand(word, vars), expanded);
}

void TestImageSimulator::runCleanup_data()
{
    QTest::addColumn<QString>("run");
    QTest::addColumn<QStringList>("remaining");
    QTest::addColumn<bool>("simulated");
    const QStringList all = {QStringLiteral("/app/a.py"),
                             QStringLiteral("/app/__pycache__/a.cpython-311.pyc"),
                             QStringLiteral("/app/b.pyc")};
    QTest::newRow("seed1-find-exec-rm")
        << QStringLiteral("RUN find /app -type d -name \"__pycache__\" -exec rm -rf {} + "
                          "2>/dev/null || true && \\\n    find /app -type f -name \"*.pyc\" "
                          "-delete 2>/dev/null || true && \\\n    echo done")
        << QStringList{QStringLiteral("/app/a.py")} << true;
    QTest::newRow("find-pyc-delete-relative") << QStringLiteral("RUN find . -name '*.pyc' -delete")
                                              << QStringList{QStringLiteral("/app/a.py")} << true;
    QTest::newRow("pyclean") << QStringLiteral("RUN pyclean .")
                             << QStringList{QStringLiteral("/app/a.py")} << true;
    QTest::newRow("other") << QStringLiteral("RUN pip install -r requirements.txt") << all << false;
    QTest::newRow("find-without-delete")
        << QStringLiteral("RUN find /app -name '*.pyc'") << all << false;
}

void TestImageSimulator::runCleanup()
{
    QFETCH(QString, run);
    QFETCH(QStringList, remaining);
    QFETCH(bool, simulated);
    const ImageSimulation simulation = simulateText(
        QStringLiteral("FROM python:3.12\nWORKDIR /app\nCOPY app/ .\n") + run +
            QStringLiteral("\n"),
        {QStringLiteral("app/a.py"), QStringLiteral("app/__pycache__/a.cpython-311.pyc"),
         QStringLiteral("app/b.pyc")});
    QVERIFY(!simulation.failed);
    QStringList files = imageFiles(simulation);
    std::sort(files.begin(), files.end());
    std::sort(remaining.begin(), remaining.end());
    QCOMPARE(files, remaining);
    QCOMPARE(simulation.runs.size(), 1);
    QCOMPARE(simulation.runs.first().simulated, simulated);
    QCOMPARE(simulation.runs.first().line, 4);
    if (simulated) {
        // The removed files say which RUN line removed them.
        for (const ContextFileFate &fate : simulation.files) {
            if (fate.contextPath.endsWith(QStringLiteral(".pyc"))) {
                QCOMPARE(fate.kind, ContextFileFate::Kind::RemovedByRun);
                QCOMPARE(fate.reasonLine, 4);
            }
        }
    }
}

void TestImageSimulator::fatesAndReasons()
{
    const ImageSimulation simulation = simulateText(
        QStringLiteral("FROM python:3.12\nENV PYTHONDONTWRITEBYTECODE=1\nWORKDIR /app\n"
                       "COPY ./back/api ./\nCOPY back/alembic.ini back/alembic.ini /cfg/\n"
                       "USER app\nCMD [\"alembic\", \"upgrade\", \"head\"]\n"),
        {QStringLiteral("back/api/main.py"), QStringLiteral("back/api/__pycache__/main.pyc"),
         QStringLiteral("back/alembic.ini"), QStringLiteral("back/alembic/env.py")},
        QByteArrayLiteral("# py\n**/__pycache__\n"));
    QVERIFY(!simulation.failed);
    QVERIFY(simulation.pythonDontWriteBytecode);
    QCOMPARE(simulation.pythonDontWriteBytecodeLine, 2);
    QCOMPARE(simulation.user, QStringLiteral("app"));
    QCOMPARE(simulation.cmd, QStringList({QStringLiteral("alembic"), QStringLiteral("upgrade"),
                                          QStringLiteral("head")}));
    QCOMPARE(simulation.workdir, QStringLiteral("/app"));
    bool sawIgnored = false;
    bool sawNotCopied = false;
    for (const ContextFileFate &fate : simulation.files) {
        if (fate.contextPath == u"back/api/main.py") {
            QVERIFY(fate.included);
            QCOMPARE(fate.imagePath, QStringLiteral("/app/main.py"));
            QCOMPARE(fate.reasonLine, 4);
            QCOMPARE(fate.reasonText, QStringLiteral("COPY ./back/api ./"));
        } else if (fate.contextPath == u"back/api/__pycache__/main.pyc") {
            QCOMPARE(fate.kind, ContextFileFate::Kind::Ignored);
            QVERIFY(fate.reasonFile.endsWith(QStringLiteral(".dockerignore")));
            QCOMPARE(fate.reasonLine, 2);
            QCOMPARE(fate.reasonText, QStringLiteral("**/__pycache__"));
            sawIgnored = true;
        } else if (fate.contextPath == u"back/alembic/env.py") {
            QCOMPARE(fate.kind, ContextFileFate::Kind::NotCopied);
            QVERIFY(!fate.included);
            sawNotCopied = true;
        } else if (fate.contextPath == u"back/alembic.ini") {
            QCOMPARE(fate.imagePath, QStringLiteral("/cfg/alembic.ini"));
        }
    }
    QVERIFY(sawIgnored);
    QVERIFY(sawNotCopied);
    QCOMPARE(simulation.imagePathsOf(QStringLiteral("back/alembic.ini")),
             QStringList{QStringLiteral("/cfg/alembic.ini")});
}

void TestImageSimulator::fromStageUnknownContent()
{
    const ImageSimulation simulation = simulateText(
        QStringLiteral("FROM python:3.12 AS builder\nRUN python -m venv /app/.venv\n"
                       "FROM python:3.12-slim\nCOPY --from=builder /app/.venv /app/.venv\n"
                       "COPY --from=nginx:latest /etc/nginx/nginx.conf /etc/nginx/\n"),
        {});
    QVERIFY(!simulation.failed);
    const ImageNode *venv = simulation.find(QStringLiteral("/app/.venv"));
    QVERIFY(venv);
    QCOMPARE(venv->origin, ImageNode::Origin::FromStage);
    QCOMPARE(venv->viaStage, QStringLiteral("builder"));
    QCOMPARE(venv->stagePath, QStringLiteral("/app/.venv"));
    QCOMPARE(venv->line, 4);
    const ImageNode *conf = simulation.find(QStringLiteral("/etc/nginx/nginx.conf"));
    QVERIFY(conf);
    QCOMPARE(conf->viaStage, QStringLiteral("nginx:latest"));
    // The builder's RUN is listed as not simulated.
    QCOMPARE(simulation.runs.size(), 1);
    QVERIFY(!simulation.runs.first().simulated);
}

void TestImageSimulator::symlinkedFolderNotFollowed()
{
    QTemporaryDir outside;
    QVERIFY(writeFile(outside.path() + QStringLiteral("/secret.txt"), "x"));
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.path() + QStringLiteral("/app/a.py"), "x"));
    QVERIFY(QFile::link(outside.path(), dir.path() + QStringLiteral("/app/linked")));
    QVERIFY(
        QFile::link(dir.path() + QStringLiteral("/app"), dir.path() + QStringLiteral("/app/loop")));
    const ImageSimulation simulation =
        simulateText(QStringLiteral("FROM scratch\nCOPY . /x/\n"), {}, QByteArray(), &dir);
    QVERIFY(!simulation.failed);
    for (const ContextFileFate &fate : simulation.files) {
        QVERIFY2(!fate.contextPath.contains(QStringLiteral("secret")),
                 qPrintable(fate.contextPath));
        QVERIFY(!fate.contextPath.startsWith(QStringLiteral("app/loop/")));
    }
    QVERIFY(simulation.find(QStringLiteral("/x/app/linked")));
    QVERIFY(!simulation.find(QStringLiteral("/x/app/linked/secret.txt")));
}

QTEST_GUILESS_MAIN(TestImageSimulator)
#include "tst_imagesimulator.moc"
