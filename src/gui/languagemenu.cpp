#include "languagemenu.h"

#include "i18n/languages.h"

#include <QActionGroup>
#include <QSettings>

namespace Revscope {

namespace {

const QString kKey = QStringLiteral("language");

} // namespace

LanguageMenu::LanguageMenu(const QString &directory, QWidget *parent)
    : QMenu(tr("&Language"), parent), m_group(new QActionGroup(this))
{
    setObjectName(QStringLiteral("languageMenu"));
    m_group->setExclusive(true);
    const QString chosen = QSettings().value(kKey).toString();
    QAction *system = addAction(tr("&System Default"));
    system->setData(QString());
    addSeparator();
    for (const Language &language : Languages::available(directory)) {
        QAction *action = addAction(language.nativeName);
        action->setData(language.code);
    }
    const QList<QAction *> entries = actions();
    for (QAction *action : entries) {
        if (action->isSeparator()) {
            continue;
        }
        action->setCheckable(true);
        action->setChecked(action->data().toString() == chosen);
        m_group->addAction(action);
    }
    if (!m_group->checkedAction()) {
        system->setChecked(true); // a code no longer shipped
    }
    connect(m_group, &QActionGroup::triggered, this, [this](QAction *action) {
        const QString code = action->data().toString();
        QSettings settings;
        if (settings.value(kKey).toString() == code) {
            return;
        }
        settings.setValue(kKey, code);
        QString name = action->text();
        name.remove(QLatin1Char('&'));
        Q_EMIT languageChosen(code, name);
    });
}

QString LanguageMenu::chosenLanguage() const
{
    const QAction *checked = m_group->checkedAction();
    return checked ? checked->data().toString() : QString();
}

} // namespace Revscope
