<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="hu" sourcelanguage="en">
<context>
    <name>ConsoleInfo</name>
    <message>
        <source>not connected yet</source>
        <translation>még nincs kapcsolat</translation>
    </message>
    <message>
        <source>the connection is read-only</source>
        <translation>a kapcsolat csak olvasható</translation>
    </message>
</context>
<context>
    <name>ExportFlow</name>
    <message>
        <source>CSV files (*.csv);;JSON files (*.json)</source>
        <translation>CSV-fájlok (*.csv);;JSON-fájlok (*.json)</translation>
    </message>
    <message>
        <source>Another operation is running on this page; export when it has finished.</source>
        <translation>Ezen az oldalon egy másik művelet fut; az exportálást annak befejeződése után indítsa.</translation>
    </message>
    <message>
        <source>Choose a file name ending in .csv or .json; the extension decides the format.</source>
        <translation>Válasszon .csv vagy .json végű fájlnevet; a kiterjesztés határozza meg a formátumot.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to %1.</source>
        <translation>
            <numerusform>%n sor kiírva ide: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>Az exportálás megszakadt; nem készült fájl.</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Exportálás ide: %1…</translation>
    </message>
</context>
<context>
    <name>GuiApplication</name>
    <message>
        <source>Coupling Console</source>
        <translation>Coupling Console</translation>
    </message>
</context>
<context>
    <name>HealthReportWriter</name>
    <message>
        <source>no data</source>
        <translation>nincs adat</translation>
    </message>
    <message>
        <source>consistency rate</source>
        <translation>konzisztenciaarány</translation>
    </message>
    <message>
        <source>Coupling Console health report</source>
        <translation>Coupling Console állapotjelentés</translation>
    </message>
    <message>
        <source>Top violations</source>
        <translation>Első eltérések</translation>
    </message>
    <message>
        <source>Check #%1 of %2 · report made %3</source>
        <translation>#%1. ellenőrzés (%2) · a jelentés készült: %3</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Adatbázis: %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>%1. oldal / %2</translation>
    </message>
    <message>
        <source>Consistency rate</source>
        <translation>Konzisztenciaarány</translation>
    </message>
    <message>
        <source>Pairs checked</source>
        <translation>Ellenőrzött párok</translation>
    </message>
    <message>
        <source>Consistent</source>
        <translation>Konzisztens</translation>
    </message>
    <message>
        <source>Violations</source>
        <translation>Eltérések</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Figyelmeztetések</translation>
    </message>
    <message>
        <source>New since the previous check</source>
        <translation>Új az előző ellenőrzés óta</translation>
    </message>
    <message>
        <source>Resolved since the previous check</source>
        <translation>Megoldva az előző ellenőrzés óta</translation>
    </message>
    <message>
        <source>Thresholds: healthy ≥ %1, degraded ≥ %2 (copied into the check when it ran)</source>
        <translation>Küszöbök: egészséges ≥ %1, leromlott ≥ %2 (az ellenőrzés futásakor rögzítve)</translation>
    </message>
    <message>
        <source>Violations by kind</source>
        <translation>Eltérések típus szerint</translation>
    </message>
    <message>
        <source>Warnings by kind</source>
        <translation>Figyelmeztetések típus szerint</translation>
    </message>
    <message>
        <source>%1 of %2 pairs</source>
        <translation>%1 / %2 pár</translation>
    </message>
    <message>
        <source>(no pairs)</source>
        <translation>(nincs pár)</translation>
    </message>
    <message>
        <source>Violations by track</source>
        <translation>Eltérések szakirány szerint</translation>
    </message>
    <message>
        <source>The first %1 of %2 violations, in user order.</source>
        <translation>Az első %1 a(z) %2 eltérésből, felhasználók szerinti sorrendben.</translation>
    </message>
    <message>
        <source>All %1 violations of this check, in user order.</source>
        <translation>Az ellenőrzés mind a(z) %1 eltérése, felhasználók szerinti sorrendben.</translation>
    </message>
    <message>
        <source>No violations: every pair is consistent.</source>
        <translation>Nincs eltérés: minden pár konzisztens.</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Felhasználó</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Szakirány</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Típus</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Előrehaladás</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Licenc</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Ok</translation>
    </message>
</context>
<context>
    <name>Prompt</name>
    <message>
        <source>no profile named %1</source>
        <translation>nincs %1 nevű profil</translation>
    </message>
</context>
<context>
    <name>TrackPanel</name>
    <message>
        <source>yes</source>
        <translation>igen</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nem</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <source>HEALTHY</source>
        <translation>EGÉSZSÉGES</translation>
    </message>
    <message>
        <source>DEGRADED</source>
        <translation>LEROMLOTT</translation>
    </message>
    <message>
        <source>CRITICAL</source>
        <translation>KRITIKUS</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>HIBA</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>MEGSZAKÍTVA</translation>
    </message>
    <message>
        <source>RUNNING</source>
        <translation>FUT</translation>
    </message>
    <message>
        <source>NO DATA</source>
        <translation>NINCS ADAT</translation>
    </message>
    <message>
        <source>Duplicate progress</source>
        <translation>Duplikált előrehaladás</translation>
    </message>
    <message>
        <source>Duplicate license</source>
        <translation>Duplikált licenc</translation>
    </message>
    <message>
        <source>Unknown specialization</source>
        <translation>Ismeretlen szakirány</translation>
    </message>
    <message>
        <source>Missing license</source>
        <translation>Hiányzó licenc</translation>
    </message>
    <message>
        <source>Missing progress</source>
        <translation>Hiányzó előrehaladás</translation>
    </message>
    <message>
        <source>Level out of range</source>
        <translation>Tartományon kívüli szint</translation>
    </message>
    <message>
        <source>Level mismatch</source>
        <translation>Eltérő szint</translation>
    </message>
    <message>
        <source>Unjustified level (warning)</source>
        <translation>Nem indokolt szint (figyelmeztetés)</translation>
    </message>
    <message>
        <source>Pending level-up (warning)</source>
        <translation>Függő szintlépés (figyelmeztetés)</translation>
    </message>
    <message>
        <source>Max below current (warning)</source>
        <translation>A maximum a jelenlegi alatt (figyelmeztetés)</translation>
    </message>
    <message>
        <source>Merge duplicates</source>
        <translation>Duplikátumok összevonása</translation>
    </message>
    <message>
        <source>Manual review</source>
        <translation>Kézi felülvizsgálat</translation>
    </message>
    <message>
        <source>Create license from progress</source>
        <translation>Licenc létrehozása az előrehaladásból</translation>
    </message>
    <message>
        <source>Create progress from license</source>
        <translation>Előrehaladás létrehozása a licencből</translation>
    </message>
    <message>
        <source>Clamp level</source>
        <translation>Szint a tartományba igazítása</translation>
    </message>
    <message>
        <source>Sync progress → license</source>
        <translation>Szinkronizálás: előrehaladás → licenc</translation>
    </message>
    <message>
        <source>Sync license → progress</source>
        <translation>Szinkronizálás: licenc → előrehaladás</translation>
    </message>
    <message>
        <source>Apply level-up</source>
        <translation>Szintlépés alkalmazása</translation>
    </message>
    <message>
        <source>PRODUCTION</source>
        <translation>ÉLES</translation>
    </message>
    <message>
        <source>STAGING</source>
        <translation>ELŐÉLES</translation>
    </message>
    <message>
        <source>DEVELOPMENT</source>
        <translation>FEJLESZTŐI</translation>
    </message>
    <message>
        <source>system</source>
        <translation>rendszer</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>adminisztrátor</translation>
    </message>
    <message>
        <source>instructor</source>
        <translation>oktató</translation>
    </message>
    <message>
        <source>student</source>
        <translation>tanuló</translation>
    </message>
    <message>
        <source>other role</source>
        <translation>egyéb szerepkör</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Nem engedélyezett</translation>
    </message>
    <message>
        <source>Database not initialised</source>
        <translation>Az adatbázis nincs előkészítve</translation>
    </message>
    <message>
        <source>Read-only connection</source>
        <translation>Csak olvasható kapcsolat</translation>
    </message>
    <message>
        <source>Unexpected database schema</source>
        <translation>Váratlan adatbázisséma</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nem található</translation>
    </message>
    <message>
        <source>Cannot reach the database</source>
        <translation>Az adatbázis nem érhető el</translation>
    </message>
    <message>
        <source>Database error</source>
        <translation>Adatbázishiba</translation>
    </message>
    <message>
        <source>Concurrent change</source>
        <translation>Egyidejű módosítás</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Megszakítva</translation>
    </message>
    <message>
        <source>Invalid input</source>
        <translation>Érvénytelen bemenet</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Hiba</translation>
    </message>
    <message>
        <source>This action was refused.</source>
        <translation>A rendszer elutasította ezt a műveletet.</translation>
    </message>
    <message>
        <source>The database has no Coupling Console tables yet; run “coupling-console init” first.</source>
        <translation>Az adatbázisban még nincsenek Coupling Console-táblák; előbb futtassa a „coupling-console init” parancsot.</translation>
    </message>
    <message>
        <source>The connection is read-only, so nothing can be changed.</source>
        <translation>A kapcsolat csak olvasható, ezért semmi sem módosítható.</translation>
    </message>
    <message>
        <source>The platform tables do not have the expected shape.</source>
        <translation>A platform táblái nem a várt szerkezetűek.</translation>
    </message>
    <message>
        <source>Nothing matches.</source>
        <translation>Nincs találat.</translation>
    </message>
    <message>
        <source>The database cannot be reached. Coupling Console keeps retrying.</source>
        <translation>Az adatbázis nem érhető el. A Coupling Console folyamatosan újrapróbálkozik.</translation>
    </message>
    <message>
        <source>A database statement failed.</source>
        <translation>Egy adatbázis-utasítás végrehajtása nem sikerült.</translation>
    </message>
    <message>
        <source>Another change got in the way; try again.</source>
        <translation>Egy másik módosítás közbejött; próbálja újra.</translation>
    </message>
    <message>
        <source>The operation was cancelled; nothing more was changed.</source>
        <translation>A művelet megszakadt; ezután már semmi sem változott.</translation>
    </message>
    <message>
        <source>The input is not valid.</source>
        <translation>A bemenet érvénytelen.</translation>
    </message>
    <message>
        <source>%1 Details: %2</source>
        <translation>%1 Részletek: %2</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>épp most</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n mp-e</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n perce</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n órája</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>%n napja</numerusform>
        </translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>Nem érhető el: %1</translation>
    </message>
    <message>
        <source>Sign-in required</source>
        <translation>Bejelentkezés szükséges</translation>
    </message>
    <message>
        <source>This is a production database: sign in with your platform password.</source>
        <translation>Ez éles adatbázis: jelentkezzen be a platform jelszavával.</translation>
    </message>
    <message>
        <source>Spelling mismatch</source>
        <translation>Eltérő írásmód</translation>
    </message>
    <message>
        <source>Unify spelling</source>
        <translation>Írásmód egységesítése</translation>
    </message>
    <message>
        <source>Database busy</source>
        <translation>Az adatbázis foglalt</translation>
    </message>
    <message>
        <source>Another session held the rows too long; try again.</source>
        <translation>Egy másik munkamenet túl sokáig zárolta a sorokat; próbálja újra.</translation>
    </message>
    <message>
        <source>(sign in: File → Sign in…)</source>
        <translation>(jelentkezzen be: Fájl → Bejelentkezés…)</translation>
    </message>
    <message>
        <source>unless “Create missing licenses” is ticked</source>
        <translation>ha nincs bejelölve a „Hiányzó licencek pótlása”</translation>
    </message>
    <message>
        <source>ABANDONED</source>
        <translation>FÉLBESZAKADT</translation>
    </message>
    <message>
        <source>look</source>
        <translation>megtekintés</translation>
    </message>
    <message>
        <source>synchronise a track</source>
        <translation>egy szakirány szinkronizálása</translation>
    </message>
    <message>
        <source>apply a level-up</source>
        <translation>szintlépés alkalmazása</translation>
    </message>
    <message>
        <source>repair a user</source>
        <translation>egy felhasználó javítása</translation>
    </message>
    <message>
        <source>update progress</source>
        <translation>előrehaladás módosítása</translation>
    </message>
    <message>
        <source>set a level</source>
        <translation>szint beállítása</translation>
    </message>
    <message>
        <source>revert a change</source>
        <translation>egy változtatás visszavonása</translation>
    </message>
    <message>
        <source>repair many keys at once</source>
        <translation>sok kulcs javítása egyszerre</translation>
    </message>
    <message>
        <source>inject a desync</source>
        <translation>eltérés beültetése</translation>
    </message>
    <message>
        <source>undo an injection</source>
        <translation>beültetés visszavonása</translation>
    </message>
    <message>
        <source>import levels</source>
        <translation>szintek importálása</translation>
    </message>
    <message>
        <source>change the environment</source>
        <translation>a környezet módosítása</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>a beállítások módosítása</translation>
    </message>
    <message>
        <source>create indexes</source>
        <translation>indexek létrehozása</translation>
    </message>
    <message>
        <source>prune old data</source>
        <translation>régi adatok törlése</translation>
    </message>
    <message>
        <source>create a demo database</source>
        <translation>bemutató adatbázis létrehozása</translation>
    </message>
    <message>
        <source>initialise the database</source>
        <translation>az adatbázis előkészítése</translation>
    </message>
    <message>
        <source>do this</source>
        <translation>ez a művelet</translation>
    </message>
    <message>
        <source>%1 is not an active user and may not %2.</source>
        <translation>%1 nem aktív felhasználó, ezért nem végezheti ezt: %2.</translation>
    </message>
    <message>
        <source>%1 has the role “%2”, which may not use Coupling Console.</source>
        <translation>%1 szerepköre „%2”, amely nem használhatja a Coupling Console-t.</translation>
    </message>
    <message>
        <source>This is a production database: sign in (File → Sign in…) to %1.</source>
        <translation>Ez éles adatbázis: jelentkezzen be (Fájl → Bejelentkezés…) ehhez: %1.</translation>
    </message>
    <message>
        <source>An instructor may not %1; an admin may.</source>
        <translation>Oktató nem végezheti ezt: %1; adminisztrátor igen.</translation>
    </message>
    <message>
        <source>Injecting desyncs is never allowed on a production database.</source>
        <translation>Éles adatbázisba soha nem szabad eltérést beültetni.</translation>
    </message>
    <message>
        <source>Not allowed on a production database.</source>
        <translation>Éles adatbázison nem engedélyezett.</translation>
    </message>
    <message>
        <source>Not allowed.</source>
        <translation>Nem engedélyezett.</translation>
    </message>
    <message>
        <source>NULL</source>
        <translation>nincs (NULL)</translation>
    </message>
    <message>
        <source>progress level %1</source>
        <translation>előrehaladási szint: %1</translation>
    </message>
    <message>
        <source>license level %1</source>
        <translation>licencszint: %1</translation>
    </message>
    <message>
        <source>%1 outside 1..%2</source>
        <translation>%1, az 1–%2 tartományon kívül</translation>
    </message>
    <message>
        <source>%1 progress rows for this track</source>
        <translation>%1 előrehaladási sor ehhez a szakirányhoz</translation>
    </message>
    <message>
        <source>%1 license rows for this track</source>
        <translation>%1 licencsor ehhez a szakirányhoz</translation>
    </message>
    <message>
        <source>track %1 is not in the level catalogue</source>
        <translation>a(z) %1 szakirány nincs a szintkatalógusban</translation>
    </message>
    <message>
        <source>progress at level %1, no license</source>
        <translation>előrehaladás %1. szinten, licenc nélkül</translation>
    </message>
    <message>
        <source>license at level %1, no progress</source>
        <translation>licenc %1. szinten, előrehaladás nélkül</translation>
    </message>
    <message>
        <source>license level %1, progress level %2</source>
        <translation>licencszint: %1, előrehaladási szint: %2</translation>
    </message>
    <message>
        <source>progress spelled %1, license spelled %2</source>
        <translation>előrehaladás írásmódja: %1, licencé: %2</translation>
    </message>
    <message>
        <source>progress level %1, the counters justify level %2</source>
        <translation>előrehaladási szint: %1, a számlálók alapján indokolt szint: %2</translation>
    </message>
    <message>
        <source>license max_achieved_level %1 below its current level %2</source>
        <translation>a licenc elért legmagasabb szintje (%1) a jelenlegi szintje (%2) alatt van</translation>
    </message>
    <message>
        <source>Sync: progress → license</source>
        <translation>Szinkronizálás: előrehaladás → licenc</translation>
    </message>
    <message>
        <source>Sync: license → progress</source>
        <translation>Szinkronizálás: licenc → előrehaladás</translation>
    </message>
    <message>
        <source>Update progress</source>
        <translation>Előrehaladás módosítása</translation>
    </message>
    <message>
        <source>Level-up</source>
        <translation>Szintlépés</translation>
    </message>
    <message>
        <source>Set level</source>
        <translation>Szint beállítása</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>Javítás</translation>
    </message>
    <message>
        <source>QA injection</source>
        <translation>QA-beültetés</translation>
    </message>
    <message>
        <source>QA: specialization added</source>
        <translation>QA: szakirány hozzáadva</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Visszaállítás</translation>
    </message>
    <message>
        <source>Levels imported</source>
        <translation>Szintek importálva</translation>
    </message>
    <message>
        <source>Indexes created</source>
        <translation>Indexek létrehozva</translation>
    </message>
    <message>
        <source>Indexes dropped</source>
        <translation>Indexek eltávolítva</translation>
    </message>
    <message>
        <source>Database initialised</source>
        <translation>Adatbázis előkészítve</translation>
    </message>
    <message>
        <source>Demo database created</source>
        <translation>Bemutató adatbázis létrehozva</translation>
    </message>
    <message>
        <source>Old data pruned</source>
        <translation>Régi adatok törölve</translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation>Beállítások módosítva</translation>
    </message>
    <message>
        <source>Environment changed</source>
        <translation>Környezet módosítva</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Parancssor</translation>
    </message>
    <message>
        <source>GUI</source>
        <translation>Grafikus felület</translation>
    </message>
    <message>
        <source>QA lab</source>
        <translation>QA-labor</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Rendszer</translation>
    </message>
    <message>
        <source>revert of audit entry #%1 (%2)</source>
        <translation>a #%1 auditbejegyzés visszaállítása (%2)</translation>
    </message>
</context>
<context>
    <name>WriteFlow</name>
    <message numerus="yes">
        <source>%n key(s) in this plan</source>
        <translation>
            <numerusform>%n kulcs ebben a tervben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row change(s)</source>
        <translation>
            <numerusform>%n sorváltozás</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) skipped (see the reasons below)</source>
        <translation>
            <numerusform>%n kulcs kimaradt (az okokat lásd lent)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) changed</source>
        <translation>
            <numerusform>%n kulcs módosult</numerusform>
        </translation>
    </message>
    <message>
        <source>audit entries %1</source>
        <translation>auditbejegyzések: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) skipped:</source>
        <translation>
            <numerusform>%n kulcs kimaradt:</numerusform>
        </translation>
    </message>
    <message>
        <source>user %1, %2: %3</source>
        <translation>felhasználó %1, %2: %3</translation>
    </message>
    <message>
        <source>Cancelled: the remaining keys were not changed.</source>
        <translation>Megszakítva: a többi kulcs nem változott.</translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation>Nincs mit módosítani.</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>Az előnézet készül…</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>Alkalmazás…</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more key(s), not listed here; the summary above counts them all.</source>
        <translation>
            <numerusform>… és még %n kulcs, amelyek itt nem szerepelnek; a fenti összegzés mindet számolja.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to change: no key to repair.</source>
        <translation>Nincs mit módosítani: nincs javítandó kulcs.</translation>
    </message>
</context>
<context>
    <name>cc::ui::AuditPage</name>
    <message>
        <source>Audit log</source>
        <translation>Auditnapló</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Ettől</translation>
    </message>
    <message>
        <source>Operator email</source>
        <translation>Operátor e-mail-címe</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>Bármely forrás</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>Felhasználóazonosító</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Szűrés</translation>
    </message>
    <message>
        <source>Select an entry to see its rows before and after.</source>
        <translation>Válasszon egy bejegyzést, hogy lássa a sorait előtte és utána.</translation>
    </message>
    <message>
        <source>Revert this entry…</source>
        <translation>Bejegyzés visszaállítása…</translation>
    </message>
    <message>
        <source>Restore the rows as they were before entry #%1</source>
        <translation>A sorok visszaállítása a #%1 bejegyzés előtti állapotra</translation>
    </message>
    <message>
        <source>This entry changed no platform rows</source>
        <translation>Ez a bejegyzés nem módosított platformsorokat</translation>
    </message>
    <message>
        <source>created</source>
        <translation>létrehozva</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>törölve</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>módosítva</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Oszlop</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Előtte</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Utána</translation>
    </message>
    <message>
        <source>Revert audit entry #%1</source>
        <translation>A #%1 auditbejegyzés visszaállítása</translation>
    </message>
    <message>
        <source>Restores the rows exactly as they were before this entry.</source>
        <translation>Pontosan a bejegyzés előtti állapotukra állítja vissza a sorokat.</translation>
    </message>
    <message>
        <source>Restore the rows of entry #%1 (%2, user %3, %4) exactly as they were before it?</source>
        <translation>Visszaállítja a #%1 bejegyzés (%2, felhasználó %3, %4) sorait pontosan a bejegyzés előtti állapotukra?</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportálás…</translation>
    </message>
    <message>
        <source>Write every entry these filters select to a CSV or JSON file</source>
        <translation>A szűrőknek megfelelő összes bejegyzés kiírása CSV- vagy JSON-fájlba</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>Az auditnapló exportálása</translation>
    </message>
    <message>
        <source>The user filter takes a user id (a whole number); “%1” is not one.</source>
        <translation>A felhasználószűrő felhasználóazonosítót (egész számot) vár; „%1” nem az.</translation>
    </message>
    <message>
        <source>Revert batch…</source>
        <translation>Köteg visszaállítása…</translation>
    </message>
    <message>
        <source>Restore the rows of every entry of batch #%1 in one step, all or nothing</source>
        <translation>A(z) #%1 köteg minden bejegyzésének sorait egy lépésben állítja vissza: mindet vagy egyiket sem</translation>
    </message>
    <message>
        <source>This entry is not part of a batch</source>
        <translation>Ez a bejegyzés nem tartozik kötegbe</translation>
    </message>
    <message>
        <source>Revert batch #%1</source>
        <translation>A(z) #%1 köteg visszaállítása</translation>
    </message>
    <message>
        <source>Restore every row that batch #%1 (%2 by %3) changed exactly as it was before? All of its entries are reverted together, or none is.</source>
        <translation>Pontosan a korábbi állapotukra állítja vissza mindazokat a sorokat, amelyeket a(z) #%1 köteg (%2, végezte: %3) módosított? A köteg minden bejegyzését együtt állítja vissza, vagy egyiket sem.</translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>Bármely művelet</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Eddig</translation>
    </message>
</context>
<context>
    <name>cc::ui::AuditTableModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Időpont</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operátor</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Forrás</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Művelet</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Felhasználó</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Szakirány</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Ok</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>Part of batch #%1: select it and use “Revert batch…” to undo the whole batch</source>
        <translation>A(z) #%1 köteg része: jelölje ki, és a „Köteg visszaállítása…” gombbal az egész köteget visszavonhatja</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Köteg</translation>
    </message>
</context>
<context>
    <name>cc::ui::ConnectDialog</name>
    <message>
        <source>Connect to a database</source>
        <translation>Kapcsolódás adatbázishoz</translation>
    </message>
    <message>
        <source>Saved connections; choose one to fill in the form</source>
        <translation>Mentett kapcsolatok; válasszon egyet az űrlap kitöltéséhez</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>Profil törlése</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil:</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>SQLite-fájl</translation>
    </message>
    <message>
        <source>/path/to/database.db</source>
        <translation>/elérési/út/adatbázis.db</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Tallózás…</translation>
    </message>
    <message>
        <source>New demo database (a new SQLite file filled with generated students)</source>
        <translation>Új demóadatbázis (új SQLite-fájl generált tanulókkal)</translation>
    </message>
    <message>
        <source>/path/to/new-demo.db</source>
        <translation>/elérési/út/új-demó.db</translation>
    </message>
    <message>
        <source> students</source>
        <translation> tanuló</translation>
    </message>
    <message>
        <source>PostgreSQL</source>
        <translation>PostgreSQL</translation>
    </message>
    <message>
        <source>host=db.example port=5432 dbname=platform user=console  or  postgresql://…</source>
        <translation>host=db.example port=5432 dbname=platform user=console  vagy  postgresql://…</translation>
    </message>
    <message>
        <source>A libpq connection string or URI. Missing fields come from PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD. Passwords are never stored in profiles or the recent list.</source>
        <translation>libpq kapcsolati karakterlánc vagy URI. A hiányzó mezők értéke a PGHOST, PGPORT, PGDATABASE, PGUSER és PGPASSWORD változókból származik. Jelszót a program sem a profilokban, sem a legutóbbi kapcsolatok listájában nem tárol.</translation>
    </message>
    <message>
        <source>Read-only (no repairs, injections or stored checks)</source>
        <translation>Csak olvasás (nincs javítás, beültetés és tárolt ellenőrzés)</translation>
    </message>
    <message>
        <source>Optional: a name to save this connection as a profile</source>
        <translation>Nem kötelező: név, amelyen a kapcsolat profilként mentődik</translation>
    </message>
    <message>
        <source>Save as profile:</source>
        <translation>Mentés profilként:</translation>
    </message>
    <message>
        <source>Recent connections (double-click to connect):</source>
        <translation>Legutóbbi kapcsolatok (kapcsolódás dupla kattintással):</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Kapcsolódás</translation>
    </message>
    <message>
        <source>Open an SQLite database</source>
        <translation>SQLite-adatbázis megnyitása</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>SQLite-adatbázisok (*.db *.sqlite *.sqlite3);;Minden fájl (*)</translation>
    </message>
    <message>
        <source>(no profile)</source>
        <translation>(nincs profil)</translation>
    </message>
    <message>
        <source>Choose an SQLite database file.</source>
        <translation>Válasszon egy SQLite-adatbázisfájlt.</translation>
    </message>
    <message>
        <source>%1 is not a database file.</source>
        <translation>%1 nem adatbázisfájl.</translation>
    </message>
    <message>
        <source>Choose where to create the demo database.</source>
        <translation>Válassza ki, hová kerüljön a demóadatbázis.</translation>
    </message>
    <message>
        <source>%1 already exists; a demo database is always a new file.</source>
        <translation>%1 már létezik; a demóadatbázis mindig új fájl.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>A(z) %1 mappa nem létezik.</translation>
    </message>
    <message>
        <source>A profile name cannot contain / or \.</source>
        <translation>A profilnév nem tartalmazhat / vagy \ karaktert.</translation>
    </message>
</context>
<context>
    <name>cc::ui::ConsistencyGauge</name>
    <message>
        <source>Healthy ≥ %1</source>
        <translation>Egészséges ≥ %1</translation>
    </message>
    <message>
        <source>Degraded ≥ %1</source>
        <translation>Leromlott ≥ %1</translation>
    </message>
    <message>
        <source>Critical &lt; %1</source>
        <translation>Kritikus &lt; %1</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>nincs adat</translation>
    </message>
    <message>
        <source>Consistency gauge</source>
        <translation>Konzisztenciamérő</translation>
    </message>
    <message>
        <source>No completed check yet</source>
        <translation>Még nincs befejezett ellenőrzés</translation>
    </message>
    <message>
        <source>Consistency rate %1, %2 (healthy at or above %3, degraded at or above %4)</source>
        <translation>Konzisztenciaarány: %1, %2 (egészséges legalább %3, leromlott legalább %4 esetén)</translation>
    </message>
</context>
<context>
    <name>cc::ui::CountBarChart</name>
    <message>
        <source>%1: no data</source>
        <translation>%1: nincs adat</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>cc::ui::DashboardPage</name>
    <message>
        <source>Health</source>
        <translation>Állapot</translation>
    </message>
    <message>
        <source>Run check now</source>
        <translation>Ellenőrzés most</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Frissítés</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Újra</translation>
    </message>
    <message>
        <source>Not refreshed yet</source>
        <translation>Még nem frissült</translation>
    </message>
    <message>
        <source>Pairs checked</source>
        <translation>Ellenőrzött párok</translation>
    </message>
    <message>
        <source>Violations</source>
        <translation>Eltérések</translation>
    </message>
    <message>
        <source>Consistency rate</source>
        <translation>Konzisztenciaarány</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Figyelmeztetések</translation>
    </message>
    <message>
        <source>New since previous run</source>
        <translation>Új az előző futás óta</translation>
    </message>
    <message>
        <source>Resolved since previous run</source>
        <translation>Megoldva az előző futás óta</translation>
    </message>
    <message>
        <source>Changes since this check</source>
        <translation>Változások az ellenőrzés óta</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>Időszak:</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 óra</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 óra</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 nap</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 nap</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Mind</translation>
    </message>
    <message>
        <source>Violations by kind</source>
        <translation>Eltérések típus szerint</translation>
    </message>
    <message>
        <source>Violations by track</source>
        <translation>Eltérések szakirány szerint</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Felhasználó</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Szakirány</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Típus</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Ok</translation>
    </message>
    <message>
        <source>paused while hidden</source>
        <translation>rejtett ablaknál szünetel</translation>
    </message>
    <message>
        <source>The dashboard cannot be refreshed. %1</source>
        <translation>Az irányítópult nem frissíthető. %1</translation>
    </message>
    <message>
        <source>stopped: error</source>
        <translation>leállt: hiba</translation>
    </message>
    <message>
        <source>%1 consistent</source>
        <translation>%1 konzisztens</translation>
    </message>
    <message>
        <source>inconsistent pairs</source>
        <translation>inkonzisztens pár</translation>
    </message>
    <message>
        <source>do not affect the rate</source>
        <translation>nem számítanak bele az arányba</translation>
    </message>
    <message>
        <source>new violations</source>
        <translation>új eltérés</translation>
    </message>
    <message>
        <source>resolved violations</source>
        <translation>megoldott eltérés</translation>
    </message>
    <message>
        <source>writes after this check: run it again</source>
        <translation>írások az ellenőrzés után: futtassa újra</translation>
    </message>
    <message>
        <source>audit entries</source>
        <translation>auditbejegyzés</translation>
    </message>
    <message>
        <source>no completed check yet</source>
        <translation>még nincs befejezett ellenőrzés</translation>
    </message>
    <message>
        <source>All %1 pairs are consistent.</source>
        <translation>Mind a(z) %1 pár konzisztens.</translation>
    </message>
    <message>
        <source>There are no pairs to check yet.</source>
        <translation>Még nincs ellenőrizhető pár.</translation>
    </message>
    <message>
        <source>Last refresh %1</source>
        <translation>Utolsó frissítés: %1</translation>
    </message>
    <message>
        <source>Last check %1 by %2, %3 ms, on %4.</source>
        <translation>Utolsó ellenőrzés: %1, végezte: %2, %3 ms, adatbázis: %4.</translation>
    </message>
    <message>
        <source>This database has no Coupling Console tables: checks are not stored.</source>
        <translation>Ebben az adatbázisban nincsenek Coupling Console-táblák: az ellenőrzések nem tárolódnak.</translation>
    </message>
    <message>
        <source>No completed check yet: press “Run check now”.</source>
        <translation>Még nincs befejezett ellenőrzés: nyomja meg az „Ellenőrzés most” gombot.</translation>
    </message>
    <message numerus="yes">
        <source>Scheduled checks every %n min (skipped when a newer check exists).</source>
        <translation>
            <numerusform>Ütemezett ellenőrzés %n percenként (kimarad, ha van frissebb ellenőrzés).</numerusform>
        </translation>
    </message>
    <message>
        <source>Scheduled checks are off.</source>
        <translation>Az ütemezett ellenőrzés ki van kapcsolva.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Ellenőrzés…</translation>
    </message>
    <message>
        <source>The check was cancelled; it is stored as cancelled.</source>
        <translation>Az ellenőrzés megszakadt; megszakítottként tárolódik.</translation>
    </message>
    <message>
        <source>Health check</source>
        <translation>Állapotellenőrzés</translation>
    </message>
    <message>
        <source>This check was not stored: %1</source>
        <translation>Ez az ellenőrzés nem tárolódott: %1</translation>
    </message>
    <message>
        <source>Scheduled health check…</source>
        <translation>Ütemezett állapotellenőrzés…</translation>
    </message>
    <message>
        <source>Health check…</source>
        <translation>Állapotellenőrzés…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportálás</translation>
    </message>
    <message>
        <source>Save the dashboard as a picture or the latest check as a PDF report</source>
        <translation>Az irányítópult mentése képként, vagy a legutóbbi ellenőrzésé PDF-jelentésként</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Exportálás PNG-be…</translation>
    </message>
    <message>
        <source>Export PDF report…</source>
        <translation>PDF-jelentés exportálása…</translation>
    </message>
    <message>
        <source>Export the dashboard as PNG</source>
        <translation>Az irányítópult exportálása PNG-be</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-képek (*.png)</translation>
    </message>
    <message>
        <source>The picture cannot be written to %1: %2</source>
        <translation>A kép nem írható ide: %1: %2</translation>
    </message>
    <message>
        <source>Dashboard saved to %1 (%2 × %3 pixels).</source>
        <translation>Az irányítópult mentve ide: %1 (%2 × %3 képpont).</translation>
    </message>
    <message>
        <source>Export PDF report</source>
        <translation>PDF-jelentés exportálása</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-fájlok (*.pdf)</translation>
    </message>
    <message>
        <source>Report saved to %1.</source>
        <translation>A jelentés mentve ide: %1.</translation>
    </message>
    <message>
        <source>healthy ≥ %1</source>
        <translation>egészséges ≥ %1</translation>
    </message>
    <message>
        <source>Staff credentials</source>
        <translation>Személyzeti licencek</translation>
    </message>
    <message>
        <source>Licenses that instructors, admins and other staff hold as teaching credentials, with no progress by design. They are not pairs: not among the pairs checked, not violations, no part of the consistency rate, and never repaired.</source>
        <translation>Oktatók, adminisztrátorok és más munkatársak oktatói jogosultságként birtokolt licencei, szándékosan előrehaladás nélkül. Ezek nem párok: nem tartoznak az ellenőrzött párok közé, nem eltérések, nem számítanak bele a konzisztenciaarányba, és soha nem javítjuk őket.</translation>
    </message>
    <message>
        <source>teaching licenses, not pairs</source>
        <translation>oktatói licencek, nem párok</translation>
    </message>
    <message>
        <source>Last refresh %1 (re-read; the data was last checked %2)</source>
        <translation>Utolsó frissítés: %1 (újraolvasva; az adatok utolsó ellenőrzése: %2)</translation>
    </message>
    <message>
        <source>Open the violations of the latest check</source>
        <translation>A legutóbbi ellenőrzés eltéréseinek megnyitása</translation>
    </message>
    <message>
        <source>Double-click a row or press Enter to open the user</source>
        <translation>A felhasználó megnyitásához kattintson duplán egy sorra, vagy nyomja meg az Entert</translation>
    </message>
</context>
<context>
    <name>cc::ui::FirstRunTour</name>
    <message>
        <source>Tour of the pages</source>
        <translation>Az oldalak bemutatása</translation>
    </message>
    <message>
        <source>Don&apos;t show this tour again</source>
        <translation>Ne jelenjen meg többé a bemutató</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Vissza</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Tovább</translation>
    </message>
    <message>
        <source>Skip tour</source>
        <translation>Bemutató kihagyása</translation>
    </message>
    <message>
        <source>Close the tour (Esc). Help → Tour of the pages shows it again.</source>
        <translation>A bemutató bezárása (Esc). A Súgó → Oldalak bemutatása újra megjeleníti.</translation>
    </message>
    <message>
        <source>How consistent the two copies of each student&apos;s level are: the rate of the latest check, its trend and where the violations are. %1 runs a check now.</source>
        <translation>Mennyire egyezik a diákok szintjének két példánya: a legutóbbi ellenőrzés aránya, annak alakulása, és hogy hol vannak az eltérések. A(z) %1 azonnal elindít egy ellenőrzést.</translation>
    </message>
    <message>
        <source>Every violation of the latest (or a chosen) check, filtered by kind, track or user. Select rows and repair them after a preview of every statement.</source>
        <translation>A legutóbbi (vagy egy kiválasztott) ellenőrzés minden eltérése, típus, szakirány vagy felhasználó szerint szűrve. Jelöljön ki sorokat, és javítsa ki őket az összes utasítás előnézete után.</translation>
    </message>
    <message>
        <source>One student&apos;s tracks side by side, progress and license, with their history. Sync, set a level or repair, always previewed first. %1 finds a user.</source>
        <translation>Egy diák szakirányai egymás mellett, előrehaladás és licenc, az előzményeikkel együtt. Szinkronizálás, szintbeállítás vagy javítás, mindig előnézettel. A(z) %1 felhasználót keres.</translation>
    </message>
    <message>
        <source>Plant desyncs on purpose to prove that checks find them and repairs fix them. Every injection is audited and can be undone.</source>
        <translation>Szándékosan beültetett eltérésekkel igazolhatja, hogy az ellenőrzések megtalálják, a javítások pedig kijavítják őket. Minden beültetés bekerül az auditnaplóba, és visszavonható.</translation>
    </message>
    <message>
        <source>Every write with its rows before and after, by whom and from where. A change can be reverted here.</source>
        <translation>Minden írás a sorokkal előtte és utána, azzal együtt, hogy ki és honnan végezte. Egy változás itt visszaállítható.</translation>
    </message>
    <message>
        <source>Theme, language, auto-refresh, scheduled checks and the health thresholds.</source>
        <translation>Téma, nyelv, automatikus frissítés, ütemezett ellenőrzések és az állapotküszöbök.</translation>
    </message>
    <message>
        <source>Every stored check, newest first; Enter opens its violations.</source>
        <translation>Minden tárolt ellenőrzés, a legújabb elöl; az Enter megnyitja az eltéréseit.</translation>
    </message>
    <message>
        <source>This is a demo database. To open your own, use File → Connect… (%1), the button in the status bar, or drop an SQLite database file on the window.</source>
        <translation>Ez egy demóadatbázis. A sajátját a Fájl → Kapcsolódás… (%1) menüponttal, az állapotsor gombjával, vagy egy SQLite-adatbázisfájl ablakra húzásával nyithatja meg.</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>%1/%2. lépés: %3</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Befejezés</translation>
    </message>
</context>
<context>
    <name>cc::ui::JobProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Mégse</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Megszakítás…</translation>
    </message>
</context>
<context>
    <name>cc::ui::MainWindow</name>
    <message>
        <source>Coupling Console</source>
        <translation>Coupling Console</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Nincs kapcsolat: %1</translation>
    </message>
    <message>
        <source>Connection lost: %1</source>
        <translation>A kapcsolat megszakadt: %1</translation>
    </message>
    <message>
        <source>Health dashboard</source>
        <translation>Állapot-irányítópult</translation>
    </message>
    <message>
        <source>Violations</source>
        <translation>Eltérések</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Felhasználó</translation>
    </message>
    <message>
        <source>QA lab</source>
        <translation>QA-labor</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Auditnapló</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Beállítások</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>Futási előzmények</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fájl</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Kapcsolódás…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Ki&amp;lépés</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Nézet</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Súgó</translation>
    </message>
    <message>
        <source>&amp;About Coupling Console</source>
        <translation>A Coupling Console &amp;névjegye</translation>
    </message>
    <message>
        <source>%1 (embedded demo database)</source>
        <translation>%1 (beépített demóadatbázis)</translation>
    </message>
    <message>
        <source>CONNECTING…</source>
        <translation>KAPCSOLÓDÁS…</translation>
    </message>
    <message>
        <source>Environment of this database</source>
        <translation>Az adatbázis környezete</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Csak olvasható</translation>
    </message>
    <message>
        <source>Read-write</source>
        <translation>Írható-olvasható</translation>
    </message>
    <message>
        <source>Operator: %1 (%2)</source>
        <translation>Operátor: %1 (%2)</translation>
    </message>
    <message>
        <source>No check yet</source>
        <translation>Még nincs ellenőrzés</translation>
    </message>
    <message>
        <source>Last check %1</source>
        <translation>Utolsó ellenőrzés: %1</translation>
    </message>
    <message numerus="yes">
        <source>Creating a demo database with %n student(s)…</source>
        <translation>
            <numerusform>Demóadatbázis létrehozása %n tanulóval…</numerusform>
        </translation>
    </message>
    <message>
        <source>New demo database</source>
        <translation>Új demóadatbázis</translation>
    </message>
    <message>
        <source>About Coupling Console</source>
        <translation>A Coupling Console névjegye</translation>
    </message>
    <message>
        <source>Coupling Console %1
Finds and repairs desyncs between specialization progress and user licenses.
Qt %2</source>
        <translation>Coupling Console %1
Megkeresi és kijavítja a szakirány-előrehaladás és a felhasználói licencek közötti eltéréseket.
Qt %2</translation>
    </message>
    <message>
        <source>&amp;Find user…</source>
        <translation>&amp;Felhasználó keresése…</translation>
    </message>
    <message>
        <source>The user field of the violations or audit page, else the user search</source>
        <translation>Az Eltérések vagy az Auditnapló oldal felhasználómezője, egyébként a felhasználókeresés</translation>
    </message>
    <message>
        <source>&amp;Run health check now</source>
        <translation>&amp;Ellenőrzés futtatása most</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Billentyűparancsok</translation>
    </message>
    <message>
        <source>&amp;Tour of the pages</source>
        <translation>&amp;Oldalak bemutatása</translation>
    </message>
    <message>
        <source>File → Connect… (%1): an SQLite file, a new demo database or PostgreSQL. You can also drop a database file on the window.</source>
        <translation>Fájl → Kapcsolódás… (%1): SQLite-fájl, új demóadatbázis vagy PostgreSQL. Adatbázisfájlt az ablakra húzva is megnyithat.</translation>
    </message>
    <message>
        <source>Connect to your database…</source>
        <translation>Kapcsolódás a saját adatbázisához…</translation>
    </message>
    <message>
        <source>Connect to another database…</source>
        <translation>Kapcsolódás másik adatbázishoz…</translation>
    </message>
    <message>
        <source>Open a database file</source>
        <translation>Adatbázisfájl megnyitása</translation>
    </message>
    <message>
        <source>%1 is not an SQLite database file, so the connection stays as it is. To open a PostgreSQL database, use File → Connect….</source>
        <translation>%1 nem SQLite-adatbázisfájl, ezért a kapcsolat nem változik. PostgreSQL-adatbázist a Fájl → Kapcsolódás… menüponttal nyithat meg.</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>&amp;Bejelentkezés…</translation>
    </message>
    <message>
        <source>Sign in with your platform email and password (production databases)</source>
        <translation>Bejelentkezés a platform e-mail-címével és jelszavával (éles adatbázisok)</translation>
    </message>
    <message>
        <source>&amp;Track</source>
        <translation>Sza&amp;kirány</translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1: %2, %3</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n in the latest check</source>
        <translation>
            <numerusform>%1: %n a legutóbbi ellenőrzésben</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cc::ui::MessageBar</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Visszavonás</translation>
    </message>
    <message>
        <source>Revert the change just made (its audit entries), exactly as before it</source>
        <translation>Az imént végzett módosítás visszaállítása (auditbejegyzései szerint), pontosan a korábbi állapotra</translation>
    </message>
    <message>
        <source>Close this message</source>
        <translation>Az üzenet bezárása</translation>
    </message>
    <message>
        <source>Undo: %1</source>
        <translation>Visszavonás: %1</translation>
    </message>
    <message numerus="yes">
        <source>… %n more line(s): hover here for the whole report</source>
        <translation>
            <numerusform>… még %n sor: a teljes jelentésért vigye ide az egeret</numerusform>
        </translation>
    </message>
    <message>
        <source>This is the production database. Revert the change just made, exactly as it was before?</source>
        <translation>Ez az éles adatbázis. Visszavonja az imént végrehajtott módosítást, pontosan a korábbi állapotra?</translation>
    </message>
</context>
<context>
    <name>cc::ui::MetricCard</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>cc::ui::PlanKeyModel</name>
    <message>
        <source>Missing license not created: tick “Create missing licenses” (a license is a paid product)</source>
        <translation>A hiányzó licenc nem jön létre: jelölje be a „Hiányzó licencek pótlása” lehetőséget (a licenc fizetős termék)</translation>
    </message>
    <message>
        <source>Needs manual review</source>
        <translation>Kézi felülvizsgálatot igényel</translation>
    </message>
    <message>
        <source>Locked by another session past the lock timeout</source>
        <translation>Egy másik munkamenet a zárolási időkorláton túl zárolta</translation>
    </message>
    <message>
        <source>Nothing to change</source>
        <translation>Nincs mit módosítani</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>Kimarad: %1</translation>
    </message>
    <message>
        <source>Still inconsistent</source>
        <translation>Továbbra is inkonzisztens</translation>
    </message>
    <message>
        <source>Consistent</source>
        <translation>Konzisztens</translation>
    </message>
    <message>
        <source>Consistent; warns: %1</source>
        <translation>Konzisztens; figyelmeztetés: %1</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Felhasználó</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Szakirány</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Művelet</translation>
    </message>
    <message>
        <source>Progress level</source>
        <translation>Haladási szint</translation>
    </message>
    <message>
        <source>License level</source>
        <translation>Licencszint</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Sorok</translation>
    </message>
    <message>
        <source>After the repair</source>
        <translation>A javítás után</translation>
    </message>
    <message>
        <source>Other column updates</source>
        <translation>Egyéb oszlopok módosítása</translation>
    </message>
</context>
<context>
    <name>cc::ui::PlanPreviewDialog</name>
    <message>
        <source>Nothing to change.</source>
        <translation>Nincs mit módosítani.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Alkalmazás</translation>
    </message>
    <message>
        <source>This is a production database. Type %1 to confirm:</source>
        <translation>Ez éles adatbázis. A megerősítéshez írja be: %1</translation>
    </message>
</context>
<context>
    <name>cc::ui::QaLabPage</name>
    <message>
        <source>QA lab</source>
        <translation>QA-labor</translation>
    </message>
    <message>
        <source>Plant desyncs on purpose to see that checks find them and repairs fix them. Every injection is audited and can be undone.</source>
        <translation>Szándékosan beültetett eltérésekkel ellenőrizheti, hogy az ellenőrzések megtalálják, a javítások pedig kijavítják őket. Minden beültetés bekerül az auditnaplóba, és visszavonható.</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Cél:</translation>
    </message>
    <message>
        <source>Injections in this session:</source>
        <translation>Beültetések ebben a munkamenetben:</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Időpont</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Típus</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cél</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>Auditbejegyzések</translation>
    </message>
    <message>
        <source>The QA lab is disabled here. %1</source>
        <translation>A QA-labor itt nem érhető el. %1</translation>
    </message>
    <message>
        <source>Plant the chosen kind</source>
        <translation>A kiválasztott típus beültetése</translation>
    </message>
    <message>
        <source>user %1, %2</source>
        <translation>felhasználó %1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%n random key(s), seed %1</source>
        <translation>
            <numerusform>%n véletlen kulcs, mag: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Inject %1</source>
        <translation>%1 beültetése</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Visszavonás</translation>
    </message>
    <message>
        <source>Undo injection</source>
        <translation>Beültetés visszavonása</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Visszavonva</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Típus:</translation>
    </message>
    <message>
        <source>&amp;One key</source>
        <translation>&amp;Egy kulcs</translation>
    </message>
    <message>
        <source>&amp;user id</source>
        <translation>felhasználói &amp;azonosító</translation>
    </message>
    <message>
        <source>&amp;track</source>
        <translation>szak&amp;irány</translation>
    </message>
    <message>
        <source>&amp;Random keys</source>
        <translation>&amp;Véletlen kulcsok</translation>
    </message>
    <message>
        <source>&amp;count</source>
        <translation>&amp;darab</translation>
    </message>
    <message>
        <source>&amp;seed</source>
        <translation>&amp;mag</translation>
    </message>
    <message>
        <source>&amp;Inject</source>
        <translation>&amp;Beültetés</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Most</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>ellenőrzés…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>consistent</source>
        <translation>konzisztens</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>%1 (of the first %2 keys)</source>
        <translation>%1 (az első %2 kulcsból)</translation>
    </message>
    <message>
        <source>User %1 has no progress or license rows</source>
        <translation>A(z) %1 felhasználónak nincs előrehaladási vagy licencsora</translation>
    </message>
    <message>
        <source>User %1&apos;s tracks: %2</source>
        <translation>A(z) %1 felhasználó szakirányai: %2</translation>
    </message>
</context>
<context>
    <name>cc::ui::RateHistoryChart</name>
    <message>
        <source>Consistency rate over time</source>
        <translation>Konzisztenciaarány az idő függvényében</translation>
    </message>
    <message>
        <source>Rate %</source>
        <translation>Arány (%)</translation>
    </message>
    <message>
        <source>Healthy threshold</source>
        <translation>Egészséges küszöb</translation>
    </message>
    <message>
        <source>Degraded threshold</source>
        <translation>Leromlott küszöb</translation>
    </message>
    <message>
        <source>Repairs</source>
        <translation>Javítások</translation>
    </message>
    <message>
        <source>Injections</source>
        <translation>Beültetések</translation>
    </message>
    <message>
        <source>Consistency rate over time: no runs in this range</source>
        <translation>Konzisztenciaarány az idő függvényében: ebben az időszakban nincs futás</translation>
    </message>
    <message numerus="yes">
        <source>Consistency rate over time: %n run(s), latest %1 %</source>
        <translation>
            <numerusform>Konzisztenciaarány az idő függvényében: %n futás, a legutóbbi %1 %</numerusform>
        </translation>
    </message>
    <message>
        <source>Injections, %1–%2</source>
        <translation>Beültetések, %1–%2</translation>
    </message>
    <message>
        <source>Changes, %1–%2</source>
        <translation>Változtatások, %1–%2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n entry(ies)</source>
        <translation>
            <numerusform>%1: %n bejegyzés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n batch(es))</source>
        <translation>
            <numerusform>(%n köteg)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cc::ui::RefreshControl</name>
    <message>
        <source>Auto-refresh:</source>
        <translation>Automatikus frissítés:</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Ki</translation>
    </message>
    <message>
        <source>5 s</source>
        <translation>5 mp</translation>
    </message>
    <message>
        <source>10 s</source>
        <translation>10 mp</translation>
    </message>
    <message>
        <source>30 s</source>
        <translation>30 mp</translation>
    </message>
    <message>
        <source>1 min</source>
        <translation>1 perc</translation>
    </message>
    <message>
        <source>5 min</source>
        <translation>5 perc</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Szünet</translation>
    </message>
    <message>
        <source>Pause or resume the automatic refresh</source>
        <translation>Az automatikus frissítés szüneteltetése vagy folytatása</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Folytatás</translation>
    </message>
    <message>
        <source>off</source>
        <translation>ki</translation>
    </message>
    <message>
        <source>suspended</source>
        <translation>felfüggesztve</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>szüneteltetve</translation>
    </message>
    <message numerus="yes">
        <source>next in %n s</source>
        <translation>
            <numerusform>következő %n mp múlva</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cc::ui::RepairPreviewDialog</name>
    <message>
        <source>none</source>
        <translation>nincs</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Repairs %1.</source>
        <translation>Javítja: %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) in this plan</source>
        <translation>
            <numerusform>%n kulcs ebben a tervben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row change(s)</source>
        <translation>
            <numerusform>%n sorváltozás</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) skipped</source>
        <translation>
            <numerusform>%n kulcs kimarad</numerusform>
        </translation>
    </message>
    <message>
        <source>Keys by action: %1</source>
        <translation>Kulcsok műveletenként: %1</translation>
    </message>
    <message>
        <source>Rows: %1 inserted, %2 updated, %3 deleted, %4 re-pointed</source>
        <translation>Sorok: %1 beszúrva, %2 módosítva, %3 törölve, %4 átirányítva</translation>
    </message>
    <message>
        <source>Keys skipped: %1</source>
        <translation>Kimaradó kulcsok: %1</translation>
    </message>
    <message>
        <source>Warnings this repair creates: %1</source>
        <translation>A javítás nyomán keletkező figyelmeztetések: %1</translation>
    </message>
    <message>
        <source>Filter keys (user, track, action, outcome)</source>
        <translation>Kulcsok szűrése (felhasználó, szakirány, művelet, eredmény)</translation>
    </message>
    <message>
        <source>SQL of the selected key</source>
        <translation>A kijelölt kulcs SQL-je</translation>
    </message>
    <message>
        <source>SQL of every key</source>
        <translation>Minden kulcs SQL-je</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportálás…</translation>
    </message>
    <message>
        <source>Write the table (.csv) or every row before → after and the statements (.txt) to a file</source>
        <translation>A táblázat (.csv) vagy minden sor előtte → utána állapota és az utasítások (.txt) fájlba írása</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Alkalmazás</translation>
    </message>
    <message>
        <source>This is a production database. Type %1 to confirm:</source>
        <translation>Ez éles adatbázis. A megerősítéshez írja be: %1</translation>
    </message>
    <message>
        <source>Select a key to see its rows and statements.</source>
        <translation>Jelöljön ki egy kulcsot a sorai és utasításai megtekintéséhez.</translation>
    </message>
    <message>
        <source>Export the preview</source>
        <translation>Az előnézet exportálása</translation>
    </message>
    <message>
        <source>CSV table (*.csv);;Rows and statements (*.txt)</source>
        <translation>CSV-táblázat (*.csv);;Sorok és utasítások (*.txt)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Nem sikerült írni: %1: %2</translation>
    </message>
</context>
<context>
    <name>cc::ui::RunHistoryModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 mp</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 perc %2 mp</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>fut…</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(ismeretlen)</translation>
    </message>
    <message>
        <source>Started %1 UTC</source>
        <translation>Indítva: %1 UTC</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Indítva</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Állapot</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Arány</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>Párok</translation>
    </message>
    <message>
        <source>Violations</source>
        <translation>Eltérések</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Figyelmeztetések</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Időtartam</translation>
    </message>
    <message>
        <source>Run by</source>
        <translation>Futtatta</translation>
    </message>
</context>
<context>
    <name>cc::ui::RunHistoryPage</name>
    <message>
        <source>Run history</source>
        <translation>Futási előzmények</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Frissítés</translation>
    </message>
    <message>
        <source>Press Enter or double-click a run to see its violations</source>
        <translation>Egy futás eltéréseihez nyomja meg az Entert, vagy kattintson duplán a futásra</translation>
    </message>
    <message>
        <source>Show violations of this run</source>
        <translation>A futás eltéréseinek megjelenítése</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Betöltés…</translation>
    </message>
    <message>
        <source>The run history cannot be read. %1</source>
        <translation>A futási előzmények nem olvashatók. %1</translation>
    </message>
    <message>
        <source>No check has been stored yet. Run one from the dashboard (F5).</source>
        <translation>Még nincs tárolt ellenőrzés. Indítson egyet az irányítópultról (F5).</translation>
    </message>
    <message>
        <source>The latest %1 checks, newest first.</source>
        <translation>A legutóbbi %1 ellenőrzés, a legújabb elöl.</translation>
    </message>
    <message numerus="yes">
        <source>%n stored check(s), newest first.</source>
        <translation>
            <numerusform>%n tárolt ellenőrzés, a legújabb elöl.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the violations page on the selected run</source>
        <translation>Az Eltérések oldal megnyitása a kiválasztott futással</translation>
    </message>
    <message>
        <source>Select a run first</source>
        <translation>Előbb válasszon egy futást</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportálás…</translation>
    </message>
    <message>
        <source>Write every stored check to a CSV or JSON file</source>
        <translation>Minden tárolt ellenőrzés kiírása CSV- vagy JSON-fájlba</translation>
    </message>
    <message>
        <source>Export the run history</source>
        <translation>A futási előzmények exportálása</translation>
    </message>
</context>
<context>
    <name>cc::ui::SetLevelDialog</name>
    <message>
        <source>Level (1–%1):</source>
        <translation>Szint (1–%1):</translation>
    </message>
    <message>
        <source>Why this level is right (required, kept in the audit log)</source>
        <translation>Miért ez a helyes szint (kötelező, bekerül az auditnaplóba)</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Indoklás:</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Előnézet</translation>
    </message>
</context>
<context>
    <name>cc::ui::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Beállítások</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Kapcsolat</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Adatbázis:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Környezet:</translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation>Operátor:</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Megjelenés</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Rendszer</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Világos</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sötét</translation>
    </message>
    <message>
        <source>System follows the desktop&apos;s colours; Light and Dark apply at once.</source>
        <translation>A Rendszer az asztali környezet színeit követi; a Világos és a Sötét azonnal érvénybe lép.</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Téma:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>Nyel&amp;v:</translation>
    </message>
    <message>
        <source>The new language takes effect the next time Coupling Console starts.</source>
        <translation>Az új nyelv a Coupling Console következő indításakor lép érvénybe.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Irányítópult</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Ki</translation>
    </message>
    <message>
        <source>5 s</source>
        <translation>5 mp</translation>
    </message>
    <message>
        <source>10 s</source>
        <translation>10 mp</translation>
    </message>
    <message>
        <source>30 s</source>
        <translation>30 mp</translation>
    </message>
    <message>
        <source>1 min</source>
        <translation>1 perc</translation>
    </message>
    <message>
        <source>5 min</source>
        <translation>5 perc</translation>
    </message>
    <message>
        <source> min</source>
        <translation> perc</translation>
    </message>
    <message>
        <source>A scheduled check is skipped when any completed check, by anyone, is younger than the interval. Off by default on production.</source>
        <translation>Az ütemezett ellenőrzés kimarad, ha bárki által végzett befejezett ellenőrzés frissebb az időköznél. Éles környezetben alapértelmezés szerint ki van kapcsolva.</translation>
    </message>
    <message>
        <source>Health thresholds (admins)</source>
        <translation>Állapotküszöbök (adminisztrátorok)</translation>
    </message>
    <message>
        <source>About Coupling Console</source>
        <translation>A Coupling Console névjegye</translation>
    </message>
    <message>
        <source>Coupling Console %1
Finds and repairs desyncs between specialization progress and user licenses.</source>
        <translation>Coupling Console %1
Megkeresi és kijavítja a szakirány-előrehaladás és a felhasználói licencek közötti eltéréseket.</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation> (csak olvasható)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>ismeretlen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Health thresholds</source>
        <translation>Állapotküszöbök</translation>
    </message>
    <message>
        <source>Saved. New checks use these thresholds; stored runs keep theirs.</source>
        <translation>Mentve. Az új ellenőrzések ezeket a küszöböket használják; a tárolt futások megtartják a sajátjukat.</translation>
    </message>
    <message>
        <source>Saving thresholds…</source>
        <translation>Küszöbök mentése…</translation>
    </message>
    <message>
        <source>Auto-&amp;refresh:</source>
        <translation>&amp;Automatikus frissítés:</translation>
    </message>
    <message>
        <source>S&amp;cheduled full check every:</source>
        <translation>Ütemezett teljes ellenőrzés &amp;gyakorisága:</translation>
    </message>
    <message>
        <source>&amp;Save thresholds</source>
        <translation>Küszöbök &amp;mentése</translation>
    </message>
    <message>
        <source>Healthy at or &amp;above (%):</source>
        <translation>&amp;Egészséges, ha legalább (%):</translation>
    </message>
    <message>
        <source>&amp;Degraded at or above (%):</source>
        <translation>&amp;Leromlott, ha legalább (%):</translation>
    </message>
</context>
<context>
    <name>cc::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Billentyűparancsok</translation>
    </message>
    <message>
        <source>Every command of the menus. Tab and Shift+Tab move between fields; Alt and an underlined letter opens a menu or reaches a field.</source>
        <translation>A menük összes parancsa. A Tab és a Shift+Tab a mezők között lép; az Alt és egy aláhúzott betű megnyit egy menüt, vagy egy mezőre ugrik.</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Parancs</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Billentyűparancs</translation>
    </message>
    <message>
        <source>Through the menu</source>
        <translation>A menün keresztül</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>cc::ui::SignInDialog</name>
    <message>
        <source>Sign in to a production database</source>
        <translation>Bejelentkezés éles adatbázisba</translation>
    </message>
    <message>
        <source>%1 is a production database. Sign in with your platform email and password to change anything; without signing in you can only look.</source>
        <translation>A(z) %1 éles adatbázis. Módosításhoz jelentkezzen be a platform e-mail-címével és jelszavával; bejelentkezés nélkül csak megtekinteni lehet.</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Jelszó:</translation>
    </message>
    <message>
        <source>&amp;Keep the password in the system keyring</source>
        <translation>A jelszó megőrzése a rendszer &amp;kulcstartójában</translation>
    </message>
    <message>
        <source>The desktop&apos;s keyring keeps it encrypted; Coupling Console never writes it to a file</source>
        <translation>Az asztali környezet kulcstartója titkosítva őrzi; a Coupling Console soha nem írja fájlba</translation>
    </message>
    <message>
        <source>No keyring is available on this desktop, so the password is asked each time</source>
        <translation>Ezen az asztalon nincs kulcstartó, ezért a jelszót minden alkalommal meg kell adni</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Bejelentkezés</translation>
    </message>
    <message>
        <source>Only look</source>
        <translation>Csak megtekintés</translation>
    </message>
</context>
<context>
    <name>cc::ui::SignInFlow</name>
    <message>
        <source>The password kept in the keyring was refused: %1</source>
        <translation>A kulcstartóban őrzött jelszót a rendszer elutasította: %1</translation>
    </message>
    <message>
        <source>Keyring</source>
        <translation>Kulcstartó</translation>
    </message>
    <message>
        <source>Signed in, but the password could not be kept in the keyring: %1</source>
        <translation>A bejelentkezés sikerült, de a jelszót nem lehetett a kulcstartóba menteni: %1</translation>
    </message>
</context>
<context>
    <name>cc::ui::StatusBadge</name>
    <message>
        <source>Health status</source>
        <translation>Állapot</translation>
    </message>
</context>
<context>
    <name>cc::ui::TrackPanel</name>
    <message>
        <source>Consistent</source>
        <translation>Konzisztens</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Előrehaladás</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Licenc</translation>
    </message>
    <message>
        <source>Justified level: %1 of %2</source>
        <translation>Indokolt szint: %1 / %2</translation>
    </message>
    <message>
        <source>Justified level: not computable</source>
        <translation>Indokolt szint: nem számítható</translation>
    </message>
    <message>
        <source>Next level %1 “%2”: %3 XP, %4 sessions</source>
        <translation>Következő szint: %1 („%2”): %3 XP, %4 foglalkozás</translation>
    </message>
    <message>
        <source>, %1 theory h, %2 practice h</source>
        <translation>, %1 elméleti óra, %2 gyakorlati óra</translation>
    </message>
    <message>
        <source>Highest level reached.</source>
        <translation>Elérte a legmagasabb szintet.</translation>
    </message>
    <message>
        <source>Unknown track: no level catalogue.</source>
        <translation>Ismeretlen szakirány: nincs szintkatalógus.</translation>
    </message>
    <message>
        <source>No violations or warnings.</source>
        <translation>Nincs eltérés vagy figyelmeztetés.</translation>
    </message>
    <message>
        <source>Sync progress → license</source>
        <translation>Szinkronizálás: előrehaladás → licenc</translation>
    </message>
    <message>
        <source>Sync license → progress</source>
        <translation>Szinkronizálás: licenc → előrehaladás</translation>
    </message>
    <message>
        <source>Sync toward higher</source>
        <translation>Szinkronizálás a magasabb felé</translation>
    </message>
    <message>
        <source>Set level…</source>
        <translation>Szint beállítása…</translation>
    </message>
    <message>
        <source>Not available: the track is not in the level catalogue (manual review)</source>
        <translation>Nem érhető el: a szakirány nincs a szintkatalógusban (kézi felülvizsgálat)</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Sorok</translation>
    </message>
    <message>
        <source>Stored id</source>
        <translation>Tárolt azonosító</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Szint</translation>
    </message>
    <message>
        <source>Max achieved</source>
        <translation>Elért maximum</translation>
    </message>
    <message>
        <source>XP</source>
        <translation>XP</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Foglalkozások</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projektek</translation>
    </message>
    <message>
        <source>Theory hours</source>
        <translation>Elméleti órák</translation>
    </message>
    <message>
        <source>Practice hours</source>
        <translation>Gyakorlati órák</translation>
    </message>
    <message>
        <source>Started / created</source>
        <translation>Kezdés / létrehozás</translation>
    </message>
    <message>
        <source>Last activity / advanced</source>
        <translation>Utolsó aktivitás / szintlépés</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Frissítve</translation>
    </message>
    <message>
        <source>Staff credential</source>
        <translation>Személyzeti licenc</translation>
    </message>
    <message>
        <source>Teaching credential, not a pair: staff hold this license without progress by design. It is not checked, not counted in the rate and never repaired.</source>
        <translation>Oktatói jogosultság, nem pár: a munkatársak ezt a licencet szándékosan előrehaladás nélkül birtokolják. Nem ellenőrizzük, nem számít bele az arányba, és soha nem javítjuk.</translation>
    </message>
    <message>
        <source>The two sides store this track under different spellings; the platform compares them as stored and sees two unrelated tracks.</source>
        <translation>A két oldal eltérő írásmóddal tárolja ezt a szakirányt; a platform a tárolt formában hasonlítja össze őket, és két különálló szakirányt lát.</translation>
    </message>
</context>
<context>
    <name>cc::ui::UserPage</name>
    <message>
        <source>User</source>
        <translation>Felhasználó</translation>
    </message>
    <message>
        <source>Search by user id, email or name, then press Enter</source>
        <translation>Keresés azonosító, e-mail-cím vagy név alapján, majd Enter</translation>
    </message>
    <message>
        <source>Create missing licenses</source>
        <translation>Hiányzó licencek pótlása</translation>
    </message>
    <message>
        <source>Repair all tracks…</source>
        <translation>Minden szakirány javítása…</translation>
    </message>
    <message>
        <source>Revert last change…</source>
        <translation>Utolsó módosítás visszaállítása…</translation>
    </message>
    <message>
        <source>History (audit entries and license progressions, newest first)</source>
        <translation>Előzmények (auditbejegyzések és licencszint-lépések, a legújabb elöl)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Időpont</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Szakirány</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Mi</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Részletek</translation>
    </message>
    <message>
        <source>Search for a user, or double-click a violation.</source>
        <translation>Keressen egy felhasználót, vagy kattintson duplán egy eltérésre.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 (%4)</source>
        <translation>%1 · %2 · %3 (%4)</translation>
    </message>
    <message>
        <source>No user matches “%1”.</source>
        <translation>Egy felhasználó sem felel meg ennek: „%1”.</translation>
    </message>
    <message numerus="yes">
        <source>%n user(s) match; double-click one.</source>
        <translation>
            <numerusform>%n felhasználó felel meg; kattintson duplán az egyikre.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · id %3 · %4%5 · &lt;span style=&quot;color:%6&quot;&gt;%7&lt;/span&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · ID %3 · %4%5 · &lt;span style=&quot;color:%6&quot;&gt;%7&lt;/span&gt;</translation>
    </message>
    <message>
        <source> (inactive)</source>
        <translation> (inaktív)</translation>
    </message>
    <message numerus="yes">
        <source>%n desynced track(s)</source>
        <translation>
            <numerusform>%n eltérő szakirány</numerusform>
        </translation>
    </message>
    <message>
        <source>all tracks consistent</source>
        <translation>minden szakirány konzisztens</translation>
    </message>
    <message>
        <source>This user has no progress or license rows.</source>
        <translation>Ennek a felhasználónak nincs előrehaladás- vagy licencsora.</translation>
    </message>
    <message>
        <source>%1 (%2, audit #%3)</source>
        <translation>%1 (%2, auditbejegyzés #%3)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>license level %1 → %2</source>
        <translation>licencszint: %1 → %2</translation>
    </message>
    <message>
        <source>Preview and repair every track of this user</source>
        <translation>A felhasználó minden szakirányának előnézete és javítása</translation>
    </message>
    <message>
        <source>Undo audit entry #%1 (%2)</source>
        <translation>A #%1 auditbejegyzés visszavonása (%2)</translation>
    </message>
    <message>
        <source>Nothing to revert</source>
        <translation>Nincs mit visszaállítani</translation>
    </message>
    <message>
        <source>Set level of user %1, %2</source>
        <translation>Szint beállítása: felhasználó %1, %2</translation>
    </message>
    <message>
        <source>Set level %1 for user %2, %3</source>
        <translation>%1. szint beállítása: felhasználó %2, %3</translation>
    </message>
    <message>
        <source>Sync progress → license</source>
        <translation>Szinkronizálás: előrehaladás → licenc</translation>
    </message>
    <message>
        <source>Sync license → progress</source>
        <translation>Szinkronizálás: licenc → előrehaladás</translation>
    </message>
    <message>
        <source>Sync toward the higher level</source>
        <translation>Szinkronizálás a magasabb szint felé</translation>
    </message>
    <message>
        <source> for user %1, %2</source>
        <translation> – felhasználó %1, %2</translation>
    </message>
    <message>
        <source>Repair all tracks of user %1</source>
        <translation>A(z) %1 azonosítójú felhasználó minden szakirányának javítása</translation>
    </message>
    <message>
        <source>Revert audit entry #%1 (%2 on %3, %4)?

Before: %5
After: %6</source>
        <translation>Visszaállítja a #%1 auditbejegyzést (%2 – %3, %4)?

Előtte: %5
Utána: %6</translation>
    </message>
    <message>
        <source>Revert last change</source>
        <translation>Utolsó módosítás visszaállítása</translation>
    </message>
    <message>
        <source>Restores the rows exactly as they were before this entry.</source>
        <translation>Pontosan a bejegyzés előtti állapotukra állítja vissza a sorokat.</translation>
    </message>
    <message>
        <source>Sync &amp;progress → license</source>
        <translation>Szinkronizálás: &amp;előrehaladás → licenc</translation>
    </message>
    <message>
        <source>Sync &amp;license → progress</source>
        <translation>Szinkronizálás: &amp;licenc → előrehaladás</translation>
    </message>
    <message>
        <source>Sync toward &amp;higher</source>
        <translation>Szinkronizálás a &amp;magasabb felé</translation>
    </message>
    <message>
        <source>Set l&amp;evel…</source>
        <translation>&amp;Szint beállítása…</translation>
    </message>
    <message>
        <source>On the User page, for the track with the focus (else the first track)</source>
        <translation>A Felhasználó oldalon, a fókuszban lévő szakirányra (különben az elsőre)</translation>
    </message>
    <message>
        <source>%1 is a staff credential: there is nothing to change.</source>
        <translation>A(z) %1 személyzeti licenc: nincs mit módosítani.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>The first %n matching users; type more to narrow, or double-click one.</source>
        <translation>
            <numerusform>Az első %n találat; írjon többet a szűkítéshez, vagy kattintson duplán az egyikre.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cc::ui::ViolationTableModel</name>
    <message>
        <source>User</source>
        <translation>Felhasználó</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Szakirány</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Típus</translation>
    </message>
    <message>
        <source>Recommended action</source>
        <translation>Javasolt művelet</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Ok</translation>
    </message>
    <message>
        <source>Progress level: the level the progress row holds</source>
        <translation>Haladási szint: az előrehaladási sor szintje</translation>
    </message>
    <message>
        <source>License level: the level the license holds</source>
        <translation>Licencszint: a licenc szintje</translation>
    </message>
    <message>
        <source>Progress</source>
        <comment>column: the progress row&apos;s level</comment>
        <translation>Előrehaladás</translation>
    </message>
    <message>
        <source>License</source>
        <comment>column: the license&apos;s level</comment>
        <translation>Licenc</translation>
    </message>
</context>
<context>
    <name>cc::ui::ViolationsPage</name>
    <message>
        <source>Violations</source>
        <translation>Eltérések</translation>
    </message>
    <message>
        <source>Latest completed run</source>
        <translation>Legutóbbi befejezett futás</translation>
    </message>
    <message>
        <source>All violations</source>
        <translation>Minden eltérés</translation>
    </message>
    <message>
        <source>All warnings</source>
        <translation>Minden figyelmeztetés</translation>
    </message>
    <message>
        <source>All tracks</source>
        <translation>Minden szakirány</translation>
    </message>
    <message>
        <source>User id or email</source>
        <translation>Felhasználóazonosító vagy e-mail-cím</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>Futás:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Típus:</translation>
    </message>
    <message>
        <source>Track:</source>
        <translation>Szakirány:</translation>
    </message>
    <message>
        <source>Show earlier rows</source>
        <translation>Korábbi sorok megjelenítése</translation>
    </message>
    <message>
        <source>Create missing licenses (a license is a paid product)</source>
        <translation>Hiányzó licencek pótlása (a licenc fizetős termék)</translation>
    </message>
    <message>
        <source>Repair selected…</source>
        <translation>Kijelöltek javítása…</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Betöltés…</translation>
    </message>
    <message numerus="yes">
        <source>#%1 · %2 · %3 · %4 · %n violation(s)</source>
        <translation>
            <numerusform>#%1 · %2 · %3 · %4 · %n eltérés</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing matches: no violations of this kind in this run.</source>
        <translation>Nincs találat: ebben a futásban nincs ilyen típusú eltérés.</translation>
    </message>
    <message>
        <source>%1 in total; rows %2–%3 loaded (scroll for more).</source>
        <translation>Összesen %1; a(z) %2–%3. sor betöltve (a többihez görgessen).</translation>
    </message>
    <message>
        <source>Preview and repair the selected keys</source>
        <translation>A kijelölt kulcsok előnézete és javítása</translation>
    </message>
    <message>
        <source>Select rows to repair</source>
        <translation>Jelölje ki a javítandó sorokat</translation>
    </message>
    <message numerus="yes">
        <source>Repair %n key(s)</source>
        <translation>
            <numerusform>%n kulcs javítása</numerusform>
        </translation>
    </message>
    <message>
        <source>Repair all violations</source>
        <translation>Minden eltérés javítása</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportálás…</translation>
    </message>
    <message>
        <source>Write every row these filters select to a CSV or JSON file</source>
        <translation>A szűrőknek megfelelő összes sor kiírása CSV- vagy JSON-fájlba</translation>
    </message>
    <message>
        <source>Export violations</source>
        <translation>Eltérések exportálása</translation>
    </message>
    <message>
        <source>Rows %1–%2 loaded; counting the rest…</source>
        <translation>%1–%2. sor betöltve; a többi számolása…</translation>
    </message>
    <message>
        <source>Repair all shown…</source>
        <translation>Minden látható javítása…</translation>
    </message>
    <message>
        <source>%1 in total; rows %2–%3 loaded.</source>
        <translation>Összesen %1; a(z) %2–%3. sor betöltve.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s), all shown.</source>
        <translation>
            <numerusform>%n sor, mind látható.</numerusform>
        </translation>
    </message>
    <message>
        <source>Warnings are not repaired: choose a violation kind</source>
        <translation>A figyelmeztetéseket nem javítja: válasszon eltéréstípust</translation>
    </message>
    <message>
        <source>Preview and repair %1</source>
        <translation>Előnézet és javítás: %1</translation>
    </message>
    <message numerus="yes">
        <source>the %n selected key(s)</source>
        <translation>
            <numerusform>a(z) %n kijelölt kulcs</numerusform>
        </translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>%1. futás</translation>
    </message>
    <message>
        <source>kind “%1”</source>
        <translation>típus: „%1”</translation>
    </message>
    <message>
        <source>track %1</source>
        <translation>szakirány: %1</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>felhasználó: %1</translation>
    </message>
    <message>
        <source>every violation of the latest run</source>
        <translation>a legutóbbi futás minden eltérése</translation>
    </message>
    <message>
        <source>the violations shown (%1)</source>
        <translation>a látható eltérések (%1)</translation>
    </message>
    <message>
        <source>Repair the violations shown</source>
        <translation>A látható eltérések javítása</translation>
    </message>
    <message>
        <source>Double-click a row or press Enter to open the user; click the User, Track or Kind header to sort</source>
        <translation>A felhasználó megnyitásához kattintson duplán egy sorra, vagy nyomja meg az Entert; rendezéshez kattintson a Felhasználó, a Szakirány vagy a Típus fejlécre</translation>
    </message>
</context>
</TS>
