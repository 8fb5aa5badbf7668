#include "models/recentprojectsmodel.h"
#include "palettes.h"
#include "welcome/folderdrop.h"
#include "welcome/recentprojectsdelegate.h"
#include "welcome/recentprojectsview.h"
#include "welcome/welcomepage.h"

#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace Revscope;

using TestSupport::darkPalette;

namespace {} // namespace

class TestWelcomePage : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_count = 0;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<RecentProjectsModel> m_model;

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
        m_model.reset();
        m_settings = std::make_unique<QSettings>(
            m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_count)), QSettings::IniFormat);
        m_model = std::make_unique<RecentProjectsModel>(m_settings.get());
    }

    void buttonsEmitSignals()
    {
        WelcomePage page(m_model.get());
        QSignalSpy folderSpy(&page, &WelcomePage::openFolderRequested);
        QSignalSpy demoSpy(&page, &WelcomePage::openDemoRequested);
        auto *openFolder = page.findChild<QPushButton *>(QStringLiteral("openFolderButton"));
        auto *openDemo = page.findChild<QPushButton *>(QStringLiteral("openDemoButton"));
        QVERIFY(openFolder && openDemo);
        QTest::mouseClick(openFolder, Qt::LeftButton);
        QCOMPARE(folderSpy.size(), 1);
        QCOMPARE(demoSpy.size(), 0);
        QTest::mouseClick(openDemo, Qt::LeftButton);
        QCOMPARE(demoSpy.size(), 1);
    }

    void clickingRecentItemOpensIt()
    {
        const QString a = folder(QStringLiteral("alpha"));
        const QString b = folder(QStringLiteral("beta"));
        m_model->add(a);
        m_model->add(b);
        WelcomePage page(m_model.get());
        page.resize(800, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        RecentProjectsView *view = page.recentProjectsView();
        QSignalSpy open(&page, &WelcomePage::openProjectRequested);
        const QRect second = view->visualRect(m_model->index(1));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, second.center());
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().first().toString(), a);

        // A double click opens once, not twice.
        open.clear();
        const QRect first = view->visualRect(m_model->index(0));
        // What widgets receive: press, release, double click (the second press), release.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, first.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, first.center());
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, first.center());
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().first().toString(), b);

        // Return opens the current item.
        open.clear();
        view->setCurrentIndex(m_model->index(1));
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().first().toString(), a);
    }

    void missingItemIsNotOpened()
    {
        const QString gone = folder(QStringLiteral("gone"));
        m_model->add(gone);
        QVERIFY(QDir(gone).removeRecursively());
        WelcomePage page(m_model.get());
        page.resize(800, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(!m_model->index(0).data(RecentProjectsModel::ExistsRole).toBool());
        QSignalSpy open(&page, &WelcomePage::openProjectRequested);
        RecentProjectsView *view = page.recentProjectsView();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(m_model->index(0)).center());
        QCOMPARE(open.size(), 0);
        QCOMPARE(m_model->rowCount(), 1); // still listed until removed
    }

    void deleteKeyRemovesItem()
    {
        const QString a = folder(QStringLiteral("alpha"));
        const QString b = folder(QStringLiteral("beta"));
        const QString c = folder(QStringLiteral("gamma"));
        m_model->add(a);
        m_model->add(b);
        m_model->add(c);
        WelcomePage page(m_model.get());
        page.show();
        RecentProjectsView *view = page.recentProjectsView();
        view->setFocus();
        view->setCurrentIndex(m_model->index(1));
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(m_model->paths(), (QStringList{c, a}));
        QCOMPARE(view->currentIndex().row(), 1); // the next one, ready for another Delete
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(m_model->paths(), QStringList{c});
    }

    void removeButtonRemovesItem()
    {
        const QString a = folder(QStringLiteral("alpha"));
        const QString b = folder(QStringLiteral("beta"));
        m_model->add(a);
        m_model->add(b);
        WelcomePage page(m_model.get());
        page.resize(800, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        RecentProjectsView *view = page.recentProjectsView();
        QSignalSpy open(&page, &WelcomePage::openProjectRequested);
        const QRect button =
            RecentProjectsDelegate::removeButtonRect(view->visualRect(m_model->index(0)));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, button.center());
        QCOMPARE(m_model->paths(), QStringList{a});
        QCOMPARE(open.size(), 0); // removing does not open
    }

    void clearListEmptiesAndShowsPlaceholder()
    {
        m_model->add(folder(QStringLiteral("alpha")));
        WelcomePage page(m_model.get());
        page.show();
        auto *clear = page.findChild<QPushButton *>(QStringLiteral("clearRecentButton"));
        QVERIFY(clear);
        QVERIFY(clear->isVisible());
        auto *stack = page.findChild<QStackedWidget *>();
        QCOMPARE(stack->currentWidget(), page.recentProjectsView());
        QTest::mouseClick(clear, Qt::LeftButton);
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(!clear->isVisible());
        QVERIFY(stack->currentWidget() != page.recentProjectsView());
        m_model->add(folder(QStringLiteral("beta")));
        QCOMPARE(stack->currentWidget(), page.recentProjectsView());
    }

    void folderDrop_data()
    {
        QTest::addColumn<QStringList>("entries"); // relative to the temp dir; "!" prefix: URL
        QTest::addColumn<bool>("accepted");
        QTest::newRow("one folder") << QStringList{QStringLiteral("alpha")} << true;
        QTest::newRow("one folder, trailing slash")
            << QStringList{QStringLiteral("alpha/")} << true;
        QTest::newRow("a file") << QStringList{QStringLiteral("file.txt")} << false;
        QTest::newRow("two folders")
            << QStringList{QStringLiteral("alpha"), QStringLiteral("beta")} << false;
        QTest::newRow("folder and file")
            << QStringList{QStringLiteral("alpha"), QStringLiteral("file.txt")} << false;
        QTest::newRow("missing folder") << QStringList{QStringLiteral("nowhere")} << false;
        QTest::newRow("remote url")
            << QStringList{QStringLiteral("!https://example.com/x")} << false;
        QTest::newRow("nothing") << QStringList{} << false;
    }

    void folderDrop()
    {
        QFETCH(QStringList, entries);
        QFETCH(bool, accepted);
        const QString alpha = folder(QStringLiteral("alpha"));
        folder(QStringLiteral("beta"));
        QFile file(m_dir.filePath(QStringLiteral("file.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();

        auto mime = std::make_unique<QMimeData>();
        QList<QUrl> urls;
        for (const QString &entry : entries) {
            urls.append(entry.startsWith(QLatin1Char('!'))
                            ? QUrl(entry.mid(1))
                            : QUrl::fromLocalFile(m_dir.path() + QLatin1Char('/') + entry));
        }
        if (!entries.isEmpty()) {
            mime->setUrls(urls);
        } else {
            mime->setText(QStringLiteral("just text"));
        }
        const QString folderFromMime = FolderDrop::folderFrom(mime.get());
        QCOMPARE(folderFromMime.isEmpty(), !accepted);
        if (accepted) {
            QCOMPARE(folderFromMime, alpha);
        }
        QVERIFY(FolderDrop::folderFrom(nullptr).isEmpty());

        WelcomePage page(m_model.get());
        page.resize(600, 400);
        QSignalSpy open(&page, &WelcomePage::openProjectRequested);
        const QPoint center(300, 200);
        QDragEnterEvent enter(center, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&page, &enter);
        QCOMPARE(enter.isAccepted(), accepted);
        QDropEvent drop(QPointF(center), Qt::CopyAction, mime.get(), Qt::LeftButton,
                        Qt::NoModifier);
        QApplication::sendEvent(&page, &drop);
        QCOMPARE(drop.isAccepted(), accepted);
        QCOMPARE(open.size(), accepted ? 1 : 0);
        if (accepted) {
            QCOMPARE(open.first().first().toString(), alpha);
        }
    }

    void screenshots()
    {
        const QString dir = qEnvironmentVariable("REVSCOPE_SCREENSHOT_DIR");
        if (dir.isEmpty()) {
            QSKIP("Set REVSCOPE_SCREENSHOT_DIR to save screenshots of the welcome page");
        }
        const QString gone = folder(QStringLiteral("work/legacy-monolith"));
        m_model->add(gone);
        m_model->add(folder(QStringLiteral("work/analytics-warehouse")));
        m_model->add(folder(QStringLiteral("src/billing-service")));
        m_model->add(folder(QStringLiteral("src/smtpy")));
        QVERIFY(QDir(gone).removeRecursively());
        m_model->refreshExists(3);

        const QList<std::pair<QString, QPalette>> palettes = {
            {QStringLiteral("light"), QApplication::style()->standardPalette()},
            {QStringLiteral("dark"), darkPalette()}};
        for (const auto &[name, palette] : palettes) {
            WelcomePage page(m_model.get());
            page.setPalette(palette);
            page.resize(1000, 640);
            page.show();
            QVERIFY(QTest::qWaitForWindowExposed(&page));
            RecentProjectsView *view = page.recentProjectsView();
            view->setFocus();
            view->setCurrentIndex(m_model->index(0));
            const QRect second = view->visualRect(m_model->index(1));
            QTest::mouseMove(view->viewport(), second.center());
            QTest::qWait(50);
            QVERIFY(page.grab().save(dir + QStringLiteral("/welcome-%1.png").arg(name)));
        }
    }
};

QTEST_MAIN(TestWelcomePage)
#include "tst_welcomepage.moc"
