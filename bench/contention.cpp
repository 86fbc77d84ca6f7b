// Goal 6 of issue 4, the tool's side: N clients × M coupled updates (`update-progress --xp 1`, the
// engine's Operations::updateProgress) on the same contended keys, each client a thread with its own
// Session and connection, as pgbench's clients are. Compared by bench/run.sh with pgbench running the
// same statements (bench/coupled_update.sql) on the same server.
//
//   cc_contention --pg CONNINFO --keys FILE [--clients 8] [--transactions 2000]
//
// FILE holds one "user_id|specialization_id" per line; client w's t-th update takes line
// (w * 13 + t * 7) % lines. Prints one tab-separated line per figure: name, value, unit.
#include "database/ConnectionProfile.h"
#include "session/Session.h"
#include "write/Operations.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <thread>

using namespace cc;

namespace {

struct Client {
    QList<double> latenciesMs;
    int failed = 0;
    QString firstError;
};

void runClient(const ConnectionProfile& profile, const QList<std::pair<qint64, QString>>& keys, int client,
    int transactions, Client* out)
{
    SessionOptions options;
    options.profile = profile;
    options.source = QStringLiteral("bench");
    options.connectionName = QStringLiteral("contention-%1").arg(client);
    auto session = Session::open(options);
    if (!session) {
        out->failed = transactions;
        out->firstError = session.error().message;
        return;
    }
    for (int t = 0; t < transactions; ++t) {
        const auto& [user, spec] = keys.at((client * 13 + t * 7) % keys.size());
        QElapsedTimer timer;
        timer.start();
        auto track = Operations::resolveTrack(**session, spec);
        auto updated = track ? Operations::updateProgress(**session, { user, *track }, { 1, 0, 0, 0, 0 })
                             : Result<ProgressUpdate>(track.error());
        out->latenciesMs.append(timer.nsecsElapsed() / 1e6);
        if (!updated) {
            ++out->failed;
            if (out->firstError.isEmpty())
                out->firstError = updated.error().message;
        }
    }
}

void report(const char* name, double value, const char* unit)
{
    std::printf("%s\t%.1f\t%s\n", name, value, unit);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    auto value = [&](const char* name, const QString& fallback = {}) {
        const qsizetype at = arguments.indexOf(QLatin1String(name));
        return at >= 0 && at + 1 < arguments.size() ? arguments.at(at + 1) : fallback;
    };
    const int clients = value("--clients", QStringLiteral("8")).toInt();
    const int transactions = value("--transactions", QStringLiteral("2000")).toInt();
    auto profile = ConnectionProfile::fromConninfo(value("--pg"));
    QFile file(value("--keys"));
    if (!profile || clients < 1 || transactions < 1 || !file.open(QIODevice::ReadOnly)) {
        std::fprintf(
            stderr, "usage: cc_contention --pg CONNINFO --keys FILE [--clients 8] [--transactions 2000]\n");
        return 64;
    }
    QList<std::pair<qint64, QString>> keys;
    for (const QByteArray& line : file.readAll().split('\n')) {
        const QList<QByteArray> fields = line.trimmed().split('|');
        if (fields.size() == 2)
            keys.append({ fields.at(0).toLongLong(), QString::fromUtf8(fields.at(1)) });
    }
    if (keys.isEmpty()) {
        std::fprintf(stderr, "cc_contention: no keys in %s\n", qPrintable(file.fileName()));
        return 64;
    }

    QList<Client> results(clients);
    QElapsedTimer wall;
    wall.start();
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c)
        threads.emplace_back(runClient, *profile, keys, c + 1, transactions, &results[c]);
    for (std::thread& thread : threads)
        thread.join();
    const double seconds = wall.nsecsElapsed() / 1e9;

    QList<double> latencies;
    int failed = 0;
    for (const Client& client : std::as_const(results)) {
        latencies += client.latenciesMs;
        failed += client.failed;
        if (!client.firstError.isEmpty())
            std::fprintf(stderr, "cc_contention: %s\n", qPrintable(client.firstError));
    }
    std::sort(latencies.begin(), latencies.end());
    report("tps", (clients * transactions - failed) / seconds, "tx/s");
    report("p50_ms", latencies.at(latencies.size() / 2), "ms");
    report("p95_ms", latencies.at(int(latencies.size() * 0.95)), "ms");
    report("failed", failed, "updates");
    return failed == 0 ? 0 : 1;
}
