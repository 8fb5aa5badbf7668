#include "commandline.h"
#include "windowmodule.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
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

// Where the window module can be: beside the executable (build tree), or in
// the private library folder of an installed copy.
QStringList windowModuleCandidates()
{
    const QString exe = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath();
    const QString dir = QFileInfo(exe).absolutePath();
    const QString name = QStringLiteral("librevscope-window.so");
    return {dir + QLatin1Char('/') + name,
            QDir::cleanPath(dir + QStringLiteral("/" REVSCOPE_MODULE_RELDIR "/") + name)};
}

void prepare(QCoreApplication *app)
{
    setIdentity();
    loadTranslations(*app);
}

int runWindow(int argc, char **argv)
{
    const QStringList candidates = windowModuleCandidates();
    QStringList errors;
    for (const QString &candidate : candidates) {
        if (!QFileInfo::exists(candidate)) {
            continue;
        }
        QLibrary module(candidate);
        auto entry = reinterpret_cast<RevscopeWindowMain>(module.resolve(REVSCOPE_WINDOW_ENTRY));
        if (!entry) {
            errors << module.errorString();
            continue;
        }
        const RevscopeWindowSetup setup{&prepare};
        // The module stays loaded until exit: Qt objects it created may outlive
        // the entry function's return (atexit handlers, plugins).
        return entry(&argc, argv, &setup);
    }
    QTextStream err(stderr);
    err << QCoreApplication::translate("main",
                                       "revscope: cannot open the window: its module was not "
                                       "found or not loaded (looked for %1). Commands such as "
                                       "`revscope check` still work.")
               .arg(candidates.join(QLatin1String(", ")))
        << '\n';
    for (const QString &error : errors) {
        err << "  " << error << '\n';
    }
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    const QStringList arguments = rawArguments(argc, argv);
    if (!Revscope::CommandLine::wantsCommandLine(arguments)) {
        return runWindow(argc, argv);
    }
    QCoreApplication app(argc, argv);
    prepare(&app);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int code = Revscope::CommandLine::run(QCoreApplication::arguments(), out, err,
                                                isatty(fileno(stdout)) != 0);
    out.flush();
    err.flush();
    return code;
}
