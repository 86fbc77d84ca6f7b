// `check --json` as docs/BEHAVIOUR.md C8 lists it: fields, types, by_kind / warnings / by_track, the
// violations list in key order with its levels and actions, --limit, --print-sql, stored and
// unstored runs, and the stored views of a run (violations --json/--warnings/--kind).

#include "CliTestSupport.h"

#include <QRegularExpression>

using namespace cc::test;
using namespace cc::test::cli;

namespace {

const QStringList kindNames { QStringLiteral("duplicate_progress"), QStringLiteral("duplicate_license"),
    QStringLiteral("unknown_specialization"), QStringLiteral("missing_license"),
    QStringLiteral("missing_progress"), QStringLiteral("level_out_of_range"),
    QStringLiteral("level_mismatch"), QStringLiteral("spelling_mismatch") };
const QStringList warningNames { QStringLiteral("unjustified_level"), QStringLiteral("pending_level_up"),
    QStringLiteral("max_below_current") };

QVariant nullLevel()
{
    return QVariant(QMetaType::fromType<int>());
}

// One expected violation line: user email, track, kind, levels (-1 = null), action.
struct Expected {
    const char* email;
    const char* track;
    const char* kind;
    int progress;
    int license;
    const char* action;
};

} // namespace

class TestCliCheckJson final : public QObject {
    Q_OBJECT

private:
    // Eleven users covering every kind, every warning and both mismatch directions (see plantAll),
    // and three staff credentials, which are not pairs (C2).
    static bool plantAll(TestDatabase& db)
    {
        const Counters level2 { 25000, 12, 0, 0 };
        bool ok = db.exec(
            QStringLiteral("INSERT INTO specializations (id, is_active) VALUES ('QA_MYSTERY', true)"));
        const qint64 u1 = addUser(db, QStringLiteral("u01@x.test"));
        ok = ok && addProgress(db, u1, QStringLiteral("PLAYER"), 2)
            && addProgress(db, u1, QStringLiteral("GANCUJU_PLAYER"), 3)
            && addLicense(db, u1, QStringLiteral("GANCUJU_PLAYER"), 3);
        const qint64 u2 = addUser(db, QStringLiteral("u02@x.test"));
        ok = ok && addProgress(db, u2, QStringLiteral("LFA_COACH"), 2)
            && addLicense(db, u2, QStringLiteral("COACH"), 2)
            && addLicense(db, u2, QStringLiteral("LFA_COACH"), 4);
        const qint64 u3 = addUser(db, QStringLiteral("u03@x.test"));
        ok = ok && addProgress(db, u3, QStringLiteral("QA_MYSTERY"), 1)
            && addLicense(db, u3, QStringLiteral("QA_MYSTERY"), 1);
        const qint64 u4 = addUser(db, QStringLiteral("u04@x.test"));
        ok = ok && addProgress(db, u4, QStringLiteral("INTERNSHIP"), 1);
        const qint64 u5 = addUser(db, QStringLiteral("u05@x.test"));
        ok = ok && addLicense(db, u5, QStringLiteral("LFA_FOOTBALL_PLAYER"), 3);
        const qint64 u6 = addUser(db, QStringLiteral("u06@x.test"));
        ok = ok && addProgress(db, u6, QStringLiteral("INTERNSHIP"), 4)
            && addLicense(db, u6, QStringLiteral("INTERNSHIP"), 4);
        const qint64 u7 = addUser(db, QStringLiteral("u07@x.test"));
        ok = ok && addProgress(db, u7, QStringLiteral("COACH"), 5)
            && addLicense(db, u7, QStringLiteral("LFA_COACH"), 3)
            && addLicense(db, u7, QStringLiteral("GANCUJU_PLAYER"), 1);
        const qint64 u8 = addUser(db, QStringLiteral("u08@x.test"));
        ok = ok && addProgress(db, u8, QStringLiteral("PLAYER"), 2, level2)
            && addLicense(db, u8, QStringLiteral("PLAYER"), 4);
        const qint64 u9 = addUser(db, QStringLiteral("u09@x.test"));
        ok = ok && addProgress(db, u9, QStringLiteral("GANCUJU_PLAYER"), 1, level2)
            && addLicense(db, u9, QStringLiteral("GANCUJU_PLAYER"), 1);
        const qint64 u10 = addUser(db, QStringLiteral("u10@x.test"));
        ok = ok && addProgress(db, u10, QStringLiteral("PLAYER"), 2, level2)
            && addLicense(db, u10, QStringLiteral("GANCUJU_PLAYER"), 2, 1);
        const qint64 u11 = addUser(db, QStringLiteral("u11@x.test"));
        ok = ok && addProgress(db, u11, QStringLiteral("LFA_FOOTBALL_PLAYER"), nullLevel())
            && addLicense(db, u11, QStringLiteral("LFA_FOOTBALL_PLAYER"), 2);
        // Staff credentials: licenses without progress of users who are not students.
        const qint64 s1 = addUser(db, QStringLiteral("s1@x.test"), QStringLiteral("instructor"));
        ok = ok && addLicense(db, s1, QStringLiteral("LFA_COACH"), 8)
            && addLicense(db, s1, QStringLiteral("COACH"), 6);
        const qint64 s2 = addUser(db, QStringLiteral("s2@x.test"), QStringLiteral("ADMIN"));
        ok = ok && addLicense(db, s2, QStringLiteral("COACH"), 4);
        const qint64 s3 = addUser(db, QStringLiteral("s3@x.test"), QStringLiteral("Sport_Director"));
        ok = ok && addLicense(db, s3, QStringLiteral("GANCUJU_PLAYER"), 9);
        return ok;
    }

    static QList<Expected> expectedViolations()
    {
        return {
            // The level of the progress row a merge keeps (C3, C6 step 1): both rows hold 0 XP and 0
            // sessions, so the lowest id, at level 2 (not the highest level, 3).
            { "u01@x.test", "GANCUJU_PLAYER", "duplicate_progress", 2, 3, "merge_duplicates" },
            { "u02@x.test", "LFA_COACH", "duplicate_license", 2, 4, "merge_duplicates" },
            { "u03@x.test", "QA_MYSTERY", "unknown_specialization", 1, 1, "manual_review" },
            { "u04@x.test", "INTERNSHIP", "missing_license", 1, -1, "create_license_from_progress" },
            { "u05@x.test", "LFA_FOOTBALL_PLAYER", "missing_progress", -1, 3,
                "create_progress_from_license" },
            { "u06@x.test", "INTERNSHIP", "level_out_of_range", 4, 4, "clamp_level" },
            { "u07@x.test", "GANCUJU_PLAYER", "missing_progress", -1, 1, "create_progress_from_license" },
            { "u07@x.test", "LFA_COACH", "level_mismatch", 5, 3, "sync_progress_to_license" },
            { "u08@x.test", "GANCUJU_PLAYER", "level_mismatch", 2, 4, "sync_license_to_progress" },
            { "u10@x.test", "GANCUJU_PLAYER", "spelling_mismatch", 2, 2, "unify_spelling" },
            { "u11@x.test", "LFA_FOOTBALL_PLAYER", "level_out_of_range", -1, 2, "clamp_level" },
        };
    }

    static qint64 userId(TestDatabase& db, const char* email)
    {
        return db
            .scalar(QStringLiteral("SELECT id FROM users WHERE email = ?"),
                QVariantList { QString::fromLatin1(email) })
            .toLongLong();
    }

    static qint64 storedRuns(TestDatabase& db)
    {
        return db.scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(toolTable("runs"))).toLongLong();
    }

private slots:
    void fieldsAndTypes()
    {
        TestDatabase db;
        CLI_INIT(db);
        QVERIFY(plantAll(db));
        const CliRun run = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(run, 2);
        bool ok = false;
        const QJsonObject json = parseJson(run.out, &ok).object();
        QVERIFY2(ok, run.out.constData());

        const QStringList fields { QStringLiteral("json_version"), QStringLiteral("run_id"),
            QStringLiteral("status"), QStringLiteral("consistency_rate"), QStringLiteral("total_pairs"),
            QStringLiteral("consistent"), QStringLiteral("inconsistent"), QStringLiteral("by_kind"),
            QStringLiteral("warnings"), QStringLiteral("by_track"), QStringLiteral("thresholds"),
            QStringLiteral("database"), QStringLiteral("started_at"), QStringLiteral("duration_ms"),
            QStringLiteral("new_since_previous"), QStringLiteral("resolved_since_previous"),
            QStringLiteral("violations") };
        for (const QString& field : fields)
            QVERIFY2(json.contains(field), qPrintable(field));
        QCOMPARE(json.value(QStringLiteral("json_version")).toInt(-1), 2);
        QVERIFY(json.value(QStringLiteral("run_id")).isDouble());
        QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("critical"));
        // 1 of 12 consistent: floor((20000 + 12) / 24) / 100 = 8.33. The staff credentials are no pairs.
        QCOMPARE(json.value(QStringLiteral("consistency_rate")).toDouble(), 8.33);
        QCOMPARE(json.value(QStringLiteral("total_pairs")).toInteger(), 12);
        QCOMPARE(json.value(QStringLiteral("consistent")).toInteger(), 1);
        QCOMPARE(json.value(QStringLiteral("inconsistent")).toInteger(), 11);
        QVERIFY(json.value(QStringLiteral("staff_credentials")).isDouble());
        QCOMPARE(json.value(QStringLiteral("staff_credentials")).toInteger(-1), 3);

        const QJsonObject byKind = json.value(QStringLiteral("by_kind")).toObject();
        QCOMPARE(QStringList(byKind.keys()).size(), 8);
        const QList<int> kindCounts { 1, 1, 1, 1, 2, 2, 2, 1 };
        for (qsizetype i = 0; i < kindNames.size(); ++i) {
            QVERIFY2(byKind.value(kindNames[i]).isDouble(), qPrintable(kindNames[i]));
            QCOMPARE(byKind.value(kindNames[i]).toInt(), kindCounts[i]);
        }
        const QJsonObject warnings = json.value(QStringLiteral("warnings")).toObject();
        QCOMPARE(warnings.keys().size(), 3);
        QCOMPARE(warnings.value(QStringLiteral("unjustified_level")).toInt(-1), 2);
        QCOMPARE(warnings.value(QStringLiteral("pending_level_up")).toInt(-1), 1);
        QCOMPARE(warnings.value(QStringLiteral("max_below_current")).toInt(-1), 1);

        const QJsonObject byTrack = json.value(QStringLiteral("by_track")).toObject();
        const QMap<QString, QList<int>> tracks { { QStringLiteral("GANCUJU_PLAYER"), { 5, 1, 4 } },
            { QStringLiteral("LFA_COACH"), { 2, 0, 2 } }, { QStringLiteral("QA_MYSTERY"), { 1, 0, 1 } },
            { QStringLiteral("INTERNSHIP"), { 2, 0, 2 } },
            { QStringLiteral("LFA_FOOTBALL_PLAYER"), { 2, 0, 2 } } };
        QCOMPARE(QStringList(byTrack.keys()), QStringList(tracks.keys()));
        for (auto it = tracks.cbegin(); it != tracks.cend(); ++it) {
            const QJsonObject track = byTrack.value(it.key()).toObject();
            QCOMPARE(track.value(QStringLiteral("total_pairs")).toInt(-1), it.value()[0]);
            QCOMPARE(track.value(QStringLiteral("consistent")).toInt(-1), it.value()[1]);
            QCOMPARE(track.value(QStringLiteral("inconsistent")).toInt(-1), it.value()[2]);
        }
        const QJsonObject thresholds = json.value(QStringLiteral("thresholds")).toObject();
        QCOMPARE(thresholds.value(QStringLiteral("healthy")).toDouble(), 99.0);
        QCOMPARE(thresholds.value(QStringLiteral("degraded")).toDouble(), 95.0);
        const QString database = QString::fromUtf8(
            QJsonDocument(QJsonArray { json.value(QStringLiteral("database")) }).toJson());
        const QString name = TestDatabase::isPostgres() ? db.profile().database : QStringLiteral("test.db");
        QVERIFY2(database.contains(name), qPrintable(database));
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$"))
                     .match(json.value(QStringLiteral("started_at")).toString())
                     .hasMatch(),
            qPrintable(json.value(QStringLiteral("started_at")).toString()));
        QVERIFY(json.value(QStringLiteral("duration_ms")).isDouble());
        QVERIFY(json.value(QStringLiteral("duration_ms")).toDouble() >= 0);
        QVERIFY(json.value(QStringLiteral("new_since_previous")).isNull());
        QVERIFY(json.value(QStringLiteral("resolved_since_previous")).isNull());
        QVERIFY(!run.out.contains("password"));
        QVERIFY(!run.out.contains("$2b$"));

        const QJsonArray violations = json.value(QStringLiteral("violations")).toArray();
        const QList<Expected> expected = expectedViolations();
        QCOMPARE(violations.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const QJsonObject v = violations[i].toObject();
            const Expected& e = expected[i];
            const QString where
                = QStringLiteral("violation %1: %2")
                      .arg(i)
                      .arg(QString::fromUtf8(QJsonDocument(v).toJson(QJsonDocument::Compact)));
            QVERIFY2(v.value(QStringLiteral("user_id")).isDouble(), qPrintable(where));
            QVERIFY2(
                v.value(QStringLiteral("user_id")).toInteger() == userId(db, e.email), qPrintable(where));
            QVERIFY2(v.value(QStringLiteral("specialization")).toString() == QLatin1String(e.track),
                qPrintable(where));
            QVERIFY2(v.value(QStringLiteral("kind")).toString() == QLatin1String(e.kind), qPrintable(where));
            const QJsonValue progress = v.value(QStringLiteral("progress_level"));
            const QJsonValue license = v.value(QStringLiteral("license_level"));
            QVERIFY2(
                e.progress < 0 ? progress.isNull() : (progress.isDouble() && progress.toInt() == e.progress),
                qPrintable(where));
            QVERIFY2(e.license < 0 ? license.isNull() : (license.isDouble() && license.toInt() == e.license),
                qPrintable(where));
            QVERIFY2(v.value(QStringLiteral("recommended_action")).toString() == QLatin1String(e.action),
                qPrintable(where));
            QVERIFY2(v.value(QStringLiteral("reason")).isString()
                    && !v.value(QStringLiteral("reason")).toString().isEmpty(),
                qPrintable(where));
        }

        // A second run compares with the first; a third sees one violation resolved.
        const CliRun second = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(second, 2);
        QCOMPARE(jsonObject(second).value(QStringLiteral("new_since_previous")).toInt(-1), 0);
        QCOMPARE(jsonObject(second).value(QStringLiteral("resolved_since_previous")).toInt(-1), 0);
        QVERIFY(jsonObject(second).value(QStringLiteral("run_id")).toInteger()
            > json.value(QStringLiteral("run_id")).toInteger());
        QVERIFY(addLicense(db, userId(db, "u04@x.test"), QStringLiteral("INTERNSHIP"), 1));
        // u07's license takes the progress level and its spelling (the level alone would leave a spelling
        // mismatch).
        QVERIFY(db.exec(
            QStringLiteral(
                "UPDATE user_licenses SET current_level = 5, specialization_type = 'COACH' WHERE user_id = ? "
                "AND specialization_type = 'LFA_COACH'"),
            QVariantList { userId(db, "u07@x.test") }));
        const CliRun third = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(third, 2);
        QCOMPARE(jsonObject(third).value(QStringLiteral("resolved_since_previous")).toInt(-1), 2);
        QCOMPARE(jsonObject(third).value(QStringLiteral("new_since_previous")).toInt(-1), 0);
        QCOMPARE(jsonObject(third).value(QStringLiteral("consistent")).toInt(-1), 3);
        // A staff credential's user starts learning: the key becomes a pair.
        QVERIFY(addProgress(db, userId(db, "s2@x.test"), QStringLiteral("COACH"), 4));
        const CliRun fourth = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(fourth, 2);
        QCOMPARE(jsonObject(fourth).value(QStringLiteral("staff_credentials")).toInt(-1), 2);
        QCOMPARE(jsonObject(fourth).value(QStringLiteral("total_pairs")).toInt(-1), 13);
    }

    void storedViolationViews()
    {
        TestDatabase db;
        CLI_INIT(db);
        QVERIFY(plantAll(db));
        const CliRun text = runOn(db, QStringLiteral("check"));
        CLI_EXPECT(text, 2);
        QVERIFY2(text.out.contains("spelling_mismatch 1"), text.out.constData());
        QVERIFY2(text.out.contains("staff credentials (not pairs): 3"), text.out.constData());

        const CliRun all = runOn(db, QStringLiteral("violations"), { QStringLiteral("--json") });
        CLI_EXPECT(all, 0);
        const QJsonArray list = jsonArray(all);
        QCOMPARE(list.size(), expectedViolations().size());
        for (qsizetype i = 0; i < list.size(); ++i)
            QCOMPARE(list[i].toObject().value(QStringLiteral("kind")).toString(),
                QLatin1String(expectedViolations()[i].kind));

        const CliRun mismatches = runOn(db, QStringLiteral("violations"),
            { QStringLiteral("--kind"), QStringLiteral("level_mismatch"), QStringLiteral("--json") });
        CLI_EXPECT(mismatches, 0);
        QCOMPARE(jsonArray(mismatches).size(), 2);
        const CliRun spellings = runOn(db, QStringLiteral("violations"),
            { QStringLiteral("--kind"), QStringLiteral("spelling_mismatch"), QStringLiteral("--json") });
        CLI_EXPECT(spellings, 0);
        QCOMPARE(jsonArray(spellings).size(), 1);
        QCOMPARE(jsonArray(spellings).at(0).toObject().value(QStringLiteral("user_id")).toInteger(),
            userId(db, "u10@x.test"));
        QCOMPARE(jsonArray(spellings).at(0).toObject().value(QStringLiteral("recommended_action")).toString(),
            QStringLiteral("unify_spelling"));

        const CliRun warnings = runOn(
            db, QStringLiteral("violations"), { QStringLiteral("--warnings"), QStringLiteral("--json") });
        CLI_EXPECT(warnings, 0);
        QMultiMap<QString, QString> actions;
        for (const QJsonValue& value : jsonArray(warnings))
            actions.insert(value.toObject().value(QStringLiteral("kind")).toString(),
                value.toObject().value(QStringLiteral("recommended_action")).toString());
        QCOMPARE(actions.size(), 4);
        QCOMPARE(actions.values(QStringLiteral("unjustified_level")),
            QStringList({ QStringLiteral("manual_review"), QStringLiteral("manual_review") }));
        QCOMPARE(actions.value(QStringLiteral("pending_level_up")), QStringLiteral("apply_level_up"));
        QCOMPARE(actions.value(QStringLiteral("max_below_current")), QStringLiteral("manual_review"));

        const CliRun pending = runOn(db, QStringLiteral("violations"),
            { QStringLiteral("--kind"), QStringLiteral("pending_level_up"), QStringLiteral("--json") });
        CLI_EXPECT(pending, 0);
        QCOMPARE(jsonArray(pending).size(), 1);
        QCOMPARE(jsonArray(pending).at(0).toObject().value(QStringLiteral("user_id")).toInteger(),
            userId(db, "u09@x.test"));

        const CliRun csv = runOn(db, QStringLiteral("violations"), { QStringLiteral("--csv") });
        CLI_EXPECT(csv, 0);
        const QList<QByteArray> lines = csv.out.trimmed().split('\n');
        QCOMPARE(lines.size(), expectedViolations().size() + 1);
        QVERIFY2(lines.first().startsWith("user_id,") && lines.first().contains("kind"),
            lines.first().constData());
        QVERIFY2(lines.at(1).startsWith(QByteArray(QByteArray::number(userId(db, "u01@x.test")) + ',')),
            lines.at(1).constData());

        const CliRun runs = runOn(db, QStringLiteral("runs"), { QStringLiteral("--csv") });
        CLI_EXPECT(runs, 0);
        const QList<QByteArray> runLines = runs.out.trimmed().split('\n');
        QCOMPARE(runLines.size(), 2);
        QVERIFY2(runLines.first().contains("status") && !runLines.first().contains("critical"),
            runLines.first().constData());
        QVERIFY2(runLines.at(1).contains("critical") && runLines.at(1).contains("8.33"),
            runLines.at(1).constData());
        for (const CliRun& output : { all, warnings, csv, runs }) {
            QVERIFY(!output.out.contains("password"));
            QVERIFY(!output.out.contains("$2b$"));
        }
    }

    void limitCapsTheListNotTheCounts_data()
    {
        QTest::addColumn<int>("limit");
        QTest::newRow("0") << 0;
        QTest::newRow("3") << 3;
        QTest::newRow("larger than the list") << 50;
    }

    void limitCapsTheListNotTheCounts()
    {
        QFETCH(int, limit);
        TestDatabase db;
        CLI_INIT(db);
        QVERIFY(plantAll(db));
        const CliRun run = runOn(db, QStringLiteral("check"),
            { QStringLiteral("--json"), QStringLiteral("--limit"), QString::number(limit) });
        CLI_EXPECT(run, 2);
        const QJsonObject json = jsonObject(run);
        const QJsonArray violations = json.value(QStringLiteral("violations")).toArray();
        QCOMPARE(violations.size(), qMin<qsizetype>(limit, expectedViolations().size()));
        for (qsizetype i = 0; i < violations.size(); ++i)
            QCOMPARE(violations[i].toObject().value(QStringLiteral("kind")).toString(),
                QLatin1String(expectedViolations()[i].kind));
        QCOMPARE(json.value(QStringLiteral("inconsistent")).toInt(), 11);
        QCOMPARE(json.value(QStringLiteral("staff_credentials")).toInt(), 3);
        QCOMPARE(
            json.value(QStringLiteral("by_kind")).toObject().value(QStringLiteral("level_mismatch")).toInt(),
            2);
        QCOMPARE(json.value(QStringLiteral("warnings"))
                     .toObject()
                     .value(QStringLiteral("unjustified_level"))
                     .toInt(),
            2);
    }

    void keyOrderIsUserThenTrackBytes()
    {
        // Bytes order: "LFA_COACH" < "Z_TRACK" < "a_track"; user ids compare as numbers (9 < 10).
        TestDatabase db;
        CLI_INIT(db);
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO specializations (id, is_active) VALUES ('a_track', true), ('Z_TRACK', true)")));
        QList<qint64> ids;
        for (int i = 0; i < 10; ++i)
            ids << addUser(db, QStringLiteral("o%1@x.test").arg(i));
        for (qint64 id : { ids[9], ids[8] }) {
            QVERIFY(addProgress(db, id, QStringLiteral("a_track"), 1));
            QVERIFY(addProgress(db, id, QStringLiteral("Z_TRACK"), 1));
            QVERIFY(addProgress(db, id, QStringLiteral("COACH"), 1));
        }
        const CliRun run = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(run, 2);
        QStringList order;
        for (const QJsonValue& value : jsonObject(run).value(QStringLiteral("violations")).toArray())
            order << QStringLiteral("%1 %2")
                         .arg(value.toObject().value(QStringLiteral("user_id")).toInteger())
                         .arg(value.toObject().value(QStringLiteral("specialization")).toString());
        const QStringList expected { QStringLiteral("%1 LFA_COACH").arg(ids[8]),
            QStringLiteral("%1 Z_TRACK").arg(ids[8]), QStringLiteral("%1 a_track").arg(ids[8]),
            QStringLiteral("%1 LFA_COACH").arg(ids[9]), QStringLiteral("%1 Z_TRACK").arg(ids[9]),
            QStringLiteral("%1 a_track").arg(ids[9]) };
        QCOMPARE(order, expected);
    }

    void checkWithoutToolTablesStoresNothing()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        QVERIFY(createPlatformTables(db));
        QVERIFY(addKeys(db, QStringLiteral("n"), 37, 3));
        const QString before = db.snapshot(platformTables());
        const CliRun run = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(run, 2);
        const QJsonObject json = jsonObject(run);
        QVERIFY(json.contains(QStringLiteral("run_id")));
        QVERIFY2(json.value(QStringLiteral("run_id")).isNull(), run.out.constData());
        QCOMPARE(json.value(QStringLiteral("consistency_rate")).toDouble(), 8.11);
        QVERIFY2(!run.err.trimmed().isEmpty(), "check must say on stderr that it stores nothing");
        QCOMPARE(db.snapshot(platformTables()), before);
        const QString toolTables = TestDatabase::isPostgres()
            ? QStringLiteral(
                "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'coupling_console'")
            : QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'cc!_%' ESCAPE '!'");
        QCOMPARE(db.scalar(toolTables).toInt(), 0);
    }

    void readOnlyCheckStoresNothing()
    {
        TestDatabase db;
        CLI_INIT(db);
        QVERIFY(addKeys(db, QStringLiteral("r"), 20, 19));
        const qint64 runsBefore = storedRuns(db);
        const CliRun run
            = runOn(db, QStringLiteral("check"), { QStringLiteral("--json"), QStringLiteral("--read-only") });
        CLI_EXPECT(run, 1);
        QVERIFY2(jsonObject(run).value(QStringLiteral("run_id")).isNull(), run.out.constData());
        QVERIFY2(!run.err.trimmed().isEmpty(), "check must say on stderr that it stores nothing");
        QCOMPARE(storedRuns(db), runsBefore);
        CLI_EXPECT(runOn(db, QStringLiteral("check")), 1);
        QVERIFY2(storedRuns(db) == runsBefore + 1, qPrintable(db.snapshot({ toolTable("runs") })));
    }

    void printSqlPrintsARunnableSelect()
    {
        TestDatabase db;
        CLI_INIT(db);
        QVERIFY(addKeys(db, QStringLiteral("p"), 5, 2));
        const qint64 runsBefore = storedRuns(db);
        const CliRun run = runOn(db, QStringLiteral("check"), { QStringLiteral("--print-sql") });
        CLI_EXPECT(run, 0);
        QString sql = QString::fromUtf8(run.out).trimmed();
        QVERIFY2(sql.startsWith(QStringLiteral("SELECT"), Qt::CaseInsensitive)
                || sql.startsWith(QStringLiteral("WITH"), Qt::CaseInsensitive),
            qPrintable(sql));
        QVERIFY(sql.contains(QStringLiteral("specialization_progress")));
        QVERIFY(sql.contains(QStringLiteral("user_licenses")));
        QVERIFY2(!sql.contains(u'?') && !sql.contains(QStringLiteral("$1")), "values must be inlined");
        if (sql.endsWith(u';'))
            sql.chop(1);
        // The printed statement runs as it is and sees the five keys.
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM (%1) printed").arg(sql)).toInt(), 5);
        QCOMPARE(storedRuns(db), runsBefore);
    }
};

QTEST_GUILESS_MAIN(TestCliCheckJson)
#include "tst_cli_check_json.moc"
