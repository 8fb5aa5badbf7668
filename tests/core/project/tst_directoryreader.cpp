// DirectoryReader on real folders: names come back as the file system holds
// them (ASCII fast path and non-ASCII names alike), with their types.

#include "project/directoryreader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <unistd.h>

using namespace Revscope;

class TestDirectoryReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("ascii") << QStringLiteral("001_init.py");
        QTest::newRow("latin") << QStringLiteral("002_café_menu.py");
        QTest::newRow("cjk") << QStringLiteral("003_日本語.py");
        QTest::newRow("emoji") << QStringLiteral("004_\U0001F600.py");
        QTest::newRow("space and symbols") << QStringLiteral("005 a+b=c (1).py");
    }

    void names()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("sub_") + name));
        QList<DirectoryEntry> entries;
        QString error;
        QVERIFY2(DirectoryReader::list(dir.path(), &entries, &error), qPrintable(error));
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).name, name);
        QCOMPARE(entries.at(0).type, DirectoryEntry::Type::File);
        QCOMPARE(entries.at(1).name, QStringLiteral("sub_") + name);
        QCOMPARE(entries.at(1).type, DirectoryEntry::Type::Directory);
    }

    // A name that is not valid UTF-8 decodes as Qt decodes file names (with
    // replacement characters), the same as every other Qt file API here.
    void undecodableName()
    {
        QTemporaryDir dir;
        const QByteArray raw = QFile::encodeName(dir.path()) + "/bad_\xff\xfe.py";
        const int fd = ::open(raw.constData(), O_CREAT | O_WRONLY, 0644);
        QVERIFY(fd >= 0);
        ::close(fd);
        QList<DirectoryEntry> entries;
        QString error;
        QVERIFY(DirectoryReader::list(dir.path(), &entries, &error));
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().name, QFile::decodeName(QByteArray("bad_\xff\xfe.py")));
        QVERIFY(entries.first().name.startsWith(QLatin1String("bad_")));
    }
};

QTEST_GUILESS_MAIN(TestDirectoryReader)
#include "tst_directoryreader.moc"
