// The check's plan is free (issue 17), its answer is not: `check --json` must equal, minus run id,
// times, duration and database, a classification written plainly here (every row read, grouped by
// key in a std::map, each key classified by core's classifyKey one at a time), on a demo database
// with every kind, warning and staff credential planted plus hand-planted edge cases; with and
// without the cc_ indexes, and with --parallel on PostgreSQL (docs/BEHAVIOUR.md C2–C4, C8).
#include "TestDatabase.h"
#include "administration/Exporter.h"
#include "check/HealthReport.h"
#include "rows/KeyRows.h"
#include "rows/RowReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <map>

using namespace cc;
using cc::test::TestDatabase;

namespace {

using KeyOrder = std::pair<qint64, QByteArray>; // user id, canonical track by bytes (the check's order)

std::optional<qint64> optionalInt(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

void keepLower(std::optional<QString>& spelling, const QString& id)
{
    if (!spelling || id.toUtf8() < spelling->toUtf8())
        spelling = id;
}

void addLevel(
    std::optional<qint64> level, int& nulls, std::optional<qint64>& low, std::optional<qint64>& high)
{
    if (!level) {
        ++nulls;
        return;
    }
    low = low ? std::min(*low, *level) : *level;
    high = high ? std::max(*high, *level) : *level;
}

// Every key of both tables, aggregated in C++ from every row.
std::map<KeyOrder, KeyAggregate> readKeys(Database& db, const LevelCatalogue& catalogue, QString* error)
{
    std::map<KeyOrder, KeyAggregate> keys;
    auto keyOf = [&](qint64 user, const QString& stored) -> KeyAggregate& {
        const QString track = catalogue.canonical(stored);
        KeyAggregate& key = keys[{ user, track.toUtf8() }];
        key.userId = user;
        key.track = track;
        return key;
    };
    auto progress = db.exec(
        QStringLiteral("SELECT student_id, specialization_id, current_level, total_xp, completed_sessions, "
                       "theory_hours_completed, practice_hours_completed FROM specialization_progress"));
    if (!progress) {
        *error = progress.error().message;
        return {};
    }
    while (progress->next()) {
        KeyAggregate& key = keyOf(progress->value(0).toLongLong(), progress->value(1).toString());
        ++key.progressRows;
        addLevel(optionalInt(progress->value(2)), key.progressNullLevels, key.progressMin, key.progressMax);
        key.counters.xp += progress->value(3).toLongLong();
        key.counters.sessions += progress->value(4).toLongLong();
        key.counters.theoryHours += progress->value(5).toLongLong();
        key.counters.practiceHours += progress->value(6).toLongLong();
        keepLower(key.progressSpelling, progress->value(1).toString());
    }
    auto licenses = db.exec(QStringLiteral(
        "SELECT user_id, specialization_type, current_level, max_achieved_level FROM user_licenses"));
    if (!licenses) {
        *error = licenses.error().message;
        return {};
    }
    while (licenses->next()) {
        KeyAggregate& key = keyOf(licenses->value(0).toLongLong(), licenses->value(1).toString());
        ++key.licenseRows;
        addLevel(optionalInt(licenses->value(2)), key.licenseNullLevels, key.licenseMin, key.licenseMax);
        if (const auto achieved = optionalInt(licenses->value(3)))
            key.maxAchieved = key.maxAchieved.value_or(0) + *achieved;
        keepLower(key.licenseSpelling, licenses->value(1).toString());
    }
    auto users = db.exec(QStringLiteral("SELECT id, CAST(role AS TEXT) FROM users"));
    if (!users) {
        *error = users.error().message;
        return {};
    }
    QHash<qint64, QVariant> roles;
    while (users->next())
        roles.insert(users->value(0).toLongLong(), users->value(1));
    for (auto& [order, key] : keys)
        key.staffUser
            = key.progressRows == 0 && roles.contains(key.userId) && isStaffRole(roles.value(key.userId));
    return keys;
}

// The report `check --json` must print, computed key by key.
HealthReport plainReport(Session& session, QString* error)
{
    HealthReport report;
    report.thresholds = session.thresholds();
    const auto keys = readKeys(session.db(), session.catalogue(), error);
    for (const auto& [order, key] : keys) {
        const KeyClassification c = classifyKey(key, session.catalogue());
        if (c.staffCredential) {
            ++report.staffCredentials;
            continue;
        }
        ++report.totalPairs;
        TrackCounts& track = report.byTrack[key.track];
        ++track.totalPairs;
        for (const Finding& warning : c.warnings)
            ++report.warnings[int(warning.warningKind)];
        if (!c.violation) {
            ++report.consistent;
            ++track.consistent;
            continue;
        }
        ++report.inconsistent;
        ++track.inconsistent;
        ++report.byKind[int(c.violation->kind)];
        ViolationRecord record { key.userId, key.track, c.violation->name(), false, c.progressLevel,
            c.licenseLevel, c.violation->actionName(), c.violation->reasonText() };
        if (key.progressRows >= 2 || key.licenseRows >= 2) { // a side's level is the kept row's (C3)
            auto rows = RowReader::key(session, KeyRef { key.userId, key.track }, false);
            if (!rows) {
                *error = rows.error().message;
                return {};
            }
            const auto [progress, license] = rows->keptLevels();
            record.progressLevel = progress ? std::optional<int>(int(*progress)) : std::nullopt;
            record.licenseLevel = license ? std::optional<int>(int(*license)) : std::nullopt;
        }
        report.violations.append(record);
    }
    report.rateHundredths = consistencyRateHundredths(report.consistent, report.totalPairs);
    report.status = statusFor(report.rateHundredths, report.thresholds);
    return report;
}

QJsonObject withoutRunFacts(QJsonObject json)
{
    for (const char* key : { "run_id", "started_at", "duration_ms", "database" })
        json.remove(QLatin1String(key));
    return json;
}

QJsonObject plainJson(const HealthReport& report, bool firstRun)
{
    HealthReport expected = report;
    if (!firstRun) { // the same rows as the previous run: nothing new, nothing resolved
        expected.newSincePrevious = 0;
        expected.resolvedSincePrevious = 0;
    }
    QJsonObject json = Exporter::runJson(expected);
    QJsonArray violations;
    for (const ViolationRecord& record : std::as_const(expected.violations)) {
        QJsonObject entry = Exporter::violationJson(record);
        entry.remove(QStringLiteral("severity"));
        violations.append(entry);
    }
    json.insert(QStringLiteral("violations"), violations);
    return withoutRunFacts(json);
}

// The first difference, readable (the whole document is megabytes).
QString firstDifference(const QJsonObject& actual, const QJsonObject& expected)
{
    for (const QString& key : expected.keys()) {
        if (actual.value(key) == expected.value(key))
            continue;
        if (key != u"violations")
            return QStringLiteral("%1: check %2, plain %3")
                .arg(key,
                    QString::fromUtf8(
                        QJsonDocument(QJsonArray { actual.value(key) }).toJson(QJsonDocument::Compact)),
                    QString::fromUtf8(
                        QJsonDocument(QJsonArray { expected.value(key) }).toJson(QJsonDocument::Compact)));
        const QJsonArray a = actual.value(key).toArray();
        const QJsonArray e = expected.value(key).toArray();
        for (qsizetype i = 0; i < std::max(a.size(), e.size()); ++i) {
            if (i >= a.size() || i >= e.size() || a.at(i) != e.at(i))
                return QStringLiteral("violation %1 of %2/%3: check %4, plain %5")
                    .arg(i)
                    .arg(a.size())
                    .arg(e.size())
                    .arg(QString::fromUtf8(QJsonDocument(a.at(i).toObject()).toJson(QJsonDocument::Compact)),
                        QString::fromUtf8(QJsonDocument(e.at(i).toObject()).toJson(QJsonDocument::Compact)));
        }
    }
    return actual.keys() == expected.keys() ? QString()
                                            : QStringLiteral("keys differ: %1").arg(actual.keys().join(u' '));
}

// Hostile and rare shapes beside the demo's mix: NULL and out-of-range levels, a triple row, an
// unknown track, pad spaces, alias spellings, staff roles of any case, a license-only student.
bool plantEdgeCases(TestDatabase& db)
{
    const qint64 a = db.addUser(QStringLiteral("edge-a@x"));
    const qint64 b = db.addUser(QStringLiteral("edge-b@x"), QStringLiteral("Instructor"));
    const qint64 c = db.addUser(QStringLiteral("edge-c@x"), QStringLiteral("ADMIN"));
    const qint64 d = db.addUser(QStringLiteral("edge-d@x"), QStringLiteral("STUDENT"));
    if (!a || !b || !c || !d)
        return false;
    bool ok
        = db.addProgress(a, QStringLiteral("COACH"), QVariant(QMetaType(QMetaType::LongLong)), 500, 3) > 0;
    ok = ok && db.addLicense(a, QStringLiteral("COACH"), 2) > 0;
    for (int i = 0; i < 3; ++i)
        ok = ok
            && db.addProgress(
                   a, i == 1 ? QStringLiteral("PLAYER") : QStringLiteral("GANCUJU_PLAYER"), 3 + i, 100 * i)
                > 0;
    ok = ok && db.addLicense(a, QStringLiteral("GANCUJU_PLAYER"), 4) > 0;
    ok = ok && db.addProgress(a, QStringLiteral("INTERNSHIP"), 99, 1) > 0
        && db.addLicense(a, QStringLiteral("INTERNSHIP"), 0) > 0;
    ok = ok && db.addLicense(b, QStringLiteral("LFA_COACH"), 3) > 0
        && db.addLicense(c, QStringLiteral("INTERNSHIP"), 1) > 0;
    ok = ok
        && db.addLicense(d, QStringLiteral("LFA_COACH"), 2, 1)
            > 0; // a student's license only: missing_progress
    ok = ok && db.addProgress(d, QStringLiteral("PLAYER"), 2, 999999, 999) > 0
        && db.addLicense(d, QStringLiteral("GANCUJU_PLAYER"), 2) > 0;
    return ok;
}

} // namespace

class TestCheckEquivalence final : public QObject {
    Q_OBJECT

private:
    void expectPlain(TestDatabase& db, const QStringList& options, bool firstRun)
    {
        auto session = db.open();
        QVERIFY(session);
        QString error;
        const HealthReport plain = plainReport(*session, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const test::CliRun run = test::runCli(
            QStringList { QStringLiteral("check"), QStringLiteral("--json") } + options + db.cliArguments());
        QVERIFY2(run.exitCode == checkExitCode(plain.status), qPrintable(QString::fromUtf8(run.err)));
        const QJsonObject actual = withoutRunFacts(QJsonDocument::fromJson(run.out).object());
        const QJsonObject expected = plainJson(plain, firstRun);
        QVERIFY2(actual == expected,
            qPrintable(options.join(u' ') + QStringLiteral(": ") + firstDifference(actual, expected)));
    }

private slots:
    void checkEqualsAPlainClassification()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(
            db.initialise(4000, 7, 0.05)); // demo: every kind and warning, staff credentials, the cc_ indexes
        QVERIFY(plantEdgeCases(db));
        {
            auto session = db.open();
            QString error;
            const HealthReport plain = plainReport(*session, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            for (int i = 0; i < violationKindCount; ++i)
                QVERIFY2(plain.byKind[i] > 0, qPrintable(kindName(ViolationKind(i))));
            for (int i = 0; i < warningKindCount; ++i)
                QVERIFY2(plain.warnings[i] > 0, qPrintable(warningName(WarningKind(i))));
            QVERIFY(plain.staffCredentials > 2);
        }
        const bool pg = TestDatabase::isPostgres();
        expectPlain(db, {}, true);
        if (pg)
            expectPlain(db, { QStringLiteral("--parallel"), QStringLiteral("3") }, false);
        // The key indexes without cc_users_role (an init of before it): staff ids from a scan of users.
        QVERIFY(db.exec(QStringLiteral("DROP INDEX cc_users_role")));
        expectPlain(db, {}, false);
        if (pg) // every part reads by the plan the check asked for once
            expectPlain(db, { QStringLiteral("--parallel"), QStringLiteral("2") }, false);
        // The platform's own schema: no cc_ indexes.
        const test::CliRun dropped = test::runCli(
            QStringList { QStringLiteral("init"), QStringLiteral("--drop-indexes") } + db.cliArguments());
        QVERIFY2(dropped.exitCode == 0, qPrintable(QString::fromUtf8(dropped.err)));
        QCOMPARE(
            db.scalar(
                  pg ? QStringLiteral(
                      "SELECT count(*) FROM pg_class WHERE relname IN ('cc_progress_key', 'cc_license_key')")
                     : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name IN ('cc_progress_key', "
                                      "'cc_license_key')"))
                .toLongLong(),
            0);
        expectPlain(db, {}, false);
        if (pg)
            expectPlain(db, { QStringLiteral("--parallel"), QStringLiteral("2") }, false);
    }

    // A duplicate's reported level is its kept row's (docs/BEHAVIOUR.md C3, C6 step 1), each rule
    // deciding once, stated by hand rather than by the rules' own code; with and without the indexes.
    void keptRowsDecideTheReportedLevels()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        const QString track = QStringLiteral("GANCUJU_PLAYER");
        QMap<qint64, std::pair<int, int>> expected; // user → (progress level, license level)
        // Progress: the most XP wins over the most sessions.
        const qint64 xp = db.addUser(QStringLiteral("kept-xp@x"));
        QVERIFY(db.addProgress(xp, track, 2, 10, 50) > 0 && db.addProgress(xp, track, 5, 20, 1) > 0);
        QVERIFY(db.addLicense(xp, track, 3) > 0);
        expected.insert(xp, { 5, 3 });
        // Licenses: the one other rows reference wins over the lower id.
        const qint64 referenced = db.addUser(QStringLiteral("kept-ref@x"));
        QVERIFY(db.addProgress(referenced, track, 4) > 0);
        QVERIFY(db.addLicense(referenced, track, 7, 8) > 0); // the lower id
        const qint64 history = db.addLicense(referenced, track, 2, 8);
        QVERIFY(history > 0);
        QVERIFY(
            db.exec(QStringLiteral("INSERT INTO license_progressions (user_license_id, from_level, to_level, "
                                   "advanced_at) VALUES (?, 1, 2, '2025-02-01 10:00:00')"),
                { history }));
        expected.insert(referenced, { 4, 2 });
        // Then payment_verified wins over a higher max_achieved_level.
        const qint64 paid = db.addUser(QStringLiteral("kept-paid@x"));
        QVERIFY(db.addProgress(paid, track, 4) > 0);
        const qint64 unpaid = db.addLicense(paid, track, 3, 8);
        QVERIFY(unpaid > 0 && db.addLicense(paid, track, 6, 6) > 0);
        QVERIFY(db.exec(
            QStringLiteral("UPDATE user_licenses SET payment_verified = ? WHERE id = ?"), { false, unpaid }));
        expected.insert(paid, { 4, 6 });
        // Then the earliest started_at wins over the lowest id.
        const qint64 started = db.addUser(QStringLiteral("kept-start@x"));
        QVERIFY(db.addProgress(started, track, 4) > 0);
        const qint64 later = db.addLicense(started, track, 8, 8);
        QVERIFY(later > 0 && db.addLicense(started, track, 1, 8) > 0);
        QVERIFY(db.exec(
            QStringLiteral("UPDATE user_licenses SET started_at = '2025-03-01 09:00:00' WHERE id = ?"),
            { later }));
        expected.insert(started, { 4, 1 });
        // Progress rows tied on XP and sessions at different levels: the lowest id wins, which the
        // scan's columns cannot tell (KeyMerge leaves the key to DuplicateLevels), here the lower level.
        // Rewritten, the lower id comes second in PostgreSQL's index (equal keys in row-version order),
        // so the scan meets the level 6 first.
        const qint64 tied = db.addUser(QStringLiteral("kept-tie@x"));
        const qint64 lowest = db.addProgress(tied, track, 2, 30, 4);
        QVERIFY(lowest > 0 && db.addProgress(tied, track, 6, 30, 4) > 0);
        QVERIFY(db.exec(
            QStringLiteral("UPDATE specialization_progress SET current_level = 2 WHERE id = ?"), { lowest }));
        QVERIFY(db.addLicense(tied, track, 5) > 0);
        expected.insert(tied, { 2, 5 });
        // Twins at one level on both sides (what the demo plants): the scan's rows decide.
        const qint64 twins = db.addUser(QStringLiteral("kept-twins@x"));
        QVERIFY(db.addProgress(twins, track, 3, 40, 2) > 0 && db.addProgress(twins, track, 3, 0, 0) > 0);
        QVERIFY(db.addLicense(twins, track, 4, 4) > 0 && db.addLicense(twins, track, 4, 9) > 0);
        expected.insert(twins, { 3, 4 });
        for (const QStringList& init : { QStringList(), QStringList { QStringLiteral("--drop-indexes") } }) {
            if (!init.isEmpty()) {
                const test::CliRun dropped
                    = test::runCli(QStringList { QStringLiteral("init") } + init + db.cliArguments());
                QVERIFY2(dropped.exitCode == 0, qPrintable(QString::fromUtf8(dropped.err)));
            }
            const test::CliRun run = test::runCli(
                QStringList { QStringLiteral("check"), QStringLiteral("--json") } + db.cliArguments());
            const QJsonArray violations
                = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("violations")).toArray();
            int seen = 0;
            for (const QJsonValue& value : violations) {
                const QJsonObject violation = value.toObject();
                const qint64 user = violation.value(QStringLiteral("user_id")).toInteger();
                if (!expected.contains(user))
                    continue;
                ++seen;
                QCOMPARE(
                    violation.value(QStringLiteral("progress_level")).toInt(), expected.value(user).first);
                QCOMPARE(
                    violation.value(QStringLiteral("license_level")).toInt(), expected.value(user).second);
            }
            QCOMPARE(seen, expected.size());
        }
    }
};

QTEST_GUILESS_MAIN(TestCheckEquivalence)
#include "tst_check_equivalence.moc"
