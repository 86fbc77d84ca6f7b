#pragma once

#include "MainWindow.h"
#include "TestDatabase.h"
#include "pages/DashboardPage.h"

#include "Prompt.h"

#include <QApplication>
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

namespace cc::test {

// Opens the real main window on a test database as `operatorEmail`, shown offscreen at 1280×800.
inline std::unique_ptr<ui::MainWindow> openWindow(
    TestDatabase& db, const QString& operatorEmail = QStringLiteral("admin@demo.local"))
{
    SessionOptions options;
    options.profile = db.profile();
    options.operatorEmail = operatorEmail;
    options.password = QStringLiteral("demo"); // every demo user's; checked on production only
    options.source = QStringLiteral("gui");
    auto window = std::make_unique<ui::MainWindow>(options);
    window->resize(1280, 800);
    window->show();
    return window;
}

// For initTestCase(): settings and paths in test mode, a fresh settings store of this test and
// engine alone, and no dialog that could block (questions without a queued answer are declined).
// ctest -j2 runs a test's SQLite and PostgreSQL variants at once: through one shared file, one's
// QSettings().clear() or setValue() reached the other's window.
inline void prepareGuiTests(const QString& organization = QStringLiteral("CouplingConsoleTests"))
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(organization
        + (TestDatabase::isPostgres() ? QStringLiteral("-postgres") : QStringLiteral("-sqlite")));
    QSettings().clear();
    ui::Prompt::setUnattended(true);
}

// Waits until the window knows its session and no job or check runs (after a stored run when asked).
inline void waitForIdle(ui::MainWindow& window, bool withStoredRun = false)
{
    QTRY_VERIFY_WITH_TIMEOUT(window.context()->info().loaded, 10000);
    if (withStoredRun)
        QTRY_VERIFY_WITH_TIMEOUT(window.dashboard()->snapshot().latest.has_value(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(
        window.context()->jobs().pending() == 0 && !window.dashboard()->isCheckRunning(), 30000);
}

template <typename T> T* child(QObject* root, const char* name)
{
    return root->findChild<T*>(QString::fromLatin1(name));
}

// Waits for a modal dialog of type D (that `accepts`, when given) to be shown and acts on it as a
// person would; false when none appeared within `timeoutMs`. Questions are shown for real
// meanwhile (not unattended).
template <typename D>
bool actOnModal(
    const std::function<void(D&)>& act, const std::function<bool(D&)>& accepts = {}, int timeoutMs = 15000)
{
    ui::Prompt::setUnattended(false);
    bool seen = false;
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        auto* dialog = qobject_cast<D*>(QApplication::activeModalWidget());
        if (!dialog || seen || (accepts && !accepts(*dialog)))
            return;
        seen = true;
        act(*dialog);
    });
    poll.start();
    const bool appeared = QTest::qWaitFor([&] { return seen; }, timeoutMs);
    poll.stop();
    ui::Prompt::setUnattended(true);
    return appeared;
}

} // namespace cc::test
