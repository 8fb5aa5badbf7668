// ImageTreeModel: the image file system of one target as a tree, with the
// excluded context files on demand, run under QAbstractItemModelTester.

#include "models/imagetreemodel.h"

#include "inspection/inspector.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;
using TestSupport::writeFile;

class TestImageTreeModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyModel();
    void imageTree();
    void excludedFiles();
    void search_data();
    void search();
    void sortBySize();
    void archiveMembers();

private:
    QTemporaryDir m_dir;
    InspectionPtr m_inspection;
};

void TestImageTreeModel::initTestCase()
{
    const QString root = m_dir.path();
    writeFile(root + QStringLiteral("/.dockerignore"), "**/__pycache__\n*.md\n");
    writeFile(root + QStringLiteral("/Dockerfile"),
              "FROM python:3.12 AS builder\nRUN pip install --prefix /venv x\n"
              "FROM python:3.12-slim\nWORKDIR /app\nCOPY --from=builder /venv /venv\n"
              "COPY app/ ./\nCOPY <<EOF /etc/motd\nhello\nEOF\n"
              "RUN find . -name '*.pyc' -delete\n");
    writeFile(root + QStringLiteral("/app/main.py"), QByteArray(1500, 'x'));
    writeFile(root + QStringLiteral("/app/util/strings.py"), QByteArray(300, 'y'));
    writeFile(root + QStringLiteral("/app/stale.pyc"), "x");
    writeFile(root + QStringLiteral("/app/__pycache__/main.cpython-312.pyc"), "x");
    writeFile(root + QStringLiteral("/README.md"), "# r\n");
    writeFile(root + QStringLiteral("/tools/lint.py"), "x = 1\n");
    InspectOptions options;
    options.root = root;
    m_inspection = Inspector::inspect(options);
    QCOMPARE(m_inspection->images.size(), 1);
}

void TestImageTreeModel::emptyModel()
{
    ImageTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setTarget(m_inspection, 5); // out of range
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.target(), -1);
    model.setTarget(nullptr, 0);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(ImageTreeModel::ColumnCount));
    QCOMPARE(model.headerData(ImageTreeModel::WhyColumn, Qt::Horizontal).toString(),
             QStringLiteral("Why"));
}

void TestImageTreeModel::imageTree()
{
    ImageTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTarget(m_inspection, 0);
    QCOMPARE(model.rowCount(), 1); // "/"
    const QModelIndex root = model.index(0, 0);
    QCOMPARE(root.data().toString(), QStringLiteral("/"));

    const QModelIndex main = model.indexOfImagePath(QStringLiteral("/app/main.py"));
    QVERIFY(main.isValid());
    QCOMPARE(main.data().toString(), QStringLiteral("main.py"));
    QCOMPARE(main.parent().data(ImageTreeModel::ImagePathRole).toString(), QStringLiteral("/app"));
    QCOMPARE(main.siblingAtColumn(ImageTreeModel::FromColumn).data().toString(),
             QStringLiteral("app/main.py"));
    QCOMPARE(main.siblingAtColumn(ImageTreeModel::WhyColumn).data().toString(),
             QStringLiteral("Dockerfile:6 COPY app/ ./"));
    QCOMPARE(main.data(ImageTreeModel::LineRole).toInt(), 6);
    QCOMPARE(main.data(ImageTreeModel::FileRole).toString(),
             m_dir.path() + QStringLiteral("/Dockerfile"));
    QCOMPARE(main.data(ImageTreeModel::SizeRole).toLongLong(), 1500);
    QCOMPARE(main.data(ImageTreeModel::KindRole).toInt(), int(ImageTreeModel::Kind::ImageFile));
    QVERIFY(!main.siblingAtColumn(ImageTreeModel::SizeColumn).data().toString().isEmpty());

    // Folder sizes add up what is inside.
    const QModelIndex app = model.indexOfImagePath(QStringLiteral("/app"));
    QCOMPARE(app.data(ImageTreeModel::SizeRole).toLongLong(), 1800);
    QCOMPARE(app.data(ImageTreeModel::IsDirectoryRole).toBool(), true);

    // From another stage, from a here-document.
    const QModelIndex venv = model.indexOfImagePath(QStringLiteral("/venv"));
    QVERIFY(venv.isValid());
    QVERIFY2(venv.siblingAtColumn(ImageTreeModel::FromColumn)
                 .data()
                 .toString()
                 .contains(QLatin1String("builder")),
             qPrintable(venv.siblingAtColumn(ImageTreeModel::FromColumn).data().toString()));
    const QModelIndex motd = model.indexOfImagePath(QStringLiteral("/etc/motd"));
    QVERIFY(motd.isValid());
    QVERIFY(motd.siblingAtColumn(ImageTreeModel::FromColumn)
                .data()
                .toString()
                .contains(QLatin1String("EOF")));

    // Removed by the RUN line, excluded: not in the image.
    QVERIFY(!model.indexOfImagePath(QStringLiteral("/app/stale.pyc")).isValid());
    QVERIFY(!model.indexOfImagePath(QStringLiteral("/app/__pycache__")).isValid());
    QCOMPARE(model.imageFileCount(), 4); // main.py, strings.py, motd and /venv from the stage
}

void TestImageTreeModel::excludedFiles()
{
    ImageTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTarget(m_inspection, 0);
    model.setShowExcluded(true);
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex group = model.index(1, 0);
    QVERIFY2(group.data().toString().contains(QLatin1String("Not in the image")),
             qPrintable(group.data().toString()));
    QCOMPARE(model.excludedFileCount(),
             6); // .dockerignore, Dockerfile, README.md, lint.py, 2 × .pyc
    const QModelIndex readme = model.indexOfContextPath(QStringLiteral("README.md"));
    QCOMPARE(readme.data(ImageTreeModel::KindRole).toInt(), int(ImageTreeModel::Kind::Excluded));
    QCOMPARE(readme.siblingAtColumn(ImageTreeModel::WhyColumn).data().toString(),
             QStringLiteral(".dockerignore:2 *.md"));
    QCOMPARE(readme.data(ImageTreeModel::LineRole).toInt(), 2);
    const QModelIndex lint = model.indexOfContextPath(QStringLiteral("tools/lint.py"));
    QCOMPARE(lint.data(ImageTreeModel::KindRole).toInt(), int(ImageTreeModel::Kind::NotCopied));
    QCOMPARE(lint.parent().data().toString(), QStringLiteral("tools"));
    const QModelIndex stale = model.indexOfContextPath(QStringLiteral("app/stale.pyc"));
    QCOMPARE(stale.data(ImageTreeModel::KindRole).toInt(), int(ImageTreeModel::Kind::Removed));
    QCOMPARE(stale.data(ImageTreeModel::LineRole).toInt(), 10);

    model.setShowExcluded(false);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(!model.indexOfContextPath(QStringLiteral("README.md")).isValid());
}

void TestImageTreeModel::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("visible"); // image paths that must be reachable
    QTest::addColumn<QStringList>("hidden");
    QTest::newRow("empty") << QString()
                           << QStringList{QStringLiteral("/app/main.py"),
                                          QStringLiteral("/etc/motd")}
                           << QStringList();
    QTest::newRow("file name") << QStringLiteral("strings")
                               << QStringList{QStringLiteral("/app/util/strings.py")}
                               << QStringList{QStringLiteral("/app/main.py"),
                                              QStringLiteral("/etc/motd")};
    QTest::newRow("case") << QStringLiteral("MOTD") << QStringList{QStringLiteral("/etc/motd")}
                          << QStringList{QStringLiteral("/app/main.py")};
    QTest::newRow("no match") << QStringLiteral("zzz") << QStringList()
                              << QStringList{QStringLiteral("/app/main.py")};
}

void TestImageTreeModel::search()
{
    QFETCH(QString, text);
    QFETCH(QStringList, visible);
    QFETCH(QStringList, hidden);
    ImageTreeModel model;
    ImageTreeFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTarget(m_inspection, 0);
    model.setShowExcluded(true);
    filter.setSearchText(text);
    for (const QString &path : visible) {
        QVERIFY2(filter.mapFromSource(model.indexOfImagePath(path)).isValid(), qPrintable(path));
    }
    for (const QString &path : hidden) {
        QVERIFY2(!filter.mapFromSource(model.indexOfImagePath(path)).isValid(), qPrintable(path));
    }
    if (text == u"zzz") {
        QCOMPARE(filter.rowCount(), 0);
    }
}

void TestImageTreeModel::sortBySize()
{
    ImageTreeModel model;
    ImageTreeFilterModel filter;
    filter.setSourceModel(&model);
    model.setTarget(m_inspection, 0);
    filter.sort(ImageTreeModel::SizeColumn, Qt::DescendingOrder);
    const QModelIndex app = filter.mapFromSource(model.indexOfImagePath(QStringLiteral("/app")));
    QCOMPARE(filter.index(0, 0, app).data().toString(), QStringLiteral("main.py"));
}

// ADD unpacks a local archive: its members show where they came from.
void TestImageTreeModel::archiveMembers()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    writeFile(root + QStringLiteral("/payload/conf/app.ini"), "[app]\n");
    const TestSupport::ProcessResult tar = TestSupport::run(
        QStringLiteral("tar"),
        {QStringLiteral("czf"), root + QStringLiteral("/bundle.tar.gz"), QStringLiteral("-C"),
         root + QStringLiteral("/payload"), QStringLiteral("conf")});
    if (!tar.started || tar.exitCode != 0) {
        QSKIP("SKIPPED: no tar to build the archive with");
    }
    writeFile(root + QStringLiteral("/Dockerfile"),
              "FROM python:3.12-slim\nADD bundle.tar.gz /opt/\n");
    InspectOptions options;
    options.root = root;
    const InspectionPtr inspection = Inspector::inspect(options);
    QCOMPARE(inspection->images.size(), 1);
    ImageTreeModel model;
    QAbstractItemModelTester tester(&model);
    model.setTarget(inspection, 0);
    const QModelIndex member = model.indexOfImagePath(QStringLiteral("/opt/conf/app.ini"));
    QVERIFY(member.isValid());
    const QString from = member.siblingAtColumn(ImageTreeModel::FromColumn).data().toString();
    QVERIFY2(from.contains(QLatin1String("bundle.tar.gz")) &&
                 from.contains(QLatin1String("conf/app.ini")),
             qPrintable(from));
}

QTEST_GUILESS_MAIN(TestImageTreeModel)
#include "tst_imagetreemodel.moc"
