#include "languages.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace Revscope {

namespace {

const QLatin1String kOption("--lang");

QString capitalized(const QString &name)
{
    return name.isEmpty() ? name : name.left(1).toUpper() + name.mid(1);
}

bool installTranslator(QCoreApplication *app, const QString &file, const QString &directory)
{
    auto *translator = new QTranslator(app);
    if (!translator->load(file, directory)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    return true;
}

} // namespace

QString Languages::defaultDirectory()
{
    return QStringLiteral(":/i18n");
}

QList<Language> Languages::available(const QString &directory)
{
    QList<Language> languages{{QStringLiteral("en"), QStringLiteral("English")}};
    const QStringList files =
        QDir(directory).entryList({QStringLiteral("revscope_*.qm")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QString code = file.mid(9, file.size() - 9 - 3);
        if (code.isEmpty() || code == QLatin1String("en")) {
            continue;
        }
        languages.append({code, capitalized(QLocale(code).nativeLanguageName())});
    }
    return languages;
}

bool Languages::takeOption(QStringList *arguments, QString *language, QString *error)
{
    language->clear();
    for (int i = 1; i < arguments->size(); ++i) {
        const QString &argument = arguments->at(i);
        if (argument == QLatin1String("--")) {
            break;
        }
        if (argument.startsWith(kOption + QLatin1Char('='))) {
            *language = argument.mid(kOption.size() + 1);
            arguments->removeAt(i--);
        } else if (argument == kOption) {
            if (i + 1 >= arguments->size() || arguments->at(i + 1).startsWith(QLatin1Char('-'))) {
                *error = QCoreApplication::translate(
                    "Languages", "revscope: --lang needs a language code, such as --lang fr.");
                return false;
            }
            *language = arguments->at(i + 1);
            arguments->remove(i, 2);
            --i;
        } else {
            continue;
        }
        if (language->isEmpty()) {
            *error = QCoreApplication::translate(
                "Languages", "revscope: --lang needs a language code, such as --lang fr.");
            return false;
        }
    }
    return true;
}

QString Languages::match(const QString &requested, const QList<Language> &available)
{
    // "fr_CA.UTF-8", "fr-CA", "FR" and "fr" all mean French.
    QString code = requested.section(QLatin1Char('.'), 0, 0).toLower();
    code.replace(QLatin1Char('-'), QLatin1Char('_'));
    const QString language = code.section(QLatin1Char('_'), 0, 0);
    for (const QString &candidate : {code, language}) {
        for (const Language &entry : available) {
            if (entry.code == candidate) {
                return entry.code;
            }
        }
    }
    return QString();
}

QString Languages::install(QCoreApplication *app, const QString &language, const QString &directory)
{
    const QList<Language> languages = available(directory);
    QString code;
    if (!language.isEmpty()) {
        code = match(language, languages);
    } else {
        const QStringList wanted = QLocale::system().uiLanguages();
        for (const QString &name : wanted) {
            code = match(name, languages);
            if (!code.isEmpty()) {
                break;
            }
        }
    }
    if (code.isEmpty() || code == QLatin1String("C")) {
        code = QStringLiteral("en");
    }
    // English first: it supplies the plural forms of "%n revision(s)"; the
    // chosen language, installed later, takes precedence.
    installTranslator(app, QStringLiteral("revscope_en.qm"), directory);
    if (code != QLatin1String("en")) {
        installTranslator(app, QStringLiteral("revscope_%1.qm").arg(code), directory);
        installTranslator(app, QStringLiteral("qtbase_%1.qm").arg(code),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath));
        if (!language.isEmpty()) {
            // Asked for explicitly: dates and numbers follow the language too.
            QLocale::setDefault(QLocale(code));
        }
    }
    return code;
}

} // namespace Revscope
