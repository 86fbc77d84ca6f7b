// Wording::reason: a violation's reason in the user's language. Core stores its reasons as English
// sentences of a fixed shape (core/KeyClassifier.cpp); the parts that vary (counts, levels, track,
// spellings) are taken from them by the violation's kind and worded here, so no English from core
// reaches a translated screen; the English sources are core's own words, so English is unchanged.
// A reason of an unknown shape is shown as stored.
#include "Wording.h"

#include "KeyClassifier.h"

#include <QRegularExpression>

namespace cc::ui {

namespace {

// The captures of `pattern` matched against the whole of `text`, or nothing.
std::optional<QStringList> capture(const QString& pattern, const QString& text)
{
    const QRegularExpression expression(
        QRegularExpression::anchoredPattern(pattern), QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = expression.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    QStringList parts = match.capturedTexts();
    parts.removeFirst();
    return parts;
}

QString level(const QString& stored)
{
    return stored == u"NULL" ? Wording::tr("NULL") : stored;
}

QString outOfRange(const QString& reason)
{
    auto parts = capture(QStringLiteral("(.*) outside 1\\.\\.(\\d+)"), reason);
    if (!parts)
        return reason;
    QStringList sides;
    for (const QString& side : parts->at(0).split(QStringLiteral(", "))) {
        if (auto progress = capture(QStringLiteral("progress level (\\S+)"), side))
            sides << Wording::tr("progress level %1").arg(level(progress->at(0)));
        else if (auto license = capture(QStringLiteral("license level (\\S+)"), side))
            sides << Wording::tr("license level %1").arg(level(license->at(0)));
        else
            return reason;
    }
    return Wording::tr("%1 outside 1..%2").arg(sides.join(QStringLiteral(", ")), parts->at(1));
}

// A primary kind's reason; std::nullopt when the sentence is not the one core writes for it.
std::optional<QString> primaryReason(ViolationKind kind, const QString& reason)
{
    std::optional<QStringList> parts;
    switch (kind) {
    case ViolationKind::DuplicateProgress:
        if ((parts = capture(QStringLiteral("(\\d+) progress rows for this track"), reason)))
            return Wording::tr("%1 progress rows for this track").arg(parts->at(0));
        break;
    case ViolationKind::DuplicateLicense:
        if ((parts = capture(QStringLiteral("(\\d+) license rows for this track"), reason)))
            return Wording::tr("%1 license rows for this track").arg(parts->at(0));
        break;
    case ViolationKind::UnknownSpecialization:
        if ((parts = capture(QStringLiteral("track (.*) is not in the level catalogue"), reason)))
            return Wording::tr("track %1 is not in the level catalogue").arg(parts->at(0));
        break;
    case ViolationKind::MissingLicense:
        if ((parts = capture(QStringLiteral("progress at level (\\S+), no license"), reason)))
            return Wording::tr("progress at level %1, no license").arg(level(parts->at(0)));
        break;
    case ViolationKind::MissingProgress:
        if ((parts = capture(QStringLiteral("license at level (\\S+), no progress"), reason)))
            return Wording::tr("license at level %1, no progress").arg(level(parts->at(0)));
        break;
    case ViolationKind::LevelOutOfRange:
        return outOfRange(reason);
    case ViolationKind::LevelMismatch:
        if ((parts = capture(QStringLiteral("license level (\\S+), progress level (\\S+)"), reason)))
            return Wording::tr("license level %1, progress level %2").arg(parts->at(0), parts->at(1));
        break;
    case ViolationKind::SpellingMismatch:
        if ((parts = capture(QStringLiteral("progress spelled (.*), license spelled (.*)"), reason)))
            return Wording::tr("progress spelled %1, license spelled %2").arg(parts->at(0), parts->at(1));
        break;
    }
    return std::nullopt;
}

std::optional<QString> warningReason(WarningKind kind, const QString& reason)
{
    std::optional<QStringList> parts;
    switch (kind) {
    case WarningKind::UnjustifiedLevel:
    case WarningKind::PendingLevelUp:
        if ((parts = capture(
                 QStringLiteral("progress level (\\S+), the counters justify level (\\S+)"), reason)))
            return Wording::tr("progress level %1, the counters justify level %2")
                .arg(parts->at(0), parts->at(1));
        break;
    case WarningKind::MaxBelowCurrent:
        if ((parts = capture(
                 QStringLiteral("license max_achieved_level (\\S+) below its current level (\\S+)"), reason)))
            return Wording::tr("license max_achieved_level %1 below its current level %2")
                .arg(parts->at(0), parts->at(1));
        break;
    }
    return std::nullopt;
}

} // namespace

QString Wording::reason(const QString& kind, const QString& reason)
{
    std::optional<QString> worded;
    if (const auto primary = kindFromName(kind))
        worded = primaryReason(*primary, reason);
    else if (const auto warning = warningFromName(kind))
        worded = warningReason(*warning, reason);
    return worded.value_or(reason); // a sentence core does not write (an older version's): as stored
}

} // namespace cc::ui
