#pragma once

#include "Session.h"

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

} // namespace cc::ui
