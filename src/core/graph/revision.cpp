#include "revision.h"

namespace Revscope {

QString originName(RevisionOrigin origin)
{
    switch (origin) {
    case RevisionOrigin::Source:
        return QStringLiteral("source");
    case RevisionOrigin::Bytecode:
        return QStringLiteral("bytecode");
    case RevisionOrigin::Missing:
        return QStringLiteral("missing");
    }
    return QString();
}

} // namespace Revscope
