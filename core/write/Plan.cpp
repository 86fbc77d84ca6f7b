#include "write/Plan.h"

#include "rows/PlatformTables.h"
#include "rules/FindingReason.h"

namespace cc {

namespace {

QString quoted(const QString& column)
{
    return u'"' + QString(column).replace(u'"', QStringLiteral("\"\"")) + u'"';
}

// A skip class's words, as every version has written them; empty for Other.
QString skipClassWords(SkipClass kind)
{
    switch (kind) {
    case SkipClass::MissingLicense:
        return QStringLiteral("missing license");
    case SkipClass::ManualReview:
        return recommendedActionName(RecommendedAction::ManualReview);
    case SkipClass::Locked:
        return QStringLiteral("locked");
    case SkipClass::Other:
        break;
    }
    return {};
}

} // namespace

QString skipReasonText(SkipClass kind, const QString& detail)
{
    const QString words = skipClassWords(kind);
    return words.isEmpty() ? detail : words + QStringLiteral(": ") + detail;
}

SkipClass skipClassOf(const QString& reason)
{
    const qsizetype colon = reason.indexOf(u':');
    const QString words = colon > 0 && colon <= 40 ? reason.left(colon).trimmed() : reason;
    for (const SkipClass kind : { SkipClass::MissingLicense, SkipClass::ManualReview, SkipClass::Locked }) {
        if (words == skipClassWords(kind))
            return kind;
    }
    return SkipClass::Other;
}

QString formatValue(const QVariant& value)
{
    if (!value.isValid() || value.isNull())
        return QStringLiteral("NULL");
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.typeId() == QMetaType::QString)
        return u'\'' + value.toString().replace(u'\'', QStringLiteral("''")) + u'\'';
    return value.toString();
}

PlannedStatement statementFor(const RowChange& change, const QString& returning)
{
    PlannedStatement statement;
    switch (change.op) {
    case RowOp::Insert: {
        QStringList columns;
        QStringList marks;
        for (auto it = change.values.cbegin(); it != change.values.cend(); ++it) {
            columns << quoted(it.key());
            marks << QStringLiteral("?");
            statement.binds << it.value();
        }
        statement.sql
            = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) RETURNING %4")
                  .arg(change.table, columns.join(QStringLiteral(", ")), marks.join(QStringLiteral(", ")),
                      returning.isEmpty() ? column::id : returning);
        break;
    }
    case RowOp::Update: {
        QStringList sets;
        for (auto it = change.values.cbegin(); it != change.values.cend(); ++it) {
            sets << quoted(it.key()) + QStringLiteral(" = ?");
            statement.binds << it.value();
        }
        statement.sql = QStringLiteral("UPDATE %1 SET %2 WHERE id = ?")
                            .arg(change.table, sets.join(QStringLiteral(", ")));
        if (!returning.isEmpty())
            statement.sql += QStringLiteral(" RETURNING ") + returning;
        statement.binds << change.id;
        break;
    }
    case RowOp::Delete:
        statement.sql = QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(change.table);
        statement.binds << change.id;
        break;
    }
    return statement;
}

QList<PlannedStatement> Plan::statements() const
{
    QList<PlannedStatement> list;
    for (const KeyChange& key : keys) {
        for (const RowChange& change : key.changes)
            list.append(statementFor(change, key.returning.value(change.table)));
    }
    return list;
}

QString Plan::describe() const
{
    const QStringList lines = describeLines();
    return lines.isEmpty() ? QString() : lines.join(u'\n') + u'\n';
}

QStringList Plan::describeLines() const
{
    QStringList lines;
    for (const KeyChange& key : keys) {
        QString line = QStringLiteral("user %1, %2: %3").arg(key.key.userId).arg(key.key.track, key.action);
        if (!key.skipReason.isEmpty())
            line += QStringLiteral(" (skipped: %1)").arg(key.skipReason);
        lines << line;
        for (const QString& note : key.notes)
            lines << QStringLiteral("  %1").arg(note);
        for (const RowChange& change : key.changes) {
            switch (change.op) {
            case RowOp::Insert:
                line = QStringLiteral("  insert %1:").arg(change.table);
                for (auto it = change.values.cbegin(); it != change.values.cend(); ++it)
                    line += QStringLiteral(" %1=%2").arg(it.key(), formatValue(it.value()));
                break;
            case RowOp::Update:
                line = QStringLiteral("  update %1 id %2:").arg(change.table).arg(change.id);
                for (auto it = change.values.cbegin(); it != change.values.cend(); ++it)
                    line += QStringLiteral(" %1 %2 → %3")
                                .arg(it.key(), formatValue(change.before.value(it.key())),
                                    formatValue(it.value()));
                break;
            case RowOp::Delete:
                line = QStringLiteral("  delete %1 id %2").arg(change.table).arg(change.id);
                break;
            }
            lines << line;
        }
    }
    const QList<PlannedStatement> list = statements();
    if (!list.isEmpty())
        lines << QStringLiteral("statements:");
    for (const PlannedStatement& statement : list) {
        QStringList values;
        for (const QVariant& value : statement.binds)
            values << formatValue(value);
        lines << QStringLiteral("  %1  -- [%2]").arg(statement.sql, values.join(QStringLiteral(", ")));
    }
    return lines;
}

} // namespace cc
