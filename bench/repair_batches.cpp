// Goal 5 of issue 4 without process start or the check: the keys of the latest stored run (run
// `coupling-console check` first) repaired as `repair-all --apply --create-licenses` repairs them,
// with a chosen number of keys per transaction. 1 is one commit per key; 500 is repair-all's batch.
//
//   cc_repair_batches (--db FILE | --pg CONNINFO) --keys-per-transaction N
// prints one line: "keys=<keys planned> changed=<n> skipped=<n> transactions=<n> ms=<n> keys_per_s=<n>"

#include "database/ConnectionProfile.h"
#include "session/Session.h"
#include "write/Repair.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

#include <cstdio>

using namespace cc;

namespace {

int fail(const QString& message)
{
    std::fprintf(stderr, "cc_repair_batches: %s\n", qPrintable(message));
    return 5;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    bool number = false;
    const int perTransaction = args.size() == 5 ? args.at(4).toInt(&number) : 0;
    if (args.size() != 5 || (args.at(1) != QStringLiteral("--db") && args.at(1) != QStringLiteral("--pg"))
        || args.at(3) != QStringLiteral("--keys-per-transaction") || !number || perTransaction < 1)
        return fail(
            QStringLiteral("usage: cc_repair_batches (--db FILE | --pg CONNINFO) --keys-per-transaction N"));
    SessionOptions options;
    if (args.at(1) == QStringLiteral("--db")) {
        options.profile = ConnectionProfile::sqlite(args.at(2));
    } else {
        auto parsed = ConnectionProfile::fromConninfo(args.at(2));
        if (!parsed)
            return fail(parsed.error().message);
        options.profile = *parsed;
    }
    auto session = Session::open(options);
    if (!session)
        return fail(session.error().message);
    auto keys = Repair::keysToRepair(**session, nullptr);
    if (!keys)
        return fail(keys.error().message);

    RepairOptions repair;
    repair.createLicenses = true;
    WriteOptions write;
    write.batch = true;
    write.batchAction = QStringLiteral("repair-all");
    write.keysPerTransaction = perTransaction;
    QElapsedTimer timer;
    timer.start();
    auto outcome = CouplingWriter::run(**session, *keys, Repair::planner(repair), write);
    const qint64 ms = timer.elapsed();
    if (!outcome)
        return fail(outcome.error().message);
    std::printf("keys=%lld changed=%lld skipped=%lld transactions=%lld ms=%lld keys_per_s=%.0f\n",
        qlonglong(keys->size()), qlonglong(outcome->applied.size()), qlonglong(outcome->skipped.size()),
        qlonglong((keys->size() + perTransaction - 1) / perTransaction), qlonglong(ms),
        ms > 0 ? double(outcome->applied.size()) * 1000.0 / double(ms) : 0.0);
    return 0;
}
