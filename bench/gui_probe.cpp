// Goals 7 and 8 of issue 4, measured on the real main window (offscreen): how long the GUI thread's
// event loop is kept from running while a full check and a repair-all run in the worker, how fast
// the Violations page shows its first rows, its last rows and a kind's rows, how long a dashboard
// refresh from stored runs takes, and the time from process start to the first painted dashboard.
//
//   cc_gui_probe (--db FILE | --pg CONNINFO | --embedded) [--check] [--repair] [--violations] [--refresh N]
//                [--live SECONDS [--live-interval 10|30|60|300]]
//
// --live keeps the dashboard live for SECONDS with auto-refresh every --live-interval seconds (30 by
// default): each tick runs a real check when the last one took under a tenth of the interval (as a
// user's dashboard does), else re-reads.
//
// --embedded starts as the application does without a database argument (app/main.cpp): on the
// embedded demo database in $XDG_DATA_HOME, which it creates first if it is missing (the first launch).
//
// Prints one tab-separated line per figure: name, value, unit. The probe is a 1 ms precise timer in
// the GUI thread; its longest gap between two firings is the longest stall a user could feel.
#include "EmbeddedDatabase.h"
#include "GuiApplication.h"
#include "MainWindow.h"
#include "Prompt.h"
#include "database/ConnectionProfile.h"
#include "models/ViolationTableModel.h"
#include "pages/DashboardPage.h"
#include "pages/ViolationsPage.h"
#include "widgets/RefreshControl.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <unistd.h>

using namespace cc;
using namespace cc::ui;

namespace {

void report(const char* name, double value, const char* unit)
{
    std::printf("%s\t%.1f\t%s\n", name, value, unit);
    std::fflush(stdout);
}

// Milliseconds since this process started (/proc/self/stat field 22 against /proc/uptime).
double msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble(); // field 22 counted from field 3
    const double upSeconds = uptime.readAll().split(' ').value(0).toDouble();
    return (upSeconds - startTicks / double(sysconf(_SC_CLK_TCK))) * 1000.0;
}

// Runs the event loop until `done` holds (checked every 5 ms) or the limit passes; false on timeout.
bool waitUntil(const std::function<bool()>& done, int limitMs)
{
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || clock.elapsed() > limitMs)
            loop.quit();
    });
    poll.start(5);
    if (!done())
        loop.exec();
    return done();
}

// The longest gap between two firings of a 1 ms timer in this thread while it runs.
class StallProbe final : public QObject {
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const double gap = m_sinceLast.nsecsElapsed() / 1e6;
            if (gap > m_longest) {
                m_longest = gap;
                m_longestEndedAt = m_sinceStart.nsecsElapsed() / 1e6;
            }
            m_sinceLast.restart();
        });
    }
    void start()
    {
        m_longest = 0;
        m_longestEndedAt = 0;
        m_sinceStart.start();
        m_sinceLast.start();
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return m_longest;
    }
    // When the longest gap ended, in ms after start(): which phase of the work caused it.
    double longestEndedAt() const { return m_longestEndedAt; }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceStart;
    QElapsedTimer m_sinceLast;
    double m_longest = 0;
    double m_longestEndedAt = 0;
};

bool idle(MainWindow& window)
{
    return window.context()->info().loaded && window.context()->jobs().pending() == 0
        && !window.dashboard()->isCheckRunning();
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    tuneAllocator(); // as runGui does
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("CouplingConsoleProbe"));
    const QStringList arguments = QCoreApplication::arguments();
    auto value = [&](const char* option) {
        const qsizetype at = arguments.indexOf(QString::fromLatin1(option));
        return at >= 0 && at + 1 < arguments.size() ? arguments.at(at + 1) : QString();
    };
    SessionOptions options;
    options.source = QStringLiteral("gui");
    if (!value("--pg").isEmpty()) {
        auto profile = ConnectionProfile::fromConninfo(value("--pg"));
        if (!profile) {
            std::fprintf(stderr, "cc_gui_probe: %s\n", qPrintable(profile.error().message));
            return 64;
        }
        options.profile = *profile;
    } else if (!value("--db").isEmpty()) {
        options.profile = ConnectionProfile::sqlite(value("--db"));
    } else if (arguments.contains(QStringLiteral("--embedded"))) {
        if (auto ready = cli::EmbeddedDatabase::ensure(); !ready) {
            std::fprintf(stderr, "cc_gui_probe: %s\n", qPrintable(ready.error().message));
            return 5;
        }
        options.profile = ConnectionProfile::sqlite(cli::EmbeddedDatabase::path());
        options.profile.embedded = true;
    } else {
        std::fprintf(stderr,
            "usage: cc_gui_probe (--db FILE | --pg CONNINFO | --embedded) [--check] [--repair] "
            "[--violations] [--refresh N] [--live SECONDS [--live-interval S]]\n");
        return 64;
    }
    options.operatorEmail = value("--operator");
    if (options.profile.embedded && options.operatorEmail.isEmpty())
        options.operatorEmail = QStringLiteral("admin@demo.local"); // as app/main.cpp
    Prompt::setUnattended(true);
    applyUserPreferences(); // translations and theme, as runGui does before the window

    // Goal 8: process start to the first dashboard painted with the stored runs.
    MainWindow window(options);
    bool painted = false;
    double firstPaint = -1;
    struct PaintWatch : QObject {
        std::function<void()> onPaint;
        bool eventFilter(QObject* watched, QEvent* event) override
        {
            if (event->type() == QEvent::Paint)
                onPaint();
            return QObject::eventFilter(watched, event);
        }
    } watch;
    bool refreshedOnce = false;
    QObject::connect(window.dashboard(), &DashboardPage::refreshed, &window, [&] { refreshedOnce = true; });
    watch.onPaint = [&] {
        if (!painted && refreshedOnce) {
            painted = true;
            firstPaint = msSinceProcessStart();
        }
    };
    window.dashboard()->installEventFilter(&watch);
    window.resize(1280, 800);
    window.show();
    if (!waitUntil([&] { return painted; }, 60000)) {
        std::fprintf(stderr, "cc_gui_probe: the dashboard was not painted within 60 s\n");
        return 1;
    }
    report("startup_first_painted_dashboard", firstPaint, "ms");
    waitUntil([&] { return idle(window); }, 600000);

    StallProbe probe;
    if (arguments.contains(QStringLiteral("--check"))) {
        probe.start();
        QElapsedTimer clock;
        clock.start();
        window.dashboard()->runCheckNow();
        waitUntil([&] { return window.dashboard()->isCheckRunning(); }, 5000);
        waitUntil([&] { return idle(window); }, 3600000);
        report("check_duration", double(clock.elapsed()), "ms");
        report("check_longest_stall", probe.stop(), "ms");
        report("check_longest_stall_ended_at", probe.longestEndedAt(), "ms");
    }

    const int refreshes = value("--refresh").toInt();
    for (int i = 0; i < refreshes; ++i) {
        bool done = false;
        const auto connection
            = QObject::connect(window.dashboard(), &DashboardPage::refreshed, &window, [&] { done = true; });
        QElapsedTimer clock;
        clock.start();
        window.dashboard()->refresh();
        waitUntil([&] { return done; }, 60000);
        QObject::disconnect(connection);
        report("dashboard_refresh", clock.nsecsElapsed() / 1e6, "ms");
    }

    if (const int liveSeconds = value("--live").toInt(); liveSeconds > 0) {
        int checks = 0;
        const auto connection
            = QObject::connect(window.context(), &ConsoleContext::checkFinished, &window, [&] { ++checks; });
        probe.start();
        const int interval = value("--live-interval").isEmpty() ? 30 : value("--live-interval").toInt();
        window.dashboard()->refreshControl()->setIntervalSeconds(interval);
        waitUntil([] { return false; }, liveSeconds * 1000);
        report("live_checks", checks, "checks");
        report("live_longest_stall", probe.stop(), "ms");
        report("live_longest_stall_ended_at", probe.longestEndedAt(), "ms");
        window.dashboard()->refreshControl()->setIntervalSeconds(0);
        QObject::disconnect(connection);
        waitUntil([&] { return idle(window); }, 600000);
    }

    if (arguments.contains(QStringLiteral("--violations"))) {
        ViolationsPage* page = window.violations();
        ViolationTableModel* model = page->model();
        auto loaded = [&] { return !model->isLoading() && model->rowCount() > 0; };
        QElapsedTimer clock;
        clock.start();
        window.setCurrentPage(MainWindow::Violations);
        page->reload();
        waitUntil(loaded, 60000);
        report("violations_first_rows", clock.nsecsElapsed() / 1e6, "ms");
        clock.restart();
        model->sort(ViolationTableModel::UserColumn, Qt::DescendingOrder); // the last rows of the run first
        waitUntil(loaded, 60000);
        report("violations_jump_to_last", clock.nsecsElapsed() / 1e6, "ms");
        model->sort(ViolationTableModel::UserColumn, Qt::AscendingOrder);
        waitUntil(loaded, 60000);
        clock.restart();
        page->showFiltered(QStringLiteral("duplicate_license"), QString());
        waitUntil(loaded, 60000);
        report("violations_filter_by_kind", clock.nsecsElapsed() / 1e6, "ms");
    }

    if (arguments.contains(QStringLiteral("--repair"))) {
        window.setCurrentPage(MainWindow::Violations);
        Prompt::queueAnswer(PromptAnswer(true)); // the preview: apply
        probe.start();
        QElapsedTimer clock;
        clock.start();
        window.violations()->repairAll();
        waitUntil([&] { return window.context()->jobs().pending() > 0; }, 5000);
        waitUntil([&] { return idle(window); }, 3600000);
        report("repair_all_duration", double(clock.elapsed()), "ms");
        report("repair_all_longest_stall", probe.stop(), "ms");
        report("repair_all_longest_stall_ended_at", probe.longestEndedAt(), "ms");
        const QStringList messages = Prompt::shownMessages();
        std::fprintf(stderr, "cc_gui_probe: repair-all said: %s\n",
            messages.isEmpty() ? "(nothing)" : qPrintable(messages.last()));
    }
    return 0;
}
