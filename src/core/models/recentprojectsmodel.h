#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

class QSettings;

namespace Revscope {

// The project folders opened recently, most recent first, kept in QSettings
// under `recentProjects`. Headless so the list logic is tested without a
// display. A folder that disappeared stays listed, flagged by ExistsRole,
// until the user removes it: it may be on a drive that is not mounted now.
class RecentProjectsModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        PathRole = Qt::UserRole + 1, // absolute, cleaned, '/' separated
        NameRole,                    // the folder's name
        ExistsRole,                  // bool: the folder is still there
        LastOpenedRole,              // QDateTime (UTC)
    };

    static constexpr int kMaxEntries = 10;

    // Uses the application's default QSettings.
    explicit RecentProjectsModel(QObject *parent = nullptr);
    // `settings` is not owned and must outlive the model.
    explicit RecentProjectsModel(QSettings *settings, QObject *parent = nullptr);
    ~RecentProjectsModel() override;

    // Puts `path` first (moving it when listed), stamped now; drops the
    // oldest entries beyond kMaxEntries.
    void add(const QString &path);
    bool remove(int row);
    bool remove(const QString &path);
    void clear();
    QStringList paths() const;
    int indexOf(const QString &path) const; // -1 when not listed

    // Reads the list again from the settings and checks which folders exist.
    void reload();
    // Checks again whether the folder of `row` exists; returns the new flag.
    bool refreshExists(int row);

    // The key under which a path is listed and compared.
    static QString normalizedPath(const QString &path);

    int rowCount(const QModelIndex &parent = {}) const final;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const final;
    QHash<int, QByteArray> roleNames() const final;

private:
    struct Entry
    {
        QString path;
        QDateTime lastOpened;
        bool exists = false;
    };

    QList<Entry> load() const;
    void save() const;

    QSettings *m_settings = nullptr;
    bool m_ownsSettings = false;
    QList<Entry> m_entries;
};

} // namespace Revscope
