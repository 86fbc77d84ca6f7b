#include "JobProgress.h"

#include "JobRunner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace cc::ui {

JobProgress::JobProgress(JobRunner* jobs, QWidget* parent)
    : QWidget(parent)
    , m_jobs(jobs)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("jobProgressLabel"));
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("jobProgressBar"));
    m_bar->setMaximumWidth(260);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelJobButton"));
    layout->addWidget(m_label);
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_cancel);
    layout->addStretch();
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_jobId != 0) {
            m_jobs->cancel(m_jobId);
            m_cancel->setEnabled(false);
            m_label->setText(tr("Cancelling…"));
        }
    });
    hide();
}

void JobProgress::start(quint64 jobId, const QString& what)
{
    m_jobId = jobId;
    m_label->setText(what);
    m_bar->setRange(0, 0); // busy until the first progress report
    m_cancel->setEnabled(true);
    show();
}

void JobProgress::setProgress(qint64 done, qint64 total)
{
    if (total <= 0) {
        m_bar->setRange(0, 0);
        return;
    }
    m_bar->setRange(0, 1000);
    m_bar->setValue(int(std::clamp<qint64>(done * 1000 / total, 0, 1000)));
}

void JobProgress::finish()
{
    m_jobId = 0;
    hide();
}

} // namespace cc::ui
