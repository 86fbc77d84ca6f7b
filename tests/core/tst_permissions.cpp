// The permission table of docs/BEHAVIOUR.md C7, row by row, for admin, instructor, student and system.
#include "Permissions.h"

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
};

QTEST_GUILESS_MAIN(TestPermissions)
#include "tst_permissions.moc"
