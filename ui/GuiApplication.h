#pragma once

#include "session/Session.h"

#include <QIcon>

namespace cc::ui {

// How the app starts the GUI: which database (already resolved by app/), as whom, and whether to
// save a screenshot of every page into a directory and quit (--screenshots DIR).
struct GuiLaunch {
    SessionOptions session;
    bool embedded = false; // the embedded demo database
    QString screenshotsDir;
};

// Creates the QApplication and the main window and runs the event loop.
int runGui(int& argc, char** argv, const GuiLaunch& launch);

// What runGui does first, before the QApplication: results a worker thread builds (a repair-all's
// 20,000 outcomes) are freed in the GUI thread, and glibc then consolidates the worker's malloc
// arena there, in one go: a 150-250 ms stall after a PostgreSQL repair-all (docs/PERFORMANCE.md,
// goal 7). Without fastbins (the per-thread tcache still serves small blocks) nothing is left to
// consolidate. The command line keeps glibc's defaults.
void tuneAllocator();

// What runGui does between creating the QApplication (organisation and application names set, so
// QSettings finds the user's choices) and creating the main window: installs the translators and
// the default locale of the saved language ("ui/language"), then applies the saved theme
// ("ui/theme"), and gives windows the application's icon and desktop entry. Tests call it to start
// the way the application does.
void applyUserPreferences();

// The application's icon: the hicolor PNGs of resources/icons, 16 to 256 pixels, embedded in cc_ui.
QIcon applicationIcon();

} // namespace cc::ui
