#include "database/ConnectionProfile.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>
#include <QtGlobal>

#include <libpq-fe.h>

#include <memory>

namespace cc {

ConnectionProfile ConnectionProfile::sqlite(const QString& path)
{
    ConnectionProfile profile;
    profile.engine = Engine::SQLite;
    profile.sqlitePath = path;
    return profile;
}

namespace {

// The URI schemes libpq knows, which it reads in lower case only.
const QLatin1String uriSchemes[] = { QLatin1String("postgresql://"), QLatin1String("postgres://") };

// `conninfo` trimmed, its URI scheme (in any case) in lower case: how libpq and QUrl expect it.
QString normalisedScheme(const QString& conninfo)
{
    QString text = conninfo.trimmed();
    for (const QLatin1String scheme : uriSchemes) {
        if (text.startsWith(scheme, Qt::CaseInsensitive))
            return text.replace(0, scheme.size(), scheme);
    }
    return text;
}

bool isUri(const QString& text)
{
    return text.startsWith(uriSchemes[0]) || text.startsWith(uriSchemes[1]);
}

// Whether libpq knows `key` as a connection keyword: only such a key is named in an error (any other
// text of the string may be part of a password typed without quotes).
bool isLibpqKeyword(const QString& key)
{
    PQconninfoOption* defaults = PQconndefaults();
    bool known = false;
    for (const PQconninfoOption* option = defaults; option && option->keyword && !known; ++option)
        known = key == QLatin1String(option->keyword);
    PQconninfoFree(defaults);
    return known;
}

Result<void> assign(ConnectionProfile& profile, const QString& key, const QString& value)
{
    if (key == u"host" || key == u"hostaddr") {
        profile.host = value;
    } else if (key == u"port") {
        bool ok = false;
        const int port = value.toInt(&ok);
        // No error quotes the connection string or a value of it (a password may be anywhere in it).
        if (!ok || port <= 0 || port > 65535)
            return Error { ErrorCode::Usage,
                QStringLiteral("invalid port in the connection string: a port is a whole number from 1 "
                               "to 65535") };
        profile.port = port;
    } else if (key == u"dbname") {
        profile.database = value;
    } else if (key == u"user") {
        profile.user = value;
    } else if (key == u"password") {
        profile.password = value;
    } else if (key == u"connect_timeout" || key == u"sslmode" || key == u"application_name") {
        // accepted and ignored: the tool sets its own
    } else if (isLibpqKeyword(key)) {
        return Error {
            ErrorCode::Usage,
            QStringLiteral("the connection string's key \"%1\" is not supported by coupling-console").arg(key)
        };
    } else {
        return Error { ErrorCode::Usage,
            QStringLiteral("unknown key in the connection string (not shown: it may be part of a password; "
                           "quote a value that holds spaces: password='a b')") };
    }
    return {};
}

Result<void> parseKeyValues(ConnectionProfile& profile, const QString& text)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && text.at(i).isSpace())
            ++i;
        if (i >= n)
            break;
        const qsizetype eq = text.indexOf(u'=', i);
        if (eq < 0)
            return Error { ErrorCode::Usage,
                QStringLiteral("expected key=value in the connection string (quote a value that holds "
                               "spaces: password='a b')") };
        const QString key = text.mid(i, eq - i).trimmed();
        if (key.isEmpty())
            return Error { ErrorCode::Usage, QStringLiteral("empty key in the connection string") };
        i = eq + 1;
        while (i < n && text.at(i).isSpace())
            ++i;
        QString value;
        if (i < n && text.at(i) == u'\'') {
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar c = text.at(i);
                if (c == u'\\' && i + 1 < n) {
                    value += text.at(i + 1);
                    i += 2;
                } else if (c == u'\'') {
                    ++i;
                    closed = true;
                    break;
                } else {
                    value += c;
                    ++i;
                }
            }
            if (!closed)
                return Error { ErrorCode::Usage,
                    QStringLiteral("unterminated quote in the connection string") };
        } else {
            while (i < n && !text.at(i).isSpace()) {
                if (text.at(i) == u'\\' && i + 1 < n)
                    ++i;
                value += text.at(i);
                ++i;
            }
        }
        CC_TRY(assign(profile, key, value));
    }
    return {};
}

// What QUrl finds wrong, without the source it goes on with nor the character it quotes (either
// may be part of the password).
QString urlError(const QUrl& url)
{
    static const QRegularExpression quotedCharacter(QStringLiteral("\\(character '.*' not permitted\\)"));
    QString text = url.errorString().section(QStringLiteral("; source was"), 0, 0);
    text.replace(quotedCharacter, QStringLiteral("(a character that is not permitted)"));
    return text;
}

} // namespace

Result<ConnectionProfile> ConnectionProfile::fromConninfo(const QString& conninfo)
{
    ConnectionProfile profile;
    profile.engine = Engine::PostgreSQL;
    profile.host = qEnvironmentVariable("PGHOST", QStringLiteral("127.0.0.1"));
    profile.port = qEnvironmentVariableIntValue("PGPORT") > 0 ? qEnvironmentVariableIntValue("PGPORT") : 5432;
    profile.database = qEnvironmentVariable("PGDATABASE");
    profile.user = qEnvironmentVariable("PGUSER", QStringLiteral("postgres"));
    profile.password = qEnvironmentVariable("PGPASSWORD");
    if (conninfo.contains(QChar(0)))
        return Error { ErrorCode::Usage, QStringLiteral("the connection string contains a NUL character") };

    // libpq reads the URI scheme in lower case only; this tool accepts it in any case, as QUrl does.
    const QString text = normalisedScheme(conninfo);
    if (isUri(text)) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid())
            return Error { ErrorCode::Usage,
                QStringLiteral("invalid PostgreSQL URI: %1").arg(urlError(url)) };
        if (!url.host().isEmpty())
            profile.host = url.host();
        if (url.port() > 0)
            profile.port = url.port();
        if (!url.userName().isEmpty())
            profile.user = url.userName();
        if (!url.password().isEmpty())
            profile.password = url.password();
        const QString path = url.path();
        if (path.size() > 1)
            profile.database = path.mid(1);
        const QUrlQuery query(url);
        for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded))
            CC_TRY(assign(profile, key, value));
    } else {
        CC_TRY(parseKeyValues(profile, text));
    }
    if (profile.database.isEmpty())
        profile.database = profile.user;
    return profile;
}

QString ConnectionProfile::describe() const
{
    switch (engine) {
    case Engine::SQLite:
        return QStringLiteral("sqlite:") + sqlitePath;
    case Engine::PostgreSQL:
        break;
    }
    return QStringLiteral("postgresql:%1:%2/%3").arg(host).arg(port).arg(database);
}

QString ConnectionProfile::stableName() const
{
    switch (engine) {
    case Engine::SQLite:
        return QStringLiteral("sqlite:") + QFileInfo(sqlitePath).absoluteFilePath();
    case Engine::PostgreSQL:
        break;
    }
    return describe();
}

namespace {

// The options libpq parses from `conninfo`, or null when it cannot (its error text is dropped:
// libpq quotes the string, password included).
std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> parsedOptions(const QString& conninfo)
{
    // libpq knows the URI scheme in lower case only; fromConninfo accepts any case.
    const QString text = normalisedScheme(conninfo);
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(text.toUtf8().constData(), &error);
    if (error)
        PQfreemem(error);
    return { options, PQconninfoFree };
}

} // namespace

Result<QString> ConnectionProfile::withoutPassword(const QString& conninfo)
{
    const auto options = parsedOptions(conninfo);
    if (!options)
        return refused(QStringLiteral("the connection string cannot be parsed"));
    QStringList pairs;
    for (const PQconninfoOption* option = options.get(); option->keyword; ++option) {
        if (!option->val || qstrcmp(option->keyword, "password") == 0)
            continue;
        QString value = QString::fromUtf8(option->val);
        value.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
        pairs << QString::fromUtf8(option->keyword) + QStringLiteral("='") + value + u'\'';
    }
    return pairs.join(u' ');
}

bool ConnectionProfile::looksLikeConninfo(const QString& text)
{
    const QString normalised = normalisedScheme(text);
    if (isUri(normalised))
        return true;
    return normalised.contains(u'=') && parsedOptions(text) != nullptr;
}

Result<void> ConnectionProfile::checkSqlitePath(const QString& path)
{
    if (looksLikeConninfo(path))
        return Error { ErrorCode::Usage,
            QStringLiteral("the SQLite database path is a PostgreSQL connection string (not shown: it may "
                           "hold a password); give a connection string as a PostgreSQL connection (--pg)") };
    return {};
}

bool ConnectionProfile::hasPassword(const QString& conninfo)
{
    const auto options = parsedOptions(conninfo);
    if (!options)
        return false;
    for (const PQconninfoOption* option = options.get(); option->keyword; ++option) {
        if (qstrcmp(option->keyword, "password") == 0)
            return option->val && *option->val;
    }
    return false;
}

} // namespace cc
