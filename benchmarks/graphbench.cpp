// revscope_graphbench: how fast the History view shows a generated project.
// For each size, a child process (so peak memory is its own) opens the
// project as the app does (InspectionRunner, then GraphPanel::setInspection)
// and reports the time to the first painted graph, the peak RSS and the
// longest stall of the GUI thread, seen by a 10 ms heartbeat timer.

#include "graph/graphpanel.h"
#include "graph/graphscene.h"
#include "graph/graphview.h"
#include "inspection/inspectionrunner.h"
#include "layout/bandedlayout.h"
#include "projectgenerator.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

#include <sys/resource.h>

using namespace Revscope;

namespace {

// Targets on a 2-core machine.
struct Target
{
    int revisions;
    bool collapse;
    double maxSeconds;
};
constexpr Target Targets[] = {{1000, false, 1.0}, {5000, false, 3.0}, {20000, true, 5.0}};
constexpr qint64 MaxStallMs = 100;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

qint64 peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').constFirst().toLongLong();
        }
    }
    return -1;
}

// CPU time of the whole process (every thread) so far: what the figures
// would be on an idle machine, whatever else runs meanwhile.
qint64 cpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

// Records the longest gap between ticks of a 10 ms timer on the GUI thread.
class Heartbeat
{
public:
    Heartbeat()
    {
        m_timer.setInterval(10);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout,
                         [this] { m_longest = qMax(m_longest, m_clock.restart()); });
        m_clock.start();
        m_timer.start();
    }
    qint64 longest() const { return qMax(m_longest, m_clock.elapsed()); }
    void reset()
    {
        m_longest = 0;
        m_clock.restart();
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
};

// The child: open `root`, lay out, paint; print one line of key=value figures.
int runChild(const QString &root, bool collapse)
{
    GraphPanel panel;
    panel.resize(1280, 800);
    panel.setCollapsed(collapse);
    panel.show();
    InspectionRunner runner;
    Heartbeat heartbeat;
    QElapsedTimer clock;
    qint64 inspectedMs = 0;
    qint64 laidOutMs = 0;
    qint64 paintedMs = 0;
    qint64 cpuBefore = 0;
    qint64 cpuPainted = 0;
    QString failure;
    QEventLoop loop;
    QObject::connect(&runner, &InspectionRunner::finished, &panel,
                     [&](const InspectionPtr &inspection) {
                         inspectedMs = clock.elapsed();
                         panel.setInspection(inspection, 0);
                     });
    QObject::connect(&panel, &GraphPanel::layoutFinished, &panel, [&] {
        laidOutMs = clock.elapsed();
        // The first paint of the view, as the screen would get it.
        panel.view()->viewport()->grab();
        paintedMs = clock.elapsed();
        cpuPainted = cpuMs() - cpuBefore;
        loop.quit();
    });
    QObject::connect(&panel, &GraphPanel::layoutFailed, &panel, [&](const QString &message) {
        failure = message;
        loop.quit();
    });
    InspectOptions options;
    options.root = root;
    cpuBefore = cpuMs();
    clock.start();
    heartbeat.reset();
    runner.start(options);
    QTimer::singleShot(120000, &loop, [&] {
        failure = QStringLiteral("timed out");
        loop.quit();
    });
    loop.exec();
    const qint64 openStall = heartbeat.longest();
    if (!failure.isEmpty()) {
        out() << "error=" << failure << '\n';
        return 1;
    }

    // Interactions: select a node (its lineage is highlighted), fit the whole graph.
    int nodes = 0;
    int edges = 0;
    qint64 selectMs = 0;
    qint64 fitMs = 0;
    if (GraphScene *scene = panel.graphScene()) {
        nodes = int(scene->nodeItems().size());
        edges = int(scene->edgeItems().size());
        const QString head = panel.inspection()->environments.first().graph.heads().value(0);
        QElapsedTimer step;
        step.start();
        panel.selectRevision(head);
        panel.view()->viewport()->grab();
        selectMs = step.restart();
        panel.view()->fitGraph();
        panel.view()->viewport()->grab();
        fitMs = step.elapsed();
    }
    const QString shots = qEnvironmentVariable("REVSCOPE_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        const QString name = QStringLiteral("%1/graphbench-%2%3.png")
                                 .arg(shots)
                                 .arg(nodes)
                                 .arg(collapse ? QStringLiteral("c") : QString());
        panel.clearSelection();
        panel.view()->setZoom(0.8);
        panel.grab().save(name);
        // Where two layout bands meet (see BandedLayout).
        const LayoutRequest &request = panel.graphScene()->graphData().request;
        const QList<int> bands = BandedLayout::bands(request, 1000);
        for (int i = 0; i < bands.size(); ++i) {
            if (bands.at(i) == 1) {
                panel.selectRevision(request.nodes.at(i).id);
                panel.view()->setZoom(0.6);
                QString joint = name;
                panel.grab().save(
                    joint.replace(QLatin1String(".png"), QLatin1String("-joint.png")));
                break;
            }
        }
    }
    out() << "inspect_ms=" << inspectedMs << " layout_ms=" << laidOutMs
          << " painted_ms=" << paintedMs << " cpu_ms=" << cpuPainted
          << " open_stall_ms=" << openStall << " select_ms=" << selectMs
          << " fit_paint_ms=" << fitMs << " nodes=" << nodes << " edges=" << edges
          << " peak_rss_kb=" << peakRssKb() << '\n';
    return 0;
}

QHash<QString, QString> parseFigures(const QByteArray &line)
{
    QHash<QString, QString> figures;
    const QStringList parts = QString::fromUtf8(line).trimmed().split(QLatin1Char(' '));
    for (const QString &part : parts) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq > 0) {
            figures.insert(part.left(eq), part.mid(eq + 1));
        }
    }
    return figures;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Times the History view (GraphPanel) from opening a generated project to its first "
        "painted graph, with peak RSS and the longest GUI-thread stall."));
    parser.addHelpOption();
    const QCommandLineOption sizesOption(QStringLiteral("sizes"),
                                         QStringLiteral("Revision counts (default 1000,5000,20000; "
                                                        "sizes from 20000 up are collapsed)."),
                                         QStringLiteral("N,N"));
    const QCommandLineOption workdirOption(QStringLiteral("workdir"),
                                           QStringLiteral("Where to generate the projects."),
                                           QStringLiteral("DIR"));
    const QCommandLineOption childOption(QStringLiteral("child"),
                                         QStringLiteral("Internal: measure one project."),
                                         QStringLiteral("ROOT"));
    const QCommandLineOption collapseOption(QStringLiteral("collapse"),
                                            QStringLiteral("Collapse linear runs."));
    parser.addOptions({sizesOption, workdirOption, childOption, collapseOption});
    parser.process(app);
    if (parser.isSet(childOption)) {
        return runChild(parser.value(childOption), parser.isSet(collapseOption));
    }

    QList<Target> targets;
    if (parser.isSet(sizesOption)) {
        const QStringList sizes = parser.value(sizesOption).split(QLatin1Char(','));
        for (const QString &size : sizes) {
            const int n = size.toInt();
            targets.append({n, n >= 20000, n <= 1000 ? 1.0 : (n <= 5000 ? 3.0 : 5.0)});
        }
    } else {
        targets = QList<Target>(std::begin(Targets), std::end(Targets));
    }
    QTemporaryDir temporary;
    const QString workdir =
        parser.isSet(workdirOption) ? parser.value(workdirOption) : temporary.path();

    bool allMet = true;
    out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10\n")
                 .arg(QStringLiteral("revisions"), 9)
                 .arg(QStringLiteral("nodes"), 6)
                 .arg(QStringLiteral("inspect"), 8)
                 .arg(QStringLiteral("laid out"), 9)
                 .arg(QStringLiteral("painted"), 8)
                 .arg(QStringLiteral("cpu"), 8)
                 .arg(QStringLiteral("stall"), 6)
                 .arg(QStringLiteral("select"), 7)
                 .arg(QStringLiteral("fit"), 6)
                 .arg(QStringLiteral("peak RSS"), 9);
    out().flush();
    for (const Target &target : std::as_const(targets)) {
        const QString root = QStringLiteral("%1/graph-%2").arg(workdir).arg(target.revisions);
        GeneratedProject project;
        QString error;
        if (!QFileInfo::exists(root + QLatin1String("/alembic.ini"))) {
            ProjectGenerator generator;
            if (!generator.generate(root, target.revisions, &project, &error)) {
                out() << "cannot generate " << root << ": " << error << '\n';
                return 2;
            }
        }
        QStringList arguments{QStringLiteral("--child"), root};
        if (target.collapse) {
            arguments << QStringLiteral("--collapse");
        }
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), arguments);
        child.waitForFinished(300000);
        const QHash<QString, QString> f = parseFigures(child.readAllStandardOutput());
        if (child.exitCode() != 0 || !f.contains(QStringLiteral("painted_ms"))) {
            out() << target.revisions << ": failed " << f.value(QStringLiteral("error")) << '\n';
            allMet = false;
            continue;
        }
        const double seconds = f.value(QStringLiteral("painted_ms")).toDouble() / 1000.0;
        const qint64 stall = f.value(QStringLiteral("open_stall_ms")).toLongLong();
        const bool met = seconds <= target.maxSeconds && stall <= MaxStallMs;
        allMet = allMet && met;
        const QString revisions =
            QString::number(target.revisions) + (target.collapse ? QStringLiteral("c") : QString());
        out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10  %11\n")
                     .arg(revisions, 9)
                     .arg(f.value(QStringLiteral("nodes")), 6)
                     .arg(f.value(QStringLiteral("inspect_ms")) + QStringLiteral("ms"), 8)
                     .arg(f.value(QStringLiteral("layout_ms")) + QStringLiteral("ms"), 9)
                     .arg(f.value(QStringLiteral("painted_ms")) + QStringLiteral("ms"), 8)
                     .arg(f.value(QStringLiteral("cpu_ms")) + QStringLiteral("ms"), 8)
                     .arg(f.value(QStringLiteral("open_stall_ms")) + QStringLiteral("ms"), 6)
                     .arg(f.value(QStringLiteral("select_ms")) + QStringLiteral("ms"), 7)
                     .arg(f.value(QStringLiteral("fit_paint_ms")) + QStringLiteral("ms"), 6)
                     .arg(QString::number(f.value(QStringLiteral("peak_rss_kb")).toLongLong() /
                                          1024) +
                              QStringLiteral("MB"),
                          9)
                     .arg(met ? QStringLiteral("ok (target %1 s, stall %2 ms)")
                                    .arg(target.maxSeconds)
                                    .arg(MaxStallMs)
                              : QStringLiteral("MISSED (target %1 s, stall %2 ms)")
                                    .arg(target.maxSeconds)
                                    .arg(MaxStallMs));
        out().flush();
    }
    return allMet ? 0 : 1;
}
