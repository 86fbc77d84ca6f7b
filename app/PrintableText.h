#pragma once

#include <QString>

namespace cc::cli {

// What a person reads on a terminal (issue 15): one line in which no character can act on the
// terminal. Control characters (C0 with tab and newline, DEL, C1, the line and paragraph
// separators and the bidirectional overrides) become visible escapes (\n, \r, \t, \x1b, \u202e),
// so a reason with a newline cannot forge a second line and a name holding an escape sequence
// reaches the screen as text. JSON and CSV output never pass through here: they stay exact.
QString printableLine(const QString& text);

// printableLine of a bounded prefix of a value quoted in a message ("…" and the full length beyond
// maxCharacters), so an error never repeats a whole 100 KB argument.
QString quotedValue(const QString& value, qsizetype maxCharacters = 80);

} // namespace cc::cli
