#pragma once

#include "base/CancelToken.h"
#include "session/Session.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <memory>

#include <sys/types.h>

namespace cc::cli {

// Exit codes of docs/BEHAVIOUR.md C8 that are not core error codes.
constexpr int exitUsage = 64;

// One command-line invocation: the parsed options, the output channels and the session.
// Lives in the main thread for the duration of one command.
class CliContext final {
public:
    CliContext(QString command, QCommandLineParser& parser, CancelToken& cancel);
    Q_DISABLE_COPY_MOVE(CliContext)

    const QString& command() const { return m_command; }
    QCommandLineParser& parser() { return m_parser; }
    CancelToken& cancel() { return m_cancel; }
    bool json() const { return m_parser.isSet(QStringLiteral("json")); }
    bool csv() const { return m_parser.isSet(QStringLiteral("csv")); }
    bool isSet(const char* option) const { return m_parser.isSet(QString::fromLatin1(option)); }
    QString value(const char* option) const { return m_parser.value(QString::fromLatin1(option)); }
    QStringList positional() const { return m_parser.positionalArguments(); }

    // Integer options: a value that is not an integer or does not fit 64 bits is a usage error (64).
    Result<std::optional<qint64>> integer(const char* option) const;
    Result<qint64> requiredInteger(const char* option) const;
    Result<QString> required(const char* option) const;

    // The connection the options name (--db, --pg or the embedded database), not yet opened.
    Result<ConnectionProfile> profile() const;
    // Opens the session; `create` lets init create a new SQLite file. A named operator on a
    // production database signs in with the password from the keyring, CC_PASSWORD_FILE or a prompt.
    Result<Session*> open(bool create = false);
    // Opens the session as the named operator, signed in with this password on any environment.
    Result<Session*> openSignedIn(const QString& password);
    // The password in CC_PASSWORD_FILE, else one typed without echo on a terminal; never the keyring.
    Result<QString> typedPassword();
    Session& session() { return *m_session; }

    // Human-readable output, one line per call (or per list element): every control character in
    // it is shown escaped (PrintableText.h), so data can never add a line or drive the terminal.
    // printJson and the CSV exports write exact bytes instead.
    void out(const QString& line);
    void out(const QStringList& lines);
    void err(const QString& line);
    void printJson(const QJsonValue& value);
    int fail(const Error& error);
    int usage(const QString& message);

private:
    Result<SessionOptions> sessionOptions(bool create);

    QString m_command;
    QCommandLineParser& m_parser;
    CancelToken& m_cancel;
    std::unique_ptr<Session> m_session;
    QTextStream m_out;
    QTextStream m_err;
};

// What a path names when it is not a regular file ("a FIFO", "a directory" …); empty when it is one.
QString notARegularFile(mode_t mode);
// Reads at most maxBytes of a regular file (issue 15): a FIFO, a device or a directory is refused
// at once, naming what it is (opened without blocking, so a FIFO never hangs the command);
// `privateOnly` also refuses a file that its group or others may read, as ssh does with keys.
// `what` names the file in messages ("the level file").
Result<QByteArray> readRegularFile(
    const QString& path, qint64 maxBytes, const QString& what, bool privateOnly = false);

QJsonValue optionalJson(const std::optional<qint64>& value);

} // namespace cc::cli
