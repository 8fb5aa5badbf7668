#pragma once

#include <QStringList>

class QTextStream;

namespace Revscope {

// `revscope db status [PATH] --db URL [--format text|json] [--config INI]`:
// the version table of each environment's database read against its graph.
// `revscope db stamp [PATH] --db URL REV... [--yes]`: rewrite the version
// table to exactly REV... (a dry run without --yes), journaled;
// `revscope db stamp [PATH] --db URL --undo [ID] [--yes]` restores it.
class DbCommand
{
public:
    // `arguments` start with "db".
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

private:
    static int status(const QStringList &arguments, QTextStream &out, QTextStream &err);
    static int stamp(const QStringList &arguments, QTextStream &out, QTextStream &err);
};

} // namespace Revscope
