#include "KeyRows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlRecord>

#include <climits>
#include <cmath>

namespace cc {

qint64 rowId(const Row& row)
{
    return row.value(QStringLiteral("id")).toLongLong();
}

std::optional<qint64> rowInt(const Row& row, const QString& column)
{
    const QVariant value = row.value(column);
    if (value.isNull() || !value.isValid())
        return std::nullopt;
    return value.toLongLong();
}

QJsonValue valueToJson(const QVariant& value)
{
    if (!value.isValid() || value.isNull())
        return QJsonValue(QJsonValue::Null);
    switch (value.typeId()) {
    case QMetaType::Bool: return value.toBool();
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort: return QJsonValue(value.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float: return value.toDouble();
    case QMetaType::QByteArray: return QString::fromLatin1(value.toByteArray().toBase64());
    default: return value.toString();
    }
}

QJsonObject rowToJson(const Row& row)
{
    QJsonObject object;
    for (auto it = row.cbegin(); it != row.cend(); ++it)
        object.insert(it.key(), valueToJson(it.value()));
    return object;
}

namespace {

void appendJsonString(QString& out, const QString& text)
{
    out += u'"';
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'"': out += QStringLiteral("\\\""); break;
        case u'\\': out += QStringLiteral("\\\\"); break;
        case u'\b': out += QStringLiteral("\\b"); break;
        case u'\f': out += QStringLiteral("\\f"); break;
        case u'\n': out += QStringLiteral("\\n"); break;
        case u'\r': out += QStringLiteral("\\r"); break;
        case u'\t': out += QStringLiteral("\\t"); break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += u'"';
}

// One value as QJsonDocument writes valueToJson(value).
void appendJsonValue(QString& out, const QVariant& value)
{
    if (!value.isValid() || value.isNull()) {
        out += QLatin1String("null");
        return;
    }
    switch (value.typeId()) {
    case QMetaType::Bool: out += value.toBool() ? QLatin1String("true") : QLatin1String("false"); return;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort: out += QString::number(value.toLongLong()); return;
    case QMetaType::QString: appendJsonString(out, value.toString()); return;
    default: {
        // Doubles, byte arrays and anything else: through QJsonDocument itself, so the text is the same.
        const QByteArray text = QJsonDocument(QJsonArray { valueToJson(value) }).toJson(QJsonDocument::Compact);
        out += QString::fromUtf8(text.mid(1, text.size() - 2));
    }
    }
}

} // namespace

QString rowsJsonText(const QMap<QString, QList<Row>>& rows)
{
    QString out;
    out.reserve(1024);
    out += u'{';
    for (auto table = rows.cbegin(); table != rows.cend(); ++table) {
        if (table != rows.cbegin())
            out += u',';
        appendJsonString(out, table.key());
        out += QLatin1String(":[");
        for (qsizetype i = 0; i < table.value().size(); ++i) {
            if (i > 0)
                out += u',';
            out += u'{';
            const Row& row = table.value().at(i);
            for (auto column = row.cbegin(); column != row.cend(); ++column) {
                if (column != row.cbegin())
                    out += u',';
                appendJsonString(out, column.key());
                out += u':';
                appendJsonValue(out, column.value());
            }
            out += u'}';
        }
        out += u']';
    }
    out += u'}';
    return out;
}

Row rowFromJson(const QJsonObject& object)
{
    Row row;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QJsonValue value = it.value();
        if (value.isDouble()) {
            const double number = value.toDouble();
            if (number == double(qint64(number)))
                row.insert(it.key(), qint64(number));
            else
                row.insert(it.key(), number);
        } else if (value.isNull()) {
            row.insert(it.key(), QVariant());
        } else {
            row.insert(it.key(), value.toVariant());
        }
    }
    return row;
}

bool sameValue(const QVariant& expected, const QVariant& actual)
{
    const QJsonValue a = valueToJson(expected);
    const QJsonValue b = valueToJson(actual);
    if (a == b)
        return true;
    // SQLite keeps booleans as 0/1; JSON keeps what was read. Compare by meaning.
    return (a.isBool() || b.isBool()) && !a.isNull() && !b.isNull() && a.toVariant().toLongLong() == b.toVariant().toLongLong();
}

QString rowDifference(const Row& expected, const Row& actual)
{
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const auto other = actual.constFind(it.key());
        if (other == actual.cend() || !sameValue(it.value(), other.value()))
            return it.key();
    }
    for (auto it = actual.cbegin(); it != actual.cend(); ++it) {
        if (!expected.contains(it.key()))
            return it.key();
    }
    return {};
}

namespace {

QString isoTimestamp(const QString& text)
{
    static const QRegularExpression plain(QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?)Z?$"));
    static const QRegularExpression offset(QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?)([+-]\\d{2})(?::?(\\d{2}))?$"));
    if (const auto match = plain.match(text); match.hasMatch())
        return match.captured(1) + u'T' + match.captured(2) + u'Z';
    if (const auto match = offset.match(text); match.hasMatch()) {
        const QString minutes = match.captured(4).isEmpty() ? QStringLiteral("00") : match.captured(4);
        const QDateTime time = QDateTime::fromString(match.captured(1) + u'T' + match.captured(2).left(12) + match.captured(3) + u':' + minutes, Qt::ISODateWithMs);
        if (time.isValid())
            return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    }
    return text;
}

// A floating-point column read as text (PostgreSQL, lossless): a JSON number where JSON has one
// (NaN and the infinities stay text).
QJsonValue floatValue(const QString& text)
{
    bool ok = false;
    const double number = text.toDouble(&ok);
    return ok && std::isfinite(number) ? QJsonValue(number) : QJsonValue(text);
}

// A json column read as text: its value, or the text when it does not parse.
QJsonValue jsonValue(const QString& text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + QByteArray("]"), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray() || document.array().size() != 1)
        return text;
    return document.array().first();
}

} // namespace

QJsonObject rowForDisplay(const PlatformSchema& schema, const QString& tableName, const QJsonObject& row)
{
    QJsonObject shown = row;
    for (auto it = shown.begin(); it != shown.end(); ++it) {
        const TypeFamily family = schema.familyOf(tableName, it.key());
        if (family == TypeFamily::Timestamp && it.value().isString())
            it.value() = isoTimestamp(it.value().toString());
        else if (family == TypeFamily::Boolean && it.value().isDouble())
            it.value() = it.value().toInteger() != 0;
        else if (family == TypeFamily::Float && it.value().isString())
            it.value() = floatValue(it.value().toString());
        else if (family == TypeFamily::Json && it.value().isString())
            it.value() = jsonValue(it.value().toString());
    }
    return shown;
}

QJsonObject stateForDisplay(const PlatformSchema& schema, const QJsonObject& state)
{
    QJsonObject shown;
    for (auto it = state.constBegin(); it != state.constEnd(); ++it) {
        if (!it.value().isArray()) {
            shown.insert(it.key(), it.value());
            continue;
        }
        QJsonArray rows;
        for (const QJsonValue& row : it.value().toArray())
            rows.append(row.isObject() ? QJsonValue(rowForDisplay(schema, it.key(), row.toObject())) : row);
        shown.insert(it.key(), rows);
    }
    return shown;
}

bool sameRow(const Row& a, const Row& b)
{
    return rowDifference(a, b).isEmpty();
}

KeyAggregate KeyRows::aggregate(const LevelCatalogue& catalogue) const
{
    Q_UNUSED(catalogue)
    KeyAggregate aggregate;
    aggregate.userId = key.userId;
    aggregate.track = key.track;
    aggregate.progressRows = int(progress.size());
    aggregate.licenseRows = int(licenses.size());
    auto fold = [](std::optional<qint64>& min, std::optional<qint64>& max, qint64 level) {
        min = min ? std::min(*min, level) : level;
        max = max ? std::max(*max, level) : level;
    };
    // The side's lowest stored id by UTF-8 bytes, as the check's statement reads it.
    auto spelling = [](std::optional<QString>& lowest, const QVariant& stored) {
        const QString id = stored.toString();
        if (!lowest || id.toUtf8() < lowest->toUtf8())
            lowest = id;
    };
    for (const Row& row : progress) {
        const auto level = rowInt(row, QStringLiteral("current_level"));
        if (level)
            fold(aggregate.progressMin, aggregate.progressMax, *level);
        else
            ++aggregate.progressNullLevels;
        aggregate.counters.xp += rowInt(row, QStringLiteral("total_xp")).value_or(0);
        aggregate.counters.sessions += rowInt(row, QStringLiteral("completed_sessions")).value_or(0);
        aggregate.counters.theoryHours += rowInt(row, QStringLiteral("theory_hours_completed")).value_or(0);
        aggregate.counters.practiceHours += rowInt(row, QStringLiteral("practice_hours_completed")).value_or(0);
        spelling(aggregate.progressSpelling, row.value(QStringLiteral("specialization_id")));
    }
    for (const Row& row : licenses) {
        const auto level = rowInt(row, QStringLiteral("current_level"));
        if (level)
            fold(aggregate.licenseMin, aggregate.licenseMax, *level);
        else
            ++aggregate.licenseNullLevels;
        if (const auto max = rowInt(row, QStringLiteral("max_achieved_level")))
            aggregate.maxAchieved = aggregate.maxAchieved.value_or(0) + *max;
        spelling(aggregate.licenseSpelling, row.value(QStringLiteral("specialization_type")));
    }
    return aggregate;
}

namespace {

qint64 counter(const Row& row, const QString& column)
{
    return rowInt(row, column).value_or(0);
}

bool truthy(const QVariant& value)
{
    if (value.isNull() || !value.isValid())
        return false;
    if (value.typeId() == QMetaType::QString) {
        const QString text = value.toString().trimmed().toLower();
        return text == u"1" || text == u"t" || text == u"true";
    }
    return value.toLongLong() != 0;
}

// Timestamps of one database share one text form, so their text orders them; NULL sorts last.
bool earlier(const QVariant& a, const QVariant& b)
{
    if (a.isNull() || !a.isValid())
        return false;
    if (b.isNull() || !b.isValid())
        return true;
    return a.toString() < b.toString();
}

} // namespace

const Row* KeyRows::keptProgress() const
{
    const Row* best = nullptr;
    for (const Row& row : progress) {
        if (!best) {
            best = &row;
            continue;
        }
        const auto key = [](const Row& r) {
            return std::tuple(counter(r, QStringLiteral("total_xp")), counter(r, QStringLiteral("completed_sessions")), -rowId(r));
        };
        if (key(row) > key(*best))
            best = &row;
    }
    return best;
}

const Row* KeyRows::keptLicense() const
{
    const Row* best = nullptr;
    auto better = [this](const Row& a, const Row& b) {
        const qsizetype refsA = licenseReferrers.value(rowId(a)).size();
        const qsizetype refsB = licenseReferrers.value(rowId(b)).size();
        if (refsA != refsB)
            return refsA > refsB;
        const bool paidA = truthy(a.value(QStringLiteral("payment_verified")));
        const bool paidB = truthy(b.value(QStringLiteral("payment_verified")));
        if (paidA != paidB)
            return paidA;
        const qint64 maxA = counter(a, QStringLiteral("max_achieved_level"));
        const qint64 maxB = counter(b, QStringLiteral("max_achieved_level"));
        if (maxA != maxB)
            return maxA > maxB;
        const QVariant startA = a.value(QStringLiteral("started_at"));
        const QVariant startB = b.value(QStringLiteral("started_at"));
        if (earlier(startA, startB) || earlier(startB, startA))
            return earlier(startA, startB);
        return rowId(a) < rowId(b);
    };
    for (const Row& row : licenses) {
        if (!best || better(row, *best))
            best = &row;
    }
    return best;
}

std::pair<std::optional<qint64>, std::optional<qint64>> KeyRows::keptLevels() const
{
    const Row* p = keptProgress();
    const Row* l = keptLicense();
    return { p ? rowInt(*p, QStringLiteral("current_level")) : std::nullopt,
             l ? rowInt(*l, QStringLiteral("current_level")) : std::nullopt };
}

QStringList columnNames(const QSqlQuery& query)
{
    const QSqlRecord record = query.record();
    QStringList names;
    names.reserve(record.count());
    for (int i = 0; i < record.count(); ++i)
        names.append(record.fieldName(i));
    return names;
}

Row currentRow(const QSqlQuery& query, const QStringList& columns)
{
    Row row;
    for (int i = 0; i < columns.size(); ++i)
        row.insert(columns.at(i), query.value(i));
    return row;
}

namespace {

// A list of ids as one bound value (a JSON array on SQLite, an array literal on PostgreSQL), so
// that a statement's text is the same for every batch and is prepared once.
QVariant idList(bool pg, const QList<qint64>& ids)
{
    QString list;
    for (qint64 id : ids)
        list += (list.isEmpty() ? QString() : QStringLiteral(",")) + QString::number(id);
    return pg ? QVariant(u'{' + list + u'}') : QVariant(u'[' + list + u']');
}

QString whereIn(bool pg, const QString& column)
{
    return column + (pg ? QStringLiteral(" = ANY(CAST(? AS bigint[]))") : QStringLiteral(" IN (SELECT value FROM json_each(?))"));
}

Result<QList<Row>> readRows(Session& session, const QString& tableName, const QString& where, const QVariantList& binds, bool lock)
{
    auto schema = session.platform();
    if (!schema)
        return schema.error();
    QString sql = QStringLiteral("SELECT ") + (*schema)->selectList(tableName) + QStringLiteral(" FROM ") + tableName
        + QStringLiteral(" WHERE ") + where + QStringLiteral(" ORDER BY id");
    if (lock && session.db().isPostgres())
        sql += QStringLiteral(" FOR UPDATE");
    auto query = session.db().execReused(sql, binds);
    if (!query)
        return query.error();
    QList<Row> rows;
    const QStringList columns = columnNames(**query);
    while ((*query)->next())
        rows.append(currentRow(**query, columns));
    (*query)->finish();
    return rows;
}

} // namespace

namespace {

// Groups rows read in id order by key (user, canonical track); each key's rows stay in id order.
QMap<KeyRef, KeyRows> byKey(const LevelCatalogue& catalogue, const QList<Row>& progress, const QList<Row>& licenses)
{
    QMap<KeyRef, KeyRows> keys;
    for (const Row& row : progress) {
        const KeyRef key { row.value(QStringLiteral("student_id")).toLongLong(),
                           catalogue.canonical(row.value(QStringLiteral("specialization_id")).toString()) };
        KeyRows& rows = keys[key];
        rows.key = key;
        rows.progress.append(row);
    }
    for (const Row& row : licenses) {
        const KeyRef key { row.value(QStringLiteral("user_id")).toLongLong(),
                           catalogue.canonical(row.value(QStringLiteral("specialization_type")).toString()) };
        KeyRows& rows = keys[key];
        rows.key = key;
        rows.licenses.append(row);
    }
    return keys;
}

// The referrers of every row on a side with two or more rows (what a merge re-points and what
// picks the kept license), in two statements per referencing table for all the keys.
Result<void> readDuplicateReferrers(Session& session, QMap<KeyRef, KeyRows>& keys, bool lock)
{
    QList<qint64> progressIds;
    QList<qint64> licenseIds;
    for (const KeyRows& rows : std::as_const(keys)) {
        if (rows.progress.size() > 1) {
            for (const Row& row : rows.progress)
                progressIds.append(rowId(row));
        }
        if (rows.licenses.size() > 1) {
            for (const Row& row : rows.licenses)
                licenseIds.append(rowId(row));
        }
    }
    if (progressIds.isEmpty() && licenseIds.isEmpty())
        return {};
    auto progressReferrers = RowReader::referrers(session, table::progress, progressIds, lock);
    if (!progressReferrers)
        return progressReferrers.error();
    auto licenseReferrers = RowReader::referrers(session, table::licenses, licenseIds, lock);
    if (!licenseReferrers)
        return licenseReferrers.error();
    for (KeyRows& rows : keys) {
        for (const Row& row : std::as_const(rows.progress)) {
            if (auto found = progressReferrers->constFind(rowId(row)); rows.progress.size() > 1 && found != progressReferrers->cend())
                rows.progressReferrers.insert(found.key(), found.value());
        }
        for (const Row& row : std::as_const(rows.licenses)) {
            if (auto found = licenseReferrers->constFind(rowId(row)); rows.licenses.size() > 1 && found != licenseReferrers->cend())
                rows.licenseReferrers.insert(found.key(), found.value());
        }
    }
    return {};
}

} // namespace

Result<QList<KeyRows>> RowReader::userKeys(Session& session, qint64 userId, bool lock)
{
    auto progress = readRows(session, table::progress, QStringLiteral("student_id = ?"), { userId }, lock);
    if (!progress)
        return progress.error();
    auto licenses = readRows(session, table::licenses, QStringLiteral("user_id = ?"), { userId }, lock);
    if (!licenses)
        return licenses.error();
    QMap<KeyRef, KeyRows> keys = byKey(session.catalogue(), *progress, *licenses);
    CC_TRY(readDuplicateReferrers(session, keys, lock));
    return keys.values();
}

Result<QMap<KeyRef, KeyRows>> RowReader::usersKeys(Session& session, QList<qint64> userIds, bool lock)
{
    std::sort(userIds.begin(), userIds.end());
    userIds.erase(std::unique(userIds.begin(), userIds.end()), userIds.end());
    const bool pg = session.db().isPostgres();
    const QVariant users = idList(pg, userIds);
    auto progress = readRows(session, table::progress, whereIn(pg, QStringLiteral("student_id")), { users }, lock);
    if (!progress)
        return progress.error();
    auto licenses = readRows(session, table::licenses, whereIn(pg, QStringLiteral("user_id")), { users }, lock);
    if (!licenses)
        return licenses.error();
    QMap<KeyRef, KeyRows> keys = byKey(session.catalogue(), *progress, *licenses);
    CC_TRY(readDuplicateReferrers(session, keys, lock));
    return keys;
}

Result<KeyRows> RowReader::key(Session& session, const KeyRef& key, bool lock)
{
    auto keys = userKeys(session, key.userId, lock);
    if (!keys)
        return keys.error();
    for (const KeyRows& rows : std::as_const(*keys)) {
        if (rows.key.track == key.track)
            return rows;
    }
    KeyRows empty;
    empty.key = key;
    return empty;
}

Result<std::optional<Row>> RowReader::byId(Session& session, const QString& tableName, qint64 id, bool lock)
{
    auto rows = readRows(session, tableName, QStringLiteral("id = ?"), { id }, lock);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<Row>();
    return std::optional<Row>(rows->first());
}

Result<QList<Row>> RowReader::progressionsOf(Session& session, qint64 licenseId, bool lock)
{
    return readRows(session, table::progressions, QStringLiteral("user_license_id = ?"), { licenseId }, lock);
}

Result<QList<Row>> RowReader::achievementsOf(Session& session, const KeyRef& key, bool lock)
{
    auto rows = readRows(session, table::achievements, QStringLiteral("user_id = ?"), { key.userId }, lock);
    if (!rows)
        return rows.error();
    QList<Row> matching;
    for (const Row& row : std::as_const(*rows)) {
        if (session.catalogue().canonical(row.value(QStringLiteral("specialization_id")).toString()) == key.track)
            matching.append(row);
    }
    return matching;
}

Result<Referrers> RowReader::referrers(Session& session, const QString& coupledTable, const QList<qint64>& ids, bool lock)
{
    Referrers found;
    if (ids.isEmpty())
        return found;
    auto catalogue = session.constraints();
    if (!catalogue)
        return catalogue.error();
    auto schema = session.platform();
    if (!schema)
        return schema.error();
    const bool pg = session.db().isPostgres();
    const QVariant list = idList(pg, ids);
    for (const ForeignKey& key : (*catalogue)->referencing(coupledTable)) {
        const QString column = u'"' + QString(key.column()).replace(u'"', QStringLiteral("\"\"")) + u'"';
        if (!key.repointable() || !(*schema)->hasRowIds(key.table)) {
            // Rows the tool cannot address: counted, so that a delete is refused rather than cascaded.
            auto query = session.db().exec(QStringLiteral("SELECT ") + column + QStringLiteral(", count(*) FROM ") + key.table
                                               + QStringLiteral(" WHERE ") + whereIn(pg, column) + QStringLiteral(" GROUP BY 1"),
                                           { list });
            if (!query)
                return query.error();
            while (query->next()) {
                for (qint64 i = query->value(1).toLongLong(); i > 0; --i)
                    found[query->value(0).toLongLong()].append({ key, Row() });
            }
            continue;
        }
        auto rows = readRows(session, key.table, whereIn(pg, column), { list }, lock);
        if (!rows)
            return rows.error();
        for (const Row& row : std::as_const(*rows))
            found[row.value(key.column()).toLongLong()].append({ key, row });
    }
    return found;
}

Result<std::set<KeyRef>> RowReader::referencedKeys(Session& session, const QString& coupledTable, const QStringList& exceptTables)
{
    auto catalogue = session.constraints();
    if (!catalogue)
        return catalogue.error();
    const bool progress = coupledTable == table::progress;
    const QString user = progress ? QStringLiteral("student_id") : QStringLiteral("user_id");
    const QString track = progress ? QStringLiteral("specialization_id") : QStringLiteral("specialization_type");
    std::set<KeyRef> keys;
    for (const ForeignKey& key : (*catalogue)->referencing(coupledTable)) {
        if (exceptTables.contains(key.table))
            continue;
        const QString column = u'"' + QString(key.column()).replace(u'"', QStringLiteral("\"\"")) + u'"';
        auto query = session.db().exec(QStringLiteral("SELECT DISTINCT c.%1, c.%2 FROM %3 c WHERE EXISTS (SELECT 1 FROM %4 r WHERE r.%5 = c.id)")
                                           .arg(user, track, coupledTable, key.table, column));
        if (!query)
            return query.error();
        while (query->next()) {
            QString id = query->value(1).toString();
            while (id.endsWith(u' '))
                id.chop(1);
            keys.insert({ query->value(0).toLongLong(), session.catalogue().canonical(id) });
        }
    }
    return keys;
}

Result<std::optional<QString>> RowReader::userRole(Session& session, qint64 userId)
{
    const QString sql = session.db().isPostgres() ? QStringLiteral("SELECT CAST(role AS text) FROM users WHERE id = ?")
                                                  : QStringLiteral("SELECT role FROM users WHERE id = ?");
    auto query = session.db().exec(sql, { userId });
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<QString>();
    return std::optional<QString>(query->value(0).toString());
}

Result<bool> RowReader::isStaffCredential(Session& session, const KeyRows& rows)
{
    if (!rows.progress.isEmpty() || rows.licenses.isEmpty())
        return false;
    auto role = userRole(session, rows.key.userId);
    if (!role)
        return role.error();
    return role->has_value() && (*role)->trimmed().toLower() != u"student";
}

Result<bool> RowReader::userExists(Session& session, qint64 userId)
{
    auto count = session.db().scalar(QStringLiteral("SELECT count(*) FROM users WHERE id = ?"), { userId });
    if (!count)
        return count.error();
    return count->toLongLong() > 0;
}

} // namespace cc
