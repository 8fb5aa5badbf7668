#include "databasecontroller.h"

#include "database/connectdialog.h"
#include "database/databaseurl.h"
#include "database/stampdialog.h"

#include <QAction>
#include <QFileInfo>
#include <QWidget>

namespace Revscope {

DatabaseController::DatabaseController(Journal *journal, QWidget *window)
    : QObject(window), m_journal(journal), m_window(window)
{
    m_connectAction = new QAction(tr("&Connect…"), this);
    connect(m_connectAction, &QAction::triggered, this, &DatabaseController::connectDatabase);
    m_disconnectAction = new QAction(tr("&Disconnect"), this);
    connect(m_disconnectAction, &QAction::triggered, this, &DatabaseController::disconnectDatabase);
    m_stampAction = new QAction(tr("&Stamp…"), this);
    m_stampAction->setToolTip(tr("Rewrite the database's version table, previewed and undoable"));
    m_stampAction->setObjectName(QStringLiteral("stampAction"));
    connect(m_stampAction, &QAction::triggered, this, [this] { stamp(); });
    updateActions();
}

void DatabaseController::setUrl(const QString &url)
{
    m_url = url;
    m_versionTable.clear();
    m_versionSchema.clear();
    updateActions();
}

InspectOptions::Database DatabaseController::options(const QString &root) const
{
    InspectOptions::Database database;
    database.url = m_url;
    database.baseDir = root;
    database.versionTable = m_versionTable;
    database.schema = m_versionSchema;
    return database;
}

void DatabaseController::setProject(const QString &root, const InspectionPtr &inspection,
                                    int environmentIndex)
{
    m_root = root;
    m_inspection = inspection;
    m_environmentIndex = environmentIndex;
    updateActions();
}

const EnvironmentInspection *DatabaseController::environment() const
{
    if (!m_inspection || m_environmentIndex < 0 ||
        m_environmentIndex >= m_inspection->environments.size()) {
        return nullptr;
    }
    return &m_inspection->environments.at(m_environmentIndex);
}

bool DatabaseController::canStamp() const
{
    const EnvironmentInspection *env = environment();
    return env && env->database && env->database->database().isReadable();
}

void DatabaseController::updateActions()
{
    m_connectAction->setEnabled(!m_root.isEmpty());
    m_disconnectAction->setEnabled(!m_root.isEmpty() && !m_url.isEmpty());
    m_stampAction->setEnabled(canStamp());
}

void DatabaseController::stamp(const QStringList &targets)
{
    if (!canStamp()) {
        return;
    }
    const EnvironmentInspection &env = *environment();
    // The URL the version table was read from, as the inspector resolved it.
    const DatabaseUrl url =
        m_url == QLatin1String("ini")
            ? DatabaseUrl::parse(env.environment.sqlalchemyUrl.trimmed(),
                                 QFileInfo(env.environment.configFile).absolutePath())
            : DatabaseUrl::parse(m_url, m_root);
    StampDialog dialog(m_window);
    dialog.setEnvironment(env, url, m_journal);
    if (!targets.isEmpty()) {
        dialog.setTargets(targets);
    }
    bool changed = false;
    connect(&dialog, &StampDialog::stamped, this, [&changed] { changed = true; });
    connect(&dialog, &StampDialog::undone, this, [&changed] { changed = true; });
    dialog.exec();
    if (changed) {
        // The version table is not a file: read it again now.
        Q_EMIT reloadRequested();
    }
}

void DatabaseController::connectDatabase()
{
    if (m_root.isEmpty()) {
        return;
    }
    ConnectDialog dialog(m_window);
    dialog.setProject(m_root);
    const EnvironmentInspection *env = environment();
    if (env) {
        if (env->database) {
            const DatabaseState &state = env->database->database();
            dialog.setDefaultVersionTable(state.versionTable, state.schema);
        }
        if (m_url.isEmpty() || m_url == QLatin1String("ini")) {
            // Start from the config's URL, which is what Alembic would use.
            if (!env->environment.sqlalchemyUrl.trimmed().isEmpty()) {
                dialog.setUrlText(env->environment.sqlalchemyUrl.trimmed());
            }
        } else {
            dialog.setUrlText(m_url);
        }
    }
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    m_url = dialog.urlText();
    if (env && m_url == env->environment.sqlalchemyUrl.trimmed()) {
        // The config's own URL: read it as Alembic does, relative to the config.
        m_url = QStringLiteral("ini");
    }
    m_versionTable = dialog.versionTable();
    m_versionSchema = dialog.versionTableSchema();
    updateActions();
    Q_EMIT reloadRequested();
}

void DatabaseController::disconnectDatabase()
{
    m_url.clear();
    m_versionTable.clear();
    m_versionSchema.clear();
    updateActions();
    Q_EMIT reloadRequested();
}

} // namespace Revscope
