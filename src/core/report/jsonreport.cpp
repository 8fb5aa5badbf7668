#include "jsonreport.h"

#include "image/imagejson.h"
#include "report/jsonwriter.h"

#include <QBuffer>

namespace Revscope {

namespace {

void writeRevision(JsonWriter &json, const Inspection &inspection, const EnvironmentInspection &env,
                   const Revision &revision)
{
    json.beginObject();
    json.key(QLatin1String("id"));
    json.value(revision.id);
    json.key(QLatin1String("down_revisions"));
    json.stringArray(revision.downRevisions);
    json.key(QLatin1String("depends_on"));
    json.stringArray(revision.dependsOn);
    json.key(QLatin1String("branch_labels"));
    json.stringArray(revision.branchLabels);
    json.key(QLatin1String("message"));
    json.stringOrNull(revision.message);
    json.key(QLatin1String("create_date"));
    json.stringOrNull(revision.createDate);
    json.key(QLatin1String("file"));
    json.stringOrNull(inspection.relativePath(revision.file));
    json.key(QLatin1String("origin"));
    json.value(originName(revision.origin));
    json.key(QLatin1String("db_state"));
    // A ghost has no script to run: it is neither applied nor pending.
    json.stringOrNull(revision.origin == RevisionOrigin::Missing
                          ? QString()
                          : dbStateName(env.dbState(revision.id)));
    json.endObject();
}

void writeEnvironment(JsonWriter &json, const Inspection &inspection,
                      const EnvironmentInspection &env)
{
    const AlembicEnvironment &e = env.environment;
    const RevisionGraph &graph = env.graph;
    json.beginObject();
    json.key(QLatin1String("config"));
    json.value(env.config);
    json.key(QLatin1String("section"));
    json.value(e.section);
    json.key(QLatin1String("name"));
    json.value(env.label);
    json.key(QLatin1String("script_location"));
    json.stringOrNull(inspection.relativePath(e.scriptLocation));
    json.key(QLatin1String("version_locations"));
    QStringList locations;
    for (const QString &location : e.versionLocations) {
        locations.append(inspection.relativePath(location));
    }
    json.stringArray(locations);
    json.key(QLatin1String("sourceless"));
    json.value(e.sourceless);
    json.key(QLatin1String("recursive_version_locations"));
    json.value(e.recursiveVersionLocations);
    json.key(QLatin1String("file_template"));
    json.value(e.fileTemplate);
    json.key(QLatin1String("revisions"));
    json.beginArray();
    for (const Revision &revision : graph.nodes()) {
        writeRevision(json, inspection, env, revision);
    }
    json.endArray();
    json.key(QLatin1String("heads"));
    json.stringArray(graph.heads());
    json.key(QLatin1String("bases"));
    json.stringArray(graph.bases());
    json.key(QLatin1String("branch_points"));
    json.stringArray(graph.branchPoints());
    json.key(QLatin1String("merge_points"));
    json.stringArray(graph.mergePoints());
    json.key(QLatin1String("history"));
    json.stringArray(graph.history());
    json.key(QLatin1String("database"));
    JsonReport::writeDatabase(json, env);
    json.endObject();
}

QLatin1String rowKindName(VersionRow::Kind kind)
{
    switch (kind) {
    case VersionRow::Exact:
        return QLatin1String("exact");
    case VersionRow::Resolved:
        return QLatin1String("partial");
    case VersionRow::Ambiguous:
        return QLatin1String("ambiguous");
    case VersionRow::Unknown:
        break;
    }
    return QLatin1String("unknown");
}

void writeBytecode(JsonWriter &json, const Inspection &inspection, const BytecodeInfo &file)
{
    const PycModule &module = file.pyc.module;
    // Revision fields only for a readable file that defines one.
    const bool readable = file.pyc.ok && !file.revision().isEmpty();
    json.beginObject();
    json.key(QLatin1String("file"));
    json.value(inspection.relativePath(file.path));
    json.key(QLatin1String("python"));
    json.stringOrNull(file.pythonVersion());
    json.key(QLatin1String("source"));
    json.stringOrNull(inspection.relativePath(file.sourcePath()));
    json.key(QLatin1String("status"));
    json.value(bytecodeStatusName(file.status));
    json.key(QLatin1String("revision"));
    json.stringOrNull(readable ? file.revision() : QString());
    json.key(QLatin1String("down_revisions"));
    json.stringArray(readable ? module.downRevisions : QStringList());
    // Additions to the contract.
    json.key(QLatin1String("revision_from"));
    json.stringOrNull(readable ? pycFieldSourceName(module.revisionSource) : QString());
    json.key(QLatin1String("depends_on"));
    json.stringArray(readable ? module.dependsOn : QStringList());
    json.key(QLatin1String("branch_labels"));
    json.stringArray(readable ? module.branchLabels : QStringList());
    json.key(QLatin1String("compiled_as"));
    json.stringOrNull(module.filename);
    json.key(QLatin1String("invalidation"));
    json.stringOrNull(file.pyc.headerOk ? pycInvalidationName(file.pyc.header.invalidation)
                                        : QString());
    json.key(QLatin1String("expected_source"));
    json.value(inspection.relativePath(file.name.sourcePath));
    json.key(QLatin1String("environment"));
    json.stringOrNull(file.environment);
    json.key(QLatin1String("in_version_location"));
    json.value(file.inVersionLocation);
    json.key(QLatin1String("stale_reason"));
    json.stringOrNull(file.staleReason);
    json.key(QLatin1String("error"));
    json.stringOrNull(file.pyc.ok ? QString() : file.pyc.error);
    json.endObject();
}

} // namespace

void JsonReport::writeFinding(JsonWriter &json, const Inspection &inspection,
                              const Finding &finding)
{
    json.beginObject();
    json.key(QLatin1String("code"));
    json.value(finding.code);
    json.key(QLatin1String("severity"));
    json.value(severityName(finding.severity));
    json.key(QLatin1String("message"));
    json.value(finding.message);
    json.key(QLatin1String("environment"));
    json.stringOrNull(finding.environment);
    json.key(QLatin1String("file"));
    json.stringOrNull(inspection.relativePath(finding.file));
    json.key(QLatin1String("line"));
    if (finding.line > 0) {
        json.value(finding.line);
    } else {
        json.null();
    }
    json.key(QLatin1String("revision"));
    json.stringOrNull(finding.revision);
    json.key(QLatin1String("fix"));
    json.stringOrNull(finding.fix);
    json.endObject();
}

void JsonReport::writeDatabase(JsonWriter &json, const EnvironmentInspection &env)
{
    if (!env.database) {
        json.null();
        return;
    }
    const DbStateCalculator &db = *env.database;
    const DatabaseState &state = db.database();
    json.beginObject();
    json.key(QLatin1String("url"));
    json.stringOrNull(state.url); // redacted by the reader
    json.key(QLatin1String("version_table"));
    json.value(state.versionTable);
    json.key(QLatin1String("schema"));
    json.stringOrNull(state.schema);
    json.key(QLatin1String("versions"));
    json.stringArray(state.versions);
    json.key(QLatin1String("error"));
    json.stringOrNull(state.isReadable() ? QString() : state.error);
    // Additions to the contract.
    json.key(QLatin1String("status"));
    json.value(databaseStatusName(state.status));
    json.key(QLatin1String("current"));
    json.stringArray(db.currentRevisions());
    json.key(QLatin1String("rows"));
    json.beginArray();
    for (const VersionRow &row : db.rows()) {
        json.beginObject();
        json.key(QLatin1String("version"));
        json.value(row.value);
        json.key(QLatin1String("resolution"));
        json.value(rowKindName(row.kind));
        json.key(QLatin1String("revisions"));
        json.stringArray(row.revisions);
        json.key(QLatin1String("candidates"));
        json.stringArray(row.candidates);
        json.key(QLatin1String("node"));
        json.stringOrNull(row.node);
        json.key(QLatin1String("node_origin"));
        json.stringOrNull(row.node.isEmpty() ? QString() : originName(row.nodeOrigin));
        json.key(QLatin1String("replaced_by"));
        json.stringOrNull(row.replacedBy);
        json.key(QLatin1String("overlaps"));
        json.stringArray(row.overlaps);
        json.key(QLatin1String("alembic_error"));
        json.stringOrNull(row.alembicError);
        json.endObject();
    }
    json.endArray();
    json.key(QLatin1String("pending"));
    json.value(db.pendingCount());
    json.key(QLatin1String("pending_per_head"));
    json.beginArray();
    for (const auto &head : db.pendingPerHead()) {
        json.beginObject();
        json.key(QLatin1String("head"));
        json.value(head.first);
        json.key(QLatin1String("pending"));
        json.value(head.second);
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

bool JsonReport::writeCheck(const Inspection &inspection, QIODevice *device)
{
    JsonWriter json(device);
    json.beginObject();
    json.key(QLatin1String("schema"));
    json.value(QLatin1String("revscope.check/1"));
    json.key(QLatin1String("root"));
    json.value(inspection.root);
    json.key(QLatin1String("environments"));
    json.beginArray();
    for (const EnvironmentInspection &env : inspection.environments) {
        writeEnvironment(json, inspection, env);
    }
    json.endArray();
    json.key(QLatin1String("bytecode"));
    json.beginArray();
    for (const BytecodeInfo &file : inspection.bytecode) {
        writeBytecode(json, inspection, file);
    }
    json.endArray();
    json.key(QLatin1String("findings"));
    json.beginArray();
    for (const Finding &finding : inspection.findings) {
        writeFinding(json, inspection, finding);
    }
    json.endArray();
    // An extension of revscope.check/1: the image targets, without their
    // file lists (`revscope image` has those); their findings are above.
    json.key(QLatin1String("images"));
    json.beginArray();
    for (const ImageTarget &target : inspection.images) {
        ImageJson::writeTarget(json, inspection, target, {}, false);
    }
    json.endArray();
    json.endObject();
    return json.flush();
}

QByteArray JsonReport::check(const Inspection &inspection)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    writeCheck(inspection, &buffer);
    return bytes;
}

} // namespace Revscope
