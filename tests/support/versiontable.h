#pragma once

// An SQLite database file whose Alembic version table holds given rows, for
// tests that read a database. Include only from tests that link QtSql.

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

namespace TestSupport {

inline bool writeSqliteVersionTable(const QString &path, const QStringList &rows)
{
    static int connections = 0;
    const QString name = QStringLiteral("test-version-table-%1").arg(++connections);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        ok = ok && query.exec(QStringLiteral("CREATE TABLE alembic_version (version_num "
                                             "VARCHAR(32) NOT NULL PRIMARY KEY)"));
        for (const QString &row : rows) {
            query.prepare(QStringLiteral("INSERT INTO alembic_version VALUES (?)"));
            query.addBindValue(row);
            ok = ok && query.exec();
        }
        query = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace TestSupport
