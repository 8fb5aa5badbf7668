<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BuildContext</name>
    <message>
        <source>Cannot list %1 of the build context: %2</source>
        <translation>%1 des Build-Kontexts kann nicht aufgelistet werden: %2</translation>
    </message>
</context>
<context>
    <name>BytecodeAnalyzer</name>
    <message>
        <source>A Docker COPY of its folder carries it into an image unless .dockerignore excludes it.</source>
        <translation>Ein Docker-COPY des Ordners bringt die Datei in ein Image, sofern .dockerignore sie nicht ausschließt.</translation>
    </message>
    <message>
        <source>Add __pycache__/ and *.pyc to .dockerignore so images never receive bytecode.</source>
        <translation>Fügen Sie __pycache__/ und *.pyc zu .dockerignore hinzu, damit nie Bytecode in Images gelangt.</translation>
    </message>
    <message>
        <source>This environment has sourceless = true, so Alembic loads this file as a migration script, just as if its source were there.</source>
        <translation>Diese Umgebung hat sourceless = true, daher lädt Alembic diese Datei als Migrationsskript, als wäre ihre Quelldatei vorhanden.</translation>
    </message>
    <message>
        <source>This environment has sourceless = false, so Alembic ignores it; with sourceless = true Alembic would load it as a migration script.</source>
        <translation>Diese Umgebung hat sourceless = false, daher ignoriert Alembic die Datei; mit sourceless = true würde Alembic sie als Migrationsskript laden.</translation>
    </message>
    <message>
        <source>%1 was compiled from %2, which no longer exists.</source>
        <translation>%1 wurde aus der nicht mehr vorhandenen Datei %2 kompiliert.</translation>
    </message>
    <message>
        <source>%1 was compiled from %2, which no longer exists; it defines revision %3.</source>
        <translation>%1 wurde aus der nicht mehr vorhandenen Datei %2 kompiliert und definiert Revision %3.</translation>
    </message>
    <message>
        <source>Alembic never loads a file named like this as a migration, whether sourceless is true or false.</source>
        <translation>Alembic lädt eine so benannte Datei nie als Migration, egal ob sourceless true oder false ist.</translation>
    </message>
    <message>
        <source>It is outside every version location, so Alembic never loads it as a migration, whether sourceless is true or false; but Python imports a legacy .pyc found where its source used to be.</source>
        <translation>Die Datei liegt außerhalb aller Versionsordner, daher lädt Alembic sie nie als Migration, egal ob sourceless true oder false ist; Python importiert aber eine Legacy-.pyc, die dort liegt, wo früher ihre Quelldatei war.</translation>
    </message>
    <message>
        <source>It is outside every version location, so Alembic never loads it as a migration, whether sourceless is true or false, and Python ignores a __pycache__ file whose source is gone.</source>
        <translation>Die Datei liegt außerhalb aller Versionsordner, daher lädt Alembic sie nie als Migration, egal ob sourceless true oder false ist, und Python ignoriert eine __pycache__-Datei, deren Quelldatei fehlt.</translation>
    </message>
    <message>
        <source>Delete %1 (it is not source, nothing is lost). %2</source>
        <translation>Löschen Sie %1 (es ist kein Quellcode, es geht nichts verloren). %2</translation>
    </message>
    <message>
        <source>%1 was compiled from an earlier version of %2: %3.</source>
        <translation>%1 wurde aus einer früheren Version von %2 kompiliert: %3.</translation>
    </message>
    <message>
        <source>It is an unchecked-hash .pyc, so Python never compares it with the source: importing the source runs this old bytecode instead, whatever sourceless says.</source>
        <translation>Es ist eine .pyc mit ungeprüftem Hash (unchecked-hash), daher vergleicht Python sie nie mit der Quelldatei: Beim Import der Quelldatei läuft stattdessen dieser alte Bytecode, unabhängig von sourceless.</translation>
    </message>
    <message>
        <source>Python notices and recompiles it when it imports the source, and Alembic prefers the source while it exists, with sourceless true or false; but with sourceless = true, deleting the source would make this older bytecode the migration.</source>
        <translation>Python bemerkt das beim Import der Quelldatei und kompiliert neu, und Alembic bevorzugt die Quelldatei, solange sie existiert, egal ob sourceless true oder false ist; mit sourceless = true würde aber dieser ältere Bytecode zur Migration, sobald die Quelldatei gelöscht wird.</translation>
    </message>
    <message>
        <source>Delete %1; Python writes fresh bytecode when it needs it. %2</source>
        <translation>Löschen Sie %1; Python schreibt bei Bedarf neuen Bytecode. %2</translation>
    </message>
    <message>
        <source>%1 cannot be read as bytecode: %2.</source>
        <translation>%1 kann nicht als Bytecode gelesen werden: %2.</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <source>This environment has sourceless = true and the source is gone, so Alembic tries to load this file as a migration and stops with an error.</source>
        <translation>Diese Umgebung hat sourceless = true und die Quelldatei fehlt, daher versucht Alembic, diese Datei als Migration zu laden, und bricht mit einem Fehler ab.</translation>
    </message>
    <message>
        <source>This environment has sourceless = false, so Alembic ignores it; with sourceless = true Alembic would try to load it and stop with an error.</source>
        <translation>Diese Umgebung hat sourceless = false, daher ignoriert Alembic die Datei; mit sourceless = true würde Alembic versuchen, sie zu laden, und mit einem Fehler abbrechen.</translation>
    </message>
    <message>
        <source>Alembic loads the source beside it instead, with sourceless true or false, and Python recompiles it.</source>
        <translation>Alembic lädt stattdessen die daneben liegende Quelldatei, egal ob sourceless true oder false ist, und Python kompiliert sie neu.</translation>
    </message>
    <message>
        <source>It is outside every version location, so Alembic never loads it, whether sourceless is true or false.</source>
        <translation>Die Datei liegt außerhalb aller Versionsordner, daher lädt Alembic sie nie, egal ob sourceless true oder false ist.</translation>
    </message>
    <message>
        <source>Delete %1. %2</source>
        <translation>Löschen Sie %1. %2</translation>
    </message>
    <message>
        <source>Revision %1 is defined only by bytecode: %2 (compiled from %3), whose source is gone.</source>
        <translation>Revision %1 wird nur durch Bytecode definiert: %2 (kompiliert aus %3); die Quelldatei fehlt.</translation>
    </message>
    <message>
        <source>This environment has sourceless = true, so Alembic loads it like any other revision: it counts in heads, `alembic upgrade` runs it, and no source file shows it.</source>
        <translation>Diese Umgebung hat sourceless = true, daher lädt Alembic sie wie jede andere Revision: Sie zählt bei den Heads mit, `alembic upgrade` führt sie aus, und keine Quelldatei zeigt sie.</translation>
    </message>
    <message>
        <source>This environment has sourceless = false, so Alembic ignores it: a script whose down_revision names %1, or a database stamped at it, makes Alembic stop with &quot;Can&apos;t locate revision identified by &apos;%1&apos;&quot;. With sourceless = true Alembic would load it as a revision again.</source>
        <translation>Diese Umgebung hat sourceless = false, daher ignoriert Alembic sie: Ein Skript, dessen down_revision %1 nennt, oder eine auf sie gestempelte Datenbank lässt Alembic mit „Can&apos;t locate revision identified by &apos;%1&apos;“ abbrechen. Mit sourceless = true würde Alembic sie wieder als Revision laden.</translation>
    </message>
    <message>
        <source>A database is stamped at %1, so this bytecode is all that tells Alembic where that database stands.</source>
        <translation>Eine Datenbank ist auf %1 gestempelt; nur dieser Bytecode sagt Alembic noch, wo diese Datenbank steht.</translation>
    </message>
    <message>
        <source>A Docker COPY of the versions folder carries it into an image, where the revision comes back even after it was squashed away.</source>
        <translation>Ein Docker-COPY des versions-Ordners bringt den Bytecode in ein Image, wo die Revision wiederkehrt, selbst nachdem sie per Squash entfernt wurde.</translation>
    </message>
    <message>
        <source>If %1 was squashed or removed on purpose, delete the bytecode and stamp databases at the revision that replaced it; if it is still needed, restore its source from version control. %2</source>
        <translation>Wenn %1 absichtlich per Squash ersetzt oder entfernt wurde, löschen Sie den Bytecode und stempeln Sie Datenbanken auf die Revision, die sie ersetzt hat; wird sie noch gebraucht, stellen Sie ihre Quelldatei aus der Versionsverwaltung wieder her. %2</translation>
    </message>
</context>
<context>
    <name>CheckCommand</name>
    <message>
        <source>Inspect an Alembic project and list what is wrong.</source>
        <translation>Untersucht ein Alembic-Projekt und listet auf, was nicht stimmt.</translation>
    </message>
    <message>
        <source>Project folder (default: the current folder).</source>
        <translation>Projektordner (Standard: der aktuelle Ordner).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Inspect only this Alembic config file.</source>
        <translation>Nur diese Alembic-Konfigurationsdatei untersuchen.</translation>
    </message>
    <message>
        <source>Output format: text, json or sarif.</source>
        <translation>Ausgabeformat: text, json oder sarif.</translation>
    </message>
    <message>
        <source>Exit with 1 when a finding is at or above this severity: error, warning, info or never.</source>
        <translation>Mit Exit-Code 1 beenden, wenn ein Befund diesen Schweregrad erreicht oder übersteigt: error, warning, info oder never.</translation>
    </message>
    <message>
        <source>Colour the text output: auto, always or never.</source>
        <translation>Textausgabe einfärben: auto, always oder never.</translation>
    </message>
    <message>
        <source>revscope check: unknown format &apos;%1&apos; (use text, json or sarif).</source>
        <translation>revscope check: unbekanntes Format „%1“ (verwenden Sie text, json oder sarif).</translation>
    </message>
    <message>
        <source>revscope check: unknown --fail-on value &apos;%1&apos; (use error, warning, info or never).</source>
        <translation>revscope check: unbekannter Wert „%1“ für --fail-on (verwenden Sie error, warning, info oder never).</translation>
    </message>
    <message>
        <source>revscope check: unknown --color value &apos;%1&apos; (use auto, always or never).</source>
        <translation>revscope check: unbekannter Wert „%1“ für --color (verwenden Sie auto, always oder never).</translation>
    </message>
    <message>
        <source>revscope check: could not write the report.</source>
        <translation>revscope check: Der Bericht konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>CleanCommand</name>
    <message>
        <source>Project: %1</source>
        <translation>Projekt: %1</translation>
    </message>
    <message>
        <source>Undoing journal operation %1:</source>
        <translation>Journal-Vorgang %1 wird rückgängig gemacht:</translation>
    </message>
    <message>
        <source>Applied (journal operation %1):</source>
        <translation>Angewendet (Journal-Vorgang %1):</translation>
    </message>
    <message>
        <source>Dry run: nothing was changed. The plan:</source>
        <translation>Probelauf: Es wurde nichts geändert. Der Plan:</translation>
    </message>
    <message>
        <source>nothing to do</source>
        <translation>nichts zu tun</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Byte</translation>
    </message>
    <message>
        <source>Skipped:</source>
        <translation>Übersprungen:</translation>
    </message>
    <message>
        <source>Moves stray bytecode to the trash, journaled and undoable. Without --apply it only prints the plan.</source>
        <translation>Verschiebt verwaisten Bytecode in den Papierkorb, mit Journal und rückgängig machbar. Ohne --apply wird nur der Plan ausgegeben.</translation>
    </message>
    <message>
        <source>The project folder (default: the current folder).</source>
        <translation>Der Projektordner (Standard: der aktuelle Ordner).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Carry out the plan.</source>
        <translation>Den Plan ausführen.</translation>
    </message>
    <message>
        <source>Restore what a cleanup moved: journal operation ID, given after the option, or the latest cleanup of PATH.</source>
        <translation>Wiederherstellen, was ein Aufräumvorgang verschoben hat: den Journal-Vorgang mit der nach der Option angegebenen ID oder den letzten Aufräumvorgang von PATH.</translation>
    </message>
    <message>
        <source>text (default) or json.</source>
        <translation>text (Standard) oder json.</translation>
    </message>
    <message>
        <source>Clean the whole project except virtualenvs, not only the version locations.</source>
        <translation>Das ganze Projekt außer virtuellen Umgebungen aufräumen, nicht nur die Versionsordner.</translation>
    </message>
    <message>
        <source>Also remove bytecode whose source changed since.</source>
        <translation>Auch Bytecode entfernen, dessen Quelldatei sich seitdem geändert hat.</translation>
    </message>
    <message>
        <source>Do not add bytecode rules to .dockerignore files.</source>
        <translation>Keine Bytecode-Regeln zu .dockerignore-Dateien hinzufügen.</translation>
    </message>
    <message>
        <source>Move files to the quarantine in the application&apos;s data folder, not the trash.</source>
        <translation>Dateien in die Quarantäne im Datenordner der Anwendung verschieben statt in den Papierkorb.</translation>
    </message>
    <message>
        <source>expected at most one PATH, got %1.</source>
        <translation>höchstens ein PATH erwartet, erhalten: %1.</translation>
    </message>
    <message>
        <source>not tried: the run stopped before it</source>
        <translation>nicht versucht: Der Lauf wurde vorher abgebrochen</translation>
    </message>
    <message>
        <source>the journal %1 holds no cleanup of %2 that can be undone.</source>
        <translation>Das Journal %1 enthält keinen Aufräumvorgang von %2, der rückgängig gemacht werden kann.</translation>
    </message>
    <message>
        <source>Dry run: nothing was changed. Add --apply to carry it out.</source>
        <translation>Probelauf: Es wurde nichts geändert. Fügen Sie --apply hinzu, um den Plan auszuführen.</translation>
    </message>
    <message>
        <source>To undo, run: revscope clean %1 --undo %2</source>
        <translation>Zum Rückgängigmachen ausführen: revscope clean %1 --undo %2</translation>
    </message>
</context>
<context>
    <name>CleanupExecutor</name>
    <message>
        <source>%1 already exists</source>
        <translation>%1 existiert bereits</translation>
    </message>
    <message>
        <source>cannot create the folder of %1</source>
        <translation>der Ordner für %1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>the copy of %1 differs from the original</source>
        <translation>die Kopie von %1 weicht vom Original ab</translation>
    </message>
    <message>
        <source>%1 cannot be removed</source>
        <translation>%1 kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>No journal: nothing was changed.</source>
        <translation>Kein Journal: Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Clean up %1 item(s), %2 byte(s)</source>
        <translation>%1 Element(e) aufräumen, %2 Byte</translation>
    </message>
    <message>
        <source>Stopped at %1: %2</source>
        <translation>Angehalten bei %1: %2</translation>
    </message>
    <message>
        <source>Nothing changed: every action was skipped.</source>
        <translation>Nichts geändert: Alle Aktionen wurden übersprungen.</translation>
    </message>
    <message>
        <source>it is a symbolic link; links are never followed</source>
        <translation>symbolischer Link; Links werden nie verfolgt</translation>
    </message>
    <message>
        <source>it is outside the project root after resolving symbolic links</source>
        <translation>liegt nach Auflösen symbolischer Links außerhalb des Stammordners des Projekts</translation>
    </message>
    <message>
        <source>a Python source is never removed</source>
        <translation>eine Python-Quelldatei wird nie entfernt</translation>
    </message>
    <message>
        <source>it is no longer a regular file</source>
        <translation>keine reguläre Datei mehr</translation>
    </message>
    <message>
        <source>it changed since the plan was made</source>
        <translation>hat sich seit der Planung geändert</translation>
    </message>
    <message>
        <source>the action was interrupted</source>
        <translation>die Aktion wurde unterbrochen</translation>
    </message>
    <message>
        <source>cannot move it to the trash or the quarantine: %1</source>
        <translation>kann weder in den Papierkorb noch in die Quarantäne verschoben werden: %1</translation>
    </message>
    <message>
        <source>it is no longer a folder</source>
        <translation>kein Ordner mehr</translation>
    </message>
    <message>
        <source>it is not empty</source>
        <translation>nicht leer</translation>
    </message>
    <message>
        <source>the folder cannot be removed</source>
        <translation>der Ordner kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>it cannot be read</source>
        <translation>kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>cannot keep a copy of the original in %1: %2</source>
        <translation>in %1 kann keine Kopie des Originals aufbewahrt werden: %2</translation>
    </message>
    <message>
        <source>cannot write it: %1</source>
        <translation>kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>No journal: nothing can be undone.</source>
        <translation>Kein Journal: Es kann nichts rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Journal operation %1 is not a cleanup.</source>
        <translation>Journal-Vorgang %1 ist kein Aufräumvorgang.</translation>
    </message>
    <message>
        <source>Journal operation %1 is already undone.</source>
        <translation>Journal-Vorgang %1 wurde bereits rückgängig gemacht.</translation>
    </message>
    <message>
        <source>something else appeared at %1 since the cleanup</source>
        <translation>unter %1 ist seit dem Aufräumen etwas anderes entstanden</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>%1 changed since the cleanup; it is left as it is</source>
        <translation>%1 hat sich seit dem Aufräumen geändert und bleibt unverändert</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>%1 kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>the original of %1 is missing from %2</source>
        <translation>das Original von %1 fehlt in %2</translation>
    </message>
    <message>
        <source>the kept original %1 changed</source>
        <translation>das aufbewahrte Original %1 hat sich geändert</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>a file appeared at %1 since the cleanup; it is left as it is, and the original stays at %2</source>
        <translation>unter %1 ist seit dem Aufräumen eine Datei entstanden; sie bleibt unverändert, und das Original verbleibt in %2</translation>
    </message>
    <message>
        <source>%1 cannot be found in the trash or the quarantine</source>
        <translation>%1 ist weder im Papierkorb noch in der Quarantäne zu finden</translation>
    </message>
    <message>
        <source>the copy of %1 at %2 changed</source>
        <translation>die Kopie von %1 in %2 hat sich geändert</translation>
    </message>
    <message>
        <source>cannot restore %1: %2</source>
        <translation>%1 kann nicht wiederhergestellt werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) could not be restored; journal operation %1 stays open for another undo.</source>
        <translation>
            <numerusform>%n Element konnte nicht wiederhergestellt werden; Journal-Vorgang %1 bleibt für ein erneutes Rückgängigmachen offen.</numerusform>
            <numerusform>%n Elemente konnten nicht wiederhergestellt werden; Journal-Vorgang %1 bleibt für ein erneutes Rückgängigmachen offen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CleanupPlanner</name>
    <message>
        <source>outside the project root</source>
        <translation>außerhalb des Stammordners des Projekts</translation>
    </message>
    <message>
        <source>cannot be resolved</source>
        <translation>kann nicht aufgelöst werden</translation>
    </message>
    <message>
        <source>resolves outside the project root</source>
        <translation>wird zu einem Pfad außerhalb des Stammordners des Projekts aufgelöst</translation>
    </message>
    <message>
        <source>reached through a symbolic link (links are never followed)</source>
        <translation>über einen symbolischen Link erreicht (Links werden nie verfolgt)</translation>
    </message>
    <message>
        <source>a symbolic link used as __pycache__; links are never followed, so neither it nor its target is touched</source>
        <translation>ein als __pycache__ verwendeter symbolischer Link; Links werden nie verfolgt, daher werden weder der Link noch sein Ziel angetastet</translation>
    </message>
    <message>
        <source>a symbolic link; links are never followed, so neither it nor its target is touched</source>
        <translation>ein symbolischer Link; Links werden nie verfolgt, daher werden weder der Link noch sein Ziel angetastet</translation>
    </message>
    <message>
        <source>cannot be listed: %1</source>
        <translation>kann nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>a symbolic link in __pycache__; links are never followed, so neither it nor its target is touched</source>
        <translation>ein symbolischer Link in __pycache__; Links werden nie verfolgt, daher werden weder der Link noch sein Ziel angetastet</translation>
    </message>
    <message>
        <source>a Python source is never removed</source>
        <translation>eine Python-Quelldatei wird nie entfernt</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>keine reguläre Datei</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>a symbolic link; links are never followed, so it is not edited</source>
        <translation>ein symbolischer Link; Links werden nie verfolgt, daher wird er nicht bearbeitet</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>revscope %1: this command is not available in this version yet.</source>
        <translation>revscope %1: Dieser Befehl ist in dieser Version noch nicht verfügbar.</translation>
    </message>
    <message>
        <source>revscope: unknown command &apos;%1&apos;.</source>
        <translation>revscope: unbekannter Befehl „%1“.</translation>
    </message>
    <message>
        <source>Usage: revscope [PATH]                 open the GUI
       revscope &lt;command&gt; [options]    run a command

Commands:
  check    inspect a project and list what is wrong
  graph    draw the revision graph
  image    simulate what the Docker image will contain
  clean    remove stray bytecode safely (dry run by default)
  db       read or stamp the database&apos;s version table
  diff     compare the revision graph of two versions
  lock     write the lock file of released revisions
  report   write a walkthrough and findings report
  help     explain a finding code: &apos;revscope help CODE&apos;

Run &apos;revscope &lt;command&gt; --help&apos; for a command&apos;s options.
Every command also takes --lang CODE (en, fr, de) to choose the
language of its messages; the default follows the system&apos;s locale.
</source>
        <translation>Aufruf: revscope [PATH]                grafische Oberfläche öffnen
        revscope &lt;command&gt; [options]   einen Befehl ausführen

Befehle:
  check    ein Projekt untersuchen und Probleme auflisten
  graph    den Revisionsgraphen zeichnen
  image    simulieren, was das Docker-Image enthalten wird
  clean    verwaisten Bytecode sicher entfernen (standardmäßig ein Probelauf)
  db       die Versionstabelle der Datenbank lesen oder stempeln
  diff     die Revisionsgraphen zweier Versionen vergleichen
  lock     die Lock-Datei der veröffentlichten Revisionen schreiben
  report   einen Bericht mit Rundgang und Befunden schreiben
  help     einen Befundcode erklären: „revscope help CODE“

„revscope &lt;command&gt; --help“ zeigt die Optionen eines Befehls.
Jeder Befehl akzeptiert außerdem --lang CODE (en, fr, de), um die
Sprache seiner Meldungen zu wählen; Standard ist die Sprache des Systems.
</translation>
    </message>
</context>
<context>
    <name>CommandOptions</name>
    <message>
        <source>revscope %1: expected at most one PATH, got %2.</source>
        <translation>revscope %1: höchstens ein PATH erwartet, aber %2 angegeben.</translation>
    </message>
    <message>
        <source>revscope %1: %2 does not exist.</source>
        <translation>revscope %1: %2 existiert nicht.</translation>
    </message>
    <message>
        <source>revscope %1: %2 is not a folder.</source>
        <translation>revscope %1: %2 ist kein Ordner.</translation>
    </message>
    <message>
        <source>revscope %1: %2 cannot be read.</source>
        <translation>revscope %1: %2 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>revscope %1: unknown format &apos;%2&apos; (use text or json).</source>
        <translation>revscope %1: unbekanntes Format „%2“ (verwenden Sie text oder json).</translation>
    </message>
    <message>
        <source>revscope %1: cannot read config file %2.</source>
        <translation>revscope %1: Die Konfigurationsdatei %2 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Database URL (SQLAlchemy form), or &apos;ini&apos; for each config&apos;s sqlalchemy.url. The password is never printed.</source>
        <translation>Datenbank-URL (in SQLAlchemy-Form) oder „ini“ für die sqlalchemy.url jeder Konfiguration. Das Passwort wird nie ausgegeben.</translation>
    </message>
    <message>
        <source>Read the database URL from environment variable NAME (for example DATABASE_URL), instead of --db. The password is never printed.</source>
        <translation>Die Datenbank-URL statt aus --db aus der Umgebungsvariablen NAME lesen (zum Beispiel DATABASE_URL). Das Passwort wird nie ausgegeben.</translation>
    </message>
    <message>
        <source>Name of Alembic&apos;s version table (default: alembic_version).</source>
        <translation>Name der Versionstabelle von Alembic (Standard: alembic_version).</translation>
    </message>
    <message>
        <source>Schema of the version table (default: the connection&apos;s default schema).</source>
        <translation>Schema der Versionstabelle (Standard: das Standardschema der Verbindung).</translation>
    </message>
    <message>
        <source>revscope %1: --version-table and --version-table-schema need --db or --db-env.</source>
        <translation>revscope %1: --version-table und --version-table-schema erfordern --db oder --db-env.</translation>
    </message>
    <message>
        <source>revscope %1: give either --db or --db-env, not both.</source>
        <translation>revscope %1: Geben Sie entweder --db oder --db-env an, nicht beides.</translation>
    </message>
    <message>
        <source>revscope %1: --db-env needs the name of an environment variable.</source>
        <translation>revscope %1: --db-env erfordert den Namen einer Umgebungsvariablen.</translation>
    </message>
    <message>
        <source>revscope %1: environment variable %2 (named by --db-env) is not set.</source>
        <translation>revscope %1: Die Umgebungsvariable %2 (angegeben mit --db-env) ist nicht gesetzt.</translation>
    </message>
    <message>
        <source>revscope %1: environment variable %2 (named by --db-env) is empty; it should hold a database URL.</source>
        <translation>revscope %1: Die Umgebungsvariable %2 (angegeben mit --db-env) ist leer; sie sollte eine Datenbank-URL enthalten.</translation>
    </message>
    <message>
        <source>revscope %1: --db needs a database URL or &apos;ini&apos;.</source>
        <translation>revscope %1: --db erfordert eine Datenbank-URL oder „ini“.</translation>
    </message>
    <message>
        <source>revscope %1: --version-table needs a table name.</source>
        <translation>revscope %1: --version-table erfordert einen Tabellennamen.</translation>
    </message>
    <message>
        <source>the database %1 could not be read</source>
        <translation>die Datenbank %1 konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>database %1: %2</source>
        <translation>Datenbank %1: %2</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>%1 is not inside a git repository, so &apos;%2&apos; cannot be read as a git ref; to compare two folders, pass both to --from and --to.</source>
        <translation>%1 liegt in keinem git-Repository, daher kann „%2“ nicht als git-Ref gelesen werden; um zwei Ordner zu vergleichen, übergeben Sie beide an --from und --to.</translation>
    </message>
    <message>
        <source>Reading %1 from git</source>
        <translation>%1 wird aus git gelesen</translation>
    </message>
    <message>
        <source>A temporary folder for %1 cannot be made: %2.</source>
        <translation>Für %1 kann kein temporärer Ordner angelegt werden: %2.</translation>
    </message>
    <message>
        <source>The comparison was cancelled.</source>
        <translation>Der Vergleich wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Inspecting %1</source>
        <translation>%1 wird untersucht</translation>
    </message>
    <message>
        <source>Reading the commits in between</source>
        <translation>Die Commits dazwischen werden gelesen</translation>
    </message>
    <message>
        <source>Comparing the revision graphs</source>
        <translation>Die Revisionsgraphen werden verglichen</translation>
    </message>
    <message>
        <source>Reading the database&apos;s version table</source>
        <translation>Die Versionstabelle der Datenbank wird gelesen</translation>
    </message>
    <message>
        <source>The database %1 is stamped at %2, which the squash removed, and no revision replaces it: Alembic stops with &quot;Can&apos;t locate revision identified by &apos;%2&apos;&quot;.</source>
        <translation>Die Datenbank %1 ist auf %2 gestempelt, die der Squash entfernt hat, und keine Revision ersetzt sie: Alembic bricht mit „Can&apos;t locate revision identified by &apos;%2&apos;“ ab.</translation>
    </message>
    <message>
        <source>Confirm which revision replaces %1 (the squash mapping; on the command line, --squash NEW=%1), or stamp the revision whose schema the database has: %2</source>
        <translation>Bestätigen Sie, welche Revision %1 ersetzt (die Squash-Zuordnung; auf der Kommandozeile --squash NEW=%1), oder stempeln Sie die Revision, deren Schema die Datenbank hat: %2</translation>
    </message>
    <message>
        <source>The database %1 is stamped at %2, which the squash removed; %3 replaces it, but also holds %4, which came after %2 and this database has not applied.</source>
        <translation>Die Datenbank %1 ist auf %2 gestempelt, die der Squash entfernt hat; %3 ersetzt sie, enthält aber auch %4, die nach %2 kam und die diese Datenbank noch nicht angewendet hat.</translation>
    </message>
    <message>
        <source>Upgrade it to %1 with the migrations of %2 first, then run: %3</source>
        <translation>Bringen Sie sie zuerst mit den Migrationen von %2 auf %1 und führen Sie dann aus: %3</translation>
    </message>
    <message>
        <source>The database %1 is stamped at %2, which the squash removed: Alembic stops with &quot;Can&apos;t locate revision identified by &apos;%2&apos;&quot;; %3 replaces it.</source>
        <translation>Die Datenbank %1 ist auf %2 gestempelt, die der Squash entfernt hat: Alembic bricht mit „Can&apos;t locate revision identified by &apos;%2&apos;“ ab; %3 ersetzt sie.</translation>
    </message>
    <message>
        <source>The database %1 could not be read.</source>
        <translation>Die Datenbank %1 konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>no Alembic environment found</source>
        <translation>keine Alembic-Umgebung gefunden</translation>
    </message>
    <message>
        <source>%1 cannot replace %2: %3.</source>
        <translation>%1 kann %2 nicht ersetzen: %3.</translation>
    </message>
</context>
<context>
    <name>ComposeFile</name>
    <message>
        <source>Invalid interpolation format in “%1”.</source>
        <translation>Ungültiges Interpolationsformat in „%1“.</translation>
    </message>
    <message>
        <source>Required variable %1 is missing a value: %2</source>
        <translation>Der erforderlichen Variablen %1 fehlt ein Wert: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Malformed YAML: %1</source>
        <translation>Fehlerhaftes YAML: %1</translation>
    </message>
    <message>
        <source>A Compose file must be a mapping at the top.</source>
        <translation>Eine Compose-Datei muss auf oberster Ebene ein Mapping sein.</translation>
    </message>
    <message>
        <source>“services” must be a mapping.</source>
        <translation>„services“ muss ein Mapping sein.</translation>
    </message>
</context>
<context>
    <name>DatabaseConnection</name>
    <message>
        <source>Revscope cannot read database URL %1</source>
        <translation>Revscope kann die Datenbank-URL %1 nicht lesen</translation>
    </message>
    <message>
        <source>The SQLite database file %1 (from %2) does not exist</source>
        <translation>Die SQLite-Datenbankdatei %1 (aus %2) existiert nicht</translation>
    </message>
    <message>
        <source>The SQLite database file %1 (from %2) is not a readable file</source>
        <translation>Die SQLite-Datenbankdatei %1 (aus %2) ist keine lesbare Datei</translation>
    </message>
    <message>
        <source>The SQLite database file %1 (from %2) is not writable</source>
        <translation>Die SQLite-Datenbankdatei %1 (aus %2) ist nicht beschreibbar</translation>
    </message>
    <message>
        <source>Could not open the SQLite database %1: %2</source>
        <translation>Die SQLite-Datenbank %1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Could not read the SQLite database %1: %2</source>
        <translation>Die SQLite-Datenbank %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>In database URL %1, the value of %2 contains &apos;;&apos;, which the Qt PostgreSQL driver cannot pass on</source>
        <translation>In der Datenbank-URL %1 enthält der Wert von %2 ein „;“, das der Qt-PostgreSQL-Treiber nicht weitergeben kann</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>Verbindung zu %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Connected to %1, but could not make the session read-only: %2</source>
        <translation>Mit %1 verbunden, aber die Sitzung konnte nicht schreibgeschützt gemacht werden: %2</translation>
    </message>
    <message>
        <source>Connected to %1, but could not set its timeouts: %2</source>
        <translation>Mit %1 verbunden, aber die Zeitlimits konnten nicht gesetzt werden: %2</translation>
    </message>
</context>
<context>
    <name>DatabaseUrl</name>
    <message>
        <source>&apos;%1&apos; is not a database URL (expected dialect+driver://user:password@host/database)</source>
        <translation>„%1“ ist keine Datenbank-URL (erwartet: dialect+driver://user:password@host/database)</translation>
    </message>
    <message>
        <source>The port &apos;%1&apos; in database URL %2 is not a number</source>
        <translation>Der Port „%1“ in der Datenbank-URL %2 ist keine Zahl</translation>
    </message>
    <message>
        <source>The environment variable %1 is not set, or empty, so it holds no database URL</source>
        <translation>Die Umgebungsvariable %1 ist nicht gesetzt oder leer und enthält daher keine Datenbank-URL</translation>
    </message>
    <message>
        <source>Database URL %1 names the driver &apos;%2&apos;, which SQLAlchemy does not know for %3 (known: %4)</source>
        <translation>Die Datenbank-URL %1 nennt den Treiber „%2“, den SQLAlchemy für %3 nicht kennt (bekannt: %4)</translation>
    </message>
    <message>
        <source>Database URL %1 uses the name &apos;postgres&apos;, which SQLAlchemy 1.4 and later no longer accept; write postgresql:// instead</source>
        <translation>Die Datenbank-URL %1 verwendet den Namen „postgres“, den SQLAlchemy ab Version 1.4 nicht mehr akzeptiert; schreiben Sie stattdessen postgresql://</translation>
    </message>
    <message>
        <source>Database URL %1 is for &apos;%2&apos;, which Revscope cannot read (it reads sqlite, postgresql, mysql and mariadb)</source>
        <translation>Die Datenbank-URL %1 ist für „%2“, das Revscope nicht lesen kann (es liest sqlite, postgresql, mysql und mariadb)</translation>
    </message>
    <message>
        <source>Invalid SQLite URL %1: valid forms are sqlite:///relative/path.db, sqlite:////absolute/path.db and sqlite:// (in memory)</source>
        <translation>Ungültige SQLite-URL %1: Gültige Formen sind sqlite:///relative/path.db, sqlite:////absolute/path.db und sqlite:// (im Arbeitsspeicher)</translation>
    </message>
    <message>
        <source>In database URL %1, uri=%2 is not true or false</source>
        <translation>In der Datenbank-URL %1 ist uri=%2 weder true noch false</translation>
    </message>
    <message>
        <source>The Qt SQL driver %1 needed for %2 is not installed; install the package %3 (apt install %3)</source>
        <translation>Der für %2 benötigte Qt-SQL-Treiber %1 ist nicht installiert; installieren Sie das Paket %3 (apt install %3)</translation>
    </message>
</context>
<context>
    <name>DbCommand</name>
    <message>
        <source>Usage: revscope db status [PATH] --db URL [--format text|json] [--config INI]
       revscope db stamp  [PATH] --db URL REV... [--yes]
       revscope db stamp  [PATH] --db URL --undo [ID] [--yes]

  status   read the version table and place each row on the revision graph
  stamp    rewrite the version table without migrating (a dry run without --yes)

URL is an SQLAlchemy URL, or &apos;ini&apos; for each config&apos;s sqlalchemy.url; --db-env NAME
reads it from environment variable NAME instead.
Run &apos;revscope db status --help&apos; or &apos;revscope db stamp --help&apos; for every option.
</source>
        <translation>Aufruf: revscope db status [PATH] --db URL [--format text|json] [--config INI]
        revscope db stamp  [PATH] --db URL REV... [--yes]
        revscope db stamp  [PATH] --db URL --undo [ID] [--yes]

  status   die Versionstabelle lesen und jede Zeile im Revisionsgraphen einordnen
  stamp    die Versionstabelle ohne Migration neu schreiben (ohne --yes ein Probelauf)

URL ist eine SQLAlchemy-URL oder „ini“ für die sqlalchemy.url jeder Konfiguration;
--db-env NAME liest sie stattdessen aus der Umgebungsvariablen NAME.
Alle Optionen zeigen „revscope db status --help“ und „revscope db stamp --help“.
</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exakt</translation>
    </message>
    <message>
        <source>partial: %1</source>
        <translation>partiell: %1</translation>
    </message>
    <message>
        <source>ambiguous: a prefix of %1</source>
        <translation>mehrdeutig: Präfix von %1</translation>
    </message>
    <message>
        <source>unknown to Alembic</source>
        <translation>Alembic unbekannt</translation>
    </message>
    <message>
        <source>only bytecode defines %1</source>
        <translation>nur Bytecode definiert %1</translation>
    </message>
    <message>
        <source>%1 is referenced but defined nowhere</source>
        <translation>%1 wird referenziert, aber nirgends definiert</translation>
    </message>
    <message>
        <source>%1 mentions it (a squash that replaced it?)</source>
        <translation>%1 erwähnt sie (ein Squash, der sie ersetzt hat?)</translation>
    </message>
    <message>
        <source>No Alembic environment found under %1.</source>
        <translation>Unter %1 wurde keine Alembic-Umgebung gefunden.</translation>
    </message>
    <message>
        <source>version table: %1</source>
        <translation>Versionstabelle: %1</translation>
    </message>
    <message>
        <source>rows: %1</source>
        <translation>Zeilen: %1</translation>
    </message>
    <message>
        <source>current: %1</source>
        <translation>aktuell: %1</translation>
    </message>
    <message>
        <source>pending to %1: %2</source>
        <translation>ausstehend bis %1: %2</translation>
    </message>
    <message>
        <source>fix:</source>
        <translation>Abhilfe:</translation>
    </message>
    <message>
        <source>(no row)</source>
        <translation>(keine Zeile)</translation>
    </message>
    <message>
        <source>Environment:  </source>
        <translation>Umgebung:       </translation>
    </message>
    <message>
        <source>Database:     </source>
        <translation>Datenbank:      </translation>
    </message>
    <message>
        <source>Version table:</source>
        <translation>Versionstabelle:</translation>
    </message>
    <message>
        <source>Undoing:      </source>
        <translation>Rückgängig:     </translation>
    </message>
    <message>
        <source>journal operation %1</source>
        <translation>Journal-Vorgang %1</translation>
    </message>
    <message>
        <source>Rows now:     </source>
        <translation>Zeilen jetzt:   </translation>
    </message>
    <message>
        <source>Rows after:   </source>
        <translation>Zeilen danach:  </translation>
    </message>
    <message>
        <source>SQL: none, the table already holds these rows.</source>
        <translation>SQL: keines, die Tabelle enthält diese Zeilen bereits.</translation>
    </message>
    <message>
        <source>SQL, in one transaction that first re-reads the rows and stops if they changed:</source>
        <translation>SQL, in einer Transaktion, die die Zeilen zuerst erneut liest und abbricht, falls sie sich geändert haben:</translation>
    </message>
    <message>
        <source>Suggestion:   </source>
        <translation>Vorschlag:      </translation>
    </message>
    <message>
        <source>revscope db: unknown subcommand &apos;%1&apos; (use status or stamp).</source>
        <translation>revscope db: unbekannter Unterbefehl „%1“ (verwenden Sie status oder stamp).</translation>
    </message>
    <message>
        <source>Read Alembic&apos;s version table and place each row on the revision graph.</source>
        <translation>Liest die Versionstabelle von Alembic und ordnet jede Zeile im Revisionsgraphen ein.</translation>
    </message>
    <message>
        <source>Project folder (default: the current folder).</source>
        <translation>Projektordner (Standard: der aktuelle Ordner).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Only this Alembic config file.</source>
        <translation>Nur diese Alembic-Konfigurationsdatei.</translation>
    </message>
    <message>
        <source>Output format: text or json.</source>
        <translation>Ausgabeformat: text oder json.</translation>
    </message>
    <message>
        <source>revscope db status: --db URL is required (an SQLAlchemy URL, or &apos;ini&apos;), or --db-env NAME.</source>
        <translation>revscope db status: --db URL (eine SQLAlchemy-URL oder „ini“) oder --db-env NAME ist erforderlich.</translation>
    </message>
    <message>
        <source>revscope db status: could not write the report.</source>
        <translation>revscope db status: Der Bericht konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Rewrite Alembic&apos;s version table so it holds exactly REV... (one row per revision), without migrating, like `alembic stamp --purge`. Without --yes it only prints the plan: the rows now and after, the SQL, and Revscope&apos;s suggestion. With --yes it runs the SQL in one transaction that first re-reads the rows and stops if they changed, and records the old and new rows in the journal so --undo can restore them.</source>
        <translation>Schreibt die Versionstabelle von Alembic so um, dass sie genau REV... enthält (eine Zeile pro Revision), ohne zu migrieren, wie `alembic stamp --purge`. Ohne --yes wird nur der Plan ausgegeben: die Zeilen jetzt und danach, das SQL und der Vorschlag von Revscope. Mit --yes wird das SQL in einer Transaktion ausgeführt, die die Zeilen zuerst erneut liest und abbricht, falls sie sich geändert haben; die alten und neuen Zeilen werden im Journal festgehalten, damit --undo sie wiederherstellen kann.</translation>
    </message>
    <message>
        <source>Project folder (default: the current folder; taken as PATH only when it is an existing folder).</source>
        <translation>Projektordner (Standard: der aktuelle Ordner; wird nur dann als PATH genommen, wenn es ein vorhandener Ordner ist).</translation>
    </message>
    <message>
        <source>Revisions to stamp: full or partial ids, branch labels, heads, head, base. Without any, the suggestion is shown. With --undo: the journal operation ID (default: the latest stamp of this database).</source>
        <translation>Zu stempelnde Revisionen: vollständige oder partielle IDs, Zweig-Labels, heads, head, base. Ohne Angabe wird der Vorschlag angezeigt. Mit --undo: die ID des Journal-Vorgangs (Standard: der letzte Stempelvorgang dieser Datenbank).</translation>
    </message>
    <message>
        <source>Write to the database (default: a dry run).</source>
        <translation>In die Datenbank schreiben (Standard: ein Probelauf).</translation>
    </message>
    <message>
        <source>Undo a journaled stamp of this database: the one whose ID is given, else the latest.</source>
        <translation>Einen im Journal festgehaltenen Stempelvorgang dieser Datenbank rückgängig machen: den mit der angegebenen ID, sonst den letzten.</translation>
    </message>
    <message>
        <source>--db URL is required (an SQLAlchemy URL, or &apos;ini&apos;), or --db-env NAME.</source>
        <translation>--db URL (eine SQLAlchemy-URL oder „ini“) oder --db-env NAME ist erforderlich.</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>--undo takes at most one journal operation ID, got %1.</source>
        <translation>--undo akzeptiert höchstens eine ID eines Journal-Vorgangs, erhalten: %1.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a journal operation ID (a number).</source>
        <translation>„%1“ ist keine ID eines Journal-Vorgangs (eine Zahl).</translation>
    </message>
    <message>
        <source>no Alembic environment found under %1.</source>
        <translation>Unter %1 wurde keine Alembic-Umgebung gefunden.</translation>
    </message>
    <message>
        <source>%1 holds several Alembic environments (%2); choose one with --config.</source>
        <translation>%1 enthält mehrere Alembic-Umgebungen (%2); wählen Sie eine mit --config aus.</translation>
    </message>
    <message>
        <source>%1 sets no sqlalchemy.url to connect to.</source>
        <translation>%1 legt keine sqlalchemy.url für die Verbindung fest.</translation>
    </message>
    <message>
        <source>the journal %1 holds no stamp of %2 that can be undone.</source>
        <translation>Das Journal %1 enthält keinen Stempelvorgang von %2, der rückgängig gemacht werden kann.</translation>
    </message>
    <message>
        <source>Dry run: nothing was written. To undo, run:</source>
        <translation>Probelauf: Es wurde nichts geschrieben. Zum Rückgängigmachen ausführen:</translation>
    </message>
    <message>
        <source>name the revisions to stamp; --yes never stamps a suggestion unnamed (suggested: %1).</source>
        <translation>Nennen Sie die zu stempelnden Revisionen; --yes stempelt nie einen Vorschlag, der nicht ausdrücklich genannt ist (vorgeschlagen: %1).</translation>
    </message>
    <message>
        <source>No revision given: this is Revscope&apos;s suggestion, and nothing was written. To stamp it, name the revisions and add --yes.</source>
        <translation>Keine Revision angegeben: Dies ist der Vorschlag von Revscope, und es wurde nichts geschrieben. Um ihn zu stempeln, nennen Sie die Revisionen und fügen Sie --yes hinzu.</translation>
    </message>
    <message>
        <source>Dry run: nothing was written. Add --yes to stamp.</source>
        <translation>Probelauf: Es wurde nichts geschrieben. Fügen Sie --yes hinzu, um zu stempeln.</translation>
    </message>
    <message>
        <source>To undo, run:</source>
        <translation>Zum Rückgängigmachen ausführen:</translation>
    </message>
</context>
<context>
    <name>DbState</name>
    <message>
        <source>current</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>angewendet</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
</context>
<context>
    <name>DbStateCalculator</name>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>`alembic stamp --purge %1` (or `revscope db stamp --db %2 %1 --yes`)</source>
        <translation>`alembic stamp --purge %1` (oder `revscope db stamp --db %2 %1 --yes`)</translation>
    </message>
    <message>
        <source>The version table %1 of %2 holds &apos;%3&apos;, which is the start of several revision ids (%4), so Alembic stops with &quot;%5&quot;.</source>
        <translation>Die Versionstabelle %1 in %2 enthält „%3“, den Anfang mehrerer Revisions-IDs (%4), daher bricht Alembic mit „%5“ ab.</translation>
    </message>
    <message>
        <source>Stamp the full id of the revision the database is really at, e.g. %1.</source>
        <translation>Stempeln Sie die vollständige ID der Revision, auf der die Datenbank tatsächlich steht, z. B. %1.</translation>
    </message>
    <message>
        <source>The version table %1 of %2 holds %3, which no migration script Alembic loads defines, so Alembic stops with &quot;%4&quot;.</source>
        <translation>Die Versionstabelle %1 in %2 enthält %3, eine Revision, die kein von Alembic geladenes Migrationsskript definiert, daher bricht Alembic mit „%4“ ab.</translation>
    </message>
    <message>
        <source>Only the stray bytecode file %1 defines %2: its .py source is gone (deleted, or replaced by a squash), and Alembic does not load bytecode-only revisions.</source>
        <translation>Nur die verwaiste Bytecode-Datei %1 definiert %2: Ihre .py-Quelldatei fehlt (gelöscht oder durch einen Squash ersetzt), und Alembic lädt keine Revisionen, die nur als Bytecode existieren.</translation>
    </message>
    <message>
        <source>Other scripts refer to %1 (as down_revision or depends_on), but none defines it.</source>
        <translation>Andere Skripte verweisen auf %1 (als down_revision oder depends_on), aber keines definiert sie.</translation>
    </message>
    <message>
        <source>The script %1 defines %2, but Alembic does not load it.</source>
        <translation>Das Skript %1 definiert %2, aber Alembic lädt es nicht.</translation>
    </message>
    <message>
        <source>Nothing in this checkout defines it: the database was migrated from another branch or a newer checkout, or its script was deleted.</source>
        <translation>Nichts in diesem Checkout definiert sie: Die Datenbank wurde von einem anderen Zweig oder einem neueren Checkout aus migriert, oder ihr Skript wurde gelöscht.</translation>
    </message>
    <message>
        <source>Revision %1 mentions %2 in its script, so it most likely replaced it (a squash).</source>
        <translation>Revision %1 erwähnt %2 in ihrem Skript und hat sie daher höchstwahrscheinlich ersetzt (ein Squash).</translation>
    </message>
    <message>
        <source>If the schema matches %1, rewrite the version table without migrating: %2. Revscope suggests %1 only because its script mentions %3; compare the schema before stamping.</source>
        <translation>Wenn das Schema %1 entspricht, schreiben Sie die Versionstabelle ohne Migration neu: %2. Revscope schlägt %1 nur vor, weil ihr Skript %3 erwähnt; vergleichen Sie das Schema vor dem Stempeln.</translation>
    </message>
    <message>
        <source>Find the revision of this checkout whose schema the database has, then stamp it without migrating: %1. The lost revision came right after %2.</source>
        <translation>Suchen Sie die Revision dieses Checkouts, deren Schema die Datenbank hat, und stempeln Sie sie dann ohne Migration: %1. Die verlorene Revision kam direkt nach %2.</translation>
    </message>
    <message>
        <source>&lt;revision&gt;</source>
        <translation>&lt;revision&gt;</translation>
    </message>
    <message>
        <source>Check out the branch or version that has the script for %1 and run `alembic downgrade` there; or, if the schema matches a revision of this checkout, stamp it without migrating: %2.</source>
        <translation>Checken Sie den Zweig oder die Version mit dem Skript für %1 aus und führen Sie dort `alembic downgrade` aus; oder, falls das Schema einer Revision dieses Checkouts entspricht, stempeln Sie diese ohne Migration: %2.</translation>
    </message>
    <message>
        <source>Then delete the stray bytecode (`revscope clean`) so it cannot mislead again.</source>
        <translation>Löschen Sie danach den verwaisten Bytecode (`revscope clean`), damit er nicht erneut in die Irre führt.</translation>
    </message>
    <message>
        <source>Revscope connected to %1 but could not read its version table: %2</source>
        <translation>Revscope hat sich mit %1 verbunden, konnte aber die Versionstabelle nicht lesen: %2</translation>
    </message>
    <message>
        <source>Revscope could not reach the database %1: %2</source>
        <translation>Revscope konnte die Datenbank %1 nicht erreichen: %2</translation>
    </message>
    <message>
        <source>Check that the user may SELECT from the version table, and that the version table name and schema match env.py.</source>
        <translation>Prüfen Sie, ob der Benutzer SELECT auf die Versionstabelle ausführen darf und ob Name und Schema der Versionstabelle mit env.py übereinstimmen.</translation>
    </message>
    <message>
        <source>Check that the server runs and accepts connections from this machine, and the host, port, user name, password and database name in the URL.</source>
        <translation>Prüfen Sie, ob der Server läuft und Verbindungen von diesem Rechner annimmt, sowie Host, Port, Benutzername, Passwort und Datenbankname in der URL.</translation>
    </message>
    <message>
        <source>The database %1 has no version table %2: Alembic has never migrated or stamped it (or env.py names another version table).</source>
        <translation>Die Datenbank %1 hat keine Versionstabelle %2: Alembic hat sie nie migriert oder gestempelt (oder env.py nennt eine andere Versionstabelle).</translation>
    </message>
    <message>
        <source>The version table %2 of %1 exists but holds no row: Alembic treats the database as never migrated, and `alembic upgrade` would run every migration from the first.</source>
        <translation>Die Versionstabelle %2 in %1 existiert, enthält aber keine Zeile: Alembic behandelt die Datenbank als nie migriert, und `alembic upgrade` würde alle Migrationen ab der ersten ausführen.</translation>
    </message>
    <message>
        <source>If the database is new, run `alembic upgrade %1`. If its schema already matches the newest migration, record that without migrating: `alembic stamp %1`. If env.py passes version_table= or version_table_schema=, give Revscope the same names.</source>
        <translation>Wenn die Datenbank neu ist, führen Sie `alembic upgrade %1` aus. Wenn ihr Schema bereits der neuesten Migration entspricht, halten Sie das ohne Migration fest: `alembic stamp %1`. Wenn env.py version_table= oder version_table_schema= übergibt, geben Sie Revscope dieselben Namen an.</translation>
    </message>
    <message>
        <source>The version table %1 of %2 holds %3 and also its ancestor %4, so Alembic stops with &quot;Requested revision %3 overlaps with other requested revisions %4&quot;.</source>
        <translation>Die Versionstabelle %1 in %2 enthält %3 und zugleich %4, einen Vorfahren davon, daher bricht Alembic mit „Requested revision %3 overlaps with other requested revisions %4“ ab.</translation>
    </message>
    <message>
        <source>Keep one row per branch, the newest: %1.</source>
        <translation>Behalten Sie pro Zweig eine Zeile, die neueste: %1.</translation>
    </message>
    <message>
        <source>Run `alembic upgrade head`.</source>
        <translation>Führen Sie `alembic upgrade head` aus.</translation>
    </message>
    <message>
        <source>Run `alembic upgrade %1` (or `alembic upgrade heads` for every head).</source>
        <translation>Führen Sie `alembic upgrade %1` aus (oder `alembic upgrade heads` für alle Heads).</translation>
    </message>
    <message numerus="yes">
        <source>The database %1 is %n migration(s) behind head %2.</source>
        <translation>
            <numerusform>Die Datenbank %1 liegt %n Migration hinter Head %2 zurück.</numerusform>
            <numerusform>Die Datenbank %1 liegt %n Migrationen hinter Head %2 zurück.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoProject</name>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>%1 kann nicht erstellt werden: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The embedded demo database script is missing.</source>
        <translation>Das eingebettete Skript für die Demo-Datenbank fehlt.</translation>
    </message>
    <message>
        <source>Cannot remove %1.</source>
        <translation>%1 kann nicht entfernt werden.</translation>
    </message>
    <message>
        <source>The Qt SQLite driver (QSQLITE) is not available.</source>
        <translation>Der Qt-SQLite-Treiber (QSQLITE) ist nicht verfügbar.</translation>
    </message>
    <message>
        <source>Cannot create the demo database %1: %2</source>
        <translation>Die Demo-Datenbank %1 kann nicht erstellt werden: %2</translation>
    </message>
    <message>
        <source>Cannot build the demo database %1: %2</source>
        <translation>Die Demo-Datenbank %1 kann nicht aufgebaut werden: %2</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>No folder was given for the demo project.</source>
        <translation>Für das Demoprojekt wurde kein Ordner angegeben.</translation>
    </message>
    <message>
        <source>%1 is a symbolic link; the demo needs a real folder.</source>
        <translation>%1 ist ein symbolischer Link; die Demo benötigt einen echten Ordner.</translation>
    </message>
    <message>
        <source>%1 exists and is not a folder.</source>
        <translation>%1 existiert und ist kein Ordner.</translation>
    </message>
    <message>
        <source>%1 is not empty and is not a Revscope demo folder; it was left untouched.</source>
        <translation>%1 ist nicht leer und kein Revscope-Demoordner; der Ordner wurde nicht angetastet.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>Cannot delete %1 while resetting the demo.</source>
        <translation>%1 kann beim Zurücksetzen der Demo nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>The demo project is missing from this build of Revscope.</source>
        <translation>Das Demoprojekt fehlt in diesem Build von Revscope.</translation>
    </message>
    <message>
        <source>%1 leads outside the demo folder; nothing was written there.</source>
        <translation>%1 führt aus dem Demoordner heraus; dort wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Cannot read the embedded file %1.</source>
        <translation>Die eingebettete Datei %1 kann nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>DetailsHtml</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <source>stray</source>
        <translation>verwaist</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>corrupt</source>
        <translation>beschädigt</translation>
    </message>
    <message>
        <source>Open in Editor</source>
        <translation>Im Editor öffnen</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Im Ordner anzeigen</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>(fehlt)</translation>
    </message>
    <message>
        <source>Python script</source>
        <translation>Python-Skript</translation>
    </message>
    <message>
        <source>Alembic reads this revision from its script.</source>
        <translation>Alembic liest diese Revision aus ihrem Skript.</translation>
    </message>
    <message>
        <source>Bytecode only</source>
        <translation>Nur Bytecode</translation>
    </message>
    <message>
        <source>No script defines this revision, only a compiled .pyc file. This environment sets sourceless = true, so Alembic loads it from the bytecode: a deleted migration comes back.</source>
        <translation>Kein Skript definiert diese Revision, nur eine kompilierte .pyc-Datei. Diese Umgebung setzt sourceless = true, daher lädt Alembic sie aus dem Bytecode: Eine gelöschte Migration kehrt zurück.</translation>
    </message>
    <message>
        <source>No script defines this revision, only a leftover .pyc file. Alembic ignores it (sourceless is off), but a database may still be stamped with it.</source>
        <translation>Kein Skript definiert diese Revision, nur eine übrig gebliebene .pyc-Datei. Alembic ignoriert sie (sourceless ist aus), aber eine Datenbank kann noch auf sie gestempelt sein.</translation>
    </message>
    <message>
        <source>Missing (ghost)</source>
        <translation>Fehlend (Phantom)</translation>
    </message>
    <message>
        <source>No database was read. Open the project with a database to see where it stands.</source>
        <translation>Es wurde keine Datenbank gelesen. Öffnen Sie das Projekt mit einer Datenbank, um zu sehen, wo sie steht.</translation>
    </message>
    <message>
        <source>The database could not be read: %1</source>
        <translation>Die Datenbank konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <source>The version table names this revision: the database stands here.</source>
        <translation>Die Versionstabelle nennt diese Revision: Die Datenbank steht hier.</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Angewendet</translation>
    </message>
    <message>
        <source>An ancestor of the current revision: its migration has run on this database.</source>
        <translation>Ein Vorfahre der aktuellen Revision: Ihre Migration wurde auf dieser Datenbank ausgeführt.</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>Nicht erreicht</translation>
    </message>
    <message>
        <source>Alembic cannot run a revision that no file defines.</source>
        <translation>Alembic kann keine Revision ausführen, die von keiner Datei definiert wird.</translation>
    </message>
    <message>
        <source>Alembic does not load this revision, and the database never reached it.</source>
        <translation>Alembic lädt diese Revision nicht, und die Datenbank hat sie nie erreicht.</translation>
    </message>
    <message>
        <source>Compiled from the current script.</source>
        <translation>Aus dem aktuellen Skript kompiliert.</translation>
    </message>
    <message>
        <source>No source file beside it. With sourceless = true Alembic loads it as a revision; delete it unless that is intended.</source>
        <translation>Keine Quelldatei daneben. Mit sourceless = true lädt Alembic die Datei als Revision; löschen Sie sie, sofern das nicht beabsichtigt ist.</translation>
    </message>
    <message>
        <source>Its script changed after it was compiled.</source>
        <translation>Das Skript wurde nach dem Kompilieren geändert.</translation>
    </message>
    <message>
        <source>Its script changed after it was compiled: %1</source>
        <translation>Das Skript wurde nach dem Kompilieren geändert: %1</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>unknown Python</source>
        <translation>unbekannte Python-Version</translation>
    </message>
    <message>
        <source>Python %1</source>
        <translation>Python %1</translation>
    </message>
    <message>
        <source>compiled as %1</source>
        <translation>kompiliert als %1</translation>
    </message>
    <message>
        <source>No such environment.</source>
        <translation>Diese Umgebung gibt es nicht.</translation>
    </message>
    <message>
        <source>Revision %1 is not part of %2.</source>
        <translation>Revision %1 gehört nicht zu %2.</translation>
    </message>
    <message>
        <source>Revision in %1</source>
        <translation>Revision in %1</translation>
    </message>
    <message>
        <source>(no message)</source>
        <translation>(keine Nachricht)</translation>
    </message>
    <message>
        <source>Not loaded by Alembic</source>
        <translation>Nicht von Alembic geladen</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>Branch point</source>
        <translation>Verzweigungspunkt</translation>
    </message>
    <message>
        <source>Merge point</source>
        <translation>Merge-Punkt</translation>
    </message>
    <message>
        <source>Duplicate id</source>
        <translation>Doppelte ID</translation>
    </message>
    <message>
        <source>Database is here</source>
        <translation>Datenbank steht hier</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Branch labels</source>
        <translation>Zweig-Labels</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>none: a base revision</source>
        <translation>keine: eine Basis-Revision</translation>
    </message>
    <message>
        <source>none: a head</source>
        <translation>keine: ein Head</translation>
    </message>
    <message>
        <source>Parents</source>
        <translation>Eltern</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>Kinder</translation>
    </message>
    <message>
        <source>Depends on</source>
        <translation>Hängt ab von</translation>
    </message>
    <message>
        <source>Dependents</source>
        <translation>Abhängige</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Bytecode</source>
        <translation>Bytecode</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>None for this revision.</source>
        <translation>Keine für diese Revision.</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>How to fix</source>
        <translation>Abhilfe</translation>
    </message>
    <message>
        <source>No script or bytecode defines this revision, yet %1 refers to it. Alembic stops with “Can&apos;t locate revision identified by”.</source>
        <translation>Kein Skript und kein Bytecode definiert diese Revision, dennoch verweist %1 auf sie. Alembic bricht mit „Can&apos;t locate revision identified by“ ab.</translation>
    </message>
    <message>
        <source>Not applied yet: “alembic upgrade” would run it.</source>
        <translation>Noch nicht angewendet: „alembic upgrade“ würde sie ausführen.</translation>
    </message>
</context>
<context>
    <name>DiffCommand</name>
    <message>
        <source>Comparing %1 with %2</source>
        <translation>Vergleich von %1 mit %2</translation>
    </message>
    <message>
        <source>  removed: %1</source>
        <translation>  entfernt:    %1</translation>
    </message>
    <message>
        <source>  added:   %1</source>
        <translation>  hinzugefügt: %1</translation>
    </message>
    <message>
        <source>  rewired: %1: %2 -&gt; %3</source>
        <translation>  umgehängt:   %1: %2 -&gt; %3</translation>
    </message>
    <message>
        <source>  edited:  %1</source>
        <translation>  bearbeitet:  %1</translation>
    </message>
    <message>
        <source>  squash:  %1 replaces %2 (inferred: %3)</source>
        <translation>  Squash:      %1 ersetzt %2 (abgeleitet: %3)</translation>
    </message>
    <message>
        <source>fix: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
    <message>
        <source>Project folder (default: the current folder).</source>
        <translation>Projektordner (Standard: der aktuelle Ordner).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>The older version: a git ref or a folder.</source>
        <translation>Die ältere Version: ein git-Ref oder ein Ordner.</translation>
    </message>
    <message>
        <source>The newer version: a git ref or a folder.</source>
        <translation>Die neuere Version: ein git-Ref oder ein Ordner.</translation>
    </message>
    <message>
        <source>Output format: text (default) or json.</source>
        <translation>Ausgabeformat: text (Standard) oder json.</translation>
    </message>
    <message>
        <source>revscope diff: --from and --to are both required.</source>
        <translation>revscope diff: --from und --to sind beide erforderlich.</translation>
    </message>
    <message>
        <source>  squash:  %1 replaces %2 (confirmed)</source>
        <translation>  Squash:      %1 ersetzt %2 (bestätigt)</translation>
    </message>
    <message>
        <source>Compare the revision graph of two versions of a project: two git refs (read from the repository holding PATH, nothing is checked out) or two folders. Lists removed, added, rewired and edited revisions, infers which revision replaced a squashed run, and checks the squash. With --db or --db-env, also checks that the database&apos;s version table names no revision the squash removed, and prints the stamp that repairs it.</source>
        <translation>Vergleicht den Revisionsgraphen zweier Versionen eines Projekts: zwei git-Refs (aus dem Repository gelesen, das PATH enthält; es wird nichts ausgecheckt) oder zwei Ordner. Listet entfernte, hinzugefügte, umgehängte und bearbeitete Revisionen auf, leitet ab, welche Revision eine per Squash zusammengefasste Folge ersetzt hat, und prüft den Squash. Mit --db oder --db-env wird außerdem geprüft, dass die Versionstabelle der Datenbank keine Revision nennt, die der Squash entfernt hat, und der Stempelvorgang ausgegeben, der sie repariert.</translation>
    </message>
    <message>
        <source>Confirm or correct the squash mapping: revision NEW replaces exactly the removed revisions OLD1, OLD2... The squash checks run with it. Repeatable; removed revisions no --squash names keep their inferred replacement.</source>
        <translation>Die Squash-Zuordnung bestätigen oder korrigieren: Revision NEW ersetzt genau die entfernten Revisionen OLD1, OLD2... Die Squash-Prüfungen verwenden diese Zuordnung. Wiederholbar; entfernte Revisionen, die kein --squash nennt, behalten ihren abgeleiteten Ersatz.</translation>
    </message>
    <message>
        <source>revscope diff: --squash takes NEW=OLD1,OLD2 (a revision of the newer version, then the removed revisions it replaces), not &apos;%1&apos;.</source>
        <translation>revscope diff: --squash erwartet NEW=OLD1,OLD2 (eine Revision der neueren Version, dann die entfernten Revisionen, die sie ersetzt), nicht „%1“.</translation>
    </message>
</context>
<context>
    <name>DockerIgnore</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Invalid ignore pattern “%1”: %2. Docker refuses to build with this file.</source>
        <translation>Ungültiges Ignore-Muster „%1“: %2. Docker verweigert mit dieser Datei den Build.</translation>
    </message>
    <message>
        <source>Fix or remove the pattern; escape a literal “[” as “[[]”.</source>
        <translation>Korrigieren oder entfernen Sie das Muster; schreiben Sie ein wörtliches „[“ als „[[]“.</translation>
    </message>
    <message>
        <source>a lone “!” is an illegal exclusion pattern</source>
        <translation>ein einzelnes „!“ ist ein unzulässiges Ausschlussmuster</translation>
    </message>
    <message>
        <source>syntax error in pattern</source>
        <translation>Syntaxfehler im Muster</translation>
    </message>
    <message>
        <source>the pattern does not translate to a valid expression (for example a reversed range)</source>
        <translation>das Muster ergibt keinen gültigen Ausdruck (zum Beispiel wegen eines umgekehrten Bereichs)</translation>
    </message>
</context>
<context>
    <name>Dockerfile</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Only one “%1” parser directive can be used.</source>
        <translation>Es kann nur eine Parser-Direktive „%1“ verwendet werden.</translation>
    </message>
    <message>
        <source>Invalid escape character “%1”: use “\” or “`”.</source>
        <translation>Ungültiges Escape-Zeichen „%1“: Verwenden Sie „\“ oder „`“.</translation>
    </message>
    <message>
        <source>Unknown instruction “%1”.</source>
        <translation>Unbekannte Anweisung „%1“.</translation>
    </message>
    <message>
        <source>%1: the JSON array may only hold strings.</source>
        <translation>%1: Das JSON-Array darf nur Strings enthalten.</translation>
    </message>
    <message>
        <source>Unterminated heredoc “&lt;&lt;%1”: no line “%1” ends it.</source>
        <translation>Nicht abgeschlossenes Heredoc „&lt;&lt;%1“: Keine Zeile „%1“ beendet es.</translation>
    </message>
    <message>
        <source>%1 needs at least a source and a destination.</source>
        <translation>%1 benötigt mindestens eine Quelle und ein Ziel.</translation>
    </message>
    <message>
        <source>%1 before the first FROM: only ARG may come first.</source>
        <translation>%1 vor dem ersten FROM: Nur ARG darf davor stehen.</translation>
    </message>
    <message>
        <source>No FROM instruction: nothing to build.</source>
        <translation>Keine FROM-Anweisung: Es gibt nichts zu bauen.</translation>
    </message>
</context>
<context>
    <name>EnvPyReader</name>
    <message>
        <source>a %1, not a string</source>
        <translation>ein Wert vom Typ %1, kein String</translation>
    </message>
    <message>
        <source>no schema (the connection&apos;s default)</source>
        <translation>kein Schema (Standard der Verbindung)</translation>
    </message>
    <message>
        <source>%1 (Alembic&apos;s default)</source>
        <translation>%1 (Standard von Alembic)</translation>
    </message>
    <message>
        <source>Revscope cannot read %1=%2 without running Python (%3); it reads the version table with %4.</source>
        <translation>Revscope kann %1=%2 nicht lesen, ohne Python auszuführen (%3); zum Lesen der Versionstabelle verwendet es %4.</translation>
    </message>
    <message>
        <source>Pass a string literal in env.py, or give Revscope the value: %1 on the command line, or the override in the Connect dialog.</source>
        <translation>Übergeben Sie in env.py ein String-Literal, oder geben Sie Revscope den Wert an: %1 auf der Kommandozeile oder die Überschreibung im Verbindungsdialog.</translation>
    </message>
    <message>
        <source>configure() receives keyword arguments through ** here; Revscope cannot see whether they set %1, and reads the version table with %2.</source>
        <translation>configure() erhält hier Schlüsselwortargumente über **; Revscope kann nicht erkennen, ob sie %1 setzen, und verwendet zum Lesen der Versionstabelle %2.</translation>
    </message>
    <message>
        <source>If they set %1, give Revscope the same value (%2 on the command line).</source>
        <translation>Wenn sie %1 setzen, geben Sie Revscope denselben Wert an (%2 auf der Kommandozeile).</translation>
    </message>
    <message>
        <source>%1 calls configure() with different %2 values: %3 at line %4, %5 at line %6. Revscope reads %3, from the first call.</source>
        <translation>%1 ruft configure() mit unterschiedlichen Werten für %2 auf: %3 in Zeile %4, %5 in Zeile %6. Revscope verwendet %3 aus dem ersten Aufruf.</translation>
    </message>
    <message>
        <source>Make every configure() call pass the same %1, or give Revscope the one the online migration uses (%2 on the command line).</source>
        <translation>Sorgen Sie dafür, dass jeder configure()-Aufruf denselben Wert für %1 übergibt, oder geben Sie Revscope den Wert an, den die Online-Migration verwendet (%2 auf der Kommandozeile).</translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <translation>keine reguläre Datei</translation>
    </message>
    <message>
        <source>it is larger than %1 MiB</source>
        <translation>größer als %1 MiB</translation>
    </message>
    <message>
        <source>Revscope cannot read %1 (%2), so it reads the version table alembic_version, Alembic&apos;s default.</source>
        <translation>Revscope kann %1 nicht lesen (%2) und liest daher die Versionstabelle alembic_version, den Standard von Alembic.</translation>
    </message>
    <message>
        <source>Make env.py a readable file, or give Revscope the version table.</source>
        <translation>Machen Sie env.py zu einer lesbaren Datei, oder geben Sie Revscope die Versionstabelle an.</translation>
    </message>
    <message>
        <source>Python cannot read %1: %2.</source>
        <translation>Python kann %1 nicht lesen: %2.</translation>
    </message>
    <message>
        <source>Save env.py as text (UTF-8, or the encoding its coding line declares): Alembic cannot run any command until then.</source>
        <translation>Speichern Sie env.py als Text (UTF-8 oder die in der coding-Zeile angegebene Kodierung): Bis dahin kann Alembic keinen Befehl ausführen.</translation>
    </message>
    <message>
        <source>Python cannot compile %1: %2. Alembic cannot run any command, and Revscope reads the version table alembic_version, Alembic&apos;s default.</source>
        <translation>Python kann %1 nicht kompilieren: %2. Alembic kann keinen Befehl ausführen, und Revscope liest die Versionstabelle alembic_version, den Standard von Alembic.</translation>
    </message>
    <message>
        <source>Fix the syntax error in env.py.</source>
        <translation>Beheben Sie den Syntaxfehler in env.py.</translation>
    </message>
</context>
<context>
    <name>FindingCatalog</name>
    <message>
        <source>A file or folder could not be read</source>
        <translation>Eine Datei oder ein Ordner konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>A migration script cannot be loaded</source>
        <translation>Ein Migrationsskript kann nicht geladen werden</translation>
    </message>
    <message>
        <source>Revision metadata is not a literal value</source>
        <translation>Revisionsmetadaten sind kein Literal</translation>
    </message>
    <message>
        <source>File name disagrees with the revision id</source>
        <translation>Dateiname passt nicht zur Revisions-ID</translation>
    </message>
    <message>
        <source>Docstring disagrees with the revision variables</source>
        <translation>Docstring passt nicht zu den Revisionsvariablen</translation>
    </message>
    <message>
        <source>Revision id Alembic rejects</source>
        <translation>Revisions-ID, die Alembic ablehnt</translation>
    </message>
    <message>
        <source>Alembic configuration Alembic would refuse</source>
        <translation>Alembic-Konfiguration, die Alembic ablehnen würde</translation>
    </message>
    <message>
        <source>The script folder does not exist</source>
        <translation>Der Skriptordner existiert nicht</translation>
    </message>
    <message>
        <source>A down_revision names a revision defined nowhere</source>
        <translation>Eine down_revision nennt eine nirgends definierte Revision</translation>
    </message>
    <message>
        <source>A depends_on names a revision defined nowhere</source>
        <translation>Ein depends_on nennt eine nirgends definierte Revision</translation>
    </message>
    <message>
        <source>Two scripts define the same revision</source>
        <translation>Zwei Skripte definieren dieselbe Revision</translation>
    </message>
    <message>
        <source>Revisions depend on each other in a cycle</source>
        <translation>Revisionen hängen zyklisch voneinander ab</translation>
    </message>
    <message>
        <source>A branch label Alembic rejects</source>
        <translation>Ein Zweig-Label, das Alembic ablehnt</translation>
    </message>
    <message>
        <source>More than one head</source>
        <translation>Mehr als ein Head</translation>
    </message>
    <message>
        <source>More than one base</source>
        <translation>Mehr als eine Basis</translation>
    </message>
    <message>
        <source>Bytecode without a source file</source>
        <translation>Bytecode ohne Quelldatei</translation>
    </message>
    <message>
        <source>A revision defined only by bytecode</source>
        <translation>Eine nur durch Bytecode definierte Revision</translation>
    </message>
    <message>
        <source>Bytecode older than its source</source>
        <translation>Bytecode ist älter als seine Quelldatei</translation>
    </message>
    <message>
        <source>Bytecode that cannot be read</source>
        <translation>Bytecode, der nicht gelesen werden kann</translation>
    </message>
    <message>
        <source>The database could not be reached</source>
        <translation>Die Datenbank war nicht erreichbar</translation>
    </message>
    <message>
        <source>The database has no version table</source>
        <translation>Die Datenbank hat keine Versionstabelle</translation>
    </message>
    <message>
        <source>The database is stamped at an unknown revision</source>
        <translation>Die Datenbank ist auf eine unbekannte Revision gestempelt</translation>
    </message>
    <message>
        <source>Version rows where one descends from another</source>
        <translation>Versionszeilen, von denen eine von einer anderen abstammt</translation>
    </message>
    <message>
        <source>Migrations not yet applied to the database</source>
        <translation>Noch nicht auf die Datenbank angewendete Migrationen</translation>
    </message>
    <message>
        <source>env.py names its version table in a way Revscope cannot read</source>
        <translation>env.py nennt seine Versionstabelle auf eine Weise, die Revscope nicht lesen kann</translation>
    </message>
    <message>
        <source>env.py configures different version tables</source>
        <translation>env.py konfiguriert unterschiedliche Versionstabellen</translation>
    </message>
    <message>
        <source>A released migration was edited</source>
        <translation>Eine veröffentlichte Migration wurde bearbeitet</translation>
    </message>
    <message>
        <source>A released migration was removed</source>
        <translation>Eine veröffentlichte Migration wurde entfernt</translation>
    </message>
    <message>
        <source>A squash removed a head nothing replaces</source>
        <translation>Ein Squash hat einen Head entfernt, den nichts ersetzt</translation>
    </message>
    <message>
        <source>A head before the squash has no counterpart</source>
        <translation>Ein Head vor dem Squash hat keine Entsprechung</translation>
    </message>
    <message>
        <source>A head after the squash corresponds to none before</source>
        <translation>Ein Head nach dem Squash entspricht keinem davor</translation>
    </message>
    <message>
        <source>A script still names a revision the squash removed</source>
        <translation>Ein Skript nennt noch eine Revision, die der Squash entfernt hat</translation>
    </message>
    <message>
        <source>Bytecode still defines a revision the squash removed</source>
        <translation>Bytecode definiert noch eine Revision, die der Squash entfernt hat</translation>
    </message>
    <message>
        <source>The image lacks the Alembic configuration</source>
        <translation>Dem Image fehlt die Alembic-Konfiguration</translation>
    </message>
    <message>
        <source>The image lacks migration scripts</source>
        <translation>Dem Image fehlen Migrationsskripte</translation>
    </message>
    <message>
        <source>Bytecode is copied into the image</source>
        <translation>Bytecode wird ins Image kopiert</translation>
    </message>
    <message>
        <source>A compose volume hides what the image contains</source>
        <translation>Ein Compose-Volume verdeckt den Inhalt des Images</translation>
    </message>
    <message>
        <source>.dockerignore does not exclude bytecode</source>
        <translation>.dockerignore schließt Bytecode nicht aus</translation>
    </message>
    <message>
        <source>A Dockerfile Docker would refuse</source>
        <translation>Ein Dockerfile, das Docker ablehnen würde</translation>
    </message>
    <message>
        <source>A compose file Docker Compose would refuse</source>
        <translation>Eine Compose-Datei, die Docker Compose ablehnen würde</translation>
    </message>
    <message>
        <source>A .dockerignore pattern Docker rejects</source>
        <translation>Ein .dockerignore-Muster, das Docker ablehnt</translation>
    </message>
    <message>
        <source>An archive ADD would unpack cannot be read</source>
        <translation>Ein Archiv, das ADD entpacken würde, kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>The image build would fail</source>
        <translation>Der Image-Build würde fehlschlagen</translation>
    </message>
    <message>
        <source>The database is stamped at a revision the squash removed</source>
        <translation>Die Datenbank ist auf eine Revision gestempelt, die der Squash entfernt hat</translation>
    </message>
</context>
<context>
    <name>FindingHelp</name>
    <message>
        <source>Revscope could not open a file or folder it needs: a migration script, an Alembic config, a Dockerfile, a compose file, an ignore file or a folder of the build context. Alembic imports every script of the versions folder before any command, so one script it cannot read stops every command, not only the one migration; Docker likewise refuses to send a build context holding a file it cannot read.</source>
        <translation>Revscope konnte eine Datei oder einen Ordner nicht öffnen, die es benötigt: ein Migrationsskript, eine Alembic-Konfiguration, ein Dockerfile, eine Compose-Datei, eine Ignore-Datei oder einen Ordner des Build-Kontexts. Alembic importiert vor jedem Befehl alle Skripte des versions-Ordners, daher stoppt ein einziges Skript, das es nicht lesen kann, jeden Befehl, nicht nur die eine Migration; ebenso weigert sich Docker, einen Build-Kontext zu senden, der eine nicht lesbare Datei enthält.</translation>
    </message>
    <message>
        <source>A developer on a logistics team generated a migration inside the api container, which ran as root on a bind mount. The new `4c2d9e1f0a7b_add_orders.py` landed on the shared staging host owned by root with mode 0600. The deploy user&apos;s next `alembic upgrade head` stopped with `PermissionError: [Errno 13] Permission denied: &apos;/srv/app/alembic/versions/4c2d9e1f0a7b_add_orders.py&apos;`, and `docker compose build` failed on the same file with `error from sender: open alembic/versions/4c2d9e1f0a7b_add_orders.py: permission denied`.</source>
        <translation>Ein Entwickler eines Logistik-Teams erzeugte eine Migration im api-Container, der als root auf einem Bind-Mount lief. Die neue `4c2d9e1f0a7b_add_orders.py` landete auf dem gemeinsam genutzten Staging-Host, mit Eigentümer root und Modus 0600. Das nächste `alembic upgrade head` des Deployment-Benutzers brach mit `PermissionError: [Errno 13] Permission denied: &apos;/srv/app/alembic/versions/4c2d9e1f0a7b_add_orders.py&apos;` ab, und `docker compose build` scheiterte an derselben Datei mit `error from sender: open alembic/versions/4c2d9e1f0a7b_add_orders.py: permission denied`.</translation>
    </message>
    <message>
        <source>Read the finding&apos;s message: it names the file and the reason the system gave.
Give the file back to the right user and make it readable, e.g. `sudo chown $USER: FILE` and `chmod 644 FILE`.
Run containers that write into bind mounts as your own user (`docker run --user $(id -u):$(id -g)`, or `user:` in compose) so they stop creating root-owned files.
Reload the project (or run `revscope check` again).</source>
        <translation>Lesen Sie die Meldung des Befunds: Sie nennt die Datei und den Grund, den das System angegeben hat.
Geben Sie die Datei dem richtigen Benutzer zurück und machen Sie sie lesbar, z. B. mit `sudo chown $USER: FILE` und `chmod 644 FILE`.
Führen Sie Container, die in Bind-Mounts schreiben, als Ihr eigener Benutzer aus (`docker run --user $(id -u):$(id -g)` oder `user:` in Compose), damit sie keine Dateien mit Eigentümer root mehr anlegen.
Laden Sie das Projekt neu (oder führen Sie `revscope check` erneut aus).</translation>
    </message>
    <message>
        <source>Python cannot read or compile a migration script (or env.py): a syntax error, an encoding it cannot decode, or a script without the module-level `revision` and `down_revision` Alembic needs. Alembic imports every script of the versions folder to build the revision graph, so one broken file makes every command fail (`upgrade`, `downgrade`, `current`, `history`), even commands about other revisions.</source>
        <translation>Python kann ein Migrationsskript (oder env.py) nicht lesen oder kompilieren: ein Syntaxfehler, eine Kodierung, die es nicht dekodieren kann, oder ein Skript ohne die Variablen `revision` und `down_revision` auf Modulebene, die Alembic braucht. Alembic importiert jedes Skript des versions-Ordners, um den Revisionsgraphen aufzubauen, daher lässt eine einzige defekte Datei jeden Befehl scheitern (`upgrade`, `downgrade`, `current`, `history`), selbst Befehle, die andere Revisionen betreffen.</translation>
    </message>
    <message>
        <source>Two developers on a payments team changed the same migration on different branches, and a rebase left conflict markers in it. The diff view folded the conflicting block, so the review looked clean. On deploy the release job stopped before migrating anything, with `SyntaxError: invalid syntax` pointing at `&lt;&lt;&lt;&lt;&lt;&lt;&lt; HEAD` in `7e1b0c9d2a44_add_refunds.py`. Because Alembic imports every script, even the rollback, `alembic downgrade -1`, failed the same way.</source>
        <translation>Zwei Entwickler eines Payments-Teams änderten dieselbe Migration in verschiedenen Zweigen, und ein Rebase hinterließ Konfliktmarker darin. Die Diff-Ansicht klappte den Konfliktblock zu, sodass das Review sauber aussah. Beim Deployment brach der Release-Job ab, bevor irgendetwas migriert wurde, mit `SyntaxError: invalid syntax`, das auf `&lt;&lt;&lt;&lt;&lt;&lt;&lt; HEAD` in `7e1b0c9d2a44_add_refunds.py` zeigte. Weil Alembic jedes Skript importiert, scheiterte selbst der Rollback, `alembic downgrade -1`, auf dieselbe Weise.</translation>
    </message>
    <message>
        <source>Open the file at the line the finding names and fix the syntax error or the conflict markers; `python -m py_compile FILE` confirms that it compiles.
If the file is not text (saved as UTF-16, or binary), restore it from version control as UTF-8, or with the encoding its coding line declares.
Keep `revision = &quot;...&quot;` and `down_revision = ...` as plain assignments at module level.
Run `revscope check` in CI before building images: it exits with 1 on errors.</source>
        <translation>Öffnen Sie die Datei an der Zeile, die der Befund nennt, und beheben Sie den Syntaxfehler oder entfernen Sie die Konfliktmarker; `python -m py_compile FILE` bestätigt, dass sie sich kompilieren lässt.
Wenn die Datei kein Text ist (als UTF-16 oder binär gespeichert), stellen Sie sie aus der Versionsverwaltung als UTF-8 wieder her oder in der Kodierung, die ihre coding-Zeile angibt.
Behalten Sie `revision = &quot;...&quot;` und `down_revision = ...` als einfache Zuweisungen auf Modulebene.
Führen Sie `revscope check` in der CI aus, bevor Images gebaut werden: Bei Fehlern endet es mit Exit-Code 1.</translation>
    </message>
    <message>
        <source>Revscope reads `revision`, `down_revision`, `branch_labels` and `depends_on` without running Python, so it needs them as literals: a string, a tuple of strings, or None. Here one is computed (a name, a call, an f-string) or assigned inside an `if` or `try` block. Alembic runs the script and uses whatever value comes out; Revscope cannot know it, so its graph may lack an edge Alembic sees. Values computed from the environment or from other modules can also give different graphs on different machines.</source>
        <translation>Revscope liest `revision`, `down_revision`, `branch_labels` und `depends_on`, ohne Python auszuführen, und braucht sie daher als Literale: einen String, ein Tupel von Strings oder None. Hier wird einer dieser Werte berechnet (ein Name, ein Aufruf, ein f-String) oder innerhalb eines `if`- oder `try`-Blocks zugewiesen. Alembic führt das Skript aus und verwendet den Wert, der dabei herauskommt; Revscope kann ihn nicht kennen, daher fehlt seinem Graphen womöglich eine Kante, die Alembic sieht. Werte, die aus der Umgebung oder aus anderen Modulen berechnet werden, können außerdem auf verschiedenen Rechnern verschiedene Graphen ergeben.</translation>
    </message>
    <message>
        <source>A data team wanted to end merge conflicts in migrations and wrote `down_revision = REVISIONS[-1]`, with the list kept in a shared module. Each branch computed the parent from its own copy of the list. When two feature branches merged, both new migrations named the same parent, and the deploy stopped with `Multiple head revisions are present for given argument &apos;head&apos;`. No reviewer could have seen it: the scripts only said `REVISIONS[-1]`.</source>
        <translation>Ein Data-Team wollte Merge-Konflikte in Migrationen abschaffen und schrieb `down_revision = REVISIONS[-1]`, wobei die Liste in einem gemeinsamen Modul gepflegt wurde. Jeder Zweig berechnete die Elternrevision aus seiner eigenen Kopie der Liste. Als zwei Feature-Zweige zusammengeführt wurden, nannten beide neuen Migrationen dieselbe Elternrevision, und das Deployment brach mit `Multiple head revisions are present for given argument &apos;head&apos;` ab. Kein Reviewer hätte es sehen können: In den Skripten stand nur `REVISIONS[-1]`.</translation>
    </message>
    <message>
        <source>Write the value as a literal in the script: `down_revision = &quot;a2242b61af45&quot;`, `branch_labels = (&quot;reporting&quot;,)`, `depends_on = None`.
Move the assignments out of `if` and `try` blocks to module level.
If the values were computed to avoid merge conflicts, let two heads happen and join them with `alembic merge heads -m &quot;merge heads&quot;` instead.</source>
        <translation>Schreiben Sie den Wert als Literal ins Skript: `down_revision = &quot;a2242b61af45&quot;`, `branch_labels = (&quot;reporting&quot;,)`, `depends_on = None`.
Verschieben Sie die Zuweisungen aus `if`- und `try`-Blöcken auf die Modulebene.
Wenn die Werte berechnet wurden, um Merge-Konflikte zu vermeiden, lassen Sie stattdessen zwei Heads entstehen und führen Sie sie mit `alembic merge heads -m &quot;merge heads&quot;` zusammen.</translation>
    </message>
    <message>
        <source>The file name does not match what `file_template` in the Alembic config gives for this revision (by default `&lt;revision&gt;_&lt;slug&gt;.py`). Alembic ignores file names and takes the id from the `revision` variable, so nothing breaks by itself. But people and scripts go by the name: a search for an id finds the wrong file, and a name that still carries another id usually means the whole script was copied from that revision.</source>
        <translation>Der Dateiname entspricht nicht dem, was `file_template` in der Alembic-Konfiguration für diese Revision ergibt (standardmäßig `&lt;revision&gt;_&lt;slug&gt;.py`). Alembic ignoriert Dateinamen und nimmt die ID aus der Variablen `revision`, daher geht dadurch allein nichts kaputt. Menschen und Skripte richten sich aber nach dem Namen: Eine Suche nach einer ID findet die falsche Datei, und ein Name, der noch eine andere ID trägt, bedeutet meist, dass das ganze Skript von jener Revision kopiert wurde.</translation>
    </message>
    <message>
        <source>Before a squash, an engineer deleted the scripts of the squashed revisions by name, with `git rm versions/3f1a9c2e7d40_*`. One of those files had been copied as a template months earlier: its name still said 3f1a9c2e7d40, but it defined `revision = &quot;7b2e0d5c9a18&quot;`, a revision after the squash point. The next `alembic upgrade head` stopped with `KeyError: &apos;7b2e0d5c9a18&apos;`, raised for the later script that named it as its parent.</source>
        <translation>Vor einem Squash löschte ein Entwickler die Skripte der zusammengefassten Revisionen anhand ihres Namens, mit `git rm versions/3f1a9c2e7d40_*`. Eine dieser Dateien war Monate zuvor als Vorlage kopiert worden: Ihr Name lautete noch auf 3f1a9c2e7d40, aber sie definierte `revision = &quot;7b2e0d5c9a18&quot;`, eine Revision nach dem Squash-Punkt. Das nächste `alembic upgrade head` brach mit `KeyError: &apos;7b2e0d5c9a18&apos;` ab, ausgelöst für das spätere Skript, das sie als Elternrevision nannte.</translation>
    </message>
    <message>
        <source>Rename the file to the name the finding suggests, with `git mv` so history follows.
If the file was copied from another script, check that its `revision` is new and that `down_revision` names the revision it really follows.
Renaming is safe for databases already at this revision: they store the id, not the file name.</source>
        <translation>Benennen Sie die Datei so um, wie der Befund es vorschlägt, mit `git mv`, damit die Historie folgt.
Wenn die Datei von einem anderen Skript kopiert wurde, prüfen Sie, ob ihre `revision` neu ist und ob `down_revision` die Revision nennt, der sie tatsächlich folgt.
Das Umbenennen ist für Datenbanken, die bereits auf dieser Revision stehen, unbedenklich: Sie speichern die ID, nicht den Dateinamen.</translation>
    </message>
    <message>
        <source>The docstring&apos;s `Revision ID:` or `Revises:` line disagrees with the `revision` or `down_revision` variable. Alembic uses only the variables; the docstring is what people read in reviews, and `alembic history --verbose` prints it under the real values. When they disagree, one of them is wrong, and a review can approve the wrong one.</source>
        <translation>Die Zeile `Revision ID:` oder `Revises:` im Docstring widerspricht der Variablen `revision` oder `down_revision`. Alembic verwendet nur die Variablen; den Docstring lesen Menschen im Review, und `alembic history --verbose` gibt ihn unter den tatsächlichen Werten aus. Wenn beide nicht übereinstimmen, ist eins davon falsch, und ein Review kann das falsche absegnen.</translation>
    </message>
    <message>
        <source>A developer rebased a migration onto a teammate&apos;s newer one and changed the docstring&apos;s `Revises:` line to `8e4f2b6a1c03`, but not the `down_revision` variable. The reviewer read the docstring and approved a straight line of history. Alembic read the variable, which still named the old parent, so the branch now had two heads, and the deploy stopped with `Multiple head revisions are present for given argument &apos;head&apos;`.</source>
        <translation>Ein Entwickler verschob eine Migration per Rebase auf die neuere eines Teamkollegen und änderte die Docstring-Zeile `Revises:` auf `8e4f2b6a1c03`, aber nicht die Variable `down_revision`. Der Reviewer las den Docstring und genehmigte eine gerade Linie der Historie. Alembic las die Variable, die noch die alte Elternrevision nannte, daher hatte der Zweig nun zwei Heads, und das Deployment brach mit `Multiple head revisions are present for given argument &apos;head&apos;` ab.</translation>
    </message>
    <message>
        <source>Decide which value is right; Alembic uses the variable.
If the docstring had the intended value, correct `down_revision` (or `revision`); otherwise make the docstring&apos;s lines match the variables.
Run `revscope check` again: a wrong variable often shows up next as multiple-heads.</source>
        <translation>Entscheiden Sie, welcher Wert richtig ist; Alembic verwendet die Variable.
Wenn der Docstring den beabsichtigten Wert enthielt, korrigieren Sie `down_revision` (oder `revision`); andernfalls passen Sie die Zeilen des Docstrings an die Variablen an.
Führen Sie `revscope check` erneut aus: Eine falsche Variable zeigt sich als Nächstes oft als multiple-heads.</translation>
    </message>
    <message>
        <source>A revision identifier Alembic rejects: it contains `@`, `-` or `+` (Alembic reserves them for `branch@head` and relative steps like `-1` or `+2`), it is empty, or it is not a string. Entries of `down_revision` and `depends_on` that are not strings get this code too. Alembic raises the error while loading the scripts, so no command runs.</source>
        <translation>Eine Revisions-ID, die Alembic ablehnt: Sie enthält `@`, `-` oder `+` (Alembic reserviert diese Zeichen für `branch@head` und relative Schritte wie `-1` oder `+2`), sie ist leer, oder sie ist kein String. Einträge von `down_revision` und `depends_on`, die keine Strings sind, erhalten ebenfalls diesen Code. Alembic löst den Fehler beim Laden der Skripte aus, daher läuft kein Befehl.</translation>
    </message>
    <message>
        <source>A team started naming revisions by hand to make them readable, beginning with `revision = &quot;2024-03-add-users&quot;`. Until then every id had come from `alembic revision`, so nobody knew the rule. From that commit on, every command failed with `Character(s) &apos;-&apos; not allowed in revision identifier &apos;2024-03-add-users&apos;`, including `alembic current` in the production health check, which paged the on-call engineer at night.</source>
        <translation>Ein Team begann, Revisionen von Hand zu benennen, damit sie lesbar sind, angefangen mit `revision = &quot;2024-03-add-users&quot;`. Bis dahin stammte jede ID von `alembic revision`, daher kannte niemand die Regel. Ab diesem Commit scheiterte jeder Befehl mit `Character(s) &apos;-&apos; not allowed in revision identifier &apos;2024-03-add-users&apos;`, auch `alembic current` im Health-Check der Produktion, der nachts den Bereitschaftsdienst alarmierte.</translation>
    </message>
    <message>
        <source>Use ids of letters, digits and underscores only; `alembic revision` generates 12 hex digits.
Change the id in the script and in every `down_revision` and `depends_on` that names it; `revscope check` lists the ones you missed as missing-parent.
Rename the file to match the new id.</source>
        <translation>Verwenden Sie nur IDs aus Buchstaben, Ziffern und Unterstrichen; `alembic revision` erzeugt 12 Hex-Ziffern.
Ändern Sie die ID im Skript und in jedem `down_revision` und `depends_on`, das sie nennt; `revscope check` listet die übersehenen als missing-parent auf.
Benennen Sie die Datei passend zur neuen ID um.</translation>
    </message>
    <message>
        <source>Alembic would stop on, or silently misread, its configuration: alembic.ini or `[tool.alembic]` in pyproject.toml. Examples: no `[alembic]` section, no `script_location`, a `%` that configparser&apos;s interpolation rejects, `sourceless = True` (Alembic accepts only the lowercase word `true`), an unknown path separator, a version location that does not exist. Errors in Revscope&apos;s own lock file, revscope.lock, are reported under this code as well.</source>
        <translation>Alembic würde an seiner Konfiguration scheitern oder sie stillschweigend falsch lesen: alembic.ini oder `[tool.alembic]` in pyproject.toml. Beispiele: kein Abschnitt `[alembic]`, kein `script_location`, ein `%`, das die Interpolation von configparser ablehnt, `sourceless = True` (Alembic akzeptiert nur das kleingeschriebene Wort `true`), ein unbekanntes Pfadtrennzeichen, ein Versionsordner, der nicht existiert. Fehler in der eigenen Lock-Datei von Revscope, revscope.lock, werden ebenfalls unter diesem Code gemeldet.</translation>
    </message>
    <message>
        <source>A team moved its database URL into alembic.ini with the password URL-encoded: `sqlalchemy.url = postgresql://app:p%40ss@db/app`. Every Alembic command then died before connecting, with `configparser.InterpolationSyntaxError: &apos;%&apos; must be followed by &apos;%&apos; or &apos;(&apos;, found: &apos;%40ss@db/app&apos;`. Alembic reads the ini with Python&apos;s configparser, which takes `%` as the start of `%(name)s`. The fix was one character: `p%%40ss`.</source>
        <translation>Ein Team verlegte seine Datenbank-URL mit URL-kodiertem Passwort in alembic.ini: `sqlalchemy.url = postgresql://app:p%40ss@db/app`. Danach brach jeder Alembic-Befehl schon vor dem Verbinden ab, mit `configparser.InterpolationSyntaxError: &apos;%&apos; must be followed by &apos;%&apos; or &apos;(&apos;, found: &apos;%40ss@db/app&apos;`. Alembic liest die ini mit configparser von Python, das `%` als Beginn von `%(name)s` versteht. Die Abhilfe war ein einziges Zeichen: `p%%40ss`.</translation>
    </message>
    <message>
        <source>Read the message: it quotes the error Alembic would give and names the line.
In alembic.ini, write a literal `%` as `%%`; refer to other options as `%(name)s` and to the ini&apos;s folder as `%(here)s`.
Set `script_location` in the `[alembic]` section (or in `[tool.alembic]`), and write booleans as `true` or `false`.
Check the result with `alembic -c FILE heads` or `revscope check --config FILE`.</source>
        <translation>Lesen Sie die Meldung: Sie zitiert den Fehler, den Alembic ausgeben würde, und nennt die Zeile.
Schreiben Sie in alembic.ini ein wörtliches `%` als `%%`; verweisen Sie auf andere Optionen mit `%(name)s` und auf den Ordner der ini mit `%(here)s`.
Setzen Sie `script_location` im Abschnitt `[alembic]` (oder in `[tool.alembic]`), und schreiben Sie Boolesche Werte als `true` oder `false`.
Prüfen Sie das Ergebnis mit `alembic -c FILE heads` oder `revscope check --config FILE`.</translation>
    </message>
    <message>
        <source>The folder `script_location` names does not exist, or is a file. Alembic resolves a relative `script_location` against the folder it is run from, not against the config&apos;s folder, so one config can work from one folder and fail from another. Alembic stops with `Path doesn&apos;t exist`.</source>
        <translation>Der Ordner, den `script_location` nennt, existiert nicht oder ist eine Datei. Alembic löst ein relatives `script_location` gegen den Ordner auf, aus dem es aufgerufen wird, nicht gegen den Ordner der Konfiguration, daher kann dieselbe Konfiguration aus einem Ordner funktionieren und aus einem anderen scheitern. Alembic bricht mit `Path doesn&apos;t exist` ab.</translation>
    </message>
    <message>
        <source>A CI job ran `alembic -c backend/alembic.ini upgrade head` from the repository root. The ini said `script_location = alembic`, which worked for every developer because they ran Alembic from inside `backend/`. In CI it looked for `./alembic` at the root and stopped with `FAILED: Path doesn&apos;t exist: &apos;/builds/shop/alembic&apos;.  Please use the &apos;init&apos; command to create a new scripts folder.` The job had passed for months, until a cleanup removed its `cd backend`.</source>
        <translation>Ein CI-Job führte `alembic -c backend/alembic.ini upgrade head` im Stammordner des Repositorys aus. In der ini stand `script_location = alembic`, was bei jedem Entwickler funktionierte, weil alle Alembic aus `backend/` heraus aufriefen. In der CI suchte es `./alembic` im Stammordner und brach mit `FAILED: Path doesn&apos;t exist: &apos;/builds/shop/alembic&apos;.  Please use the &apos;init&apos; command to create a new scripts folder.` ab. Der Job war monatelang durchgelaufen, bis ein Aufräumen sein `cd backend` entfernte.</translation>
    </message>
    <message>
        <source>Anchor the path to the config: `script_location = %(here)s/alembic`.
Or use the package form, `script_location = myapp:migrations`, when the migrations ship inside a Python package.
In a Docker image, check that the folder is copied where the config expects it: `revscope image` shows where every file lands.</source>
        <translation>Verankern Sie den Pfad an der Konfiguration: `script_location = %(here)s/alembic`.
Oder verwenden Sie die Paketform, `script_location = myapp:migrations`, wenn die Migrationen in einem Python-Paket ausgeliefert werden.
Prüfen Sie in einem Docker-Image, ob der Ordner dorthin kopiert wird, wo die Konfiguration ihn erwartet: `revscope image` zeigt, wo jede Datei landet.</translation>
    </message>
    <message>
        <source>A script&apos;s `down_revision` names a revision that no script Alembic loads defines. Alembic builds the whole graph before any command, so it warns `Revision X referenced from Y is not present` and stops with `KeyError: &apos;X&apos;`. Usually the parent was deleted (by a squash, or a reverted branch) or only its bytecode is left. Revscope draws the missing revision as a ghost node.</source>
        <translation>Die `down_revision` eines Skripts nennt eine Revision, die kein von Alembic geladenes Skript definiert. Alembic baut vor jedem Befehl den ganzen Graphen auf, warnt daher mit `Revision X referenced from Y is not present` und bricht mit `KeyError: &apos;X&apos;` ab. Meist wurde die Elternrevision gelöscht (durch einen Squash oder einen zurückgenommenen Zweig), oder nur ihr Bytecode ist übrig. Revscope zeichnet die fehlende Revision als Phantom-Knoten.</translation>
    </message>
    <message>
        <source>An API team squashed its migrations into `b891cb8863b5_initial_squashed_migration.py` on main. A feature branch cut a week earlier carried `c7d2e4f1a9b0_add_webhooks.py` with `down_revision = &apos;a2242b61af45&apos;`, one of the squashed revisions. Git saw no conflict and the branch merged; the next deploy stopped with `KeyError: &apos;a2242b61af45&apos;` before running a single migration.</source>
        <translation>Ein API-Team fasste seine Migrationen auf main per Squash in `b891cb8863b5_initial_squashed_migration.py` zusammen. Ein Feature-Zweig, der eine Woche zuvor abgezweigt worden war, brachte `c7d2e4f1a9b0_add_webhooks.py` mit `down_revision = &apos;a2242b61af45&apos;` mit, einer der zusammengefassten Revisionen. Git sah keinen Konflikt, und der Zweig wurde gemergt; das nächste Deployment brach mit `KeyError: &apos;a2242b61af45&apos;` ab, bevor eine einzige Migration lief.</translation>
    </message>
    <message>
        <source>If a squash removed the parent, point `down_revision` at the revision that replaced it; `revscope diff --from &lt;tag before the squash&gt; --to HEAD` shows the mapping.
If the parent&apos;s script was deleted by mistake, restore it from version control (`git log --diff-filter=D --name-only` finds the commit).
If only the parent&apos;s bytecode is left, restore its source rather than turning on `sourceless`.
Run `revscope check` in CI: branches cut before a squash are the usual source.</source>
        <translation>Wenn ein Squash die Elternrevision entfernt hat, lassen Sie `down_revision` auf die Revision verweisen, die sie ersetzt hat; `revscope diff --from &lt;tag before the squash&gt; --to HEAD` zeigt die Zuordnung.
Wenn das Skript der Elternrevision versehentlich gelöscht wurde, stellen Sie es aus der Versionsverwaltung wieder her (`git log --diff-filter=D --name-only` findet den Commit).
Wenn nur der Bytecode der Elternrevision übrig ist, stellen Sie ihre Quelldatei wieder her, statt `sourceless` einzuschalten.
Führen Sie `revscope check` in der CI aus: Zweige, die vor einem Squash abgezweigt wurden, sind die übliche Ursache.</translation>
    </message>
    <message>
        <source>A `depends_on` entry names neither a revision nor a branch label that Alembic loads. Alembic resolves `depends_on` while building the graph and stops with a `KeyError` naming the entry. Unlike `down_revision`, `depends_on` accepts branch labels, so a renamed label breaks it too.</source>
        <translation>Ein Eintrag in `depends_on` nennt weder eine Revision noch ein Zweig-Label, das Alembic lädt. Alembic löst `depends_on` beim Aufbau des Graphen auf und bricht mit einem `KeyError` ab, der den Eintrag nennt. Anders als `down_revision` akzeptiert `depends_on` Zweig-Labels, daher macht auch ein umbenanntes Label es kaputt.</translation>
    </message>
    <message>
        <source>A reporting service kept its migrations on a branch labelled `reporting`, and one of its scripts said `depends_on = &quot;billing&quot;` to wait for the billing tables. When the billing team renamed their label to `payments`, their own pipeline stayed green. The next reporting deploy stopped with `KeyError: &apos;billing&apos;` while Alembic was still loading the scripts.</source>
        <translation>Ein Reporting-Dienst hielt seine Migrationen in einem Zweig mit dem Label `reporting`, und eines seiner Skripte enthielt `depends_on = &quot;billing&quot;`, um auf die Billing-Tabellen zu warten. Als das Billing-Team sein Label in `payments` umbenannte, blieb dessen eigene Pipeline grün. Das nächste Reporting-Deployment brach mit `KeyError: &apos;billing&apos;` ab, während Alembic noch die Skripte lud.</translation>
    </message>
    <message>
        <source>Change the entry to an existing revision id or branch label.
Or remove it, if the dependency is no longer needed or is already an ancestor through `down_revision`.
When you rename a branch label, search every `depends_on` and every `label@head` for the old name.</source>
        <translation>Ändern Sie den Eintrag in eine existierende Revisions-ID oder ein existierendes Zweig-Label.
Oder entfernen Sie ihn, wenn die Abhängigkeit nicht mehr gebraucht wird oder über `down_revision` bereits ein Vorfahre ist.
Wenn Sie ein Zweig-Label umbenennen, durchsuchen Sie jedes `depends_on` und jedes `label@head` nach dem alten Namen.</translation>
    </message>
    <message>
        <source>Two script files define the same `revision` id. Alembic warns `Revision X is present more than once` and keeps only the one it loads last; the other is silently ignored. Alembic 1.8 loads files in the order the file system lists them, which differs between machines, so a laptop and a container can pick different files.</source>
        <translation>Zwei Skriptdateien definieren dieselbe `revision`-ID. Alembic warnt mit `Revision X is present more than once` und behält nur die zuletzt geladene; die andere wird stillschweigend ignoriert. Alembic 1.8 lädt Dateien in der Reihenfolge, in der das Dateisystem sie auflistet, und die unterscheidet sich zwischen Rechnern, daher können ein Laptop und ein Container unterschiedliche Dateien wählen.</translation>
    </message>
    <message>
        <source>A developer copied `3c1e9a0b7d21_add_invoices.py` as a template for a new migration, rewrote `upgrade()`, and forgot to change `revision`. On the laptop Alembic picked the new copy and the tests passed; in the image, where the files were listed in another order, it picked the original, and the new column was never created. The `UserWarning: Revision 3c1e9a0b7d21 is present more than once` scrolled by in the logs until requests failed with `column invoices.due_date does not exist`.</source>
        <translation>Ein Entwickler kopierte `3c1e9a0b7d21_add_invoices.py` als Vorlage für eine neue Migration, schrieb `upgrade()` neu und vergaß, `revision` zu ändern. Auf dem Laptop wählte Alembic die neue Kopie, und die Tests liefen durch; im Image, wo die Dateien in anderer Reihenfolge aufgelistet wurden, wählte es das Original, und die neue Spalte wurde nie angelegt. Die `UserWarning: Revision 3c1e9a0b7d21 is present more than once` lief unbeachtet durch die Logs, bis Anfragen mit `column invoices.due_date does not exist` scheiterten.</translation>
    </message>
    <message>
        <source>Decide which file is the real revision; give the other a new id (12 new hex digits, as `alembic revision` makes) and rename its file to match.
Set the new revision&apos;s `down_revision` to the revision it follows, and update the scripts that follow it.
If both versions already ran somewhere, write a new migration for the difference rather than editing either.</source>
        <translation>Entscheiden Sie, welche Datei die echte Revision ist; geben Sie der anderen eine neue ID (12 neue Hex-Ziffern, wie `alembic revision` sie erzeugt) und benennen Sie ihre Datei passend um.
Setzen Sie die `down_revision` der neuen Revision auf die Revision, der sie folgt, und passen Sie die Skripte an, die ihr folgen.
Wenn beide Fassungen irgendwo bereits gelaufen sind, schreiben Sie eine neue Migration für den Unterschied, statt eine der beiden zu bearbeiten.</translation>
    </message>
    <message>
        <source>Revisions form a loop through `down_revision` (or `depends_on`): following the parents never reaches a base. Alembic detects most loops while loading and refuses to run anything (`Cycle is detected in revisions (...)`, `Self-loop is detected in revisions (...)`); a few loops through `depends_on` it misses, and then upgrades in an order that breaks the dependency.</source>
        <translation>Revisionen bilden über `down_revision` (oder `depends_on`) eine Schleife: Wer den Elternrevisionen folgt, erreicht nie eine Basis. Alembic erkennt die meisten Schleifen beim Laden und führt dann gar nichts aus (`Cycle is detected in revisions (...)`, `Self-loop is detected in revisions (...)`); einige Schleifen über `depends_on` übersieht es und führt die Upgrades dann in einer Reihenfolge aus, die die Abhängigkeit verletzt.</translation>
    </message>
    <message>
        <source>Resolving a merge conflict between two migrations, a developer set the older one&apos;s `down_revision` to the newer one, believing the arrows pointed the other way. Now each script named the other as its parent. `alembic upgrade head` failed at once with `Cycle is detected in revisions (5e2a7c1d9f03, 9b7c4e0a2d16)`, and so did `alembic downgrade`, so there was no way back through Alembic until the scripts were fixed.</source>
        <translation>Beim Auflösen eines Merge-Konflikts zwischen zwei Migrationen setzte ein Entwickler die `down_revision` der älteren auf die neuere, weil er glaubte, die Pfeile zeigten in die andere Richtung. Nun nannte jedes Skript das andere als Elternrevision. `alembic upgrade head` scheiterte sofort mit `Cycle is detected in revisions (5e2a7c1d9f03, 9b7c4e0a2d16)`, ebenso `alembic downgrade`, sodass es über Alembic keinen Weg zurück gab, bis die Skripte repariert waren.</translation>
    </message>
    <message>
        <source>Decide which revision really comes first and point its `down_revision` back at the revision before the loop.
A self-loop (`down_revision` equal to `revision`) usually comes from a copied script: give it its real parent.
For a loop through `depends_on`, remove the entry that points at a newer revision.</source>
        <translation>Entscheiden Sie, welche Revision wirklich zuerst kommt, und lassen Sie ihre `down_revision` wieder auf die Revision vor der Schleife verweisen.
Eine Selbstschleife (`down_revision` gleich `revision`) stammt meist von einem kopierten Skript: Geben Sie ihm seine echte Elternrevision.
Bei einer Schleife über `depends_on` entfernen Sie den Eintrag, der auf eine neuere Revision verweist.</translation>
    </message>
    <message>
        <source>A branch label Alembic rejects: one label on two revisions, a label given twice, or a label equal to a revision id. Labels and revision ids share one name space, so Alembic stops loading with `Branch name &apos;X&apos; in revision A already used by revision B`.</source>
        <translation>Ein Zweig-Label, das Alembic ablehnt: ein Label an zwei Revisionen, ein doppelt angegebenes Label oder ein Label, das einer Revisions-ID gleicht. Labels und Revisions-IDs teilen sich einen Namensraum, daher bricht Alembic das Laden mit `Branch name &apos;X&apos; in revision A already used by revision B` ab.</translation>
    </message>
    <message>
        <source>Two teams each started an independent migration branch with `alembic revision --head=base --branch-label=analytics`, and both chose `analytics`. Each worked fine alone. When the migrations were combined in one repository, every Alembic command stopped with `Branch name &apos;analytics&apos; in revision 0d4e8b2c6f17 already used by revision 7a91c3e5d2b8`.</source>
        <translation>Zwei Teams begannen jeweils einen unabhängigen Migrationszweig mit `alembic revision --head=base --branch-label=analytics`, und beide wählten `analytics`. Jeder Zweig funktionierte für sich allein. Als die Migrationen in einem Repository zusammengeführt wurden, brach jeder Alembic-Befehl mit `Branch name &apos;analytics&apos; in revision 0d4e8b2c6f17 already used by revision 7a91c3e5d2b8` ab.</translation>
    </message>
    <message>
        <source>Rename one label in `branch_labels`, and update every `depends_on` and `label@head` that meant that branch.
Databases store revision ids, not labels, so renaming a label needs no stamp.
Avoid labels that look like revision ids.</source>
        <translation>Benennen Sie ein Label in `branch_labels` um, und passen Sie jedes `depends_on` und `label@head` an, das diesen Zweig meinte.
Datenbanken speichern Revisions-IDs, keine Labels, daher erfordert das Umbenennen eines Labels kein Stempeln.
Vermeiden Sie Labels, die wie Revisions-IDs aussehen.</translation>
    </message>
    <message>
        <source>More than one revision has no child. `alembic upgrade head` then stops with `Multiple head revisions are present for given argument &apos;head&apos;`; it needs `heads`, a `label@head`, or a merge revision. It usually means two branches each added a migration on top of the same parent. Labelled branches kept apart on purpose are reported as information only.</source>
        <translation>Mehr als eine Revision hat kein Kind. `alembic upgrade head` bricht dann mit `Multiple head revisions are present for given argument &apos;head&apos;` ab; es braucht `heads`, ein `label@head` oder eine Merge-Revision. Meist bedeutet das, dass zwei Zweige jeweils eine Migration auf dieselbe Elternrevision gesetzt haben. Absichtlich getrennt gehaltene Zweige mit Label werden nur als Information gemeldet.</translation>
    </message>
    <message>
        <source>Two developers on a checkout team each added a migration on top of `6d39478753c0` in their own branches, and both pull requests passed CI. After both merged, the deploy&apos;s `alembic upgrade head` stopped with `Multiple head revisions are present for given argument &apos;head&apos;; please specify a specific target revision, &apos;&lt;branchname&gt;@head&apos; to narrow to a specific head, or &apos;heads&apos; for all heads`. The API container restarted in a loop until someone merged the heads.</source>
        <translation>Zwei Entwickler eines Checkout-Teams fügten in ihren eigenen Zweigen jeweils eine Migration auf `6d39478753c0` hinzu, und beide Pull Requests bestanden die CI. Nachdem beide gemergt waren, brach `alembic upgrade head` im Deployment mit `Multiple head revisions are present for given argument &apos;head&apos;; please specify a specific target revision, &apos;&lt;branchname&gt;@head&apos; to narrow to a specific head, or &apos;heads&apos; for all heads` ab. Der API-Container startete in einer Schleife neu, bis jemand die Heads zusammenführte.</translation>
    </message>
    <message>
        <source>Add a merge revision: `alembic merge heads -m &quot;merge heads&quot;`, then review and commit it.
Or, if one migration does not need to run before the other, rebase it: set its `down_revision` to the other head.
For branches kept apart on purpose, deploy with `alembic upgrade heads`.
Run `revscope check --fail-on warning` in CI so the second pull request fails before it merges.</source>
        <translation>Fügen Sie eine Merge-Revision hinzu: `alembic merge heads -m &quot;merge heads&quot;`, prüfen und committen Sie sie dann.
Oder, wenn die eine Migration nicht vor der anderen laufen muss, verschieben Sie sie per Rebase: Setzen Sie ihre `down_revision` auf den anderen Head.
Für absichtlich getrennt gehaltene Zweige deployen Sie mit `alembic upgrade heads`.
Führen Sie `revscope check --fail-on warning` in der CI aus, damit der zweite Pull Request scheitert, bevor er gemergt wird.</translation>
    </message>
    <message>
        <source>More than one revision has `down_revision = None`. Unless they start separate labelled branches on purpose, one of them lost its parent: a squash that kept the old first migration, or a script written by hand. Each base starts its own history, so `alembic upgrade heads` runs both from the start, and there are usually two heads as well.</source>
        <translation>Mehr als eine Revision hat `down_revision = None`. Sofern sie nicht absichtlich getrennte Zweige mit Label beginnen, hat eine von ihnen ihre Elternrevision verloren: durch einen Squash, der die alte erste Migration behalten hat, oder durch ein von Hand geschriebenes Skript. Jede Basis beginnt ihre eigene Historie, daher führt `alembic upgrade heads` beide von Anfang an aus, und meist gibt es auch zwei Heads.</translation>
    </message>
    <message>
        <source>An API team squashed its history into `b891cb8863b5_initial_squashed_migration.py` with `down_revision = None`, but left `001_initial.py`, the old first migration, in the folder. `alembic upgrade head` refused with multiple heads, so the CI job was changed to `alembic upgrade heads`. That ran both bases on the fresh test database and stopped with `psycopg.errors.DuplicateTable: relation &quot;users&quot; already exists`.</source>
        <translation>Ein API-Team fasste seine Historie per Squash in `b891cb8863b5_initial_squashed_migration.py` mit `down_revision = None` zusammen, ließ aber `001_initial.py`, die alte erste Migration, im Ordner. `alembic upgrade head` verweigerte wegen mehrerer Heads, daher wurde der CI-Job auf `alembic upgrade heads` umgestellt. Das führte auf der frischen Testdatenbank beide Basen aus und brach mit `psycopg.errors.DuplicateTable: relation &quot;users&quot; already exists` ab.</translation>
    </message>
    <message>
        <source>If a base should follow another revision, set its `down_revision` to that revision.
If it is a leftover of a squash, delete it once `revscope diff` confirms the squash replaces it.
If the histories are meant to be independent, give each a branch label (`alembic revision --head=base --branch-label=NAME`).</source>
        <translation>Wenn eine Basis einer anderen Revision folgen soll, setzen Sie ihre `down_revision` auf diese Revision.
Wenn sie ein Überbleibsel eines Squash ist, löschen Sie sie, sobald `revscope diff` bestätigt, dass der Squash sie ersetzt.
Wenn die Historien unabhängig sein sollen, geben Sie jeder ein Zweig-Label (`alembic revision --head=base --branch-label=NAME`).</translation>
    </message>
    <message>
        <source>A `.pyc` file whose source is gone, typically left in `__pycache__` after a migration was deleted or squashed (git does not track `__pycache__`, so every checkout keeps its own). With `sourceless = false`, the default, Alembic ignores it, and Python never imports a `__pycache__` file without its source. With `sourceless = true`, Alembic loads it as a migration and the deleted revision comes back. A Docker COPY of the folder carries it into the image unless `.dockerignore` excludes it.</source>
        <translation>Eine `.pyc`-Datei, deren Quelldatei fehlt, typischerweise in `__pycache__` zurückgeblieben, nachdem eine Migration gelöscht oder per Squash ersetzt wurde (git verfolgt `__pycache__` nicht, daher behält jeder Checkout seinen eigenen). Mit `sourceless = false`, der Voreinstellung, ignoriert Alembic sie, und Python importiert nie eine `__pycache__`-Datei ohne ihre Quelldatei. Mit `sourceless = true` lädt Alembic sie als Migration, und die gelöschte Revision kehrt zurück. Ein Docker-COPY des Ordners bringt sie ins Image, sofern `.dockerignore` sie nicht ausschließt.</translation>
    </message>
    <message>
        <source>After squashing into `b891cb8863b5_initial_squashed_migration.py`, a team&apos;s GitHub Actions deploy failed with `Can&apos;t locate revision identified by &apos;a2242b61af45&apos;`. They found `alembic/versions/__pycache__/a2242b61af45_….cpython-311.pyc` in the image and added bytecode clean-ups to .dockerignore, the Dockerfile and the start script. The file was real, and their `*.pyc` rule had indeed missed it (it matches only at the context root). But with `sourceless = false` Alembic never read it: the id came from the database, still stamped at the removed revision (see `db-unknown-revision`).</source>
        <translation>Nach dem Squash in `b891cb8863b5_initial_squashed_migration.py` scheiterte das GitHub-Actions-Deployment eines Teams mit `Can&apos;t locate revision identified by &apos;a2242b61af45&apos;`. Das Team fand `alembic/versions/__pycache__/a2242b61af45_….cpython-311.pyc` im Image und fügte Bytecode-Aufräumschritte in .dockerignore, im Dockerfile und im Startskript hinzu. Die Datei war echt, und seine Regel `*.pyc` hatte sie tatsächlich übersehen (sie greift nur im Stammordner des Kontexts). Aber mit `sourceless = false` las Alembic sie nie: Die ID kam aus der Datenbank, die noch auf die entfernte Revision gestempelt war (siehe `db-unknown-revision`).</translation>
    </message>
    <message>
        <source>Delete it: `revscope clean --apply` (in the app: Clean Up…) moves stray bytecode to the trash, journaled; `revscope clean --undo` puts it back.
Keep bytecode out of images: `revscope clean` also adds `**/__pycache__` and `**/*.pyc` to `.dockerignore` (unless `--no-dockerignore`).
If Alembic reported an error, read the database and release findings too: stray bytecode alone does not break an environment with `sourceless = false`.</source>
        <translation>Löschen Sie sie: `revscope clean --apply` (in der App: Aufräumen…) verschiebt verwaisten Bytecode in den Papierkorb und hält das im Journal fest; `revscope clean --undo` holt ihn zurück.
Halten Sie Bytecode aus Images heraus: `revscope clean` fügt außerdem `**/__pycache__` und `**/*.pyc` zu `.dockerignore` hinzu (außer mit `--no-dockerignore`).
Wenn Alembic einen Fehler gemeldet hat, lesen Sie auch die Befunde zu Datenbank und Releases: Verwaister Bytecode allein macht eine Umgebung mit `sourceless = false` nicht kaputt.</translation>
    </message>
    <message>
        <source>A revision that only bytecode defines: its `.py` is gone, but a `.pyc` in a version location still holds it. With `sourceless = true` Alembic loads it like any script, so a deleted migration is still part of the graph, often as an extra head or base next to the squash that replaced it. With `sourceless = false` Alembic ignores it, but the file still misleads people and ends up in images.</source>
        <translation>Eine Revision, die nur Bytecode definiert: Ihre `.py` ist weg, aber eine `.pyc` in einem Versionsordner enthält sie noch. Mit `sourceless = true` lädt Alembic sie wie jedes Skript, sodass eine gelöschte Migration weiterhin Teil des Graphen ist, oft als zusätzlicher Head oder zusätzliche Basis neben dem Squash, der sie ersetzt hat. Mit `sourceless = false` ignoriert Alembic sie, aber die Datei führt trotzdem Menschen in die Irre und landet in Images.</translation>
    </message>
    <message>
        <source>A team that ships bytecode only (`sourceless = true`, sources stripped from the image) squashed its history. Their build agent reused its workspace, and `versions/__pycache__/` still held the bytecode of every squashed migration, among them `a2242b61af45_add_index.cpython-311.pyc`. Alembic in the image loaded the old chain next to the squash, found two heads, and the release stopped with `Multiple head revisions are present for given argument &apos;head&apos;`.</source>
        <translation>Ein Team, das nur Bytecode ausliefert (`sourceless = true`, Quelldateien aus dem Image entfernt), fasste seine Historie per Squash zusammen. Der Build-Agent des Teams verwendete seinen Workspace wieder, und `versions/__pycache__/` enthielt noch den Bytecode jeder zusammengefassten Migration, darunter `a2242b61af45_add_index.cpython-311.pyc`. Alembic im Image lud die alte Kette neben dem Squash, fand zwei Heads, und das Release brach mit `Multiple head revisions are present for given argument &apos;head&apos;` ab.</translation>
    </message>
    <message>
        <source>If the revision is meant to be gone, delete its bytecode: `revscope clean --apply` (in the app: Clean Up…).
If it is still needed, restore its `.py` from version control.
Build images from a clean checkout, exclude `**/__pycache__` and `**/*.pyc` in `.dockerignore`, and compile inside the image if you ship bytecode (`python -m compileall`).</source>
        <translation>Wenn die Revision weg sein soll, löschen Sie ihren Bytecode: `revscope clean --apply` (in der App: Aufräumen…).
Wenn sie noch gebraucht wird, stellen Sie ihre `.py` aus der Versionsverwaltung wieder her.
Bauen Sie Images aus einem sauberen Checkout, schließen Sie `**/__pycache__` und `**/*.pyc` in `.dockerignore` aus, und kompilieren Sie im Image, wenn Sie Bytecode ausliefern (`python -m compileall`).</translation>
    </message>
    <message>
        <source>A `.pyc` compiled from an earlier version of its source. Usually harmless: Python compares the source&apos;s time stamp and size (or hash) and recompiles, and Alembic prefers the source. It matters in two cases: an unchecked-hash `.pyc` is never compared with its source, so the old code runs; and with `sourceless = true`, deleting the source would make this older bytecode the migration.</source>
        <translation>Eine `.pyc`, die aus einer früheren Fassung ihrer Quelldatei kompiliert wurde. Meist harmlos: Python vergleicht Zeitstempel und Größe (oder Hash) der Quelldatei und kompiliert neu, und Alembic bevorzugt die Quelldatei. Es zählt in zwei Fällen: Eine `.pyc` mit ungeprüftem Hash (unchecked-hash) wird nie mit ihrer Quelldatei verglichen, also läuft der alte Code; und mit `sourceless = true` würde dieser ältere Bytecode zur Migration, sobald die Quelldatei gelöscht wird.</translation>
    </message>
    <message>
        <source>To start containers faster, a team compiled its image with `python -m compileall --invalidation-mode unchecked-hash`. A hotfix later copied one corrected migration into the image in a new layer, after the compile step. Python kept running the old bytecode, because unchecked-hash files are never checked against their source: `alembic upgrade head` reported success, and the index the hotfix added never appeared.</source>
        <translation>Damit Container schneller starten, kompilierte ein Team sein Image mit `python -m compileall --invalidation-mode unchecked-hash`. Ein Hotfix kopierte später eine korrigierte Migration in einem neuen Layer ins Image, nach dem Kompilierschritt. Python führte weiter den alten Bytecode aus, weil Dateien mit unchecked-hash nie mit ihrer Quelldatei abgeglichen werden: `alembic upgrade head` meldete Erfolg, und der Index, den der Hotfix hinzufügte, erschien nie.</translation>
    </message>
    <message>
        <source>Delete it; Python writes fresh bytecode when it needs it: `revscope clean --stale --apply` (in the app: Clean Up… with stale bytecode included).
Compile as the last step of an image, after every COPY of Python code, or keep the default time-stamp mode (or `checked-hash`).
Exclude `**/__pycache__` from the build context so host bytecode never mixes in.</source>
        <translation>Löschen Sie sie; Python schreibt bei Bedarf neuen Bytecode: `revscope clean --stale --apply` (in der App: Aufräumen… mit veraltetem Bytecode).
Kompilieren Sie als letzten Schritt eines Images, nach jedem COPY von Python-Code, oder behalten Sie den Standardmodus mit Zeitstempeln bei (oder `checked-hash`).
Schließen Sie `**/__pycache__` aus dem Build-Kontext aus, damit sich nie Bytecode des Hosts daruntermischt.</translation>
    </message>
    <message>
        <source>A `.pyc` Revscope cannot read as bytecode: truncated, with an unknown magic number or broken marshal data, or not bytecode at all. Python recompiles it when its source exists. With `sourceless = true` and no source, Alembic tries to load it and stops, typically with `ImportError: bad magic number` or `EOFError: marshal data too short`.</source>
        <translation>Eine `.pyc`, die Revscope nicht als Bytecode lesen kann: abgeschnitten, mit unbekannter Magic Number oder defekten marshal-Daten, oder gar kein Bytecode. Python kompiliert sie neu, wenn ihre Quelldatei existiert. Mit `sourceless = true` und ohne Quelldatei versucht Alembic, sie zu laden, und bricht ab, typischerweise mit `ImportError: bad magic number` oder `EOFError: marshal data too short`.</translation>
    </message>
    <message>
        <source>A team deployed sourceless releases to a virtual machine by copying only the compiled migrations. One transfer was cut off halfway, and the job still reported success. The next `alembic upgrade head` on that machine stopped with `EOFError: marshal data too short`, raised while Alembic loaded the truncated file.</source>
        <translation>Ein Team lieferte Releases ohne Quelldateien auf eine virtuelle Maschine aus, indem es nur die kompilierten Migrationen kopierte. Eine Übertragung brach mittendrin ab, und der Job meldete trotzdem Erfolg. Das nächste `alembic upgrade head` auf dieser Maschine brach mit `EOFError: marshal data too short` ab, ausgelöst, als Alembic die abgeschnittene Datei lud.</translation>
    </message>
    <message>
        <source>Delete the file (`revscope clean` leaves corrupt bytecode alone, so remove it by hand); Python recompiles it from the source.
For a sourceless release, rebuild the bytecode from the sources with the Python version that runs it, and copy it again.
Exclude `**/__pycache__` and `**/*.pyc` from the Docker build context.</source>
        <translation>Löschen Sie die Datei (`revscope clean` lässt beschädigten Bytecode unangetastet, entfernen Sie ihn also von Hand); Python kompiliert sie aus der Quelldatei neu.
Bauen Sie für ein Release ohne Quelldateien den Bytecode mit der Python-Version, die ihn ausführt, aus den Quelldateien neu und kopieren Sie ihn erneut.
Schließen Sie `**/__pycache__` und `**/*.pyc` aus dem Docker-Build-Kontext aus.</translation>
    </message>
    <message>
        <source>Revscope could not connect to the database given with `--db` (or in the Connect dialog), or connected but could not read the version table. Nothing is known about the database&apos;s state, so the other database findings are missing. The command line exits with code 3.</source>
        <translation>Revscope konnte sich nicht mit der Datenbank verbinden, die mit `--db` (oder im Verbindungsdialog) angegeben wurde, oder hat sich verbunden, konnte aber die Versionstabelle nicht lesen. Über den Zustand der Datenbank ist nichts bekannt, daher fehlen die anderen Datenbank-Befunde. Die Kommandozeile endet mit Exit-Code 3.</translation>
    </message>
    <message>
        <source>A developer ran `revscope check --db ini` on a laptop. The ini&apos;s `sqlalchemy.url` pointed at host `db`, the compose service name, which resolves only inside the compose network, so the connection failed with `could not translate host name &quot;db&quot; to address`. The containers were fine: the URL was right for them and wrong for the laptop.</source>
        <translation>Ein Entwickler führte `revscope check --db ini` auf einem Laptop aus. Die `sqlalchemy.url` der ini zeigte auf den Host `db`, den Namen des Compose-Dienstes, der sich nur innerhalb des Compose-Netzwerks auflösen lässt, daher scheiterte die Verbindung mit `could not translate host name &quot;db&quot; to address`. Die Container waren in Ordnung: Die URL war für sie richtig und für den Laptop falsch.</translation>
    </message>
    <message>
        <source>Check host, port, user, password and database name; from the host, use the published port, e.g. `--db postgresql+psycopg://app:PASSWORD@localhost:5432/app`.
Check that the server accepts connections from this machine (pg_hba.conf, bind-address, firewalls).
If Revscope connected but could not read, check that the user may SELECT from the version table, and that its name and schema match env.py (`--version-table`, `--version-table-schema`).</source>
        <translation>Prüfen Sie Host, Port, Benutzer, Passwort und Datenbankname; verwenden Sie vom Host aus den veröffentlichten Port, z. B. `--db postgresql+psycopg://app:PASSWORD@localhost:5432/app`.
Prüfen Sie, ob der Server Verbindungen von diesem Rechner annimmt (pg_hba.conf, bind-address, Firewalls).
Wenn Revscope sich verbunden hat, aber nicht lesen konnte, prüfen Sie, ob der Benutzer SELECT auf die Versionstabelle ausführen darf und ob deren Name und Schema zu env.py passen (`--version-table`, `--version-table-schema`).</translation>
    </message>
    <message>
        <source>The database has no version table (`alembic_version` by default), or an empty one. Alembic treats it as never migrated: `alembic upgrade head` runs every migration from the first. That is right for a new database, and wrong for one whose tables were created another way, or when env.py names another version table than the one Revscope read.</source>
        <translation>Die Datenbank hat keine Versionstabelle (standardmäßig `alembic_version`) oder eine leere. Alembic behandelt sie als nie migriert: `alembic upgrade head` führt jede Migration ab der ersten aus. Das ist richtig für eine neue Datenbank und falsch für eine, deren Tabellen auf anderem Weg angelegt wurden, oder wenn env.py eine andere Versionstabelle nennt als die, die Revscope gelesen hat.</translation>
    </message>
    <message>
        <source>A team had created its schema with `Base.metadata.create_all()` at application start for a year, then introduced Alembic with an initial migration creating the same tables. The first deploy ran `alembic upgrade head` against production, and the initial migration stopped with `psycopg.errors.DuplicateTable: relation &quot;users&quot; already exists`. The database had never been stamped, so Alembic could not know the tables were already there.</source>
        <translation>Ein Team hatte sein Schema ein Jahr lang beim Start der Anwendung mit `Base.metadata.create_all()` angelegt und führte dann Alembic mit einer initialen Migration ein, die dieselben Tabellen anlegte. Das erste Deployment führte `alembic upgrade head` gegen die Produktion aus, und die initiale Migration brach mit `psycopg.errors.DuplicateTable: relation &quot;users&quot; already exists` ab. Die Datenbank war nie gestempelt worden, daher konnte Alembic nicht wissen, dass die Tabellen schon da waren.</translation>
    </message>
    <message>
        <source>For a new, empty database, run `alembic upgrade head`.
For a database whose schema already matches a revision, record that without migrating: `alembic stamp &lt;revision&gt;`, or `revscope db stamp --db URL &lt;revision&gt; --yes` (in the app: Database ▸ Stamp…). Compare the schema first: an autogenerated revision (`alembic revision --autogenerate`) should come out empty.
If env.py passes `version_table=` or `version_table_schema=`, give Revscope the same names (`--version-table`, `--version-table-schema`).</source>
        <translation>Führen Sie für eine neue, leere Datenbank `alembic upgrade head` aus.
Für eine Datenbank, deren Schema bereits einer Revision entspricht, halten Sie das ohne Migration fest: `alembic stamp &lt;revision&gt;` oder `revscope db stamp --db URL &lt;revision&gt; --yes` (in der App: Datenbank ▸ Stempeln…). Vergleichen Sie vorher das Schema: Eine automatisch erzeugte Revision (`alembic revision --autogenerate`) sollte leer ausfallen.
Wenn env.py `version_table=` oder `version_table_schema=` übergibt, geben Sie Revscope dieselben Namen an (`--version-table`, `--version-table-schema`).</translation>
    </message>
    <message>
        <source>The version table holds a revision id that no script Alembic loads defines (or a prefix of several). Every command that reads the database (`upgrade`, `downgrade`, `current`, `stamp` without `--purge`) stops with `Can&apos;t locate revision identified by &apos;...&apos;`. It follows a squash or a deleted migration, or a database migrated from another branch or a newer release.</source>
        <translation>Die Versionstabelle enthält eine Revisions-ID, die kein von Alembic geladenes Skript definiert (oder ein Präfix mehrerer). Jeder Befehl, der die Datenbank liest (`upgrade`, `downgrade`, `current`, `stamp` ohne `--purge`), bricht mit `Can&apos;t locate revision identified by &apos;...&apos;` ab. Ursache ist ein Squash oder eine gelöschte Migration, oder die Datenbank wurde von einem anderen Zweig oder einem neueren Release aus migriert.</translation>
    </message>
    <message>
        <source>A team squashed its migrations into `b891cb8863b5_initial_squashed_migration.py` and deleted `a2242b61af45` with the others. Production&apos;s `alembic_version` still said `a2242b61af45`, so the GitHub Actions deploy failed with `Can&apos;t locate revision identified by &apos;a2242b61af45&apos;`. The team blamed a stale `.pyc` of that revision found in the image and added cache clean-ups in three places. But Alembic had read the id from the database, and only a stamp at the revision whose schema the database had would let it continue.</source>
        <translation>Ein Team fasste seine Migrationen per Squash in `b891cb8863b5_initial_squashed_migration.py` zusammen und löschte `a2242b61af45` mit den anderen. In `alembic_version` der Produktion stand noch `a2242b61af45`, daher scheiterte das GitHub-Actions-Deployment mit `Can&apos;t locate revision identified by &apos;a2242b61af45&apos;`. Das Team machte eine veraltete `.pyc` dieser Revision im Image verantwortlich und fügte an drei Stellen Cache-Aufräumschritte hinzu. Aber Alembic hatte die ID aus der Datenbank gelesen, und nur ein Stempeln auf die Revision, deren Schema die Datenbank hatte, hätte es weitermachen lassen.</translation>
    </message>
    <message>
        <source>Find the revision of this checkout whose schema the database has; after a squash, the replacing revision (`revscope diff --from &lt;last release&gt; --to HEAD` shows which replaced which).
Stamp it without migrating: `revscope db stamp --db URL &lt;revision&gt; --yes` (in the app: Database ▸ Stamp…, undoable), or `alembic stamp --purge &lt;revision&gt;`.
If the database came from another branch or a newer release, check that out and run `alembic downgrade` there instead.
Then delete stray bytecode of the removed revision (`revscope clean --apply`) so it cannot mislead anyone again.</source>
        <translation>Suchen Sie die Revision dieses Checkouts, deren Schema die Datenbank hat; nach einem Squash ist es die ersetzende Revision (`revscope diff --from &lt;last release&gt; --to HEAD` zeigt, welche Revision welche ersetzt hat).
Stempeln Sie sie ohne Migration: `revscope db stamp --db URL &lt;revision&gt; --yes` (in der App: Datenbank ▸ Stempeln…, rückgängig machbar) oder `alembic stamp --purge &lt;revision&gt;`.
Wenn die Datenbank von einem anderen Zweig oder einem neueren Release stammt, checken Sie diesen aus und führen Sie dort stattdessen `alembic downgrade` aus.
Löschen Sie danach verwaisten Bytecode der entfernten Revision (`revscope clean --apply`), damit er niemanden mehr in die Irre führen kann.</translation>
    </message>
    <message>
        <source>The version table holds a revision and also one of its ancestors. Alembic keeps one row per branch head, so this state comes from editing the table by hand or from a broken tool. `alembic upgrade` stops with `Requested revision X overlaps with other requested revisions Y`.</source>
        <translation>Die Versionstabelle enthält eine Revision und zugleich einen ihrer Vorfahren. Alembic führt eine Zeile pro Zweig-Head, daher entsteht dieser Zustand nur durch Bearbeiten der Tabelle von Hand oder durch ein fehlerhaftes Werkzeug. `alembic upgrade` bricht mit `Requested revision X overlaps with other requested revisions Y` ab.</translation>
    </message>
    <message>
        <source>A deploy failed halfway, and the on-call engineer repaired the version table by hand with `INSERT INTO alembic_version VALUES (&apos;c3d4e5f6a7b8&apos;)` instead of an `UPDATE`. The table now held the new revision and its parent. Every following deploy stopped with `Requested revision c3d4e5f6a7b8 overlaps with other requested revisions 9a8b7c6d5e4f`.</source>
        <translation>Ein Deployment scheiterte mittendrin, und der Entwickler im Bereitschaftsdienst reparierte die Versionstabelle von Hand mit `INSERT INTO alembic_version VALUES (&apos;c3d4e5f6a7b8&apos;)` statt mit einem `UPDATE`. Die Tabelle enthielt nun die neue Revision und ihre Elternrevision. Jedes folgende Deployment brach mit `Requested revision c3d4e5f6a7b8 overlaps with other requested revisions 9a8b7c6d5e4f` ab.</translation>
    </message>
    <message>
        <source>Keep one row per branch, the newest: `revscope db stamp --db URL &lt;revision&gt; --yes` (in the app: Database ▸ Stamp…), or `alembic stamp --purge &lt;revision&gt;`.
Do not edit `alembic_version` by hand; `alembic stamp` writes it consistently.</source>
        <translation>Behalten Sie eine Zeile pro Zweig, die neueste: `revscope db stamp --db URL &lt;revision&gt; --yes` (in der App: Datenbank ▸ Stempeln…) oder `alembic stamp --purge &lt;revision&gt;`.
Bearbeiten Sie `alembic_version` nicht von Hand; `alembic stamp` schreibt die Tabelle konsistent.</translation>
    </message>
    <message>
        <source>The database is behind a head: there are migrations it has not run yet. That is normal just before a deploy. It is a problem when the application&apos;s code already expects the new schema, or when a deploy believes it ran the migrations.</source>
        <translation>Die Datenbank liegt hinter einem Head zurück: Es gibt Migrationen, die sie noch nicht ausgeführt hat. Kurz vor einem Deployment ist das normal. Ein Problem ist es, wenn der Code der Anwendung bereits das neue Schema erwartet oder wenn ein Deployment glaubt, die Migrationen ausgeführt zu haben.</translation>
    </message>
    <message>
        <source>A team moved `alembic upgrade head` out of the API&apos;s start command into a one-off `migrate` service of its development compose file. The production compose file never got that service. Releases went out for a week with three migrations pending, and the API failed only when a request touched a new column: `column subscriptions.trial_ends_at does not exist`.</source>
        <translation>Ein Team verlegte `alembic upgrade head` aus dem Startbefehl der API in einen einmaligen Dienst `migrate` seiner Compose-Datei für die Entwicklung. Die Compose-Datei der Produktion bekam diesen Dienst nie. Eine Woche lang gingen Releases mit drei ausstehenden Migrationen hinaus, und die API scheiterte erst, wenn eine Anfrage eine neue Spalte berührte: `column subscriptions.trial_ends_at does not exist`.</translation>
    </message>
    <message>
        <source>Run `alembic upgrade head` (or `alembic upgrade heads` with several heads) against the database.
Run migrations as part of every deploy, before the new code serves requests, and check that the production service really runs them: `revscope image --compose FILE --service NAME` shows its command.
`revscope db status --db URL` lists what is pending.</source>
        <translation>Führen Sie `alembic upgrade head` (oder bei mehreren Heads `alembic upgrade heads`) gegen die Datenbank aus.
Führen Sie Migrationen bei jedem Deployment aus, bevor der neue Code Anfragen bedient, und prüfen Sie, ob der Produktionsdienst sie wirklich ausführt: `revscope image --compose FILE --service NAME` zeigt seinen Befehl.
`revscope db status --db URL` listet auf, was aussteht.</translation>
    </message>
    <message>
        <source>env.py passes `version_table=` or `version_table_schema=` to `context.configure()` as an expression (a variable, a call, `**kwargs`) that Revscope cannot read without running Python. Revscope then reads the default `alembic_version` (or the name it was given), which may not be the table Alembic uses, so its database findings may describe the wrong table.</source>
        <translation>env.py übergibt `version_table=` oder `version_table_schema=` an `context.configure()` als Ausdruck (eine Variable, ein Aufruf, `**kwargs`), den Revscope nicht lesen kann, ohne Python auszuführen. Revscope liest dann die Standardtabelle `alembic_version` (oder die Tabelle mit dem Namen, den es erhalten hat), die womöglich nicht die Tabelle ist, die Alembic verwendet, daher beschreiben seine Datenbank-Befunde womöglich die falsche Tabelle.</translation>
    </message>
    <message>
        <source>A multi-tenant service kept one version table per tenant, with `version_table=f&quot;alembic_version_{tenant}&quot;`. Read with the default name, the database looked never migrated (`db-no-version-table`), and a developer nearly stamped it. The table existed; only its name was computed.</source>
        <translation>Ein mandantenfähiger Dienst führte eine Versionstabelle pro Mandant, mit `version_table=f&quot;alembic_version_{tenant}&quot;`. Mit dem Standardnamen gelesen, sah die Datenbank wie nie migriert aus (`db-no-version-table`), und ein Entwickler hätte sie beinahe gestempelt. Die Tabelle existierte; nur ihr Name wurde berechnet.</translation>
    </message>
    <message>
        <source>If the name is fixed, pass a string literal in env.py.
Otherwise tell Revscope the name: `--version-table NAME` and `--version-table-schema SCHEMA` on the command line, or the override in the Connect dialog.</source>
        <translation>Wenn der Name feststeht, übergeben Sie in env.py ein String-Literal.
Andernfalls teilen Sie Revscope den Namen mit: `--version-table NAME` und `--version-table-schema SCHEMA` auf der Kommandozeile oder die Überschreibung im Verbindungsdialog.</translation>
    </message>
    <message>
        <source>env.py calls `context.configure()` more than once (for example in offline and online mode) with different `version_table` or `version_table_schema` values. Alembic uses the call of the mode it runs in; Revscope reads the first. When they differ by mistake, SQL scripts generated offline and online migrations record versions in different tables.</source>
        <translation>env.py ruft `context.configure()` mehr als einmal auf (zum Beispiel im Offline- und im Online-Modus), mit unterschiedlichen Werten für `version_table` oder `version_table_schema`. Alembic verwendet den Aufruf des Modus, in dem es läuft; Revscope liest den ersten. Wenn sie sich versehentlich unterscheiden, halten offline erzeugte SQL-Skripte und Online-Migrationen die Versionen in verschiedenen Tabellen fest.</translation>
    </message>
    <message>
        <source>A team generated SQL for its DBA with `alembic upgrade head --sql`. The offline branch of env.py still used the default table, while the online branch had moved to `version_table_schema=&quot;meta&quot;`. The DBA&apos;s script recorded the revision in `public.alembic_version`; the next online `alembic upgrade head` read `meta.alembic_version`, found it behind, and tried to run the same migrations again.</source>
        <translation>Ein Team erzeugte mit `alembic upgrade head --sql` SQL für seinen DBA. Der Offline-Pfad von env.py verwendete noch die Standardtabelle, während der Online-Pfad auf `version_table_schema=&quot;meta&quot;` umgestellt worden war. Das Skript des DBA hielt die Revision in `public.alembic_version` fest; das nächste Online-`alembic upgrade head` las `meta.alembic_version`, fand sie im Rückstand und versuchte, dieselben Migrationen erneut auszuführen.</translation>
    </message>
    <message>
        <source>Make every `configure()` call pass the same `version_table` and `version_table_schema`: set them once in a variable both calls use.
Tell Revscope which one the online migration uses: `--version-table` and `--version-table-schema`, or the Connect dialog.</source>
        <translation>Lassen Sie jeden `configure()`-Aufruf dieselben Werte für `version_table` und `version_table_schema` übergeben: Setzen Sie sie einmal in einer Variablen, die beide Aufrufe verwenden.
Teilen Sie Revscope mit, welche Werte die Online-Migration verwendet: mit `--version-table` und `--version-table-schema` oder im Verbindungsdialog.</translation>
    </message>
    <message>
        <source>A script recorded in revscope.lock (written by `revscope lock` at a release) has changed since: its sha256 differs. Databases that already ran the revision never run it again, so new databases and upgraded ones end up with different schemas.</source>
        <translation>Ein in revscope.lock festgehaltenes Skript (geschrieben von `revscope lock` bei einem Release) hat sich seitdem geändert: Sein sha256 weicht ab. Datenbanken, die die Revision bereits ausgeführt haben, führen sie nie wieder aus, daher haben neue und aktualisierte Datenbanken am Ende unterschiedliche Schemas.</translation>
    </message>
    <message>
        <source>After v2.3 shipped, a developer fixed a misspelt column in a released migration, renaming `emial` to `email` in place. New CI databases got `email`; production, which had run the migration weeks before, kept `emial`. The next migration&apos;s `op.alter_column(&quot;users&quot;, &quot;email&quot;, nullable=False)` then failed in production with `column &quot;email&quot; of relation &quot;users&quot; does not exist`.</source>
        <translation>Nach der Auslieferung von v2.3 korrigierte ein Entwickler einen falsch geschriebenen Spaltennamen in einer veröffentlichten Migration, indem er `emial` direkt dort in `email` umbenannte. Neue CI-Datenbanken erhielten `email`; die Produktion, die die Migration Wochen zuvor ausgeführt hatte, behielt `emial`. Das `op.alter_column(&quot;users&quot;, &quot;email&quot;, nullable=False)` der nächsten Migration scheiterte dann in der Produktion mit `column &quot;email&quot; of relation &quot;users&quot; does not exist`.</translation>
    </message>
    <message>
        <source>Revert the edit (`git diff &lt;release tag&gt; -- FILE` shows it) and make the change in a new migration.
If the edit is harmless (a comment, formatting), accept it: run `revscope lock` and commit revscope.lock.
`revscope diff --from &lt;release tag&gt; --to HEAD` lists every edited revision.</source>
        <translation>Machen Sie die Änderung rückgängig (`git diff &lt;release tag&gt; -- FILE` zeigt sie) und nehmen Sie sie in einer neuen Migration vor.
Wenn die Änderung harmlos ist (ein Kommentar, Formatierung), akzeptieren Sie sie: Führen Sie `revscope lock` aus und committen Sie revscope.lock.
`revscope diff --from &lt;release tag&gt; --to HEAD` listet jede bearbeitete Revision auf.</translation>
    </message>
    <message>
        <source>A revision recorded in revscope.lock is no longer defined by any script. Databases stamped at it stop with `Can&apos;t locate revision identified by &apos;...&apos;`, and scripts that still follow it stop with a missing parent. A squash is the usual cause.</source>
        <translation>Eine in revscope.lock festgehaltene Revision wird von keinem Skript mehr definiert. Datenbanken, die auf sie gestempelt sind, brechen mit `Can&apos;t locate revision identified by &apos;...&apos;` ab, und Skripte, die ihr noch folgen, scheitern an einer fehlenden Elternrevision. Die übliche Ursache ist ein Squash.</translation>
    </message>
    <message>
        <source>A team squashed forty migrations into `b891cb8863b5_initial_squashed_migration.py` to speed up test databases. The lock file written at the v1.4.0 release still listed `a2242b61af45`, the revision production was at. The squash was merged without a plan for the databases already out there, and the next deploy failed with `Can&apos;t locate revision identified by &apos;a2242b61af45&apos;`.</source>
        <translation>Ein Team fasste vierzig Migrationen per Squash in `b891cb8863b5_initial_squashed_migration.py` zusammen, damit Testdatenbanken schneller entstehen. Die beim Release v1.4.0 geschriebene Lock-Datei listete noch `a2242b61af45` auf, die Revision, auf der die Produktion stand. Der Squash wurde ohne Plan für die bereits ausgerollten Datenbanken gemergt, und das nächste Deployment scheiterte mit `Can&apos;t locate revision identified by &apos;a2242b61af45&apos;`.</translation>
    </message>
    <message>
        <source>If the removal was a mistake, restore the script from the release tag.
If it is a reviewed squash, keep the old revisions until every database is past them, or stamp each database at the replacing revision (`revscope db stamp --db URL &lt;revision&gt; --yes`) as part of the deploy.
Then run `revscope lock` to record the new state; `revscope diff --from &lt;release tag&gt; --to HEAD` shows which revision replaced which.</source>
        <translation>Wenn das Entfernen ein Versehen war, stellen Sie das Skript aus dem Release-Tag wieder her.
Wenn es ein geprüfter Squash ist, behalten Sie die alten Revisionen, bis jede Datenbank über sie hinaus ist, oder stempeln Sie jede Datenbank als Teil des Deployments auf die ersetzende Revision (`revscope db stamp --db URL &lt;revision&gt; --yes`).
Führen Sie dann `revscope lock` aus, um den neuen Stand festzuhalten; `revscope diff --from &lt;release tag&gt; --to HEAD` zeigt, welche Revision welche ersetzt hat.</translation>
    </message>
    <message>
        <source>Comparing two versions (`revscope diff`, or Compare in the app), a head of the older graph was removed and no revision of the newer one replaces it. Every database that was up to date with the older version is at that head, and has nothing to upgrade from: Alembic cannot locate its revision.</source>
        <translation>Beim Vergleich zweier Versionen (`revscope diff` oder „Versionen vergleichen“ in der App) wurde ein Head des älteren Graphen entfernt, und keine Revision des neueren ersetzt ihn. Jede Datenbank, die mit der älteren Version aktuell war, steht auf diesem Head und hat keinen Ausgangspunkt für ein Upgrade: Alembic kann ihre Revision nicht finden.</translation>
    </message>
    <message>
        <source>A developer squashed migrations on a branch and, to start clean, also deleted the newest migration, `f0e1d2c3b4a5`, planning to add it again later. The squash replaced everything before it, but nothing replaced the head itself. Staging, which was at `f0e1d2c3b4a5`, failed the next deploy with `Can&apos;t locate revision identified by &apos;f0e1d2c3b4a5&apos;`.</source>
        <translation>Ein Entwickler fasste Migrationen in einem Zweig per Squash zusammen und löschte, um sauber anzufangen, auch die neueste Migration, `f0e1d2c3b4a5`, mit dem Plan, sie später wieder hinzuzufügen. Der Squash ersetzte alles davor, aber nichts ersetzte den Head selbst. Staging stand auf `f0e1d2c3b4a5` und scheiterte beim nächsten Deployment mit `Can&apos;t locate revision identified by &apos;f0e1d2c3b4a5&apos;`.</translation>
    </message>
    <message>
        <source>Make the squash include the old head: its schema is what every up-to-date database has.
If a new revision does replace it, tell Revscope: `revscope diff --from &lt;old&gt; --to &lt;new&gt; --squash NEW=OLD1,OLD2`; saying &quot;squash&quot; in the new revision&apos;s message helps it infer that by itself.
Plan a stamp for every database at the old head: `revscope db stamp --db URL &lt;replacing revision&gt; --yes`.</source>
        <translation>Lassen Sie den Squash den alten Head einschließen: Sein Schema hat jede aktuelle Datenbank.
Wenn eine neue Revision ihn tatsächlich ersetzt, teilen Sie das Revscope mit: `revscope diff --from &lt;old&gt; --to &lt;new&gt; --squash NEW=OLD1,OLD2`; das Wort „squash“ in der Nachricht der neuen Revision hilft Revscope, das selbst abzuleiten.
Planen Sie ein Stempeln für jede Datenbank auf dem alten Head: `revscope db stamp --db URL &lt;replacing revision&gt; --yes`.</translation>
    </message>
    <message>
        <source>Revscope maps each head of the older graph to the newer one: to itself if it survived, or to the revision that replaced it. This head maps to a revision that no head of the newer graph descends from, so a database at it cannot reach any head by upgrading.</source>
        <translation>Revscope ordnet jeden Head des älteren Graphen dem neueren zu: sich selbst, wenn er erhalten blieb, oder der Revision, die ihn ersetzt hat. Dieser Head wird einer Revision zugeordnet, von der kein Head des neueren Graphen abstammt, daher kann eine Datenbank auf diesem Head durch Upgrades keinen Head erreichen.</translation>
    </message>
    <message>
        <source>A project with two environments, `alembic.ini` and `reporting.ini`, squashed both histories, and the reporting squash landed in the main environment&apos;s versions folder by mistake. Comparing the releases, the old reporting head `5b6c7d8e9f01` had no counterpart among the new reporting heads. Shipped as it was, `alembic -c reporting.ini upgrade head` would have stopped on every reporting database with `Can&apos;t locate revision identified by &apos;5b6c7d8e9f01&apos;`.</source>
        <translation>Ein Projekt mit zwei Umgebungen, `alembic.ini` und `reporting.ini`, fasste beide Historien per Squash zusammen, und der Reporting-Squash landete versehentlich im versions-Ordner der Hauptumgebung. Beim Vergleich der Releases hatte der alte Reporting-Head `5b6c7d8e9f01` kein Gegenstück unter den neuen Reporting-Heads. So ausgeliefert, wäre `alembic -c reporting.ini upgrade head` auf jeder Reporting-Datenbank mit `Can&apos;t locate revision identified by &apos;5b6c7d8e9f01&apos;` abgebrochen.</translation>
    </message>
    <message>
        <source>Find the revision that should continue the old head&apos;s history, and make the newer heads descend from it (the `down_revision` of the first migration after the squash).
Check the mapping Revscope inferred with `revscope diff --from &lt;old&gt; --to &lt;new&gt;`, and correct it with `--squash NEW=OLD1,OLD2` when it is wrong.
Plan a stamp for the databases at the old head.</source>
        <translation>Suchen Sie die Revision, die die Historie des alten Heads fortsetzen soll, und lassen Sie die neueren Heads von ihr abstammen (über die `down_revision` der ersten Migration nach dem Squash).
Prüfen Sie die von Revscope abgeleitete Zuordnung mit `revscope diff --from &lt;old&gt; --to &lt;new&gt;`, und korrigieren Sie sie mit `--squash NEW=OLD1,OLD2`, wenn sie falsch ist.
Planen Sie ein Stempeln für die Datenbanken auf dem alten Head.</translation>
    </message>
    <message>
        <source>A head of the newer graph corresponds to no head of the older one: it descends from no old head and from no revision that replaced one. Often a migration written before the squash still hangs off a revision the squash kept, so the new version has two heads and only one continues the old history.</source>
        <translation>Ein Head des neueren Graphen entspricht keinem Head des älteren: Er stammt weder von einem alten Head ab noch von einer Revision, die einen ersetzt hat. Oft hängt eine vor dem Squash geschriebene Migration noch an einer Revision, die der Squash behalten hat, sodass die neue Version zwei Heads hat und nur einer davon die alte Historie fortsetzt.</translation>
    </message>
    <message>
        <source>A team squashed everything after `001_initial` into `b891cb8863b5`. A long-lived branch, merged a week later, added `d4e5f6a7b8c9_add_audit_log.py` with `down_revision = &apos;001&apos;`. The new version had two heads, `b891cb8863b5` and `d4e5f6a7b8c9`, and the deploy&apos;s `alembic upgrade head` stopped with `Multiple head revisions are present for given argument &apos;head&apos;`.</source>
        <translation>Ein Team fasste alles nach `001_initial` per Squash in `b891cb8863b5` zusammen. Ein langlebiger Zweig, der eine Woche später gemergt wurde, fügte `d4e5f6a7b8c9_add_audit_log.py` mit `down_revision = &apos;001&apos;` hinzu. Die neue Version hatte zwei Heads, `b891cb8863b5` und `d4e5f6a7b8c9`, und `alembic upgrade head` brach im Deployment mit `Multiple head revisions are present for given argument &apos;head&apos;` ab.</translation>
    </message>
    <message>
        <source>If the new head is a migration written before the squash, set its `down_revision` to the current head so there is one history.
If two heads are intended, deploy with `alembic upgrade heads`; otherwise join them with `alembic merge heads`.
Compare again with `revscope diff`.</source>
        <translation>Wenn der neue Head eine vor dem Squash geschriebene Migration ist, setzen Sie ihre `down_revision` auf den aktuellen Head, damit es nur eine Historie gibt.
Wenn zwei Heads beabsichtigt sind, deployen Sie mit `alembic upgrade heads`; andernfalls führen Sie sie mit `alembic merge heads` zusammen.
Vergleichen Sie erneut mit `revscope diff`.</translation>
    </message>
    <message>
        <source>After a squash, a remaining script still names a removed revision in `down_revision` or `depends_on`. Alembic stops loading with a `KeyError` on that id, as for any missing parent, so nothing runs.</source>
        <translation>Nach einem Squash nennt ein verbliebenes Skript in `down_revision` oder `depends_on` noch eine entfernte Revision. Alembic bricht das Laden mit einem `KeyError` zu dieser ID ab, wie bei jeder fehlenden Elternrevision, daher läuft nichts.</translation>
    </message>
    <message>
        <source>A squash replaced `a2242b61af45` and its ancestors with `b891cb8863b5`. The migration after it, `c3d4e5f6a7b8_add_catch_all.py`, was kept, but the author of the squash updated only its docstring: `down_revision` still said `a2242b61af45`. Every environment failed at the next deploy with `KeyError: &apos;a2242b61af45&apos;`.</source>
        <translation>Ein Squash ersetzte `a2242b61af45` und seine Vorfahren durch `b891cb8863b5`. Die Migration danach, `c3d4e5f6a7b8_add_catch_all.py`, wurde behalten, aber der Autor des Squash aktualisierte nur ihren Docstring: In `down_revision` stand noch `a2242b61af45`. Jede Umgebung scheiterte beim nächsten Deployment mit `KeyError: &apos;a2242b61af45&apos;`.</translation>
    </message>
    <message>
        <source>Point the reference at the revision that replaces the removed one (the finding names it), e.g. `down_revision = &quot;b891cb8863b5&quot;`.
Update the docstring&apos;s `Revises:` line to match.
Compare again with `revscope diff --from &lt;before&gt; --to &lt;after&gt;`: no dangling reference should remain.</source>
        <translation>Lassen Sie den Verweis auf die Revision zeigen, die die entfernte ersetzt (der Befund nennt sie), z. B. `down_revision = &quot;b891cb8863b5&quot;`.
Passen Sie die Docstring-Zeile `Revises:` entsprechend an.
Vergleichen Sie erneut mit `revscope diff --from &lt;before&gt; --to &lt;after&gt;`: Es sollte kein Verweis ins Leere übrig bleiben.</translation>
    </message>
    <message>
        <source>After a squash, a `.pyc` of the newer version still defines a removed revision. With `sourceless = true` Alembic loads it and the removed revision comes back next to its replacement; copied into an image, it misleads whoever debugs the next failure.</source>
        <translation>Nach einem Squash definiert eine `.pyc` der neueren Version noch eine entfernte Revision. Mit `sourceless = true` lädt Alembic sie, und die entfernte Revision kehrt neben ihrem Ersatz zurück; in ein Image kopiert, führt sie jeden in die Irre, der den nächsten Fehler untersucht.</translation>
    </message>
    <message>
        <source>A team squashed into `b891cb8863b5` and pushed. Their CI restored `alembic/versions/__pycache__` from a cache keyed on the dependency lock file, not on the sources, so the image still held `a2242b61af45_add_index.cpython-311.pyc`. In their `sourceless = true` build, Alembic loaded it, found two heads, and stopped with `Multiple head revisions are present for given argument &apos;head&apos;`.</source>
        <translation>Ein Team fasste per Squash in `b891cb8863b5` zusammen und pushte. Seine CI stellte `alembic/versions/__pycache__` aus einem Cache wieder her, dessen Schlüssel auf der Lock-Datei der Abhängigkeiten beruhte, nicht auf den Quelldateien, daher enthielt das Image noch `a2242b61af45_add_index.cpython-311.pyc`. Im Build mit `sourceless = true` lud Alembic sie, fand zwei Heads und brach mit `Multiple head revisions are present for given argument &apos;head&apos;` ab.</translation>
    </message>
    <message>
        <source>Delete the bytecode: `revscope clean --apply` (in the app: Clean Up…).
Keep `__pycache__` out of CI caches and Docker build contexts (`**/__pycache__` and `**/*.pyc` in `.dockerignore`).
Rebuild the image: once the files are out of the context, the COPY layer changes and the cached one is not used.</source>
        <translation>Löschen Sie den Bytecode: `revscope clean --apply` (in der App: Aufräumen…).
Halten Sie `__pycache__` aus CI-Caches und Docker-Build-Kontexten heraus (`**/__pycache__` und `**/*.pyc` in `.dockerignore`).
Bauen Sie das Image neu: Sobald die Dateien nicht mehr im Kontext sind, ändert sich der COPY-Layer, und der zwischengespeicherte Layer wird nicht verwendet.</translation>
    </message>
    <message>
        <source>Comparing two versions with a database (`revscope diff --from &lt;old&gt; --to &lt;new&gt; --db URL`), the database&apos;s version table holds a revision that the squash removed. Once the newer version is deployed, every Alembic command that reads this database stops with `Can&apos;t locate revision identified by &apos;...&apos;`. The squash&apos;s replacing revision stands for the removed one: when the database&apos;s schema is what that revision produces, stamping the database at it lets Alembic continue.</source>
        <translation>Beim Vergleich zweier Versionen mit einer Datenbank (`revscope diff --from &lt;old&gt; --to &lt;new&gt; --db URL`) enthält die Versionstabelle der Datenbank eine Revision, die der Squash entfernt hat. Sobald die neuere Version ausgerollt ist, bricht jeder Alembic-Befehl, der diese Datenbank liest, mit `Can&apos;t locate revision identified by &apos;...&apos;` ab. Die ersetzende Revision des Squash steht für die entfernte: Wenn das Schema der Datenbank dem entspricht, was diese Revision erzeugt, kann Alembic weitermachen, sobald die Datenbank auf sie gestempelt ist.</translation>
    </message>
    <message>
        <source>A squash replaced `a2242b61af45`, the revision production was at, with `b891cb8863b5_initial_squashed_migration.py`. The deploy failed with `Can&apos;t locate revision identified by &apos;a2242b61af45&apos;`, and the team first went hunting for stale bytecode. The schema already matched the squash: one stamp at `b891cb8863b5`, without migrating, was the whole fix, and the next `alembic upgrade head` ran only the migrations added after the squash.</source>
        <translation>Ein Squash ersetzte `a2242b61af45`, die Revision, auf der die Produktion stand, durch `b891cb8863b5_initial_squashed_migration.py`. Das Deployment scheiterte mit `Can&apos;t locate revision identified by &apos;a2242b61af45&apos;`, und das Team suchte zuerst nach veraltetem Bytecode. Das Schema entsprach bereits dem Squash: Ein einziges Stempeln auf `b891cb8863b5`, ohne Migration, war die ganze Abhilfe, und das nächste `alembic upgrade head` führte nur die nach dem Squash hinzugefügten Migrationen aus.</translation>
    </message>
    <message>
        <source>Check that the database&apos;s schema is what the replacing revision produces. It is when the database was at the newest revision the squash covers; if it was at an older one, the finding says so: upgrade it with the older version&apos;s migrations first.
If Revscope inferred the wrong replacement, name it: `revscope diff --from &lt;old&gt; --to &lt;new&gt; --squash &lt;replacing revision&gt;=&lt;removed revision&gt;`.
Stamp the replacing revision without migrating: `revscope db stamp --db URL &lt;replacing revision&gt; --yes` (in the app: Database ▸ Stamp…, undoable), or `alembic stamp --purge &lt;replacing revision&gt;`.
Do this for every database (staging, production, developers&apos; copies) before or as part of the deploy that ships the squash; then `alembic upgrade head` works as usual.</source>
        <translation>Prüfen Sie, ob das Schema der Datenbank dem entspricht, was die ersetzende Revision erzeugt. Das ist der Fall, wenn die Datenbank auf der neuesten Revision stand, die der Squash abdeckt; stand sie auf einer älteren, sagt der Befund das: Führen Sie dann zuerst mit den Migrationen der älteren Version ein Upgrade durch.
Wenn Revscope den falschen Ersatz abgeleitet hat, nennen Sie den richtigen: `revscope diff --from &lt;old&gt; --to &lt;new&gt; --squash &lt;replacing revision&gt;=&lt;removed revision&gt;`.
Stempeln Sie die ersetzende Revision ohne Migration: `revscope db stamp --db URL &lt;replacing revision&gt; --yes` (in der App: Datenbank ▸ Stempeln…, rückgängig machbar) oder `alembic stamp --purge &lt;replacing revision&gt;`.
Tun Sie das für jede Datenbank (Staging, Produktion, Kopien der Entwickler) vor oder als Teil des Deployments, das den Squash ausliefert; danach funktioniert `alembic upgrade head` wie gewohnt.</translation>
    </message>
    <message>
        <source>The image&apos;s command runs Alembic (for example `alembic upgrade head`) in its working directory, but no COPY puts the Alembic config there. Alembic then stops with `No config file &apos;alembic.ini&apos; found, or file has no &apos;[alembic]&apos; section` or, in newer releases, `No &apos;script_location&apos; key found in configuration`. It typically happens when the Dockerfile sits in a subfolder and copies only that folder, while alembic.ini lives one level up.</source>
        <translation>Der Befehl des Images führt Alembic in seinem Arbeitsverzeichnis aus (zum Beispiel `alembic upgrade head`), aber kein COPY legt die Alembic-Konfiguration dorthin. Alembic bricht dann mit `No config file &apos;alembic.ini&apos; found, or file has no &apos;[alembic]&apos; section` ab oder, in neueren Releases, mit `No &apos;script_location&apos; key found in configuration`. Typischerweise passiert das, wenn das Dockerfile in einem Unterordner liegt und nur diesen Ordner kopiert, während alembic.ini eine Ebene höher liegt.</translation>
    </message>
    <message>
        <source>An e-mail hosting team built its API image from `back/api/Dockerfile.prod`, which copied only `./back/api`; `alembic.ini` and the `alembic/` folder lived in `back/`. After the deploy the containers restarted in a loop printing `FAILED: No &apos;script_location&apos; key found in configuration.` Local development had never shown it: docker-compose mounted `./back` over `/app`, so the files were always there.</source>
        <translation>Ein E-Mail-Hosting-Team baute sein API-Image aus `back/api/Dockerfile.prod`, das nur `./back/api` kopierte; `alembic.ini` und der Ordner `alembic/` lagen in `back/`. Nach dem Deployment starteten die Container in einer Schleife neu und gaben `FAILED: No &apos;script_location&apos; key found in configuration.` aus. In der lokalen Entwicklung war das nie aufgefallen: docker-compose mountete `./back` über `/app`, daher waren die Dateien immer da.</translation>
    </message>
    <message>
        <source>Copy the config and its script folder into the image, e.g. `COPY ./back/alembic.ini ./alembic.ini` and `COPY ./back/alembic ./alembic`.
Or move alembic.ini and the migrations into the folder the Dockerfile already copies.
Check with `revscope image --compose FILE --service NAME` (in the app: the Image tab), or run the built image without mounts: `docker run --rm IMAGE alembic current`.</source>
        <translation>Kopieren Sie die Konfiguration und ihren Skriptordner ins Image, z. B. `COPY ./back/alembic.ini ./alembic.ini` und `COPY ./back/alembic ./alembic`.
Oder verschieben Sie alembic.ini und die Migrationen in den Ordner, den das Dockerfile bereits kopiert.
Prüfen Sie mit `revscope image --compose FILE --service NAME` (in der App: der Reiter „Image“), oder führen Sie das gebaute Image ohne Mounts aus: `docker run --rm IMAGE alembic current`.</translation>
    </message>
    <message>
        <source>The image has the Alembic config, but not the folder its `script_location` names, its env.py, or some revision scripts: the COPY instructions leave them out, or `.dockerignore` excludes them. Alembic then stops (`Path doesn&apos;t exist`, a missing env.py or versions folder), or sees a shorter history than the repository and fails with a missing parent or `Can&apos;t locate revision`.</source>
        <translation>Das Image enthält die Alembic-Konfiguration, aber nicht den Ordner, den ihr `script_location` nennt, ihre env.py oder einige Revisionsskripte: Die COPY-Anweisungen lassen sie aus, oder `.dockerignore` schließt sie aus. Alembic bricht dann ab (`Path doesn&apos;t exist`, eine fehlende env.py oder ein fehlender versions-Ordner) oder sieht eine kürzere Historie als das Repository und scheitert an einer fehlenden Elternrevision oder mit `Can&apos;t locate revision`.</translation>
    </message>
    <message>
        <source>A team added `**/versions` to `.dockerignore` to keep a frontend&apos;s build output out of the context. It also matched `alembic/versions`. The image had alembic.ini and env.py but no migrations, and the first deploy stopped with `FileNotFoundError: [Errno 2] No such file or directory: &apos;/app/alembic/versions&apos;`.</source>
        <translation>Ein Team fügte `**/versions` zu `.dockerignore` hinzu, um die Build-Ausgabe eines Frontends aus dem Kontext herauszuhalten. Das Muster traf auch `alembic/versions`. Das Image enthielt alembic.ini und env.py, aber keine Migrationen, und das erste Deployment brach mit `FileNotFoundError: [Errno 2] No such file or directory: &apos;/app/alembic/versions&apos;` ab.</translation>
    </message>
    <message>
        <source>Copy the whole `script_location` folder to where the config points inside the image (a relative `script_location` resolves against the working directory).
Look for `.dockerignore` patterns that match the migrations: `revscope image --format json` gives the deciding line for every excluded file.
Smoke-test the image without mounts: `docker run --rm IMAGE alembic heads`.</source>
        <translation>Kopieren Sie den ganzen `script_location`-Ordner dorthin, wohin die Konfiguration im Image zeigt (ein relatives `script_location` wird gegen das Arbeitsverzeichnis aufgelöst).
Suchen Sie nach `.dockerignore`-Mustern, die die Migrationen treffen: `revscope image --format json` gibt für jede ausgeschlossene Datei die entscheidende Zeile an.
Machen Sie einen Smoke-Test des Images ohne Mounts: `docker run --rm IMAGE alembic heads`.</translation>
    </message>
    <message>
        <source>COPY or ADD carries `.pyc` files from the build context into the image: the `__pycache__` folders of a developer&apos;s or CI&apos;s checkout. When they define revisions no source defines, Alembic with `sourceless = true` loads them, and the finding is an error; otherwise they are stale leftovers that make the image differ from the repository.</source>
        <translation>COPY oder ADD bringt `.pyc`-Dateien aus dem Build-Kontext ins Image: die `__pycache__`-Ordner aus dem Checkout eines Entwicklers oder der CI. Wenn sie Revisionen definieren, die keine Quelldatei definiert, lädt Alembic sie mit `sourceless = true`, und der Befund ist ein Fehler; andernfalls sind sie veraltete Überbleibsel, durch die das Image vom Repository abweicht.</translation>
    </message>
    <message>
        <source>A team&apos;s `.dockerignore` said `__pycache__` and `*.pyc`, which they believed excluded all bytecode. Docker anchors those patterns at the context root, so `alembic/versions/__pycache__/` went into every image. When a deploy failed after a squash, they found the old revision&apos;s `.pyc` in the image and added `alembic/**/__pycache__`, plus `find ... -delete` steps in the Dockerfile and the start script.</source>
        <translation>Im `.dockerignore` eines Teams standen `__pycache__` und `*.pyc`, was nach Meinung des Teams allen Bytecode ausschloss. Docker verankert diese Muster am Stammordner des Kontexts, daher gelangte `alembic/versions/__pycache__/` in jedes Image. Als ein Deployment nach einem Squash scheiterte, fand das Team die `.pyc` der alten Revision im Image und fügte `alembic/**/__pycache__` hinzu, dazu `find ... -delete`-Schritte im Dockerfile und im Startskript.</translation>
    </message>
    <message>
        <source>Exclude bytecode at every depth in `.dockerignore`: `**/__pycache__` and `**/*.pyc`; `revscope clean --apply` adds both lines (in the app: Clean Up…).
Rebuild: the smaller context changes the COPY layer, so no `--no-cache` is needed.
`revscope image` lists every bytecode file that still reaches the image, with the instruction that copies it.</source>
        <translation>Schließen Sie Bytecode in `.dockerignore` in jeder Tiefe aus: `**/__pycache__` und `**/*.pyc`; `revscope clean --apply` fügt beide Zeilen hinzu (in der App: Aufräumen…).
Bauen Sie neu: Der kleinere Kontext ändert den COPY-Layer, daher ist kein `--no-cache` nötig.
`revscope image` listet jede Bytecode-Datei auf, die noch ins Image gelangt, zusammen mit der Anweisung, die sie kopiert.</translation>
    </message>
    <message>
        <source>A compose file mounts a host folder over part of the image (e.g. `./back:/app`), so the files Alembic needs come from the host, not from the image. It works in that setup and hides that the image lacks them; another compose file, production&apos;s, runs the same image without the mount and fails.</source>
        <translation>Eine Compose-Datei mountet einen Host-Ordner über einen Teil des Images (z. B. `./back:/app`), sodass die Dateien, die Alembic braucht, vom Host kommen und nicht aus dem Image. In diesem Setup funktioniert es und verdeckt, dass sie dem Image fehlen; eine andere Compose-Datei, die der Produktion, führt dasselbe Image ohne den Mount aus und scheitert.</translation>
    </message>
    <message>
        <source>A team&apos;s development compose file mounted `./back:/app` for live reload, so `alembic.ini` and the migrations were always in the container. Production ran the same image without the mount, and every API container restarted in a loop with `FAILED: No &apos;script_location&apos; key found in configuration.` CI had never run the image on its own.</source>
        <translation>Die Compose-Datei eines Teams für die Entwicklung mountete `./back:/app` für Live-Reload, daher waren `alembic.ini` und die Migrationen immer im Container. Die Produktion führte dasselbe Image ohne den Mount aus, und jeder API-Container startete in einer Schleife neu mit `FAILED: No &apos;script_location&apos; key found in configuration.` Die CI hatte das Image nie für sich allein ausgeführt.</translation>
    </message>
    <message>
        <source>Copy what the mount provides in the Dockerfile (e.g. `COPY ./back/alembic.ini ./alembic.ini` and `COPY ./back/alembic ./alembic`); keep the mount for live reload only.
Test the image without the mount before a release: `revscope image --compose docker-compose.prod.yml --service api`, or `docker run --rm IMAGE alembic current`.</source>
        <translation>Kopieren Sie im Dockerfile, was der Mount bereitstellt (z. B. `COPY ./back/alembic.ini ./alembic.ini` und `COPY ./back/alembic ./alembic`); verwenden Sie den Mount nur noch für Live-Reload.
Testen Sie das Image vor einem Release ohne den Mount: `revscope image --compose docker-compose.prod.yml --service api` oder `docker run --rm IMAGE alembic current`.</translation>
    </message>
    <message>
        <source>The build context holds Python files, but its ignore file has no rule excluding `__pycache__` folders at every depth (or there is no `.dockerignore` at all). Docker matches `.dockerignore` patterns from the context root: `__pycache__` and `*.pyc` exclude only the root&apos;s, while `**/__pycache__` and `**/*.pyc` exclude them everywhere. A `&lt;Dockerfile&gt;.dockerignore` next to the Dockerfile replaces the root one.</source>
        <translation>Der Build-Kontext enthält Python-Dateien, aber seine Ignore-Datei hat keine Regel, die `__pycache__`-Ordner in jeder Tiefe ausschließt (oder es gibt gar keine `.dockerignore`). Docker wertet `.dockerignore`-Muster ab dem Stammordner des Kontexts aus: `__pycache__` und `*.pyc` schließen nur die im Stammordner aus, `**/__pycache__` und `**/*.pyc` dagegen alle. Eine `&lt;Dockerfile&gt;.dockerignore` neben dem Dockerfile ersetzt die im Stammordner.</translation>
    </message>
    <message>
        <source>A team&apos;s CI cached the whole workspace between jobs to speed up dependency installs. The cache kept every `__pycache__` the test job wrote, and the Docker build sent them all, because the `.dockerignore` line `*.pyc` only matched files at the context root. Months later, images still carried bytecode of migrations that had been squashed away, and the first person to debug a failed deploy spent a day on them.</source>
        <translation>Die CI eines Teams speicherte zwischen den Jobs den ganzen Workspace im Cache, um die Installation der Abhängigkeiten zu beschleunigen. Der Cache behielt jedes `__pycache__`, das der Test-Job schrieb, und der Docker-Build schickte sie alle mit, weil die `.dockerignore`-Zeile `*.pyc` nur Dateien im Stammordner des Kontexts traf. Monate später enthielten Images noch Bytecode von Migrationen, die längst per Squash ersetzt waren, und die erste Person, die ein gescheitertes Deployment untersuchte, verbrachte einen Tag damit.</translation>
    </message>
    <message>
        <source>Add two lines to the `.dockerignore` the build uses (the one next to the Dockerfile, if there is one): `**/__pycache__` and `**/*.pyc`.
`revscope clean --apply` (in the app: Clean Up…) adds them for you; `--no-dockerignore` skips that.
Check with `revscope image`: no `.pyc` file should be listed as included.</source>
        <translation>Fügen Sie der `.dockerignore`, die der Build verwendet (der neben dem Dockerfile, falls es eine gibt), zwei Zeilen hinzu: `**/__pycache__` und `**/*.pyc`.
`revscope clean --apply` (in der App: Aufräumen…) fügt sie für Sie hinzu; `--no-dockerignore` überspringt das.
Prüfen Sie mit `revscope image`: Keine `.pyc`-Datei sollte als enthalten aufgeführt sein.</translation>
    </message>
    <message>
        <source>The Dockerfile has an error that makes Docker refuse to build: an unknown instruction, a missing argument, a stage or `--from` that does not exist. Revscope cannot simulate the image past it, so the other image findings may be incomplete.</source>
        <translation>Das Dockerfile enthält einen Fehler, wegen dessen Docker den Build verweigert: eine unbekannte Anweisung, ein fehlendes Argument, eine Stage oder ein `--from`, die es nicht gibt. Revscope kann das Image nicht über diese Stelle hinaus simulieren, daher sind die anderen Image-Befunde womöglich unvollständig.</translation>
    </message>
    <message>
        <source>A merge of two Dockerfile changes left conflict markers in `back/api/Dockerfile.prod`. The CI build failed at once with `dockerfile parse error on line 18: unknown instruction: &lt;&lt;&lt;&lt;&lt;&lt;&lt;`. The release waited an hour for someone to look at a red build that a local check would have caught before the push.</source>
        <translation>Ein Merge zweier Dockerfile-Änderungen hinterließ Konfliktmarker in `back/api/Dockerfile.prod`. Der CI-Build scheiterte sofort mit `dockerfile parse error on line 18: unknown instruction: &lt;&lt;&lt;&lt;&lt;&lt;&lt;`. Das Release wartete eine Stunde darauf, dass sich jemand einen roten Build ansah, den eine lokale Prüfung schon vor dem Push abgefangen hätte.</translation>
    </message>
    <message>
        <source>Fix the line the finding names.
Recent Docker releases validate a Dockerfile without building: `docker build --check .`.
Run `revscope image` again to see the simulated image.</source>
        <translation>Korrigieren Sie die Zeile, die der Befund nennt.
Neuere Docker-Releases prüfen ein Dockerfile, ohne zu bauen: `docker build --check .`.
Führen Sie `revscope image` erneut aus, um das simulierte Image zu sehen.</translation>
    </message>
    <message>
        <source>A compose file Docker Compose would refuse: invalid YAML (tabs, broken indentation), a top level that is not a mapping, `services` that is not a mapping. Revscope cannot tell which image, command and volumes the services use.</source>
        <translation>Eine Compose-Datei, die Docker Compose ablehnen würde: ungültiges YAML (Tabulatoren, kaputte Einrückung), eine oberste Ebene, die kein Mapping ist, ein `services`, das kein Mapping ist. Revscope kann nicht erkennen, welches Image, welchen Befehl und welche Volumes die Dienste verwenden.</translation>
    </message>
    <message>
        <source>A developer edited `docker-compose.prod.yml` in an editor that inserted a tab before `command:`. Compose refused the file with `yaml: line 14: found character that cannot start any token`, and the release pipeline stopped before pulling any image. The editor showed the tab as spaces, so the line looked exactly like its neighbours.</source>
        <translation>Ein Entwickler bearbeitete `docker-compose.prod.yml` in einem Editor, der vor `command:` einen Tabulator einfügte. Compose lehnte die Datei mit `yaml: line 14: found character that cannot start any token` ab, und die Release-Pipeline stoppte, bevor sie irgendein Image zog. Der Editor zeigte den Tabulator als Leerzeichen an, daher sah die Zeile genau wie ihre Nachbarn aus.</translation>
    </message>
    <message>
        <source>Fix the YAML at the line given; indent with spaces only.
`docker compose -f FILE config` validates the file and prints it as Compose reads it.</source>
        <translation>Korrigieren Sie das YAML an der angegebenen Zeile; rücken Sie nur mit Leerzeichen ein.
`docker compose -f FILE config` prüft die Datei und gibt sie so aus, wie Compose sie liest.</translation>
    </message>
    <message>
        <source>A `.dockerignore` line is not a valid pattern, for example an unclosed `[` or a lone `!`. Docker refuses to build with this ignore file.</source>
        <translation>Eine `.dockerignore`-Zeile ist kein gültiges Muster, zum Beispiel ein nicht geschlossenes `[` oder ein einzelnes `!`. Mit dieser Ignore-Datei verweigert Docker den Build.</translation>
    </message>
    <message>
        <source>To exclude local build folders, a developer added `build[` to `.dockerignore`, a typo for `build*`. Every build then failed with `syntax error in pattern`, a message that names neither the file nor the line. Two people spent the afternoon bisecting the Dockerfile before anyone looked at `.dockerignore`.</source>
        <translation>Um lokale Build-Ordner auszuschließen, fügte ein Entwickler `build[` zu `.dockerignore` hinzu, ein Tippfehler für `build*`. Danach scheiterte jeder Build mit `syntax error in pattern`, einer Meldung, die weder die Datei noch die Zeile nennt. Zwei Personen verbrachten den Nachmittag damit, das Dockerfile per Bisektion zu durchsuchen, bevor jemand in `.dockerignore` nachsah.</translation>
    </message>
    <message>
        <source>Fix or remove the line the finding names; escape a literal `[` as `[[]`.
A `!` line needs a pattern after it, e.g. `!keep/this.txt`.</source>
        <translation>Korrigieren oder entfernen Sie die Zeile, die der Befund nennt; schreiben Sie ein wörtliches `[` als `[[]`.
Eine `!`-Zeile braucht danach ein Muster, z. B. `!keep/this.txt`.</translation>
    </message>
    <message>
        <source>ADD unpacks a local tar archive (plain, gzip, bzip2 or xz) into the image. This file looks like an archive but cannot be read as one, so Docker copies it as it is, and the files it was meant to contain are missing from the image.</source>
        <translation>ADD entpackt ein lokales tar-Archiv (unkomprimiert, gzip, bzip2 oder xz) ins Image. Diese Datei sieht aus wie ein Archiv, lässt sich aber nicht als solches lesen, daher kopiert Docker sie unverändert, und die Dateien, die sie enthalten sollte, fehlen im Image.</translation>
    </message>
    <message>
        <source>A team shipped its migrations as `migrations.tar.gz`, stored with Git LFS, and unpacked it with `ADD migrations.tar.gz /app/`. A new CI runner checked out without LFS, so the file in the context was the small text pointer. Docker copied the pointer instead of unpacking it, and the container stopped with `Path doesn&apos;t exist: &apos;/app/alembic&apos;`.</source>
        <translation>Ein Team lieferte seine Migrationen als `migrations.tar.gz` aus, gespeichert mit Git LFS, und entpackte sie mit `ADD migrations.tar.gz /app/`. Ein neuer CI-Runner checkte ohne LFS aus, daher war die Datei im Kontext nur der kleine Text-Pointer. Docker kopierte den Pointer, statt ihn zu entpacken, und der Container brach mit `Path doesn&apos;t exist: &apos;/app/alembic&apos;` ab.</translation>
    </message>
    <message>
        <source>Check the archive in the build context: `tar -tf FILE` must list its contents (with Git LFS, run `git lfs pull` first).
Or COPY the folder itself instead of an archive.</source>
        <translation>Prüfen Sie das Archiv im Build-Kontext: `tar -tf FILE` muss seinen Inhalt auflisten (mit Git LFS führen Sie zuerst `git lfs pull` aus).
Oder kopieren Sie mit COPY den Ordner selbst statt eines Archivs.</translation>
    </message>
    <message>
        <source>The Docker build would fail at this instruction: a COPY source that is not in the build context or is excluded by `.dockerignore`, a target stage that does not exist, and the like. Revscope stops simulating the image there.</source>
        <translation>Der Docker-Build würde an dieser Anweisung scheitern: eine COPY-Quelle, die nicht im Build-Kontext liegt oder durch `.dockerignore` ausgeschlossen ist, eine Ziel-Stage, die es nicht gibt, und Ähnliches. Revscope bricht die Simulation des Images an dieser Stelle ab.</translation>
    </message>
    <message>
        <source>To keep local credentials out of images, a team added `**/*.ini` to `.dockerignore`. That also excluded `back/alembic.ini`, and the build stopped at `COPY ./back/alembic.ini ./alembic.ini` with `failed to compute cache key: ... &quot;/back/alembic.ini&quot;: not found`. The message did not mention `.dockerignore`, so it took a while to connect the two.</source>
        <translation>Um lokale Zugangsdaten aus Images herauszuhalten, fügte ein Team `**/*.ini` zu `.dockerignore` hinzu. Das schloss auch `back/alembic.ini` aus, und der Build stoppte bei `COPY ./back/alembic.ini ./alembic.ini` mit `failed to compute cache key: ... &quot;/back/alembic.ini&quot;: not found`. Die Meldung erwähnte `.dockerignore` nicht, daher dauerte es eine Weile, bis jemand beides in Verbindung brachte.</translation>
    </message>
    <message>
        <source>For an excluded source, add an exception after the excluding line, e.g. `!back/alembic.ini`.
For a missing source, check the build context (`context:` in compose, or the last argument of `docker build`): COPY paths are relative to it, not to the Dockerfile.
`revscope image --format json` shows the deciding `.dockerignore` line for every file.</source>
        <translation>Für eine ausgeschlossene Quelle fügen Sie nach der ausschließenden Zeile eine Ausnahme hinzu, z. B. `!back/alembic.ini`.
Für eine fehlende Quelle prüfen Sie den Build-Kontext (`context:` in Compose oder das letzte Argument von `docker build`): COPY-Pfade sind relativ zu ihm, nicht zum Dockerfile.
`revscope image --format json` zeigt für jede Datei die entscheidende `.dockerignore`-Zeile.</translation>
    </message>
    <message>
        <source>This version of Revscope has no page for the finding code %1. It may come from a newer Revscope, or from another tool writing the same report format.</source>
        <translation>Diese Version von Revscope hat keine Seite für den Befundcode %1. Er stammt womöglich von einem neueren Revscope oder von einem anderen Werkzeug, das dasselbe Berichtsformat schreibt.</translation>
    </message>
    <message>
        <source>Read the finding&apos;s message and its fix line: they describe this case.
Run `revscope help` for the codes this version explains.</source>
        <translation>Lesen Sie die Meldung des Befunds und seine Abhilfe-Zeile: Sie beschreiben diesen Fall.
Führen Sie `revscope help` aus, um die Codes zu sehen, die diese Version erklärt.</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Revision graph</source>
        <translation>Revisionsgraph</translation>
    </message>
    <message>
        <source>Bytecode</source>
        <translation>Bytecode</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Releases and squashes</source>
        <translation>Releases und Squashes</translation>
    </message>
    <message>
        <source>Docker image</source>
        <translation>Docker-Image</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>%1 · %2 · default severity: %3</source>
        <translation>%1 · %2 · Standard-Schweregrad: %3</translation>
    </message>
    <message>
        <source>What Revscope saw</source>
        <translation>Was Revscope gesehen hat</translation>
    </message>
    <message>
        <source>How it bites</source>
        <translation>Wie es sich auswirkt</translation>
    </message>
    <message>
        <source>How to fix it</source>
        <translation>Abhilfe</translation>
    </message>
    <message>
        <source>%1 · default severity: %2</source>
        <translation>%1 · Standard-Schweregrad: %2</translation>
    </message>
</context>
<context>
    <name>GitSnapshot</name>
    <message>
        <source>%1 is not inside a git repository</source>
        <translation>%1 liegt in keinem git-Repository</translation>
    </message>
    <message>
        <source>%1 cannot be found: this is a shallow clone without that history (run &apos;git fetch --unshallow&apos; first)</source>
        <translation>%1 wurde nicht gefunden: Dies ist ein Shallow Clone ohne diese Historie (führen Sie zuerst „git fetch --unshallow“ aus)</translation>
    </message>
    <message>
        <source>%1 is not a commit of this repository (%2)</source>
        <translation>%1 ist kein Commit dieses Repositorys (%2)</translation>
    </message>
    <message>
        <source>%1 does not name a commit (%2)</source>
        <translation>%1 bezeichnet keinen Commit (%2)</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>GitTriage</name>
    <message>
        <source>deleted in %1 &apos;%2&apos; (%3, %4)</source>
        <translation>gelöscht in %1 „%2“ (%3, %4)</translation>
    </message>
    <message>
        <source>defined on branch %1 (not merged here)</source>
        <translation>definiert auf Zweig %1 (hier nicht gemergt)</translation>
    </message>
    <message>
        <source>no history to search: this is a shallow clone (run `git fetch --unshallow` to find the commit that removed %1)</source>
        <translation>keine Historie zum Durchsuchen: Dies ist ein Shallow Clone (führen Sie `git fetch --unshallow` aus, um den Commit zu finden, der %1 entfernt hat)</translation>
    </message>
    <message>
        <source>no commit among the newest ones searched removed a script defining %1, and no branch defines it</source>
        <translation>kein Commit unter den neuesten durchsuchten hat ein Skript entfernt, das %1 definiert, und kein Zweig definiert sie</translation>
    </message>
    <message>
        <source>no commit in the history removed a script defining %1, and no branch defines it</source>
        <translation>kein Commit in der Historie hat ein Skript entfernt, das %1 definiert, und kein Zweig definiert sie</translation>
    </message>
    <message>
        <source>deleted in %1 &apos;%2&apos; (%3, %4); replaced by %5 → stamp the database to %5</source>
        <translation>gelöscht in %1 „%2“ (%3, %4); ersetzt durch %5 → stempeln Sie die Datenbank auf %5</translation>
    </message>
    <message>
        <source>deleted in %1 &apos;%2&apos; (%3, %4); replaced by %5 → point the reference at %5</source>
        <translation>gelöscht in %1 „%2“ (%3, %4); ersetzt durch %5 → lassen Sie den Verweis auf %5 zeigen</translation>
    </message>
</context>
<context>
    <name>GraphAnalyzer</name>
    <message>
        <source>Revision %1 has down_revision %2, which exists only as bytecode that Alembic does not load; Alembic stops with an error.</source>
        <translation>Revision %1 hat die down_revision %2, die nur als Bytecode existiert, den Alembic nicht lädt; Alembic bricht mit einem Fehler ab.</translation>
    </message>
    <message>
        <source>Restore the source file of %1 (or set sourceless = true if the bytecode is meant to be loaded), or change down_revision in %2 to the revision it really follows.</source>
        <translation>Stellen Sie die Quelldatei von %1 wieder her (oder setzen Sie sourceless = true, wenn der Bytecode geladen werden soll), oder ändern Sie down_revision in %2 auf die Revision, der sie tatsächlich folgt.</translation>
    </message>
    <message>
        <source>Revision %1 has down_revision %2, but no migration script defines %2; Alembic stops with an error.</source>
        <translation>Revision %1 hat die down_revision %2, aber kein Migrationsskript definiert %2; Alembic bricht mit einem Fehler ab.</translation>
    </message>
    <message>
        <source>Restore the script that defines %1, or change down_revision in %2 to the revision it really follows.</source>
        <translation>Stellen Sie das Skript wieder her, das %1 definiert, oder ändern Sie down_revision in %2 auf die Revision, der sie tatsächlich folgt.</translation>
    </message>
    <message>
        <source>Revision %1 depends on %2, which is neither a revision nor a branch label Alembic loads; Alembic stops with an error.</source>
        <translation>Revision %1 hängt von %2 ab, das weder eine von Alembic geladene Revision noch ein Zweig-Label ist; Alembic bricht mit einem Fehler ab.</translation>
    </message>
    <message>
        <source>Correct depends_on in %1 to an existing revision id or branch label, or remove %2 from it.</source>
        <translation>Korrigieren Sie depends_on in %1 auf eine vorhandene Revisions-ID oder ein Zweig-Label, oder entfernen Sie %2 daraus.</translation>
    </message>
    <message numerus="yes">
        <source>Revision id %1 is defined by %n files: %2. Alembic warns and uses only the last one loaded (%3); the others are ignored.</source>
        <translation>
            <numerusform>Die Revisions-ID %1 wird von %n Datei definiert: %2. Alembic warnt und verwendet nur die zuletzt geladene (%3); die anderen werden ignoriert.</numerusform>
            <numerusform>Die Revisions-ID %1 wird von %n Dateien definiert: %2. Alembic warnt und verwendet nur die zuletzt geladene (%3); die anderen werden ignoriert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete the copy that should not exist, or give one of the scripts a new revision id and update the down_revision of the revisions that follow it.</source>
        <translation>Löschen Sie die Kopie, die es nicht geben sollte, oder geben Sie einem der Skripte eine neue Revisions-ID und passen Sie die down_revision der darauf folgenden Revisionen an.</translation>
    </message>
    <message>
        <source>Revision %1 names itself in down_revision; Alembic refuses to load the scripts (self-loop).</source>
        <translation>Revision %1 nennt sich selbst in down_revision; Alembic verweigert das Laden der Skripte (Selbstschleife).</translation>
    </message>
    <message>
        <source>Set down_revision in %1 to the revision it follows.</source>
        <translation>Setzen Sie down_revision in %1 auf die Revision, der sie folgt.</translation>
    </message>
    <message>
        <source>Revision %1 depends on itself through depends_on; Alembic refuses to load the scripts (dependency self-loop).</source>
        <translation>Revision %1 hängt über depends_on von sich selbst ab; Alembic verweigert das Laden der Skripte (Abhängigkeits-Selbstschleife).</translation>
    </message>
    <message>
        <source>Remove the entry naming %1 itself (or its own branch label) from depends_on in %2.</source>
        <translation>Entfernen Sie den Eintrag, der %1 selbst (oder ihr eigenes Zweig-Label) nennt, aus depends_on in %2.</translation>
    </message>
    <message>
        <source>Revisions %1 form a cycle through down_revision; Alembic refuses to load the scripts.</source>
        <translation>Die Revisionen %1 bilden über down_revision einen Zyklus; Alembic verweigert das Laden der Skripte.</translation>
    </message>
    <message>
        <source>Revisions %1 form a cycle through down_revision that Alembic does not detect; its history and upgrade order for them are wrong.</source>
        <translation>Die Revisionen %1 bilden über down_revision einen Zyklus, den Alembic nicht erkennt; Historie und Upgrade-Reihenfolge sind für sie falsch.</translation>
    </message>
    <message>
        <source>Make the chain end at a base: point down_revision of one of these revisions (for example in %1) at an older revision outside the cycle.</source>
        <translation>Lassen Sie die Kette an einer Basis enden: Richten Sie die down_revision einer dieser Revisionen (zum Beispiel in %1) auf eine ältere Revision außerhalb des Zyklus.</translation>
    </message>
    <message>
        <source>Revisions %1 form a cycle through depends_on and down_revision; Alembic refuses to load the scripts.</source>
        <translation>Die Revisionen %1 bilden über depends_on und down_revision einen Zyklus; Alembic verweigert das Laden der Skripte.</translation>
    </message>
    <message>
        <source>Revisions %1 form a cycle through depends_on and down_revision that Alembic does not detect; it upgrades them in an order that breaks a dependency.</source>
        <translation>Die Revisionen %1 bilden über depends_on und down_revision einen Zyklus, den Alembic nicht erkennt; es führt die Upgrades in einer Reihenfolge aus, die eine Abhängigkeit verletzt.</translation>
    </message>
    <message>
        <source>Remove the depends_on entry that points at a newer revision of the cycle (for example in %1).</source>
        <translation>Entfernen Sie den depends_on-Eintrag, der auf eine neuere Revision des Zyklus zeigt (zum Beispiel in %1).</translation>
    </message>
    <message>
        <source>Branch label &apos;%1&apos; of revision %2 is also the id of a revision; Alembic refuses to load the scripts.</source>
        <translation>Das Zweig-Label „%1“ der Revision %2 ist zugleich die ID einer Revision; Alembic verweigert das Laden der Skripte.</translation>
    </message>
    <message>
        <source>Branch label &apos;%1&apos; is declared twice for revision %2 (twice in branch_labels, or by two scripts with that id); Alembic refuses to load the scripts.</source>
        <translation>Das Zweig-Label „%1“ ist für Revision %2 doppelt deklariert (zweimal in branch_labels oder durch zwei Skripte mit dieser ID); Alembic verweigert das Laden der Skripte.</translation>
    </message>
    <message>
        <source>Branch label &apos;%1&apos; of revision %2 is already used by revision %3; Alembic refuses to load the scripts.</source>
        <translation>Das Zweig-Label „%1“ der Revision %2 wird bereits von Revision %3 verwendet; Alembic verweigert das Laden der Skripte.</translation>
    </message>
    <message>
        <source>Rename the branch label in branch_labels of %1, and update any depends_on or &apos;%2@head&apos; that means this branch.</source>
        <translation>Benennen Sie das Zweig-Label in branch_labels von %1 um, und passen Sie alle depends_on-Einträge oder „%2@head“ an, die diesen Zweig meinen.</translation>
    </message>
    <message numerus="yes">
        <source>%n labelled branches each end in their own head: %1. `alembic upgrade head` refuses; use `alembic upgrade heads` or `&lt;label&gt;@head`.</source>
        <translation>
            <numerusform>%n Zweig mit Label endet in einem eigenen Head: %1. `alembic upgrade head` verweigert das; verwenden Sie `alembic upgrade heads` oder `&lt;label&gt;@head`.</numerusform>
            <numerusform>%n Zweige mit Label enden jeweils in einem eigenen Head: %1. `alembic upgrade head` verweigert das; verwenden Sie `alembic upgrade heads` oder `&lt;label&gt;@head`.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to do if the branches are meant to stay separate; otherwise join them with `alembic merge heads -m &quot;merge heads&quot;`.</source>
        <translation>Nichts zu tun, wenn die Zweige getrennt bleiben sollen; andernfalls führen Sie sie mit `alembic merge heads -m &quot;merge heads&quot;` zusammen.</translation>
    </message>
    <message numerus="yes">
        <source>There are %n heads: %1. `alembic upgrade head` stops with &quot;Multiple head revisions are present&quot; until they are merged.</source>
        <translation>
            <numerusform>Es gibt %n Head: %1. `alembic upgrade head` bricht mit „Multiple head revisions are present“ ab, bis sie zusammengeführt sind.</numerusform>
            <numerusform>Es gibt %n Heads: %1. `alembic upgrade head` bricht mit „Multiple head revisions are present“ ab, bis sie zusammengeführt sind.</numerusform>
        </translation>
    </message>
    <message>
        <source>If the labelled branches are meant to stay separate, run `alembic upgrade heads` (not `head`) everywhere migrations are applied; otherwise join them with `alembic merge heads -m &quot;merge heads&quot;`.</source>
        <translation>Wenn die Zweige mit Label getrennt bleiben sollen, führen Sie überall, wo Migrationen angewendet werden, `alembic upgrade heads` (nicht `head`) aus; andernfalls führen Sie sie mit `alembic merge heads -m &quot;merge heads&quot;` zusammen.</translation>
    </message>
    <message>
        <source>Run `alembic merge heads -m &quot;merge heads&quot;` to add a merge revision; or, if %1 was meant to follow another head, change its down_revision in %2.</source>
        <translation>Führen Sie `alembic merge heads -m &quot;merge heads&quot;` aus, um eine Merge-Revision hinzuzufügen; oder, falls %1 auf einen anderen Head folgen sollte, ändern Sie ihre down_revision in %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n independent branches each start at their own base: %1.</source>
        <translation>
            <numerusform>%n unabhängiger Zweig beginnt an einer eigenen Basis: %1.</numerusform>
            <numerusform>%n unabhängige Zweige beginnen jeweils an einer eigenen Basis: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to do if the branches are meant to be independent.</source>
        <translation>Nichts zu tun, wenn die Zweige unabhängig sein sollen.</translation>
    </message>
    <message numerus="yes">
        <source>There are %n bases (revisions with down_revision = None): %1. Usually one of them was created with a missing down_revision.</source>
        <translation>
            <numerusform>Es gibt %n Basis (Revisionen mit down_revision = None): %1. Meist wurde eine davon mit fehlender down_revision erstellt.</numerusform>
            <numerusform>Es gibt %n Basen (Revisionen mit down_revision = None): %1. Meist wurde eine davon mit fehlender down_revision erstellt.</numerusform>
        </translation>
    </message>
    <message>
        <source>If %1 should follow another revision, set down_revision in %2 to it; if the roots are meant to be separate, give each branch a branch label.</source>
        <translation>Wenn %1 auf eine andere Revision folgen soll, setzen Sie down_revision in %2 auf diese; wenn die Wurzeln getrennt sein sollen, geben Sie jedem Zweig ein Zweig-Label.</translation>
    </message>
</context>
<context>
    <name>GraphCommand</name>
    <message>
        <source>Draw the revision graph of an Alembic project with Graphviz.
The format follows FILE&apos;s extension: .svg, .png, .pdf or .dot.
A project with several environments is drawn as one graph with a box per environment.
Ghost revisions (referenced, defined nowhere) are dashed, bytecode-only ones filled, depends_on links dashed and heads bold.</source>
        <translation>Zeichnet den Revisionsgraphen eines Alembic-Projekts mit Graphviz.
Das Format richtet sich nach der Endung von FILE: .svg, .png, .pdf oder .dot.
Ein Projekt mit mehreren Umgebungen wird als ein Graph mit einem Kasten pro Umgebung gezeichnet.
Phantom-Revisionen (referenziert, nirgends definiert) sind gestrichelt, reine Bytecode-Revisionen gefüllt, depends_on-Verbindungen gestrichelt und Heads fett.</translation>
    </message>
    <message>
        <source>Project folder (default: the current folder).</source>
        <translation>Projektordner (Standard: der aktuelle Ordner).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>File to write (.svg, .png, .pdf or .dot).</source>
        <translation>Zu schreibende Datei (.svg, .png, .pdf oder .dot).</translation>
    </message>
    <message>
        <source>Draw each linear run of revisions as one node; heads, bases, branch and merge points and labelled revisions stay.</source>
        <translation>Jede lineare Folge von Revisionen als einen Knoten zeichnen; Heads, Basen, Verzweigungs- und Merge-Punkte sowie Revisionen mit Label bleiben erhalten.</translation>
    </message>
    <message>
        <source>TB: parents above children (default); LR: left of them.</source>
        <translation>TB: Eltern über den Kindern (Standard); LR: links davon.</translation>
    </message>
    <message>
        <source>Draw only this Alembic config file.</source>
        <translation>Nur diese Alembic-Konfigurationsdatei zeichnen.</translation>
    </message>
    <message>
        <source>revscope graph: --output FILE is required (.svg, .png, .pdf or .dot).</source>
        <translation>revscope graph: --output FILE ist erforderlich (.svg, .png, .pdf oder .dot).</translation>
    </message>
    <message>
        <source>revscope graph: cannot tell the format of %1 from its extension (use .svg, .png, .pdf or .dot).</source>
        <translation>revscope graph: Das Format von %1 lässt sich nicht an der Endung erkennen (verwenden Sie .svg, .png, .pdf oder .dot).</translation>
    </message>
    <message>
        <source>revscope graph: unknown --direction &apos;%1&apos; (use TB or LR).</source>
        <translation>revscope graph: unbekannte --direction „%1“ (verwenden Sie TB oder LR).</translation>
    </message>
    <message>
        <source>revscope graph: no Alembic environment was found under %1.</source>
        <translation>revscope graph: Unter %1 wurde keine Alembic-Umgebung gefunden.</translation>
    </message>
    <message>
        <source>revscope graph: %1</source>
        <translation>revscope graph: %1</translation>
    </message>
    <message>
        <source>revscope graph: cannot write %1: %2.</source>
        <translation>revscope graph: %1 kann nicht geschrieben werden: %2.</translation>
    </message>
</context>
<context>
    <name>GraphLayout</name>
    <message>
        <source>Graphviz placed no node &apos;%1&apos;.</source>
        <translation>Graphviz hat keinen Knoten „%1“ platziert.</translation>
    </message>
    <message>
        <source>Unknown graph format &apos;%1&apos; (use %2).</source>
        <translation>Unbekanntes Graphformat „%1“ (verwenden Sie %2).</translation>
    </message>
    <message>
        <source>Graphviz could not create the graph.</source>
        <translation>Graphviz konnte den Graphen nicht erstellen.</translation>
    </message>
    <message>
        <source>Graphviz could not lay out the graph.</source>
        <translation>Graphviz konnte den Graphen nicht anordnen.</translation>
    </message>
    <message>
        <source>Graphviz could not render the graph.</source>
        <translation>Graphviz konnte den Graphen nicht rendern.</translation>
    </message>
</context>
<context>
    <name>GraphPanel</name>
    <message>
        <source>head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>base</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>branch point</source>
        <translation>Verzweigung</translation>
    </message>
    <message>
        <source>db</source>
        <translation>DB</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>pyc only</source>
        <translation>nur pyc</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 revisions&lt;/b&gt; in a linear run</source>
        <translation>&lt;b&gt;%1 Revisionen&lt;/b&gt; in linearer Folge</translation>
    </message>
    <message>
        <source>from &lt;tt&gt;%1&lt;/tt&gt; to &lt;tt&gt;%2&lt;/tt&gt;</source>
        <translation>von &lt;tt&gt;%1&lt;/tt&gt; bis &lt;tt&gt;%2&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;Click to expand.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Zum Aufklappen klicken.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Referenced but defined by no script or bytecode.</source>
        <translation>Referenziert, aber weder durch ein Skript noch durch Bytecode definiert.</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
    <message>
        <source>Defined only by bytecode: its script is gone.</source>
        <translation>Nur durch Bytecode definiert: Das Skript fehlt.</translation>
    </message>
    <message>
        <source>merge point</source>
        <translation>Merge-Punkt</translation>
    </message>
    <message>
        <source>Branch labels: %1</source>
        <translation>Zweig-Labels: %1</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s), worst: %1</source>
        <translation>
            <numerusform>%n Befund, schwerster: %1</numerusform>
            <numerusform>%n Befunde, schwerster: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>missing revision</source>
        <translation>fehlende Revision</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>rewired</source>
        <translation>umgehängt</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <source>Removed in the newer version; nothing replaces it.</source>
        <translation>In der neueren Version entfernt; nichts ersetzt sie.</translation>
    </message>
    <message>
        <source>Removed in the newer version; %1 replaces it.</source>
        <translation>In der neueren Version entfernt; %1 ersetzt sie.</translation>
    </message>
    <message>
        <source>Added in the newer version.</source>
        <translation>In der neueren Version hinzugefügt.</translation>
    </message>
    <message>
        <source>Its down_revision changed in the newer version.</source>
        <translation>Ihre down_revision hat sich in der neueren Version geändert.</translation>
    </message>
    <message>
        <source>Its script changed in the newer version.</source>
        <translation>Ihr Skript hat sich in der neueren Version geändert.</translation>
    </message>
</context>
<context>
    <name>GraphvizPos</name>
    <message>
        <source>&apos;%1&apos; is not a point &quot;x,y&quot;.</source>
        <translation>„%1“ ist kein Punkt „x,y“.</translation>
    </message>
    <message>
        <source>the arrow point &apos;%1&apos; is repeated or after the spline.</source>
        <translation>der Pfeilpunkt „%1“ ist wiederholt oder steht nach dem Spline.</translation>
    </message>
    <message>
        <source>a spline needs 3n+1 control points (n &gt;= 1), not %1.</source>
        <translation>ein Spline benötigt 3n+1 Kontrollpunkte (n &gt;= 1), nicht %1.</translation>
    </message>
    <message>
        <source>the edge has no spline.</source>
        <translation>die Kante hat keinen Spline.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a bounding box &quot;llx,lly,urx,ury&quot;.</source>
        <translation>„%1“ ist keine Bounding Box „llx,lly,urx,ury“.</translation>
    </message>
</context>
<context>
    <name>HelpCommand</name>
    <message>
        <source>Finding codes by area. &apos;revscope help CODE&apos; explains one: what Revscope saw, how it bites, how to fix it. &apos;revscope --help&apos; lists the commands.</source>
        <translation>Befundcodes nach Bereich. „revscope help CODE“ erklärt einen davon: was Revscope gesehen hat, wie es sich auswirkt und die Abhilfe. „revscope --help“ listet die Befehle auf.</translation>
    </message>
    <message>
        <source>Explain a finding code: what Revscope saw and why it matters to Alembic or Docker, a short story of how it bites, and how to fix it. Without CODE, list every code by area. With a command name, show that command&apos;s options.</source>
        <translation>Erklärt einen Befundcode: was Revscope gesehen hat und warum es für Alembic oder Docker wichtig ist, eine kurze Geschichte, wie es sich auswirkt, und die Abhilfe. Ohne CODE werden alle Codes nach Bereich aufgelistet. Mit einem Befehlsnamen werden die Optionen dieses Befehls angezeigt.</translation>
    </message>
    <message>
        <source>A finding code, e.g. missing-parent, or a command name.</source>
        <translation>Ein Befundcode, z. B. missing-parent, oder ein Befehlsname.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Wrap text at N columns; 0 does not wrap (default: the terminal&apos;s width, at most 100, or 80).</source>
        <translation>Text nach N Spalten umbrechen; 0 bricht nicht um (Standard: die Breite des Terminals, höchstens 100, sonst 80).</translation>
    </message>
    <message>
        <source>revscope help: --width takes a number of columns (0 for no wrapping), not &apos;%1&apos;.</source>
        <translation>revscope help: --width erwartet eine Anzahl Spalten (0 für keinen Umbruch), nicht „%1“.</translation>
    </message>
    <message>
        <source>revscope help: give one finding code at a time.</source>
        <translation>revscope help: Geben Sie jeweils nur einen Befundcode an.</translation>
    </message>
    <message>
        <source>revscope help: there is no finding code &apos;%1&apos;; run &apos;revscope help&apos; for the list.</source>
        <translation>revscope help: Es gibt keinen Befundcode „%1“; „revscope help“ zeigt die Liste.</translation>
    </message>
    <message>
        <source>revscope help: there is no finding code &apos;%1&apos;. Did you mean %2? Run &apos;revscope help&apos; for the list.</source>
        <translation>revscope help: Es gibt keinen Befundcode „%1“. Meinten Sie %2? „revscope help“ zeigt die Liste.</translation>
    </message>
</context>
<context>
    <name>HtmlReport</name>
    <message>
        <source>Contents</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>Click a revision to read its step.</source>
        <translation>Klicken Sie auf eine Revision, um ihren Schritt zu lesen.</translation>
    </message>
    <message>
        <source>Graphviz wrote an SVG that could not be read.</source>
        <translation>Graphviz hat ein SVG geschrieben, das nicht gelesen werden konnte.</translation>
    </message>
    <message>
        <source>en</source>
        <comment>BCP 47 code of this translation&apos;s language, for the report&apos;s lang attribute</comment>
        <translation>de</translation>
    </message>
</context>
<context>
    <name>ImageAnalyzer</name>
    <message>
        <source>%1 runs “%2” in %3, but %4 is not in the image: no COPY puts it there, so Alembic fails with “No &apos;script_location&apos; key found in configuration”.</source>
        <translation>%1 führt „%2“ in %3 aus, aber %4 ist nicht im Image: Kein COPY legt die Datei dort ab, daher schlägt Alembic mit „No &apos;script_location&apos; key found in configuration“ fehl.</translation>
    </message>
    <message>
        <source>Copy the config into the image, e.g. “COPY %1 %2”, together with its script_location folder.</source>
        <translation>Kopieren Sie die Konfiguration zusammen mit ihrem script_location-Ordner ins Image, z. B. „COPY %1 %2“.</translation>
    </message>
    <message>
        <source>Service %1 works under %2 only because %3 is mounted at %4; %5 has no such mount, and its image lacks %6.</source>
        <translation>Dienst %1 funktioniert unter %2 nur, weil %3 unter %4 eingehängt ist; %5 hat keinen solchen Mount, und seinem Image fehlt %6.</translation>
    </message>
    <message>
        <source>Test the image without the mount, or copy the files the mount provides in the Dockerfile.</source>
        <translation>Testen Sie das Image ohne den Mount, oder kopieren Sie die Dateien, die der Mount bereitstellt, im Dockerfile.</translation>
    </message>
    <message>
        <source>%1 uses %2 (script_location %3), but %4 is not in the image (%5 revision file(s) missing): Alembic cannot load the migrations.</source>
        <translation>%1 verwendet %2 (script_location %3), aber %4 ist nicht im Image (fehlende Revisionsdateien: %5): Alembic kann die Migrationen nicht laden.</translation>
    </message>
    <message>
        <source>Copy the script_location folder to %1.</source>
        <translation>Kopieren Sie den script_location-Ordner nach %1.</translation>
    </message>
    <message>
        <source>Add “**/__pycache__” and “**/*.pyc” to the ignore file.</source>
        <translation>Fügen Sie „**/__pycache__“ und „**/*.pyc“ zur Ignore-Datei hinzu.</translation>
    </message>
    <message>
        <source>The build context of %1 has no .dockerignore, so every __pycache__ folder is sent and can be copied into the image.</source>
        <translation>Der Build-Kontext von %1 hat keine .dockerignore, daher wird jeder __pycache__-Ordner übertragen und kann ins Image kopiert werden.</translation>
    </message>
    <message>
        <source>%1 has no rule that excludes __pycache__ folders at every depth (“__pycache__” and “*.pyc” only match at the context root).</source>
        <translation>%1 hat keine Regel, die __pycache__-Ordner in jeder Tiefe ausschließt („__pycache__“ und „*.pyc“ passen nur im Stammordner des Kontexts).</translation>
    </message>
    <message>
        <source>Add “**/__pycache__” and “**/*.pyc”.</source>
        <translation>Fügen Sie „**/__pycache__“ und „**/*.pyc“ hinzu.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) of bytecode reach the image of %1 (first: %2, by line %3).</source>
        <translation>
            <numerusform>%n Bytecode-Datei gelangt in das Image von %1 (erste: %2, durch Zeile %3).</numerusform>
            <numerusform>%n Bytecode-Dateien gelangen in das Image von %1 (erste: %2, durch Zeile %3).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>They define %n revision(s) no source file defines: %1; with sourceless on, or as stale caches, Alembic can load them.</source>
        <translation>
            <numerusform>Sie definieren %n Revision, die keine Quelldatei definiert: %1; mit eingeschaltetem sourceless oder als veraltete Caches kann Alembic sie laden.</numerusform>
            <numerusform>Sie definieren %n Revisionen, die keine Quelldatei definiert: %1; mit eingeschaltetem sourceless oder als veraltete Caches kann Alembic sie laden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImageCommand</name>
    <message>
        <source>Show which files of the build context land where in the Docker image, and why, with Docker&apos;s .dockerignore and BuildKit&apos;s COPY semantics; then check that the image holds what Alembic needs.</source>
        <translation>Zeigt, welche Dateien des Build-Kontexts wo im Docker-Image landen und warum, nach der .dockerignore-Semantik von Docker und der COPY-Semantik von BuildKit; prüft dann, ob das Image enthält, was Alembic braucht.</translation>
    </message>
    <message>
        <source>Project folder (default: the current folder).</source>
        <translation>Projektordner (Standard: der aktuelle Ordner).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Compose file to read.</source>
        <translation>Zu lesende Compose-Datei.</translation>
    </message>
    <message>
        <source>Compose service to show.</source>
        <translation>Anzuzeigender Compose-Dienst.</translation>
    </message>
    <message>
        <source>Dockerfile to build.</source>
        <translation>Zu bauendes Dockerfile.</translation>
    </message>
    <message>
        <source>Build context of --dockerfile (default: PATH).</source>
        <translation>Build-Kontext von --dockerfile (Standard: PATH).</translation>
    </message>
    <message>
        <source>text (default) or json.</source>
        <translation>text (Standard) oder json.</translation>
    </message>
    <message>
        <source>revscope image: use either --compose or --dockerfile, not both.</source>
        <translation>revscope image: Verwenden Sie entweder --compose oder --dockerfile, nicht beides.</translation>
    </message>
    <message>
        <source>revscope image: %1 is not a readable folder.</source>
        <translation>revscope image: %1 ist kein lesbarer Ordner.</translation>
    </message>
    <message>
        <source>revscope image: cannot read the Dockerfile %1.</source>
        <translation>revscope image: Das Dockerfile %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>revscope image: the build context %1 is not a readable folder.</source>
        <translation>revscope image: Der Build-Kontext %1 ist kein lesbarer Ordner.</translation>
    </message>
    <message>
        <source>revscope image: cannot read the compose file %1.</source>
        <translation>revscope image: Die Compose-Datei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>revscope image: %1 has no service “%2” with a build section.</source>
        <translation>revscope image: %1 hat keinen Dienst „%2“ mit einem build-Abschnitt.</translation>
    </message>
    <message>
        <source>revscope image: --service needs --compose.</source>
        <translation>revscope image: --service erfordert --compose.</translation>
    </message>
    <message>
        <source>revscope image: --context needs --dockerfile.</source>
        <translation>revscope image: --context erfordert --dockerfile.</translation>
    </message>
    <message>
        <source>Image of %1</source>
        <translation>Image von %1</translation>
    </message>
    <message>
        <source>  Dockerfile %1, context %2, ignore file %3</source>
        <translation>  Dockerfile %1, Kontext %2, Ignore-Datei %3</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>  working directory %1, command: %2</source>
        <translation>  Arbeitsverzeichnis %1, Befehl: %2</translation>
    </message>
    <message>
        <source>  PYTHONDONTWRITEBYTECODE is set (line %1): no new bytecode at run time.</source>
        <translation>  PYTHONDONTWRITEBYTECODE ist gesetzt (Zeile %1): kein neuer Bytecode zur Laufzeit.</translation>
    </message>
    <message>
        <source>  %1 &lt;- from stage %2: %3 (line %4)</source>
        <translation>  %1 &lt;- aus Stage %2: %3 (Zeile %4)</translation>
    </message>
    <message>
        <source>No Dockerfile or compose service with a build section under %1.</source>
        <translation>Unter %1 gibt es kein Dockerfile und keinen Compose-Dienst mit build-Abschnitt.</translation>
    </message>
</context>
<context>
    <name>ImageExplainer</name>
    <message>
        <source>Type a path relative to the build context, e.g. back/alembic.ini.</source>
        <translation>Geben Sie einen Pfad relativ zum Build-Kontext ein, z. B. back/alembic.ini.</translation>
    </message>
    <message>
        <source>%1 is not in the build context %2.</source>
        <translation>%1 ist nicht im Build-Kontext %2.</translation>
    </message>
    <message>
        <source>Excluded by %1 line %2 “%3”: it is not sent to the builder, so no COPY can put it in the image.</source>
        <translation>Ausgeschlossen durch %1, Zeile %2 „%3“: Die Datei wird nicht an den Builder gesendet, daher kann kein COPY sie ins Image bringen.</translation>
    </message>
    <message>
        <source>Sent to the builder: %1 line %2 “%3” is the last pattern that matches it.</source>
        <translation>An den Builder gesendet: %1, Zeile %2 „%3“ ist das letzte passende Muster.</translation>
    </message>
    <message>
        <source>Sent to the builder: there is no ignore file.</source>
        <translation>An den Builder gesendet: Es gibt keine Ignore-Datei.</translation>
    </message>
    <message>
        <source>Sent to the builder: no pattern of %1 matches it.</source>
        <translation>An den Builder gesendet: Kein Muster in %1 passt.</translation>
    </message>
    <message>
        <source>%1 → %2 by Dockerfile line %3: %4</source>
        <translation>%1 → %2 durch Dockerfile-Zeile %3: %4</translation>
    </message>
    <message>
        <source>%1 → %2 through stage %3, Dockerfile line %4: %5</source>
        <translation>%1 → %2 über Stage %3, Dockerfile-Zeile %4: %5</translation>
    </message>
    <message>
        <source>Removed from the image by Dockerfile line %1: %2</source>
        <translation>Durch Dockerfile-Zeile %1 aus dem Image entfernt: %2</translation>
    </message>
    <message>
        <source>No COPY or ADD of the target stage copies it: not in the image.</source>
        <translation>Kein COPY oder ADD der Ziel-Stage kopiert die Datei: nicht im Image.</translation>
    </message>
</context>
<context>
    <name>ImageSimulator</name>
    <message>
        <source>The target stage “%1” is not in the Dockerfile.</source>
        <translation>Die Ziel-Stage „%1“ ist nicht im Dockerfile.</translation>
    </message>
    <message>
        <source>COPY source “%1” is excluded by the ignore file, so the build fails with “not found”.</source>
        <translation>Die COPY-Quelle „%1“ wird durch die Ignore-Datei ausgeschlossen, daher schlägt der Build mit „not found“ fehl.</translation>
    </message>
    <message>
        <source>COPY source “%1” is not in the build context: the build fails with “not found”.</source>
        <translation>Die COPY-Quelle „%1“ ist nicht im Build-Kontext: Der Build schlägt mit „not found“ fehl.</translation>
    </message>
    <message>
        <source>COPY source “%1”: the folder “%2” is not in the build context, so the build fails.</source>
        <translation>COPY-Quelle „%1“: Der Ordner „%2“ ist nicht im Build-Kontext, daher schlägt der Build fehl.</translation>
    </message>
    <message>
        <source>COPY --from=%1 names a stage that is not before this one.</source>
        <translation>COPY --from=%1 nennt eine Stage, die nicht vor dieser liegt.</translation>
    </message>
    <message>
        <source>COPY --parents source “%1” is not in the build context.</source>
        <translation>Die COPY --parents-Quelle „%1“ ist nicht im Build-Kontext.</translation>
    </message>
    <message>
        <source>COPY source “%1” is a symlink loop: the build fails.</source>
        <translation>Die COPY-Quelle „%1“ ist eine Symlink-Schleife: Der Build schlägt fehl.</translation>
    </message>
    <message>
        <source>COPY source “%1” is a symlink to “%2”, a forbidden path outside the build context: BuildKit looks for it inside the context and fails with “not found”.</source>
        <translation>Die COPY-Quelle „%1“ ist ein Symlink auf „%2“, einen unzulässigen Pfad außerhalb des Build-Kontexts: BuildKit sucht ihn innerhalb des Kontexts und schlägt mit „not found“ fehl.</translation>
    </message>
    <message>
        <source>COPY source “%1” is a symlink to “%2”, which is not in the build context: the build fails with “not found”.</source>
        <translation>Die COPY-Quelle „%1“ ist ein Symlink auf „%2“, ein Ziel außerhalb des Build-Kontexts: Der Build schlägt mit „not found“ fehl.</translation>
    </message>
    <message>
        <source>ADD copies “%1” as it is: it looks compressed, but %2.</source>
        <translation>ADD kopiert „%1“ unverändert: Die Datei sieht komprimiert aus, aber %2.</translation>
    </message>
    <message>
        <source>extracted, contents not read: %1 archive %2 into %3</source>
        <translation>entpackt, Inhalt nicht gelesen: %1-Archiv %2 nach %3</translation>
    </message>
    <message>
        <source>ADD extracts the archive “%1”, but %2.</source>
        <translation>ADD entpackt das Archiv „%1“, aber %2.</translation>
    </message>
    <message>
        <source>not simulated</source>
        <translation>nicht simuliert</translation>
    </message>
    <message numerus="yes">
        <source>extracted %n member(s) of the %1 archive %2 into %3</source>
        <translation>
            <numerusform>%n Eintrag aus dem %1-Archiv %2 nach %3 entpackt</numerusform>
            <numerusform>%n Einträge aus dem %1-Archiv %2 nach %3 entpackt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>removed %n file(s): %1</source>
        <translation>
            <numerusform>%n Datei entfernt: %1</numerusform>
            <numerusform>%n Dateien entfernt: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>%1 sets no sqlalchemy.url to connect to</source>
        <translation>%1 legt keine sqlalchemy.url für die Verbindung fest</translation>
    </message>
    <message>
        <source>Simulating the Docker images</source>
        <translation>Docker-Images werden simuliert</translation>
    </message>
    <message>
        <source>Git: %1.</source>
        <translation>Git: %1.</translation>
    </message>
    <message>
        <source>Looking for Alembic environments</source>
        <translation>Alembic-Umgebungen werden gesucht</translation>
    </message>
    <message>
        <source>Looking for bytecode</source>
        <translation>Bytecode wird gesucht</translation>
    </message>
    <message>
        <source>Reading migration scripts</source>
        <translation>Migrationsskripte werden gelesen</translation>
    </message>
    <message>
        <source>Building revision graphs</source>
        <translation>Revisionsgraphen werden aufgebaut</translation>
    </message>
    <message>
        <source>Reading the database&apos;s version table</source>
        <translation>Versionstabelle der Datenbank wird gelesen</translation>
    </message>
</context>
<context>
    <name>Journal</name>
    <message>
        <source>No place to keep the journal: the application data folder is unknown</source>
        <translation>Kein Speicherort für das Journal: Der Datenordner der Anwendung ist unbekannt</translation>
    </message>
    <message>
        <source>Could not create the folder %1 for the journal</source>
        <translation>Der Ordner %1 für das Journal konnte nicht erstellt werden</translation>
    </message>
    <message>
        <source>Could not open the journal %1: %2</source>
        <translation>Das Journal %1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Could not read the journal %1: %2</source>
        <translation>Das Journal %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The journal %1 was written by a newer Revscope (format %2; this version reads up to %3)</source>
        <translation>Das Journal %1 wurde von einer neueren Revscope-Version geschrieben (Format %2; diese Version liest bis Format %3)</translation>
    </message>
    <message>
        <source>Could not write the journal %1: %2</source>
        <translation>Das Journal %1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Could not set up the journal %1: %2</source>
        <translation>Das Journal %1 konnte nicht eingerichtet werden: %2</translation>
    </message>
    <message>
        <source>The journal %1 has no operation %2</source>
        <translation>Das Journal %1 enthält keinen Vorgang %2</translation>
    </message>
    <message>
        <source>An operation cannot be finished as pending</source>
        <translation>Ein Vorgang kann nicht als ausstehend abgeschlossen werden</translation>
    </message>
    <message>
        <source>The journal %1 has no pending operation %2</source>
        <translation>Das Journal %1 enthält keinen ausstehenden Vorgang %2</translation>
    </message>
    <message>
        <source>The journal %1 has no operation %2 that is not undone yet</source>
        <translation>Das Journal %1 enthält keinen noch nicht rückgängig gemachten Vorgang %2</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>revscope: --lang needs a language code, such as --lang fr.</source>
        <translation>revscope: --lang braucht einen Sprachcode, etwa --lang fr.</translation>
    </message>
</context>
<context>
    <name>LayoutBuilder</name>
    <message numerus="yes">
        <source>%n revisions</source>
        <translation>
            <numerusform>%n Revision</numerusform>
            <numerusform>%n Revisionen</numerusform>
        </translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>(fehlt)</translation>
    </message>
</context>
<context>
    <name>LockCommand</name>
    <message>
        <source>Write revscope.lock at the project root: the sha256 of every revision script of every environment. Commit it with a release; &apos;revscope check&apos; then reports released migrations that were edited (edited-after-release) or removed (removed-after-release).</source>
        <translation>Schreibt revscope.lock in den Stammordner des Projekts: den sha256 jedes Revisionsskripts jeder Umgebung. Committen Sie die Datei mit einem Release; „revscope check“ meldet dann veröffentlichte Migrationen, die bearbeitet (edited-after-release) oder entfernt (removed-after-release) wurden.</translation>
    </message>
    <message>
        <source>Project folder (default: the current folder).</source>
        <translation>Projektordner (Standard: der aktuelle Ordner).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>revscope lock: cannot write %1: %2.</source>
        <translation>revscope lock: %1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>Wrote %1: %2 revision(s) in %3 environment(s); %4 new, %5 changed, %6 dropped.</source>
        <translation>%1 geschrieben: %2 Revision(en) in %3 Umgebung(en); %4 neu, %5 geändert, %6 entfallen.</translation>
    </message>
</context>
<context>
    <name>MarshalReader</name>
    <message>
        <source>offset outside the data</source>
        <translation>Offset außerhalb der Daten</translation>
    </message>
    <message>
        <source>NULL object in marshal data</source>
        <translation>NULL-Objekt in den marshal-Daten</translation>
    </message>
    <message>
        <source>truncated marshal data: %1 bytes needed at offset %2, %3 left</source>
        <translation>abgeschnittene marshal-Daten: %1 Byte an Offset %2 benötigt, %3 übrig</translation>
    </message>
    <message>
        <source>bad marshal data: negative length %1</source>
        <translation>fehlerhafte marshal-Daten: negative Länge %1</translation>
    </message>
    <message>
        <source>bad marshal data: declared length %1 exceeds the %2 bytes left</source>
        <translation>fehlerhafte marshal-Daten: angegebene Länge %1 übersteigt die verbleibenden %2 Byte</translation>
    </message>
    <message>
        <source>marshal data nested deeper than %1 levels</source>
        <translation>marshal-Daten tiefer als %1 Ebenen verschachtelt</translation>
    </message>
    <message>
        <source>more than %1 objects in marshal data</source>
        <translation>mehr als %1 Objekte in den marshal-Daten</translation>
    </message>
    <message>
        <source>NULL object in marshal data for a container</source>
        <translation>NULL-Objekt in den marshal-Daten für einen Container</translation>
    </message>
    <message>
        <source>bad marshal data: long size out of range</source>
        <translation>fehlerhafte marshal-Daten: long-Größe außerhalb des gültigen Bereichs</translation>
    </message>
    <message>
        <source>bad marshal data: digit out of range in long</source>
        <translation>fehlerhafte marshal-Daten: Ziffer außerhalb des gültigen Bereichs in long</translation>
    </message>
    <message>
        <source>bad marshal data: unnormalized long data</source>
        <translation>fehlerhafte marshal-Daten: nicht normalisierte long-Daten</translation>
    </message>
    <message>
        <source>NULL object in marshal data for a dict value</source>
        <translation>NULL-Objekt in den marshal-Daten für einen dict-Wert</translation>
    </message>
    <message>
        <source>bad marshal data: invalid reference %1 (%2 known)</source>
        <translation>fehlerhafte marshal-Daten: ungültige Referenz %1 (%2 bekannt)</translation>
    </message>
    <message>
        <source>bad marshal data: reference %1 to an unfinished object</source>
        <translation>fehlerhafte marshal-Daten: Referenz %1 auf ein unvollständiges Objekt</translation>
    </message>
    <message>
        <source>bad marshal data: unknown type code 0x%1</source>
        <translation>fehlerhafte marshal-Daten: unbekannter Typcode 0x%1</translation>
    </message>
    <message>
        <source>bad marshal data: float %1</source>
        <translation>fehlerhafte marshal-Daten: float %1</translation>
    </message>
    <message>
        <source>NULL object in a code object</source>
        <translation>NULL-Objekt in einem Codeobjekt</translation>
    </message>
    <message>
        <source>bad code object: expected bytes, got %1</source>
        <translation>fehlerhaftes Codeobjekt: bytes erwartet, %1 erhalten</translation>
    </message>
    <message>
        <source>bad code object: expected str, got %1</source>
        <translation>fehlerhaftes Codeobjekt: str erwartet, %1 erhalten</translation>
    </message>
    <message>
        <source>bad code object: co_consts and co_names must be tuples</source>
        <translation>fehlerhaftes Codeobjekt: co_consts und co_names müssen Tupel sein</translation>
    </message>
    <message>
        <source>bad code object: co_names holds a %1</source>
        <translation>fehlerhaftes Codeobjekt: co_names enthält ein Objekt vom Typ %1</translation>
    </message>
</context>
<context>
    <name>OpSummary</name>
    <message>
        <source>Python cannot read this script: %1.</source>
        <translation>Python kann dieses Skript nicht lesen: %1.</translation>
    </message>
    <message>
        <source>creates table %1</source>
        <translation>erstellt Tabelle %1</translation>
    </message>
    <message>
        <source>creates table %1 (%2)</source>
        <translation>erstellt Tabelle %1 (%2)</translation>
    </message>
    <message>
        <source>drops table %1</source>
        <translation>löscht Tabelle %1</translation>
    </message>
    <message>
        <source>renames table %1 to %2</source>
        <translation>benennt Tabelle %1 in %2 um</translation>
    </message>
    <message>
        <source>adds column %1</source>
        <translation>fügt Spalte %1 hinzu</translation>
    </message>
    <message>
        <source>drops column %1</source>
        <translation>löscht Spalte %1</translation>
    </message>
    <message>
        <source>renames column %1 to %2</source>
        <translation>benennt Spalte %1 in %2 um</translation>
    </message>
    <message>
        <source>alters column %1</source>
        <translation>ändert Spalte %1</translation>
    </message>
    <message>
        <source>alters column %1 (%2)</source>
        <translation>ändert Spalte %1 (%2)</translation>
    </message>
    <message>
        <source>creates index %1 on %2</source>
        <translation>erstellt Index %1 auf %2</translation>
    </message>
    <message>
        <source>drops index %1</source>
        <translation>löscht Index %1</translation>
    </message>
    <message>
        <source>drops index %1 on %2</source>
        <translation>löscht Index %1 auf %2</translation>
    </message>
    <message>
        <source>adds unique constraint %1 on %2</source>
        <translation>fügt Unique-Constraint %1 auf %2 hinzu</translation>
    </message>
    <message>
        <source>adds primary key %1 on %2</source>
        <translation>fügt Primärschlüssel %1 auf %2 hinzu</translation>
    </message>
    <message>
        <source>adds check constraint %1 on %2</source>
        <translation>fügt Check-Constraint %1 auf %2 hinzu</translation>
    </message>
    <message>
        <source>adds exclude constraint %1 on %2</source>
        <translation>fügt Exclude-Constraint %1 auf %2 hinzu</translation>
    </message>
    <message>
        <source>adds foreign key %1 from %2 to %3</source>
        <translation>fügt Fremdschlüssel %1 von %2 auf %3 hinzu</translation>
    </message>
    <message>
        <source>drops constraint %1 from %2</source>
        <translation>entfernt Constraint %1 von %2</translation>
    </message>
    <message>
        <source>sets the comment of table %1</source>
        <translation>setzt den Kommentar von Tabelle %1</translation>
    </message>
    <message>
        <source>drops the comment of table %1</source>
        <translation>entfernt den Kommentar von Tabelle %1</translation>
    </message>
    <message>
        <source>inserts rows into %1</source>
        <translation>fügt Zeilen in %1 ein</translation>
    </message>
    <message>
        <source>alters table %1 in batch mode</source>
        <translation>ändert Tabelle %1 im Batch-Modus</translation>
    </message>
    <message>
        <source>runs SQL built at run time</source>
        <translation>führt zur Laufzeit erzeugtes SQL aus</translation>
    </message>
    <message>
        <source>runs SQL: %1</source>
        <translation>führt SQL aus: %1</translation>
    </message>
    <message>
        <source>calls op.%1 on %2</source>
        <translation>ruft op.%1 auf %2 auf</translation>
    </message>
    <message>
        <source>calls op.%1</source>
        <translation>ruft op.%1 auf</translation>
    </message>
    <message>
        <source>Cannot read the script: %1.</source>
        <translation>Das Skript kann nicht gelesen werden: %1.</translation>
    </message>
    <message>
        <source>The script is too large to summarise (%1 bytes).</source>
        <translation>Das Skript ist zu groß für eine Zusammenfassung (%1 Byte).</translation>
    </message>
</context>
<context>
    <name>PycFile</name>
    <message>
        <source>cannot open: %1</source>
        <translation>kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>%1 bytes is too large for a .pyc (limit %2)</source>
        <translation>%1 Byte sind zu groß für eine .pyc (Grenze: %2)</translation>
    </message>
    <message>
        <source>more than %1 bytes is too large for a .pyc</source>
        <translation>mehr als %1 Byte sind zu groß für eine .pyc</translation>
    </message>
    <message>
        <source>truncated header: %1 bytes</source>
        <translation>abgeschnittener Header: %1 Byte</translation>
    </message>
    <message>
        <source>not a .pyc file: no magic number</source>
        <translation>keine .pyc-Datei: keine Magic Number</translation>
    </message>
    <message>
        <source>unknown magic number %1</source>
        <translation>unbekannte Magic Number %1</translation>
    </message>
    <message>
        <source>truncated header: %1 of %2 bytes</source>
        <translation>abgeschnittener Header: %1 von %2 Byte</translation>
    </message>
    <message>
        <source>invalid header flags 0x%1</source>
        <translation>ungültige Header-Flags 0x%1</translation>
    </message>
    <message>
        <source>corrupt marshal data at offset %1: %2</source>
        <translation>beschädigte marshal-Daten an Offset %1: %2</translation>
    </message>
    <message>
        <source>the marshalled object is a %1, not a code object</source>
        <translation>das gemarshallte Objekt ist vom Typ %1, kein Codeobjekt</translation>
    </message>
</context>
<context>
    <name>PythonLiteral</name>
    <message>
        <source>bytes can only contain ASCII literal characters</source>
        <translation>bytes dürfen nur ASCII-Literalzeichen enthalten</translation>
    </message>
    <message>
        <source>invalid \x escape at position %1</source>
        <translation>ungültige \x-Escape-Sequenz an Position %1</translation>
    </message>
    <message>
        <source>(unicode error) truncated \%1 escape at position %2</source>
        <translation>(Unicode-Fehler) abgeschnittene \%1-Escape-Sequenz an Position %2</translation>
    </message>
    <message>
        <source>(unicode error) illegal Unicode character at position %1</source>
        <translation>(Unicode-Fehler) unzulässiges Unicode-Zeichen an Position %1</translation>
    </message>
    <message>
        <source>(unicode error) malformed \N character escape at position %1</source>
        <translation>(Unicode-Fehler) fehlerhafte \N-Escape-Sequenz an Position %1</translation>
    </message>
    <message>
        <source>the \N{%1} escape cannot be resolved without Python</source>
        <translation>die Escape-Sequenz \N{%1} kann ohne Python nicht aufgelöst werden</translation>
    </message>
    <message>
        <source>invalid syntax</source>
        <translation>ungültige Syntax</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>kein Wert</translation>
    </message>
    <message>
        <source>an incomplete expression</source>
        <translation>ein unvollständiger Ausdruck</translation>
    </message>
    <message>
        <source>a comprehension</source>
        <translation>eine Comprehension</translation>
    </message>
    <message>
        <source>a &apos;%1&apos; expression</source>
        <translation>ein „%1“-Ausdruck</translation>
    </message>
    <message>
        <source>name &apos;%1&apos;</source>
        <translation>Name „%1“</translation>
    </message>
    <message>
        <source>a call</source>
        <translation>ein Aufruf</translation>
    </message>
    <message>
        <source>a subscript</source>
        <translation>ein Indexzugriff</translation>
    </message>
    <message>
        <source>attribute access</source>
        <translation>Attributzugriff</translation>
    </message>
    <message>
        <source>a starred expression</source>
        <translation>ein Ausdruck mit Stern (*)</translation>
    </message>
    <message>
        <source>an assignment expression</source>
        <translation>ein Zuweisungsausdruck</translation>
    </message>
    <message>
        <source>operator &apos;%1&apos;</source>
        <translation>Operator „%1“</translation>
    </message>
    <message>
        <source>an f-string</source>
        <translation>ein f-String</translation>
    </message>
    <message>
        <source>a string where an operator was expected</source>
        <translation>ein String, wo ein Operator erwartet wurde</translation>
    </message>
    <message>
        <source>&apos;%1&apos;</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>an integer too large to convert to float</source>
        <translation>eine Ganzzahl, die zu groß für die Umwandlung in float ist</translation>
    </message>
    <message>
        <source>operator &apos;%1&apos; on %2</source>
        <translation>Operator „%1“ auf %2</translation>
    </message>
    <message>
        <source>too deeply nested</source>
        <translation>zu tief verschachtelt</translation>
    </message>
    <message>
        <source>unhashable type: &apos;%1&apos;</source>
        <translation>nicht hashbarer Typ: „%1“</translation>
    </message>
    <message>
        <source>invalid number</source>
        <translation>ungültige Zahl</translation>
    </message>
    <message>
        <source>cannot mix bytes and nonbytes literals</source>
        <translation>bytes- und Nicht-bytes-Literale können nicht gemischt werden</translation>
    </message>
</context>
<context>
    <name>PythonSource</name>
    <message>
        <source>encoding problem: %1 with BOM</source>
        <translation>Kodierungsproblem: %1 mit BOM</translation>
    </message>
    <message>
        <source>unknown encoding: %1</source>
        <translation>unbekannte Kodierung: %1</translation>
    </message>
    <message>
        <source>binary or undecodable file: NUL byte on line %1</source>
        <translation>binäre oder nicht dekodierbare Datei: NUL-Byte in Zeile %1</translation>
    </message>
    <message>
        <source>binary or undecodable file: byte 0x%1 on line %2 is not valid UTF-8</source>
        <translation>binäre oder nicht dekodierbare Datei: Byte 0x%1 in Zeile %2 ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <source>binary or undecodable file: byte 0x%1 on line %2 is not valid %3</source>
        <translation>binäre oder nicht dekodierbare Datei: Byte 0x%1 in Zeile %2 ist kein gültiges %3</translation>
    </message>
    <message>
        <source>binary or undecodable file: not valid %1</source>
        <translation>binäre oder nicht dekodierbare Datei: kein gültiges %1</translation>
    </message>
</context>
<context>
    <name>PythonTokenizer</name>
    <message>
        <source>inconsistent use of tabs and spaces in indentation</source>
        <translation>inkonsistente Verwendung von Tabulatoren und Leerzeichen in der Einrückung</translation>
    </message>
    <message>
        <source>too many levels of indentation</source>
        <translation>zu viele Einrückungsebenen</translation>
    </message>
    <message>
        <source>unindent does not match any outer indentation level</source>
        <translation>die Ausrückung passt zu keiner äußeren Einrückungsebene</translation>
    </message>
    <message>
        <source>&apos;%1&apos; was never closed</source>
        <translation>„%1“ wurde nie geschlossen</translation>
    </message>
    <message>
        <source>unexpected EOF while parsing</source>
        <translation>unerwartetes Dateiende beim Parsen</translation>
    </message>
    <message>
        <source>unexpected character after line continuation character</source>
        <translation>unerwartetes Zeichen nach dem Zeilenfortsetzungszeichen</translation>
    </message>
    <message>
        <source>invalid character &apos;%1&apos; (U+%2)</source>
        <translation>ungültiges Zeichen „%1“ (U+%2)</translation>
    </message>
    <message>
        <source>invalid non-printable character U+%1</source>
        <translation>ungültiges nicht druckbares Zeichen U+%1</translation>
    </message>
    <message>
        <source>too many nested parentheses</source>
        <translation>zu viele verschachtelte Klammern</translation>
    </message>
    <message>
        <source>unmatched &apos;%1&apos;</source>
        <translation>„%1“ ohne Gegenstück</translation>
    </message>
    <message>
        <source>closing parenthesis &apos;%1&apos; does not match opening parenthesis &apos;%2&apos; on line %3</source>
        <translation>schließende Klammer „%1“ passt nicht zur öffnenden Klammer „%2“ in Zeile %3</translation>
    </message>
    <message>
        <source>closing parenthesis &apos;%1&apos; does not match opening parenthesis &apos;%2&apos;</source>
        <translation>schließende Klammer „%1“ passt nicht zur öffnenden Klammer „%2“</translation>
    </message>
    <message>
        <source>invalid syntax</source>
        <translation>ungültige Syntax</translation>
    </message>
    <message>
        <source>invalid %1 literal</source>
        <translation>ungültiges Literal (%1)</translation>
    </message>
    <message>
        <source>invalid decimal literal</source>
        <translation>ungültiges Dezimalliteral</translation>
    </message>
    <message>
        <source>invalid digit &apos;%1&apos; in %2 literal</source>
        <translation>ungültige Ziffer „%1“ in Literal (%2)</translation>
    </message>
    <message>
        <source>leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers</source>
        <translation>führende Nullen in dezimalen Ganzzahlliteralen sind nicht erlaubt; verwenden Sie für Oktalzahlen das Präfix 0o</translation>
    </message>
    <message>
        <source>unterminated triple-quoted string literal (detected at line %1)</source>
        <translation>nicht abgeschlossenes String-Literal mit dreifachen Anführungszeichen (erkannt in Zeile %1)</translation>
    </message>
    <message>
        <source>unterminated string literal (detected at line %1)</source>
        <translation>nicht abgeschlossenes String-Literal (erkannt in Zeile %1)</translation>
    </message>
    <message>
        <source>unterminated triple-quoted f-string literal (detected at line %1)</source>
        <translation>nicht abgeschlossenes f-String-Literal mit dreifachen Anführungszeichen (erkannt in Zeile %1)</translation>
    </message>
    <message>
        <source>unterminated f-string literal (detected at line %1)</source>
        <translation>nicht abgeschlossenes f-String-Literal (erkannt in Zeile %1)</translation>
    </message>
    <message>
        <source>f-string: single &apos;}&apos; is not allowed</source>
        <translation>f-String: einzelnes „}“ ist nicht erlaubt</translation>
    </message>
    <message>
        <source>f-string: expressions nested too deeply</source>
        <translation>f-String: Ausdrücke zu tief verschachtelt</translation>
    </message>
    <message>
        <source>f-string: expecting &apos;}&apos;</source>
        <translation>f-String: „}“ erwartet</translation>
    </message>
</context>
<context>
    <name>ReleaseAnalyzer</name>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Released revision %1 (%2) is no longer defined by any script; databases stamped at it will fail with &quot;Can&apos;t locate revision&quot;</source>
        <translation>Die veröffentlichte Revision %1 (%2) wird von keinem Skript mehr definiert; Datenbanken, die auf sie gestempelt sind, schlagen mit „Can&apos;t locate revision“ fehl</translation>
    </message>
    <message>
        <source>Restore the script, or if the removal is intended (a reviewed squash), run &apos;revscope lock&apos; to record it</source>
        <translation>Stellen Sie das Skript wieder her, oder führen Sie, falls die Entfernung beabsichtigt ist (ein geprüfter Squash), „revscope lock“ aus, um sie festzuhalten</translation>
    </message>
    <message>
        <source>Released revision %1 was edited after release: %2 hashes to sha256 %3, the lock file recorded %4</source>
        <translation>Die veröffentlichte Revision %1 wurde nach dem Release bearbeitet: %2 hat den sha256-Hash %3, die Lock-Datei hat %4 festgehalten</translation>
    </message>
    <message>
        <source>Databases that already ran it will not run the new version: revert the edit and add a new revision, or run &apos;revscope lock&apos; if the change is harmless</source>
        <translation>Datenbanken, die sie bereits ausgeführt haben, führen die neue Version nicht aus: Machen Sie die Änderung rückgängig und fügen Sie eine neue Revision hinzu, oder führen Sie „revscope lock“ aus, wenn die Änderung harmlos ist</translation>
    </message>
</context>
<context>
    <name>ReleaseLock</name>
    <message>
        <source>%1 is not a lock file Revscope can read: its first line is &apos;%2&apos;, expected &apos;%3&apos;</source>
        <translation>%1 ist keine Lock-Datei, die Revscope lesen kann: Ihre erste Zeile ist „%2“, erwartet wurde „%3“</translation>
    </message>
    <message>
        <source>%1 line %2 is not &apos;[environment]&apos; nor &apos;&lt;revision&gt; &lt;sha256&gt; &lt;script&gt;&apos;</source>
        <translation>%1, Zeile %2 ist weder „[environment]“ noch „&lt;revision&gt; &lt;sha256&gt; &lt;script&gt;“</translation>
    </message>
</context>
<context>
    <name>ReportCommand</name>
    <message>
        <source>revscope report: cannot write %1: it is a folder.</source>
        <translation>revscope report: %1 kann nicht geschrieben werden: Es ist ein Ordner.</translation>
    </message>
    <message>
        <source>revscope report: cannot write %1: %2 is not a folder.</source>
        <translation>revscope report: %1 kann nicht geschrieben werden: %2 ist kein Ordner.</translation>
    </message>
    <message>
        <source>revscope report: cannot write %1: folder %2 does not exist.</source>
        <translation>revscope report: %1 kann nicht geschrieben werden: Der Ordner %2 existiert nicht.</translation>
    </message>
    <message>
        <source>revscope report: cannot write %1: folder %2 is not writable.</source>
        <translation>revscope report: %1 kann nicht geschrieben werden: Der Ordner %2 ist nicht beschreibbar.</translation>
    </message>
    <message>
        <source>Write a report of an Alembic project for onboarding or release review: a summary, the revision graph, the findings by severity and a walkthrough of every environment&apos;s history, step by step, with what each migration changes.
The format follows FILE&apos;s extension: .html or .htm (one standalone page, nothing fetched) or .md or .markdown (GitHub-flavoured, the graph as a mermaid chart).</source>
        <translation>Schreibt einen Bericht über ein Alembic-Projekt für die Einarbeitung oder die Release-Prüfung: eine Zusammenfassung, den Revisionsgraphen, die Befunde nach Schweregrad und einen Rundgang durch die Historie jeder Umgebung, Schritt für Schritt, mit dem, was jede Migration ändert.
Das Format richtet sich nach der Endung von FILE: .html oder .htm (eine eigenständige Seite, es wird nichts nachgeladen) oder .md oder .markdown (GitHub-Flavored Markdown, der Graph als Mermaid-Diagramm).</translation>
    </message>
    <message>
        <source>Project folder (default: the current folder).</source>
        <translation>Projektordner (Standard: der aktuelle Ordner).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>File to write (.html, .htm, .md or .markdown).</source>
        <translation>Zu schreibende Datei (.html, .htm, .md oder .markdown).</translation>
    </message>
    <message>
        <source>Report only on this Alembic config file.</source>
        <translation>Nur über diese Alembic-Konfigurationsdatei berichten.</translation>
    </message>
    <message>
        <source>revscope report: --output FILE is required (.html, .htm, .md or .markdown).</source>
        <translation>revscope report: --output FILE ist erforderlich (.html, .htm, .md oder .markdown).</translation>
    </message>
    <message>
        <source>revscope report: cannot tell the format of %1 from its extension (use .html, .htm, .md or .markdown).</source>
        <translation>revscope report: Das Format von %1 lässt sich nicht an der Endung erkennen (verwenden Sie .html, .htm, .md oder .markdown).</translation>
    </message>
    <message>
        <source>revscope report: cannot write %1: %2.</source>
        <translation>revscope report: %1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>Report written to %1.</source>
        <translation>Bericht nach %1 geschrieben.</translation>
    </message>
</context>
<context>
    <name>ReportContent</name>
    <message>
        <source>base</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>branch point</source>
        <translation>Verzweigung</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>has dependencies</source>
        <translation>mit Abhängigkeiten</translation>
    </message>
    <message>
        <source>no script</source>
        <translation>kein Skript</translation>
    </message>
    <message>
        <source>Alembic history of %1</source>
        <translation>Alembic-Historie von %1</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Revision graph</source>
        <translation>Revisionsgraph</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Walkthrough</source>
        <translation>Rundgang</translation>
    </message>
    <message>
        <source>Docker images</source>
        <translation>Docker-Images</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Revises</source>
        <translation>Baut auf</translation>
    </message>
    <message>
        <source>Built on by</source>
        <translation>Darauf bauen auf</translation>
    </message>
    <message>
        <source>Branch labels</source>
        <translation>Zweig-Labels</translation>
    </message>
    <message>
        <source>Depends on</source>
        <translation>Hängt ab von</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Scripts</source>
        <translation>Skripte</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>Revisionen</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>Heads</translation>
    </message>
    <message>
        <source>Bases</source>
        <translation>Basen</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Abhilfe</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Dockerfile</source>
        <translation>Dockerfile</translation>
    </message>
    <message>
        <source>Working folder</source>
        <translation>Arbeitsverzeichnis</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Files copied</source>
        <translation>Kopierte Dateien</translation>
    </message>
    <message>
        <source>Parents above children. Heads are bold, revisions no script defines dashed, revisions only bytecode defines filled, depends_on links dashed.</source>
        <translation>Eltern über Kindern. Heads sind fett, Revisionen ohne Skript gestrichelt, nur durch Bytecode definierte Revisionen gefüllt, depends_on-Verbindungen gestrichelt.</translation>
    </message>
    <message>
        <source>Linear runs of revisions are drawn as one grey node.</source>
        <translation>Lineare Folgen von Revisionen werden als ein grauer Knoten gezeichnet.</translation>
    </message>
    <message numerus="yes">
        <source>The graph has %n node(s), too many to draw here; `revscope graph --collapse --output graph.svg` draws it on its own.</source>
        <translation>
            <numerusform>Der Graph hat %n Knoten, zu viele, um ihn hier zu zeichnen; `revscope graph --collapse --output graph.svg` zeichnet ihn separat.</numerusform>
            <numerusform>Der Graph hat %n Knoten, zu viele, um ihn hier zu zeichnen; `revscope graph --collapse --output graph.svg` zeichnet ihn separat.</numerusform>
        </translation>
    </message>
    <message>
        <source>Each environment&apos;s history from its bases to its heads, parents before children, one branch finished before the next starts: the order to read the migrations in. What each script changes is read from its upgrade() without running it.</source>
        <translation>Die Historie jeder Umgebung von ihren Basen bis zu ihren Heads, Eltern vor Kindern, ein Zweig vollständig, bevor der nächste beginnt: die Reihenfolge, in der die Migrationen zu lesen sind. Was jedes Skript ändert, wird aus seinem upgrade() gelesen, ohne es auszuführen.</translation>
    </message>
    <message>
        <source>What each image will hold, simulated from its Dockerfile and ignore file; `revscope image` lists every file.</source>
        <translation>Was jedes Image enthalten wird, simuliert aus seinem Dockerfile und seiner Ignore-Datei; `revscope image` listet jede Datei auf.</translation>
    </message>
    <message>
        <source>No Alembic environment was found here.</source>
        <translation>Hier wurde keine Alembic-Umgebung gefunden.</translation>
    </message>
    <message>
        <source>Revscope found nothing wrong.</source>
        <translation>Revscope hat keine Probleme gefunden.</translation>
    </message>
    <message>
        <source>This environment has no revision.</source>
        <translation>Diese Umgebung hat keine Revision.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>There is no revision to draw.</source>
        <translation>Es gibt keine Revision zum Zeichnen.</translation>
    </message>
    <message>
        <source>none: no script defines it</source>
        <translation>keine: kein Skript definiert sie</translation>
    </message>
    <message>
        <source>What it changes</source>
        <translation>Was sie ändert</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n Schritt</numerusform>
            <numerusform>%n Schritte</numerusform>
        </translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>current: the database is here</source>
        <translation>aktuell: Die Datenbank steht hier</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>angewendet</translation>
    </message>
    <message>
        <source>pending: not applied yet</source>
        <translation>ausstehend: noch nicht angewendet</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>nicht erreicht</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Erzeugt</translation>
    </message>
    <message>
        <source>Revscope %1</source>
        <translation>Revscope %1</translation>
    </message>
    <message>
        <source>Bytecode:</source>
        <translation>Bytecode:</translation>
    </message>
    <message>
        <source>Written by Revscope %1. Everything here was read from the files: no migration was run.</source>
        <translation>Geschrieben von Revscope %1. Alles hier wurde aus den Dateien gelesen: Es wurde keine Migration ausgeführt.</translation>
    </message>
    <message numerus="yes">
        <source>Errors (%n)</source>
        <translation>
            <numerusform>Fehler (%n)</numerusform>
            <numerusform>Fehler (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Warnings (%n)</source>
        <translation>
            <numerusform>Warnung (%n)</numerusform>
            <numerusform>Warnungen (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Information (%n)</source>
        <translation>
            <numerusform>Info (%n)</numerusform>
            <numerusform>Infos (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n info finding(s)</source>
        <translation>
            <numerusform>%n Info-Befund</numerusform>
            <numerusform>%n Info-Befunde</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <source>No script defines this revision, so there is nothing to read.</source>
        <translation>Kein Skript definiert diese Revision, daher gibt es nichts zu lesen.</translation>
    </message>
    <message>
        <source>The script could not be read: %1</source>
        <translation>Das Skript konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Nothing: upgrade() is empty, so upgrading through this revision only moves the version table.</source>
        <translation>Nichts: upgrade() ist leer, ein Upgrade über diese Revision ändert also nur die Versionstabelle.</translation>
    </message>
    <message>
        <source>upgrade() makes no op.* call Revscope can read; open the script to see what it does.</source>
        <translation>upgrade() enthält keinen op.*-Aufruf, den Revscope lesen kann; öffnen Sie das Skript, um zu sehen, was es tut.</translation>
    </message>
    <message>
        <source>%1 (%2 bytecode-only, %3 missing)</source>
        <translation>%1 (%2 nur als Bytecode, %3 fehlend)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2 (version table: %3)</source>
        <translation>%1: %2 (Versionstabelle: %3)</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 stray, %3 stale, %4 corrupt</source>
        <translation>%1: %2 verwaist, %3 veraltet, %4 beschädigt</translation>
    </message>
</context>
<context>
    <name>RevisionDiff</name>
    <message>
        <source>added in %1 &apos;%2&apos;, which removed them</source>
        <translation>hinzugefügt in %1 „%2“, der sie entfernt hat</translation>
    </message>
    <message>
        <source>a new base where a removed base was</source>
        <translation>eine neue Basis an der Stelle einer entfernten Basis</translation>
    </message>
    <message>
        <source>%1 now follows it instead</source>
        <translation>%1 folgt ihr jetzt stattdessen</translation>
    </message>
    <message>
        <source>its message mentions a squash</source>
        <translation>ihre Nachricht erwähnt einen Squash</translation>
    </message>
    <message>
        <source>Head %1 was removed and no revision replaces it; a database at %1 cannot upgrade</source>
        <translation>Head %1 wurde entfernt, und keine Revision ersetzt ihn; eine Datenbank auf %1 kann kein Upgrade durchführen</translation>
    </message>
    <message>
        <source>Head %1 corresponds to no head before; the squash may have split the history</source>
        <translation>Head %1 entspricht keinem vorherigen Head; der Squash hat die Historie möglicherweise aufgespalten</translation>
    </message>
    <message>
        <source>Head %1 before corresponds to no head after; databases at it cannot reach a head</source>
        <translation>Der vorherige Head %1 entspricht keinem Head danach; Datenbanken auf diesem Stand können keinen Head erreichen</translation>
    </message>
    <message>
        <source>Revision %1 still names removed revision %2</source>
        <translation>Revision %1 nennt noch die entfernte Revision %2</translation>
    </message>
    <message>
        <source>Point it at %1, which replaces %2</source>
        <translation>Lassen Sie sie auf %1 verweisen, die %2 ersetzt</translation>
    </message>
    <message>
        <source>%1 still defines removed revision %2; with sourceless or a stale cache it comes back</source>
        <translation>%1 definiert noch die entfernte Revision %2; mit sourceless oder einem veralteten Cache kehrt sie zurück</translation>
    </message>
    <message>
        <source>%1 is not a revision of the newer version</source>
        <translation>%1 ist keine Revision der neueren Version</translation>
    </message>
    <message>
        <source>%1 replaces no revision</source>
        <translation>%1 ersetzt keine Revision</translation>
    </message>
    <message>
        <source>%1 was not removed between the two versions</source>
        <translation>%1 wurde zwischen den beiden Versionen nicht entfernt</translation>
    </message>
</context>
<context>
    <name>RevisionGraph</name>
    <message>
        <source>No such branch: &apos;%1&apos;</source>
        <translation>Kein solcher Zweig: „%1“</translation>
    </message>
    <message>
        <source>No such revision or branch &apos;%1&apos;</source>
        <translation>Keine solche Revision und kein solcher Zweig: „%1“</translation>
    </message>
    <message>
        <source>; please ensure at least four characters are present for partial revision identifier matches</source>
        <translation>; für Treffer mit partiellen Revisions-IDs sind mindestens vier Zeichen nötig</translation>
    </message>
    <message>
        <source>Multiple revisions start with &apos;%1&apos;: %2...</source>
        <translation>Mehrere Revisionen beginnen mit „%1“: %2...</translation>
    </message>
    <message>
        <source>Revision %1 is not a member of branch &apos;%2&apos;</source>
        <translation>Revision %1 gehört nicht zum Zweig „%2“</translation>
    </message>
    <message>
        <source>Multiple heads are present for given argument &apos;%1&apos;; %2</source>
        <translation>Für das angegebene Argument „%1“ gibt es mehrere Heads; %2</translation>
    </message>
    <message>
        <source>Relative revision identifiers such as &apos;%1&apos; are not supported here</source>
        <translation>Relative Revisionsbezeichner wie „%1“ werden hier nicht unterstützt</translation>
    </message>
</context>
<context>
    <name>Revscope::AlembicConfig</name>
    <message>
        <source>incomplete format</source>
        <translation>unvollständiges Format</translation>
    </message>
    <message>
        <source>unsupported format %1: use %(here)s, or %% for a literal %</source>
        <translation>nicht unterstütztes Format %1: Verwenden Sie %(here)s oder %% für ein wörtliches %</translation>
    </message>
    <message>
        <source>incomplete format key</source>
        <translation>unvollständiger Formatschlüssel</translation>
    </message>
    <message>
        <source>KeyError: %1</source>
        <translation>KeyError: %1</translation>
    </message>
    <message>
        <source>format %1 needs a number, not the string %2</source>
        <translation>Format %1 erfordert eine Zahl, nicht den String %2</translation>
    </message>
    <message>
        <source>Write a literal % as %%, and refer only to options of this section or of [DEFAULT], as %(name)s.</source>
        <translation>Schreiben Sie ein wörtliches % als %%, und verweisen Sie nur auf Optionen dieses Abschnitts oder von [DEFAULT], in der Form %(name)s.</translation>
    </message>
    <message>
        <source>Cannot expand %1 in [tool.alembic] %2: %3</source>
        <translation>%1 in [tool.alembic] %2 kann nicht expandiert werden: %3</translation>
    </message>
    <message>
        <source>%1 = %2 reads as false: Alembic only accepts the exact word &apos;true&apos;.</source>
        <translation>%1 = %2 wird als false gelesen: Alembic akzeptiert nur genau das Wort „true“.</translation>
    </message>
    <message>
        <source>Write %1 = true.</source>
        <translation>Schreiben Sie %1 = true.</translation>
    </message>
    <message>
        <source>boolean value expected for TOML parameter %1, found %2</source>
        <translation>boolescher Wert für TOML-Parameter %1 erwartet, gefunden: %2</translation>
    </message>
    <message>
        <source>Write %1 = true or %1 = false.</source>
        <translation>Schreiben Sie %1 = true oder %1 = false.</translation>
    </message>
    <message>
        <source>[tool.alembic] %1 must be a list of paths, not a %2.</source>
        <translation>[tool.alembic] %1 muss eine Liste von Pfaden sein, kein Wert vom Typ %2.</translation>
    </message>
    <message>
        <source>Write %1 = [&quot;%(here)s/path&quot;, ...].</source>
        <translation>Schreiben Sie %1 = [&quot;%(here)s/path&quot;, ...].</translation>
    </message>
    <message>
        <source>[tool.alembic] %1 must hold strings, found a %2.</source>
        <translation>[tool.alembic] %1 muss Strings enthalten, gefunden: ein Wert vom Typ %2.</translation>
    </message>
    <message>
        <source>%1 is not a valid value for %2; expected &apos;space&apos;, &apos;newline&apos;, &apos;os&apos;, &apos;:&apos;, &apos;;&apos;</source>
        <translation>%1 ist kein gültiger Wert für %2; erwartet: &apos;space&apos;, &apos;newline&apos;, &apos;os&apos;, &apos;:&apos;, &apos;;&apos;</translation>
    </message>
    <message>
        <source>Write %1 = os.</source>
        <translation>Schreiben Sie %1 = os.</translation>
    </message>
    <message>
        <source>%1 has an empty entry, which Alembic reads as the folder it runs in.</source>
        <translation>%1 hat einen leeren Eintrag, den Alembic als den Ordner liest, in dem es ausgeführt wird.</translation>
    </message>
    <message>
        <source>Add path_separator = os to the config.</source>
        <translation>Fügen Sie path_separator = os zur Konfiguration hinzu.</translation>
    </message>
    <message>
        <source>%1 has an empty entry (a leading, trailing or doubled separator), which Alembic reads as the folder it runs in.</source>
        <translation>%1 hat einen leeren Eintrag (ein führendes, nachgestelltes oder doppeltes Trennzeichen), den Alembic als den Ordner liest, in dem es ausgeführt wird.</translation>
    </message>
    <message>
        <source>No module named %1 (from %2 = %3): the package is not under the config folder, a folder above it within the project, or a prepend_sys_path entry, so Alembic finds it only if it is installed.</source>
        <translation>Kein Modul namens %1 (aus %2 = %3): Das Paket liegt weder unter dem Konfigurationsordner noch in einem übergeordneten Ordner innerhalb des Projekts noch in einem prepend_sys_path-Eintrag, daher findet Alembic es nur, wenn es installiert ist.</translation>
    </message>
    <message>
        <source>Use a path relative to the config folder, or add the folder holding the package to prepend_sys_path.</source>
        <translation>Verwenden Sie einen Pfad relativ zum Konfigurationsordner, oder fügen Sie den Ordner mit dem Paket zu prepend_sys_path hinzu.</translation>
    </message>
    <message>
        <source>pyproject.toml does not parse: %1. Alembic 1.16 and later read it beside the ini and stop on this error.</source>
        <translation>pyproject.toml lässt sich nicht parsen: %1. Alembic ab Version 1.16 liest die Datei neben der ini-Datei und bricht bei diesem Fehler ab.</translation>
    </message>
    <message>
        <source>pyproject.toml does not parse: %1</source>
        <translation>pyproject.toml lässt sich nicht parsen: %1</translation>
    </message>
    <message>
        <source>Incorrect TOML format: [tool.alembic] must be a table.</source>
        <translation>Falsches TOML-Format: [tool.alembic] muss eine Tabelle sein.</translation>
    </message>
    <message>
        <source>No config file %1 found, or file has no &apos;[%2]&apos; section</source>
        <translation>Keine Konfigurationsdatei %1 gefunden, oder die Datei hat keinen Abschnitt „[%2]“</translation>
    </message>
    <message>
        <source>Add a [%1] section with script_location, or run Alembic with --name.</source>
        <translation>Fügen Sie einen Abschnitt [%1] mit script_location hinzu, oder führen Sie Alembic mit --name aus.</translation>
    </message>
    <message>
        <source>script_location = %1 is relative to the folder Alembic runs in. It is not under the config&apos;s folder but under the project root %2, so Revscope reads the environment as `alembic -c` run from the root.</source>
        <translation>script_location = %1 ist relativ zu dem Ordner, in dem Alembic ausgeführt wird. Der Ordner liegt nicht unter dem Ordner der Konfiguration, sondern unter dem Stammordner des Projekts %2, daher liest Revscope die Umgebung so, als würde `alembic -c` im Stammordner ausgeführt.</translation>
    </message>
    <message>
        <source>Write script_location = %(here)s/&lt;folder&gt; to make it independent of the folder Alembic is run from.</source>
        <translation>Schreiben Sie script_location = %(here)s/&lt;folder&gt;, damit der Pfad nicht davon abhängt, aus welchem Ordner Alembic ausgeführt wird.</translation>
    </message>
    <message>
        <source>No &apos;script_location&apos; key found in configuration.</source>
        <translation>Kein Schlüssel „script_location“ in der Konfiguration gefunden.</translation>
    </message>
    <message>
        <source>Add script_location = %(here)s/migrations (the folder holding env.py) to [%1].</source>
        <translation>Fügen Sie script_location = %(here)s/migrations (der Ordner mit env.py) zu [%1] hinzu.</translation>
    </message>
    <message>
        <source>[tool.alembic] script_location must be a string, not a %1.</source>
        <translation>[tool.alembic] script_location muss ein String sein, kein Wert vom Typ %1.</translation>
    </message>
    <message>
        <source>invalid literal for int() with base 10: %1 (truncate_slug_length)</source>
        <translation>ungültiges Literal für int() mit Basis 10: %1 (truncate_slug_length)</translation>
    </message>
    <message>
        <source>Write a whole number, e.g. 40.</source>
        <translation>Schreiben Sie eine ganze Zahl, z. B. 40.</translation>
    </message>
    <message>
        <source>[tool.alembic] file_template must be a string, not a %1.</source>
        <translation>[tool.alembic] file_template muss ein String sein, kein Wert vom Typ %1.</translation>
    </message>
    <message>
        <source>Path doesn&apos;t exist: %1 (script_location = %2). Alembic cannot load this environment.</source>
        <translation>Pfad existiert nicht: %1 (script_location = %2). Alembic kann diese Umgebung nicht laden.</translation>
    </message>
    <message>
        <source>Point script_location at the folder holding env.py, or create it with &apos;alembic init&apos;.</source>
        <translation>Lassen Sie script_location auf den Ordner mit env.py zeigen, oder erstellen Sie ihn mit „alembic init“.</translation>
    </message>
    <message>
        <source>script_location %1 is a file, not a folder.</source>
        <translation>script_location %1 ist eine Datei, kein Ordner.</translation>
    </message>
    <message>
        <source>No path_separator found in configuration; %1 is split on spaces and commas the legacy way, and newer Alembic releases warn about it.</source>
        <translation>Kein path_separator in der Konfiguration gefunden; %1 wird auf die veraltete Art an Leerzeichen und Kommas aufgeteilt, und neuere Alembic-Versionen warnen davor.</translation>
    </message>
    <message>
        <source>No path_separator found in configuration; %1 is split on spaces, commas and colons the legacy way, and newer Alembic releases warn about it.</source>
        <translation>Kein path_separator in der Konfiguration gefunden; %1 wird auf die veraltete Art an Leerzeichen, Kommas und Doppelpunkten aufgeteilt, und neuere Alembic-Versionen warnen davor.</translation>
    </message>
</context>
<context>
    <name>Revscope::BytecodeScanner</name>
    <message>
        <source>More than %1 bytecode files under %2; only the first %1 are inspected.</source>
        <translation>Mehr als %1 Bytecode-Dateien unter %2; nur die ersten %1 werden untersucht.</translation>
    </message>
    <message>
        <source>%1 is a symbolic link to %2, outside the project; Revscope does not follow it, so this bytecode is not inspected.</source>
        <translation>%1 ist ein symbolischer Link auf %2 außerhalb des Projekts; Revscope folgt ihm nicht, daher wird dieser Bytecode nicht untersucht.</translation>
    </message>
    <message>
        <source>Cannot read folder %1: %2. Bytecode inside it is not inspected.</source>
        <translation>Der Ordner %1 kann nicht gelesen werden: %2. Darin enthaltener Bytecode wird nicht untersucht.</translation>
    </message>
    <message>
        <source>%1 has more than %2 folders; bytecode outside the version locations was looked for in the first %2 only.</source>
        <translation>%1 hat mehr als %2 Ordner; Bytecode außerhalb der Versionsordner wurde nur in den ersten %2 gesucht.</translation>
    </message>
    <message>
        <source>the source was modified at %1, the bytecode was compiled from a version modified at %2</source>
        <translation>Änderungszeit der Quelldatei %1, der Bytecode wurde aus einer Version mit Änderungszeit %2 kompiliert</translation>
    </message>
    <message>
        <source>the source is %1 bytes, the bytecode was compiled from %2</source>
        <translation>die Quelldatei hat %1 Byte, der Bytecode wurde aus einer Version mit %2 Byte kompiliert</translation>
    </message>
    <message>
        <source>the source&apos;s hash no longer matches the one recorded in the bytecode</source>
        <translation>der Hash der Quelldatei stimmt nicht mehr mit dem im Bytecode gespeicherten überein</translation>
    </message>
    <message>
        <source>the file is %1 bytes, more than any migration&apos;s bytecode</source>
        <translation>die Datei hat %1 Byte, mehr als der Bytecode jeder Migration</translation>
    </message>
</context>
<context>
    <name>Revscope::CleanupController</name>
    <message>
        <source>Clean Up…</source>
        <translation>Aufräumen…</translation>
    </message>
    <message>
        <source>Move stray bytecode to the trash, previewed, journaled and undoable</source>
        <translation>Verwaisten Bytecode in den Papierkorb verschieben, mit Vorschau, Journal und rückgängig machbar</translation>
    </message>
    <message>
        <source>&amp;Undo Cleanup</source>
        <translation>Aufräumen &amp;rückgängig machen</translation>
    </message>
    <message>
        <source>Cleanup &amp;History…</source>
        <translation>Aufräum&amp;verlauf…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message numerus="yes">
        <source>Cleaned up: %n action(s) done.</source>
        <translation>
            <numerusform>Aufgeräumt: %n Aktion ausgeführt.</numerusform>
            <numerusform>Aufgeräumt: %n Aktionen ausgeführt.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no cleanup of this project to undo.</source>
        <translation>Für dieses Projekt gibt es keinen Aufräumvorgang, der rückgängig gemacht werden kann.</translation>
    </message>
    <message>
        <source>Undoing the cleanup…</source>
        <translation>Aufräumen wird rückgängig gemacht…</translation>
    </message>
    <message>
        <source>Undo Cleanup</source>
        <translation>Aufräumen rückgängig machen</translation>
    </message>
</context>
<context>
    <name>Revscope::CleanupDialog</name>
    <message>
        <source>Clean up bytecode</source>
        <translation>Bytecode aufräumen</translation>
    </message>
    <message>
        <source>&amp;Version locations</source>
        <translation>&amp;Versionsordner</translation>
    </message>
    <message>
        <source>Bytecode in the folders that hold migration scripts</source>
        <translation>Bytecode in den Ordnern, die Migrationsskripte enthalten</translation>
    </message>
    <message>
        <source>&amp;Whole project</source>
        <translation>&amp;Ganzes Projekt</translation>
    </message>
    <message>
        <source>Bytecode anywhere in the project except virtual environments</source>
        <translation>Bytecode überall im Projekt außer in virtuellen Umgebungen</translation>
    </message>
    <message>
        <source>Include &amp;stale bytecode (source changed since)</source>
        <translation>Veralteten Bytecode ein&amp;beziehen (Quelldatei seitdem geändert)</translation>
    </message>
    <message>
        <source>Update .&amp;dockerignore files</source>
        <translation>.&amp;dockerignore-Dateien aktualisieren</translation>
    </message>
    <message>
        <source>What to clean</source>
        <translation>Was aufgeräumt wird</translation>
    </message>
    <message>
        <source>Tick all</source>
        <translation>Alle auswählen</translation>
    </message>
    <message>
        <source>Tick none</source>
        <translation>Keine auswählen</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Why it is left alone</source>
        <translation>Warum nicht angetastet</translation>
    </message>
    <message>
        <source>Left alone</source>
        <translation>Nicht angetastet</translation>
    </message>
    <message>
        <source>.dockerignore changes</source>
        <translation>.dockerignore-Änderungen</translation>
    </message>
    <message>
        <source>Move to &amp;quarantine instead of the trash</source>
        <translation>In die &amp;Quarantäne statt in den Papierkorb verschieben</translation>
    </message>
    <message>
        <source>The quarantine is a folder of Revscope&apos;s own; undo brings files back from it</source>
        <translation>Die Quarantäne ist ein eigener Ordner von Revscope; beim Rückgängigmachen werden die Dateien von dort zurückgeholt</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>&amp;Undo cleanup</source>
        <translation>Aufräumen &amp;rückgängig machen</translation>
    </message>
    <message>
        <source>Project: %1</source>
        <translation>Projekt: %1</translation>
    </message>
    <message>
        <source>Planning...</source>
        <translation>Wird geplant...</translation>
    </message>
    <message>
        <source>Left alone (%1)</source>
        <translation>Nicht angetastet (%1)</translation>
    </message>
    <message>
        <source>Nothing to clean up.</source>
        <translation>Nichts aufzuräumen.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1</source>
        <translation>
            <numerusform>%n Datei, %1</numerusform>
            <numerusform>%n Dateien, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1, and %2 other change(s)</source>
        <translation>
            <numerusform>%n Datei, %1, und %2 weitere Änderung(en)</numerusform>
            <numerusform>%n Dateien, %1, und %2 weitere Änderung(en)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cleaning up...</source>
        <translation>Wird aufgeräumt...</translation>
    </message>
    <message>
        <source>Undoing...</source>
        <translation>Wird rückgängig gemacht...</translation>
    </message>
    <message numerus="yes">
        <source>Restored %n item(s).</source>
        <translation>
            <numerusform>%n Element wiederhergestellt.</numerusform>
            <numerusform>%n Elemente wiederhergestellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n action(s).</source>
        <translation>
            <numerusform>Erledigt: %n Aktion.</numerusform>
            <numerusform>Erledigt: %n Aktionen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left alone: %n.</source>
        <translation>
            <numerusform>Nicht angetastet: %n.</numerusform>
            <numerusform>Nicht angetastet: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Failed: %n.</source>
        <translation>
            <numerusform>Fehlgeschlagen: %n.</numerusform>
            <numerusform>Fehlgeschlagen: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not tried: %n.</source>
        <translation>
            <numerusform>Nicht versucht: %n.</numerusform>
            <numerusform>Nicht versucht: %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Revscope::CleanupHistoryDialog</name>
    <message>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cleanup history</source>
        <translation>Aufräumverlauf</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Rückgängig gemacht</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig machen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>%1  %2 -&gt; %3</source>
        <translation>%1  %2 -&gt; %3</translation>
    </message>
    <message>
        <source>Undoing...</source>
        <translation>Wird rückgängig gemacht...</translation>
    </message>
</context>
<context>
    <name>Revscope::CleanupPlanModel</name>
    <message>
        <source>Move to trash</source>
        <translation>In den Papierkorb verschieben</translation>
    </message>
    <message>
        <source>Remove empty folder</source>
        <translation>Leeren Ordner entfernen</translation>
    </message>
    <message>
        <source>Edit .dockerignore</source>
        <translation>.dockerignore bearbeiten</translation>
    </message>
    <message>
        <source>Stray bytecode (no source)</source>
        <translation>Verwaister Bytecode (keine Quelldatei)</translation>
    </message>
    <message>
        <source>Stale bytecode (source changed)</source>
        <translation>Veralteter Bytecode (Quelldatei geändert)</translation>
    </message>
    <message>
        <source>No bytecode rule in .dockerignore</source>
        <translation>Keine Bytecode-Regel in .dockerignore</translation>
    </message>
    <message>
        <source>%1
Defines revision %2</source>
        <translation>%1
Definiert Revision %2</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>Revscope::CompareDialog</name>
    <message>
        <source>Compare Versions</source>
        <translation>Versionen vergleichen</translation>
    </message>
    <message>
        <source>The older version: a branch, tag, commit or folder</source>
        <translation>Die ältere Version: ein Zweig, ein Tag, ein Commit oder ein Ordner</translation>
    </message>
    <message>
        <source>The newer version: a branch, tag, commit or folder</source>
        <translation>Die neuere Version: ein Zweig, ein Tag, ein Commit oder ein Ordner</translation>
    </message>
    <message>
        <source>Browse Folder…</source>
        <translation>Ordner wählen…</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>Ver&amp;gleichen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Nach:</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <source>The revision of the newer version whose removed revisions the ticks show</source>
        <translation>Die Revision der neueren Version, deren entfernte Revisionen die Häkchen zeigen</translation>
    </message>
    <message>
        <source>Con&amp;firm Mapping</source>
        <translation>Zuordnung &amp;bestätigen</translation>
    </message>
    <message>
        <source>Accept the mapping as shown and run the checks with it</source>
        <translation>Die Zuordnung wie angezeigt übernehmen und die Prüfungen damit ausführen</translation>
    </message>
    <message>
        <source>&amp;Replacing revision:</source>
        <translation>&amp;Ersetzende Revision:</translation>
    </message>
    <message>
        <source>Tick the removed revisions the replacing revision stands for, or pick another in the Replaced by column. Every change runs the checks again.</source>
        <translation>Haken Sie die entfernten Revisionen an, für die die ersetzende Revision steht, oder wählen Sie in der Spalte „Ersetzt durch“ eine andere. Jede Änderung führt die Prüfungen erneut aus.</translation>
    </message>
    <message>
        <source>Squash Mapping</source>
        <translation>Squash-Zuordnung</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
    <message>
        <source>&amp;Stamp…</source>
        <translation>&amp;Stempeln…</translation>
    </message>
    <message>
        <source>Rewrite the version table to the revisions that replace the removed ones, after a preview</source>
        <translation>Die Versionstabelle nach einer Vorschau auf die Revisionen umschreiben, die die entfernten ersetzen</translation>
    </message>
    <message>
        <source>Compare Versions — %1</source>
        <translation>Versionen vergleichen — %1</translation>
    </message>
    <message>
        <source>The project folder as it is on disk</source>
        <translation>Der Projektordner, wie er auf der Festplatte liegt</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1 is not in a git repository: compare it with another folder (Browse Folder…).</source>
        <translation>%1 liegt in keinem git-Repository: Vergleichen Sie stattdessen mit einem anderen Ordner (Ordner wählen…).</translation>
    </message>
    <message>
        <source>Choose a Folder</source>
        <translation>Ordner auswählen</translation>
    </message>
    <message>
        <source>Choose the two versions to compare.</source>
        <translation>Wählen Sie die beiden zu vergleichenden Versionen.</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation>Vergleich abgebrochen.</translation>
    </message>
    <message>
        <source>No revision was removed: there is no squash to map.</source>
        <translation>Es wurde keine Revision entfernt: Es gibt keinen Squash zuzuordnen.</translation>
    </message>
    <message>
        <source>Confirmed: the checks use this mapping.</source>
        <translation>Bestätigt: Die Prüfungen verwenden diese Zuordnung.</translation>
    </message>
    <message>
        <source>Inferred by Revscope: confirm it, or correct it, so the checks use yours.</source>
        <translation>Von Revscope abgeleitet: Bestätigen oder korrigieren Sie sie, damit die Prüfungen Ihre Zuordnung verwenden.</translation>
    </message>
    <message>
        <source>%1 removed, %2 added, %3 rewired, %4 edited</source>
        <translation>%1 entfernt, %2 hinzugefügt, %3 umgehängt, %4 bearbeitet</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n Befund</numerusform>
            <numerusform>%n Befunde</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 → %2: %3; %4.</source>
        <translation>%1 → %2: %3; %4.</translation>
    </message>
    <message>
        <source>Removed (%1)</source>
        <translation>Entfernt (%1)</translation>
    </message>
    <message>
        <source>Added (%1)</source>
        <translation>Hinzugefügt (%1)</translation>
    </message>
    <message>
        <source>Rewired (%1)</source>
        <translation>Umgehängt (%1)</translation>
    </message>
    <message>
        <source>Edited (%1)</source>
        <translation>Bearbeitet (%1)</translation>
    </message>
    <message>
        <source>Checks (%1)</source>
        <translation>Prüfungen (%1)</translation>
    </message>
    <message>
        <source>The database could not be read for this environment.</source>
        <translation>Die Datenbank konnte für diese Umgebung nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The database %1 is still stamped at %2, which the squash removed: Alembic will stop with &quot;Can&apos;t locate revision&quot;.</source>
        <translation>Die Datenbank %1 ist noch auf %2 gestempelt, die der Squash entfernt hat: Alembic wird mit „Can&apos;t locate revision“ abbrechen.</translation>
    </message>
    <message>
        <source>Stamp it to %1 instead.</source>
        <translation>Stempeln Sie sie stattdessen auf %1.</translation>
    </message>
    <message>
        <source>Confirm which revision replaces it in the Squash Mapping tab.</source>
        <translation>Bestätigen Sie im Reiter „Squash-Zuordnung“, welche Revision sie ersetzt.</translation>
    </message>
    <message>
        <source>The database %1 names no revision the squash removed.</source>
        <translation>Die Datenbank %1 nennt keine Revision, die der Squash entfernt hat.</translation>
    </message>
    <message>
        <source>Neither version has an Alembic environment to compare.</source>
        <translation>Keine der beiden Versionen hat eine Alembic-Umgebung zum Vergleichen.</translation>
    </message>
</context>
<context>
    <name>Revscope::ComparisonChangesModel</name>
    <message>
        <source>nothing replaces it</source>
        <translation>nichts ersetzt sie</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>rewired</source>
        <translation>umgehängt</translation>
    </message>
    <message>
        <source>script changed</source>
        <translation>Skript geändert</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Replaced by</source>
        <translation>Ersetzt durch</translation>
    </message>
    <message>
        <source>Replaces</source>
        <translation>Ersetzt</translation>
    </message>
    <message>
        <source>Down revisions</source>
        <translation>Elternrevisionen</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
</context>
<context>
    <name>Revscope::ConnectDialog</name>
    <message>
        <source>Connect to a database</source>
        <translation>Mit einer Datenbank verbinden</translation>
    </message>
    <message>
        <source>Connection details</source>
        <translation>Verbindungsdetails</translation>
    </message>
    <message>
        <source>An SQLAlchemy URL, as in alembic.ini&apos;s sqlalchemy.url. A relative SQLite path is taken against the project folder.</source>
        <translation>Eine SQLAlchemy-URL wie in sqlalchemy.url von alembic.ini. Ein relativer SQLite-Pfad wird relativ zum Projektordner aufgelöst.</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>SQLAlchemy URL</source>
        <translation>SQLAlchemy-URL</translation>
    </message>
    <message>
        <source>Variable:</source>
        <translation>Variable:</translation>
    </message>
    <message>
        <source>Environment variable</source>
        <translation>Umgebungsvariable</translation>
    </message>
    <message>
        <source>default schema</source>
        <translation>Standardschema</translation>
    </message>
    <message>
        <source>Schema:</source>
        <translation>Schema:</translation>
    </message>
    <message>
        <source>Not tested yet.</source>
        <translation>Noch nicht getestet.</translation>
    </message>
    <message>
        <source>Remember password in the system keychain</source>
        <translation>Passwort im Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
        <source>Version table:</source>
        <translation>Versionstabelle:</translation>
    </message>
    <message>
        <source>Connects to:</source>
        <translation>Verbindet mit:</translation>
    </message>
    <message>
        <source>Test:</source>
        <translation>Test:</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Connect now (read only, 5 s timeout) and read the version table</source>
        <translation>Jetzt verbinden (nur lesend, 5 s Zeitlimit) und die Versionstabelle lesen</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>SQLite-Datei</translation>
    </message>
    <message>
        <source>PostgreSQL</source>
        <translation>PostgreSQL</translation>
    </message>
    <message>
        <source>MySQL</source>
        <translation>MySQL</translation>
    </message>
    <message>
        <source>MariaDB</source>
        <translation>MariaDB</translation>
    </message>
    <message>
        <source>%1 (not installed: %2)</source>
        <translation>%1 (nicht installiert: %2)</translation>
    </message>
    <message>
        <source>Not installed: %1 (package %2).</source>
        <translation>Nicht installiert: %1 (Paket %2).</translation>
    </message>
    <message>
        <source>path/to/app.db</source>
        <translation>pfad/zu/app.db</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Driver:</source>
        <translation>Treiber:</translation>
    </message>
    <message>
        <source>Database file:</source>
        <translation>Datenbankdatei:</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>SQLite database</source>
        <translation>SQLite-Datenbank</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite *.sqlite3 *.db3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Name a variable of Revscope&apos;s environment that holds an SQLAlchemy URL.</source>
        <translation>Nennen Sie eine Variable aus der Umgebung von Revscope, die eine SQLAlchemy-URL enthält.</translation>
    </message>
    <message>
        <source>%1 is not set (or is empty) in Revscope&apos;s environment.</source>
        <translation>%1 ist in der Umgebung von Revscope nicht gesetzt (oder leer).</translation>
    </message>
    <message>
        <source>%1 is set.</source>
        <translation>%1 ist gesetzt.</translation>
    </message>
    <message>
        <source>Name the environment variable that holds the database URL.</source>
        <translation>Nennen Sie die Umgebungsvariable, die die Datenbank-URL enthält.</translation>
    </message>
    <message>
        <source>Choose the SQLite database file.</source>
        <translation>Wählen Sie die SQLite-Datenbankdatei aus.</translation>
    </message>
    <message>
        <source>Paste the SQLAlchemy URL of the database.</source>
        <translation>Fügen Sie die SQLAlchemy-URL der Datenbank ein.</translation>
    </message>
    <message>
        <source>Choose the database to connect to.</source>
        <translation>Wählen Sie die Datenbank aus, mit der verbunden werden soll.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1 wird hergestellt…</translation>
    </message>
    <message numerus="yes">
        <source>Connected to %1. The version table %2 holds %n row(s): %3.</source>
        <translation>
            <numerusform>Mit %1 verbunden. Die Versionstabelle %2 enthält %n Zeile: %3.</numerusform>
            <numerusform>Mit %1 verbunden. Die Versionstabelle %2 enthält %n Zeilen: %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected to %1, which has no version table %2: Alembic has never migrated or stamped it (or env.py names another table).</source>
        <translation>Mit %1 verbunden; die Datenbank hat keine Versionstabelle %2: Alembic hat sie nie migriert oder gestempelt (oder env.py nennt eine andere Tabelle).</translation>
    </message>
    <message>
        <source>Connected to %1. The version table %2 is empty: Alembic reads the database as never migrated.</source>
        <translation>Mit %1 verbunden. Die Versionstabelle %2 ist leer: Alembic betrachtet die Datenbank als nie migriert.</translation>
    </message>
    <message>
        <source>Access to the system keychain was refused; no password was read.</source>
        <translation>Der Zugriff auf den Schlüsselbund des Systems wurde verweigert; es wurde kein Passwort gelesen.</translation>
    </message>
    <message>
        <source>No system keychain is available (%1), so the password cannot be remembered: type it each time, or use an environment variable.</source>
        <translation>Kein Schlüsselbund des Systems verfügbar (%1), daher kann das Passwort nicht gespeichert werden: Geben Sie es jedes Mal ein, oder verwenden Sie eine Umgebungsvariable.</translation>
    </message>
</context>
<context>
    <name>Revscope::DatabaseController</name>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Verbinden…</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>&amp;Stamp…</source>
        <translation>&amp;Stempeln…</translation>
    </message>
    <message>
        <source>Rewrite the database&apos;s version table, previewed and undoable</source>
        <translation>Die Versionstabelle der Datenbank neu schreiben, mit Vorschau und rückgängig machbar</translation>
    </message>
</context>
<context>
    <name>Revscope::DetailsPane</name>
    <message>
        <source>Select a revision or a finding to see its details.</source>
        <translation>Wählen Sie eine Revision oder einen Befund aus, um die Details zu sehen.</translation>
    </message>
</context>
<context>
    <name>Revscope::FindingHelpDialog</name>
    <message>
        <source>About Findings</source>
        <translation>Über die Befunde</translation>
    </message>
    <message>
        <source>Filter codes and pages…</source>
        <translation>Codes und Seiten filtern…</translation>
    </message>
    <message>
        <source>Matches codes, titles and the text of the pages, e.g. an error message such as &quot;Can&apos;t locate revision&quot;</source>
        <translation>Findet Codes, Titel und den Text der Seiten, z. B. eine Fehlermeldung wie „Can&apos;t locate revision“</translation>
    </message>
    <message>
        <source>No finding code matches the filter.</source>
        <translation>Kein Befundcode passt zum Filter.</translation>
    </message>
    <message>
        <source>%1
%2 · default severity: %3</source>
        <translation>%1
%2 · Standard-Schweregrad: %3</translation>
    </message>
</context>
<context>
    <name>Revscope::FindingsModel</name>
    <message>
        <source>%1
Fix: %2</source>
        <translation>%1
Abhilfe: %2</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
</context>
<context>
    <name>Revscope::FindingsPanel</name>
    <message>
        <source>All severities</source>
        <translation>Alle Schweregrade</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>Minimum severity shown</source>
        <translation>Mindestens angezeigter Schweregrad</translation>
    </message>
    <message>
        <source>Filter findings…</source>
        <translation>Befunde filtern…</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n Befund</numerusform>
            <numerusform>%n Befunde</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>About This Finding</source>
        <translation>Über diesen Befund</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Erklärung</translation>
    </message>
    <message>
        <source>About %1: what it means, how it bites, how to fix it (F1)</source>
        <translation>Erklärung zu %1: Bedeutung, Auswirkung und Abhilfe (F1)</translation>
    </message>
    <message>
        <source>About This Finding: select a finding first</source>
        <translation>Über diesen Befund: Wählen Sie zuerst einen Befund aus</translation>
    </message>
</context>
<context>
    <name>Revscope::GraphLegend</name>
    <message>
        <source>Revision: short id and message</source>
        <translation>Revision: Kurz-ID und Nachricht</translation>
    </message>
    <message>
        <source>Head (also outlined in blue)</source>
        <translation>Head (zusätzlich blau umrandet)</translation>
    </message>
    <message>
        <source>Base: no down_revision</source>
        <translation>Basis: keine down_revision</translation>
    </message>
    <message>
        <source>Merge point</source>
        <translation>Merge-Punkt</translation>
    </message>
    <message>
        <source>Branch point</source>
        <translation>Verzweigungspunkt</translation>
    </message>
    <message>
        <source>Branch label it declares</source>
        <translation>Deklariertes Zweig-Label</translation>
    </message>
    <message>
        <source>Only a .pyc defines it</source>
        <translation>Nur durch eine .pyc definiert</translation>
    </message>
    <message>
        <source>Missing: referenced, defined nowhere</source>
        <translation>Fehlend: referenziert, nirgends definiert</translation>
    </message>
    <message>
        <source>Linear run: click to expand</source>
        <translation>Lineare Folge: zum Aufklappen klicken</translation>
    </message>
    <message>
        <source>Database is at this revision</source>
        <translation>Datenbank steht auf dieser Revision</translation>
    </message>
    <message>
        <source>Applied to the database</source>
        <translation>Auf die Datenbank angewendet</translation>
    </message>
    <message>
        <source>Pending: not applied yet</source>
        <translation>Ausstehend: noch nicht angewendet</translation>
    </message>
    <message>
        <source>Worst finding: error, warning, info</source>
        <translation>Schwerster Befund: Fehler, Warnung, Info</translation>
    </message>
    <message>
        <source>down_revision: parent to child</source>
        <translation>down_revision: von der Eltern- zur Kindrevision</translation>
    </message>
    <message>
        <source>depends_on</source>
        <translation>depends_on</translation>
    </message>
    <message>
        <source>Selected lineage or path</source>
        <translation>Ausgewählte Abstammungslinie oder ausgewählter Pfad</translation>
    </message>
    <message>
        <source>head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>base</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>branch point</source>
        <translation>Verzweigung</translation>
    </message>
    <message>
        <source>label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>db</source>
        <translation>DB</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>Revision in both versions</source>
        <translation>Revision in beiden Versionen</translation>
    </message>
    <message>
        <source>Removed: only in the older version</source>
        <translation>Entfernt: nur in der älteren Version</translation>
    </message>
    <message>
        <source>Added: only in the newer version</source>
        <translation>Hinzugefügt: nur in der neueren Version</translation>
    </message>
    <message>
        <source>Rewired or edited script</source>
        <translation>Umgehängt oder Skript bearbeitet</translation>
    </message>
    <message>
        <source>down_revision in both versions</source>
        <translation>down_revision in beiden Versionen</translation>
    </message>
    <message>
        <source>Only in the older version</source>
        <translation>Nur in der älteren Version</translation>
    </message>
    <message>
        <source>Only in the newer version</source>
        <translation>Nur in der neueren Version</translation>
    </message>
    <message>
        <source>Worst squash finding</source>
        <translation>Schwerster Squash-Befund</translation>
    </message>
</context>
<context>
    <name>Revscope::GraphMinimap</name>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation>Übersicht: Klicken oder ziehen, um die Ansicht zu verschieben</translation>
    </message>
</context>
<context>
    <name>Revscope::GraphPanel</name>
    <message>
        <source>Open a project to see its migration history.</source>
        <translation>Öffnen Sie ein Projekt, um seine Migrationshistorie zu sehen.</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit the whole graph in the view (F)</source>
        <translation>Den ganzen Graphen in die Ansicht einpassen (F)</translation>
    </message>
    <message>
        <source>100%</source>
        <translation>100&#xa0;%</translation>
    </message>
    <message>
        <source>Actual size (Ctrl+0)</source>
        <translation>Originalgröße (Strg+0)</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Vergrößern (Strg++)</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Verkleinern (Strg+-)</translation>
    </message>
    <message>
        <source>Left to Right</source>
        <translation>Von links nach rechts</translation>
    </message>
    <message>
        <source>Lay the history out from left to right</source>
        <translation>Die Historie von links nach rechts anordnen</translation>
    </message>
    <message>
        <source>Horizontal</source>
        <translation>Horizontal</translation>
    </message>
    <message>
        <source>Collapse Linear Runs</source>
        <translation>Lineare Folgen einklappen</translation>
    </message>
    <message>
        <source>Draw each chain of plain revisions as one node; heads, bases, branch and merge points, labelled revisions and the database&apos;s revisions stay</source>
        <translation>Jede Kette einfacher Revisionen als einen Knoten zeichnen; Heads, Basen, Verzweigungs- und Merge-Punkte, Revisionen mit Label und die Revisionen der Datenbank bleiben erhalten</translation>
    </message>
    <message>
        <source>Collapse</source>
        <translation>Einklappen</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Legende</translation>
    </message>
    <message>
        <source>Show what the marks mean</source>
        <translation>Anzeigen, was die Markierungen bedeuten</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Show an overview of the whole graph</source>
        <translation>Eine Übersicht über den ganzen Graphen anzeigen</translation>
    </message>
    <message>
        <source>Find Revision…</source>
        <translation>Revision suchen…</translation>
    </message>
    <message>
        <source>Find a revision by id, message or branch label (Ctrl+F)</source>
        <translation>Eine Revision nach ID, Nachricht oder Zweig-Label suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächster</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>Nächster Treffer (F3)</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorheriger</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Vorheriger Treffer (Umschalt+F3)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save the graph as SVG, PNG, PDF or Graphviz DOT</source>
        <translation>Den Graphen als SVG, PNG, PDF oder Graphviz DOT speichern</translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation>Bild kopieren</translation>
    </message>
    <message>
        <source>Copy the whole graph to the clipboard as an image</source>
        <translation>Den ganzen Graphen als Bild in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Find id, message or label</source>
        <translation>ID, Nachricht oder Label suchen</translation>
    </message>
    <message numerus="yes">
        <source>Laying out %n revision(s)…</source>
        <translation>
            <numerusform>%n Revision wird angeordnet…</numerusform>
            <numerusform>%n Revisionen werden angeordnet…</numerusform>
        </translation>
    </message>
    <message>
        <source>The revision graph could not be laid out.
%1</source>
        <translation>Der Revisionsgraph konnte nicht angeordnet werden.
%1</translation>
    </message>
    <message>
        <source>This project has no Alembic environment to show.</source>
        <translation>Dieses Projekt hat keine Alembic-Umgebung, die angezeigt werden kann.</translation>
    </message>
    <message>
        <source>This Alembic environment has no revisions yet.</source>
        <translation>Diese Alembic-Umgebung hat noch keine Revisionen.</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Kein Treffer</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Cannot tell the format of %1 from its extension (use %2).</source>
        <translation>Das Format von %1 lässt sich nicht an der Endung erkennen (verwenden Sie %2).</translation>
    </message>
    <message>
        <source>There is no graph to export.</source>
        <translation>Es gibt keinen Graphen zum Exportieren.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG-Bild (*.svg)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Graphviz DOT (*.dot)</source>
        <translation>Graphviz DOT (*.dot)</translation>
    </message>
    <message>
        <source>Export Revision Graph</source>
        <translation>Revisionsgraph exportieren</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
</context>
<context>
    <name>Revscope::ImagePanel</name>
    <message>
        <source>No Dockerfile or compose file found in this project</source>
        <translation>In diesem Projekt wurde weder ein Dockerfile noch eine Compose-Datei gefunden</translation>
    </message>
    <message>
        <source>Revscope looks for Dockerfile, Dockerfile.*, *.Dockerfile, compose.yaml and docker-compose*.yml, and shows which files each image will contain.</source>
        <translation>Revscope sucht nach Dockerfile, Dockerfile.*, *.Dockerfile, compose.yaml und docker-compose*.yml und zeigt, welche Dateien jedes Image enthalten wird.</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>&amp;Image:</translation>
    </message>
    <message>
        <source>The compose service or Dockerfile whose image is shown</source>
        <translation>Der Compose-Dienst oder das Dockerfile, dessen Image angezeigt wird</translation>
    </message>
    <message>
        <source>Search paths…</source>
        <translation>Pfade durchsuchen…</translation>
    </message>
    <message>
        <source>Show e&amp;xcluded context files</source>
        <translation>Ausgeschlossene Kontextdateien an&amp;zeigen</translation>
    </message>
    <message>
        <source>Also list the build-context files that do not reach the image, and why</source>
        <translation>Auch die Dateien des Build-Kontexts auflisten, die nicht ins Image gelangen, und warum</translation>
    </message>
    <message>
        <source>&amp;Explain path…</source>
        <translation>Pfad &amp;erklären…</translation>
    </message>
    <message>
        <source>Type a context path and see which ignore line and which COPY decide its fate</source>
        <translation>Geben Sie einen Kontextpfad ein, um zu sehen, welche Ignore-Zeile und welches COPY über ihn entscheiden</translation>
    </message>
    <message>
        <source>Context &amp;path:</source>
        <translation>Kontext&amp;pfad:</translation>
    </message>
    <message>
        <source>e.g. back/alembic.ini</source>
        <translation>z. B. back/alembic.ini</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>Erklären</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>No image could be read from the Dockerfiles and compose files; the findings below say why.</source>
        <translation>Aus den Dockerfiles und Compose-Dateien konnte kein Image gelesen werden; die Befunde unten nennen den Grund.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nicht vorhanden</translation>
    </message>
    <message>
        <source>Dockerfile %1 · context %2 · ignore file %3&lt;br&gt;Working directory &lt;code&gt;%4&lt;/code&gt; · command %5 · %6 files from the context and stages</source>
        <translation>Dockerfile %1 · Kontext %2 · Ignore-Datei %3&lt;br&gt;Arbeitsverzeichnis &lt;code&gt;%4&lt;/code&gt; · Befehl %5 · %6 Dateien aus dem Kontext und den Stages</translation>
    </message>
    <message>
        <source>PYTHONDONTWRITEBYTECODE is set (line %1): no bytecode is written at run time.</source>
        <translation>PYTHONDONTWRITEBYTECODE ist gesetzt (Zeile %1): Zur Laufzeit wird kein Bytecode geschrieben.</translation>
    </message>
    <message>
        <source>Double-click to open %1</source>
        <translation>Doppelklicken, um %1 zu öffnen</translation>
    </message>
    <message>
        <source>No image findings</source>
        <translation>Keine Image-Befunde</translation>
    </message>
    <message numerus="yes">
        <source>%n image finding(s)</source>
        <translation>
            <numerusform>%n Image-Befund</numerusform>
            <numerusform>%n Image-Befunde</numerusform>
        </translation>
    </message>
    <message>
        <source>No image is selected.</source>
        <translation>Kein Image ausgewählt.</translation>
    </message>
    <message>
        <source>Open: %1</source>
        <translation>Öffnen: %1</translation>
    </message>
</context>
<context>
    <name>Revscope::ImageTreeModel</name>
    <message>
        <source>here-document %1</source>
        <translation>Here-Document %1</translation>
    </message>
    <message>
        <source>stage %1: %2</source>
        <translation>Stage %1: %2</translation>
    </message>
    <message>
        <source>archive %1, unpacked</source>
        <translation>Archiv %1, entpackt</translation>
    </message>
    <message>
        <source>archive %1: %2</source>
        <translation>Archiv %1: %2</translation>
    </message>
    <message>
        <source>not copied</source>
        <translation>nicht kopiert</translation>
    </message>
    <message numerus="yes">
        <source>Not in the image (%n context file(s))</source>
        <translation>
            <numerusform>Nicht im Image (%n Kontextdatei)</numerusform>
            <numerusform>Nicht im Image (%n Kontextdateien)</numerusform>
        </translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>Revscope::IniFile</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is too large to be a configuration file (%2 bytes).</source>
        <translation>%1 ist zu groß für eine Konfigurationsdatei (%2 Byte).</translation>
    </message>
    <message>
        <source>&apos;utf-8&apos; codec can&apos;t decode byte 0x%1 at byte offset %2: the file is not valid UTF-8, so Python cannot read it.</source>
        <translation>Der Codec &apos;utf-8&apos; kann Byte 0x%1 an Byte-Offset %2 nicht dekodieren: Die Datei ist kein gültiges UTF-8, daher kann Python sie nicht lesen.</translation>
    </message>
    <message>
        <source>Section %1 already exists (first defined on line %2).</source>
        <translation>Abschnitt %1 existiert bereits (zuerst definiert in Zeile %2).</translation>
    </message>
    <message>
        <source>File contains no section headers: line %1 (%2) comes before the first [section] header.</source>
        <translation>Die Datei enthält keine Abschnittsköpfe: Zeile %1 (%2) steht vor dem ersten [section]-Kopf.</translation>
    </message>
    <message>
        <source>The file starts with a UTF-8 byte order mark, which Python reads as part of the first line; save it without the BOM.</source>
        <translation>Die Datei beginnt mit einer UTF-8-Bytereihenfolgemarkierung (BOM), die Python als Teil der ersten Zeile liest; speichern Sie sie ohne BOM.</translation>
    </message>
    <message>
        <source>Parsing error: line %1 (%2) is not a [section] header, a &apos;key = value&apos; option or a comment.</source>
        <translation>Parserfehler: Zeile %1 (%2) ist weder ein [section]-Kopf noch eine Option „key = value“ noch ein Kommentar.</translation>
    </message>
    <message>
        <source>Parsing error: line %1 (%2) has a value but no option name.</source>
        <translation>Parserfehler: Zeile %1 (%2) hat einen Wert, aber keinen Optionsnamen.</translation>
    </message>
    <message>
        <source>Option %1 in section %2 already exists (first defined on line %3).</source>
        <translation>Option %1 in Abschnitt %2 existiert bereits (zuerst definiert in Zeile %3).</translation>
    </message>
    <message>
        <source>Recursion limit exceeded in value substitution: option %1 in section %2 contains an interpolation key which cannot be substituted in %3 steps. Raw value: %4</source>
        <translation>Rekursionsgrenze bei der Wertersetzung überschritten: Option %1 in Abschnitt %2 enthält einen Interpolationsschlüssel, der sich nicht in %3 Schritten ersetzen lässt. Rohwert: %4</translation>
    </message>
    <message>
        <source>bad interpolation variable reference %1 in option %2 of section %3</source>
        <translation>fehlerhafte Interpolationsvariablen-Referenz %1 in Option %2 von Abschnitt %3</translation>
    </message>
    <message>
        <source>Bad value substitution: option %1 in section %2 contains an interpolation key %3 which is not a valid option name. Raw value: %4</source>
        <translation>Fehlerhafte Wertersetzung: Option %1 in Abschnitt %2 enthält einen Interpolationsschlüssel %3, der kein gültiger Optionsname ist. Rohwert: %4</translation>
    </message>
    <message>
        <source>&apos;%&apos; must be followed by &apos;%&apos; or &apos;(&apos;, found: %1 (option %2 in section %3)</source>
        <translation>Auf „%“ muss „%“ oder „(“ folgen, gefunden: %1 (Option %2 in Abschnitt %3)</translation>
    </message>
</context>
<context>
    <name>Revscope::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;System Default</source>
        <translation>&amp;Systemstandard</translation>
    </message>
</context>
<context>
    <name>Revscope::MainWindow</name>
    <message>
        <source>Revscope</source>
        <translation>Revscope</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historie</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelltext</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Folder…</source>
        <translation>Ordner &amp;öffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Open &amp;Demo Project</source>
        <translation>&amp;Demoprojekt öffnen</translation>
    </message>
    <message>
        <source>Re&amp;set Demo Project…</source>
        <translation>Demoprojekt zu&amp;rücksetzen…</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>&amp;Close Project</source>
        <translation>Projekt &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Copy Revision ID</source>
        <translation>Revisions-ID &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Database</source>
        <translation>Da&amp;tenbank</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Revscope</source>
        <translation>&amp;Über Revscope</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>The Alembic environment shown</source>
        <translation>Die angezeigte Alembic-Umgebung</translation>
    </message>
    <message>
        <source>Stop loading</source>
        <translation>Laden abbrechen</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 ist kein Ordner.</translation>
    </message>
    <message>
        <source>%1 — Revscope</source>
        <translation>%1 — Revscope</translation>
    </message>
    <message>
        <source>The demo project could not be prepared in %1: %2</source>
        <translation>Das Demoprojekt konnte in %1 nicht vorbereitet werden: %2</translation>
    </message>
    <message>
        <source>Reset Demo Project</source>
        <translation>Demoprojekt zurücksetzen</translation>
    </message>
    <message>
        <source>Restore the demo project in %1 to its original state? Changes made there, such as cleanups, are lost.</source>
        <translation>Das Demoprojekt in %1 auf den Originalzustand zurücksetzen? Dort vorgenommene Änderungen, etwa Aufräumvorgänge, gehen verloren.</translation>
    </message>
    <message>
        <source>The demo project could not be reset in %1: %2</source>
        <translation>Das Demoprojekt in %1 konnte nicht zurückgesetzt werden: %2</translation>
    </message>
    <message>
        <source>Open Alembic Project</source>
        <translation>Alembic-Projekt öffnen</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>Keine zuletzt geöffneten Projekte</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Inspecting %1…</source>
        <translation>%1 wird untersucht…</translation>
    </message>
    <message>
        <source>Reload stopped; showing the previous inspection.</source>
        <translation>Neuladen abgebrochen; das vorherige Untersuchungsergebnis wird angezeigt.</translation>
    </message>
    <message>
        <source>Loading stopped.</source>
        <translation>Laden abgebrochen.</translation>
    </message>
    <message>
        <source>Copy Revision ID</source>
        <translation>Revisions-ID kopieren</translation>
    </message>
    <message>
        <source>Open in Editor</source>
        <translation>Im Editor öffnen</translation>
    </message>
    <message>
        <source>Copy File Path</source>
        <translation>Dateipfad kopieren</translation>
    </message>
    <message>
        <source>Show Source</source>
        <translation>Quelltext anzeigen</translation>
    </message>
    <message>
        <source>Stamp Database at This Revision…</source>
        <translation>Datenbank auf diese Revision stempeln…</translation>
    </message>
    <message>
        <source>Show Findings</source>
        <translation>Befunde anzeigen</translation>
    </message>
    <message>
        <source>Go to Revision</source>
        <translation>Zur Revision gehen</translation>
    </message>
    <message>
        <source>Copy Message</source>
        <translation>Meldung kopieren</translation>
    </message>
    <message>
        <source>Fix (Clean Up…)</source>
        <translation>Beheben (Aufräumen…)</translation>
    </message>
    <message>
        <source>Stamp Database…</source>
        <translation>Datenbank stempeln…</translation>
    </message>
    <message>
        <source>No Alembic environment (alembic.ini or pyproject.toml with [tool.alembic]) was found in %1.</source>
        <translation>In %1 wurde keine Alembic-Umgebung (alembic.ini oder pyproject.toml mit [tool.alembic]) gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s)</source>
        <translation>
            <numerusform>%n Revision</numerusform>
            <numerusform>%n Revisionen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n head(s)</source>
        <translation>
            <numerusform>%n Head</numerusform>
            <numerusform>%n Heads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message>
        <source>No database</source>
        <translation>Keine Datenbank</translation>
    </message>
    <message>
        <source>About Revscope</source>
        <translation>Über Revscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Revscope %1&lt;/h3&gt;&lt;p&gt;Explore Alembic migration histories, the database&apos;s view of them, stray bytecode and what the Docker image will contain.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Revscope %1&lt;/h3&gt;&lt;p&gt;Erkunden Sie Alembic-Migrationshistorien, die Sicht der Datenbank darauf, verwaisten Bytecode und den künftigen Inhalt des Docker-Images.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Walkthrough</source>
        <translation>Rundgang</translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation>Bericht e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Write the walkthrough and the findings as one HTML page or a Markdown document</source>
        <translation>Den Rundgang und die Befunde als eine HTML-Seite oder ein Markdown-Dokument schreiben</translation>
    </message>
    <message>
        <source>&amp;Finding Reference…</source>
        <translation>&amp;Befundreferenz…</translation>
    </message>
    <message>
        <source>Step through the history from the base to the heads, one revision at a time</source>
        <translation>Die Historie von der Basis bis zu den Heads durchgehen, eine Revision nach der anderen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Revscope will speak %1 from its next start.</source>
        <translation>Revscope verwendet ab dem nächsten Start %1.</translation>
    </message>
    <message>
        <source>Restart Now</source>
        <translation>Jetzt neu starten</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <source>Revscope could not be restarted; start it again to use the new language.</source>
        <translation>Revscope konnte nicht neu gestartet werden; starten Sie es erneut, um die neue Sprache zu verwenden.</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>HTML page (*.html *.htm);;Markdown document (*.md *.markdown)</source>
        <translation>HTML-Seite (*.html *.htm);;Markdown-Dokument (*.md *.markdown)</translation>
    </message>
    <message>
        <source>Cannot tell the format of %1: name it .html or .md.</source>
        <translation>Das Format von %1 ist nicht erkennbar: Verwenden Sie die Endung .html oder .md.</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Bericht wird geschrieben…</translation>
    </message>
    <message>
        <source>The report could not be written to %1: %2.</source>
        <translation>Der Bericht konnte nicht nach %1 geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>Report written to %1.</source>
        <translation>Bericht nach %1 geschrieben.</translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation>&amp;Release</translation>
    </message>
    <message>
        <source>&amp;Compare Versions…</source>
        <translation>&amp;Versionen vergleichen…</translation>
    </message>
    <message>
        <source>Compare the migration graph of two git refs or folders: what a squash removed, and who would break</source>
        <translation>Den Migrationsgraphen zweier Git-Refs oder Ordner vergleichen: was ein Squash entfernt hat und was daran scheitern würde</translation>
    </message>
</context>
<context>
    <name>Revscope::ProjectScanner</name>
    <message>
        <source>Cannot read folder %1: %2. Alembic environments inside it are not found.</source>
        <translation>Der Ordner %1 kann nicht gelesen werden: %2. Darin enthaltene Alembic-Umgebungen werden nicht gefunden.</translation>
    </message>
    <message>
        <source>%1 is not a folder that can be read.</source>
        <translation>%1 ist kein lesbarer Ordner.</translation>
    </message>
    <message>
        <source>Config file %1 is not a file.</source>
        <translation>Die Konfigurationsdatei %1 ist keine Datei.</translation>
    </message>
    <message>
        <source>Config file %1 does not exist.</source>
        <translation>Die Konfigurationsdatei %1 existiert nicht.</translation>
    </message>
</context>
<context>
    <name>Revscope::PyProjectFile</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is too large to be a pyproject.toml (%2 bytes).</source>
        <translation>%1 ist zu groß für eine pyproject.toml (%2 Byte).</translation>
    </message>
    <message>
        <source>Invalid statement (at line 1, column 1): the file starts with a UTF-8 byte order mark, which Python&apos;s tomllib rejects.</source>
        <translation>Ungültige Anweisung (in Zeile 1, Spalte 1): Die Datei beginnt mit einer UTF-8-Bytereihenfolgemarkierung (BOM), die tomllib von Python ablehnt.</translation>
    </message>
</context>
<context>
    <name>Revscope::RecentProjectsDelegate</name>
    <message>
        <source>(missing)</source>
        <translation>(fehlt)</translation>
    </message>
    <message>
        <source>Remove from List</source>
        <translation>Aus der Liste entfernen</translation>
    </message>
</context>
<context>
    <name>Revscope::RecentProjectsModel</name>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (fehlt)</translation>
    </message>
</context>
<context>
    <name>Revscope::RecentProjectsView</name>
    <message>
        <source>Recent projects</source>
        <translation>Zuletzt geöffnete Projekte</translation>
    </message>
    <message>
        <source>This folder no longer exists. Press Delete to remove it from the list.</source>
        <translation>Dieser Ordner existiert nicht mehr. Drücken Sie Entf, um ihn aus der Liste zu entfernen.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation>Pfad kopieren</translation>
    </message>
    <message>
        <source>Remove from List</source>
        <translation>Aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
</context>
<context>
    <name>Revscope::ScriptDirectory</name>
    <message>
        <source>%1 %2 is a symbolic link to %3, outside the project; Revscope does not follow it, so its scripts are not inspected.</source>
        <translation>%1 %2 ist ein symbolischer Link auf %3 außerhalb des Projekts; Revscope folgt ihm nicht, daher werden die Skripte darin nicht untersucht.</translation>
    </message>
    <message>
        <source>Cannot read version location %1: %2. Alembic stops with the same error.</source>
        <translation>Der Versionsordner %1 kann nicht gelesen werden: %2. Alembic bricht mit demselben Fehler ab.</translation>
    </message>
    <message>
        <source>Bytecode folder</source>
        <translation>Bytecode-Ordner</translation>
    </message>
    <message>
        <source>Cannot read %1: %2. Alembic stops with the same error.</source>
        <translation>%1 kann nicht gelesen werden: %2. Alembic bricht mit demselben Fehler ab.</translation>
    </message>
    <message>
        <source>Cannot read folder %1: %2; Alembic skips it, so its scripts are not loaded.</source>
        <translation>Der Ordner %1 kann nicht gelesen werden: %2; Alembic überspringt ihn, daher werden seine Skripte nicht geladen.</translation>
    </message>
    <message>
        <source>Version location %1 does not exist; Alembic skips it.</source>
        <translation>Der Versionsordner %1 existiert nicht; Alembic überspringt ihn.</translation>
    </message>
    <message>
        <source>The versions folder %1 does not exist: Alembic 1.8.1 stops with FileNotFoundError, newer releases see no revisions.</source>
        <translation>Der versions-Ordner %1 existiert nicht: Alembic 1.8.1 bricht mit FileNotFoundError ab, neuere Versionen sehen keine Revisionen.</translation>
    </message>
    <message>
        <source>Create the folder, or set version_locations.</source>
        <translation>Erstellen Sie den Ordner, oder setzen Sie version_locations.</translation>
    </message>
    <message>
        <source>Version location</source>
        <translation>Versionsordner</translation>
    </message>
    <message>
        <source>Version location %1 is not a folder; Alembic stops with NotADirectoryError.</source>
        <translation>Der Versionsordner %1 ist in Wirklichkeit kein Ordner; Alembic bricht mit NotADirectoryError ab.</translation>
    </message>
    <message>
        <source>%1 is a folder named like a revision script; Alembic fails trying to load it.</source>
        <translation>%1 ist ein Ordner, der wie ein Revisionsskript benannt ist; Alembic schlägt beim Versuch fehl, ihn zu laden.</translation>
    </message>
    <message>
        <source>Rename or move the folder.</source>
        <translation>Benennen Sie den Ordner um, oder verschieben Sie ihn.</translation>
    </message>
    <message>
        <source>%1 is a broken symbolic link; Alembic loads its bytecode from __pycache__ if there is one, and otherwise fails.</source>
        <translation>%1 ist ein defekter symbolischer Link; Alembic lädt seinen Bytecode aus __pycache__, falls vorhanden, und schlägt andernfalls fehl.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) in %1 were already loaded from another version location; Alembic loads each file once and warns &quot;loaded twice&quot;.</source>
        <translation>
            <numerusform>%n Datei in %1 wurde bereits aus einem anderen Versionsordner geladen; Alembic lädt jede Datei nur einmal und warnt mit „loaded twice“.</numerusform>
            <numerusform>%n Dateien in %1 wurden bereits aus einem anderen Versionsordner geladen; Alembic lädt jede Datei nur einmal und warnt mit „loaded twice“.</numerusform>
        </translation>
    </message>
    <message>
        <source>Make version_locations list each folder once.</source>
        <translation>Führen Sie jeden Ordner nur einmal in version_locations auf.</translation>
    </message>
</context>
<context>
    <name>Revscope::SourcePreview</name>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>Die Datei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file.</source>
        <translation>%1 ist ein Ordner, keine Datei.</translation>
    </message>
    <message>
        <source>%1 is too large to preview (%2; the limit is %3).</source>
        <translation>%1 ist zu groß für die Vorschau (%2; die Grenze liegt bei %3).</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is too large to preview (over %2).</source>
        <translation>%1 ist zu groß für die Vorschau (über %2).</translation>
    </message>
    <message>
        <source>%1 is a binary file; there is no text to show.</source>
        <translation>%1 ist eine Binärdatei; es gibt keinen Text anzuzeigen.</translation>
    </message>
</context>
<context>
    <name>Revscope::SquashMappingModel</name>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>not replaced</source>
        <translation>nicht ersetzt</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <source>inferred</source>
        <translation>abgeleitet</translation>
    </message>
    <message>
        <source>inferred: %1</source>
        <translation>abgeleitet: %1</translation>
    </message>
    <message>
        <source>Tick to say that %1 replaces %2</source>
        <translation>Anhaken, um festzulegen, dass %1 %2 ersetzt</translation>
    </message>
    <message>
        <source>The revision of the newer version that replaces %1</source>
        <translation>Die Revision der neueren Version, die %1 ersetzt</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Replaced by</source>
        <translation>Ersetzt durch</translation>
    </message>
    <message>
        <source>Mapping</source>
        <translation>Zuordnung</translation>
    </message>
</context>
<context>
    <name>Revscope::StampDialog</name>
    <message>
        <source>(no row)</source>
        <translation>(keine Zeile)</translation>
    </message>
    <message>
        <source>Stamp the database</source>
        <translation>Datenbank stempeln</translation>
    </message>
    <message>
        <source>Use suggestion</source>
        <translation>Vorschlag übernehmen</translation>
    </message>
    <message>
        <source>Revisions, separated by spaces (ids, labels, heads)</source>
        <translation>Revisionen, durch Leerzeichen getrennt (IDs, Labels, heads)</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>Stempeln</translation>
    </message>
    <message>
        <source>Undo stamp</source>
        <translation>Stempeln rückgängig machen</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>Suggestion:</source>
        <translation>Vorschlag:</translation>
    </message>
    <message>
        <source>Stamp at:</source>
        <translation>Stempeln auf:</translation>
    </message>
    <message>
        <source>%1, table %2</source>
        <translation>%1, Tabelle %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>Rows now:   %1</source>
        <translation>Zeilen jetzt:  %1</translation>
    </message>
    <message>
        <source>Rows after: %1</source>
        <translation>Zeilen danach: %1</translation>
    </message>
    <message>
        <source>No SQL: the table already holds these rows.</source>
        <translation>Kein SQL: Die Tabelle enthält diese Zeilen bereits.</translation>
    </message>
    <message>
        <source>SQL, in one transaction that first re-reads the rows and stops if they changed:</source>
        <translation>SQL, in einer Transaktion, die die Zeilen zuerst erneut liest und abbricht, falls sie sich geändert haben:</translation>
    </message>
    <message>
        <source>Stamping...</source>
        <translation>Wird gestempelt...</translation>
    </message>
    <message>
        <source>Undoing...</source>
        <translation>Wird rückgängig gemacht...</translation>
    </message>
</context>
<context>
    <name>Revscope::WalkthroughPanel</name>
    <message>
        <source>What it changes</source>
        <translation>Was sie ändert</translation>
    </message>
    <message>
        <source>First</source>
        <translation>Erste</translation>
    </message>
    <message>
        <source>First revision (Home)</source>
        <translation>Erste Revision (Pos1)</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Previous revision (Left)</source>
        <translation>Vorherige Revision (Links)</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Play the walkthrough (Space)</source>
        <translation>Rundgang abspielen (Leertaste)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Next revision (Right)</source>
        <translation>Nächste Revision (Rechts)</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Letzte</translation>
    </message>
    <message>
        <source>Last revision (End)</source>
        <translation>Letzte Revision (Ende)</translation>
    </message>
    <message>
        <source>Position in the history</source>
        <translation>Position in der Historie</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Seconds between revisions when playing</source>
        <translation>Sekunden zwischen den Revisionen beim Abspielen</translation>
    </message>
    <message>
        <source>Loading the history…</source>
        <translation>Historie wird geladen…</translation>
    </message>
    <message>
        <source>Open a project to walk through its migration history.</source>
        <translation>Öffnen Sie ein Projekt, um seine Migrationshistorie durchzugehen.</translation>
    </message>
    <message>
        <source>This environment has no revisions yet.</source>
        <translation>Diese Umgebung hat noch keine Revisionen.</translation>
    </message>
    <message>
        <source>(no script defines this revision)</source>
        <translation>(kein Skript definiert diese Revision)</translation>
    </message>
    <message>
        <source>(no message)</source>
        <translation>(keine Nachricht)</translation>
    </message>
    <message>
        <source>Created %1</source>
        <translation>Erstellt am %1</translation>
    </message>
    <message>
        <source>not loaded by Alembic</source>
        <translation>nicht von Alembic geladen</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weitere</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing: upgrade() is empty.</source>
        <translation>Nichts: upgrade() ist leer.</translation>
    </message>
    <message>
        <source>No op.* calls: upgrade() runs other Python code; read the script.</source>
        <translation>Keine op.*-Aufrufe: upgrade() führt anderen Python-Code aus; lesen Sie das Skript.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause the walkthrough (Space)</source>
        <translation>Rundgang anhalten (Leertaste)</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Schritt %1 von %2</translation>
    </message>
</context>
<context>
    <name>Revscope::WelcomePage</name>
    <message>
        <source>Revscope</source>
        <translation>Revscope</translation>
    </message>
    <message>
        <source>See the real revision graph of your Alembic migrations, where the database stands, and the stale bytecode lying around.</source>
        <translation>Sehen Sie den tatsächlichen Revisionsgraphen Ihrer Alembic-Migrationen, wo die Datenbank steht und welcher veraltete Bytecode herumliegt.</translation>
    </message>
    <message>
        <source>Open Folder…</source>
        <translation>Ordner öffnen…</translation>
    </message>
    <message>
        <source>Open a folder holding an alembic.ini or a pyproject.toml</source>
        <translation>Einen Ordner mit einer alembic.ini oder einer pyproject.toml öffnen</translation>
    </message>
    <message>
        <source>Open Demo Project</source>
        <translation>Demoprojekt öffnen</translation>
    </message>
    <message>
        <source>A small service whose history shows a squashed revision, stray bytecode and a database stamped at a revision that no longer exists</source>
        <translation>Ein kleiner Dienst, dessen Historie eine per Squash ersetzte Revision, verwaisten Bytecode und eine Datenbank zeigt, die auf eine nicht mehr existierende Revision gestempelt ist</translation>
    </message>
    <message>
        <source>Recent Projects</source>
        <translation>Zuletzt geöffnete Projekte</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Projects you open appear here.</source>
        <translation>Projekte, die Sie öffnen, erscheinen hier.</translation>
    </message>
    <message>
        <source>or drop a project folder here</source>
        <translation>oder einen Projektordner hierher ziehen</translation>
    </message>
    <message>
        <source>Release to open this folder</source>
        <translation>Loslassen, um diesen Ordner zu öffnen</translation>
    </message>
</context>
<context>
    <name>SarifReport</name>
    <message>
        <source>Fix: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
</context>
<context>
    <name>ScriptReader</name>
    <message>
        <source>unexpected indent</source>
        <translation>unerwartete Einrückung</translation>
    </message>
    <message>
        <source>expected an indented block after &apos;%1&apos; statement on line %2</source>
        <translation>eingerückter Block nach „%1“-Anweisung in Zeile %2 erwartet</translation>
    </message>
    <message>
        <source>a class</source>
        <translation>eine Klasse</translation>
    </message>
    <message>
        <source>a function</source>
        <translation>eine Funktion</translation>
    </message>
    <message>
        <source>an assignment expression</source>
        <translation>ein Zuweisungsausdruck</translation>
    </message>
    <message>
        <source>an augmented assignment</source>
        <translation>eine erweiterte Zuweisung</translation>
    </message>
    <message>
        <source>an unpacking assignment</source>
        <translation>eine entpackende Zuweisung</translation>
    </message>
    <message>
        <source>invalid syntax</source>
        <translation>ungültige Syntax</translation>
    </message>
    <message>
        <source>an import</source>
        <translation>ein Import</translation>
    </message>
    <message>
        <source>cannot mix bytes and nonbytes literals</source>
        <translation>bytes- und Nicht-bytes-Literale können nicht gemischt werden</translation>
    </message>
    <message>
        <source>%1 must be a string, a tuple of strings or None, not %2 (%3).</source>
        <translation>%1 muss ein String, ein Tupel aus Strings oder None sein, nicht vom Typ %2 (%3).</translation>
    </message>
    <message>
        <source>Write %1 as a string, a tuple of strings or None.</source>
        <translation>Schreiben Sie %1 als String, als Tupel aus Strings oder als None.</translation>
    </message>
    <message>
        <source>%1 contains an empty string; it is ignored here.</source>
        <translation>%1 enthält einen leeren String; er wird hier ignoriert.</translation>
    </message>
    <message>
        <source>%1 contains %2, which is a %3, not a string; it is ignored here.</source>
        <translation>%1 enthält %2, einen Wert vom Typ %3 statt eines Strings; er wird hier ignoriert.</translation>
    </message>
    <message>
        <source>List only revision ids (strings) in %1.</source>
        <translation>Führen Sie in %1 nur Revisions-IDs (Strings) auf.</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>keine reguläre Datei</translation>
    </message>
    <message>
        <source>Cannot read the script: %1.</source>
        <translation>Das Skript kann nicht gelesen werden: %1.</translation>
    </message>
    <message>
        <source>Check that the file exists and is readable.</source>
        <translation>Prüfen Sie, ob die Datei existiert und lesbar ist.</translation>
    </message>
    <message>
        <source>Python cannot read this script: %1.</source>
        <translation>Python kann dieses Skript nicht lesen: %1.</translation>
    </message>
    <message>
        <source>Remove the file from the versions folder, or restore it as text (UTF-8, or the encoding its coding line declares).</source>
        <translation>Entfernen Sie die Datei aus dem versions-Ordner, oder stellen Sie sie als Text wieder her (UTF-8 oder die in der coding-Zeile angegebene Kodierung).</translation>
    </message>
    <message>
        <source>Python cannot compile this script: %1.</source>
        <translation>Python kann dieses Skript nicht kompilieren: %1.</translation>
    </message>
    <message>
        <source>Fix the syntax error: until then every Alembic command fails.</source>
        <translation>Beheben Sie den Syntaxfehler: Bis dahin schlägt jeder Alembic-Befehl fehl.</translation>
    </message>
    <message>
        <source>%1 is assigned inside a block on line %2; Revscope reads only unconditional module-level assignments, so that one is ignored.</source>
        <translation>%1 wird in Zeile %2 innerhalb eines Blocks zugewiesen; Revscope liest nur unbedingte Zuweisungen auf Modulebene, daher wird diese ignoriert.</translation>
    </message>
    <message>
        <source>Assign %1 once, at module level, as a literal.</source>
        <translation>Weisen Sie %1 einmal auf Modulebene als Literal zu.</translation>
    </message>
    <message>
        <source>%1 is not a literal (%2): Revscope does not run Python, so %3.</source>
        <translation>%1 ist kein Literal (%2): Revscope führt kein Python aus, sodass %3.</translation>
    </message>
    <message>
        <source>Write %1 as a literal string, tuple of strings or None.</source>
        <translation>Schreiben Sie %1 als literalen String, als Tupel aus Strings oder als None.</translation>
    </message>
    <message>
        <source>Could not determine revision id from filename %1. Be sure the &apos;revision&apos; variable is declared inside the script (please see &apos;Upgrading from Alembic 0.1 to 0.2&apos; in the documentation).</source>
        <translation>Die Revisions-ID konnte nicht aus dem Dateinamen %1 ermittelt werden. Stellen Sie sicher, dass die Variable „revision“ im Skript deklariert ist (siehe „Upgrading from Alembic 0.1 to 0.2“ in der Dokumentation).</translation>
    </message>
    <message>
        <source>(The star import on line %1 may define it; Revscope does not follow imports.)</source>
        <translation>(Der Stern-Import in Zeile %1 könnte sie definieren; Revscope folgt keinen Importen.)</translation>
    </message>
    <message>
        <source>Declare the revision id at module level: revision = &quot;&lt;id&gt;&quot;.</source>
        <translation>Deklarieren Sie die Revisions-ID auf Modulebene: revision = &quot;&lt;id&gt;&quot;.</translation>
    </message>
    <message>
        <source>the revision id is unknown and the script is left out of the graph</source>
        <translation>die Revisions-ID unbekannt bleibt und das Skript nicht in den Graphen aufgenommen wird</translation>
    </message>
    <message>
        <source>The revision identifier must be a string, not %1 (%2).</source>
        <translation>Die Revisions-ID muss ein String sein, nicht vom Typ %1 (%2).</translation>
    </message>
    <message>
        <source>Write the revision id as a string literal.</source>
        <translation>Schreiben Sie die Revisions-ID als String-Literal.</translation>
    </message>
    <message>
        <source>The revision identifier is empty.</source>
        <translation>Die Revisions-ID ist leer.</translation>
    </message>
    <message>
        <source>Give the revision a unique id, e.g. 12 hex digits.</source>
        <translation>Geben Sie der Revision eine eindeutige ID, z. B. 12 Hexadezimalziffern.</translation>
    </message>
    <message>
        <source>Character(s) &apos;%1&apos; not allowed in revision identifier &apos;%2&apos;</source>
        <translation>Zeichen „%1“ in Revisions-ID „%2“ nicht erlaubt</translation>
    </message>
    <message>
        <source>Use only letters, digits and underscores in revision ids.</source>
        <translation>Verwenden Sie in Revisions-IDs nur Buchstaben, Ziffern und Unterstriche.</translation>
    </message>
    <message>
        <source>Alembic cannot load this script: module &apos;%1&apos; has no attribute &apos;down_revision&apos;.</source>
        <translation>Alembic kann dieses Skript nicht laden: Modul „%1“ hat kein Attribut „down_revision“.</translation>
    </message>
    <message>
        <source>(It is only assigned inside a block, on line %1.)</source>
        <translation>(Es wird nur innerhalb eines Blocks zugewiesen, in Zeile %1.)</translation>
    </message>
    <message>
        <source>Add down_revision = None for a base revision, or the id of its parent.</source>
        <translation>Fügen Sie down_revision hinzu: None für eine Basis-Revision, sonst die ID der Elternrevision.</translation>
    </message>
    <message>
        <source>it is treated as empty (as if this were a base)</source>
        <translation>der Wert als leer behandelt wird (als wäre dies eine Basis)</translation>
    </message>
    <message>
        <source>it is treated as empty</source>
        <translation>der Wert als leer behandelt wird</translation>
    </message>
    <message>
        <source>The docstring says &quot;Revision ID: %1&quot; but revision is %2.</source>
        <translation>Der Docstring nennt „Revision ID: %1“, aber revision ist %2.</translation>
    </message>
    <message>
        <source>Make the docstring match the revision variable; Alembic uses only the variable.</source>
        <translation>Passen Sie den Docstring an die Variable revision an; Alembic verwendet nur die Variable.</translation>
    </message>
    <message>
        <source>The docstring says &quot;Revises: %1&quot; but down_revision is %2.</source>
        <translation>Der Docstring nennt „Revises: %1“, aber down_revision ist %2.</translation>
    </message>
    <message>
        <source>Make the docstring match down_revision; Alembic uses only the variable.</source>
        <translation>Passen Sie den Docstring an down_revision an; Alembic verwendet nur die Variable.</translation>
    </message>
    <message>
        <source>The file name %1 does not match file_template %2 for revision %3.</source>
        <translation>Der Dateiname %1 passt nicht zu file_template %2 für Revision %3.</translation>
    </message>
    <message>
        <source>Rename the file so it matches file_template %1.</source>
        <translation>Benennen Sie die Datei so um, dass sie zu file_template %1 passt.</translation>
    </message>
    <message>
        <source>Rename the file to %1.py.</source>
        <translation>Benennen Sie die Datei in %1.py um.</translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>ShellWord</name>
    <message>
        <source>missing “}” in “%1”</source>
        <translation>fehlendes „}“ in „%1“</translation>
    </message>
    <message>
        <source>%1: not set</source>
        <translation>%1: nicht gesetzt</translation>
    </message>
    <message>
        <source>unsupported modifier “%1” in “%2”</source>
        <translation>nicht unterstützter Modifikator „%1“ in „%2“</translation>
    </message>
</context>
<context>
    <name>StampExecutor</name>
    <message>
        <source>no row</source>
        <translation>keine Zeile</translation>
    </message>
    <message>
        <source>stamp %1 of %2: %3 -&gt; %4</source>
        <translation>Stempeln von %1 in %2: %3 -&gt; %4</translation>
    </message>
    <message>
        <source>Could not read the version table %1 of %2: %3</source>
        <translation>Die Versionstabelle %1 in %2 konnte nicht gelesen werden: %3</translation>
    </message>
    <message>
        <source>The version table %1 of %2 holds a NULL row, which Alembic never writes; Revscope leaves such a table alone.</source>
        <translation>Die Versionstabelle %1 in %2 enthält eine NULL-Zeile, die Alembic nie schreibt; Revscope lässt eine solche Tabelle unangetastet.</translation>
    </message>
    <message>
        <source>Could not start a transaction on %1: %2</source>
        <translation>Auf %1 konnte keine Transaktion gestartet werden: %2</translation>
    </message>
    <message>
        <source>Could not lock the version table %1 of %2: %3</source>
        <translation>Die Versionstabelle %1 in %2 konnte nicht gesperrt werden: %3</translation>
    </message>
    <message>
        <source>The version table %1 of %2 changed since the plan was made: it held %3 and now holds %4. Nothing was written; look at the new state and plan again.</source>
        <translation>Die Versionstabelle %1 in %2 hat sich seit der Planung geändert: Sie enthielt %3 und enthält jetzt %4. Es wurde nichts geschrieben; prüfen Sie den neuen Stand und planen Sie erneut.</translation>
    </message>
    <message>
        <source>Could not prepare &quot;%1&quot; on %2: %3</source>
        <translation>„%1“ konnte auf %2 nicht vorbereitet werden: %3</translation>
    </message>
    <message>
        <source>&quot;%1&quot; failed on %2: %3. Nothing was written.</source>
        <translation>„%1“ ist auf %2 fehlgeschlagen: %3. Es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>After the statements the version table %1 of %2 held %3 instead of %4, so the transaction was rolled back. Nothing was written.</source>
        <translation>Nach den Anweisungen enthielt die Versionstabelle %1 in %2 %3 statt %4, daher wurde die Transaktion zurückgerollt. Es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Could not commit the stamp on %1: %2. Nothing was written.</source>
        <translation>Das Stempeln auf %1 konnte nicht committet werden: %2. Es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>The plan was made for %1, not for %2; nothing was written.</source>
        <translation>Der Plan wurde für %1 erstellt, nicht für %2; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>The version table %1 of %2 already holds %3; nothing to write.</source>
        <translation>Die Versionstabelle %1 in %2 enthält bereits %3; es gibt nichts zu schreiben.</translation>
    </message>
    <message>
        <source>Revscope journals every stamp so it can be undone, and the journal cannot be written (%1); nothing was written.</source>
        <translation>Revscope hält jedes Stempeln im Journal fest, damit es rückgängig gemacht werden kann, doch das Journal kann nicht geschrieben werden (%1); es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>no journal</source>
        <translation>kein Journal</translation>
    </message>
    <message>
        <source>Stamped, but the journal could not mark operation %1 as done (%2); it stays pending and can still be undone.</source>
        <translation>Gestempelt, aber das Journal konnte Vorgang %1 nicht als erledigt markieren (%2); er bleibt ausstehend und kann weiterhin rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Stamped %1 of %2: %3 -&gt; %4 (journal operation %5).</source>
        <translation>%1 in %2 gestempelt: %3 -&gt; %4 (Journal-Vorgang %5).</translation>
    </message>
    <message>
        <source>No journal to undo from.</source>
        <translation>Kein Journal, aus dem rückgängig gemacht werden kann.</translation>
    </message>
    <message>
        <source>The version table %1 of %2 changed after journal operation %3: that stamp left %4, and it now holds %5. Undoing would overwrite a later change, so nothing was written.</source>
        <translation>Die Versionstabelle %1 in %2 hat sich nach Journal-Vorgang %3 geändert: Jenes Stempeln hinterließ %4, jetzt enthält sie %5. Rückgängigmachen würde eine spätere Änderung überschreiben, daher wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Restored %1 of %2 to %3, but the journal could not record the undo (%4).</source>
        <translation>%1 in %2 wurde auf %3 zurückgesetzt, aber das Journal konnte das Rückgängigmachen nicht festhalten (%4).</translation>
    </message>
    <message>
        <source>Undid journal operation %1: %2 of %3 holds %4 again.</source>
        <translation>Journal-Vorgang %1 rückgängig gemacht: %2 in %3 enthält wieder %4.</translation>
    </message>
    <message>
        <source>Journal operation %1 is not a stamp (it is a %2); `revscope clean --undo` undoes cleanups.</source>
        <translation>Journal-Vorgang %1 ist kein Stempelvorgang (sondern vom Typ %2); `revscope clean --undo` macht Aufräumvorgänge rückgängig.</translation>
    </message>
    <message>
        <source>Journal operation %1 was already undone on %2.</source>
        <translation>Journal-Vorgang %1 wurde bereits am %2 rückgängig gemacht.</translation>
    </message>
    <message>
        <source>Journal operation %1 changed nothing (it failed: %2), so there is nothing to undo.</source>
        <translation>Journal-Vorgang %1 hat nichts geändert (er ist fehlgeschlagen: %2), daher gibt es nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <source>Journal operation %1 stamped %2, not %3; give the URL of that database.</source>
        <translation>Journal-Vorgang %1 hat %2 gestempelt, nicht %3; geben Sie die URL dieser Datenbank an.</translation>
    </message>
</context>
<context>
    <name>StampPlanner</name>
    <message>
        <source>%1 is no longer a revision Alembic loads, and the script of %2 mentions it: %2 most likely replaced it (a squash), so a database that was at %1 has the schema of %2.</source>
        <translation>%1 ist keine Revision mehr, die Alembic lädt, und das Skript von %2 erwähnt sie: %2 hat sie höchstwahrscheinlich ersetzt (ein Squash), daher hat eine Datenbank, die auf %1 stand, das Schema von %2.</translation>
    </message>
    <message>
        <source>Nothing in this checkout defines or mentions %1, so Revscope cannot tell where it stood (it may come from another branch or a newer checkout). Pick the revision whose schema the database has.</source>
        <translation>Nichts in diesem Checkout definiert oder erwähnt %1, daher kann Revscope nicht feststellen, wo die Revision stand (sie kann aus einem anderen Zweig oder einem neueren Checkout stammen). Wählen Sie die Revision, deren Schema die Datenbank hat.</translation>
    </message>
    <message>
        <source>only a stray .pyc file defines it</source>
        <translation>nur eine verwaiste .pyc-Datei definiert sie</translation>
    </message>
    <message>
        <source>other scripts refer to it, none defines it</source>
        <translation>andere Skripte verweisen auf sie, keines definiert sie</translation>
    </message>
    <message>
        <source>%1 is gone (%2), yet revisions Alembic loads still build on it: restore its script rather than stamping around it.</source>
        <translation>%1 ist verschwunden (%2), dennoch bauen von Alembic geladene Revisionen noch auf ihr auf: Stellen Sie ihr Skript wieder her, statt sie durch Stempeln zu umgehen.</translation>
    </message>
    <message>
        <source>%1 is gone (%2) with its whole history, and so are newer revisions built on it (%3). A squash that replaced them stands for the newest, not for %1, so Revscope cannot tell which revision has the database&apos;s schema.</source>
        <translation>%1 ist mit ihrer gesamten Historie verschwunden (%2), ebenso neuere Revisionen, die auf ihr aufbauen (%3). Ein Squash, der sie ersetzt hat, steht für die neueste, nicht für %1, daher kann Revscope nicht feststellen, welche Revision das Schema der Datenbank hat.</translation>
    </message>
    <message>
        <source>%1 is gone (%2) with its whole history, and this checkout has %3 bases (%4): Revscope cannot tell which one replaced it.</source>
        <translation>%1 ist mit ihrer gesamten Historie verschwunden (%2), und dieser Checkout hat %3 Basen (%4): Revscope kann nicht feststellen, welche sie ersetzt hat.</translation>
    </message>
    <message>
        <source>%1 is gone (%2), with every revision before it, and it was the newest of its history: nothing built on it remains. Its history was replaced. A squash starts a new history at a base, and this checkout has exactly one, %3, which most likely stands where %1 stood.</source>
        <translation>%1 ist mitsamt allen vorherigen Revisionen verschwunden (%2), und sie war die neueste ihrer Historie: Nichts, was auf ihr aufbaute, ist übrig. Ihre Historie wurde ersetzt. Ein Squash beginnt eine neue Historie an einer Basis, und dieser Checkout hat genau eine, %3, die höchstwahrscheinlich dort steht, wo %1 stand.</translation>
    </message>
    <message>
        <source>It is also the head.</source>
        <translation>Sie ist zugleich der Head.</translation>
    </message>
    <message numerus="yes">
        <source>The %n revision(s) after it stay pending; `alembic upgrade head` applies them after the stamp.</source>
        <translation>
            <numerusform>Die Revision danach bleibt ausstehend; `alembic upgrade head` wendet sie nach dem Stempeln an.</numerusform>
            <numerusform>Die %n Revisionen danach bleiben ausstehend; `alembic upgrade head` wendet sie nach dem Stempeln an.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is gone (%2); it came after %3. Stamping %3 is the careful choice: `alembic upgrade` then re-runs what came after it, and stops loudly if %1&apos;s changes are already in the database, instead of silently skipping them.</source>
        <translation>%1 ist verschwunden (%2); sie kam nach %3. %3 zu stempeln ist die vorsichtige Wahl: `alembic upgrade` führt dann erneut aus, was danach kam, und bricht deutlich sichtbar ab, wenn die Änderungen von %1 bereits in der Datenbank sind, statt sie stillschweigend zu überspringen.</translation>
    </message>
    <message>
        <source>The version table could not be read: %1</source>
        <translation>Die Versionstabelle konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>There is no version table %1, and Revscope never creates one. If the schema already matches the newest migration, `alembic stamp %2` creates it.</source>
        <translation>Es gibt keine Versionstabelle %1, und Revscope legt nie eine an. Wenn das Schema bereits der neuesten Migration entspricht, legt `alembic stamp %2` sie an.</translation>
    </message>
    <message>
        <source>The version table %1 holds no row, so Alembic takes the database for new. Revscope cannot tell from the table which schema it has: if it matches the newest migration, stamp %2.</source>
        <translation>Die Versionstabelle %1 enthält keine Zeile, daher hält Alembic die Datenbank für neu. Revscope kann der Tabelle nicht entnehmen, welches Schema die Datenbank hat: Wenn es der neuesten Migration entspricht, stempeln Sie %2.</translation>
    </message>
    <message>
        <source>%1 is an ancestor of %2, also stored; Alembic refuses the pair, so only %2 stays.</source>
        <translation>%1 ist ein Vorfahre der ebenfalls gespeicherten Revision %2; Alembic lehnt dieses Paar ab, daher bleibt nur %2.</translation>
    </message>
    <message>
        <source>The row &apos;%1&apos; stands for %2; the full id is written instead.</source>
        <translation>Die Zeile „%1“ steht für %2; stattdessen wird die vollständige ID geschrieben.</translation>
    </message>
    <message>
        <source>The row &apos;%1&apos; is the start of several ids (%2); Revscope cannot tell which one the database is at.</source>
        <translation>Die Zeile „%1“ ist der Anfang mehrerer IDs (%2); Revscope kann nicht feststellen, auf welcher die Datenbank steht.</translation>
    </message>
    <message>
        <source>Every row names a revision Alembic loads: there is nothing to repair.</source>
        <translation>Jede Zeile nennt eine Revision, die Alembic lädt: Es gibt nichts zu reparieren.</translation>
    </message>
    <message numerus="yes">
        <source>Stamping never migrates: to apply the %n pending migration(s), run `alembic upgrade heads`.</source>
        <translation>
            <numerusform>Stempeln migriert nie: Um die ausstehende Migration anzuwenden, führen Sie `alembic upgrade heads` aus.</numerusform>
            <numerusform>Stempeln migriert nie: Um die %n ausstehenden Migrationen anzuwenden, führen Sie `alembic upgrade heads` aus.</numerusform>
        </translation>
    </message>
    <message>
        <source>One row per branch: %1.</source>
        <translation>Eine Zeile pro Zweig: %1.</translation>
    </message>
    <message>
        <source>Compare the schema with the suggested revision before stamping: stamping records a state, it does not create it.</source>
        <translation>Vergleichen Sie vor dem Stempeln das Schema mit der vorgeschlagenen Revision: Stempeln hält einen Zustand fest, es stellt ihn nicht her.</translation>
    </message>
    <message>
        <source>The version table %1 of %2 could not be read.</source>
        <translation>Die Versionstabelle %1 in %2 konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The database %1 has no version table %2, and Revscope never creates tables. Check --version-table and --version-table-schema against env.py; for a database Alembic has never touched, `alembic stamp` creates the table.</source>
        <translation>Die Datenbank %1 hat keine Versionstabelle %2, und Revscope legt nie Tabellen an. Gleichen Sie --version-table und --version-table-schema mit env.py ab; für eine Datenbank, die Alembic nie angefasst hat, legt `alembic stamp` die Tabelle an.</translation>
    </message>
    <message>
        <source>No revision to stamp was given.</source>
        <translation>Es wurde keine zu stempelnde Revision angegeben.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a revision Alembic can stamp here: %2.</source>
        <translation>„%1“ ist keine Revision, die Alembic hier stempeln kann: %2.</translation>
    </message>
    <message>
        <source>Only a stray .pyc file defines it, and Alembic does not load bytecode-only revisions.</source>
        <translation>Nur eine verwaiste .pyc-Datei definiert sie, und Alembic lädt keine Revisionen, die nur als Bytecode existieren.</translation>
    </message>
    <message>
        <source>Scripts refer to it, but none defines it.</source>
        <translation>Skripte verweisen auf sie, aber keines definiert sie.</translation>
    </message>
    <message>
        <source>Requested revision %1 overlaps with other requested revisions %2: %2 is an ancestor of %1, and Alembic refuses to stamp both. Stamp only the newest revision of each branch.</source>
        <translation>Die angeforderte Revision %1 überschneidet sich mit den anderen angeforderten Revisionen %2: %2 ist ein Vorfahre von %1, und Alembic verweigert es, beide zu stempeln. Stempeln Sie nur die neueste Revision jedes Zweigs.</translation>
    </message>
    <message>
        <source>No database was read for %1.</source>
        <translation>Für %1 wurde keine Datenbank gelesen.</translation>
    </message>
</context>
<context>
    <name>TarArchive</name>
    <message>
        <source>the archive expands to more than %1 bytes; listed only the first members</source>
        <translation>das Archiv ist entpackt größer als %1 Byte; nur die ersten Einträge wurden aufgelistet</translation>
    </message>
    <message>
        <source>the compressed data is corrupt or truncated</source>
        <translation>die komprimierten Daten sind beschädigt oder abgeschnitten</translation>
    </message>
    <message>
        <source>the archive is truncated</source>
        <translation>das Archiv ist abgeschnitten</translation>
    </message>
    <message>
        <source>an extended header of %1 bytes is too large</source>
        <translation>ein erweiterter Header mit %1 Byte ist zu groß</translation>
    </message>
    <message>
        <source>more than %1 headers; listed only the first members</source>
        <translation>mehr als %1 Header; nur die ersten Einträge wurden aufgelistet</translation>
    </message>
    <message>
        <source>malformed header at block %1</source>
        <translation>fehlerhafter Header in Block %1</translation>
    </message>
    <message>
        <source>malformed size at block %1</source>
        <translation>fehlerhafte Größe in Block %1</translation>
    </message>
    <message>
        <source>more than %1 members; listed only the first ones</source>
        <translation>mehr als %1 Einträge; nur die ersten wurden aufgelistet</translation>
    </message>
</context>
<context>
    <name>TextReport</name>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>fix:</source>
        <translation>Abhilfe:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>stray</source>
        <translation>verwaist</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>corrupt</source>
        <translation>beschädigt</translation>
    </message>
    <message numerus="yes">
        <source>bytecode: %n file(s)</source>
        <translation>
            <numerusform>Bytecode: %n Datei</numerusform>
            <numerusform>Bytecode: %n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 stray, %2 stale, %3 corrupt</source>
        <translation>%1 verwaist, %2 veraltet, %3 beschädigt</translation>
    </message>
    <message>
        <source>defines %1, a revision only bytecode defines</source>
        <translation>definiert %1, eine nur durch Bytecode definierte Revision</translation>
    </message>
    <message>
        <source>defines %1</source>
        <translation>definiert %1</translation>
    </message>
    <message>
        <source>(Python %1)</source>
        <translation>(Python %1)</translation>
    </message>
    <message>
        <source>no version table</source>
        <translation>keine Versionstabelle</translation>
    </message>
    <message>
        <source>empty version table</source>
        <translation>leere Versionstabelle</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <source>version table unreadable</source>
        <translation>Versionstabelle nicht lesbar</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) Alembic cannot locate</source>
        <translation>
            <numerusform>%n Zeile, die Alembic nicht zuordnen kann</numerusform>
            <numerusform>%n Zeilen, die Alembic nicht zuordnen kann</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending migration(s)</source>
        <translation>
            <numerusform>%n ausstehende Migration</numerusform>
            <numerusform>%n ausstehende Migrationen</numerusform>
        </translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <source>database: %1  versions: %2  (%3)</source>
        <translation>Datenbank: %1  Versionen: %2  (%3)</translation>
    </message>
    <message numerus="yes">
        <source>No findings in %n environment(s).</source>
        <translation>
            <numerusform>Keine Befunde in %n Umgebung.</numerusform>
            <numerusform>Keine Befunde in %n Umgebungen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n info finding(s)</source>
        <translation>
            <numerusform>%n Info-Befund</numerusform>
            <numerusform>%n Info-Befunde</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n environment(s)</source>
        <translation>
            <numerusform>%n Umgebung</numerusform>
            <numerusform>%n Umgebungen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2, %3 in %4.</source>
        <translation>%1, %2, %3 in %4.</translation>
    </message>
    <message>
        <source>No Alembic environment found under %1.</source>
        <translation>Unter %1 wurde keine Alembic-Umgebung gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s)</source>
        <translation>
            <numerusform>%n Revision</numerusform>
            <numerusform>%n Revisionen</numerusform>
        </translation>
    </message>
    <message>
        <source>scripts:</source>
        <translation>Skripte:</translation>
    </message>
    <message>
        <source>heads:</source>
        <translation>Heads:</translation>
    </message>
    <message>
        <source>bases:</source>
        <translation>Basen:</translation>
    </message>
    <message>
        <source>no findings</source>
        <translation>keine Befunde</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>About these findings: %1</source>
        <translation>Mehr zu diesen Befunden: %1</translation>
    </message>
</context>
<context>
    <name>VersionTableReader</name>
    <message>
        <source>The version table name &apos;%1&apos; is not a usable table name</source>
        <translation>Der Versionstabellenname „%1“ ist kein verwendbarer Tabellenname</translation>
    </message>
    <message>
        <source>Could not look up the table %1 in %2: %3</source>
        <translation>Die Tabelle %1 in %2 konnte nicht nachgeschlagen werden: %3</translation>
    </message>
    <message>
        <source>Could not read the table %1 in %2: %3</source>
        <translation>Die Tabelle %1 in %2 konnte nicht gelesen werden: %3</translation>
    </message>
</context>
<context>
    <name>Walkthrough</name>
    <message numerus="yes">
        <source>No script defines %1, yet %n revision(s) refer to it (%2). Alembic stops with &quot;Can&apos;t locate revision identified by &apos;%1&apos;&quot; until the script is restored or the references are changed.</source>
        <translation>
            <numerusform>Kein Skript definiert %1, dennoch verweist %n Revision auf sie (%2). Alembic bricht mit „Can&apos;t locate revision identified by &apos;%1&apos;“ ab, bis das Skript wiederhergestellt ist oder die Verweise geändert sind.</numerusform>
            <numerusform>Kein Skript definiert %1, dennoch verweisen %n Revisionen auf sie (%2). Alembic bricht mit „Can&apos;t locate revision identified by &apos;%1&apos;“ ab, bis das Skript wiederhergestellt ist oder die Verweise geändert sind.</numerusform>
        </translation>
    </message>
    <message>
        <source>No script defines %1; only leftovers that Alembic does not load refer to it (%2), so Alembic itself does not look for it here.</source>
        <translation>Kein Skript definiert %1; nur Überbleibsel, die Alembic nicht lädt, verweisen auf sie (%2), daher sucht Alembic selbst hier nicht nach ihr.</translation>
    </message>
    <message>
        <source>Revisions usually go missing when their scripts are deleted, for example when a chain is squashed into one revision while another script, a database or a stale .pyc still names an old one.</source>
        <translation>Revisionen gehen meist verloren, wenn ihre Skripte gelöscht werden, etwa wenn eine Kette per Squash zu einer Revision zusammengefasst wird, während ein anderes Skript, eine Datenbank oder eine veraltete .pyc noch eine alte nennt.</translation>
    </message>
    <message>
        <source>Only bytecode defines %1: %2 is a compiled file whose .py script is gone. This environment sets sourceless = true, so Alembic loads it as a revision anyway. This is how a deleted migration comes back: a stale .pyc left in __pycache__ (and copied into a Docker image) revives a revision that was squashed away, and Alembic then fails to locate or order revisions. Delete the stale bytecode and keep __pycache__ out of images with .dockerignore.</source>
        <translation>Nur Bytecode definiert %1: %2 ist eine kompilierte Datei, deren .py-Skript fehlt. Diese Umgebung setzt sourceless = true, daher lädt Alembic sie trotzdem als Revision. So kehrt eine gelöschte Migration zurück: Eine veraltete .pyc, die in __pycache__ zurückgeblieben ist (und in ein Docker-Image kopiert wurde), belebt eine per Squash entfernte Revision wieder, und Alembic kann danach Revisionen nicht mehr finden oder ordnen. Löschen Sie den veralteten Bytecode, und halten Sie __pycache__ mit .dockerignore aus Images heraus.</translation>
    </message>
    <message>
        <source>Only bytecode defines %1: %2 is a compiled file whose .py script is gone. Alembic ignores it here because sourceless is off, but it is a leftover of a deleted script: wherever sourceless = true, or wherever this folder is copied with its __pycache__ (into a Docker image, for example), it can bring the deleted revision back and break `alembic upgrade`. Delete it and keep __pycache__ out of images with .dockerignore.</source>
        <translation>Nur Bytecode definiert %1: %2 ist eine kompilierte Datei, deren .py-Skript fehlt. Alembic ignoriert sie hier, weil sourceless aus ist, aber sie ist ein Überbleibsel eines gelöschten Skripts: Überall, wo sourceless = true gilt oder wo dieser Ordner mitsamt __pycache__ kopiert wird (zum Beispiel in ein Docker-Image), kann sie die gelöschte Revision zurückbringen und `alembic upgrade` scheitern lassen. Löschen Sie sie, und halten Sie __pycache__ mit .dockerignore aus Images heraus.</translation>
    </message>
    <message>
        <source>%1 is the base: its down_revision is None, so the history starts here and `alembic upgrade` applies it first to an empty database.</source>
        <translation>%1 ist die Basis: Ihre down_revision ist None, daher beginnt hier die Historie, und `alembic upgrade` wendet sie auf einer leeren Datenbank als Erste an.</translation>
    </message>
    <message numerus="yes">
        <source>%1 is a base: its down_revision is None, so a line of history starts here. This environment has %n bases; each starts its own line, and `alembic upgrade heads` applies all of them.</source>
        <translation>
            <numerusform>%1 ist eine Basis: Ihre down_revision ist None, daher beginnt hier eine Linie der Historie. Diese Umgebung hat %n Basis; jede beginnt ihre eigene Linie, und `alembic upgrade heads` wendet sie alle an.</numerusform>
            <numerusform>%1 ist eine Basis: Ihre down_revision ist None, daher beginnt hier eine Linie der Historie. Diese Umgebung hat %n Basen; jede beginnt ihre eigene Linie, und `alembic upgrade heads` wendet sie alle an.</numerusform>
        </translation>
    </message>
    <message>
        <source>It carries the branch label %1: commands can name its line by the label, as in `alembic upgrade %2@head`.</source>
        <translation>Sie trägt das Zweig-Label %1: Befehle können ihre Linie über das Label ansprechen, wie in `alembic upgrade %2@head`.</translation>
    </message>
    <message>
        <source>%1 is a merge: it joins the lines ending at %2 into one. Merges exist because `alembic upgrade head` needs a single head: once two branches exist, `alembic merge heads` writes a revision whose down_revision lists both, and the history goes on as one line from there.</source>
        <translation>%1 ist eine Merge-Revision: Sie führt die Linien, die bei %2 enden, zu einer zusammen. Merges gibt es, weil `alembic upgrade head` einen einzigen Head braucht: Sobald zwei Zweige existieren, schreibt `alembic merge heads` eine Revision, deren down_revision beide auflistet, und die Historie geht von dort als eine Linie weiter.</translation>
    </message>
    <message>
        <source>Like most merges, it changes nothing in the schema itself.</source>
        <translation>Wie die meisten Merges ändert sie selbst nichts am Schema.</translation>
    </message>
    <message numerus="yes">
        <source>%1 is a branch point: %n revisions build on it (%2), and each starts a branch. A branch is a line of revisions that grows from a shared parent on its own, usually because two people wrote migrations from the same head at the same time, or on purpose for a separate part of the schema. Until a merge joins them, each line ends in its own head.</source>
        <translation>
            <numerusform>%1 ist ein Verzweigungspunkt: %n Revision baut darauf auf (%2), und jede beginnt einen Zweig. Ein Zweig ist eine Linie von Revisionen, die eigenständig aus einer gemeinsamen Elternrevision wächst, meist weil zwei Personen gleichzeitig Migrationen auf demselben Head geschrieben haben, oder absichtlich für einen getrennten Teil des Schemas. Bis ein Merge sie zusammenführt, endet jede Linie in ihrem eigenen Head.</numerusform>
            <numerusform>%1 ist ein Verzweigungspunkt: %n Revisionen bauen darauf auf (%2), und jede beginnt einen Zweig. Ein Zweig ist eine Linie von Revisionen, die eigenständig aus einer gemeinsamen Elternrevision wächst, meist weil zwei Personen gleichzeitig Migrationen auf demselben Head geschrieben haben, oder absichtlich für einen getrennten Teil des Schemas. Bis ein Merge sie zusammenführt, endet jede Linie in ihrem eigenen Head.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 depends on %2 (depends_on): Alembic applies %2 first, even though it lies on another line. Unlike a merge, a dependency does not join the lines: each keeps its own head.</source>
        <translation>%1 hängt von %2 ab (depends_on): Alembic wendet %2 zuerst an, obwohl sie auf einer anderen Linie liegt. Anders als ein Merge verbindet eine Abhängigkeit die Linien nicht: Jede behält ihren eigenen Head.</translation>
    </message>
    <message>
        <source>%1 is the head: nothing builds on it, so `alembic upgrade head` ends here.</source>
        <translation>%1 ist der Head: Nichts baut darauf auf, daher endet `alembic upgrade head` hier.</translation>
    </message>
    <message numerus="yes">
        <source>%1 is one of %n heads (%2). With more than one head, `alembic upgrade head` fails with &quot;Multiple head revisions are present&quot;: upgrade with `alembic upgrade heads` or a branch (label@head), or join the lines with `alembic merge heads`.</source>
        <translation>
            <numerusform>%1 ist einer von %n Heads (%2). Bei mehr als einem Head scheitert `alembic upgrade head` mit „Multiple head revisions are present“: Führen Sie das Upgrade mit `alembic upgrade heads` oder für einen Zweig (label@head) aus, oder führen Sie die Linien mit `alembic merge heads` zusammen.</numerusform>
            <numerusform>%1 ist einer von %n Heads (%2). Bei mehr als einem Head scheitert `alembic upgrade head` mit „Multiple head revisions are present“: Führen Sie das Upgrade mit `alembic upgrade heads` oder für einen Zweig (label@head) aus, oder führen Sie die Linien mit `alembic merge heads` zusammen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Only bytecode defines this revision; its operations are not read.</source>
        <translation>Nur Bytecode definiert diese Revision; ihre Operationen werden nicht gelesen.</translation>
    </message>
    <message>
        <source>No script defines this revision.</source>
        <translation>Kein Skript definiert diese Revision.</translation>
    </message>
    <message>
        <source>base</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>branch point</source>
        <translation>Verzweigung</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>depends on</source>
        <translation>mit Abhängigkeit</translation>
    </message>
    <message>
        <source>bytecode only</source>
        <translation>nur Bytecode</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>revscope: cannot open the window: its module was not found or not loaded (looked for %1). Commands such as `revscope check` still work.</source>
        <translation>revscope: Das Fenster kann nicht geöffnet werden: Sein Modul wurde nicht gefunden oder nicht geladen (gesucht: %1). Befehle wie `revscope check` funktionieren weiterhin.</translation>
    </message>
    <message>
        <source>Explore an Alembic migration project.</source>
        <translation>Erkundet ein Alembic-Migrationsprojekt.</translation>
    </message>
    <message>
        <source>Open the demo project.</source>
        <translation>Das Demoprojekt öffnen.</translation>
    </message>
    <message>
        <source>Save a picture of the window to FILE once the project is inspected, then quit (for documentation).</source>
        <translation>Ein Bild des Fensters in FILE speichern, sobald das Projekt untersucht ist, und dann beenden (für die Dokumentation).</translation>
    </message>
    <message>
        <source>Project folder to open.</source>
        <translation>Zu öffnender Projektordner.</translation>
    </message>
    <message>
        <source>Start on VIEW: history, image or walkthrough (default: history).</source>
        <translation>Mit VIEW starten: history, image oder walkthrough (Standard: history).</translation>
    </message>
    <message>
        <source>Show the window in LANGUAGE (en, fr, de) instead of the one chosen in View &gt; Language or the system&apos;s.</source>
        <translation>Das Fenster in LANGUAGE (en, fr, de) anzeigen statt in der unter Ansicht &gt; Sprache gewählten Sprache oder der des Systems.</translation>
    </message>
    <message>
        <source>--view takes one of: %1.</source>
        <translation>--view erwartet einen dieser Werte: %1.</translation>
    </message>
</context>
</TS>
