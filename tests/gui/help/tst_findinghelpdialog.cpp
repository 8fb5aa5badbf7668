// FindingHelpDialog: the list of codes by area, the page of the selected code,
// the filter, links between pages, and both palettes.
// REVSCOPE_SCREENSHOT_DIR=/tmp/x saves the dialog in light and dark.

#include "palettes.h"

#include "help/findinghelp.h"
#include "help/findinghelpdialog.h"
#include "report/findingcatalog.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QtTest>

using namespace Revscope;

namespace {

double luminance(const QColor &c)
{
    const auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor cssColor(const QString &css, const QString &selector, const QString &property)
{
    const QRegularExpression re(
        QRegularExpression::escape(selector) + QStringLiteral(R"(\s*\{[^}]*)") +
        QRegularExpression::escape(property) + QStringLiteral(R"(:\s*(#[0-9a-fA-F]{6}))"));
    const QRegularExpressionMatch m = re.match(css);
    return m.hasMatch() ? QColor(m.captured(1)) : QColor();
}

// The page as shown, without the word joiners that keep code tokens whole.
QString shownText(const FindingHelpDialog &dialog)
{
    return dialog.browser()->toPlainText().remove(QChar(0x2060)).simplified();
}

QString selectedCode(const FindingHelpDialog &dialog)
{
    const QTreeWidgetItem *item = dialog.list()->currentItem();
    return item ? item->data(0, Qt::UserRole).toString() : QString();
}

} // namespace

class TestFindingHelpDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsEveryCodeByArea()
    {
        FindingHelpDialog dialog;
        QCOMPARE(dialog.list()->topLevelItemCount(), FindingHelp::areas().size());
        QStringList listed;
        for (int g = 0; g < dialog.list()->topLevelItemCount(); ++g) {
            const QTreeWidgetItem *group = dialog.list()->topLevelItem(g);
            QCOMPARE(group->text(0), FindingHelp::areaName(FindingHelp::areas().at(g)));
            QVERIFY(!(group->flags() & Qt::ItemIsSelectable));
            for (int i = 0; i < group->childCount(); ++i) {
                const QTreeWidgetItem *item = group->child(i);
                const QString code = item->data(0, Qt::UserRole).toString();
                QCOMPARE(FindingCatalog::kind(code).area, FindingHelp::areas().at(g));
                QCOMPARE(item->text(0), FindingCatalog::kind(code).title);
                QVERIFY(!item->icon(0).isNull());
                QVERIFY(item->toolTip(0).contains(code));
                listed.append(code);
            }
        }
        QCOMPARE(listed.size(), FindingCatalog::kinds().size());
        QCOMPARE(dialog.visibleCodes(), listed);
        QVERIFY(!dialog.isModal());
    }

    void showCodeSelectsAndShowsThePage_data()
    {
        QTest::addColumn<QString>("code");
        QTest::newRow("first") << QStringLiteral("unreadable-file");
        QTest::newRow("graph") << QStringLiteral("missing-parent");
        QTest::newRow("database") << QStringLiteral("db-unknown-revision");
        QTest::newRow("last") << FindingCatalog::kinds().constLast().code;
    }

    void showCodeSelectsAndShowsThePage()
    {
        QFETCH(QString, code);
        FindingHelpDialog dialog;
        dialog.showCode(code);
        QCOMPARE(dialog.currentCode(), code);
        QCOMPARE(selectedCode(dialog), code);
        const FindingHelpPage page = FindingHelp::page(code);
        const QString shown = shownText(dialog);
        QVERIFY2(shown.contains(page.title), qPrintable(shown));
        // Backticks become <code>, so compare the cause's words without them.
        QString cause = page.cause;
        cause.remove(QLatin1Char('`'));
        QVERIFY2(shown.contains(cause.simplified()), qPrintable(shown));
        QVERIFY(shown.contains(QLatin1String("How to fix it")));
    }

    void unknownCodeShowsTheGenericPage()
    {
        FindingHelpDialog dialog;
        dialog.showCode(QStringLiteral("missing-parent"));
        dialog.showCode(QStringLiteral("from-the-future"));
        QCOMPARE(dialog.currentCode(), QStringLiteral("from-the-future"));
        QVERIFY(selectedCode(dialog).isEmpty());
        QVERIFY(dialog.list()->selectedItems().isEmpty());
        QVERIFY(shownText(dialog).contains(QLatin1String("from-the-future")));
    }

    void filterNarrowsTheList()
    {
        FindingHelpDialog dialog;
        const int all = int(dialog.visibleCodes().size());
        // Page text is searched too: an error message finds its pages.
        dialog.setFilterText(QStringLiteral("can't LOCATE revision"));
        const QStringList codes = dialog.visibleCodes();
        QVERIFY(codes.contains(QStringLiteral("db-unknown-revision")));
        QVERIFY(codes.contains(QStringLiteral("squash-db-stamped-removed")));
        QVERIFY(!codes.contains(QStringLiteral("cycle")));
        QVERIFY(codes.size() < all);
        for (const QString &code : codes) {
            const FindingHelpPage page = FindingHelp::page(code);
            const QString text =
                QStringList{page.code, page.title, page.cause, page.story, page.fix}.join(
                    QLatin1Char(' '));
            QVERIFY2(text.contains(QLatin1String("can't locate revision"), Qt::CaseInsensitive),
                     qPrintable(code));
        }
        // Areas without a match disappear; the page follows the filter.
        for (int g = 0; g < dialog.list()->topLevelItemCount(); ++g) {
            const QTreeWidgetItem *group = dialog.list()->topLevelItem(g);
            bool any = false;
            for (int i = 0; i < group->childCount(); ++i) {
                any = any || !group->child(i)->isHidden();
            }
            QCOMPARE(group->isHidden(), !any);
        }
        QVERIFY(codes.contains(dialog.currentCode()));

        // By code.
        dialog.setFilterText(QStringLiteral("bytecode"));
        QVERIFY(dialog.visibleCodes().contains(QStringLiteral("stray-bytecode")));

        // Nothing matches: a sentence instead of an empty list.
        dialog.show();
        dialog.setFilterText(QStringLiteral("zzzqqq"));
        QVERIFY(dialog.visibleCodes().isEmpty());
        const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
        bool noMatchShown = false;
        for (const QLabel *label : labels) {
            noMatchShown = noMatchShown || (label->isVisible() &&
                                            label->text().contains(QLatin1String("No finding")));
        }
        QVERIFY(noMatchShown);

        // Showing a code the filter hides clears the filter.
        dialog.showCode(QStringLiteral("cycle"));
        QVERIFY(dialog.filterEdit()->text().isEmpty());
        QCOMPARE(dialog.visibleCodes().size(), all);
        QCOMPARE(selectedCode(dialog), QStringLiteral("cycle"));

        // Typing in the field filters too.
        dialog.filterEdit()->clear();
        QTest::keyClicks(dialog.filterEdit(), QStringLiteral("dockerignore"));
        QVERIFY(dialog.visibleCodes().contains(QStringLiteral("dockerignore-no-bytecode-rule")));
        QVERIFY(!dialog.visibleCodes().contains(QStringLiteral("cycle")));
    }

    // Code tokens do not break at "-" or "/" on screen, and copy as typed.
    void codeTokensStayWholeAndCopyAsTyped()
    {
        FindingHelpDialog dialog;
        dialog.showCode(QStringLiteral("dockerignore-no-bytecode-rule"));
        const QString plain = dialog.browser()->toPlainText();
        QVERIFY(
            plain.contains(QStringLiteral("**/") + QChar(0x2060) + QStringLiteral("__pycache__")));
        // Outside code spans nothing changes.
        QVERIFY(!plain.contains(QStringLiteral("dockerignore-") + QChar(0x2060) +
                                QStringLiteral("no-bytecode-rule · ")));
        dialog.browser()->selectAll();
        dialog.browser()->copy();
        const QString copied = QGuiApplication::clipboard()->text();
        QVERIFY2(copied.contains(QLatin1String("`revscope clean --apply`")) ||
                     copied.contains(QLatin1String("revscope clean --apply")),
                 qPrintable(copied));
        QVERIFY(copied.contains(QLatin1String("**/__pycache__")));
        QVERIFY(!copied.contains(QChar(0x2060)));
    }

    void linksOpenOtherPages()
    {
        FindingHelpDialog dialog;
        dialog.showCode(QStringLiteral("stray-bytecode"));
        QVERIFY(dialog.browser()->toHtml().contains(QLatin1String("#help-db-unknown-revision")));
        Q_EMIT dialog.browser()->anchorClicked(QUrl(QStringLiteral("#help-db-unknown-revision")));
        QCOMPARE(dialog.currentCode(), QStringLiteral("db-unknown-revision"));
        QCOMPARE(selectedCode(dialog), QStringLiteral("db-unknown-revision"));
    }

    void clickingAnEntryShowsItsPage()
    {
        FindingHelpDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTreeWidgetItem *item = nullptr;
        for (int g = 0; g < dialog.list()->topLevelItemCount() && !item; ++g) {
            QTreeWidgetItem *group = dialog.list()->topLevelItem(g);
            for (int i = 0; i < group->childCount(); ++i) {
                if (group->child(i)->data(0, Qt::UserRole).toString() ==
                    QLatin1String("multiple-heads")) {
                    item = group->child(i);
                }
            }
        }
        QVERIFY(item);
        dialog.list()->scrollToItem(item);
        const QRect rect = dialog.list()->visualItemRect(item);
        QTest::mouseClick(dialog.list()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(dialog.currentCode(), QStringLiteral("multiple-heads"));
        QVERIFY(shownText(dialog).contains(QLatin1String("merge heads")));
    }

    void readableInBothPalettes_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void readableInBothPalettes()
    {
        QFETCH(bool, dark);
        FindingHelpDialog dialog;
        const QPalette palette = dark ? TestSupport::darkPalette() : QPalette();
        dialog.setPalette(palette);
        dialog.showCode(QStringLiteral("dockerignore-no-bytecode-rule"));
        const QString css = dialog.browser()->document()->defaultStyleSheet();
        const QColor text = dialog.browser()->palette().color(QPalette::Text);
        const QColor base = dialog.browser()->palette().color(QPalette::Base);
        QCOMPARE(base, palette.color(QPalette::Base));
        const QColor code =
            cssColor(css, QStringLiteral("code"), QStringLiteral("background-color"));
        const QColor link = cssColor(css, QStringLiteral("a"), QStringLiteral("color"));
        QVERIFY2(code.isValid() && link.isValid(), qPrintable(css));
        QVERIFY2(contrast(text, code) >= 7.0, qPrintable(code.name()));
        QVERIFY2(contrast(link, base) >= 3.0, qPrintable(link.name()));
        QCOMPARE(code.lightness() < 128, dark);

        const QByteArray dir = qgetenv("REVSCOPE_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            dialog.resize(1000, 640);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QVERIFY(dialog.grab().save(QString::fromLocal8Bit(dir) +
                                       (dark ? QStringLiteral("/findinghelp-dark.png")
                                             : QStringLiteral("/findinghelp-light.png"))));
        }
    }
};

QTEST_MAIN(TestFindingHelpDialog)
#include "tst_findinghelpdialog.moc"
