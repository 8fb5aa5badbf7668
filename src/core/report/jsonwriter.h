#pragma once

#include <QByteArray>
#include <QLatin1String>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QIODevice;

namespace Revscope {

// A streaming JSON writer: keys keep the order they are written in (so
// "schema" comes first, as in the contract) and output goes to the device in
// chunks, so a 20,000-revision report never exists twice in memory.
class JsonWriter
{
public:
    explicit JsonWriter(QIODevice *device);
    ~JsonWriter();
    JsonWriter(const JsonWriter &) = delete;
    JsonWriter &operator=(const JsonWriter &) = delete;

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(QLatin1String name);

    void value(const QString &text);
    void value(QLatin1String text);
    void value(bool flag);
    void value(qint64 number);
    void value(int number) { value(qint64(number)); }
    void null();
    void stringOrNull(const QString &text); // null for an empty string
    void stringArray(const QStringList &list);

    // Writes what is buffered to the device; true when everything was written.
    bool flush();

private:
    void separate();
    void newline();
    void writeString(QStringView text);
    char *reserve(qsizetype extra); // room for `extra` more bytes at the end
    void put(const char *text, qsizetype size);
    void put(char c);

    struct Level
    {
        bool object;
        int count;
    };

    QIODevice *m_device;
    std::unique_ptr<char[]> m_data;
    qsizetype m_size = 0;
    qsizetype m_capacity = 0;
    std::vector<Level> m_levels;
    bool m_afterKey = false;
    bool m_ok = true;
};

} // namespace Revscope
