#pragma once

#include <QMenu>

class QActionGroup;

namespace Revscope {

// View ▸ Language: the system's language or one Revscope is translated
// into. The choice is kept in the settings ("language": a code, empty for
// the system's) and takes effect at the next start, when the executable
// installs the translators (see Languages::install).
class LanguageMenu final : public QMenu
{
    Q_OBJECT
public:
    // `directory` holds the revscope_<code>.qm files (Languages::defaultDirectory()).
    explicit LanguageMenu(const QString &directory, QWidget *parent = nullptr);

    QString chosenLanguage() const; // empty: the system's

Q_SIGNALS:
    // The user picked a different language than the one chosen before.
    void languageChosen(const QString &code, const QString &name);

private:
    QActionGroup *m_group = nullptr;
};

} // namespace Revscope
