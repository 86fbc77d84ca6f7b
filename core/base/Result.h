#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace cc {

// The one error style of core: every fallible function returns Result<T>.
// Codes are stable; front ends turn them into words and exit codes. Never thrown.
enum class ErrorCode {
    Refused, // well-formed but not allowed: validation, range, permission, plan changed (exit 4)
    NotInitialised, // the tool's tables are missing (exit 4)
    ReadOnly, // a write on a read-only connection (exit 4)
    SchemaMismatch, // platform table or column missing or of the wrong family (exit 4)
    NotFound, // unknown user, track, run or audit entry (exit 4)
    CannotOpen, // file missing, not a database, server unreachable (exit 5)
    Sql, // a statement failed after retries (exit 5)
    Conflict, // serialization failure or deadlock: retried by core, exit 5 if it persists
    Busy, // another session held a lock past the lock timeout (exit 5); a bulk write skips that key
    Cancelled, // stopped by the user (exit 130)
    Usage, // the command line cannot be parsed (exit 64)
    SignInRequired, // a named operator on a production database gave no password (exit 4)
};

struct Error {
    ErrorCode code = ErrorCode::Sql;
    QString message;
};

int exitCodeFor(ErrorCode code);
QString errorCodeName(ErrorCode code);

template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_state(std::move(value))
    {
    }
    Result(Error error)
        : m_state(std::move(error))
    {
    }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<T>(m_state); }
    T& value() & { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    const T* operator->() const { return &std::get<T>(m_state); }
    T* operator->() { return &std::get<T>(m_state); }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const Error& error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

struct Ok { };

template <> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Ok) { }
    Result(Error error)
        : m_error(std::move(error))
    {
    }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

inline Error refused(QString message)
{
    return Error { ErrorCode::Refused, std::move(message) };
}
inline Error notFound(QString message)
{
    return Error { ErrorCode::NotFound, std::move(message) };
}

} // namespace cc

// Propagate an error from a Result-returning expression.
#define CC_TRY(expr)                                                                                         \
    do {                                                                                                     \
        if (auto cc_try_result_ = (expr); !cc_try_result_.ok())                                              \
            return cc_try_result_.error();                                                                   \
    } while (false)
