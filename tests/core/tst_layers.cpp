// The house's layering (docs/ARCHITECTURE.md, "Layers"), read from the source tree this test was
// built from: a core/ folder includes only folders listed before it; core/ never reaches Qt Gui or
// Widgets; ui/ and app/ hold no SQL and no engine branch; no function grows past 60 lines and no
// source file past 400.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

namespace {

// core/'s folders, lowest layer first. A new folder has to be placed here, so the layering is
// decided when the folder is made.
const QStringList coreLayers { QStringLiteral("base"), QStringLiteral("database"), QStringLiteral("schema"),
    QStringLiteral("session"), QStringLiteral("rules"), QStringLiteral("rows"), QStringLiteral("audit"),
    QStringLiteral("check"), QStringLiteral("write"), QStringLiteral("administration"),
    QStringLiteral("worker"), QStringLiteral("dialects") };

constexpr int maxLines = 400;
constexpr int maxFunctionLines = 60; // from the opening brace to the closing one

struct SourceFile {
    QString path; // relative to the source root, e.g. "core/check/HealthCheck.cpp"
    QStringList lines;
};

QList<SourceFile> sourcesUnder(const QString& top)
{
    const QString root = QStringLiteral(CC_SOURCE_DIR);
    QList<SourceFile> files;
    QDirIterator it(root + u'/' + top, { QStringLiteral("*.cpp"), QStringLiteral("*.h") }, QDir::Files,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly)) {
            qFatal("cannot read %s", qPrintable(file.fileName()));
        }
        const QString text = QString::fromUtf8(file.readAll());
        files.append({ file.fileName().mid(root.size() + 1), text.split(u'\n') });
    }
    return files;
}

// The project-local includes of a file: the text between the quotes of #include "...".
QStringList quotedIncludes(const SourceFile& file)
{
    static const QRegularExpression include(QStringLiteral("^\\s*#\\s*include\\s+\"([^\"]+)\\\""));
    QStringList names;
    for (const QString& line : file.lines) {
        const QRegularExpressionMatch match = include.match(line);
        if (match.hasMatch()) {
            names.append(match.captured(1));
        }
    }
    return names;
}

QStringList linesMatching(const SourceFile& file, const QRegularExpression& pattern)
{
    QStringList hits;
    for (qsizetype i = 0; i < file.lines.size(); ++i) {
        if (pattern.match(file.lines.at(i)).hasMatch()) {
            hits.append(
                QStringLiteral("%1:%2: %3").arg(file.path).arg(i + 1).arg(file.lines.at(i).trimmed()));
        }
    }
    return hits;
}

} // namespace

class TestLayers final : public QObject {
    Q_OBJECT

private slots:
    void coreFoldersIncludeOnlyLowerLayers()
    {
        QStringList breaches;
        const QList<SourceFile> files = sourcesUnder(QStringLiteral("core"));
        QVERIFY2(files.size() > 100, "the source tree was not found");
        for (const SourceFile& file : files) {
            const QString folder = file.path.section(u'/', 1, 1);
            const qsizetype layer = coreLayers.indexOf(folder);
            if (layer < 0 || file.path.count(u'/') != 2) {
                breaches.append(file.path + QStringLiteral(": not in a folder of the layer list"));
                continue;
            }
            for (const QString& include : quotedIncludes(file)) {
                const QString target = include.section(u'/', 0, 0);
                const qsizetype targetLayer = coreLayers.indexOf(target);
                if (!include.contains(u'/') || targetLayer < 0) {
                    breaches.append(
                        file.path + QStringLiteral(": includes \"%1\" without its folder").arg(include));
                } else if (targetLayer > layer) {
                    breaches.append(file.path
                        + QStringLiteral(": %1/ includes the higher layer %2/").arg(folder, target));
                }
            }
        }
        QVERIFY2(breaches.isEmpty(), qPrintable(breaches.join(u'\n')));
    }

    void coreNeverReachesGuiOrWidgets()
    {
        static const QRegularExpression gui(
            QStringLiteral("^\\s*#\\s*include\\s*<(QtGui|QtWidgets|QWidget|QApplication|QGuiApplication|"
                           "QPainter|QColor|QIcon)\\b"));
        QStringList hits;
        for (const SourceFile& file : sourcesUnder(QStringLiteral("core"))) {
            hits += linesMatching(file, gui);
        }
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
    }

    void frontEndsHoldNoSqlAndNoEngineBranch()
    {
        static const QRegularExpression sql(
            QStringLiteral("#\\s*include\\s*<QtSql|#\\s*include\\s*<QSql|\\bQSqlQuery\\b|\\bisPostgres\\(|"
                           "\"\\s*(SELECT|INSERT INTO|UPDATE \\w+ SET|DELETE FROM)\\s"));
        QStringList hits;
        for (const QString& top : { QStringLiteral("ui"), QStringLiteral("app") }) {
            for (const SourceFile& file : sourcesUnder(top)) {
                hits += linesMatching(file, sql);
            }
        }
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
    }

    void engineBranchesOnlyInTheDialects()
    {
        static const QRegularExpression branch(QStringLiteral("\\bisPostgres\\("));
        QStringList hits;
        for (const SourceFile& file : sourcesUnder(QStringLiteral("core"))) {
            if (!file.path.startsWith(QStringLiteral("core/dialects/"))) {
                hits += linesMatching(file, branch);
            }
        }
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
    }

    // A function defined at namespace level opens and closes its body with a brace alone at the
    // start of a line (.clang-format); functions defined inside a class body are not seen here.
    void noFunctionOverSixtyLines()
    {
        QStringList longFunctions;
        int functions = 0;
        for (const QString& top : { QStringLiteral("core"), QStringLiteral("ui"), QStringLiteral("app") }) {
            for (const SourceFile& file : sourcesUnder(top)) {
                qsizetype open = -1;
                for (qsizetype i = 0; i < file.lines.size(); ++i) {
                    const QString& line = file.lines.at(i);
                    if (line == u"{") {
                        open = i;
                    } else if (open >= 0 && (line == u"}" || line == u"};")) {
                        ++functions;
                        if (i - open + 1 > maxFunctionLines) {
                            longFunctions.append(QStringLiteral("%1:%2: %3 lines")
                                                     .arg(file.path)
                                                     .arg(open + 1)
                                                     .arg(i - open + 1));
                        }
                        open = -1;
                    }
                }
            }
        }
        QVERIFY2(functions > 1000, "the functions of the source tree were not found");
        QVERIFY2(longFunctions.isEmpty(), qPrintable(longFunctions.join(u'\n')));
    }

    void noSourceFileOverFourHundredLines()
    {
        QStringList longFiles;
        for (const QString& top : { QStringLiteral("core"), QStringLiteral("ui"), QStringLiteral("app") }) {
            for (const SourceFile& file : sourcesUnder(top)) {
                // A file's text ends with a newline, so split() gives one empty part after the last line.
                const qsizetype lines = file.lines.size() - (file.lines.constLast().isEmpty() ? 1 : 0);
                if (lines > maxLines) {
                    longFiles.append(QStringLiteral("%1: %2 lines").arg(file.path).arg(lines));
                }
            }
        }
        QVERIFY2(longFiles.isEmpty(), qPrintable(longFiles.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestLayers)
#include "tst_layers.moc"
