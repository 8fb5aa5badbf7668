// The window, built as a module that `revscope` loads only when it opens one:
// command-line runs then never load QtGui or QtWidgets, which saves the
// dynamic loader a few milliseconds of relocations on every `revscope check`.
#include "mainwindow.h"
#include "models/recentprojectsmodel.h"
#include "windowmodule.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QTimer>

extern "C" Q_DECL_EXPORT int revscope_window_main(int *argc, char **argv,
                                                  const RevscopeWindowSetup *setup)
{
    QApplication app(*argc, argv);
    setup->prepare(&app);
    QApplication::setApplicationDisplayName(QStringLiteral("Revscope"));
    // Matches the installed desktop entry and icon (packaging/), so shells
    // show the right name and icon for the window.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.revscope.Revscope"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("revscope"),
                                                 QIcon(QStringLiteral(":/icons/revscope.svg"))));

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
        QObject::connect(&window, &Revscope::MainWindow::viewReady, &window, [&window, file] {
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
    } else if (parser.isSet(demo) || window.recentProjects()->rowCount() == 0) {
        // The demo is the embedded default: a first start shows something useful.
        window.openDemo();
    }
    return QApplication::exec();
}
