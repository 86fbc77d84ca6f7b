// QA injections and revert's allow-list on a database of the platform's real shape (docs/PLATFORM.md
// §1a, issue 14, docs/BEHAVIOUR.md C6 inject and revert): every injection changes only its plan and
// reverts to every table exactly; a license that other tables reference is never removed; a
// forged audit entry cannot make revert write `users`.
#include "DatabaseSnapshot.h"
#include "PlatformFixture.h"
#include "PlatformTestCase.h"
#include "rows/RowReader.h"
#include "schema/AuditChain.h"
#include "write/Injector.h"
#include "write/Operations.h"
#include "write/Reverter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace cc;
using namespace cc::test;

class TestRealPlatformInject final : public QObject, private PlatformTestCase {
    Q_OBJECT

private:
    qint64 audits() { return db().count(m_session->db().tool("audit")); }

    // The row inject adds to specializations for unknown_specialization, in its own audited transaction.
    static QList<AllowedRow> qaUnknownRow()
    {
        return { { QStringLiteral("specializations"), QStringLiteral("QA_UNKNOWN") } };
    }

private slots:
    void cleanup()
    {
        m_session.reset(); // before the fixture drops its database
        m_fixture.reset();
    }

    void everyKindChangesOnlyItsPlanAndReverts_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("player"); // a PLAYER key (two spellings) rather than an INTERNSHIP key
        // docs/BEHAVIOUR.md C3: the eight kinds (spelling_mismatch since 2026-12) and the three warnings.
        const QList<std::pair<const char*, bool>> kinds { { "duplicate_progress", true },
            { "duplicate_license", true }, { "unknown_specialization", false }, { "missing_license", false },
            { "missing_progress", false }, { "level_out_of_range", false }, { "level_mismatch", false },
            { "spelling_mismatch", true }, { "unjustified_level", false }, { "pending_level_up", false },
            { "max_below_current", false } };
        for (const auto& [kind, player] : kinds)
            QTest::newRow(kind) << QString::fromLatin1(kind) << player;
    }

    void everyKindChangesOnlyItsPlanAndReverts()
    {
        QFETCH(QString, kind);
        QFETCH(bool, player);
        CC_SET_UP();
        const KeyRef key = player ? KeyRef { ids().consistentPlayer, QStringLiteral("GANCUJU_PLAYER") }
                                  : KeyRef { ids().consistentIntern, QStringLiteral("INTERNSHIP") };
        const DatabaseSnapshot before = snapshot();
        auto outcome = Injector::injectOne(*m_session, kind, key);
        CC_VERIFY_OK(outcome);
        QVERIFY(!outcome->applied.isEmpty());
        CC_VERIFY_VERDICT(onlyPlannedRowsChanged(before, snapshot(), *outcome, qaUnknownRow()));
        if (kind == u"unknown_specialization") {
            // Never a borrowed real id (LFA_PLAYER_AMATEUR_ACADEMY does not even fit varchar(20)).
            QCOMPARE(
                db().scalar(QStringLiteral("SELECT specialization_type FROM user_licenses WHERE user_id = ?"),
                        { key.userId })
                    .toString(),
                QStringLiteral("QA_UNKNOWN"));
            QCOMPARE(
                db().scalar(QStringLiteral(
                                "SELECT specialization_id FROM specialization_progress WHERE student_id = ?"),
                        { key.userId })
                    .toString(),
                QStringLiteral("QA_UNKNOWN"));
        }
        for (auto it = outcome->auditIds.crbegin(); it != outcome->auditIds.crend(); ++it) {
            auto reverted = Reverter::revert(*m_session, *it);
            CC_VERIFY_OK(reverted);
        }
        CC_VERIFY_VERDICT(restoredExactly(before, snapshot(), qaUnknownRow()));
    }

    void randomInjectionsChangeOnlyTheirPlanNeverTouchStaffAndRevertAsABatch_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char* kind :
            { "level_mismatch", "duplicate_license", "missing_license", "spelling_mismatch" })
            QTest::newRow(kind) << QString::fromLatin1(kind);
    }

    void randomInjectionsChangeOnlyTheirPlanNeverTouchStaffAndRevertAsABatch()
    {
        QFETCH(QString, kind);
        CC_SET_UP();
        const DatabaseSnapshot before = snapshot();
        auto outcome = Injector::injectRandom(*m_session, kind, 2, 1);
        CC_VERIFY_OK(outcome);
        QStringList skipped;
        for (const SkippedKey& skip : outcome->skipped)
            skipped << QStringLiteral("%1 %2: %3").arg(skip.key.userId).arg(skip.key.track, skip.reason);
        QVERIFY2(outcome->applied.size() == 2,
            qPrintable(QStringLiteral("%1 key(s) injected; skipped: %2")
                           .arg(outcome->applied.size())
                           .arg(skipped.join(QStringLiteral("; ")))));
        QVERIFY(outcome->batchId.has_value());
        for (const KeyChange& change : outcome->applied) {
            QVERIFY2(!ids().staff().contains(change.key.userId),
                qPrintable(
                    QStringLiteral("a staff credential was injected: user %1").arg(change.key.userId)));
            if (kind == u"missing_license") // its license is referenced by other tables
                QVERIFY2(change.key.userId != ids().consistentPlayer,
                    "inject --random missing_license chose a license that credit_transactions and "
                    "semester_enrollments reference");
        }
        CC_VERIFY_VERDICT(onlyPlannedRowsChanged(before, snapshot(), *outcome));
        auto reverted = Reverter::revertBatch(*m_session, *outcome->batchId);
        CC_VERIFY_OK(reverted);
        CC_VERIFY_VERDICT(restoredExactly(before, snapshot()));
    }

    void missingLicenseOfAReferencedLicenseIsRefusedNamingTheTables()
    {
        CC_SET_UP();
        const DatabaseSnapshot before = snapshot();
        const qint64 audited = audits();
        auto outcome = Injector::injectOne(*m_session, QStringLiteral("missing_license"),
            { ids().consistentPlayer, QStringLiteral("GANCUJU_PLAYER") });
        QVERIFY2(!outcome.ok(),
            "a license referenced by credit_transactions and semester_enrollments was removed");
        QCOMPARE(outcome.error().code, ErrorCode::Refused);
        QVERIFY2(outcome.error().message.contains(QStringLiteral("credit_transactions"))
                && outcome.error().message.contains(QStringLiteral("semester_enrollments")),
            qPrintable(outcome.error().message));
        CC_VERIFY_VERDICT(platformUnchanged(before, snapshot()));
        QCOMPARE(audits(), audited);
    }

    void duplicateLicenseCopiesWithoutItsPaymentReference()
    {
        CC_SET_UP();
        const DatabaseSnapshot before = snapshot();
        auto outcome = Injector::injectOne(*m_session, QStringLiteral("duplicate_license"),
            { ids().consistentPlayer, QStringLiteral("GANCUJU_PLAYER") });
        CC_VERIFY_OK(outcome);
        CC_VERIFY_VERDICT(onlyPlannedRowsChanged(before, snapshot(), *outcome));
        QCOMPARE(db().count(QStringLiteral("user_licenses"), QStringLiteral("user_id = ?"),
                     { ids().consistentPlayer }),
            2);
        const QString copy = QStringLiteral("user_id = ? AND id <> ?");
        const QVariantList binds { ids().consistentPlayer, ids().consistentPlayerLicense };
        QCOMPARE(db().count(QStringLiteral("user_licenses"),
                     copy + QStringLiteral(" AND payment_reference_code IS NULL"), binds),
            1);
        QCOMPARE(db().count(QStringLiteral("user_licenses"),
                     copy + QStringLiteral(" AND specialization_type = 'GANCUJU_PLAYER'"), binds),
            1);
        QCOMPARE(db().scalar(QStringLiteral("SELECT payment_reference_code FROM user_licenses WHERE id = ?"),
                         { ids().consistentPlayerLicense })
                     .toString(),
            QStringLiteral("PAY-CP-0001"));
    }

    void duplicateLicenseUnderTheUniqueConstraintIsRefusedNamingIt()
    {
        CC_SET_UP(true);
        const DatabaseSnapshot before = snapshot();
        const qint64 audited = audits();
        // INTERNSHIP has one spelling: a second license breaks uq_user_license_spec.
        auto outcome = Injector::injectOne(*m_session, QStringLiteral("duplicate_license"),
            { ids().consistentIntern, QStringLiteral("INTERNSHIP") });
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, ErrorCode::Refused);
        // The constraint the database reports: its name on PostgreSQL, its columns on SQLite.
        const QString named = TestDatabase::isPostgres()
            ? QStringLiteral("uq_user_license_spec")
            : QStringLiteral("user_licenses.user_id, user_licenses.specialization_type");
        QVERIFY2(outcome.error().message.contains(named), qPrintable(outcome.error().message));
        CC_VERIFY_VERDICT(platformUnchanged(before, snapshot()));
        QCOMPARE(audits(), audited);
    }

    void aForgedAuditEntryNamingUsersIsRefused()
    {
        CC_SET_UP();
        // A real entry to copy the shape of.
        auto real = Operations::setLevel(*m_session, { ids().consistentCoach, QStringLiteral("LFA_COACH") },
            2, QStringLiteral("exam passed"), {});
        CC_VERIFY_OK(real);
        // The instructor's users row as the tool reads rows; the forged `before` makes them admin.
        auto current = RowReader::byId(*m_session, QStringLiteral("users"), ids().instructorLfaCoach, false);
        CC_VERIFY_OK(current);
        QVERIFY(current->has_value());
        Row promoted = **current;
        promoted.insert(QStringLiteral("role"), QStringLiteral("ADMIN"));
        auto state = [](const Row& row) {
            return QString::fromUtf8(
                QJsonDocument(QJsonObject { { QStringLiteral("users"), QJsonArray { rowToJson(row) } } })
                    .toJson(QJsonDocument::Compact));
        };
        const QString audit = m_session->db().tool("audit");
        const qint64 forged
            = db().scalar(QStringLiteral(
                              "INSERT INTO %1 (id, at, operator_id, operator_email, source, action, user_id, "
                              "track, before_json, "
                              "after_json, reason, batch_id, reverts_id) SELECT (SELECT max(id) + 1 FROM "
                              "%1), at, operator_id, "
                              "operator_email, source, "
                              "action, ?, ?, ?, ?, reason, NULL, NULL FROM %1 WHERE id = ? RETURNING id")
                              .arg(audit),
                      { ids().instructorLfaCoach, QStringLiteral("LFA_COACH"), state(promoted),
                          state(**current), real->auditIds.first() })
                  .toLongLong();
        QVERIFY(forged > 0);
        // A forger with the tool's role can also recompute the audit hash chain (docs/RELIABILITY.md):
        // the allow-list must hold on its own.
        QVERIFY(AuditChain::hashExisting(m_session->db()).ok());
        const DatabaseSnapshot before = snapshot();
        auto reverted = Reverter::revert(*m_session, forged);
        QVERIFY2(!reverted.ok(), "revert wrote the users table from a forged audit entry");
        QCOMPARE(reverted.error().code, ErrorCode::Refused);
        QVERIFY2(
            reverted.error().message.contains(QStringLiteral("users")), qPrintable(reverted.error().message));
        CC_VERIFY_VERDICT(platformUnchanged(before, snapshot()));
        QCOMPARE(
            db().scalar(QStringLiteral("SELECT role FROM users WHERE id = ?"), { ids().instructorLfaCoach })
                .toString(),
            QStringLiteral("INSTRUCTOR"));
    }
};

QTEST_GUILESS_MAIN(TestRealPlatformInject)
#include "tst_realplatforminject.moc"
