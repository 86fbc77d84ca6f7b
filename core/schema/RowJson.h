#pragma once

#include "schema/PlatformSchema.h"

#include <QJsonObject>
#include <QMap>
#include <QVariantMap>

namespace cc {

// One platform row: every column, including those the tool otherwise ignores.
using Row = QVariantMap;

// Rows as JSON (audit states, --json output), as front ends show them, and compared by meaning.
// Integers stay 64-bit all the way: a stored 4294967301 is written, read back and shown as itself.
QJsonValue valueToJson(const QVariant& value);
QJsonObject rowToJson(const Row& row);
// {table: [rows]} as compact JSON text, the same text QJsonDocument gives for the rowToJson form
// of each row, written directly (a bulk write audits thousands of rows).
QString rowsJsonText(const QMap<QString, QList<Row>>& rows);
// Restores typed values from an audit entry (integral numbers stay integers).
Row rowFromJson(const QJsonObject& object);
bool sameRow(const Row& a, const Row& b);
// Two column values mean the same (a boolean equals its 0/1; NULL equals only NULL).
bool sameValue(const QVariant& expected, const QVariant& actual);
// A row as front ends show it: timestamps as ISO-8601 UTC with Z, booleans as true/false (SQLite
// stores them as 0/1), judged by the platform schema's type families.
QJsonObject rowForDisplay(const PlatformSchema& schema, const QString& tableName, const QJsonObject& row);
// Every table's rows of an audit state ({table: [rows]}) for display.
QJsonObject stateForDisplay(const PlatformSchema& schema, const QJsonObject& state);
QString rowDifference(const Row& expected, const Row& actual); // the first differing column, or empty

} // namespace cc
