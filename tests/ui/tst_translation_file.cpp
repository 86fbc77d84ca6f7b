// The Hungarian translation file: resources/translations/coupling-console_hu.ts is complete and clean
// (every entry translated, no unfinished, obsolete or vanished entries, placeholders and accelerators
// kept, no English left outside a short allow-list), and it holds exactly the tr() strings of ui/ and
// app/ (lupdate run on a copy). After adding or changing tr() strings: scripts/update-translations.sh,
// then translate.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>

namespace {

struct TsMessage {
    QString context;
    QString source;
    QString comment;
    QString type; // the translation's type attribute: "", "unfinished", "obsolete", "vanished"
    bool numerus = false;
    QStringList translations; // one, or one per numerus form
    qint64 line = 0;

    QString key() const { return context + u'\x1f' + source + u'\x1f' + comment; }
};

struct TsFile {
    QString language;
    QList<TsMessage> messages;
    QString error;
};

TsFile readTs(const QString& path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = QStringLiteral("cannot open %1").arg(path);
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == u"TS") {
            ts.language = xml.attributes().value(QStringLiteral("language")).toString();
        } else if (name == u"context") {
            context.clear();
        } else if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            if (!message.source.isNull())
                ts.messages << message;
            message = TsMessage();
            message.context = context;
            message.numerus = xml.attributes().value(QStringLiteral("numerus")) == u"yes";
            message.line = xml.lineNumber();
        } else if (name == u"source") {
            message.source = xml.readElementText();
        } else if (name == u"comment") {
            message.comment = xml.readElementText();
        } else if (name == u"translation") {
            message.type = xml.attributes().value(QStringLiteral("type")).toString();
            if (!message.numerus)
                message.translations << xml.readElementText();
        } else if (name == u"numerusform") {
            message.translations << xml.readElementText();
        }
    }
    if (!message.source.isNull())
        ts.messages << message;
    if (xml.hasError())
        ts.error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return ts;
}

// Texts that are the same in Hungarian: names, units and pure formats.
const QSet<QString> sameInHungarian = {
    QStringLiteral("OK"),
    QStringLiteral("SQLite"),
    QStringLiteral("PostgreSQL"),
    QStringLiteral("XP"),
    QStringLiteral("%1 ms"),
    QStringLiteral("%1 (Ctrl+%2)"),
    QStringLiteral("Coupling Console"),
    QStringLiteral("Coupling Console — %1"),
};

// True when the text has no letters outside its placeholders ("%1 (%2)", "#%1", "%1 %").
bool isPureFormat(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("%(\\d+|n)")));
    return std::none_of(text.cbegin(), text.cend(), [](QChar c) { return c.isLetter(); });
}

QStringList placeholders(const QString& text)
{
    QStringList found;
    QRegularExpressionMatchIterator it = QRegularExpression(QStringLiteral("%(\\d+|n)")).globalMatch(text);
    while (it.hasNext())
        found << it.next().captured(0);
    found.sort();
    found.removeDuplicates();
    return found;
}

// The number of keyboard accelerators: a single & before a character ("&&" is a literal &).
int accelerators(const QString& text)
{
    int count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (i + 1 < text.size() && text.at(i + 1) == u'&') {
            ++i;
            continue;
        }
        if (i + 1 < text.size() && !text.at(i + 1).isSpace())
            ++count;
    }
    return count;
}

QString describe(const TsMessage& message)
{
    return QStringLiteral("line %1, %2: \"%3\"").arg(message.line).arg(message.context, message.source);
}

} // namespace

class TestTranslationFile final : public QObject {
    Q_OBJECT

private slots:
    void everyEntryIsTranslated()
    {
        const TsFile ts = readTs(QStringLiteral(CC_TS_FILE));
        QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
        QCOMPARE(ts.language, QStringLiteral("hu"));
        QVERIFY(ts.messages.size() > 300); // the file really was read
        QStringList problems;
        for (const TsMessage& message : ts.messages) {
            if (!message.type.isEmpty()) {
                problems << QStringLiteral("%1 is %2").arg(describe(message), message.type);
                continue;
            }
            if (message.translations.isEmpty()
                || std::any_of(message.translations.cbegin(), message.translations.cend(),
                    [](const QString& t) { return t.trimmed().isEmpty(); })) {
                problems << QStringLiteral("%1 has an empty translation").arg(describe(message));
                continue;
            }
            for (const QString& translation : message.translations) {
                if (translation == message.source && !sameInHungarian.contains(message.source)
                    && !isPureFormat(message.source))
                    problems << QStringLiteral("%1 is still English").arg(describe(message));
                if (placeholders(translation) != placeholders(message.source))
                    problems << QStringLiteral("%1 has placeholders %2 instead of %3")
                                    .arg(describe(message), placeholders(translation).join(u' '),
                                        placeholders(message.source).join(u' '));
                if (accelerators(translation) != accelerators(message.source))
                    problems << QStringLiteral("%1 has %2 accelerator(s) instead of %3")
                                    .arg(describe(message))
                                    .arg(accelerators(translation))
                                    .arg(accelerators(message.source));
            }
        }
        QVERIFY2(problems.isEmpty(),
            qPrintable(u'\n' + problems.join(u'\n') + QStringLiteral("\n(translate them in ")
                + QStringLiteral(CC_TS_FILE) + u')'));
    }

    // lupdate on a copy: a string in the sources but not in the .ts comes back unfinished, a string
    // in the .ts but no longer in the sources is dropped (-no-obsolete).
    void theTsFileHoldsExactlyTheSourceStrings()
    {
        QVERIFY2(QFile::exists(QStringLiteral(CC_LUPDATE)), CC_LUPDATE);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("copy_hu.ts"));
        QVERIFY(QFile::copy(QStringLiteral(CC_TS_FILE), copy));
        QProcess lupdate;
        lupdate.setWorkingDirectory(QStringLiteral(CC_SOURCE_DIR));
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(CC_LUPDATE),
            { QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                QStringLiteral("-extensions"), QStringLiteral("cpp,h"), QStringLiteral("ui"),
                QStringLiteral("app"), QStringLiteral("-ts"), copy });
        QVERIFY(lupdate.waitForFinished(120000));
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
            lupdate.readAll().constData());

        const TsFile committed = readTs(QStringLiteral(CC_TS_FILE));
        const TsFile fresh = readTs(copy);
        QVERIFY2(
            committed.error.isEmpty() && fresh.error.isEmpty(), qPrintable(committed.error + fresh.error));
        QSet<QString> committedKeys;
        for (const TsMessage& message : committed.messages)
            committedKeys.insert(message.key());
        QSet<QString> freshKeys;
        QStringList problems;
        for (const TsMessage& message : fresh.messages) {
            freshKeys.insert(message.key());
            if (!committedKeys.contains(message.key()))
                problems << QStringLiteral("new in the sources, not in the .ts: %1: \"%2\"")
                                .arg(message.context, message.source);
        }
        for (const TsMessage& message : committed.messages) {
            if (!freshKeys.contains(message.key()))
                problems << QStringLiteral("in the .ts, no longer in the sources: %1").arg(describe(message));
        }
        QVERIFY2(problems.isEmpty(),
            qPrintable(u'\n' + problems.join(u'\n')
                + QStringLiteral("\nRun scripts/update-translations.sh and translate the new entries.")));
    }
};

QTEST_MAIN(TestTranslationFile)
#include "tst_translation_file.moc"
