#include "connectdialog.h"

#include "database/databaseurl.h"
#include "database/versiontablereader.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QtConcurrent>
#include <QVBoxLayout>

#include <qt6keychain/keychain.h>

namespace Revscope {

namespace {

// Secondary text: the palette's placeholder colour, which suits light and dark themes.
void setMuted(QLabel *label)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
}

QString schemeOf(DatabaseUrl::Backend backend)
{
    switch (backend) {
    case DatabaseUrl::Backend::PostgreSql:
        return QStringLiteral("postgresql");
    case DatabaseUrl::Backend::MySql:
        return QStringLiteral("mysql");
    case DatabaseUrl::Backend::MariaDb:
        return QStringLiteral("mariadb");
    case DatabaseUrl::Backend::Sqlite:
    case DatabaseUrl::Backend::Unknown:
        break;
    }
    return QStringLiteral("sqlite");
}

DatabaseUrl::Backend backendOfName(const QString &name)
{
    for (const DatabaseUrl::Backend backend :
         {DatabaseUrl::Backend::PostgreSql, DatabaseUrl::Backend::MySql,
          DatabaseUrl::Backend::MariaDb}) {
        if (name == schemeOf(backend)) {
            return backend;
        }
    }
    return DatabaseUrl::Backend::Sqlite;
}

// `passwordless` (an identityOf() text) with `password` put back after the user.
QString withPassword(const QString &passwordless, const QString &password)
{
    const qsizetype scheme = passwordless.indexOf(QLatin1String("://"));
    if (scheme < 0 || password.isEmpty()) {
        return passwordless;
    }
    const qsizetype at = passwordless.indexOf(QLatin1Char('@'), scheme + 3);
    const qsizetype slash = passwordless.indexOf(QLatin1Char('/'), scheme + 3);
    if (at < 0 || (slash >= 0 && slash < at)) {
        return passwordless;
    }
    return passwordless.left(at) + QLatin1Char(':') + DatabaseUrl::percentEncoded(password) +
           passwordless.mid(at);
}

// Removes a password from a message, raw or escaped. Very short passwords
// would match ordinary words; connection errors do not echo them anyway.
QString scrubbed(QString text, const QString &password)
{
    if (password.size() >= 4) {
        text.replace(password, QStringLiteral("***"));
        text.replace(DatabaseUrl::percentEncoded(password), QStringLiteral("***"));
    }
    return text;
}

} // namespace

ConnectDialog::ConnectDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Connect to a database"));

    m_tabs = new QTabWidget(this);
    auto *detailsPage = new QWidget(m_tabs);
    buildDetailsPage(detailsPage);
    m_tabs->addTab(detailsPage, tr("Connection details"));

    auto *urlPage = new QWidget(m_tabs);
    m_url = new QLineEdit(urlPage);
    m_url->setPlaceholderText(QStringLiteral("postgresql+psycopg2://user:password@host:5432/db"));
    m_url->setClearButtonEnabled(true);
    auto *urlHelp = new QLabel(tr("An SQLAlchemy URL, as in alembic.ini's sqlalchemy.url. A "
                                  "relative SQLite path is taken against the project folder."),
                               urlPage);
    urlHelp->setWordWrap(true);
    auto *urlForm = new QFormLayout(urlPage);
    urlForm->addRow(tr("URL:"), m_url);
    urlForm->addRow(urlHelp);
    m_tabs->addTab(urlPage, tr("SQLAlchemy URL"));

    auto *variablePage = new QWidget(m_tabs);
    m_variable = new QLineEdit(variablePage);
    m_variable->setPlaceholderText(QStringLiteral("DATABASE_URL"));
    m_variableNote = new QLabel(variablePage);
    m_variableNote->setWordWrap(true);
    auto *variableForm = new QFormLayout(variablePage);
    variableForm->addRow(tr("Variable:"), m_variable);
    variableForm->addRow(m_variableNote);
    m_tabs->addTab(variablePage, tr("Environment variable"));

    m_table = new QLineEdit(this);
    m_table->setPlaceholderText(QStringLiteral("alembic_version"));
    m_schema = new QLineEdit(this);
    m_schema->setPlaceholderText(tr("default schema"));
    auto *tableRow = new QHBoxLayout;
    tableRow->addWidget(m_table, 3);
    tableRow->addWidget(new QLabel(tr("Schema:"), this));
    tableRow->addWidget(m_schema, 2);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setText(tr("Not tested yet."));

    m_remember = new QCheckBox(tr("Remember password in the system keychain"), this);
    m_remember->setObjectName(QStringLiteral("rememberPassword"));
    m_keychainNote = new QLabel(this);
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setVisible(false);
    setMuted(m_keychainNote);

    auto *form = new QFormLayout;
    form->addRow(tr("Version table:"), tableRow);
    form->addRow(tr("Connects to:"), m_summary);
    form->addRow(tr("Test:"), m_status);

    m_test = new QPushButton(tr("&Test"), this);
    m_test->setObjectName(QStringLiteral("testButton"));
    m_test->setToolTip(tr("Connect now (read only, 5 s timeout) and read the version table"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_connect = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setDefault(true);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_test);
    buttonRow->addStretch(1);
    buttonRow->addWidget(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addLayout(form);
    layout->addWidget(m_remember);
    layout->addWidget(m_keychainNote);
    layout->addStretch(1);
    layout->addLayout(buttonRow);
    setMinimumWidth(560);

    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ConnectDialog::testConnection);
    connect(&m_watcher, &QFutureWatcher<DatabaseState>::finished, this,
            &ConnectDialog::onTestFinished);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        updateRememberEnabled();
        updateSummary();
    });
    for (QLineEdit *edit : {m_host, m_user, m_password, m_database, m_sqliteFile, m_url}) {
        connect(edit, &QLineEdit::textChanged, this, &ConnectDialog::updateSummary);
    }
    connect(m_variable, &QLineEdit::textChanged, this, &ConnectDialog::updateSummary);
    connect(m_port, &QSpinBox::valueChanged, this, &ConnectDialog::updateSummary);
    updateDetailsRows();
    updateSummary();
}

ConnectDialog::~ConnectDialog()
{
    // The worker only holds copies, but its connection must end before the
    // QSqlDatabase machinery goes away with the application.
    m_watcher.waitForFinished();
}

void ConnectDialog::buildDetailsPage(QWidget *page)
{
    m_driver = new QComboBox(page);
    const QList<QPair<DatabaseUrl::Backend, QString>> drivers = {
        {DatabaseUrl::Backend::Sqlite, tr("SQLite file")},
        {DatabaseUrl::Backend::PostgreSql, tr("PostgreSQL")},
        {DatabaseUrl::Backend::MySql, tr("MySQL")},
        {DatabaseUrl::Backend::MariaDb, tr("MariaDB")}};
    auto *model = qobject_cast<QStandardItemModel *>(m_driver->model());
    QMap<QString, QStringList> missing; // package -> drivers it would add
    for (const auto &driver : drivers) {
        const QString why = missingDriverText(driver.first);
        QString label = driver.second;
        if (!why.isEmpty()) {
            const QString package =
                DatabaseUrl::parse(schemeOf(driver.first) + QStringLiteral("://localhost/db"))
                    .debianPackage();
            label = tr("%1 (not installed: %2)").arg(driver.second, package);
            missing[package].append(driver.second);
        }
        m_driver->addItem(label, int(driver.first));
        if (!why.isEmpty() && model) {
            // Shown, so the user learns which package to install, but not choosable.
            model->item(m_driver->count() - 1)->setEnabled(false);
        }
    }
    m_driverNote = new QLabel(page);
    m_driverNote->setWordWrap(true);
    m_driverNote->setVisible(!missing.isEmpty());
    setMuted(m_driverNote);
    QStringList notes;
    for (auto it = missing.cbegin(); it != missing.cend(); ++it) {
        const QString names = it.value().join(QLatin1String(", "));
        notes.append(tr("Not installed: %1 (package %2).").arg(names, it.key()));
    }
    m_driverNote->setText(notes.join(QLatin1Char(' ')));

    m_sqliteRow = new QWidget(page);
    m_sqliteFile = new QLineEdit(m_sqliteRow);
    m_sqliteFile->setPlaceholderText(tr("path/to/app.db"));
    m_browse = new QPushButton(tr("Browse…"), m_sqliteRow);
    auto *sqliteLayout = new QHBoxLayout(m_sqliteRow);
    sqliteLayout->setContentsMargins(0, 0, 0, 0);
    sqliteLayout->addWidget(m_sqliteFile, 1);
    sqliteLayout->addWidget(m_browse);

    m_hostRow = new QWidget(page);
    m_host = new QLineEdit(m_hostRow);
    m_host->setPlaceholderText(QStringLiteral("localhost"));
    m_port = new QSpinBox(m_hostRow);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("default"));
    m_port->setMinimumWidth(m_port->fontMetrics().horizontalAdvance(QStringLiteral("655350")) + 40);
    auto *hostLayout = new QHBoxLayout(m_hostRow);
    hostLayout->setContentsMargins(0, 0, 0, 0);
    hostLayout->addWidget(m_host, 1);
    hostLayout->addWidget(new QLabel(tr("Port:"), m_hostRow));
    hostLayout->addWidget(m_port);
    m_user = new QLineEdit(page);
    m_password = new QLineEdit(page);
    m_password->setEchoMode(QLineEdit::Password);
    m_database = new QLineEdit(page);

    m_detailsForm = new QFormLayout(page);
    m_detailsForm->addRow(tr("Driver:"), m_driver);
    m_detailsForm->addRow(QString(), m_driverNote);
    m_detailsForm->addRow(tr("Database file:"), m_sqliteRow);
    m_detailsForm->addRow(tr("Host:"), m_hostRow);
    m_detailsForm->addRow(tr("User:"), m_user);
    m_detailsForm->addRow(tr("Password:"), m_password);
    m_detailsForm->addRow(tr("Database:"), m_database);

    connect(m_driver, &QComboBox::currentIndexChanged, this, [this] {
        updateDetailsRows();
        updateSummary();
    });
    connect(m_browse, &QPushButton::clicked, this, &ConnectDialog::browseSqliteFile);
}

void ConnectDialog::updateDetailsRows()
{
    const bool sqlite = currentBackend() == DatabaseUrl::Backend::Sqlite;
    m_detailsForm->setRowVisible(m_sqliteRow, sqlite);
    for (QWidget *field :
         std::initializer_list<QWidget *>{m_hostRow, m_user, m_password, m_database}) {
        m_detailsForm->setRowVisible(field, !sqlite);
    }
    updateRememberEnabled();
}

void ConnectDialog::updateRememberEnabled()
{
    // Only a typed or pasted password can be remembered; SQLite has none.
    const bool hasPassword =
        source() == Source::Url ||
        (source() == Source::Details && currentBackend() != DatabaseUrl::Backend::Sqlite);
    m_remember->setEnabled(hasPassword && m_keychainState != KeychainState::Unavailable);
}

void ConnectDialog::browseSqliteFile()
{
    const QString start = m_sqliteFile->text().isEmpty() ? m_projectRoot : m_sqliteFile->text();
    const QString file = QFileDialog::getOpenFileName(
        this, tr("SQLite database"), start,
        tr("SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)"));
    if (!file.isEmpty()) {
        m_sqliteFile->setText(QDir::toNativeSeparators(file));
    }
}

QString ConnectDialog::urlFromDetails(const Details &details)
{
    if (details.backend == DatabaseUrl::Backend::Sqlite ||
        details.backend == DatabaseUrl::Backend::Unknown) {
        // sqlite:///relative.db, sqlite:////absolute.db, sqlite:// in memory.
        const QString path = QDir::fromNativeSeparators(details.database.trimmed());
        return path.isEmpty() ? QStringLiteral("sqlite://") : QStringLiteral("sqlite:///") + path;
    }
    QString url = schemeOf(details.backend) + QLatin1String("://");
    const QString user = details.user.trimmed();
    if (!user.isEmpty() || !details.password.isEmpty()) {
        url += DatabaseUrl::percentEncoded(user);
        if (!details.password.isEmpty()) {
            url += QLatin1Char(':') + DatabaseUrl::percentEncoded(details.password);
        }
        url += QLatin1Char('@');
    }
    const QString host = details.host.trimmed();
    url += host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    if (details.port > 0) {
        url += QLatin1Char(':') + QString::number(details.port);
    }
    const QString database = details.database.trimmed();
    if (!database.isEmpty()) {
        url += QLatin1Char('/') + database;
    }
    return url;
}

QString ConnectDialog::identityOf(const DatabaseUrl &url)
{
    if (!url.isValid()) {
        return QString();
    }
    QString text = url.redacted();
    if (url.hasPassword()) {
        // The user field is escaped, so the first ":***@" is the password.
        const qsizetype scheme = text.indexOf(QLatin1String("://"));
        const qsizetype at = text.indexOf(QLatin1String(":***@"), scheme + 3);
        if (at >= 0) {
            text.remove(at, 4);
        }
    }
    return text;
}

QString ConnectDialog::missingDriverText(DatabaseUrl::Backend backend)
{
    const DatabaseUrl probe =
        DatabaseUrl::parse(backend == DatabaseUrl::Backend::Sqlite
                               ? QStringLiteral("sqlite://")
                               : schemeOf(backend) + QStringLiteral("://localhost/db"));
    QString error;
    return probe.isDriverAvailable(&error) ? QString() : error;
}

QString ConnectDialog::keychainService()
{
    return QStringLiteral("Revscope database passwords");
}

void ConnectDialog::setProject(const QString &projectRoot)
{
    m_projectRoot = projectRoot.isEmpty()
                        ? QString()
                        : QDir::cleanPath(QFileInfo(projectRoot).absoluteFilePath());
    loadSettings();
    updateSummary();
    startKeychainRead(source() == Source::Environment ? QString() : identityOf(url()));
}

void ConnectDialog::setDefaultVersionTable(const QString &table, const QString &schema)
{
    m_table->setPlaceholderText(table.isEmpty() ? QStringLiteral("alembic_version") : table);
    m_schema->setPlaceholderText(schema.isEmpty() ? tr("default schema") : schema);
}

void ConnectDialog::setUrlText(const QString &text)
{
    m_url->setText(text);
}

ConnectDialog::Source ConnectDialog::source() const
{
    return Source(m_tabs->currentIndex());
}

void ConnectDialog::setSource(Source source)
{
    m_tabs->setCurrentIndex(int(source));
}

DatabaseUrl::Backend ConnectDialog::currentBackend() const
{
    return DatabaseUrl::Backend(m_driver->currentData().toInt());
}

ConnectDialog::Details ConnectDialog::details() const
{
    Details details;
    details.backend = currentBackend();
    if (details.backend == DatabaseUrl::Backend::Sqlite) {
        details.database = m_sqliteFile->text();
        return details;
    }
    details.host = m_host->text();
    details.port = m_port->value();
    details.user = m_user->text();
    details.password = m_password->text();
    details.database = m_database->text();
    return details;
}

void ConnectDialog::setDetails(const Details &details)
{
    const int index = m_driver->findData(int(details.backend));
    m_driver->setCurrentIndex(index >= 0 ? index : 0);
    if (details.backend == DatabaseUrl::Backend::Sqlite) {
        m_sqliteFile->setText(details.database);
    } else {
        m_host->setText(details.host);
        m_port->setValue(details.port);
        m_user->setText(details.user);
        m_password->setText(details.password);
        m_database->setText(details.database);
    }
    updateDetailsRows();
}

QString ConnectDialog::environmentVariable() const
{
    return m_variable->text().trimmed();
}

void ConnectDialog::setEnvironmentVariable(const QString &name)
{
    m_variable->setText(name);
}

QString ConnectDialog::urlText() const
{
    switch (source()) {
    case Source::Details:
        return urlFromDetails(details());
    case Source::Url:
        return m_url->text().trimmed();
    case Source::Environment:
        break;
    }
    return qEnvironmentVariable(environmentVariable().toLocal8Bit().constData()).trimmed();
}

DatabaseUrl ConnectDialog::url() const
{
    if (source() == Source::Environment) {
        const QString name = environmentVariable();
        if (name.isEmpty()) {
            return DatabaseUrl::parse(QString());
        }
        return DatabaseUrl::fromEnvironment(name, m_projectRoot);
    }
    if (source() == Source::Details && currentBackend() == DatabaseUrl::Backend::Sqlite &&
        m_sqliteFile->text().trimmed().isEmpty()) {
        return DatabaseUrl::parse(QString()); // an in-memory database has no version table
    }
    return DatabaseUrl::parse(urlText(), m_projectRoot);
}

QString ConnectDialog::versionTable() const
{
    return m_table->text().trimmed();
}

QString ConnectDialog::versionTableSchema() const
{
    return m_schema->text().trimmed();
}

void ConnectDialog::setVersionTable(const QString &table, const QString &schema)
{
    m_table->setText(table);
    m_schema->setText(schema);
}

bool ConnectDialog::rememberPassword() const
{
    return m_remember->isChecked();
}

void ConnectDialog::setRememberPassword(bool remember)
{
    m_remember->setChecked(remember);
}

QString ConnectDialog::statusText() const
{
    return m_status->text();
}

QString ConnectDialog::keychainText() const
{
    return m_keychainNote->text();
}

void ConnectDialog::updateSummary()
{
    if (source() == Source::Environment) {
        const QString name = environmentVariable();
        if (name.isEmpty()) {
            m_variableNote->setText(tr("Name a variable of Revscope's environment that holds "
                                       "an SQLAlchemy URL."));
        } else if (qEnvironmentVariable(name.toLocal8Bit().constData()).trimmed().isEmpty()) {
            m_variableNote->setText(
                tr("%1 is not set (or is empty) in Revscope's environment.").arg(name));
        } else {
            m_variableNote->setText(tr("%1 is set.").arg(name));
        }
    }
    const DatabaseUrl parsed = url();
    m_summary->setText(parsed.isValid() ? parsed.redacted() : problemOf(parsed));
}

QString ConnectDialog::problemOf(const DatabaseUrl &target) const
{
    if (source() == Source::Environment && environmentVariable().isEmpty()) {
        return tr("Name the environment variable that holds the database URL.");
    }
    const bool noFile = source() == Source::Details &&
                        currentBackend() == DatabaseUrl::Backend::Sqlite &&
                        m_sqliteFile->text().trimmed().isEmpty();
    if (noFile) {
        return tr("Choose the SQLite database file.");
    }
    if (source() != Source::Environment && urlText().isEmpty()) {
        return source() == Source::Url ? tr("Paste the SQLAlchemy URL of the database.")
                                       : tr("Choose the database to connect to.");
    }
    return scrubbed(target.error(), target.password());
}

void ConnectDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    QPalette palette = this->palette();
    if (error) {
        const bool dark = palette.color(QPalette::Window).lightness() < 128;
        palette.setColor(QPalette::WindowText,
                         dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20));
    }
    m_status->setPalette(palette);
}

void ConnectDialog::testConnection()
{
    if (isTesting()) {
        return;
    }
    const DatabaseUrl target = url();
    if (!target.isValid()) {
        const QString error = problemOf(target);
        setStatus(error, true);
        Q_EMIT testFinished(false, error);
        return;
    }
    QString driverError;
    if (!target.isDriverAvailable(&driverError)) {
        setStatus(driverError, true);
        Q_EMIT testFinished(false, driverError);
        return;
    }
    m_testedPassword = target.password();
    const QString table = versionTable().isEmpty() ? m_table->placeholderText() : versionTable();
    const QString schema = versionTableSchema();
    setStatus(tr("Connecting to %1…").arg(target.redacted()), false);
    m_test->setEnabled(false);
    m_watcher.setFuture(QtConcurrent::run([target, table, schema] {
        VersionTableReader reader(target);
        reader.setVersionTable(table);
        reader.setSchema(schema);
        ConnectionSettings settings;
        settings.connectTimeoutSeconds = 5;
        reader.setSettings(settings);
        return reader.read();
    }));
}

void ConnectDialog::onTestFinished()
{
    m_test->setEnabled(true);
    const DatabaseState state = m_watcher.result();
    const QString shownTable = state.schema.isEmpty()
                                   ? state.versionTable
                                   : state.schema + QLatin1Char('.') + state.versionTable;
    QString message;
    bool ok = true;
    switch (state.status) {
    case DatabaseState::Ok: {
        const QString rows = state.versions.join(QLatin1String(", "));
        message = tr("Connected to %1. The version table %2 holds %n row(s): %3.", nullptr,
                     int(state.versions.size()))
                      .arg(state.url, shownTable, rows);
        break;
    }
    case DatabaseState::NoTable:
        message = tr("Connected to %1, which has no version table %2: Alembic has never "
                     "migrated or stamped it (or env.py names another table).")
                      .arg(state.url, shownTable);
        break;
    case DatabaseState::Empty:
        message = tr("Connected to %1. The version table %2 is empty: Alembic reads the "
                     "database as never migrated.")
                      .arg(state.url, shownTable);
        break;
    case DatabaseState::Unreachable:
    case DatabaseState::Error:
        ok = false;
        message = state.error;
        break;
    }
    message = scrubbed(message, m_testedPassword);
    m_testedPassword.clear();
    setStatus(message, !ok);
    Q_EMIT testFinished(ok, message);
}

QString ConnectDialog::settingsGroup() const
{
    const QByteArray hash =
        QCryptographicHash::hash(m_projectRoot.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStringLiteral("connections/") + QString::fromLatin1(hash.left(16));
}

void ConnectDialog::saveSettings() const
{
    if (m_projectRoot.isEmpty()) {
        return;
    }
    // Everything but the password, which only the keychain may hold.
    QSettings settings;
    settings.beginGroup(settingsGroup());
    settings.remove(QString());
    settings.setValue(QStringLiteral("project"), m_projectRoot);
    settings.setValue(QStringLiteral("source"), int(source()));
    const Details shown = details();
    settings.setValue(QStringLiteral("driver"), schemeOf(shown.backend));
    settings.setValue(QStringLiteral("host"), shown.host);
    settings.setValue(QStringLiteral("port"), shown.port);
    settings.setValue(QStringLiteral("user"), shown.user);
    settings.setValue(QStringLiteral("database"), shown.database);
    const DatabaseUrl pasted = DatabaseUrl::parse(m_url->text().trimmed(), m_projectRoot);
    settings.setValue(QStringLiteral("url"), pasted.isValid() ? identityOf(pasted) : QString());
    settings.setValue(QStringLiteral("variable"), environmentVariable());
    settings.setValue(QStringLiteral("versionTable"), versionTable());
    settings.setValue(QStringLiteral("versionTableSchema"), versionTableSchema());
    settings.setValue(QStringLiteral("rememberPassword"), rememberPassword());
    settings.endGroup();
}

void ConnectDialog::loadSettings()
{
    if (m_projectRoot.isEmpty()) {
        return;
    }
    QSettings settings;
    settings.beginGroup(settingsGroup());
    if (settings.value(QStringLiteral("project")).toString() != m_projectRoot) {
        return; // nothing remembered for this project
    }
    Details remembered;
    remembered.backend = backendOfName(settings.value(QStringLiteral("driver")).toString());
    remembered.host = settings.value(QStringLiteral("host")).toString();
    remembered.port = settings.value(QStringLiteral("port")).toInt();
    remembered.user = settings.value(QStringLiteral("user")).toString();
    remembered.database = settings.value(QStringLiteral("database")).toString();
    setDetails(remembered);
    m_url->setText(settings.value(QStringLiteral("url")).toString());
    m_variable->setText(settings.value(QStringLiteral("variable")).toString());
    m_table->setText(settings.value(QStringLiteral("versionTable")).toString());
    m_schema->setText(settings.value(QStringLiteral("versionTableSchema")).toString());
    m_wasRemembered = settings.value(QStringLiteral("rememberPassword")).toBool();
    m_remember->setChecked(m_wasRemembered);
    const int rememberedSource = settings.value(QStringLiteral("source")).toInt();
    if (rememberedSource >= 0 && rememberedSource <= int(Source::Environment)) {
        setSource(Source(rememberedSource));
    }
    settings.endGroup();
}

void ConnectDialog::startKeychainRead(const QString &identity)
{
    if (m_readJob) {
        // The earlier read still runs; its answer is for another identity.
        m_readJob->disconnect(this);
    }
    auto *job = new QKeychain::ReadPasswordJob(keychainService());
    // Not parented to the dialog: a keychain backend may answer after the
    // dialog is gone; the job deletes itself when it finishes.
    job->setAutoDelete(true);
    job->setKey(identity.isEmpty() ? QStringLiteral("revscope-probe") : identity);
    connect(job, &QKeychain::Job::finished, this,
            [this, identity](QKeychain::Job *finished) { onKeychainRead(finished, identity); });
    m_readJob = job;
    setKeychainState(KeychainState::Checking);
    job->start();
}

void ConnectDialog::onKeychainRead(QKeychain::Job *job, const QString &identity)
{
    switch (job->error()) {
    case QKeychain::NoError: {
        setKeychainState(KeychainState::Available);
        const QString password = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
        const QString current = source() == Source::Environment ? QString() : identityOf(url());
        if (identity.isEmpty() || password.isEmpty() || identity != current) {
            break;
        }
        if (source() == Source::Details && m_password->text().isEmpty()) {
            m_password->setText(password);
        } else if (source() == Source::Url && !url().hasPassword()) {
            m_url->setText(withPassword(m_url->text().trimmed(), password));
        } else {
            break;
        }
        m_remember->setChecked(true);
        Q_EMIT passwordRestored();
        break;
    }
    case QKeychain::EntryNotFound:
        setKeychainState(KeychainState::Available);
        break;
    case QKeychain::AccessDeniedByUser:
        setKeychainState(KeychainState::Available,
                         tr("Access to the system keychain was refused; no password was read."));
        break;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::AccessDenied:
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError: {
        const QString why = job->errorString();
        setKeychainState(KeychainState::Unavailable,
                         tr("No system keychain is available (%1), so the password cannot be "
                            "remembered: type it each time, or use an environment variable.")
                             .arg(why));
        break;
    }
    }
}

void ConnectDialog::setKeychainState(KeychainState state, const QString &note)
{
    const bool changed = state != m_keychainState;
    m_keychainState = state;
    m_keychainNote->setText(note);
    m_keychainNote->setVisible(!note.isEmpty());
    if (state == KeychainState::Unavailable) {
        m_remember->setChecked(false);
    }
    updateRememberEnabled();
    if (changed) {
        Q_EMIT keychainStateChanged(state);
    }
}

void ConnectDialog::storePassword()
{
    if (source() == Source::Environment || m_keychainState == KeychainState::Unavailable) {
        return;
    }
    const DatabaseUrl target = url();
    const QString identity = identityOf(target);
    if (identity.isEmpty()) {
        return;
    }
    if (rememberPassword() && target.hasPassword() && !target.password().isEmpty()) {
        auto *job = new QKeychain::WritePasswordJob(keychainService());
        job->setAutoDelete(true);
        job->setKey(identity);
        job->setTextData(target.password());
        job->start();
    } else if (!rememberPassword() && m_wasRemembered) {
        // The user chose not to remember: forget what an earlier choice stored.
        auto *job = new QKeychain::DeletePasswordJob(keychainService());
        job->setAutoDelete(true);
        job->setKey(identity);
        job->start();
    }
}

void ConnectDialog::accept()
{
    const DatabaseUrl target = url();
    if (!target.isValid()) {
        setStatus(problemOf(target), true);
        return;
    }
    saveSettings();
    storePassword();
    QDialog::accept();
}

} // namespace Revscope
