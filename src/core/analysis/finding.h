#pragma once

#include <QList>
#include <QString>

namespace Revscope {

enum class Severity { Info, Warning, Error };

QString severityName(Severity severity);  // "error", "warning", "info" (JSON, options)
QString severityLabel(Severity severity); // translated, capitalised, for people
// Parses "error", "warning", "info"; returns false on anything else.
bool parseSeverity(const QString &text, Severity *severity);

// One thing wrong with a project, located as precisely as we can.
// `file` is an absolute path (report writers make it relative to the root);
// `line` is 1-based, 0 when unknown.
struct Finding
{
    QString code;
    Severity severity = Severity::Warning;
    QString message;
    QString environment; // config label of the environment, empty for project-wide findings
    QString file;
    int line = 0;
    QString revision;
    QString fix;

    // The fields every producer fills; the rest keep their defaults.
    static Finding make(const QString &code, Severity severity, const QString &message,
                        const QString &file = QString(), int line = 0);
};

using Findings = QList<Finding>;

} // namespace Revscope
