#pragma once

#include <QLocale>
#include <QString>

namespace cc::ui {

// The interface language the user chose (QSettings "ui/language": system, en or hu) and the
// translators for it: the application's own, embedded at :/i18n (resources/translations/*.ts), and Qt's own
// (qtbase_<lang>.qm from Qt's translations directory, Debian package qt6-translations-l10n). The
// chosen language's locale becomes the default, so dates and numbers follow it. A new choice takes
// effect at the next start (pages build their texts once). GUI thread only.
class Translations final {
public:
    enum class Language { System, English, Hungarian };

    Translations() = delete;

    static Language savedLanguage();
    static void saveLanguage(Language language);
    // Installs the translators for `language`, replacing any installed before, and sets the
    // default QLocale. Returns whether the application's own translation was loaded (false for
    // English, the source language, and for a system language without a translation).
    static bool install(Language language);
    // The language install() was last called with (System before any call).
    static Language installedLanguage();

    static QString key(Language language); // "system", "en", "hu"
    static Language languageFromKey(const QString& key); // unknown: System
};

} // namespace cc::ui
