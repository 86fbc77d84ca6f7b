// AuditPage's view of one entry: its rows before and after, table by table, the changed columns
// marked.
#include "AuditPage.h"

#include "ThemeColors.h"
#include "Wording.h"

#include <QJsonArray>
#include <QMap>
#include <QSet>

namespace cc::ui {

// One row of an entry: its columns before and after, the changed ones marked.
QString AuditPage::rowHtml(const QString& table, qint64 id, const QJsonObject& old, const QJsonObject& now)
{
    const QString changed = ThemeColors::differs().name();
    const QString state = old.isEmpty() ? tr("created") : now.isEmpty() ? tr("removed") : tr("changed");
    QString html
        = QStringLiteral("<p><b>%1</b> id %2 (%3)</p><table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">"
                         "<tr><th>%4</th><th>%5</th><th>%6</th></tr>")
              .arg(table.toHtmlEscaped())
              .arg(id)
              .arg(state, tr("Column"), tr("Before"), tr("After"));
    QStringList columns = old.keys();
    for (const QString& key : now.keys()) {
        if (!columns.contains(key))
            columns << key;
    }
    for (const QString& column : std::as_const(columns)) {
        const QJsonValue a = old.value(column);
        const QJsonValue b = now.value(column);
        const auto text = [](const QJsonValue& value) {
            if (value.isUndefined())
                return QStringLiteral("—");
            if (value.isNull())
                return QStringLiteral("NULL");
            return value.toVariant().toString().toHtmlEscaped();
        };
        const bool differs = a != b;
        html += QStringLiteral("<tr%1><td>%2</td><td>%3</td><td>%4</td></tr>")
                    .arg(differs ? QStringLiteral(" style=\"background:%1; font-weight:bold\"").arg(changed)
                                 : QString(),
                        column.toHtmlEscaped(), text(a), text(b));
    }
    return html + QStringLiteral("</table>");
}

QString AuditPage::diffHtml(const AuditEntry& entry)
{
    QString html = QStringLiteral("<p><b>#%1</b> %2 · %3 · %4 · %5</p>")
                       .arg(entry.id)
                       .arg(Wording::auditAction(entry.action).toHtmlEscaped(),
                           Wording::auditOperator(entry).toHtmlEscaped(),
                           Wording::auditSource(entry.source).toHtmlEscaped(),
                           Wording::auditReason(entry.reason).toHtmlEscaped());
    QSet<QString> tables;
    for (const QString& key : entry.before.keys())
        tables.insert(key);
    for (const QString& key : entry.after.keys())
        tables.insert(key);
    QStringList sorted(tables.begin(), tables.end());
    sorted.sort();
    for (const QString& table : std::as_const(sorted)) {
        const QJsonArray before = entry.before.value(table).toArray();
        const QJsonArray after = entry.after.value(table).toArray();
        // Rows are matched by id; a row only on one side was created or removed.
        QMap<qint64, std::pair<QJsonObject, QJsonObject>> rows;
        for (const QJsonValueConstRef row : before)
            rows[row.toObject().value(QStringLiteral("id")).toInteger()].first = row.toObject();
        for (const QJsonValueConstRef row : after)
            rows[row.toObject().value(QStringLiteral("id")).toInteger()].second = row.toObject();
        for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
            const QJsonObject& old = it->first;
            const QJsonObject& now = it->second;
            html += rowHtml(table, it.key(), old, now);
        }
    }
    return html;
}

} // namespace cc::ui
