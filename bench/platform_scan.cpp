// The platform's own consistency scan, reproduced as the baseline for goal 2 of issue 4:
// read every progress row, then for each one run two more queries (its license rows; its
// progress rows for the same user and track): N + 1 round trips. Read-only; one read transaction.
//
//   cc_platform_scan (--db FILE | --pg CONNINFO) [--pairs N]
// prints one line: "rows=<progress rows> scanned=<rows checked> keys=<distinct keys> mismatched=<n>
// queries=<n> ms=<n> estimated_ms=<n>"
//
// --pairs N checks only the first N progress rows. On the platform's own schema (no index on the
// key columns) every per-row query reads a whole table, so each row costs the same and the whole
// scan is estimated as the outer read plus the mean cost per checked row times all rows
// (estimated_ms; equal to ms when every row was checked).

#include "database/ConnectionProfile.h"
#include "database/Database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>
#include <QSqlQuery>
#include <QStringList>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

using namespace cc;

namespace {

// The platform compares the stored spellings after its own alias table (C2).
QString canonical(QString id)
{
    while (id.endsWith(u' '))
        id.chop(1);
    if (id == QStringLiteral("PLAYER"))
        return QStringLiteral("GANCUJU_PLAYER");
    if (id == QStringLiteral("COACH"))
        return QStringLiteral("LFA_COACH");
    return id;
}

QStringList spellings(const QString& track)
{
    if (track == QStringLiteral("GANCUJU_PLAYER"))
        return { track, QStringLiteral("PLAYER") };
    if (track == QStringLiteral("LFA_COACH"))
        return { track, QStringLiteral("COACH") };
    return { track };
}

int fail(const QString& message)
{
    std::fprintf(stderr, "cc_platform_scan: %s\n", qPrintable(message));
    return 5;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    bool number = true;
    const qint64 pairs = args.size() == 5 ? args.at(4).toLongLong(&number) : -1;
    if ((args.size() != 3 && args.size() != 5)
        || (args.at(1) != QStringLiteral("--db") && args.at(1) != QStringLiteral("--pg"))
        || (args.size() == 5 && (args.at(3) != QStringLiteral("--pairs") || !number || pairs < 1)))
        return fail(QStringLiteral("usage: cc_platform_scan (--db FILE | --pg CONNINFO) [--pairs N]"));
    ConnectionProfile profile;
    if (args.at(1) == QStringLiteral("--db")) {
        profile = ConnectionProfile::sqlite(args.at(2));
    } else {
        auto parsed = ConnectionProfile::fromConninfo(args.at(2));
        if (!parsed)
            return fail(parsed.error().message);
        profile = *parsed;
    }
    profile.readOnly = true;
    auto opened = Database::open(profile, Database::OpenMode::MustExist);
    if (!opened)
        return fail(opened.error().message);
    Database& db = **opened;

    QElapsedTimer timer;
    timer.start();
    if (!db.runDirect(db.dialect().beginSnapshotRead()))
        return fail(QStringLiteral("BEGIN failed"));

    // The outer query is read completely first (the platform's ORM loads the list), so the
    // per-row queries can run on the same connection.
    struct Row {
        qint64 user;
        QString track;
    };
    std::vector<Row> rows;
    {
        auto outer = db.exec(
            QStringLiteral("SELECT student_id, specialization_id FROM specialization_progress ORDER BY id"));
        if (!outer)
            return fail(outer.error().message);
        while (outer->next())
            rows.push_back({ outer->value(0).toLongLong(), canonical(outer->value(1).toString()) });
    }
    const qint64 outerMs = timer.elapsed();
    const qint64 scanned = pairs < 0 ? qint64(rows.size()) : std::min(pairs, qint64(rows.size()));

    QSqlQuery license(db.connection());
    QSqlQuery progress(db.connection());
    license.setForwardOnly(true);
    progress.setForwardOnly(true);
    license.prepare(QStringLiteral(
        "SELECT current_level FROM user_licenses WHERE user_id = ? AND specialization_type IN (?, ?)"));
    progress.prepare(QStringLiteral("SELECT current_level FROM specialization_progress WHERE student_id = ? "
                                    "AND specialization_id IN (?, ?)"));
    qint64 queries = 1;
    qint64 mismatched = 0;
    QSet<QString> seen;
    for (qint64 i = 0; i < scanned; ++i) {
        const Row& row = rows.at(std::size_t(i));
        const QStringList names = spellings(row.track);
        const QString alt = names.size() > 1 ? names.at(1) : names.at(0);
        license.bindValue(0, row.user);
        license.bindValue(1, names.at(0));
        license.bindValue(2, alt);
        if (!license.exec())
            return fail(QStringLiteral("license query failed"));
        QList<qint64> licenseLevels;
        while (license.next())
            licenseLevels << license.value(0).toLongLong();
        progress.bindValue(0, row.user);
        progress.bindValue(1, names.at(0));
        progress.bindValue(2, alt);
        if (!progress.exec())
            return fail(QStringLiteral("progress query failed"));
        QList<qint64> progressLevels;
        while (progress.next())
            progressLevels << progress.value(0).toLongLong();
        queries += 2;
        const QString key = QString::number(row.user) + u'/' + row.track;
        if (seen.contains(key))
            continue;
        seen.insert(key);
        if (licenseLevels.size() != 1 || progressLevels.size() != 1
            || licenseLevels.first() != progressLevels.first())
            ++mismatched;
    }
    (void)db.runDirect(QStringLiteral("COMMIT"));
    const qint64 ms = timer.elapsed();
    const double perRow = scanned > 0 ? double(ms - outerMs) / double(scanned) : 0.0;
    const qint64 estimated = outerMs + qint64(perRow * double(rows.size()) + 0.5);
    QTextStream(stdout) << "rows=" << rows.size() << " scanned=" << scanned << " keys=" << seen.size()
                        << " mismatched=" << mismatched << " queries=" << queries << " ms=" << ms
                        << " estimated_ms=" << estimated << Qt::endl;
    return 0;
}
