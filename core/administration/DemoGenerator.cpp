#include "administration/DemoGenerator.h"

namespace cc {

namespace {

const QStringList demoTracks { QStringLiteral("GANCUJU_PLAYER"), QStringLiteral("LFA_COACH"),
    QStringLiteral("INTERNSHIP"), QStringLiteral("LFA_FOOTBALL_PLAYER") };

// An integer hash both dialects compute identically in 64-bit arithmetic (inputs below 2^31).
QString h(const QString& x, int salt)
{
    return QStringLiteral(
        "(((((%1) * 1103515245 + %2 * 2654435761 + p.seed * 97531) %% 2147483647) * 48271) %% 2147483647)")
        .arg(x)
        .arg(salt)
        .replace(QStringLiteral("%%"), QStringLiteral("%"));
}

QString timestamp(const Database& db, const QString& minutes)
{
    return db.dialect().demoTimestamp(minutes);
}

QString numbers(const Database& db, const QString& upperBound)
{
    return db.dialect().integerSeries(upperBound);
}

// The stored id of a key's track: `alt` (0 or 1) chooses the legacy or the canonical spelling.
QString spelling(const QString& alt)
{
    return QStringLiteral(
        "CASE d.track_idx WHEN 0 THEN CASE %1 WHEN 0 THEN 'PLAYER' ELSE 'GANCUJU_PLAYER' END "
        "WHEN 1 THEN CASE %1 WHEN 0 THEN 'COACH' ELSE 'LFA_COACH' END "
        "WHEN 2 THEN 'INTERNSHIP' ELSE 'LFA_FOOTBALL_PLAYER' END")
        .arg(alt);
}

// 1 when user `id` is an instructor holding a staff credential, else 0 (needs cc_demo_params p).
QString staffUser(const QString& id)
{
    return QStringLiteral("CASE WHEN (%1) > 2 AND %2 %% 200 = 0 THEN 1 ELSE 0 END")
        .arg(id, h(id, 14))
        .replace(QStringLiteral("%%"), QStringLiteral("%"));
}

QString otherSpelling(const QString& column)
{
    return QStringLiteral("CASE %1 WHEN 'PLAYER' THEN 'GANCUJU_PLAYER' WHEN 'GANCUJU_PLAYER' THEN 'PLAYER' "
                          "WHEN 'COACH' THEN 'LFA_COACH' WHEN 'LFA_COACH' THEN 'COACH' ELSE %1 END")
        .arg(column);
}

const char* const temporaryTables[] = { "cc_demo_params", "cc_demo_cat", "cc_demo_keys", "cc_demo_plan" };

// The parameters and each demo track's levels as temporary tables the statements below join.
Result<void> createParameters(Database& db, const LevelCatalogue& catalogue, const DemoOptions& options)
{
    const qint64 rateBasisPoints = qRound64(options.desyncRate * 10000.0);
    for (const char* name : temporaryTables)
        CC_TRY(db.runDirect(QStringLiteral("DROP TABLE IF EXISTS ") + QLatin1String(name)));
    CC_TRY(db.runDirect(
        QStringLiteral("CREATE TEMP TABLE cc_demo_params (n BIGINT, seed BIGINT, rate_bp BIGINT)")));
    CC_TRY(db.run(QStringLiteral("INSERT INTO cc_demo_params (n, seed, rate_bp) VALUES (?, ?, ?)"),
        { options.users, options.seed, rateBasisPoints }));
    CC_TRY(db.runDirect(QStringLiteral(
        "CREATE TEMP TABLE cc_demo_cat (track_idx BIGINT, level BIGINT, xp BIGINT, ses BIGINT, "
        "th BIGINT, ph BIGINT, gap BIGINT)")));
    for (int index = 0; index < demoTracks.size(); ++index) {
        const QList<LevelRequirement>& levels = catalogue.levels(demoTracks.at(index));
        qint64 theory = 0;
        qint64 practice = 0;
        for (qsizetype i = 0; i < levels.size(); ++i) {
            // Hours that meet every level up to this one (the COACH hours are not monotonic).
            theory = std::max(theory, levels.at(i).theoryHours);
            practice = std::max(practice, levels.at(i).practiceHours);
            const qint64 gap
                = i + 1 < levels.size() ? std::max<qint64>(1, levels.at(i + 1).xp - levels.at(i).xp) : 1000;
            CC_TRY(db.run(QStringLiteral("INSERT INTO cc_demo_cat VALUES (?, ?, ?, ?, ?, ?, ?)"),
                { index, levels.at(i).level, levels.at(i).xp, levels.at(i).sessions, theory, practice,
                    gap }));
        }
    }
    return {};
}

Result<void> createKeys(Database& db)
{
    // Every key but the staff credentials; desynced keys rotate over the eight kinds and three
    // warnings (codes 0–7 the kinds in C3 order, 8–10 the warnings). A spelling mismatch needs a
    // track with two spellings, so the two one-spelling tracks rotate over the other codes, and
    // not over unknown_specialization either: a user's keys are adjacent in one rotation, so no
    // user gets two QA_UNKNOWN keys (which would be one key with two rows). About one user in 200 (never the
    // demo admin or instructor) is an instructor holding only an LFA_COACH license: a staff credential (C2).
    // The demo admin and instructor are never desynced (a license-only key of theirs would be a staff
    // credential too).
    const QString keys = QStringLiteral(
        "CREATE TEMP TABLE cc_demo_keys AS WITH %1 "
        "SELECT c.k, c.user_id, c.track_idx, c.p_alt, c.maxlvl, c.lvl, c.desync, c.staff, "
        "CASE WHEN c.desync = 0 THEN -1 WHEN c.track_idx < 2 THEN c.r %% 11 WHEN c.r %% 9 < 2 THEN c.r %% 9 "
        "WHEN c.r %% 9 < 6 THEN c.r %% 9 + 1 ELSE c.r %% 9 + 2 END AS kind "
        "FROM (SELECT b.k, b.user_id, b.track_idx, b.p_alt, b.maxlvl, 1 + %2 %% b.maxlvl AS lvl, b.desync, "
        "b.staff, "
        "      ROW_NUMBER() OVER (PARTITION BY b.desync, CASE WHEN b.track_idx < 2 THEN 0 ELSE 1 END ORDER "
        "BY b.k) - 1 AS r "
        "      FROM (SELECT a.k, a.i AS user_id, CASE WHEN a.staff = 1 THEN 1 ELSE a.track_idx END AS "
        "track_idx, %3 %% 2 AS p_alt, "
        "            CASE WHEN a.staff = 0 AND a.track_idx = 2 THEN 3 ELSE 8 END AS maxlvl, "
        "            CASE WHEN a.staff = 0 AND a.i > 2 AND %4 %% 10000 < p.rate_bp THEN 1 ELSE 0 END AS "
        "desync, a.staff "
        "            FROM (SELECT n.k, (n.k - 1) / 3 + 1 AS i, (n.k - 1) %% 3 AS j, (%5 + (n.k - 1) %% 3) %% "
        "4 AS track_idx, "
        "                  %6 AS staff FROM nums n, cc_demo_params p) a, cc_demo_params p "
        "            WHERE a.j < CASE WHEN a.staff = 1 THEN 1 ELSE 1 + %7 %% 3 END) b, cc_demo_params p) c")
                             .arg(numbers(db, QStringLiteral("SELECT n * 3 FROM cc_demo_params")),
                                 h(QStringLiteral("b.k"), 5), h(QStringLiteral("a.k"), 3),
                                 h(QStringLiteral("a.k"), 6), h(QStringLiteral("(n.k - 1) / 3 + 1"), 2),
                                 staffUser(QStringLiteral("(n.k - 1) / 3 + 1")), h(QStringLiteral("a.i"), 1))
                             .replace(QStringLiteral("%%"), QStringLiteral("%"));
    return db.runDirect(keys);
}

// Each key's levels and stored spellings, by its planted kind.
Result<void> createPlan(Database& db)
{
    const QString raised = QStringLiteral("(CASE WHEN d.lvl < 2 THEN 2 ELSE d.lvl END)");
    const QString license = QStringLiteral(
        "CASE d.kind WHEN 5 THEN d.maxlvl + 1 WHEN 6 THEN CASE WHEN d.lvl < d.maxlvl THEN d.lvl + 1 "
        "ELSE d.lvl - 1 END WHEN 8 THEN %1 WHEN 9 THEN %1 - 1 ELSE d.lvl END")
                                .arg(raised);
    const QString plan = QStringLiteral(
        "CREATE TEMP TABLE cc_demo_plan AS SELECT d.k, d.user_id, d.track_idx, d.kind, d.maxlvl, d.staff, "
        "CASE d.kind WHEN 8 THEN %1 WHEN 9 THEN %1 - 1 ELSE d.lvl END AS plvl, "
        "CASE d.kind WHEN 8 THEN %1 - 1 WHEN 9 THEN %1 ELSE d.lvl END AS clvl, "
        "%2 AS llvl, CASE d.kind WHEN 10 THEN d.lvl - 1 ELSE %2 END AS lmax, "
        "CASE WHEN d.kind = 2 THEN 'QA_UNKNOWN' ELSE %3 END AS p_spell, "
        "CASE WHEN d.kind = 2 THEN 'QA_UNKNOWN' WHEN d.staff = 1 THEN 'LFA_COACH' ELSE %4 END AS l_spell "
        "FROM cc_demo_keys d")
                             .arg(raised, license, spelling(QStringLiteral("d.p_alt")),
                                 spelling(QStringLiteral(
                                     "CASE WHEN d.kind = 7 THEN 1 - d.p_alt ELSE d.p_alt END")));
    return db.runDirect(plan);
}

Result<void> insertUsers(Database& db)
{
    const QString users = QStringLiteral(
        "INSERT INTO users (id, name, email, password_hash, role, is_active) WITH %1 "
        "SELECT n.k, CASE WHEN n.k = 1 THEN 'Demo Admin' WHEN n.k = 2 THEN 'Demo Instructor' WHEN %2 = 1 "
        "THEN 'Demo Instructor ' || n.k "
        "ELSE 'Demo Student ' || n.k END, "
        "CASE WHEN n.k = 1 THEN 'admin@demo.local' WHEN n.k = 2 THEN 'instructor@demo.local' "
        "WHEN %2 = 1 THEN 'instructor' || n.k || '@demo.local' ELSE 'student' || n.k || '@demo.local' END, "
        "?, CASE WHEN n.k = 1 THEN 'admin' WHEN n.k = 2 OR %2 = 1 THEN 'instructor' ELSE 'student' END, TRUE "
        "FROM nums n, cc_demo_params p")
                              .arg(numbers(db, QStringLiteral("SELECT n FROM cc_demo_params")),
                                  staffUser(QStringLiteral("n.k")));
    CC_TRY(db.run(users, { DemoGenerator::demoPasswordHash() }));
    CC_TRY(db.run(QStringLiteral("INSERT INTO specializations (id, is_active, created_at) VALUES "
                                 "('QA_UNKNOWN', ?, '2025-01-01 00:00:00')"),
        { true }));
    return {};
}

Result<void> insertRows(Database& db)
{
    const QString created = timestamp(db, h(QStringLiteral("d.k"), 9) + QStringLiteral(" % 525600"));
    const QString active = timestamp(db,
        h(QStringLiteral("d.k"), 9) + QStringLiteral(" % 525600 + ") + h(QStringLiteral("d.k"), 10)
            + QStringLiteral(" % 100000"));
    const QString progress = QStringLiteral(
        "INSERT INTO specialization_progress (id, student_id, specialization_id, current_level, total_xp, "
        "completed_sessions, "
        "completed_projects, theory_hours_completed, practice_hours_completed, last_activity, created_at, "
        "updated_at) "
        "SELECT ROW_NUMBER() OVER (ORDER BY d.k, r.r), d.user_id, CASE WHEN r.r = 1 THEN %1 ELSE d.p_spell "
        "END, d.plvl, "
        "c.xp + %2 %% c.gap, c.ses, %3 %% 5, CASE WHEN d.track_idx = 1 THEN c.th ELSE %4 %% 50 END, "
        "CASE WHEN d.track_idx = 1 THEN c.ph ELSE %5 %% 80 END, %6, %7, %6 "
        "FROM cc_demo_plan d JOIN cc_demo_cat c ON c.track_idx = d.track_idx AND c.level = d.clvl "
        "JOIN (SELECT 0 AS r UNION ALL SELECT 1) r ON r.r = 0 OR d.kind = 0 "
        "CROSS JOIN cc_demo_params p WHERE d.kind <> 4 AND d.staff = 0")
                                 .arg(otherSpelling(QStringLiteral("d.p_spell")), h(QStringLiteral("d.k"), 7),
                                     h(QStringLiteral("d.k"), 8), h(QStringLiteral("d.k"), 11),
                                     h(QStringLiteral("d.k"), 12), active, created)
                                 .replace(QStringLiteral("%%"), QStringLiteral("%"));
    CC_TRY(db.runDirect(progress));

    const QString licenses
        = QStringLiteral(
            "INSERT INTO user_licenses (id, user_id, specialization_type, current_level, max_achieved_level, "
            "started_at, "
            "last_advanced_at, instructor_notes, payment_verified, onboarding_completed, is_active, "
            "renewal_cost, credit_balance, "
            "credit_purchased, created_at, updated_at) "
            "SELECT ROW_NUMBER() OVER (ORDER BY d.k, r.r), d.user_id, CASE WHEN r.r = 1 THEN %1 ELSE "
            "d.l_spell END, d.llvl, d.lmax, "
            "%2, %3, NULL, %4 %% 4 <> 0, %4 %% 3 <> 0, TRUE, 1000, 0, 0, %2, %3 "
            "FROM cc_demo_plan d JOIN (SELECT 0 AS r UNION ALL SELECT 1) r ON r.r = 0 OR d.kind = 1 "
            "CROSS JOIN cc_demo_params p WHERE d.kind <> 3")
              .arg(otherSpelling(QStringLiteral("d.l_spell")), created, active, h(QStringLiteral("d.k"), 13))
              .replace(QStringLiteral("%%"), QStringLiteral("%"));
    return db.runDirect(licenses);
}

// PostgreSQL's serial sequences continue after the ids the demo chose.
Result<void> advanceSequences(Database& db)
{
    for (const char* name : { "users", "specialization_progress", "user_licenses" })
        CC_TRY(db.dialect().continueSerialIds(db, QLatin1String(name)));
    return {};
}

Result<DemoManifest> readManifest(Database& db, const DemoOptions& options)
{
    DemoManifest manifest;
    manifest.users = options.users;
    auto counts
        = db.exec(QStringLiteral("SELECT staff, kind, count(*) FROM cc_demo_keys GROUP BY staff, kind"));
    if (!counts)
        return counts.error();
    while (counts->next()) {
        const int kind = counts->value(1).toInt();
        const qint64 count = counts->value(2).toLongLong();
        if (counts->value(0).toInt() == 1) {
            manifest.staffCredentials += count;
            continue;
        }
        manifest.keys += count;
        if (kind >= 0 && kind < DemoManifest::plantedKinds) {
            manifest.planted[kind] = count; // the rotation's codes are the manifest's indexes
            manifest.desynced += count;
        }
    }
    counts->finish();
    return manifest;
}

} // namespace

QString DemoManifest::kindAt(int index)
{
    return index < violationKindCount ? kindName(ViolationKind(index))
                                      : warningName(WarningKind(index - violationKindCount));
}

QString DemoGenerator::demoPasswordHash()
{
    // bcrypt of "demo", computed once; every demo user shares it.
    return QStringLiteral("$2b$12$.n22nTX5XRQnorhQzaQ0luiHukJSNXs5wmfVpMAUlUTWSbn4tzWWa");
}

Result<void> DemoGenerator::validate(const DemoOptions& options)
{
    if (options.users < 1 || options.users > 10000000)
        return refused(QStringLiteral("--users must be from 1 to 10000000"));
    if (options.seed < 0 || options.seed > 1000000000)
        return refused(QStringLiteral("--seed must be from 0 to 1000000000"));
    if (!(options.desyncRate >= 0.0 && options.desyncRate <= 1.0))
        return refused(QStringLiteral("--desync-rate must be from 0 to 1"));
    return {};
}

Result<DemoManifest> DemoGenerator::generate(
    Database& db, const LevelCatalogue& catalogue, const DemoOptions& options)
{
    CC_TRY(validate(options));
    CC_TRY(createParameters(db, catalogue, options));
    CC_TRY(createKeys(db));
    CC_TRY(createPlan(db));
    CC_TRY(insertUsers(db));
    CC_TRY(insertRows(db));
    CC_TRY(advanceSequences(db));
    auto manifest = readManifest(db, options);
    if (!manifest)
        return manifest.error();
    for (const char* name : temporaryTables)
        CC_TRY(db.runDirect(QStringLiteral("DROP TABLE ") + QLatin1String(name)));
    return *manifest;
}

} // namespace cc
