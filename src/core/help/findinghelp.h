#pragma once

#include "analysis/finding.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Revscope {

// "About this finding": what a finding code means, a short story of how it
// bites, and how to fix it. Text fields are translated; `cause` and `story`
// are plain paragraphs, `fix` holds one step per line; `backticks` mark code.
struct FindingHelpPage
{
    QString code;
    QString area; // the catalog's area: files, config, graph, ...
    QString title;
    QString cause;
    QString story;
    QString fix;
    Severity defaultSeverity = Severity::Warning;
};

class FindingHelp
{
public:
    // The page of `code`; a generic page for a code no page describes.
    static FindingHelpPage page(const QString &code);
    // True when `code` has its own page (not the generic one).
    static bool hasPage(const QString &code);
    // One page per catalog code, in catalog order (grouped by area).
    static QList<FindingHelpPage> pages();

    // The catalog's areas in display order, and their translated names.
    // (Severities: severityLabel() of analysis/finding.h.)
    static QStringList areas();
    static QString areaName(const QString &area);

    // A self-contained HTML fragment (no <html>/<body>, no colours) for
    // QTextBrowser and reports. Codes of other pages mentioned in the text
    // link to `#help-<code>` (see anchorCode()).
    static QString html(const QString &code);
    static QString html(const FindingHelpPage &page);
    // The code an `#help-<code>` link names; empty for other links.
    static QString anchorCode(const QString &href);

    // Plain text wrapped at `width` columns (0: no wrapping), for terminals.
    static QString text(const QString &code, int width = 80);
    static QString text(const FindingHelpPage &page, int width = 80);
    // Markdown, for SARIF rule help.
    static QString markdown(const QString &code);

    // Known codes closest to a mistyped one, best first (at most `max`).
    static QStringList closestCodes(const QString &code, int max = 3);

    // Words of `text` filled into lines of at most `width` columns (0: one
    // line; a longer word gets a line of its own). `first` starts the first
    // line, `rest` the others.
    static QStringList wrap(const QString &text, int width, const QString &first = QString(),
                            const QString &rest = QString());
};

} // namespace Revscope
