#include "database/connectdialog.h"

#include "testsupport.h"
#include "versiontable.h"

#include <qt6keychain/keychain.h>

#include <QCheckBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Revscope;

namespace {

const QString kPassword = QStringLiteral("S3cret:p@ss/w%rd #1");

// A TCP port on 127.0.0.1 nothing listens on: bound, read back, closed.
int closedPort()
{
    int port = 1;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return port;
    }
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
        port = ntohs(address.sin_port);
    }
    ::close(fd);
    return port;
}

// SQLAlchemy's own reading of `url`: [username, password, host, port, database].
QJsonArray sqlalchemyParts(const QString &url, QString *error)
{
    const TestSupport::ProcessResult result = TestSupport::run(
        QStringLiteral("/usr/bin/python3"),
        {QStringLiteral("-c"),
         QStringLiteral(
             "import json, sys\n"
             "from sqlalchemy.engine import make_url\n"
             "u = make_url(sys.argv[1])\n"
             "print(json.dumps([u.username, u.password, u.host, u.port, u.database]))\n"),
         url});
    if (result.exitCode != 0) {
        *error = QString::fromUtf8(result.err);
        return {};
    }
    return QJsonDocument::fromJson(result.out).array();
}

// What the keychain holds for `key`: the password, or null when the entry
// is missing; *error gets any other failure.
QString keychainRead(const QString &key, QString *error)
{
    QKeychain::ReadPasswordJob job(ConnectDialog::keychainService());
    job.setAutoDelete(false);
    job.setKey(key);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() == QKeychain::NoError) {
        return job.textData();
    }
    if (job.error() != QKeychain::EntryNotFound) {
        *error = job.errorString();
    }
    return QString();
}

// Whether the test runs inside a private session bus with a keyring (the
// tst_connectdialog_keychain test); otherwise the keychain is kept out of reach.
bool withKeyring()
{
    return qEnvironmentVariableIntValue("REVSCOPE_KEYRING_TEST") == 1;
}

bool sqlalchemyAvailable()
{
    static const bool available =
        TestSupport::run(QStringLiteral("/usr/bin/python3"),
                         {QStringLiteral("-c"), QStringLiteral("import sqlalchemy")})
            .exitCode == 0;
    return available;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestConnectDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;

    QString settingsFile() const { return QSettings().fileName(); }

private slots:
    void initTestCase();
    void urlFromDetails_data();
    void urlFromDetails();
    void identityHasNoPassword();
    void testSqliteFile();
    void testMissingPostgresPort();
    void testBadInput_data();
    void testBadInput();
    void environmentVariable();
    void passwordNeverInSettings();
    void keychainUnavailable();
    void keychainRoundTrip();
    void screenshot();
};

void TestConnectDialog::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("RevscopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_connectdialog"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    // No session bus: the system keychain (Secret Service, KWallet) is out of
    // reach, as in CI; keychainUnavailable() relies on it.
    if (!withKeyring()) {
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    }
    QVERIFY(settingsFile().startsWith(m_settingsDir.path()));
}

void TestConnectDialog::urlFromDetails_data()
{
    QTest::addColumn<int>("backend");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("expected");

    const int pg = int(DatabaseUrl::Backend::PostgreSql);
    QTest::newRow("plain") << pg << "db.example.com" << 5432 << "alice"
                           << "secret"
                           << "app"
                           << "postgresql://alice:secret@db.example.com:5432/app";
    QTest::newRow("special characters")
        << pg << "localhost" << 0 << "a@b:c/d" << kPassword << "app"
        << "postgresql://a%40b%3Ac%2Fd:S3cret%3Ap%40ss%2Fw%25rd%20%231@localhost/app";
    QTest::newRow("percent sequences stay literal") << pg << "h" << 0 << "u"
                                                    << "p%41%2F"
                                                    << "d"
                                                    << "postgresql://u:p%2541%252F@h/d";
    QTest::newRow("unicode and plus") << int(DatabaseUrl::Backend::MySql) << "h" << 3306
                                      << QString::fromUtf8("jürgen") << "a+b=c&d?e"
                                      << "shop"
                                      << "mysql://j%C3%BCrgen:a%2Bb%3Dc%26d%3Fe@h:3306/shop";
    QTest::newRow("password without user") << int(DatabaseUrl::Backend::MariaDb) << "h" << 0 << ""
                                           << "pw"
                                           << "d"
                                           << "mariadb://:pw@h/d";
    QTest::newRow("no user, no host") << pg << "" << 0 << ""
                                      << ""
                                      << "app"
                                      << "postgresql:///app";
    QTest::newRow("ipv6 host") << pg << "::1" << 5433 << "u"
                               << ""
                               << "d"
                               << "postgresql://u@[::1]:5433/d";
    QTest::newRow("sqlite relative") << int(DatabaseUrl::Backend::Sqlite) << "" << 0 << ""
                                     << ""
                                     << "data/app.db"
                                     << "sqlite:///data/app.db";
    QTest::newRow("sqlite absolute") << int(DatabaseUrl::Backend::Sqlite) << "" << 0 << ""
                                     << ""
                                     << "/srv/app.db"
                                     << "sqlite:////srv/app.db";
}

void TestConnectDialog::urlFromDetails()
{
    QFETCH(int, backend);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, database);
    QFETCH(QString, expected);

    ConnectDialog::Details details;
    details.backend = DatabaseUrl::Backend(backend);
    details.host = host;
    details.port = port;
    details.user = user;
    details.password = password;
    details.database = database;
    const QString text = ConnectDialog::urlFromDetails(details);
    QCOMPARE(text, expected);

    // Revscope reads every field back unchanged.
    const DatabaseUrl parsed = DatabaseUrl::parse(text, QStringLiteral("/base"));
    QVERIFY2(parsed.isValid(), qPrintable(parsed.error()));
    if (details.backend != DatabaseUrl::Backend::Sqlite) {
        QCOMPARE(parsed.username(), user);
        QCOMPARE(parsed.password(), password);
        QCOMPARE(parsed.host(), host);
        QCOMPARE(parsed.port(), port > 0 ? port : -1);
        QCOMPARE(parsed.database(), database);
    }

    // And so does SQLAlchemy, which env.py would hand the same URL to.
    if (!sqlalchemyAvailable()) {
        QSKIP("SKIPPED the SQLAlchemy check: /usr/bin/python3 cannot import sqlalchemy");
    }
    QString error;
    const QJsonArray parts = sqlalchemyParts(text, &error);
    QVERIFY2(parts.size() == 5, qPrintable(error));
    if (details.backend != DatabaseUrl::Backend::Sqlite) {
        QCOMPARE(parts.at(0).toString(), user);
        QCOMPARE(parts.at(1).toString(), password);
        QCOMPARE(parts.at(2).toString(), host);
        QCOMPARE(parts.at(3).toInt(-1), port > 0 ? port : -1);
    }
    QCOMPARE(parts.at(4).toString(), database);
}

void TestConnectDialog::identityHasNoPassword()
{
    ConnectDialog::Details details;
    details.backend = DatabaseUrl::Backend::PostgreSql;
    details.host = QStringLiteral("h");
    details.user = QStringLiteral("u:x");
    details.password = kPassword;
    details.database = QStringLiteral("d");
    const DatabaseUrl url = DatabaseUrl::parse(ConnectDialog::urlFromDetails(details));
    const QString identity = ConnectDialog::identityOf(url);
    QCOMPARE(identity, QStringLiteral("postgresql://u%3Ax@h/d"));
    details.password = QStringLiteral("other");
    QCOMPARE(ConnectDialog::identityOf(DatabaseUrl::parse(ConnectDialog::urlFromDetails(details))),
             identity);
}

void TestConnectDialog::testSqliteFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("app.db"));
    QVERIFY(TestSupport::writeSqliteVersionTable(path, {QStringLiteral("a2242b61af45")}));

    ConnectDialog dialog;
    dialog.setProject(dir.path());
    ConnectDialog::Details details;
    details.backend = DatabaseUrl::Backend::Sqlite;
    details.database = QStringLiteral("app.db"); // relative to the project
    dialog.setSource(ConnectDialog::Source::Details);
    dialog.setDetails(details);
    QCOMPARE(dialog.url().sqliteFileName(), path);

    QSignalSpy finished(&dialog, &ConnectDialog::testFinished);
    auto *test = dialog.findChild<QPushButton *>(QStringLiteral("testButton"));
    QVERIFY(test);
    dialog.show();
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QVERIFY(test->isEnabled());
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QVERIFY2(dialog.statusText().contains(QLatin1String("alembic_version holds 1 row")),
             qPrintable(dialog.statusText()));
    QVERIFY2(dialog.statusText().contains(QLatin1String("a2242b61af45")),
             qPrintable(dialog.statusText()));

    // A custom table that does not exist: connected, but no version table.
    dialog.setVersionTable(QStringLiteral("custom_version"), QString());
    dialog.testConnection();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 15000);
    QCOMPARE(finished.at(1).at(0).toBool(), true);
    QVERIFY2(dialog.statusText().contains(QLatin1String("no version table custom_version")),
             qPrintable(dialog.statusText()));
}

void TestConnectDialog::testMissingPostgresPort()
{
    if (!ConnectDialog::missingDriverText(DatabaseUrl::Backend::PostgreSql).isEmpty()) {
        QSKIP("SKIPPED: the Qt PostgreSQL driver (libqt6sql6-psql) is not installed");
    }
    ConnectDialog dialog;
    ConnectDialog::Details details;
    details.backend = DatabaseUrl::Backend::PostgreSql;
    details.host = QStringLiteral("127.0.0.1");
    details.port = closedPort();
    details.user = QStringLiteral("alice");
    details.password = kPassword;
    details.database = QStringLiteral("app");
    dialog.setDetails(details);

    QSignalSpy finished(&dialog, &ConnectDialog::testFinished);
    QElapsedTimer timer;
    timer.start();
    dialog.testConnection();
    // The connection runs off the GUI thread.
    QVERIFY2(timer.elapsed() < 100, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(dialog.isTesting() || finished.size() == 1);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    const QString status = dialog.statusText();
    QVERIFY2(status.contains(QLatin1String("127.0.0.1")), qPrintable(status));
    QVERIFY2(!status.contains(QLatin1String("S3cret")), qPrintable(status));
    QVERIFY2(!status.contains(QLatin1String("S3cret%3A")), qPrintable(status));
    QVERIFY2(status.contains(QLatin1String("alice:***@")), qPrintable(status));
}

void TestConnectDialog::testBadInput_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty") << QString() << "Paste the SQLAlchemy URL";
    QTest::newRow("unknown dialect") << "oracle://u:S3cretXYZ@h/d"
                                     << "cannot read";
    QTest::newRow("bad port") << "postgresql://u:S3cretXYZ@h:abc/d"
                              << "is not a number";
}

void TestConnectDialog::testBadInput()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);

    ConnectDialog dialog;
    dialog.setSource(ConnectDialog::Source::Url);
    dialog.setUrlText(url);
    QSignalSpy finished(&dialog, &ConnectDialog::testFinished);
    dialog.testConnection();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY2(dialog.statusText().contains(expected), qPrintable(dialog.statusText()));
    QVERIFY2(!dialog.statusText().contains(QLatin1String("S3cretXYZ")),
             qPrintable(dialog.statusText()));
    // Connect refuses it too, and stays open.
    dialog.show();
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void TestConnectDialog::environmentVariable()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("env.db"));
    QVERIFY(TestSupport::writeSqliteVersionTable(path, {QStringLiteral("001")}));
    const QByteArray name = "REVSCOPE_CONNECTDIALOG_URL";
    qputenv(name, QByteArray("sqlite:///") + QFile::encodeName(path));

    ConnectDialog dialog;
    dialog.setSource(ConnectDialog::Source::Environment);
    dialog.setEnvironmentVariable(QString::fromLatin1(name));
    QVERIFY2(dialog.url().isValid(), qPrintable(dialog.url().error()));
    QCOMPARE(dialog.url().sqliteFileName(), path);
    QSignalSpy finished(&dialog, &ConnectDialog::testFinished);
    dialog.testConnection();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QCOMPARE(finished.at(0).at(0).toBool(), true);

    qunsetenv(name);
    QVERIFY(!dialog.url().isValid());
    dialog.testConnection();
    QCOMPARE(finished.size(), 2);
    QCOMPARE(finished.at(1).at(0).toBool(), false);
    QVERIFY2(dialog.statusText().contains(QString::fromLatin1(name)),
             qPrintable(dialog.statusText()));
}

void TestConnectDialog::passwordNeverInSettings()
{
    QTemporaryDir project;
    QVERIFY(project.isValid());
    {
        ConnectDialog dialog;
        dialog.setProject(project.path());
        ConnectDialog::Details details;
        details.backend = DatabaseUrl::Backend::PostgreSql;
        details.host = QStringLiteral("db.internal");
        details.port = 6543;
        details.user = QStringLiteral("alice");
        details.password = kPassword;
        details.database = QStringLiteral("app");
        dialog.setSource(ConnectDialog::Source::Details);
        dialog.setDetails(details);
        // A pasted URL on the other tab holds a password too.
        dialog.setUrlText(QStringLiteral("postgresql://bob:Pasted-Secret-9@db.internal/app"));
        dialog.setVersionTable(QStringLiteral("app_version"), QStringLiteral("audit"));
        dialog.setRememberPassword(true);
        dialog.show();
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        // urlText() keeps the password for the inspector.
        QVERIFY(dialog.url().password() == kPassword);
    }
    QSettings().sync();
    const QByteArray stored = readAll(settingsFile());
    QVERIFY2(stored.contains("db.internal"), stored.constData());
    QVERIFY2(stored.contains("alice"), stored.constData());
    for (const QByteArray &secret :
         {QByteArray("S3cret"), QByteArray("Pasted-Secret-9"), QByteArray("password")}) {
        QVERIFY2(!stored.contains(secret), stored.constData());
    }

    // The next dialog for this project restores all but the password.
    ConnectDialog again;
    again.setProject(project.path());
    QCOMPARE(again.source(), ConnectDialog::Source::Details);
    const ConnectDialog::Details restored = again.details();
    QCOMPARE(restored.backend, DatabaseUrl::Backend::PostgreSql);
    QCOMPARE(restored.host, QStringLiteral("db.internal"));
    QCOMPARE(restored.port, 6543);
    QCOMPARE(restored.user, QStringLiteral("alice"));
    QCOMPARE(restored.database, QStringLiteral("app"));
    QCOMPARE(restored.password, QString());
    QCOMPARE(again.versionTable(), QStringLiteral("app_version"));
    QCOMPARE(again.versionTableSchema(), QStringLiteral("audit"));
    again.setSource(ConnectDialog::Source::Url);
    QCOMPARE(again.urlText(), QStringLiteral("postgresql://bob@db.internal/app"));

    // Another project remembers nothing of it.
    QTemporaryDir other;
    ConnectDialog fresh;
    fresh.setProject(other.path());
    QCOMPARE(fresh.details().host, QString());
}

void TestConnectDialog::keychainUnavailable()
{
    QTemporaryDir project;
    QVERIFY(project.isValid());
    ConnectDialog dialog;
    QSignalSpy state(&dialog, &ConnectDialog::keychainStateChanged);
    dialog.setProject(project.path());
    ConnectDialog::Details details;
    details.backend = DatabaseUrl::Backend::PostgreSql;
    details.host = QStringLiteral("h");
    details.user = QStringLiteral("u");
    details.password = kPassword;
    details.database = QStringLiteral("d");
    dialog.setDetails(details);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.keychainState() != ConnectDialog::KeychainState::Checking,
                             30000);
    if (dialog.keychainState() == ConnectDialog::KeychainState::Available) {
        QSKIP("SKIPPED: a system keychain answers here (keychainRoundTrip covers it)");
    }
    QCOMPARE(dialog.keychainState(), ConnectDialog::KeychainState::Unavailable);
    QVERIFY2(dialog.keychainText().contains(QLatin1String("No system keychain")),
             qPrintable(dialog.keychainText()));
    QVERIFY(!dialog.keychainText().contains(QLatin1String("S3cret")));
    auto *remember = dialog.findChild<QCheckBox *>(QStringLiteral("rememberPassword"));
    QVERIFY(remember);
    QVERIFY(!remember->isEnabled());
    QVERIFY(!dialog.rememberPassword());
    // Still usable: Connect works without remembering.
    dialog.show();
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.url().password(), kPassword);
}

void TestConnectDialog::keychainRoundTrip()
{
    if (!withKeyring()) {
        QSKIP("SKIPPED: runs as tst_connectdialog_keychain, inside dbus-run-session with "
              "gnome-keyring-daemon");
    }
    QTemporaryDir project;
    QVERIFY(project.isValid());
    ConnectDialog::Details details;
    details.backend = DatabaseUrl::Backend::PostgreSql;
    details.host = QStringLiteral("keyring.example");
    details.user = QStringLiteral("carol");
    details.password = kPassword;
    details.database = QStringLiteral("app");
    const QString identity = QStringLiteral("postgresql://carol@keyring.example/app");
    {
        ConnectDialog dialog;
        dialog.setProject(project.path());
        QTRY_VERIFY_WITH_TIMEOUT(dialog.keychainState() != ConnectDialog::KeychainState::Checking,
                                 30000);
        QVERIFY2(dialog.keychainState() == ConnectDialog::KeychainState::Available,
                 qPrintable(dialog.keychainText()));
        dialog.setDetails(details);
        dialog.setRememberPassword(true);
        dialog.show();
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    // Stored under the password-free identity, and nowhere in the settings.
    QString error;
    QTRY_COMPARE_WITH_TIMEOUT(keychainRead(identity, &error), kPassword, 10000);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QSettings().sync();
    QVERIFY(!readAll(settingsFile()).contains("S3cret"));

    // The next dialog for the project fills the password in when it opens.
    {
        ConnectDialog dialog;
        QSignalSpy restored(&dialog, &ConnectDialog::passwordRestored);
        dialog.setProject(project.path());
        QTRY_COMPARE_WITH_TIMEOUT(restored.size(), 1, 10000);
        QCOMPARE(dialog.details().password, kPassword);
        QCOMPARE(dialog.url().password(), kPassword);
        QVERIFY(dialog.rememberPassword());
        // Unticked: the keychain forgets it.
        dialog.setRememberPassword(false);
        dialog.show();
        dialog.accept();
    }
    QTRY_VERIFY_WITH_TIMEOUT(keychainRead(identity, &error).isNull(), 10000);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    // A pasted URL: its password goes to the keychain, the rest to the settings.
    {
        ConnectDialog dialog;
        dialog.setProject(project.path());
        dialog.setSource(ConnectDialog::Source::Url);
        dialog.setUrlText(QStringLiteral("postgresql://dave:Pasted%40Secret@h/d"));
        dialog.setRememberPassword(true);
        dialog.show();
        dialog.accept();
    }
    QTRY_COMPARE_WITH_TIMEOUT(keychainRead(QStringLiteral("postgresql://dave@h/d"), &error),
                              QStringLiteral("Pasted@Secret"), 10000);
    QSettings().sync();
    QVERIFY(!readAll(settingsFile()).contains("Pasted"));
    ConnectDialog dialog;
    QSignalSpy restored(&dialog, &ConnectDialog::passwordRestored);
    dialog.setProject(project.path());
    QTRY_COMPARE_WITH_TIMEOUT(restored.size(), 1, 10000);
    QCOMPARE(dialog.source(), ConnectDialog::Source::Url);
    QCOMPARE(dialog.url().password(), QStringLiteral("Pasted@Secret"));
    QCOMPARE(dialog.url().username(), QStringLiteral("dave"));
}

void TestConnectDialog::screenshot()
{
    ConnectDialog dialog;
    ConnectDialog::Details details;
    details.backend = DatabaseUrl::Backend::PostgreSql;
    details.host = QStringLiteral("db.example.com");
    details.port = 5432;
    details.user = QStringLiteral("alice");
    details.password = kPassword;
    details.database = QStringLiteral("app");
    dialog.setDetails(details);
    dialog.setDefaultVersionTable(QStringLiteral("custom_version"), QString());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QString path = qEnvironmentVariable("REVSCOPE_SCREENSHOT");
    if (!path.isEmpty()) {
        dialog.adjustSize();
        QVERIFY(dialog.grab().save(path));
    }
    // After a failed test, with the keychain note showing.
    QTemporaryDir project;
    dialog.setProject(project.path());
    dialog.setDetails(details);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.keychainState() != ConnectDialog::KeychainState::Checking,
                             30000);
    details.port = closedPort();
    dialog.setDetails(details);
    QSignalSpy finished(&dialog, &ConnectDialog::testFinished);
    dialog.testConnection();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    if (!path.isEmpty()) {
        dialog.adjustSize();
        QVERIFY(dialog.grab().save(QFileInfo(path).path() + QStringLiteral("/") +
                                   QFileInfo(path).completeBaseName() +
                                   QStringLiteral("-failed.png")));
    }
    // Nothing on screen shows the password.
    const QList<QLineEdit *> edits = dialog.findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits) {
        if (edit->text() == kPassword) {
            QCOMPARE(edit->echoMode(), QLineEdit::Password);
        }
    }
}

QTEST_MAIN(TestConnectDialog)
#include "tst_connectdialog.moc"
