#include "recentprojectsmodel.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

#include <algorithm>

namespace Revscope {

namespace {

const QString kGroup = QStringLiteral("recentProjects");
const QString kPathKey = QStringLiteral("path");
const QString kLastOpenedKey = QStringLiteral("lastOpened");

bool folderExists(const QString &path)
{
    return QFileInfo(path).isDir();
}

} // namespace

RecentProjectsModel::RecentProjectsModel(QObject *parent)
    : QAbstractListModel(parent), m_settings(new QSettings), m_ownsSettings(true)
{
    m_entries = load();
}

RecentProjectsModel::RecentProjectsModel(QSettings *settings, QObject *parent)
    : QAbstractListModel(parent), m_settings(settings)
{
    m_entries = load();
}

RecentProjectsModel::~RecentProjectsModel()
{
    if (m_ownsSettings) {
        delete m_settings;
    }
}

QString RecentProjectsModel::normalizedPath(const QString &path)
{
    if (path.isEmpty()) {
        return QString();
    }
    return QDir::cleanPath(QFileInfo(QDir::fromNativeSeparators(path)).absoluteFilePath());
}

QList<RecentProjectsModel::Entry> RecentProjectsModel::load() const
{
    QList<Entry> entries;
    const int size = m_settings->beginReadArray(kGroup);
    for (int i = 0; i < size && entries.size() < kMaxEntries; ++i) {
        m_settings->setArrayIndex(i);
        Entry entry;
        entry.path = normalizedPath(m_settings->value(kPathKey).toString());
        // A hand-edited or older settings file may hold blanks or repeats.
        if (entry.path.isEmpty() ||
            std::any_of(entries.cbegin(), entries.cend(),
                        [&](const Entry &e) { return e.path == entry.path; })) {
            continue;
        }
        entry.lastOpened =
            QDateTime::fromString(m_settings->value(kLastOpenedKey).toString(), Qt::ISODateWithMs);
        entry.exists = folderExists(entry.path);
        entries.append(entry);
    }
    m_settings->endArray();
    return entries;
}

void RecentProjectsModel::save() const
{
    m_settings->remove(kGroup);
    m_settings->beginWriteArray(kGroup, int(m_entries.size()));
    for (int i = 0; i < m_entries.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(kPathKey, m_entries.at(i).path);
        m_settings->setValue(kLastOpenedKey,
                             m_entries.at(i).lastOpened.toUTC().toString(Qt::ISODateWithMs));
    }
    m_settings->endArray();
    // Another window (or the next start) reads the file, not our cache.
    m_settings->sync();
}

void RecentProjectsModel::add(const QString &path)
{
    const QString key = normalizedPath(path);
    if (key.isEmpty()) {
        return;
    }
    const int existing = indexOf(key);
    if (existing > 0) {
        beginMoveRows(QModelIndex(), existing, existing, QModelIndex(), 0);
        m_entries.move(existing, 0);
        endMoveRows();
    } else if (existing < 0) {
        beginInsertRows(QModelIndex(), 0, 0);
        m_entries.prepend(Entry{key, QDateTime(), false});
        endInsertRows();
    }
    Entry &entry = m_entries.first();
    entry.lastOpened = QDateTime::currentDateTimeUtc();
    entry.exists = folderExists(key);
    const QModelIndex first = index(0);
    Q_EMIT dataChanged(first, first);

    if (m_entries.size() > kMaxEntries) {
        beginRemoveRows(QModelIndex(), kMaxEntries, int(m_entries.size()) - 1);
        m_entries.erase(m_entries.begin() + kMaxEntries, m_entries.end());
        endRemoveRows();
    }
    save();
}

bool RecentProjectsModel::remove(int row)
{
    if (row < 0 || row >= m_entries.size()) {
        return false;
    }
    beginRemoveRows(QModelIndex(), row, row);
    m_entries.removeAt(row);
    endRemoveRows();
    save();
    return true;
}

bool RecentProjectsModel::remove(const QString &path)
{
    return remove(indexOf(path));
}

void RecentProjectsModel::clear()
{
    if (m_entries.isEmpty()) {
        return;
    }
    beginResetModel();
    m_entries.clear();
    endResetModel();
    save();
}

QStringList RecentProjectsModel::paths() const
{
    QStringList result;
    result.reserve(m_entries.size());
    for (const Entry &entry : m_entries) {
        result.append(entry.path);
    }
    return result;
}

int RecentProjectsModel::indexOf(const QString &path) const
{
    const QString key = normalizedPath(path);
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).path == key) {
            return i;
        }
    }
    return -1;
}

void RecentProjectsModel::reload()
{
    beginResetModel();
    m_entries = load();
    endResetModel();
}

bool RecentProjectsModel::refreshExists(int row)
{
    if (row < 0 || row >= m_entries.size()) {
        return false;
    }
    Entry &entry = m_entries[row];
    const bool exists = folderExists(entry.path);
    if (exists != entry.exists) {
        entry.exists = exists;
        const QModelIndex changed = index(row);
        Q_EMIT dataChanged(changed, changed);
    }
    return exists;
}

int RecentProjectsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant RecentProjectsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return QVariant();
    }
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: {
        const QString name = QFileInfo(entry.path).fileName();
        // The root folder ("/", "C:/") has no name of its own.
        return name.isEmpty() ? QDir::toNativeSeparators(entry.path) : name;
    }
    case Qt::ToolTipRole:
        if (!entry.exists) {
            return tr("%1 (missing)").arg(QDir::toNativeSeparators(entry.path));
        }
        return QDir::toNativeSeparators(entry.path);
    case PathRole:
        return entry.path;
    case ExistsRole:
        return entry.exists;
    case LastOpenedRole:
        return entry.lastOpened;
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> RecentProjectsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(PathRole, QByteArrayLiteral("path"));
    names.insert(NameRole, QByteArrayLiteral("name"));
    names.insert(ExistsRole, QByteArrayLiteral("exists"));
    names.insert(LastOpenedRole, QByteArrayLiteral("lastOpened"));
    return names;
}

} // namespace Revscope
