#include "commandline.h"
#include "i18n/languages.h"
#include "windowmodule.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QSettings>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>
#include <vector>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Revscope"));
    QCoreApplication::setApplicationName(QStringLiteral("revscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REVSCOPE_VERSION));
}

// `--lang CODE` of this run, taken out of the arguments before either front
// end parses them.
QString &requestedLanguage()
{
    static QString language;
    return language;
}

void loadTranslations(QCoreApplication &app)
{
    QString language = requestedLanguage();
    if (language.isEmpty() && app.inherits("QGuiApplication")) {
        // The window remembers the choice of View > Language.
        language = QSettings().value(QStringLiteral("language")).toString();
    }
    Revscope::Languages::install(&app, language);
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

// argv without the options taken out (`--lang`), for QApplication and the
// window's own parser.
struct Arguments
{
    QList<QByteArray> storage;
    std::vector<char *> pointers;
    int count = 0;

    explicit Arguments(const QStringList &arguments)
    {
        for (const QString &argument : arguments) {
            storage.append(argument.toLocal8Bit());
        }
        for (QByteArray &argument : storage) {
            pointers.push_back(argument.data());
        }
        pointers.push_back(nullptr);
        count = int(storage.size());
    }
};

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
    QStringList arguments = rawArguments(argc, argv);
    QString error;
    if (!Revscope::Languages::takeOption(&arguments, &requestedLanguage(), &error)) {
        QTextStream(stderr) << error << '\n';
        return 2;
    }
    Arguments filtered(arguments);
    if (!Revscope::CommandLine::wantsCommandLine(arguments)) {
        return runWindow(filtered.count, filtered.pointers.data());
    }
    QCoreApplication app(filtered.count, filtered.pointers.data());
    prepare(&app);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int code = Revscope::CommandLine::run(QCoreApplication::arguments(), out, err,
                                                isatty(fileno(stdout)) != 0);
    out.flush();
    err.flush();
    return code;
}
