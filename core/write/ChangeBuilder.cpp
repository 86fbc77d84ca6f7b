#include "write/ChangeBuilder.h"

#include "base/Time.h"
#include "rows/PlatformTables.h"
#include "rows/RowReader.h"
#include "rows/RowValues.h"
#include "schema/PlatformSchema.h"

namespace cc {

namespace {

const QString newRowMarker = QStringLiteral("__new__");

Result<QSet<QString>> specializationIds(Session& session)
{
    // A lookup: a bulk write asks once per created row and reads the table once per transaction.
    auto column = session.db().lookupColumn(QStringLiteral("SELECT id FROM specializations"));
    if (!column)
        return column.error();
    QSet<QString> ids;
    for (QString id : std::as_const(*column)) {
        while (id.endsWith(u' '))
            id.chop(1);
        ids.insert(id);
    }
    return ids;
}

void diffRows(const QString& tableName, const QList<Row>& before, const QList<Row>& after,
    QList<RowChange>& updates, QList<RowChange>& deletes, QList<RowChange>& inserts)
{
    for (const Row& original : before) {
        const qint64 id = rowId(original);
        auto found = std::find_if(after.cbegin(), after.cend(),
            [id](const Row& row) { return !row.contains(newRowMarker) && rowId(row) == id; });
        if (found == after.cend()) {
            deletes.append({ tableName, RowOp::Delete, id, original, {} });
            continue;
        }
        Row changed;
        for (auto it = found->cbegin(); it != found->cend(); ++it) {
            if (!sameValue(original.value(it.key()), it.value()))
                changed.insert(it.key(), it.value());
        }
        if (!changed.isEmpty())
            updates.append({ tableName, RowOp::Update, id, original, changed });
    }
    for (const Row& row : after) {
        if (!row.contains(newRowMarker))
            continue;
        Row values = row;
        values.remove(newRowMarker);
        inserts.append({ tableName, RowOp::Insert, 0, {}, values });
    }
}

} // namespace

ChangeBuilder::ChangeBuilder(Session& session, const KeyRows& rows, QString action, QString reason)
    : m_session(session)
    , m_original(rows)
    , m_progress(rows.progress)
    , m_licenses(rows.licenses)
    , m_action(std::move(action))
    , m_reason(std::move(reason))
{
}

QVariant ChangeBuilder::now() const
{
    return platformTimestamp(m_session.now());
}

QVariant ChangeBuilder::operatorId() const
{
    return m_session.op().isSystem() ? QVariant(QMetaType::fromType<qint64>()) : QVariant(m_session.op().id);
}

namespace {

QString withoutPad(QString id)
{
    while (id.endsWith(u' '))
        id.chop(1);
    return id;
}

QString storedSpelling(const QString& tableName, const Row& row)
{
    return withoutPad(
        row.value(tableName == table::progress ? column::specializationId : column::specializationType)
            .toString());
}

} // namespace

Result<QString> ChangeBuilder::keySpelling()
{
    if (m_keySpelling)
        return *m_keySpelling;
    auto ids = specializationIds(m_session);
    if (!ids)
        return ids.error();
    const QString& track = m_original.key.track;
    QSet<QString> shared;
    for (const Row& row : m_original.progress)
        shared.insert(storedSpelling(table::progress, row));
    for (const Row& row : m_original.licenses)
        shared.insert(storedSpelling(table::licenses, row));
    const bool oneSide = m_original.progress.isEmpty() != m_original.licenses.isEmpty();
    std::optional<QString> chosen;
    if (oneSide) {
        const Row* kept
            = m_original.progress.isEmpty() ? m_original.keptLicense() : m_original.keptProgress();
        const QString side
            = storedSpelling(m_original.progress.isEmpty() ? table::licenses : table::progress, *kept);
        if (ids->contains(side))
            chosen = side;
    } else if (shared.size() == 1) {
        chosen = *shared.cbegin();
    } else if (!shared.isEmpty()) {
        if (ids->contains(track))
            chosen = track;
        else
            chosen = storedSpelling(table::progress, *m_original.keptProgress());
    }
    if (!chosen) {
        for (const QString& candidate : m_session.catalogue().spellings(track)) {
            if (ids->contains(candidate)) {
                chosen = candidate;
                break;
            }
        }
    }
    if (!chosen)
        return refused(QStringLiteral(
            "no spelling of %1 is in the specializations table: add a specializations row %1 first")
                           .arg(track));
    m_keySpelling = chosen;
    return *chosen;
}

Result<void> ChangeBuilder::unifySpelling()
{
    QSet<QString> spellings;
    for (const Row& row : std::as_const(m_progress))
        spellings.insert(storedSpelling(table::progress, row));
    for (const Row& row : std::as_const(m_licenses))
        spellings.insert(storedSpelling(table::licenses, row));
    if (spellings.size() < 2)
        return {};
    auto spelling = keySpelling();
    if (!spelling)
        return spelling.error();
    auto respell = [&](QList<Row>& rows, const QString& tableName, const QString& column) {
        for (Row& row : rows) {
            if (storedSpelling(tableName, row) == *spelling)
                continue;
            row.insert(column, *spelling);
            row.insert(column::updatedAt, now());
        }
    };
    respell(m_progress, table::progress, column::specializationId);
    respell(m_licenses, table::licenses, column::specializationType);
    return {};
}

Result<QString> ChangeBuilder::insertableSpelling(const QString& tableName, const QString& what)
{
    auto id = keySpelling();
    if (!id)
        return id.error();
    auto schema = m_session.platform();
    if (!schema)
        return schema.error();
    if (const QString blocker = (*schema)->insertBlocker(tableName); !blocker.isEmpty())
        return refused(QStringLiteral("cannot create %1: %2.%3 is NOT NULL without a default")
                           .arg(what, tableName, blocker));
    return id;
}

Result<Row*> ChangeBuilder::createProgress(int level)
{
    auto id = insertableSpelling(table::progress, QStringLiteral("a progress row"));
    if (!id)
        return id.error();
    const QVariant time = now();
    Row row { { newRowMarker, true }, { column::studentId, m_original.key.userId },
        { column::specializationId, *id }, { column::currentLevel, level }, { column::totalXp, 0 },
        { column::completedSessions, 0 }, { column::completedProjects, 0 },
        { column::theoryHoursCompleted, 0 }, { column::practiceHoursCompleted, 0 },
        { column::lastActivity, time }, { column::createdAt, time }, { column::updatedAt, time } };
    m_progress.append(row);
    return &m_progress.last();
}

Result<Row*> ChangeBuilder::createLicense(int level, const Row* progressSource)
{
    auto id = insertableSpelling(table::licenses, QStringLiteral("a license"));
    if (!id)
        return id.error();
    const QVariant time = now();
    QVariant startedAt = progressSource ? progressSource->value(column::createdAt) : QVariant();
    if (startedAt.isNull() || !startedAt.isValid())
        startedAt = time;
    const QVariant lastAdvanced = progressSource ? progressSource->value(column::lastActivity) : QVariant();
    Row row { { newRowMarker, true }, { column::userId, m_original.key.userId },
        { column::specializationType, *id }, { column::currentLevel, level },
        { column::maxAchievedLevel, level }, { column::startedAt, startedAt },
        { column::lastAdvancedAt,
            lastAdvanced.isValid() ? lastAdvanced : QVariant(QMetaType::fromType<QString>()) },
        { QStringLiteral("payment_verified"), false }, { QStringLiteral("onboarding_completed"), false },
        { column::isActive, true }, { QStringLiteral("renewal_cost"), 1000 },
        { QStringLiteral("credit_balance"), 0 }, { QStringLiteral("credit_purchased"), 0 },
        { column::createdAt, time }, { column::updatedAt, time } };
    m_licenses.append(row);
    return &m_licenses.last();
}

void ChangeBuilder::setLicenseLevel(Row& license, int level, bool clamp)
{
    const auto old = rowInt(license, column::currentLevel);
    if (old && *old == level && !clamp)
        return;
    const qint64 oldMax = rowInt(license, column::maxAchievedLevel).value_or(level);
    license.insert(column::currentLevel, level);
    license.insert(
        column::maxAchievedLevel, clamp ? std::min<qint64>(oldMax, level) : std::max<qint64>(oldMax, level));
    if (old && *old == level)
        return;
    license.insert(column::updatedAt, now());
    if (license.contains(newRowMarker))
        return;
    license.insert(column::lastAdvancedAt, now());
    m_progressions.append({ table::progressions, RowOp::Insert, 0, {},
        Row { { QStringLiteral("user_license_id"), rowId(license) },
            { QStringLiteral("from_level"), old ? QVariant(*old) : QVariant(0) },
            { QStringLiteral("to_level"), level }, { QStringLiteral("advanced_by"), operatorId() },
            { QStringLiteral("advancement_reason"), m_reason.isEmpty() ? m_action : m_reason },
            { QStringLiteral("requirements_met"), QStringLiteral("coupling-console %1").arg(m_action) },
            { QStringLiteral("advanced_at"), now() } } });
}

void ChangeBuilder::setProgressLevel(Row& progress, int level)
{
    const auto old = rowInt(progress, column::currentLevel);
    if (old && *old == level)
        return;
    progress.insert(column::currentLevel, level);
    progress.insert(column::updatedAt, now());
}

Result<void> ChangeBuilder::removeRow(const QString& tableName, QList<Row>& rows, qsizetype index,
    std::optional<qint64> survivor, const QStringList& alsoRemoved)
{
    const qint64 id = rowId(rows.at(index));
    const bool progress = tableName == table::progress;
    const bool read = progress ? m_original.progress.size() > 1 : m_original.licenses.size() > 1;
    const Referrers& known = progress ? m_original.progressReferrers : m_original.licenseReferrers;
    QList<Referrer> referrers;
    if (read) {
        referrers = known.value(id);
    } else {
        auto found = RowReader::referrers(m_session, tableName, { id }, true);
        if (!found)
            return found.error();
        referrers = found->value(id);
    }
    QMap<QString, std::pair<qsizetype, DeleteAction>> blocking; // table → rows, action
    for (const Referrer& referrer : std::as_const(referrers)) {
        const bool addressable = !referrer.row.isEmpty();
        if (addressable && alsoRemoved.contains(referrer.key.table)) {
            m_other.append({ referrer.key.table, RowOp::Delete, rowId(referrer.row), referrer.row, {} });
            continue;
        }
        if (addressable && survivor) {
            m_other.append({ referrer.key.table, RowOp::Update, rowId(referrer.row), referrer.row,
                Row { { referrer.key.column(), *survivor } } });
            continue;
        }
        auto& entry = blocking[referrer.key.table + u'.' + referrer.key.columns.join(u',')];
        entry.first += 1;
        entry.second = referrer.key.onDelete;
    }
    if (!blocking.isEmpty()) {
        QStringList parts;
        for (auto it = blocking.cbegin(); it != blocking.cend(); ++it)
            parts << QStringLiteral("%1 row(s) of %2 (ON DELETE %3)")
                         .arg(it.value().first)
                         .arg(it.key(), deleteActionName(it.value().second));
        return refused(QStringLiteral(
            "user %1, %2: %3 row %4 is referenced by %5; removing it would %6 them, so nothing was changed")
                           .arg(m_original.key.userId)
                           .arg(m_original.key.track, tableName)
                           .arg(id)
                           .arg(parts.join(QStringLiteral(", ")),
                               survivor ? QStringLiteral("leave") : QStringLiteral("delete or change")));
    }
    rows.removeAt(index);
    return {};
}

Result<void> ChangeBuilder::removeProgress(
    qsizetype index, std::optional<qint64> survivor, const QStringList& alsoRemoved)
{
    return removeRow(table::progress, m_progress, index, survivor, alsoRemoved);
}

Result<void> ChangeBuilder::removeLicense(
    qsizetype index, std::optional<qint64> survivor, const QStringList& alsoRemoved)
{
    return removeRow(table::licenses, m_licenses, index, survivor, alsoRemoved);
}

KeyChange ChangeBuilder::take()
{
    KeyChange change;
    change.key = m_original.key;
    change.action = m_action;
    change.reason = m_reason;
    change.before = m_original;
    QList<RowChange> updates;
    QList<RowChange> deletes;
    QList<RowChange> inserts;
    diffRows(table::progress, m_original.progress, m_progress, updates, deletes, inserts);
    diffRows(table::licenses, m_original.licenses, m_licenses, updates, deletes, inserts);
    // Foreign keys: history re-pointed or removed first, platform rows next, new history last.
    for (const RowChange& other : std::as_const(m_other)) {
        if (other.op != RowOp::Insert)
            change.changes.append(other);
    }
    change.changes += updates;
    change.changes += deletes;
    change.changes += inserts;
    for (const RowChange& other : std::as_const(m_other)) {
        if (other.op == RowOp::Insert)
            change.changes.append(other);
    }
    change.changes += m_progressions;
    // Writes return the whole row they leave, so the audit's `after` needs no second read.
    if (auto schema = m_session.platform()) {
        for (const RowChange& row : std::as_const(change.changes)) {
            if (row.op != RowOp::Delete && !change.returning.contains(row.table))
                change.returning.insert(row.table, (*schema)->selectList(row.table));
        }
    }
    return change;
}

} // namespace cc
