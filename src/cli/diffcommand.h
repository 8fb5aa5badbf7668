#pragma once

#include <QStringList>

class QTextStream;

namespace Revscope {

// `revscope diff [PATH] --from REF --to REF [--format text|json]`: the
// revision graphs of two git refs (read with libgit2, nothing checked out)
// or two folders compared, with the inferred squash mapping and its checks.
class DiffCommand
{
public:
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
};

} // namespace Revscope
