#include "CommandLine.h"
#include "EmbeddedDatabase.h"
#include "SignalCancel.h"
#include "audit/AuditVocabulary.h"

#include <QCoreApplication>
#include <QFileInfo>

#ifdef CC_WITH_GUI
#include "GuiApplication.h"
#include "ReportPdfHook.h"
#include "report/HealthReportWriter.h"

#include <QGuiApplication>
#endif

#include <cstdio>
#include <optional>

namespace {

#ifdef CC_WITH_GUI
// The GUI's options into `launch` and the database they name; an exit code when one is wrong.
std::optional<int> readGuiArguments(
    int argc, char** argv, cc::ui::GuiLaunch& launch, QString& file, QString& conninfo)
{
    for (int i = 1; i < argc; ++i) {
        const QString argument = QString::fromLocal8Bit(argv[i]);
        auto next = [&]() { return i + 1 < argc ? QString::fromLocal8Bit(argv[++i]) : QString(); };
        if (argument == u"--screenshots")
            launch.screenshotsDir = next();
        else if (argument == u"--db")
            file = next();
        else if (argument == u"--pg")
            conninfo = next();
        else if (argument == u"--operator")
            launch.session.operatorEmail = next();
        else if (argument == u"--read-only")
            launch.session.profile.readOnly = true;
        else if (!argument.startsWith(u'-') && file.isEmpty())
            file = argument;
        else if (cc::ConnectionProfile::looksLikeConninfo(argument)) {
            // Not quoted: it may hold a password.
            std::fprintf(stderr,
                "coupling-console: an argument is a PostgreSQL connection string (not shown: it may hold a "
                "password); give it with --pg\n");
            return 64;
        } else {
            std::fprintf(
                stderr, "coupling-console: unknown option %s (see coupling-console --help)\n", argv[i]);
            return 64;
        }
    }
    return std::nullopt;
}

// The database the options name (--pg, --db or FILE), else the embedded one; an exit code when it
// cannot be used.
std::optional<int> chooseDatabase(cc::ui::GuiLaunch& launch, const QString& file, const QString& conninfo)
{
    if (!conninfo.isEmpty()) {
        auto profile = cc::ConnectionProfile::fromConninfo(conninfo);
        if (!profile) {
            std::fprintf(stderr, "coupling-console: %s\n", qPrintable(profile.error().message));
            return 64;
        }
        launch.session.profile = *profile;
    } else if (!file.isEmpty()) {
        if (auto path = cc::ConnectionProfile::checkSqlitePath(file); !path) {
            std::fprintf(stderr, "coupling-console: %s\n", qPrintable(path.error().message));
            return 64;
        }
        if (!QFileInfo::exists(file)) {
            std::fprintf(stderr, "coupling-console: database file %s does not exist\n", qPrintable(file));
            return 5;
        }
        launch.session.profile = cc::ConnectionProfile::sqlite(file);
    } else {
        if (auto ready = cc::cli::EmbeddedDatabase::ensure(); !ready) {
            std::fprintf(stderr, "coupling-console: %s\n", qPrintable(ready.error().message));
            return 5;
        }
        launch.session.profile = cc::ConnectionProfile::sqlite(cc::cli::EmbeddedDatabase::path());
        launch.session.profile.embedded = true;
        launch.embedded = true;
        if (launch.session.operatorEmail.isEmpty())
            launch.session.operatorEmail = QStringLiteral("admin@demo.local");
    }
    return std::nullopt;
}

// coupling-console [FILE] [--screenshots DIR] [--db PATH | --pg CONNINFO] [--operator EMAIL] [--read-only]
int startGui(int& argc, char** argv)
{
    cc::ui::GuiLaunch launch;
    QString file;
    QString conninfo;
    if (const auto exit = readGuiArguments(argc, argv, launch, file, conninfo))
        return *exit;
    const bool readOnly = launch.session.profile.readOnly;
    if (const auto exit = chooseDatabase(launch, file, conninfo))
        return *exit;
    launch.session.profile.readOnly = readOnly;
    launch.session.source = cc::auditSourceName(cc::AuditSource::Gui);
    return cc::ui::runGui(argc, argv, launch);
}
#endif

// Qt's PostgreSQL driver warns "Unable to free statement: …" when it cannot DEALLOCATE a prepared
// statement because an error already aborted the transaction or the server went away. The statement
// ends with the session, and the tool reports the error itself in words; the driver's line in front
// of that message only confuses the person reading it.
QtMessageHandler defaultMessageHandler = nullptr;

void withoutDriverNoise(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type == QtWarningMsg && message.startsWith(u"Unable to free statement: "))
        return;
    defaultMessageHandler(type, context, message);
}

} // namespace

int main(int argc, char** argv)
{
    defaultMessageHandler = qInstallMessageHandler(withoutDriverNoise);
    QCoreApplication::setOrganizationName(QStringLiteral("CouplingConsole"));
    QCoreApplication::setApplicationName(QStringLiteral("coupling-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CC_VERSION));
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    if (!cc::cli::isHeadless(arguments)) {
#ifdef CC_WITH_GUI
        return startGui(argc, argv);
#else
        std::fprintf(stderr, "coupling-console: this build has no GUI; use a command (see --help)\n");
        return 64;
#endif
    }
#ifdef CC_WITH_GUI
    // `report` draws with Qt Gui, which needs a QGuiApplication (offscreen without a display);
    // every other command stays on a QCoreApplication.
    if (cc::cli::commandName(arguments) == u"report") {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
            && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QGuiApplication app(argc, argv);
        cc::cli::SignalCancel::install();
        cc::cli::setReportPdfWriter(&cc::ui::HealthReportWriter::writePdf);
        return cc::cli::run(arguments);
    }
#endif
    QCoreApplication app(argc, argv);
    cc::cli::SignalCancel::install();
    return cc::cli::run(arguments);
}
