#include "siphash.h"

namespace Revscope {

namespace {

inline quint64 rotl(quint64 x, int b)
{
    return (x << b) | (x >> (64 - b));
}

struct State
{
    quint64 v0, v1, v2, v3;

    void round()
    {
        v0 += v1;
        v1 = rotl(v1, 13);
        v1 ^= v0;
        v0 = rotl(v0, 32);
        v2 += v3;
        v3 = rotl(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = rotl(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = rotl(v1, 17);
        v1 ^= v2;
        v2 = rotl(v2, 32);
    }
};

} // namespace

quint64 SipHash::hash(int compressionRounds, int finalizationRounds, quint64 k0, quint64 k1,
                      const QByteArray &data)
{
    State s{k0 ^ 0x736f6d6570736575ULL, k1 ^ 0x646f72616e646f6dULL, k0 ^ 0x6c7967656e657261ULL,
            k1 ^ 0x7465646279746573ULL};
    const auto *p = reinterpret_cast<const uchar *>(data.constData());
    const qsizetype size = data.size();
    const qsizetype whole = size - size % 8;
    for (qsizetype i = 0; i < whole; i += 8) {
        quint64 m = 0;
        for (int b = 7; b >= 0; --b) {
            m = (m << 8) | p[i + b];
        }
        s.v3 ^= m;
        for (int r = 0; r < compressionRounds; ++r) {
            s.round();
        }
        s.v0 ^= m;
    }
    quint64 last = quint64(size & 0xff) << 56;
    for (qsizetype i = size - 1; i >= whole; --i) {
        last |= quint64(p[i]) << (8 * (i - whole));
    }
    s.v3 ^= last;
    for (int r = 0; r < compressionRounds; ++r) {
        s.round();
    }
    s.v0 ^= last;
    s.v2 ^= 0xff;
    for (int r = 0; r < finalizationRounds; ++r) {
        s.round();
    }
    return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

quint64 SipHash::hash24(quint64 k0, quint64 k1, const QByteArray &data)
{
    return hash(2, 4, k0, k1, data);
}

quint64 SipHash::hash13(quint64 k0, quint64 k1, const QByteArray &data)
{
    return hash(1, 3, k0, k1, data);
}

} // namespace Revscope
