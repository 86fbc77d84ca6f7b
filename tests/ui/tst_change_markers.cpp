// The rate chart's change markers (issue 18), in the real main window offscreen, on both engines: a
// repair older than the newest 2,000 changes still has its marker; the marker's tooltip says what
// happened and how often; clicking it opens the Audit log on exactly those entries, and an
// injection's marker opens QA's entries.
#include "GuiTestSupport.h"

#include "audit/AuditLog.h"
#include "charts/RateHistoryChart.h"
#include "database/WriteTransaction.h"
#include "models/AuditTableModel.h"
#include "pages/AuditPage.h"

#include <QComboBox>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QScatterSeries>
#include <QToolTip>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

namespace {

AuditEntry planted(const QDateTime& at, AuditSource source, AuditAction action, std::optional<qint64> batch)
{
    AuditEntry entry;
    entry.at = at;
    entry.source = auditSourceName(source);
    entry.action = auditActionName(action);
    entry.batchId = batch;
    return entry;
}

// A minute past the whole hour before `at`. The chart's buckets start on the clock (30 minutes wide
// over 24 hours), so a group planted there lies in one bucket; planted at any moment, a group
// spanning 21 seconds straddled two buckets about once in 90 runs.
QDateTime pastTheHour(const QDateTime& at)
{
    return QDateTime::fromSecsSinceEpoch(at.toSecsSinceEpoch() / 3600 * 3600 + 60, Qt::UTC);
}

QList<qint64> listedIds(AuditTableModel* model)
{
    QList<qint64> ids;
    for (int row = 0; row < model->rowCount(); ++row)
        ids << model->entry(row).id;
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace

class TestChangeMarkers final : public QObject {
    Q_OBJECT

private:
    QList<qint64> m_repairs;
    QList<qint64> m_injections;

    // Three repairs in one batch about 20 hours ago, two injections about 3 hours ago, then 2,100
    // repairs about an hour ago: the newest 2,000 changes are all of the last.
    bool plant(TestDatabase& db)
    {
        auto session = db.open();
        if (!session)
            return false;
        const QDateTime now = session->now();
        WriteTransaction transaction(session->db());
        if (!transaction.begin().ok())
            return false;
        auto old = AuditLog::newBatch(*session, auditActionName(AuditAction::Repair));
        auto busy = AuditLog::newBatch(*session, auditActionName(AuditAction::Repair));
        if (!old.ok() || !busy.ok())
            return false;
        QList<AuditEntry> entries;
        for (int i = 0; i < 3; ++i)
            entries << planted(
                pastTheHour(now.addSecs(-20 * 3600)).addSecs(i), AuditSource::Gui, AuditAction::Repair, *old);
        for (int i = 0; i < 2; ++i)
            entries << planted(
                pastTheHour(now.addSecs(-3 * 3600)).addSecs(i), AuditSource::Qa, AuditAction::Inject, {});
        for (int i = 0; i < 2100; ++i)
            entries << planted(pastTheHour(now.addSecs(-3600)).addMSecs(i * 10), AuditSource::Cli,
                AuditAction::Repair, *busy);
        auto ids = AuditLog::recordMany(*session, entries);
        if (!ids.ok() || !transaction.commit().ok())
            return false;
        m_repairs = ids->mid(0, 3);
        m_injections = ids->mid(3, 2);
        return true;
    }

private slots:
    void initTestCase() { prepareGuiTests(QStringLiteral("CouplingConsoleChangeMarkerTests")); }

    void anOldRepairIsMarkedDescribedAndOpened()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(20), qPrintable(db.error()));
        QVERIFY(plant(db));
        auto window = openWindow(db);
        waitForIdle(*window);
        auto* chart = child<RateHistoryChart>(window.get(), "rateChart");
        QCOMPARE(child<QComboBox>(window.get(), "historyRange")->currentData().toLongLong(), 86400);

        // Two markers of changes (the old batch and the busy hour), one of injections, all inside the plot.
        QTRY_COMPARE_WITH_TIMEOUT(chart->repairSeries()->count(), 2, 10000);
        QCOMPARE(chart->injectionSeries()->count(), 1);
        auto* axis = qobject_cast<QDateTimeAxis*>(chart->chart()->axes(Qt::Horizontal).first());
        for (const QScatterSeries* series : { chart->repairSeries(), chart->injectionSeries() }) {
            for (const QPointF& point : series->points()) {
                QVERIFY(point.x() > double(axis->min().toMSecsSinceEpoch()));
                QVERIFY(point.x() < double(axis->max().toMSecsSinceEpoch()));
            }
        }
        QVERIFY(chart->repairSeries()->color() != chart->injectionSeries()->color());
        QVERIFY(chart->repairSeries()->color() != chart->rateSeries()->pen().color());

        // The oldest marker is the old batch: its tooltip names the count.
        const QPointF old = chart->repairSeries()->at(0);
        const AuditChangeBucket* bucket = chart->bucketAt(chart->repairSeries(), old);
        QVERIFY(bucket);
        QCOMPARE(bucket->entries, qint64(3));
        emit chart->repairSeries()->hovered(old, true);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral("Repair: 3 entry(ies) (1 batch(es))")),
            qPrintable(QToolTip::text()));
        QCOMPARE(QToolTip::text(), chart->describe(*bucket));
        emit chart->repairSeries()->hovered(old, false);

        // A click opens the Audit log on exactly those three entries.
        emit chart->repairSeries()->clicked(old);
        QCOMPARE(window->currentPage(), int(MainWindow::Audit));
        AuditTableModel* model = window->findChild<AuditPage*>()->model();
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() == 3, 10000);
        QCOMPARE(listedIds(model), m_repairs);

        // The injection's marker opens QA's two entries.
        window->setCurrentPage(MainWindow::Dashboard);
        const QPointF injection = chart->injectionSeries()->at(0);
        QVERIFY(chart->describe(*chart->bucketAt(chart->injectionSeries(), injection))
                    .contains(QStringLiteral("QA injection: 2 entry(ies)")));
        emit chart->injectionSeries()->clicked(injection);
        QCOMPARE(window->currentPage(), int(MainWindow::Audit));
        QCOMPARE(child<QComboBox>(window.get(), "auditSource")->currentData().toString(),
            auditSourceName(AuditSource::Qa));
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() == 2, 10000);
        QCOMPARE(listedIds(model), m_injections);
    }
};

QTEST_MAIN(TestChangeMarkers)
#include "tst_change_markers.moc"
