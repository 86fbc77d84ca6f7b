#include "Injector.h"

#include "AuditLog.h"
#include "ChangeBuilder.h"
#include "HealthCheck.h"
#include "Time.h"
#include "WriteTransaction.h"

#include <QJsonArray>

#include <random>
#include <type_traits>

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

bool feasible(const InjectedKind& kind, const KeyAggregate& key, const KeyClassification& classification,
    const LevelCatalogue& catalogue)
{
    if (classification.violation || !classification.warnings.isEmpty() || key.progressRows != 1
        || key.licenseRows != 1)
        return false;
    if (kind.is(ViolationKind::SpellingMismatch))
        return catalogue.spellings(key.track).size() > 1;
    if (kind.is(WarningKind::UnjustifiedLevel))
        return classification.justifiedLevel < catalogue.maxLevel(key.track);
    if (kind.is(WarningKind::PendingLevelUp))
        return classification.justifiedLevel >= 2;
    return true;
}

// One key being injected: its rows, the change being built, and what the kinds' plans share.
struct Planting {
    Session& session;
    const KeyRows& rows;
    ChangeBuilder& builder;
    const QString& track;
    QString kindName;
    int max = 0;
    std::optional<KeyRef> movedTo;

    const LevelCatalogue& catalogue() const { return session.catalogue(); }

    Result<void> need(bool progress, bool license) const
    {
        if (progress && rows.progress.isEmpty())
            return refused(QStringLiteral("user %1, %2 has no progress row to inject %3 into")
                               .arg(rows.key.userId)
                               .arg(track, kindName));
        if (license && rows.licenses.isEmpty())
            return refused(QStringLiteral("user %1, %2 has no license to inject %3 into")
                               .arg(rows.key.userId)
                               .arg(track, kindName));
        return {};
    }
};

Result<void> duplicateProgress(Planting& p)
{
    CC_TRY(p.need(true, false));
    const Row& source = *p.rows.keptProgress();
    auto spelling
        = otherSpelling(p.session, p.track, source.value(QStringLiteral("specialization_id")).toString());
    if (!spelling)
        return spelling.error();
    Row copy = copyWithout(source, { QStringLiteral("id") });
    copy.insert(QStringLiteral("specialization_id"), *spelling);
    p.builder.addOther({ table::progress, RowOp::Insert, 0, {}, copy });
    return {};
}

Result<void> duplicateLicense(Planting& p)
{
    CC_TRY(p.need(false, true));
    const Row& source = *p.rows.keptLicense();
    const QString current = source.value(QStringLiteral("specialization_type")).toString();
    const QString other = otherLicenseSpelling(p.catalogue(), p.track, current);
    auto constraints = p.session.constraints();
    if (!constraints)
        return constraints.error();
    // A column unique on its own (payment_reference_code, …) is NULL in the copy; any other
    // constraint that forbids the row is the database's to name.
    Row copy = copyWithout(source, { QStringLiteral("id") });
    for (const QString& column : (*constraints)->uniqueColumns(table::licenses))
        copy.insert(column, QVariant());
    copy.insert(QStringLiteral("specialization_type"), other.isEmpty() ? current : other);
    p.builder.addOther({ table::licenses, RowOp::Insert, 0, {}, copy });
    return {};
}

Result<void> spellingMismatch(Planting& p)
{
    CC_TRY(p.need(true, true));
    Row& license = p.builder.licenses().first();
    const QString other = otherLicenseSpelling(
        p.catalogue(), p.track, license.value(QStringLiteral("specialization_type")).toString());
    if (other.isEmpty())
        return refused(QStringLiteral("user %1, %2: the track has one spelling; no spelling can differ")
                           .arg(p.rows.key.userId)
                           .arg(p.track));
    license.insert(QStringLiteral("specialization_type"), other);
    license.insert(QStringLiteral("updated_at"), p.builder.now());
    return {};
}

Result<void> unknownSpecializationOf(Planting& p, const QString& unknownId)
{
    for (Row& row : p.builder.progress())
        row.insert(QStringLiteral("specialization_id"), unknownId);
    for (Row& row : p.builder.licenses())
        row.insert(QStringLiteral("specialization_type"), unknownId);
    p.movedTo = KeyRef { p.rows.key.userId, unknownId };
    return {};
}

Result<void> missingLicense(Planting& p)
{
    CC_TRY(p.need(true, true));
    // Its level history goes with it (kept whole in the audit); any other referencing row refuses.
    for (qsizetype i = p.builder.licenses().size() - 1; i >= 0; --i)
        CC_TRY(p.builder.removeLicense(i, std::nullopt, { table::progressions }));
    return {};
}

Result<void> missingProgress(Planting& p)
{
    CC_TRY(p.need(true, true));
    for (qsizetype i = p.builder.progress().size() - 1; i >= 0; --i)
        CC_TRY(p.builder.removeProgress(i, std::nullopt));
    return {};
}

Result<void> levelOutOfRange(Planting& p)
{
    CC_TRY(p.need(true, false));
    p.builder.setProgressLevel(p.builder.progress().first(), p.max + 1);
    return {};
}

Result<void> levelMismatch(Planting& p)
{
    CC_TRY(p.need(true, true));
    Row& license = p.builder.licenses().first();
    const int level = int(rowInt(license, QStringLiteral("current_level")).value_or(1));
    p.builder.setLicenseLevel(license, level < p.max ? level + 1 : level - 1);
    return {};
}

// Both sides one level above (unjustified) or below (pending level-up) what the counters justify.
Result<void> levelAgainstCounters(Planting& p, bool up)
{
    CC_TRY(p.need(true, true));
    const int justified = p.catalogue().justifiedLevel(p.track, p.rows.aggregate(p.catalogue()).counters);
    if (up && justified >= p.max)
        return refused(
            QStringLiteral("user %1, %2: the counters justify the maximum level; nothing can be above it")
                .arg(p.rows.key.userId)
                .arg(p.track));
    if (!up && justified < 2)
        return refused(QStringLiteral("user %1, %2: the counters justify level 1; no level-up can be pending")
                           .arg(p.rows.key.userId)
                           .arg(p.track));
    const int level = up ? justified + 1 : justified - 1;
    p.builder.setProgressLevel(p.builder.progress().first(), level);
    p.builder.setLicenseLevel(p.builder.licenses().first(), level);
    return {};
}

Result<void> maxBelowCurrent(Planting& p)
{
    CC_TRY(p.need(false, true));
    Row& license = p.builder.licenses().first();
    license.insert(QStringLiteral("max_achieved_level"),
        rowInt(license, QStringLiteral("current_level")).value_or(1) - 1);
    license.insert(QStringLiteral("updated_at"), p.builder.now());
    return {};
}

Result<void> plant(Planting& p, ViolationKind kind, const QString& unknownId)
{
    switch (kind) {
    case ViolationKind::DuplicateProgress:
        return duplicateProgress(p);
    case ViolationKind::DuplicateLicense:
        return duplicateLicense(p);
    case ViolationKind::UnknownSpecialization:
        return unknownSpecializationOf(p, unknownId);
    case ViolationKind::MissingLicense:
        return missingLicense(p);
    case ViolationKind::MissingProgress:
        return missingProgress(p);
    case ViolationKind::LevelOutOfRange:
        return levelOutOfRange(p);
    case ViolationKind::LevelMismatch:
        return levelMismatch(p);
    case ViolationKind::SpellingMismatch:
        return spellingMismatch(p);
    }
    Q_UNREACHABLE();
    return {};
}

Result<void> plant(Planting& p, WarningKind kind)
{
    switch (kind) {
    case WarningKind::UnjustifiedLevel:
        return levelAgainstCounters(p, true);
    case WarningKind::PendingLevelUp:
        return levelAgainstCounters(p, false);
    case WarningKind::MaxBelowCurrent:
        return maxBelowCurrent(p);
    }
    Q_UNREACHABLE();
    return {};
}

} // namespace

QString InjectedKind::name() const
{
    return std::holds_alternative<ViolationKind>(kind) ? kindName(std::get<ViolationKind>(kind))
                                                       : warningName(std::get<WarningKind>(kind));
}

std::optional<InjectedKind> InjectedKind::fromName(const QString& name)
{
    if (auto violation = kindFromName(name))
        return InjectedKind { *violation };
    if (auto warning = warningFromName(name))
        return InjectedKind { *warning };
    return std::nullopt;
}

QStringList Injector::kinds()
{
    QStringList list;
    for (int i = 0; i < violationKindCount; ++i)
        list << kindName(ViolationKind(i));
    for (int i = 0; i < warningKindCount; ++i)
        list << warningName(WarningKind(i));
    return list;
}

Result<InjectedKind> Injector::checkAllowed(Session& session, const QString& name)
{
    CC_TRY(session.requireTools());
    const std::optional<InjectedKind> kind = InjectedKind::fromName(name);
    if (!kind)
        return refused(
            QStringLiteral("unknown kind \"%1\" (one of: %2)").arg(name, kinds().join(QStringLiteral(", "))));
    CC_TRY(session.authorize(Action::Inject));
    if (session.db().isReadOnly())
        return Error { ErrorCode::ReadOnly,
            QStringLiteral("the database is open read-only; inject changes nothing") };
    return *kind;
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

KeyPlanner Injector::planner(const InjectedKind& kind, const QString& unknownId)
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
        ChangeBuilder builder(s, rows, QStringLiteral("inject"), kind.name());
        Planting planting { s, rows, builder, track, kind.name(), catalogue.maxLevel(track), std::nullopt };
        CC_TRY(std::visit(
            [&](auto which) -> Result<void> {
                if constexpr (std::is_same_v<decltype(which), ViolationKind>)
                    return plant(planting, which, unknownId);
                else
                    return plant(planting, which);
            },
            kind.kind));
        KeyChange change = builder.take();
        change.source = QStringLiteral("qa");
        if (planting.movedTo)
            change.extraKeys.append(*planting.movedTo);
        return change;
    };
}

Result<WriteOutcome> Injector::injectOne(Session& session, const QString& name, const KeyRef& key)
{
    auto kind = checkAllowed(session, name);
    if (!kind)
        return kind.error();
    QString unknownId;
    if (kind->is(ViolationKind::UnknownSpecialization)) {
        auto id = unknownSpecialization(session);
        if (!id)
            return id.error();
        unknownId = *id;
    }
    auto outcome = CouplingWriter::run(session, { key }, planner(*kind, unknownId));
    if (!outcome && outcome.error().code == ErrorCode::Sql)
        return refused(
            QStringLiteral("inject %1 on user %2, %3 was refused by the database, nothing was changed: %4")
                .arg(name)
                .arg(key.userId)
                .arg(key.track, outcome.error().message));
    return outcome;
}

Result<WriteOutcome> Injector::injectRandom(
    Session& session, const QString& name, int count, quint64 seed, CancelToken* cancel)
{
    auto checked = checkAllowed(session, name);
    if (!checked)
        return checked.error();
    const InjectedKind& kind = *checked;
    if (count < 1 || count > 1000000)
        return refused(QStringLiteral("--random takes a count from 1 to 1000000"));
    QList<KeyRef> candidates;
    const LevelCatalogue& catalogue = session.catalogue();
    // A row that other tables reference cannot be removed without a survivor (C5): not a candidate.
    std::set<KeyRef> referenced;
    if (kind.is(ViolationKind::MissingLicense) || kind.is(ViolationKind::MissingProgress)) {
        auto keys = kind.is(ViolationKind::MissingLicense)
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
        if (kind.is(ViolationKind::UnknownSpecialization) && users.contains(candidates.at(i).userId))
            continue; // two tracks of one user would meet on the same unknown id
        users.insert(candidates.at(i).userId);
        chosen.append(candidates.at(i));
    }
    if (chosen.isEmpty())
        return refused(QStringLiteral("no consistent key can take %1").arg(name));
    QString unknownId;
    if (kind.is(ViolationKind::UnknownSpecialization)) {
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
