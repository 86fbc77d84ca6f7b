#include "Commands.h"

#include "schema/RowJson.h"

#include <QJsonArray>

// How a write command prints its plan (a dry run) and its outcome, in words or --json.
namespace cc::cli {

namespace {

QJsonObject planJson(const PlatformSchema& schema, const Plan& plan)
{
    QJsonArray keys;
    for (const KeyChange& change : plan.keys) {
        QJsonArray rows;
        for (const RowChange& row : change.changes) {
            const char* op = row.op == RowOp::Insert ? "insert"
                : row.op == RowOp::Update            ? "update"
                                                     : "delete";
            rows.append(QJsonObject { { QStringLiteral("table"), row.table },
                { QStringLiteral("op"), QLatin1String(op) },
                { QStringLiteral("id"), row.id ? QJsonValue(row.id) : QJsonValue(QJsonValue::Null) },
                { QStringLiteral("before"),
                    row.before.isEmpty()
                        ? QJsonValue(QJsonValue::Null)
                        : QJsonValue(rowForDisplay(schema, row.table, rowToJson(row.before))) },
                { QStringLiteral("values"), rowForDisplay(schema, row.table, rowToJson(row.values)) } });
        }
        keys.append(QJsonObject { { QStringLiteral("user_id"), change.key.userId },
            { QStringLiteral("specialization"), change.key.track },
            { QStringLiteral("action"), change.action },
            { QStringLiteral("skipped"),
                change.skipReason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(change.skipReason) },
            { QStringLiteral("notes"), QJsonArray::fromStringList(change.notes) },
            { QStringLiteral("changes"), rows } });
    }
    QJsonArray statements;
    for (const PlannedStatement& statement : plan.statements()) {
        QJsonArray binds;
        for (const QVariant& value : statement.binds)
            binds.append(valueToJson(value));
        statements.append(
            QJsonObject { { QStringLiteral("sql"), statement.sql }, { QStringLiteral("binds"), binds } });
    }
    return QJsonObject { { QStringLiteral("dry_run"), true }, { QStringLiteral("keys"), keys },
        { QStringLiteral("statements"), statements } };
}

QJsonArray skippedJson(const QList<SkippedKey>& skipped)
{
    QJsonArray array;
    for (const SkippedKey& key : skipped)
        array.append(QJsonObject { { QStringLiteral("user_id"), key.key.userId },
            { QStringLiteral("specialization"), key.key.track }, { QStringLiteral("reason"), key.reason } });
    return array;
}

} // namespace

QJsonArray idsJson(const QList<qint64>& ids)
{
    QJsonArray array;
    for (qint64 id : ids)
        array.append(id);
    return array;
}

int reportWrite(
    CliContext& context, QJsonObject json, const QList<qint64>& auditIds, const QStringList& lines)
{
    if (context.json()) {
        json.insert(QStringLiteral("audit_ids"), idsJson(auditIds));
        context.printJson(json);
        return 0;
    }
    context.out(lines);
    QStringList ids;
    for (qint64 id : auditIds)
        ids << QString::number(id);
    context.out(
        QStringLiteral("audit ids: %1")
            .arg(ids.isEmpty() ? QStringLiteral("none (nothing changed)") : ids.join(QStringLiteral(", "))));
    return 0;
}

int printPlan(CliContext& context, const Plan& plan)
{
    if (context.json()) {
        context.printJson(planJson(**context.session().platform(), plan));
        return 0;
    }
    context.out(QStringLiteral("dry run (nothing changed; add --apply to run it):"));
    context.out(plan.describeLines());
    return 0;
}

int reportOutcome(CliContext& context, const WriteOutcome& outcome, QJsonObject json)
{
    QJsonArray changed;
    QStringList lines;
    for (const KeyChange& change : outcome.applied) {
        changed.append(QJsonObject { { QStringLiteral("user_id"), change.key.userId },
            { QStringLiteral("specialization"), change.key.track },
            { QStringLiteral("action"), change.action } });
        lines << QStringLiteral("changed user %1, %2 (%3)")
                     .arg(change.key.userId)
                     .arg(change.key.track, change.action);
    }
    for (const SkippedKey& key : outcome.skipped)
        lines << QStringLiteral("skipped user %1, %2: %3").arg(key.key.userId).arg(key.key.track, key.reason);
    if (outcome.batchId)
        lines << QStringLiteral("batch id: %1").arg(*outcome.batchId);
    if (outcome.cancelled)
        lines << QStringLiteral(
            "cancelled: stopped between keys; the keys above were changed, the rest were not");
    json.insert(QStringLiteral("changed"), changed);
    json.insert(QStringLiteral("skipped"), skippedJson(outcome.skipped));
    json.insert(QStringLiteral("batch_id"),
        outcome.batchId ? QJsonValue(*outcome.batchId) : QJsonValue(QJsonValue::Null));
    json.insert(QStringLiteral("cancelled"), outcome.cancelled);
    reportWrite(context, json, outcome.auditIds, lines);
    return outcome.cancelled ? exitCodeFor(ErrorCode::Cancelled) : 0;
}

} // namespace cc::cli
