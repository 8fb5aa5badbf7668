<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CleanupExecutor</name>
    <message numerus="yes">
        <source>%n item(s) could not be restored; journal operation %1 stays open for another undo.</source>
        <translation>
            <numerusform>%n item could not be restored; journal operation %1 stays open for another undo.</numerusform>
            <numerusform>%n items could not be restored; journal operation %1 stays open for another undo.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DbStateCalculator</name>
    <message numerus="yes">
        <source>The database %1 is %n migration(s) behind head %2.</source>
        <translation>
            <numerusform>The database %1 is %n migration behind head %2.</numerusform>
            <numerusform>The database %1 is %n migrations behind head %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GraphAnalyzer</name>
    <message numerus="yes">
        <source>Revision id %1 is defined by %n files: %2. Alembic warns and uses only the last one loaded (%3); the others are ignored.</source>
        <translation>
            <numerusform>Revision id %1 is defined by %n files: %2. Alembic warns and uses only the last one loaded (%3); the others are ignored.</numerusform>
            <numerusform>Revision id %1 is defined by %n files: %2. Alembic warns and uses only the last one loaded (%3); the others are ignored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n labelled branches each end in their own head: %1. `alembic upgrade head` refuses; use `alembic upgrade heads` or `&lt;label&gt;@head`.</source>
        <translation>
            <numerusform>%n labelled branches each end in their own head: %1. `alembic upgrade head` refuses; use `alembic upgrade heads` or `&lt;label&gt;@head`.</numerusform>
            <numerusform>%n labelled branches each end in their own head: %1. `alembic upgrade head` refuses; use `alembic upgrade heads` or `&lt;label&gt;@head`.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>There are %n heads: %1. `alembic upgrade head` stops with &quot;Multiple head revisions are present&quot; until they are merged.</source>
        <translation>
            <numerusform>There are %n heads: %1. `alembic upgrade head` stops with &quot;Multiple head revisions are present&quot; until they are merged.</numerusform>
            <numerusform>There are %n heads: %1. `alembic upgrade head` stops with &quot;Multiple head revisions are present&quot; until they are merged.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>There are %n bases (revisions with down_revision = None): %1. Usually one of them was created with a missing down_revision.</source>
        <translation>
            <numerusform>There are %n bases (revisions with down_revision = None): %1. Usually one of them was created with a missing down_revision.</numerusform>
            <numerusform>There are %n bases (revisions with down_revision = None): %1. Usually one of them was created with a missing down_revision.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n independent branches each start at their own base: %1.</source>
        <translation>
            <numerusform>%n independent branches each start at their own base: %1.</numerusform>
            <numerusform>%n independent branches each start at their own base: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GraphPanel</name>
    <message numerus="yes">
        <source>%n finding(s), worst: %1</source>
        <translation>
            <numerusform>%n finding, worst: %1</numerusform>
            <numerusform>%n findings, worst: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImageAnalyzer</name>
    <message numerus="yes">
        <source>%n file(s) of bytecode reach the image of %1 (first: %2, by line %3).</source>
        <translation>
            <numerusform>%n file of bytecode reach the image of %1 (first: %2, by line %3).</numerusform>
            <numerusform>%n files of bytecode reach the image of %1 (first: %2, by line %3).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>They define %n revision(s) no source file defines: %1; with sourceless on, or as stale caches, Alembic can load them.</source>
        <translation>
            <numerusform>They define %n revision no source file defines: %1; with sourceless on, or as stale caches, Alembic can load them.</numerusform>
            <numerusform>They define %n revisions no source file defines: %1; with sourceless on, or as stale caches, Alembic can load them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImageSimulator</name>
    <message numerus="yes">
        <source>extracted %n member(s) of the %1 archive %2 into %3</source>
        <translation>
            <numerusform>extracted %n member of the %1 archive %2 into %3</numerusform>
            <numerusform>extracted %n members of the %1 archive %2 into %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>removed %n file(s): %1</source>
        <translation>
            <numerusform>removed %n file: %1</numerusform>
            <numerusform>removed %n files: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LayoutBuilder</name>
    <message numerus="yes">
        <source>%n revisions</source>
        <translation>
            <numerusform>%n revisions</numerusform>
            <numerusform>%n revisions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportContent</name>
    <message numerus="yes">
        <source>The graph has %n node(s), too many to draw here; `revscope graph --collapse --output graph.svg` draws it on its own.</source>
        <translation>
            <numerusform>The graph has %n node, too many to draw here; `revscope graph --collapse --output graph.svg` draws it on its own.</numerusform>
            <numerusform>The graph has %n nodes, too many to draw here; `revscope graph --collapse --output graph.svg` draws it on its own.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Errors (%n)</source>
        <translation>
            <numerusform>Errors (%n)</numerusform>
            <numerusform>Errors (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Warnings (%n)</source>
        <translation>
            <numerusform>Warnings (%n)</numerusform>
            <numerusform>Warnings (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Information (%n)</source>
        <translation>
            <numerusform>Information (%n)</numerusform>
            <numerusform>Information (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n info finding(s)</source>
        <translation>
            <numerusform>%n info finding</numerusform>
            <numerusform>%n info findings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Revscope::CleanupController</name>
    <message numerus="yes">
        <source>Cleaned up: %n action(s) done.</source>
        <translation>
            <numerusform>Cleaned up: %n action done.</numerusform>
            <numerusform>Cleaned up: %n actions done.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Revscope::CleanupDialog</name>
    <message numerus="yes">
        <source>%n file(s), %1</source>
        <translation>
            <numerusform>%n file, %1</numerusform>
            <numerusform>%n files, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1, and %2 other change(s)</source>
        <translation>
            <numerusform>%n file, %1, and %2 other change</numerusform>
            <numerusform>%n files, %1, and %2 other changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %n item(s).</source>
        <translation>
            <numerusform>Restored %n item.</numerusform>
            <numerusform>Restored %n items.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n action(s).</source>
        <translation>
            <numerusform>Done: %n action.</numerusform>
            <numerusform>Done: %n actions.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left alone: %n.</source>
        <translation>
            <numerusform>Left alone: %n.</numerusform>
            <numerusform>Left alone: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Failed: %n.</source>
        <translation>
            <numerusform>Failed: %n.</numerusform>
            <numerusform>Failed: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not tried: %n.</source>
        <translation>
            <numerusform>Not tried: %n.</numerusform>
            <numerusform>Not tried: %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Revscope::CompareDialog</name>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n finding</numerusform>
            <numerusform>%n findings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Revscope::ConnectDialog</name>
    <message numerus="yes">
        <source>Connected to %1. The version table %2 holds %n row(s): %3.</source>
        <translation>
            <numerusform>Connected to %1. The version table %2 holds %n row: %3.</numerusform>
            <numerusform>Connected to %1. The version table %2 holds %n rows: %3.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Revscope::FindingsPanel</name>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n finding</numerusform>
            <numerusform>%n findings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Revscope::GraphPanel</name>
    <message numerus="yes">
        <source>Laying out %n revision(s)…</source>
        <translation>
            <numerusform>Laying out %n revision…</numerusform>
            <numerusform>Laying out %n revisions…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Revscope::ImagePanel</name>
    <message numerus="yes">
        <source>%n image finding(s)</source>
        <translation>
            <numerusform>%n image finding</numerusform>
            <numerusform>%n image findings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Revscope::ImageTreeModel</name>
    <message numerus="yes">
        <source>Not in the image (%n context file(s))</source>
        <translation>
            <numerusform>Not in the image (%n context file)</numerusform>
            <numerusform>Not in the image (%n context files)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Revscope::MainWindow</name>
    <message numerus="yes">
        <source>%n revision(s)</source>
        <translation>
            <numerusform>%n revision</numerusform>
            <numerusform>%n revisions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n head(s)</source>
        <translation>
            <numerusform>%n head</numerusform>
            <numerusform>%n heads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Revscope::ScriptDirectory</name>
    <message numerus="yes">
        <source>%n file(s) in %1 were already loaded from another version location; Alembic loads each file once and warns &quot;loaded twice&quot;.</source>
        <translation>
            <numerusform>%n file in %1 was already loaded from another version location; Alembic loads each file once and warns &quot;loaded twice&quot;.</numerusform>
            <numerusform>%n files in %1 were already loaded from another version location; Alembic loads each file once and warns &quot;loaded twice&quot;.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Revscope::WalkthroughPanel</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StampPlanner</name>
    <message numerus="yes">
        <source>The %n revision(s) after it stay pending; `alembic upgrade head` applies them after the stamp.</source>
        <translation>
            <numerusform>The %n revision after it stay pending; `alembic upgrade head` applies them after the stamp.</numerusform>
            <numerusform>The %n revisions after it stay pending; `alembic upgrade head` applies them after the stamp.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stamping never migrates: to apply the %n pending migration(s), run `alembic upgrade heads`.</source>
        <translation>
            <numerusform>Stamping never migrates: to apply the %n pending migration, run `alembic upgrade heads`.</numerusform>
            <numerusform>Stamping never migrates: to apply the %n pending migrations, run `alembic upgrade heads`.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TextReport</name>
    <message numerus="yes">
        <source>No findings in %n environment(s).</source>
        <translation>
            <numerusform>No findings in %n environment.</numerusform>
            <numerusform>No findings in %n environments.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n info finding(s)</source>
        <translation>
            <numerusform>%n info finding</numerusform>
            <numerusform>%n info findings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n environment(s)</source>
        <translation>
            <numerusform>%n environment</numerusform>
            <numerusform>%n environments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s)</source>
        <translation>
            <numerusform>%n revision</numerusform>
            <numerusform>%n revisions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>bytecode: %n file(s)</source>
        <translation>
            <numerusform>bytecode: %n file</numerusform>
            <numerusform>bytecode: %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) Alembic cannot locate</source>
        <translation>
            <numerusform>%n row Alembic cannot locate</numerusform>
            <numerusform>%n rows Alembic cannot locate</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending migration(s)</source>
        <translation>
            <numerusform>%n pending migration</numerusform>
            <numerusform>%n pending migrations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Walkthrough</name>
    <message numerus="yes">
        <source>No script defines %1, yet %n revision(s) refer to it (%2). Alembic stops with &quot;Can&apos;t locate revision identified by &apos;%1&apos;&quot; until the script is restored or the references are changed.</source>
        <translation>
            <numerusform>No script defines %1, yet %n revision refer to it (%2). Alembic stops with &quot;Can&apos;t locate revision identified by &apos;%1&apos;&quot; until the script is restored or the references are changed.</numerusform>
            <numerusform>No script defines %1, yet %n revisions refer to it (%2). Alembic stops with &quot;Can&apos;t locate revision identified by &apos;%1&apos;&quot; until the script is restored or the references are changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 is a base: its down_revision is None, so a line of history starts here. This environment has %n bases; each starts its own line, and `alembic upgrade heads` applies all of them.</source>
        <translation>
            <numerusform>%1 is a base: its down_revision is None, so a line of history starts here. This environment has %n bases; each starts its own line, and `alembic upgrade heads` applies all of them.</numerusform>
            <numerusform>%1 is a base: its down_revision is None, so a line of history starts here. This environment has %n bases; each starts its own line, and `alembic upgrade heads` applies all of them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 is a branch point: %n revisions build on it (%2), and each starts a branch. A branch is a line of revisions that grows from a shared parent on its own, usually because two people wrote migrations from the same head at the same time, or on purpose for a separate part of the schema. Until a merge joins them, each line ends in its own head.</source>
        <translation>
            <numerusform>%1 is a branch point: %n revisions build on it (%2), and each starts a branch. A branch is a line of revisions that grows from a shared parent on its own, usually because two people wrote migrations from the same head at the same time, or on purpose for a separate part of the schema. Until a merge joins them, each line ends in its own head.</numerusform>
            <numerusform>%1 is a branch point: %n revisions build on it (%2), and each starts a branch. A branch is a line of revisions that grows from a shared parent on its own, usually because two people wrote migrations from the same head at the same time, or on purpose for a separate part of the schema. Until a merge joins them, each line ends in its own head.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 is one of %n heads (%2). With more than one head, `alembic upgrade head` fails with &quot;Multiple head revisions are present&quot;: upgrade with `alembic upgrade heads` or a branch (label@head), or join the lines with `alembic merge heads`.</source>
        <translation>
            <numerusform>%1 is one of %n heads (%2). With more than one head, `alembic upgrade head` fails with &quot;Multiple head revisions are present&quot;: upgrade with `alembic upgrade heads` or a branch (label@head), or join the lines with `alembic merge heads`.</numerusform>
            <numerusform>%1 is one of %n heads (%2). With more than one head, `alembic upgrade head` fails with &quot;Multiple head revisions are present&quot;: upgrade with `alembic upgrade heads` or a branch (label@head), or join the lines with `alembic merge heads`.</numerusform>
        </translation>
    </message>
</context>
</TS>
