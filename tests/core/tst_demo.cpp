// demo (docs/BEHAVIOUR.md C6): it plants exactly what its manifest says, and the same arguments give the
// same check on SQLite and PostgreSQL.
#include "TestDatabase.h"
#include "administration/Administration.h"
#include "check/HealthCheck.h"

#include <QTest>

using namespace cc;
using cc::test::TestDatabase;

namespace {

HealthReport checkOf(const ConnectionProfile& profile)
{
    SessionOptions options;
    options.profile = profile;
    auto session = Session::open(options);
    if (!session)
        return {};
    auto report = HealthCheck::run(**session, {});
    return report ? *report : HealthReport {};
}

QStringList violationLines(const HealthReport& report)
{
    QStringList lines;
    for (const ViolationRecord& v : report.violations)
        lines << QStringLiteral("%1 %2 %3 %4 %5 %6")
                     .arg(v.userId)
                     .arg(v.track, v.kind)
                     .arg(v.progressLevel.value_or(-1))
                     .arg(v.licenseLevel.value_or(-1))
                     .arg(v.action);
    return lines;
}

} // namespace

class TestDemo final : public QObject {
    Q_OBJECT

private slots:
    void manifestMatchesTheCheck()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        auto manifest = Administration::demo(db.profile(), { 3000, 7, 0.05 }, QStringLiteral("cli"));
        QVERIFY2(manifest.ok(), manifest.ok() ? "" : qPrintable(manifest.error().message));
        QCOMPARE(manifest->users, 3000);
        QVERIFY(manifest->desynced > 0);
        const HealthReport report = checkOf(db.profile());
        QCOMPARE(report.totalPairs, manifest->keys);
        for (int i = 0; i < violationKindCount; ++i) {
            QVERIFY2(manifest->planted[i] > 0, qPrintable(DemoManifest::kindAt(i)));
            QCOMPARE(report.byKind[i], manifest->planted[i]);
        }
        for (int i = 0; i < warningKindCount; ++i)
            QCOMPARE(report.warnings[i], manifest->planted[violationKindCount + i]);
        QVERIFY(manifest->planted[int(ViolationKind::SpellingMismatch)] > 0);
        // About one user in 200 is an instructor holding an LFA_COACH license and no progress (C6).
        QVERIFY2(manifest->staffCredentials >= 5 && manifest->staffCredentials <= 30,
            qPrintable(QString::number(manifest->staffCredentials)));
        QCOMPARE(report.staffCredentials, manifest->staffCredentials);
        QCOMPARE(db.count(QStringLiteral("users"), QStringLiteral("role = 'instructor' AND id > 2")),
            manifest->staffCredentials);
        QCOMPARE(db.count(QStringLiteral("user_licenses"),
                     QStringLiteral("specialization_type = 'LFA_COACH' AND user_id IN (SELECT id FROM users "
                                    "WHERE role = 'instructor' AND id > 2)")),
            manifest->staffCredentials);
        QCOMPARE(
            db.count(QStringLiteral("specialization_progress"),
                QStringLiteral("student_id IN (SELECT id FROM users WHERE role = 'instructor' AND id > 2)")),
            0);
        // Every pair the demo did not desync stores one spelling on both sides.
        QCOMPARE(report.consistent,
            manifest->keys - manifest->desynced + manifest->planted[violationKindCount]
                + manifest->planted[violationKindCount + 1] + manifest->planted[violationKindCount + 2]);
        QCOMPARE(db.count(QStringLiteral("users"),
                     QStringLiteral("email = 'admin@demo.local' AND role = 'admin'")),
            1);
        QCOMPARE(db.count(QStringLiteral("users"), QStringLiteral("password_hash NOT LIKE '$2b$%'")), 0);
        auto session = db.open();
        QCOMPARE(session->environment(), Environment::Development);
    }

    void demoRefusesATableWithRows()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(50));
        const QString before = db.snapshot({ QStringLiteral("users") });
        auto again = Administration::demo(db.profile(), { 50, 1, 0.02 }, QStringLiteral("cli"));
        QVERIFY(!again.ok());
        QCOMPARE(exitCodeFor(again.error().code), 4);
        QCOMPARE(db.snapshot({ QStringLiteral("users") }), before);
    }

    void sameArgumentsGiveTheSameCheckOnBothEngines()
    {
        TestDatabase db; // this run's dialect
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(1500, 42, 0.1));
        // The other engine: a SQLite file beside it (on the sqlite run: a second SQLite file).
        QTemporaryDir dir;
        const ConnectionProfile other = ConnectionProfile::sqlite(dir.filePath(QStringLiteral("other.db")));
        QVERIFY(Administration::demo(other, { 1500, 42, 0.1 }, QStringLiteral("cli")).ok());
        const HealthReport a = checkOf(db.profile());
        const HealthReport b = checkOf(other);
        QCOMPARE(a.totalPairs, b.totalPairs);
        QCOMPARE(a.consistent, b.consistent);
        QCOMPARE(a.rateHundredths, b.rateHundredths);
        QCOMPARE(a.status, b.status);
        QVERIFY(a.byKind == b.byKind);
        QVERIFY(a.warnings == b.warnings);
        QCOMPARE(a.staffCredentials, b.staffCredentials);
        QVERIFY(a.staffCredentials > 0);
        QCOMPARE(a.byTrack.keys(), b.byTrack.keys());
        QCOMPARE(violationLines(a), violationLines(b));
        QVERIFY(!violationLines(a).isEmpty());
        // Different seeds plant different keys.
        QTemporaryDir third;
        const ConnectionProfile reseeded
            = ConnectionProfile::sqlite(third.filePath(QStringLiteral("third.db")));
        QVERIFY(Administration::demo(reseeded, { 1500, 43, 0.1 }, QStringLiteral("cli")).ok());
        QVERIFY(violationLines(checkOf(reseeded)) != violationLines(a));
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
