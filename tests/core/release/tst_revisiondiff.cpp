// RevisionDiff on two folders: what changed, the inferred squash mapping and
// the squash checks.

#include "releasefixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;
using namespace TestSupport;

namespace {

// "id:down:message" entries; down "-" is None, "a+b" a merge.
void writeProject(const QString &root, const QStringList &revisions)
{
    writeFile(root + QLatin1String("/alembic.ini"), "[alembic]\nscript_location = migrations\n");
    writeFile(root + QLatin1String("/migrations/env.py"), "# env\n");
    for (const QString &spec : revisions) {
        const QStringList parts = spec.split(QLatin1Char(':'));
        const QByteArray id = parts.at(0).toUtf8();
        QByteArray down = "None";
        if (parts.at(1) != QLatin1String("-")) {
            const QStringList downs = parts.at(1).split(QLatin1Char('+'));
            down = downs.size() == 1 ? "'" + downs.at(0).toUtf8() + "'"
                                     : "('" + downs.join(QLatin1String("', '")).toUtf8() + "')";
        }
        writeFile(root + QLatin1String("/migrations/versions/") + parts.at(0) +
                      QLatin1String("_x.py"),
                  "\"\"\"" + parts.value(2).toUtf8() + "\n\nRevision ID: " + id +
                      "\n\"\"\"\nrevision = '" + id + "'\ndown_revision = " + down +
                      "\nbranch_labels = None\ndepends_on = None\n");
    }
}

QString squashText(const QList<SquashMapping> &squash)
{
    QStringList out;
    for (const SquashMapping &mapping : squash) {
        out.append(mapping.replacedBy + QLatin1String("<-") +
                   mapping.removed.join(QLatin1Char(',')));
    }
    return out.join(QLatin1Char(' '));
}

} // namespace

class TestRevisionDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compare_data()
    {
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<QStringList>("after");
        QTest::addColumn<QStringList>("removed");
        QTest::addColumn<QStringList>("added");
        QTest::addColumn<QStringList>("rewired");
        QTest::addColumn<QString>("squash");
        QTest::addColumn<QStringList>("findings");

        const QStringList linear = {QStringLiteral("001:-:a"), QStringLiteral("002:001:b"),
                                    QStringLiteral("003:002:c"), QStringLiteral("004:003:d")};
        QTest::newRow("squash with new base")
            << linear << QStringList{QStringLiteral("sq1:-:initial"), QStringLiteral("004:sq1:d")}
            << QStringList{QStringLiteral("001"), QStringLiteral("002"), QStringLiteral("003")}
            << QStringList{QStringLiteral("sq1")} << QStringList{QStringLiteral("004")}
            << QStringLiteral("sq1<-001,002,003") << QStringList();
        QTest::newRow("forgot to re-point the next revision")
            << linear << QStringList{QStringLiteral("sq1:-:initial"), QStringLiteral("004:003:d")}
            << QStringList{QStringLiteral("001"), QStringLiteral("002"), QStringLiteral("003")}
            << QStringList{QStringLiteral("sq1")} << QStringList()
            << QStringLiteral("sq1<-001,002,003")
            << QStringList{QStringLiteral("squash-dangling-reference"),
                           QStringLiteral("squash-new-head")};
        QTest::newRow("reused the last id")
            << linear << QStringList{QStringLiteral("004:-:squashed")}
            << QStringList{QStringLiteral("001"), QStringLiteral("002"), QStringLiteral("003")}
            << QStringList() << QStringList{QStringLiteral("004")}
            << QStringLiteral("004<-001,002,003") << QStringList();
        QTest::newRow("head removed, nothing replaces it")
            << linear
            << QStringList{QStringLiteral("001:-:a"), QStringLiteral("002:001:b"),
                           QStringLiteral("003:002:c")}
            << QStringList{QStringLiteral("004")} << QStringList() << QStringList() << QString()
            << QStringList{QStringLiteral("squash-uncovered-head")};
        QTest::newRow("middle squash found by its message")
            << linear
            << QStringList{QStringLiteral("001:-:a"), QStringLiteral("mid:001:Squash b and c"),
                           QStringLiteral("004:003:d")}
            << QStringList{QStringLiteral("002"), QStringLiteral("003")}
            << QStringList{QStringLiteral("mid")} << QStringList() << QStringLiteral("mid<-002,003")
            << QStringList{QStringLiteral("squash-dangling-reference"),
                           QStringLiteral("squash-new-head")};
        QTest::newRow("nothing changed") << linear << linear << QStringList() << QStringList()
                                         << QStringList() << QString() << QStringList();
    }
    void compare()
    {
        QFETCH(QStringList, before);
        QFETCH(QStringList, after);
        QFETCH(QStringList, removed);
        QFETCH(QStringList, added);
        QFETCH(QStringList, rewired);
        QFETCH(QString, squash);
        QFETCH(QStringList, findings);
        QTemporaryDir a;
        QTemporaryDir b;
        writeProject(a.path(), before);
        writeProject(b.path(), after);
        const QList<EnvironmentDiff> diffs =
            RevisionDiff::compare(*inspectFolder(a.path()), *inspectFolder(b.path()));
        QCOMPARE(diffs.size(), 1);
        const EnvironmentDiff &diff = diffs.at(0);
        QCOMPARE(diff.config, QStringLiteral("alembic.ini"));
        QCOMPARE(diff.removed, removed);
        QCOMPARE(diff.added, added);
        QStringList rewiredIds;
        for (const RewiredRevision &r : diff.rewired) {
            rewiredIds.append(r.id);
        }
        QCOMPARE(rewiredIds, rewired);
        QCOMPARE(squashText(diff.squash), squash);
        QCOMPARE(findingCodes(diff.findings), findings);
        // Every rewired script was edited too.
        for (const QString &id : rewiredIds) {
            QVERIFY(diff.edited.contains(id));
        }
    }

    void danglingReferenceNamesTheLineAndTheFix()
    {
        QTemporaryDir a;
        QTemporaryDir b;
        writeProject(a.path(), {QStringLiteral("001:-:a"), QStringLiteral("002:001:b")});
        writeProject(b.path(), {QStringLiteral("sq:-:squashed"), QStringLiteral("002:001:b")});
        const QList<EnvironmentDiff> diffs =
            RevisionDiff::compare(*inspectFolder(a.path()), *inspectFolder(b.path()));
        const Findings &findings = diffs.at(0).findings;
        const auto it = std::find_if(findings.cbegin(), findings.cend(), [](const Finding &f) {
            return f.code == QLatin1String("squash-dangling-reference");
        });
        QVERIFY(it != findings.cend());
        QVERIFY(it->file.endsWith(QLatin1String("/002_x.py")));
        QCOMPARE(it->line, 6); // down_revision, below the four docstring lines
        QCOMPARE(it->severity, Severity::Error);
        QVERIFY2(it->fix.contains(QLatin1String("sq")), qPrintable(it->fix));
    }

    void bytecodeDefiningRemovedRevision()
    {
        QTemporaryDir a;
        QTemporaryDir b;
        writeProject(a.path(), {QStringLiteral("001:-:a"), QStringLiteral("002:001:b")});
        writeProject(b.path(), {QStringLiteral("sq:-:squashed"), QStringLiteral("002:sq:b")});
        // A stale cache of the removed script, compiled by the real Python.
        writeProject(b.path() + QLatin1String("/tmp"), {QStringLiteral("001:-:a")});
        const ProcessResult r =
            run(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral("-c"),
                 QStringLiteral("import py_compile,sys; py_compile.compile(sys.argv[1], "
                                "cfile=sys.argv[2])"),
                 b.path() + QLatin1String("/tmp/migrations/versions/001_x.py"),
                 b.path() + QLatin1String("/migrations/versions/__pycache__/"
                                          "001_x.cpython-311.pyc")});
        if (r.exitCode != 0) {
            QSKIP("/usr/bin/python3 cannot compile bytecode here");
        }
        QDir(b.path() + QLatin1String("/tmp")).removeRecursively();
        const QList<EnvironmentDiff> diffs =
            RevisionDiff::compare(*inspectFolder(a.path()), *inspectFolder(b.path()));
        QVERIFY2(findingCodes(diffs.at(0).findings)
                     .contains(QStringLiteral("squash-removed-in-bytecode")),
                 qPrintable(findingCodes(diffs.at(0).findings).join(QLatin1Char(' '))));
    }

    // A mapping handed in is cleaned up, and the checks follow it.
    void withMapping()
    {
        QTemporaryDir a;
        QTemporaryDir b;
        const QStringList linear = {QStringLiteral("001:-:a"), QStringLiteral("002:001:b"),
                                    QStringLiteral("003:002:c"), QStringLiteral("004:003:d")};
        writeProject(a.path(), linear);
        writeProject(b.path(), {QStringLiteral("sq1:-:initial"), QStringLiteral("004:003:d")});
        const InspectionPtr from = inspectFolder(a.path());
        const InspectionPtr to = inspectFolder(b.path());
        const EnvironmentDiff inferred = RevisionDiff::compare(*from, *to).at(0);
        QCOMPARE(squashText(inferred.squash), QStringLiteral("sq1<-001,002,003"));

        SquashMapping first;
        first.replacedBy = QStringLiteral("sq1");
        first.removed = {QStringLiteral("002"), QStringLiteral("001"), QStringLiteral("004")};
        first.confirmed = true;
        SquashMapping second = first;
        second.removed = {QStringLiteral("003")};
        SquashMapping empty;
        empty.replacedBy = QStringLiteral("004");
        empty.removed = {QStringLiteral("777")};
        const EnvironmentDiff remapped =
            RevisionDiff::withMapping(inferred, {first, second, empty}, *from, *to);
        // 004 was not removed and 777 does not exist; the two sq1 entries join.
        QCOMPARE(squashText(remapped.squash), QStringLiteral("sq1<-001,002,003"));
        QVERIFY(remapped.squash.at(0).confirmed);
        QCOMPARE(findingCodes(remapped.findings), findingCodes(inferred.findings));

        // Without 003 in the mapping, the dangling reference has no fix to offer.
        first.removed = {QStringLiteral("001"), QStringLiteral("002")};
        const EnvironmentDiff narrowed = RevisionDiff::withMapping(inferred, {first}, *from, *to);
        for (const Finding &finding : narrowed.findings) {
            if (finding.code == QLatin1String("squash-dangling-reference")) {
                QVERIFY(finding.fix.isEmpty());
            }
        }
        QVERIFY(
            findingCodes(narrowed.findings).contains(QStringLiteral("squash-dangling-reference")));

        QCOMPARE(RevisionDiff::validate(inferred, *to, first), QString());
        SquashMapping wrong = first;
        wrong.replacedBy = QStringLiteral("001");
        QVERIFY(!RevisionDiff::validate(inferred, *to, wrong).isEmpty());
    }

    void mentionsSquash_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("mentions");
        QTest::newRow("squashed") << QStringLiteral("initial squashed migration") << true;
        QTest::newRow("replaces") << QStringLiteral("Replaces 001-040") << true;
        QTest::newRow("plain") << QStringLiteral("add users table") << false;
    }
    void mentionsSquash()
    {
        QFETCH(QString, message);
        QFETCH(bool, mentions);
        QCOMPARE(RevisionDiff::mentionsSquash(message), mentions);
    }
};

QTEST_GUILESS_MAIN(TestRevisionDiff)
#include "tst_revisiondiff.moc"
