#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

namespace cc::ui {

namespace {
const auto languageSetting = QStringLiteral("ui/language");

Translations::Language installed = Translations::Language::System;
// Owned by the application object; QPointer because the application may be gone between tests.
QPointer<QTranslator> appTranslator;
QPointer<QTranslator> qtTranslator;

void uninstall(QPointer<QTranslator>& translator)
{
    if (translator) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

QLocale localeFor(Translations::Language language)
{
    switch (language) {
    case Translations::Language::English:
        // Keep an English system locale's conventions (en_GB stays en_GB); otherwise US English.
        return QLocale::system().language() == QLocale::English
            ? QLocale::system()
            : QLocale(QLocale::English, QLocale::UnitedStates);
    case Translations::Language::Hungarian:
        return QLocale(QLocale::Hungarian, QLocale::Hungary);
    case Translations::Language::System:
        break;
    }
    return QLocale::system();
}
} // namespace

Translations::Language Translations::savedLanguage()
{
    return languageFromKey(QSettings().value(languageSetting).toString());
}

void Translations::saveLanguage(Language language)
{
    QSettings().setValue(languageSetting, key(language));
}

bool Translations::install(Language language)
{
    uninstall(appTranslator);
    uninstall(qtTranslator);
    installed = language;
    const QLocale locale = localeFor(language);
    QLocale::setDefault(locale);
    if (language == Language::English)
        return false; // the source language
    auto* app = new QTranslator(QCoreApplication::instance());
    if (!app->load(
            locale, QStringLiteral("coupling-console"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete app; // no translation for this language: English, and Qt's dialogs in English too
        return false;
    }
    QCoreApplication::installTranslator(app);
    appTranslator = app;
    auto* qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        qtTranslator = qt;
    } else {
        delete qt; // qt6-translations-l10n not installed: Qt's own buttons stay English
    }
    return true;
}

Translations::Language Translations::installedLanguage()
{
    return installed;
}

QString Translations::key(Language language)
{
    switch (language) {
    case Language::English:
        return QStringLiteral("en");
    case Language::Hungarian:
        return QStringLiteral("hu");
    case Language::System:
        break;
    }
    return QStringLiteral("system");
}

Translations::Language Translations::languageFromKey(const QString& key)
{
    if (key == u"en")
        return Language::English;
    if (key == u"hu")
        return Language::Hungarian;
    return Language::System;
}

} // namespace cc::ui
