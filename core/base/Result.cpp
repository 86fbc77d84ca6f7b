#include "base/Result.h"

namespace cc {

int exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Refused:
    case ErrorCode::NotInitialised:
    case ErrorCode::ReadOnly:
    case ErrorCode::SchemaMismatch:
    case ErrorCode::NotFound:
    case ErrorCode::SignInRequired:
        return 4;
    case ErrorCode::CannotOpen:
    case ErrorCode::Sql:
    case ErrorCode::Conflict:
    case ErrorCode::Busy:
        return 5;
    case ErrorCode::Cancelled:
        return 130;
    case ErrorCode::Usage:
        return 64;
    }
    return 5;
}

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Refused:
        return QStringLiteral("refused");
    case ErrorCode::NotInitialised:
        return QStringLiteral("not_initialised");
    case ErrorCode::ReadOnly:
        return QStringLiteral("read_only");
    case ErrorCode::SchemaMismatch:
        return QStringLiteral("schema_mismatch");
    case ErrorCode::NotFound:
        return QStringLiteral("not_found");
    case ErrorCode::CannotOpen:
        return QStringLiteral("cannot_open");
    case ErrorCode::Sql:
        return QStringLiteral("sql_error");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::Busy:
        return QStringLiteral("busy");
    case ErrorCode::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorCode::Usage:
        return QStringLiteral("usage");
    case ErrorCode::SignInRequired:
        return QStringLiteral("sign_in_required");
    }
    return QStringLiteral("sql_error");
}

} // namespace cc
