#pragma once

#include "database/Database.h"

#include <optional>

namespace cc {

class CancelToken;

// The newest entry of the audit log: id 0 and an empty hash when the log is empty.
struct AuditLink {
    qint64 id = 0;
    QString hash;
};

// The first entry that does not fit the chain, and why.
struct ChainBreak {
    enum class Kind { ContentChanged, LinkBroken, EntryDeleted };
    qint64 id = 0;
    Kind kind = Kind::ContentChanged;
    QString detail;

    QString kindName() const; // content_changed, link_broken, entry_deleted
    QString words() const; // "content changed" …
};

struct ChainReport {
    qint64 entries = 0;
    AuditLink tail;
    std::optional<ChainBreak> firstBreak;
};

// Tamper evidence for the audit log (docs/RELIABILITY.md, "Tamper evidence for the audit"): every
// entry stores prev_id and prev_hash (its predecessor's id and entry_hash) and entry_hash, a
// SHA-256 over a length-prefixed encoding of every column, those two included. Writers take the
// tail inside their write transaction under a lock (SQLite: BEGIN IMMEDIATE already holds it;
// PostgreSQL: a transaction-scoped advisory lock), so concurrent writers never fork the chain.
class AuditChain final {
public:
    // The stored columns an entry's hash covers, in hashing order (entry_hash itself excluded).
    static const QStringList& hashedColumns();
    // The hash of one entry from its values in hashedColumns() order. Text columns hash their
    // UTF-8 bytes, integer columns their decimal digits, NULL is distinct from every value.
    static QString hash(const QVariantList& values);
    // Inside the caller's write transaction: waits for the audit lock (PostgreSQL) and returns the
    // newest entry, the predecessor of the next one written.
    static Result<AuditLink> lockTail(Database& db);
    // Walks the whole log in id order; a break is reported, not returned as an error.
    static Result<ChainReport> verify(Database& db);
    // Refuses (naming the entry and why) when entry `id` does not fit: its own content, its link
    // to its predecessor and its successor's link to it.
    static Result<void> verifyEntry(Database& db, qint64 id);
    // verifyEntry for every entry of `ids` in one pass over the log from the first of them to the
    // entry after the last (revert --batch): refuses at the first that does not fit. A cancelled
    // token stops it with ErrorCode::Cancelled.
    static Result<void> verifyEntries(Database& db, QList<qint64> ids, const CancelToken* cancel = nullptr);
    // The migration's step: hashes the entries stored before the chain, in id order.
    static Result<void> hashExisting(Database& db);
};

} // namespace cc
