#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Revscope {

// One problem Python's configparser would raise while reading the file.
struct IniError
{
    enum class Kind {
        Unreadable,           // the file could not be opened (configparser skips it silently)
        Decode,               // not valid UTF-8 (UnicodeDecodeError)
        MissingSectionHeader, // MissingSectionHeaderError
        DuplicateSection,     // DuplicateSectionError (strict mode)
        DuplicateOption,      // DuplicateOptionError (strict mode)
        Parsing               // a line of a ParsingError
    };
    Kind kind = Kind::Parsing;
    int line = 0; // 1-based, 0 when the whole file is concerned
    QString message;
};

// Result of reading one option through BasicInterpolation.
struct IniLookup
{
    bool found = false;       // the option exists in the section or in DEFAULT
    bool ok = false;          // found and interpolation succeeded
    QString value;            // interpolated value (when ok)
    QString raw;              // value as stored, before interpolation
    QString error;            // interpolation error, in configparser's words
    int line = 0;             // line defining the option, 0 for a constructor default
    bool fromDefault = false; // defined in [DEFAULT] (or a constructor default)
};

using IniDefaults = QList<QPair<QString, QString>>;

// An .ini file read exactly as Python 3.11's configparser.ConfigParser reads
// it with its default settings (strict, '=' and ':' delimiters, '#' and ';'
// full-line comments only, empty lines kept inside values, option names
// lower-cased, BasicInterpolation evaluated lazily on get).
//
// configparser stops at the first fatal error; this reader records it and
// keeps going so that every error is reported and the rest of the file can
// still be inspected. Once errors() is non-empty, Python would have refused
// the whole file.
class IniFile
{
public:
    IniFile() = default;

    // Reads `path` as UTF-8 (the locale encoding configparser uses on the
    // systems Alembic runs on). `defaults` are the ConfigParser(defaults)
    // constructor values, e.g. Alembic's {"here": <folder of the file>}.
    static IniFile read(const QString &path, const IniDefaults &defaults = {});
    static IniFile fromData(const QByteArray &data, const QString &fileName,
                            const IniDefaults &defaults = {});

    QString fileName() const { return m_fileName; }
    bool isReadable() const { return m_readable; }
    // Errors in file order; empty when configparser would accept the file.
    const QList<IniError> &errors() const { return m_errors; }
    bool isValid() const { return m_errors.isEmpty(); }

    // Section names in file order, without DEFAULT.
    QStringList sections() const;
    bool hasSection(const QString &section) const;
    int sectionLine(const QString &section) const; // line of its first header, 0 if none
    // Option names as configparser.options(): the section's own, then DEFAULT's.
    QStringList options(const QString &section) const;
    // Options written in the section itself (not inherited from DEFAULT).
    QStringList ownOptions(const QString &section) const;
    bool hasOwnOption(const QString &section, const QString &option) const;
    // configparser.has_option(): false for a missing section; looks in DEFAULT too.
    bool hasOption(const QString &section, const QString &option) const;
    // configparser.get(section, option) with BasicInterpolation. `section`
    // may be "DEFAULT".
    IniLookup get(const QString &section, const QString &option) const;
    // Like get() without interpolation.
    IniLookup raw(const QString &section, const QString &option) const;

    // Python's str.isspace() and str.strip(); exposed for Alembic's splitting rules.
    static bool isPythonSpace(QChar c);
    static QString pythonStrip(const QString &text);
    // Python's repr() of a str, used to word messages the way Python does.
    static QString pythonRepr(const QString &text);

private:
    struct Option
    {
        QString name;
        QStringList lines; // joined with '\n' and right-stripped when parsing ends
        QString value;
        int line = 0;
    };
    struct Section
    {
        QString name;
        int line = 0;
        QList<Option> options;
        QHash<QString, int> index;
    };

    void parse(const QString &text);
    void addError(IniError::Kind kind, int line, const QString &message);
    const Option *findOption(const Section &section, const QString &name) const;
    const Section *findSection(const QString &name) const;
    IniLookup lookup(const QString &section, const QString &option, bool interpolate) const;
    bool interpolate(const QString &section, const QString &option, const QString &rawValue,
                     QString *accum, const QString &rest, int depth, QString *error) const;

    QString m_fileName;
    bool m_readable = true;
    QList<IniError> m_errors;
    Section m_defaults;
    QList<Section> m_sections;
    QHash<QString, int> m_sectionIndex;
};

} // namespace Revscope
