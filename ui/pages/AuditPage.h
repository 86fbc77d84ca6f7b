#pragma once

#include "audit/AuditLog.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QHBoxLayout;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QTextBrowser;

namespace cc::ui {

class AuditTableModel;
class ConsoleContext;
class JobProgress;

// The audit log: filter by time (since, until), operator, source, action and user; the selected entry's rows
// before and after as a diff; Revert an entry, or its whole batch, from here.
class AuditPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditPage)

public:
    explicit AuditPage(ConsoleContext* context, QWidget* parent = nullptr);

    AuditTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    void applyFilter();
    // Sets the filter fields to `filter` (since, until, operator, source, action, user) and lists
    // what they select.
    void showFiltered(const AuditFilter& filter);
    void revertSelected();
    // Undoes every entry of the selected entry's batch in one write, all or nothing (Reverter::revertBatch).
    void revertSelectedBatch();
    // Writes every entry the filters select, oldest first, to a CSV or JSON file.
    void exportEntries();
    static QString diffHtml(const AuditEntry& entry);

protected:
    void showEvent(QShowEvent* event) override;

private:
    static QString rowHtml(const QString& table, qint64 id, const QJsonObject& old, const QJsonObject& now);
    QHBoxLayout* buildTimeFilters();
    QHBoxLayout* buildFilters(QPushButton*& apply);
    QSplitter* buildEntriesAndDetails();
    QHBoxLayout* buildActions();
    void connectControls(QPushButton* apply);
    void showSelected();
    void confirmRevert(const AuditEntry& entry, const QString& title);

    ConsoleContext* m_context;
    AuditTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QTextBrowser* m_diff = nullptr;
    QCheckBox* m_useSince = nullptr;
    QDateTimeEdit* m_since = nullptr;
    QCheckBox* m_useUntil = nullptr;
    QDateTimeEdit* m_until = nullptr;
    QLineEdit* m_operator = nullptr;
    QComboBox* m_source = nullptr;
    QComboBox* m_action = nullptr;
    QLineEdit* m_user = nullptr;
    QPushButton* m_revert = nullptr;
    QPushButton* m_revertBatch = nullptr;
    QPushButton* m_export = nullptr;
    JobProgress* m_progress = nullptr;
    bool m_loadedOnce = false;
};

} // namespace cc::ui
