// `revscope image` end to end: the binary on the seed fixtures and on
// temporary trees, checked against the contract's `revscope.image/1`.

#include "testsupport.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace TestSupport;

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

// The keys of every JSON object of a document, in the order written, objects
// in the order they open. (QJsonObject sorts its keys, so order is read here.)
QList<QStringList> objectKeys(const QByteArray &json)
{
    QList<QStringList> objects;
    QList<int> open; // indexes into `objects` of the objects being read
    QList<bool> isObject;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (c == '"') {
            qsizetype end = i + 1;
            while (end < json.size() && json.at(end) != '"') {
                end += json.at(end) == '\\' ? 2 : 1;
            }
            qsizetype after = end + 1;
            while (after < json.size() && QChar::isSpace(uchar(json.at(after)))) {
                ++after;
            }
            if (after < json.size() && json.at(after) == ':' && !isObject.isEmpty() &&
                isObject.last()) {
                objects[open.last()].append(QString::fromUtf8(json.mid(i + 1, end - i - 1)));
            }
            i = end;
        } else if (c == '{') {
            objects.append(QStringList());
            open.append(int(objects.size() - 1));
            isObject.append(true);
        } else if (c == '[') {
            open.append(open.isEmpty() ? -1 : open.last());
            isObject.append(false);
        } else if (c == '}' || c == ']') {
            open.removeLast();
            isObject.removeLast();
        }
    }
    return objects;
}

const QStringList kRootKeys{QStringLiteral("schema"), QStringLiteral("root"),
                            QStringLiteral("targets"), QStringLiteral("findings")};
const QStringList kTargetKeys{
    QStringLiteral("service"), QStringLiteral("compose_file"), QStringLiteral("dockerfile"),
    QStringLiteral("context"), QStringLiteral("ignore_file"),  QStringLiteral("workdir"),
    QStringLiteral("command"), QStringLiteral("files"),        QStringLiteral("findings")};
const QStringList kFileKeys{QStringLiteral("context_path"), QStringLiteral("image_path"),
                            QStringLiteral("included"), QStringLiteral("reason")};
const QStringList kFindingKeys{QStringLiteral("code"),     QStringLiteral("severity"),
                               QStringLiteral("message"),  QStringLiteral("environment"),
                               QStringLiteral("file"),     QStringLiteral("line"),
                               QStringLiteral("revision"), QStringLiteral("fix")};

QStringList codesOf(const QJsonArray &findings)
{
    QStringList codes;
    for (const QJsonValue &value : findings) {
        codes.append(value.toObject().value(QLatin1String("code")).toString());
    }
    return codes;
}

// Every finding of an image report: each target's and the top-level ones.
QJsonArray allFindings(const QJsonObject &report)
{
    QJsonArray all = report.value(QLatin1String("findings")).toArray();
    for (const QJsonValue &target : report.value(QLatin1String("targets")).toArray()) {
        for (const QJsonValue &finding :
             target.toObject().value(QLatin1String("findings")).toArray()) {
            all.append(finding);
        }
    }
    return all;
}

QJsonObject targetOf(const QJsonObject &report, const QString &composeFile)
{
    for (const QJsonValue &value : report.value(QLatin1String("targets")).toArray()) {
        if (value.toObject().value(QLatin1String("compose_file")).toString() == composeFile) {
            return value.toObject();
        }
    }
    return {};
}

QJsonObject fileOf(const QJsonObject &target, const QString &contextPath)
{
    for (const QJsonValue &value : target.value(QLatin1String("files")).toArray()) {
        if (value.toObject().value(QLatin1String("context_path")).toString() == contextPath) {
            return value.toObject();
        }
    }
    return {};
}

QStringList json(const QStringList &arguments)
{
    return QStringList{QStringLiteral("image")} + arguments +
           QStringList{QStringLiteral("--format"), QStringLiteral("json")};
}

// A small Alembic project whose image holds what Alembic needs.
void writeCleanProject(const QString &root)
{
    writeFile(root + QStringLiteral("/alembic.ini"), "[alembic]\nscript_location = migrations\n");
    writeFile(root + QStringLiteral("/migrations/env.py"), "# env\n");
    writeFile(root + QStringLiteral("/migrations/versions/001_first.py"),
              "revision = '001'\ndown_revision = None\nbranch_labels = None\n"
              "depends_on = None\n");
    writeFile(root + QStringLiteral("/.dockerignore"), "**/__pycache__\n**/*.pyc\n.git\n");
    writeFile(root + QStringLiteral("/Dockerfile"),
              "FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\n"
              "CMD [\"alembic\", \"upgrade\", \"head\"]\n");
}

} // namespace

class TestImageCommand : public QObject
{
    Q_OBJECT

private:
    QString seed(QTemporaryDir &dir, const char *name)
    {
        const QString root = QDir(dir.path()).canonicalPath();
        if (!copyTree(QStringLiteral(REVSCOPE_TEST_DATA "/image/") + QLatin1String(name), root)) {
            return QString();
        }
        return root;
    }

private Q_SLOTS:
    void seed003Json()
    {
        QTemporaryDir dir;
        const QString root = seed(dir, "seed003");
        QVERIFY(!root.isEmpty());
        const ProcessResult r = revscope(json({root}));
        QVERIFY(r.started);
        QCOMPARE(r.exitCode, 1); // image-missing-config is an error
        // One document, ended by exactly one newline.
        QVERIFY(r.out.endsWith("}\n") && !r.out.endsWith("\n\n"));
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error + QString::fromUtf8(r.err)));

        // Keys in the contract's order, in every object.
        const QList<QStringList> objects = objectKeys(r.out);
        QCOMPARE(objects.first(), kRootKeys);
        int targets = 0;
        int files = 0;
        int findings = 0;
        for (const QStringList &keys : objects.mid(1)) {
            if (keys.first() == u"service") {
                QCOMPARE(keys, kTargetKeys);
                ++targets;
            } else if (keys.first() == u"context_path") {
                QCOMPARE(keys, kFileKeys);
                ++files;
            } else {
                QCOMPARE(keys, kFindingKeys);
                ++findings;
            }
        }
        QCOMPARE(targets, 2);
        QVERIFY(files >= 10);
        QVERIFY(findings >= 2);

        QCOMPARE(report.value(QLatin1String("schema")).toString(),
                 QStringLiteral("revscope.image/1"));
        QCOMPARE(report.value(QLatin1String("root")).toString(), root);
        const QJsonObject prod = targetOf(report, QStringLiteral("docker-compose.prod.yml"));
        QVERIFY(!prod.isEmpty());
        QCOMPARE(prod.value(QLatin1String("service")).toString(), QStringLiteral("api"));
        QCOMPARE(prod.value(QLatin1String("dockerfile")).toString(),
                 QStringLiteral("back/api/Dockerfile.prod"));
        QCOMPARE(prod.value(QLatin1String("context")).toString(), QStringLiteral("."));
        QCOMPARE(prod.value(QLatin1String("ignore_file")).toString(),
                 QStringLiteral(".dockerignore"));
        QCOMPARE(prod.value(QLatin1String("workdir")).toString(), QStringLiteral("/app"));
        QCOMPARE(prod.value(QLatin1String("command")).toArray(),
                 (QJsonArray{QStringLiteral("sh"), QStringLiteral("-c"),
                             QStringLiteral("alembic upgrade head && uvicorn main:create_app "
                                            "--factory")}));

        const QJsonObject main = fileOf(prod, QStringLiteral("back/api/main.py"));
        QCOMPARE(main.value(QLatin1String("image_path")).toString(),
                 QStringLiteral("/app/main.py"));
        QCOMPARE(main.value(QLatin1String("included")).toBool(), true);
        QCOMPARE(main.value(QLatin1String("reason")).toString(),
                 QStringLiteral("back/api/Dockerfile.prod:4 COPY ./back/api ./"));
        const QJsonObject ini = fileOf(prod, QStringLiteral("back/alembic.ini"));
        QVERIFY(!ini.isEmpty());
        QVERIFY(ini.value(QLatin1String("image_path")).isNull());
        QCOMPARE(ini.value(QLatin1String("included")).toBool(true), false);
        QCOMPARE(ini.value(QLatin1String("reason")).toString(), QStringLiteral("not copied"));
        // requirements.txt is copied twice to the same path: the later COPY decides.
        const QJsonObject requirements = fileOf(prod, QStringLiteral("back/api/requirements.txt"));
        QCOMPARE(requirements.value(QLatin1String("image_path")).toString(),
                 QStringLiteral("/app/requirements.txt"));
        QCOMPARE(requirements.value(QLatin1String("reason")).toString(),
                 QStringLiteral("back/api/Dockerfile.prod:4 COPY ./back/api ./"));

        bool missingConfig = false;
        bool masks = false;
        for (const QJsonValue &value : prod.value(QLatin1String("findings")).toArray()) {
            const QJsonObject finding = value.toObject();
            const QString code = finding.value(QLatin1String("code")).toString();
            if (code == u"image-missing-config") {
                missingConfig = true;
                QCOMPARE(finding.value(QLatin1String("severity")).toString(),
                         QStringLiteral("error"));
                QCOMPARE(finding.value(QLatin1String("file")).toString(),
                         QStringLiteral("docker-compose.prod.yml"));
                QCOMPARE(finding.value(QLatin1String("line")).toInt(), 6);
                QVERIFY(finding.value(QLatin1String("fix"))
                            .toString()
                            .contains(QLatin1String("back/alembic.ini")));
            } else if (code == u"image-volume-masks") {
                masks = true;
                QCOMPARE(finding.value(QLatin1String("file")).toString(),
                         QStringLiteral("docker-compose.yml"));
                QCOMPARE(finding.value(QLatin1String("line")).toInt(), 8);
            }
        }
        QVERIFY(missingConfig);
        QVERIFY(masks);
        // Under docker-compose.yml the service runs: its ./back mount
        // supplies alembic.ini, so only production is reported.
        const QJsonObject dev = targetOf(report, QStringLiteral("docker-compose.yml"));
        QVERIFY(!codesOf(dev.value(QLatin1String("findings")).toArray())
                     .contains(QStringLiteral("image-missing-config")));
    }

    void seed001Text()
    {
        QTemporaryDir dir;
        const QString root = seed(dir, "seed001");
        QVERIFY(!root.isEmpty());
        QVERIFY(QDir().mkpath(root + QStringLiteral("/alembic/versions/__pycache__")));
        QVERIFY(QFile::copy(
            QStringLiteral(REVSCOPE_TEST_DATA
                           "/image/seed001-stray-a2242b61af45_add_thing.cpython-311.pyc"),
            root + QStringLiteral(
                       "/alembic/versions/__pycache__/a2242b61af45_add_thing.cpython-311.pyc")));
        const ProcessResult r = revscope({QStringLiteral("image"), root});
        QCOMPARE(r.exitCode, 1); // the stray revision makes the copied bytecode an error
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.contains(QLatin1String("Image of Dockerfile")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("Dockerfile Dockerfile, context ., ignore file "
                                            ".dockerignore")));
        QVERIFY(text.contains(QLatin1String("working directory /app, command: sh -c alembic "
                                            "upgrade head")));
        QVERIFY(text.contains(
            QLatin1String("+ alembic/versions/__pycache__/a2242b61af45_add_thing.cpython-311.pyc "
                          "-> /app/alembic/versions/__pycache__/"
                          "a2242b61af45_add_thing.cpython-311.pyc  [Dockerfile:3 COPY . .]")));
        QVERIFY(text.contains(QLatin1String("Dockerfile:3: error: image-bytecode-copied:")));
        QVERIFY(text.contains(QLatin1String("a2242b61af45")));
        QVERIFY(text.contains(QLatin1String("dockerignore-no-bytecode-rule")));
        QVERIFY(r.err.isEmpty());
    }

    void composeAndService()
    {
        QTemporaryDir dir;
        const QString root = seed(dir, "seed003");
        const QString compose = root + QStringLiteral("/docker-compose.prod.yml");
        const ProcessResult r =
            revscope(json({root, QStringLiteral("--compose"), compose, QStringLiteral("--service"),
                           QStringLiteral("api")}));
        QCOMPARE(r.exitCode, 1);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonArray targets = report.value(QLatin1String("targets")).toArray();
        QCOMPARE(targets.size(), 1);
        const QJsonObject target = targets.first().toObject();
        QCOMPARE(target.value(QLatin1String("compose_file")).toString(),
                 QStringLiteral("docker-compose.prod.yml"));
        // The other compose file is still read: its mount hides the gap.
        QVERIFY(codesOf(target.value(QLatin1String("findings")).toArray())
                    .contains(QStringLiteral("image-volume-masks")));

        // A relative --compose is taken against the working directory.
        const ProcessResult relative =
            revscope(json({QStringLiteral("."), QStringLiteral("--compose"),
                           QStringLiteral("docker-compose.yml")}),
                     root);
        QCOMPARE(relative.exitCode, 0); // the development service runs with its mount
        const QJsonObject relativeReport = parseJson(relative.out, &error);
        QCOMPARE(relativeReport.value(QLatin1String("targets")).toArray().size(), 1);

        const ProcessResult unknown =
            revscope(json({root, QStringLiteral("--compose"), compose, QStringLiteral("--service"),
                           QStringLiteral("worker")}));
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.out.isEmpty());
        QVERIFY2(unknown.err.contains("docker-compose.prod.yml") && unknown.err.contains("worker"),
                 unknown.err.constData());
    }

    void dockerfileAndContext()
    {
        QTemporaryDir dir;
        const QString root = QDir(dir.path()).canonicalPath();
        writeFile(root + QStringLiteral("/build/api.Dockerfile"),
                  "ARG BASE=python:3.12\nFROM ${BASE} AS base\nWORKDIR /opt\n"
                  "COPY src/ app/\nCOPY --chmod=755 start.sh /usr/local/bin/\n");
        writeFile(root + QStringLiteral("/service/src/app.py"), "print(1)\n");
        writeFile(root + QStringLiteral("/service/src/__pycache__/app.cpython-312.pyc"), "x");
        writeFile(root + QStringLiteral("/service/start.sh"), "#!/bin/sh\n");
        writeFile(root + QStringLiteral("/service/.dockerignore"), "**/__pycache__\n");
        const ProcessResult r = revscope(json(
            {root, QStringLiteral("--dockerfile"), root + QStringLiteral("/build/api.Dockerfile"),
             QStringLiteral("--context"), root + QStringLiteral("/service")}));
        QCOMPARE(r.exitCode, 0);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonArray targets = report.value(QLatin1String("targets")).toArray();
        QCOMPARE(targets.size(), 1);
        const QJsonObject target = targets.first().toObject();
        QVERIFY(target.value(QLatin1String("service")).isNull());
        QVERIFY(target.value(QLatin1String("compose_file")).isNull());
        QCOMPARE(target.value(QLatin1String("dockerfile")).toString(),
                 QStringLiteral("build/api.Dockerfile"));
        QCOMPARE(target.value(QLatin1String("context")).toString(), QStringLiteral("service"));
        QCOMPARE(target.value(QLatin1String("ignore_file")).toString(),
                 QStringLiteral("service/.dockerignore"));
        QCOMPARE(target.value(QLatin1String("workdir")).toString(), QStringLiteral("/opt"));
        QCOMPARE(target.value(QLatin1String("command")).toArray(), QJsonArray());
        QCOMPARE(fileOf(target, QStringLiteral("service/src/app.py"))
                     .value(QLatin1String("image_path"))
                     .toString(),
                 QStringLiteral("/opt/app/app.py"));
        QCOMPARE(fileOf(target, QStringLiteral("service/start.sh"))
                     .value(QLatin1String("image_path"))
                     .toString(),
                 QStringLiteral("/usr/local/bin/start.sh"));
        const QJsonObject pyc =
            fileOf(target, QStringLiteral("service/src/__pycache__/app.cpython-312.pyc"));
        QCOMPARE(pyc.value(QLatin1String("included")).toBool(true), false);
        QCOMPARE(pyc.value(QLatin1String("reason")).toString(),
                 QStringLiteral("service/.dockerignore:1 **/__pycache__"));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QByteArray>("dockerfile");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("code");
        QTest::newRow("clean") << QByteArray() << 0 << QString();
        QTest::newRow("no config in image")
            << QByteArray("FROM python:3.12-slim\nWORKDIR /srv\nCOPY migrations migrations\n"
                          "CMD [\"alembic\", \"upgrade\", \"head\"]\n")
            << 1 << QStringLiteral("image-missing-config");
        QTest::newRow("no scripts in image")
            << QByteArray("FROM python:3.12-slim\nWORKDIR /srv\nCOPY alembic.ini .\n"
                          "CMD [\"alembic\", \"upgrade\", \"head\"]\n")
            << 1 << QStringLiteral("image-missing-scripts");
        QTest::newRow("warning only")
            << QByteArray("FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\n") << 0 << QString();
    }

    void exitCodes()
    {
        QFETCH(QByteArray, dockerfile);
        QFETCH(int, exitCode);
        QFETCH(QString, code);
        QTemporaryDir dir;
        const QString root = QDir(dir.path()).canonicalPath();
        writeCleanProject(root);
        if (!dockerfile.isEmpty()) {
            writeFile(root + QStringLiteral("/Dockerfile"), dockerfile);
        }
        const ProcessResult r = revscope(json({root}));
        QCOMPARE(r.exitCode, exitCode);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(report.value(QLatin1String("targets")).toArray().size(), 1);
        const QStringList codes = codesOf(allFindings(report));
        if (code.isEmpty()) {
            QVERIFY2(!codes.contains(QStringLiteral("image-missing-config")) &&
                         !codes.contains(QStringLiteral("image-missing-scripts")),
                     qPrintable(codes.join(u' ')));
        } else {
            QVERIFY2(codes.contains(code), qPrintable(codes.join(u' ')));
        }
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("bad format")
            << QStringList{QStringLiteral("--format"), QStringLiteral("xml")};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")};
        QTest::newRow("both compose and dockerfile")
            << QStringList{QStringLiteral("--compose"), QStringLiteral("docker-compose.yml"),
                           QStringLiteral("--dockerfile"), QStringLiteral("Dockerfile")};
        QTest::newRow("missing dockerfile") << QStringList{
            QStringLiteral("--dockerfile"), QStringLiteral("/nonexistent/Dockerfile")};
        QTest::newRow("missing compose file")
            << QStringList{QStringLiteral("--compose"), QStringLiteral("/nonexistent/compose.yml")};
        QTest::newRow("missing context")
            << QStringList{QStringLiteral("--dockerfile"), QStringLiteral("Dockerfile"),
                           QStringLiteral("--context"), QStringLiteral("/nonexistent/ctx")};
        QTest::newRow("service without compose")
            << QStringList{QStringLiteral("--service"), QStringLiteral("api")};
        QTest::newRow("missing path") << QStringList{QStringLiteral("/nonexistent/project")};
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QTemporaryDir dir;
        const QString root = QDir(dir.path()).canonicalPath();
        writeCleanProject(root);
        const ProcessResult r = revscope(QStringList{QStringLiteral("image")} + arguments, root);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY(!r.err.isEmpty());
        QCOMPARE(r.err.count('\n'), 1); // one plain sentence
    }

    void help()
    {
        const ProcessResult r = revscope({QStringLiteral("image"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--compose"));
        QVERIFY(r.out.contains("--dockerfile"));
    }

    void noDockerfile()
    {
        QTemporaryDir dir;
        const QString root = QDir(dir.path()).canonicalPath();
        writeCleanProject(root);
        QFile::remove(root + QStringLiteral("/Dockerfile"));
        const ProcessResult text = revscope({QStringLiteral("image"), root});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("No Dockerfile"));
        const ProcessResult r = revscope(json({root}));
        QCOMPARE(r.exitCode, 0);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QCOMPARE(report.value(QLatin1String("targets")).toArray(), QJsonArray());
        QCOMPARE(report.value(QLatin1String("findings")).toArray(), QJsonArray());
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("line");
        QTest::newRow("malformed yaml")
            << QStringLiteral("docker-compose.yml")
            << QByteArray("services:\n  api:\n    build: .\n    command: [alembic, upgrade\n"
                          "    volumes:\n      - ./a:/b\n")
            << QStringLiteral("compose-error") << 0;
        QTest::newRow("unknown instruction")
            << QStringLiteral("Dockerfile")
            << QByteArray("FROM python:3.12\nWORKDIR /srv\nFROBNICATE all\nCOPY . .\n")
            << QStringLiteral("dockerfile-error") << 3;
        QTest::newRow("unterminated heredoc")
            << QStringLiteral("Dockerfile")
            << QByteArray("FROM python:3.12\nCOPY <<EOF /srv/start.sh\necho hi\n")
            << QStringLiteral("dockerfile-error") << 2;
        QTest::newRow("bracket in dockerignore")
            << QStringLiteral(".dockerignore") << QByteArray("# bytecode\n**/__pycache__\n[\n")
            << QStringLiteral("dockerignore-invalid-pattern") << 3;
    }

    void badInput()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(QString, code);
        QFETCH(int, line);
        QTemporaryDir dir;
        const QString root = QDir(dir.path()).canonicalPath();
        writeCleanProject(root);
        QVERIFY(writeFile(root + u'/' + file, content));
        const ProcessResult r = revscope(json({root}));
        QVERIFY(r.started);
        QCOMPARE(r.exitCode, 1); // an error finding, not a crash
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error + QString::fromUtf8(r.err)));
        QJsonObject found;
        for (const QJsonValue &value : allFindings(report)) {
            if (value.toObject().value(QLatin1String("code")).toString() == code) {
                found = value.toObject();
            }
        }
        QVERIFY2(!found.isEmpty(), r.out.constData());
        QCOMPARE(found.value(QLatin1String("severity")).toString(), QStringLiteral("error"));
        QCOMPARE(found.value(QLatin1String("file")).toString(), file);
        if (line > 0) {
            QCOMPARE(found.value(QLatin1String("line")).toInt(), line);
        } else {
            QVERIFY2(found.value(QLatin1String("line")).toInt() > 0, r.out.constData());
        }

        // The text output names the file and line too.
        const ProcessResult text = revscope({QStringLiteral("image"), root});
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(text.out.contains(
                     QStringLiteral("%1:%2: error: %3")
                         .arg(file, found.value(QLatin1String("line")).toVariant().toString(), code)
                         .toUtf8()),
                 text.out.constData());

        // `check` reports it as well.
        const ProcessResult check = revscope(
            {QStringLiteral("check"), root, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(check.exitCode, 1);
        const QJsonObject checkReport = parseJson(check.out, &error);
        QVERIFY(codesOf(checkReport.value(QLatin1String("findings")).toArray()).contains(code));
    }

    void checkReportsImageFindings()
    {
        QTemporaryDir dir;
        const QString root = seed(dir, "seed003");
        const ProcessResult r = revscope(
            {QStringLiteral("check"), root, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 1);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // The check schema only grows: its keys keep their order, `images` comes last.
        QCOMPARE(objectKeys(r.out).first(),
                 (QStringList{QStringLiteral("schema"), QStringLiteral("root"),
                              QStringLiteral("environments"), QStringLiteral("bytecode"),
                              QStringLiteral("findings"), QStringLiteral("images")}));
        QJsonObject missing;
        int count = 0;
        for (const QJsonValue &value : report.value(QLatin1String("findings")).toArray()) {
            const QJsonObject finding = value.toObject();
            if (finding.value(QLatin1String("code")).toString() == u"image-missing-config") {
                ++count;
                if (finding.value(QLatin1String("file")).toString() == u"docker-compose.prod.yml") {
                    missing = finding;
                }
            }
        }
        QCOMPARE(count, 1); // production only: development mounts ./back at /app
        QCOMPARE(missing.value(QLatin1String("line")).toInt(), 6);
        QVERIFY(missing.value(QLatin1String("environment")).isNull());
        const QJsonArray images = report.value(QLatin1String("images")).toArray();
        QCOMPARE(images.size(), 2);
        QCOMPARE(images.first().toObject().value(QLatin1String("service")).toString(),
                 QStringLiteral("api"));

        const ProcessResult text = revscope({QStringLiteral("check"), root});
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(text.out.contains("image-missing-config"), text.out.constData());
    }

    void checkWithoutDockerfile()
    {
        QTemporaryDir dir;
        const QString root = QDir(dir.path()).canonicalPath();
        writeCleanProject(root);
        QFile::remove(root + QStringLiteral("/Dockerfile"));
        const ProcessResult r = revscope(
            {QStringLiteral("check"), root, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QCOMPARE(report.value(QLatin1String("images")).toArray(), QJsonArray());
        QCOMPARE(report.value(QLatin1String("findings")).toArray(), QJsonArray());
    }
};

QTEST_GUILESS_MAIN(TestImageCommand)
#include "tst_imagecommand.moc"
