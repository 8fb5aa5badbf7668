#include "database/stampplanner.h"

#include <QtTest>

using namespace Revscope;

namespace {

// "id<down1,down2" (down list optional) plus "@label" for a branch label.
Revision revisionFromSpec(const QString &spec)
{
    Revision revision;
    QString rest = spec;
    if (rest.contains(QLatin1Char('@'))) {
        revision.branchLabels = {rest.section(QLatin1Char('@'), 1)};
        rest = rest.section(QLatin1Char('@'), 0, 0);
    }
    revision.id = rest.section(QLatin1Char('<'), 0, 0);
    const QString downs = rest.section(QLatin1Char('<'), 1);
    if (!downs.isEmpty()) {
        revision.downRevisions = downs.split(QLatin1Char(','));
    }
    revision.message = QStringLiteral("revision ") + revision.id;
    return revision;
}

QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

Revisions revisions(const char *specs, RevisionOrigin origin = RevisionOrigin::Source)
{
    Revisions result;
    for (const QString &spec : words(specs)) {
        Revision revision = revisionFromSpec(spec);
        revision.origin = origin;
        result.append(revision);
    }
    return result;
}

DatabaseState state(const QStringList &rows, DatabaseState::Status status = DatabaseState::Ok)
{
    DatabaseState s;
    s.url = QStringLiteral("sqlite:///app.db");
    s.versionTable = QStringLiteral("alembic_version");
    s.versions = rows;
    s.status = rows.isEmpty() && status == DatabaseState::Ok ? DatabaseState::Empty : status;
    return s;
}

// Two branches off one base: 1000 <- 2000a <- 3000a, 1000 <- 2000b (label "side").
RevisionGraph branchedGraph()
{
    return RevisionGraph(revisions("1000 2000a<1000 3000a<2000a 2000b<1000@side"));
}

// The seed: the old chain only as bytecode, a squash base and one on top.
RevisionGraph seedGraph()
{
    return RevisionGraph(
        revisions("b891cb8863b5 c3d4e5f6a7b8<b891cb8863b5"),
        revisions("0f1e2d3c4b5a a2242b61af45<0f1e2d3c4b5a", RevisionOrigin::Bytecode));
}

DatabaseUrl sqliteUrl()
{
    return DatabaseUrl::parse(QStringLiteral("sqlite:////tmp/app.db"));
}

QString kindLetters(const QList<StampStatement> &statements)
{
    QString letters;
    for (const StampStatement &statement : statements) {
        switch (statement.kind) {
        case StampStatement::Kind::Update:
            letters += QLatin1Char('U');
            break;
        case StampStatement::Kind::Insert:
            letters += QLatin1Char('I');
            break;
        case StampStatement::Kind::Delete:
            letters += QLatin1Char('D');
            break;
        }
    }
    return letters;
}

} // namespace

class TestStampPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The fewest statements: UPDATE where a row is replaced, INSERT/DELETE
    // when the count changes; duplicated rows collapse to one.
    void statements_data()
    {
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<QStringList>("after");
        QTest::addColumn<QString>("kinds");
        QTest::addColumn<QStringList>("values"); // every statement's values, flattened
        QTest::newRow("replace one")
            << words("a") << words("b") << QStringLiteral("U") << words("b a");
        QTest::newRow("unchanged") << words("a b") << words("b a") << QString() << QStringList();
        QTest::newRow("one to two heads")
            << words("a") << words("a c") << QStringLiteral("I") << words("c");
        QTest::newRow("two heads to one")
            << words("a b") << words("m") << QStringLiteral("UD") << words("m a b");
        QTest::newRow("empty table")
            << QStringList() << words("a b") << QStringLiteral("II") << words("a b");
        QTest::newRow("base") << words("a b") << QStringList() << QStringLiteral("DD")
                              << words("a b");
        QTest::newRow("duplicate rows kept once")
            << words("a a") << words("a") << QStringLiteral("DI") << words("a a");
        QTest::newRow("duplicate rows replaced")
            << words("a a") << words("b") << QStringLiteral("DI") << words("a b");
    }

    void statements()
    {
        QFETCH(QStringList, before);
        QFETCH(QStringList, after);
        QFETCH(QString, kinds);
        QFETCH(QStringList, values);
        const QList<StampStatement> statements = StampPlan::statementsFor(
            before, after, QStringLiteral("\"alembic_version\""), DatabaseUrl::Backend::Sqlite);
        QCOMPARE(kindLetters(statements), kinds);
        QStringList got;
        for (const StampStatement &statement : statements) {
            got += statement.values;
            QCOMPARE(statement.sql.count(QLatin1Char('?')), statement.values.size());
            QVERIFY(!statement.displaySql.contains(QLatin1Char('?')));
        }
        QCOMPARE(got, values);
    }

    // Identifiers are quoted (quotes doubled) in both texts; values are bound
    // in the SQL and written as doubled-quote literals only in the display.
    void quoting_data()
    {
        QTest::addColumn<int>("backend");
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("display");
        QTest::newRow("hostile table")
            << int(DatabaseUrl::Backend::PostgreSql) << QString()
            << QStringLiteral("x\"; DROP TABLE y; --")
            << QStringLiteral("UPDATE \"x\"\"; DROP TABLE y; --\" SET \"version_num\" = ? WHERE "
                              "\"version_num\" = ?")
            << QStringLiteral("UPDATE \"x\"\"; DROP TABLE y; --\" SET \"version_num\" = 'it''s' "
                              "WHERE \"version_num\" = 'old'");
        QTest::newRow("schema") << int(DatabaseUrl::Backend::PostgreSql)
                                << QStringLiteral("my schema") << QStringLiteral("versions")
                                << QStringLiteral("UPDATE \"my schema\".\"versions\" SET "
                                                  "\"version_num\" = ? WHERE \"version_num\" = ?")
                                << QStringLiteral("UPDATE \"my schema\".\"versions\" SET "
                                                  "\"version_num\" = 'it''s' WHERE "
                                                  "\"version_num\" = 'old'");
        QTest::newRow("mysql") << int(DatabaseUrl::Backend::MySql) << QString()
                               << QStringLiteral("v`t")
                               << QStringLiteral("UPDATE `v``t` SET `version_num` = ? WHERE "
                                                 "`version_num` = ?")
                               << QStringLiteral("UPDATE `v``t` SET `version_num` = 'it''s' WHERE "
                                                 "`version_num` = 'old'");
    }

    void quoting()
    {
        QFETCH(int, backend);
        QFETCH(QString, schema);
        QFETCH(QString, table);
        QFETCH(QString, sql);
        QFETCH(QString, display);
        StampPlan plan;
        plan.backend = DatabaseUrl::Backend(backend);
        plan.schema = schema;
        plan.versionTable = table;
        const QList<StampStatement> statements = StampPlan::statementsFor(
            words("old"), {QStringLiteral("it's")}, plan.qualifiedTable(), plan.backend);
        QCOMPARE(statements.size(), 1);
        QCOMPARE(statements.first().sql, sql);
        QCOMPARE(statements.first().displaySql, display);
        QCOMPARE(statements.first().values,
                 (QStringList{QStringLiteral("it's"), QStringLiteral("old")}));
    }

    // The journal keys a database without its password.
    void databaseKey_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("key");
        QTest::newRow("postgres") << QStringLiteral("postgresql+psycopg2://app:pw@db:5432/shop")
                                  << QStringLiteral("postgresql://app@db:5432/shop");
        QTest::newRow("sqlite") << QStringLiteral("sqlite:///data/app.db")
                                << QStringLiteral("sqlite:////base/data/app.db");
    }

    void databaseKey()
    {
        QFETCH(QString, url);
        QFETCH(QString, key);
        QCOMPARE(StampPlan::keyOf(DatabaseUrl::parse(url, QStringLiteral("/base"))), key);
    }

    // Targets resolve like Alembic's get_revisions; rows after are exactly them.
    void targets_data()
    {
        QTest::addColumn<QStringList>("rows");
        QTest::addColumn<QStringList>("targets");
        QTest::addColumn<QStringList>("after"); // empty with `error`
        QTest::addColumn<QString>("error");     // a fragment of it
        QTest::newRow("full id") << words("1000") << words("3000a") << words("3000a") << QString();
        QTest::newRow("partial id")
            << words("1000") << words("3000") << words("3000a") << QString();
        QTest::newRow("heads") << words("1000") << words("heads") << words("3000a 2000b")
                               << QString();
        QTest::newRow("branch label")
            << words("3000a") << words("3000a side") << words("3000a 2000b") << QString();
        QTest::newRow("label@head")
            << words("1000") << words("side@head") << words("2000b") << QString();
        QTest::newRow("base") << words("3000a 2000b") << words("base") << QStringList()
                              << QString();
        QTest::newRow("same twice")
            << words("1000") << words("3000a 3000a") << words("3000a") << QString();
        QTest::newRow("unknown") << words("1000") << words("nope") << QStringList()
                                 << QStringLiteral("'nope' is not a revision");
        QTest::newRow("ambiguous prefix") << words("1000") << words("2000") << QStringList()
                                          << QStringLiteral("Multiple revisions start with");
        QTest::newRow("head with two heads")
            << words("1000") << words("head") << QStringList() << QStringLiteral("Multiple heads");
        QTest::newRow("ancestors of each other")
            << words("1000") << words("3000a 2000a") << QStringList()
            << QStringLiteral("overlaps with other requested revisions 2000a");
        QTest::newRow("nothing") << words("1000") << QStringList() << QStringList()
                                 << QStringLiteral("No revision");
    }

    void targets()
    {
        QFETCH(QStringList, rows);
        QFETCH(QStringList, targets);
        QFETCH(QStringList, after);
        QFETCH(QString, error);
        const StampPlan plan =
            StampPlanner::plan(branchedGraph(), state(rows), sqliteUrl(), targets);
        if (error.isEmpty()) {
            QVERIFY2(plan.isValid(), qPrintable(plan.error));
            QCOMPARE(plan.rowsAfter, after);
            QCOMPARE(plan.rowsBefore, rows);
            QCOMPARE(plan.targets, targets);
        } else {
            QVERIFY(!plan.isValid());
            QCOMPARE(plan.problem, StampPlan::Problem::BadTarget);
            QVERIFY2(plan.error.contains(error), qPrintable(plan.error));
            QVERIFY(plan.statements.isEmpty());
        }
    }

    // A revision only stray bytecode defines cannot be stamped: Alembic
    // would not find it; the error says why.
    void bytecodeOnlyTarget()
    {
        const StampPlan plan = StampPlanner::plan(seedGraph(), state(words("a2242b61af45")),
                                                  sqliteUrl(), words("a2242b61af45"));
        QVERIFY(!plan.isValid());
        QVERIFY2(plan.error.contains(QLatin1String("stray .pyc")), qPrintable(plan.error));
    }

    // No table: refused, never created; unreadable: refused as such.
    void refusedStates()
    {
        StampPlan plan = StampPlanner::plan(branchedGraph(), state({}, DatabaseState::NoTable),
                                            sqliteUrl(), words("3000a"));
        QCOMPARE(plan.problem, StampPlan::Problem::NoTable);
        QVERIFY2(plan.error.contains(QLatin1String("never creates")), qPrintable(plan.error));
        QVERIFY(plan.statements.isEmpty());

        DatabaseState down = state({}, DatabaseState::Unreachable);
        down.error = QStringLiteral("Could not connect to postgresql://app:***@h/db: refused");
        plan = StampPlanner::plan(branchedGraph(), down, sqliteUrl(), words("3000a"));
        QCOMPARE(plan.problem, StampPlan::Problem::Unreadable);
        QCOMPARE(plan.error, down.error);

        // An empty table is fine: INSERTs only.
        plan = StampPlanner::plan(branchedGraph(), state({}), sqliteUrl(), words("heads"));
        QVERIFY(plan.isValid());
        QCOMPARE(kindLetters(plan.statements), QStringLiteral("II"));
    }

    // Suggestions, with the reason given in words.
    void suggestion_data()
    {
        QTest::addColumn<int>("graph"); // 0 branched, 1 seed, 2 partial loss, 3 mention
        QTest::addColumn<QStringList>("rows");
        QTest::addColumn<bool>("available");
        QTest::addColumn<QStringList>("revisions");
        QTest::addColumn<bool>("changesNothing");
        QTest::addColumn<QString>("reason"); // a fragment
        QTest::newRow("seed: squash replaced the history")
            << 1 << words("a2242b61af45") << true << words("b891cb8863b5") << false
            << QStringLiteral("exactly one, b891cb8863b5");
        QTest::newRow("seed: the older lost revision too")
            << 1 << words("0f1e2d3c4b5a") << false << QStringList() << false
            << QStringLiteral("newer revisions built on it (a2242b61af45)");
        QTest::newRow("script deleted, parent still there")
            << 2 << words("lost1") << true << words("2000") << false
            << QStringLiteral("came after 2000");
        QTest::newRow("a squash script mentions it")
            << 3 << words("gone1234") << true << words("sq01") << false
            << QStringLiteral("mentions it");
        QTest::newRow("a revision still builds on it")
            << 2 << words("2000") << true << words("2000") << true << QStringLiteral("nothing");
        QTest::newRow("nothing knows it") << 0 << words("deadbeef") << false << QStringList()
                                          << false << QStringLiteral("cannot tell");
        QTest::newRow("fine already") << 0 << words("3000a 2000b") << true << words("3000a 2000b")
                                      << true << QStringLiteral("nothing to repair");
        QTest::newRow("pending is not a stamp matter")
            << 0 << words("1000") << true << words("1000") << true
            << QStringLiteral("alembic upgrade heads");
        QTest::newRow("ancestor stored too")
            << 0 << words("3000a 2000a 2000b") << true << words("3000a 2000b") << false
            << QStringLiteral("2000a is an ancestor of 3000a");
        QTest::newRow("partial row")
            << 0 << words("3000") << true << words("3000a") << false << QStringLiteral("full id");
        QTest::newRow("ambiguous row") << 0 << words("2000") << false << QStringList() << false
                                       << QStringLiteral("several ids");
        QTest::newRow("unknown row beside a known branch")
            << 1 << words("a2242b61af45 c3d4e5f6a7b8") << true << words("c3d4e5f6a7b8") << false
            << QStringLiteral("b891cb8863b5");
    }

    void suggestion()
    {
        QFETCH(int, graph);
        QFETCH(QStringList, rows);
        QFETCH(bool, available);
        QFETCH(QStringList, revisions);
        QFETCH(bool, changesNothing);
        QFETCH(QString, reason);
        RevisionGraph g;
        switch (graph) {
        case 0:
            g = branchedGraph();
            break;
        case 1:
            g = seedGraph();
            break;
        case 2:
            g = RevisionGraph(::revisions("1000 2000<1000"),
                              ::revisions("lost1<2000", RevisionOrigin::Bytecode));
            break;
        default: {
            Revisions loaded = ::revisions("sq01 next<sq01");
            loaded[0].message = QStringLiteral("squash of everything up to gone1234");
            g = RevisionGraph(loaded);
            break;
        }
        }
        const DbStateCalculator db(g, state(rows));
        const StampSuggestion suggestion = StampPlanner::suggest(g, db);
        QVERIFY2(suggestion.reason.contains(reason), qPrintable(suggestion.reason));
        QCOMPARE(suggestion.available, available);
        QCOMPARE(suggestion.revisions, revisions);
        QCOMPARE(suggestion.changesNothing, changesNothing);
        // The plan carries the same suggestion, whatever the targets.
        const StampPlan plan = StampPlanner::plan(g, state(rows), sqliteUrl(), words("heads"));
        QCOMPARE(plan.suggestion.revisions, revisions);
    }

    void suggestionWithoutRows()
    {
        const RevisionGraph g = branchedGraph();
        const DbStateCalculator empty(g, state({}));
        StampSuggestion suggestion = StampPlanner::suggest(g, empty);
        QVERIFY(!suggestion.available);
        QVERIFY2(suggestion.reason.contains(QLatin1String("no row")),
                 qPrintable(suggestion.reason));
        const DbStateCalculator noTable(g, state({}, DatabaseState::NoTable));
        suggestion = StampPlanner::suggest(g, noTable);
        QVERIFY(!suggestion.available);
        QVERIFY2(suggestion.reason.contains(QLatin1String("never creates")),
                 qPrintable(suggestion.reason));
    }
};

QTEST_GUILESS_MAIN(TestStampPlanner)
#include "tst_stampplanner.moc"
