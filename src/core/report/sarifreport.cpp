#include "sarifreport.h"

#include "help/findinghelp.h"
#include "report/findingcatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrl>

namespace Revscope {

namespace {

QString sarifLevel(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return QStringLiteral("error");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Info:
        return QStringLiteral("note");
    }
    return QStringLiteral("none");
}

QJsonObject text(const QString &s)
{
    return QJsonObject{{QStringLiteral("text"), s}};
}

} // namespace

QByteArray SarifReport::check(const Inspection &inspection)
{
    QJsonArray rules;
    QHash<QString, int> ruleIndex;
    auto ensureRule = [&](const QString &code) {
        auto it = ruleIndex.constFind(code);
        if (it != ruleIndex.constEnd()) {
            return *it;
        }
        const FindingKind kind = FindingCatalog::kind(code);
        QJsonObject rule{
            {QStringLiteral("id"), code},
            {QStringLiteral("name"), code},
            {QStringLiteral("shortDescription"), text(kind.title)},
            {QStringLiteral("defaultConfiguration"),
             QJsonObject{{QStringLiteral("level"), sarifLevel(kind.defaultSeverity)}}},
        };
        if (FindingHelp::hasPage(code)) {
            // The "About this finding" page, for viewers that show rule help.
            const FindingHelpPage page = FindingHelp::page(code);
            rule.insert(QStringLiteral("fullDescription"), text(page.cause));
            rule.insert(QStringLiteral("help"),
                        QJsonObject{{QStringLiteral("text"), FindingHelp::text(page, 0)},
                                    {QStringLiteral("markdown"), FindingHelp::markdown(code)}});
        }
        if (!kind.area.isEmpty()) {
            rule.insert(QStringLiteral("properties"),
                        QJsonObject{{QStringLiteral("tags"), QJsonArray{kind.area}}});
        }
        rules.append(rule);
        const int index = int(rules.size()) - 1;
        ruleIndex.insert(code, index);
        return index;
    };

    QJsonArray results;
    for (const Finding &finding : inspection.findings) {
        QJsonObject result{
            {QStringLiteral("ruleId"), finding.code},
            {QStringLiteral("ruleIndex"), ensureRule(finding.code)},
            {QStringLiteral("level"), sarifLevel(finding.severity)},
            {QStringLiteral("message"), text(finding.message)},
        };
        if (!finding.file.isEmpty()) {
            QJsonObject artifact{{QStringLiteral("uri"), inspection.relativePath(finding.file)}};
            if (!QDir::isAbsolutePath(inspection.relativePath(finding.file))) {
                artifact.insert(QStringLiteral("uriBaseId"), QStringLiteral("%SRCROOT%"));
            }
            QJsonObject physical{{QStringLiteral("artifactLocation"), artifact}};
            if (finding.line > 0) {
                physical.insert(QStringLiteral("region"),
                                QJsonObject{{QStringLiteral("startLine"), finding.line}});
            }
            result.insert(QStringLiteral("locations"),
                          QJsonArray{QJsonObject{{QStringLiteral("physicalLocation"), physical}}});
        }
        QJsonObject properties;
        if (!finding.environment.isEmpty()) {
            properties.insert(QStringLiteral("environment"), finding.environment);
        }
        if (!finding.revision.isEmpty()) {
            properties.insert(QStringLiteral("revision"), finding.revision);
        }
        if (!properties.isEmpty()) {
            result.insert(QStringLiteral("properties"), properties);
        }
        if (!finding.fix.isEmpty()) {
            // SARIF "fixes" require concrete replacements; a textual hint
            // belongs in the message's markdown-free companion instead.
            result.insert(
                QStringLiteral("message"),
                text(finding.message + QLatin1Char(' ') +
                     QCoreApplication::translate("SarifReport", "Fix: %1").arg(finding.fix)));
        }
        results.append(result);
    }

    QString rootUri = QUrl::fromLocalFile(inspection.root).toString();
    if (!rootUri.endsWith(QLatin1Char('/'))) {
        rootUri += QLatin1Char('/');
    }
    const QJsonObject driver{
        {QStringLiteral("name"), QStringLiteral("Revscope")},
        {QStringLiteral("version"), QCoreApplication::applicationVersion()},
        {QStringLiteral("rules"), rules},
    };
    const QJsonObject run{
        {QStringLiteral("tool"), QJsonObject{{QStringLiteral("driver"), driver}}},
        {QStringLiteral("originalUriBaseIds"),
         QJsonObject{{QStringLiteral("%SRCROOT%"), QJsonObject{{QStringLiteral("uri"), rootUri}}}}},
        {QStringLiteral("results"), results},
    };
    const QJsonObject log{
        {QStringLiteral("$schema"),
         QStringLiteral("https://json.schemastore.org/sarif-2.1.0.json")},
        {QStringLiteral("version"), QStringLiteral("2.1.0")},
        {QStringLiteral("runs"), QJsonArray{run}},
    };
    return QJsonDocument(log).toJson(QJsonDocument::Indented);
}

} // namespace Revscope
