#include "Prompt.h"

#include "dialogs/ConnectDialog.h"

#include "dialogs/PlanPreviewDialog.h"
#include "dialogs/RepairPreviewDialog.h"
#include "dialogs/SetLevelDialog.h"
#include "dialogs/SignInDialog.h"

#include <QFileDialog>
#include <QMessageBox>

namespace cc::ui {

namespace {
struct PromptState {
    QList<PromptAnswer> answers;
    bool unattended = false;
    QStringList shown;
    QString lastQuestion;
    std::function<bool(RepairPreviewDialog&)> inspector;
};
PromptState& state()
{
    static PromptState instance;
    return instance;
}
} // namespace

PromptAnswer PromptAnswer::typed(QString text)
{
    PromptAnswer answer(true);
    answer.text = std::move(text);
    return answer;
}

PromptAnswer PromptAnswer::chosenLevel(int level, QString reason)
{
    PromptAnswer answer = typed(std::move(reason));
    answer.level = level;
    return answer;
}

PromptAnswer PromptAnswer::connection(QString target, bool readOnly, QString profileName)
{
    PromptAnswer answer = typed(std::move(target));
    answer.readOnly = readOnly;
    answer.name = std::move(profileName);
    return answer;
}

PromptAnswer PromptAnswer::newDemo(const QString& path, qint64 students)
{
    PromptAnswer answer = typed(QStringLiteral("demo:") + path);
    answer.demoStudents = students;
    return answer;
}

void Prompt::queueAnswer(const PromptAnswer& answer)
{
    state().answers.append(answer);
}
void Prompt::setUnattended(bool unattended)
{
    state().unattended = unattended;
}
QStringList Prompt::shownMessages()
{
    return state().shown;
}
void Prompt::clearShownMessages()
{
    state().shown.clear();
}
QString Prompt::lastQuestion()
{
    return state().lastQuestion;
}

std::optional<PromptAnswer> Prompt::takeAnswer(const QString& question)
{
    state().lastQuestion = question;
    if (!state().answers.isEmpty())
        return state().answers.takeFirst();
    if (state().unattended)
        return PromptAnswer {};
    return std::nullopt;
}

void Prompt::record(const QString& message)
{
    state().shown.append(message);
    if (state().shown.size() > 200)
        state().shown.removeFirst();
}

bool Prompt::confirmPlan(QWidget* parent, const QString& title, const QString& summary,
    const QString& planText, const QString& typeToConfirm)
{
    if (auto answer = takeAnswer(title + u'\n' + summary + u'\n' + planText)) {
        if (!typeToConfirm.isEmpty())
            return answer->accepted && answer->text == typeToConfirm;
        return answer->accepted;
    }
    PlanPreviewDialog dialog(title, summary, planText, typeToConfirm, parent);
    return dialog.exec() == QDialog::Accepted;
}

bool Prompt::confirmRepair(
    QWidget* parent, const QString& title, const RepairPreview& preview, const QString& typeToConfirm)
{
    if (state().inspector) {
        state().lastQuestion = title + u'\n' + RepairPreviewDialog::summaryText(preview);
        RepairPreviewDialog dialog(title, preview, typeToConfirm, parent);
        return state().inspector(dialog);
    }
    if (auto answer = takeAnswer(title + u'\n' + RepairPreviewDialog::summaryText(preview))) {
        if (!typeToConfirm.isEmpty())
            return answer->accepted && answer->text == typeToConfirm;
        return answer->accepted;
    }
    RepairPreviewDialog dialog(title, preview, typeToConfirm, parent);
    return dialog.exec() == QDialog::Accepted;
}

void Prompt::setRepairPreviewInspector(std::function<bool(RepairPreviewDialog&)> inspector)
{
    state().inspector = std::move(inspector);
}

std::optional<LevelChoice> Prompt::askLevel(QWidget* parent, const QString& title, int current, int max)
{
    if (auto answer = takeAnswer(title)) {
        if (!answer->accepted || answer->level < 1 || answer->level > max || answer->text.trimmed().isEmpty())
            return std::nullopt;
        return LevelChoice { answer->level, answer->text.trimmed() };
    }
    SetLevelDialog dialog(title, current, max, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return LevelChoice { dialog.level(), dialog.reason() };
}

bool Prompt::confirm(QWidget* parent, const QString& title, const QString& text)
{
    if (auto answer = takeAnswer(title + u'\n' + text))
        return answer->accepted;
    return QMessageBox::question(
               parent, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        == QMessageBox::Yes;
}

std::optional<ConnectRequest> Prompt::askConnection(QWidget* parent, const ConnectionProfile& current)
{
    ConnectDialog dialog(current, parent);
    if (auto answer = takeAnswer(dialog.windowTitle())) {
        if (!answer->accepted)
            return std::nullopt;
        const QString target = answer->text.trimmed();
        if (target.startsWith(u"profile:")) {
            if (!dialog.useProfile(target.mid(8))) {
                record(dialog.windowTitle() + u": " + tr("no profile named %1").arg(target.mid(8)));
                return std::nullopt;
            }
        } else if (target.startsWith(u"demo:")) {
            dialog.setNewDemo(target.mid(5), answer->demoStudents > 0 ? answer->demoStudents : 2000);
        } else {
            if (target.contains(u'=') || target.startsWith(QStringLiteral("postgres")))
                dialog.setConninfo(target);
            else
                dialog.setSqlitePath(target);
            dialog.setReadOnly(answer->readOnly);
        }
        if (!answer->name.isEmpty())
            dialog.setProfileName(answer->name);
        dialog.accept();
        if (dialog.result() != QDialog::Accepted) {
            record(dialog.windowTitle() + u": " + dialog.error());
            return std::nullopt;
        }
        return dialog.request();
    }
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.request();
}

std::optional<SignInAnswer> Prompt::askSignIn(QWidget* parent, const SignInRequest& request)
{
    SignInDialog dialog(request, parent);
    if (auto answer = takeAnswer(dialog.windowTitle() + u'\n' + request.message)) {
        if (!answer->accepted)
            return std::nullopt;
        dialog.setAnswer({ answer->name, answer->text, false });
        const SignInAnswer given = dialog.answer();
        if (given.email.isEmpty() || given.password.isEmpty())
            return std::nullopt;
        return given;
    }
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.answer();
}

QString Prompt::openFile(QWidget* parent, const QString& title, const QString& filter)
{
    if (auto answer = takeAnswer(title))
        return answer->accepted ? answer->text : QString();
    return QFileDialog::getOpenFileName(parent, title, QString(), filter);
}

QString Prompt::saveFile(
    QWidget* parent, const QString& title, const QString& suggested, const QString& filter)
{
    if (auto answer = takeAnswer(title))
        return answer->accepted ? answer->text : QString();
    return QFileDialog::getSaveFileName(parent, title, suggested, filter);
}

void Prompt::noteShown(const QString& title, const QString& text)
{
    record(title + u": " + text);
}

void Prompt::error(QWidget* parent, const QString& title, const QString& text)
{
    record(title + u": " + text);
    if (state().unattended)
        return;
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("errorMessageBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void Prompt::information(QWidget* parent, const QString& title, const QString& text)
{
    record(title + u": " + text);
    if (state().unattended)
        return;
    auto* box = new QMessageBox(QMessageBox::Information, title, text, QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("informationMessageBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace cc::ui
