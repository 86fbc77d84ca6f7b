#pragma once

#include "write/Plan.h"
#include "write/RepairForecast.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QVBoxLayout;

namespace cc::ui {

class PlanKeyModel;

// A repair's plan with its forecast, made in the worker; what the preview shows.
struct RepairPreview {
    Plan plan;
    PlanForecast forecast;
    QString scope; // what the repair covers, in words ("the 12 selected keys", "kind … track …")
};

// The preview of a repair of many keys: a summary first (keys by action, rows inserted, updated,
// deleted and re-pointed, keys skipped by reason, warnings the repair creates), then a sortable,
// filterable table of the keys before → after, the SQL of one key or all on demand, and Export.
// On production the person types `typeToConfirm` (the field has the focus) before Apply.
class RepairPreviewDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RepairPreviewDialog)

public:
    RepairPreviewDialog(const QString& title, const RepairPreview& preview, const QString& typeToConfirm,
        QWidget* parent = nullptr);

    // The summary as plain lines (also the question a test's queued answer sees).
    static QString summaryText(const RepairPreview& preview);
    QTableView* table() const { return m_table; }

private:
    QSplitter* buildKeysAndSql();
    void addTools(QVBoxLayout* layout);
    void showSql(bool all);
    void exportPreview();

    const RepairPreview& m_preview;
    PlanKeyModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_filter = nullptr;
    QPlainTextEdit* m_sql = nullptr;
    QLineEdit* m_confirmation = nullptr;
    QPushButton* m_apply = nullptr;
};

} // namespace cc::ui
