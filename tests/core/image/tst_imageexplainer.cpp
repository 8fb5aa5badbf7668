// ImageExplainer: "Explain path…" — which ignore line and which COPY decide
// the fate of one context path.

#include "image/imageexplainer.h"

#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;
using TestSupport::writeFile;

class TestImageExplainer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void explain_data();
    void explain();

private:
    QTemporaryDir m_dir;
    ImageSimulation m_simulation;
};

void TestImageExplainer::initTestCase()
{
    const QString root = m_dir.path();
    writeFile(root + QStringLiteral("/.dockerignore"),
              "# bytecode\n**/__pycache__\n*.md\n!README.md\ndocs\n");
    writeFile(root + QStringLiteral("/Dockerfile"),
              "FROM python:3.12 AS build\nWORKDIR /app\nCOPY app/ ./app/\nCOPY README.md "
              "setup.py ./\nRUN find . -name '*.pyc' -delete\n");
    writeFile(root + QStringLiteral("/app/main.py"), "x = 1\n");
    writeFile(root + QStringLiteral("/app/old.pyc"), "x");
    writeFile(root + QStringLiteral("/app/__pycache__/main.cpython-312.pyc"), "x");
    writeFile(root + QStringLiteral("/README.md"), "# r\n");
    writeFile(root + QStringLiteral("/CHANGES.md"), "# c\n");
    writeFile(root + QStringLiteral("/setup.py"), "x = 1\n");
    writeFile(root + QStringLiteral("/tools/lint.py"), "x = 1\n");
    writeFile(root + QStringLiteral("/docs/index.rst"), "x\n");
    ImageBuildRequest request;
    request.dockerfile = root + QStringLiteral("/Dockerfile");
    request.context = root;
    m_simulation = ImageSimulator::simulate(request);
    QVERIFY(!m_simulation.failed);
}

void TestImageExplainer::explain_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("inContext");
    QTest::addColumn<bool>("excluded");
    QTest::addColumn<int>("ignoreLine");
    QTest::addColumn<QStringList>("imagePaths");
    QTest::addColumn<int>("removedBy");
    QTest::addColumn<QString>("sentence"); // a part of the last sentence

    QTest::newRow("copied") << QStringLiteral("app/main.py") << true << false << 0
                            << QStringList{QStringLiteral("/app/app/main.py")} << 0
                            << QStringLiteral("by Dockerfile line 3: COPY app/ ./app/");
    QTest::newRow("leading ./ and /")
        << QStringLiteral("./app//main.py") << true << false << 0
        << QStringList{QStringLiteral("/app/app/main.py")} << 0 << QStringLiteral("line 3");
    QTest::newRow("ignored in a folder")
        << QStringLiteral("app/__pycache__/main.cpython-312.pyc") << true << true << 2
        << QStringList() << 0 << QStringLiteral(".dockerignore line 2 “**/__pycache__”");
    QTest::newRow("exception") << QStringLiteral("README.md") << true << false << 4
                               << QStringList{QStringLiteral("/app/README.md")} << 0
                               << QStringLiteral("line 4");
    QTest::newRow("ignored") << QStringLiteral("CHANGES.md") << true << true << 3 << QStringList()
                             << 0 << QStringLiteral("“*.md”");
    QTest::newRow("not copied") << QStringLiteral("tools/lint.py") << true << false << 0
                                << QStringList() << 0 << QStringLiteral("No COPY or ADD");
    QTest::newRow("removed by RUN") << QStringLiteral("app/old.pyc") << true << false << 0
                                    << QStringList() << 5 << QStringLiteral("line 5");
    QTest::newRow("folder") << QStringLiteral("app") << true << false << 0
                            << QStringList{QStringLiteral("/app/app/main.py")} << 5
                            << QStringLiteral("line 5");
    QTest::newRow("excluded folder") << QStringLiteral("docs/index.rst") << true << true << 5
                                     << QStringList() << 0 << QStringLiteral("“docs”");
    QTest::newRow("not in context") << QStringLiteral("missing/x.pyc") << false << false << 0
                                    << QStringList() << 0 << QStringLiteral("no pattern");
    QTest::newRow("not in context, ignored")
        << QStringLiteral("x/__pycache__/y.pyc") << false << true << 2 << QStringList() << 0
        << QStringLiteral("line 2");
}

void TestImageExplainer::explain()
{
    QFETCH(QString, path);
    QFETCH(bool, inContext);
    QFETCH(bool, excluded);
    QFETCH(int, ignoreLine);
    QFETCH(QStringList, imagePaths);
    QFETCH(int, removedBy);
    QFETCH(QString, sentence);
    const PathExplanation e = ImageExplainer::explain(m_simulation, path);
    QCOMPARE(e.inContext, inContext);
    QCOMPARE(e.excluded, excluded);
    QCOMPARE(e.ignoreLine, ignoreLine);
    QStringList placed;
    for (const PathExplanation::Placement &placement : e.placements) {
        placed.append(placement.imagePath);
    }
    QCOMPARE(placed, imagePaths);
    QCOMPARE(e.removedByLine, removedBy);
    QVERIFY(!e.sentences.isEmpty());
    const QString all = e.sentences.join(u'\n');
    QVERIFY2(all.contains(sentence), qPrintable(all));
}

QTEST_GUILESS_MAIN(TestImageExplainer)
#include "tst_imageexplainer.moc"
