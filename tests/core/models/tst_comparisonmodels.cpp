// The comparison's tables (removed, added, rewired, edited revisions) and
// the editable squash mapping, under QAbstractItemModelTester.

#include "models/comparisonchangesmodel.h"
#include "models/squashmappingmodel.h"
#include "releasefixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;
using namespace TestSupport;

namespace {

const QString kLabel = QStringLiteral("alembic.ini");

// Two folders: the linear history, and `change` applied to it.
Comparison compareFolders(const QTemporaryDir &before, const QTemporaryDir &after,
                          const std::function<void(const QString &)> &change)
{
    writeTwoVersions(before.path(), after.path(), change);
    ComparisonOptions options;
    options.project = before.path();
    options.from = before.path();
    options.to = after.path();
    return Comparison::run(options);
}

QStringList column(const QAbstractItemModel &model, int column, int role = Qt::DisplayRole)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row) {
        out.append(model.index(row, column).data(role).toString());
    }
    return out;
}

} // namespace

class TestComparisonModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void changes_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QStringList>("revisions");
        QTest::addColumn<QStringList>("details");
        QTest::addColumn<QString>("firstFile");
        QTest::newRow("removed") << int(ComparisonChangesModel::Kind::Removed)
                                 << QStringList{QStringLiteral("001"), QStringLiteral("002"),
                                                QStringLiteral("003")}
                                 << QStringList{QStringLiteral("b891"), QStringLiteral("b891"),
                                                QStringLiteral("b891")}
                                 << QStringLiteral("migrations/versions/001_a.py");
        QTest::newRow("added") << int(ComparisonChangesModel::Kind::Added)
                               << QStringList{QStringLiteral("b891")}
                               << QStringList{QStringLiteral("001, 002, 003")}
                               << QStringLiteral("migrations/versions/b891_initial.py");
        QTest::newRow("rewired") << int(ComparisonChangesModel::Kind::Rewired)
                                 << QStringList{QStringLiteral("004")}
                                 << QStringList{QStringLiteral("003 \u2192 b891")}
                                 << QStringLiteral("migrations/versions/004_d.py");
        QTest::newRow("edited") << int(ComparisonChangesModel::Kind::Edited)
                                << QStringList{QStringLiteral("004")}
                                << QStringList{QStringLiteral("rewired")}
                                << QStringLiteral("migrations/versions/004_d.py");
    }
    void changes()
    {
        QFETCH(int, kind);
        QFETCH(QStringList, revisions);
        QFETCH(QStringList, details);
        QFETCH(QString, firstFile);
        QTemporaryDir before;
        QTemporaryDir after;
        const Comparison comparison = compareFolders(before, after, squashIntoNewBase);
        QVERIFY2(comparison.ok(), qPrintable(comparison.error()));
        ComparisonChangesModel model{ComparisonChangesModel::Kind(kind)};
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setComparison(comparison, kLabel);
        QCOMPARE(model.columnCount(), int(ComparisonChangesModel::ColumnCount));
        QCOMPARE(column(model, ComparisonChangesModel::RevisionColumn), revisions);
        QCOMPARE(column(model, ComparisonChangesModel::DetailColumn), details);
        QCOMPARE(model.index(0, ComparisonChangesModel::FileColumn).data().toString(), firstFile);
        // Removed scripts are read from the older version, the rest from the newer.
        const QString file = model.index(0, 0).data(ComparisonChangesModel::FileRole).toString();
        const QString root = kind == int(ComparisonChangesModel::Kind::Removed)
                                 ? comparison.from().root
                                 : comparison.to().root;
        QCOMPARE(file, root + QLatin1Char('/') + firstFile);
        QVERIFY(!model.index(0, ComparisonChangesModel::MessageColumn).data().toString().isEmpty());
        QCOMPARE(model.revisionAt(0), revisions.first());
        QVERIFY(model.revisionAt(99).isEmpty());
        QVERIFY(!model.headerData(ComparisonChangesModel::DetailColumn, Qt::Horizontal)
                     .toString()
                     .isEmpty());
        model.setComparison(comparison, QStringLiteral("other.ini"));
        QCOMPARE(model.rowCount(), 0);
    }

    void removedWithoutReplacement()
    {
        QTemporaryDir before;
        QTemporaryDir after;
        const Comparison comparison = compareFolders(before, after, [](const QString &p) {
            removeScripts(p, {QStringLiteral("004_d.py")});
        });
        ComparisonChangesModel model(ComparisonChangesModel::Kind::Removed);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setComparison(comparison, kLabel);
        QCOMPARE(column(model, ComparisonChangesModel::DetailColumn),
                 QStringList{QStringLiteral("nothing replaces it")});
    }

    void squashMapping()
    {
        QTemporaryDir before;
        QTemporaryDir after;
        const Comparison comparison = compareFolders(before, after, squashIntoNewBase);
        SquashMappingModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy edited(&model, &SquashMappingModel::mappingEdited);
        model.setComparison(comparison, kLabel);
        QCOMPARE(edited.size(), 0);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.candidates(), (QStringList{QStringLiteral("b891"), QStringLiteral("004")}));
        QCOMPARE(model.currentReplacement(), QStringLiteral("b891"));
        QCOMPARE(
            column(model, SquashMappingModel::ReplacedByColumn),
            (QStringList{QStringLiteral("b891"), QStringLiteral("b891"), QStringLiteral("b891")}));
        QVERIFY(model.index(0, SquashMappingModel::StateColumn)
                    .data()
                    .toString()
                    .startsWith(QLatin1String("inferred: ")));
        QCOMPARE(model.index(0, 0).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
        QVERIFY(!model.isConfirmed());
        QCOMPARE(squashMappingText(model.mapping()), QStringLiteral("b891<-001,002,003?"));

        // Untick 003: b891 replaces only 001 and 002, confirmed by the user.
        QVERIFY(model.setData(model.index(2, 0), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(edited.size(), 1);
        QCOMPARE(model.index(2, SquashMappingModel::ReplacedByColumn).data().toString(),
                 QStringLiteral("(none)"));
        QCOMPARE(model.index(2, SquashMappingModel::StateColumn).data().toString(),
                 QStringLiteral("not replaced"));
        QCOMPARE(squashMappingText(model.mapping()), QStringLiteral("b891<-001,002?"));

        // Another replacement takes 003 by a tick; the other rows are unticked for it.
        model.setCurrentReplacement(QStringLiteral("004"));
        QCOMPARE(model.index(0, 0).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
        QVERIFY(model.setData(model.index(2, 0), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(squashMappingText(model.mapping()), QStringLiteral("004<-003! b891<-001,002?"));

        // The Replaced-by column takes only candidates.
        QVERIFY(!model.setData(model.index(0, SquashMappingModel::ReplacedByColumn),
                               QStringLiteral("zzz")));
        QVERIFY(model.setData(model.index(0, SquashMappingModel::ReplacedByColumn),
                              QStringLiteral("004")));
        QVERIFY(model.setData(model.index(1, SquashMappingModel::ReplacedByColumn),
                              QStringLiteral("004")));
        QCOMPARE(squashMappingText(model.mapping()), QStringLiteral("004<-001,002,003!"));
        QVERIFY(model.isConfirmed());
        QVERIFY(model.flags(model.index(0, SquashMappingModel::ReplacedByColumn)) &
                Qt::ItemIsEditable);
        QVERIFY(
            !(model.flags(model.index(0, SquashMappingModel::MessageColumn)) & Qt::ItemIsEditable));

        // Handing back the re-checked comparison shows the confirmed mapping.
        const Comparison confirmed = comparison.withSquash(kLabel, model.mapping());
        model.setComparison(confirmed, kLabel);
        QCOMPARE(model.currentReplacement(), QStringLiteral("004"));
        QCOMPARE(column(model, SquashMappingModel::StateColumn),
                 (QStringList{QStringLiteral("confirmed"), QStringLiteral("confirmed"),
                              QStringLiteral("confirmed")}));
    }
};

QTEST_GUILESS_MAIN(TestComparisonModels)
#include "tst_comparisonmodels.moc"
