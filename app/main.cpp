#include "commandline.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <unistd.h>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Revscope"));
    QCoreApplication::setApplicationName(QStringLiteral("revscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REVSCOPE_VERSION));
}

void loadTranslations(QCoreApplication &app)
{
    // English first: it supplies the plural forms of "%n revision(s)"; a
    // translator for the user's language, installed later, takes precedence.
    auto *english = new QTranslator(&app);
    if (english->load(QStringLiteral(":/i18n/revscope_en.qm"))) {
        QCoreApplication::installTranslator(english);
    }
    if (QLocale().language() != QLocale::English && QLocale().language() != QLocale::C) {
        auto *own = new QTranslator(&app);
        if (own->load(QLocale(), QStringLiteral("revscope"), QStringLiteral("_"),
                      QStringLiteral(":/i18n"))) {
            QCoreApplication::installTranslator(own);
        }
    }
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
    }
}

QStringList rawArguments(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        arguments << QString::fromLocal8Bit(argv[i]);
    }
    return arguments;
}

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Revscope"));
    loadTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Explore an Alembic migration project."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QCoreApplication::translate("main", "Open the demo project."));
    parser.addOption(demo);
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main",
                                    "Save a picture of the window to FILE once the project is "
                                    "inspected, then quit (for documentation)."),
        QStringLiteral("FILE"));
    parser.addOption(screenshot);
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QCoreApplication::translate("main", "Project folder to open."),
                                 QStringLiteral("[PATH]"));
    parser.process(app);

    Revscope::MainWindow window;
    window.show();
    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QObject::connect(&window, &Revscope::MainWindow::inspectionReady, &window, [&window, file] {
            // Let layouts settle before grabbing.
            QTimer::singleShot(500, &window, [&window, file] {
                const bool saved = window.grab().save(file);
                QCoreApplication::exit(saved ? 0 : 1);
            });
        });
    }
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        window.openProject(QDir::cleanPath(QFileInfo(positional.first()).absoluteFilePath()));
    } else {
        // The demo is the embedded default, so a first start shows something useful.
        window.openDemo();
    }
    return QApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    const QStringList arguments = rawArguments(argc, argv);
    if (!Revscope::CommandLine::wantsCommandLine(arguments)) {
        return runGui(argc, argv);
    }
    QCoreApplication app(argc, argv);
    setIdentity();
    loadTranslations(app);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int code = Revscope::CommandLine::run(QCoreApplication::arguments(), out, err,
                                                isatty(fileno(stdout)) != 0);
    out.flush();
    err.flush();
    return code;
}
