// `revscope report` end to end: the binary on temporary projects. The format
// follows the extension, errors are one sentence with exit 2 (3 for a
// database), and the file is replaced whole or not at all.

#include "releasefixture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <unistd.h>

using namespace TestSupport;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString xmlError(const QByteArray &bytes)
{
    QXmlStreamReader xml(bytes);
    while (!xml.atEnd()) {
        xml.readNext();
    }
    return xml.hasError() ? xml.errorString() : QString();
}

QStringList entries(const QString &folder)
{
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestReportCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesByExtension_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("html");
        QTest::newRow("html") << QStringLiteral("report.html") << true;
        QTest::newRow("htm upper case") << QStringLiteral("REPORT.HTM") << true;
        QTest::newRow("md") << QStringLiteral("report.md") << false;
        QTest::newRow("markdown") << QStringLiteral("notes.v2.markdown") << false;
    }
    void writesByExtension()
    {
        QFETCH(QString, name);
        QFETCH(bool, html);
        QTemporaryDir project;
        writeLinearProject(project.path());
        QTemporaryDir out;
        const QString file = out.filePath(name);
        const ProcessResult r =
            revscope({QStringLiteral("report"), project.path(), QStringLiteral("--output"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.err.isEmpty());
        // One line saying where it went.
        QCOMPARE(r.out.count('\n'), 1);
        QVERIFY2(r.out.contains(QFileInfo(file).absoluteFilePath().toUtf8()), r.out.constData());
        const QByteArray bytes = readAll(file);
        if (html) {
            QVERIFY(bytes.startsWith("<!DOCTYPE html>"));
            QVERIFY2(xmlError(bytes).isEmpty(), qPrintable(xmlError(bytes)));
            QCOMPARE(bytes.count("class=\"node\""), 4);
            QCOMPARE(bytes.count("<section class=\"step"), 4);
        } else {
            QVERIFY(bytes.startsWith("# "));
            QVERIFY(bytes.contains("```mermaid\nflowchart TB\n"));
            QCOMPARE(bytes.count("<a id=\"step-0-"), 4);
        }
        // Nothing else was left next to it (QSaveFile's temporary file).
        QCOMPARE(entries(out.path()), QStringList{name});
    }

    void relativeOutputAndCurrentFolder()
    {
        QTemporaryDir project;
        writeLinearProject(project.path());
        const ProcessResult r =
            revscope({QStringLiteral("report"), QStringLiteral("-o"), QStringLiteral("r.md")},
                     project.path());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(readAll(project.filePath(QStringLiteral("r.md"))).contains("`004`"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("no output") << QStringList() << QStringLiteral("--output FILE is required");
        QTest::newRow("unknown extension")
            << QStringList{QStringLiteral("--output"), QStringLiteral("@out/report.txt")}
            << QStringLiteral("cannot tell the format of @out/report.txt from its extension");
        QTest::newRow("no extension")
            << QStringList{QStringLiteral("--output"), QStringLiteral("@out/report")}
            << QStringLiteral("use .html, .htm, .md or .markdown");
        QTest::newRow("missing output folder")
            << QStringList{QStringLiteral("--output"), QStringLiteral("@out/missing/r.html")}
            << QStringLiteral("folder @out/missing does not exist");
        QTest::newRow("output under a file")
            << QStringList{QStringLiteral("--output"), QStringLiteral("@out/file.txt/r.html")}
            << QStringLiteral("cannot write @out/file.txt/r.html: @out/file.txt is not a folder");
        QTest::newRow("output is a folder")
            << QStringList{QStringLiteral("--output"), QStringLiteral("@out/folder.html")}
            << QStringLiteral("cannot write @out/folder.html: it is a folder");
        QTest::newRow("unreadable PATH")
            << QStringList{QStringLiteral("@project/nowhere"), QStringLiteral("--output"),
                           QStringLiteral("@out/r.html")}
            << QStringLiteral("@project/nowhere does not exist");
        QTest::newRow("PATH is a file")
            << QStringList{QStringLiteral("@project/alembic.ini"), QStringLiteral("--output"),
                           QStringLiteral("@out/r.md")}
            << QStringLiteral("@project/alembic.ini is not a folder");
        QTest::newRow("unreadable config")
            << QStringList{QStringLiteral("--config"), QStringLiteral("@project/none.ini"),
                           QStringLiteral("--output"), QStringLiteral("@out/r.md")}
            << QStringLiteral("cannot read config file @project/none.ini");
        QTest::newRow("both db options")
            << QStringList{QStringLiteral("--db"),     QStringLiteral("ini"),
                           QStringLiteral("--db-env"), QStringLiteral("X"),
                           QStringLiteral("--output"), QStringLiteral("@out/r.md")}
            << QStringLiteral("give either --db or --db-env, not both");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--format"), QStringLiteral("json")}
            << QStringLiteral("Unknown option 'format'");
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, sentence);
        QTemporaryDir project;
        writeLinearProject(project.path());
        QTemporaryDir out;
        writeFile(out.filePath(QStringLiteral("file.txt")), "x");
        QDir(out.path()).mkdir(QStringLiteral("folder.html"));
        const QStringList before = entries(out.path());
        auto place = [&](QString text) {
            return text.replace(QLatin1String("@project"), project.path())
                .replace(QLatin1String("@out"), out.path());
        };
        QStringList command{QStringLiteral("report")};
        for (const QString &argument : arguments) {
            command.append(place(argument));
        }
        if (!arguments.contains(QStringLiteral("@project/nowhere")) &&
            !arguments.contains(QStringLiteral("@project/alembic.ini"))) {
            command.insert(1, project.path());
        }
        const ProcessResult r = revscope(command);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("revscope report: "), r.err.constData());
        QVERIFY2(r.err.contains(place(sentence).toUtf8()), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(entries(out.path()), before);
    }

    void unwritableFolder()
    {
        if (geteuid() == 0) {
            QSKIP("running as root: folder permissions do not stop root from writing");
        }
        QTemporaryDir project;
        writeLinearProject(project.path());
        QTemporaryDir out;
        const QString locked = out.filePath(QStringLiteral("locked"));
        QDir().mkpath(locked);
        QFile::setPermissions(locked, QFile::ReadOwner | QFile::ExeOwner);
        const ProcessResult r =
            revscope({QStringLiteral("report"), project.path(), QStringLiteral("--output"),
                      locked + QStringLiteral("/r.html")});
        QFile::setPermissions(locked, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("is not writable"), r.err.constData());
        QVERIFY(entries(locked).isEmpty());
    }

    // An older report is replaced whole on success and kept on failure.
    void replacesAtomically()
    {
        QTemporaryDir project;
        writeLinearProject(project.path());
        QTemporaryDir out;
        const QString file = out.filePath(QStringLiteral("r.html"));
        writeFile(file, "old report");

        const ProcessResult failed =
            revscope({QStringLiteral("report"), project.filePath(QStringLiteral("nowhere")),
                      QStringLiteral("--output"), file});
        QCOMPARE(failed.exitCode, 2);
        QCOMPARE(readAll(file), QByteArray("old report"));

        const ProcessResult r =
            revscope({QStringLiteral("report"), project.path(), QStringLiteral("--output"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray bytes = readAll(file);
        QVERIFY(bytes.startsWith("<!DOCTYPE html>"));
        QVERIFY(bytes.trimmed().endsWith("</html>"));
        QVERIFY(!bytes.contains("old report"));
        QCOMPARE(entries(out.path()), QStringList{QStringLiteral("r.html")});
    }

    // The report is still written, and the exit code says the database part is missing.
    void unreachableDatabase()
    {
        QTemporaryDir project;
        writeLinearProject(project.path());
        const QString url = QStringLiteral("sqlite:///data/missing.db");
        const QString file = project.filePath(QStringLiteral("r.md"));
        const ProcessResult r = revscope({QStringLiteral("report"), project.path(),
                                          QStringLiteral("--db"), url, QStringLiteral("-o"), file},
                                         project.path());
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(url.toUtf8()), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(readAll(file).contains("db-unreachable"));
    }

    void help()
    {
        const ProcessResult r = revscope({QStringLiteral("report"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *option : {"--output", "--config", "--db", "--db-env", ".markdown"}) {
            QVERIFY2(r.out.contains(option), option);
        }
        QVERIFY(r.out.contains("revscope report"));
    }
};

QTEST_GUILESS_MAIN(TestReportCommand)
#include "tst_reportcommand.moc"
