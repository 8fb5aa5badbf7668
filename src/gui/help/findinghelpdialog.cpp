#include "findinghelpdialog.h"

#include "findingsdecorator.h"

#include "help/findinghelp.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QRegularExpression>
#include <QSplitter>
#include <QStyle>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace Revscope {

namespace {

constexpr int CodeRole = Qt::UserRole;
constexpr int SearchRole = Qt::UserRole + 1; // lower-cased code, title and page text

constexpr QChar WordJoiner(0x2060);

// Lines may break after "-" and "/", which splits `**/__pycache__` and
// `--no-dockerignore` across lines; a word joiner after them inside code
// spans keeps such tokens whole on screen.
QString joinCodeTokens(const QString &html)
{
    static const QRegularExpression span(QStringLiteral("<code>(.*?)</code>"));
    static const QRegularExpression breakAfter(QStringLiteral("([-/])(?=[^\\s<])"));
    QString out;
    qsizetype last = 0;
    auto it = span.globalMatch(html);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(html).mid(last, m.capturedStart(1) - last);
        QString code = m.captured(1);
        code.replace(breakAfter, QStringLiteral("\\1") + WordJoiner);
        out += code;
        last = m.capturedEnd(1);
    }
    out += QStringView(html).mid(last);
    return out;
}

// The page view, copying without the word joiners so commands paste as typed.
class PageBrowser final : public QTextBrowser
{
public:
    using QTextBrowser::QTextBrowser;

protected:
    QMimeData *createMimeDataFromSelection() const override
    {
        QMimeData *mime = QTextBrowser::createMimeDataFromSelection();
        if (mime) {
            if (mime->hasHtml()) {
                mime->setHtml(mime->html().remove(WordJoiner));
            }
            mime->setText(mime->text().remove(WordJoiner));
        }
        return mime;
    }
};

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

} // namespace

FindingHelpDialog::FindingHelpDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About Findings"));
    setModal(false);
    setSizeGripEnabled(true);

    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter codes and pages…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Matches codes, titles and the text of the pages, e.g. an error "
                            "message such as \"Can't locate revision\""));

    m_list = new QTreeWidget(this);
    m_list->setHeaderHidden(true);
    m_list->setColumnCount(1);
    m_list->setRootIsDecorated(false);
    m_list->setIndentation(10);
    m_list->setIconSize(QSize(16, 16));
    m_list->setUniformRowHeights(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setTextElideMode(Qt::ElideRight);

    m_noMatch = new QLabel(tr("No finding code matches the filter."), this);
    m_noMatch->setWordWrap(true);
    m_noMatch->setAlignment(Qt::AlignCenter);
    m_noMatch->setForegroundRole(QPalette::PlaceholderText);
    m_noMatch->hide();

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(m_noMatch);

    m_browser = new PageBrowser(this);
    m_browser->setOpenLinks(false);
    m_browser->document()->setDocumentMargin(12);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(m_browser);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({380, 600});

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    populate();
    updateStyle();

    connect(m_filter, &QLineEdit::textChanged, this, &FindingHelpDialog::applyFilter);
    connect(m_list, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *current) { onCurrentItemChanged(current); });
    connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        const QString code = FindingHelp::anchorCode(url.toString());
        if (!code.isEmpty()) {
            showCode(code);
        } else if (!url.isRelative()) {
            QDesktopServices::openUrl(url);
        }
    });

    resize(1000, 640);
    const QList<FindingHelpPage> pages = FindingHelp::pages();
    if (!pages.isEmpty()) {
        showCode(pages.first().code);
    }
}

void FindingHelpDialog::populate()
{
    m_list->clear();
    QTreeWidgetItem *group = nullptr;
    QString area;
    for (const FindingHelpPage &page : FindingHelp::pages()) {
        if (!group || page.area != area) {
            area = page.area;
            group = new QTreeWidgetItem(m_list, {FindingHelp::areaName(area)});
            group->setFlags(Qt::ItemIsEnabled);
            QFont font = group->font(0);
            font.setBold(true);
            group->setFont(0, font);
            group->setExpanded(true);
        }
        auto *item = new QTreeWidgetItem(group, {page.title});
        item->setIcon(0, FindingsDecorator::severityIcon(page.defaultSeverity));
        item->setData(0, CodeRole, page.code);
        const QString severity = severityLabel(page.defaultSeverity);
        // The list elides long titles; the tooltip has all of it.
        item->setToolTip(0,
                         tr("%1\n%2 · default severity: %3").arg(page.title, page.code, severity));
        const QString haystack =
            QStringList{page.code, page.title, page.cause, page.story, page.fix}
                .join(QLatin1Char('\n'))
                .toLower();
        item->setData(0, SearchRole, haystack);
    }
    m_list->expandAll();
}

QTreeWidgetItem *FindingHelpDialog::itemOf(const QString &code) const
{
    for (int g = 0; g < m_list->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_list->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->data(0, CodeRole).toString() == code) {
                return group->child(i);
            }
        }
    }
    return nullptr;
}

void FindingHelpDialog::showCode(const QString &code)
{
    QTreeWidgetItem *item = itemOf(code);
    if (item && item->isHidden()) {
        m_filter->clear();
    }
    m_code = code;
    if (item) {
        // Rendered by onCurrentItemChanged unless the item is already current.
        const bool already = m_list->currentItem() == item;
        m_list->setCurrentItem(item);
        m_list->scrollToItem(item);
        if (already) {
            render();
        }
        return;
    }
    m_list->setCurrentItem(nullptr);
    m_list->clearSelection();
    render();
}

void FindingHelpDialog::present(const QString &code)
{
    showCode(code);
    show();
    raise();
    activateWindow();
}

void FindingHelpDialog::setFilterText(const QString &text)
{
    m_filter->setText(text);
}

QStringList FindingHelpDialog::visibleCodes() const
{
    QStringList codes;
    for (int g = 0; g < m_list->topLevelItemCount(); ++g) {
        const QTreeWidgetItem *group = m_list->topLevelItem(g);
        if (group->isHidden()) {
            continue;
        }
        for (int i = 0; i < group->childCount(); ++i) {
            if (!group->child(i)->isHidden()) {
                codes.append(group->child(i)->data(0, CodeRole).toString());
            }
        }
    }
    return codes;
}

void FindingHelpDialog::applyFilter(const QString &text)
{
    const QString needle = text.trimmed().toLower();
    int shown = 0;
    for (int g = 0; g < m_list->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_list->topLevelItem(g);
        int inGroup = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem *item = group->child(i);
            const bool match =
                needle.isEmpty() || item->data(0, SearchRole).toString().contains(needle);
            item->setHidden(!match);
            inGroup += match ? 1 : 0;
        }
        group->setHidden(inGroup == 0);
        shown += inGroup;
    }
    m_list->setVisible(shown > 0);
    m_noMatch->setVisible(shown == 0);
    // Follow the filter to its first match when the shown page was filtered out.
    QTreeWidgetItem *current = m_list->currentItem();
    if (shown > 0 && (!current || current->isHidden())) {
        const QStringList codes = visibleCodes();
        if (!codes.isEmpty()) {
            showCode(codes.first());
        }
    }
}

void FindingHelpDialog::onCurrentItemChanged(QTreeWidgetItem *current)
{
    if (!current) {
        return;
    }
    const QString code = current->data(0, CodeRole).toString();
    if (code.isEmpty()) {
        return; // an area heading
    }
    m_code = code;
    render();
}

void FindingHelpDialog::render()
{
    if (m_code.isEmpty()) {
        m_browser->clear();
        return;
    }
    m_browser->setHtml(joinCodeTokens(FindingHelp::html(m_code)));
}

void FindingHelpDialog::updateStyle()
{
    // The page's HTML has no colours of its own: code spans, links and the
    // story's rule come from the palette, so light and dark themes both read well.
    // The dialog's palette: children receive a palette change after their parent.
    const QPalette palette = this->palette();
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor codeBackground = mix(base, text, 0.08);
    const QColor muted = mix(base, text, 0.65);
    const QString css =
        QStringLiteral("h2 { margin-top: 0; }"
                       "h3 { margin-top: 14px; margin-bottom: 4px; }"
                       "code { background-color: %1; }"
                       "a { color: %2; text-decoration: none; }"
                       "small { color: %3; }"
                       "blockquote { margin-left: 12px; margin-right: 12px; }"
                       "li { margin-bottom: 4px; }")
            .arg(codeBackground.name(), palette.color(QPalette::Link).name(), muted.name());
    m_browser->document()->setDefaultStyleSheet(css);
    render();
}

void FindingHelpDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        updateStyle();
    } else if (event->type() == QEvent::LanguageChange) {
        const QString code = m_code;
        populate();
        applyFilter(m_filter->text());
        showCode(code);
    }
}

} // namespace Revscope
