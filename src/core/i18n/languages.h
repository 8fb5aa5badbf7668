#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace Revscope {

struct Language
{
    QString code;       // "en", "fr", "de"
    QString nativeName; // "English", "Français", "Deutsch"
};

// The languages Revscope is translated into, the `--lang` option every run
// accepts, and loading the translations of one of them.
class Languages
{
public:
    // English first, then every translation shipped (a revscope_<code>.qm
    // under `directory`).
    static QList<Language> available(const QString &directory = defaultDirectory());
    static QString defaultDirectory(); // ":/i18n"

    // Removes `--lang CODE` / `--lang=CODE` from `arguments` (anywhere before a
    // lone `--`; the program name at index 0 is kept). An empty `language`
    // when the option is absent. False, with a one-sentence `error`, when the
    // value is missing.
    static bool takeOption(QStringList *arguments, QString *language, QString *error);

    // The code among `available` that `requested` selects: "fr", "fr_CA",
    // "fr-CA" and "FR" select "fr". Empty when none does.
    static QString match(const QString &requested, const QList<Language> &available);

    // Installs on `app` the translators for `language` (a code or a locale
    // name; empty: the system locale): Revscope's own and Qt's. Returns the
    // code in use ("en" when nothing else matched).
    static QString install(QCoreApplication *app, const QString &language,
                           const QString &directory = defaultDirectory());
};

} // namespace Revscope
