// `revscope lock` and the release findings of `revscope check`, end to end
// with the real binary.

#include "testsupport.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace TestSupport;

namespace {

QByteArray script(const QByteArray &rev, const QByteArray &down)
{
    return "\"\"\"m " + rev + "\n\nRevision ID: " + rev + "\n\"\"\"\nrevision = '" + rev +
           "'\ndown_revision = " + (down.isEmpty() ? QByteArray("None") : "'" + down + "'") +
           "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n";
}

QByteArray sha(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QString makeProject(const QTemporaryDir &dir)
{
    const QString root = dir.path();
    writeFile(root + QLatin1String("/alembic.ini"), "[alembic]\nscript_location = migrations\n");
    writeFile(root + QLatin1String("/migrations/env.py"), "# env\n");
    writeFile(root + QLatin1String("/migrations/versions/001_a.py"), script("001", ""));
    writeFile(root + QLatin1String("/migrations/versions/002_b.py"), script("002", "001"));
    return root;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QList<QJsonObject> findingsWithCode(const QByteArray &json, const QString &code)
{
    QString error;
    const QJsonObject report = parseJson(json, &error);
    QList<QJsonObject> out;
    for (const QJsonValue &value : report.value(QLatin1String("findings")).toArray()) {
        if (value.toObject().value(QLatin1String("code")).toString() == code) {
            out.append(value.toObject());
        }
    }
    return out;
}

ProcessResult checkJson(const QString &root)
{
    return revscope(
        {QStringLiteral("check"), root, QStringLiteral("--format"), QStringLiteral("json")});
}

} // namespace

class TestLockCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesLockFile()
    {
        QTemporaryDir dir;
        const QString root = makeProject(dir);
        const ProcessResult r = revscope({QStringLiteral("lock"), root});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("Wrote revscope.lock: 2 revision(s) in 1 environment(s); 2 "
                                   "new, 0 changed, 0 dropped.\n"));
        QCOMPARE(readAll(root + QLatin1String("/revscope.lock")),
                 "revscope.lock/1\n[alembic.ini]\n001 " + sha(script("001", "")) +
                     " migrations/versions/001_a.py\n002 " + sha(script("002", "001")) +
                     " migrations/versions/002_b.py\n");
        // Locked and untouched: check stays clean.
        QCOMPARE(checkJson(root).exitCode, 0);
    }

    void relockReportsChanges()
    {
        QTemporaryDir dir;
        const QString root = makeProject(dir);
        QCOMPARE(revscope({QStringLiteral("lock"), root}).exitCode, 0);
        writeFile(root + QLatin1String("/migrations/versions/002_b.py"),
                  script("002", "001") + "# x\n");
        writeFile(root + QLatin1String("/migrations/versions/003_c.py"), script("003", "002"));
        QFile::remove(root + QLatin1String("/migrations/versions/001_a.py"));
        writeFile(root + QLatin1String("/migrations/versions/002_b.py"),
                  script("002", "") + "# x\n");
        const ProcessResult r = revscope({QStringLiteral("lock")}, root);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("Wrote revscope.lock: 2 revision(s) in 1 environment(s); 1 "
                                   "new, 1 changed, 1 dropped.\n"));
    }

    void checkReportsEditedAfterRelease()
    {
        QTemporaryDir dir;
        const QString root = makeProject(dir);
        QCOMPARE(revscope({QStringLiteral("lock"), root}).exitCode, 0);
        const QByteArray edited = script("002", "001") + "# changed\n";
        writeFile(root + QLatin1String("/migrations/versions/002_b.py"), edited);
        const ProcessResult r = checkJson(root);
        QCOMPARE(r.exitCode, 1);
        const QList<QJsonObject> found =
            findingsWithCode(r.out, QStringLiteral("edited-after-release"));
        QCOMPARE(found.size(), 1);
        const QJsonObject f = found.at(0);
        QCOMPARE(f.value(QLatin1String("severity")).toString(), QStringLiteral("error"));
        QCOMPARE(f.value(QLatin1String("file")).toString(),
                 QStringLiteral("migrations/versions/002_b.py"));
        QCOMPARE(f.value(QLatin1String("line")).toInt(), 1);
        QCOMPARE(f.value(QLatin1String("revision")).toString(), QStringLiteral("002"));
        const QString message = f.value(QLatin1String("message")).toString();
        QVERIFY2(message.contains(QString::fromLatin1(sha(edited))), qPrintable(message));
        QVERIFY2(message.contains(QString::fromLatin1(sha(script("002", "001")))),
                 qPrintable(message));
    }

    void checkReportsRemovedAfterRelease()
    {
        QTemporaryDir dir;
        const QString root = makeProject(dir);
        QCOMPARE(revscope({QStringLiteral("lock"), root}).exitCode, 0);
        QVERIFY(QFile::remove(root + QLatin1String("/migrations/versions/001_a.py")));
        const ProcessResult r = checkJson(root);
        QCOMPARE(r.exitCode, 1);
        const QList<QJsonObject> found =
            findingsWithCode(r.out, QStringLiteral("removed-after-release"));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.at(0).value(QLatin1String("file")).toString(),
                 QStringLiteral("revscope.lock"));
        QCOMPARE(found.at(0).value(QLatin1String("line")).toInt(), 3);
        QCOMPARE(found.at(0).value(QLatin1String("revision")).toString(), QStringLiteral("001"));
        QCOMPARE(found.at(0).value(QLatin1String("environment")).toString(),
                 QStringLiteral("alembic.ini"));
    }

    void missingPathIsUsageError()
    {
        const ProcessResult r =
            revscope({QStringLiteral("lock"), QStringLiteral("/nonexistent/revscope-x")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
    }

    void help()
    {
        const ProcessResult r = revscope({QStringLiteral("lock"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("revscope.lock"));
    }
};

QTEST_GUILESS_MAIN(TestLockCommand)
#include "tst_lockcommand.moc"
