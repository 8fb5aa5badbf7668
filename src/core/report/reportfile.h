#pragma once

#include <QString>

namespace Revscope {

struct Inspection;

enum class ReportFormat { Unknown, Html, Markdown };

// A report on disk: the format its name asks for, and writing it whole or
// not at all. Shared by `revscope report` and the window's Export Report….
class ReportFile
{
public:
    // .html / .htm and .md / .markdown, in any case.
    static ReportFormat formatOf(const QString &file);

    // Computes the walkthroughs and writes the report through QSaveFile: an
    // older file stays as it was when writing fails. False with `error` (the
    // reason, without the file name) when it could not be written.
    static bool save(const Inspection &inspection, const QString &file, ReportFormat format,
                     QString *error);
};

} // namespace Revscope
