#include "schema/RowJson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace cc {

QJsonValue valueToJson(const QVariant& value)
{
    if (!value.isValid() || value.isNull())
        return QJsonValue(QJsonValue::Null);
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool();
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return QJsonValue(value.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        return value.toDouble();
    case QMetaType::QByteArray:
        return QString::fromLatin1(value.toByteArray().toBase64());
    default:
        return value.toString();
    }
}

QJsonObject rowToJson(const Row& row)
{
    QJsonObject object;
    for (auto it = row.cbegin(); it != row.cend(); ++it)
        object.insert(it.key(), valueToJson(it.value()));
    return object;
}

namespace {

void appendJsonString(QString& out, const QString& text)
{
    out += u'"';
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'"':
            out += QStringLiteral("\\\"");
            break;
        case u'\\':
            out += QStringLiteral("\\\\");
            break;
        case u'\b':
            out += QStringLiteral("\\b");
            break;
        case u'\f':
            out += QStringLiteral("\\f");
            break;
        case u'\n':
            out += QStringLiteral("\\n");
            break;
        case u'\r':
            out += QStringLiteral("\\r");
            break;
        case u'\t':
            out += QStringLiteral("\\t");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += u'"';
}

// One value as QJsonDocument writes valueToJson(value).
void appendJsonValue(QString& out, const QVariant& value)
{
    if (!value.isValid() || value.isNull()) {
        out += QLatin1String("null");
        return;
    }
    switch (value.typeId()) {
    case QMetaType::Bool:
        out += value.toBool() ? QLatin1String("true") : QLatin1String("false");
        return;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
        out += QString::number(value.toLongLong());
        return;
    case QMetaType::QString:
        appendJsonString(out, value.toString());
        return;
    default: {
        // Doubles, byte arrays and anything else: through QJsonDocument itself, so the text is the same.
        const QByteArray text
            = QJsonDocument(QJsonArray { valueToJson(value) }).toJson(QJsonDocument::Compact);
        out += QString::fromUtf8(text.mid(1, text.size() - 2));
    }
    }
}

} // namespace

QString rowsJsonText(const QMap<QString, QList<Row>>& rows)
{
    QString out;
    out.reserve(1024);
    out += u'{';
    for (auto table = rows.cbegin(); table != rows.cend(); ++table) {
        if (table != rows.cbegin())
            out += u',';
        appendJsonString(out, table.key());
        out += QLatin1String(":[");
        for (qsizetype i = 0; i < table.value().size(); ++i) {
            if (i > 0)
                out += u',';
            out += u'{';
            const Row& row = table.value().at(i);
            for (auto column = row.cbegin(); column != row.cend(); ++column) {
                if (column != row.cbegin())
                    out += u',';
                appendJsonString(out, column.key());
                out += u':';
                appendJsonValue(out, column.value());
            }
            out += u'}';
        }
        out += u']';
    }
    out += u'}';
    return out;
}

Row rowFromJson(const QJsonObject& object)
{
    Row row;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QJsonValue value = it.value();
        if (value.isDouble()) {
            // An integer stays exact (a total near 2^63 included): JSON parsed it as a 64-bit integer.
            const QVariant number = value.toVariant();
            const double real = value.toDouble();
            if (number.typeId() == QMetaType::LongLong)
                row.insert(it.key(), number.toLongLong());
            else if (std::isfinite(real) && std::abs(real) < 9.0e18 && real == std::trunc(real))
                row.insert(it.key(), qint64(real));
            else
                row.insert(it.key(), real);
        } else if (value.isNull()) {
            row.insert(it.key(), QVariant());
        } else {
            row.insert(it.key(), value.toVariant());
        }
    }
    return row;
}

bool sameValue(const QVariant& expected, const QVariant& actual)
{
    const QJsonValue a = valueToJson(expected);
    const QJsonValue b = valueToJson(actual);
    if (a == b)
        return true;
    // SQLite keeps booleans as 0/1; JSON keeps what was read. Compare by meaning.
    return (a.isBool() || b.isBool()) && !a.isNull() && !b.isNull()
        && a.toVariant().toLongLong() == b.toVariant().toLongLong();
}

QString rowDifference(const Row& expected, const Row& actual)
{
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const auto other = actual.constFind(it.key());
        if (other == actual.cend() || !sameValue(it.value(), other.value()))
            return it.key();
    }
    for (auto it = actual.cbegin(); it != actual.cend(); ++it) {
        if (!expected.contains(it.key()))
            return it.key();
    }
    return {};
}

namespace {

QString isoTimestamp(const QString& text)
{
    static const QRegularExpression plain(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?)Z?$"));
    static const QRegularExpression offset(QStringLiteral(
        "^(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?)([+-]\\d{2})(?::?(\\d{2}))?$"));
    if (const auto match = plain.match(text); match.hasMatch())
        return match.captured(1) + u'T' + match.captured(2) + u'Z';
    if (const auto match = offset.match(text); match.hasMatch()) {
        const QString minutes = match.captured(4).isEmpty() ? QStringLiteral("00") : match.captured(4);
        const QDateTime time = QDateTime::fromString(
            match.captured(1) + u'T' + match.captured(2).left(12) + match.captured(3) + u':' + minutes,
            Qt::ISODateWithMs);
        if (time.isValid())
            return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    }
    return text;
}

// A floating-point column read as text (PostgreSQL, lossless): a JSON number where JSON has one
// (NaN and the infinities stay text).
QJsonValue floatValue(const QString& text)
{
    bool ok = false;
    const double number = text.toDouble(&ok);
    return ok && std::isfinite(number) ? QJsonValue(number) : QJsonValue(text);
}

// A json column read as text: its value, or the text when it does not parse.
QJsonValue jsonValue(const QString& text)
{
    QJsonParseError error;
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + QByteArray("]"), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray() || document.array().size() != 1)
        return text;
    return document.array().first();
}

} // namespace

QJsonObject rowForDisplay(const PlatformSchema& schema, const QString& tableName, const QJsonObject& row)
{
    QJsonObject shown = row;
    for (auto it = shown.begin(); it != shown.end(); ++it) {
        const TypeFamily family = schema.familyOf(tableName, it.key());
        if (family == TypeFamily::Timestamp && it.value().isString())
            it.value() = isoTimestamp(it.value().toString());
        else if (family == TypeFamily::Boolean && it.value().isDouble())
            it.value() = it.value().toInteger() != 0;
        else if (family == TypeFamily::Float && it.value().isString())
            it.value() = floatValue(it.value().toString());
        else if (family == TypeFamily::Json && it.value().isString())
            it.value() = jsonValue(it.value().toString());
    }
    return shown;
}

QJsonObject stateForDisplay(const PlatformSchema& schema, const QJsonObject& state)
{
    QJsonObject shown;
    for (auto it = state.constBegin(); it != state.constEnd(); ++it) {
        if (!it.value().isArray()) {
            shown.insert(it.key(), it.value());
            continue;
        }
        QJsonArray rows;
        for (const auto& row : it.value().toArray())
            rows.append(row.isObject() ? QJsonValue(rowForDisplay(schema, it.key(), row.toObject()))
                                       : QJsonValue(row));
        shown.insert(it.key(), rows);
    }
    return shown;
}

bool sameRow(const Row& a, const Row& b)
{
    return rowDifference(a, b).isEmpty();
}

} // namespace cc
