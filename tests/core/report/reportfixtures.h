#pragma once

// Projects for the HTML and Markdown report tests: the demo, a project whose
// texts try to break out of their markup, long chains and several
// environments; each inspected and walked through as `revscope report` does.

#include "demo/demoproject.h"
#include "inspection/inspector.h"
#include "releasefixture.h"
#include "report/reportcontent.h"

#include <QSet>
#include <QString>
#include <QTemporaryDir>

namespace ReportFixtures {

struct Project
{
    Revscope::InspectionPtr inspection;
    Revscope::Walkthroughs walkthroughs;
};

inline Project inspect(const QString &root, const QString &databaseUrl = QString())
{
    Revscope::InspectOptions options;
    options.root = root;
    options.database.url = databaseUrl;
    Project project;
    project.inspection = Revscope::Inspector::inspect(options);
    project.walkthroughs = Revscope::ReportContent::walkthroughs(*project.inspection);
    return project;
}

// The demo copied into `dir`, with its SQLite database built; empty on failure.
inline QString demo(const QTemporaryDir &dir)
{
    const QString root = dir.path() + QStringLiteral("/demo");
    QString error;
    if (!Revscope::DemoProject::materialize(root, false, &error)) {
        qWarning("%s", qPrintable(error));
        return QString();
    }
    return root;
}

// Every piece of markup a docstring can hold, a control character included.
inline QByteArray hostileMessage()
{
    return "<script>alert(\"x\")</script> & ]]> | `rm -rf` *bold* __init__ \x01 <!-- end";
}

inline QByteArray hostileTable()
{
    return "</code><img src=\"http://evil.example/x.png\">";
}

// alembic.ini at the root, scripts 001 <- 002 <- 003 where 002's docstring
// and table name are hostileMessage() and hostileTable().
inline void writeHostileProject(const QString &root)
{
    using TestSupport::migrationScript;
    TestSupport::writeFile(root + QStringLiteral("/alembic.ini"),
                           "[alembic]\nscript_location = migrations\n");
    TestSupport::writeFile(root + QStringLiteral("/migrations/env.py"), "# env\n");
    const QString versions = TestSupport::versionsFolder(root);
    TestSupport::writeFile(versions + QStringLiteral("001_a.py"),
                           migrationScript("001", "", "create users"));
    TestSupport::writeFile(versions + QStringLiteral("002_b.py"),
                           migrationScript("002", "001", hostileMessage()) +
                               "\nfrom alembic import op\n\n\ndef upgrade():\n"
                               "    op.create_table('" +
                               hostileTable() + "')\n\n\ndef downgrade():\n    pass\n");
    TestSupport::writeFile(versions + QStringLiteral("003_c.py"),
                           migrationScript("003", "002", "third"));
}

// A chain of `length` revisions r000 <- r001 <- ... under `folder`.
inline QStringList writeChain(const QString &folder, int length)
{
    TestSupport::writeFile(folder + QStringLiteral("/alembic.ini"),
                           "[alembic]\nscript_location = migrations\n");
    TestSupport::writeFile(folder + QStringLiteral("/migrations/env.py"), "# env\n");
    QStringList ids;
    for (int i = 0; i < length; ++i) {
        const QByteArray id = "r" + QByteArray::number(i).rightJustified(3, '0');
        const QByteArray down = i == 0 ? QByteArray() : ids.constLast().toLatin1();
        TestSupport::writeFile(TestSupport::versionsFolder(folder) + QString::fromLatin1(id) +
                                   QStringLiteral("_step.py"),
                               TestSupport::migrationScript(id, down, "step " + id));
        ids.append(QString::fromLatin1(id));
    }
    return ids;
}

// The anchors of every step, in walkthrough order.
inline QStringList expectedStepAnchors(const Project &project)
{
    QStringList anchors;
    for (int e = 0; e < project.walkthroughs.size(); ++e) {
        for (const Revscope::WalkthroughStep &step : project.walkthroughs.at(e)) {
            anchors.append(Revscope::ReportContent::stepAnchor(e, step.revisionId));
        }
    }
    return anchors;
}

inline QSet<QString> findingCodes(const Revscope::Inspection &inspection)
{
    QSet<QString> codes;
    for (const Revscope::Finding &finding : inspection.findings) {
        codes.insert(finding.code);
    }
    return codes;
}

} // namespace ReportFixtures
