#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Revscope {

// One TOML value, with the Python type tomllib would give it.
struct TomlValue
{
    enum class Type { String, Integer, Float, Boolean, Array, Table, DateTime };
    Type type = Type::String;
    QString string;
    qint64 integer = 0;
    bool boolean = false;
    QList<TomlValue> items; // Array elements
    int line = 0;

    // "str", "int", "float", "bool", "list", "dict" or "datetime", as Python names them.
    QString pythonTypeName() const;
};

// The [tool.alembic] table of a pyproject.toml, read like Alembic 1.16+ reads
// it (tomllib: UTF-8, TOML 1.0).
class PyProjectFile
{
public:
    static PyProjectFile read(const QString &path);
    static PyProjectFile fromData(const QByteArray &data, const QString &path);

    QString path() const { return m_path; }
    bool exists() const { return m_exists; }
    // Problem reading or parsing the file (tomllib would raise), with its line.
    bool hasError() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    int errorLine() const { return m_errorLine; }
    // `tool.alembic` is present (as a table or, wrongly, as something else).
    bool hasToolAlembic() const { return m_hasToolAlembic; }
    // `tool` or `tool.alembic` is not a table: Alembic stops with "Incorrect TOML format".
    bool toolAlembicMalformed() const { return m_toolAlembicMalformed; }
    int toolAlembicLine() const { return m_toolAlembicLine; }
    // When the file does not parse: whether its text looks like it has [tool.alembic].
    bool mentionsToolAlembic() const { return m_mentionsToolAlembic; }

    QStringList keys() const;
    bool contains(const QString &key) const;
    TomlValue value(const QString &key) const;

private:
    QString m_path;
    bool m_exists = false;
    QString m_error;
    int m_errorLine = 0;
    bool m_hasToolAlembic = false;
    bool m_toolAlembicMalformed = false;
    int m_toolAlembicLine = 0;
    bool m_mentionsToolAlembic = false;
    QStringList m_keys;
    QList<TomlValue> m_values;
};

} // namespace Revscope
