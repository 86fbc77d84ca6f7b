// What the Violations page repairs and exports: the selected keys, or every key its filters show.
#include "ViolationsPage.h"

#include "ConsoleContext.h"
#include "WriteFlow.h"
#include "administration/Exporter.h"
#include "export/ExportFlow.h"
#include "models/ViolationTableModel.h"
#include "write/Operations.h"
#include "write/Repair.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSet>
#include <QTableView>

namespace cc::ui {

void ViolationsPage::repairSelection()
{
    QList<KeyRef> keys;
    QSet<QString> seen;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows()) {
        const ViolationRecord& record = m_model->violation(index.row()).record;
        const QString id = QString::number(record.userId) + u'/' + record.track;
        if (!seen.contains(id)) {
            seen.insert(id);
            keys.append({ record.userId, record.track });
        }
    }
    if (keys.isEmpty())
        return;
    std::sort(keys.begin(), keys.end());
    RepairRequest request;
    request.title = tr("Repair %n key(s)", nullptr, int(keys.size()));
    request.scope = tr("the %n selected key(s)", nullptr, int(keys.size()));
    request.keys = [keys](Session&) -> Result<QList<KeyRef>> { return keys; };
    request.options.createLicenses = m_createLicenses->isChecked();
    m_context->beforeWrite(Action::RepairOne, this, [this, request, keys]() mutable {
        if (m_context->info().environment == Environment::Production)
            request.typeToConfirm
                = keys.size() == 1 ? QString::number(keys.first().userId) : QString::number(keys.size());
        WriteFlow::runRepair(m_context, this, m_progress, request);
    });
}

QString ViolationsPage::shownScope() const
{
    QStringList parts;
    if (m_run->currentIndex() > 0)
        parts << tr("run %1").arg(m_run->currentData().toLongLong());
    if (m_kind->currentIndex() > 0)
        parts << tr("kind “%1”").arg(m_kind->currentText());
    if (m_track->currentIndex() > 0)
        parts << tr("track %1").arg(m_track->currentData().toString());
    if (!m_model->userFilter().trimmed().isEmpty())
        parts << tr("user %1").arg(m_model->userFilter().trimmed());
    return parts.isEmpty() ? tr("every violation of the latest run")
                           : tr("the violations shown (%1)").arg(parts.join(QStringLiteral(", ")));
}

void ViolationsPage::repairAll()
{
    ViolationFilter filter = m_model->filter();
    const QString user = m_model->userFilter().trimmed();
    if (filter.warnings)
        return;
    const bool everything
        = !filter.runId && filter.kind.isEmpty() && filter.track.isEmpty() && user.isEmpty();
    RepairRequest request;
    request.title = everything ? tr("Repair all violations") : tr("Repair the violations shown");
    request.scope = shownScope();
    request.batchAction = QStringLiteral("repair-all");
    request.options.createLicenses = m_createLicenses->isChecked();
    // Everything: the latest run's keys, checked again first when a write is newer than the run
    // (Repair::keysToRepair). Filtered: the keys the page's filters select in the run shown.
    request.keys = [filter, user, everything](Session& session) -> Result<QList<KeyRef>> {
        if (everything)
            return Repair::keysToRepair(session, nullptr);
        ViolationFilter all = filter;
        all.limit = -1;
        all.after.reset();
        if (!user.isEmpty()) {
            auto id = Operations::resolveUser(session, user);
            if (!id)
                return id.error();
            all.userId = *id;
        }
        QList<KeyRef> keys;
        CC_TRY(RunStore::forEachViolation(
            session.db(), all, [&keys](const StoredViolation& row) -> Result<void> {
                const KeyRef key { row.record.userId, row.record.track };
                if (keys.isEmpty() || !(keys.last() == key))
                    keys.append(key);
                return {};
            }));
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        return keys;
    };
    m_context->beforeWrite(Action::RepairAll, this, [this, request]() mutable {
        if (m_context->info().environment == Environment::Production)
            request.typeToConfirm = QStringLiteral("REPAIR ALL");
        WriteFlow::runRepair(m_context, this, m_progress, request);
    });
}

void ViolationsPage::exportRows()
{
    const ViolationFilter filter = m_model->filter();
    const QString user = m_model->userFilter().trimmed();
    ExportRequest request;
    request.title = tr("Export violations");
    request.suggestedName = filter.runId ? QStringLiteral("violations-run-%1.csv").arg(*filter.runId)
                                         : QStringLiteral("violations.csv");
    request.write
        = [filter, user](Session& session, QIODevice& out, const ExportOptions& options) -> Result<qint64> {
        ViolationFilter all = filter;
        if (!user.isEmpty()) {
            auto id = Operations::resolveUser(session, user);
            if (!id)
                return id.error();
            all.userId = *id;
        }
        return Exporter::violations(session, all, out, options);
    };
    ExportFlow::run(m_context, this, m_progress, request);
}

} // namespace cc::ui
