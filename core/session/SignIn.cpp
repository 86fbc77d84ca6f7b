#include "session/SignIn.h"

#include "base/Time.h"
#include "database/WriteTransaction.h"

#include <crypt.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace cc {

namespace {

// A bcrypt hash of no one's password, checked when the email is unknown so that an unknown email
// costs as long as a known one (issue 15: nothing tells which emails exist).
constexpr const char* absentHash = "$2b$12$abcdefghijklmnopqrstuuxwmOs.g1KBslnB3Iaq3ph9UDWE9uVGe";

// 1, 2, 4, 8, 16, 30, 30 … seconds after the 1st, 2nd, 3rd … failure in a row.
qint64 delayAfter(qint64 failures)
{
    return std::min<qint64>(30, qint64(1) << std::clamp<qint64>(failures - 1, 0, 5));
}

struct Throttle {
    qint64 failures = 0;
    QDateTime lockedUntil;
};

Result<Throttle> readThrottle(Database& db, const QString& email)
{
    auto query = db.exec(QStringLiteral("SELECT failures, locked_until FROM ") + db.tool("signin")
            + QStringLiteral(" WHERE email = ?"),
        { email });
    if (!query)
        return query.error();
    Throttle throttle;
    if (query->next()) {
        throttle.failures = query->value(0).toLongLong();
        throttle.lockedUntil = parseIsoUtc(query->value(1).toString());
    }
    return throttle;
}

// Whole seconds still to wait. A lock ending later than its own delay from now was written by a
// clock ahead of the database's (issue 15: one failure from a clock 30 days ahead locked the admin
// out for 30 days): it holds no one back, though its failures still count toward the next delay.
qint64 secondsLeft(const Throttle& throttle, const QDateTime& now)
{
    if (throttle.failures <= 0 || !throttle.lockedUntil.isValid())
        return 0;
    // Rounded up: a wait under a second is still a wait (parallel guesses must queue behind it).
    const qint64 left = (now.msecsTo(throttle.lockedUntil) + 999) / 1000;
    return left > delayAfter(throttle.failures) ? 0 : std::max<qint64>(left, 0);
}

// The password check itself: the same work and the same answer for an unknown email.
Result<bool> passwordMatches(Database& db, const QString& email, const QString& password)
{
    auto query = db.exec(QStringLiteral("SELECT password_hash FROM users WHERE email = ?"), { email });
    if (!query)
        return query.error();
    const bool known = query->next();
    const QByteArray hash = known ? query->value(0).toString().toUtf8() : QByteArray(absentHash);
    query->finish();
    const bool matches = SignIn::verifyHash(password.toUtf8(), hash);
    return known && matches;
}

Error tooManyFailures(const QString& email, qint64 seconds)
{
    return refused(
        QStringLiteral("too many failed sign-ins for %1: try again in %2 s").arg(email).arg(seconds));
}

// The email's throttle and the server's time, read together.
struct ThrottleState {
    Throttle throttle;
    QDateTime now;
};

Result<ThrottleState> throttleState(Session& session, const QString& email)
{
    auto throttle = readThrottle(session.db(), email);
    if (!throttle)
        return throttle.error();
    auto now = session.serverNow();
    if (!now)
        return now.error();
    return ThrottleState { *throttle, *now };
}

} // namespace

bool SignIn::verifyHash(const QByteArray& password, const QByteArray& hash)
{
    if (hash.isEmpty() || password.contains('\0'))
        return false;
    auto data = std::make_unique<crypt_data>();
    std::memset(data.get(), 0, sizeof(crypt_data));
    const char* result = crypt_r(password.constData(), hash.constData(), data.get());
    if (!result || result[0] == '*')
        return false;
    const QByteArray computed(result);
    // Constant-time comparison of equal-length strings.
    if (computed.size() != hash.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < hash.size(); ++i)
        difference |= static_cast<unsigned char>(computed.at(i) ^ hash.at(i));
    return difference == 0;
}

Result<qint64> SignIn::waitSeconds(Session& session, const QString& email)
{
    CC_TRY(session.requireTools());
    auto throttle = readThrottle(session.db(), normalisedEmail(email));
    if (!throttle)
        return throttle.error();
    auto now = session.serverNow();
    if (!now)
        return now.error();
    return secondsLeft(*throttle, *now);
}

namespace {

// A sign-in attempt: whether the password was right, or how long the email must still wait.
struct Attempt {
    bool verified = false;
    qint64 wait = 0;
};

// --read-only: the throttle is honoured but nothing can be recorded (docs/RELIABILITY.md).
Result<Attempt> attemptReadOnly(Session& session, const QString& email, const QString& password)
{
    auto state = throttleState(session, email);
    if (!state)
        return state.error();
    Attempt attempt;
    attempt.wait = secondsLeft(state->throttle, state->now);
    if (attempt.wait > 0)
        return attempt;
    auto matches = passwordMatches(session.db(), email, password);
    if (!matches)
        return matches.error();
    attempt.verified = *matches;
    return attempt;
}

// One atomic read-check-record per email: SQLite's BEGIN IMMEDIATE, on PostgreSQL an advisory lock
// on the email, held until commit (parallel attempts queue behind it).
Result<Attempt> attemptRecorded(Session& session, const QString& email, const QString& password)
{
    Database& db = session.db();
    Attempt attempt;
    // Not inside CC_TRY: the lambda's own CC_TRYs would shadow its variable (-Wshadow).
    const Result<void> recorded = withRetry([&]() -> Result<void> {
        WriteTransaction transaction(db);
        CC_TRY(transaction.begin());
        CC_TRY(db.dialect().lockName(
            db, QStringLiteral("coupling_console.signin ") + email, LockMode::Exclusive));
        auto state = throttleState(session, email);
        if (!state)
            return state.error();
        const Throttle* throttle = &state->throttle;
        const QDateTime* now = &state->now;
        attempt.wait = secondsLeft(*throttle, *now);
        if (attempt.wait > 0)
            return {}; // nothing recorded: the transaction rolls back
        auto matches = passwordMatches(db, email, password);
        if (!matches)
            return matches.error();
        attempt.verified = *matches;
        const QString table = db.tool("signin");
        if (attempt.verified && throttle->failures == 0)
            return {};
        CC_TRY(
            db.run(QStringLiteral("DELETE FROM ") + table + QStringLiteral(" WHERE email = ?"), { email }));
        if (!attempt.verified) {
            const qint64 failures = throttle->failures + 1;
            CC_TRY(db.run(QStringLiteral("INSERT INTO ") + table
                    + QStringLiteral(" (email, failures, locked_until) VALUES (?, ?, ?)"),
                { email, failures, isoUtc(now->addSecs(delayAfter(failures))) }));
        }
        return transaction.commit();
    });
    if (!recorded)
        return recorded.error();
    return attempt;
}

} // namespace

Result<Operator> SignIn::authenticate(Session& session, const QString& givenEmail, const QString& password)
{
    CC_TRY(session.requireTools());
    const QString email = normalisedEmail(givenEmail);
    Database& db = session.db();
    auto attempt = db.isReadOnly() ? attemptReadOnly(session, email, password)
                                   : attemptRecorded(session, email, password);
    if (!attempt)
        return attempt.error();
    const auto [verified, wait] = *attempt;
    // Until the password is right, every email gets the same answers: unknown, inactive or not.
    if (wait > 0)
        return tooManyFailures(email, wait);
    if (!verified)
        return refused(QStringLiteral("wrong email or password"));
    auto op = Operator::lookup(db, email);
    if (!op)
        return op.error();
    CC_TRY(authorize(Action::View, *op, session.environment()));
    return op;
}

} // namespace cc
