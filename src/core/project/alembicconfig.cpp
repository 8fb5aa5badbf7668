#include "alembicconfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

#include <utility>

namespace Revscope {

namespace {

QString defaultFileTemplate()
{
    return QStringLiteral("%(rev)s_%(slug)s");
}

QString absoluteIn(const QString &base, const QString &path)
{
    return QDir::cleanPath(QDir(base).absoluteFilePath(path));
}

QString repr(const QString &text)
{
    return IniFile::pythonRepr(text);
}

// Python's `format % mapping` for string values of [tool.alembic]; Alembic
// passes {"here": <folder of pyproject.toml>} as the mapping.
bool percentFormat(const QString &format, const QHash<QString, QString> &args, QString *out,
                   QString *error)
{
    out->clear();
    qsizetype i = 0;
    while (i < format.size()) {
        const QChar c = format.at(i);
        if (c != QLatin1Char('%')) {
            out->append(c);
            ++i;
            continue;
        }
        if (i + 1 >= format.size()) {
            *error = QCoreApplication::translate("Revscope::AlembicConfig", "incomplete format");
            return false;
        }
        if (format.at(i + 1) == QLatin1Char('%')) {
            out->append(QLatin1Char('%'));
            i += 2;
            continue;
        }
        if (format.at(i + 1) != QLatin1Char('(')) {
            *error = QCoreApplication::translate(
                         "Revscope::AlembicConfig",
                         "unsupported format %1: use %(here)s, or %% for a literal %")
                         .arg(repr(format.mid(i, 2)));
            return false;
        }
        // %(key) then optional flags, width and precision, then the conversion.
        qsizetype depth = 1;
        qsizetype j = i + 2;
        while (j < format.size() && depth > 0) {
            if (format.at(j) == QLatin1Char('(')) {
                ++depth;
            } else if (format.at(j) == QLatin1Char(')')) {
                --depth;
            }
            ++j;
        }
        if (depth > 0) {
            *error =
                QCoreApplication::translate("Revscope::AlembicConfig", "incomplete format key");
            return false;
        }
        const QString key = format.mid(i + 2, j - i - 3);
        bool leftAlign = false;
        while (j < format.size() && QStringLiteral("-+ #0").contains(format.at(j))) {
            leftAlign = leftAlign || format.at(j) == QLatin1Char('-');
            ++j;
        }
        int width = 0;
        while (j < format.size() && format.at(j).isDigit()) {
            width = width * 10 + format.at(j).digitValue();
            ++j;
        }
        int precision = -1;
        if (j < format.size() && format.at(j) == QLatin1Char('.')) {
            ++j;
            precision = 0;
            while (j < format.size() && format.at(j).isDigit()) {
                precision = precision * 10 + format.at(j).digitValue();
                ++j;
            }
        }
        if (j >= format.size()) {
            *error = QCoreApplication::translate("Revscope::AlembicConfig", "incomplete format");
            return false;
        }
        const QChar conversion = format.at(j);
        if (!args.contains(key)) {
            *error = QCoreApplication::translate("Revscope::AlembicConfig", "KeyError: %1")
                         .arg(repr(key));
            return false;
        }
        QString value = args.value(key);
        if (conversion == QLatin1Char('r') || conversion == QLatin1Char('a')) {
            value = repr(value);
        } else if (conversion != QLatin1Char('s')) {
            *error = QCoreApplication::translate("Revscope::AlembicConfig",
                                                 "format %1 needs a number, not the string %2")
                         .arg(repr(format.mid(i, j - i + 1)), repr(key));
            return false;
        }
        if (precision >= 0) {
            value = value.left(precision);
        }
        if (value.size() < width) {
            value = leftAlign ? value.leftJustified(width) : value.rightJustified(width);
        }
        out->append(value);
        i = j + 1;
    }
    return true;
}

QStringList splitLegacy(const QString &text, bool withColon)
{
    // Alembic's _split_on_space_comma(_colon): re.split keeps empty pieces.
    static const QRegularExpression spaceComma(QStringLiteral(", *| +"));
    static const QRegularExpression spaceCommaColon(QStringLiteral(", *| +|:"));
    return text.split(withColon ? spaceCommaColon : spaceComma);
}

QStringList splitOn(const QString &text, QChar separator)
{
    // [x.strip() for x in text.split(sep) if x]
    QStringList result;
    for (const QString &piece : text.split(separator)) {
        if (!piece.isEmpty()) {
            result.append(IniFile::pythonStrip(piece));
        }
    }
    return result;
}

// Where one Alembic option came from.
struct OptionValue
{
    enum class Source { None, Ini, Toml };
    Source source = Source::None;
    bool ok = true;
    QString string; // ini value, or toml string after % formatting
    TomlValue toml; // toml value as written
    QString file;
    int line = 0;

    bool isSet() const { return source != Source::None; }
};

class Resolver
{
public:
    Resolver(const IniFile *ini, const QString &section, const PyProjectFile *pyproject,
             AlembicEnvironment *env)
        : m_ini(ini), m_section(section), m_pyproject(pyproject), m_env(env)
    {
        const QString config = ini ? ini->fileName() : pyproject->path();
        m_baseDir = QFileInfo(config).absolutePath();
        m_workDir = m_baseDir;
        if (pyproject) {
            m_tomlArgs.insert(QStringLiteral("here"), QFileInfo(pyproject->path()).absolutePath());
        }
    }

    void resolve();

private:
    void addFinding(const QString &code, Severity severity, const QString &message,
                    const QString &file, int line, const QString &fix = QString());
    void fail(const QString &message, const QString &file, int line, const QString &fix = QString())
    {
        addFinding(QStringLiteral("config-error"), Severity::Error, message, file, line, fix);
        m_env->usable = false;
    }
    bool iniHasSection() const { return m_ini && m_ini->hasSection(m_section); }
    bool iniHas(const QString &name) const { return m_ini && m_ini->hasOption(m_section, name); }
    bool tomlHas(const QString &name) const
    {
        return m_pyproject && m_pyproject->hasToolAlembic() &&
               !m_pyproject->toolAlembicMalformed() && m_pyproject->contains(name);
    }
    // Config.get_main_option(): the ini only, interpolated.
    OptionValue iniOption(const QString &name, bool fatal = true);
    // Config.get_alembic_option(): the ini first, then [tool.alembic].
    OptionValue option(const QString &name);
    OptionValue tomlOption(const QString &name);
    bool formatToml(const TomlValue &value, const QString &name, QString *out);
    bool booleanOption(const QString &name, int *line);
    QStringList tomlStringList(const QString &name, const OptionValue &value);
    // get_version_locations_list() / get_prepend_sys_paths_list() for ini text.
    QStringList splitPaths(const QString &name, const OptionValue &value, bool versionLocations);
    // util.coerce_resource_to_filename(), resolved against m_workDir.
    QString coerce(const QString &location, const QString &what, const QString &file, int line);
    // The config folder, then each folder above it up to the scan root: where
    // Alembic may be run from, and where an installed project's packages live.
    QStringList workDirCandidates() const;
    QString sectionFile() const
    {
        return m_ini && (iniHasSection() || !m_pyproject) ? m_ini->fileName() : m_pyproject->path();
    }
    int sectionLine() const
    {
        if (iniHasSection()) {
            return m_ini->sectionLine(m_section);
        }
        return m_pyproject ? m_pyproject->toolAlembicLine() : 0;
    }

    const IniFile *m_ini;
    QString m_section;
    const PyProjectFile *m_pyproject;
    AlembicEnvironment *m_env;
    QString m_baseDir;
    QString m_workDir; // what relative paths are resolved against (Alembic's cwd)
    QHash<QString, QString> m_tomlArgs;
};

void Resolver::addFinding(const QString &code, Severity severity, const QString &message,
                          const QString &file, int line, const QString &fix)
{
    Finding finding;
    finding.code = code;
    finding.severity = severity;
    finding.message = message;
    finding.environment = m_env->label;
    finding.file = file;
    finding.line = line;
    finding.fix = fix;
    m_env->findings.append(finding);
}

OptionValue Resolver::iniOption(const QString &name, bool fatal)
{
    OptionValue value;
    if (!iniHas(name)) {
        return value;
    }
    const IniLookup lookup = m_ini->get(m_section, name);
    value.source = OptionValue::Source::Ini;
    value.file = m_ini->fileName();
    value.line = lookup.line;
    value.ok = lookup.ok;
    value.string = lookup.value;
    if (!lookup.ok) {
        if (fatal) {
            fail(lookup.error, value.file, value.line,
                 QCoreApplication::translate(
                     "Revscope::AlembicConfig",
                     "Write a literal % as %%, and refer only to options of this section or of "
                     "[DEFAULT], as %(name)s."));
        } else {
            addFinding(QStringLiteral("config-error"), Severity::Error, lookup.error, value.file,
                       value.line,
                       QCoreApplication::translate(
                           "Revscope::AlembicConfig",
                           "Write a literal % as %%, and refer only to options of this section or "
                           "of [DEFAULT], as %(name)s."));
        }
    }
    return value;
}

bool Resolver::formatToml(const TomlValue &value, const QString &name, QString *out)
{
    QString error;
    if (!percentFormat(value.string, m_tomlArgs, out, &error)) {
        fail(QCoreApplication::translate("Revscope::AlembicConfig",
                                         "Cannot expand %1 in [tool.alembic] %2: %3")
                 .arg(repr(value.string), name, error),
             m_pyproject->path(), value.line);
        return false;
    }
    return true;
}

OptionValue Resolver::tomlOption(const QString &name)
{
    OptionValue value;
    if (!tomlHas(name)) {
        return value;
    }
    value.source = OptionValue::Source::Toml;
    value.toml = m_pyproject->value(name);
    value.file = m_pyproject->path();
    value.line = value.toml.line;
    if (value.toml.type == TomlValue::Type::String) {
        value.ok = formatToml(value.toml, name, &value.string);
    }
    return value;
}

OptionValue Resolver::option(const QString &name)
{
    if (iniHas(name)) {
        return iniOption(name);
    }
    return tomlOption(name);
}

bool Resolver::booleanOption(const QString &name, int *line)
{
    // get_alembic_boolean_option(): the ini value must be exactly "true";
    // a TOML value must be a boolean.
    if (iniHas(name)) {
        const OptionValue value = iniOption(name);
        *line = value.line;
        if (!value.ok) {
            return false;
        }
        const QString lower = value.string.toLower();
        if (value.string != QLatin1String("true") &&
            (lower == QLatin1String("true") || lower == QLatin1String("yes") ||
             lower == QLatin1String("on") || lower == QLatin1String("1"))) {
            addFinding(QStringLiteral("config-error"), Severity::Warning,
                       QCoreApplication::translate(
                           "Revscope::AlembicConfig",
                           "%1 = %2 reads as false: Alembic only accepts the exact word 'true'.")
                           .arg(name, value.string),
                       value.file, value.line,
                       QCoreApplication::translate("Revscope::AlembicConfig", "Write %1 = true.")
                           .arg(name));
        }
        return value.string == QLatin1String("true");
    }
    const OptionValue value = tomlOption(name);
    *line = value.line;
    if (!value.isSet()) {
        return false;
    }
    if (value.toml.type != TomlValue::Type::Boolean) {
        fail(
            QCoreApplication::translate("Revscope::AlembicConfig",
                                        "boolean value expected for TOML parameter %1, found %2")
                .arg(repr(name), value.toml.pythonTypeName()),
            value.file, value.line,
            QCoreApplication::translate("Revscope::AlembicConfig", "Write %1 = true or %1 = false.")
                .arg(name));
        return false;
    }
    return value.toml.boolean;
}

QStringList Resolver::tomlStringList(const QString &name, const OptionValue &value)
{
    QStringList result;
    if (value.toml.type != TomlValue::Type::Array) {
        fail(QCoreApplication::translate("Revscope::AlembicConfig",
                                         "[tool.alembic] %1 must be a list of paths, not a %2.")
                 .arg(name, value.toml.pythonTypeName()),
             value.file, value.line,
             QCoreApplication::translate("Revscope::AlembicConfig",
                                         "Write %1 = [\"%(here)s/path\", ...].")
                 .arg(name));
        return result;
    }
    for (const TomlValue &item : value.toml.items) {
        if (item.type != TomlValue::Type::String) {
            fail(QCoreApplication::translate("Revscope::AlembicConfig",
                                             "[tool.alembic] %1 must hold strings, found a %2.")
                     .arg(name, item.pythonTypeName()),
                 value.file, item.line);
            continue;
        }
        QString formatted;
        if (formatToml(item, name, &formatted)) {
            result.append(formatted);
        }
    }
    return result;
}

QStringList Resolver::splitPaths(const QString &name, const OptionValue &value,
                                 bool versionLocations)
{
    // path_separator wins over the older version_path_separator, which only
    // ever applied to version_locations.
    QStringList keys{QStringLiteral("path_separator")};
    if (versionLocations) {
        keys.append(QStringLiteral("version_path_separator"));
    }
    for (const QString &key : keys) {
        if (!iniHas(key)) {
            continue;
        }
        const OptionValue keyword = iniOption(key);
        if (!keyword.ok) {
            return {};
        }
        QChar separator;
        if (!AlembicConfig::separatorFor(keyword.string, &separator)) {
            fail(QCoreApplication::translate(
                     "Revscope::AlembicConfig",
                     "%1 is not a valid value for %2; expected 'space', 'newline', 'os', ':', ';'")
                     .arg(repr(keyword.string), key),
                 keyword.file, keyword.line,
                 QCoreApplication::translate("Revscope::AlembicConfig", "Write %1 = os.").arg(key));
            return {};
        }
        const QStringList pieces = splitOn(value.string, separator);
        for (const QString &piece : pieces) {
            if (piece.isEmpty()) {
                addFinding(QStringLiteral("config-error"), Severity::Warning,
                           QCoreApplication::translate(
                               "Revscope::AlembicConfig",
                               "%1 has an empty entry, which Alembic reads as the folder it runs "
                               "in.")
                               .arg(name),
                           value.file, value.line);
                break;
            }
        }
        return pieces;
    }
    const QStringList pieces = splitLegacy(value.string, !versionLocations);
    // Only worth saying when the legacy split actually splits something.
    if (pieces.size() > 1) {
        const QString message =
            versionLocations
                ? QCoreApplication::translate(
                      "Revscope::AlembicConfig",
                      "No path_separator found in configuration; %1 is split on spaces and "
                      "commas the legacy way, and newer Alembic releases warn about it.")
                : QCoreApplication::translate(
                      "Revscope::AlembicConfig",
                      "No path_separator found in configuration; %1 is split on spaces, commas "
                      "and colons the legacy way, and newer Alembic releases warn about it.");
        addFinding(QStringLiteral("config-error"), Severity::Info, message.arg(name), value.file,
                   value.line,
                   QCoreApplication::translate("Revscope::AlembicConfig",
                                               "Add path_separator = os to the config."));
    }
    if (pieces.contains(QString())) {
        addFinding(QStringLiteral("config-error"), Severity::Warning,
                   QCoreApplication::translate(
                       "Revscope::AlembicConfig",
                       "%1 has an empty entry (a leading, trailing or doubled separator), which "
                       "Alembic reads as the folder it runs in.")
                       .arg(name),
                   value.file, value.line);
    }
    return pieces;
}

QStringList Resolver::workDirCandidates() const
{
    QStringList candidates{m_baseDir};
    const QString root = m_env->root;
    if (root.isEmpty() || !m_baseDir.startsWith(root + QLatin1Char('/'))) {
        return candidates;
    }
    QString dir = m_baseDir;
    while (dir != root && dir.size() > root.size()) {
        dir = QFileInfo(dir).path();
        candidates.append(dir);
    }
    return candidates;
}

QString Resolver::coerce(const QString &location, const QString &what, const QString &file,
                         int line)
{
    if (QDir::isAbsolutePath(location) || !location.contains(QLatin1Char(':'))) {
        return absoluteIn(m_workDir, location);
    }
    // "package.sub:path": importlib.resources.files(package) / path. The
    // package is found on sys.path, which starts with prepend_sys_path; an
    // installed project's own package is also importable, so the folders up
    // to the scan root count too.
    const QStringList tokens = location.split(QLatin1Char(':'));
    const QString package = tokens.first();
    const QString packagePath = QString(package).replace(QLatin1Char('.'), QLatin1Char('/'));
    QStringList searched = m_env->prependSysPath;
    for (const QString &dir : workDirCandidates()) {
        if (!searched.contains(dir)) {
            searched.append(dir);
        }
    }
    QString found;
    if (!package.isEmpty() && !package.startsWith(QLatin1Char('.')) &&
        !package.endsWith(QLatin1Char('.')) && !package.contains(QLatin1String(".."))) {
        for (const QString &dir : searched) {
            const QString candidate = QDir::cleanPath(dir + QLatin1Char('/') + packagePath);
            if (QFileInfo(candidate).isDir()) {
                found = candidate;
                break;
            }
        }
    }
    if (found.isEmpty()) {
        fail(QCoreApplication::translate(
                 "Revscope::AlembicConfig",
                 "No module named %1 (from %2 = %3): the package is not under the config folder, "
                 "a folder above it within the project, or a prepend_sys_path entry, so Alembic "
                 "finds it only if it is installed.")
                 .arg(repr(package), what, location),
             file, line,
             QCoreApplication::translate(
                 "Revscope::AlembicConfig",
                 "Use a path relative to the config folder, or add the folder holding the "
                 "package to prepend_sys_path."));
        return QString();
    }
    QString path = found;
    for (qsizetype i = 1; i < tokens.size(); ++i) {
        path = QDir(path).filePath(tokens.at(i));
    }
    return QDir::cleanPath(path);
}

void Resolver::resolve()
{
    AlembicEnvironment &env = *m_env;

    if (m_ini) {
        for (const IniError &error : m_ini->errors()) {
            if (error.kind == IniError::Kind::Unreadable) {
                addFinding(QStringLiteral("unreadable-file"), Severity::Error, error.message,
                           m_ini->fileName(), 0);
                env.usable = false;
            } else {
                fail(error.message, m_ini->fileName(), error.line);
            }
        }
    }
    if (m_pyproject && m_pyproject->hasError()) {
        // Alembic 1.16+ reads the pyproject.toml beside the ini for every key
        // the ini lacks, so a broken one stops it even when the ini is complete.
        const bool iniComplete = iniHasSection();
        addFinding(QStringLiteral("config-error"),
                   iniComplete ? Severity::Warning : Severity::Error,
                   iniComplete ? QCoreApplication::translate(
                                     "Revscope::AlembicConfig",
                                     "pyproject.toml does not parse: %1. Alembic 1.16 and later "
                                     "read it beside the ini and stop on this error.")
                                     .arg(m_pyproject->error())
                               : QCoreApplication::translate("Revscope::AlembicConfig",
                                                             "pyproject.toml does not parse: %1")
                                     .arg(m_pyproject->error()),
                   m_pyproject->path(), m_pyproject->errorLine());
    }
    if (m_pyproject && m_pyproject->toolAlembicMalformed()) {
        fail(QCoreApplication::translate("Revscope::AlembicConfig",
                                         "Incorrect TOML format: [tool.alembic] must be a table."),
             m_pyproject->path(), m_pyproject->toolAlembicLine());
    }

    const bool tomlUsable = m_pyproject && m_pyproject->hasToolAlembic();
    if (m_ini && !m_ini->isReadable() && !tomlUsable) {
        return; // reported above; configparser silently reads nothing
    }
    if (m_ini && !iniHasSection() && !tomlUsable) {
        fail(QCoreApplication::translate("Revscope::AlembicConfig",
                                         "No config file %1 found, or file has no '[%2]' section")
                 .arg(repr(m_ini->fileName()), m_section),
             m_ini->fileName(), 0,
             QCoreApplication::translate(
                 "Revscope::AlembicConfig",
                 "Add a [%1] section with script_location, or run Alembic with --name.")
                 .arg(m_section));
        return;
    }

    // prepend_sys_path first: Alembic extends sys.path before it looks up a
    // "package:path" script_location.
    QStringList sysPathEntries;
    {
        QStringList &entries = sysPathEntries;
        const OptionValue ini = iniHas(QStringLiteral("prepend_sys_path"))
                                    ? iniOption(QStringLiteral("prepend_sys_path"))
                                    : OptionValue();
        if (ini.isSet() && ini.ok && !ini.string.isEmpty()) {
            entries = splitPaths(QStringLiteral("prepend_sys_path"), ini, false);
        } else if (!ini.isSet() || ini.ok) {
            const OptionValue toml = tomlOption(QStringLiteral("prepend_sys_path"));
            if (toml.isSet()) {
                entries = tomlStringList(QStringLiteral("prepend_sys_path"), toml);
            }
        }
    }

    const OptionValue scriptLocation = option(QStringLiteral("script_location"));
    // A relative script_location is relative to the folder Alembic runs in.
    // Revscope assumes the config's folder; when the path is not there but is
    // under the project root (a config kept beside its scripts, used as
    // `alembic -c pkg/db/alembic.ini` from the root), the root.
    if (scriptLocation.isSet() && scriptLocation.ok && !scriptLocation.string.isEmpty() &&
        !QDir::isAbsolutePath(scriptLocation.string) &&
        !scriptLocation.string.contains(QLatin1Char(':')) &&
        !QFileInfo::exists(absoluteIn(m_baseDir, scriptLocation.string))) {
        const QString root = workDirCandidates().constLast();
        if (root != m_baseDir && QFileInfo::exists(absoluteIn(root, scriptLocation.string))) {
            m_workDir = root;
            addFinding(QStringLiteral("config-error"), Severity::Info,
                       QCoreApplication::translate(
                           "Revscope::AlembicConfig",
                           "script_location = %1 is relative to the folder Alembic runs in. It is "
                           "not under the config's folder but under the project root %2, so "
                           "Revscope reads the environment as `alembic -c` run from the root.")
                           .arg(scriptLocation.string, root),
                       scriptLocation.file, scriptLocation.line,
                       QCoreApplication::translate(
                           "Revscope::AlembicConfig",
                           "Write script_location = %(here)s/<folder> to make it independent of "
                           "the folder Alembic is run from."));
        }
    }
    for (const QString &entry : std::as_const(sysPathEntries)) {
        env.prependSysPath.append(absoluteIn(m_workDir, entry));
    }

    if (!scriptLocation.isSet()) {
        fail(QCoreApplication::translate("Revscope::AlembicConfig",
                                         "No 'script_location' key found in configuration."),
             sectionFile(), sectionLine(),
             QCoreApplication::translate(
                 "Revscope::AlembicConfig",
                 "Add script_location = %(here)s/migrations (the folder holding env.py) to [%1].")
                 .arg(m_section));
    } else if (scriptLocation.source == OptionValue::Source::Toml &&
               scriptLocation.toml.type != TomlValue::Type::String) {
        fail(QCoreApplication::translate(
                 "Revscope::AlembicConfig",
                 "[tool.alembic] script_location must be a string, not a %1.")
                 .arg(scriptLocation.toml.pythonTypeName()),
             scriptLocation.file, scriptLocation.line);
    } else if (scriptLocation.ok) {
        env.scriptLocationRaw = scriptLocation.string;
        env.scriptLocationLine = scriptLocation.line;
        env.scriptLocation = coerce(scriptLocation.string, QStringLiteral("script_location"),
                                    scriptLocation.file, scriptLocation.line);
    }

    const OptionValue slugLength = option(QStringLiteral("truncate_slug_length"));
    if (slugLength.isSet() && slugLength.ok) {
        static const QRegularExpression intLiteral(QStringLiteral(R"(^[+-]?\d+(_\d+)*$)"));
        const bool valid =
            slugLength.source == OptionValue::Source::Toml
                ? (slugLength.toml.type == TomlValue::Type::Integer ||
                   slugLength.toml.type == TomlValue::Type::Float ||
                   slugLength.toml.type == TomlValue::Type::Boolean ||
                   (slugLength.toml.type == TomlValue::Type::String &&
                    intLiteral.match(IniFile::pythonStrip(slugLength.string)).hasMatch()))
                : intLiteral.match(IniFile::pythonStrip(slugLength.string)).hasMatch();
        if (!valid) {
            fail(QCoreApplication::translate(
                     "Revscope::AlembicConfig",
                     "invalid literal for int() with base 10: %1 (truncate_slug_length)")
                     .arg(repr(slugLength.string)),
                 slugLength.file, slugLength.line,
                 QCoreApplication::translate("Revscope::AlembicConfig",
                                             "Write a whole number, e.g. 40."));
        }
    }

    // version_locations: the ini's non-empty value, else [tool.alembic]'s list.
    {
        QStringList locations;
        const OptionValue ini = iniHas(QStringLiteral("version_locations"))
                                    ? iniOption(QStringLiteral("version_locations"))
                                    : OptionValue();
        int line = ini.line;
        QString file = ini.file;
        if (ini.isSet() && ini.ok && !ini.string.isEmpty()) {
            locations = splitPaths(QStringLiteral("version_locations"), ini, true);
        } else if (!ini.isSet() || ini.ok) {
            const OptionValue toml = tomlOption(QStringLiteral("version_locations"));
            if (toml.isSet()) {
                locations = tomlStringList(QStringLiteral("version_locations"), toml);
                line = toml.line;
                file = toml.file;
            }
        }
        for (const QString &location : std::as_const(locations)) {
            const QString resolved =
                coerce(location, QStringLiteral("version_locations"), file, line);
            if (!resolved.isEmpty()) {
                env.versionLocations.append(resolved);
            }
        }
        env.versionLocationsSet = !locations.isEmpty();
    }

    int sourcelessLine = 0;
    env.sourceless = booleanOption(QStringLiteral("sourceless"), &sourcelessLine);
    int recursiveLine = 0;
    env.recursiveVersionLocations =
        booleanOption(QStringLiteral("recursive_version_locations"), &recursiveLine);

    const OptionValue fileTemplate = option(QStringLiteral("file_template"));
    if (!fileTemplate.isSet()) {
        env.fileTemplate = defaultFileTemplate();
    } else if (fileTemplate.source == OptionValue::Source::Toml &&
               fileTemplate.toml.type != TomlValue::Type::String) {
        fail(QCoreApplication::translate("Revscope::AlembicConfig",
                                         "[tool.alembic] file_template must be a string, not a %1.")
                 .arg(fileTemplate.toml.pythonTypeName()),
             fileTemplate.file, fileTemplate.line);
    } else if (fileTemplate.ok) {
        env.fileTemplate = fileTemplate.string;
    }

    // Read by ScriptDirectory.from_config too, so a broken value stops Alembic.
    option(QStringLiteral("output_encoding"));
    option(QStringLiteral("timezone"));
    if (m_ini && m_ini->hasSection(QStringLiteral("post_write_hooks"))) {
        const QString hooks = QStringLiteral("post_write_hooks");
        for (const QString &name : m_ini->options(hooks)) {
            const IniLookup lookup = m_ini->get(hooks, name);
            if (!lookup.ok) {
                fail(lookup.error, m_ini->fileName(), lookup.line);
            }
        }
    }

    // Not needed to load scripts, but env.py reads it to connect.
    const OptionValue url = iniOption(QStringLiteral("sqlalchemy.url"), false);
    if (url.isSet()) {
        env.sqlalchemyUrlLine = url.line;
        if (url.ok) {
            env.sqlalchemyUrl = url.string;
        }
    }

    // ScriptDirectory() checks os.access(dir, F_OK); an empty value never passes.
    const bool located = scriptLocation.isSet() && scriptLocation.ok &&
                         (scriptLocation.source == OptionValue::Source::Ini ||
                          scriptLocation.toml.type == TomlValue::Type::String);
    if (located && (scriptLocation.string.isEmpty() || !env.scriptLocation.isEmpty())) {
        const QFileInfo info(env.scriptLocation);
        if (scriptLocation.string.isEmpty() || !info.exists()) {
            const QString shown = scriptLocation.string.isEmpty() ? m_workDir : env.scriptLocation;
            addFinding(QStringLiteral("script-location-missing"), Severity::Error,
                       QCoreApplication::translate(
                           "Revscope::AlembicConfig",
                           "Path doesn't exist: %1 (script_location = %2). Alembic cannot load "
                           "this environment.")
                           .arg(repr(shown), scriptLocation.string),
                       scriptLocation.file, scriptLocation.line,
                       QCoreApplication::translate(
                           "Revscope::AlembicConfig",
                           "Point script_location at the folder holding env.py, or create it "
                           "with 'alembic init'."));
            env.usable = false;
        } else if (!info.isDir()) {
            addFinding(QStringLiteral("script-location-missing"), Severity::Error,
                       QCoreApplication::translate("Revscope::AlembicConfig",
                                                   "script_location %1 is a file, not a folder.")
                           .arg(repr(env.scriptLocation)),
                       scriptLocation.file, scriptLocation.line);
            env.usable = false;
        }
    }
    if (!env.versionLocationsSet && !env.scriptLocation.isEmpty()) {
        env.versionLocations =
            QStringList{QDir::cleanPath(env.scriptLocation + QStringLiteral("/versions"))};
    }
}

} // namespace

IniFile AlembicConfig::readIni(const QString &path)
{
    const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    return IniFile::read(absolute, {{QStringLiteral("here"), QFileInfo(absolute).absolutePath()}});
}

AlembicEnvironment AlembicConfig::fromIni(const IniFile &ini, const QString &section,
                                          const PyProjectFile *pyproject, const QString &root)
{
    AlembicEnvironment env;
    env.configFile = QDir::cleanPath(QFileInfo(ini.fileName()).absoluteFilePath());
    env.section = section;
    if (pyproject) {
        env.pyprojectFile = QDir::cleanPath(QFileInfo(pyproject->path()).absoluteFilePath());
    }
    env.root = root.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    env.label = environmentLabel(env, env.root);
    Resolver(&ini, section, pyproject, &env).resolve();
    return env;
}

AlembicEnvironment AlembicConfig::fromPyProject(const PyProjectFile &pyproject, const QString &root)
{
    AlembicEnvironment env;
    env.configFile = QDir::cleanPath(QFileInfo(pyproject.path()).absoluteFilePath());
    env.section = QStringLiteral("tool.alembic");
    env.pyprojectFile = env.configFile;
    env.root = root.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    env.label = environmentLabel(env, env.root);
    Resolver(nullptr, env.section, &pyproject, &env).resolve();
    return env;
}

QStringList AlembicConfig::environmentSections(const IniFile &ini, bool alembicIni,
                                               bool withPyProject)
{
    const QString alembic = QStringLiteral("alembic");
    QStringList own;
    for (const QString &section : ini.sections()) {
        if (section != alembic && ini.hasOwnOption(section, QStringLiteral("script_location"))) {
            own.append(section);
        }
    }
    const bool includeAlembic =
        withPyProject ||
        (ini.hasSection(alembic) &&
         (alembicIni || ini.hasOption(alembic, QStringLiteral("script_location")))) ||
        (alembicIni && own.isEmpty());
    if (includeAlembic) {
        own.prepend(alembic);
    }
    return own;
}

bool AlembicConfig::separatorFor(const QString &keyword, QChar *separator)
{
    if (keyword == QLatin1String("space")) {
        *separator = QLatin1Char(' ');
    } else if (keyword == QLatin1String("newline")) {
        *separator = QLatin1Char('\n');
    } else if (keyword == QLatin1String("os")) {
        *separator = QDir::listSeparator();
    } else if (keyword == QLatin1String(":") || keyword == QLatin1String(";")) {
        *separator = keyword.at(0);
    } else {
        return false;
    }
    return true;
}

QString environmentLabel(const AlembicEnvironment &env, const QString &root)
{
    QString config = env.configFile;
    if (!root.isEmpty()) {
        const QString relative = QDir(root).relativeFilePath(env.configFile);
        if (!relative.startsWith(QLatin1String("../")) && relative != QLatin1String("..")) {
            config = relative;
        }
    }
    config = QDir::fromNativeSeparators(config);
    const bool defaultSection = env.section.isEmpty() || env.section == QLatin1String("alembic") ||
                                env.section == QLatin1String("tool.alembic");
    return defaultSection ? config : config + QLatin1Char('#') + env.section;
}

} // namespace Revscope
