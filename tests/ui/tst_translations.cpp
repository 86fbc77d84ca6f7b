// The Hungarian screens: the real main window started the way the application starts, with Hungarian
// chosen in QSettings, speaks Hungarian with Hungarian number formats and Qt's own buttons, no English
// word from core reaches it, and it fits at 1280 and 1024 px. The .ts file itself:
// tst_translation_file.cpp.
#include "GuiTestSupport.h"

#include "GuiApplication.h"
#include "Prompt.h"
#include "Translations.h"
#include "models/AuditTableModel.h"
#include "models/ViolationTableModel.h"
#include "pages/AuditPage.h"
#include "pages/DashboardPage.h"
#include "pages/UserPage.h"
#include "pages/ViolationsPage.h"
#include "widgets/MetricCard.h"
#include "write/Injector.h"
#include "write/Operations.h"
#include "write/Repair.h"
#include "write/Reverter.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

namespace {

// The real window started the way the application starts with Hungarian chosen, once its first
// check is stored.
std::unique_ptr<MainWindow> openInHungarian(TestDatabase& db, QSize size = QSize(1280, 800))
{
    QSettings().setValue(QStringLiteral("ui/language"), QStringLiteral("hu"));
    applyUserPreferences();
    auto window = openWindow(db);
    window->resize(size);
    waitForIdle(*window, true);
    return window;
}

// Audit entries of several actions and sources on one key of `student`, written by core as the
// command line and the GUI would: a sync from the GUI, a set-level, a QA injection, a repair and the
// repair's revert from the command line. Empty, or what failed.
QString writeAuditedChanges(TestDatabase& db, qint64 student)
{
    db.addProgress(student, QStringLiteral("GANCUJU_PLAYER"), 3, 4500, 15);
    db.addLicense(student, QStringLiteral("GANCUJU_PLAYER"), 2);
    const KeyRef key { student, QStringLiteral("GANCUJU_PLAYER") };
    auto gui = db.open(QString(), QStringLiteral("gui"));
    auto cli = db.open();
    if (!gui || !cli)
        return QStringLiteral("cannot open: %1").arg(db.error());
    const auto error = [](const auto& outcome) { return outcome.ok() ? QString() : outcome.error().message; };
    // One after the other (the operands of + may be evaluated in any order).
    QString errors = error(Operations::sync(*gui, key, SyncDirection::ProgressToLicense));
    errors += error(Operations::setLevel(*cli, key, 2, QStringLiteral("naplo"), ProgressDelta {}));
    errors += error(Injector::injectOne(*cli, QStringLiteral("level_mismatch"), key));
    errors += error(Repair::repairUser(*cli, student, key.track, RepairOptions {}));
    const qint64 repair
        = db.scalar(QStringLiteral("SELECT max(id) FROM %1").arg(toolTable("audit"))).toLongLong();
    return errors + error(Reverter::revert(*cli, repair));
}

// A word core stores for an audit entry's action, source, operator or reason, whole.
const QRegularExpression& storedAuditWord()
{
    static const QRegularExpression stored(QStringLiteral(
        "\\b(sync_\\w+|set_level|update_progress|add_specialization|level_mismatch|levels_import|index_\\w+|"
        "env_set|audit entry|repair|revert|inject\\w*|qa|gui|cli|system)\\b"));
    return stored;
}

} // namespace

class TestTranslations final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("CouplingConsoleTranslationTests"));
        QSettings().clear();
        Prompt::setUnattended(true);
    }

    void cleanup()
    {
        QSettings().remove(QStringLiteral("ui/language"));
        Translations::install(Translations::Language::English);
    }

    void theMainWindowSpeaksHungarian()
    {
        QSettings().setValue(QStringLiteral("ui/language"), QStringLiteral("hu"));
        applyUserPreferences(); // as the application starts
        QCOMPARE(Translations::installedLanguage(), Translations::Language::Hungarian);
        QCOMPARE(QLocale().language(), QLocale::Hungarian);
        QCOMPARE(QLocale().decimalPoint(), QStringLiteral(","));

        TestDatabase db;
        QVERIFY(db.initialise(50));
        auto window = openWindow(db);
        QTRY_VERIFY_WITH_TIMEOUT(window->context()->info().loaded, 10000);
        auto* sideBar = child<QListWidget>(window.get(), "sideBar");
        QVERIFY(sideBar);
        QCOMPARE(sideBar->item(MainWindow::Dashboard)->text(), QStringLiteral("Állapot-irányítópult"));
        QCOMPARE(sideBar->item(MainWindow::Violations)->text(), QStringLiteral("Eltérések"));
        QCOMPARE(sideBar->item(MainWindow::Settings)->text(), QStringLiteral("Beállítások"));
        QCOMPARE(child<QLabel>(window.get(), "dashboardTitle")->text(), QStringLiteral("Állapot"));
        // The dashboard may be running its first scheduled check ("Ellenőrzés…"): its idle wording.
        QTRY_COMPARE_WITH_TIMEOUT(child<QPushButton>(window.get(), "runCheckButton")->text(),
            QStringLiteral("Ellenőrzés most"), 10000);
        QCOMPARE(window->menuBar()->actions().constFirst()->text(), QStringLiteral("&Fájl"));
        // Wording (a context of its own) and the status bar.
        QTRY_COMPARE_WITH_TIMEOUT(
            child<QLabel>(window.get(), "environmentChip")->text(), QStringLiteral("FEJLESZTŐI"), 10000);
        QVERIFY(child<QLabel>(window.get(), "statusReadOnly")->text() == QStringLiteral("Írható-olvasható"));
        // The Settings page shows the saved choice, and no restart note: it is already in use.
        window->setCurrentPage(MainWindow::Settings);
        QCOMPARE(child<QComboBox>(window.get(), "settingsLanguage")->currentText(), QStringLiteral("Magyar"));
        QVERIFY(!child<QLabel>(window.get(), "settingsLanguageNote")->isVisible());
        // Qt's own texts come from qtbase_hu.qm (qt6-translations-l10n).
        QDialogButtonBox buttons(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
        QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Mégse"));
    }

    void numbersAndDatesFollowTheHungarianLocale()
    {
        QSettings().setValue(QStringLiteral("ui/language"), QStringLiteral("hu"));
        applyUserPreferences();
        TestDatabase db;
        QVERIFY(db.initialise(200, 3, 0.05));
        const qint64 student = db.addUser(QStringLiteral("szamok@x"));
        db.addProgress(student, QStringLiteral("PLAYER"), 3, 45000, 15);
        db.addLicense(student, QStringLiteral("PLAYER"), 3);
        auto window = openWindow(db);
        waitForIdle(*window, true);
        const QString rate = child<MetricCard>(window.get(), "metricRate")->value();
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d{1,3},\\d\\d %$")).match(rate).hasMatch(),
            qPrintable(rate));

        // The user view groups thousands and writes dates the Hungarian way, on both engines' types.
        window->setCurrentPage(MainWindow::User);
        window->userPage()->openUser(student);
        QTRY_COMPARE_WITH_TIMEOUT(window->userPage()->trackPanels().size(), 1, 10000);
        // The platform's role is worded too (it stores "student").
        const QString header = child<QLabel>(window.get(), "userHeader")->text();
        QVERIFY2(header.contains(QStringLiteral("tanuló")) && !header.contains(QStringLiteral("student")),
            qPrintable(header));
        auto* fields = child<QTableWidget>(window->userPage()->trackPanels().first(), "trackFields");
        const auto valueOf = [fields](const QString& label) {
            for (int row = 0; row < fields->rowCount(); ++row) {
                if (fields->verticalHeaderItem(row)->text() == label)
                    return fields->item(row, 0)->text();
            }
            return QStringLiteral("(no row %1)").arg(label);
        };
        QCOMPARE(valueOf(QStringLiteral("XP")), QStringLiteral("45\u00a0000"));
        const QString started = valueOf(QStringLiteral("Kezdés / létrehozás"));
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}\\. \\d\\d\\. \\d\\d\\. \\d{1,2}:\\d\\d$"))
                     .match(started)
                     .hasMatch(),
            qPrintable(started));

        // The thresholds show the Hungarian mark, and a Hungarian number is saved as meant.
        window->setCurrentPage(MainWindow::Settings);
        auto* healthy = child<QLineEdit>(window.get(), "settingsHealthy");
        auto* degraded = child<QLineEdit>(window.get(), "settingsDegraded");
        QCOMPARE(healthy->text(), QStringLiteral("99,00"));
        healthy->setText(QStringLiteral("98,5"));
        degraded->setText(QStringLiteral("90.25")); // a point is understood too
        child<QPushButton>(window.get(), "settingsSaveThresholds")->click();
        QTRY_COMPARE_WITH_TIMEOUT(window->context()->info().thresholds.healthy, 9850, 10000);
        QCOMPARE(window->context()->info().thresholds.degraded, 9025);
        QTRY_COMPARE(healthy->text(), QStringLiteral("98,50"));
        QCOMPARE(degraded->text(), QStringLiteral("90,25"));
        QCOMPARE(db.scalar(QStringLiteral("SELECT value FROM %1 WHERE key = 'healthy_threshold'")
                               .arg(toolTable("settings")))
                     .toString(),
            QStringLiteral("9850"));

        // Something that is no number is refused with core's message and changes nothing.
        healthy->setText(QStringLiteral("98,5,1"));
        Prompt::clearShownMessages();
        child<QPushButton>(window.get(), "settingsSaveThresholds")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 10000);
        QVERIFY2(Prompt::shownMessages().last().contains(QStringLiteral("\"98,5,1\"")),
            qPrintable(Prompt::shownMessages().last()));
        QCOMPARE(db.scalar(QStringLiteral("SELECT value FROM %1 WHERE key = 'healthy_threshold'")
                               .arg(toolTable("settings")))
                     .toString(),
            QStringLiteral("9850"));
    }

    // Core stores its reasons in English; under Hungarian the Violations page and the dashboard show
    // every kind, action and reason in Hungarian (Wording::reason): no English word from core.
    void noEnglishFromCoreReachesAHungarianScreen()
    {
        TestDatabase db;
        QVERIFY(db.initialise(300, 3, 0.08));
        auto window = openInHungarian(db);
        window->setCurrentPage(MainWindow::Violations);
        ViolationTableModel* model = window->violations()->model();
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() > 0, 10000);
        static const QRegularExpression english(QStringLiteral(
            "\\b(progress|license|level|rows?|track|catalogue|spelled|counters|justify|below|current|"
            "outside|no|for|this|the|Merge|Sync|Clamp|Create|Manual|Duplicate|Missing|Unknown|Spelling)\\b"));
        QStringList leaks;
        QSet<QString> kinds;
        for (int row = 0; row < model->rowCount(); ++row) {
            kinds.insert(model->violation(row).record.kind);
            for (const int column : { ViolationTableModel::KindColumn, ViolationTableModel::ActionColumn,
                     ViolationTableModel::ReasonColumn }) {
                const QString text = model->index(row, column).data().toString();
                if (english.match(text).hasMatch())
                    leaks << text;
            }
        }
        QVERIFY2(kinds.size() >= 2, "the demo data should hold several kinds");
        auto* top = child<QTableWidget>(window.get(), "topViolationsTable");
        for (int row = 0; top && row < top->rowCount(); ++row) {
            for (int column = 2; column < top->columnCount(); ++column) {
                if (top->item(row, column) && english.match(top->item(row, column)->text()).hasMatch())
                    leaks << top->item(row, column)->text();
            }
        }
        leaks.removeDuplicates();
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.mid(0, 10).join(u'\n')));
    }

    // Core stores an audit entry's action, source and operator as English words (sync_progress_to_license,
    // gui, system, …); under Hungarian the Audit log words them (Wording::auditAction, auditSource,
    // auditOperator, auditReason) in its table, details and source filter, and the filter still filters.
    void auditLogWordsCoreInHungarian()
    {
        TestDatabase db;
        QVERIFY(db.initialise(20));
        const qint64 student = db.addUser(QStringLiteral("naplo@x"));
        const QString written = writeAuditedChanges(db, student);
        QVERIFY2(written.isEmpty(), qPrintable(written));
        auto window = openInHungarian(db);
        window->setCurrentPage(MainWindow::Audit);
        AuditTableModel* model = window->findChild<AuditPage*>()->model();
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() >= 6, 10000);
        QStringList leaks;
        QSet<QString> shown;
        for (int row = 0; row < model->rowCount(); ++row) {
            for (const int column : { AuditTableModel::OperatorColumn, AuditTableModel::SourceColumn,
                     AuditTableModel::ActionColumn, AuditTableModel::ReasonColumn }) {
                const QString text = model->index(row, column).data().toString();
                shown.insert(text);
                if (storedAuditWord().match(text).hasMatch())
                    leaks << text;
            }
        }
        leaks.removeDuplicates();
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));
        for (const char* phrase : { "Szinkronizálás: előrehaladás → licenc", "Szint beállítása", "Javítás",
                 "QA-beültetés", "Visszaállítás", "Bemutató adatbázis létrehozva", "Grafikus felület",
                 "Parancssor", "QA-labor", "Rendszer", "Eltérő szint" })
            QVERIFY2(shown.contains(QString::fromUtf8(phrase)), phrase);
        // The details of the sync name it and its source in Hungarian too.
        auto* table = child<QTableView>(window.get(), "auditTable");
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->entry(row).action == u"sync_progress_to_license")
                table->selectRow(row);
        }
        const QString details
            = child<QTextBrowser>(window.get(), "auditDiff")->toPlainText().section(u'\n', 0, 0);
        QVERIFY2(details.contains(QStringLiteral("Szinkronizálás"))
                && details.contains(QStringLiteral("Grafikus"))
                && !storedAuditWord().match(details).hasMatch(),
            qPrintable(details));
        // The source filter shows words and filters by the stored one.
        auto* sources = child<QComboBox>(window.get(), "auditSource");
        for (int i = 1; i < sources->count(); ++i)
            QVERIFY2(
                !storedAuditWord().match(sources->itemText(i)).hasMatch(), qPrintable(sources->itemText(i)));
        // So does the action filter: every action the tool writes, worded, matched by its stored word.
        auto* actions = child<QComboBox>(window.get(), "auditAction");
        for (int i = 1; i < actions->count(); ++i)
            QVERIFY2(
                !storedAuditWord().match(actions->itemText(i)).hasMatch(), qPrintable(actions->itemText(i)));
        actions->setCurrentIndex(actions->findData(QStringLiteral("set_level")));
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() == 1
                && model->index(0, AuditTableModel::ActionColumn).data().toString() == u"Szint beállítása",
            10000);
        actions->setCurrentIndex(0);
        sources->setCurrentIndex(sources->findData(QStringLiteral("qa")));
        QCOMPARE(sources->currentText(), QStringLiteral("QA-labor"));
        child<QPushButton>(window.get(), "auditApplyFilter")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() >= 1
                && model->index(0, AuditTableModel::SourceColumn).data().toString() == u"QA-labor",
            10000);
    }

    // The same entries in a user's history (what, who, why) and on the last change's revert button.
    void userHistoryWordsCoreInHungarian()
    {
        TestDatabase db;
        QVERIFY(db.initialise(20));
        const qint64 student = db.addUser(QStringLiteral("naplo@x"));
        const QString written = writeAuditedChanges(db, student);
        QVERIFY2(written.isEmpty(), qPrintable(written));
        auto window = openInHungarian(db);
        window->setCurrentPage(MainWindow::User);
        window->userPage()->openUser(student);
        QTRY_COMPARE_WITH_TIMEOUT(window->userPage()->trackPanels().size(), 1, 10000);
        auto* history = child<QTableWidget>(window.get(), "userHistory");
        QStringList leaks;
        QStringList what;
        for (int row = 0; row < history->rowCount(); ++row) {
            what << history->item(row, 2)->text();
            for (const int column : { 2, 3 }) {
                if (storedAuditWord().match(history->item(row, column)->text()).hasMatch())
                    leaks << history->item(row, column)->text();
            }
        }
        leaks.removeDuplicates();
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));
        const QString joined = what.join(u'\n');
        for (const char* phrase :
            { "Szinkronizálás: előrehaladás → licenc (Grafikus felület", "Szint beállítása (Parancssor",
                "QA-beültetés (QA-labor", "Javítás (Parancssor", "Visszaállítás (Parancssor" })
            QVERIFY2(joined.contains(QString::fromUtf8(phrase)),
                qPrintable(QString::fromUtf8(phrase) + u'\n' + joined));
        const QString revertTip = child<QPushButton>(window.get(), "revertLastButton")->toolTip();
        QVERIFY2(revertTip.contains(QStringLiteral("Visszaállítás")), qPrintable(revertTip));
    }

    void hungarianFitsAt1280Pixels()
    {
        TestDatabase db;
        QVERIFY(db.initialise(200, 3, 0.05));
        auto window = openInHungarian(db); // 1280 × 800
        window->setCurrentPage(MainWindow::User);
        window->userPage()->openUser(32);
        QTRY_VERIFY_WITH_TIMEOUT(!window->userPage()->trackPanels().isEmpty(), 10000);
        // No button, check box, label or title of a table column is squeezed below what its text needs.
        QStringList squeezed;
        for (int page = 0; page < MainWindow::PageCount; ++page) {
            window->setCurrentPage(MainWindow::Page(page));
            QCoreApplication::processEvents();
            for (QAbstractButton* button : window->findChildren<QAbstractButton*>()) {
                if (button->isVisible() && !button->text().isEmpty()
                    && button->width() < button->sizeHint().width())
                    squeezed << QStringLiteral("%1 \"%2\" %3 < %4")
                                    .arg(button->objectName(), button->text())
                                    .arg(button->width())
                                    .arg(button->sizeHint().width());
            }
            for (QLabel* label : window->findChildren<QLabel*>()) {
                if (label->isVisible() && !label->wordWrap() && !label->text().isEmpty()
                    && label->width() < label->sizeHint().width())
                    squeezed << QStringLiteral("%1 \"%2\" %3 < %4")
                                    .arg(label->objectName(), label->text())
                                    .arg(label->width())
                                    .arg(label->sizeHint().width());
            }
            for (QHeaderView* header : window->findChildren<QHeaderView*>()) {
                if (!header->isVisible() || header->orientation() != Qt::Horizontal)
                    continue;
                for (int column = 0; column + 1 < header->count(); ++column) { // the last one stretches
                    if (header->sectionSize(column) < header->sectionSizeHint(column))
                        squeezed << QStringLiteral("%1 column \"%2\"")
                                        .arg(header->parent()->objectName(),
                                            header->model()->headerData(column, Qt::Horizontal).toString());
                }
            }
        }
        QVERIFY2(squeezed.isEmpty(), qPrintable(squeezed.join(u'\n')));
        // Who acts is shown whole in the status bar when the bar has room for it: the bar's own
        // margins and spacing are measured, not guessed (a fixed guess elided it at 1280 px).
        auto* who = child<QLabel>(window.get(), "statusOperator");
        QTRY_COMPARE(who->text(), who->toolTip());
        QStatusBar* bar = window->statusBar();
        int items = 0;
        for (QWidget* item : bar->findChildren<QWidget*>(Qt::FindDirectChildrenOnly))
            items += item->isVisible() ? item->width() : 0;
        QVERIFY2(items <= bar->width(), qPrintable(QStringLiteral("%1 > %2").arg(items).arg(bar->width())));
    }

    void nothingGoesOffScreenAt1024Pixels()
    {
        TestDatabase db;
        QVERIFY(db.initialise(200, 3, 0.05));
        auto window = openInHungarian(db, QSize(1024, 640));
        QStringList offScreen;
        for (const auto page : { MainWindow::Violations, MainWindow::Audit, MainWindow::Runs }) {
            window->setCurrentPage(page);
            auto* table = window->page(page)->findChild<QTableView*>();
            QVERIFY(table);
            QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 0, 10000);
            QCoreApplication::processEvents();
            QHeaderView* header = table->horizontalHeader();
            for (int column = 0; column < header->count(); ++column) {
                const int right = header->sectionViewportPosition(column) + header->sectionSize(column);
                if (!header->isSectionHidden(column) && right > table->viewport()->width())
                    offScreen << QStringLiteral("%1 column \"%2\" ends at %3 of %4")
                                     .arg(table->objectName(),
                                         header->model()->headerData(column, Qt::Horizontal).toString())
                                     .arg(right)
                                     .arg(table->viewport()->width());
            }
            // Narrowed, never below its title.
            for (int column = 0; column + 1 < header->count(); ++column)
                QVERIFY(header->sectionSize(column) >= header->sectionSizeHint(column));
        }
        // A user's track panel puts its findings below the two sides and its writes in two rows.
        window->setCurrentPage(MainWindow::User);
        window->userPage()->openUser(32);
        QTRY_VERIFY_WITH_TIMEOUT(!window->userPage()->trackPanels().isEmpty(), 10000);
        QCoreApplication::processEvents();
        auto* tracks = child<QScrollArea>(window.get(), "userTracks");
        if (tracks->horizontalScrollBar()->maximum() > 0)
            offScreen << QStringLiteral("the user's tracks scroll sideways by %1 px")
                             .arg(tracks->horizontalScrollBar()->maximum());
        QVERIFY2(offScreen.isEmpty(), qPrintable(offScreen.join(u'\n')));
        // Wider again, the columns get their widths back.
        window->setCurrentPage(MainWindow::Violations);
        auto* violations = window->page(MainWindow::Violations)->findChild<QTableView*>();
        const int narrow = violations->columnWidth(1);
        window->resize(1600, 1000);
        QTRY_VERIFY(violations->columnWidth(1) > narrow);
    }

    void choosingALanguageTakesEffectAtTheNextStart()
    {
        applyUserPreferences(); // nothing saved: the system language, C in the tests, so English
        QCOMPARE(Translations::installedLanguage(), Translations::Language::System);
        TestDatabase db;
        QVERIFY(db.initialise(10));
        auto window = openWindow(db);
        auto* sideBar = child<QListWidget>(window.get(), "sideBar");
        QCOMPARE(sideBar->item(MainWindow::Dashboard)->text(), QStringLiteral("Health dashboard"));
        window->setCurrentPage(MainWindow::Settings);
        auto* language = child<QComboBox>(window.get(), "settingsLanguage");
        auto* note = child<QLabel>(window.get(), "settingsLanguageNote");
        QVERIFY(!note->isVisible());
        language->setCurrentIndex(language->findData(QStringLiteral("hu")));
        QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("hu"));
        QVERIFY(note->isVisible());
        QCOMPARE(sideBar->item(MainWindow::Dashboard)->text(),
            QStringLiteral("Health dashboard")); // until the next start
        window.reset();

        applyUserPreferences(); // the next start
        auto restarted = openWindow(db);
        QCOMPARE(child<QListWidget>(restarted.get(), "sideBar")->item(MainWindow::Dashboard)->text(),
            QStringLiteral("Állapot-irányítópult"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
