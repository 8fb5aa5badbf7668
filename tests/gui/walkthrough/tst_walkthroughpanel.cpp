// WalkthroughPanel on the demo project: navigation by buttons and keys,
// autoplay (stopping at the end of the history), following a graph click,
// and a look at the card in light and dark palettes.

#include "demo/demoproject.h"
#include "inspection/inspector.h"
#include "palettes.h"
#include "walkthrough/walkthroughpanel.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Revscope;

namespace {

const QString Base = QStringLiteral("b891cb8863b5");
const QString Merge = QStringLiteral("6d39478753c0");

bool hasLabel(const QWidget &panel, const QString &text)
{
    for (const QLabel *label : panel.findChildren<QLabel *>()) {
        if (label->isVisibleTo(&panel) && label->text().contains(text)) {
            return true;
        }
    }
    return false;
}

} // namespace

class TestWalkthroughPanel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    InspectionPtr m_inspection;
    int m_stepCount = 0;

    // A panel showing the demo, its steps loaded.
    bool load(WalkthroughPanel *panel)
    {
        QSignalSpy ready(panel, &WalkthroughPanel::stepsReady);
        panel->setInspection(m_inspection, 0);
        if (!panel->isLoading() && ready.isEmpty()) {
            return false;
        }
        return ready.count() > 0 || ready.wait(20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(DemoProject::materialize(m_dir.path(), false, &error), qPrintable(error));
        InspectOptions options;
        options.root = m_dir.path();
        m_inspection = Inspector::inspect(options);
        QCOMPARE(m_inspection->environments.size(), 1);
        m_stepCount = int(m_inspection->environments.at(0).graph.nodes().size());
        QVERIFY(m_stepCount > 20);
    }

    void navigation()
    {
        WalkthroughPanel panel;
        QSignalSpy changed(&panel, &WalkthroughPanel::currentRevisionChanged);
        QVERIFY(load(&panel));
        QCOMPARE(panel.steps().size(), m_stepCount);
        QCOMPARE(panel.currentIndex(), 0);
        QCOMPARE(panel.currentRevision(), Base);
        QCOMPARE(changed.count(), 0); // loading is not the user's navigation
        QVERIFY(hasLabel(panel, QStringLiteral("Step 1 of %1").arg(m_stepCount)));
        QVERIFY(hasLabel(panel, QStringLiteral("creates table users")));

        panel.previous(); // already at the start
        QCOMPARE(panel.currentIndex(), 0);
        QCOMPARE(changed.count(), 0);

        panel.next();
        QCOMPARE(panel.currentIndex(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.last().at(0).toString(), panel.steps().at(1).revisionId);
        QVERIFY(hasLabel(panel, QStringLiteral("Step 2 of %1").arg(m_stepCount)));

        panel.last();
        QCOMPARE(panel.currentIndex(), m_stepCount - 1);
        panel.next(); // already at the end
        QCOMPARE(panel.currentIndex(), m_stepCount - 1);
        QCOMPARE(changed.count(), 2);

        // Keyboard, with the panel focused.
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setFocus();
        QTest::keyClick(&panel, Qt::Key_Home);
        QCOMPARE(panel.currentIndex(), 0);
        QTest::keyClick(&panel, Qt::Key_Right);
        QTest::keyClick(&panel, Qt::Key_Right);
        QCOMPARE(panel.currentIndex(), 2);
        QTest::keyClick(&panel, Qt::Key_Left);
        QCOMPARE(panel.currentIndex(), 1);
        QTest::keyClick(&panel, Qt::Key_End);
        QCOMPARE(panel.currentIndex(), m_stepCount - 1);
        QTest::keyClick(&panel, Qt::Key_Home);
        QTest::keyClick(&panel, Qt::Key_Space);
        QVERIFY(panel.isPlaying());
        QTest::keyClick(&panel, Qt::Key_Space);
        QVERIFY(!panel.isPlaying());

        // The slider moves the walk too.
        QSlider *slider = panel.findChild<QSlider *>();
        QVERIFY(slider);
        QCOMPARE(slider->maximum(), m_stepCount - 1);
        slider->setValue(5);
        QCOMPARE(panel.currentIndex(), 5);
        QCOMPARE(changed.last().at(0).toString(), panel.steps().at(5).revisionId);
        panel.next();
        QCOMPARE(slider->value(), 6);
    }

    void autoplay()
    {
        WalkthroughPanel panel;
        QVERIFY(load(&panel));
        QSignalSpy changed(&panel, &WalkthroughPanel::currentRevisionChanged);
        QSignalSpy playing(&panel, &WalkthroughPanel::playingChanged);
        panel.setAutoplayInterval(10);
        QCOMPARE(panel.autoplayInterval(), 10);
        panel.start();
        QVERIFY(panel.isPlaying());
        QCOMPARE(playing.count(), 1);
        // It walks to the end of the history and stops there by itself.
        QTRY_COMPARE_WITH_TIMEOUT(panel.currentIndex(), m_stepCount - 1, 10000);
        QTRY_VERIFY(!panel.isPlaying());
        QCOMPARE(playing.count(), 2);
        QCOMPARE(playing.last().at(0).toBool(), false);
        QCOMPARE(changed.count(), m_stepCount - 1);
        QTest::qWait(50);
        QCOMPARE(changed.count(), m_stepCount - 1);

        // Play at the end starts again from the first revision.
        panel.start();
        QCOMPARE(panel.currentIndex(), 0);
        QTRY_VERIFY(panel.currentIndex() >= 2);
        panel.stop();
        QVERIFY(!panel.isPlaying());
        const int stoppedAt = panel.currentIndex();
        QTest::qWait(60);
        QCOMPARE(panel.currentIndex(), stoppedAt);

        // The spin box sets whole seconds.
        panel.setAutoplayInterval(2500);
        QCOMPARE(panel.findChild<QSpinBox *>()->value(), 3);
        panel.findChild<QSpinBox *>()->setValue(7);
        QCOMPARE(panel.autoplayInterval(), 7000);
    }

    void followsTheGraph()
    {
        WalkthroughPanel panel;
        QSignalSpy changed(&panel, &WalkthroughPanel::currentRevisionChanged);
        // Set before the steps arrive: applied once they do.
        panel.setInspection(m_inspection, 0);
        QVERIFY(panel.isLoading());
        panel.setCurrentRevision(Merge);
        QCOMPARE(panel.currentRevision(), Merge);
        QTRY_VERIFY(!panel.isLoading());
        QCOMPARE(panel.currentRevision(), Merge);
        QVERIFY(hasLabel(panel, QStringLiteral("changes nothing")));

        panel.setCurrentRevision(Base);
        QCOMPARE(panel.currentRevision(), Base);
        QCOMPARE(panel.currentIndex(), 0);
        panel.setCurrentRevision(QStringLiteral("not-a-revision"));
        QCOMPARE(panel.currentRevision(), Base);
        QCOMPARE(changed.count(), 0); // no echo back to the graph

        // A reload keeps the revision shown.
        panel.setCurrentRevision(Merge);
        QVERIFY(load(&panel));
        QCOMPARE(panel.currentRevision(), Merge);
        QCOMPARE(changed.count(), 0);
    }

    void fileLink()
    {
        WalkthroughPanel panel;
        QVERIFY(load(&panel));
        QSignalSpy activated(&panel, &WalkthroughPanel::fileActivated);
        QLabel *link = nullptr;
        for (QLabel *label : panel.findChildren<QLabel *>()) {
            if (label->text().contains(QLatin1String("<a href"))) {
                link = label;
            }
        }
        QVERIFY(link);
        QVERIFY(link->text().contains(
            QLatin1String("back/alembic/versions/b891cb8863b5_initial_squashed_migration.py")));
        Q_EMIT link->linkActivated(QStringLiteral("file"));
        QCOMPARE(activated.count(), 1);
        QVERIFY(activated.last().at(0).toString().endsWith(
            QLatin1String("/b891cb8863b5_initial_squashed_migration.py")));
        QCOMPARE(activated.last().at(1).toInt(), panel.steps().at(0).line);
        QVERIFY(panel.steps().at(0).line > 0);
    }

    void empty()
    {
        WalkthroughPanel panel;
        QSignalSpy changed(&panel, &WalkthroughPanel::currentRevisionChanged);
        panel.next();
        panel.start();
        QVERIFY(!panel.isPlaying());
        QCOMPARE(panel.currentRevision(), QString());
        QVERIFY(hasLabel(panel, QStringLiteral("Open a project")));
        panel.setInspection(m_inspection, 3); // no such environment
        QVERIFY(!panel.isLoading());
        QCOMPARE(panel.currentIndex(), -1);
        panel.setInspection(nullptr, 0);
        QCOMPARE(changed.count(), 0);
        for (QToolButton *button : panel.findChildren<QToolButton *>()) {
            QVERIFY(!button->isEnabled());
        }
    }

    // Screenshots of the card to look at, in both palettes.
    void screenshot_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<QString>("revision");
        QTest::newRow("light, merge") << false << Merge;
        QTest::newRow("dark, branch point") << true << QStringLiteral("4a9c3f8e1d62");
        QTest::newRow("light, bytecode only") << false << QStringLiteral("a2242b61af45");
        QTest::newRow("dark, base") << true << Base;
        QTest::newRow("dark, missing") << true << QStringLiteral("0f1e2d3c4b5a");
        QTest::newRow("light, dependency and head") << false << QStringLiteral("0d9e3f5b7a18");
    }

    void screenshot()
    {
        QFETCH(bool, dark);
        QFETCH(QString, revision);
        WalkthroughPanel panel;
        if (dark) {
            panel.setPalette(TestSupport::darkPalette());
            panel.setAutoFillBackground(true);
        }
        panel.resize(760, 300);
        QVERIFY(load(&panel));
        panel.setCurrentRevision(revision);
        QCOMPARE(panel.currentRevision(), revision);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QString name = QString::fromLatin1(QTest::currentDataTag())
                                 .replace(QLatin1String(", "), QLatin1String("-"))
                                 .replace(QLatin1Char(' '), QLatin1Char('-'));
        QVERIFY(panel.grab().save(
            QDir::temp().filePath(QStringLiteral("walkthrough-%1.png").arg(name))));
    }
};

QTEST_MAIN(TestWalkthroughPanel)
#include "tst_walkthroughpanel.moc"
