#pragma once

#include <QDialog>
#include <QStringList>

class QLabel;
class QLineEdit;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

namespace Revscope {

// Help ▸ About Findings: every finding code grouped by area (severity icon and
// title) in a filterable list, and the selected code's page (what Revscope
// saw, how it bites, how to fix it). Non-modal; one instance can stay open
// beside the main window and follow "About This Finding".
class FindingHelpDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit FindingHelpDialog(QWidget *parent = nullptr);

    // Selects `code` in the list and shows its page; a code without a page
    // gets the generic one, with nothing selected. Clears a filter that hides
    // the code.
    void showCode(const QString &code);
    // showCode(), then shows, raises and activates the dialog.
    void present(const QString &code);
    // The code whose page is shown.
    QString currentCode() const { return m_code; }

    // Shows only codes whose code, title or page text contains `text`
    // (case-insensitive).
    void setFilterText(const QString &text);
    // Codes left in the list by the filter, in list order.
    QStringList visibleCodes() const;

    QTreeWidget *list() const { return m_list; }
    QTextBrowser *browser() const { return m_browser; }
    QLineEdit *filterEdit() const { return m_filter; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void populate();
    void applyFilter(const QString &text);
    void onCurrentItemChanged(QTreeWidgetItem *current);
    void render();
    void updateStyle();
    QTreeWidgetItem *itemOf(const QString &code) const;

    QLineEdit *m_filter = nullptr;
    QTreeWidget *m_list = nullptr;
    QTextBrowser *m_browser = nullptr;
    QLabel *m_noMatch = nullptr;
    QString m_code;
};

} // namespace Revscope
