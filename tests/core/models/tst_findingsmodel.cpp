#include "models/findingsmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Revscope;

namespace {

InspectionPtr makeInspection()
{
    auto inspection = std::make_shared<Inspection>();
    inspection->root = QStringLiteral("/project");
    auto add = [&](Severity severity, const char *code, const char *message, const char *file,
                   int line, const char *env) {
        Finding f;
        f.severity = severity;
        f.code = QLatin1String(code);
        f.message = QLatin1String(message);
        f.file = QLatin1String(file);
        f.line = line;
        f.environment = QLatin1String(env);
        inspection->findings.append(f);
    };
    add(Severity::Error, "missing-parent", "Revision 004 refers to a2242b61af45",
        "/project/m/versions/004.py", 12, "alembic.ini");
    add(Severity::Warning, "multiple-heads", "Two heads", "", 0, "alembic.ini");
    add(Severity::Info, "filename-mismatch", "File name differs", "/project/other/versions/x.py", 3,
        "other/alembic.ini");
    return inspection;
}

} // namespace

class TestFindingsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelIsConsistent()
    {
        FindingsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setInspection(makeInspection());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, FindingsModel::LocationColumn).data().toString(),
                 QStringLiteral("m/versions/004.py:12"));
        QCOMPARE(model.index(1, FindingsModel::LocationColumn).data().toString(), QString());
        QCOMPARE(model.index(0, FindingsModel::CodeColumn).data().toString(),
                 QStringLiteral("missing-parent"));
        QCOMPARE(model.index(0, 0).data(FindingsModel::LineRole).toInt(), 12);
        QCOMPARE(model.index(0, 0).data(FindingsModel::FileRole).toString(),
                 QStringLiteral("/project/m/versions/004.py"));
        model.setInspection(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void filter_data()
    {
        QTest::addColumn<int>("minimum");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("rows");
        QTest::newRow("all") << int(Severity::Info) << QString() << QString() << 3;
        QTest::newRow("warnings") << int(Severity::Warning) << QString() << QString() << 2;
        QTest::newRow("errors") << int(Severity::Error) << QString() << QString() << 1;
        QTest::newRow("environment")
            << int(Severity::Info) << QStringLiteral("other/alembic.ini") << QString() << 1;
        QTest::newRow("text in message")
            << int(Severity::Info) << QString() << QStringLiteral("A2242B") << 1;
        QTest::newRow("text in code")
            << int(Severity::Info) << QString() << QStringLiteral("heads") << 1;
        QTest::newRow("no match") << int(Severity::Info) << QString() << QStringLiteral("zzz") << 0;
    }

    void filter()
    {
        QFETCH(int, minimum);
        QFETCH(QString, environment);
        QFETCH(QString, text);
        QFETCH(int, rows);
        FindingsModel model;
        model.setInspection(makeInspection());
        FindingsFilterModel filter;
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&model);
        filter.setMinimumSeverity(Severity(minimum));
        filter.setEnvironment(environment);
        filter.setText(text);
        QCOMPARE(filter.rowCount(), rows);
    }

    void sortsBySeverity()
    {
        FindingsModel model;
        model.setInspection(makeInspection());
        FindingsFilterModel filter;
        filter.setSourceModel(&model);
        filter.sort(FindingsModel::SeverityColumn, Qt::AscendingOrder);
        QCOMPARE(filter.index(0, FindingsModel::CodeColumn).data().toString(),
                 QStringLiteral("filename-mismatch"));
        QCOMPARE(filter.index(2, FindingsModel::CodeColumn).data().toString(),
                 QStringLiteral("missing-parent"));
    }
};

QTEST_GUILESS_MAIN(TestFindingsModel)
#include "tst_findingsmodel.moc"
