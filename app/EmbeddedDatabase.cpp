#include "EmbeddedDatabase.h"

#include "administration/Administration.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace cc::cli {

QString EmbeddedDatabase::path()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("coupling-console.db"));
}

Result<void> EmbeddedDatabase::ensure()
{
    const QString file = path();
    if (QFileInfo::exists(file))
        return {};
    if (!QDir().mkpath(QFileInfo(file).absolutePath()))
        return Error { ErrorCode::CannotOpen, QStringLiteral("cannot create the folder for %1").arg(file) };
    auto manifest = Administration::demo(
        ConnectionProfile::sqlite(file), DemoOptions { 2000, 1, 0.02 }, QStringLiteral("system"));
    if (!manifest) {
        QFile::remove(file);
        return manifest.error();
    }
    return {};
}

} // namespace cc::cli
