#include "detailspane.h"

#include "detailshtml.h"

#include <QDesktopServices>
#include <QEvent>
#include <QFileInfo>
#include <QScrollBar>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace Revscope {

DetailsPane::DetailsPane(QWidget *parent) : QWidget(parent), m_browser(new QTextBrowser(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
    m_browser->setOpenLinks(false);
    m_browser->setOpenExternalLinks(false);
    m_browser->setFrameShape(QFrame::NoFrame);
    m_browser->document()->setDocumentMargin(14);
    m_browser->setPlaceholderText(tr("Select a revision or a finding to see its details."));
    connect(m_browser, &QTextBrowser::anchorClicked, this, &DetailsPane::activateLink);
    render();
}

void DetailsPane::setRevision(const InspectionPtr &inspection, int environmentIndex,
                              const QString &id)
{
    m_kind = inspection ? Kind::Revision : Kind::None;
    m_inspection = inspection;
    m_environmentIndex = environmentIndex;
    m_revisionId = id;
    m_finding = Finding();
    render();
}

void DetailsPane::setFinding(const InspectionPtr &inspection, const Finding &finding)
{
    m_kind = inspection ? Kind::Finding : Kind::None;
    m_inspection = inspection;
    m_environmentIndex = -1;
    m_revisionId.clear();
    m_finding = finding;
    render();
}

void DetailsPane::clear()
{
    m_kind = Kind::None;
    m_inspection.reset();
    m_environmentIndex = -1;
    m_revisionId.clear();
    m_finding = Finding();
    render();
}

void DetailsPane::render()
{
    const DetailsHtml::Colors colors = DetailsHtml::Colors::fromPalette(m_browser->palette());
    m_browser->document()->setDefaultStyleSheet(DetailsHtml::styleSheet(colors));
    switch (m_kind) {
    case Kind::None:
        m_browser->clear();
        return;
    case Kind::Revision:
        m_browser->setHtml(
            DetailsHtml::revision(*m_inspection, m_environmentIndex, m_revisionId, colors));
        break;
    case Kind::Finding:
        m_browser->setHtml(DetailsHtml::finding(*m_inspection, m_finding, colors));
        break;
    }
    m_browser->verticalScrollBar()->setValue(0);
}

void DetailsPane::activateLink(const QUrl &url)
{
    const DetailsHtml::Link link = DetailsHtml::parseLink(url);
    switch (link.kind) {
    case DetailsHtml::Link::Revision:
        Q_EMIT revisionLinkActivated(link.target);
        break;
    case DetailsHtml::Link::OpenFile:
        QDesktopServices::openUrl(QUrl::fromLocalFile(link.target));
        break;
    case DetailsHtml::Link::ShowInFolder:
        // Selecting the file needs each platform's file manager; its folder is portable.
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(link.target).absolutePath()));
        break;
    case DetailsHtml::Link::None:
        break;
    }
}

void DetailsPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        const int scroll = m_browser->verticalScrollBar()->value();
        render();
        m_browser->verticalScrollBar()->setValue(scroll);
    }
}

} // namespace Revscope
