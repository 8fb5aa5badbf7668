#include "journal.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <functional>

namespace Revscope {

namespace {

QString nextInstanceName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("revscope-journal-%1").arg(counter.fetchAndAddRelaxed(1));
}

QString kindKey(JournalOperation::Kind kind)
{
    return journalKindName(kind);
}

std::optional<JournalOperation::Kind> kindFromKey(const QString &key)
{
    if (key == QLatin1String("stamp")) {
        return JournalOperation::Kind::Stamp;
    }
    if (key == QLatin1String("cleanup")) {
        return JournalOperation::Kind::Cleanup;
    }
    return std::nullopt;
}

JournalOperation::State stateFromKey(const QString &key)
{
    if (key == QLatin1String("done")) {
        return JournalOperation::State::Done;
    }
    if (key == QLatin1String("failed")) {
        return JournalOperation::State::Failed;
    }
    return JournalOperation::State::Pending;
}

QVariant timeValue(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toUTC().toString(Qt::ISODateWithMs))
                          : QVariant(QMetaType::fromType<QString>());
}

QDateTime timeFrom(const QVariant &value)
{
    if (value.isNull()) {
        return {};
    }
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (time.isValid()) {
        time = time.toUTC();
    }
    return time;
}

QString rowsText(const QStringList &rows)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(rows)).toJson(QJsonDocument::Compact));
}

QStringList rowsFrom(const QVariant &value)
{
    QStringList rows;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue &row : array) {
        rows.append(row.toString());
    }
    return rows;
}

// A NOT NULL text column: a null QString would bind as NULL.
QVariant notNull(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

// Schema version 1. Later versions add statements to `migrations` below;
// PRAGMA user_version records how far a file got.
const char *const schemaV1[] = {
    "CREATE TABLE operations ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " kind TEXT NOT NULL CHECK (kind IN ('stamp', 'cleanup')),"
    " project_root TEXT NOT NULL,"
    " created_at TEXT NOT NULL,"
    " summary TEXT NOT NULL,"
    " state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),"
    " finished_at TEXT,"
    " undone_at TEXT,"
    " note TEXT)",
    "CREATE TABLE file_entries ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " operation_id INTEGER NOT NULL REFERENCES operations(id) ON DELETE CASCADE,"
    " action TEXT NOT NULL,"
    " original_path TEXT NOT NULL,"
    " size INTEGER,"
    " sha256 TEXT,"
    " mtime TEXT,"
    " destination TEXT,"
    " recorded_at TEXT NOT NULL)",
    "CREATE INDEX file_entries_operation ON file_entries(operation_id)",
    "CREATE TABLE stamp_entries ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " operation_id INTEGER NOT NULL REFERENCES operations(id) ON DELETE CASCADE,"
    " database_url TEXT NOT NULL,"
    " database_key TEXT NOT NULL,"
    " version_table TEXT NOT NULL,"
    " version_schema TEXT,"
    " rows_before TEXT NOT NULL,"
    " rows_after TEXT NOT NULL)",
    "CREATE INDEX stamp_entries_operation ON stamp_entries(operation_id)",
};

} // namespace

QString journalKindName(JournalOperation::Kind kind)
{
    switch (kind) {
    case JournalOperation::Kind::Stamp:
        return QStringLiteral("stamp");
    case JournalOperation::Kind::Cleanup:
        return QStringLiteral("cleanup");
    }
    return {};
}

QString journalStateName(JournalOperation::State state)
{
    switch (state) {
    case JournalOperation::State::Pending:
        return QStringLiteral("pending");
    case JournalOperation::State::Done:
        return QStringLiteral("done");
    case JournalOperation::State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

// One open connection to the journal for the duration of a call, in the
// calling thread.
class Journal::Connection
{
public:
    Connection(const QString &prefix, const QString &path)
    {
        static QAtomicInteger<quint64> counter;
        m_name = prefix + QStringLiteral("-%1").arg(counter.fetchAndAddRelaxed(1));
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
        // Another Revscope process may be writing: wait for it a little.
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (m_db.open()) {
            QSqlQuery pragma(m_db);
            m_ok = pragma.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
            if (!m_ok) {
                m_error = pragma.lastError().text();
            }
        } else {
            m_error = m_db.lastError().text();
        }
    }
    ~Connection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    bool isOpen() const { return m_ok; }
    QString error() const { return m_error; }
    QSqlDatabase &db() { return m_db; }

    // BEGIN IMMEDIATE takes the write lock up front, so two writers never
    // deadlock halfway through.
    bool begin()
    {
        QSqlQuery query(m_db);
        if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
            m_error = query.lastError().text();
            return false;
        }
        return true;
    }
    bool commit()
    {
        QSqlQuery query(m_db);
        if (!query.exec(QStringLiteral("COMMIT"))) {
            m_error = query.lastError().text();
            rollback();
            return false;
        }
        return true;
    }
    void rollback()
    {
        QSqlQuery query(m_db);
        query.exec(QStringLiteral("ROLLBACK"));
    }
    bool exec(QSqlQuery &query)
    {
        if (!query.exec()) {
            m_error = query.lastError().text();
            return false;
        }
        return true;
    }

private:
    QString m_name;
    QSqlDatabase m_db;
    bool m_ok = false;
    QString m_error;
};

Journal::Journal() : Journal(defaultPath()) {}

Journal::Journal(const QString &path) : m_path(path), m_name(nextInstanceName()) {}

QString Journal::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/journal.sqlite");
}

bool Journal::setError(const QString &message) const
{
    m_error = message;
    return false;
}

bool Journal::open()
{
    return ready();
}

bool Journal::ready() const
{
    m_error.clear();
    if (m_path.isEmpty()) {
        return setError(QCoreApplication::translate(
            "Journal", "No place to keep the journal: the application data folder is "
                       "unknown"));
    }
    const QString folder = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(folder)) {
        return setError(
            QCoreApplication::translate("Journal", "Could not create the folder %1 for the journal")
                .arg(folder));
    }
    Connection connection(m_name, m_path);
    if (!connection.isOpen()) {
        return setError(QCoreApplication::translate("Journal", "Could not open the journal %1: %2")
                            .arg(m_path, connection.error()));
    }
    return migrate(connection);
}

bool Journal::migrate(Connection &connection) const
{
    QSqlQuery version(connection.db());
    if (!version.exec(QStringLiteral("PRAGMA user_version")) || !version.next()) {
        return setError(QCoreApplication::translate("Journal", "Could not read the journal %1: %2")
                            .arg(m_path, version.lastError().text()));
    }
    const int current = version.value(0).toInt();
    version = QSqlQuery();
    if (current == SchemaVersion) {
        return true;
    }
    if (current > SchemaVersion) {
        return setError(QCoreApplication::translate(
                            "Journal",
                            "The journal %1 was written by a newer Revscope (format %2; this "
                            "version reads up to %3)")
                            .arg(m_path)
                            .arg(current)
                            .arg(SchemaVersion));
    }
    if (!connection.begin()) {
        return setError(QCoreApplication::translate("Journal", "Could not write the journal %1: %2")
                            .arg(m_path, connection.error()));
    }
    // Re-check under the write lock: another process may have migrated meanwhile.
    QSqlQuery query(connection.db());
    int now = -1;
    if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next()) {
        now = query.value(0).toInt();
    }
    if (now == SchemaVersion) {
        query = QSqlQuery();
        connection.rollback();
        return true;
    }
    QStringList statements;
    if (now == 0) {
        for (const char *statement : schemaV1) {
            statements.append(QString::fromLatin1(statement));
        }
    }
    statements.append(QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion));
    for (const QString &statement : std::as_const(statements)) {
        if (!query.exec(statement)) {
            const QString message = query.lastError().text();
            query = QSqlQuery();
            connection.rollback();
            return setError(
                QCoreApplication::translate("Journal", "Could not set up the journal %1: %2")
                    .arg(m_path, message));
        }
    }
    query = QSqlQuery();
    if (!connection.commit()) {
        return setError(
            QCoreApplication::translate("Journal", "Could not set up the journal %1: %2")
                .arg(m_path, connection.error()));
    }
    return true;
}

bool Journal::write(const std::function<bool(Connection &)> &work)
{
    Connection connection(m_name, m_path);
    if (!connection.isOpen() || !connection.begin()) {
        return setError(QCoreApplication::translate("Journal", "Could not write the journal %1: %2")
                            .arg(m_path, connection.error()));
    }
    if (!work(connection) || !connection.commit()) {
        const QString message = connection.error();
        connection.rollback();
        return setError(QCoreApplication::translate("Journal", "Could not write the journal %1: %2")
                            .arg(m_path, message));
    }
    return true;
}

namespace {

bool insertStampEntry(Journal::Connection &connection, qint64 operationId,
                      const JournalStampEntry &entry)
{
    QSqlQuery insert(connection.db());
    insert.prepare(QStringLiteral(
        "INSERT INTO stamp_entries (operation_id, database_url, database_key, version_table, "
        "version_schema, rows_before, rows_after) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(operationId);
    insert.addBindValue(notNull(entry.url));
    insert.addBindValue(notNull(entry.databaseKey));
    insert.addBindValue(notNull(entry.versionTable));
    insert.addBindValue(nullableText(entry.schema));
    insert.addBindValue(rowsText(entry.rowsBefore));
    insert.addBindValue(rowsText(entry.rowsAfter));
    return connection.exec(insert);
}

bool insertFileEntry(Journal::Connection &connection, qint64 operationId,
                     const JournalFileEntry &entry)
{
    QSqlQuery insert(connection.db());
    insert.prepare(QStringLiteral(
        "INSERT INTO file_entries (operation_id, action, original_path, size, sha256, "
        "mtime, destination, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(operationId);
    insert.addBindValue(notNull(entry.action));
    insert.addBindValue(notNull(entry.originalPath));
    insert.addBindValue(entry.size < 0 ? QVariant(QMetaType::fromType<qint64>())
                                       : QVariant(entry.size));
    insert.addBindValue(nullableText(entry.sha256));
    insert.addBindValue(timeValue(entry.mtime));
    insert.addBindValue(nullableText(entry.destination));
    insert.addBindValue(
        timeValue(entry.time.isValid() ? entry.time : QDateTime::currentDateTimeUtc()));
    return connection.exec(insert);
}

// Whether the operation exists, read inside the caller's transaction (a
// cleanup records an entry per file: this must not reload every entry).
bool operationExists(Journal::Connection &connection, qint64 operationId)
{
    QSqlQuery query(connection.db());
    query.prepare(QStringLiteral("SELECT 1 FROM operations WHERE id = ?"));
    query.addBindValue(operationId);
    return connection.exec(query) && query.next();
}

} // namespace

qint64 Journal::beginOperation(JournalOperation::Kind kind, const QString &projectRoot,
                               const QString &summary, const QList<JournalStampEntry> &stamps,
                               const QList<JournalFileEntry> &files)
{
    if (!ready()) {
        return 0;
    }
    qint64 id = 0;
    const bool ok = write([&](Connection &connection) {
        QSqlQuery insert(connection.db());
        insert.prepare(QStringLiteral("INSERT INTO operations (kind, project_root, created_at, "
                                      "summary, state) VALUES (?, ?, ?, ?, 'pending')"));
        insert.addBindValue(kindKey(kind));
        insert.addBindValue(notNull(projectRoot));
        insert.addBindValue(timeValue(QDateTime::currentDateTimeUtc()));
        insert.addBindValue(notNull(summary));
        if (!connection.exec(insert)) {
            return false;
        }
        id = insert.lastInsertId().toLongLong();
        if (id <= 0) {
            return false;
        }
        for (const JournalStampEntry &entry : stamps) {
            if (!insertStampEntry(connection, id, entry)) {
                return false;
            }
        }
        for (const JournalFileEntry &entry : files) {
            if (!insertFileEntry(connection, id, entry)) {
                return false;
            }
        }
        return true;
    });
    return ok ? id : 0;
}

bool Journal::recordEntry(qint64 operationId, const std::function<bool(Connection &)> &insertEntry)
{
    if (!ready()) {
        return false;
    }
    bool missing = false;
    const bool ok = write([&](Connection &connection) {
        missing = !operationExists(connection, operationId);
        return !missing && insertEntry(connection);
    });
    if (missing) {
        return setError(QCoreApplication::translate("Journal", "The journal %1 has no operation %2")
                            .arg(m_path)
                            .arg(operationId));
    }
    return ok;
}

bool Journal::recordFile(qint64 operationId, const JournalFileEntry &entry)
{
    return recordEntry(operationId, [&](Connection &connection) {
        return insertFileEntry(connection, operationId, entry);
    });
}

bool Journal::recordStamp(qint64 operationId, const JournalStampEntry &entry)
{
    return recordEntry(operationId, [&](Connection &connection) {
        return insertStampEntry(connection, operationId, entry);
    });
}

bool Journal::finishOperation(qint64 operationId, JournalOperation::State state,
                              const QString &note)
{
    if (!ready()) {
        return false;
    }
    if (state == JournalOperation::State::Pending) {
        return setError(
            QCoreApplication::translate("Journal", "An operation cannot be finished as pending"));
    }
    int changed = 0;
    const bool ok = write([&](Connection &connection) {
        QSqlQuery update(connection.db());
        update.prepare(QStringLiteral("UPDATE operations SET state = ?, finished_at = ?, note = ? "
                                      "WHERE id = ? AND state = 'pending'"));
        update.addBindValue(journalStateName(state));
        update.addBindValue(timeValue(QDateTime::currentDateTimeUtc()));
        update.addBindValue(nullableText(note));
        update.addBindValue(operationId);
        const bool done = connection.exec(update);
        changed = update.numRowsAffected();
        return done;
    });
    if (ok && changed != 1) {
        return setError(
            QCoreApplication::translate("Journal", "The journal %1 has no pending operation %2")
                .arg(m_path)
                .arg(operationId));
    }
    return ok;
}

bool Journal::markUndone(qint64 operationId)
{
    if (!ready()) {
        return false;
    }
    int changed = 0;
    const bool ok = write([&](Connection &connection) {
        QSqlQuery update(connection.db());
        update.prepare(QStringLiteral(
            "UPDATE operations SET undone_at = ? WHERE id = ? AND undone_at IS NULL"));
        update.addBindValue(timeValue(QDateTime::currentDateTimeUtc()));
        update.addBindValue(operationId);
        const bool done = connection.exec(update);
        changed = update.numRowsAffected();
        return done;
    });
    if (ok && changed != 1) {
        return setError(QCoreApplication::translate(
                            "Journal", "The journal %1 has no operation %2 that is not undone yet")
                            .arg(m_path)
                            .arg(operationId));
    }
    return ok;
}

QList<JournalOperation> Journal::operations(std::optional<JournalOperation::Kind> kind,
                                            bool withEntries) const
{
    return select(kind, 0, withEntries);
}

QList<JournalOperation> Journal::select(std::optional<JournalOperation::Kind> kind,
                                        qint64 operationId, bool withEntries) const
{
    QList<JournalOperation> result;
    if (!ready()) {
        return result;
    }
    Connection connection(m_name, m_path);
    if (!connection.isOpen()) {
        setError(QCoreApplication::translate("Journal", "Could not open the journal %1: %2")
                     .arg(m_path, connection.error()));
        return result;
    }
    {
        QSqlQuery query(connection.db());
        query.setForwardOnly(true);
        QString sql = QStringLiteral("SELECT id, kind, project_root, created_at, summary, state, "
                                     "finished_at, undone_at, note FROM operations");
        QStringList conditions;
        if (kind) {
            conditions.append(QStringLiteral("kind = ?"));
        }
        if (operationId > 0) {
            conditions.append(QStringLiteral("id = ?"));
        }
        if (!conditions.isEmpty()) {
            sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
        }
        // ids only grow: the newest operation has the largest.
        sql += QStringLiteral(" ORDER BY id DESC");
        query.prepare(sql);
        if (kind) {
            query.addBindValue(kindKey(*kind));
        }
        if (operationId > 0) {
            query.addBindValue(operationId);
        }
        if (!connection.exec(query)) {
            setError(QCoreApplication::translate("Journal", "Could not read the journal %1: %2")
                         .arg(m_path, connection.error()));
            return result;
        }
        while (query.next()) {
            const auto parsedKind = kindFromKey(query.value(1).toString());
            if (!parsedKind) {
                continue; // written by a newer version: not ours to show
            }
            JournalOperation op;
            op.id = query.value(0).toLongLong();
            op.kind = *parsedKind;
            op.projectRoot = query.value(2).toString();
            op.created = timeFrom(query.value(3));
            op.summary = query.value(4).toString();
            op.state = stateFromKey(query.value(5).toString());
            op.finished = timeFrom(query.value(6));
            op.undone = timeFrom(query.value(7));
            op.note = query.value(8).toString();
            result.append(op);
        }
    }
    if (!withEntries) {
        return result;
    }
    for (JournalOperation &op : result) {
        QSqlQuery stamps(connection.db());
        stamps.setForwardOnly(true);
        stamps.prepare(QStringLiteral("SELECT database_url, database_key, version_table, "
                                      "version_schema, rows_before, rows_after FROM stamp_entries "
                                      "WHERE operation_id = ? ORDER BY id"));
        stamps.addBindValue(op.id);
        if (connection.exec(stamps)) {
            while (stamps.next()) {
                JournalStampEntry entry;
                entry.url = stamps.value(0).toString();
                entry.databaseKey = stamps.value(1).toString();
                entry.versionTable = stamps.value(2).toString();
                entry.schema = stamps.value(3).toString();
                entry.rowsBefore = rowsFrom(stamps.value(4));
                entry.rowsAfter = rowsFrom(stamps.value(5));
                op.stamps.append(entry);
            }
        }
        QSqlQuery files(connection.db());
        files.setForwardOnly(true);
        files.prepare(QStringLiteral("SELECT action, original_path, size, sha256, mtime, "
                                     "destination, recorded_at FROM file_entries WHERE "
                                     "operation_id = ? ORDER BY id"));
        files.addBindValue(op.id);
        if (connection.exec(files)) {
            while (files.next()) {
                JournalFileEntry entry;
                entry.action = files.value(0).toString();
                entry.originalPath = files.value(1).toString();
                entry.size = files.value(2).isNull() ? -1 : files.value(2).toLongLong();
                entry.sha256 = files.value(3).toString();
                entry.mtime = timeFrom(files.value(4));
                entry.destination = files.value(5).toString();
                entry.time = timeFrom(files.value(6));
                op.files.append(entry);
            }
        }
    }
    return result;
}

std::optional<JournalOperation> Journal::operation(qint64 operationId) const
{
    if (operationId <= 0) {
        setError(QCoreApplication::translate("Journal", "The journal %1 has no operation %2")
                     .arg(m_path)
                     .arg(operationId));
        return std::nullopt;
    }
    const QList<JournalOperation> found = select(std::nullopt, operationId, true);
    if (found.isEmpty()) {
        if (m_error.isEmpty()) {
            setError(QCoreApplication::translate("Journal", "The journal %1 has no operation %2")
                         .arg(m_path)
                         .arg(operationId));
        }
        return std::nullopt;
    }
    return found.first();
}

} // namespace Revscope
