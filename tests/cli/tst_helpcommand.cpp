// `revscope help [CODE]` end to end: the list of codes, a page, the
// suggestions for a mistyped code.

#include "testsupport.h"

#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTest>

using namespace TestSupport;

namespace {

ProcessResult revscopeWithColumns(const QStringList &arguments, const QString &columns)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (columns.isEmpty()) {
        env.remove(QStringLiteral("COLUMNS"));
    } else {
        env.insert(QStringLiteral("COLUMNS"), columns);
    }
    return run(QStringLiteral(REVSCOPE_BINARY), arguments, QString(), 60000, env);
}

} // namespace

class TestHelpCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsCodesByArea()
    {
        const ProcessResult r = revscopeWithColumns({QStringLiteral("help")}, QString());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        const QString text = QString::fromUtf8(r.out);
        const QStringList lines = text.split(QLatin1Char('\n'));
        // Areas as headings, in the catalog's order, each code under its own.
        const int files = int(lines.indexOf(QStringLiteral("Files")));
        const int graph = int(lines.indexOf(QStringLiteral("Revision graph")));
        const int image = int(lines.indexOf(QStringLiteral("Docker image")));
        QVERIFY2(files >= 0 && graph > files && image > graph, qPrintable(text));
        int missingParent = -1;
        int strayBytecode = -1;
        for (int i = 0; i < lines.size(); ++i) {
            if (lines.at(i).startsWith(QLatin1String("  missing-parent "))) {
                missingParent = i;
                QVERIFY(lines.at(i).contains(QLatin1String("A down_revision names a revision")));
            }
            if (lines.at(i).startsWith(QLatin1String("  stray-bytecode "))) {
                strayBytecode = i;
            }
            QVERIFY2(lines.at(i).size() <= 80, qPrintable(lines.at(i)));
        }
        QVERIFY(missingParent > graph && missingParent < image);
        QVERIFY(strayBytecode > missingParent);
        QVERIFY(text.contains(QLatin1String("  squash-db-stamped-removed ")));
    }

    void printsAPage_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("expected");
        QTest::newRow("db-unknown-revision")
            << QStringLiteral("db-unknown-revision") << QStringLiteral("revscope db stamp");
        QTest::newRow("dockerignore-no-bytecode-rule")
            << QStringLiteral("dockerignore-no-bytecode-rule") << QStringLiteral("**/__pycache__");
        QTest::newRow("stray-bytecode")
            << QStringLiteral("stray-bytecode") << QStringLiteral("revscope clean --apply");
    }

    void printsAPage()
    {
        QFETCH(QString, code);
        QFETCH(QString, expected);
        const ProcessResult r = revscopeWithColumns(
            {QStringLiteral("help"), code, QStringLiteral("--width"), QStringLiteral("60")},
            QString());
        QCOMPARE(r.exitCode, 0);
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.startsWith(code + QLatin1String(": ")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("What Revscope saw")));
        QVERIFY(text.contains(QLatin1String("How it bites")));
        QVERIFY(text.contains(QLatin1String("How to fix it")));
        QVERIFY2(text.simplified().contains(expected), qPrintable(text));
        for (const QString &line : text.split(QLatin1Char('\n'))) {
            static const QRegularExpression oneWord(QStringLiteral(R"(^\s*(\d+\.\s+)?\S+$)"));
            QVERIFY2(line.size() <= 60 || oneWord.match(line).hasMatch(), qPrintable(line));
        }
    }

    void widthFollowsTheTerminal()
    {
        const QStringList args{QStringLiteral("help"), QStringLiteral("missing-parent")};
        const ProcessResult narrow = revscopeWithColumns(args, QStringLiteral("40"));
        const ProcessResult wide = revscopeWithColumns(args, QStringLiteral("300"));
        QCOMPARE(narrow.exitCode, 0);
        // Only a single word longer than the width may overflow.
        static const QRegularExpression oneWord(QStringLiteral(R"(^\s*(\d+\.\s+)?\S+$)"));
        int narrowMax = 0;
        for (const QByteArray &bytes : narrow.out.split('\n')) {
            const QString line = QString::fromUtf8(bytes);
            if (!oneWord.match(line).hasMatch()) {
                narrowMax = std::max(narrowMax, int(line.size()));
            }
        }
        int wideMax = 0;
        for (const QByteArray &line : wide.out.split('\n')) {
            wideMax = std::max(wideMax, int(QString::fromUtf8(line).size()));
        }
        QVERIFY2(narrowMax <= 40, narrow.out.constData());
        // Capped: paragraphs stay readable on very wide terminals.
        QVERIFY(wideMax > 80 && wideMax <= 100);
        const ProcessResult unwrapped =
            revscopeWithColumns({QStringLiteral("help"), QStringLiteral("missing-parent"),
                                 QStringLiteral("--width"), QStringLiteral("0")},
                                QStringLiteral("40"));
        QVERIFY(unwrapped.out.split('\n').size() < narrow.out.split('\n').size());
    }

    void unknownCodeSuggestsTheClosest_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("suggestion");
        QTest::newRow("typo") << QStringLiteral("misisng-parent")
                              << QStringLiteral("missing-parent");
        QTest::newRow("fragment") << QStringLiteral("heads") << QStringLiteral("multiple-heads");
        QTest::newRow("nonsense") << QStringLiteral("qqqqqqqqqqqqqqqqqq") << QString();
    }

    void unknownCodeSuggestsTheClosest()
    {
        QFETCH(QString, code);
        QFETCH(QString, suggestion);
        const ProcessResult r = revscope({QStringLiteral("help"), code});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        const QString err = QString::fromUtf8(r.err).trimmed();
        QVERIFY2(!err.contains(QLatin1Char('\n')), "one sentence on stderr");
        QVERIFY2(err.contains(code), qPrintable(err));
        if (suggestion.isEmpty()) {
            QVERIFY2(!err.contains(QLatin1String("Did you mean")), qPrintable(err));
        } else {
            QVERIFY2(err.contains(QLatin1String("Did you mean ") + suggestion), qPrintable(err));
        }
        QVERIFY(err.contains(QLatin1String("revscope help")));
    }

    void commandNameShowsItsOptions()
    {
        const ProcessResult r = revscope({QStringLiteral("help"), QStringLiteral("check")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("--fail-on"), r.out.constData());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("two codes") << QStringList{
            QStringLiteral("help"), QStringLiteral("missing-parent"), QStringLiteral("cycle")};
        QTest::newRow("bad width") << QStringList{QStringLiteral("help"), QStringLiteral("--width"),
                                                  QStringLiteral("wide")};
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("help"), QStringLiteral("--frobnicate")};
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        const ProcessResult r = revscope(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY(!r.err.trimmed().isEmpty());
    }

    void ownHelp()
    {
        const ProcessResult r = revscope({QStringLiteral("help"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--width"));
        QVERIFY(r.out.contains("revscope help"));
        // The top-level usage names the command.
        const ProcessResult usage = revscope({QStringLiteral("--help")});
        QVERIFY(usage.out.contains("help     explain a finding code"));
    }

    // Every command's --help names itself on the usage line, however
    // revscope was started (here by a relative path, as `./revscope`).
    void commandHelpNamesTheCommand_data()
    {
        QTest::addColumn<QStringList>("command");
        for (const char *name :
             {"check", "graph", "image", "clean", "diff", "lock", "report", "help"}) {
            QTest::newRow(name) << QStringList{QString::fromLatin1(name)};
        }
        QTest::newRow("db status") << QStringList{QStringLiteral("db"), QStringLiteral("status")};
        QTest::newRow("db stamp") << QStringList{QStringLiteral("db"), QStringLiteral("stamp")};
    }

    void commandHelpNamesTheCommand()
    {
        QFETCH(QStringList, command);
        const QFileInfo binary(QStringLiteral(REVSCOPE_BINARY));
        const ProcessResult r =
            run(QStringLiteral("./") + binary.fileName(),
                command + QStringList{QStringLiteral("--help")}, binary.absolutePath());
        QCOMPARE(r.exitCode, 0);
        const QString first = QString::fromUtf8(r.out).section(QLatin1Char('\n'), 0, 0);
        QCOMPARE(first.section(QLatin1Char(' '), 1, command.size() + 1),
                 QLatin1String("revscope ") + command.join(QLatin1Char(' ')));
    }
};

QTEST_GUILESS_MAIN(TestHelpCommand)
#include "tst_helpcommand.moc"
