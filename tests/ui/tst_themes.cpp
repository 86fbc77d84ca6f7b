// The colour themes on the real main window, offscreen, on a real demo database: Dark and Light
// chosen in the Settings page apply at once (no restart) to the dashboard's charts, cards, gauge,
// badge and side bar; System returns to the platform's palette; a saved theme applies at start-up.
// Set CC_THEME_SHOTS=DIR to keep the grabbed images for a look.
#include "GuiTestSupport.h"

#include "Appearance.h"
#include "GuiApplication.h"
#include "Prompt.h"
#include "ThemeColors.h"
#include "charts/CountBarChart.h"
#include "charts/RateHistoryChart.h"
#include "pages/DashboardPage.h"
#include "widgets/StatusBadge.h"

#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineSeries>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>

#include <algorithm>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

namespace {

struct Sample {
    int median = 0; // lightness 0..255 of the middle pixel
    int contrasting = 0; // pixels whose lightness differs from the median by more than 100 (text, lines)
    int total = 0;
};

// Lightness of every 3rd pixel of `area` in `image`.
Sample sample(const QImage& image, const QRect& area)
{
    QList<int> values;
    const QRect clipped = area.intersected(image.rect());
    for (int y = clipped.top(); y <= clipped.bottom(); y += 3) {
        for (int x = clipped.left(); x <= clipped.right(); x += 3)
            values << QColor(image.pixel(x, y)).lightness();
    }
    Sample result;
    if (values.isEmpty())
        return result;
    std::sort(values.begin(), values.end());
    result.total = int(values.size());
    result.median = values.at(values.size() / 2);
    result.contrasting = int(std::count_if(
        values.cbegin(), values.cend(), [&](int v) { return std::abs(v - result.median) > 100; }));
    return result;
}

QRect areaOf(QWidget* widget, QWidget* in)
{
    return QRect(widget->mapTo(in, QPoint(0, 0)), widget->size());
}

QList<QChartView*> dashboardCharts(MainWindow& window)
{
    return window.dashboard()->findChildren<QChartView*>();
}

} // namespace

class TestThemes final : public QObject {
    Q_OBJECT

private:
    static void waitForDashboard(MainWindow& window)
    {
        QTRY_VERIFY_WITH_TIMEOUT(window.context()->info().loaded, 10000);
        // A new database gets a first check at once: wait for it, so the charts have bars and lines.
        QTRY_VERIFY_WITH_TIMEOUT(window.dashboard()->snapshot().latest.has_value(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(
            window.context()->jobs().pending() == 0 && !window.dashboard()->isCheckRunning(), 30000);
    }

    // Chooses a theme as a user would: the Settings page's theme box.
    static void chooseTheme(MainWindow& window, const QString& key)
    {
        window.setCurrentPage(MainWindow::Settings);
        auto* box = child<QComboBox>(&window, "settingsTheme");
        QVERIFY(box);
        QVERIFY(box->isVisible());
        const int index = box->findData(key);
        QVERIFY(index >= 0);
        box->setCurrentIndex(index);
        QCOMPARE(QSettings().value(QStringLiteral("ui/theme")).toString(), key);
        window.setCurrentPage(MainWindow::Dashboard);
        QTest::qWait(100); // let the scene and the layouts settle before grabbing
    }

    static QImage grab(QWidget* widget, const QString& name)
    {
        const QImage image = widget->grab().toImage();
        const QString dir = qEnvironmentVariable("CC_THEME_SHOTS");
        if (!dir.isEmpty() && QDir().mkpath(dir))
            image.save(dir + u'/' + name + QStringLiteral(".png"));
        return image;
    }

    // What a user sees of the dashboard and the side bar in `dark` or light colours.
    static void verifyDashboard(MainWindow& window, bool dark, const QString& shotName)
    {
        QCOMPARE(ThemeColors::isDark(), dark);
        const QImage page = grab(window.dashboard(), shotName);
        const QList<QChartView*> charts = dashboardCharts(window);
        QCOMPARE(charts.size(), 3); // consistency rate over time, by kind, by track
        for (QChartView* view : charts) {
            const QByteArray name = view->objectName().toUtf8();
            QChart* chart = view->chart();
            QCOMPARE(chart->theme(), dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
            const QColor background = chart->backgroundBrush().color();
            if (dark)
                QVERIFY2(background.lightness() < 100, name);
            else
                QVERIFY2(background.lightness() > 200, name);
            // Readable: the title stands out from the background.
            QVERIFY2(std::abs(chart->titleBrush().color().lightness() - background.lightness()) > 120, name);
            const Sample pixels = sample(page, areaOf(view, window.dashboard()));
            QVERIFY2(pixels.total > 1000, name);
            if (dark)
                QVERIFY2(pixels.median < 100,
                    qPrintable(QStringLiteral("%1: median lightness %2")
                                   .arg(view->objectName())
                                   .arg(pixels.median)));
            else
                QVERIFY2(pixels.median > 180,
                    qPrintable(QStringLiteral("%1: median lightness %2")
                                   .arg(view->objectName())
                                   .arg(pixels.median)));
            // Text, axes and lines that contrast with the background are drawn.
            QVERIFY2(pixels.contrasting > 30,
                qPrintable(QStringLiteral("%1: %2 contrasting pixels")
                               .arg(view->objectName())
                               .arg(pixels.contrasting)));
        }
        // Status colours survive setTheme(), which resets series colours.
        auto* byKind = child<CountBarChart>(&window, "byKindChart");
        QCOMPARE(byKind->barSet()->color(), ThemeColors::critical());
        auto* rate = child<RateHistoryChart>(&window, "rateChart");
        QCOMPARE(rate->rateSeries()->pen().color(), ThemeColors::accent());

        // A metric card: its background follows the theme, its value stays readable.
        auto* card = child<QWidget>(&window, "metricPairs");
        const Sample cardPixels = sample(page, areaOf(card, window.dashboard()).adjusted(4, 4, -4, -4));
        QVERIFY2(dark ? cardPixels.median < 100 : cardPixels.median > 200,
            qPrintable(QString::number(cardPixels.median)));
        QVERIFY2(cardPixels.contrasting > 20, qPrintable(QString::number(cardPixels.contrasting)));

        // The badge keeps its status colour in both themes.
        auto* badge = child<StatusBadge>(&window, "statusBadge");
        const QRect badgeArea = areaOf(badge, window.dashboard());
        const QColor badgeCentre = page.pixelColor(badgeArea.left() + 6, badgeArea.center().y());
        QCOMPARE(badgeCentre.rgb(),
            ThemeColors::forStatus(runStatusFromName(badge->status()).value_or(RunStatus::Error)).rgb());

        // The side bar is part of the window, not of the page.
        const QImage whole = grab(&window, shotName + QStringLiteral("-window"));
        auto* sideBar = child<QWidget>(&window, "sideBar");
        const Sample side = sample(whole, areaOf(sideBar, &window));
        QVERIFY2(dark ? side.median < 100 : side.median > 180, qPrintable(QString::number(side.median)));
        QVERIFY2(side.contrasting > 50, qPrintable(QString::number(side.contrasting)));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("CouplingConsoleThemeTests"));
        QSettings().clear();
        Prompt::setUnattended(true);
        applyUserPreferences(); // nothing saved: System
        QVERIFY(!ThemeColors::isDark()); // offscreen: the style's standard (light) palette
    }

    void cleanup()
    {
        QSettings().remove(QStringLiteral("ui/theme"));
        Appearance::apply(Appearance::Theme::System);
    }

    void darkThenLightApplyAtOnceFromTheSettingsPage()
    {
        TestDatabase db;
        QVERIFY(db.initialise(300, 1, 0.05));
        auto window = openWindow(db);
        waitForDashboard(*window);

        chooseTheme(*window, QStringLiteral("dark"));
        verifyDashboard(*window, true, QStringLiteral("dashboard-dark"));
        if (QTest::currentTestFailed())
            return;
        chooseTheme(*window, QStringLiteral("light"));
        verifyDashboard(*window, false, QStringLiteral("dashboard-light"));
    }

    void systemReturnsToThePlatformPalette()
    {
        TestDatabase db;
        QVERIFY(db.initialise(50));
        auto window = openWindow(db);
        waitForDashboard(*window);
        const QColor systemWindow = QApplication::palette().color(QPalette::Window);
        chooseTheme(*window, QStringLiteral("dark"));
        QVERIFY(ThemeColors::isDark());
        QVERIFY(QCoreApplication::testAttribute(Qt::AA_SetPalette));
        chooseTheme(*window, QStringLiteral("system"));
        QVERIFY(!QCoreApplication::testAttribute(Qt::AA_SetPalette));
        QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
        QCOMPARE(QApplication::palette().color(QPalette::Window),
            QApplication::style()->standardPalette().color(QPalette::Window));
        for (QChartView* view : dashboardCharts(*window))
            QCOMPARE(view->chart()->theme(), QChart::ChartThemeLight);
    }

    // The start-up also gives the windows the application's icon (resources/icons, embedded):
    // what a taskbar or window switcher shows, at every size the package installs.
    void theWindowCarriesTheApplicationIcon()
    {
        TestDatabase db;
        QVERIFY(db.initialise(20));
        auto window = openWindow(db);
        const QIcon icon = window->windowIcon();
        QVERIFY(!icon.isNull());
        for (int size : { 16, 32, 48, 256 }) {
            QVERIFY2(icon.availableSizes().contains(QSize(size, size)), qPrintable(QString::number(size)));
            const QImage image = icon.pixmap(QSize(size, size)).toImage();
            QCOMPARE(image.size(), QSize(size, size));
            // Drawn, not blank: the centre of the mark is opaque.
            QVERIFY(qAlpha(image.pixel(size / 2, size / 2)) > 0);
        }
        QCOMPARE(QGuiApplication::desktopFileName(), QStringLiteral("org.couplingconsole.CouplingConsole"));
    }

    void aSavedDarkThemeAppliesAtStartUp()
    {
        QSettings().setValue(QStringLiteral("ui/theme"), QStringLiteral("dark"));
        applyUserPreferences();
        TestDatabase db;
        QVERIFY(db.initialise(100));
        auto window = openWindow(db);
        waitForDashboard(*window);
        window->setCurrentPage(MainWindow::Settings);
        QCOMPARE(child<QComboBox>(window.get(), "settingsTheme")->currentData().toString(),
            QStringLiteral("dark"));
        window->setCurrentPage(MainWindow::Dashboard);
        QTest::qWait(100);
        verifyDashboard(*window, true, QStringLiteral("dashboard-dark-at-start"));
    }
};

QTEST_MAIN(TestThemes)
#include "tst_themes.moc"
