// Goal 5 of issue 4: how long a process spends inside SQLite's own work. Preloaded, it wraps
// sqlite3_step (where SQLite reads, writes, updates its indexes and commits, with the file I/O
// that needs) and prints at exit, to stderr: "sqlite3_step calls=<n> ms=<time inside it>".
// Two clock reads per call; about 20 ns each here.
//
//   LD_PRELOAD=.../libcc_sqlite_step_timer.so cc_repair_batches --db FILE --keys-per-transaction 500

#include <dlfcn.h>

#include <atomic>
#include <cstdio>
#include <ctime>

struct sqlite3_stmt;

namespace {

using Step = int (*)(sqlite3_stmt*);

std::atomic<long long> insideNs { 0 };
std::atomic<long long> calls { 0 };

long long nowNs()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000000000LL + now.tv_nsec;
}

struct ReportAtExit {
    ~ReportAtExit()
    {
        std::fprintf(
            stderr, "sqlite3_step calls=%lld ms=%.1f\n", calls.load(), double(insideNs.load()) / 1e6);
    }
} reportAtExit;

} // namespace

extern "C" int sqlite3_step(sqlite3_stmt* statement)
{
    static const Step real = reinterpret_cast<Step>(dlsym(RTLD_NEXT, "sqlite3_step"));
    const long long start = nowNs();
    const int result = real(statement);
    insideNs += nowNs() - start;
    ++calls;
    return result;
}
