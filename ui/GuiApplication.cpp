#include "GuiApplication.h"

#include "Appearance.h"
#include "MainWindow.h"
#include "Prompt.h"
#include "ScreenshotTour.h"
#include "Translations.h"
#include "audit/AuditVocabulary.h"

#include <QApplication>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace cc::ui {

int runGui(int& argc, char** argv, const GuiLaunch& launch)
{
    tuneAllocator();
    QApplication app(argc, argv);
    if (QCoreApplication::organizationName().isEmpty())
        QCoreApplication::setOrganizationName(QStringLiteral("CouplingConsole"));
    if (QCoreApplication::applicationName().isEmpty())
        QCoreApplication::setApplicationName(QStringLiteral("coupling-console"));
    if (QCoreApplication::applicationVersion().isEmpty())
        QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    applyUserPreferences();

    SessionOptions options = launch.session;
    options.source = auditSourceName(AuditSource::Gui);
    options.profile.embedded = options.profile.embedded || launch.embedded;
    MainWindow window(options);

    if (!launch.screenshotsDir.isEmpty()) {
        Prompt::setUnattended(true);
        window.resize(1280, 800);
        window.show();
        ScreenshotTour tour(&window, launch.screenshotsDir);
        int exitCode = 0;
        QObject::connect(&tour, &ScreenshotTour::done, &app, [&exitCode](bool ok) {
            exitCode = ok ? 0 : 1;
            QCoreApplication::exit(exitCode);
        });
        tour.start();
        QApplication::exec();
        return exitCode;
    }
    window.show();
    window.offerFirstRunTour(); // the first start only; never in --screenshots mode
    return QApplication::exec();
}

void tuneAllocator()
{
#ifdef __GLIBC__
    mallopt(M_MXFAST, 0);
#endif
}

void applyUserPreferences()
{
    Translations::install(Translations::savedLanguage());
    QApplication::setApplicationDisplayName(
        QCoreApplication::translate("GuiApplication", "Coupling Console"));
    Appearance::apply(Appearance::savedTheme());
    QApplication::setWindowIcon(applicationIcon());
    // Wayland and the taskbars match windows to resources/org.couplingconsole.CouplingConsole.desktop.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.couplingconsole.CouplingConsole"));
}

QIcon applicationIcon()
{
    QIcon icon;
    for (int size : { 16, 22, 24, 32, 48, 64, 128, 256 })
        icon.addFile(QStringLiteral(":/icons/%1x%1/apps/org.couplingconsole.CouplingConsole.png").arg(size),
            QSize(size, size));
    return icon;
}

} // namespace cc::ui
