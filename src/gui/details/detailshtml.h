#pragma once

#include "analysis/finding.h"
#include "inspection/inspection.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

class QPalette;

namespace Revscope {

// The rich text of the details pane, built apart from the widget so it is
// tested without one. Every value read from the project (ids, messages,
// paths) is HTML-escaped: a docstring may hold markup.
class DetailsHtml
{
    Q_DECLARE_TR_FUNCTIONS(DetailsHtml)
public:
    // Colours as CSS names, picked for a light or a dark palette.
    struct Colors
    {
        QString text;
        QString muted;
        QString link;
        QString error;
        QString warning;
        QString info;
        QString ok;
        QString panel;  // background of badges and the fix box
        QString border; // lines between sections

        static Colors fromPalette(const QPalette &palette);
        static Colors light();
        static Colors dark();
    };

    // What a link of the pane asks for.
    struct Link
    {
        enum Kind {
            None,
            Revision,     // `target`: a revision id
            OpenFile,     // `target`: an absolute path; open it in the desktop's editor
            ShowInFolder, // `target`: an absolute path; open its folder
        };
        Kind kind = None;
        QString target;
        int line = 0;
    };

    static QUrl revisionUrl(const QString &id);
    static QUrl fileUrl(Link::Kind kind, const QString &path, int line = 0);
    static Link parseLink(const QUrl &url);

    // One revision of `environments[environmentIndex]`: its facts, relations,
    // origin, file, bytecode, database state and findings.
    static QString revision(const Inspection &inspection, int environmentIndex, const QString &id,
                            const Colors &colors);
    static QString finding(const Inspection &inspection, const Finding &finding,
                           const Colors &colors);
    // Style sheet for the QTextDocument showing the HTML.
    static QString styleSheet(const Colors &colors);

    // The .pyc files that define revision `id` of the environment, or are
    // compiled from its script.
    static BytecodeInfos bytecodeOf(const Inspection &inspection, int environmentIndex,
                                    const QString &id);
    // The findings naming revision `id` in the environment (or project-wide).
    static Findings findingsOf(const Inspection &inspection, int environmentIndex,
                               const QString &id);
};

} // namespace Revscope
