#pragma once

#include "inspection/inspection.h"

#include <QString>

#include <atomic>
#include <functional>

namespace Revscope {

struct InspectOptions
{
    QString root;
    // Only this config file (absolute, or relative to root); empty: every
    // environment found under root.
    QString configFile;
};

// Builds an Inspection: scan, read scripts, build graphs, analyze. Pure
// function of the file system; safe to call from any thread.
class Inspector
{
public:
    // done/total count script files; `what` names the current step.
    using Progress = std::function<void(int done, int total, const QString &what)>;

    static InspectionPtr inspect(const InspectOptions &options, const Progress &progress = {},
                                 const std::atomic_bool *cancel = nullptr);
};

} // namespace Revscope
