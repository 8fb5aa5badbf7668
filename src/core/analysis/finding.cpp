#include "finding.h"

#include <QCoreApplication>

namespace Revscope {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        return QStringLiteral("error");
    }
    return QString();
}

QString severityLabel(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QCoreApplication::translate("Severity", "Info");
    case Severity::Warning:
        return QCoreApplication::translate("Severity", "Warning");
    case Severity::Error:
        return QCoreApplication::translate("Severity", "Error");
    }
    return QString();
}

Finding Finding::make(const QString &code, Severity severity, const QString &message,
                      const QString &file, int line)
{
    Finding finding;
    finding.code = code;
    finding.severity = severity;
    finding.message = message;
    finding.file = file;
    finding.line = line;
    return finding;
}

bool parseSeverity(const QString &text, Severity *severity)
{
    if (text == QLatin1String("error")) {
        *severity = Severity::Error;
    } else if (text == QLatin1String("warning")) {
        *severity = Severity::Warning;
    } else if (text == QLatin1String("info")) {
        *severity = Severity::Info;
    } else {
        return false;
    }
    return true;
}

} // namespace Revscope
