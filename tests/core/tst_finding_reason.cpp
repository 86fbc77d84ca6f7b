// A finding's reason and recommended action (core/rules/FindingReason.h): the English sentence stored in
// the violations table byte for byte as it always was, and read back into the same parts for a
// front end to word; the same for a revert's reason (core/audit/AuditVocabulary.h).
#include "audit/AuditVocabulary.h"
#include "rules/FindingReason.h"
#include "rules/KeyClassifier.h"

#include <QTest>

#include <limits>

using namespace cc;

Q_DECLARE_METATYPE(FindingReason)

namespace {

FindingReason levels(std::optional<qint64> progress, std::optional<qint64> license)
{
    FindingReason reason;
    reason.progressLevel = progress;
    reason.licenseLevel = license;
    return reason;
}

FindingReason outOfRange(bool progress, bool license, std::optional<qint64> progressLevel,
    std::optional<qint64> licenseLevel, qint64 max)
{
    FindingReason reason
        = levels(progress ? progressLevel : std::nullopt, license ? licenseLevel : std::nullopt);
    reason.progressOutside = progress;
    reason.licenseOutside = license;
    reason.maxLevel = max;
    return reason;
}

} // namespace

class TestFindingReason final : public QObject {
    Q_OBJECT

private slots:
    void violationSentences_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<FindingReason>("reason");
        QTest::addColumn<QString>("text");
        const qint64 huge = std::numeric_limits<qint64>::max();
        FindingReason rows;
        rows.rows = 3;
        QTest::newRow("duplicate progress")
            << int(ViolationKind::DuplicateProgress) << rows << "3 progress rows for this track";
        QTest::newRow("duplicate license")
            << int(ViolationKind::DuplicateLicense) << rows << "3 license rows for this track";
        FindingReason track;
        track.track = QStringLiteral("=HYPERLINK(\"x\"), ünknown\t");
        QTest::newRow("unknown specialization")
            << int(ViolationKind::UnknownSpecialization) << track
            << "track =HYPERLINK(\"x\"), ünknown\t is not in the level catalogue";
        QTest::newRow("missing license") << int(ViolationKind::MissingLicense) << levels(4, std::nullopt)
                                         << "progress at level 4, no license";
        QTest::newRow("missing license, NULL level")
            << int(ViolationKind::MissingLicense) << levels(std::nullopt, std::nullopt)
            << "progress at level NULL, no license";
        QTest::newRow("missing progress") << int(ViolationKind::MissingProgress) << levels(std::nullopt, huge)
                                          << "license at level 9223372036854775807, no progress";
        QTest::newRow("out of range, both")
            << int(ViolationKind::LevelOutOfRange) << outOfRange(true, true, -2, std::nullopt, 8)
            << "progress level -2, license level NULL outside 1..8";
        QTest::newRow("out of range, license")
            << int(ViolationKind::LevelOutOfRange) << outOfRange(false, true, std::nullopt, 9, 8)
            << "license level 9 outside 1..8";
        QTest::newRow("mismatch") << int(ViolationKind::LevelMismatch) << levels(5, 3)
                                  << "license level 3, progress level 5";
        FindingReason spellings;
        spellings.progressSpelling = QStringLiteral("COACH");
        spellings.licenseSpelling = QStringLiteral("LFA COACH");
        QTest::newRow("spelling") << int(ViolationKind::SpellingMismatch) << spellings
                                  << "progress spelled COACH, license spelled LFA COACH";
    }

    void violationSentences()
    {
        QFETCH(int, kind);
        QFETCH(FindingReason, reason);
        QFETCH(QString, text);
        QCOMPARE(reasonText(ViolationKind(kind), reason), text);
        const auto parts = reasonParts(ViolationKind(kind), text);
        QVERIFY(parts);
        QVERIFY(*parts == reason);
        QCOMPARE(reasonText(ViolationKind(kind), *parts), text);
    }

    void warningSentences()
    {
        FindingReason justified = levels(4, std::nullopt);
        justified.justifiedLevel = 3;
        const QString text = QStringLiteral("progress level 4, the counters justify level 3");
        for (WarningKind kind : { WarningKind::UnjustifiedLevel, WarningKind::PendingLevelUp }) {
            QCOMPARE(reasonText(kind, justified), text);
            QVERIFY(reasonParts(kind, text) == justified);
        }
        FindingReason max = levels(std::nullopt, 5);
        max.maxAchieved = 2;
        const QString maxText = QStringLiteral("license max_achieved_level 2 below its current level 5");
        QCOMPARE(reasonText(WarningKind::MaxBelowCurrent, max), maxText);
        QVERIFY(reasonParts(WarningKind::MaxBelowCurrent, maxText) == max);
    }

    // What a classification stores is what reads back: the live parts and the stored sentence's
    // parts are the same.
    void classificationsReadBack()
    {
        KeyAggregate key;
        key.userId = 1;
        key.track = QStringLiteral("LFA_COACH");
        key.progressRows = key.licenseRows = 1;
        key.progressMin = key.progressMax = 5;
        key.licenseMin = key.licenseMax = 3;
        key.maxAchieved = 2;
        const KeyClassification result = classifyKey(key, LevelCatalogue::builtIn());
        QVERIFY(result.violation);
        QVERIFY(
            reasonParts(result.violation->kind, result.violation->reasonText()) == result.violation->reason);
        QVERIFY(!result.warnings.isEmpty());
        for (const Finding& warning : result.warnings)
            QVERIFY(reasonParts(warning.warningKind, warning.reasonText()) == warning.reason);
    }

    // An older version's or a hand-written sentence is not read: a front end shows it as stored.
    void otherSentencesAreNotRead()
    {
        QVERIFY(!reasonParts(ViolationKind::LevelMismatch, QStringLiteral("levels differ")));
        QVERIFY(
            !reasonParts(ViolationKind::LevelMismatch, QStringLiteral("license level x, progress level 5")));
        QVERIFY(
            !reasonParts(ViolationKind::LevelMismatch, QStringLiteral("license level 3, progress level 5.")));
        QVERIFY(
            !reasonParts(ViolationKind::DuplicateProgress, QStringLiteral("3 license rows for this track")));
        QVERIFY(!reasonParts(ViolationKind::LevelOutOfRange, QStringLiteral("level 9 outside 1..8")));
        QVERIFY(!reasonParts(
            ViolationKind::LevelOutOfRange, QStringLiteral("license level 9, license level 9 outside 1..8")));
        QVERIFY(!reasonParts(WarningKind::MaxBelowCurrent, QString()));
        QVERIFY(!reasonParts(ViolationKind::MissingProgress,
            QStringLiteral("license at level 99999999999999999999, no progress")));
    }

    void recommendedActionNames()
    {
        const char* const names[] = { "merge_duplicates", "manual_review", "create_license_from_progress",
            "create_progress_from_license", "clamp_level", "sync_progress_to_license",
            "sync_license_to_progress", "apply_level_up", "unify_spelling" };
        for (const char* stored : names) {
            const QString name = QString::fromLatin1(stored);
            const auto action = recommendedActionFromName(name);
            QVERIFY2(action, qPrintable(name));
            QCOMPARE(recommendedActionName(*action), name);
        }
        QVERIFY(!recommendedActionFromName(QStringLiteral("other_update")));
        QVERIFY(!recommendedActionFromName(QString()));
    }

    void revertReasons()
    {
        const RevertReason reason { 42, QStringLiteral("sync_progress_to_license") };
        const QString text = revertReasonText(reason);
        QCOMPARE(text, QStringLiteral("revert of audit entry 42 (sync_progress_to_license)"));
        const auto parts = revertReasonParts(text);
        QVERIFY(parts);
        QCOMPARE(parts->entryId, 42);
        QCOMPARE(parts->action, reason.action);
        QVERIFY(!revertReasonParts(QStringLiteral("revert of audit entry x (repair)")));
        QVERIFY(!revertReasonParts(QStringLiteral("undo entry 42")));
    }
};

QTEST_GUILESS_MAIN(TestFindingReason)
#include "tst_finding_reason.moc"
