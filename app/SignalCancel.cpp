#include "SignalCancel.h"

#include <csignal>
#include <thread>
#include <unistd.h>

namespace cc::cli {

namespace {

int signalPipe[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

} // namespace

CancelToken& SignalCancel::token()
{
    static CancelToken token;
    return token;
}

void SignalCancel::install()
{
    if (::pipe(signalPipe) != 0)
        return;
    std::thread([] {
        char byte = 0;
        while (::read(signalPipe[0], &byte, 1) == 1)
            token().cancel();
    }).detach();
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

} // namespace cc::cli
