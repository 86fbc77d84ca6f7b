#include "rows/PlatformTables.h"
#include "rows/RowReader.h"
#include "rows/RowValues.h"
#include "write/Injector.h"

#include "audit/AuditVocabulary.h"
#include "write/ChangeBuilder.h"

#include <type_traits>

// Injector's plan for one key: the rows to add, remove or change so that the key shows the kind.
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
    auto spelling = otherSpelling(p.session, p.track, source.value(column::specializationId).toString());
    if (!spelling)
        return spelling.error();
    Row copy = copyWithout(source, { column::id });
    copy.insert(column::specializationId, *spelling);
    p.builder.addOther({ table::progress, RowOp::Insert, 0, {}, copy });
    return {};
}

Result<void> duplicateLicense(Planting& p)
{
    CC_TRY(p.need(false, true));
    const Row& source = *p.rows.keptLicense();
    const QString current = source.value(column::specializationType).toString();
    const QString other = otherLicenseSpelling(p.catalogue(), p.track, current);
    auto constraints = p.session.constraints();
    if (!constraints)
        return constraints.error();
    // A column unique on its own (payment_reference_code, …) is NULL in the copy; any other
    // constraint that forbids the row is the database's to name.
    Row copy = copyWithout(source, { column::id });
    for (const QString& column : (*constraints)->uniqueColumns(table::licenses))
        copy.insert(column, QVariant());
    copy.insert(column::specializationType, other.isEmpty() ? current : other);
    p.builder.addOther({ table::licenses, RowOp::Insert, 0, {}, copy });
    return {};
}

Result<void> spellingMismatch(Planting& p)
{
    CC_TRY(p.need(true, true));
    Row& license = p.builder.licenses().first();
    const QString other
        = otherLicenseSpelling(p.catalogue(), p.track, license.value(column::specializationType).toString());
    if (other.isEmpty())
        return refused(QStringLiteral("user %1, %2: the track has one spelling; no spelling can differ")
                           .arg(p.rows.key.userId)
                           .arg(p.track));
    license.insert(column::specializationType, other);
    license.insert(column::updatedAt, p.builder.now());
    return {};
}

Result<void> unknownSpecializationOf(Planting& p, const QString& unknownId)
{
    for (Row& row : p.builder.progress())
        row.insert(column::specializationId, unknownId);
    for (Row& row : p.builder.licenses())
        row.insert(column::specializationType, unknownId);
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
    const int level = int(rowInt(license, column::currentLevel).value_or(1));
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
    license.insert(column::maxAchievedLevel, rowInt(license, column::currentLevel).value_or(1) - 1);
    license.insert(column::updatedAt, p.builder.now());
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
        ChangeBuilder builder(s, rows, auditActionName(AuditAction::Inject), kind.name());
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
        change.source = auditSourceName(AuditSource::Qa);
        if (planting.movedTo)
            change.extraKeys.append(*planting.movedTo);
        return change;
    };
}

} // namespace cc
