#include "CliContext.h"

#include "EmbeddedDatabase.h"
#include "PrintableText.h"
#include "audit/AuditVocabulary.h"
#include "schema/ToolSchema.h"
#include "session/PasswordKeyring.h"
#include "session/SignIn.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace cc::cli {

CliContext::CliContext(QString command, QCommandLineParser& parser, CancelToken& cancel)
    : m_command(std::move(command))
    , m_parser(parser)
    , m_cancel(cancel)
    , m_out(stdout)
    , m_err(stderr)
{
}

Result<std::optional<qint64>> CliContext::integer(const char* option) const
{
    if (!isSet(option))
        return std::optional<qint64>();
    bool ok = false;
    const QString text = value(option);
    const qint64 number = text.toLongLong(&ok);
    if (!ok)
        return Error { ErrorCode::Usage,
            QStringLiteral("--%1 needs an integer that fits 64 bits, not %2")
                .arg(QLatin1String(option), quotedValue(text)) };
    return std::optional<qint64>(number);
}

Result<qint64> CliContext::requiredInteger(const char* option) const
{
    auto number = integer(option);
    if (!number)
        return number.error();
    if (!*number)
        return Error { ErrorCode::Usage,
            QStringLiteral("%1 needs --%2").arg(m_command, QLatin1String(option)) };
    return **number;
}

Result<QString> CliContext::required(const char* option) const
{
    if (!isSet(option))
        return Error { ErrorCode::Usage,
            QStringLiteral("%1 needs --%2").arg(m_command, QLatin1String(option)) };
    return value(option);
}

Result<ConnectionProfile> CliContext::profile() const
{
    if (isSet("db") && isSet("pg"))
        return Error { ErrorCode::Usage, QStringLiteral("use either --db or --pg, not both") };
    ConnectionProfile profile;
    if (isSet("pg")) {
        auto parsed = ConnectionProfile::fromConninfo(value("pg"));
        if (!parsed)
            return parsed.error();
        profile = *parsed;
    } else if (isSet("db")) {
        if (value("db").isEmpty() || value("db").contains(QChar(0)))
            return Error { ErrorCode::Usage, QStringLiteral("--db needs a file path") };
        CC_TRY(ConnectionProfile::checkSqlitePath(value("db")));
        // Bytes that are not UTF-8 arrive as U+FFFD: the file named by those bytes cannot be opened.
        if (value("db").contains(QChar::ReplacementCharacter) && !QFileInfo::exists(value("db")))
            return Error { ErrorCode::CannotOpen,
                QStringLiteral("database file %1 does not exist; its path holds bytes that are not "
                               "valid UTF-8, which coupling-console cannot open (rename the file)")
                    .arg(value("db")) };
        profile = ConnectionProfile::sqlite(value("db"));
    } else {
        profile = ConnectionProfile::sqlite(EmbeddedDatabase::path());
        profile.embedded = true;
    }
    profile.readOnly = isSet("read-only");
    return profile;
}

Result<SessionOptions> CliContext::sessionOptions(bool create)
{
    auto connection = profile();
    if (!connection)
        return connection.error();
    if (isSet("pg") && ConnectionProfile::hasPassword(value("pg")))
        err(QStringLiteral("warning: the password in --pg is visible to every user of this machine (ps, "
                           "/proc) and in the shell's "
                           "history; use a password file (PGPASSFILE or ~/.pgpass) or PGPASSWORD in the "
                           "environment instead"));
    if (connection->embedded) {
        err(QStringLiteral("note: running on the embedded demo database %1").arg(connection->sqlitePath));
        CC_TRY(EmbeddedDatabase::ensure());
    }
    SessionOptions options;
    options.profile = *connection;
    options.operatorEmail = value("operator");
    options.source = auditSourceName(AuditSource::Cli);
    options.openMode = create ? Database::OpenMode::MayCreate : Database::OpenMode::MustExist;
    return options;
}

Result<Session*> CliContext::open(bool create)
{
    auto options = sessionOptions(create);
    if (!options)
        return options.error();
    auto session = Session::open(*options);
    if (!session && session.error().code == ErrorCode::SignInRequired) {
        // Only a production database asks: CC_PASSWORD_FILE first, then the keyring, then the person.
        std::optional<QString> stored;
        if (qEnvironmentVariableIsEmpty("CC_PASSWORD_FILE")) {
            if (auto read
                = PasswordKeyring::read(PasswordKeyring::account(options->operatorEmail, options->profile)))
                stored = *read;
        }
        const bool fromKeyring = stored.has_value();
        auto password = fromKeyring ? Result<QString>(*stored) : typedPassword();
        if (!password)
            return password.error();
        options->password = *password;
        session = Session::open(*options);
        if (!session && fromKeyring && session.error().code == ErrorCode::Refused)
            return refused(QStringLiteral(
                "%1 (the password came from the keyring; coupling-console keyring --forget removes it)")
                               .arg(session.error().message));
    }
    if (!session)
        return session.error();
    m_session = std::move(*session);
    return m_session.get();
}

Result<Session*> CliContext::openSignedIn(const QString& password)
{
    auto options = sessionOptions(false);
    if (!options)
        return options.error();
    options->password = password;
    auto session = Session::open(*options);
    if (!session)
        return session.error();
    m_session = std::move(*session);
    // Production checked the password as the session opened; elsewhere it is checked here.
    if (m_session->environment() != Environment::Production || !m_session->toolsInstalled()) {
        auto signedIn = SignIn::authenticate(*m_session, options->operatorEmail, password);
        if (!signedIn)
            return signedIn.error();
    }
    return m_session.get();
}

QString notARegularFile(mode_t mode)
{
    if (S_ISREG(mode))
        return {};
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO");
    if (S_ISDIR(mode))
        return QStringLiteral("a directory");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return QStringLiteral("a device");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    return QStringLiteral("not a regular file");
}

Result<QByteArray> readRegularFile(
    const QString& path, qint64 maxBytes, const QString& what, bool privateOnly)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return refused(QStringLiteral("cannot read %1 %2: %3")
                           .arg(what, path, QString::fromLocal8Bit(std::strerror(errno))));
    struct stat info { };
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return refused(QStringLiteral("cannot read %1 %2: it is %3, not a regular file")
                           .arg(what, path, notARegularFile(info.st_mode)));
    }
    if (privateOnly && (info.st_mode & 077) != 0) {
        ::close(fd);
        return refused(QStringLiteral(
            "%1 %2 may be read by its group or others (mode %3): make it private with chmod 600, as ssh "
            "requires of keys")
                           .arg(what, path,
                               QStringLiteral("%1").arg(uint(info.st_mode & 0777), 4, 8, QLatin1Char('0'))));
    }
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle))
        return refused(QStringLiteral("cannot read %1 %2: %3").arg(what, path, file.errorString()));
    return file.read(maxBytes);
}

Result<QString> CliContext::typedPassword()
{
    const QString file = qEnvironmentVariable("CC_PASSWORD_FILE");
    if (!file.isEmpty()) {
        auto content = readRegularFile(file, 4096, QStringLiteral("CC_PASSWORD_FILE"), true);
        if (!content)
            return content.error();
        return QString::fromUtf8(
            content->left(content->indexOf('\n') < 0 ? content->size() : content->indexOf('\n')))
            .remove(u'\r');
    }
    if (!::isatty(STDIN_FILENO))
        return refused(QStringLiteral(
            "%1 on a production database must sign in: set CC_PASSWORD_FILE, keep the password in the "
            "keyring (coupling-console keyring) or run on a terminal")
                           .arg(value("operator")));
    std::fprintf(stderr, "password for %s: ", qPrintable(value("operator")));
    std::fflush(stderr);
    termios saved {};
    ::tcgetattr(STDIN_FILENO, &saved);
    termios silent = saved;
    silent.c_lflag &= ~tcflag_t(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    char buffer[4096] = {};
    // Wait for a line while watching the cancel token: SIGINT may be delivered to any thread, so
    // fgets alone would not always return on Ctrl-C (issue 15: exit 130 at the prompt).
    bool interrupted = false;
    for (;;) {
        pollfd input { STDIN_FILENO, POLLIN, 0 };
        const int ready = ::poll(&input, 1, 100);
        interrupted = m_cancel.isCancelled();
        if (interrupted || ready > 0 || (ready < 0 && errno != EINTR))
            break;
    }
    errno = 0;
    const bool read = !interrupted && std::fgets(buffer, sizeof buffer, stdin) != nullptr;
    interrupted = interrupted || (!read && errno == EINTR);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::fprintf(stderr, "\n");
    if (interrupted || m_cancel.isCancelled())
        return Error { ErrorCode::Cancelled,
            QStringLiteral("cancelled at the password prompt; nothing was changed") };
    if (!read)
        return refused(QStringLiteral("no password given"));
    return QString::fromUtf8(buffer).remove(u'\n').remove(u'\r');
}

void CliContext::out(const QString& line)
{
    m_out << printableLine(line) << Qt::endl;
}

void CliContext::out(const QStringList& lines)
{
    for (const QString& line : lines)
        out(line);
}

void CliContext::err(const QString& line)
{
    m_err << printableLine(line) << Qt::endl;
}

void CliContext::printJson(const QJsonValue& value)
{
    const QJsonDocument document
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    m_out << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    m_out.flush();
}

int CliContext::fail(const Error& error)
{
    const int code = exitCodeFor(error.code);
    err(QStringLiteral("coupling-console %1: %2").arg(m_command, error.message));
    if (json())
        printJson(QJsonObject { { QStringLiteral("error"),
            QJsonObject { { QStringLiteral("code"), code },
                { QStringLiteral("kind"), errorCodeName(error.code) },
                { QStringLiteral("message"), error.message } } } });
    return code;
}

int CliContext::usage(const QString& message)
{
    return fail(Error { ErrorCode::Usage, message + QStringLiteral(" (see coupling-console --help)") });
}

QJsonValue optionalJson(const std::optional<qint64>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

} // namespace cc::cli
