// The permission table of docs/BEHAVIOUR.md C7, row by row, for admin, instructor, student and system;
// the audit's action and source words (core/audit/AuditVocabulary.h) and the permission reverting an entry
// needs.
#include "audit/AuditVocabulary.h"
#include "session/Permissions.h"
#include "write/Reverter.h"

#include <QTest>

using namespace cc;

Q_DECLARE_METATYPE(cc::Action)
Q_DECLARE_METATYPE(cc::Role)
Q_DECLARE_METATYPE(cc::Environment)

namespace {

Operator as(Role role, bool active = true)
{
    Operator op;
    op.role = role;
    op.active = active;
    op.id = role == Role::System ? 0 : 7;
    op.email = role == Role::System ? QString() : QStringLiteral("someone@example.com");
    return op;
}

} // namespace

class TestPermissions final : public QObject {
    Q_OBJECT

private slots:
    void table_data()
    {
        QTest::addColumn<Action>("action");
        QTest::addColumn<Role>("role");
        QTest::addColumn<Environment>("environment");
        QTest::addColumn<bool>("allowed");
        const auto dev = Environment::Development;
        const auto prod = Environment::Production;
        struct Row {
            const char* name;
            QList<Action> actions;
            bool admin, adminProd, instructor, instructorProd, system, systemProd;
        };
        const QList<Row> rows {
            { "views", { Action::View }, true, true, true, true, true, true },
            { "support", { Action::SyncOne, Action::Advance, Action::RepairOne }, true, true, true, true,
                true, false },
            { "admin writes", { Action::UpdateProgress, Action::SetLevel, Action::Revert, Action::RepairAll },
                true, true, false, false, true, false },
            { "qa", { Action::Inject, Action::RevertInjection }, true, false, false, false, true, false },
            { "settings",
                { Action::ImportLevels, Action::SetEnvironment, Action::ChangeSettings, Action::CreateIndexes,
                    Action::Prune },
                true, true, false, false, true, false },
            { "setup", { Action::Demo, Action::Init }, true, true, false, false, true, true },
        };
        for (const Row& row : rows) {
            for (Action action : row.actions) {
                const QByteArray name = QByteArray(row.name) + ' ' + actionName(action).toUtf8();
                QTest::addRow("%s%s", name.constData(), " admin dev")
                    << action << Role::Admin << dev << row.admin;
                QTest::addRow("%s%s", name.constData(), " admin prod")
                    << action << Role::Admin << prod << row.adminProd;
                QTest::addRow("%s%s", name.constData(), " instructor dev")
                    << action << Role::Instructor << dev << row.instructor;
                QTest::addRow("%s%s", name.constData(), " instructor prod")
                    << action << Role::Instructor << prod << row.instructorProd;
                QTest::addRow("%s%s", name.constData(), " system dev")
                    << action << Role::System << dev << row.system;
                QTest::addRow("%s%s", name.constData(), " system prod")
                    << action << Role::System << prod << row.systemProd;
                QTest::addRow("%s%s", name.constData(), " student dev")
                    << action << Role::Student << dev << false;
                QTest::addRow("%s%s", name.constData(), " student prod")
                    << action << Role::Student << prod << false;
            }
        }
    }

    void table()
    {
        QFETCH(Action, action);
        QFETCH(Role, role);
        QFETCH(Environment, environment);
        QFETCH(bool, allowed);
        const auto result = authorize(action, as(role), environment);
        QCOMPARE(result.ok(), allowed);
        if (!result.ok()) {
            QCOMPARE(result.error().code, ErrorCode::Refused);
            QVERIFY(!result.error().message.isEmpty());
        }
    }

    void stagingBehavesLikeDevelopment()
    {
        QVERIFY(authorize(Action::Inject, as(Role::Admin), Environment::Staging).ok());
        QVERIFY(authorize(Action::RepairAll, as(Role::System), Environment::Staging).ok());
    }

    void inactiveUsersAreRefusedEverything()
    {
        QVERIFY(!authorize(Action::View, as(Role::Admin, false), Environment::Development).ok());
    }

    void roleTextIsCaseInsensitive()
    {
        QCOMPARE(roleFromText(QStringLiteral("ADMIN")), Role::Admin);
        QCOMPARE(roleFromText(QStringLiteral("Instructor")), Role::Instructor);
        QCOMPARE(roleFromText(QStringLiteral("janitor")), Role::Other);
        QVERIFY(!authorize(Action::View, as(Role::Other), Environment::Development).ok());
    }

    // The words stay byte for byte what the audit table and the command line held before the enums;
    // every value reads back from its name; a word no version writes is Other, kept as stored.
    void auditWordsRoundTrip()
    {
        const QList<std::pair<AuditAction, QString>> actions {
            { AuditAction::SyncProgressToLicense, QStringLiteral("sync_progress_to_license") },
            { AuditAction::SyncLicenseToProgress, QStringLiteral("sync_license_to_progress") },
            { AuditAction::UpdateProgress, QStringLiteral("update_progress") },
            { AuditAction::Advance, QStringLiteral("advance") },
            { AuditAction::SetLevel, QStringLiteral("set_level") },
            { AuditAction::Repair, QStringLiteral("repair") },
            { AuditAction::Inject, QStringLiteral("inject") },
            { AuditAction::AddSpecialization, QStringLiteral("add_specialization") },
            { AuditAction::Revert, QStringLiteral("revert") },
            { AuditAction::LevelsImport, QStringLiteral("levels_import") },
            { AuditAction::IndexCreate, QStringLiteral("index_create") },
            { AuditAction::IndexDrop, QStringLiteral("index_drop") },
            { AuditAction::Init, QStringLiteral("init") },
            { AuditAction::Demo, QStringLiteral("demo") },
            { AuditAction::Prune, QStringLiteral("prune") },
            { AuditAction::Settings, QStringLiteral("settings") },
            { AuditAction::EnvironmentSet, QStringLiteral("env_set") },
        };
        QCOMPARE(actions.size(), qsizetype(AuditAction::Other)); // every value before Other
        for (const auto& [action, name] : actions) {
            QCOMPARE(auditActionName(action), name);
            QVERIFY(auditActionFromName(name) == action);
        }
        const QList<std::pair<AuditSource, QString>> sources { { AuditSource::Cli, QStringLiteral("cli") },
            { AuditSource::Gui, QStringLiteral("gui") }, { AuditSource::Qa, QStringLiteral("qa") },
            { AuditSource::System, QStringLiteral("system") } };
        QCOMPARE(sources.size(), qsizetype(AuditSource::Other));
        for (const auto& [source, name] : sources) {
            QCOMPARE(auditSourceName(source), name);
            QVERIFY(auditSourceFromName(name) == source);
        }
        for (const QString& unknown :
            { QStringLiteral("sync_sideways"), QStringLiteral("Repair"), QString() })
            QVERIFY(auditActionFromName(unknown) == AuditAction::Other);
        QVERIFY(auditSourceFromName(QStringLiteral("api")) == AuditSource::Other);
        QVERIFY(
            auditActionName(AuditAction::Other).isEmpty() && auditSourceName(AuditSource::Other).isEmpty());
    }

    void revertingAnEntryByItsWords()
    {
        AuditEntry entry;
        entry.action = QStringLiteral("set_level");
        entry.source = QStringLiteral("qa");
        QCOMPARE(Reverter::permissionFor(entry), Action::RevertInjection);
        for (const char* source : { "gui", "cli", "system", "api" }) {
            entry.source = QString::fromLatin1(source);
            QCOMPARE(Reverter::permissionFor(entry), Action::Revert);
        }
        QVERIFY(Reverter::revertible(entry).ok());
        // Entries that changed no student rows, known or (by the old prefixes) written by another version.
        for (const char* action : { "settings", "env_set", "levels_import", "index_create", "index_drop",
                 "init", "add_specialization", "settings_schedule" }) {
            entry.action = QString::fromLatin1(action);
            QVERIFY2(!Reverter::revertible(entry).ok(), action);
        }
    }
};

QTEST_GUILESS_MAIN(TestPermissions)
#include "tst_permissions.moc"
