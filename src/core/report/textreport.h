#pragma once

#include "inspection/inspection.h"

#include <QString>

namespace Revscope {

// `revscope check` for a person in a terminal: grouped by environment, a
// one-line summary, colour only when asked (the CLI asks when stdout is a TTY).
class TextReport
{
public:
    struct Options
    {
        bool color = false;
    };

    static QString check(const Inspection &inspection, const Options &options);
    static QString summaryLine(const Inspection &inspection);
    // "error", "warning", "info" in the user's language, for text output.
    static QString severityWord(Severity severity);
    // "database: <redacted url>  versions: <rows>  (<status>)".
    static QString databaseLine(const DbStateCalculator &db);
    // "up to date", "3 pending migration(s)", "no version table", ...
    static QString databaseStatus(const DbStateCalculator &db);
};

} // namespace Revscope
