// Differential test: RevisionGraph against the real Alembic 1.8.1.
//
// Every case is written out as a minimal Alembic project (scripts only; heads,
// branches and history need no env.py). One Python process per hash seed
// loads all projects through ScriptDirectory and reports Alembic's view as
// JSON; a few projects also go through the real `alembic heads / branches /
// history` commands.
//
// Alembic iterates Python sets in _normalize_depends_on, _map_branch_labels
// and _add_branches, so some answers depend on the hash seed and on object
// addresses. The "pinned" run replaces those iteration orders by load order
// (what RevisionGraph does) and is compared exactly; the unmodified runs with
// three hash seeds are compared on everything order cannot change.

#include "graph/revisiongraph.h"
#include "graphspec.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace Revscope;

namespace {

const QString Python = QStringLiteral("/usr/bin/python3");

// ORACLE_PIN=1 replaces Alembic's hash-set iteration orders (the only
// nondeterminism in what is compared) by load order, the order RevisionGraph
// documents; nothing else of Alembic is touched.
const char OracleScript[] = R"PY(
import json, os, signal, sys, warnings
warnings.simplefilter("ignore")

class Timeout(Exception):
    pass

def on_alarm(signum, frame):
    raise Timeout("no answer within 10 s")

signal.signal(signal.SIGALRM, on_alarm)
from alembic.script import ScriptDirectory
from alembic.script.base import Script
from alembic.script.revision import RevisionMap

POSITION = {}  # id(Revision object) -> load position
FIRST = {}     # revision id -> first load position

if os.environ.get("ORACLE_PIN") == "1":
    normalize = RevisionMap._normalize_depends_on
    def pinned_normalize(self, revisions, map_):
        normalize(self, revisions, map_)
        for r in revisions:
            kept = set(r._normalized_resolved_dependencies)
            r._normalized_resolved_dependencies = tuple(
                d for d in dict.fromkeys(r._resolved_dependencies) if d in kept)
    RevisionMap._normalize_depends_on = pinned_normalize

    map_labels = RevisionMap._map_branch_labels
    def pinned_map_labels(self, revisions, map_):
        map_labels(self, sorted(revisions, key=lambda r: POSITION[id(r)]), map_)
    RevisionMap._map_branch_labels = pinned_map_labels

    add_branches = RevisionMap._add_branches
    def pinned_add_branches(self, revisions, map_):
        saved = {}
        for r in map_.values():
            if r is not None and id(r) not in saved:
                saved[id(r)] = (r, r.nextrev)
                r.nextrev = tuple(sorted(r.nextrev, key=FIRST.__getitem__))
        try:
            add_branches(self, sorted(revisions, key=lambda r: POSITION[id(r)]), map_)
        finally:
            for r, nextrev in saved.values():
                r.nextrev = nextrev
    RevisionMap._add_branches = pinned_add_branches

def ids(revs):
    return [getattr(r, "revision", r) for r in revs]

out = []
for g in json.load(open(sys.argv[1]))["graphs"]:
    res = {}
    signal.alarm(10)
    sd = ScriptDirectory(g["dir"])
    vers = os.path.join(g["dir"], "versions")
    res["files"] = [f for f in Script._list_py_dir(sd, vers) if f.endswith(".py")]
    try:
        scripts = []
        for f in res["files"]:
            s = Script._from_filename(sd, vers, f)
            if s is not None:
                scripts.append(s)
        POSITION.clear()
        FIRST.clear()
        for k, s in enumerate(scripts):
            POSITION[id(s)] = k
            FIRST.setdefault(s.revision, k)
        rm = RevisionMap(lambda: iter(scripts))
        sd.revision_map = rm
        res["heads"] = list(rm.heads)
        res["real_heads"] = list(rm._real_heads)
        res["bases"] = list(rm.bases)
        revs = {r.revision: r for r in rm._revision_map.values() if r is not None}
        res["branch_points"] = sorted(k for k, r in revs.items() if r.is_branch_point)
        res["merge_points"] = sorted(k for k, r in revs.items() if r.is_merge_point)
        res["labels"] = {k: sorted(r.branch_labels) for k, r in revs.items()}
        res["set_ordered"] = any(
            len(set(r._normalized_resolved_dependencies) - set(r._versioned_down_revisions)) > 1
            for r in revs.values())
        try:
            res["history"] = [s.revision for s in sd.walk_revisions()]
        except Exception as e:
            res["history_error"] = "%s: %s" % (type(e).__name__, e)
        answers = []
        for q in g["queries"]:
            try:
                answers.append({"q": q, "ids": ids(rm.get_revisions(q))})
            except Exception as e:
                answers.append({"q": q, "error": str(e)})
        res["resolve"] = answers
    except Exception as e:
        res["error_type"] = type(e).__name__
        res["error"] = str(e)
    signal.alarm(0)
    out.append(res)
json.dump(out, sys.stdout)
)PY";

struct Case
{
    QString name;
    Revisions revisions; // `file` holds the script's file name until written
    QStringList queries;
    bool cli = false;
    QString dir;
};

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QProcessEnvironment pythonEnvironment(const QString &hashSeed, bool pinned = false)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONHASHSEED"), hashSeed);
    env.insert(QStringLiteral("ORACLE_PIN"), pinned ? QStringLiteral("1") : QStringLiteral("0"));
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    return env;
}

// Runs the commands two at a time (the machines running this have two cores).
QList<Run> runAll(const QList<QStringList> &commands, const QList<QProcessEnvironment> &envs)
{
    QList<Run> runs(commands.size());
    for (int first = 0; first < commands.size(); first += 2) {
        QList<QProcess *> processes;
        for (int i = first; i < std::min(first + 2, int(commands.size())); ++i) {
            auto *process = new QProcess;
            process->setProcessEnvironment(envs.at(i));
            process->start(Python, commands.at(i));
            processes.append(process);
        }
        for (int k = 0; k < processes.size(); ++k) {
            QProcess *process = processes.at(k);
            Run &run = runs[first + k];
            if (process->waitForFinished(60000) && process->exitStatus() == QProcess::NormalExit) {
                run.exitCode = process->exitCode();
            } else {
                process->kill();
                process->waitForFinished();
            }
            run.out = process->readAllStandardOutput();
            run.err = process->readAllStandardError();
            delete process;
        }
    }
    return runs;
}

bool alembicAvailable()
{
    QProcess process;
    process.start(Python, {QStringLiteral("-c"), QStringLiteral("import alembic")});
    return process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit &&
           process.exitCode() == 0;
}

// The notation of graphspec.h.
Case specCase(const QString &name, const QString &spec, bool cli = false)
{
    Case c;
    c.name = name;
    c.cli = cli;
    for (const Revision &revision : TestSupport::parseGraphSpec(spec)) {
        for (const QString &label : revision.branchLabels) {
            c.queries << label << label + QStringLiteral("@head")
                      << label + QStringLiteral("@heads") << label + QStringLiteral("@base");
        }
        c.revisions.append(revision);
    }
    c.queries << QStringLiteral("heads") << QStringLiteral("head") << QStringLiteral("base");
    return c;
}

QString hexId(QRandomGenerator &rng)
{
    QString id;
    for (int i = 0; i < 12; ++i) {
        id.append(QLatin1Char("0123456789abcdef"[rng.bounded(16)]));
    }
    return id;
}

// A random acyclic history of a few dozen revisions: mostly a main line,
// with forks, merges (sometimes of a revision with its own ancestor), extra
// roots, depends_on (sometimes through a branch label) and branch labels.
enum class Damage { None, LaterParent, LaterDependency, MissingParent, LabelTwice };

Case randomCase(int number, quint32 seed, Damage damage = Damage::None)
{
    QRandomGenerator rng(seed);
    Case c;
    c.name = QStringLiteral("random %1 (seed %2)").arg(number).arg(seed);
    const int count = 8 + int(rng.bounded(33));
    const bool sharedPrefix = rng.bounded(3) == 0;
    QStringList ids;
    while (ids.size() < count) {
        QString id = hexId(rng);
        if (sharedPrefix && rng.bounded(4) == 0) {
            id.replace(0, 4, QStringLiteral("abcd"));
        }
        if (!ids.contains(id)) {
            ids.append(id);
        }
    }
    auto pick = [&rng](int below) {
        if (rng.bounded(100) < 60) {
            return below - 1 - int(rng.bounded(std::min(below, 3)));
        }
        return int(rng.bounded(below));
    };
    QHash<int, QString> labelOf;
    for (int k = 0; k < count; ++k) {
        Revision revision;
        revision.id = ids.at(k);
        const int roll = int(rng.bounded(100));
        if (k == 0 || roll < 7) {
            // another root
        } else if (k >= 2 && roll < 25) {
            const int a = pick(k);
            int b = pick(k);
            while (b == a) {
                b = int(rng.bounded(k));
            }
            revision.downRevisions = {ids.at(a), ids.at(b)};
            if (k >= 3 && rng.bounded(5) == 0) {
                const int third = int(rng.bounded(k));
                if (third != a && third != b) {
                    revision.downRevisions.append(ids.at(third));
                }
            }
        } else {
            revision.downRevisions = {ids.at(pick(k))};
        }
        if (k >= 1 && rng.bounded(100) < 15) {
            const int extraDeps = rng.bounded(4) == 0 ? 2 : 1;
            for (int d = 0; d < extraDeps; ++d) {
                const int target = int(rng.bounded(k));
                const QString name = labelOf.contains(target) && rng.bounded(2) == 0
                                         ? labelOf.value(target)
                                         : ids.at(target);
                if (!revision.downRevisions.contains(ids.at(target)) &&
                    !revision.dependsOn.contains(name)) {
                    revision.dependsOn.append(name);
                }
            }
        }
        if (rng.bounded(100) < 10) {
            // Labels never start with a hex digit and differ in their first 4 characters.
            const QString label = QStringLiteral("L%1%2zz")
                                      .arg(QChar(QLatin1Char(char('g' + k / 20))))
                                      .arg(QChar(QLatin1Char(char('g' + k % 20))));
            labelOf.insert(k, label);
            revision.branchLabels = {label};
        }
        c.revisions.append(revision);
    }

    // Damage that Alembic may refuse, or (for some cycles) not notice.
    const int victim = 1 + int(rng.bounded(count - 1));
    const int later = std::min(count - 1, victim + 1 + int(rng.bounded(3)));
    switch (damage) {
    case Damage::None:
        break;
    case Damage::LaterParent:
        c.name += QStringLiteral(" with a later parent");
        c.revisions[victim].downRevisions.append(ids.at(later));
        break;
    case Damage::LaterDependency:
        c.name += QStringLiteral(" with a later dependency");
        c.revisions[victim].dependsOn.append(ids.at(later));
        break;
    case Damage::MissingParent:
        c.name += QStringLiteral(" with a missing parent");
        c.revisions[victim].downRevisions = {QStringLiteral("0000deadbeef")};
        break;
    case Damage::LabelTwice:
        c.name += QStringLiteral(" with a label used twice");
        c.revisions[victim].branchLabels.append(QStringLiteral("Ltwice"));
        c.revisions[later == victim ? 0 : later].branchLabels.append(QStringLiteral("Ltwice"));
        break;
    }

    auto anyId = [&]() { return ids.at(int(rng.bounded(count))); };
    c.queries << QStringLiteral("heads") << QStringLiteral("head") << QStringLiteral("base")
              << anyId() << anyId().left(4) << anyId().left(6) << anyId().left(2) << anyId().left(3)
              << anyId().left(1) << QStringLiteral("abcd") << QStringLiteral("zzzz")
              << QStringLiteral("z") << anyId() + QStringLiteral("@head")
              << anyId().left(5) + QStringLiteral("@heads")
              << anyId().left(6) + QLatin1Char('@') + anyId().left(6)
              << QStringLiteral("nosuch@head");
    QList<int> labelled = labelOf.keys();
    std::sort(labelled.begin(), labelled.end());
    for (int k : std::as_const(labelled)) {
        const QString label = labelOf.value(k);
        c.queries << label << label.left(4) << label + QStringLiteral("@head")
                  << label + QStringLiteral("@heads") << label + QStringLiteral("@base")
                  << label + QLatin1Char('@') + anyId()
                  << label + QLatin1Char('@') + anyId().left(6);
    }
    return c;
}

QString pythonNames(const QStringList &names, int variant)
{
    if (names.isEmpty()) {
        return QStringLiteral("None");
    }
    QStringList quoted;
    for (const QString &name : names) {
        quoted.append(QLatin1Char('\'') + name + QLatin1Char('\''));
    }
    // Alembic accepts a string, a tuple or a list: exercise all three.
    if (names.size() == 1 && variant % 2 == 0) {
        return quoted.first();
    }
    if (variant % 3 == 0) {
        return QLatin1Char('[') + quoted.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    return QLatin1Char('(') + quoted.join(QLatin1String(", ")) +
           (names.size() == 1 ? QStringLiteral(",)") : QStringLiteral(")"));
}

bool writeProject(Case &c, const QString &dir)
{
    c.dir = dir;
    if (!QDir().mkpath(dir + QStringLiteral("/versions"))) {
        return false;
    }
    for (int k = 0; k < c.revisions.size(); ++k) {
        Revision &revision = c.revisions[k];
        revision.file = QStringLiteral("%1/versions/%2_%3.py").arg(dir).arg(k).arg(revision.id);
        const QString text =
            QStringLiteral("\"\"\"m %1\n\nRevision ID: %1\n\"\"\"\nrevision = '%1'\n"
                           "down_revision = %2\nbranch_labels = %3\ndepends_on = %4\n")
                .arg(revision.id, pythonNames(revision.downRevisions, k),
                     pythonNames(revision.branchLabels, k + 1),
                     pythonNames(revision.dependsOn, k + 2));
        QFile file(revision.file);
        if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0) {
            return false;
        }
    }
    QFile ini(dir + QStringLiteral("/alembic.ini"));
    return ini.open(QIODevice::WriteOnly) &&
           ini.write(QStringLiteral("[alembic]\nscript_location = %1\n").arg(dir).toUtf8()) > 0;
}

QStringList strings(const QJsonValue &value)
{
    QStringList result;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        result.append(item.toString());
    }
    return result;
}

QStringList sortedUnique(QStringList list)
{
    list.sort();
    list.removeDuplicates();
    return list;
}

QStringList unique(QStringList list)
{
    list.removeDuplicates();
    return list;
}

// Revisions in Alembic's load order (its directory listing).
Revisions inLoadOrder(const Case &c, const QStringList &files)
{
    QHash<QString, Revision> byFile;
    for (const Revision &revision : c.revisions) {
        byFile.insert(QFileInfo(revision.file).fileName(), revision);
    }
    Revisions ordered;
    for (const QString &file : files) {
        ordered.append(byFile.value(file));
    }
    return ordered;
}

// The graph in tst_revisiongraph's notation, for failure messages.
QString specOf(const Revisions &revisions)
{
    QStringList tokens;
    for (const Revision &revision : revisions) {
        QString token = revision.id;
        if (!revision.downRevisions.isEmpty()) {
            token += QLatin1Char(':') + revision.downRevisions.join(QLatin1Char(','));
        }
        if (!revision.dependsOn.isEmpty()) {
            token += QLatin1Char('|') + revision.dependsOn.join(QLatin1Char(','));
        }
        if (!revision.branchLabels.isEmpty()) {
            token += QLatin1Char('#') + revision.branchLabels.join(QLatin1Char(','));
        }
        tokens.append(token);
    }
    return tokens.join(QLatin1Char(' '));
}

QHash<QString, QStringList> labelsByRevision(const RevisionGraph &graph)
{
    QHash<QString, QStringList> result;
    const QHash<QString, QStringList> members = graph.branchLabelMembers();
    for (auto it = members.cbegin(); it != members.cend(); ++it) {
        for (const QString &id : it.value()) {
            result[id].append(it.key());
        }
    }
    for (QStringList &labels : result) {
        labels.sort();
    }
    return result;
}

} // namespace

class TestAlembicOracle : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void compareWithAlembic();
    void compareWithAlembicCommands();

private:
    void checkBrokenGraph(const Case &c, const QJsonObject &answer, const RevisionGraph &graph);

    QTemporaryDir m_dir;
    QList<Case> m_cases;
    QList<QJsonArray> m_answers; // pinned, then unmodified with hash seeds 0, 1, 2
};

void TestAlembicOracle::initTestCase()
{
    if (!alembicAvailable()) {
        QSKIP("/usr/bin/python3 cannot import alembic: install python3-alembic (1.8.1) to run "
              "the differential test against Alembic");
    }
    QVERIFY(m_dir.isValid());

    m_cases
        << specCase(QStringLiteral("linear"), QStringLiteral("a b:a c:b"))
        << specCase(QStringLiteral("branch point"), QStringLiteral("a b:a c:a"))
        << specCase(QStringLiteral("merge point"), QStringLiteral("a b:a c:a d:b,c"), true)
        << specCase(QStringLiteral("heads and bases"), QStringLiteral("a b c:b"))
        << specCase(QStringLiteral("depends_on keeps heads"), QStringLiteral("a b:a c|b"))
        << specCase(QStringLiteral("long branches"), QStringLiteral("a b:a c:b d:a e:d f:c,e g:f"))
        << specCase(QStringLiteral("redundant dependency"), QStringLiteral("a b:a|a c:b|a"))
        << specCase(QStringLiteral("cross dependencies"), QStringLiteral("a b:a c:a d:b|c e:c|b"),
                    true)
        << specCase(QStringLiteral("merge with own ancestor"), QStringLiteral("a b:a c:a,b"))
        << specCase(QStringLiteral("dependency on a label"), QStringLiteral("a#lab b:a c|lab"),
                    true)
        << specCase(QStringLiteral("labelled roots"),
                    QStringLiteral("r1 a:r1 b:a#lb c:b r2 d:r2#ld e:d"), true)
        << specCase(QStringLiteral("label below a merge"), QStringLiteral("a b:a c:a d:b,c#lm e:d"))
        << specCase(QStringLiteral("label on a branch point"),
                    QStringLiteral("a#la b:a c:a d:b e:c"))
        << specCase(QStringLiteral("dependency normalization"),
                    QStringLiteral("a b c:a d:c|a,b e:d|b"))
        << specCase(QStringLiteral("two normalized dependencies"), QStringLiteral("a b c d:a|b,c"))
        << specCase(QStringLiteral("missing parent"), QStringLiteral("a b:zz"))
        << specCase(QStringLiteral("missing dependency"), QStringLiteral("a b:a|zz"))
        << specCase(QStringLiteral("two-cycle"), QStringLiteral("x a:b b:a c:a"))
        << specCase(QStringLiteral("self-loop"), QStringLiteral("a b:b"))
        << specCase(QStringLiteral("long cycle with a tail"),
                    QStringLiteral("a:g b:a c:b d:c e:d f:e g:f h:g"))
        << specCase(QStringLiteral("dependency cycle"), QStringLiteral("a|b b:a"))
        << specCase(QStringLiteral("dependency self-loop"), QStringLiteral("a|lab#lab"))
        << specCase(QStringLiteral("label used twice"), QStringLiteral("a#lq b:a#lq"))
        << specCase(QStringLiteral("label equal to an id"), QStringLiteral("a#b b:a"))
        << specCase(QStringLiteral("duplicate with children"), QStringLiteral("a x:a y:x x:a"))
        << specCase(QStringLiteral("duplicate base"), QStringLiteral("a x y:x x:a"))
        << specCase(QStringLiteral("duplicate head"), QStringLiteral("a x:a x:a"));
    m_cases << specCase(QStringLiteral("cycle Alembic misses"), QStringLiteral("X c:d,X d:c H:c"))
            << specCase(QStringLiteral("dependency cycle Alembic misses"),
                        QStringLiteral("X a:X|b b:a H:b"));
    for (int i = 0; i < 28; ++i) {
        Case c = randomCase(i, 1000 + 7919 * quint32(i));
        c.cli = i % 9 == 4;
        m_cases.append(c);
    }
    const Damage damages[] = {Damage::LaterParent, Damage::LaterDependency, Damage::MissingParent,
                              Damage::LabelTwice};
    for (int i = 0; i < 12; ++i) {
        m_cases.append(randomCase(100 + i, 5000 + 104729 * quint32(i), damages[i % 4]));
    }

    QJsonArray graphs;
    for (int i = 0; i < m_cases.size(); ++i) {
        QVERIFY(writeProject(m_cases[i], m_dir.filePath(QStringLiteral("g%1").arg(i))));
        graphs.append(QJsonObject{
            {QStringLiteral("dir"), m_cases[i].dir},
            {QStringLiteral("queries"), QJsonArray::fromStringList(m_cases[i].queries)}});
    }
    const QString input = m_dir.filePath(QStringLiteral("graphs.json"));
    const QString script = m_dir.filePath(QStringLiteral("oracle.py"));
    QFile inputFile(input);
    QVERIFY(inputFile.open(QIODevice::WriteOnly));
    inputFile.write(QJsonDocument(QJsonObject{{QStringLiteral("graphs"), graphs}}).toJson());
    inputFile.close();
    QFile scriptFile(script);
    QVERIFY(scriptFile.open(QIODevice::WriteOnly));
    scriptFile.write(OracleScript);
    scriptFile.close();

    // Run 0 is pinned; runs 1-3 are Alembic as is, with three hash seeds.
    QList<QStringList> commands(4, QStringList{script, input});
    QList<QProcessEnvironment> envs{
        pythonEnvironment(QStringLiteral("0"), true), pythonEnvironment(QStringLiteral("0")),
        pythonEnvironment(QStringLiteral("1")), pythonEnvironment(QStringLiteral("2"))};
    const QList<Run> runs = runAll(commands, envs);
    for (const Run &run : runs) {
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(document.array().size(), m_cases.size());
        m_answers.append(document.array());
    }
}

void TestAlembicOracle::checkBrokenGraph(const Case &c, const QJsonObject &answer,
                                         const RevisionGraph &graph)
{
    const QString type = answer.value(QStringLiteral("error_type")).toString();
    const QString message = answer.value(QStringLiteral("error")).toString();
    const QString context = c.name + QStringLiteral(": ") + type + QStringLiteral(" ") + message;
    QVERIFY2(!graph.alembicCanLoad(), qPrintable(context));
    if (type == QLatin1String("KeyError")) {
        // Alembic fails on the first unknown name of a down_revision or depends_on.
        const QString name = message.mid(1, message.size() - 2);
        bool found = false;
        for (const auto &pair : graph.missingParents() + graph.missingDependencies()) {
            found = found || pair.second == name;
        }
        QVERIFY2(found, qPrintable(context));
    } else if (type.contains(QLatin1String("Cycle")) || type.contains(QLatin1String("Loop"))) {
        // "<kind> is detected in revisions (a, b, c)", exactly as Alembic's checks say.
        const QRegularExpression list(QStringLiteral("\\((.*)\\)$"));
        const RevisionGraph::AlembicCycleCheck check = graph.alembicCycleCheck();
        QVERIFY2(check.revisions == list.match(message).captured(1).split(QStringLiteral(", ")),
                 qPrintable(context + QStringLiteral("\n  ours: ") +
                            check.revisions.join(QLatin1Char(' '))));
        QCOMPARE(check.dependencies, type.startsWith(QLatin1String("Dependency")));
        QCOMPARE(check.selfLoop, type.contains(QLatin1String("Loop")));
        QVERIFY2(!graph.cycles().isEmpty(), qPrintable(context));
    } else if (message.startsWith(QLatin1String("Branch name"))) {
        QVERIFY2(!graph.branchLabelConflicts().isEmpty(), qPrintable(context));
        const RevisionGraph::BranchLabelConflict first = graph.branchLabelConflicts().first();
        QCOMPARE(message, QStringLiteral("Branch name '%1' in revision %2 already used by "
                                         "revision %3")
                              .arg(first.label, first.revision, first.usedBy));
    } else {
        QFAIL(qPrintable(QStringLiteral("unexpected Alembic error: ") + context));
    }
}

void TestAlembicOracle::compareWithAlembic()
{
    int exactHistories = 0;
    int labelledGraphs = 0;
    int resolutions = 0;
    int brokenGraphs = 0;
    int seedDependent = 0;
    int missedCycles = 0;
    for (int i = 0; i < m_cases.size(); ++i) {
        const Case &c = m_cases.at(i);
        const QJsonObject answer = m_answers.at(0).at(i).toObject();
        const QStringList files = strings(answer.value(QStringLiteral("files")));
        QCOMPARE(files.size(), c.revisions.size());
        const Revisions ordered = inLoadOrder(c, files);
        const RevisionGraph graph(ordered);
        const QByteArray name = c.name.toUtf8();
        const QString spec = QStringLiteral("\n  graph: ") + specOf(ordered);

        // Unmodified Alembic, three hash seeds: the same verdict, the same sets,
        // and the same history unless a set order is involved.
        bool dependsOnSeed = false;
        for (int run = 1; run < m_answers.size(); ++run) {
            const QJsonObject native = m_answers.at(run).at(i).toObject();
            QCOMPARE(native.value(QStringLiteral("error_type")),
                     answer.value(QStringLiteral("error_type")));
            for (const char *key :
                 {"heads", "real_heads", "bases", "branch_points", "merge_points"}) {
                QCOMPARE(sortedUnique(strings(native.value(QLatin1String(key)))),
                         sortedUnique(strings(answer.value(QLatin1String(key)))));
            }
            const QStringList history = strings(native.value(QStringLiteral("history")));
            QCOMPARE(sortedUnique(history),
                     sortedUnique(strings(answer.value(QStringLiteral("history")))));
            if (!answer.value(QStringLiteral("set_ordered")).toBool()) {
                QCOMPARE(native.value(QStringLiteral("history")),
                         answer.value(QStringLiteral("history")));
            }
            dependsOnSeed =
                dependsOnSeed ||
                native.value(QStringLiteral("history")) !=
                    answer.value(QStringLiteral("history")) ||
                native.value(QStringLiteral("labels")) != answer.value(QStringLiteral("labels"));
        }
        seedDependent += dependsOnSeed ? 1 : 0;

        if (answer.contains(QStringLiteral("error"))) {
            ++brokenGraphs;
            checkBrokenGraph(c, answer, graph);
            continue;
        }
        QVERIFY2(graph.alembicCanLoad(), qPrintable(c.name + spec));
        QCOMPARE(graph.heads(), sortedUnique(strings(answer.value(QStringLiteral("heads")))));
        QCOMPARE(graph.realHeads(),
                 sortedUnique(strings(answer.value(QStringLiteral("real_heads")))));
        QCOMPARE(graph.bases(), sortedUnique(strings(answer.value(QStringLiteral("bases")))));
        QCOMPARE(graph.branchPoints(), strings(answer.value(QStringLiteral("branch_points"))));
        QCOMPARE(graph.mergePoints(), strings(answer.value(QStringLiteral("merge_points"))));
        const QHash<QString, QStringList> duplicates = graph.duplicates();
        for (auto it = duplicates.cbegin(); it != duplicates.cend(); ++it) {
            QStringList expected;
            for (const QString &file : files) {
                if (file.endsWith(QLatin1Char('_') + it.key() + QStringLiteral(".py"))) {
                    expected.append(c.dir + QStringLiteral("/versions/") + file);
                }
            }
            QCOMPARE(it.value(), expected);
        }

        if (answer.contains(QStringLiteral("history")) && !graph.cycles().isEmpty()) {
            // A cycle Alembic does not notice: its order is not meaningful, ours is repaired.
            QCOMPARE(sortedUnique(graph.history()),
                     sortedUnique(strings(answer.value(QStringLiteral("history")))));
            ++missedCycles;
        } else if (answer.contains(QStringLiteral("history"))) {
            const QStringList history = strings(answer.value(QStringLiteral("history")));
            QVERIFY2(graph.history() == history,
                     qPrintable(c.name + spec + QStringLiteral("\n  alembic: ") +
                                history.join(QLatin1Char(' ')) + QStringLiteral("\n  ours:    ") +
                                graph.history().join(QLatin1Char(' '))));
            ++exactHistories;
        } else {
            // Alembic refuses (a duplicate overlapping the heads); ours lists everything once.
            QVERIFY2(!duplicates.isEmpty(), name.constData());
            QStringList loaded;
            for (const Revision &revision : graph.nodes()) {
                if (graph.isLoaded(revision.id)) {
                    loaded.append(revision.id);
                }
            }
            QCOMPARE(graph.history().size(), loaded.size());
            QCOMPARE(sortedUnique(graph.history()), sortedUnique(loaded));
        }

        const QHash<QString, QStringList> mine = labelsByRevision(graph);
        const QJsonObject theirs = answer.value(QStringLiteral("labels")).toObject();
        bool labelled = false;
        for (auto it = theirs.constBegin(); it != theirs.constEnd(); ++it) {
            QVERIFY2(mine.value(it.key()) == strings(it.value()),
                     qPrintable(c.name + spec + QStringLiteral("\n  revision ") + it.key() +
                                QStringLiteral(": ") +
                                mine.value(it.key()).join(QLatin1Char(','))));
            labelled = labelled || !it.value().toArray().isEmpty();
        }
        labelledGraphs += labelled ? 1 : 0;

        const QJsonArray answers = answer.value(QStringLiteral("resolve")).toArray();
        QCOMPARE(answers.size(), c.queries.size());
        for (int q = 0; q < answers.size(); ++q) {
            const QJsonObject expected = answers.at(q).toObject();
            const RevisionGraph::Resolution resolution = graph.resolve(c.queries.at(q));
            const QString context = c.name + QStringLiteral(" / ") + c.queries.at(q) + spec;
            QVERIFY2(resolution.error == expected.value(QStringLiteral("error")).toString(),
                     qPrintable(context + QStringLiteral("\n  ours: ") + resolution.error +
                                QStringLiteral("\n  alembic: ") +
                                expected.value(QStringLiteral("error")).toString()));
            QVERIFY2(resolution.ids == unique(strings(expected.value(QStringLiteral("ids")))),
                     qPrintable(context + QStringLiteral("\n  ours: ") +
                                resolution.ids.join(QLatin1Char(' '))));
            ++resolutions;
        }
    }
    qInfo("%d graphs (%d that Alembic refuses, refused alike; %d with a cycle it misses): %d "
          "histories and %d labelled graphs compared exactly, %d identifiers resolved alike; %d "
          "graphs where unmodified Alembic's history or labels depend on the hash seed",
          int(m_cases.size()), brokenGraphs, missedCycles, exactHistories, labelledGraphs,
          resolutions, seedDependent);
    // Guard against a vacuous pass.
    QVERIFY(exactHistories >= m_cases.size() - brokenGraphs - missedCycles - 2);
    QVERIFY(labelledGraphs >= 10);
    QVERIFY(resolutions > 500);
    QVERIFY(brokenGraphs >= 9);
}

void TestAlembicOracle::compareWithAlembicCommands()
{
    // The real CLI, hash seed 0 (as the first oracle run).
    QList<QStringList> commands;
    QList<QProcessEnvironment> envs;
    QList<int> caseOf;
    const QStringList verbs{QStringLiteral("heads"), QStringLiteral("branches"),
                            QStringLiteral("history")};
    for (int i = 0; i < m_cases.size(); ++i) {
        if (!m_cases.at(i).cli) {
            continue;
        }
        for (const QString &verb : verbs) {
            commands.append({QStringLiteral("-m"), QStringLiteral("alembic"), QStringLiteral("-c"),
                             m_cases.at(i).dir + QStringLiteral("/alembic.ini"), verb});
            envs.append(pythonEnvironment(QStringLiteral("0")));
            caseOf.append(i);
        }
    }
    QVERIFY(commands.size() >= 18);
    const QList<Run> runs = runAll(commands, envs);

    for (int r = 0; r < runs.size(); r += 3) {
        const int i = caseOf.at(r);
        const Case &c = m_cases.at(i);
        const QJsonObject answer = m_answers.at(1).at(i).toObject();
        const RevisionGraph graph(inLoadOrder(c, strings(answer.value(QStringLiteral("files")))));
        const QStringList oracleHistory = strings(answer.value(QStringLiteral("history")));
        for (int k = 0; k < 3; ++k) {
            QVERIFY2(runs.at(r + k).exitCode == 0, runs.at(r + k).err.constData());
        }
        const QStringList headLines =
            QString::fromUtf8(runs.at(r).out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QStringList branchLines =
            QString::fromUtf8(runs.at(r + 1).out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QStringList historyLines =
            QString::fromUtf8(runs.at(r + 2).out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);

        // `alembic heads`: "<id> (<labels>) (head)" or "(effective head)".
        QStringList heads;
        for (const QString &line : headLines) {
            const QString id = line.section(QLatin1Char(' '), 0, 0);
            heads.append(id);
            QCOMPARE(line.endsWith(QLatin1String(" (effective head)")),
                     !graph.realHeads().contains(id));
        }
        QCOMPARE(sortedUnique(heads), graph.heads());

        // `alembic branches`: each branch point (history order), then " -> child" lines.
        QStringList branchPoints;
        QStringList childrenSeen;
        for (const QString &line : branchLines) {
            if (line.startsWith(QLatin1Char(' '))) {
                childrenSeen.append(line.trimmed().mid(3).section(QLatin1Char(' '), 0, 0));
                continue;
            }
            if (!branchPoints.isEmpty()) {
                QCOMPARE(sortedUnique(childrenSeen),
                         sortedUnique(graph.children(branchPoints.last())));
            }
            branchPoints.append(line.section(QLatin1Char(' '), 0, 0));
            childrenSeen.clear();
        }
        if (!branchPoints.isEmpty()) {
            QCOMPARE(sortedUnique(childrenSeen), sortedUnique(graph.children(branchPoints.last())));
        }
        QStringList expectedBranchPoints;
        for (const QString &id : oracleHistory) {
            if (graph.branchPoints().contains(id)) {
                expectedBranchPoints.append(id);
            }
        }
        QCOMPARE(branchPoints, expectedBranchPoints);

        // `alembic history`: "<downs> [(<deps>)] -> <id> [(<labels>)] [flags], <doc>".
        QStringList history;
        for (const QString &line : historyLines) {
            const int arrow = line.indexOf(QLatin1String(" -> "));
            QVERIFY(arrow > 0);
            const QString left = line.left(arrow);
            const QString right = line.mid(arrow + 4);
            const QString id = right.section(QRegularExpression(QStringLiteral("[ ,]")), 0, 0);
            history.append(id);
            const Revision *revision = graph.revision(id);
            QVERIFY(revision);
            QString downs = left;
            QString deps;
            const int paren = left.indexOf(QLatin1String(" ("));
            if (paren > 0) {
                downs = left.left(paren);
                deps = left.mid(paren + 2).chopped(1);
            }
            QCOMPARE(downs, revision->downRevisions.isEmpty()
                                ? QStringLiteral("<base>")
                                : revision->downRevisions.join(QLatin1String(", ")));
            QCOMPARE(deps, revision->dependsOn.join(QLatin1String(", ")));
            QCOMPARE(right.contains(QLatin1String(" (head)")), graph.realHeads().contains(id));
            QCOMPARE(right.contains(QLatin1String(" (effective head)")),
                     graph.heads().contains(id) && !graph.realHeads().contains(id));
            QCOMPARE(right.contains(QLatin1String(" (branchpoint)")),
                     graph.branchPoints().contains(id));
            QCOMPARE(right.contains(QLatin1String(" (mergepoint)")),
                     graph.mergePoints().contains(id));
            QVERIFY(right.endsWith(QStringLiteral(", m ") + id));
        }
        QCOMPARE(history, oracleHistory);
        bool stable = true;
        for (int seed = 1; seed < m_answers.size(); ++seed) {
            stable =
                stable && m_answers.at(seed).at(i).toObject().value(QStringLiteral("history")) ==
                              answer.value(QStringLiteral("history"));
        }
        if (stable) {
            QCOMPARE(graph.history(), history);
        }
    }
}

QTEST_GUILESS_MAIN(TestAlembicOracle)
#include "tst_alembicoracle.moc"
