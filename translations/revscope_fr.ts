<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>BuildContext</name>
    <message>
        <source>Cannot list %1 of the build context: %2</source>
        <translation>Impossible de lister %1 du contexte de build&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>BytecodeAnalyzer</name>
    <message>
        <source>A Docker COPY of its folder carries it into an image unless .dockerignore excludes it.</source>
        <translation>Un COPY Docker de son dossier l&apos;embarque dans une image, sauf si .dockerignore l&apos;exclut.</translation>
    </message>
    <message>
        <source>Add __pycache__/ and *.pyc to .dockerignore so images never receive bytecode.</source>
        <translation>Ajoutez __pycache__/ et *.pyc à .dockerignore pour que les images ne reçoivent jamais de bytecode.</translation>
    </message>
    <message>
        <source>This environment has sourceless = true, so Alembic loads this file as a migration script, just as if its source were there.</source>
        <translation>Cet environnement a sourceless = true, donc Alembic charge ce fichier comme un script de migration, exactement comme si sa source était présente.</translation>
    </message>
    <message>
        <source>This environment has sourceless = false, so Alembic ignores it; with sourceless = true Alembic would load it as a migration script.</source>
        <translation>Cet environnement a sourceless = false, donc Alembic l&apos;ignore&#x202f;; avec sourceless = true, Alembic le chargerait comme un script de migration.</translation>
    </message>
    <message>
        <source>%1 was compiled from %2, which no longer exists.</source>
        <translation>%1 a été compilé à partir de %2, qui n&apos;existe plus.</translation>
    </message>
    <message>
        <source>%1 was compiled from %2, which no longer exists; it defines revision %3.</source>
        <translation>%1 a été compilé à partir de %2, qui n&apos;existe plus&#x202f;; il définit la révision %3.</translation>
    </message>
    <message>
        <source>Alembic never loads a file named like this as a migration, whether sourceless is true or false.</source>
        <translation>Alembic ne charge jamais comme migration un fichier nommé ainsi, que sourceless vaille true ou false.</translation>
    </message>
    <message>
        <source>It is outside every version location, so Alembic never loads it as a migration, whether sourceless is true or false; but Python imports a legacy .pyc found where its source used to be.</source>
        <translation>Il se trouve hors de tout emplacement de versions, donc Alembic ne le charge jamais comme migration, que sourceless vaille true ou false&#x202f;; mais Python importe un .pyc à l&apos;ancienne (legacy) placé là où se trouvait sa source.</translation>
    </message>
    <message>
        <source>It is outside every version location, so Alembic never loads it as a migration, whether sourceless is true or false, and Python ignores a __pycache__ file whose source is gone.</source>
        <translation>Il se trouve hors de tout emplacement de versions, donc Alembic ne le charge jamais comme migration, que sourceless vaille true ou false, et Python ignore un fichier de __pycache__ dont la source a disparu.</translation>
    </message>
    <message>
        <source>Delete %1 (it is not source, nothing is lost). %2</source>
        <translation>Supprimez %1 (ce n&apos;est pas une source, rien n&apos;est perdu). %2</translation>
    </message>
    <message>
        <source>%1 was compiled from an earlier version of %2: %3.</source>
        <translation>%1 a été compilé à partir d&apos;une version antérieure de %2&#xa0;: %3.</translation>
    </message>
    <message>
        <source>It is an unchecked-hash .pyc, so Python never compares it with the source: importing the source runs this old bytecode instead, whatever sourceless says.</source>
        <translation>C&apos;est un .pyc à hachage non vérifié (unchecked-hash), donc Python ne le compare jamais à la source&#xa0;: importer la source exécute ce vieux bytecode à la place, quelle que soit la valeur de sourceless.</translation>
    </message>
    <message>
        <source>Python notices and recompiles it when it imports the source, and Alembic prefers the source while it exists, with sourceless true or false; but with sourceless = true, deleting the source would make this older bytecode the migration.</source>
        <translation>Python le détecte et le recompile lorsqu&apos;il importe la source, et Alembic préfère la source tant qu&apos;elle existe, que sourceless vaille true ou false&#x202f;; mais avec sourceless = true, supprimer la source ferait de ce bytecode plus ancien la migration.</translation>
    </message>
    <message>
        <source>Delete %1; Python writes fresh bytecode when it needs it. %2</source>
        <translation>Supprimez %1&#x202f;; Python réécrit du bytecode à jour quand il en a besoin. %2</translation>
    </message>
    <message>
        <source>%1 cannot be read as bytecode: %2.</source>
        <translation>%1 ne peut pas être lu comme du bytecode&#xa0;: %2.</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>erreur inconnue</translation>
    </message>
    <message>
        <source>This environment has sourceless = true and the source is gone, so Alembic tries to load this file as a migration and stops with an error.</source>
        <translation>Cet environnement a sourceless = true et la source a disparu, donc Alembic tente de charger ce fichier comme migration et s&apos;arrête sur une erreur.</translation>
    </message>
    <message>
        <source>This environment has sourceless = false, so Alembic ignores it; with sourceless = true Alembic would try to load it and stop with an error.</source>
        <translation>Cet environnement a sourceless = false, donc Alembic l&apos;ignore&#x202f;; avec sourceless = true, Alembic tenterait de le charger et s&apos;arrêterait sur une erreur.</translation>
    </message>
    <message>
        <source>Alembic loads the source beside it instead, with sourceless true or false, and Python recompiles it.</source>
        <translation>Alembic charge à la place la source qui se trouve à côté, que sourceless vaille true ou false, et Python le recompile.</translation>
    </message>
    <message>
        <source>It is outside every version location, so Alembic never loads it, whether sourceless is true or false.</source>
        <translation>Il se trouve hors de tout emplacement de versions, donc Alembic ne le charge jamais, que sourceless vaille true ou false.</translation>
    </message>
    <message>
        <source>Delete %1. %2</source>
        <translation>Supprimez %1. %2</translation>
    </message>
    <message>
        <source>Revision %1 is defined only by bytecode: %2 (compiled from %3), whose source is gone.</source>
        <translation>La révision %1 n&apos;est définie que par du bytecode&#xa0;: %2 (compilé à partir de %3), dont la source a disparu.</translation>
    </message>
    <message>
        <source>This environment has sourceless = true, so Alembic loads it like any other revision: it counts in heads, `alembic upgrade` runs it, and no source file shows it.</source>
        <translation>Cet environnement a sourceless = true, donc Alembic la charge comme n&apos;importe quelle autre révision&#xa0;: elle compte parmi les têtes, `alembic upgrade` l&apos;exécute, et aucun fichier source ne la montre.</translation>
    </message>
    <message>
        <source>This environment has sourceless = false, so Alembic ignores it: a script whose down_revision names %1, or a database stamped at it, makes Alembic stop with &quot;Can&apos;t locate revision identified by &apos;%1&apos;&quot;. With sourceless = true Alembic would load it as a revision again.</source>
        <translation>Cet environnement a sourceless = false, donc Alembic l&apos;ignore&#xa0;: un script dont le down_revision désigne %1, ou une base de données estampillée à cette révision, fait s&apos;arrêter Alembic avec «&#xa0;Can&apos;t locate revision identified by &apos;%1&apos;&#xa0;». Avec sourceless = true, Alembic la chargerait de nouveau comme révision.</translation>
    </message>
    <message>
        <source>A database is stamped at %1, so this bytecode is all that tells Alembic where that database stands.</source>
        <translation>Une base de données est estampillée à %1, donc ce bytecode est tout ce qui indique à Alembic où en est cette base de données.</translation>
    </message>
    <message>
        <source>A Docker COPY of the versions folder carries it into an image, where the revision comes back even after it was squashed away.</source>
        <translation>Un COPY Docker du dossier versions l&apos;embarque dans une image, où la révision réapparaît même après avoir été supprimée par un squash.</translation>
    </message>
    <message>
        <source>If %1 was squashed or removed on purpose, delete the bytecode and stamp databases at the revision that replaced it; if it is still needed, restore its source from version control. %2</source>
        <translation>Si %1 a été supprimée par un squash ou retirée volontairement, supprimez le bytecode et estampillez les bases de données à la révision qui l&apos;a remplacée&#x202f;; si elle est encore nécessaire, restaurez sa source depuis le gestionnaire de versions. %2</translation>
    </message>
</context>
<context>
    <name>CheckCommand</name>
    <message>
        <source>Inspect an Alembic project and list what is wrong.</source>
        <translation>Inspecter un projet Alembic et lister ce qui ne va pas.</translation>
    </message>
    <message>
        <source>Project folder (default: the current folder).</source>
        <translation>Dossier du projet (par défaut&#xa0;: le dossier courant).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>Inspect only this Alembic config file.</source>
        <translation>Inspecter uniquement ce fichier de configuration Alembic.</translation>
    </message>
    <message>
        <source>Output format: text, json or sarif.</source>
        <translation>Format de sortie&#xa0;: text, json ou sarif.</translation>
    </message>
    <message>
        <source>Exit with 1 when a finding is at or above this severity: error, warning, info or never.</source>
        <translation>Quitter avec le code 1 lorsqu&apos;un constat atteint ou dépasse cette gravité&#xa0;: error, warning, info ou never.</translation>
    </message>
    <message>
        <source>Colour the text output: auto, always or never.</source>
        <translation>Colorer la sortie texte&#xa0;: auto, always ou never.</translation>
    </message>
    <message>
        <source>revscope check: unknown format &apos;%1&apos; (use text, json or sarif).</source>
        <translation>revscope check&#xa0;: format inconnu «&#xa0;%1&#xa0;» (utilisez text, json ou sarif).</translation>
    </message>
    <message>
        <source>revscope check: unknown --fail-on value &apos;%1&apos; (use error, warning, info or never).</source>
        <translation>revscope check&#xa0;: valeur de --fail-on inconnue «&#xa0;%1&#xa0;» (utilisez error, warning, info ou never).</translation>
    </message>
    <message>
        <source>revscope check: unknown --color value &apos;%1&apos; (use auto, always or never).</source>
        <translation>revscope check&#xa0;: valeur de --color inconnue «&#xa0;%1&#xa0;» (utilisez auto, always ou never).</translation>
    </message>
    <message>
        <source>revscope check: could not write the report.</source>
        <translation>revscope check&#xa0;: impossible d&apos;écrire le rapport.</translation>
    </message>
</context>
<context>
    <name>CleanCommand</name>
    <message>
        <source>Project: %1</source>
        <translation>Projet&#xa0;: %1</translation>
    </message>
    <message>
        <source>Undoing journal operation %1:</source>
        <translation>Annulation de l&apos;opération %1 du journal&#xa0;:</translation>
    </message>
    <message>
        <source>Applied (journal operation %1):</source>
        <translation>Appliqué (opération %1 du journal)&#xa0;:</translation>
    </message>
    <message>
        <source>Dry run: nothing was changed. The plan:</source>
        <translation>Simulation&#xa0;: rien n&apos;a été modifié. Le plan&#xa0;:</translation>
    </message>
    <message>
        <source>nothing to do</source>
        <translation>rien à faire</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 octets</translation>
    </message>
    <message>
        <source>Skipped:</source>
        <translation>Ignorés&#xa0;:</translation>
    </message>
    <message>
        <source>Moves stray bytecode to the trash, journaled and undoable. Without --apply it only prints the plan.</source>
        <translation>Déplace le bytecode orphelin vers la corbeille, de façon journalisée et annulable. Sans --apply, affiche seulement le plan.</translation>
    </message>
    <message>
        <source>The project folder (default: the current folder).</source>
        <translation>Le dossier du projet (par défaut&#xa0;: le dossier courant).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>Carry out the plan.</source>
        <translation>Exécuter le plan.</translation>
    </message>
    <message>
        <source>Restore what a cleanup moved: journal operation ID, given after the option, or the latest cleanup of PATH.</source>
        <translation>Restaurer ce qu&apos;un nettoyage a déplacé&#xa0;: l&apos;ID d&apos;opération du journal, donné après l&apos;option, ou sinon le dernier nettoyage de PATH.</translation>
    </message>
    <message>
        <source>text (default) or json.</source>
        <translation>text (par défaut) ou json.</translation>
    </message>
    <message>
        <source>Clean the whole project except virtualenvs, not only the version locations.</source>
        <translation>Nettoyer tout le projet sauf les environnements virtuels, pas seulement les emplacements de versions.</translation>
    </message>
    <message>
        <source>Also remove bytecode whose source changed since.</source>
        <translation>Supprimer aussi le bytecode dont la source a changé depuis.</translation>
    </message>
    <message>
        <source>Do not add bytecode rules to .dockerignore files.</source>
        <translation>Ne pas ajouter de règles de bytecode aux fichiers .dockerignore.</translation>
    </message>
    <message>
        <source>Move files to the quarantine in the application&apos;s data folder, not the trash.</source>
        <translation>Déplacer les fichiers dans la quarantaine, dans le dossier de données de l&apos;application, au lieu de la corbeille.</translation>
    </message>
    <message>
        <source>expected at most one PATH, got %1.</source>
        <translation>au plus un PATH attendu, reçu&#xa0;: %1.</translation>
    </message>
    <message>
        <source>not tried: the run stopped before it</source>
        <translation>non tenté&#xa0;: l&apos;exécution s&apos;est arrêtée avant</translation>
    </message>
    <message>
        <source>the journal %1 holds no cleanup of %2 that can be undone.</source>
        <translation>le journal %1 ne contient aucun nettoyage de %2 pouvant être annulé.</translation>
    </message>
    <message>
        <source>Dry run: nothing was changed. Add --apply to carry it out.</source>
        <translation>Simulation&#xa0;: rien n&apos;a été modifié. Ajoutez --apply pour l&apos;exécuter.</translation>
    </message>
    <message>
        <source>To undo, run: revscope clean %1 --undo %2</source>
        <translation>Pour annuler, lancez&#xa0;: revscope clean %1 --undo %2</translation>
    </message>
</context>
<context>
    <name>CleanupExecutor</name>
    <message>
        <source>%1 already exists</source>
        <translation>%1 existe déjà</translation>
    </message>
    <message>
        <source>cannot create the folder of %1</source>
        <translation>impossible de créer le dossier de %1</translation>
    </message>
    <message>
        <source>the copy of %1 differs from the original</source>
        <translation>la copie de %1 diffère de l&apos;original</translation>
    </message>
    <message>
        <source>%1 cannot be removed</source>
        <translation>%1 ne peut pas être supprimé</translation>
    </message>
    <message>
        <source>No journal: nothing was changed.</source>
        <translation>Pas de journal&#xa0;: rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>Clean up %1 item(s), %2 byte(s)</source>
        <translation>Nettoyage de %1 élément(s), %2 octet(s)</translation>
    </message>
    <message>
        <source>Stopped at %1: %2</source>
        <translation>Arrêt sur %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Nothing changed: every action was skipped.</source>
        <translation>Rien n&apos;a changé&#xa0;: toutes les actions ont été ignorées.</translation>
    </message>
    <message>
        <source>it is a symbolic link; links are never followed</source>
        <translation>c&apos;est un lien symbolique&#x202f;; les liens ne sont jamais suivis</translation>
    </message>
    <message>
        <source>it is outside the project root after resolving symbolic links</source>
        <translation>il se trouve hors de la racine du projet une fois les liens symboliques résolus</translation>
    </message>
    <message>
        <source>a Python source is never removed</source>
        <translation>une source Python n&apos;est jamais supprimée</translation>
    </message>
    <message>
        <source>it is no longer a regular file</source>
        <translation>ce n&apos;est plus un fichier ordinaire</translation>
    </message>
    <message>
        <source>it changed since the plan was made</source>
        <translation>il a changé depuis l&apos;établissement du plan</translation>
    </message>
    <message>
        <source>the action was interrupted</source>
        <translation>l&apos;action a été interrompue</translation>
    </message>
    <message>
        <source>cannot move it to the trash or the quarantine: %1</source>
        <translation>impossible de le déplacer vers la corbeille ou la quarantaine&#xa0;: %1</translation>
    </message>
    <message>
        <source>it is no longer a folder</source>
        <translation>ce n&apos;est plus un dossier</translation>
    </message>
    <message>
        <source>it is not empty</source>
        <translation>il n&apos;est pas vide</translation>
    </message>
    <message>
        <source>the folder cannot be removed</source>
        <translation>le dossier ne peut pas être supprimé</translation>
    </message>
    <message>
        <source>it cannot be read</source>
        <translation>il ne peut pas être lu</translation>
    </message>
    <message>
        <source>cannot keep a copy of the original in %1: %2</source>
        <translation>impossible de conserver une copie de l&apos;original dans %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>cannot write it: %1</source>
        <translation>impossible de l&apos;écrire&#xa0;: %1</translation>
    </message>
    <message>
        <source>No journal: nothing can be undone.</source>
        <translation>Pas de journal&#xa0;: rien ne peut être annulé.</translation>
    </message>
    <message>
        <source>Journal operation %1 is not a cleanup.</source>
        <translation>L&apos;opération %1 du journal n&apos;est pas un nettoyage.</translation>
    </message>
    <message>
        <source>Journal operation %1 is already undone.</source>
        <translation>L&apos;opération %1 du journal est déjà annulée.</translation>
    </message>
    <message>
        <source>something else appeared at %1 since the cleanup</source>
        <translation>autre chose est apparu à l&apos;emplacement %1 depuis le nettoyage</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>impossible de créer le dossier %1</translation>
    </message>
    <message>
        <source>%1 changed since the cleanup; it is left as it is</source>
        <translation>%1 a changé depuis le nettoyage&#x202f;; il est laissé tel quel</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>impossible de supprimer %1</translation>
    </message>
    <message>
        <source>the original of %1 is missing from %2</source>
        <translation>l&apos;original de %1 est absent de %2</translation>
    </message>
    <message>
        <source>the kept original %1 changed</source>
        <translation>l&apos;original conservé %1 a changé</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>a file appeared at %1 since the cleanup; it is left as it is, and the original stays at %2</source>
        <translation>un fichier est apparu à l&apos;emplacement %1 depuis le nettoyage&#x202f;; il est laissé tel quel, et l&apos;original reste dans %2</translation>
    </message>
    <message>
        <source>%1 cannot be found in the trash or the quarantine</source>
        <translation>%1 est introuvable dans la corbeille comme dans la quarantaine</translation>
    </message>
    <message>
        <source>the copy of %1 at %2 changed</source>
        <translation>la copie de %1 dans %2 a changé</translation>
    </message>
    <message>
        <source>cannot restore %1: %2</source>
        <translation>impossible de restaurer %1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) could not be restored; journal operation %1 stays open for another undo.</source>
        <translation>
            <numerusform>%n élément n&apos;a pas pu être restauré&#xa0;; l&apos;opération %1 du journal reste ouverte pour une nouvelle annulation.</numerusform>
            <numerusform>%n éléments n&apos;ont pas pu être restaurés&#xa0;; l&apos;opération %1 du journal reste ouverte pour une nouvelle annulation.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CleanupPlanner</name>
    <message>
        <source>outside the project root</source>
        <translation>hors de la racine du projet</translation>
    </message>
    <message>
        <source>cannot be resolved</source>
        <translation>ne peut pas être résolu</translation>
    </message>
    <message>
        <source>resolves outside the project root</source>
        <translation>se résout hors de la racine du projet</translation>
    </message>
    <message>
        <source>reached through a symbolic link (links are never followed)</source>
        <translation>atteint par un lien symbolique (les liens ne sont jamais suivis)</translation>
    </message>
    <message>
        <source>a symbolic link used as __pycache__; links are never followed, so neither it nor its target is touched</source>
        <translation>un lien symbolique utilisé comme __pycache__&#x202f;; les liens ne sont jamais suivis, donc ni lui ni sa cible ne sont touchés</translation>
    </message>
    <message>
        <source>a symbolic link; links are never followed, so neither it nor its target is touched</source>
        <translation>un lien symbolique&#x202f;; les liens ne sont jamais suivis, donc ni lui ni sa cible ne sont touchés</translation>
    </message>
    <message>
        <source>cannot be listed: %1</source>
        <translation>ne peut pas être listé&#xa0;: %1</translation>
    </message>
    <message>
        <source>a symbolic link in __pycache__; links are never followed, so neither it nor its target is touched</source>
        <translation>un lien symbolique dans __pycache__&#x202f;; les liens ne sont jamais suivis, donc ni lui ni sa cible ne sont touchés</translation>
    </message>
    <message>
        <source>a Python source is never removed</source>
        <translation>une source Python n&apos;est jamais supprimée</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>n&apos;est pas un fichier ordinaire</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>ne peut pas être lu</translation>
    </message>
    <message>
        <source>a symbolic link; links are never followed, so it is not edited</source>
        <translation>un lien symbolique&#x202f;; les liens ne sont jamais suivis, donc il n&apos;est pas modifié</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>revscope %1: this command is not available in this version yet.</source>
        <translation>revscope %1&#xa0;: cette commande n&apos;est pas encore disponible dans cette version.</translation>
    </message>
    <message>
        <source>revscope: unknown command &apos;%1&apos;.</source>
        <translation>revscope&#xa0;: commande inconnue «&#xa0;%1&#xa0;».</translation>
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
        <translation>Usage&#xa0;: revscope [PATH]                 ouvrir l&apos;interface graphique
        revscope &lt;command&gt; [options]    lancer une commande

Commandes&#xa0;:
  check    inspecter un projet et lister ce qui ne va pas
  graph    dessiner le graphe des révisions
  image    simuler ce que contiendra l&apos;image Docker
  clean    supprimer le bytecode orphelin en toute sécurité (simulation par défaut)
  db       lire ou estampiller la table de version de la base de données
  diff     comparer le graphe des révisions de deux versions
  lock     écrire le fichier de verrouillage des révisions publiées
  report   écrire un rapport&#xa0;: visite guidée et constats
  help     expliquer un code de constat&#xa0;: «&#xa0;revscope help CODE&#xa0;»

Lancez «&#xa0;revscope &lt;command&gt; --help&#xa0;» pour voir les options d&apos;une commande.
Chaque commande accepte aussi --lang CODE (en, fr, de) pour choisir la
langue de ses messages&#x202f;; par défaut, c&apos;est celle de la locale du système.
</translation>
    </message>
</context>
<context>
    <name>CommandOptions</name>
    <message>
        <source>revscope %1: expected at most one PATH, got %2.</source>
        <translation>revscope %1&#xa0;: au plus un PATH attendu, reçu&#xa0;: %2.</translation>
    </message>
    <message>
        <source>revscope %1: %2 does not exist.</source>
        <translation>revscope %1&#xa0;: %2 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>revscope %1: %2 is not a folder.</source>
        <translation>revscope %1&#xa0;: %2 n&apos;est pas un dossier.</translation>
    </message>
    <message>
        <source>revscope %1: %2 cannot be read.</source>
        <translation>revscope %1&#xa0;: %2 ne peut pas être lu.</translation>
    </message>
    <message>
        <source>revscope %1: unknown format &apos;%2&apos; (use text or json).</source>
        <translation>revscope %1&#xa0;: format inconnu «&#xa0;%2&#xa0;» (utilisez text ou json).</translation>
    </message>
    <message>
        <source>revscope %1: cannot read config file %2.</source>
        <translation>revscope %1&#xa0;: impossible de lire le fichier de configuration %2.</translation>
    </message>
    <message>
        <source>Database URL (SQLAlchemy form), or &apos;ini&apos; for each config&apos;s sqlalchemy.url. The password is never printed.</source>
        <translation>URL de la base de données (forme SQLAlchemy), ou «&#xa0;ini&#xa0;» pour le sqlalchemy.url de chaque configuration. Le mot de passe n&apos;est jamais affiché.</translation>
    </message>
    <message>
        <source>Read the database URL from environment variable NAME (for example DATABASE_URL), instead of --db. The password is never printed.</source>
        <translation>Lire l&apos;URL de la base de données dans la variable d&apos;environnement NAME (par exemple DATABASE_URL) au lieu de --db. Le mot de passe n&apos;est jamais affiché.</translation>
    </message>
    <message>
        <source>Name of Alembic&apos;s version table (default: alembic_version).</source>
        <translation>Nom de la table de version d&apos;Alembic (par défaut&#xa0;: alembic_version).</translation>
    </message>
    <message>
        <source>Schema of the version table (default: the connection&apos;s default schema).</source>
        <translation>Schéma de la table de version (par défaut&#xa0;: le schéma par défaut de la connexion).</translation>
    </message>
    <message>
        <source>revscope %1: --version-table and --version-table-schema need --db or --db-env.</source>
        <translation>revscope %1&#xa0;: --version-table et --version-table-schema nécessitent --db ou --db-env.</translation>
    </message>
    <message>
        <source>revscope %1: give either --db or --db-env, not both.</source>
        <translation>revscope %1&#xa0;: indiquez soit --db, soit --db-env, pas les deux.</translation>
    </message>
    <message>
        <source>revscope %1: --db-env needs the name of an environment variable.</source>
        <translation>revscope %1&#xa0;: --db-env attend le nom d&apos;une variable d&apos;environnement.</translation>
    </message>
    <message>
        <source>revscope %1: environment variable %2 (named by --db-env) is not set.</source>
        <translation>revscope %1&#xa0;: la variable d&apos;environnement %2 (désignée par --db-env) n&apos;est pas définie.</translation>
    </message>
    <message>
        <source>revscope %1: environment variable %2 (named by --db-env) is empty; it should hold a database URL.</source>
        <translation>revscope %1&#xa0;: la variable d&apos;environnement %2 (désignée par --db-env) est vide&#x202f;; elle devrait contenir une URL de base de données.</translation>
    </message>
    <message>
        <source>revscope %1: --db needs a database URL or &apos;ini&apos;.</source>
        <translation>revscope %1&#xa0;: --db attend une URL de base de données ou «&#xa0;ini&#xa0;».</translation>
    </message>
    <message>
        <source>revscope %1: --version-table needs a table name.</source>
        <translation>revscope %1&#xa0;: --version-table attend un nom de table.</translation>
    </message>
    <message>
        <source>the database %1 could not be read</source>
        <translation>la base de données %1 n&apos;a pas pu être lue</translation>
    </message>
    <message>
        <source>database %1: %2</source>
        <translation>base de données %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>%1 is not inside a git repository, so &apos;%2&apos; cannot be read as a git ref; to compare two folders, pass both to --from and --to.</source>
        <translation>%1 ne se trouve pas dans un dépôt git, donc «&#xa0;%2&#xa0;» ne peut pas être lu comme une référence git&#x202f;; pour comparer deux dossiers, passez-les tous deux à --from et --to.</translation>
    </message>
    <message>
        <source>Reading %1 from git</source>
        <translation>Lecture de %1 depuis git</translation>
    </message>
    <message>
        <source>A temporary folder for %1 cannot be made: %2.</source>
        <translation>Impossible de créer un dossier temporaire pour %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>The comparison was cancelled.</source>
        <translation>La comparaison a été annulée.</translation>
    </message>
    <message>
        <source>Inspecting %1</source>
        <translation>Inspection de %1</translation>
    </message>
    <message>
        <source>Reading the commits in between</source>
        <translation>Lecture des commits intermédiaires</translation>
    </message>
    <message>
        <source>Comparing the revision graphs</source>
        <translation>Comparaison des graphes des révisions</translation>
    </message>
    <message>
        <source>Reading the database&apos;s version table</source>
        <translation>Lecture de la table de version de la base de données</translation>
    </message>
    <message>
        <source>The database %1 is stamped at %2, which the squash removed, and no revision replaces it: Alembic stops with &quot;Can&apos;t locate revision identified by &apos;%2&apos;&quot;.</source>
        <translation>La base de données %1 est estampillée à %2, que le squash a supprimée, et aucune révision ne la remplace&#xa0;: Alembic s&apos;arrête avec «&#xa0;Can&apos;t locate revision identified by &apos;%2&apos;&#xa0;».</translation>
    </message>
    <message>
        <source>Confirm which revision replaces %1 (the squash mapping; on the command line, --squash NEW=%1), or stamp the revision whose schema the database has: %2</source>
        <translation>Confirmez quelle révision remplace %1 (la correspondance du squash&#x202f;; en ligne de commande, --squash NEW=%1), ou estampillez la révision dont la base de données a le schéma&#xa0;: %2</translation>
    </message>
    <message>
        <source>The database %1 is stamped at %2, which the squash removed; %3 replaces it, but also holds %4, which came after %2 and this database has not applied.</source>
        <translation>La base de données %1 est estampillée à %2, que le squash a supprimée&#x202f;; %3 la remplace, mais contient aussi %4, venue après %2 et que cette base de données n&apos;a pas appliquée.</translation>
    </message>
    <message>
        <source>Upgrade it to %1 with the migrations of %2 first, then run: %3</source>
        <translation>Mettez-la d&apos;abord à niveau jusqu&apos;à %1 avec les migrations de %2, puis lancez&#xa0;: %3</translation>
    </message>
    <message>
        <source>The database %1 is stamped at %2, which the squash removed: Alembic stops with &quot;Can&apos;t locate revision identified by &apos;%2&apos;&quot;; %3 replaces it.</source>
        <translation>La base de données %1 est estampillée à %2, que le squash a supprimée&#xa0;: Alembic s&apos;arrête avec «&#xa0;Can&apos;t locate revision identified by &apos;%2&apos;&#xa0;»&#x202f;; %3 la remplace.</translation>
    </message>
    <message>
        <source>The database %1 could not be read.</source>
        <translation>La base de données %1 n&apos;a pas pu être lue.</translation>
    </message>
    <message>
        <source>no Alembic environment found</source>
        <translation>aucun environnement Alembic trouvé</translation>
    </message>
    <message>
        <source>%1 cannot replace %2: %3.</source>
        <translation>%1 ne peut pas remplacer %2&#xa0;: %3.</translation>
    </message>
</context>
<context>
    <name>ComposeFile</name>
    <message>
        <source>Invalid interpolation format in “%1”.</source>
        <translation>Format d&apos;interpolation invalide dans «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Required variable %1 is missing a value: %2</source>
        <translation>La variable obligatoire %1 n&apos;a pas de valeur&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Malformed YAML: %1</source>
        <translation>YAML mal formé&#xa0;: %1</translation>
    </message>
    <message>
        <source>A Compose file must be a mapping at the top.</source>
        <translation>Le niveau supérieur d&apos;un fichier Compose doit être un mapping.</translation>
    </message>
    <message>
        <source>“services” must be a mapping.</source>
        <translation>«&#xa0;services&#xa0;» doit être un mapping.</translation>
    </message>
</context>
<context>
    <name>DatabaseConnection</name>
    <message>
        <source>Revscope cannot read database URL %1</source>
        <translation>Revscope ne peut pas lire l&apos;URL de base de données %1</translation>
    </message>
    <message>
        <source>The SQLite database file %1 (from %2) does not exist</source>
        <translation>Le fichier de base de données SQLite %1 (issu de %2) n&apos;existe pas</translation>
    </message>
    <message>
        <source>The SQLite database file %1 (from %2) is not a readable file</source>
        <translation>Le fichier de base de données SQLite %1 (issu de %2) n&apos;est pas un fichier lisible</translation>
    </message>
    <message>
        <source>The SQLite database file %1 (from %2) is not writable</source>
        <translation>Le fichier de base de données SQLite %1 (issu de %2) n&apos;est pas accessible en écriture</translation>
    </message>
    <message>
        <source>Could not open the SQLite database %1: %2</source>
        <translation>Impossible d&apos;ouvrir la base de données SQLite %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Could not read the SQLite database %1: %2</source>
        <translation>Impossible de lire la base de données SQLite %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>In database URL %1, the value of %2 contains &apos;;&apos;, which the Qt PostgreSQL driver cannot pass on</source>
        <translation>Dans l&apos;URL de base de données %1, la valeur de %2 contient «&#xa0;;&#xa0;», que le pilote PostgreSQL de Qt ne peut pas transmettre</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>Impossible de se connecter à %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Connected to %1, but could not make the session read-only: %2</source>
        <translation>Connecté à %1, mais impossible de passer la session en lecture seule&#xa0;: %2</translation>
    </message>
    <message>
        <source>Connected to %1, but could not set its timeouts: %2</source>
        <translation>Connecté à %1, mais impossible de définir ses délais d&apos;expiration&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>DatabaseUrl</name>
    <message>
        <source>&apos;%1&apos; is not a database URL (expected dialect+driver://user:password@host/database)</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une URL de base de données (forme attendue&#xa0;: dialect+driver://user:password@host/database)</translation>
    </message>
    <message>
        <source>The port &apos;%1&apos; in database URL %2 is not a number</source>
        <translation>Le port «&#xa0;%1&#xa0;» de l&apos;URL de base de données %2 n&apos;est pas un nombre</translation>
    </message>
    <message>
        <source>The environment variable %1 is not set, or empty, so it holds no database URL</source>
        <translation>La variable d&apos;environnement %1 n&apos;est pas définie, ou est vide&#xa0;: elle ne contient donc aucune URL de base de données</translation>
    </message>
    <message>
        <source>Database URL %1 names the driver &apos;%2&apos;, which SQLAlchemy does not know for %3 (known: %4)</source>
        <translation>L&apos;URL de base de données %1 désigne le pilote «&#xa0;%2&#xa0;», que SQLAlchemy ne connaît pas pour %3 (pilotes connus&#xa0;: %4)</translation>
    </message>
    <message>
        <source>Database URL %1 uses the name &apos;postgres&apos;, which SQLAlchemy 1.4 and later no longer accept; write postgresql:// instead</source>
        <translation>L&apos;URL de base de données %1 utilise le nom «&#xa0;postgres&#xa0;», que SQLAlchemy 1.4 et les versions ultérieures n&apos;acceptent plus&#x202f;; écrivez postgresql:// à la place</translation>
    </message>
    <message>
        <source>Database URL %1 is for &apos;%2&apos;, which Revscope cannot read (it reads sqlite, postgresql, mysql and mariadb)</source>
        <translation>L&apos;URL de base de données %1 concerne «&#xa0;%2&#xa0;», que Revscope ne sait pas lire (il lit sqlite, postgresql, mysql et mariadb)</translation>
    </message>
    <message>
        <source>Invalid SQLite URL %1: valid forms are sqlite:///relative/path.db, sqlite:////absolute/path.db and sqlite:// (in memory)</source>
        <translation>URL SQLite %1 invalide&#xa0;: les formes valides sont sqlite:///chemin/relatif.db, sqlite:////chemin/absolu.db et sqlite:// (en mémoire)</translation>
    </message>
    <message>
        <source>In database URL %1, uri=%2 is not true or false</source>
        <translation>Dans l&apos;URL de base de données %1, uri=%2 ne vaut ni true ni false</translation>
    </message>
    <message>
        <source>The Qt SQL driver %1 needed for %2 is not installed; install the package %3 (apt install %3)</source>
        <translation>Le pilote SQL de Qt %1, nécessaire pour %2, n&apos;est pas installé&#x202f;; installez le paquet %3 (apt install %3)</translation>
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
        <translation>Usage&#xa0;: revscope db status [PATH] --db URL [--format text|json] [--config INI]
        revscope db stamp  [PATH] --db URL REV... [--yes]
        revscope db stamp  [PATH] --db URL --undo [ID] [--yes]

  status   lire la table de version et placer chaque ligne sur le graphe des révisions
  stamp    réécrire la table de version sans migrer (simulation sans --yes)

URL est une URL SQLAlchemy, ou «&#xa0;ini&#xa0;» pour le sqlalchemy.url de chaque configuration&#x202f;;
--db-env NAME la lit plutôt dans la variable d&apos;environnement NAME.
Lancez «&#xa0;revscope db status --help&#xa0;» ou «&#xa0;revscope db stamp --help&#xa0;» pour voir toutes les options.
</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exact</translation>
    </message>
    <message>
        <source>partial: %1</source>
        <translation>partiel&#xa0;: %1</translation>
    </message>
    <message>
        <source>ambiguous: a prefix of %1</source>
        <translation>ambigu&#xa0;: préfixe de %1</translation>
    </message>
    <message>
        <source>unknown to Alembic</source>
        <translation>inconnu d&apos;Alembic</translation>
    </message>
    <message>
        <source>only bytecode defines %1</source>
        <translation>seul du bytecode définit %1</translation>
    </message>
    <message>
        <source>%1 is referenced but defined nowhere</source>
        <translation>%1 est référencée mais n&apos;est définie nulle part</translation>
    </message>
    <message>
        <source>%1 mentions it (a squash that replaced it?)</source>
        <translation>%1 la mentionne (un squash qui l&apos;a remplacée&#x202f;?)</translation>
    </message>
    <message>
        <source>No Alembic environment found under %1.</source>
        <translation>Aucun environnement Alembic trouvé sous %1.</translation>
    </message>
    <message>
        <source>version table: %1</source>
        <translation>table de version&#xa0;: %1</translation>
    </message>
    <message>
        <source>rows: %1</source>
        <translation>lignes&#xa0;: %1</translation>
    </message>
    <message>
        <source>current: %1</source>
        <translation>état actuel&#xa0;: %1</translation>
    </message>
    <message>
        <source>pending to %1: %2</source>
        <translation>en attente jusqu&apos;à %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>fix:</source>
        <translation>correction&#xa0;:</translation>
    </message>
    <message>
        <source>(no row)</source>
        <translation>(aucune ligne)</translation>
    </message>
    <message>
        <source>Environment:  </source>
        <translation>Environnement&#xa0;:   </translation>
    </message>
    <message>
        <source>Database:     </source>
        <translation>Base de données&#xa0;: </translation>
    </message>
    <message>
        <source>Version table:</source>
        <translation>Table de version&#xa0;:</translation>
    </message>
    <message>
        <source>Undoing:      </source>
        <translation>Annulation&#xa0;:      </translation>
    </message>
    <message>
        <source>journal operation %1</source>
        <translation>opération %1 du journal</translation>
    </message>
    <message>
        <source>Rows now:     </source>
        <translation>Lignes actuelles&#xa0;:</translation>
    </message>
    <message>
        <source>Rows after:   </source>
        <translation>Lignes après&#xa0;:    </translation>
    </message>
    <message>
        <source>SQL: none, the table already holds these rows.</source>
        <translation>SQL&#xa0;: aucun, la table contient déjà ces lignes.</translation>
    </message>
    <message>
        <source>SQL, in one transaction that first re-reads the rows and stops if they changed:</source>
        <translation>SQL, en une seule transaction qui relit d&apos;abord les lignes et s&apos;arrête si elles ont changé&#xa0;:</translation>
    </message>
    <message>
        <source>Suggestion:   </source>
        <translation>Suggestion&#xa0;:      </translation>
    </message>
    <message>
        <source>revscope db: unknown subcommand &apos;%1&apos; (use status or stamp).</source>
        <translation>revscope db&#xa0;: sous-commande inconnue «&#xa0;%1&#xa0;» (utilisez status ou stamp).</translation>
    </message>
    <message>
        <source>Read Alembic&apos;s version table and place each row on the revision graph.</source>
        <translation>Lire la table de version d&apos;Alembic et placer chaque ligne sur le graphe des révisions.</translation>
    </message>
    <message>
        <source>Project folder (default: the current folder).</source>
        <translation>Dossier du projet (par défaut&#xa0;: le dossier courant).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>Only this Alembic config file.</source>
        <translation>Uniquement ce fichier de configuration Alembic.</translation>
    </message>
    <message>
        <source>Output format: text or json.</source>
        <translation>Format de sortie&#xa0;: text ou json.</translation>
    </message>
    <message>
        <source>revscope db status: --db URL is required (an SQLAlchemy URL, or &apos;ini&apos;), or --db-env NAME.</source>
        <translation>revscope db status&#xa0;: --db URL est obligatoire (une URL SQLAlchemy, ou «&#xa0;ini&#xa0;»), ou bien --db-env NAME.</translation>
    </message>
    <message>
        <source>revscope db status: could not write the report.</source>
        <translation>revscope db status&#xa0;: impossible d&apos;écrire le rapport.</translation>
    </message>
    <message>
        <source>Rewrite Alembic&apos;s version table so it holds exactly REV... (one row per revision), without migrating, like `alembic stamp --purge`. Without --yes it only prints the plan: the rows now and after, the SQL, and Revscope&apos;s suggestion. With --yes it runs the SQL in one transaction that first re-reads the rows and stops if they changed, and records the old and new rows in the journal so --undo can restore them.</source>
        <translation>Réécrire la table de version d&apos;Alembic pour qu&apos;elle contienne exactement REV... (une ligne par révision), sans migrer, comme `alembic stamp --purge`. Sans --yes, affiche seulement le plan&#xa0;: les lignes avant et après, le SQL et la suggestion de Revscope. Avec --yes, exécute le SQL en une seule transaction qui relit d&apos;abord les lignes et s&apos;arrête si elles ont changé, et enregistre les anciennes et les nouvelles lignes dans le journal pour que --undo puisse les restaurer.</translation>
    </message>
    <message>
        <source>Project folder (default: the current folder; taken as PATH only when it is an existing folder).</source>
        <translation>Dossier du projet (par défaut&#xa0;: le dossier courant&#x202f;; pris comme PATH seulement s&apos;il s&apos;agit d&apos;un dossier existant).</translation>
    </message>
    <message>
        <source>Revisions to stamp: full or partial ids, branch labels, heads, head, base. Without any, the suggestion is shown. With --undo: the journal operation ID (default: the latest stamp of this database).</source>
        <translation>Révisions à estampiller&#xa0;: identifiants complets ou partiels, étiquettes de branche, heads, head, base. Sans révision, la suggestion est affichée. Avec --undo&#xa0;: l&apos;ID de l&apos;opération du journal (par défaut&#xa0;: le dernier estampillage de cette base de données).</translation>
    </message>
    <message>
        <source>Write to the database (default: a dry run).</source>
        <translation>Écrire dans la base de données (par défaut&#xa0;: simulation).</translation>
    </message>
    <message>
        <source>Undo a journaled stamp of this database: the one whose ID is given, else the latest.</source>
        <translation>Annuler un estampillage journalisé de cette base de données&#xa0;: celui dont l&apos;ID est donné, sinon le dernier.</translation>
    </message>
    <message>
        <source>--db URL is required (an SQLAlchemy URL, or &apos;ini&apos;), or --db-env NAME.</source>
        <translation>--db URL est obligatoire (une URL SQLAlchemy, ou «&#xa0;ini&#xa0;»), ou bien --db-env NAME.</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>%1 ne peut pas être lu.</translation>
    </message>
    <message>
        <source>--undo takes at most one journal operation ID, got %1.</source>
        <translation>--undo accepte au plus un ID d&apos;opération du journal, reçu&#xa0;: %1.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a journal operation ID (a number).</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un ID d&apos;opération du journal (un nombre).</translation>
    </message>
    <message>
        <source>no Alembic environment found under %1.</source>
        <translation>aucun environnement Alembic trouvé sous %1.</translation>
    </message>
    <message>
        <source>%1 holds several Alembic environments (%2); choose one with --config.</source>
        <translation>%1 contient plusieurs environnements Alembic (%2)&#x202f;; choisissez-en un avec --config.</translation>
    </message>
    <message>
        <source>%1 sets no sqlalchemy.url to connect to.</source>
        <translation>%1 ne définit aucun sqlalchemy.url auquel se connecter.</translation>
    </message>
    <message>
        <source>the journal %1 holds no stamp of %2 that can be undone.</source>
        <translation>le journal %1 ne contient aucun estampillage de %2 pouvant être annulé.</translation>
    </message>
    <message>
        <source>Dry run: nothing was written. To undo, run:</source>
        <translation>Simulation&#xa0;: rien n&apos;a été écrit. Pour annuler, lancez&#xa0;:</translation>
    </message>
    <message>
        <source>name the revisions to stamp; --yes never stamps a suggestion unnamed (suggested: %1).</source>
        <translation>indiquez les révisions à estampiller&#x202f;; --yes n&apos;estampille jamais une suggestion que vous n&apos;avez pas nommée (suggestion&#xa0;: %1).</translation>
    </message>
    <message>
        <source>No revision given: this is Revscope&apos;s suggestion, and nothing was written. To stamp it, name the revisions and add --yes.</source>
        <translation>Aucune révision indiquée&#xa0;: voici la suggestion de Revscope, et rien n&apos;a été écrit. Pour l&apos;estampiller, nommez les révisions et ajoutez --yes.</translation>
    </message>
    <message>
        <source>Dry run: nothing was written. Add --yes to stamp.</source>
        <translation>Simulation&#xa0;: rien n&apos;a été écrit. Ajoutez --yes pour estampiller.</translation>
    </message>
    <message>
        <source>To undo, run:</source>
        <translation>Pour annuler, lancez&#xa0;:</translation>
    </message>
</context>
<context>
    <name>DbState</name>
    <message>
        <source>current</source>
        <translation>actuelle</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>appliquée</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>en attente</translation>
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
        <translation>`alembic stamp --purge %1` (ou `revscope db stamp --db %2 %1 --yes`)</translation>
    </message>
    <message>
        <source>The version table %1 of %2 holds &apos;%3&apos;, which is the start of several revision ids (%4), so Alembic stops with &quot;%5&quot;.</source>
        <translation>La table de version %1 de %2 contient «&#xa0;%3&#xa0;», qui est le début de plusieurs identifiants de révision (%4), donc Alembic s&apos;arrête avec «&#xa0;%5&#xa0;».</translation>
    </message>
    <message>
        <source>Stamp the full id of the revision the database is really at, e.g. %1.</source>
        <translation>Estampillez l&apos;identifiant complet de la révision à laquelle se trouve réellement la base de données, par exemple %1.</translation>
    </message>
    <message>
        <source>The version table %1 of %2 holds %3, which no migration script Alembic loads defines, so Alembic stops with &quot;%4&quot;.</source>
        <translation>La table de version %1 de %2 contient %3, qu&apos;aucun script de migration chargé par Alembic ne définit, donc Alembic s&apos;arrête avec «&#xa0;%4&#xa0;».</translation>
    </message>
    <message>
        <source>Only the stray bytecode file %1 defines %2: its .py source is gone (deleted, or replaced by a squash), and Alembic does not load bytecode-only revisions.</source>
        <translation>Seul le fichier de bytecode orphelin %1 définit %2&#xa0;: sa source .py a disparu (supprimée, ou remplacée par un squash), et Alembic ne charge pas les révisions définies uniquement par du bytecode.</translation>
    </message>
    <message>
        <source>Other scripts refer to %1 (as down_revision or depends_on), but none defines it.</source>
        <translation>D&apos;autres scripts font référence à %1 (comme down_revision ou depends_on), mais aucun ne la définit.</translation>
    </message>
    <message>
        <source>The script %1 defines %2, but Alembic does not load it.</source>
        <translation>Le script %1 définit %2, mais Alembic ne le charge pas.</translation>
    </message>
    <message>
        <source>Nothing in this checkout defines it: the database was migrated from another branch or a newer checkout, or its script was deleted.</source>
        <translation>Rien dans cette copie de travail ne la définit&#xa0;: la base de données a été migrée depuis une autre branche ou une copie de travail plus récente, ou son script a été supprimé.</translation>
    </message>
    <message>
        <source>Revision %1 mentions %2 in its script, so it most likely replaced it (a squash).</source>
        <translation>La révision %1 mentionne %2 dans son script, donc elle l&apos;a très probablement remplacée (un squash).</translation>
    </message>
    <message>
        <source>If the schema matches %1, rewrite the version table without migrating: %2. Revscope suggests %1 only because its script mentions %3; compare the schema before stamping.</source>
        <translation>Si le schéma correspond à %1, réécrivez la table de version sans migrer&#xa0;: %2. Revscope ne suggère %1 que parce que son script mentionne %3&#x202f;; comparez le schéma avant d&apos;estampiller.</translation>
    </message>
    <message>
        <source>Find the revision of this checkout whose schema the database has, then stamp it without migrating: %1. The lost revision came right after %2.</source>
        <translation>Trouvez la révision de cette copie de travail dont la base de données a le schéma, puis estampillez-la sans migrer&#xa0;: %1. La révision perdue venait juste après %2.</translation>
    </message>
    <message>
        <source>&lt;revision&gt;</source>
        <translation>&lt;revision&gt;</translation>
    </message>
    <message>
        <source>Check out the branch or version that has the script for %1 and run `alembic downgrade` there; or, if the schema matches a revision of this checkout, stamp it without migrating: %2.</source>
        <translation>Basculez sur la branche ou la version qui contient le script de %1 et lancez-y `alembic downgrade`&#x202f;; ou, si le schéma correspond à une révision de cette copie de travail, estampillez-la sans migrer&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Then delete the stray bytecode (`revscope clean`) so it cannot mislead again.</source>
        <translation>Supprimez ensuite le bytecode orphelin (`revscope clean`) pour qu&apos;il ne puisse plus induire en erreur.</translation>
    </message>
    <message>
        <source>Revscope connected to %1 but could not read its version table: %2</source>
        <translation>Revscope s&apos;est connecté à %1 mais n&apos;a pas pu lire sa table de version&#xa0;: %2</translation>
    </message>
    <message>
        <source>Revscope could not reach the database %1: %2</source>
        <translation>Revscope n&apos;a pas pu joindre la base de données %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Check that the user may SELECT from the version table, and that the version table name and schema match env.py.</source>
        <translation>Vérifiez que l&apos;utilisateur a le droit de faire un SELECT sur la table de version, et que le nom et le schéma de la table de version correspondent à env.py.</translation>
    </message>
    <message>
        <source>Check that the server runs and accepts connections from this machine, and the host, port, user name, password and database name in the URL.</source>
        <translation>Vérifiez que le serveur fonctionne et accepte les connexions depuis cette machine, ainsi que l&apos;hôte, le port, le nom d&apos;utilisateur, le mot de passe et le nom de la base de données indiqués dans l&apos;URL.</translation>
    </message>
    <message>
        <source>The database %1 has no version table %2: Alembic has never migrated or stamped it (or env.py names another version table).</source>
        <translation>La base de données %1 n&apos;a pas de table de version %2&#xa0;: Alembic ne l&apos;a jamais migrée ni estampillée (ou env.py désigne une autre table de version).</translation>
    </message>
    <message>
        <source>The version table %2 of %1 exists but holds no row: Alembic treats the database as never migrated, and `alembic upgrade` would run every migration from the first.</source>
        <translation>La table de version %2 de %1 existe mais ne contient aucune ligne&#xa0;: Alembic considère la base de données comme jamais migrée, et `alembic upgrade` exécuterait toutes les migrations depuis la première.</translation>
    </message>
    <message>
        <source>If the database is new, run `alembic upgrade %1`. If its schema already matches the newest migration, record that without migrating: `alembic stamp %1`. If env.py passes version_table= or version_table_schema=, give Revscope the same names.</source>
        <translation>Si la base de données est nouvelle, lancez `alembic upgrade %1`. Si son schéma correspond déjà à la migration la plus récente, enregistrez-le sans migrer&#xa0;: `alembic stamp %1`. Si env.py passe version_table= ou version_table_schema=, donnez les mêmes noms à Revscope.</translation>
    </message>
    <message>
        <source>The version table %1 of %2 holds %3 and also its ancestor %4, so Alembic stops with &quot;Requested revision %3 overlaps with other requested revisions %4&quot;.</source>
        <translation>La table de version %1 de %2 contient %3 et aussi son ancêtre %4, donc Alembic s&apos;arrête avec «&#xa0;Requested revision %3 overlaps with other requested revisions %4&#xa0;».</translation>
    </message>
    <message>
        <source>Keep one row per branch, the newest: %1.</source>
        <translation>Gardez une ligne par branche, la plus récente&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Run `alembic upgrade head`.</source>
        <translation>Lancez `alembic upgrade head`.</translation>
    </message>
    <message>
        <source>Run `alembic upgrade %1` (or `alembic upgrade heads` for every head).</source>
        <translation>Lancez `alembic upgrade %1` (ou `alembic upgrade heads` pour toutes les têtes).</translation>
    </message>
    <message numerus="yes">
        <source>The database %1 is %n migration(s) behind head %2.</source>
        <translation>
            <numerusform>La base de données %1 a %n migration de retard sur la tête %2.</numerusform>
            <numerusform>La base de données %1 a %n migrations de retard sur la tête %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoProject</name>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>Impossible de créer %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The embedded demo database script is missing.</source>
        <translation>Le script intégré de la base de données de démonstration est manquant.</translation>
    </message>
    <message>
        <source>Cannot remove %1.</source>
        <translation>Impossible de supprimer %1.</translation>
    </message>
    <message>
        <source>The Qt SQLite driver (QSQLITE) is not available.</source>
        <translation>Le pilote SQLite de Qt (QSQLITE) n&apos;est pas disponible.</translation>
    </message>
    <message>
        <source>Cannot create the demo database %1: %2</source>
        <translation>Impossible de créer la base de données de démonstration %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot build the demo database %1: %2</source>
        <translation>Impossible de construire la base de données de démonstration %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>Impossible de créer %1.</translation>
    </message>
    <message>
        <source>No folder was given for the demo project.</source>
        <translation>Aucun dossier n&apos;a été indiqué pour le projet de démonstration.</translation>
    </message>
    <message>
        <source>%1 is a symbolic link; the demo needs a real folder.</source>
        <translation>%1 est un lien symbolique&#x202f;; la démonstration nécessite un vrai dossier.</translation>
    </message>
    <message>
        <source>%1 exists and is not a folder.</source>
        <translation>%1 existe et n&apos;est pas un dossier.</translation>
    </message>
    <message>
        <source>%1 is not empty and is not a Revscope demo folder; it was left untouched.</source>
        <translation>%1 n&apos;est pas vide et n&apos;est pas un dossier de démonstration Revscope&#x202f;; il a été laissé intact.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
    <message>
        <source>Cannot delete %1 while resetting the demo.</source>
        <translation>Impossible de supprimer %1 lors de la réinitialisation de la démonstration.</translation>
    </message>
    <message>
        <source>The demo project is missing from this build of Revscope.</source>
        <translation>Le projet de démonstration est absent de cette compilation de Revscope.</translation>
    </message>
    <message>
        <source>%1 leads outside the demo folder; nothing was written there.</source>
        <translation>%1 mène hors du dossier de démonstration&#x202f;; rien n&apos;y a été écrit.</translation>
    </message>
    <message>
        <source>Cannot read the embedded file %1.</source>
        <translation>Impossible de lire le fichier intégré %1.</translation>
    </message>
</context>
<context>
    <name>DetailsHtml</name>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>à jour</translation>
    </message>
    <message>
        <source>stray</source>
        <translation>orphelin</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>obsolète</translation>
    </message>
    <message>
        <source>corrupt</source>
        <translation>corrompu</translation>
    </message>
    <message>
        <source>Open in Editor</source>
        <translation>Ouvrir dans l&apos;éditeur</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>(manquante)</translation>
    </message>
    <message>
        <source>Python script</source>
        <translation>Script Python</translation>
    </message>
    <message>
        <source>Alembic reads this revision from its script.</source>
        <translation>Alembic lit cette révision depuis son script.</translation>
    </message>
    <message>
        <source>Bytecode only</source>
        <translation>Bytecode uniquement</translation>
    </message>
    <message>
        <source>No script defines this revision, only a compiled .pyc file. This environment sets sourceless = true, so Alembic loads it from the bytecode: a deleted migration comes back.</source>
        <translation>Aucun script ne définit cette révision, seulement un fichier .pyc compilé. Cet environnement définit sourceless = true, donc Alembic la charge depuis le bytecode&#xa0;: une migration supprimée réapparaît.</translation>
    </message>
    <message>
        <source>No script defines this revision, only a leftover .pyc file. Alembic ignores it (sourceless is off), but a database may still be stamped with it.</source>
        <translation>Aucun script ne définit cette révision, seulement un fichier .pyc résiduel. Alembic l&apos;ignore (sourceless est désactivé), mais une base de données peut encore être estampillée à cette révision.</translation>
    </message>
    <message>
        <source>Missing (ghost)</source>
        <translation>Manquante (fantôme)</translation>
    </message>
    <message>
        <source>No database was read. Open the project with a database to see where it stands.</source>
        <translation>Aucune base de données n&apos;a été lue. Ouvrez le projet avec une base de données pour voir où elle en est.</translation>
    </message>
    <message>
        <source>The database could not be read: %1</source>
        <translation>La base de données n&apos;a pas pu être lue&#xa0;: %1</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Actuelle</translation>
    </message>
    <message>
        <source>The version table names this revision: the database stands here.</source>
        <translation>La table de version désigne cette révision&#xa0;: la base de données se trouve ici.</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Appliquée</translation>
    </message>
    <message>
        <source>An ancestor of the current revision: its migration has run on this database.</source>
        <translation>Ancêtre de la révision actuelle&#xa0;: sa migration a été exécutée sur cette base de données.</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>Non atteinte</translation>
    </message>
    <message>
        <source>Alembic cannot run a revision that no file defines.</source>
        <translation>Alembic ne peut pas exécuter une révision qu&apos;aucun fichier ne définit.</translation>
    </message>
    <message>
        <source>Alembic does not load this revision, and the database never reached it.</source>
        <translation>Alembic ne charge pas cette révision, et la base de données ne l&apos;a jamais atteinte.</translation>
    </message>
    <message>
        <source>Compiled from the current script.</source>
        <translation>Compilé à partir du script actuel.</translation>
    </message>
    <message>
        <source>No source file beside it. With sourceless = true Alembic loads it as a revision; delete it unless that is intended.</source>
        <translation>Aucun fichier source à côté. Avec sourceless = true, Alembic le charge comme révision&#x202f;; supprimez-le, sauf si c&apos;est voulu.</translation>
    </message>
    <message>
        <source>Its script changed after it was compiled.</source>
        <translation>Son script a changé après sa compilation.</translation>
    </message>
    <message>
        <source>Its script changed after it was compiled: %1</source>
        <translation>Son script a changé après sa compilation&#xa0;: %1</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Le fichier ne peut pas être lu&#xa0;: %1</translation>
    </message>
    <message>
        <source>unknown Python</source>
        <translation>Python inconnu</translation>
    </message>
    <message>
        <source>Python %1</source>
        <translation>Python %1</translation>
    </message>
    <message>
        <source>compiled as %1</source>
        <translation>compilé sous le nom %1</translation>
    </message>
    <message>
        <source>No such environment.</source>
        <translation>Environnement introuvable.</translation>
    </message>
    <message>
        <source>Revision %1 is not part of %2.</source>
        <translation>La révision %1 ne fait pas partie de %2.</translation>
    </message>
    <message>
        <source>Revision in %1</source>
        <translation>Révision de %1</translation>
    </message>
    <message>
        <source>(no message)</source>
        <translation>(aucun message)</translation>
    </message>
    <message>
        <source>Not loaded by Alembic</source>
        <translation>Non chargée par Alembic</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Tête</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Base</translation>
    </message>
    <message>
        <source>Branch point</source>
        <translation>Point d&apos;embranchement</translation>
    </message>
    <message>
        <source>Merge point</source>
        <translation>Point de fusion</translation>
    </message>
    <message>
        <source>Duplicate id</source>
        <translation>Identifiant en double</translation>
    </message>
    <message>
        <source>Database is here</source>
        <translation>La base de données est ici</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Révision</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Création</translation>
    </message>
    <message>
        <source>Branch labels</source>
        <translation>Étiquettes de branche</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnus</translation>
    </message>
    <message>
        <source>none: a base revision</source>
        <translation>aucun&#xa0;: c&apos;est une révision de base</translation>
    </message>
    <message>
        <source>none: a head</source>
        <translation>aucun&#xa0;: c&apos;est une tête</translation>
    </message>
    <message>
        <source>Parents</source>
        <translation>Parents</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>Enfants</translation>
    </message>
    <message>
        <source>Depends on</source>
        <translation>Dépend de</translation>
    </message>
    <message>
        <source>Dependents</source>
        <translation>Dépendants</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <source>Bytecode</source>
        <translation>Bytecode</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <source>None for this revision.</source>
        <translation>Aucun pour cette révision.</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>How to fix</source>
        <translation>Comment corriger</translation>
    </message>
    <message>
        <source>No script or bytecode defines this revision, yet %1 refers to it. Alembic stops with “Can&apos;t locate revision identified by”.</source>
        <translation>Aucun script ni bytecode ne définit cette révision, et pourtant %1 y fait référence. Alembic s&apos;arrête avec «&#xa0;Can&apos;t locate revision identified by&#xa0;».</translation>
    </message>
    <message>
        <source>Not applied yet: “alembic upgrade” would run it.</source>
        <translation>Pas encore appliquée&#xa0;: «&#xa0;alembic upgrade&#xa0;» l&apos;exécuterait.</translation>
    </message>
</context>
<context>
    <name>DiffCommand</name>
    <message>
        <source>Comparing %1 with %2</source>
        <translation>Comparaison de %1 avec %2</translation>
    </message>
    <message>
        <source>  removed: %1</source>
        <translation>  supprimées&#xa0;: %1</translation>
    </message>
    <message>
        <source>  added:   %1</source>
        <translation>  ajoutées&#xa0;:   %1</translation>
    </message>
    <message>
        <source>  rewired: %1: %2 -&gt; %3</source>
        <translation>  rebranchée&#xa0;: %1&#xa0;: %2 -&gt; %3</translation>
    </message>
    <message>
        <source>  edited:  %1</source>
        <translation>  modifiées&#xa0;:  %1</translation>
    </message>
    <message>
        <source>  squash:  %1 replaces %2 (inferred: %3)</source>
        <translation>  squash&#xa0;:     %1 remplace %2 (déduit&#xa0;: %3)</translation>
    </message>
    <message>
        <source>fix: %1</source>
        <translation>correction&#xa0;: %1</translation>
    </message>
    <message>
        <source>Project folder (default: the current folder).</source>
        <translation>Dossier du projet (par défaut&#xa0;: le dossier courant).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>The older version: a git ref or a folder.</source>
        <translation>L&apos;ancienne version&#xa0;: une référence git ou un dossier.</translation>
    </message>
    <message>
        <source>The newer version: a git ref or a folder.</source>
        <translation>La nouvelle version&#xa0;: une référence git ou un dossier.</translation>
    </message>
    <message>
        <source>Output format: text (default) or json.</source>
        <translation>Format de sortie&#xa0;: text (par défaut) ou json.</translation>
    </message>
    <message>
        <source>revscope diff: --from and --to are both required.</source>
        <translation>revscope diff&#xa0;: --from et --to sont tous deux obligatoires.</translation>
    </message>
    <message>
        <source>  squash:  %1 replaces %2 (confirmed)</source>
        <translation>  squash&#xa0;:     %1 remplace %2 (confirmé)</translation>
    </message>
    <message>
        <source>Compare the revision graph of two versions of a project: two git refs (read from the repository holding PATH, nothing is checked out) or two folders. Lists removed, added, rewired and edited revisions, infers which revision replaced a squashed run, and checks the squash. With --db or --db-env, also checks that the database&apos;s version table names no revision the squash removed, and prints the stamp that repairs it.</source>
        <translation>Comparer le graphe des révisions de deux versions d&apos;un projet&#xa0;: deux références git (lues dans le dépôt qui contient PATH, sans rien extraire) ou deux dossiers. Liste les révisions supprimées, ajoutées, rebranchées et modifiées, déduit quelle révision a remplacé une suite absorbée par un squash, et vérifie le squash. Avec --db ou --db-env, vérifie aussi que la table de version de la base de données ne désigne aucune révision supprimée par le squash, et affiche l&apos;estampillage qui la répare.</translation>
    </message>
    <message>
        <source>Confirm or correct the squash mapping: revision NEW replaces exactly the removed revisions OLD1, OLD2... The squash checks run with it. Repeatable; removed revisions no --squash names keep their inferred replacement.</source>
        <translation>Confirmer ou corriger la correspondance du squash&#xa0;: la révision NEW remplace exactement les révisions supprimées OLD1, OLD2... Les vérifications du squash s&apos;exécutent avec elle. Option répétable&#x202f;; les révisions supprimées qu&apos;aucune option --squash ne nomme gardent leur remplaçante déduite.</translation>
    </message>
    <message>
        <source>revscope diff: --squash takes NEW=OLD1,OLD2 (a revision of the newer version, then the removed revisions it replaces), not &apos;%1&apos;.</source>
        <translation>revscope diff&#xa0;: --squash attend NEW=OLD1,OLD2 (une révision de la nouvelle version, puis les révisions supprimées qu&apos;elle remplace), et non «&#xa0;%1&#xa0;».</translation>
    </message>
</context>
<context>
    <name>DockerIgnore</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Invalid ignore pattern “%1”: %2. Docker refuses to build with this file.</source>
        <translation>Motif d&apos;exclusion «&#xa0;%1&#xa0;» invalide&#xa0;: %2. Docker refuse de construire avec ce fichier.</translation>
    </message>
    <message>
        <source>Fix or remove the pattern; escape a literal “[” as “[[]”.</source>
        <translation>Corrigez ou supprimez le motif&#x202f;; échappez un «&#xa0;[&#xa0;» littéral sous la forme «&#xa0;[[]&#xa0;».</translation>
    </message>
    <message>
        <source>a lone “!” is an illegal exclusion pattern</source>
        <translation>un «&#xa0;!&#xa0;» isolé n&apos;est pas un motif d&apos;exclusion valide</translation>
    </message>
    <message>
        <source>syntax error in pattern</source>
        <translation>erreur de syntaxe dans le motif</translation>
    </message>
    <message>
        <source>the pattern does not translate to a valid expression (for example a reversed range)</source>
        <translation>le motif ne se traduit pas en une expression valide (par exemple une plage inversée)</translation>
    </message>
</context>
<context>
    <name>Dockerfile</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Only one “%1” parser directive can be used.</source>
        <translation>Une seule directive d&apos;analyseur «&#xa0;%1&#xa0;» est autorisée.</translation>
    </message>
    <message>
        <source>Invalid escape character “%1”: use “\” or “`”.</source>
        <translation>Caractère d&apos;échappement «&#xa0;%1&#xa0;» invalide&#xa0;: utilisez «&#xa0;\&#xa0;» ou «&#xa0;`&#xa0;».</translation>
    </message>
    <message>
        <source>Unknown instruction “%1”.</source>
        <translation>Instruction «&#xa0;%1&#xa0;» inconnue.</translation>
    </message>
    <message>
        <source>%1: the JSON array may only hold strings.</source>
        <translation>%1&#xa0;: le tableau JSON ne peut contenir que des chaînes.</translation>
    </message>
    <message>
        <source>Unterminated heredoc “&lt;&lt;%1”: no line “%1” ends it.</source>
        <translation>Heredoc «&#xa0;&lt;&lt;%1&#xa0;» non terminé&#xa0;: aucune ligne «&#xa0;%1&#xa0;» ne le termine.</translation>
    </message>
    <message>
        <source>%1 needs at least a source and a destination.</source>
        <translation>%1 nécessite au moins une source et une destination.</translation>
    </message>
    <message>
        <source>%1 before the first FROM: only ARG may come first.</source>
        <translation>%1 avant le premier FROM&#xa0;: seul ARG peut venir en premier.</translation>
    </message>
    <message>
        <source>No FROM instruction: nothing to build.</source>
        <translation>Aucune instruction FROM&#xa0;: rien à construire.</translation>
    </message>
</context>
<context>
    <name>EnvPyReader</name>
    <message>
        <source>a %1, not a string</source>
        <translation>une valeur de type %1, pas une chaîne</translation>
    </message>
    <message>
        <source>no schema (the connection&apos;s default)</source>
        <translation>aucun schéma (celui par défaut de la connexion)</translation>
    </message>
    <message>
        <source>%1 (Alembic&apos;s default)</source>
        <translation>%1 (valeur par défaut d&apos;Alembic)</translation>
    </message>
    <message>
        <source>Revscope cannot read %1=%2 without running Python (%3); it reads the version table with %4.</source>
        <translation>Revscope ne peut pas lire %1=%2 sans exécuter Python (%3)&#x202f;; il lit la table de version avec %4.</translation>
    </message>
    <message>
        <source>Pass a string literal in env.py, or give Revscope the value: %1 on the command line, or the override in the Connect dialog.</source>
        <translation>Passez une chaîne littérale dans env.py, ou donnez la valeur à Revscope&#xa0;: %1 en ligne de commande, ou la valeur de remplacement dans la boîte de dialogue de connexion.</translation>
    </message>
    <message>
        <source>configure() receives keyword arguments through ** here; Revscope cannot see whether they set %1, and reads the version table with %2.</source>
        <translation>configure() reçoit ici des arguments nommés via **&#x202f;; Revscope ne peut pas voir s&apos;ils définissent %1, et lit la table de version avec %2.</translation>
    </message>
    <message>
        <source>If they set %1, give Revscope the same value (%2 on the command line).</source>
        <translation>S&apos;ils définissent %1, donnez la même valeur à Revscope (%2 en ligne de commande).</translation>
    </message>
    <message>
        <source>%1 calls configure() with different %2 values: %3 at line %4, %5 at line %6. Revscope reads %3, from the first call.</source>
        <translation>%1 appelle configure() avec des valeurs de %2 différentes&#xa0;: %3 à la ligne %4, %5 à la ligne %6. Revscope lit %3, issue du premier appel.</translation>
    </message>
    <message>
        <source>Make every configure() call pass the same %1, or give Revscope the one the online migration uses (%2 on the command line).</source>
        <translation>Faites passer le même %1 à chaque appel de configure(), ou donnez à Revscope celui qu&apos;utilise la migration «&#xa0;online&#xa0;» (%2 en ligne de commande).</translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <translation>ce n&apos;est pas un fichier ordinaire</translation>
    </message>
    <message>
        <source>it is larger than %1 MiB</source>
        <translation>il fait plus de %1 Mio</translation>
    </message>
    <message>
        <source>Revscope cannot read %1 (%2), so it reads the version table alembic_version, Alembic&apos;s default.</source>
        <translation>Revscope ne peut pas lire %1 (%2), donc il lit la table de version alembic_version, celle par défaut d&apos;Alembic.</translation>
    </message>
    <message>
        <source>Make env.py a readable file, or give Revscope the version table.</source>
        <translation>Rendez env.py lisible, ou indiquez la table de version à Revscope.</translation>
    </message>
    <message>
        <source>Python cannot read %1: %2.</source>
        <translation>Python ne peut pas lire %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Save env.py as text (UTF-8, or the encoding its coding line declares): Alembic cannot run any command until then.</source>
        <translation>Enregistrez env.py en texte (UTF-8, ou l&apos;encodage que déclare sa ligne coding)&#xa0;: d&apos;ici là, Alembic ne peut exécuter aucune commande.</translation>
    </message>
    <message>
        <source>Python cannot compile %1: %2. Alembic cannot run any command, and Revscope reads the version table alembic_version, Alembic&apos;s default.</source>
        <translation>Python ne peut pas compiler %1&#xa0;: %2. Alembic ne peut exécuter aucune commande, et Revscope lit la table de version alembic_version, celle par défaut d&apos;Alembic.</translation>
    </message>
    <message>
        <source>Fix the syntax error in env.py.</source>
        <translation>Corrigez l&apos;erreur de syntaxe dans env.py.</translation>
    </message>
</context>
<context>
    <name>FindingCatalog</name>
    <message>
        <source>A file or folder could not be read</source>
        <translation>Un fichier ou un dossier n&apos;a pas pu être lu</translation>
    </message>
    <message>
        <source>A migration script cannot be loaded</source>
        <translation>Un script de migration ne peut pas être chargé</translation>
    </message>
    <message>
        <source>Revision metadata is not a literal value</source>
        <translation>Les métadonnées de révision ne sont pas des valeurs littérales</translation>
    </message>
    <message>
        <source>File name disagrees with the revision id</source>
        <translation>Le nom du fichier ne correspond pas à l&apos;identifiant de révision</translation>
    </message>
    <message>
        <source>Docstring disagrees with the revision variables</source>
        <translation>La docstring ne correspond pas aux variables de révision</translation>
    </message>
    <message>
        <source>Revision id Alembic rejects</source>
        <translation>Identifiant de révision refusé par Alembic</translation>
    </message>
    <message>
        <source>Alembic configuration Alembic would refuse</source>
        <translation>Configuration qu&apos;Alembic refuserait</translation>
    </message>
    <message>
        <source>The script folder does not exist</source>
        <translation>Le dossier des scripts n&apos;existe pas</translation>
    </message>
    <message>
        <source>A down_revision names a revision defined nowhere</source>
        <translation>Un down_revision désigne une révision définie nulle part</translation>
    </message>
    <message>
        <source>A depends_on names a revision defined nowhere</source>
        <translation>Un depends_on désigne une révision définie nulle part</translation>
    </message>
    <message>
        <source>Two scripts define the same revision</source>
        <translation>Deux scripts définissent la même révision</translation>
    </message>
    <message>
        <source>Revisions depend on each other in a cycle</source>
        <translation>Des révisions dépendent les unes des autres en cycle</translation>
    </message>
    <message>
        <source>A branch label Alembic rejects</source>
        <translation>Étiquette de branche refusée par Alembic</translation>
    </message>
    <message>
        <source>More than one head</source>
        <translation>Plus d&apos;une tête</translation>
    </message>
    <message>
        <source>More than one base</source>
        <translation>Plus d&apos;une base</translation>
    </message>
    <message>
        <source>Bytecode without a source file</source>
        <translation>Bytecode sans fichier source</translation>
    </message>
    <message>
        <source>A revision defined only by bytecode</source>
        <translation>Révision définie uniquement par du bytecode</translation>
    </message>
    <message>
        <source>Bytecode older than its source</source>
        <translation>Bytecode plus ancien que sa source</translation>
    </message>
    <message>
        <source>Bytecode that cannot be read</source>
        <translation>Bytecode illisible</translation>
    </message>
    <message>
        <source>The database could not be reached</source>
        <translation>La base de données n&apos;a pas pu être jointe</translation>
    </message>
    <message>
        <source>The database has no version table</source>
        <translation>La base de données n&apos;a pas de table de version</translation>
    </message>
    <message>
        <source>The database is stamped at an unknown revision</source>
        <translation>La base de données est estampillée à une révision inconnue</translation>
    </message>
    <message>
        <source>Version rows where one descends from another</source>
        <translation>Lignes de version dont l&apos;une descend d&apos;une autre</translation>
    </message>
    <message>
        <source>Migrations not yet applied to the database</source>
        <translation>Migrations pas encore appliquées à la base de données</translation>
    </message>
    <message>
        <source>env.py names its version table in a way Revscope cannot read</source>
        <translation>env.py désigne sa table de version d&apos;une manière que Revscope ne sait pas lire</translation>
    </message>
    <message>
        <source>env.py configures different version tables</source>
        <translation>env.py configure des tables de version différentes</translation>
    </message>
    <message>
        <source>A released migration was edited</source>
        <translation>Une migration publiée a été modifiée</translation>
    </message>
    <message>
        <source>A released migration was removed</source>
        <translation>Une migration publiée a été supprimée</translation>
    </message>
    <message>
        <source>A squash removed a head nothing replaces</source>
        <translation>Un squash a supprimé une tête que rien ne remplace</translation>
    </message>
    <message>
        <source>A head before the squash has no counterpart</source>
        <translation>Une tête d&apos;avant le squash n&apos;a pas d&apos;équivalent</translation>
    </message>
    <message>
        <source>A head after the squash corresponds to none before</source>
        <translation>Une tête d&apos;après le squash ne correspond à aucune tête d&apos;avant</translation>
    </message>
    <message>
        <source>A script still names a revision the squash removed</source>
        <translation>Un script désigne encore une révision supprimée par le squash</translation>
    </message>
    <message>
        <source>Bytecode still defines a revision the squash removed</source>
        <translation>Du bytecode définit encore une révision supprimée par le squash</translation>
    </message>
    <message>
        <source>The image lacks the Alembic configuration</source>
        <translation>L&apos;image ne contient pas la configuration Alembic</translation>
    </message>
    <message>
        <source>The image lacks migration scripts</source>
        <translation>L&apos;image ne contient pas les scripts de migration</translation>
    </message>
    <message>
        <source>Bytecode is copied into the image</source>
        <translation>Du bytecode est copié dans l&apos;image</translation>
    </message>
    <message>
        <source>A compose volume hides what the image contains</source>
        <translation>Un volume compose masque le contenu de l&apos;image</translation>
    </message>
    <message>
        <source>.dockerignore does not exclude bytecode</source>
        <translation>.dockerignore n&apos;exclut pas le bytecode</translation>
    </message>
    <message>
        <source>A Dockerfile Docker would refuse</source>
        <translation>Un Dockerfile que Docker refuserait</translation>
    </message>
    <message>
        <source>A compose file Docker Compose would refuse</source>
        <translation>Un fichier compose que Docker Compose refuserait</translation>
    </message>
    <message>
        <source>A .dockerignore pattern Docker rejects</source>
        <translation>Un motif .dockerignore rejeté par Docker</translation>
    </message>
    <message>
        <source>An archive ADD would unpack cannot be read</source>
        <translation>Une archive qu&apos;ADD décompresserait ne peut pas être lue</translation>
    </message>
    <message>
        <source>The image build would fail</source>
        <translation>La construction de l&apos;image échouerait</translation>
    </message>
    <message>
        <source>The database is stamped at a revision the squash removed</source>
        <translation>La base de données est estampillée à une révision supprimée par le squash</translation>
    </message>
</context>
<context>
    <name>FindingHelp</name>
    <message>
        <source>Revscope could not open a file or folder it needs: a migration script, an Alembic config, a Dockerfile, a compose file, an ignore file or a folder of the build context. Alembic imports every script of the versions folder before any command, so one script it cannot read stops every command, not only the one migration; Docker likewise refuses to send a build context holding a file it cannot read.</source>
        <translation>Revscope n&apos;a pas pu ouvrir un fichier ou un dossier dont il a besoin&#xa0;: un script de migration, une configuration Alembic, un Dockerfile, un fichier compose, un fichier d&apos;exclusion ou un dossier du contexte de build. Alembic importe chaque script du dossier versions avant toute commande, si bien qu&apos;un seul script illisible bloque toutes les commandes, et pas seulement cette migration&#x202f;; de même, Docker refuse d&apos;envoyer un contexte de build contenant un fichier qu&apos;il ne peut pas lire.</translation>
    </message>
    <message>
        <source>A developer on a logistics team generated a migration inside the api container, which ran as root on a bind mount. The new `4c2d9e1f0a7b_add_orders.py` landed on the shared staging host owned by root with mode 0600. The deploy user&apos;s next `alembic upgrade head` stopped with `PermissionError: [Errno 13] Permission denied: &apos;/srv/app/alembic/versions/4c2d9e1f0a7b_add_orders.py&apos;`, and `docker compose build` failed on the same file with `error from sender: open alembic/versions/4c2d9e1f0a7b_add_orders.py: permission denied`.</source>
        <translation>Dans une équipe logistique, un développeur a généré une migration dans le conteneur api, qui tournait en root sur un montage bind. Le nouveau fichier `4c2d9e1f0a7b_add_orders.py` est arrivé sur l&apos;hôte de préproduction partagé, avec root pour propriétaire et le mode 0600. Le `alembic upgrade head` suivant de l&apos;utilisateur de déploiement s&apos;est arrêté sur `PermissionError: [Errno 13] Permission denied: &apos;/srv/app/alembic/versions/4c2d9e1f0a7b_add_orders.py&apos;`, et `docker compose build` a échoué sur le même fichier avec `error from sender: open alembic/versions/4c2d9e1f0a7b_add_orders.py: permission denied`.</translation>
    </message>
    <message>
        <source>Read the finding&apos;s message: it names the file and the reason the system gave.
Give the file back to the right user and make it readable, e.g. `sudo chown $USER: FILE` and `chmod 644 FILE`.
Run containers that write into bind mounts as your own user (`docker run --user $(id -u):$(id -g)`, or `user:` in compose) so they stop creating root-owned files.
Reload the project (or run `revscope check` again).</source>
        <translation>Lisez le message du constat&#xa0;: il nomme le fichier et la raison donnée par le système.
Rendez le fichier au bon utilisateur et rendez-le lisible, par exemple `sudo chown $USER: FILE` et `chmod 644 FILE`.
Exécutez les conteneurs qui écrivent dans des montages bind sous votre propre utilisateur (`docker run --user $(id -u):$(id -g)`, ou `user:` dans compose) pour qu&apos;ils cessent de créer des fichiers appartenant à root.
Rechargez le projet (ou relancez `revscope check`).</translation>
    </message>
    <message>
        <source>Python cannot read or compile a migration script (or env.py): a syntax error, an encoding it cannot decode, or a script without the module-level `revision` and `down_revision` Alembic needs. Alembic imports every script of the versions folder to build the revision graph, so one broken file makes every command fail (`upgrade`, `downgrade`, `current`, `history`), even commands about other revisions.</source>
        <translation>Python ne parvient pas à lire ou à compiler un script de migration (ou env.py)&#xa0;: une erreur de syntaxe, un encodage qu&apos;il ne sait pas décoder, ou un script sans les variables de module `revision` et `down_revision` dont Alembic a besoin. Alembic importe chaque script du dossier versions pour construire le graphe des révisions, si bien qu&apos;un seul fichier cassé fait échouer toutes les commandes (`upgrade`, `downgrade`, `current`, `history`), même celles qui concernent d&apos;autres révisions.</translation>
    </message>
    <message>
        <source>Two developers on a payments team changed the same migration on different branches, and a rebase left conflict markers in it. The diff view folded the conflicting block, so the review looked clean. On deploy the release job stopped before migrating anything, with `SyntaxError: invalid syntax` pointing at `&lt;&lt;&lt;&lt;&lt;&lt;&lt; HEAD` in `7e1b0c9d2a44_add_refunds.py`. Because Alembic imports every script, even the rollback, `alembic downgrade -1`, failed the same way.</source>
        <translation>Deux développeurs d&apos;une équipe paiements ont modifié la même migration sur des branches différentes, et un rebase y a laissé des marqueurs de conflit. La vue des différences avait replié le bloc en conflit, si bien que la relecture semblait propre. Au déploiement, le job de mise en production s&apos;est arrêté avant de migrer quoi que ce soit, avec `SyntaxError: invalid syntax` pointant sur `&lt;&lt;&lt;&lt;&lt;&lt;&lt; HEAD` dans `7e1b0c9d2a44_add_refunds.py`. Comme Alembic importe chaque script, même le retour arrière, `alembic downgrade -1`, a échoué de la même façon.</translation>
    </message>
    <message>
        <source>Open the file at the line the finding names and fix the syntax error or the conflict markers; `python -m py_compile FILE` confirms that it compiles.
If the file is not text (saved as UTF-16, or binary), restore it from version control as UTF-8, or with the encoding its coding line declares.
Keep `revision = &quot;...&quot;` and `down_revision = ...` as plain assignments at module level.
Run `revscope check` in CI before building images: it exits with 1 on errors.</source>
        <translation>Ouvrez le fichier à la ligne indiquée par le constat et corrigez l&apos;erreur de syntaxe ou les marqueurs de conflit&#x202f;; `python -m py_compile FILE` confirme qu&apos;il se compile.
Si le fichier n&apos;est pas du texte (enregistré en UTF-16, ou binaire), restaurez-le depuis le gestionnaire de versions en UTF-8, ou dans l&apos;encodage que déclare sa ligne coding.
Gardez `revision = &quot;...&quot;` et `down_revision = ...` sous forme de simples affectations au niveau du module.
Lancez `revscope check` en CI avant de construire les images&#xa0;: il quitte avec le code 1 en cas d&apos;erreur.</translation>
    </message>
    <message>
        <source>Revscope reads `revision`, `down_revision`, `branch_labels` and `depends_on` without running Python, so it needs them as literals: a string, a tuple of strings, or None. Here one is computed (a name, a call, an f-string) or assigned inside an `if` or `try` block. Alembic runs the script and uses whatever value comes out; Revscope cannot know it, so its graph may lack an edge Alembic sees. Values computed from the environment or from other modules can also give different graphs on different machines.</source>
        <translation>Revscope lit `revision`, `down_revision`, `branch_labels` et `depends_on` sans exécuter Python&#x202f;; il a donc besoin de valeurs littérales&#xa0;: une chaîne, un tuple de chaînes, ou None. Ici, l&apos;une d&apos;elles est calculée (un nom, un appel, une f-string) ou affectée dans un bloc `if` ou `try`. Alembic exécute le script et utilise la valeur qui en sort&#x202f;; Revscope ne peut pas la connaître, si bien qu&apos;il peut manquer à son graphe une arête qu&apos;Alembic voit. Des valeurs calculées à partir de l&apos;environnement ou d&apos;autres modules peuvent aussi donner des graphes différents selon les machines.</translation>
    </message>
    <message>
        <source>A data team wanted to end merge conflicts in migrations and wrote `down_revision = REVISIONS[-1]`, with the list kept in a shared module. Each branch computed the parent from its own copy of the list. When two feature branches merged, both new migrations named the same parent, and the deploy stopped with `Multiple head revisions are present for given argument &apos;head&apos;`. No reviewer could have seen it: the scripts only said `REVISIONS[-1]`.</source>
        <translation>Une équipe data voulait en finir avec les conflits de fusion dans les migrations et a écrit `down_revision = REVISIONS[-1]`, la liste étant tenue dans un module partagé. Chaque branche calculait le parent à partir de sa propre copie de la liste. Quand deux branches de fonctionnalité ont été fusionnées, les deux nouvelles migrations désignaient le même parent, et le déploiement s&apos;est arrêté avec `Multiple head revisions are present for given argument &apos;head&apos;`. Aucun relecteur n&apos;aurait pu le voir&#xa0;: les scripts disaient seulement `REVISIONS[-1]`.</translation>
    </message>
    <message>
        <source>Write the value as a literal in the script: `down_revision = &quot;a2242b61af45&quot;`, `branch_labels = (&quot;reporting&quot;,)`, `depends_on = None`.
Move the assignments out of `if` and `try` blocks to module level.
If the values were computed to avoid merge conflicts, let two heads happen and join them with `alembic merge heads -m &quot;merge heads&quot;` instead.</source>
        <translation>Écrivez la valeur sous forme littérale dans le script&#xa0;: `down_revision = &quot;a2242b61af45&quot;`, `branch_labels = (&quot;reporting&quot;,)`, `depends_on = None`.
Sortez les affectations des blocs `if` et `try` pour les placer au niveau du module.
Si les valeurs étaient calculées pour éviter les conflits de fusion, laissez plutôt apparaître deux têtes et réunissez-les avec `alembic merge heads -m &quot;merge heads&quot;`.</translation>
    </message>
    <message>
        <source>The file name does not match what `file_template` in the Alembic config gives for this revision (by default `&lt;revision&gt;_&lt;slug&gt;.py`). Alembic ignores file names and takes the id from the `revision` variable, so nothing breaks by itself. But people and scripts go by the name: a search for an id finds the wrong file, and a name that still carries another id usually means the whole script was copied from that revision.</source>
        <translation>Le nom du fichier ne correspond pas à ce que `file_template` donne pour cette révision dans la configuration Alembic (par défaut `&lt;revision&gt;_&lt;slug&gt;.py`). Alembic ignore les noms de fichier et prend l&apos;identifiant dans la variable `revision`, donc rien ne casse de soi-même. Mais les personnes et les scripts se fient au nom&#xa0;: une recherche d&apos;identifiant trouve le mauvais fichier, et un nom qui porte encore un autre identifiant signifie en général que tout le script a été copié depuis cette révision-là.</translation>
    </message>
    <message>
        <source>Before a squash, an engineer deleted the scripts of the squashed revisions by name, with `git rm versions/3f1a9c2e7d40_*`. One of those files had been copied as a template months earlier: its name still said 3f1a9c2e7d40, but it defined `revision = &quot;7b2e0d5c9a18&quot;`, a revision after the squash point. The next `alembic upgrade head` stopped with `KeyError: &apos;7b2e0d5c9a18&apos;`, raised for the later script that named it as its parent.</source>
        <translation>Avant un squash, un ingénieur a supprimé par leur nom les scripts des révisions absorbées par le squash, avec `git rm versions/3f1a9c2e7d40_*`. L&apos;un de ces fichiers avait servi de modèle des mois plus tôt&#xa0;: son nom disait encore 3f1a9c2e7d40, mais il définissait `revision = &quot;7b2e0d5c9a18&quot;`, une révision postérieure au point du squash. Le `alembic upgrade head` suivant s&apos;est arrêté avec `KeyError: &apos;7b2e0d5c9a18&apos;`, levée pour le script ultérieur qui la désignait comme parent.</translation>
    </message>
    <message>
        <source>Rename the file to the name the finding suggests, with `git mv` so history follows.
If the file was copied from another script, check that its `revision` is new and that `down_revision` names the revision it really follows.
Renaming is safe for databases already at this revision: they store the id, not the file name.</source>
        <translation>Renommez le fichier comme le suggère le constat, avec `git mv` pour que l&apos;historique suive.
Si le fichier a été copié depuis un autre script, vérifiez que sa `revision` est nouvelle et que `down_revision` désigne la révision qu&apos;il suit réellement.
Le renommage est sans danger pour les bases de données déjà à cette révision&#xa0;: elles stockent l&apos;identifiant, pas le nom du fichier.</translation>
    </message>
    <message>
        <source>The docstring&apos;s `Revision ID:` or `Revises:` line disagrees with the `revision` or `down_revision` variable. Alembic uses only the variables; the docstring is what people read in reviews, and `alembic history --verbose` prints it under the real values. When they disagree, one of them is wrong, and a review can approve the wrong one.</source>
        <translation>La ligne `Revision ID:` ou `Revises:` de la docstring contredit la variable `revision` ou `down_revision`. Alembic n&apos;utilise que les variables&#x202f;; la docstring est ce que les gens lisent en relecture, et `alembic history --verbose` l&apos;affiche sous les vraies valeurs. Quand elles divergent, l&apos;une des deux est fausse, et une relecture peut approuver la mauvaise.</translation>
    </message>
    <message>
        <source>A developer rebased a migration onto a teammate&apos;s newer one and changed the docstring&apos;s `Revises:` line to `8e4f2b6a1c03`, but not the `down_revision` variable. The reviewer read the docstring and approved a straight line of history. Alembic read the variable, which still named the old parent, so the branch now had two heads, and the deploy stopped with `Multiple head revisions are present for given argument &apos;head&apos;`.</source>
        <translation>Un développeur a rebasé une migration sur une migration plus récente d&apos;un collègue et a changé la ligne `Revises:` de la docstring en `8e4f2b6a1c03`, mais pas la variable `down_revision`. Le relecteur a lu la docstring et approuvé un historique en ligne droite. Alembic a lu la variable, qui désignait toujours l&apos;ancien parent&#xa0;: la branche avait désormais deux têtes, et le déploiement s&apos;est arrêté avec `Multiple head revisions are present for given argument &apos;head&apos;`.</translation>
    </message>
    <message>
        <source>Decide which value is right; Alembic uses the variable.
If the docstring had the intended value, correct `down_revision` (or `revision`); otherwise make the docstring&apos;s lines match the variables.
Run `revscope check` again: a wrong variable often shows up next as multiple-heads.</source>
        <translation>Décidez quelle valeur est la bonne&#x202f;; Alembic utilise la variable.
Si la docstring portait la valeur voulue, corrigez `down_revision` (ou `revision`)&#x202f;; sinon, alignez les lignes de la docstring sur les variables.
Relancez `revscope check`&#xa0;: une variable fausse réapparaît souvent ensuite sous le code multiple-heads.</translation>
    </message>
    <message>
        <source>A revision identifier Alembic rejects: it contains `@`, `-` or `+` (Alembic reserves them for `branch@head` and relative steps like `-1` or `+2`), it is empty, or it is not a string. Entries of `down_revision` and `depends_on` that are not strings get this code too. Alembic raises the error while loading the scripts, so no command runs.</source>
        <translation>Un identifiant de révision qu&apos;Alembic refuse&#xa0;: il contient `@`, `-` ou `+` (Alembic les réserve à `branch@head` et aux pas relatifs comme `-1` ou `+2`), il est vide, ou ce n&apos;est pas une chaîne. Les entrées de `down_revision` et de `depends_on` qui ne sont pas des chaînes reçoivent aussi ce code. Alembic lève l&apos;erreur en chargeant les scripts, donc aucune commande ne s&apos;exécute.</translation>
    </message>
    <message>
        <source>A team started naming revisions by hand to make them readable, beginning with `revision = &quot;2024-03-add-users&quot;`. Until then every id had come from `alembic revision`, so nobody knew the rule. From that commit on, every command failed with `Character(s) &apos;-&apos; not allowed in revision identifier &apos;2024-03-add-users&apos;`, including `alembic current` in the production health check, which paged the on-call engineer at night.</source>
        <translation>Une équipe a commencé à nommer ses révisions à la main pour les rendre lisibles, en commençant par `revision = &quot;2024-03-add-users&quot;`. Jusque-là, chaque identifiant venait de `alembic revision`, donc personne ne connaissait la règle. À partir de ce commit, chaque commande a échoué avec `Character(s) &apos;-&apos; not allowed in revision identifier &apos;2024-03-add-users&apos;`, y compris `alembic current` dans le contrôle de santé de la production, qui a réveillé l&apos;ingénieur d&apos;astreinte en pleine nuit.</translation>
    </message>
    <message>
        <source>Use ids of letters, digits and underscores only; `alembic revision` generates 12 hex digits.
Change the id in the script and in every `down_revision` and `depends_on` that names it; `revscope check` lists the ones you missed as missing-parent.
Rename the file to match the new id.</source>
        <translation>N&apos;utilisez dans les identifiants que des lettres, des chiffres et des tirets bas&#x202f;; `alembic revision` génère 12 chiffres hexadécimaux.
Changez l&apos;identifiant dans le script et dans chaque `down_revision` et `depends_on` qui le désigne&#x202f;; `revscope check` signale ceux que vous avez oubliés sous le code missing-parent.
Renommez le fichier pour qu&apos;il corresponde au nouvel identifiant.</translation>
    </message>
    <message>
        <source>Alembic would stop on, or silently misread, its configuration: alembic.ini or `[tool.alembic]` in pyproject.toml. Examples: no `[alembic]` section, no `script_location`, a `%` that configparser&apos;s interpolation rejects, `sourceless = True` (Alembic accepts only the lowercase word `true`), an unknown path separator, a version location that does not exist. Errors in Revscope&apos;s own lock file, revscope.lock, are reported under this code as well.</source>
        <translation>Alembic s&apos;arrêterait sur sa configuration, ou la lirait de travers sans rien dire&#xa0;: alembic.ini ou `[tool.alembic]` dans pyproject.toml. Exemples&#xa0;: pas de section `[alembic]`, pas de `script_location`, un `%` que l&apos;interpolation de configparser refuse, `sourceless = True` (Alembic n&apos;accepte que le mot `true` en minuscules), un séparateur de chemins inconnu, un emplacement de versions qui n&apos;existe pas. Les erreurs du fichier de verrouillage de Revscope, revscope.lock, sont aussi signalées sous ce code.</translation>
    </message>
    <message>
        <source>A team moved its database URL into alembic.ini with the password URL-encoded: `sqlalchemy.url = postgresql://app:p%40ss@db/app`. Every Alembic command then died before connecting, with `configparser.InterpolationSyntaxError: &apos;%&apos; must be followed by &apos;%&apos; or &apos;(&apos;, found: &apos;%40ss@db/app&apos;`. Alembic reads the ini with Python&apos;s configparser, which takes `%` as the start of `%(name)s`. The fix was one character: `p%%40ss`.</source>
        <translation>Une équipe a déplacé l&apos;URL de sa base de données dans alembic.ini, avec le mot de passe encodé pour l&apos;URL&#xa0;: `sqlalchemy.url = postgresql://app:p%40ss@db/app`. Dès lors, chaque commande Alembic mourait avant de se connecter, avec `configparser.InterpolationSyntaxError: &apos;%&apos; must be followed by &apos;%&apos; or &apos;(&apos;, found: &apos;%40ss@db/app&apos;`. Alembic lit le fichier ini avec le configparser de Python, qui prend `%` pour le début de `%(name)s`. La correction tenait en un caractère&#xa0;: `p%%40ss`.</translation>
    </message>
    <message>
        <source>Read the message: it quotes the error Alembic would give and names the line.
In alembic.ini, write a literal `%` as `%%`; refer to other options as `%(name)s` and to the ini&apos;s folder as `%(here)s`.
Set `script_location` in the `[alembic]` section (or in `[tool.alembic]`), and write booleans as `true` or `false`.
Check the result with `alembic -c FILE heads` or `revscope check --config FILE`.</source>
        <translation>Lisez le message&#xa0;: il cite l&apos;erreur que donnerait Alembic et nomme la ligne.
Dans alembic.ini, écrivez un `%` littéral sous la forme `%%`&#x202f;; désignez les autres options par `%(name)s` et le dossier du fichier ini par `%(here)s`.
Définissez `script_location` dans la section `[alembic]` (ou dans `[tool.alembic]`), et écrivez les booléens `true` ou `false`.
Vérifiez le résultat avec `alembic -c FILE heads` ou `revscope check --config FILE`.</translation>
    </message>
    <message>
        <source>The folder `script_location` names does not exist, or is a file. Alembic resolves a relative `script_location` against the folder it is run from, not against the config&apos;s folder, so one config can work from one folder and fail from another. Alembic stops with `Path doesn&apos;t exist`.</source>
        <translation>Le dossier que désigne `script_location` n&apos;existe pas, ou c&apos;est un fichier. Alembic résout un `script_location` relatif par rapport au dossier depuis lequel il est lancé, et non par rapport au dossier de la configuration&#x202f;; une même configuration peut donc fonctionner depuis un dossier et échouer depuis un autre. Alembic s&apos;arrête avec `Path doesn&apos;t exist`.</translation>
    </message>
    <message>
        <source>A CI job ran `alembic -c backend/alembic.ini upgrade head` from the repository root. The ini said `script_location = alembic`, which worked for every developer because they ran Alembic from inside `backend/`. In CI it looked for `./alembic` at the root and stopped with `FAILED: Path doesn&apos;t exist: &apos;/builds/shop/alembic&apos;.  Please use the &apos;init&apos; command to create a new scripts folder.` The job had passed for months, until a cleanup removed its `cd backend`.</source>
        <translation>Un job de CI lançait `alembic -c backend/alembic.ini upgrade head` depuis la racine du dépôt. Le fichier ini indiquait `script_location = alembic`, ce qui fonctionnait pour tous les développeurs, car ils lançaient Alembic depuis `backend/`. En CI, il cherchait `./alembic` à la racine et s&apos;arrêtait avec `FAILED: Path doesn&apos;t exist: &apos;/builds/shop/alembic&apos;.  Please use the &apos;init&apos; command to create a new scripts folder.` Le job passait depuis des mois, jusqu&apos;à ce qu&apos;un nettoyage retire son `cd backend`.</translation>
    </message>
    <message>
        <source>Anchor the path to the config: `script_location = %(here)s/alembic`.
Or use the package form, `script_location = myapp:migrations`, when the migrations ship inside a Python package.
In a Docker image, check that the folder is copied where the config expects it: `revscope image` shows where every file lands.</source>
        <translation>Ancrez le chemin à la configuration&#xa0;: `script_location = %(here)s/alembic`.
Ou utilisez la forme paquet, `script_location = myapp:migrations`, quand les migrations sont livrées dans un paquet Python.
Dans une image Docker, vérifiez que le dossier est copié là où la configuration l&apos;attend&#xa0;: `revscope image` montre où arrive chaque fichier.</translation>
    </message>
    <message>
        <source>A script&apos;s `down_revision` names a revision that no script Alembic loads defines. Alembic builds the whole graph before any command, so it warns `Revision X referenced from Y is not present` and stops with `KeyError: &apos;X&apos;`. Usually the parent was deleted (by a squash, or a reverted branch) or only its bytecode is left. Revscope draws the missing revision as a ghost node.</source>
        <translation>Le `down_revision` d&apos;un script désigne une révision qu&apos;aucun script chargé par Alembic ne définit. Alembic construit le graphe entier avant toute commande&#x202f;; il avertit donc `Revision X referenced from Y is not present` puis s&apos;arrête avec `KeyError: &apos;X&apos;`. En général, le parent a été supprimé (par un squash, ou par le revert d&apos;une branche), ou seul son bytecode subsiste. Revscope dessine la révision manquante sous la forme d&apos;un nœud fantôme.</translation>
    </message>
    <message>
        <source>An API team squashed its migrations into `b891cb8863b5_initial_squashed_migration.py` on main. A feature branch cut a week earlier carried `c7d2e4f1a9b0_add_webhooks.py` with `down_revision = &apos;a2242b61af45&apos;`, one of the squashed revisions. Git saw no conflict and the branch merged; the next deploy stopped with `KeyError: &apos;a2242b61af45&apos;` before running a single migration.</source>
        <translation>Une équipe API a réuni ses migrations par un squash dans `b891cb8863b5_initial_squashed_migration.py` sur main. Une branche de fonctionnalité créée une semaine plus tôt apportait `c7d2e4f1a9b0_add_webhooks.py` avec `down_revision = &apos;a2242b61af45&apos;`, l&apos;une des révisions absorbées par le squash. Git n&apos;a vu aucun conflit et la branche a été fusionnée&#x202f;; le déploiement suivant s&apos;est arrêté avec `KeyError: &apos;a2242b61af45&apos;` avant d&apos;exécuter la moindre migration.</translation>
    </message>
    <message>
        <source>If a squash removed the parent, point `down_revision` at the revision that replaced it; `revscope diff --from &lt;tag before the squash&gt; --to HEAD` shows the mapping.
If the parent&apos;s script was deleted by mistake, restore it from version control (`git log --diff-filter=D --name-only` finds the commit).
If only the parent&apos;s bytecode is left, restore its source rather than turning on `sourceless`.
Run `revscope check` in CI: branches cut before a squash are the usual source.</source>
        <translation>Si un squash a supprimé le parent, faites pointer `down_revision` vers la révision qui l&apos;a remplacé&#x202f;; `revscope diff --from &lt;tag before the squash&gt; --to HEAD` montre la correspondance.
Si le script du parent a été supprimé par erreur, restaurez-le depuis le gestionnaire de versions (`git log --diff-filter=D --name-only` trouve le commit).
S&apos;il ne reste que le bytecode du parent, restaurez sa source plutôt que d&apos;activer `sourceless`.
Lancez `revscope check` en CI&#xa0;: les branches créées avant un squash en sont la cause habituelle.</translation>
    </message>
    <message>
        <source>A `depends_on` entry names neither a revision nor a branch label that Alembic loads. Alembic resolves `depends_on` while building the graph and stops with a `KeyError` naming the entry. Unlike `down_revision`, `depends_on` accepts branch labels, so a renamed label breaks it too.</source>
        <translation>Une entrée de `depends_on` ne désigne ni une révision ni une étiquette de branche chargée par Alembic. Alembic résout `depends_on` en construisant le graphe et s&apos;arrête avec une `KeyError` nommant l&apos;entrée. Contrairement à `down_revision`, `depends_on` accepte les étiquettes de branche&#xa0;: renommer une étiquette le casse donc aussi.</translation>
    </message>
    <message>
        <source>A reporting service kept its migrations on a branch labelled `reporting`, and one of its scripts said `depends_on = &quot;billing&quot;` to wait for the billing tables. When the billing team renamed their label to `payments`, their own pipeline stayed green. The next reporting deploy stopped with `KeyError: &apos;billing&apos;` while Alembic was still loading the scripts.</source>
        <translation>Un service de reporting gardait ses migrations sur une branche étiquetée `reporting`, et l&apos;un de ses scripts indiquait `depends_on = &quot;billing&quot;` pour attendre les tables de facturation. Quand l&apos;équipe facturation a renommé son étiquette en `payments`, son propre pipeline est resté vert. Le déploiement suivant du reporting s&apos;est arrêté avec `KeyError: &apos;billing&apos;` alors qu&apos;Alembic chargeait encore les scripts.</translation>
    </message>
    <message>
        <source>Change the entry to an existing revision id or branch label.
Or remove it, if the dependency is no longer needed or is already an ancestor through `down_revision`.
When you rename a branch label, search every `depends_on` and every `label@head` for the old name.</source>
        <translation>Remplacez l&apos;entrée par un identifiant de révision ou une étiquette de branche existant.
Ou supprimez-la, si la dépendance n&apos;est plus nécessaire ou si c&apos;est déjà un ancêtre via `down_revision`.
Quand vous renommez une étiquette de branche, cherchez l&apos;ancien nom dans chaque `depends_on` et chaque `label@head`.</translation>
    </message>
    <message>
        <source>Two script files define the same `revision` id. Alembic warns `Revision X is present more than once` and keeps only the one it loads last; the other is silently ignored. Alembic 1.8 loads files in the order the file system lists them, which differs between machines, so a laptop and a container can pick different files.</source>
        <translation>Deux fichiers de script définissent le même identifiant `revision`. Alembic avertit `Revision X is present more than once` et ne garde que celui qu&apos;il charge en dernier&#x202f;; l&apos;autre est ignoré sans bruit. Alembic 1.8 charge les fichiers dans l&apos;ordre où le système de fichiers les liste, qui diffère d&apos;une machine à l&apos;autre&#xa0;: un portable et un conteneur peuvent donc retenir des fichiers différents.</translation>
    </message>
    <message>
        <source>A developer copied `3c1e9a0b7d21_add_invoices.py` as a template for a new migration, rewrote `upgrade()`, and forgot to change `revision`. On the laptop Alembic picked the new copy and the tests passed; in the image, where the files were listed in another order, it picked the original, and the new column was never created. The `UserWarning: Revision 3c1e9a0b7d21 is present more than once` scrolled by in the logs until requests failed with `column invoices.due_date does not exist`.</source>
        <translation>Un développeur a copié `3c1e9a0b7d21_add_invoices.py` comme modèle pour une nouvelle migration, réécrit `upgrade()`, et oublié de changer `revision`. Sur son portable, Alembic a retenu la nouvelle copie et les tests sont passés&#x202f;; dans l&apos;image, où les fichiers étaient listés dans un autre ordre, il a retenu l&apos;original, et la nouvelle colonne n&apos;a jamais été créée. Le `UserWarning: Revision 3c1e9a0b7d21 is present more than once` a défilé dans les logs jusqu&apos;à ce que des requêtes échouent avec `column invoices.due_date does not exist`.</translation>
    </message>
    <message>
        <source>Decide which file is the real revision; give the other a new id (12 new hex digits, as `alembic revision` makes) and rename its file to match.
Set the new revision&apos;s `down_revision` to the revision it follows, and update the scripts that follow it.
If both versions already ran somewhere, write a new migration for the difference rather than editing either.</source>
        <translation>Décidez quel fichier est la vraie révision&#x202f;; donnez à l&apos;autre un nouvel identifiant (12 nouveaux chiffres hexadécimaux, comme ceux que produit `alembic revision`) et renommez son fichier en conséquence.
Faites pointer le `down_revision` de la nouvelle révision vers la révision qu&apos;elle suit, et mettez à jour les scripts qui la suivent.
Si les deux versions ont déjà été exécutées quelque part, écrivez une nouvelle migration pour la différence plutôt que de modifier l&apos;une ou l&apos;autre.</translation>
    </message>
    <message>
        <source>Revisions form a loop through `down_revision` (or `depends_on`): following the parents never reaches a base. Alembic detects most loops while loading and refuses to run anything (`Cycle is detected in revisions (...)`, `Self-loop is detected in revisions (...)`); a few loops through `depends_on` it misses, and then upgrades in an order that breaks the dependency.</source>
        <translation>Des révisions forment une boucle via `down_revision` (ou `depends_on`)&#xa0;: en suivant les parents, on n&apos;atteint jamais de base. Alembic détecte la plupart des boucles au chargement et refuse alors de rien exécuter (`Cycle is detected in revisions (...)`, `Self-loop is detected in revisions (...)`)&#x202f;; il en manque quelques-unes qui passent par `depends_on`, et applique alors les migrations dans un ordre qui rompt la dépendance.</translation>
    </message>
    <message>
        <source>Resolving a merge conflict between two migrations, a developer set the older one&apos;s `down_revision` to the newer one, believing the arrows pointed the other way. Now each script named the other as its parent. `alembic upgrade head` failed at once with `Cycle is detected in revisions (5e2a7c1d9f03, 9b7c4e0a2d16)`, and so did `alembic downgrade`, so there was no way back through Alembic until the scripts were fixed.</source>
        <translation>En résolvant un conflit de fusion entre deux migrations, un développeur a fait pointer le `down_revision` de la plus ancienne vers la plus récente, croyant que les flèches allaient dans l&apos;autre sens. Chaque script désignait désormais l&apos;autre comme parent. `alembic upgrade head` a échoué aussitôt avec `Cycle is detected in revisions (5e2a7c1d9f03, 9b7c4e0a2d16)`, tout comme `alembic downgrade`&#xa0;: impossible de revenir en arrière par Alembic tant que les scripts n&apos;étaient pas corrigés.</translation>
    </message>
    <message>
        <source>Decide which revision really comes first and point its `down_revision` back at the revision before the loop.
A self-loop (`down_revision` equal to `revision`) usually comes from a copied script: give it its real parent.
For a loop through `depends_on`, remove the entry that points at a newer revision.</source>
        <translation>Décidez quelle révision vient réellement en premier et faites pointer son `down_revision` vers la révision qui précède la boucle.
Une boucle sur elle-même (`down_revision` égal à `revision`) vient généralement d&apos;un script copié&#xa0;: donnez-lui son vrai parent.
Pour une boucle via `depends_on`, supprimez l&apos;entrée qui pointe vers une révision plus récente.</translation>
    </message>
    <message>
        <source>A branch label Alembic rejects: one label on two revisions, a label given twice, or a label equal to a revision id. Labels and revision ids share one name space, so Alembic stops loading with `Branch name &apos;X&apos; in revision A already used by revision B`.</source>
        <translation>Une étiquette de branche qu&apos;Alembic refuse&#xa0;: une même étiquette sur deux révisions, une étiquette donnée deux fois, ou une étiquette égale à un identifiant de révision. Étiquettes et identifiants de révision partagent un même espace de noms, donc Alembic arrête le chargement avec `Branch name &apos;X&apos; in revision A already used by revision B`.</translation>
    </message>
    <message>
        <source>Two teams each started an independent migration branch with `alembic revision --head=base --branch-label=analytics`, and both chose `analytics`. Each worked fine alone. When the migrations were combined in one repository, every Alembic command stopped with `Branch name &apos;analytics&apos; in revision 0d4e8b2c6f17 already used by revision 7a91c3e5d2b8`.</source>
        <translation>Deux équipes ont chacune lancé une branche de migrations indépendante avec `alembic revision --head=base --branch-label=analytics`, et toutes deux ont choisi `analytics`. Chacune fonctionnait très bien seule. Quand les migrations ont été réunies dans un seul dépôt, chaque commande Alembic s&apos;est arrêtée avec `Branch name &apos;analytics&apos; in revision 0d4e8b2c6f17 already used by revision 7a91c3e5d2b8`.</translation>
    </message>
    <message>
        <source>Rename one label in `branch_labels`, and update every `depends_on` and `label@head` that meant that branch.
Databases store revision ids, not labels, so renaming a label needs no stamp.
Avoid labels that look like revision ids.</source>
        <translation>Renommez une étiquette dans `branch_labels`, et mettez à jour chaque `depends_on` et `label@head` qui désignait cette branche.
Les bases de données stockent des identifiants de révision, pas des étiquettes&#xa0;: renommer une étiquette ne demande aucun estampillage.
Évitez les étiquettes qui ressemblent à des identifiants de révision.</translation>
    </message>
    <message>
        <source>More than one revision has no child. `alembic upgrade head` then stops with `Multiple head revisions are present for given argument &apos;head&apos;`; it needs `heads`, a `label@head`, or a merge revision. It usually means two branches each added a migration on top of the same parent. Labelled branches kept apart on purpose are reported as information only.</source>
        <translation>Plus d&apos;une révision n&apos;a pas d&apos;enfant. `alembic upgrade head` s&apos;arrête alors avec `Multiple head revisions are present for given argument &apos;head&apos;`&#x202f;; il lui faut `heads`, un `label@head` ou une révision de fusion. Cela signifie généralement que deux branches ont chacune ajouté une migration sur le même parent. Les branches étiquetées tenues séparées à dessein ne sont signalées qu&apos;à titre d&apos;information.</translation>
    </message>
    <message>
        <source>Two developers on a checkout team each added a migration on top of `6d39478753c0` in their own branches, and both pull requests passed CI. After both merged, the deploy&apos;s `alembic upgrade head` stopped with `Multiple head revisions are present for given argument &apos;head&apos;; please specify a specific target revision, &apos;&lt;branchname&gt;@head&apos; to narrow to a specific head, or &apos;heads&apos; for all heads`. The API container restarted in a loop until someone merged the heads.</source>
        <translation>Deux développeurs d&apos;une équipe chargée du tunnel de commande ont chacun ajouté une migration sur `6d39478753c0` dans leur propre branche, et les deux pull requests ont passé la CI. Une fois les deux fusionnées, le `alembic upgrade head` du déploiement s&apos;est arrêté avec `Multiple head revisions are present for given argument &apos;head&apos;; please specify a specific target revision, &apos;&lt;branchname&gt;@head&apos; to narrow to a specific head, or &apos;heads&apos; for all heads`. Le conteneur de l&apos;API a redémarré en boucle jusqu&apos;à ce que quelqu&apos;un fusionne les têtes.</translation>
    </message>
    <message>
        <source>Add a merge revision: `alembic merge heads -m &quot;merge heads&quot;`, then review and commit it.
Or, if one migration does not need to run before the other, rebase it: set its `down_revision` to the other head.
For branches kept apart on purpose, deploy with `alembic upgrade heads`.
Run `revscope check --fail-on warning` in CI so the second pull request fails before it merges.</source>
        <translation>Ajoutez une révision de fusion&#xa0;: `alembic merge heads -m &quot;merge heads&quot;`, puis relisez-la et commitez-la.
Ou, si une migration n&apos;a pas besoin de s&apos;exécuter avant l&apos;autre, rebasez-la&#xa0;: faites pointer son `down_revision` vers l&apos;autre tête.
Pour les branches tenues séparées à dessein, déployez avec `alembic upgrade heads`.
Lancez `revscope check --fail-on warning` en CI pour que la seconde pull request échoue avant d&apos;être fusionnée.</translation>
    </message>
    <message>
        <source>More than one revision has `down_revision = None`. Unless they start separate labelled branches on purpose, one of them lost its parent: a squash that kept the old first migration, or a script written by hand. Each base starts its own history, so `alembic upgrade heads` runs both from the start, and there are usually two heads as well.</source>
        <translation>Plus d&apos;une révision a `down_revision = None`. Sauf si elles commencent à dessein des branches étiquetées séparées, l&apos;une d&apos;elles a perdu son parent&#xa0;: un squash qui a conservé l&apos;ancienne première migration, ou un script écrit à la main. Chaque base commence son propre historique&#x202f;; `alembic upgrade heads` les exécute donc toutes depuis le début, et il y a généralement aussi deux têtes.</translation>
    </message>
    <message>
        <source>An API team squashed its history into `b891cb8863b5_initial_squashed_migration.py` with `down_revision = None`, but left `001_initial.py`, the old first migration, in the folder. `alembic upgrade head` refused with multiple heads, so the CI job was changed to `alembic upgrade heads`. That ran both bases on the fresh test database and stopped with `psycopg.errors.DuplicateTable: relation &quot;users&quot; already exists`.</source>
        <translation>Une équipe API a réuni son historique par un squash dans `b891cb8863b5_initial_squashed_migration.py` avec `down_revision = None`, mais a laissé `001_initial.py`, l&apos;ancienne première migration, dans le dossier. `alembic upgrade head` refusait à cause des têtes multiples&#x202f;; le job de CI a donc été changé en `alembic upgrade heads`. Celui-ci a exécuté les deux bases sur la base de données de test neuve et s&apos;est arrêté avec `psycopg.errors.DuplicateTable: relation &quot;users&quot; already exists`.</translation>
    </message>
    <message>
        <source>If a base should follow another revision, set its `down_revision` to that revision.
If it is a leftover of a squash, delete it once `revscope diff` confirms the squash replaces it.
If the histories are meant to be independent, give each a branch label (`alembic revision --head=base --branch-label=NAME`).</source>
        <translation>Si une base devrait suivre une autre révision, faites pointer son `down_revision` vers cette révision.
Si c&apos;est un reste de squash, supprimez-la une fois que `revscope diff` confirme que le squash la remplace.
Si les historiques doivent être indépendants, donnez à chacun une étiquette de branche (`alembic revision --head=base --branch-label=NAME`).</translation>
    </message>
    <message>
        <source>A `.pyc` file whose source is gone, typically left in `__pycache__` after a migration was deleted or squashed (git does not track `__pycache__`, so every checkout keeps its own). With `sourceless = false`, the default, Alembic ignores it, and Python never imports a `__pycache__` file without its source. With `sourceless = true`, Alembic loads it as a migration and the deleted revision comes back. A Docker COPY of the folder carries it into the image unless `.dockerignore` excludes it.</source>
        <translation>Un fichier `.pyc` dont la source a disparu, typiquement laissé dans `__pycache__` après la suppression d&apos;une migration ou un squash (git ne suit pas `__pycache__`, donc chaque copie de travail garde le sien). Avec `sourceless = false`, la valeur par défaut, Alembic l&apos;ignore, et Python n&apos;importe jamais un fichier de `__pycache__` sans sa source. Avec `sourceless = true`, Alembic le charge comme une migration et la révision supprimée revient. Un COPY Docker du dossier l&apos;embarque dans l&apos;image, sauf si `.dockerignore` l&apos;exclut.</translation>
    </message>
    <message>
        <source>After squashing into `b891cb8863b5_initial_squashed_migration.py`, a team&apos;s GitHub Actions deploy failed with `Can&apos;t locate revision identified by &apos;a2242b61af45&apos;`. They found `alembic/versions/__pycache__/a2242b61af45_….cpython-311.pyc` in the image and added bytecode clean-ups to .dockerignore, the Dockerfile and the start script. The file was real, and their `*.pyc` rule had indeed missed it (it matches only at the context root). But with `sourceless = false` Alembic never read it: the id came from the database, still stamped at the removed revision (see `db-unknown-revision`).</source>
        <translation>Après un squash dans `b891cb8863b5_initial_squashed_migration.py`, le déploiement GitHub Actions d&apos;une équipe a échoué avec `Can&apos;t locate revision identified by &apos;a2242b61af45&apos;`. Elle a trouvé `alembic/versions/__pycache__/a2242b61af45_….cpython-311.pyc` dans l&apos;image et ajouté des nettoyages du bytecode dans .dockerignore, le Dockerfile et le script de démarrage. Le fichier existait bel et bien, et sa règle `*.pyc` l&apos;avait effectivement manqué (elle ne s&apos;applique qu&apos;à la racine du contexte). Mais avec `sourceless = false`, Alembic ne l&apos;avait jamais lu&#xa0;: l&apos;identifiant venait de la base de données, toujours estampillée à la révision supprimée (voir `db-unknown-revision`).</translation>
    </message>
    <message>
        <source>Delete it: `revscope clean --apply` (in the app: Clean Up…) moves stray bytecode to the trash, journaled; `revscope clean --undo` puts it back.
Keep bytecode out of images: `revscope clean` also adds `**/__pycache__` and `**/*.pyc` to `.dockerignore` (unless `--no-dockerignore`).
If Alembic reported an error, read the database and release findings too: stray bytecode alone does not break an environment with `sourceless = false`.</source>
        <translation>Supprimez-le&#xa0;: `revscope clean --apply` (dans l&apos;application&#xa0;: Nettoyer…) déplace le bytecode orphelin vers la corbeille, en le journalisant&#x202f;; `revscope clean --undo` le remet en place.
Gardez le bytecode hors des images&#xa0;: `revscope clean` ajoute aussi `**/__pycache__` et `**/*.pyc` à `.dockerignore` (sauf avec `--no-dockerignore`).
Si Alembic a signalé une erreur, lisez aussi les constats sur la base de données et les versions publiées&#xa0;: du bytecode orphelin ne casse pas à lui seul un environnement avec `sourceless = false`.</translation>
    </message>
    <message>
        <source>A revision that only bytecode defines: its `.py` is gone, but a `.pyc` in a version location still holds it. With `sourceless = true` Alembic loads it like any script, so a deleted migration is still part of the graph, often as an extra head or base next to the squash that replaced it. With `sourceless = false` Alembic ignores it, but the file still misleads people and ends up in images.</source>
        <translation>Une révision que seul du bytecode définit&#xa0;: son `.py` a disparu, mais un `.pyc` dans un emplacement de versions la contient encore. Avec `sourceless = true`, Alembic la charge comme n&apos;importe quel script&#xa0;: une migration supprimée fait donc toujours partie du graphe, souvent sous la forme d&apos;une tête ou d&apos;une base supplémentaire à côté du squash qui l&apos;a remplacée. Avec `sourceless = false`, Alembic l&apos;ignore, mais le fichier induit quand même les gens en erreur et finit dans les images.</translation>
    </message>
    <message>
        <source>A team that ships bytecode only (`sourceless = true`, sources stripped from the image) squashed its history. Their build agent reused its workspace, and `versions/__pycache__/` still held the bytecode of every squashed migration, among them `a2242b61af45_add_index.cpython-311.pyc`. Alembic in the image loaded the old chain next to the squash, found two heads, and the release stopped with `Multiple head revisions are present for given argument &apos;head&apos;`.</source>
        <translation>Une équipe qui ne livre que du bytecode (`sourceless = true`, sources retirées de l&apos;image) a réuni son historique par un squash. Son agent de build réutilisait son espace de travail, et `versions/__pycache__/` contenait encore le bytecode de chaque migration absorbée par le squash, dont `a2242b61af45_add_index.cpython-311.pyc`. Dans l&apos;image, Alembic a chargé l&apos;ancienne chaîne à côté du squash, trouvé deux têtes, et la mise en production s&apos;est arrêtée avec `Multiple head revisions are present for given argument &apos;head&apos;`.</translation>
    </message>
    <message>
        <source>If the revision is meant to be gone, delete its bytecode: `revscope clean --apply` (in the app: Clean Up…).
If it is still needed, restore its `.py` from version control.
Build images from a clean checkout, exclude `**/__pycache__` and `**/*.pyc` in `.dockerignore`, and compile inside the image if you ship bytecode (`python -m compileall`).</source>
        <translation>Si la révision doit disparaître, supprimez son bytecode&#xa0;: `revscope clean --apply` (dans l&apos;application&#xa0;: Nettoyer…).
Si elle est encore nécessaire, restaurez son `.py` depuis le gestionnaire de versions.
Construisez les images à partir d&apos;une copie de travail propre, excluez `**/__pycache__` et `**/*.pyc` dans `.dockerignore`, et compilez dans l&apos;image si vous livrez du bytecode (`python -m compileall`).</translation>
    </message>
    <message>
        <source>A `.pyc` compiled from an earlier version of its source. Usually harmless: Python compares the source&apos;s time stamp and size (or hash) and recompiles, and Alembic prefers the source. It matters in two cases: an unchecked-hash `.pyc` is never compared with its source, so the old code runs; and with `sourceless = true`, deleting the source would make this older bytecode the migration.</source>
        <translation>Un `.pyc` compilé à partir d&apos;une version antérieure de sa source. C&apos;est généralement sans conséquence&#xa0;: Python compare l&apos;horodatage et la taille de la source (ou son hachage) et recompile, et Alembic préfère la source. Cela compte dans deux cas&#xa0;: un `.pyc` en mode unchecked-hash n&apos;est jamais comparé à sa source, donc l&apos;ancien code s&apos;exécute&#x202f;; et avec `sourceless = true`, supprimer la source ferait de ce bytecode plus ancien la migration.</translation>
    </message>
    <message>
        <source>To start containers faster, a team compiled its image with `python -m compileall --invalidation-mode unchecked-hash`. A hotfix later copied one corrected migration into the image in a new layer, after the compile step. Python kept running the old bytecode, because unchecked-hash files are never checked against their source: `alembic upgrade head` reported success, and the index the hotfix added never appeared.</source>
        <translation>Pour démarrer ses conteneurs plus vite, une équipe compilait son image avec `python -m compileall --invalidation-mode unchecked-hash`. Un correctif urgent a ensuite copié une migration corrigée dans l&apos;image, dans une nouvelle couche, après l&apos;étape de compilation. Python a continué d&apos;exécuter l&apos;ancien bytecode, car les fichiers unchecked-hash ne sont jamais vérifiés par rapport à leur source&#xa0;: `alembic upgrade head` a signalé un succès, et l&apos;index ajouté par le correctif n&apos;est jamais apparu.</translation>
    </message>
    <message>
        <source>Delete it; Python writes fresh bytecode when it needs it: `revscope clean --stale --apply` (in the app: Clean Up… with stale bytecode included).
Compile as the last step of an image, after every COPY of Python code, or keep the default time-stamp mode (or `checked-hash`).
Exclude `**/__pycache__` from the build context so host bytecode never mixes in.</source>
        <translation>Supprimez-le&#x202f;; Python réécrit du bytecode à jour quand il en a besoin&#xa0;: `revscope clean --stale --apply` (dans l&apos;application&#xa0;: Nettoyer… en incluant le bytecode obsolète).
Compilez en dernière étape de l&apos;image, après chaque COPY de code Python, ou gardez le mode par défaut fondé sur l&apos;horodatage (ou `checked-hash`).
Excluez `**/__pycache__` du contexte de build pour que le bytecode de l&apos;hôte ne s&apos;y mélange jamais.</translation>
    </message>
    <message>
        <source>A `.pyc` Revscope cannot read as bytecode: truncated, with an unknown magic number or broken marshal data, or not bytecode at all. Python recompiles it when its source exists. With `sourceless = true` and no source, Alembic tries to load it and stops, typically with `ImportError: bad magic number` or `EOFError: marshal data too short`.</source>
        <translation>Un `.pyc` que Revscope ne peut pas lire comme du bytecode&#xa0;: tronqué, avec un nombre magique inconnu ou des données marshal cassées, ou qui n&apos;est pas du bytecode du tout. Python le recompile quand sa source existe. Avec `sourceless = true` et sans source, Alembic essaie de le charger et s&apos;arrête, typiquement avec `ImportError: bad magic number` ou `EOFError: marshal data too short`.</translation>
    </message>
    <message>
        <source>A team deployed sourceless releases to a virtual machine by copying only the compiled migrations. One transfer was cut off halfway, and the job still reported success. The next `alembic upgrade head` on that machine stopped with `EOFError: marshal data too short`, raised while Alembic loaded the truncated file.</source>
        <translation>Une équipe déployait des versions sans sources sur une machine virtuelle en ne copiant que les migrations compilées. Un transfert a été coupé à mi-chemin, et le job a quand même signalé un succès. Le `alembic upgrade head` suivant sur cette machine s&apos;est arrêté avec `EOFError: marshal data too short`, levée pendant qu&apos;Alembic chargeait le fichier tronqué.</translation>
    </message>
    <message>
        <source>Delete the file (`revscope clean` leaves corrupt bytecode alone, so remove it by hand); Python recompiles it from the source.
For a sourceless release, rebuild the bytecode from the sources with the Python version that runs it, and copy it again.
Exclude `**/__pycache__` and `**/*.pyc` from the Docker build context.</source>
        <translation>Supprimez le fichier (`revscope clean` laisse de côté le bytecode corrompu&#xa0;: supprimez-le donc à la main)&#x202f;; Python le recompile à partir de la source.
Pour une version livrée sans sources, reconstruisez le bytecode à partir des sources avec la version de Python qui l&apos;exécute, puis copiez-le de nouveau.
Excluez `**/__pycache__` et `**/*.pyc` du contexte de build Docker.</translation>
    </message>
    <message>
        <source>Revscope could not connect to the database given with `--db` (or in the Connect dialog), or connected but could not read the version table. Nothing is known about the database&apos;s state, so the other database findings are missing. The command line exits with code 3.</source>
        <translation>Revscope n&apos;a pas pu se connecter à la base de données indiquée avec `--db` (ou dans la boîte de dialogue de connexion), ou s&apos;est connecté mais n&apos;a pas pu lire la table de version. On ne sait rien de l&apos;état de la base de données, donc les autres constats sur la base de données manquent. La ligne de commande quitte avec le code 3.</translation>
    </message>
    <message>
        <source>A developer ran `revscope check --db ini` on a laptop. The ini&apos;s `sqlalchemy.url` pointed at host `db`, the compose service name, which resolves only inside the compose network, so the connection failed with `could not translate host name &quot;db&quot; to address`. The containers were fine: the URL was right for them and wrong for the laptop.</source>
        <translation>Un développeur a lancé `revscope check --db ini` sur son portable. Le `sqlalchemy.url` du fichier ini pointait vers l&apos;hôte `db`, le nom du service compose, qui ne se résout qu&apos;à l&apos;intérieur du réseau compose&#x202f;; la connexion a donc échoué avec `could not translate host name &quot;db&quot; to address`. Les conteneurs allaient bien&#xa0;: l&apos;URL était juste pour eux, et fausse pour le portable.</translation>
    </message>
    <message>
        <source>Check host, port, user, password and database name; from the host, use the published port, e.g. `--db postgresql+psycopg://app:PASSWORD@localhost:5432/app`.
Check that the server accepts connections from this machine (pg_hba.conf, bind-address, firewalls).
If Revscope connected but could not read, check that the user may SELECT from the version table, and that its name and schema match env.py (`--version-table`, `--version-table-schema`).</source>
        <translation>Vérifiez l&apos;hôte, le port, l&apos;utilisateur, le mot de passe et le nom de la base de données&#x202f;; depuis l&apos;hôte, utilisez le port publié, par exemple `--db postgresql+psycopg://app:PASSWORD@localhost:5432/app`.
Vérifiez que le serveur accepte les connexions depuis cette machine (pg_hba.conf, bind-address, pare-feu).
Si Revscope s&apos;est connecté mais n&apos;a pas pu lire, vérifiez que l&apos;utilisateur a le droit de faire un SELECT sur la table de version, et que le nom et le schéma de celle-ci correspondent à env.py (`--version-table`, `--version-table-schema`).</translation>
    </message>
    <message>
        <source>The database has no version table (`alembic_version` by default), or an empty one. Alembic treats it as never migrated: `alembic upgrade head` runs every migration from the first. That is right for a new database, and wrong for one whose tables were created another way, or when env.py names another version table than the one Revscope read.</source>
        <translation>La base de données n&apos;a pas de table de version (`alembic_version` par défaut), ou une table vide. Alembic la considère comme jamais migrée&#xa0;: `alembic upgrade head` exécute toutes les migrations depuis la première. C&apos;est juste pour une nouvelle base de données, et faux pour une base dont les tables ont été créées autrement, ou quand env.py désigne une autre table de version que celle lue par Revscope.</translation>
    </message>
    <message>
        <source>A team had created its schema with `Base.metadata.create_all()` at application start for a year, then introduced Alembic with an initial migration creating the same tables. The first deploy ran `alembic upgrade head` against production, and the initial migration stopped with `psycopg.errors.DuplicateTable: relation &quot;users&quot; already exists`. The database had never been stamped, so Alembic could not know the tables were already there.</source>
        <translation>Pendant un an, une équipe avait créé son schéma avec `Base.metadata.create_all()` au démarrage de l&apos;application&#x202f;; elle a ensuite introduit Alembic avec une migration initiale créant les mêmes tables. Le premier déploiement a lancé `alembic upgrade head` sur la production, et la migration initiale s&apos;est arrêtée avec `psycopg.errors.DuplicateTable: relation &quot;users&quot; already exists`. La base de données n&apos;avait jamais été estampillée, donc Alembic ne pouvait pas savoir que les tables existaient déjà.</translation>
    </message>
    <message>
        <source>For a new, empty database, run `alembic upgrade head`.
For a database whose schema already matches a revision, record that without migrating: `alembic stamp &lt;revision&gt;`, or `revscope db stamp --db URL &lt;revision&gt; --yes` (in the app: Database ▸ Stamp…). Compare the schema first: an autogenerated revision (`alembic revision --autogenerate`) should come out empty.
If env.py passes `version_table=` or `version_table_schema=`, give Revscope the same names (`--version-table`, `--version-table-schema`).</source>
        <translation>Pour une nouvelle base de données vide, lancez `alembic upgrade head`.
Pour une base de données dont le schéma correspond déjà à une révision, enregistrez-le sans migrer&#xa0;: `alembic stamp &lt;revision&gt;`, ou `revscope db stamp --db URL &lt;revision&gt; --yes` (dans l&apos;application&#xa0;: Base de données ▸ Estampiller…). Comparez d&apos;abord le schéma&#xa0;: une révision autogénérée (`alembic revision --autogenerate`) devrait sortir vide.
Si env.py passe `version_table=` ou `version_table_schema=`, donnez les mêmes noms à Revscope (`--version-table`, `--version-table-schema`).</translation>
    </message>
    <message>
        <source>The version table holds a revision id that no script Alembic loads defines (or a prefix of several). Every command that reads the database (`upgrade`, `downgrade`, `current`, `stamp` without `--purge`) stops with `Can&apos;t locate revision identified by &apos;...&apos;`. It follows a squash or a deleted migration, or a database migrated from another branch or a newer release.</source>
        <translation>La table de version contient un identifiant de révision qu&apos;aucun script chargé par Alembic ne définit (ou un préfixe commun à plusieurs). Chaque commande qui lit la base de données (`upgrade`, `downgrade`, `current`, `stamp` sans `--purge`) s&apos;arrête avec `Can&apos;t locate revision identified by &apos;...&apos;`. Cela fait suite à un squash ou à une migration supprimée, ou à une base de données migrée depuis une autre branche ou une version plus récente.</translation>
    </message>
    <message>
        <source>A team squashed its migrations into `b891cb8863b5_initial_squashed_migration.py` and deleted `a2242b61af45` with the others. Production&apos;s `alembic_version` still said `a2242b61af45`, so the GitHub Actions deploy failed with `Can&apos;t locate revision identified by &apos;a2242b61af45&apos;`. The team blamed a stale `.pyc` of that revision found in the image and added cache clean-ups in three places. But Alembic had read the id from the database, and only a stamp at the revision whose schema the database had would let it continue.</source>
        <translation>Une équipe a réuni ses migrations par un squash dans `b891cb8863b5_initial_squashed_migration.py` et supprimé `a2242b61af45` avec les autres. La table `alembic_version` de la production indiquait toujours `a2242b61af45`, si bien que le déploiement GitHub Actions a échoué avec `Can&apos;t locate revision identified by &apos;a2242b61af45&apos;`. L&apos;équipe a accusé un `.pyc` obsolète de cette révision trouvé dans l&apos;image et ajouté des nettoyages de cache à trois endroits. Mais Alembic avait lu l&apos;identifiant dans la base de données, et seul un estampillage à la révision dont la base avait le schéma lui permettrait de continuer.</translation>
    </message>
    <message>
        <source>Find the revision of this checkout whose schema the database has; after a squash, the replacing revision (`revscope diff --from &lt;last release&gt; --to HEAD` shows which replaced which).
Stamp it without migrating: `revscope db stamp --db URL &lt;revision&gt; --yes` (in the app: Database ▸ Stamp…, undoable), or `alembic stamp --purge &lt;revision&gt;`.
If the database came from another branch or a newer release, check that out and run `alembic downgrade` there instead.
Then delete stray bytecode of the removed revision (`revscope clean --apply`) so it cannot mislead anyone again.</source>
        <translation>Trouvez la révision de cette copie de travail dont la base de données a le schéma&#x202f;; après un squash, c&apos;est la révision de remplacement (`revscope diff --from &lt;last release&gt; --to HEAD` montre laquelle a remplacé laquelle).
Estampillez-la sans migrer&#xa0;: `revscope db stamp --db URL &lt;revision&gt; --yes` (dans l&apos;application&#xa0;: Base de données ▸ Estampiller…, annulable), ou `alembic stamp --purge &lt;revision&gt;`.
Si la base de données vient d&apos;une autre branche ou d&apos;une version plus récente, basculez sur celle-ci et lancez-y plutôt `alembic downgrade`.
Supprimez ensuite le bytecode orphelin de la révision supprimée (`revscope clean --apply`) pour qu&apos;il ne puisse plus induire personne en erreur.</translation>
    </message>
    <message>
        <source>The version table holds a revision and also one of its ancestors. Alembic keeps one row per branch head, so this state comes from editing the table by hand or from a broken tool. `alembic upgrade` stops with `Requested revision X overlaps with other requested revisions Y`.</source>
        <translation>La table de version contient une révision et aussi l&apos;un de ses ancêtres. Alembic garde une ligne par tête de branche&#x202f;; cet état vient donc d&apos;une modification de la table à la main ou d&apos;un outil défaillant. `alembic upgrade` s&apos;arrête avec `Requested revision X overlaps with other requested revisions Y`.</translation>
    </message>
    <message>
        <source>A deploy failed halfway, and the on-call engineer repaired the version table by hand with `INSERT INTO alembic_version VALUES (&apos;c3d4e5f6a7b8&apos;)` instead of an `UPDATE`. The table now held the new revision and its parent. Every following deploy stopped with `Requested revision c3d4e5f6a7b8 overlaps with other requested revisions 9a8b7c6d5e4f`.</source>
        <translation>Un déploiement a échoué à mi-parcours, et l&apos;ingénieur d&apos;astreinte a réparé la table de version à la main avec `INSERT INTO alembic_version VALUES (&apos;c3d4e5f6a7b8&apos;)` au lieu d&apos;un `UPDATE`. La table contenait désormais la nouvelle révision et son parent. Chaque déploiement suivant s&apos;est arrêté avec `Requested revision c3d4e5f6a7b8 overlaps with other requested revisions 9a8b7c6d5e4f`.</translation>
    </message>
    <message>
        <source>Keep one row per branch, the newest: `revscope db stamp --db URL &lt;revision&gt; --yes` (in the app: Database ▸ Stamp…), or `alembic stamp --purge &lt;revision&gt;`.
Do not edit `alembic_version` by hand; `alembic stamp` writes it consistently.</source>
        <translation>Gardez une ligne par branche, la plus récente&#xa0;: `revscope db stamp --db URL &lt;revision&gt; --yes` (dans l&apos;application&#xa0;: Base de données ▸ Estampiller…), ou `alembic stamp --purge &lt;revision&gt;`.
Ne modifiez pas `alembic_version` à la main&#x202f;; `alembic stamp` l&apos;écrit de façon cohérente.</translation>
    </message>
    <message>
        <source>The database is behind a head: there are migrations it has not run yet. That is normal just before a deploy. It is a problem when the application&apos;s code already expects the new schema, or when a deploy believes it ran the migrations.</source>
        <translation>La base de données est en retard sur une tête&#xa0;: il reste des migrations qu&apos;elle n&apos;a pas encore exécutées. C&apos;est normal juste avant un déploiement. C&apos;est un problème quand le code de l&apos;application attend déjà le nouveau schéma, ou quand un déploiement croit avoir exécuté les migrations.</translation>
    </message>
    <message>
        <source>A team moved `alembic upgrade head` out of the API&apos;s start command into a one-off `migrate` service of its development compose file. The production compose file never got that service. Releases went out for a week with three migrations pending, and the API failed only when a request touched a new column: `column subscriptions.trial_ends_at does not exist`.</source>
        <translation>Une équipe a sorti `alembic upgrade head` de la commande de démarrage de l&apos;API pour le placer dans un service ponctuel `migrate` de son fichier compose de développement. Le fichier compose de production n&apos;a jamais reçu ce service. Pendant une semaine, les versions sont parties avec trois migrations en attente, et l&apos;API n&apos;échouait que lorsqu&apos;une requête touchait une nouvelle colonne&#xa0;: `column subscriptions.trial_ends_at does not exist`.</translation>
    </message>
    <message>
        <source>Run `alembic upgrade head` (or `alembic upgrade heads` with several heads) against the database.
Run migrations as part of every deploy, before the new code serves requests, and check that the production service really runs them: `revscope image --compose FILE --service NAME` shows its command.
`revscope db status --db URL` lists what is pending.</source>
        <translation>Lancez `alembic upgrade head` (ou `alembic upgrade heads` s&apos;il y a plusieurs têtes) sur la base de données.
Exécutez les migrations à chaque déploiement, avant que le nouveau code ne serve des requêtes, et vérifiez que le service de production les exécute réellement&#xa0;: `revscope image --compose FILE --service NAME` montre sa commande.
`revscope db status --db URL` liste ce qui est en attente.</translation>
    </message>
    <message>
        <source>env.py passes `version_table=` or `version_table_schema=` to `context.configure()` as an expression (a variable, a call, `**kwargs`) that Revscope cannot read without running Python. Revscope then reads the default `alembic_version` (or the name it was given), which may not be the table Alembic uses, so its database findings may describe the wrong table.</source>
        <translation>env.py passe `version_table=` ou `version_table_schema=` à `context.configure()` sous la forme d&apos;une expression (une variable, un appel, `**kwargs`) que Revscope ne peut pas lire sans exécuter Python. Revscope lit alors la table par défaut `alembic_version` (ou le nom qu&apos;on lui a donné), qui n&apos;est peut-être pas la table qu&apos;utilise Alembic&#x202f;; ses constats sur la base de données peuvent donc décrire la mauvaise table.</translation>
    </message>
    <message>
        <source>A multi-tenant service kept one version table per tenant, with `version_table=f&quot;alembic_version_{tenant}&quot;`. Read with the default name, the database looked never migrated (`db-no-version-table`), and a developer nearly stamped it. The table existed; only its name was computed.</source>
        <translation>Un service multi-locataire gardait une table de version par locataire, avec `version_table=f&quot;alembic_version_{tenant}&quot;`. Lue sous le nom par défaut, la base de données semblait n&apos;avoir jamais été migrée (`db-no-version-table`), et un développeur a failli l&apos;estampiller. La table existait&#x202f;; seul son nom était calculé.</translation>
    </message>
    <message>
        <source>If the name is fixed, pass a string literal in env.py.
Otherwise tell Revscope the name: `--version-table NAME` and `--version-table-schema SCHEMA` on the command line, or the override in the Connect dialog.</source>
        <translation>Si le nom est fixe, passez une chaîne littérale dans env.py.
Sinon, indiquez le nom à Revscope&#xa0;: `--version-table NAME` et `--version-table-schema SCHEMA` en ligne de commande, ou le champ de remplacement de la boîte de dialogue de connexion.</translation>
    </message>
    <message>
        <source>env.py calls `context.configure()` more than once (for example in offline and online mode) with different `version_table` or `version_table_schema` values. Alembic uses the call of the mode it runs in; Revscope reads the first. When they differ by mistake, SQL scripts generated offline and online migrations record versions in different tables.</source>
        <translation>env.py appelle `context.configure()` plusieurs fois (par exemple en mode hors ligne et en mode en ligne) avec des valeurs différentes de `version_table` ou de `version_table_schema`. Alembic utilise l&apos;appel du mode dans lequel il s&apos;exécute&#x202f;; Revscope lit le premier. Quand elles diffèrent par erreur, les scripts SQL générés hors ligne et les migrations en ligne enregistrent les versions dans des tables différentes.</translation>
    </message>
    <message>
        <source>A team generated SQL for its DBA with `alembic upgrade head --sql`. The offline branch of env.py still used the default table, while the online branch had moved to `version_table_schema=&quot;meta&quot;`. The DBA&apos;s script recorded the revision in `public.alembic_version`; the next online `alembic upgrade head` read `meta.alembic_version`, found it behind, and tried to run the same migrations again.</source>
        <translation>Une équipe générait le SQL destiné à son DBA avec `alembic upgrade head --sql`. La branche hors ligne d&apos;env.py utilisait encore la table par défaut, tandis que la branche en ligne était passée à `version_table_schema=&quot;meta&quot;`. Le script du DBA a enregistré la révision dans `public.alembic_version`&#x202f;; le `alembic upgrade head` en ligne suivant a lu `meta.alembic_version`, l&apos;a trouvée en retard, et a tenté d&apos;exécuter de nouveau les mêmes migrations.</translation>
    </message>
    <message>
        <source>Make every `configure()` call pass the same `version_table` and `version_table_schema`: set them once in a variable both calls use.
Tell Revscope which one the online migration uses: `--version-table` and `--version-table-schema`, or the Connect dialog.</source>
        <translation>Faites passer les mêmes `version_table` et `version_table_schema` à chaque appel de `configure()`&#xa0;: définissez-les une seule fois dans une variable qu&apos;utilisent les deux appels.
Indiquez à Revscope celle qu&apos;utilise la migration en ligne&#xa0;: `--version-table` et `--version-table-schema`, ou la boîte de dialogue de connexion.</translation>
    </message>
    <message>
        <source>A script recorded in revscope.lock (written by `revscope lock` at a release) has changed since: its sha256 differs. Databases that already ran the revision never run it again, so new databases and upgraded ones end up with different schemas.</source>
        <translation>Un script enregistré dans revscope.lock (écrit par `revscope lock` lors d&apos;une publication) a changé depuis&#xa0;: son sha256 diffère. Les bases de données qui ont déjà exécuté la révision ne l&apos;exécutent plus jamais, si bien que les nouvelles bases de données et celles mises à niveau se retrouvent avec des schémas différents.</translation>
    </message>
    <message>
        <source>After v2.3 shipped, a developer fixed a misspelt column in a released migration, renaming `emial` to `email` in place. New CI databases got `email`; production, which had run the migration weeks before, kept `emial`. The next migration&apos;s `op.alter_column(&quot;users&quot;, &quot;email&quot;, nullable=False)` then failed in production with `column &quot;email&quot; of relation &quot;users&quot; does not exist`.</source>
        <translation>Après la sortie de la v2.3, un développeur a corrigé sur place un nom de colonne mal orthographié dans une migration publiée, renommant `emial` en `email`. Les nouvelles bases de données de CI ont reçu `email`&#x202f;; la production, qui avait exécuté la migration des semaines plus tôt, a gardé `emial`. Le `op.alter_column(&quot;users&quot;, &quot;email&quot;, nullable=False)` de la migration suivante a alors échoué en production avec `column &quot;email&quot; of relation &quot;users&quot; does not exist`.</translation>
    </message>
    <message>
        <source>Revert the edit (`git diff &lt;release tag&gt; -- FILE` shows it) and make the change in a new migration.
If the edit is harmless (a comment, formatting), accept it: run `revscope lock` and commit revscope.lock.
`revscope diff --from &lt;release tag&gt; --to HEAD` lists every edited revision.</source>
        <translation>Revenez sur la modification (`git diff &lt;release tag&gt; -- FILE` la montre) et faites le changement dans une nouvelle migration.
Si la modification est sans effet (un commentaire, la mise en forme), acceptez-la&#xa0;: lancez `revscope lock` et commitez revscope.lock.
`revscope diff --from &lt;release tag&gt; --to HEAD` liste chaque révision modifiée.</translation>
    </message>
    <message>
        <source>A revision recorded in revscope.lock is no longer defined by any script. Databases stamped at it stop with `Can&apos;t locate revision identified by &apos;...&apos;`, and scripts that still follow it stop with a missing parent. A squash is the usual cause.</source>
        <translation>Une révision enregistrée dans revscope.lock n&apos;est plus définie par aucun script. Les bases de données estampillées à cette révision s&apos;arrêtent avec `Can&apos;t locate revision identified by &apos;...&apos;`, et les scripts qui la suivent encore s&apos;arrêtent sur un parent manquant. Un squash en est la cause habituelle.</translation>
    </message>
    <message>
        <source>A team squashed forty migrations into `b891cb8863b5_initial_squashed_migration.py` to speed up test databases. The lock file written at the v1.4.0 release still listed `a2242b61af45`, the revision production was at. The squash was merged without a plan for the databases already out there, and the next deploy failed with `Can&apos;t locate revision identified by &apos;a2242b61af45&apos;`.</source>
        <translation>Une équipe a réuni quarante migrations par un squash dans `b891cb8863b5_initial_squashed_migration.py` pour accélérer les bases de données de test. Le fichier de verrouillage écrit lors de la publication de la v1.4.0 listait encore `a2242b61af45`, la révision à laquelle se trouvait la production. Le squash a été fusionné sans plan pour les bases de données déjà en service, et le déploiement suivant a échoué avec `Can&apos;t locate revision identified by &apos;a2242b61af45&apos;`.</translation>
    </message>
    <message>
        <source>If the removal was a mistake, restore the script from the release tag.
If it is a reviewed squash, keep the old revisions until every database is past them, or stamp each database at the replacing revision (`revscope db stamp --db URL &lt;revision&gt; --yes`) as part of the deploy.
Then run `revscope lock` to record the new state; `revscope diff --from &lt;release tag&gt; --to HEAD` shows which revision replaced which.</source>
        <translation>Si la suppression était une erreur, restaurez le script depuis le tag de la version publiée.
S&apos;il s&apos;agit d&apos;un squash relu et validé, gardez les anciennes révisions jusqu&apos;à ce que toutes les bases de données les aient dépassées, ou estampillez chaque base de données à la révision de remplacement (`revscope db stamp --db URL &lt;revision&gt; --yes`) dans le cadre du déploiement.
Lancez ensuite `revscope lock` pour enregistrer le nouvel état&#x202f;; `revscope diff --from &lt;release tag&gt; --to HEAD` montre quelle révision a remplacé laquelle.</translation>
    </message>
    <message>
        <source>Comparing two versions (`revscope diff`, or Compare in the app), a head of the older graph was removed and no revision of the newer one replaces it. Every database that was up to date with the older version is at that head, and has nothing to upgrade from: Alembic cannot locate its revision.</source>
        <translation>La comparaison de deux versions (`revscope diff`, ou Comparer les versions dans l&apos;application) montre qu&apos;une tête de l&apos;ancien graphe a été supprimée sans qu&apos;aucune révision du nouveau ne la remplace. Chaque base de données qui était à jour avec l&apos;ancienne version se trouve à cette tête, et n&apos;a rien à partir de quoi se mettre à niveau&#xa0;: Alembic ne trouve pas sa révision.</translation>
    </message>
    <message>
        <source>A developer squashed migrations on a branch and, to start clean, also deleted the newest migration, `f0e1d2c3b4a5`, planning to add it again later. The squash replaced everything before it, but nothing replaced the head itself. Staging, which was at `f0e1d2c3b4a5`, failed the next deploy with `Can&apos;t locate revision identified by &apos;f0e1d2c3b4a5&apos;`.</source>
        <translation>Un développeur a réuni des migrations par un squash sur une branche et, pour repartir de zéro, a aussi supprimé la migration la plus récente, `f0e1d2c3b4a5`, en prévoyant de la rajouter plus tard. Le squash remplaçait tout ce qui la précédait, mais rien ne remplaçait la tête elle-même. La préproduction, qui était à `f0e1d2c3b4a5`, a échoué au déploiement suivant avec `Can&apos;t locate revision identified by &apos;f0e1d2c3b4a5&apos;`.</translation>
    </message>
    <message>
        <source>Make the squash include the old head: its schema is what every up-to-date database has.
If a new revision does replace it, tell Revscope: `revscope diff --from &lt;old&gt; --to &lt;new&gt; --squash NEW=OLD1,OLD2`; saying &quot;squash&quot; in the new revision&apos;s message helps it infer that by itself.
Plan a stamp for every database at the old head: `revscope db stamp --db URL &lt;replacing revision&gt; --yes`.</source>
        <translation>Faites en sorte que le squash inclue l&apos;ancienne tête&#xa0;: son schéma est celui de toutes les bases de données à jour.
Si une nouvelle révision la remplace bel et bien, indiquez-le à Revscope&#xa0;: `revscope diff --from &lt;old&gt; --to &lt;new&gt; --squash NEW=OLD1,OLD2`&#x202f;; écrire «&#xa0;squash&#xa0;» dans le message de la nouvelle révision l&apos;aide à le déduire de lui-même.
Prévoyez un estampillage de chaque base de données qui se trouve à l&apos;ancienne tête&#xa0;: `revscope db stamp --db URL &lt;replacing revision&gt; --yes`.</translation>
    </message>
    <message>
        <source>Revscope maps each head of the older graph to the newer one: to itself if it survived, or to the revision that replaced it. This head maps to a revision that no head of the newer graph descends from, so a database at it cannot reach any head by upgrading.</source>
        <translation>Revscope fait correspondre chaque tête de l&apos;ancien graphe à une révision du nouveau&#xa0;: à elle-même si elle a survécu, ou à la révision qui l&apos;a remplacée. Cette tête correspond à une révision dont aucune tête du nouveau graphe ne descend&#x202f;; une base de données qui s&apos;y trouve ne peut donc atteindre aucune tête par mise à niveau.</translation>
    </message>
    <message>
        <source>A project with two environments, `alembic.ini` and `reporting.ini`, squashed both histories, and the reporting squash landed in the main environment&apos;s versions folder by mistake. Comparing the releases, the old reporting head `5b6c7d8e9f01` had no counterpart among the new reporting heads. Shipped as it was, `alembic -c reporting.ini upgrade head` would have stopped on every reporting database with `Can&apos;t locate revision identified by &apos;5b6c7d8e9f01&apos;`.</source>
        <translation>Un projet à deux environnements, `alembic.ini` et `reporting.ini`, a réuni ses deux historiques par des squashs, et le squash du reporting a atterri par erreur dans le dossier versions de l&apos;environnement principal. En comparant les versions publiées, l&apos;ancienne tête du reporting, `5b6c7d8e9f01`, n&apos;avait aucun équivalent parmi les nouvelles têtes du reporting. Livré tel quel, `alembic -c reporting.ini upgrade head` se serait arrêté sur chaque base de données du reporting avec `Can&apos;t locate revision identified by &apos;5b6c7d8e9f01&apos;`.</translation>
    </message>
    <message>
        <source>Find the revision that should continue the old head&apos;s history, and make the newer heads descend from it (the `down_revision` of the first migration after the squash).
Check the mapping Revscope inferred with `revscope diff --from &lt;old&gt; --to &lt;new&gt;`, and correct it with `--squash NEW=OLD1,OLD2` when it is wrong.
Plan a stamp for the databases at the old head.</source>
        <translation>Trouvez la révision qui doit prolonger l&apos;historique de l&apos;ancienne tête, et faites descendre d&apos;elle les nouvelles têtes (le `down_revision` de la première migration après le squash).
Vérifiez la correspondance déduite par Revscope avec `revscope diff --from &lt;old&gt; --to &lt;new&gt;`, et corrigez-la avec `--squash NEW=OLD1,OLD2` si elle est fausse.
Prévoyez un estampillage des bases de données qui se trouvent à l&apos;ancienne tête.</translation>
    </message>
    <message>
        <source>A head of the newer graph corresponds to no head of the older one: it descends from no old head and from no revision that replaced one. Often a migration written before the squash still hangs off a revision the squash kept, so the new version has two heads and only one continues the old history.</source>
        <translation>Une tête du nouveau graphe ne correspond à aucune tête de l&apos;ancien&#xa0;: elle ne descend d&apos;aucune ancienne tête ni d&apos;aucune révision qui en a remplacé une. Souvent, une migration écrite avant le squash est encore accrochée à une révision que le squash a conservée&#xa0;: la nouvelle version a alors deux têtes, et une seule prolonge l&apos;ancien historique.</translation>
    </message>
    <message>
        <source>A team squashed everything after `001_initial` into `b891cb8863b5`. A long-lived branch, merged a week later, added `d4e5f6a7b8c9_add_audit_log.py` with `down_revision = &apos;001&apos;`. The new version had two heads, `b891cb8863b5` and `d4e5f6a7b8c9`, and the deploy&apos;s `alembic upgrade head` stopped with `Multiple head revisions are present for given argument &apos;head&apos;`.</source>
        <translation>Une équipe a réuni par un squash tout ce qui suivait `001_initial` dans `b891cb8863b5`. Une branche de longue durée, fusionnée une semaine plus tard, a ajouté `d4e5f6a7b8c9_add_audit_log.py` avec `down_revision = &apos;001&apos;`. La nouvelle version avait deux têtes, `b891cb8863b5` et `d4e5f6a7b8c9`, et le `alembic upgrade head` du déploiement s&apos;est arrêté avec `Multiple head revisions are present for given argument &apos;head&apos;`.</translation>
    </message>
    <message>
        <source>If the new head is a migration written before the squash, set its `down_revision` to the current head so there is one history.
If two heads are intended, deploy with `alembic upgrade heads`; otherwise join them with `alembic merge heads`.
Compare again with `revscope diff`.</source>
        <translation>Si la nouvelle tête est une migration écrite avant le squash, faites pointer son `down_revision` vers la tête actuelle pour n&apos;avoir qu&apos;un seul historique.
Si deux têtes sont voulues, déployez avec `alembic upgrade heads`&#x202f;; sinon, réunissez-les avec `alembic merge heads`.
Comparez de nouveau avec `revscope diff`.</translation>
    </message>
    <message>
        <source>After a squash, a remaining script still names a removed revision in `down_revision` or `depends_on`. Alembic stops loading with a `KeyError` on that id, as for any missing parent, so nothing runs.</source>
        <translation>Après un squash, un script restant désigne encore une révision supprimée dans `down_revision` ou `depends_on`. Alembic arrête le chargement avec une `KeyError` sur cet identifiant, comme pour tout parent manquant&#xa0;: rien ne s&apos;exécute.</translation>
    </message>
    <message>
        <source>A squash replaced `a2242b61af45` and its ancestors with `b891cb8863b5`. The migration after it, `c3d4e5f6a7b8_add_catch_all.py`, was kept, but the author of the squash updated only its docstring: `down_revision` still said `a2242b61af45`. Every environment failed at the next deploy with `KeyError: &apos;a2242b61af45&apos;`.</source>
        <translation>Un squash a remplacé `a2242b61af45` et ses ancêtres par `b891cb8863b5`. La migration suivante, `c3d4e5f6a7b8_add_catch_all.py`, a été conservée, mais l&apos;auteur du squash n&apos;a mis à jour que sa docstring&#xa0;: `down_revision` indiquait toujours `a2242b61af45`. Tous les environnements ont échoué au déploiement suivant avec `KeyError: &apos;a2242b61af45&apos;`.</translation>
    </message>
    <message>
        <source>Point the reference at the revision that replaces the removed one (the finding names it), e.g. `down_revision = &quot;b891cb8863b5&quot;`.
Update the docstring&apos;s `Revises:` line to match.
Compare again with `revscope diff --from &lt;before&gt; --to &lt;after&gt;`: no dangling reference should remain.</source>
        <translation>Faites pointer la référence vers la révision qui remplace la révision supprimée (le constat la nomme), par exemple `down_revision = &quot;b891cb8863b5&quot;`.
Mettez à jour la ligne `Revises:` de la docstring en conséquence.
Comparez de nouveau avec `revscope diff --from &lt;before&gt; --to &lt;after&gt;`&#xa0;: il ne doit rester aucune référence pendante.</translation>
    </message>
    <message>
        <source>After a squash, a `.pyc` of the newer version still defines a removed revision. With `sourceless = true` Alembic loads it and the removed revision comes back next to its replacement; copied into an image, it misleads whoever debugs the next failure.</source>
        <translation>Après un squash, un `.pyc` de la nouvelle version définit encore une révision supprimée. Avec `sourceless = true`, Alembic le charge et la révision supprimée réapparaît à côté de sa remplaçante&#x202f;; copié dans une image, il induit en erreur quiconque débogue la panne suivante.</translation>
    </message>
    <message>
        <source>A team squashed into `b891cb8863b5` and pushed. Their CI restored `alembic/versions/__pycache__` from a cache keyed on the dependency lock file, not on the sources, so the image still held `a2242b61af45_add_index.cpython-311.pyc`. In their `sourceless = true` build, Alembic loaded it, found two heads, and stopped with `Multiple head revisions are present for given argument &apos;head&apos;`.</source>
        <translation>Une équipe a fait un squash dans `b891cb8863b5` et l&apos;a poussé. Sa CI restaurait `alembic/versions/__pycache__` depuis un cache indexé sur le fichier de verrouillage des dépendances, et non sur les sources&#x202f;; l&apos;image contenait donc encore `a2242b61af45_add_index.cpython-311.pyc`. Dans son build avec `sourceless = true`, Alembic l&apos;a chargé, a trouvé deux têtes et s&apos;est arrêté avec `Multiple head revisions are present for given argument &apos;head&apos;`.</translation>
    </message>
    <message>
        <source>Delete the bytecode: `revscope clean --apply` (in the app: Clean Up…).
Keep `__pycache__` out of CI caches and Docker build contexts (`**/__pycache__` and `**/*.pyc` in `.dockerignore`).
Rebuild the image: once the files are out of the context, the COPY layer changes and the cached one is not used.</source>
        <translation>Supprimez le bytecode&#xa0;: `revscope clean --apply` (dans l&apos;application&#xa0;: Nettoyer…).
Gardez `__pycache__` hors des caches de CI et des contextes de build Docker (`**/__pycache__` et `**/*.pyc` dans `.dockerignore`).
Reconstruisez l&apos;image&#xa0;: une fois les fichiers sortis du contexte, la couche COPY change et celle en cache n&apos;est pas réutilisée.</translation>
    </message>
    <message>
        <source>Comparing two versions with a database (`revscope diff --from &lt;old&gt; --to &lt;new&gt; --db URL`), the database&apos;s version table holds a revision that the squash removed. Once the newer version is deployed, every Alembic command that reads this database stops with `Can&apos;t locate revision identified by &apos;...&apos;`. The squash&apos;s replacing revision stands for the removed one: when the database&apos;s schema is what that revision produces, stamping the database at it lets Alembic continue.</source>
        <translation>La comparaison de deux versions avec une base de données (`revscope diff --from &lt;old&gt; --to &lt;new&gt; --db URL`) montre que la table de version de la base de données contient une révision que le squash a supprimée. Une fois la nouvelle version déployée, chaque commande Alembic qui lit cette base de données s&apos;arrête avec `Can&apos;t locate revision identified by &apos;...&apos;`. La révision de remplacement du squash tient lieu de la révision supprimée&#xa0;: quand le schéma de la base de données est celui que produit cette révision, estampiller la base de données à cette révision permet à Alembic de continuer.</translation>
    </message>
    <message>
        <source>A squash replaced `a2242b61af45`, the revision production was at, with `b891cb8863b5_initial_squashed_migration.py`. The deploy failed with `Can&apos;t locate revision identified by &apos;a2242b61af45&apos;`, and the team first went hunting for stale bytecode. The schema already matched the squash: one stamp at `b891cb8863b5`, without migrating, was the whole fix, and the next `alembic upgrade head` ran only the migrations added after the squash.</source>
        <translation>Un squash a remplacé `a2242b61af45`, la révision à laquelle se trouvait la production, par `b891cb8863b5_initial_squashed_migration.py`. Le déploiement a échoué avec `Can&apos;t locate revision identified by &apos;a2242b61af45&apos;`, et l&apos;équipe est d&apos;abord partie à la chasse au bytecode obsolète. Le schéma correspondait déjà au squash&#xa0;: un seul estampillage à `b891cb8863b5`, sans migrer, constituait toute la correction, et le `alembic upgrade head` suivant n&apos;a exécuté que les migrations ajoutées après le squash.</translation>
    </message>
    <message>
        <source>Check that the database&apos;s schema is what the replacing revision produces. It is when the database was at the newest revision the squash covers; if it was at an older one, the finding says so: upgrade it with the older version&apos;s migrations first.
If Revscope inferred the wrong replacement, name it: `revscope diff --from &lt;old&gt; --to &lt;new&gt; --squash &lt;replacing revision&gt;=&lt;removed revision&gt;`.
Stamp the replacing revision without migrating: `revscope db stamp --db URL &lt;replacing revision&gt; --yes` (in the app: Database ▸ Stamp…, undoable), or `alembic stamp --purge &lt;replacing revision&gt;`.
Do this for every database (staging, production, developers&apos; copies) before or as part of the deploy that ships the squash; then `alembic upgrade head` works as usual.</source>
        <translation>Vérifiez que le schéma de la base de données est celui que produit la révision de remplacement. C&apos;est le cas quand la base de données était à la révision la plus récente couverte par le squash&#x202f;; si elle était à une révision plus ancienne, le constat le dit&#xa0;: mettez-la d&apos;abord à niveau avec les migrations de l&apos;ancienne version.
Si Revscope a déduit le mauvais remplacement, nommez-le&#xa0;: `revscope diff --from &lt;old&gt; --to &lt;new&gt; --squash &lt;replacing revision&gt;=&lt;removed revision&gt;`.
Estampillez la révision de remplacement sans migrer&#xa0;: `revscope db stamp --db URL &lt;replacing revision&gt; --yes` (dans l&apos;application&#xa0;: Base de données ▸ Estampiller…, annulable), ou `alembic stamp --purge &lt;replacing revision&gt;`.
Faites-le pour chaque base de données (préproduction, production, copies des développeurs) avant ou pendant le déploiement qui livre le squash&#x202f;; `alembic upgrade head` fonctionne ensuite comme d&apos;habitude.</translation>
    </message>
    <message>
        <source>The image&apos;s command runs Alembic (for example `alembic upgrade head`) in its working directory, but no COPY puts the Alembic config there. Alembic then stops with `No config file &apos;alembic.ini&apos; found, or file has no &apos;[alembic]&apos; section` or, in newer releases, `No &apos;script_location&apos; key found in configuration`. It typically happens when the Dockerfile sits in a subfolder and copies only that folder, while alembic.ini lives one level up.</source>
        <translation>La commande de l&apos;image lance Alembic (par exemple `alembic upgrade head`) dans son répertoire de travail, mais aucun COPY n&apos;y place la configuration Alembic. Alembic s&apos;arrête alors avec `No config file &apos;alembic.ini&apos; found, or file has no &apos;[alembic]&apos; section` ou, dans les versions récentes, `No &apos;script_location&apos; key found in configuration`. Cela arrive typiquement quand le Dockerfile se trouve dans un sous-dossier et ne copie que ce dossier, alors qu&apos;alembic.ini se trouve un niveau au-dessus.</translation>
    </message>
    <message>
        <source>An e-mail hosting team built its API image from `back/api/Dockerfile.prod`, which copied only `./back/api`; `alembic.ini` and the `alembic/` folder lived in `back/`. After the deploy the containers restarted in a loop printing `FAILED: No &apos;script_location&apos; key found in configuration.` Local development had never shown it: docker-compose mounted `./back` over `/app`, so the files were always there.</source>
        <translation>Une équipe d&apos;hébergement de messagerie construisait l&apos;image de son API à partir de `back/api/Dockerfile.prod`, qui ne copiait que `./back/api`&#x202f;; `alembic.ini` et le dossier `alembic/` se trouvaient dans `back/`. Après le déploiement, les conteneurs ont redémarré en boucle en affichant `FAILED: No &apos;script_location&apos; key found in configuration.` Le développement local ne l&apos;avait jamais montré&#xa0;: docker-compose montait `./back` sur `/app`, donc les fichiers étaient toujours là.</translation>
    </message>
    <message>
        <source>Copy the config and its script folder into the image, e.g. `COPY ./back/alembic.ini ./alembic.ini` and `COPY ./back/alembic ./alembic`.
Or move alembic.ini and the migrations into the folder the Dockerfile already copies.
Check with `revscope image --compose FILE --service NAME` (in the app: the Image tab), or run the built image without mounts: `docker run --rm IMAGE alembic current`.</source>
        <translation>Copiez la configuration et son dossier de scripts dans l&apos;image, par exemple `COPY ./back/alembic.ini ./alembic.ini` et `COPY ./back/alembic ./alembic`.
Ou déplacez alembic.ini et les migrations dans le dossier que le Dockerfile copie déjà.
Vérifiez avec `revscope image --compose FILE --service NAME` (dans l&apos;application&#xa0;: l&apos;onglet Image), ou lancez l&apos;image construite sans montages&#xa0;: `docker run --rm IMAGE alembic current`.</translation>
    </message>
    <message>
        <source>The image has the Alembic config, but not the folder its `script_location` names, its env.py, or some revision scripts: the COPY instructions leave them out, or `.dockerignore` excludes them. Alembic then stops (`Path doesn&apos;t exist`, a missing env.py or versions folder), or sees a shorter history than the repository and fails with a missing parent or `Can&apos;t locate revision`.</source>
        <translation>L&apos;image contient la configuration Alembic, mais pas le dossier que désigne son `script_location`, son env.py ou certains scripts de révision&#xa0;: les instructions COPY les laissent de côté, ou `.dockerignore` les exclut. Alembic s&apos;arrête alors (`Path doesn&apos;t exist`, env.py ou dossier versions manquant), ou voit un historique plus court que celui du dépôt et échoue sur un parent manquant ou sur `Can&apos;t locate revision`.</translation>
    </message>
    <message>
        <source>A team added `**/versions` to `.dockerignore` to keep a frontend&apos;s build output out of the context. It also matched `alembic/versions`. The image had alembic.ini and env.py but no migrations, and the first deploy stopped with `FileNotFoundError: [Errno 2] No such file or directory: &apos;/app/alembic/versions&apos;`.</source>
        <translation>Une équipe a ajouté `**/versions` à `.dockerignore` pour garder hors du contexte la sortie de build d&apos;un frontend. Le motif correspondait aussi à `alembic/versions`. L&apos;image avait alembic.ini et env.py, mais aucune migration, et le premier déploiement s&apos;est arrêté avec `FileNotFoundError: [Errno 2] No such file or directory: &apos;/app/alembic/versions&apos;`.</translation>
    </message>
    <message>
        <source>Copy the whole `script_location` folder to where the config points inside the image (a relative `script_location` resolves against the working directory).
Look for `.dockerignore` patterns that match the migrations: `revscope image --format json` gives the deciding line for every excluded file.
Smoke-test the image without mounts: `docker run --rm IMAGE alembic heads`.</source>
        <translation>Copiez tout le dossier `script_location` à l&apos;endroit où la configuration pointe dans l&apos;image (un `script_location` relatif se résout par rapport au répertoire de travail).
Cherchez les motifs de `.dockerignore` qui correspondent aux migrations&#xa0;: `revscope image --format json` donne la ligne déterminante pour chaque fichier exclu.
Faites un test rapide de l&apos;image sans montages&#xa0;: `docker run --rm IMAGE alembic heads`.</translation>
    </message>
    <message>
        <source>COPY or ADD carries `.pyc` files from the build context into the image: the `__pycache__` folders of a developer&apos;s or CI&apos;s checkout. When they define revisions no source defines, Alembic with `sourceless = true` loads them, and the finding is an error; otherwise they are stale leftovers that make the image differ from the repository.</source>
        <translation>COPY ou ADD embarque des fichiers `.pyc` du contexte de build dans l&apos;image&#xa0;: les dossiers `__pycache__` de la copie de travail d&apos;un développeur ou de la CI. Quand ils définissent des révisions qu&apos;aucune source ne définit, Alembic avec `sourceless = true` les charge, et le constat est une erreur&#x202f;; sinon, ce sont des restes obsolètes qui font différer l&apos;image du dépôt.</translation>
    </message>
    <message>
        <source>A team&apos;s `.dockerignore` said `__pycache__` and `*.pyc`, which they believed excluded all bytecode. Docker anchors those patterns at the context root, so `alembic/versions/__pycache__/` went into every image. When a deploy failed after a squash, they found the old revision&apos;s `.pyc` in the image and added `alembic/**/__pycache__`, plus `find ... -delete` steps in the Dockerfile and the start script.</source>
        <translation>Le `.dockerignore` d&apos;une équipe contenait `__pycache__` et `*.pyc`, ce qui, croyait-elle, excluait tout le bytecode. Docker ancre ces motifs à la racine du contexte, donc `alembic/versions/__pycache__/` partait dans chaque image. Quand un déploiement a échoué après un squash, l&apos;équipe a trouvé le `.pyc` de l&apos;ancienne révision dans l&apos;image et ajouté `alembic/**/__pycache__`, ainsi que des étapes `find ... -delete` dans le Dockerfile et le script de démarrage.</translation>
    </message>
    <message>
        <source>Exclude bytecode at every depth in `.dockerignore`: `**/__pycache__` and `**/*.pyc`; `revscope clean --apply` adds both lines (in the app: Clean Up…).
Rebuild: the smaller context changes the COPY layer, so no `--no-cache` is needed.
`revscope image` lists every bytecode file that still reaches the image, with the instruction that copies it.</source>
        <translation>Excluez le bytecode à toutes les profondeurs dans `.dockerignore`&#xa0;: `**/__pycache__` et `**/*.pyc`&#x202f;; `revscope clean --apply` ajoute ces deux lignes (dans l&apos;application&#xa0;: Nettoyer…).
Reconstruisez&#xa0;: le contexte allégé change la couche COPY, donc `--no-cache` n&apos;est pas nécessaire.
`revscope image` liste chaque fichier de bytecode qui atteint encore l&apos;image, avec l&apos;instruction qui le copie.</translation>
    </message>
    <message>
        <source>A compose file mounts a host folder over part of the image (e.g. `./back:/app`), so the files Alembic needs come from the host, not from the image. It works in that setup and hides that the image lacks them; another compose file, production&apos;s, runs the same image without the mount and fails.</source>
        <translation>Un fichier compose monte un dossier de l&apos;hôte sur une partie de l&apos;image (par exemple `./back:/app`)&#xa0;: les fichiers dont Alembic a besoin viennent alors de l&apos;hôte, pas de l&apos;image. Cela fonctionne dans cette configuration et masque l&apos;absence de ces fichiers dans l&apos;image&#x202f;; un autre fichier compose, celui de la production, exécute la même image sans le montage et échoue.</translation>
    </message>
    <message>
        <source>A team&apos;s development compose file mounted `./back:/app` for live reload, so `alembic.ini` and the migrations were always in the container. Production ran the same image without the mount, and every API container restarted in a loop with `FAILED: No &apos;script_location&apos; key found in configuration.` CI had never run the image on its own.</source>
        <translation>Le fichier compose de développement d&apos;une équipe montait `./back:/app` pour le rechargement à chaud, donc `alembic.ini` et les migrations étaient toujours présents dans le conteneur. La production exécutait la même image sans le montage, et chaque conteneur de l&apos;API redémarrait en boucle avec `FAILED: No &apos;script_location&apos; key found in configuration.` La CI n&apos;avait jamais exécuté l&apos;image seule.</translation>
    </message>
    <message>
        <source>Copy what the mount provides in the Dockerfile (e.g. `COPY ./back/alembic.ini ./alembic.ini` and `COPY ./back/alembic ./alembic`); keep the mount for live reload only.
Test the image without the mount before a release: `revscope image --compose docker-compose.prod.yml --service api`, or `docker run --rm IMAGE alembic current`.</source>
        <translation>Copiez dans le Dockerfile ce que fournit le montage (par exemple `COPY ./back/alembic.ini ./alembic.ini` et `COPY ./back/alembic ./alembic`)&#x202f;; gardez le montage uniquement pour le rechargement à chaud.
Testez l&apos;image sans le montage avant une publication&#xa0;: `revscope image --compose docker-compose.prod.yml --service api`, ou `docker run --rm IMAGE alembic current`.</translation>
    </message>
    <message>
        <source>The build context holds Python files, but its ignore file has no rule excluding `__pycache__` folders at every depth (or there is no `.dockerignore` at all). Docker matches `.dockerignore` patterns from the context root: `__pycache__` and `*.pyc` exclude only the root&apos;s, while `**/__pycache__` and `**/*.pyc` exclude them everywhere. A `&lt;Dockerfile&gt;.dockerignore` next to the Dockerfile replaces the root one.</source>
        <translation>Le contexte de build contient des fichiers Python, mais son fichier d&apos;exclusion n&apos;a aucune règle qui exclut les dossiers `__pycache__` à toutes les profondeurs (ou il n&apos;y a pas de `.dockerignore` du tout). Docker applique les motifs de `.dockerignore` à partir de la racine du contexte&#xa0;: `__pycache__` et `*.pyc` n&apos;excluent que ceux de la racine, tandis que `**/__pycache__` et `**/*.pyc` les excluent partout. Un `&lt;Dockerfile&gt;.dockerignore` placé à côté du Dockerfile remplace celui de la racine.</translation>
    </message>
    <message>
        <source>A team&apos;s CI cached the whole workspace between jobs to speed up dependency installs. The cache kept every `__pycache__` the test job wrote, and the Docker build sent them all, because the `.dockerignore` line `*.pyc` only matched files at the context root. Months later, images still carried bytecode of migrations that had been squashed away, and the first person to debug a failed deploy spent a day on them.</source>
        <translation>La CI d&apos;une équipe mettait en cache tout l&apos;espace de travail entre les jobs pour accélérer l&apos;installation des dépendances. Le cache gardait chaque `__pycache__` écrit par le job de test, et le build Docker les envoyait tous, car la ligne `*.pyc` du `.dockerignore` ne correspondait qu&apos;aux fichiers à la racine du contexte. Des mois plus tard, les images contenaient encore le bytecode de migrations supprimées par un squash, et la première personne à déboguer un déploiement raté y a passé une journée.</translation>
    </message>
    <message>
        <source>Add two lines to the `.dockerignore` the build uses (the one next to the Dockerfile, if there is one): `**/__pycache__` and `**/*.pyc`.
`revscope clean --apply` (in the app: Clean Up…) adds them for you; `--no-dockerignore` skips that.
Check with `revscope image`: no `.pyc` file should be listed as included.</source>
        <translation>Ajoutez deux lignes au `.dockerignore` qu&apos;utilise le build (celui placé à côté du Dockerfile, s&apos;il y en a un)&#xa0;: `**/__pycache__` et `**/*.pyc`.
`revscope clean --apply` (dans l&apos;application&#xa0;: Nettoyer…) les ajoute pour vous&#x202f;; `--no-dockerignore` l&apos;en empêche.
Vérifiez avec `revscope image`&#xa0;: aucun fichier `.pyc` ne doit figurer parmi les fichiers inclus.</translation>
    </message>
    <message>
        <source>The Dockerfile has an error that makes Docker refuse to build: an unknown instruction, a missing argument, a stage or `--from` that does not exist. Revscope cannot simulate the image past it, so the other image findings may be incomplete.</source>
        <translation>Le Dockerfile contient une erreur qui fait refuser le build à Docker&#xa0;: une instruction inconnue, un argument manquant, une étape ou un `--from` qui n&apos;existe pas. Revscope ne peut pas simuler l&apos;image au-delà, donc les autres constats sur l&apos;image peuvent être incomplets.</translation>
    </message>
    <message>
        <source>A merge of two Dockerfile changes left conflict markers in `back/api/Dockerfile.prod`. The CI build failed at once with `dockerfile parse error on line 18: unknown instruction: &lt;&lt;&lt;&lt;&lt;&lt;&lt;`. The release waited an hour for someone to look at a red build that a local check would have caught before the push.</source>
        <translation>Une fusion de deux modifications du Dockerfile a laissé des marqueurs de conflit dans `back/api/Dockerfile.prod`. Le build de CI a aussitôt échoué avec `dockerfile parse error on line 18: unknown instruction: &lt;&lt;&lt;&lt;&lt;&lt;&lt;`. La mise en production a attendu une heure que quelqu&apos;un regarde un build en rouge qu&apos;une vérification locale aurait détecté avant le push.</translation>
    </message>
    <message>
        <source>Fix the line the finding names.
Recent Docker releases validate a Dockerfile without building: `docker build --check .`.
Run `revscope image` again to see the simulated image.</source>
        <translation>Corrigez la ligne indiquée par le constat.
Les versions récentes de Docker valident un Dockerfile sans le construire&#xa0;: `docker build --check .`.
Relancez `revscope image` pour voir l&apos;image simulée.</translation>
    </message>
    <message>
        <source>A compose file Docker Compose would refuse: invalid YAML (tabs, broken indentation), a top level that is not a mapping, `services` that is not a mapping. Revscope cannot tell which image, command and volumes the services use.</source>
        <translation>Un fichier compose que Docker Compose refuserait&#xa0;: YAML invalide (tabulations, indentation cassée), un niveau supérieur qui n&apos;est pas un mapping, `services` qui n&apos;est pas un mapping. Revscope ne peut pas savoir quelle image, quelle commande et quels volumes utilisent les services.</translation>
    </message>
    <message>
        <source>A developer edited `docker-compose.prod.yml` in an editor that inserted a tab before `command:`. Compose refused the file with `yaml: line 14: found character that cannot start any token`, and the release pipeline stopped before pulling any image. The editor showed the tab as spaces, so the line looked exactly like its neighbours.</source>
        <translation>Un développeur a modifié `docker-compose.prod.yml` dans un éditeur qui a inséré une tabulation avant `command:`. Compose a refusé le fichier avec `yaml: line 14: found character that cannot start any token`, et le pipeline de mise en production s&apos;est arrêté avant de récupérer la moindre image. L&apos;éditeur affichait la tabulation comme des espaces, si bien que la ligne ressemblait exactement à ses voisines.</translation>
    </message>
    <message>
        <source>Fix the YAML at the line given; indent with spaces only.
`docker compose -f FILE config` validates the file and prints it as Compose reads it.</source>
        <translation>Corrigez le YAML à la ligne indiquée&#x202f;; indentez uniquement avec des espaces.
`docker compose -f FILE config` valide le fichier et l&apos;affiche tel que Compose le lit.</translation>
    </message>
    <message>
        <source>A `.dockerignore` line is not a valid pattern, for example an unclosed `[` or a lone `!`. Docker refuses to build with this ignore file.</source>
        <translation>Une ligne de `.dockerignore` n&apos;est pas un motif valide, par exemple un `[` non fermé ou un `!` isolé. Docker refuse de construire avec ce fichier d&apos;exclusion.</translation>
    </message>
    <message>
        <source>To exclude local build folders, a developer added `build[` to `.dockerignore`, a typo for `build*`. Every build then failed with `syntax error in pattern`, a message that names neither the file nor the line. Two people spent the afternoon bisecting the Dockerfile before anyone looked at `.dockerignore`.</source>
        <translation>Pour exclure des dossiers de build locaux, un développeur a ajouté `build[` à `.dockerignore`, une faute de frappe pour `build*`. Chaque build a ensuite échoué avec `syntax error in pattern`, un message qui ne nomme ni le fichier ni la ligne. Deux personnes ont passé l&apos;après-midi à chercher par dichotomie dans le Dockerfile avant que quelqu&apos;un ne regarde `.dockerignore`.</translation>
    </message>
    <message>
        <source>Fix or remove the line the finding names; escape a literal `[` as `[[]`.
A `!` line needs a pattern after it, e.g. `!keep/this.txt`.</source>
        <translation>Corrigez ou supprimez la ligne indiquée par le constat&#x202f;; échappez un `[` littéral sous la forme `[[]`.
Une ligne `!` doit être suivie d&apos;un motif, par exemple `!keep/this.txt`.</translation>
    </message>
    <message>
        <source>ADD unpacks a local tar archive (plain, gzip, bzip2 or xz) into the image. This file looks like an archive but cannot be read as one, so Docker copies it as it is, and the files it was meant to contain are missing from the image.</source>
        <translation>ADD décompresse une archive tar locale (non compressée, gzip, bzip2 ou xz) dans l&apos;image. Ce fichier ressemble à une archive mais ne peut pas être lu comme telle&#x202f;; Docker le copie donc tel quel, et les fichiers qu&apos;il devait contenir manquent dans l&apos;image.</translation>
    </message>
    <message>
        <source>A team shipped its migrations as `migrations.tar.gz`, stored with Git LFS, and unpacked it with `ADD migrations.tar.gz /app/`. A new CI runner checked out without LFS, so the file in the context was the small text pointer. Docker copied the pointer instead of unpacking it, and the container stopped with `Path doesn&apos;t exist: &apos;/app/alembic&apos;`.</source>
        <translation>Une équipe livrait ses migrations sous la forme de `migrations.tar.gz`, stocké avec Git LFS, et le décompressait avec `ADD migrations.tar.gz /app/`. Un nouveau runner de CI a fait son checkout sans LFS, si bien que le fichier du contexte était le petit pointeur texte. Docker a copié le pointeur au lieu de le décompresser, et le conteneur s&apos;est arrêté avec `Path doesn&apos;t exist: &apos;/app/alembic&apos;`.</translation>
    </message>
    <message>
        <source>Check the archive in the build context: `tar -tf FILE` must list its contents (with Git LFS, run `git lfs pull` first).
Or COPY the folder itself instead of an archive.</source>
        <translation>Vérifiez l&apos;archive dans le contexte de build&#xa0;: `tar -tf FILE` doit lister son contenu (avec Git LFS, lancez d&apos;abord `git lfs pull`).
Ou copiez le dossier lui-même avec COPY au lieu d&apos;une archive.</translation>
    </message>
    <message>
        <source>The Docker build would fail at this instruction: a COPY source that is not in the build context or is excluded by `.dockerignore`, a target stage that does not exist, and the like. Revscope stops simulating the image there.</source>
        <translation>Le build Docker échouerait à cette instruction&#xa0;: une source de COPY absente du contexte de build ou exclue par `.dockerignore`, une étape cible qui n&apos;existe pas, etc. Revscope arrête la simulation de l&apos;image à cet endroit.</translation>
    </message>
    <message>
        <source>To keep local credentials out of images, a team added `**/*.ini` to `.dockerignore`. That also excluded `back/alembic.ini`, and the build stopped at `COPY ./back/alembic.ini ./alembic.ini` with `failed to compute cache key: ... &quot;/back/alembic.ini&quot;: not found`. The message did not mention `.dockerignore`, so it took a while to connect the two.</source>
        <translation>Pour garder les identifiants locaux hors des images, une équipe a ajouté `**/*.ini` à `.dockerignore`. Cela excluait aussi `back/alembic.ini`, et le build s&apos;est arrêté à `COPY ./back/alembic.ini ./alembic.ini` avec `failed to compute cache key: ... &quot;/back/alembic.ini&quot;: not found`. Le message ne mentionnait pas `.dockerignore`, et il a fallu un moment pour faire le lien.</translation>
    </message>
    <message>
        <source>For an excluded source, add an exception after the excluding line, e.g. `!back/alembic.ini`.
For a missing source, check the build context (`context:` in compose, or the last argument of `docker build`): COPY paths are relative to it, not to the Dockerfile.
`revscope image --format json` shows the deciding `.dockerignore` line for every file.</source>
        <translation>Pour une source exclue, ajoutez une exception après la ligne qui l&apos;exclut, par exemple `!back/alembic.ini`.
Pour une source manquante, vérifiez le contexte de build (`context:` dans compose, ou le dernier argument de `docker build`)&#xa0;: les chemins de COPY sont relatifs à celui-ci, pas au Dockerfile.
`revscope image --format json` montre la ligne déterminante de `.dockerignore` pour chaque fichier.</translation>
    </message>
    <message>
        <source>This version of Revscope has no page for the finding code %1. It may come from a newer Revscope, or from another tool writing the same report format.</source>
        <translation>Cette version de Revscope n&apos;a pas de page pour le code de constat %1. Il peut venir d&apos;une version plus récente de Revscope, ou d&apos;un autre outil qui écrit le même format de rapport.</translation>
    </message>
    <message>
        <source>Read the finding&apos;s message and its fix line: they describe this case.
Run `revscope help` for the codes this version explains.</source>
        <translation>Lisez le message du constat et sa ligne de correction&#xa0;: ils décrivent ce cas.
Lancez `revscope help` pour voir les codes que cette version explique.</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <source>Revision graph</source>
        <translation>Graphe des révisions</translation>
    </message>
    <message>
        <source>Bytecode</source>
        <translation>Bytecode</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <source>Releases and squashes</source>
        <translation>Versions publiées et squashs</translation>
    </message>
    <message>
        <source>Docker image</source>
        <translation>Image Docker</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autres</translation>
    </message>
    <message>
        <source>%1 · %2 · default severity: %3</source>
        <translation>%1 · %2 · gravité par défaut&#xa0;: %3</translation>
    </message>
    <message>
        <source>What Revscope saw</source>
        <translation>Ce que Revscope a constaté</translation>
    </message>
    <message>
        <source>How it bites</source>
        <translation>Comment cela se manifeste</translation>
    </message>
    <message>
        <source>How to fix it</source>
        <translation>Comment corriger</translation>
    </message>
    <message>
        <source>%1 · default severity: %2</source>
        <translation>%1 · gravité par défaut&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>GitSnapshot</name>
    <message>
        <source>%1 is not inside a git repository</source>
        <translation>%1 n&apos;est pas dans un dépôt git</translation>
    </message>
    <message>
        <source>%1 cannot be found: this is a shallow clone without that history (run &apos;git fetch --unshallow&apos; first)</source>
        <translation>%1 est introuvable&#xa0;: ce clone superficiel ne contient pas cet historique (lancez d&apos;abord «&#xa0;git fetch --unshallow&#xa0;»)</translation>
    </message>
    <message>
        <source>%1 is not a commit of this repository (%2)</source>
        <translation>%1 n&apos;est pas un commit de ce dépôt (%2)</translation>
    </message>
    <message>
        <source>%1 does not name a commit (%2)</source>
        <translation>%1 ne désigne pas un commit (%2)</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>GitTriage</name>
    <message>
        <source>deleted in %1 &apos;%2&apos; (%3, %4)</source>
        <translation>supprimée dans le commit %1 «&#xa0;%2&#xa0;» (%3, %4)</translation>
    </message>
    <message>
        <source>defined on branch %1 (not merged here)</source>
        <translation>définie sur la branche %1 (non fusionnée ici)</translation>
    </message>
    <message>
        <source>no history to search: this is a shallow clone (run `git fetch --unshallow` to find the commit that removed %1)</source>
        <translation>aucun historique où chercher&#xa0;: c&apos;est un clone superficiel (lancez `git fetch --unshallow` pour trouver le commit qui a supprimé %1)</translation>
    </message>
    <message>
        <source>no commit among the newest ones searched removed a script defining %1, and no branch defines it</source>
        <translation>aucun des commits les plus récents examinés n&apos;a supprimé de script définissant %1, et aucune branche ne la définit</translation>
    </message>
    <message>
        <source>no commit in the history removed a script defining %1, and no branch defines it</source>
        <translation>aucun commit de l&apos;historique n&apos;a supprimé de script définissant %1, et aucune branche ne la définit</translation>
    </message>
    <message>
        <source>deleted in %1 &apos;%2&apos; (%3, %4); replaced by %5 → stamp the database to %5</source>
        <translation>supprimée dans le commit %1 «&#xa0;%2&#xa0;» (%3, %4)&#x202f;; remplacée par %5 → estampillez la base de données à %5</translation>
    </message>
    <message>
        <source>deleted in %1 &apos;%2&apos; (%3, %4); replaced by %5 → point the reference at %5</source>
        <translation>supprimée dans le commit %1 «&#xa0;%2&#xa0;» (%3, %4)&#x202f;; remplacée par %5 → faites pointer la référence vers %5</translation>
    </message>
</context>
<context>
    <name>GraphAnalyzer</name>
    <message>
        <source>Revision %1 has down_revision %2, which exists only as bytecode that Alembic does not load; Alembic stops with an error.</source>
        <translation>La révision %1 a pour down_revision %2, qui n&apos;existe que sous forme de bytecode qu&apos;Alembic ne charge pas&#x202f;; Alembic s&apos;arrête sur une erreur.</translation>
    </message>
    <message>
        <source>Restore the source file of %1 (or set sourceless = true if the bytecode is meant to be loaded), or change down_revision in %2 to the revision it really follows.</source>
        <translation>Restaurez le fichier source de %1 (ou définissez sourceless = true si le bytecode doit être chargé), ou modifiez down_revision dans %2 pour désigner la révision que ce script suit réellement.</translation>
    </message>
    <message>
        <source>Revision %1 has down_revision %2, but no migration script defines %2; Alembic stops with an error.</source>
        <translation>La révision %1 a pour down_revision %2, mais aucun script de migration ne définit %2&#x202f;; Alembic s&apos;arrête sur une erreur.</translation>
    </message>
    <message>
        <source>Restore the script that defines %1, or change down_revision in %2 to the revision it really follows.</source>
        <translation>Restaurez le script qui définit %1, ou modifiez down_revision dans %2 pour désigner la révision que ce script suit réellement.</translation>
    </message>
    <message>
        <source>Revision %1 depends on %2, which is neither a revision nor a branch label Alembic loads; Alembic stops with an error.</source>
        <translation>La révision %1 dépend de %2, qui n&apos;est ni une révision ni une étiquette de branche chargée par Alembic&#x202f;; Alembic s&apos;arrête sur une erreur.</translation>
    </message>
    <message>
        <source>Correct depends_on in %1 to an existing revision id or branch label, or remove %2 from it.</source>
        <translation>Corrigez depends_on dans %1 pour désigner un identifiant de révision ou une étiquette de branche existants, ou retirez-en %2.</translation>
    </message>
    <message numerus="yes">
        <source>Revision id %1 is defined by %n files: %2. Alembic warns and uses only the last one loaded (%3); the others are ignored.</source>
        <translation>
            <numerusform>L&apos;identifiant de révision %1 est défini par %n fichier&#xa0;: %2. Alembic émet un avertissement et n&apos;utilise que le dernier chargé (%3)&#x202f;; les autres sont ignorés.</numerusform>
            <numerusform>L&apos;identifiant de révision %1 est défini par %n fichiers&#xa0;: %2. Alembic émet un avertissement et n&apos;utilise que le dernier chargé (%3)&#x202f;; les autres sont ignorés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete the copy that should not exist, or give one of the scripts a new revision id and update the down_revision of the revisions that follow it.</source>
        <translation>Supprimez la copie qui ne devrait pas exister, ou donnez un nouvel identifiant de révision à l&apos;un des scripts et mettez à jour le down_revision des révisions qui le suivent.</translation>
    </message>
    <message>
        <source>Revision %1 names itself in down_revision; Alembic refuses to load the scripts (self-loop).</source>
        <translation>La révision %1 se désigne elle-même dans down_revision&#x202f;; Alembic refuse de charger les scripts (boucle sur elle-même).</translation>
    </message>
    <message>
        <source>Set down_revision in %1 to the revision it follows.</source>
        <translation>Dans %1, définissez down_revision sur la révision que ce script suit.</translation>
    </message>
    <message>
        <source>Revision %1 depends on itself through depends_on; Alembic refuses to load the scripts (dependency self-loop).</source>
        <translation>La révision %1 dépend d&apos;elle-même via depends_on&#x202f;; Alembic refuse de charger les scripts (boucle de dépendance sur elle-même).</translation>
    </message>
    <message>
        <source>Remove the entry naming %1 itself (or its own branch label) from depends_on in %2.</source>
        <translation>Retirez de depends_on, dans %2, l&apos;entrée qui désigne %1 elle-même (ou sa propre étiquette de branche).</translation>
    </message>
    <message>
        <source>Revisions %1 form a cycle through down_revision; Alembic refuses to load the scripts.</source>
        <translation>Les révisions %1 forment un cycle via down_revision&#x202f;; Alembic refuse de charger les scripts.</translation>
    </message>
    <message>
        <source>Revisions %1 form a cycle through down_revision that Alembic does not detect; its history and upgrade order for them are wrong.</source>
        <translation>Les révisions %1 forment un cycle via down_revision qu&apos;Alembic ne détecte pas&#x202f;; son historique et son ordre de mise à niveau sont faux pour ces révisions.</translation>
    </message>
    <message>
        <source>Make the chain end at a base: point down_revision of one of these revisions (for example in %1) at an older revision outside the cycle.</source>
        <translation>Faites aboutir la chaîne à une base&#xa0;: faites pointer le down_revision de l&apos;une de ces révisions (par exemple dans %1) vers une révision plus ancienne, hors du cycle.</translation>
    </message>
    <message>
        <source>Revisions %1 form a cycle through depends_on and down_revision; Alembic refuses to load the scripts.</source>
        <translation>Les révisions %1 forment un cycle via depends_on et down_revision&#x202f;; Alembic refuse de charger les scripts.</translation>
    </message>
    <message>
        <source>Revisions %1 form a cycle through depends_on and down_revision that Alembic does not detect; it upgrades them in an order that breaks a dependency.</source>
        <translation>Les révisions %1 forment un cycle via depends_on et down_revision qu&apos;Alembic ne détecte pas&#x202f;; il les met à niveau dans un ordre qui rompt une dépendance.</translation>
    </message>
    <message>
        <source>Remove the depends_on entry that points at a newer revision of the cycle (for example in %1).</source>
        <translation>Retirez l&apos;entrée depends_on qui pointe vers une révision plus récente du cycle (par exemple dans %1).</translation>
    </message>
    <message>
        <source>Branch label &apos;%1&apos; of revision %2 is also the id of a revision; Alembic refuses to load the scripts.</source>
        <translation>L&apos;étiquette de branche «&#xa0;%1&#xa0;» de la révision %2 est aussi l&apos;identifiant d&apos;une révision&#x202f;; Alembic refuse de charger les scripts.</translation>
    </message>
    <message>
        <source>Branch label &apos;%1&apos; is declared twice for revision %2 (twice in branch_labels, or by two scripts with that id); Alembic refuses to load the scripts.</source>
        <translation>L&apos;étiquette de branche «&#xa0;%1&#xa0;» est déclarée deux fois pour la révision %2 (deux fois dans branch_labels, ou par deux scripts ayant cet identifiant)&#x202f;; Alembic refuse de charger les scripts.</translation>
    </message>
    <message>
        <source>Branch label &apos;%1&apos; of revision %2 is already used by revision %3; Alembic refuses to load the scripts.</source>
        <translation>L&apos;étiquette de branche «&#xa0;%1&#xa0;» de la révision %2 est déjà utilisée par la révision %3&#x202f;; Alembic refuse de charger les scripts.</translation>
    </message>
    <message>
        <source>Rename the branch label in branch_labels of %1, and update any depends_on or &apos;%2@head&apos; that means this branch.</source>
        <translation>Renommez l&apos;étiquette de branche dans le branch_labels de %1, et mettez à jour tout depends_on ou «&#xa0;%2@head&#xa0;» qui désigne cette branche.</translation>
    </message>
    <message numerus="yes">
        <source>%n labelled branches each end in their own head: %1. `alembic upgrade head` refuses; use `alembic upgrade heads` or `&lt;label&gt;@head`.</source>
        <translation>
            <numerusform>%n branche étiquetée se termine par sa propre tête&#xa0;: %1. `alembic upgrade head` refuse&#x202f;; utilisez `alembic upgrade heads` ou `&lt;label&gt;@head`.</numerusform>
            <numerusform>%n branches étiquetées se terminent chacune par leur propre tête&#xa0;: %1. `alembic upgrade head` refuse&#x202f;; utilisez `alembic upgrade heads` ou `&lt;label&gt;@head`.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to do if the branches are meant to stay separate; otherwise join them with `alembic merge heads -m &quot;merge heads&quot;`.</source>
        <translation>Rien à faire si les branches doivent rester séparées&#x202f;; sinon, réunissez-les avec `alembic merge heads -m &quot;merge heads&quot;`.</translation>
    </message>
    <message numerus="yes">
        <source>There are %n heads: %1. `alembic upgrade head` stops with &quot;Multiple head revisions are present&quot; until they are merged.</source>
        <translation>
            <numerusform>Il y a %n tête&#xa0;: %1. `alembic upgrade head` s&apos;arrête avec «&#xa0;Multiple head revisions are present&#xa0;» tant qu&apos;elles ne sont pas fusionnées.</numerusform>
            <numerusform>Il y a %n têtes&#xa0;: %1. `alembic upgrade head` s&apos;arrête avec «&#xa0;Multiple head revisions are present&#xa0;» tant qu&apos;elles ne sont pas fusionnées.</numerusform>
        </translation>
    </message>
    <message>
        <source>If the labelled branches are meant to stay separate, run `alembic upgrade heads` (not `head`) everywhere migrations are applied; otherwise join them with `alembic merge heads -m &quot;merge heads&quot;`.</source>
        <translation>Si les branches étiquetées doivent rester séparées, lancez `alembic upgrade heads` (et non `head`) partout où des migrations sont appliquées&#x202f;; sinon, réunissez-les avec `alembic merge heads -m &quot;merge heads&quot;`.</translation>
    </message>
    <message>
        <source>Run `alembic merge heads -m &quot;merge heads&quot;` to add a merge revision; or, if %1 was meant to follow another head, change its down_revision in %2.</source>
        <translation>Lancez `alembic merge heads -m &quot;merge heads&quot;` pour ajouter une révision de fusion&#x202f;; ou, si %1 devait suivre une autre tête, modifiez son down_revision dans %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n independent branches each start at their own base: %1.</source>
        <translation>
            <numerusform>%n branche indépendante part de sa propre base&#xa0;: %1.</numerusform>
            <numerusform>%n branches indépendantes partent chacune de leur propre base&#xa0;: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to do if the branches are meant to be independent.</source>
        <translation>Rien à faire si les branches doivent être indépendantes.</translation>
    </message>
    <message numerus="yes">
        <source>There are %n bases (revisions with down_revision = None): %1. Usually one of them was created with a missing down_revision.</source>
        <translation>
            <numerusform>Il y a %n base (révision avec down_revision = None)&#xa0;: %1. En général, l&apos;une d&apos;elles a été créée avec un down_revision manquant.</numerusform>
            <numerusform>Il y a %n bases (révisions avec down_revision = None)&#xa0;: %1. En général, l&apos;une d&apos;elles a été créée avec un down_revision manquant.</numerusform>
        </translation>
    </message>
    <message>
        <source>If %1 should follow another revision, set down_revision in %2 to it; if the roots are meant to be separate, give each branch a branch label.</source>
        <translation>Si %1 doit suivre une autre révision, indiquez celle-ci comme down_revision dans %2&#x202f;; si les racines doivent rester séparées, donnez une étiquette de branche à chaque branche.</translation>
    </message>
</context>
<context>
    <name>GraphCommand</name>
    <message>
        <source>Draw the revision graph of an Alembic project with Graphviz.
The format follows FILE&apos;s extension: .svg, .png, .pdf or .dot.
A project with several environments is drawn as one graph with a box per environment.
Ghost revisions (referenced, defined nowhere) are dashed, bytecode-only ones filled, depends_on links dashed and heads bold.</source>
        <translation>Dessiner le graphe des révisions d&apos;un projet Alembic avec Graphviz.
Le format dépend de l&apos;extension de FILE&#xa0;: .svg, .png, .pdf ou .dot.
Un projet à plusieurs environnements est dessiné en un seul graphe, avec un cadre par environnement.
Les révisions fantômes (référencées, définies nulle part) sont en pointillés, celles définies uniquement par du bytecode sont remplies, les liens depends_on sont en pointillés et les têtes en gras.</translation>
    </message>
    <message>
        <source>Project folder (default: the current folder).</source>
        <translation>Dossier du projet (par défaut&#xa0;: le dossier courant).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>File to write (.svg, .png, .pdf or .dot).</source>
        <translation>Fichier à écrire (.svg, .png, .pdf ou .dot).</translation>
    </message>
    <message>
        <source>Draw each linear run of revisions as one node; heads, bases, branch and merge points and labelled revisions stay.</source>
        <translation>Dessiner chaque suite linéaire de révisions comme un seul nœud&#x202f;; les têtes, les bases, les points d&apos;embranchement et de fusion et les révisions étiquetées restent visibles.</translation>
    </message>
    <message>
        <source>TB: parents above children (default); LR: left of them.</source>
        <translation>TB&#xa0;: parents au-dessus des enfants (par défaut)&#x202f;; LR&#xa0;: à leur gauche.</translation>
    </message>
    <message>
        <source>Draw only this Alembic config file.</source>
        <translation>Dessiner uniquement ce fichier de configuration Alembic.</translation>
    </message>
    <message>
        <source>revscope graph: --output FILE is required (.svg, .png, .pdf or .dot).</source>
        <translation>revscope graph&#xa0;: --output FILE est obligatoire (.svg, .png, .pdf ou .dot).</translation>
    </message>
    <message>
        <source>revscope graph: cannot tell the format of %1 from its extension (use .svg, .png, .pdf or .dot).</source>
        <translation>revscope graph&#xa0;: impossible de déduire le format de %1 de son extension (utilisez .svg, .png, .pdf ou .dot).</translation>
    </message>
    <message>
        <source>revscope graph: unknown --direction &apos;%1&apos; (use TB or LR).</source>
        <translation>revscope graph&#xa0;: valeur de --direction inconnue «&#xa0;%1&#xa0;» (utilisez TB ou LR).</translation>
    </message>
    <message>
        <source>revscope graph: no Alembic environment was found under %1.</source>
        <translation>revscope graph&#xa0;: aucun environnement Alembic n&apos;a été trouvé sous %1.</translation>
    </message>
    <message>
        <source>revscope graph: %1</source>
        <translation>revscope graph&#xa0;: %1</translation>
    </message>
    <message>
        <source>revscope graph: cannot write %1: %2.</source>
        <translation>revscope graph&#xa0;: impossible d&apos;écrire %1&#xa0;: %2.</translation>
    </message>
</context>
<context>
    <name>GraphLayout</name>
    <message>
        <source>Graphviz placed no node &apos;%1&apos;.</source>
        <translation>Graphviz n&apos;a placé aucun nœud «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Unknown graph format &apos;%1&apos; (use %2).</source>
        <translation>Format de graphe «&#xa0;%1&#xa0;» inconnu (utilisez %2).</translation>
    </message>
    <message>
        <source>Graphviz could not create the graph.</source>
        <translation>Graphviz n&apos;a pas pu créer le graphe.</translation>
    </message>
    <message>
        <source>Graphviz could not lay out the graph.</source>
        <translation>Graphviz n&apos;a pas pu calculer la disposition du graphe.</translation>
    </message>
    <message>
        <source>Graphviz could not render the graph.</source>
        <translation>Graphviz n&apos;a pas pu dessiner le graphe.</translation>
    </message>
</context>
<context>
    <name>GraphPanel</name>
    <message>
        <source>head</source>
        <translation>tête</translation>
    </message>
    <message>
        <source>base</source>
        <translation>base</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>fusion</translation>
    </message>
    <message>
        <source>branch point</source>
        <translation>embranchement</translation>
    </message>
    <message>
        <source>db</source>
        <translation>bdd</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>pyc only</source>
        <translation>pyc seul</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 revisions&lt;/b&gt; in a linear run</source>
        <translation>&lt;b&gt;%1 révisions&lt;/b&gt; dans une suite linéaire</translation>
    </message>
    <message>
        <source>from &lt;tt&gt;%1&lt;/tt&gt; to &lt;tt&gt;%2&lt;/tt&gt;</source>
        <translation>de &lt;tt&gt;%1&lt;/tt&gt; à &lt;tt&gt;%2&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;Click to expand.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Cliquez pour déplier.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Referenced but defined by no script or bytecode.</source>
        <translation>Référencée, mais aucun script ni bytecode ne la définit.</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Fichier&#xa0;: %1</translation>
    </message>
    <message>
        <source>Defined only by bytecode: its script is gone.</source>
        <translation>Définie uniquement par du bytecode&#xa0;: son script a disparu.</translation>
    </message>
    <message>
        <source>merge point</source>
        <translation>point de fusion</translation>
    </message>
    <message>
        <source>Branch labels: %1</source>
        <translation>Étiquettes de branche&#xa0;: %1</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Base de données&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s), worst: %1</source>
        <translation>
            <numerusform>%n constat, le plus grave&#xa0;: %1</numerusform>
            <numerusform>%n constats, le plus grave&#xa0;: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>missing revision</source>
        <translation>révision manquante</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>supprimée</translation>
    </message>
    <message>
        <source>added</source>
        <translation>ajoutée</translation>
    </message>
    <message>
        <source>rewired</source>
        <translation>rebranchée</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>modifiée</translation>
    </message>
    <message>
        <source>Removed in the newer version; nothing replaces it.</source>
        <translation>Supprimée dans la nouvelle version&#x202f;; rien ne la remplace.</translation>
    </message>
    <message>
        <source>Removed in the newer version; %1 replaces it.</source>
        <translation>Supprimée dans la nouvelle version&#x202f;; %1 la remplace.</translation>
    </message>
    <message>
        <source>Added in the newer version.</source>
        <translation>Ajoutée dans la nouvelle version.</translation>
    </message>
    <message>
        <source>Its down_revision changed in the newer version.</source>
        <translation>Son down_revision a changé dans la nouvelle version.</translation>
    </message>
    <message>
        <source>Its script changed in the newer version.</source>
        <translation>Son script a changé dans la nouvelle version.</translation>
    </message>
</context>
<context>
    <name>GraphvizPos</name>
    <message>
        <source>&apos;%1&apos; is not a point &quot;x,y&quot;.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un point «&#xa0;x,y&#xa0;».</translation>
    </message>
    <message>
        <source>the arrow point &apos;%1&apos; is repeated or after the spline.</source>
        <translation>le point de flèche «&#xa0;%1&#xa0;» est répété ou placé après la spline.</translation>
    </message>
    <message>
        <source>a spline needs 3n+1 control points (n &gt;= 1), not %1.</source>
        <translation>une spline nécessite 3n+1 points de contrôle (n &gt;= 1), et non %1.</translation>
    </message>
    <message>
        <source>the edge has no spline.</source>
        <translation>l&apos;arête n&apos;a pas de spline.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a bounding box &quot;llx,lly,urx,ury&quot;.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une boîte englobante «&#xa0;llx,lly,urx,ury&#xa0;».</translation>
    </message>
</context>
<context>
    <name>HelpCommand</name>
    <message>
        <source>Finding codes by area. &apos;revscope help CODE&apos; explains one: what Revscope saw, how it bites, how to fix it. &apos;revscope --help&apos; lists the commands.</source>
        <translation>Codes de constat par domaine. «&#xa0;revscope help CODE&#xa0;» en explique un&#xa0;: ce que Revscope a constaté, comment cela se manifeste, comment le corriger. «&#xa0;revscope --help&#xa0;» liste les commandes.</translation>
    </message>
    <message>
        <source>Explain a finding code: what Revscope saw and why it matters to Alembic or Docker, a short story of how it bites, and how to fix it. Without CODE, list every code by area. With a command name, show that command&apos;s options.</source>
        <translation>Expliquer un code de constat&#xa0;: ce que Revscope a constaté et pourquoi cela compte pour Alembic ou Docker, un court récit qui montre comment cela se manifeste, et comment le corriger. Sans CODE, lister tous les codes par domaine. Avec un nom de commande, afficher les options de cette commande.</translation>
    </message>
    <message>
        <source>A finding code, e.g. missing-parent, or a command name.</source>
        <translation>Un code de constat, par exemple missing-parent, ou un nom de commande.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>Wrap text at N columns; 0 does not wrap (default: the terminal&apos;s width, at most 100, or 80).</source>
        <translation>Couper le texte à N colonnes&#x202f;; 0 ne coupe pas (par défaut&#xa0;: la largeur du terminal, 100 au plus, ou 80).</translation>
    </message>
    <message>
        <source>revscope help: --width takes a number of columns (0 for no wrapping), not &apos;%1&apos;.</source>
        <translation>revscope help&#xa0;: --width attend un nombre de colonnes (0 pour ne pas couper), et non «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>revscope help: give one finding code at a time.</source>
        <translation>revscope help&#xa0;: donnez un seul code de constat à la fois.</translation>
    </message>
    <message>
        <source>revscope help: there is no finding code &apos;%1&apos;; run &apos;revscope help&apos; for the list.</source>
        <translation>revscope help&#xa0;: il n&apos;y a pas de code de constat «&#xa0;%1&#xa0;»&#x202f;; lancez «&#xa0;revscope help&#xa0;» pour voir la liste.</translation>
    </message>
    <message>
        <source>revscope help: there is no finding code &apos;%1&apos;. Did you mean %2? Run &apos;revscope help&apos; for the list.</source>
        <translation>revscope help&#xa0;: il n&apos;y a pas de code de constat «&#xa0;%1&#xa0;». Vouliez-vous dire %2&#x202f;? Lancez «&#xa0;revscope help&#xa0;» pour voir la liste.</translation>
    </message>
</context>
<context>
    <name>HtmlReport</name>
    <message>
        <source>Contents</source>
        <translation>Sommaire</translation>
    </message>
    <message>
        <source>Click a revision to read its step.</source>
        <translation>Cliquez sur une révision pour lire son étape.</translation>
    </message>
    <message>
        <source>Graphviz wrote an SVG that could not be read.</source>
        <translation>Graphviz a écrit un SVG illisible.</translation>
    </message>
    <message>
        <source>en</source>
        <comment>BCP 47 code of this translation&apos;s language, for the report&apos;s lang attribute</comment>
        <translation>fr</translation>
    </message>
</context>
<context>
    <name>ImageAnalyzer</name>
    <message>
        <source>%1 runs “%2” in %3, but %4 is not in the image: no COPY puts it there, so Alembic fails with “No &apos;script_location&apos; key found in configuration”.</source>
        <translation>%1 lance «&#xa0;%2&#xa0;» dans %3, mais %4 n&apos;est pas dans l&apos;image&#xa0;: aucun COPY ne l&apos;y place, donc Alembic échoue avec «&#xa0;No &apos;script_location&apos; key found in configuration&#xa0;».</translation>
    </message>
    <message>
        <source>Copy the config into the image, e.g. “COPY %1 %2”, together with its script_location folder.</source>
        <translation>Copiez la configuration dans l&apos;image, par exemple «&#xa0;COPY %1 %2&#xa0;», avec son dossier script_location.</translation>
    </message>
    <message>
        <source>Service %1 works under %2 only because %3 is mounted at %4; %5 has no such mount, and its image lacks %6.</source>
        <translation>Le service %1 ne fonctionne sous %2 que parce que %3 est monté sur %4&#x202f;; %5 n&apos;a pas ce montage, et son image ne contient pas %6.</translation>
    </message>
    <message>
        <source>Test the image without the mount, or copy the files the mount provides in the Dockerfile.</source>
        <translation>Testez l&apos;image sans le montage, ou copiez dans le Dockerfile les fichiers que fournit le montage.</translation>
    </message>
    <message>
        <source>%1 uses %2 (script_location %3), but %4 is not in the image (%5 revision file(s) missing): Alembic cannot load the migrations.</source>
        <translation>%1 utilise %2 (script_location %3), mais %4 n&apos;est pas dans l&apos;image (fichiers de révision manquants&#xa0;: %5)&#xa0;: Alembic ne peut pas charger les migrations.</translation>
    </message>
    <message>
        <source>Copy the script_location folder to %1.</source>
        <translation>Copiez le dossier script_location vers %1.</translation>
    </message>
    <message>
        <source>Add “**/__pycache__” and “**/*.pyc” to the ignore file.</source>
        <translation>Ajoutez «&#xa0;**/__pycache__&#xa0;» et «&#xa0;**/*.pyc&#xa0;» au fichier d&apos;exclusion.</translation>
    </message>
    <message>
        <source>The build context of %1 has no .dockerignore, so every __pycache__ folder is sent and can be copied into the image.</source>
        <translation>Le contexte de build de %1 n&apos;a pas de .dockerignore, donc chaque dossier __pycache__ est envoyé et peut être copié dans l&apos;image.</translation>
    </message>
    <message>
        <source>%1 has no rule that excludes __pycache__ folders at every depth (“__pycache__” and “*.pyc” only match at the context root).</source>
        <translation>%1 n&apos;a aucune règle qui exclut les dossiers __pycache__ à toutes les profondeurs («&#xa0;__pycache__&#xa0;» et «&#xa0;*.pyc&#xa0;» ne correspondent qu&apos;à la racine du contexte).</translation>
    </message>
    <message>
        <source>Add “**/__pycache__” and “**/*.pyc”.</source>
        <translation>Ajoutez «&#xa0;**/__pycache__&#xa0;» et «&#xa0;**/*.pyc&#xa0;».</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) of bytecode reach the image of %1 (first: %2, by line %3).</source>
        <translation>
            <numerusform>%n fichier de bytecode arrive dans l&apos;image de %1 (premier&#xa0;: %2, par la ligne %3).</numerusform>
            <numerusform>%n fichiers de bytecode arrivent dans l&apos;image de %1 (premier&#xa0;: %2, par la ligne %3).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>They define %n revision(s) no source file defines: %1; with sourceless on, or as stale caches, Alembic can load them.</source>
        <translation>
            <numerusform>Ils définissent %n révision qu&apos;aucun fichier source ne définit&#xa0;: %1&#xa0;; avec sourceless activé, ou en tant que caches obsolètes, Alembic peut la charger.</numerusform>
            <numerusform>Ils définissent %n révisions qu&apos;aucun fichier source ne définit&#xa0;: %1&#xa0;; avec sourceless activé, ou en tant que caches obsolètes, Alembic peut les charger.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImageCommand</name>
    <message>
        <source>Show which files of the build context land where in the Docker image, and why, with Docker&apos;s .dockerignore and BuildKit&apos;s COPY semantics; then check that the image holds what Alembic needs.</source>
        <translation>Montrer quels fichiers du contexte de build arrivent où dans l&apos;image Docker, et pourquoi, selon la sémantique de .dockerignore de Docker et de COPY de BuildKit&#x202f;; puis vérifier que l&apos;image contient ce dont Alembic a besoin.</translation>
    </message>
    <message>
        <source>Project folder (default: the current folder).</source>
        <translation>Dossier du projet (par défaut&#xa0;: le dossier courant).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>Compose file to read.</source>
        <translation>Fichier compose à lire.</translation>
    </message>
    <message>
        <source>Compose service to show.</source>
        <translation>Service compose à afficher.</translation>
    </message>
    <message>
        <source>Dockerfile to build.</source>
        <translation>Dockerfile à construire.</translation>
    </message>
    <message>
        <source>Build context of --dockerfile (default: PATH).</source>
        <translation>Contexte de build de --dockerfile (par défaut&#xa0;: PATH).</translation>
    </message>
    <message>
        <source>text (default) or json.</source>
        <translation>text (par défaut) ou json.</translation>
    </message>
    <message>
        <source>revscope image: use either --compose or --dockerfile, not both.</source>
        <translation>revscope image&#xa0;: utilisez soit --compose, soit --dockerfile, pas les deux.</translation>
    </message>
    <message>
        <source>revscope image: %1 is not a readable folder.</source>
        <translation>revscope image&#xa0;: %1 n&apos;est pas un dossier lisible.</translation>
    </message>
    <message>
        <source>revscope image: cannot read the Dockerfile %1.</source>
        <translation>revscope image&#xa0;: impossible de lire le Dockerfile %1.</translation>
    </message>
    <message>
        <source>revscope image: the build context %1 is not a readable folder.</source>
        <translation>revscope image&#xa0;: le contexte de build %1 n&apos;est pas un dossier lisible.</translation>
    </message>
    <message>
        <source>revscope image: cannot read the compose file %1.</source>
        <translation>revscope image&#xa0;: impossible de lire le fichier compose %1.</translation>
    </message>
    <message>
        <source>revscope image: %1 has no service “%2” with a build section.</source>
        <translation>revscope image&#xa0;: %1 n&apos;a pas de service «&#xa0;%2&#xa0;» avec une section build.</translation>
    </message>
    <message>
        <source>revscope image: --service needs --compose.</source>
        <translation>revscope image&#xa0;: --service nécessite --compose.</translation>
    </message>
    <message>
        <source>revscope image: --context needs --dockerfile.</source>
        <translation>revscope image&#xa0;: --context nécessite --dockerfile.</translation>
    </message>
    <message>
        <source>Image of %1</source>
        <translation>Image de %1</translation>
    </message>
    <message>
        <source>  Dockerfile %1, context %2, ignore file %3</source>
        <translation>  Dockerfile %1, contexte %2, fichier d&apos;exclusion %3</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>  working directory %1, command: %2</source>
        <translation>  répertoire de travail %1, commande&#xa0;: %2</translation>
    </message>
    <message>
        <source>  PYTHONDONTWRITEBYTECODE is set (line %1): no new bytecode at run time.</source>
        <translation>  PYTHONDONTWRITEBYTECODE est défini (ligne %1)&#xa0;: pas de nouveau bytecode à l&apos;exécution.</translation>
    </message>
    <message>
        <source>  %1 &lt;- from stage %2: %3 (line %4)</source>
        <translation>  %1 &lt;- depuis l&apos;étape %2&#xa0;: %3 (ligne %4)</translation>
    </message>
    <message>
        <source>No Dockerfile or compose service with a build section under %1.</source>
        <translation>Aucun Dockerfile ni service compose avec une section build sous %1.</translation>
    </message>
</context>
<context>
    <name>ImageExplainer</name>
    <message>
        <source>Type a path relative to the build context, e.g. back/alembic.ini.</source>
        <translation>Saisissez un chemin relatif au contexte de build, par exemple back/alembic.ini.</translation>
    </message>
    <message>
        <source>%1 is not in the build context %2.</source>
        <translation>%1 n&apos;est pas dans le contexte de build %2.</translation>
    </message>
    <message>
        <source>Excluded by %1 line %2 “%3”: it is not sent to the builder, so no COPY can put it in the image.</source>
        <translation>Exclu par %1, ligne %2 «&#xa0;%3&#xa0;»&#xa0;: il n&apos;est pas envoyé au moteur de build, donc aucun COPY ne peut le placer dans l&apos;image.</translation>
    </message>
    <message>
        <source>Sent to the builder: %1 line %2 “%3” is the last pattern that matches it.</source>
        <translation>Envoyé au moteur de build&#xa0;: %1, ligne %2 «&#xa0;%3&#xa0;», est le dernier motif qui lui correspond.</translation>
    </message>
    <message>
        <source>Sent to the builder: there is no ignore file.</source>
        <translation>Envoyé au moteur de build&#xa0;: il n&apos;y a pas de fichier d&apos;exclusion.</translation>
    </message>
    <message>
        <source>Sent to the builder: no pattern of %1 matches it.</source>
        <translation>Envoyé au moteur de build&#xa0;: aucun motif de %1 ne lui correspond.</translation>
    </message>
    <message>
        <source>%1 → %2 by Dockerfile line %3: %4</source>
        <translation>%1 → %2 par la ligne %3 du Dockerfile&#xa0;: %4</translation>
    </message>
    <message>
        <source>%1 → %2 through stage %3, Dockerfile line %4: %5</source>
        <translation>%1 → %2 via l&apos;étape %3, ligne %4 du Dockerfile&#xa0;: %5</translation>
    </message>
    <message>
        <source>Removed from the image by Dockerfile line %1: %2</source>
        <translation>Retiré de l&apos;image par la ligne %1 du Dockerfile&#xa0;: %2</translation>
    </message>
    <message>
        <source>No COPY or ADD of the target stage copies it: not in the image.</source>
        <translation>Aucun COPY ni ADD de l&apos;étape cible ne le copie&#xa0;: absent de l&apos;image.</translation>
    </message>
</context>
<context>
    <name>ImageSimulator</name>
    <message>
        <source>The target stage “%1” is not in the Dockerfile.</source>
        <translation>L&apos;étape cible «&#xa0;%1&#xa0;» n&apos;est pas dans le Dockerfile.</translation>
    </message>
    <message>
        <source>COPY source “%1” is excluded by the ignore file, so the build fails with “not found”.</source>
        <translation>La source COPY «&#xa0;%1&#xa0;» est exclue par le fichier d&apos;exclusion, donc la construction échoue avec «&#xa0;not found&#xa0;».</translation>
    </message>
    <message>
        <source>COPY source “%1” is not in the build context: the build fails with “not found”.</source>
        <translation>La source COPY «&#xa0;%1&#xa0;» n&apos;est pas dans le contexte de build&#xa0;: la construction échoue avec «&#xa0;not found&#xa0;».</translation>
    </message>
    <message>
        <source>COPY source “%1”: the folder “%2” is not in the build context, so the build fails.</source>
        <translation>Source COPY «&#xa0;%1&#xa0;»&#xa0;: le dossier «&#xa0;%2&#xa0;» n&apos;est pas dans le contexte de build, donc la construction échoue.</translation>
    </message>
    <message>
        <source>COPY --from=%1 names a stage that is not before this one.</source>
        <translation>COPY --from=%1 désigne une étape qui ne précède pas celle-ci.</translation>
    </message>
    <message>
        <source>COPY --parents source “%1” is not in the build context.</source>
        <translation>La source COPY --parents «&#xa0;%1&#xa0;» n&apos;est pas dans le contexte de build.</translation>
    </message>
    <message>
        <source>COPY source “%1” is a symlink loop: the build fails.</source>
        <translation>La source COPY «&#xa0;%1&#xa0;» est une boucle de liens symboliques&#xa0;: la construction échoue.</translation>
    </message>
    <message>
        <source>COPY source “%1” is a symlink to “%2”, a forbidden path outside the build context: BuildKit looks for it inside the context and fails with “not found”.</source>
        <translation>La source COPY «&#xa0;%1&#xa0;» est un lien symbolique vers «&#xa0;%2&#xa0;», un chemin interdit hors du contexte de build&#xa0;: BuildKit le cherche dans le contexte et échoue avec «&#xa0;not found&#xa0;».</translation>
    </message>
    <message>
        <source>COPY source “%1” is a symlink to “%2”, which is not in the build context: the build fails with “not found”.</source>
        <translation>La source COPY «&#xa0;%1&#xa0;» est un lien symbolique vers «&#xa0;%2&#xa0;», qui n&apos;est pas dans le contexte de build&#xa0;: la construction échoue avec «&#xa0;not found&#xa0;».</translation>
    </message>
    <message>
        <source>ADD copies “%1” as it is: it looks compressed, but %2.</source>
        <translation>ADD copie «&#xa0;%1&#xa0;» tel quel&#xa0;: il semble compressé, mais %2.</translation>
    </message>
    <message>
        <source>extracted, contents not read: %1 archive %2 into %3</source>
        <translation>extraite, contenu non lu&#xa0;: archive %1 %2 dans %3</translation>
    </message>
    <message>
        <source>ADD extracts the archive “%1”, but %2.</source>
        <translation>ADD extrait l&apos;archive «&#xa0;%1&#xa0;», mais %2.</translation>
    </message>
    <message>
        <source>not simulated</source>
        <translation>non simulé</translation>
    </message>
    <message numerus="yes">
        <source>extracted %n member(s) of the %1 archive %2 into %3</source>
        <translation>
            <numerusform>%n membre de l&apos;archive %1 %2 extrait dans %3</numerusform>
            <numerusform>%n membres de l&apos;archive %1 %2 extraits dans %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>removed %n file(s): %1</source>
        <translation>
            <numerusform>%n fichier supprimé&#xa0;: %1</numerusform>
            <numerusform>%n fichiers supprimés&#xa0;: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>%1 sets no sqlalchemy.url to connect to</source>
        <translation>%1 ne définit aucun sqlalchemy.url auquel se connecter</translation>
    </message>
    <message>
        <source>Simulating the Docker images</source>
        <translation>Simulation des images Docker</translation>
    </message>
    <message>
        <source>Git: %1.</source>
        <translation>Git&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Looking for Alembic environments</source>
        <translation>Recherche des environnements Alembic</translation>
    </message>
    <message>
        <source>Looking for bytecode</source>
        <translation>Recherche du bytecode</translation>
    </message>
    <message>
        <source>Reading migration scripts</source>
        <translation>Lecture des scripts de migration</translation>
    </message>
    <message>
        <source>Building revision graphs</source>
        <translation>Construction des graphes de révisions</translation>
    </message>
    <message>
        <source>Reading the database&apos;s version table</source>
        <translation>Lecture de la table de version de la base de données</translation>
    </message>
</context>
<context>
    <name>Journal</name>
    <message>
        <source>No place to keep the journal: the application data folder is unknown</source>
        <translation>Aucun emplacement pour conserver le journal&#xa0;: le dossier de données de l&apos;application est inconnu</translation>
    </message>
    <message>
        <source>Could not create the folder %1 for the journal</source>
        <translation>Impossible de créer le dossier %1 pour le journal</translation>
    </message>
    <message>
        <source>Could not open the journal %1: %2</source>
        <translation>Impossible d&apos;ouvrir le journal %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Could not read the journal %1: %2</source>
        <translation>Impossible de lire le journal %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The journal %1 was written by a newer Revscope (format %2; this version reads up to %3)</source>
        <translation>Le journal %1 a été écrit par une version plus récente de Revscope (format %2&#x202f;; cette version lit jusqu&apos;au format %3)</translation>
    </message>
    <message>
        <source>Could not write the journal %1: %2</source>
        <translation>Impossible d&apos;écrire le journal %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Could not set up the journal %1: %2</source>
        <translation>Impossible de préparer le journal %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The journal %1 has no operation %2</source>
        <translation>Le journal %1 n&apos;a pas d&apos;opération %2</translation>
    </message>
    <message>
        <source>An operation cannot be finished as pending</source>
        <translation>Une opération ne peut pas être terminée à l&apos;état en attente</translation>
    </message>
    <message>
        <source>The journal %1 has no pending operation %2</source>
        <translation>Le journal %1 n&apos;a pas d&apos;opération en attente %2</translation>
    </message>
    <message>
        <source>The journal %1 has no operation %2 that is not undone yet</source>
        <translation>Le journal %1 n&apos;a pas d&apos;opération %2 non encore annulée</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>revscope: --lang needs a language code, such as --lang fr.</source>
        <translation>revscope&#xa0;: --lang attend un code de langue, par exemple --lang fr.</translation>
    </message>
</context>
<context>
    <name>LayoutBuilder</name>
    <message numerus="yes">
        <source>%n revisions</source>
        <translation>
            <numerusform>%n révision</numerusform>
            <numerusform>%n révisions</numerusform>
        </translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>(manquante)</translation>
    </message>
</context>
<context>
    <name>LockCommand</name>
    <message>
        <source>Write revscope.lock at the project root: the sha256 of every revision script of every environment. Commit it with a release; &apos;revscope check&apos; then reports released migrations that were edited (edited-after-release) or removed (removed-after-release).</source>
        <translation>Écrire revscope.lock à la racine du projet&#xa0;: le sha256 de chaque script de révision de chaque environnement. Commitez-le avec chaque version publiée&#x202f;; «&#xa0;revscope check&#xa0;» signale alors les migrations publiées qui ont été modifiées (edited-after-release) ou supprimées (removed-after-release).</translation>
    </message>
    <message>
        <source>Project folder (default: the current folder).</source>
        <translation>Dossier du projet (par défaut&#xa0;: le dossier courant).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>revscope lock: cannot write %1: %2.</source>
        <translation>revscope lock&#xa0;: impossible d&apos;écrire %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Wrote %1: %2 revision(s) in %3 environment(s); %4 new, %5 changed, %6 dropped.</source>
        <translation>%1 écrit&#xa0;: %2 révision(s) dans %3 environnement(s)&#x202f;; %4 nouvelle(s), %5 modifiée(s), %6 retirée(s).</translation>
    </message>
</context>
<context>
    <name>MarshalReader</name>
    <message>
        <source>offset outside the data</source>
        <translation>décalage hors des données</translation>
    </message>
    <message>
        <source>NULL object in marshal data</source>
        <translation>objet NULL dans les données marshal</translation>
    </message>
    <message>
        <source>truncated marshal data: %1 bytes needed at offset %2, %3 left</source>
        <translation>données marshal tronquées&#xa0;: %1 octets nécessaires au décalage %2, %3 restants</translation>
    </message>
    <message>
        <source>bad marshal data: negative length %1</source>
        <translation>données marshal incorrectes&#xa0;: longueur négative %1</translation>
    </message>
    <message>
        <source>bad marshal data: declared length %1 exceeds the %2 bytes left</source>
        <translation>données marshal incorrectes&#xa0;: la longueur déclarée %1 dépasse les %2 octets restants</translation>
    </message>
    <message>
        <source>marshal data nested deeper than %1 levels</source>
        <translation>données marshal imbriquées sur plus de %1 niveaux</translation>
    </message>
    <message>
        <source>more than %1 objects in marshal data</source>
        <translation>plus de %1 objets dans les données marshal</translation>
    </message>
    <message>
        <source>NULL object in marshal data for a container</source>
        <translation>objet NULL dans les données marshal d&apos;un conteneur</translation>
    </message>
    <message>
        <source>bad marshal data: long size out of range</source>
        <translation>données marshal incorrectes&#xa0;: taille de long hors limites</translation>
    </message>
    <message>
        <source>bad marshal data: digit out of range in long</source>
        <translation>données marshal incorrectes&#xa0;: chiffre hors limites dans un long</translation>
    </message>
    <message>
        <source>bad marshal data: unnormalized long data</source>
        <translation>données marshal incorrectes&#xa0;: données de long non normalisées</translation>
    </message>
    <message>
        <source>NULL object in marshal data for a dict value</source>
        <translation>objet NULL dans les données marshal d&apos;une valeur de dict</translation>
    </message>
    <message>
        <source>bad marshal data: invalid reference %1 (%2 known)</source>
        <translation>données marshal incorrectes&#xa0;: référence %1 invalide (%2 connues)</translation>
    </message>
    <message>
        <source>bad marshal data: reference %1 to an unfinished object</source>
        <translation>données marshal incorrectes&#xa0;: référence %1 vers un objet inachevé</translation>
    </message>
    <message>
        <source>bad marshal data: unknown type code 0x%1</source>
        <translation>données marshal incorrectes&#xa0;: code de type 0x%1 inconnu</translation>
    </message>
    <message>
        <source>bad marshal data: float %1</source>
        <translation>données marshal incorrectes&#xa0;: flottant %1</translation>
    </message>
    <message>
        <source>NULL object in a code object</source>
        <translation>objet NULL dans un objet code</translation>
    </message>
    <message>
        <source>bad code object: expected bytes, got %1</source>
        <translation>objet code incorrect&#xa0;: bytes attendu, %1 reçu</translation>
    </message>
    <message>
        <source>bad code object: expected str, got %1</source>
        <translation>objet code incorrect&#xa0;: str attendu, %1 reçu</translation>
    </message>
    <message>
        <source>bad code object: co_consts and co_names must be tuples</source>
        <translation>objet code incorrect&#xa0;: co_consts et co_names doivent être des tuples</translation>
    </message>
    <message>
        <source>bad code object: co_names holds a %1</source>
        <translation>objet code incorrect&#xa0;: co_names contient un %1</translation>
    </message>
</context>
<context>
    <name>OpSummary</name>
    <message>
        <source>Python cannot read this script: %1.</source>
        <translation>Python ne peut pas lire ce script&#xa0;: %1.</translation>
    </message>
    <message>
        <source>creates table %1</source>
        <translation>crée la table %1</translation>
    </message>
    <message>
        <source>creates table %1 (%2)</source>
        <translation>crée la table %1 (%2)</translation>
    </message>
    <message>
        <source>drops table %1</source>
        <translation>supprime la table %1</translation>
    </message>
    <message>
        <source>renames table %1 to %2</source>
        <translation>renomme la table %1 en %2</translation>
    </message>
    <message>
        <source>adds column %1</source>
        <translation>ajoute la colonne %1</translation>
    </message>
    <message>
        <source>drops column %1</source>
        <translation>supprime la colonne %1</translation>
    </message>
    <message>
        <source>renames column %1 to %2</source>
        <translation>renomme la colonne %1 en %2</translation>
    </message>
    <message>
        <source>alters column %1</source>
        <translation>modifie la colonne %1</translation>
    </message>
    <message>
        <source>alters column %1 (%2)</source>
        <translation>modifie la colonne %1 (%2)</translation>
    </message>
    <message>
        <source>creates index %1 on %2</source>
        <translation>crée l&apos;index %1 sur %2</translation>
    </message>
    <message>
        <source>drops index %1</source>
        <translation>supprime l&apos;index %1</translation>
    </message>
    <message>
        <source>drops index %1 on %2</source>
        <translation>supprime l&apos;index %1 sur %2</translation>
    </message>
    <message>
        <source>adds unique constraint %1 on %2</source>
        <translation>ajoute la contrainte d&apos;unicité %1 sur %2</translation>
    </message>
    <message>
        <source>adds primary key %1 on %2</source>
        <translation>ajoute la clé primaire %1 sur %2</translation>
    </message>
    <message>
        <source>adds check constraint %1 on %2</source>
        <translation>ajoute la contrainte de vérification %1 sur %2</translation>
    </message>
    <message>
        <source>adds exclude constraint %1 on %2</source>
        <translation>ajoute la contrainte d&apos;exclusion %1 sur %2</translation>
    </message>
    <message>
        <source>adds foreign key %1 from %2 to %3</source>
        <translation>ajoute la clé étrangère %1 de %2 vers %3</translation>
    </message>
    <message>
        <source>drops constraint %1 from %2</source>
        <translation>supprime la contrainte %1 de %2</translation>
    </message>
    <message>
        <source>sets the comment of table %1</source>
        <translation>définit le commentaire de la table %1</translation>
    </message>
    <message>
        <source>drops the comment of table %1</source>
        <translation>supprime le commentaire de la table %1</translation>
    </message>
    <message>
        <source>inserts rows into %1</source>
        <translation>insère des lignes dans %1</translation>
    </message>
    <message>
        <source>alters table %1 in batch mode</source>
        <translation>modifie la table %1 en mode batch</translation>
    </message>
    <message>
        <source>runs SQL built at run time</source>
        <translation>exécute du SQL construit à l&apos;exécution</translation>
    </message>
    <message>
        <source>runs SQL: %1</source>
        <translation>exécute du SQL&#xa0;: %1</translation>
    </message>
    <message>
        <source>calls op.%1 on %2</source>
        <translation>appelle op.%1 sur %2</translation>
    </message>
    <message>
        <source>calls op.%1</source>
        <translation>appelle op.%1</translation>
    </message>
    <message>
        <source>Cannot read the script: %1.</source>
        <translation>Impossible de lire le script&#xa0;: %1.</translation>
    </message>
    <message>
        <source>The script is too large to summarise (%1 bytes).</source>
        <translation>Le script est trop volumineux pour être résumé (%1 octets).</translation>
    </message>
</context>
<context>
    <name>PycFile</name>
    <message>
        <source>cannot open: %1</source>
        <translation>ouverture impossible&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 bytes is too large for a .pyc (limit %2)</source>
        <translation>%1 octets, c&apos;est trop pour un .pyc (limite&#xa0;: %2)</translation>
    </message>
    <message>
        <source>more than %1 bytes is too large for a .pyc</source>
        <translation>plus de %1 octets, c&apos;est trop pour un .pyc</translation>
    </message>
    <message>
        <source>truncated header: %1 bytes</source>
        <translation>en-tête tronqué&#xa0;: %1 octets</translation>
    </message>
    <message>
        <source>not a .pyc file: no magic number</source>
        <translation>ce n&apos;est pas un fichier .pyc&#xa0;: aucun nombre magique</translation>
    </message>
    <message>
        <source>unknown magic number %1</source>
        <translation>nombre magique %1 inconnu</translation>
    </message>
    <message>
        <source>truncated header: %1 of %2 bytes</source>
        <translation>en-tête tronqué&#xa0;: %1 octets sur %2</translation>
    </message>
    <message>
        <source>invalid header flags 0x%1</source>
        <translation>indicateurs d&apos;en-tête 0x%1 invalides</translation>
    </message>
    <message>
        <source>corrupt marshal data at offset %1: %2</source>
        <translation>données marshal corrompues au décalage %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>the marshalled object is a %1, not a code object</source>
        <translation>l&apos;objet sérialisé par marshal est un %1, pas un objet code</translation>
    </message>
</context>
<context>
    <name>PythonLiteral</name>
    <message>
        <source>bytes can only contain ASCII literal characters</source>
        <translation>les bytes ne peuvent contenir que des caractères littéraux ASCII</translation>
    </message>
    <message>
        <source>invalid \x escape at position %1</source>
        <translation>séquence d&apos;échappement \x invalide à la position %1</translation>
    </message>
    <message>
        <source>(unicode error) truncated \%1 escape at position %2</source>
        <translation>(erreur Unicode) séquence d&apos;échappement \%1 tronquée à la position %2</translation>
    </message>
    <message>
        <source>(unicode error) illegal Unicode character at position %1</source>
        <translation>(erreur Unicode) caractère Unicode interdit à la position %1</translation>
    </message>
    <message>
        <source>(unicode error) malformed \N character escape at position %1</source>
        <translation>(erreur Unicode) séquence d&apos;échappement \N mal formée à la position %1</translation>
    </message>
    <message>
        <source>the \N{%1} escape cannot be resolved without Python</source>
        <translation>la séquence d&apos;échappement \N{%1} ne peut pas être résolue sans Python</translation>
    </message>
    <message>
        <source>invalid syntax</source>
        <translation>syntaxe invalide</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>aucune valeur</translation>
    </message>
    <message>
        <source>an incomplete expression</source>
        <translation>une expression incomplète</translation>
    </message>
    <message>
        <source>a comprehension</source>
        <translation>une compréhension</translation>
    </message>
    <message>
        <source>a &apos;%1&apos; expression</source>
        <translation>une expression «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>name &apos;%1&apos;</source>
        <translation>le nom «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>a call</source>
        <translation>un appel</translation>
    </message>
    <message>
        <source>a subscript</source>
        <translation>une indexation</translation>
    </message>
    <message>
        <source>attribute access</source>
        <translation>un accès à un attribut</translation>
    </message>
    <message>
        <source>a starred expression</source>
        <translation>une expression étoilée</translation>
    </message>
    <message>
        <source>an assignment expression</source>
        <translation>une expression d&apos;affectation</translation>
    </message>
    <message>
        <source>operator &apos;%1&apos;</source>
        <translation>l&apos;opérateur «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>an f-string</source>
        <translation>une f-string</translation>
    </message>
    <message>
        <source>a string where an operator was expected</source>
        <translation>une chaîne là où un opérateur était attendu</translation>
    </message>
    <message>
        <source>&apos;%1&apos;</source>
        <translation>«&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>an integer too large to convert to float</source>
        <translation>un entier trop grand pour être converti en float</translation>
    </message>
    <message>
        <source>operator &apos;%1&apos; on %2</source>
        <translation>l&apos;opérateur «&#xa0;%1&#xa0;» appliqué à %2</translation>
    </message>
    <message>
        <source>too deeply nested</source>
        <translation>imbrication trop profonde</translation>
    </message>
    <message>
        <source>unhashable type: &apos;%1&apos;</source>
        <translation>type non hachable&#xa0;: «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>invalid number</source>
        <translation>nombre invalide</translation>
    </message>
    <message>
        <source>cannot mix bytes and nonbytes literals</source>
        <translation>impossible de mélanger des littéraux bytes et non-bytes</translation>
    </message>
</context>
<context>
    <name>PythonSource</name>
    <message>
        <source>encoding problem: %1 with BOM</source>
        <translation>problème d&apos;encodage&#xa0;: %1 avec BOM</translation>
    </message>
    <message>
        <source>unknown encoding: %1</source>
        <translation>encodage inconnu&#xa0;: %1</translation>
    </message>
    <message>
        <source>binary or undecodable file: NUL byte on line %1</source>
        <translation>fichier binaire ou non décodable&#xa0;: octet NUL à la ligne %1</translation>
    </message>
    <message>
        <source>binary or undecodable file: byte 0x%1 on line %2 is not valid UTF-8</source>
        <translation>fichier binaire ou non décodable&#xa0;: l&apos;octet 0x%1 à la ligne %2 n&apos;est pas de l&apos;UTF-8 valide</translation>
    </message>
    <message>
        <source>binary or undecodable file: byte 0x%1 on line %2 is not valid %3</source>
        <translation>fichier binaire ou non décodable&#xa0;: l&apos;octet 0x%1 à la ligne %2 n&apos;est pas du %3 valide</translation>
    </message>
    <message>
        <source>binary or undecodable file: not valid %1</source>
        <translation>fichier binaire ou non décodable&#xa0;: pas du %1 valide</translation>
    </message>
</context>
<context>
    <name>PythonTokenizer</name>
    <message>
        <source>inconsistent use of tabs and spaces in indentation</source>
        <translation>utilisation incohérente des tabulations et des espaces dans l&apos;indentation</translation>
    </message>
    <message>
        <source>too many levels of indentation</source>
        <translation>trop de niveaux d&apos;indentation</translation>
    </message>
    <message>
        <source>unindent does not match any outer indentation level</source>
        <translation>la désindentation ne correspond à aucun niveau d&apos;indentation extérieur</translation>
    </message>
    <message>
        <source>&apos;%1&apos; was never closed</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a jamais été fermé</translation>
    </message>
    <message>
        <source>unexpected EOF while parsing</source>
        <translation>fin de fichier inattendue pendant l&apos;analyse</translation>
    </message>
    <message>
        <source>unexpected character after line continuation character</source>
        <translation>caractère inattendu après le caractère de continuation de ligne</translation>
    </message>
    <message>
        <source>invalid character &apos;%1&apos; (U+%2)</source>
        <translation>caractère «&#xa0;%1&#xa0;» invalide (U+%2)</translation>
    </message>
    <message>
        <source>invalid non-printable character U+%1</source>
        <translation>caractère non imprimable U+%1 invalide</translation>
    </message>
    <message>
        <source>too many nested parentheses</source>
        <translation>trop de parenthèses imbriquées</translation>
    </message>
    <message>
        <source>unmatched &apos;%1&apos;</source>
        <translation>«&#xa0;%1&#xa0;» sans correspondance</translation>
    </message>
    <message>
        <source>closing parenthesis &apos;%1&apos; does not match opening parenthesis &apos;%2&apos; on line %3</source>
        <translation>la parenthèse fermante «&#xa0;%1&#xa0;» ne correspond pas à la parenthèse ouvrante «&#xa0;%2&#xa0;» de la ligne %3</translation>
    </message>
    <message>
        <source>closing parenthesis &apos;%1&apos; does not match opening parenthesis &apos;%2&apos;</source>
        <translation>la parenthèse fermante «&#xa0;%1&#xa0;» ne correspond pas à la parenthèse ouvrante «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>invalid syntax</source>
        <translation>syntaxe invalide</translation>
    </message>
    <message>
        <source>invalid %1 literal</source>
        <translation>littéral invalide (%1)</translation>
    </message>
    <message>
        <source>invalid decimal literal</source>
        <translation>littéral décimal invalide</translation>
    </message>
    <message>
        <source>invalid digit &apos;%1&apos; in %2 literal</source>
        <translation>chiffre «&#xa0;%1&#xa0;» invalide dans un littéral (%2)</translation>
    </message>
    <message>
        <source>leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers</source>
        <translation>les zéros non significatifs ne sont pas autorisés dans les littéraux entiers décimaux&#x202f;; utilisez le préfixe 0o pour les entiers octaux</translation>
    </message>
    <message>
        <source>unterminated triple-quoted string literal (detected at line %1)</source>
        <translation>littéral de chaîne entre triples guillemets non terminé (détecté à la ligne %1)</translation>
    </message>
    <message>
        <source>unterminated string literal (detected at line %1)</source>
        <translation>littéral de chaîne non terminé (détecté à la ligne %1)</translation>
    </message>
    <message>
        <source>unterminated triple-quoted f-string literal (detected at line %1)</source>
        <translation>littéral de f-string entre triples guillemets non terminé (détecté à la ligne %1)</translation>
    </message>
    <message>
        <source>unterminated f-string literal (detected at line %1)</source>
        <translation>littéral de f-string non terminé (détecté à la ligne %1)</translation>
    </message>
    <message>
        <source>f-string: single &apos;}&apos; is not allowed</source>
        <translation>f-string&#xa0;: «&#xa0;}&#xa0;» isolé non autorisé</translation>
    </message>
    <message>
        <source>f-string: expressions nested too deeply</source>
        <translation>f-string&#xa0;: expressions imbriquées trop profondément</translation>
    </message>
    <message>
        <source>f-string: expecting &apos;}&apos;</source>
        <translation>f-string&#xa0;: «&#xa0;}&#xa0;» attendu</translation>
    </message>
</context>
<context>
    <name>ReleaseAnalyzer</name>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 ne peut pas être lu&#xa0;: %2</translation>
    </message>
    <message>
        <source>Released revision %1 (%2) is no longer defined by any script; databases stamped at it will fail with &quot;Can&apos;t locate revision&quot;</source>
        <translation>La révision publiée %1 (%2) n&apos;est plus définie par aucun script&#x202f;; les bases de données estampillées à cette révision échoueront avec «&#xa0;Can&apos;t locate revision&#xa0;»</translation>
    </message>
    <message>
        <source>Restore the script, or if the removal is intended (a reviewed squash), run &apos;revscope lock&apos; to record it</source>
        <translation>Restaurez le script ou, si la suppression est voulue (un squash relu), lancez «&#xa0;revscope lock&#xa0;» pour l&apos;enregistrer</translation>
    </message>
    <message>
        <source>Released revision %1 was edited after release: %2 hashes to sha256 %3, the lock file recorded %4</source>
        <translation>La révision publiée %1 a été modifiée après sa publication&#xa0;: le sha256 de %2 est %3, le fichier de verrouillage avait enregistré %4</translation>
    </message>
    <message>
        <source>Databases that already ran it will not run the new version: revert the edit and add a new revision, or run &apos;revscope lock&apos; if the change is harmless</source>
        <translation>Les bases de données qui l&apos;ont déjà exécutée n&apos;exécuteront pas la nouvelle version&#xa0;: annulez la modification et ajoutez une nouvelle révision, ou lancez «&#xa0;revscope lock&#xa0;» si le changement est sans conséquence</translation>
    </message>
</context>
<context>
    <name>ReleaseLock</name>
    <message>
        <source>%1 is not a lock file Revscope can read: its first line is &apos;%2&apos;, expected &apos;%3&apos;</source>
        <translation>%1 n&apos;est pas un fichier de verrouillage que Revscope sait lire&#xa0;: sa première ligne est «&#xa0;%2&#xa0;», «&#xa0;%3&#xa0;» attendu</translation>
    </message>
    <message>
        <source>%1 line %2 is not &apos;[environment]&apos; nor &apos;&lt;revision&gt; &lt;sha256&gt; &lt;script&gt;&apos;</source>
        <translation>La ligne %2 de %1 n&apos;est ni «&#xa0;[environment]&#xa0;» ni «&#xa0;&lt;revision&gt; &lt;sha256&gt; &lt;script&gt;&#xa0;»</translation>
    </message>
</context>
<context>
    <name>ReportCommand</name>
    <message>
        <source>revscope report: cannot write %1: it is a folder.</source>
        <translation>revscope report&#xa0;: impossible d&apos;écrire %1&#xa0;: c&apos;est un dossier.</translation>
    </message>
    <message>
        <source>revscope report: cannot write %1: %2 is not a folder.</source>
        <translation>revscope report&#xa0;: impossible d&apos;écrire %1&#xa0;: %2 n&apos;est pas un dossier.</translation>
    </message>
    <message>
        <source>revscope report: cannot write %1: folder %2 does not exist.</source>
        <translation>revscope report&#xa0;: impossible d&apos;écrire %1&#xa0;: le dossier %2 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>revscope report: cannot write %1: folder %2 is not writable.</source>
        <translation>revscope report&#xa0;: impossible d&apos;écrire %1&#xa0;: le dossier %2 n&apos;est pas accessible en écriture.</translation>
    </message>
    <message>
        <source>Write a report of an Alembic project for onboarding or release review: a summary, the revision graph, the findings by severity and a walkthrough of every environment&apos;s history, step by step, with what each migration changes.
The format follows FILE&apos;s extension: .html or .htm (one standalone page, nothing fetched) or .md or .markdown (GitHub-flavoured, the graph as a mermaid chart).</source>
        <translation>Écrire un rapport sur un projet Alembic pour l&apos;accueil des nouveaux venus ou la revue d&apos;une version&#xa0;: un résumé, le graphe des révisions, les constats par gravité et une visite guidée de l&apos;historique de chaque environnement, étape par étape, avec ce que change chaque migration.
Le format suit l&apos;extension de FILE&#xa0;: .html ou .htm (une page autonome, rien n&apos;est téléchargé) ou .md ou .markdown (format GitHub, le graphe sous forme de diagramme mermaid).</translation>
    </message>
    <message>
        <source>Project folder (default: the current folder).</source>
        <translation>Dossier du projet (par défaut&#xa0;: le dossier courant).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>File to write (.html, .htm, .md or .markdown).</source>
        <translation>Fichier à écrire (.html, .htm, .md ou .markdown).</translation>
    </message>
    <message>
        <source>Report only on this Alembic config file.</source>
        <translation>Limiter le rapport à ce fichier de configuration Alembic.</translation>
    </message>
    <message>
        <source>revscope report: --output FILE is required (.html, .htm, .md or .markdown).</source>
        <translation>revscope report&#xa0;: --output FILE est obligatoire (.html, .htm, .md ou .markdown).</translation>
    </message>
    <message>
        <source>revscope report: cannot tell the format of %1 from its extension (use .html, .htm, .md or .markdown).</source>
        <translation>revscope report&#xa0;: impossible de déterminer le format de %1 d&apos;après son extension (utilisez .html, .htm, .md ou .markdown).</translation>
    </message>
    <message>
        <source>revscope report: cannot write %1: %2.</source>
        <translation>revscope report&#xa0;: impossible d&apos;écrire %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Report written to %1.</source>
        <translation>Rapport écrit dans %1.</translation>
    </message>
</context>
<context>
    <name>ReportContent</name>
    <message>
        <source>base</source>
        <translation>base</translation>
    </message>
    <message>
        <source>branch point</source>
        <translation>embranchement</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>fusion</translation>
    </message>
    <message>
        <source>head</source>
        <translation>tête</translation>
    </message>
    <message>
        <source>has dependencies</source>
        <translation>a des dépendances</translation>
    </message>
    <message>
        <source>no script</source>
        <translation>sans script</translation>
    </message>
    <message>
        <source>Alembic history of %1</source>
        <translation>Historique Alembic de %1</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Revision graph</source>
        <translation>Graphe des révisions</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <source>Walkthrough</source>
        <translation>Visite guidée</translation>
    </message>
    <message>
        <source>Docker images</source>
        <translation>Images Docker</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Création</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Revises</source>
        <translation>Succède à</translation>
    </message>
    <message>
        <source>Built on by</source>
        <translation>Suivie par</translation>
    </message>
    <message>
        <source>Branch labels</source>
        <translation>Étiquettes de branche</translation>
    </message>
    <message>
        <source>Depends on</source>
        <translation>Dépend de</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>Scripts</source>
        <translation>Scripts</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>Révisions</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>Têtes</translation>
    </message>
    <message>
        <source>Bases</source>
        <translation>Bases</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Correction</translation>
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
        <translation>Dossier de travail</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Files copied</source>
        <translation>Fichiers copiés</translation>
    </message>
    <message>
        <source>Parents above children. Heads are bold, revisions no script defines dashed, revisions only bytecode defines filled, depends_on links dashed.</source>
        <translation>Les parents sont au-dessus des enfants. Les têtes sont en gras, les révisions qu&apos;aucun script ne définit en tirets, celles que seul du bytecode définit remplies, et les liens depends_on en tirets.</translation>
    </message>
    <message>
        <source>Linear runs of revisions are drawn as one grey node.</source>
        <translation>Les suites linéaires de révisions sont dessinées comme un seul nœud gris.</translation>
    </message>
    <message numerus="yes">
        <source>The graph has %n node(s), too many to draw here; `revscope graph --collapse --output graph.svg` draws it on its own.</source>
        <translation>
            <numerusform>Le graphe compte %n nœud, trop pour être dessiné ici&#x202f;; `revscope graph --collapse --output graph.svg` le dessine à part.</numerusform>
            <numerusform>Le graphe compte %n nœuds, trop pour être dessiné ici&#x202f;; `revscope graph --collapse --output graph.svg` le dessine à part.</numerusform>
        </translation>
    </message>
    <message>
        <source>Each environment&apos;s history from its bases to its heads, parents before children, one branch finished before the next starts: the order to read the migrations in. What each script changes is read from its upgrade() without running it.</source>
        <translation>L&apos;historique de chaque environnement, de ses bases à ses têtes, les parents avant les enfants, chaque branche terminée avant que la suivante ne commence&#xa0;: l&apos;ordre dans lequel lire les migrations. Ce que change chaque script est lu dans son upgrade() sans l&apos;exécuter.</translation>
    </message>
    <message>
        <source>What each image will hold, simulated from its Dockerfile and ignore file; `revscope image` lists every file.</source>
        <translation>Ce que contiendra chaque image, simulé à partir de son Dockerfile et de son fichier d&apos;exclusion&#x202f;; `revscope image` liste chaque fichier.</translation>
    </message>
    <message>
        <source>No Alembic environment was found here.</source>
        <translation>Aucun environnement Alembic n&apos;a été trouvé ici.</translation>
    </message>
    <message>
        <source>Revscope found nothing wrong.</source>
        <translation>Revscope n&apos;a rien trouvé d&apos;anormal.</translation>
    </message>
    <message>
        <source>This environment has no revision.</source>
        <translation>Cet environnement n&apos;a aucune révision.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>There is no revision to draw.</source>
        <translation>Il n&apos;y a aucune révision à dessiner.</translation>
    </message>
    <message>
        <source>none: no script defines it</source>
        <translation>aucun&#xa0;: aucun script ne définit cette révision</translation>
    </message>
    <message>
        <source>What it changes</source>
        <translation>Ce qu&apos;elle change</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n étape</numerusform>
            <numerusform>%n étapes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>current: the database is here</source>
        <translation>actuelle&#xa0;: la base de données est ici</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>appliquée</translation>
    </message>
    <message>
        <source>pending: not applied yet</source>
        <translation>en attente&#xa0;: pas encore appliquée</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>non atteinte</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Date de génération</translation>
    </message>
    <message>
        <source>Revscope %1</source>
        <translation>Revscope %1</translation>
    </message>
    <message>
        <source>Bytecode:</source>
        <translation>Bytecode&#xa0;:</translation>
    </message>
    <message>
        <source>Written by Revscope %1. Everything here was read from the files: no migration was run.</source>
        <translation>Écrit par Revscope %1. Tout ce qui figure ici a été lu dans les fichiers&#xa0;: aucune migration n&apos;a été exécutée.</translation>
    </message>
    <message numerus="yes">
        <source>Errors (%n)</source>
        <translation>
            <numerusform>Erreur (%n)</numerusform>
            <numerusform>Erreurs (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Warnings (%n)</source>
        <translation>
            <numerusform>Avertissement (%n)</numerusform>
            <numerusform>Avertissements (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Information (%n)</source>
        <translation>
            <numerusform>Information (%n)</numerusform>
            <numerusform>Informations (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n erreur</numerusform>
            <numerusform>%n erreurs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n avertissement</numerusform>
            <numerusform>%n avertissements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n info finding(s)</source>
        <translation>
            <numerusform>%n constat informatif</numerusform>
            <numerusform>%n constats informatifs</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <source>No script defines this revision, so there is nothing to read.</source>
        <translation>Aucun script ne définit cette révision&#xa0;: il n&apos;y a donc rien à lire.</translation>
    </message>
    <message>
        <source>The script could not be read: %1</source>
        <translation>Le script n&apos;a pas pu être lu&#xa0;: %1</translation>
    </message>
    <message>
        <source>Nothing: upgrade() is empty, so upgrading through this revision only moves the version table.</source>
        <translation>Rien&#xa0;: upgrade() est vide, donc passer par cette révision ne fait que mettre à jour la table de version.</translation>
    </message>
    <message>
        <source>upgrade() makes no op.* call Revscope can read; open the script to see what it does.</source>
        <translation>upgrade() ne fait aucun appel op.* que Revscope sache lire&#x202f;; ouvrez le script pour voir ce qu&apos;il fait.</translation>
    </message>
    <message>
        <source>%1 (%2 bytecode-only, %3 missing)</source>
        <translation>%1 (définies uniquement par du bytecode&#xa0;: %2, manquantes&#xa0;: %3)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1: %2 (version table: %3)</source>
        <translation>%1&#xa0;: %2 (table de version&#xa0;: %3)</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n fichier</numerusform>
            <numerusform>%n fichiers</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 stray, %3 stale, %4 corrupt</source>
        <translation>%1 (orphelins&#xa0;: %2, obsolètes&#xa0;: %3, corrompus&#xa0;: %4)</translation>
    </message>
</context>
<context>
    <name>RevisionDiff</name>
    <message>
        <source>added in %1 &apos;%2&apos;, which removed them</source>
        <translation>ajoutée dans le commit %1 «&#xa0;%2&#xa0;», qui les a supprimées</translation>
    </message>
    <message>
        <source>a new base where a removed base was</source>
        <translation>une nouvelle base là où se trouvait une base supprimée</translation>
    </message>
    <message>
        <source>%1 now follows it instead</source>
        <translation>%1 la suit désormais à la place</translation>
    </message>
    <message>
        <source>its message mentions a squash</source>
        <translation>son message mentionne un squash</translation>
    </message>
    <message>
        <source>Head %1 was removed and no revision replaces it; a database at %1 cannot upgrade</source>
        <translation>La tête %1 a été supprimée et aucune révision ne la remplace&#x202f;; une base de données à %1 ne peut pas être mise à niveau</translation>
    </message>
    <message>
        <source>Head %1 corresponds to no head before; the squash may have split the history</source>
        <translation>La tête %1 ne correspond à aucune tête d&apos;avant&#x202f;; le squash a peut-être scindé l&apos;historique</translation>
    </message>
    <message>
        <source>Head %1 before corresponds to no head after; databases at it cannot reach a head</source>
        <translation>La tête d&apos;avant %1 ne correspond à aucune tête d&apos;après&#x202f;; les bases de données qui s&apos;y trouvent ne peuvent atteindre aucune tête</translation>
    </message>
    <message>
        <source>Revision %1 still names removed revision %2</source>
        <translation>La révision %1 désigne encore la révision supprimée %2</translation>
    </message>
    <message>
        <source>Point it at %1, which replaces %2</source>
        <translation>Faites-la pointer vers %1, qui remplace %2</translation>
    </message>
    <message>
        <source>%1 still defines removed revision %2; with sourceless or a stale cache it comes back</source>
        <translation>%1 définit encore la révision supprimée %2&#x202f;; avec sourceless ou un cache obsolète, elle réapparaît</translation>
    </message>
    <message>
        <source>%1 is not a revision of the newer version</source>
        <translation>%1 n&apos;est pas une révision de la nouvelle version</translation>
    </message>
    <message>
        <source>%1 replaces no revision</source>
        <translation>%1 ne remplace aucune révision</translation>
    </message>
    <message>
        <source>%1 was not removed between the two versions</source>
        <translation>%1 n&apos;a pas été supprimée entre les deux versions</translation>
    </message>
</context>
<context>
    <name>RevisionGraph</name>
    <message>
        <source>No such branch: &apos;%1&apos;</source>
        <translation>Branche inexistante&#xa0;: «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>No such revision or branch &apos;%1&apos;</source>
        <translation>Aucune révision ni branche «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>; please ensure at least four characters are present for partial revision identifier matches</source>
        <translation>; veuillez indiquer au moins quatre caractères pour une correspondance partielle d&apos;identifiant de révision</translation>
    </message>
    <message>
        <source>Multiple revisions start with &apos;%1&apos;: %2...</source>
        <translation>Plusieurs révisions commencent par «&#xa0;%1&#xa0;»&#xa0;: %2...</translation>
    </message>
    <message>
        <source>Revision %1 is not a member of branch &apos;%2&apos;</source>
        <translation>La révision %1 ne fait pas partie de la branche «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>Multiple heads are present for given argument &apos;%1&apos;; %2</source>
        <translation>Plusieurs têtes sont présentes pour l&apos;argument «&#xa0;%1&#xa0;»&#x202f;; %2</translation>
    </message>
    <message>
        <source>Relative revision identifiers such as &apos;%1&apos; are not supported here</source>
        <translation>Les identifiants de révision relatifs tels que «&#xa0;%1&#xa0;» ne sont pas pris en charge ici</translation>
    </message>
</context>
<context>
    <name>Revscope::AlembicConfig</name>
    <message>
        <source>incomplete format</source>
        <translation>format incomplet</translation>
    </message>
    <message>
        <source>unsupported format %1: use %(here)s, or %% for a literal %</source>
        <translation>format %1 non pris en charge&#xa0;: utilisez %(here)s, ou %% pour un % littéral</translation>
    </message>
    <message>
        <source>incomplete format key</source>
        <translation>clé de format incomplète</translation>
    </message>
    <message>
        <source>KeyError: %1</source>
        <translation>KeyError: %1</translation>
    </message>
    <message>
        <source>format %1 needs a number, not the string %2</source>
        <translation>le format %1 attend un nombre, pas la chaîne %2</translation>
    </message>
    <message>
        <source>Write a literal % as %%, and refer only to options of this section or of [DEFAULT], as %(name)s.</source>
        <translation>Écrivez un % littéral sous la forme %%, et ne faites référence qu&apos;aux options de cette section ou de [DEFAULT], sous la forme %(name)s.</translation>
    </message>
    <message>
        <source>Cannot expand %1 in [tool.alembic] %2: %3</source>
        <translation>Impossible de développer %1 dans [tool.alembic] %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 = %2 reads as false: Alembic only accepts the exact word &apos;true&apos;.</source>
        <translation>%1 = %2 est lu comme false&#xa0;: Alembic n&apos;accepte que le mot exact «&#xa0;true&#xa0;».</translation>
    </message>
    <message>
        <source>Write %1 = true.</source>
        <translation>Écrivez %1 = true.</translation>
    </message>
    <message>
        <source>boolean value expected for TOML parameter %1, found %2</source>
        <translation>valeur booléenne attendue pour le paramètre TOML %1, trouvé&#xa0;: %2</translation>
    </message>
    <message>
        <source>Write %1 = true or %1 = false.</source>
        <translation>Écrivez %1 = true ou %1 = false.</translation>
    </message>
    <message>
        <source>[tool.alembic] %1 must be a list of paths, not a %2.</source>
        <translation>[tool.alembic] %1 doit être une liste de chemins, pas un %2.</translation>
    </message>
    <message>
        <source>Write %1 = [&quot;%(here)s/path&quot;, ...].</source>
        <translation>Écrivez %1 = [&quot;%(here)s/chemin&quot;, ...].</translation>
    </message>
    <message>
        <source>[tool.alembic] %1 must hold strings, found a %2.</source>
        <translation>[tool.alembic] %1 doit contenir des chaînes, mais contient un %2.</translation>
    </message>
    <message>
        <source>%1 is not a valid value for %2; expected &apos;space&apos;, &apos;newline&apos;, &apos;os&apos;, &apos;:&apos;, &apos;;&apos;</source>
        <translation>%1 n&apos;est pas une valeur valide pour %2&#x202f;; valeurs attendues&#xa0;: &apos;space&apos;, &apos;newline&apos;, &apos;os&apos;, &apos;:&apos;, &apos;;&apos;</translation>
    </message>
    <message>
        <source>Write %1 = os.</source>
        <translation>Écrivez %1 = os.</translation>
    </message>
    <message>
        <source>%1 has an empty entry, which Alembic reads as the folder it runs in.</source>
        <translation>%1 contient une entrée vide, qu&apos;Alembic interprète comme le dossier dans lequel il s&apos;exécute.</translation>
    </message>
    <message>
        <source>Add path_separator = os to the config.</source>
        <translation>Ajoutez path_separator = os à la configuration.</translation>
    </message>
    <message>
        <source>%1 has an empty entry (a leading, trailing or doubled separator), which Alembic reads as the folder it runs in.</source>
        <translation>%1 contient une entrée vide (un séparateur en début, en fin ou doublé), qu&apos;Alembic interprète comme le dossier dans lequel il s&apos;exécute.</translation>
    </message>
    <message>
        <source>No module named %1 (from %2 = %3): the package is not under the config folder, a folder above it within the project, or a prepend_sys_path entry, so Alembic finds it only if it is installed.</source>
        <translation>Aucun module nommé %1 (depuis %2 = %3)&#xa0;: le paquet n&apos;est ni sous le dossier de configuration, ni dans un dossier parent à l&apos;intérieur du projet, ni dans une entrée de prepend_sys_path, donc Alembic ne le trouve que s&apos;il est installé.</translation>
    </message>
    <message>
        <source>Use a path relative to the config folder, or add the folder holding the package to prepend_sys_path.</source>
        <translation>Utilisez un chemin relatif au dossier de configuration, ou ajoutez à prepend_sys_path le dossier qui contient le paquet.</translation>
    </message>
    <message>
        <source>pyproject.toml does not parse: %1. Alembic 1.16 and later read it beside the ini and stop on this error.</source>
        <translation>pyproject.toml ne peut pas être analysé&#xa0;: %1. Alembic 1.16 et les versions ultérieures le lisent à côté du fichier ini et s&apos;arrêtent sur cette erreur.</translation>
    </message>
    <message>
        <source>pyproject.toml does not parse: %1</source>
        <translation>pyproject.toml ne peut pas être analysé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Incorrect TOML format: [tool.alembic] must be a table.</source>
        <translation>Format TOML incorrect&#xa0;: [tool.alembic] doit être une table.</translation>
    </message>
    <message>
        <source>No config file %1 found, or file has no &apos;[%2]&apos; section</source>
        <translation>Aucun fichier de configuration %1 trouvé, ou le fichier n&apos;a pas de section «&#xa0;[%2]&#xa0;»</translation>
    </message>
    <message>
        <source>Add a [%1] section with script_location, or run Alembic with --name.</source>
        <translation>Ajoutez une section [%1] avec script_location, ou lancez Alembic avec --name.</translation>
    </message>
    <message>
        <source>script_location = %1 is relative to the folder Alembic runs in. It is not under the config&apos;s folder but under the project root %2, so Revscope reads the environment as `alembic -c` run from the root.</source>
        <translation>script_location = %1 est relatif au dossier dans lequel Alembic s&apos;exécute. Il ne se trouve pas sous le dossier de la configuration mais sous la racine du projet %2, donc Revscope lit l&apos;environnement comme si `alembic -c` était lancé depuis la racine.</translation>
    </message>
    <message>
        <source>Write script_location = %(here)s/&lt;folder&gt; to make it independent of the folder Alembic is run from.</source>
        <translation>Écrivez script_location = %(here)s/&lt;folder&gt; pour le rendre indépendant du dossier depuis lequel Alembic est lancé.</translation>
    </message>
    <message>
        <source>No &apos;script_location&apos; key found in configuration.</source>
        <translation>Aucune clé «&#xa0;script_location&#xa0;» trouvée dans la configuration.</translation>
    </message>
    <message>
        <source>Add script_location = %(here)s/migrations (the folder holding env.py) to [%1].</source>
        <translation>Ajoutez script_location = %(here)s/migrations (le dossier qui contient env.py) à [%1].</translation>
    </message>
    <message>
        <source>[tool.alembic] script_location must be a string, not a %1.</source>
        <translation>[tool.alembic] script_location doit être une chaîne, pas un %1.</translation>
    </message>
    <message>
        <source>invalid literal for int() with base 10: %1 (truncate_slug_length)</source>
        <translation>littéral invalide pour int() en base 10&#xa0;: %1 (truncate_slug_length)</translation>
    </message>
    <message>
        <source>Write a whole number, e.g. 40.</source>
        <translation>Écrivez un nombre entier, par exemple 40.</translation>
    </message>
    <message>
        <source>[tool.alembic] file_template must be a string, not a %1.</source>
        <translation>[tool.alembic] file_template doit être une chaîne, pas un %1.</translation>
    </message>
    <message>
        <source>Path doesn&apos;t exist: %1 (script_location = %2). Alembic cannot load this environment.</source>
        <translation>Le chemin n&apos;existe pas&#xa0;: %1 (script_location = %2). Alembic ne peut pas charger cet environnement.</translation>
    </message>
    <message>
        <source>Point script_location at the folder holding env.py, or create it with &apos;alembic init&apos;.</source>
        <translation>Faites pointer script_location vers le dossier qui contient env.py, ou créez-le avec «&#xa0;alembic init&#xa0;».</translation>
    </message>
    <message>
        <source>script_location %1 is a file, not a folder.</source>
        <translation>script_location %1 est un fichier, pas un dossier.</translation>
    </message>
    <message>
        <source>No path_separator found in configuration; %1 is split on spaces and commas the legacy way, and newer Alembic releases warn about it.</source>
        <translation>Aucun path_separator trouvé dans la configuration&#x202f;; %1 est découpé sur les espaces et les virgules, à l&apos;ancienne, et les versions récentes d&apos;Alembic émettent un avertissement à ce sujet.</translation>
    </message>
    <message>
        <source>No path_separator found in configuration; %1 is split on spaces, commas and colons the legacy way, and newer Alembic releases warn about it.</source>
        <translation>Aucun path_separator trouvé dans la configuration&#x202f;; %1 est découpé sur les espaces, les virgules et les deux-points, à l&apos;ancienne, et les versions récentes d&apos;Alembic émettent un avertissement à ce sujet.</translation>
    </message>
</context>
<context>
    <name>Revscope::BytecodeScanner</name>
    <message>
        <source>More than %1 bytecode files under %2; only the first %1 are inspected.</source>
        <translation>Plus de %1 fichiers de bytecode sous %2&#x202f;; seuls les %1 premiers sont inspectés.</translation>
    </message>
    <message>
        <source>%1 is a symbolic link to %2, outside the project; Revscope does not follow it, so this bytecode is not inspected.</source>
        <translation>%1 est un lien symbolique vers %2, hors du projet&#x202f;; Revscope ne le suit pas, donc ce bytecode n&apos;est pas inspecté.</translation>
    </message>
    <message>
        <source>Cannot read folder %1: %2. Bytecode inside it is not inspected.</source>
        <translation>Impossible de lire le dossier %1&#xa0;: %2. Le bytecode qu&apos;il contient n&apos;est pas inspecté.</translation>
    </message>
    <message>
        <source>%1 has more than %2 folders; bytecode outside the version locations was looked for in the first %2 only.</source>
        <translation>%1 contient plus de %2 dossiers&#x202f;; le bytecode hors des emplacements de versions n&apos;a été recherché que dans les %2 premiers.</translation>
    </message>
    <message>
        <source>the source was modified at %1, the bytecode was compiled from a version modified at %2</source>
        <translation>la source a été modifiée le %1, mais le bytecode a été compilé à partir d&apos;une version modifiée le %2</translation>
    </message>
    <message>
        <source>the source is %1 bytes, the bytecode was compiled from %2</source>
        <translation>la source fait %1 octets, mais le bytecode a été compilé à partir d&apos;une source de %2 octets</translation>
    </message>
    <message>
        <source>the source&apos;s hash no longer matches the one recorded in the bytecode</source>
        <translation>le hachage de la source ne correspond plus à celui enregistré dans le bytecode</translation>
    </message>
    <message>
        <source>the file is %1 bytes, more than any migration&apos;s bytecode</source>
        <translation>le fichier fait %1 octets, plus que le bytecode de n&apos;importe quelle migration</translation>
    </message>
</context>
<context>
    <name>Revscope::CleanupController</name>
    <message>
        <source>Clean Up…</source>
        <translation>Nettoyer…</translation>
    </message>
    <message>
        <source>Move stray bytecode to the trash, previewed, journaled and undoable</source>
        <translation>Déplacer le bytecode orphelin vers la corbeille, avec aperçu, journalisation et annulation possible</translation>
    </message>
    <message>
        <source>&amp;Undo Cleanup</source>
        <translation>&amp;Annuler le nettoyage</translation>
    </message>
    <message>
        <source>Cleanup &amp;History…</source>
        <translation>&amp;Historique des nettoyages…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message numerus="yes">
        <source>Cleaned up: %n action(s) done.</source>
        <translation>
            <numerusform>Nettoyage effectué&#xa0;: %n action.</numerusform>
            <numerusform>Nettoyage effectué&#xa0;: %n actions.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no cleanup of this project to undo.</source>
        <translation>Il n&apos;y a aucun nettoyage de ce projet à annuler.</translation>
    </message>
    <message>
        <source>Undoing the cleanup…</source>
        <translation>Annulation du nettoyage…</translation>
    </message>
    <message>
        <source>Undo Cleanup</source>
        <translation>Annuler le nettoyage</translation>
    </message>
</context>
<context>
    <name>Revscope::CleanupDialog</name>
    <message>
        <source>Clean up bytecode</source>
        <translation>Nettoyer le bytecode</translation>
    </message>
    <message>
        <source>&amp;Version locations</source>
        <translation>Emplacements de &amp;versions</translation>
    </message>
    <message>
        <source>Bytecode in the folders that hold migration scripts</source>
        <translation>Bytecode des dossiers qui contiennent les scripts de migration</translation>
    </message>
    <message>
        <source>&amp;Whole project</source>
        <translation>&amp;Tout le projet</translation>
    </message>
    <message>
        <source>Bytecode anywhere in the project except virtual environments</source>
        <translation>Bytecode de tout le projet, sauf les environnements virtuels</translation>
    </message>
    <message>
        <source>Include &amp;stale bytecode (source changed since)</source>
        <translation>Inclure le bytecode &amp;obsolète (source modifiée depuis)</translation>
    </message>
    <message>
        <source>Update .&amp;dockerignore files</source>
        <translation>Mettre à jour les fichiers .&amp;dockerignore</translation>
    </message>
    <message>
        <source>What to clean</source>
        <translation>Que nettoyer</translation>
    </message>
    <message>
        <source>Tick all</source>
        <translation>Tout cocher</translation>
    </message>
    <message>
        <source>Tick none</source>
        <translation>Tout décocher</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Why it is left alone</source>
        <translation>Pourquoi il est laissé de côté</translation>
    </message>
    <message>
        <source>Left alone</source>
        <translation>Laissés de côté</translation>
    </message>
    <message>
        <source>.dockerignore changes</source>
        <translation>Modifications de .dockerignore</translation>
    </message>
    <message>
        <source>Move to &amp;quarantine instead of the trash</source>
        <translation>Déplacer en &amp;quarantaine plutôt que dans la corbeille</translation>
    </message>
    <message>
        <source>The quarantine is a folder of Revscope&apos;s own; undo brings files back from it</source>
        <translation>La quarantaine est un dossier propre à Revscope&#x202f;; l&apos;annulation en restaure les fichiers</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Appliquer</translation>
    </message>
    <message>
        <source>&amp;Undo cleanup</source>
        <translation>Annuler le &amp;nettoyage</translation>
    </message>
    <message>
        <source>Project: %1</source>
        <translation>Projet&#xa0;: %1</translation>
    </message>
    <message>
        <source>Planning...</source>
        <translation>Planification...</translation>
    </message>
    <message>
        <source>Left alone (%1)</source>
        <translation>Laissés de côté (%1)</translation>
    </message>
    <message>
        <source>Nothing to clean up.</source>
        <translation>Rien à nettoyer.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1</source>
        <translation>
            <numerusform>%n fichier, %1</numerusform>
            <numerusform>%n fichiers, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1, and %2 other change(s)</source>
        <translation>
            <numerusform>%n fichier, %1, et %2 autre(s) modification(s)</numerusform>
            <numerusform>%n fichiers, %1, et %2 autre(s) modification(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cleaning up...</source>
        <translation>Nettoyage...</translation>
    </message>
    <message>
        <source>Undoing...</source>
        <translation>Annulation...</translation>
    </message>
    <message numerus="yes">
        <source>Restored %n item(s).</source>
        <translation>
            <numerusform>%n élément restauré.</numerusform>
            <numerusform>%n éléments restaurés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n action(s).</source>
        <translation>
            <numerusform>Terminé&#xa0;: %n action.</numerusform>
            <numerusform>Terminé&#xa0;: %n actions.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left alone: %n.</source>
        <translation>
            <numerusform>Laissé de côté&#xa0;: %n.</numerusform>
            <numerusform>Laissés de côté&#xa0;: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Failed: %n.</source>
        <translation>
            <numerusform>Échec&#xa0;: %n.</numerusform>
            <numerusform>Échecs&#xa0;: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not tried: %n.</source>
        <translation>
            <numerusform>Non tenté&#xa0;: %n.</numerusform>
            <numerusform>Non tentés&#xa0;: %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Revscope::CleanupHistoryDialog</name>
    <message>
        <source>Interrupted</source>
        <translation>Interrompue</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échouée</translation>
    </message>
    <message>
        <source>Cleanup history</source>
        <translation>Historique des nettoyages</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ac&amp;tualiser</translation>
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
        <translation>Annulation...</translation>
    </message>
</context>
<context>
    <name>Revscope::CleanupPlanModel</name>
    <message>
        <source>Move to trash</source>
        <translation>Mettre à la corbeille</translation>
    </message>
    <message>
        <source>Remove empty folder</source>
        <translation>Supprimer le dossier vide</translation>
    </message>
    <message>
        <source>Edit .dockerignore</source>
        <translation>Modifier .dockerignore</translation>
    </message>
    <message>
        <source>Stray bytecode (no source)</source>
        <translation>Bytecode orphelin (sans source)</translation>
    </message>
    <message>
        <source>Stale bytecode (source changed)</source>
        <translation>Bytecode obsolète (source modifiée)</translation>
    </message>
    <message>
        <source>No bytecode rule in .dockerignore</source>
        <translation>Aucune règle de bytecode dans .dockerignore</translation>
    </message>
    <message>
        <source>%1
Defines revision %2</source>
        <translation>%1
Définit la révision %2</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
</context>
<context>
    <name>Revscope::CompareDialog</name>
    <message>
        <source>Compare Versions</source>
        <translation>Comparer les versions</translation>
    </message>
    <message>
        <source>The older version: a branch, tag, commit or folder</source>
        <translation>L&apos;ancienne version&#xa0;: une branche, un tag, un commit ou un dossier</translation>
    </message>
    <message>
        <source>The newer version: a branch, tag, commit or folder</source>
        <translation>La nouvelle version&#xa0;: une branche, un tag, un commit ou un dossier</translation>
    </message>
    <message>
        <source>Browse Folder…</source>
        <translation>Choisir un dossier…</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Comparer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Depuis&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Vers&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Environnement&#xa0;:</translation>
    </message>
    <message>
        <source>The revision of the newer version whose removed revisions the ticks show</source>
        <translation>La révision de la nouvelle version dont les cases cochées montrent les révisions supprimées</translation>
    </message>
    <message>
        <source>Con&amp;firm Mapping</source>
        <translation>Con&amp;firmer la correspondance</translation>
    </message>
    <message>
        <source>Accept the mapping as shown and run the checks with it</source>
        <translation>Accepter la correspondance telle qu&apos;affichée et lancer les vérifications avec elle</translation>
    </message>
    <message>
        <source>&amp;Replacing revision:</source>
        <translation>Révision de &amp;remplacement&#xa0;:</translation>
    </message>
    <message>
        <source>Tick the removed revisions the replacing revision stands for, or pick another in the Replaced by column. Every change runs the checks again.</source>
        <translation>Cochez les révisions supprimées que remplace la révision de remplacement, ou choisissez-en une autre dans la colonne «&#xa0;Remplacée par&#xa0;». Chaque modification relance les vérifications.</translation>
    </message>
    <message>
        <source>Squash Mapping</source>
        <translation>Correspondance du squash</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Correction&#xa0;: %1</translation>
    </message>
    <message>
        <source>&amp;Stamp…</source>
        <translation>E&amp;stampiller…</translation>
    </message>
    <message>
        <source>Rewrite the version table to the revisions that replace the removed ones, after a preview</source>
        <translation>Réécrire la table de version avec les révisions qui remplacent les révisions supprimées, après un aperçu</translation>
    </message>
    <message>
        <source>Compare Versions — %1</source>
        <translation>Comparer les versions — %1</translation>
    </message>
    <message>
        <source>The project folder as it is on disk</source>
        <translation>Le dossier du projet tel qu&apos;il est sur le disque</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1 is not in a git repository: compare it with another folder (Browse Folder…).</source>
        <translation>%1 n&apos;est pas dans un dépôt git&#xa0;: comparez-le avec un autre dossier (Choisir un dossier…).</translation>
    </message>
    <message>
        <source>Choose a Folder</source>
        <translation>Choisir un dossier</translation>
    </message>
    <message>
        <source>Choose the two versions to compare.</source>
        <translation>Choisissez les deux versions à comparer.</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation>Comparaison annulée.</translation>
    </message>
    <message>
        <source>No revision was removed: there is no squash to map.</source>
        <translation>Aucune révision n&apos;a été supprimée&#xa0;: il n&apos;y a pas de squash à mettre en correspondance.</translation>
    </message>
    <message>
        <source>Confirmed: the checks use this mapping.</source>
        <translation>Confirmée&#xa0;: les vérifications utilisent cette correspondance.</translation>
    </message>
    <message>
        <source>Inferred by Revscope: confirm it, or correct it, so the checks use yours.</source>
        <translation>Déduite par Revscope&#xa0;: confirmez-la, ou corrigez-la pour que les vérifications utilisent la vôtre.</translation>
    </message>
    <message>
        <source>%1 removed, %2 added, %3 rewired, %4 edited</source>
        <translation>supprimées&#xa0;: %1, ajoutées&#xa0;: %2, rebranchées&#xa0;: %3, modifiées&#xa0;: %4</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n constat</numerusform>
            <numerusform>%n constats</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 → %2: %3; %4.</source>
        <translation>%1 → %2&#xa0;: %3&#x202f;; %4.</translation>
    </message>
    <message>
        <source>Removed (%1)</source>
        <translation>Supprimées (%1)</translation>
    </message>
    <message>
        <source>Added (%1)</source>
        <translation>Ajoutées (%1)</translation>
    </message>
    <message>
        <source>Rewired (%1)</source>
        <translation>Rebranchées (%1)</translation>
    </message>
    <message>
        <source>Edited (%1)</source>
        <translation>Modifiées (%1)</translation>
    </message>
    <message>
        <source>Checks (%1)</source>
        <translation>Vérifications (%1)</translation>
    </message>
    <message>
        <source>The database could not be read for this environment.</source>
        <translation>La base de données n&apos;a pas pu être lue pour cet environnement.</translation>
    </message>
    <message>
        <source>The database %1 is still stamped at %2, which the squash removed: Alembic will stop with &quot;Can&apos;t locate revision&quot;.</source>
        <translation>La base de données %1 est toujours estampillée à %2, que le squash a supprimée&#xa0;: Alembic s&apos;arrêtera avec «&#xa0;Can&apos;t locate revision&#xa0;».</translation>
    </message>
    <message>
        <source>Stamp it to %1 instead.</source>
        <translation>Estampillez-la plutôt à %1.</translation>
    </message>
    <message>
        <source>Confirm which revision replaces it in the Squash Mapping tab.</source>
        <translation>Confirmez quelle révision la remplace dans l&apos;onglet Correspondance du squash.</translation>
    </message>
    <message>
        <source>The database %1 names no revision the squash removed.</source>
        <translation>La base de données %1 ne désigne aucune révision supprimée par le squash.</translation>
    </message>
    <message>
        <source>Neither version has an Alembic environment to compare.</source>
        <translation>Aucune des deux versions n&apos;a d&apos;environnement Alembic à comparer.</translation>
    </message>
</context>
<context>
    <name>Revscope::ComparisonChangesModel</name>
    <message>
        <source>nothing replaces it</source>
        <translation>rien ne la remplace</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>rewired</source>
        <translation>rebranchée</translation>
    </message>
    <message>
        <source>script changed</source>
        <translation>script modifié</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Révision</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Replaced by</source>
        <translation>Remplacée par</translation>
    </message>
    <message>
        <source>Replaces</source>
        <translation>Remplace</translation>
    </message>
    <message>
        <source>Down revisions</source>
        <translation>Parents (down_revision)</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Changement</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
</context>
<context>
    <name>Revscope::ConnectDialog</name>
    <message>
        <source>Connect to a database</source>
        <translation>Connexion à une base de données</translation>
    </message>
    <message>
        <source>Connection details</source>
        <translation>Paramètres de connexion</translation>
    </message>
    <message>
        <source>An SQLAlchemy URL, as in alembic.ini&apos;s sqlalchemy.url. A relative SQLite path is taken against the project folder.</source>
        <translation>Une URL SQLAlchemy, comme le sqlalchemy.url d&apos;alembic.ini. Un chemin SQLite relatif est résolu par rapport au dossier du projet.</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL&#xa0;:</translation>
    </message>
    <message>
        <source>SQLAlchemy URL</source>
        <translation>URL SQLAlchemy</translation>
    </message>
    <message>
        <source>Variable:</source>
        <translation>Variable&#xa0;:</translation>
    </message>
    <message>
        <source>Environment variable</source>
        <translation>Variable d&apos;environnement</translation>
    </message>
    <message>
        <source>default schema</source>
        <translation>schéma par défaut</translation>
    </message>
    <message>
        <source>Schema:</source>
        <translation>Schéma&#xa0;:</translation>
    </message>
    <message>
        <source>Not tested yet.</source>
        <translation>Pas encore testé.</translation>
    </message>
    <message>
        <source>Remember password in the system keychain</source>
        <translation>Mémoriser le mot de passe dans le trousseau du système</translation>
    </message>
    <message>
        <source>Version table:</source>
        <translation>Table de version&#xa0;:</translation>
    </message>
    <message>
        <source>Connects to:</source>
        <translation>Se connecte à&#xa0;:</translation>
    </message>
    <message>
        <source>Test:</source>
        <translation>Test&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Tester</translation>
    </message>
    <message>
        <source>Connect now (read only, 5 s timeout) and read the version table</source>
        <translation>Se connecter maintenant (lecture seule, délai de 5 s) et lire la table de version</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>Fichier SQLite</translation>
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
        <translation>%1 (non installé&#xa0;: %2)</translation>
    </message>
    <message>
        <source>Not installed: %1 (package %2).</source>
        <translation>Non installé&#xa0;: %1 (paquet %2).</translation>
    </message>
    <message>
        <source>path/to/app.db</source>
        <translation>chemin/vers/app.db</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>default</source>
        <translation>par défaut</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port&#xa0;:</translation>
    </message>
    <message>
        <source>Driver:</source>
        <translation>Pilote&#xa0;:</translation>
    </message>
    <message>
        <source>Database file:</source>
        <translation>Fichier de base de données&#xa0;:</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Hôte&#xa0;:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de données&#xa0;:</translation>
    </message>
    <message>
        <source>SQLite database</source>
        <translation>Base de données SQLite</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)</source>
        <translation>Bases de données SQLite (*.db *.sqlite *.sqlite3 *.db3);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Name a variable of Revscope&apos;s environment that holds an SQLAlchemy URL.</source>
        <translation>Indiquez une variable de l&apos;environnement de Revscope qui contient une URL SQLAlchemy.</translation>
    </message>
    <message>
        <source>%1 is not set (or is empty) in Revscope&apos;s environment.</source>
        <translation>%1 n&apos;est pas définie (ou est vide) dans l&apos;environnement de Revscope.</translation>
    </message>
    <message>
        <source>%1 is set.</source>
        <translation>%1 est définie.</translation>
    </message>
    <message>
        <source>Name the environment variable that holds the database URL.</source>
        <translation>Indiquez la variable d&apos;environnement qui contient l&apos;URL de la base de données.</translation>
    </message>
    <message>
        <source>Choose the SQLite database file.</source>
        <translation>Choisissez le fichier de base de données SQLite.</translation>
    </message>
    <message>
        <source>Paste the SQLAlchemy URL of the database.</source>
        <translation>Collez l&apos;URL SQLAlchemy de la base de données.</translation>
    </message>
    <message>
        <source>Choose the database to connect to.</source>
        <translation>Choisissez la base de données à laquelle vous connecter.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message numerus="yes">
        <source>Connected to %1. The version table %2 holds %n row(s): %3.</source>
        <translation>
            <numerusform>Connecté à %1. La table de version %2 contient %n ligne&#xa0;: %3.</numerusform>
            <numerusform>Connecté à %1. La table de version %2 contient %n lignes&#xa0;: %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected to %1, which has no version table %2: Alembic has never migrated or stamped it (or env.py names another table).</source>
        <translation>Connecté à %1, qui n&apos;a pas de table de version %2&#xa0;: Alembic ne l&apos;a jamais migrée ni estampillée (ou env.py désigne une autre table).</translation>
    </message>
    <message>
        <source>Connected to %1. The version table %2 is empty: Alembic reads the database as never migrated.</source>
        <translation>Connecté à %1. La table de version %2 est vide&#xa0;: Alembic considère la base de données comme jamais migrée.</translation>
    </message>
    <message>
        <source>Access to the system keychain was refused; no password was read.</source>
        <translation>L&apos;accès au trousseau du système a été refusé&#x202f;; aucun mot de passe n&apos;a été lu.</translation>
    </message>
    <message>
        <source>No system keychain is available (%1), so the password cannot be remembered: type it each time, or use an environment variable.</source>
        <translation>Aucun trousseau système n&apos;est disponible (%1), donc le mot de passe ne peut pas être mémorisé&#xa0;: saisissez-le à chaque fois, ou utilisez une variable d&apos;environnement.</translation>
    </message>
</context>
<context>
    <name>Revscope::DatabaseController</name>
    <message>
        <source>&amp;Connect…</source>
        <translation>Se &amp;connecter…</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>&amp;Stamp…</source>
        <translation>&amp;Estampiller…</translation>
    </message>
    <message>
        <source>Rewrite the database&apos;s version table, previewed and undoable</source>
        <translation>Réécrire la table de version de la base de données, avec aperçu et annulation possible</translation>
    </message>
</context>
<context>
    <name>Revscope::DetailsPane</name>
    <message>
        <source>Select a revision or a finding to see its details.</source>
        <translation>Sélectionnez une révision ou un constat pour en voir les détails.</translation>
    </message>
</context>
<context>
    <name>Revscope::FindingHelpDialog</name>
    <message>
        <source>About Findings</source>
        <translation>À propos des constats</translation>
    </message>
    <message>
        <source>Filter codes and pages…</source>
        <translation>Filtrer les codes et les pages…</translation>
    </message>
    <message>
        <source>Matches codes, titles and the text of the pages, e.g. an error message such as &quot;Can&apos;t locate revision&quot;</source>
        <translation>Recherche dans les codes, les titres et le texte des pages, par exemple un message d&apos;erreur comme «&#xa0;Can&apos;t locate revision&#xa0;»</translation>
    </message>
    <message>
        <source>No finding code matches the filter.</source>
        <translation>Aucun code de constat ne correspond au filtre.</translation>
    </message>
    <message>
        <source>%1
%2 · default severity: %3</source>
        <translation>%1
%2 · gravité par défaut&#xa0;: %3</translation>
    </message>
</context>
<context>
    <name>Revscope::FindingsModel</name>
    <message>
        <source>%1
Fix: %2</source>
        <translation>%1
Correction&#xa0;: %2</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Révision</translation>
    </message>
</context>
<context>
    <name>Revscope::FindingsPanel</name>
    <message>
        <source>All severities</source>
        <translation>Toutes les gravités</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Avertissements et erreurs</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Erreurs uniquement</translation>
    </message>
    <message>
        <source>Minimum severity shown</source>
        <translation>Gravité minimale affichée</translation>
    </message>
    <message>
        <source>Filter findings…</source>
        <translation>Filtrer les constats…</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n constat</numerusform>
            <numerusform>%n constats</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>About This Finding</source>
        <translation>À propos de ce constat</translation>
    </message>
    <message>
        <source>About</source>
        <translation>À propos</translation>
    </message>
    <message>
        <source>About %1: what it means, how it bites, how to fix it (F1)</source>
        <translation>À propos de %1&#xa0;: ce que cela signifie, comment cela se manifeste, comment le corriger (F1)</translation>
    </message>
    <message>
        <source>About This Finding: select a finding first</source>
        <translation>À propos de ce constat&#xa0;: sélectionnez d&apos;abord un constat</translation>
    </message>
</context>
<context>
    <name>Revscope::GraphLegend</name>
    <message>
        <source>Revision: short id and message</source>
        <translation>Révision&#xa0;: identifiant court et message</translation>
    </message>
    <message>
        <source>Head (also outlined in blue)</source>
        <translation>Tête (également entourée en bleu)</translation>
    </message>
    <message>
        <source>Base: no down_revision</source>
        <translation>Base&#xa0;: pas de down_revision</translation>
    </message>
    <message>
        <source>Merge point</source>
        <translation>Point de fusion</translation>
    </message>
    <message>
        <source>Branch point</source>
        <translation>Point d&apos;embranchement</translation>
    </message>
    <message>
        <source>Branch label it declares</source>
        <translation>Étiquette de branche qu&apos;elle déclare</translation>
    </message>
    <message>
        <source>Only a .pyc defines it</source>
        <translation>Seul un .pyc la définit</translation>
    </message>
    <message>
        <source>Missing: referenced, defined nowhere</source>
        <translation>Manquante&#xa0;: référencée, définie nulle part</translation>
    </message>
    <message>
        <source>Linear run: click to expand</source>
        <translation>Suite linéaire&#xa0;: cliquez pour déplier</translation>
    </message>
    <message>
        <source>Database is at this revision</source>
        <translation>La base de données est à cette révision</translation>
    </message>
    <message>
        <source>Applied to the database</source>
        <translation>Appliquée à la base de données</translation>
    </message>
    <message>
        <source>Pending: not applied yet</source>
        <translation>En attente&#xa0;: pas encore appliquée</translation>
    </message>
    <message>
        <source>Worst finding: error, warning, info</source>
        <translation>Constat le plus grave&#xa0;: erreur, avertissement, info</translation>
    </message>
    <message>
        <source>down_revision: parent to child</source>
        <translation>down_revision&#xa0;: du parent à l&apos;enfant</translation>
    </message>
    <message>
        <source>depends_on</source>
        <translation>depends_on</translation>
    </message>
    <message>
        <source>Selected lineage or path</source>
        <translation>Lignée ou chemin sélectionné</translation>
    </message>
    <message>
        <source>head</source>
        <translation>tête</translation>
    </message>
    <message>
        <source>base</source>
        <translation>base</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>fusion</translation>
    </message>
    <message>
        <source>branch point</source>
        <translation>embranchement</translation>
    </message>
    <message>
        <source>label</source>
        <translation>étiquette</translation>
    </message>
    <message>
        <source>db</source>
        <translation>bdd</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>Revision in both versions</source>
        <translation>Révision présente dans les deux versions</translation>
    </message>
    <message>
        <source>Removed: only in the older version</source>
        <translation>Supprimée&#xa0;: seulement dans l&apos;ancienne version</translation>
    </message>
    <message>
        <source>Added: only in the newer version</source>
        <translation>Ajoutée&#xa0;: seulement dans la nouvelle version</translation>
    </message>
    <message>
        <source>Rewired or edited script</source>
        <translation>Révision rebranchée ou script modifié</translation>
    </message>
    <message>
        <source>down_revision in both versions</source>
        <translation>down_revision présent dans les deux versions</translation>
    </message>
    <message>
        <source>Only in the older version</source>
        <translation>Seulement dans l&apos;ancienne version</translation>
    </message>
    <message>
        <source>Only in the newer version</source>
        <translation>Seulement dans la nouvelle version</translation>
    </message>
    <message>
        <source>Worst squash finding</source>
        <translation>Constat de squash le plus grave</translation>
    </message>
</context>
<context>
    <name>Revscope::GraphMinimap</name>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation>Vue d&apos;ensemble&#xa0;: cliquez ou faites glisser pour déplacer la vue</translation>
    </message>
</context>
<context>
    <name>Revscope::GraphPanel</name>
    <message>
        <source>Open a project to see its migration history.</source>
        <translation>Ouvrez un projet pour voir son historique de migrations.</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Fit the whole graph in the view (F)</source>
        <translation>Ajuster tout le graphe à la vue (F)</translation>
    </message>
    <message>
        <source>100%</source>
        <translation>100&#x202f;%</translation>
    </message>
    <message>
        <source>Actual size (Ctrl+0)</source>
        <translation>Taille réelle (Ctrl+0)</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Zoom avant (Ctrl++)</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Zoom arrière (Ctrl+-)</translation>
    </message>
    <message>
        <source>Left to Right</source>
        <translation>De gauche à droite</translation>
    </message>
    <message>
        <source>Lay the history out from left to right</source>
        <translation>Disposer l&apos;historique de gauche à droite</translation>
    </message>
    <message>
        <source>Horizontal</source>
        <translation>Horizontal</translation>
    </message>
    <message>
        <source>Collapse Linear Runs</source>
        <translation>Replier les suites linéaires</translation>
    </message>
    <message>
        <source>Draw each chain of plain revisions as one node; heads, bases, branch and merge points, labelled revisions and the database&apos;s revisions stay</source>
        <translation>Dessiner chaque chaîne de révisions ordinaires comme un seul nœud&#x202f;; les têtes, les bases, les points d&apos;embranchement et de fusion, les révisions étiquetées et celles de la base de données restent visibles</translation>
    </message>
    <message>
        <source>Collapse</source>
        <translation>Replier</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Légende</translation>
    </message>
    <message>
        <source>Show what the marks mean</source>
        <translation>Afficher la signification des marques</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>Show an overview of the whole graph</source>
        <translation>Afficher une vue d&apos;ensemble de tout le graphe</translation>
    </message>
    <message>
        <source>Find Revision…</source>
        <translation>Rechercher une révision…</translation>
    </message>
    <message>
        <source>Find a revision by id, message or branch label (Ctrl+F)</source>
        <translation>Rechercher une révision par identifiant, message ou étiquette de branche (Ctrl+F)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>Résultat suivant (F3)</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Résultat précédent (Maj+F3)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Save the graph as SVG, PNG, PDF or Graphviz DOT</source>
        <translation>Enregistrer le graphe en SVG, PNG, PDF ou DOT Graphviz</translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation>Copier l&apos;image</translation>
    </message>
    <message>
        <source>Copy the whole graph to the clipboard as an image</source>
        <translation>Copier tout le graphe dans le presse-papiers sous forme d&apos;image</translation>
    </message>
    <message>
        <source>Find id, message or label</source>
        <translation>Rechercher un identifiant, un message ou une étiquette</translation>
    </message>
    <message numerus="yes">
        <source>Laying out %n revision(s)…</source>
        <translation>
            <numerusform>Calcul de la disposition de %n révision…</numerusform>
            <numerusform>Calcul de la disposition de %n révisions…</numerusform>
        </translation>
    </message>
    <message>
        <source>The revision graph could not be laid out.
%1</source>
        <translation>La disposition du graphe des révisions a échoué.
%1</translation>
    </message>
    <message>
        <source>This project has no Alembic environment to show.</source>
        <translation>Ce projet n&apos;a aucun environnement Alembic à afficher.</translation>
    </message>
    <message>
        <source>This Alembic environment has no revisions yet.</source>
        <translation>Cet environnement Alembic n&apos;a pas encore de révision.</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Aucun résultat</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Cannot tell the format of %1 from its extension (use %2).</source>
        <translation>Impossible de déduire le format de %1 de son extension (utilisez %2).</translation>
    </message>
    <message>
        <source>There is no graph to export.</source>
        <translation>Il n&apos;y a aucun graphe à exporter.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>Image SVG (*.svg)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Graphviz DOT (*.dot)</source>
        <translation>DOT Graphviz (*.dot)</translation>
    </message>
    <message>
        <source>Export Revision Graph</source>
        <translation>Exporter le graphe des révisions</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Échec de l&apos;exportation&#xa0;: %1</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportation…</translation>
    </message>
</context>
<context>
    <name>Revscope::ImagePanel</name>
    <message>
        <source>No Dockerfile or compose file found in this project</source>
        <translation>Aucun Dockerfile ni fichier compose trouvé dans ce projet</translation>
    </message>
    <message>
        <source>Revscope looks for Dockerfile, Dockerfile.*, *.Dockerfile, compose.yaml and docker-compose*.yml, and shows which files each image will contain.</source>
        <translation>Revscope recherche Dockerfile, Dockerfile.*, *.Dockerfile, compose.yaml et docker-compose*.yml, et montre quels fichiers contiendra chaque image.</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>&amp;Image&#xa0;:</translation>
    </message>
    <message>
        <source>The compose service or Dockerfile whose image is shown</source>
        <translation>Le service compose ou le Dockerfile dont l&apos;image est affichée</translation>
    </message>
    <message>
        <source>Search paths…</source>
        <translation>Rechercher des chemins…</translation>
    </message>
    <message>
        <source>Show e&amp;xcluded context files</source>
        <translation>Afficher les fichiers du contexte e&amp;xclus</translation>
    </message>
    <message>
        <source>Also list the build-context files that do not reach the image, and why</source>
        <translation>Lister aussi les fichiers du contexte de build qui n&apos;arrivent pas dans l&apos;image, et pourquoi</translation>
    </message>
    <message>
        <source>&amp;Explain path…</source>
        <translation>&amp;Expliquer un chemin…</translation>
    </message>
    <message>
        <source>Type a context path and see which ignore line and which COPY decide its fate</source>
        <translation>Saisissez un chemin du contexte pour voir quelle ligne d&apos;exclusion et quel COPY décident de son sort</translation>
    </message>
    <message>
        <source>Context &amp;path:</source>
        <translation>&amp;Chemin dans le contexte&#xa0;:</translation>
    </message>
    <message>
        <source>e.g. back/alembic.ini</source>
        <translation>par exemple back/alembic.ini</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>Expliquer</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <source>No image could be read from the Dockerfiles and compose files; the findings below say why.</source>
        <translation>Aucune image n&apos;a pu être lue dans les Dockerfiles et les fichiers compose&#x202f;; les constats ci-dessous expliquent pourquoi.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>néant</translation>
    </message>
    <message>
        <source>Dockerfile %1 · context %2 · ignore file %3&lt;br&gt;Working directory &lt;code&gt;%4&lt;/code&gt; · command %5 · %6 files from the context and stages</source>
        <translation>Dockerfile&#xa0;: %1 · contexte&#xa0;: %2 · fichier d&apos;exclusion&#xa0;: %3&lt;br&gt;Répertoire de travail&#xa0;: &lt;code&gt;%4&lt;/code&gt; · commande&#xa0;: %5 · %6 fichiers issus du contexte et des étapes</translation>
    </message>
    <message>
        <source>PYTHONDONTWRITEBYTECODE is set (line %1): no bytecode is written at run time.</source>
        <translation>PYTHONDONTWRITEBYTECODE est défini (ligne %1)&#xa0;: aucun bytecode n&apos;est écrit à l&apos;exécution.</translation>
    </message>
    <message>
        <source>Double-click to open %1</source>
        <translation>Double-cliquez pour ouvrir %1</translation>
    </message>
    <message>
        <source>No image findings</source>
        <translation>Aucun constat sur l&apos;image</translation>
    </message>
    <message numerus="yes">
        <source>%n image finding(s)</source>
        <translation>
            <numerusform>%n constat sur l&apos;image</numerusform>
            <numerusform>%n constats sur l&apos;image</numerusform>
        </translation>
    </message>
    <message>
        <source>No image is selected.</source>
        <translation>Aucune image n&apos;est sélectionnée.</translation>
    </message>
    <message>
        <source>Open: %1</source>
        <translation>Ouvrir&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Revscope::ImageTreeModel</name>
    <message>
        <source>here-document %1</source>
        <translation>here-document %1</translation>
    </message>
    <message>
        <source>stage %1: %2</source>
        <translation>étape %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>archive %1, unpacked</source>
        <translation>archive %1, décompressée</translation>
    </message>
    <message>
        <source>archive %1: %2</source>
        <translation>archive %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>not copied</source>
        <translation>non copié</translation>
    </message>
    <message numerus="yes">
        <source>Not in the image (%n context file(s))</source>
        <translation>
            <numerusform>Absent de l&apos;image (%n fichier du contexte)</numerusform>
            <numerusform>Absents de l&apos;image (%n fichiers du contexte)</numerusform>
        </translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Provenance</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
</context>
<context>
    <name>Revscope::IniFile</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 is too large to be a configuration file (%2 bytes).</source>
        <translation>%1 est trop volumineux pour être un fichier de configuration (%2 octets).</translation>
    </message>
    <message>
        <source>&apos;utf-8&apos; codec can&apos;t decode byte 0x%1 at byte offset %2: the file is not valid UTF-8, so Python cannot read it.</source>
        <translation>le codec «&#xa0;utf-8&#xa0;» ne peut pas décoder l&apos;octet 0x%1 à la position %2&#xa0;: le fichier n&apos;est pas de l&apos;UTF-8 valide, donc Python ne peut pas le lire.</translation>
    </message>
    <message>
        <source>Section %1 already exists (first defined on line %2).</source>
        <translation>La section %1 existe déjà (définie pour la première fois à la ligne %2).</translation>
    </message>
    <message>
        <source>File contains no section headers: line %1 (%2) comes before the first [section] header.</source>
        <translation>Le fichier ne contient aucun en-tête de section&#xa0;: la ligne %1 (%2) précède le premier en-tête [section].</translation>
    </message>
    <message>
        <source>The file starts with a UTF-8 byte order mark, which Python reads as part of the first line; save it without the BOM.</source>
        <translation>Le fichier commence par une marque d&apos;ordre des octets (BOM) UTF-8, que Python lit comme faisant partie de la première ligne&#x202f;; enregistrez-le sans BOM.</translation>
    </message>
    <message>
        <source>Parsing error: line %1 (%2) is not a [section] header, a &apos;key = value&apos; option or a comment.</source>
        <translation>Erreur d&apos;analyse&#xa0;: la ligne %1 (%2) n&apos;est ni un en-tête [section], ni une option «&#xa0;clé = valeur&#xa0;», ni un commentaire.</translation>
    </message>
    <message>
        <source>Parsing error: line %1 (%2) has a value but no option name.</source>
        <translation>Erreur d&apos;analyse&#xa0;: la ligne %1 (%2) a une valeur mais pas de nom d&apos;option.</translation>
    </message>
    <message>
        <source>Option %1 in section %2 already exists (first defined on line %3).</source>
        <translation>L&apos;option %1 de la section %2 existe déjà (définie pour la première fois à la ligne %3).</translation>
    </message>
    <message>
        <source>Recursion limit exceeded in value substitution: option %1 in section %2 contains an interpolation key which cannot be substituted in %3 steps. Raw value: %4</source>
        <translation>Limite de récursion dépassée lors de la substitution de valeurs&#xa0;: l&apos;option %1 de la section %2 contient une clé d&apos;interpolation qui ne peut pas être substituée en %3 étapes. Valeur brute&#xa0;: %4</translation>
    </message>
    <message>
        <source>bad interpolation variable reference %1 in option %2 of section %3</source>
        <translation>référence de variable d&apos;interpolation %1 incorrecte dans l&apos;option %2 de la section %3</translation>
    </message>
    <message>
        <source>Bad value substitution: option %1 in section %2 contains an interpolation key %3 which is not a valid option name. Raw value: %4</source>
        <translation>Substitution de valeur incorrecte&#xa0;: l&apos;option %1 de la section %2 contient une clé d&apos;interpolation %3 qui n&apos;est pas un nom d&apos;option valide. Valeur brute&#xa0;: %4</translation>
    </message>
    <message>
        <source>&apos;%&apos; must be followed by &apos;%&apos; or &apos;(&apos;, found: %1 (option %2 in section %3)</source>
        <translation>«&#xa0;%&#xa0;» doit être suivi de «&#xa0;%&#xa0;» ou de «&#xa0;(&#xa0;», trouvé&#xa0;: %1 (option %2 de la section %3)</translation>
    </message>
</context>
<context>
    <name>Revscope::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;System Default</source>
        <translation>Langue du &amp;système</translation>
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
        <translation>Historique</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Open Folder…</source>
        <translation>&amp;Ouvrir un dossier…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Ouvrir un projet ré&amp;cent</translation>
    </message>
    <message>
        <source>Open &amp;Demo Project</source>
        <translation>Ouvrir le projet de &amp;démonstration</translation>
    </message>
    <message>
        <source>Re&amp;set Demo Project…</source>
        <translation>Réinitiali&amp;ser le projet de démonstration…</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Recharger</translation>
    </message>
    <message>
        <source>&amp;Close Project</source>
        <translation>&amp;Fermer le projet</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <source>&amp;Copy Revision ID</source>
        <translation>&amp;Copier l&apos;identifiant de révision</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affi&amp;chage</translation>
    </message>
    <message>
        <source>&amp;Database</source>
        <translation>&amp;Base de données</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About Revscope</source>
        <translation>À &amp;propos de Revscope</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <source>The Alembic environment shown</source>
        <translation>L&apos;environnement Alembic affiché</translation>
    </message>
    <message>
        <source>Stop loading</source>
        <translation>Arrêter le chargement</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 n&apos;est pas un dossier.</translation>
    </message>
    <message>
        <source>%1 — Revscope</source>
        <translation>%1 — Revscope</translation>
    </message>
    <message>
        <source>The demo project could not be prepared in %1: %2</source>
        <translation>Le projet de démonstration n&apos;a pas pu être préparé dans %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Reset Demo Project</source>
        <translation>Réinitialiser le projet de démonstration</translation>
    </message>
    <message>
        <source>Restore the demo project in %1 to its original state? Changes made there, such as cleanups, are lost.</source>
        <translation>Restaurer le projet de démonstration de %1 dans son état d&apos;origine&#x202f;? Les modifications qui y ont été faites, comme les nettoyages, seront perdues.</translation>
    </message>
    <message>
        <source>The demo project could not be reset in %1: %2</source>
        <translation>Le projet de démonstration n&apos;a pas pu être réinitialisé dans %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Open Alembic Project</source>
        <translation>Ouvrir un projet Alembic</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>Aucun projet récent</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Effacer la liste</translation>
    </message>
    <message>
        <source>Inspecting %1…</source>
        <translation>Inspection de %1…</translation>
    </message>
    <message>
        <source>Reload stopped; showing the previous inspection.</source>
        <translation>Rechargement arrêté&#x202f;; affichage de l&apos;inspection précédente.</translation>
    </message>
    <message>
        <source>Loading stopped.</source>
        <translation>Chargement arrêté.</translation>
    </message>
    <message>
        <source>Copy Revision ID</source>
        <translation>Copier l&apos;identifiant de révision</translation>
    </message>
    <message>
        <source>Open in Editor</source>
        <translation>Ouvrir dans l&apos;éditeur</translation>
    </message>
    <message>
        <source>Copy File Path</source>
        <translation>Copier le chemin du fichier</translation>
    </message>
    <message>
        <source>Show Source</source>
        <translation>Afficher la source</translation>
    </message>
    <message>
        <source>Stamp Database at This Revision…</source>
        <translation>Estampiller la base de données à cette révision…</translation>
    </message>
    <message>
        <source>Show Findings</source>
        <translation>Afficher les constats</translation>
    </message>
    <message>
        <source>Go to Revision</source>
        <translation>Aller à la révision</translation>
    </message>
    <message>
        <source>Copy Message</source>
        <translation>Copier le message</translation>
    </message>
    <message>
        <source>Fix (Clean Up…)</source>
        <translation>Corriger (Nettoyer…)</translation>
    </message>
    <message>
        <source>Stamp Database…</source>
        <translation>Estampiller la base de données…</translation>
    </message>
    <message>
        <source>No Alembic environment (alembic.ini or pyproject.toml with [tool.alembic]) was found in %1.</source>
        <translation>Aucun environnement Alembic (alembic.ini ou pyproject.toml avec [tool.alembic]) n&apos;a été trouvé dans %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s)</source>
        <translation>
            <numerusform>%n révision</numerusform>
            <numerusform>%n révisions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n head(s)</source>
        <translation>
            <numerusform>%n tête</numerusform>
            <numerusform>%n têtes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n erreur</numerusform>
            <numerusform>%n erreurs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n avertissement</numerusform>
            <numerusform>%n avertissements</numerusform>
        </translation>
    </message>
    <message>
        <source>No database</source>
        <translation>Aucune base de données</translation>
    </message>
    <message>
        <source>About Revscope</source>
        <translation>À propos de Revscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Revscope %1&lt;/h3&gt;&lt;p&gt;Explore Alembic migration histories, the database&apos;s view of them, stray bytecode and what the Docker image will contain.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Revscope %1&lt;/h3&gt;&lt;p&gt;Explorez les historiques de migrations Alembic, la façon dont la base de données les voit, le bytecode orphelin et ce que contiendra l&apos;image Docker.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Walkthrough</source>
        <translation>Visite guidée</translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation>E&amp;xporter un rapport…</translation>
    </message>
    <message>
        <source>Write the walkthrough and the findings as one HTML page or a Markdown document</source>
        <translation>Écrire la visite guidée et les constats dans une page HTML ou un document Markdown</translation>
    </message>
    <message>
        <source>&amp;Finding Reference…</source>
        <translation>&amp;Référence des constats…</translation>
    </message>
    <message>
        <source>Step through the history from the base to the heads, one revision at a time</source>
        <translation>Parcourir l&apos;historique de la base jusqu&apos;aux têtes, une révision à la fois</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Revscope will speak %1 from its next start.</source>
        <translation>Revscope utilisera la langue «&#xa0;%1&#xa0;» à partir de son prochain démarrage.</translation>
    </message>
    <message>
        <source>Restart Now</source>
        <translation>Redémarrer maintenant</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Plus tard</translation>
    </message>
    <message>
        <source>Revscope could not be restarted; start it again to use the new language.</source>
        <translation>Revscope n&apos;a pas pu redémarrer&#x202f;; relancez-le pour utiliser la nouvelle langue.</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <source>HTML page (*.html *.htm);;Markdown document (*.md *.markdown)</source>
        <translation>Page HTML (*.html *.htm);;Document Markdown (*.md *.markdown)</translation>
    </message>
    <message>
        <source>Cannot tell the format of %1: name it .html or .md.</source>
        <translation>Impossible de déterminer le format de %1&#xa0;: nommez-le .html ou .md.</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Écriture du rapport…</translation>
    </message>
    <message>
        <source>The report could not be written to %1: %2.</source>
        <translation>Le rapport n&apos;a pas pu être écrit dans %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Report written to %1.</source>
        <translation>Rapport écrit dans %1.</translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation>&amp;Versions</translation>
    </message>
    <message>
        <source>&amp;Compare Versions…</source>
        <translation>&amp;Comparer des versions…</translation>
    </message>
    <message>
        <source>Compare the migration graph of two git refs or folders: what a squash removed, and who would break</source>
        <translation>Comparer le graphe des révisions de deux refs git ou de deux dossiers&#xa0;: ce qu&apos;un squash a supprimé, et qui en serait cassé</translation>
    </message>
</context>
<context>
    <name>Revscope::ProjectScanner</name>
    <message>
        <source>Cannot read folder %1: %2. Alembic environments inside it are not found.</source>
        <translation>Impossible de lire le dossier %1&#xa0;: %2. Les environnements Alembic qu&apos;il contient ne sont pas détectés.</translation>
    </message>
    <message>
        <source>%1 is not a folder that can be read.</source>
        <translation>%1 n&apos;est pas un dossier lisible.</translation>
    </message>
    <message>
        <source>Config file %1 is not a file.</source>
        <translation>Le fichier de configuration %1 n&apos;est pas un fichier.</translation>
    </message>
    <message>
        <source>Config file %1 does not exist.</source>
        <translation>Le fichier de configuration %1 n&apos;existe pas.</translation>
    </message>
</context>
<context>
    <name>Revscope::PyProjectFile</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 is too large to be a pyproject.toml (%2 bytes).</source>
        <translation>%1 est trop volumineux pour être un pyproject.toml (%2 octets).</translation>
    </message>
    <message>
        <source>Invalid statement (at line 1, column 1): the file starts with a UTF-8 byte order mark, which Python&apos;s tomllib rejects.</source>
        <translation>Instruction invalide (ligne 1, colonne 1)&#xa0;: le fichier commence par une marque d&apos;ordre des octets (BOM) UTF-8, que le module tomllib de Python rejette.</translation>
    </message>
</context>
<context>
    <name>Revscope::RecentProjectsDelegate</name>
    <message>
        <source>(missing)</source>
        <translation>(introuvable)</translation>
    </message>
    <message>
        <source>Remove from List</source>
        <translation>Retirer de la liste</translation>
    </message>
</context>
<context>
    <name>Revscope::RecentProjectsModel</name>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (introuvable)</translation>
    </message>
</context>
<context>
    <name>Revscope::RecentProjectsView</name>
    <message>
        <source>Recent projects</source>
        <translation>Projets récents</translation>
    </message>
    <message>
        <source>This folder no longer exists. Press Delete to remove it from the list.</source>
        <translation>Ce dossier n&apos;existe plus. Appuyez sur Suppr pour le retirer de la liste.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation>Copier le chemin</translation>
    </message>
    <message>
        <source>Remove from List</source>
        <translation>Retirer de la liste</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Effacer la liste</translation>
    </message>
</context>
<context>
    <name>Revscope::ScriptDirectory</name>
    <message>
        <source>%1 %2 is a symbolic link to %3, outside the project; Revscope does not follow it, so its scripts are not inspected.</source>
        <translation>%1 %2 est un lien symbolique vers %3, hors du projet&#x202f;; Revscope ne le suit pas, donc ses scripts ne sont pas inspectés.</translation>
    </message>
    <message>
        <source>Cannot read version location %1: %2. Alembic stops with the same error.</source>
        <translation>Impossible de lire l&apos;emplacement de versions %1&#xa0;: %2. Alembic s&apos;arrête sur la même erreur.</translation>
    </message>
    <message>
        <source>Bytecode folder</source>
        <translation>Dossier de bytecode</translation>
    </message>
    <message>
        <source>Cannot read %1: %2. Alembic stops with the same error.</source>
        <translation>Impossible de lire %1&#xa0;: %2. Alembic s&apos;arrête sur la même erreur.</translation>
    </message>
    <message>
        <source>Cannot read folder %1: %2; Alembic skips it, so its scripts are not loaded.</source>
        <translation>Impossible de lire le dossier %1&#xa0;: %2&#x202f;; Alembic l&apos;ignore, donc ses scripts ne sont pas chargés.</translation>
    </message>
    <message>
        <source>Version location %1 does not exist; Alembic skips it.</source>
        <translation>L&apos;emplacement de versions %1 n&apos;existe pas&#x202f;; Alembic l&apos;ignore.</translation>
    </message>
    <message>
        <source>The versions folder %1 does not exist: Alembic 1.8.1 stops with FileNotFoundError, newer releases see no revisions.</source>
        <translation>Le dossier de versions %1 n&apos;existe pas&#xa0;: Alembic 1.8.1 s&apos;arrête avec FileNotFoundError, les versions plus récentes ne voient aucune révision.</translation>
    </message>
    <message>
        <source>Create the folder, or set version_locations.</source>
        <translation>Créez le dossier, ou définissez version_locations.</translation>
    </message>
    <message>
        <source>Version location</source>
        <translation>Emplacement de versions</translation>
    </message>
    <message>
        <source>Version location %1 is not a folder; Alembic stops with NotADirectoryError.</source>
        <translation>L&apos;emplacement de versions %1 n&apos;est pas un dossier&#x202f;; Alembic s&apos;arrête avec NotADirectoryError.</translation>
    </message>
    <message>
        <source>%1 is a folder named like a revision script; Alembic fails trying to load it.</source>
        <translation>%1 est un dossier nommé comme un script de révision&#x202f;; Alembic échoue en essayant de le charger.</translation>
    </message>
    <message>
        <source>Rename or move the folder.</source>
        <translation>Renommez ou déplacez le dossier.</translation>
    </message>
    <message>
        <source>%1 is a broken symbolic link; Alembic loads its bytecode from __pycache__ if there is one, and otherwise fails.</source>
        <translation>%1 est un lien symbolique cassé&#x202f;; Alembic charge son bytecode depuis __pycache__ s&apos;il y en a un, et échoue sinon.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) in %1 were already loaded from another version location; Alembic loads each file once and warns &quot;loaded twice&quot;.</source>
        <translation>
            <numerusform>%n fichier de %1 a déjà été chargé depuis un autre emplacement de versions&#x202f;; Alembic charge chaque fichier une seule fois et signale «&#xa0;loaded twice&#xa0;».</numerusform>
            <numerusform>%n fichiers de %1 ont déjà été chargés depuis un autre emplacement de versions&#x202f;; Alembic charge chaque fichier une seule fois et signale «&#xa0;loaded twice&#xa0;».</numerusform>
        </translation>
    </message>
    <message>
        <source>Make version_locations list each folder once.</source>
        <translation>Faites en sorte que version_locations ne liste chaque dossier qu&apos;une seule fois.</translation>
    </message>
</context>
<context>
    <name>Revscope::SourcePreview</name>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>Le fichier %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file.</source>
        <translation>%1 est un dossier, pas un fichier.</translation>
    </message>
    <message>
        <source>%1 is too large to preview (%2; the limit is %3).</source>
        <translation>%1 est trop volumineux pour être prévisualisé (%2&#x202f;; la limite est de %3).</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 n&apos;a pas pu être lu&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 is too large to preview (over %2).</source>
        <translation>%1 est trop volumineux pour être prévisualisé (plus de %2).</translation>
    </message>
    <message>
        <source>%1 is a binary file; there is no text to show.</source>
        <translation>%1 est un fichier binaire&#x202f;; il n&apos;y a aucun texte à afficher.</translation>
    </message>
</context>
<context>
    <name>Revscope::SquashMappingModel</name>
    <message>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <source>not replaced</source>
        <translation>non remplacée</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>confirmée</translation>
    </message>
    <message>
        <source>inferred</source>
        <translation>déduite</translation>
    </message>
    <message>
        <source>inferred: %1</source>
        <translation>déduite&#xa0;: %1</translation>
    </message>
    <message>
        <source>Tick to say that %1 replaces %2</source>
        <translation>Cochez pour indiquer que %1 remplace %2</translation>
    </message>
    <message>
        <source>The revision of the newer version that replaces %1</source>
        <translation>La révision de la nouvelle version qui remplace %1</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Supprimée</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Replaced by</source>
        <translation>Remplacée par</translation>
    </message>
    <message>
        <source>Mapping</source>
        <translation>Correspondance</translation>
    </message>
</context>
<context>
    <name>Revscope::StampDialog</name>
    <message>
        <source>(no row)</source>
        <translation>(aucune ligne)</translation>
    </message>
    <message>
        <source>Stamp the database</source>
        <translation>Estampiller la base de données</translation>
    </message>
    <message>
        <source>Use suggestion</source>
        <translation>Utiliser la suggestion</translation>
    </message>
    <message>
        <source>Revisions, separated by spaces (ids, labels, heads)</source>
        <translation>Révisions, séparées par des espaces (identifiants, étiquettes, heads)</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>Estampiller</translation>
    </message>
    <message>
        <source>Undo stamp</source>
        <translation>Annuler l&apos;estampillage</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de données&#xa0;:</translation>
    </message>
    <message>
        <source>Suggestion:</source>
        <translation>Suggestion&#xa0;:</translation>
    </message>
    <message>
        <source>Stamp at:</source>
        <translation>Estampiller à&#xa0;:</translation>
    </message>
    <message>
        <source>%1, table %2</source>
        <translation>%1, table %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>Rows now:   %1</source>
        <translation>Lignes actuelles&#xa0;: %1</translation>
    </message>
    <message>
        <source>Rows after: %1</source>
        <translation>Lignes après&#xa0;:     %1</translation>
    </message>
    <message>
        <source>No SQL: the table already holds these rows.</source>
        <translation>Aucun SQL&#xa0;: la table contient déjà ces lignes.</translation>
    </message>
    <message>
        <source>SQL, in one transaction that first re-reads the rows and stops if they changed:</source>
        <translation>SQL, en une seule transaction qui relit d&apos;abord les lignes et s&apos;arrête si elles ont changé&#xa0;:</translation>
    </message>
    <message>
        <source>Stamping...</source>
        <translation>Estampillage...</translation>
    </message>
    <message>
        <source>Undoing...</source>
        <translation>Annulation...</translation>
    </message>
</context>
<context>
    <name>Revscope::WalkthroughPanel</name>
    <message>
        <source>What it changes</source>
        <translation>Ce qu&apos;elle change</translation>
    </message>
    <message>
        <source>First</source>
        <translation>Première</translation>
    </message>
    <message>
        <source>First revision (Home)</source>
        <translation>Première révision (Début)</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Précédente</translation>
    </message>
    <message>
        <source>Previous revision (Left)</source>
        <translation>Révision précédente (Flèche gauche)</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>Play the walkthrough (Space)</source>
        <translation>Lancer la visite guidée (Espace)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivante</translation>
    </message>
    <message>
        <source>Next revision (Right)</source>
        <translation>Révision suivante (Flèche droite)</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Dernière</translation>
    </message>
    <message>
        <source>Last revision (End)</source>
        <translation>Dernière révision (Fin)</translation>
    </message>
    <message>
        <source>Position in the history</source>
        <translation>Position dans l&apos;historique</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>Toutes les</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Seconds between revisions when playing</source>
        <translation>Secondes entre deux révisions pendant la lecture</translation>
    </message>
    <message>
        <source>Loading the history…</source>
        <translation>Chargement de l&apos;historique…</translation>
    </message>
    <message>
        <source>Open a project to walk through its migration history.</source>
        <translation>Ouvrez un projet pour parcourir l&apos;historique de ses migrations.</translation>
    </message>
    <message>
        <source>This environment has no revisions yet.</source>
        <translation>Cet environnement n&apos;a encore aucune révision.</translation>
    </message>
    <message>
        <source>(no script defines this revision)</source>
        <translation>(aucun script ne définit cette révision)</translation>
    </message>
    <message>
        <source>(no message)</source>
        <translation>(aucun message)</translation>
    </message>
    <message>
        <source>Created %1</source>
        <translation>Créée le %1</translation>
    </message>
    <message>
        <source>not loaded by Alembic</source>
        <translation>non chargée par Alembic</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… et %n autre</numerusform>
            <numerusform>… et %n autres</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing: upgrade() is empty.</source>
        <translation>Rien&#xa0;: upgrade() est vide.</translation>
    </message>
    <message>
        <source>No op.* calls: upgrade() runs other Python code; read the script.</source>
        <translation>Aucun appel op.*&#xa0;: upgrade() exécute un autre code Python&#x202f;; lisez le script.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause the walkthrough (Space)</source>
        <translation>Mettre la visite guidée en pause (Espace)</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Étape %1 sur %2</translation>
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
        <translation>Voyez le vrai graphe des révisions de vos migrations Alembic, où en est la base de données, et le bytecode obsolète qui traîne.</translation>
    </message>
    <message>
        <source>Open Folder…</source>
        <translation>Ouvrir un dossier…</translation>
    </message>
    <message>
        <source>Open a folder holding an alembic.ini or a pyproject.toml</source>
        <translation>Ouvrir un dossier contenant un alembic.ini ou un pyproject.toml</translation>
    </message>
    <message>
        <source>Open Demo Project</source>
        <translation>Ouvrir le projet de démonstration</translation>
    </message>
    <message>
        <source>A small service whose history shows a squashed revision, stray bytecode and a database stamped at a revision that no longer exists</source>
        <translation>Un petit service dont l&apos;historique montre une révision supprimée par un squash, du bytecode orphelin et une base de données estampillée à une révision qui n&apos;existe plus</translation>
    </message>
    <message>
        <source>Recent Projects</source>
        <translation>Projets récents</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Effacer la liste</translation>
    </message>
    <message>
        <source>Projects you open appear here.</source>
        <translation>Les projets que vous ouvrez apparaissent ici.</translation>
    </message>
    <message>
        <source>or drop a project folder here</source>
        <translation>ou déposez un dossier de projet ici</translation>
    </message>
    <message>
        <source>Release to open this folder</source>
        <translation>Relâchez pour ouvrir ce dossier</translation>
    </message>
</context>
<context>
    <name>SarifReport</name>
    <message>
        <source>Fix: %1</source>
        <translation>Correction&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ScriptReader</name>
    <message>
        <source>unexpected indent</source>
        <translation>indentation inattendue</translation>
    </message>
    <message>
        <source>expected an indented block after &apos;%1&apos; statement on line %2</source>
        <translation>bloc indenté attendu après l&apos;instruction «&#xa0;%1&#xa0;» de la ligne %2</translation>
    </message>
    <message>
        <source>a class</source>
        <translation>une classe</translation>
    </message>
    <message>
        <source>a function</source>
        <translation>une fonction</translation>
    </message>
    <message>
        <source>an assignment expression</source>
        <translation>une expression d&apos;affectation</translation>
    </message>
    <message>
        <source>an augmented assignment</source>
        <translation>une affectation augmentée</translation>
    </message>
    <message>
        <source>an unpacking assignment</source>
        <translation>une affectation par décomposition</translation>
    </message>
    <message>
        <source>invalid syntax</source>
        <translation>syntaxe invalide</translation>
    </message>
    <message>
        <source>an import</source>
        <translation>un import</translation>
    </message>
    <message>
        <source>cannot mix bytes and nonbytes literals</source>
        <translation>impossible de mélanger des littéraux bytes et non-bytes</translation>
    </message>
    <message>
        <source>%1 must be a string, a tuple of strings or None, not %2 (%3).</source>
        <translation>%1 doit être une chaîne, un tuple de chaînes ou None, pas %2 (%3).</translation>
    </message>
    <message>
        <source>Write %1 as a string, a tuple of strings or None.</source>
        <translation>Écrivez %1 sous forme de chaîne, de tuple de chaînes ou de None.</translation>
    </message>
    <message>
        <source>%1 contains an empty string; it is ignored here.</source>
        <translation>%1 contient une chaîne vide&#x202f;; elle est ignorée ici.</translation>
    </message>
    <message>
        <source>%1 contains %2, which is a %3, not a string; it is ignored here.</source>
        <translation>%1 contient %2, qui est de type %3 et non une chaîne&#x202f;; cette valeur est ignorée ici.</translation>
    </message>
    <message>
        <source>List only revision ids (strings) in %1.</source>
        <translation>Ne listez que des identifiants de révision (chaînes) dans %1.</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>n&apos;est pas un fichier ordinaire</translation>
    </message>
    <message>
        <source>Cannot read the script: %1.</source>
        <translation>Impossible de lire le script&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Check that the file exists and is readable.</source>
        <translation>Vérifiez que le fichier existe et qu&apos;il est lisible.</translation>
    </message>
    <message>
        <source>Python cannot read this script: %1.</source>
        <translation>Python ne peut pas lire ce script&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Remove the file from the versions folder, or restore it as text (UTF-8, or the encoding its coding line declares).</source>
        <translation>Retirez le fichier du dossier versions, ou restaurez-le en texte (UTF-8, ou l&apos;encodage que déclare sa ligne coding).</translation>
    </message>
    <message>
        <source>Python cannot compile this script: %1.</source>
        <translation>Python ne peut pas compiler ce script&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Fix the syntax error: until then every Alembic command fails.</source>
        <translation>Corrigez l&apos;erreur de syntaxe&#xa0;: d&apos;ici là, toutes les commandes Alembic échouent.</translation>
    </message>
    <message>
        <source>%1 is assigned inside a block on line %2; Revscope reads only unconditional module-level assignments, so that one is ignored.</source>
        <translation>%1 est affecté à l&apos;intérieur d&apos;un bloc à la ligne %2&#x202f;; Revscope ne lit que les affectations inconditionnelles au niveau du module, donc celle-ci est ignorée.</translation>
    </message>
    <message>
        <source>Assign %1 once, at module level, as a literal.</source>
        <translation>Affectez %1 une seule fois, au niveau du module, sous forme de littéral.</translation>
    </message>
    <message>
        <source>%1 is not a literal (%2): Revscope does not run Python, so %3.</source>
        <translation>%1 n&apos;est pas un littéral (%2)&#xa0;: Revscope n&apos;exécute pas Python, donc %3.</translation>
    </message>
    <message>
        <source>Write %1 as a literal string, tuple of strings or None.</source>
        <translation>Écrivez %1 sous forme de chaîne littérale, de tuple de chaînes ou de None.</translation>
    </message>
    <message>
        <source>Could not determine revision id from filename %1. Be sure the &apos;revision&apos; variable is declared inside the script (please see &apos;Upgrading from Alembic 0.1 to 0.2&apos; in the documentation).</source>
        <translation>Impossible de déterminer l&apos;identifiant de révision à partir du nom de fichier %1. Assurez-vous que la variable «&#xa0;revision&#xa0;» est déclarée dans le script (voir «&#xa0;Upgrading from Alembic 0.1 to 0.2&#xa0;» dans la documentation).</translation>
    </message>
    <message>
        <source>(The star import on line %1 may define it; Revscope does not follow imports.)</source>
        <translation>(L&apos;import étoilé de la ligne %1 peut la définir&#x202f;; Revscope ne suit pas les imports.)</translation>
    </message>
    <message>
        <source>Declare the revision id at module level: revision = &quot;&lt;id&gt;&quot;.</source>
        <translation>Déclarez l&apos;identifiant de révision au niveau du module&#xa0;: revision = &quot;&lt;id&gt;&quot;.</translation>
    </message>
    <message>
        <source>the revision id is unknown and the script is left out of the graph</source>
        <translation>l&apos;identifiant de révision est inconnu et le script est exclu du graphe</translation>
    </message>
    <message>
        <source>The revision identifier must be a string, not %1 (%2).</source>
        <translation>L&apos;identifiant de révision doit être une chaîne, pas %1 (%2).</translation>
    </message>
    <message>
        <source>Write the revision id as a string literal.</source>
        <translation>Écrivez l&apos;identifiant de révision sous forme de chaîne littérale.</translation>
    </message>
    <message>
        <source>The revision identifier is empty.</source>
        <translation>L&apos;identifiant de révision est vide.</translation>
    </message>
    <message>
        <source>Give the revision a unique id, e.g. 12 hex digits.</source>
        <translation>Donnez à la révision un identifiant unique, par exemple 12 chiffres hexadécimaux.</translation>
    </message>
    <message>
        <source>Character(s) &apos;%1&apos; not allowed in revision identifier &apos;%2&apos;</source>
        <translation>Caractère(s) «&#xa0;%1&#xa0;» non autorisé(s) dans l&apos;identifiant de révision «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>Use only letters, digits and underscores in revision ids.</source>
        <translation>N&apos;utilisez que des lettres, des chiffres et des traits de soulignement dans les identifiants de révision.</translation>
    </message>
    <message>
        <source>Alembic cannot load this script: module &apos;%1&apos; has no attribute &apos;down_revision&apos;.</source>
        <translation>Alembic ne peut pas charger ce script&#xa0;: le module «&#xa0;%1&#xa0;» n&apos;a pas d&apos;attribut «&#xa0;down_revision&#xa0;».</translation>
    </message>
    <message>
        <source>(It is only assigned inside a block, on line %1.)</source>
        <translation>(Il n&apos;est affecté qu&apos;à l&apos;intérieur d&apos;un bloc, à la ligne %1.)</translation>
    </message>
    <message>
        <source>Add down_revision = None for a base revision, or the id of its parent.</source>
        <translation>Ajoutez down_revision = None pour une révision de base, ou sinon l&apos;identifiant de son parent.</translation>
    </message>
    <message>
        <source>it is treated as empty (as if this were a base)</source>
        <translation>il est traité comme vide (comme s&apos;il s&apos;agissait d&apos;une base)</translation>
    </message>
    <message>
        <source>it is treated as empty</source>
        <translation>il est traité comme vide</translation>
    </message>
    <message>
        <source>The docstring says &quot;Revision ID: %1&quot; but revision is %2.</source>
        <translation>La docstring indique «&#xa0;Revision ID: %1&#xa0;» mais revision vaut %2.</translation>
    </message>
    <message>
        <source>Make the docstring match the revision variable; Alembic uses only the variable.</source>
        <translation>Faites correspondre la docstring à la variable revision&#x202f;; Alembic n&apos;utilise que la variable.</translation>
    </message>
    <message>
        <source>The docstring says &quot;Revises: %1&quot; but down_revision is %2.</source>
        <translation>La docstring indique «&#xa0;Revises: %1&#xa0;» mais down_revision vaut %2.</translation>
    </message>
    <message>
        <source>Make the docstring match down_revision; Alembic uses only the variable.</source>
        <translation>Faites correspondre la docstring à down_revision&#x202f;; Alembic n&apos;utilise que la variable.</translation>
    </message>
    <message>
        <source>The file name %1 does not match file_template %2 for revision %3.</source>
        <translation>Le nom de fichier %1 ne correspond pas au file_template %2 pour la révision %3.</translation>
    </message>
    <message>
        <source>Rename the file so it matches file_template %1.</source>
        <translation>Renommez le fichier pour qu&apos;il corresponde au file_template %1.</translation>
    </message>
    <message>
        <source>Rename the file to %1.py.</source>
        <translation>Renommez le fichier en %1.py.</translation>
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
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>ShellWord</name>
    <message>
        <source>missing “}” in “%1”</source>
        <translation>«&#xa0;}&#xa0;» manquant dans «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>%1: not set</source>
        <translation>%1&#xa0;: non définie</translation>
    </message>
    <message>
        <source>unsupported modifier “%1” in “%2”</source>
        <translation>modificateur «&#xa0;%1&#xa0;» non pris en charge dans «&#xa0;%2&#xa0;»</translation>
    </message>
</context>
<context>
    <name>StampExecutor</name>
    <message>
        <source>no row</source>
        <translation>aucune ligne</translation>
    </message>
    <message>
        <source>stamp %1 of %2: %3 -&gt; %4</source>
        <translation>estampillage de la table %1 de %2&#xa0;: %3 -&gt; %4</translation>
    </message>
    <message>
        <source>Could not read the version table %1 of %2: %3</source>
        <translation>Impossible de lire la table de version %1 de %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>The version table %1 of %2 holds a NULL row, which Alembic never writes; Revscope leaves such a table alone.</source>
        <translation>La table de version %1 de %2 contient une ligne NULL, ce qu&apos;Alembic n&apos;écrit jamais&#x202f;; Revscope ne touche pas à une telle table.</translation>
    </message>
    <message>
        <source>Could not start a transaction on %1: %2</source>
        <translation>Impossible de démarrer une transaction sur %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Could not lock the version table %1 of %2: %3</source>
        <translation>Impossible de verrouiller la table de version %1 de %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>The version table %1 of %2 changed since the plan was made: it held %3 and now holds %4. Nothing was written; look at the new state and plan again.</source>
        <translation>La table de version %1 de %2 a changé depuis l&apos;établissement du plan&#xa0;: elle contenait %3 et contient maintenant %4. Rien n&apos;a été écrit&#x202f;; examinez le nouvel état et refaites le plan.</translation>
    </message>
    <message>
        <source>Could not prepare &quot;%1&quot; on %2: %3</source>
        <translation>Impossible de préparer «&#xa0;%1&#xa0;» sur %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>&quot;%1&quot; failed on %2: %3. Nothing was written.</source>
        <translation>«&#xa0;%1&#xa0;» a échoué sur %2&#xa0;: %3. Rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>After the statements the version table %1 of %2 held %3 instead of %4, so the transaction was rolled back. Nothing was written.</source>
        <translation>Après les instructions, la table de version %1 de %2 contenait %3 au lieu de %4, donc la transaction a été annulée. Rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Could not commit the stamp on %1: %2. Nothing was written.</source>
        <translation>Impossible de valider l&apos;estampillage sur %1&#xa0;: %2. Rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>The plan was made for %1, not for %2; nothing was written.</source>
        <translation>Le plan a été établi pour %1, pas pour %2&#x202f;; rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>The version table %1 of %2 already holds %3; nothing to write.</source>
        <translation>La table de version %1 de %2 contient déjà %3&#x202f;; rien à écrire.</translation>
    </message>
    <message>
        <source>Revscope journals every stamp so it can be undone, and the journal cannot be written (%1); nothing was written.</source>
        <translation>Revscope journalise chaque estampillage pour pouvoir l&apos;annuler, et le journal ne peut pas être écrit (%1)&#x202f;; rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>no journal</source>
        <translation>pas de journal</translation>
    </message>
    <message>
        <source>Stamped, but the journal could not mark operation %1 as done (%2); it stays pending and can still be undone.</source>
        <translation>Estampillage effectué, mais le journal n&apos;a pas pu marquer l&apos;opération %1 comme terminée (%2)&#x202f;; elle reste en attente et peut toujours être annulée.</translation>
    </message>
    <message>
        <source>Stamped %1 of %2: %3 -&gt; %4 (journal operation %5).</source>
        <translation>Estampillage de %1 de %2 effectué&#xa0;: %3 -&gt; %4 (opération %5 du journal).</translation>
    </message>
    <message>
        <source>No journal to undo from.</source>
        <translation>Aucun journal à partir duquel annuler.</translation>
    </message>
    <message>
        <source>The version table %1 of %2 changed after journal operation %3: that stamp left %4, and it now holds %5. Undoing would overwrite a later change, so nothing was written.</source>
        <translation>La table de version %1 de %2 a changé après l&apos;opération %3 du journal&#xa0;: cet estampillage y avait laissé %4, et elle contient maintenant %5. L&apos;annulation écraserait une modification ultérieure, donc rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Restored %1 of %2 to %3, but the journal could not record the undo (%4).</source>
        <translation>%1 de %2 restaurée à %3, mais le journal n&apos;a pas pu enregistrer l&apos;annulation (%4).</translation>
    </message>
    <message>
        <source>Undid journal operation %1: %2 of %3 holds %4 again.</source>
        <translation>Opération %1 du journal annulée&#xa0;: %2 de %3 contient de nouveau %4.</translation>
    </message>
    <message>
        <source>Journal operation %1 is not a stamp (it is a %2); `revscope clean --undo` undoes cleanups.</source>
        <translation>L&apos;opération %1 du journal n&apos;est pas un estampillage (son type est %2)&#x202f;; `revscope clean --undo` annule les nettoyages.</translation>
    </message>
    <message>
        <source>Journal operation %1 was already undone on %2.</source>
        <translation>L&apos;opération %1 du journal a déjà été annulée le %2.</translation>
    </message>
    <message>
        <source>Journal operation %1 changed nothing (it failed: %2), so there is nothing to undo.</source>
        <translation>L&apos;opération %1 du journal n&apos;a rien changé (elle a échoué&#xa0;: %2), donc il n&apos;y a rien à annuler.</translation>
    </message>
    <message>
        <source>Journal operation %1 stamped %2, not %3; give the URL of that database.</source>
        <translation>L&apos;opération %1 du journal a estampillé %2, pas %3&#x202f;; indiquez l&apos;URL de cette base de données.</translation>
    </message>
</context>
<context>
    <name>StampPlanner</name>
    <message>
        <source>%1 is no longer a revision Alembic loads, and the script of %2 mentions it: %2 most likely replaced it (a squash), so a database that was at %1 has the schema of %2.</source>
        <translation>%1 n&apos;est plus une révision chargée par Alembic, et le script de %2 la mentionne&#xa0;: %2 l&apos;a très probablement remplacée (un squash), donc une base de données qui était à %1 a le schéma de %2.</translation>
    </message>
    <message>
        <source>Nothing in this checkout defines or mentions %1, so Revscope cannot tell where it stood (it may come from another branch or a newer checkout). Pick the revision whose schema the database has.</source>
        <translation>Rien dans cette copie de travail ne définit ni ne mentionne %1, donc Revscope ne peut pas savoir où elle se situait (elle peut provenir d&apos;une autre branche ou d&apos;une copie de travail plus récente). Choisissez la révision dont la base de données a le schéma.</translation>
    </message>
    <message>
        <source>only a stray .pyc file defines it</source>
        <translation>seul un fichier .pyc orphelin la définit</translation>
    </message>
    <message>
        <source>other scripts refer to it, none defines it</source>
        <translation>d&apos;autres scripts y font référence, aucun ne la définit</translation>
    </message>
    <message>
        <source>%1 is gone (%2), yet revisions Alembic loads still build on it: restore its script rather than stamping around it.</source>
        <translation>%1 a disparu (%2), mais des révisions chargées par Alembic en dépendent encore&#xa0;: restaurez son script plutôt que d&apos;estampiller pour la contourner.</translation>
    </message>
    <message>
        <source>%1 is gone (%2) with its whole history, and so are newer revisions built on it (%3). A squash that replaced them stands for the newest, not for %1, so Revscope cannot tell which revision has the database&apos;s schema.</source>
        <translation>%1 a disparu (%2) avec tout son historique, tout comme des révisions plus récentes qui en dépendaient (%3). Un squash qui les a remplacées représente la plus récente, pas %1, donc Revscope ne peut pas savoir quelle révision a le schéma de la base de données.</translation>
    </message>
    <message>
        <source>%1 is gone (%2) with its whole history, and this checkout has %3 bases (%4): Revscope cannot tell which one replaced it.</source>
        <translation>%1 a disparu (%2) avec tout son historique, et cette copie de travail a %3 bases (%4)&#xa0;: Revscope ne peut pas savoir laquelle l&apos;a remplacée.</translation>
    </message>
    <message>
        <source>%1 is gone (%2), with every revision before it, and it was the newest of its history: nothing built on it remains. Its history was replaced. A squash starts a new history at a base, and this checkout has exactly one, %3, which most likely stands where %1 stood.</source>
        <translation>%1 a disparu (%2), avec toutes les révisions qui la précédaient, et c&apos;était la plus récente de son historique&#xa0;: rien de ce qui en dépendait ne subsiste. Son historique a été remplacé. Un squash démarre un nouvel historique à une base, et cette copie de travail en a exactement une, %3, qui se trouve très probablement là où se trouvait %1.</translation>
    </message>
    <message>
        <source>It is also the head.</source>
        <translation>C&apos;est aussi la tête.</translation>
    </message>
    <message numerus="yes">
        <source>The %n revision(s) after it stay pending; `alembic upgrade head` applies them after the stamp.</source>
        <translation>
            <numerusform>%n révision postérieure reste en attente&#x202f;; `alembic upgrade head` l&apos;applique après l&apos;estampillage.</numerusform>
            <numerusform>%n révisions postérieures restent en attente&#x202f;; `alembic upgrade head` les applique après l&apos;estampillage.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is gone (%2); it came after %3. Stamping %3 is the careful choice: `alembic upgrade` then re-runs what came after it, and stops loudly if %1&apos;s changes are already in the database, instead of silently skipping them.</source>
        <translation>%1 a disparu (%2)&#x202f;; elle venait après %3. Estampiller %3 est le choix prudent&#xa0;: `alembic upgrade` réexécute alors ce qui venait après, et s&apos;arrête bruyamment si les modifications de %1 sont déjà dans la base de données, au lieu de les ignorer silencieusement.</translation>
    </message>
    <message>
        <source>The version table could not be read: %1</source>
        <translation>La table de version n&apos;a pas pu être lue&#xa0;: %1</translation>
    </message>
    <message>
        <source>There is no version table %1, and Revscope never creates one. If the schema already matches the newest migration, `alembic stamp %2` creates it.</source>
        <translation>Il n&apos;y a pas de table de version %1, et Revscope n&apos;en crée jamais. Si le schéma correspond déjà à la migration la plus récente, `alembic stamp %2` la crée.</translation>
    </message>
    <message>
        <source>The version table %1 holds no row, so Alembic takes the database for new. Revscope cannot tell from the table which schema it has: if it matches the newest migration, stamp %2.</source>
        <translation>La table de version %1 ne contient aucune ligne, donc Alembic considère la base de données comme neuve. Revscope ne peut pas déduire de la table quel schéma elle a&#xa0;: s&apos;il correspond à la migration la plus récente, estampillez %2.</translation>
    </message>
    <message>
        <source>%1 is an ancestor of %2, also stored; Alembic refuses the pair, so only %2 stays.</source>
        <translation>%1 est un ancêtre de %2, également enregistrée&#x202f;; Alembic refuse cette paire, donc seule %2 est conservée.</translation>
    </message>
    <message>
        <source>The row &apos;%1&apos; stands for %2; the full id is written instead.</source>
        <translation>La ligne «&#xa0;%1&#xa0;» désigne %2&#x202f;; l&apos;identifiant complet est écrit à la place.</translation>
    </message>
    <message>
        <source>The row &apos;%1&apos; is the start of several ids (%2); Revscope cannot tell which one the database is at.</source>
        <translation>La ligne «&#xa0;%1&#xa0;» est le début de plusieurs identifiants (%2)&#x202f;; Revscope ne peut pas savoir à laquelle de ces révisions se trouve la base de données.</translation>
    </message>
    <message>
        <source>Every row names a revision Alembic loads: there is nothing to repair.</source>
        <translation>Chaque ligne désigne une révision chargée par Alembic&#xa0;: il n&apos;y a rien à réparer.</translation>
    </message>
    <message numerus="yes">
        <source>Stamping never migrates: to apply the %n pending migration(s), run `alembic upgrade heads`.</source>
        <translation>
            <numerusform>L&apos;estampillage ne migre jamais&#xa0;: pour appliquer %n migration en attente, lancez `alembic upgrade heads`.</numerusform>
            <numerusform>L&apos;estampillage ne migre jamais&#xa0;: pour appliquer les %n migrations en attente, lancez `alembic upgrade heads`.</numerusform>
        </translation>
    </message>
    <message>
        <source>One row per branch: %1.</source>
        <translation>Une ligne par branche&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Compare the schema with the suggested revision before stamping: stamping records a state, it does not create it.</source>
        <translation>Comparez le schéma avec la révision suggérée avant d&apos;estampiller&#xa0;: l&apos;estampillage enregistre un état, il ne le crée pas.</translation>
    </message>
    <message>
        <source>The version table %1 of %2 could not be read.</source>
        <translation>La table de version %1 de %2 n&apos;a pas pu être lue.</translation>
    </message>
    <message>
        <source>The database %1 has no version table %2, and Revscope never creates tables. Check --version-table and --version-table-schema against env.py; for a database Alembic has never touched, `alembic stamp` creates the table.</source>
        <translation>La base de données %1 n&apos;a pas de table de version %2, et Revscope ne crée jamais de table. Vérifiez --version-table et --version-table-schema par rapport à env.py&#x202f;; pour une base de données qu&apos;Alembic n&apos;a jamais touchée, `alembic stamp` crée la table.</translation>
    </message>
    <message>
        <source>No revision to stamp was given.</source>
        <translation>Aucune révision à estampiller n&apos;a été indiquée.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a revision Alembic can stamp here: %2.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une révision qu&apos;Alembic peut estampiller ici&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Only a stray .pyc file defines it, and Alembic does not load bytecode-only revisions.</source>
        <translation>Seul un fichier .pyc orphelin la définit, et Alembic ne charge pas les révisions définies uniquement par du bytecode.</translation>
    </message>
    <message>
        <source>Scripts refer to it, but none defines it.</source>
        <translation>Des scripts y font référence, mais aucun ne la définit.</translation>
    </message>
    <message>
        <source>Requested revision %1 overlaps with other requested revisions %2: %2 is an ancestor of %1, and Alembic refuses to stamp both. Stamp only the newest revision of each branch.</source>
        <translation>La révision demandée %1 chevauche d&apos;autres révisions demandées %2&#xa0;: %2 est un ancêtre de %1, et Alembic refuse d&apos;estampiller les deux. N&apos;estampillez que la révision la plus récente de chaque branche.</translation>
    </message>
    <message>
        <source>No database was read for %1.</source>
        <translation>Aucune base de données n&apos;a été lue pour %1.</translation>
    </message>
</context>
<context>
    <name>TarArchive</name>
    <message>
        <source>the archive expands to more than %1 bytes; listed only the first members</source>
        <translation>l&apos;archive se décompresse en plus de %1 octets&#x202f;; seuls les premiers membres sont listés</translation>
    </message>
    <message>
        <source>the compressed data is corrupt or truncated</source>
        <translation>les données compressées sont corrompues ou tronquées</translation>
    </message>
    <message>
        <source>the archive is truncated</source>
        <translation>l&apos;archive est tronquée</translation>
    </message>
    <message>
        <source>an extended header of %1 bytes is too large</source>
        <translation>un en-tête étendu de %1 octets est trop volumineux</translation>
    </message>
    <message>
        <source>more than %1 headers; listed only the first members</source>
        <translation>plus de %1 en-têtes&#x202f;; seuls les premiers membres sont listés</translation>
    </message>
    <message>
        <source>malformed header at block %1</source>
        <translation>en-tête mal formé au bloc %1</translation>
    </message>
    <message>
        <source>malformed size at block %1</source>
        <translation>taille mal formée au bloc %1</translation>
    </message>
    <message>
        <source>more than %1 members; listed only the first ones</source>
        <translation>plus de %1 membres&#x202f;; seuls les premiers sont listés</translation>
    </message>
</context>
<context>
    <name>TextReport</name>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>alerte</translation>
    </message>
    <message>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <source>fix:</source>
        <translation>correction&#xa0;:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>stray</source>
        <translation>orphelin</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>obsolète</translation>
    </message>
    <message>
        <source>corrupt</source>
        <translation>corrompu</translation>
    </message>
    <message numerus="yes">
        <source>bytecode: %n file(s)</source>
        <translation>
            <numerusform>bytecode&#xa0;: %n fichier</numerusform>
            <numerusform>bytecode&#xa0;: %n fichiers</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 stray, %2 stale, %3 corrupt</source>
        <translation>orphelins&#xa0;: %1, obsolètes&#xa0;: %2, corrompus&#xa0;: %3</translation>
    </message>
    <message>
        <source>defines %1, a revision only bytecode defines</source>
        <translation>définit %1, une révision que seul du bytecode définit</translation>
    </message>
    <message>
        <source>defines %1</source>
        <translation>définit %1</translation>
    </message>
    <message>
        <source>(Python %1)</source>
        <translation>(Python %1)</translation>
    </message>
    <message>
        <source>no version table</source>
        <translation>pas de table de version</translation>
    </message>
    <message>
        <source>empty version table</source>
        <translation>table de version vide</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>injoignable</translation>
    </message>
    <message>
        <source>version table unreadable</source>
        <translation>table de version illisible</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) Alembic cannot locate</source>
        <translation>
            <numerusform>%n ligne qu&apos;Alembic ne trouve pas</numerusform>
            <numerusform>%n lignes qu&apos;Alembic ne trouve pas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending migration(s)</source>
        <translation>
            <numerusform>%n migration en attente</numerusform>
            <numerusform>%n migrations en attente</numerusform>
        </translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>à jour</translation>
    </message>
    <message>
        <source>database: %1  versions: %2  (%3)</source>
        <translation>base de données&#xa0;: %1  versions&#xa0;: %2  (%3)</translation>
    </message>
    <message numerus="yes">
        <source>No findings in %n environment(s).</source>
        <translation>
            <numerusform>Aucun constat dans %n environnement.</numerusform>
            <numerusform>Aucun constat dans %n environnements.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n erreur</numerusform>
            <numerusform>%n erreurs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n avertissement</numerusform>
            <numerusform>%n avertissements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n info finding(s)</source>
        <translation>
            <numerusform>%n constat informatif</numerusform>
            <numerusform>%n constats informatifs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n environment(s)</source>
        <translation>
            <numerusform>%n environnement</numerusform>
            <numerusform>%n environnements</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2, %3 in %4.</source>
        <translation>%1, %2, %3 dans %4.</translation>
    </message>
    <message>
        <source>No Alembic environment found under %1.</source>
        <translation>Aucun environnement Alembic trouvé sous %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s)</source>
        <translation>
            <numerusform>%n révision</numerusform>
            <numerusform>%n révisions</numerusform>
        </translation>
    </message>
    <message>
        <source>scripts:</source>
        <translation>scripts&#xa0;:</translation>
    </message>
    <message>
        <source>heads:</source>
        <translation>têtes&#xa0;:</translation>
    </message>
    <message>
        <source>bases:</source>
        <translation>bases&#xa0;:</translation>
    </message>
    <message>
        <source>no findings</source>
        <translation>aucun constat</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
    <message>
        <source>About these findings: %1</source>
        <translation>À propos de ces constats&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>VersionTableReader</name>
    <message>
        <source>The version table name &apos;%1&apos; is not a usable table name</source>
        <translation>Le nom de table de version «&#xa0;%1&#xa0;» n&apos;est pas un nom de table utilisable</translation>
    </message>
    <message>
        <source>Could not look up the table %1 in %2: %3</source>
        <translation>Impossible de rechercher la table %1 dans %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>Could not read the table %1 in %2: %3</source>
        <translation>Impossible de lire la table %1 dans %2&#xa0;: %3</translation>
    </message>
</context>
<context>
    <name>Walkthrough</name>
    <message numerus="yes">
        <source>No script defines %1, yet %n revision(s) refer to it (%2). Alembic stops with &quot;Can&apos;t locate revision identified by &apos;%1&apos;&quot; until the script is restored or the references are changed.</source>
        <translation>
            <numerusform>Aucun script ne définit %1, et pourtant %n révision y fait référence (%2). Alembic s&apos;arrête avec «&#xa0;Can&apos;t locate revision identified by &apos;%1&apos;&#xa0;» tant que le script n&apos;est pas restauré ou que les références ne sont pas modifiées.</numerusform>
            <numerusform>Aucun script ne définit %1, et pourtant %n révisions y font référence (%2). Alembic s&apos;arrête avec «&#xa0;Can&apos;t locate revision identified by &apos;%1&apos;&#xa0;» tant que le script n&apos;est pas restauré ou que les références ne sont pas modifiées.</numerusform>
        </translation>
    </message>
    <message>
        <source>No script defines %1; only leftovers that Alembic does not load refer to it (%2), so Alembic itself does not look for it here.</source>
        <translation>Aucun script ne définit %1&#x202f;; seuls des restes qu&apos;Alembic ne charge pas y font référence (%2), donc Alembic lui-même ne la cherche pas ici.</translation>
    </message>
    <message>
        <source>Revisions usually go missing when their scripts are deleted, for example when a chain is squashed into one revision while another script, a database or a stale .pyc still names an old one.</source>
        <translation>Des révisions disparaissent généralement quand leurs scripts sont supprimés, par exemple quand une chaîne est réunie en une seule révision par un squash alors qu&apos;un autre script, une base de données ou un .pyc obsolète désigne encore l&apos;une des anciennes.</translation>
    </message>
    <message>
        <source>Only bytecode defines %1: %2 is a compiled file whose .py script is gone. This environment sets sourceless = true, so Alembic loads it as a revision anyway. This is how a deleted migration comes back: a stale .pyc left in __pycache__ (and copied into a Docker image) revives a revision that was squashed away, and Alembic then fails to locate or order revisions. Delete the stale bytecode and keep __pycache__ out of images with .dockerignore.</source>
        <translation>Seul du bytecode définit %1&#xa0;: %2 est un fichier compilé dont le script .py a disparu. Cet environnement définit sourceless = true, donc Alembic le charge malgré tout comme une révision. C&apos;est ainsi qu&apos;une migration supprimée revient&#xa0;: un .pyc obsolète laissé dans __pycache__ (et copié dans une image Docker) ressuscite une révision supprimée par un squash, et Alembic n&apos;arrive plus ensuite à trouver ou à ordonner les révisions. Supprimez le bytecode obsolète et gardez __pycache__ hors des images avec .dockerignore.</translation>
    </message>
    <message>
        <source>Only bytecode defines %1: %2 is a compiled file whose .py script is gone. Alembic ignores it here because sourceless is off, but it is a leftover of a deleted script: wherever sourceless = true, or wherever this folder is copied with its __pycache__ (into a Docker image, for example), it can bring the deleted revision back and break `alembic upgrade`. Delete it and keep __pycache__ out of images with .dockerignore.</source>
        <translation>Seul du bytecode définit %1&#xa0;: %2 est un fichier compilé dont le script .py a disparu. Alembic l&apos;ignore ici, car sourceless est désactivé, mais c&apos;est un reste d&apos;un script supprimé&#xa0;: partout où sourceless = true, ou partout où ce dossier est copié avec son __pycache__ (dans une image Docker, par exemple), il peut faire revenir la révision supprimée et casser `alembic upgrade`. Supprimez-le et gardez __pycache__ hors des images avec .dockerignore.</translation>
    </message>
    <message>
        <source>%1 is the base: its down_revision is None, so the history starts here and `alembic upgrade` applies it first to an empty database.</source>
        <translation>%1 est la base&#xa0;: son down_revision vaut None, donc l&apos;historique commence ici et `alembic upgrade` l&apos;applique en premier à une base de données vide.</translation>
    </message>
    <message numerus="yes">
        <source>%1 is a base: its down_revision is None, so a line of history starts here. This environment has %n bases; each starts its own line, and `alembic upgrade heads` applies all of them.</source>
        <translation>
            <numerusform>%1 est une base&#xa0;: son down_revision vaut None, donc une ligne d&apos;historique commence ici. Cet environnement compte %n base&#x202f;; chacune commence sa propre ligne, et `alembic upgrade heads` les applique toutes.</numerusform>
            <numerusform>%1 est une base&#xa0;: son down_revision vaut None, donc une ligne d&apos;historique commence ici. Cet environnement compte %n bases&#x202f;; chacune commence sa propre ligne, et `alembic upgrade heads` les applique toutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>It carries the branch label %1: commands can name its line by the label, as in `alembic upgrade %2@head`.</source>
        <translation>Elle porte l&apos;étiquette de branche %1&#xa0;: les commandes peuvent désigner sa ligne par l&apos;étiquette, comme dans `alembic upgrade %2@head`.</translation>
    </message>
    <message>
        <source>%1 is a merge: it joins the lines ending at %2 into one. Merges exist because `alembic upgrade head` needs a single head: once two branches exist, `alembic merge heads` writes a revision whose down_revision lists both, and the history goes on as one line from there.</source>
        <translation>%1 est une fusion&#xa0;: elle réunit en une seule les lignes qui se terminent à %2. Les fusions existent parce que `alembic upgrade head` a besoin d&apos;une tête unique&#xa0;: dès que deux branches existent, `alembic merge heads` écrit une révision dont le down_revision les liste toutes les deux, et l&apos;historique se poursuit à partir de là sur une seule ligne.</translation>
    </message>
    <message>
        <source>Like most merges, it changes nothing in the schema itself.</source>
        <translation>Comme la plupart des fusions, elle ne change rien au schéma lui-même.</translation>
    </message>
    <message numerus="yes">
        <source>%1 is a branch point: %n revisions build on it (%2), and each starts a branch. A branch is a line of revisions that grows from a shared parent on its own, usually because two people wrote migrations from the same head at the same time, or on purpose for a separate part of the schema. Until a merge joins them, each line ends in its own head.</source>
        <translation>
            <numerusform>%1 est un point d&apos;embranchement&#xa0;: %n révision s&apos;appuie sur elle (%2), et chacune commence une branche. Une branche est une ligne de révisions qui se développe de son côté à partir d&apos;un parent commun, généralement parce que deux personnes ont écrit des migrations à partir de la même tête au même moment, ou à dessein pour une partie distincte du schéma. Tant qu&apos;une fusion ne les réunit pas, chaque ligne se termine par sa propre tête.</numerusform>
            <numerusform>%1 est un point d&apos;embranchement&#xa0;: %n révisions s&apos;appuient sur elle (%2), et chacune commence une branche. Une branche est une ligne de révisions qui se développe de son côté à partir d&apos;un parent commun, généralement parce que deux personnes ont écrit des migrations à partir de la même tête au même moment, ou à dessein pour une partie distincte du schéma. Tant qu&apos;une fusion ne les réunit pas, chaque ligne se termine par sa propre tête.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 depends on %2 (depends_on): Alembic applies %2 first, even though it lies on another line. Unlike a merge, a dependency does not join the lines: each keeps its own head.</source>
        <translation>%1 dépend de %2 (depends_on)&#xa0;: Alembic applique %2 en premier, même si elle se trouve sur une autre ligne. Contrairement à une fusion, une dépendance ne réunit pas les lignes&#xa0;: chacune garde sa propre tête.</translation>
    </message>
    <message>
        <source>%1 is the head: nothing builds on it, so `alembic upgrade head` ends here.</source>
        <translation>%1 est la tête&#xa0;: rien ne s&apos;appuie sur elle, donc `alembic upgrade head` se termine ici.</translation>
    </message>
    <message numerus="yes">
        <source>%1 is one of %n heads (%2). With more than one head, `alembic upgrade head` fails with &quot;Multiple head revisions are present&quot;: upgrade with `alembic upgrade heads` or a branch (label@head), or join the lines with `alembic merge heads`.</source>
        <translation>
            <numerusform>%1 est l&apos;une des %n têtes (%2). Avec plus d&apos;une tête, `alembic upgrade head` échoue avec «&#xa0;Multiple head revisions are present&#xa0;»&#xa0;: mettez à niveau avec `alembic upgrade heads` ou une branche (label@head), ou réunissez les lignes avec `alembic merge heads`.</numerusform>
            <numerusform>%1 est l&apos;une des %n têtes (%2). Avec plus d&apos;une tête, `alembic upgrade head` échoue avec «&#xa0;Multiple head revisions are present&#xa0;»&#xa0;: mettez à niveau avec `alembic upgrade heads` ou une branche (label@head), ou réunissez les lignes avec `alembic merge heads`.</numerusform>
        </translation>
    </message>
    <message>
        <source>Only bytecode defines this revision; its operations are not read.</source>
        <translation>Seul du bytecode définit cette révision&#x202f;; ses opérations ne sont pas lues.</translation>
    </message>
    <message>
        <source>No script defines this revision.</source>
        <translation>Aucun script ne définit cette révision.</translation>
    </message>
    <message>
        <source>base</source>
        <translation>base</translation>
    </message>
    <message>
        <source>branch point</source>
        <translation>embranchement</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>fusion</translation>
    </message>
    <message>
        <source>head</source>
        <translation>tête</translation>
    </message>
    <message>
        <source>depends on</source>
        <translation>dépendances</translation>
    </message>
    <message>
        <source>bytecode only</source>
        <translation>bytecode seul</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>manquante</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>revscope: cannot open the window: its module was not found or not loaded (looked for %1). Commands such as `revscope check` still work.</source>
        <translation>revscope&#xa0;: impossible d&apos;ouvrir la fenêtre&#xa0;: son module est introuvable ou n&apos;a pas été chargé (recherché&#xa0;: %1). Les commandes telles que `revscope check` fonctionnent toujours.</translation>
    </message>
    <message>
        <source>Explore an Alembic migration project.</source>
        <translation>Explorer un projet de migrations Alembic.</translation>
    </message>
    <message>
        <source>Open the demo project.</source>
        <translation>Ouvrir le projet de démonstration.</translation>
    </message>
    <message>
        <source>Save a picture of the window to FILE once the project is inspected, then quit (for documentation).</source>
        <translation>Enregistrer une capture de la fenêtre dans FILE une fois le projet inspecté, puis quitter (pour la documentation).</translation>
    </message>
    <message>
        <source>Project folder to open.</source>
        <translation>Dossier du projet à ouvrir.</translation>
    </message>
    <message>
        <source>Start on VIEW: history, image or walkthrough (default: history).</source>
        <translation>Démarrer sur la vue VIEW&#xa0;: history, image ou walkthrough (par défaut&#xa0;: history).</translation>
    </message>
    <message>
        <source>Show the window in LANGUAGE (en, fr, de) instead of the one chosen in View &gt; Language or the system&apos;s.</source>
        <translation>Afficher la fenêtre en LANGUAGE (en, fr, de) au lieu de la langue choisie dans Affichage &gt; Langue ou de celle du système.</translation>
    </message>
    <message>
        <source>--view takes one of: %1.</source>
        <translation>--view accepte l&apos;une de ces valeurs&#xa0;: %1.</translation>
    </message>
</context>
</TS>
