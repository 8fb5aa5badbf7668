// revscope_bench: times `revscope check` on generated Alembic projects
// against `cat` of the same files and `alembic history`. See README.md.

#include "processmeter.h"
#include "projectgenerator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <optional>

using namespace Revscope;

namespace {

// Targets from the product brief, checked at TargetSize revisions.
constexpr int TargetSize = 5000;
constexpr double MaxRatioToCat = 2.0;
constexpr double MinSpeedupOverAlembic = 20.0;
constexpr qint64 MaxPeakRssKb = 100 * 1024;
constexpr qint64 MaxArgumentBytes = 1800 * 1024; // ARG_MAX is 2 MiB here

const QString Python = QStringLiteral("/usr/bin/python3");

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

struct ToolResult
{
    QString status; // empty when measured
    double seconds = 0;
    qint64 peakRssKb = 0;

    bool measured() const { return status.isEmpty(); }
};

QString tail(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QString text = QString::fromLocal8Bit(file.readAll()).trimmed();
    const QStringList lines = text.split(QLatin1Char('\n'));
    return lines.mid(std::max<qsizetype>(0, lines.size() - 3)).join(QStringLiteral(" | "));
}

// Runs the command `runs` times after one untimed warm-up and keeps the
// median wall time and the highest peak RSS. okCodes are the exit codes that
// mean the tool did its job.
ToolResult measure(const QString &program, const QStringList &arguments, const QString &workdir,
                   const QStringList &environment, const QList<int> &okCodes, int runs,
                   int timeoutSeconds, const QString &stderrPath)
{
    ToolResult result;
    QList<double> times;
    for (int i = 0; i <= runs; ++i) {
        const ProcessSample sample =
            ProcessMeter::run(program, arguments, workdir, environment, stderrPath, timeoutSeconds);
        if (!sample.started) {
            result.status = QStringLiteral("failed: %1").arg(sample.error);
            return result;
        }
        if (sample.timedOut) {
            result.status = QStringLiteral("timed out after %1 s").arg(timeoutSeconds);
            return result;
        }
        if (!okCodes.contains(sample.exitCode)) {
            result.status =
                QStringLiteral("failed: exit %1: %2").arg(sample.exitCode).arg(tail(stderrPath));
            return result;
        }
        if (i == 0) {
            continue; // warm-up: page cache, dynamic loader
        }
        times.append(sample.seconds);
        result.peakRssKb = std::max(result.peakRssKb, sample.peakRssKb);
    }
    std::sort(times.begin(), times.end());
    result.seconds = times.at(times.size() / 2);
    return result;
}

QString seconds(const ToolResult &r)
{
    return r.measured() ? QString::number(r.seconds, 'f', 3) + QStringLiteral(" s") : QString();
}

QString megabytes(const ToolResult &r)
{
    return r.measured() ? QString::number(r.peakRssKb / 1024.0, 'f', 1) + QStringLiteral(" MB")
                        : QString();
}

std::optional<double> ratio(const ToolResult &a, const ToolResult &b)
{
    if (!a.measured() || !b.measured() || b.seconds <= 0) {
        return std::nullopt;
    }
    return a.seconds / b.seconds;
}

QString ratioText(std::optional<double> value)
{
    return value ? QString::number(*value, 'f', 1) + QLatin1Char('x') : QStringLiteral("-");
}

struct SizeResult
{
    int revisions = 0;
    ToolResult revscope;
    ToolResult cat;
    ToolResult alembic;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("revscope_bench"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Times `revscope check PATH --format json` on generated Alembic projects "
                       "against `cat` of the same files and `alembic history`."));
    parser.addHelpOption();
    const QCommandLineOption revscopeOption(QStringLiteral("revscope"),
                                            QStringLiteral("The revscope executable to measure."),
                                            QStringLiteral("path"));
    const QCommandLineOption sizesOption(QStringLiteral("sizes"),
                                         QStringLiteral("Comma-separated project sizes."),
                                         QStringLiteral("list"), QStringLiteral("1000,5000,20000"));
    const QCommandLineOption workdirOption(
        QStringLiteral("workdir"),
        QStringLiteral("Where to generate the projects (kept). Default: a temporary folder."),
        QStringLiteral("dir"));
    const QCommandLineOption runsOption(QStringLiteral("runs"),
                                        QStringLiteral("Timed runs per tool (median)."),
                                        QStringLiteral("n"), QStringLiteral("3"));
    const QCommandLineOption alembicMaxOption(
        QStringLiteral("alembic-max"),
        QStringLiteral("Largest size at which `alembic history` is run."), QStringLiteral("n"),
        QStringLiteral("20000"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           QStringLiteral("Seconds before a run is killed."),
                                           QStringLiteral("s"), QStringLiteral("600"));
    parser.addOptions(
        {revscopeOption, sizesOption, workdirOption, runsOption, alembicMaxOption, timeoutOption});
    parser.process(app);

    QList<int> sizes;
    for (const QString &part : parser.value(sizesOption).split(QLatin1Char(','))) {
        bool ok = false;
        const int n = part.trimmed().toInt(&ok);
        if (!ok || n < 1 || n > 1000000) {
            err() << "revscope_bench: --sizes takes positive numbers, not \"" << part << "\"\n";
            return 2;
        }
        sizes.append(n);
    }
    bool ok = false;
    const int runs = parser.value(runsOption).toInt(&ok);
    if (!ok || runs < 1) {
        err() << "revscope_bench: --runs takes a positive number\n";
        return 2;
    }
    const int alembicMax = parser.value(alembicMaxOption).toInt(&ok);
    if (!ok) {
        err() << "revscope_bench: --alembic-max takes a number\n";
        return 2;
    }
    const int timeout = parser.value(timeoutOption).toInt(&ok);
    if (!ok || timeout < 1) {
        err() << "revscope_bench: --timeout takes a positive number of seconds\n";
        return 2;
    }

    QString revscope;
    if (parser.isSet(revscopeOption)) {
        const QFileInfo info(parser.value(revscopeOption));
        if (!info.isFile() || !info.isExecutable()) {
            err() << "revscope_bench: " << parser.value(revscopeOption)
                  << " is not an executable file\n";
            return 2;
        }
        revscope = info.absoluteFilePath();
    }

    std::optional<QTemporaryDir> tempDir;
    QString workdir;
    if (parser.isSet(workdirOption)) {
        workdir = QDir(parser.value(workdirOption)).absolutePath();
        if (!QDir().mkpath(workdir)) {
            err() << "revscope_bench: cannot create " << workdir << "\n";
            return 2;
        }
    } else {
        tempDir.emplace(QDir::tempPath() + QStringLiteral("/revscope-bench-XXXXXX"));
        if (!tempDir->isValid()) {
            err() << "revscope_bench: cannot create a temporary folder\n";
            return 2;
        }
        workdir = tempDir->path();
    }
    const QString stderrPath = workdir + QStringLiteral("/last-stderr.log");

    const QString cat = QStandardPaths::findExecutable(QStringLiteral("cat"));
    QString alembicSkip;
    {
        const ProcessSample probe =
            ProcessMeter::run(Python, {QStringLiteral("-c"), QStringLiteral("import alembic")},
                              workdir, {}, stderrPath, 60);
        if (!probe.started || probe.exitCode != 0) {
            alembicSkip = QStringLiteral("skipped: %1 cannot import alembic").arg(Python);
        }
    }

    out() << "revscope_bench: " << runs << " timed runs per tool after one warm-up; wall time is "
          << "the median, peak RSS the highest (wait4 ru_maxrss).\n";
    out() << "projects in " << workdir << "\n\n";
    out().flush();

    QList<SizeResult> results;
    for (const int n : std::as_const(sizes)) {
        SizeResult size;
        size.revisions = n;
        QElapsedTimer timer;
        timer.start();
        GeneratedProject project;
        QString error;
        ProjectGenerator generator;
        if (!generator.generate(workdir + QStringLiteral("/alembic-%1").arg(n), n, &project,
                                &error)) {
            err() << "revscope_bench: " << error << "\n";
            return 2;
        }
        out() << "generated " << project.revisions << " revisions (" << project.merges
              << " merges, " << project.branchLabels << " labelled branches, "
              << project.dependencies << " depends_on) in " << timer.elapsed() << " ms\n";
        out().flush();

        if (revscope.isEmpty()) {
            size.revscope.status = QStringLiteral("skipped: no --revscope given");
        } else {
            size.revscope = measure(revscope,
                                    {QStringLiteral("check"), project.root,
                                     QStringLiteral("--format"), QStringLiteral("json")},
                                    project.root, {}, {0, 1}, runs, timeout, stderrPath);
        }

        // The files revscope reads: every script plus the config and env.py.
        QStringList files = project.scripts;
        files << QStringLiteral("../../alembic.ini") << QStringLiteral("../env.py");
        if (cat.isEmpty()) {
            size.cat.status = QStringLiteral("skipped: no cat on PATH");
        } else if (ProcessMeter::argumentBytes(cat, files) > MaxArgumentBytes) {
            size.cat.status = QStringLiteral("skipped: too many files for one command line");
        } else {
            size.cat = measure(cat, files, project.versionsDir, {}, {0}, runs, timeout, stderrPath);
        }

        if (!alembicSkip.isEmpty()) {
            size.alembic.status = alembicSkip;
        } else if (n > alembicMax) {
            size.alembic.status =
                QStringLiteral("skipped: %1 > --alembic-max %2").arg(n).arg(alembicMax);
        } else {
            // No bytecode: it would change the tree revscope reads next time.
            size.alembic =
                measure(Python,
                        {QStringLiteral("-m"), QStringLiteral("alembic"), QStringLiteral("-c"),
                         project.config, QStringLiteral("history")},
                        project.root, {QStringLiteral("PYTHONDONTWRITEBYTECODE=1")}, {0}, runs,
                        timeout, stderrPath);
        }
        results.append(size);
    }

    out() << "\n";
    const auto row = [](const QStringList &cells) {
        static const int widths[] = {10, 11, 10, 10, 10, 11, 10, 13, 16};
        QString line;
        for (int i = 0; i < cells.size(); ++i) {
            line += cells.at(i).leftJustified(widths[i]) + QLatin1Char(' ');
        }
        out() << line.trimmed() << "\n";
    };
    row({QStringLiteral("revisions"), QStringLiteral("revscope"), QStringLiteral("rss"),
         QStringLiteral("cat"), QStringLiteral("rss"), QStringLiteral("alembic"),
         QStringLiteral("rss"), QStringLiteral("revscope/cat"),
         QStringLiteral("alembic/revscope")});
    for (const SizeResult &r : std::as_const(results)) {
        row({QString::number(r.revisions), seconds(r.revscope), megabytes(r.revscope),
             seconds(r.cat), megabytes(r.cat), seconds(r.alembic), megabytes(r.alembic),
             ratioText(ratio(r.revscope, r.cat)), ratioText(ratio(r.alembic, r.revscope))});
    }
    for (const SizeResult &r : std::as_const(results)) {
        for (const auto &[name, tool] :
             {std::pair{"revscope", &r.revscope}, std::pair{"cat", &r.cat},
              std::pair{"alembic", &r.alembic}}) {
            if (!tool->measured()) {
                out() << "  " << r.revisions << " " << name << ": " << tool->status << "\n";
            }
        }
    }

    out() << "\ntargets (" << TargetSize << " revisions: under " << MaxRatioToCat
          << "x cat, at least " << MinSpeedupOverAlembic
          << "x faster than alembic history; peak memory under " << MaxPeakRssKb / 1024
          << " MB at every size)\n";
    bool missed = false;
    const auto verdict = [&](bool pass) {
        missed = missed || !pass;
        return pass ? QStringLiteral("PASS") : QStringLiteral("FAIL");
    };
    bool evaluated = false;
    for (const SizeResult &r : std::as_const(results)) {
        if (r.revscope.measured()) {
            evaluated = true;
            out() << "  " << r.revisions << " revisions, peak memory " << megabytes(r.revscope)
                  << ": " << verdict(r.revscope.peakRssKb < MaxPeakRssKb) << "\n";
        }
        if (r.revisions != TargetSize) {
            continue;
        }
        if (const auto toCat = ratio(r.revscope, r.cat)) {
            out() << "  " << r.revisions << " revisions, revscope/cat " << ratioText(toCat) << ": "
                  << verdict(*toCat < MaxRatioToCat) << "\n";
        }
        if (const auto speedup = ratio(r.alembic, r.revscope)) {
            out() << "  " << r.revisions << " revisions, alembic/revscope " << ratioText(speedup)
                  << ": " << verdict(*speedup >= MinSpeedupOverAlembic) << "\n";
        }
    }
    if (!evaluated) {
        out() << "  not evaluated: revscope was not measured\n";
    } else if (std::none_of(results.cbegin(), results.cend(),
                            [](const SizeResult &r) { return r.revisions == TargetSize; })) {
        out() << "  speed targets not evaluated: " << TargetSize << " is not among --sizes\n";
    }
    out().flush();
    return missed ? 1 : 0;
}
