// `revscope clean` end to end: the binary on real temporary projects holding
// real bytecode, checked against the command-line contract (the dry run, the
// `revscope.clean/1` keys and their order, --apply, --undo, exit codes). The
// child runs with HOME and XDG_DATA_HOME in the test's temporary folder, so
// the user's trash and journal are never touched.

#include "testsupport.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QMap>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace TestSupport;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");

QByteArray script(const QByteArray &rev, const QByteArray &down)
{
    return "\"\"\"" + rev + "\n\nRevision ID: " + rev + "\nRevises: " + down +
           "\nCreate Date: 2026-01-10 10:00:00.000000\n\n\"\"\"\n"
           "from alembic import op\n\n"
           "revision = '" +
           rev + "'\ndown_revision = " + (down.isEmpty() ? QByteArray("None") : "'" + down + "'") +
           "\nbranch_labels = None\ndepends_on = None\n\n\n"
           "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n";
}

// A temporary folder holding the project (`project`), the child's home
// (`home`) and a folder outside the project (`outside`).
struct Sandbox
{
    QTemporaryDir dir;
    QString root;
    QString home;
    QString outside;

    Sandbox()
    {
        root = dir.path() + QStringLiteral("/project");
        home = dir.path() + QStringLiteral("/home");
        outside = dir.path() + QStringLiteral("/outside");
        QDir().mkpath(root);
        QDir().mkpath(home);
        QDir().mkpath(outside);
    }

    QString dataHome() const { return home + QStringLiteral("/.local/share"); }

    // As clean(), run as `user` through runuser (the suite runs as root in CI,
    // and root ignores folder permissions).
    ProcessResult cleanAs(const QString &user, const QStringList &arguments) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/.cache"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home + QStringLiteral("/.runtime"));
        return TestSupport::run(QStringLiteral("runuser"),
                                QStringList{QStringLiteral("-u"), user, QStringLiteral("--"),
                                            QStringLiteral(REVSCOPE_BINARY),
                                            QStringLiteral("clean")} +
                                    arguments,
                                dir.path(), 120000, env);
    }

    ProcessResult clean(const QStringList &arguments) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/.cache"));
        return TestSupport::run(QStringLiteral(REVSCOPE_BINARY),
                                QStringList{QStringLiteral("clean")} + arguments, dir.path(),
                                120000, env);
    }
};

bool compile(const QString &folder)
{
    const ProcessResult r = run(kPython, {QStringLiteral("-m"), QStringLiteral("compileall"),
                                          QStringLiteral("-q"), folder});
    return r.exitCode == 0;
}

QString onlyFile(const QString &folder, const QString &pattern)
{
    const QStringList names = QDir(folder).entryList({pattern}, QDir::Files);
    return names.size() == 1 ? folder + QLatin1Char('/') + names.first() : QString();
}

// Two version locations:
//   migrations/versions: 001_first.py, and a __pycache__ holding only the
//     stray bytecode of 002_gone (its source deleted): the folder empties.
//   migrations/more: 003_kept.py with its up-to-date bytecode, next to the
//     stray bytecode of 004_gone: the folder stays.
bool makeProject(const Sandbox &box)
{
    const QString root = box.root;
    const QString versions = root + QStringLiteral("/migrations/versions");
    const QString more = root + QStringLiteral("/migrations/more");
    bool ok = writeFile(root + QStringLiteral("/alembic.ini"),
                        "[alembic]\nscript_location = migrations\n"
                        "version_locations = %(here)s/migrations/versions "
                        "%(here)s/migrations/more\n"
                        "sqlalchemy.url = sqlite:///app.db\n");
    ok = ok && writeFile(root + QStringLiteral("/migrations/env.py"), "# env\n");
    ok = ok && writeFile(versions + QStringLiteral("/002_gone.py"), script("002", "001"));
    ok = ok && writeFile(more + QStringLiteral("/004_gone.py"), script("004", "003"));
    ok = ok && compile(versions) && compile(more);
    ok = ok && QFile::remove(versions + QStringLiteral("/002_gone.py"));
    ok = ok && QFile::remove(more + QStringLiteral("/004_gone.py"));
    ok = ok && writeFile(versions + QStringLiteral("/001_first.py"), script("001", ""));
    ok = ok && writeFile(more + QStringLiteral("/003_kept.py"), script("003", "002"));
    ok = ok && compile(more); // 003's bytecode, matching its source
    return ok &&
           !onlyFile(versions + QStringLiteral("/__pycache__"), QStringLiteral("002_gone.*.pyc"))
                .isEmpty() &&
           !onlyFile(more + QStringLiteral("/__pycache__"), QStringLiteral("003_kept.*.pyc"))
                .isEmpty();
}

// Every entry under `root` (hidden ones too, links not followed): folders as
// "dir", symbolic links as their target, files as the sha256 of their bytes.
QMap<QString, QString> treeState(const QString &root)
{
    QMap<QString, QString> state;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        const QString relative = QDir(root).relativeFilePath(path);
        if (info.isSymLink()) {
            state.insert(relative, QStringLiteral("link:") + info.symLinkTarget());
        } else if (info.isDir()) {
            state.insert(relative, QStringLiteral("dir"));
        } else {
            QFile file(path);
            QByteArray bytes;
            if (file.open(QIODevice::ReadOnly)) {
                bytes = file.readAll();
            }
            state.insert(relative,
                         QString::fromLatin1(
                             QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
        }
    }
    return state;
}

QByteArray describe(const QMap<QString, QString> &before, const QMap<QString, QString> &after)
{
    QStringList lines;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (after.value(it.key()) != it.value()) {
            lines.append(QStringLiteral("changed or gone: ") + it.key());
        }
    }
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (!before.contains(it.key())) {
            lines.append(QStringLiteral("new: ") + it.key());
        }
    }
    return lines.join(QLatin1Char('\n')).toUtf8();
}

// The keys of JSON objects in the order they appear in the text, which
// QJsonObject cannot tell (it sorts them). A small reader for well-formed
// JSON: `objects` gets one entry per object, keyed by its path
// ("", "actions[0]", "skipped[1]", ...).
class KeyOrderReader
{
public:
    explicit KeyOrderReader(const QByteArray &text) : m_text(text) {}

    bool read()
    {
        skipSpace();
        const bool ok = value(QString());
        skipSpace();
        return ok && m_pos == m_text.size();
    }

    QMap<QString, QStringList> objects;

private:
    void skipSpace()
    {
        while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos]))) {
            ++m_pos;
        }
    }

    bool string(QString *out)
    {
        if (m_pos >= m_text.size() || m_text[m_pos] != '"') {
            return false;
        }
        const qsizetype start = m_pos++;
        while (m_pos < m_text.size() && m_text[m_pos] != '"') {
            m_pos += m_text[m_pos] == '\\' ? 2 : 1;
        }
        if (m_pos >= m_text.size()) {
            return false;
        }
        ++m_pos;
        const QJsonDocument doc =
            QJsonDocument::fromJson("[" + m_text.mid(start, m_pos - start) + "]");
        *out = doc.array().first().toString();
        return true;
    }

    bool value(const QString &path)
    {
        skipSpace();
        if (m_pos >= m_text.size()) {
            return false;
        }
        const char c = m_text[m_pos];
        if (c == '{') {
            ++m_pos;
            QStringList &keys = objects[path];
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                ++m_pos;
                return true;
            }
            while (true) {
                skipSpace();
                QString key;
                if (!string(&key)) {
                    return false;
                }
                keys.append(key);
                skipSpace();
                if (m_pos >= m_text.size() || m_text[m_pos++] != ':') {
                    return false;
                }
                if (!value(path.isEmpty() ? key : path + QLatin1Char('.') + key)) {
                    return false;
                }
                skipSpace();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                return m_pos < m_text.size() && m_text[m_pos++] == '}';
            }
        }
        if (c == '[') {
            ++m_pos;
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                ++m_pos;
                return true;
            }
            for (int index = 0;; ++index) {
                if (!value(path + QStringLiteral("[%1]").arg(index))) {
                    return false;
                }
                skipSpace();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                return m_pos < m_text.size() && m_text[m_pos++] == ']';
            }
        }
        if (c == '"') {
            QString ignored;
            return string(&ignored);
        }
        // A number, true, false or null.
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && !std::strchr(",]} \t\r\n", m_text[m_pos])) {
            ++m_pos;
        }
        return m_pos > start;
    }

    QByteArray m_text;
    qsizetype m_pos = 0;
};

QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// `keys` starts with `contract` in that order, and anything after is one of
// the documented extensions, in order.
bool keysFollow(const QStringList &keys, const QStringList &contract, const QStringList &extensions,
                QByteArray *message)
{
    const QStringList head = keys.mid(0, contract.size());
    QStringList tail = keys.mid(contract.size());
    QStringList allowed = extensions;
    bool ok = head == contract;
    for (const QString &key : std::as_const(tail)) {
        const qsizetype at = allowed.indexOf(key);
        ok = ok && at >= 0;
        allowed = allowed.mid(at + 1);
    }
    *message = (QStringLiteral("keys: ") + keys.join(QLatin1Char(' '))).toUtf8();
    return ok;
}

QJsonObject actionAt(const QJsonObject &report, const QString &path)
{
    for (const QJsonValue &value : report.value(QLatin1String("actions")).toArray()) {
        if (value.toObject().value(QLatin1String("path")).toString() == path) {
            return value.toObject();
        }
    }
    return {};
}

QString fileSha(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromLatin1(
        QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestCleanCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        if (!QFileInfo(kPython).isExecutable()) {
            QSKIP("SKIPPED: /usr/bin/python3 is needed to compile real bytecode");
        }
    }

    // Without --apply nothing on disk changes, in either format.
    void dryRunChangesNothing_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("text") << QStringList();
        QTest::newRow("json") << words("--format json");
        QTest::newRow("whole project, stale") << words("--whole-project --stale");
    }

    void dryRunChangesNothing()
    {
        QFETCH(QStringList, options);
        Sandbox box;
        QVERIFY(makeProject(box));
        const QMap<QString, QString> before = treeState(box.root);
        const QMap<QString, QString> homeBefore = treeState(box.home);
        const ProcessResult r = box.clean(QStringList{box.root} + options);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        QVERIFY2(r.out.contains("002_gone"), r.out.constData());
        QVERIFY2(r.out.contains("004_gone"), r.out.constData());
        const QMap<QString, QString> after = treeState(box.root);
        QVERIFY2(after == before, describe(before, after).constData());
        QCOMPARE(treeState(box.home), homeBefore);
    }

    // The keys of revscope.clean/1 in the contract's order, on the raw text:
    // the top level, every action and every skipped entry, dry run and apply.
    void jsonKeyOrder_data()
    {
        QTest::addColumn<bool>("apply");
        QTest::newRow("dry run") << false;
        QTest::newRow("apply") << true;
    }

    void jsonKeyOrder()
    {
        QFETCH(bool, apply);
        Sandbox box;
        QVERIFY(makeProject(box));
        // A link in __pycache__ gives a skipped entry.
        const QString target = box.outside + QStringLiteral("/target.cpython-311.pyc");
        QVERIFY(QFile::copy(onlyFile(box.root + QStringLiteral("/migrations/more/__pycache__"),
                                     QStringLiteral("003_kept.*.pyc")),
                            target));
        QVERIFY(QFile::link(target, box.root + QStringLiteral("/migrations/versions/__pycache__/"
                                                              "009_link.cpython-311.pyc")));
        QStringList arguments{box.root, QStringLiteral("--format"), QStringLiteral("json")};
        if (apply) {
            arguments.append(QStringLiteral("--apply"));
        }
        const ProcessResult r = box.clean(arguments);
        QCOMPARE(r.exitCode, 0);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error + QLatin1Char('\n') + QString::fromUtf8(r.out)));
        QCOMPARE(report.value(QLatin1String("schema")).toString(),
                 QStringLiteral("revscope.clean/1"));
        QCOMPARE(report.value(QLatin1String("applied")).toBool(), apply);
        const int actions = int(report.value(QLatin1String("actions")).toArray().size());
        const int skipped = int(report.value(QLatin1String("skipped")).toArray().size());
        QVERIFY2(actions >= 2, r.out.constData());
        QVERIFY2(skipped >= 1, r.out.constData());

        // One document, one final newline, as the other commands print it.
        QVERIFY2(r.out.endsWith("}\n") && !r.out.endsWith("\n\n"), r.out.right(20).constData());

        KeyOrderReader reader(r.out);
        QVERIFY2(reader.read(), r.out.constData());
        QByteArray message;
        QVERIFY2(keysFollow(reader.objects.value(QString()),
                            words("schema root applied journal actions skipped"),
                            words("undo error"), &message),
                 message.constData());
        for (int i = 0; i < actions; ++i) {
            const QStringList keys = reader.objects.value(QStringLiteral("actions[%1]").arg(i));
            QVERIFY2(
                keysFollow(keys, words("kind path reason bytes sha256"), words("diff"), &message),
                message.constData());
        }
        for (int i = 0; i < skipped; ++i) {
            const QStringList keys = reader.objects.value(QStringLiteral("skipped[%1]").arg(i));
            QVERIFY2(keysFollow(keys, words("path why"), QStringList(), &message),
                     message.constData());
        }
    }

    // --apply trashes the stray bytecode, removes the __pycache__ it empties,
    // keeps sources and bytecode that has its source, and prints the undo
    // command; --undo ID restores every byte; a second --undo refuses.
    void applyThenUndo()
    {
        Sandbox box;
        QVERIFY(makeProject(box));
        const QString versions = box.root + QStringLiteral("/migrations/versions");
        const QString more = box.root + QStringLiteral("/migrations/more");
        const QString stray1 =
            onlyFile(versions + QStringLiteral("/__pycache__"), QStringLiteral("002_gone.*.pyc"));
        const QString stray2 =
            onlyFile(more + QStringLiteral("/__pycache__"), QStringLiteral("004_gone.*.pyc"));
        const QString kept =
            onlyFile(more + QStringLiteral("/__pycache__"), QStringLiteral("003_kept.*.pyc"));
        const QString stray1Sha = fileSha(stray1);
        const QMap<QString, QString> before = treeState(box.root);

        const ProcessResult applied = box.clean({box.root, QStringLiteral("--apply")});
        QCOMPARE(applied.exitCode, 0);
        QVERIFY2(applied.err.isEmpty(), applied.err.constData());
        const QRegularExpression undoLine(QStringLiteral("revscope clean (\\S+) --undo (\\d+)"));
        const QRegularExpressionMatch match = undoLine.match(QString::fromUtf8(applied.out));
        QVERIFY2(match.hasMatch(), applied.out.constData());
        QCOMPARE(QFileInfo(match.captured(1)).canonicalFilePath(),
                 QFileInfo(box.root).canonicalFilePath());
        const QString id = match.captured(2);

        QVERIFY(!QFileInfo::exists(stray1));
        QVERIFY(!QFileInfo::exists(stray2));
        QVERIFY2(!QFileInfo::exists(versions + QStringLiteral("/__pycache__")),
                 applied.out.constData());
        QVERIFY(QFileInfo(more + QStringLiteral("/__pycache__")).isDir());
        QCOMPARE(treeState(box.root).value(QDir(box.root).relativeFilePath(kept)),
                 before.value(QDir(box.root).relativeFilePath(kept)));
        for (const QString &source :
             {QStringLiteral("/migrations/versions/001_first.py"),
              QStringLiteral("/migrations/more/003_kept.py"), QStringLiteral("/migrations/env.py"),
              QStringLiteral("/alembic.ini")}) {
            const QString relative = source.mid(1);
            QCOMPARE(treeState(box.root).value(relative), before.value(relative));
        }
        // Into the trash of the child's data folder, not deleted.
        const QString trashed =
            box.dataHome() + QStringLiteral("/Trash/files/") + QFileInfo(stray1).fileName();
        QVERIFY2(QFileInfo::exists(trashed), qPrintable(trashed));
        QCOMPARE(fileSha(trashed), stray1Sha);

        // Nothing left to clean: a second apply changes nothing.
        const QMap<QString, QString> cleaned = treeState(box.root);
        const ProcessResult again = box.clean({box.root, QStringLiteral("--apply")});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(treeState(box.root), cleaned);

        const ProcessResult undone =
            box.clean({box.root, QStringLiteral("--undo"), id, QStringLiteral("--format"),
                       QStringLiteral("json")});
        QCOMPARE(undone.exitCode, 0);
        QVERIFY2(undone.err.isEmpty(), undone.err.constData());
        const QMap<QString, QString> restored = treeState(box.root);
        QVERIFY2(restored == before, describe(before, restored).constData());
        QVERIFY(!QFileInfo::exists(trashed));
        QString error;
        const QJsonObject report = parseJson(undone.out, &error);
        QVERIFY2(error.isEmpty(), undone.out.constData());
        QCOMPARE(report.value(QLatin1String("journal")).toInteger(), id.toLongLong());
        QCOMPARE(report.value(QLatin1String("undo")).toBool(), true);
        QCOMPARE(report.value(QLatin1String("actions")).toArray().size(), 3);

        // Undone already: refused, by ID and as "the latest", nothing changes.
        const ProcessResult twice = box.clean({box.root, QStringLiteral("--undo"), id});
        QCOMPARE(twice.exitCode, 1);
        QVERIFY2(twice.err.contains("already undone"), twice.err.constData());
        const ProcessResult latest = box.clean({box.root, QStringLiteral("--undo")});
        QCOMPARE(latest.exitCode, 1);
        QVERIFY2(!latest.err.isEmpty(), latest.out.constData());
        QCOMPARE(treeState(box.root), before);
    }

    // --apply --format json: the journal id, the actions as done; --undo
    // without an ID finds that cleanup.
    void applyJsonThenUndoLatest()
    {
        Sandbox box;
        QVERIFY(makeProject(box));
        const QMap<QString, QString> before = treeState(box.root);
        const ProcessResult applied =
            box.clean({box.root, QStringLiteral("--apply"), QStringLiteral("--format"),
                       QStringLiteral("json")});
        QCOMPARE(applied.exitCode, 0);
        QString error;
        const QJsonObject report = parseJson(applied.out, &error);
        QVERIFY2(error.isEmpty(), applied.out.constData());
        QCOMPARE(report.value(QLatin1String("applied")).toBool(), true);
        QVERIFY2(report.value(QLatin1String("journal")).isDouble(), applied.out.constData());
        QVERIFY(report.value(QLatin1String("journal")).toInteger() > 0);
        QVERIFY(report.value(QLatin1String("error")).isNull());

        const QStringList cache = words("migrations/versions/__pycache__");
        const QJsonObject folder = actionAt(report, cache.first());
        QCOMPARE(folder.value(QLatin1String("kind")).toString(), QStringLiteral("remove-folder"));
        const QJsonArray actions = report.value(QLatin1String("actions")).toArray();
        int trashed = 0;
        for (const QJsonValue &value : actions) {
            const QJsonObject action = value.toObject();
            const QString path = action.value(QLatin1String("path")).toString();
            QVERIFY2(!path.endsWith(QLatin1String(".py")), qPrintable(path));
            QVERIFY2(!path.contains(QLatin1String("003_kept")), qPrintable(path));
            if (action.value(QLatin1String("kind")).toString() == QLatin1String("trash")) {
                ++trashed;
                QCOMPARE(action.value(QLatin1String("reason")).toString(),
                         QStringLiteral("stray-bytecode"));
                QCOMPARE(action.value(QLatin1String("sha256")).toString(), before.value(path));
                QVERIFY(action.value(QLatin1String("bytes")).toInteger() > 0);
            }
        }
        QCOMPARE(trashed, 2);

        const ProcessResult undone = box.clean({box.root, QStringLiteral("--undo")});
        QCOMPARE(undone.exitCode, 0);
        const QMap<QString, QString> restored = treeState(box.root);
        QVERIFY2(restored == before, describe(before, restored).constData());
    }

    // A link inside __pycache__ to a file outside the root: skipped with a
    // reason; neither the link nor its target is touched, and the folder
    // that still holds it stays.
    void symlinkOutsideRootIsSkipped()
    {
        Sandbox box;
        QVERIFY(makeProject(box));
        const QString cache = box.root + QStringLiteral("/migrations/versions/__pycache__");
        const QString target = box.outside + QStringLiteral("/evil.cpython-311.pyc");
        QVERIFY(QFile::copy(onlyFile(cache, QStringLiteral("002_gone.*.pyc")), target));
        const QString targetSha = fileSha(target);
        const QString link = cache + QStringLiteral("/009_link.cpython-311.pyc");
        QVERIFY(QFile::link(target, link));
        const QMap<QString, QString> outsideBefore = treeState(box.outside);

        const ProcessResult r = box.clean({box.root, QStringLiteral("--apply"),
                                           QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        QString error;
        const QJsonObject report = parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), r.out.constData());
        const QString linkRelative = QDir(box.root).relativeFilePath(link);
        QString why;
        for (const QJsonValue &value : report.value(QLatin1String("skipped")).toArray()) {
            const QJsonObject skip = value.toObject();
            if (skip.value(QLatin1String("path")).toString() == linkRelative) {
                why = skip.value(QLatin1String("why")).toString();
            }
        }
        QVERIFY2(!why.isEmpty(), r.out.constData());
        QVERIFY(actionAt(report, linkRelative).isEmpty());
        QVERIFY(actionAt(report, QStringLiteral("migrations/versions/__pycache__")).isEmpty());

        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(QFileInfo(link).symLinkTarget(), target);
        QCOMPARE(fileSha(target), targetSha);
        QCOMPARE(treeState(box.outside), outsideBefore);
        QVERIFY(onlyFile(cache, QStringLiteral("002_gone.*.pyc")).isEmpty()); // the real stray went
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("unknown option") << words("ROOT --frobnicate");
        QTest::newRow("path is a file") << words("ROOT/alembic.ini");
        QTest::newRow("path does not exist") << words("ROOT/nowhere");
        QTest::newRow("unknown format") << words("ROOT --format yaml");
        QTest::newRow("two paths") << words("ROOT ROOT/migrations");
        QTest::newRow("unknown journal operation") << words("ROOT --undo 999");
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        Sandbox box;
        QVERIFY(makeProject(box));
        arguments.replaceInStrings(QStringLiteral("ROOT"), box.root);
        const QMap<QString, QString> before = treeState(box.root);
        const ProcessResult r = box.clean(arguments + QStringList{QStringLiteral("--apply")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("revscope clean: "), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        QCOMPARE(treeState(box.root), before);
    }

    // A read-only __pycache__: the move fails, `clean --apply` says so and
    // exits 1, nothing in the tree changes, and the journal records the
    // failed run. Run as an unprivileged user when the suite runs as root.
    void readOnlyFolder()
    {
        Sandbox box;
        QVERIFY(makeProject(box));
        const QString cache = box.root + QStringLiteral("/migrations/versions/__pycache__");
        const bool root = ::geteuid() == 0;
        const QString user = QStringLiteral("nobody");
        if (root) {
            if (QStandardPaths::findExecutable(QStringLiteral("runuser")).isEmpty() ||
                TestSupport::run(QStringLiteral("id"), {user}).exitCode != 0) {
                QSKIP("SKIPPED: running as root without runuser or a 'nobody' user");
            }
            // The sandbox belongs to the user, who can reach it.
            QVERIFY(QFile::setPermissions(box.dir.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                              QFile::ExeOwner | QFile::ReadGroup |
                                                              QFile::ExeGroup | QFile::ReadOther |
                                                              QFile::ExeOther));
            QCOMPARE(TestSupport::run(QStringLiteral("chown"),
                                      {QStringLiteral("-R"), user, box.dir.path()})
                         .exitCode,
                     0);
        }
        QVERIFY(QFile::setPermissions(cache, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup |
                                                 QFile::ExeGroup | QFile::ReadOther |
                                                 QFile::ExeOther));
        const QMap<QString, QString> before = treeState(box.root);
        const QStringList arguments{box.root, QStringLiteral("--apply"), QStringLiteral("--format"),
                                    QStringLiteral("json")};
        const ProcessResult r = root ? box.cleanAs(user, arguments) : box.clean(arguments);
        QCOMPARE(r.exitCode, 1);
        QString error;
        const QJsonObject report = TestSupport::parseJson(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error + QString::fromUtf8(r.err)));
        QVERIFY(report.value(QLatin1String("journal")).toInteger() > 0);
        QVERIFY(!report.value(QLatin1String("error")).toString().isEmpty());
        // The stray that could not move is listed with why.
        bool listed = false;
        for (const QJsonValue &value : report.value(QLatin1String("skipped")).toArray()) {
            listed = listed || value.toObject()
                                   .value(QLatin1String("path"))
                                   .toString()
                                   .contains(QLatin1String("002_gone"));
        }
        QVERIFY2(listed, r.out.constData());
        QVERIFY(QFileInfo::exists(onlyFile(cache, QStringLiteral("002_gone.*.pyc"))));

        // What was done before the failure is journaled: undo puts it back.
        const QStringList undo{box.root, QStringLiteral("--undo"),
                               QString::number(report.value(QLatin1String("journal")).toInteger())};
        const ProcessResult u = root ? box.cleanAs(user, undo) : box.clean(undo);
        QVERIFY2(u.exitCode == 0, u.err.constData());
        QFile::setPermissions(cache, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                         QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                         QFile::ExeOther);
        const QMap<QString, QString> after = treeState(box.root);
        QVERIFY2(after == before, describe(before, after).constData());
    }
};

QTEST_GUILESS_MAIN(TestCleanCommand)
#include "tst_cleancommand.moc"
