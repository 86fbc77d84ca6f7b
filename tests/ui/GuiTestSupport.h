#pragma once

#include "MainWindow.h"
#include "TestDatabase.h"

#include <QTest>

#include <memory>

namespace cc::test {

// Opens the real main window on a test database as `operatorEmail`, shown offscreen at 1280×800.
inline std::unique_ptr<ui::MainWindow> openWindow(TestDatabase& db, const QString& operatorEmail = QStringLiteral("admin@demo.local"))
{
    SessionOptions options;
    options.profile = db.profile();
    options.operatorEmail = operatorEmail;
    options.source = QStringLiteral("gui");
    auto window = std::make_unique<ui::MainWindow>(options);
    window->resize(1280, 800);
    window->show();
    return window;
}

template <typename T>
T* child(QObject* root, const char* name)
{
    return root->findChild<T*>(QString::fromLatin1(name));
}

} // namespace cc::test
