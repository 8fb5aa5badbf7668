#pragma once

#include <QString>

namespace Revscope {

// CPython 3.0–3.14 .pyc magic numbers, from the history CPython keeps in
// importlib/_bootstrap_external.py (Include/internal/pycore_magic_number.h since 3.14).
class PycMagic
{
public:
    // The minor version (3.<minor>) that wrote this magic number, or -1 when unknown.
    // `magic` is the 2-byte number; the trailing \r\n may be included.
    static int minorVersion(quint32 magic);
    // "3.11"; empty when unknown.
    static QString version(quint32 magic);
    // The header size this magic number's pycs have: 8 (3.0–3.2), 12 (3.3–3.7a3), 16 (PEP 552).
    static int headerSize(quint32 magic);
    // Whether the header has PEP 552's flags word.
    static bool hasFlags(quint32 magic);
    // The 4-byte key CPython passes to _imp.source_hash(): the magic with its \r\n.
    static quint32 rawMagic(quint32 magic);
    // The magic number of a released 3.<minor> (its final one), or 0.
    static quint32 releaseMagic(int minor);
};

} // namespace Revscope
