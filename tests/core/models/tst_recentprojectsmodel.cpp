#include "models/recentprojectsmodel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Revscope;

class TestRecentProjectsModel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_settingsCount = 0;
    QString m_settingsPath;

    // Every test gets a fresh settings file.
    std::unique_ptr<QSettings> settings()
    {
        return std::make_unique<QSettings>(m_settingsPath, QSettings::IniFormat);
    }
    QString folder(const QString &name)
    {
        const QString path = m_dir.path() + QLatin1Char('/') + name;
        QDir().mkpath(path);
        return QDir::cleanPath(path);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_settingsPath = m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_settingsCount));
    }

    void addPutsNewestFirstAndMovesExisting()
    {
        auto store = settings();
        RecentProjectsModel model(store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString a = folder(QStringLiteral("alpha"));
        const QString b = folder(QStringLiteral("beta"));
        const QString c = folder(QStringLiteral("gamma"));
        model.add(a);
        model.add(b);
        model.add(c);
        QCOMPARE(model.paths(), (QStringList{c, b, a}));
        model.add(a);
        QCOMPARE(model.paths(), (QStringList{a, c, b}));
        model.add(a); // already first: nothing moves
        QCOMPARE(model.paths(), (QStringList{a, c, b}));
        QCOMPARE(model.index(0).data(RecentProjectsModel::NameRole).toString(),
                 QStringLiteral("alpha"));
        QCOMPARE(model.index(0).data(Qt::DisplayRole).toString(), QStringLiteral("alpha"));
        QCOMPARE(model.index(0).data(RecentProjectsModel::PathRole).toString(), a);
        QVERIFY(model.index(0).data(RecentProjectsModel::LastOpenedRole).toDateTime().isValid());
        QVERIFY(model.index(0).data(RecentProjectsModel::LastOpenedRole).toDateTime() >=
                model.index(1).data(RecentProjectsModel::LastOpenedRole).toDateTime());
    }

    void deduplicatesByCleanedAbsolutePath_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::newRow("trailing slash") << QStringLiteral("/alpha/");
        QTest::newRow("dot segment") << QStringLiteral("/./alpha");
        QTest::newRow("parent segment") << QStringLiteral("/beta/../alpha");
        QTest::newRow("double slash") << QStringLiteral("//alpha");
    }

    void deduplicatesByCleanedAbsolutePath()
    {
        QFETCH(QString, variant);
        auto store = settings();
        RecentProjectsModel model(store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString a = folder(QStringLiteral("alpha"));
        folder(QStringLiteral("beta"));
        model.add(a);
        model.add(folder(QStringLiteral("beta")));
        model.add(m_dir.path() + variant);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.paths().first(), a);
        QCOMPARE(model.indexOf(m_dir.path() + variant), 0);
    }

    void relativePathIsMadeAbsolute()
    {
        auto store = settings();
        RecentProjectsModel model(store.get());
        const QString previous = QDir::currentPath();
        QDir::setCurrent(m_dir.path());
        folder(QStringLiteral("rel"));
        model.add(QStringLiteral("rel"));
        QDir::setCurrent(previous);
        QCOMPARE(model.paths(), QStringList{QDir::cleanPath(m_dir.path() + QLatin1String("/rel"))});
    }

    void capsAtTen()
    {
        auto store = settings();
        RecentProjectsModel model(store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QStringList added;
        for (int i = 0; i < 13; ++i) {
            added.prepend(folder(QStringLiteral("p%1").arg(i)));
            model.add(added.first());
        }
        QCOMPARE(model.rowCount(), RecentProjectsModel::kMaxEntries);
        QCOMPARE(model.paths(), added.mid(0, RecentProjectsModel::kMaxEntries));
        RecentProjectsModel reread(store.get());
        QCOMPARE(reread.paths(), added.mid(0, RecentProjectsModel::kMaxEntries));
    }

    void removesByRowAndPath()
    {
        auto store = settings();
        RecentProjectsModel model(store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString a = folder(QStringLiteral("alpha"));
        const QString b = folder(QStringLiteral("beta"));
        const QString c = folder(QStringLiteral("gamma"));
        model.add(a);
        model.add(b);
        model.add(c);
        QVERIFY(model.remove(1));
        QCOMPARE(model.paths(), (QStringList{c, a}));
        QVERIFY(model.remove(a + QLatin1Char('/')));
        QCOMPARE(model.paths(), QStringList{c});
        QVERIFY(!model.remove(5));
        QVERIFY(!model.remove(-1));
        QVERIFY(!model.remove(b));
        model.add(a);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        RecentProjectsModel reread(store.get());
        QCOMPARE(reread.rowCount(), 0);
    }

    void persistsAcrossInstances()
    {
        const QString a = folder(QStringLiteral("alpha"));
        const QString b = folder(QStringLiteral("beta"));
        QDateTime openedA;
        {
            auto store = settings();
            RecentProjectsModel model(store.get());
            model.add(a);
            model.add(b);
            model.add(a);
            openedA = model.index(0).data(RecentProjectsModel::LastOpenedRole).toDateTime();
        }
        auto store = settings();
        RecentProjectsModel model(store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.paths(), (QStringList{a, b}));
        QCOMPARE(model.index(0).data(RecentProjectsModel::LastOpenedRole).toDateTime(), openedA);
        // Both instances write the same file: the second sees the first's change on reload().
        auto otherStore = settings();
        RecentProjectsModel other(otherStore.get());
        other.remove(b);
        store->sync();
        model.reload();
        QCOMPARE(model.paths(), QStringList{a});
    }

    void ignoresBrokenSettings()
    {
        {
            auto store = settings();
            store->beginWriteArray(QStringLiteral("recentProjects"), 3);
            store->setArrayIndex(0);
            store->setValue(QStringLiteral("path"), QString());
            store->setArrayIndex(1);
            store->setValue(QStringLiteral("path"), m_dir.path());
            store->setValue(QStringLiteral("lastOpened"), QStringLiteral("not a date"));
            store->setArrayIndex(2);
            store->setValue(QStringLiteral("path"), m_dir.path() + QLatin1Char('/'));
            store->endArray();
        }
        auto store = settings();
        RecentProjectsModel model(store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.paths(), QStringList{QDir::cleanPath(m_dir.path())});
        QVERIFY(!model.index(0).data(RecentProjectsModel::LastOpenedRole).toDateTime().isValid());
    }

    void flagsMissingFolders()
    {
        auto store = settings();
        RecentProjectsModel model(store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString kept = folder(QStringLiteral("kept"));
        const QString gone = folder(QStringLiteral("gone"));
        model.add(kept);
        model.add(gone);
        QVERIFY(model.index(0).data(RecentProjectsModel::ExistsRole).toBool());
        QVERIFY(QDir(gone).removeRecursively());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(!model.refreshExists(0));
        QCOMPARE(changed.size(), 1);
        QVERIFY(!model.index(0).data(RecentProjectsModel::ExistsRole).toBool());
        QVERIFY(model.index(0).data(Qt::ToolTipRole).toString().contains(QLatin1String("missing")));
        QVERIFY(model.index(1).data(RecentProjectsModel::ExistsRole).toBool());
        // Missing folders stay listed, across instances too, until removed.
        RecentProjectsModel reread(store.get());
        QCOMPARE(reread.paths(), (QStringList{gone, kept}));
        QVERIFY(!reread.index(0).data(RecentProjectsModel::ExistsRole).toBool());
        // A folder that comes back (a drive mounted again) is no longer flagged.
        QDir().mkpath(gone);
        QVERIFY(reread.refreshExists(0));
        QVERIFY(reread.index(0).data(RecentProjectsModel::ExistsRole).toBool());
    }
};

QTEST_GUILESS_MAIN(TestRecentProjectsModel)
#include "tst_recentprojectsmodel.moc"
