#include "pycmagic.h"

#include <iterator>

namespace Revscope {

namespace {

struct MagicRange
{
    quint16 first;
    quint16 last;
    quint16 step;
    int minor;
};

// Every number in the history, as runs (first..last by step) per minor version,
// alpha and beta numbers included.
constexpr MagicRange Ranges[] = {
    {3000, 3060, 10, 0}, {3061, 3101, 10, 0}, {3103, 3103, 1, 0},
    {3111, 3111, 1, 0},  {3131, 3131, 1, 0},                      // 3.0
    {3141, 3151, 10, 1},                                          // 3.1
    {3160, 3180, 10, 2},                                          // 3.2
    {3190, 3230, 10, 3},                                          // 3.3
    {3250, 3310, 10, 4},                                          // 3.4
    {3320, 3350, 10, 5}, {3351, 3351, 1, 5},                      // 3.5
    {3360, 3361, 1, 6},  {3370, 3373, 1, 6},  {3375, 3379, 1, 6}, // 3.6
    {3390, 3394, 1, 7},                                           // 3.7
    {3400, 3401, 1, 8},  {3410, 3413, 1, 8},                      // 3.8
    {3420, 3425, 1, 9},                                           // 3.9
    {3430, 3439, 1, 10},                                          // 3.10
    {3450, 3495, 1, 11},                                          // 3.11
    {3500, 3531, 1, 12},                                          // 3.12
    {3550, 3571, 1, 13},                                          // 3.13
    {3600, 3627, 1, 14},                                          // 3.14
};

constexpr quint16 ReleaseMagic[] = {3131, 3151, 3180, 3230, 3310, 3351, 3379, 3394,
                                    3413, 3425, 3439, 3495, 3531, 3571, 3627};

quint32 word(quint32 magic)
{
    if (magic > 0xffff && (magic >> 16) == 0x0a0d) {
        return magic & 0xffff;
    }
    return magic;
}

} // namespace

int PycMagic::minorVersion(quint32 magic)
{
    const quint32 number = word(magic);
    for (const MagicRange &range : Ranges) {
        if (number >= range.first && number <= range.last &&
            (number - range.first) % range.step == 0) {
            return range.minor;
        }
    }
    return -1;
}

QString PycMagic::version(quint32 magic)
{
    const int minor = minorVersion(magic);
    return minor < 0 ? QString() : QStringLiteral("3.%1").arg(minor);
}

bool PycMagic::hasFlags(quint32 magic)
{
    return minorVersion(magic) >= 7 && word(magic) >= 3392; // PEP 552 arrived in 3.7a4
}

int PycMagic::headerSize(quint32 magic)
{
    if (hasFlags(magic)) {
        return 16;
    }
    const int minor = minorVersion(magic);
    if (minor < 0) {
        return 0;
    }
    return word(magic) >= 3210 ? 12 : 8; // the source size arrived in 3.3a1
}

quint32 PycMagic::rawMagic(quint32 magic)
{
    return word(magic) | (quint32(0x0a0d) << 16);
}

quint32 PycMagic::releaseMagic(int minor)
{
    if (minor < 0 || minor >= int(std::size(ReleaseMagic))) {
        return 0;
    }
    return ReleaseMagic[minor];
}

} // namespace Revscope
