#include "session/SharedSignIn.h"

namespace cc {

namespace {

bool isAnswerAboutThePassword(ErrorCode code)
{
    return code == ErrorCode::Refused || code == ErrorCode::NotFound;
}

} // namespace

Result<Operator> SharedSignIn::authenticate(const Check& check)
{
    const std::lock_guard lock(m_mutex);
    if (m_answer)
        return *m_answer;
    Result<Operator> answer = check();
    if (answer || isAnswerAboutThePassword(answer.error().code))
        m_answer = answer;
    return answer;
}

} // namespace cc
