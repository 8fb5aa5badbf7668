#pragma once

#include <QStringList>

class QTextStream;

namespace Revscope {

// `revscope lock [PATH]`: writes PATH/revscope.lock, the sha256 of every
// revision script, so `check` can report released migrations that were
// edited or removed afterwards.
class LockCommand
{
public:
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
};

} // namespace Revscope
