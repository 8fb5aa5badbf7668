#include "database/stampdialog.h"
#include "inspection/inspector.h"
#include "journal/journal.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Revscope;

namespace {

QByteArray script(const QByteArray &rev, const QByteArray &down)
{
    return "\"\"\"r" + rev + "\n\nRevision ID: " + rev + "\n\"\"\"\nrevision = '" + rev +
           "'\ndown_revision = " + (down.isEmpty() ? QByteArray("None") : "'" + down + "'") +
           "\nbranch_labels = None\ndepends_on = None\n";
}

bool write(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QStringList sqlite(const QString &path, const QStringList &statements)
{
    static int counter = 0;
    const QString name = QStringLiteral("tst-stampdialog-%1").arg(++counter);
    QStringList rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.open();
        QSqlQuery query(db);
        for (const QString &statement : statements) {
            query.exec(statement);
        }
        while (query.next()) {
            rows.append(query.value(0).toString());
        }
        query = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

} // namespace

class TestStampDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Suggestion and preview shown; Stamp runs off the GUI thread and
    // writes; Undo restores.
    void stampAndUndo()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        QVERIFY(
            write(root + QStringLiteral("/alembic.ini"),
                  "[alembic]\nscript_location = migrations\nsqlalchemy.url = sqlite:///app.db\n"));
        QVERIFY(write(root + QStringLiteral("/migrations/versions/001_a.py"), script("001", "")));
        QVERIFY(
            write(root + QStringLiteral("/migrations/versions/002_b.py"), script("002", "001")));
        QVERIFY(
            write(root + QStringLiteral("/migrations/versions/003_c.py"), script("003", "002")));
        const QString db = root + QStringLiteral("/app.db");
        sqlite(db, {QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT "
                                   "NULL PRIMARY KEY)"),
                    QStringLiteral("INSERT INTO alembic_version VALUES ('001')")});

        InspectOptions options;
        options.root = root;
        options.database.url = QStringLiteral("ini");
        const InspectionPtr inspection = Inspector::inspect(options);
        QCOMPARE(inspection->environments.size(), 1);
        const DatabaseUrl url = DatabaseUrl::parse(QStringLiteral("sqlite:///app.db"), root);
        Journal journal(root + QStringLiteral("/journal.sqlite"));

        StampDialog dialog;
        dialog.setEnvironment(inspection->environments.first(), url, &journal);
        QPushButton *stampButton = nullptr;
        QPushButton *undoButton = nullptr;
        for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
            if (button->text() == QLatin1String("Stamp")) {
                stampButton = button;
            } else if (button->text() == QLatin1String("Undo stamp")) {
                undoButton = button;
            }
        }
        QVERIFY(stampButton && undoButton);
        // The database is fine: the suggestion keeps 001, and says why.
        QCOMPARE(dialog.targets(), QStringList{QStringLiteral("001")});
        bool saysWhy = false;
        for (QLabel *label : dialog.findChildren<QLabel *>()) {
            saysWhy = saysWhy || label->text().contains(QLatin1String("nothing to repair"));
        }
        QVERIFY(saysWhy);
        QVERIFY(!stampButton->isEnabled());
        QVERIFY(!undoButton->isEnabled());

        auto *targets = dialog.findChild<QLineEdit *>();
        targets->setText(QStringLiteral("003"));
        auto *preview = dialog.findChild<QPlainTextEdit *>();
        QVERIFY2(preview->toPlainText().contains(
                     QLatin1String("UPDATE \"alembic_version\" SET \"version_num\" = '003' WHERE "
                                   "\"version_num\" = '001';")),
                 qPrintable(preview->toPlainText()));
        QVERIFY(stampButton->isEnabled());

        targets->setText(QStringLiteral("nope"));
        QVERIFY(preview->toPlainText().contains(QLatin1String("'nope' is not a revision")));
        QVERIFY(!stampButton->isEnabled());
        targets->setText(QStringLiteral("003"));

        QSignalSpy finished(&dialog, &StampDialog::operationFinished);
        QSignalSpy stamped(&dialog, &StampDialog::stamped);
        stampButton->click();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(0).toBool(), true);
        QCOMPARE(stamped.size(), 1);
        QCOMPARE(sqlite(db, {QStringLiteral("SELECT version_num FROM alembic_version")}),
                 QStringList{QStringLiteral("003")});
        QVERIFY(undoButton->isEnabled());
        // The preview now starts from the new rows.
        QVERIFY(preview->toPlainText().contains(QLatin1String("Rows now:   003")));
        if (qEnvironmentVariableIsSet("REVSCOPE_SCREENSHOT")) {
            dialog.grab().save(qEnvironmentVariable("REVSCOPE_SCREENSHOT"));
        }

        QSignalSpy undone(&dialog, &StampDialog::undone);
        undoButton->click();
        QVERIFY(undone.wait(10000));
        QCOMPARE(undone.first().at(0).toLongLong(), stamped.first().at(0).toLongLong());
        QCOMPARE(sqlite(db, {QStringLiteral("SELECT version_num FROM alembic_version")}),
                 QStringList{QStringLiteral("001")});
        QVERIFY(journal.operation(stamped.first().at(0).toLongLong())->isUndone());
        QVERIFY(!undoButton->isEnabled());
    }
};

QTEST_MAIN(TestStampDialog)
#include "tst_stampdialog.moc"
