#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace cc::ui {

class ConsoleContext;
class JobProgress;
class RunHistoryModel;

// Past health checks (by anyone: the GUI, cron, another admin) with their counts, status, duration
// and operator. Enter or double-click on a run opens the violations page on that run.
class RunHistoryPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunHistoryPage)

public:
    static constexpr int runLimit = 500;

    explicit RunHistoryPage(ConsoleContext* context, QWidget* parent = nullptr);

    RunHistoryModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    bool isLoading() const { return m_loading; }
    void reload();
    // Opens the violations page on the selected run.
    void openSelected();
    // Writes every stored run, newest first, to a CSV or JSON file.
    void exportRuns();

protected:
    void showEvent(QShowEvent* event) override;

private:
    QTableView* buildTable();
    void openRow(int row);
    void updateActions();

    ConsoleContext* m_context;
    RunHistoryModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_export = nullptr;
    JobProgress* m_progress = nullptr;
    bool m_loadedOnce = false;
    bool m_loading = false;
};

} // namespace cc::ui
