#include "Injector.h"

#include "AuditLog.h"
#include "ChangeBuilder.h"
#include "HealthCheck.h"
#include "Time.h"
#include "WriteTransaction.h"

#include <QJsonArray>

#include <random>

namespace cc {

namespace {

// Another spelling of the track that `specializations` holds, or the row's own spelling.
Result<QString> otherSpelling(Session& session, const QString& track, const QString& current)
{
    auto query = session.db().exec(QStringLiteral("SELECT id FROM specializations"));
    if (!query)
        return query.error();
    QSet<QString> ids;
    while (query->next())
        ids.insert(query->value(0).toString().trimmed());
    for (const QString& spelling : session.catalogue().spellings(track)) {
        if (spelling != current.trimmed() && ids.contains(spelling))
            return spelling;
    }
    return current;
}

// Another spelling of the track, whatever `specializations` holds (a license type has no foreign
// key), or empty when the track has one spelling.
QString otherLicenseSpelling(const LevelCatalogue& catalogue, const QString& track, const QString& current)
{
    for (const QString& spelling : catalogue.spellings(track)) {
        if (spelling != current.trimmed())
            return spelling;
    }
    return {};
}

Row copyWithout(const Row& row, const QStringList& columns)
{
    Row copy = row;
    for (const QString& column : columns)
        copy.remove(column);
    return copy;
}

bool feasible(const QString& kind, const KeyAggregate& key, const KeyClassification& classification,
    const LevelCatalogue& catalogue)
{
    if (classification.violation || !classification.warnings.isEmpty() || key.progressRows != 1
        || key.licenseRows != 1)
        return false;
    if (kind == u"spelling_mismatch")
        return catalogue.spellings(key.track).size() > 1;
    if (kind == u"unjustified_level")
        return classification.justifiedLevel < catalogue.maxLevel(key.track);
    if (kind == u"pending_level_up")
        return classification.justifiedLevel >= 2;
    return true;
}

} // namespace

QStringList Injector::kinds()
{
    QStringList list;
    for (int i = 0; i < violationKindCount; ++i)
        list << kindName(ViolationKind(i));
    for (int i = 0; i < warningKindCount; ++i)
        list << warningName(WarningKind(i));
    return list;
}

Result<void> Injector::checkAllowed(Session& session, const QString& kind)
{
    CC_TRY(session.requireTools());
    if (!kinds().contains(kind))
        return refused(
            QStringLiteral("unknown kind \"%1\" (one of: %2)").arg(kind, kinds().join(QStringLiteral(", "))));
    CC_TRY(session.authorize(Action::Inject));
    if (session.db().isReadOnly())
        return Error { ErrorCode::ReadOnly,
            QStringLiteral("the database is open read-only; inject changes nothing") };
    return {};
}

Result<QString> Injector::unknownSpecialization(Session& session)
{
    // Always the tool's own QA_UNKNOWN, never another real id (one may not even fit a license).
    auto exists = session.db().scalar(QStringLiteral("SELECT count(*) FROM specializations WHERE id = ?"),
        { QStringLiteral("QA_UNKNOWN") });
    if (!exists)
        return exists.error();
    if (exists->toLongLong() > 0)
        return QStringLiteral("QA_UNKNOWN");
    // None yet: add QA_UNKNOWN in its own audited transaction.
    return withRetry([&]() -> Result<QString> {
        WriteTransaction transaction(session.db());
        CC_TRY(transaction.begin());
        CC_TRY(session.recheckAuthority());
        const QString now = platformTimestamp(session.now());
        CC_TRY(session.db().run(
            QStringLiteral("INSERT INTO specializations (id, is_active, created_at) VALUES (?, ?, ?)"),
            { QStringLiteral("QA_UNKNOWN"), true, now }));
        AuditEntry entry;
        entry.source = QStringLiteral("qa");
        entry.action = QStringLiteral("add_specialization");
        entry.track = QStringLiteral("QA_UNKNOWN");
        entry.after = QJsonObject { { QStringLiteral("specializations"),
            QJsonArray { QJsonObject { { QStringLiteral("id"), QStringLiteral("QA_UNKNOWN") },
                { QStringLiteral("is_active"), true }, { QStringLiteral("created_at"), now } } } } };
        entry.reason = QStringLiteral(
            "an id in specializations that the catalogue does not know, for unknown_specialization");
        auto id = AuditLog::record(session, entry);
        if (!id)
            return id.error();
        CC_TRY(transaction.commit());
        return QStringLiteral("QA_UNKNOWN");
    });
}

KeyPlanner Injector::planner(const QString& kind, const QString& unknownId)
{
    return [kind, unknownId](Session& s, const KeyRows& rows) -> Result<KeyChange> {
        const LevelCatalogue& catalogue = s.catalogue();
        const QString& track = rows.key.track;
        if (!catalogue.isKnown(track))
            return refused(QStringLiteral("user %1, %2: the track is already unknown to the catalogue")
                               .arg(rows.key.userId)
                               .arg(track));
        auto staff = RowReader::isStaffCredential(s, rows);
        if (!staff)
            return staff.error();
        if (*staff)
            return refused(QStringLiteral("user %1, %2 is a staff credential (a teaching license, not a "
                                          "pair); nothing is injected into it")
                               .arg(rows.key.userId)
                               .arg(track));
        const int max = catalogue.maxLevel(track);
        ChangeBuilder builder(s, rows, QStringLiteral("inject"), kind);
        auto need = [&](bool progress, bool license) -> Result<void> {
            if (progress && rows.progress.isEmpty())
                return refused(QStringLiteral("user %1, %2 has no progress row to inject %3 into")
                                   .arg(rows.key.userId)
                                   .arg(track, kind));
            if (license && rows.licenses.isEmpty())
                return refused(QStringLiteral("user %1, %2 has no license to inject %3 into")
                                   .arg(rows.key.userId)
                                   .arg(track, kind));
            return {};
        };
        std::optional<KeyRef> movedTo;
        if (kind == u"duplicate_progress") {
            CC_TRY(need(true, false));
            const Row& source = *rows.keptProgress();
            auto spelling
                = otherSpelling(s, track, source.value(QStringLiteral("specialization_id")).toString());
            if (!spelling)
                return spelling.error();
            Row copy = copyWithout(source, { QStringLiteral("id") });
            copy.insert(QStringLiteral("specialization_id"), *spelling);
            builder.addOther({ table::progress, RowOp::Insert, 0, {}, copy });
        } else if (kind == u"duplicate_license") {
            CC_TRY(need(false, true));
            const Row& source = *rows.keptLicense();
            const QString current = source.value(QStringLiteral("specialization_type")).toString();
            const QString other = otherLicenseSpelling(catalogue, track, current);
            auto constraints = s.constraints();
            if (!constraints)
                return constraints.error();
            // A column unique on its own (payment_reference_code, …) is NULL in the copy; any other
            // constraint that forbids the row is the database's to name.
            Row copy = copyWithout(source, { QStringLiteral("id") });
            for (const QString& column : (*constraints)->uniqueColumns(table::licenses))
                copy.insert(column, QVariant());
            copy.insert(QStringLiteral("specialization_type"), other.isEmpty() ? current : other);
            builder.addOther({ table::licenses, RowOp::Insert, 0, {}, copy });
        } else if (kind == u"spelling_mismatch") {
            CC_TRY(need(true, true));
            Row& license = builder.licenses().first();
            const QString other = otherLicenseSpelling(
                catalogue, track, license.value(QStringLiteral("specialization_type")).toString());
            if (other.isEmpty())
                return refused(
                    QStringLiteral("user %1, %2: the track has one spelling; no spelling can differ")
                        .arg(rows.key.userId)
                        .arg(track));
            license.insert(QStringLiteral("specialization_type"), other);
            license.insert(QStringLiteral("updated_at"), builder.now());
        } else if (kind == u"unknown_specialization") {
            for (Row& row : builder.progress())
                row.insert(QStringLiteral("specialization_id"), unknownId);
            for (Row& row : builder.licenses())
                row.insert(QStringLiteral("specialization_type"), unknownId);
            movedTo = KeyRef { rows.key.userId, unknownId };
        } else if (kind == u"missing_license") {
            CC_TRY(need(true, true));
            // Its level history goes with it (kept whole in the audit); any other referencing row refuses.
            for (qsizetype i = builder.licenses().size() - 1; i >= 0; --i)
                CC_TRY(builder.removeLicense(i, std::nullopt, { table::progressions }));
        } else if (kind == u"missing_progress") {
            CC_TRY(need(true, true));
            for (qsizetype i = builder.progress().size() - 1; i >= 0; --i)
                CC_TRY(builder.removeProgress(i, std::nullopt));
        } else if (kind == u"level_out_of_range") {
            CC_TRY(need(true, false));
            builder.setProgressLevel(builder.progress().first(), max + 1);
        } else if (kind == u"level_mismatch") {
            CC_TRY(need(true, true));
            Row& license = builder.licenses().first();
            const int level = int(rowInt(license, QStringLiteral("current_level")).value_or(1));
            builder.setLicenseLevel(license, level < max ? level + 1 : level - 1);
        } else if (kind == u"unjustified_level" || kind == u"pending_level_up") {
            CC_TRY(need(true, true));
            const int justified = catalogue.justifiedLevel(track, rows.aggregate(catalogue).counters);
            const bool up = kind == u"unjustified_level";
            if (up && justified >= max)
                return refused(QStringLiteral(
                    "user %1, %2: the counters justify the maximum level; nothing can be above it")
                                   .arg(rows.key.userId)
                                   .arg(track));
            if (!up && justified < 2)
                return refused(
                    QStringLiteral("user %1, %2: the counters justify level 1; no level-up can be pending")
                        .arg(rows.key.userId)
                        .arg(track));
            const int level = up ? justified + 1 : justified - 1;
            builder.setProgressLevel(builder.progress().first(), level);
            builder.setLicenseLevel(builder.licenses().first(), level);
        } else if (kind == u"max_below_current") {
            CC_TRY(need(false, true));
            Row& license = builder.licenses().first();
            license.insert(QStringLiteral("max_achieved_level"),
                rowInt(license, QStringLiteral("current_level")).value_or(1) - 1);
            license.insert(QStringLiteral("updated_at"), builder.now());
        }
        KeyChange change = builder.take();
        change.source = QStringLiteral("qa");
        if (movedTo)
            change.extraKeys.append(*movedTo);
        return change;
    };
}

Result<WriteOutcome> Injector::injectOne(Session& session, const QString& kind, const KeyRef& key)
{
    CC_TRY(checkAllowed(session, kind));
    QString unknownId;
    if (kind == u"unknown_specialization") {
        auto id = unknownSpecialization(session);
        if (!id)
            return id.error();
        unknownId = *id;
    }
    auto outcome = CouplingWriter::run(session, { key }, planner(kind, unknownId));
    if (!outcome && outcome.error().code == ErrorCode::Sql)
        return refused(
            QStringLiteral("inject %1 on user %2, %3 was refused by the database, nothing was changed: %4")
                .arg(kind)
                .arg(key.userId)
                .arg(key.track, outcome.error().message));
    return outcome;
}

Result<WriteOutcome> Injector::injectRandom(
    Session& session, const QString& kind, int count, quint64 seed, CancelToken* cancel)
{
    CC_TRY(checkAllowed(session, kind));
    if (count < 1 || count > 1000000)
        return refused(QStringLiteral("--random takes a count from 1 to 1000000"));
    QList<KeyRef> candidates;
    const LevelCatalogue& catalogue = session.catalogue();
    // A row that other tables reference cannot be removed without a survivor (C5): not a candidate.
    std::set<KeyRef> referenced;
    if (kind == u"missing_license" || kind == u"missing_progress") {
        auto keys = kind == u"missing_license"
            ? RowReader::referencedKeys(session, table::licenses, { table::progressions })
            : RowReader::referencedKeys(session, table::progress, {});
        if (!keys)
            return keys.error();
        referenced = std::move(*keys);
    }
    CC_TRY(HealthCheck::scan(session, [&](const KeyAggregate& key) {
        if (feasible(kind, key, classifyKey(key, catalogue), catalogue)
            && !referenced.count({ key.userId, key.track }))
            candidates.append({ key.userId, key.track });
    }));
    // A partial Fisher–Yates shuffle with a fixed generator: the same seed picks the same keys.
    std::mt19937_64 generator(seed);
    QList<KeyRef> chosen;
    QSet<qint64> users;
    for (qsizetype i = 0; i < candidates.size() && chosen.size() < count; ++i) {
        const qsizetype j = i + qsizetype(generator() % quint64(candidates.size() - i));
        std::swap(candidates[i], candidates[j]);
        if (kind == u"unknown_specialization" && users.contains(candidates.at(i).userId))
            continue; // two tracks of one user would meet on the same unknown id
        users.insert(candidates.at(i).userId);
        chosen.append(candidates.at(i));
    }
    if (chosen.isEmpty())
        return refused(QStringLiteral("no consistent key can take %1").arg(kind));
    QString unknownId;
    if (kind == u"unknown_specialization") {
        auto id = unknownSpecialization(session);
        if (!id)
            return id.error();
        unknownId = *id;
    }
    WriteOptions options;
    options.batch = true;
    options.batchAction = QStringLiteral("inject-random");
    options.keysPerTransaction = int(chosen.size());
    options.cancel = cancel;
    return CouplingWriter::run(session, chosen, planner(kind, unknownId), options);
}

} // namespace cc
