// The violations model pages through a very large run with keyset paging and never holds more
// than ~2,000 rows, yet reaches the last row (and can go back).
#include "JobRunner.h"
#include "TestDatabase.h"
#include "check/RunStore.h"
#include "models/ViolationTableModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

class TestViolationTableModel final : public QObject {
    Q_OBJECT

private slots:
    void holdsAWindowAndReachesTheLastRowOf200kViolations()
    {
        TestDatabase db;
        QVERIFY(db.initialise(10));
        auto writer = RunStore::openWriter(db.profile());
        QVERIFY(writer.ok());
        HealthReport report;
        report.startedAt = QDateTime::currentDateTimeUtc();
        report.totalPairs = 400000;
        report.consistent = 200000;
        report.inconsistent = 200000;
        report.rateHundredths = 5000;
        report.status = RunStatus::Critical;
        auto runId = (*writer)->beginRun(report);
        QVERIFY(runId.ok());
        report.runId = *runId;
        QVERIFY((*writer)->finishRun(report).ok());
        // 200,000 stored violations, as a check would store them (user k, sequence k).
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO cc_violations (run_id, seq, user_id, track, kind, severity, progress_level, "
            "license_level, action, reason) "
            "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 200000) "
            "SELECT %1, k, k, 'LFA_COACH', 'level_mismatch', 'violation', 3, 2, 'sync_progress_to_license', "
            "'license level 2, progress level 3' FROM n")
                            .arg(*runId)));

        SessionOptions options;
        options.profile = db.profile();
        JobRunner jobs(options);
        ViolationTableModel model(&jobs);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The model tester itself pulls pages (it calls fetchMore), so the most rows ever held is
        // recorded on every insertion, not only between our own fetches.
        int mostHeld = 0;
        connect(&model, &QAbstractItemModel::rowsInserted, this,
            [&] { mostHeld = std::max(mostHeld, model.rowCount()); });
        model.setFilter({}, QString());
        QTRY_VERIFY_WITH_TIMEOUT(model.totalCount() >= 0, 20000);
        QCOMPARE(model.totalCount(), 200000);

        int fetches = 0;
        for (;;) {
            QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
            if (!model.canFetchMore({}))
                break;
            model.fetchMore({});
            QVERIFY(++fetches < 1000);
        }
        QVERIFY(mostHeld <= ViolationTableModel::maxRows);
        QVERIFY(model.rowCount() <= ViolationTableModel::maxRows);
        const int last = model.rowCount() - 1;
        QCOMPARE(model.violation(last).sequence, 200000);
        QCOMPARE(model.index(last, ViolationTableModel::UserColumn).data().toLongLong(), 200000);
        QCOMPARE(model.firstRowNumber() + model.rowCount(), 200000);
        QCOMPARE(model.headerData(last, Qt::Vertical).toString(), QStringLiteral("200000"));

        // Scrolling back up brings earlier pages back, still within the window.
        // (The model tester may slide the window down again right after, so the top insertion is
        // observed as it happens.)
        const qint64 first = model.firstRowNumber();
        qint64 topSequence = 0;
        connect(&model, &QAbstractItemModel::rowsInserted, this, [&](const QModelIndex&, int from, int) {
            if (from == 0)
                topSequence = model.violation(0).sequence;
        });
        QVERIFY(model.canFetchPrevious());
        model.fetchPrevious();
        QTRY_COMPARE_WITH_TIMEOUT(topSequence, first - ViolationTableModel::pageSize + 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
        QVERIFY(mostHeld <= ViolationTableModel::maxRows);
    }

    void sortsInSqlAcrossPagesBothWays()
    {
        TestDatabase db;
        QVERIFY(db.initialise(10));
        auto writer = RunStore::openWriter(db.profile());
        QVERIFY(writer.ok());
        HealthReport report;
        report.startedAt = QDateTime::currentDateTimeUtc();
        report.status = RunStatus::Critical;
        auto runId = (*writer)->beginRun(report);
        QVERIFY(runId.ok());
        report.runId = *runId;
        QVERIFY((*writer)->finishRun(report).ok());
        // 5,000 violations whose tracks and kinds interleave, so no order equals key order.
        QVERIFY(db.exec(
            QStringLiteral("INSERT INTO cc_violations (run_id, seq, user_id, track, kind, severity, "
                           "progress_level, license_level, action, reason) "
                           "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 5000) "
                           "SELECT %1, k, k, CASE k % 4 WHEN 0 THEN 'COACH' WHEN 1 THEN 'GANCUJU_PLAYER' "
                           "WHEN 2 THEN 'INTERNSHIP' ELSE 'LFA_COACH' END, "
                           "CASE k % 3 WHEN 0 THEN 'level_mismatch' WHEN 1 THEN 'missing_license' ELSE "
                           "'duplicate_progress' END, "
                           "'violation', 3, 2, 'sync_progress_to_license', 'r' FROM n")
                .arg(*runId)));

        SessionOptions options;
        options.profile = db.profile();
        JobRunner jobs(options);
        ViolationTableModel model(&jobs);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QStringList seen; // every row as it arrives at the end of the window, "track/seq"
        connect(&model, &QAbstractItemModel::rowsInserted, this, [&](const QModelIndex&, int from, int to) {
            if (from == 0 && model.firstRowNumber() > 0)
                return; // a page brought back at the top
            for (int row = from; row <= to; ++row)
                seen << model.violation(row).record.track + u'/'
                        + QString::number(model.violation(row).sequence);
        });
        auto readAll = [&] {
            for (int fetches = 0; fetches < 100; ++fetches) {
                QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
                if (!model.canFetchMore({}))
                    return;
                model.fetchMore({});
            }
            QFAIL("the model never reached the end");
        };

        model.setFilter({}, QString());
        model.sort(ViolationTableModel::TrackColumn, Qt::DescendingOrder);
        QCOMPARE(model.order(), ViolationOrder::Track);
        QVERIFY(model.isDescending());
        readAll();
        QStringList expected;
        {
            auto session = db.open();
            auto query = session->db().exec(
                QStringLiteral("SELECT track, seq FROM cc_violations ORDER BY track DESC, seq DESC"));
            QVERIFY(query.ok());
            while (query->next())
                expected << query->value(0).toString() + u'/' + query->value(1).toString();
        }
        QCOMPARE(seen.size(), 5000);
        QCOMPARE(seen, expected);
        QVERIFY(model.rowCount() <= ViolationTableModel::maxRows);

        // Back up one page: the rows just before the window, in the same order (observed as the
        // page arrives: the model tester may slide the window down again right after).
        const qint64 first = model.firstRowNumber();
        QString top;
        connect(&model, &QAbstractItemModel::rowsInserted, this, [&](const QModelIndex&, int from, int) {
            if (from == 0 && model.firstRowNumber() > 0)
                top = model.violation(0).record.track + u'/' + QString::number(model.violation(0).sequence);
        });
        QVERIFY(model.canFetchPrevious());
        model.fetchPrevious();
        QTRY_COMPARE_WITH_TIMEOUT(top, expected.at(first - ViolationTableModel::pageSize), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);

        // Kind order, ascending, keeps a filter set before it.
        seen.clear();
        ViolationFilter filter;
        filter.track = QStringLiteral("COACH");
        model.setFilter(filter, QString());
        model.sort(ViolationTableModel::KindColumn, Qt::AscendingOrder);
        readAll();
        QCOMPARE(seen.size(), 1250);
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.violation(row - 1).record.kind <= model.violation(row).record.kind);
        QCOMPARE(model.violation(0).record.kind, QStringLiteral("duplicate_progress"));
    }

    void filtersInSql()
    {
        TestDatabase db;
        QVERIFY(checkedDemo(db));
        SessionOptions options;
        options.profile = db.profile();
        JobRunner jobs(options);
        ViolationTableModel model(&jobs);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ViolationFilter filter;
        filter.kind = QStringLiteral("missing_progress");
        model.setFilter(filter, QString());
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            model.totalCount() >= 0, 10000); // counted by a second job, after the first page
        QVERIFY(model.rowCount() > 0);
        QCOMPARE(qint64(model.rowCount()), model.totalCount());
        QCOMPARE(model.totalCount(),
            db.scalar(QStringLiteral("SELECT count(*) FROM cc_violations WHERE kind = 'missing_progress'"))
                .toLongLong());
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.violation(row).record.kind, QStringLiteral("missing_progress"));

        // By email: the user's rows only.
        const qint64 userId = model.violation(0).record.userId;
        const QString email
            = db.scalar(QStringLiteral("SELECT email FROM users WHERE id = ?"), { userId }).toString();
        model.setFilter({}, email);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
        QVERIFY(model.rowCount() >= 1);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.violation(row).record.userId, userId);

        // An unknown email is an error a person can read, not an empty table.
        model.setFilter({}, QStringLiteral("nobody@nowhere.example"));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.lastError().contains(QStringLiteral("Nothing matches")));
    }

    // Each new filter comes right after the previous one's first page, while that filter's count is
    // queued or running: the count is cancelled, and the total shown is only ever the newest filter's.
    void aNewFilterCancelsTheCountOfThePreviousOne()
    {
        TestDatabase db;
        QVERIFY(checkedDemo(db));
        SessionOptions options;
        options.profile = db.profile();
        JobRunner jobs(options);
        ViolationTableModel model(&jobs);
        QList<qint64> totals;
        connect(
            &model, &ViolationTableModel::totalChanged, this, [&](qint64 total) { totals.append(total); });
        QStringList kinds { QStringLiteral("missing_progress"), QStringLiteral("missing_license"),
            QStringLiteral("level_mismatch") };
        auto next = [&] {
            ViolationFilter filter;
            filter.kind = kinds.takeFirst();
            model.setFilter(filter, QString());
        };
        // Queued: after the callback that showed the page and submitted its count, before that
        // count's result (posted later by the worker) is delivered.
        connect(
            &model, &ViolationTableModel::loadingChanged, this,
            [&](bool loading) {
                if (!loading && !kinds.isEmpty())
                    next();
            },
            Qt::QueuedConnection);
        next();
        QTRY_VERIFY_WITH_TIMEOUT(kinds.isEmpty() && model.totalCount() >= 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(jobs.pending(), 0, 10000); // the cancelled counts have ended too
        const qint64 expected = db.scalar(QStringLiteral("SELECT count(*) FROM cc_violations WHERE kind = "
                                                         "'level_mismatch' AND severity = 'violation'"))
                                    .toLongLong();
        QVERIFY(expected > 0);
        QCOMPARE(model.totalCount(), expected);
        // Each filter announced "not counted yet" (-1); only the last one's count followed.
        QCOMPARE(totals, QList<qint64>({ -1, -1, -1, expected }));
        QCOMPARE(model.rowCount(), int(std::min<qint64>(expected, ViolationTableModel::pageSize)));
    }

private:
    // 500 demo users at 30 % desync, checked once: a stored run to page through.
    static bool checkedDemo(TestDatabase& db);
};

#include "check/HealthCheck.h"

bool TestViolationTableModel::checkedDemo(TestDatabase& db)
{
    if (!db.initialise(500, 1, 0.3))
        return false;
    auto session = db.open();
    return session && HealthCheck::run(*session, {}).ok();
}

QTEST_MAIN(TestViolationTableModel)
#include "tst_violationtablemodel.moc"
