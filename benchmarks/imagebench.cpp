// revscope_imagebench: times the image-context simulation (context walk with
// .dockerignore, Dockerfile stages, COPY placement, RUN clean-up) on a
// generated build context of N files. A tool to run by hand, not a test.
//
//     revscope_imagebench [--files 100000] [--runs 3] [--workdir DIR]

#include "image/imagesimulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

using namespace Revscope;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    file.write(content);
    return true;
}

// A Python service: packages of modules with their __pycache__, a .git and a
// node_modules folder, tests and docs; `files` regular files in all.
bool generate(const QString &root, int files)
{
    const QByteArray module = "def f():\n    return 1\n";
    int written = 0;
    auto add = [&](const QString &path, const QByteArray &content) {
        if (written >= files) {
            return true;
        }
        ++written;
        return writeFile(root + u'/' + path, content);
    };
    QDir dir(root);
    dir.mkpath(QStringLiteral(".git/objects"));
    dir.mkpath(QStringLiteral("alembic/versions/__pycache__"));
    dir.mkpath(QStringLiteral("docs"));
    add(QStringLiteral("Dockerfile"),
        "FROM python:3.12 AS builder\n"
        "WORKDIR /build\n"
        "COPY requirements.txt .\n"
        "RUN pip install -r requirements.txt\n"
        "FROM python:3.12-slim\n"
        "ENV PYTHONDONTWRITEBYTECODE=1\n"
        "WORKDIR /app\n"
        "COPY --from=builder /build/requirements.txt ./\n"
        "COPY . .\n"
        "COPY alembic.ini alembic/ /migrations/\n"
        "RUN find /app -type d -name __pycache__ -exec rm -rf {} + && "
        "find /app -name '*.pyc' -delete\n"
        "CMD [\"alembic\", \"upgrade\", \"head\"]\n");
    add(QStringLiteral(".dockerignore"), "# VCS\n.git\n**/node_modules\n*.md\n!README.md\n"
                                         "**/__pycache__\n**/*.pyc\n!keep/**/*.pyc\n");
    add(QStringLiteral("requirements.txt"), "alembic\n");
    add(QStringLiteral("alembic.ini"), "[alembic]\nscript_location = alembic\n");
    add(QStringLiteral("README.md"), "readme\n");
    for (int i = 0; written < files; ++i) {
        const QString package = QStringLiteral("app/pkg%1").arg(i, 4, 10, QLatin1Char('0'));
        dir.mkpath(package + QStringLiteral("/__pycache__"));
        for (int m = 0; m < 20 && written < files; ++m) {
            add(QStringLiteral("%1/mod%2.py").arg(package).arg(m), module);
            add(QStringLiteral("%1/__pycache__/mod%2.cpython-312.pyc").arg(package).arg(m), "pyc");
        }
        if (i % 10 == 0) {
            const QString nm = QStringLiteral("web/node_modules/dep%1").arg(i);
            dir.mkpath(nm);
            for (int k = 0; k < 30; ++k) {
                add(QStringLiteral("%1/f%2.js").arg(nm).arg(k), "x");
            }
            add(QStringLiteral(".git/objects/o%1").arg(i), "x");
            add(QStringLiteral("alembic/versions/%1_rev.py").arg(i, 6, 10, QLatin1Char('0')),
                module);
            add(QStringLiteral("docs/page%1.md").arg(i), "x");
        }
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Times the Revscope image-context simulation on a generated context."));
    parser.addHelpOption();
    const QCommandLineOption filesOption(QStringLiteral("files"),
                                         QStringLiteral("Files in the context (100000)."),
                                         QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs (3)."),
                                        QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption workdirOption(QStringLiteral("workdir"),
                                           QStringLiteral("Where to generate (a temp dir)."),
                                           QStringLiteral("DIR"));
    parser.addOptions({filesOption, runsOption, workdirOption});
    parser.process(app);

    QTemporaryDir temp;
    const QString root = parser.isSet(workdirOption) ? parser.value(workdirOption) : temp.path();
    QDir().mkpath(root);
    const int files = parser.value(filesOption).toInt();
    const int runs = std::max(1, parser.value(runsOption).toInt());
    QTextStream out(stdout);
    generate(root, files);
    out << "context: " << root << ", " << files << " files\n";

    QList<qint64> times;
    ImageSimulation last;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        ImageBuildRequest request;
        request.dockerfile = root + QStringLiteral("/Dockerfile");
        request.context = root;
        last = ImageSimulator::simulate(request);
        times.append(timer.elapsed());
        out << "run " << run + 1 << ": " << times.last() << " ms\n";
        out.flush();
    }
    std::sort(times.begin(), times.end());
    int included = 0;
    int ignored = 0;
    int removed = 0;
    for (const ContextFileFate &fate : last.files) {
        included += fate.included ? 1 : 0;
        ignored += fate.kind == ContextFileFate::Kind::Ignored ? 1 : 0;
        removed += fate.kind == ContextFileFate::Kind::RemovedByRun ? 1 : 0;
    }
    out << "context files: " << last.buildContext->fileCount() << ", placements: " << included
        << ", ignored: " << ignored << ", removed by RUN: " << removed
        << ", image paths: " << last.image.size() << "\n";
    const qint64 median = times.at(times.size() / 2);
    out << "median: " << median << " ms (target: under 2000 ms)\n";
    return median < 2000 ? 0 : 1;
}
