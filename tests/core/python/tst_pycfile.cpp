#include "marshalbytes.h"

#include "python/pycfile.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace Revscope;
using namespace MarshalBytes;

namespace {

const QString SystemPython = QStringLiteral("/usr/bin/python3");

QString fixtureDir()
{
    return QStringLiteral(REVSCOPE_TEST_DATA "/bytecode");
}

// Runs a Python; empty when it is absent or fails.
QByteArray runPython(const QString &python, const QStringList &args, bool *ok = nullptr)
{
    if (ok) {
        *ok = false;
    }
    if (!QFileInfo(python).isExecutable()) {
        return QByteArray();
    }
    QProcess process;
    process.start(python, args);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning() << python << args << process.readAllStandardError();
        return QByteArray();
    }
    if (ok) {
        *ok = true;
    }
    return process.readAllStandardOutput();
}

QStringList pyenvPythons()
{
    QStringList out;
    const QStringList versions = {QStringLiteral("3.6.15"),  QStringLiteral("3.7.16"),
                                  QStringLiteral("3.8.18"),  QStringLiteral("3.9.18"),
                                  QStringLiteral("3.10.13"), QStringLiteral("3.11.7"),
                                  QStringLiteral("3.12.1"),  QStringLiteral("3.13.0")};
    for (const QString &version : versions) {
        const QString python = QStringLiteral("/root/.pyenv/versions/%1/bin/python3").arg(version);
        if (QFileInfo(python).isExecutable()) {
            out.append(python);
        }
    }
    if (QFileInfo(SystemPython).isExecutable()) {
        out.append(SystemPython);
    }
    return out;
}

struct Expected
{
    QString revision;
    QStringList down;
    QStringList labels;
    QStringList depends;
    QString message;
    QString createDate;
};

Expected expectedFor(const QString &stem)
{
    if (stem.startsWith(QStringLiteral("a1b2c3d4e5f6"))) {
        return {QStringLiteral("a1b2c3d4e5f6"), {},
                {QStringLiteral("core")},       {},
                QStringLiteral("create users"), QStringLiteral("2023-04-05 10:11:12.131415")};
    }
    if (stem.startsWith(QStringLiteral("f00dfacecafe"))) {
        return {QStringLiteral("f00dfacecafe"),
                {QStringLiteral("a1b2c3d4e5f6"), QStringLiteral("0123456789ab")},
                {},
                {QStringLiteral("dep000000001"), QStringLiteral("dep000000002"),
                 QStringLiteral("dep000000003")},
                QStringLiteral("merge heads"),
                QStringLiteral("2024-01-02 03:04:05.000006")};
    }
    return {QStringLiteral("c0ffee000002"),   {QStringLiteral("a1b2c3d4e5f6")},
            {QStringLiteral("feature")},      {QStringLiteral("dep000000001")},
            QStringLiteral("reassigned ids"), QStringLiteral("2024-05-06 07:08:09")};
}

QByteArray pycHeader(quint16 magic, int headerSize)
{
    QByteArray out;
    out += char(magic & 0xff);
    out += char(magic >> 8);
    out += "\r\n";
    out += QByteArray(headerSize - 4, '\0');
    return out;
}

// A module whose top level runs `code`, in a given version's layout and header.
QByteArray handBuilt(quint16 magic, int headerSize, Layout layout, const QByteArray &code,
                     const QByteArray &consts, const QByteArray &names)
{
    return pycHeader(magic, headerSize) + module(layout, code, consts, names);
}

} // namespace

class TestPycFile : public QObject
{
    Q_OBJECT

private slots:
    void magicNumbers_data();
    void magicNumbers();
    void realPythonsMagic();
    void fixtures_data();
    void fixtures();
    void sourceHashMatchesCPython_data();
    void sourceHashMatchesCPython();
    void systemPythonCompile_data();
    void systemPythonCompile();
    void handBuiltVersions_data();
    void handBuiltVersions();
    void fallbacks_data();
    void fallbacks();
    void badInput_data();
    void badInput();
    void everyTruncatedFixtureFails();
    void oversizedFileIsRefused();
    void mutatedFixturesStayBounded();
};

void TestPycFile::magicNumbers_data()
{
    QTest::addColumn<uint>("magic");
    QTest::addColumn<QString>("version");
    QTest::addColumn<int>("headerSize");

    QTest::newRow("3.0a1") << 3000u << "3.0" << 8;
    QTest::newRow("3.0") << 3131u << "3.0" << 8;
    QTest::newRow("3.1") << 3151u << "3.1" << 8;
    QTest::newRow("3.2") << 3180u << "3.2" << 8;
    QTest::newRow("3.3a1 before source size") << 3200u << "3.3" << 8;
    QTest::newRow("3.3") << 3230u << "3.3" << 12;
    QTest::newRow("3.4") << 3310u << "3.4" << 12;
    QTest::newRow("3.5") << 3350u << "3.5" << 12;
    QTest::newRow("3.5.2") << 3351u << "3.5" << 12;
    QTest::newRow("3.6") << 3379u << "3.6" << 12;
    QTest::newRow("3.7a2 before PEP 552") << 3391u << "3.7" << 12;
    QTest::newRow("3.7") << 3394u << "3.7" << 16;
    QTest::newRow("3.8") << 3413u << "3.8" << 16;
    QTest::newRow("3.9") << 3425u << "3.9" << 16;
    QTest::newRow("3.10") << 3439u << "3.10" << 16;
    QTest::newRow("3.11a1") << 3450u << "3.11" << 16;
    QTest::newRow("3.11") << 3495u << "3.11" << 16;
    QTest::newRow("3.12") << 3531u << "3.12" << 16;
    QTest::newRow("3.13") << 3571u << "3.13" << 16;
    QTest::newRow("3.14a1") << 3600u << "3.14" << 16;
    QTest::newRow("3.14") << 3627u << "3.14" << 16;
    QTest::newRow("with \\r\\n") << (3495u | 0x0a0d0000u) << "3.11" << 16;
    QTest::newRow("gap after 3.0b1") << 3132u << "" << 0;
    QTest::newRow("gap in 3.6") << 3374u << "" << 0;
    QTest::newRow("after 3.13") << 3572u << "" << 0;
    QTest::newRow("3.15") << 3650u << "" << 0;
    QTest::newRow("2.7") << 62211u << "" << 0;
}

void TestPycFile::magicNumbers()
{
    QFETCH(uint, magic);
    QFETCH(QString, version);
    QFETCH(int, headerSize);
    QCOMPARE(PycFile::versionForMagic(magic), version);
    if (!version.isEmpty()) {
        QByteArray bytes = pycHeader(quint16(magic & 0xffff), headerSize);
        bytes += module(Layout::Py30, QByteArray(), smallTuple({}), smallTuple({}));
        const PycFile pyc = PycFile::fromBytes(bytes, QStringLiteral("x.pyc"));
        QVERIFY(pyc.headerOk);
        QCOMPARE(pyc.header.headerSize, headerSize);
        QCOMPARE(pyc.header.pythonVersion, version);
    }
}

void TestPycFile::realPythonsMagic()
{
    const QStringList pythons = pyenvPythons();
    if (pythons.isEmpty()) {
        QSKIP("no CPython found under /root/.pyenv or /usr/bin: magic table not cross-checked");
    }
    for (const QString &python : pythons) {
        bool ok = false;
        const QStringList out =
            QString::fromUtf8(
                runPython(python,
                          {QStringLiteral("-c"),
                           QStringLiteral("import importlib.util as u, sys; "
                                          "print(int.from_bytes(u.MAGIC_NUMBER[:2], 'little'), "
                                          "'%d.%d' % sys.version_info[:2])")},
                          &ok))
                .split(QLatin1Char(' '));
        QVERIFY2(ok && out.size() == 2, qPrintable(python));
        QCOMPARE(PycFile::versionForMagic(out[0].toUInt()), out[1].trimmed());
    }
}

void TestPycFile::fixtures_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("optimize");

    static const QRegularExpression tagRe(QStringLiteral("^cpython-3(\\d+)"));
    QDirIterator it(fixtureDir(), {QStringLiteral("*.pyc")}, QDir::Files,
                    QDirIterator::Subdirectories);
    QStringList paths;
    while (it.hasNext()) {
        paths.append(it.next());
    }
    paths.sort();
    QVERIFY(paths.size() >= 100);
    for (const QString &path : paths) {
        const QString rel = QDir(fixtureDir()).relativeFilePath(path);
        const QStringList parts = rel.split(QLatin1Char('/'));
        const QString version = QStringLiteral("3.") + tagRe.match(parts[0]).captured(1);
        const int optimize = path.contains(QStringLiteral(".opt-2"))   ? 2
                             : path.contains(QStringLiteral(".opt-1")) ? 1
                                                                       : 0;
        QTest::newRow(qPrintable(rel)) << path << version << parts[1] << optimize;
    }
}

void TestPycFile::fixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, version);
    QFETCH(QString, mode);
    QFETCH(int, optimize);

    const PycFile pyc = PycFile::read(path);
    QVERIFY2(pyc.ok, qPrintable(pyc.error));
    QVERIFY(pyc.headerOk);
    QCOMPARE(pyc.header.pythonVersion, version);
    QCOMPARE(pyc.header.headerSize, version == QStringLiteral("3.6") ? 12 : 16);

    const QString stem = QFileInfo(path).fileName().section(QLatin1Char('.'), 0, 0);
    const QString sourceName = stem + QStringLiteral(".py");
    QFile source(fixtureDir() + QStringLiteral("/sources/") + sourceName);
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QByteArray sourceBytes = source.readAll();

    if (mode == QStringLiteral("timestamp")) {
        QCOMPARE(pyc.header.invalidation, PycInvalidation::Timestamp);
        QCOMPARE(pyc.header.sourceMtime, 1700000000u);
        QCOMPARE(qint64(pyc.header.sourceSize), qint64(sourceBytes.size()));
    } else {
        QCOMPARE(pyc.header.invalidation, mode == QStringLiteral("checked")
                                              ? PycInvalidation::CheckedHash
                                              : PycInvalidation::UncheckedHash);
        // The hash this CPython stored, against ours for its version.
        QCOMPARE(pyc.header.sourceHash.toHex(),
                 PycFile::sourceHash(sourceBytes, pyc.header.magic).toHex());
    }

    const PycModule &m = pyc.module;
    const Expected expected = expectedFor(stem);
    QCOMPARE(m.filename, QStringLiteral("/app/alembic/versions/") + sourceName);
    QCOMPARE(m.revision, expected.revision);
    QCOMPARE(m.revisionSource, PycFieldSource::Assignment);
    QCOMPARE(m.downRevisions, expected.down);
    QVERIFY(m.hasDownRevision);
    QCOMPARE(m.downRevisionSource, PycFieldSource::Assignment);
    QCOMPARE(m.branchLabels, expected.labels);
    QCOMPARE(m.dependsOn, expected.depends);
    QVERIFY(m.names.contains(QStringLiteral("upgrade")));
    QVERIFY(m.stringConstants.contains(expected.revision));
    if (optimize == 2) {
        QVERIFY(m.docstring.isEmpty());
        QVERIFY(m.message.isEmpty());
    } else {
        QVERIFY(m.docstring.contains(QStringLiteral("Revision ID:")));
        QCOMPARE(m.message, expected.message);
        QCOMPARE(m.createDate, expected.createDate);
    }
}

void TestPycFile::sourceHashMatchesCPython_data()
{
    QTest::addColumn<QString>("python");
    for (const QString &python : pyenvPythons()) {
        QTest::newRow(qPrintable(python)) << python;
    }
}

void TestPycFile::sourceHashMatchesCPython()
{
    QFETCH(QString, python);
    // Lengths 0..17 cover SipHash's tail handling; a UTF-8 sample covers high bytes.
    QList<QByteArray> samples;
    for (int n = 0; n <= 17; ++n) {
        samples.append(QByteArray("revision = 'abc'\n").left(n));
    }
    samples.append(QStringLiteral("\"\"\"d\u00e9j\u00e0\"\"\"\n").toUtf8());
    QStringList hexSamples;
    for (const QByteArray &sample : samples) {
        hexSamples.append(QString::fromLatin1(sample.toHex()));
    }
    bool ok = false;
    const QByteArray out = runPython(
        python,
        QStringList{
            QStringLiteral("-c"),
            QStringLiteral(
                "import _imp, importlib.util as u, sys\n"
                "if not hasattr(_imp, 'source_hash'): sys.exit(0)\n"
                "print(int.from_bytes(u.MAGIC_NUMBER[:2], 'little'))\n"
                "for h in sys.argv[1:]:\n"
                "    print(_imp.source_hash(u._RAW_MAGIC_NUMBER, bytes.fromhex(h)).hex())")} +
            hexSamples,
        &ok);
    QVERIFY(ok);
    const QStringList lines = QString::fromLatin1(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.isEmpty()) {
        QSKIP("this Python has no _imp.source_hash (before 3.7)");
    }
    const quint32 magic = lines[0].toUInt();
    QCOMPARE(lines.size(), samples.size() + 1);
    for (int i = 0; i < samples.size(); ++i) {
        QCOMPARE(QString::fromLatin1(PycFile::sourceHash(samples[i], magic).toHex()), lines[i + 1]);
    }
}

void TestPycFile::systemPythonCompile_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("optimize");
    for (const char *mode : {"timestamp", "checked-hash", "unchecked-hash"}) {
        for (int optimize : {0, 1, 2}) {
            QTest::newRow(
                qPrintable(QStringLiteral("%1 -O%2").arg(QLatin1String(mode)).arg(optimize)))
                << QString::fromLatin1(mode) << optimize;
        }
    }
}

void TestPycFile::systemPythonCompile()
{
    QFETCH(QString, mode);
    QFETCH(int, optimize);
    if (!QFileInfo(SystemPython).isExecutable()) {
        QSKIP("/usr/bin/python3 is absent: .pyc files cannot be compiled at test time");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString versions = dir.filePath(QStringLiteral("versions"));
    QVERIFY(QDir().mkpath(versions));
    const QString sourcePath = versions + QStringLiteral("/f00dfacecafe_merge_heads.py");
    QVERIFY(QFile::copy(fixtureDir() + QStringLiteral("/sources/f00dfacecafe_merge_heads.py"),
                        sourcePath));

    QStringList args;
    if (optimize > 0) {
        args << QStringLiteral("-") + QString(optimize, QLatin1Char('O'));
    }
    args << QStringLiteral("-m") << QStringLiteral("compileall") << QStringLiteral("-q")
         << QStringLiteral("--invalidation-mode") << mode << versions;
    bool ok = false;
    runPython(SystemPython, args, &ok);
    QVERIFY(ok);
    const QString tag = QString::fromLatin1(
        runPython(SystemPython, {QStringLiteral("-c"),
                                 QStringLiteral("import sys; print(sys.implementation.cache_tag)")})
            .trimmed());
    const QString pycPath =
        QStringLiteral("%1/__pycache__/f00dfacecafe_merge_heads.%2%3.pyc")
            .arg(versions, tag, optimize ? QStringLiteral(".opt-%1").arg(optimize) : QString());
    QVERIFY2(QFileInfo::exists(pycPath), qPrintable(pycPath));

    const PycFile pyc = PycFile::read(pycPath);
    QVERIFY2(pyc.ok, qPrintable(pyc.error));
    QFile source(sourcePath);
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QByteArray sourceBytes = source.readAll();
    if (mode == QStringLiteral("timestamp")) {
        QCOMPARE(pyc.header.invalidation, PycInvalidation::Timestamp);
        QCOMPARE(qint64(pyc.header.sourceMtime),
                 QFileInfo(sourcePath).lastModified().toSecsSinceEpoch());
        QCOMPARE(qint64(pyc.header.sourceSize), qint64(sourceBytes.size()));
    } else {
        QCOMPARE(pyc.header.invalidation, mode == QStringLiteral("checked-hash")
                                              ? PycInvalidation::CheckedHash
                                              : PycInvalidation::UncheckedHash);
        const QByteArray expected =
            runPython(SystemPython, {QStringLiteral("-c"),
                                     QStringLiteral("import _imp, importlib.util as u, sys; "
                                                    "print(_imp.source_hash(u._RAW_MAGIC_NUMBER, "
                                                    "open(sys.argv[1], 'rb').read()).hex())"),
                                     sourcePath});
        QCOMPARE(pyc.header.sourceHash.toHex(), expected.trimmed());
        QCOMPARE(PycFile::sourceHash(sourceBytes, pyc.header.magic).toHex(), expected.trimmed());
    }
    QCOMPARE(pyc.module.filename, sourcePath);
    QCOMPARE(pyc.module.revision, QStringLiteral("f00dfacecafe"));
    QCOMPARE(pyc.module.downRevisions,
             QStringList({QStringLiteral("a1b2c3d4e5f6"), QStringLiteral("0123456789ab")}));
    QCOMPARE(pyc.module.dependsOn.size(), 3);
    QCOMPARE(pyc.module.message, optimize == 2 ? QString() : QStringLiteral("merge heads"));
}

void TestPycFile::handBuiltVersions_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("revision");
    QTest::addColumn<QStringList>("down");
    QTest::addColumn<QStringList>("depends");

    const QByteArray doc = shortAscii("Doc\n\nRevision ID: docdocdocdoc\n");
    const QByteArray names =
        smallTuple({shortAscii("__doc__"), shortAscii("revision"), shortAscii("down_revision"),
                    shortAscii("depends_on"), shortAscii("x")});
    const QStringList noDown;
    const QStringList deps = {QStringLiteral("d1"), QStringLiteral("d2"), QStringLiteral("d3")};

    // 3.5: byte code (3-byte instructions), 12-byte header.
    {
        QByteArray code;
        auto ins = [&code](int opcode, int arg) {
            code += char(opcode);
            if (opcode >= 90) {
                code += char(arg & 0xff);
                code += char(arg >> 8);
            }
        };
        ins(100, 0), ins(90, 0);                                        // __doc__ = doc
        ins(100, 1), ins(90, 1);                                        // revision = 'r35'
        ins(100, 2), ins(90, 2);                                        // down_revision = None
        ins(100, 3), ins(100, 4), ins(100, 5), ins(103, 3), ins(90, 3); // depends_on = [...]
        ins(100, 2), ins(83, 0);
        const QByteArray consts = smallTuple(
            {doc, shortAscii("r35"), none(), shortAscii("d1"), shortAscii("d2"), shortAscii("d3")});
        QTest::newRow("3.5") << handBuilt(3351, 12, Layout::Py30, code, consts, names) << "3.5"
                             << "r35" << noDown << deps;
    }
    // 3.2: 8-byte header, same byte code.
    {
        QByteArray code = QByteArray::fromHex("640000"
                                              "5a0000"
                                              "640100"
                                              "5a0100"
                                              "640200"
                                              "5a0200"
                                              "640200"
                                              "53");
        const QByteArray consts = smallTuple({doc, shortAscii("r32"), none()});
        QTest::newRow("3.2") << handBuilt(3180, 8, Layout::Py30, code, consts, names) << "3.2"
                             << "r32" << noDown << QStringList();
    }
    // 3.8: chained assignment (DUP_TOP) and a list built from constants.
    {
        const QByteArray code = wordcode({{100, 0},
                                          {90, 0},
                                          {100, 1},
                                          {4, 0},
                                          {90, 1},
                                          {90, 2}, // revision = down = 'r38'
                                          {100, 2},
                                          {100, 3},
                                          {103, 2},
                                          {90, 3}, // depends = [..]
                                          {100, 4},
                                          {83, 0}});
        const QByteArray consts =
            smallTuple({doc, shortAscii("r38"), shortAscii("d1"), shortAscii("d2"), none()});
        QTest::newRow("3.8") << handBuilt(3413, 16, Layout::Py38, code, consts, names) << "3.8"
                             << "r38" << QStringList{QStringLiteral("r38")}
                             << QStringList{QStringLiteral("d1"), QStringLiteral("d2")};
    }
    // 3.11: RESUME, CACHE entries, EXTENDED_ARG for a constant index above 255.
    {
        QByteArray consts = op('(', i32(300)) + doc;
        for (int i = 1; i < 299; ++i) {
            consts += none();
        }
        consts += shortAscii("r311");
        const QByteArray code = wordcode({{151, 0},
                                          {100, 0},
                                          {90, 0},
                                          {144, 1},
                                          {100, 299 - 256},
                                          {90, 1}, // revision
                                          {100, 1},
                                          {90, 2}, // down = None
                                          {2, 0},
                                          {116, 0},
                                          {0, 0},
                                          {0, 0}, // an unknown call
                                          {0, 0},
                                          {0, 0},
                                          {0, 0},
                                          {90, 4},
                                          {100, 1},
                                          {83, 0}});
        QTest::newRow("3.11") << handBuilt(3495, 16, Layout::Py311, code, consts, names) << "3.11"
                              << "r311" << noDown << QStringList();
    }
    // 3.13: renumbered opcodes, list via BUILD_LIST + LIST_EXTEND.
    {
        const QByteArray consts =
            smallTuple({doc, shortAscii("r313"), none(),
                        smallTuple({shortAscii("d1"), shortAscii("d2"), shortAscii("d3")})});
        const QByteArray code = wordcode({{149, 0},
                                          {83, 0},
                                          {114, 0},
                                          {83, 1},
                                          {114, 1},
                                          {83, 2},
                                          {114, 2},
                                          {47, 0},
                                          {83, 3},
                                          {81, 1},
                                          {114, 3},
                                          {103, 2}});
        QTest::newRow("3.13") << handBuilt(3571, 16, Layout::Py311, code, consts, names) << "3.13"
                              << "r313" << noDown << deps;
    }
    // 3.14: RESUME 128, LOAD_SMALL_INT, a slice constant, tuple down_revision.
    {
        const QByteArray consts =
            smallTuple({doc, shortAscii("r314"), smallTuple({shortAscii("p1"), shortAscii("p2")}),
                        op(':', none() + op('i', i32(2)) + none()), none()});
        const QByteArray code = wordcode({{128, 0},
                                          {82, 0},
                                          {116, 0},
                                          {82, 1},
                                          {116, 1},
                                          {82, 2},
                                          {116, 2},
                                          {94, 5},
                                          {116, 4},
                                          {82, 3},
                                          {116, 4},
                                          {82, 4},
                                          {35, 0}});
        QTest::newRow("3.14") << handBuilt(3627, 16, Layout::Py311, code, consts, names) << "3.14"
                              << "r314" << QStringList{QStringLiteral("p1"), QStringLiteral("p2")}
                              << QStringList();
    }
}

void TestPycFile::handBuiltVersions()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, version);
    QFETCH(QString, revision);
    QFETCH(QStringList, down);
    QFETCH(QStringList, depends);

    const PycFile pyc = PycFile::fromBytes(bytes, QStringLiteral("zzzz_x.pyc"));
    QVERIFY2(pyc.ok, qPrintable(pyc.error));
    QCOMPARE(pyc.header.pythonVersion, version);
    QCOMPARE(pyc.module.revision, revision);
    QCOMPARE(pyc.module.revisionSource, PycFieldSource::Assignment);
    QCOMPARE(pyc.module.downRevisions, down);
    QVERIFY(pyc.module.hasDownRevision);
    QCOMPARE(pyc.module.dependsOn, depends);
    QCOMPARE(pyc.module.message, QStringLiteral("Doc"));
    QCOMPARE(pyc.module.filename, QStringLiteral("/app/m.py"));
}

void TestPycFile::fallbacks_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("revision");
    QTest::addColumn<int>("revisionSource");
    QTest::addColumn<QStringList>("down");
    QTest::addColumn<int>("downSource");

    const QByteArray names = smallTuple({shortAscii("__doc__"), shortAscii("revision"),
                                         shortAscii("down_revision"), shortAscii("compute")});
    const QByteArray doc =
        shortAscii("Doc\n\nRevision ID: 1234abcd5678\nRevises: aaaa, bbbb\nCreate Date: now\n");
    // revision = compute(): not a constant, so the docstring decides.
    const QByteArray computed = wordcode({{151, 0},
                                          {100, 0},
                                          {90, 0},
                                          {2, 0},
                                          {101, 3},
                                          {0, 0},
                                          {171, 0},
                                          {0, 0},
                                          {0, 0},
                                          {0, 0},
                                          {0, 0},
                                          {90, 1},
                                          {100, 1},
                                          {83, 0}});
    QTest::newRow("non-constant revision -> docstring")
        << handBuilt(3495, 16, Layout::Py311, computed, smallTuple({doc, none()}), names)
        << "/v/__pycache__/ffff_x.cpython-311.pyc"
        << "1234abcd5678" << int(PycFieldSource::Docstring)
        << QStringList{QStringLiteral("aaaa"), QStringLiteral("bbbb")}
        << int(PycFieldSource::Docstring);

    // -OO and no assignments: the file name is all there is.
    const QByteArray bare = wordcode({{151, 0}, {100, 0}, {83, 0}});
    QTest::newRow("nothing -> file name")
        << handBuilt(3495, 16, Layout::Py311, bare, smallTuple({none()}), names)
        << "/v/__pycache__/a2242b61af45_squashed.cpython-311.opt-2.pyc"
        << "a2242b61af45" << int(PycFieldSource::FileName) << QStringList()
        << int(PycFieldSource::None);
    QTest::newRow("date-prefixed file name is not an id")
        << handBuilt(3495, 16, Layout::Py311, bare, smallTuple({none()}), names)
        << "/v/__pycache__/2024_01_02_slug.cpython-311.pyc"
        << "" << int(PycFieldSource::None) << QStringList() << int(PycFieldSource::None);

    // A leading string constant that is not stored into __doc__ is no docstring.
    const QByteArray noDoc = wordcode({{151, 0}, {100, 0}, {90, 1}, {100, 1}, {83, 0}});
    QTest::newRow("first constant is not a docstring")
        << handBuilt(3495, 16, Layout::Py311, noDoc,
                     smallTuple({shortAscii("Revision ID: nope"), none()}), names)
        << "/v/x.pyc"
        << "Revision ID: nope" << int(PycFieldSource::Assignment) << QStringList()
        << int(PycFieldSource::None);
}

void TestPycFile::fallbacks()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, path);
    QFETCH(QString, revision);
    QFETCH(int, revisionSource);
    QFETCH(QStringList, down);
    QFETCH(int, downSource);

    const PycFile pyc = PycFile::fromBytes(bytes, path);
    QVERIFY2(pyc.ok, qPrintable(pyc.error));
    QCOMPARE(pyc.module.revision, revision);
    QCOMPARE(int(pyc.module.revisionSource), revisionSource);
    QCOMPARE(pyc.module.downRevisions, down);
    QCOMPARE(int(pyc.module.downRevisionSource), downSource);
    QCOMPARE(pyc.module.hasDownRevision, downSource != int(PycFieldSource::None));
}

void TestPycFile::badInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("headerOk");
    QTest::addColumn<QString>("errorPart");

    const QByteArray validBody = module(Layout::Py311, wordcode({{151, 0}, {100, 0}, {83, 0}}),
                                        smallTuple({none()}), smallTuple({}));
    QTest::newRow("empty") << QByteArray() << false << "truncated";
    QTest::newRow("text file") << QByteArray("\"\"\"Revision ID: abc\"\"\"\nrevision = 'abc'\n")
                               << false << "not a .pyc";
    QTest::newRow("unknown magic") << header(3572) + validBody << false << "unknown magic";
    QTest::newRow("python 2 magic") << header(62211) + validBody << false << "unknown magic";
    QTest::newRow("truncated header") << header(3495).left(10) << false << "truncated header";
    QTest::newRow("invalid flags") << header(3495, 4) + validBody << false << "flags";
    QTest::newRow("no body") << header(3495) << true << "truncated";
    QTest::newRow("body is not code") << header(3495) + none() << true << "not a code object";
    QTest::newRow("huge length") << header(3495) + op('(', i32(0x7fffffff)) << true << "exceeds";
    QByteArray deep = header(3495);
    for (int i = 0; i < 100000; ++i) {
        deep += QByteArray("[\x01\x00\x00\x00", 5);
    }
    QTest::newRow("deep nesting") << deep << true << "nested";
    QTest::newRow("self reference")
        << header(3495) + ref('[', i32(1)) + op('r', i32(0)) << true << "unfinished";
    QTest::newRow("wrong layout for version")
        << header(3413) + module(Layout::Py311, QByteArray(), smallTuple({}), smallTuple({}))
        << true << "";
}

void TestPycFile::badInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, headerOk);
    QFETCH(QString, errorPart);
    QElapsedTimer timer;
    timer.start();
    const PycFile pyc = PycFile::fromBytes(bytes, QStringLiteral("bad.pyc"));
    QVERIFY(timer.elapsed() < 2000);
    QVERIFY(!pyc.ok);
    QCOMPARE(pyc.headerOk, headerOk);
    QVERIFY(!pyc.error.isEmpty());
    QVERIFY2(pyc.error.contains(errorPart, Qt::CaseInsensitive), qPrintable(pyc.error));
}

void TestPycFile::everyTruncatedFixtureFails()
{
    for (const QString &tag : {QStringLiteral("cpython-36"), QStringLiteral("cpython-313")}) {
        const QString path = QStringLiteral("%1/%2/timestamp/f00dfacecafe_merge_heads.%2.pyc")
                                 .arg(fixtureDir(), tag);
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray full = file.readAll();
        QVERIFY(PycFile::fromBytes(full, path).ok);
        for (int size = 0; size < full.size(); ++size) {
            const PycFile pyc = PycFile::fromBytes(full.left(size), path);
            QVERIFY2(!pyc.ok, qPrintable(QStringLiteral("%1 bytes").arg(size)));
            QVERIFY(!pyc.error.isEmpty());
        }
    }
}

void TestPycFile::oversizedFileIsRefused()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("huge.cpython-311.pyc")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(header(3495));
    QVERIFY(file.resize(65 * 1024 * 1024)); // sparse: nothing is written
    file.close();
    const PycFile pyc = PycFile::read(file.fileName());
    QVERIFY(!pyc.ok);
    QVERIFY2(pyc.error.contains(QStringLiteral("too large")), qPrintable(pyc.error));
    QVERIFY(!PycFile::read(dir.filePath(QStringLiteral("missing.pyc"))).ok);
}

void TestPycFile::mutatedFixturesStayBounded()
{
    // Random byte flips of real pycs (a fixed seed, so failures reproduce): every
    // result is either a module or an explained error, quickly.
    QRandomGenerator random(20240501);
    QElapsedTimer timer;
    timer.start();
    for (const QString &tag : {QStringLiteral("cpython-36"), QStringLiteral("cpython-310"),
                               QStringLiteral("cpython-313")}) {
        QFile file(QStringLiteral("%1/%2/timestamp/a1b2c3d4e5f6_create_users.%2.pyc")
                       .arg(fixtureDir(), tag));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray original = file.readAll();
        for (int round = 0; round < 2000; ++round) {
            QByteArray bytes = original;
            const int flips = 1 + random.bounded(4);
            for (int i = 0; i < flips; ++i) {
                bytes[random.bounded(bytes.size())] = char(random.bounded(256));
            }
            const PycFile pyc = PycFile::fromBytes(bytes, QStringLiteral("m.pyc"));
            QVERIFY(pyc.ok ? pyc.headerOk && pyc.error.isEmpty() : !pyc.error.isEmpty());
        }
    }
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestPycFile)
#include "tst_pycfile.moc"
