#include "imagejson.h"

#include "inspection/inspection.h"
#include "report/jsonreport.h"
#include "report/jsonwriter.h"

namespace Revscope {

namespace {

QString relative(const Inspection &inspection, const QString &path)
{
    if (path == inspection.root) {
        return QStringLiteral(".");
    }
    return inspection.relativePath(path);
}

} // namespace

QString ImageJson::reason(const Inspection &inspection, const ContextFileFate &fate)
{
    if (fate.kind == ContextFileFate::Kind::NotCopied) {
        return QStringLiteral("not copied");
    }
    QString text = QStringLiteral("%1:%2 %3")
                       .arg(relative(inspection, fate.reasonFile), QString::number(fate.reasonLine),
                            fate.reasonText);
    if (!fate.viaStage.isEmpty()) {
        text += QStringLiteral(" (from stage %1)").arg(fate.viaStage);
    }
    return text;
}

void ImageJson::writeTarget(JsonWriter &json, const Inspection &inspection,
                            const ImageTarget &target, const Findings &extra, bool withFiles)
{
    const ImageSimulation &sim = target.simulation;
    json.beginObject();
    json.key(QLatin1String("service"));
    json.stringOrNull(target.service);
    json.key(QLatin1String("compose_file"));
    json.stringOrNull(relative(inspection, target.composeFile));
    json.key(QLatin1String("dockerfile"));
    json.value(relative(inspection, sim.dockerfile));
    json.key(QLatin1String("context"));
    json.value(relative(inspection, sim.context));
    json.key(QLatin1String("ignore_file"));
    json.stringOrNull(relative(inspection, sim.ignoreFile));
    json.key(QLatin1String("workdir"));
    json.value(target.workdir);
    json.key(QLatin1String("command"));
    json.stringArray(target.entrypoint + target.command);
    if (withFiles) {
        json.key(QLatin1String("files"));
        json.beginArray();
        // Paths relative to the project root, as the contract wants them.
        const QString prefix =
            sim.context == inspection.root ? QString() : relative(inspection, sim.context) + u'/';
        for (const ContextFileFate &fate : sim.files) {
            json.beginObject();
            json.key(QLatin1String("context_path"));
            json.value(prefix + fate.contextPath);
            json.key(QLatin1String("image_path"));
            json.stringOrNull(fate.included ? fate.imagePath : QString());
            json.key(QLatin1String("included"));
            json.value(fate.included);
            json.key(QLatin1String("reason"));
            json.value(reason(inspection, fate));
            json.endObject();
        }
        json.endArray();
        json.key(QLatin1String("findings"));
        json.beginArray();
        for (const Finding &finding : extra) {
            JsonReport::writeFinding(json, inspection, finding);
        }
        for (const Finding &finding : target.findings) {
            JsonReport::writeFinding(json, inspection, finding);
        }
        json.endArray();
    }
    json.endObject();
}

} // namespace Revscope
