#pragma once

#include "image/imagetarget.h"

namespace Revscope {

class JsonWriter;
struct Inspection;

// The JSON of image targets, as the contract's `revscope.image/1` writes them.
class ImageJson
{
public:
    // One element of `targets`. `extra` findings are written before the
    // target's own; `withFiles` false leaves out `files` (and `findings`,
    // which a check report lists at the top level).
    static void writeTarget(JsonWriter &json, const Inspection &inspection,
                            const ImageTarget &target, const Findings &extra = {},
                            bool withFiles = true);
    // The `reason` of a file: "Dockerfile:3 COPY . .", ".dockerignore:2 __pycache__/",
    // "not copied".
    static QString reason(const Inspection &inspection, const ContextFileFate &fate);
};

} // namespace Revscope
