#include "i18n/languages.h"

#include "testsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Revscope;
using namespace TestSupport;

namespace {

const QStringList kTranslations = {QStringLiteral("fr"), QStringLiteral("de")};

QString tsFile(const QString &code)
{
    return QStringLiteral(REVSCOPE_SOURCE_DIR "/translations/revscope_%1.ts").arg(code);
}

struct TsMessage
{
    QString context;
    QString source;
    QStringList translations; // one, or the plural forms
    bool unfinished = false;
    bool numerus = false;
};

QList<TsMessage> readTs(const QString &path, QString *error)
{
    QList<TsMessage> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return messages;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            continue;
        }
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message =
                TsMessage{context,
                          {},
                          {},
                          false,
                          xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes")};
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.unfinished =
                xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            if (!message.numerus) {
                message.translations = {xml.readElementText()};
                messages.append(message);
            }
        } else if (name == QLatin1String("numerusform")) {
            message.translations.append(xml.readElementText());
            if (message.translations.size() == 2) {
                messages.append(message);
            }
        }
    }
    if (xml.hasError()) {
        *error = xml.errorString();
    }
    return messages;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%(?:L?\\d+|n)"));
    QSet<QString> found;
    for (const auto &match : pattern.globalMatch(text)) {
        found.insert(match.captured());
    }
    return found;
}

} // namespace

class TestLanguages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void takeOption_data();
    void takeOption();
    void match_data();
    void match();
    void availableListsShippedTranslations();
    void availableInEmptyFolderIsEnglishOnly();
    void tsFilesAreComplete_data();
    void tsFilesAreComplete();
    void qmFilesTranslateKnownStrings_data();
    void qmFilesTranslateKnownStrings();
    void installPicksLanguage();
    void commandLineSpeaksTheLanguage_data();
    void commandLineSpeaksTheLanguage();
    void commandLineRejectsMissingLanguage();
};

void TestLanguages::takeOption_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("rest");
    const QString exe = QStringLiteral("revscope");
    QTest::newRow("absent") << QStringList{exe, QStringLiteral("check")} << true << QString()
                            << QStringList{exe, QStringLiteral("check")};
    QTest::newRow("before command")
        << QStringList{exe, QStringLiteral("--lang"), QStringLiteral("fr"), QStringLiteral("check")}
        << true << QStringLiteral("fr") << QStringList{exe, QStringLiteral("check")};
    QTest::newRow("after command, = form")
        << QStringList{exe, QStringLiteral("check"), QStringLiteral("--lang=de"),
                       QStringLiteral("proj")}
        << true << QStringLiteral("de")
        << QStringList{exe, QStringLiteral("check"), QStringLiteral("proj")};
    QTest::newRow("last one wins") << QStringList{exe, QStringLiteral("--lang=de"),
                                                  QStringLiteral("--lang"), QStringLiteral("fr")}
                                   << true << QStringLiteral("fr") << QStringList{exe};
    QTest::newRow("after -- is a folder name")
        << QStringList{exe, QStringLiteral("--"), QStringLiteral("--lang")} << true << QString()
        << QStringList{exe, QStringLiteral("--"), QStringLiteral("--lang")};
    QTest::newRow("missing value") << QStringList{exe, QStringLiteral("--lang")} << false
                                   << QString() << QStringList{exe, QStringLiteral("--lang")};
    QTest::newRow("option as value")
        << QStringList{exe, QStringLiteral("--lang"), QStringLiteral("--help")} << false
        << QString() << QStringList{exe, QStringLiteral("--lang"), QStringLiteral("--help")};
    QTest::newRow("empty = value")
        << QStringList{exe, QStringLiteral("--lang=")} << false << QString() << QStringList{exe};
    QTest::newRow("program name kept")
        << QStringList{QStringLiteral("--lang"), QStringLiteral("check")} << true << QString()
        << QStringList{QStringLiteral("--lang"), QStringLiteral("check")};
}

void TestLanguages::takeOption()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, ok);
    QFETCH(QString, language);
    QFETCH(QStringList, rest);
    QString chosen = QStringLiteral("stale");
    QString error;
    QCOMPARE(Languages::takeOption(&arguments, &chosen, &error), ok);
    if (ok) {
        QCOMPARE(chosen, language);
        QVERIFY(error.isEmpty());
    } else {
        QVERIFY(error.contains(QLatin1String("--lang")));
    }
    QCOMPARE(arguments, rest);
}

void TestLanguages::match_data()
{
    QTest::addColumn<QString>("requested");
    QTest::addColumn<QString>("code");
    QTest::newRow("code") << QStringLiteral("fr") << QStringLiteral("fr");
    QTest::newRow("upper case") << QStringLiteral("DE") << QStringLiteral("de");
    QTest::newRow("locale name") << QStringLiteral("fr_CA") << QStringLiteral("fr");
    QTest::newRow("BCP 47") << QStringLiteral("de-AT") << QStringLiteral("de");
    QTest::newRow("POSIX with codeset") << QStringLiteral("de_DE.UTF-8") << QStringLiteral("de");
    QTest::newRow("English") << QStringLiteral("en_GB") << QStringLiteral("en");
    QTest::newRow("not shipped") << QStringLiteral("ja") << QString();
    QTest::newRow("C locale") << QStringLiteral("C") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestLanguages::match()
{
    QFETCH(QString, requested);
    QFETCH(QString, code);
    const QList<Language> available = {{QStringLiteral("en"), QStringLiteral("English")},
                                       {QStringLiteral("fr"), QStringLiteral("Français")},
                                       {QStringLiteral("de"), QStringLiteral("Deutsch")}};
    QCOMPARE(Languages::match(requested, available), code);
}

void TestLanguages::availableListsShippedTranslations()
{
    const QList<Language> languages = Languages::available(QStringLiteral(REVSCOPE_QM_DIR));
    QStringList codes;
    QStringList names;
    for (const Language &language : languages) {
        codes << language.code;
        names << language.nativeName;
    }
    QCOMPARE(codes,
             (QStringList{QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr")}));
    QCOMPARE(names, (QStringList{QStringLiteral("English"), QStringLiteral("Deutsch"),
                                 QStringLiteral("Français")}));
}

void TestLanguages::availableInEmptyFolderIsEnglishOnly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("notes.qm")), "x"));
    const QList<Language> languages = Languages::available(dir.path());
    QCOMPARE(languages.size(), 1);
    QCOMPARE(languages.first().code, QStringLiteral("en"));
}

void TestLanguages::tsFilesAreComplete_data()
{
    QTest::addColumn<QString>("code");
    for (const QString &code : kTranslations) {
        QTest::newRow(qPrintable(code)) << code;
    }
}

// Every message translated, and no translation losing or inventing a
// placeholder (a lost %1 silently drops a file name from a message).
void TestLanguages::tsFilesAreComplete()
{
    QFETCH(QString, code);
    QString error;
    const QList<TsMessage> messages = readTs(tsFile(code), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 500);
    QStringList problems;
    for (const TsMessage &message : messages) {
        const QString where = message.context + QLatin1String(": ") + message.source.left(60);
        if (message.unfinished || message.translations.join(QString()).trimmed().isEmpty()) {
            problems << QLatin1String("unfinished: ") + where;
            continue;
        }
        const QSet<QString> wanted = placeholders(message.source);
        for (int i = 0; i < message.translations.size(); ++i) {
            QSet<QString> found = placeholders(message.translations.at(i));
            if (message.numerus && i == 0) {
                found.insert(QStringLiteral("%n")); // "une révision" may spell out one
            }
            if (found != wanted) {
                problems << QLatin1String("placeholders differ: ") + where;
            }
        }
    }
    QVERIFY2(problems.isEmpty(),
             qPrintable(QString::number(problems.size()) + QLatin1String(" problems, first: ") +
                        problems.mid(0, 10).join(QLatin1String("\n"))));
}

void TestLanguages::qmFilesTranslateKnownStrings_data()
{
    QTest::addColumn<QString>("code");
    for (const QString &code : kTranslations) {
        QTest::newRow(qPrintable(code)) << code;
    }
}

// Loads each .qm on its own and looks up strings of the core, the command
// line and the window: each is translated, and the .qm agrees with its .ts.
void TestLanguages::qmFilesTranslateKnownStrings()
{
    QFETCH(QString, code);
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral("revscope_%1.qm").arg(code),
                            QStringLiteral(REVSCOPE_QM_DIR)));
    QCOMPARE(translator.language().left(2), code);
    QString error;
    const QList<TsMessage> messages = readTs(tsFile(code), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QList<QPair<QString, QString>> known = {
        {QStringLiteral("FindingCatalog"), QStringLiteral("More than one head")},
        {QStringLiteral("CommandLine"), QStringLiteral("revscope: unknown command '%1'.")},
        {QStringLiteral("Revscope::MainWindow"), QStringLiteral("&File")},
    };
    for (const auto &[context, source] : known) {
        const QString translated =
            translator.translate(context.toUtf8().constData(), source.toUtf8().constData());
        QVERIFY2(!translated.isEmpty() && translated != source,
                 qPrintable(context + QLatin1String(": ") + source));
        bool inTs = false;
        for (const TsMessage &message : messages) {
            if (message.context == context && message.source == source) {
                QCOMPARE(translated, message.translations.first());
                inTs = true;
            }
        }
        QVERIFY2(inTs, qPrintable(source));
    }
    // Plural forms: one and many differ.
    for (const TsMessage &message : messages) {
        if (!message.numerus) {
            continue;
        }
        const QByteArray context = message.context.toUtf8();
        const QByteArray source = message.source.toUtf8();
        const QString one =
            translator.translate(context.constData(), source.constData(), nullptr, 1);
        const QString many =
            translator.translate(context.constData(), source.constData(), nullptr, 5);
        QCOMPARE(one, message.translations.at(0));
        QCOMPARE(many, message.translations.at(1));
        break;
    }
}

void TestLanguages::installPicksLanguage()
{
    const QString english = QStringLiteral("More than one head");
    QCOMPARE(Languages::install(QCoreApplication::instance(), QStringLiteral("ja"),
                                QStringLiteral(REVSCOPE_QM_DIR)),
             QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("FindingCatalog", "More than one head"), english);
    QCOMPARE(Languages::install(QCoreApplication::instance(), QStringLiteral("de_CH"),
                                QStringLiteral(REVSCOPE_QM_DIR)),
             QStringLiteral("de"));
    QVERIFY(QCoreApplication::translate("FindingCatalog", "More than one head") != english);
    QCOMPARE(QLocale().language(), QLocale::German);
}

void TestLanguages::commandLineSpeaksTheLanguage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("language");
    QTest::newRow("--lang fr") << QStringList{QStringLiteral("--lang"), QStringLiteral("fr")}
                               << QStringLiteral("fr");
    QTest::newRow("--lang=de after the command")
        << QStringList{QStringLiteral("--lang=de")} << QStringLiteral("de");
    QTest::newRow("locale") << QStringList{} << QStringLiteral("de");
    QTest::newRow("--lang en beats the locale")
        << QStringList{QStringLiteral("--lang=en")} << QStringLiteral("en");
}

// The usage text and an error, end to end through the embedded .qm files.
void TestLanguages::commandLineSpeaksTheLanguage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, language);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("LANGUAGE"));
    environment.insert(QStringLiteral("LC_ALL"),
                       arguments.isEmpty() || language == QLatin1String("en")
                           ? QStringLiteral("de_DE.UTF-8")
                           : QStringLiteral("C.UTF-8"));
    QStringList command{QStringLiteral("chekc")};
    if (arguments.size() == 2) {
        command = arguments + command;
    } else {
        command += arguments;
    }
    const ProcessResult result =
        run(QStringLiteral(REVSCOPE_BINARY), command, QString(), 30000, environment);
    QCOMPARE(result.exitCode, 2);
    const QString err = QString::fromUtf8(result.err);
    QTranslator translator;
    QString expected = QStringLiteral("revscope: unknown command '%1'.");
    if (language != QLatin1String("en")) {
        QVERIFY(translator.load(QStringLiteral("revscope_%1.qm").arg(language),
                                QStringLiteral(REVSCOPE_QM_DIR)));
        expected = translator.translate("CommandLine", "revscope: unknown command '%1'.");
    }
    QVERIFY2(err.startsWith(expected.arg(QStringLiteral("chekc"))), qPrintable(err));
}

void TestLanguages::commandLineRejectsMissingLanguage()
{
    const ProcessResult result = revscope({QStringLiteral("check"), QStringLiteral("--lang")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("--lang"), result.err.constData());
    QVERIFY(result.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestLanguages)
#include "tst_languages.moc"
