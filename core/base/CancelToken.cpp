#include "base/CancelToken.h"

namespace cc {

void CancelToken::cancel()
{
    m_cancelled.store(true);
    QMutexLocker lock(&m_mutex);
    if (m_interrupter)
        m_interrupter();
}

CancelToken::InterruptScope::InterruptScope(CancelToken* token, std::function<void()> interrupter)
    : m_token(token)
{
    if (!m_token)
        return;
    QMutexLocker lock(&m_token->m_mutex);
    m_token->m_interrupter = std::move(interrupter);
    if (m_token->m_cancelled.load() && m_token->m_interrupter)
        m_token->m_interrupter();
}

CancelToken::InterruptScope::~InterruptScope()
{
    if (!m_token)
        return;
    QMutexLocker lock(&m_token->m_mutex);
    m_token->m_interrupter = nullptr;
}

} // namespace cc
