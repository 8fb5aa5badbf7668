#include "marshalreader.h"

#include <QCoreApplication>
#include <QStringList>

#include <cmath>
#include <cstring>
#include <limits>

namespace Revscope {

namespace {

// CPython's marshal type codes (Python/marshal.c).
enum : quint8 {
    TypeNull = '0',
    TypeNone = 'N',
    TypeFalse = 'F',
    TypeTrue = 'T',
    TypeStopIter = 'S',
    TypeEllipsis = '.',
    TypeInt = 'i',
    TypeInt64 = 'I', // only read by CPython 3.x, never written
    TypeFloat = 'f',
    TypeBinaryFloat = 'g',
    TypeComplex = 'x',
    TypeBinaryComplex = 'y',
    TypeLong = 'l',
    TypeString = 's',
    TypeInterned = 't',
    TypeRef = 'r',
    TypeTuple = '(',
    TypeList = '[',
    TypeDict = '{',
    TypeCode = 'c',
    TypeUnicode = 'u',
    TypeUnknown = '?',
    TypeSet = '<',
    TypeFrozenSet = '>',
    TypeAscii = 'a',
    TypeAsciiInterned = 'A',
    TypeSmallTuple = ')',
    TypeShortAscii = 'z',
    TypeShortAsciiInterned = 'Z',
    TypeSlice = ':', // 3.14
    FlagRef = 0x80,
};

// Longs wider than this many 15-bit digits are shown in hex: decimal conversion
// is quadratic, and CPython itself refuses str() of huge ints since 3.11.
constexpr qsizetype MaxDecimalLongDigits = 200;

MarshalValue::Ptr singleton(MarshalValue::Type type)
{
    auto value = std::make_shared<MarshalValue>();
    value->type = type;
    return value;
}

QString longToText(std::vector<quint16> digits, bool negative)
{
    const QString sign = negative ? QStringLiteral("-") : QString();
    if (digits.size() <= 4) {
        quint64 value = 0;
        for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
            value = (value << 15) | *it;
        }
        return sign + QString::number(value);
    }
    if (qsizetype(digits.size()) > MaxDecimalLongDigits) {
        // Hex straight from the bits, most significant nibble first.
        QString hex;
        quint32 acc = 0;
        int accBits = 0;
        QString reversed;
        for (quint16 digit : digits) {
            acc |= quint32(digit) << accBits;
            accBits += 15;
            while (accBits >= 4) {
                reversed.append(QLatin1Char("0123456789abcdef"[acc & 0xf]));
                acc >>= 4;
                accBits -= 4;
            }
        }
        if (acc != 0) {
            reversed.append(QLatin1Char("0123456789abcdef"[acc & 0xf]));
        }
        while (reversed.size() > 1 && reversed.endsWith(QLatin1Char('0'))) {
            reversed.chop(1);
        }
        hex.reserve(reversed.size());
        for (auto it = reversed.crbegin(); it != reversed.crend(); ++it) {
            hex.append(*it);
        }
        return sign + QStringLiteral("0x") + hex;
    }
    // Repeated division by 10^4, least significant group first.
    QStringList groups;
    while (!digits.empty()) {
        quint32 remainder = 0;
        for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
            const quint32 current = (remainder << 15) | *it;
            *it = quint16(current / 10000);
            remainder = current % 10000;
        }
        while (!digits.empty() && digits.back() == 0) {
            digits.pop_back();
        }
        groups.prepend(digits.empty()
                           ? QString::number(remainder)
                           : QStringLiteral("%1").arg(remainder, 4, 10, QLatin1Char('0')));
    }
    return sign + groups.join(QString());
}

bool parseFloatText(const QByteArray &text, double *value)
{
    const QByteArray lower = text.trimmed().toLower();
    if (lower == "inf" || lower == "+inf") {
        *value = std::numeric_limits<double>::infinity();
        return true;
    }
    if (lower == "-inf") {
        *value = -std::numeric_limits<double>::infinity();
        return true;
    }
    if (lower == "nan" || lower == "+nan" || lower == "-nan") {
        *value = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    bool ok = false;
    *value = lower.toDouble(&ok);
    return ok;
}

} // namespace

QString MarshalValue::typeName() const
{
    switch (type) {
    case Type::Null:
        return QStringLiteral("NULL");
    case Type::None:
        return QStringLiteral("NoneType");
    case Type::False:
    case Type::True:
        return QStringLiteral("bool");
    case Type::StopIteration:
        return QStringLiteral("StopIteration");
    case Type::Ellipsis:
        return QStringLiteral("ellipsis");
    case Type::Int:
        return QStringLiteral("int");
    case Type::Float:
        return QStringLiteral("float");
    case Type::Complex:
        return QStringLiteral("complex");
    case Type::Bytes:
        return QStringLiteral("bytes");
    case Type::String:
        return QStringLiteral("str");
    case Type::Tuple:
        return QStringLiteral("tuple");
    case Type::List:
        return QStringLiteral("list");
    case Type::Dict:
        return QStringLiteral("dict");
    case Type::Set:
        return QStringLiteral("set");
    case Type::FrozenSet:
        return QStringLiteral("frozenset");
    case Type::Code:
        return QStringLiteral("code");
    case Type::Slice:
        return QStringLiteral("slice");
    }
    return QString();
}

const std::vector<MarshalValue::Ptr> &MarshalCode::itemsOf(const MarshalValue::Ptr &value)
{
    static const std::vector<MarshalValue::Ptr> empty;
    return value ? value->items : empty;
}

MarshalReader::MarshalReader(const QByteArray &data, CodeLayout layout)
    : m_data(data), m_layout(layout)
{}

MarshalReader::CodeLayout MarshalReader::layoutForMinor(int minor)
{
    if (minor >= 11) {
        return CodeLayout::Py311;
    }
    if (minor >= 8) {
        return CodeLayout::Py38;
    }
    return CodeLayout::Py30;
}

MarshalValue::Ptr MarshalReader::read(qsizetype offset)
{
    m_pos = offset;
    m_objects = 0;
    m_refs.clear();
    m_error.clear();
    m_errorOffset = -1;
    if (offset < 0 || offset > m_data.size()) {
        fail(QCoreApplication::translate("MarshalReader", "offset outside the data"));
        return nullptr;
    }
    MarshalValue::Ptr value = readObject(0);
    if (value && value->type == MarshalValue::Type::Null) {
        fail(QCoreApplication::translate("MarshalReader", "NULL object in marshal data"));
        return nullptr;
    }
    return value;
}

bool MarshalReader::fail(const QString &message)
{
    if (m_error.isEmpty()) {
        m_error = message;
        m_errorOffset = m_pos;
    }
    return false;
}

bool MarshalReader::need(qint64 count)
{
    if (count < 0 || count > qint64(m_data.size() - m_pos)) {
        return fail(
            QCoreApplication::translate(
                "MarshalReader", "truncated marshal data: %1 bytes needed at offset %2, %3 left")
                .arg(count)
                .arg(m_pos)
                .arg(m_data.size() - m_pos));
    }
    return true;
}

bool MarshalReader::readByte(quint8 *value)
{
    if (!need(1)) {
        return false;
    }
    *value = quint8(m_data.at(m_pos));
    ++m_pos;
    return true;
}

bool MarshalReader::readInt32(qint32 *value)
{
    if (!need(4)) {
        return false;
    }
    const auto *p = reinterpret_cast<const uchar *>(m_data.constData() + m_pos);
    const quint32 raw =
        quint32(p[0]) | (quint32(p[1]) << 8) | (quint32(p[2]) << 16) | (quint32(p[3]) << 24);
    *value = qint32(raw);
    m_pos += 4;
    return true;
}

bool MarshalReader::readLength(qint64 minItemSize, qint32 *length)
{
    const qsizetype at = m_pos;
    if (!readInt32(length)) {
        return false;
    }
    if (*length < 0) {
        m_pos = at;
        return fail(
            QCoreApplication::translate("MarshalReader", "bad marshal data: negative length %1")
                .arg(*length));
    }
    // Each item takes at least `minItemSize` bytes, so a length the rest of the
    // data cannot hold is rejected before anything is allocated for it.
    if (qint64(*length) * minItemSize > qint64(m_data.size() - m_pos)) {
        m_pos = at;
        return fail(
            QCoreApplication::translate(
                "MarshalReader", "bad marshal data: declared length %1 exceeds the %2 bytes left")
                .arg(*length)
                .arg(m_data.size() - at - 4));
    }
    return true;
}

MarshalValue::Ptr MarshalReader::readObject(int depth)
{
    if (depth > m_maxDepth) {
        fail(QCoreApplication::translate("MarshalReader",
                                         "marshal data nested deeper than %1 levels")
                 .arg(m_maxDepth));
        return nullptr;
    }
    if (++m_objects > m_maxObjects) {
        fail(QCoreApplication::translate("MarshalReader", "more than %1 objects in marshal data")
                 .arg(m_maxObjects));
        return nullptr;
    }
    const qsizetype start = m_pos;
    quint8 code = 0;
    if (!readByte(&code)) {
        return nullptr;
    }
    const bool flag = (code & FlagRef) != 0;
    const quint8 type = code & ~FlagRef;

    // Simple values get their reference slot once read, containers before their
    // children (as CPython does), so children can never complete a cycle.
    auto finishSimple = [&](std::shared_ptr<MarshalValue> value) -> MarshalValue::Ptr {
        if (flag) {
            m_refs.push_back(value);
        }
        return value;
    };
    auto reserve = [&]() -> qsizetype {
        if (!flag) {
            return -1;
        }
        m_refs.push_back(nullptr);
        return qsizetype(m_refs.size()) - 1;
    };
    auto finishReserved = [&](qsizetype slot,
                              std::shared_ptr<MarshalValue> value) -> MarshalValue::Ptr {
        if (slot >= 0) {
            m_refs[size_t(slot)] = value;
        }
        return value;
    };
    auto readItems = [&](std::vector<MarshalValue::Ptr> *items, qint32 count) -> bool {
        items->reserve(size_t(count));
        for (qint32 i = 0; i < count; ++i) {
            MarshalValue::Ptr item = readObject(depth + 1);
            if (!item) {
                return false;
            }
            if (item->type == MarshalValue::Type::Null) {
                return fail(QCoreApplication::translate(
                    "MarshalReader", "NULL object in marshal data for a container"));
            }
            items->push_back(std::move(item));
        }
        return true;
    };

    switch (type) {
    case TypeNull:
        return singleton(MarshalValue::Type::Null);
    case TypeNone:
        return singleton(MarshalValue::Type::None);
    case TypeFalse:
        return singleton(MarshalValue::Type::False);
    case TypeTrue:
        return singleton(MarshalValue::Type::True);
    case TypeStopIter:
        return singleton(MarshalValue::Type::StopIteration);
    case TypeEllipsis:
        return singleton(MarshalValue::Type::Ellipsis);
    case TypeInt: {
        qint32 n = 0;
        if (!readInt32(&n)) {
            return nullptr;
        }
        auto value = std::make_shared<MarshalValue>();
        value->type = MarshalValue::Type::Int;
        value->text = QString::number(n);
        return finishSimple(value);
    }
    case TypeInt64: {
        qint32 low = 0;
        qint32 high = 0;
        if (!readInt32(&low) || !readInt32(&high)) {
            return nullptr;
        }
        auto value = std::make_shared<MarshalValue>();
        value->type = MarshalValue::Type::Int;
        value->text = QString::number(qint64((quint64(quint32(high)) << 32) | quint32(low)));
        return finishSimple(value);
    }
    case TypeLong: {
        qint32 n = 0;
        if (!readInt32(&n)) {
            return nullptr;
        }
        if (n == std::numeric_limits<qint32>::min()) {
            fail(QCoreApplication::translate("MarshalReader",
                                             "bad marshal data: long size out of range"));
            return nullptr;
        }
        const qint64 size = n < 0 ? -qint64(n) : qint64(n);
        if (!need(size * 2)) {
            return nullptr;
        }
        std::vector<quint16> digits;
        digits.reserve(size_t(size));
        for (qint64 i = 0; i < size; ++i) {
            const auto *p = reinterpret_cast<const uchar *>(m_data.constData() + m_pos);
            const quint16 digit = quint16(p[0] | (p[1] << 8));
            if (digit >= 0x8000) {
                fail(QCoreApplication::translate("MarshalReader",
                                                 "bad marshal data: digit out of range in long"));
                return nullptr;
            }
            digits.push_back(digit);
            m_pos += 2;
        }
        if (!digits.empty() && digits.back() == 0) {
            fail(QCoreApplication::translate("MarshalReader",
                                             "bad marshal data: unnormalized long data"));
            return nullptr;
        }
        auto value = std::make_shared<MarshalValue>();
        value->type = MarshalValue::Type::Int;
        value->text = longToText(std::move(digits), n < 0);
        return finishSimple(value);
    }
    case TypeFloat: {
        auto value = std::make_shared<MarshalValue>();
        value->type = MarshalValue::Type::Float;
        MarshalValue::Ptr text = readFloatText();
        if (!text) {
            return nullptr;
        }
        value->real = text->real;
        return finishSimple(value);
    }
    case TypeComplex: {
        auto value = std::make_shared<MarshalValue>();
        value->type = MarshalValue::Type::Complex;
        MarshalValue::Ptr real = readFloatText();
        if (!real) {
            return nullptr;
        }
        MarshalValue::Ptr imag = readFloatText();
        if (!imag) {
            return nullptr;
        }
        value->real = real->real;
        value->imag = imag->real;
        return finishSimple(value);
    }
    case TypeBinaryFloat:
    case TypeBinaryComplex: {
        const int count = type == TypeBinaryFloat ? 1 : 2;
        if (!need(8 * count)) {
            return nullptr;
        }
        double parts[2] = {0, 0};
        for (int i = 0; i < count; ++i) {
            quint64 bits = 0;
            const auto *p = reinterpret_cast<const uchar *>(m_data.constData() + m_pos);
            for (int b = 7; b >= 0; --b) {
                bits = (bits << 8) | p[b];
            }
            std::memcpy(&parts[i], &bits, sizeof(double));
            m_pos += 8;
        }
        auto value = std::make_shared<MarshalValue>();
        value->type = count == 1 ? MarshalValue::Type::Float : MarshalValue::Type::Complex;
        value->real = parts[0];
        value->imag = parts[1];
        return finishSimple(value);
    }
    case TypeString:
    case TypeInterned:
    case TypeUnicode:
    case TypeAscii:
    case TypeAsciiInterned: {
        qint32 n = 0;
        if (!readLength(1, &n)) {
            return nullptr;
        }
        const QByteArray raw = m_data.mid(m_pos, n);
        m_pos += n;
        auto value = std::make_shared<MarshalValue>();
        if (type == TypeString) {
            value->type = MarshalValue::Type::Bytes;
            value->bytes = raw;
        } else {
            value->type = MarshalValue::Type::String;
            value->text = (type == TypeAscii || type == TypeAsciiInterned)
                              ? QString::fromLatin1(raw)
                              : QString::fromUtf8(raw);
        }
        return finishSimple(value);
    }
    case TypeShortAscii:
    case TypeShortAsciiInterned: {
        quint8 n = 0;
        if (!readByte(&n) || !need(n)) {
            return nullptr;
        }
        auto value = std::make_shared<MarshalValue>();
        value->type = MarshalValue::Type::String;
        value->text = QString::fromLatin1(m_data.constData() + m_pos, n);
        m_pos += n;
        return finishSimple(value);
    }
    case TypeSmallTuple:
    case TypeTuple:
    case TypeList:
    case TypeSet:
    case TypeFrozenSet: {
        qint32 n = 0;
        if (type == TypeSmallTuple) {
            quint8 small = 0;
            if (!readByte(&small)) {
                return nullptr;
            }
            n = small;
            if (!need(n)) {
                return nullptr;
            }
        } else if (!readLength(1, &n)) {
            return nullptr;
        }
        auto value = std::make_shared<MarshalValue>();
        switch (type) {
        case TypeList:
            value->type = MarshalValue::Type::List;
            break;
        case TypeSet:
            value->type = MarshalValue::Type::Set;
            break;
        case TypeFrozenSet:
            value->type = MarshalValue::Type::FrozenSet;
            break;
        default:
            value->type = MarshalValue::Type::Tuple;
            break;
        }
        const qsizetype slot = reserve();
        if (!readItems(&value->items, n)) {
            return nullptr;
        }
        return finishReserved(slot, value);
    }
    case TypeDict: {
        auto value = std::make_shared<MarshalValue>();
        value->type = MarshalValue::Type::Dict;
        const qsizetype slot = reserve();
        for (;;) {
            MarshalValue::Ptr key = readObject(depth + 1);
            if (!key) {
                return nullptr;
            }
            if (key->type == MarshalValue::Type::Null) {
                break;
            }
            MarshalValue::Ptr item = readObject(depth + 1);
            if (!item) {
                return nullptr;
            }
            if (item->type == MarshalValue::Type::Null) {
                fail(QCoreApplication::translate("MarshalReader",
                                                 "NULL object in marshal data for a dict value"));
                return nullptr;
            }
            value->items.push_back(std::move(key));
            value->items.push_back(std::move(item));
        }
        return finishReserved(slot, value);
    }
    case TypeSlice: {
        auto value = std::make_shared<MarshalValue>();
        value->type = MarshalValue::Type::Slice;
        const qsizetype slot = reserve();
        if (!readItems(&value->items, 3)) {
            return nullptr;
        }
        return finishReserved(slot, value);
    }
    case TypeRef: {
        qint32 n = 0;
        if (!readInt32(&n)) {
            return nullptr;
        }
        if (n < 0 || size_t(n) >= m_refs.size()) {
            m_pos = start;
            fail(QCoreApplication::translate("MarshalReader",
                                             "bad marshal data: invalid reference %1 (%2 known)")
                     .arg(n)
                     .arg(m_refs.size()));
            return nullptr;
        }
        if (!m_refs[size_t(n)]) {
            m_pos = start;
            fail(QCoreApplication::translate(
                     "MarshalReader", "bad marshal data: reference %1 to an unfinished object")
                     .arg(n));
            return nullptr;
        }
        return m_refs[size_t(n)];
    }
    case TypeCode: {
        const qsizetype slot = reserve();
        MarshalValue::Ptr value = readCode(depth);
        if (!value) {
            return nullptr;
        }
        if (slot >= 0) {
            m_refs[size_t(slot)] = value;
        }
        return value;
    }
    case TypeUnknown:
    default:
        m_pos = start;
        fail(
            QCoreApplication::translate("MarshalReader", "bad marshal data: unknown type code 0x%1")
                .arg(QString::number(code, 16).rightJustified(2, QLatin1Char('0'))));
        return nullptr;
    }
}

MarshalValue::Ptr MarshalReader::readFloatText()
{
    quint8 n = 0;
    if (!readByte(&n) || !need(n)) {
        return nullptr;
    }
    const QByteArray text = m_data.mid(m_pos, n);
    double parsed = 0;
    if (!parseFloatText(text, &parsed)) {
        fail(QCoreApplication::translate("MarshalReader", "bad marshal data: float %1")
                 .arg(QString::fromLatin1(text.toPercentEncoding())));
        return nullptr;
    }
    m_pos += n;
    auto value = std::make_shared<MarshalValue>();
    value->type = MarshalValue::Type::Float;
    value->real = parsed;
    return value;
}

bool MarshalReader::readCodeField(int depth, MarshalValue::Ptr *value)
{
    *value = readObject(depth + 1);
    if (!*value) {
        return false;
    }
    if ((*value)->type == MarshalValue::Type::Null) {
        return fail(QCoreApplication::translate("MarshalReader", "NULL object in a code object"));
    }
    return true;
}

bool MarshalReader::readCodeBytes(int depth, QByteArray *bytes)
{
    MarshalValue::Ptr value;
    if (!readCodeField(depth, &value)) {
        return false;
    }
    if (value->type != MarshalValue::Type::Bytes) {
        return fail(
            QCoreApplication::translate("MarshalReader", "bad code object: expected bytes, got %1")
                .arg(value->typeName()));
    }
    *bytes = value->bytes;
    return true;
}

bool MarshalReader::readCodeString(int depth, QString *text)
{
    MarshalValue::Ptr value;
    if (!readCodeField(depth, &value)) {
        return false;
    }
    if (value->type != MarshalValue::Type::String) {
        return fail(
            QCoreApplication::translate("MarshalReader", "bad code object: expected str, got %1")
                .arg(value->typeName()));
    }
    *text = value->text;
    return true;
}

MarshalValue::Ptr MarshalReader::readCode(int depth)
{
    auto code = std::make_shared<MarshalCode>();
    const bool py311 = m_layout == CodeLayout::Py311;
    if (!readInt32(&code->argCount)) {
        return nullptr;
    }
    if (m_layout != CodeLayout::Py30 && !readInt32(&code->posOnlyArgCount)) {
        return nullptr;
    }
    if (!readInt32(&code->kwOnlyArgCount)) {
        return nullptr;
    }
    if (!py311 && !readInt32(&code->nLocals)) {
        return nullptr;
    }
    if (!readInt32(&code->stackSize) || !readInt32(&code->flags)) {
        return nullptr;
    }
    if (!readCodeBytes(depth, &code->code) || !readCodeField(depth, &code->consts) ||
        !readCodeField(depth, &code->names)) {
        return nullptr;
    }
    if (code->consts->type != MarshalValue::Type::Tuple ||
        code->names->type != MarshalValue::Type::Tuple) {
        fail(QCoreApplication::translate("MarshalReader",
                                         "bad code object: co_consts and co_names must be tuples"));
        return nullptr;
    }
    for (const MarshalValue::Ptr &name : code->names->items) {
        if (!name->isString()) {
            fail(
                QCoreApplication::translate("MarshalReader", "bad code object: co_names holds a %1")
                    .arg(name->typeName()));
            return nullptr;
        }
    }
    if (py311) {
        if (!readCodeField(depth, &code->localsPlusNames) ||
            !readCodeBytes(depth, &code->localsPlusKinds)) {
            return nullptr;
        }
    } else if (!readCodeField(depth, &code->varNames) || !readCodeField(depth, &code->freeVars) ||
               !readCodeField(depth, &code->cellVars)) {
        return nullptr;
    }
    if (!readCodeString(depth, &code->filename) || !readCodeString(depth, &code->name)) {
        return nullptr;
    }
    if (py311 && !readCodeString(depth, &code->qualName)) {
        return nullptr;
    }
    if (!readInt32(&code->firstLineNo) || !readCodeBytes(depth, &code->lineTable)) {
        return nullptr;
    }
    if (py311 && !readCodeBytes(depth, &code->exceptionTable)) {
        return nullptr;
    }
    auto value = std::make_shared<MarshalValue>();
    value->type = MarshalValue::Type::Code;
    value->code = code;
    return value;
}

} // namespace Revscope
