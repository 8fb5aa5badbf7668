#pragma once

#include "inspection/inspection.h"
#include "inspection/inspector.h"

#include <QObject>
#include <QString>
#include <QStringList>

class QAction;
class QWidget;

namespace Revscope {

class Journal;

// The window's side of the database: which database the inspection reads
// (Connect…, Disconnect, or a URL given on opening) and Stamp… on the shown
// environment. It owns the three actions; the main window places them and
// reloads when asked.
class DatabaseController final : public QObject
{
    Q_OBJECT
public:
    // `window` parents the dialogs; `journal` outlives this controller.
    DatabaseController(Journal *journal, QWidget *window);

    QAction *connectAction() const { return m_connectAction; }
    QAction *disconnectAction() const { return m_disconnectAction; }
    QAction *stampAction() const { return m_stampAction; }

    // An SQLAlchemy URL, `ini` for the configs' sqlalchemy.url, or empty for
    // no database; set when a project is opened. The version table goes
    // back to the default.
    void setUrl(const QString &url);
    // What the next inspection of `root` reads (a relative SQLite path typed
    // into the window is taken from the project). May hold a password: never
    // shown or logged.
    InspectOptions::Database options(const QString &root) const;

    // The open project and the environment shown (empty `root`: none).
    void setProject(const QString &root, const InspectionPtr &inspection, int environmentIndex);

    // Whether the shown environment's version table was read.
    bool canStamp() const;
    // The stamp dialog with `targets` picked (empty: Revscope's suggestion).
    void stamp(const QStringList &targets = {});
    void connectDatabase();
    void disconnectDatabase();

Q_SIGNALS:
    // The database to read changed, or its version table was written.
    void reloadRequested();

private:
    const EnvironmentInspection *environment() const;
    void updateActions();

    Journal *m_journal = nullptr;
    QWidget *m_window = nullptr;
    QString m_root;
    InspectionPtr m_inspection;
    int m_environmentIndex = 0;
    QString m_url;
    QString m_versionTable;
    QString m_versionSchema;
    QAction *m_connectAction = nullptr;
    QAction *m_disconnectAction = nullptr;
    QAction *m_stampAction = nullptr;
};

} // namespace Revscope
