#include <QFile>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// The executable opens windows through librevscope-window.so, which it loads
// only for the window: commands must start without QtGui and QtWidgets.
class TestWindowModule : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void executableLinksNoGuiLibraries()
    {
        const QString readelf = QStandardPaths::findExecutable(QStringLiteral("readelf"));
        if (readelf.isEmpty()) {
            QSKIP("readelf (binutils) is not installed: cannot list the executable's libraries");
        }
        QProcess process;
        process.start(readelf, {QStringLiteral("-d"), QStringLiteral(REVSCOPE_BINARY)});
        QVERIFY(process.waitForFinished(30000));
        const QByteArray dynamic = process.readAllStandardOutput();
        QVERIFY2(dynamic.contains("libQt6Core"), dynamic.constData());
        QVERIFY2(!dynamic.contains("libQt6Gui"), dynamic.constData());
        QVERIFY2(!dynamic.contains("libQt6Widgets"), dynamic.constData());
    }

    void windowOpensThroughTheModule()
    {
        QTemporaryDir home;
        const QString shot = home.filePath(QStringLiteral("window.png"));
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        // The demo copy goes to the data folder under this temporary home.
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(REVSCOPE_BINARY),
                      {QStringLiteral("--demo"), QStringLiteral("--screenshot"), shot});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const QImage image(shot);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 300 && image.height() > 200);
    }

    // The smoke test on a real X server: the demo opens, its graph is laid
    // out, and a screenshot lands in the build folder for people to look at.
    void screenshotUnderXvfb()
    {
        const QString xvfb = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
        if (xvfb.isEmpty()) {
            QSKIP("xvfb-run (Debian package xvfb) is not installed: no smoke test on X11");
        }
        QTemporaryDir home;
        const QString shot = QStringLiteral(REVSCOPE_BUILD_DIR "/revscope-demo.png");
        QFile::remove(shot);
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        process.setProcessEnvironment(env);
        process.start(xvfb,
                      {QStringLiteral("-a"), QStringLiteral("-s"),
                       QStringLiteral("-screen 0 1440x900x24"), QStringLiteral(REVSCOPE_BINARY),
                       QStringLiteral("--demo"), QStringLiteral("--screenshot"), shot});
        QVERIFY(process.waitForFinished(120000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const QImage image(shot);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 600 && image.height() > 400);
        qInfo("screenshot: %s", qPrintable(shot));
    }

    void missingModuleIsExplained()
    {
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("revscope"));
        QVERIFY(QFile::copy(QStringLiteral(REVSCOPE_BINARY), copy));
        QProcess process;
        process.start(copy, {QStringLiteral("--demo")});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromLocal8Bit(process.readAllStandardError());
        QVERIFY2(err.contains(QLatin1String("librevscope-window.so")), qPrintable(err));
        QVERIFY2(err.contains(QLatin1String("revscope check")), qPrintable(err));

        // Commands do not need the module at all.
        QProcess version;
        version.start(copy, {QStringLiteral("--version")});
        QVERIFY(version.waitForFinished(30000));
        QCOMPARE(version.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestWindowModule)
#include "tst_windowmodule.moc"
