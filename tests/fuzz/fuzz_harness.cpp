// libFuzzer harness, built once per target with CC_FUZZ_FEED naming its feed function
// (fuzz_levelfile: feedLevelFile, fuzz_conninfo: feedConninfo, fuzz_commandline: feedCommandLine).
// Built with -DCC_FUZZ=ON (clang); run by scripts/fuzz.sh. tst_fuzz_corpus replays its inputs.
#include "FuzzTargets.h"

#include <QCoreApplication>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    static QCoreApplication application(*argc, *argv);
    cc::fuzz::prepareEnvironment();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // No copy: ASan sees a read past the input's last byte.
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    cc::fuzz::abortIfBroken(cc::fuzz::CC_FUZZ_FEED(input), input);
    return 0;
}
