#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Revscope {

// One file an operation moved, trashed or rewrote (the cleanup journal).
struct JournalFileEntry
{
    QString action;       // e.g. "trash"
    QString originalPath; // absolute
    qint64 size = -1;     // bytes; -1 unknown
    QString sha256;       // hex, of the original content
    QDateTime mtime;      // of the original file
    QString destination;  // where it went (absolute); empty if nowhere
    QDateTime time;       // when it was done (UTC)
};

// One version table an operation rewrote (the stamp journal). Never holds a
// password: `url` is redacted.
struct JournalStampEntry
{
    QString url;          // redacted (`***` for the password)
    QString databaseKey;  // which database, without credentials (StampPlan::databaseKey)
    QString versionTable; // unquoted
    QString schema;       // unquoted; empty: the connection's default
    QStringList rowsBefore;
    QStringList rowsAfter;
};

struct JournalOperation
{
    enum class Kind { Stamp, Cleanup };
    enum class State {
        Pending, // begun; the change may or may not have happened (crash, or still running)
        Done,    // finished successfully
        Failed,  // finished without changing anything
    };

    qint64 id = 0;
    Kind kind = Kind::Stamp;
    QString projectRoot;
    QDateTime created; // UTC
    QString summary;
    State state = State::Pending;
    QDateTime finished; // invalid while pending
    QDateTime undone;   // invalid unless undone
    QString note;       // why it failed, when it did
    QList<JournalFileEntry> files;
    QList<JournalStampEntry> stamps;

    bool isUndone() const { return undone.isValid(); }
};

// "stamp", "cleanup"; "pending", "done", "failed".
QString journalKindName(JournalOperation::Kind kind);
QString journalStateName(JournalOperation::State state);

// The application's journal of everything Revscope changes, so it can be
// undone: an SQLite file (by default AppDataLocation/journal.sqlite). Every
// write is one transaction, so a crash leaves either all of it or none.
// Each call opens its own connection (unique name per instance and call),
// so a Journal may be used from any one thread at a time; several processes
// may share the file (SQLite locking, with a busy timeout).
class Journal
{
public:
    static constexpr int SchemaVersion = 1;

    // The default journal file.
    Journal();
    explicit Journal(const QString &path);

    static QString defaultPath();
    QString path() const { return m_path; }

    // Creates or migrates the file. False with error() when it cannot be
    // opened, or was written by a newer Revscope.
    bool open();
    // One sentence naming the journal file, after a failed call.
    QString error() const { return m_error; }

    // Starts an operation (state Pending) with its entries in one
    // transaction; 0 on failure.
    qint64 beginOperation(JournalOperation::Kind kind, const QString &projectRoot,
                          const QString &summary, const QList<JournalStampEntry> &stamps = {},
                          const QList<JournalFileEntry> &files = {});
    bool recordFile(qint64 operationId, const JournalFileEntry &entry);
    bool recordStamp(qint64 operationId, const JournalStampEntry &entry);
    // Done or Failed (with a note); a finished operation stays as it is.
    bool finishOperation(qint64 operationId, JournalOperation::State state,
                         const QString &note = QString());
    bool markUndone(qint64 operationId);

    // Newest first, without entries unless asked; `kind` filters when set.
    QList<JournalOperation> operations(std::optional<JournalOperation::Kind> kind = std::nullopt,
                                       bool withEntries = false) const;
    // With its entries; nullopt (and error()) when there is none.
    std::optional<JournalOperation> operation(qint64 operationId) const;

    class Connection; // one connection for the duration of a call

private:
    bool ready() const;
    // Runs `work` in one write transaction: committed when it returns true,
    // rolled back (with error() saying why) otherwise.
    bool write(const std::function<bool(Connection &)> &work);
    bool recordEntry(qint64 operationId, const std::function<bool(Connection &)> &insertEntry);
    bool migrate(Connection &connection) const;
    bool setError(const QString &message) const;
    QList<JournalOperation> select(std::optional<JournalOperation::Kind> kind, qint64 operationId,
                                   bool withEntries) const;

    QString m_path;
    QString m_name; // connection name prefix, unique per instance
    mutable QString m_error;
};

} // namespace Revscope
