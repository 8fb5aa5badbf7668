#pragma once

#include <QStringList>

class QTextStream;

namespace Revscope {

// `revscope diff [PATH] --from REF --to REF [--format text|json]
// [--squash NEW=OLD1,OLD2]... [--db URL | --db-env NAME]`: the revision
// graphs of two git refs (read with libgit2, nothing checked out) or two
// folders compared, with the squash mapping (inferred, or confirmed with
// --squash) and its checks; with a database, whether its version table
// still names a revision the squash removed.
class DiffCommand
{
public:
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
};

} // namespace Revscope
