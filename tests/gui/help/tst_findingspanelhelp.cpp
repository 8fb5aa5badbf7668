// The Findings dock's way into the help pages: "About This Finding" (button,
// F1, and the action the finding context menu shows) asks for the current
// finding's code.

#include "findings/findingspanel.h"
#include "models/findingsmodel.h"

#include <QAction>
#include <QSignalSpy>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

using namespace Revscope;

namespace {

InspectionPtr inspectionWith(const Findings &findings)
{
    auto inspection = std::make_shared<Inspection>();
    inspection->root = QStringLiteral("/project");
    inspection->findings = findings;
    return inspection;
}

Findings twoFindings()
{
    Finding parent = Finding::make(QStringLiteral("missing-parent"), Severity::Error,
                                   QStringLiteral("Revision 004 has down_revision a2242b61af45"),
                                   QStringLiteral("/project/migrations/versions/004_x.py"), 7);
    Finding stray = Finding::make(QStringLiteral("stray-bytecode"), Severity::Warning,
                                  QStringLiteral("a2242b61af45_x.cpython-311.pyc has no source"),
                                  QStringLiteral("/project/migrations/versions/__pycache__/"
                                                 "a2242b61af45_x.cpython-311.pyc"));
    return {parent, stray};
}

} // namespace

class TestFindingsPanelHelp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void actionAsksForTheCurrentFindingsCode()
    {
        FindingsPanel panel;
        QAction *about = panel.aboutFindingAction();
        QVERIFY(about);
        QVERIFY(!about->isEnabled()); // nothing to explain yet
        QSignalSpy spy(&panel, &FindingsPanel::helpRequested);

        panel.setInspection(inspectionWith(twoFindings()));
        // A fresh project opens on its most severe finding.
        QVERIFY(panel.currentFinding());
        QCOMPARE(panel.currentFinding()->code, QStringLiteral("missing-parent"));
        QVERIFY(about->isEnabled());
        about->trigger();
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.takeFirst().at(0).toString(), QStringLiteral("missing-parent"));

        // Another row selected: its code.
        QTableView *view = panel.view();
        view->setCurrentIndex(view->model()->index(1, FindingsModel::MessageColumn));
        QCOMPARE(panel.currentFinding()->code, QStringLiteral("stray-bytecode"));
        about->trigger();
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.takeFirst().at(0).toString(), QStringLiteral("stray-bytecode"));

        // Filtered away: nothing current, nothing to ask for.
        panel.setFilterText(QStringLiteral("no finding says this"));
        QVERIFY(!panel.currentFinding());
        QVERIFY(!about->isEnabled());
        about->trigger();
        QCOMPARE(spy.size(), 0);
    }

    void buttonAndF1()
    {
        FindingsPanel panel;
        panel.setInspection(inspectionWith(twoFindings()));
        QSignalSpy spy(&panel, &FindingsPanel::helpRequested);

        QToolButton *button = nullptr;
        for (QToolButton *candidate : panel.findChildren<QToolButton *>()) {
            if (candidate->defaultAction() == panel.aboutFindingAction()) {
                button = candidate;
            }
        }
        QVERIFY2(button, "the dock has a help button for the selected finding");
        panel.resize(800, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        QVERIFY(button->isVisible());
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.takeFirst().at(0).toString(), QStringLiteral("missing-parent"));

        panel.view()->setFocus();
        QTest::keyClick(panel.view(), Qt::Key_F1);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.takeFirst().at(0).toString(), QStringLiteral("missing-parent"));

        const QByteArray dir = qgetenv("REVSCOPE_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QVERIFY(panel.grab().save(QString::fromLocal8Bit(dir) +
                                      QStringLiteral("/findingspanel-help.png")));
        }
    }

    // The context menu (built by the main window) shows the same action; a
    // right click makes the clicked row current first, so it names that row.
    void contextMenuRowBecomesCurrent()
    {
        FindingsPanel panel;
        panel.setInspection(inspectionWith(twoFindings()));
        panel.resize(800, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy menu(&panel, &FindingsPanel::contextMenuRequested);
        QSignalSpy help(&panel, &FindingsPanel::helpRequested);
        QTableView *view = panel.view();
        const QRect row = view->visualRect(view->model()->index(1, FindingsModel::MessageColumn));
        Q_EMIT view->customContextMenuRequested(row.center());
        QCOMPARE(menu.size(), 1);
        panel.aboutFindingAction()->trigger();
        QCOMPARE(help.size(), 1);
        QCOMPARE(help.takeFirst().at(0).toString(), QStringLiteral("stray-bytecode"));
    }
};

QTEST_MAIN(TestFindingsPanelHelp)
#include "tst_findingspanelhelp.moc"
