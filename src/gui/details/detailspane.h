#pragma once

#include "analysis/finding.h"
#include "inspection/inspection.h"

#include <QWidget>

class QTextBrowser;
class QUrl;

namespace Revscope {

// The details of the selected revision or finding, as rich text with links:
// related revisions (emitted as revisionLinkActivated), and the file, opened
// with the desktop's editor or file manager.
class DetailsPane final : public QWidget
{
    Q_OBJECT
public:
    explicit DetailsPane(QWidget *parent = nullptr);

    void setRevision(const InspectionPtr &inspection, int environmentIndex, const QString &id);
    void setFinding(const InspectionPtr &inspection, const Finding &finding);
    void clear();

    // The revision shown, or empty when showing a finding or nothing.
    QString revisionId() const { return m_kind == Kind::Revision ? m_revisionId : QString(); }
    int environmentIndex() const { return m_environmentIndex; }
    QTextBrowser *browser() const { return m_browser; }

    // Follows a link of the pane (what a click on it does).
    void activateLink(const QUrl &url);

Q_SIGNALS:
    void revisionLinkActivated(const QString &id);

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class Kind { None, Revision, Finding };
    void render();

    QTextBrowser *m_browser = nullptr;
    Kind m_kind = Kind::None;
    InspectionPtr m_inspection;
    int m_environmentIndex = -1;
    QString m_revisionId;
    Finding m_finding;
};

} // namespace Revscope
