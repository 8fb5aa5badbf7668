#pragma once

#include "database/databasestate.h"
#include "database/databaseurl.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QPointer>
#include <QString>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace QKeychain {
class Job;
}

namespace Revscope {

// Asks which database to read the version table of: connection details
// (driver, host, port, user, password, database; a file for SQLite), a pasted
// SQLAlchemy URL, or the name of an environment variable holding one; plus
// version table overrides. "Test" connects off the GUI thread and shows what
// the version table holds. The password is remembered only in the system
// keychain, and only when the user ticks the box; the rest of the connection
// (never the password) is remembered per project in QSettings.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Source { Details, Url, Environment };
    enum class KeychainState { Unknown, Checking, Available, Unavailable };

    // The connection details as typed; `port` 0 means the driver's default.
    struct Details
    {
        DatabaseUrl::Backend backend = DatabaseUrl::Backend::Sqlite;
        QString host;
        int port = 0;
        QString user;
        QString password;
        QString database; // a file path for SQLite
    };

    explicit ConnectDialog(QWidget *parent = nullptr);
    ~ConnectDialog() override;

    // The SQLAlchemy URL of `details` (password included): user and password
    // percent-escaped so that SQLAlchemy's make_url (and DatabaseUrl::parse)
    // give them back unchanged, whatever characters they hold.
    static QString urlFromDetails(const Details &details);
    // `url` without its password: what identifies the connection in the keychain.
    static QString identityOf(const DatabaseUrl &url);

    // Remembers and restores the connection of this project (its root folder);
    // starts reading a remembered password from the keychain. A relative
    // SQLite path is taken against `projectRoot`.
    void setProject(const QString &projectRoot);
    // Shown as placeholders: what Revscope reads without an override (env.py's).
    void setDefaultVersionTable(const QString &table, const QString &schema);
    // Prefills the URL tab (e.g. with the config's sqlalchemy.url).
    void setUrlText(const QString &text);

    Source source() const;
    void setSource(Source source);
    Details details() const;
    void setDetails(const Details &details);
    QString environmentVariable() const;
    void setEnvironmentVariable(const QString &name);

    // The database to read, password included: pass it on, never log it.
    DatabaseUrl url() const;
    QString urlText() const;
    // Empty: no override.
    QString versionTable() const;
    QString versionTableSchema() const;
    void setVersionTable(const QString &table, const QString &schema);

    bool rememberPassword() const;
    void setRememberPassword(bool remember);
    KeychainState keychainState() const { return m_keychainState; }

    bool isTesting() const { return m_watcher.isRunning(); }
    // The Test result line (or the keychain note); never holds the password.
    QString statusText() const;
    QString keychainText() const;

    // The QtSql driver availability of `backend`: empty when available, else
    // a sentence naming the Debian package to install.
    static QString missingDriverText(DatabaseUrl::Backend backend);
    // The keychain "service" the passwords are stored under.
    static QString keychainService();

public Q_SLOTS:
    void accept() override;
    // Connects off the GUI thread and reports in the status line.
    void testConnection();

Q_SIGNALS:
    void testFinished(bool ok, const QString &message);
    void keychainStateChanged(Revscope::ConnectDialog::KeychainState state);
    // After a remembered password was put into the password field.
    void passwordRestored();

private:
    void buildDetailsPage(QWidget *page);
    void updateDetailsRows();
    void updateRememberEnabled();
    void updateSummary();
    void browseSqliteFile();
    void onTestFinished();
    void setStatus(const QString &text, bool error);
    QString problemOf(const DatabaseUrl &target) const; // why `target` cannot be used
    void startKeychainRead(const QString &identity);
    void onKeychainRead(QKeychain::Job *job, const QString &identity);
    void setKeychainState(KeychainState state, const QString &note = QString());
    void saveSettings() const;
    void loadSettings();
    void storePassword();
    QString settingsGroup() const;
    QString resolve(const QString &text) const; // what `text` reads, password masked
    DatabaseUrl::Backend currentBackend() const;

    QString m_projectRoot;
    bool m_wasRemembered = false; // the remembered connection had its password in the keychain
    KeychainState m_keychainState = KeychainState::Unknown;
    QPointer<QKeychain::Job> m_readJob;
    QString m_testedPassword; // to scrub from messages of the running test
    QFutureWatcher<DatabaseState> m_watcher;

    QTabWidget *m_tabs = nullptr;
    QFormLayout *m_detailsForm = nullptr;
    QComboBox *m_driver = nullptr;
    QLabel *m_driverNote = nullptr;
    QWidget *m_hostRow = nullptr; // host and port
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_database = nullptr;
    QWidget *m_sqliteRow = nullptr;
    QLineEdit *m_sqliteFile = nullptr;
    QPushButton *m_browse = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_variable = nullptr;
    QLabel *m_variableNote = nullptr;
    QLineEdit *m_table = nullptr;
    QLineEdit *m_schema = nullptr;
    QCheckBox *m_remember = nullptr;
    QLabel *m_keychainNote = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_connect = nullptr;
};

} // namespace Revscope
