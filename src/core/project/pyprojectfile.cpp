#include "pyprojectfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>

#include <toml++/toml.h>

#include <string>
#include <string_view>

namespace Revscope {

namespace {

constexpr qint64 kMaxFileSize = 16 * 1024 * 1024;

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

int lineOf(const toml::node &node)
{
    return int(node.source().begin.line);
}

TomlValue convert(const toml::node &node)
{
    TomlValue value;
    value.line = lineOf(node);
    switch (node.type()) {
    case toml::node_type::string:
        value.type = TomlValue::Type::String;
        value.string = fromStd(node.as_string()->get());
        break;
    case toml::node_type::integer:
        value.type = TomlValue::Type::Integer;
        value.integer = node.as_integer()->get();
        break;
    case toml::node_type::floating_point:
        value.type = TomlValue::Type::Float;
        break;
    case toml::node_type::boolean:
        value.type = TomlValue::Type::Boolean;
        value.boolean = node.as_boolean()->get();
        break;
    case toml::node_type::array:
        value.type = TomlValue::Type::Array;
        for (const toml::node &item : *node.as_array()) {
            value.items.append(convert(item));
        }
        break;
    case toml::node_type::table:
        value.type = TomlValue::Type::Table;
        break;
    default:
        value.type = TomlValue::Type::DateTime;
        break;
    }
    return value;
}

} // namespace

QString TomlValue::pythonTypeName() const
{
    switch (type) {
    case Type::String:
        return QStringLiteral("str");
    case Type::Integer:
        return QStringLiteral("int");
    case Type::Float:
        return QStringLiteral("float");
    case Type::Boolean:
        return QStringLiteral("bool");
    case Type::Array:
        return QStringLiteral("list");
    case Type::Table:
        return QStringLiteral("dict");
    case Type::DateTime:
        return QStringLiteral("datetime");
    }
    return QString();
}

PyProjectFile PyProjectFile::read(const QString &path)
{
    QFile file(path);
    if (!file.exists()) {
        PyProjectFile result;
        result.m_path = path;
        return result;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        PyProjectFile result;
        result.m_path = path;
        result.m_exists = true;
        result.m_error =
            QCoreApplication::translate("Revscope::PyProjectFile", "Cannot read %1: %2")
                .arg(path, file.errorString());
        return result;
    }
    if (file.size() > kMaxFileSize) {
        PyProjectFile result;
        result.m_path = path;
        result.m_exists = true;
        result.m_error =
            QCoreApplication::translate("Revscope::PyProjectFile",
                                        "%1 is too large to be a pyproject.toml (%2 bytes).")
                .arg(path, QString::number(file.size()));
        return result;
    }
    return fromData(file.readAll(), path);
}

PyProjectFile PyProjectFile::fromData(const QByteArray &data, const QString &path)
{
    PyProjectFile result;
    result.m_path = path;
    result.m_exists = true;
    static const QRegularExpression toolAlembic(QStringLiteral(
        R"((^|\n)\s*\[\s*tool\s*\.\s*alembic\s*\]|(^|\n)\s*tool\s*\.\s*alembic\s*[.=])"));
    result.m_mentionsToolAlembic = QString::fromUtf8(data).contains(toolAlembic);

    // tomllib decodes the bytes as strict UTF-8 and keeps a byte order mark,
    // which it then rejects; toml++ would skip the mark, so check first.
    if (data.startsWith("\xEF\xBB\xBF")) {
        result.m_error = QCoreApplication::translate(
            "Revscope::PyProjectFile",
            "Invalid statement (at line 1, column 1): the file starts with a "
            "UTF-8 byte order mark, which Python's tomllib rejects.");
        result.m_errorLine = 1;
        return result;
    }

    const std::string_view text(data.constData(), size_t(data.size()));
    const std::string source = path.toStdString();
    toml::table table;
#if TOML_EXCEPTIONS
    try {
        table = toml::parse(text, source);
    } catch (const toml::parse_error &error) {
        result.m_error = fromStd(error.description());
        result.m_errorLine = int(error.source().begin.line);
        return result;
    }
#else
    toml::parse_result parsed = toml::parse(text, source);
    if (!parsed) {
        result.m_error = fromStd(parsed.error().description());
        result.m_errorLine = int(parsed.error().source().begin.line);
        return result;
    }
    table = std::move(parsed).table();
#endif

    const toml::node *tool = table.get("tool");
    if (!tool) {
        return result;
    }
    if (!tool->is_table()) {
        // toml_data.get("tool", {}).get(...) fails on a non-table `tool`.
        result.m_hasToolAlembic = true;
        result.m_toolAlembicMalformed = true;
        result.m_toolAlembicLine = lineOf(*tool);
        return result;
    }
    const toml::node *alembic = tool->as_table()->get("alembic");
    if (!alembic) {
        return result;
    }
    result.m_hasToolAlembic = true;
    result.m_toolAlembicLine = lineOf(*alembic);
    if (!alembic->is_table()) {
        result.m_toolAlembicMalformed = true;
        return result;
    }
    for (const auto &entry : *alembic->as_table()) {
        result.m_keys.append(fromStd(entry.first.str()));
        result.m_values.append(convert(entry.second));
    }
    return result;
}

QStringList PyProjectFile::keys() const
{
    return m_keys;
}

bool PyProjectFile::contains(const QString &key) const
{
    return m_keys.contains(key);
}

TomlValue PyProjectFile::value(const QString &key) const
{
    const qsizetype index = m_keys.indexOf(key);
    return index >= 0 ? m_values.at(index) : TomlValue();
}

} // namespace Revscope
