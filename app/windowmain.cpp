// The window, built as a module that `revscope` loads only when it opens one:
// command-line runs then never load QtGui or QtWidgets, which saves the
// dynamic loader a few milliseconds of relocations on every `revscope check`.
#include "mainwindow.h"
#include "models/recentprojectsmodel.h"
#include "walkthrough/walkthroughpanel.h"
#include "windowmodule.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QTimer>

#include <cstdio>

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
    const QCommandLineOption view(
        QStringLiteral("view"),
        QCoreApplication::translate("main",
                                    "Start on VIEW: history, image or walkthrough (default: "
                                    "history)."),
        QStringLiteral("VIEW"));
    parser.addOption(view);
    // Taken out of the arguments before this parser runs (see main.cpp):
    // listed here for --help.
    const QCommandLineOption language(
        QStringLiteral("lang"),
        QCoreApplication::translate("main",
                                    "Show the window in LANGUAGE (en, fr, de) instead of the "
                                    "one chosen in View > Language or the system's."),
        QStringLiteral("LANGUAGE"));
    parser.addOption(language);
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QCoreApplication::translate("main", "Project folder to open."),
                                 QStringLiteral("[PATH]"));
    parser.process(app);

    const QString startView = parser.value(view);
    const QStringList views = {QStringLiteral("history"), QStringLiteral("image"),
                               QStringLiteral("walkthrough")};
    if (!startView.isEmpty() && !views.contains(startView)) {
        fprintf(stderr, "%s\n",
                qPrintable(QCoreApplication::translate("main", "--view takes one of: %1.")
                               .arg(views.join(QLatin1String(", ")))));
        return 2;
    }

    Revscope::MainWindow window;
    window.show();
    const QString file = parser.value(screenshot);
    auto grab = [&window, file] {
        if (file.isEmpty()) {
            return;
        }
        // Let layouts and the graph's centring animation settle first.
        QTimer::singleShot(800, &window, [&window, file] {
            const bool saved = window.grab().save(file);
            QCoreApplication::exit(saved ? 0 : 1);
        });
    };
    QObject::connect(
        &window, &Revscope::MainWindow::viewReady, &window,
        [&window, startView, grab] {
            if (startView == QLatin1String("image")) {
                window.showImageTab();
            } else if (startView == QLatin1String("walkthrough")) {
                Revscope::WalkthroughPanel *walk = window.walkthroughPanel();
                QObject::connect(
                    walk, &Revscope::WalkthroughPanel::stepsReady, &window,
                    [walk, grab] {
                        // A few steps in, where the history has
                        // something to tell.
                        for (int i = 0; i < 4; ++i) {
                            walk->next();
                        }
                        grab();
                    },
                    Qt::SingleShotConnection);
                window.startWalkthrough();
                return;
            }
            grab();
        },
        Qt::SingleShotConnection);
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        window.openProject(QDir::cleanPath(QFileInfo(positional.first()).absoluteFilePath()));
    } else if (parser.isSet(demo) || window.recentProjects()->rowCount() == 0) {
        // The demo is the embedded default: a first start shows something useful.
        window.openDemo();
    }
    return QApplication::exec();
}
