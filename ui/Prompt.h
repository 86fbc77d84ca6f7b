#pragma once

#include "dialogs/ConnectDialog.h"
#include "dialogs/SignInDialog.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QWidget;

namespace cc::ui {

struct RepairPreview;
class RepairPreviewDialog;

// An answer queued for the next question (tests, the screenshot tour): { true } or { false } for
// yes or no, else made by the function named for the question it answers.
struct PromptAnswer {
    PromptAnswer(bool isAccepted = false) // NOLINT(google-explicit-constructor): { true } reads as yes
        : accepted(isAccepted)
    {
    }
    // confirm / confirmPlan: what was typed; saveFile: the path.
    static PromptAnswer typed(QString text);
    static PromptAnswer chosenLevel(int level, QString reason);
    // askConnection: the SQLite path, the PostgreSQL connection string or "profile:NAME".
    static PromptAnswer connection(QString target, bool readOnly = false, QString profileName = {});
    static PromptAnswer newDemo(const QString& path, qint64 students);

    bool accepted;
    QString text; // the typed text, the level's reason, the connection's target; askSignIn: the password
    int level = 0; // chosenLevel
    bool readOnly = false; // connection
    qint64 demoStudents = 0; // newDemo
    QString name; // connection: the profile to save it as; askSignIn: the email (empty: the one asked for)
};

struct LevelChoice {
    int level = 1;
    QString reason;
};

// Every question and message the GUI puts to a person goes through here. Tests (and the
// screenshot tour) queue answers in advance, so nothing ever blocks on a modal dialog there;
// messages are also recorded so a test can assert what the user was told.
class Prompt final {
    Q_DECLARE_TR_FUNCTIONS(Prompt)

public:
    Prompt() = delete;

    static void queueAnswer(const PromptAnswer& answer);
    // Unattended: questions without a queued answer are declined instead of shown.
    static void setUnattended(bool unattended);
    static QStringList shownMessages();
    static void clearShownMessages();
    static QString lastQuestion();

    // The preview of a write: summary, the plan text (rows before → after, statements) and, on
    // production, the text the person must type to confirm (the user id). True to apply.
    static bool confirmPlan(QWidget* parent, const QString& title, const QString& summary,
        const QString& planText, const QString& typeToConfirm);
    // The structured preview of a repair (summary, keys table, SQL on demand, Export). A queued
    // answer sees the title and the summary as the question.
    static bool confirmRepair(
        QWidget* parent, const QString& title, const RepairPreview& preview, const QString& typeToConfirm);
    // Tests: the next repair previews build the real dialog and hand it to `inspector`, whose answer
    // stands for Apply (true) or Cancel; an empty function ends this.
    static void setRepairPreviewInspector(std::function<bool(RepairPreviewDialog&)> inspector);
    static std::optional<LevelChoice> askLevel(QWidget* parent, const QString& title, int current, int max);
    static bool confirm(QWidget* parent, const QString& title, const QString& text);
    // File → Connect…: the connection to open, or nothing. A queued answer (PromptAnswer's fields)
    // is validated (and remembered) exactly as the dialog would.
    static std::optional<ConnectRequest> askConnection(QWidget* parent, const ConnectionProfile& current);
    // Sign-in to a production database, or nothing to go on as the system (look only). A queued
    // answer's email (name) may be empty for the one asked for; it counts only where the dialog
    // would let a person sign in.
    static std::optional<SignInAnswer> askSignIn(QWidget* parent, const SignInRequest& request);
    // An existing file to open; empty when cancelled.
    static QString openFile(QWidget* parent, const QString& title, const QString& filter);
    // A file to write, starting from `suggested`; empty when cancelled. A queued answer gives the
    // path as text. The file dialog asks before replacing an existing file.
    static QString saveFile(
        QWidget* parent, const QString& title, const QString& suggested, const QString& filter);
    // A message the window shows in the page (no box to dismiss); recorded like the others.
    static void noteShown(const QString& title, const QString& text);
    // Non-blocking messages.
    static void error(QWidget* parent, const QString& title, const QString& text);
    static void information(QWidget* parent, const QString& title, const QString& text);

private:
    static std::optional<PromptAnswer> takeAnswer(const QString& question);
    static void record(const QString& message);
};

} // namespace cc::ui
