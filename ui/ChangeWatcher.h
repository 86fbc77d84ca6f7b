#pragma once

#include <QObject>
#include <QTimer>

namespace cc::ui {

class ConsoleContext;

// Notices writes and new runs by other instances (and other connections) without blocking the GUI:
// PostgreSQL LISTEN on the tool's channel through the Read lane's connection (core's ChangeFeed),
// SQLite `PRAGMA data_version` read on the Read lane every pollMs() (QSettings "live/pollMs",
// 2 s by default). A change, coalesced over a moment, makes every page re-read (databaseChanged).
class ChangeWatcher final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeWatcher)

public:
    explicit ChangeWatcher(ConsoleContext* context, QObject* parent = nullptr);

    static int pollMs();
    int changesHeard() const { return m_heard; }

signals:
    void changedElsewhere();

private:
    void start();
    void poll();
    void heard();

    ConsoleContext* m_context;
    QTimer m_poll;
    QTimer m_coalesce;
    bool m_polling = false;
    std::optional<qint64> m_version;
    int m_heard = 0;
};

} // namespace cc::ui
