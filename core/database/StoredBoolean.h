#pragma once

#include <QVariant>

namespace cc {

// A platform boolean as the platform reads it (C7, issue 14): NULL is false; a PostgreSQL boolean
// is itself; SQLite has no boolean type, and there only the integer 1 and the stored text forms
// '1', 't' and 'true' are true ('f', 'no', '0', 0, 2, 'TRUE' … are not).
bool isStoredTrue(const QVariant& value);

} // namespace cc
