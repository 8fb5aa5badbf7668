// ImagePanel offscreen: the empty state, the target selector, the tree with
// and without excluded files, search, "Explain path…", findings that open
// their file, and a look in light and dark palettes.

#include "image/imagepanel.h"

#include "inspection/inspector.h"
#include "models/imagetreemodel.h"
#include "palettes.h"
#include "testsupport.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QPalette>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace Revscope;
using TestSupport::writeFile;

using TestSupport::darkPalette;

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

} // namespace

class TestImagePanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyState();
    void targets();
    void treeAndToggle();
    void search();
    void explain();
    void findingsOpenTheirFile();
    void reloadKeepsTarget();
    void screenshot_data();
    void screenshot();

private:
    QTemporaryDir m_dir;
    QString m_root;
    InspectionPtr m_inspection;
};

void TestImagePanel::initTestCase()
{
    m_root = QDir(m_dir.path()).canonicalPath();
    QVERIFY(copyTree(QStringLiteral(REVSCOPE_TEST_DATA "/image/seed003"), m_root));
    // Bytecode beside the sources, so the ignore file has something to exclude.
    writeFile(m_root + QStringLiteral("/back/api/__pycache__/main.cpython-311.pyc"), "x");
    InspectOptions options;
    options.root = m_root;
    m_inspection = Inspector::inspect(options);
    QCOMPARE(m_inspection->images.size(), 2);
}

void TestImagePanel::emptyState()
{
    ImagePanel panel;
    QVERIFY(panel.isEmptyStateShown());
    QTemporaryDir dir;
    writeFile(dir.path() + QStringLiteral("/alembic.ini"), "[alembic]\nscript_location = m\n");
    InspectOptions options;
    options.root = dir.path();
    panel.setInspection(Inspector::inspect(options));
    QVERIFY(panel.isEmptyStateShown());
    QCOMPARE(panel.targetCount(), 0);
    const QList<QLabel *> labels = panel.findChildren<QLabel *>();
    const bool message = std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *label) {
        return label->text() == u"No Dockerfile or compose file found in this project";
    });
    QVERIFY(message);
    panel.setInspection(m_inspection);
    QVERIFY(!panel.isEmptyStateShown());
    panel.setInspection(nullptr);
    QVERIFY(panel.isEmptyStateShown());
}

void TestImagePanel::targets()
{
    ImagePanel panel;
    panel.setInspection(m_inspection);
    QCOMPARE(panel.targetCount(), 2);
    QCOMPARE(panel.currentTarget(), 0);
    auto *combo = panel.findChild<QComboBox *>();
    QVERIFY(combo);
    QCOMPARE(combo->itemText(0), QStringLiteral("api (docker-compose.prod.yml)"));
    QCOMPARE(combo->itemText(1), QStringLiteral("api (docker-compose.yml)"));
    combo->setCurrentIndex(1);
    QCOMPARE(panel.currentTarget(), 1);
    QCOMPARE(panel.treeModel()->target(), 1);
}

void TestImagePanel::treeAndToggle()
{
    ImagePanel panel;
    panel.setInspection(m_inspection);
    QTreeView *tree = panel.treeView();
    QCOMPARE(tree->model()->rowCount(), 1);
    // The working directory is open: /app/main.py is visible at once.
    const QModelIndex root = tree->model()->index(0, 0);
    QVERIFY(tree->isExpanded(root));
    QModelIndex app;
    for (int row = 0; row < tree->model()->rowCount(root); ++row) {
        if (tree->model()->index(row, 0, root).data().toString() == u"app") {
            app = tree->model()->index(row, 0, root);
        }
    }
    QVERIFY(app.isValid());
    QVERIFY(tree->isExpanded(app));
    QVERIFY(!tree->model()->index(0, 0, app).data(Qt::DecorationRole).isNull());

    panel.findChild<QCheckBox *>()->setChecked(true);
    QVERIFY(panel.showExcluded());
    QCOMPARE(tree->model()->rowCount(), 2);
    panel.setShowExcluded(false);
    QVERIFY(!panel.findChild<QCheckBox *>()->isChecked());
    QCOMPARE(tree->model()->rowCount(), 1);
}

void TestImagePanel::search()
{
    ImagePanel panel;
    panel.setInspection(m_inspection);
    panel.setShowExcluded(true);
    panel.setSearchText(QStringLiteral("requirements"));
    QTreeView *tree = panel.treeView();
    // Only the way to /app/requirements.txt stays, expanded.
    QCOMPARE(tree->model()->rowCount(), 1);
    const QModelIndex root = tree->model()->index(0, 0);
    QCOMPARE(tree->model()->rowCount(root), 1);
    const QModelIndex app = tree->model()->index(0, 0, root);
    QVERIFY(tree->isExpanded(app));
    QCOMPARE(tree->model()->index(0, 0, app).data().toString(), QStringLiteral("requirements.txt"));
    panel.setSearchText(QString());
    QCOMPARE(tree->model()->rowCount(), 2);
}

void TestImagePanel::explain()
{
    ImagePanel panel;
    panel.setInspection(m_inspection);
    const PathExplanation config = panel.explainPath(QStringLiteral("back/alembic.ini"));
    QVERIFY(config.inContext);
    QVERIFY(!config.excluded);
    QVERIFY(config.placements.isEmpty());
    const PathExplanation pyc =
        panel.explainPath(QStringLiteral("back/api/__pycache__/main.cpython-311.pyc"));
    QVERIFY(pyc.excluded);
    QCOMPARE(pyc.ignoreLine, 1);
    // The excluded file is shown and selected in the tree.
    QVERIFY(panel.showExcluded());
    QCOMPARE(panel.treeView()->currentIndex().data().toString(),
             QStringLiteral("main.cpython-311.pyc"));
    const PathExplanation main = panel.explainPath(QStringLiteral("back/api/main.py"));
    QCOMPARE(main.placements.size(), 1);
    QCOMPARE(panel.treeView()->currentIndex().data(ImageTreeModel::ImagePathRole).toString(),
             QStringLiteral("/app/main.py"));

    // The result's links open the deciding lines.
    QSignalSpy spy(&panel, &ImagePanel::fileActivated);
    QLabel *result = nullptr;
    for (QLabel *label : panel.findChildren<QLabel *>()) {
        if (label->text().contains(QLatin1String("COPY ./back/api ./"))) {
            result = label;
        }
    }
    QVERIFY(result);
    QVERIFY(result->text().contains(QLatin1String("open:4:")));
    Q_EMIT result->linkActivated(QStringLiteral("open:4:%1/back/api/Dockerfile.prod").arg(m_root));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().at(0).toString(), m_root + QStringLiteral("/back/api/Dockerfile.prod"));
    QCOMPARE(spy.first().at(1).toInt(), 4);
}

void TestImagePanel::findingsOpenTheirFile()
{
    ImagePanel panel;
    panel.setInspection(m_inspection);
    QTreeWidget *findings = panel.findingsView();
    QVERIFY(findings->topLevelItemCount() >= 2);
    QTreeWidgetItem *missing = nullptr;
    for (int i = 0; i < findings->topLevelItemCount(); ++i) {
        if (findings->topLevelItem(i)->text(0) == u"image-missing-config") {
            missing = findings->topLevelItem(i);
        }
    }
    QVERIFY(missing);
    QCOMPARE(missing->text(2), QStringLiteral("docker-compose.prod.yml:6"));
    QSignalSpy spy(&panel, &ImagePanel::fileActivated);
    Q_EMIT findings->itemActivated(missing, 0);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().at(0).toString(), m_root + QStringLiteral("/docker-compose.prod.yml"));
    QCOMPARE(spy.first().at(1).toInt(), 6);

    // Activating a tree item opens the Dockerfile line that put it there.
    const QModelIndex main = panel.treeModel()->indexOfImagePath(QStringLiteral("/app/main.py"));
    QVERIFY(main.isValid());
    panel.explainPath(QStringLiteral("back/api/main.py"));
    Q_EMIT panel.treeView()->activated(panel.treeView()->currentIndex());
    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy.last().at(1).toInt(), 4);
}

void TestImagePanel::reloadKeepsTarget()
{
    ImagePanel panel;
    panel.setInspection(m_inspection);
    panel.setCurrentTarget(1);
    InspectOptions options;
    options.root = m_root;
    panel.setInspection(Inspector::inspect(options));
    QCOMPARE(panel.currentTarget(), 1);
}

void TestImagePanel::screenshot_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestImagePanel::screenshot()
{
    QFETCH(bool, dark);
    ImagePanel panel;
    if (dark) {
        panel.setPalette(darkPalette());
    }
    panel.resize(1100, 720);
    panel.setInspection(m_inspection);
    panel.setShowExcluded(true);
    panel.explainPath(QStringLiteral("back/alembic.ini"));
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QImage image = panel.grab().toImage();
    QVERIFY(!image.isNull());
    // Text is drawn: the picture is not one flat colour.
    QCOMPARE(image.pixelColor(5, 5).isValid(), true);
    const QString dir = qEnvironmentVariable("REVSCOPE_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        const QString name =
            dark ? QStringLiteral("/imagepanel-dark.png") : QStringLiteral("/imagepanel.png");
        QVERIFY(image.save(dir + name));
    }
}

QTEST_MAIN(TestImagePanel)
#include "tst_imagepanel.moc"
