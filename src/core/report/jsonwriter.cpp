#include "jsonwriter.h"

#include <QIODevice>

namespace Revscope {

namespace {
constexpr qsizetype kChunk = 64 * 1024;
}

JsonWriter::JsonWriter(QIODevice *device) : m_device(device)
{
    m_buffer.reserve(kChunk + 4096);
}

JsonWriter::~JsonWriter()
{
    flush();
}

bool JsonWriter::flush()
{
    if (!m_buffer.isEmpty()) {
        m_ok = m_device->write(m_buffer) == m_buffer.size() && m_ok;
        m_buffer.clear();
    }
    return m_ok;
}

void JsonWriter::newline()
{
    m_buffer += '\n';
    m_buffer.append(2 * m_levels.size(), ' ');
}

// Comma and indentation before a value or key, per JSON's grammar.
void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_levels.isEmpty()) {
        if (m_levels.last().count++ > 0) {
            m_buffer += ',';
        }
        newline();
    }
    if (m_buffer.size() >= kChunk) {
        flush();
    }
}

void JsonWriter::beginObject()
{
    separate();
    m_buffer += '{';
    m_levels.append(Level{true, 0});
}

void JsonWriter::endObject()
{
    const bool empty = m_levels.takeLast().count == 0;
    if (!empty) {
        newline();
    }
    m_buffer += '}';
    if (m_levels.isEmpty()) {
        m_buffer += '\n';
    }
}

void JsonWriter::beginArray()
{
    separate();
    m_buffer += '[';
    m_levels.append(Level{false, 0});
}

void JsonWriter::endArray()
{
    const bool empty = m_levels.takeLast().count == 0;
    if (!empty) {
        newline();
    }
    m_buffer += ']';
}

void JsonWriter::key(QLatin1String name)
{
    // Keys are the report's own ASCII names: nothing to escape.
    separate();
    m_buffer += '"';
    m_buffer.append(name.data(), name.size());
    m_buffer += "\": ";
    m_afterKey = true;
}

// Escapes and encodes as UTF-8 straight into the buffer: reports are mostly
// ASCII ids and paths, so this avoids a temporary per string.
void JsonWriter::writeString(QStringView text)
{
    static const char hex[] = "0123456789abcdef";
    const qsizetype size = text.size();
    // Worst case per UTF-16 unit: 6 bytes ("\u001f"); 3 for UTF-8 of a BMP char.
    const qsizetype start = m_buffer.size();
    m_buffer.resize(start + 6 * size + 2);
    char *out = m_buffer.data() + start;
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
    m_buffer.resize(out - m_buffer.constData());
}

void JsonWriter::value(const QString &text)
{
    separate();
    writeString(text);
}

void JsonWriter::value(QLatin1String text)
{
    value(QString(text));
}

void JsonWriter::value(bool flag)
{
    separate();
    m_buffer += flag ? "true" : "false";
}

void JsonWriter::value(qint64 number)
{
    separate();
    m_buffer += QByteArray::number(number);
}

void JsonWriter::null()
{
    separate();
    m_buffer += "null";
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
        m_buffer += "[]";
        return;
    }
    beginArray();
    for (const QString &s : list) {
        value(s);
    }
    endArray();
}

} // namespace Revscope
