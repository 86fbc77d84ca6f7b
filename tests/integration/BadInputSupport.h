#pragma once

// Helpers of the bad-input catalogue (BadInputCatalogue.h): file hashes and listings, bytes for sh,
// a refused TCP port and an environment variable set for one run.

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QString>
#include <QtGlobal>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cc::test::badinput {

inline QByteArray sha256Of(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArrayLiteral("unreadable");
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

inline QString listing(const QString& directory)
{
    return QDir(directory)
        .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)
        .join(u',');
}

// printf(1) escapes for every byte: passes bytes that are not UTF-8 through sh.
inline QString octalEscapes(const QByteArray& bytes)
{
    QString format;
    for (const char byte : bytes)
        format += QStringLiteral("\\%1").arg(uint(uchar(byte)), 3, 8, QLatin1Char('0'));
    return format;
}

// A TCP port on 127.0.0.1 that is bound but not listening: connecting is refused while it lives.
class ClosedPort final {
public:
    ClosedPort()
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof address;
        if (m_socket >= 0 && ::bind(m_socket, reinterpret_cast<sockaddr*>(&address), size) == 0
            && ::getsockname(m_socket, reinterpret_cast<sockaddr*>(&address), &size) == 0)
            m_port = ntohs(address.sin_port);
    }
    ~ClosedPort()
    {
        if (m_socket >= 0)
            ::close(m_socket);
    }
    Q_DISABLE_COPY_MOVE(ClosedPort)
    int port() const { return m_port; }

private:
    int m_socket = -1;
    int m_port = 0;
};

// Sets an environment variable for one run, restoring the old value.
class ScopedEnvironment final {
public:
    ScopedEnvironment(const char* name, const QByteArray& value)
        : m_name(name)
        , m_had(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }
    ~ScopedEnvironment()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }
    Q_DISABLE_COPY_MOVE(ScopedEnvironment)

private:
    const char* m_name;
    bool m_had;
    QByteArray m_old;
};

} // namespace cc::test::badinput
