#pragma once

#include "DatabaseSnapshot.h"
#include "PlatformFixture.h"

#include <QTest>

// What the tests on the platform's real shape share: a fixture built per test function, a session
// signed in as its admin, and verdict macros that stop the test function on failure.
#define CC_VERIFY_OK(result)                                                                                 \
    QVERIFY2((result).ok(), (result).ok() ? "" : qPrintable((result).error().message))
#define CC_VERIFY_VERDICT(verdict)                                                                           \
    do {                                                                                                     \
        const cc::test::SnapshotVerdict v_ = (verdict);                                                      \
        QVERIFY2(v_, qPrintable(v_.message));                                                                \
    } while (false)
#define CC_SET_UP(...)                                                                                       \
    do {                                                                                                     \
        setUp(__VA_ARGS__);                                                                                  \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

namespace cc::test {

class PlatformTestCase {
protected:
    std::unique_ptr<PlatformFixture> m_fixture;
    std::unique_ptr<Session> m_session;

    void setUp(bool uniqueLicensePerType = false)
    {
        m_fixture = std::make_unique<PlatformFixture>(PlatformFixture::Options { uniqueLicensePerType });
        QVERIFY2(m_fixture->build(), qPrintable(m_fixture->error()));
        m_session = m_fixture->openAsAdmin();
        QVERIFY(m_session);
    }
    TestDatabase& db() { return m_fixture->db(); }
    const PlatformFixtureIds& ids() const { return m_fixture->ids(); }
    DatabaseSnapshot snapshot() { return DatabaseSnapshot::take(m_fixture->db()); }
};

} // namespace cc::test
