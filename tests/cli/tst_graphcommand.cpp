// `revscope graph` end to end: the binary on temporary projects.

#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace TestSupport;

namespace {

const QByteArray kIni = "[alembic]\nscript_location = migrations\n";

QByteArray script(const QByteArray &rev, const QByteArray &down, const QByteArray &message)
{
    const QByteArray downValue = down.isEmpty() ? QByteArray("None") : "'" + down + "'";
    return "\"\"\"" + message + "\n\nRevision ID: " + rev + "\nRevises: " + down +
           "\nCreate Date: 2025-10-27 10:00:00.000000\n\n\"\"\"\n"
           "from alembic import op\n\nrevision = '" +
           rev + "'\ndown_revision = " + downValue +
           "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\n"
           "def downgrade():\n    pass\n";
}

QByteArray revisionId(int i)
{
    return QByteArray::number(0xa0000000000 + i, 16); // 11 hex digits, unique
}

// A linear chain of `length` revisions under `root`/<folder>.
QStringList writeChain(const QString &root, int length, const QString &folder = QString())
{
    const QString base = folder.isEmpty() ? root : root + QLatin1Char('/') + folder;
    writeFile(base + QLatin1String("/alembic.ini"), kIni);
    writeFile(base + QLatin1String("/migrations/env.py"), "# env\n");
    QStringList ids;
    for (int i = 0; i < length; ++i) {
        const QByteArray id = revisionId(i);
        writeFile(base + QLatin1String("/migrations/versions/") + QString::fromLatin1(id) +
                      QLatin1String("_step.py"),
                  script(id, i == 0 ? QByteArray() : revisionId(i - 1), "step " + id));
        ids.append(QString::fromLatin1(id));
    }
    return ids;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The text of every <title> (Graphviz names each node and edge in one).
QStringList svgTitles(const QByteArray &svg, QString *error)
{
    QStringList titles;
    QXmlStreamReader xml(svg);
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement &&
            xml.name() == QLatin1String("title")) {
            titles.append(xml.readElementText());
        }
    }
    if (xml.hasError()) {
        *error = xml.errorString();
    }
    return titles;
}

int nodeCount(const QByteArray &svg)
{
    return int(svg.count("class=\"node\""));
}

} // namespace

class TestGraphCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void svgHasEveryRevision()
    {
        QTemporaryDir dir;
        const QStringList ids = writeChain(dir.path(), 5);
        const QString output = dir.filePath(QStringLiteral("out/graph.svg"));
        QDir().mkpath(dir.filePath(QStringLiteral("out")));
        const ProcessResult r =
            revscope({QStringLiteral("graph"), dir.path(), QStringLiteral("--output"), output});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray svg = readAll(output);
        QString error;
        const QStringList titles = svgTitles(svg, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const QString &id : ids) {
            QVERIFY2(titles.contains(id), qPrintable(id));
        }
        QCOMPARE(nodeCount(svg), 5);
        QVERIFY(svg.contains("step a0000000003"));
    }

    void dotHasEdges_data()
    {
        QTest::addColumn<QString>("direction");
        QTest::newRow("default") << QString();
        QTest::newRow("LR") << QStringLiteral("LR");
        QTest::newRow("tb lower case") << QStringLiteral("tb");
    }
    void dotHasEdges()
    {
        QFETCH(QString, direction);
        QTemporaryDir dir;
        const QStringList ids = writeChain(dir.path(), 3);
        const QString output = dir.filePath(QStringLiteral("graph.DOT"));
        QStringList arguments{QStringLiteral("graph"), dir.path(), QStringLiteral("-o"), output};
        if (!direction.isEmpty()) {
            arguments << QStringLiteral("--direction") << direction;
        }
        const ProcessResult r = revscope(arguments);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray dot = readAll(output);
        QVERIFY(dot.startsWith("digraph"));
        QVERIFY2(dot.contains(ids.at(0).toLatin1() + " -> " + ids.at(1).toLatin1()),
                 dot.constData());
        QVERIFY(dot.contains(ids.at(1).toLatin1() + " -> " + ids.at(2).toLatin1()));
        QCOMPARE(dot.contains("rankdir=LR"), direction == QLatin1String("LR"));
    }

    void collapseShrinks()
    {
        QTemporaryDir dir;
        const QStringList ids = writeChain(dir.path(), 60);
        const QString full = dir.filePath(QStringLiteral("full.svg"));
        const QString small = dir.filePath(QStringLiteral("small.svg"));
        QCOMPARE(revscope({QStringLiteral("graph"), dir.path(), QStringLiteral("--output"), full})
                     .exitCode,
                 0);
        QCOMPARE(revscope({QStringLiteral("graph"), dir.path(), QStringLiteral("--output"), small,
                           QStringLiteral("--collapse")})
                     .exitCode,
                 0);
        const QByteArray fullSvg = readAll(full);
        const QByteArray smallSvg = readAll(small);
        QCOMPARE(nodeCount(fullSvg), 60);
        QCOMPARE(nodeCount(smallSvg), 3); // base, "58 revisions", head
        QVERIFY(smallSvg.size() * 5 < fullSvg.size());
        QVERIFY(smallSvg.contains(ids.constFirst().toLatin1()));
        QVERIFY(smallSvg.contains(ids.constLast().toLatin1()));
        QVERIFY(smallSvg.contains("58 revisions"));
    }

    void otherFormats_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("magic");
        QTest::newRow("png") << QStringLiteral("g.png") << QByteArray("\x89PNG");
        QTest::newRow("pdf") << QStringLiteral("g.pdf") << QByteArray("%PDF");
    }
    void otherFormats()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, magic);
        QTemporaryDir dir;
        writeChain(dir.path(), 3);
        const QString output = dir.filePath(name);
        const ProcessResult r =
            revscope({QStringLiteral("graph"), dir.path(), QStringLiteral("--output"), output});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(readAll(output).startsWith(magic));
    }

    void severalEnvironmentsAreClusters()
    {
        QTemporaryDir dir;
        const QStringList front = writeChain(dir.path(), 2, QStringLiteral("front"));
        writeChain(dir.path(), 3, QStringLiteral("back"));
        const QString output = dir.filePath(QStringLiteral("g.dot"));
        const ProcessResult r =
            revscope({QStringLiteral("graph"), dir.path(), QStringLiteral("--output"), output});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray dot = readAll(output);
        QCOMPARE(dot.count("subgraph cluster_"), 2);
        QVERIFY(dot.contains("front/alembic.ini:" + front.constFirst().toLatin1()));
        QVERIFY(dot.contains("back/alembic.ini:" + front.constFirst().toLatin1()));

        // --config picks one: no clusters, plain ids.
        const ProcessResult one = revscope(
            {QStringLiteral("graph"), dir.path(), QStringLiteral("--output"), output,
             QStringLiteral("--config"), dir.filePath(QStringLiteral("back/alembic.ini"))});
        QVERIFY2(one.exitCode == 0, one.err.constData());
        QVERIFY(!readAll(output).contains("cluster_"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments"); // after `graph PATH`
        QTest::addColumn<QString>("mentions");
        QTest::newRow("bad extension")
            << QStringList{QStringLiteral("--output"), QStringLiteral("OUT/graph.gif")}
            << QStringLiteral("graph.gif");
        QTest::newRow("no extension")
            << QStringList{QStringLiteral("--output"), QStringLiteral("OUT/graph")}
            << QStringLiteral("graph");
        QTest::newRow("no output") << QStringList() << QStringLiteral("--output");
        QTest::newRow("bad direction")
            << QStringList{QStringLiteral("--output"), QStringLiteral("OUT/g.svg"),
                           QStringLiteral("--direction"), QStringLiteral("BT")}
            << QStringLiteral("BT");
        QTest::newRow("unwritable")
            << QStringList{QStringLiteral("--output"), QStringLiteral("OUT/missing/dir/g.svg")}
            << QStringLiteral("missing/dir/g.svg");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--colapse")} << QStringLiteral("colapse");
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        writeChain(dir.path(), 2);
        for (QString &argument : arguments) {
            argument.replace(QLatin1String("OUT"), dir.path());
        }
        const ProcessResult r =
            revscope(QStringList{QStringLiteral("graph"), dir.path()} + arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(mentions), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1); // one sentence
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("graph.gif"))));
    }

    void noProject()
    {
        QTemporaryDir dir;
        const ProcessResult r =
            revscope({QStringLiteral("graph"), dir.path(), QStringLiteral("--output"),
                      dir.filePath(QStringLiteral("g.svg"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("no Alembic environment"));
    }

    void help()
    {
        const ProcessResult r = revscope({QStringLiteral("graph"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--collapse"));
        QVERIFY(r.out.contains("one graph with a box per environment"));
    }
};

QTEST_GUILESS_MAIN(TestGraphCommand)
#include "tst_graphcommand.moc"
