// Numbers at the edges (issue 15, docs/RELIABILITY.md): platform integers beyond 32 bits are read,
// stored and shown exactly; arithmetic that would leave the range is refused as "out of range"
// before it runs, and changes nothing.

#include "CliTestSupport.h"

using namespace cc::test;
using namespace cc::test::cli;

namespace {

constexpr qint64 hugeLevel = 4294967301; // 2^32 + 5: truncated to 32 bits it reads as 5
constexpr qint64 nearTop = 9223372036854775800; // 2^63 - 8

struct Planted {
    qint64 high = 0; // progress and license at hugeLevel
    qint64 rich = 0; // total_xp nearTop, levels consistent
};

// The platform's tables with 64-bit level and counter columns (PostgreSQL's INTEGER is 32-bit;
// SQLite's is 64-bit already), a high-level key and a key with a total near 2^63.
bool plant(TestDatabase& db, Planted& p)
{
    if (!createPlatformTables(db))
        return false;
    if (TestDatabase::isPostgres()) {
        for (const char* sql : { "ALTER TABLE specialization_progress ALTER COLUMN current_level TYPE "
                                 "BIGINT, ALTER COLUMN total_xp TYPE BIGINT",
                 "ALTER TABLE user_licenses ALTER COLUMN current_level TYPE BIGINT, ALTER COLUMN "
                 "max_achieved_level TYPE BIGINT",
                 "ALTER TABLE license_progressions ALTER COLUMN from_level TYPE BIGINT, ALTER COLUMN "
                 "to_level TYPE BIGINT" }) {
            if (!db.exec(QString::fromLatin1(sql)))
                return false;
        }
    }
    p.high = addUser(db, QStringLiteral("high@x.test"));
    p.rich = addUser(db, QStringLiteral("rich@x.test"));
    return p.high > 0 && p.rich > 0 && addProgress(db, p.high, QStringLiteral("PLAYER"), hugeLevel)
        && addLicense(db, p.high, QStringLiteral("PLAYER"), 1)
        && db.exec(
            QStringLiteral(
                "UPDATE user_licenses SET current_level = ?, max_achieved_level = ? WHERE user_id = ?"),
            { hugeLevel, hugeLevel, p.high })
        && addProgress(db, p.rich, QStringLiteral("PLAYER"), 2, Counters { nearTop, 0, 0, 0 })
        && addLicense(db, p.rich, QStringLiteral("PLAYER"), 2);
}

} // namespace

class TestCliNumbers final : public QObject {
    Q_OBJECT

private slots:
    void levelsBeyond32BitsAreShownExactly()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        Planted p;
        QVERIFY(plant(db, p));
        CLI_EXPECT(runOn(db, QStringLiteral("init"), words({ "--environment", "development" })), 0);
        const CliRun check = runOn(db, QStringLiteral("check"), words({ "--json" }));
        CLI_EXPECT(check, 2);
        const QJsonArray violations = jsonObject(check).value(QStringLiteral("violations")).toArray();
        QCOMPARE(violations.size(), 1);
        const QJsonObject violation = violations.first().toObject();
        QCOMPARE(violation.value(QStringLiteral("kind")).toString(), QStringLiteral("level_out_of_range"));
        QCOMPARE(violation.value(QStringLiteral("progress_level")).toInteger(), hugeLevel);
        QCOMPARE(violation.value(QStringLiteral("license_level")).toInteger(), hugeLevel);
        // The stored run says the same.
        const CliRun stored = runOn(db, QStringLiteral("violations"), words({ "--json" }));
        CLI_EXPECT(stored, 0);
        QVERIFY2(stored.out.contains("\"progress_level\": 4294967301"), qPrintable(describe(stored)));
        const CliRun user
            = runOn(db, QStringLiteral("user"), { QStringLiteral("high@x.test"), QStringLiteral("--json") });
        CLI_EXPECT(user, 0);
        const QJsonObject track
            = jsonObject(user).value(QStringLiteral("tracks")).toArray().first().toObject();
        QCOMPARE(track.value(QStringLiteral("progress"))
                     .toObject()
                     .value(QStringLiteral("current_level"))
                     .toInteger(),
            hugeLevel);
        QCOMPARE(track.value(QStringLiteral("license"))
                     .toObject()
                     .value(QStringLiteral("current_level"))
                     .toInteger(),
            hugeLevel);
        QVERIFY2(!track.contains(QStringLiteral("next_level"))
                || track.value(QStringLiteral("next_level")).isNull(),
            qPrintable(describe(user)));
        const CliRun text = runOn(db, QStringLiteral("user"), { QStringLiteral("high@x.test") });
        CLI_EXPECT(text, 0);
        QVERIFY2(text.out.contains("progress level 4294967301"), qPrintable(describe(text)));
        const CliRun rich
            = runOn(db, QStringLiteral("user"), { QStringLiteral("rich@x.test"), QStringLiteral("--json") });
        CLI_EXPECT(rich, 0);
        QCOMPARE(jsonObject(rich)
                     .value(QStringLiteral("tracks"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("progress"))
                     .toObject()
                     .value(QStringLiteral("total_xp"))
                     .toInteger(),
            nearTop);
    }

    void arithmeticBeyondTheRangeIsRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("update-progress on a total near 2^63")
            << words({ "update-progress", "--user", "rich@x.test", "--spec", "PLAYER", "--xp", "100" })
            << QStringLiteral("total_xp is out of range: the stored value 9223372036854775800 is above "
                              "2147483647; nothing was changed");
        QTest::newRow("update-progress, sessions only, on a total near 2^63")
            << words({ "update-progress", "--user", "rich@x.test", "--spec", "PLAYER", "--sessions", "1" })
            << QStringLiteral(
                   "total_xp is out of range: the stored value 9223372036854775800 is above 2147483647");
        QTest::newRow("set-level with an XP change on a total near 2^63")
            << words({ "set-level", "--user", "rich@x.test", "--spec", "PLAYER", "--level", "3", "--reason",
                   "r", "--xp", "8" })
            << QStringLiteral("total_xp is out of range: the stored value 9223372036854775800");
    }

    void arithmeticBeyondTheRangeIsRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        Planted p;
        QVERIFY(plant(db, p));
        CLI_EXPECT(runOn(db, QStringLiteral("init"), words({ "--environment", "development" })), 0);
        const QString before = db.snapshot(platformTables());
        const qint64 audits = db.count(toolTable("audit"));
        const QString command = arguments.takeFirst();
        const CliRun run = runOn(db, command, arguments);
        CLI_EXPECT(run, 4);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), qPrintable(message + u'\n' + describe(run)));
        QCOMPARE(db.snapshot(platformTables()), before);
        QCOMPARE(db.count(toolTable("audit")), audits);
    }
};

QTEST_GUILESS_MAIN(TestCliNumbers)
#include "tst_cli_numbers.moc"
