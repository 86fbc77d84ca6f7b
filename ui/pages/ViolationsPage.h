#pragma once

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QVBoxLayout;

namespace cc::ui {

class ConsoleContext;
class JobProgress;
class ViolationTableModel;

// The latest (or a chosen) run's violations and warnings, paged from SQL, filtered by kind, track
// and user; repair of the selection or of everything through a previewed plan.
class ViolationsPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ViolationsPage)

public:
    explicit ViolationsPage(ConsoleContext* context, QWidget* parent = nullptr);

    ViolationTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    // Shows the latest run filtered to a kind (or warning) and/or a track.
    void showFiltered(const QString& kind, const QString& track);
    // Shows every violation of one stored run (filters cleared); the run chooser selects it.
    void showRun(qint64 runId);
    // The run shown, or empty for "latest completed run".
    std::optional<qint64> shownRun() const;
    void reload();
    void repairSelection();
    // Repairs what the page shows: the keys its run, kind, track and user filters select.
    void repairAll();
    // Writes every row the filters select (not only those loaded) to a CSV or JSON file.
    void exportRows();
    void saveLayout() const;

protected:
    void showEvent(QShowEvent* event) override;

private:
    void buildFilters(QVBoxLayout* layout);
    void buildTable(QVBoxLayout* layout);
    void buildActions(QVBoxLayout* layout);
    void connectControls();
    void applyFilter();
    void loadRuns();
    void updateActions();
    void updateSummary();
    QString shownScope() const; // the filters in words

    ConsoleContext* m_context;
    ViolationTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QComboBox* m_run = nullptr;
    QComboBox* m_kind = nullptr;
    QComboBox* m_track = nullptr;
    QLineEdit* m_user = nullptr;
    QLabel* m_summary = nullptr;
    QCheckBox* m_createLicenses = nullptr;
    QPushButton* m_repairSelected = nullptr;
    QPushButton* m_repairAll = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_previous = nullptr;
    JobProgress* m_progress = nullptr;
    bool m_loadedOnce = false;
};

} // namespace cc::ui
