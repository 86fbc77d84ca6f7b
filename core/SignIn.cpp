#include "SignIn.h"

#include "Time.h"
#include "WriteTransaction.h"

#include <crypt.h>

#include <cstring>
#include <memory>

namespace cc {

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
    auto until = session.db().scalar(QStringLiteral("SELECT locked_until FROM ") + session.db().tool("signin") + QStringLiteral(" WHERE email = ?"),
                                     { email.toLower() });
    if (!until)
        return until.error();
    if (until->isNull() || until->toString().isEmpty())
        return qint64(0);
    const qint64 seconds = session.now().secsTo(parseIsoUtc(until->toString()));
    return std::max<qint64>(0, seconds);
}

Result<Operator> SignIn::authenticate(Session& session, const QString& email, const QString& password)
{
    auto wait = waitSeconds(session, email);
    if (!wait)
        return wait.error();
    if (*wait > 0)
        return refused(QStringLiteral("too many failed sign-ins for %1: try again in %2 s").arg(email).arg(*wait));
    Database& db = session.db();
    auto query = db.exec(QStringLiteral("SELECT password_hash FROM users WHERE email = ?"), { email });
    if (!query)
        return query.error();
    const QByteArray hash = query->next() ? query->value(0).toString().toUtf8() : QByteArray();
    query->finish();
    const bool verified = verifyHash(password.toUtf8(), hash);
    CC_TRY(withRetry([&]() -> Result<void> {
        WriteTransaction transaction(db);
        CC_TRY(transaction.begin());
        const QString table = db.tool("signin");
        auto failures = db.scalar(QStringLiteral("SELECT failures FROM ") + table + QStringLiteral(" WHERE email = ?"), { email.toLower() });
        if (!failures)
            return failures.error();
        CC_TRY(db.run(QStringLiteral("DELETE FROM ") + table + QStringLiteral(" WHERE email = ?"), { email.toLower() }));
        if (!verified) {
            const int count = failures->toInt() + 1;
            const qint64 delay = std::min<qint64>(30, qint64(1) << std::min(count - 1, 5));
            CC_TRY(db.run(QStringLiteral("INSERT INTO ") + table + QStringLiteral(" (email, failures, locked_until) VALUES (?, ?, ?)"),
                          { email.toLower(), count, isoUtc(session.now().addSecs(delay)) }));
        }
        return transaction.commit();
    }));
    if (!verified)
        return refused(QStringLiteral("wrong email or password"));
    auto op = Operator::lookup(db, email);
    if (!op)
        return op.error();
    CC_TRY(authorize(Action::View, *op, session.environment()));
    return op;
}

} // namespace cc
