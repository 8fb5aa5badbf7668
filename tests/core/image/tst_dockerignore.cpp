// DockerIgnore against Docker's own test vectors (moby/patternmatcher, fsutil,
// BuildKit; read from ../shared at test time) and against our own cases.

#include "image/dockerignore.h"
#include "image/gopath.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Revscope;

namespace {

QString vectorsPath()
{
    return QStringLiteral(REVSCOPE_SHARED_DIR "/testdata/docker/dockerignore_vectors.json");
}

QStringList toStringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        list.append(item.toString());
    }
    return list;
}

// A tree listing ("a/b", "dir/" for an empty folder) as walk entries, parents
// first, every implied folder added.
QList<DockerIgnore::WalkEntry> treeEntries(const QStringList &tree)
{
    QHash<QString, bool> nodes; // path -> is a folder
    for (const QString &item : tree) {
        QString path = item;
        bool directory = false;
        if (path.endsWith(u'/')) {
            path.chop(1);
            directory = true;
        }
        nodes.insert(path, nodes.value(path) || directory);
        qsizetype slash = path.indexOf(u'/');
        while (slash > 0) {
            nodes.insert(path.left(slash), true);
            slash = path.indexOf(u'/', slash + 1);
        }
    }
    QStringList paths = nodes.keys();
    std::sort(paths.begin(), paths.end());
    QHash<QString, int> index;
    QList<DockerIgnore::WalkEntry> entries;
    for (const QString &path : paths) {
        const qsizetype slash = path.lastIndexOf(u'/');
        const int parent = slash > 0 ? index.value(path.left(slash), -1) : -1;
        index.insert(path, int(entries.size()));
        entries.append({path, nodes.value(path), parent});
    }
    return entries;
}

// The sent entries, folders with a trailing '/'.
QStringList sentEntries(const DockerIgnore &ignore, const QStringList &tree)
{
    const QList<DockerIgnore::WalkEntry> entries = treeEntries(tree);
    const std::vector<DockerIgnore::WalkResult> results = ignore.walk(entries);
    QStringList sent;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (results[size_t(i)].sent) {
            sent.append(entries.at(i).path +
                        (entries.at(i).directory ? QStringLiteral("/") : QString()));
        }
    }
    std::sort(sent.begin(), sent.end());
    return sent;
}

} // namespace

class TestDockerIgnore : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data();
    void vectors();
    void ownCases_data();
    void ownCases();
    void errorsNameFileAndLine();
    void decidingPattern();
    void treeWalk_data();
    void treeWalk();
    void goClean_data();
    void goClean();
    void goMatch_data();
    void goMatch();
    void ignoreFileForDockerfile();
};

void TestDockerIgnore::vectors_data()
{
    QTest::addColumn<QJsonObject>("vector");
    QFile file(vectorsPath());
    if (!file.open(QIODevice::ReadOnly)) {
        // One row, so that the skip below is reported.
        QTest::newRow("vectors-absent") << QJsonObject();
        return;
    }
    const QJsonArray vectors = QJsonDocument::fromJson(file.readAll()).array();
    for (const QJsonValue &value : vectors) {
        const QJsonObject vector = value.toObject();
        QTest::newRow(qPrintable(vector.value(QStringLiteral("id")).toString())) << vector;
    }
}

void TestDockerIgnore::vectors()
{
    if (!QFile::exists(vectorsPath())) {
        QSKIP(qPrintable(QStringLiteral("Docker's .dockerignore vectors are absent: %1 "
                                        "(the shared reference data is not checked out)")
                             .arg(vectorsPath())));
    }
    QFETCH(QJsonObject, vector);
    const QStringList patterns = toStringList(vector.value(QStringLiteral("patterns")));
    const QString semantics = vector.value(QStringLiteral("semantics")).toString();
    const bool expectError = vector.value(QStringLiteral("error")).toBool();
    const QString path = vector.value(QStringLiteral("path")).toString();

    DockerIgnore ignore;
    if (vector.contains(QStringLiteral("dockerignore"))) {
        // Start from the raw file text, as Docker does.
        const QByteArray text = vector.value(QStringLiteral("dockerignore")).toString().toUtf8();
        QCOMPARE(DockerIgnore::readPatterns(text), patterns);
        if (vector.contains(QStringLiteral("expected_patterns"))) {
            QCOMPARE(DockerIgnore::readPatterns(text),
                     toStringList(vector.value(QStringLiteral("expected_patterns"))));
        }
        ignore = DockerIgnore::fromText(text, QStringLiteral(".dockerignore"));
    } else {
        ignore = DockerIgnore::fromPatterns(patterns);
    }

    if (expectError) {
        QVERIFY2(!ignore.isValid(), "Docker rejects these patterns");
        QVERIFY(!ignore.errors().isEmpty());
        return;
    }
    QVERIFY2(ignore.isValid(), ignore.isValid() ? "" : qPrintable(ignore.errors().first().message));

    const bool expected = vector.value(QStringLiteral("excluded")).toBool();
    if (semantics == u"context_walk_tree") {
        QStringList included = toStringList(vector.value(QStringLiteral("included")));
        std::sort(included.begin(), included.end());
        QCOMPARE(sentEntries(ignore, toStringList(vector.value(QStringLiteral("tree")))), included);
    } else if (semantics == u"context_walk") {
        if (vector.contains(QStringLiteral("tree"))) {
            const QStringList sent =
                sentEntries(ignore, toStringList(vector.value(QStringLiteral("tree"))));
            const bool excluded =
                !sent.contains(path) && !sent.contains(path + QStringLiteral("/"));
            QCOMPARE(excluded, expected);
        } else {
            QCOMPARE(ignore.isExcluded(path), expected);
        }
    } else if (semantics == u"MatchesOrParentMatches") {
        QCOMPARE(ignore.matchesOrParentMatches(path), expected);
    } else if (semantics == u"Matches") {
        QCOMPARE(ignore.legacyMatches(path), expected);
    } else {
        QFAIL(qPrintable(QStringLiteral("unknown semantics %1").arg(semantics)));
    }
}

void TestDockerIgnore::ownCases_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("excluded");

    // ** at start, middle and end
    QTest::newRow("doublestar-any-depth")
        << QStringLiteral("**/*.pyc\n") << QStringLiteral("a/b/c/x.pyc") << true;
    QTest::newRow("doublestar-zero-dirs")
        << QStringLiteral("**/__pycache__\n") << QStringLiteral("__pycache__/x.pyc") << true;
    QTest::newRow("doublestar-middle")
        << QStringLiteral("alembic/**/*.pyc\n") << QStringLiteral("alembic/x.pyc") << true;
    QTest::newRow("doublestar-middle-deep")
        << QStringLiteral("alembic/**/*.pyc\n")
        << QStringLiteral("alembic/versions/__pycache__/a.pyc") << true;
    QTest::newRow("doublestar-middle-other-root")
        << QStringLiteral("alembic/**/*.pyc\n") << QStringLiteral("app/alembic/x.pyc") << false;
    QTest::newRow("doublestar-trailing-not-dir-itself")
        << QStringLiteral("data/**\n") << QStringLiteral("data") << false;
    // ! exceptions and order
    QTest::newRow("exception-wins-when-last")
        << QStringLiteral("*.md\n!README.md\n") << QStringLiteral("README.md") << false;
    QTest::newRow("exception-too-early")
        << QStringLiteral("!README.md\n*.md\n") << QStringLiteral("README.md") << true;
    QTest::newRow("exception-in-excluded-dir")
        << QStringLiteral("docs\n!docs/keep.md\n") << QStringLiteral("docs/keep.md") << false;
    QTest::newRow("exception-root-only")
        << QStringLiteral("**/*.pyc\n!keep.pyc\n") << QStringLiteral("x/keep.pyc") << true;
    QTest::newRow("exception-wildcard-descends")
        << QStringLiteral("*\n!**/*.py\n") << QStringLiteral("a/b/c.py") << false;
    // parent exclusion
    QTest::newRow("parent-excluded")
        << QStringLiteral("build\n") << QStringLiteral("build/x/y/z.o") << true;
    QTest::newRow("parent-star-excluded")
        << QStringLiteral("*\n") << QStringLiteral("src/app/main.py") << true;
    QTest::newRow("parent-excluded-walk-not-reverted")
        << QStringLiteral("a/b\n!a\n") << QStringLiteral("a/b/c") << true;
    // comments
    QTest::newRow("comment-col1") << QStringLiteral("#x\n") << QStringLiteral("#x") << false;
    QTest::newRow("comment-indented-is-pattern")
        << QStringLiteral(" #x\n") << QStringLiteral("#x") << true;
    QTest::newRow("no-inline-comment")
        << QStringLiteral("*.log # logs\n") << QStringLiteral("a.log") << false;
    // leading slash
    QTest::newRow("leading-slash")
        << QStringLiteral("/app/__pycache__\n") << QStringLiteral("app/__pycache__/x.pyc") << true;
    QTest::newRow("leading-slash-anchored")
        << QStringLiteral("/__pycache__\n") << QStringLiteral("app/__pycache__/x.pyc") << false;
    QTest::newRow("trailing-slash-matches-file")
        << QStringLiteral("cache/\n") << QStringLiteral("cache") << true;
    // escapes
    QTest::newRow("escaped-star") << QStringLiteral("a\\*b\n") << QStringLiteral("a*b") << true;
    QTest::newRow("escaped-star-not-wild")
        << QStringLiteral("a\\*b\n") << QStringLiteral("axb") << false;
    QTest::newRow("escaped-hash") << QStringLiteral("\\#notes\n") << QStringLiteral("#notes")
                                  << true;
    QTest::newRow("bracket-literal")
        << QStringLiteral("arr[[]0]\n") << QStringLiteral("arr[0]") << true;
    QTest::newRow("class-bang-not-negation")
        << QStringLiteral("[!x]\n") << QStringLiteral("y") << false;
    // seed 1: the enhanced .dockerignore of the first incident
    QTest::newRow("seed1-root-pyc-only")
        << QStringLiteral("__pycache__\n*.pyc\n")
        << QStringLiteral("alembic/versions/__pycache__/a.pyc") << false;
    QTest::newRow("seed1-alembic-rule")
        << QStringLiteral("__pycache__\n*.pyc\nalembic/**/__pycache__\n")
        << QStringLiteral("alembic/versions/__pycache__/a.pyc") << true;
    QTest::newRow("crlf") << QStringLiteral("*.log\r\n") << QStringLiteral("x.log") << true;
}

void TestDockerIgnore::ownCases()
{
    QFETCH(QString, file);
    QFETCH(QString, path);
    QFETCH(bool, excluded);
    const DockerIgnore ignore =
        DockerIgnore::fromText(file.toUtf8(), QStringLiteral(".dockerignore"));
    QVERIFY(ignore.isValid());
    QCOMPARE(ignore.isExcluded(path), excluded);
}

void TestDockerIgnore::errorsNameFileAndLine()
{
    const DockerIgnore ignore =
        DockerIgnore::fromText(QByteArrayLiteral("# header\n*.pyc\n[\n\n!\nsrc/[a-\n\\\nok\n"),
                               QStringLiteral("/ctx/.dockerignore"));
    QVERIFY(!ignore.isValid());
    QCOMPARE(ignore.errors().size(), 4);
    const QList<int> lines = {3, 5, 6, 7};
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const Finding &error = ignore.errors().at(i);
        QCOMPARE(error.code, QStringLiteral("dockerignore-invalid-pattern"));
        QCOMPARE(error.severity, Severity::Error);
        QCOMPARE(error.file, QStringLiteral("/ctx/.dockerignore"));
        QCOMPARE(error.line, lines.at(i));
    }
    QVERIFY(ignore.errors().at(0).message.contains(u'['));
    // The good patterns still work, so the rest of the report stays useful.
    QCOMPARE(ignore.patterns().size(), 2);
    QVERIFY(ignore.isExcluded(QStringLiteral("a.pyc")));
    QVERIFY(ignore.isExcluded(QStringLiteral("ok")));

    // A reversed range passes filepath.Match but not the regexp.
    QVERIFY(!DockerIgnore::fromPatterns({QStringLiteral("[z-a]x*")}).isValid());
}

void TestDockerIgnore::decidingPattern()
{
    const DockerIgnore ignore =
        DockerIgnore::fromText(QByteArrayLiteral("# Python\n__pycache__/\n**/*.pyc\n!keep/**\n"),
                               QStringLiteral(".dockerignore"));
    int pattern = -2;
    QVERIFY(ignore.isExcluded(QStringLiteral("__pycache__/x.pyc"), &pattern));
    QCOMPARE(pattern, 0);
    QCOMPARE(ignore.patterns().at(pattern).line, 2);
    QCOMPARE(ignore.patterns().at(pattern).rawText, QStringLiteral("__pycache__/"));
    QVERIFY(ignore.isExcluded(QStringLiteral("a/b.pyc"), &pattern));
    QCOMPARE(ignore.patterns().at(pattern).line, 3);
    QVERIFY(!ignore.isExcluded(QStringLiteral("keep/b.pyc"), &pattern));
    QCOMPARE(ignore.patterns().at(pattern).line, 4);
    QVERIFY(ignore.patterns().at(pattern).exception);
    QVERIFY(!ignore.isExcluded(QStringLiteral("main.py"), &pattern));
    QCOMPARE(pattern, -1);
}

void TestDockerIgnore::treeWalk_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("tree");
    QTest::addColumn<QStringList>("sent");

    QTest::newRow("allow-list") << QStringLiteral("*\n!app\n")
                                << QStringList{QStringLiteral("app/a.py"),
                                               QStringLiteral("app/__pycache__/a.pyc"),
                                               QStringLiteral("tests/t.py")}
                                << QStringList{QStringLiteral("app/"),
                                               QStringLiteral("app/__pycache__/"),
                                               QStringLiteral("app/__pycache__/a.pyc"),
                                               QStringLiteral("app/a.py")};
    QTest::newRow("emptied-dir-kept")
        << QStringLiteral("**/*.pyc\n")
        << QStringList{QStringLiteral("app/__pycache__/a.pyc"), QStringLiteral("app/a.py")}
        << QStringList{QStringLiteral("app/"), QStringLiteral("app/__pycache__/"),
                       QStringLiteral("app/a.py")};
    QTest::newRow("reinclude-brings-parents")
        << QStringLiteral("vendor\n!vendor/lib/keep.py\n")
        << QStringList{QStringLiteral("vendor/lib/keep.py"), QStringLiteral("vendor/x.py")}
        << QStringList{QStringLiteral("vendor/"), QStringLiteral("vendor/lib/"),
                       QStringLiteral("vendor/lib/keep.py")};
}

void TestDockerIgnore::treeWalk()
{
    QFETCH(QString, file);
    QFETCH(QStringList, tree);
    QFETCH(QStringList, sent);
    const DockerIgnore ignore = DockerIgnore::fromText(file.toUtf8());
    QCOMPARE(sentEntries(ignore, tree), sent);
}

void TestDockerIgnore::goClean_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("empty") << QStringLiteral("") << QStringLiteral(".");
    QTest::newRow("slashes") << QStringLiteral("a//b/") << QStringLiteral("a/b");
    QTest::newRow("dot") << QStringLiteral("./a/./b/.") << QStringLiteral("a/b");
    QTest::newRow("dotdot") << QStringLiteral("a/../b") << QStringLiteral("b");
    QTest::newRow("rooted-dotdot") << QStringLiteral("/../a") << QStringLiteral("/a");
    QTest::newRow("relative-dotdot") << QStringLiteral("../../a") << QStringLiteral("../../a");
    QTest::newRow("root") << QStringLiteral("/") << QStringLiteral("/");
    QTest::newRow("all-gone") << QStringLiteral("a/..") << QStringLiteral(".");
}

void TestDockerIgnore::goClean()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(GoPath::clean(in), out);
}

void TestDockerIgnore::goMatch_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("matches");
    QTest::addColumn<bool>("bad");
    QTest::newRow("star") << QStringLiteral("*.py") << QStringLiteral("a.py") << true << false;
    QTest::newRow("star-no-slash")
        << QStringLiteral("*.py") << QStringLiteral("a/b.py") << false << false;
    QTest::newRow("doublestar-is-star")
        << QStringLiteral("**/*.py") << QStringLiteral("x/b.py") << true << false;
    QTest::newRow("doublestar-no-recursion")
        << QStringLiteral("**/*.py") << QStringLiteral("x/y/b.py") << false << false;
    QTest::newRow("class") << QStringLiteral("[a-c]x") << QStringLiteral("bx") << true << false;
    QTest::newRow("negated") << QStringLiteral("[^a-c]x") << QStringLiteral("bx") << false << false;
    QTest::newRow("bang") << QStringLiteral("[!a]") << QStringLiteral("!") << true << false;
    QTest::newRow("escape") << QStringLiteral("a\\*") << QStringLiteral("a*") << true << false;
    QTest::newRow("unterminated") << QStringLiteral("[") << QStringLiteral("a") << false << true;
    QTest::newRow("bad-after-mismatch")
        << QStringLiteral("x[") << QStringLiteral("a") << false << true;
    QTest::newRow("trailing-escape")
        << QStringLiteral("a\\") << QStringLiteral("a") << false << true;
}

void TestDockerIgnore::goMatch()
{
    QFETCH(QString, pattern);
    QFETCH(QString, name);
    QFETCH(bool, matches);
    QFETCH(bool, bad);
    bool isBad = false;
    QCOMPARE(GoPath::match(pattern, name, &isBad), matches);
    QCOMPARE(isBad, bad);
}

void TestDockerIgnore::ignoreFileForDockerfile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = dir.path();
    QFile(root + QStringLiteral("/.dockerignore")).open(QIODevice::WriteOnly);
    QCOMPARE(DockerIgnore::ignoreFileFor(root + QStringLiteral("/Dockerfile"), root),
             root + QStringLiteral("/.dockerignore"));
    QFile specific(root + QStringLiteral("/Dockerfile.dockerignore"));
    QVERIFY(specific.open(QIODevice::WriteOnly));
    specific.close();
    QCOMPARE(DockerIgnore::ignoreFileFor(root + QStringLiteral("/Dockerfile"), root),
             root + QStringLiteral("/Dockerfile.dockerignore"));
}

QTEST_GUILESS_MAIN(TestDockerIgnore)
#include "tst_dockerignore.moc"
