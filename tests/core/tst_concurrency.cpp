// Races (docs/BEHAVIOUR.md C5): writers on separate connections creating the same missing rows at once
// end with one row each; concurrent updates lose no XP.
#include "TestDatabase.h"
#include "check/HealthCheck.h"
#include "write/Operations.h"

#include <QTest>

#include <atomic>
#include <latch>
#include <thread>

using namespace cc;
using cc::test::TestDatabase;

class TestConcurrency final : public QObject {
    Q_OBJECT

private slots:
    void racingCreatorsMakeOneRowEach()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        db.addUser(QStringLiteral("admin@x"), QStringLiteral("admin"));
        QList<qint64> users;
        for (int i = 0; i < 12; ++i)
            users << db.addUser(QStringLiteral("racer%1@x").arg(i));

        constexpr int writers = 4;
        constexpr int rounds = 5;
        std::latch start(writers);
        std::atomic_int failures { 0 };
        std::vector<std::thread> threads;
        QStringList errors;
        QMutex errorsMutex;
        for (int w = 0; w < writers; ++w) {
            threads.emplace_back([&, w] {
                auto session = db.open(QStringLiteral("admin@x"));
                start.arrive_and_wait();
                if (!session) {
                    ++failures;
                    return;
                }
                for (int round = 0; round < rounds; ++round) {
                    for (qsizetype i = 0; i < users.size(); ++i) {
                        // Alternate spellings: both map to the same key.
                        const QString spec
                            = (i + w) % 2 ? QStringLiteral("PLAYER") : QStringLiteral("GANCUJU_PLAYER");
                        auto track = Operations::resolveTrack(*session, spec);
                        auto update = Operations::updateProgress(
                            *session, { users.at(i), *track }, { 100, 1, 0, 0, 0 });
                        if (!update) {
                            ++failures;
                            QMutexLocker lock(&errorsMutex);
                            errors << update.error().message;
                        }
                    }
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        QVERIFY2(failures == 0, qPrintable(errors.join(u'\n')));
        for (qint64 user : std::as_const(users)) {
            QCOMPARE(db.count(QStringLiteral("specialization_progress"), QStringLiteral("student_id = ?"),
                         { user }),
                1);
            QCOMPARE(db.count(QStringLiteral("user_licenses"), QStringLiteral("user_id = ?"), { user }), 1);
            QCOMPARE(
                db.scalar(QStringLiteral("SELECT total_xp FROM specialization_progress WHERE student_id = ?"),
                      { user })
                    .toInt(),
                writers * rounds * 100);
            QCOMPARE(
                db.scalar(QStringLiteral(
                              "SELECT completed_sessions FROM specialization_progress WHERE student_id = ?"),
                      { user })
                    .toInt(),
                writers * rounds);
        }
        // One audit entry per successful operation.
        auto session = db.open();
        QCOMPARE(db.count(session->db().tool("audit"), QStringLiteral("action = 'update_progress'")),
            writers * rounds * users.size());
        auto report = HealthCheck::run(*session, {});
        QVERIFY(report.ok());
        QCOMPARE(report->inconsistent, 0);
    }
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
