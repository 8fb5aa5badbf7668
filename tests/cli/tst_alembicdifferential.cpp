// Differential test: projects built with the real Alembic CLI (alembic init,
// revision, merge, --branch-label, --depends-on, --head, --splice), then
// `alembic heads`, `branches` and `history` compared with
// `revscope check --format json` on the same files.

#include "testsupport.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace TestSupport;

namespace {

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QStringList toStringList(const QJsonArray &array)
{
    QStringList list;
    for (const QJsonValue &v : array) {
        list << v.toString();
    }
    return list;
}

struct AlembicView
{
    QStringList heads;
    QStringList bases;
    QStringList branchPoints;
    QStringList mergePoints;
    QStringList history;
};

} // namespace

class TestAlembicDifferential : public QObject
{
    Q_OBJECT

private:
    QString m_root;

    // Runs an alembic command in the project; fails the test on error.
    QByteArray alembicOk(const QStringList &arguments)
    {
        const ProcessResult r = alembic(m_root, arguments);
        if (r.exitCode != 0) {
            qWarning("alembic %s failed: %s %s", qPrintable(arguments.join(QLatin1Char(' '))),
                     r.out.constData(), r.err.constData());
        }
        return r.exitCode == 0 ? r.out + r.err : QByteArray();
    }

    // `alembic revision`/`merge`, returning the new revision id read from the
    // generated file name.
    QString generate(const QStringList &arguments)
    {
        const QByteArray output = alembicOk(arguments);
        static const QRegularExpression generated(
            QStringLiteral("Generating .*/([0-9a-f]+)_[^/]*\\.py"));
        const QRegularExpressionMatch m = generated.match(QString::fromUtf8(output));
        return m.hasMatch() ? m.captured(1) : QString();
    }

    AlembicView alembicView()
    {
        AlembicView view;
        const QStringList headLines = QString::fromUtf8(alembicOk({QStringLiteral("heads")}))
                                          .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString &line : headLines) {
            view.heads << line.section(QLatin1Char(' '), 0, 0);
        }
        const QStringList branchLines = QString::fromUtf8(alembicOk({QStringLiteral("branches")}))
                                            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString &line : branchLines) {
            if (!line.at(0).isSpace()) {
                view.branchPoints << line.section(QLatin1Char(' '), 0, 0);
            }
        }
        static const QRegularExpression entry(QStringLiteral("^(.*?) -> ([0-9a-f]+)[ ,]"));
        const QStringList historyLines = QString::fromUtf8(alembicOk({QStringLiteral("history")}))
                                             .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString &line : historyLines) {
            const QRegularExpressionMatch m = entry.match(line);
            if (!m.hasMatch()) {
                continue;
            }
            const QString id = m.captured(2);
            view.history << id;
            if (m.captured(1).startsWith(QLatin1String("<base>"))) {
                view.bases << id;
            }
            if (line.contains(QLatin1String("(mergepoint)"))) {
                view.mergePoints << id;
            }
        }
        return view;
    }

    void compareWithRevscope()
    {
        const AlembicView expected = alembicView();
        QVERIFY(!expected.history.isEmpty());
        const ProcessResult r = revscope({QStringLiteral("check"), m_root,
                                          QStringLiteral("--format"), QStringLiteral("json"),
                                          QStringLiteral("--fail-on"), QStringLiteral("never")});
        QCOMPARE(r.exitCode, 0);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonArray envs = report.value(QLatin1String("environments")).toArray();
        QCOMPARE(envs.size(), 1);
        const QJsonObject env = envs.first().toObject();
        QCOMPARE(toStringList(env.value(QLatin1String("heads")).toArray()), sorted(expected.heads));
        QCOMPARE(toStringList(env.value(QLatin1String("bases")).toArray()), sorted(expected.bases));
        QCOMPARE(toStringList(env.value(QLatin1String("branch_points")).toArray()),
                 sorted(expected.branchPoints));
        QCOMPARE(toStringList(env.value(QLatin1String("merge_points")).toArray()),
                 sorted(expected.mergePoints));
        QCOMPARE(toStringList(env.value(QLatin1String("history")).toArray()), expected.history);
        for (const QJsonValue &v : report.value(QLatin1String("findings")).toArray()) {
            const QString code = v.toObject().value(QLatin1String("code")).toString();
            QVERIFY2(
                code == QLatin1String("multiple-heads") || code == QLatin1String("multiple-bases"),
                qPrintable(
                    QStringLiteral("unexpected finding %1 on a project Alembic built").arg(code)));
        }
    }

    bool init()
    {
        const ProcessResult r =
            alembic(m_root, {QStringLiteral("init"), QStringLiteral("migrations")});
        return r.exitCode == 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (alembicPython().isEmpty()) {
            QSKIP("Alembic is not installed (apt-get install python3-alembic): differential test "
                  "skipped");
        }
    }

    void branchesMergesLabelsDependencies()
    {
        QTemporaryDir dir;
        m_root = dir.path();
        QVERIFY(init());
        const QString a = generate(
            {QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("create users")});
        const QString b = generate(
            {QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("add email")});
        const QString c =
            generate({QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("add phone"),
                      QStringLiteral("--head"), a, QStringLiteral("--splice")});
        const QString m =
            generate({QStringLiteral("merge"), QStringLiteral("-m"),
                      QStringLiteral("merge email and phone"), QStringLiteral("heads")});
        const QString d = generate({QStringLiteral("revision"), QStringLiteral("-m"),
                                    QStringLiteral("create audit"), QStringLiteral("--head"),
                                    QStringLiteral("base"), QStringLiteral("--branch-label"),
                                    QStringLiteral("audit")});
        const QString e =
            generate({QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("audit log"),
                      QStringLiteral("--head"), QStringLiteral("audit@head"),
                      QStringLiteral("--depends-on"), b});
        const QString f = generate({QStringLiteral("revision"), QStringLiteral("-m"),
                                    QStringLiteral("add index"), QStringLiteral("--head"), m});
        for (const QString &id : {a, b, c, m, d, e, f}) {
            QVERIFY2(!id.isEmpty(), "alembic did not generate a revision");
        }
        compareWithRevscope();
    }

    void dependencyOnHeadDoesNotUnhead()
    {
        QTemporaryDir dir;
        m_root = dir.path();
        QVERIFY(init());
        const QString a =
            generate({QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("one")});
        const QString b = generate({QStringLiteral("revision"), QStringLiteral("-m"),
                                    QStringLiteral("other base"), QStringLiteral("--head"),
                                    QStringLiteral("base"), QStringLiteral("--branch-label"),
                                    QStringLiteral("other")});
        const QString c =
            generate({QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("needs one"),
                      QStringLiteral("--head"), QStringLiteral("other@head"),
                      QStringLiteral("--depends-on"), a});
        QVERIFY(!a.isEmpty() && !b.isEmpty() && !c.isEmpty());
        compareWithRevscope();
    }

    void randomHistories_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed : {7u, 42u, 1234u}) {
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
        }
    }

    void randomHistories()
    {
        QFETCH(quint32, seed);
        QTemporaryDir dir;
        // REVSCOPE_KEEP_TEST_PROJECTS=1 keeps the generated projects for a look.
        dir.setAutoRemove(qEnvironmentVariableIsEmpty("REVSCOPE_KEEP_TEST_PROJECTS"));
        m_root = dir.path();
        QVERIFY(init());
        QRandomGenerator random(seed);
        QStringList all;
        QStringList heads;
        int labels = 0;
        all << generate(
            {QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("start")});
        heads = all;
        for (int step = 0; step < 10; ++step) {
            const QString message = QStringLiteral("step %1").arg(step);
            const int op = random.bounded(10);
            QString id;
            if (op < 4) { // extend a head
                const QString head = heads.at(random.bounded(int(heads.size())));
                id = generate({QStringLiteral("revision"), QStringLiteral("-m"), message,
                               QStringLiteral("--head"), head});
                heads.removeAll(head);
            } else if (op < 6) { // branch off an older revision
                const QString from = all.at(random.bounded(int(all.size())));
                id = generate({QStringLiteral("revision"), QStringLiteral("-m"), message,
                               QStringLiteral("--head"), from, QStringLiteral("--splice")});
                heads.removeAll(from);
            } else if (op < 8 && heads.size() >= 2) { // merge two heads
                const QString x = heads.takeAt(random.bounded(int(heads.size())));
                const QString y = heads.takeAt(random.bounded(int(heads.size())));
                id = generate({QStringLiteral("merge"), QStringLiteral("-m"), message, x, y});
            } else if (op < 9) { // a new labelled base
                const QString label = QStringLiteral("lab%1").arg(++labels);
                id = generate({QStringLiteral("revision"), QStringLiteral("-m"), message,
                               QStringLiteral("--head"), QStringLiteral("base"),
                               QStringLiteral("--branch-label"), label});
            } else { // depends_on an existing revision
                const QString head = heads.at(random.bounded(int(heads.size())));
                const QString dependency = all.at(random.bounded(int(all.size())));
                if (dependency == head) {
                    continue;
                }
                id = generate({QStringLiteral("revision"), QStringLiteral("-m"), message,
                               QStringLiteral("--head"), head, QStringLiteral("--depends-on"),
                               dependency});
                heads.removeAll(head);
            }
            QVERIFY2(!id.isEmpty(), qPrintable(QStringLiteral("step %1 failed").arg(step)));
            all << id;
            heads << id;
        }
        compareWithRevscope();
    }
};

QTEST_GUILESS_MAIN(TestAlembicDifferential)
#include "tst_alembicdifferential.moc"
