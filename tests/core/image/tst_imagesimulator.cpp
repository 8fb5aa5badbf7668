// ImageSimulator against the 47 end-to-end COPY cases of ../shared (derived
// from BuildKit's sources and tests), plus Dockerfile parsing and RUN
// clean-up recognition.

#include "image/dockerfile.h"
#include "image/imagesimulator.h"
#include "image/shellword.h"
#include "image/tararchive.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstring>

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

// Runs `tar` (or another tool) in `directory`; false when it is missing or fails.
bool runTool(const QString &directory, const QString &program, const QStringList &args)
{
    if (QStandardPaths::findExecutable(program).isEmpty()) {
        return false;
    }
    QProcess process;
    process.setWorkingDirectory(directory);
    process.start(program, args);
    return process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit &&
           process.exitCode() == 0;
}

ImageSimulation simulateIn(QTemporaryDir &dir, const QString &dockerfile)
{
    writeFile(dir.path() + QStringLiteral("/Dockerfile"), dockerfile.toUtf8());
    ImageBuildRequest request;
    request.dockerfile = dir.path() + QStringLiteral("/Dockerfile");
    request.context = dir.path();
    return ImageSimulator::simulate(request);
}

bool hasFinding(const ImageSimulation &simulation, const QString &code, int line)
{
    for (const Finding &finding : simulation.findings) {
        if (finding.code == code && finding.line == line) {
            return true;
        }
    }
    return false;
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
    void addArchive_data();
    void addArchive();
    void malformedArchive_data();
    void malformedArchive();
    void symlinkSources_data();
    void symlinkSources();
    void tarLongNames_data();
    void tarLongNames();
    void tarMemberCap();
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
    QTest::newRow("find-xargs-rm-f") << QStringLiteral("RUN find /app -name '*.pyc' | xargs rm -f")
                                     << QStringList{QStringLiteral("/app/a.py")} << true;
    QTest::newRow("find-pycache-xargs-rm-rf")
        << QStringLiteral("RUN find . -name __pycache__ -type d | xargs rm -rf")
        << QStringList{QStringLiteral("/app/a.py"), QStringLiteral("/app/b.pyc")} << true;
    QTest::newRow("find-print0-xargs-0")
        << QStringLiteral("RUN find /app -name '*.pyc' -print0 | xargs -0 rm -rf")
        << QStringList{QStringLiteral("/app/a.py")} << true;
    QTest::newRow("xargs-rm-without-r-keeps-folders")
        << QStringLiteral("RUN find /app -name __pycache__ | xargs rm -f") << all << true;
    QTest::newRow("rm-rf-literal")
        << QStringLiteral("RUN rm -rf __pycache__")
        << QStringList{QStringLiteral("/app/a.py"), QStringLiteral("/app/b.pyc")} << true;
    QTest::newRow("rm-f-glob") << QStringLiteral("RUN rm -f *.pyc")
                               << QStringList{QStringLiteral("/app/a.py"),
                                              QStringLiteral("/app/__pycache__/a.cpython-311.pyc")}
                               << true;
    QTest::newRow("rm-f-absolute-glob")
        << QStringLiteral("RUN rm -f /app/__pycache__/*.pyc /app/b.pyc")
        << QStringList{QStringLiteral("/app/a.py")} << true;
    QTest::newRow("rm-without-r-on-folder")
        << QStringLiteral("RUN rm -f /app/__pycache__") << all << true;
    QTest::newRow("rm-command-substitution")
        << QStringLiteral("RUN rm -rf $(pip cache dir)") << all << false;
    QTest::newRow("rm-brace-expansion")
        << QStringLiteral("RUN rm -rf /app/{a,b}.pyc") << all << false;
    QTest::newRow("rm-home") << QStringLiteral("RUN rm -rf ~/.cache") << all << false;
    QTest::newRow("apt-lists") << QStringLiteral(
                                      "RUN apt-get update && rm -rf /var/lib/apt/lists/*")
                               << all << true;
    QTest::newRow("pipe-to-shell") << QStringLiteral("RUN curl -s https://x | sh") << all << false;
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
            if (fate.contextPath.endsWith(QStringLiteral(".pyc")) && !fate.included) {
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

void TestImageSimulator::addArchive_data()
{
    QTest::addColumn<QString>("instruction");
    QTest::addColumn<QStringList>("files");
    // -1: no extraction, 0: extracted with contents not read, 1: members read.
    QTest::addColumn<int>("extraction");
    const QStringList members = {QStringLiteral("/opt/pkg/a.py"), QStringLiteral("/opt/pkg/link"),
                                 QStringLiteral("/opt/pkg/sub/b.txt")};
    QTest::newRow("tar") << QStringLiteral("ADD app.tar /opt/") << members << 1;
    QTest::newRow("gzip-dest-without-slash")
        << QStringLiteral("ADD app.tar.gz /opt") << members << 1;
    QTest::newRow("gzip-detected-by-content")
        << QStringLiteral("ADD data.bin /opt/") << members << 1;
    QTest::newRow("copy-never-extracts") << QStringLiteral("COPY app.tar.gz /opt/")
                                         << QStringList{QStringLiteral("/opt/app.tar.gz")} << -1;
    QTest::newRow("unpack-false") << QStringLiteral("ADD --unpack=false app.tar.gz /opt/")
                                  << QStringList{QStringLiteral("/opt/app.tar.gz")} << -1;
    QTest::newRow("remote-url") << QStringLiteral("ADD https://example.com/app.tar.gz /opt/")
                                << QStringList{QStringLiteral("/opt/app.tar.gz")} << -1;
    QTest::newRow("gzip-not-tar") << QStringLiteral("ADD notes.txt.gz /opt/")
                                  << QStringList{QStringLiteral("/opt/notes.txt.gz")} << -1;
    QTest::newRow("plain-file") << QStringLiteral("ADD notes.txt /opt/")
                                << QStringList{QStringLiteral("/opt/notes.txt")} << -1;
    // Read when the library was built with libbz2 / liblzma, else only recognised.
    const bool bzip2 = TarArchive::canRead(TarListing::Compression::Bzip2);
    const bool xz = TarArchive::canRead(TarListing::Compression::Xz);
    QTest::newRow("bzip2") << QStringLiteral("ADD app.tar.bz2 /opt/")
                           << (bzip2 ? members : QStringList()) << (bzip2 ? 1 : 0);
    QTest::newRow("xz") << QStringLiteral("ADD app.tar.xz /opt/") << (xz ? members : QStringList())
                        << (xz ? 1 : 0);
}

void TestImageSimulator::addArchive()
{
    QFETCH(QString, instruction);
    QFETCH(QStringList, files);
    QFETCH(int, extraction);
    QTemporaryDir payload;
    QTemporaryDir dir;
    QVERIFY(writeFile(payload.path() + QStringLiteral("/pkg/a.py"), "print(1)\n"));
    QVERIFY(writeFile(payload.path() + QStringLiteral("/pkg/sub/b.txt"), QByteArray(1500, 'b')));
    QVERIFY(QFile::link(QStringLiteral("a.py"), payload.path() + QStringLiteral("/pkg/link")));
    QVERIFY(writeFile(dir.path() + QStringLiteral("/notes.txt"), "plain\n"));
    const QString out = dir.path() + u'/';
    if (!runTool(payload.path(), QStringLiteral("tar"),
                 {QStringLiteral("cf"), out + QStringLiteral("app.tar"), QStringLiteral("pkg")}) ||
        !runTool(
            payload.path(), QStringLiteral("tar"),
            {QStringLiteral("czf"), out + QStringLiteral("app.tar.gz"), QStringLiteral("pkg")})) {
        QSKIP("`tar` is not available to build test archives");
    }
    QVERIFY(QFile::copy(out + QStringLiteral("app.tar.gz"), out + QStringLiteral("data.bin")));
    QVERIFY(runTool(dir.path(), QStringLiteral("gzip"),
                    {QStringLiteral("-k"), QStringLiteral("notes.txt")}));
    if (instruction.contains(QStringLiteral(".bz2")) &&
        !runTool(
            payload.path(), QStringLiteral("tar"),
            {QStringLiteral("cjf"), out + QStringLiteral("app.tar.bz2"), QStringLiteral("pkg")})) {
        QSKIP("`tar cjf` (bzip2) is not available");
    }
    if (instruction.contains(QStringLiteral(".xz")) &&
        !runTool(
            payload.path(), QStringLiteral("tar"),
            {QStringLiteral("cJf"), out + QStringLiteral("app.tar.xz"), QStringLiteral("pkg")})) {
        QSKIP("`tar cJf` (xz) is not available");
    }

    const ImageSimulation simulation =
        simulateIn(dir, QStringLiteral("FROM alpine\n") + instruction + u'\n');
    QVERIFY(!simulation.failed);
    QStringList actual = imageFiles(simulation);
    std::sort(actual.begin(), actual.end());
    QCOMPARE(actual, files);
    QVERIFY(!hasFinding(simulation, QStringLiteral("image-archive-error"), 2));
    if (extraction < 0) {
        QVERIFY(simulation.extractions.isEmpty());
        return;
    }
    QCOMPARE(simulation.extractions.size(), 1);
    const RunStep &step = simulation.extractions.first();
    QCOMPARE(step.line, 2);
    QCOMPARE(step.simulated, extraction == 1);
    const QString archive = instruction.section(u' ', 1, 1);
    const ImageNode *folder = simulation.find(QStringLiteral("/opt"));
    QVERIFY(folder);
    QVERIFY(folder->directory);
    QCOMPARE(folder->archive, archive);
    QVERIFY(folder->archiveMember.isEmpty());
    // The archive itself is not in the image; its fate points at the folder.
    QCOMPARE(simulation.imagePathsOf(archive), QStringList{QStringLiteral("/opt")});
    if (extraction == 0) {
        QVERIFY2(step.effect.contains(QStringLiteral("contents not read")),
                 qPrintable(step.effect));
        return;
    }
    const ImageNode *member = simulation.find(QStringLiteral("/opt/pkg/a.py"));
    QVERIFY(member);
    QCOMPARE(member->archive, archive);
    QCOMPARE(member->archiveMember, QStringLiteral("pkg/a.py"));
    QCOMPARE(member->line, 2);
    const ImageNode *link = simulation.find(QStringLiteral("/opt/pkg/link"));
    QVERIFY(link);
    QVERIFY(link->symlink);
    QCOMPARE(link->linkTarget, QStringLiteral("a.py"));
    const ImageNode *sub = simulation.find(QStringLiteral("/opt/pkg/sub"));
    QVERIFY(sub);
    QVERIFY(sub->directory);
}

void TestImageSimulator::malformedArchive_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<bool>("finding");
    QTest::newRow("truncated-data") << QStringLiteral("truncate-tar") << true;
    QTest::newRow("bad-second-header") << QStringLiteral("garbage-header") << true;
    QTest::newRow("truncated-gzip") << QStringLiteral("truncate-gzip") << true;
    QTest::newRow("huge-size-field") << QStringLiteral("huge-size") << true;
    QTest::newRow("garbage-first-block") << QStringLiteral("garbage") << false;
    QTest::newRow("empty-file") << QStringLiteral("empty") << false;
    QTest::newRow("gzip-broken-at-start") << QStringLiteral("gzip-header-only") << true;
}

void TestImageSimulator::malformedArchive()
{
    QFETCH(QString, damage);
    QFETCH(bool, finding);
    QTemporaryDir payload;
    QTemporaryDir dir;
    // Incompressible, so a gzip cut in half still holds the first header.
    QByteArray noise(4096, '\0');
    quint32 seed = 12345;
    for (char &c : noise) {
        seed = seed * 1103515245u + 12345u;
        c = char(seed >> 24);
    }
    QVERIFY(writeFile(payload.path() + QStringLiteral("/big.bin"), noise));
    QVERIFY(writeFile(payload.path() + QStringLiteral("/small.txt"), "s"));
    const QString tarPath = payload.path() + QStringLiteral("/t.tar");
    if (!runTool(payload.path(), QStringLiteral("tar"),
                 {QStringLiteral("cf"), tarPath, QStringLiteral("big.bin"),
                  QStringLiteral("small.txt")}) ||
        !runTool(payload.path(), QStringLiteral("tar"),
                 {QStringLiteral("czf"), tarPath + QStringLiteral(".gz"), QStringLiteral("big.bin"),
                  QStringLiteral("small.txt")})) {
        QSKIP("`tar` is not available to build test archives");
    }
    QFile tarFile(tarPath);
    QVERIFY(tarFile.open(QIODevice::ReadOnly));
    QByteArray tar = tarFile.readAll();
    QFile gzFile(tarPath + QStringLiteral(".gz"));
    QVERIFY(gzFile.open(QIODevice::ReadOnly));
    const QByteArray gz = gzFile.readAll();
    QByteArray bytes;
    if (damage == u"truncate-tar") {
        bytes = tar.left(512 + 1000);
    } else if (damage == u"garbage-header") {
        // The second member's header (after 4096 bytes of data) is overwritten.
        bytes = tar;
        bytes.replace(512 + 4096, 512, QByteArray(512, 'z'));
    } else if (damage == u"truncate-gzip") {
        bytes = gz.left(gz.size() / 2);
    } else if (damage == u"huge-size") {
        // Size 077777777777 (8 GiB) with a fixed checksum: the data is missing.
        bytes = tar;
        bytes.replace(124, 12, QByteArray("77777777777\0", 12));
        qint64 sum = 0;
        for (int i = 0; i < 512; ++i) {
            sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(bytes.at(i));
        }
        bytes.replace(148, 8,
                      QByteArray::number(sum, 8).rightJustified(6, '0') + QByteArray("\0 ", 2));
    } else if (damage == u"gzip-header-only") {
        bytes = gz.left(30);
    } else if (damage == u"garbage") {
        bytes = QByteArray(2048, 'q');
    }
    QVERIFY(writeFile(dir.path() + QStringLiteral("/broken.tar"), bytes));
    const ImageSimulation simulation =
        simulateIn(dir, QStringLiteral("FROM alpine\nADD broken.tar /opt/\n"));
    QCOMPARE(hasFinding(simulation, QStringLiteral("image-archive-error"), 2), finding);
    if (damage == u"gzip-header-only") {
        // Not readable as a tar: copied as it is, with a warning.
        QVERIFY(simulation.find(QStringLiteral("/opt/broken.tar")));
    } else if (finding) {
        // What could be read before the damage is still listed.
        QVERIFY(simulation.find(QStringLiteral("/opt/big.bin")));
        QCOMPARE(simulation.extractions.size(), 1);
    } else {
        // Not a tar: ADD copies the file as it is.
        QVERIFY(simulation.find(QStringLiteral("/opt/broken.tar")));
        QVERIFY(simulation.extractions.isEmpty());
    }
}

void TestImageSimulator::symlinkSources_data()
{
    QTest::addColumn<QString>("instruction");
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<bool>("failed");
    QTest::newRow("file-link-copies-target")
        << QStringLiteral("COPY cfg /x/") << QStringList{QStringLiteral("/x/cfg")} << false;
    QTest::newRow("folder-link-copies-contents")
        << QStringLiteral("COPY app /x/")
        << QStringList{QStringLiteral("/x/a.py"), QStringLiteral("/x/b.py")} << false;
    QTest::newRow("through-linked-folder")
        << QStringLiteral("COPY app/a.py /x/") << QStringList{QStringLiteral("/x/a.py")} << false;
    QTest::newRow("wildcard-matches-link")
        << QStringLiteral("COPY c* /x/")
        << QStringList{QStringLiteral("/x/cfg"), QStringLiteral("/x/config.ini")} << false;
    QTest::newRow("links-inside-folder-stay-links")
        << QStringLiteral("COPY tree /x/")
        << QStringList{QStringLiteral("/x/f.txt"), QStringLiteral("/x/l")} << false;
    QTest::newRow("absolute-link-outside")
        << QStringLiteral("COPY abs /x/") << QStringList() << true;
    QTest::newRow("relative-link-outside")
        << QStringLiteral("COPY up /x/") << QStringList() << true;
    QTest::newRow("link-to-ignored")
        << QStringLiteral("COPY secretlink /x/") << QStringList() << true;
}

void TestImageSimulator::symlinkSources()
{
    QFETCH(QString, instruction);
    QFETCH(QStringList, files);
    QFETCH(bool, failed);
    QTemporaryDir dir;
    const QString root = dir.path() + u'/';
    QVERIFY(writeFile(root + QStringLiteral("real/a.py"), "a"));
    QVERIFY(writeFile(root + QStringLiteral("real/b.py"), "b"));
    QVERIFY(writeFile(root + QStringLiteral("config.ini"), "[x]\n"));
    QVERIFY(writeFile(root + QStringLiteral("tree/f.txt"), "f"));
    QVERIFY(writeFile(root + QStringLiteral("secret.env"), "k=v"));
    QVERIFY(writeFile(root + QStringLiteral(".dockerignore"), "secret.env\n"));
    QVERIFY(QFile::link(QStringLiteral("config.ini"), root + QStringLiteral("cfg")));
    QVERIFY(QFile::link(QStringLiteral("real"), root + QStringLiteral("app")));
    QVERIFY(QFile::link(QStringLiteral("/etc/passwd"), root + QStringLiteral("abs")));
    QVERIFY(QFile::link(QStringLiteral("../outside.txt"), root + QStringLiteral("up")));
    QVERIFY(QFile::link(QStringLiteral("secret.env"), root + QStringLiteral("secretlink")));
    QVERIFY(QFile::link(QStringLiteral("../config.ini"), root + QStringLiteral("tree/l")));
    const ImageSimulation simulation =
        simulateIn(dir, QStringLiteral("FROM scratch\n") + instruction + u'\n');
    QCOMPARE(simulation.failed, failed);
    QStringList actual = imageFiles(simulation);
    std::sort(actual.begin(), actual.end());
    QCOMPARE(actual, files);
    if (failed) {
        QVERIFY(hasFinding(simulation, QStringLiteral("image-build-error"), 2));
        if (instruction.contains(QStringLiteral("abs")) ||
            instruction.contains(QStringLiteral("up"))) {
            QVERIFY(simulation.findings.last().message.contains(
                QStringLiteral("outside the build context")));
        }
        return;
    }
    if (const ImageNode *cfg = simulation.find(QStringLiteral("/x/cfg"))) {
        // The copy holds the target's content: it is the config.ini entry.
        QVERIFY(!cfg->symlink);
        QCOMPARE(simulation.buildContext->entries().at(cfg->contextIndex).path,
                 QStringLiteral("config.ini"));
    }
    if (const ImageNode *link = simulation.find(QStringLiteral("/x/l"))) {
        QVERIFY(link->symlink);
        QCOMPARE(link->linkTarget, QStringLiteral("../config.ini"));
    }
}

void TestImageSimulator::tarLongNames_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("gnu") << QStringLiteral("--format=gnu");
    QTest::newRow("pax") << QStringLiteral("--format=pax");
    QTest::newRow("ustar") << QStringLiteral("--format=ustar");
}

void TestImageSimulator::tarLongNames()
{
    QFETCH(QString, format);
    QTemporaryDir payload;
    // Past the 100-byte name field, yet splittable into ustar's prefix and name.
    const QString top = QStringLiteral("d").repeated(60);
    const QString folder = top + u'/' + QStringLiteral("e").repeated(60);
    const QString name = folder + u'/' + QStringLiteral("f").repeated(30) + QStringLiteral(".py");
    QVERIFY(writeFile(payload.path() + u'/' + name, "x"));
    // ustar cannot hold a link target over 100 bytes; the others can.
    const QString target = QStringLiteral("t").repeated(format == u"--format=ustar" ? 50 : 110);
    QVERIFY(QFile::link(target, payload.path() + QStringLiteral("/l")));
    if (!runTool(
            payload.path(), QStringLiteral("tar"),
            {format, QStringLiteral("-cf"), QStringLiteral("a.tar"), top, QStringLiteral("l")})) {
        QSKIP("`tar` with this format is not available");
    }
    const TarListing listing = TarArchive::read(payload.path() + QStringLiteral("/a.tar"));
    QVERIFY(listing.isArchive);
    QVERIFY(listing.contentsRead);
    QVERIFY2(listing.error.isEmpty(), qPrintable(listing.error));
    QCOMPARE(listing.members.size(), 4);
    QCOMPARE(listing.members.at(0).path, top);
    QCOMPARE(listing.members.at(1).path, folder);
    QCOMPARE(listing.members.at(1).type, TarMember::Type::Directory);
    QCOMPARE(listing.members.at(2).path, name);
    QCOMPARE(listing.members.at(2).size, 1);
    QCOMPARE(listing.members.at(3).path, QStringLiteral("l"));
    QCOMPARE(listing.members.at(3).type, TarMember::Type::SymLink);
    QCOMPARE(listing.members.at(3).linkTarget, target);
}

void TestImageSimulator::tarMemberCap()
{
    // One more empty member than the cap: listing stops with an error, no more.
    const int count = TarArchive::kMaxMembers + 1;
    QByteArray bytes(qsizetype(count + 2) * 512, '\0');
    for (int i = 0; i < count; ++i) {
        char *header = bytes.data() + qsizetype(i) * 512;
        const QByteArray name = "f" + QByteArray::number(i);
        std::memcpy(header, name.constData(), size_t(name.size()));
        std::memcpy(header + 100, "0000644", 7);
        std::memcpy(header + 124, "00000000000", 11);
        header[156] = '0';
        std::memcpy(header + 257,
                    "ustar\0"
                    "00",
                    8);
        unsigned sum = 0;
        for (int k = 0; k < 512; ++k) {
            sum += (k >= 148 && k < 156) ? unsigned(' ') : unsigned(uchar(header[k]));
        }
        const QByteArray checksum = QByteArray::number(sum, 8).rightJustified(6, '0');
        std::memcpy(header + 148, checksum.constData(), 6);
        header[154] = '\0';
        header[155] = ' ';
    }
    const TarListing listing = TarArchive::fromBytes(bytes);
    QVERIFY(listing.isArchive);
    QCOMPARE(listing.members.size(), TarArchive::kMaxMembers);
    QVERIFY(!listing.error.isEmpty());
    QCOMPARE(listing.members.last().path, QStringLiteral("f99999"));
}

QTEST_GUILESS_MAIN(TestImageSimulator)
#include "tst_imagesimulator.moc"
