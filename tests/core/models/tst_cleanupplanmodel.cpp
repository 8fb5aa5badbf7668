#include "models/cleanupplanmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Revscope;

namespace {

CleanupAction action(CleanupAction::Kind kind, const QString &path, qint64 bytes)
{
    CleanupAction a;
    a.kind = kind;
    a.path = path;
    a.bytes = bytes;
    a.reason = kind == CleanupAction::Kind::EditIgnore
                   ? QStringLiteral("dockerignore-no-bytecode-rule")
                   : QStringLiteral("stray-bytecode");
    return a;
}

// Two stray files in one __pycache__, that folder, one in another, and an edit.
CleanupPlan samplePlan()
{
    CleanupPlan plan;
    plan.root = QStringLiteral("/p");
    plan.actions = {
        action(CleanupAction::Kind::Trash, QStringLiteral("/p/v/__pycache__/a.pyc"), 1000),
        action(CleanupAction::Kind::Trash, QStringLiteral("/p/v/__pycache__/b.pyc"), 2500),
        action(CleanupAction::Kind::Trash, QStringLiteral("/p/w/__pycache__/c.pyc"), 600),
        action(CleanupAction::Kind::RemoveFolder, QStringLiteral("/p/v/__pycache__"), 0),
        action(CleanupAction::Kind::EditIgnore, QStringLiteral("/p/.dockerignore"), 0),
    };
    return plan;
}

} // namespace

class TestCleanupPlanModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsActions()
    {
        CleanupPlanModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(samplePlan());
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), int(CleanupPlanModel::ColumnCount));
        QCOMPARE(model.index(0, CleanupPlanModel::PathColumn).data().toString(),
                 QStringLiteral("v/__pycache__/a.pyc"));
        QCOMPARE(model.index(1, CleanupPlanModel::SizeColumn).data().toString(),
                 QStringLiteral("2.4 kB"));
        QCOMPARE(model.index(3, CleanupPlanModel::SizeColumn).data().toString(), QString());
        QCOMPARE(model.index(0, CleanupPlanModel::ReasonColumn)
                     .data(CleanupPlanModel::ReasonCodeRole)
                     .toString(),
                 QStringLiteral("stray-bytecode"));
        QCOMPARE(model.index(0, CleanupPlanModel::ActionColumn).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Checked));
        QVERIFY(model.flags(model.index(0, CleanupPlanModel::ActionColumn)) &
                Qt::ItemIsUserCheckable);
        QVERIFY(
            !(model.flags(model.index(0, CleanupPlanModel::PathColumn)) & Qt::ItemIsUserCheckable));
        QCOMPARE(model.enabledCount(), 5);
        QCOMPARE(model.enabledBytes(), qint64(4100));
    }

    void untickingExcludesFromPlan_data()
    {
        QTest::addColumn<QList<int>>("untick");
        QTest::addColumn<int>("count");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("none") << QList<int>{} << 5 << qint64(4100);
        QTest::newRow("one file") << QList<int>{1} << 4 << qint64(1600);
        QTest::newRow("folder only") << QList<int>{3} << 4 << qint64(4100);
        QTest::newRow("everything") << QList<int>{0, 1, 2, 3, 4} << 0 << qint64(0);
    }
    void untickingExcludesFromPlan()
    {
        QFETCH(QList<int>, untick);
        QFETCH(int, count);
        QFETCH(qint64, bytes);
        CleanupPlanModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(samplePlan());
        QSignalSpy totals(&model, &CleanupPlanModel::totalsChanged);
        for (int row : untick) {
            QVERIFY(model.setData(model.index(row, CleanupPlanModel::ActionColumn), Qt::Unchecked,
                                  Qt::CheckStateRole));
        }
        const CleanupPlan plan = model.plan();
        for (int row = 0; row < plan.actions.size(); ++row) {
            QCOMPARE(plan.actions.at(row).enabled, !untick.contains(row));
        }
        QCOMPARE(model.enabledCount(), count);
        QCOMPARE(model.enabledBytes(), bytes);
        QCOMPARE(totals.count(), int(untick.size()));
        if (!untick.isEmpty()) {
            QCOMPARE(totals.last().at(0).toInt(), count);
            QCOMPARE(totals.last().at(1).toLongLong(), bytes);
        }
        // Ticking again something already unticked changes nothing.
        if (!untick.isEmpty()) {
            model.setData(model.index(untick.first(), 0), Qt::Unchecked, Qt::CheckStateRole);
            QCOMPARE(totals.count(), int(untick.size()));
        }
    }

    void onlyColumnZeroIsCheckable()
    {
        CleanupPlanModel model;
        model.setPlan(samplePlan());
        QVERIFY(!model.setData(model.index(0, CleanupPlanModel::PathColumn), Qt::Unchecked,
                               Qt::CheckStateRole));
        QVERIFY(!model.setData(model.index(0, 0), QStringLiteral("x"), Qt::EditRole));
        QVERIFY(model.plan().actions.at(0).enabled);
    }

    void preselectsOnePath()
    {
        CleanupPlanModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(samplePlan());
        QVERIFY(model.setOnlyEnabled(QStringLiteral("/p/v/__pycache__/b.pyc")));
        QList<bool> enabled;
        for (const CleanupAction &a : model.plan().actions) {
            enabled.append(a.enabled);
        }
        QCOMPARE(enabled, (QList<bool>{false, true, false, true, false}));
        QCOMPARE(model.enabledBytes(), qint64(2500));
        QVERIFY(!model.setOnlyEnabled(QStringLiteral("/p/nothing.pyc")));
        QCOMPARE(model.enabledBytes(), qint64(2500));
        model.setAllEnabled(true);
        QCOMPARE(model.enabledCount(), 5);
    }
};

QTEST_GUILESS_MAIN(TestCleanupPlanModel)
#include "tst_cleanupplanmodel.moc"
