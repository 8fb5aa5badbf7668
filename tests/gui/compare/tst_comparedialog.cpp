// CompareDialog offscreen on real git repositories made by the test: the
// pickers, a comparison of HEAD~1 with HEAD run off the GUI thread, the
// tables, the overlaid graph, the squash mapping the user corrects, and the
// database check with its Stamp… button.

#include "compare/comparedialog.h"
#include "graph/edgeitem.h"
#include "graph/graphpanel.h"
#include "graph/graphscene.h"
#include "graph/nodeitem.h"
#include "models/squashmappingmodel.h"
#include "palettes.h"
#include "releasefixture.h"
#include "versiontable.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;
using namespace TestSupport;

namespace {

constexpr int kTimeoutMs = 60000;

template <typename T>
T *child(const QWidget &parent, const char *name)
{
    T *found = parent.findChild<T *>(QLatin1String(name));
    if (!found) {
        qWarning("no child %s", name);
    }
    return found;
}

QStringList columnOf(const QTableView *table, int column = 0)
{
    QStringList out;
    const QAbstractItemModel *model = table->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        out.append(model->index(row, column).data().toString());
    }
    return out;
}

// Every squash finding code shown in the Checks tab, sorted.
QStringList checkCodes(const QWidget &dialog)
{
    QStringList codes = columnOf(child<QTableView>(dialog, "checksTable"), 1);
    codes.sort();
    return codes;
}

bool compareRefs(QWidget &dialog, const QString &from, const QString &to)
{
    auto *fromCombo = child<QComboBox>(dialog, "fromRef");
    auto *toCombo = child<QComboBox>(dialog, "toRef");
    auto *compare = child<QPushButton>(dialog, "compareButton");
    fromCombo->setEditText(from);
    toCombo->setEditText(to);
    compare->click();
    QElapsedTimer timer;
    timer.start();
    while (!compare->isEnabled() && timer.elapsed() < kTimeoutMs) {
        QTest::qWait(20);
    }
    auto *graph = child<GraphPanel>(dialog, "graph");
    while (graph->isLayoutRunning() && timer.elapsed() < kTimeoutMs) {
        QTest::qWait(20);
    }
    return compare->isEnabled() && !graph->isLayoutRunning();
}

} // namespace

class TestCompareDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!hasGit()) {
            QSKIP("git is not installed: the compare tests build real repositories with it");
        }
    }

    void compareHeadWithPrevious()
    {
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QString(), squashIntoNewBase));
        CompareDialog dialog;
        dialog.setProject(dir.path(), nullptr);
        dialog.show();
        auto *from = child<QComboBox>(dialog, "fromRef");
        // The pickers list the repository's refs, filled off the GUI thread.
        QTRY_VERIFY_WITH_TIMEOUT(from->findText(QStringLiteral("v1")) >= 0, kTimeoutMs);
        QVERIFY(from->findText(QStringLiteral("HEAD")) >= 0);
        QVERIFY(from->findText(QDir::cleanPath(dir.path())) >= 0);
        QCOMPARE(from->currentText(), QStringLiteral("HEAD"));

        QVERIFY(compareRefs(dialog, QStringLiteral("HEAD~1"), QStringLiteral("HEAD")));
        const QString status = child<QLabel>(dialog, "status")->text();
        QVERIFY2(status.contains(QLatin1String("3 removed, 1 added, 1 rewired, 1 edited")),
                 qPrintable(status));
        QCOMPARE(
            columnOf(child<QTableView>(dialog, "removedTable")),
            (QStringList{QStringLiteral("001"), QStringLiteral("002"), QStringLiteral("003")}));
        QCOMPARE(
            columnOf(child<QTableView>(dialog, "removedTable"), 2),
            (QStringList{QStringLiteral("b891"), QStringLiteral("b891"), QStringLiteral("b891")}));
        QCOMPARE(columnOf(child<QTableView>(dialog, "addedTable")),
                 QStringList{QStringLiteral("b891")});
        QCOMPARE(columnOf(child<QTableView>(dialog, "rewiredTable")),
                 QStringList{QStringLiteral("004")});
        QCOMPARE(columnOf(child<QTableView>(dialog, "editedTable")),
                 QStringList{QStringLiteral("004")});
        QCOMPARE(
            columnOf(child<QTableView>(dialog, "mappingTable"), 2),
            (QStringList{QStringLiteral("b891"), QStringLiteral("b891"), QStringLiteral("b891")}));
        QVERIFY(checkCodes(dialog).isEmpty());
        QVERIFY(!child<QWidget>(dialog, "databaseBanner")->isVisible());

        // The overlaid graph: both versions, with their statuses drawn.
        auto *graph = child<GraphPanel>(dialog, "graph");
        QVERIFY(graph->overlay());
        QCOMPARE(graph->overlay()->status(QStringLiteral("002")),
                 ComparisonOverlay::Status::Removed);
        GraphScene *scene = graph->graphScene();
        QVERIFY(scene);
        QCOMPARE(int(scene->nodeItems().size()), 5);
        const QHash<QString, ComparisonOverlay::Status> expected{
            {QStringLiteral("001"), ComparisonOverlay::Status::Removed},
            {QStringLiteral("003"), ComparisonOverlay::Status::Removed},
            {QStringLiteral("b891"), ComparisonOverlay::Status::Added},
            {QStringLiteral("004"), ComparisonOverlay::Status::Rewired}};
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            const NodeItem *node = scene->nodeItem(it.key());
            QVERIFY2(node, qPrintable(it.key()));
            QCOMPARE(node->visual().change, it.value());
            QCOMPARE(node->visual().chips.constFirst().text,
                     ComparisonOverlay::statusName(it.value()));
            for (const NodeChip &chip : node->visual().chips) {
                QVERIFY(chip.kind != ChipKind::Head && chip.kind != ChipKind::Base);
            }
        }
        QHash<QString, ComparisonOverlay::EdgeStatus> edges;
        for (const EdgeItem *edge : scene->edgeItems()) {
            edges.insert(edge->visual().from + QLatin1Char('>') + edge->visual().to,
                         edge->visual().change);
        }
        QCOMPARE(edges.value(QStringLiteral("003>004")), ComparisonOverlay::EdgeStatus::Removed);
        QCOMPARE(edges.value(QStringLiteral("b891>004")), ComparisonOverlay::EdgeStatus::Added);
        QCOMPARE(edges.value(QStringLiteral("001>002")), ComparisonOverlay::EdgeStatus::Removed);

        // Double-clicking a revision tells the window.
        QSignalSpy activated(&dialog, &CompareDialog::revisionActivated);
        auto *removed = child<QTableView>(dialog, "removedTable");
        const QModelIndex second = removed->model()->index(1, 0);
        removed->scrollTo(second);
        const QPoint at = removed->visualRect(second).center();
        QTest::mouseClick(removed->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(removed->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("002"));

        dialog.resize(1180, 760);
        QVERIFY(dialog.grab().save(QStringLiteral("/tmp/revscope-comparedialog-light.png")));
        dialog.setPalette(darkPalette());
        QTest::qWait(50);
        QVERIFY(dialog.grab().save(QStringLiteral("/tmp/revscope-comparedialog-dark.png")));
    }

    // The user corrects the inferred mapping; the checks and the database
    // banner follow.
    void overrideMappingAndStamp()
    {
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QString(), squashEverything));
        const QString database = dir.path() + QLatin1String("/state.sqlite");
        QVERIFY(writeSqliteVersionTable(database, {QStringLiteral("004")}));
        CompareDialog dialog;
        dialog.setProject(dir.path(), nullptr);
        InspectOptions::Database request;
        request.url = QStringLiteral("sqlite:///") + database;
        dialog.setDatabase(request);
        dialog.show();
        QVERIFY(compareRefs(dialog, QStringLiteral("HEAD~1"), QStringLiteral("HEAD")));
        QCOMPARE(checkCodes(dialog), QStringList{QStringLiteral("squash-db-stamped-removed")});
        auto *banner = child<QWidget>(dialog, "databaseBanner");
        auto *stamp = child<QPushButton>(dialog, "stampButton");
        QVERIFY(banner->isVisible());
        QVERIFY(stamp->isVisible());
        QVERIFY2(child<QLabel>(dialog, "databaseText")->text().contains(QLatin1String("004")),
                 qPrintable(child<QLabel>(dialog, "databaseText")->text()));
        QSignalSpy stampRequested(&dialog, &CompareDialog::stampRequested);
        stamp->click();
        QCOMPARE(stampRequested.size(), 1);
        QCOMPARE(stampRequested.at(0).at(0).toString(), QStringLiteral("alembic.ini"));
        QCOMPARE(stampRequested.at(0).at(1).toStringList(), QStringList{QStringLiteral("b891")});
        dialog.grab().save(QStringLiteral("/tmp/revscope-comparedialog-database.png"));

        // b891 does not replace 004 after all: the head is lost, and the
        // database has nothing to be stamped to.
        auto *mapping = child<QTableView>(dialog, "mappingTable");
        QCOMPARE(mapping->model()->rowCount(), 4);
        QCOMPARE(mapping->model()->index(3, 0).data().toString(), QStringLiteral("004"));
        QVERIFY(mapping->model()->setData(mapping->model()->index(3, 0), Qt::Unchecked,
                                          Qt::CheckStateRole));
        QTRY_COMPARE(checkCodes(dialog), (QStringList{QStringLiteral("squash-db-stamped-removed"),
                                                      QStringLiteral("squash-new-head"),
                                                      QStringLiteral("squash-uncovered-head")}));
        QVERIFY(!stamp->isVisible());
        child<QTableView>(dialog, "checksTable")->selectRow(2);
        QTRY_VERIFY_WITH_TIMEOUT(!child<GraphPanel>(dialog, "graph")->isLayoutRunning(),
                                 kTimeoutMs);
        QTest::qWait(50);
        QVERIFY(child<QLabel>(dialog, "checkDetail")
                    ->text()
                    .contains(QLatin1String("Confirm which revision replaces 004")));
        dialog.grab().save(QStringLiteral("/tmp/revscope-comparedialog-checks.png"));
        QCOMPARE(mapping->model()->index(3, SquashMappingModel::StateColumn).data().toString(),
                 QStringLiteral("not replaced"));
        QCOMPARE(mapping->model()->index(0, SquashMappingModel::StateColumn).data().toString(),
                 QStringLiteral("confirmed"));

        // Ticked again through the replacement picker: back to one check.
        auto *replacement = child<QComboBox>(dialog, "replacementCombo");
        QCOMPARE(replacement->currentText(), QStringLiteral("b891"));
        QVERIFY(mapping->model()->setData(mapping->model()->index(3, 0), Qt::Checked,
                                          Qt::CheckStateRole));
        QTRY_COMPARE(checkCodes(dialog), QStringList{QStringLiteral("squash-db-stamped-removed")});
        QVERIFY(stamp->isVisible());
        QVERIFY(!child<QPushButton>(dialog, "confirmButton")->isEnabled()); // all confirmed
    }

    void confirmButton()
    {
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QString(), squashIntoNewBase));
        CompareDialog dialog;
        dialog.setProject(dir.path(), nullptr);
        QVERIFY(compareRefs(dialog, QStringLiteral("v1"), QStringLiteral("HEAD")));
        auto *confirm = child<QPushButton>(dialog, "confirmButton");
        QVERIFY(confirm->isEnabled());
        dialog.show();
        QTest::qWait(50);
        dialog.grab().save(QStringLiteral("/tmp/revscope-comparedialog-mapping.png"));
        QVERIFY(
            child<QLabel>(dialog, "mappingState")->text().startsWith(QLatin1String("Inferred")));
        confirm->click();
        QTRY_COMPARE(columnOf(child<QTableView>(dialog, "mappingTable"), 3),
                     (QStringList{QStringLiteral("confirmed"), QStringLiteral("confirmed"),
                                  QStringLiteral("confirmed")}));
        QVERIFY(!confirm->isEnabled());
    }

    void errorInStatus()
    {
        QTemporaryDir dir;
        QVERIFY(makeSquashRepository(dir.path(), QString(), squashIntoNewBase));
        CompareDialog dialog;
        dialog.setProject(dir.path(), nullptr);
        QVERIFY(compareRefs(dialog, QStringLiteral("v9"), QStringLiteral("HEAD")));
        const QString status = child<QLabel>(dialog, "status")->text();
        QVERIFY2(status.contains(QLatin1String("v9 is not a commit of this repository")),
                 qPrintable(status));
        QVERIFY(!child<GraphPanel>(dialog, "graph")->overlay());
    }

    // Outside git: the folder is offered, and two folders compare.
    void foldersOutsideGit()
    {
        QTemporaryDir before;
        QTemporaryDir after;
        writeTwoVersions(before.path(), after.path(), squashIntoNewBase);
        CompareDialog dialog;
        dialog.setProject(before.path(), nullptr);
        auto *status = child<QLabel>(dialog, "status");
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("not in a git repository")),
                                 kTimeoutMs);
        QCOMPARE(child<QComboBox>(dialog, "fromRef")->currentText(),
                 QDir::cleanPath(before.path()));
        QVERIFY(compareRefs(dialog, before.path(), after.path()));
        QCOMPARE(columnOf(child<QTableView>(dialog, "addedTable")),
                 QStringList{QStringLiteral("b891")});
    }
};

QTEST_MAIN(TestCompareDialog)
#include "tst_comparedialog.moc"
