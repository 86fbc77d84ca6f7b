// `coupling-console --screenshots DIR` renders every page at 1280×800 and exits; each PNG is
// checked to be that size and not blank.
#include "TestDatabase.h"

#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTest>

using namespace cc::test;

class TestScreenshots final : public QObject {
    Q_OBJECT

private slots:
    void everyPageIsSavedFullSizeAndNotBlank()
    {
        TestDatabase db;
        QVERIFY(db.initialise(300));
        const QString dir = db.directory() + QStringLiteral("/shots");
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedChannels);
        process.start(qEnvironmentVariable("CC_BINARY"),
            db.cliArguments()
                + QStringList { QStringLiteral("--operator"), QStringLiteral("admin@demo.local"),
                    QStringLiteral("--screenshots"), dir });
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        for (const char* page :
            { "dashboard", "violations", "user", "qa-lab", "audit", "settings", "runs" }) {
            const QImage image(dir + u'/' + QString::fromLatin1(page) + QStringLiteral(".png"));
            QVERIFY2(!image.isNull(), page);
            QCOMPARE(image.size(), QSize(1280, 800));
            QSet<QRgb> colours;
            for (int y = 0; y < image.height(); y += 7) {
                for (int x = 0; x < image.width(); x += 7)
                    colours.insert(image.pixel(x, y));
            }
            QVERIFY2(colours.size() > 20, page); // text, widgets and charts, not one flat colour
        }
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
