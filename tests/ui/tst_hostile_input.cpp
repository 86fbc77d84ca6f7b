// Hostile text in every search and filter field of the real main window (issue 5, bad input):
// SQL, LIKE wildcards, quotes, backslashes, NUL, non-Latin text and a very long string. Each is
// either matched literally (and so finds nothing in the demo data) or refused with a message a
// person can read; none changes the database. Runs on both engines.
#include "GuiTestSupport.h"

#include "Prompt.h"
#include "models/ViolationTableModel.h"
#include "pages/UserPage.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QTextBrowser>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

namespace {

// Text that must never reach SQL as anything but a value. None of it occurs in the demo data.
QStringList hostileTexts()
{
    return { QStringLiteral("'; DROP TABLE users; --"), QStringLiteral("%"), QStringLiteral("_"),
        QStringLiteral("%_%"), QStringLiteral("\"quoted\" and 'single'"),
        QStringLiteral("back\\slash \\% \\_"), QStringLiteral("1 OR 1=1"),
        QStringLiteral("ünïcödé 🙂 Ősz"), QString(4000, u'x') };
}

QString withNul()
{
    return QStringLiteral("student1") + QChar(0) + QStringLiteral("@demo.local");
}

} // namespace

class TestHostileInput final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<MainWindow> m_window;
    QString m_before;

    static void enter(QLineEdit* field, const QString& text)
    {
        field->setText(text);
        QTest::keyClick(field, Qt::Key_Return);
    }

private slots:
    void initTestCase()
    {
        prepareGuiTests();
        m_db = std::make_unique<TestDatabase>();
        QVERIFY(m_db->initialise(60));
        m_before = m_db->snapshot(guardedTables());
        m_window = openWindow(*m_db);
        waitForIdle(*m_window, true);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        // Nothing typed into any field changed the platform's rows or the tool's audit and settings.
        QCOMPARE(m_db->snapshot(guardedTables()), m_before);
    }

    void userSearchMatchesLiterallyOrRefuses()
    {
        m_window->setCurrentPage(MainWindow::User);
        auto* search = child<QLineEdit>(m_window.get(), "userSearch");
        auto* message = child<QLabel>(m_window.get(), "userMessage");
        auto* results = child<QListWidget>(m_window.get(), "userResults");
        for (const QString& text : hostileTexts()) {
            message->clear();
            enter(search, text);
            // "%" or "_" as wildcards would list every user.
            QTRY_COMPARE_WITH_TIMEOUT(
                message->text(), QStringLiteral("No user matches “%1”.").arg(text.trimmed()), 10000);
            QVERIFY(!results->isVisible());
        }
        message->clear();
        enter(search, withNul());
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QStringLiteral("NUL character")), 10000);
        QVERIFY(!results->isVisible());
        // The field still works afterwards.
        enter(search, QStringLiteral("student7@demo.local"));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->userPage()->trackPanels().isEmpty(), false, 10000);
    }

    void violationsUserFilterNamesTheUnknownUser()
    {
        m_window->setCurrentPage(MainWindow::Violations);
        auto* user = child<QLineEdit>(m_window.get(), "violationsUser");
        auto* table = child<QTableView>(m_window.get(), "violationsTable");
        auto* summary = child<QLabel>(m_window.get(), "violationsSummary");
        QVERIFY(summary);
        for (const QString& text : hostileTexts()) {
            enter(user, text);
            QTRY_VERIFY_WITH_TIMEOUT(
                summary->text().contains(QStringLiteral("there is no user with the email")), 10000);
            QCOMPARE(table->model()->rowCount(), 0);
        }
        enter(user, withNul());
        QTRY_VERIFY_WITH_TIMEOUT(summary->text().contains(QStringLiteral("NUL character")), 10000);
        QCOMPARE(table->model()->rowCount(), 0);
        enter(user, QString());
        QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 0, 10000);
    }

    void auditFiltersMatchLiterallyOrRefuse()
    {
        m_window->setCurrentPage(MainWindow::Audit);
        auto* table = child<QTableView>(m_window.get(), "auditTable");
        auto* apply = child<QPushButton>(m_window.get(), "auditApplyFilter");
        auto* details = child<QTextBrowser>(m_window.get(), "auditDiff");
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 0, 10000); // the demo's own entry
        for (const char* name : { "auditOperator" }) { // actions are chosen from a list
            auto* field = child<QLineEdit>(m_window.get(), name);
            for (const QString& text : hostileTexts()) {
                field->setText(text);
                QTest::mouseClick(apply, Qt::LeftButton);
                QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 0, 10000);
            }
            details->clear();
            field->setText(withNul());
            QTest::mouseClick(apply, Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(details->toPlainText().contains(QStringLiteral("NUL character")), 10000);
            field->clear();
        }
        // The user field takes a user id; anything else is named, and the list stays as it was.
        auto* user = child<QLineEdit>(m_window.get(), "auditUser");
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 0, 10000);
        const int shown = table->model()->rowCount();
        const QStringList texts = hostileTexts() << withNul();
        for (const QString& text : texts) {
            details->clear();
            user->setText(text);
            QTest::mouseClick(apply, Qt::LeftButton);
            QVERIFY2(details->toPlainText().startsWith(QStringLiteral("The user filter takes a user id")),
                qPrintable(details->toPlainText()));
            QCOMPARE(table->model()->rowCount(), shown);
        }
    }
};

QTEST_MAIN(TestHostileInput)
#include "tst_hostile_input.moc"
