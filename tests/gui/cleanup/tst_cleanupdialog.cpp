// CleanupDialog and CleanupHistoryDialog on real temporary trees. HOME and
// XDG_DATA_HOME point into a temporary folder before the application exists,
// so the trash, the quarantine and the journal are never the user's.

#include "testsupport.h"

#include "cleanup/cleanupdialog.h"
#include "cleanup/cleanuphistorydialog.h"
#include "inspection/inspector.h"
#include "journal/journal.h"
#include "models/cleanupplanmodel.h"

#include <QApplication>
#include <QDirIterator>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace Revscope;
using namespace TestSupport;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");

QByteArray script(const QByteArray &rev, const QByteArray &down)
{
    return "revision = '" + rev +
           "'\ndown_revision = " + (down.isEmpty() ? QByteArray("None") : "'" + down + "'") +
           "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n";
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// alembic.ini with versions 001 (source kept) and `strays` more compiled and
// then deleted; returns the stray .pyc paths, oldest first.
QStringList makeProject(const QString &root, int strays, bool docker = false)
{
    const QString versions = root + QStringLiteral("/migrations/versions");
    writeFile(root + QStringLiteral("/alembic.ini"), "[alembic]\nscript_location = migrations\n");
    writeFile(root + QStringLiteral("/migrations/env.py"), "# env\n");
    writeFile(versions + QStringLiteral("/001_first.py"), script("001", ""));
    QStringList sources;
    QByteArray down = "001";
    for (int i = 0; i < strays; ++i) {
        const QByteArray rev = QByteArray::number(i + 2).rightJustified(3, '0');
        const QString source =
            versions + QStringLiteral("/%1_next.py").arg(QString::fromLatin1(rev));
        writeFile(source, script(rev, down));
        sources.append(source);
        down = rev;
    }
    if (docker) {
        writeFile(root + QStringLiteral("/Dockerfile"), "FROM python:3.11\nCOPY . /app\n");
        writeFile(root + QStringLiteral("/.dockerignore"), "*.log\n.git\n");
    }
    run(kPython,
        {QStringLiteral("-m"), QStringLiteral("compileall"), QStringLiteral("-q"), versions});
    QStringList pycs;
    for (const QString &source : std::as_const(sources)) {
        QFile::remove(source);
        const QString stem = QFileInfo(source).completeBaseName();
        QDirIterator it(versions + QStringLiteral("/__pycache__"),
                        {stem + QStringLiteral(".*.pyc")}, QDir::Files);
        if (it.hasNext()) {
            pycs.append(it.next());
        }
    }
    return pycs;
}

InspectionPtr inspect(const QString &root)
{
    InspectOptions options;
    options.root = root;
    return Inspector::inspect(options);
}

bool waitFor(QSignalSpy &spy, int count = 1)
{
    for (int i = 0; i < 200 && spy.count() < count; ++i) {
        spy.wait(100);
    }
    return spy.count() >= count;
}

template <typename T>
T *child(QWidget *parent, const QString &text)
{
    const QList<T *> all = parent->findChildren<T *>();
    for (T *widget : all) {
        if (widget->text().remove(QLatin1Char('&')) == text) {
            return widget;
        }
    }
    return nullptr;
}

} // namespace

class TestCleanupDialog : public QObject
{
    Q_OBJECT

public:
    explicit TestCleanupDialog(const QString &home) : m_home(home) {}

private:
    QString m_home;
    QString journalPath() const { return m_home + QStringLiteral("/journal.sqlite"); }

    int rowOf(const CleanupDialog &dialog, const QString &path) const
    {
        return dialog.model()->rowOf(path);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation).startsWith(m_home));
        if (!QFileInfo(kPython).isExecutable()) {
            QSKIP("SKIPPED: /usr/bin/python3 is needed to compile bytecode");
        }
    }

    void listsStrayAndUntickExcludes()
    {
        QTemporaryDir dir;
        const QStringList strays = makeProject(dir.path(), 2);
        QCOMPARE(strays.size(), 2);
        Journal journal(journalPath());
        QVERIFY(journal.open());
        CleanupDialog dialog;
        QSignalSpy planned(&dialog, &CleanupDialog::planned);
        dialog.setInspection(inspect(dir.path()), &journal);
        QVERIFY(waitFor(planned));

        const int row = rowOf(dialog, strays.at(0));
        QVERIFY2(row >= 0, qPrintable(strays.at(0)));
        QVERIFY(rowOf(dialog, strays.at(1)) >= 0);
        CleanupPlanModel *model = dialog.model();
        QCOMPARE(model->index(row, CleanupPlanModel::ReasonColumn)
                     .data(CleanupPlanModel::ReasonCodeRole)
                     .toString(),
                 QStringLiteral("stray-bytecode"));
        const qint64 bytes = QFileInfo(strays.at(0)).size() + QFileInfo(strays.at(1)).size();
        QCOMPARE(model->enabledBytes(), bytes);
        // "2 files, 1.2 kB" (plural forms come from the translation).
        bool totalsShown = false;
        const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
        for (const QLabel *label : labels) {
            totalsShown =
                totalsShown || (label->text().startsWith(QLatin1String("2 file")) &&
                                label->text().endsWith(CleanupPlanModel::sizeText(bytes)));
        }
        QVERIFY(totalsShown);
        QPushButton *apply = child<QPushButton>(&dialog, QStringLiteral("Apply"));
        QVERIFY(apply && apply->isEnabled());

        QVERIFY(model->setData(model->index(row, 0), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!dialog.plan().actions.at(row).enabled);
        QVERIFY(dialog.plan().actions.at(rowOf(dialog, strays.at(1))).enabled);
        model->setAllEnabled(false);
        QCOMPARE(dialog.plan().enabledCount(), 0);
        QVERIFY(!apply->isEnabled());
    }

    void wholeProjectScopeReplans()
    {
        QTemporaryDir dir;
        const QStringList strays = makeProject(dir.path(), 1);
        const QString app = dir.path() + QStringLiteral("/app/gone.py");
        writeFile(app, "x = 1\n");
        run(kPython, {QStringLiteral("-m"), QStringLiteral("compileall"), QStringLiteral("-q"),
                      QFileInfo(app).absolutePath()});
        QFile::remove(app);
        CleanupDialog dialog;
        QSignalSpy planned(&dialog, &CleanupDialog::planned);
        dialog.setInspection(inspect(dir.path()), nullptr);
        QVERIFY(waitFor(planned));
        QCOMPARE(dialog.plan().actions.size(), 1);
        child<QRadioButton>(&dialog, QStringLiteral("Whole project"))->click();
        QVERIFY(waitFor(planned, 2));
        QCOMPARE(dialog.options().scope, CleanupOptions::Scope::Project);
        int inApp = 0;
        for (const CleanupAction &action : dialog.plan().actions) {
            inApp += action.path.startsWith(dir.path() + QStringLiteral("/app/")) ? 1 : 0;
        }
        QVERIFY(inApp >= 1);
        QVERIFY(dialog.model()->rowOf(strays.at(0)) >= 0);
    }

    void preselectTicksOnlyThatFile()
    {
        QTemporaryDir dir;
        const QStringList strays = makeProject(dir.path(), 3);
        QCOMPARE(strays.size(), 3);
        CleanupDialog dialog;
        QSignalSpy planned(&dialog, &CleanupDialog::planned);
        dialog.setPreselectedPath(strays.at(1));
        dialog.setInspection(inspect(dir.path()), nullptr);
        QVERIFY(waitFor(planned));
        const CleanupPlan plan = dialog.plan();
        QCOMPARE(plan.enabledCount(), 1);
        QVERIFY(plan.actions.at(rowOf(dialog, strays.at(1))).enabled);
    }

    void applyThenUndo_data()
    {
        QTest::addColumn<bool>("quarantine");
        QTest::newRow("trash") << false;
        QTest::newRow("quarantine") << true;
    }
    void applyThenUndo()
    {
        QFETCH(bool, quarantine);
        QTemporaryDir dir;
        const QStringList strays = makeProject(dir.path(), 2);
        const QByteArray before = readAll(strays.at(0));
        QVERIFY(!before.isEmpty());
        Journal journal(journalPath());
        QVERIFY(journal.open());
        CleanupDialog dialog;
        dialog.setPreferQuarantine(quarantine);
        QSignalSpy planned(&dialog, &CleanupDialog::planned);
        QSignalSpy finished(&dialog, &CleanupDialog::operationFinished);
        QSignalSpy applied(&dialog, &CleanupDialog::applied);
        QSignalSpy undone(&dialog, &CleanupDialog::undone);
        dialog.setInspection(inspect(dir.path()), &journal);
        QVERIFY(waitFor(planned));
        // Only the first stray: the second must stay where it is.
        dialog.setPreselectedPath(strays.at(0));

        child<QPushButton>(&dialog, QStringLiteral("Apply"))->click();
        QVERIFY(dialog.isBusy());
        QVERIFY(waitFor(finished));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QCOMPARE(applied.count(), 1);
        const qint64 id = applied.at(0).at(0).toLongLong();
        QVERIFY(id > 0);
        QCOMPARE(dialog.lastJournalId(), id);
        QVERIFY(!QFileInfo::exists(strays.at(0)));
        QVERIFY(QFileInfo::exists(strays.at(1)));
        const CleanupResult result = dialog.lastResult();
        QCOMPARE(result.count(CleanupOutcome::Status::Done), 1);
        const QString destination = result.outcomes.at(0).destination;
        QVERIFY(QFileInfo::exists(destination));
        QCOMPARE(destination.contains(QLatin1String("/quarantine/")), quarantine);
        QVERIFY(child<QLabel>(&dialog, CleanupDialog::resultText(result, false)));

        QPushButton *undoButton = child<QPushButton>(&dialog, QStringLiteral("Undo cleanup"));
        QVERIFY(undoButton && undoButton->isEnabled());
        undoButton->click();
        QVERIFY(waitFor(finished, 2));
        QVERIFY2(finished.at(1).at(0).toBool(), qPrintable(finished.at(1).at(1).toString()));
        QCOMPARE(undone.count(), 1);
        QCOMPARE(undone.at(0).at(0).toLongLong(), id);
        QCOMPARE(readAll(strays.at(0)), before);
        QVERIFY(!QFileInfo::exists(destination));
        QVERIFY(!undoButton->isEnabled());
        QVERIFY(journal.operation(id)->isUndone());
        // The replan after the undo lists the stray again.
        QVERIFY(waitFor(planned, 3));
        QVERIFY(rowOf(dialog, strays.at(0)) >= 0);
    }

    void historyUndoesAfterReopening()
    {
        QTemporaryDir dir;
        const QStringList strays = makeProject(dir.path(), 1);
        const QByteArray before = readAll(strays.at(0));
        qint64 id = 0;
        {
            Journal journal(journalPath());
            QVERIFY(journal.open());
            CleanupDialog dialog;
            QSignalSpy planned(&dialog, &CleanupDialog::planned);
            QSignalSpy applied(&dialog, &CleanupDialog::applied);
            dialog.setInspection(inspect(dir.path()), &journal);
            QVERIFY(waitFor(planned));
            dialog.apply();
            QVERIFY(waitFor(applied));
            id = applied.at(0).at(0).toLongLong();
        }
        QVERIFY(!QFileInfo::exists(strays.at(0)));

        // A new Journal on the same file, as after a restart.
        Journal journal(journalPath());
        QVERIFY(journal.open());
        CleanupHistoryDialog history;
        history.setJournal(&journal, dir.path());
        QCOMPARE(history.operations().size(), 1);
        QCOMPARE(history.operations().at(0).id, id);
        QCOMPARE(history.selectedOperationId(), id);
        auto *list = history.findChild<QTreeWidget *>();
        QVERIFY(list);
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(CleanupHistoryDialog::StateColumn),
                 QStringLiteral("Done"));
        QVERIFY(list->topLevelItem(0)->text(CleanupHistoryDialog::UndoneColumn).isEmpty());
        // Another project's cleanups are not listed.
        CleanupHistoryDialog other;
        other.setJournal(&journal, dir.path() + QStringLiteral("/elsewhere"));
        QCOMPARE(other.operations().size(), 0);

        QSignalSpy finished(&history, &CleanupHistoryDialog::operationFinished);
        QSignalSpy undone(&history, &CleanupHistoryDialog::undone);
        QPushButton *undo = child<QPushButton>(&history, QStringLiteral("Undo"));
        QVERIFY(undo && undo->isEnabled());
        undo->click();
        QVERIFY(waitFor(finished));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QCOMPARE(undone.count(), 1);
        QCOMPARE(readAll(strays.at(0)), before);
        QVERIFY(history.operations().at(0).isUndone());
        QVERIFY(!list->topLevelItem(0)->text(CleanupHistoryDialog::UndoneColumn).isEmpty());
        QVERIFY(!undo->isEnabled());
    }

    void screenshot()
    {
        const QByteArray folder = qgetenv("REVSCOPE_SCREENSHOT_DIR");
        if (folder.isEmpty()) {
            QSKIP("REVSCOPE_SCREENSHOT_DIR not set");
        }
        QTemporaryDir dir;
        makeProject(dir.path(), 3, true);
        QVERIFY(QFile::link(dir.path() + QStringLiteral("/migrations/versions/001_first.py"),
                            dir.path() + QStringLiteral("/migrations/versions/__pycache__/"
                                                        "link.cpython-311.pyc")));
        Journal journal(journalPath());
        QVERIFY(journal.open());
        CleanupDialog dialog;
        QSignalSpy planned(&dialog, &CleanupDialog::planned);
        dialog.setInspection(inspect(dir.path()), &journal);
        QVERIFY(waitFor(planned));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QString out = QFile::decodeName(folder);
        QVERIFY(dialog.grab().save(out + QStringLiteral("/cleanupdialog.png")));
        auto *tabs = dialog.findChild<QTabWidget *>();
        tabs->setCurrentIndex(1);
        QVERIFY(dialog.grab().save(out + QStringLiteral("/cleanupdialog-diff.png")));
        dialog.apply();
        QSignalSpy finished(&dialog, &CleanupDialog::operationFinished);
        QVERIFY(waitFor(finished));
        QVERIFY(waitFor(planned, 2));
        QVERIFY(dialog.grab().save(out + QStringLiteral("/cleanupdialog-applied.png")));
        CleanupHistoryDialog history;
        history.setJournal(&journal, dir.path());
        history.show();
        QVERIFY(QTest::qWaitForWindowExposed(&history));
        QVERIFY(history.grab().save(out + QStringLiteral("/cleanuphistory.png")));
    }
};

int main(int argc, char **argv)
{
    // Before the application: the trash and the journal are found from these.
    QTemporaryDir home;
    if (!home.isValid()) {
        return 1;
    }
    qputenv("HOME", QFile::encodeName(home.path()));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.path() + QStringLiteral("/data")));
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestCleanupDialog test(home.path());
    return QTest::qExec(&test, argc, argv);
}

#include "tst_cleanupdialog.moc"
