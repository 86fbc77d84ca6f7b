#include "write/Repair.h"

#include "audit/AuditLog.h"
#include "check/HealthCheck.h"
#include "check/RunStore.h"
#include "rows/PlatformTables.h"
#include "rows/RowReader.h"
#include "rows/RowValues.h"
#include "write/ChangeBuilder.h"

namespace cc {

namespace {

QString referencedBy(const Referrers& referrers, qint64 id)
{
    const qsizetype count = referrers.value(id).size();
    return count == 1 ? QStringLiteral("referenced by 1 row of other tables")
                      : QStringLiteral("referenced by %1 rows of other tables").arg(count);
}

// Why a merge keeps the license it keeps (C6 step 1), for the plan.
QString licenseKeptNote(const KeyRows& rows, const Row& kept)
{
    QStringList removed;
    for (const Row& row : rows.licenses) {
        if (rowId(row) != rowId(kept))
            removed << QStringLiteral("%1 (%2, payment_verified %3, max level %4)")
                           .arg(rowId(row))
                           .arg(referencedBy(rows.licenseReferrers, rowId(row)),
                               formatValue(row.value(QStringLiteral("payment_verified"))),
                               formatValue(row.value(column::maxAchievedLevel)));
    }
    return QStringLiteral("keeps user_licenses row %1 (%2, payment_verified %3, max level %4, started %5) "
                          "over %6: the row holding the "
                          "real record (most references, then paid, then highest max level, then earliest "
                          "start, then lowest id)")
        .arg(rowId(kept))
        .arg(referencedBy(rows.licenseReferrers, rowId(kept)),
            formatValue(kept.value(QStringLiteral("payment_verified"))),
            formatValue(kept.value(column::maxAchievedLevel)), formatValue(kept.value(column::startedAt)),
            removed.join(QStringLiteral(", ")));
}

QString progressKeptNote(const KeyRows& rows, const Row& kept)
{
    QStringList removed;
    for (const Row& row : rows.progress) {
        if (rowId(row) != rowId(kept))
            removed << QStringLiteral("%1 (%2 XP, %3 sessions)")
                           .arg(rowId(row))
                           .arg(formatValue(row.value(column::totalXp)),
                               formatValue(row.value(column::completedSessions)));
    }
    return QStringLiteral(
        "keeps specialization_progress row %1 (%2 XP, %3 sessions) over %4: the row holding the real record "
        "(highest XP, then most sessions, then lowest id)")
        .arg(rowId(kept))
        .arg(formatValue(kept.value(column::totalXp)), formatValue(kept.value(column::completedSessions)),
            removed.join(QStringLiteral(", ")));
}

// Keeps the license holding the real record (KeyRows::keptLicense) and re-points every row of other
// tables that references a removed one to it (C6 step 1).
Result<void> mergeLicenses(ChangeBuilder& builder, int max, QStringList& notes)
{
    QList<Row>& licenses = builder.licenses();
    if (licenses.size() < 2)
        return {};
    const qint64 keptId = rowId(*builder.original().keptLicense());
    notes << licenseKeptNote(builder.original(), *builder.original().keptLicense());
    qint64 highestMax = 0;
    for (const Row& row : std::as_const(licenses))
        highestMax = std::max(highestMax, rowInt(row, column::maxAchievedLevel).value_or(0));
    for (qsizetype i = licenses.size() - 1; i >= 0; --i) {
        if (rowId(licenses.at(i)) != keptId)
            CC_TRY(builder.removeLicense(i, keptId));
    }
    Row& kept = licenses.first();
    const qint64 merged = std::min<qint64>(highestMax, max);
    if (rowInt(kept, column::maxAchievedLevel).value_or(0) != merged) {
        kept.insert(column::maxAchievedLevel, merged);
        kept.insert(column::updatedAt, builder.now());
    }
    return {};
}

Result<void> mergeProgress(ChangeBuilder& builder, QStringList& notes)
{
    QList<Row>& progress = builder.progress();
    if (progress.size() < 2)
        return {};
    const qint64 keptId = rowId(*builder.original().keptProgress());
    notes << progressKeptNote(builder.original(), *builder.original().keptProgress());
    for (qsizetype i = progress.size() - 1; i >= 0; --i) {
        if (rowId(progress.at(i)) != keptId)
            CC_TRY(builder.removeProgress(i, keptId));
    }
    return {};
}

// Levels outside 1..max: the license's clamped, the progress taken from the license (or from
// the counters when there is none).
void clampLevels(ChangeBuilder& builder, const LevelCatalogue& catalogue, const KeyRows& rows, int max)
{
    if (!builder.licenses().isEmpty()) {
        Row& license = builder.licenses().first();
        const auto level = rowInt(license, column::currentLevel);
        if (level && *level > max)
            builder.setLicenseLevel(license, max, true);
        else if (!level || *level < 1)
            builder.setLicenseLevel(license, 1);
    }
    if (builder.progress().isEmpty())
        return;
    Row& progress = builder.progress().first();
    const auto level = rowInt(progress, column::currentLevel);
    if (level && *level >= 1 && *level <= max)
        return;
    const int target = !builder.licenses().isEmpty()
        ? int(rowInt(builder.licenses().first(), column::currentLevel).value_or(1))
        : catalogue.justifiedLevel(rows.key.track, rows.aggregate(catalogue).counters);
    builder.setProgressLevel(progress, target);
}

// The missing side created (a license only with --create-licenses), or the two levels synced;
// returns why the key is skipped, empty when it is not.
Result<QString> createOrSync(ChangeBuilder& builder, const RepairOptions& options)
{
    const bool progress = !builder.progress().isEmpty();
    const bool license = !builder.licenses().isEmpty();
    if (progress && !license) {
        if (!options.createLicenses)
            return skipReasonText(SkipClass::MissingLicense,
                QStringLiteral("not created without --create-licenses (a license is a paid product)"));
        const int level = int(rowInt(builder.progress().first(), column::currentLevel).value_or(1));
        CC_TRY(builder.createLicense(level, &builder.progress().first()));
    } else if (license && !progress) {
        const int level = int(rowInt(builder.licenses().first(), column::currentLevel).value_or(1));
        CC_TRY(builder.createProgress(level));
    } else if (progress && license) {
        Row& progressRow = builder.progress().first();
        Row& licenseRow = builder.licenses().first();
        const int p = int(rowInt(progressRow, column::currentLevel).value_or(1));
        const int l = int(rowInt(licenseRow, column::currentLevel).value_or(1));
        if (p != l) {
            const SyncDirection direction = options.direction.value_or(SyncDirection::TowardHigher);
            const bool toLicense = direction == SyncDirection::ProgressToLicense
                || (direction == SyncDirection::TowardHigher && p > l);
            if (toLicense)
                builder.setLicenseLevel(licenseRow, p);
            else
                builder.setProgressLevel(progressRow, l);
        }
    }
    return QString();
}

} // namespace

KeyPlanner Repair::planner(const RepairOptions& options)
{
    return [options](Session& s, const KeyRows& rows) -> Result<KeyChange> {
        const LevelCatalogue& catalogue = s.catalogue();
        const QString& track = rows.key.track;
        ChangeBuilder builder(s, rows, auditActionName(AuditAction::Repair), QString());
        auto staff = RowReader::isStaffCredential(s, rows);
        if (!staff)
            return staff.error();
        if (*staff)
            return builder.take(); // a teaching credential, not a pair (C2): never repaired
        if (!catalogue.isKnown(track)) {
            KeyChange change = builder.take();
            change.skipReason = skipReasonText(
                SkipClass::ManualReview, QStringLiteral("%1 is not in the level catalogue").arg(track));
            return change;
        }
        const int max = catalogue.maxLevel(track);
        // 1. merge duplicates
        QStringList notes;
        CC_TRY(mergeProgress(builder, notes));
        CC_TRY(mergeLicenses(builder, max, notes));
        // 2. clamp, license first
        clampLevels(builder, catalogue, rows, max);
        // 3. create or sync
        auto skip = createOrSync(builder, options);
        if (!skip)
            return skip.error();
        // 4. one spelling for both sides (C5)
        CC_TRY(builder.unifySpelling());
        KeyChange change = builder.take();
        change.skipReason = *skip;
        change.notes = notes;
        return change;
    };
}

namespace {

// One track of the user, or every track the user has rows for.
Result<QList<KeyRef>> keysOfUser(Session& session, qint64 userId, const QString& track)
{
    if (!track.isEmpty())
        return QList<KeyRef> { { userId, track } };
    auto rows = RowReader::userKeys(session, userId, false);
    if (!rows)
        return rows.error();
    QList<KeyRef> keys;
    for (const KeyRows& key : std::as_const(*rows))
        keys.append(key.key);
    return keys;
}

} // namespace

Result<Plan> Repair::previewUser(
    Session& session, qint64 userId, const QString& track, const RepairOptions& options)
{
    CC_TRY(session.requireTools());
    CC_TRY(session.authorize(Action::View));
    auto keys = keysOfUser(session, userId, track);
    if (!keys)
        return keys.error();
    WriteOptions write;
    write.batchAction = QStringLiteral("repair");
    write.keysPerTransaction = int(std::max<qsizetype>(1, keys->size()));
    return CouplingWriter::dryRun(session, *keys, planner(options), write);
}

Result<WriteOutcome> Repair::repairUser(
    Session& session, qint64 userId, const QString& track, const RepairOptions& options)
{
    CC_TRY(session.requireTools());
    CC_TRY(session.authorize(Action::RepairOne));
    auto keys = keysOfUser(session, userId, track);
    if (!keys)
        return keys.error();
    WriteOptions write;
    write.batch = true;
    write.batchAction = QStringLiteral("repair");
    write.keysPerTransaction = int(std::max<qsizetype>(1, keys->size()));
    return CouplingWriter::run(session, *keys, planner(options), write);
}

Result<QList<KeyRef>> Repair::keysToRepair(Session& session, CancelToken* cancel)
{
    auto latest = RunStore::latestCompleted(session.db());
    if (!latest)
        return latest.error();
    auto newestAudit = AuditLog::newestEntryTime(session.db());
    if (!newestAudit)
        return newestAudit.error();
    std::optional<qint64> runId;
    if (*latest && (!newestAudit->isValid() || (*latest)->startedAt >= *newestAudit))
        runId = (*latest)->runId;
    if (!runId) {
        CheckOptions check;
        check.violationLimit = 0;
        check.cancel = cancel;
        auto report = HealthCheck::run(session, check);
        if (!report)
            return report.error();
        if (!report->runId)
            return refused(
                QStringLiteral("repair-all needs a stored health check, and this one could not be stored"));
        runId = report->runId;
    }
    ViolationFilter filter;
    filter.runId = runId;
    auto violations = RunStore::violations(session.db(), filter);
    if (!violations)
        return violations.error();
    QList<KeyRef> keys;
    keys.reserve(violations->size());
    for (const StoredViolation& violation : std::as_const(*violations))
        keys.append({ violation.record.userId, violation.record.track });
    return keys;
}

Result<Plan> Repair::previewAll(Session& session, const RepairOptions& options)
{
    CC_TRY(session.requireTools());
    CC_TRY(session.authorize(Action::View));
    auto keys = keysToRepair(session, options.cancel);
    if (!keys)
        return keys.error();
    WriteOptions write;
    write.batchAction = QStringLiteral("repair-all");
    write.cancel = options.cancel;
    write.progress = options.progress;
    return CouplingWriter::dryRun(session, *keys, planner(options), write);
}

Result<WriteOutcome> Repair::repairAll(Session& session, const RepairOptions& options)
{
    CC_TRY(session.requireTools());
    CC_TRY(session.authorize(Action::RepairAll));
    auto keys = keysToRepair(session, options.cancel);
    if (!keys)
        return keys.error();
    WriteOptions write;
    write.batch = true;
    write.batchAction = QStringLiteral("repair-all");
    write.cancel = options.cancel;
    write.progress = options.progress;
    return CouplingWriter::run(session, *keys, planner(options), write);
}

} // namespace cc
