#include "inifile.h"

#include <QCoreApplication>
#include <QFile>
#include <QSet>

namespace Revscope {

namespace {

const QLatin1String kDefaultSection("DEFAULT");
// configparser.MAX_INTERPOLATION_DEPTH
constexpr int kMaxInterpolationDepth = 10;
// Config files are small; anything this big is not one we should parse.
constexpr qint64 kMaxFileSize = 64 * 1024 * 1024;

QString pythonRStrip(const QString &text)
{
    qsizetype end = text.size();
    while (end > 0 && IniFile::isPythonSpace(text.at(end - 1))) {
        --end;
    }
    return text.left(end);
}

// Offset of the first byte that Python's strict UTF-8 decoder rejects, or -1.
// Python refuses overlong forms, encoded surrogates and code points past
// U+10FFFF, like this check.
qsizetype firstInvalidUtf8(const QByteArray &data)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(data.constData());
    const qsizetype size = data.size();
    qsizetype i = 0;
    while (i < size) {
        const unsigned char c = bytes[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0) {
                low = 0xA0;
            } else if (c == 0xED) {
                high = 0x9F;
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0) {
                low = 0x90;
            } else if (c == 0xF4) {
                high = 0x8F;
            }
        } else {
            return i;
        }
        if (i + 1 >= size || bytes[i + 1] < low || bytes[i + 1] > high) {
            return i;
        }
        for (int k = 2; k < length; ++k) {
            if (i + k >= size || bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) {
                return i;
            }
        }
        i += length;
    }
    return -1;
}

} // namespace

bool IniFile::isPythonSpace(QChar c)
{
    // Python's str.isspace() is Qt's isSpace() plus the four information
    // separators U+001C..U+001F.
    const char16_t u = c.unicode();
    return c.isSpace() || (u >= 0x1C && u <= 0x1F);
}

QString IniFile::pythonStrip(const QString &text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isPythonSpace(text.at(begin))) {
        ++begin;
    }
    while (end > begin && isPythonSpace(text.at(end - 1))) {
        --end;
    }
    return text.mid(begin, end - begin);
}

QString IniFile::pythonRepr(const QString &text)
{
    const bool hasSingle = text.contains(QLatin1Char('\''));
    const bool hasDouble = text.contains(QLatin1Char('"'));
    const QChar quote = (hasSingle && !hasDouble) ? QLatin1Char('"') : QLatin1Char('\'');
    QString out;
    out.reserve(text.size() + 2);
    out += quote;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (c == quote || c == QLatin1Char('\\')) {
            out += QLatin1Char('\\');
            out += c;
        } else if (u == '\n') {
            out += QLatin1String("\\n");
        } else if (u == '\r') {
            out += QLatin1String("\\r");
        } else if (u == '\t') {
            out += QLatin1String("\\t");
        } else if (u < 0x20 || u == 0x7F) {
            out += QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0'));
        } else if (u >= 0x80 && !c.isPrint() && !c.isSurrogate()) {
            out += u < 0x100 ? QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0'))
                             : QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
        } else {
            out += c;
        }
    }
    out += quote;
    return out;
}

IniFile IniFile::read(const QString &path, const IniDefaults &defaults)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        IniFile ini = fromData(QByteArray(), path, defaults);
        ini.m_readable = false;
        ini.addError(IniError::Kind::Unreadable, 0,
                     QCoreApplication::translate("Revscope::IniFile", "Cannot read %1: %2")
                         .arg(path, file.errorString()));
        return ini;
    }
    if (file.size() > kMaxFileSize) {
        IniFile ini = fromData(QByteArray(), path, defaults);
        ini.m_readable = false;
        ini.addError(
            IniError::Kind::Unreadable, 0,
            QCoreApplication::translate("Revscope::IniFile",
                                        "%1 is too large to be a configuration file (%2 bytes).")
                .arg(path, QString::number(file.size())));
        return ini;
    }
    return fromData(file.readAll(), path, defaults);
}

IniFile IniFile::fromData(const QByteArray &data, const QString &fileName,
                          const IniDefaults &defaults)
{
    IniFile ini;
    ini.m_fileName = fileName;
    ini.m_defaults.name = kDefaultSection;
    // ConfigParser(defaults) stores these before reading, keys through optionxform().
    for (const auto &pair : defaults) {
        const QString name = pair.first.toLower();
        Option option;
        option.name = name;
        option.value = pair.second;
        if (ini.m_defaults.index.contains(name)) {
            ini.m_defaults.options[ini.m_defaults.index.value(name)] = option;
        } else {
            ini.m_defaults.index.insert(name, int(ini.m_defaults.options.size()));
            ini.m_defaults.options.append(option);
        }
    }

    const qsizetype invalid = firstInvalidUtf8(data);
    if (invalid >= 0) {
        const int line = int(data.left(invalid).count('\n')) + 1;
        ini.addError(
            IniError::Kind::Decode, line,
            QCoreApplication::translate(
                "Revscope::IniFile",
                "'utf-8' codec can't decode byte 0x%1 at byte offset %2: the file is "
                "not valid UTF-8, so Python cannot read it.")
                .arg(QStringLiteral("%1").arg(uchar(data.at(invalid)), 2, 16, QLatin1Char('0')),
                     QString::number(invalid)));
    }
    // Python keeps a byte order mark as U+FEFF at the start of line 1, where
    // it spoils the first header; QString::fromUtf8() drops it, so put it back.
    QString text = QString::fromUtf8(data);
    if (data.startsWith("\xEF\xBB\xBF") && !text.startsWith(QChar(0xFEFF))) {
        text.prepend(QChar(0xFEFF));
    }
    ini.parse(text);
    return ini;
}

void IniFile::addError(IniError::Kind kind, int line, const QString &message)
{
    m_errors.append(IniError{kind, line, message});
}

void IniFile::parse(const QString &input)
{
    // Python's universal newlines: "\r\n" and "\r" both end a line.
    QString text = input;
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.constLast().isEmpty()) {
        lines.removeLast(); // the text after a final newline is not a line
    }

    Section *current = nullptr;
    QString sectionName;
    QString optionName; // empty is falsy, like None or "" in configparser
    int indentLevel = 0;
    QSet<QString> sectionsAdded;
    QHash<QString, int> optionsAdded; // "section\0option" -> line
    QHash<QString, int> firstHeaderLine;
    bool missingHeaderReported = false;
    const bool startsWithBom = !text.isEmpty() && text.at(0) == QChar(0xFEFF);

    for (int i = 0; i < lines.size(); ++i) {
        const int lineNo = i + 1;
        const QString &line = lines.at(i);
        const QString stripped = pythonStrip(line);
        const bool comment =
            stripped.startsWith(QLatin1Char('#')) || stripped.startsWith(QLatin1Char(';'));
        const QString value = comment ? QString() : stripped;
        if (value.isEmpty()) {
            // An empty line (not a comment) belongs to the value being read.
            if (!comment && current && !optionName.isEmpty()) {
                const int index = current->index.value(optionName, -1);
                if (index >= 0) {
                    current->options[index].lines.append(QString());
                }
            }
            continue;
        }
        int indent = 0;
        while (indent < line.size() && isPythonSpace(line.at(indent))) {
            ++indent;
        }
        if (current && !optionName.isEmpty() && indent > indentLevel) {
            const int index = current->index.value(optionName, -1);
            if (index >= 0) {
                current->options[index].lines.append(value);
            }
            continue;
        }
        indentLevel = indent;

        // SECTCRE: "[" then the longest non-empty text up to the last "]";
        // anything after that "]" is ignored.
        const qsizetype close = value.lastIndexOf(QLatin1Char(']'));
        if (value.startsWith(QLatin1Char('[')) && close >= 2) {
            sectionName = value.mid(1, close - 1);
            if (m_sectionIndex.contains(sectionName)) {
                if (sectionsAdded.contains(sectionName)) {
                    addError(IniError::Kind::DuplicateSection, lineNo,
                             QCoreApplication::translate(
                                 "Revscope::IniFile",
                                 "Section %1 already exists (first defined on line %2).")
                                 .arg(pythonRepr(sectionName),
                                      QString::number(firstHeaderLine.value(sectionName))));
                }
                current = &m_sections[m_sectionIndex.value(sectionName)];
                sectionsAdded.insert(sectionName);
            } else if (sectionName == kDefaultSection) {
                current = &m_defaults;
                if (m_defaults.line == 0) {
                    m_defaults.line = lineNo;
                }
            } else {
                Section section;
                section.name = sectionName;
                section.line = lineNo;
                m_sectionIndex.insert(sectionName, int(m_sections.size()));
                m_sections.append(section);
                current = &m_sections.last();
                sectionsAdded.insert(sectionName);
                firstHeaderLine.insert(sectionName, lineNo);
            }
            optionName.clear();
            continue;
        }
        if (!current) {
            // configparser raises here and reads no further.
            if (!missingHeaderReported) {
                QString message =
                    QCoreApplication::translate(
                        "Revscope::IniFile", "File contains no section headers: line %1 (%2) comes "
                                             "before the first [section] header.")
                        .arg(QString::number(lineNo), pythonRepr(line));
                if (startsWithBom && lineNo == 1) {
                    message += QLatin1Char(' ') +
                               QCoreApplication::translate(
                                   "Revscope::IniFile",
                                   "The file starts with a UTF-8 byte order mark, which Python "
                                   "reads as part of the first line; save it without the BOM.");
                }
                addError(IniError::Kind::MissingSectionHeader, lineNo, message);
                missingHeaderReported = true;
            }
            continue;
        }
        // OPTCRE: the name is everything before the first '=' or ':'.
        qsizetype delimiter = -1;
        for (qsizetype k = 0; k < value.size(); ++k) {
            if (value.at(k) == QLatin1Char('=') || value.at(k) == QLatin1Char(':')) {
                delimiter = k;
                break;
            }
        }
        if (delimiter < 0) {
            addError(IniError::Kind::Parsing, lineNo,
                     QCoreApplication::translate(
                         "Revscope::IniFile",
                         "Parsing error: line %1 (%2) is not a [section] header, a 'key = value' "
                         "option or a comment.")
                         .arg(QString::number(lineNo), pythonRepr(line)));
            continue;
        }
        const QString rawName = pythonRStrip(value.left(delimiter));
        if (rawName.isEmpty()) {
            addError(IniError::Kind::Parsing, lineNo,
                     QCoreApplication::translate(
                         "Revscope::IniFile",
                         "Parsing error: line %1 (%2) has a value but no option name.")
                         .arg(QString::number(lineNo), pythonRepr(line)));
        }
        const QString name = rawName.toLower();
        const QString key = sectionName + QChar(0) + name;
        if (optionsAdded.contains(key)) {
            addError(IniError::Kind::DuplicateOption, lineNo,
                     QCoreApplication::translate(
                         "Revscope::IniFile",
                         "Option %1 in section %2 already exists (first defined on line %3).")
                         .arg(pythonRepr(name), pythonRepr(sectionName),
                              QString::number(optionsAdded.value(key))));
        } else {
            optionsAdded.insert(key, lineNo);
        }
        Option option;
        option.name = name;
        option.lines = QStringList{pythonStrip(value.mid(delimiter + 1))};
        option.line = lineNo;
        const int existing = current->index.value(name, -1);
        if (existing >= 0) {
            current->options[existing] = option; // a dict keeps the key's first position
        } else {
            current->index.insert(name, int(current->options.size()));
            current->options.append(option);
        }
        optionName = name;
    }

    // _join_multiline_values()
    auto join = [](Section &section) {
        for (Option &option : section.options) {
            if (option.line > 0) {
                option.value = pythonRStrip(option.lines.join(QLatin1Char('\n')));
                option.lines.clear();
            }
        }
    };
    join(m_defaults);
    for (Section &section : m_sections) {
        join(section);
    }
}

QStringList IniFile::sections() const
{
    QStringList names;
    names.reserve(m_sections.size());
    for (const Section &section : m_sections) {
        names.append(section.name);
    }
    return names;
}

bool IniFile::hasSection(const QString &section) const
{
    return m_sectionIndex.contains(section);
}

int IniFile::sectionLine(const QString &section) const
{
    if (section == kDefaultSection) {
        return m_defaults.line;
    }
    const Section *s = findSection(section);
    return s ? s->line : 0;
}

QStringList IniFile::ownOptions(const QString &section) const
{
    const Section *s = section == kDefaultSection ? &m_defaults : findSection(section);
    QStringList names;
    if (s) {
        for (const Option &option : s->options) {
            names.append(option.name);
        }
    }
    return names;
}

QStringList IniFile::options(const QString &section) const
{
    QStringList names = ownOptions(section);
    if (section != kDefaultSection) {
        for (const Option &option : m_defaults.options) {
            if (!names.contains(option.name)) {
                names.append(option.name);
            }
        }
    }
    return names;
}

bool IniFile::hasOwnOption(const QString &section, const QString &option) const
{
    const Section *s = section == kDefaultSection ? &m_defaults : findSection(section);
    return s && findOption(*s, option.toLower());
}

bool IniFile::hasOption(const QString &section, const QString &option) const
{
    const QString name = option.toLower();
    if (section.isEmpty() || section == kDefaultSection) {
        return findOption(m_defaults, name) != nullptr;
    }
    const Section *s = findSection(section);
    if (!s) {
        return false;
    }
    return findOption(*s, name) || findOption(m_defaults, name);
}

IniLookup IniFile::get(const QString &section, const QString &option) const
{
    return lookup(section, option, true);
}

IniLookup IniFile::raw(const QString &section, const QString &option) const
{
    return lookup(section, option, false);
}

const IniFile::Section *IniFile::findSection(const QString &name) const
{
    const int index = m_sectionIndex.value(name, -1);
    return index >= 0 ? &m_sections.at(index) : nullptr;
}

const IniFile::Option *IniFile::findOption(const Section &section, const QString &name) const
{
    const int index = section.index.value(name, -1);
    return index >= 0 ? &section.options.at(index) : nullptr;
}

IniLookup IniFile::lookup(const QString &section, const QString &option,
                          bool interpolateValue) const
{
    IniLookup result;
    const QString name = option.toLower();
    const Option *found = nullptr;
    if (section == kDefaultSection) {
        found = findOption(m_defaults, name);
        result.fromDefault = true;
    } else {
        const Section *s = findSection(section);
        if (!s) {
            return result;
        }
        found = findOption(*s, name);
        if (!found) {
            found = findOption(m_defaults, name);
            result.fromDefault = true;
        }
    }
    if (!found) {
        result.fromDefault = false;
        return result;
    }
    result.found = true;
    result.raw = found->value;
    result.line = found->line;
    if (!interpolateValue) {
        result.ok = true;
        result.value = found->value;
        return result;
    }
    QString accum;
    result.ok = interpolate(section, name, found->value, &accum, found->value, 1, &result.error);
    if (result.ok) {
        result.value = accum;
    }
    return result;
}

// BasicInterpolation._interpolate_some(), including its error wording.
bool IniFile::interpolate(const QString &section, const QString &option, const QString &rawValue,
                          QString *accum, const QString &input, int depth, QString *error) const
{
    if (depth > kMaxInterpolationDepth) {
        *error = QCoreApplication::translate(
                     "Revscope::IniFile",
                     "Recursion limit exceeded in value substitution: option %1 in section %2 "
                     "contains an interpolation key which cannot be substituted in %3 steps. "
                     "Raw value: %4")
                     .arg(pythonRepr(option), pythonRepr(section),
                          QString::number(kMaxInterpolationDepth), pythonRepr(rawValue));
        return false;
    }
    QString rest = input;
    while (!rest.isEmpty()) {
        const qsizetype p = rest.indexOf(QLatin1Char('%'));
        if (p < 0) {
            accum->append(rest);
            return true;
        }
        if (p > 0) {
            accum->append(rest.left(p));
            rest = rest.mid(p);
        }
        const QChar next = rest.size() > 1 ? rest.at(1) : QChar();
        if (next == QLatin1Char('%')) {
            accum->append(QLatin1Char('%'));
            rest = rest.mid(2);
        } else if (next == QLatin1Char('(')) {
            // _KEYCRE: %\(([^)]+)\)s
            const qsizetype close = rest.indexOf(QLatin1Char(')'), 2);
            if (close <= 2 || close + 1 >= rest.size() || rest.at(close + 1) != QLatin1Char('s')) {
                *error = QCoreApplication::translate(
                             "Revscope::IniFile",
                             "bad interpolation variable reference %1 in option %2 of section %3")
                             .arg(pythonRepr(rest), pythonRepr(option), pythonRepr(section));
                return false;
            }
            const QString var = rest.mid(2, close - 2).toLower();
            rest = rest.mid(close + 2);
            const Option *target = nullptr;
            if (section != kDefaultSection) {
                if (const Section *s = findSection(section)) {
                    target = findOption(*s, var);
                }
            }
            if (!target) {
                target = findOption(m_defaults, var);
            }
            if (!target) {
                *error = QCoreApplication::translate(
                             "Revscope::IniFile",
                             "Bad value substitution: option %1 in section %2 contains an "
                             "interpolation key %3 which is not a valid option name. Raw value: %4")
                             .arg(pythonRepr(option), pythonRepr(section), pythonRepr(var),
                                  pythonRepr(rawValue));
                return false;
            }
            if (target->value.contains(QLatin1Char('%'))) {
                if (!interpolate(section, option, rawValue, accum, target->value, depth + 1,
                                 error)) {
                    return false;
                }
            } else {
                accum->append(target->value);
            }
        } else {
            *error = QCoreApplication::translate(
                         "Revscope::IniFile",
                         "'%' must be followed by '%' or '(', found: %1 (option %2 in section %3)")
                         .arg(pythonRepr(rest), pythonRepr(option), pythonRepr(section));
            return false;
        }
    }
    return true;
}

} // namespace Revscope
