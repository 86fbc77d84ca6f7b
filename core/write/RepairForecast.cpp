#include "write/RepairForecast.h"

#include "rows/KeyRows.h"
#include "rows/PlatformTables.h"
#include "rows/RowValues.h"
#include "rules/KeyClassifier.h"
#include "schema/LevelCatalogue.h"

namespace cc {

namespace {

// The key's coupled rows with the plan's changes to them applied, in the plan's order.
KeyRows applied(const KeyChange& change)
{
    KeyRows rows = change.before;
    for (const RowChange& row : change.changes) {
        QList<Row>* side = row.table == table::progress ? &rows.progress
            : row.table == table::licenses              ? &rows.licenses
                                                        : nullptr;
        if (!side)
            continue;
        if (row.op == RowOp::Insert) {
            Row inserted = row.values;
            if (row.id != 0)
                inserted.insert(column::id, row.id);
            side->append(inserted);
            continue;
        }
        for (qsizetype i = 0; i < side->size(); ++i) {
            if (rowInt(side->at(i), column::id) != row.id)
                continue;
            if (row.op == RowOp::Delete) {
                side->removeAt(i);
            } else {
                for (auto it = row.values.cbegin(); it != row.values.cend(); ++it)
                    (*side)[i].insert(it.key(), it.value());
            }
            break;
        }
    }
    rows.progressReferrers.clear();
    rows.licenseReferrers.clear();
    return rows;
}

// What a key's changes do, as recommended actions (docs/BEHAVIOUR.md C6's steps).
QList<ForecastStep> stepsOf(const KeyChange& change, const KeyForecast& key, const LevelCatalogue& catalogue)
{
    QList<ForecastStep> steps;
    auto add = [&steps](RecommendedAction action) {
        if (const ForecastStep step { action }; !steps.contains(step))
            steps << step;
    };
    const int max = catalogue.isKnown(change.key.track) ? catalogue.maxLevel(change.key.track) : 0;
    for (const RowChange& row : change.changes) {
        const bool progress = row.table == table::progress;
        if (!progress && row.table != table::licenses)
            continue;
        if (row.op == RowOp::Delete) {
            add(RecommendedAction::MergeDuplicates);
        } else if (row.op == RowOp::Insert) {
            add(progress ? RecommendedAction::CreateProgressFromLicense
                         : RecommendedAction::CreateLicenseFromProgress);
        } else if (row.values.contains(column::currentLevel)) {
            const auto from = rowInt(row.before, column::currentLevel);
            const auto to = rowInt(row.values, column::currentLevel);
            if (max > 0 && from && *from > max && to == max)
                add(RecommendedAction::ClampLevel);
            else
                add(progress ? RecommendedAction::SyncLicenseToProgress
                             : RecommendedAction::SyncProgressToLicense);
        } else if (row.values.contains(column::specializationId) && row.values.size() <= 2) {
            add(RecommendedAction::UnifySpelling);
        }
    }
    if (steps.isEmpty() && !change.changes.isEmpty())
        steps << (key.repointed > 0 ? ForecastStep { RecommendedAction::MergeDuplicates } : ForecastStep {});
    return steps;
}

QList<WarningKind> warningsOf(const KeyClassification& classification)
{
    QList<WarningKind> kinds;
    for (const Finding& finding : classification.warnings)
        kinds << finding.warningKind;
    return kinds;
}

} // namespace

QString ForecastStep::name() const
{
    return action ? recommendedActionName(*action) : QStringLiteral("other_update");
}

PlanForecast PlanForecast::of(const Plan& plan, const LevelCatalogue& catalogue)
{
    PlanForecast forecast;
    forecast.keys.reserve(plan.keys.size());
    for (const KeyChange& change : plan.keys) {
        KeyForecast key;
        std::tie(key.progressBefore, key.licenseBefore) = change.before.keptLevels();
        const KeyRows after = applied(change);
        std::tie(key.progressAfter, key.licenseAfter) = after.keptLevels();
        for (const RowChange& row : change.changes) {
            const bool coupled = row.table == table::progress || row.table == table::licenses;
            if (row.op == RowOp::Insert)
                ++key.inserted;
            else if (row.op == RowOp::Delete)
                ++key.deleted;
            else if (coupled || row.table == table::progressions)
                ++key.updated;
            else
                ++key.repointed;
        }
        if (!change.changes.isEmpty()) {
            const KeyClassification now = classifyKey(change.before.aggregate(catalogue), catalogue);
            const KeyClassification then = classifyKey(after.aggregate(catalogue), catalogue);
            key.warningsAfter = warningsOf(then);
            key.violationAfter = then.violation.has_value();
            const QList<WarningKind> before = warningsOf(now);
            for (const WarningKind warning : std::as_const(key.warningsAfter)) {
                if (!before.contains(warning))
                    ++forecast.warningsCreated[warning];
            }
            key.steps = stepsOf(change, key, catalogue);
            for (const ForecastStep& step : std::as_const(key.steps))
                ++forecast.keysByAction[step];
        }
        if (!change.skipReason.isEmpty()) {
            const SkipClass kind = skipClassOf(change.skipReason);
            ++forecast.skippedByReason[{ kind, kind == SkipClass::Other ? change.skipReason : QString() }];
        }
        forecast.inserted += key.inserted;
        forecast.updated += key.updated;
        forecast.deleted += key.deleted;
        forecast.repointed += key.repointed;
        forecast.keys.append(key);
    }
    return forecast;
}

} // namespace cc
