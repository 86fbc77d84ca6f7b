// The platform's six backend workflows (the platform's own report of them, docs/PLATFORM.md §3) through the
// real binary, with the seed's numbers, asserting what the user reads and what both tables hold.

#include "CliTestSupport.h"

using namespace cc::test;
using namespace cc::test::cli;

namespace {

QStringList badges(const QJsonObject& json)
{
    QStringList list;
    for (const QJsonValue& value : json.value(QStringLiteral("achievements_earned")).toArray())
        list << value.toString();
    list.sort();
    return list;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class TestCliSeedWorkflows final : public QObject {
    Q_OBJECT

private:
    static int progressLevel(TestDatabase& db, qint64 user)
    {
        return db
            .scalar(QStringLiteral("SELECT current_level FROM specialization_progress WHERE student_id = ?"),
                QVariantList { user })
            .toInt();
    }
    static int licenseLevel(TestDatabase& db, qint64 user)
    {
        return db
            .scalar(QStringLiteral("SELECT current_level FROM user_licenses WHERE user_id = ?"),
                QVariantList { user })
            .toInt();
    }
    static int maxAchieved(TestDatabase& db, qint64 user)
    {
        return db
            .scalar(QStringLiteral("SELECT max_achieved_level FROM user_licenses WHERE user_id = ?"),
                QVariantList { user })
            .toInt();
    }
    static int rows(TestDatabase& db, const char* table, const char* column, qint64 user)
    {
        return db
            .scalar(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 = ?")
                        .arg(QLatin1String(table), QLatin1String(column)),
                QVariantList { user })
            .toInt();
    }

private slots:
    // TEST 1–3: a PLAYER at level 1; +25000 XP +12 sessions → level 2 with the license following;
    // then three times +100000 XP +20 sessions → level 8 at 325000 XP and 72 sessions.
    void levelUpsWithLicenseFollowing_data()
    {
        QTest::addColumn<bool>("plantedRows");
        QTest::newRow("user created with level-1 progress and license") << true;
        QTest::newRow("user without rows: update-progress creates them") << false;
    }

    void levelUpsWithLicenseFollowing()
    {
        QFETCH(bool, plantedRows);
        TestDatabase db;
        CLI_INIT(db);
        const qint64 user = addUser(db, QStringLiteral("test_workflow_1761413063@example.com"));
        QVERIFY(user > 0);
        if (plantedRows) {
            QVERIFY(addProgress(db, user, QStringLiteral("PLAYER"), 1));
            QVERIFY(addLicense(db, user, QStringLiteral("PLAYER"), 1));
            CLI_EXPECT(runOn(db, QStringLiteral("check")), 0);
        }

        const QStringList key { QStringLiteral("--user"), QString::number(user), QStringLiteral("--spec"),
            QStringLiteral("PLAYER"), QStringLiteral("--json") };
        const CliRun first = runOn(
            db, QStringLiteral("update-progress"), key + words({ "--xp", "25000", "--sessions", "12" }));
        CLI_EXPECT(first, 0);
        QJsonObject json = jsonObject(first);
        QCOMPARE(json.value(QStringLiteral("old_level")).toInt(-1), 1);
        QCOMPARE(json.value(QStringLiteral("new_level")).toInt(-1), 2);
        QCOMPARE(json.value(QStringLiteral("levels_gained")).toInt(-1), 1);
        QCOMPARE(json.value(QStringLiteral("total_xp")).toInteger(-1), 25000);
        QCOMPARE(json.value(QStringLiteral("completed_sessions")).toInteger(-1), 12);
        QCOMPARE(json.value(QStringLiteral("license_level")).toInt(-1), 2);
        QCOMPARE(
            badges(json), sorted({ QStringLiteral("first_level_up"), QStringLiteral("player_dedication") }));
        QVERIFY(!json.value(QStringLiteral("audit_ids")).toArray().isEmpty());
        QCOMPARE(progressLevel(db, user), 2);
        QCOMPARE(licenseLevel(db, user), 2);
        QCOMPARE(maxAchieved(db, user), 2);

        struct Step {
            int level;
            qint64 xp;
            qint64 sessions;
            QStringList earned;
        };
        const QList<Step> steps {
            { 5, 125000, 32,
                sorted({ QStringLiteral("skill_milestone"), QStringLiteral("advanced_skill") }) },
            { 7, 225000, 52, {} }, { 8, 325000, 72, { QStringLiteral("master_level") } }
        };
        int previous = 2;
        for (const Step& step : steps) {
            const CliRun run = runOn(
                db, QStringLiteral("update-progress"), key + words({ "--xp", "100000", "--sessions", "20" }));
            CLI_EXPECT(run, 0);
            json = jsonObject(run);
            QCOMPARE(json.value(QStringLiteral("old_level")).toInt(-1), previous);
            QCOMPARE(json.value(QStringLiteral("new_level")).toInt(-1), step.level);
            QCOMPARE(json.value(QStringLiteral("levels_gained")).toInt(-1), step.level - previous);
            QCOMPARE(json.value(QStringLiteral("total_xp")).toInteger(-1), step.xp);
            QCOMPARE(json.value(QStringLiteral("completed_sessions")).toInteger(-1), step.sessions);
            QCOMPARE(json.value(QStringLiteral("license_level")).toInt(-1), step.level);
            QCOMPARE(badges(json), step.earned);
            previous = step.level;
        }
        QCOMPARE(progressLevel(db, user), 8);
        QCOMPARE(licenseLevel(db, user), 8);
        QCOMPARE(maxAchieved(db, user), 8);
        QCOMPARE(
            db.scalar(QStringLiteral("SELECT total_xp FROM specialization_progress WHERE student_id = ?"),
                  QVariantList { user })
                .toLongLong(),
            325000);
        QCOMPARE(db.scalar(QStringLiteral(
                               "SELECT completed_sessions FROM specialization_progress WHERE student_id = ?"),
                       QVariantList { user })
                     .toLongLong(),
            72);
        QCOMPARE(rows(db, "specialization_progress", "student_id", user), 1);
        QCOMPARE(rows(db, "user_licenses", "user_id", user), 1);
        QCOMPARE(rows(db, "user_achievements", "user_id", user), 5);
        // Every level change of an existing license writes a progression row (the created one none),
        // by the system (advanced_by NULL).
        const int changes = plantedRows ? 4 : 3;
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM license_progressions")).toInt(), changes);
        QCOMPARE(
            db.scalar(QStringLiteral("SELECT COUNT(*) FROM license_progressions WHERE advanced_by IS NULL"))
                .toInt(),
            changes);
        QCOMPARE(db.scalar(QStringLiteral("SELECT MAX(to_level) FROM license_progressions")).toInt(), 8);

        const CliRun check = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(check, 0);
        QCOMPARE(jsonObject(check).value(QStringLiteral("consistency_rate")).toDouble(), 100.0);
        const QJsonObject warnings = jsonObject(check).value(QStringLiteral("warnings")).toObject();
        for (const QString& name : warnings.keys())
            QCOMPARE(warnings.value(name).toInt(-1), 0);
    }

    // TEST 4: a desync injected, found by the check, repaired by sync toward the higher level.
    void injectedDesyncFoundAndSynced()
    {
        TestDatabase db;
        CLI_INIT(db);
        const qint64 user = addUser(db, QStringLiteral("w4@example.com"));
        QVERIFY(addProgress(db, user, QStringLiteral("PLAYER"), 8, { 325000, 72, 0, 0 }));
        QVERIFY(addLicense(db, user, QStringLiteral("PLAYER"), 8));
        CLI_EXPECT(runOn(db, QStringLiteral("check")), 0);

        const QStringList key { QStringLiteral("--user"), QString::number(user), QStringLiteral("--spec"),
            QStringLiteral("PLAYER") };
        const CliRun inject = runOn(db, QStringLiteral("inject"),
            QStringList { QStringLiteral("--kind"), QStringLiteral("level_mismatch") } + key
                + QStringList { QStringLiteral("--json") });
        CLI_EXPECT(inject, 0);
        QVERIFY2(!jsonObject(inject).value(QStringLiteral("audit_ids")).toArray().isEmpty(),
            inject.out.constData());
        const int progress = progressLevel(db, user);
        const int license = licenseLevel(db, user);
        QVERIFY2(progress != license, "inject level_mismatch must make the two levels differ");
        QCOMPARE(
            db.scalar(QStringLiteral("SELECT total_xp FROM specialization_progress WHERE student_id = ?"),
                  QVariantList { user })
                .toLongLong(),
            325000);

        const CliRun found = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(found, 2);
        const QJsonArray violations = jsonObject(found).value(QStringLiteral("violations")).toArray();
        QCOMPARE(violations.size(), 1);
        const QJsonObject violation = violations.first().toObject();
        QCOMPARE(violation.value(QStringLiteral("user_id")).toInteger(), user);
        QCOMPARE(
            violation.value(QStringLiteral("specialization")).toString(), QStringLiteral("GANCUJU_PLAYER"));
        QCOMPARE(violation.value(QStringLiteral("kind")).toString(), QStringLiteral("level_mismatch"));
        QCOMPARE(violation.value(QStringLiteral("progress_level")).toInt(), progress);
        QCOMPARE(violation.value(QStringLiteral("license_level")).toInt(), license);

        // The dry run changes nothing; --apply syncs toward the higher level.
        const QString before = db.snapshot(guardedTables());
        const CliRun dry = runOn(db, QStringLiteral("sync"), key + words({ "--direction", "toward-higher" }));
        CLI_EXPECT(dry, 0);
        QCOMPARE(db.snapshot(guardedTables()), before);
        const CliRun sync = runOn(
            db, QStringLiteral("sync"), key + words({ "--direction", "toward-higher", "--apply", "--json" }));
        CLI_EXPECT(sync, 0);
        QVERIFY2(
            !jsonObject(sync).value(QStringLiteral("audit_ids")).toArray().isEmpty(), sync.out.constData());
        QCOMPARE(progressLevel(db, user), qMax(progress, license));
        QCOMPARE(licenseLevel(db, user), qMax(progress, license));

        const CliRun healthy = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(healthy, 0);
        QCOMPARE(jsonObject(healthy).value(QStringLiteral("consistent")).toInt(), 1);
        QCOMPARE(jsonObject(healthy).value(QStringLiteral("resolved_since_previous")).toInt(-1), 1);
    }

    // TEST 5: 37 keys, 3 consistent: 8.11 %, critical, exit 2; 34 inconsistencies.
    void healthMonitoringSeedNumbers()
    {
        TestDatabase db;
        CLI_INIT(db);
        QVERIFY(addKeys(db, QStringLiteral("seed"), 37, 3));
        const CliRun run = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(run, 2);
        const QJsonObject json = jsonObject(run);
        QCOMPARE(json.value(QStringLiteral("total_pairs")).toInt(), 37);
        QCOMPARE(json.value(QStringLiteral("consistent")).toInt(), 3);
        QCOMPARE(json.value(QStringLiteral("inconsistent")).toInt(), 34);
        QCOMPARE(json.value(QStringLiteral("consistency_rate")).toDouble(), 8.11);
        QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("critical"));
        QCOMPARE(json.value(QStringLiteral("violations")).toArray().size(), 34);
        const CliRun text = runOn(db, QStringLiteral("check"));
        CLI_EXPECT(text, 2);
        QVERIFY2(text.out.contains("8.11"), text.out.constData());
    }

    // A planted COACH 5-vs-3 desync (legacy id on progress, canonical on the license), then
    // TEST 6: the coupling enforcer's set-level leaves both rows at 8.
    void coachDesyncThenSetLevel()
    {
        TestDatabase db;
        CLI_INIT(db);
        const qint64 user = addUser(db, QStringLiteral("coach@example.com"));
        QVERIFY(addProgress(db, user, QStringLiteral("COACH"), 5, { 130000, 25, 200, 300 }));
        QVERIFY(addLicense(db, user, QStringLiteral("LFA_COACH"), 3));

        const CliRun found = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(found, 2);
        const QJsonObject json = jsonObject(found);
        QCOMPARE(
            json.value(QStringLiteral("by_kind")).toObject().value(QStringLiteral("level_mismatch")).toInt(),
            1);
        QCOMPARE(json.value(QStringLiteral("total_pairs")).toInt(), 1);
        const QJsonObject violation = json.value(QStringLiteral("violations")).toArray().first().toObject();
        QCOMPARE(violation.value(QStringLiteral("specialization")).toString(), QStringLiteral("LFA_COACH"));
        QCOMPARE(violation.value(QStringLiteral("kind")).toString(), QStringLiteral("level_mismatch"));
        QCOMPARE(violation.value(QStringLiteral("progress_level")).toInt(), 5);
        QCOMPARE(violation.value(QStringLiteral("license_level")).toInt(), 3);
        QCOMPARE(violation.value(QStringLiteral("recommended_action")).toString(),
            QStringLiteral("sync_progress_to_license"));

        const CliRun set = runOn(db, QStringLiteral("set-level"),
            { QStringLiteral("--user"), QStringLiteral("coach@example.com"), QStringLiteral("--spec"),
                QStringLiteral("COACH"), QStringLiteral("--level"), QStringLiteral("8"),
                QStringLiteral("--reason"), QStringLiteral("Coupling enforcer atomic update"),
                QStringLiteral("--json") });
        CLI_EXPECT(set, 0);
        QVERIFY2(
            !jsonObject(set).value(QStringLiteral("audit_ids")).toArray().isEmpty(), set.out.constData());
        QCOMPARE(progressLevel(db, user), 8);
        QCOMPARE(licenseLevel(db, user), 8);
        QCOMPARE(maxAchieved(db, user), 8);
        QCOMPARE(rows(db, "specialization_progress", "student_id", user), 1);
        QCOMPARE(rows(db, "user_licenses", "user_id", user), 1);
        // Spellings are kept; counters untouched; one progression row 3 → 8.
        QCOMPARE(db.scalar(QStringLiteral(
                               "SELECT specialization_id FROM specialization_progress WHERE student_id = ?"),
                       QVariantList { user })
                     .toString(),
            QStringLiteral("COACH"));
        QCOMPARE(db.scalar(QStringLiteral("SELECT specialization_type FROM user_licenses WHERE user_id = ?"),
                       QVariantList { user })
                     .toString(),
            QStringLiteral("LFA_COACH"));
        QCOMPARE(
            db.scalar(QStringLiteral("SELECT total_xp FROM specialization_progress WHERE student_id = ?"),
                  QVariantList { user })
                .toLongLong(),
            130000);
        QCOMPARE(
            db.scalar(QStringLiteral(
                          "SELECT COUNT(*) FROM license_progressions WHERE from_level = 3 AND to_level = 8"))
                .toInt(),
            1);

        const CliRun view = runOn(
            db, QStringLiteral("user"), { QStringLiteral("coach@example.com"), QStringLiteral("--json") });
        CLI_EXPECT(view, 0);
        const QJsonObject track
            = jsonObject(view).value(QStringLiteral("tracks")).toArray().first().toObject();
        QCOMPARE(track.value(QStringLiteral("specialization")).toString(), QStringLiteral("LFA_COACH"));
        QCOMPARE(
            track.value(QStringLiteral("progress")).toObject().value(QStringLiteral("current_level")).toInt(),
            8);
        QCOMPARE(
            track.value(QStringLiteral("license")).toObject().value(QStringLiteral("current_level")).toInt(),
            8);

        // The levels agree at 8 (the seed's "consistency validated"); the key's two spellings are a
        // defect of their own since the 2026-12 revision (C3 spelling_mismatch), which set-level
        // does not touch.
        const CliRun check = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(check, 2);
        const QJsonObject after = jsonObject(check);
        QCOMPARE(after.value(QStringLiteral("by_kind"))
                     .toObject()
                     .value(QStringLiteral("level_mismatch"))
                     .toInt(-1),
            0);
        QCOMPARE(after.value(QStringLiteral("by_kind"))
                     .toObject()
                     .value(QStringLiteral("spelling_mismatch"))
                     .toInt(-1),
            1);
        const QJsonArray remaining = after.value(QStringLiteral("violations")).toArray();
        QCOMPARE(remaining.size(), 1);
        QCOMPARE(remaining.first().toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("spelling_mismatch"));
        QCOMPARE(remaining.first().toObject().value(QStringLiteral("progress_level")).toInt(), 8);
        QCOMPARE(remaining.first().toObject().value(QStringLiteral("license_level")).toInt(), 8);
        QCOMPARE(remaining.first().toObject().value(QStringLiteral("recommended_action")).toString(),
            QStringLiteral("unify_spelling"));
    }

    // TEST 6 on a key stored under one spelling: after set-level the check finds it consistent.
    void setLevelLeavesOneSpellingConsistent()
    {
        TestDatabase db;
        CLI_INIT(db);
        const qint64 user = addUser(db, QStringLiteral("coach1@example.com"));
        QVERIFY(addProgress(db, user, QStringLiteral("COACH"), 5, { 130000, 25, 200, 300 }));
        QVERIFY(addLicense(db, user, QStringLiteral("COACH"), 3));
        const CliRun set = runOn(db, QStringLiteral("set-level"),
            { QStringLiteral("--user"), QString::number(user), QStringLiteral("--spec"),
                QStringLiteral("LFA_COACH"), QStringLiteral("--level"), QStringLiteral("8"),
                QStringLiteral("--reason"), QStringLiteral("Coupling enforcer atomic update") });
        CLI_EXPECT(set, 0);
        const CliRun check = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(check, 0);
        QCOMPARE(jsonObject(check).value(QStringLiteral("consistent")).toInt(), 1);
        QCOMPARE(jsonObject(check).value(QStringLiteral("consistency_rate")).toDouble(), 100.0);
    }
};

QTEST_GUILESS_MAIN(TestCliSeedWorkflows)
#include "tst_cli_seed_workflows.moc"
