#include "project/inifile.h"

#include "projecttesthelpers.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace Revscope;

namespace {

const QString kHere = QStringLiteral("/srv/app");

IniDefaults hereDefaults(const QString &here = kHere)
{
    return {{QStringLiteral("here"), here}};
}

QString kindName(IniError::Kind kind)
{
    switch (kind) {
    case IniError::Kind::Unreadable:
        return QStringLiteral("Unreadable");
    case IniError::Kind::Decode:
        return QStringLiteral("Decode");
    case IniError::Kind::MissingSectionHeader:
        return QStringLiteral("MissingSectionHeader");
    case IniError::Kind::DuplicateSection:
        return QStringLiteral("DuplicateSection");
    case IniError::Kind::DuplicateOption:
        return QStringLiteral("DuplicateOption");
    case IniError::Kind::Parsing:
        return QStringLiteral("Parsing");
    }
    return QString();
}

QStringList errorList(const IniFile &ini)
{
    QStringList out;
    for (const IniError &error : ini.errors()) {
        out.append(kindName(error.kind) + QLatin1Char(':') + QString::number(error.line));
    }
    return out;
}

// Texts read both by IniFile and by Python's configparser in oracle().
struct Sample
{
    const char *name;
    const char *text;
};

const Sample kSamples[] = {
    {"equals", "[alembic]\nscript_location = migrations\n"},
    {"colon", "[a]\nkey: value\n"},
    {"upper-case key", "[a]\nScript_Location = x\n"},
    {"inline hash kept", "[a]\nversion_path_separator = os  # comment\n"},
    {"inline semicolon kept", "[a]\nk = v ; not a comment\n"},
    {"continuation", "[a]\nk = one\n  two\n    three\n"},
    {"empty line in value", "[a]\nk = one\n\n  two\n"},
    {"trailing empty lines", "[a]\nk = one\n\n\n[b]\nj = 2\n"},
    {"comment inside value", "[a]\nk = one\n  # note\n  two\n; other\n"},
    {"deeper indent continues", "[a]\nk = 1\n  j = 2\n"},
    {"same indent new option", "[a]\n  k = 1\n  j = 2\n   l = 3\n"},
    {"first delimiter wins", "[a]\nk : v = w\nx = y : z\n"},
    {"empty value", "[a]\nk =\nj:\n"},
    {"default inheritance", "[DEFAULT]\nbase = /srv\n[a]\nk = %(base)s/x\n"},
    {"here", "[a]\nk = %(here)s/m\n"},
    {"here overridden", "[DEFAULT]\nhere = /o\n[a]\nk = %(here)s\n"},
    {"section beats default", "[DEFAULT]\nx = d\n[a]\nx = s\nk = %(x)s\n"},
    {"percent escape", "[a]\nk = 100%%\n"},
    {"file template", "[a]\nfile_template = %%(rev)s_%%(slug)s\n"},
    {"nested", "[a]\nx = %(y)s\ny = %(z)s!\nz = deep\n"},
    {"reference case", "[a]\nX = 1\nk = %(X)s\n"},
    {"missing reference", "[a]\nk = %(nope)s\n"},
    {"bare percent", "[a]\nk = 50% off\n"},
    {"bad reference", "[a]\nk = %(x\n"},
    {"empty reference", "[a]\nk = %()s\n"},
    {"self reference", "[a]\nk = %(k)s\n"},
    {"depth 10", "[a]\nk0 = %(k1)s\nk1 = %(k2)s\nk2 = %(k3)s\nk3 = %(k4)s\nk4 = %(k5)s\n"
                 "k5 = %(k6)s\nk6 = %(k7)s\nk7 = %(k8)s\nk8 = %(k9)s\nk9 = %(k10)s\nk10 = end\n"},
    {"depth 11", "[a]\nk0 = %(k1)s\nk1 = %(k2)s\nk2 = %(k3)s\nk3 = %(k4)s\nk4 = %(k5)s\n"
                 "k5 = %(k6)s\nk6 = %(k7)s\nk7 = %(k8)s\nk8 = %(k9)s\nk9 = %(k10)s\n"
                 "k10 = %(k11)s\nk11 = end\n"},
    {"section name", "[a]]x] tail\nk = 1\n"},
    {"crlf", "[a]\r\nk = v\r\n  w\r\n"},
    {"cr only", "[a]\rk = v\r"},
    {"tab continuation", "[a]\nk = v\n\tw\n"},
    {"python-only whitespace", "[a]\nk = v\x1c\n"},
    {"missing header", "k = v\n[a]\nj = 1\n"},
    {"bom", "\xEF\xBB\xBF[alembic]\nscript_location = m\n"},
    {"duplicate section", "[a]\nk = 1\n[b]\n[a]\nj = 2\n"},
    {"duplicate option", "[a]\nk = 1\nK = 2\n"},
    {"duplicate default option", "[DEFAULT]\nk = 1\n[DEFAULT]\nk = 2\n"},
    {"repeated default header", "[DEFAULT]\nk = 1\n[DEFAULT]\nj = 2\n[a]\n"},
    {"parsing errors", "[a]\nbad line\nk = 1\nbad2\n"},
    {"empty name", "[a]\n= v\n"},
    {"empty brackets", "[a]\n[]\n"},
    {"many errors", "[a]\nbad\n[a]\nk = 1\nk = 2\n"},
    {"invalid utf-8", "[a]\nk = \xff\n"},
    {"utf-8 text", "[a]\nk = caf\xc3\xa9 \xe2\x82\xac\n"},
    {"comment before header", "# c\n; d\n\n[a]\nk = 1\n"},
    {"indented header", "  [a]\n  k = 1\n"},
};

const char *sampleText(const char *name)
{
    for (const Sample &sample : kSamples) {
        if (qstrcmp(sample.name, name) == 0) {
            return sample.text;
        }
    }
    return "";
}

} // namespace

class TestIniFile : public QObject
{
    Q_OBJECT

private slots:
    void get_data();
    void get();
    void errors_data();
    void errors();
    void options();
    void lenientAfterErrors();
    void hereWithPercent();
    void readFile();
    void oracle_data();
    void oracle();
};

void TestIniFile::get_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("section");
    QTest::addColumn<QString>("option");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QString>("value"); // expected value, or a part of the error
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("line");

    auto row = [](const char *name, const char *text, const char *section, const char *option,
                  bool found, const QString &value, bool ok, int line) {
        QTest::newRow(name) << QByteArray(text) << QString::fromLatin1(section)
                            << QString::fromLatin1(option) << found << value << ok << line;
    };
    row("equals", "[alembic]\nscript_location = migrations\n", "alembic", "script_location", true,
        QStringLiteral("migrations"), true, 2);
    row("colon", "[a]\nkey: value\n", "a", "key", true, QStringLiteral("value"), true, 2);
    row("upper-case key", "[a]\nScript_Location = x\n", "a", "SCRIPT_location", true,
        QStringLiteral("x"), true, 2);
    row("inline hash kept", "[a]\nversion_path_separator = os  # comment\n", "a",
        "version_path_separator", true, QStringLiteral("os  # comment"), true, 2);
    row("inline semicolon kept", "[a]\nk = v ; not a comment\n", "a", "k", true,
        QStringLiteral("v ; not a comment"), true, 2);
    row("continuation", "[a]\nk = one\n  two\n    three\n", "a", "k", true,
        QStringLiteral("one\ntwo\nthree"), true, 2);
    row("empty line in value", "[a]\nk = one\n\n  two\n", "a", "k", true,
        QStringLiteral("one\n\ntwo"), true, 2);
    row("trailing empty lines", "[a]\nk = one\n\n\n[b]\n", "a", "k", true, QStringLiteral("one"),
        true, 2);
    row("comment inside value", "[a]\nk = one\n  # note\n  two\n", "a", "k", true,
        QStringLiteral("one\ntwo"), true, 2);
    row("deeper indent continues", "[a]\nk = 1\n  j = 2\n", "a", "k", true,
        QStringLiteral("1\nj = 2"), true, 2);
    row("deeper indent no new option", "[a]\nk = 1\n  j = 2\n", "a", "j", false, QString(), false,
        0);
    row("same indent new option", "[a]\n  k = 1\n  j = 2\n", "a", "j", true, QStringLiteral("2"),
        true, 3);
    row("first delimiter wins", "[a]\nk : v = w\n", "a", "k", true, QStringLiteral("v = w"), true,
        2);
    row("empty value", "[a]\nk =\n", "a", "k", true, QString(), true, 2);
    row("default inheritance", "[DEFAULT]\nbase = /srv\n[a]\nk = %(base)s/x\n", "a", "k", true,
        QStringLiteral("/srv/x"), true, 4);
    row("default option seen from section", "[DEFAULT]\nbase = /srv\n[a]\n", "a", "base", true,
        QStringLiteral("/srv"), true, 2);
    row("here", "[a]\nk = %(here)s/m\n", "a", "k", true, QStringLiteral("/srv/app/m"), true, 2);
    row("here itself", "[a]\n", "a", "here", true, QStringLiteral("/srv/app"), true, 0);
    row("here overridden", "[DEFAULT]\nhere = /o\n[a]\nk = %(here)s\n", "a", "k", true,
        QStringLiteral("/o"), true, 4);
    row("section beats default", "[DEFAULT]\nx = d\n[a]\nx = s\nk = %(x)s\n", "a", "k", true,
        QStringLiteral("s"), true, 5);
    row("percent escape", "[a]\nk = 100%%\n", "a", "k", true, QStringLiteral("100%"), true, 2);
    row("file template", "[a]\nfile_template = %%(rev)s_%%(slug)s\n", "a", "file_template", true,
        QStringLiteral("%(rev)s_%(slug)s"), true, 2);
    row("nested", "[a]\nx = %(y)s\ny = %(z)s!\nz = deep\n", "a", "x", true, QStringLiteral("deep!"),
        true, 2);
    row("reference case", "[a]\nX = 1\nk = %(X)s\n", "a", "k", true, QStringLiteral("1"), true, 3);
    row("missing reference", "[a]\nk = %(nope)s\n", "a", "k", true,
        QStringLiteral("contains an interpolation key 'nope' which is not a valid option name"),
        false, 2);
    row("bare percent", "[a]\nk = 50% off\n", "a", "k", true,
        QStringLiteral("'%' must be followed by '%' or '('"), false, 2);
    row("bad reference", "[a]\nk = %(x\n", "a", "k", true,
        QStringLiteral("bad interpolation variable reference"), false, 2);
    row("self reference", "[a]\nk = %(k)s\n", "a", "k", true,
        QStringLiteral("Recursion limit exceeded"), false, 2);
    row("depth 10", sampleText("depth 10"), "a", "k0", true, QStringLiteral("end"), true, 2);
    row("depth 11", sampleText("depth 11"), "a", "k0", true,
        QStringLiteral("cannot be substituted in 10 steps"), false, 2);
    row("raw percent is fine unread", "[a]\nk = 50% off\nj = ok\n", "a", "j", true,
        QStringLiteral("ok"), true, 3);
    row("section name", "[a]]x] tail\nk = 1\n", "a]]x", "k", true, QStringLiteral("1"), true, 2);
    row("crlf", "[a]\r\nk = v\r\n  w\r\n", "a", "k", true, QStringLiteral("v\nw"), true, 2);
    row("cr only", "[a]\rk = v\r", "a", "k", true, QStringLiteral("v"), true, 2);
    row("tab continuation", "[a]\nk = v\n\tw\n", "a", "k", true, QStringLiteral("v\nw"), true, 2);
    row("python-only whitespace", "[a]\nk = v\x1c\n", "a", "k", true, QStringLiteral("v"), true, 2);
    row("missing section", "[a]\nk = 1\n", "b", "k", false, QString(), false, 0);
    row("default section get", "[DEFAULT]\nk = 1\n", "DEFAULT", "k", true, QStringLiteral("1"),
        true, 2);
    row("utf-8 text", "[a]\nk = caf\xc3\xa9 \xe2\x82\xac\n", "a", "k", true,
        QString::fromUtf8("caf\xc3\xa9 \xe2\x82\xac"), true, 2);
}

void TestIniFile::get()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, section);
    QFETCH(QString, option);
    QFETCH(bool, found);
    QFETCH(QString, value);
    QFETCH(bool, ok);
    QFETCH(int, line);

    const IniFile ini =
        IniFile::fromData(text, QStringLiteral("/srv/app/alembic.ini"), hereDefaults());
    const IniLookup lookup = ini.get(section, option);
    QCOMPARE(lookup.found, found);
    QCOMPARE(lookup.ok, ok);
    if (ok) {
        QCOMPARE(lookup.value, value);
    } else if (found) {
        QVERIFY2(lookup.error.contains(value), qPrintable(lookup.error));
    }
    QCOMPARE(lookup.line, line);
}

void TestIniFile::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("valid") << QByteArray("[a]\nk = 1\n") << QStringList();
    QTest::newRow("missing header") << QByteArray("k = v\nj = w\n[a]\n")
                                    << QStringList{QStringLiteral("MissingSectionHeader:1")};
    QTest::newRow("only a comment before")
        << QByteArray("# c\nk = v\n[a]\n") << QStringList{QStringLiteral("MissingSectionHeader:2")};
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF[alembic]\nscript_location = m\n")
                         << QStringList{QStringLiteral("MissingSectionHeader:1")};
    QTest::newRow("duplicate section")
        << QByteArray("[a]\n[b]\n[a]\n") << QStringList{QStringLiteral("DuplicateSection:3")};
    QTest::newRow("duplicate option")
        << QByteArray("[a]\nk=1\nK=2\n") << QStringList{QStringLiteral("DuplicateOption:3")};
    QTest::newRow("same option, two sections")
        << QByteArray("[a]\nk=1\n[b]\nk=2\n") << QStringList();
    QTest::newRow("duplicate default option") << QByteArray("[DEFAULT]\nk=1\n[DEFAULT]\nk=2\n")
                                              << QStringList{QStringLiteral("DuplicateOption:4")};
    QTest::newRow("repeated default header")
        << QByteArray("[DEFAULT]\nk=1\n[DEFAULT]\nj=2\n") << QStringList();
    QTest::newRow("overriding here is allowed")
        << QByteArray("[DEFAULT]\nhere = /x\n") << QStringList();
    QTest::newRow("parsing errors")
        << QByteArray("[a]\nbad line\nk=1\nbad2\n")
        << QStringList{QStringLiteral("Parsing:2"), QStringLiteral("Parsing:4")};
    QTest::newRow("empty name") << QByteArray("[a]\n= v\n")
                                << QStringList{QStringLiteral("Parsing:2")};
    QTest::newRow("empty brackets")
        << QByteArray("[a]\n[]\n") << QStringList{QStringLiteral("Parsing:2")};
    QTest::newRow("every error recorded")
        << QByteArray("[a]\nbad\n[a]\nk = 1\nk = 2\nx\n")
        << QStringList{QStringLiteral("Parsing:2"), QStringLiteral("DuplicateSection:3"),
                       QStringLiteral("DuplicateOption:5"), QStringLiteral("Parsing:6")};
    QTest::newRow("invalid utf-8")
        << QByteArray("[a]\nk = 1\nj = \xff\n") << QStringList{QStringLiteral("Decode:3")};
    QTest::newRow("overlong utf-8")
        << QByteArray("[a]\nk = \xc0\xaf\n") << QStringList{QStringLiteral("Decode:2")};
    QTest::newRow("encoded surrogate")
        << QByteArray("[a]\nk = \xed\xa0\x80\n") << QStringList{QStringLiteral("Decode:2")};
    QTest::newRow("truncated utf-8")
        << QByteArray("[a]\nk = \xe2\x82") << QStringList{QStringLiteral("Decode:2")};
}

void TestIniFile::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expected);
    const IniFile ini = IniFile::fromData(text, QStringLiteral("/srv/app/x.ini"), hereDefaults());
    QCOMPARE(errorList(ini), expected);
    QCOMPARE(ini.isValid(), expected.isEmpty());
    for (const IniError &error : ini.errors()) {
        QVERIFY(!error.message.isEmpty());
    }
    if (text.startsWith("\xEF\xBB\xBF")) {
        QVERIFY(ini.errors().constFirst().message.contains(QLatin1String("byte order mark")));
    }
}

void TestIniFile::options()
{
    const IniFile ini = IniFile::fromData(
        "[DEFAULT]\nshared = 1\n[alembic]\nscript_location = m\nShared = 2\n[b]\nk = v\n",
        QStringLiteral("/x/alembic.ini"), hereDefaults());
    QCOMPARE(ini.sections(), (QStringList{QStringLiteral("alembic"), QStringLiteral("b")}));
    QCOMPARE(ini.options(QStringLiteral("alembic")),
             (QStringList{QStringLiteral("script_location"), QStringLiteral("shared"),
                          QStringLiteral("here")}));
    QCOMPARE(ini.options(QStringLiteral("b")),
             (QStringList{QStringLiteral("k"), QStringLiteral("here"), QStringLiteral("shared")}));
    QCOMPARE(ini.ownOptions(QStringLiteral("b")), QStringList{QStringLiteral("k")});
    QVERIFY(ini.hasOption(QStringLiteral("b"), QStringLiteral("SHARED")));
    QVERIFY(!ini.hasOwnOption(QStringLiteral("b"), QStringLiteral("shared")));
    QVERIFY(!ini.hasOption(QStringLiteral("missing"), QStringLiteral("here")));
    QVERIFY(ini.hasOption(QStringLiteral("DEFAULT"), QStringLiteral("here")));
    QVERIFY(!ini.hasSection(QStringLiteral("DEFAULT")));
    QCOMPARE(ini.sectionLine(QStringLiteral("b")), 6);
    QCOMPARE(ini.get(QStringLiteral("b"), QStringLiteral("shared")).value, QStringLiteral("1"));
    QVERIFY(ini.get(QStringLiteral("b"), QStringLiteral("shared")).fromDefault);
    QCOMPARE(ini.get(QStringLiteral("alembic"), QStringLiteral("shared")).value,
             QStringLiteral("2"));
}

void TestIniFile::lenientAfterErrors()
{
    // Python stops at the duplicate; the rest is still read so it can be shown.
    const IniFile ini = IniFile::fromData("[alembic]\nscript_location = a\n[alembic]\n"
                                          "script_location = b\nsourceless = true\n",
                                          QStringLiteral("/x/alembic.ini"), hereDefaults());
    QVERIFY(!ini.isValid());
    QCOMPARE(ini.get(QStringLiteral("alembic"), QStringLiteral("script_location")).value,
             QStringLiteral("b"));
    QCOMPARE(ini.get(QStringLiteral("alembic"), QStringLiteral("sourceless")).value,
             QStringLiteral("true"));
}

void TestIniFile::hereWithPercent()
{
    // `here` is itself interpolated when it holds a '%', as configparser does.
    const IniFile ini = IniFile::fromData("[a]\nk = %(here)s/m\n", QStringLiteral("/t/50%/x.ini"),
                                          hereDefaults(QStringLiteral("/t/50%")));
    const IniLookup lookup = ini.get(QStringLiteral("a"), QStringLiteral("k"));
    QVERIFY(!lookup.ok);
    QVERIFY(lookup.error.contains(QLatin1String("must be followed by")));
}

void TestIniFile::readFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(ProjectTest::writeTree(dir.path(), {QStringLiteral("alembic.ini=[alembic]\nk = 1\n")}));
    const IniFile ini = IniFile::read(dir.filePath(QStringLiteral("alembic.ini")), hereDefaults());
    QVERIFY(ini.isReadable());
    QVERIFY(ini.isValid());
    QCOMPARE(ini.get(QStringLiteral("alembic"), QStringLiteral("k")).value, QStringLiteral("1"));

    const IniFile missing = IniFile::read(dir.filePath(QStringLiteral("nope.ini")));
    QVERIFY(!missing.isReadable());
    QCOMPARE(errorList(missing), QStringList{QStringLiteral("Unreadable:0")});
    QVERIFY(missing.sections().isEmpty());
}

void TestIniFile::oracle_data()
{
    QTest::addColumn<QByteArray>("text");
    for (const Sample &sample : kSamples) {
        QTest::newRow(sample.name) << QByteArray(sample.text);
    }
}

// Compares every section, option, interpolated value and error with Python's
// configparser reading the same bytes the way Alembic does.
void TestIniFile::oracle()
{
    if (!ProjectTest::pythonCanImport("configparser")) {
        QSKIP("/usr/bin/python3 is not available: configparser oracle skipped");
    }
    QFETCH(QByteArray, text);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("config.ini"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    }
    static const QString script = QStringLiteral(R"PY(
import configparser, json, sys
path, here = sys.argv[1], sys.argv[2]
c = configparser.ConfigParser({"here": here})
out = {}
try:
    c.read([path])
except configparser.MissingSectionHeaderError as e:
    out["error"] = ["MissingSectionHeader", e.lineno]
except configparser.ParsingError as e:
    out["error"] = ["Parsing"] + [n for n, _ in e.errors]
except configparser.DuplicateSectionError as e:
    out["error"] = ["DuplicateSection", e.lineno]
except configparser.DuplicateOptionError as e:
    out["error"] = ["DuplicateOption", e.lineno]
except UnicodeDecodeError as e:
    out["error"] = ["Decode"]
else:
    sections = {}
    for name in ["DEFAULT"] + c.sections():
        values = []
        for option in (c.defaults().keys() if name == "DEFAULT" else c.options(name)):
            try:
                values.append([option, "ok", c.get(name, option)])
            except configparser.Error as e:
                values.append([option, "error", type(e).__name__])
        sections[name] = values
    out["sections"] = sections
print(json.dumps(out))
)PY");
    QString error;
    const QJsonDocument doc = ProjectTest::runPython(script, {path, dir.path()}, &error);
    QVERIFY2(doc.isObject(), qPrintable(error));
    const QJsonObject expected = doc.object();

    const IniFile ini = IniFile::read(path, hereDefaults(dir.path()));
    if (expected.contains(QLatin1String("error"))) {
        const QJsonArray pyError = expected.value(QLatin1String("error")).toArray();
        QVERIFY2(!ini.isValid(), "Python refused the file, IniFile accepted it");
        const QString kind = pyError.at(0).toString();
        // Python raises the first fatal error; otherwise one ParsingError
        // listing every bad line.
        const IniError *fatal = nullptr;
        QList<int> parsingLines;
        for (const IniError &e : ini.errors()) {
            if (e.kind == IniError::Kind::Parsing) {
                parsingLines.append(e.line);
            } else if (!fatal) {
                fatal = &e;
            }
        }
        if (kind == QLatin1String("Parsing")) {
            QVERIFY(!fatal);
            QList<int> pyLines;
            for (qsizetype i = 1; i < pyError.size(); ++i) {
                pyLines.append(pyError.at(i).toInt());
            }
            QCOMPARE(parsingLines, pyLines);
        } else {
            QVERIFY(fatal);
            QCOMPARE(kindName(fatal->kind), kind);
            if (pyError.size() > 1) {
                QCOMPARE(fatal->line, pyError.at(1).toInt());
            }
        }
        return;
    }
    QVERIFY2(ini.isValid(), qPrintable(errorList(ini).join(QLatin1Char(' '))));
    const QJsonObject sections = expected.value(QLatin1String("sections")).toObject();
    QStringList pySections = sections.keys();
    pySections.removeOne(QStringLiteral("DEFAULT"));
    QStringList ours = ini.sections();
    std::sort(ours.begin(), ours.end());
    std::sort(pySections.begin(), pySections.end());
    QCOMPARE(ours, pySections);
    for (auto it = sections.constBegin(); it != sections.constEnd(); ++it) {
        const QJsonArray values = it.value().toArray();
        const QStringList options =
            it.key() == QLatin1String("DEFAULT") ? ini.ownOptions(it.key()) : ini.options(it.key());
        QStringList pyOptions;
        for (const QJsonValue &value : values) {
            pyOptions.append(value.toArray().at(0).toString());
        }
        QCOMPARE(options, pyOptions);
        for (const QJsonValue &value : values) {
            const QJsonArray item = value.toArray();
            const QString option = item.at(0).toString();
            const IniLookup lookup = ini.get(it.key(), option);
            QVERIFY(lookup.found);
            if (item.at(1).toString() == QLatin1String("ok")) {
                QVERIFY2(lookup.ok, qPrintable(lookup.error));
                QCOMPARE(lookup.value, item.at(2).toString());
            } else {
                QVERIFY2(!lookup.ok, qPrintable(option));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestIniFile)
#include "tst_inifile.moc"
