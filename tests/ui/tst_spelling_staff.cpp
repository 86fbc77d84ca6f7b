// Issue 14 in the real main window, offscreen, on a demo database of either engine: the dashboard
// shows the staff credentials `check --json` counts and the eighth kind, spelling_mismatch, in its
// by-kind chart; the Violations page's kind filter offers and applies it; the User page shows the two
// stored spellings side by side and a staff credential as a teaching credential with nothing to repair.
// In English and Hungarian, light and dark, the new texts are not squeezed; set CC_SCREENSHOT_DIR=DIR
// to keep the grabbed pages for a look.
#include "GuiTestSupport.h"

#include "Appearance.h"
#include "GuiApplication.h"
#include "Translations.h"
#include "Wording.h"
#include "charts/CountBarChart.h"
#include "models/ViolationTableModel.h"
#include "pages/UserPage.h"
#include "pages/ViolationsPage.h"
#include "widgets/MetricCard.h"
#include "widgets/TrackPanel.h"

#include <QBarSet>
#include <QComboBox>
#include <QDir>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

class TestSpellingStaff final : public QObject {
    Q_OBJECT

private:
    // `coupling-console check --json` on the test database: a new stored run, as cron would make it.
    static QJsonObject checkJson(const TestDatabase& db)
    {
        const CliRun run
            = runCli(QStringList { QStringLiteral("check"), QStringLiteral("--json") } + db.cliArguments());
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        if (json.isEmpty())
            qWarning("check --json: exit %d, %s %s", run.exitCode, run.out.constData(), run.err.constData());
        return json;
    }
    static qint64 number(const QString& shown) { return QString(shown).remove(u',').toLongLong(); }
    // The bar of `key`: bars are listed top-down, the bar set counts from the bottom.
    static qreal bar(CountBarChart* chart, const QString& key)
    {
        const qsizetype index = chart->keys().indexOf(key);
        return index < 0 ? -1 : chart->barSet()->at(int(chart->keys().size() - 1 - index));
    }

private slots:
    void initTestCase() { prepareGuiTests(QStringLiteral("CouplingConsoleSpellingStaffTests")); }
    void cleanup()
    {
        QSettings().remove(QStringLiteral("ui/language"));
        QSettings().remove(QStringLiteral("ui/theme"));
        Translations::install(Translations::Language::English);
        Appearance::apply(Appearance::Theme::System);
    }

    void dashboardShowsStaffCredentialsAndEightKindsAsCheckDoes()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(1200), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        const QJsonObject json = checkJson(db);
        QCOMPARE(json.value(QStringLiteral("json_version")).toInt(), 2);
        const qint64 staff = json.value(QStringLiteral("staff_credentials")).toInteger(-1);
        QVERIFY2(staff > 0, "the demo plants staff credentials");
        const qint64 spelling = json.value(QStringLiteral("by_kind"))
                                    .toObject()
                                    .value(QStringLiteral("spelling_mismatch"))
                                    .toInteger(-1);
        QVERIFY2(spelling > 0, "the demo plants spelling mismatches");

        // The dashboard shows the CLI's run once it refreshes.
        QTest::mouseClick(child<QPushButton>(window.get(), "refreshButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(window->dashboard()->snapshot().latest->runId.value_or(0),
            json.value(QStringLiteral("run_id")).toInteger(), 10000);
        auto* card = child<MetricCard>(window.get(), "metricStaffCredentials");
        QVERIFY(card && card->isVisible());
        QCOMPARE(number(card->value()), staff);
        QVERIFY2(card->toolTip().contains(QStringLiteral("not pairs"))
                && card->toolTip().contains(QStringLiteral("rate")),
            qPrintable(card->toolTip()));
        // Staff credentials are not pairs: the pairs card is check's total_pairs, which leaves them out.
        QCOMPARE(number(child<MetricCard>(window.get(), "metricPairs")->value()),
            json.value(QStringLiteral("total_pairs")).toInteger());

        auto* byKind = child<CountBarChart>(window.get(), "byKindChart");
        QCOMPARE(byKind->keys().size(), 8);
        QCOMPARE(byKind->keys().last(), QStringLiteral("spelling_mismatch"));
        const QJsonObject kinds = json.value(QStringLiteral("by_kind")).toObject();
        QCOMPARE(kinds.size(), 8);
        for (const QString& kind : byKind->keys())
            QCOMPARE(qint64(bar(byKind, kind)), kinds.value(kind).toInteger(-1));
        QVERIFY(
            byKind->accessibleDescription().contains(QStringLiteral("Spelling mismatch %1").arg(spelling)));
        // Every kind's label is drawn whole, or elided by the chart itself to a readable start (and
        // end) with "…": never Qt Charts' bare "..." for one taller than its bar's band.
        QStringList drawn;
        for (QGraphicsItem* item : byKind->scene()->items()) {
            if (auto* text = dynamic_cast<QGraphicsTextItem*>(item))
                drawn << text->toPlainText();
        }
        const auto shows = [&drawn](const QString& whole) {
            for (const QString& label : std::as_const(drawn)) {
                const qsizetype cut = label.indexOf(u'…');
                if (label == whole
                    || (cut >= 4 && whole.startsWith(label.left(cut)) && whole.endsWith(label.mid(cut + 1))))
                    return true;
            }
            return false;
        };
        for (const QString& kind : byKind->keys())
            QVERIFY2(shows(Wording::kind(kind)), qPrintable(drawn.join(u'|')));
    }

    void violationsFilterListsAndFiltersSpellingMismatch()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(600), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        const qint64 expected
            = window->dashboard()->snapshot().latest->byKind.at(size_t(ViolationKind::SpellingMismatch));
        QVERIFY(expected > 0);
        window->setCurrentPage(MainWindow::Violations);
        auto* kind = child<QComboBox>(window.get(), "violationsKind");
        const int index = kind->findData(QStringLiteral("spelling_mismatch"));
        QVERIFY(index > 0);
        QCOMPARE(kind->itemText(index), QStringLiteral("Spelling mismatch"));
        kind->setCurrentIndex(index);
        auto* table = child<QTableView>(window.get(), "violationsTable");
        QTRY_VERIFY_WITH_TIMEOUT(
            !window->violations()->model()->isLoading() && window->violations()->model()->totalCount() >= 0,
            10000);
        QCOMPARE(window->violations()->model()->totalCount(), expected);
        QVERIFY(table->model()->rowCount() > 0);
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            QCOMPARE(table->model()->index(row, ViolationTableModel::KindColumn).data().toString(),
                QStringLiteral("Spelling mismatch"));
            QCOMPARE(table->model()->index(row, ViolationTableModel::ActionColumn).data().toString(),
                QStringLiteral("Unify spelling"));
        }
    }

    void userPageShowsBothSpellingsAndAStaffCredential()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(20), qPrintable(db.error()));
        const qint64 student = db.addUser(QStringLiteral("two.spellings@x"));
        db.addProgress(student, QStringLiteral("PLAYER"), 1);
        db.addLicense(student, QStringLiteral("GANCUJU_PLAYER"), 1);
        db.addProgress(student, QStringLiteral("LFA_COACH"), 1);
        db.addLicense(student, QStringLiteral("LFA_COACH"), 1);
        const qint64 coach = db.addUser(QStringLiteral("coach@x"), QStringLiteral("instructor"));
        db.addLicense(coach, QStringLiteral("LFA_COACH"), 3);
        auto window = openWindow(db);
        waitForIdle(*window);
        window->setCurrentPage(MainWindow::User);

        window->userPage()->openUser(student);
        QTRY_COMPARE_WITH_TIMEOUT(window->userPage()->trackPanels().size(), 2, 10000);
        TrackPanel* mismatch = window->userPage()->trackPanels().first(); // desynced tracks first
        QCOMPARE(mismatch->view().rows.key.track, QStringLiteral("GANCUJU_PLAYER"));
        QCOMPARE(child<QLabel>(mismatch, "trackState")->text(), QStringLiteral("Spelling mismatch"));
        QCOMPARE(mismatch->differingFields(), QStringList { QStringLiteral("Stored id") });
        const QTableWidget* fields = mismatch->fields();
        QCOMPARE(fields->item(1, 0)->text(), QStringLiteral("PLAYER"));
        QCOMPARE(fields->item(1, 1)->text(), QStringLiteral("GANCUJU_PLAYER"));
        QVERIFY(!fields->item(1, 0)->toolTip().isEmpty());
        QVERIFY(child<QLabel>(mismatch, "trackFindings")->text().contains(QStringLiteral("Unify spelling")));
        // One spelling on both sides is not highlighted.
        TrackPanel* same = window->userPage()->trackPanels().last();
        QCOMPARE(same->differingFields(), QStringList());

        window->userPage()->openUser(coach);
        QTRY_COMPARE_WITH_TIMEOUT(window->userPage()->userId(), coach, 10000);
        QTRY_COMPARE(window->userPage()->trackPanels().size(), 1);
        TrackPanel* credential = window->userPage()->trackPanels().first();
        QVERIFY(credential->view().classification.staffCredential);
        QCOMPARE(child<QLabel>(credential, "trackState")->text(), QStringLiteral("Staff credential"));
        const QString findings = child<QLabel>(credential, "trackFindings")->text();
        QVERIFY2(findings.contains(QStringLiteral("Teaching credential, not a pair")), qPrintable(findings));
        QVERIFY2(credential->findChildren<QPushButton*>().isEmpty(), "a staff credential offers no repair");
        QVERIFY(credential->differingFields().isEmpty());
        QVERIFY2(child<QLabel>(window.get(), "userHeader")
                     ->text()
                     .contains(QStringLiteral("all tracks consistent")),
            qPrintable(child<QLabel>(window.get(), "userHeader")->text()));
    }

    void newTextsFitInEveryLanguageAndTheme_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("theme");
        for (const char* language : { "en", "hu" }) {
            for (const char* theme : { "light", "dark" })
                QTest::addRow("%s-%s", language, theme)
                    << QString::fromLatin1(language) << QString::fromLatin1(theme);
        }
    }

    void newTextsFitInEveryLanguageAndTheme()
    {
        QFETCH(QString, language);
        QFETCH(QString, theme);
        QSettings().setValue(QStringLiteral("ui/language"), language);
        QSettings().setValue(QStringLiteral("ui/theme"), theme);
        applyUserPreferences(); // as the application starts
        TestDatabase db;
        QVERIFY2(db.initialise(600), qPrintable(db.error()));
        const qint64 student = db.addUser(QStringLiteral("two.spellings@x"));
        db.addProgress(student, QStringLiteral("PLAYER"), 1);
        db.addLicense(student, QStringLiteral("GANCUJU_PLAYER"), 1);
        const qint64 coach = db.addUser(QStringLiteral("coach@x"), QStringLiteral("instructor"));
        db.addLicense(coach, QStringLiteral("LFA_COACH"), 3);
        auto window = openWindow(db); // 1280 × 800
        waitForIdle(*window, true);

        const QString directory = qEnvironmentVariable("CC_SCREENSHOT_DIR");
        const auto shoot = [&](const QString& name) {
            QCoreApplication::processEvents();
            if (!directory.isEmpty())
                QVERIFY(window->grab().save(
                    QDir(directory).filePath(QStringLiteral("%1-%2-%3-%4.png")
                                                 .arg(name, language, theme, TestDatabase::dialectName()))));
        };
        // Nothing on the page is squeezed below what its text needs: buttons, labels without wrapping.
        const auto squeezed = [&window] {
            QStringList found;
            QWidget* page = window->page(window->currentPage());
            for (QAbstractButton* button : page->findChildren<QAbstractButton*>()) {
                if (button->isVisible() && !button->text().isEmpty()
                    && button->width() < button->sizeHint().width())
                    found << QStringLiteral("%1 \"%2\"").arg(button->objectName(), button->text());
            }
            for (QLabel* label : page->findChildren<QLabel*>()) {
                if (label->isVisible() && !label->wordWrap() && !label->text().isEmpty()
                    && label->width() < label->sizeHint().width())
                    found << QStringLiteral("%1 \"%2\"").arg(label->objectName(), label->text());
            }
            return found.join(u'\n');
        };
        auto* card = child<MetricCard>(window.get(), "metricStaffCredentials");
        QVERIFY(card->isVisible());
        QVERIFY(card->width() >= card->minimumSizeHint().width());
        QCOMPARE(squeezed(), QString());
        shoot(QStringLiteral("dashboard"));

        window->violations()->showFiltered(QStringLiteral("spelling_mismatch"), QString());
        window->setCurrentPage(MainWindow::Violations);
        QTRY_VERIFY_WITH_TIMEOUT(
            !window->violations()->model()->isLoading() && window->violations()->model()->rowCount() > 0,
            10000);
        QCOMPARE(squeezed(), QString());
        shoot(QStringLiteral("violations-spelling"));

        window->setCurrentPage(MainWindow::User);
        window->userPage()->openUser(student);
        QTRY_COMPARE_WITH_TIMEOUT(window->userPage()->userId(), student, 10000);
        QCOMPARE(squeezed(), QString());
        shoot(QStringLiteral("user-spelling"));
        window->userPage()->openUser(coach);
        QTRY_COMPARE_WITH_TIMEOUT(window->userPage()->userId(), coach, 10000);
        QCOMPARE(squeezed(), QString());
        shoot(QStringLiteral("user-staff"));
    }
};

QTEST_MAIN(TestSpellingStaff)
#include "tst_spelling_staff.moc"
