// Permissions and settings over time (issue 15, docs/RELIABILITY.md): a write re-reads the environment,
// the operator and the settings inside each of its transactions, so a change committed elsewhere
// stops the next chunk, and settings changes chain their audit's before and after.
#include "TestDatabase.h"
#include "administration/Administration.h"
#include "audit/AuditLog.h"
#include "write/Repair.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace cc;
using cc::test::TestDatabase;
using cc::test::toolTable;

namespace {

QJsonObject auditJson(TestDatabase& db, const char* column, qint64 id)
{
    const QString text = db.scalar(QStringLiteral("SELECT %1 FROM %2 WHERE id = ?")
                                       .arg(QLatin1String(column), toolTable("audit")),
                               { id })
                             .toString();
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

class TestOverTime final : public QObject {
    Q_OBJECT

private slots:
    // `repair-all` as the system in development: another session sets production after the first
    // chunk committed. The next chunk is refused; nothing is committed after the change.
    void environmentChangeStopsTheNextChunk()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(40000));
        auto session = db.open();
        QVERIFY(session);
        auto keys = Repair::keysToRepair(*session, nullptr);
        QVERIFY(keys.ok());
        QVERIFY2(keys->size() > 600, qPrintable(QStringLiteral("only %1 keys to repair").arg(keys->size())));

        qint64 auditedAtChange = -1;
        RepairOptions options;
        options.createLicenses = true;
        options.progress = [&](qint64 done, qint64 total) {
            if (auditedAtChange >= 0 || done >= total)
                return;
            auto other = db.open();
            QVERIFY(other);
            QVERIFY(Administration::setEnvironment(*other, Environment::Production).ok());
            auditedAtChange = db.count(toolTable("audit"));
        };
        auto outcome = Repair::repairAll(*session, options);
        QVERIFY2(auditedAtChange > 0, "the environment was never changed between chunks");
        QVERIFY2(!outcome.ok(), "repair-all went on after the environment became production");
        QCOMPARE(outcome.error().code, ErrorCode::Refused);
        QVERIFY2(outcome.error().message.contains(QStringLiteral("stopped"))
                && outcome.error().message.contains(QStringLiteral("production")),
            qPrintable(outcome.error().message));
        QVERIFY2(outcome.error().message.contains(QStringLiteral("were committed before the error")),
            qPrintable(outcome.error().message));
        QCOMPARE(db.count(toolTable("audit")), auditedAtChange);
    }

    // An operator deactivated on the platform while their write runs is stopped at the next transaction.
    void deactivatedOperatorIsStopped()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(40000));
        const qint64 admin = db.addUser(QStringLiteral("admin@x.test"), QStringLiteral("admin"));
        auto session = db.open(QStringLiteral("admin@x.test"));
        QVERIFY(session);
        qint64 auditedAtChange = -1;
        RepairOptions options;
        options.progress = [&](qint64 done, qint64 total) {
            if (auditedAtChange >= 0 || done >= total)
                return;
            QVERIFY(db.exec(QStringLiteral("UPDATE users SET is_active = ? WHERE id = ?"), { false, admin }));
            auditedAtChange = db.count(toolTable("audit"));
        };
        auto outcome = Repair::repairAll(*session, options);
        QVERIFY2(auditedAtChange > 0, "the operator was never deactivated between chunks");
        QVERIFY2(!outcome.ok() && outcome.error().message.contains(QStringLiteral("not an active user")),
            outcome.ok() ? "repair-all went on" : qPrintable(outcome.error().message));
        QCOMPARE(db.count(toolTable("audit")), auditedAtChange);
    }

    // Two settings changes from sessions loaded at the same time: neither is lost, and the second's
    // audited `before` is the first's `after` (the chain of C4).
    void settingsChangesChainTheirAudit()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        auto first = db.open();
        auto second = db.open();
        QVERIFY(first && second);
        auto a = Administration::setThresholds(*first, QStringLiteral("98"), std::nullopt);
        QVERIFY(a.ok());
        auto b = Administration::setThresholds(*second, std::nullopt, QStringLiteral("90"));
        QVERIFY2(b.ok(), b.ok() ? "" : qPrintable(b.error().message));
        QCOMPARE(db.scalar(QStringLiteral("SELECT value FROM %1 WHERE key = 'healthy_threshold'")
                               .arg(toolTable("settings")))
                     .toString(),
            QStringLiteral("9800"));
        QCOMPARE(db.scalar(QStringLiteral("SELECT value FROM %1 WHERE key = 'degraded_threshold'")
                               .arg(toolTable("settings")))
                     .toString(),
            QStringLiteral("9000"));
        QCOMPARE(auditJson(db, "before_json", *b), auditJson(db, "after_json", *a));

        // The same for the environment.
        auto e1 = Administration::setEnvironment(*first, Environment::Staging);
        QVERIFY(e1.ok());
        auto e2 = Administration::setEnvironment(*second, Environment::Development);
        QVERIFY(e2.ok());
        QCOMPARE(auditJson(db, "before_json", *e2), auditJson(db, "after_json", *e1));
    }

    // The same race with real concurrency: 8 threads each lower the degraded threshold by a different
    // step; every change is kept in the chain (each `before` is another's `after`).
    void concurrentSettingsChangesQueue()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        const auto profile = db.profile();
        std::vector<std::thread> threads;
        std::atomic<int> failures = 0;
        for (int i = 0; i < 8; ++i)
            threads.emplace_back([&, i] {
                SessionOptions options;
                options.profile = profile;
                auto session = Session::open(options);
                if (!session
                    || !Administration::setThresholds(**session, std::nullopt, QString::number(80 + i)).ok())
                    ++failures;
            });
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
        auto query
            = QStringLiteral("SELECT before_json, after_json FROM %1 WHERE action = 'settings' ORDER BY id")
                  .arg(toolTable("audit"));
        QStringList befores, afters;
        auto session = db.open();
        auto rows = session->db().exec(query);
        QVERIFY(rows.ok());
        while (rows->next()) {
            befores << rows->value(0).toString();
            afters << rows->value(1).toString();
        }
        QCOMPARE(befores.size(), 8);
        for (int i = 1; i < 8; ++i)
            QCOMPARE(QJsonDocument::fromJson(befores.at(i).toUtf8()),
                QJsonDocument::fromJson(afters.at(i - 1).toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestOverTime)
#include "tst_over_time.moc"
