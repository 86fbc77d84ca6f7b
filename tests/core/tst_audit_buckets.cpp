// The audit log's changes over time (issue 18, the rate chart's markers), on both engines:
// AuditLog::changeBuckets counts every entry of a range in one grouped statement, so the oldest
// changes of a busy range are still there (the chart once read only its newest 2,000 entries); what
// the system wrote, init and demo are not changes; injections are counted apart; and a bucket's
// filter lists exactly its entries.
#include "TestDatabase.h"
#include "audit/AuditLog.h"
#include "database/WriteTransaction.h"

#include <QTest>

using namespace cc;
using cc::test::TestDatabase;

namespace {

AuditEntry entryAt(
    const QDateTime& at, AuditSource source, AuditAction action, std::optional<qint64> batch = {})
{
    AuditEntry entry;
    entry.at = at;
    entry.source = auditSourceName(source);
    entry.action = auditActionName(action);
    entry.batchId = batch;
    entry.reason = QStringLiteral("planted by tst_audit_buckets");
    return entry;
}

qint64 totalEntries(const QList<AuditChangeBucket>& buckets, bool injections)
{
    qint64 total = 0;
    for (const AuditChangeBucket& bucket : buckets)
        total += bucket.injections == injections ? bucket.entries : 0;
    return total;
}

} // namespace

class TestAuditBuckets final : public QObject {
    Q_OBJECT

private slots:
    void everyEntryOfTheRangeIsCounted()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(20)); // init and demo entries, written by the system just now
        auto session = db.open();
        QVERIFY(session);
        const QDateTime now = session->now();
        // Five seconds into a ten-minute bucket (6 hours in 60 buckets are 10 minutes wide): the
        // oldest two, 20 s apart, share a bucket whatever the clock says, and so do the injections,
        // 5 s apart.
        constexpr qint64 tenMinutes = 600000;
        const auto intoBucket = [](const QDateTime& at) {
            return QDateTime::fromMSecsSinceEpoch(
                at.toMSecsSinceEpoch() / tenMinutes * tenMinutes + 5000, Qt::UTC);
        };
        const QDateTime oldest = intoBucket(now.addSecs(-(5 * 3600 + 50 * 60)));
        const QDateTime injected = intoBucket(now.addSecs(-2 * 3600));
        const QDateTime busy = now.addSecs(-30 * 60);

        QList<AuditEntry> entries;
        WriteTransaction transaction(session->db());
        QVERIFY(transaction.begin().ok());
        auto oldBatch = AuditLog::newBatch(*session, auditActionName(AuditAction::Repair));
        auto busyBatch = AuditLog::newBatch(*session, auditActionName(AuditAction::Repair));
        QVERIFY(oldBatch.ok() && busyBatch.ok());
        entries << entryAt(now.addSecs(-7 * 3600), AuditSource::Gui, AuditAction::Repair); // before the range
        entries << entryAt(oldest, AuditSource::Gui, AuditAction::Repair, *oldBatch)
                << entryAt(oldest.addSecs(20), AuditSource::Gui, AuditAction::Repair, *oldBatch);
        for (int i = 0; i < 4; ++i)
            entries << entryAt(injected.addSecs(i), AuditSource::Qa, AuditAction::Inject);
        entries << entryAt(injected.addSecs(5), AuditSource::Qa, AuditAction::AddSpecialization);
        // Not changes: what the system wrote, and init and demo whoever wrote them.
        entries << entryAt(busy, AuditSource::System, AuditAction::Settings)
                << entryAt(busy, AuditSource::System, AuditAction::Repair)
                << entryAt(busy, AuditSource::Cli, AuditAction::Demo)
                << entryAt(busy, AuditSource::Gui, AuditAction::Init);
        for (int i = 0; i < 3; ++i)
            entries << entryAt(busy.addSecs(i), AuditSource::Cli, AuditAction::SyncProgressToLicense);
        // More than 2,000 changes after the oldest ones (newest of all, but for init and demo).
        for (int i = 0; i < 2100; ++i)
            entries << entryAt(busy.addMSecs(i * 50), AuditSource::Cli, AuditAction::Repair, *busyBatch);
        auto ids = AuditLog::recordMany(*session, entries);
        QVERIFY2(ids.ok(), qPrintable(ids.ok() ? QString() : ids.error().message));
        QVERIFY(transaction.commit().ok());

        auto buckets = AuditLog::changeBuckets(session->db(), now.addSecs(-6 * 3600), now, 60);
        QVERIFY2(buckets.ok(), qPrintable(buckets.ok() ? QString() : buckets.error().message));
        QCOMPARE(totalEntries(*buckets, false), qint64(2 + 3 + 2100));
        QCOMPARE(totalEntries(*buckets, true), qint64(5));

        // Oldest first, whole minutes wide, one width for all; no word of what is not a change.
        const qint64 width = buckets->first().start.msecsTo(buckets->first().end);
        QVERIFY(width >= 60000 && width % 60000 == 0);
        for (qsizetype i = 0; i < buckets->size(); ++i) {
            const AuditChangeBucket& bucket = buckets->at(i);
            QCOMPARE(bucket.start.msecsTo(bucket.end), width);
            QCOMPARE(bucket.start.toMSecsSinceEpoch() % width, qint64(0));
            QVERIFY(i == 0 || buckets->at(i - 1).start <= bucket.start);
            QVERIFY(bucket.first >= bucket.start && bucket.last < bucket.end);
            for (const AuditActionCount& count : bucket.actions)
                QVERIFY2(count.action != auditActionName(AuditAction::Settings)
                        && count.action != auditActionName(AuditAction::Demo)
                        && count.action != auditActionName(AuditAction::Init),
                    qPrintable(count.action));
        }

        // The oldest changes are a bucket of their own: two repairs in one batch.
        const AuditChangeBucket& first = buckets->first();
        QVERIFY(!first.injections);
        QVERIFY(first.start <= oldest && oldest < first.end);
        QCOMPARE(first.entries, qint64(2));
        QCOMPARE(first.batches, qint64(1));
        QCOMPARE(first.actions.size(), qsizetype(1));
        QCOMPARE(first.actions.first().action, auditActionName(AuditAction::Repair));
        QCOMPARE(first.first, oldest);
        QCOMPARE(first.last, oldest.addSecs(20));
        auto listed = AuditLog::entries(session->db(), AuditLog::entriesOf(first));
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), qsizetype(2));
        QCOMPARE(listed->at(0).id, ids->at(1));
        QCOMPARE(listed->at(1).id, ids->at(2));

        // The injections apart, most entries first; their filter lists QA's five entries.
        QList<AuditChangeBucket> injections;
        for (const AuditChangeBucket& bucket : std::as_const(*buckets)) {
            if (bucket.injections)
                injections << bucket;
        }
        QCOMPARE(injections.size(), qsizetype(1));
        QCOMPARE(injections.first().actions.size(), qsizetype(2));
        QCOMPARE(injections.first().actions.at(0).action, auditActionName(AuditAction::Inject));
        QCOMPARE(injections.first().actions.at(0).entries, qint64(4));
        QCOMPARE(injections.first().actions.at(1).action, auditActionName(AuditAction::AddSpecialization));
        QCOMPARE(injections.first().batches, qint64(0));
        const AuditFilter injectionFilter = AuditLog::entriesOf(injections.first());
        QCOMPARE(injectionFilter.source, auditSourceName(AuditSource::Qa));
        auto injectionCount = AuditLog::count(session->db(), injectionFilter);
        QVERIFY(injectionCount.ok());
        QCOMPARE(*injectionCount, qint64(5));

        // The busy repairs and the syncs share the newest buckets; each action counted on its own.
        qint64 repairs = 0;
        qint64 syncs = 0;
        for (const AuditChangeBucket& bucket : std::as_const(*buckets)) {
            for (const AuditActionCount& count : bucket.actions) {
                if (count.action == auditActionName(AuditAction::Repair) && bucket.start > oldest)
                    repairs += count.entries;
                if (count.action == auditActionName(AuditAction::SyncProgressToLicense))
                    syncs += count.entries;
            }
        }
        QCOMPARE(repairs, qint64(2100));
        QCOMPARE(syncs, qint64(3));
    }

    void anEmptyRangeHasNoBuckets()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(0));
        auto session = db.open();
        QVERIFY(session);
        const QDateTime now = session->now();
        auto buckets = AuditLog::changeBuckets(session->db(), now.addSecs(-3600), now, 60);
        QVERIFY(buckets.ok());
        QVERIFY(buckets->isEmpty()); // init is not a change
    }
};

QTEST_MAIN(TestAuditBuckets)
#include "tst_audit_buckets.moc"
