// `revscope check` on projects with several Alembic environments: discovery,
// --config selection and folders that must be skipped.

#include "testsupport.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace TestSupport;

namespace {

QByteArray script(const QByteArray &rev, const QByteArray &down)
{
    return "revision = '" + rev +
           "'\ndown_revision = " + (down.isEmpty() ? "None" : "'" + down + "'") +
           "\nbranch_labels = None\ndepends_on = None\n";
}

QStringList names(const QJsonObject &report)
{
    QStringList list;
    for (const QJsonValue &v : report.value(QLatin1String("environments")).toArray()) {
        list << v.toObject().value(QLatin1String("name")).toString();
    }
    return list;
}

QJsonObject runJson(const QStringList &arguments, int expectedExit)
{
    const ProcessResult r = revscope(arguments);
    if (r.exitCode != expectedExit) {
        qWarning("exit %d, stderr: %s", r.exitCode, r.err.constData());
        return {};
    }
    QString error;
    return parseJson(r.out, &error);
}

} // namespace

class TestCheckEnvironments : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString root() const { return m_dir.path(); }
    void write(const QString &relative, const QByteArray &content)
    {
        QVERIFY(writeFile(root() + QLatin1Char('/') + relative, content));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        write(QStringLiteral("a/alembic.ini"),
              "[alembic]\nscript_location = migrations\n\n[reports]\nscript_location = "
              "reports_migrations\n\n[loggers]\nkeys = root\n");
        write(QStringLiteral("a/migrations/versions/a1_x.py"), script("a1", ""));
        write(QStringLiteral("a/reports_migrations/versions/r1_x.py"), script("r1", ""));
        write(QStringLiteral("b/alembic.ini"), "[alembic]\nscript_location = %(here)s/db\n");
        write(QStringLiteral("b/db/versions/b1_x.py"), script("b1", ""));
        write(QStringLiteral("b/db/versions/b2_x.py"), script("b2", "b1"));
        write(
            QStringLiteral("c/pyproject.toml"),
            "[project]\nname = \"c\"\n\n[tool.alembic]\nscript_location = \"%(here)s/alembic\"\n");
        write(QStringLiteral("c/alembic/versions/c1_x.py"), script("c1", ""));
        // Copies that Alembic would never use: a virtualenv and node_modules.
        write(QStringLiteral(".venv/pyvenv.cfg"), "home = /usr/bin\n");
        write(QStringLiteral(".venv/lib/python3.11/site-packages/pkg/alembic.ini"),
              "[alembic]\nscript_location = m\n");
        write(QStringLiteral("node_modules/x/alembic.ini"), "[alembic]\nscript_location = m\n");
    }

    void findsEveryEnvironment()
    {
        const QJsonObject report =
            runJson({QStringLiteral("check"), root(), QStringLiteral("--format"),
                     QStringLiteral("json"), QStringLiteral("--fail-on"), QStringLiteral("never")},
                    0);
        QCOMPARE(
            names(report),
            (QStringList{QStringLiteral("a/alembic.ini"), QStringLiteral("a/alembic.ini#reports"),
                         QStringLiteral("b/alembic.ini"), QStringLiteral("c/pyproject.toml")}));
        for (const QJsonValue &v : report.value(QLatin1String("environments")).toArray()) {
            const QJsonObject env = v.toObject();
            QVERIFY2(!env.value(QLatin1String("heads")).toArray().isEmpty(),
                     qPrintable(env.value(QLatin1String("name")).toString()));
        }
    }

    void configSelectsOne()
    {
        const QJsonObject report =
            runJson({QStringLiteral("check"), root(), QStringLiteral("--config"),
                     root() + QStringLiteral("/b/alembic.ini"), QStringLiteral("--format"),
                     QStringLiteral("json")},
                    0);
        QCOMPARE(names(report), QStringList{QStringLiteral("b/alembic.ini")});
        const QJsonObject env =
            report.value(QLatin1String("environments")).toArray().first().toObject();
        QCOMPARE(env.value(QLatin1String("heads")).toArray(), QJsonArray{QStringLiteral("b2")});
        QCOMPARE(env.value(QLatin1String("script_location")).toString(), QStringLiteral("b/db"));
    }

    void missingScriptFolder()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path() + QStringLiteral("/alembic.ini"),
                          "[alembic]\nscript_location = nowhere\n"));
        const QJsonObject report = runJson({QStringLiteral("check"), dir.path(),
                                            QStringLiteral("--format"), QStringLiteral("json")},
                                           1);
        bool found = false;
        for (const QJsonValue &v : report.value(QLatin1String("findings")).toArray()) {
            const QJsonObject f = v.toObject();
            if (f.value(QLatin1String("code")).toString() ==
                QLatin1String("script-location-missing")) {
                found = true;
                QCOMPARE(f.value(QLatin1String("file")).toString(), QStringLiteral("alembic.ini"));
                QCOMPARE(f.value(QLatin1String("line")).toInt(), 2);
            }
        }
        QVERIFY(found);
    }

    // An unreadable script and an unreadable folder become findings naming
    // them. Root reads everything, so as root the check runs as nobody.
    void unreadableFilesAreFindings()
    {
        QTemporaryDir dir;
        const QString base = dir.path();
        QVERIFY(
            writeFile(base + QStringLiteral("/alembic.ini"), "[alembic]\nscript_location = m\n"));
        QVERIFY(writeFile(base + QStringLiteral("/m/versions/a1_x.py"), script("a1", "")));
        QVERIFY(writeFile(base + QStringLiteral("/m/versions/a2_x.py"), script("a2", "a1")));
        QVERIFY(writeFile(base + QStringLiteral("/locked/alembic.ini"),
                          "[alembic]\nscript_location = m\n"));
        const auto readable = QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                              QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                              QFileDevice::ExeGroup | QFileDevice::ReadOther |
                              QFileDevice::ExeOther;
        for (const QString &folder :
             {base, base + QStringLiteral("/m"), base + QStringLiteral("/m/versions")}) {
            QVERIFY(QFile::setPermissions(folder, readable));
        }
        QVERIFY(QFile::setPermissions(base + QStringLiteral("/alembic.ini"),
                                      QFileDevice::ReadOwner | QFileDevice::ReadOther |
                                          QFileDevice::ReadGroup));
        QVERIFY(QFile::setPermissions(base + QStringLiteral("/m/versions/a1_x.py"),
                                      QFileDevice::Permissions()));
        QVERIFY(
            QFile::setPermissions(base + QStringLiteral("/locked"), QFileDevice::Permissions()));

        QString program = QStringLiteral(REVSCOPE_BINARY);
        QStringList arguments{QStringLiteral("check"), base, QStringLiteral("--format"),
                              QStringLiteral("json")};
        if (::geteuid() == 0) {
            const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
            if (setpriv.isEmpty() || !QFileInfo(program).isExecutable()) {
                QSKIP("running as root without setpriv: cannot make a file unreadable");
            }
            // The binary must be reachable by nobody too.
            arguments.prepend(program);
            arguments =
                QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                            QStringLiteral("--clear-groups"), QStringLiteral("--")} +
                arguments;
            program = setpriv;
        }
        const ProcessResult r = run(program, arguments);
        QFile::setPermissions(base + QStringLiteral("/locked"), readable);
        QFile::setPermissions(base + QStringLiteral("/m/versions/a1_x.py"), readable);
        if (r.exitCode == 126 || r.exitCode == 127 || (r.exitCode == 1 && r.out.isEmpty())) {
            QSKIP("the revscope binary is not reachable by an unprivileged user here");
        }
        if (r.exitCode == 2 && r.err.contains("cannot be read")) {
            QSKIP("the temporary folder is not reachable by an unprivileged user here");
        }
        QCOMPARE(r.exitCode, 1);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList unreadable;
        for (const QJsonValue &v : report.value(QLatin1String("findings")).toArray()) {
            const QJsonObject f = v.toObject();
            if (f.value(QLatin1String("code")).toString() == QLatin1String("unreadable-file")) {
                unreadable << f.value(QLatin1String("file")).toString();
            }
        }
        unreadable.sort();
        QCOMPARE(unreadable,
                 (QStringList{QStringLiteral("locked"), QStringLiteral("m/versions/a1_x.py")}));
    }

    void emptyFolderHasNoEnvironment()
    {
        QTemporaryDir dir;
        const ProcessResult r = revscope({QStringLiteral("check"), dir.path()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("No Alembic environment"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCheckEnvironments)
#include "tst_checkenvironments.moc"
