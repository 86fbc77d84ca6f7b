#include "check/PostgresViolationCopy.h"

#include "check/PostgresConnection.h"
#include "rules/Severity.h"

#include <QSqlError>

namespace cc {

namespace {

constexpr qsizetype flushBytes = qsizetype(256) * 1024;

// One text field of COPY's text format.
void appendText(QByteArray& out, const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    for (const char c : bytes) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
}

void appendLevel(QByteArray& out, const std::optional<qint64>& level)
{
    if (level)
        out += QByteArray::number(*level);
    else
        out += "\\N";
}

void appendRow(QByteArray& out, qint64 runId, qint64 seq, const ViolationRecord& record)
{
    out += QByteArray::number(runId) + '\t' + QByteArray::number(seq) + '\t'
        + QByteArray::number(record.userId) + '\t';
    appendText(out, record.track);
    out += '\t';
    appendText(out, record.kind);
    out += '\t';
    out += severityName(record.warning);
    out += '\t';
    appendLevel(out, record.progressLevel);
    out += '\t';
    appendLevel(out, record.licenseLevel);
    out += '\t';
    appendText(out, record.action);
    out += '\t';
    appendText(out, record.reason);
    out += '\n';
}

Error copyError(Database& db, PGconn* connection)
{
    return db.sqlError(QSqlError(QString(), QString::fromUtf8(PQerrorMessage(connection)).trimmed(),
                           QSqlError::StatementError),
        QStringLiteral("storing violations"));
}

// Ends the COPY (aborting it with `abort` when set) and reads its outcome.
Result<void> finish(Database& db, PGconn* connection, const char* abort)
{
    if (PQputCopyEnd(connection, abort) != 1)
        return copyError(db, connection);
    Result<void> outcome;
    while (PGresult* result = PQgetResult(connection)) {
        if (PQresultStatus(result) != PGRES_COMMAND_OK && outcome) {
            const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
            outcome
                = db.sqlError(QSqlError(QString(), QString::fromUtf8(PQresultErrorMessage(result)).trimmed(),
                                  QSqlError::StatementError, QString::fromLatin1(state ? state : "")),
                    QStringLiteral("storing violations"));
        }
        PQclear(result);
    }
    return outcome;
}

} // namespace

Result<void> copyViolations(
    Database& db, qint64 runId, const QList<ViolationRecord>& records, qint64& sequence)
{
    auto handle = postgresConnection(db);
    if (!handle)
        return handle.error();
    PGconn* connection = *handle;
    const QByteArray sql = (QStringLiteral("COPY ") + db.tool("violations")
        + QStringLiteral(" (run_id, seq, user_id, track, kind, severity, progress_level, license_level, "
                         "action, reason) FROM STDIN"))
                               .toUtf8();
    PGresult* started = PQexec(connection, sql.constData());
    const bool copying = PQresultStatus(started) == PGRES_COPY_IN;
    PQclear(started);
    if (!copying)
        return copyError(db, connection);
    QByteArray buffer;
    buffer.reserve(flushBytes + 4096);
    qint64 seq = sequence;
    for (const ViolationRecord& record : records) {
        appendRow(buffer, runId, ++seq, record);
        if (buffer.size() >= flushBytes) {
            if (PQputCopyData(connection, buffer.constData(), int(buffer.size())) != 1) {
                const Error error = copyError(db, connection);
                (void)finish(db, connection, "client error");
                return error;
            }
            buffer.clear();
        }
    }
    if (!buffer.isEmpty() && PQputCopyData(connection, buffer.constData(), int(buffer.size())) != 1) {
        const Error error = copyError(db, connection);
        (void)finish(db, connection, "client error");
        return error;
    }
    CC_TRY(finish(db, connection, nullptr));
    sequence = seq;
    return {};
}

} // namespace cc
