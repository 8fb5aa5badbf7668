#pragma once

#include "inspection/inspection.h"

#include <QByteArray>
#include <QJsonObject>

namespace Revscope {

// `revscope check --format json`: schema revscope.check/1 of the contract.
class JsonReport
{
public:
    static QJsonObject checkObject(const Inspection &inspection);
    static QByteArray check(const Inspection &inspection);

    static QJsonObject findingObject(const Inspection &inspection, const Finding &finding);
};

} // namespace Revscope
