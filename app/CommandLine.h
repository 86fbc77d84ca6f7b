#pragma once

#include <QStringList>

namespace cc::cli {

// Runs one headless command; returns the exit code of CONTRACT.md C8.
int run(const QStringList& arguments);
// True when these arguments name a headless command (or --help / --version) rather than the GUI.
bool isHeadless(const QStringList& arguments);
// The command these arguments run (common options may precede it); empty when there is none.
QString commandName(const QStringList& arguments);

} // namespace cc::cli
