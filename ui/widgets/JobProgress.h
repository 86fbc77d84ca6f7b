#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace cc::ui {

class JobRunner;

// An inline progress line for one long job: what runs, a bar, and Cancel. Hidden when idle.
class JobProgress final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobProgress)

public:
    explicit JobProgress(JobRunner* jobs, QWidget* parent = nullptr);

    void start(quint64 jobId, const QString& what);
    void setProgress(qint64 done, qint64 total);
    void finish();
    bool isRunning() const { return m_jobId != 0; }

private:
    JobRunner* m_jobs;
    quint64 m_jobId = 0;
    QLabel* m_label = nullptr;
    QProgressBar* m_bar = nullptr;
    QPushButton* m_cancel = nullptr;
};

} // namespace cc::ui
