// Tamper evidence for the audit (issue 15, docs/RELIABILITY.md): every entry hashes its content and
// its predecessor's hash; `audit --verify` names the first entry that does not fit; revert refuses
// tampered entries and changes nothing; concurrent writers never fork the chain; the migration
// hashes the entries stored before it.

#include "CliTestSupport.h"
#include "schema/AuditChain.h"

#include <QProcess>

using namespace cc;
using namespace cc::test;
using namespace cc::test::cli;

namespace {

QString audit()
{
    return toolTable("audit");
}

// Entry `id`'s stored values in AuditChain::hashedColumns() order, as a tamperer would read them.
QVariantList storedValues(TestDatabase& db, qint64 id)
{
    QVariantList values;
    const QStringList& columns = AuditChain::hashedColumns();
    for (const QString& column : columns) {
        const QVariant value
            = db.scalar(QStringLiteral("SELECT %1 FROM %2 WHERE id = ?").arg(column, audit()), { id });
        if (value.isNull())
            values << QVariant();
        else if (column == u"id" || column.endsWith(QLatin1String("_id")))
            values << QVariant(value.toLongLong());
        else
            values << QVariant(value.toString());
    }
    return values;
}

qint64 maxId(TestDatabase& db)
{
    return db.scalar(QStringLiteral("SELECT max(id) FROM ") + audit()).toLongLong();
}

// Changes entry `id`'s reason and stores a hash that fits the new content (a tamperer who knows
// the scheme but does not rewrite the rest of the chain).
bool rewriteWithHash(TestDatabase& db, qint64 id)
{
    if (!db.exec(QStringLiteral("UPDATE %1 SET reason = 'rewritten' WHERE id = ?").arg(audit()), { id }))
        return false;
    return db.exec(QStringLiteral("UPDATE %1 SET entry_hash = ? WHERE id = ?").arg(audit()),
        { AuditChain::hash(storedValues(db, id)), id });
}

} // namespace

class TestCliAuditChain final : public QObject {
    Q_OBJECT

private slots:
    void wholeAfterWritesAndPrintsTheTail()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(60, 7, 0.3));
        CLI_EXPECT(runOn(db, QStringLiteral("repair-all"), words({ "--apply" })), 0);
        CLI_EXPECT(runOn(db, QStringLiteral("settings"), words({ "--healthy", "98.5" })), 0);
        const qint64 entries = db.count(audit());
        QVERIFY2(entries > 5, "repair-all audits several keys in one batch");
        const CliRun run = runOn(db, QStringLiteral("audit"), words({ "--verify", "--json" }));
        CLI_EXPECT(run, 0);
        const QJsonObject json = jsonObject(run);
        QCOMPARE(json.value(QStringLiteral("whole")).toBool(), true);
        QCOMPARE(json.value(QStringLiteral("entries")).toInteger(), entries);
        const QJsonObject tail = json.value(QStringLiteral("tail")).toObject();
        QCOMPARE(tail.value(QStringLiteral("id")).toInteger(), maxId(db));
        QCOMPARE(tail.value(QStringLiteral("hash")).toString(),
            db.scalar(QStringLiteral("SELECT entry_hash FROM %1 WHERE id = ?").arg(audit()), { maxId(db) })
                .toString());
        QCOMPARE(tail.value(QStringLiteral("hash")).toString().size(), 64);
        const CliRun text = runOn(db, QStringLiteral("audit"), words({ "--verify" }));
        CLI_EXPECT(text, 0);
        QVERIFY2(
            text.out.contains(QStringLiteral("the audit chain is whole: %1 entries").arg(entries).toUtf8()),
            qPrintable(describe(text)));
        QVERIFY2(text.out.contains(tail.value(QStringLiteral("hash")).toString().toUtf8()),
            qPrintable(describe(text)));
    }

    void tamperingIsNamed_data()
    {
        QTest::addColumn<QString>("tamper");
        QTest::addColumn<int>("fromTail"); // the entry tampered with, counted back from the newest
        QTest::addColumn<int>("offset"); // the broken entry, from the entry tampered with
        QTest::addColumn<QString>("problem");
        QTest::newRow("reason edited")
            << QStringLiteral("edit reason") << 2 << 0 << QStringLiteral("content_changed");
        QTest::newRow("row image edited")
            << QStringLiteral("edit after") << 2 << 0 << QStringLiteral("content_changed");
        QTest::newRow("time edited") << QStringLiteral("edit at") << 2 << 0
                                     << QStringLiteral("content_changed");
        QTest::newRow("null made empty (the newest entry)")
            << QStringLiteral("edit track") << 0 << 0 << QStringLiteral("content_changed");
        QTest::newRow("edited and rehashed")
            << QStringLiteral("rehash") << 2 << 1 << QStringLiteral("link_broken");
        QTest::newRow("entry deleted")
            << QStringLiteral("delete") << 2 << 1 << QStringLiteral("entry_deleted");
        QTest::newRow("hash removed")
            << QStringLiteral("null hash") << 2 << 0 << QStringLiteral("content_changed");
    }

    void tamperingIsNamed()
    {
        QFETCH(QString, tamper);
        QFETCH(int, fromTail);
        QFETCH(int, offset);
        QFETCH(QString, problem);
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(60, 7, 0.3));
        CLI_EXPECT(runOn(db, QStringLiteral("repair-all"), words({ "--apply" })), 0);
        CLI_EXPECT(runOn(db, QStringLiteral("env"), words({ "--set", "staging" })), 0);
        const qint64 target = maxId(db) - fromTail;
        const QString set = QStringLiteral("UPDATE %1 SET %2 WHERE id = ?").arg(audit());
        if (tamper == u"edit reason")
            QVERIFY(db.exec(set.arg(QStringLiteral("reason = 'innocent'")), { target }));
        else if (tamper == u"edit after")
            QVERIFY(
                db.exec(set.arg(QStringLiteral(
                            "after_json = replace(after_json, '\"current_level\":', '\"current_level\":1')")),
                    { target }));
        else if (tamper == u"edit at")
            QVERIFY(db.exec(set.arg(QStringLiteral("at = '2020-01-01T00:00:00.000Z'")), { target }));
        else if (tamper == u"edit track")
            QVERIFY(db.count(audit(), QStringLiteral("id = ? AND track IS NULL"), { target }) == 1
                && db.exec(set.arg(QStringLiteral("track = ''")), { target }));
        else if (tamper == u"rehash")
            QVERIFY(rewriteWithHash(db, target));
        else if (tamper == u"delete")
            QVERIFY(db.exec(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(audit()), { target }));
        else if (tamper == u"null hash")
            QVERIFY(db.exec(set.arg(QStringLiteral("entry_hash = NULL")), { target }));
        const qint64 broken = target + offset;
        const QString before = db.snapshot(allToolTables());
        const CliRun run = runOn(db, QStringLiteral("audit"), words({ "--verify", "--json" }));
        CLI_EXPECT(run, 2);
        const QJsonObject found = jsonObject(run).value(QStringLiteral("first_break")).toObject();
        QCOMPARE(jsonObject(run).value(QStringLiteral("whole")).toBool(), false);
        QCOMPARE(found.value(QStringLiteral("id")).toInteger(), broken);
        QCOMPARE(found.value(QStringLiteral("problem")).toString(), problem);
        const CliRun text = runOn(db, QStringLiteral("audit"), words({ "--verify" }));
        CLI_EXPECT(text, 2);
        const QString line = QStringLiteral("the audit chain is broken at entry %1: %2")
                                 .arg(broken)
                                 .arg(QString(problem).replace(u'_', u' '));
        QVERIFY2(text.out.contains(line.toUtf8()), qPrintable(line + u'\n' + describe(text)));
        QCOMPARE(db.snapshot(allToolTables()), before);
    }

    void revertRefusesTamperedEntries_data()
    {
        QTest::addColumn<bool>("batch");
        QTest::addColumn<bool>("rehash");
        QTest::addColumn<bool>("last"); // the batch's last entry, not its second
        QTest::newRow("revert, entry edited") << false << false << false;
        QTest::newRow("revert, entry edited and rehashed") << false << true << false;
        QTest::newRow("revert --batch, one entry edited") << true << false << false;
        // The next entry's link no longer fits: inside the batch, and after it (the settings entry).
        QTest::newRow("revert --batch, one entry edited and rehashed") << true << true << false;
        QTest::newRow("revert --batch, its last entry edited and rehashed") << true << true << true;
    }

    void revertRefusesTamperedEntries()
    {
        QFETCH(bool, batch);
        QFETCH(bool, rehash);
        QFETCH(bool, last);
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(60, 7, 0.3));
        const CliRun repair = runOn(db, QStringLiteral("repair-all"), words({ "--apply", "--json" }));
        CLI_EXPECT(repair, 0);
        const QJsonArray ids = jsonObject(repair).value(QStringLiteral("audit_ids")).toArray();
        QVERIFY(ids.size() >= 4);
        CLI_EXPECT(runOn(db, QStringLiteral("settings"), words({ "--healthy", "98.5" })),
            0); // the tampered entry is not the tail
        const qint64 target = (last ? ids.last() : ids.at(1)).toInteger();
        if (rehash)
            QVERIFY(rewriteWithHash(db, target));
        else
            QVERIFY(
                db.exec(QStringLiteral("UPDATE %1 SET before_json = after_json WHERE id = ?").arg(audit()),
                    { target }));
        const QString before = db.snapshot(platformTables() + allToolTables());
        const qint64 batchId
            = db.scalar(QStringLiteral("SELECT batch_id FROM %1 WHERE id = ?").arg(audit()), { target })
                  .toLongLong();
        const CliRun run = batch
            ? runOn(db, QStringLiteral("revert"), { QStringLiteral("--batch"), QString::number(batchId) })
            : runOn(db, QStringLiteral("revert"), { QString::number(target) });
        CLI_EXPECT(run, 4);
        // A rehashed entry inside the batch is found at the next entry, whose link to it broke.
        const qint64 named = batch && rehash && !last ? ids.at(2).toInteger() : target;
        QString expected = QStringLiteral("audit entry %1 does not fit the audit chain: %2")
                               .arg(named)
                               .arg(rehash ? u"link broken" : u"content changed");
        if (last)
            expected += QStringLiteral(" (at entry %1, the next one)").arg(maxId(db));
        QVERIFY2(QString::fromUtf8(run.err).contains(expected), qPrintable(expected + u'\n' + describe(run)));
        QCOMPARE(db.snapshot(platformTables() + allToolTables()), before);
        // An entry whose neighbours are untouched still reverts.
        CLI_EXPECT(runOn(db, QStringLiteral("revert"),
                       { QString::number((last ? ids.first() : ids.last()).toInteger()) }),
            0);
    }

    // Writers in parallel processes: each takes the tail under the write lock, so none forks the
    // chain and none fails on the one-successor index.
    void concurrentWritersKeepOneChain()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(40, 3, 0.0));
        const qint64 before = db.count(audit());
        constexpr int writers = 8;
        QList<qint64> users;
        for (qint64 user = 1; users.size() < writers && user < 40; ++user) {
            if (db.count(QStringLiteral("specialization_progress"),
                    QStringLiteral("student_id = ? AND specialization_id = 'PLAYER'"), { user })
                == 1)
                users << user;
        }
        QCOMPARE(users.size(), writers);
        QList<QProcess*> processes;
        for (qint64 user : std::as_const(users)) {
            auto* process = new QProcess(this);
            process->start(qEnvironmentVariable("CC_BINARY"),
                QStringList { QStringLiteral("update-progress"), QStringLiteral("--user"),
                    QString::number(user), QStringLiteral("--spec"), QStringLiteral("PLAYER"),
                    QStringLiteral("--sessions"), QStringLiteral("3") }
                    + db.cliArguments());
            processes << process;
        }
        for (QProcess* process : std::as_const(processes)) {
            QVERIFY(process->waitForFinished(120000));
            QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
        }
        qDeleteAll(processes);
        QCOMPARE(db.count(audit()), before + writers);
        const CliRun run = runOn(db, QStringLiteral("audit"), words({ "--verify", "--json" }));
        CLI_EXPECT(run, 0);
        QCOMPARE(jsonObject(run).value(QStringLiteral("entries")).toInteger(), before + writers);
    }

    // A database written before the chain: init migrates it and hashes the old entries in order.
    void migrationHashesExistingEntries()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(60, 7, 0.3));
        CLI_EXPECT(runOn(db, QStringLiteral("repair-all"), words({ "--apply" })), 0);
        const qint64 entries = db.count(audit());
        const QString index = TestDatabase::isPostgres() ? QStringLiteral("coupling_console.audit_prev")
                                                         : QStringLiteral("cc_audit_prev");
        QVERIFY(db.exec(QStringLiteral("DROP INDEX ") + index));
        for (const char* column : { "prev_id", "prev_hash", "entry_hash" })
            QVERIFY(
                db.exec(QStringLiteral("ALTER TABLE %1 DROP COLUMN %2").arg(audit(), QLatin1String(column))));
        QVERIFY(db.exec(QStringLiteral("DELETE FROM %1 WHERE version = 4").arg(toolTable("schema_version"))));
        CLI_EXPECT(runOn(db, QStringLiteral("audit"), words({ "--verify" })),
            5); // no chain yet: an SQL error, not "whole"
        CLI_EXPECT(runOn(db, QStringLiteral("init")), 0);
        const CliRun run = runOn(db, QStringLiteral("audit"), words({ "--verify", "--json" }));
        CLI_EXPECT(run, 0);
        QCOMPARE(jsonObject(run).value(QStringLiteral("entries")).toInteger(), entries + 1);
        QCOMPARE(db.count(audit(), QStringLiteral("entry_hash IS NULL")), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliAuditChain)
#include "tst_cli_audit_chain.moc"
