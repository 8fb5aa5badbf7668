#include "demoproject.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

namespace Revscope {

namespace {

QString resourceRoot()
{
    return QStringLiteral(":/demo");
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

bool fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

constexpr QDir::Filters AllEntries =
    QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot;

bool isEmptyDir(const QString &path)
{
    return QDir(path).entryList(AllEntries).isEmpty();
}

// Deletes everything below dirPath except the entries named in keep.
// Symlinks are unlinked, never followed, so nothing outside dirPath is touched.
bool removeContents(const QString &dirPath, const QStringList &keep, QString *failedPath)
{
    QDir dir(dirPath);
    const QFileInfoList entries = dir.entryInfoList(AllEntries);
    for (const QFileInfo &entry : entries) {
        if (keep.contains(entry.fileName())) {
            continue;
        }
        const QString path = entry.filePath();
        if (entry.isSymLink() || !entry.isDir()) {
            if (!QFile::remove(path)) {
                *failedPath = path;
                return false;
            }
            continue;
        }
        if (!removeContents(path, {}, failedPath)) {
            return false;
        }
        if (!dir.rmdir(entry.fileName())) {
            *failedPath = path;
            return false;
        }
    }
    return true;
}

// True if no component of relativePath below root is a symlink: writing
// through one could land outside the demo folder.
bool staysInside(const QString &root, const QString &relativePath)
{
    QString path = root;
    const QStringList parts = relativePath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (part == QLatin1String("..")) {
            return false;
        }
        path += QLatin1Char('/') + part;
        if (QFileInfo(path).isSymLink()) {
            return false;
        }
    }
    return true;
}

bool writeNewFile(const QString &path, const QByteArray &data, QString *error)
{
    QFile file(path);
    // NewOnly (O_EXCL) also refuses a dangling symlink in the way.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        return fail(error, QCoreApplication::translate("DemoProject", "Cannot create %1: %2")
                               .arg(native(path), file.errorString()));
    }
    if (file.write(data) != data.size() || !file.flush()) {
        const QString reason = file.errorString();
        file.close();
        QFile::remove(path);
        return fail(error, QCoreApplication::translate("DemoProject", "Cannot write %1: %2")
                               .arg(native(path), reason));
    }
    file.close();
    // Resource files are read-only; the copy must be editable by its user.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser |
                        QFileDevice::WriteUser | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    return true;
}

QByteArray markerContents()
{
    return QByteArrayLiteral(
        "This folder is a copy of the Revscope demo project.\n"
        "Revscope deletes and recreates everything in it when you reset the demo.\n");
}

bool createDatabase(const QString &root, QString *error)
{
    const QString dbPath = root + QLatin1Char('/') + DemoProject::databasePath();
    QFile sqlFile(resourceRoot() + QLatin1Char('/') + DemoProject::databaseSqlPath());
    if (!sqlFile.open(QIODevice::ReadOnly)) {
        return fail(error, QCoreApplication::translate(
                               "DemoProject", "The embedded demo database script is missing."));
    }
    const QStringList statements =
        DemoProject::splitSqlStatements(QString::fromUtf8(sqlFile.readAll()));

    // Build under a temporary name so a failure never leaves a half-made
    // database that a later repair would keep.
    const QString partPath = dbPath + QStringLiteral(".part");
    const QFileInfo partInfo(partPath);
    if ((partInfo.exists() || partInfo.isSymLink()) && !QFile::remove(partPath)) {
        return fail(
            error,
            QCoreApplication::translate("DemoProject", "Cannot remove %1.").arg(native(partPath)));
    }

    const QString connection =
        QStringLiteral("revscope-demo-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString message;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        if (!db.isValid()) {
            message = QCoreApplication::translate(
                "DemoProject", "The Qt SQLite driver (QSQLITE) is not available.");
        } else {
            db.setDatabaseName(partPath);
            if (!db.open()) {
                message = QCoreApplication::translate("DemoProject",
                                                      "Cannot create the demo database %1: %2")
                              .arg(native(dbPath), db.lastError().text());
            } else {
                QSqlQuery query(db);
                for (const QString &statement : statements) {
                    if (!query.exec(statement)) {
                        message = QCoreApplication::translate(
                                      "DemoProject", "Cannot build the demo database %1: %2")
                                      .arg(native(dbPath), query.lastError().text());
                        break;
                    }
                }
                query.finish();
                db.close();
            }
        }
    }
    QSqlDatabase::removeDatabase(connection);

    if (message.isEmpty() && !QFile::rename(partPath, dbPath)) {
        message =
            QCoreApplication::translate("DemoProject", "Cannot create %1.").arg(native(dbPath));
    }
    if (!message.isEmpty()) {
        QFile::remove(partPath);
        return fail(error, message);
    }
    return true;
}

} // namespace

QString DemoProject::defaultLocation()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/demo");
}

QString DemoProject::markerFileName()
{
    return QStringLiteral(".revscope-demo");
}

QString DemoProject::databasePath()
{
    return QStringLiteral("back/smtpy.db");
}

QString DemoProject::databaseSqlPath()
{
    return QStringLiteral("back/smtpy.sql");
}

bool DemoProject::isDemoCopy(const QString &dir)
{
    const QFileInfo marker(dir + QLatin1Char('/') + markerFileName());
    return marker.isFile() && !marker.isSymLink();
}

QStringList DemoProject::embeddedFiles()
{
    const QString prefix = resourceRoot() + QLatin1Char('/');
    QStringList files;
    QDirIterator it(resourceRoot(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        files.append(it.next().mid(prefix.size()));
    }
    files.sort();
    return files;
}

bool DemoProject::materialize(const QString &targetDir, bool reset, QString *error)
{
    if (targetDir.isEmpty()) {
        return fail(error, QCoreApplication::translate(
                               "DemoProject", "No folder was given for the demo project."));
    }
    const QString root = QDir::cleanPath(QDir(targetDir).absolutePath());
    const QFileInfo rootInfo(root);
    if (rootInfo.isSymLink()) {
        return fail(error,
                    QCoreApplication::translate(
                        "DemoProject", "%1 is a symbolic link; the demo needs a real folder.")
                        .arg(native(root)));
    }
    if (rootInfo.exists() && !rootInfo.isDir()) {
        return fail(error,
                    QCoreApplication::translate("DemoProject", "%1 exists and is not a folder.")
                        .arg(native(root)));
    }

    const bool existed = rootInfo.exists();
    const bool demoCopy = existed && isDemoCopy(root);
    if (existed && !demoCopy && !isEmptyDir(root)) {
        return fail(error, QCoreApplication::translate(
                               "DemoProject", "%1 is not empty and is not a Revscope demo folder; "
                                              "it was left untouched.")
                               .arg(native(root)));
    }
    if (!existed && !QDir().mkpath(root)) {
        return fail(error,
                    QCoreApplication::translate("DemoProject", "Cannot create the folder %1.")
                        .arg(native(root)));
    }

    if (demoCopy && reset) {
        QString failedPath;
        if (!removeContents(root, {markerFileName()}, &failedPath)) {
            return fail(error, QCoreApplication::translate(
                                   "DemoProject", "Cannot delete %1 while resetting the demo.")
                                   .arg(native(failedPath)));
        }
    }
    // The marker goes first, so a copy interrupted half-way can still be reset.
    if (!isDemoCopy(root) &&
        !writeNewFile(root + QLatin1Char('/') + markerFileName(), markerContents(), error)) {
        return false;
    }

    const QStringList files = embeddedFiles();
    if (files.isEmpty()) {
        return fail(error,
                    QCoreApplication::translate(
                        "DemoProject", "The demo project is missing from this build of Revscope."));
    }
    for (const QString &relative : files) {
        if (!staysInside(root, relative)) {
            return fail(error, QCoreApplication::translate(
                                   "DemoProject",
                                   "%1 leads outside the demo folder; nothing was written there.")
                                   .arg(native(root + QLatin1Char('/') + relative)));
        }
        const QString path = root + QLatin1Char('/') + relative;
        const QFileInfo info(path);
        if (info.exists() || info.isSymLink()) {
            continue; // keep what the user has (only reached without reset)
        }
        if (!QDir().mkpath(info.absolutePath())) {
            return fail(error,
                        QCoreApplication::translate("DemoProject", "Cannot create the folder %1.")
                            .arg(native(info.absolutePath())));
        }
        QFile source(resourceRoot() + QLatin1Char('/') + relative);
        if (!source.open(QIODevice::ReadOnly)) {
            return fail(error, QCoreApplication::translate("DemoProject",
                                                           "Cannot read the embedded file %1.")
                                   .arg(relative));
        }
        if (!writeNewFile(path, source.readAll(), error)) {
            return false;
        }
    }

    const QFileInfo dbInfo(root + QLatin1Char('/') + databasePath());
    if (dbInfo.exists() || dbInfo.isSymLink()) {
        return true;
    }
    if (!staysInside(root, databasePath())) {
        return fail(error, QCoreApplication::translate(
                               "DemoProject",
                               "%1 leads outside the demo folder; nothing was written there.")
                               .arg(native(dbInfo.filePath())));
    }
    return createDatabase(root, error);
}

QStringList DemoProject::splitSqlStatements(const QString &script)
{
    enum class State { Normal, Quoted, LineComment, BlockComment };
    QStringList statements;
    QString current;
    State state = State::Normal;
    QChar quote;

    const auto flush = [&]() {
        const QString statement = current.trimmed();
        if (!statement.isEmpty()) {
            statements.append(statement);
        }
        current.clear();
    };

    const qsizetype size = script.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = script.at(i);
        const QChar next = i + 1 < size ? script.at(i + 1) : QChar();
        switch (state) {
        case State::Normal:
            if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
                state = State::LineComment;
                ++i;
            } else if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
                state = State::BlockComment;
                ++i;
            } else if (c == QLatin1Char(';')) {
                flush();
            } else {
                if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
                    state = State::Quoted;
                    quote = c;
                }
                current.append(c);
            }
            break;
        case State::Quoted:
            current.append(c);
            // A doubled quote is an escaped quote, so it stays inside.
            if (c == quote) {
                if (next == quote) {
                    current.append(next);
                    ++i;
                } else {
                    state = State::Normal;
                }
            }
            break;
        case State::LineComment:
            if (c == QLatin1Char('\n')) {
                current.append(c);
                state = State::Normal;
            }
            break;
        case State::BlockComment:
            if (c == QLatin1Char('*') && next == QLatin1Char('/')) {
                current.append(QLatin1Char(' '));
                state = State::Normal;
                ++i;
            }
            break;
        }
    }
    flush();
    return statements;
}

} // namespace Revscope
