// End to end with the real Alembic on an SQLite file: what Revscope reads and
// advises matches what Alembic does, and the stamp it suggests for the seed
// (a database stamped at a revision a squash removed) makes Alembic work again.

#include "database/dbstate.h"
#include "database/versiontablereader.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Revscope;

namespace {

const char *envPy = R"PY(from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config


def run_migrations_online():
    connectable = engine_from_config(
        config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
)PY";

const char *squashPy = R"PY("""initial squashed migration

Squashes every migration up to a2242b61af45.

Revision ID: b891cb8863b5
Revises:
Create Date: 2026-02-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "b891cb8863b5"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    op.drop_table("users")
)PY";

const char *nextPy = R"PY("""add email

Revision ID: c1d2e3f4a5b6
Revises: b891cb8863b5
Create Date: 2026-02-02 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "c1d2e3f4a5b6"
down_revision = "b891cb8863b5"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("email", sa.String(200)))


def downgrade():
    op.drop_column("users", "email")
)PY";

} // namespace

class TestAlembicDatabase : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_squashFile;

    bool writeFile(const QString &relative, const QByteArray &content)
    {
        const QString path = m_dir.filePath(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
    }

    // Runs `alembic <arguments>` in the project; returns exit code, output in *output.
    int alembic(const QStringList &arguments, QString *output = nullptr)
    {
        QProcess process;
        process.setWorkingDirectory(m_dir.path());
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("/usr/bin/python3"),
                      QStringList{QStringLiteral("-m"), QStringLiteral("alembic")} + arguments);
        process.waitForFinished(60000);
        if (output) {
            *output = QString::fromUtf8(process.readAll());
        }
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }

    RevisionGraph graph() const
    {
        Revision squash;
        squash.id = QStringLiteral("b891cb8863b5");
        squash.message = QStringLiteral("initial squashed migration");
        squash.file = m_squashFile;
        Revision next;
        next.id = QStringLiteral("c1d2e3f4a5b6");
        next.downRevisions = {squash.id};
        next.message = QStringLiteral("add email");
        next.file = m_dir.filePath(QStringLiteral("migrations/versions/c1d2e3f4a5b6_add_email.py"));
        return RevisionGraph(Revisions{squash, next});
    }

    DbStateCalculator inspect()
    {
        const DatabaseState state =
            VersionTableReader(DatabaseUrl::parse(QStringLiteral("sqlite:///app.db"), m_dir.path()))
                .read();
        return DbStateCalculator(graph(), state, QStringLiteral("alembic.ini"));
    }

private slots:
    void initTestCase()
    {
        QProcess probe;
        probe.start(QStringLiteral("/usr/bin/python3"),
                    {QStringLiteral("-c"), QStringLiteral("import alembic, sqlalchemy")});
        if (!probe.waitForFinished(30000) || probe.exitCode() != 0) {
            QSKIP("SKIPPED: /usr/bin/python3 cannot import alembic; these tests need "
                  "python3-alembic");
        }
        QVERIFY(m_dir.isValid());
        QVERIFY(writeFile(QStringLiteral("alembic.ini"), "[alembic]\nscript_location = migrations\n"
                                                         "sqlalchemy.url = sqlite:///app.db\n"));
        QVERIFY(writeFile(QStringLiteral("migrations/env.py"), envPy));
        QVERIFY(writeFile(QStringLiteral("migrations/script.py.mako"), ""));
        m_squashFile = m_dir.filePath(
            QStringLiteral("migrations/versions/b891cb8863b5_initial_squashed_migration.py"));
        QVERIFY(writeFile(
            QStringLiteral("migrations/versions/b891cb8863b5_initial_squashed_migration.py"),
            squashPy));
        QVERIFY(writeFile(QStringLiteral("migrations/versions/c1d2e3f4a5b6_add_email.py"), nextPy));
    }

    void neverMigrated()
    {
        const DbStateCalculator calculator = inspect();
        // The file does not exist yet: Alembic would create it, Revscope does not.
        QCOMPARE(calculator.database().status, DatabaseState::Unreachable);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("app.db"))));
    }

    void behindThenAtHead()
    {
        QString output;
        QVERIFY2(alembic({QStringLiteral("upgrade"), QStringLiteral("b891cb8863b5")}, &output) == 0,
                 qPrintable(output));
        DbStateCalculator behind = inspect();
        QCOMPARE(behind.database().versions, QStringList{QStringLiteral("b891cb8863b5")});
        QCOMPARE(behind.state(QStringLiteral("c1d2e3f4a5b6")), DbState::Pending);
        QCOMPARE(behind.findings().value(0).code, QStringLiteral("db-pending-migrations"));
        QVERIFY2(alembic({QStringLiteral("upgrade"), QStringLiteral("head")}, &output) == 0,
                 qPrintable(output));
        const DbStateCalculator atHead = inspect();
        QCOMPARE(atHead.currentRevisions(), QStringList{QStringLiteral("c1d2e3f4a5b6")});
        QCOMPARE(atHead.state(QStringLiteral("b891cb8863b5")), DbState::Applied);
        QVERIFY(atHead.findings().isEmpty());
    }

    void stampedAtSquashedRevision()
    {
        // The seed: the database was migrated by a2242b61af45, which the squash
        // removed; its schema is what the squash creates.
        QString output;
        QVERIFY2(alembic({QStringLiteral("downgrade"), QStringLiteral("b891cb8863b5")}, &output) ==
                     0,
                 qPrintable(output));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tst-writer"));
            db.setDatabaseName(m_dir.filePath(QStringLiteral("app.db")));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(
                QStringLiteral("UPDATE alembic_version SET version_num = 'a2242b61af45'")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tst-writer"));

        QVERIFY(alembic({QStringLiteral("upgrade"), QStringLiteral("head")}, &output) != 0);
        QVERIFY2(
            output.contains(QLatin1String("Can't locate revision identified by 'a2242b61af45'")),
            qPrintable(output));

        const DbStateCalculator calculator = inspect();
        const Findings findings = calculator.findings();
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings[0].code, QStringLiteral("db-unknown-revision"));
        QVERIFY2(findings[0].message.contains(QLatin1String("Can't locate revision identified by "
                                                            "'a2242b61af45'")),
                 qPrintable(findings[0].message));
        // Follow the advice with the real Alembic.
        const QRegularExpressionMatch match =
            QRegularExpression(QStringLiteral("`alembic (stamp --purge [^`]+)`"))
                .match(findings[0].fix);
        QVERIFY2(match.hasMatch(), qPrintable(findings[0].fix));
        QCOMPARE(match.captured(1), QStringLiteral("stamp --purge b891cb8863b5"));
        QVERIFY2(alembic(match.captured(1).split(QLatin1Char(' ')), &output) == 0,
                 qPrintable(output));
        QCOMPARE(inspect().currentRevisions(), QStringList{QStringLiteral("b891cb8863b5")});
        // Without --purge Alembic would have stopped on the unknown row again;
        // with it, upgrade works.
        QVERIFY2(alembic({QStringLiteral("upgrade"), QStringLiteral("head")}, &output) == 0,
                 qPrintable(output));
        QVERIFY(inspect().findings().isEmpty());
    }

    void plainStampFailsOnUnknownRow()
    {
        // Why the advice says --purge: a plain stamp first locates the stored row.
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tst-writer"));
            db.setDatabaseName(m_dir.filePath(QStringLiteral("app.db")));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(
                QStringLiteral("UPDATE alembic_version SET version_num = 'a2242b61af45'")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tst-writer"));
        QString output;
        QVERIFY(alembic({QStringLiteral("stamp"), QStringLiteral("b891cb8863b5")}, &output) != 0);
        QVERIFY2(output.contains(QLatin1String("a2242b61af45")), qPrintable(output));
    }
};

QTEST_GUILESS_MAIN(TestAlembicDatabase)
#include "tst_alembicdatabase.moc"
