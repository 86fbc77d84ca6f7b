#include "write/Injector.h"

#include "audit/AuditLog.h"
#include "base/Time.h"
#include "check/HealthCheck.h"
#include "database/WriteTransaction.h"
#include "rows/KeyRows.h"
#include "rows/PlatformTables.h"
#include "rows/RowReader.h"

#include <QJsonArray>

#include <random>

namespace cc {

namespace {

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
        entry.source = auditSourceName(AuditSource::Qa);
        entry.action = auditActionName(AuditAction::AddSpecialization);
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
