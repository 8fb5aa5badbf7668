#pragma once

#include "inspection/inspection.h"

#include <QByteArray>

class QIODevice;

namespace Revscope {

class JsonWriter;

// `revscope check --format json`: schema revscope.check/1 of the contract.
class JsonReport
{
public:
    // Streams the report to `device`; false when it could not be written.
    static bool writeCheck(const Inspection &inspection, QIODevice *device);
    static QByteArray check(const Inspection &inspection);

    static void writeFinding(JsonWriter &json, const Inspection &inspection,
                             const Finding &finding);
    // The contract's `database` object of an environment (null without a
    // database), plus status, current, rows, pending and pending_per_head.
    static void writeDatabase(JsonWriter &json, const EnvironmentInspection &env);
};

} // namespace Revscope
