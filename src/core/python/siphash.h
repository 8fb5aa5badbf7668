#pragma once

#include <QByteArray>

namespace Revscope {

// SipHash with CPython's conventions: 64-bit keys k0/k1, bytes read little-endian.
// CPython's _imp.source_hash() uses SipHash-2-4 up to 3.10 and SipHash-1-3 since 3.11.
class SipHash
{
public:
    static quint64 hash24(quint64 k0, quint64 k1, const QByteArray &data);
    static quint64 hash13(quint64 k0, quint64 k1, const QByteArray &data);
    static quint64 hash(int compressionRounds, int finalizationRounds, quint64 k0, quint64 k1,
                        const QByteArray &data);
};

} // namespace Revscope
