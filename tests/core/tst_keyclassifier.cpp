// The classification rules of docs/BEHAVIOUR.md C3 and the rate of C4, as pure functions.
#include "check/HealthReport.h"
#include "rows/KeyRows.h"
#include "rules/KeyClassifier.h"
#include "schema/LevelCatalogue.h"

#include <QTest>

using namespace cc;

namespace {

KeyAggregate key(const QString& track, QList<std::optional<qint64>> progress,
    QList<std::optional<qint64>> licenses, Counters counters = {},
    std::optional<qint64> maxAchieved = std::nullopt)
{
    KeyAggregate aggregate;
    aggregate.userId = 1;
    aggregate.track = track;
    aggregate.progressRows = int(progress.size());
    aggregate.licenseRows = int(licenses.size());
    auto fold = [](const QList<std::optional<qint64>>& levels, int& nulls, std::optional<qint64>& min,
                    std::optional<qint64>& max) {
        for (const auto& level : levels) {
            if (!level) {
                ++nulls;
                continue;
            }
            min = min ? std::min(*min, *level) : *level;
            max = max ? std::max(*max, *level) : *level;
        }
    };
    fold(progress, aggregate.progressNullLevels, aggregate.progressMin, aggregate.progressMax);
    fold(licenses, aggregate.licenseNullLevels, aggregate.licenseMin, aggregate.licenseMax);
    aggregate.counters = counters;
    aggregate.maxAchieved = licenses.size() == 1
        ? std::optional<qint64>(maxAchieved.value_or(licenses.first().value_or(1)))
        : std::nullopt;
    return aggregate;
}

// The key with each side's rows stored under one spelling.
KeyAggregate spelled(KeyAggregate aggregate, const char* progress, const char* license)
{
    if (aggregate.progressRows > 0)
        aggregate.progressSpelling = QString::fromLatin1(progress);
    if (aggregate.licenseRows > 0)
        aggregate.licenseSpelling = QString::fromLatin1(license);
    return aggregate;
}

KeyAggregate staff(KeyAggregate aggregate)
{
    aggregate.staffUser = true;
    return aggregate;
}

Row row(std::initializer_list<std::pair<const char*, QVariant>> values)
{
    Row result;
    for (const auto& [column, value] : values)
        result.insert(QLatin1String(column), value);
    return result;
}

// Counters that justify exactly `level` of GANCUJU_PLAYER.
Counters playerAt(int level)
{
    static const LevelCatalogue catalogue = LevelCatalogue::builtIn(); // requirement() points into it
    const LevelRequirement* requirement = catalogue.requirement(QStringLiteral("GANCUJU_PLAYER"), level);
    return { requirement->xp, requirement->sessions, 0, 0 };
}

} // namespace

class TestKeyClassifier final : public QObject {
    Q_OBJECT

private slots:
    void primaryKind_data()
    {
        QTest::addColumn<KeyAggregate>("input");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("action");
        const QString p = QStringLiteral("GANCUJU_PLAYER");
        QTest::newRow("consistent") << key(p, { 2 }, { 2 }, playerAt(2)) << QString() << QString();
        QTest::newRow("duplicate progress") << key(p, { 2, 2 }, { 2 }) << "duplicate_progress"
                                            << "merge_duplicates";
        QTest::newRow("duplicate progress beats duplicate license")
            << key(p, { 2, 3 }, { 2, 2 }) << "duplicate_progress"
            << "merge_duplicates";
        QTest::newRow("duplicate license") << key(p, { 2 }, { 2, 2 }) << "duplicate_license"
                                           << "merge_duplicates";
        QTest::newRow("duplicate license beats unknown")
            << key(QStringLiteral("QA_UNKNOWN"), { 1 }, { 1, 1 }) << "duplicate_license"
            << "merge_duplicates";
        QTest::newRow("unknown specialization")
            << key(QStringLiteral("QA_UNKNOWN"), { 1 }, {}) << "unknown_specialization"
            << "manual_review";
        QTest::newRow("missing license") << key(p, { 3 }, {}) << "missing_license"
                                         << "create_license_from_progress";
        QTest::newRow("missing license beats out of range") << key(p, { 12 }, {}) << "missing_license"
                                                            << "create_license_from_progress";
        QTest::newRow("missing progress") << key(p, {}, { 3 }) << "missing_progress"
                                          << "create_progress_from_license";
        QTest::newRow("null progress level") << key(p, { std::nullopt }, { 3 }) << "level_out_of_range"
                                             << "clamp_level";
        QTest::newRow("progress level 0") << key(p, { 0 }, { 3 }) << "level_out_of_range"
                                          << "clamp_level";
        QTest::newRow("license above max") << key(p, { 8 }, { 9 }) << "level_out_of_range"
                                           << "clamp_level";
        QTest::newRow("INTERNSHIP has 3 levels")
            << key(QStringLiteral("INTERNSHIP"), { 4 }, { 4 }) << "level_out_of_range"
            << "clamp_level";
        QTest::newRow("mismatch, license higher")
            << key(QStringLiteral("LFA_COACH"), { 3 }, { 5 }) << "level_mismatch"
            << "sync_license_to_progress";
        QTest::newRow("mismatch, progress higher")
            << key(QStringLiteral("LFA_COACH"), { 5 }, { 3 }) << "level_mismatch"
            << "sync_progress_to_license";
        // spelling_mismatch (revised 2026-12): last in precedence.
        const QString c = QStringLiteral("LFA_COACH");
        QTest::newRow("same spelling")
            << spelled(key(c, { 3 }, { 3 }), "COACH", "COACH") << QString() << QString();
        QTest::newRow("spelling mismatch")
            << spelled(key(c, { 3 }, { 3 }), "COACH", "LFA_COACH") << "spelling_mismatch"
            << "unify_spelling";
        QTest::newRow("pad spaces are no second spelling")
            << spelled(key(c, { 3 }, { 3 }), "COACH", "COACH    ") << QString() << QString();
        QTest::newRow("spelling mismatch, canonical progress")
            << spelled(key(p, { 1 }, { 1 }), "GANCUJU_PLAYER", "PLAYER") << "spelling_mismatch"
            << "unify_spelling";
        QTest::newRow("level mismatch beats spelling")
            << spelled(key(c, { 5 }, { 3 }), "COACH", "LFA_COACH") << "level_mismatch"
            << "sync_progress_to_license";
        QTest::newRow("out of range beats spelling")
            << spelled(key(c, { 9 }, { 9 }), "COACH", "LFA_COACH") << "level_out_of_range"
            << "clamp_level";
        QTest::newRow("missing license beats spelling")
            << spelled(key(c, { 3 }, {}), "COACH", "LFA_COACH") << "missing_license"
            << "create_license_from_progress";
        QTest::newRow("duplicates beat spelling")
            << spelled(key(c, { 3, 3 }, { 3 }), "COACH", "LFA_COACH") << "duplicate_progress"
            << "merge_duplicates";
        // Staff credentials (C2): license rows, no progress rows, a user whose role is not student.
        QTest::newRow("staff credential") << staff(key(c, {}, { 8 })) << QString() << QString();
        QTest::newRow("staff credential with two licenses")
            << staff(key(c, {}, { 8, 6 })) << QString() << QString();
        QTest::newRow("staff credential of an unknown track")
            << staff(key(QStringLiteral("QA_UNKNOWN"), {}, { 1 })) << QString() << QString();
        QTest::newRow("staff credential out of range") << staff(key(c, {}, { 12 })) << QString() << QString();
        QTest::newRow("a student's license alone") << key(c, {}, { 8 }) << "missing_progress"
                                                   << "create_progress_from_license";
        QTest::newRow("staff user with a progress row is a pair")
            << staff(key(c, { 2 }, { 8 })) << "level_mismatch"
            << "sync_license_to_progress";
        QTest::newRow("staff user with progress alone is a pair")
            << staff(key(c, { 2 }, {})) << "missing_license"
            << "create_license_from_progress";
    }

    void staffCredentialIsNotAPair_data()
    {
        QTest::addColumn<KeyAggregate>("input");
        QTest::addColumn<bool>("staffCredential");
        const QString c = QStringLiteral("LFA_COACH");
        QTest::newRow("instructor's license") << staff(key(c, {}, { 8 }, {}, 2)) << true;
        QTest::newRow("student's license") << key(c, {}, { 8 }, {}, 2) << false;
        QTest::newRow("staff with progress") << staff(key(c, { 8 }, { 8 })) << false;
    }

    void staffCredentialIsNotAPair()
    {
        QFETCH(KeyAggregate, input);
        QFETCH(bool, staffCredential);
        const KeyClassification result = classifyKey(input, LevelCatalogue::builtIn());
        QCOMPARE(result.staffCredential, staffCredential);
        if (staffCredential) {
            QVERIFY(!result.violation);
            QVERIFY(result.warnings.isEmpty()); // max_achieved_level 2 < 8 would otherwise warn
        } else {
            QVERIFY(result.violation || !result.warnings.isEmpty());
        }
    }

    void staffRoles_data()
    {
        QTest::addColumn<QVariant>("role");
        QTest::addColumn<bool>("staff");
        QTest::newRow("student") << QVariant(QStringLiteral("student")) << false;
        QTest::newRow("STUDENT (enum label)") << QVariant(QStringLiteral("STUDENT")) << false;
        QTest::newRow("Student") << QVariant(QStringLiteral("Student")) << false;
        QTest::newRow("NULL") << QVariant(QMetaType::fromType<QString>()) << false;
        QTest::newRow("SPORT_DIRECTOR") << QVariant(QStringLiteral("SPORT_DIRECTOR")) << true;
        QTest::newRow("sport_director") << QVariant(QStringLiteral("sport_director")) << true;
        QTest::newRow("INSTRUCTOR") << QVariant(QStringLiteral("INSTRUCTOR")) << true;
        QTest::newRow("instructor") << QVariant(QStringLiteral("instructor")) << true;
        QTest::newRow("ADMIN") << QVariant(QStringLiteral("ADMIN")) << true;
        QTest::newRow("any other label") << QVariant(QStringLiteral("parent")) << true;
        QTest::newRow("students") << QVariant(QStringLiteral("students")) << true;
        QTest::newRow("student with a space") << QVariant(QStringLiteral("student ")) << true;
    }

    void staffRoles()
    {
        QFETCH(QVariant, role);
        QFETCH(bool, staff);
        QCOMPARE(isStaffRole(role), staff);
    }

    void spellingReasonNamesBothSides()
    {
        const auto result
            = classifyKey(spelled(key(QStringLiteral("LFA_COACH"), { 3 }, { 3 }), "COACH", "LFA_COACH"),
                LevelCatalogue::builtIn());
        QCOMPARE(result.violation->reasonText(),
            QStringLiteral("progress spelled COACH, license spelled LFA_COACH"));
        QCOMPARE(result.progressLevel, 3);
        QCOMPARE(result.licenseLevel, 3);
    }

    // The user view classifies a key's rows live: KeyRows::aggregate fills the spellings as the
    // check's statement does (char(n) pad spaces removed, nothing else).
    void liveAggregateReadsSpellings_data()
    {
        QTest::addColumn<QString>("progress");
        QTest::addColumn<QString>("license");
        QTest::addColumn<QString>("kind");
        QTest::newRow("one spelling") << "COACH"
                                      << "COACH" << QString();
        QTest::newRow("pad spaces only") << "COACH"
                                         << "COACH   " << QString();
        QTest::newRow("two spellings") << "COACH"
                                       << "LFA_COACH"
                                       << "spelling_mismatch";
        QTest::newRow("two spellings, padded") << "COACH  "
                                               << "LFA_COACH   "
                                               << "spelling_mismatch";
    }

    void liveAggregateReadsSpellings()
    {
        QFETCH(QString, progress);
        QFETCH(QString, license);
        QFETCH(QString, kind);
        KeyRows rows;
        rows.key = { 1, QStringLiteral("LFA_COACH") };
        rows.progress.append(row({ { "id", 1 }, { "specialization_id", progress }, { "current_level", 2 },
            { "total_xp", 35000 }, { "completed_sessions", 18 }, { "theory_hours_completed", 40 },
            { "practice_hours_completed", 60 } }));
        rows.licenses.append(row({ { "id", 1 }, { "specialization_type", license }, { "current_level", 2 },
            { "max_achieved_level", 2 } }));
        const KeyClassification result
            = classifyKey(rows.aggregate(LevelCatalogue::builtIn()), LevelCatalogue::builtIn());
        QCOMPARE(result.violation ? result.violation->name() : QString(), kind);
        QVERIFY(result.warnings.isEmpty());
    }

    void primaryKind()
    {
        QFETCH(KeyAggregate, input);
        QFETCH(QString, kind);
        QFETCH(QString, action);
        const KeyClassification result = classifyKey(input, LevelCatalogue::builtIn());
        QCOMPARE(result.violation ? result.violation->name() : QString(), kind);
        QCOMPARE(result.violation ? result.violation->actionName() : QString(), action);
        if (result.violation)
            QVERIFY(!result.violation->reasonText().isEmpty());
    }

    void mismatchReasonNamesBothLevels()
    {
        const auto result
            = classifyKey(key(QStringLiteral("LFA_COACH"), { 5 }, { 3 }), LevelCatalogue::builtIn());
        QCOMPARE(result.violation->reasonText(), QStringLiteral("license level 3, progress level 5"));
        QCOMPARE(result.progressLevel, 5);
        QCOMPARE(result.licenseLevel, 3);
    }

    void warnings_data()
    {
        QTest::addColumn<KeyAggregate>("input");
        QTest::addColumn<QStringList>("warnings");
        const QString p = QStringLiteral("GANCUJU_PLAYER");
        QTest::newRow("none") << key(p, { 3 }, { 3 }, playerAt(3)) << QStringList();
        QTest::newRow("unjustified") << key(p, { 4 }, { 4 }, playerAt(3))
                                     << QStringList { QStringLiteral("unjustified_level") };
        QTest::newRow("pending") << key(p, { 2 }, { 2 }, playerAt(3))
                                 << QStringList { QStringLiteral("pending_level_up") };
        QTest::newRow("max below current")
            << key(p, { 3 }, { 3 }, playerAt(3), 2) << QStringList { QStringLiteral("max_below_current") };
        QTest::newRow("warning on a violated key") << key(p, { 4 }, { 2 }, playerAt(3),
            1) << QStringList { QStringLiteral("unjustified_level"), QStringLiteral("max_below_current") };
        QTest::newRow("no level warning with two progress rows")
            << key(p, { 4, 4 }, { 4 }, playerAt(1)) << QStringList();
        QTest::newRow("no level warning out of range") << key(p, { 9 }, { 8 }, playerAt(1)) << QStringList();
        QTest::newRow("unknown track has none")
            << key(QStringLiteral("QA_UNKNOWN"), { 5 }, { 5 }, {}, 1) << QStringList();
    }

    void warnings()
    {
        QFETCH(KeyAggregate, input);
        QFETCH(QStringList, warnings);
        QStringList found;
        for (const Finding& finding : classifyKey(input, LevelCatalogue::builtIn()).warnings)
            found << finding.name();
        QCOMPARE(found, warnings);
    }

    void pendingLevelUpRecommendsApplyingIt()
    {
        const auto result = classifyKey(
            key(QStringLiteral("GANCUJU_PLAYER"), { 2 }, { 2 }, playerAt(3)), LevelCatalogue::builtIn());
        QCOMPARE(result.warnings.first().actionName(), QStringLiteral("apply_level_up"));
    }

    void rate_data()
    {
        QTest::addColumn<qint64>("consistent");
        QTest::addColumn<qint64>("total");
        QTest::addColumn<QString>("rate");
        QTest::addColumn<QString>("status");
        QTest::newRow("18999/20000") << qint64(18999) << qint64(20000) << "95.00"
                                     << "degraded";
        QTest::newRow("1/32") << qint64(1) << qint64(32) << "3.13"
                              << "critical";
        QTest::newRow("seed: 3/37") << qint64(3) << qint64(37) << "8.11"
                                    << "critical";
        QTest::newRow("all") << qint64(5) << qint64(5) << "100.00"
                             << "healthy";
        QTest::newRow("99 exactly") << qint64(99) << qint64(100) << "99.00"
                                    << "healthy";
        QTest::newRow("just below 99") << qint64(98989) << qint64(100000) << "98.99"
                                       << "degraded";
        QTest::newRow("half-up 94.995") << qint64(18999) << qint64(20000) << "95.00"
                                        << "degraded";
        QTest::newRow("2/3") << qint64(2) << qint64(3) << "66.67"
                             << "critical";
    }

    void rate()
    {
        QFETCH(qint64, consistent);
        QFETCH(qint64, total);
        QFETCH(QString, rate);
        QFETCH(QString, status);
        const auto hundredths = consistencyRateHundredths(consistent, total);
        QVERIFY(hundredths.has_value());
        QCOMPARE(formatHundredths(*hundredths), rate);
        QCOMPARE(runStatusName(statusFor(hundredths, Thresholds {})), status);
    }

    void noDataIsNotHealthy()
    {
        QVERIFY(!consistencyRateHundredths(0, 0).has_value());
        QCOMPARE(statusFor(std::nullopt, Thresholds {}), RunStatus::NoData);
        QCOMPARE(checkExitCode(RunStatus::NoData), 3);
        QCOMPARE(checkExitCode(RunStatus::Critical), 2);
    }

    void aliases()
    {
        const LevelCatalogue catalogue = LevelCatalogue::builtIn();
        QCOMPARE(catalogue.canonical(QStringLiteral("PLAYER")), QStringLiteral("GANCUJU_PLAYER"));
        QCOMPARE(catalogue.canonical(QStringLiteral("COACH   ")), QStringLiteral("LFA_COACH"));
        QCOMPARE(
            catalogue.canonical(QStringLiteral("player")), QStringLiteral("player")); // exact, case-sensitive
        QCOMPARE(catalogue.canonical(QStringLiteral(" COACH")),
            QStringLiteral(" COACH")); // only trailing pad removed
        QCOMPARE(catalogue.maxLevel(QStringLiteral("INTERNSHIP")), 3);
        QCOMPARE(catalogue.spellings(QStringLiteral("LFA_COACH")),
            (QStringList { QStringLiteral("COACH"), QStringLiteral("LFA_COACH") }));
    }

    void levelUpFollowsTheSeed()
    {
        const LevelCatalogue catalogue = LevelCatalogue::builtIn();
        const QString p = QStringLiteral("GANCUJU_PLAYER");
        QCOMPARE(catalogue.levelAfterUpdate(p, 1, { 25000, 12, 0, 0 }), 2);
        QCOMPARE(catalogue.levelAfterUpdate(p, 2, { 325000, 72, 0, 0 }), 8);
        QCOMPARE(catalogue.levelAfterUpdate(p, 1, { 25000, 11, 0, 0 }), 1); // XP alone is not enough
        QCOMPARE(catalogue.levelAfterUpdate(p, 5, { 0, 0, 0, 0 }), 5); // never lowers
        // COACH checks hours: level 2 needs 40 theory and 60 practice hours.
        QCOMPARE(catalogue.levelAfterUpdate(QStringLiteral("LFA_COACH"), 1, { 35000, 18, 39, 60 }), 1);
        QCOMPARE(catalogue.levelAfterUpdate(QStringLiteral("LFA_COACH"), 1, { 35000, 18, 40, 60 }), 2);
    }

    void levelFileValidation_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("not json") << QByteArray("{levels") << "not valid JSON";
        QTest::newRow("wrong shape") << QByteArray(R"({"lvls": []})") << "must be an array";
        QTest::newRow("gap") << QByteArray(
            R"([{"level":1,"name":"a","xp_required":0,"required_sessions":0},{"level":3,"name":"b","xp_required":1,"required_sessions":1}])")
                             << "expected 2";
        QTest::newRow("negative") << QByteArray(
            R"([{"level":1,"name":"a","xp_required":-5,"required_sessions":0}])")
                                  << "whole number";
        QTest::newRow("decreasing") << QByteArray(
            R"([{"level":1,"name":"a","xp_required":10,"required_sessions":0},{"level":2,"name":"b","xp_required":5,"required_sessions":1}])")
                                    << "must not decrease";
        QTest::newRow("nested") << QByteArray(
            R"([{"level":1,"name":"a","xp_required":0,"required_sessions":0,"requirements":[[[[1]]]]}])")
                                << "must be an object";
        QTest::newRow("NUL in name") << QByteArray(
            "[{\"level\":1,\"name\":\"a\\u0000b\",\"xp_required\":0,\"required_sessions\":0}]")
                                     << "NUL";
    }

    void levelFileValidation()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        auto parsed = LevelCatalogue::parseLevelFile(json);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().message.contains(error), qPrintable(parsed.error().message));
    }
};

QTEST_GUILESS_MAIN(TestKeyClassifier)
#include "tst_keyclassifier.moc"
