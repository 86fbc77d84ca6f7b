#include "PrintableText.h"

namespace cc::cli {

namespace {

bool actsOnTerminal(char32_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029
        || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
        || c == 0x061c;
}

QString escapeFor(char32_t c)
{
    switch (c) {
    case U'\n':
        return QStringLiteral("\\n");
    case U'\r':
        return QStringLiteral("\\r");
    case U'\t':
        return QStringLiteral("\\t");
    default:
        break;
    }
    if (c <= 0xff)
        return QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
    return QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
}

} // namespace

QString printableLine(const QString& text)
{
    QString line;
    line.reserve(text.size());
    for (const QChar c : text) {
        // Only BMP code points act on a terminal; surrogate pairs pass unchanged.
        if (actsOnTerminal(c.unicode()))
            line += escapeFor(c.unicode());
        else
            line += c;
    }
    return line;
}

QString quotedValue(const QString& value, qsizetype maxCharacters)
{
    if (value.size() <= maxCharacters)
        return u'"' + printableLine(value) + u'"';
    return u'"' + printableLine(value.left(maxCharacters))
        + QStringLiteral("…\" (%1 characters)").arg(value.size());
}

} // namespace cc::cli
