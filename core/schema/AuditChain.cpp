#include "schema/AuditChain.h"

#include "base/CancelToken.h"

#include <QCryptographicHash>
#include <QSqlError>

#include <algorithm>

namespace cc {

namespace {

// Columns whose stored values are integers; every other hashed column is text.
bool integerColumn(int index)
{
    static const QList<int> integers { 0, 2, 6, 11, 12,
        13 }; // id, operator_id, user_id, batch_id, reverts_id, prev_id
    return integers.contains(index);
}

constexpr int prevIdIndex = 13;
constexpr int prevHashIndex = 14;

QString selectList()
{
    return AuditChain::hashedColumns().join(QStringLiteral(", ")) + QStringLiteral(", entry_hash");
}

// One stored entry: its values in hashedColumns() order (NULL as an invalid QVariant) and its
// stored hash (null when it has none).
struct StoredEntry {
    QVariantList values;
    QString storedHash;

    qint64 id() const { return values.at(0).toLongLong(); }
    std::optional<qint64> prevId() const
    {
        return values.at(prevIdIndex).isValid() ? std::optional<qint64>(values.at(prevIdIndex).toLongLong())
                                                : std::nullopt;
    }
    QString prevHash() const
    {
        return values.at(prevHashIndex).isValid() ? values.at(prevHashIndex).toString() : QString();
    }
};

StoredEntry readStored(const QSqlQuery& query)
{
    StoredEntry entry;
    const int count = int(AuditChain::hashedColumns().size());
    for (int i = 0; i < count; ++i) {
        if (query.isNull(i))
            entry.values.append(QVariant());
        else if (integerColumn(i))
            entry.values.append(QVariant(query.value(i).toLongLong()));
        else
            entry.values.append(QVariant(query.value(i).toString()));
    }
    if (!query.isNull(count))
        entry.storedHash = query.value(count).toString();
    return entry;
}

std::optional<ChainBreak> contentBreak(const StoredEntry& entry)
{
    if (entry.storedHash.isEmpty())
        return ChainBreak { entry.id(), ChainBreak::Kind::ContentChanged,
            QStringLiteral("it has no hash (it was written outside the chain)") };
    if (AuditChain::hash(entry.values) != entry.storedHash)
        return ChainBreak { entry.id(), ChainBreak::Kind::ContentChanged,
            QStringLiteral("its content no longer matches its hash") };
    return std::nullopt;
}

// Does `entry` link to `predecessor` (the entry stored just before it; none for the first)?
std::optional<ChainBreak> linkBreak(const StoredEntry& entry, const std::optional<AuditLink>& predecessor)
{
    const qint64 id = entry.id();
    const std::optional<qint64> prevId = entry.prevId();
    using Kind = ChainBreak::Kind;
    if (!predecessor) {
        if (prevId)
            return ChainBreak { id, Kind::EntryDeleted,
                QStringLiteral("it follows entry %1, which is missing").arg(*prevId) };
        return std::nullopt;
    }
    if (!prevId)
        return ChainBreak {
            id, Kind::LinkBroken,
            QStringLiteral("it claims to be the first entry, but entry %1 precedes it").arg(predecessor->id)
        };
    if (*prevId > predecessor->id && *prevId < id)
        return ChainBreak { id, Kind::EntryDeleted,
            QStringLiteral("it follows entry %1, which is missing").arg(*prevId) };
    if (*prevId != predecessor->id)
        return ChainBreak { id, Kind::LinkBroken,
            QStringLiteral("it names entry %1 as its predecessor, but entry %2 precedes it")
                .arg(*prevId)
                .arg(predecessor->id) };
    if (entry.prevHash() != predecessor->hash)
        return ChainBreak { id, Kind::LinkBroken,
            QStringLiteral("the hash it holds of entry %1 is not that entry's hash").arg(*prevId) };
    return std::nullopt;
}

Result<std::optional<StoredEntry>> storedEntry(Database& db, const QString& where, const QVariantList& binds)
{
    auto query = db.exec(
        QStringLiteral("SELECT ") + selectList() + QStringLiteral(" FROM ") + db.tool("audit") + where,
        binds);
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<StoredEntry>();
    return std::optional<StoredEntry>(readStored(*query));
}

// The refusal of entry `id`, which does not fit the chain as `found` says.
Error misfit(qint64 id, const ChainBreak& found)
{
    const QString where
        = found.id == id ? QString() : QStringLiteral(" (at entry %1, the next one)").arg(found.id);
    return refused(QStringLiteral("audit entry %1 does not fit the audit chain: %2%3, %4; a tampered entry "
                                  "is not used and nothing was changed "
                                  "(coupling-console audit --verify checks the whole log)")
                       .arg(id)
                       .arg(found.words(), where, found.detail));
}

// The one pass of AuditChain::verifyEntries: takes the log's entries in id order, from the first of
// `ids`, and checks those of `ids` (their content, their link to their predecessor) and the link of
// the entry after each of them.
class EntryWalk final {
public:
    EntryWalk(const QList<qint64>& ids, std::optional<AuditLink> predecessor)
        : m_ids(ids)
        , m_predecessor(std::move(predecessor))
    {
    }

    // The refusal when `entry` shows that one of `ids` does not fit or is missing.
    std::optional<Error> take(const StoredEntry& entry)
    {
        if (m_next < m_ids.size() && m_ids.at(m_next) < entry.id())
            return notFound(QStringLiteral("there is no audit entry %1").arg(m_ids.at(m_next)));
        const bool used = m_next < m_ids.size() && m_ids.at(m_next) == entry.id();
        std::optional<ChainBreak> found = used ? contentBreak(entry) : std::nullopt;
        if (!found && (used || m_previousUsed))
            found = linkBreak(entry, m_predecessor);
        if (found)
            return misfit(used ? entry.id() : m_predecessor->id, *found);
        m_next += used ? 1 : 0;
        m_previousUsed = used;
        m_predecessor = AuditLink { entry.id(), entry.storedHash };
        return std::nullopt;
    }

    // After the last page: every id met, and the entry after the last one links to it.
    std::optional<Error> finish(const std::optional<StoredEntry>& after) const
    {
        if (m_next < m_ids.size())
            return notFound(QStringLiteral("there is no audit entry %1").arg(m_ids.at(m_next)));
        if (after && m_predecessor) {
            if (auto found = linkBreak(*after, m_predecessor))
                return misfit(m_predecessor->id, *found);
        }
        return std::nullopt;
    }

private:
    const QList<qint64>& m_ids;
    std::optional<AuditLink> m_predecessor;
    qsizetype m_next = 0; // the first of m_ids not met yet
    bool m_previousUsed = false; // the entry taken last is one of m_ids
};

} // namespace

QString ChainBreak::kindName() const
{
    switch (kind) {
    case Kind::ContentChanged:
        return QStringLiteral("content_changed");
    case Kind::LinkBroken:
        return QStringLiteral("link_broken");
    case Kind::EntryDeleted:
        return QStringLiteral("entry_deleted");
    }
    return {};
}

QString ChainBreak::words() const
{
    return kindName().replace(u'_', u' ');
}

const QStringList& AuditChain::hashedColumns()
{
    static const QStringList columns { QStringLiteral("id"), QStringLiteral("at"),
        QStringLiteral("operator_id"), QStringLiteral("operator_email"), QStringLiteral("source"),
        QStringLiteral("action"), QStringLiteral("user_id"), QStringLiteral("track"),
        QStringLiteral("before_json"), QStringLiteral("after_json"), QStringLiteral("reason"),
        QStringLiteral("batch_id"), QStringLiteral("reverts_id"), QStringLiteral("prev_id"),
        QStringLiteral("prev_hash") };
    return columns;
}

QString AuditChain::hash(const QVariantList& values)
{
    // name:N; for NULL, name:I<digits>; for an integer, name:T<byte length>:<UTF-8 bytes>; for text.
    QByteArray data("coupling-console audit entry v1\n");
    const QStringList& columns = hashedColumns();
    for (qsizetype i = 0; i < columns.size(); ++i) {
        data += columns.at(i).toLatin1() + ':';
        const QVariant value = i < values.size() ? values.at(i) : QVariant();
        if (!value.isValid() || value.isNull()) {
            data += "N;";
        } else if (integerColumn(int(i))) {
            data += 'I' + QByteArray::number(value.toLongLong()) + ';';
        } else {
            const QByteArray text = value.toString().toUtf8();
            data += 'T' + QByteArray::number(text.size()) + ':' + text + ';';
        }
    }
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

Result<AuditLink> AuditChain::lockTail(Database& db)
{
    CC_TRY(db.dialect().lockAppends(db, db.tool("audit")));
    // A statement of its own after the lock: under READ COMMITTED it sees every entry committed
    // by the writer that held the lock before.
    auto query = db.exec(QStringLiteral("SELECT id, entry_hash FROM ") + db.tool("audit")
        + QStringLiteral(" ORDER BY id DESC LIMIT 1"));
    if (!query)
        return query.error();
    AuditLink tail;
    if (query->next()) {
        tail.id = query->value(0).toLongLong();
        tail.hash = query->value(1).toString();
    }
    return tail;
}

Result<ChainReport> AuditChain::verify(Database& db)
{
    auto query = db.exec(QStringLiteral("SELECT ") + selectList() + QStringLiteral(" FROM ")
        + db.tool("audit") + QStringLiteral(" ORDER BY id"));
    if (!query)
        return query.error();
    ChainReport report;
    std::optional<AuditLink> predecessor;
    while (query->next()) {
        const StoredEntry entry = readStored(*query);
        ++report.entries;
        if (!report.firstBreak) {
            report.firstBreak = contentBreak(entry);
            if (!report.firstBreak)
                report.firstBreak = linkBreak(entry, predecessor);
        }
        predecessor = AuditLink { entry.id(), entry.storedHash };
    }
    if (query->lastError().isValid())
        return db.sqlError(query->lastError(), QStringLiteral("reading the audit log"));
    if (predecessor)
        report.tail = *predecessor;
    return report;
}

Result<void> AuditChain::verifyEntry(Database& db, qint64 id)
{
    auto entry = storedEntry(db, QStringLiteral(" WHERE id = ?"), { id });
    if (!entry)
        return entry.error();
    if (!*entry)
        return notFound(QStringLiteral("there is no audit entry %1").arg(id));
    auto before = storedEntry(db, QStringLiteral(" WHERE id < ? ORDER BY id DESC LIMIT 1"), { id });
    if (!before)
        return before.error();
    auto after = storedEntry(db, QStringLiteral(" WHERE id > ? ORDER BY id LIMIT 1"), { id });
    if (!after)
        return after.error();
    const std::optional<AuditLink> predecessor = *before
        ? std::optional<AuditLink>(AuditLink { (*before)->id(), (*before)->storedHash })
        : std::nullopt;
    std::optional<ChainBreak> found = contentBreak(**entry);
    if (!found)
        found = linkBreak(**entry, predecessor);
    if (!found && *after)
        found = linkBreak(**after, AuditLink { id, (*entry)->storedHash });
    if (!found)
        return {};
    return misfit(id, *found);
}

Result<void> AuditChain::verifyEntries(Database& db, QList<qint64> ids, const CancelToken* cancel)
{
    if (ids.isEmpty())
        return {};
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    auto before = storedEntry(db, QStringLiteral(" WHERE id < ? ORDER BY id DESC LIMIT 1"), { ids.first() });
    if (!before)
        return before.error();
    auto after = storedEntry(db, QStringLiteral(" WHERE id > ? ORDER BY id LIMIT 1"), { ids.last() });
    if (!after)
        return after.error();
    EntryWalk walk(ids,
        *before ? std::optional<AuditLink>(AuditLink { (*before)->id(), (*before)->storedHash })
                : std::nullopt);
    // A page at a time, so memory stays flat whatever the size of the batch (QPSQL holds a result).
    constexpr int pageSize = 2000;
    for (qint64 from = ids.first();;) {
        if (cancel && cancel->isCancelled())
            return Error { ErrorCode::Cancelled,
                QStringLiteral("cancelled while verifying the audit chain") };
        auto page
            = db.exec(QStringLiteral("SELECT ") + selectList() + QStringLiteral(" FROM ") + db.tool("audit")
                    + QStringLiteral(" WHERE id >= ? AND id <= ? ORDER BY id LIMIT %1").arg(pageSize),
                { from, ids.last() });
        if (!page)
            return page.error();
        QList<StoredEntry> entries;
        while (page->next())
            entries.append(readStored(*page));
        if (page->lastError().isValid())
            return db.sqlError(page->lastError(), QStringLiteral("reading the audit log"));
        for (const StoredEntry& entry : std::as_const(entries)) {
            if (auto refusal = walk.take(entry))
                return *refusal;
        }
        if (entries.size() < pageSize)
            break;
        from = entries.last().id() + 1;
    }
    if (auto refusal = walk.finish(*after))
        return *refusal;
    return {};
}

Result<void> AuditChain::hashExisting(Database& db)
{
    CC_TRY(lockTail(db));
    AuditLink previous;
    for (;;) {
        // A page at a time: QPSQL loses a forward-only result when the updates run.
        auto page = db.exec(QStringLiteral("SELECT ") + selectList() + QStringLiteral(" FROM ")
                + db.tool("audit") + QStringLiteral(" WHERE id > ? ORDER BY id LIMIT 500"),
            { previous.id }, false);
        if (!page)
            return page.error();
        QList<StoredEntry> entries;
        while (page->next())
            entries.append(readStored(*page));
        page->finish();
        if (entries.isEmpty())
            return {};
        for (StoredEntry& entry : entries) {
            entry.values[prevIdIndex] = previous.id > 0 ? QVariant(previous.id) : QVariant();
            entry.values[prevHashIndex] = previous.id > 0 ? QVariant(previous.hash) : QVariant();
            const QString hash = AuditChain::hash(entry.values);
            CC_TRY(db.run(QStringLiteral("UPDATE ") + db.tool("audit")
                    + QStringLiteral(" SET prev_id = ?, prev_hash = ?, entry_hash = ? WHERE id = ?"),
                { previous.id > 0 ? QVariant(previous.id) : QVariant(QMetaType::fromType<qint64>()),
                    previous.id > 0 ? QVariant(previous.hash) : QVariant(QMetaType::fromType<QString>()),
                    hash, entry.id() }));
            previous = AuditLink { entry.id(), hash };
        }
    }
}

} // namespace cc
