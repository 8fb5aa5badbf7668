#pragma once

#include <QStringList>

class QTextStream;

namespace Revscope {

// `revscope image [PATH] [--compose FILE --service NAME | --dockerfile FILE [--context DIR]]
//                 [--format text|json]`: which context files land where in the image, and
// the Alembic-aware image checks. JSON is the contract's `revscope.image/1`.
class ImageCommand
{
public:
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
};

} // namespace Revscope
