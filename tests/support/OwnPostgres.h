#pragma once

// A throwaway PostgreSQL server of one test's own (scripts/pg-throwaway.sh on a free port), so
// the test may stop and restart it without disturbing the server other tests share. start()
// points PGHOST, PGPORT and PGUSER at it: TestDatabase and the CLI then reach this server only.

#include <QProcess>
#include <QTemporaryDir>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cc::test {

class OwnPostgres {
public:
    OwnPostgres() = default;
    Q_DISABLE_COPY_MOVE(OwnPostgres)
    ~OwnPostgres()
    {
        if (!m_port.isEmpty())
            (void)script({ QStringLiteral("stop"), m_root.path() });
    }

    // Creates and starts the server; the error is script output, empty when it started.
    QString start()
    {
        if (!m_root.isValid())
            return QStringLiteral("no temporary directory");
        const int port = freePort();
        if (port <= 0)
            return QStringLiteral("no free TCP port");
        m_port = QString::number(port);
        const QString error = script({ QStringLiteral("start"), m_root.path(), m_port });
        qputenv("PGHOST", "127.0.0.1");
        qputenv("PGPORT", m_port.toUtf8());
        qputenv("PGUSER", "postgres");
        return error;
    }

    // Stops the server and keeps its data (pg_ctl stop -m `mode`: fast or immediate).
    QString halt(const QString& mode = QStringLiteral("fast"))
    {
        return script({ QStringLiteral("halt"), m_root.path(), mode });
    }

    // Starts a halted server again on the same port.
    QString resume() { return script({ QStringLiteral("resume"), m_root.path(), m_port }); }

private:
    // The kernel's choice of a port on 127.0.0.1 that nothing listens on now.
    static int freePort()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        int port = 0;
        if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0
            && ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
            port = ntohs(address.sin_port);
        ::close(fd);
        return port;
    }

    static QString script(const QStringList& arguments)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(CC_SOURCE_DIR "/scripts/pg-throwaway.sh"), arguments);
        if (!process.waitForFinished(120000))
            return QStringLiteral("pg-throwaway.sh %1 did not finish").arg(arguments.join(u' '));
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
            return QStringLiteral("pg-throwaway.sh %1 failed: %2")
                .arg(arguments.join(u' '), QString::fromLocal8Bit(process.readAll()));
        return {};
    }

    QTemporaryDir m_root;
    QString m_port;
};

} // namespace cc::test
