#pragma once

#include "inspection/inspection.h"

#include <QByteArray>

namespace Revscope {

// `revscope check --format sarif`: SARIF 2.1.0, one run, one rule per
// finding code, locations relative to %SRCROOT% (the inspected root).
class SarifReport
{
public:
    static QByteArray check(const Inspection &inspection);
};

} // namespace Revscope
