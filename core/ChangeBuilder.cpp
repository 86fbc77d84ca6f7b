#include "ChangeBuilder.h"

#include "PlatformSchema.h"
#include "Time.h"

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

void diffRows(const QString& tableName, const QList<Row>& before, const QList<Row>& after, QList<RowChange>& updates,
              QList<RowChange>& deletes, QList<RowChange>& inserts)
{
    for (const Row& original : before) {
        const qint64 id = rowId(original);
        auto found = std::find_if(after.cbegin(), after.cend(), [id](const Row& row) {
            return !row.contains(newRowMarker) && rowId(row) == id;
        });
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

Result<QString> ChangeBuilder::spelling(const QString& existing)
{
    auto ids = specializationIds(m_session);
    if (!ids)
        return ids.error();
    QString trimmed = existing;
    while (trimmed.endsWith(u' '))
        trimmed.chop(1);
    if (!trimmed.isEmpty() && ids->contains(trimmed))
        return trimmed;
    for (const QString& candidate : m_session.catalogue().spellings(m_original.key.track)) {
        if (ids->contains(candidate))
            return candidate;
    }
    return refused(QStringLiteral("no spelling of %1 is in the specializations table: add a specializations row %1 first")
                       .arg(m_original.key.track));
}

Result<QString> ChangeBuilder::insertableSpelling(const QString& tableName, const QString& what, const QString& existing)
{
    auto id = spelling(existing);
    if (!id)
        return id.error();
    auto schema = m_session.platform();
    if (!schema)
        return schema.error();
    if (const QString blocker = (*schema)->insertBlocker(tableName); !blocker.isEmpty())
        return refused(QStringLiteral("cannot create %1: %2.%3 is NOT NULL without a default").arg(what, tableName, blocker));
    return id;
}

Result<Row*> ChangeBuilder::createProgress(int level, const Row* licenseSource)
{
    const QString existing = licenseSource ? licenseSource->value(QStringLiteral("specialization_type")).toString() : QString();
    auto id = insertableSpelling(table::progress, QStringLiteral("a progress row"), existing);
    if (!id)
        return id.error();
    const QVariant time = now();
    Row row { { newRowMarker, true },
              { QStringLiteral("student_id"), m_original.key.userId },
              { QStringLiteral("specialization_id"), *id },
              { QStringLiteral("current_level"), level },
              { QStringLiteral("total_xp"), 0 },
              { QStringLiteral("completed_sessions"), 0 },
              { QStringLiteral("completed_projects"), 0 },
              { QStringLiteral("theory_hours_completed"), 0 },
              { QStringLiteral("practice_hours_completed"), 0 },
              { QStringLiteral("last_activity"), time },
              { QStringLiteral("created_at"), time },
              { QStringLiteral("updated_at"), time } };
    m_progress.append(row);
    return &m_progress.last();
}

Result<Row*> ChangeBuilder::createLicense(int level, const Row* progressSource)
{
    const QString existing = progressSource ? progressSource->value(QStringLiteral("specialization_id")).toString() : QString();
    auto id = insertableSpelling(table::licenses, QStringLiteral("a license"), existing);
    if (!id)
        return id.error();
    const QVariant time = now();
    QVariant startedAt = progressSource ? progressSource->value(QStringLiteral("created_at")) : QVariant();
    if (startedAt.isNull() || !startedAt.isValid())
        startedAt = time;
    const QVariant lastAdvanced = progressSource ? progressSource->value(QStringLiteral("last_activity")) : QVariant();
    Row row { { newRowMarker, true },
              { QStringLiteral("user_id"), m_original.key.userId },
              { QStringLiteral("specialization_type"), *id },
              { QStringLiteral("current_level"), level },
              { QStringLiteral("max_achieved_level"), level },
              { QStringLiteral("started_at"), startedAt },
              { QStringLiteral("last_advanced_at"), lastAdvanced.isValid() ? lastAdvanced : QVariant(QMetaType::fromType<QString>()) },
              { QStringLiteral("payment_verified"), false },
              { QStringLiteral("onboarding_completed"), false },
              { QStringLiteral("is_active"), true },
              { QStringLiteral("renewal_cost"), 1000 },
              { QStringLiteral("credit_balance"), 0 },
              { QStringLiteral("credit_purchased"), 0 },
              { QStringLiteral("created_at"), time },
              { QStringLiteral("updated_at"), time } };
    m_licenses.append(row);
    return &m_licenses.last();
}

void ChangeBuilder::setLicenseLevel(Row& license, int level, bool clamp)
{
    const auto old = rowInt(license, QStringLiteral("current_level"));
    if (old && *old == level && !clamp)
        return;
    const qint64 oldMax = rowInt(license, QStringLiteral("max_achieved_level")).value_or(level);
    license.insert(QStringLiteral("current_level"), level);
    license.insert(QStringLiteral("max_achieved_level"), clamp ? std::min<qint64>(oldMax, level) : std::max<qint64>(oldMax, level));
    if (old && *old == level)
        return;
    license.insert(QStringLiteral("updated_at"), now());
    if (license.contains(newRowMarker))
        return;
    license.insert(QStringLiteral("last_advanced_at"), now());
    m_progressions.append({ table::progressions, RowOp::Insert, 0, {},
                            Row { { QStringLiteral("user_license_id"), rowId(license) },
                                  { QStringLiteral("from_level"), old ? QVariant(*old) : QVariant(0) },
                                  { QStringLiteral("to_level"), level },
                                  { QStringLiteral("advanced_by"), operatorId() },
                                  { QStringLiteral("advancement_reason"), m_reason.isEmpty() ? m_action : m_reason },
                                  { QStringLiteral("requirements_met"), QStringLiteral("coupling-console %1").arg(m_action) },
                                  { QStringLiteral("advanced_at"), now() } } });
}

void ChangeBuilder::setProgressLevel(Row& progress, int level)
{
    const auto old = rowInt(progress, QStringLiteral("current_level"));
    if (old && *old == level)
        return;
    progress.insert(QStringLiteral("current_level"), level);
    progress.insert(QStringLiteral("updated_at"), now());
}

void ChangeBuilder::removeProgress(qsizetype index)
{
    m_progress.removeAt(index);
}

void ChangeBuilder::removeLicense(qsizetype index)
{
    m_licenses.removeAt(index);
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
