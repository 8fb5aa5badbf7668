#pragma once

#include <QStringList>

class QTextStream;

namespace Revscope {

// `revscope clean [PATH] [--apply] [--undo [ID]] [--format text|json]
// [--whole-project] [--stale] [--no-dockerignore] [--quarantine]`: plans the
// removal of stray bytecode (a dry run), applies it journaled with --apply,
// and undoes a journaled cleanup with --undo (the latest of PATH without ID).
class CleanCommand
{
public:
    // `arguments` start with "clean".
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
};

} // namespace Revscope
