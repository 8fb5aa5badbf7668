#include "jsonwriter.h"

#include <QIODevice>

#include <cstring>

namespace Revscope {

namespace {
constexpr qsizetype kChunk = 64 * 1024;
}

JsonWriter::JsonWriter(QIODevice *device) : m_device(device)
{
    reserve(kChunk + 4096);
}

JsonWriter::~JsonWriter()
{
    flush();
}

bool JsonWriter::flush()
{
    if (m_size > 0) {
        m_ok = m_device->write(m_data.get(), m_size) == m_size && m_ok;
        m_size = 0;
    }
    return m_ok;
}

// Reports are written a few bytes at a time, tens of thousands of times: a
// plain buffer with one capacity check per piece keeps that cheap.
char *JsonWriter::reserve(qsizetype extra)
{
    if (m_size + extra > m_capacity) {
        const qsizetype capacity = qMax(m_capacity * 2, m_size + extra);
        std::unique_ptr<char[]> data(new char[size_t(capacity)]);
        if (m_size > 0) {
            std::memcpy(data.get(), m_data.get(), size_t(m_size));
        }
        m_data = std::move(data);
        m_capacity = capacity;
    }
    return m_data.get() + m_size;
}

void JsonWriter::put(const char *text, qsizetype size)
{
    std::memcpy(reserve(size), text, size_t(size));
    m_size += size;
}

void JsonWriter::put(char c)
{
    *reserve(1) = c;
    ++m_size;
}

void JsonWriter::newline()
{
    const qsizetype indent = 2 * qsizetype(m_levels.size());
    char *out = reserve(indent + 1);
    *out = '\n';
    std::memset(out + 1, ' ', size_t(indent));
    m_size += indent + 1;
}

// Comma and indentation before a value or key, per JSON's grammar.
void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_levels.empty()) {
        if (m_levels.back().count++ > 0) {
            put(',');
        }
        newline();
    }
    if (m_size >= kChunk) {
        flush();
    }
}

void JsonWriter::beginObject()
{
    separate();
    put('{');
    m_levels.push_back(Level{true, 0});
}

void JsonWriter::endObject()
{
    const bool empty = m_levels.back().count == 0;
    m_levels.pop_back();
    if (!empty) {
        newline();
    }
    put('}');
    if (m_levels.empty()) {
        put('\n');
    }
}

void JsonWriter::beginArray()
{
    separate();
    put('[');
    m_levels.push_back(Level{false, 0});
}

void JsonWriter::endArray()
{
    const bool empty = m_levels.back().count == 0;
    m_levels.pop_back();
    if (!empty) {
        newline();
    }
    put(']');
}

void JsonWriter::key(QLatin1String name)
{
    // Keys are the report's own ASCII names: nothing to escape.
    separate();
    char *out = reserve(name.size() + 4);
    *out++ = '"';
    std::memcpy(out, name.data(), size_t(name.size()));
    out += name.size();
    std::memcpy(out, "\": ", 3);
    m_size += name.size() + 4;
    m_afterKey = true;
}

// Escapes and encodes as UTF-8 straight into the buffer: reports are mostly
// ASCII ids and paths, so this avoids a temporary per string.
void JsonWriter::writeString(QStringView text)
{
    static const char hex[] = "0123456789abcdef";
    const qsizetype size = text.size();
    // Worst case per UTF-16 unit: 6 bytes ("\u001f"); 3 for UTF-8 of a BMP char.
    char *const start = reserve(6 * size + 2);
    char *out = start;
    *out++ = '"';
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 0x20 && c < 0x80) {
            if (c == u'"' || c == u'\\') {
                *out++ = '\\';
            }
            *out++ = char(c);
            continue;
        }
        if (c < 0x20) {
            *out++ = '\\';
            switch (c) {
            case u'\n':
                *out++ = 'n';
                break;
            case u'\r':
                *out++ = 'r';
                break;
            case u'\t':
                *out++ = 't';
                break;
            case u'\b':
                *out++ = 'b';
                break;
            case u'\f':
                *out++ = 'f';
                break;
            default:
                *out++ = 'u';
                *out++ = '0';
                *out++ = '0';
                *out++ = hex[(c >> 4) & 0xf];
                *out++ = hex[c & 0xf];
                break;
            }
            continue;
        }
        char32_t code = c;
        if (QChar::isHighSurrogate(c) && i + 1 < size && text[i + 1].isLowSurrogate()) {
            code = QChar::surrogateToUcs4(c, text[i + 1].unicode());
            ++i;
        } else if (QChar::isSurrogate(c)) {
            code = 0xfffd; // a lone surrogate has no UTF-8 form
        }
        if (code < 0x800) {
            *out++ = char(0xc0 | (code >> 6));
            *out++ = char(0x80 | (code & 0x3f));
        } else if (code < 0x10000) {
            *out++ = char(0xe0 | (code >> 12));
            *out++ = char(0x80 | ((code >> 6) & 0x3f));
            *out++ = char(0x80 | (code & 0x3f));
        } else {
            *out++ = char(0xf0 | (code >> 18));
            *out++ = char(0x80 | ((code >> 12) & 0x3f));
            *out++ = char(0x80 | ((code >> 6) & 0x3f));
            *out++ = char(0x80 | (code & 0x3f));
        }
    }
    *out++ = '"';
    m_size += out - start;
}

void JsonWriter::value(const QString &text)
{
    separate();
    writeString(text);
}

void JsonWriter::value(QLatin1String text)
{
    separate();
    writeString(QString(text));
}

void JsonWriter::value(bool flag)
{
    separate();
    if (flag) {
        put("true", 4);
    } else {
        put("false", 5);
    }
}

void JsonWriter::value(qint64 number)
{
    separate();
    const QByteArray digits = QByteArray::number(number);
    put(digits.constData(), digits.size());
}

void JsonWriter::null()
{
    separate();
    put("null", 4);
}

void JsonWriter::stringOrNull(const QString &text)
{
    if (text.isEmpty()) {
        null();
    } else {
        value(text);
    }
}

void JsonWriter::stringArray(const QStringList &list)
{
    if (list.isEmpty()) {
        separate();
        put("[]", 2);
        return;
    }
    beginArray();
    for (const QString &s : list) {
        value(s);
    }
    endArray();
}

} // namespace Revscope
