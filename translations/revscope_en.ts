<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
    <message numerus="yes">
        <source>Cleaned up: %n action(s) done.</source>
        <translation>
            <numerusform>Cleaned up: %n action done.</numerusform>
            <numerusform>Cleaned up: %n actions done.</numerusform>
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
</TS>
