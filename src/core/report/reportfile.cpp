#include "reportfile.h"

#include "report/htmlreport.h"
#include "report/markdownreport.h"
#include "report/reportcontent.h"

#include <QFileInfo>
#include <QSaveFile>

namespace Revscope {

ReportFormat ReportFile::formatOf(const QString &file)
{
    const QString suffix = QFileInfo(file).suffix().toLower();
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) {
        return ReportFormat::Html;
    }
    if (suffix == QLatin1String("md") || suffix == QLatin1String("markdown")) {
        return ReportFormat::Markdown;
    }
    return ReportFormat::Unknown;
}

bool ReportFile::save(const Inspection &inspection, const QString &file, ReportFormat format,
                      QString *error)
{
    const Walkthroughs walkthroughs = ReportContent::walkthroughs(inspection);
    QSaveFile target(file);
    bool written = format != ReportFormat::Unknown && target.open(QIODevice::WriteOnly);
    if (written) {
        written = format == ReportFormat::Html
                      ? HtmlReport::write(inspection, walkthroughs, ReportOptions(), &target)
                      : MarkdownReport::write(inspection, walkthroughs, ReportOptions(), &target);
        written = written && target.commit();
    }
    if (!written) {
        target.cancelWriting();
        if (error) {
            *error = target.errorString();
        }
    }
    return written;
}

} // namespace Revscope
